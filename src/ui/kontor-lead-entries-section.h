/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_LEAD_ENTRIES_SECTION (kontor_lead_entries_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadEntriesSection, kontor_lead_entries_section,
                      KONTOR, LEAD_ENTRIES_SECTION, AdwPreferencesGroup)

void  kontor_lead_entries_section_set_contact (KontorLeadEntriesSection *self,
                                               KontorContext            *context,
                                               KontorRecord             *contact);
guint kontor_lead_entries_section_get_n_rows  (KontorLeadEntriesSection *self);

G_END_DECLS
