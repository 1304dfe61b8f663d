/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board-card"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-board-card-face.h"
#include "kontor-board-private.h"
#include "kontor-date-button.h"
#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-ui-utils.h"
#include "kontor-user-chooser.h"

/**
 * KontorBoardCard:
 *
 * One contact on the pipeline board (feature P3, src/README.md): the name, by choice job
 * title, company and sales reps, the last activity and the done ones as
 * bubbles by kind, the due date ("Fälligkeitsdatum", red when past) and
 * the assignee's initials in a coloured circle, or an assign button when
 * nobody is assigned. New, unhandled contacts are marked red until
 * someone handles them.
 *
 * A card is the child of a #GtkListItem and is recycled as its column
 * scrolls, so everything it shows comes from the contact bound to it. It
 * is what keyboard focus lands on, it drags its contact (the model
 * object, never itself: src/README.md "Models feeding views") and takes drops before or after
 * itself. Until it is needed it is one widget that draws what it shows
 * (kontor-board-card-face.c), then its template's widgets (see
 * _kontor_board_card_make_full()). Its buttons are made when the pointer or the focus first comes
 * to it (_kontor_board_card_arm()), their popovers and the "Move to" menu
 * when first opened: GTK 4.8 makes a card for every contact scrolled into
 * view, and most are only looked at.
 */
struct _KontorBoardCard
{
  GtkWidget          parent_instance;

  KontorBoard       *board;        /* unowned: the board outlives its cards */
  KontorBoardColumn *column;       /* unowned, while bound */
  GtkListItem       *list_item;    /* unowned, while bound */
  KontorContact     *contact;
  GtkDragSource     *drag_source;
  double             drag_x;
  double             drag_y;
  KontorUserChooser *users;        /* in the assign popover, once made */
  GtkLabel          *users_note;
  KontorBoardCardFace face;

  GtkWidget         *box;
  GtkInscription    *name_label;
  GtkLabel          *new_badge;
  GtkLabel          *stale_badge;
  gboolean           armed;
  GtkMenuButton     *assign_button;  /* these four once armed */
  KontorDateButton  *due_button;
  GtkButton         *edit_button;
  GtkMenuButton     *move_button;
  GtkWidget         *assign_box;
  GtkWidget         *due_box;
  GtkWidget         *edit_icon;
  GtkWidget         *move_icon;
  GtkLabel          *avatar_label;
  GtkLabel          *avatar_more;
  GtkImage          *assign_image;
  GtkInscription    *job_title_label;
  GtkInscription    *company_label;
  GtkInscription    *sales_rep_label;
  GtkInscription    *value_label;
  GtkInscription    *activity_label;
  GtkWidget         *activity_row;
  GtkWidget         *done_box;     /* the bubbles (feature P3), by kind: */
  GtkWidget         *done_dots[KONTOR_ACTIVITY_N_KINDS];
  GtkWidget         *done_counts[KONTOR_ACTIVITY_N_KINDS];
  GtkLabel          *due_label;
  GtkLabel          *age_label;
};

G_DEFINE_FINAL_TYPE (KontorBoardCard, kontor_board_card, GTK_TYPE_WIDGET)


static KontorContext *
get_context (KontorBoardCard *self)
{
  return kontor_board_get_context (self->board);
}

/* Shows @text in a label or an inscription, hidden when there is none */
static void
set_optional_label (gpointer    widget,
                    const char *text)
{
  if (GTK_IS_INSCRIPTION (widget))
    gtk_inscription_set_text (widget, text);
  else
    gtk_label_set_label (widget, text);
  gtk_widget_set_visible (widget, text != NULL);
}

static PangoAttrList *
overdue_attributes (void)
{
  static PangoAttrList *attributes;

  if (attributes == NULL)
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    }

  return attributes;
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/**
 * _kontor_board_card_show_face:
 * @self: a full card
 * @face: what it shows
 *
 * Puts @face into the card's widgets.
 */
void
_kontor_board_card_show_face (KontorBoardCard           *self,
                              const KontorBoardCardFace *face)
{
  static const guint classes = 8;
  const char * const *texts = (const char * const *) face->texts;

  set_css_class (GTK_WIDGET (self), "new", face->is_new);
  set_css_class (GTK_WIDGET (self), "stale", face->stale);
  set_css_class (GTK_WIDGET (self), "conflict", face->conflict);
  if (self->box == NULL)
    return;

  gtk_inscription_set_text (self->name_label, texts[KONTOR_CARD_PART_NAME]);
  gtk_widget_set_visible (GTK_WIDGET (self->new_badge), face->is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->stale_badge), face->stale);
  set_optional_label (self->job_title_label, texts[KONTOR_CARD_PART_JOB_TITLE]);
  set_optional_label (self->company_label, texts[KONTOR_CARD_PART_COMPANY]);
  set_optional_label (self->sales_rep_label, texts[KONTOR_CARD_PART_SALES_REP]);
  set_optional_label (self->value_label, texts[KONTOR_CARD_PART_VALUE]);
  set_optional_label (self->activity_label, texts[KONTOR_CARD_PART_ACTIVITY]);
  set_optional_label (self->age_label, texts[KONTOR_CARD_PART_AGE]);
  set_optional_label (self->due_label, texts[KONTOR_CARD_PART_DUE]);
  set_css_class (self->due_box, "overdue", face->overdue);
  /* bold at once, as .overdue makes it only once GTK works out the styles
   * in a frame: the prototype measures the date right away */
  gtk_label_set_attributes (self->due_label, face->overdue ? overdue_attributes () : NULL);
  set_optional_label (self->avatar_label, texts[KONTOR_CARD_PART_AVATAR]);
  set_optional_label (self->avatar_more, texts[KONTOR_CARD_PART_AVATAR_MORE]);
  gtk_widget_set_visible (GTK_WIDGET (self->assign_image), texts[KONTOR_CARD_PART_AVATAR] == NULL);
  for (guint i = 0; i < classes; i++)
    {
      g_autofree char *color_class = g_strdup_printf ("user-color-%u", i);

      set_css_class (GTK_WIDGET (self->avatar_label), color_class, (int) i == face->color_index);
    }
  _kontor_board_card_face_show_bubbles (face, self->activity_row, self->done_dots,
                                        self->done_counts);
}

/**
 * _kontor_board_card_get_part:
 * @self: a full card
 * @part: which part
 *
 * Returns: (transfer none) (nullable): the widget that shows @part
 */
GtkWidget *
_kontor_board_card_get_part (KontorBoardCard *self,
                             KontorCardPart   part)
{
  GtkWidget *parts[KONTOR_CARD_N_PARTS] = {
    [KONTOR_CARD_PART_NAME] = GTK_WIDGET (self->name_label),
    [KONTOR_CARD_PART_JOB_TITLE] = GTK_WIDGET (self->job_title_label),
    [KONTOR_CARD_PART_COMPANY] = GTK_WIDGET (self->company_label),
    [KONTOR_CARD_PART_SALES_REP] = GTK_WIDGET (self->sales_rep_label),
    [KONTOR_CARD_PART_VALUE] = GTK_WIDGET (self->value_label),
    [KONTOR_CARD_PART_ACTIVITY] = GTK_WIDGET (self->activity_label),
    [KONTOR_CARD_PART_DUE] = GTK_WIDGET (self->due_label),
    [KONTOR_CARD_PART_AGE] = GTK_WIDGET (self->age_label),
    [KONTOR_CARD_PART_AVATAR] = GTK_WIDGET (self->avatar_label),
    [KONTOR_CARD_PART_AVATAR_MORE] = GTK_WIDGET (self->avatar_more),
    [KONTOR_CARD_PART_NEW_BADGE] = GTK_WIDGET (self->new_badge),
    [KONTOR_CARD_PART_STALE_BADGE] = GTK_WIDGET (self->stale_badge),
    [KONTOR_CARD_PART_ASSIGN_IMAGE] = GTK_WIDGET (self->assign_image),
    [KONTOR_CARD_PART_DUE_BOX] = self->due_box,
    [KONTOR_CARD_PART_DUE_ICON] = self->due_box != NULL ? gtk_widget_get_first_child (self->due_box)
                                                        : NULL,
    [KONTOR_CARD_PART_EDIT_ICON] = self->edit_icon,
    [KONTOR_CARD_PART_MOVE_ICON] = self->move_icon,
  };

  g_return_val_if_fail (KONTOR_IS_BOARD_CARD (self), NULL);
  g_return_val_if_fail (part < KONTOR_CARD_N_PARTS, NULL);

  if (part >= KONTOR_CARD_PART_DONE_COUNT && part < KONTOR_CARD_PART_N_TEXTS)
    return self->done_counts[part - KONTOR_CARD_PART_DONE_COUNT];
  if (part >= KONTOR_CARD_PART_DONE_DOT)
    return self->done_dots[part - KONTOR_CARD_PART_DONE_DOT];

  return parts[part];
}

/**
 * _kontor_board_card_update:
 * @self: a card
 *
 * Shows the bound contact as it is now, with the board's card fields, users
 * and the current user's rights.
 */
void
_kontor_board_card_update (KontorBoardCard *self)
{
  KontorRecord *status;
  g_autoptr(GString) description = NULL;
  g_autofree char *column_name = NULL;
  g_autofree char *accessible_name = NULL;
  const char *name;
  gboolean can_edit;

  g_return_if_fail (KONTOR_IS_BOARD_CARD (self));

  if (self->contact == NULL)
    return;

  can_edit = kontor_context_can_edit (get_context (self));
  description = g_string_new (NULL);
  status = self->column != NULL ? kontor_board_column_get_status (self->column) : NULL;
  _kontor_board_card_face_fill (&self->face, self->board, self->contact, status, description);
  _kontor_board_card_show_face (self, &self->face);
  name = self->face.texts[KONTOR_CARD_PART_NAME];
  if (self->box == NULL)
    gtk_widget_queue_resize (GTK_WIDGET (self));

  if (self->due_button != NULL)
    {
      kontor_date_button_set_date (self->due_button, kontor_contact_get_due_date (self->contact));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->face.due_tooltip,
                                      -1);
    }
  if (self->assign_button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->assign_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->face.assign_tooltip,
                                    -1);

  /* GTK 4.8 cannot announce anything: a screen reader learns of a move
   * when the focus, which stays on the moved card, reads the card's name,
   * and that names its column. */
  column_name = status != NULL ? kontor_record_dup_display_name (KONTOR_RECORD (status)) : NULL;
  if (column_name != NULL)
    /* Translators: a board card for a screen reader: a contact's name, then
     * the board column it is in */
    accessible_name = g_strdup_printf (C_("board card", "%s, %s"), name, column_name);
  else
    accessible_name = g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  /* the grid's item around the card takes the focus first */
  kontor_accessible_label_list_item (GTK_WIDGET (self), GTK_ACCESSIBLE_ROLE_GRID_CELL,
                                     accessible_name);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.assign", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.set-due-date", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.apply-due-date", can_edit);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drag_source),
                                              can_edit ? GTK_PHASE_BUBBLE : GTK_PHASE_NONE);
}

/**
 * _kontor_board_card_update_done:
 * @self: a card
 *
 * Shows the contact anew when its done activities changed (feature P3).
 */
void
_kontor_board_card_update_done (KontorBoardCard *self)
{
  g_return_if_fail (KONTOR_IS_BOARD_CARD (self));

  if (self->contact != NULL &&
      _kontor_board_card_face_done_changed (&self->face, self->board, self->contact))
    _kontor_board_card_update (self);
}

/* What a card shows. A move changes a contact's column, rank, revision and
 * time of change, one notification each, and none of them is on the card. */
static const char * const shown_properties[] = {
  "display-name", "job-title", "company-name", "sales-reps", "last-activity-at",
  "due-date", "assignees", "is-new", "pipeline-entered-at", NULL
};

static void
on_contact_notify_cb (KontorBoardCard *self,
                      GParamSpec      *pspec,
                      KontorContact   *contact)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));
  g_assert (KONTOR_IS_CONTACT (contact));

  if (g_strv_contains (shown_properties, pspec->name))
    _kontor_board_card_update (self);
}

/* ------------------------------------------------------------------------ */
/* Changes */

static void
run_change (KontorBoardCard   *self,
            KontorFieldChange *change)
{
  kontor_ui_run_operation (GTK_WIDGET (self), get_context (self), KONTOR_OPERATION (change));
}

static void
set_due_date (KontorBoardCard *self,
              const char      *due_date)
{
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (self->contact == NULL || !kontor_context_can_edit (get_context (self)))
    return;
  if (due_date != NULL && *due_date == '\0')
    due_date = NULL;
  if (g_strcmp0 (due_date, kontor_contact_get_due_date (self->contact)) == 0)
    return;

  name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  text = kontor_format_iso_date (due_date);
  if (text != NULL)
    /* Translators: a toast; %s is a contact's name, then a date */
    title = g_strdup_printf (_("Due date of “%s” set to %s"), name, text);
  else
    /* Translators: a toast; %s is a contact's name */
    title = g_strdup_printf (_("Due date of “%s” removed"), name);

  change = kontor_field_change_new (kontor_context_get_store (get_context (self)),
                                    KONTOR_RECORD (self->contact), title);
  kontor_field_change_set_string (change, KONTOR_CONTACT_FIELD_DUE_DATE, due_date);
  run_change (self, change);
}

static void
set_due_date_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KontorBoardCard *self = KONTOR_BOARD_CARD (widget);

  set_due_date (self, g_variant_get_string (parameter, NULL));
}

static void
apply_due_date_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorBoardCard *self = KONTOR_BOARD_CARD (widget);

  /* the day chosen in the button's calendar; see on_due_date_notify_cb() */
  _kontor_board_card_arm (self);
  gtk_widget_activate_action (GTK_WIDGET (self->due_button), "date.set", NULL);
}

/* The user set or cleared the date in the button's popover */
static void
on_due_date_notify_cb (KontorBoardCard  *self,
                       GParamSpec       *pspec,
                       KontorDateButton *button)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));

  set_due_date (self, kontor_date_button_get_date (button));
}

static void
toggle_assignee (KontorBoardCard *self,
                 const char      *user_id)
{
  g_autoptr(KontorFieldChange) change = NULL;
  KontorUser *user;
  g_autofree char *name = NULL;
  g_autofree char *user_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *title_back = NULL;

  if (self->contact == NULL || !kontor_context_can_edit (get_context (self)))
    return;

  user = _kontor_board_lookup_user (self->board, user_id);
  if (user == NULL)
    return;

  /* Choosing a colleague gives them the card; choosing one who has it
   * already takes it back from them (feature P8, src/README.md). */
  name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  user_name = kontor_record_dup_display_name (KONTOR_RECORD (user));
  /* Translators: a toast; %s is a contact's name, then a colleague's */
  title_back = g_strdup_printf (_("“%s” is no longer assigned to %s"), name, user_name);
  /* Translators: a toast; %s is a contact's name, then a colleague's */
  title = g_strdup_printf (_("“%s” assigned to %s"), name, user_name);
  change = _kontor_board_new_assign (self->board, self->contact, user_id, title, title_back);

  if (self->assign_button != NULL)
    gtk_menu_button_popdown (self->assign_button);
  if (change != NULL)
    run_change (self, change);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  toggle_assignee (KONTOR_BOARD_CARD (widget), g_variant_get_string (parameter, NULL));
}

static void
on_user_toggled_cb (KontorBoardCard   *self,
                    const char        *user_id,
                    KontorUserChooser *chooser)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));

  toggle_assignee (self, user_id);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorBoardCard *self = KONTOR_BOARD_CARD (widget);

  if (self->contact == NULL || kontor_record_get_id (KONTOR_RECORD (self->contact)) == NULL)
    return;

  _kontor_board_open_card (self->board, widget, self->contact);
}

/* ------------------------------------------------------------------------ */
/* Popovers, made when first opened */

static void
create_assign_popover_cb (GtkMenuButton *button,
                          gpointer       user_data)
{
  KontorBoardCard *self = user_data;

  g_assert (KONTOR_IS_BOARD_CARD (self));

  if (self->users == NULL)
    {
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *heading = gtk_label_new (_("Assign To"));

      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_set_margin_start (heading, 6);
      gtk_widget_set_margin_top (heading, 6);

      /* viewers cannot work on contacts: offered only to take them off */
      self->users = KONTOR_USER_CHOOSER (kontor_user_chooser_new ());
      kontor_user_chooser_set_context (self->users, get_context (self));
      kontor_user_chooser_set_filter (self->users, kontor_user_role_can_edit);
      g_signal_connect_object (self->users, "user-toggled", G_CALLBACK (on_user_toggled_cb),
                               self, G_CONNECT_SWAPPED);

      self->users_note = GTK_LABEL (gtk_label_new (_("Your role cannot change contacts.")));
      gtk_label_set_wrap (self->users_note, TRUE);
      gtk_label_set_max_width_chars (self->users_note, 28);
      gtk_widget_add_css_class (GTK_WIDGET (self->users_note), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->users_note), "caption");

      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->users));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->users_note));
      gtk_popover_set_child (GTK_POPOVER (popover), box);
      gtk_menu_button_set_popover (button, popover);
    }

  if (self->contact != NULL)
    {
      g_auto(GStrv) assignees = _kontor_board_dup_assignees (self->board, self->contact);

      kontor_user_chooser_set_selected (self->users, (const char * const *) assignees);
    }
  else
    kontor_user_chooser_set_selected (self->users, NULL);
  kontor_user_chooser_reload (self->users);
  gtk_widget_set_visible (GTK_WIDGET (self->users_note),
                          !kontor_context_can_edit (get_context (self)));
}

static void
create_move_menu_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  KontorBoardCard *self = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  g_assert (KONTOR_IS_BOARD_CARD (self));

  menu = _kontor_board_dup_move_menu (self->board, self->contact, self->column);
  gtk_menu_button_set_menu_model (button, menu);
}

/* ------------------------------------------------------------------------ */
/* Mouse: tooltips, click, drag, drop */

/* Tooltips are asked for, not set: gtk_widget_set_tooltip_text() asks the
 * X server where the pointer is, a round trip for each of the hundreds of
 * cards a board makes when it opens. */
static gboolean
on_query_tooltip_cb (KontorBoardCard *self,
                     int              x,
                     int              y,
                     gboolean         keyboard_mode,
                     GtkTooltip      *tooltip,
                     GtkWidget       *widget)
{
  const char *text = NULL;

  g_assert (KONTOR_IS_BOARD_CARD (self));

  if (widget == GTK_WIDGET (self->edit_button))
    text = _("Edit");
  else if (widget == GTK_WIDGET (self->move_button))
    text = _("Move To (Ctrl+Alt+←/→ or Shift+Alt+←/→)");
  else if (widget == GTK_WIDGET (self->new_badge))
    text = _("Nobody has handled this contact yet");
  else if (widget == self->assign_box)
    text = self->face.assign_tooltip;
  else if (widget == self->due_box)
    text = self->face.due_tooltip;
  else if (widget == GTK_WIDGET (self->age_label))
    text = self->face.age_tooltip;
  else if (widget == GTK_WIDGET (self->stale_badge))
    text = self->face.stale_tooltip;
  else if (widget == self->done_box)
    text = self->face.done_tooltip;

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
on_click_released_cb (KontorBoardCard *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));

  /* the buttons on the card claim their own clicks */
  if (n_press == 1)
    gtk_widget_activate_action (GTK_WIDGET (self), "card.open", NULL);
}

static GdkContentProvider *
on_drag_source_prepare_cb (KontorBoardCard *self,
                           double           x,
                           double           y,
                           GtkDragSource   *source)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));

  if (self->contact == NULL || !kontor_context_can_edit (get_context (self)))
    return NULL;

  self->drag_x = x;
  self->drag_y = y;

  return gdk_content_provider_new_typed (KONTOR_TYPE_CONTACT, self->contact);
}

static void
on_drag_source_drag_begin_cb (KontorBoardCard *self,
                              GdkDrag         *drag,
                              GtkDragSource   *source)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkPaintable) image = NULL;

  g_assert (KONTOR_IS_BOARD_CARD (self));

  /* the card as it looks now, not faded like the card left behind */
  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  image = gdk_paintable_get_current_image (paintable);
  gtk_drag_source_set_icon (source, image, (int) self->drag_x, (int) self->drag_y);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
on_drag_source_drag_end_cb (KontorBoardCard *self,
                            GdkDrag         *drag,
                            gboolean         delete_data,
                            GtkDragSource   *source)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

static void
clear_drop_mark (KontorBoardCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-before");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-after");
}

static gboolean
is_lower_half (KontorBoardCard *self,
               double           y)
{
  return y > gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

static GdkDragAction
on_drop_target_motion_cb (KontorBoardCard *self,
                          double           x,
                          double           y,
                          GtkDropTarget   *target)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));

  clear_drop_mark (self);
  gtk_widget_add_css_class (GTK_WIDGET (self), is_lower_half (self, y) ? "drop-after"
                                                                       : "drop-before");

  return GDK_ACTION_MOVE;
}

static void
on_drop_target_leave_cb (KontorBoardCard *self,
                         GtkDropTarget   *target)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));

  clear_drop_mark (self);
}

static gboolean
on_drop_target_drop_cb (KontorBoardCard *self,
                        const GValue    *value,
                        double           x,
                        double           y,
                        GtkDropTarget   *target)
{
  KontorContact *contact;
  guint position;

  g_assert (KONTOR_IS_BOARD_CARD (self));

  clear_drop_mark (self);

  if (!G_VALUE_HOLDS (value, KONTOR_TYPE_CONTACT) || self->column == NULL ||
      self->list_item == NULL)
    return FALSE;
  contact = g_value_get_object (value);
  if (contact == NULL)
    return FALSE;

  /* onto the upper half: before this card; the lower half: after it */
  position = gtk_list_item_get_position (self->list_item);
  if (is_lower_half (self, y))
    position++;
  _kontor_board_column_drop (self->column, contact, position);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Arming: the buttons, made when first needed */

/* Puts @button where @child is, with @child inside it (or gone, without
 * @set_child) */
static void
wrap_child (GtkWidget *child,
            GtkWidget *button,
            void     (*set_child) (GtkWidget *button,
                                   GtkWidget *child))
{
  GtkWidget *box = gtk_widget_get_parent (child);
  GtkWidget *before = gtk_widget_get_prev_sibling (child);

  g_object_ref (child);
  gtk_box_remove (GTK_BOX (box), child);
  gtk_box_insert_child_after (GTK_BOX (box), button, before);
  if (set_child != NULL)
    set_child (button, child);
  g_object_unref (child);
}

static void
set_menu_button_child (GtkWidget *button,
                       GtkWidget *child)
{
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), child);
}

static void
set_date_button_content (GtkWidget *button,
                         GtkWidget *content)
{
  kontor_date_button_set_content (KONTOR_DATE_BUTTON (button), content);
}

static GtkWidget *
new_card_button (GtkWidget  *button,
                 const char *accessible_label)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "board-card-button");
  if (accessible_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                    -1);

  return button;
}

/**
 * _kontor_board_card_make_full:
 * @self: a card
 *
 * Gives the card its template's widgets in place of its drawing.
 */
void
_kontor_board_card_make_full (KontorBoardCard *self)
{
  g_return_if_fail (KONTOR_IS_BOARD_CARD (self));

  if (self->box != NULL)
    return;

  gtk_widget_init_template (GTK_WIDGET (self));
  _kontor_board_card_face_add_bubbles (self->done_box, self->done_dots, self->done_counts);
  _kontor_board_card_show_face (self, &self->face);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * _kontor_board_card_get_drawn_place:
 * @self: a card that is drawn, not full
 * @part: one of its parts
 * @place: (out): where it draws @part, in its content's coordinates;
 *   empty when it does not draw it
 */
void
_kontor_board_card_get_drawn_place (KontorBoardCard *self,
                                    KontorCardPart   part,
                                    graphene_rect_t *place)
{
  graphene_rect_init (place, 0, 0, 0, 0);
  g_return_if_fail (KONTOR_IS_BOARD_CARD (self));
  g_return_if_fail (self->box == NULL && self->contact != NULL);

  _kontor_board_card_face_get_place (self->board, &self->face,
                                     gtk_widget_get_width (GTK_WIDGET (self)), part, place);
}

/**
 * _kontor_board_card_new_prototype:
 *
 * Returns: (transfer floating): a card of no board, to make full and
 *   measure drawn ones by (kontor-board-card-face.c)
 */
GtkWidget *
_kontor_board_card_new_prototype (void)
{
  return g_object_new (KONTOR_TYPE_BOARD_CARD, NULL);
}

/**
 * _kontor_board_card_arm:
 * @self: a card
 *
 * Gives the card its buttons: the colleague chooser, the due date, edit
 * and "Move to" (feature P8, src/README.md). A card shows them drawn
 * (the avatar, the date, two icons) until the pointer or the focus comes
 * to it, or an action needs them; then the very widgets drawn go into
 * the buttons, which look the same (kontor-board.css), and the card keeps
 * them while it is recycled. A board's first frame makes a quarter of
 * the widgets it would otherwise.
 */
void
_kontor_board_card_arm (KontorBoardCard *self)
{
  GtkWidget *button;

  g_return_if_fail (KONTOR_IS_BOARD_CARD (self));

  if (self->armed)
    return;
  self->armed = TRUE;
  _kontor_board_card_make_full (self);

  button = gtk_menu_button_new ();
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "board-assign-button");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_assign_popover_cb,
                                         self, NULL);
  wrap_child (self->assign_box, button, set_menu_button_child);
  self->assign_button = GTK_MENU_BUTTON (button);

  button = kontor_date_button_new ();
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  kontor_date_button_set_title (KONTOR_DATE_BUTTON (button), _("Due Date"));
  g_object_set (button, "has-frame", FALSE, NULL);
  gtk_widget_add_css_class (button, "board-due-button");
  gtk_widget_remove_css_class (self->due_box, "static");
  wrap_child (self->due_box, button, set_date_button_content);
  self->due_button = KONTOR_DATE_BUTTON (button);

  button = new_card_button (gtk_button_new_from_icon_name ("document-edit-symbolic"), _("Edit"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.edit");
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect_object (button, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self,
                           G_CONNECT_SWAPPED);
  wrap_child (self->edit_icon, button, NULL);
  self->edit_icon = NULL;
  self->edit_button = GTK_BUTTON (button);

  button = new_card_button (gtk_menu_button_new (), _("Move To"));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "go-jump-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_move_menu_cb, self,
                                         NULL);
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect_object (button, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self,
                           G_CONNECT_SWAPPED);
  wrap_child (self->move_icon, button, NULL);
  self->move_icon = NULL;
  self->move_button = GTK_MENU_BUTTON (button);

  /* the date, the rights and the accessible names of the buttons */
  _kontor_board_card_update (self);
  g_signal_connect_object (self->due_button, "notify::date", G_CALLBACK (on_due_date_notify_cb),
                           self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */

static void
on_focus_enter_cb (KontorBoardCard          *self,
                   GtkEventControllerFocus *controller)
{
  g_assert (KONTOR_IS_BOARD_CARD (self));

  /* the keyboard's way to the card's buttons */
  _kontor_board_card_arm (self);
  if (self->contact != NULL)
    _kontor_board_remember_focus (self->board,
                                  kontor_record_get_id (KONTOR_RECORD (self->contact)));
}

/* Until it is full, a card is one widget that draws its face (and GTK
 * its CSS box); then its template's layout manager takes over. */
static void
kontor_board_card_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  KontorBoardCard *self = KONTOR_BOARD_CARD (widget);

  *minimum = *natural = 0;
  if (self->contact != NULL)
    _kontor_board_card_face_measure (self->board, &self->face, orientation, minimum, natural);
}

static void
kontor_board_card_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  KontorBoardCard *self = KONTOR_BOARD_CARD (widget);

  if (self->box != NULL)
    GTK_WIDGET_CLASS (kontor_board_card_parent_class)->snapshot (widget, snapshot);
  else if (self->contact != NULL)
    _kontor_board_card_face_snapshot (self->board, &self->face, widget, snapshot);
}

static void
kontor_board_card_dispose (GObject *object)
{
  KontorBoardCard *self = KONTOR_BOARD_CARD (object);

  _kontor_board_card_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_BOARD_CARD);

  G_OBJECT_CLASS (kontor_board_card_parent_class)->dispose (object);
}

static void
kontor_board_card_finalize (GObject *object)
{
  KontorBoardCard *self = KONTOR_BOARD_CARD (object);

  _kontor_board_card_face_clear (&self->face);

  G_OBJECT_CLASS (kontor_board_card_parent_class)->finalize (object);
}

static void
kontor_board_card_class_init (KontorBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_board_card_dispose;
  object_class->finalize = kontor_board_card_finalize;
  widget_class->measure = kontor_board_card_measure;
  widget_class->snapshot = kontor_board_card_snapshot;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/kontor-board-card.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "boardcard");
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, box);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, new_badge);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, stale_badge);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, age_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, assign_box);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, avatar_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, avatar_more);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, assign_image);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, job_title_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, company_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, sales_rep_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, activity_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, activity_row);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, done_box);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, due_box);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, due_label);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, edit_icon);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardCard, move_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip_cb);

  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "card.edit", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "card.assign", "s", assign_action);
  gtk_widget_class_install_action (widget_class, "card.set-due-date", "s", set_due_date_action);
  gtk_widget_class_install_action (widget_class, "card.apply-due-date", NULL,
                                   apply_due_date_action);
}

static void
kontor_board_card_init (KontorBoardCard *self)
{
  GtkGesture *click;
  GtkDropTarget *drop_target;
  GtkEventController *focus;
  GtkEventController *motion;

  /* drawn until it is full: see _kontor_board_card_make_full() */
  self->face.color_index = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "board-card");

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  self->drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (self->drag_source, GDK_ACTION_MOVE);
  g_signal_connect_object (self->drag_source, "prepare", G_CALLBACK (on_drag_source_prepare_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drag_source, "drag-begin",
                           G_CALLBACK (on_drag_source_drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drag_source, "drag-end",
                           G_CALLBACK (on_drag_source_drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag_source));

  drop_target = gtk_drop_target_new (KONTOR_TYPE_CONTACT, GDK_ACTION_MOVE);
  g_signal_connect_object (drop_target, "motion", G_CALLBACK (on_drop_target_motion_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drop_target, "leave", G_CALLBACK (on_drop_target_leave_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_target_drop_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_focus_enter_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  /* the pointer on the card: its buttons, before it reaches one */
  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "enter", G_CALLBACK (_kontor_board_card_arm), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/**
 * kontor_board_card_new:
 * @board: the board the card is on
 *
 * Returns: (transfer floating): a card without a contact; a column binds one
 */
GtkWidget *
kontor_board_card_new (KontorBoard *board)
{
  KontorBoardCard *self;

  g_return_val_if_fail (KONTOR_IS_BOARD (board), NULL);

  self = g_object_new (KONTOR_TYPE_BOARD_CARD, NULL);
  self->board = board;

  return GTK_WIDGET (self);
}

/**
 * kontor_board_card_get_contact:
 * @self: a card
 *
 * Returns: (transfer none) (nullable): the contact the card shows
 */
KontorContact *
kontor_board_card_get_contact (KontorBoardCard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_CARD (self), NULL);

  return self->contact;
}

/**
 * kontor_board_card_get_position:
 * @self: a card
 *
 * Returns: the card's place in its column, %GTK_INVALID_LIST_POSITION when
 *   it shows nothing
 */
guint
kontor_board_card_get_position (KontorBoardCard *self)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_CARD (self), GTK_INVALID_LIST_POSITION);

  if (self->list_item == NULL)
    return GTK_INVALID_LIST_POSITION;

  return gtk_list_item_get_position (self->list_item);
}

void
_kontor_board_card_bind (KontorBoardCard   *self,
                         KontorBoardColumn *column,
                         GtkListItem       *list_item)
{
  KontorContact *contact;

  g_return_if_fail (KONTOR_IS_BOARD_CARD (self));
  g_return_if_fail (KONTOR_IS_BOARD_COLUMN (column));

  _kontor_board_card_unbind (self);

  contact = gtk_list_item_get_item (list_item);
  if (contact == NULL)
    return;

  self->column = column;
  self->list_item = list_item;
  self->contact = g_object_ref (contact);
  g_signal_connect_object (contact, "notify", G_CALLBACK (on_contact_notify_cb), self,
                           G_CONNECT_SWAPPED);

  _kontor_board_card_update (self);
}

void
_kontor_board_card_unbind (KontorBoardCard *self)
{
  g_return_if_fail (KONTOR_IS_BOARD_CARD (self));

  if (self->contact != NULL)
    g_signal_handlers_disconnect_by_func (self->contact, on_contact_notify_cb, self);
  g_clear_object (&self->contact);
  self->column = NULL;
  self->list_item = NULL;
  /* made again for another contact: without the mark of a drag */
  clear_drop_mark (self);
}

/**
 * _kontor_board_card_clear_drop_mark:
 * @self: a card
 *
 * Takes off the line that shows where a dragged card would land, as when
 * the column scrolls under a drag that stands still.
 */
void
_kontor_board_card_clear_drop_mark (KontorBoardCard *self)
{
  g_return_if_fail (KONTOR_IS_BOARD_CARD (self));

  clear_drop_mark (self);
}

/**
 * _kontor_board_card_shows_text:
 * @self: a card
 * @text: a text
 *
 * Whether one of the card's texts, drawn or in its widgets, contains
 * @text; for tests.
 */
gboolean
_kontor_board_card_shows_text (KontorBoardCard *self,
                               const char      *text)
{
  g_return_val_if_fail (KONTOR_IS_BOARD_CARD (self), FALSE);

  for (guint i = 0; i < KONTOR_CARD_PART_N_TEXTS; i++)
    if (self->face.texts[i] != NULL && strstr (self->face.texts[i], text) != NULL)
      return TRUE;

  return FALSE;
}
