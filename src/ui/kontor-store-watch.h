/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

#include "kontor-store.h"

G_BEGIN_DECLS

void kontor_store_watch_other_writers (GtkWidget   *widget,
                                       KontorStore *store);

G_END_DECLS
