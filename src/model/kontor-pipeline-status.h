/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

/* the most days a column may wait before its cards are stale (ten years;
 * more would overflow nothing, but means nothing either) */
#define KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS 3650

typedef enum
{
  KONTOR_PIPELINE_STATUS_FIELD_NAME,
  KONTOR_PIPELINE_STATUS_FIELD_KEY,
  KONTOR_PIPELINE_STATUS_FIELD_POSITION,
  KONTOR_PIPELINE_STATUS_FIELD_IS_SYSTEM,
  KONTOR_PIPELINE_STATUS_FIELD_ACTIVE,
  KONTOR_PIPELINE_STATUS_FIELD_STALE_DAYS,
  KONTOR_PIPELINE_STATUS_N_FIELDS
} KontorPipelineStatusField;

/* Keys of the statuses every database starts with; the three system ones
 * cannot be renamed or deleted (feature P7, src/README.md). */
#define KONTOR_PIPELINE_KEY_NEW         "new"
#define KONTOR_PIPELINE_KEY_IN_PROGRESS "in-progress"
#define KONTOR_PIPELINE_KEY_CONTACTED   "contacted"
#define KONTOR_PIPELINE_KEY_OFFER       "offer"
#define KONTOR_PIPELINE_KEY_WON         "won"
#define KONTOR_PIPELINE_KEY_LOST        "lost"

#define KONTOR_TYPE_PIPELINE_STATUS (kontor_pipeline_status_get_type ())

G_DECLARE_FINAL_TYPE (KontorPipelineStatus, kontor_pipeline_status,
                      KONTOR, PIPELINE_STATUS, KontorRecord)

KontorPipelineStatus *kontor_pipeline_status_new           (const char           *name);
const char           *kontor_pipeline_status_get_name      (KontorPipelineStatus *self);
void                  kontor_pipeline_status_set_name      (KontorPipelineStatus *self,
                                                            const char           *name);
const char           *kontor_pipeline_status_get_key       (KontorPipelineStatus *self);
void                  kontor_pipeline_status_set_key       (KontorPipelineStatus *self,
                                                            const char           *key);
gint64                kontor_pipeline_status_get_position  (KontorPipelineStatus *self);
void                  kontor_pipeline_status_set_position  (KontorPipelineStatus *self,
                                                            gint64                position);
gboolean              kontor_pipeline_status_get_is_system (KontorPipelineStatus *self);
void                  kontor_pipeline_status_set_is_system (KontorPipelineStatus *self,
                                                            gboolean              is_system);
gboolean              kontor_pipeline_status_get_active    (KontorPipelineStatus *self);
void                  kontor_pipeline_status_set_active    (KontorPipelineStatus *self,
                                                            gboolean              active);
gint64                kontor_pipeline_status_get_stale_days (KontorPipelineStatus *self);
void                  kontor_pipeline_status_set_stale_days (KontorPipelineStatus *self,
                                                             gint64                days);
const char           *kontor_pipeline_key_to_string        (const char           *key);
const char           *kontor_pipeline_key_search_name      (const char           *key,
                                                            gboolean              german);

G_END_DECLS
