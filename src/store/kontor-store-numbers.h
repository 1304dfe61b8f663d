/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-numbers.c: number ranges and customer numbers, above the
 * generic CRUD, below the contact and company hooks. */

#include "kontor-store-db.h"

G_BEGIN_DECLS

gboolean  _kontor_store_check_customer_number (KontorStore  *self,
                                               const char   *number,
                                               const char   *own_id,
                                               GError      **error);

G_END_DECLS
