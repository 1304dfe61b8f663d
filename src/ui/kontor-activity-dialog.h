/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_ACTIVITY_DIALOG (kontor_activity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KontorActivityDialog, kontor_activity_dialog,
                      KONTOR, ACTIVITY_DIALOG, AdwWindow)

KontorActivityDialog *kontor_activity_dialog_new          (GtkWidget            *parent,
                                                           KontorContext        *context,
                                                           KontorActivity       *activity);
gboolean              kontor_activity_dialog_save         (KontorActivityDialog *self);
KontorActivity       *kontor_activity_dialog_get_activity (KontorActivityDialog *self);

void                  kontor_activity_dialog_attach_file  (KontorActivityDialog *self,
                                                           GFile                *file);
gboolean              kontor_activity_dialog_is_busy      (KontorActivityDialog *self);

G_END_DECLS
