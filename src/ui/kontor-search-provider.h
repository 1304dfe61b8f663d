/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-application.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_SEARCH_PROVIDER (kontor_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (KontorSearchProvider, kontor_search_provider, KONTOR, SEARCH_PROVIDER,
                      GObject)

/* how many contacts and how many companies a search in the Shell gives */
#define KONTOR_SEARCH_PROVIDER_LIMIT 5

KontorSearchProvider *kontor_search_provider_new         (KontorApplication     *application);
gboolean              kontor_search_provider_export      (KontorSearchProvider  *self,
                                                          GDBusConnection       *connection,
                                                          const char            *object_path,
                                                          GError               **error);
void                  kontor_search_provider_unexport    (KontorSearchProvider  *self);
GBytes               *kontor_search_provider_draw_initials (const char          *name,
                                                            int                  size);

G_END_DECLS
