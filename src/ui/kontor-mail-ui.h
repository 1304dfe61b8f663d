/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

#include "kontor-context.h"

G_BEGIN_DECLS

/**
 * KontorMailOwnerFunc:
 * @widget: the widget e-mails were dropped on
 *
 * Returns: (transfer none) (nullable): the contact or company it shows
 */
typedef KontorRecord *(*KontorMailOwnerFunc) (GtkWidget *widget);

GtkDropTarget *kontor_mail_ui_add_drop_target           (GtkWidget           *widget,
                                                         KontorContext       *context,
                                                         KontorMailOwnerFunc  owner_func);
gboolean       kontor_mail_ui_drop_files                (GtkWidget           *widget,
                                                         KontorContext       *context,
                                                         KontorRecord        *owner,
                                                         GSList              *files);
void           kontor_mail_ui_attach_to_contact_page    (GtkWidget           *page,
                                                         KontorContext       *context);
void           kontor_mail_ui_class_install_write_email (GtkWidgetClass      *widget_class);
void           kontor_mail_ui_write_email_action        (GtkWidget           *widget,
                                                         const char          *action_name,
                                                         GVariant            *parameter);
void           kontor_mail_ui_write_to                  (GtkWidget           *widget,
                                                         KontorContext       *context,
                                                         KontorRecord        *owner,
                                                         const char          *address);

G_END_DECLS
