/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-index.c: sort keys and search documents of one record. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

guint     _kontor_entity_info_n_sort_columns   (const KontorEntityInfo  *info);
void      _kontor_store_bind_sort_keys         (KontorStore             *self,
                                                const KontorEntityInfo  *info,
                                                KontorRecord            *record,
                                                sqlite3_stmt            *stmt,
                                                int                      first_column);
gboolean  _kontor_store_write_sort_keys        (KontorStore             *self,
                                                const KontorEntityInfo  *info,
                                                KontorRecord            *record,
                                                GError                 **error);
gboolean  _kontor_store_write_search_document  (KontorStore             *self,
                                                const KontorEntityInfo  *info,
                                                KontorRecord            *record,
                                                gboolean                 replace,
                                                GError                 **error);
gboolean  _kontor_store_delete_search_document (KontorStore             *self,
                                                const KontorEntityInfo  *info,
                                                gint64                   rowid,
                                                GError                 **error);

gboolean  _kontor_store_write_text_document   (KontorStore             *self,
                                                const char              *table,
                                                const char              *columns,
                                                gint64                   rowid,
                                                const char * const      *texts,
                                                guint                    n_texts,
                                                GError                 **error);

gint64    _kontor_store_rowid_of               (KontorStore             *self,
                                                const char              *table,
                                                KontorRecord            *record,
                                                GError                 **error);

char     *_kontor_store_phone_token            (const char              *key);
void      _kontor_store_append_phone_tokens    (GString                 *column,
                                                GPtrArray               *phones);

G_END_DECLS
