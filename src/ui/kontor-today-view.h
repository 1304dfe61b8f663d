/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_TODAY_VIEW (kontor_today_view_get_type ())

G_DECLARE_FINAL_TYPE (KontorTodayView, kontor_today_view, KONTOR, TODAY_VIEW, AdwBin)

GtkWidget *kontor_today_view_new             (KontorContext   *context);
GtkWidget *kontor_today_view_get_back_button (KontorTodayView *self);
guint      kontor_today_view_get_n_due       (KontorTodayView *self);
void       kontor_today_view_focus_first     (KontorTodayView *self);

G_END_DECLS
