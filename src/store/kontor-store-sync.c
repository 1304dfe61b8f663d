/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The store's side of the team sync (src/protocol/PROTOCOL.md): what the
 * sync engine (src/sync) sends from the outbox, and how what the server
 * answers and sends is written. The engine speaks HTTP; everything that
 * touches the database is here, each call one transaction.
 *
 * Sending. The outbox's client_seq has gaps, the server's numbering of an
 * installation's changes none: an entry gets its push_seq when it is first
 * taken into a push (state "inflight") and keeps it until the server has
 * answered, so a push sent again after a lost answer is the same push. A
 * new record's "create" carries its row as stored when it is taken; its
 * e-mail addresses, phone numbers and links become creates of their own
 * right behind it, and what was still pending about them goes, since the
 * creates carry it.
 *
 * Applying. What the server sends is written with the store in remote
 * mode (self->remote): no outbox entries, no role checks, no local stamps
 * (a card's time in its column is the server's value, not "now"), only
 * the rules that depend on this machine (entity remote_check). A field
 * with a local change not yet judged by the server keeps the local value
 * and its revision: the server judges the change against the base it was
 * made on. A field is only written by a higher revision than it has, so
 * a change that comes twice (a snapshot, then the pull from its start)
 * is harmless. Record kinds keep their revisions in their own rev and
 * field_revs columns; child rows and settings in record_shadow. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-contact-merge-private.h"
#include "kontor-contact.h"
#include "kontor-pipeline-rules.h"
#include "kontor-record-json.h"
#include "kontor-store-children.h"
#include "kontor-store-crud.h"
#include "kontor-store-entity.h"
#include "kontor-store-outbox.h"
#include "kontor-group-member.h"
#include "kontor-lead-entry.h"
#include "kontor-store-sync.h"
#include "kontor-sync-entity.h"

/* The most mutations the server takes in one push (kontor-sync-push.h) */
#define MAX_PUSH 500

/* ------------------------------------------------------------------------ */
/* Small helpers */

static char *
node_to_string (JsonNode *node)
{
  return node != NULL ? kontor_json_to_string (node) : NULL;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return kontor_json_to_string (node);
}

static void
set_bad_data (GError     **error,
              const char  *entity,
              const char  *id)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The team server sent a change this version of Kontor cannot store (%s %s)."),
               entity, id);
}

static const KontorEntityInfo *
info_of (const KontorSyncEntity *entity)
{
  GType type = kontor_sync_entity_get_record_type (entity);

  return type != G_TYPE_INVALID ? _kontor_entity_info_for_type (type) : NULL;
}

/* A record kind's class, to find the field of a column */
static KontorRecordClass *
class_of (const KontorSyncEntity *entity)
{
  return g_type_class_peek (kontor_sync_entity_get_record_type (entity));
}

/* Whether anything of @entity_id is still to be sent or answered */
static int
has_entries (KontorStore  *self,
             const char   *entity_id,
             GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "SELECT 1 FROM outbox WHERE entity_id = ?1 LIMIT 1",
                                              error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_one (self, stmt, NULL, NULL, error);
}

/* The fields of @entity_id with a local edit the server has not judged */
static GHashTable *
dup_edited_fields (KontorStore  *self,
                   const char   *entity_id,
                   GError      **error)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "SELECT field FROM outbox WHERE entity_id = ?1 "
                                              "AND op = 'update' AND field IS NOT NULL",
                                              error);
  int result;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    g_hash_table_add (fields, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  return result < 0 ? NULL : g_steal_pointer (&fields);
}

/* The revisions of a row kept in record_shadow; an empty object when
 * there are none */
static JsonObject *
dup_shadow_revs (KontorStore  *self,
                 const char   *entity,
                 const char   *id,
                 GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "SELECT field_revs_json FROM record_shadow "
                                              "WHERE entity = ?1 AND id = ?2",
                                              error);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, NULL, &text, error) < 0)
    return NULL;

  node = kontor_json_parse (text);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();

  return json_object_ref (json_node_get_object (node));
}

/* Merges @revs into the shadow of a row: the revisions the server
 * confirmed */
static gboolean
write_shadow (KontorStore  *self,
              const char   *entity,
              const char   *id,
              JsonObject   *revs,
              gint64        rev,
              gboolean      deleted,
              GError      **error)
{
  g_autofree char *revs_text = object_to_string (revs);
  sqlite3_stmt *stmt;

  stmt = _kontor_store_prepare (self,
                                "INSERT INTO record_shadow (entity, id, field_revs_json, rev, "
                                "deleted) VALUES (?1, ?2, ?3, ?4, ?5) "
                                "ON CONFLICT (entity, id) DO UPDATE SET field_revs_json = "
                                "json_patch(coalesce(field_revs_json, '{}'), "
                                "excluded.field_revs_json), rev = max(rev, excluded.rev), "
                                "deleted = excluded.deleted",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, revs_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, rev);
  sqlite3_bind_int (stmt, 5, deleted);

  return _kontor_store_step_done (self, stmt, error);
}

/* Merges @revs into a record's own revision columns */
static gboolean
write_record_revs (KontorStore             *self,
                   const KontorEntityInfo  *info,
                   const char              *id,
                   JsonObject              *revs,
                   gint64                   rev,
                   GError                 **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET rev = max(rev, ?1), field_revs = "
                                          "json_patch(field_revs, ?2) WHERE id = ?3",
                                          info->table);
  g_autofree char *revs_text = object_to_string (revs);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rev);
  sqlite3_bind_text (stmt, 2, revs_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

/* Sort keys and search document of the record that owns a changed child
 * row; nothing when it is not stored */
static gboolean
refresh_owner (KontorStore             *self,
               const KontorEntityInfo  *info,
               const char              *owner_id,
               GError                 **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rid FROM %s WHERE id = ?1", info->table);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  gint64 rowid = 0;
  int found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  found = _kontor_store_step_one (self, stmt, &rowid, NULL, error);
  if (found < 0)
    return FALSE;

  return found == 0 || _kontor_store_refresh_row (self, info, rowid, error);
}

/* The field of a record kind whose child rows are in a channel or link
 * table, by the kind stored in the row */
static const KontorField *
child_field_of_kind (const KontorSyncEntity *parent,
                     KontorFieldType         type,
                     int                     kind)
{
  KontorRecordClass *klass = class_of (parent);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (klass->fields[i].type == type && klass->fields[i].kind == kind)
        return &klass->fields[i];
    }

  return NULL;
}

static const KontorField *
child_field_named (const KontorSyncEntity *parent,
                   KontorFieldType         type,
                   const char             *column)
{
  const KontorField *field = column != NULL
                             ? kontor_record_class_find_field (class_of (parent), column, NULL)
                             : NULL;

  return field != NULL && field->type == type ? field : NULL;
}

/* A link row's id on the wire: what it links, the same on every machine */
static char *
link_id (const char *owner_id,
         const char *column,
         const char *target_id)
{
  return g_strjoin (":", owner_id, column, target_id, NULL);
}

static gint64
member_rev (JsonObject *fields,
            const char *name)
{
  return kontor_json_get_int (kontor_json_get_object (fields, name), "rev", 0);
}

/* The value of field @name of a change, %NULL when it has none */
static JsonNode *
member_value (JsonObject *fields,
              const char *name)
{
  JsonNode *node = fields != NULL ? json_object_get_member (fields, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_get_member (json_node_get_object (node), "value");
}

static const char *
member_string (JsonObject *fields,
               const char *name)
{
  return kontor_json_get_string (kontor_json_get_object (fields, name), "value");
}

/* ------------------------------------------------------------------------ */
/* Applying what the server sends */

static gboolean is_machine_error (const GError *error);


/* Another machine merged @removed (a contact or a company) into @kept_id
 * (feature X1, PROTOCOL.md "Pushing").
 *
 * For a contact the server is the authority: before the delete it moved
 * every row it had that names @removed, and those moves came in this pull
 * as changes. What is left here is this machine's own and not yet sent (an
 * activity recorded offline, a group it was put in): it moves to the kept
 * contact here only, as the server's state and not as the user's edits
 * (nothing in the outbox or the history: the server moves such a row too
 * when it arrives naming @removed).
 *
 * The server does not move a company's references yet: what this machine
 * holds of a merged company (a contact moved to it, an activity recorded
 * on it) moves to the kept company as this machine's own edits, which it
 * pushes; one that may not edit (a viewer), or a record this machine's
 * rules refuse, moves here only.
 *
 * Then @removed goes as every delete does. A kept record this machine does
 * not have (out of its sight) is no place to move to: a plain delete. */
static gboolean
delete_merged_record (KontorStore   *self,
                      KontorRecord  *removed,
                      const char    *kept_id,
                      GError       **error)
{
  GType type = G_OBJECT_TYPE (removed);
  const char *entity = _kontor_entity_info_for_type (type)->table;
  const char *removed_id = kontor_record_get_id (removed);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KontorRecord) kept = NULL;
  gboolean ok;

  if (!g_uuid_string_is_valid (kept_id) || g_str_equal (kept_id, removed_id))
    return _kontor_store_delete_record (self, removed, error);

  kept = _kontor_store_find_record (self, info_of (kontor_sync_entity_lookup (entity)),
                                    kept_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (kept == NULL)
    return _kontor_store_delete_record (self, removed, error);

  /* a contact's rows left here move here only (the server moved the rest);
   * a company's as this machine's own edits, which it pushes: the server
   * learns where they went from the machine that holds them. One that may
   * not edit (a viewer), or a record this machine's rules refuse, moves
   * here only. */
  if (type == KONTOR_TYPE_CONTACT)
    ok = FALSE;
  else if (_kontor_store_check_role (self, KONTOR_TYPE_ACTIVITY, KONTOR_ACCESS_EDIT, NULL))
    {
      if (!_kontor_store_exec (self, "SAVEPOINT merge_move", error))
        return FALSE;
      self->remote = FALSE;
      ok = _kontor_store_move_references (self, type, removed_id, kept_id, NULL, &local_error);
      self->remote = TRUE;
      if (ok)
        {
          if (!_kontor_store_exec (self, "RELEASE merge_move", error))
            return FALSE;
        }
      else if (is_machine_error (local_error) || sqlite3_get_autocommit (_kontor_store_get_db (self)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        {
          g_message ("What names %s moves to %s on this machine only: %s", removed_id, kept_id,
                     local_error->message);
          if (!_kontor_store_exec (self, "ROLLBACK TO merge_move", error) ||
              !_kontor_store_exec (self, "RELEASE merge_move", error))
            return FALSE;
        }
    }
  else
    ok = FALSE;

  if (!ok && !_kontor_store_move_references (self, type, removed_id, kept_id, NULL, error))
    return FALSE;

  return _kontor_store_delete_record (self, removed, error) &&
         _kontor_store_note_merged_into (self, type, removed_id, kept_id, error);
}

static gboolean
apply_record (KontorStore             *self,
              const KontorSyncEntity  *entity,
              const char              *id,
              gboolean                 deleted,
              JsonObject              *fields,
              gint64                   seq,
              GError                 **error)
{
  const KontorEntityInfo *info = info_of (entity);
  KontorRecordClass *klass = class_of (entity);
  g_autoptr(KontorRecord) stored = NULL;
  g_autoptr(KontorRecord) record = NULL;
  g_autoptr(GHashTable) edited = NULL;
  g_autoptr(JsonObject) revs = json_object_new ();
  g_autoptr(JsonNode) local_revs = NULL;
  g_autoptr(GList) names = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean changed = FALSE;
  gboolean rewritten = FALSE;
  int entries;

  stored = _kontor_store_find_record (self, info, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* a record with local changes is left for the push: the server judges
   * them (an edit of what it deleted is a conflict, not lost) */
  entries = has_entries (self, id, error);
  if (entries < 0)
    return FALSE;

  if (deleted)
    {
      const char *kept_id = (KONTOR_IS_CONTACT (stored) || KONTOR_IS_COMPANY (stored)) &&
                            entries == 0 ? member_string (fields, "merged_into") : NULL;

      if (stored == NULL || entries > 0)
        return TRUE;
      if (kept_id != NULL)
        return delete_merged_record (self, stored, kept_id, error);

      return _kontor_store_delete_record (self, stored, error);
    }

  /* deleted here, and the delete not yet judged */
  if (stored == NULL && entries > 0)
    return TRUE;

  if (stored != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT field_revs FROM %s WHERE id = ?1",
                                              info->table);
      sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
      g_autofree char *text = NULL;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (_kontor_store_step_one (self, stmt, NULL, &text, error) < 0)
        return FALSE;
      local_revs = kontor_json_parse (text);
      edited = dup_edited_fields (self, id, error);
      if (edited == NULL)
        return FALSE;
      record = kontor_record_copy (stored);
    }
  else
    {
      record = g_object_new (kontor_sync_entity_get_record_type (entity), NULL);
      kontor_record_set_id (record, id);
    }

  names = fields != NULL ? json_object_get_members (fields) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      guint index;
      const KontorField *field = kontor_record_class_find_field (klass, l->data, &index);
      JsonNode *value = member_value (fields, l->data);
      gint64 rev = member_rev (fields, l->data);
      GValue parsed = G_VALUE_INIT;

      /* a field of a newer version of Kontor: kept on the server */
      if (field == NULL || (field->flags & KONTOR_FIELD_STORED) == 0 ||
          field->type == KONTOR_FIELD_TYPE_CHANNELS || field->type == KONTOR_FIELD_TYPE_REFS)
        continue;
      if (value == NULL)
        {
          set_bad_data (error, kontor_sync_entity_get_name (entity), id);
          return FALSE;
        }
      if (edited != NULL && g_hash_table_contains (edited, l->data))
        continue;
      if (local_revs != NULL && JSON_NODE_HOLDS_OBJECT (local_revs) &&
          kontor_json_get_int (json_node_get_object (local_revs),
                                                   l->data, 0) >= rev)
        continue;
      if (!kontor_field_value_from_json (field, value, &parsed, NULL))
        {
          set_bad_data (error, kontor_sync_entity_get_name (entity), id);
          return FALSE;
        }
      /* a contact or company merged into another here: what names it
       * comes to the kept one (the machine that recorded it offline moves
       * it too) */
      if (field->type == KONTOR_FIELD_TYPE_REF &&
          (g_str_equal (field->column, "contact_id") || g_str_equal (field->column, "company_id")) &&
          g_value_get_string (&parsed) != NULL)
        {
          const char *referred = g_str_equal (field->column, "contact_id") ? "contact" : "company";
          g_autofree char *kept = _kontor_store_dup_merged_into (self, referred,
                                                                 g_value_get_string (&parsed),
                                                                 error);

          if (kept == NULL && error != NULL && *error != NULL)
            return FALSE;
          if (kept != NULL)
            {
              g_value_take_string (&parsed, g_steal_pointer (&kept));
              rewritten = TRUE;
            }
        }
      kontor_record_take_value (record, index, &parsed);
      json_object_set_int_member (revs, l->data, rev);
    }

  if (stored != NULL && json_object_get_size (revs) == 0)
    return TRUE;

  /* a membership given to the kept contact, which is in that group
   * already, or a lead entry in a project it is in already: the server
   * deletes it (a contact is in a group, and in a lead project, once), and
   * so it is not stored here either */
  if (rewritten && (KONTOR_IS_GROUP_MEMBER (record) || KONTOR_IS_LEAD_ENTRY (record)))
    {
      gboolean member = KONTOR_IS_GROUP_MEMBER (record);
      sqlite3_stmt *stmt = _kontor_store_prepare (self, member
                                                  ? "SELECT 1 FROM contact_group_member "
                                                    "WHERE group_id = ?1 AND "
                                                    "contact_id = ?2 AND id <> ?3"
                                                  : "SELECT 1 FROM lead_entry "
                                                    "WHERE project_id = ?1 AND "
                                                    "contact_id = ?2 AND id <> ?3", error);
      int found;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, member
                                  ? kontor_group_member_get_group_id (KONTOR_GROUP_MEMBER (record))
                                  : kontor_lead_entry_get_project_id (KONTOR_LEAD_ENTRY (record)),
                         -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, member
                                  ? kontor_group_member_get_contact_id (KONTOR_GROUP_MEMBER (record))
                                  : kontor_lead_entry_get_contact_id (KONTOR_LEAD_ENTRY (record)),
                         -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
      found = _kontor_store_step_one (self, stmt, NULL, NULL, error);
      if (found < 0)
        return FALSE;
      if (found > 0)
        return TRUE;
    }

  /* a birthday erased on another machine (the team stopped keeping them)
   * leaves this file as it leaves that one: purged */
  if (KONTOR_IS_CONTACT (record) && stored != NULL &&
      kontor_contact_get_birthday (KONTOR_CONTACT (stored)) != NULL &&
      kontor_contact_get_birthday (KONTOR_CONTACT (record)) == NULL &&
      !_kontor_store_mark_purge (self, error))
    return FALSE;

  return _kontor_store_save_over (self, record, stored, &changed, error) &&
         write_record_revs (self, info, id, revs, seq, error);
}

static gboolean
apply_channel (KontorStore             *self,
               const KontorSyncEntity  *entity,
               const char              *id,
               gboolean                 deleted,
               JsonObject              *fields,
               gint64                   seq,
               GError                 **error)
{
  static const char * const columns[] = { "label", "value", "position" };
  const KontorSyncEntity *parent = kontor_sync_entity_get_parent (entity);
  const KontorEntityInfo *info = info_of (parent);
  const char *table = kontor_sync_entity_get_name (entity);
  g_autofree char *select = g_strdup_printf ("SELECT owner_id FROM %s WHERE id = ?1", table);
  g_autoptr(JsonObject) revs = json_object_new ();
  g_autofree char *owner_id = NULL;
  sqlite3_stmt *stmt;
  int found, entries;

  entries = has_entries (self, id, error);
  stmt = _kontor_store_prepare (self, select, error);
  if (entries < 0 || stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  found = _kontor_store_step_one (self, stmt, NULL, &owner_id, error);
  if (found < 0)
    return FALSE;

  if (deleted)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table);

      if (found == 0 || entries > 0)
        return TRUE;
      return _kontor_store_exec_with_text (self, sql, id, error) &&
             write_shadow (self, table, id, revs, seq, TRUE, error) &&
             refresh_owner (self, info, owner_id, error);
    }

  if (found == 0)
    {
      const char *owner = member_string (fields, "owner_id");
      const KontorField *field = child_field_named (parent, KONTOR_FIELD_TYPE_CHANNELS,
                                                    member_string (fields, "kind"));
      JsonNode *position = member_value (fields, "position");
      g_autofree char *insert = g_strdup_printf ("INSERT INTO %s (id, owner_id, kind, label, "
                                                 "value, position) SELECT ?1, ?2, ?3, ?4, ?5, "
                                                 "?6 WHERE EXISTS (SELECT 1 FROM %s WHERE "
                                                 "id = ?2)", table, info->table);

      if (entries > 0)
        return TRUE;   /* deleted here; the delete is on its way */
      if (owner == NULL || field == NULL)
        {
          set_bad_data (error, table, id);
          return FALSE;
        }
      stmt = _kontor_store_prepare (self, insert, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, field->kind);
      sqlite3_bind_text (stmt, 4, member_string (fields, "label"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, member_string (fields, "value") != NULL
                                  ? member_string (fields, "value") : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, position != NULL && JSON_NODE_HOLDS_VALUE (position)
                                   ? json_node_get_int (position) : 0);
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;
      /* an owner deleted here: nothing to add to */
      if (sqlite3_changes (_kontor_store_get_db (self)) == 0)
        return TRUE;
      owner_id = g_strdup (owner);
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        json_object_set_int_member (revs, columns[i], member_rev (fields, columns[i]));
    }
  else
    {
      g_autoptr(GHashTable) edited = dup_edited_fields (self, id, error);
      g_autoptr(JsonObject) shadow = edited != NULL ? dup_shadow_revs (self, table, id, error)
                                                    : NULL;

      if (shadow == NULL)
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        {
          JsonNode *value = member_value (fields, columns[i]);
          gint64 rev = member_rev (fields, columns[i]);
          g_autofree char *sql = NULL;

          if (value == NULL || g_hash_table_contains (edited, columns[i]) ||
              kontor_json_get_int (shadow, columns[i], 0) >= rev)
            continue;
          sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2", table, columns[i]);
          stmt = _kontor_store_prepare (self, sql, error);
          if (stmt == NULL)
            return FALSE;
          if (i == 2)
            sqlite3_bind_int64 (stmt, 1, JSON_NODE_HOLDS_VALUE (value)
                                         ? json_node_get_int (value) : 0);
          else
            sqlite3_bind_text (stmt, 1, JSON_NODE_HOLDS_VALUE (value)
                                        ? json_node_get_string (value)
                                        : i == 1 ? "" : NULL, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
          if (!_kontor_store_step_done (self, stmt, error))
            return FALSE;
          json_object_set_int_member (revs, columns[i], rev);
        }
    }

  return write_shadow (self, table, id, revs, seq, FALSE, error) &&
         refresh_owner (self, info, owner_id, error);
}

/* A link's own local change not yet judged: its create or delete entry */
static int
has_link_entries (KontorStore  *self,
                  const char   *table,
                  const char   *owner_id,
                  const char   *column,
                  const char   *target_id,
                  GError      **error)
{
  g_autofree char *target_json = kontor_json_quote (target_id);
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "SELECT 1 FROM outbox WHERE entity = ?1 AND "
                                              "entity_id = ?2 AND field = ?3 AND "
                                              "value_json = ?4 LIMIT 1",
                                              error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, column, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, target_json, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_one (self, stmt, NULL, NULL, error);
}

static gboolean
apply_link (KontorStore             *self,
            const KontorSyncEntity  *entity,
            const char              *id,
            gboolean                 deleted,
            JsonObject              *fields,
            gint64                   seq,
            GError                 **error)
{
  const KontorSyncEntity *parent = kontor_sync_entity_get_parent (entity);
  const KontorEntityInfo *info = info_of (parent);
  const char *table = kontor_sync_entity_get_name (entity);
  g_auto(GStrv) parts = g_strsplit (id, ":", 3);
  g_autoptr(JsonObject) revs = json_object_new ();
  const KontorField *field;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int entries;

  field = g_strv_length (parts) == 3
          ? child_field_named (parent, KONTOR_FIELD_TYPE_REFS, parts[1]) : NULL;
  if (field == NULL)
    {
      set_bad_data (error, table, id);
      return FALSE;
    }

  entries = has_link_entries (self, table, parts[0], parts[1], parts[2], error);
  if (entries < 0)
    return FALSE;
  if (entries > 0)
    return TRUE;

  if (deleted)
    sql = g_strdup_printf ("DELETE FROM %s WHERE owner_id = ?1 AND kind = ?2 AND "
                           "target_id = ?3", table);
  else
    sql = g_strdup_printf ("INSERT INTO %s (owner_id, kind, target_id, position) "
                           "SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM %s WHERE id = ?1) "
                           "ON CONFLICT (owner_id, kind, target_id) DO UPDATE SET "
                           "position = excluded.position", table, info->table);
  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, field->kind);
  sqlite3_bind_text (stmt, 3, parts[2], -1, SQLITE_TRANSIENT);
  if (!deleted)
    {
      JsonNode *position = member_value (fields, "position");

      sqlite3_bind_int64 (stmt, 4, position != NULL && JSON_NODE_HOLDS_VALUE (position)
                                   ? json_node_get_int (position) : 0);
      json_object_set_int_member (revs, "position", member_rev (fields, "position"));
    }
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  return write_shadow (self, table, id, revs, seq, deleted, error) &&
         refresh_owner (self, info, parts[0], error);
}

static gboolean
apply_setting (KontorStore             *self,
               const KontorSyncEntity  *entity,
               const char              *id,
               JsonObject              *fields,
               gint64                   seq,
               GError                 **error)
{
  const char *table = kontor_sync_entity_get_name (entity);
  g_auto(GStrv) names = kontor_sync_entity_dup_fields (entity);
  g_autoptr(GHashTable) edited = dup_edited_fields (self, id, error);
  g_autoptr(JsonObject) shadow = edited != NULL ? dup_shadow_revs (self, table, id, error) : NULL;
  g_autoptr(JsonObject) revs = json_object_new ();

  if (shadow == NULL)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *value = member_value (fields, names[i]);
      gint64 rev = member_rev (fields, names[i]);

      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
          g_hash_table_contains (edited, names[i]) ||
          kontor_json_get_int (shadow, names[i], 0) >= rev)
        continue;

      if (g_str_equal (table, "team_setting"))
        {
          if (!_kontor_store_set_meta (self, "keep-birthdays",
                                       json_node_get_boolean (value) ? "1" : "0", error))
            return FALSE;
        }
      else
        {
          /* number_range: the columns are the field names */
          g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2", table,
                                                  names[i]);
          sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

          if (stmt == NULL)
            return FALSE;
          if (json_node_get_value_type (value) == G_TYPE_STRING)
            sqlite3_bind_text (stmt, 1, json_node_get_string (value), -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_int64 (stmt, 1, json_node_get_int (value));
          sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
          if (!_kontor_store_step_done (self, stmt, error))
            return FALSE;
        }
      json_object_set_int_member (revs, names[i], rev);
    }

  if (json_object_get_size (revs) > 0)
    _kontor_store_note_change (self, table, 0);

  return write_shadow (self, table, id, revs, seq, FALSE, error);
}

/* One change of a pull, or one row of a snapshot */
static gboolean
apply_change (KontorStore  *self,
              const char   *entity_name,
              const char   *id,
              gboolean      deleted,
              JsonObject   *fields,
              gint64        seq,
              GError      **error)
{
  const KontorSyncEntity *entity = kontor_sync_entity_lookup (entity_name);

  /* an entity of a newer version of Kontor */
  if (entity == NULL)
    return TRUE;

  switch (kontor_sync_entity_get_kind (entity))
    {
    case KONTOR_SYNC_KIND_RECORD:
      return apply_record (self, entity, id, deleted, fields, seq, error);
    case KONTOR_SYNC_KIND_CHANNEL:
      return apply_channel (self, entity, id, deleted, fields, seq, error);
    case KONTOR_SYNC_KIND_LINK:
      return apply_link (self, entity, id, deleted, fields, seq, error);
    case KONTOR_SYNC_KIND_SETTING:
      return deleted || apply_setting (self, entity, id, fields, seq, error);
    default:
      g_assert_not_reached ();
    }
}

/* A change the server refused (a push's @push_seq), or one of the
 * server's this store could not hold (numbered below zero): kept until the
 * user dismisses it */
static gboolean
add_rejection (KontorStore  *self,
               gint64        push_seq,
               const char   *entity,
               const char   *entity_id,
               const char   *value_json,
               const char   *reason,
               GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "INSERT OR REPLACE INTO rejected (client_seq, "
                                              "entity, entity_id, fields_json, reason, at) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                              error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, push_seq);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, value_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, reason != NULL ? reason : "invalid", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);

  return _kontor_store_step_done (self, stmt, error);
}

/* A record that left the user's sight (X12, src/protocol/PROTOCOL.md
 * "Scopes"): gone from this machine with its child rows, unsent edits
 * or not. Those edits (of the record, its links and its e-mail addresses
 * and phone numbers) go to the rejected list, "revoked", numbered below
 * the server's own there; its activities not sent yet go there whole. */
static gboolean
revoke_record (KontorStore  *self,
               const char   *entity_name,
               const char   *id,
               GError      **error)
{
  const KontorSyncEntity *entity = kontor_sync_entity_lookup (entity_name);
  g_autoptr(KontorRecord) stored = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) local_error = NULL;

  if (entity == NULL || kontor_sync_entity_get_kind (entity) != KONTOR_SYNC_KIND_RECORD)
    return TRUE;

  stored = _kontor_store_find_record (self, info_of (entity), id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (stored == NULL)
    return TRUE;

  if (g_str_equal (entity_name, "contact"))
    {
      sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                                  "INSERT OR REPLACE INTO rejected (client_seq, "
                                                  "entity, entity_id, fields_json, reason, at) "
                                                  "SELECT -1000000000 - o.client_seq, o.entity, "
                                                  "o.entity_id, json_object (coalesce (o.field, "
                                                  "o.op), json (coalesce (o.value_json, 'null'))), "
                                                  "'revoked', ?2 FROM outbox o "
                                                  "WHERE o.entity_id = ?1 "
                                                  "OR o.entity_id LIKE ?1 || ':%' "
                                                  "OR o.entity_id IN (SELECT id FROM "
                                                  "contact_channel WHERE owner_id = ?1)",
                                                  error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;

      /* its activities not sent yet go with it: kept among the refused,
       * whole, so that nothing a person wrote goes without a trace
       * (PROTOCOL.md "Scopes") */
      activities = _kontor_store_load_list (self, info_of (kontor_sync_entity_lookup ("activity")),
                                            "SELECT a.rid FROM activity a WHERE a.contact_id = ?1 "
                                            "AND EXISTS (SELECT 1 FROM outbox o WHERE "
                                            "o.entity = 'activity' AND o.entity_id = a.id "
                                            "AND o.state = 'pending')",
                                            id, error);
      if (activities == NULL)
        return FALSE;
      for (guint i = 0; i < activities->len; i++)
        {
          KontorRecord *activity = g_ptr_array_index (activities, i);
          g_autofree char *json = kontor_record_to_json_string (activity);

          if (!add_rejection (self, -2000000000 - kontor_record_get_rowid (activity), "activity",
                              kontor_record_get_id (activity), json, "revoked", error))
            return FALSE;
        }
    }

  return _kontor_store_delete_record (self, stored, error);
}


/* Whether @error is about this machine's database rather than about a
 * change: the disk, the file, another program's lock. (Not "corrupt":
 * the store says so of one bad value too, a card's rank, and a change
 * that meets one is set aside, not retried for ever.) */
static gboolean
is_machine_error (const GError *error)
{
  static const KontorStoreError codes[] = {
    KONTOR_STORE_ERROR_FULL, KONTOR_STORE_ERROR_READ_ONLY, KONTOR_STORE_ERROR_BUSY,
    KONTOR_STORE_ERROR_CANT_OPEN, KONTOR_STORE_ERROR_IO,
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_error_matches (error, KONTOR_STORE_ERROR, codes[i]))
      return TRUE;

  return FALSE;
}

/* Applies one change in a savepoint. A change this store cannot hold (a
 * customer number or a group membership made on two machines at once,
 * which the local schema keeps unique; a value of a newer version) is
 * rolled back alone and kept in the rejected list with the reason, so
 * one row never stops the sync of all others; the server keeps it. */
static gboolean
apply_change_guarded (KontorStore  *self,
                      const char   *entity_name,
                      const char   *id,
                      gboolean      deleted,
                      JsonObject   *fields,
                      gint64        seq,
                      GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fields_json = NULL;

  if (!_kontor_store_exec (self, "SAVEPOINT remote_change", error))
    return FALSE;
  if (apply_change (self, entity_name, id, deleted, fields, seq, &local_error))
    return _kontor_store_exec (self, "RELEASE remote_change", error);

  /* the machine's fault, not the change's (a full disk, a file that
   * cannot be written; SQLite may have given up the whole transaction
   * then): the page fails and the cursor stays, so that the change comes
   * again. Set aside, it would never be applied here. */
  if (is_machine_error (local_error) || sqlite3_get_autocommit (self->db))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!_kontor_store_exec (self, "ROLLBACK TO remote_change", error) ||
      !_kontor_store_exec (self, "RELEASE remote_change", error))
    return FALSE;

  g_message ("A change of %s %s from the team server was not stored: %s", entity_name, id,
             local_error->message);
  fields_json = fields != NULL ? object_to_string (fields) : NULL;

  /* numbered below zero: the server's change, not one of ours */
  return add_rejection (self, -MAX (seq, 1), entity_name, id, fields_json, local_error->message,
                        error);
}

/* Begins a transaction of remote mode: what it applies is the server's,
 * and writes no outbox entry (end_remote () ends it) */
static gboolean
begin_remote (KontorStore  *self,
              GError      **error)
{
  if (!_kontor_store_begin (self, error))
    return FALSE;
  self->remote = TRUE;

  return TRUE;
}

/* Ends a transaction of remote mode; when it deleted a record with a
 * search document, starts the purge of its words afterwards, as
 * kontor_store_delete() does */
static gboolean
end_remote (KontorStore  *self,
            gboolean      ok,
            GError      **error)
{
  self->remote = FALSE;
  ok = _kontor_store_end (self, ok, error);
  if (ok && self->purge_marked)
    _kontor_store_purge_in_background (self);

  return ok;
}

/* One change of a page from the server; in a savepoint of its own when
 * @guarded (apply_change_guarded ()) */
static gboolean
apply_page_change (KontorStore  *self,
                   gboolean      guarded,
                   const char   *entity_name,
                   const char   *id,
                   gboolean      deleted,
                   JsonObject   *fields,
                   gint64        seq,
                   GError      **error)
{
  if (guarded)
    return apply_change_guarded (self, entity_name, id, deleted, fields, seq, error);

  return apply_change (self, entity_name, id, deleted, fields, seq, error);
}

/* Applies a page of the server's in one transaction of remote mode */
typedef gboolean (*ApplyPageFunc) (KontorStore    *self,
                                   gconstpointer   page,
                                   gboolean        guarded,
                                   GError        **error);

/* A page in one transaction: all of its changes at once first; when one
 * fails, the page is rolled back and applied again with each change in a
 * savepoint of its own, so that the one that fails is set aside as
 * rejected and the others are kept. A savepoint for every change made
 * SQLite's full-text index write out its pending words each time (FTS5
 * flushes on SAVEPOINT): that was most of a snapshot's apply
 * (tests/bench "snapshot_client_apply_ms").
 *
 * Inside a job's transaction (kontor-store-job.c, a first sync on the
 * worker) the page is a savepoint of the job's, and the same holds. A
 * rollback there undoes only the savepoint; the job's notes of the kinds
 * of records written stay (one "changed" too many after its commit, never
 * one too few). After SQLite gave up the job's whole transaction (a full
 * disk), a new savepoint would begin a new transaction without the job's
 * earlier writes: then the page fails, and with it the job. A page that
 * failed for the machine's sake (is_machine_error ()) is not tried
 * again change by change either. */
static gboolean
apply_page (KontorStore    *self,
            ApplyPageFunc   func,
            gconstpointer   page,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean in_job = self->worker && self->in_transaction;

  if (!begin_remote (self, error))
    return FALSE;
  if (func (self, page, FALSE, &local_error))
    return end_remote (self, TRUE, error);
  end_remote (self, FALSE, NULL);
  if (is_machine_error (local_error) || (in_job && sqlite3_get_autocommit (self->db)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_debug ("A page from the team server is applied again change by change: %s",
           local_error->message);

  if (!begin_remote (self, error))
    return FALSE;

  return end_remote (self, func (self, page, TRUE, error), error);
}

typedef struct
{
  JsonArray *changes;
  gint64     cursor;
} PullPage;

static gboolean
apply_pull_page (KontorStore    *self,
                 gconstpointer   data,
                 gboolean        guarded,
                 GError        **error)
{
  const PullPage *page = data;
  JsonArray *changes = page->changes;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < json_array_get_length (changes); i++)
    {
      JsonNode *node = json_array_get_element (changes, i);
      JsonObject *change = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *entity = change != NULL ? kontor_json_get_string (change, "entity") : NULL;
      const char *id = change != NULL ? kontor_json_get_string (change, "id") : NULL;
      const char *op = change != NULL ? kontor_json_get_string (change, "op") : NULL;

      if (entity == NULL || id == NULL || op == NULL)
        {
          set_bad_data (error, entity != NULL ? entity : "?", id != NULL ? id : "?");
          ok = FALSE;
          break;
        }
      if (g_str_equal (op, "revoke"))
        ok = revoke_record (self, entity, id, error);
      else
        ok = apply_page_change (self, guarded, entity, id, g_str_equal (op, "delete"),
                                kontor_json_get_object (change, "fields"),
                                kontor_json_get_int (change, "seq", 0), error);
    }

  if (ok)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, page->cursor);

      ok = _kontor_store_set_state (self, "cursor", text, error);
    }

  return ok;
}

/**
 * kontor_store_sync_apply_changes:
 * @self: a store
 * @changes: a page of a pull: {"seq", "entity", "id", "op", "fields"}
 * @cursor: where the next pull starts
 * @error: return location for a #GError
 *
 * Applies one page of the server's changes and moves the cursor, in one
 * transaction: all of it or nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_apply_changes (KontorStore  *self,
                                 JsonArray    *changes,
                                 gint64        cursor,
                                 GError      **error)
{
  PullPage page = { changes, cursor };

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  return apply_page (self, apply_pull_page, &page, error);
}

typedef struct
{
  const char *entity;
  JsonArray  *records;
} SnapshotPage;

static gboolean
apply_snapshot_page (KontorStore    *self,
                     gconstpointer   data,
                     gboolean        guarded,
                     GError        **error)
{
  const SnapshotPage *page = data;
  const char *entity = page->entity;
  JsonArray *records = page->records;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < json_array_get_length (records); i++)
    {
      JsonNode *node = json_array_get_element (records, i);
      JsonObject *record = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = record != NULL ? kontor_json_get_string (record, "id") : NULL;

      if (id == NULL)
        {
          set_bad_data (error, entity, "?");
          ok = FALSE;
          break;
        }
      {
        g_autoptr(JsonObject) fields = kontor_json_pair_values (kontor_json_get_object (record, "values"),
                                                                kontor_json_get_object (record, "revs"));

        ok = apply_page_change (self, guarded, entity, id,
                                kontor_json_get_boolean (record, "deleted", FALSE),
                                fields, kontor_json_get_int (record, "rev", 0), error);
      }
    }

  return ok;
}

/**
 * kontor_store_sync_apply_snapshot:
 * @self: a store
 * @entity: the entity of @records
 * @records: a page of a snapshot: {"id", "rev", "deleted", "values", "revs"}
 * @error: return location for a #GError
 *
 * Applies one page of a snapshot in one transaction, field by field like
 * a pull (a field is only written by a higher revision). The cursor is
 * left alone: the engine sets it to the first page's as_of_seq after the
 * last page.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_apply_snapshot (KontorStore  *self,
                                  const char   *entity,
                                  JsonArray    *records,
                                  GError      **error)
{
  SnapshotPage page = { entity, records };

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL && records != NULL, FALSE);

  return apply_page (self, apply_snapshot_page, &page, error);
}

/**
 * kontor_store_sync_get_cursor:
 * @self: a store
 * @cursor: (out): where the next pull starts, 0 before the first
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_get_cursor (KontorStore  *self,
                              gint64       *cursor,
                              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = _kontor_store_get_state (self, "cursor", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *cursor = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;

  return TRUE;
}

gboolean
kontor_store_sync_set_cursor (KontorStore  *self,
                              gint64        cursor,
                              GError      **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);

  return _kontor_store_set_state (self, "cursor", text, error);
}

/* ------------------------------------------------------------------------ */
/* Sending */

static gint64
get_last_push_seq (KontorStore  *self,
                   GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = _kontor_store_get_state (self, "last_push_seq", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static gboolean
number_entry (KontorStore  *self,
              gint64        client_seq,
              gint64        push_seq,
              GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "UPDATE outbox SET state = 'inflight', "
                                              "push_seq = ?1 WHERE client_seq = ?2",
                                              error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, push_seq);
  sqlite3_bind_int64 (stmt, 2, client_seq);

  return _kontor_store_step_done (self, stmt, error);
}

static gboolean
add_child_create (KontorStore  *self,
                  const char   *table,
                  const char   *entity_id,
                  const char   *field,
                  const char   *value_json,
                  gint64        push_seq,
                  GError      **error)
{
  sqlite3_stmt *stmt;

  /* the same create still pending (a row added after a restore, before
   * the restore was sent) goes: this one carries it */
  stmt = _kontor_store_prepare (self, "DELETE FROM outbox WHERE state = 'pending' AND "
                                      "op = 'create' AND entity = ?1 AND entity_id = ?2 AND "
                                      "(?3 IS NULL OR (field IS ?3 AND value_json IS ?4))",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, value_json, -1, SQLITE_TRANSIENT);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _kontor_store_prepare (self,
                                "INSERT INTO outbox (entity, entity_id, op, field, "
                                "value_json, created_at, state, push_seq) VALUES "
                                "(?1, ?2, 'create', ?3, ?4, ?5, 'inflight', ?6)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, value_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 6, push_seq);

  return _kontor_store_step_done (self, stmt, error);
}

/* The child rows of a record about to be sent as created: their ids (a
 * channel's) or their field and target (a link's), as [table, id, field,
 * target] quadruples. With @unknown_only, those the server never confirmed
 * (no shadow): a restored record's rows the server has it sends again by
 * itself (PROTOCOL.md "Push") */
static GPtrArray *
list_children (KontorStore             *self,
               const KontorEntityInfo  *info,
               const char              *owner_id,
               gboolean                 unknown_only,
               GError                 **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const KontorSyncEntity *parent = kontor_sync_entity_lookup (info->table);
  const char *tables[] = { info->channel_table, info->link_table };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      int result;

      if (tables[t] == NULL)
        continue;
      sql = t == 0 ? g_strdup_printf ("SELECT id, kind FROM %s WHERE owner_id = ?1 "
                                      "ORDER BY kind, position", tables[t])
                   : g_strdup_printf ("SELECT target_id, kind FROM %s WHERE owner_id = ?1 "
                                      "ORDER BY kind, position", tables[t]);
      stmt = _kontor_store_prepare (self, sql, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
      while ((result = _kontor_store_step (self, stmt, error)) == 1)
        {
          const KontorField *field =
            child_field_of_kind (parent, t == 0 ? KONTOR_FIELD_TYPE_CHANNELS
                                                : KONTOR_FIELD_TYPE_REFS,
                                 sqlite3_column_int (stmt, 1));
          const char *text = (const char *) sqlite3_column_text (stmt, 0);
          char **row = g_new0 (char *, 5);

          row[0] = g_strdup (tables[t]);
          row[1] = g_strdup (t == 0 ? text : owner_id);
          row[2] = g_strdup (t == 0 || field == NULL ? NULL : field->column);
          row[3] = t == 0 ? NULL : kontor_json_quote (text);
          if (t == 1 && row[2] == NULL)
            {
              g_strfreev (row);
              continue;
            }
          if (unknown_only)
            {
              g_autofree char *id = t == 0 ? g_strdup (text) : link_id (owner_id, row[2], text);
              sqlite3_stmt *known = _kontor_store_prepare (self, "SELECT 1 FROM record_shadow "
                                                                 "WHERE entity = ?1 AND id = ?2",
                                                           error);
              int found;

              if (known == NULL)
                {
                  g_strfreev (row);
                  sqlite3_reset (stmt);
                  return NULL;
                }
              sqlite3_bind_text (known, 1, tables[t], -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (known, 2, id, -1, SQLITE_TRANSIENT);
              found = _kontor_store_step_one (self, known, NULL, NULL, error);
              if (found != 0)
                {
                  g_strfreev (row);
                  if (found < 0)
                    {
                      sqlite3_reset (stmt);
                      return NULL;
                    }
                  continue;
                }
            }
          g_ptr_array_add (rows, row);
        }
      sqlite3_reset (stmt);
      if (result < 0)
        return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Drops what was pending about a record now sent as created, and about
 * its child rows: the creates carry their state */
static gboolean
drop_covered (KontorStore             *self,
              const KontorEntityInfo  *info,
              const char              *id,
              GError                 **error)
{
  if (!_kontor_store_exec_with_text (self, "DELETE FROM outbox WHERE state = 'pending' AND "
                                           "entity_id = ?1 AND op = 'update'", id, error))
    return FALSE;
  if (info->channel_table != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM outbox WHERE state = 'pending' AND "
                                              "op <> 'delete' AND entity_id IN (SELECT id FROM "
                                              "%s WHERE owner_id = ?1)", info->channel_table);

      if (!_kontor_store_exec_with_text (self, sql, id, error))
        return FALSE;
    }
  if (info->link_table != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM outbox WHERE state = 'pending' AND "
                                              "entity = '%s' AND entity_id = ?1 AND "
                                              "op = 'create'", info->link_table);

      if (!_kontor_store_exec_with_text (self, sql, id, error))
        return FALSE;
    }

  return TRUE;
}

/* Takes pending entries (and answered conflicts) into the next push,
 * numbering them */
static gboolean
number_pending (KontorStore  *self,
                guint         limit,
                GError      **error)
{
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 last = get_last_push_seq (self, error);
  g_autofree char *last_text = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;
  int result;

  if (last < 0)
    return FALSE;

  stmt = _kontor_store_prepare (self, "SELECT client_seq FROM outbox WHERE state = 'pending' "
                                      "ORDER BY client_seq LIMIT ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (seqs, seq);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  for (guint i = 0; i < seqs->len && count < limit; i++)
    {
      g_autofree char *entity = NULL;
      g_autofree char *entity_id = NULL;
      g_autofree char *op = NULL;
      const KontorSyncEntity *sync_entity;
      const KontorEntityInfo *info;
      g_autoptr(GPtrArray) children = NULL;

      stmt = _kontor_store_prepare (self, "SELECT entity, entity_id, op FROM outbox "
                                          "WHERE client_seq = ?1 AND state = 'pending'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (seqs, gint64, i));
      result = _kontor_store_step (self, stmt, error);
      if (result == 1)
        {
          entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          op = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      sqlite3_reset (stmt);
      if (result < 0)
        return FALSE;
      if (result == 0)
        continue;   /* carried by a create taken before it */

      sync_entity = kontor_sync_entity_lookup (entity);
      info = sync_entity != NULL ? info_of (sync_entity) : NULL;
      if ((g_str_equal (op, "create") || g_str_equal (op, "restore")) && info != NULL &&
          (info->channel_table != NULL || info->link_table != NULL))
        {
          children = list_children (self, info, entity_id, g_str_equal (op, "restore"), error);
          if (children == NULL)
            return FALSE;
          /* a push holds at most MAX_PUSH: a record with its rows goes
           * into the next one if they would not fit */
          if (count > 0 && count + 1 + children->len > MAX_PUSH)
            break;
        }

      if (!number_entry (self, g_array_index (seqs, gint64, i), ++last, error))
        return FALSE;
      count++;

      if (children != NULL)
        {
          /* a restore carries no values: what is pending after it stays */
          if (g_str_equal (op, "create") && !drop_covered (self, info, entity_id, error))
            return FALSE;
          for (guint c = 0; c < children->len; c++)
            {
              char **row = g_ptr_array_index (children, c);

              if (!add_child_create (self, row[0], row[1], row[2], row[3], ++last, error))
                return FALSE;
              count++;
            }
        }
    }

  /* answered conflicts, after the changes made before the answer */
  stmt = _kontor_store_prepare (self, "SELECT id FROM conflict_local WHERE status = 'resolving' "
                                      "AND push_seq IS NULL ORDER BY created_at, id", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

    while ((result = _kontor_store_step (self, stmt, error)) == 1)
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_reset (stmt);
    if (result < 0)
      return FALSE;
    for (guint i = 0; i < ids->len && count < MAX_PUSH; i++, count++)
      {
        stmt = _kontor_store_prepare (self, "UPDATE conflict_local SET push_seq = ?1 "
                                            "WHERE id = ?2", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, ++last);
        sqlite3_bind_text (stmt, 2, g_ptr_array_index (ids, i), -1, SQLITE_TRANSIENT);
        if (!_kontor_store_step_done (self, stmt, error))
          return FALSE;
      }
  }

  last_text = g_strdup_printf ("%" G_GINT64_FORMAT, last);

  return _kontor_store_set_state (self, "last_push_seq", last_text, error);
}

/* A mutation that changes nothing and keeps the number of one that has
 * nothing left to send (a row created and deleted again while its create
 * waited for an answer): deleting what the server does not have */
static JsonNode *
placeholder (gint64      push_seq,
             const char *entity,
             const char *id)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_int_member (object, "client_seq", push_seq);
  json_object_set_string_member (object, "op", "delete");
  json_object_set_string_member (object, "entity", entity);
  json_object_set_string_member (object, "id", id);
  json_object_set_int_member (object, "base_rev", 0);

  return json_node_init_object (json_node_alloc (), object);
}

static JsonObject *
field_change (JsonNode *value)
{
  JsonObject *change = json_object_new ();

  json_object_set_member (change, "value", value);

  return change;
}

/* The fields of a record as stored now, for its create */
static JsonObject *
dup_record_fields (KontorRecord *record)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);
  JsonObject *fields = json_object_new ();

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];

      if ((field->flags & KONTOR_FIELD_STORED) == 0 ||
          field->type == KONTOR_FIELD_TYPE_CHANNELS || field->type == KONTOR_FIELD_TYPE_REFS)
        continue;
      json_object_set_object_member (fields, field->column,
                                     field_change (kontor_field_value_to_json (field,
                                                                               kontor_record_get_value (record, i))));
    }

  return fields;
}

/* A channel row's fields as stored now; %NULL when it is gone */
static JsonObject *
dup_channel_fields (KontorStore             *self,
                    const KontorSyncEntity  *entity,
                    const char              *id,
                    GError                 **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT owner_id, kind, label, value, position "
                                          "FROM %s WHERE id = ?1",
                                          kontor_sync_entity_get_name (entity));
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  JsonObject *fields = NULL;
  int result;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  result = _kontor_store_step (self, stmt, error);
  if (result == 1)
    {
      const KontorField *field = child_field_of_kind (kontor_sync_entity_get_parent (entity),
                                                      KONTOR_FIELD_TYPE_CHANNELS,
                                                      sqlite3_column_int (stmt, 1));
      JsonNode *label = json_node_new (JSON_NODE_NULL);

      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        json_node_init_string (label, (const char *) sqlite3_column_text (stmt, 2));
      fields = json_object_new ();
      json_object_set_object_member (fields, "owner_id",
                                     field_change (json_node_init_string (json_node_alloc (),
                                                                          (const char *) sqlite3_column_text (stmt, 0))));
      json_object_set_object_member (fields, "kind",
                                     field_change (json_node_init_string (json_node_alloc (),
                                                                          field != NULL ? field->column : "")));
      json_object_set_object_member (fields, "label", field_change (label));
      json_object_set_object_member (fields, "value",
                                     field_change (json_node_init_string (json_node_alloc (),
                                                                          (const char *) sqlite3_column_text (stmt, 3))));
      json_object_set_object_member (fields, "position",
                                     field_change (json_node_init_int (json_node_alloc (),
                                                                       sqlite3_column_int64 (stmt, 4))));
    }
  sqlite3_reset (stmt);

  return fields;
}

/* A link row's position; -1 when it is gone */
static gint64
get_link_position (KontorStore             *self,
                   const KontorSyncEntity  *entity,
                   const char              *owner_id,
                   const char              *column,
                   const char              *target_id,
                   GError                 **error)
{
  const KontorField *field = child_field_named (kontor_sync_entity_get_parent (entity),
                                                KONTOR_FIELD_TYPE_REFS, column);
  g_autofree char *sql = g_strdup_printf ("SELECT position FROM %s WHERE owner_id = ?1 AND "
                                          "kind = ?2 AND target_id = ?3",
                                          kontor_sync_entity_get_name (entity));
  sqlite3_stmt *stmt;
  gint64 position = -1;

  if (field == NULL)
    return -1;
  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, field->kind);
  sqlite3_bind_text (stmt, 3, target_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &position, NULL, error) < 0)
    return -2;

  return position;
}

/* The mutation of one numbered outbox entry */
static JsonNode *
build_mutation (KontorStore   *self,
                sqlite3_stmt  *row,
                GError       **error)
{
  gint64 push_seq = sqlite3_column_int64 (row, 0);
  const char *entity_name = (const char *) sqlite3_column_text (row, 1);
  const char *entity_id = (const char *) sqlite3_column_text (row, 2);
  const char *op = (const char *) sqlite3_column_text (row, 3);
  const char *field = (const char *) sqlite3_column_text (row, 4);
  const char *value_json = (const char *) sqlite3_column_text (row, 5);
  gint64 base_rev = sqlite3_column_int64 (row, 6);
  gint64 after = sqlite3_column_int64 (row, 7);
  const KontorSyncEntity *entity = kontor_sync_entity_lookup (entity_name);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *id = NULL;

  if (entity == NULL)
    return placeholder (push_seq, "contact", entity_id);

  id = g_strdup (entity_id);
  json_object_set_int_member (object, "client_seq", push_seq);
  json_object_set_string_member (object, "op", op);
  json_object_set_string_member (object, "entity", entity_name);

  /* a link is known by what it links */
  if (kontor_sync_entity_get_kind (entity) == KONTOR_SYNC_KIND_LINK)
    {
      g_autoptr(JsonNode) target = kontor_json_parse (value_json);
      const char *target_id = target != NULL && JSON_NODE_HOLDS_VALUE (target)
                              ? json_node_get_string (target) : NULL;

      if (field == NULL || target_id == NULL)
        return placeholder (push_seq, entity_name, entity_id);
      g_free (id);
      id = link_id (entity_id, field, target_id);

      if (g_str_equal (op, "create"))
        {
          gint64 position = get_link_position (self, entity, entity_id, field, target_id, error);
          JsonObject *fields;

          if (position == -2)
            return NULL;
          if (position < 0)
            return placeholder (push_seq, entity_name, id);
          fields = json_object_new ();
          json_object_set_object_member (fields, "owner_id",
                                         field_change (json_node_init_string (json_node_alloc (), entity_id)));
          json_object_set_object_member (fields, "kind",
                                         field_change (json_node_init_string (json_node_alloc (), field)));
          json_object_set_object_member (fields, "target_id",
                                         field_change (json_node_init_string (json_node_alloc (), target_id)));
          json_object_set_object_member (fields, "position",
                                         field_change (json_node_init_int (json_node_alloc (), position)));
          json_object_set_object_member (object, "fields", fields);
        }
      else
        {
          base_rev = _kontor_store_get_shadow_rev (self, entity_name, id, NULL, error);
          if (base_rev < 0)
            return NULL;
          json_object_set_string_member (object, "op", "delete");
          json_object_set_int_member (object, "base_rev", base_rev);
        }
      json_object_set_string_member (object, "id", id);

      return json_node_init_object (json_node_alloc (), object);
    }

  json_object_set_string_member (object, "id", id);

  if (g_str_equal (op, "create"))
    {
      JsonObject *fields = NULL;

      if (kontor_sync_entity_get_kind (entity) == KONTOR_SYNC_KIND_CHANNEL)
        {
          g_autoptr(GError) local_error = NULL;

          fields = dup_channel_fields (self, entity, entity_id, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      else if (kontor_sync_entity_get_kind (entity) == KONTOR_SYNC_KIND_RECORD)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(KontorRecord) record = _kontor_store_find_record (self, info_of (entity),
                                                                      entity_id, &local_error);

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (record != NULL)
            fields = dup_record_fields (record);
        }
      if (fields == NULL)
        return placeholder (push_seq, entity_name, entity_id);
      json_object_set_object_member (object, "fields", fields);
    }
  else if (g_str_equal (op, "update"))
    {
      JsonObject *fields = json_object_new ();
      JsonObject *change = field_change (value_json != NULL ? kontor_json_parse (value_json)
                                                            : json_node_new (JSON_NODE_NULL));

      json_object_set_int_member (change, "base_rev", base_rev);
      if (after > 0)
        json_object_set_int_member (change, "after_local_seq", after);
      json_object_set_object_member (fields, field, change);
      json_object_set_object_member (object, "fields", fields);
    }
  else
    {
      json_object_set_int_member (object, "base_rev", base_rev);

      /* a contact merged into another names it (PROTOCOL.md "Pushing") */
      if (g_str_equal (op, "delete") && value_json != NULL)
        {
          g_autoptr(JsonNode) value = kontor_json_parse (value_json);
          const char *kept = value != NULL && JSON_NODE_HOLDS_OBJECT (value)
                             ? kontor_json_get_string (json_node_get_object (value), "merged_into")
                             : NULL;

          if (kept != NULL)
            json_object_set_string_member (object, "merged_into", kept);
        }
    }

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
build_resolution (sqlite3_stmt *row)
{
  g_autoptr(JsonObject) object = json_object_new ();
  const char *value_json = (const char *) sqlite3_column_text (row, 4);

  json_object_set_int_member (object, "client_seq", sqlite3_column_int64 (row, 0));
  json_object_set_string_member (object, "op", "resolve");
  json_object_set_string_member (object, "conflict", (const char *) sqlite3_column_text (row, 2));
  json_object_set_string_member (object, "choice", (const char *) sqlite3_column_text (row, 3));
  if (value_json != NULL)
    json_object_set_member (object, "value", kontor_json_parse (value_json));

  return json_node_init_object (json_node_alloc (), object);
}

/**
 * kontor_store_sync_take_push:
 * @self: a store
 * @limit: at most this many new mutations (the server takes 500)
 * @error: return location for a #GError
 *
 * The next push: the entries sent before and not answered, the same
 * again; else up to @limit pending entries, numbered now (one
 * transaction). Mutations are in push_seq order.
 *
 * Returns: (transfer full) (nullable): the mutations, empty when there is
 *   nothing to send; %NULL on error
 */
JsonArray *
kontor_store_sync_take_push (KontorStore  *self,
                             guint         limit,
                             GError      **error)
{
  g_autoptr(JsonArray) mutations = json_array_new ();
  sqlite3_stmt *stmt;
  gint64 inflight = 0;
  int result;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (!_kontor_store_begin (self, error))
    return NULL;

  stmt = _kontor_store_prepare (self, "SELECT (SELECT count(*) FROM outbox WHERE push_seq "
                                      "IS NOT NULL) + (SELECT count(*) FROM conflict_local "
                                      "WHERE push_seq IS NOT NULL AND status = 'resolving')",
                                error);
  if (stmt == NULL || _kontor_store_step_one (self, stmt, &inflight, NULL, error) < 0 ||
      (inflight == 0 && !number_pending (self, MIN (limit, MAX_PUSH), error)))
    {
      _kontor_store_rollback (self);
      return NULL;
    }

  stmt = _kontor_store_prepare (self,
                                "SELECT push_seq, entity, entity_id, op, field, value_json, "
                                "base_rev, after_local_seq, 0 FROM outbox WHERE push_seq "
                                "IS NOT NULL UNION ALL SELECT push_seq, NULL, id, choice, "
                                "choice_value_json, NULL, 0, 0, 1 FROM conflict_local WHERE "
                                "push_seq IS NOT NULL AND status = 'resolving' ORDER BY 1",
                                error);
  if (stmt == NULL)
    {
      _kontor_store_rollback (self);
      return NULL;
    }
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      JsonNode *mutation = sqlite3_column_int (stmt, 8) ? build_resolution (stmt)
                                                        : build_mutation (self, stmt, error);

      if (mutation == NULL)
        {
          result = -1;
          break;
        }
      json_array_add_element (mutations, mutation);
    }
  sqlite3_reset (stmt);

  if (!_kontor_store_end (self, result == 0, error))
    return NULL;

  return g_steal_pointer (&mutations);
}

/**
 * kontor_store_sync_renumber:
 * @self: a store
 * @expected: the number the server expects next
 * @error: return location for a #GError
 *
 * For a push the server refused as out of order (its last number from
 * this installation is not the one before ours: a store copied back from
 * a backup): the numbered entries are numbered again from @expected, and
 * the edits built on them with them.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_renumber (KontorStore  *self,
                            gint64        expected,
                            GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 first = 0;
  gint64 delta;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);

  if (!_kontor_store_begin (self, error))
    return FALSE;

  stmt = _kontor_store_prepare (self, "SELECT min(s) FROM (SELECT push_seq AS s FROM outbox "
                                      "UNION ALL SELECT push_seq FROM conflict_local WHERE "
                                      "status = 'resolving')", error);
  if (stmt == NULL || _kontor_store_step_one (self, stmt, &first, NULL, error) < 0)
    return _kontor_store_end (self, FALSE, error);
  delta = expected - first;

  /* through negative numbers: the index is unique at every row */
  sql = g_strdup_printf ("UPDATE outbox SET push_seq = -push_seq - (%" G_GINT64_FORMAT ") "
                         "WHERE push_seq IS NOT NULL;"
                         "UPDATE outbox SET push_seq = -push_seq WHERE push_seq < 0;"
                         "UPDATE outbox SET after_local_seq = after_local_seq + (%" G_GINT64_FORMAT
                         ") WHERE after_local_seq >= %" G_GINT64_FORMAT ";"
                         "UPDATE conflict_local SET push_seq = push_seq + (%" G_GINT64_FORMAT
                         ") WHERE push_seq IS NOT NULL AND status = 'resolving';"
                         "INSERT OR REPLACE INTO sync_state (key, value) SELECT 'last_push_seq', "
                         "max(s) FROM (SELECT push_seq AS s FROM outbox UNION ALL SELECT "
                         "push_seq FROM conflict_local WHERE status = 'resolving') "
                         "WHERE s IS NOT NULL",
                         delta, delta, first, delta);

  return _kontor_store_end (self, first == 0 || _kontor_store_exec (self, sql, error), error);
}

static gboolean
add_conflict (KontorStore  *self,
              const char   *entity,
              const char   *entity_id,
              JsonObject   *conflict,
              const char   *yours_json,
              GError      **error)
{
  const char *id = kontor_json_get_string (conflict, "id");
  const char *superseded = kontor_json_get_string (conflict, "supersedes");
  g_autofree char *theirs = node_to_string (json_object_get_member (conflict, "theirs"));
  g_autofree char *yours = node_to_string (json_object_get_member (conflict, "yours"));
  g_autofree char *base = node_to_string (json_object_get_member (conflict, "base"));
  const char *theirs_by = kontor_json_get_string (conflict, "theirs_by");
  const char *theirs_at = kontor_json_get_string (conflict, "theirs_at");
  sqlite3_stmt *stmt;

  if (id == NULL)
    {
      set_bad_data (error, entity, entity_id);
      return FALSE;
    }
  if (superseded != NULL &&
      !_kontor_store_exec_with_text (self, "UPDATE conflict_local SET status = 'superseded' "
                                           "WHERE id = ?1 AND status = 'open'", superseded, error))
    return FALSE;

  stmt = _kontor_store_prepare (self,
                                "INSERT OR IGNORE INTO conflict_local (id, entity, entity_id, "
                                "field, kind, theirs_value_json, theirs_rev, yours_value_json, "
                                "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kontor_json_get_string (conflict, "field"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, kontor_json_get_string (conflict, "kind"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, theirs, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, kontor_json_get_int (conflict, "theirs_rev", 0));
  sqlite3_bind_text (stmt, 8, yours != NULL ? yours : yours_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time () / G_USEC_PER_SEC);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  /* the value both sides started from, and who made the one that stays
   * and when: the conflicts list has them (a push's answer does not), so
   * a conflict met in a push gets them with the list the same cycle asks
   * for */
  if (base == NULL && theirs_by == NULL && theirs_at == NULL)
    return TRUE;
  stmt = _kontor_store_prepare (self, "UPDATE conflict_local SET "
                                      "base_value_json = coalesce (base_value_json, ?2), "
                                      "theirs_by = coalesce (?3, theirs_by), "
                                      "theirs_at = coalesce (?4, theirs_at) WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, base, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, theirs_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, theirs_at, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

/* What a conflict's answer means here: the server's value is shown (a
 * field), the record the server deleted goes (edit vs. delete); the
 * user's side is kept in the conflict */
static gboolean
show_theirs (KontorStore  *self,
             const char   *entity_name,
             const char   *id,
             JsonObject   *conflict,
             GError      **error)
{
  const KontorSyncEntity *entity = kontor_sync_entity_lookup (entity_name);
  const char *kind = kontor_json_get_string (conflict, "kind");
  const char *field = kontor_json_get_string (conflict, "field");
  g_autoptr(JsonObject) fields = json_object_new ();
  JsonObject *entry;

  if (entity == NULL || kind == NULL)
    return TRUE;

  /* a contact merged into another: what this machine holds of it goes
   * to the kept one rather than with it (delete_merged_record ()) */
  if (g_str_equal (kind, "edit_vs_delete") &&
      kontor_json_get_string (conflict, "merged_into") != NULL)
    {
      entry = json_object_new ();
      json_object_set_string_member (entry, "value",
                                     kontor_json_get_string (conflict, "merged_into"));
      json_object_set_object_member (fields, "merged_into", entry);

      return apply_change (self, entity_name, id, TRUE, fields, 0, error);
    }
  if (g_str_equal (kind, "edit_vs_delete"))
    return apply_change (self, entity_name, id, TRUE, NULL, 0, error);
  if (!g_str_equal (kind, "field") || field == NULL)
    return TRUE;

  entry = json_object_new ();
  json_object_set_member (entry, "value",
                          json_object_has_member (conflict, "theirs")
                          ? json_node_copy (json_object_get_member (conflict, "theirs"))
                          : json_node_new (JSON_NODE_NULL));
  json_object_set_int_member (entry, "rev",
                              kontor_json_get_int (conflict, "theirs_rev", 0));
  json_object_set_object_member (fields, field, entry);

  return apply_change (self, entity_name, id, FALSE, fields, 0, error);
}

/* The revisions a result confirms, as a pull's fields without values are
 * not: written straight into the revision columns or the shadow */
static gboolean
confirm_revs (KontorStore  *self,
              const char   *entity_name,
              const char   *id,
              const char   *op,
              JsonObject   *result,
              GError      **error)
{
  const KontorSyncEntity *entity = kontor_sync_entity_lookup (entity_name);
  const KontorEntityInfo *info;
  g_autoptr(JsonObject) revs = json_object_new ();
  JsonObject *applied = kontor_json_get_object (result, "applied");
  gint64 rev = kontor_json_get_int (result, "rev", 0);

  if (entity == NULL)
    return TRUE;

  if (applied != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (applied);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_int_member (revs, l->data,
                                    kontor_json_get_int (applied, l->data, 0));
    }
  else if (g_str_equal (op, "create") && rev > 0)
    {
      g_auto(GStrv) names = kontor_sync_entity_dup_fields (entity);

      for (guint i = 0; names[i] != NULL; i++)
        json_object_set_int_member (revs, names[i], rev);
    }

  if (g_str_equal (op, "delete"))
    return TRUE;

  info = info_of (entity);
  if (info != NULL)
    return write_record_revs (self, info, id, revs, rev, error);

  return write_shadow (self, entity_name, id, revs, rev, FALSE, error);
}

/* A change the server refused is taken back here, so that this machine
 * shows what the team has (the change itself is kept in the rejected
 * list): a created or restored row goes, an edited field gets its value before the
 * edit back, unless the user changed it again since. A refused delete
 * cannot be taken back from here: the row's values are gone. */
static gboolean
roll_back (KontorStore  *self,
           const char   *entity_name,
           const char   *id,
           const char   *op,
           const char   *field,
           const char   *old_json,
           GError      **error)
{
  const KontorSyncEntity *entity = kontor_sync_entity_lookup (entity_name);
  g_autoptr(GHashTable) edited = NULL;

  if (entity == NULL)
    return TRUE;
  /* a refused restore leaves the row deleted on the server, as a refused
   * create leaves it unmade: here too it goes (an undone delete of a lead
   * whose contact a colleague added to the project again meanwhile) */
  if (g_str_equal (op, "create") || g_str_equal (op, "restore"))
    return apply_change (self, entity_name, id, TRUE, NULL, 0, error);
  if (!g_str_equal (op, "update") || field == NULL)
    return TRUE;

  edited = dup_edited_fields (self, id, error);
  if (edited == NULL)
    return FALSE;
  if (g_hash_table_contains (edited, field))
    return TRUE;

  if (kontor_sync_entity_get_kind (entity) == KONTOR_SYNC_KIND_RECORD)
    {
      g_autoptr(JsonNode) value = kontor_json_parse (old_json);
      g_autoptr(KontorRecord) stored = NULL;
      g_autoptr(KontorRecord) record = NULL;
      g_autoptr(GError) local_error = NULL;
      const KontorField *found;
      GValue parsed = G_VALUE_INIT;
      gboolean changed;
      guint index;

      found = kontor_record_class_find_field (class_of (entity), field, &index);
      stored = _kontor_store_find_record (self, info_of (entity), id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (stored == NULL || found == NULL || value == NULL ||
          !kontor_field_value_from_json (found, value, &parsed, NULL))
        return TRUE;
      record = kontor_record_copy (stored);
      kontor_record_take_value (record, index, &parsed);

      return _kontor_store_save_over (self, record, stored, &changed, error);
    }

  if (kontor_sync_entity_get_kind (entity) == KONTOR_SYNC_KIND_CHANNEL &&
      (g_str_equal (field, "label") || g_str_equal (field, "value") ||
       g_str_equal (field, "position")))
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = json_extract(?1, '$') "
                                              "WHERE id = ?2", entity_name, field);
      sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, old_json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);

      return _kontor_store_step_done (self, stmt, error);
    }

  return TRUE;
}

/* One result of a push, for the outbox entry numbered @push_seq */
static gboolean
apply_result (KontorStore  *self,
              gint64        push_seq,
              JsonObject   *result,
              GError      **error)
{
  g_autofree char *entity = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *op = NULL;
  g_autofree char *field = NULL;
  g_autofree char *value_json = NULL;
  g_autofree char *old_json = NULL;
  const char *status = kontor_json_get_string (result, "status");
  JsonNode *conflicts;
  sqlite3_stmt *stmt;
  int found;

  if (status != NULL && g_str_equal (status, "duplicate") && kontor_json_get_object (result, "original"))
    {
      result = kontor_json_get_object (result, "original");
      status = kontor_json_get_string (result, "status");
    }
  if (status == NULL)
    {
      set_bad_data (error, "push", "?");
      return FALSE;
    }

  /* an answered conflict */
  stmt = _kontor_store_prepare (self, "UPDATE conflict_local SET status = 'resolved' "
                                      "WHERE push_seq = ?1 AND status = 'resolving'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, push_seq);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_kontor_store_get_db (self)) > 0)
    return TRUE;

  stmt = _kontor_store_prepare (self, "SELECT entity, entity_id, op, field, value_json, "
                                      "old_value_json FROM outbox WHERE push_seq = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, push_seq);
  found = _kontor_store_step (self, stmt, error);
  if (found == 1)
    {
      entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      op = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      field = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      value_json = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      old_json = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (found < 0)
    return FALSE;
  if (found == 0)
    return TRUE;   /* answered already */

  /* a link is known by what it links */
  if (kontor_sync_entity_lookup (entity) != NULL &&
      kontor_sync_entity_get_kind (kontor_sync_entity_lookup (entity)) == KONTOR_SYNC_KIND_LINK &&
      field != NULL && value_json != NULL)
    {
      g_autoptr(JsonNode) target = kontor_json_parse (value_json);
      g_autofree char *owner = g_steal_pointer (&entity_id);

      entity_id = link_id (owner, field,
                           target != NULL && JSON_NODE_HOLDS_VALUE (target)
                           ? json_node_get_string (target) : "");
    }

  stmt = _kontor_store_prepare (self, "DELETE FROM outbox WHERE push_seq = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, push_seq);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (g_str_equal (status, "rejected"))
    {
      /* a refused creation goes with its roll-back: the list keeps what
       * it held (nothing is lost, and the record has a name there) */
      if (g_str_equal (op, "create") && value_json == NULL)
        {
          const KontorSyncEntity *info = kontor_sync_entity_lookup (entity);
          g_autoptr(KontorRecord) record = NULL;
          g_autoptr(GError) local_error = NULL;

          if (info != NULL && kontor_sync_entity_get_kind (info) == KONTOR_SYNC_KIND_RECORD)
            record = _kontor_store_find_record (self, info_of (info), entity_id, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (record != NULL)
            value_json = kontor_record_to_json_string (record);
        }
      return add_rejection (self, push_seq, entity, entity_id, value_json,
                            kontor_json_get_string (result, "reason"), error) &&
             roll_back (self, entity, entity_id, op, field, old_json, error);
    }

  if (!confirm_revs (self, entity, entity_id, op, result, error))
    return FALSE;

  /* another machine merged the contact first, into another one: that
   * merge stands on the server, which moves what names the contact there;
   * this machine's tombstone follows it (a row that arrives later naming
   * the contact goes where the server puts it) */
  if (g_str_equal (op, "delete") && g_str_equal (entity, "contact") &&
      kontor_json_get_string (result, "merged_into") != NULL &&
      g_uuid_string_is_valid (kontor_json_get_string (result, "merged_into")))
    {
      g_message ("Contact %s was merged into %s on another machine first", entity_id,
                 kontor_json_get_string (result, "merged_into"));
      if (!_kontor_store_note_merged_into (self, KONTOR_TYPE_CONTACT, entity_id,
                                           kontor_json_get_string (result, "merged_into"), error))
        return FALSE;
    }

  conflicts = json_object_get_member (result, "conflicts");
  for (guint i = 0; conflicts != NULL && JSON_NODE_HOLDS_ARRAY (conflicts) &&
                    i < json_array_get_length (json_node_get_array (conflicts)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (conflicts), i);
      JsonObject *conflict = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (conflict == NULL ||
          !add_conflict (self, entity, entity_id, conflict, value_json, error) ||
          !show_theirs (self, entity, entity_id, conflict, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_store_sync_apply_results:
 * @self: a store
 * @results: the server's results of the last push, one per mutation
 * @error: return location for a #GError
 *
 * Writes what the server answered, in one transaction: each answered entry
 * leaves the outbox; the revisions it got are confirmed; a conflict is
 * kept (the server's value shown, the user's kept in it); a rejection is
 * kept until the user dismisses it.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_apply_results (KontorStore  *self,
                                 JsonArray    *results,
                                 GError      **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (results != NULL, FALSE);

  if (!begin_remote (self, error))
    return FALSE;

  for (guint i = 0; ok && i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *result = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (result == NULL || !json_object_has_member (result, "client_seq"))
        {
          set_bad_data (error, "push", "?");
          ok = FALSE;
          break;
        }
      ok = apply_result (self, kontor_json_get_int (result, "client_seq", 0), result, error);
    }

  return end_remote (self, ok, error);
}

/* ------------------------------------------------------------------------ */
/* Conflicts and rejections */

void
kontor_sync_conflict_free (KontorSyncConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->id);
  g_free (conflict->entity);
  g_free (conflict->entity_id);
  g_free (conflict->field);
  g_free (conflict->kind);
  g_free (conflict->base_json);
  g_free (conflict->theirs_by);
  g_free (conflict->theirs_at);
  g_free (conflict->theirs_json);
  g_free (conflict->yours_json);
  g_free (conflict->status);
  g_free (conflict);
}

/**
 * kontor_store_sync_list_conflicts:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorSyncConflict) (nullable):
 *   the conflicts not superseded, the oldest first
 */
GPtrArray *
kontor_store_sync_list_conflicts (KontorStore  *self,
                                  GError      **error)
{
  g_autoptr(GPtrArray) conflicts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_sync_conflict_free);
  sqlite3_stmt *stmt;
  int result;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  stmt = _kontor_store_prepare (self, "SELECT id, entity, entity_id, field, kind, "
                                      "theirs_value_json, yours_value_json, status, base_value_json, theirs_by, "
                                      "theirs_at FROM "
                                      "conflict_local WHERE status <> 'superseded' "
                                      "ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      KontorSyncConflict *conflict = g_new0 (KontorSyncConflict, 1);

      conflict->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      conflict->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      conflict->entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      conflict->field = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      conflict->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      conflict->theirs_json = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      conflict->yours_json = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      conflict->status = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      conflict->base_json = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      conflict->theirs_by = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      conflict->theirs_at = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
      g_ptr_array_add (conflicts, conflict);
    }
  sqlite3_reset (stmt);

  return result < 0 ? NULL : g_steal_pointer (&conflicts);
}

/**
 * kontor_store_sync_merge_conflicts:
 * @self: a store
 * @conflicts: the user's open conflicts as the server lists them
 * @error: return location for a #GError
 *
 * A conflict belongs to the user, not to the machine whose push met it:
 * the ones this machine does not know yet are added, and open ones the
 * server no longer lists (answered on another machine, or superseded)
 * are closed. One transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_merge_conflicts (KontorStore  *self,
                                   JsonArray    *conflicts,
                                   GError      **error)
{
  g_autoptr(GString) listed = g_string_new ("[");
  gboolean ok = TRUE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (conflicts != NULL, FALSE);

  if (!_kontor_store_begin (self, error))
    return FALSE;

  for (guint i = 0; ok && i < json_array_get_length (conflicts); i++)
    {
      JsonNode *node = json_array_get_element (conflicts, i);
      JsonObject *conflict = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *entity = kontor_json_get_string (conflict, "entity");
      const char *entity_id = kontor_json_get_string (conflict, "entity_id");
      const char *id = kontor_json_get_string (conflict, "id");
      g_autofree char *quoted = NULL;

      if (entity == NULL || entity_id == NULL || id == NULL)
        {
          set_bad_data (error, "conflict", id != NULL ? id : "?");
          ok = FALSE;
          break;
        }
      quoted = kontor_json_quote (id);
      g_string_append_printf (listed, "%s%s", listed->len > 1 ? "," : "", quoted);
      ok = add_conflict (self, entity, entity_id, conflict, NULL, error);
    }
  g_string_append_c (listed, ']');

  if (ok)
    {
      stmt = _kontor_store_prepare (self, "UPDATE conflict_local SET status = 'resolved' WHERE "
                                          "status = 'open' AND id NOT IN (SELECT value FROM "
                                          "json_each(?1))", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, listed->str, -1, SQLITE_TRANSIENT);
          ok = _kontor_store_step_done (self, stmt, error);
        }
    }

  return _kontor_store_end (self, ok, error);
}

/**
 * kontor_store_sync_resolve_conflict:
 * @self: a store
 * @id: an open conflict's id
 * @choice: "mine", "theirs" or "value"
 * @value_json: (nullable): for "value", the value chosen, as JSON
 * @error: return location for a #GError
 *
 * Keeps the user's answer for the next push, where it is one more change
 * of this installation, in order with the others.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_resolve_conflict (KontorStore  *self,
                                    const char   *id,
                                    const char   *choice,
                                    const char   *value_json,
                                    GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && choice != NULL, FALSE);
  g_return_val_if_fail (g_str_equal (choice, "value") == (value_json != NULL), FALSE);

  stmt = _kontor_store_prepare (self, "UPDATE conflict_local SET status = 'resolving', "
                                      "choice = ?2, choice_value_json = ?3 WHERE id = ?1 "
                                      "AND status = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, choice, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, value_json, -1, SQLITE_TRANSIENT);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_kontor_store_get_db (self)) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This conflict was answered already."));
      return FALSE;
    }

  return TRUE;
}

static gint64
count_rows (KontorStore  *self,
            const char   *sql,
            GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  gint64 count = -1;

  if (stmt != NULL)
    _kontor_store_step_one (self, stmt, &count, NULL, error);

  return count;
}

/**
 * kontor_store_sync_has_conflict:
 * @self: a store
 * @entity: a record's entity
 * @entity_id: its id
 *
 * Returns: whether the user has a conflict about the record to answer
 *   (%FALSE when the store cannot say)
 */
gboolean
kontor_store_sync_has_conflict (KontorStore *self,
                                const char  *entity,
                                const char  *entity_id)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);

  stmt = _kontor_store_prepare (self, "SELECT count(*) FROM conflict_local WHERE entity = ?1 "
                                      "AND entity_id = ?2 AND status = 'open'", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity_id, -1, SQLITE_TRANSIENT);
  _kontor_store_step_one (self, stmt, &count, NULL, NULL);

  return count > 0;
}

/**
 * kontor_store_sync_count_rejected:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: the number of changes the server refused, -1 on error
 */
gint64
kontor_store_sync_count_rejected (KontorStore  *self,
                                  GError      **error)
{
  return count_rows (self, "SELECT count(*) FROM rejected", error);
}

/**
 * kontor_store_sync_count_conflicts:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: the number of conflicts the user has still to answer, -1 on
 *   error; the parts of a board move other than its status are not asked
 *   about (kontor_pipeline_is_move_part ())
 */
gint64
kontor_store_sync_count_conflicts (KontorStore  *self,
                                   GError      **error)
{
  g_autoptr(GPtrArray) conflicts = kontor_store_sync_list_conflicts (self, error);
  gint64 count = 0;

  if (conflicts == NULL)
    return -1;
  for (guint i = 0; i < conflicts->len; i++)
    {
      KontorSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->status, "open") &&
          !(g_str_equal (conflict->entity, "contact") &&
            kontor_pipeline_is_move_part (conflict->field)))
        count++;
    }

  return count;
}

/**
 * kontor_sync_rejected_free:
 * @rejected: a refused change
 */
void
kontor_sync_rejected_free (KontorSyncRejected *rejected)
{
  if (rejected == NULL)
    return;

  g_free (rejected->entity);
  g_free (rejected->entity_id);
  g_free (rejected->fields_json);
  g_free (rejected->reason);
  g_free (rejected);
}

/**
 * kontor_store_sync_list_rejected:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type KontorSyncRejected)
 *   (nullable): the changes the server refused, the newest first
 */
GPtrArray *
kontor_store_sync_list_rejected (KontorStore  *self,
                                 GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_sync_rejected_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  stmt = _kontor_store_prepare (self, "SELECT client_seq, entity, entity_id, reason, at, "
                                      "fields_json FROM rejected "
                                      "ORDER BY at DESC, client_seq DESC", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    {
      KontorSyncRejected *rejected = g_new0 (KontorSyncRejected, 1);

      rejected->client_seq = sqlite3_column_int64 (stmt, 0);
      rejected->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rejected->entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      rejected->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      rejected->at = sqlite3_column_int64 (stmt, 4);
      rejected->fields_json = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (list, rejected);
    }
  sqlite3_reset (stmt);

  return rc < 0 ? NULL : g_steal_pointer (&list);
}

/**
 * kontor_sync_pending_free:
 * @pending: a record with changes to send
 */
void
kontor_sync_pending_free (KontorSyncPending *pending)
{
  if (pending == NULL)
    return;

  g_free (pending->entity);
  g_free (pending->entity_id);
  g_free (pending);
}

/**
 * kontor_store_sync_list_pending:
 * @self: a store
 * @limit: at most this many records
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type KontorSyncPending)
 *   (nullable): the records with changes still to be sent, in the order
 *   they go
 */
GPtrArray *
kontor_store_sync_list_pending (KontorStore  *self,
                                guint         limit,
                                GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_sync_pending_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  stmt = _kontor_store_prepare (self, "SELECT entity, entity_id, count(*), min(created_at) "
                                      "FROM outbox GROUP BY entity, entity_id "
                                      "ORDER BY min(client_seq) LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);

  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    {
      KontorSyncPending *pending = g_new0 (KontorSyncPending, 1);

      pending->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      pending->entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      pending->changes = sqlite3_column_int64 (stmt, 2);
      pending->since = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (list, pending);
    }
  sqlite3_reset (stmt);

  return rc < 0 ? NULL : g_steal_pointer (&list);
}

/**
 * kontor_store_sync_get_account:
 * @self: a store
 * @server_uri: (out) (transfer full) (optional) (nullable): the team
 *   server this database syncs with, %NULL before the first sign-in
 * @username: (out) (transfer full) (optional) (nullable): the user signed
 *   in there, %NULL after signing out
 * @error: return location for a #GError
 *
 * The account lives in `sync_state`; its session's token never does
 * (src/README.md "Signing in").
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_get_account (KontorStore  *self,
                               char        **server_uri,
                               char        **username,
                               GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);

  server = _kontor_store_get_state (self, "server", &local_error);
  if (local_error == NULL)
    user = _kontor_store_get_state (self, "username", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (server_uri != NULL)
    *server_uri = g_steal_pointer (&server);
  if (username != NULL)
    *username = g_steal_pointer (&user);

  return TRUE;
}

/**
 * kontor_store_sync_check_account:
 * @self: a store
 * @server_uri: a team server's address
 * @error: return location for a #GError
 *
 * A database that has pulled from one server is that server's team's:
 * another server is refused with %KONTOR_STORE_ERROR_FAILED, since records
 * of two teams in one file would be sent to the wrong one. Asked before a
 * sign-in sends or fetches anything, and again when it is recorded.
 *
 * Returns: %TRUE when the database may sync with @server_uri
 */
gboolean
kontor_store_sync_check_account (KontorStore  *self,
                                 const char   *server_uri,
                                 GError      **error)
{
  g_autofree char *known = NULL;
  gint64 cursor = 0;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (server_uri != NULL, FALSE);

  if (!kontor_store_sync_get_account (self, &known, NULL, error) ||
      !kontor_store_sync_get_cursor (self, &cursor, error))
    return FALSE;
  if (known != NULL && !g_str_equal (known, server_uri) && cursor > 0)
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FAILED,
                   _("This database already holds the team of “%s”. Records of two teams "
                     "cannot be kept in one database."), known);
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_store_sync_set_account:
 * @self: a store
 * @server_uri: the team server's address
 * @username: (nullable): the user signed in there; %NULL signs out
 * @error: return location for a #GError
 *
 * Records with which server and as whom this database syncs. A database
 * that has pulled from one server is that server's team's: another
 * server is refused with %KONTOR_STORE_ERROR_FAILED, since records of two
 * teams in one file would be sent to the wrong one.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_set_account (KontorStore  *self,
                               const char   *server_uri,
                               const char   *username,
                               GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (server_uri != NULL, FALSE);

  if (!kontor_store_sync_check_account (self, server_uri, error))
    return FALSE;

  return _kontor_store_begin (self, error) &&
         _kontor_store_end (self,
                            _kontor_store_set_state (self, "server", server_uri, error) &&
                            _kontor_store_set_state (self, "username", username, error),
                            error);
}

/**
 * kontor_store_sync_get_trust:
 * @self: a store
 * @trust: (out) (transfer full) (nullable): what the server's certificate
 *   is checked against: "system", "ca" or "certificate"; %NULL before a
 *   sign-in
 * @pem: (out) (transfer full) (nullable): the certificate authority or
 *   the certificate the user trusted for the server, PEM
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_get_trust (KontorStore  *self,
                             char        **trust,
                             char        **pem,
                             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);

  kind = _kontor_store_get_state (self, "tls_trust", &local_error);
  if (local_error == NULL)
    text = _kontor_store_get_state (self, "tls_trust_pem", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *trust = g_steal_pointer (&kind);
  *pem = g_steal_pointer (&text);

  return TRUE;
}

/**
 * kontor_store_sync_set_trust:
 * @self: a store
 * @trust: "system", "ca" or "certificate"
 * @pem: (nullable): the certificate authority or the certificate, PEM
 * @error: return location for a #GError
 *
 * Remembers what the user trusted for the database's server (feature
 * S6); certificates are public, so the database may keep them.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_sync_set_trust (KontorStore  *self,
                             const char   *trust,
                             const char   *pem,
                             GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (trust != NULL, FALSE);

  return _kontor_store_begin (self, error) &&
         _kontor_store_end (self,
                            _kontor_store_set_state (self, "tls_trust", trust, error) &&
                            _kontor_store_set_state (self, "tls_trust_pem", pem, error),
                            error);
}
