/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_GROUP_CHANGE (kontor_group_change_get_type ())

G_DECLARE_FINAL_TYPE (KontorGroupChange, kontor_group_change,
                      KONTOR, GROUP_CHANGE, KontorOperation)

KontorGroupChange *kontor_group_change_new_add     (KontorStore        *store,
                                                    KontorGroup        *group,
                                                    const char * const *contact_ids);
KontorGroupChange *kontor_group_change_new_remove  (KontorStore        *store,
                                                    KontorGroup        *group,
                                                    const char * const *contact_ids);
const char        *kontor_group_change_get_group_id (KontorGroupChange *self);
guint              kontor_group_change_get_n_changed (KontorGroupChange *self);
guint              kontor_group_change_get_n_skipped (KontorGroupChange *self);

G_END_DECLS
