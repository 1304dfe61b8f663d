/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board"

#include "config.h"


#include "kontor-autoscroll.h"
#include "kontor-field-change.h"
#include "kontor-lead-entry-dialog.h"
#include "kontor-money.h"
#include "kontor-store-lead.h"
#include "kontor-store-sync.h"
#include "kontor-board-card-face.h"
#include "kontor-board-private.h"
#include "kontor-ui-utils.h"

/**
 * KontorBoard:
 *
 * The pipeline board (features P1–P8, X4, src/README.md): the contacts of the view's
 * filter as cards, one column per shown pipeline status. The same widget
 * is a lead project's board (feature D4, "Lead projects" in
 * src/README.md): one column per status of the project, its cards the
 * contacts whose entry has that status, in the entries' order, each
 * showing the lead's value; moves write the entry instead of the contact.
 *
 *   KontorContactsView's KontorFilter
 *         │ changed
 *         ▼
 *   KontorBoard ─▶ KontorBoardColumn × shown statuses ─▶ KontorBoardCard × cards in view
 *     users, card fields,        own filter + KontorRecordList
 *     moves, keyboard            + GtkGridView of one column
 *
 * Every move, by drag and drop, by the keyboard or from a card's "Move to"
 * menu, goes through kontor_board_move_contact(): one store operation (the
 * status and a rank between the new neighbours', so only the moved card is
 * written), undoable from the toast and with Ctrl+Z. The users (initials,
 * colours) are loaded once per board and again when they change, so that
 * binding a card asks the store nothing.
 */

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FILTER,
  PROP_LEAD_PROJECT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorBoard, kontor_board, ADW_TYPE_BIN)

/* how often the board looks at the clock (days in columns, staleness) */
#define CLOCK_INTERVAL_S 600

const char * const _kontor_board_card_field_ids[3] = {
  "job-title",
  "company",
  "sales-rep",
};

/* ------------------------------------------------------------------------ */
/* Loading */

static int
compare_users (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *name_a = kontor_record_dup_display_name (*(KontorRecord **) a);
  g_autofree char *name_b = kontor_record_dup_display_name (*(KontorRecord **) b);

  return g_utf8_collate (name_a, name_b);
}

static void
load_users (KontorBoard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;

  users = kontor_store_list_users (kontor_context_get_store (self->context), &error);
  if (users == NULL)
    {
      g_warning ("Could not load the users for the board: %s", error->message);
      users = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_ptr_array_sort (users, compare_users);

  g_hash_table_remove_all (self->users);
  for (guint i = 0; i < users->len; i++)
    {
      KontorRecord *user = g_ptr_array_index (users, i);

      g_hash_table_insert (self->users, g_strdup (kontor_record_get_id (user)),
                           g_object_ref (user));
    }

  g_clear_pointer (&self->user_list, g_ptr_array_unref);
  self->user_list = g_steal_pointer (&users);
}

/* The contacts with a sync conflict the user has to answer (feature S4):
 * their cards show it. Read once per cycle of the sync, not per card.
 * Returns whether the set changed. */
static gboolean
load_conflicts (KontorBoard *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) conflicted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer id;
  gboolean changed;

  if (kontor_context_get_sync (self->context) != NULL)
    conflicts = kontor_store_sync_list_conflicts (kontor_context_get_store (self->context), NULL);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      KontorSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->status, "open") && g_str_equal (conflict->entity, "contact"))
        g_hash_table_add (conflicted, g_strdup (conflict->entity_id));
    }

  changed = g_hash_table_size (conflicted) != g_hash_table_size (self->conflicted);
  g_hash_table_iter_init (&iter, conflicted);
  while (!changed && g_hash_table_iter_next (&iter, &id, NULL))
    changed = !g_hash_table_contains (self->conflicted, id);

  g_hash_table_unref (self->conflicted);
  self->conflicted = g_steal_pointer (&conflicted);

  return changed;
}

/**
 * _kontor_board_has_conflict:
 * @self: a board
 * @contact_id: a contact's id
 *
 * Returns: whether the user has a sync conflict about the contact to answer
 */
gboolean
_kontor_board_has_conflict (KontorBoard *self,
                            const char  *contact_id)
{
  return contact_id != NULL && g_hash_table_contains (self->conflicted, contact_id);
}

/**
 * _kontor_board_reload_statuses:
 * @context: the context whose store to ask
 * @statuses: (inout) (transfer full): the array to replace
 *
 * Replaces @statuses by every pipeline status in board order; when the
 * store cannot say, keeps the ones there are (a warning goes to the log).
 */
void
_kontor_board_reload_statuses (KontorContext  *context,
                               GPtrArray     **statuses)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *loaded;

  loaded = kontor_store_list_pipeline_statuses (kontor_context_get_store (context), &error);
  if (loaded == NULL)
    {
      g_warning ("Could not load the pipeline statuses: %s", error->message);
      return;
    }

  g_clear_pointer (statuses, g_ptr_array_unref);
  *statuses = loaded;
}

static void
load_card_fields (KontorBoard *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (kontor_context_get_settings (self->context),
                                           "board-card-fields");

  self->card_fields = 0;
  for (guint i = 0; i < G_N_ELEMENTS (_kontor_board_card_field_ids); i++)
    {
      if (g_strv_contains ((const char * const *) ids, _kontor_board_card_field_ids[i]))
        self->card_fields |= 1 << i;
    }
}

static void
update_cards (KontorBoard *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    _kontor_board_column_update_cards (g_ptr_array_index (self->columns, i));
}

/* ------------------------------------------------------------------------ */
/* Columns */

/* Inbox and archived contacts are not on the board (feature C4, src/README.md) */
static gboolean
shows_columns (KontorBoard *self)
{
  guint statuses = kontor_filter_get_statuses (self->filter);

  return statuses == 0 || (statuses & KONTOR_STATUS_MASK_ACTIVE) != 0;
}

/* The cards on the board; none while it explains why it has none (the
 * columns' lists are paused then, their lengths from before) */
static void
update_n_items (KontorBoard *self)
{
  guint n = 0;

  if (shows_columns (self))
    {
      for (guint i = 0; i < self->columns->len; i++)
        {
          KontorBoardColumn *column = g_ptr_array_index (self->columns, i);

          n += g_list_model_get_n_items (G_LIST_MODEL (kontor_board_column_get_list (column)));
        }
    }

  if (n == self->n_items)
    return;

  self->n_items = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_column_n_items_cb (KontorBoard      *self,
                      GParamSpec       *pspec,
                      KontorRecordList *list)
{
  g_assert (KONTOR_IS_BOARD (self));

  update_n_items (self);
}

/**
 * _kontor_board_select_columns:
 * @statuses: (element-type KontorPipelineStatus): all statuses in board order
 * @ids: (nullable): the ids of GSettings "board-columns"
 *
 * Returns: (transfer container) (element-type KontorPipelineStatus): the
 *   statuses shown: those of @ids, or every active one when @ids is empty
 *   or names none there is; in board order
 */
GPtrArray *
_kontor_board_select_columns (GPtrArray          *statuses,
                              const char * const *ids)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids != NULL && i < statuses->len; i++)
    {
      KontorRecord *status = g_ptr_array_index (statuses, i);

      if (g_strv_contains (ids, kontor_record_get_id (status)))
        g_ptr_array_add (shown, g_object_ref (status));
    }

  if (shown->len == 0)
    {
      for (guint i = 0; i < statuses->len; i++)
        {
          KontorPipelineStatus *status = g_ptr_array_index (statuses, i);

          if (kontor_pipeline_status_get_active (status))
            g_ptr_array_add (shown, g_object_ref (status));
        }
    }

  /* nothing active: better all than an empty board */
  if (shown->len == 0)
    {
      for (guint i = 0; i < statuses->len; i++)
        g_ptr_array_add (shown, g_object_ref (g_ptr_array_index (statuses, i)));
    }

  return shown;
}

/* Shows the columns of the settings, keeping the widgets (and so the
 * lists and scroll positions) of statuses that stay. */
static void
rebuild_columns (KontorBoard *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (kontor_context_get_settings (self->context),
                                           "board-columns");
  /* a lead project's board shows every status of the project */
  g_autoptr(GPtrArray) shown = self->project != NULL
    ? g_ptr_array_ref (self->statuses)
    : _kontor_board_select_columns (self->statuses, (const char * const *) ids);
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->columns);
  GtkWidget *previous = NULL;

  self->columns = g_ptr_array_new ();

  for (guint i = 0; i < shown->len; i++)
    {
      KontorRecord *status = g_ptr_array_index (shown, i);
      const char *id = kontor_record_get_id (status);
      KontorBoardColumn *column = NULL;

      for (guint j = 0; j < old->len && column == NULL; j++)
        {
          if (g_strcmp0 (kontor_board_column_get_status_id (g_ptr_array_index (old, j)), id) == 0)
            column = g_ptr_array_steal_index (old, j);
        }

      if (column != NULL)
        {
          _kontor_board_column_set_status (column, status);
        }
      else
        {
          column = KONTOR_BOARD_COLUMN (kontor_board_column_new (self, status));
          gtk_widget_set_hexpand (GTK_WIDGET (column), TRUE);
          g_signal_connect_object (kontor_board_column_get_list (column), "notify::n-items",
                                   G_CALLBACK (on_column_n_items_cb), self, G_CONNECT_SWAPPED);
          gtk_box_append (self->columns_box, GTK_WIDGET (column));
        }

      gtk_widget_set_size_request (GTK_WIDGET (column),
                                   self->narrow_width > 0 ? self->narrow_width : -1, -1);
      gtk_box_reorder_child_after (self->columns_box, GTK_WIDGET (column), previous);
      previous = GTK_WIDGET (column);
      g_ptr_array_add (self->columns, column);
    }

  for (guint j = 0; j < old->len; j++)
    gtk_box_remove (self->columns_box, g_ptr_array_index (old, j));

  update_n_items (self);
}

/* The page that says why there are no columns gets its icon when first
 * shown (kontor_ui_show_status_page()) */
static void
update_stack (KontorBoard *self)
{
  if (shows_columns (self))
    gtk_stack_set_visible_child_name (self->stack, "columns");
  else
    kontor_ui_show_status_page (self->stack, "restricted", "view-grid-symbolic");
  update_n_items (self);
}

static void
update_actions (KontorBoard *self)
{
  gboolean can_edit = kontor_context_can_edit (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.move-card", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.move-left", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.move-right", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.remove-lead", can_edit);
}

/* The board's statuses: the pipeline's, or the lead project's */
static void
reload_statuses (KontorBoard *self)
{
  if (self->project != NULL)
    _kontor_board_lead_reload_statuses (self);
  else
    _kontor_board_reload_statuses (self->context, &self->statuses);
}

static void
on_store_statuses_changed_cb (KontorBoard *self,
                              const char  *entity,
                              GArray      *rowids,
                              KontorStore *store)
{
  g_assert (KONTOR_IS_BOARD (self));

  reload_statuses (self);
  rebuild_columns (self);
}

/* A lead project's board keeps its project as stored: its currency is
 * an empty column's sum's */
static void
on_store_project_changed_cb (KontorBoard *self,
                             const char  *entity,
                             GArray      *rowids,
                             KontorStore *store)
{
  g_autoptr(KontorLeadProject) project = NULL;

  g_assert (KONTOR_IS_BOARD (self));

  project = kontor_store_load (store, KONTOR_TYPE_LEAD_PROJECT,
                               kontor_record_get_id (KONTOR_RECORD (self->project)), NULL);
  if (project == NULL || !g_set_object (&self->project, project))
    return;
  for (guint i = 0; i < self->columns->len; i++)
    _kontor_board_column_update_sum (g_ptr_array_index (self->columns, i));
}

static void
on_store_users_changed_cb (KontorBoard *self,
                           const char  *entity,
                           GArray      *rowids,
                           KontorStore *store)
{
  g_assert (KONTOR_IS_BOARD (self));

  load_users (self);
  update_cards (self);
}

static void
on_sync_conflicts_cb (KontorBoard *self)
{
  /* the cards change only when the set does, not at every cycle */
  if (load_conflicts (self))
    update_cards (self);
}

static void
on_store_current_user_cb (KontorBoard *self,
                          GParamSpec  *pspec,
                          KontorStore *store)
{
  g_assert (KONTOR_IS_BOARD (self));

  update_actions (self);
  update_cards (self);
}

static void
on_settings_columns_changed_cb (KontorBoard *self,
                                const char  *key,
                                GSettings   *settings)
{
  g_assert (KONTOR_IS_BOARD (self));

  rebuild_columns (self);
}

static void
on_settings_card_fields_changed_cb (KontorBoard *self,
                                    const char  *key,
                                    GSettings   *settings)
{
  g_assert (KONTOR_IS_BOARD (self));

  load_card_fields (self);
  update_cards (self);
}

static void
on_filter_changed_cb (KontorBoard  *self,
                      KontorFilter *filter)
{
  g_assert (KONTOR_IS_BOARD (self));

  update_stack (self);
}

/* ------------------------------------------------------------------------ */

static void
kontor_board_constructed (GObject *object)
{
  KontorBoard *self = KONTOR_BOARD (object);
  KontorStore *store;
  GSettings *settings;

  G_OBJECT_CLASS (kontor_board_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));
  g_assert (KONTOR_IS_FILTER (self->filter));

  store = kontor_context_get_store (self->context);
  settings = kontor_context_get_settings (self->context);

  self->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  reload_statuses (self);
  load_users (self);
  load_conflicts (self);
  load_card_fields (self);
  rebuild_columns (self);
  update_stack (self);
  update_actions (self);

  g_signal_connect_object (store, self->project != NULL ? "changed::lead_status"
                                                        : "changed::pipeline_status",
                           G_CALLBACK (on_store_statuses_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::app_user", G_CALLBACK (on_store_users_changed_cb),
                           self, G_CONNECT_SWAPPED);
  if (self->project != NULL)
    g_signal_connect_object (store, "changed::lead_project",
                             G_CALLBACK (on_store_project_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::current-user", G_CALLBACK (on_store_current_user_cb),
                           self, G_CONNECT_SWAPPED);
  if (kontor_context_get_sync (self->context) != NULL)
    {
      /* after every cycle: one may settle a conflict and bring another */
      g_signal_connect_object (kontor_context_get_sync (self->context), "notify::conflicts",
                               G_CALLBACK (on_sync_conflicts_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (kontor_context_get_sync (self->context), "notify::cycles",
                               G_CALLBACK (on_sync_conflicts_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (settings, "changed::board-columns",
                           G_CALLBACK (on_settings_columns_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::board-card-fields",
                           G_CALLBACK (on_settings_card_fields_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Time moves the board on with no change in the store: a card's days in
 * its column, staleness and overdue dates, and the columns' counts */
static gboolean
on_clock_cb (gpointer data)
{
  KontorBoard *self = data;

  self->clock_checked = g_get_monotonic_time ();
  for (guint i = 0; i < self->columns->len; i++)
    _kontor_board_column_time_passed (g_ptr_array_index (self->columns, i));

  return G_SOURCE_CONTINUE;
}

static void on_frame_clock_after_paint_cb (KontorBoard   *self,
                                           GdkFrameClock *frame_clock);

/* Only the board's own handler: GTK runs the board's tick callbacks
 * (the focus after a move) from a handler of the same frame clock with
 * the board as its data, which must stay */
static void
stop_awaiting_frame (KontorBoard *self)
{
  if (self->frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->frame_clock, on_frame_clock_after_paint_cb,
                                          self);
  g_clear_object (&self->frame_clock);
}

/* The frame that shows the board is painted: the columns tell their
 * sizes again, for the window's smallest size (see kontor_board_map()) */
static void
on_frame_clock_after_paint_cb (KontorBoard   *self,
                               GdkFrameClock *frame_clock)
{
  stop_awaiting_frame (self);
  for (guint i = 0; i < self->columns->len; i++)
    gtk_widget_queue_resize (g_ptr_array_index (self->columns, i));
}

static void
kontor_board_map (GtkWidget *widget)
{
  KontorBoard *self = KONTOR_BOARD (widget);
  GdkFrameClock *frame_clock;

  GTK_WIDGET_CLASS (kontor_board_parent_class)->map (widget);

  /* GDK asks the window for its size (twice) before the frame that shows
   * the board lays it out, the first time with the styles of its new
   * widgets not worked out yet (other fonts, no paddings): every card, and
   * the prototype for each of their shapes, was measured for nothing.
   * Until that frame is painted the columns say they need no room (the
   * board's own minimum width holds them, and they lay out their children
   * themselves), see _kontor_board_awaits_frame(). */
  frame_clock = gtk_widget_get_frame_clock (widget);
  if (frame_clock != NULL && self->frame_clock == NULL)
    {
      self->frame_clock = g_object_ref (frame_clock);
      g_signal_connect_object (frame_clock, "after-paint",
                               G_CALLBACK (on_frame_clock_after_paint_cb), self,
                               G_CONNECT_SWAPPED);
      gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
    }

  /* it may have been hidden for a night; shown the first time, its cards
   * are made now */
  if (self->clock_checked == 0)
    self->clock_checked = g_get_monotonic_time ();
  else if (g_get_monotonic_time () - self->clock_checked > CLOCK_INTERVAL_S * G_USEC_PER_SEC)
    on_clock_cb (self);
  if (self->clock_source == 0)
    self->clock_source = g_timeout_add_seconds (CLOCK_INTERVAL_S, on_clock_cb, self);
}

static void
kontor_board_unmap (GtkWidget *widget)
{
  KontorBoard *self = KONTOR_BOARD (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  stop_awaiting_frame (self);

  GTK_WIDGET_CLASS (kontor_board_parent_class)->unmap (widget);
}

static void
kontor_board_dispose (GObject *object)
{
  KontorBoard *self = KONTOR_BOARD (object);

  if (self->card_prototype != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->card_prototype));
  g_clear_pointer (&self->card_shelf, gtk_widget_unparent);
  _kontor_board_card_face_forget_shapes (self);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  stop_awaiting_frame (self);

  if (self->pending_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick_id);
      self->pending_tick_id = 0;
    }

  /* The columns go with the template; they are not counted any more. */
  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    g_signal_handlers_disconnect_by_data (
      kontor_board_column_get_list (g_ptr_array_index (self->columns, i)), self);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  /* AdwBin unparents its child itself: not again by the template */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_BOARD);

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->user_list, g_ptr_array_unref);
  g_hash_table_remove_all (self->users);
  g_clear_object (&self->filter);
  g_clear_object (&self->project);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_board_parent_class)->dispose (object);
}

static void
kontor_board_finalize (GObject *object)
{
  KontorBoard *self = KONTOR_BOARD (object);

  g_hash_table_unref (self->users);
  g_hash_table_unref (self->conflicted);
  g_free (self->focus_id);
  g_free (self->pending_id);
  g_free (self->pending_status_id);

  G_OBJECT_CLASS (kontor_board_parent_class)->finalize (object);
}

static void
kontor_board_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KontorBoard *self = KONTOR_BOARD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_LEAD_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_board_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KontorBoard *self = KONTOR_BOARD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_FILTER:
      self->filter = g_value_dup_object (value);
      break;
    case PROP_LEAD_PROJECT:
      self->project = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A narrow window (kontor_ui_window_is_narrow(), as for the tables'
 * name-only columns, kontor-table.c): each column is as wide as the
 * board less its padding (kontor-board.css), and the board shows one
 * column at a time: the focus moving into another column (Left, Right,
 * Tab) scrolls to that column's start, not just far enough to show the
 * card, which the viewport's own scrolling to the focus would do. GTK 4.8
 * has neither breakpoints nor snapping scrolled windows: the window's
 * default-width, which follows its size, says whether it is narrow, and
 * the scrolled window's page gives the columns their width. */
#define BOARD_PADDING 12

/* Each column's width: as wide as the board less its padding while the
 * window is narrow, else as wide as it needs */
static void
set_column_widths (KontorBoard *self,
                   int          width)
{
  if (width == self->narrow_width)
    return;
  self->narrow_width = width;
  for (guint i = 0; i < self->columns->len; i++)
    gtk_widget_set_size_request (g_ptr_array_index (self->columns, i), width > 0 ? width : -1,
                                 -1);
}

/* The columns' widths follow what the board shows of them (the scrolled
 * window's page): a size request changed while the board is laid out
 * would only count in the next layout, so it is changed at the next
 * frame, which lays the board out again */
static gboolean
on_narrow_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  KontorBoard *self = KONTOR_BOARD (widget);
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);

  self->narrow_tick_id = 0;
  if (kontor_ui_window_is_narrow (self->narrow_window))
    set_column_widths (self, MAX ((int) gtk_adjustment_get_page_size (hadjustment) -
                                  2 * BOARD_PADDING, 1));

  return G_SOURCE_REMOVE;
}

static void
on_hadjustment_changed_cb (KontorBoard *self)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  int width = (int) gtk_adjustment_get_page_size (hadjustment) - 2 * BOARD_PADDING;

  if (kontor_ui_window_is_narrow (self->narrow_window) && width > 0 &&
      width != self->narrow_width && self->narrow_tick_id == 0)
    self->narrow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_narrow_tick_cb,
                                                         NULL, NULL);
}

static void
update_narrow (KontorBoard *self)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  gboolean narrow = kontor_ui_window_is_narrow (self->narrow_window);

  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), !narrow);
  if (!narrow)
    set_column_widths (self, 0);
  else
    on_hadjustment_changed_cb (self);
}

static void
on_window_focus_widget_cb (KontorBoard *self)
{
  GtkWidget *focus, *column;
  graphene_rect_t bounds;

  if (self->narrow_width == 0 || self->narrow_window == NULL)
    return;
  focus = gtk_root_get_focus (GTK_ROOT (self->narrow_window));
  column = focus != NULL ? gtk_widget_get_ancestor (focus, KONTOR_TYPE_BOARD_COLUMN) : NULL;
  if (column == NULL || gtk_widget_get_parent (column) != GTK_WIDGET (self->columns_box) ||
      !gtk_widget_compute_bounds (column, GTK_WIDGET (self->columns_box), &bounds))
    return;
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller),
                            bounds.origin.x - BOARD_PADDING);
}

static void
kontor_board_root (GtkWidget *widget)
{
  KontorBoard *self = KONTOR_BOARD (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (kontor_board_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->narrow_window = GTK_WINDOW (root);
      g_signal_connect_object (root, "notify::default-width", G_CALLBACK (update_narrow), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (root, "notify::focus-widget",
                               G_CALLBACK (on_window_focus_widget_cb), self, G_CONNECT_SWAPPED);
    }
  update_narrow (self);
}

static void
kontor_board_unroot (GtkWidget *widget)
{
  KontorBoard *self = KONTOR_BOARD (widget);

  if (self->narrow_window != NULL)
    g_signal_handlers_disconnect_by_data (self->narrow_window, self);
  self->narrow_window = NULL;
  if (self->narrow_tick_id != 0)
    gtk_widget_remove_tick_callback (widget, self->narrow_tick_id);
  self->narrow_tick_id = 0;

  GTK_WIDGET_CLASS (kontor_board_parent_class)->unroot (widget);
}

static void
kontor_board_class_init (KontorBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_board_constructed;
  object_class->dispose = kontor_board_dispose;
  object_class->finalize = kontor_board_finalize;
  widget_class->map = kontor_board_map;
  widget_class->root = kontor_board_root;
  widget_class->unroot = kontor_board_unroot;
  widget_class->unmap = kontor_board_unmap;
  object_class->get_property = kontor_board_get_property;
  object_class->set_property = kontor_board_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KONTOR_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, KONTOR_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEAD_PROJECT] =
    g_param_spec_object ("lead-project", NULL, NULL, KONTOR_TYPE_LEAD_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/kontor-board.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorBoard, stack);
  gtk_widget_class_bind_template_child (widget_class, KontorBoard, scroller);
  gtk_widget_class_bind_template_child (widget_class, KontorBoard, columns_box);

  _kontor_board_class_init_moves (widget_class);
}

/* Scrolled sideways: the columns that come into view make their cards */
static void
on_hadjustment_value_changed_cb (KontorBoard *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    _kontor_board_column_check_view (g_ptr_array_index (self->columns, i));
}

static void
kontor_board_init (KontorBoard *self)
{
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->conflicted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->columns = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  kontor_autoscroll_attach (self->scroller, GTK_ORIENTATION_HORIZONTAL);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "value-changed",
                           G_CALLBACK (on_hadjustment_value_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                           G_CALLBACK (on_hadjustment_changed_cb), self, G_CONNECT_SWAPPED);

  _kontor_board_init_moves (self);
  _kontor_board_card_face_add_prototype (self);
}

/**
 * kontor_board_new:
 * @context: the context
 * @filter: the view's filter; the board shows its contacts and follows it
 *
 * Returns: (transfer floating): the pipeline board
 */
GtkWidget *
kontor_board_new (KontorContext *context,
                  KontorFilter  *filter)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), NULL);

  return g_object_new (KONTOR_TYPE_BOARD, "context", context, "filter", filter, NULL);
}

/**
 * kontor_board_new_for_lead_project:
 * @context: the context
 * @filter: the view's filter (a search); the board follows it
 * @project: a stored lead project
 *
 * Returns: (transfer floating): the board of @project: a column for each
 *   of its statuses, its leads as cards
 */
GtkWidget *
kontor_board_new_for_lead_project (KontorContext     *context,
                                   KontorFilter      *filter,
                                   KontorLeadProject *project)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), NULL);
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT (project), NULL);

  return g_object_new (KONTOR_TYPE_BOARD, "context", context, "filter", filter,
                       "lead-project", project, NULL);
}

/**
 * kontor_board_get_lead_project:
 * @self: a board
 *
 * Returns: (transfer none) (nullable): the lead project the board shows;
 *   %NULL for the pipeline board
 */
KontorLeadProject *
kontor_board_get_lead_project (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  return self->project;
}

/**
 * _kontor_board_lead_reload_statuses:
 * @self: a lead project's board
 *
 * Replaces the board's statuses by the project's, in order; when the
 * store cannot say, keeps the ones there are (a warning goes to the log).
 */
void
_kontor_board_lead_reload_statuses (KontorBoard *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *loaded;

  loaded = kontor_store_list_lead_statuses (kontor_context_get_store (self->context),
                                            kontor_record_get_id (KONTOR_RECORD (self->project)),
                                            &error);
  if (loaded == NULL)
    {
      g_warning ("Could not load the statuses of a lead project: %s", error->message);
      return;
    }

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  self->statuses = loaded;
}

/* The contact's lead in the board's project, or %NULL (a warning in the
 * log when the store cannot say) */
static KontorLeadEntry *
find_entry (KontorBoard   *self,
            KontorContact *contact)
{
  g_autoptr(GError) error = NULL;
  KontorLeadEntry *entry;

  entry = kontor_store_find_lead_entry (kontor_context_get_store (self->context),
                                        kontor_record_get_id (KONTOR_RECORD (self->project)),
                                        kontor_record_get_id (KONTOR_RECORD (contact)), &error);
  if (entry == NULL && error != NULL)
    g_warning ("Could not find a lead of the board: %s", error->message);

  return entry;
}

/**
 * _kontor_board_dup_place:
 * @self: a board
 * @contact: a contact on it
 * @status_id: (out) (optional) (transfer full): its column's status
 * @rank: (out) (optional) (transfer full): its place in the column
 *
 * Where a card is: on the pipeline board the contact's pipeline status
 * and rank, on a lead project's board those of its entry.
 *
 * Returns: %FALSE when the contact has no place on the board
 */
gboolean
_kontor_board_dup_place (KontorBoard    *self,
                         KontorContact  *contact,
                         char          **status_id,
                         char          **rank)
{
  g_autoptr(KontorLeadEntry) entry = NULL;

  g_return_val_if_fail (KONTOR_IS_BOARD (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), FALSE);

  if (self->project == NULL)
    {
      if (status_id != NULL)
        *status_id = g_strdup (kontor_contact_get_pipeline_status_id (contact));
      if (rank != NULL)
        *rank = g_strdup (kontor_contact_get_rank (contact));
      return kontor_contact_get_pipeline_status_id (contact) != NULL;
    }

  entry = find_entry (self, contact);
  if (status_id != NULL)
    *status_id = entry != NULL ? g_strdup (kontor_lead_entry_get_status_id (entry)) : NULL;
  if (rank != NULL)
    *rank = entry != NULL ? g_strdup (kontor_lead_entry_get_rank (entry)) : NULL;

  return entry != NULL;
}

/**
 * _kontor_board_dup_card_value:
 * @self: a board
 * @contact: a contact on it
 *
 * Returns: (transfer full) (nullable): on a lead project's board the
 *   value of the contact's lead in the user's locale ("1.234,50 €"),
 *   %NULL when it has none or on the pipeline board
 */
char *
_kontor_board_dup_card_value (KontorBoard   *self,
                              KontorContact *contact)
{
  g_autofree char *currency = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  if (self->project == NULL)
    return NULL;

  if (!kontor_store_get_lead_value (kontor_context_get_store (self->context),
                                    kontor_record_get_id (KONTOR_RECORD (self->project)),
                                    kontor_record_get_id (KONTOR_RECORD (contact)), &cents,
                                    &currency, NULL, &error))
    {
      if (error != NULL)
        g_warning ("Could not find a lead of the board: %s", error->message);
      return NULL;
    }
  if (cents == 0)
    return NULL;

  return kontor_money_format (cents, currency);
}

/**
 * _kontor_board_dup_assignees:
 * @self: a board
 * @contact: a contact on it
 *
 * Who a card shows as working it (feature P8): the contact's assignees on
 * the pipeline board, the user assigned to the lead on a lead project's.
 *
 * Returns: (transfer full): the users' ids, maybe none
 */
GStrv
_kontor_board_dup_assignees (KontorBoard   *self,
                             KontorContact *contact)
{
  g_autoptr(KontorLeadEntry) entry = NULL;
  const char *user_id;

  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  if (self->project == NULL)
    return kontor_contact_get_assignees (contact) != NULL
           ? g_strdupv ((GStrv) kontor_contact_get_assignees (contact)) : g_new0 (char *, 1);

  entry = find_entry (self, contact);
  user_id = entry != NULL ? kontor_lead_entry_get_assignee_id (entry) : NULL;

  return user_id != NULL ? g_strdupv ((GStrv) (const char * const[]) { user_id, NULL })
                         : g_new0 (char *, 1);
}

/**
 * _kontor_board_new_assign:
 * @self: a board
 * @contact: a contact on it
 * @user_id: a colleague chosen on its card
 * @title: the toast's, when the colleague gets it
 * @title_back: … when the colleague had it and gives it back
 *
 * Choosing a colleague gives them the card; choosing one who has it
 * takes it back from them. On a lead project's board a lead has one user:
 * the one chosen replaces the one before.
 *
 * Returns: (transfer full) (nullable): the change, not applied yet
 */
KontorFieldChange *
_kontor_board_new_assign (KontorBoard   *self,
                          KontorContact *contact,
                          const char    *user_id,
                          const char    *title,
                          const char    *title_back)
{
  g_auto(GStrv) assignees = _kontor_board_dup_assignees (self, contact);
  gboolean assigned = g_strv_contains ((const char * const *) assignees, user_id);
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(KontorLeadEntry) entry = NULL;
  KontorFieldChange *change;
  GValue value = G_VALUE_INIT;

  if (self->project != NULL)
    {
      entry = find_entry (self, contact);
      if (entry == NULL)
        return NULL;
      change = kontor_field_change_new (store, KONTOR_RECORD (entry),
                                        assigned ? title_back : title);
      kontor_field_change_set_string (change, KONTOR_LEAD_ENTRY_FIELD_ASSIGNEE_ID,
                                      assigned ? NULL : user_id);
      return change;
    }

  for (guint i = 0; assigned && assignees[i] != NULL; i++)
    {
      if (!g_str_equal (assignees[i], user_id))
        g_strv_builder_add (builder, assignees[i]);
    }
  if (!assigned)
    g_strv_builder_add (builder, user_id);

  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, g_strv_builder_end (builder));
  change = kontor_field_change_new (store, KONTOR_RECORD (contact), assigned ? title_back : title);
  kontor_field_change_set_value (change, KONTOR_CONTACT_FIELD_ASSIGNEES, &value);
  g_value_unset (&value);

  return change;
}

/**
 * _kontor_board_open_card:
 * @self: a board
 * @widget: the card or column the user opened it from
 * @contact: the card's contact
 *
 * Opens a card (Enter, a click, its edit button): the contact's form on
 * the pipeline board (win.edit-contact), the lead's dialog, with its
 * value, notes and follow-ups and the jump to the contact, on a lead
 * project's.
 */
void
_kontor_board_open_card (KontorBoard   *self,
                         GtkWidget     *widget,
                         KontorContact *contact)
{
  g_autoptr(KontorLeadEntry) entry = NULL;

  g_return_if_fail (KONTOR_IS_BOARD (self));

  if (self->project == NULL)
    {
      gtk_widget_activate_action (widget, "win.edit-contact", "s",
                                  kontor_record_get_id (KONTOR_RECORD (contact)));
      return;
    }

  entry = find_entry (self, contact);
  if (entry != NULL)
    kontor_lead_entry_dialog_present (widget, self->context, entry);
}

KontorContext *
kontor_board_get_context (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  return self->context;
}

/**
 * kontor_board_get_filter:
 * @self: a board
 *
 * Returns: (transfer none): the view's filter the board follows
 */
KontorFilter *
kontor_board_get_filter (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  return self->filter;
}

/**
 * kontor_board_get_n_items:
 * @self: a board
 *
 * Returns: how many cards the shown columns hold
 */
guint
kontor_board_get_n_items (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), 0);

  return self->n_items;
}

guint
kontor_board_get_n_columns (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), 0);

  return self->columns->len;
}

/**
 * kontor_board_get_column:
 * @self: a board
 * @index: a shown column's place, from the left
 *
 * Returns: (transfer none) (nullable): the column
 */
KontorBoardColumn *
kontor_board_get_column (KontorBoard *self,
                         guint        index)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  return index < self->columns->len ? g_ptr_array_index (self->columns, index) : NULL;
}

/**
 * kontor_board_find_column:
 * @self: a board
 * @status_id: (nullable): a pipeline status id
 *
 * Returns: (transfer none) (nullable): the column of @status_id, when shown
 */
KontorBoardColumn *
kontor_board_find_column (KontorBoard *self,
                          const char  *status_id)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  for (guint i = 0; status_id != NULL && i < self->columns->len; i++)
    {
      KontorBoardColumn *column = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (kontor_board_column_get_status_id (column), status_id) == 0)
        return column;
    }

  return NULL;
}

/**
 * kontor_board_find_card:
 * @self: a board
 * @contact_id: a contact's id
 *
 * Returns: (transfer none) (nullable): the card showing the contact, when
 *   a column has made one (columns make cards for what is in view)
 */
KontorBoardCard *
kontor_board_find_card (KontorBoard *self,
                        const char  *contact_id)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);
  g_return_val_if_fail (contact_id != NULL, NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      KontorBoardCard *card = kontor_board_column_find_card (g_ptr_array_index (self->columns, i),
                                                             contact_id);

      if (card != NULL)
        return card;
    }

  return NULL;
}

KontorBoardCardFields
_kontor_board_get_card_fields (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), 0);

  return self->card_fields;
}

/**
 * _kontor_board_lookup_user:
 * @self: a board
 * @user_id: (nullable): a user's id
 *
 * Returns: (transfer none) (nullable): the user, from the board's cache
 */
KontorUser *
_kontor_board_lookup_user (KontorBoard *self,
                           const char  *user_id)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  return user_id != NULL ? g_hash_table_lookup (self->users, user_id) : NULL;
}

/**
 * _kontor_board_get_users:
 * @self: a board
 *
 * Returns: (transfer none) (element-type KontorUser): every user, by name
 */
GPtrArray *
_kontor_board_get_users (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  return self->user_list;
}

/**
 * _kontor_board_get_statuses:
 * @self: a board
 *
 * Returns: (transfer none) (element-type KontorRecord): every pipeline
 *   status, shown or not, in board order; on a lead project's board its
 *   statuses
 */
GPtrArray *
_kontor_board_get_statuses (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  return self->statuses;
}

/**
 * _kontor_board_get_neighbour:
 * @self: a board
 * @column: a shown column
 * @delta: -1 for the one before, 1 for the one after
 *
 * Returns: (transfer none) (nullable): the shown column next to @column
 */
KontorBoardColumn *
_kontor_board_get_neighbour (KontorBoard       *self,
                             KontorBoardColumn *column,
                             int                delta)
{
  guint index;

  g_return_val_if_fail (KONTOR_IS_BOARD (self), NULL);

  if (!g_ptr_array_find (self->columns, column, &index))
    return NULL;
  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= self->columns->len))
    return NULL;

  return g_ptr_array_index (self->columns, index + delta);
}

/**
 * _kontor_board_column_added:
 * @self: a board
 * @status_id: a status a column menu just added
 *
 * When the user chose the columns to show, a new one joins them: nobody
 * adds a column to not see it.
 */
void
_kontor_board_column_added (KontorBoard *self,
                            const char  *status_id)
{
  GSettings *settings;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) new_ids = NULL;

  g_return_if_fail (KONTOR_IS_BOARD (self));

  if (status_id == NULL)
    return;

  settings = kontor_context_get_settings (self->context);
  ids = g_settings_get_strv (settings, "board-columns");
  if (ids[0] == NULL || g_strv_contains ((const char * const *) ids, status_id))
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) ids);
  g_strv_builder_add (builder, status_id);
  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "board-columns", (const char * const *) new_ids);
}

/**
 * _kontor_board_awaits_frame:
 * @self: a board
 *
 * Returns: whether the board was just shown and the frame that shows it
 *   is not painted yet: a column measured now for the window's size
 *   would be measured with styles not yet worked out (see
 *   kontor_board_map())
 */
gboolean
_kontor_board_awaits_frame (KontorBoard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD (self), FALSE);

  return self->frame_clock != NULL;
}
