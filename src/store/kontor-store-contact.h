/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-contact.c: contact hooks and board ranks. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

extern KontorEntityInfo _kontor_store_contact_entity;

gboolean          _kontor_store_dup_nearest_rank  (KontorStore  *self,
                                                   const char   *status_id,
                                                   const char   *rank,
                                                   gboolean      above,
                                                   const char   *contact_id,
                                                   char        **nearest,
                                                   GError      **error);
gboolean          _kontor_store_rank_all_contacts (KontorStore  *self,
                                                   GError      **error);

G_END_DECLS
