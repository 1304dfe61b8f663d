/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

/* The currency a new project and its entries count in (ISO 4217) */
#define KONTOR_LEAD_DEFAULT_CURRENCY "EUR"

typedef enum
{
  KONTOR_LEAD_PROJECT_FIELD_NAME,
  KONTOR_LEAD_PROJECT_FIELD_PRODUCT,
  KONTOR_LEAD_PROJECT_FIELD_RESPONSIBLE,
  KONTOR_LEAD_PROJECT_FIELD_GROUP_ID,
  KONTOR_LEAD_PROJECT_FIELD_ARCHIVED,
  KONTOR_LEAD_PROJECT_FIELD_CURRENCY,
  KONTOR_LEAD_PROJECT_N_FIELDS
} KontorLeadProjectField;

#define KONTOR_TYPE_LEAD_PROJECT (kontor_lead_project_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadProject, kontor_lead_project, KONTOR, LEAD_PROJECT, KontorRecord)

KontorLeadProject  *kontor_lead_project_new             (const char         *name);
GPtrArray          *kontor_lead_project_new_statuses    (KontorLeadProject  *self);
gboolean            kontor_lead_project_validate        (KontorLeadProject  *self,
                                                         GError            **error);
gboolean            kontor_lead_check_currency          (const char         *currency,
                                                         GError            **error);

const char         *kontor_lead_project_get_name        (KontorLeadProject  *self);
void                kontor_lead_project_set_name        (KontorLeadProject  *self,
                                                         const char         *name);
const char         *kontor_lead_project_get_product     (KontorLeadProject  *self);
void                kontor_lead_project_set_product     (KontorLeadProject  *self,
                                                         const char         *product);
const char * const *kontor_lead_project_get_responsible (KontorLeadProject  *self);
void                kontor_lead_project_set_responsible (KontorLeadProject  *self,
                                                         const char * const *user_ids);
const char         *kontor_lead_project_get_group_id    (KontorLeadProject  *self);
void                kontor_lead_project_set_group_id    (KontorLeadProject  *self,
                                                         const char         *group_id);
gboolean            kontor_lead_project_get_archived    (KontorLeadProject  *self);
void                kontor_lead_project_set_archived    (KontorLeadProject  *self,
                                                         gboolean            archived);
const char         *kontor_lead_project_get_currency    (KontorLeadProject  *self);
void                kontor_lead_project_set_currency    (KontorLeadProject  *self,
                                                         const char         *currency);

G_END_DECLS
