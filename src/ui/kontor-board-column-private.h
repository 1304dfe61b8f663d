/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-board-private.h"

G_BEGIN_DECLS

/* A column's state, shared by kontor-board-column.c (list, view, drops),
 * kontor-board-column-cards.c (the cards made) and
 * kontor-board-column-menu.c (the column menu); not for other files. */
struct _KontorBoardColumn
{
  GtkBox                parent_instance;

  KontorBoard          *board;          /* unowned: the board owns its columns */
  KontorRecord         *status;         /* KontorPipelineStatus or KontorLeadStatus */
  KontorFilter         *filter;
  KontorRecordList     *list;
  gboolean              filter_stale;
  gboolean              cards_stale;    /* a lead entry changed while not shown */

  GtkLabel             *name_label;
  GtkLabel             *count_label;
  GtkLabel             *sum_label;      /* a lead project's: the sum of its values */
  guint                 lead_total;     /* … every lead of its status, for its limit */
  GtkMenuButton        *menu_button;
  GtkScrolledWindow    *scroller;
  GtkGridView          *grid_view;
  GtkSliceListModel    *slice;
  gboolean              in_view;        /* makes cards: in view once, or scrolled to */
  gboolean              scrolled;       /* makes a screen of cards below the visible ones */
  guint                 fill_source;
  guint                 refill_source;
  GtkLabel             *overdue_label;
  GtkLabel             *stale_label;
  guint                 alerts_source;
  guint                 alerts_tick;
  gboolean              alerts_stale;
};

KontorStore *_kontor_board_column_get_store      (KontorBoardColumn *self);
void         _kontor_board_column_class_init_menu (GtkWidgetClass   *widget_class);
void         _kontor_board_column_init_menu       (KontorBoardColumn *self);
void         _kontor_board_column_foreach_card    (KontorBoardColumn *self,
                                                   void             (*func) (KontorBoardCard *card,
                                                                             gpointer         data),
                                                   gpointer           data);
void         _kontor_board_column_update_done     (KontorBoardColumn *self,
                                                   GArray            *rowids);
void         _kontor_board_column_update_contacts (KontorBoardColumn *self,
                                                   GArray            *rowids);

G_END_DECLS
