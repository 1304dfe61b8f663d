/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_NEW_CONTACT_DIALOG (kontor_new_contact_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KontorNewContactDialog, kontor_new_contact_dialog,
                      KONTOR, NEW_CONTACT_DIALOG, AdwWindow)

KontorNewContactDialog *kontor_new_contact_dialog_new (GtkWindow     *parent,
                                                       KontorContext *context);

void                    kontor_new_contact_dialog_set_company (KontorNewContactDialog *self,
                                                               KontorCompany          *company);

G_END_DECLS
