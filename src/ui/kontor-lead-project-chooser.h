/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

AdwMessageDialog *kontor_lead_project_chooser_present (GtkWidget          *widget,
                                                       KontorContext      *context,
                                                       const char * const *contact_ids);

G_END_DECLS
