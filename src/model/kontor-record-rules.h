/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

/* the longest a one-line text field may be, in characters */
#define KONTOR_TEXT_MAX_CHARS 255

gboolean kontor_record_validate   (KontorRecord       *self,
                                   KontorRecord       *old,
                                   GError            **error);
guint    kontor_field_max_chars   (const KontorField  *field);
gboolean kontor_field_is_multiline (const KontorField *field);

G_END_DECLS
