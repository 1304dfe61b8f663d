/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-editor-section.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_HEADER_SECTION (kontor_header_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorHeaderSection, kontor_header_section,
                      KONTOR, HEADER_SECTION, GtkBox)

G_END_DECLS
