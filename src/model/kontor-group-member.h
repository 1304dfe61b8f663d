/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

typedef enum
{
  KONTOR_GROUP_MEMBER_FIELD_GROUP_ID,
  KONTOR_GROUP_MEMBER_FIELD_CONTACT_ID,
  KONTOR_GROUP_MEMBER_N_FIELDS
} KontorGroupMemberField;

#define KONTOR_TYPE_GROUP_MEMBER (kontor_group_member_get_type ())

G_DECLARE_FINAL_TYPE (KontorGroupMember, kontor_group_member, KONTOR, GROUP_MEMBER, KontorRecord)

KontorGroupMember *kontor_group_member_new            (const char        *group_id,
                                                       const char        *contact_id);
const char        *kontor_group_member_get_group_id   (KontorGroupMember *self);
void               kontor_group_member_set_group_id   (KontorGroupMember *self,
                                                       const char        *group_id);
const char        *kontor_group_member_get_contact_id (KontorGroupMember *self);
void               kontor_group_member_set_contact_id (KontorGroupMember *self,
                                                       const char        *contact_id);

G_END_DECLS
