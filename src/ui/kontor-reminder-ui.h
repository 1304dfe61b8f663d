/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-activity-dialog.h"
#include "kontor-context.h"
#include "kontor-reminders.h"

G_BEGIN_DECLS

void           kontor_reminder_dup_text         (KontorContext   *context,
                                                 KontorActivity  *task,
                                                 char           **title,
                                                 char           **body);
GNotification *kontor_reminder_notification_new (KontorContext   *context,
                                                 const char      *path,
                                                 KontorActivity  *task);
gboolean       kontor_reminder_done             (KontorContext   *context,
                                                 const char      *id,
                                                 GError         **error);
gboolean       kontor_reminder_snooze           (KontorContext   *context,
                                                 const char      *id,
                                                 KontorSnooze     snooze,
                                                 GError         **error);
char          *kontor_reminder_notification_id  (const char      *path,
                                                 const char      *id);

void           kontor_reminder_keep_in_touch_dup_text (KontorContact  *contact,
                                                       gint64          days,
                                                       char          **title,
                                                       char          **body);
GNotification *kontor_reminder_keep_in_touch_notification_new (const char    *path,
                                                               KontorContact *contact,
                                                               gint64         days);
char          *kontor_reminder_days_without_contact (gint64           days);
KontorActivityDialog *kontor_reminder_log_call  (GtkWidget       *parent,
                                                 KontorContext   *context,
                                                 const char      *contact_id);
GtkWidget     *kontor_reminder_preferences_group_new (GSettings *settings);
G_END_DECLS
