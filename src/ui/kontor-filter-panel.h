/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_FILTER_PANEL (kontor_filter_panel_get_type ())

G_DECLARE_FINAL_TYPE (KontorFilterPanel, kontor_filter_panel, KONTOR, FILTER_PANEL, AdwBin)

GtkWidget     *kontor_filter_panel_new              (KontorContext     *context,
                                                     KontorFilter      *filter);
void           kontor_filter_panel_focus            (KontorFilterPanel *self);

/* "assigned to" as the quick filter and the panel offer it */
GtkStringList *kontor_assignment_list               (KontorContext     *context,
                                                     GPtrArray         *choices);
guint          kontor_assignment_find               (GPtrArray         *choices,
                                                     KontorFilter      *filter);
void           kontor_assignment_apply              (const char        *choice,
                                                     KontorFilter      *filter);

G_END_DECLS
