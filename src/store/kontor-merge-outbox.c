/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/*
 * The undo of a merge whose delete has not been sent (src/README.md
 * "Duplicates"). A merge deletes the removed contact, and the delete drops
 * the contact's unsent outbox entries (kontor-store-crud.c) and leaves a
 * pending `delete`. Undone as every undone delete is, that would send the
 * delete and then a `restore`: every other machine deletes the contact
 * with its activities, former employers and group memberships, and the
 * restore brings back only its own row and child rows; the edits made
 * before the merge would be gone too. So while the delete is still
 * pending, the undo takes it back here instead: the pending `delete` and
 * the `restore` the re-insert appended go, and the entries the delete
 * dropped come back as they were (same numbers, so in their order), with
 * the contact's revisions and shadow. The server never hears of the
 * merge's delete; the moves and their moving back are ordinary edits.
 */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <sqlite3.h>

#include "kontor-merge-outbox.h"
#include "kontor-store-db.h"

struct _KontorUnsentEntries
{
  GPtrArray *rows;      /* of GPtrArray of sqlite3_value: outbox rows */
  GPtrArray *shadow;    /* the contact's record_shadow row, or %NULL */
  char      *entity;    /* "contact" or "company" */
  char      *field_revs;
  gint64     rev;
};

static void
values_free (gpointer data)
{
  GPtrArray *values = data;

  for (guint i = 0; i < values->len; i++)
    sqlite3_value_free (g_ptr_array_index (values, i));
  g_ptr_array_free (values, TRUE);
}

void
_kontor_unsent_entries_free (KontorUnsentEntries *kept)
{
  if (kept == NULL)
    return;
  g_clear_pointer (&kept->rows, g_ptr_array_unref);
  g_clear_pointer (&kept->shadow, values_free);
  g_free (kept->field_revs);
  g_free (kept->entity);
  g_free (kept);
}

static GPtrArray *
dup_row (sqlite3_stmt *stmt)
{
  GPtrArray *values = g_ptr_array_new ();

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_ptr_array_add (values, sqlite3_value_dup (sqlite3_column_value (stmt, i)));

  return values;
}

/**
 * _kontor_store_keep_unsent:
 * @self: a store inside the merge's transaction, before the delete
 * @entity: the merged records' entity, "contact" or "company"
 * @removed_id: the record the merge deletes
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the contact's pending outbox entries (its own,
 * its links' and its e-mail addresses' and phone numbers'), its field
 * revisions and its shadow; %NULL on error
 */
KontorUnsentEntries *
_kontor_store_keep_unsent (KontorStore  *self,
                           const char   *entity,
                           const char   *removed_id,
                           GError      **error)
{
  g_autoptr(KontorUnsentEntries) kept = g_new0 (KontorUnsentEntries, 1);
  g_autofree char *entries_sql = NULL;
  g_autofree char *shadow_sql = NULL;
  g_autofree char *revs_sql = NULL;
  g_autofree char *rev_sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (g_str_equal (entity, "contact") || g_str_equal (entity, "company"), NULL);

  kept->entity = g_strdup (entity);
  kept->rows = g_ptr_array_new_with_free_func (values_free);
  entries_sql = g_strdup_printf ("SELECT * FROM outbox WHERE state = 'pending' AND "
                                 "(entity_id = ?1 OR entity_id IN (SELECT id FROM "
                                 "%s_channel WHERE owner_id = ?1)) "
                                 "ORDER BY client_seq", entity);
  stmt = _kontor_store_prepare (self, entries_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    g_ptr_array_add (kept->rows, dup_row (stmt));
  if (rc < 0)
    return NULL;

  shadow_sql = g_strdup_printf ("SELECT * FROM record_shadow WHERE entity = '%s' AND id = ?1",
                                entity);
  stmt = _kontor_store_prepare (self, shadow_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  rc = _kontor_store_step (self, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == 1)
    kept->shadow = dup_row (stmt);
  sqlite3_reset (stmt);

  revs_sql = g_strdup_printf ("SELECT field_revs FROM %s WHERE id = ?1", entity);
  stmt = _kontor_store_prepare (self, revs_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, NULL, &kept->field_revs, error) < 0)
    return NULL;
  rev_sql = g_strdup_printf ("SELECT rev FROM %s WHERE id = ?1", entity);
  stmt = _kontor_store_prepare (self, rev_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &kept->rev, NULL, error) < 0)
    return NULL;

  return g_steal_pointer (&kept);
}

/**
 * _kontor_store_has_unsent_delete:
 * @self: a store inside a transaction
 * @removed_id: a deleted contact or company
 * @unsent: (out): whether its `delete` waits in the outbox, not sent
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_has_unsent_delete (KontorStore  *self,
                                 const char   *removed_id,
                                 gboolean     *unsent,
                                 GError      **error)
{
  /* ids are UUIDs: a contact's and a company's never meet */
  sqlite3_stmt *stmt = _kontor_store_prepare (self, "SELECT 1 FROM outbox WHERE entity_id = ?1 "
                                                    "AND op = 'delete' AND state = 'pending'",
                                              error);
  int found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  found = _kontor_store_step_one (self, stmt, NULL, NULL, error);
  *unsent = found > 0;

  return found >= 0;
}

static gboolean
insert_row (KontorStore  *self,
            const char   *table,
            GPtrArray    *values,
            GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT OR REPLACE INTO ");
  sqlite3_stmt *stmt;

  g_string_append_printf (sql, "%s VALUES (", table);
  for (guint i = 0; i < values->len; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append_c (sql, ')');
  stmt = _kontor_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    sqlite3_bind_value (stmt, (int) i + 1, g_ptr_array_index (values, i));

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_store_undo_unsent_delete:
 * @self: a store inside the undo's transaction, after the contact was
 *   inserted again
 * @kept: what _kontor_store_keep_unsent() kept before the delete
 * @removed_id: the contact
 * @error: return location for a #GError
 *
 * Takes back the merge's delete, not sent: its pending entries (the
 * `delete`, the `restore` of the re-insert) go, and those the delete
 * dropped come back, with the contact's revisions and shadow.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_undo_unsent_delete (KontorStore          *self,
                                  KontorUnsentEntries  *kept,
                                  const char           *removed_id,
                                  GError              **error)
{
  g_autofree char *update_sql = NULL;
  sqlite3_stmt *stmt;

  if (!_kontor_store_exec_with_text (self, "DELETE FROM outbox WHERE state = 'pending' AND "
                                           "entity_id = ?1", removed_id, error))
    return FALSE;
  for (guint i = 0; i < kept->rows->len; i++)
    if (!insert_row (self, "outbox", g_ptr_array_index (kept->rows, i), error))
      return FALSE;
  if (kept->shadow != NULL && !insert_row (self, "record_shadow", kept->shadow, error))
    return FALSE;

  update_sql = g_strdup_printf ("UPDATE %s SET field_revs = ?2, rev = ?3 WHERE id = ?1",
                                kept->entity);
  stmt = _kontor_store_prepare (self, update_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kept->field_revs != NULL ? kept->field_revs : "{}", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, kept->rev);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_store_send_delete_last:
 * @self: a store inside the merge's transaction, after the kept contact
 *   was saved
 * @removed_id: the contact the merge deleted
 * @error: return location for a #GError
 *
 * Puts the merge's pending `delete` after the kept contact's entries (the
 * e-mail addresses and phone numbers it took over): the server, taking the
 * delete, gives the kept contact every address of the removed one it does
 * not have yet (src/protocol/PROTOCOL.md "Pushing"), and must find those
 * the merge united there already, not make them a second time.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_send_delete_last (KontorStore  *self,
                                const char   *removed_id,
                                GError      **error)
{
  return _kontor_store_exec_with_text (self,
                                       "INSERT INTO outbox (entity, entity_id, op, field, "
                                       "value_json, old_value_json, base_rev, after_local_seq, "
                                       "user_id, created_at, state, attempts, last_error) "
                                       "SELECT entity, entity_id, op, field, value_json, "
                                       "old_value_json, base_rev, after_local_seq, user_id, "
                                       "created_at, state, attempts, last_error FROM outbox "
                                       "WHERE entity_id = ?1 AND "
                                       "op = 'delete' AND state = 'pending' AND "
                                       "push_seq IS NULL",
                                       removed_id, error) &&
         _kontor_store_exec_with_text (self,
                                       "DELETE FROM outbox WHERE "
                                       "entity_id = ?1 AND op = 'delete' AND state = 'pending' "
                                       "AND push_seq IS NULL "
                                       "AND client_seq < (SELECT max (client_seq) FROM outbox)",
                                       removed_id, error);
}
