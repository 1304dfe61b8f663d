/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *kontor_rank_between  (const char *before,
                                const char *after);
gboolean  kontor_rank_is_valid (const char *rank);
int       kontor_rank_compare  (const char *a,
                                const char *b);

G_END_DECLS
