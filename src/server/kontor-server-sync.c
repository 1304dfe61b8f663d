/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Push and pull (src/protocol/PROTOCOL.md "Push", "Pull").
 *
 * A push is read and checked whole before the database sees it: a body
 * naming an entity or field the protocol does not know, or a value its
 * field cannot hold, is refused with 400 and nothing applied. Then one
 * transaction (READ COMMITTED): the client's watermark row is locked
 * first, so the same mutation sent twice, to two instances at once, is
 * applied once — the second waits for the lock and then finds it taken;
 * the workspace's clock row next, so pushes commit in the order of their
 * sequence numbers and the sequence has no gap. Each mutation runs in a
 * savepoint: one that fails is rejected, the others stay.
 *
 * Every push waits for the clock, so what it does while holding it is
 * counted in round trips: the writes whose results nothing reads wait in
 * a queue (defer ()) and go with the next statement that is read, in one
 * pipeline (kontor_db_exec_pipeline ()). A push of one change takes three:
 * BEGIN with the watermark; the clock with the savepoint, the record's
 * row and the scope check; the change's writes with its stored result,
 * the savepoint's release, the end (rescope, clock, watermark) and the
 * COMMIT. It holds the clock for the last two. */

#define G_LOG_DOMAIN "kontor-server"

#include "config.h"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kontor-activity.h"
#include "kontor-record-json.h"
#include "kontor-record.h"
#include "kontor-server-sync.h"
#include "kontor-sync-entity.h"
#include "kontor-sync-push.h"
#include "kontor-uuid.h"

/* HTTP statuses, without libsoup in this file */
#define STATUS_OK                  200
#define STATUS_BAD_REQUEST         400
#define STATUS_FORBIDDEN           403
#define STATUS_CONFLICT            409
#define STATUS_GONE                410
#define STATUS_SERVICE_UNAVAILABLE 503

typedef KontorSyncMutation Mutation;

/* The state of one push's transaction */
typedef struct
{
  PGconn        *conn;
  KontorAccount *account;
  gint64         last_seq;
  gboolean       failed;      /* a statement failed: the push rolls back */
  gboolean       data_error;  /* ... and it was the data's fault (SQLSTATE 22, 23) */
  const char    *owner_id;    /* whose new conflicts are: the pusher, or for a */
  const char    *owner_client; /* resolution the conflict's owner */
  GPtrArray     *created;     /* the contacts this push made (their ids) */
  GPtrArray     *deferred;    /* Deferred: writes not sent yet */
  const Mutation *row_for;    /* the mutation whose record row was read */
  PGresult      *row;         /* ... with it, and locked; %NULL: none */
  PGresult      *clock;       /* the clock's row, read with the next statement */
  gboolean       clock_taken; /* start_clock () was called */
  gboolean       clock_read;  /* ... and first_seq and last_seq are the clock's */
  gint64         first_seq;   /* the clock when the push took it */
  gint64         seq_before;  /* the clock before the last mutation */
  int            merges;      /* merged contacts: 0 not asked, 1 none, 2 some */
} Push;

/* A statement whose result nothing reads, waiting for the next one that
 * is read (defer ()) */
typedef struct
{
  const char  *sql;      /* a literal */
  int          n_params;
  char       **params;   /* copies; %NULL entries are SQL NULL */
  PGresult   **result;   /* where its result goes, if it is read */
} Deferred;

static void
deferred_free (gpointer data)
{
  Deferred *deferred = data;

  for (int i = 0; i < deferred->n_params; i++)
    g_free (deferred->params[i]);
  g_free (deferred->params);
  g_free (deferred);
}

static void
push_clear (Push *push)
{
  g_clear_pointer (&push->deferred, g_ptr_array_unref);
  g_clear_pointer (&push->row, PQclear);
  g_clear_pointer (&push->clock, PQclear);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Push, push_clear)

/* ------------------------------------------------------------------------ */
/* JSON */

static void
append_canonical (GString  *out,
                  JsonNode *node);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* @node with the members of every object in name order: two values are
 * the same when their canonical texts are (PostgreSQL's jsonb keeps its
 * own member order) */
static void
append_canonical (GString  *out,
                  JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

      for (GList *l = names; l != NULL; l = l->next)
        g_ptr_array_add (sorted, l->data);
      g_ptr_array_sort (sorted, compare_names);
      g_string_append_c (out, '{');
      for (guint i = 0; i < sorted->len; i++)
        {
          g_autofree char *name = kontor_json_quote (g_ptr_array_index (sorted, i));

          g_string_append_printf (out, "%s%s:", i > 0 ? "," : "", name);
          append_canonical (out, json_object_get_member (object, g_ptr_array_index (sorted, i)));
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_canonical (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    {
      g_autofree char *text = kontor_json_to_string (node);

      g_string_append (out, text);
    }
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  g_autoptr(GString) text_a = g_string_new (NULL);
  g_autoptr(GString) text_b = g_string_new (NULL);

  append_canonical (text_a, a);
  append_canonical (text_b, b);

  return g_str_equal (text_a->str, text_b->str);
}

/**
 * kontor_server_dup_error:
 * @code: for programs ("invalid", "unauthorized" …)
 * @message: (nullable): for people
 *
 * Returns: (transfer full): every error answer of the server,
 *   {"error": code, "message": message}
 */
char *
kontor_server_dup_error (const char *code,
                         const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  if (message != NULL)
    {
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return kontor_json_to_string (root);
}

/* The answer when the database failed: the transaction rolled back, and
 * 503 so that the client sends the same request again later */
static guint
database_unavailable (PGconn  *conn,
                      char   **response)
{
  PQclear (PQexec (conn, "ROLLBACK"));
  g_free (*response);
  *response = kontor_server_dup_error ("database_unavailable",
                         _("The server cannot reach its database. Try again later."));

  return STATUS_SERVICE_UNAVAILABLE;
}

/* ------------------------------------------------------------------------ */
/* Applying a push */

/* Runs the deferred statements and then @more, in one round trip;
 * @results gets @more's results (%NULL for one that failed or did not
 * run). A failure fails the push (push->failed), as any statement of it
 * would. */
static gboolean
run (Push                    *push,
     const KontorDbStatement *more,
     guint                    n_more,
     PGresult               **results)
{
  g_autoptr(GPtrArray) deferred = g_steal_pointer (&push->deferred);
  guint n_deferred = deferred != NULL ? deferred->len : 0, n = n_deferred + n_more;
  g_autofree KontorDbStatement *statements = g_new (KontorDbStatement, MAX (n, 1));
  g_autofree PGresult **all = g_new0 (PGresult *, MAX (n, 1));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (results != NULL)
    memset (results, 0, n_more * sizeof (PGresult *));
  if (push->failed)
    return FALSE;
  if (n == 0)
    return TRUE;

  for (guint i = 0; i < n_deferred; i++)
    {
      Deferred *statement = g_ptr_array_index (deferred, i);

      statements[i] = (KontorDbStatement) { statement->sql, statement->n_params,
                                            (const char * const *) statement->params };
    }
  for (guint i = 0; i < n_more; i++)
    statements[n_deferred + i] = more[i];

  if (n == 1)
    {
      all[0] = kontor_db_exec (push->conn, statements[0].sql, statements[0].n_params,
                               statements[0].params, &error);
      ok = all[0] != NULL;
    }
  else
    ok = kontor_db_exec_pipeline (push->conn, statements, n, all, &error);

  for (guint i = 0; i < n_deferred; i++)
    {
      Deferred *statement = g_ptr_array_index (deferred, i);

      if (statement->result != NULL)
        *statement->result = g_steal_pointer (&all[i]);
      g_clear_pointer (&all[i], PQclear);
    }
  for (guint i = 0; i < n_more; i++)
    results[i] = all[n_deferred + i];

  /* the clock, read with the first statement after it (start_clock ()),
   * also when a later one of the same round trip failed */
  if (push->clock != NULL && PQntuples (push->clock) == 1)
    {
      push->first_seq = push->last_seq = g_ascii_strtoll (PQgetvalue (push->clock, 0, 0),
                                                          NULL, 10);
      push->clock_read = TRUE;
    }
  g_clear_pointer (&push->clock, PQclear);
  if (ok && push->clock_taken && !push->clock_read)
    {
      ok = FALSE;
      g_set_error_literal (&error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_DATABASE,
                           "the workspace has no clock");
    }

  if (!ok)
    {
      g_warning ("%s", error->message);
      push->failed = TRUE;
      /* a mutation is rejected for its data only once the push knows the
       * clock it gives numbers back to; before, the push fails whole */
      push->data_error = g_error_matches (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_DATA) &&
                         (!push->clock_taken || push->clock_read);
    }

  return ok;
}

/* One statement whose result is read, after the deferred ones */
static PGresult *
exec (Push                *push,
      const char          *sql,
      int                  n_params,
      const char * const  *params)
{
  const KontorDbStatement statement = { sql, n_params, params };
  PGresult *result = NULL;

  run (push, &statement, 1, &result);

  return result;
}

/* A statement sent with the next one that is read; its failure fails
 * the push then. Its result goes to @result when that is not %NULL.
 * Nothing is queued once the push failed: until a rejection rolls the
 * mutation back (reject_invalid ()), nothing more of it may run. */
static void
defer_read (Push                *push,
            const char          *sql,
            int                  n_params,
            const char * const  *params,
            PGresult           **result)
{
  Deferred *deferred;

  if (push->failed)
    return;

  deferred = g_new0 (Deferred, 1);
  deferred->result = result;
  deferred->sql = sql;
  deferred->n_params = n_params;
  deferred->params = g_new0 (char *, MAX (n_params, 1));
  for (int i = 0; i < n_params; i++)
    deferred->params[i] = g_strdup (params[i]);
  if (push->deferred == NULL)
    push->deferred = g_ptr_array_new_with_free_func (deferred_free);
  g_ptr_array_add (push->deferred, deferred);
}

/* A statement whose result nothing reads */
static void
defer (Push                *push,
       const char          *sql,
       int                  n_params,
       const char * const  *params)
{
  defer_read (push, sql, n_params, params, NULL);
}

/* The workspace's clock, locked, read with the next statement: for a
 * push of one change, with the savepoint and the record's row */
static void
start_clock (Push *push)
{
  const char *params[] = { push->account->workspace_id };

  push->clock_taken = TRUE;
  defer_read (push, "SELECT last_seq FROM workspace WHERE id = $1 FOR UPDATE",
              G_N_ELEMENTS (params), params, &push->clock);
}

static gint64
next_seq (Push *push)
{
  return ++push->last_seq;
}

/* A change_log row; @fields and @old_values JSON objects as text */
static void
log_change (Push           *push,
            const Mutation *mutation,
            gint64          seq,
            const char     *op,
            const char     *fields,
            const char     *old_values)
{
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  g_autofree char *client_seq = g_strdup_printf ("%" G_GINT64_FORMAT, mutation->client_seq);
  const char *params[] = { push->account->workspace_id, seq_text,
                           kontor_sync_entity_get_name (mutation->entity), mutation->id, op,
                           fields, old_values, push->account->id, push->account->client_id,
                           client_seq };
  /* the scope of the contact the row belongs to, as it is now; the end
   * of the push gives the rows of a contact it touched the scope the
   * contact ends with (kontor_rescope() in schema/005-activities.sql) */
  defer (push, "INSERT INTO change_log (workspace_id, seq, entity, entity_id, op, fields,"
                " old_values, actor, client_id, client_seq, scope_owner, scope)"
                " SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, o.owner,"
                " (SELECT r.scope FROM record r WHERE r.workspace_id = $1"
                " AND r.entity = 'contact' AND r.id = o.owner)"
                " FROM (SELECT kontor_scope_owner ($1, $3, $4, $6) AS owner) o",
          G_N_ELEMENTS (params), params);

  if (push->created != NULL && mutation->op == KONTOR_SYNC_OP_CREATE &&
      mutation->entity == kontor_sync_entity_lookup ("contact"))
    g_ptr_array_add (push->created, g_strdup (mutation->id));
}

/* A conflict row; returns its id. @field %NULL for a whole-record conflict;
 * an open conflict of the same client about the same field is superseded
 * by it, so that the user answers once (@superseded is set then; for a
 * whole-record conflict the caller may have set it, see
 * supersede_own_edit()) */
static char *
add_conflict (Push           *push,
              const Mutation *mutation,
              const char     *field,
              const char     *kind,
              const char     *base,
              const char     *theirs,
              gint64          theirs_rev,
              const char     *yours,
              char          **superseded)
{
  g_autofree char *id = kontor_uuid_v7_new ();
  g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT, theirs_rev);
  g_autofree char *client_seq = g_strdup_printf ("%" G_GINT64_FORMAT, mutation->client_seq);
  const char *entity = kontor_sync_entity_get_name (mutation->entity);
  const char *old_params[] = { push->account->workspace_id, entity, mutation->id, field,
                               push->owner_client };
  g_autoptr(PGresult) old = NULL;

  /* only a field's: two whole-record conflicts hold different edits,
   * and both are kept */
  if (field != NULL)
    {
      old = exec (push, "UPDATE conflict SET status = 'superseded' WHERE workspace_id = $1"
                        " AND entity = $2 AND entity_id = $3 AND field = $4"
                        " AND yours_client = $5 AND status = 'open' RETURNING id",
                  G_N_ELEMENTS (old_params), old_params);
      *superseded = old != NULL && PQntuples (old) > 0 ? g_strdup (PQgetvalue (old, 0, 0)) : NULL;
    }

  {
    const char *params[] = { id, push->account->workspace_id, entity, mutation->id, field,
                             kind, base, theirs, rev, yours, push->owner_id,
                             push->owner_client, client_seq, *superseded };

    defer (push, "INSERT INTO conflict (id, workspace_id, entity, entity_id, field, kind,"
                         " base_value, theirs_value, theirs_rev, yours_value, yours_actor,"
                         " yours_client, yours_client_seq, supersedes) VALUES ($1, $2, $3, $4,"
                         " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                   G_N_ELEMENTS (params), params);
  }

  return g_steal_pointer (&id);
}

/* JsonObjectForeach: @member_name of an object set on @data, an object */
static void
copy_member (JsonObject  *object,
             const char  *member_name,
             JsonNode    *member_node,
             gpointer     data)
{
  json_object_set_member (data, member_name, json_node_copy (member_node));
}

/* An edit of a deleted record by a client that has an open edit_vs_delete
 * about it already (one save writes one mutation per changed field, and
 * a person may edit twice offline): that conflict is superseded, and the
 * new one holds its fields and the new ones, the new ones winning. So the
 * person answers once per record, and nothing they wrote is left out.
 * Returns the fields the conflict keeps; sets @superseded to the old
 * conflict's id when there was one. */
static JsonNode *
supersede_own_edit (Push           *push,
                    const Mutation *mutation,
                    char          **superseded)
{
  const char *params[] = { push->account->workspace_id,
                           kontor_sync_entity_get_name (mutation->entity), mutation->id,
                           push->owner_client };
  g_autoptr(PGresult) old = exec (push, "UPDATE conflict SET status = 'superseded'"
                                        " WHERE workspace_id = $1 AND entity = $2"
                                        " AND entity_id = $3 AND kind = 'edit_vs_delete'"
                                        " AND yours_client = $4 AND status = 'open'"
                                        " RETURNING id, yours_value",
                                  G_N_ELEMENTS (params), params);
  g_autoptr(JsonObject) merged = json_object_new ();

  for (int i = 0; old != NULL && i < PQntuples (old); i++)
    {
      g_autoptr(JsonNode) kept = kontor_json_parse (PQgetvalue (old, i, 1));

      g_free (*superseded);
      *superseded = g_strdup (PQgetvalue (old, i, 0));
      if (kept != NULL && JSON_NODE_HOLDS_OBJECT (kept))
        json_object_foreach_member (json_node_get_object (kept), copy_member, merged);
    }
  json_object_foreach_member (mutation->fields, copy_member, merged);

  return json_node_init_object (json_node_alloc (), merged);
}

/* A record's row, locked: $1 workspace, $2 entity, $3 id */
#define LOCK_RECORD "SELECT fields, field_revs, rev, deleted, deleted_rev, merged_into" \
                    " FROM record" \
                    " WHERE workspace_id = $1 AND entity = $2 AND id = $3 FOR UPDATE"

/* The row of the mutation's record, locked; %NULL when there is none.
 * apply_mutation () has read it already for the mutation it applies. */
static PGresult *
lock_record (Push           *push,
             const Mutation *mutation)
{
  const char *params[] = { push->account->workspace_id,
                           kontor_sync_entity_get_name (mutation->entity), mutation->id };
  PGresult *result;

  if (push->row_for == mutation)
    {
      push->row_for = NULL;
      return g_steal_pointer (&push->row);
    }

  result = exec (push, LOCK_RECORD, G_N_ELEMENTS (params), params);
  if (result != NULL && PQntuples (result) == 0)
    g_clear_pointer (&result, PQclear);

  return result;
}

/* Whether the change numbered @seq is this client's mutation @client_seq:
 * the user built on their own edit (after_local_seq) */
static gboolean
is_own_change (Push   *push,
               gint64  seq,
               gint64  client_seq)
{
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  g_autofree char *client_seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, client_seq);
  const char *params[] = { push->account->workspace_id, seq_text, push->account->client_id,
                           client_seq_text };
  g_autoptr(PGresult) result = exec (push, "SELECT 1 FROM change_log WHERE workspace_id = $1"
                                           " AND seq = $2 AND client_id = $3"
                                           " AND client_seq = $4", G_N_ELEMENTS (params), params);

  return result != NULL && PQntuples (result) == 1;
}

/* The value @field had at revision @rev, as JSON text; %NULL when unknown */
static char *
dup_value_at (Push           *push,
              const Mutation *mutation,
              const char     *field,
              gint64          rev)
{
  g_autofree char *rev_text = g_strdup_printf ("%" G_GINT64_FORMAT, rev);
  const char *params[] = { push->account->workspace_id, rev_text, mutation->id, field };
  g_autoptr(PGresult) result = NULL;

  if (rev == 0)
    return NULL;

  result = exec (push, "SELECT fields -> $4 -> 'value' FROM change_log WHERE workspace_id = $1"
                       " AND seq = $2 AND entity_id = $3", G_N_ELEMENTS (params), params);

  return result != NULL && PQntuples (result) == 1 && !PQgetisnull (result, 0, 0)
         ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
}

static void
begin_result (JsonBuilder    *builder,
              const Mutation *mutation,
              const char     *status)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_seq");
  json_builder_add_int_value (builder, mutation->client_seq);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
}

static void
add_rejection (JsonBuilder    *builder,
               const Mutation *mutation,
               const char     *reason)
{
  begin_result (builder, mutation, "rejected");
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  json_builder_end_object (builder);
}

static void
add_conflict_result (JsonBuilder *builder,
                     const char  *id,
                     const char  *kind,
                     const char  *field,
                     JsonNode    *theirs,
                     gint64       theirs_rev,
                     JsonNode    *yours,
                     const char  *superseded,
                     const char  *merged_into)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
      json_builder_set_member_name (builder, "theirs");
      json_builder_add_value (builder, theirs != NULL ? json_node_copy (theirs)
                                                      : json_node_new (JSON_NODE_NULL));
      json_builder_set_member_name (builder, "theirs_rev");
      json_builder_add_int_value (builder, theirs_rev);
    }
  /* a field's value, or an edit_vs_delete's fields (supersede_own_edit()) */
  if (yours != NULL)
    {
      json_builder_set_member_name (builder, "yours");
      json_builder_add_value (builder, json_node_copy (yours));
    }
  if (superseded != NULL)
    {
      json_builder_set_member_name (builder, "supersedes");
      json_builder_add_string_value (builder, superseded);
    }
  /* an edit of a contact merged into another: where it went, so that the
   * machine gives the kept one what it holds of it (PROTOCOL.md "Pushing") */
  if (merged_into != NULL)
    {
      json_builder_set_member_name (builder, "merged_into");
      json_builder_add_string_value (builder, merged_into);
    }
  json_builder_end_object (builder);
}

/*
 * Naming a file (PROTOCOL.md "Blobs"): reading a file is allowed to who
 * sees an activity naming it, so naming one is checked like a read. A
 * create or update of an activity whose "attachments" names a file the
 * stored value did not, and that the workspace keeps, is applied only
 * when the account holds the file (it uploaded the bytes itself:
 * blob_holder, schema 7) or already sees an activity naming it;
 * otherwise it is rejected, "file_forbidden". Without this, a user who
 * learned a file's hash could name it on an activity on a company (which
 * everyone sees) and then read a file of another scope. A file the
 * workspace does not keep yet may be named: a client sends its files
 * before the activities (the upload of a file it lost, or the server
 * refused, must not hold the activity back), and naming it gives nothing
 * until someone uploads those very bytes.
 *
 * The hashes a new value names are read generously, every run of 64 hex
 * digits in its text, so that no reading of the value (the model's, the
 * SQL kontor_attachment_hashes ()) finds one not checked here.
 */

static void
add_mentioned_hashes (GHashTable *hashes,
                      const char *text)
{
  g_auto(GStrv) found = kontor_attachments_find_hashes (text);

  for (guint i = 0; found[i] != NULL; i++)
    g_hash_table_add (hashes, g_strdup (found[i]));
}

/* The text of a record's stored "attachments", from its locked row */
static char *
dup_stored_attachments (PGresult *row)
{
  g_autoptr(JsonNode) fields = NULL;
  JsonNode *member;

  if (row == NULL || PQntuples (row) == 0)
    return NULL;
  fields = kontor_json_parse (PQgetvalue (row, 0, 0));
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    return NULL;
  member = json_object_get_member (json_node_get_object (fields), "attachments");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (member));
}

#define FORBIDDEN_FILES                                                                   \
  "SELECT b.sha256 FROM blob b WHERE b.workspace_id = $1 AND b.sha256 = ANY ($2::text[])"  \
  " AND NOT EXISTS (SELECT 1 FROM blob_holder h WHERE h.workspace_id = $1"                 \
  "                 AND h.sha256 = b.sha256 AND h.account_id = $3)"                        \
  " AND NOT EXISTS (SELECT 1 FROM record r WHERE r.workspace_id = $1"                      \
  "                 AND r.entity = 'activity' AND NOT r.deleted"                           \
  "                 AND kontor_attachment_hashes (r.fields->>'attachments') @> ARRAY[b.sha256]" \
  "                 AND kontor_sees (r.scope, (SELECT kontor_account_scopes ($1, $3)),"    \
  "                                  (SELECT kontor_is_admin ($3))))"

static char *dup_text_array (GPtrArray *strings);

/* Whether @mutation may name the files it names (see above); @row is its
 * record's locked row, %NULL for none */
static gboolean
may_name_files (Push           *push,
                const Mutation *mutation,
                PGresult       *row)
{
  g_autoptr(GHashTable) named = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(PGresult) forbidden = NULL;
  g_autofree char *stored_text = NULL;
  g_autofree char *list = NULL;
  JsonObject *change;
  JsonNode *value;
  GHashTableIter iter;
  gpointer hash;

  if (mutation->fields == NULL ||
      g_strcmp0 (kontor_sync_entity_get_name (mutation->entity), "activity") != 0 ||
      !json_object_has_member (mutation->fields, "attachments"))
    return TRUE;
  change = json_object_get_object_member (mutation->fields, "attachments");
  value = change != NULL ? json_object_get_member (change, "value") : NULL;
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return TRUE;

  named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_mentioned_hashes (named, json_node_get_string (value));

  /* those the record named already stay allowed: an edit of its subject
   * does not ask again */
  stored_text = dup_stored_attachments (row);
  stored = stored_text != NULL ? kontor_attachments_parse (stored_text, NULL) : NULL;
  for (guint i = 0; stored != NULL && i < stored->len; i++)
    g_hash_table_remove (named, ((KontorAttachment *) g_ptr_array_index (stored, i))->sha256);
  if (g_hash_table_size (named) == 0)
    return TRUE;

  keys = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, named);
  while (g_hash_table_iter_next (&iter, &hash, NULL))
    g_ptr_array_add (keys, hash);
  list = dup_text_array (keys);
  {
    const char *params[] = { push->account->workspace_id, list, push->account->id };

    forbidden = exec (push, FORBIDDEN_FILES, G_N_ELEMENTS (params), params);
  }

  /* a failed statement fails the push (push->failed): not a rejection */
  return forbidden == NULL || PQntuples (forbidden) == 0;
}

static void
apply_create (Push           *push,
              const Mutation *mutation,
              JsonBuilder    *builder)
{
  g_autoptr(PGresult) existing = lock_record (push, mutation);
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(JsonObject) revs = json_object_new ();
  g_autoptr(JsonObject) logged = json_object_new ();
  g_autoptr(GList) names = NULL;
  g_autofree char *values_text = NULL;
  g_autofree char *revs_text = NULL;
  g_autofree char *logged_text = NULL;
  g_autofree char *seq_text = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 seq;

  if (push->failed)
    return;
  if (existing != NULL)
    {
      add_rejection (builder, mutation, "id_conflict");
      return;
    }
  if (!may_name_files (push, mutation, NULL))
    {
      if (!push->failed)
        add_rejection (builder, mutation, "file_forbidden");
      return;
    }

  seq = next_seq (push);
  names = json_object_get_members (mutation->fields);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *change = json_object_get_object_member (mutation->fields, l->data);
      JsonObject *entry = json_object_new ();

      json_object_set_member (values, l->data,
                              json_node_copy (json_object_get_member (change, "value")));
      json_object_set_int_member (revs, l->data, seq);
      json_object_set_member (entry, "value",
                              json_node_copy (json_object_get_member (change, "value")));
      json_object_set_int_member (entry, "rev", seq);
      json_object_set_object_member (logged, l->data, entry);
    }

  node = json_node_init_object (json_node_alloc (), values);
  values_text = kontor_json_to_string (node);
  json_node_set_object (node, revs);
  revs_text = kontor_json_to_string (node);
  json_node_set_object (node, logged);
  logged_text = kontor_json_to_string (node);
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  {
    const char *params[] = { push->account->workspace_id,
                             kontor_sync_entity_get_name (mutation->entity), mutation->id,
                             values_text, revs_text, seq_text };

    defer (push, "INSERT INTO record (workspace_id, entity, id, fields, field_revs, rev)"
                 " VALUES ($1, $2, $3, $4, $5, $6)", G_N_ELEMENTS (params), params);
  }
  log_change (push, mutation, seq, "upsert", logged_text, "{}");

  begin_result (builder, mutation, "applied");
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, seq);
  json_builder_end_object (builder);
}

static void
apply_update (Push           *push,
              const Mutation *mutation,
              JsonBuilder    *builder)
{
  g_autoptr(PGresult) row = lock_record (push, mutation);
  g_autoptr(JsonNode) fields = NULL;
  g_autoptr(JsonNode) revs = NULL;
  g_autoptr(JsonObject) changed = json_object_new ();
  g_autoptr(JsonObject) old_values = json_object_new ();
  g_autoptr(JsonBuilder) conflicts = json_builder_new ();
  g_autoptr(JsonBuilder) applied = json_builder_new ();
  g_autoptr(GList) names = NULL;
  guint n_conflicts = 0, n_taken = 0;
  gint64 seq = 0;

  if (push->failed)
    return;
  if (row == NULL)
    {
      add_rejection (builder, mutation, "not_found");
      return;
    }
  if (!may_name_files (push, mutation, row))
    {
      if (!push->failed)
        add_rejection (builder, mutation, "file_forbidden");
      return;
    }

  fields = kontor_json_parse (PQgetvalue (row, 0, 0));
  revs = kontor_json_parse (PQgetvalue (row, 0, 1));

  /* an edit of a deleted record: kept whole in a conflict */
  if (g_strcmp0 (PQgetvalue (row, 0, 3), "t") == 0)
    {
      g_autofree char *superseded = NULL;
      g_autoptr(JsonNode) yours = supersede_own_edit (push, mutation, &superseded);
      g_autofree char *yours_text = kontor_json_to_string (yours);
      g_autofree char *id = add_conflict (push, mutation, NULL, "edit_vs_delete", NULL, NULL,
                                          g_ascii_strtoll (PQgetvalue (row, 0, 4), NULL, 10),
                                          yours_text, &superseded);

      begin_result (builder, mutation, "conflict");
      json_builder_set_member_name (builder, "conflicts");
      json_builder_begin_array (builder);
      add_conflict_result (builder, id, "edit_vs_delete", NULL, NULL, 0, yours, superseded,
                           PQgetisnull (row, 0, 5) ? NULL : PQgetvalue (row, 0, 5));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      return;
    }

  json_builder_begin_array (conflicts);
  json_builder_begin_object (applied);
  names = json_object_get_members (mutation->fields);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonObject *change = json_object_get_object_member (mutation->fields, name);
      JsonNode *sent = json_object_get_member (change, "value");
      JsonNode *current = json_object_get_member (json_node_get_object (fields), name);
      gint64 server_rev = json_object_get_int_member_with_default (json_node_get_object (revs),
                                                                   name, 0);
      gint64 base_rev = json_object_get_int_member_with_default (change, "base_rev", 0);
      gint64 after = json_object_get_int_member_with_default (change, "after_local_seq", 0);

      if (server_rev == base_rev ||
          (after > 0 && is_own_change (push, server_rev, after)) ||
          kontor_sync_entity_get_policy (mutation->entity, name) == KONTOR_SYNC_POLICY_LWW)
        {
          if (same_value (current, sent))
            {
              json_builder_set_member_name (applied, name);
              json_builder_add_int_value (applied, server_rev);
              n_taken++;
              continue;
            }
          json_object_set_member (changed, name, json_node_copy (sent));
          json_object_set_member (old_values, name, current != NULL ? json_node_copy (current)
                                                                    : json_node_new (JSON_NODE_NULL));
          n_taken++;
        }
      else if (same_value (current, sent))
        {
          /* already what the user wants */
          json_builder_set_member_name (applied, name);
          json_builder_add_int_value (applied, server_rev);
          n_taken++;
        }
      else
        {
          g_autofree char *base = dup_value_at (push, mutation, name, base_rev);
          g_autofree char *theirs = current != NULL ? kontor_json_to_string (current) : NULL;
          g_autofree char *yours = kontor_json_to_string (sent);
          g_autofree char *superseded = NULL;
          g_autofree char *id = add_conflict (push, mutation, name, "field", base, theirs,
                                              server_rev, yours, &superseded);

          add_conflict_result (conflicts, id, "field", name, current, server_rev, sent,
                               superseded, NULL);
          n_conflicts++;
        }
    }

  if (json_object_get_size (changed) > 0)
    {
      g_autoptr(JsonObject) logged = json_object_new ();
      g_autoptr(JsonObject) new_revs = json_object_new ();
      g_autoptr(GList) changed_names = json_object_get_members (changed);
      g_autoptr(JsonNode) node = json_node_alloc ();
      g_autofree char *changed_text = NULL;
      g_autofree char *revs_text = NULL;
      g_autofree char *logged_text = NULL;
      g_autofree char *old_text = NULL;
      g_autofree char *seq_text = NULL;

      seq = next_seq (push);
      for (GList *l = changed_names; l != NULL; l = l->next)
        {
          JsonObject *entry = json_object_new ();

          json_object_set_member (entry, "value",
                                  json_node_copy (json_object_get_member (changed, l->data)));
          json_object_set_int_member (entry, "rev", seq);
          json_object_set_object_member (logged, l->data, entry);
          json_object_set_int_member (new_revs, l->data, seq);
          json_builder_set_member_name (applied, l->data);
          json_builder_add_int_value (applied, seq);
        }
      json_node_init_object (node, changed);
      changed_text = kontor_json_to_string (node);
      json_node_set_object (node, new_revs);
      revs_text = kontor_json_to_string (node);
      json_node_set_object (node, logged);
      logged_text = kontor_json_to_string (node);
      json_node_set_object (node, old_values);
      old_text = kontor_json_to_string (node);
      seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
      {
        const char *params[] = { push->account->workspace_id,
                                 kontor_sync_entity_get_name (mutation->entity), mutation->id,
                                 changed_text, revs_text, seq_text };

        defer (push, "UPDATE record SET fields = fields || $4::jsonb,"
                     " field_revs = field_revs || $5::jsonb, rev = $6"
                     " WHERE workspace_id = $1 AND entity = $2 AND id = $3",
               G_N_ELEMENTS (params), params);
      }
      log_change (push, mutation, seq, "upsert", logged_text, old_text);
    }
  json_builder_end_object (applied);
  json_builder_end_array (conflicts);

  begin_result (builder, mutation, n_conflicts == 0 ? "applied"
                                   : n_taken > 0 ? "applied_with_conflicts" : "conflict");
  if (seq > 0)
    {
      json_builder_set_member_name (builder, "rev");
      json_builder_add_int_value (builder, seq);
    }
  json_builder_set_member_name (builder, "applied");
  json_builder_add_value (builder, json_builder_get_root (applied));
  if (n_conflicts > 0)
    {
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_value (builder, json_builder_get_root (conflicts));
    }
  json_builder_end_object (builder);
}

/* A record's fields and revisions as a change carries them:
 * {field: {"value", "rev"}} */
static char *
dup_logged_fields (const char *fields_text,
                   const char *revs_text)
{
  g_autoptr(JsonNode) fields = kontor_json_parse (fields_text);
  g_autoptr(JsonNode) revs = kontor_json_parse (revs_text);
  g_autoptr(JsonObject) logged =
    kontor_json_pair_values (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields)
                             ? json_node_get_object (fields) : NULL,
                             revs != NULL && JSON_NODE_HOLDS_OBJECT (revs)
                             ? json_node_get_object (revs) : NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), logged);

  return kontor_json_to_string (node);
}

/* The child rows of a restored record (its e-mail addresses, phone
 * numbers, links), which the machines that deleted it dropped with it:
 * logged again, each with a number of its own, alive or deleted */
static void
relog_children (Push           *push,
                const Mutation *mutation)
{
  for (guint i = 0; kontor_sync_entity_nth (i) != NULL; i++)
    {
      const KontorSyncEntity *child = kontor_sync_entity_nth (i);
      g_autoptr(PGresult) rows = NULL;

      if (kontor_sync_entity_get_parent (child) != mutation->entity)
        continue;

      {
        const char *params[] = { push->account->workspace_id, kontor_sync_entity_get_name (child),
                                 mutation->id };

        rows = exec (push, "SELECT id, fields, field_revs, deleted FROM record WHERE"
                           " workspace_id = $1 AND entity = $2 AND fields->>'owner_id' = $3"
                           " ORDER BY id", G_N_ELEMENTS (params), params);
      }
      for (int r = 0; rows != NULL && r < PQntuples (rows); r++)
        {
          Mutation row = *mutation;
          gboolean deleted = g_strcmp0 (PQgetvalue (rows, r, 3), "t") == 0;
          g_autofree char *logged = deleted ? g_strdup ("{}")
                                            : dup_logged_fields (PQgetvalue (rows, r, 1),
                                                                 PQgetvalue (rows, r, 2));

          /* the deleted ones too: the machine that brings the record back
           * may hold rows deleted while it was gone */
          row.entity = child;
          row.id = PQgetvalue (rows, r, 0);
          log_change (push, &row, next_seq (push), deleted ? "delete" : "upsert", logged, "{}");
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Merged contacts (feature X1, PROTOCOL.md "Pushing"): the server is the
 * authority. A contact's delete with merged_into moves every living row
 * that names the removed contact to the kept one, as changes of their own
 * which every machine takes as it takes any change; a row pushed later
 * naming the removed contact is moved the same way. */

/* The contact @id ends in after its merges, following merges of merges;
 * %NULL when it was not merged */
static char *
dup_merge_target (Push       *push,
                  const char *id)
{
  g_autofree char *kept = NULL;

  /* a chain of merges is short; the bound stops a loop of bad data */
  for (guint i = 0; i < 8 && !push->failed; i++)
    {
      const char *params[] = { push->account->workspace_id, kept != NULL ? kept : id };
      g_autoptr(PGresult) row = exec (push, "SELECT merged_into FROM record WHERE"
                                            " workspace_id = $1 AND entity = 'contact'"
                                            " AND id = $2 AND deleted AND merged_into IS NOT NULL",
                                      G_N_ELEMENTS (params), params);

      if (row == NULL || PQntuples (row) == 0)
        break;
      g_free (kept);
      kept = g_strdup (PQgetvalue (row, 0, 0));
    }

  return g_steal_pointer (&kept);
}

/* An activity's participant list (a JSON array as text) with @removed
 * replaced by @kept, named once and never the activity's own @contact_id;
 * %NULL when it does not change */
static char *
dup_moved_participants (const char *text,
                        const char *removed,
                        const char *kept,
                        const char *contact_id)
{
  g_autoptr(JsonNode) node = text != NULL ? kontor_json_parse (text) : NULL;
  g_autoptr(JsonArray) moved = json_array_new ();
  g_autoptr(JsonNode) result = NULL;
  gboolean changed = FALSE;
  JsonArray *list;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *id = json_node_get_string (json_array_get_element (list, i));
      gboolean seen = FALSE;

      if (id == NULL)
        return NULL;
      if (g_str_equal (id, removed))
        {
          id = kept;
          changed = TRUE;
        }
      if (g_strcmp0 (id, contact_id) == 0)
        {
          changed = TRUE;
          continue;
        }
      for (guint j = 0; j < json_array_get_length (moved); j++)
        seen = seen || g_str_equal (json_array_get_string_element (moved, j), id);
      if (seen)
        {
          changed = TRUE;
          continue;
        }
      json_array_add_string_element (moved, id);
    }
  if (!changed)
    return NULL;

  result = json_node_init_array (json_node_alloc (), moved);

  return kontor_json_to_string (result);
}

/* Row @id of @entity with @fields changed (as the record holds them,
 * revisions @revs), logged whole so that a machine that never had the row
 * (it saw the removed contact, or only the kept one) gets all of it */
static void
write_moved_row (Push           *push,
                 const Mutation *mutation,
                 const char     *entity,
                 const char     *id,
                 JsonObject     *fields,
                 JsonObject     *revs,
                 JsonObject     *changed,
                 JsonObject     *old_values)
{
  gint64 seq = next_seq (push);
  g_autoptr(JsonObject) new_revs = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (changed);
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *changed_text = NULL;
  g_autofree char *revs_text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *all_text = NULL;
  g_autofree char *all_revs_text = NULL;
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  g_autofree char *logged = NULL;
  Mutation row = *mutation;

  for (GList *l = names; l != NULL; l = l->next)
    {
      json_object_set_member (fields, l->data,
                              json_node_copy (json_object_get_member (changed, l->data)));
      json_object_set_int_member (revs, l->data, seq);
      json_object_set_int_member (new_revs, l->data, seq);
    }
  json_node_init_object (node, changed);
  changed_text = kontor_json_to_string (node);
  json_node_set_object (node, new_revs);
  revs_text = kontor_json_to_string (node);
  json_node_set_object (node, old_values);
  old_text = kontor_json_to_string (node);
  json_node_set_object (node, fields);
  all_text = kontor_json_to_string (node);
  json_node_set_object (node, revs);
  all_revs_text = kontor_json_to_string (node);
  logged = dup_logged_fields (all_text, all_revs_text);
  {
    const char *params[] = { push->account->workspace_id, entity, id, changed_text, revs_text,
                             seq_text };

    defer (push, "UPDATE record SET fields = fields || $4::jsonb,"
                 " field_revs = field_revs || $5::jsonb, rev = $6"
                 " WHERE workspace_id = $1 AND entity = $2 AND id = $3",
           G_N_ELEMENTS (params), params);
  }
  row.entity = kontor_sync_entity_lookup (entity);
  row.id = id;
  log_change (push, &row, seq, "upsert", logged, old_text);
}

/* A row of @entity @id deleted by the server (a group membership the
 * kept contact has already, or an entry in a lead project) */
static void
delete_moved_row (Push           *push,
                  const Mutation *mutation,
                  const char     *entity,
                  const char     *id)
{
  gint64 seq = next_seq (push);
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  const char *params[] = { push->account->workspace_id, entity, id, seq_text };
  Mutation row = *mutation;

  defer (push, "UPDATE record SET deleted = true, deleted_rev = $4, rev = $4"
               " WHERE workspace_id = $1 AND entity = $2 AND id = $3",
         G_N_ELEMENTS (params), params);
  row.entity = kontor_sync_entity_lookup (entity);
  row.id = id;
  log_change (push, &row, seq, "delete", "{}", "{}");
}

/* A child row of the removed contact (an e-mail address, a phone number,
 * a sales rep) the kept one does not have: a new row of the kept one, as
 * the merge itself makes (kontor_contact_merge_unite_channels()); the
 * removed contact keeps its own, should it be restored */
static void
copy_moved_child (Push           *push,
                  const Mutation *mutation,
                  const char     *entity,
                  JsonObject     *fields,
                  const char     *kept)
{
  gboolean link = g_str_equal (entity, "contact_link");
  const char *key = link ? "target_id" : "value";
  const char *params[] = { push->account->workspace_id, entity, kept,
                           kontor_json_get_string (fields, "kind"),
                           kontor_json_get_string (fields, key) };
  g_autoptr(PGresult) same = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonObject) revs = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *values_text = NULL;
  g_autofree char *revs_text = NULL;
  g_autofree char *seq_text = NULL;
  g_autofree char *logged = NULL;
  g_autoptr(GList) names = NULL;
  Mutation row = *mutation;
  gint64 seq;

  if (params[3] == NULL || params[4] == NULL)
    return;
  /* the same address or number once (an e-mail address whatever its case) */
  same = exec (push, link ? "SELECT 1 FROM record WHERE workspace_id = $1 AND entity = $2"
                            " AND NOT deleted AND fields->>'owner_id' = $3"
                            " AND fields->>'kind' = $4 AND fields->>'target_id' = $5"
                          : "SELECT 1 FROM record WHERE workspace_id = $1 AND entity = $2"
                            " AND NOT deleted AND fields->>'owner_id' = $3"
                            " AND fields->>'kind' = $4"
                            " AND lower (fields->>'value') = lower ($5)",
               G_N_ELEMENTS (params), params);
  if (same == NULL || PQntuples (same) > 0)
    return;

  /* a link is known by what it links (owner:kind:target), and the kept
   * contact may have had this one before, deleted since */
  new_id = link ? g_strjoin (":", kept, params[3], params[4], NULL) : kontor_uuid_v7_new ();
  values = json_object_ref (fields);
  json_object_set_string_member (values, "owner_id", kept);
  seq = next_seq (push);
  names = json_object_get_members (values);
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_int_member (revs, l->data, seq);
  json_node_init_object (node, values);
  values_text = kontor_json_to_string (node);
  json_node_set_object (node, revs);
  revs_text = kontor_json_to_string (node);
  logged = dup_logged_fields (values_text, revs_text);
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  {
    const char *insert[] = { push->account->workspace_id, entity, new_id, values_text,
                             revs_text, seq_text };

    defer (push, "INSERT INTO record (workspace_id, entity, id, fields, field_revs, rev)"
                 " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (workspace_id, entity, id)"
                 " DO UPDATE SET fields = EXCLUDED.fields, field_revs = EXCLUDED.field_revs,"
                 " rev = EXCLUDED.rev, deleted = false, deleted_rev = NULL",
           G_N_ELEMENTS (insert), insert);
  }
  row.entity = kontor_sync_entity_lookup (entity);
  row.id = new_id;
  log_change (push, &row, seq, "upsert", logged, "{}");
}

/* Whether @mutation is about a contact: the server moves what names a
 * merged contact, not yet what names a merged company */
static gboolean
is_contact (const Mutation *mutation)
{
  return mutation->entity == kontor_sync_entity_lookup ("contact");
}

/* Every living row naming contact @removed moves to @kept: activities
 * (their contact and participants), former employers, group memberships
 * and lead entries (one the kept contact has already in the group or the
 * project is deleted: a contact is in a group, and in a lead project,
 * once, as kept_lead_entry () in src/store/kontor-contact-merge.c does),
 * and the e-mail addresses, phone numbers and links the kept one does
 * not have */
static void
move_merged_references (Push           *push,
                        const Mutation *mutation,
                        const char     *removed,
                        const char     *kept)
{
  const char *params[] = { push->account->workspace_id, removed };
  g_autoptr(PGresult) rows = NULL;

  rows = exec (push, "SELECT entity, id, fields, field_revs FROM record"
                     " WHERE workspace_id = $1 AND NOT deleted"
                     " AND ((kontor_follows_contact (entity)"
                     " AND coalesce (fields->>'owner_id', fields->>'contact_id') = $2)"
                     " OR (entity = 'activity'"
                     " AND strpos (fields->>'participant_contacts', $2) > 0))"
                     " ORDER BY entity, id", G_N_ELEMENTS (params), params);
  for (int r = 0; rows != NULL && r < PQntuples (rows) && !push->failed; r++)
    {
      const char *entity = PQgetvalue (rows, r, 0);
      const char *id = PQgetvalue (rows, r, 1);
      g_autoptr(JsonNode) fields_node = kontor_json_parse (PQgetvalue (rows, r, 2));
      g_autoptr(JsonNode) revs_node = kontor_json_parse (PQgetvalue (rows, r, 3));
      g_autoptr(JsonObject) changed = json_object_new ();
      g_autoptr(JsonObject) old_values = json_object_new ();
      JsonObject *fields, *revs;

      if (fields_node == NULL || !JSON_NODE_HOLDS_OBJECT (fields_node) ||
          revs_node == NULL || !JSON_NODE_HOLDS_OBJECT (revs_node))
        continue;
      fields = json_node_get_object (fields_node);
      revs = json_node_get_object (revs_node);

      if (g_str_equal (entity, "contact_channel") || g_str_equal (entity, "contact_link"))
        {
          copy_moved_child (push, mutation, entity, fields, kept);
          continue;
        }
      if ((g_str_equal (entity, "contact_group_member") || g_str_equal (entity, "lead_entry")) &&
          g_strcmp0 (kontor_json_get_string (fields, "contact_id"), removed) == 0)
        {
          gboolean member = g_str_equal (entity, "contact_group_member");
          const char *member_params[] = { push->account->workspace_id, entity,
                                          kontor_json_get_string (fields, member ? "group_id"
                                                                                 : "project_id"),
                                          kept };
          g_autoptr(PGresult) both = NULL;

          if (member_params[2] == NULL)
            continue;
          both = exec (push, member
                             ? "SELECT 1 FROM record WHERE workspace_id = $1"
                               " AND entity = $2 AND NOT deleted"
                               " AND fields->>'group_id' = $3 AND fields->>'contact_id' = $4"
                             : "SELECT 1 FROM record WHERE workspace_id = $1"
                               " AND entity = $2 AND NOT deleted"
                               " AND fields->>'project_id' = $3 AND fields->>'contact_id' = $4",
                       G_N_ELEMENTS (member_params), member_params);
          if (both != NULL && PQntuples (both) > 0)
            {
              delete_moved_row (push, mutation, entity, id);
              continue;
            }
        }

      if (g_strcmp0 (kontor_json_get_string (fields, "contact_id"), removed) == 0)
        {
          json_object_set_string_member (old_values, "contact_id", removed);
          json_object_set_string_member (changed, "contact_id", kept);
        }
      if (g_str_equal (entity, "activity"))
        {
          const char *contact_id = json_object_has_member (changed, "contact_id")
                                   ? kept : kontor_json_get_string (fields, "contact_id");
          const char *text = kontor_json_get_string (fields, "participant_contacts");
          g_autofree char *participants = dup_moved_participants (text, removed, kept,
                                                                  contact_id);

          if (participants != NULL)
            {
              json_object_set_string_member (old_values, "participant_contacts", text);
              json_object_set_string_member (changed, "participant_contacts", participants);
            }
        }
      if (json_object_get_size (changed) > 0)
        write_moved_row (push, mutation, entity, id, fields, revs, changed, old_values);
    }
}

/* Whether the workspace has merged contacts at all: asked once a push */
static gboolean
has_merges (Push *push)
{
  if (push->merges == 0)
    {
      const char *params[] = { push->account->workspace_id };
      g_autoptr(PGresult) row = exec (push, "SELECT EXISTS (SELECT 1 FROM record"
                                            " WHERE workspace_id = $1"
                                            " AND merged_into IS NOT NULL)",
                                      G_N_ELEMENTS (params), params);

      if (row == NULL || PQntuples (row) != 1)
        return FALSE;
      push->merges = g_str_equal (PQgetvalue (row, 0, 0), "t") ? 2 : 1;
    }

  return push->merges == 2;
}

/* After a create or an update of a row that follows a contact: a contact
 * it names that was merged into another (the row was recorded offline on
 * a machine that had not heard of the merge) gives way to the kept one */
static void
move_late_references (Push           *push,
                      const Mutation *mutation)
{
  const char *entity = kontor_sync_entity_get_name (mutation->entity);
  g_autoptr(GPtrArray) named = g_ptr_array_new_with_free_func (g_free);
  const char *owner;

  if (mutation->fields == NULL || push->failed ||
      !(g_str_equal (entity, "activity") || g_str_equal (entity, "employment") ||
        g_str_equal (entity, "contact_group_member") || g_str_equal (entity, "contact_channel") ||
        g_str_equal (entity, "contact_link")) ||
      !has_merges (push))
    return;

  owner = kontor_json_get_string (kontor_json_get_object (mutation->fields,
                                                          g_str_has_prefix (entity, "contact_c") ||
                                                          g_str_equal (entity, "contact_link")
                                                          ? "owner_id" : "contact_id"),
                                  "value");
  if (owner != NULL)
    g_ptr_array_add (named, g_strdup (owner));
  if (g_str_equal (entity, "activity"))
    {
      const char *text = kontor_json_get_string (kontor_json_get_object (mutation->fields,
                                                                         "participant_contacts"),
                                                 "value");
      g_autoptr(JsonNode) node = text != NULL ? kontor_json_parse (text) : NULL;

      for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                        i < json_array_get_length (json_node_get_array (node)); i++)
        {
          const char *id = json_node_get_string (json_array_get_element (json_node_get_array (node),
                                                                         i));

          if (id != NULL)
            g_ptr_array_add (named, g_strdup (id));
        }
    }

  for (guint i = 0; i < named->len && !push->failed; i++)
    {
      g_autofree char *kept = NULL;

      /* a contact this push made was merged into nothing (an import's
       * contacts and their addresses come in one push: no question each) */
      if (push->created != NULL &&
          g_ptr_array_find_with_equal_func (push->created, g_ptr_array_index (named, i),
                                            g_str_equal, NULL))
        continue;
      kept = dup_merge_target (push, g_ptr_array_index (named, i));

      if (kept != NULL)
        move_merged_references (push, mutation, g_ptr_array_index (named, i), kept);
    }
}

/* Whether @mutation's merged_into names a living contact (or company, for
 * a company's delete) the account may write; when not, the delete is
 * rejected with the reason in @reason */
static gboolean
check_merged_into (Push            *push,
                   const Mutation  *mutation,
                   const char     **reason)
{
  const char *entity = kontor_sync_entity_get_name (mutation->entity);
  const char *params[] = { push->account->workspace_id, mutation->merged_into,
                           push->account->id, entity };
  g_autoptr(PGresult) row = NULL;

  if (!is_contact (mutation) && mutation->entity != kontor_sync_entity_lookup ("company"))
    {
      *reason = "invalid";
      return FALSE;
    }
  row = exec (push, "SELECT deleted, kontor_may_write ($1, $3, $4, $2, NULL)"
                    " FROM record WHERE workspace_id = $1 AND entity = $4 AND id = $2",
              G_N_ELEMENTS (params), params);
  if (row == NULL)
    return FALSE;
  if (PQntuples (row) == 0 || g_str_equal (PQgetvalue (row, 0, 0), "t"))
    {
      *reason = "merged_into_gone";
      return FALSE;
    }
  if (!g_str_equal (PQgetvalue (row, 0, 1), "t"))
    {
      *reason = "forbidden";
      return FALSE;
    }

  return TRUE;
}

static void
apply_delete (Push           *push,
              const Mutation *mutation,
              JsonBuilder    *builder)
{
  g_autoptr(PGresult) row = lock_record (push, mutation);
  g_autofree char *seq_text = NULL;
  g_autofree char *base_text = g_strdup_printf ("%" G_GINT64_FORMAT, mutation->base_rev);
  g_autoptr(PGresult) edited = NULL;
  gint64 seq;

  if (push->failed)
    return;

  /* a merge names a living contact the account may write (X1) */
  if (mutation->merged_into != NULL)
    {
      const char *reason = NULL;

      if (!check_merged_into (push, mutation, &reason))
        {
          if (!push->failed)
            add_rejection (builder, mutation, reason);
          return;
        }
    }

  /* gone, or deleted already: what the user wants */
  if (row == NULL || g_strcmp0 (PQgetvalue (row, 0, 3), "t") == 0)
    {
      const char *before = row != NULL && !PQgetisnull (row, 0, 5) ? PQgetvalue (row, 0, 5) : NULL;

      /* deleted plainly before: what still names it is moved now. Merged
       * into another contact already (two machines merged it): the first
       * merge stands, and the answer says which, not silently */
      if (row != NULL && mutation->merged_into != NULL && before == NULL)
        {
          const char *params[] = { push->account->workspace_id, mutation->id,
                                   mutation->merged_into,
                                   kontor_sync_entity_get_name (mutation->entity) };

          if (is_contact (mutation))
            {
              move_merged_references (push, mutation, mutation->id, mutation->merged_into);
              push->merges = 2;
            }
          defer (push, "UPDATE record SET merged_into = $3 WHERE workspace_id = $1"
                       " AND entity = $4 AND id = $2", G_N_ELEMENTS (params), params);
        }
      begin_result (builder, mutation, "applied");
      if (mutation->merged_into != NULL && before != NULL &&
          !g_str_equal (before, mutation->merged_into))
        {
          json_builder_set_member_name (builder, "merged_into");
          json_builder_add_string_value (builder, before);
        }
      json_builder_end_object (builder);
      return;
    }

  /* edited by someone else since the user saw it: they decide. Who made
   * a change the log no longer holds (compacted, "admin compact") is not
   * known: a record changed since a base that old counts as edited by
   * someone else */
  {
    const char *params[] = { push->account->workspace_id, mutation->id, base_text,
                             push->account->client_id,
                             kontor_sync_entity_get_name (mutation->entity) };

    edited = exec (push, "SELECT coalesce ((SELECT max (seq) FROM change_log"
                         " WHERE workspace_id = $1 AND entity_id = $2 AND seq > $3"
                         " AND client_id <> $4),"
                         " (SELECT r.rev FROM record r JOIN workspace w ON w.id = r.workspace_id"
                         " WHERE r.workspace_id = $1 AND r.entity = $5 AND r.id = $2"
                         " AND r.rev > $3::bigint AND $3::bigint < w.min_retained_seq))",
                   G_N_ELEMENTS (params), params);
  }
  if (edited != NULL && !PQgetisnull (edited, 0, 0))
    {
      g_autofree char *superseded = NULL;
      /* a merge's delete keeps where it went: "delete anyway" is the
       * merge's delete (apply_resolve ()) */
      g_autofree char *yours = mutation->merged_into != NULL
                               ? g_strdup_printf ("{\"merged_into\": \"%s\"}",
                                                  mutation->merged_into)
                               : NULL;
      g_autofree char *id = add_conflict (push, mutation, NULL, "delete_vs_edit", NULL, NULL,
                                          g_ascii_strtoll (PQgetvalue (edited, 0, 0), NULL, 10),
                                          yours, &superseded);

      begin_result (builder, mutation, "conflict");
      json_builder_set_member_name (builder, "conflicts");
      json_builder_begin_array (builder);
      add_conflict_result (builder, id, "delete_vs_edit", NULL, NULL, 0, NULL, superseded, NULL);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      /* the machine that deleted it has nothing of it any more: the record
       * and its child rows come again, whole, to be shown until the user
       * decides (every other machine has them, and takes nothing new) */
      {
        g_autofree char *logged = dup_logged_fields (PQgetvalue (row, 0, 0),
                                                     PQgetvalue (row, 0, 1));

        log_change (push, mutation, next_seq (push), "restore", logged, "{}");
      }
      relog_children (push, mutation);
      return;
    }

  /* what names a merged contact goes to the kept one first, so that a
   * machine that takes the changes in order has nothing left on it when
   * the delete comes (a merged company's references are moved by the
   * machines that hold them, PROTOCOL.md "Pushing") */
  if (mutation->merged_into != NULL && is_contact (mutation))
    {
      move_merged_references (push, mutation, mutation->id, mutation->merged_into);
      push->merges = 2;
    }

  seq = next_seq (push);
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  {
    const char *params[] = { push->account->workspace_id,
                             kontor_sync_entity_get_name (mutation->entity), mutation->id,
                             seq_text, mutation->merged_into };

    defer (push, "UPDATE record SET deleted = true, deleted_rev = $4, rev = $4,"
                 " merged_into = $5"
                 " WHERE workspace_id = $1 AND entity = $2 AND id = $3",
           G_N_ELEMENTS (params), params);
  }
  /* a merged contact's or company's delete names the kept one, for the machines that
   * hold what was recorded on it (PROTOCOL.md "Pushing") */
  if (mutation->merged_into != NULL)
    {
      g_autofree char *fields = g_strdup_printf ("{\"merged_into\": {\"value\": \"%s\"}}",
                                                 mutation->merged_into);

      log_change (push, mutation, seq, "delete", fields, "{}");
    }
  else
    log_change (push, mutation, seq, "delete", "{}", "{}");

  begin_result (builder, mutation, "applied");
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, seq);
  json_builder_end_object (builder);
}

static void
apply_restore (Push           *push,
               const Mutation *mutation,
               JsonBuilder    *builder)
{
  g_autoptr(PGresult) row = lock_record (push, mutation);
  g_autofree char *seq_text = NULL;
  gint64 seq;

  if (push->failed)
    return;
  if (row == NULL)
    {
      add_rejection (builder, mutation, "not_found");
      return;
    }
  /* A record not deleted (its delete was refused, or not sent) is logged
   * again all the same: the machine that restores it holds its own copy,
   * and takes the server's state from this change */
  seq = next_seq (push);
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  {
    const char *params[] = { push->account->workspace_id,
                             kontor_sync_entity_get_name (mutation->entity), mutation->id,
                             seq_text };

    defer (push, "UPDATE record SET deleted = false, deleted_rev = NULL, merged_into = NULL,"
                 " rev = $4"
                 " WHERE workspace_id = $1 AND entity = $2 AND id = $3",
           G_N_ELEMENTS (params), params);
  }
  /* the machines that deleted it kept nothing of it: the change carries
   * every field, and its child rows come again as changes of their own */
  {
    g_autofree char *logged = dup_logged_fields (PQgetvalue (row, 0, 0), PQgetvalue (row, 0, 1));

    log_change (push, mutation, seq, "restore", logged, "{}");
  }
  relog_children (push, mutation);

  begin_result (builder, mutation, "applied");
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, seq);
  json_builder_end_object (builder);
}

/* The result @builder built, and the status in it */
static JsonNode *
take_result (JsonBuilder  *builder,
             const char  **status)
{
  JsonNode *result = json_builder_get_root (builder);

  *status = json_object_get_string_member (json_node_get_object (result), "status");

  return result;
}

/* A conflict decided: what the user chose, and who */
static void
close_conflict (Push           *push,
                const char     *id,
                const char     *status,
                const Mutation *mutation)
{
  static const char * const choices[] = { "mine", "theirs", "value" };
  g_autofree char *resolution = g_strdup_printf ("{\"choice\":\"%s\"}", choices[mutation->choice]);
  const char *params[] = { id, status, resolution, push->account->id };

  defer (push, "UPDATE conflict SET status = $2, resolution = $3, resolved_by = $4,"
               " resolved_at = now () WHERE id = $1", G_N_ELEMENTS (params), params);
}

/* A resolution is one more change, judged like any other
 * (src/protocol/PROTOCOL.md "Conflicts"): "theirs" closes the conflict;
 * "mine" or a value of its own writes the field on the revision the
 * conflict showed, and when the field moved again meanwhile, that is a new
 * conflict superseding this one, never an overwrite. For an edit of a
 * deleted record, "mine" restores it with the edit; for a delete of an
 * edited record, "mine" deletes it. */
static void
apply_resolve (Push           *push,
               const Mutation *mutation,
               JsonBuilder    *builder)
{
  const char *params[] = { mutation->conflict, push->account->workspace_id };
  g_autoptr(PGresult) row = exec (push, "SELECT entity, entity_id, field, kind, yours_value,"
                                        " theirs_rev, status, yours_actor, yours_client"
                                        " FROM conflict"
                                        " WHERE id = $1 AND workspace_id = $2 FOR UPDATE",
                                  G_N_ELEMENTS (params), params);
  g_autoptr(JsonNode) yours = NULL;
  g_autoptr(JsonNode) result = NULL;
  Mutation change = *mutation;
  const char *kind, *status;

  if (push->failed)
    return;
  if (row == NULL || PQntuples (row) == 0)
    {
      add_rejection (builder, mutation, "not_found");
      return;
    }
  if (g_strcmp0 (PQgetvalue (row, 0, 7), push->account->id) != 0 &&
      g_strcmp0 (push->account->role, "admin") != 0)
    {
      add_rejection (builder, mutation, "forbidden");
      return;
    }
  if (g_strcmp0 (PQgetvalue (row, 0, 6), "open") != 0)
    {
      /* decided already, here or on another machine */
      begin_result (builder, mutation, "applied");
      json_builder_end_object (builder);
      return;
    }

  if (mutation->choice == KONTOR_SYNC_CHOICE_THEIRS)
    {
      close_conflict (push, mutation->conflict, "resolved", mutation);
      begin_result (builder, mutation, "applied");
      json_builder_end_object (builder);
      return;
    }

  kind = PQgetvalue (row, 0, 3);
  change.entity = kontor_sync_entity_lookup (PQgetvalue (row, 0, 0));
  change.id = PQgetvalue (row, 0, 1);
  yours = kontor_json_parse (PQgetisnull (row, 0, 4) ? NULL : PQgetvalue (row, 0, 4));
  if (change.entity == NULL)
    {
      add_rejection (builder, mutation, "invalid");
      return;
    }

  /* a value of its own must be one the field holds, as in every push */
  if (mutation->choice == KONTOR_SYNC_CHOICE_VALUE && g_str_equal (kind, "field") &&
      !kontor_sync_check_value (change.entity, PQgetvalue (row, 0, 2), mutation->value, NULL))
    {
      add_rejection (builder, mutation, "invalid");
      return;
    }

  /* a conflict that follows is the conflict's owner's, on the machine
   * that had it, whoever resolves */
  push->owner_id = PQgetvalue (row, 0, 7);
  push->owner_client = PQgetvalue (row, 0, 8);

  /* the change writes its result into @builder; its status decides */
  if (g_str_equal (kind, "field"))
    {
      JsonObject *fields = json_object_new ();
      JsonObject *field = json_object_new ();

      json_object_set_member (field, "value",
                              mutation->choice == KONTOR_SYNC_CHOICE_VALUE
                              ? json_node_copy (mutation->value)
                              : (yours != NULL ? json_node_copy (yours)
                                               : json_node_new (JSON_NODE_NULL)));
      json_object_set_int_member (field, "base_rev",
                                  g_ascii_strtoll (PQgetvalue (row, 0, 5), NULL, 10));
      json_object_set_object_member (fields, PQgetvalue (row, 0, 2), field);
      change.op = KONTOR_SYNC_OP_UPDATE;
      change.fields = fields;
      apply_update (push, &change, builder);
      json_object_unref (fields);
    }
  else if (g_str_equal (kind, "edit_vs_delete"))
    {
      g_autoptr(JsonBuilder) restored = json_builder_new ();
      g_autoptr(PGresult) revs = NULL;
      JsonObject *fields = json_object_new ();
      g_autoptr(GList) names = NULL;
      g_autoptr(JsonNode) current = NULL;

      change.op = KONTOR_SYNC_OP_RESTORE;
      apply_restore (push, &change, yours != NULL ? restored : builder);

      /* the edit on what the record holds now */
      {
        const char *record_params[] = { push->account->workspace_id,
                                        kontor_sync_entity_get_name (change.entity), change.id };

        revs = exec (push, "SELECT field_revs FROM record WHERE workspace_id = $1"
                           " AND entity = $2 AND id = $3", 3, record_params);
      }
      current = revs != NULL && PQntuples (revs) == 1 ? kontor_json_parse (PQgetvalue (revs, 0, 0)) : NULL;
      if (yours != NULL && JSON_NODE_HOLDS_OBJECT (yours))
        names = json_object_get_members (json_node_get_object (yours));
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *sent = json_object_get_object_member (json_node_get_object (yours), l->data);
          JsonObject *field = json_object_new ();

          json_object_set_member (field, "value",
                                  json_node_copy (json_object_get_member (sent, "value")));
          json_object_set_int_member (field, "base_rev",
                                      current != NULL
                                      ? json_object_get_int_member_with_default (
                                          json_node_get_object (current), l->data, 0)
                                      : 0);
          json_object_set_object_member (fields, l->data, field);
        }
      change.op = KONTOR_SYNC_OP_UPDATE;
      change.fields = fields;
      if (yours != NULL)
        apply_update (push, &change, builder);
      json_object_unref (fields);
    }
  else
    {
      /* delete_vs_edit: delete what the record is now; a merge's delete
       * as the merge's, moving what names the contact */
      change.op = KONTOR_SYNC_OP_DELETE;
      change.base_rev = push->last_seq;
      change.merged_into = yours != NULL && JSON_NODE_HOLDS_OBJECT (yours)
                           ? kontor_json_get_string (json_node_get_object (yours), "merged_into")
                           : NULL;
      if (change.merged_into != NULL && !g_uuid_string_is_valid (change.merged_into))
        change.merged_into = NULL;
      apply_delete (push, &change, builder);
    }

  push->owner_id = push->account->id;
  push->owner_client = push->account->client_id;
  if (push->failed)
    return;

  result = take_result (builder, &status);
  if (g_str_equal (status, "applied"))
    close_conflict (push, mutation->conflict, "resolved", mutation);
  else if (g_str_equal (status, "conflict") || g_str_equal (status, "applied_with_conflicts"))
    close_conflict (push, mutation->conflict, "superseded", mutation);
}

/* Whether the account may push @mutation: a viewer pushes nothing, only
 * an administrator what administrators own (users, teams, settings) */
static gboolean
may_push (KontorAccount  *account,
          const Mutation *mutation)
{
  if (g_strcmp0 (account->role, "viewer") == 0)
    return FALSE;

  /* a resolution is judged by the conflict's owner (apply_resolve()) */
  if (mutation->op == KONTOR_SYNC_OP_RESOLVE)
    return TRUE;

  return kontor_sync_entity_get_owner (mutation->entity) != KONTOR_SYNC_OWNER_ADMIN ||
         g_strcmp0 (account->role, "admin") == 0;
}

/* Whether the account sees the contact @mutation writes (or, for a
 * create of a child row, the contact it names): what it does not see, it
 * may not change (feature X12). Which entities follow a contact's scope
 * only the database says, kontor_follows_contact () in
 * schema/005-activities.sql, the one list its pulls, snapshots and
 * rescoping read too: a second list here once had to be kept in step by
 * hand, and an entity missing from it would be written by anyone. For
 * an entity that follows no contact the answer is yes at once. $1
 * workspace, $2 account, $3 entity, $4 id, $5 the fields sent. */
#define MAY_WRITE "SELECT kontor_may_write ($1, $2, $3, $4, $5)"

/* Whether MAY_WRITE must ask: administrators write everything. It goes
 * in the round trip that locks the record (apply_mutation ()), so asking
 * about a company or a group costs no wait */
static gboolean
needs_scope_check (Push           *push,
                   const Mutation *mutation)
{
  return g_strcmp0 (push->account->role, "admin") != 0 &&
         mutation->op != KONTOR_SYNC_OP_RESOLVE;
}

/* The result of one new mutation, kept for a push sent again, and its
 * savepoint released: both go with the next statement */
static void
store_result (Push           *push,
              const Mutation *mutation,
              JsonNode       *result)
{
  g_autofree char *result_text = kontor_json_to_string (result);
  g_autofree char *client_seq = g_strdup_printf ("%" G_GINT64_FORMAT, mutation->client_seq);
  const char *params[] = { push->account->client_id, client_seq, result_text };

  defer (push, "INSERT INTO applied_mutation (client_id, client_seq, result)"
               " VALUES ($1, $2, $3)", G_N_ELEMENTS (params), params);
  defer (push, "RELEASE SAVEPOINT mutation", 0, NULL);
}

/* Whether @mutation, a lead entry's create, restore or update rolled
 * back, would have made a second living entry of its contact in its
 * project: the unique index record_lead_entry_once
 * (schema/010-lead-entry-once.sql) refused it. Asked of the data after
 * the rollback rather than of the error's text, so the rejection says
 * why in the protocol's words. The values not sent are the stored
 * record's. */
static gboolean
is_lead_entry_taken (Push           *push,
                     const Mutation *mutation)
{
  g_autoptr(PGresult) other = NULL;
  const char *params[4];

  /* a restore sends no fields: the stored record's count */
  if (mutation->entity != kontor_sync_entity_lookup ("lead_entry"))
    return FALSE;

  params[0] = push->account->workspace_id;
  params[1] = mutation->id;
  params[2] = kontor_json_get_string (kontor_json_get_object (mutation->fields, "project_id"),
                                      "value");
  params[3] = kontor_json_get_string (kontor_json_get_object (mutation->fields, "contact_id"),
                                      "value");
  other = exec (push, "SELECT 1 FROM record o"
                      " LEFT JOIN record r ON r.workspace_id = $1 AND r.entity = 'lead_entry'"
                      " AND r.id = $2"
                      " WHERE o.workspace_id = $1 AND o.entity = 'lead_entry'"
                      " AND NOT o.deleted AND o.id <> $2"
                      " AND o.fields->>'project_id' = coalesce ($3, r.fields->>'project_id')"
                      " AND o.fields->>'contact_id' = coalesce ($4, r.fields->>'contact_id')"
                      " LIMIT 1",
                G_N_ELEMENTS (params), params);

  return other != NULL && PQntuples (other) > 0;
}

/* A mutation one of whose statements failed on its data (SQLSTATE 22,
 * 23): rejected, what it wrote undone, the numbers it took given back;
 * "lead_entry_taken" when it was a lead entry of a contact the project
 * has already, "invalid" otherwise. Returns the rejection, kept for a
 * push sent again. */
static JsonNode *
reject_invalid (Push           *push,
                const Mutation *mutation)
{
  g_autoptr(JsonBuilder) rejection = json_builder_new ();
  g_autoptr(PGresult) back = NULL;
  JsonNode *result;

  g_clear_pointer (&push->deferred, g_ptr_array_unref);
  push->failed = FALSE;
  push->data_error = FALSE;
  back = exec (push, "ROLLBACK TO SAVEPOINT mutation", 0, NULL);
  push->last_seq = push->seq_before;
  add_rejection (rejection, mutation,
                 is_lead_entry_taken (push, mutation) ? "lead_entry_taken" : "invalid");
  result = json_builder_get_root (rejection);
  store_result (push, mutation, result);

  return result;
}

/* Applies one new mutation in a savepoint and keeps its result, which
 * it returns (%NULL when the push failed). The writes of the push's last
 * mutation stay deferred (@last), to go with the commit: a failure there
 * is kontor_sync_push ()'s to take back. */
static JsonNode *
apply_mutation (Push           *push,
                const Mutation *mutation,
                gboolean        last)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;
  gboolean allowed = may_push (push->account, mutation);
  gboolean reads_record = allowed && mutation->op != KONTOR_SYNC_OP_RESOLVE;

  defer (push, "SAVEPOINT mutation", 0, NULL);

  /* with the savepoint (and the clock, for the first), in one round trip:
   * the record's row, locked, for the change (lock_record ()), and whether
   * the account sees it */
  if (!reads_record)
    run (push, NULL, 0, NULL);
  else
    {
      gboolean check = needs_scope_check (push, mutation);
      g_autoptr(JsonNode) node = mutation->fields != NULL
                                 ? json_node_init_object (json_node_alloc (), mutation->fields)
                                 : NULL;
      g_autofree char *sent = check && node != NULL ? kontor_json_to_string (node) : NULL;
      const char *entity = kontor_sync_entity_get_name (mutation->entity);
      const char *row_params[] = { push->account->workspace_id, entity, mutation->id };
      const char *scope_params[] = { push->account->workspace_id, push->account->id, entity,
                                     mutation->id, sent };
      const KontorDbStatement reads[] = {
        { LOCK_RECORD, G_N_ELEMENTS (row_params), row_params },
        { MAY_WRITE, G_N_ELEMENTS (scope_params), scope_params },
      };
      PGresult *answers[G_N_ELEMENTS (reads)];

      run (push, reads, check ? 2 : 1, answers);
      push->row_for = mutation;
      push->row = answers[0];
      if (push->row != NULL && PQntuples (push->row) == 0)
        g_clear_pointer (&push->row, PQclear);
      if (check)
        {
          allowed = answers[1] != NULL && PQntuples (answers[1]) == 1 &&
                    g_str_equal (PQgetvalue (answers[1], 0, 0), "t");
          g_clear_pointer (&answers[1], PQclear);
        }
    }
  push->seq_before = push->last_seq;

  if (push->failed)
    ;
  else if (!allowed)
    add_rejection (builder, mutation, "forbidden");
  else
    {
      switch (mutation->op)
        {
        case KONTOR_SYNC_OP_CREATE:
          apply_create (push, mutation, builder);
          move_late_references (push, mutation);
          break;
        case KONTOR_SYNC_OP_UPDATE:
          apply_update (push, mutation, builder);
          move_late_references (push, mutation);
          break;
        case KONTOR_SYNC_OP_DELETE:
          apply_delete (push, mutation, builder);
          break;
        case KONTOR_SYNC_OP_RESTORE:
          apply_restore (push, mutation, builder);
          break;
        case KONTOR_SYNC_OP_RESOLVE:
          apply_resolve (push, mutation, builder);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  push->row_for = NULL;
  g_clear_pointer (&push->row, PQclear);

  /* its writes, its result and the savepoint's release, in one round
   * trip: whether they hold decides what is answered */
  if (!push->failed)
    {
      result = json_builder_get_root (builder);
      store_result (push, mutation, result);
      if (!last)
        run (push, NULL, 0, NULL);
    }

  /* a statement of the mutation failed on its data: it is rejected. Any
   * other failure (a timeout, a lost connection) fails the whole push
   * with 503, so that the client sends it again: never a write lost as
   * "rejected" */
  if (push->failed && push->data_error)
    {
      g_clear_pointer (&result, json_node_unref);
      result = reject_invalid (push, mutation);
    }

  /* failed for another reason: the whole push rolls back */
  if (push->failed)
    return NULL;

  return g_steal_pointer (&result);
}

/* @strings as a PostgreSQL array literal, each element quoted */
static char *
dup_text_array (GPtrArray *strings)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; i < strings->len; i++)
    {
      g_string_append (text, i > 0 ? ",\"" : "\"");
      for (const char *c = g_ptr_array_index (strings, i); *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (text, '\\');
          g_string_append_c (text, *c);
        }
      g_string_append_c (text, '"');
    }
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

/* Fault injection for the tests (tests/server "crash"): the instance dies
 * at @point of a push, as kill -9 would take it, when KONTOR_SERVER_FAULT
 * names it; only in builds with the tests (-Dtests=true defines
 * KONTOR_SERVER_FAULTS) */
static void
maybe_crash (const char *point)
{
#ifdef KONTOR_SERVER_FAULTS
  if (g_strcmp0 (g_getenv ("KONTOR_SERVER_FAULT"), point) == 0)
    kill (getpid (), SIGKILL);
#endif
}

/* The end of a push, in one round trip with what is deferred: who sees
 * the contacts it touched (kontor_rescope (), schema/005-activities.sql, which
 * may log changes of its own), the clock, the watermark, the notification
 * and the commit. After a failure PostgreSQL runs nothing more of it, and
 * the push rolls back. */
static gboolean
end_push (Push   *push,
          gint64  last_client_seq)
{
  g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, push->first_seq);
  g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, push->last_seq);
  g_autofree char *made = dup_text_array (push->created);
  g_autofree char *client_seq = g_strdup_printf ("%" G_GINT64_FORMAT, last_client_seq);
  const char *params[] = { push->account->workspace_id, first, last, made, push->account->id,
                           push->account->client_id, client_seq };
  const KontorDbStatement end[] = {
    { "WITH r AS (SELECT CASE WHEN $3::bigint > $2::bigint"
      " THEN kontor_rescope ($1, $2, $3, $4, $5) ELSE $3::bigint END AS seq),"
      " c AS (UPDATE workspace SET last_seq = (SELECT seq FROM r) WHERE id = $1),"
      " m AS (UPDATE client_watermark SET last_client_seq = $7 WHERE client_id = $6)"
      " SELECT r.seq, (SELECT count(*) FROM (SELECT"
      " pg_notify ('kontor_sync', $1 || ':' || r.seq) WHERE r.seq > $2::bigint) n) FROM r",
      G_N_ELEMENTS (params), params },
    { "COMMIT", 0, NULL },
  };
  PGresult *answers[G_N_ELEMENTS (end)];

  run (push, end, G_N_ELEMENTS (end), answers);
  if (answers[0] != NULL && PQntuples (answers[0]) == 1)
    push->last_seq = g_ascii_strtoll (PQgetvalue (answers[0], 0, 0), NULL, 10);
  g_clear_pointer (&answers[0], PQclear);
  g_clear_pointer (&answers[1], PQclear);

  return !push->failed;
}

/**
 * kontor_sync_push:
 * @conn: a worker's connection
 * @account: who pushes, with the session's client
 * @body: the request body
 * @response: (out): the JSON answer
 * @pushed: (out): whether anything was applied (the workspace's clock moved)
 *
 * Returns: the HTTP status
 */
guint
kontor_sync_push (PGconn         *conn,
                  KontorAccount  *account,
                  GBytes         *body,
                  char          **response,
                  gboolean       *pushed)
{
  g_autoptr(KontorSyncPushRequest) request = NULL;
  GArray *mutations;
  g_autoptr(JsonBuilder) results = json_builder_new ();
  g_autoptr(JsonNode) results_node = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) held = NULL;
  const Mutation *held_mutation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) watermark = NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  gint64 last_client_seq, expected = 0;
  gboolean last;
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_auto(Push) push = { conn, account, 0, FALSE, FALSE, account->id, account->client_id, created };

  *pushed = FALSE;

  request = kontor_sync_push_request_parse (data, length, &error);
  if (request == NULL)
    {
      *response = kontor_server_dup_error ("invalid", error->message);
      return STATUS_BAD_REQUEST;
    }
  if (g_strcmp0 (kontor_sync_push_request_get_client_id (request), account->client_id) != 0)
    {
      *response = kontor_server_dup_error ("invalid", _("The push names another client than the session’s."));
      return STATUS_BAD_REQUEST;
    }
  mutations = kontor_sync_push_request_get_mutations (request);

  /* The client's watermark first, made and locked in one statement: the
   * same push sent twice waits here and then finds its mutations taken.
   * Then the workspace's clock, which every push takes in the same order
   * after its own client's row, and holds to its commit: the fewer round
   * trips after it, the more pushes a second (tests/bench "sync_push"). */
  {
    const char *params[] = { account->client_id, account->id };

    defer (&push, "BEGIN", 0, NULL);

    /* no row: the installation is another account's (login refuses that
     * too); its mutations are never this one's */
    watermark = exec (&push, "INSERT INTO client_watermark (client_id, account_id)"
                             " VALUES ($1, $2) ON CONFLICT (client_id)"
                             " DO UPDATE SET client_id = EXCLUDED.client_id"
                             " WHERE client_watermark.account_id = EXCLUDED.account_id"
                             " RETURNING last_client_seq", 2, params);
  }
  if (watermark != NULL && PQntuples (watermark) == 0)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      *response = kontor_server_dup_error ("client_taken",
                             _("This installation is registered to another user."));
      return STATUS_FORBIDDEN;
    }
  if (watermark == NULL || PQntuples (watermark) != 1)
    goto database_error;

  start_clock (&push);
  last_client_seq = g_ascii_strtoll (PQgetvalue (watermark, 0, 0), NULL, 10);

  json_builder_begin_array (results);
  for (guint i = 0; i < mutations->len; i++)
    {
      const Mutation *mutation = &g_array_index (mutations, Mutation, i);

      if (mutation->client_seq <= last_client_seq)
        {
          /* sent before: the answer of then, as it was */
          g_autofree char *client_seq = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                         mutation->client_seq);
          const char *params[] = { account->client_id, client_seq };
          g_autoptr(PGresult) stored = exec (&push, "SELECT result FROM applied_mutation"
                                                    " WHERE client_id = $1 AND client_seq = $2",
                                             2, params);

          json_builder_begin_object (results);
          json_builder_set_member_name (results, "client_seq");
          json_builder_add_int_value (results, mutation->client_seq);
          json_builder_set_member_name (results, "status");
          json_builder_add_string_value (results, "duplicate");
          if (stored != NULL && PQntuples (stored) == 1)
            {
              json_builder_set_member_name (results, "original");
              json_builder_add_value (results, kontor_json_parse (PQgetvalue (stored, 0, 0)));
            }
          json_builder_end_object (results);
          continue;
        }

      if (mutation->client_seq != last_client_seq + 1)
        {
          expected = last_client_seq + 1;
          break;
        }

      /* the last one's result waits for the commit, which its writes go
       * with */
      last = i + 1 == mutations->len;
      result = apply_mutation (&push, mutation, last);
      if (result != NULL && last)
        {
          held = g_steal_pointer (&result);
          held_mutation = mutation;
        }
      else if (result != NULL)
        json_builder_add_value (results, g_steal_pointer (&result));
      last_client_seq = mutation->client_seq;
    }

  /* what is still waiting when no mutation's writes are: the clock, when
   * no mutation read it with its own statements */
  if (held == NULL)
    run (&push, NULL, 0, NULL);
  maybe_crash ("crash_before_commit");

  /* after the last mutation failed on its data in the end's round trip,
   * it is rejected and the push ends without it */
  if (!end_push (&push, last_client_seq) && push.data_error && held != NULL)
    {
      g_clear_pointer (&held, json_node_unref);
      held = reject_invalid (&push, held_mutation);
      end_push (&push, last_client_seq);
    }
  if (push.failed)
    goto database_error;
  maybe_crash ("crash_after_commit_before_reply");
  if (held != NULL)
    json_builder_add_value (results, g_steal_pointer (&held));
  json_builder_end_array (results);

  *pushed = push.last_seq > push.first_seq;
  if (expected > 0)
    {
      *response = g_strdup_printf ("{\"error\":\"out_of_order\",\"expected_client_seq\":%"
                                   G_GINT64_FORMAT "}", expected);
      return STATUS_CONFLICT;
    }

  results_node = json_builder_get_root (results);
  {
    g_autoptr(JsonBuilder) answer = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object (answer);
    json_builder_set_member_name (answer, "results");
    json_builder_add_value (answer, g_steal_pointer (&results_node));
    json_builder_set_member_name (answer, "last_seq");
    json_builder_add_int_value (answer, push.last_seq);
    json_builder_end_object (answer);
    root = json_builder_get_root (answer);
    *response = kontor_json_to_string (root);
  }

  return STATUS_OK;

database_error:
  return database_unavailable (conn, response);
}

/* A long poll (pull with wait=): on this request's own connection,
 * LISTEN, look at the clock once more (a change committed before the
 * LISTEN sends no notification here), then wait for a notification of
 * this workspace past @cursor, at most @seconds. Holds the worker it runs
 * on meanwhile. Returns FALSE when the database failed. */
static gboolean
wait_for_change (PGconn     *conn,
                 const char *workspace_id,
                 gint64      cursor,
                 guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  g_autofree char *prefix = g_strconcat (workspace_id, ":", NULL);
  const char *params[] = { workspace_id };
  gboolean changed = FALSE;
  gboolean ok = TRUE;
  PGresult *result;

  result = PQexec (conn, "LISTEN kontor_sync");
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  PQclear (result);
  if (!ok)
    return FALSE;

  result = PQexecParams (conn, "SELECT last_seq FROM workspace WHERE id = $1", 1, NULL, params,
                         NULL, NULL, 0);
  ok = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1;
  if (ok)
    changed = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) > cursor;
  PQclear (result);

  while (ok && !changed)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      struct pollfd fd = { PQsocket (conn), POLLIN, 0 };
      PGnotify *notify;

      if (left <= 0)
        break;
      if (poll (&fd, 1, (int) MAX (left / 1000, 1)) < 0 || !PQconsumeInput (conn))
        {
          ok = FALSE;
          break;
        }
      while ((notify = PQnotifies (conn)) != NULL)
        {
          if (g_str_has_prefix (notify->extra, prefix) &&
              g_ascii_strtoll (notify->extra + strlen (prefix), NULL, 10) > cursor)
            changed = TRUE;
          PQfreemem (notify);
        }
    }

  result = PQexec (conn, "UNLISTEN kontor_sync");
  ok = ok && PQresultStatus (result) == PGRES_COMMAND_OK;
  PQclear (result);
  /* what came between the last look and the UNLISTEN */
  if (ok && PQconsumeInput (conn))
    {
      PGnotify *notify;

      while ((notify = PQnotifies (conn)) != NULL)
        PQfreemem (notify);
    }

  return ok;
}

/**
 * kontor_sync_pull:
 * @conn: a worker's connection
 * @account: who pulls
 * @query: (element-type utf8 utf8) (nullable): cursor and limit
 * @response: (out): the JSON answer
 *
 * The changes after the cursor, read in one snapshot: every change up to
 * the clock seen there is committed and visible, so none is skipped.
 *
 * Returns: the HTTP status
 */
guint
kontor_sync_pull (PGconn         *conn,
                  KontorAccount  *account,
                  GHashTable     *query,
                  char          **response)
{
  const char *cursor_text = query != NULL ? g_hash_table_lookup (query, "cursor") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  const char *wait_text = query != NULL ? g_hash_table_lookup (query, "wait") : NULL;
  guint64 cursor = 0, limit = 500, wait = 0;
  g_autoptr(PGresult) clock = NULL;
  g_autoptr(PGresult) changes = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(Push) push = { conn, account, 0, FALSE, FALSE, account->id, account->client_id };
  gint64 last_seq, min_retained, next_cursor;

  if ((cursor_text != NULL &&
       !g_ascii_string_to_unsigned (cursor_text, 10, 0, G_MAXINT64, &cursor, NULL)) ||
      (limit_text != NULL &&
       !g_ascii_string_to_unsigned (limit_text, 10, 1, KONTOR_SYNC_MAX_PULL, &limit, NULL)) ||
      (wait_text != NULL &&
       !g_ascii_string_to_unsigned (wait_text, 10, 0, KONTOR_SYNC_MAX_WAIT, &wait, NULL)))
    {
      *response = kontor_server_dup_error ("invalid", _("The cursor and the limit must be numbers "
                                          "(a limit of 1 to 1000, a wait of 0 to 30 seconds)."));
      return STATUS_BAD_REQUEST;
    }

  if (wait > 0 && !wait_for_change (conn, account->workspace_id, cursor, wait))
    return database_unavailable (conn, response);

  {
    const char *params[] = { account->workspace_id };
    g_autoptr(PGresult) begun = exec (&push, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                      0, NULL);

    clock = exec (&push, "SELECT last_seq, min_retained_seq FROM workspace WHERE id = $1",
                  1, params);
  }
  if (clock == NULL || PQntuples (clock) != 1)
    goto database_error;
  last_seq = g_ascii_strtoll (PQgetvalue (clock, 0, 0), NULL, 10);
  min_retained = g_ascii_strtoll (PQgetvalue (clock, 0, 1), NULL, 10);

  if ((gint64) cursor < min_retained)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      *response = kontor_server_dup_error ("resync_required",
                             _("The changes since the last sync are no longer kept. "
                               "Everything is loaded anew."));
      return STATUS_GONE;
    }

  {
    g_autofree char *cursor_param = g_strdup_printf ("%" G_GUINT64_FORMAT, cursor);
    g_autofree char *last_param = g_strdup_printf ("%" G_GINT64_FORMAT, last_seq);
    g_autofree char *limit_param = g_strdup_printf ("%" G_GUINT64_FORMAT, limit);
    const char *params[] = { account->workspace_id, cursor_param, last_param, limit_param,
                             account->id };

    /* what the account sees (schema/004-scopes.sql): an administrator
     * every contact's own changes, others those of their scopes and
     * the rows written for them alone. The account's scopes are worked
     * out once (MATERIALIZED): inlined, they were asked again for each
     * row. */
    changes = exec (&push, "WITH s AS MATERIALIZED (SELECT kontor_account_scopes ($1, $5) AS mine,"
                           " kontor_is_admin ($5) AS admin)"
                           " SELECT c.seq, c.entity, c.entity_id, c.op, c.fields,"
                           " coalesce (a.username, ''), c.client_id, c.client_seq,"
                           " to_char (c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                           " FROM change_log c LEFT JOIN account a ON a.id = c.actor, s"
                           " WHERE c.workspace_id = $1 AND c.seq > $2 AND c.seq <= $3"
                           " AND (c.scope IS NULL OR (s.admin AND c.scope_owner IS NOT NULL)"
                           " OR (NOT s.admin AND c.scope && s.mine))"
                           " ORDER BY c.seq LIMIT $4", G_N_ELEMENTS (params), params);
  }
  {
    g_autoptr(PGresult) ended = exec (&push, "COMMIT", 0, NULL);
  }
  if (changes == NULL || push.failed)
    goto database_error;

  /* all up to the clock when the page is not full */
  next_cursor = (guint64) PQntuples (changes) < limit
                ? last_seq
                : g_ascii_strtoll (PQgetvalue (changes, PQntuples (changes) - 1, 0), NULL, 10);
  if (next_cursor < (gint64) cursor)
    next_cursor = cursor;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, next_cursor);
  json_builder_set_member_name (builder, "has_more");
  json_builder_add_boolean_value (builder, next_cursor < last_seq);
  json_builder_set_member_name (builder, "min_retained_seq");
  json_builder_add_int_value (builder, min_retained);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (int i = 0; i < PQntuples (changes); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (changes, i, 0), NULL, 10));
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, PQgetvalue (changes, i, 1));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, PQgetvalue (changes, i, 2));
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, PQgetvalue (changes, i, 3));
      json_builder_set_member_name (builder, "fields");
      json_builder_add_value (builder, kontor_json_parse (PQgetvalue (changes, i, 4)));
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, PQgetvalue (changes, i, 5));
      json_builder_set_member_name (builder, "client_id");
      json_builder_add_string_value (builder, PQgetvalue (changes, i, 6));
      json_builder_set_member_name (builder, "client_seq");
      json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (changes, i, 7), NULL, 10));
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, PQgetvalue (changes, i, 8));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  *response = kontor_json_to_string (root);

  return STATUS_OK;

database_error:
  return database_unavailable (conn, response);
}

/**
 * kontor_sync_resolve:
 * @conn: a worker's connection
 * @account: who resolves, with the session's client
 * @conflict_id: the conflict, from the path
 * @body: {"choice": "mine" | "theirs" | "value", "value"?, "client_seq"}
 * @response: (out): the JSON answer, a push's
 * @pushed: (out): whether anything was applied
 *
 * POST /v1/conflicts/{id}/resolve: one resolve mutation pushed, so that it
 * takes the client's next client_seq and is applied once however often
 * it is sent.
 *
 * Returns: the HTTP status
 */
guint
kontor_sync_resolve (PGconn         *conn,
                     KontorAccount  *account,
                     const char     *conflict_id,
                     GBytes         *body,
                     char          **response,
                     gboolean       *pushed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) push_body = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  JsonObject *object;

  *pushed = FALSE;
  text = data != NULL && memchr (data, '\0', length) == NULL ? g_strndup (data, length) : NULL;
  if (text == NULL || !kontor_json_is_one_object (text) ||
      !json_parser_load_from_data (parser, text, -1, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *response = kontor_server_dup_error ("invalid", _("The request body is not a JSON object."));
      return STATUS_BAD_REQUEST;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  /* the same checks as every push's (kontor_sync_push_request_parse()) */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, account->client_id);
  json_builder_set_member_name (builder, "mutations");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "resolve");
  json_builder_set_member_name (builder, "conflict");
  json_builder_add_string_value (builder, conflict_id);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const members[] = { "client_seq", "choice", "value" };
      JsonNode *member = json_object_get_member (object, members[i]);

      if (member == NULL)
        continue;
      json_builder_set_member_name (builder, members[i]);
      json_builder_add_value (builder, json_node_copy (member));
    }
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  g_free (text);
  text = kontor_json_to_string (root);
  length = strlen (text);
  push_body = g_bytes_new_take (g_steal_pointer (&text), length);

  return kontor_sync_push (conn, account, push_body, response, pushed);
}

/**
 * kontor_sync_list_conflicts:
 * @conn: a worker's connection
 * @account: who asks: their conflicts (an administrator: everyone's)
 * @query: (nullable): "status": open (the default), resolved, superseded
 * @response: (out): {"conflicts": [...]}
 *
 * Returns: the HTTP status
 */
guint
kontor_sync_list_conflicts (PGconn         *conn,
                            KontorAccount  *account,
                            GHashTable     *query,
                            char          **response)
{
  const char *status = query != NULL ? g_hash_table_lookup (query, "status") : NULL;
  const char *mine = query != NULL ? g_hash_table_lookup (query, "mine") : NULL;
  /* an administrator sees everyone's, unless asking for their own
   * (mine=1: what the sync engine shows its user) */
  const char *admin = g_strcmp0 (account->role, "admin") == 0 && g_strcmp0 (mine, "1") != 0
                      ? "t" : "f";
  const char *params[] = { account->workspace_id, status != NULL ? status : "open",
                           account->id, admin };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_auto(Push) push = { conn, account, 0, FALSE, FALSE, account->id, account->client_id };

  if (g_strv_contains ((const char * const[]) { "open", "resolved", "superseded", NULL },
                       params[1]) == FALSE)
    {
      *response = kontor_server_dup_error ("invalid", _("A conflict is open, resolved or superseded."));
      return STATUS_BAD_REQUEST;
    }

  rows = exec (&push, "SELECT c.id, c.entity, c.entity_id, c.field, c.kind, c.base_value,"
                      " c.theirs_value, c.theirs_rev, c.yours_value, c.status, c.supersedes,"
                      " coalesce (a.username, ''), c.yours_client,"
                      " to_char (c.created_at AT TIME ZONE 'UTC',"
                      " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                      /* who made the value that stays, and when: while
                       * the change log still has it */
                      " nullif (coalesce (nullif (t.display_name, ''), t.username), ''),"
                      " to_char (l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                      " FROM conflict c LEFT JOIN account a ON a.id = c.yours_actor"
                      " LEFT JOIN change_log l ON l.workspace_id = c.workspace_id"
                      " AND l.seq = c.theirs_rev"
                      " LEFT JOIN account t ON t.id = l.actor"
                      " WHERE c.workspace_id = $1 AND c.status = $2"
                      " AND (c.yours_actor = $3 OR $4::boolean) ORDER BY c.created_at, c.id",
               G_N_ELEMENTS (params), params);
  if (rows == NULL)
    return database_unavailable (conn, response);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (int i = 0; i < PQntuples (rows); i++)
    {
      static const char * const names[] = { "id", "entity", "entity_id", "field", "kind",
                                            "base", "theirs", "theirs_rev", "yours", "status",
                                            "supersedes", "by", "client_id", "at", "theirs_by",
                                            "theirs_at" };

      json_builder_begin_object (builder);
      for (guint column = 0; column < G_N_ELEMENTS (names); column++)
        {
          if (PQgetisnull (rows, i, column))
            continue;
          json_builder_set_member_name (builder, names[column]);
          if (column == 5 || column == 6 || column == 8)
            json_builder_add_value (builder, kontor_json_parse (PQgetvalue (rows, i, column)));
          else if (column == 7)
            json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, column),
                                                                  NULL, 10));
          else
            json_builder_add_string_value (builder, PQgetvalue (rows, i, column));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  *response = kontor_json_to_string (root);

  return STATUS_OK;
}

/* A snapshot page's answer (PROTOCOL.md "Snapshot") around the rows
 * PostgreSQL read: the clock, then per row its id, revision, whether it
 * is deleted, its values and revisions (JSON as stored); a page without
 * rows has one row of the clock alone */
static char *
dup_snapshot_page (PGresult   *page,
                   const char *entity,
                   guint64     limit)
{
  g_autofree char *entity_text = kontor_json_quote (entity);
  int n_rows = PQgetisnull (page, 0, 1) ? 0 : PQntuples (page);
  GString *out = g_string_sized_new (256 + 512 * (gsize) n_rows);

  g_string_append_printf (out, "{\"as_of_seq\":%s,\"entity\":%s,\"records\":[",
                          PQgetvalue (page, 0, 0), entity_text);
  for (int r = 0; r < n_rows; r++)
    {
      g_autofree char *id = kontor_json_quote (PQgetvalue (page, r, 1));

      g_string_append_printf (out, "%s{\"id\":%s,\"rev\":%s,\"deleted\":%s,\"values\":",
                              r > 0 ? "," : "", id, PQgetvalue (page, r, 2),
                              g_str_equal (PQgetvalue (page, r, 3), "t") ? "true" : "false");
      g_string_append_len (out, PQgetvalue (page, r, 4), PQgetlength (page, r, 4));
      g_string_append (out, ",\"revs\":");
      g_string_append_len (out, PQgetvalue (page, r, 5), PQgetlength (page, r, 5));
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"has_more\":%s,\"next_after_id\":",
                          (guint64) n_rows == limit ? "true" : "false");
  if (n_rows > 0)
    {
      g_autofree char *last = kontor_json_quote (PQgetvalue (page, n_rows - 1, 1));

      g_string_append (out, last);
    }
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

/**
 * kontor_sync_snapshot:
 * @conn: a worker's connection
 * @account: who asks
 * @query: "entity" (required), "after_id", "limit" (1 to 1000, 500)
 * @response: (out): {"as_of_seq", "entity", "records": [...], "next_after_id", "has_more"}
 *
 * One page of an entity's rows as they are, read with the clock in one
 * statement: each row's values and their revisions, and deleted rows as
 * tombstones. For a first sync and after 410
 * (src/protocol/PROTOCOL.md "Snapshot").
 *
 * Returns: the HTTP status
 */
guint
kontor_sync_snapshot (PGconn         *conn,
                      KontorAccount  *account,
                      GHashTable     *query,
                      char          **response)
{
  const char *entity = query != NULL ? g_hash_table_lookup (query, "entity") : NULL;
  const char *after_id = query != NULL ? g_hash_table_lookup (query, "after_id") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 limit = 500;
  g_autofree char *limit_param = NULL;
  g_autoptr(PGresult) page = NULL;
  g_auto(Push) push = { conn, account, 0, FALSE, FALSE, account->id, account->client_id, NULL };

  if (entity == NULL || kontor_sync_entity_lookup (entity) == NULL ||
      (limit_text != NULL &&
       !g_ascii_string_to_unsigned (limit_text, 10, 1, KONTOR_SYNC_MAX_PULL, &limit, NULL)))
    {
      *response = kontor_server_dup_error ("invalid", _("A snapshot needs an entity the server knows and a "
                                          "limit of 1 to 1000."));
      return STATUS_BAD_REQUEST;
    }

  /* One statement is one snapshot: the clock and the rows are read
   * together (the clock's row joined to the page's rows, so that an empty
   * page has it too). The account's scopes are worked out once
   * (MATERIALIZED: inlined, they were asked again for each row). Each
   * row's values and revisions come as the text PostgreSQL stores them
   * (pairing them field by field, as a pull's change does, took nine times
   * as long), and the page is put together here around them: built as
   * JSON by PostgreSQL it took twice as long again. */
  limit_param = g_strdup_printf ("%" G_GUINT64_FORMAT, limit);
  {
    const char *params[] = { account->workspace_id, entity, after_id != NULL ? after_id : "",
                             limit_param, account->id };

    page = exec (&push, "WITH s AS MATERIALIZED (SELECT kontor_account_scopes ($1, $5) AS mine,"
                        " kontor_is_admin ($5) AS admin),"
                        " p AS (SELECT r.id, r.fields, r.field_revs, r.rev, r.deleted"
                        " FROM record r, s WHERE r.workspace_id = $1 AND r.entity = $2"
                        " AND r.id > $3 AND kontor_sees (r.scope, s.mine, s.admin)"
                        " ORDER BY r.id LIMIT $4)"
                        " SELECT w.last_seq, p.id, p.rev, p.deleted,"
                        " CASE WHEN p.deleted THEN '{}'::jsonb ELSE p.fields END,"
                        " CASE WHEN p.deleted THEN '{}'::jsonb ELSE p.field_revs END"
                        " FROM workspace w LEFT JOIN p ON true WHERE w.id = $1 ORDER BY p.id",
                 G_N_ELEMENTS (params), params);
  }
  if (push.failed || page == NULL || PQntuples (page) < 1)
    return database_unavailable (conn, response);

  *response = dup_snapshot_page (page, entity, limit);

  return STATUS_OK;
}

/**
 * kontor_sync_compact:
 * @conn: a connection
 * @before_seq: the first change to keep
 * @error: return location for a #GError
 *
 * Drops the change log before @before_seq and publishes it as the
 * workspace's min_retained_seq: a client whose cursor is older gets 410
 * and loads a snapshot. The retention of `kontor-server admin compact`.
 *
 * Returns: how many changes were dropped, -1 on error
 */
gint64
kontor_sync_compact (PGconn  *conn,
                     gint64   before_seq,
                     GError **error)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, before_seq);
  const char *params[] = { seq };
  g_autoptr(PGresult) dropped = NULL;

  if (!kontor_db_run (conn, "BEGIN", 0, NULL, error))
    return -1;
  dropped = kontor_db_exec (conn, "DELETE FROM change_log WHERE seq < $1", 1, params, error);
  if (dropped == NULL ||
      !kontor_db_run (conn, "UPDATE workspace SET min_retained_seq ="
                            " greatest (min_retained_seq, least ($1::bigint, last_seq))",
                      1, params, error) ||
      !kontor_db_run (conn, "COMMIT", 0, NULL, error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return -1;
    }

  return g_ascii_strtoll (PQcmdTuples (dropped), NULL, 10);
}
