/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *kontor_autostart_dup_path (void);
gboolean  kontor_autostart_apply    (gboolean    enabled,
                                     GError    **error);
void      kontor_autostart_watch    (GSettings  *settings);

G_END_DECLS
