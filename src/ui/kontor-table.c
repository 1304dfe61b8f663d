/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-table-private.h"
#include "kontor-ui-utils.h"

/* KontorTable: a table over a GtkSelectionModel that makes a row widget
 * only for the rows on screen (plus at most two spare), and rebinds them
 * instead of making new ones when the list changes or scrolls.
 *
 *   GtkScrolledWindow ── KontorTable (GtkScrollable, role GRID)
 *                          ├── KontorTableRow × rows on screen (+ ≤ 2 spare)
 *                          ├── KontorTableRow prototype (measures the height of all rows)
 *                          └── KontorTableRow header (drawn last, on top)
 *
 * All rows have one height, so the vertical adjustment is the number of
 * items times the row height and the rows on screen follow from its value
 * alone: 100 000 items cost the rows on screen and nothing else, and the
 * model is asked only for the items of those rows. GTK 4.8's list views
 * make ~200 row widgets whatever the height and a new one for every new
 * item; see "Lists" and "Performance targets" in src/README.md.
 *
 * The table sorts nothing: a title click tells "sort-changed", and its
 * owner sorts the model (SQLite's ORDER BY for a KontorRecordList). */

#define SPARE_ROWS 2

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SORT_COLUMN,
  PROP_SORT_ORDER,
  PROP_CURSOR,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  ACTIVATE,
  SORT_CHANGED,
  COLUMNS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorTable, kontor_table, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

guint
_kontor_table_get_n_items (KontorTable *self)
{
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

static KontorTableRow *
find_row (KontorTable *self,
          guint        position)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);

      if (row->position == position)
        return row;
    }

  return NULL;
}

static gboolean
focus_is_inside (KontorTable *self)
{
  return gtk_widget_has_focus (GTK_WIDGET (self)) ||
         gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL;
}

/* The focus stays on the table itself while the cursor row is not on
 * screen (its widget shows another row by then). */
static void
grab_focus_self (KontorTable *self)
{
  GTK_WIDGET_CLASS (kontor_table_parent_class)->grab_focus (GTK_WIDGET (self));
}

static void
release_row (KontorTable    *self,
             KontorTableRow *row)
{
  if (gtk_widget_has_focus (GTK_WIDGET (row)))
    grab_focus_self (self);

  row->position = G_MAXUINT;
  /* not set_visible(), which would resize the table */
  gtk_widget_set_child_visible (GTK_WIDGET (row), FALSE);
}

static void
clear_rows (KontorTable *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);

      if (gtk_widget_has_focus (GTK_WIDGET (row)))
        grab_focus_self (self);
      gtk_widget_unparent (GTK_WIDGET (row));
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* A spare row, the one that shows @item already if there is one. */
static KontorTableRow *
take_spare_row (KontorTable *self,
                GObject     *item)
{
  KontorTableRow *spare = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);

      if (row->position != G_MAXUINT)
        continue;
      if (row->item == item)
        return row;
      if (spare == NULL)
        spare = row;
    }

  if (spare == NULL)
    {
      spare = _kontor_table_row_new (self, FALSE, GTK_ACCESSIBLE_ROLE_ROW);
      /* the header stays the last child: drawn on top, picked first */
      gtk_widget_insert_before (GTK_WIDGET (spare), GTK_WIDGET (self),
                                GTK_WIDGET (self->prototype));
      g_ptr_array_add (self->rows, spare);
    }

  return spare;
}

static void
get_visible_range (KontorTable *self,
                   guint       *first,
                   guint       *end)
{
  double value = gtk_adjustment_get_value (self->vadjustment);
  double page = gtk_adjustment_get_page_size (self->vadjustment);
  guint n = _kontor_table_get_n_items (self);

  if (self->row_height <= 0 || page <= 0)
    {
      *first = *end = 0;
      return;
    }

  *first = MIN ((guint) (value / self->row_height), n);
  *end = MIN ((guint) ceil ((value + page) / self->row_height), n);
}

/* Gives the rows on screen a row widget with their item bound, from the
 * rows that scrolled out or whose item changed; asks the model for no
 * other item. */
static void
update_rows (KontorTable *self)
{
  guint first, end, n_spare = 0;

  if (self->model == NULL)
    return;

  get_visible_range (self, &first, &end);

  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);

      if (row->position != G_MAXUINT &&
          (row->position < first || row->position >= end))
        release_row (self, row);
    }

  for (guint position = first; position < end; position++)
    {
      g_autoptr(GObject) item = NULL;
      KontorTableRow *row;

      if (find_row (self, position) != NULL)
        continue;

      item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
      row = take_spare_row (self, item);
      _kontor_table_row_bind (row, position, item);
      _kontor_table_row_set_selected (row, gtk_selection_model_is_selected (self->model, position));
      gtk_widget_set_child_visible (GTK_WIDGET (row), TRUE);
    }

  /* no more than a few spare rows */
  for (guint i = self->rows->len; i > 0; i--)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i - 1);

      if (row->position != G_MAXUINT || ++n_spare <= SPARE_ROWS)
        continue;

      gtk_widget_unparent (GTK_WIDGET (row));
      g_ptr_array_remove_index_fast (self->rows, i - 1);
    }

  /* the cursor row came back on screen: the focus goes back to it */
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->cursor != G_MAXUINT)
    {
      KontorTableRow *row = find_row (self, self->cursor);

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
on_adjustment_value_changed_cb (KontorTable   *self,
                                GtkAdjustment *adjustment)
{
  if (self->in_update)
    return;

  update_rows (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  kontor_ui_release_memory_soon ();
}

static void
set_adjustment (KontorTable    *self,
                GtkAdjustment **stored,
                GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*stored == adjustment)
    return;

  if (*stored != NULL)
    {
      g_signal_handlers_disconnect_by_data (*stored, self);
      g_object_unref (*stored);
    }
  *stored = g_object_ref_sink (adjustment);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
kontor_table_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  KontorTable *self = KONTOR_TABLE (widget);
  int min, nat;

  gtk_widget_measure (GTK_WIDGET (self->header), orientation, -1, &min, &nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* scrolls sideways rather than asking for all columns */
      *minimum = 0;
      *natural = self->total_width;
    }
  else
    {
      int row_min, row_nat;

      gtk_widget_measure (GTK_WIDGET (self->prototype), orientation, -1, &row_min, &row_nat,
                          NULL, NULL);
      *minimum = nat;
      *natural = nat + row_nat * (int) MIN (_kontor_table_get_n_items (self), 10);
    }
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         value,
                      double         upper,
                      double         page,
                      double         step)
{
  value = CLAMP (value, 0, MAX (0, upper - page));

  gtk_adjustment_configure (adjustment, value, 0, upper, step, page * 0.9, page);
}

static void
kontor_table_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  KontorTable *self = KONTOR_TABLE (widget);
  double vvalue, hvalue;
  int body_height, row_height;

  _kontor_table_layout_columns (self, width);

  gtk_widget_measure (GTK_WIDGET (self->header), GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &self->header_height, NULL, NULL);
  /* cached by GTK until a font, style or column changes it; a new
   * height keeps the same first row on screen */
  gtk_widget_measure (GTK_WIDGET (self->prototype), GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &row_height, NULL, NULL);
  row_height = MAX (row_height, 1);
  if (self->row_height > 0 && row_height != self->row_height &&
      self->pending_first == G_MAXUINT)
    self->pending_first = (guint) (gtk_adjustment_get_value (self->vadjustment) /
                                   self->row_height);
  self->row_height = row_height;
  body_height = MAX (0, height - self->header_height);

  vvalue = gtk_adjustment_get_value (self->vadjustment);
  if (self->pending_first != G_MAXUINT)
    vvalue = (double) self->pending_first * self->row_height;
  self->pending_first = G_MAXUINT;

  self->in_update = TRUE;
  configure_adjustment (self->vadjustment, vvalue,
                        (double) _kontor_table_get_n_items (self) * self->row_height,
                        body_height, self->row_height);
  configure_adjustment (self->hadjustment, gtk_adjustment_get_value (self->hadjustment),
                        MAX (width, self->total_width), width, self->char_width * 4);
  update_rows (self);
  self->in_update = FALSE;

  vvalue = gtk_adjustment_get_value (self->vadjustment);
  hvalue = gtk_adjustment_get_value (self->hadjustment);

  gtk_widget_size_allocate (GTK_WIDGET (self->header),
                            &(GtkAllocation) {
                              -hvalue, 0, self->total_width, self->header_height
                            }, -1);
  gtk_widget_size_allocate (GTK_WIDGET (self->prototype),
                            &(GtkAllocation) { 0, 0, self->total_width, self->row_height }, -1);

  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);
      double y;

      if (row->position == G_MAXUINT)
        continue;

      /* cached unless a cell changed its size; GTK wants it before allocating */
      gtk_widget_measure (GTK_WIDGET (row), GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
      y = self->header_height + (double) row->position * self->row_height - vvalue;
      gtk_widget_size_allocate (GTK_WIDGET (row),
                                &(GtkAllocation) {
                                  -hvalue, (int) floor (y), self->total_width, self->row_height
                                }, -1);
    }
}

static void
kontor_table_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  KontorTable *self = KONTOR_TABLE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* rows scroll under the header, which stays */
  gtk_snapshot_push_clip (snapshot,
                          &GRAPHENE_RECT_INIT (0, self->header_height, width,
                                               MAX (0, height - self->header_height)));
  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);

      if (row->position != G_MAXUINT)
        gtk_widget_snapshot_child (widget, GTK_WIDGET (row), snapshot);
    }
  gtk_snapshot_pop (snapshot);

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->header), snapshot);
}

static void
kontor_table_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  KontorTable *self = KONTOR_TABLE (widget);

  GTK_WIDGET_CLASS (kontor_table_parent_class)->css_changed (widget, change);

  /* maybe a new font: the widths again, and the height (size_allocate) */
  self->char_width = 0;
  gtk_widget_queue_resize (widget);
}

/* Focus and cursor */

gboolean
_kontor_table_focus_cursor (KontorTable *self)
{
  KontorTableRow *row;
  guint n = _kontor_table_get_n_items (self);

  if (self->cursor == G_MAXUINT && n > 0)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->model);
      guint first, end;

      get_visible_range (self, &first, &end);
      self->cursor = !gtk_bitset_is_empty (selected) ? gtk_bitset_get_minimum (selected) : first;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
    }

  if (self->cursor != G_MAXUINT)
    kontor_table_scroll_to (self, self->cursor);

  row = self->cursor != G_MAXUINT ? find_row (self, self->cursor) : NULL;
  if (row != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (row));

  grab_focus_self (self);
  return TRUE;
}

static gboolean
kontor_table_grab_focus (GtkWidget *widget)
{
  return _kontor_table_focus_cursor (KONTOR_TABLE (widget));
}

/* The table is one stop for Tab; arrows move in it by its key bindings. */
static gboolean
kontor_table_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  KontorTable *self = KONTOR_TABLE (widget);

  if (focus_is_inside (self))
    return direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD;

  return _kontor_table_focus_cursor (self);
}

/* Model */

static void update_select_all (KontorTable *self);

static void
on_items_changed_cb (KontorTable *self,
                     guint        position,
                     guint        removed,
                     guint        added,
                     GListModel  *model)
{
  guint n = g_list_model_get_n_items (model);
  guint cursor = self->cursor;

  kontor_ui_release_memory_soon ();

  /* rows after the change show the same items at other positions; those
   * in it are rebound in the next allocation, to the same widget when
   * their item stays on screen */
  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);

      if (row->position == G_MAXUINT || row->position < position)
        continue;
      if (row->position >= position + removed)
        row->position += added - removed;
      else
        release_row (self, row);
    }

  if (cursor != G_MAXUINT && cursor >= position)
    {
      if (cursor >= position + removed)
        cursor += added - removed;
      else if (added > 0)
        {
          /* the selection follows its item (GtkSingleSelection looks for
           * it): so does the cursor */
          g_autoptr(GtkBitset) selected =
            gtk_selection_model_get_selection_in_range (GTK_SELECTION_MODEL (model), position,
                                                        added);

          if (!gtk_bitset_is_empty (selected))
            cursor = gtk_bitset_get_minimum (selected);
        }
    }
  if (cursor != G_MAXUINT && cursor >= n)
    cursor = n > 0 ? n - 1 : G_MAXUINT;
  if (cursor != self->cursor)
    {
      self->cursor = cursor;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
    }
  /* Shift+click selects from the cursor again */
  if (self->anchor != G_MAXUINT && self->anchor >= position)
    self->anchor = G_MAXUINT;
  update_select_all (self);

  if (removed != added)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The header's check box: on when every row is selected, mixed when
 * some are. One look at the selection's bitset, whatever its size. */
static void
update_select_all (KontorTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  guint64 n_selected;
  guint n = _kontor_table_get_n_items (self);

  if (self->header == NULL || self->header->check == NULL)
    return;

  selected = self->model != NULL ? gtk_selection_model_get_selection (self->model)
                                 : gtk_bitset_new_empty ();
  n_selected = gtk_bitset_get_size (selected);
  _kontor_table_row_set_checked (self->header, n > 0 && n_selected >= n,
                                 n_selected > 0 && n_selected < n);
}

/* Only the rows on screen follow: a change of 100 000 selected rows
 * costs what one does. */
static void
on_selection_changed_cb (KontorTable       *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *model)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);

      if (row->position != G_MAXUINT &&
          row->position >= position && row->position < position + n_items)
        _kontor_table_row_set_selected (row, gtk_selection_model_is_selected (model,
                                                                              row->position));
    }
  update_select_all (self);
}

void
_kontor_table_emit_activate (KontorTable *self,
                             guint        position)
{
  g_signal_emit (self, signals[ACTIVATE], 0, position);
}

void
_kontor_table_emit_columns_changed (KontorTable *self)
{
  g_signal_emit (self, signals[COLUMNS_CHANGED], 0);
}

void
_kontor_table_sort_changed (KontorTable *self,
                            gboolean     column_changed,
                            gboolean     order_changed)
{
  if (column_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_COLUMN]);
  if (order_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
  g_signal_emit (self, signals[SORT_CHANGED], 0);
}

/* GObject */

static void
kontor_table_dispose (GObject *object)
{
  KontorTable *self = KONTOR_TABLE (object);

  kontor_table_set_model (self, NULL);
  _kontor_table_header_dispose (self);
  clear_rows (self);
  if (self->header != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->header));
  if (self->prototype != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->prototype));
  self->header = NULL;
  self->prototype = NULL;

  for (guint i = 0; i < self->columns->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->columns, i), self);
  g_ptr_array_set_size (self->columns, 0);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (kontor_table_parent_class)->dispose (object);
}

/* The window narrow (kontor_ui_window_is_narrow()): the table shows the
 * name only (_kontor_table_column_shown()); the notification of its
 * default-width comes before the next layout, so the columns change
 * outside a size allocation (src/README.md "The table") */
static void
update_narrow (KontorTable *self)
{
  gboolean narrow = kontor_ui_window_is_narrow (self->narrow_window);

  if (narrow == self->narrow)
    return;
  self->narrow = narrow;
  _kontor_table_columns_changed (self, TRUE);
}

static void
kontor_table_root (GtkWidget *widget)
{
  KontorTable *self = KONTOR_TABLE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (kontor_table_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->narrow_window = GTK_WINDOW (root);
      g_signal_connect_object (root, "notify::default-width", G_CALLBACK (update_narrow), self,
                               G_CONNECT_SWAPPED);
    }
  update_narrow (self);
}

static void
kontor_table_unroot (GtkWidget *widget)
{
  KontorTable *self = KONTOR_TABLE (widget);

  if (self->narrow_window != NULL)
    g_signal_handlers_disconnect_by_func (self->narrow_window, update_narrow, self);
  self->narrow_window = NULL;

  GTK_WIDGET_CLASS (kontor_table_parent_class)->unroot (widget);
}

/**
 * kontor_table_get_narrow:
 * @self: a table
 *
 * Returns: whether the table's window is narrow, the table showing only
 *   the columns that cannot be hidden (the name) while the others keep
 *   the user's choice for when it is wide again
 */
gboolean
kontor_table_get_narrow (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), FALSE);

  return self->narrow;
}

static void
kontor_table_finalize (GObject *object)
{
  KontorTable *self = KONTOR_TABLE (object);

  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->rows);
  g_free (self->col_x);
  g_free (self->col_width);
  g_free (self->sort_column);

  G_OBJECT_CLASS (kontor_table_parent_class)->finalize (object);
}

static void
kontor_table_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KontorTable *self = KONTOR_TABLE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SORT_COLUMN:
      g_value_set_string (value, self->sort_column);
      break;
    case PROP_SORT_ORDER:
      g_value_set_enum (value, self->sort_order);
      break;
    case PROP_CURSOR:
      g_value_set_uint (value, self->cursor);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_table_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KontorTable *self = KONTOR_TABLE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      kontor_table_set_model (self, g_value_get_object (value));
      break;
    case PROP_SORT_COLUMN:
      kontor_table_set_sort (self, g_value_get_string (value), self->sort_order);
      break;
    case PROP_SORT_ORDER:
      kontor_table_set_sort (self, self->sort_column, g_value_get_enum (value));
      break;
    case PROP_CURSOR:
      kontor_table_set_cursor (self, g_value_get_uint (value), FALSE);
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_table_class_init (KontorTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_table_dispose;
  object_class->finalize = kontor_table_finalize;
  object_class->get_property = kontor_table_get_property;
  object_class->set_property = kontor_table_set_property;

  widget_class->measure = kontor_table_measure;
  widget_class->size_allocate = kontor_table_size_allocate;
  widget_class->root = kontor_table_root;
  widget_class->unroot = kontor_table_unroot;
  widget_class->snapshot = kontor_table_snapshot;
  widget_class->css_changed = kontor_table_css_changed;
  widget_class->grab_focus = kontor_table_grab_focus;
  widget_class->focus = kontor_table_focus;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GTK_TYPE_SELECTION_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_COLUMN] =
    g_param_spec_string ("sort-column", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_ORDER] =
    g_param_spec_enum ("sort-order", NULL, NULL, GTK_TYPE_SORT_TYPE, GTK_SORT_ASCENDING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR] =
    g_param_spec_uint ("cursor", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * KontorTable::activate:
   * @self: the table
   * @position: the row's position
   *
   * A row was double-clicked, or Enter pressed on it.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * KontorTable::sort-changed:
   * @self: the table
   *
   * The sort column or order changed: the owner sorts the model.
   */
  signals[SORT_CHANGED] =
    g_signal_new ("sort-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KontorTable::columns-changed:
   * @self: the table
   *
   * A column was shown, hidden, moved or resized by dragging its title's
   * edge: for the owner to remember.
   */
  signals[COLUMNS_CHANGED] =
    g_signal_new ("columns-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  _kontor_table_input_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "kontortable");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
kontor_table_init (KontorTable *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new ();
  self->cursor = G_MAXUINT;
  self->anchor = G_MAXUINT;
  self->pending_first = G_MAXUINT;
  self->sort_order = GTK_SORT_ASCENDING;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  self->prototype = _kontor_table_row_new (self, FALSE, GTK_ACCESSIBLE_ROLE_NONE);
  gtk_widget_set_child_visible (GTK_WIDGET (self->prototype), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->prototype), GTK_WIDGET (self));
  self->header = _kontor_table_row_new (self, TRUE, GTK_ACCESSIBLE_ROLE_ROW);
  gtk_widget_set_parent (GTK_WIDGET (self->header), GTK_WIDGET (self));
  /* Translators: the accessible name of the row of column titles */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->header),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column Titles"), -1);

  _kontor_table_input_init (self);
  _kontor_table_header_init (self);
}

/**
 * kontor_table_new:
 *
 * Returns: (transfer floating): a new table, to put in a #GtkScrolledWindow
 */
GtkWidget *
kontor_table_new (void)
{
  return g_object_new (KONTOR_TYPE_TABLE, NULL);
}

/**
 * kontor_table_get_model:
 * @self: a table
 *
 * Returns: (transfer none) (nullable): the rows and their selection
 */
GtkSelectionModel *
kontor_table_get_model (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), NULL);

  return self->model;
}

/**
 * kontor_table_set_model:
 * @self: a table
 * @model: (nullable): the rows and their selection
 */
void
kontor_table_set_model (KontorTable       *self,
                        GtkSelectionModel *model)
{
  g_return_if_fail (KONTOR_IS_TABLE (self));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  clear_rows (self);
  g_set_object (&self->model, model);
  self->cursor = G_MAXUINT;
  self->anchor = G_MAXUINT;
  update_select_all (self);

  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "selection-changed", G_CALLBACK (on_selection_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * kontor_table_get_cursor:
 * @self: a table
 *
 * Returns: the position of the row the keyboard is on, or %G_MAXUINT
 */
guint
kontor_table_get_cursor (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), G_MAXUINT);

  return self->cursor;
}

/**
 * kontor_table_set_cursor:
 * @self: a table
 * @position: a row's position
 * @select: whether to select the row as well (and it only)
 *
 * Moves the keyboard's row, scrolls it on screen and, when the focus is in
 * the table, gives it the focus.
 */
void
kontor_table_set_cursor (KontorTable *self,
                         guint        position,
                         gboolean     select)
{
  g_return_if_fail (KONTOR_IS_TABLE (self));

  if (position >= _kontor_table_get_n_items (self))
    return;

  if (self->cursor != position)
    {
      self->cursor = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
    }
  if (select)
    {
      gtk_selection_model_select_item (self->model, position, TRUE);
      self->anchor = position;
    }

  kontor_table_scroll_to (self, position);
  if (focus_is_inside (self) && !_kontor_table_header_has_focus (self))
    _kontor_table_focus_cursor (self);
}

/**
 * kontor_table_move_cursor:
 * @self: a table
 * @step: %GTK_MOVEMENT_DISPLAY_LINES (Up, Down), %GTK_MOVEMENT_PAGES (Page Up,
 *   Page Down) or %GTK_MOVEMENT_BUFFER_ENDS (Home, End)
 * @count: how many steps, negative for up
 *
 * What the keys do: moves the cursor, selects its row and scrolls it into
 * view.
 */
void
kontor_table_move_cursor (KontorTable     *self,
                          GtkMovementStep  step,
                          int              count)
{
  guint n;
  gint64 target;

  g_return_if_fail (KONTOR_IS_TABLE (self));

  n = _kontor_table_get_n_items (self);
  if (n == 0)
    return;

  if (step == GTK_MOVEMENT_PAGES)
    count *= MAX (1, (int) (gtk_adjustment_get_page_size (self->vadjustment) /
                            MAX (self->row_height, 1)) - 1);

  if (step == GTK_MOVEMENT_BUFFER_ENDS)
    target = count < 0 ? 0 : (gint64) n - 1;
  else if (self->cursor == G_MAXUINT)
    target = 0;
  else
    target = CLAMP ((gint64) self->cursor + count, 0, (gint64) n - 1);

  kontor_table_set_cursor (self, (guint) target, TRUE);
}

/**
 * kontor_table_scroll_to:
 * @self: a table
 * @position: a row's position
 *
 * Scrolls as little as it takes to show the whole row.
 */
void
kontor_table_scroll_to (KontorTable *self,
                        guint        position)
{
  double top, value, page;

  g_return_if_fail (KONTOR_IS_TABLE (self));

  /* not measured yet: the row comes first on screen once it is */
  if (self->row_height <= 0)
    {
      self->pending_first = position;
      return;
    }

  top = (double) position * self->row_height;
  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);

  if (top < value)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (top + self->row_height > value + page)
    gtk_adjustment_set_value (self->vadjustment, top + self->row_height - page);
}

/**
 * kontor_table_get_row_widget:
 * @self: a table
 * @position: a row's position
 *
 * Returns: (transfer none) (nullable): the widget that shows the row at
 *   @position, if the row is on screen
 */
GtkWidget *
kontor_table_get_row_widget (KontorTable *self,
                             guint        position)
{
  KontorTableRow *row;

  g_return_val_if_fail (KONTOR_IS_TABLE (self), NULL);

  row = find_row (self, position);

  return row != NULL ? GTK_WIDGET (row) : NULL;
}

/**
 * kontor_table_count_row_widgets:
 * @self: a table
 *
 * Returns: how many row widgets the table has, shown or spare (for tests
 *   and benchmarks: it stays near the number of rows on screen)
 */
guint
kontor_table_count_row_widgets (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), 0);

  return self->rows->len;
}

/* Multiple selection (feature L6, src/README.md) */

/**
 * kontor_table_get_show_checks:
 * @self: a table
 *
 * Returns: whether the rows have check boxes and the table selects more
 *   than one row
 */
gboolean
kontor_table_get_show_checks (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), FALSE);

  return self->show_checks;
}

/**
 * kontor_table_set_show_checks:
 * @self: a table
 * @show_checks: whether to select more than one row
 *
 * For a model that selects more than one item: a check box at the start
 * of every row and one in the header that selects all rows or none;
 * Ctrl+click and Space toggle a row, Shift+click selects the rows from
 * the last one clicked, Ctrl+A selects all, Escape none. A plain click
 * and the arrow keys select one row, as without.
 */
void
kontor_table_set_show_checks (KontorTable *self,
                              gboolean     show_checks)
{
  g_return_if_fail (KONTOR_IS_TABLE (self));

  show_checks = !!show_checks;
  if (self->show_checks == (guint) show_checks)
    return;

  self->show_checks = show_checks;
  _kontor_table_row_show_check (self->header, show_checks);
  _kontor_table_row_show_check (self->prototype, show_checks);
  for (guint i = 0; i < self->rows->len; i++)
    {
      KontorTableRow *row = g_ptr_array_index (self->rows, i);

      _kontor_table_row_show_check (row, show_checks);
      if (row->position != G_MAXUINT && self->model != NULL)
        _kontor_table_row_set_selected (row, gtk_selection_model_is_selected (self->model,
                                                                              row->position));
    }
  update_select_all (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * kontor_table_get_row_check:
 * @self: a table
 * @position: a row's position
 *
 * Returns: (transfer none) (nullable): the check box of the row at
 *   @position, if the row is on screen and the table shows check boxes
 */
GtkWidget *
kontor_table_get_row_check (KontorTable *self,
                            guint        position)
{
  KontorTableRow *row;

  g_return_val_if_fail (KONTOR_IS_TABLE (self), NULL);

  row = find_row (self, position);

  return row != NULL ? row->check : NULL;
}

/**
 * kontor_table_get_select_all:
 * @self: a table
 *
 * Returns: (transfer none) (nullable): the header's check box, "Select
 *   All", if the table shows check boxes
 */
GtkWidget *
kontor_table_get_select_all (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), NULL);

  return self->header->check;
}

/* Whether @x of the table is on the check boxes' column */
gboolean
_kontor_table_in_checks (KontorTable *self,
                         double       x)
{
  return self->show_checks &&
         x + gtk_adjustment_get_value (self->hadjustment) < self->check_width;
}

/* Ctrl+click, Space, a click on a check box: the row in or out of the
 * selection, the others as they are; the cursor goes there */
void
_kontor_table_toggle (KontorTable *self,
                      guint        position)
{
  if (self->model == NULL || position >= _kontor_table_get_n_items (self))
    return;

  if (gtk_selection_model_is_selected (self->model, position))
    gtk_selection_model_unselect_item (self->model, position);
  else
    gtk_selection_model_select_item (self->model, position, FALSE);

  kontor_table_set_cursor (self, position, FALSE);
  self->anchor = position;
}

/* Shift+click: the rows from the anchor (the last row clicked, else the
 * cursor) to @position, alone or, with @extend (Ctrl as well), added */
void
_kontor_table_select_from_anchor (KontorTable *self,
                                  guint        position,
                                  gboolean     extend)
{
  guint n = _kontor_table_get_n_items (self);
  guint anchor = self->anchor != G_MAXUINT ? self->anchor : self->cursor;
  guint first, last;

  if (self->model == NULL || position >= n)
    return;
  if (anchor == G_MAXUINT || anchor >= n)
    anchor = position;

  first = MIN (anchor, position);
  last = MAX (anchor, position);
  gtk_selection_model_select_range (self->model, first, last - first + 1, !extend);

  kontor_table_set_cursor (self, position, FALSE);
  self->anchor = anchor;
}

/* The header's check box, Ctrl+A: all rows, or none when all were */
void
_kontor_table_toggle_all (KontorTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  guint n = _kontor_table_get_n_items (self);

  if (self->model == NULL || n == 0)
    return;

  selected = gtk_selection_model_get_selection (self->model);
  if (gtk_bitset_get_size (selected) >= n)
    gtk_selection_model_unselect_all (self->model);
  else
    gtk_selection_model_select_all (self->model);
}
