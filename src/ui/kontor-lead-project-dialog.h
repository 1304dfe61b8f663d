/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"
#include "kontor-lead-project.h"

G_BEGIN_DECLS

/**
 * KontorLeadProjectDone:
 * @data: the data given with the callback
 * @project_id: the project created or changed
 */
typedef void (*KontorLeadProjectDone) (gpointer    data,
                                       const char *project_id);

void kontor_lead_project_dialog_present (GtkWidget             *widget,
                                         KontorContext         *context,
                                         KontorLeadProject     *project,
                                         KontorLeadProjectDone  done,
                                         gpointer               data,
                                         GDestroyNotify         destroy);

G_END_DECLS
