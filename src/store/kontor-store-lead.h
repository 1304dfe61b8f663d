/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-lead.c: lead projects, their statuses and their entries
 * (src/README.md "Lead projects"). */

#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-store-entity.h"

G_BEGIN_DECLS

extern KontorEntityInfo _kontor_store_lead_project_entity;
extern KontorEntityInfo _kontor_store_lead_status_entity;
extern KontorEntityInfo _kontor_store_lead_entry_entity;

/**
 * KontorLeadColumnSum:
 * @status_id: a status of the project
 * @currency: the currency of the entries summed
 * @count: how many entries of @status_id count in @currency
 * @cents: the sum of their values, in cents
 *
 * One column of a lead project's board, one currency: its count and the
 * exact sum of its values (feature X5).
 */
typedef struct
{
  char   *status_id;
  char   *currency;
  gint64  count;
  gint64  cents;
} KontorLeadColumnSum;

/**
 * KontorLeadForecast:
 * @month: the month of the expected close, "YYYY-MM"
 * @currency: the currency of the entries summed
 * @count: how many open entries close then in @currency
 * @cents: the sum of their values weighted by their probabilities
 *
 * One month of a lead project's forecast (feature X6).
 */
typedef struct
{
  char   *month;
  char   *currency;
  gint64  count;
  gint64  cents;
} KontorLeadForecast;

GArray          *kontor_store_forecast_lead_project (KontorStore       *self,
                                                     const char        *project_id,
                                                     GError           **error);
GPtrArray       *kontor_store_list_lead_projects   (KontorStore        *self,
                                                    gboolean            with_archived,
                                                    GError            **error);
GPtrArray       *kontor_store_list_lead_statuses   (KontorStore        *self,
                                                    const char         *project_id,
                                                    GError            **error);
GPtrArray       *kontor_store_list_lead_entries    (KontorStore        *self,
                                                    const char         *project_id,
                                                    const char         *status_id,
                                                    GError            **error);
GPtrArray       *kontor_store_list_contact_leads   (KontorStore        *self,
                                                    const char         *contact_id,
                                                    GError            **error);
KontorLeadEntry *kontor_store_find_lead_entry      (KontorStore        *self,
                                                    const char         *project_id,
                                                    const char         *contact_id,
                                                    GError            **error);
gboolean         kontor_store_get_lead_value       (KontorStore        *self,
                                                    const char         *project_id,
                                                    const char         *contact_id,
                                                    gint64             *cents,
                                                    char              **currency,
                                                    char              **rank,
                                                    GError            **error);
GArray          *kontor_store_sum_lead_columns     (KontorStore        *self,
                                                    const char         *project_id,
                                                    GError            **error);
GArray          *kontor_store_lead_entry_contacts  (KontorStore        *self,
                                                    GArray             *entry_rowids,
                                                    GError            **error);
gint64           kontor_store_count_lead_entries   (KontorStore        *self,
                                                    const char         *status_id,
                                                    GError            **error);
GArray          *kontor_store_sum_lead_column      (KontorStore        *self,
                                                    const char         *status_id,
                                                    GArray             *rowids,
                                                    GError            **error);
gboolean         kontor_store_create_lead_project  (KontorStore        *self,
                                                    KontorLeadProject  *project,
                                                    GError            **error);
gboolean         kontor_store_delete_lead_project  (KontorStore        *self,
                                                    KontorLeadProject  *project,
                                                    gboolean            with_entries,
                                                    GError            **error);

gboolean _kontor_store_create_lead_project_in (KontorStore        *self,
                                               KontorLeadProject  *project,
                                               GError            **error);
gboolean _kontor_store_delete_lead_project_in (KontorStore        *self,
                                               KontorLeadProject  *project,
                                               gboolean            with_entries,
                                               GError            **error);

GPtrArray *kontor_store_list_lead_follow_ups (KontorStore        *self,
                                             const char         *entry_id,
                                             GError            **error);

gboolean _kontor_store_index_lead_entries (KontorStore  *self,
                                           GError      **error);
gboolean _kontor_store_check_lead_activity (KontorStore     *self,
                                            KontorActivity  *activity,
                                            KontorActivity  *old,
                                            GError         **error);

G_END_DECLS
