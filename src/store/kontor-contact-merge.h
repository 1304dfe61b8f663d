/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_CONTACT_MERGE (kontor_contact_merge_get_type ())

G_DECLARE_FINAL_TYPE (KontorContactMerge, kontor_contact_merge,
                      KONTOR, CONTACT_MERGE, KontorOperation)

KontorContactMerge *kontor_contact_merge_new              (KontorStore        *store,
                                                           const char         *kept_id,
                                                           const char         *removed_id,
                                                           const char         *title);
void                kontor_contact_merge_take_from_removed (KontorContactMerge *self,
                                                           guint               field,
                                                           gboolean            from_removed);
gboolean            kontor_contact_merge_takes_from_removed (KontorContactMerge *self,
                                                           guint               field);
KontorContactMerge *kontor_company_merge_new              (KontorStore        *store,
                                                           const char         *kept_id,
                                                           const char         *removed_id,
                                                           const char         *title);
GType               kontor_contact_merge_get_record_type  (KontorContactMerge *self);
const char         *kontor_contact_merge_get_kept_id      (KontorContactMerge *self);
const char         *kontor_contact_merge_get_removed_id   (KontorContactMerge *self);

gboolean            kontor_contact_merge_field_is_choice  (guint               field);
GPtrArray          *kontor_contact_merge_unite_channels   (KontorContact      *kept,
                                                           KontorContact      *removed,
                                                           guint               field);

gboolean            kontor_merge_field_is_choice          (GType               type,
                                                           guint               field);
GPtrArray          *kontor_merge_unite_channels           (KontorRecord       *kept,
                                                           KontorRecord       *removed,
                                                           guint               field);

G_END_DECLS
