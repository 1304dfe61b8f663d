/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-board.h"
#include "kontor-context.h"
#include "kontor-record-list.h"
#include "kontor-table.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_CONTACTS_VIEW (kontor_contacts_view_get_type ())

G_DECLARE_FINAL_TYPE (KontorContactsView, kontor_contacts_view, KONTOR, CONTACTS_VIEW, AdwBin)

GtkWidget        *kontor_contacts_view_new             (KontorContext      *context);
KontorRecordList *kontor_contacts_view_get_list        (KontorContactsView *self);
KontorTable      *kontor_contacts_view_get_table       (KontorContactsView *self);
GtkEditable      *kontor_contacts_view_get_search_entry (KontorContactsView *self);
void              kontor_contacts_view_focus_search    (KontorContactsView *self);
void              kontor_contacts_view_focus_table     (KontorContactsView *self);
void              kontor_contacts_view_select          (KontorContactsView *self,
                                                        const char         *contact_id);
GtkWidget        *kontor_contacts_view_get_back_button (KontorContactsView *self);
KontorBoard      *kontor_contacts_view_get_board       (KontorContactsView *self);
void              kontor_contacts_view_sort_by         (KontorContactsView *self,
                                                        const char         *column_id,
                                                        GtkSortType         order);
KontorFilter     *kontor_contacts_view_get_filter      (KontorContactsView *self);
void              kontor_contacts_view_show_group      (KontorContactsView *self,
                                                        const char         *group_id,
                                                        const char * const *contact_ids,
                                                        const char         *title);
void              kontor_contacts_view_set_leads_only  (KontorContactsView *self,
                                                        gboolean            leads_only);
char            **kontor_contacts_view_dup_selected_ids (KontorContactsView *self);
guint             kontor_contacts_view_get_n_selected  (KontorContactsView *self);
void              kontor_contacts_view_clear_selection (KontorContactsView *self);
const char       *kontor_contacts_view_get_title       (KontorContactsView *self);

G_END_DECLS
