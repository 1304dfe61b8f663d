/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"
#include "kontor-record-selection.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_SELECTION_BAR (kontor_selection_bar_get_type ())

G_DECLARE_FINAL_TYPE (KontorSelectionBar, kontor_selection_bar, KONTOR, SELECTION_BAR, AdwBin)

GtkWidget *kontor_selection_bar_new           (KontorContext         *context,
                                               KontorRecordSelection *selection);
void       kontor_selection_bar_set_available (KontorSelectionBar    *self,
                                               gboolean               available);
char     **kontor_selection_bar_dup_ids       (KontorSelectionBar    *self);
GtkLabel  *kontor_selection_bar_get_label     (KontorSelectionBar    *self);

G_END_DECLS
