/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Former employments in the store (feature C3, src/README.md "Employer history"). They
 * sync like every record; no sort keys or search of their own: a contact
 * and a company list theirs by an index. No hooks: the foreign keys keep
 * them to a stored contact and company. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-store-crud.h"
#include "kontor-store-employment.h"

KontorEntityInfo _kontor_store_employment_entity = {
  .get_type = kontor_employment_get_type,
  .table = "employment",
  .outbox = TRUE,
};

/**
 * kontor_store_list_employments:
 * @self: a store
 * @owner: a stored contact or company
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorEmployment) (nullable): the
 *   former employments of a contact, or the former employees of a
 *   company, the most recent first
 */
GPtrArray *
kontor_store_list_employments (KontorStore   *self,
                               KontorRecord  *owner,
                               GError       **error)
{
  const char *sql;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTACT (owner) || KONTOR_IS_COMPANY (owner), NULL);

  if (KONTOR_IS_CONTACT (owner))
    sql = "SELECT rid FROM employment WHERE contact_id = ?1 "
          "ORDER BY ended_on DESC, rid DESC";
  else
    sql = "SELECT rid FROM employment WHERE company_id = ?1 "
          "ORDER BY ended_on DESC, rid DESC";

  return _kontor_store_load_list (self, &_kontor_store_employment_entity, sql,
                                  kontor_record_get_id (owner), error);
}

/**
 * _kontor_store_forget_employments:
 * @self: a store inside a transaction
 * @record: a contact or a company about to be deleted
 * @error: return location for a #GError
 *
 * Its employments go with it (ON DELETE CASCADE), as on every machine
 * that learns of the delete (_kontor_store_forget_rows()).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_forget_employments (KontorStore   *self,
                                  KontorRecord  *record,
                                  GError       **error)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (record) || KONTOR_IS_COMPANY (record), FALSE);

  return _kontor_store_forget_rows (self, "employment",
                                    KONTOR_IS_CONTACT (record) ? "contact_id" : "company_id",
                                    kontor_record_get_id (record), error);
}
