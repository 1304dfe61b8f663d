/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_BOARD_SETTINGS (kontor_board_settings_get_type ())

G_DECLARE_FINAL_TYPE (KontorBoardSettings, kontor_board_settings,
                      KONTOR, BOARD_SETTINGS, GtkPopover)

GtkWidget *kontor_board_settings_new             (KontorContext *context);
GtkWidget *kontor_board_settings_new_card_fields (KontorContext *context);

G_END_DECLS
