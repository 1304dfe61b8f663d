/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_NUMBER_RANGE_GROUP (kontor_number_range_group_get_type ())

G_DECLARE_FINAL_TYPE (KontorNumberRangeGroup, kontor_number_range_group,
                      KONTOR, NUMBER_RANGE_GROUP, AdwPreferencesGroup)

GtkWidget *kontor_number_range_group_new           (KontorContext          *context,
                                                    GType                   record_type);
void       kontor_number_range_group_store_pending (KontorNumberRangeGroup *self);

G_END_DECLS
