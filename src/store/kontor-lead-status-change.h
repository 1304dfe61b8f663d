/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_LEAD_STATUS_CHANGE (kontor_lead_status_change_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadStatusChange, kontor_lead_status_change,
                      KONTOR, LEAD_STATUS_CHANGE, KontorOperation)

KontorLeadStatusChange *kontor_lead_status_change_new (KontorStore *store,
                                                       const char  *project_id,
                                                       GPtrArray   *statuses,
                                                       const char  *title);
void                    kontor_lead_status_change_delete (KontorLeadStatusChange *self,
                                                          const char             *status_id);

G_END_DECLS
