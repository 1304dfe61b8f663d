/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-editor-section.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_COMPANY_SECTION (kontor_company_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorCompanySection, kontor_company_section,
                      KONTOR, COMPANY_SECTION, AdwPreferencesGroup)

G_END_DECLS
