/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

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

G_END_DECLS
