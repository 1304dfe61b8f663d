/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-companies-view.h"
#include "kontor-contacts-view.h"
#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_WORKSPACE (kontor_workspace_get_type ())

G_DECLARE_FINAL_TYPE (KontorWorkspace, kontor_workspace, KONTOR, WORKSPACE, AdwBin)

GtkWidget           *kontor_workspace_new                (KontorContext   *context);
const char          *kontor_workspace_get_section        (KontorWorkspace *self);
void                 kontor_workspace_show_section       (KontorWorkspace *self,
                                                          const char      *section);
KontorContactsView  *kontor_workspace_get_contacts_view  (KontorWorkspace *self);
KontorCompaniesView *kontor_workspace_get_companies_view (KontorWorkspace *self);
void                 kontor_workspace_focus_content      (KontorWorkspace *self);
GtkWidget           *kontor_workspace_get_sidebar        (KontorWorkspace *self);
gboolean             kontor_workspace_get_folded         (KontorWorkspace *self);

GtkWidget           *kontor_workspace_get_groups_list    (KontorWorkspace *self);

G_END_DECLS
