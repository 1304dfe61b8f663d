/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-board.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_BOARD_CARD (kontor_board_card_get_type ())

G_DECLARE_FINAL_TYPE (KontorBoardCard, kontor_board_card, KONTOR, BOARD_CARD, GtkWidget)

GtkWidget     *kontor_board_card_new         (KontorBoard     *board);
KontorContact *kontor_board_card_get_contact (KontorBoardCard *self);
guint          kontor_board_card_get_position (KontorBoardCard *self);

G_END_DECLS
