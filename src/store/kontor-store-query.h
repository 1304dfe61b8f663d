/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-query.c: filters and search. */

#include "kontor-store-db.h"

G_BEGIN_DECLS

char *_kontor_store_match_expression      (const char   *search_text);
void  _kontor_store_search_expressions    (const char   *search_text,
                                           char        **match,
                                           char        **exclude);
char *_kontor_store_dup_like_pattern       (const char   *text);
GString *_kontor_store_dup_rowids_json     (GArray       *rowids);
char *_kontor_store_explain_contact_query (KontorStore  *self,
                                           KontorFilter *filter);
void  _kontor_store_forget_orders         (KontorStore  *self);
gboolean _kontor_store_select_matching    (KontorStore  *self,
                                           KontorFilter *filter,
                                           GArray       *among,
                                           GArray       *matches,
                                           GError      **error);

G_END_DECLS
