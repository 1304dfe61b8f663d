/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The sync engine against real servers: PostgreSQL started by the test
 * (tests/server/kontor-server-harness.c), kontor-server instances, and
 * stores of their own per simulated machine. Every scenario ends with the
 * machines compared field by field: the same data everywhere, nothing
 * lost. */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "kontor-activity.h"
#include "kontor-channel.h"
#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-employment.h"
#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-lead-project-write.h"
#include "kontor-pipeline-status.h"
#include "kontor-record-json.h"
#include "kontor-record-write.h"
#include "kontor-server-harness.h"
#include "kontor-store-blob-sync.h"
#include "kontor-store-blobs.h"
#include "kontor-store-lead.h"
#include "kontor-sync-service.h"
#include "kontor-store-sync.h"
#include "kontor-store.h"
#include "kontor-contact-merge.h"
#include "kontor-sync-engine.h"
#include "kontor-sync-entity.h"
#include "kontor-team.h"
#include "kontor-test-utils.h"
#include "kontor-user.h"

#define PASSWORD "Sommer2026!"

static KontorTestPostgres pg;

/* One simulated machine: its database and its engine */
typedef struct
{
  KontorStore      *store;
  KontorSyncEngine *engine;
  char             *path;
} Machine;

static void
create_user (const char *username,
             const char *role)
{
  g_autofree char *output = NULL;

  g_assert_cmpint (kontor_test_server_admin (&pg, PASSWORD "\n", &output, "create-user", username,
                                             "--role", role, "--name", username, NULL), ==, 0);
}

static Machine *
machine_new (KontorTestServer *server,
             const char       *username)
{
  Machine *machine = g_new0 (Machine, 1);
  g_autoptr(GError) error = NULL;

  machine->store = kontor_test_open_store (&machine->path);
  machine->engine = kontor_sync_engine_new (machine->store, server->uri);
  if (server->session != NULL)
    kontor_sync_engine_set_tls_database (machine->engine,
                                         soup_session_get_tls_database (server->session));
  kontor_sync_engine_login (machine->engine, username, PASSWORD, "Test", NULL, &error);
  g_assert_no_error (error);

  return machine;
}

static void
machine_free (Machine *machine)
{
  g_autofree char *dir = g_path_get_dirname (machine->path);

  g_clear_object (&machine->engine);
  kontor_test_close_store (&machine->store, machine->path);
  g_free (machine->path);
  g_free (machine);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Machine, machine_free)

static char *dup_ids (Machine *machine, const char *sql);

static void
sync_ok (Machine *machine)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("KONTOR_SYNC_TRACE") != NULL)
    {
      g_autofree char *outbox = dup_ids (machine, "SELECT client_seq || ' ' || coalesce(push_seq, '-') || ' ' || state || ' ' || op || ' ' || entity || ' ' || entity_id FROM outbox ORDER BY client_seq");

      g_printerr ("outbox of %s:\n%s", kontor_store_get_client_id (machine->store), outbox);
    }

  kontor_sync_engine_sync (machine->engine, NULL, &error);
  g_assert_no_error (error);
}

static gint64
outbox_size (Machine *machine)
{
  return kontor_store_count_outbox (machine->store, NULL);
}

static void
save (Machine  *machine,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  kontor_store_save (machine->store, KONTOR_RECORD (record), &error);
  g_assert_no_error (error);
}

static gpointer
load (Machine    *machine,
      GType       type,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  gpointer record = kontor_store_load (machine->store, type, id, &error);

  g_assert_no_error (error);

  return record;
}

static gpointer
load_or_null (Machine    *machine,
              GType       type,
              const char *id)
{
  return kontor_store_load (machine->store, type, id, NULL);
}

/* Every stored field of two copies of a record, children too */
static void
assert_same_record (KontorRecord *a,
                    KontorRecord *b)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (a);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (kontor_record_get_id (a), ==, kontor_record_get_id (b));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];

      if ((field->flags & KONTOR_FIELD_STORED) == 0)
        continue;
      if (!kontor_field_value_equal (field, kontor_record_get_value (a, i),
                                     kontor_record_get_value (b, i)))
        {
          g_autofree char *va = kontor_field_value_to_json_string (field,
                                                                   kontor_record_get_value (a, i));
          g_autofree char *vb = kontor_field_value_to_json_string (field,
                                                                   kontor_record_get_value (b, i));

          g_error ("%s %s: %s differs: %s / %s", kontor_record_get_entity (a),
                   kontor_record_get_id (a), field->column, va, vb);
        }
    }
}

/* The ids of every row of @table, sorted */
static char *
dup_ids (Machine    *machine,
         const char *sql)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  sqlite3_stmt *stmt = kontor_test_prepare (machine->store, sql, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (ids, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Two machines hold the same data: every record of every kind, field by
 * field, with the same child rows */
static void
assert_same_data (Machine *a,
                  Machine *b)
{
  static const char * const children[] = {
    "SELECT id || owner_id || kind || coalesce(label, '') || value || position "
    "FROM contact_channel ORDER BY id",
    "SELECT owner_id || kind || target_id || position FROM contact_link ORDER BY 1",
    "SELECT id || owner_id || kind || coalesce(label, '') || value || position "
    "FROM company_channel ORDER BY id",
    "SELECT owner_id || kind || target_id FROM company_link ORDER BY 1",
    "SELECT owner_id || kind || target_id FROM contact_group_link ORDER BY 1",
    "SELECT owner_id || kind || target_id FROM app_user_link ORDER BY 1",
    "SELECT owner_id || kind || target_id FROM lead_project_link ORDER BY 1",
    "SELECT id || prefix || year_format || padding FROM number_range ORDER BY id",
    "SELECT key || value FROM meta WHERE key = 'keep-birthdays'",
  };

  for (guint e = 0; kontor_sync_entity_nth (e) != NULL; e++)
    {
      const KontorSyncEntity *entity = kontor_sync_entity_nth (e);
      GType type = kontor_sync_entity_get_record_type (entity);
      g_autofree char *sql = NULL;
      g_autofree char *ids_a = NULL;
      g_autofree char *ids_b = NULL;
      g_auto(GStrv) ids = NULL;

      if (type == G_TYPE_INVALID)
        continue;
      /* but for the user each installation starts with, its own */
      sql = g_strdup_printf ("SELECT id FROM %s WHERE id NOT IN (SELECT value FROM sync_state "
                             "WHERE key = 'user_id') ORDER BY id",
                             kontor_sync_entity_get_name (entity));
      ids_a = dup_ids (a, sql);
      ids_b = dup_ids (b, sql);
      if (!g_str_equal (ids_a, ids_b))
        g_error ("%s: the machines hold other rows:\n%s---\n%s", kontor_sync_entity_get_name (entity),
                 ids_a, ids_b);

      ids = g_strsplit (ids_a, "\n", -1);
      for (guint i = 0; ids[i] != NULL && *ids[i] != '\0'; i++)
        {
          g_autoptr(KontorRecord) ra = load (a, type, ids[i]);
          g_autoptr(KontorRecord) rb = load (b, type, ids[i]);

          assert_same_record (ra, rb);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_autofree char *rows_a = dup_ids (a, children[i]);
      g_autofree char *rows_b = dup_ids (b, children[i]);

      g_assert_cmpstr (rows_a, ==, rows_b);
    }
}

static GPtrArray *
channels (const char *first,
          ...)
{
  GPtrArray *array = kontor_channel_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *value = first; value != NULL; value = va_arg (args, const char *))
    g_ptr_array_add (array, kontor_channel_new ("work", value));
  va_end (args);

  return array;
}

static KontorContact *
new_contact (const char *first,
             const char *last)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);

  return contact;
}

/* A call recorded on @owner, a contact or a company; done, so it is the
 * owner's last activity (feature A8) */
static KontorActivity *
new_call (gpointer    owner,
          const char *subject)
{
  KontorActivity *call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (owner));

  kontor_activity_set_starts_at (call, 1790000000);
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_activity_set_subject (call, subject);

  return call;
}


/* ------------------------------------------------------------------------ */
/* Convergence and no loss (src/protocol/PROTOCOL.md "The client") */

/* The column of the child field of @parent whose rows have @kind */
static const char *
child_column (const KontorSyncEntity *parent,
              KontorFieldType         type,
              int                     kind)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (kontor_sync_entity_get_record_type (parent));
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  for (guint i = 0; i < record_class->n_fields; i++)
    {
      if (record_class->fields[i].type == type && record_class->fields[i].kind == kind)
        return record_class->fields[i].column;
    }

  return NULL;
}

static void
add_row (GTree      *rows,
         const char *entity,
         const char *id,
         JsonObject *fields)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), fields);

  g_tree_insert (rows, g_strconcat (entity, " ", id, NULL), kontor_json_to_string (node));
}

static JsonNode *
column_node (sqlite3_stmt *stmt,
             int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return json_node_new (JSON_NODE_NULL);
    case SQLITE_INTEGER:
      return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, column));
    default:
      return json_node_init_string (json_node_alloc (),
                                    (const char *) sqlite3_column_text (stmt, column));
    }
}

/* Every synced row of a machine as the server holds it: "entity id" ->
 * its fields as JSON, sorted; the user the installation started with,
 * which is its own, left out */
static GTree *
dump_machine (Machine *machine)
{
  GTree *rows = g_tree_new_full ((GCompareDataFunc) g_strcmp0, NULL, g_free, g_free);

  for (guint e = 0; kontor_sync_entity_nth (e) != NULL; e++)
    {
      const KontorSyncEntity *entity = kontor_sync_entity_nth (e);
      const KontorSyncEntity *parent = kontor_sync_entity_get_parent (entity);
      const char *name = kontor_sync_entity_get_name (entity);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      switch (kontor_sync_entity_get_kind (entity))
        {
        case KONTOR_SYNC_KIND_RECORD:
          sql = g_strdup_printf ("SELECT id FROM %s WHERE id NOT IN (SELECT value FROM "
                                 "sync_state WHERE key = 'user_id')", name);
          break;
        case KONTOR_SYNC_KIND_CHANNEL:
          sql = g_strdup_printf ("SELECT id, owner_id, kind, label, value, position FROM %s",
                                 name);
          break;
        case KONTOR_SYNC_KIND_LINK:
          sql = g_strdup_printf ("SELECT owner_id, kind, target_id, position FROM %s WHERE "
                                 "owner_id NOT IN (SELECT value FROM sync_state WHERE "
                                 "key = 'user_id')", name);
          break;
        case KONTOR_SYNC_KIND_SETTING:
          sql = g_str_equal (name, "number_range")
                ? g_strdup ("SELECT id, entity, prefix, year_format, padding FROM number_range")
                : g_strdup ("SELECT '00000000-0000-7000-8000-000000000102', "
                            "coalesce((SELECT value FROM meta WHERE key = 'keep-birthdays'), '1')");
          break;
        default:
          g_assert_not_reached ();
        }

      stmt = kontor_test_prepare (machine->store, sql, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JsonObject *fields = json_object_new ();
          const char *id = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *link = NULL;

          switch (kontor_sync_entity_get_kind (entity))
            {
            case KONTOR_SYNC_KIND_RECORD:
              {
                g_autoptr(KontorRecord) record =
                  load (machine, kontor_sync_entity_get_record_type (entity), id);
                KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);

                for (guint i = 0; i < klass->n_fields; i++)
                  {
                    const KontorField *field = &klass->fields[i];

                    if ((field->flags & KONTOR_FIELD_STORED) == 0 ||
                        field->type == KONTOR_FIELD_TYPE_CHANNELS ||
                        field->type == KONTOR_FIELD_TYPE_REFS)
                      continue;
                    json_object_set_member (fields, field->column,
                                            kontor_field_value_to_json (field,
                                                                        kontor_record_get_value (record, i)));
                  }
              }
              break;
            case KONTOR_SYNC_KIND_CHANNEL:
              json_object_set_member (fields, "owner_id", column_node (stmt, 1));
              json_object_set_string_member (fields, "kind",
                                             child_column (parent, KONTOR_FIELD_TYPE_CHANNELS,
                                                           sqlite3_column_int (stmt, 2)));
              json_object_set_member (fields, "label", column_node (stmt, 3));
              json_object_set_member (fields, "value", column_node (stmt, 4));
              json_object_set_member (fields, "position", column_node (stmt, 5));
              break;
            case KONTOR_SYNC_KIND_LINK:
              {
                const char *column = child_column (parent, KONTOR_FIELD_TYPE_REFS,
                                                   sqlite3_column_int (stmt, 1));

                link = g_strjoin (":", id, column, sqlite3_column_text (stmt, 2), NULL);
                json_object_set_member (fields, "owner_id", column_node (stmt, 0));
                json_object_set_string_member (fields, "kind", column);
                json_object_set_member (fields, "target_id", column_node (stmt, 2));
                json_object_set_member (fields, "position", column_node (stmt, 3));
                id = link;
              }
              break;
            case KONTOR_SYNC_KIND_SETTING:
              if (g_str_equal (name, "number_range"))
                {
                  json_object_set_member (fields, "entity", column_node (stmt, 1));
                  json_object_set_member (fields, "prefix", column_node (stmt, 2));
                  json_object_set_member (fields, "year_format", column_node (stmt, 3));
                  json_object_set_member (fields, "padding", column_node (stmt, 4));
                }
              else
                json_object_set_boolean_member (fields, "keep_birthdays",
                                                g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "1"));
              break;
            default:
              g_assert_not_reached ();
            }
          add_row (rows, name, id, fields);
        }
      sqlite3_finalize (stmt);
    }

  return rows;
}

static gboolean
append_row (gpointer key,
            gpointer value,
            gpointer data)
{
  g_string_append_printf (data, "%s %s\n", (const char *) key, (const char *) value);

  return FALSE;
}

static char *
dump_text (GTree *rows)
{
  GString *text = g_string_new (NULL);

  g_tree_foreach (rows, append_row, text);

  return g_string_free (text, FALSE);
}

#define SERVER_ALIVE "NOT deleted AND NOT EXISTS (SELECT 1 FROM record o WHERE " \
                     "o.workspace_id = r.workspace_id AND o.id = r.fields->>'owner_id' AND " \
                     "o.deleted)"

/* Convergence: every machine's dump is byte-identical, and it is the
 * server's: the same rows alive, every field the server holds with the
 * same value (the rows every installation is born with are on the server
 * with the fields someone changed only) */
static void
assert_converged (GPtrArray *machines)
{
  g_autoptr(GTree) first = dump_machine (g_ptr_array_index (machines, 0));
  g_autofree char *first_text = dump_text (first);
  g_autofree char *server = NULL;
  g_auto(GStrv) lines = NULL;
  guint alive = 0;

  for (guint m = 1; m < machines->len; m++)
    {
      g_autoptr(GTree) rows = dump_machine (g_ptr_array_index (machines, m));
      g_autofree char *text = dump_text (rows);

      if (!g_str_equal (first_text, text))
        {
          g_auto(GStrv) a = g_strsplit (first_text, "\n", -1);
          g_auto(GStrv) b = g_strsplit (text, "\n", -1);
          g_autoptr(GString) differ = g_string_new (NULL);

          for (guint i = 0; a[i] != NULL; i++)
            if (!g_strv_contains ((const char * const *) b, a[i]))
              g_string_append_printf (differ, "only on 0: %s\n", a[i]);
          for (guint i = 0; b[i] != NULL; i++)
            if (!g_strv_contains ((const char * const *) a, b[i]))
              g_string_append_printf (differ, "only on %u: %s\n", m, b[i]);
          /* what the server logged of them */
          {
            g_auto(GStrv) differing = g_strsplit (differ->str, "\n", -1);

            for (guint i = 0; differing[i] != NULL && *differing[i] != '\0'; i++)
              {
                g_auto(GStrv) words = g_strsplit (differing[i], " ", 6);
                g_autofree char *sql = NULL;
                g_autofree char *log = NULL;

                if (g_strv_length (words) < 5)
                  continue;
                sql = g_strdup_printf ("SELECT string_agg(seq || ' ' || op || ' ' || client_id "
                                       "|| ' ' || client_seq || ' ' || left(fields::text, 80), "
                                       "E'\\n' ORDER BY seq) FROM change_log WHERE entity_id = "
                                       "'%s'", words[4]);
                log = kontor_test_postgres_query (&pg, sql);
                g_string_append_printf (differ, "log of %s:\n%s\n", words[4], log);
              }
          }
          g_error ("machine %u holds other data than machine 0:\n%s", m, differ->str);
        }
    }

  /* what is alive on the server: a child row of a deleted record is not
   * (the server keeps it, for the record's restore) */
  server = kontor_test_postgres_query (&pg, "SELECT string_agg(entity || ' ' || id || ' ' || "
                                            "fields::text, E'\\n' ORDER BY entity, id) FROM "
                                            "record r WHERE " SERVER_ALIVE);
  lines = g_strsplit (server != NULL ? server : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
      g_autofree char *key = g_strconcat (parts[0], " ", parts[1], NULL);
      const char *mine = g_tree_lookup (first, key);
      g_autoptr(JsonParser) server_parser = json_parser_new ();
      g_autoptr(JsonParser) mine_parser = json_parser_new ();
      JsonObject *server_fields, *my_fields;
      g_autoptr(GList) names = NULL;

      if (mine == NULL)
        g_error ("%s is on the server, not on the machines", key);
      alive++;
      g_assert_true (json_parser_load_from_data (server_parser, parts[2], -1, NULL));
      g_assert_true (json_parser_load_from_data (mine_parser, mine, -1, NULL));
      server_fields = json_node_get_object (json_parser_get_root (server_parser));
      my_fields = json_node_get_object (json_parser_get_root (mine_parser));
      names = json_object_get_members (server_fields);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *theirs = kontor_json_to_string (json_object_get_member (server_fields,
                                                                                   l->data));
          JsonNode *node = json_object_get_member (my_fields, l->data);
          g_autofree char *ours = node != NULL ? kontor_json_to_string (node) : NULL;

          if (g_strcmp0 (theirs, ours) != 0)
            g_error ("%s.%s: the server holds %s, the machines %s", key,
                     (const char *) l->data, theirs, ours);
        }
    }
  /* and nothing alive on the machines that the server does not have */
  {
    guint on_machines = g_tree_nnodes (first);
    g_autofree char *seeded = kontor_test_postgres_query (&pg, "SELECT count(*) FROM record r "
                                                               "WHERE " SERVER_ALIVE);

    g_assert_cmpuint (alive, ==, g_ascii_strtoull (seeded, NULL, 10));
    g_assert_cmpuint (on_machines, ==, alive);
  }
}

/* A value a machine wrote, for the check that nothing is lost */
typedef struct
{
  char *entity_id;
  char *field;
  char *value_json;
  guint machine;
  gboolean deleted_after;   /* the same machine deleted the record later */
  gboolean sent;            /* the machine synced after it */
  gboolean replaced;        /* the machine wrote the field again before it synced */
} Write;

static void
write_free (Write *write)
{
  g_free (write->entity_id);
  g_free (write->field);
  g_free (write->value_json);
  g_free (write);
}

static void
log_write (GPtrArray  *writes,
           guint       machine,
           const char *entity_id,
           const char *field,
           const char *value)
{
  Write *write = g_new0 (Write, 1);

  /* two edits of a field between two syncs are one change for the team
   * (src/README.md "The outbox as history"): the first is in the
   * machine's history, not for the server */
  for (guint w = 0; w < writes->len; w++)
    {
      Write *before = g_ptr_array_index (writes, w);

      if (before->machine == machine && !before->sent &&
          g_str_equal (before->entity_id, entity_id) && g_str_equal (before->field, field))
        before->replaced = TRUE;
    }

  write->entity_id = g_strdup (entity_id);
  write->field = g_strdup (field);
  write->value_json = kontor_json_quote (value);
  write->machine = machine;
  g_ptr_array_add (writes, write);
}

/* No loss: every value a machine wrote is in the final data, in the
 * server's change log (taken, later replaced or deleted), in a conflict
 * (yours or theirs), or in a machine's rejected list; a value the same
 * machine replaced before it synced is one change with the later one (and
 * in that machine's history), and a record deleted for good takes its
 * history with it */
static void
assert_nothing_lost (GPtrArray *machines,
                     GPtrArray *writes)
{
  for (guint w = 0; w < writes->len; w++)
    {
      Write *write = g_ptr_array_index (writes, w);
      Machine *writer = g_ptr_array_index (machines, write->machine);
      g_autofree char *quoted = g_strdup_printf ("'%s'", write->value_json);
      g_autofree char *sql = NULL;
      g_autofree char *found = NULL;

      /* the writer deleted the record itself: what it had not sent went
       * with it, as a delete takes everything (feature C9) */
      if (write->deleted_after || write->replaced)
        continue;

      sql = g_strdup_printf ("SELECT (SELECT count(*) FROM change_log WHERE entity_id = '%s' "
                             "AND (fields->'%s'->'value' = %s::jsonb OR old_values->'%s' = "
                             "%s::jsonb)) + (SELECT count(*) FROM conflict WHERE entity_id = '%s' "
                             "AND (yours_value::text LIKE '%%' || %s || '%%' OR "
                             "theirs_value = %s::jsonb))",
                             write->entity_id, write->field, quoted, write->field, quoted,
                             write->entity_id, quoted, quoted);
      found = kontor_test_postgres_query (&pg, sql);
      if (g_ascii_strtoll (found, NULL, 10) > 0)
        continue;
      /* a record deleted for good takes its history with it (feature C9):
       * an edit its machine replaced before sending it is gone with it */
      g_clear_pointer (&sql, g_free);
      g_clear_pointer (&found, g_free);
      sql = g_strdup_printf ("SELECT count(*) FROM record WHERE id = '%s' AND NOT deleted",
                             write->entity_id);
      found = kontor_test_postgres_query (&pg, sql);
      if (g_ascii_strtoll (found, NULL, 10) == 0)
        continue;
      if (kontor_test_query_int (writer->store,
                                 "SELECT count(*) FROM journal WHERE new_json = ?1",
                                 write->value_json) > 0 ||
          kontor_test_query_int (writer->store,
                                 "SELECT count(*) FROM rejected WHERE fields_json LIKE "
                                 "'%' || ?1 || '%'", write->value_json) > 0)
        continue;
      {
        g_autofree char *log_sql = g_strdup_printf ("SELECT string_agg(seq || ' ' || op || ' ' || "
                                                    "client_seq || ' ' || fields::text || ' old ' || "
                                                    "old_values::text, E'\\n' ORDER BY seq) FROM "
                                                    "change_log WHERE entity_id = '%s'",
                                                    write->entity_id);
        g_autofree char *conflict_sql = g_strdup_printf ("SELECT string_agg(kind || ' ' || "
                                                         "coalesce(field, '') || ' ' || "
                                                         "coalesce(yours_value::text, '') || ' ' || "
                                                         "status, E'\\n') FROM conflict WHERE "
                                                         "entity_id = '%s'", write->entity_id);
        g_autofree char *log = kontor_test_postgres_query (&pg, log_sql);
        g_autofree char *conflicts = kontor_test_postgres_query (&pg, conflict_sql);

        g_error ("machine %u's %s of %s = %s is nowhere (write %u)\nlog:\n%s\nconflicts:\n%s",
                 write->machine, write->field, write->entity_id, write->value_json, w, log,
                 conflicts);
      }
    }
}
/* ------------------------------------------------------------------------ */

/* Every record kind there is goes from one machine to another through the
 * server, and the machine that receives writes nothing to send back */
static void
test_every_kind (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorCompany) company = kontor_company_new ("Müller Maschinenbau GmbH");
  g_autoptr(KontorContact) contact = new_contact ("Jürgen", "Weiß");
  g_autoptr(KontorGroup) group = kontor_group_new ("Messe Hannover");
  g_autoptr(KontorGroupMember) member = NULL;
  g_autoptr(KontorEmployment) employment = NULL;
  g_autoptr(KontorTeam) team = kontor_team_new ("Vertrieb Süd");
  g_autoptr(KontorUser) sales = kontor_user_new ("clara", "Clara Vogel", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorPipelineStatus) offer = NULL;
  g_autoptr(KontorContact) received = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GError) error = NULL;
  KontorNumberRange range = { 0, };
  const char *reps[2] = { NULL, NULL };

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("anna", "admin");
  create_user ("ben", "admin");
  anna = machine_new (server, "anna");
  ben = machine_new (server, "ben");

  kontor_company_set_emails (company, channels ("info@mueller.de", NULL));
  save (anna, company);
  save (anna, team);
  save (anna, sales);
  kontor_contact_set_company_id (contact, kontor_record_get_id (KONTOR_RECORD (company)));
  kontor_contact_set_job_title (contact, "Einkauf");
  kontor_contact_set_emails (contact, channels ("j.weiss@mueller.de", "jw@example.org", NULL));
  reps[0] = kontor_record_get_id (KONTOR_RECORD (sales));
  kontor_contact_set_sales_reps (contact, reps);
  save (anna, contact);
  save (anna, group);
  member = kontor_group_member_new (kontor_record_get_id (KONTOR_RECORD (group)),
                                    kontor_record_get_id (KONTOR_RECORD (contact)));
  save (anna, member);
  employment = kontor_employment_new (kontor_record_get_id (KONTOR_RECORD (contact)),
                                      kontor_record_get_id (KONTOR_RECORD (company)));
  kontor_employment_set_job_title (employment, "Praktikant");
  save (anna, employment);
  offer = load (anna, KONTOR_TYPE_PIPELINE_STATUS, "00000000-0000-7000-8000-000000000004");
  kontor_pipeline_status_set_name (offer, "Angebot verschickt");
  save (anna, offer);
  kontor_store_get_number_range (anna->store, &range, &error);
  g_assert_no_error (error);
  g_free (range.prefix);
  range.prefix = g_strdup ("KD-");
  kontor_store_set_number_range (anna->store, &range, &error);
  g_assert_no_error (error);
  kontor_number_range_clear (&range);
  kontor_store_set_keep_birthdays (anna->store, FALSE, &error);
  g_assert_no_error (error);

  /* an edit of a child row and of the record after it was sent */
  sync_ok (anna);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  phones = channels ("+49 511 123456", NULL);
  kontor_contact_set_phones (contact, phones);
  kontor_contact_set_job_title (contact, "Leitung Einkauf");
  /* the objection to marketing (X11) travels with the record */
  kontor_contact_set_marketing_objection (contact, TRUE);
  save (anna, contact);
  sync_ok (anna);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);

  sync_ok (ben);
  g_assert_cmpint (outbox_size (ben), ==, 0);
  /* Ben's own user went out with his first push */
  sync_ok (anna);
  assert_same_data (anna, ben);

  /* the time the card entered its column is the one it had, not now */
  received = load (ben, KONTOR_TYPE_CONTACT, kontor_record_get_id (KONTOR_RECORD (contact)));
  g_assert_cmpint (kontor_contact_get_pipeline_entered_at (received), ==,
                   kontor_contact_get_pipeline_entered_at (contact));
  g_assert_true (kontor_contact_get_marketing_objection (received));
  g_assert_false (kontor_contact_allows_marketing (received));
  {
    gboolean keep = TRUE;

    g_assert_true (kontor_store_get_keep_birthdays (ben->store, &keep, NULL));
    g_assert_false (keep);
  }

  /* and back: a change on the second machine reaches the first */
  kontor_contact_set_city (received, "Hannover");
  save (ben, received);
  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (outbox_size (ben), ==, 0);

  /* an activity on the contact, edited after it was sent: it arrives
   * with its fields, and the contact's last activity (feature A8), a
   * local field, is what the receiving store works out from it */
  {
    g_autoptr(KontorActivity) call = new_call (contact, "Erstgespräch");
    g_autoptr(KontorActivity) at_anna = NULL;
    g_autoptr(KontorActivity) at_ben = NULL;
    g_autoptr(KontorContact) contact_at_anna = NULL;
    g_autoptr(KontorContact) contact_at_ben = NULL;
    g_autoptr(GPtrArray) listed = NULL;
    const char *call_id;
    const char *contact_id = kontor_record_get_id (KONTOR_RECORD (contact));

    save (anna, call);
    call_id = kontor_record_get_id (KONTOR_RECORD (call));
    sync_ok (anna);
    kontor_activity_set_starts_at (call, 1790003600);
    kontor_activity_set_notes (call, "Rückruf nach der Messe");
    save (anna, call);
    sync_ok (anna);
    g_assert_cmpint (outbox_size (anna), ==, 0);
    sync_ok (ben);
    g_assert_cmpint (outbox_size (ben), ==, 0);

    at_anna = load (anna, KONTOR_TYPE_ACTIVITY, call_id);
    at_ben = load (ben, KONTOR_TYPE_ACTIVITY, call_id);
    assert_same_record (KONTOR_RECORD (at_anna), KONTOR_RECORD (at_ben));
    g_assert_cmpint (kontor_activity_get_kind (at_ben), ==, KONTOR_ACTIVITY_KIND_CALL);
    g_assert_cmpint (kontor_activity_get_topic (at_ben), ==, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
    g_assert_cmpstr (kontor_activity_get_contact_id (at_ben), ==, contact_id);
    g_assert_null (kontor_activity_get_company_id (at_ben));
    g_assert_cmpstr (kontor_activity_get_subject (at_ben), ==, "Erstgespräch");
    g_assert_cmpstr (kontor_activity_get_notes (at_ben), ==, "Rückruf nach der Messe");
    g_assert_cmpint (kontor_activity_get_starts_at (at_ben), ==, 1790003600);
    g_assert_cmpint (kontor_activity_get_happened_at (at_ben), ==, 1790003600);

    contact_at_ben = load (ben, KONTOR_TYPE_CONTACT, contact_id);
    g_assert_cmpint (kontor_contact_get_last_activity_at (contact_at_ben), ==, 1790003600);
    listed = kontor_store_list_activities (ben->store, KONTOR_RECORD (contact_at_ben),
                                           KONTOR_ACTIVITY_LIST_OWN, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, 1);
    g_assert_cmpstr (kontor_record_get_id (g_ptr_array_index (listed, 0)), ==, call_id);
    assert_same_data (anna, ben);

    /* deleted on the second machine: gone on the first, whose contact
     * has no last activity any more */
    contact_at_anna = load (anna, KONTOR_TYPE_CONTACT, contact_id);
    g_assert_cmpint (kontor_contact_get_last_activity_at (contact_at_anna), ==, 1790003600);
    g_clear_object (&contact_at_anna);
    kontor_store_delete (ben->store, KONTOR_RECORD (at_ben), &error);
    g_assert_no_error (error);
    sync_ok (ben);
    sync_ok (anna);
    g_assert_null (load_or_null (anna, KONTOR_TYPE_ACTIVITY, call_id));
    contact_at_anna = load (anna, KONTOR_TYPE_CONTACT, contact_id);
    g_assert_cmpint (kontor_contact_get_last_activity_at (contact_at_anna), ==, 0);
    assert_same_data (anna, ben);
    g_assert_cmpint (outbox_size (anna), ==, 0);
    g_assert_cmpint (outbox_size (ben), ==, 0);
  }
}

static gint64
count_rows (Machine    *machine,
            const char *sql,
            const char *param)
{
  return kontor_test_query_int (machine->store, sql, param);
}

/* A lead project made on one machine, with its statuses, a status of the
 * users' and two entries, arrives on the other (src/README.md "Lead
 * projects"); an entry moved there comes back; the project deleted with
 * its entries as one operation goes from both, and its undo brings it
 * back to both */
static void
test_lead_projects (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorUser) sales = kontor_user_new ("clara", "Clara Vogel", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorContact) weiss = new_contact ("Jürgen", "Weiß");
  g_autoptr(KontorContact) vogel = new_contact ("Petra", "Vogel");
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe Hannover 2027");
  g_autoptr(KontorLeadStatus) offer = NULL;
  g_autoptr(KontorLeadEntry) first = NULL;
  g_autoptr(KontorLeadEntry) second = NULL;
  g_autoptr(KontorLeadEntry) at_ben = NULL;
  g_autoptr(KontorLeadEntry) back = NULL;
  g_autoptr(KontorLeadProjectWrite) delete = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GError) error = NULL;
  const char *responsible[2] = { NULL, NULL };
  g_autofree char *project_id = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("leonie", "admin");
  create_user ("lukas", "sales");
  anna = machine_new (server, "leonie");
  ben = machine_new (server, "lukas");

  save (anna, sales);
  save (anna, weiss);
  save (anna, vogel);
  responsible[0] = kontor_record_get_id (KONTOR_RECORD (sales));
  kontor_lead_project_set_responsible (project, responsible);
  kontor_lead_project_set_product (project, "Kontor Pro");
  kontor_store_create_lead_project (anna->store, project, &error);
  g_assert_no_error (error);
  project_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (project)));

  statuses = kontor_store_list_lead_statuses (anna->store, project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, 3);
  kontor_lead_status_set_position (g_ptr_array_index (statuses, 2), 3);
  save (anna, g_ptr_array_index (statuses, 2));
  kontor_lead_status_set_position (g_ptr_array_index (statuses, 1), 2);
  save (anna, g_ptr_array_index (statuses, 1));
  offer = kontor_lead_status_new (project_id, "Angebot", 1);
  kontor_lead_status_set_wip_limit (offer, 10);
  save (anna, offer);

  first = kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (weiss)),
                                 kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_value_cents (first, 1250050);
  kontor_lead_entry_set_notes (first, "Nur intern: Budget im März");
  save (anna, first);
  second = kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (vogel)),
                                  kontor_record_get_id (KONTOR_RECORD (offer)));
  kontor_lead_entry_set_probability (second, 40);
  kontor_lead_entry_set_close_on (second, "2027-03-31");
  save (anna, second);
  /* a follow-up of the first: a task on its contact, naming the entry */
  {
    g_autoptr(KontorActivity) follow_up = kontor_activity_new_follow_up (first, "2027-01-15",
                                                                         "Angebot nachfassen");

    kontor_activity_set_topic (follow_up, KONTOR_ACTIVITY_TOPIC_OFFER);
    save (anna, follow_up);
  }

  sync_ok (anna);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);
  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM lead_status WHERE project_id = ?1",
                               project_id), ==, 4);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM activity WHERE lead_entry_id = ?1",
                               kontor_record_get_id (KONTOR_RECORD (first))), ==, 1);

  /* won on the second machine, with a value: back on the first */
  at_ben = load (ben, KONTOR_TYPE_LEAD_ENTRY, kontor_record_get_id (KONTOR_RECORD (second)));
  kontor_lead_entry_set_status_id (at_ben, kontor_record_get_id (g_ptr_array_index (statuses, 1)));
  kontor_lead_entry_set_value_cents (at_ben, 99);
  save (ben, at_ben);
  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);
  sums = kontor_store_sum_lead_columns (anna->store, project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sums->len, ==, 2);
  g_assert_cmpint (g_array_index (sums, KontorLeadColumnSum, 0).cents, ==, 1250050);
  g_assert_cmpint (g_array_index (sums, KontorLeadColumnSum, 1).cents, ==, 99);

  /* deleted with its statuses and entries: gone from both */
  delete = kontor_lead_project_write_new_delete (anna->store, project, "Deleted");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  sync_ok (anna);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);
  sync_ok (ben);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM lead_project WHERE id = ?1",
                               project_id), ==, 0);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM lead_status WHERE project_id = ?1",
                               project_id), ==, 0);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                               project_id), ==, 0);
  assert_same_data (anna, ben);

  /* and back under the same ids */
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  sync_ok (anna);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);
  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);
  back = load (ben, KONTOR_TYPE_LEAD_ENTRY, kontor_record_get_id (KONTOR_RECORD (first)));
  g_assert_cmpint (kontor_lead_entry_get_value_cents (back), ==, 1250050);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM lead_status WHERE project_id = ?1",
                               project_id), ==, 4);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (outbox_size (ben), ==, 0);
}

/* Two machines move the same lead to different statuses offline (issue
 * 15's scenario, src/README.md "Lead projects"): the one who syncs first
 * keeps the status, the other is asked once in a conflict that holds the
 * status it chose; what each changed beside it (internal notes on one,
 * the value on the other) is kept on both: nothing is lost */
static void
test_lead_conflict (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) weiss = new_contact ("Jürgen", "Weiß");
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Wartungsvertrag Kühlsysteme");
  g_autoptr(KontorLeadStatus) offer = NULL;
  g_autoptr(KontorLeadStatus) talks = NULL;
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(KontorLeadEntry) at_anna = NULL;
  g_autoptr(KontorLeadEntry) at_ben = NULL;
  g_autoptr(KontorLeadEntry) after = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *offer_json = NULL;
  g_autofree char *talks_json = NULL;
  KontorSyncConflict *conflict;
  const char *project_id;
  const char *id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("greta", "admin");
  create_user ("hannes", "admin");
  anna = machine_new (server, "greta");
  ben = machine_new (server, "hannes");

  save (anna, weiss);
  kontor_store_create_lead_project (anna->store, project, &error);
  g_assert_no_error (error);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  statuses = kontor_store_list_lead_statuses (anna->store, project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, 3);
  /* New, Offer, Talks, Won, Lost */
  kontor_lead_status_set_position (g_ptr_array_index (statuses, 2), 4);
  save (anna, g_ptr_array_index (statuses, 2));
  kontor_lead_status_set_position (g_ptr_array_index (statuses, 1), 3);
  save (anna, g_ptr_array_index (statuses, 1));
  offer = kontor_lead_status_new (project_id, "Angebot", 1);
  save (anna, offer);
  talks = kontor_lead_status_new (project_id, "Verhandlung", 2);
  save (anna, talks);
  entry = kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (weiss)),
                                 kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_value_cents (entry, 480000);
  save (anna, entry);
  id = kontor_record_get_id (KONTOR_RECORD (entry));
  sync_ok (anna);
  sync_ok (ben);
  assert_same_data (anna, ben);

  /* both offline: each moves the lead to another column */
  at_anna = load (anna, KONTOR_TYPE_LEAD_ENTRY, id);
  at_ben = load (ben, KONTOR_TYPE_LEAD_ENTRY, id);
  kontor_lead_entry_set_status_id (at_anna, kontor_record_get_id (KONTOR_RECORD (offer)));
  kontor_lead_entry_set_notes (at_anna, "Nur intern: will zwei Angebote");
  save (anna, at_anna);
  kontor_lead_entry_set_status_id (at_ben, kontor_record_get_id (KONTOR_RECORD (talks)));
  kontor_lead_entry_set_value_cents (at_ben, 512550);
  save (ben, at_ben);

  sync_ok (anna);
  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);

  /* Anna synced first: her column; Ben's value and her notes on both */
  after = load (ben, KONTOR_TYPE_LEAD_ENTRY, id);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (after), ==,
                   kontor_record_get_id (KONTOR_RECORD (offer)));
  g_assert_cmpint (kontor_lead_entry_get_value_cents (after), ==, 512550);
  g_assert_cmpstr (kontor_lead_entry_get_notes (after), ==, "Nur intern: will zwei Angebote");

  /* one conflict, Ben's, holding the column he chose */
  offer_json = g_strdup_printf ("\"%s\"", kontor_record_get_id (KONTOR_RECORD (offer)));
  talks_json = g_strdup_printf ("\"%s\"", kontor_record_get_id (KONTOR_RECORD (talks)));
  conflicts = kontor_store_sync_list_conflicts (ben->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->kind, ==, "field");
  g_assert_cmpstr (conflict->field, ==, "status_id");
  g_assert_cmpstr (conflict->theirs_json, ==, offer_json);
  g_assert_cmpstr (conflict->yours_json, ==, talks_json);
  {
    g_autoptr(GPtrArray) none = kontor_store_sync_list_conflicts (anna->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Ben keeps his column: it reaches Anna, the rest stays */
  kontor_store_sync_resolve_conflict (ben->store, conflict->id, "mine", NULL, &error);
  g_assert_no_error (error);
  sync_ok (ben);
  sync_ok (anna);
  g_clear_object (&after);
  after = load (anna, KONTOR_TYPE_LEAD_ENTRY, id);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (after), ==,
                   kontor_record_get_id (KONTOR_RECORD (talks)));
  g_assert_cmpint (kontor_lead_entry_get_value_cents (after), ==, 512550);
  g_assert_cmpstr (kontor_lead_entry_get_notes (after), ==, "Nur intern: will zwei Angebote");
  assert_same_data (anna, ben);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (outbox_size (ben), ==, 0);
}

/* Two machines add the same contact to the same lead project offline
 * (src/README.md "Lead projects"): the server takes the first entry and
 * refuses the second, "lead_entry_taken" (its index of schema 10). After
 * a second round the project holds one entry on the server and on both
 * machines, the first's; the second machine's entry went back, and its
 * value and notes are kept in its rejected list with the reason, where
 * the sync's popover shows it: nothing typed is lost without a word */
static void
test_lead_entry_twice (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) weiss = new_contact ("Jürgen", "Weiß");
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe Hannover 2027");
  g_autoptr(KontorLeadEntry) at_anna = NULL;
  g_autoptr(KontorLeadEntry) at_ben = NULL;
  g_autoptr(KontorLeadEntry) kept = NULL;
  g_autoptr(KontorLeadEntry) again = NULL;
  g_autoptr(KontorLeadEntry) mine = NULL;
  g_autoptr(KontorRecordWrite) delete = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_server = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *reason = NULL;
  KontorSyncRejected *refused;
  const char *project_id;
  const char *contact_id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("ida", "admin");
  create_user ("jorinde", "admin");
  anna = machine_new (server, "ida");
  ben = machine_new (server, "jorinde");

  save (anna, weiss);
  kontor_store_create_lead_project (anna->store, project, &error);
  g_assert_no_error (error);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  contact_id = kontor_record_get_id (KONTOR_RECORD (weiss));
  statuses = kontor_store_list_lead_statuses (anna->store, project_id, &error);
  g_assert_no_error (error);
  sync_ok (anna);
  sync_ok (ben);

  /* both offline: each adds Weiß, with values of its own */
  at_anna = kontor_lead_entry_new (project_id, contact_id,
                                   kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_value_cents (at_anna, 1000000);
  save (anna, at_anna);
  at_ben = kontor_lead_entry_new (project_id, contact_id,
                                  kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_value_cents (at_ben, 2500000);
  kontor_lead_entry_set_notes (at_ben, "Nur intern: will zwei Angebote");
  save (ben, at_ben);

  sync_ok (anna);
  sync_ok (ben);
  sync_ok (anna);
  sync_ok (ben);

  /* one entry on the server, Anna's */
  sql = g_strdup_printf ("SELECT string_agg (id, ' ') FROM record WHERE entity = 'lead_entry'"
                         " AND NOT deleted AND fields->>'project_id' = '%s'", project_id);
  on_server = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (on_server, ==, kontor_record_get_id (KONTOR_RECORD (at_anna)));

  /* and on both machines */
  g_assert_cmpint (count_rows (anna, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                               project_id), ==, 1);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                               project_id), ==, 1);
  kept = load (ben, KONTOR_TYPE_LEAD_ENTRY, kontor_record_get_id (KONTOR_RECORD (at_anna)));
  g_assert_cmpint (kontor_lead_entry_get_value_cents (kept), ==, 1000000);
  g_assert_null (load_or_null (ben, KONTOR_TYPE_LEAD_ENTRY,
                               kontor_record_get_id (KONTOR_RECORD (at_ben))));
  assert_same_data (anna, ben);

  /* Ben's entry is in his rejected list, whole, with the reason in words */
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);
  rejected = kontor_store_sync_list_rejected (ben->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  refused = g_ptr_array_index (rejected, 0);
  g_assert_cmpstr (refused->entity, ==, "lead_entry");
  g_assert_cmpstr (refused->entity_id, ==, kontor_record_get_id (KONTOR_RECORD (at_ben)));
  g_assert_cmpstr (refused->reason, ==, "lead_entry_taken");
  g_assert_nonnull (refused->fields_json);
  g_assert_nonnull (strstr (refused->fields_json, "2500000"));
  g_assert_nonnull (strstr (refused->fields_json, "Nur intern: will zwei Angebote"));
  reason = kontor_sync_dup_reason_text (refused->reason);
  g_assert_null (strstr (reason, "lead_entry_taken"));
  g_assert_nonnull (strstr (reason, "lead project"));
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (outbox_size (ben), ==, 0);

  /* Anna deletes her entry, Ben adds Weiß again meanwhile, and Anna's
   * undo brings hers back: the server refuses the restore with the same
   * reason, not as data it cannot take */
  mine = load (anna, KONTOR_TYPE_LEAD_ENTRY, kontor_record_get_id (KONTOR_RECORD (at_anna)));
  delete = kontor_record_write_new_delete (anna->store, KONTOR_RECORD (mine), "Deleted");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  sync_ok (anna);
  sync_ok (ben);
  again = kontor_lead_entry_new (project_id, contact_id,
                                 kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  save (ben, again);
  sync_ok (ben);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  sync_ok (anna);
  g_clear_pointer (&rejected, g_ptr_array_unref);
  rejected = kontor_store_sync_list_rejected (anna->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  refused = g_ptr_array_index (rejected, 0);
  g_assert_cmpstr (refused->entity_id, ==, kontor_record_get_id (KONTOR_RECORD (at_anna)));
  g_assert_cmpstr (refused->reason, ==, "lead_entry_taken");
  /* taken back here as a refused create is: both hold Ben's entry */
  g_assert_null (load_or_null (anna, KONTOR_TYPE_LEAD_ENTRY,
                               kontor_record_get_id (KONTOR_RECORD (at_anna))));
  sync_ok (ben);
  sync_ok (anna);
  g_clear_object (&kept);
  kept = load (anna, KONTOR_TYPE_LEAD_ENTRY, kontor_record_get_id (KONTOR_RECORD (again)));
  assert_same_data (anna, ben);
}

/* A server of schema 9 took the same contact in the same lead project
 * from two machines (each then set the other's entry aside); the
 * migration to schema 10 (src/server/schema/010-lead-entry-once.sql)
 * deletes the later entry as a change of the server's and logs the first
 * again, so that after a sync both machines hold the first entry alone,
 * as the server does */
static void
test_lead_entry_migrated (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) vogel = new_contact ("Petra", "Vogel");
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Ersatzteilpaket Schweiz");
  g_autoptr(KontorLeadEntry) at_anna = NULL;
  g_autoptr(KontorLeadEntry) at_ben = NULL;
  g_autoptr(KontorLeadEntry) kept = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GSubprocess) migrate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  g_autofree char *said = NULL;
  const char *project_id;
  const char *first_id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("karla", "admin");
  create_user ("lars", "admin");
  anna = machine_new (server, "karla");
  ben = machine_new (server, "lars");

  save (anna, vogel);
  kontor_store_create_lead_project (anna->store, project, &error);
  g_assert_no_error (error);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  statuses = kontor_store_list_lead_statuses (anna->store, project_id, &error);
  g_assert_no_error (error);
  sync_ok (anna);
  sync_ok (ben);

  /* the server as schema 9 was: no index */
  g_free (kontor_test_postgres_query (&pg, "DROP INDEX record_lead_entry_once;"
                                           " UPDATE server_schema SET version = 9"));
  at_anna = kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (vogel)),
                                   kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_value_cents (at_anna, 700000);
  save (anna, at_anna);
  first_id = kontor_record_get_id (KONTOR_RECORD (at_anna));
  at_ben = kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (vogel)),
                                  kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_value_cents (at_ben, 900000);
  save (ben, at_ben);
  sync_ok (anna);
  sync_ok (ben);
  sync_ok (anna);
  sql = g_strdup_printf ("SELECT count(*) FROM record WHERE entity = 'lead_entry'"
                         " AND NOT deleted AND fields->>'project_id' = '%s'", project_id);
  before = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (before, ==, "2");
  /* each machine kept its own */
  {
    g_autoptr(KontorLeadEntry) own = load_or_null (ben, KONTOR_TYPE_LEAD_ENTRY,
                                                   kontor_record_get_id (KONTOR_RECORD (at_ben)));

    g_assert_nonnull (own);
  }

  migrate = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                              &error, BUILD_ROOT "/src/server/kontor-server", "migrate",
                              "--database", pg.conninfo, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (migrate, NULL, NULL, &said, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (migrate), ==, 0);
  version = kontor_test_postgres_query (&pg, "SELECT version FROM server_schema");
  g_assert_cmpstr (version, ==, "10");
  g_free (sql);
  sql = g_strdup_printf ("SELECT string_agg (id, ' ') FROM record WHERE entity = 'lead_entry'"
                         " AND NOT deleted AND fields->>'project_id' = '%s'", project_id);
  after = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (after, ==, first_id);

  sync_ok (ben);
  sync_ok (anna);
  g_assert_cmpint (count_rows (anna, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                               project_id), ==, 1);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                               project_id), ==, 1);
  kept = load (ben, KONTOR_TYPE_LEAD_ENTRY, first_id);
  g_assert_cmpint (kontor_lead_entry_get_value_cents (kept), ==, 700000);
  assert_same_data (anna, ben);

  /* a machine that arrives now, pulling from the start, never meets the
   * second entry: the migration took its changes out of the log */
  {
    g_autoptr(Machine) carla = machine_new (server, "karla");

    sync_ok (carla);
    g_assert_cmpint (kontor_store_sync_count_rejected (carla->store, NULL), ==, 0);
    g_assert_cmpint (count_rows (carla, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                                 project_id), ==, 1);
    assert_same_data (anna, carla);
  }
}

/* A group a lead project links to is deleted on one machine (src/README.md
 * "Lead projects"): the project loses the link as an edit of its own,
 * sent before the group's delete, so the server and the other machine
 * have the project without the group, and a machine that arrives later
 * takes the project whole (a link to a group that is gone would not fit
 * its table) */
static void
test_lead_group_deleted (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(Machine) carla = NULL;
  g_autoptr(KontorGroup) group = kontor_group_new ("Messe Hannover Besucher");
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe Hannover 2027");
  g_autoptr(KontorLeadProject) at_ben = NULL;
  g_autoptr(KontorLeadProject) at_carla = NULL;
  g_autoptr(KontorLeadProject) at_anna = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *on_server = NULL;
  const char *project_id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("mia", "admin");
  create_user ("nico", "admin");
  anna = machine_new (server, "mia");
  ben = machine_new (server, "nico");

  save (anna, group);
  kontor_lead_project_set_group_id (project, kontor_record_get_id (KONTOR_RECORD (group)));
  kontor_store_create_lead_project (anna->store, project, &error);
  g_assert_no_error (error);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  sync_ok (anna);
  sync_ok (ben);
  at_ben = load (ben, KONTOR_TYPE_LEAD_PROJECT, project_id);
  g_assert_cmpstr (kontor_lead_project_get_group_id (at_ben), ==,
                   kontor_record_get_id (KONTOR_RECORD (group)));

  /* deleted where it was made: the project's edit is on its way too */
  kontor_store_delete (anna->store, KONTOR_RECORD (group), &error);
  g_assert_no_error (error);
  at_anna = load (anna, KONTOR_TYPE_LEAD_PROJECT, project_id);
  g_assert_null (kontor_lead_project_get_group_id (at_anna));
  g_assert_cmpint (count_rows (anna, "SELECT count(*) FROM outbox WHERE entity_id = ?1",
                               project_id), ==, 1);
  /* and in the project's history, naming the group it lost */
  g_assert_cmpint (count_rows (anna, "SELECT count(*) FROM journal WHERE entity_id = ?1"
                                     " AND field = 'group_id' AND coalesce (new_json, 'null') = 'null'",
                               project_id), ==, 1);
  sync_ok (anna);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);
  sync_ok (ben);

  sql = g_strdup_printf ("SELECT coalesce (fields->>'group_id', 'none') FROM record"
                         " WHERE entity = 'lead_project' AND id = '%s'", project_id);
  on_server = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (on_server, ==, "none");
  g_clear_object (&at_ben);
  at_ben = load (ben, KONTOR_TYPE_LEAD_PROJECT, project_id);
  g_assert_null (kontor_lead_project_get_group_id (at_ben));
  assert_same_data (anna, ben);

  /* a third machine takes the project from the server as it is */
  carla = machine_new (server, "mia");
  sync_ok (carla);
  g_assert_cmpint (kontor_store_sync_count_rejected (carla->store, NULL), ==, 0);
  at_carla = load (carla, KONTOR_TYPE_LEAD_PROJECT, project_id);
  g_assert_null (kontor_lead_project_get_group_id (at_carla));
  assert_same_data (anna, carla);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (outbox_size (ben), ==, 0);
}

/* A contact merged into one that is in a lead project, while another
 * machine put the removed one in the same project: the server moves the
 * removed contact's entry to the kept one and, since that one has an entry
 * there already, deletes it (a contact is in a project once; schema 10's
 * index refused the merge's delete whole before); both machines end with
 * the kept contact's entry alone */
static void
test_lead_entry_merged (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) kept = new_contact ("Marta", "Schulze");
  g_autoptr(KontorContact) removed = new_contact ("Martha", "Schulze");
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Wartungsvertrag Kühlsysteme");
  g_autoptr(KontorLeadEntry) first = NULL;
  g_autoptr(KontorLeadEntry) offline = NULL;
  g_autoptr(KontorContactMerge) merge = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *on_server = NULL;
  const char *kept_id, *removed_id, *project_id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("oskar", "admin");
  create_user ("petra", "admin");
  anna = machine_new (server, "oskar");
  ben = machine_new (server, "petra");

  save (anna, kept);
  save (anna, removed);
  kept_id = kontor_record_get_id (KONTOR_RECORD (kept));
  removed_id = kontor_record_get_id (KONTOR_RECORD (removed));
  kontor_store_create_lead_project (anna->store, project, &error);
  g_assert_no_error (error);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  statuses = kontor_store_list_lead_statuses (anna->store, project_id, &error);
  g_assert_no_error (error);
  first = kontor_lead_entry_new (project_id, kept_id,
                                 kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_value_cents (first, 300000);
  save (anna, first);
  sync_ok (anna);
  sync_ok (ben);

  /* Ben puts the removed one in the project, and it reaches the server
   * before Anna, who has not heard of it, merges */
  offline = kontor_lead_entry_new (project_id, removed_id,
                                   kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  save (ben, offline);
  sync_ok (ben);
  merge = kontor_contact_merge_new (anna->store, kept_id, removed_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  sync_ok (anna);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);
  sync_ok (ben);
  sync_ok (anna);

  sql = g_strdup_printf ("SELECT string_agg (id, ' ') FROM record WHERE entity = 'lead_entry'"
                         " AND NOT deleted AND fields->>'project_id' = '%s'", project_id);
  on_server = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (on_server, ==, kontor_record_get_id (KONTOR_RECORD (first)));
  g_assert_cmpint (count_rows (anna, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                               project_id), ==, 1);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                               project_id), ==, 1);
  g_assert_cmpint (count_rows (ben, "SELECT count(*) FROM contact WHERE id = ?1",
                               removed_id), ==, 0);
  assert_same_data (anna, ben);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (outbox_size (ben), ==, 0);
}

/* Two machines edit one contact offline: different fields merge; the same
 * field is a conflict for the one who syncs second, who answers it once */
static void
test_merge_and_conflict (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Petra", "Schulz");
  g_autoptr(KontorContact) at_anna = NULL;
  g_autoptr(KontorContact) at_ben = NULL;
  g_autoptr(KontorContact) after = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  KontorSyncConflict *conflict;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("carla", "admin");
  create_user ("dirk", "admin");
  anna = machine_new (server, "carla");
  ben = machine_new (server, "dirk");

  save (anna, contact);
  id = kontor_record_get_id (KONTOR_RECORD (contact));
  sync_ok (anna);
  sync_ok (ben);

  /* both offline */
  at_anna = load (anna, KONTOR_TYPE_CONTACT, id);
  at_ben = load (ben, KONTOR_TYPE_CONTACT, id);
  kontor_contact_set_job_title (at_anna, "Geschäftsführerin");
  kontor_contact_set_city (at_anna, "Köln");
  save (anna, at_anna);
  kontor_contact_set_notes (at_ben, "Rückruf im März");
  kontor_contact_set_city (at_ben, "Bonn");
  save (ben, at_ben);

  sync_ok (anna);
  sync_ok (ben);
  sync_ok (anna);

  /* the fields only one changed are both taken; the city is Anna's, who
   * synced first, and Ben is asked */
  after = load (ben, KONTOR_TYPE_CONTACT, id);
  g_assert_cmpstr (kontor_contact_get_job_title (after), ==, "Geschäftsführerin");
  g_assert_cmpstr (kontor_contact_get_notes (after), ==, "Rückruf im März");
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Köln");
  assert_same_data (anna, ben);

  conflicts = kontor_store_sync_list_conflicts (ben->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->kind, ==, "field");
  g_assert_cmpstr (conflict->field, ==, "city");
  g_assert_cmpstr (conflict->theirs_json, ==, "\"Köln\"");
  g_assert_cmpstr (conflict->yours_json, ==, "\"Bonn\"");
  {
    g_autoptr(GPtrArray) none = kontor_store_sync_list_conflicts (anna->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Ben's other machine knows it too */
  {
    g_autoptr(Machine) laptop = machine_new (server, "dirk");
    g_autoptr(GPtrArray) there = NULL;

    sync_ok (laptop);
    there = kontor_store_sync_list_conflicts (laptop->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (there->len, ==, 1);
    g_assert_cmpstr (((KontorSyncConflict *) there->pdata[0])->id, ==, conflict->id);
    g_assert_cmpstr (((KontorSyncConflict *) there->pdata[0])->yours_json, ==, "\"Bonn\"");

    /* Ben keeps his: one more change, which reaches Anna */
    kontor_store_sync_resolve_conflict (ben->store, conflict->id, "mine", NULL, &error);
    g_assert_no_error (error);
    sync_ok (ben);
    sync_ok (laptop);
    g_clear_pointer (&there, g_ptr_array_unref);
    there = kontor_store_sync_list_conflicts (laptop->store, &error);
    g_assert_cmpstr (((KontorSyncConflict *) there->pdata[0])->status, ==, "resolved");
  }
  g_assert_no_error (error);
  sync_ok (ben);
  sync_ok (anna);
  g_clear_object (&after);
  after = load (anna, KONTOR_TYPE_CONTACT, id);
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Bonn");
  assert_same_data (anna, ben);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = kontor_store_sync_list_conflicts (ben->store, &error);
  g_assert_cmpstr (((KontorSyncConflict *) conflicts->pdata[0])->status, ==, "resolved");
}

/* One machine deletes a contact another edits offline: the edit is a
 * conflict kept for the editor, and the contact is gone on both */
static void
test_edit_vs_delete (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Olaf", "Brandt");
  g_autoptr(KontorContact) at_ben = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("erik", "admin");
  create_user ("frida", "admin");
  anna = machine_new (server, "erik");
  ben = machine_new (server, "frida");

  save (anna, contact);
  id = kontor_record_get_id (KONTOR_RECORD (contact));
  sync_ok (anna);
  sync_ok (ben);

  kontor_store_delete (anna->store, KONTOR_RECORD (contact), &error);
  g_assert_no_error (error);
  at_ben = load (ben, KONTOR_TYPE_CONTACT, id);
  kontor_contact_set_job_title (at_ben, "Prokurist");
  save (ben, at_ben);
  /* a second edit, a mutation of its own: still one question */
  kontor_contact_set_city (at_ben, "Görlitz");
  save (ben, at_ben);

  sync_ok (anna);
  /* a pull does not delete what has an edit waiting */
  g_assert_true (kontor_sync_engine_pull (ben->engine, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&at_ben);
  at_ben = load (ben, KONTOR_TYPE_CONTACT, id);
  g_assert_cmpstr (kontor_contact_get_job_title (at_ben), ==, "Prokurist");

  sync_ok (ben);
  g_assert_null (load_or_null (ben, KONTOR_TYPE_CONTACT, id));
  conflicts = kontor_store_sync_list_conflicts (ben->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((KontorSyncConflict *) conflicts->pdata[0])->kind, ==, "edit_vs_delete");
  g_assert_nonnull (strstr (((KontorSyncConflict *) conflicts->pdata[0])->yours_json,
                            "Prokurist"));
  g_assert_nonnull (strstr (((KontorSyncConflict *) conflicts->pdata[0])->yours_json,
                            "Görlitz"));
  assert_same_data (anna, ben);
}

/* Scenario 2 in both orders, with the answers: the edit is never lost */
static void
test_edit_delete_answers (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  const char *won = "00000000-0000-7000-8000-000000000005";
  Machine *anna, *ben;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("paula", "admin");
  create_user ("quirin", "admin");
  g_ptr_array_add (machines, machine_new (server, "paula"));
  g_ptr_array_add (machines, machine_new (server, "quirin"));
  anna = g_ptr_array_index (machines, 0);
  ben = g_ptr_array_index (machines, 1);

  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(KontorContact) deal = new_contact ("Deal", order == 0 ? "Zuerst A" : "Zuerst B");
      g_autoptr(KontorContact) at_ben = NULL;
      g_autoptr(KontorContact) after = NULL;
      g_autoptr(GPtrArray) conflicts = NULL;
      g_autoptr(GError) error = NULL;
      Machine *asked = order == 0 ? ben : anna;
      KontorSyncConflict *conflict;
      const char *id;

      save (anna, deal);
      id = kontor_record_get_id (KONTOR_RECORD (deal));
      sync_ok (anna);
      sync_ok (ben);

      /* offline: Anna deletes the deal, Ben moves it to "Won" */
      kontor_store_delete (anna->store, KONTOR_RECORD (deal), &error);
      g_assert_no_error (error);
      at_ben = load (ben, KONTOR_TYPE_CONTACT, id);
      kontor_contact_set_pipeline_status_id (at_ben, won);
      save (ben, at_ben);

      if (order == 0)
        {
          sync_ok (anna);
          sync_ok (ben);
          /* (a) deleted first: Ben's move waits in his conflict */
          g_assert_null (load_or_null (ben, KONTOR_TYPE_CONTACT, id));
        }
      else
        {
          sync_ok (ben);
          sync_ok (anna);
          /* (b) moved first: the deal stays, in "Won", on Anna's machine too */
          after = load (anna, KONTOR_TYPE_CONTACT, id);
          g_assert_cmpstr (kontor_contact_get_pipeline_status_id (after), ==, won);
          g_clear_object (&after);
        }

      conflicts = kontor_store_sync_list_conflicts (asked->store, &error);
      g_assert_no_error (error);
      conflict = g_ptr_array_index (conflicts, conflicts->len - 1);
      g_assert_cmpstr (conflict->kind, ==, order == 0 ? "edit_vs_delete" : "delete_vs_edit");
      g_assert_cmpstr (conflict->status, ==, "open");

      /* (a) Ben restores with his changes; (b) Anna keeps it after all */
      g_assert_true (kontor_store_sync_resolve_conflict (asked->store, conflict->id,
                                                         order == 0 ? "mine" : "theirs", NULL,
                                                         &error));
      g_assert_no_error (error);
      for (guint pass = 0; pass < 2; pass++)
        {
          sync_ok (anna);
          sync_ok (ben);
        }
      for (guint m = 0; m < machines->len; m++)
        {
          after = load (g_ptr_array_index (machines, m), KONTOR_TYPE_CONTACT, id);
          g_assert_cmpstr (kontor_contact_get_pipeline_status_id (after), ==, won);
          g_clear_object (&after);
        }
      assert_converged (machines);
    }
}

/* Scenario 7: a viewer's offline edit is refused, taken back on their
 * machine and kept in the rejected list, and nothing stops behind it */
static void
test_viewer_refused (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(KontorContact) contact = new_contact ("Rita", "Sommer");
  g_autoptr(KontorContact) at_viewer = NULL;
  g_autoptr(KontorContact) after = NULL;
  Machine *admin, *viewer;
  const char *id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("rolf", "admin");
  create_user ("sina", "viewer");
  g_ptr_array_add (machines, machine_new (server, "rolf"));
  g_ptr_array_add (machines, machine_new (server, "sina"));
  admin = g_ptr_array_index (machines, 0);
  viewer = g_ptr_array_index (machines, 1);

  kontor_contact_set_job_title (contact, "Einkauf");
  save (admin, contact);
  id = kontor_record_get_id (KONTOR_RECORD (contact));
  sync_ok (admin);
  sync_ok (viewer);

  /* the viewer's machine still thinks it may (its role changed on the
   * server while it was offline) */
  at_viewer = load (viewer, KONTOR_TYPE_CONTACT, id);
  kontor_contact_set_job_title (at_viewer, "Vertrieb");
  kontor_contact_set_city (at_viewer, "Ulm");
  save (viewer, at_viewer);
  sync_ok (viewer);

  g_assert_cmpint (outbox_size (viewer), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (viewer->store, NULL), ==, 2);
  g_assert_cmpint (kontor_test_query_int (viewer->store, "SELECT count(*) FROM rejected WHERE "
                                                         "reason = 'forbidden'", NULL), ==, 2);
  after = load (viewer, KONTOR_TYPE_CONTACT, id);
  g_assert_cmpstr (kontor_contact_get_job_title (after), ==, "Einkauf");
  g_assert_null (kontor_contact_get_city (after));
  g_clear_object (&after);

  /* the queue goes on: the administrator's next change arrives */
  kontor_contact_set_city (contact, "Augsburg");
  save (admin, contact);
  sync_ok (admin);
  sync_ok (viewer);
  after = load (viewer, KONTOR_TYPE_CONTACT, id);
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Augsburg");
  assert_converged (machines);
}

/* The id of what @sql finds on @machine, one row expected */
static char *
dup_one_id (Machine    *machine,
            const char *sql)
{
  g_autofree char *ids = dup_ids (machine, sql);
  char *newline = strchr (ids, '\n');

  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  *newline = '\0';

  return g_steal_pointer (&ids);
}

/* Which of test_scopes()'s contacts @machine holds, by last name, one
 * line each (the workspace holds the other tests' too) */
static char *
dup_names (Machine *machine)
{
  return dup_ids (machine, "SELECT last_name FROM contact WHERE last_name IN "
                           "('Brunos', 'Nord', 'Offen') ORDER BY last_name");
}

/* Whether @machine holds the e-mail address of test_scopes()'s team contact */
static gint64
count_mail (Machine *machine)
{
  return kontor_test_query_int (machine->store, "SELECT count(*) FROM contact_channel "
                                                "WHERE value = 'nina@nord.example'", NULL);
}

/* Whether @machine holds the activity @id */
static gint64
count_activity (Machine    *machine,
                const char *id)
{
  return kontor_test_query_int (machine->store, "SELECT count(*) FROM activity WHERE id = ?1", id);
}

/* Whether the server holds the record @id, alive or deleted */
static gint64
count_on_server (const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM record WHERE id = '%s'", id);
  g_autofree char *count = kontor_test_postgres_query (&pg, sql);

  return g_ascii_strtoll (count, NULL, 10);
}

static void
team_admin (const char *command,
            const char *user,
            const char *team)
{
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, command, user, team, NULL), ==, 0);
}

/* X12 and scenario 7: a contact assigned to users or a team reaches only
 * them (and administrators), its activities with it, while an activity
 * on a company reaches everyone; one reassigned leaves the machines of
 * those who lose it (with their unsent edits kept as rejected, a new
 * activity among them) and arrives whole on the others'; a team's new
 * member gets its contacts, a member who leaves loses them; a snapshot
 * hands out the same */
static void
test_scopes (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(KontorContact) open = new_contact ("Olga", "Offen");
  g_autoptr(KontorContact) bruno_s = new_contact ("Bert", "Brunos");
  g_autoptr(KontorContact) north = new_contact ("Nina", "Nord");
  g_autoptr(KontorCompany) yard = kontor_company_new ("Nordwerft GmbH");
  g_autoptr(KontorActivity) bruno_s_call = NULL;
  g_autoptr(KontorActivity) yard_call = NULL;
  g_autoptr(KontorActivity) bruno_s_note = NULL;
  g_autoptr(KontorContact) at_bruno = NULL;
  g_autoptr(KontorContact) arrived = NULL;
  g_autoptr(Machine) late = NULL;
  g_autofree char *bruno_id = NULL;
  g_autofree char *team_id = NULL;
  g_autofree char *names = NULL;
  g_autofree char *seq = NULL;
  g_autofree char *plan = NULL;
  const char *call_id, *yard_call_id, *note_id;
  Machine *admin, *bruno, *carla;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("xenia", "admin");
  create_user ("yannick", "sales");
  create_user ("zora", "sales");
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "create-team", "Nord", NULL), ==, 0);
  team_admin ("add-to-team", "zora", "Nord");
  g_ptr_array_add (machines, machine_new (server, "xenia"));
  g_ptr_array_add (machines, machine_new (server, "yannick"));
  g_ptr_array_add (machines, machine_new (server, "zora"));
  admin = g_ptr_array_index (machines, 0);
  bruno = g_ptr_array_index (machines, 1);
  carla = g_ptr_array_index (machines, 2);

  /* the accounts and the team are published to every machine */
  sync_ok (admin);
  bruno_id = dup_one_id (admin, "SELECT id FROM app_user WHERE username = 'yannick'");
  team_id = dup_one_id (admin, "SELECT id FROM team WHERE name = 'Nord'");

  save (admin, open);
  kontor_contact_set_assignees (bruno_s, (const char *[]) { bruno_id, NULL });
  save (admin, bruno_s);
  kontor_contact_set_assigned_team_id (north, team_id);
  kontor_contact_set_emails (north, channels ("nina@nord.example", NULL));
  save (admin, north);
  save (admin, yard);
  bruno_s_call = new_call (bruno_s, "Anruf bei Brunos");
  save (admin, bruno_s_call);
  call_id = kontor_record_get_id (KONTOR_RECORD (bruno_s_call));
  yard_call = new_call (yard, "Anruf bei der Werft");
  save (admin, yard_call);
  yard_call_id = kontor_record_get_id (KONTOR_RECORD (yard_call));
  for (guint m = 0; m < machines->len; m++)
    sync_ok (g_ptr_array_index (machines, m));

  names = dup_names (admin);
  g_assert_cmpstr (names, ==, "Brunos\nNord\nOffen\n");
  g_free (names);
  names = dup_names (bruno);
  g_assert_cmpstr (names, ==, "Brunos\nOffen\n");
  g_free (names);
  names = dup_names (carla);
  g_assert_cmpstr (names, ==, "Nord\nOffen\n");
  g_free (names);
  g_assert_cmpint (count_mail (carla), ==, 1);
  g_assert_cmpint (count_mail (bruno), ==, 0);
  /* an activity goes with its contact: Carla, who does not see Bruno's
   * contact, is not even handed it (a change her machine could not hold
   * would be in her rejected list); one on a company is everyone's */
  g_assert_cmpint (count_activity (admin, call_id), ==, 1);
  g_assert_cmpint (count_activity (bruno, call_id), ==, 1);
  g_assert_cmpint (count_activity (carla, call_id), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (carla->store, NULL), ==, 0);
  for (guint m = 0; m < machines->len; m++)
    g_assert_cmpint (count_activity (g_ptr_array_index (machines, m), yard_call_id), ==, 1);

  /* a contact Bruno makes for team Nord, which he is not in, leaves his
   * machine once the server has it */
  {
    g_autoptr(KontorContact) handed = new_contact ("Hanna", "Fremd");
    const char *handed_id;

    kontor_contact_set_assigned_team_id (handed, team_id);
    save (bruno, handed);
    handed_id = kontor_record_get_id (KONTOR_RECORD (handed));
    sync_ok (bruno);
    sync_ok (carla);
    g_assert_null (load_or_null (bruno, KONTOR_TYPE_CONTACT, handed_id));
    g_assert_nonnull (load_or_null (carla, KONTOR_TYPE_CONTACT, handed_id));
    g_assert_cmpint (kontor_store_sync_count_rejected (bruno->store, NULL), ==, 0);
  }

  /* Bruno edits his contact offline and records a call on it; meanwhile
   * it goes to team Nord */
  at_bruno = load (bruno, KONTOR_TYPE_CONTACT, kontor_record_get_id (KONTOR_RECORD (bruno_s)));
  kontor_contact_set_job_title (at_bruno, "Einkauf");
  save (bruno, at_bruno);
  bruno_s_note = new_call (at_bruno, "Nachgefasst");
  save (bruno, bruno_s_note);
  note_id = kontor_record_get_id (KONTOR_RECORD (bruno_s_note));
  kontor_contact_set_assignees (bruno_s, NULL);
  kontor_contact_set_assigned_team_id (bruno_s, team_id);
  kontor_contact_set_city (bruno_s, "Kiel");
  save (admin, bruno_s);
  sync_ok (admin);
  sync_ok (bruno);
  sync_ok (carla);

  names = dup_names (bruno);
  g_assert_cmpstr (names, ==, "Offen\n");
  g_free (names);
  g_assert_cmpint (outbox_size (bruno), ==, 0);
  g_assert_cmpint (kontor_test_query_int (bruno->store, "SELECT count(*) FROM rejected WHERE "
                                                        "fields_json LIKE '%Einkauf%'", NULL),
                   ==, 1);
  /* his call was refused by the server, which never took it, and is
   * kept in his rejected list; the contact's other call left with it */
  g_assert_cmpint (kontor_test_query_int (bruno->store, "SELECT count(*) FROM rejected WHERE "
                                                        "entity = 'activity' AND entity_id = ?1 "
                                                        "AND reason = 'forbidden'", note_id),
                   ==, 1);
  g_assert_cmpint (count_on_server (note_id), ==, 0);
  g_assert_cmpint (count_activity (bruno, note_id), ==, 0);
  g_assert_cmpint (count_activity (bruno, call_id), ==, 0);
  names = dup_names (carla);
  g_assert_cmpstr (names, ==, "Brunos\nNord\nOffen\n");
  g_free (names);
  /* arrived whole, its activity too */
  arrived = load (carla, KONTOR_TYPE_CONTACT, kontor_record_get_id (KONTOR_RECORD (bruno_s)));
  g_assert_cmpstr (kontor_contact_get_first_name (arrived), ==, "Bert");
  g_assert_cmpstr (kontor_contact_get_city (arrived), ==, "Kiel");
  g_assert_cmpstr (kontor_contact_get_assigned_team_id (arrived), ==, team_id);
  g_assert_cmpint (count_activity (carla, call_id), ==, 1);
  g_assert_cmpint (count_activity (carla, note_id), ==, 0);
  g_assert_cmpint (kontor_contact_get_last_activity_at (arrived), ==, 1790000000);

  /* the team's members change */
  team_admin ("remove-from-team", "zora", "Nord");
  team_admin ("add-to-team", "yannick", team_id);
  sync_ok (carla);
  sync_ok (bruno);
  names = dup_names (carla);
  g_assert_cmpstr (names, ==, "Offen\n");
  g_free (names);
  names = dup_names (bruno);
  g_assert_cmpstr (names, ==, "Brunos\nNord\nOffen\n");
  g_free (names);
  g_assert_cmpint (count_mail (bruno), ==, 1);
  g_assert_cmpint (count_mail (carla), ==, 0);
  g_assert_cmpint (count_activity (bruno, call_id), ==, 1);
  g_assert_cmpint (count_activity (carla, call_id), ==, 0);

  /* a snapshot hands out the same: Carla's second machine, after the
   * log is compacted */
  seq = kontor_test_postgres_query (&pg, "SELECT last_seq FROM workspace");
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "compact", seq, NULL), ==, 0);
  late = machine_new (server, "zora");
  sync_ok (late);
  g_assert_cmpuint (kontor_sync_engine_get_resyncs (late->engine), ==, 1);
  names = dup_names (late);
  g_assert_cmpstr (names, ==, "Offen\n");
  g_assert_cmpint (count_mail (late), ==, 0);
  g_assert_cmpint (count_activity (late, call_id), ==, 0);
  g_assert_cmpint (count_activity (late, yard_call_id), ==, 1);

  /* the rows of a contact are found through the partial index on their
   * contact (kontor_log_sight (), kontor_rescope ()): its predicate,
   * kontor_follows_contact () (schema/005-activities.sql), is inlined as
   * the queries' is, so that they match. With sequential scans priced
   * out, a plan that could not use it would be one of the others. */
  plan = kontor_test_postgres_query (&pg, "SET enable_seqscan = off; EXPLAIN SELECT id FROM record"
                                          " WHERE workspace_id = (SELECT id FROM workspace)"
                                          " AND kontor_follows_contact (entity) AND coalesce"
                                          " (fields->>'owner_id', fields->>'contact_id') = 'x'");
  g_assert_nonnull (strstr (plan, "record_scope_owner"));
}

/* ------------------------------------------------------------------------ */
/* Attached files (feature A5, PROTOCOL.md "Blobs") */

/* @size bytes, the same for the same @seed */
static GBytes *
make_file (gsize  size,
           guint8 seed)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 7 + seed) ^ (i >> 8));

  return g_bytes_new_take (data, size);
}

/* Keeps @data on @machine as the app keeps an attached file: in its
 * folder under its hash, listed in the blob table, not uploaded; the
 * file itself only when @write is set. Returns the hash. */
static char *
keep_file (Machine  *machine,
           GBytes   *data,
           gboolean  write)
{
  g_autoptr(GError) error = NULL;
  char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  g_autofree char *path = kontor_store_dup_blob_path (machine->store, sha256);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO blob (sha256, size) VALUES ('%s', %"
                                          G_GSIZE_FORMAT ")", sha256, g_bytes_get_size (data));

  if (write)
    {
      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_file_set_contents (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error);
      g_assert_no_error (error);
    }
  kontor_test_exec (machine->store, sql);

  return sha256;
}

/* An attachments list of one file, as the activity's field holds it */
static char *
dup_attachments (const char *sha256,
                 gsize       size)
{
  return g_strdup_printf ("[{\"sha256\":\"%s\",\"name\":\"Angebot.pdf\",\"size\":%"
                          G_GSIZE_FORMAT ",\"type\":\"application/pdf\"}]", sha256, size);
}

/* The file @sha256 as @machine keeps it, %NULL when it keeps none */
static GBytes *
dup_kept (Machine    *machine,
          const char *sha256)
{
  g_autofree char *path = kontor_store_dup_blob_path (machine->store, sha256);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_bytes_new_take (contents, length);
}

/* GET /v1/blobs/{sha256} with @machine's session: the status */
static guint
get_blob_status (KontorTestServer *server,
                 Machine          *machine,
                 const char       *sha256)
{
  g_autofree char *uri = g_strconcat (server->uri, "v1/blobs/", sha256, NULL);
  g_autofree char *token = kontor_sync_engine_dup_token (machine->engine);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  return soup_message_get_status (msg);
}

static void
on_file_problem (KontorSyncEngine *engine,
                 const char       *sha256,
                 const char       *message,
                 gpointer          user_data)
{
  GPtrArray *problems = user_data;

  g_assert_cmpstr (message, !=, "");
  g_ptr_array_add (problems, g_strdup (sha256));
}

/* A5: a file attached on one machine reaches the others that see its
 * activity, byte for byte, uploaded once however often it is attached;
 * who does not see the activity neither gets nor may fetch it. A file
 * gone from its folder holds no push and loses no activity: said in
 * words, sent once it is back. A download that is not the file leaves
 * nothing. */
static void
test_attachments (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KontorContact) contact = new_contact ("Ute", "Anhang");
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(KontorActivity) follow_up = NULL;
  g_autoptr(KontorActivity) sketch_call = NULL;
  g_autoptr(KontorActivity) third = NULL;
  g_autoptr(GBytes) offer = make_file (300 * 1024 + 17, 1);
  g_autoptr(GBytes) sketch = make_file (4096, 2);
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *ulrike_id = NULL;
  g_autofree char *offer_hash = NULL;
  g_autofree char *sketch_hash = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *sketch_path = NULL;
  Machine *a, *b, *c;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("ulrike", "sales");
  create_user ("vinzenz", "admin");
  create_user ("wiebke", "sales");
  g_ptr_array_add (machines, machine_new (server, "ulrike"));
  g_ptr_array_add (machines, machine_new (server, "vinzenz"));
  g_ptr_array_add (machines, machine_new (server, "wiebke"));
  a = g_ptr_array_index (machines, 0);
  b = g_ptr_array_index (machines, 1);
  c = g_ptr_array_index (machines, 2);
  g_signal_connect (a->engine, "file-problem", G_CALLBACK (on_file_problem), problems);
  sync_ok (a);
  ulrike_id = dup_one_id (a, "SELECT id FROM app_user WHERE username = 'ulrike'");

  /* Ulrike's contact; the offer on two of its activities (twice on one
   * does not fit the 255 characters a text field holds, until the model
   * takes longer lists) */
  kontor_contact_set_assignees (contact, (const char *[]) { ulrike_id, NULL });
  save (a, contact);
  offer_hash = keep_file (a, offer, TRUE);
  call = new_call (contact, "Angebot besprochen");
  json = dup_attachments (offer_hash, g_bytes_get_size (offer));
  kontor_activity_set_attachments (call, json);
  save (a, call);
  follow_up = new_call (contact, "Angebot nachgefasst");
  g_free (json);
  json = dup_attachments (offer_hash, g_bytes_get_size (offer));
  kontor_activity_set_attachments (follow_up, json);
  save (a, follow_up);
  sync_ok (a);
  g_assert_cmpuint (kontor_sync_engine_get_uploads (a->engine), ==, 1);
  g_assert_cmpint (kontor_test_query_int (a->store, "SELECT uploaded FROM blob WHERE sha256 = ?1",
                                          offer_hash), ==, 1);
  g_assert_cmpuint (problems->len, ==, 0);
  sql = g_strdup_printf ("SELECT size FROM blob WHERE sha256 = '%s'", offer_hash);
  {
    g_autofree char *size = kontor_test_postgres_query (&pg, sql);
    g_autofree char *expected = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (offer));

    g_assert_cmpstr (size, ==, expected);
  }

  /* Vinzenz, an administrator, sees the contact: its activities and
   * their file arrive, the same bytes where his machine keeps files */
  sync_ok (b);
  g_assert_cmpint (count_activity (b, kontor_record_get_id (KONTOR_RECORD (call))), ==, 1);
  kept = dup_kept (b, offer_hash);
  g_assert_nonnull (kept);
  g_assert_true (g_bytes_equal (kept, offer));
  g_assert_cmpint (kontor_test_query_int (b->store, "SELECT uploaded FROM blob WHERE sha256 = ?1",
                                          offer_hash), ==, 1);
  g_assert_cmpuint (kontor_sync_engine_get_uploads (b->engine), ==, 0);

  /* Wiebke does not see it: neither the activity nor its file, and the
   * server does not hand it to her */
  sync_ok (c);
  g_assert_cmpint (count_activity (c, kontor_record_get_id (KONTOR_RECORD (call))), ==, 0);
  g_assert_null (dup_kept (c, offer_hash));
  g_assert_cmpuint (get_blob_status (server, c, offer_hash), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (get_blob_status (server, b, offer_hash), ==, SOUP_STATUS_OK);

  /* a file listed but gone from its folder: the push goes on, the
   * activity reaches the others, the problem is said; once the file is
   * back it is sent, and fetched at the others' next sync */
  sketch_hash = keep_file (a, sketch, FALSE);
  sketch_call = new_call (contact, "Skizze besprochen");
  g_free (json);
  json = dup_attachments (sketch_hash, g_bytes_get_size (sketch));
  kontor_activity_set_attachments (sketch_call, json);
  save (a, sketch_call);
  sync_ok (a);
  g_assert_cmpint (outbox_size (a), ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, sketch_hash);
  g_assert_cmpuint (kontor_sync_engine_get_uploads (a->engine), ==, 1);
  sync_ok (b);
  g_assert_cmpint (count_activity (b, kontor_record_get_id (KONTOR_RECORD (sketch_call))), ==, 1);
  g_assert_null (dup_kept (b, sketch_hash));

  sketch_path = kontor_store_dup_blob_path (a->store, sketch_hash);
  {
    g_autofree char *folder = g_path_get_dirname (sketch_path);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
    g_file_set_contents (sketch_path, g_bytes_get_data (sketch, NULL),
                         g_bytes_get_size (sketch), &error);
    g_assert_no_error (error);
  }
  sync_ok (a);
  g_assert_cmpuint (kontor_sync_engine_get_uploads (a->engine), ==, 2);
  g_assert_cmpuint (problems->len, ==, 1);
  sync_ok (b);
  g_clear_pointer (&kept, g_bytes_unref);
  kept = dup_kept (b, sketch_hash);
  g_assert_nonnull (kept);
  g_assert_true (g_bytes_equal (kept, sketch));

  /* a file the server has is not sent again: were it, the server would
   * hold it once more */
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM blob WHERE sha256 = '%s'", offer_hash);
  g_free (kontor_test_postgres_query (&pg, sql));
  third = new_call (contact, "Angebot angenommen");
  g_free (json);
  json = dup_attachments (offer_hash, g_bytes_get_size (offer));
  kontor_activity_set_attachments (third, json);
  save (a, third);
  sync_ok (a);
  g_assert_cmpuint (kontor_sync_engine_get_uploads (a->engine), ==, 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM blob WHERE sha256 = '%s'", offer_hash);
  {
    g_autofree char *count = kontor_test_postgres_query (&pg, sql);

    g_assert_cmpstr (count, ==, "0");
  }

  /* a download that is not the file it names is not kept, and leaves
   * no trace in the folder */
  {
    g_autoptr(KontorBlobDownload) download = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *other = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "anders", -1);
    g_autofree char *path = kontor_store_dup_blob_path (c->store, other);
    g_autofree char *folder = g_path_get_dirname (path);
    g_autoptr(GDir) dir = NULL;

    download = kontor_store_begin_blob_download (c->store, other, 5, &error);
    g_assert_no_error (error);
    g_assert_true (kontor_blob_download_write (download, "ander", 5, &error));
    g_assert_false (kontor_blob_download_finish (download, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_clear_pointer (&download, kontor_blob_download_free);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    dir = g_dir_open (folder, 0, &error);
    g_assert_no_error (error);
    g_assert_null (g_dir_read_name (dir));
    g_assert_cmpint (kontor_test_query_int (c->store, "SELECT count(*) FROM blob WHERE sha256 = ?1",
                                            other), ==, 0);

    /* nor one longer than its attachment says */
    download = kontor_store_begin_blob_download (c->store, other, 3, &error);
    g_assert_no_error (error);
    g_assert_false (kontor_blob_download_write (download, "ander", 5, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

/* A5: a file the server refuses for good (larger than its --max-blob,
 * or bytes that are not its hash's) is said once and not sent again at
 * every cycle; it stays listed as not sent, and the activity goes
 * without it */
static void
test_attachment_refused (void)
{
  static const char * const small[] = { "--max-blob", "100000", NULL };
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KontorContact) contact = new_contact ("Rita", "Abgelehnt");
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(KontorActivity) other_call = NULL;
  g_autoptr(GBytes) large = make_file (200000, 3);
  g_autoptr(GBytes) small_file = make_file (1000, 4);
  g_autoptr(GBytes) changed = make_file (1000, 5);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) to_send = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *large_hash = NULL;
  g_autofree char *changed_hash = NULL;
  g_autofree char *json = NULL;
  Machine *a;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, small);
  create_user ("rita", "admin");
  g_ptr_array_add (machines, machine_new (server, "rita"));
  a = g_ptr_array_index (machines, 0);
  g_signal_connect (a->engine, "file-problem", G_CALLBACK (on_file_problem), problems);
  sync_ok (a);
  save (a, contact);

  large_hash = keep_file (a, large, TRUE);
  call = new_call (contact, "Zu groß");
  json = dup_attachments (large_hash, g_bytes_get_size (large));
  kontor_activity_set_attachments (call, json);
  save (a, call);

  /* a kept file whose bytes are no longer its hash's */
  changed_hash = keep_file (a, small_file, TRUE);
  {
    g_autofree char *path = kontor_store_dup_blob_path (a->store, changed_hash);

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (changed, NULL),
                                        g_bytes_get_size (changed), NULL));
  }
  other_call = new_call (contact, "Verändert");
  g_free (json);
  json = dup_attachments (changed_hash, g_bytes_get_size (small_file));
  kontor_activity_set_attachments (other_call, json);
  save (a, other_call);

  sync_ok (a);
  g_assert_cmpint (outbox_size (a), ==, 0);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpint (kontor_test_query_int (a->store, "SELECT uploaded FROM blob WHERE sha256 = ?1",
                                          large_hash), ==, KONTOR_BLOB_REFUSED);
  g_assert_cmpint (kontor_test_query_int (a->store, "SELECT uploaded FROM blob WHERE sha256 = ?1",
                                          changed_hash), ==, KONTOR_BLOB_REFUSED);

  /* the next cycles do not send them again */
  sync_ok (a);
  sync_ok (a);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpuint (kontor_sync_engine_get_uploads (a->engine), ==, 0);

  /* still files not sent, for the sync indicator; none to send */
  waiting = kontor_store_list_blobs_to_upload (a->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 2);
  g_assert_true (((KontorBlobRef *) g_ptr_array_index (waiting, 0))->refused);
  g_assert_true (((KontorBlobRef *) g_ptr_array_index (waiting, 1))->refused);
  to_send = kontor_store_list_blobs_to_send (a->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (to_send->len, ==, 0);
}

typedef struct
{
  Machine          *machine;
  KontorContact    *contact;
  GBytes           *file;
  char             *sha256;
} SaveDuringPush;

/* while the push is on its way (a file of its first batch could not
 * go): another activity is saved, with a file of its own */
static void
on_problem_save (KontorSyncEngine *engine,
                 const char       *sha256,
                 const char       *message,
                 gpointer          user_data)
{
  SaveDuringPush *during = user_data;
  g_autoptr(KontorActivity) call = NULL;
  g_autofree char *json = NULL;

  if (during->sha256 != NULL)
    return;
  during->sha256 = keep_file (during->machine, during->file, TRUE);
  call = new_call (during->contact, "Während des Sendens");
  json = dup_attachments (during->sha256, g_bytes_get_size (during->file));
  kontor_activity_set_attachments (call, json);
  save (during->machine, call);
}

/* A5: an activity saved while a push is on its way goes after its file,
 * in the same push: the files are sent before each batch */
static void
test_attachment_during_push (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(KontorContact) contact = new_contact ("Paul", "Unterwegs");
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(GBytes) missing = make_file (500, 6);
  g_autoptr(GBytes) later = make_file (700, 7);
  g_autofree char *missing_hash = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count = NULL;
  SaveDuringPush during = { 0 };
  Machine *a;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("paul", "admin");
  g_ptr_array_add (machines, machine_new (server, "paul"));
  a = g_ptr_array_index (machines, 0);
  sync_ok (a);
  save (a, contact);

  missing_hash = keep_file (a, missing, FALSE);
  call = new_call (contact, "Ohne Datei");
  json = dup_attachments (missing_hash, g_bytes_get_size (missing));
  kontor_activity_set_attachments (call, json);
  save (a, call);

  during.machine = a;
  during.contact = contact;
  during.file = later;
  g_signal_connect (a->engine, "file-problem", G_CALLBACK (on_problem_save), &during);
  sync_ok (a);
  g_assert_nonnull (during.sha256);
  g_assert_cmpint (outbox_size (a), ==, 0);
  g_assert_cmpint (kontor_test_query_int (a->store, "SELECT uploaded FROM blob WHERE sha256 = ?1",
                                          during.sha256), ==, 1);
  sql = g_strdup_printf ("SELECT count(*) FROM blob WHERE sha256 = '%s'", during.sha256);
  count = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (count, ==, "1");
  g_signal_handlers_disconnect_by_data (a->engine, &during);
  g_free (during.sha256);
}

/* A5: a file is named on an activity only by who holds it (uploaded its
 * bytes) or already sees an activity with it: a user who learned the
 * hash of another scope's file cannot put it on an activity everyone
 * sees and so read it */
static void
test_attachment_naming (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(KontorContact) contact = new_contact ("Gerda", "Geheim");
  g_autoptr(KontorCompany) company = kontor_company_new ("Offen AG");
  g_autoptr(KontorActivity) secret = NULL;
  g_autoptr(KontorActivity) theft = NULL;
  g_autoptr(KontorActivity) own = NULL;
  g_autoptr(GBytes) offer = make_file (5000, 8);
  g_autofree char *ulrike_id = NULL;
  g_autofree char *offer_hash = NULL;
  g_autofree char *json = NULL;
  g_autofree char *other_hash = NULL;
  Machine *a, *c;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("uta", "sales");
  create_user ("willi", "sales");
  g_ptr_array_add (machines, machine_new (server, "uta"));
  g_ptr_array_add (machines, machine_new (server, "willi"));
  a = g_ptr_array_index (machines, 0);
  c = g_ptr_array_index (machines, 1);
  sync_ok (a);
  sync_ok (c);
  ulrike_id = dup_one_id (a, "SELECT id FROM app_user WHERE username = 'uta'");

  /* Uta's file, on her contact's activity: Willi does not see it */
  kontor_contact_set_assignees (contact, (const char *[]) { ulrike_id, NULL });
  save (a, contact);
  offer_hash = keep_file (a, offer, TRUE);
  secret = new_call (contact, "Vertraulich");
  json = dup_attachments (offer_hash, g_bytes_get_size (offer));
  kontor_activity_set_attachments (secret, json);
  save (a, secret);
  sync_ok (a);
  g_assert_cmpuint (get_blob_status (server, c, offer_hash), ==, SOUP_STATUS_NOT_FOUND);

  /* Willi knows the hash, not the file: naming it on an activity on a
   * company (everyone's) is refused, and the file stays out of reach */
  save (c, company);
  sync_ok (c);
  other_hash = keep_file (c, offer, FALSE);
  g_assert_cmpstr (other_hash, ==, offer_hash);
  theft = new_call (company, "Nur ein Anruf");
  kontor_activity_set_attachments (theft, json);
  save (c, theft);
  sync_ok (c);
  g_assert_cmpint (outbox_size (c), ==, 0);
  g_assert_cmpint (kontor_test_query_int (c->store, "SELECT count(*) FROM rejected WHERE "
                                                    "entity = 'activity' AND entity_id = ?1 "
                                                    "AND reason = 'file_forbidden'",
                                          kontor_record_get_id (KONTOR_RECORD (theft))), ==, 1);
  g_assert_cmpint (count_on_server (kontor_record_get_id (KONTOR_RECORD (theft))), ==, 0);
  g_assert_cmpuint (get_blob_status (server, c, offer_hash), ==, SOUP_STATUS_NOT_FOUND);
  {
    g_autofree char *text = kontor_sync_dup_reason_text ("file_forbidden");

    g_assert_nonnull (strstr (text, "file"));
  }

  /* with the file itself (he uploads its bytes), he may */
  {
    g_autofree char *path = kontor_store_dup_blob_path (c->store, offer_hash);
    g_autofree char *folder = g_path_get_dirname (path);

    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
    g_assert_true (g_file_set_contents (path, g_bytes_get_data (offer, NULL),
                                        g_bytes_get_size (offer), NULL));
  }
  own = new_call (company, "Mit eigener Datei");
  kontor_activity_set_attachments (own, json);
  save (c, own);
  sync_ok (c);
  g_assert_cmpint (count_on_server (kontor_record_get_id (KONTOR_RECORD (own))), ==, 1);
  g_assert_cmpuint (get_blob_status (server, c, offer_hash), ==, SOUP_STATUS_OK);
}

/* The lists of files to send and to fetch, from the activities as they
 * are stored (written here as a pull or an older version may have left
 * them): each file once however often it is named, none from a text that
 * is not a list of files, and only files some activity names */
static void
test_attachment_lists (void)
{
  g_autofree char *path = NULL;
  KontorStore *store = kontor_test_open_store (&path);
  g_autofree char *h1 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "eins", -1);
  g_autofree char *h2 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "zwei", -1);
  g_autofree char *h3 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "drei", -1);
  g_autofree char *h4 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "vier", -1);
  g_autofree char *h5 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "fünf", -1);
  g_autoptr(GPtrArray) up = NULL;
  g_autoptr(GPtrArray) down = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  KontorBlobRef *ref;

  /* nothing waits: neither list reads anything */
  up = kontor_store_list_blobs_to_upload (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (up->len, ==, 0);
  g_clear_pointer (&up, g_ptr_array_unref);

  sql = g_strdup_printf (
    "INSERT INTO activity (id, created_at, updated_at, attachments) VALUES"
    " ('a1', 0, 0, '[{\"sha256\":\"%s\",\"name\":\"eins.txt\",\"size\":4},"
    "{\"sha256\":\"%s\",\"name\":\"zwei.txt\",\"size\":4}]'),"
    " ('a8', 0, 0, '[{\"sha256\":\"%s\",\"name\":\"eins.txt\",\"size\":4}]'),"
    " ('a2', 0, 0, '[{\"sha256\":\"%s\",\"name\":\"eins.txt\",\"size\":4}]'),"
    " ('a3', 0, 0, '[nope'),"
    " ('a4', 0, 0, '{\"sha256\":\"%s\"}'),"
    " ('a5', 0, 0, '[{\"sha256\":\"ABC\"}, 7, \"%s\"]'),"
    " ('a6', 0, 0, '[{\"sha256\":\"%s\",\"name\":\"fuenf.txt\",\"size\":5}]'),"
    " ('a7', 0, 0, NULL);"
    "INSERT INTO blob (sha256, size, uploaded) VALUES ('%s', 4, 0), ('%s', 4, 1), ('%s', 4, 0)",
    h1, h2, h1, h1, h3, h3, h5, h1, h2, h4);
  kontor_test_exec (store, sql);
  /* kept is a file in its place (the rows alone say nothing) */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *kept = kontor_store_dup_blob_path (store, i == 0 ? h1 : h2);
      g_autofree char *folder = g_path_get_dirname (kept);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_assert_true (g_file_set_contents (kept, i == 0 ? "eins" : "zwei", -1, NULL));
    }

  /* h1 kept, not sent, named three times; h2 sent; h4 named by none */
  up = kontor_store_list_blobs_to_upload (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (up->len, ==, 1);
  ref = g_ptr_array_index (up, 0);
  g_assert_cmpstr (ref->sha256, ==, h1);
  g_assert_cmpint (ref->size, ==, 4);

  /* h5 is named and not kept; h3 only in texts that name no file */
  down = kontor_store_list_blobs_to_download (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (down->len, ==, 1);
  ref = g_ptr_array_index (down, 0);
  g_assert_cmpstr (ref->sha256, ==, h5);
  g_assert_cmpint (ref->size, ==, 5);

  g_assert_true (kontor_store_set_blob_uploaded (store, h1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&up, g_ptr_array_unref);
  up = kontor_store_list_blobs_to_upload (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (up->len, ==, 0);

  kontor_test_close_store (&store, path);
}

/* How many of @conflicts about @entity_id are open */
static guint
count_open_about (GPtrArray  *conflicts,
                  const char *entity_id)
{
  guint n = 0;

  for (guint i = 0; i < conflicts->len; i++)
    {
      KontorSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      n += g_strcmp0 (conflict->entity_id, entity_id) == 0 &&
           g_strcmp0 (conflict->status, "open") == 0;
    }

  return n;
}

/* Runs tests/sync/sync-client on @path under faketime, the clock @skew
 * off ("+3h"), against @server as @username */
static void
run_skewed (const char       *faketime,
            const char       *skew,
            KontorTestServer *server,
            const char       *path,
            const char       *username,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = -1;

  g_ptr_array_add (argv, (char *) faketime);
  g_ptr_array_add (argv, (char *) "-f");
  g_ptr_array_add (argv, (char *) skew);
  g_ptr_array_add (argv, (char *) BUILD_ROOT "/tests/sync/sync-client");
  g_ptr_array_add (argv, (char *) path);
  g_ptr_array_add (argv, server->uri);
  g_ptr_array_add (argv, (char *) username);
  g_ptr_array_add (argv, (char *) PASSWORD);
  va_start (args, username);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* timeouts and the main loop keep real time; only the clock is off */
  envp = g_environ_setenv (envp, "FAKETIME_DONT_FAKE_MONOTONIC", "1", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, &errors,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("sync-client failed: %s", errors);
}

/* Scenario 8: a machine whose clock is three hours ahead, or behind (a
 * process of its own under faketime), ends exactly as scenario 1 does,
 * in both orders: no timestamp decides anything */
static void
test_clock_skew (void)
{
  static const char * const skews[] = { "+3h", "-3h" };
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autofree char *faketime = g_find_program_in_path ("faketime");
  g_autofree char *ben_path = NULL;

  if (pg.dir == NULL)
    return;
  if (faketime == NULL)
    {
      /* CI installs it (.ci/install-deps) */
      g_assert_cmpstr (g_getenv ("CI"), !=, "true");
      g_test_skip ("faketime is not installed");
      return;
    }
  server = kontor_test_server_start (&pg, NULL);
  create_user ("ulla", "admin");
  create_user ("volker", "admin");
  anna = machine_new (server, "ulla");
  ben_path = kontor_test_db_path ();

  for (guint k = 0; k < G_N_ELEMENTS (skews); k++)
    for (guint order = 0; order < 2; order++)
      {
        g_autofree char *name = g_strdup_printf ("Uhr %s %u", skews[k], order);
        g_autoptr(KontorContact) contact = new_contact ("Ute", name);
        g_autoptr(KontorContact) at_anna = NULL;
        g_autoptr(GPtrArray) anna_asked = NULL;
        g_autoptr(GPtrArray) ben_asked = NULL;
        g_autoptr(GError) error = NULL;
        Machine ben = { NULL, NULL, ben_path };
        const char *id;
        gint64 ben_time;

        save (anna, contact);
        id = kontor_record_get_id (KONTOR_RECORD (contact));
        sync_ok (anna);
        run_skewed (faketime, skews[k], server, ben_path, "volker", "sync", NULL);

        /* both offline: the city on both, one other field each */
        at_anna = load (anna, KONTOR_TYPE_CONTACT, id);
        kontor_contact_set_city (at_anna, "Köln");
        kontor_contact_set_job_title (at_anna, "Leitung");
        save (anna, at_anna);
        run_skewed (faketime, skews[k], server, ben_path, "volker", "set", id, "city", "Bonn", NULL);
        run_skewed (faketime, skews[k], server, ben_path, "volker", "set", id, "notes", "Rückruf",
                    NULL);

        if (order == 0)
          {
            sync_ok (anna);
            run_skewed (faketime, skews[k], server, ben_path, "volker", "sync", NULL);
            sync_ok (anna);
          }
        else
          {
            run_skewed (faketime, skews[k], server, ben_path, "volker", "sync", NULL);
            sync_ok (anna);
            run_skewed (faketime, skews[k], server, ben_path, "volker", "sync", NULL);
          }

        ben.store = kontor_store_open (ben_path, &error);
        g_assert_no_error (error);
        /* the skew is real: Ben's machine stamped its edit hours off */
        ben_time = kontor_test_query_int (ben.store, "SELECT updated_at FROM contact WHERE id = ?1",
                                          id);
        g_assert_cmpint (ABS (ben_time - g_get_real_time () / G_USEC_PER_SEC), >, 2 * 3600);

        /* scenario 1's outcome: both other fields taken, the city of who
         * synced first, the other asked */
        g_clear_object (&at_anna);
        at_anna = load (anna, KONTOR_TYPE_CONTACT, id);
        g_assert_cmpstr (kontor_contact_get_city (at_anna), ==, order == 0 ? "Köln" : "Bonn");
        g_assert_cmpstr (kontor_contact_get_job_title (at_anna), ==, "Leitung");
        g_assert_cmpstr (kontor_contact_get_notes (at_anna), ==, "Rückruf");
        assert_same_data (anna, &ben);
        anna_asked = kontor_store_sync_list_conflicts (anna->store, &error);
        g_assert_no_error (error);
        ben_asked = kontor_store_sync_list_conflicts (ben.store, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (count_open_about (order == 0 ? ben_asked : anna_asked, id), ==, 1);
        g_assert_cmpuint (count_open_about (order == 0 ? anna_asked : ben_asked, id), ==, 0);
        g_clear_object (&ben.store);
      }

  {
    g_autofree char *dir = g_path_get_dirname (ben_path);

    kontor_test_rmdir (dir);
  }
}

/* Scenario 3, the client's side: the app ends between a local write and
 * its push; the entry waits in the database and goes out once */
static void
test_client_restart (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(KontorContact) contact = new_contact ("Tom", "Ufer");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count = NULL;
  Machine *anna;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("tina", "admin");
  create_user ("udo", "admin");
  g_ptr_array_add (machines, machine_new (server, "tina"));
  g_ptr_array_add (machines, machine_new (server, "udo"));
  anna = g_ptr_array_index (machines, 0);

  save (anna, contact);
  /* the app ends: the store closes, a new one opens the same file */
  g_clear_object (&anna->engine);
  g_clear_object (&anna->store);
  anna->store = kontor_store_open (anna->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outbox_size (anna), ==, 1);
  anna->engine = kontor_sync_engine_new (anna->store, server->uri);
  kontor_sync_engine_login (anna->engine, "tina", PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);

  sync_ok (anna);
  sync_ok (anna);
  sync_ok (g_ptr_array_index (machines, 1));
  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE entity_id = '%s'",
                         kontor_record_get_id (KONTOR_RECORD (contact)));
  count = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (count, ==, "1");
  assert_converged (machines);
}

/* The server dies after its commit, before its answer: the push is sent
 * again and applied once */
static void
test_lost_answer (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorTestServer) dying = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Greta", "Lang");
  g_autoptr(KontorSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *sql = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  dying = kontor_test_server_start_with_fault (&pg, "crash_after_commit_before_reply");
  create_user ("gerd", "admin");
  create_user ("hanna", "admin");
  anna = machine_new (server, "gerd");
  ben = machine_new (server, "hanna");

  save (anna, contact);
  kontor_contact_set_job_title (contact, "Einkauf");
  save (anna, contact);

  /* the same installation, signed in, through the instance that dies */
  engine = kontor_sync_engine_new (anna->store, dying->uri);
  kontor_sync_engine_login (engine, "gerd", PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kontor_sync_engine_push (engine, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (outbox_size (anna), >, 0);

  sync_ok (anna);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE entity_id = '%s'",
                         kontor_record_get_id (KONTOR_RECORD (contact)));
  count = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (count, ==, "1");

  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);
}

/* A machine whose cursor the server no longer keeps loads a snapshot and
 * still sends what it changed offline */
static void
test_resync (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) first = new_contact ("Ida", "König");
  g_autoptr(KontorContact) second = new_contact ("Jan", "Krüger");
  g_autoptr(KontorContact) offline = new_contact ("Karl", "Lehmann");
  g_autoptr(GError) error = NULL;
  g_autofree char *seq = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("ilse", "admin");
  create_user ("jonas", "admin");
  anna = machine_new (server, "ilse");
  ben = machine_new (server, "jonas");

  save (anna, first);
  sync_ok (anna);
  sync_ok (ben);

  save (ben, offline);
  kontor_contact_set_city (first, "Leipzig");
  save (anna, first);
  save (anna, second);
  kontor_store_delete (anna->store, KONTOR_RECORD (first), &error);
  g_assert_no_error (error);
  sync_ok (anna);

  seq = kontor_test_postgres_query (&pg, "SELECT last_seq FROM workspace");
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "compact", seq, NULL), ==, 0);

  sync_ok (ben);
  g_assert_cmpuint (kontor_sync_engine_get_resyncs (ben->engine), ==, 1);
  sync_ok (anna);
  assert_same_data (anna, ben);
  g_assert_null (load_or_null (ben, KONTOR_TYPE_CONTACT,
                               kontor_record_get_id (KONTOR_RECORD (first))));
  g_assert_nonnull (load_or_null (anna, KONTOR_TYPE_CONTACT,
                                  kontor_record_get_id (KONTOR_RECORD (offline))));
}

/* A pull as a store job (kontor_sync_engine_new_pull_job ()) */
typedef struct
{
  Machine  *machine;
  gboolean  done;
  gboolean  ok;
  GError   *error;
  guint     n_progress;
  guint     n_changed;    /* "changed" of contacts on the main store */

  /* a func that waits after the pull for the main thread (pull_and_wait ()) */
  GMutex    mutex;
  GCond     cond;
  gboolean  pulled;
  gboolean  main_has_read;
  gboolean  cancel;       /* ... and then cancels the job */
} PullJob;

static void
on_pull_job_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PullJob *run = user_data;

  run->ok = kontor_store_job_run_finish (KONTOR_STORE_JOB (source), result, &run->error);
  run->done = TRUE;
}

/* The window is told while the job works; the 1 of its end does not count */
static void
on_pull_job_progress_cb (KontorStoreJob *job,
                         GParamSpec     *pspec,
                         PullJob        *run)
{
  g_assert_true (kontor_store_job_get_running (job));
  if (kontor_store_job_get_progress (job) < 1.0)
    run->n_progress++;
}

static void
on_pull_job_changed_cb (KontorStore *store,
                        const char  *entity,
                        GArray      *rowids,
                        PullJob     *run)
{
  if (g_str_equal (entity, "contact"))
    run->n_changed++;
}

static gboolean
main_reads (gpointer data)
{
  PullJob *run = data;

  g_mutex_lock (&run->mutex);
  if (run->pulled && !run->main_has_read)
    {
      /* everything pulled into the job's transaction, and not yet here */
      g_assert_cmpint (kontor_store_count (run->machine->store, KONTOR_TYPE_CONTACT, NULL),
                       ==, 0);
      run->main_has_read = TRUE;
      g_cond_signal (&run->cond);
    }
  g_mutex_unlock (&run->mutex);

  return run->done;
}

/* The engine's pull into the job's connection; then waits for the main
 * thread to look, and cancels the job when asked to */
static gboolean
pull_and_wait (KontorStoreJob  *job,
               KontorStore     *connection,
               gpointer         user_data,
               GCancellable    *cancellable,
               GError         **error)
{
  PullJob *run = user_data;

  if (!kontor_sync_engine_pull_into (run->machine->engine, connection, job, cancellable, error))
    return FALSE;
  g_assert_cmpint (kontor_store_count (connection, KONTOR_TYPE_CONTACT, NULL), >, 0);

  g_mutex_lock (&run->mutex);
  run->pulled = TRUE;
  g_main_context_wakeup (NULL);
  while (!run->main_has_read)
    g_cond_wait (&run->cond, &run->mutex);
  g_mutex_unlock (&run->mutex);
  if (run->cancel)
    g_cancellable_cancel (cancellable);

  return TRUE;
}

/* Runs @job on its worker while the main loop goes on */
static void
run_pull_job (PullJob        *run,
              KontorStoreJob *job)
{
  gulong changed_id = g_signal_connect (run->machine->store, "changed",
                                        G_CALLBACK (on_pull_job_changed_cb), run);

  g_mutex_init (&run->mutex);
  g_cond_init (&run->cond);
  g_signal_connect (job, "notify::progress", G_CALLBACK (on_pull_job_progress_cb), run);
  kontor_store_job_run_async (job, NULL, on_pull_job_done_cb, run);
  g_assert_true (kontor_test_iterate_until (main_reads, run, 60));
  g_signal_handler_disconnect (run->machine->store, changed_id);
  g_mutex_clear (&run->mutex);
  g_cond_clear (&run->cond);
}

/* A first sync from a snapshot as a job on the worker (src/README.md
 * "Performance targets", first sync): in one transaction, the window
 * reading on meanwhile and seeing nothing of it before the commit;
 * cancelled after every page was applied, nothing is kept; run again,
 * all of it arrives at once, with one "changed" for the contacts */
static void
test_first_sync_job (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seq = NULL;
  gint64 cursor = -1;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("bernd", "admin");
  create_user ("cora", "admin");
  anna = machine_new (server, "bernd");
  ben = machine_new (server, "cora");

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Kunde %u", i);
      g_autoptr(KontorContact) contact = new_contact ("Eva", name);

      save (anna, contact);
    }
  sync_ok (anna);
  seq = kontor_test_postgres_query (&pg, "SELECT last_seq FROM workspace");
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "compact", seq, NULL), ==, 0);

  /* cancelled once every page is in: none of it is kept */
  {
    PullJob run = { .machine = ben, .cancel = TRUE };
    g_autoptr(KontorStoreJob) job = kontor_store_job_new (ben->store, "pull", pull_and_wait,
                                                          &run, NULL);

    run_pull_job (&run, job);
    g_assert_false (run.ok);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&run.error);
    g_assert_true (run.main_has_read);
    g_assert_cmpuint (run.n_changed, ==, 0);
    g_assert_cmpint (kontor_store_count (ben->store, KONTOR_TYPE_CONTACT, NULL), ==, 0);
    g_assert_true (kontor_store_sync_get_cursor (ben->store, &cursor, &error));
    g_assert_cmpint (cursor, ==, 0);
    g_assert_cmpuint (kontor_sync_engine_get_resyncs (ben->engine), ==, 1);
  }

  /* run again: the main thread still sees nothing before the commit,
   * then all of it */
  {
    PullJob run = { .machine = ben };
    g_autoptr(KontorStoreJob) job = kontor_store_job_new (ben->store, "pull", pull_and_wait,
                                                          &run, NULL);

    run_pull_job (&run, job);
    g_assert_no_error (run.error);
    g_assert_true (run.ok);
    g_assert_true (run.main_has_read);
    g_assert_cmpuint (run.n_changed, ==, 1);
    g_assert_cmpint (kontor_store_count (ben->store, KONTOR_TYPE_CONTACT, NULL), ==,
                     kontor_store_count (anna->store, KONTOR_TYPE_CONTACT, NULL));
    g_assert_true (kontor_store_sync_get_cursor (ben->store, &cursor, &error));
    g_assert_cmpint (cursor, ==, g_ascii_strtoll (seq, NULL, 10));
    g_assert_cmpint (outbox_size (ben), ==, 0);
    assert_same_data (anna, ben);
  }

  /* the engine's own job, on a third machine, run here so that every
   * step's progress is told at once: one per kind of record loaded */
  {
    g_autoptr(Machine) carl = machine_new (server, "cora");
    PullJob run = { .machine = carl };
    g_autoptr(KontorStoreJob) job = kontor_sync_engine_new_pull_job (carl->engine);
    gulong changed_id = g_signal_connect (carl->store, "changed",
                                          G_CALLBACK (on_pull_job_changed_cb), &run);

    g_signal_connect (job, "notify::progress", G_CALLBACK (on_pull_job_progress_cb), &run);
    run.ok = kontor_store_job_run (job, NULL, &run.error);
    g_signal_handler_disconnect (carl->store, changed_id);
    g_assert_no_error (run.error);
    g_assert_true (run.ok);
    g_assert_cmpuint (run.n_progress, >, 1);
    g_assert_cmpuint (run.n_changed, ==, 1);
    g_assert_cmpuint (kontor_sync_engine_get_resyncs (carl->engine), ==, 1);
    assert_same_data (anna, carl);
  }
}

/* A job's pull that waits its turn: while another pull holds the engine,
 * it is refused (G_IO_ERROR_BUSY) and tried again */
static gboolean
pull_when_free (KontorStoreJob  *job,
                KontorStore     *connection,
                gpointer         user_data,
                GCancellable    *cancellable,
                GError         **error)
{
  Machine *machine = user_data;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (kontor_sync_engine_pull_into (machine->engine, connection, job, cancellable,
                                        &local_error))
        return TRUE;
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (1000);
    }
}

/* One pull at a time (kontor_sync_engine_pull_into ()): while a job's
 * pull waits for a server that does not answer (stopped), a pull on the
 * store's own connection is refused at once, not run beside it; when the
 * server goes on, the job's pull ends and the next one is taken */
static void
test_one_pull_at_a_time (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(KontorStoreJob) job = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(KontorContact) contact = new_contact ("Dora", "Jäger");
  PullJob run = { 0 };
  gboolean refused = FALSE;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("dora", "admin");
  anna = machine_new (server, "dora");
  save (anna, contact);
  sync_ok (anna);

  g_subprocess_send_signal (server->process, SIGSTOP);
  run.machine = anna;
  g_mutex_init (&run.mutex);
  g_cond_init (&run.cond);
  job = kontor_store_job_new (anna->store, "pull", pull_when_free, anna, NULL);
  kontor_store_job_run_async (job, NULL, on_pull_job_done_cb, &run);

  /* a pull here with a cancelled cancellable either takes the engine and
   * stops at its first request (cancelled), or finds the job's pull
   * holding it: refused, without waiting (tried for a minute at most) */
  g_cancellable_cancel (cancelled);
  for (guint i = 0; !refused && i < 60000; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kontor_sync_engine_pull (anna->engine, cancelled, &error));
      refused = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY);
      if (!refused)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_usleep (1000);
        }
    }

  g_subprocess_send_signal (server->process, SIGCONT);
  g_assert_true (refused);
  g_assert_true (kontor_test_iterate_until (main_reads, &run, 60));
  g_mutex_clear (&run.mutex);
  g_cond_clear (&run.cond);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  sync_ok (anna);
}

/* One run of the model test (scenario 9): @n_machines machines change
 * the same contacts at random for @rounds rounds (edits, moves, e-mail
 * addresses, deletes, undone deletes, creates with e-mail addresses,
 * answers to conflicts), each syncing or staying offline at random,
 * through @server; then all online until quiet, converged, nothing lost */
static void
random_run (KontorTestServer *server,
            GRand            *rand,
            const char       *users,
            guint             n_machines,
            guint             rounds,
            guint             ops,
            guint             run)
{
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) writes = g_ptr_array_new_with_free_func ((GDestroyNotify) write_free);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_object_unref);
  const char *cities[] = { "Berlin", "Hamburg", "München", "Köln", "Dresden" };

  for (guint m = 0; m < n_machines; m++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u", users, m);

      if (run == 0)
        create_user (name, "admin");
      g_ptr_array_add (machines, machine_new (server, name));
      sync_ok (g_ptr_array_index (machines, m));
    }

  for (guint round = 0; round < rounds; round++)
    {
      for (guint m = 0; m < machines->len; m++)
        {
          Machine *machine = g_ptr_array_index (machines, m);
          g_autoptr(GPtrArray) conflicts = NULL;

          for (guint op = 0; op < ops; op++)
            {
              guint what = g_rand_int_range (rand, 0, ids->len < 3 ? 1 : 7);
              g_autoptr(KontorContact) contact = NULL;
              const char *id = ids->len > 0 ? g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)) : NULL;

              if (what == 0)
                {
                  g_autofree char *last = g_strdup_printf ("Kunde %u-%u-%u-%u", run, round, m, op);

                  contact = new_contact ("Test", last);
                  kontor_contact_set_emails (contact, channels ("a@example.org", NULL));
                  save (machine, contact);
                  g_ptr_array_add (ids, g_strdup (kontor_record_get_id (KONTOR_RECORD (contact))));
                  continue;
                }
              if (what == 6)
                {
                  /* undo a delete of this machine's (a restore) */
                  for (guint d = 0; d < deleted->len; d++)
                    {
                      KontorRecord *gone = g_ptr_array_index (deleted, d);

                      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (gone), "machine")) == m &&
                          load_or_null (machine, KONTOR_TYPE_CONTACT, kontor_record_get_id (gone)) == NULL)
                        {
                          g_autoptr(GError) error = NULL;
                          g_autoptr(KontorRecord) again = kontor_record_copy (gone);

                          kontor_store_save (machine->store, again, &error);
                          /* refused when another machine's copy came meanwhile */
                          g_clear_error (&error);
                          g_ptr_array_remove_index (deleted, d);
                          break;
                        }
                    }
                  continue;
                }
              contact = load_or_null (machine, KONTOR_TYPE_CONTACT, id);
              if (contact == NULL)
                continue;
              if (what == 1)
                {
                  const char *city = cities[g_rand_int_range (rand, 0, 5)];

                  kontor_contact_set_city (contact, city);
                  log_write (writes, m, id, "city", city);
                }
              else if (what == 2)
                {
                  g_autofree char *title = g_strdup_printf ("Titel %u", g_rand_int (rand) % 100);

                  kontor_contact_set_job_title (contact, title);
                  log_write (writes, m, id, "job_title", title);
                }
              else if (what == 3)
                {
                  g_autofree char *mail = g_strdup_printf ("m%u@example.org", g_rand_int (rand) % 100);

                  kontor_contact_set_emails (contact, channels (mail, "b@example.org", NULL));
                }
              else if (what == 4)
                {
                  const char *status = g_rand_boolean (rand)
                                       ? "00000000-0000-7000-8000-000000000003"
                                       : "00000000-0000-7000-8000-000000000004";

                  kontor_contact_set_pipeline_status_id (contact, status);
                  log_write (writes, m, id, "pipeline_status_id", status);
                }
              else
                {
                  g_autoptr(GError) error = NULL;

                  if (g_rand_int_range (rand, 0, 3) == 0)
                    {
                      g_object_set_data (G_OBJECT (contact), "machine", GUINT_TO_POINTER (m));
                      kontor_store_delete (machine->store, KONTOR_RECORD (contact), &error);
                      g_assert_no_error (error);
                      g_ptr_array_add (deleted, g_object_ref (contact));
                      for (guint w = 0; w < writes->len; w++)
                        {
                          Write *write = g_ptr_array_index (writes, w);

                          if (write->machine == m && g_str_equal (write->entity_id, id))
                            write->deleted_after = TRUE;
                        }
                    }
                  continue;
                }
              save (machine, contact);
            }

          /* some conflicts are answered, some wait */
          conflicts = kontor_store_sync_list_conflicts (machine->store, NULL);
          for (guint c = 0; c < conflicts->len; c++)
            {
              KontorSyncConflict *conflict = g_ptr_array_index (conflicts, c);

              if (g_str_equal (conflict->status, "open") && g_rand_boolean (rand))
                g_assert_true (kontor_store_sync_resolve_conflict (machine->store, conflict->id,
                                                                   g_rand_boolean (rand)
                                                                   ? "mine" : "theirs",
                                                                   NULL, NULL));
            }

          /* some machines sync this round, some stay offline */
          if (g_rand_boolean (rand))
            {
              sync_ok (machine);
              for (guint w = 0; w < writes->len; w++)
                {
                  Write *write = g_ptr_array_index (writes, w);

                  write->sent |= write->machine == m;
                }
            }
        }
    }

  /* everyone online until nothing moves: two passes, the second to bring
   * what the last of the first sent */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint m = 0; m < machines->len; m++)
        sync_ok (g_ptr_array_index (machines, m));
    }
  for (guint m = 0; m < machines->len; m++)
    {
      Machine *machine = g_ptr_array_index (machines, m);

      g_assert_cmpint (outbox_size (machine), ==, 0);
      /* administrators all: the server refuses nothing, and every change
       * it sends is stored */
      if (kontor_store_sync_count_rejected (machine->store, NULL) > 0)
        {
          g_autofree char *id = dup_ids (machine, "SELECT entity_id FROM rejected LIMIT 1");
          g_autofree char *sql = NULL;
          g_autofree char *log = NULL;

          id[strlen (id) - 1] = '\0';
          sql = g_strdup_printf ("SELECT string_agg(seq || ' ' || op || ' ' || client_id || ' ' "
                                 "|| client_seq || ' ' || left(fields::text, 60), E'\\n' ORDER "
                                 "BY seq) FROM change_log WHERE entity_id = '%s' OR entity_id = "
                                 "(SELECT fields->>'owner_id' FROM record WHERE id = '%s')", id, id);
          log = kontor_test_postgres_query (&pg, sql);
          g_error ("machine %u (client %s): %s\n%s", m,
                   kontor_store_get_client_id (machine->store),
                   dup_ids (machine, "SELECT client_seq || ' ' || entity || ' ' || entity_id || "
                                     "' ' || reason FROM rejected"), log);
        }
    }
  assert_converged (machines);
  assert_nothing_lost (machines, writes);
}

/* Scenario 9: runs of the model test, seeded (the seed is printed; run
 * one again with -p /sync/random-convergence --seed), through nginx to
 * three instances: 200 rounds of interleavings in all */
static void
test_random_convergence (void)
{
  g_autoptr(GRand) rand = NULL;
  KontorTestServer *instances[3] = { NULL, };
  g_autoptr(KontorTestServer) front = NULL;
  guint32 seed = g_test_rand_int ();
  guint runs = g_test_slow () ? 20 : 8;

  if (pg.dir == NULL)
    return;
  g_test_message ("seed %u", seed);
  rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
    instances[i] = kontor_test_server_start (&pg, NULL);
  front = kontor_test_nginx_start (instances, G_N_ELEMENTS (instances));

  for (guint run = 0; run < runs; run++)
    random_run (front, rand, "model", 3, 25, 3, run);

  g_clear_pointer (&front, kontor_test_server_free);
  for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
    kontor_test_server_free (instances[i]);
}

static void
on_poke (KontorSyncEngine *engine,
         gint64            seq,
         gint64           *last)
{
  *last = MAX (*last, seq);
}

static void
pull_on_poke (KontorSyncEngine *engine,
              gint64            seq,
              Machine          *machine)
{
  sync_ok (machine);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
got_poke_after (gpointer data)
{
  return *(gint64 *) data > 0;
}

static void
on_connected (GObject    *object,
              GParamSpec *pspec,
              gboolean   *connected)
{
  *connected = kontor_sync_engine_get_events_connected (KONTOR_SYNC_ENGINE (object));
}

/* The events socket: a poke when another machine pushed; connecting again,
 * later each time, while the server is away */
static void
test_events (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Nora", "Pohl");
  g_autoptr(GError) error = NULL;
  gint64 poked = 0;
  gboolean connected = FALSE;
  guint first_delay, later_delay;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("nils", "admin");
  create_user ("olga", "admin");
  anna = machine_new (server, "nils");
  ben = machine_new (server, "olga");

  g_signal_connect (ben->engine, "poke", G_CALLBACK (on_poke), &poked);
  g_signal_connect (ben->engine, "notify::events-connected", G_CALLBACK (on_connected), &connected);
  kontor_sync_engine_start_events (ben->engine);
  g_assert_true (kontor_test_iterate_until (is_true, &connected, 20));
  poked = 0;

  save (anna, contact);
  sync_ok (anna);
  g_assert_true (kontor_test_iterate_until (got_poke_after, &poked, 20));
  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);

  /* the server goes: the socket closes, and connecting again waits longer
   * each time */
  g_clear_pointer (&server, kontor_test_server_free);
  while (connected)
    g_main_context_iteration (NULL, TRUE);
  while (kontor_sync_engine_get_reconnect_delay (ben->engine) < 1000)
    g_main_context_iteration (NULL, TRUE);
  first_delay = kontor_sync_engine_get_reconnect_delay (ben->engine);
  while (kontor_sync_engine_get_reconnect_delay (ben->engine) == first_delay)
    g_main_context_iteration (NULL, TRUE);
  later_delay = kontor_sync_engine_get_reconnect_delay (ben->engine);
  g_assert_cmpuint (first_delay, >=, 1000);
  g_assert_cmpuint (first_delay, <=, 1250);
  g_assert_cmpuint (later_delay, >=, 2000);
  kontor_sync_engine_stop_events (ben->engine);
}

static gboolean
cursor_reached (gpointer data)
{
  Machine *machine = data;
  g_autofree char *last = kontor_test_postgres_query (&pg, "SELECT last_seq FROM workspace");
  gint64 cursor = 0;

  g_assert_true (kontor_store_sync_get_cursor (machine->store, &cursor, NULL));

  return cursor == g_ascii_strtoll (last, NULL, 10);
}

/* Scenario 5: three instances behind nginx. A card moved on one machine
 * is on the other, woken by its events socket, within 2 s; with two
 * instances gone the socket comes back through nginx and nothing is
 * missed; then the soak: four machines, 300 random changes each, offline
 * at random, converged, nothing lost, the server's numbers without a gap */
static void
test_live_and_soak (void)
{
  KontorTestServer *instances[3] = { NULL, };
  g_autoptr(KontorTestServer) front = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(KontorContact) card = new_contact ("Vera", "Wolf");
  g_autoptr(KontorContact) seen = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *count = NULL;
  g_autofree char *last = NULL;
  gboolean connected = FALSE;
  gint64 start, applied_ms;
  const char *offer = "00000000-0000-7000-8000-000000000004";
  const char *won = "00000000-0000-7000-8000-000000000005";
  Machine *anna, *ben;
  guint32 seed = g_test_rand_int ();

  if (pg.dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
    instances[i] = kontor_test_server_start (&pg, NULL);
  front = kontor_test_nginx_start (instances, G_N_ELEMENTS (instances));
  create_user ("vera", "admin");
  create_user ("walter", "admin");
  g_ptr_array_add (machines, machine_new (front, "vera"));
  g_ptr_array_add (machines, machine_new (front, "walter"));
  anna = g_ptr_array_index (machines, 0);
  ben = g_ptr_array_index (machines, 1);

  save (ben, card);
  sync_ok (ben);
  sync_ok (anna);
  g_signal_connect (anna->engine, "poke", G_CALLBACK (pull_on_poke), anna);
  g_signal_connect (anna->engine, "notify::events-connected", G_CALLBACK (on_connected),
                    &connected);
  kontor_sync_engine_start_events (anna->engine);
  g_assert_true (kontor_test_iterate_until (is_true, &connected, 20));

  /* Ben moves the card; his pushes go round the instances */
  kontor_contact_set_pipeline_status_id (card, offer);
  save (ben, card);
  sync_ok (ben);
  start = g_get_monotonic_time ();
  g_assert_true (kontor_test_iterate_until (cursor_reached, anna, 20));
  applied_ms = (g_get_monotonic_time () - start) / 1000;
  g_test_message ("poke_to_applied_ms %" G_GINT64_FORMAT, applied_ms);
  seen = load (anna, KONTOR_TYPE_CONTACT, kontor_record_get_id (KONTOR_RECORD (card)));
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (seen), ==, offer);
  g_assert_cmpint (applied_ms, <=, 2000);
  g_clear_object (&seen);

  /* two instances go; whichever Anna's socket was on, it is back on the
   * third through nginx, and the next move arrives */
  kontor_test_server_free (instances[0]);
  kontor_test_server_free (instances[1]);
  instances[0] = instances[1] = NULL;
  kontor_contact_set_pipeline_status_id (card, won);
  save (ben, card);
  sync_ok (ben);
  g_assert_true (kontor_test_iterate_until (cursor_reached, anna, 60));
  seen = load (anna, KONTOR_TYPE_CONTACT, kontor_record_get_id (KONTOR_RECORD (card)));
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (seen), ==, won);
  kontor_sync_engine_stop_events (anna->engine);
  assert_converged (machines);

  /* the soak, through what is left of the instances */
  g_test_message ("seed %u", seed);
  rand = g_rand_new_with_seed (seed);
  random_run (front, rand, "soak", 4, 100, 3, 0);

  /* every number the server gave is in its log, once */
  count = kontor_test_postgres_query (&pg, "SELECT count(DISTINCT seq) || ' ' || min(seq) || ' ' "
                                           "|| max(seq) FROM change_log");
  last = kontor_test_postgres_query (&pg, "SELECT last_seq FROM workspace");
  {
    g_autofree char *expected = g_strdup_printf ("%s 1 %s", last, last);

    g_assert_cmpstr (count, ==, expected);
  }

  g_clear_pointer (&front, kontor_test_server_free);
  kontor_test_server_free (instances[2]);
}

typedef struct
{
  Machine  *machine;
  gboolean  ok;
  gint64    waited_ms;
} Waiter;

static gpointer
wait_thread (gpointer data)
{
  Waiter *waiter = data;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  waiter->ok = kontor_sync_engine_wait (waiter->machine->engine, 20, NULL, &error);
  g_assert_no_error (error);
  waiter->waited_ms = (g_get_monotonic_time () - start) / 1000;

  return NULL;
}

/* The long poll: a pull that waits on the server returns as soon as a
 * change comes, and after its time without one */
static void
test_long_poll (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(KontorContact) contact = new_contact ("Xaver", "Yilmaz");
  g_autoptr(GError) error = NULL;
  Waiter waiter = { NULL, };
  GThread *thread;
  gint64 start, cursor = 0, before = 0;
  Machine *anna, *ben;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("xaver", "admin");
  create_user ("yvonne", "admin");
  g_ptr_array_add (machines, machine_new (server, "xaver"));
  g_ptr_array_add (machines, machine_new (server, "yvonne"));
  anna = g_ptr_array_index (machines, 0);
  ben = g_ptr_array_index (machines, 1);
  sync_ok (anna);
  sync_ok (ben);

  /* nothing new: back after the time asked, with nothing */
  g_assert_true (kontor_store_sync_get_cursor (anna->store, &before, NULL));
  start = g_get_monotonic_time ();
  g_assert_true (kontor_sync_engine_wait (anna->engine, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, >=, 900);
  g_assert_true (kontor_store_sync_get_cursor (anna->store, &cursor, NULL));
  g_assert_cmpint (cursor, ==, before);

  /* Anna's machine waits (its store on that thread alone), Ben pushes */
  waiter.machine = anna;
  thread = g_thread_new ("long-poll", wait_thread, &waiter);
  g_usleep (300 * 1000);
  save (ben, contact);
  sync_ok (ben);
  g_thread_join (thread);
  g_assert_true (waiter.ok);
  g_test_message ("long_poll_ms %" G_GINT64_FORMAT, waiter.waited_ms);
  g_assert_cmpint (waiter.waited_ms, <, 20000);
  g_assert_nonnull (load_or_null (anna, KONTOR_TYPE_CONTACT,
                                  kontor_record_get_id (KONTOR_RECORD (contact))));
  assert_converged (machines);
}

/* One machine merges two contacts (feature X1) while another recorded a
 * call on the removed one offline: after both synced, the call is the
 * kept contact's on both, nothing is lost, and the removed contact's
 * tombstone names the kept one on both */
static void
test_contact_merge (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) kept = new_contact ("Marta", "Schulze");
  g_autoptr(KontorContact) removed = new_contact ("Martha", "Schulze");
  g_autoptr(KontorContact) at_ben = NULL;
  g_autoptr(KontorActivity) earlier = NULL;
  g_autoptr(KontorActivity) offline = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(KontorContactMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  const char *kept_id, *removed_id;
  Machine *machines[2];

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("merle", "admin");
  create_user ("nora", "admin");
  anna = machine_new (server, "merle");
  ben = machine_new (server, "nora");

  save (anna, kept);
  save (anna, removed);
  kept_id = kontor_record_get_id (KONTOR_RECORD (kept));
  removed_id = kontor_record_get_id (KONTOR_RECORD (removed));
  earlier = new_call (removed, "Erstkontakt");
  save (anna, earlier);
  sync_ok (anna);
  sync_ok (ben);

  /* Ben, offline, records a call on the contact Anna is about to merge */
  at_ben = load (ben, KONTOR_TYPE_CONTACT, removed_id);
  offline = new_call (at_ben, "Angebot besprochen");
  save (ben, offline);

  merge = kontor_contact_merge_new (anna->store, kept_id, removed_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  sync_ok (anna);

  /* Ben's cycle pushes his call and then learns of the merge: his call
   * moves to the kept contact, an edit of his that the next cycle sends */
  sync_ok (ben);
  g_assert_null (load_or_null (ben, KONTOR_TYPE_CONTACT, removed_id));
  call = load (ben, KONTOR_TYPE_ACTIVITY, kontor_record_get_id (KONTOR_RECORD (offline)));
  g_assert_cmpstr (kontor_activity_get_contact_id (call), ==, kept_id);
  g_clear_object (&call);
  sync_ok (ben);
  sync_ok (anna);

  machines[0] = anna;
  machines[1] = ben;
  for (guint i = 0; i < G_N_ELEMENTS (machines); i++)
    {
      g_assert_null (load_or_null (machines[i], KONTOR_TYPE_CONTACT, removed_id));
      call = load (machines[i], KONTOR_TYPE_ACTIVITY,
                   kontor_record_get_id (KONTOR_RECORD (offline)));
      g_assert_cmpstr (kontor_activity_get_contact_id (call), ==, kept_id);
      g_assert_cmpstr (kontor_activity_get_subject (call), ==, "Angebot besprochen");
      g_clear_object (&call);
      call = load (machines[i], KONTOR_TYPE_ACTIVITY,
                   kontor_record_get_id (KONTOR_RECORD (earlier)));
      g_assert_cmpstr (kontor_activity_get_contact_id (call), ==, kept_id);
      g_clear_object (&call);
      g_assert_cmpint (kontor_test_query_int (machines[i]->store,
                                              "SELECT count(*) FROM tombstone WHERE id = ?1 "
                                              "AND merged_into IS NOT NULL", removed_id), ==, 1);
      g_assert_cmpint (outbox_size (machines[i]), ==, 0);
    }
  assert_same_data (anna, ben);
}

/* Ben, offline, edits the contact Anna merges, records a call on it and
 * gives it a mobile number; Anna merges. After both synced the call and
 * the number are the kept contact's on both machines, the removed one is
 * gone on both (Ben's edit of it waits as a conflict), and nothing is
 * left in either outbox */
static void
test_contact_merge_concurrent (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) kept = new_contact ("Marta", "Schulze");
  g_autoptr(KontorContact) removed = new_contact ("Martha", "Schulze");
  g_autoptr(KontorContact) at_ben = NULL;
  g_autoptr(KontorActivity) offline = NULL;
  g_autoptr(KontorContactMerge) merge = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GError) error = NULL;
  const char *kept_id, *removed_id;
  Machine *machines[2];

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("merga", "admin");
  create_user ("mirko", "admin");
  anna = machine_new (server, "merga");
  ben = machine_new (server, "mirko");

  emails = channels ("martha@example.org", NULL);
  kontor_contact_set_emails (removed, emails);
  save (anna, kept);
  save (anna, removed);
  kept_id = kontor_record_get_id (KONTOR_RECORD (kept));
  removed_id = kontor_record_get_id (KONTOR_RECORD (removed));
  sync_ok (anna);
  sync_ok (ben);

  at_ben = load (ben, KONTOR_TYPE_CONTACT, removed_id);
  kontor_contact_set_job_title (at_ben, "Einkauf");
  phones = channels ("+49 171 5550123", NULL);
  kontor_contact_set_phones (at_ben, phones);
  save (ben, at_ben);
  offline = new_call (at_ben, "Rückruf zugesagt");
  save (ben, offline);

  merge = kontor_contact_merge_new (anna->store, kept_id, removed_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  sync_ok (anna);

  sync_ok (ben);
  sync_ok (ben);
  sync_ok (anna);

  machines[0] = anna;
  machines[1] = ben;
  for (guint i = 0; i < G_N_ELEMENTS (machines); i++)
    {
      g_autoptr(KontorActivity) call = NULL;
      g_autoptr(KontorContact) contact = NULL;

      g_assert_null (load_or_null (machines[i], KONTOR_TYPE_CONTACT, removed_id));
      call = load (machines[i], KONTOR_TYPE_ACTIVITY,
                   kontor_record_get_id (KONTOR_RECORD (offline)));
      g_assert_cmpstr (kontor_activity_get_contact_id (call), ==, kept_id);
      g_assert_cmpstr (kontor_activity_get_subject (call), ==, "Rückruf zugesagt");
      g_assert_cmpint (kontor_test_query_int (machines[i]->store,
                                              "SELECT count(*) FROM contact_channel "
                                              "WHERE owner_id = ?1 AND value = "
                                              "'+49 171 5550123'", kept_id), ==, 1);
      /* the address the merge united is there once */
      g_assert_cmpint (kontor_test_query_int (machines[i]->store,
                                              "SELECT count(*) FROM contact_channel "
                                              "WHERE owner_id = ?1 AND value = "
                                              "'martha@example.org'", kept_id), ==, 1);
      g_assert_cmpint (kontor_test_query_int (machines[i]->store,
                                              "SELECT count(*) FROM tombstone WHERE id = ?1 "
                                              "AND merged_into IS NOT NULL", removed_id), ==, 1);
      g_assert_cmpint (outbox_size (machines[i]), ==, 0);
    }
  /* the edit of the removed contact is Ben's to decide, not lost */
  g_assert_cmpint (kontor_test_query_int (ben->store, "SELECT count(*) FROM conflict_local "
                                                      "WHERE entity_id = ?1", removed_id), >=, 1);
  assert_same_data (anna, ben);
}

/* Anna edits a contact, merges it into another and undoes the merge
 * before anything was sent: the server never hears of the merge; Ben,
 * who had the contact's call and group membership, keeps them, and gets
 * Anna's edit */
static void
test_contact_merge_undo_unsent (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) kept = new_contact ("Marta", "Schulze");
  g_autoptr(KontorContact) removed = new_contact ("Martha", "Schulze");
  g_autoptr(KontorContact) at_anna = NULL;
  g_autoptr(KontorContact) at_ben = NULL;
  g_autoptr(KontorActivity) earlier = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(KontorGroup) group = kontor_group_new ("Messe Leipzig");
  g_autoptr(KontorGroupMember) member = NULL;
  g_autoptr(KontorContactMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  const char *kept_id, *removed_id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("undine", "admin");
  create_user ("ulf", "admin");
  anna = machine_new (server, "undine");
  ben = machine_new (server, "ulf");

  save (anna, kept);
  save (anna, removed);
  kept_id = kontor_record_get_id (KONTOR_RECORD (kept));
  removed_id = kontor_record_get_id (KONTOR_RECORD (removed));
  earlier = new_call (removed, "Erstkontakt");
  save (anna, earlier);
  save (anna, group);
  member = kontor_group_member_new (kontor_record_get_id (KONTOR_RECORD (group)), removed_id);
  save (anna, member);
  sync_ok (anna);
  sync_ok (ben);

  /* an edit not sent, then the merge and its undo */
  at_anna = load (anna, KONTOR_TYPE_CONTACT, removed_id);
  kontor_contact_set_job_title (at_anna, "Leitung Einkauf");
  save (anna, at_anna);
  merge = kontor_contact_merge_new (anna->store, kept_id, removed_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  /* no delete, no restore waiting: the edit, as it was */
  g_assert_cmpint (kontor_test_query_int (anna->store, "SELECT count(*) FROM outbox WHERE "
                                                       "entity_id = ?1 AND op IN ('delete', "
                                                       "'restore')", removed_id), ==, 0);
  g_assert_cmpint (kontor_test_query_int (anna->store, "SELECT count(*) FROM outbox WHERE "
                                                       "entity_id = ?1 AND field = 'job_title'",
                                          removed_id), ==, 1);
  g_assert_cmpint (kontor_test_query_int (anna->store, "SELECT count(*) FROM tombstone WHERE "
                                                       "id = ?1", removed_id), ==, 0);

  sync_ok (anna);
  sync_ok (ben);
  sync_ok (anna);

  at_ben = load (ben, KONTOR_TYPE_CONTACT, removed_id);
  g_assert_cmpstr (kontor_contact_get_job_title (at_ben), ==, "Leitung Einkauf");
  call = load (ben, KONTOR_TYPE_ACTIVITY, kontor_record_get_id (KONTOR_RECORD (earlier)));
  g_assert_cmpstr (kontor_activity_get_contact_id (call), ==, removed_id);
  g_assert_cmpint (kontor_test_query_int (ben->store, "SELECT count(*) FROM "
                                                      "contact_group_member WHERE "
                                                      "contact_id = ?1", removed_id), ==, 1);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (outbox_size (ben), ==, 0);
  assert_same_data (anna, ben);
}

/* Ben edits a contact and records a call on it, and pushes first; Anna,
 * who had not seen that, merges the contact into another: her delete is
 * a delete_vs_edit conflict, which keeps where the contact went. "Delete
 * anyway" deletes it as the merge did: Ben's call is the kept contact's
 * on both machines, nothing is lost */
static void
test_contact_merge_delete_anyway (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) kept = new_contact ("Marta", "Schulze");
  g_autoptr(KontorContact) removed = new_contact ("Martha", "Schulze");
  g_autoptr(KontorContact) at_ben = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(KontorContactMerge) merge = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  KontorSyncConflict *conflict = NULL;
  const char *kept_id, *removed_id;
  Machine *machines[2];

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("vesna", "admin");
  create_user ("ximena", "admin");
  anna = machine_new (server, "vesna");
  ben = machine_new (server, "ximena");

  save (anna, kept);
  save (anna, removed);
  kept_id = kontor_record_get_id (KONTOR_RECORD (kept));
  removed_id = kontor_record_get_id (KONTOR_RECORD (removed));
  sync_ok (anna);
  sync_ok (ben);

  at_ben = load (ben, KONTOR_TYPE_CONTACT, removed_id);
  kontor_contact_set_job_title (at_ben, "Einkauf");
  save (ben, at_ben);
  call = new_call (at_ben, "Messe besprochen");
  save (ben, call);
  sync_ok (ben);

  merge = kontor_contact_merge_new (anna->store, kept_id, removed_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  sync_ok (anna);

  conflicts = kontor_store_sync_list_conflicts (anna->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    if (g_str_equal (((KontorSyncConflict *) conflicts->pdata[i])->kind, "delete_vs_edit"))
      conflict = conflicts->pdata[i];
  g_assert_nonnull (conflict);
  g_assert_true (kontor_store_sync_resolve_conflict (anna->store, conflict->id, "mine", NULL,
                                                     &error));
  g_assert_no_error (error);
  for (guint pass = 0; pass < 2; pass++)
    {
      sync_ok (anna);
      sync_ok (ben);
    }

  machines[0] = anna;
  machines[1] = ben;
  for (guint i = 0; i < G_N_ELEMENTS (machines); i++)
    {
      g_autoptr(KontorActivity) loaded = NULL;

      g_assert_null (load_or_null (machines[i], KONTOR_TYPE_CONTACT, removed_id));
      loaded = load (machines[i], KONTOR_TYPE_ACTIVITY, kontor_record_get_id (KONTOR_RECORD (call)));
      g_assert_cmpstr (kontor_activity_get_contact_id (loaded), ==, kept_id);
      g_assert_cmpstr (kontor_activity_get_subject (loaded), ==, "Messe besprochen");
      g_assert_cmpint (outbox_size (machines[i]), ==, 0);
    }
  assert_same_data (anna, ben);
}

/* One machine merges two companies while another put a new contact at
 * the removed one offline: after both synced, that contact and the ones
 * the merge moved work at the kept company on both machines, and the
 * removed company's tombstone names the kept one on both */
static void
test_company_merge (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorCompany) kept = kontor_company_new ("Müller GmbH");
  g_autoptr(KontorCompany) removed = kontor_company_new ("Mueller GmbH & Co. KG");
  g_autoptr(KontorContact) worker = new_contact ("Ida", "Brandt");
  g_autoptr(KontorContact) offline = new_contact ("Jonas", "Keller");
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorContactMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  const char *kept_id, *removed_id;
  Machine *machines[2];

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("klara", "admin");
  create_user ("lorenz", "admin");
  anna = machine_new (server, "klara");
  ben = machine_new (server, "lorenz");

  save (anna, kept);
  save (anna, removed);
  kept_id = kontor_record_get_id (KONTOR_RECORD (kept));
  removed_id = kontor_record_get_id (KONTOR_RECORD (removed));
  kontor_contact_set_company_id (worker, removed_id);
  save (anna, worker);
  sync_ok (anna);
  sync_ok (ben);

  /* Ben, offline, puts a new contact at the company Anna is about to merge */
  kontor_contact_set_company_id (offline, removed_id);
  save (ben, offline);

  merge = kontor_company_merge_new (anna->store, kept_id, removed_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  sync_ok (anna);

  sync_ok (ben);
  g_assert_null (load_or_null (ben, KONTOR_TYPE_COMPANY, removed_id));
  loaded = load (ben, KONTOR_TYPE_CONTACT, kontor_record_get_id (KONTOR_RECORD (offline)));
  g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==, kept_id);
  g_clear_object (&loaded);
  sync_ok (ben);
  sync_ok (anna);

  machines[0] = anna;
  machines[1] = ben;
  for (guint i = 0; i < G_N_ELEMENTS (machines); i++)
    {
      g_assert_null (load_or_null (machines[i], KONTOR_TYPE_COMPANY, removed_id));
      loaded = load (machines[i], KONTOR_TYPE_CONTACT,
                     kontor_record_get_id (KONTOR_RECORD (offline)));
      g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==, kept_id);
      g_clear_object (&loaded);
      loaded = load (machines[i], KONTOR_TYPE_CONTACT,
                     kontor_record_get_id (KONTOR_RECORD (worker)));
      g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==, kept_id);
      g_clear_object (&loaded);
      g_assert_cmpint (kontor_test_query_int (machines[i]->store,
                                              "SELECT count(*) FROM tombstone WHERE id = ?1 "
                                              "AND entity = 'company' AND merged_into IS NOT NULL",
                                              removed_id), ==, 1);
      g_assert_cmpint (outbox_size (machines[i]), ==, 0);
    }
  assert_same_data (anna, ben);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/every-kind", test_every_kind);
  g_test_add_func ("/sync/lead-projects", test_lead_projects);
  g_test_add_func ("/sync/lead-conflict", test_lead_conflict);
  g_test_add_func ("/sync/lead-entry-twice", test_lead_entry_twice);
  g_test_add_func ("/sync/lead-entry-migrated", test_lead_entry_migrated);
  g_test_add_func ("/sync/lead-group-deleted", test_lead_group_deleted);
  g_test_add_func ("/sync/lead-entry-merged", test_lead_entry_merged);
  g_test_add_func ("/sync/merge-and-conflict", test_merge_and_conflict);
  g_test_add_func ("/sync/clock-skew", test_clock_skew);
  g_test_add_func ("/sync/edit-vs-delete", test_edit_vs_delete);
  g_test_add_func ("/sync/edit-delete-answers", test_edit_delete_answers);
  g_test_add_func ("/sync/viewer-refused", test_viewer_refused);
  g_test_add_func ("/sync/client-restart", test_client_restart);
  g_test_add_func ("/sync/lost-answer", test_lost_answer);
  g_test_add_func ("/sync/random-convergence", test_random_convergence);
  g_test_add_func ("/sync/events", test_events);
  g_test_add_func ("/sync/long-poll", test_long_poll);
  g_test_add_func ("/sync/live-and-soak", test_live_and_soak);
  g_test_add_func ("/sync/contact-merge", test_contact_merge);
  g_test_add_func ("/sync/contact-merge-concurrent", test_contact_merge_concurrent);
  g_test_add_func ("/sync/contact-merge-undo-unsent", test_contact_merge_undo_unsent);
  g_test_add_func ("/sync/contact-merge-delete-anyway", test_contact_merge_delete_anyway);
  g_test_add_func ("/sync/company-merge", test_company_merge);
  /* last: it compacts the server's change log */
  g_test_add_func ("/sync/resync", test_resync);
  /* after the compaction: its machines start from a snapshot */
  g_test_add_func ("/sync/scopes", test_scopes);
  g_test_add_func ("/sync/attachments", test_attachments);
  g_test_add_func ("/sync/attachment-lists", test_attachment_lists);
  g_test_add_func ("/sync/attachment-refused", test_attachment_refused);
  g_test_add_func ("/sync/attachment-during-push", test_attachment_during_push);
  g_test_add_func ("/sync/attachment-naming", test_attachment_naming);
  g_test_add_func ("/sync/first-sync-job", test_first_sync_job);
  g_test_add_func ("/sync/one-pull-at-a-time", test_one_pull_at_a_time);

  if (!kontor_test_postgres_start (&pg))
    g_clear_pointer (&pg.dir, g_free);
  status = g_test_run ();
  kontor_test_postgres_clear (&pg);

  return status;
}
