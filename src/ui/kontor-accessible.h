/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kontor_accessible_label_list_item   (GtkWidget         *child,
                                          GtkAccessibleRole  role,
                                          const char        *label);
void kontor_accessible_label_drop_down   (GtkDropDown       *drop_down);
void kontor_accessible_label_calendar    (GtkCalendar       *calendar);
void kontor_accessible_label_search_entry (GtkWidget        *root,
                                          const char       *label);
void kontor_accessible_label_shortcuts   (GtkShortcutsWindow *window);
void kontor_accessible_name_on_map       (void);

G_END_DECLS
