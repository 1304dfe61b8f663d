/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-window.h"

G_BEGIN_DECLS

typedef gboolean (*KontorTestMatch) (GtkWidget  *widget,
                                     const void *data);

gboolean          kontor_test_ui_init               (int        *argc,
                                                     char     ***argv);
void              kontor_test_assert_accessible     (GtkWidget  *root);
GtkWidget        *kontor_test_find_row              (GtkWidget  *root,
                                                     const char *title);
GtkWidget        *kontor_test_find_button           (GtkWidget  *root,
                                                     const char *label);
GtkWidget        *kontor_test_find_widget           (GtkWidget  *root,
                                                     GType       type);
GtkWidget        *kontor_test_find_matching         (GtkWidget       *root,
                                                     KontorTestMatch  match,
                                                     const void      *data);
GtkWidget        *kontor_test_find_with_class       (GtkWidget  *root,
                                                     GType       type,
                                                     const char *css_class);
GtkWindow        *kontor_test_find_transient        (GtkWindow  *parent,
                                                     GType       type);
AdwMessageDialog *kontor_test_find_message_dialog   (void);
AdwMessageDialog *kontor_test_wait_for_message_dialog (void);
void              kontor_test_close_message_dialogs (void);
void              kontor_test_settle                (guint       milliseconds);
gboolean          kontor_test_widget_is_mapped      (gpointer    widget);
AdwApplication   *kontor_test_app_new               (const char *application_id);
KontorWindow     *kontor_test_present_window        (AdwApplication *app,
                                                     KontorContext  *context,
                                                     int             width,
                                                     int             height);

void              kontor_test_wait_n_items          (GListModel *model,
                                                     guint       n_items);
gboolean          kontor_test_keys_can_be_sent      (void);
void              kontor_test_xdotool               (const char * const *args);
void              kontor_test_focus_window          (GtkWindow  *window);
void              kontor_test_press                 (const char *keys);
void              kontor_test_click                 (GtkWidget  *widget,
                                                     const char *button,
                                                     const char *repeat);
void              kontor_test_click_with            (GtkWidget  *widget,
                                                     const char *key);
GtkWidget        *kontor_test_find_actionable       (GtkWidget  *root,
                                                     const char *action_name);
void              kontor_test_collect_toasts        (GtkWidget  *root,
                                                     GPtrArray  *texts);
gboolean          kontor_test_shows_toast           (GtkWidget  *window,
                                                     const char *text);
void              kontor_test_collect_cards         (GtkWidget  *root,
                                                     GPtrArray  *cards);
guint             kontor_test_assert_drawn_as_full  (GPtrArray  *cards);

G_END_DECLS
