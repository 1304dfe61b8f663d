/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_LEAD_PROJECT_PAGE (kontor_lead_project_page_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadProjectPage, kontor_lead_project_page,
                      KONTOR, LEAD_PROJECT_PAGE, AdwBin)

GtkWidget  *kontor_lead_project_page_new             (KontorContext         *context);
gboolean    kontor_lead_project_page_show_project    (KontorLeadProjectPage *self,
                                                      const char            *project_id);
const char *kontor_lead_project_page_get_project_id  (KontorLeadProjectPage *self);
GtkWidget  *kontor_lead_project_page_get_back_button (KontorLeadProjectPage *self);
GListModel *kontor_lead_project_page_get_leads       (KontorLeadProjectPage *self);
void        kontor_lead_project_page_focus_list      (KontorLeadProjectPage *self);

G_END_DECLS
