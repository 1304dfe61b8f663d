/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board-column"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kontor-autoscroll.h"
#include "kontor-board-column-private.h"
#include "kontor-format.h"
#include "kontor-money.h"
#include "kontor-store-lead.h"

/**
 * KontorBoardColumn:
 *
 * One pipeline status of the board (feature P2, src/README.md): a header with the name,
 * the count (X5) and the column menu (P7), over a virtualised list of
 * cards.
 *
 *   board's KontorFilter ──changed──▶ column's KontorFilter ──▶ KontorRecordList
 *   (search, status, lead, …)          (+ this status, by rank,     │ ids from SQLite
 *                                       Prospect|Customer only)     ▼
 *                                      GtkSliceListModel (the first cards, growing
 *                                       │                 as the column is scrolled)
 *                                       ▼
 *                                      GtkNoSelection ─▶ GtkGridView ─▶ KontorBoardCard
 *                                                        (one column)
 *
 * A grid view of one column, not a list view: GTK 4.8's GtkListView keeps
 * 200 rows alive whatever its height (GTK_LIST_VIEW_MAX_LIST_ITEMS), which
 * made 1,200 cards for a board of six columns and took seconds to open
 * with 10,000 contacts; a grid view keeps 30 rows per column
 * (GTK_GRID_VIEW_MAX_VISIBLE_ROWS). Even that is five screens of cards,
 * so the view sees a prefix of the list that holds the cards in view and
 * one more: it grows as the column is scrolled (or a card further down is
 * scrolled to) and as the column grows taller, before the frame that
 * needs the cards. A column scrolled out of view sideways has an empty prefix
 * until it comes into view or next to it (see
 * kontor_board_column_size_allocate()). The model changes only outside a
 * layout. The prefix starts at 0, so a
 * position in the view is a position in the list. The scroll bar shows
 * the prefix; the count shows the whole column.
 *
 * The count is the list's length, so it is right for every filter. While
 * the board is hidden (the table is shown) the column leaves its filter
 * alone and catches up when it is shown again: typing a search in the
 * table then costs one query, not one per column.
 */

/* the height of a card before any is made, a typical one's: the first
 * frame's cards are the ones that fit in the window's height at this
 * height */
#define CARD_HEIGHT_GUESS 120.0

/* as kontor-board.css and kontor-board.ui have them */
#define COLUMN_MIN_WIDTH 292
#define COLUMN_SPACING   12

enum {
  PROP_0,
  PROP_BOARD,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorBoardColumn, kontor_board_column, GTK_TYPE_BOX)

static KontorContext *
get_context (KontorBoardColumn *self)
{
  return kontor_board_get_context (self->board);
}

KontorStore *
_kontor_board_column_get_store (KontorBoardColumn *self)
{
  return kontor_context_get_store (get_context (self));
}

/* ------------------------------------------------------------------------ */
/* Filter and count */

static void
sync_filter (KontorBoardColumn *self)
{
  KontorFilter *view = kontor_board_get_filter (self->board);
  const char *status_id = kontor_record_get_id (KONTOR_RECORD (self->status));
  guint statuses = kontor_filter_get_statuses (view);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  /* Inbox and archived contacts are never on the board (feature C4, src/README.md);
   * when the view shows only those, the board says so instead of columns */
  statuses = statuses == 0 ? KONTOR_STATUS_MASK_ACTIVE : statuses & KONTOR_STATUS_MASK_ACTIVE;
  if (statuses == 0)
    statuses = KONTOR_STATUS_MASK_ACTIVE;

  g_object_freeze_notify (G_OBJECT (self->filter));
  /* Every criterion of the view, whichever there are (the "Advanced"
   * panel's sales rep, team, group, dates …), so that the board shows
   * the table's contacts; the column's own are set after */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (view), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (view), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (self->filter), pspecs[i]->name, &value);
    }
  kontor_filter_set_statuses (self->filter, statuses);
  if (KONTOR_IS_LEAD_STATUS (self->status))
    {
      /* a lead project's column: the contacts whose entry has this
       * status, in the entries' order */
      kontor_filter_set_lead_project_id (self->filter,
                                         kontor_lead_status_get_project_id (
                                           KONTOR_LEAD_STATUS (self->status)));
      kontor_filter_set_lead_status_id (self->filter, status_id);
      /* the view wants another status: none of this column's */
      if (kontor_filter_get_lead_status_id (view) != NULL &&
          g_strcmp0 (kontor_filter_get_lead_status_id (view), status_id) != 0)
        kontor_filter_set_contact_ids (self->filter, (const char * const[]) { NULL });
      kontor_filter_set_sort_column (self->filter, KONTOR_SORT_LEAD_RANK);
    }
  else
    {
      kontor_filter_set_pipeline_status_id (self->filter, status_id);
      /* the view wants another pipeline status: none of this column's */
      if (kontor_filter_get_pipeline_status_id (view) != NULL &&
          g_strcmp0 (kontor_filter_get_pipeline_status_id (view), status_id) != 0)
        kontor_filter_set_contact_ids (self->filter, (const char * const[]) { NULL });
      kontor_filter_set_sort_column (self->filter, KONTOR_SORT_RANK);
    }
  kontor_filter_set_sort_descending (self->filter, FALSE);
  g_object_thaw_notify (G_OBJECT (self->filter));

  self->filter_stale = FALSE;
}

static void
on_view_filter_changed_cb (KontorBoardColumn *self,
                           KontorFilter      *filter)
{
  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sync_filter (self);
  else
    self->filter_stale = TRUE;
}

/* A lead status's soft limit of entries (feature X5), 0 for none */
static guint
get_limit (KontorBoardColumn *self)
{
  if (!KONTOR_IS_LEAD_STATUS (self->status))
    return 0;

  return (guint) CLAMP (kontor_lead_status_get_wip_limit (KONTOR_LEAD_STATUS (self->status)),
                        0, G_MAXUINT);
}

static void
update_header (KontorBoardColumn *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint limit = get_limit (self);
  /* the limit counts every lead of the status, whatever the search shows */
  gboolean over = limit > 0 && MAX (n, self->lead_total) > limit;
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;
  g_autofree char *limit_text = NULL;

  if (limit > 0)
    /* Translators: a board column's count of cards and its soft limit,
     * "7 / 5" */
    count = g_strdup_printf (_("%'u / %'u"), n, limit);
  else
    count = g_strdup_printf ("%'u", n);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->count_label, count);
  /* the column is marked, its count in the warning colours
   * (kontor-board.css) */
  if (over)
    gtk_widget_add_css_class (GTK_WIDGET (self), "over-limit");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "over-limit");

  if (KONTOR_IS_LEAD_STATUS (self->status))
    /* Translators: a lead project's board column for a screen reader: its
     * name and how many leads it shows */
    label = g_strdup_printf (ngettext ("%s, %'u lead", "%s, %'u leads", n), name, n);
  else
    /* Translators: a board column for a screen reader: its name and how many
     * contacts it shows */
    label = g_strdup_printf (ngettext ("%s, %'u contact", "%s, %'u contacts", n), name, n);
  if (over)
    /* Translators: after a column's name and count for a screen reader; %u
     * is the column's soft limit of leads */
    limit_text = g_strdup_printf (ngettext ("over its limit of %'u lead",
                                            "over its limit of %'u leads", limit), limit);
  else if (limit > 0)
    /* Translators: after a column's name and count for a screen reader; %u
     * is the column's soft limit of leads */
    limit_text = g_strdup_printf (ngettext ("limit %'u lead", "limit %'u leads", limit), limit);
  if (limit_text != NULL)
    {
      char *both = g_strjoin (_(", "), label, limit_text, NULL);

      g_free (label);
      label = both;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* Asked for, not set: setting a tooltip asks the X server where the pointer
 * is, a round trip per column as a board opens (src/README.md "The board") */
static gboolean
on_header_query_tooltip_cb (KontorBoardColumn *self,
                            int                x,
                            int                y,
                            gboolean           keyboard_mode,
                            GtkTooltip        *tooltip,
                            GtkWidget         *widget)
{
  gtk_tooltip_set_text (tooltip, widget == GTK_WIDGET (self->name_label)
                                   ? gtk_label_get_label (self->name_label) : _("Column Menu"));
  return TRUE;
}

/* The header's overdue and stale counts (feature X5, src/README.md), for the cards the
 * column shows */
static void
update_alerts (KontorBoardColumn *self)
{
  g_autofree char *today = kontor_format_dup_today ();
  g_autofree char *overdue_text = NULL;
  g_autofree char *stale_text = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 stale_days = KONTOR_IS_PIPELINE_STATUS (self->status)
    ? kontor_pipeline_status_get_stale_days (KONTOR_PIPELINE_STATUS (self->status)) : 0;
  guint overdue = 0, stale = 0;

  self->alerts_stale = FALSE;
  if (!kontor_store_count_board_alerts (_kontor_board_column_get_store (self),
                                        kontor_record_list_get_rowids (self->list), today,
                                        kontor_contact_stale_before (stale_days, now),
                                        &overdue, &stale, &error))
    g_warning ("Could not count a column's overdue and stale cards: %s", error->message);

  /* Translators: in a board column's header, how many of its cards are
   * past their due date */
  overdue_text = g_strdup_printf (ngettext ("%'u overdue", "%'u overdue", overdue), overdue);
  /* Translators: in a board column's header, how many of its cards had no
   * activity for longer than the column allows */
  stale_text = g_strdup_printf (ngettext ("%'u stale", "%'u stale", stale), stale);
  gtk_label_set_label (self->overdue_label, overdue_text);
  gtk_label_set_label (self->stale_label, stale_text);
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), overdue > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), stale > 0);
  _kontor_board_column_update_sum (self);
  /* for a screen reader, in the list of cards */
  if (gtk_widget_get_visible (GTK_WIDGET (self->sum_label)))
    description = g_strjoin (", ", gtk_label_get_label (self->sum_label), overdue_text,
                             stale_text, NULL);
  else
    description = g_strjoin (", ", overdue_text, stale_text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/**
 * _kontor_board_column_update_sum:
 * @self: a column
 *
 * A lead project's column shows the sum of the values of the leads it
 * shows, per currency, exact in cents and in the user's locale
 * ("1.234,50 €"; feature X5); a pipeline column shows none.
 */
void
_kontor_board_column_update_sum (KontorBoardColumn *self)
{
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total;

  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));

  if (!KONTOR_IS_LEAD_STATUS (self->status))
    return;

  total = kontor_store_count_lead_entries (_kontor_board_column_get_store (self),
                                           kontor_record_get_id (self->status), &error);
  if (total < 0)
    {
      g_warning ("Could not count a column's leads: %s", error->message);
      g_clear_error (&error);
    }
  else if ((guint) total != self->lead_total)
    {
      self->lead_total = (guint) total;
      update_header (self);
    }

  sums = kontor_store_sum_lead_column (_kontor_board_column_get_store (self),
                                       kontor_record_get_id (self->status),
                                       kontor_record_list_get_rowids (self->list), &error);
  if (sums == NULL)
    {
      g_warning ("Could not sum a column's values: %s", error->message);
      return;
    }

  text = g_string_new (NULL);
  for (guint i = 0; i < sums->len; i++)
    {
      KontorLeadColumnSum *sum = &g_array_index (sums, KontorLeadColumnSum, i);
      g_autofree char *money = kontor_money_format (sum->cents, sum->currency);

      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, money);
    }
  if (text->len == 0)
    {
      g_autofree char *zero = kontor_money_format (0, kontor_lead_project_get_currency (
                                                     kontor_board_get_lead_project (self->board)));

      g_string_append (text, zero);
    }
  gtk_label_set_label (self->sum_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->sum_label), TRUE);
}

static gboolean
on_alerts_idle_cb (gpointer data)
{
  KontorBoardColumn *self = data;

  self->alerts_source = 0;
  /* hidden since it was queued: its list is paused and may be behind */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->alerts_stale = TRUE;
  else
    update_alerts (self);

  return G_SOURCE_REMOVE;
}

/* In the frame that shows the change: the counts come after it is painted */
static gboolean
on_alerts_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  self->alerts_tick = 0;
  if (self->alerts_source == 0)
    self->alerts_source = g_idle_add (on_alerts_idle_cb, self);

  return G_SOURCE_REMOVE;
}

/* After any change of the store or the list, once: an edit of a due date
 * changes no row of the list. A column nobody sees counts when shown. The
 * count waits for the frame that shows the change: a move is painted
 * first, counted after. */
static void
queue_alerts_update (KontorBoardColumn *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->alerts_stale = TRUE;
      return;
    }

  if (self->alerts_source == 0 && self->alerts_tick == 0)
    self->alerts_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_alerts_tick_cb,
                                                      NULL, NULL);
}

/* A contact's activity written may change its card's bubbles; a contact
 * changed elsewhere on the board changes nothing counted here */
static void
on_store_changed_cb (KontorBoardColumn *self,
                     const char        *entity,
                     GArray            *rowids,
                     KontorStore       *store)
{
  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  if (g_strcmp0 (entity, "contact") == 0 && rowids != NULL)
    _kontor_board_column_update_done (self, rowids);
  /* a lead's value and user show on its card, and count in the sum; a
   * column not shown fills its cards anew when shown */
  if (g_strcmp0 (entity, "lead_entry") == 0 && KONTOR_IS_LEAD_STATUS (self->status))
    {
      g_autoptr(GArray) contacts = NULL;

      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        self->cards_stale = TRUE;
      else
        {
          /* the entries' contacts' cards; every card for entries deleted
           * or many */
          if (rowids != NULL && rowids->len > 0 && rowids->len <= 64)
            contacts = kontor_store_lead_entry_contacts (_kontor_board_column_get_store (self),
                                                         rowids, NULL);
          _kontor_board_column_update_contacts (self, contacts);
        }
    }

  if (g_strcmp0 (entity, "contact") == 0 && rowids != NULL && rowids->len > 0)
    {
      guint i;

      for (i = 0; i < rowids->len; i++)
        {
          if (kontor_record_list_find_rowid (self->list,
                                             g_array_index (rowids, gint64, i)) != G_MAXUINT)
            break;
        }
      /* one that left the column changed the list, which says so */
      if (i == rowids->len)
        return;
    }

  queue_alerts_update (self);
}

static void
grow_slice_to (KontorBoardColumn *self,
               guint              size)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  size = MIN (size, n);
  if (size > gtk_slice_list_model_get_size (self->slice))
    gtk_slice_list_model_set_size (self->slice, size);
}

/* Whether the column is in the board's visible part, or within @margin of
 * it, left or right: where it was allocated, against where the board is
 * scrolled now; before its first allocation, where it will be at the
 * columns' narrowest, in the window */
static gboolean
is_near_view (KontorBoardColumn *self,
              double             margin)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->board->scroller);
  double view_width = gtk_adjustment_get_page_size (hadjustment);
  graphene_rect_t bounds;
  guint index;

  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0 &&
      gtk_widget_compute_bounds (GTK_WIDGET (self), GTK_WIDGET (self->board->columns_box),
                                 &bounds))
    {
      bounds.origin.x -= gtk_adjustment_get_value (hadjustment);
    }
  else if (g_ptr_array_find (self->board->columns, self, &index))
    {
      bounds.origin.x = COLUMN_SPACING + index * (COLUMN_MIN_WIDTH + COLUMN_SPACING);
      bounds.size.width = COLUMN_MIN_WIDTH;
    }
  else
    {
      return FALSE;
    }

  if (view_width <= 0 && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    view_width = gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))));

  return bounds.origin.x + bounds.size.width > -margin && bounds.origin.x < view_width + margin;
}

/* Gives the view the cards it shows, and one more below; once the column
 * was scrolled, a screen more, so that a page down finds its cards made
 * (the adjustment keeps its value within what is made). The slice grows
 * by the cards that lack, at the height of the cards made so far (a guess
 * before there are any); before the first allocation, for the window's
 * height. Nothing for a column out of view. Only @grow changes the model,
 * which is never done during a layout (a resize queued there can be
 * lost); returns whether cards lack. */
static gboolean
fill_view (KontorBoardColumn *self,
           gboolean           grow)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint size = gtk_slice_list_model_get_size (self->slice);
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double card_height, missing;

  if (!self->in_view || size >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return FALSE;

  card_height = size > 0 && upper > 0 ? upper / size : CARD_HEIGHT_GUESS;
  if (page > 0)
    missing = gtk_adjustment_get_value (adjustment) + page - upper +
              (self->scrolled ? page : card_height);
  else if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    missing = gtk_widget_get_height (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)))) - upper;
  else
    missing = 0;
  if (missing <= 0)
    return FALSE;

  if (grow)
    grow_slice_to (self, size + (guint) ceil (missing / card_height));

  return TRUE;
}

static gboolean on_fill_neighbour_cb (gpointer data);

/* Whether the column comes into view, or next to it */
static void
check_view (KontorBoardColumn *self)
{
  if (self->in_view)
    return;

  if (is_near_view (self, 0))
    self->in_view = TRUE;
  else if (self->fill_source == 0 && is_near_view (self, COLUMN_MIN_WIDTH + COLUMN_SPACING))
    self->fill_source = g_idle_add_full (G_PRIORITY_LOW, on_fill_neighbour_cb, self, NULL);
}

static gboolean
on_refill_cb (gpointer data)
{
  KontorBoardColumn *self = data;

  self->refill_source = 0;
  check_view (self);
  fill_view (self, TRUE);

  return G_SOURCE_REMOVE;
}

/* The column fills its view from an idle that runs before the next
 * frame, never during a layout: scrolled by an event, the cards come in
 * that frame; scrolled during a frame (a tick, a layout), in the next,
 * which the screen of cards made ahead covers. */
static void
queue_refill (KontorBoardColumn *self)
{
  if (self->refill_source == 0)
    self->refill_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, on_refill_cb, self, NULL);
}

static void
on_vadjustment_changed_cb (KontorBoardColumn *self)
{
  queue_refill (self);
}

/**
 * _kontor_board_column_check_view:
 * @self: a column
 *
 * Called as the board scrolls sideways: a column without cards that
 * comes into view makes them before the next frame (see queue_refill()).
 */
void
_kontor_board_column_check_view (KontorBoardColumn *self)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));

  if (!self->in_view)
    queue_refill (self);
}

static gboolean
on_fill_neighbour_cb (gpointer data)
{
  KontorBoardColumn *self = data;

  self->fill_source = 0;
  if (!self->in_view)
    {
      self->in_view = TRUE;
      fill_view (self, TRUE);
    }

  return G_SOURCE_REMOVE;
}

static void
clear_drop_mark (KontorBoardCard *card,
                 gpointer         data)
{
  _kontor_board_card_clear_drop_mark (card);
}

static void
on_vadjustment_value_changed_cb (KontorBoardColumn *self,
                                 GtkAdjustment     *adjustment)
{
  if (gtk_adjustment_get_value (adjustment) > 0)
    self->scrolled = TRUE;
  on_vadjustment_changed_cb (self);
  /* Scrolled under a drag (the drag held at its edge): the cards move, the
   * pointer does not, so no card hears of it; the marks go until it moves */
  _kontor_board_column_foreach_card (self, clear_drop_mark, NULL);
}

static void
on_list_n_items_cb (KontorBoardColumn *self,
                    GParamSpec        *pspec,
                    KontorRecordList  *list)
{
  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  update_header (self);
  /* a card added past the cards made, with no scrolling to make it */
  on_vadjustment_changed_cb (self);
}

/* ------------------------------------------------------------------------ */
/* Cards */

static void
on_factory_setup_cb (KontorBoardColumn        *self,
                     GtkListItem              *item,
                     GtkSignalListItemFactory *factory)
{
  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  gtk_list_item_set_child (item, kontor_board_card_new (self->board));
}

static void
on_factory_bind_cb (KontorBoardColumn        *self,
                    GtkListItem              *item,
                    GtkSignalListItemFactory *factory)
{
  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  _kontor_board_card_bind (KONTOR_BOARD_CARD (gtk_list_item_get_child (item)), self, item);
}

static void
on_factory_unbind_cb (KontorBoardColumn        *self,
                      GtkListItem              *item,
                      GtkSignalListItemFactory *factory)
{
  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  _kontor_board_card_unbind (KONTOR_BOARD_CARD (gtk_list_item_get_child (item)));
}

static void
on_grid_view_activate_cb (KontorBoardColumn *self,
                          guint              position,
                          GtkGridView       *grid_view)
{
  g_autoptr(KontorContact) contact = NULL;

  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  /* Enter on a card */
  contact = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (contact == NULL || kontor_record_get_id (KONTOR_RECORD (contact)) == NULL)
    return;

  _kontor_board_open_card (self->board, GTK_WIDGET (self), contact);
}

/**
 * _kontor_board_column_time_passed:
 * @self: a column
 *
 * Shows days in the column, staleness and overdue dates as they are now,
 * on the cards and in the header's counts, with nothing changed.
 */
void
_kontor_board_column_time_passed (KontorBoardColumn *self)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));

  _kontor_board_column_update_cards (self);
  queue_alerts_update (self);
}

/**
 * _kontor_board_column_scroll_to:
 * @self: a column
 * @position: a card's position
 *
 * Scrolls the least needed to show the card at @position (GTK 4.8 has no
 * gtk_list_view_scroll_to(); its list and grid views have this action).
 */
void
_kontor_board_column_scroll_to (KontorBoardColumn *self,
                                guint              position)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return;

  /* the card now, in a column that may have had none; the cards around
   * it when the column is allocated, before the frame */
  self->in_view = TRUE;
  grow_slice_to (self, position + 1);
  queue_refill (self);
  gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u",
                              position);
}

/* ------------------------------------------------------------------------ */
/* Drop */

/**
 * _kontor_board_column_drop:
 * @self: a column
 * @contact: the dropped contact, from any column
 * @position: where it goes: before the card at @position, at the end for
 *   %G_MAXUINT
 *
 * Moves @contact here, between the cards around @position.
 */
void
_kontor_board_column_drop (KontorBoardColumn *self,
                           KontorContact     *contact,
                           guint              position)
{
  GListModel *model = G_LIST_MODEL (self->list);
  const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
  g_autoptr(KontorContact) before = NULL;
  g_autoptr(KontorContact) after = NULL;

  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));
  g_return_if_fail (KONTOR_IS_CONTACT (contact));

  position = MIN (position, g_list_model_get_n_items (model));
  if (position > 0)
    before = g_list_model_get_item (model, position - 1);
  after = g_list_model_get_item (model, position);

  /* next to itself: it is there already */
  if ((before != NULL && g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (before)), id) == 0) ||
      (after != NULL && g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (after)), id) == 0))
    return;

  kontor_board_move_contact (self->board, contact,
                             kontor_record_get_id (KONTOR_RECORD (self->status)),
                             before, after);
}

static gboolean
on_drop_target_drop_cb (KontorBoardColumn *self,
                        const GValue      *value,
                        double             x,
                        double             y,
                        GtkDropTarget     *target)
{
  KontorContact *contact;

  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  if (!G_VALUE_HOLDS (value, KONTOR_TYPE_CONTACT))
    return FALSE;
  contact = g_value_get_object (value);
  if (contact == NULL)
    return FALSE;

  /* not onto a card (that takes the drop itself): to the end */
  _kontor_board_column_drop (self, contact, G_MAXUINT);

  return TRUE;
}

/* ------------------------------------------------------------------------ */

static void
kontor_board_column_map (GtkWidget *widget)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  GTK_WIDGET_CLASS (kontor_board_column_parent_class)->map (widget);

  if (self->filter_stale)
    sync_filter (self);
  kontor_record_list_set_paused (self->list, FALSE);
  if (self->cards_stale)
    {
      self->cards_stale = FALSE;
      _kontor_board_column_update_cards (self);
    }
  /* the cards of the first frame, before its layout */
  check_view (self);
  fill_view (self, TRUE);
  /* after the first frame */
  if (self->alerts_stale)
    queue_alerts_update (self);
}

/* The column lays out its children itself, the header and the counts at
 * their natural height and the cards below, so that it hears of its
 * allocation (a GtkBox's layout manager would take it): when it comes into
 * view, or its view turns out taller than its cards, it fills the view
 * before the next frame (see queue_refill()). The first frame's cards come
 * from the column's map, for the window's height. A column next to the
 * visible ones makes its cards after the frame, so that Left and Right and
 * scrolling sideways find them ready. */
static void
kontor_board_column_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = *natural = 0;

  /* until the frame that shows the board is painted, no room: measured
   * again then (see kontor_board_map()) */
  if (_kontor_board_awaits_frame (KONTOR_BOARD_COLUMN (widget)->board))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL
                                              ? for_size : -1,
                          &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
}

/* the cards take what the header and the counts leave */
static void
allocate_children (KontorBoardColumn *self,
                   int                width,
                   int                height)
{
  int y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, &child_height,
                          NULL, NULL);
      if (child == GTK_WIDGET (self->scroller))
        child_height = MAX (child_min, height - y);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_height }, -1);
      y += child_height;
    }
}

static void
kontor_board_column_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  allocate_children (self, width, height);

  /* come into view, or taller than its cards: filled before the next
   * frame (see fill_view()) */
  if (self->in_view ? fill_view (self, FALSE) : is_near_view (self, width))
    queue_refill (self);
}

/* Behind the table, or hidden in the board settings, a column's list runs
 * no query for each change; it catches up when shown again. */
static void
kontor_board_column_unmap (GtkWidget *widget)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  kontor_record_list_set_paused (self->list, TRUE);

  GTK_WIDGET_CLASS (kontor_board_column_parent_class)->unmap (widget);
}

static void
kontor_board_column_constructed (GObject *object)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (object);
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkAdjustment *adjustment;
  GtkDropTarget *drop_target;

  G_OBJECT_CLASS (kontor_board_column_parent_class)->constructed (object);

  g_assert (KONTOR_IS_BOARD (self->board));
  g_assert (KONTOR_IS_PIPELINE_STATUS (self->status) || KONTOR_IS_LEAD_STATUS (self->status));

  self->filter = kontor_filter_new ();
  sync_filter (self);
  self->list = kontor_record_list_new (kontor_context_get_store (get_context (self)),
                                       KONTOR_TYPE_CONTACT, self->filter);
  g_signal_connect_object (self->list, "notify::n-items", G_CALLBACK (on_list_n_items_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (queue_alerts_update), self,
                           G_CONNECT_SWAPPED);
  /* counted when first shown */
  self->alerts_stale = TRUE;
  g_signal_connect_object (_kontor_board_column_get_store (self), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kontor_board_get_filter (self->board), "changed",
                           G_CALLBACK (on_view_filter_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self,
                           G_CONNECT_SWAPPED);
  /* no cards until the column is in view */
  self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->list)), 0, 0);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_vadjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_vadjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  kontor_autoscroll_attach (self->scroller, GTK_ORIENTATION_VERTICAL);
  gtk_grid_view_set_factory (self->grid_view, factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));

  drop_target = gtk_drop_target_new (KONTOR_TYPE_CONTACT, GDK_ACTION_MOVE);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_target_drop_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  _kontor_board_column_init_menu (self);

  update_header (self);
}

static void
kontor_board_column_dispose (GObject *object)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (object);

  /* The view unbinds its cards while it goes: let it go first, with
   * its model, and no count to update on the way. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->grid_view != NULL)
    gtk_grid_view_set_model (self->grid_view, NULL);
  g_clear_handle_id (&self->fill_source, g_source_remove);
  g_clear_handle_id (&self->refill_source, g_source_remove);
  g_clear_handle_id (&self->alerts_source, g_source_remove);
  if (self->alerts_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->alerts_tick);
  self->alerts_tick = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_BOARD_COLUMN);

  g_clear_object (&self->slice);
  g_clear_object (&self->list);
  g_clear_object (&self->filter);
  g_clear_object (&self->status);

  G_OBJECT_CLASS (kontor_board_column_parent_class)->dispose (object);
}

static void
kontor_board_column_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (object);

  switch (prop_id)
    {
    case PROP_BOARD:
      g_value_set_object (value, self->board);
      break;
    case PROP_STATUS:
      g_value_set_object (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_board_column_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (object);

  switch (prop_id)
    {
    case PROP_BOARD:
      self->board = g_value_get_object (value);
      break;
    case PROP_STATUS:
      self->status = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_board_column_class_init (KontorBoardColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_board_column_constructed;
  object_class->dispose = kontor_board_column_dispose;
  object_class->get_property = kontor_board_column_get_property;
  object_class->set_property = kontor_board_column_set_property;

  widget_class->map = kontor_board_column_map;
  widget_class->measure = kontor_board_column_measure;
  widget_class->size_allocate = kontor_board_column_size_allocate;
  widget_class->unmap = kontor_board_column_unmap;

  /* The board owns its columns: no reference back, which would be a cycle */
  properties[PROP_BOARD] =
    g_param_spec_object ("board", NULL, NULL, KONTOR_TYPE_BOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL, KONTOR_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-board-column.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, sum_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, scroller);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, grid_view);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, stale_label);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_header_query_tooltip_cb);

  _kontor_board_column_class_init_menu (widget_class);
}

static void
kontor_board_column_init (KontorBoardColumn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* see kontor_board_column_size_allocate() */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

/**
 * kontor_board_column_new:
 * @board: the board
 * @status: the status the column shows: a #KontorPipelineStatus, or on a
 *   lead project's board a #KontorLeadStatus of the project
 *
 * Returns: (transfer floating): a column
 */
GtkWidget *
kontor_board_column_new (KontorBoard  *board,
                         KontorRecord *status)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (board), NULL);
  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status) || KONTOR_IS_LEAD_STATUS (status),
                        NULL);

  return g_object_new (KONTOR_TYPE_BOARD_COLUMN, "board", board, "status", status, NULL);
}

/**
 * kontor_board_column_get_status:
 * @self: a column
 *
 * Returns: (transfer none): the status the column shows, a
 *   #KontorPipelineStatus or a #KontorLeadStatus
 */
KontorRecord *
kontor_board_column_get_status (KontorBoardColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), NULL);

  return self->status;
}

const char *
kontor_board_column_get_status_id (KontorBoardColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), NULL);

  return kontor_record_get_id (KONTOR_RECORD (self->status));
}

/**
 * kontor_board_column_get_list:
 * @self: a column
 *
 * Returns: (transfer none): the contacts of the column, in board order
 */
KontorRecordList *
kontor_board_column_get_list (KontorBoardColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), NULL);

  return self->list;
}

/**
 * kontor_board_column_get_view:
 * @self: a column
 *
 * Returns: (transfer none): the view of the cards, a #GtkGridView of one
 *   column
 */
GtkWidget *
kontor_board_column_get_view (KontorBoardColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), NULL);

  return GTK_WIDGET (self->grid_view);
}

GtkAdjustment *
kontor_board_column_get_vadjustment (KontorBoardColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

GtkMenuButton *
kontor_board_column_get_menu_button (KontorBoardColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_COLUMN (self), NULL);

  return self->menu_button;
}

/**
 * _kontor_board_column_set_status:
 * @self: a column
 * @status: the same status as stored now (renamed, moved)
 */
void
_kontor_board_column_set_status (KontorBoardColumn *self,
                                 KontorRecord      *status)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (status, G_OBJECT_TYPE (self->status)));

  if (!g_set_object (&self->status, status))
    return;

  update_header (self);
  queue_alerts_update (self);
  _kontor_board_column_update_cards (self);
}
