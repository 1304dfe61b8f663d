/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-editor-section.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_ADDRESS_SECTION (kontor_address_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorAddressSection, kontor_address_section,
                      KONTOR, ADDRESS_SECTION, AdwPreferencesGroup)

G_END_DECLS
