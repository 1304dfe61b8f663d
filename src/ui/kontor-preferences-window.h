/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_PREFERENCES_WINDOW (kontor_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (KontorPreferencesWindow, kontor_preferences_window,
                      KONTOR, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *kontor_preferences_window_new (GtkWindow     *parent,
                                          KontorContext *context);

G_END_DECLS
