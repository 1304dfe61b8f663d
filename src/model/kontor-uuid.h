/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *kontor_uuid_v7_new      (void);
char     *kontor_uuid_v7_new_at   (gint64      unix_ms);
char     *kontor_uuid_v7_new_for_name (gint64      unix_ms,
                                       const char *name);
gboolean  kontor_uuid_is_valid    (const char *uuid);
gint64    kontor_uuid_v7_get_time (const char *uuid);

G_END_DECLS
