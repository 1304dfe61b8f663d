/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_APPLICATION (kontor_application_get_type ())

G_DECLARE_FINAL_TYPE (KontorApplication, kontor_application, KONTOR, APPLICATION, AdwApplication)

KontorApplication *kontor_application_new              (void);
gboolean           kontor_application_is_uninstalled   (void);
const char        *kontor_application_get_localedir    (void);

KontorContext     *kontor_application_get_search_context (KontorApplication  *self,
                                                          const char        **path,
                                                          GError            **error);

G_END_DECLS
