/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_HISTORY_SECTION (kontor_history_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorHistorySection, kontor_history_section,
                      KONTOR, HISTORY_SECTION, AdwPreferencesGroup)

void  kontor_history_section_set_record (KontorHistorySection *self,
                                         KontorContext        *context,
                                         KontorRecord         *record);
guint kontor_history_section_get_n_rows (KontorHistorySection *self);

G_END_DECLS
