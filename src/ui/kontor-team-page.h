/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_TEAM_PAGE (kontor_team_page_get_type ())

G_DECLARE_FINAL_TYPE (KontorTeamPage, kontor_team_page, KONTOR, TEAM_PAGE, AdwPreferencesPage)

GtkWidget *kontor_team_page_new (KontorContext *context);

G_END_DECLS
