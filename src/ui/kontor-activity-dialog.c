/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-activity-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-activity-dialog.h"
#include "kontor-date-button.h"
#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-record-rules.h"
#include "kontor-record-write.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/**
 * KontorActivityDialog:
 *
 * Records a new activity or edits one (features A1, A3, A7;
 * src/README.md "Activities"): its kind and topic (the topics of where
 * it is recorded), subject, date and time, for a meeting the end and for
 * a lunch or meeting the place, for a task the due date, the reminder
 * and done, and notes. Only the rows of the chosen kind are shown. Save
 * asks the model's rules (kontor_record_validate()) and shows what they
 * refuse beside the rows; what they accept runs as one undoable
 * operation on the context's stack: a #KontorRecordWrite for a new one,
 * a #KontorFieldChange of the fields the form changed for an edit.
 * Delete is one too, undone from the toast. An activity recorded
 * automatically is shown, not edited.
 */
struct _KontorActivityDialog
{
  AdwWindow         parent_instance;

  KontorContext    *context;
  GtkWidget        *parent;         /* the page, for toasts and errors */
  KontorActivity   *shown;          /* as stored, or the new one */
  gboolean          is_new;
  gboolean          read_only;

  GtkStringList    *topic_names;
  const KontorActivityTopic *topics;
  guint             n_topics;

  AdwComboRow      *kind_row;
  AdwComboRow      *topic_row;
  AdwEntryRow      *subject_row;
  AdwActionRow     *date_row;
  KontorDateButton *date_button;
  GtkEntry         *time_entry;
  AdwActionRow     *end_row;
  GtkEntry         *end_entry;
  AdwEntryRow      *location_row;
  AdwActionRow     *due_row;
  KontorDateButton *due_button;
  AdwActionRow     *remind_row;
  KontorDateButton *remind_button;
  GtkEntry         *remind_entry;
  AdwActionRow     *done_row;
  GtkSwitch        *done_switch;
  GtkTextView      *notes_view;
  GtkLabel         *feedback;
  GtkWidget        *save_button;
  GtkWidget        *delete_group;
};

G_DEFINE_FINAL_TYPE (KontorActivityDialog, kontor_activity_dialog, ADW_TYPE_WINDOW)

static KontorActivityKind
chosen_kind (KontorActivityDialog *self)
{
  return (KontorActivityKind) adw_combo_row_get_selected (self->kind_row);
}

/* Shows the rows the chosen kind has (feature A1) */
static void
update_rows (KontorActivityDialog *self)
{
  KontorActivityKind kind = chosen_kind (self);
  gboolean task = kind == KONTOR_ACTIVITY_KIND_TASK;

  gtk_widget_set_visible (GTK_WIDGET (self->date_row), !task);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), kind == KONTOR_ACTIVITY_KIND_MEETING);
  gtk_widget_set_visible (GTK_WIDGET (self->location_row),
                          kontor_activity_kind_has_location (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->due_row), task);
  gtk_widget_set_visible (GTK_WIDGET (self->remind_row), task);
  /* the row names its switch (activatable-widget) */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->done_row),
                                 task ? _("Done") : _("Took Place"));
}

static gboolean read_time (KontorDateButton  *date_button,
                           GtkEntry          *entry,
                           gint64             shown,
                           gint64            *time,
                           GError           **error);

/* A new one took place when its time has come: a call now, yes; a
 * meeting next week, not yet (it would be the contact's last activity,
 * in the future). A task starts open. */
static void
update_done (KontorActivityDialog *self)
{
  gint64 starts = 0;

  if (!self->is_new)
    return;

  if (chosen_kind (self) == KONTOR_ACTIVITY_KIND_TASK)
    gtk_switch_set_active (self->done_switch, FALSE);
  else if (read_time (self->date_button, self->time_entry, 0, &starts, NULL))
    gtk_switch_set_active (self->done_switch,
                           starts <= g_get_real_time () / G_USEC_PER_SEC);
}

static void
on_kind_changed_cb (KontorActivityDialog *self)
{
  update_done (self);
  update_rows (self);
}

static void
show_feedback (KontorActivityDialog *self,
               const char           *message)
{
  gtk_label_set_label (self->feedback, message);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback), message != NULL);
}

/* The time of a date button and a time entry; %FALSE with a message when
 * the time is not one. No date is 0. */
static gboolean
read_time (KontorDateButton  *date_button,
           GtkEntry          *entry,
           gint64             shown,
           gint64            *time,
           GError           **error)
{
  const char *date = kontor_date_button_get_date (date_button);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *shown_date = NULL;
  g_autofree char *shown_clock = NULL;
  int minutes = 0;

  /* as shown: the time as it was, to the second (the form shows minutes) */
  kontor_format_split_time (shown, &shown_date, &shown_clock);
  *time = shown;
  if (g_strcmp0 (date, shown_date) == 0 && g_strcmp0 (text, shown_clock) == 0)
    return TRUE;

  *time = 0;
  if (date == NULL)
    return TRUE;
  if (!kontor_text_is_blank (text) && !kontor_format_parse_clock (text, &minutes))
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                   /* Translators: %s is what was typed as a time of day */
                   _("“%s” is not a time of day. Write it as 14:30."), text);
      return FALSE;
    }

  *time = kontor_format_join_time (date, minutes);

  return TRUE;
}

static void
set_time (KontorDateButton *date_button,
          GtkEntry         *entry,
          gint64            time)
{
  g_autofree char *date = NULL;
  g_autofree char *clock = NULL;

  kontor_format_split_time (time, &date, &clock);
  kontor_date_button_set_date (date_button, date);
  gtk_editable_set_text (GTK_EDITABLE (entry), clock != NULL ? clock : "");
}

static char *
dup_notes (KontorActivityDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The form's state as an activity: a copy of the one shown with what
 * the form says; %NULL with a message when a time is not one */
static KontorActivity *
build (KontorActivityDialog  *self,
       GError               **error)
{
  g_autoptr(KontorActivity) activity =
    KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (self->shown)));
  KontorActivityKind kind = chosen_kind (self);
  gboolean task = kind == KONTOR_ACTIVITY_KIND_TASK;
  g_autofree char *notes = dup_notes (self);
  guint topic = adw_combo_row_get_selected (self->topic_row);
  gint64 starts = 0, ends = 0, remind = 0;
  int end_minutes;
  const char *end_text = gtk_editable_get_text (GTK_EDITABLE (self->end_entry));
  gboolean done = gtk_switch_get_active (self->done_switch);

  if (!read_time (self->date_button, self->time_entry, kontor_activity_get_starts_at (activity),
                  &starts, error) ||
      !read_time (self->remind_button, self->remind_entry,
                  kontor_activity_get_remind_at (activity), &remind, error))
    return NULL;

  /* a meeting ends on its day */
  if (kind == KONTOR_ACTIVITY_KIND_MEETING && !kontor_text_is_blank (end_text))
    {
      if (!kontor_format_parse_clock (end_text, &end_minutes))
        {
          g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                       _("“%s” is not a time of day. Write it as 14:30."), end_text);
          return NULL;
        }
      if (kontor_date_button_get_date (self->date_button) != NULL)
        ends = kontor_format_join_time (kontor_date_button_get_date (self->date_button),
                                        end_minutes);
      /* unchanged: as it was, to the second */
      if (ends / 60 == kontor_activity_get_ends_at (activity) / 60)
        ends = kontor_activity_get_ends_at (activity);
    }

  kontor_activity_set_kind (activity, kind);
  if (topic < self->n_topics)
    kontor_activity_set_topic (activity, self->topics[topic]);
  kontor_activity_set_subject (activity, gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  kontor_activity_set_notes (activity, notes);
  kontor_activity_set_starts_at (activity, task ? 0 : starts);
  kontor_activity_set_ends_at (activity, ends);
  kontor_activity_set_location (activity, kontor_activity_kind_has_location (kind)
                                          ? gtk_editable_get_text (GTK_EDITABLE (self->location_row))
                                          : NULL);
  kontor_activity_set_due_on (activity, task ? kontor_date_button_get_date (self->due_button)
                                             : NULL);
  kontor_activity_set_remind_at (activity, task ? remind : 0);

  /* ticked off now; a task ticked off before keeps its time */
  if (done != kontor_activity_get_done (activity) ||
      (task && done && kontor_activity_get_done_at (activity) == 0))
    kontor_activity_complete (activity, done, g_get_real_time () / G_USEC_PER_SEC);
  if (!task)
    kontor_activity_set_done_at (activity, 0);

  return g_steal_pointer (&activity);
}

static char *
dup_name (KontorActivity *activity)
{
  return kontor_record_dup_display_name (KONTOR_RECORD (activity));
}

/**
 * kontor_activity_dialog_save:
 * @self: a dialog
 *
 * What Save does: checks the form by the model's rules and, when they
 * accept it, records or changes the activity as one undoable operation
 * and closes. A refusal stays in the dialog, named beside the rows.
 *
 * Returns: whether the activity was saved
 */
gboolean
kontor_activity_dialog_save (KontorActivityDialog *self)
{
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  KontorStore *store;

  g_return_val_if_fail (KONTOR_IS_ACTIVITY_DIALOG (self), FALSE);

  if (self->read_only)
    return FALSE;

  activity = build (self, &error);
  if (activity == NULL ||
      !kontor_record_validate (KONTOR_RECORD (activity),
                               self->is_new ? NULL : KONTOR_RECORD (self->shown), &error))
    {
      show_feedback (self, error->message);
      return FALSE;
    }
  show_feedback (self, NULL);

  store = kontor_context_get_store (self->context);
  name = dup_name (activity);
  if (self->is_new)
    {
      /* Translators: the toast after an activity was recorded; its subject or kind */
      title = g_strdup_printf (_("“%s” recorded"), name);
      operation = KONTOR_OPERATION (kontor_record_write_new_create (store, KONTOR_RECORD (activity),
                                                                    title));
    }
  else
    {
      KontorFieldChange *change;

      /* Translators: the toast after an activity was changed; its subject or kind */
      title = g_strdup_printf (_("“%s” changed"), name);
      change = kontor_field_change_new_edit (store, KONTOR_RECORD (self->shown),
                                             KONTOR_RECORD (activity), title);
      operation = KONTOR_OPERATION (change);
      if (kontor_field_change_is_empty (change))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return TRUE;
        }
    }

  if (!kontor_ui_run_operation (self->parent, self->context, operation))
    return FALSE;

  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static void
on_enter_cb (KontorActivityDialog *self)
{
  kontor_activity_dialog_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kontor_activity_dialog_save (KONTOR_ACTIVITY_DIALOG (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorActivityDialog *self = KONTOR_ACTIVITY_DIALOG (widget);
  g_autoptr(KontorRecordWrite) deletion = NULL;
  g_autofree char *name = dup_name (self->shown);
  /* Translators: the toast after an activity was deleted; its subject or kind */
  g_autofree char *title = g_strdup_printf (_("“%s” deleted"), name);

  deletion = kontor_record_write_new_delete (kontor_context_get_store (self->context),
                                             KONTOR_RECORD (self->shown), title);
  if (kontor_ui_run_operation (self->parent, self->context, KONTOR_OPERATION (deletion)))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static GtkEntry *
new_time_entry (const char *accessible_name)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_entry_set_max_length (entry, 5);
  gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (GTK_WIDGET (entry), GTK_ALIGN_CENTER);
  /* Translators: the placeholder of a time of day */
  gtk_entry_set_placeholder_text (entry, _("hh:mm"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);

  return entry;
}

static AdwActionRow *
new_action_row (const char *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  return row;
}

static KontorDateButton *
new_date_button (AdwActionRow *row,
                 const char   *title)
{
  KontorDateButton *button = KONTOR_DATE_BUTTON (kontor_date_button_new ());

  kontor_date_button_set_title (button, title);
  gtk_widget_set_valign (GTK_WIDGET (button), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, GTK_WIDGET (button));

  return button;
}

static void
build_form (KontorActivityDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *what = adw_preferences_group_new ();
  GtkWidget *when = adw_preferences_group_new ();
  GtkWidget *notes_group = adw_preferences_group_new ();
  GtkWidget *notes_frame = gtk_frame_new (NULL);
  GtkWidget *delete_button = gtk_button_new_with_mnemonic (_("_Delete Activity"));
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    gtk_string_list_append (kinds, kontor_activity_kind_to_string (kind));

  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "activity.save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "activity.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);

  self->feedback = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->feedback, TRUE);
  gtk_label_set_xalign (self->feedback, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->feedback), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->feedback),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback), FALSE);

  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Type"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  self->topic_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->topic_row), _("Topic"));
  self->subject_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subject_row), _("Subject"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->feedback));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->kind_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->topic_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->subject_row));

  self->date_row = new_action_row (_("Date"));
  self->date_button = new_date_button (self->date_row, _("Date"));
  self->time_entry = new_time_entry (_("Time"));
  adw_action_row_add_suffix (self->date_row, GTK_WIDGET (self->time_entry));
  self->end_row = new_action_row (_("End"));
  self->end_entry = new_time_entry (_("End"));
  adw_action_row_add_suffix (self->end_row, GTK_WIDGET (self->end_entry));
  self->location_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row), _("Place"));
  self->due_row = new_action_row (_("Due date"));
  self->due_button = new_date_button (self->due_row, _("Due date"));
  self->remind_row = new_action_row (_("Reminder"));
  self->remind_button = new_date_button (self->remind_row, _("Reminder"));
  self->remind_entry = new_time_entry (_("Reminder time"));
  adw_action_row_add_suffix (self->remind_row, GTK_WIDGET (self->remind_entry));
  self->done_row = new_action_row (_("Done"));
  self->done_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->done_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->done_row, GTK_WIDGET (self->done_switch));
  adw_action_row_set_activatable_widget (self->done_row, GTK_WIDGET (self->done_switch));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (when), _("When"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->date_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->end_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->location_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->due_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->remind_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->done_row));

  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  /* Tab goes on to the next control, as in every other row of the form */
  gtk_text_view_set_accepts_tab (self->notes_view, FALSE);
  gtk_text_view_set_top_margin (self->notes_view, 8);
  gtk_text_view_set_bottom_margin (self->notes_view, 8);
  gtk_text_view_set_left_margin (self->notes_view, 8);
  gtk_text_view_set_right_margin (self->notes_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  gtk_frame_set_child (GTK_FRAME (notes_frame), GTK_WIDGET (self->notes_view));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (notes_group), _("Notes"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (notes_group), notes_frame);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "activity.delete");
  gtk_widget_add_css_class (delete_button, "destructive-action");
  gtk_widget_set_halign (delete_button, GTK_ALIGN_CENTER);
  self->delete_group = adw_preferences_group_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->delete_group), delete_button);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (what));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (when));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (notes_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (self->delete_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  /* Enter in a text saves. No default widget: GTK 4.8 gives Enter to the
   * window's default before a combo row, which then never opens. */
  g_signal_connect_object (self->subject_row, "entry-activated",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->location_row, "entry-activated",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_entry, "activate",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_entry, "activate",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->remind_entry, "activate",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_button, "notify::date", G_CALLBACK (update_done), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_entry, "changed", G_CALLBACK (update_done), self,
                           G_CONNECT_SWAPPED);
}

static void
fill (KontorActivityDialog *self)
{
  KontorActivity *activity = self->shown;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *end_date = NULL;
  g_autofree char *end_clock = NULL;
  const char *notes = kontor_activity_get_notes (activity);

  self->topics = kontor_activity_topics_for_place (kontor_activity_get_place (activity),
                                                   &self->n_topics);
  self->topic_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < self->n_topics; i++)
    gtk_string_list_append (self->topic_names, kontor_activity_topic_to_string (self->topics[i]));
  adw_combo_row_set_model (self->topic_row, G_LIST_MODEL (self->topic_names));
  for (guint i = 0; i < self->n_topics; i++)
    {
      if (self->topics[i] == kontor_activity_get_topic (activity))
        adw_combo_row_set_selected (self->topic_row, i);
    }

  adw_combo_row_set_selected (self->kind_row, kontor_activity_get_kind (activity));
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row),
                         kontor_activity_get_subject (activity) ?: "");
  set_time (self->date_button, self->time_entry, kontor_activity_get_starts_at (activity));
  kontor_format_split_time (kontor_activity_get_ends_at (activity), &end_date, &end_clock);
  gtk_editable_set_text (GTK_EDITABLE (self->end_entry), end_clock != NULL ? end_clock : "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_row),
                         kontor_activity_get_location (activity) ?: "");
  kontor_date_button_set_date (self->due_button, kontor_activity_get_due_on (activity));
  set_time (self->remind_button, self->remind_entry, kontor_activity_get_remind_at (activity));
  gtk_switch_set_active (self->done_switch, kontor_activity_get_done (activity));
  gtk_text_buffer_set_text (buffer, notes != NULL ? notes : "", -1);
  update_rows (self);
}

static void
kontor_activity_dialog_dispose (GObject *object)
{
  KontorActivityDialog *self = KONTOR_ACTIVITY_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->parent);
  g_clear_object (&self->shown);
  g_clear_object (&self->topic_names);

  G_OBJECT_CLASS (kontor_activity_dialog_parent_class)->dispose (object);
}

static void
kontor_activity_dialog_class_init (KontorActivityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_activity_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "activity.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "activity.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "activity.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "activity.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "activity.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "activity.save", NULL);
}

static void
kontor_activity_dialog_init (KontorActivityDialog *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);
  build_form (self);
}

/**
 * kontor_activity_dialog_new:
 * @parent: the page it is opened from
 * @context: the context
 * @activity: a new activity (not stored) or a stored one
 *
 * Returns: (transfer full): the dialog, not shown yet
 */
KontorActivityDialog *
kontor_activity_dialog_new (GtkWidget      *parent,
                            KontorContext  *context,
                            KontorActivity *activity)
{
  KontorActivityDialog *self;
  KontorStore *store;
  KontorUser *me;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (activity), NULL);

  self = g_object_new (KONTOR_TYPE_ACTIVITY_DIALOG,
                       "transient-for", kontor_ui_get_window (parent),
                       NULL);
  self->context = g_object_ref (context);
  self->parent = g_object_ref (parent);
  self->shown = KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (activity)));
  self->is_new = kontor_record_get_rowid (KONTOR_RECORD (activity)) == 0;
  store = kontor_context_get_store (context);
  me = kontor_store_get_current_user (store);

  /* what may not be changed is shown, not offered (features A7, U1) */
  self->read_only = !kontor_context_can_edit (context) ||
                    (!self->is_new && !kontor_activity_check_edit (activity, NULL));
  gtk_window_set_title (GTK_WINDOW (self),
                        self->is_new ? _("New Activity")
                                     : self->read_only ? _("Activity") : _("Edit Activity"));
  fill (self);

  gtk_widget_set_visible (self->save_button, !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (gtk_widget_get_parent (
                              GTK_WIDGET (self->kind_row))), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_view), !self->read_only);
  gtk_widget_set_visible (self->delete_group,
                          !self->is_new && kontor_context_can_edit (context) &&
                          kontor_activity_check_delete (
                            activity, me != NULL ? kontor_record_get_id (KONTOR_RECORD (me))
                                                 : NULL, NULL));
  /* what a person types first */
  if (!self->read_only)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->subject_row));
  if (self->read_only)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->end_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->location_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->due_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->remind_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->done_row), FALSE);
    }

  return self;
}

/**
 * kontor_activity_dialog_get_activity:
 * @self: a dialog
 *
 * Returns: (transfer none): the activity as the dialog was opened with it
 */
KontorActivity *
kontor_activity_dialog_get_activity (KontorActivityDialog *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY_DIALOG (self), NULL);

  return self->shown;
}
