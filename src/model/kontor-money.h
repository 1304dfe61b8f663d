/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kontor_money_format (gint64      cents,
                           const char *currency);

G_END_DECLS
