/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-editor-section.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_DETAILS_SECTION (kontor_details_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorDetailsSection, kontor_details_section,
                      KONTOR, DETAILS_SECTION, AdwPreferencesGroup)

G_END_DECLS
