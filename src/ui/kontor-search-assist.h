/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_SEARCH_ASSIST (kontor_search_assist_get_type ())

G_DECLARE_FINAL_TYPE (KontorSearchAssist, kontor_search_assist, KONTOR, SEARCH_ASSIST, GObject)

KontorSearchAssist *kontor_search_assist_new          (GtkSearchEntry     *entry,
                                                       GtkLabel           *problem_label,
                                                       KontorStore        *store);
GtkWidget          *kontor_search_assist_get_popover  (KontorSearchAssist *self);

G_END_DECLS
