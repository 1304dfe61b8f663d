/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_DUPLICATES_WINDOW (kontor_duplicates_window_get_type ())

G_DECLARE_FINAL_TYPE (KontorDuplicatesWindow, kontor_duplicates_window, KONTOR,
                      DUPLICATES_WINDOW, AdwWindow)

GtkWindow  *kontor_duplicates_window_new        (GtkWindow              *parent,
                                                 KontorContext          *context);
GListModel *kontor_duplicates_window_get_pairs  (KontorDuplicatesWindow *self);
gboolean    kontor_duplicates_window_is_merging (KontorDuplicatesWindow *self);

G_END_DECLS
