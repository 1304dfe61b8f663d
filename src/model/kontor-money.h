/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kontor_money_format (gint64      cents,
                           const char *currency);
gboolean kontor_money_parse  (const char *text,
                              gint64     *cents,
                              GError    **error);

G_END_DECLS
