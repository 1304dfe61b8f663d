/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The outbox: one row per local change waiting to be sent to the server,
 * written in the transaction of the change itself. Values arrive as JSON
 * text, made by the model (kontor-record-json.c). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-store-outbox.h"

/* Binds what an outbox entry and a journal row share, at the same
 * parameters: ?1 entity, ?2 id, ?3 op, ?4 field, ?5 new value, ?6 old
 * value, ?8 user, ?9 time */
static void
bind_entry (sqlite3_stmt *stmt,
            const char   *entity,
            const char   *entity_id,
            const char   *op,
            const char   *field,
            const char   *value_json,
            const char   *old_value_json,
            const char   *user_id,
            gint64        now)
{
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, op, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, value_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, old_value_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, now);
}

/**
 * _kontor_store_append_outbox:
 * @self: a store inside a transaction
 * @entity: the record's entity
 * @entity_id: the record's id
 * @op: "create", "update", "delete" or "restore"
 * @field: (nullable): the changed field, for "update"
 * @value_json: (nullable): the new value as JSON
 * @old_value_json: (nullable): the value before, for the change history
 * @base_rev: the revision the change is based on
 * @error: return location for a #GError
 *
 * Appends one outbox entry. A second edit of the same field while the first
 * is still pending replaces its value and keeps the first base revision and
 * old value (src/README.md "Sync"), so the server judges the edit against what the
 * user last saw from it. An edit of a field whose earlier edit is already on
 * its way to the server carries that entry's client_seq as after_local_seq
 * ("chained edits"), so the two do not conflict with each other. While
 * the store applies what the server sent (kontor-store-sync.c) it writes
 * nothing here.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_append_outbox (KontorStore  *self,
                             const char   *entity,
                             const char   *entity_id,
                             const char   *op,
                             const char   *field,
                             const char   *value_json,
                             const char   *old_value_json,
                             gint64        base_rev,
                             GError      **error)
{
  const char *user_id = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 after_local_seq = 0;

  g_assert (self->in_transaction);

  /* what the server decided is no local change to send back */
  if (self->remote)
    return TRUE;

  if (self->current_user != NULL)
    user_id = kontor_record_get_id (KONTOR_RECORD (self->current_user));

  /* every change but a creation goes to the journal too, before two
   * edits become one outbox entry (src/README.md "The outbox as history") */
  if (!g_str_equal (op, "create"))
    {
      /* the parameters of the outbox's insert below, ?7 aside */
      stmt = _kontor_store_prepare (self,
                                    "INSERT INTO journal (entity, entity_id, op, field, "
                                    "new_json, old_json, user_id, at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      bind_entry (stmt, entity, entity_id, op, field, value_json, old_value_json, user_id, now);
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (g_str_equal (op, "update") && field != NULL)
    {
      stmt = _kontor_store_prepare (self,
                                    "UPDATE outbox SET value_json = ?1, created_at = ?2 "
                                    "WHERE entity_id = ?3 AND field = ?4 AND state = 'pending' "
                                    "AND op = 'update'",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, value_json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_text (stmt, 3, entity_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, field, -1, SQLITE_TRANSIENT);
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->db) > 0)
        {
          /* Edited back to what the server last had (archive, then undo):
           * there is nothing left to send. */
          stmt = _kontor_store_prepare (self,
                                        "DELETE FROM outbox WHERE entity_id = ?1 AND field = ?2 "
                                        "AND state = 'pending' AND op = 'update' "
                                        "AND value_json IS old_value_json",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
          return _kontor_store_step_done (self, stmt, error);
        }

      /* the numbers the server knows are push_seq (kontor-store-sync.c);
       * a record whose creation is on its way counts as an edit of each
       * of its fields */
      stmt = _kontor_store_prepare (self,
                                    "SELECT max(push_seq) FROM outbox WHERE entity_id = ?1 "
                                    "AND state = 'inflight' AND ((op = 'update' AND field = ?2) "
                                    "OR op IN ('create', 'restore'))",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
      if (_kontor_store_step (self, stmt, error) < 0)
        return FALSE;
      after_local_seq = sqlite3_column_int64 (stmt, 0);   /* NULL: 0 */
      sqlite3_reset (stmt);
    }

  stmt = _kontor_store_prepare (self,
                                "INSERT INTO outbox (entity, entity_id, op, field, value_json, "
                                "old_value_json, base_rev, user_id, created_at, after_local_seq) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                error);
  if (stmt == NULL)
    return FALSE;

  bind_entry (stmt, entity, entity_id, op, field, value_json, old_value_json, user_id, now);
  sqlite3_bind_int64 (stmt, 7, base_rev);
  if (after_local_seq > 0)
    sqlite3_bind_int64 (stmt, 10, after_local_seq);
  else
    sqlite3_bind_null (stmt, 10);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_store_get_shadow_rev:
 * @self: a store
 * @entity: a synced entity without revision columns of its own (a child
 *   row, a setting)
 * @id: its row's id
 * @field: (nullable): a field, or %NULL for the row's revision
 * @error: return location for a #GError
 *
 * The revision the server last confirmed of a row that keeps it in
 * record_shadow rather than in its own table: the base revision of an
 * edit or delete of it.
 *
 * Returns: the revision, 0 for a row the server never confirmed, -1 on
 *   error
 */
gint64
_kontor_store_get_shadow_rev (KontorStore  *self,
                              const char   *entity,
                              const char   *id,
                              const char   *field,
                              GError      **error)
{
  g_autofree char *path = field != NULL ? g_strconcat ("$.", field, NULL) : NULL;
  sqlite3_stmt *stmt;
  gint64 rev = 0;

  stmt = _kontor_store_prepare (self,
                                "SELECT CASE WHEN ?3 IS NULL THEN rev ELSE "
                                "coalesce(json_extract(field_revs_json, ?3), 0) END "
                                "FROM record_shadow WHERE entity = ?1 AND id = ?2",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, path, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &rev, NULL, error) < 0)
    return -1;

  return rev;
}

/**
 * _kontor_store_forget_shadow_revs:
 * @self: a store inside a transaction
 * @entity: a child row's entity
 * @id: its id
 * @error: return location for a #GError
 *
 * Forgets the field revisions the server confirmed of a row written anew
 * from an old copy (a delete undone), so that the server's state of it,
 * which it sends again, is taken whatever revision it has.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_forget_shadow_revs (KontorStore  *self,
                                  const char   *entity,
                                  const char   *id,
                                  GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "UPDATE record_shadow SET field_revs_json = '{}' "
                                              "WHERE entity = ?1 AND id = ?2",
                                              error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_store_append_row_update:
 * @self: a store inside a transaction
 * @entity: a setting's entity ("number_range", "team_setting")
 * @id: its row's id
 * @field: the changed field
 * @value_json: the new value as JSON
 * @old_value_json: the value before
 * @error: return location for a #GError
 *
 * The "update" entry of a row that keeps its revisions in the shadow,
 * based on the revision the server last confirmed.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_append_row_update (KontorStore  *self,
                                 const char   *entity,
                                 const char   *id,
                                 const char   *field,
                                 const char   *value_json,
                                 const char   *old_value_json,
                                 GError      **error)
{
  gint64 base_rev = _kontor_store_get_shadow_rev (self, entity, id, field, error);

  return base_rev >= 0 &&
         _kontor_store_append_outbox (self, entity, id, "update", field, value_json,
                                      old_value_json, base_rev, error);
}

/**
 * _kontor_store_drop_outbox:
 * @self: a store inside a transaction
 * @entity_id: a record or child row id
 * @error: return location for a #GError
 *
 * Removes the pending entries of a record about to be deleted: they hold
 * the values of a person who must be gone for good (feature C9, src/README.md).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_drop_outbox (KontorStore  *self,
                           const char   *entity_id,
                           GError      **error)
{
  /* and its history, which holds the same values */
  return _kontor_store_exec_with_text (self, "DELETE FROM outbox WHERE entity_id = ?1 AND "
                                       "state = 'pending'", entity_id, error) &&
         _kontor_store_exec_with_text (self, "DELETE FROM journal WHERE entity_id = ?1",
                                       entity_id, error);
}

/**
 * _kontor_store_drop_child_outbox:
 * @self: a store inside a transaction
 * @table: (nullable): a child table ("contact_channel")
 * @owner_id: the record whose child rows' entries go
 * @error: return location for a #GError
 *
 * Like _kontor_store_drop_outbox() for every child row of @owner_id.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_drop_child_outbox (KontorStore  *self,
                                 const char   *table,
                                 const char   *owner_id,
                                 GError      **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *journal_sql = NULL;

  if (table == NULL)
    return TRUE;

  sql = g_strdup_printf ("DELETE FROM outbox WHERE state = 'pending' AND entity_id IN "
                         "(SELECT id FROM %s WHERE owner_id = ?1)", table);
  /* and the history of its e-mail addresses and phone numbers */
  journal_sql = g_strdup_printf ("DELETE FROM journal WHERE entity_id IN "
                                 "(SELECT id FROM %s WHERE owner_id = ?1)", table);

  return _kontor_store_exec_with_text (self, sql, owner_id, error) &&
         _kontor_store_exec_with_text (self, journal_sql, owner_id, error);
}

/**
 * kontor_store_count_outbox:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: the number of changes waiting to be sent, or -1 on error
 */
gint64
kontor_store_count_outbox (KontorStore  *self,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (KONTOR_IS_STORE (self), -1);

  stmt = _kontor_store_prepare (self, "SELECT count(*) FROM outbox", error);
  if (stmt != NULL)
    _kontor_store_step_one (self, stmt, &count, NULL, error);

  return count;
}

/**
 * kontor_change_free:
 * @change: a change of a record's history
 */
void
kontor_change_free (KontorChange *change)
{
  if (change == NULL)
    return;

  g_free (change->op);
  g_free (change->field);
  g_free (change->old_json);
  g_free (change->new_json);
  g_free (change->user_id);
  g_free (change);
}

/**
 * kontor_store_list_changes:
 * @self: a store
 * @id: a record's id
 * @limit: at most this many, the newest
 * @error: return location for a #GError
 *
 * The record's history (feature X8): every change of a field, who made
 * it, the value before and after, when; a board move and a company change
 * are changes of their fields. Kept in the journal, which the push of the
 * outbox does not empty.
 *
 * Returns: (transfer full) (element-type KontorChange) (nullable): the
 *   changes, the newest first
 */
GPtrArray *
kontor_store_list_changes (KontorStore  *self,
                           const char   *id,
                           guint         limit,
                           GError      **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_change_free);
  sqlite3_stmt *stmt;
  int result;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT op, field, old_json, new_json, user_id, at FROM journal "
                                "WHERE entity_id = ?1 ORDER BY rid DESC LIMIT ?2",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      KontorChange *change = g_new0 (KontorChange, 1);

      change->op = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->field = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      change->old_json = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      change->new_json = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      change->user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      change->at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);

  return result < 0 ? NULL : g_steal_pointer (&changes);
}
