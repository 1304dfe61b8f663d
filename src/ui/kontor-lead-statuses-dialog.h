/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"
#include "kontor-lead-project.h"

G_BEGIN_DECLS

void kontor_lead_statuses_dialog_present (GtkWidget         *widget,
                                          KontorContext     *context,
                                          KontorLeadProject *project);

G_END_DECLS
