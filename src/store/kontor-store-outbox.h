/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-outbox.c: above kontor-store.c, below everything that
 * writes records. */

#include "kontor-store-db.h"

G_BEGIN_DECLS

gboolean      _kontor_store_append_outbox  (KontorStore   *self,
                                            const char    *entity,
                                            const char    *entity_id,
                                            const char    *op,
                                            const char    *field,
                                            const char    *value_json,
                                            const char    *old_value_json,
                                            gint64         base_rev,
                                            GError       **error);
gint64        _kontor_store_get_shadow_rev (KontorStore   *self,
                                            const char    *entity,
                                            const char    *id,
                                            const char    *field,
                                            GError       **error);
gboolean      _kontor_store_append_row_update (KontorStore *self,
                                            const char    *entity,
                                            const char    *id,
                                            const char    *field,
                                            const char    *value_json,
                                            const char    *old_value_json,
                                            GError       **error);
gboolean      _kontor_store_forget_shadow_revs (KontorStore *self,
                                            const char    *entity,
                                            const char    *id,
                                            GError       **error);
gboolean      _kontor_store_drop_outbox    (KontorStore   *self,
                                            const char    *entity_id,
                                            GError       **error);
gboolean      _kontor_store_drop_child_outbox (KontorStore *self,
                                            const char    *table,
                                            const char    *owner_id,
                                            GError       **error);

G_END_DECLS
