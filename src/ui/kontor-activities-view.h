/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_ACTIVITIES_VIEW (kontor_activities_view_get_type ())

G_DECLARE_FINAL_TYPE (KontorActivitiesView, kontor_activities_view,
                      KONTOR, ACTIVITIES_VIEW, AdwBin)

GtkWidget    *kontor_activities_view_new             (KontorContext        *context);
GtkWidget    *kontor_activities_view_get_back_button (KontorActivitiesView *self);
GListModel   *kontor_activities_view_get_list        (KontorActivitiesView *self);
KontorFilter *kontor_activities_view_get_filter      (KontorActivitiesView *self);
void          kontor_activities_view_focus_list      (KontorActivitiesView *self);

G_END_DECLS
