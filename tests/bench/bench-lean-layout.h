/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * bench_lean_layout_floor:
 * @path: a new database to copy into
 * @staging_path: a new database for the converted rows (not timed)
 * @store_path: the store's database with its contacts
 * @pragmas: the store's connection settings, as SQL
 * @order_indexes: the names of the store's list-order indexes of contacts
 *
 * Returns: seconds for BEGIN … COMMIT of the contacts copied into the
 *   leanest layout (see bench-lean-layout.c)
 */
double bench_lean_layout_floor (const char         *path,
                                const char         *staging_path,
                                const char         *store_path,
                                const char         *pragmas,
                                const char * const *order_indexes);

G_END_DECLS
