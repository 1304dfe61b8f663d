/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-store.h"

G_BEGIN_DECLS

/* A merged contact's or company's unsent outbox entries, its revisions and its shadow,
 * as they were before the merge deleted it (kontor-merge-outbox.c) */
typedef struct _KontorUnsentEntries KontorUnsentEntries;

KontorUnsentEntries *_kontor_store_keep_unsent          (KontorStore          *self,
                                                         const char           *entity,
                                                         const char           *removed_id,
                                                         GError              **error);
gboolean             _kontor_store_has_unsent_delete    (KontorStore          *self,
                                                         const char           *removed_id,
                                                         gboolean             *unsent,
                                                         GError              **error);
gboolean             _kontor_store_undo_unsent_delete   (KontorStore          *self,
                                                         KontorUnsentEntries  *kept,
                                                         const char           *removed_id,
                                                         GError              **error);
gboolean             _kontor_store_send_delete_last     (KontorStore          *self,
                                                         const char           *removed_id,
                                                         GError              **error);
void                 _kontor_unsent_entries_free        (KontorUnsentEntries  *kept);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorUnsentEntries, _kontor_unsent_entries_free)

G_END_DECLS
