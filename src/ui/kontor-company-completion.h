/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_COMPANY_COMPLETION (kontor_company_completion_get_type ())

G_DECLARE_FINAL_TYPE (KontorCompanyCompletion, kontor_company_completion,
                      KONTOR, COMPANY_COMPLETION, GObject)

KontorCompanyCompletion *kontor_company_completion_new            (KontorStore  *store,
                                                                   GtkWidget    *entry);
void                     kontor_company_completion_set_company    (KontorCompanyCompletion *self,
                                                                   const char   *company_id,
                                                                   const char   *name);
const char              *kontor_company_completion_get_company_id (KontorCompanyCompletion *self);
gboolean                 kontor_company_completion_resolve        (KontorCompanyCompletion *self,
                                                                   char         **company_id,
                                                                   KontorCompany **new_company,
                                                                   GError       **error);
void                     kontor_company_completion_detach         (KontorCompanyCompletion *self);

G_END_DECLS
