/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Users in the store. Users and teams are the server's (its admin command
 * manages them, feature S7, src/README.md); the client keeps a copy and never pushes
 * them. No hooks. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-store-crud.h"
#include "kontor-store-user.h"

KontorEntityInfo _kontor_store_user_entity = {
  .get_type = kontor_user_get_type,
  .table = "app_user",
  .link_table = "app_user_link",
};

/**
 * kontor_store_list_users:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorUser): all users by name
 */
GPtrArray *
kontor_store_list_users (KontorStore  *self,
                         GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return _kontor_store_load_list (self, &_kontor_store_user_entity,
                                  "SELECT rid FROM app_user "
                                  "ORDER BY coalesce(full_name, username), rid",
                                  NULL, error);
}
