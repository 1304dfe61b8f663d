/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

GtkWindow *kontor_ui_get_window    (GtkWidget       *widget);
gboolean   kontor_ui_window_is_narrow (GtkWindow     *window);
gboolean   kontor_ui_run_operation (GtkWidget       *widget,
                                    KontorContext   *context,
                                    KontorOperation *operation);
void       kontor_ui_undo          (GtkWidget       *widget,
                                    KontorContext   *context,
                                    gboolean         redo);
void       kontor_ui_show_error    (GtkWidget       *widget,
                                    const char      *heading,
                                    const GError    *error);
void       kontor_ui_add_toast     (GtkWidget       *widget,
                                    const char      *title);
void       kontor_ui_show_undo_toast (AdwToastOverlay *overlay,
                                      AdwToast       **slot,
                                      const char      *action_name,
                                      const char      *title);
void       kontor_ui_dismiss_undo_toast (AdwToast  **slot);
void       kontor_ui_add_question_responses (AdwMessageDialog      *dialog,
                                             const char            *response,
                                             const char            *label,
                                             AdwResponseAppearance  appearance);
void       kontor_ui_show_status_page (GtkStack     *stack,
                                       const char   *name,
                                       const char   *icon_name);

AdwMessageDialog *kontor_ui_new_unsaved_dialog (GtkWidget    *widget,
                                                KontorRecord *record,
                                                gboolean      can_save);
void       kontor_ui_show_save_error (GtkWidget    *widget,
                                      GtkLabel     *feedback,
                                      const char   *heading,
                                      const GError *error);
void       kontor_ui_search_takes_typing (GtkSearchEntry *entry,
                                          GtkWidget      *list);

void       kontor_ui_release_memory_soon (void);
GtkWidget *kontor_ui_append_entry_row (GtkWidget  *list,
                                       const char *title,
                                       const char *text);
GtkLabel  *kontor_ui_append_error_label (GtkWidget *box);
GtkWidget *kontor_ui_new_text_row  (const char      *title,
                                    const char      *subtitle);
char      *kontor_ui_dup_role_reason (KontorContext  *context);
GMenuModel *kontor_ui_get_primary_menu (void);
void       kontor_ui_add_capture_shortcut (GtkWidget  *widget,
                                           const char *accelerator,
                                           const char *action_name);
void       kontor_ui_class_install_context_property (GObjectClass *object_class,
                                                     gsize         context_offset);

G_END_DECLS
