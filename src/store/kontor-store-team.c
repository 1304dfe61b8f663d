/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Teams in the store: the server's, like users (kontor-store-user.c).
 * No hooks. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-store-crud.h"
#include "kontor-store-team.h"

KontorEntityInfo _kontor_store_team_entity = {
  .get_type = kontor_team_get_type,
  .table = "team",
  /* written by administrators only, and sent like any record: the
   * server takes them from administrators only (src/README.md "Sync") */
  .outbox = TRUE,
};

/**
 * kontor_store_list_teams:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorTeam): all teams by name
 */
GPtrArray *
kontor_store_list_teams (KontorStore  *self,
                         GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return _kontor_store_load_list (self, &_kontor_store_team_entity,
                                  "SELECT rid FROM team ORDER BY name, rid", NULL, error);
}
