/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_EMPLOYMENTS_SECTION (kontor_employments_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorEmploymentsSection, kontor_employments_section,
                      KONTOR, EMPLOYMENTS_SECTION, AdwPreferencesGroup)

void  kontor_employments_section_set_owner (KontorEmploymentsSection *self,
                                            KontorContext            *context,
                                            KontorRecord             *owner);
guint kontor_employments_section_get_n_rows (KontorEmploymentsSection *self);

G_END_DECLS
