/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-board.h"
#include "kontor-board-card.h"
#include "kontor-board-column.h"
#include "kontor-field-change.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-status.h"

G_BEGIN_DECLS

/* What the board, its columns and its cards share; not for other files. */

/* The optional fields of a card (GSettings "board-card-fields") */
typedef enum
{
  KONTOR_BOARD_CARD_JOB_TITLE = 1 << 0,
  KONTOR_BOARD_CARD_COMPANY   = 1 << 1,
  KONTOR_BOARD_CARD_SALES_REP = 1 << 2,
} KontorBoardCardFields;

/* The ids of "board-card-fields", in the order of the flags above */
extern const char * const _kontor_board_card_field_ids[3];

KontorBoardCardFields _kontor_board_get_card_fields     (KontorBoard          *self);
KontorUser           *_kontor_board_lookup_user         (KontorBoard          *self,
                                                         const char           *user_id);
gboolean              _kontor_board_has_conflict        (KontorBoard          *self,
                                                         const char           *contact_id);
GPtrArray            *_kontor_board_get_users           (KontorBoard          *self);
GPtrArray            *_kontor_board_get_statuses        (KontorBoard          *self);
gboolean              _kontor_board_dup_place           (KontorBoard          *self,
                                                         KontorContact        *contact,
                                                         char                **status_id,
                                                         char                **rank);
char                 *_kontor_board_dup_card_value      (KontorBoard          *self,
                                                         KontorContact        *contact);
GStrv                 _kontor_board_dup_assignees       (KontorBoard          *self,
                                                         KontorContact        *contact);
KontorFieldChange    *_kontor_board_new_assign          (KontorBoard          *self,
                                                         KontorContact        *contact,
                                                         const char           *user_id,
                                                         const char           *title,
                                                         const char           *title_back);
void                  _kontor_board_open_card           (KontorBoard          *self,
                                                         GtkWidget            *widget,
                                                         KontorContact        *contact);
void                  _kontor_board_lead_reload_statuses (KontorBoard         *self);
gboolean              _kontor_board_awaits_frame        (KontorBoard          *self);
KontorBoardColumn    *_kontor_board_get_neighbour       (KontorBoard          *self,
                                                         KontorBoardColumn    *column,
                                                         int                   delta);
void                  _kontor_board_focus_card_later    (KontorBoard          *self,
                                                         const char           *contact_id);
void                  _kontor_board_remember_focus      (KontorBoard          *self,
                                                         const char           *contact_id);
void                  _kontor_board_column_added        (KontorBoard          *self,
                                                         const char           *status_id);
GMenuModel           *_kontor_board_dup_move_menu       (KontorBoard          *self,
                                                         KontorContact        *contact,
                                                         KontorBoardColumn    *column);
GPtrArray            *_kontor_board_select_columns      (GPtrArray            *statuses,
                                                         const char * const   *ids);
void                  _kontor_board_reload_statuses     (KontorContext        *context,
                                                         GPtrArray           **statuses);

void                  _kontor_board_column_set_status   (KontorBoardColumn    *self,
                                                         KontorRecord         *status);
void                  _kontor_board_column_update_sum   (KontorBoardColumn    *self);
void                  _kontor_board_column_drop         (KontorBoardColumn    *self,
                                                         KontorContact        *contact,
                                                         guint                 position);
void                  _kontor_board_column_update_cards (KontorBoardColumn    *self);
void                  _kontor_board_column_time_passed  (KontorBoardColumn    *self);
KontorBoardCard      *_kontor_board_column_find_card_near (KontorBoardColumn  *self,
                                                         double                y,
                                                         GtkWidget            *relative_to);
void                  _kontor_board_column_check_view   (KontorBoardColumn    *self);
gboolean              _kontor_board_column_focus_first  (KontorBoardColumn    *self);
void                  _kontor_board_column_scroll_to    (KontorBoardColumn    *self,
                                                         guint                 position);

void                  _kontor_board_card_bind           (KontorBoardCard      *self,
                                                         KontorBoardColumn    *column,
                                                         GtkListItem          *list_item);
void                  _kontor_board_card_unbind         (KontorBoardCard      *self);
void                  _kontor_board_card_update         (KontorBoardCard      *self);
void                  _kontor_board_card_update_done    (KontorBoardCard      *self);
void                  _kontor_board_card_clear_drop_mark (KontorBoardCard     *self);
void                  _kontor_board_card_arm            (KontorBoardCard      *self);
void                  _kontor_board_card_make_full      (KontorBoardCard      *self);
gboolean              _kontor_board_card_shows_text     (KontorBoardCard      *self,
                                                         const char           *text);

/* The board's own state, shared by kontor-board.c (columns, loading) and
 * kontor-board-moves.c (moves, focus, keyboard); not for other files. */
struct _KontorBoard
{
  AdwBin                 parent_instance;

  KontorContext         *context;
  KontorFilter          *filter;
  KontorLeadProject     *project;     /* a lead project's board; NULL: the pipeline's */
  GPtrArray             *statuses;    /* KontorPipelineStatus or KontorLeadStatus, all,
                                       * in board order */
  GPtrArray             *columns;     /* KontorBoardColumn shown, left to right (unowned) */
  GHashTable            *users;       /* id -> KontorUser */
  GHashTable            *conflicted;  /* ids of contacts with a conflict to answer */
  GPtrArray             *user_list;   /* KontorUser, by name */
  KontorBoardCardFields  card_fields;
  GtkWidget             *card_shelf;      /* for drawn cards: kontor-board-card-face.c */
  GtkWidget             *card_prototype;  /* in the shelf */
  guint                  card_fonts;      /* the serial of the prototype's fonts */
  GHashTable            *card_shapes;     /* of the prototype, by what a face shows */
  GHashTable            *card_rows;       /* … of its rows */
  GHashTable            *card_styles;     /* … its fonts and colours, by a face's marks */
  guint                  n_items;
  char                  *focus_id;    /* the contact whose card had the focus last */

  /* the card to give the focus once its column has made it (after a move) */
  char                  *pending_id;
  char                  *pending_status_id;
  guint                  pending_tick_id;
  GdkFrameClock         *frame_clock;       /* while the first frame is awaited */
  guint                  clock_source;
  gint64                 clock_checked;     /* monotonic µs */
  guint                  pending_ticks;

  GtkStack              *stack;
  GtkScrolledWindow     *scroller;
  GtkBox                *columns_box;

  /* a narrow window: a column as wide as the board, one at a time
   * (kontor-board.c "narrow") */
  GtkWindow             *narrow_window;
  int                    narrow_width;      /* of each column; 0: not narrow */
  guint                  narrow_tick_id;    /* to set it at the next frame */
};

void                  _kontor_board_class_init_moves    (GtkWidgetClass       *widget_class);
void                  _kontor_board_init_moves          (KontorBoard          *self);

G_END_DECLS
