/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board-moves"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-board-private.h"
#include "kontor-field-change.h"
#include "kontor-record-write.h"
#include "kontor-store-lead.h"
#include "kontor-ui-utils.h"

/* How a board's cards move and where the focus goes:
 * kontor_board_move_contact(), the one way a card moves; the keyboard's
 * moves to the next column (Ctrl+Alt+←/→, Shift+Alt+←/→) and the cards'
 * "Move to" menu (board.move-card); Left and Right from card to card
 * across columns; and the focus kept on a moved card. */

/* How many frames to wait for a moved card's row before giving up */
#define PENDING_FOCUS_FRAMES 60

/* ------------------------------------------------------------------------ */
/* Focus */

static KontorBoardCard *
get_focused_card (KontorBoard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  card = KONTOR_IS_BOARD_CARD (focus) ? focus
                                      : gtk_widget_get_ancestor (focus, KONTOR_TYPE_BOARD_CARD);
  if (card == NULL || kontor_board_card_get_contact (KONTOR_BOARD_CARD (card)) == NULL)
    return NULL;

  return KONTOR_BOARD_CARD (card);
}

static KontorBoardColumn *
get_card_column (KontorBoardCard *card)
{
  GtkWidget *column = gtk_widget_get_ancestor (GTK_WIDGET (card), KONTOR_TYPE_BOARD_COLUMN);

  return column != NULL ? KONTOR_BOARD_COLUMN (column) : NULL;
}

/* Left and right as the user sees them, also in right-to-left languages */
static int
visual_delta (KontorBoard *self,
              int          delta)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -delta : delta;
}

static gboolean
on_pending_focus_tick_cb (GtkWidget     *widget,
                          GdkFrameClock *frame_clock,
                          gpointer       user_data)
{
  KontorBoard *self = KONTOR_BOARD (widget);
  KontorBoardColumn *column = kontor_board_find_column (self, self->pending_status_id);
  KontorBoardCard *card = NULL;

  if (column != NULL && self->pending_id != NULL)
    card = kontor_board_column_find_card (column, self->pending_id);

  if ((card == NULL || !gtk_widget_get_mapped (GTK_WIDGET (card))) &&
      ++self->pending_ticks < PENDING_FOCUS_FRAMES)
    return G_SOURCE_CONTINUE;

  if (card != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (card));

  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->pending_status_id, g_free);
  self->pending_tick_id = 0;

  return G_SOURCE_REMOVE;
}

/**
 * _kontor_board_focus_card_later:
 * @self: a board
 * @contact_id: a contact that was just moved
 *
 * Scrolls the contact's column to it and gives its card the focus once the
 * column has made it (X4: focus stays on the moved card).
 */
void
_kontor_board_focus_card_later (KontorBoard *self,
                                const char  *contact_id)
{
  g_autoptr(KontorContact) contact = NULL;
  g_autofree char *status_id = NULL;
  KontorBoardColumn *column;
  guint position;

  g_return_if_fail (KONTOR_IS_BOARD (self));
  g_return_if_fail (contact_id != NULL);

  contact = kontor_store_load (kontor_context_get_store (self->context), KONTOR_TYPE_CONTACT,
                               contact_id, NULL);
  if (contact == NULL || !_kontor_board_dup_place (self, contact, &status_id, NULL))
    return;
  column = kontor_board_find_column (self, status_id);
  if (column == NULL)
    return;

  position = kontor_record_list_find_rowid (kontor_board_column_get_list (column),
                                            kontor_record_get_rowid (KONTOR_RECORD (contact)));
  if (position != G_MAXUINT)
    _kontor_board_column_scroll_to (column, position);

  g_free (self->pending_id);
  self->pending_id = g_strdup (contact_id);
  g_free (self->pending_status_id);
  self->pending_status_id = g_strdup (kontor_board_column_get_status_id (column));
  self->pending_ticks = 0;
  if (self->pending_tick_id == 0)
    self->pending_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                          on_pending_focus_tick_cb, NULL, NULL);
}

void
_kontor_board_remember_focus (KontorBoard *self,
                              const char  *contact_id)
{
  g_return_if_fail (KONTOR_IS_BOARD (self));

  if (g_strcmp0 (self->focus_id, contact_id) == 0)
    return;

  g_free (self->focus_id);
  self->focus_id = g_strdup (contact_id);
}

static void
focus_neighbour_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorBoard *self = KONTOR_BOARD (widget);
  KontorBoardCard *card = get_focused_card (self);
  KontorBoardColumn *column = card != NULL ? get_card_column (card) : NULL;
  int delta = visual_delta (self, g_str_equal (action_name, "board.focus-left") ? -1 : 1);
  graphene_point_t center;
  float middle;

  if (column == NULL)
    return;

  middle = gtk_widget_get_height (GTK_WIDGET (card)) / 2.f;
  if (!gtk_widget_compute_point (GTK_WIDGET (card), widget, &GRAPHENE_POINT_INIT (0, middle),
                                 &center))
    return;

  /* to the card at about the same height in the next column that has any */
  for (KontorBoardColumn *next = _kontor_board_get_neighbour (self, column, delta);
       next != NULL;
       next = _kontor_board_get_neighbour (self, next, delta))
    {
      KontorBoardCard *target = _kontor_board_column_find_card_near (next, center.y, widget);

      if (target != NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (target));
          return;
        }
    }

  gtk_widget_error_bell (widget);
}

static gboolean
on_key_pressed_cb (KontorBoard           *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  g_assert (KONTOR_IS_BOARD (self));

  /* Left and Right on a card go to the next column; the grid views would
   * take them (or do nothing with them) otherwise. Only on the card itself:
   * inside a popover or on a card's buttons, arrows keep their meaning. */
  if (!KONTOR_IS_BOARD_CARD (focus) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return gtk_widget_activate_action (GTK_WIDGET (self), "board.focus-left", NULL);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return gtk_widget_activate_action (GTK_WIDGET (self), "board.focus-right", NULL);
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* Moves */

static KontorContact *
dup_first_other (KontorBoardColumn *column,
                 const char        *contact_id)
{
  GListModel *list = G_LIST_MODEL (kontor_board_column_get_list (column));

  for (guint i = 0; i < g_list_model_get_n_items (list) && i < 2; i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (list, i);

      if (g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (contact)), contact_id) != 0)
        return g_steal_pointer (&contact);
    }

  return NULL;
}

/* Moves a contact to the top of a column: where the keyboard and the "Move
 * to" menu put it, in view at once */
static gboolean
move_to_top (KontorBoard   *self,
             KontorContact *contact,
             const char    *status_id)
{
  KontorBoardColumn *column = kontor_board_find_column (self, status_id);
  const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
  KontorRecordList *list;
  g_autoptr(KontorContact) first = NULL;
  g_autoptr(KontorContact) top = NULL;

  if (column == NULL)
    return FALSE;

  /* a hidden column's list waits for changes: its top must be today's */
  list = kontor_board_column_get_list (column);
  if (kontor_record_list_get_paused (list))
    kontor_record_list_refresh (list, NULL);

  top = g_list_model_get_item (G_LIST_MODEL (list), 0);
  if (top != NULL && g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (top)), id) == 0)
    return FALSE;

  first = dup_first_other (column, id);

  return kontor_board_move_contact (self, contact, status_id, NULL, first);
}

static void
move_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KontorBoard *self = KONTOR_BOARD (widget);
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  const char *contact_id;
  const char *status_id;

  g_variant_get (parameter, "(&s&s)", &contact_id, &status_id);

  contact = kontor_store_load (kontor_context_get_store (self->context), KONTOR_TYPE_CONTACT,
                               contact_id, &error);
  if (contact == NULL)
    {
      g_warning ("Could not move a card: %s", error->message);
      return;
    }

  move_to_top (self, contact, status_id);
}

static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/**
 * _kontor_board_dup_move_menu:
 * @self: a board
 * @contact: (nullable): the contact of a card
 * @column: (nullable): the card's column
 *
 * The menu of a card's "Move to" button: the other columns
 * (board.move-card), and the window's delete.
 *
 * Returns: (transfer full): the menu
 */
GMenuModel *
_kontor_board_dup_move_menu (KontorBoard       *self,
                             KontorContact     *contact,
                             KontorBoardColumn *column)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  g_return_val_if_fail (KONTOR_IS_BOARD (self), G_MENU_MODEL (menu));

  for (guint i = 0; contact != NULL && i < kontor_board_get_n_columns (self); i++)
    {
      KontorBoardColumn *other = kontor_board_get_column (self, i);
      KontorRecord *status = kontor_board_column_get_status (other);
      g_autofree char *name = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (other == column)
        continue;

      name = kontor_record_dup_display_name (status);
      label = escape_mnemonic (name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "board.move-card", "(ss)",
                                         kontor_record_get_id (KONTOR_RECORD (contact)),
                                         kontor_record_get_id (status));
      g_menu_append_item (section, item);
    }

  g_menu_append_section (menu, _("Move To"), G_MENU_MODEL (section));

  /* a lead project's card takes the lead off the board, not the contact
   * out of the database */
  if (contact != NULL && self->project != NULL)
    {
      g_autoptr(GMenu) remove = g_menu_new ();
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Remove from Lead Project"), NULL);

      g_menu_item_set_action_and_target (item, "board.remove-lead", "s",
                                         kontor_record_get_id (KONTOR_RECORD (contact)));
      g_menu_append_item (remove, item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
    }
  /* the window's, as from the table and the contact's page */
  else if (contact != NULL)
    {
      g_autoptr(GMenu) delete = g_menu_new ();
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete…"), NULL);

      g_menu_item_set_action_and_target (item, "win.delete-contact", "s",
                                         kontor_record_get_id (KONTOR_RECORD (contact)));
      g_menu_append_item (delete, item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (delete));
    }

  return G_MENU_MODEL (menu);
}

/* Deletes the contact's lead entry in the board's project, undoably; its
 * follow-ups stay on the contact (README "Lead projects") */
static void
remove_lead_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KontorBoard *self = KONTOR_BOARD (widget);
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorRecordWrite) write = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  const char *contact_id = g_variant_get_string (parameter, NULL);

  if (self->project == NULL || !kontor_context_can_edit (self->context))
    return;

  contact = kontor_store_load (store, KONTOR_TYPE_CONTACT, contact_id, NULL);
  entry = kontor_store_find_lead_entry (store,
                                        kontor_record_get_id (KONTOR_RECORD (self->project)),
                                        contact_id, NULL);
  if (contact == NULL || entry == NULL)
    return;

  name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  /* Translators: a toast; %s is a contact's name, then a lead project's */
  title = g_strdup_printf (_("“%s” removed from “%s”"), name,
                           kontor_lead_project_get_name (self->project));
  write = kontor_record_write_new_delete (store, KONTOR_RECORD (entry), title);
  kontor_ui_run_operation (widget, self->context, KONTOR_OPERATION (write));
}

static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KontorBoard *self = KONTOR_BOARD (widget);
  KontorBoardCard *card = get_focused_card (self);
  KontorBoardColumn *column = card != NULL ? get_card_column (card) : NULL;
  int delta = visual_delta (self, g_str_equal (action_name, "board.move-left") ? -1 : 1);
  KontorBoardColumn *target;
  KontorContact *contact;

  if (column == NULL)
    return;

  target = _kontor_board_get_neighbour (self, column, delta);
  if (target == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  contact = kontor_board_card_get_contact (card);
  gtk_widget_activate_action (widget, "board.move-card", "(ss)",
                              kontor_record_get_id (KONTOR_RECORD (contact)),
                              kontor_board_column_get_status_id (target));
}

/* ------------------------------------------------------------------------ */
/* Public */

/**
 * kontor_board_move_contact:
 * @self: a board
 * @contact: a contact on the board
 * @status_id: the pipeline status (column) it goes to
 * @before: (nullable): the card it lands after, %NULL for the top
 * @after: (nullable): the card it lands before, %NULL for the end
 *
 * The one way a card moves (features P4, X4, src/README.md), whether dragged, moved with
 * Ctrl+Alt+←/→ or from its "Move to" menu: the contact gets @status_id
 * and a rank between its new neighbours', in one store transaction with
 * its outbox entries; nothing else is written. On a lead project's board
 * the contact's entry gets them instead, and the contact is not written.
 * The toast names the contact and the column and offers Undo. Afterwards
 * the moved card has the focus, and its accessible name names its new
 * column.
 *
 * Returns: %TRUE when the card moved
 */
gboolean
kontor_board_move_contact (KontorBoard   *self,
                           KontorContact *contact,
                           const char    *status_id,
                           KontorContact *before,
                           KontorContact *after)
{
  g_autoptr(KontorFieldChange) change = NULL;
  KontorBoardColumn *column;
  g_autofree char *from_id = NULL;
  g_autofree char *before_rank = NULL;
  g_autofree char *after_rank = NULL;
  g_autofree char *name = NULL;
  g_autofree char *column_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  gboolean moved;

  g_return_val_if_fail (KONTOR_IS_BOARD (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (status_id != NULL, FALSE);
  g_return_val_if_fail (before == NULL || KONTOR_IS_CONTACT (before), FALSE);
  g_return_val_if_fail (after == NULL || KONTOR_IS_CONTACT (after), FALSE);

  if (!kontor_context_can_edit (self->context) ||
      !_kontor_board_dup_place (self, contact, &from_id, NULL))
    return FALSE;
  if (before != NULL)
    _kontor_board_dup_place (self, before, NULL, &before_rank);
  if (after != NULL)
    _kontor_board_dup_place (self, after, NULL, &after_rank);

  column = kontor_board_find_column (self, status_id);
  name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  if (column != NULL)
    column_name = kontor_record_dup_display_name (
      kontor_board_column_get_status (column));
  else
    column_name = g_strdup ("?");
  if (g_strcmp0 (from_id, status_id) == 0)
    /* Translators: a toast after a card was moved up or down in its column;
     * %s is a contact's name, then the column's */
    title = g_strdup_printf (_("“%s” moved within “%s”"), name, column_name);
  else
    /* Translators: a toast after a card was moved to another column; %s is a
     * contact's name, then the column's */
    title = g_strdup_printf (_("“%s” moved to “%s”"), name, column_name);

  if (self->project != NULL)
    {
      g_autoptr(KontorLeadEntry) entry = NULL;
      g_autoptr(GError) error = NULL;

      entry = kontor_store_find_lead_entry (kontor_context_get_store (self->context),
                                            kontor_record_get_id (KONTOR_RECORD (self->project)),
                                            kontor_record_get_id (KONTOR_RECORD (contact)),
                                            &error);
      if (entry == NULL)
        return FALSE;
      change = kontor_field_change_new_lead_move (kontor_context_get_store (self->context),
                                                  entry, status_id, before_rank, after_rank,
                                                  title);
    }
  else
    change = kontor_field_change_new_move (kontor_context_get_store (self->context), contact,
                                           status_id, before_rank, after_rank, title);

  /* the contact object may be one a view drops while it refreshes */
  id = g_strdup (kontor_record_get_id (KONTOR_RECORD (contact)));
  moved = kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change));
  if (moved)
    _kontor_board_focus_card_later (self, id);

  return moved;
}

/**
 * kontor_board_focus:
 * @self: a board
 *
 * Gives the focus to the card that had it last, or the first card.
 *
 * Returns: %TRUE when a card took the focus
 */
gboolean
kontor_board_focus (KontorBoard *self)
{
  KontorBoardCard *card = NULL;

  g_return_val_if_fail (KONTOR_IS_BOARD (self), FALSE);

  if (self->focus_id != NULL)
    card = kontor_board_find_card (self, self->focus_id);
  if (card != NULL && gtk_widget_get_mapped (GTK_WIDGET (card)))
    return gtk_widget_grab_focus (GTK_WIDGET (card));

  for (guint i = 0; i < self->columns->len; i++)
    {
      if (_kontor_board_column_focus_first (g_ptr_array_index (self->columns, i)))
        return TRUE;
    }

  return FALSE;
}

/* ------------------------------------------------------------------------ */

void
_kontor_board_class_init_moves (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "board.move-card", "(ss)", move_card_action);
  gtk_widget_class_install_action (widget_class, "board.remove-lead", "s", remove_lead_action);
  gtk_widget_class_install_action (widget_class, "board.move-left", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "board.move-right", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "board.focus-left", NULL,
                                   focus_neighbour_action);
  gtk_widget_class_install_action (widget_class, "board.focus-right", NULL,
                                   focus_neighbour_action);

  /* GNOME Shell on Debian 12 switches workspaces with Ctrl+Alt+←/→ (the
   * app never sees them there): Shift+Alt+←/→ does the same */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left,
                                       GDK_CONTROL_MASK | GDK_ALT_MASK, "board.move-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right,
                                       GDK_CONTROL_MASK | GDK_ALT_MASK, "board.move-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left,
                                       GDK_SHIFT_MASK | GDK_ALT_MASK, "board.move-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right,
                                       GDK_SHIFT_MASK | GDK_ALT_MASK, "board.move-right", NULL);
}

void
_kontor_board_init_moves (KontorBoard *self)
{
  GtkEventController *keys;

  /* before the focused grid view sees the arrows */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
