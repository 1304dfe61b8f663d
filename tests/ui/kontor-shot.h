/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean kontor_widget_save_png      (GtkWidget   *widget,
                                      const char  *path,
                                      GError     **error);
void     kontor_test_take_screenshot (GtkWidget   *widget,
                                      const char  *path);
void     kontor_test_take_screenshots (GtkWidget  *widget,
                                       const char *path);

G_END_DECLS
