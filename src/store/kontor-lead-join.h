/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-lead-join.c: contacts joining lead projects, through a linked
 * group and by hand (feature D3, src/README.md "Lead projects"). */

#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

void     _kontor_store_note_lead_join   (KontorStore  *self,
                                         const char   *entity,
                                         gint64        rowid);
gboolean _kontor_store_note_lead_join_contact (KontorStore  *self,
                                                const char   *contact_id,
                                                GError      **error);
void     _kontor_store_forget_lead_join (KontorStore  *self);
gboolean _kontor_store_join_lead_groups (KontorStore  *self,
                                         GError      **error);

#define KONTOR_TYPE_LEAD_ADD (kontor_lead_add_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadAdd, kontor_lead_add, KONTOR, LEAD_ADD, KontorOperation)

KontorLeadAdd *kontor_lead_add_new           (KontorStore        *store,
                                              const char         *project_id,
                                              const char * const *contact_ids);
guint          kontor_lead_add_get_n_added   (KontorLeadAdd      *self);
guint          kontor_lead_add_get_n_skipped (KontorLeadAdd      *self);
guint          kontor_lead_add_get_n_refused (KontorLeadAdd      *self);
const char    *kontor_lead_add_get_project_name (KontorLeadAdd   *self);

G_END_DECLS
