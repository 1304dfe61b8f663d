/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board-column"

#include "config.h"

#include "kontor-board-column-private.h"

/*
 * A column's cards: the ones its view has made (cards are made for what
 * is in view, and recycled), found by contact or by place, and shown
 * anew when the board's card fields, users or the time change, or a
 * contact's done activities.
 */

/**
 * _kontor_board_column_foreach_card:
 * @self: a column
 * @func: what to call
 * @data: passed to @func
 *
 * Calls @func for each card the view has made and bound.
 */
void
_kontor_board_column_foreach_card (KontorBoardColumn *self,
                                   void             (*func) (KontorBoardCard *card,
                                                             gpointer         data),
                                   gpointer           data)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->grid_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);

      if (KONTOR_IS_BOARD_CARD (card) && kontor_board_card_get_contact (KONTOR_BOARD_CARD (card)))
        func (KONTOR_BOARD_CARD (card), data);
    }
}

static void
update_card (KontorBoardCard *card,
             gpointer         data)
{
  _kontor_board_card_update (card);
}

/**
 * _kontor_board_column_update_cards:
 * @self: a column
 *
 * Shows the board's card fields, users and rights on every card made;
 * the others follow when they are bound.
 */
void
_kontor_board_column_update_cards (KontorBoardColumn *self)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));

  _kontor_board_column_foreach_card (self, update_card, NULL);
}

static void
update_listed (KontorBoardCard *card,
               gpointer         data)
{
  GArray *rowids = data;
  gint64 rowid = kontor_record_get_rowid (KONTOR_RECORD (kontor_board_card_get_contact (card)));

  for (guint i = 0; i < rowids->len; i++)
    {
      if (g_array_index (rowids, gint64, i) == rowid)
        {
          _kontor_board_card_update (card);
          return;
        }
    }
}

/**
 * _kontor_board_column_update_contacts:
 * @self: a column
 * @rowids: (nullable) (element-type gint64): contacts whose cards show
 *   something else now; %NULL for every card
 *
 * Shows the cards of @rowids anew: a lead's value or user changed writes
 * its entry, not its contact, which the card does not hear of.
 */
void
_kontor_board_column_update_contacts (KontorBoardColumn *self,
                                      GArray            *rowids)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));

  if (rowids == NULL)
    _kontor_board_column_update_cards (self);
  else
    _kontor_board_column_foreach_card (self, update_listed, rowids);
}

static void
update_done (KontorBoardCard *card,
             gpointer         data)
{
  GArray *rowids = data;
  gint64 rowid = kontor_record_get_rowid (KONTOR_RECORD (kontor_board_card_get_contact (card)));
  /* many rows: every card, a query each, rather than many rows each */
  gboolean changed = rowids->len == 0 || rowids->len > 64;

  for (guint i = 0; !changed && i < rowids->len; i++)
    changed = g_array_index (rowids, gint64, i) == rowid;

  if (changed)
    _kontor_board_card_update_done (card);
}

/**
 * _kontor_board_column_update_done:
 * @self: a column
 * @rowids: (element-type gint64): the contacts changed; empty when many
 *
 * Shows the done activities (feature P3) anew on the cards of @rowids
 * where they changed: an activity written changes its contact's row, but
 * a property of the contact only when it changed its last activity. One
 * small query for each such card made; a card is filled anew only when
 * its counts changed, not for every move.
 */
void
_kontor_board_column_update_done (KontorBoardColumn *self,
                                  GArray            *rowids)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));
  g_return_if_fail (rowids != NULL);

  _kontor_board_column_foreach_card (self, update_done, rowids);
}

typedef struct
{
  const char      *id;
  KontorBoardCard *found;
} FindCard;

static void
find_card (KontorBoardCard *card,
           gpointer         data)
{
  FindCard *find = data;
  KontorContact *contact = kontor_board_card_get_contact (card);

  if (find->found == NULL &&
      g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (contact)), find->id) == 0)
    find->found = card;
}

typedef struct
{
  double           y;
  GtkWidget       *relative_to;
  KontorBoardCard *found;
  double           distance;
} FindNear;

static void
find_card_near (KontorBoardCard *card,
                gpointer         data)
{
  FindNear *find = data;
  float middle = gtk_widget_get_height (GTK_WIDGET (card)) / 2.f;
  graphene_point_t center;
  double distance;

  if (!gtk_widget_get_mapped (GTK_WIDGET (card)) ||
      !gtk_widget_compute_point (GTK_WIDGET (card), find->relative_to,
                                 &GRAPHENE_POINT_INIT (0, middle), &center))
    return;

  distance = ABS (center.y - find->y);
  if (find->found == NULL || distance < find->distance)
    {
      find->found = card;
      find->distance = distance;
    }
}

/**
 * _kontor_board_column_find_card_near:
 * @self: a column
 * @y: a height in @relative_to's coordinates
 * @relative_to: a widget
 *
 * Returns: (transfer none) (nullable): the card shown nearest to @y
 */
KontorBoardCard *
_kontor_board_column_find_card_near (KontorBoardColumn *self,
                                     double             y,
                                     GtkWidget         *relative_to)
{
  FindNear find = { y, relative_to, NULL, 0 };

  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), NULL);

  _kontor_board_column_foreach_card (self, find_card_near, &find);

  return find.found;
}

typedef struct
{
  GtkWidget       *viewport;
  KontorBoardCard *found;
  double           top;
} FindTop;

static void
find_top_card (KontorBoardCard *card,
               gpointer         data)
{
  FindTop *find = data;
  graphene_point_t top;

  /* the highest card whose top is in view */
  if (!gtk_widget_get_mapped (GTK_WIDGET (card)) ||
      !gtk_widget_compute_point (GTK_WIDGET (card), find->viewport, &GRAPHENE_POINT_INIT (0, 0),
                                 &top) ||
      top.y < -1 || top.y >= gtk_widget_get_height (find->viewport))
    return;

  if (find->found == NULL || top.y < find->top)
    {
      find->found = card;
      find->top = top.y;
    }
}

/**
 * _kontor_board_column_focus_first:
 * @self: a column
 *
 * Gives the focus to the first card in view, without scrolling.
 *
 * Returns: %TRUE when a card took the focus
 */
gboolean
_kontor_board_column_focus_first (KontorBoardColumn *self)
{
  FindTop find = { GTK_WIDGET (self->scroller), NULL, 0 };

  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), FALSE);

  _kontor_board_column_foreach_card (self, find_top_card, &find);

  return find.found != NULL && gtk_widget_grab_focus (GTK_WIDGET (find.found));
}

/**
 * kontor_board_column_find_card:
 * @self: a column
 * @contact_id: a contact's id
 *
 * Returns: (transfer none) (nullable): the card showing the contact, when
 *   the column has made one (cards are made for what is in view)
 */
KontorBoardCard *
kontor_board_column_find_card (KontorBoardColumn *self,
                               const char        *contact_id)
{
  FindCard find = { contact_id, NULL };

  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), NULL);
  g_return_val_if_fail (contact_id != NULL, NULL);

  _kontor_board_column_foreach_card (self, find_card, &find);

  return find.found;
}
