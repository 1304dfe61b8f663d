/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-children.c: e-mail addresses, phone numbers and links. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

gboolean  _kontor_store_write_child_rows (KontorStore             *self,
                                          const KontorEntityInfo  *info,
                                          KontorRecord            *record,
                                          KontorRecord            *old,
                                          guint                    index,
                                          gboolean                 outbox,
                                          GError                 **error);
gboolean  _kontor_store_load_children_of (KontorStore             *self,
                                          const KontorEntityInfo  *info,
                                          GHashTable              *by_id,
                                          const char              *ids_json,
                                          GError                 **error);
gboolean  _kontor_store_load_child_rows  (KontorStore             *self,
                                          const KontorEntityInfo  *info,
                                          KontorRecord            *record,
                                          GError                 **error);

G_END_DECLS
