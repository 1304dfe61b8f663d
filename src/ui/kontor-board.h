/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"
#include "kontor-filter.h"
#include "kontor-lead-project.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_BOARD (kontor_board_get_type ())

G_DECLARE_FINAL_TYPE (KontorBoard, kontor_board, KONTOR, BOARD, AdwBin)

typedef struct _KontorBoardCard KontorBoardCard;
typedef struct _KontorBoardColumn KontorBoardColumn;

GtkWidget         *kontor_board_new             (KontorContext  *context,
                                                 KontorFilter   *filter);
GtkWidget         *kontor_board_new_for_lead_project (KontorContext     *context,
                                                 KontorFilter      *filter,
                                                 KontorLeadProject *project);
KontorContext     *kontor_board_get_context     (KontorBoard    *self);
KontorLeadProject *kontor_board_get_lead_project (KontorBoard   *self);
KontorFilter      *kontor_board_get_filter      (KontorBoard    *self);
guint              kontor_board_get_n_items     (KontorBoard    *self);
guint              kontor_board_get_n_columns   (KontorBoard    *self);
KontorBoardColumn *kontor_board_get_column      (KontorBoard    *self,
                                                 guint           index);
KontorBoardColumn *kontor_board_find_column     (KontorBoard    *self,
                                                 const char     *status_id);
KontorBoardCard   *kontor_board_find_card       (KontorBoard    *self,
                                                 const char     *contact_id);
gboolean           kontor_board_move_contact    (KontorBoard    *self,
                                                 KontorContact  *contact,
                                                 const char     *status_id,
                                                 KontorContact  *before,
                                                 KontorContact  *after);
gboolean           kontor_board_focus           (KontorBoard    *self);

G_END_DECLS
