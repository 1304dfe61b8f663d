/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_DEMO_DEFAULT_CONTACTS 200
#define KONTOR_DEMO_DEFAULT_SEED 20261124

GPtrArray *kontor_demo_build    (guint          n_contacts,
                                 guint32        seed);
gboolean   kontor_demo_populate (KontorStore   *store,
                                 guint          n_contacts,
                                 guint32        seed,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_END_DECLS
