/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-entry-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-activity.h"
#include "kontor-company.h"
#include "kontor-date-button.h"
#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-lead-entry-dialog.h"
#include "kontor-money.h"
#include "kontor-record-rules.h"
#include "kontor-record-write.h"
#include "kontor-store-lead.h"
#include "kontor-ui-utils.h"

/**
 * KontorLeadEntryDialog:
 *
 * One lead of a project (feature D4, src/README.md "Lead projects"):
 * its contact with a button to the contact's page, its status and the
 * colleague assigned (each changed at once, one undo step), the internal notes ("nur
 * intern", saved by their button) and the follow-ups: the entry's tasks
 * (kontor_store_list_lead_follow_ups()), and a date and a note to add
 * one (kontor_activity_new_follow_up(), created as one undoable
 * KontorRecordWrite). The dialog follows the store: an entry deleted
 * meanwhile closes it.
 */
struct _KontorLeadEntryDialog
{
  AdwWindow         parent_instance;

  KontorContext    *context;
  KontorLeadEntry  *entry;
  GPtrArray        *users;      /* KontorUser: item n + 1 of the assignee row */
  GListStore       *follow_ups; /* KontorActivity */
  gboolean          loading;
  guint             reload_id;

  AdwWindowTitle   *window_title;
  AdwActionRow     *contact_row;
  AdwComboRow      *assignee_row;
  AdwComboRow      *status_row;
  GPtrArray        *statuses;   /* KontorLeadStatus of the project, in order */
  AdwEntryRow      *value_row;
  GtkLabel         *currency_label;
  GtkSpinButton    *probability_spin;
  KontorDateButton *close_button;
  GtkTextView      *notes_view;
  GtkListBox       *follow_ups_list;
  KontorDateButton *due_button;
  GtkEditable      *note_entry;
};

G_DEFINE_FINAL_TYPE (KontorLeadEntryDialog, kontor_lead_entry_dialog, ADW_TYPE_WINDOW)

static KontorStore *
get_store (KontorLeadEntryDialog *self)
{
  return kontor_context_get_store (self->context);
}

static GtkWidget *
new_follow_up_row (gpointer item,
                   gpointer data)
{
  KontorActivity *task = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = kontor_format_iso_date (kontor_activity_get_due_on (task));
  const char *note = kontor_activity_get_subject (task);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note != NULL ? note : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               kontor_activity_get_done (task)
                               /* Translators: a follow-up's date, %s, when it was done */
                               ? _("Done") : date != NULL ? date : "");
  if (kontor_activity_get_done (task))
    gtk_widget_add_css_class (row, "dim-label");

  return row;
}

/* The project's statuses to choose from, the entry's chosen */
static void
fill_statuses (KontorLeadEntryDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  self->statuses = kontor_store_list_lead_statuses (get_store (self),
                                                    kontor_lead_entry_get_project_id (self->entry),
                                                    &error);
  if (self->statuses == NULL)
    {
      g_warning ("Could not list the statuses: %s", error->message);
      self->statuses = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->statuses->len; i++)
    {
      KontorLeadStatus *status = g_ptr_array_index (self->statuses, i);

      gtk_string_list_append (names, kontor_lead_status_get_name (status));
      if (g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (status)),
                     kontor_lead_entry_get_status_id (self->entry)) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->status_row, selected);
}

/* Shows what the store holds of the entry; %FALSE when it is gone */
static gboolean
reload (KontorLeadEntryDialog *self)
{
  KontorStore *store = get_store (self);
  /* a copy: the entry is replaced below */
  g_autofree char *id = g_strdup (kontor_record_get_id (KONTOR_RECORD (self->entry)));
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorLeadProject) project = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contact_name = NULL;
  g_autofree char *value = NULL;
  guint selected = 0;

  entry = kontor_store_load (store, KONTOR_TYPE_LEAD_ENTRY, id, NULL);
  if (entry == NULL)
    return FALSE;
  g_set_object (&self->entry, entry);
  contact = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                               kontor_lead_entry_get_contact_id (entry), NULL);
  project = kontor_store_load (store, KONTOR_TYPE_LEAD_PROJECT,
                               kontor_lead_entry_get_project_id (entry), NULL);

  self->loading = TRUE;
  contact_name = contact != NULL ? kontor_record_dup_display_name (KONTOR_RECORD (contact))
                                 : g_strdup ("");
  adw_window_title_set_title (self->window_title, contact_name);
  adw_window_title_set_subtitle (self->window_title,
                                 project != NULL ? kontor_lead_project_get_name (project) : "");
  gtk_window_set_title (GTK_WINDOW (self), contact_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->contact_row), contact_name);
  if (contact != NULL && kontor_contact_get_company_id (contact) != NULL)
    {
      g_autoptr(KontorCompany) company =
        kontor_store_load (store, KONTOR_TYPE_COMPANY, kontor_contact_get_company_id (contact),
                           NULL);

      if (company != NULL)
        {
          g_autofree char *company_name = kontor_record_dup_display_name (KONTOR_RECORD (company));

          adw_action_row_set_subtitle (self->contact_row, company_name);
        }
    }
  fill_statuses (self);
  /* the bare amount to edit, its currency beside it */
  value = kontor_money_format (kontor_lead_entry_get_value_cents (entry), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value);
  gtk_label_set_text (self->currency_label,
                      kontor_lead_entry_get_currency (entry) != NULL
                        ? kontor_lead_entry_get_currency (entry) : "");
  gtk_spin_button_set_value (self->probability_spin,
                             (double) kontor_lead_entry_get_probability (entry));
  kontor_date_button_set_date (self->close_button, kontor_lead_entry_get_close_on (entry));

  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = kontor_store_list_users (store, &error);
  if (self->users == NULL)
    {
      g_warning ("Could not list the users: %s", error->message);
      self->users = g_ptr_array_new ();
      g_clear_error (&error);
    }
  /* Translators: no colleague is assigned to the lead */
  gtk_string_list_append (names, _("Nobody"));
  for (guint i = 0; i < self->users->len; i++)
    {
      KontorRecord *user = g_ptr_array_index (self->users, i);
      g_autofree char *name = kontor_record_dup_display_name (user);

      gtk_string_list_append (names, name);
      if (g_strcmp0 (kontor_lead_entry_get_assignee_id (entry), kontor_record_get_id (user)) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->assignee_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->assignee_row, selected);

  tasks = kontor_store_list_lead_follow_ups (store, id, &error);
  if (tasks == NULL)
    g_warning ("Could not list the follow-ups: %s", error->message);
  else
    g_list_store_splice (self->follow_ups, 0,
                         g_list_model_get_n_items (G_LIST_MODEL (self->follow_ups)),
                         tasks->pdata, tasks->len);
  self->loading = FALSE;

  return TRUE;
}

static gboolean
reload_idle_cb (gpointer data)
{
  KontorLeadEntryDialog *self = data;

  self->reload_id = 0;
  if (!reload (self))
    gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

/* Read again after the change, not inside it: a change of the assignee
 * comes from the combo row's own selection, whose model the reload
 * replaces */
static void
on_store_changed_cb (KontorLeadEntryDialog *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
on_assignee_selected_cb (KontorLeadEntryDialog *self)
{
  guint chosen = adw_combo_row_get_selected (self->assignee_row);
  const char *user_id = NULL;
  g_autoptr(KontorFieldChange) change = NULL;

  if (self->loading)
    return;
  if (chosen > 0 && chosen != GTK_INVALID_LIST_POSITION && chosen <= self->users->len)
    user_id = kontor_record_get_id (g_ptr_array_index (self->users, chosen - 1));
  if (g_strcmp0 (user_id, kontor_lead_entry_get_assignee_id (self->entry)) == 0)
    return;
  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (self->entry),
                                    _("Lead assigned"));
  kontor_field_change_set_string (change, KONTOR_LEAD_ENTRY_FIELD_ASSIGNEE_ID, user_id);
  kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change));
}

/* Another status: the entry goes to the end of that column, as the store
 * places an entry whose column changes without a rank */
static void
on_status_selected_cb (KontorLeadEntryDialog *self)
{
  guint chosen = adw_combo_row_get_selected (self->status_row);
  KontorLeadStatus *status;
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *title = NULL;

  if (self->loading || chosen == GTK_INVALID_LIST_POSITION || chosen >= self->statuses->len)
    return;
  status = g_ptr_array_index (self->statuses, chosen);
  if (g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (status)),
                 kontor_lead_entry_get_status_id (self->entry)) == 0)
    return;
  /* Translators: the undo toast after a lead changed status; %s is the status */
  title = g_strdup_printf (_("Lead moved to “%s”"), kontor_lead_status_get_name (status));
  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (self->entry), title);
  kontor_field_change_set_string (change, KONTOR_LEAD_ENTRY_FIELD_STATUS_ID,
                                  kontor_record_get_id (KONTOR_RECORD (status)));
  kontor_field_change_set_string (change, KONTOR_LEAD_ENTRY_FIELD_RANK, NULL);
  kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change));
}

/* One undoable write of one int64 field; the model's check refuses bad
 * values with its message before anything is written */
static void
write_int64 (KontorLeadEntryDialog *self,
             guint                  field,
             gint64                 number,
             const char            *title)
{
  g_autoptr(KontorFieldChange) change = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, number);
  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (self->entry), title);
  kontor_field_change_set_value (change, field, &value);
  if (!kontor_field_change_is_empty (change))
    kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change));
}

/* The value typed as the locale writes money (kontor_money_parse()),
 * stored on Return. No apply button: AdwEntryRow's would apply on Return
 * too, writing the value twice */
static void
on_value_apply_cb (KontorLeadEntryDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  if (!kontor_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->value_row)), &cents,
                           &error) ||
      !kontor_lead_check_cents (cents, &error))
    {
      kontor_ui_show_error (GTK_WIDGET (self), _("The Value Could Not Be Changed"), error);
      return;
    }
  write_int64 (self, KONTOR_LEAD_ENTRY_FIELD_VALUE_CENTS, cents, _("Value of the lead changed"));
}

/* -1, below 0 %, is "none" (kontor_lead_check_probability()) */
static gboolean
on_probability_output_cb (GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value_as_int (spin) >= 0)
    return FALSE;
  /* Translators: a lead without a probability */
  gtk_editable_set_text (GTK_EDITABLE (spin), C_("probability", "None"));
  return TRUE;
}

static int
on_probability_input_cb (GtkSpinButton *spin,
                         double        *new_value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0' && !g_str_equal (text, C_("probability", "None")))
    return FALSE;
  *new_value = -1;
  return TRUE;
}

static void
on_probability_changed_cb (KontorLeadEntryDialog *self)
{
  if (self->loading)
    return;
  write_int64 (self, KONTOR_LEAD_ENTRY_FIELD_PROBABILITY,
               gtk_spin_button_get_value_as_int (self->probability_spin),
               _("Probability of the lead changed"));
}

static void
on_close_date_cb (KontorLeadEntryDialog *self)
{
  g_autoptr(KontorFieldChange) change = NULL;

  if (self->loading)
    return;
  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (self->entry),
                                    _("Expected close of the lead changed"));
  kontor_field_change_set_string (change, KONTOR_LEAD_ENTRY_FIELD_CLOSE_ON,
                                  kontor_date_button_get_date (self->close_button));
  if (!kontor_field_change_is_empty (change))
    kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change));
}

static void
save_notes_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KontorLeadEntryDialog *self = KONTOR_LEAD_ENTRY_DIALOG (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(KontorFieldChange) change = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (self->entry),
                                    _("Internal notes of the lead changed"));
  kontor_field_change_set_string (change, KONTOR_LEAD_ENTRY_FIELD_NOTES,
                                  *text != '\0' ? text : NULL);
  if (!kontor_field_change_is_empty (change))
    kontor_ui_run_operation (widget, self->context, KONTOR_OPERATION (change));
}

/* A follow-up of the date and note given; the model judges both */
static void
add_follow_up_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KontorLeadEntryDialog *self = KONTOR_LEAD_ENTRY_DIALOG (widget);
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (self->note_entry)));
  g_autoptr(KontorActivity) task = NULL;
  g_autoptr(KontorRecordWrite) write = NULL;
  g_autoptr(GError) error = NULL;

  task = kontor_activity_new_follow_up (self->entry, kontor_date_button_get_date (self->due_button),
                                        *note != '\0' ? note : NULL);
  if (!kontor_record_validate (KONTOR_RECORD (task), NULL, &error))
    {
      kontor_ui_show_error (widget, _("The Follow-Up Could Not Be Added"), error);
      return;
    }
  write = kontor_record_write_new_create (get_store (self), KONTOR_RECORD (task),
                                          _("Follow-up added"));
  if (kontor_ui_run_operation (widget, self->context, KONTOR_OPERATION (write)))
    gtk_editable_set_text (self->note_entry, "");
}

static void
open_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KontorLeadEntryDialog *self = KONTOR_LEAD_ENTRY_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *contact_id = g_strdup (kontor_lead_entry_get_contact_id (self->entry));

  gtk_window_close (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-contact", "s", contact_id);
}

static GtkWidget *
new_group (GtkWidget  *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (box), group);

  return group;
}

/* The widgets, made in code: a form of rows of the lists beside it */
static void
build (KontorLeadEntryDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group, *button, *frame, *add_box, *note, *add, *row;

  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  group = new_group (box, _("Contact"), NULL);
  self->contact_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->contact_row), FALSE);
  button = gtk_button_new_with_mnemonic (_("_Open Contact"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "lead.open-contact");
  adw_action_row_add_suffix (self->contact_row, button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->contact_row));

  group = new_group (box, _("Lead"), NULL);
  self->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->status_row));
  g_signal_connect_object (self->status_row, "notify::selected",
                           G_CALLBACK (on_status_selected_cb), self, G_CONNECT_SWAPPED);
  self->value_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), _("Value"));
  self->currency_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->currency_label), "dim-label");
  adw_entry_row_add_suffix (self->value_row, GTK_WIDGET (self->currency_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->value_row));
  g_signal_connect_object (self->value_row, "entry-activated",
                           G_CALLBACK (on_value_apply_cb), self, G_CONNECT_SWAPPED);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Probability (%)"));
  self->probability_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (-1, 100, 5));
  gtk_spin_button_set_digits (self->probability_spin, 0);
  /* _new_with_range() makes it numeric, which would refuse "None" */
  gtk_spin_button_set_numeric (self->probability_spin, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->probability_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->probability_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Probability (%)"), -1);
  g_signal_connect (self->probability_spin, "output", G_CALLBACK (on_probability_output_cb), NULL);
  g_signal_connect (self->probability_spin, "input", G_CALLBACK (on_probability_input_cb), NULL);
  g_signal_connect_object (self->probability_spin, "value-changed",
                           G_CALLBACK (on_probability_changed_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->probability_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->close_button = KONTOR_DATE_BUTTON (kontor_date_button_new ());
  kontor_date_button_set_title (self->close_button, _("Expected Close"));
  gtk_widget_set_valign (GTK_WIDGET (self->close_button), GTK_ALIGN_CENTER);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Expected Close"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->close_button));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_object (self->close_button, "notify::date",
                           G_CALLBACK (on_close_date_cb), self, G_CONNECT_SWAPPED);
  self->assignee_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->assignee_row), _("Assigned To"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->assignee_row));
  g_signal_connect_object (self->assignee_row, "notify::selected",
                           G_CALLBACK (on_assignee_selected_cb), self, G_CONNECT_SWAPPED);

  /* Translators: the lead's notes are for the team only ("nur intern") */
  group = new_group (box, _("Internal Notes"), _("Only for the team, never sent to the contact"));
  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->notes_view, 6);
  gtk_text_view_set_bottom_margin (self->notes_view, 6);
  gtk_text_view_set_left_margin (self->notes_view, 6);
  gtk_text_view_set_right_margin (self->notes_view, 6);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 80);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Internal Notes"), -1);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->notes_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  button = gtk_button_new_with_mnemonic (_("Save _Notes"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 6);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "lead.save-notes");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);

  group = new_group (box, _("Follow-Ups"), NULL);
  self->follow_ups_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->follow_ups_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->follow_ups_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->follow_ups_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Follow-Ups"), -1);
  gtk_list_box_bind_model (self->follow_ups_list, G_LIST_MODEL (self->follow_ups),
                           new_follow_up_row, NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->follow_ups_list));

  add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (add_box, 6);
  self->due_button = KONTOR_DATE_BUTTON (kontor_date_button_new ());
  kontor_date_button_set_title (self->due_button, _("Follow-Up Date"));
  gtk_box_append (GTK_BOX (add_box), GTK_WIDGET (self->due_button));
  note = gtk_entry_new ();
  gtk_widget_set_hexpand (note, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("What to do"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Follow-Up Note"), -1);
  self->note_entry = GTK_EDITABLE (note);
  gtk_box_append (GTK_BOX (add_box), note);
  add = gtk_button_new_with_mnemonic (_("_Add Follow-Up"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "lead.add-follow-up");
  gtk_box_append (GTK_BOX (add_box), add);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add_box);
}

static void
on_note_activate_cb (KontorLeadEntryDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lead.add-follow-up", NULL);
}

static void
kontor_lead_entry_dialog_dispose (GObject *object)
{
  KontorLeadEntryDialog *self = KONTOR_LEAD_ENTRY_DIALOG (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (get_store (self), self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->follow_ups);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_lead_entry_dialog_parent_class)->dispose (object);
}

static void
kontor_lead_entry_dialog_class_init (KontorLeadEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_lead_entry_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "lead.open-contact", NULL, open_contact_action);
  gtk_widget_class_install_action (widget_class, "lead.save-notes", NULL, save_notes_action);
  gtk_widget_class_install_action (widget_class, "lead.add-follow-up", NULL,
                                   add_follow_up_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kontor_lead_entry_dialog_init (KontorLeadEntryDialog *self)
{
  g_autofree char *today = kontor_format_dup_today ();

  self->follow_ups = g_list_store_new (KONTOR_TYPE_ACTIVITY);
  build (self);
  kontor_date_button_set_date (self->due_button, today);
  g_signal_connect_object (self->note_entry, "activate", G_CALLBACK (on_note_activate_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * kontor_lead_entry_dialog_present:
 * @widget: a widget of the window the dialog belongs to
 * @context: the context
 * @entry: the lead
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
kontor_lead_entry_dialog_present (GtkWidget       *widget,
                                  KontorContext   *context,
                                  KontorLeadEntry *entry)
{
  KontorLeadEntryDialog *self;
  static const char * const watched[] = {
    "changed::lead_entry", "changed::activity", "changed::contact", "changed::app_user",
  };

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KONTOR_IS_LEAD_ENTRY (entry), NULL);

  self = g_object_new (KONTOR_TYPE_LEAD_ENTRY_DIALOG,
                       "modal", TRUE,
                       "transient-for", kontor_ui_get_window (widget),
                       "default-width", 520,
                       "default-height", 640,
                       NULL);
  self->context = g_object_ref (context);
  self->entry = g_object_ref (entry);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            kontor_lead_entry_get_notes (entry) != NULL
                            ? kontor_lead_entry_get_notes (entry) : "", -1);
  reload (self);
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (get_store (self), watched[i], G_CALLBACK (on_store_changed_cb),
                             self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.save-notes",
                                 kontor_context_can_edit (context));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.add-follow-up",
                                 kontor_context_can_edit (context));
  gtk_widget_set_sensitive (GTK_WIDGET (self->assignee_row), kontor_context_can_edit (context));
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), kontor_context_can_edit (context));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));

  return GTK_WIDGET (self);
}

/**
 * kontor_lead_entry_dialog_get_follow_ups:
 * @self: the dialog
 *
 * Returns: (transfer none): the entry's follow-ups as listed
 */
GListModel *
kontor_lead_entry_dialog_get_follow_ups (KontorLeadEntryDialog *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_ENTRY_DIALOG (self), NULL);

  return G_LIST_MODEL (self->follow_ups);
}
