/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_LEAD_SIDEBAR (kontor_lead_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadSidebar, kontor_lead_sidebar, KONTOR, LEAD_SIDEBAR, GtkBox)

GtkWidget *kontor_lead_sidebar_new    (KontorContext     *context);
void       kontor_lead_sidebar_select (KontorLeadSidebar *self,
                                       const char        *project_id);
void       kontor_lead_sidebar_reload (KontorLeadSidebar *self);

G_END_DECLS
