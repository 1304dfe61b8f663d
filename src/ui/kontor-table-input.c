/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-table"

#include "config.h"

#include "kontor-table-private.h"

/* What keys and clicks do in a KontorTable: Up/Down, Page Up/Down,
 * Home/End move the cursor (kontor_table_move_cursor()); Up from the
 * first row goes to the titles; Enter activates; Menu and Shift+F10 on a
 * title open the column menu; a click selects, a double click activates,
 * a right click on a title opens the column menu. With check boxes
 * (kontor_table_set_show_checks()): Ctrl+click, a click on a check box
 * and Space toggle a row, Shift+click selects a range, Ctrl+A all rows,
 * Escape none. See "Lists" in src/README.md. */

static gboolean
move_cursor_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  KontorTable *self = KONTOR_TABLE (widget);
  GtkMovementStep step;
  int count;

  g_variant_get (args, "(ii)", &step, &count);

  if (_kontor_table_get_n_items (self) == 0)
    return FALSE;

  /* from the titles, Down goes back to the rows */
  if (_kontor_table_header_has_focus (self))
    {
      if (step != GTK_MOVEMENT_DISPLAY_LINES || count != 1)
        return FALSE;
      _kontor_table_focus_cursor (self);
      return TRUE;
    }

  /* Up from the first row goes to the titles */
  if (step == GTK_MOVEMENT_DISPLAY_LINES && count == -1 && self->cursor == 0)
    {
      for (guint i = 0; i < self->columns->len; i++)
        {
          KontorTableColumn *column = g_ptr_array_index (self->columns, i);

          if (_kontor_table_column_shown (self, column))
            return gtk_widget_grab_focus (kontor_table_get_header_button (self, column));
        }
    }

  kontor_table_move_cursor (self, step, count);

  return TRUE;
}

static gboolean
activate_cursor_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  KontorTable *self = KONTOR_TABLE (widget);

  if (self->cursor == G_MAXUINT || self->cursor >= _kontor_table_get_n_items (self) ||
      _kontor_table_header_has_focus (self))
    return FALSE;

  _kontor_table_emit_activate (self, self->cursor);

  return TRUE;
}

static gboolean
scroll_sideways_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  KontorTable *self = KONTOR_TABLE (widget);
  int direction = g_variant_get_int32 (args);
  GtkWidget *focus = gtk_widget_get_focus_child (widget);

  /* among the titles, Left and Right go to the next one */
  if (focus == GTK_WIDGET (self->header))
    {
      gtk_widget_child_focus (focus, direction < 0 ? GTK_DIR_LEFT : GTK_DIR_RIGHT);
      return TRUE;
    }

  gtk_adjustment_set_value (self->hadjustment,
                            gtk_adjustment_get_value (self->hadjustment) +
                            direction * gtk_adjustment_get_step_increment (self->hadjustment));

  return TRUE;
}

static gboolean
column_menu_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  KontorTable *self = KONTOR_TABLE (widget);

  for (guint i = 0; i < self->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (self->columns, i);

      if (gtk_widget_has_focus (kontor_table_get_header_button (self, column)))
        {
          kontor_table_popup_column_menu (self, column);
          return TRUE;
        }
    }

  return FALSE;
}

static guint
position_at (KontorTable *self,
             double       y)
{
  double offset = y - self->header_height + gtk_adjustment_get_value (self->vadjustment);
  guint position;

  if (y < self->header_height || offset < 0 || self->row_height <= 0)
    return G_MAXUINT;

  position = (guint) (offset / self->row_height);

  return position < _kontor_table_get_n_items (self) ? position : G_MAXUINT;
}

/* A second press on the row within the double-click time. The gesture
 * counts presses too, but was seen to start over between the two presses
 * of a double click (under Xvfb, once the first had selected the row). */
static gboolean
is_second_press (KontorTable     *self,
                 GtkGestureClick *gesture,
                 int              n_press,
                 guint            position)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  guint32 time = event != NULL ? gdk_event_get_time (event) : 0;
  int double_click_time = 400;
  gboolean second;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-double-click-time", &double_click_time,
                NULL);
  second = n_press == 2 ||
           (self->last_press_position == position && self->last_press_time != 0 &&
            time - self->last_press_time <= (guint32) double_click_time);

  /* a third press is a first one again */
  self->last_press_time = second ? 0 : time;
  self->last_press_position = position;

  return second;
}

static void
on_click_pressed_cb (KontorTable     *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  guint position;

  if (y < self->header_height)
    {
      /* the header's check box: all rows or none */
      if (button == GDK_BUTTON_PRIMARY && _kontor_table_in_checks (self, x))
        {
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
          _kontor_table_toggle_all (self);
          return;
        }
      if (button == GDK_BUTTON_SECONDARY)
        {
          KontorTableColumn *column = _kontor_table_column_at (self, x, NULL);

          if (column != NULL)
            kontor_table_popup_column_menu (self, column);
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
        }
      return;
    }

  position = position_at (self, y);
  if (position == G_MAXUINT)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  if (button == GDK_BUTTON_PRIMARY && self->show_checks)
    {
      GdkModifierType state =
        gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

      /* a click on the check box or with Ctrl toggles the row, with Shift
       * selects from the anchor; neither opens the contact on a second
       * click */
      if ((state & GDK_SHIFT_MASK) != 0)
        _kontor_table_select_from_anchor (self, position, (state & GDK_CONTROL_MASK) != 0);
      else if ((state & GDK_CONTROL_MASK) != 0 || _kontor_table_in_checks (self, x))
        _kontor_table_toggle (self, position);

      if ((state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0 || _kontor_table_in_checks (self, x))
        {
          self->last_press_time = 0;
          _kontor_table_focus_cursor (self);
          return;
        }
    }

  kontor_table_set_cursor (self, position, TRUE);
  _kontor_table_focus_cursor (self);

  if (button == GDK_BUTTON_PRIMARY && is_second_press (self, gesture, n_press, position))
    _kontor_table_emit_activate (self, position);
}

/* Space: the cursor row in or out of the selection */
static gboolean
toggle_cursor_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  KontorTable *self = KONTOR_TABLE (widget);

  if (!self->show_checks || self->cursor == G_MAXUINT ||
      self->cursor >= _kontor_table_get_n_items (self) || _kontor_table_header_has_focus (self))
    return FALSE;

  _kontor_table_toggle (self, self->cursor);

  return TRUE;
}

/* Ctrl+A */
static gboolean
select_all_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  KontorTable *self = KONTOR_TABLE (widget);

  if (!self->show_checks || self->model == NULL)
    return FALSE;

  gtk_selection_model_select_all (self->model);

  return TRUE;
}

/* Escape: nothing selected any more; with nothing selected, Escape is
 * for others (the search) */
static gboolean
unselect_all_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  KontorTable *self = KONTOR_TABLE (widget);
  g_autoptr(GtkBitset) selected = NULL;

  if (!self->show_checks || self->model == NULL)
    return FALSE;

  selected = gtk_selection_model_get_selection (self->model);
  if (gtk_bitset_is_empty (selected))
    return FALSE;

  gtk_selection_model_unselect_all (self->model);

  return TRUE;
}

static void
add_move_binding (GtkWidgetClass  *widget_class,
                  guint            keyval,
                  GdkModifierType  modifiers,
                  GtkMovementStep  step,
                  int              count)
{
  guint keypad = keyval == GDK_KEY_Up ? GDK_KEY_KP_Up :
                 keyval == GDK_KEY_Down ? GDK_KEY_KP_Down :
                 keyval == GDK_KEY_Page_Up ? GDK_KEY_KP_Page_Up :
                 keyval == GDK_KEY_Page_Down ? GDK_KEY_KP_Page_Down :
                 keyval == GDK_KEY_Home ? GDK_KEY_KP_Home : GDK_KEY_KP_End;

  gtk_widget_class_add_binding (widget_class, keyval, modifiers, move_cursor_cb,
                                "(ii)", step, count);
  gtk_widget_class_add_binding (widget_class, keypad, modifiers, move_cursor_cb,
                                "(ii)", step, count);
}

static void
add_capture_key (GtkShortcutController *controller,
                 guint                  keyval,
                 GdkModifierType        modifiers,
                 GtkShortcutFunc        callback)
{
  GtkShortcutTrigger *trigger = gtk_keyval_trigger_new (keyval, modifiers);

  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (trigger,
                                                          gtk_callback_action_new (callback, NULL,
                                                                                   NULL)));
}

void
_kontor_table_input_class_init (GtkWidgetClass *widget_class)
{
  add_move_binding (widget_class, GDK_KEY_Up, 0, GTK_MOVEMENT_DISPLAY_LINES, -1);
  add_move_binding (widget_class, GDK_KEY_Down, 0, GTK_MOVEMENT_DISPLAY_LINES, 1);
  add_move_binding (widget_class, GDK_KEY_Page_Up, 0, GTK_MOVEMENT_PAGES, -1);
  add_move_binding (widget_class, GDK_KEY_Page_Down, 0, GTK_MOVEMENT_PAGES, 1);
  add_move_binding (widget_class, GDK_KEY_Home, 0, GTK_MOVEMENT_BUFFER_ENDS, -1);
  add_move_binding (widget_class, GDK_KEY_End, 0, GTK_MOVEMENT_BUFFER_ENDS, 1);
  add_move_binding (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, GTK_MOVEMENT_BUFFER_ENDS, -1);
  add_move_binding (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, GTK_MOVEMENT_BUFFER_ENDS, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, scroll_sideways_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, scroll_sideways_cb, "i", 1);
}

void
_kontor_table_input_init (KontorTable *self)
{
  GtkEventController *keys;
  GtkGesture *click;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* Enter and the column menu's keys before a search entry that
   * captures keys typed in the table (it would take them as its own) */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Return, 0, activate_cursor_cb);
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_ISO_Enter, 0, activate_cursor_cb);
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_Enter, 0, activate_cursor_cb);
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Menu, 0, column_menu_cb);
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_F10, GDK_SHIFT_MASK, column_menu_cb);
  /* and those of a multiple selection: Space would start a search */
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_space, 0, toggle_cursor_cb);
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_Space, 0, toggle_cursor_cb);
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_a, GDK_CONTROL_MASK, select_all_cb);
  add_capture_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Escape, 0, unselect_all_cb);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
