/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_SYNC_PAGE (kontor_sync_page_get_type ())

G_DECLARE_FINAL_TYPE (KontorSyncPage, kontor_sync_page, KONTOR, SYNC_PAGE, AdwPreferencesPage)

GtkWidget *kontor_sync_page_new (KontorContext *context);

G_END_DECLS
