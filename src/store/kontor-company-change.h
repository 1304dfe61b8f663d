/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_COMPANY_CHANGE (kontor_company_change_get_type ())

G_DECLARE_FINAL_TYPE (KontorCompanyChange, kontor_company_change,
                      KONTOR, COMPANY_CHANGE, KontorOperation)

KontorCompanyChange *kontor_company_change_new               (KontorStore         *store,
                                                              KontorContact       *contact,
                                                              const char          *company_id,
                                                              KontorCompany       *new_company,
                                                              const char          *job_title,
                                                              const char          *title);
const char          *kontor_company_change_get_employment_id (KontorCompanyChange *self);

G_END_DECLS
