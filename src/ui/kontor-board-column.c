/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board-column"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-autoscroll.h"
#include "kontor-board-private.h"
#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-pipeline-operation.h"
#include "kontor-pipeline-rules.h"
#include "kontor-window.h"

/**
 * KontorBoardColumn:
 *
 * One pipeline status of the board (FEATURES P2): a header with the name,
 * the count (X5) and the column menu (P7), over a virtualised list of
 * cards.
 *
 *   board's KontorFilter ──changed──▶ column's KontorFilter ──▶ KontorRecordList
 *   (search, status, lead, …)          (+ this status, by rank,     │ ids from SQLite
 *                                       Prospect|Customer only)     ▼
 *                                      GtkSliceListModel (the first cards, growing
 *                                       │                 as the column is scrolled)
 *                                       ▼
 *                                      GtkNoSelection ──▶ GtkGridView ──▶ KontorBoardCard
 *                                                         (one column)
 *
 * A grid view of one column, not a list view: GTK 4.8's GtkListView keeps
 * 200 rows alive whatever its height (GTK_LIST_VIEW_MAX_LIST_ITEMS), which
 * made 1,200 cards for a board of six columns and took seconds to open
 * with 10,000 contacts; a grid view keeps 30 rows per column
 * (GTK_GRID_VIEW_MAX_VISIBLE_ROWS). Even that is five screens of cards,
 * so the view sees a prefix of the list that grows by SLICE_STEP cards
 * whenever the end comes within a screen of the visible part (or a card
 * further down is scrolled to); the prefix starts at 0, so a position in
 * the view is a position in the list. The scroll bar shows the prefix; the
 * count shows the whole column.
 *
 * The count is the list's length, so it is right for every filter. While
 * the board is hidden (the table is shown) the column leaves its filter
 * alone and catches up when it is shown again: typing a search in the
 * table then costs one query, not one per column.
 */
struct _KontorBoardColumn
{
  GtkBox                parent_instance;

  KontorBoard          *board;          /* unowned: the board owns its columns */
  KontorPipelineStatus *status;
  KontorFilter         *filter;
  KontorRecordList     *list;
  gboolean              filter_stale;

  GtkLabel             *name_label;
  GtkLabel             *count_label;
  GtkMenuButton        *menu_button;
  GtkScrolledWindow    *scroller;
  GtkGridView          *grid_view;
  GtkSliceListModel    *slice;
  guint                 grow_source;
  GtkLabel             *overdue_label;
  GtkLabel             *stale_label;
  guint                 alerts_source;
  gboolean              alerts_stale;
};

/* the cards a column makes first, and how many more at a time */
#define SLICE_FIRST 12
#define SLICE_STEP  24

enum {
  PROP_0,
  PROP_BOARD,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorBoardColumn, kontor_board_column, GTK_TYPE_BOX)

typedef enum
{
  NAME_RENAME,
  NAME_ADD_LEFT,
  NAME_ADD_RIGHT,
} NameRequestKind;

static KontorContext *
get_context (KontorBoardColumn *self)
{
  return kontor_board_get_context (self->board);
}

static KontorStore *
get_store (KontorBoardColumn *self)
{
  return kontor_context_get_store (get_context (self));
}

static KontorWindow *
get_window (KontorBoardColumn *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return KONTOR_IS_WINDOW (root) ? KONTOR_WINDOW (root) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Filter and count */

static void
sync_filter (KontorBoardColumn *self)
{
  KontorFilter *view = kontor_board_get_filter (self->board);
  guint statuses = kontor_filter_get_statuses (view);

  /* Inbox and archived contacts are never on the board (FEATURES C4);
   * when the view shows only those, the board says so instead of columns */
  statuses = statuses == 0 ? KONTOR_STATUS_MASK_ACTIVE : statuses & KONTOR_STATUS_MASK_ACTIVE;
  if (statuses == 0)
    statuses = KONTOR_STATUS_MASK_ACTIVE;

  g_object_freeze_notify (G_OBJECT (self->filter));
  kontor_filter_set_search_text (self->filter, kontor_filter_get_search_text (view));
  kontor_filter_set_statuses (self->filter, statuses);
  kontor_filter_set_leads_only (self->filter, kontor_filter_get_leads_only (view));
  kontor_filter_set_assignee_id (self->filter, kontor_filter_get_assignee_id (view));
  kontor_filter_set_company_id (self->filter, kontor_filter_get_company_id (view));
  kontor_filter_set_pipeline_status_id (self->filter,
                                        kontor_record_get_id (KONTOR_RECORD (self->status)));
  kontor_filter_set_sort_column (self->filter, KONTOR_SORT_RANK);
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

static void
update_header (KontorBoardColumn *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  g_autofree char *count = g_strdup_printf ("%'u", n);
  g_autofree char *label = NULL;

  gtk_label_set_label (self->name_label, name);
  /* only when it changes: setting a tooltip asks the X server where the
   * pointer is, and the count changes with every move */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->name_label)), name) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), name);
  gtk_label_set_label (self->count_label, count);

  /* Translators: a board column for a screen reader: its name and how many
   * contacts it shows */
  label = g_strdup_printf (ngettext ("%s, %'u contact", "%s, %'u contacts", n), name, n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* The header's overdue and stale counts (FEATURES X5), for the cards the
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
  gint64 stale_days = kontor_pipeline_status_get_stale_days (self->status);
  guint overdue = 0, stale = 0;

  self->alerts_stale = FALSE;
  if (!kontor_store_count_board_alerts (get_store (self),
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
  /* for a screen reader, in the list of cards */
  description = g_strjoin (", ", overdue_text, stale_text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
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

/* After any change of the store or the list, once: an edit of a due date
 * changes no row of the list. A column nobody sees counts when shown. */
static void
queue_alerts_update (KontorBoardColumn *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->alerts_stale = TRUE;
      return;
    }

  if (self->alerts_source == 0)
    self->alerts_source = g_idle_add (on_alerts_idle_cb, self);
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

static gboolean
on_grow_cb (gpointer data)
{
  KontorBoardColumn *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double below = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) -
                 gtk_adjustment_get_page_size (adjustment);

  self->grow_source = 0;
  /* less than a screen of cards below what is visible */
  if (below < gtk_adjustment_get_page_size (adjustment))
    grow_slice_to (self, gtk_slice_list_model_get_size (self->slice) + SLICE_STEP);

  return G_SOURCE_REMOVE;
}

/* From the adjustment's signals, which come during size allocation: the
 * model changes after it, in an idle. */
/* Calls @func for each card the view has made */
static void
foreach_card (KontorBoardColumn *self,
              void             (*func) (KontorBoardCard *card,
                                        gpointer         data),
              gpointer           data)
{
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
clear_drop_mark (KontorBoardCard *card,
                 gpointer         data)
{
  _kontor_board_card_clear_drop_mark (card);
}

/* Scrolled under a drag (the drag held at its edge): the cards move, the
 * pointer does not, so no card hears of it; the marks go until it moves */
static void
on_vadjustment_value_changed_cb (KontorBoardColumn *self)
{
  foreach_card (self, clear_drop_mark, NULL);
}

static void
on_vadjustment_changed_cb (KontorBoardColumn *self)
{
  if (self->slice == NULL || self->grow_source != 0 ||
      gtk_slice_list_model_get_size (self->slice) >=
      g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return;

  self->grow_source = g_idle_add (on_grow_cb, self);
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

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contact", "s",
                              kontor_record_get_id (KONTOR_RECORD (contact)));
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

  foreach_card (self, update_card, NULL);
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

  foreach_card (self, update_card, NULL);
  queue_alerts_update (self);
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

  foreach_card (self, find_card_near, &find);

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

  foreach_card (self, find_top_card, &find);

  return find.found != NULL && gtk_widget_grab_focus (GTK_WIDGET (find.found));
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

  /* the card and a few below it */
  grow_slice_to (self, position + 1 + SLICE_STEP / 4);
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
/* Column menu (FEATURES P7) */

static gint64
count_contacts (KontorBoardColumn *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  n = kontor_store_count_in_pipeline_status (get_store (self),
                                             kontor_record_get_id (KONTOR_RECORD (self->status)),
                                             &error);
  if (n < 0)
    g_warning ("Could not count the contacts of a column: %s", error->message);

  return n;
}

static guint
find_status_index (GPtrArray  *statuses,
                   const char *id)
{
  for (guint i = 0; i < statuses->len; i++)
    {
      if (g_strcmp0 (kontor_record_get_id (g_ptr_array_index (statuses, i)), id) == 0)
        return i;
    }

  return G_MAXUINT;
}

static void
add_reason (GPtrArray *reasons,
            char      *why)
{
  if (why == NULL)
    return;

  for (guint i = 0; i < reasons->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (reasons, i), why))
        {
          g_free (why);
          return;
        }
    }

  g_ptr_array_add (reasons, why);
}

/* Enables what the rules allow now, and says why the rest is not */
static GPtrArray *
update_menu_actions (KontorBoardColumn *self)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *statuses = _kontor_board_get_statuses (self->board);
  guint index = find_status_index (statuses,
                                   kontor_record_get_id (KONTOR_RECORD (self->status)));
  gboolean can_edit = kontor_context_can_edit (get_context (self));
  gboolean rename = FALSE, delete = FALSE, left = FALSE, right = FALSE, add_left = FALSE;
  char *why = NULL;

  if (!can_edit)
    {
      add_reason (reasons, g_strdup (_("Your role cannot change the board.")));
    }
  else if (index != G_MAXUINT)
    {
      rename = kontor_pipeline_status_can_rename (self->status, &why);
      add_reason (reasons, g_steal_pointer (&why));

      delete = kontor_pipeline_status_can_delete (self->status, count_contacts (self), &why);
      add_reason (reasons, g_steal_pointer (&why));

      left = kontor_pipeline_status_can_move (statuses, index, -1, &why);
      add_reason (reasons, g_steal_pointer (&why));
      right = kontor_pipeline_status_can_move (statuses, index, 1, &why);
      /* the last column cannot move right, which needs no explanation */
      g_clear_pointer (&why, g_free);

      /* nothing goes before the first column */
      add_left = index > 0;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.rename", rename);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.delete", delete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.move-left", left);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.move-right", right);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.add-left", add_left);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.add-right", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.set-stale-days", can_edit);

  return reasons;
}

static void
append_item (GMenu      *section,
             const char *label,
             const char *action)
{
  g_menu_append (section, label, action);
}

static void
create_column_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  KontorBoardColumn *self = user_data;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) names = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) delete = g_menu_new ();
  GtkPopover *popover;

  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  reasons = update_menu_actions (self);

  append_item (names, _("_Rename…"), "column.rename");
  append_item (names, _("Mark Cards _Stale After…"), "column.set-stale-days");
  append_item (add, _("Add Column _Left…"), "column.add-left");
  append_item (add, _("Add Column _Right…"), "column.add-right");
  append_item (move, _("Move L_eft"), "column.move-left");
  append_item (move, _("Move Ri_ght"), "column.move-right");
  append_item (delete, _("_Delete Column"), "column.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (names));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (add));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (delete));

  /* Why items are off, below them: a menu item has no tooltip */
  if (reasons->len > 0)
    {
      g_autoptr(GMenu) why = g_menu_new ();
      g_autoptr(GMenuItem) item = g_menu_item_new (NULL, NULL);

      g_menu_item_set_attribute (item, "custom", "s", "reasons");
      g_menu_append_item (why, item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (why));
    }

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
  popover = gtk_menu_button_get_popover (button);

  if (reasons->len > 0 && GTK_IS_POPOVER_MENU (popover))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_widget_add_css_class (box, "board-column-reasons");
      for (guint i = 0; i < reasons->len; i++)
        {
          GtkWidget *label = gtk_label_new (g_ptr_array_index (reasons, i));

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), box, "reasons");
    }
}

static void
run_operation (KontorBoardColumn *self,
               KontorOperation   *operation)
{
  KontorWindow *window = get_window (self);
  g_autoptr(GError) error = NULL;

  if (window != NULL)
    kontor_window_run_operation (window, operation);
  else if (!kontor_operation_apply (operation, &error))
    g_warning ("%s", error->message);
}

typedef struct
{
  KontorBoardColumn *column;
  NameRequestKind    kind;
  GtkEditable       *entry;
  char              *body;
} NameRequest;

static void
name_request_free (gpointer  data,
                   GClosure *closure)
{
  NameRequest *request = data;

  g_object_unref (request->column);
  g_free (request->body);
  g_free (request);
}

/* An empty name cannot be applied, nor another column's: the dialog says
 * so where it said what happens */
static void
on_name_entry_changed_cb (NameRequest *request,
                          GtkEditable *entry)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (entry)));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *why = NULL;
  gboolean free_name;

  free_name = kontor_pipeline_status_name_is_free (
    _kontor_board_get_statuses (request->column->board), text,
    request->kind == NAME_RENAME ? kontor_record_get_id (KONTOR_RECORD (request->column->status))
                                 : NULL,
    &why);
  adw_message_dialog_set_body (dialog, free_name ? request->body : why);
  if (free_name)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  adw_message_dialog_set_response_enabled (dialog, "apply", *text != '\0' && free_name);
}

static void
on_name_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            NameRequest      *request)
{
  KontorBoardColumn *self = request->column;
  KontorStore *store = get_store (self);
  g_autoptr(KontorOperation) operation = NULL;
  g_autofree char *name = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "apply"))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (request->entry)));
  if (*name == '\0')
    return;
  old_name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));

  switch (request->kind)
    {
    case NAME_RENAME:
      if (g_str_equal (name, old_name))
        return;
      /* Translators: a toast; %s are the old and the new name of a board column */
      title = g_strdup_printf (_("Column “%s” renamed to “%s”"), old_name, name);
      operation = kontor_pipeline_operation_new_rename (store, self->status, name, title);
      run_operation (self, operation);
      break;

    case NAME_ADD_LEFT:
    case NAME_ADD_RIGHT:
      /* Translators: a toast; %s is the name of a new board column */
      title = g_strdup_printf (_("Column “%s” added"), name);
      operation = kontor_pipeline_operation_new_add (store, name, self->status,
                                                     request->kind == NAME_ADD_RIGHT, title);
      run_operation (self, operation);
      if (kontor_operation_is_applied (operation))
        _kontor_board_column_added (self->board,
                                    kontor_pipeline_operation_get_status_id (
                                      KONTOR_PIPELINE_OPERATION (operation)));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
ask_name (KontorBoardColumn *self,
          NameRequestKind    kind)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  g_autofree char *body = NULL;
  const char *heading;
  const char *apply;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  NameRequest *request;

  switch (kind)
    {
    case NAME_RENAME:
      heading = _("Rename Column");
      apply = _("_Rename");
      /* Translators: %s is the name of a board column */
      body = g_strdup_printf (_("The cards of “%s” stay in the column."), name);
      break;
    case NAME_ADD_LEFT:
      heading = _("Add Column");
      apply = _("_Add");
      /* Translators: %s is the name of a board column */
      body = g_strdup_printf (_("The new column comes left of “%s”."), name);
      break;
    case NAME_ADD_RIGHT:
      heading = _("Add Column");
      apply = _("_Add");
      /* Translators: %s is the name of a board column */
      body = g_strdup_printf (_("The new column comes right of “%s”."), name);
      break;
    default:
      g_assert_not_reached ();
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading,
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", apply,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column Name"),
                                  -1);
  if (kind == NAME_RENAME)
    gtk_editable_set_text (GTK_EDITABLE (entry), name);
  adw_message_dialog_set_extra_child (dialog, entry);

  request = g_new0 (NameRequest, 1);
  request->column = g_object_ref (self);
  request->kind = kind;
  request->entry = GTK_EDITABLE (entry);
  request->body = g_strdup (body);
  /* the dialog owns the request; the entry goes with the dialog */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_dialog_response_cb),
                         request, name_request_free, 0);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_name_entry_changed_cb), request);
  on_name_entry_changed_cb (request, GTK_EDITABLE (entry));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_stale_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             KontorBoardColumn *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GValue days = G_VALUE_INIT;

  if (!g_str_equal (response, "apply"))
    return;

  g_value_init (&days, G_TYPE_INT64);
  g_value_set_int64 (&days, gtk_spin_button_get_value_as_int (spin));
  if (g_value_get_int64 (&days) == kontor_pipeline_status_get_stale_days (self->status))
    {
      g_value_unset (&days);
      return;
    }

  name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  if (g_value_get_int64 (&days) > 0)
    /* Translators: a toast; %s is a board column, %u a number of days */
    title = g_strdup_printf (ngettext ("Cards in “%s” are stale after %u day without activity",
                                       "Cards in “%s” are stale after %u days without activity",
                                       g_value_get_int64 (&days)),
                             name, (guint) g_value_get_int64 (&days));
  else
    /* Translators: a toast; %s is a board column */
    title = g_strdup_printf (_("Cards in “%s” are no longer marked stale"), name);

  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (self->status), title);
  kontor_field_change_set_value (change, KONTOR_PIPELINE_STATUS_FIELD_STALE_DAYS, &days);
  g_value_unset (&days);
  run_operation (self, KONTOR_OPERATION (change));
}

/* FEATURES X7: after how many days without an activity the column's cards
 * are stale; 0 for never */
static void
set_stale_days_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *spin;

  if (!kontor_context_can_edit (get_context (self)))
    return;

  name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  /* Translators: %s is the name of a board column */
  body = g_strdup_printf (_("Cards in “%s” are marked stale after this many days without an "
                            "activity. 0 never marks them."), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_window (self)),
                                                       _("Mark Cards Stale"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");

  spin = gtk_spin_button_new_with_range (0, KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             kontor_pipeline_status_get_stale_days (self->status));
  /* Enter applies: GTK 4.8 has no gtk_spin_button_set_activates_default(),
   * but the spin button's text has */
  gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (spin))),
                                  TRUE);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days Without Activity"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, spin);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_stale_dialog_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (spin);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  if (kontor_context_can_edit (get_context (self)))
    ask_name (self, NAME_RENAME);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  if (kontor_context_can_edit (get_context (self)))
    ask_name (self, g_str_equal (action_name, "column.add-left") ? NAME_ADD_LEFT
                                                                 : NAME_ADD_RIGHT);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);
  gboolean left = g_str_equal (action_name, "column.move-left");
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  g_autofree char *title = NULL;
  g_autoptr(KontorOperation) operation = NULL;

  if (!kontor_context_can_edit (get_context (self)))
    return;

  if (left)
    /* Translators: a toast; %s is the name of a board column */
    title = g_strdup_printf (_("Column “%s” moved left"), name);
  else
    /* Translators: a toast; %s is the name of a board column */
    title = g_strdup_printf (_("Column “%s” moved right"), name);

  operation = kontor_pipeline_operation_new_move (get_store (self), self->status,
                                                  left ? -1 : 1, title);
  run_operation (self, operation);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  g_autofree char *title = NULL;
  g_autoptr(KontorOperation) operation = NULL;

  if (!kontor_context_can_edit (get_context (self)))
    return;

  /* Translators: a toast; %s is the name of a board column */
  title = g_strdup_printf (_("Column “%s” deleted"), name);
  operation = kontor_pipeline_operation_new_delete (get_store (self), self->status, title);
  run_operation (self, operation);
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
  /* after the first frame */
  if (self->alerts_stale)
    queue_alerts_update (self);
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
  g_assert (KONTOR_IS_PIPELINE_STATUS (self->status));

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
  g_signal_connect_object (get_store (self), "changed", G_CALLBACK (queue_alerts_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (kontor_board_get_filter (self->board), "changed",
                           G_CALLBACK (on_view_filter_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self,
                           G_CONNECT_SWAPPED);
  self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->list)), 0,
                                          SLICE_FIRST);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_vadjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_vadjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  kontor_autoscroll_attach (self->scroller, GTK_ORIENTATION_VERTICAL);
  gtk_grid_view_set_factory (self->grid_view, factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));

  drop_target = gtk_drop_target_new (KONTOR_TYPE_CONTACT, GDK_ACTION_MOVE);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_target_drop_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_menu_button_set_create_popup_func (self->menu_button, create_column_menu_cb, self, NULL);

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
  g_clear_handle_id (&self->grow_source, g_source_remove);
  g_clear_handle_id (&self->alerts_source, g_source_remove);

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
  widget_class->unmap = kontor_board_column_unmap;

  /* The board owns its columns: no reference back, which would be a cycle */
  properties[PROP_BOARD] =
    g_param_spec_object ("board", NULL, NULL, KONTOR_TYPE_BOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL, KONTOR_TYPE_PIPELINE_STATUS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-board-column.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, scroller);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, grid_view);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardColumn, stale_label);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "column.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "column.add-left", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "column.add-right", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "column.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "column.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "column.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "column.set-stale-days", NULL,
                                   set_stale_days_action);
}

static void
kontor_board_column_init (KontorBoardColumn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kontor_board_column_new:
 * @board: the board
 * @status: the pipeline status the column shows
 *
 * Returns: (transfer floating): a column
 */
GtkWidget *
kontor_board_column_new (KontorBoard          *board,
                         KontorPipelineStatus *status)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (board), NULL);
  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status), NULL);

  return g_object_new (KONTOR_TYPE_BOARD_COLUMN, "board", board, "status", status, NULL);
}

/**
 * kontor_board_column_get_status:
 * @self: a column
 *
 * Returns: (transfer none): the pipeline status the column shows
 */
KontorPipelineStatus *
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

  foreach_card (self, find_card, &find);

  return find.found;
}

/**
 * _kontor_board_column_set_status:
 * @self: a column
 * @status: the same status as stored now (renamed, moved)
 */
void
_kontor_board_column_set_status (KontorBoardColumn    *self,
                                 KontorPipelineStatus *status)
{
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (self));
  g_return_if_fail (KONTOR_IS_PIPELINE_STATUS (status));

  if (!g_set_object (&self->status, status))
    return;

  update_header (self);
  queue_alerts_update (self);
  _kontor_board_column_update_cards (self);
}
