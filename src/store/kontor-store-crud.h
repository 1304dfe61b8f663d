/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-crud.c: the entity registry and generic record CRUD. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

void                    _kontor_store_register_entity (KontorEntityInfo *info);
const KontorEntityInfo *_kontor_entity_info_nth       (guint             n);
const KontorEntityInfo *_kontor_entity_info_for_type  (GType             type);
const char             *_kontor_entity_info_get_table (const KontorEntityInfo *info);
GPtrArray              *_kontor_store_lend_columns    (KontorStore       *self,
                                                       GError           **error);
gboolean                _kontor_store_take_back_columns (KontorStore     *self,
                                                         GPtrArray       *lent,
                                                         GError         **error);

KontorRecord *_kontor_store_load_record   (KontorStore             *self,
                                           const KontorEntityInfo  *info,
                                           const char              *where,
                                           const char              *id,
                                           gint64                   rowid,
                                           GError                 **error);
KontorRecord *_kontor_store_find_record   (KontorStore             *self,
                                           const KontorEntityInfo  *info,
                                           const char              *id,
                                           GError                 **error);
GPtrArray    *_kontor_store_load_ids      (KontorStore             *self,
                                           const KontorEntityInfo  *info,
                                           const char * const      *ids,
                                           GError                 **error);
GPtrArray    *_kontor_store_load_rowids   (KontorStore             *self,
                                           const KontorEntityInfo  *info,
                                           GArray                  *rowids,
                                           GError                 **error);
GPtrArray    *_kontor_store_load_list     (KontorStore             *self,
                                           const KontorEntityInfo  *info,
                                           const char              *sql,
                                           const char              *text,
                                           GError                 **error);

gboolean      _kontor_store_insert_record (KontorStore             *self,
                                           const KontorEntityInfo  *info,
                                           KontorRecord            *record,
                                           GError                 **error);
gboolean      _kontor_store_save_record   (KontorStore             *self,
                                           KontorRecord            *record,
                                           gboolean                *changed_anything,
                                           GError                 **error);
gboolean      _kontor_store_save_over     (KontorStore             *self,
                                           KontorRecord            *record,
                                           KontorRecord            *old,
                                           gboolean                *changed_anything,
                                           GError                 **error);
gboolean      _kontor_store_delete_record (KontorStore             *self,
                                           KontorRecord            *record,
                                           GError                 **error);
gboolean      _kontor_store_forget_rows   (KontorStore             *self,
                                           const char              *table,
                                           const char              *column,
                                           const char              *id,
                                           GError                 **error);
gboolean      _kontor_store_refresh_row   (KontorStore             *self,
                                           const KontorEntityInfo  *info,
                                           gint64                   rowid,
                                           GError                 **error);
GPtrArray    *_kontor_store_drop_order_indexes (KontorStore        *self,
                                                GError            **error);
gboolean      _kontor_store_create_indexes     (KontorStore        *self,
                                                GPtrArray          *creates,
                                                GError            **error);

G_END_DECLS
