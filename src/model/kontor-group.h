/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

typedef enum
{
  KONTOR_GROUP_FIELD_NAME,
  KONTOR_GROUP_FIELD_NUMBER,
  KONTOR_GROUP_FIELD_ASSIGNEES,
  KONTOR_GROUP_FIELD_ASSIGNED_TEAM_ID,
  KONTOR_GROUP_FIELD_IS_DYNAMIC,
  KONTOR_GROUP_FIELD_FILTER,
  KONTOR_GROUP_N_FIELDS
} KontorGroupField;

#define KONTOR_TYPE_GROUP (kontor_group_get_type ())

G_DECLARE_FINAL_TYPE (KontorGroup, kontor_group, KONTOR, GROUP, KontorRecord)

KontorGroup        *kontor_group_new                  (const char         *name);
KontorGroup        *kontor_group_new_dynamic          (const char         *name,
                                                       const char         *filter);
const char         *kontor_group_get_name             (KontorGroup        *self);
void                kontor_group_set_name             (KontorGroup        *self,
                                                       const char         *name);
const char         *kontor_group_get_number           (KontorGroup        *self);
void                kontor_group_set_number           (KontorGroup        *self,
                                                       const char         *number);
const char * const *kontor_group_get_assignees        (KontorGroup        *self);
void                kontor_group_set_assignees        (KontorGroup        *self,
                                                       const char * const *user_ids);
const char         *kontor_group_get_assigned_team_id (KontorGroup        *self);
void                kontor_group_set_assigned_team_id (KontorGroup        *self,
                                                       const char         *team_id);
gboolean            kontor_group_get_is_dynamic       (KontorGroup        *self);
void                kontor_group_set_is_dynamic       (KontorGroup        *self,
                                                       gboolean            is_dynamic);
const char         *kontor_group_get_filter           (KontorGroup        *self);
void                kontor_group_set_filter           (KontorGroup        *self,
                                                       const char         *filter);

G_END_DECLS
