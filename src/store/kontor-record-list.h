/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-filter.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_RECORD_LIST (kontor_record_list_get_type ())

G_DECLARE_FINAL_TYPE (KontorRecordList, kontor_record_list, KONTOR, RECORD_LIST, GObject)

KontorRecordList *kontor_record_list_new            (KontorStore       *store,
                                                     GType              item_type,
                                                     KontorFilter      *filter);
KontorStore      *kontor_record_list_get_store      (KontorRecordList  *self);
KontorFilter     *kontor_record_list_get_filter     (KontorRecordList  *self);
const GError     *kontor_record_list_get_error      (KontorRecordList  *self);
gboolean          kontor_record_list_refresh        (KontorRecordList  *self,
                                                     GError           **error);
void              kontor_record_list_set_paused     (KontorRecordList  *self,
                                                     gboolean           paused);
gboolean          kontor_record_list_get_paused     (KontorRecordList  *self);
GArray           *kontor_record_list_get_rowids     (KontorRecordList  *self);
guint             kontor_record_list_find_rowid     (KontorRecordList  *self,
                                                     gint64             rowid);
guint             kontor_record_list_find           (KontorRecordList  *self,
                                                     const char        *id);

G_END_DECLS
