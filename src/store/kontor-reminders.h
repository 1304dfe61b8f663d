/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_REMINDERS (kontor_reminders_get_type ())

G_DECLARE_FINAL_TYPE (KontorReminders, kontor_reminders, KONTOR, REMINDERS, GObject)

/* The clock, for tests: Unix seconds now */
typedef gint64 (*KontorClockFunc) (gpointer data);

KontorReminders *kontor_reminders_new       (KontorStore      *store);
void             kontor_reminders_set_clock (KontorReminders  *self,
                                             KontorClockFunc   clock,
                                             gpointer          data);
gint64           kontor_reminders_now       (KontorReminders  *self);
void             kontor_reminders_start     (KontorReminders  *self);
guint            kontor_reminders_check     (KontorReminders  *self,
                                             GError          **error);
gint64           kontor_reminders_get_next  (KontorReminders  *self,
                                             GError          **error);
gboolean         kontor_reminders_has_pending (KontorReminders  *self,
                                               GError          **error);

G_END_DECLS
