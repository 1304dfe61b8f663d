/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-store.h"

G_BEGIN_DECLS

/**
 * KontorReminderKind:
 * @KONTOR_REMINDER_KIND_BIRTHDAY: a contact's birthday, once a year
 * @KONTOR_REMINDER_KIND_KEEP_IN_TOUCH: a contact without activity for its
 *   "stay in touch" interval, once per last activity
 *
 * The reminders that are not a task's own, as `reminder_sent` (schema 20)
 * remembers them shown on this machine.
 */
typedef enum
{
  KONTOR_REMINDER_KIND_BIRTHDAY = 1,
  KONTOR_REMINDER_KIND_KEEP_IN_TOUCH = 2,
} KontorReminderKind;

/* A birthday is reminded of at this time of day, local time */
#define KONTOR_REMINDERS_BIRTHDAY_HOUR   5
#define KONTOR_REMINDERS_BIRTHDAY_MINUTE 30
/* At most this many days before a birthday */
#define KONTOR_REMINDERS_BIRTHDAY_DAYS_MAX 30

#define KONTOR_TYPE_REMINDERS (kontor_reminders_get_type ())

G_DECLARE_FINAL_TYPE (KontorReminders, kontor_reminders, KONTOR, REMINDERS, GObject)

/* The clock, for tests: Unix seconds now */
typedef gint64 (*KontorClockFunc) (gpointer data);

KontorReminders *kontor_reminders_new       (KontorStore      *store);
void             kontor_reminders_set_clock (KontorReminders  *self,
                                             KontorClockFunc   clock,
                                             gpointer          data);
void             kontor_reminders_set_time_zone (KontorReminders *self,
                                                 GTimeZone       *zone);
guint            kontor_reminders_get_birthday_days (KontorReminders *self);
void             kontor_reminders_set_birthday_days (KontorReminders *self,
                                                     guint            days);
gint64           kontor_reminders_now       (KontorReminders  *self);
void             kontor_reminders_start     (KontorReminders  *self);
guint            kontor_reminders_check     (KontorReminders  *self,
                                             GError          **error);
gint64           kontor_reminders_get_next  (KontorReminders  *self,
                                             GError          **error);
gboolean         kontor_reminders_has_pending (KontorReminders  *self,
                                               GError          **error);

gint64           kontor_reminders_birthday_time (const char  *birthday,
                                                 int          year,
                                                 guint        days_before,
                                                 GTimeZone   *zone,
                                                 char       **occurrence,
                                                 gint64      *day_end);

G_END_DECLS
