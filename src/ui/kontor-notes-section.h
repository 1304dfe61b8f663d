/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-editor-section.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_NOTES_SECTION (kontor_notes_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorNotesSection, kontor_notes_section,
                      KONTOR, NOTES_SECTION, AdwPreferencesGroup)

G_END_DECLS
