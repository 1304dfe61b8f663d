/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_USER_CHOOSER (kontor_user_chooser_get_type ())

G_DECLARE_FINAL_TYPE (KontorUserChooser, kontor_user_chooser, KONTOR, USER_CHOOSER, AdwBin)

/* Whether users of a role are offered; those chosen already always are. */
typedef gboolean (*KontorUserRoleFilter) (KontorUserRole role);

GtkWidget          *kontor_user_chooser_new          (void);
void                kontor_user_chooser_set_context  (KontorUserChooser    *self,
                                                      KontorContext        *context);
void                kontor_user_chooser_set_filter   (KontorUserChooser    *self,
                                                      KontorUserRoleFilter  filter);
void                kontor_user_chooser_reload       (KontorUserChooser    *self);
const char * const *kontor_user_chooser_get_selected (KontorUserChooser    *self);
void                kontor_user_chooser_set_selected (KontorUserChooser    *self,
                                                      const char * const   *user_ids);
char               *kontor_user_chooser_dup_names    (KontorUserChooser    *self);

void                kontor_user_add_color_class      (GtkWidget            *widget,
                                                      KontorUser           *user);

G_END_DECLS
