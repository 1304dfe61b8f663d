/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kontor_phone_match_key (const char *number,
                              const char *region);

G_END_DECLS
