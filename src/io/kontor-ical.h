/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *kontor_ical_export         (GPtrArray  *activities,
                                  GHashTable *owner_names,
                                  guint      *n_exported);
char *kontor_ical_dup_local_tzid (void);

G_END_DECLS
