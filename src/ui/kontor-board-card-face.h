/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-board-card.h"

G_BEGIN_DECLS

/* The parts of a card, as the full card has them in its template; of the
 * bubbles of its done activities (feature P3), one dot and one count for
 * each KontorActivityKind, in the order of the kinds */
typedef enum
{
  KONTOR_CARD_PART_NAME,
  KONTOR_CARD_PART_JOB_TITLE,
  KONTOR_CARD_PART_COMPANY,
  KONTOR_CARD_PART_SALES_REP,
  KONTOR_CARD_PART_VALUE,       /* a lead project's board: the lead's value */
  KONTOR_CARD_PART_ACTIVITY,
  KONTOR_CARD_PART_DUE,
  KONTOR_CARD_PART_AGE,
  KONTOR_CARD_PART_AVATAR,
  KONTOR_CARD_PART_AVATAR_MORE,
  KONTOR_CARD_PART_DONE_COUNT,  /* the task's; + kind for the others */
  KONTOR_CARD_PART_N_TEXTS = KONTOR_CARD_PART_DONE_COUNT + KONTOR_ACTIVITY_N_KINDS,
  KONTOR_CARD_PART_NEW_BADGE = KONTOR_CARD_PART_N_TEXTS,
  KONTOR_CARD_PART_STALE_BADGE,
  KONTOR_CARD_PART_ASSIGN_IMAGE,
  KONTOR_CARD_PART_DUE_BOX,
  KONTOR_CARD_PART_DUE_ICON,
  KONTOR_CARD_PART_EDIT_ICON,
  KONTOR_CARD_PART_MOVE_ICON,
  KONTOR_CARD_PART_DONE_DOT,    /* likewise */
  KONTOR_CARD_N_PARTS = KONTOR_CARD_PART_DONE_DOT + KONTOR_ACTIVITY_N_KINDS
} KontorCardPart;

/* What a card shows of its contact, drawn or in its widgets */
typedef struct
{
  char     *texts[KONTOR_CARD_PART_N_TEXTS];  /* NULL: not shown */
  int       color_index;                      /* the first assignee's, or -1 */
  gboolean  is_new;
  gboolean  stale;
  gboolean  overdue;
  gboolean  conflict;                         /* a sync conflict to answer */
  guint     done[KONTOR_ACTIVITY_N_KINDS];    /* done activities by kind */
  char     *assign_tooltip;
  char     *due_tooltip;
  char     *age_tooltip;
  char     *stale_tooltip;
  char     *done_tooltip;                     /* NULL: none done */
} KontorBoardCardFace;

void      _kontor_board_card_face_add_prototype (KontorBoard *board);
void      _kontor_board_card_face_forget_shapes (KontorBoard *board);
/* in kontor-board-card.c, for tests */
void      _kontor_board_card_get_drawn_place (KontorBoardCard *self,
                                              KontorCardPart   part,
                                              graphene_rect_t *place);
void      _kontor_board_card_face_get_place (KontorBoard               *board,
                                             const KontorBoardCardFace *face,
                                             int                        width,
                                             KontorCardPart             part,
                                             graphene_rect_t           *place);
void      _kontor_board_card_face_clear    (KontorBoardCardFace  *face);
void      _kontor_board_card_face_fill     (KontorBoardCardFace  *face,
                                            KontorBoard          *board,
                                            KontorContact        *contact,
                                            KontorRecord         *status,
                                            GString              *description);
gboolean  _kontor_board_card_face_done_changed (const KontorBoardCardFace *face,
                                                KontorBoard               *board,
                                                KontorContact             *contact);
void      _kontor_board_card_face_add_bubbles (GtkWidget  *box,
                                               GtkWidget **dots,
                                               GtkWidget **counts);
void      _kontor_board_card_face_show_bubbles (const KontorBoardCardFace *face,
                                                GtkWidget                 *row,
                                                GtkWidget                **dots,
                                                GtkWidget                **counts);
void      _kontor_board_card_face_measure  (KontorBoard          *board,
                                            const KontorBoardCardFace *face,
                                            GtkOrientation        orientation,
                                            int                  *minimum,
                                            int                  *natural);
void      _kontor_board_card_face_snapshot (KontorBoard          *board,
                                            const KontorBoardCardFace *face,
                                            GtkWidget            *card,
                                            GtkSnapshot          *snapshot);

/* in kontor-board-card.c: a full card to measure a drawn one by */
GtkWidget *_kontor_board_card_new_prototype (void);
void       _kontor_board_card_show_face     (KontorBoardCard           *self,
                                             const KontorBoardCardFace *face);
GtkWidget *_kontor_board_card_get_part      (KontorBoardCard           *self,
                                             KontorCardPart             part);

G_END_DECLS
