/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-board.h"
#include "kontor-record-list.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_BOARD_COLUMN (kontor_board_column_get_type ())

G_DECLARE_FINAL_TYPE (KontorBoardColumn, kontor_board_column, KONTOR, BOARD_COLUMN, GtkBox)

GtkWidget            *kontor_board_column_new            (KontorBoard          *board,
                                                          KontorRecord         *status);
KontorRecord         *kontor_board_column_get_status     (KontorBoardColumn    *self);
const char           *kontor_board_column_get_status_id  (KontorBoardColumn    *self);
KontorRecordList     *kontor_board_column_get_list       (KontorBoardColumn    *self);
GtkWidget            *kontor_board_column_get_view       (KontorBoardColumn    *self);
GtkAdjustment        *kontor_board_column_get_vadjustment (KontorBoardColumn   *self);
GtkMenuButton        *kontor_board_column_get_menu_button (KontorBoardColumn   *self);
KontorBoardCard      *kontor_board_column_find_card      (KontorBoardColumn    *self,
                                                          const char           *contact_id);

G_END_DECLS
