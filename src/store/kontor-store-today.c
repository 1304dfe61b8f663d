/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* What is due (feature R2, src/README.md "Today"): the open tasks and the
 * contacts' due dates up to a day, the overdue ones included, for the
 * Today page. Each a walk of a short partial index
 * (schema/017-due.sql). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-store-activity.h"
#include "kontor-store-crud.h"

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
