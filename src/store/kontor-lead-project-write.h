/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-lead-project.h"
#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_LEAD_PROJECT_WRITE (kontor_lead_project_write_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadProjectWrite, kontor_lead_project_write,
                      KONTOR, LEAD_PROJECT_WRITE, KontorOperation)

KontorLeadProjectWrite *kontor_lead_project_write_new_create  (KontorStore            *store,
                                                               KontorLeadProject      *project,
                                                               const char             *title);
KontorLeadProjectWrite *kontor_lead_project_write_new_delete  (KontorStore            *store,
                                                               KontorLeadProject      *project,
                                                               const char             *title);
KontorLeadProject      *kontor_lead_project_write_get_project (KontorLeadProjectWrite *self);

G_END_DECLS
