/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-enums.h"
#include "kontor-record.h"

G_BEGIN_DECLS

typedef enum
{
  KONTOR_USER_FIELD_USERNAME,
  KONTOR_USER_FIELD_FULL_NAME,
  KONTOR_USER_FIELD_EMAIL,
  KONTOR_USER_FIELD_ROLE,
  KONTOR_USER_FIELD_TEAMS,
  KONTOR_USER_N_FIELDS
} KontorUserField;

#define KONTOR_TYPE_USER (kontor_user_get_type ())

G_DECLARE_FINAL_TYPE (KontorUser, kontor_user, KONTOR, USER, KontorRecord)

KontorUser         *kontor_user_new               (const char         *username,
                                                   const char         *full_name,
                                                   KontorUserRole      role);
const char         *kontor_user_get_username      (KontorUser         *self);
void                kontor_user_set_username      (KontorUser         *self,
                                                   const char         *username);
const char         *kontor_user_get_full_name     (KontorUser         *self);
void                kontor_user_set_full_name     (KontorUser         *self,
                                                   const char         *full_name);
const char         *kontor_user_get_email         (KontorUser         *self);
void                kontor_user_set_email         (KontorUser         *self,
                                                   const char         *email);
KontorUserRole      kontor_user_get_role          (KontorUser         *self);
void                kontor_user_set_role          (KontorUser         *self,
                                                   KontorUserRole      role);
const char * const *kontor_user_get_teams         (KontorUser         *self);
void                kontor_user_set_teams         (KontorUser         *self,
                                                   const char * const *team_ids);
char               *kontor_user_dup_initials      (KontorUser         *self);
guint               kontor_user_get_color_index   (KontorUser         *self);

gboolean            kontor_user_role_can_edit     (KontorUserRole      role);
gboolean            kontor_user_role_can_sell     (KontorUserRole      role);
const char         *kontor_user_role_to_string    (KontorUserRole      role);
gboolean            kontor_user_role_check        (KontorUserRole      role,
                                                   GType               record_type,
                                                   KontorAccess        access,
                                                   GError            **error);
gboolean            kontor_user_role_check_admin  (KontorUserRole      role,
                                                   GError            **error);
gboolean            kontor_user_check_admins_left (guint               n_admins,
                                                   GError            **error);
gboolean            kontor_user_check_sales_rep   (KontorUser         *user,
                                                   GError            **error);

G_END_DECLS
