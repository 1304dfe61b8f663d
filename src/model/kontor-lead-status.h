/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-enums.h"
#include "kontor-record.h"

G_BEGIN_DECLS

/* The largest soft limit of entries in one status (0 is none) */
#define KONTOR_LEAD_STATUS_MAX_WIP 100000

typedef enum
{
  KONTOR_LEAD_STATUS_FIELD_PROJECT_ID,
  KONTOR_LEAD_STATUS_FIELD_NAME,
  KONTOR_LEAD_STATUS_FIELD_POSITION,
  KONTOR_LEAD_STATUS_FIELD_ROLE,
  KONTOR_LEAD_STATUS_FIELD_WIP_LIMIT,
  KONTOR_LEAD_STATUS_FIELD_PROBABILITY,
  KONTOR_LEAD_STATUS_N_FIELDS
} KontorLeadStatusField;

#define KONTOR_TYPE_LEAD_STATUS (kontor_lead_status_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadStatus, kontor_lead_status, KONTOR, LEAD_STATUS, KontorRecord)

KontorLeadStatus     *kontor_lead_status_new             (const char            *project_id,
                                                          const char            *name,
                                                          gint64                 position);
gboolean              kontor_lead_status_validate        (KontorLeadStatus      *self,
                                                          GError               **error);
gboolean              kontor_lead_status_check_place     (KontorLeadStatus      *self,
                                                          GPtrArray             *others,
                                                          GError               **error);
gboolean              kontor_lead_status_check_delete    (KontorLeadStatus      *self,
                                                          gint64                 n_entries,
                                                          GError               **error);
gboolean              kontor_lead_status_is_system       (KontorLeadStatus      *self);
gboolean              kontor_lead_check_probability      (gint64                 probability,
                                                          GError               **error);
gboolean              kontor_lead_check_wip_limit        (gint64                 limit,
                                                          GError               **error);

const char           *kontor_lead_status_get_project_id  (KontorLeadStatus      *self);
void                  kontor_lead_status_set_project_id  (KontorLeadStatus      *self,
                                                          const char            *project_id);
const char           *kontor_lead_status_get_name        (KontorLeadStatus      *self);
void                  kontor_lead_status_set_name        (KontorLeadStatus      *self,
                                                          const char            *name);
gint64                kontor_lead_status_get_position    (KontorLeadStatus      *self);
void                  kontor_lead_status_set_position    (KontorLeadStatus      *self,
                                                          gint64                 position);
KontorLeadStatusRole  kontor_lead_status_get_role        (KontorLeadStatus      *self);
void                  kontor_lead_status_set_role        (KontorLeadStatus      *self,
                                                          KontorLeadStatusRole   role);
gint64                kontor_lead_status_get_wip_limit   (KontorLeadStatus      *self);
void                  kontor_lead_status_set_wip_limit   (KontorLeadStatus      *self,
                                                          gint64                 limit);
gint64                kontor_lead_status_get_probability (KontorLeadStatus      *self);
void                  kontor_lead_status_set_probability (KontorLeadStatus      *self,
                                                          gint64                 probability);

G_END_DECLS
