/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* What is due (feature R2, src/README.md "Today"): the open tasks and the
 * contacts' due dates up to a day, the overdue ones included, for the
 * Today page. Each a walk of a short partial index
 * (schema/017-due.sql). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-store-activity.h"
#include "kontor-store-contact.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"

/**
 * kontor_store_list_due_tasks:
 * @self: a store
 * @until: the last day, "YYYY-MM-DD" (today, for the Today page)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorActivity) (nullable): the
 *   open tasks due on or before @until, the longest overdue first
 */
GPtrArray *
kontor_store_list_due_tasks (KontorStore  *self,
                             const char   *until,
                             GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (until != NULL, NULL);

  return _kontor_store_load_list (self, &_kontor_store_activity_entity,
                                  "SELECT rid FROM activity WHERE kind = 0 AND done = 0 "
                                  "AND due_on IS NOT NULL AND due_on <= ?1 "
                                  "ORDER BY due_on, rid",
                                  until, error);
}

/**
 * kontor_store_list_due_contacts:
 * @self: a store
 * @until: the last day, "YYYY-MM-DD"
 * @error: return location for a #GError
 *
 * The contacts whose due date (feature P8) is on or before @until, the
 * longest overdue first; archived ones are left alone (feature C4).
 *
 * Returns: (transfer full) (element-type KontorContact) (nullable): the
 *   contacts
 */
GPtrArray *
kontor_store_list_due_contacts (KontorStore  *self,
                                const char   *until,
                                GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (until != NULL, NULL);

  return _kontor_store_load_list (self, _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT),
                                  "SELECT rid FROM contact WHERE due_date IS NOT NULL "
                                  "AND due_date <= ?1 AND status != 3 "
                                  "ORDER BY due_date, rid",
                                  until, error);
}

/* When a contact with an interval is due for "stay in touch": the same
 * expression as the index of schema/021-keep-in-touch.sql, so the range
 * below is a walk of it */
#define KEEP_IN_TOUCH_DUE \
  "(CASE WHEN last_activity_at > 0 THEN last_activity_at ELSE created_at END)" \
  " + keep_in_touch_days * 86400"

/**
 * kontor_store_list_keep_in_touch:
 * @self: a store
 * @now: the time now, Unix seconds
 * @user_id: (nullable): the current user, %NULL for every contact
 * @error: return location for a #GError
 *
 * The contacts to stay in touch with (feature R2, src/README.md
 * "Reminders"): those with an interval (`keep-in-touch-days`) that had
 * no activity for that long — since their last activity, or since they
 * were made when they had none —, the longest due first. Of them, those
 * whose sales reps include @user_id, and those without any sales rep
 * (nobody else would be told); archived ones are left alone (feature C4).
 *
 * Returns: (transfer full) (element-type KontorContact) (nullable): the
 *   contacts, %NULL on error
 */
GPtrArray *
kontor_store_list_keep_in_touch (KontorStore  *self,
                                 gint64        now,
                                 const char   *user_id,
                                 GError      **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT c.rid FROM contact c "
                                "WHERE c.keep_in_touch_days > 0 AND " KEEP_IN_TOUCH_DUE " <= ?1 "
                                "AND c.status != 3 "
                                "AND (?2 IS NULL "
                                "OR EXISTS (SELECT 1 FROM contact_link l WHERE l.owner_id = c.id "
                                "AND l.kind = 0 AND l.target_id = ?2) "
                                "OR NOT EXISTS (SELECT 1 FROM contact_link l "
                                "WHERE l.owner_id = c.id AND l.kind = 0)) "
                                "ORDER BY " KEEP_IN_TOUCH_DUE ", c.rid",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  if (user_id != NULL)
    sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);

  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  if (rc < 0)
    return NULL;
  sqlite3_reset (stmt);

  return _kontor_store_load_rowids (self, &_kontor_store_contact_entity, rowids, error);
}
