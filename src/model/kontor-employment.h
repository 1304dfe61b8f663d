/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

typedef enum
{
  KONTOR_EMPLOYMENT_FIELD_CONTACT_ID,
  KONTOR_EMPLOYMENT_FIELD_COMPANY_ID,
  KONTOR_EMPLOYMENT_FIELD_JOB_TITLE,
  KONTOR_EMPLOYMENT_FIELD_STARTED_ON,
  KONTOR_EMPLOYMENT_FIELD_ENDED_ON,
  KONTOR_EMPLOYMENT_N_FIELDS
} KontorEmploymentField;

#define KONTOR_TYPE_EMPLOYMENT (kontor_employment_get_type ())

G_DECLARE_FINAL_TYPE (KontorEmployment, kontor_employment, KONTOR, EMPLOYMENT, KontorRecord)

KontorEmployment *kontor_employment_new            (const char       *contact_id,
                                                    const char       *company_id);
const char       *kontor_employment_get_contact_id (KontorEmployment *self);
void              kontor_employment_set_contact_id (KontorEmployment *self,
                                                    const char       *contact_id);
const char       *kontor_employment_get_company_id (KontorEmployment *self);
void              kontor_employment_set_company_id (KontorEmployment *self,
                                                    const char       *company_id);
const char       *kontor_employment_get_job_title  (KontorEmployment *self);
void              kontor_employment_set_job_title  (KontorEmployment *self,
                                                    const char       *job_title);
const char       *kontor_employment_get_started_on (KontorEmployment *self);
void              kontor_employment_set_started_on (KontorEmployment *self,
                                                    const char       *date);
const char       *kontor_employment_get_ended_on   (KontorEmployment *self);
void              kontor_employment_set_ended_on   (KontorEmployment *self,
                                                    const char       *date);

gboolean          kontor_contact_check_company_change (KontorContact  *contact,
                                                       const char     *company_id,
                                                       GError        **error);

G_END_DECLS
