/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-table-private.h"

/* The titles of a KontorTable: a button per visible column with the sort
 * arrow (a click sorts by the column, another click reverses), the column
 * menu (right click, or Menu / Shift+F10 on a title: show and hide
 * columns, move one left or right) and resizing by dragging a title's
 * right edge. The table only tells what to sort by; see "Lists" in
 * src/README.md. */

#define RESIZE_MIN_WIDTH 32

static KontorTableColumn *
get_button_column (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "kontor-table-column");
}

static void
on_title_clicked_cb (GtkButton   *button,
                     KontorTable *table)
{
  KontorTableColumn *column = get_button_column (GTK_WIDGET (button));
  const char *id = kontor_table_column_get_id (column);
  GtkSortType order = GTK_SORT_ASCENDING;

  if (!kontor_table_column_get_sortable (column))
    return;

  if (g_strcmp0 (table->sort_column, id) == 0)
    order = table->sort_order == GTK_SORT_ASCENDING ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;

  kontor_table_set_sort (table, id, order);
}

/* Returns: the title of @column: a button whose child is its label and the sort arrow */
GtkWidget *
_kontor_table_header_button_new (KontorTable       *table,
                                 KontorTableColumn *column)
{
  const char *title = kontor_table_column_get_title (column);
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                                    NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *arrow = gtk_image_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_visible (arrow, FALSE);
  gtk_widget_add_css_class (arrow, "sort-indicator");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "title");

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data (G_OBJECT (button), "kontor-table-column", column);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_title_clicked_cb), table, 0);

  return button;
}

/* Shows the sort arrow on the title of the sort column. */
void
_kontor_table_header_update (KontorTable *table)
{
  for (guint i = 0; i < table->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (table->columns, i);
      GtkWidget *button = kontor_table_get_header_button (table, column);
      GtkWidget *arrow = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (button)));
      gboolean sorted = g_strcmp0 (table->sort_column, kontor_table_column_get_id (column)) == 0;
      gboolean descending = table->sort_order == GTK_SORT_DESCENDING;
      GtkAccessibleSort sort = !sorted ? GTK_ACCESSIBLE_SORT_NONE
                               : descending ? GTK_ACCESSIBLE_SORT_DESCENDING
                               : GTK_ACCESSIBLE_SORT_ASCENDING;
      g_autofree char *action = g_strconcat ("show-", kontor_table_column_get_id (column), NULL);

      gtk_widget_set_visible (arrow, sorted);
      if (sorted)
        gtk_image_set_from_icon_name (GTK_IMAGE (arrow),
                                      descending ? "pan-down-symbolic" : "pan-up-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_SORT, sort,
                                      -1);

      /* the column menu's check box follows the column */
      g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                   G_ACTION_MAP (table->column_actions), action)),
                                 g_variant_new_boolean (kontor_table_column_get_visible (column)));
    }
}

static void
on_show_column_change_state_cb (GSimpleAction *action,
                                GVariant      *state,
                                gpointer       user_data)
{
  KontorTableColumn *column = user_data;

  g_simple_action_set_state (action, state);
  kontor_table_column_set_visible (column, g_variant_get_boolean (state));
}

/* A check box in the column menu for @column. */
void
_kontor_table_header_add_column (KontorTable       *table,
                                 KontorTableColumn *column)
{
  g_autofree char *name = g_strconcat ("show-", kontor_table_column_get_id (column), NULL);
  g_autoptr(GSimpleAction) action =
    g_simple_action_new_stateful (name, NULL,
                                  g_variant_new_boolean (kontor_table_column_get_visible (column)));

  g_signal_connect_object (action, "change-state", G_CALLBACK (on_show_column_change_state_cb),
                           column, 0);
  g_object_bind_property (column, "hideable", action, "enabled", G_BINDING_SYNC_CREATE);
  g_action_map_add_action (G_ACTION_MAP (table->column_actions), G_ACTION (action));
}

/* The visible column next to the menu's column in @direction, or -1 */
static int
find_neighbour (KontorTable *table,
                int          direction)
{
  guint index;

  if (table->menu_column == NULL ||
      !g_ptr_array_find (table->columns, table->menu_column, &index))
    return -1;

  for (int i = (int) index + direction; i >= 0 && i < (int) table->columns->len; i += direction)
    {
      if (_kontor_table_column_shown (table, g_ptr_array_index (table->columns, i)))
        return i;
    }

  return -1;
}

static void
move_column_activate_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  KontorTable *table = user_data;
  int direction = g_str_equal (g_action_get_name (G_ACTION (action)), "move-left") ? -1 : 1;
  int target = find_neighbour (table, direction);

  if (target >= 0)
    kontor_table_move_column (table, table->menu_column, target);
}

static void
update_move_actions (KontorTable *table)
{
  GAction *left = g_action_map_lookup_action (G_ACTION_MAP (table->column_actions), "move-left");
  GAction *right = g_action_map_lookup_action (G_ACTION_MAP (table->column_actions), "move-right");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (left), find_neighbour (table, -1) >= 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (right), find_neighbour (table, 1) >= 0);
}

static GMenuModel *
build_menu (KontorTable *table)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) columns = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();

  for (guint i = 0; i < table->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *action = g_strconcat ("table.show-", kontor_table_column_get_id (column),
                                             NULL);

      g_menu_append (columns, kontor_table_column_get_title (column), action);
    }
  g_menu_append_section (menu, _("Columns"), G_MENU_MODEL (columns));

  g_menu_append (move, _("Move _Left"), "table.move-left");
  g_menu_append (move, _("Move _Right"), "table.move-right");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));

  return G_MENU_MODEL (menu);
}

/**
 * kontor_table_popup_column_menu:
 * @self: a table
 * @column: the column whose title opens it
 *
 * Opens the column menu at the title of @column: what a right click on
 * it does, or Menu / Shift+F10 while it has the focus.
 */
void
kontor_table_popup_column_menu (KontorTable       *self,
                                KontorTableColumn *column)
{
  g_autoptr(GMenuModel) menu = NULL;
  GtkWidget *button;

  g_return_if_fail (KONTOR_IS_TABLE (self));
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (column));

  button = kontor_table_get_header_button (self, column);
  self->menu_column = column;
  update_move_actions (self);

  menu = build_menu (self);
  if (self->column_menu == NULL)
    self->column_menu = gtk_popover_menu_new_from_model (menu);
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->column_menu), menu);

  /* a child of the title, as a screen reader expects it */
  if (gtk_widget_get_parent (self->column_menu) != button)
    {
      if (gtk_widget_get_parent (self->column_menu) != NULL)
        gtk_widget_unparent (self->column_menu);
      gtk_widget_set_parent (self->column_menu, button);
    }
  gtk_popover_popup (GTK_POPOVER (self->column_menu));
}

/**
 * kontor_table_set_sort:
 * @self: a table
 * @column_id: (nullable): the id of the column to sort by
 * @order: the order
 *
 * Shows the sort arrow on the column's title and emits
 * #KontorTable::sort-changed when something changed: what a click on a
 * title does.
 */
void
kontor_table_set_sort (KontorTable *self,
                       const char  *column_id,
                       GtkSortType  order)
{
  gboolean column_changed, order_changed;

  g_return_if_fail (KONTOR_IS_TABLE (self));

  column_changed = g_strcmp0 (self->sort_column, column_id) != 0;
  order_changed = order != self->sort_order;
  if (!column_changed && !order_changed)
    return;

  if (column_changed)
    {
      g_free (self->sort_column);
      self->sort_column = g_strdup (column_id);
    }
  self->sort_order = order;

  _kontor_table_header_update (self);
  _kontor_table_sort_changed (self, column_changed, order_changed);
}

/**
 * kontor_table_get_sort_column:
 * @self: a table
 *
 * Returns: (nullable): the id of the column the rows are sorted by
 */
const char *
kontor_table_get_sort_column (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), NULL);

  return self->sort_column;
}

GtkSortType
kontor_table_get_sort_order (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), GTK_SORT_ASCENDING);

  return self->sort_order;
}

/* Resizing */

/* Returns: (nullable): the column whose right edge among the titles is
 * at @x, @y, if it can be resized */
static KontorTableColumn *
resizable_edge_at (KontorTable *table,
                   double       x,
                   double       y)
{
  gboolean at_edge = FALSE;
  KontorTableColumn *column = NULL;

  if (y < table->header_height)
    column = _kontor_table_column_at (table, x, &at_edge);

  return column != NULL && at_edge && kontor_table_column_get_resizable (column) ? column : NULL;
}

static void
on_resize_drag_begin_cb (KontorTable    *table,
                         double          x,
                         double          y,
                         GtkGestureDrag *gesture)
{
  KontorTableColumn *column = resizable_edge_at (table, x, y);

  if (column == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  table->resizing = column;
  table->resize_start_width = table->col_width[_kontor_table_column_get_slot (column)];
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_resize_drag_update_cb (KontorTable    *table,
                          double          dx,
                          double          dy,
                          GtkGestureDrag *gesture)
{
  if (table->resizing == NULL)
    return;

  kontor_table_column_set_fixed_width (table->resizing,
                                       MAX (RESIZE_MIN_WIDTH,
                                            table->resize_start_width + (int) dx));
}

static void
on_resize_drag_end_cb (KontorTable    *table,
                       double          dx,
                       double          dy,
                       GtkGestureDrag *gesture)
{
  if (table->resizing == NULL)
    return;

  table->resizing = NULL;
  /* for the owner to remember the width */
  _kontor_table_emit_columns_changed (table);
}

static void
on_motion_cb (KontorTable              *table,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  gboolean edge = table->resizing != NULL || resizable_edge_at (table, x, y) != NULL;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (table), edge ? "col-resize" : NULL);
}

gboolean
_kontor_table_header_has_focus (KontorTable *table)
{
  return gtk_widget_get_focus_child (GTK_WIDGET (table)) == GTK_WIDGET (table->header);
}

void
_kontor_table_header_init (KontorTable *table)
{
  static const GActionEntry entries[] = {
    { "move-left", move_column_activate_cb },
    { "move-right", move_column_activate_cb },
  };
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  table->column_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (table->column_actions), entries,
                                   G_N_ELEMENTS (entries), table);
  gtk_widget_insert_action_group (GTK_WIDGET (table), "table",
                                  G_ACTION_GROUP (table->column_actions));

  /* before the title's own click: a drag at its edge is no click */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_resize_drag_begin_cb), table,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_resize_drag_update_cb), table,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_resize_drag_end_cb), table,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (table), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), table,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (table), motion);
}

void
_kontor_table_header_dispose (KontorTable *table)
{
  /* always parented to a title, from its first popup on */
  g_clear_pointer (&table->column_menu, gtk_widget_unparent);
  table->menu_column = NULL;
  g_clear_object (&table->column_actions);
}
