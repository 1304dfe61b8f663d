/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kontor_format_date      (gint64      unix_seconds);
char *kontor_format_moment    (gint64      unix_seconds);
char *kontor_format_iso_date  (const char *iso_date);
char *kontor_format_dup_today (void);
guint kontor_format_days_since (gint64 unix_seconds);
char *kontor_format_month     (guint       month);

G_END_DECLS
