/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

#include "kontor-enums.h"
#include "kontor-types.h"

G_BEGIN_DECLS

/* A set of contact statuses, 1 << status each; 0 means every status. */
#define KONTOR_STATUS_MASK(status) (1u << (status))
#define KONTOR_STATUS_MASK_ACTIVE (KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT) | \
                                   KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER))

#define KONTOR_TYPE_FILTER (kontor_filter_get_type ())

G_DECLARE_FINAL_TYPE (KontorFilter, kontor_filter, KONTOR, FILTER, GObject)

KontorFilter     *kontor_filter_new                    (void);
KontorFilter     *kontor_filter_copy                   (KontorFilter     *self);
gboolean          kontor_filter_equal                  (KontorFilter     *a,
                                                        KontorFilter     *b);
const char       *kontor_filter_get_search_text        (KontorFilter     *self);
void              kontor_filter_set_search_text        (KontorFilter     *self,
                                                        const char       *text);
guint             kontor_filter_get_statuses           (KontorFilter     *self);
void              kontor_filter_set_statuses           (KontorFilter     *self,
                                                        guint             statuses);
gboolean          kontor_filter_get_leads_only         (KontorFilter     *self);
void              kontor_filter_set_leads_only         (KontorFilter     *self,
                                                        gboolean          leads_only);
const char       *kontor_filter_get_pipeline_status_id (KontorFilter     *self);
void              kontor_filter_set_pipeline_status_id (KontorFilter     *self,
                                                        const char       *id);
const char       *kontor_filter_get_assignee_id        (KontorFilter     *self);
void              kontor_filter_set_assignee_id        (KontorFilter     *self,
                                                        const char       *user_id);
const char       *kontor_filter_get_company_id         (KontorFilter     *self);
void              kontor_filter_set_company_id         (KontorFilter     *self,
                                                        const char       *company_id);
const char       *kontor_filter_get_sales_rep_id       (KontorFilter     *self);
void              kontor_filter_set_sales_rep_id       (KontorFilter     *self,
                                                        const char       *user_id);
const char       *kontor_filter_get_team_id            (KontorFilter     *self);
void              kontor_filter_set_team_id            (KontorFilter     *self,
                                                        const char       *team_id);
const char       *kontor_filter_get_group_id           (KontorFilter     *self);
void              kontor_filter_set_group_id           (KontorFilter     *self,
                                                        const char       *group_id);
const char       *kontor_filter_get_lead_project_id    (KontorFilter     *self);
void              kontor_filter_set_lead_project_id    (KontorFilter     *self,
                                                        const char       *project_id);
const char       *kontor_filter_get_lead_status_id     (KontorFilter     *self);
void              kontor_filter_set_lead_status_id     (KontorFilter     *self,
                                                        const char       *status_id);
const char       *kontor_filter_get_created_from       (KontorFilter     *self);
void              kontor_filter_set_created_from       (KontorFilter     *self,
                                                        const char       *iso_date);
const char       *kontor_filter_get_created_to         (KontorFilter     *self);
void              kontor_filter_set_created_to         (KontorFilter     *self,
                                                        const char       *iso_date);
const char       *kontor_filter_get_activity_from      (KontorFilter     *self);
void              kontor_filter_set_activity_from      (KontorFilter     *self,
                                                        const char       *iso_date);
const char       *kontor_filter_get_activity_to        (KontorFilter     *self);
void              kontor_filter_set_activity_to        (KontorFilter     *self,
                                                        const char       *iso_date);
const char       *kontor_filter_get_due_from           (KontorFilter     *self);
void              kontor_filter_set_due_from           (KontorFilter     *self,
                                                        const char       *iso_date);
const char       *kontor_filter_get_due_to             (KontorFilter     *self);
void              kontor_filter_set_due_to             (KontorFilter     *self,
                                                        const char       *iso_date);
guint             kontor_filter_get_birthday_month     (KontorFilter     *self);
void              kontor_filter_set_birthday_month     (KontorFilter     *self,
                                                        guint             month);
guint             kontor_filter_get_activity_kinds     (KontorFilter     *self);
void              kontor_filter_set_activity_kinds     (KontorFilter     *self,
                                                        guint             kinds);
gboolean          kontor_filter_get_open_tasks_only    (KontorFilter     *self);
void              kontor_filter_set_open_tasks_only    (KontorFilter     *self,
                                                        gboolean          open_only);
const char       *kontor_filter_get_activity_participant_id (KontorFilter *self);
void              kontor_filter_set_activity_participant_id (KontorFilter *self,
                                                             const char   *id);
const char * const *kontor_filter_get_contact_ids      (KontorFilter     *self);
void              kontor_filter_set_contact_ids        (KontorFilter     *self,
                                                        const char * const *ids);
KontorSortColumn  kontor_filter_get_sort_column        (KontorFilter     *self);
void              kontor_filter_set_sort_column        (KontorFilter     *self,
                                                        KontorSortColumn  column);
gboolean          kontor_filter_get_sort_descending    (KontorFilter     *self);
void              kontor_filter_set_sort_descending    (KontorFilter     *self,
                                                        gboolean          descending);

gboolean          kontor_filter_is_empty_criteria      (KontorFilter     *self);
guint             kontor_filter_count_criteria         (KontorFilter     *self);
char             *kontor_filter_to_string              (KontorFilter     *self);
KontorFilter     *kontor_filter_new_from_string        (const char       *text,
                                                        GError          **error);

G_END_DECLS
