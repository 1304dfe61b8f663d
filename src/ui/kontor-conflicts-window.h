/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_CONFLICTS_WINDOW (kontor_conflicts_window_get_type ())

G_DECLARE_FINAL_TYPE (KontorConflictsWindow, kontor_conflicts_window, KONTOR, CONFLICTS_WINDOW,
                      AdwPreferencesWindow)

GtkWindow *kontor_conflicts_window_new (GtkWindow     *parent,
                                        KontorContext *context);

G_END_DECLS
