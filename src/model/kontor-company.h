/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

typedef enum
{
  KONTOR_COMPANY_FIELD_NAME,
  KONTOR_COMPANY_FIELD_CUSTOMER_NUMBER,
  KONTOR_COMPANY_FIELD_STREET,
  KONTOR_COMPANY_FIELD_POSTAL_CODE,
  KONTOR_COMPANY_FIELD_CITY,
  KONTOR_COMPANY_FIELD_COUNTRY,
  KONTOR_COMPANY_FIELD_EMAILS,
  KONTOR_COMPANY_FIELD_PHONES,
  KONTOR_COMPANY_FIELD_WEBSITE,
  KONTOR_COMPANY_FIELD_INDUSTRY,
  KONTOR_COMPANY_FIELD_NOTES,
  KONTOR_COMPANY_FIELD_SALES_REPS,
  KONTOR_COMPANY_FIELD_LAST_ACTIVITY_AT,
  KONTOR_COMPANY_N_FIELDS
} KontorCompanyField;

#define KONTOR_TYPE_COMPANY (kontor_company_get_type ())

G_DECLARE_FINAL_TYPE (KontorCompany, kontor_company, KONTOR, COMPANY, KontorRecord)

KontorCompany      *kontor_company_new                  (const char         *name);
const char         *kontor_company_get_name             (KontorCompany      *self);
void                kontor_company_set_name             (KontorCompany      *self,
                                                         const char         *name);
const char         *kontor_company_get_customer_number  (KontorCompany      *self);
void                kontor_company_set_customer_number  (KontorCompany      *self,
                                                         const char         *number);
const char         *kontor_company_get_street           (KontorCompany      *self);
void                kontor_company_set_street           (KontorCompany      *self,
                                                         const char         *street);
const char         *kontor_company_get_postal_code      (KontorCompany      *self);
void                kontor_company_set_postal_code      (KontorCompany      *self,
                                                         const char         *postal_code);
const char         *kontor_company_get_city             (KontorCompany      *self);
void                kontor_company_set_city             (KontorCompany      *self,
                                                         const char         *city);
const char         *kontor_company_get_country          (KontorCompany      *self);
void                kontor_company_set_country          (KontorCompany      *self,
                                                         const char         *country);
GPtrArray          *kontor_company_get_emails           (KontorCompany      *self);
void                kontor_company_set_emails           (KontorCompany      *self,
                                                         GPtrArray          *emails);
GPtrArray          *kontor_company_get_phones           (KontorCompany      *self);
void                kontor_company_set_phones           (KontorCompany      *self,
                                                         GPtrArray          *phones);
const char         *kontor_company_get_website          (KontorCompany      *self);
void                kontor_company_set_website          (KontorCompany      *self,
                                                         const char         *website);
const char         *kontor_company_get_industry         (KontorCompany      *self);
void                kontor_company_set_industry         (KontorCompany      *self,
                                                         const char         *industry);
const char         *kontor_company_get_notes            (KontorCompany      *self);
void                kontor_company_set_notes            (KontorCompany      *self,
                                                         const char         *notes);
const char * const *kontor_company_get_sales_reps       (KontorCompany      *self);
void                kontor_company_set_sales_reps       (KontorCompany      *self,
                                                         const char * const *user_ids);
gint64              kontor_company_get_last_activity_at (KontorCompany      *self);
void                kontor_company_set_last_activity_at (KontorCompany      *self,
                                                         gint64              when);
gboolean            kontor_company_validate             (KontorCompany      *company,
                                                         GError            **error);

G_END_DECLS
