/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_COMPANY_PAGE (kontor_company_page_get_type ())

G_DECLARE_FINAL_TYPE (KontorCompanyPage, kontor_company_page, KONTOR, COMPANY_PAGE, AdwBin)

GtkWidget     *kontor_company_page_new          (KontorContext      *context);
gboolean       kontor_company_page_set_company  (KontorCompanyPage  *self,
                                                 KontorCompany      *company,
                                                 GError            **error);
KontorCompany *kontor_company_page_get_company  (KontorCompanyPage  *self);
gboolean       kontor_company_page_get_dirty    (KontorCompanyPage  *self);
gboolean       kontor_company_page_save         (KontorCompanyPage  *self,
                                                 GError            **error);
GListModel    *kontor_company_page_get_contacts (KontorCompanyPage  *self);

G_END_DECLS
