/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_SYNC_INDICATOR (kontor_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (KontorSyncIndicator, kontor_sync_indicator, KONTOR, SYNC_INDICATOR, GtkWidget)

GtkWidget     *kontor_sync_indicator_new        (KontorContext       *context);
GtkMenuButton *kontor_sync_indicator_get_button (KontorSyncIndicator *self);

G_END_DECLS
