/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-enums.h"
#include "kontor-record.h"

G_BEGIN_DECLS

/* Indexes into the contact field table; the order is the table's order. */
typedef enum
{
  KONTOR_CONTACT_FIELD_SALUTATION,
  KONTOR_CONTACT_FIELD_TITLE,
  KONTOR_CONTACT_FIELD_FIRST_NAME,
  KONTOR_CONTACT_FIELD_LAST_NAME,
  KONTOR_CONTACT_FIELD_JOB_TITLE,
  KONTOR_CONTACT_FIELD_COMPANY_ID,
  KONTOR_CONTACT_FIELD_COMPANY_NAME,
  KONTOR_CONTACT_FIELD_EMAILS,
  KONTOR_CONTACT_FIELD_PHONES,
  KONTOR_CONTACT_FIELD_STREET,
  KONTOR_CONTACT_FIELD_POSTAL_CODE,
  KONTOR_CONTACT_FIELD_CITY,
  KONTOR_CONTACT_FIELD_COUNTRY,
  KONTOR_CONTACT_FIELD_LANGUAGE,
  KONTOR_CONTACT_FIELD_NOTES,
  KONTOR_CONTACT_FIELD_BIRTHDAY,
  KONTOR_CONTACT_FIELD_STATUS,
  KONTOR_CONTACT_FIELD_PREVIOUS_STATUS,
  KONTOR_CONTACT_FIELD_IS_LEAD,
  KONTOR_CONTACT_FIELD_PIPELINE_STATUS_ID,
  KONTOR_CONTACT_FIELD_PIPELINE_STATUS_NAME,
  KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER,
  KONTOR_CONTACT_FIELD_SALES_REPS,
  KONTOR_CONTACT_FIELD_ASSIGNEES,
  KONTOR_CONTACT_FIELD_ASSIGNED_TEAM_ID,
  KONTOR_CONTACT_FIELD_RANK,
  KONTOR_CONTACT_FIELD_DUE_DATE,
  KONTOR_CONTACT_FIELD_LAST_ACTIVITY_AT,
  KONTOR_CONTACT_FIELD_IS_NEW,
  KONTOR_CONTACT_FIELD_PIPELINE_ENTERED_AT,
  KONTOR_CONTACT_FIELD_KEEP_IN_TOUCH_DAYS,
  KONTOR_CONTACT_FIELD_MARKETING_OBJECTION,
  KONTOR_CONTACT_N_FIELDS
} KontorContactField;

#define KONTOR_TYPE_CONTACT (kontor_contact_get_type ())

G_DECLARE_FINAL_TYPE (KontorContact, kontor_contact, KONTOR, CONTACT, KontorRecord)

KontorContact       *kontor_contact_new                     (void);

KontorSalutation     kontor_contact_get_salutation          (KontorContact       *self);
void                 kontor_contact_set_salutation          (KontorContact       *self,
                                                             KontorSalutation     salutation);
const char          *kontor_contact_get_title               (KontorContact       *self);
void                 kontor_contact_set_title               (KontorContact       *self,
                                                             const char          *title);
const char          *kontor_contact_get_first_name          (KontorContact       *self);
void                 kontor_contact_set_first_name          (KontorContact       *self,
                                                             const char          *first_name);
const char          *kontor_contact_get_last_name           (KontorContact       *self);
void                 kontor_contact_set_last_name           (KontorContact       *self,
                                                             const char          *last_name);
const char          *kontor_contact_get_job_title           (KontorContact       *self);
void                 kontor_contact_set_job_title           (KontorContact       *self,
                                                             const char          *job_title);
const char          *kontor_contact_get_company_id          (KontorContact       *self);
void                 kontor_contact_set_company_id          (KontorContact       *self,
                                                             const char          *company_id);
const char          *kontor_contact_get_company_name        (KontorContact       *self);
void                 kontor_contact_set_company_name        (KontorContact       *self,
                                                             const char          *company_name);
GPtrArray           *kontor_contact_get_emails              (KontorContact       *self);
void                 kontor_contact_set_emails              (KontorContact       *self,
                                                             GPtrArray           *emails);
GPtrArray           *kontor_contact_get_phones              (KontorContact       *self);
void                 kontor_contact_set_phones              (KontorContact       *self,
                                                             GPtrArray           *phones);
void                 kontor_contact_add_email               (KontorContact       *self,
                                                             const char          *label,
                                                             const char          *address);
void                 kontor_contact_add_phone               (KontorContact       *self,
                                                             const char          *label,
                                                             const char          *number);
const char          *kontor_contact_get_primary_email       (KontorContact       *self);
const char          *kontor_contact_get_primary_phone       (KontorContact       *self);
const char          *kontor_contact_get_street              (KontorContact       *self);
void                 kontor_contact_set_street              (KontorContact       *self,
                                                             const char          *street);
const char          *kontor_contact_get_postal_code         (KontorContact       *self);
void                 kontor_contact_set_postal_code         (KontorContact       *self,
                                                             const char          *postal_code);
const char          *kontor_contact_get_city                (KontorContact       *self);
void                 kontor_contact_set_city                (KontorContact       *self,
                                                             const char          *city);
const char          *kontor_contact_get_country             (KontorContact       *self);
void                 kontor_contact_set_country             (KontorContact       *self,
                                                             const char          *country);
KontorLanguage       kontor_contact_get_language            (KontorContact       *self);
void                 kontor_contact_set_language            (KontorContact       *self,
                                                             KontorLanguage       language);
const char          *kontor_contact_get_notes               (KontorContact       *self);
void                 kontor_contact_set_notes               (KontorContact       *self,
                                                             const char          *notes);
const char          *kontor_contact_get_birthday            (KontorContact       *self);
void                 kontor_contact_set_birthday            (KontorContact       *self,
                                                             const char          *birthday);
KontorContactStatus  kontor_contact_get_status              (KontorContact       *self);
void                 kontor_contact_set_status              (KontorContact       *self,
                                                             KontorContactStatus  status);
KontorContactStatus  kontor_contact_get_previous_status     (KontorContact       *self);
void                 kontor_contact_set_previous_status     (KontorContact       *self,
                                                             KontorContactStatus  status);
gboolean             kontor_contact_get_is_lead             (KontorContact       *self);
void                 kontor_contact_set_is_lead             (KontorContact       *self,
                                                             gboolean             is_lead);
const char          *kontor_contact_get_pipeline_status_id  (KontorContact       *self);
void                 kontor_contact_set_pipeline_status_id  (KontorContact       *self,
                                                             const char          *id);
const char          *kontor_contact_get_pipeline_status_name (KontorContact      *self);
void                 kontor_contact_set_pipeline_status_name (KontorContact      *self,
                                                             const char          *name);
const char          *kontor_contact_get_customer_number     (KontorContact       *self);
void                 kontor_contact_set_customer_number     (KontorContact       *self,
                                                             const char          *number);
const char * const  *kontor_contact_get_sales_reps          (KontorContact       *self);
void                 kontor_contact_set_sales_reps          (KontorContact       *self,
                                                             const char * const  *user_ids);
const char * const  *kontor_contact_get_assignees           (KontorContact       *self);
void                 kontor_contact_set_assignees           (KontorContact       *self,
                                                             const char * const  *user_ids);
const char          *kontor_contact_get_assigned_team_id    (KontorContact       *self);
void                 kontor_contact_set_assigned_team_id    (KontorContact       *self,
                                                             const char          *team_id);
const char          *kontor_contact_get_rank                (KontorContact       *self);
void                 kontor_contact_set_rank                (KontorContact       *self,
                                                             const char          *rank);
const char          *kontor_contact_get_due_date            (KontorContact       *self);
void                 kontor_contact_set_due_date            (KontorContact       *self,
                                                             const char          *due_date);
gint64               kontor_contact_get_last_activity_at    (KontorContact       *self);
void                 kontor_contact_set_last_activity_at    (KontorContact       *self,
                                                             gint64               when);

gboolean             kontor_contact_get_is_new              (KontorContact       *self);
void                 kontor_contact_set_is_new              (KontorContact       *self,
                                                             gboolean             is_new);
gint64               kontor_contact_get_pipeline_entered_at (KontorContact       *self);
void                 kontor_contact_set_pipeline_entered_at (KontorContact       *self,
                                                             gint64               when);
gint64               kontor_contact_get_keep_in_touch_days  (KontorContact       *self);
void                 kontor_contact_set_keep_in_touch_days  (KontorContact       *self,
                                                             gint64               days);
gboolean             kontor_contact_get_marketing_objection (KontorContact       *self);
void                 kontor_contact_set_marketing_objection (KontorContact       *self,
                                                             gboolean             objects);
gboolean             kontor_contact_allows_marketing        (KontorContact       *self);

gint64               kontor_contact_get_stale_since         (KontorContact       *self);
gint64               kontor_contact_stale_before            (gint64               stale_days,
                                                             gint64               now);
gboolean             kontor_contact_is_stale                (KontorContact       *self,
                                                             gint64               stale_days,
                                                             gint64               now);
gboolean             kontor_contact_has_person_name         (KontorContact       *self);

const char          *kontor_contact_status_to_string        (KontorContactStatus  status);
const char          *kontor_contact_status_to_nick          (KontorContactStatus  status);
gboolean             kontor_contact_status_is_restricted    (KontorContactStatus  status);
const char          *kontor_salutation_to_string            (KontorSalutation     salutation);
const char          *kontor_language_to_string              (KontorLanguage       language);

G_END_DECLS
