/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-activity.c: activities, and the last activity of their
 * contacts and companies. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

extern KontorEntityInfo _kontor_store_activity_entity;

void     _kontor_store_append_activity_kinds (GString    *sql,
                                              const char *column,
                                              guint       kinds);
void     _kontor_store_append_activity_participant (GString    *sql,
                                                    const char *alias,
                                                    const char *value);
gboolean _kontor_store_index_activities (KontorStore   *self,
                                         GError       **error);
gboolean _kontor_store_forget_activities (KontorStore   *self,
                                          KontorRecord  *record,
                                          GError       **error);

G_END_DECLS
