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
char *kontor_format_ago       (gint64      unix_seconds);
void  kontor_format_split_time (gint64     unix_seconds,
                                char     **iso_date,
                                char     **clock);
gboolean kontor_format_parse_clock (const char *text,
                                    int        *minutes);
gint64 kontor_format_join_time (const char *iso_date,
                                int         minutes);

G_END_DECLS
