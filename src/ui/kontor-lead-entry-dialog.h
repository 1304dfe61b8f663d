/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"
#include "kontor-lead-entry.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_LEAD_ENTRY_DIALOG (kontor_lead_entry_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadEntryDialog, kontor_lead_entry_dialog,
                      KONTOR, LEAD_ENTRY_DIALOG, AdwWindow)

GtkWidget  *kontor_lead_entry_dialog_present        (GtkWidget             *widget,
                                                     KontorContext         *context,
                                                     KontorLeadEntry       *entry);
GListModel *kontor_lead_entry_dialog_get_follow_ups (KontorLeadEntryDialog *self);

G_END_DECLS
