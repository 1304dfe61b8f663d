/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-lead-entry.h"
#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_FIELD_CHANGE (kontor_field_change_get_type ())

G_DECLARE_FINAL_TYPE (KontorFieldChange, kontor_field_change,
                      KONTOR, FIELD_CHANGE, KontorOperation)

KontorFieldChange *kontor_field_change_new        (KontorStore       *store,
                                                   KontorRecord      *record,
                                                   const char        *title);
void               kontor_field_change_set_value  (KontorFieldChange *self,
                                                   guint              index,
                                                   const GValue      *value);
void               kontor_field_change_set_enum   (KontorFieldChange *self,
                                                   guint              index,
                                                   int                value);
void               kontor_field_change_set_string (KontorFieldChange *self,
                                                   guint              index,
                                                   const char        *value);
const char        *kontor_field_change_get_id     (KontorFieldChange *self);
KontorFieldChange *kontor_field_change_new_edit   (KontorStore       *store,
                                                   KontorRecord      *shown,
                                                   KontorRecord      *edited,
                                                   const char        *title);
gboolean           kontor_field_change_is_empty   (KontorFieldChange *self);

KontorFieldChange *kontor_field_change_new_move   (KontorStore       *store,
                                                   KontorContact     *contact,
                                                   const char        *status_id,
                                                   const char        *before_rank,
                                                   const char        *after_rank,
                                                   const char        *title);
KontorFieldChange *kontor_field_change_new_lead_move (KontorStore     *store,
                                                      KontorLeadEntry *entry,
                                                      const char      *status_id,
                                                      const char      *before_rank,
                                                      const char      *after_rank,
                                                      const char      *title);

G_END_DECLS
