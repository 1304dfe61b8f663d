/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-field.h"
#include "kontor-store.h"

G_BEGIN_DECLS

char *kontor_value_text_dup      (KontorStore       *store,
                                  GType              type,
                                  const KontorField *field,
                                  const char        *json);
char *kontor_value_text_dup_name (KontorStore       *store,
                                  GType              type,
                                  const char        *id);

G_END_DECLS
