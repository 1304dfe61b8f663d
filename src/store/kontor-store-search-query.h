/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-search-query.h"
#include "kontor-store.h"

G_BEGIN_DECLS

KontorFilter *kontor_store_apply_search_query (KontorStore        *self,
                                               KontorFilter       *filter,
                                               KontorSearchQuery  *query,
                                               GDateTime          *now,
                                               GError            **error);

KontorFilter *_kontor_store_filter_with_operators (KontorStore        *self,
                                                  KontorFilter       *filter,
                                                  GError            **error);

G_END_DECLS
