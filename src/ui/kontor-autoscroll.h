/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kontor_autoscroll_attach (GtkScrolledWindow *scroller,
                               GtkOrientation     orientation);

G_END_DECLS
