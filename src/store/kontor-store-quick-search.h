/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-store.h"

G_BEGIN_DECLS

gboolean kontor_store_quick_search (KontorStore  *self,
                                    const char   *text,
                                    guint         limit,
                                    GPtrArray   **contacts,
                                    GPtrArray   **companies,
                                    GError      **error);

G_END_DECLS
