/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-editor-section.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_CHANNELS_SECTION (kontor_channels_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorChannelsSection, kontor_channels_section,
                      KONTOR, CHANNELS_SECTION, GtkBox)

void kontor_channels_section_take_ids (KontorChannelsSection *self,
                                       KontorRecord          *stored);

G_END_DECLS
