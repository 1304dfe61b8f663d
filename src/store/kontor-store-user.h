/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-user.c: users. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

extern KontorEntityInfo _kontor_store_user_entity;

gboolean _kontor_store_check_sales_reps (KontorStore        *self,
                                         const char * const *sales_reps,
                                         const char * const *old_sales_reps,
                                         GError            **error);
void     _kontor_store_set_merging_sales_reps (KontorStore        *self,
                                               KontorRecord       *kept,
                                               KontorRecord       *removed);

G_END_DECLS
