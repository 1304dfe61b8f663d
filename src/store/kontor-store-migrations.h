/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-migrations.c: the top of the store, kontor_store_open(). */

#include "kontor-store-db.h"

G_BEGIN_DECLS

/* For tests: a database made only up to @version, so that the upgrade to
 * the current version can be tested on real rows. */
gboolean  _kontor_store_create_at_version (const char  *path,
                                           int          version,
                                           GError     **error);

G_END_DECLS
