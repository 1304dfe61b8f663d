/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Contact groups in the store: a name and the users it links to. No
 * hooks. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-group.h"
#include "kontor-store-group.h"

KontorEntityInfo _kontor_store_group_entity = {
  .get_type = kontor_group_get_type,
  .table = "contact_group",
  .outbox = TRUE,
  .link_table = "contact_group_link",
};
