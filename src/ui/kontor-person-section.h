/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-editor-section.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_PERSON_SECTION (kontor_person_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorPersonSection, kontor_person_section,
                      KONTOR, PERSON_SECTION, AdwPreferencesGroup)

gboolean kontor_person_section_company_changed (KontorPersonSection  *self,
                                                KontorContact        *stored);
gboolean kontor_person_section_resolve_company (KontorPersonSection  *self,
                                                char                **company_id,
                                                KontorCompany       **new_company,
                                                GError              **error);

G_END_DECLS
