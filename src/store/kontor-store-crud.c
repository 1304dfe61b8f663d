/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Records in SQLite, generically from their field tables: insert, update
 * with field-level outbox entries, delete with tombstone, load. What differs
 * per entity (sort keys, the search document, joined display fields, rules)
 * comes from its KontorEntityInfo (kontor-store-entity.h), registered here
 * by the entity's own file when the store opens. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-record-json.h"
#include "kontor-store-children.h"
#include "kontor-record-rules.h"
#include "kontor-store-crud.h"
#include "kontor-store-index.h"
#include "kontor-store-outbox.h"
#include "kontor-uuid.h"

/* ------------------------------------------------------------------------ */
/* Values in columns */

static void
bind_value (sqlite3_stmt      *stmt,
            int                column,
            const KontorField *field,
            const GValue      *value)
{
  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      sqlite3_bind_text (stmt, column, g_value_get_string (value), -1, SQLITE_TRANSIENT);
      break;
    case KONTOR_FIELD_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, column, g_value_get_boolean (value) ? 1 : 0);
      break;
    case KONTOR_FIELD_TYPE_INT64:
      sqlite3_bind_int64 (stmt, column, g_value_get_int64 (value));
      break;
    case KONTOR_FIELD_TYPE_ENUM:
      sqlite3_bind_int (stmt, column, g_value_get_enum (value));
      break;
    case KONTOR_FIELD_TYPE_CHANNELS:
    case KONTOR_FIELD_TYPE_REFS:
    default:
      g_assert_not_reached ();
    }
}

static void
read_value (sqlite3_stmt      *stmt,
            int                column,
            const KontorField *field,
            GValue            *value)
{
  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      g_value_set_string (value, (const char *) sqlite3_column_text (stmt, column));
      break;
    case KONTOR_FIELD_TYPE_BOOLEAN:
      g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
      break;
    case KONTOR_FIELD_TYPE_INT64:
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
      break;
    case KONTOR_FIELD_TYPE_ENUM:
      g_value_set_enum (value, sqlite3_column_int (stmt, column));
      break;
    case KONTOR_FIELD_TYPE_CHANNELS:
    case KONTOR_FIELD_TYPE_REFS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_column_field (const KontorField *field)
{
  return (field->flags & (KONTOR_FIELD_STORED | KONTOR_FIELD_LOCAL)) != 0 &&
         field->type != KONTOR_FIELD_TYPE_CHANNELS &&
         field->type != KONTOR_FIELD_TYPE_REFS;
}

/* Whether @table has the column @column; -1 on error */
static int
has_column (KontorStore  *self,
            const char   *table,
            const char   *column,
            GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, "SELECT count(*) FROM pragma_table_info (?1)"
                                              " WHERE name = ?2", error);
  gint64 found = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_TRANSIENT);
  if (!_kontor_store_step_one (self, stmt, &found, NULL, error))
    return -1;

  return found > 0;
}

/**
 * _kontor_store_lend_columns:
 * @self: a store inside a transaction, its tables at an older version
 * @error: return location for a #GError
 *
 * For a database made at an older schema version (migration tests only):
 * today's code reads every column of today's field tables, so a migration
 * that stops early lends the columns a later version adds, empty, while
 * its C steps and rewrites run, and takes them back after.
 *
 * Returns: (transfer full) (element-type utf8): "table.column" of each
 *   column lent, or %NULL on error
 */
GPtrArray *
_kontor_store_lend_columns (KontorStore  *self,
                            GError      **error)
{
  g_autoptr(GPtrArray) lent = g_ptr_array_new_with_free_func (g_free);

  const KontorEntityInfo *info;

  for (guint e = 0; (info = _kontor_entity_info_nth (e)) != NULL; e++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (info->get_type ());
      KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);
      int table_found = has_column (self, info->table, "rid", error);

      if (table_found < 0)
        return NULL;
      if (table_found == 0)
        continue;

      for (guint i = 0; i < record_class->n_fields; i++)
        {
          const KontorField *field = &record_class->fields[i];
          g_autofree char *alter = NULL;
          int found;

          if (!is_column_field (field))
            continue;
          found = has_column (self, info->table, field->column, error);
          if (found < 0)
            return NULL;
          if (found > 0)
            continue;
          alter = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s", info->table, field->column);
          if (!_kontor_store_exec (self, alter, error))
            return NULL;
          g_ptr_array_add (lent, g_strdup_printf ("%s.%s", info->table, field->column));
        }
    }

  return g_steal_pointer (&lent);
}

/**
 * _kontor_store_take_back_columns:
 * @self: a store inside a transaction
 * @lent: what _kontor_store_lend_columns() returned
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_take_back_columns (KontorStore  *self,
                                 GPtrArray    *lent,
                                 GError      **error)
{
  for (guint i = 0; i < lent->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (lent, i), ".", 2);
      g_autofree char *alter = g_strdup_printf ("ALTER TABLE %s DROP COLUMN %s",
                                                parts[0], parts[1]);

      if (!_kontor_store_exec (self, alter, error))
        return FALSE;
    }

  return TRUE;
}

/* e-mail addresses, phone numbers and links: rows of their own */
static gboolean
is_child_field (const KontorField *field)
{
  return field->type == KONTOR_FIELD_TYPE_CHANNELS || field->type == KONTOR_FIELD_TYPE_REFS;
}

/* ------------------------------------------------------------------------ */
/* The entities */

static KontorEntityInfo *entities[16];
static guint n_entities;

static void
build_sql (KontorEntityInfo *info)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (info->get_type ());
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);
  GString *insert = g_string_new (NULL);
  GString *values = g_string_new (NULL);
  GString *select = g_string_new ("SELECT t.rid, t.id, t.created_at, t.updated_at, t.rev");
  guint n = 4;

  g_string_printf (insert, "INSERT INTO %s (id, created_at, updated_at, rev", info->table);
  g_string_append (values, "?1, ?2, ?3, ?4");

  for (guint i = 0; i < record_class->n_fields; i++)
    {
      const KontorField *field = &record_class->fields[i];

      if (!is_column_field (field))
        continue;
      g_string_append_printf (insert, ", %s", field->column);
      g_string_append_printf (values, ", ?%u", ++n);
      g_string_append_printf (select, ", t.%s", field->column);
    }
  for (guint i = 0; info->sort_columns[i] != NULL; i++)
    {
      g_string_append_printf (insert, ", %s", info->sort_columns[i]);
      g_string_append_printf (values, ", ?%u", ++n);
    }
  g_string_append_printf (insert, ") VALUES (%s)", values->str);
  g_string_free (values, TRUE);

  if (info->derived_select != NULL)
    g_string_append (select, info->derived_select);
  g_string_append_printf (select, " FROM %s t", info->table);
  if (info->derived_joins != NULL)
    g_string_append (select, info->derived_joins);

  info->insert_sql = g_string_free (insert, FALSE);
  info->select_sql = g_string_free (select, FALSE);

  /* the statements of every save built once: _kontor_store_prepare()
   * finds them by their text, which a printf per call would make anew */
  if (info->search_table != NULL)
    {
      info->search_insert_sql =
        g_strdup_printf ("INSERT INTO %s (rowid, name, company, email, phone, number, notes) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", info->search_table);
      info->search_delete_sql = g_strdup_printf ("DELETE FROM %s WHERE rowid = ?1",
                                                 info->search_table);
    }
  if (info->channel_table != NULL)
    info->channel_insert_sql =
      g_strdup_printf ("INSERT INTO %s (id, owner_id, kind, label, value, position) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", info->channel_table);
  if (info->sort_columns[0] != NULL)
    {
      GString *update = g_string_new (NULL);

      g_string_printf (update, "UPDATE %s SET ", info->table);
      for (n = 0; info->sort_columns[n] != NULL; n++)
        g_string_append_printf (update, "%s%s = ?%u", n > 0 ? ", " : "",
                                info->sort_columns[n], n + 1);
      g_string_append_printf (update, " WHERE rid = ?%u", n + 1);
      info->sort_keys_sql = g_string_free (update, FALSE);
    }
}

/**
 * _kontor_store_register_entity:
 * @info: (transfer none): an entity's description, kept for good
 *
 * Makes @info known to the store and builds its SQL. Called once per
 * entity, from kontor-store-migrations.c, before any store is opened.
 */
void
_kontor_store_register_entity (KontorEntityInfo *info)
{
  g_return_if_fail (n_entities < G_N_ELEMENTS (entities));

  for (guint i = 0; i < n_entities; i++)
    g_return_if_fail (entities[i] != info);

  build_sql (info);
  entities[n_entities++] = info;
}

/**
 * _kontor_entity_info_nth:
 * @n: an index
 *
 * Returns: (nullable): the @n-th registered entity, %NULL past the last
 */
const KontorEntityInfo *
_kontor_entity_info_nth (guint n)
{
  return n < n_entities ? entities[n] : NULL;
}

const KontorEntityInfo *
_kontor_entity_info_for_type (GType type)
{
  for (guint i = 0; i < n_entities; i++)
    {
      if (entities[i]->get_type () == type)
        return entities[i];
    }

  g_critical ("The store keeps no records of type %s (was it opened with kontor_store_open()?)",
              g_type_name (type));

  return NULL;
}

const char *
_kontor_entity_info_get_table (const KontorEntityInfo *info)
{
  return info->table;
}

/* ------------------------------------------------------------------------ */
/* Load */

/* A record of @info from the row @stmt stands on (info->select_sql),
 * without its child rows */
static KontorRecord *
record_from_row (const KontorEntityInfo *info,
                 sqlite3_stmt           *stmt)
{
  KontorRecord *record = g_object_new (info->get_type (), NULL);
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);
  int column = 5;

  kontor_record_set_rowid (record, sqlite3_column_int64 (stmt, 0));
  kontor_record_set_id (record, (const char *) sqlite3_column_text (stmt, 1));
  kontor_record_set_created_at (record, sqlite3_column_int64 (stmt, 2));
  kontor_record_set_updated_at (record, sqlite3_column_int64 (stmt, 3));
  kontor_record_set_rev (record, sqlite3_column_int64 (stmt, 4));

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];
      GValue value = G_VALUE_INIT;

      if (!is_column_field (field))
        continue;

      g_value_init (&value, kontor_field_value_type (field));
      read_value (stmt, column++, field, &value);
      kontor_record_take_value (record, i, &value);
    }
  if (info->load_derived != NULL)
    info->load_derived (record, stmt, column);

  return record;
}

/* What _kontor_store_load_record() does, but a record that is not there is
 * %NULL without an error: a save asks for every record it is given, and
 * most of an import's records are new. */
static KontorRecord *
load_record_if_stored (KontorStore             *self,
                       const KontorEntityInfo  *info,
                       const char              *where,
                       const char              *id,
                       gint64                   rowid,
                       GError                 **error)
{
  g_autofree char *sql = g_strconcat (info->select_sql, where, NULL);
  g_autoptr(KontorRecord) record = NULL;
  sqlite3_stmt *stmt;
  int result;

  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (id != NULL)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, rowid);

  result = _kontor_store_step (self, stmt, error);
  if (result <= 0)
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  record = record_from_row (info, stmt);
  sqlite3_reset (stmt);

  if (!_kontor_store_load_child_rows (self, info, record, error))
    return NULL;

  return g_steal_pointer (&record);
}

/**
 * _kontor_store_load_record:
 * @self: a store
 * @info: an entity
 * @where: " WHERE t.id = ?1" or " WHERE t.rid = ?1"
 * @id: (nullable): the id for ?1, or %NULL to bind @rowid
 * @rowid: the row id for ?1 when @id is %NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %KONTOR_STORE_ERROR_NOT_FOUND
 */
KontorRecord *
_kontor_store_load_record (KontorStore             *self,
                           const KontorEntityInfo  *info,
                           const char              *where,
                           const char              *id,
                           gint64                   rowid,
                           GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  KontorRecord *record = load_record_if_stored (self, info, where, id, rowid, &local_error);

  if (record == NULL && local_error == NULL)
    g_set_error_literal (&local_error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND,
                         _("The record no longer exists. It may have been deleted on "
                           "another computer."));
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return record;
}

/**
 * kontor_store_load:
 * @self: a store
 * @type: a #KontorRecord subtype
 * @id: the record's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (type KontorRecord): the record, or
 *   %NULL with %KONTOR_STORE_ERROR_NOT_FOUND
 */
gpointer
kontor_store_load (KontorStore  *self,
                   GType         type,
                   const char   *id,
                   GError      **error)
{
  const KontorEntityInfo *info;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  info = _kontor_entity_info_for_type (type);
  g_return_val_if_fail (info != NULL, NULL);

  return _kontor_store_load_record (self, info, " WHERE t.id = ?1", id, 0, error);
}

/**
 * kontor_store_load_by_rowid:
 * @self: a store
 * @type: a #KontorRecord subtype
 * @rowid: the record's local row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (type KontorRecord): the record
 */
gpointer
kontor_store_load_by_rowid (KontorStore  *self,
                            GType         type,
                            gint64        rowid,
                            GError      **error)
{
  const KontorEntityInfo *info;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  info = _kontor_entity_info_for_type (type);
  g_return_val_if_fail (info != NULL, NULL);

  return _kontor_store_load_record (self, info, " WHERE t.rid = ?1", NULL, rowid, error);
}

/**
 * _kontor_store_load_rowids:
 * @self: a store
 * @info: an entity
 * @rowids: (element-type gint64): row ids of records of @info
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorRecord) (nullable): the
 *   records, in the order of @rowids
 */
GPtrArray *
_kontor_store_load_rowids (KontorStore             *self,
                           const KontorEntityInfo  *info,
                           GArray                  *rowids,
                           GError                 **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rowids->len; i++)
    {
      KontorRecord *record = _kontor_store_load_record (self, info, " WHERE t.rid = ?1", NULL,
                                                        g_array_index (rowids, gint64, i),
                                                        error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

/**
 * _kontor_store_load_ids:
 * @self: a store
 * @info: an entity
 * @ids: (array zero-terminated=1): ids of stored records of @info
 * @error: return location for a #GError
 *
 * Loads many records with a few statements instead of a few per record:
 * the rows in one, each child table in one more
 * (_kontor_store_load_children_of()). What a change of thousands needs
 * (KontorBulkChange): a third of its time went to loading them one by
 * one (tests/bench "bulk_archive_10k").
 *
 * Returns: (transfer full) (element-type KontorRecord) (nullable): the
 *   records in the order of @ids; %NULL with %KONTOR_STORE_ERROR_NOT_FOUND
 *   when one is not stored
 */
GPtrArray *
_kontor_store_load_ids (KontorStore             *self,
                        const KontorEntityInfo  *info,
                        const char * const      *ids,
                        GError                 **error)
{
  g_autofree char *sql = g_strconcat (info->select_sql,
                                      " WHERE t.id IN (SELECT value FROM json_each (?1))", NULL);
  g_autofree char *ids_json = _kontor_store_dup_ids_json (ids);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       g_object_unref);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  int result;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      KontorRecord *record = record_from_row (info, stmt);

      g_hash_table_insert (by_id, (gpointer) kontor_record_get_id (record), record);
    }
  sqlite3_reset (stmt);
  if (result < 0 || !_kontor_store_load_children_of (self, info, by_id, ids_json, error))
    return NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      KontorRecord *record = g_hash_table_lookup (by_id, ids[i]);

      if (record == NULL)
        {
          g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND,
                               _("The record no longer exists. It may have been deleted on "
                                 "another computer."));
          return NULL;
        }
      g_ptr_array_add (records, g_object_ref (record));
    }

  return g_steal_pointer (&records);
}

/**
 * _kontor_store_load_list:
 * @self: a store
 * @info: an entity
 * @sql: a query for row ids of @info, with at most one parameter
 * @text: (nullable): the text bound to ?1
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorRecord) (nullable): the
 *   records @sql finds, in its order
 */
GPtrArray *
_kontor_store_load_list (KontorStore             *self,
                         const KontorEntityInfo  *info,
                         const char              *sql,
                         const char              *text,
                         GError                 **error)
{
  g_autoptr(GArray) rowids = _kontor_store_select_rowids (self, sql, text, error);

  if (rowids == NULL)
    return NULL;

  return _kontor_store_load_rowids (self, info, rowids, error);
}

/* ------------------------------------------------------------------------ */
/* Insert, update, delete */

/* Removes the tombstone of @id. Returns 1 when there was one of a record
 * the server knows, 0 when not (none, or one of a record deleted before
 * its creation was sent, marked with the revision -1): undoing the delete
 * of a record that never reached the server creates it there, since it
 * has nothing to restore. -1 on error. */
static int
forget_tombstone (KontorStore            *self,
                  const KontorEntityInfo *info,
                  const char             *id,
                  GError                **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "DELETE FROM tombstone WHERE entity = ?1 AND id = ?2 "
                                              "RETURNING rev >= 0",
                                              error);
  gint64 known = 0;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &known, NULL, error) < 0)
    return -1;

  return known ? 1 : 0;
}

/**
 * _kontor_store_insert_record:
 * @self: a store inside a transaction
 * @info: @record's entity
 * @record: a new record
 * @error: return location for a #GError
 *
 * Inserts @record without its entity's checks, giving it an id, row id and
 * times.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_insert_record (KontorStore             *self,
                             const KontorEntityInfo  *info,
                             KontorRecord            *record,
                             GError                 **error)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean new_id = kontor_record_get_id (record) == NULL;
  sqlite3_stmt *stmt;
  int column = 5;

  if (new_id)
    {
      g_autofree char *id = kontor_uuid_v7_new ();
      kontor_record_set_id (record, id);
    }
  if (kontor_record_get_created_at (record) == 0)
    kontor_record_set_created_at (record, now);
  kontor_record_set_updated_at (record, now);

  /* Derived values the sort keys and search document need */
  if (info->derive != NULL)
    info->derive (self, record);

  stmt = _kontor_store_prepare (self, info->insert_sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kontor_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, kontor_record_get_created_at (record));
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, kontor_record_get_rev (record));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (is_column_field (&klass->fields[i]))
        bind_value (stmt, column++, &klass->fields[i], kontor_record_get_value (record, i));
    }
  _kontor_store_bind_sort_keys (self, info, record, stmt, column);

  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  kontor_record_set_rowid (record, sqlite3_last_insert_rowid (self->db));

  for (guint i = 0; i < klass->n_fields; i++)
    {
      /* Children of a new record travel inside its "create" entry. */
      if (is_child_field (&klass->fields[i]) &&
          !_kontor_store_write_child_rows (self, info, record, NULL, i, FALSE, error))
        return FALSE;
    }

  if (!_kontor_store_write_search_document (self, info, record, FALSE, error))
    return FALSE;

  /* A pending "create" carries no values: the sync client sends the record
   * as stored when it pushes (the server has never seen it, so there is no
   * base to compare with). Later edits are in the row and in their own
   * entries; nothing is copied twice, and a deleted person's data is not
   * left behind in the outbox. */
  if (info->outbox)
    {
      /* an id made just now names no deleted record: no tombstone to
       * look for (an import's hundred thousand rows, a form's new one) */
      int restored = new_id ? 0 : forget_tombstone (self, info, kontor_record_get_id (record),
                                                    error);

      /* undoing a delete brings the same record back: "restore" it */
      if (restored < 0 ||
          !_kontor_store_append_outbox (self, info->table, kontor_record_get_id (record),
                                        restored ? "restore" : "create", NULL, NULL, NULL, 0,
                                        error))
        return FALSE;
    }

  if (info->after_write != NULL && !info->after_write (self, record, NULL, error))
    return FALSE;

  _kontor_store_note_insert (self, info->table, kontor_record_get_rowid (record),
                             kontor_record_get_id (record));

  return TRUE;
}

static gint64
get_field_rev (KontorStore            *self,
               const KontorEntityInfo *info,
               gint64                  rowid,
               const char             *column,
               GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(json_extract(field_revs, ?1), 0) "
                                          "FROM %s WHERE rid = ?2", info->table);
  g_autofree char *path = g_strconcat ("$.", column, NULL);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  gint64 rev = -1;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rowid);
  _kontor_store_step_one (self, stmt, &rev, NULL, error);

  return rev;
}

/* Writes what changed between @old and @record, field by field, each
 * stored field with its own outbox entry. Inside a transaction. */
static gboolean
update_record (KontorStore            *self,
               const KontorEntityInfo *info,
               KontorRecord           *record,
               KontorRecord           *old,
               GArray                 *changed,
               GError                **error)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GString) sql = g_string_new (NULL);
  gboolean search_changed = FALSE;
  sqlite3_stmt *stmt;
  int n = 1;

  kontor_record_set_rowid (record, kontor_record_get_rowid (old));
  _kontor_store_forget_names (self, info->table);

  if (info->derive != NULL)
    info->derive (self, record);

  g_string_printf (sql, "UPDATE %s SET updated_at = ?1", info->table);
  for (guint i = 0; i < changed->len; i++)
    {
      const KontorField *field = &klass->fields[g_array_index (changed, guint, i)];

      if (is_column_field (field))
        g_string_append_printf (sql, ", %s = ?%d", field->column, ++n);
    }
  g_string_append_printf (sql, " WHERE rid = ?%d", ++n);

  stmt = _kontor_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  n = 1;
  for (guint i = 0; i < changed->len; i++)
    {
      guint index = g_array_index (changed, guint, i);
      const KontorField *field = &klass->fields[index];

      if (is_column_field (field))
        bind_value (stmt, ++n, field, kontor_record_get_value (record, index));
    }
  sqlite3_bind_int64 (stmt, ++n, kontor_record_get_rowid (record));
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  kontor_record_set_updated_at (record, now);

  for (guint i = 0; i < changed->len; i++)
    {
      guint index = g_array_index (changed, guint, i);
      const KontorField *field = &klass->fields[index];

      search_changed |= (field->flags & KONTOR_FIELD_SEARCH) != 0 ||
                        (info->in_search_document != NULL && info->in_search_document (index));

      if (is_child_field (field))
        {
          if (!_kontor_store_write_child_rows (self, info, record, old, index, info->outbox,
                                               error))
            return FALSE;
        }
      else if (info->outbox && (field->flags & KONTOR_FIELD_STORED) != 0)
        {
          g_autofree char *value_json =
            kontor_field_value_to_json_string (field, kontor_record_get_value (record, index));
          g_autofree char *old_json =
            kontor_field_value_to_json_string (field, kontor_record_get_value (old, index));
          gint64 base_rev = get_field_rev (self, info, kontor_record_get_rowid (record),
                                           field->column, error);

          if (base_rev < 0 ||
              !_kontor_store_append_outbox (self, info->table, kontor_record_get_id (record),
                                            "update", field->column, value_json, old_json,
                                            base_rev, error))
            return FALSE;
        }
    }

  /* the sort keys are made from fields of the search document (names,
   * company, e-mail, phone, number: each entity's sort_texts): an edit of
   * none of them (a status, a board move, an archive of thousands) leaves
   * them as they are */
  if (search_changed && !_kontor_store_write_sort_keys (self, info, record, error))
    return FALSE;
  if (search_changed && !_kontor_store_write_search_document (self, info, record, TRUE, error))
    return FALSE;
  if (info->after_write != NULL && !info->after_write (self, record, old, error))
    return FALSE;
  if (info->after_update != NULL && !info->after_update (self, record, changed, error))
    return FALSE;

  _kontor_store_note_change (self, info->table, kontor_record_get_rowid (record));

  return TRUE;
}

/**
 * _kontor_store_refresh_row:
 * @self: a store inside a transaction
 * @info: an entity
 * @rowid: a record of @info
 * @error: return location for a #GError
 *
 * Re-derives the sort keys and search document of one record, e.g. of a
 * contact after its company was renamed.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_refresh_row (KontorStore             *self,
                           const KontorEntityInfo  *info,
                           gint64                   rowid,
                           GError                 **error)
{
  g_autoptr(KontorRecord) record = _kontor_store_load_record (self, info, " WHERE t.rid = ?1",
                                                              NULL, rowid, error);

  if (record == NULL ||
      !_kontor_store_write_sort_keys (self, info, record, error) ||
      !_kontor_store_write_search_document (self, info, record, TRUE, error))
    return FALSE;

  _kontor_store_note_change (self, info->table, rowid);

  return TRUE;
}

/**
 * _kontor_store_find_record:
 * @self: a store
 * @info: an entity
 * @id: a record's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the record, or %NULL without an
 *   error when there is none
 */
KontorRecord *
_kontor_store_find_record (KontorStore             *self,
                           const KontorEntityInfo  *info,
                           const char              *id,
                           GError                 **error)
{
  return load_record_if_stored (self, info, " WHERE t.id = ?1", id, 0, error);
}

/* Saves one record inside a transaction: insert when it is new, else the
 * changed fields. Sets *changed_anything. */
gboolean
_kontor_store_save_record (KontorStore   *self,
                           KontorRecord  *record,
                           gboolean      *changed_anything,
                           GError       **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));
  g_autoptr(KontorRecord) old = NULL;

  g_return_val_if_fail (info != NULL, FALSE);

  if (kontor_record_get_id (record) != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      old = load_record_if_stored (self, info, " WHERE t.id = ?1",
                                   kontor_record_get_id (record), 0, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return _kontor_store_save_over (self, record, old, changed_anything, error);
}

/**
 * _kontor_store_save_over:
 * @self: a store inside a transaction
 * @record: the record to save
 * @old: (nullable): the record as stored now, loaded inside this
 *   transaction and not changed since; %NULL for a new record
 * @changed_anything: (out): whether anything was written
 * @error: return location for a #GError
 *
 * _kontor_store_save_record() for a caller that loaded the stored record
 * already (a bulk change, which keeps it for its undo): the same checks
 * and writes, one load fewer.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_save_over (KontorStore   *self,
                         KontorRecord  *record,
                         KontorRecord  *old,
                         gboolean      *changed_anything,
                         GError       **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));
  g_autoptr(GArray) changed = NULL;

  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (old == NULL || G_OBJECT_TYPE (old) == G_OBJECT_TYPE (record), FALSE);

  *changed_anything = FALSE;

  /* What the server sends was checked by the machine that made it and by
   * the server; here only the rules that depend on this machine (a
   * birthday this team does not keep) apply (kontor-store-sync.c). */
  if (self->remote)
    {
      if (info->remote_check != NULL && !info->remote_check (self, record, old, error))
        return FALSE;
    }
  /* the role first: a viewer hears that they may not, not what is wrong
   * with what they typed (an unchanged record is no write, so it is
   * refused below, after the diff) */
  else if ((old == NULL &&
            !_kontor_store_check_role (self, G_OBJECT_TYPE (record), KONTOR_ACCESS_CREATE,
                                       error)) ||
           !kontor_record_validate (record, old, error) ||
           (info->check != NULL && !info->check (self, record, old, error)))
    return FALSE;

  if (old == NULL)
    {
      *changed_anything = TRUE;
      return _kontor_store_insert_record (self, info, record, error);
    }

  changed = kontor_record_diff (old, record);
  if (changed->len == 0)
    return TRUE;

  if (!_kontor_store_check_role (self, G_OBJECT_TYPE (record), KONTOR_ACCESS_EDIT, error))
    return FALSE;

  *changed_anything = TRUE;

  return update_record (self, info, record, old, changed, error);
}

/**
 * kontor_store_save:
 * @self: a store
 * @record: a new record, or a changed copy of a stored one
 * @error: return location for a #GError
 *
 * Stores @record in one transaction: a new record (no id yet, or an id the
 * database does not have) is created; for a stored one every changed field
 * is written and gets its outbox entry. On success @record has its id, row
 * id and times, and ids for new e-mail addresses and phone numbers. On
 * failure nothing was written.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_save (KontorStore   *self,
                   KontorRecord  *record,
                   GError       **error)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_kontor_store_begin (self, error) ||
      !_kontor_store_end (self, _kontor_store_save_record (self, record, &changed, error),
                          error))
    return FALSE;

  if (changed && KONTOR_IS_USER (record) && self->current_user != NULL &&
      g_strcmp0 (kontor_record_get_id (record),
                 kontor_record_get_id (KONTOR_RECORD (self->current_user))) == 0)
    _kontor_store_take_current_user (self, KONTOR_USER (record));

  return TRUE;
}

/* An import this large (and at least as large as what is stored) makes
 * the order indexes anew at its end (_kontor_store_drop_order_indexes()) */
#define BULK_INDEX_RECORDS 10000

/**
 * _kontor_store_drop_order_indexes:
 * @self: a store inside a transaction
 * @error: return location for a #GError
 *
 * Drops the list-order indexes of every entity, which no statement of a
 * save reads, before a write of every row (a large import, an upgrade):
 * making them anew at its end is one sort each instead of a hundred
 * thousand inserts at random places, and leaves them packed
 * (src/README.md "Where the bytes go").
 *
 * Returns: (transfer full) (nullable): the SQL that makes them again, for
 *   _kontor_store_create_indexes(), or %NULL on error
 */
GPtrArray *
_kontor_store_drop_order_indexes (KontorStore  *self,
                                  GError      **error)
{
  g_autoptr(GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);

  for (guint e = 0; e < n_entities; e++)
    {
      for (guint i = 0; entities[e]->order_indexes[i] != NULL; i++)
        {
          const char *name = entities[e]->order_indexes[i];
          g_autofree char *sql = NULL;
          g_autofree char *drop = NULL;
          sqlite3_stmt *stmt;

          stmt = _kontor_store_prepare (self, "SELECT sql FROM sqlite_master"
                                              " WHERE type = 'index' AND name = ?1", error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
          if (_kontor_store_step_one (self, stmt, NULL, &sql, error) < 0)
            return NULL;
          if (sql == NULL)
            continue;

          drop = g_strdup_printf ("DROP INDEX %s", name);
          if (!_kontor_store_exec (self, drop, error))
            return NULL;
          g_ptr_array_add (creates, g_steal_pointer (&sql));
        }
    }

  return g_steal_pointer (&creates);
}

/**
 * _kontor_store_create_indexes:
 * @self: a store inside a transaction
 * @creates: (nullable): what _kontor_store_drop_order_indexes() returned
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_create_indexes (KontorStore  *self,
                              GPtrArray    *creates,
                              GError      **error)
{
  for (guint i = 0; creates != NULL && i < creates->len; i++)
    {
      if (!_kontor_store_exec (self, g_ptr_array_index (creates, i), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_store_save_all:
 * @self: a store
 * @records: (element-type KontorRecord): records to save, in order
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves all @records in one transaction (an import, the demo team): all of
 * them or, on an error or cancellation, none.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_save_all (KontorStore   *self,
                       GPtrArray     *records,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) index_creates = NULL;
  gboolean bulk;
  gboolean ok = TRUE;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bulk = records->len > 1000;
  if (bulk)
    _kontor_store_set_bulk (self, TRUE, FALSE);

  if (!_kontor_store_begin (self, error))
    ok = FALSE;

  if (ok && records->len >= BULK_INDEX_RECORDS &&
      (gint64) records->len >= kontor_store_count (self, KONTOR_TYPE_CONTACT, NULL))
    {
      index_creates = _kontor_store_drop_order_indexes (self, error);
      if (index_creates == NULL)
        {
          _kontor_store_rollback (self);
          ok = FALSE;
        }
    }

  for (guint i = 0; ok && i < records->len; i++)
    {
      gboolean changed;

      if ((i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error)) ||
          !_kontor_store_save_record (self, g_ptr_array_index (records, i), &changed, error))
        {
          _kontor_store_rollback (self);
          ok = FALSE;
        }
    }

  if (ok && !_kontor_store_create_indexes (self, index_creates, error))
    {
      _kontor_store_rollback (self);
      ok = FALSE;
    }

  if (ok)
    ok = _kontor_store_commit (self, error);

  if (bulk)
    _kontor_store_set_bulk (self, FALSE, ok);

  return ok;
}

/**
 * _kontor_store_forget_rows:
 * @self: a store inside a transaction
 * @table: the table of records that go with another's delete
 * @column: their column naming that record
 * @id: the id of the record about to be deleted
 * @error: return location for a #GError
 *
 * Records that belong to another (a contact's employments and group
 * memberships, a group's members) go with its delete by ON DELETE
 * CASCADE, as on every machine that learns of the delete: what is still
 * to be sent of them, their history and the state the server confirmed
 * go first, so nothing of them is pushed or kept. @table and @column are
 * the caller's constants, never outside data.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_forget_rows (KontorStore   *self,
                           const char    *table,
                           const char    *column,
                           const char    *id,
                           GError       **error)
{
  g_autofree char *ids = g_strdup_printf ("(SELECT id FROM %s WHERE %s = ?1)", table, column);
  g_autofree char *outbox = g_strdup_printf ("DELETE FROM outbox WHERE entity = '%s' "
                                             "AND state = 'pending' AND entity_id IN %s",
                                             table, ids);
  g_autofree char *journal = g_strconcat ("DELETE FROM journal WHERE entity_id IN ", ids, NULL);
  g_autofree char *shadow = g_strdup_printf ("DELETE FROM record_shadow WHERE entity = '%s' "
                                             "AND id IN %s", table, ids);

  g_assert (self->in_transaction);

  return _kontor_store_exec_with_text (self, outbox, id, error) &&
         _kontor_store_exec_with_text (self, journal, id, error) &&
         _kontor_store_exec_with_text (self, shadow, id, error);
}

/**
 * _kontor_store_delete_record:
 * @self: a store inside a transaction
 * @record: a stored record
 * @error: return location for a #GError
 *
 * What kontor_store_delete() does, inside the caller's transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_delete_record (KontorStore   *self,
                             KontorRecord  *record,
                             GError       **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));
  const char *id = kontor_record_get_id (record);
  g_autoptr(KontorRecord) stored = NULL;
  g_autoptr(GArray) dependents = NULL;
  g_autofree char *sql = NULL;
  const char *user_id = NULL;
  sqlite3_stmt *stmt;
  int unsent;

  g_assert (self->in_transaction);

  if (self->current_user != NULL)
    user_id = kontor_record_get_id (KONTOR_RECORD (self->current_user));

  stored = _kontor_store_load_record (self, info, " WHERE t.id = ?1", id, 0, error);
  if (stored == NULL ||
      !_kontor_store_check_role (self, G_OBJECT_TYPE (stored), KONTOR_ACCESS_DELETE, error))
    return FALSE;

  if (!self->remote && info->check_delete != NULL && !info->check_delete (self, stored, error))
    return FALSE;
  _kontor_store_forget_names (self, info->table);

  /* a record whose creation was never sent is unknown to the server: its
   * tombstone says so, for an undo (forget_tombstone()) */
  stmt = _kontor_store_prepare (self, "SELECT 1 FROM outbox WHERE entity_id = ?1 AND "
                                      "op = 'create' AND state = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  unsent = _kontor_store_step_one (self, stmt, NULL, NULL, error);
  if (unsent < 0)
    return FALSE;

  /* link entries name the owner, so they go with the record's own */
  if (!_kontor_store_drop_outbox (self, id, error) ||
      !_kontor_store_drop_child_outbox (self, info->channel_table, id, error) ||
      !_kontor_store_delete_search_document (self, info, kontor_record_get_rowid (stored), error))
    return FALSE;

  /* e.g. a company's contacts, which lose it (ON DELETE SET NULL) */
  if (info->before_delete != NULL)
    {
      dependents = info->before_delete (self, stored, error);
      if (dependents == NULL)
        return FALSE;
    }

  /* child rows go with ON DELETE CASCADE */
  sql = g_strdup_printf ("DELETE FROM %s WHERE rid = ?1", info->table);
  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kontor_record_get_rowid (stored));
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (dependents != NULL && !info->after_delete (self, dependents, error))
    return FALSE;
  if (info->after_write != NULL && !info->after_write (self, NULL, stored, error))
    return FALSE;

  stmt = _kontor_store_prepare (self,
                                "UPDATE record_shadow SET values_json = NULL, deleted = 1 "
                                "WHERE entity = ?1 AND id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _kontor_store_prepare (self,
                                "INSERT OR REPLACE INTO tombstone (entity, id, deleted_at, "
                                "deleted_by, rev) VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 4, user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, unsent ? -1 : kontor_record_get_rev (stored));
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (info->outbox &&
      !_kontor_store_append_outbox (self, info->table, id, "delete", NULL, NULL, NULL,
                                    kontor_record_get_rev (stored), error))
    return FALSE;

  /* The search index keeps a deleted document's words in its segments
   * until they are merged; the purge after the commit rewrites them. */
  if (info->search_table != NULL && !_kontor_store_mark_purge (self, error))
    return FALSE;

  _kontor_store_note_change (self, info->table, kontor_record_get_rowid (stored));

  return TRUE;
}

/**
 * kontor_store_delete:
 * @self: a store
 * @record: a stored record
 * @error: return location for a #GError
 *
 * Deletes @record for good (feature C9, src/README.md): its row, e-mail addresses,
 * phone numbers, links, search document and unsent outbox entries are
 * wiped; a tombstone (entity, id, time, revision, no personal data) and a
 * "delete" outbox entry tell other machines. One transaction. Then a purge
 * on a worker thread removes the words left in the search index and the
 * old pages in the write-ahead log (see kontor_store_purge()).
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_delete (KontorStore   *self,
                     KontorRecord  *record,
                     GError       **error)
{
  const KontorEntityInfo *info;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_RECORD (record), FALSE);
  g_return_val_if_fail (kontor_record_get_id (record) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));
  g_return_val_if_fail (info != NULL, FALSE);

  if (!_kontor_store_begin (self, error) ||
      !_kontor_store_end (self, _kontor_store_delete_record (self, record, error), error))
    return FALSE;

  /* a contact's words, or an activity's (marked by its hook) */
  if (self->purge_marked)
    _kontor_store_purge_in_background (self);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Other processes' writes */

/**
 * _kontor_store_look_at_data_version:
 * @self: the main store
 * @moved: (out): whether another connection committed since the last
 *   look; %FALSE at the first
 * @error: return location for a #GError
 *
 * Reads `PRAGMA data_version` (which changes only for other connections'
 * commits) and keeps it as the last look. When this process's own worker
 * connections committed since the last look (a job, the sync, the
 * purge, the reminders: each announces what it wrote itself), a moved
 * version is taken for theirs, not for another process's: announcing
 * every kind of record for them reloaded every list and page in the
 * middle of the user's work (the activity timeline lost an edit's
 * refresh, tests/ui/test-activities-ui.c). Another process's commit in
 * the same half second then shows with the next change instead.
 *
 * Returns: %TRUE when it could be read
 */
gboolean
_kontor_store_look_at_data_version (KontorStore  *self,
                                    gboolean     *moved,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 version;

  *moved = FALSE;
  stmt = _kontor_store_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  if (_kontor_store_step (self, stmt, error) != 1)
    {
      sqlite3_reset (stmt);
      if (error != NULL && *error == NULL)
        _kontor_store_set_error (self, SQLITE_ERROR, error);
      return FALSE;
    }
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  *moved = self->other_version >= 0 && self->other_version != version &&
           g_atomic_int_get (&_kontor_store_own_commits) == self->own_commits_seen;
  self->other_version = version;
  self->own_commits_seen = g_atomic_int_get (&_kontor_store_own_commits);

  return TRUE;
}

/**
 * _kontor_store_announce_all:
 * @self: the main store
 * @purge: see _kontor_store_announce ()
 *
 * Announces every kind of record as changed: what another process
 * committed is known only by the version.
 */
void
_kontor_store_announce_all (KontorStore *self,
                            gboolean     purge)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  const KontorEntityInfo *info;

  for (guint i = 0; (info = _kontor_entity_info_nth (i)) != NULL; i++)
    g_ptr_array_add (tables, (gpointer) info->table);
  g_ptr_array_add (tables, (gpointer) "team_setting");
  g_ptr_array_add (tables, NULL);
  _kontor_store_announce (self, (const char * const *) tables->pdata, purge);
}

/**
 * kontor_store_check_other_writers:
 * @self: the main store
 * @error: return location for a #GError
 *
 * Looks whether another process committed to the file since the last
 * look (`PRAGMA data_version`, which changes only for other connections'
 * commits: a `kontor import` from a terminal, another window's process)
 * and, if so, tells the listeners as kontor_store_catch_up () does, for
 * every kind of record: "many rows" each. Cheap enough to be called
 * twice a second (src/README.md "The command line"). The first call only
 * takes the version. Commits of this process's own jobs and sync service
 * move the version too, but kontor_store_catch_up () looks at it when it
 * announces them: they are announced once.
 *
 * Returns: %TRUE when something was announced; %FALSE when nothing
 *   changed, or with @error set
 */
gboolean
kontor_store_check_other_writers (KontorStore  *self,
                                  GError      **error)
{
  gboolean moved;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->worker, FALSE);

  /* inside a transaction the version says nothing new */
  if (self->in_transaction)
    return FALSE;

  if (!_kontor_store_look_at_data_version (self, &moved, error) || !moved)
    return FALSE;

  _kontor_store_announce_all (self, FALSE);

  return TRUE;
}
