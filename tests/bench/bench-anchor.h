/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *bench_anchor_new         (guint      n_items,
                                     guint      n_columns);
void       bench_anchor_replace_all (GtkWidget *anchor);
GtkWidget *bench_anchor_grid_new    (guint      n_items,
                                     int        width,
                                     int        height);

G_END_DECLS
