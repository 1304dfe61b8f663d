/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contact-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-contact-page-private.h"
#include "kontor-delete-dialog.h"
#include "kontor-channel.h"
#include "kontor-company-completion.h"
#include "kontor-contact-rules.h"
#include "kontor-enum-types.h"
#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/**
 * KontorContactPage:
 *
 * A contact's page (FEATURES C2–C9): every field of the contact as a form,
 * the status as linked toggle buttons, and its own header bar with Back,
 * Save and a menu (the window shows the table and this page in a stack).
 *
 * The page keeps the contact as stored (`contact`) and reads the form into
 * a copy whenever something is typed; the difference makes the page dirty.
 * Saving loads the stored contact afresh and writes only the fields the
 * user changed, so a status change or a number given meanwhile is kept.
 * Status changes, archive and "Make Active" are immediate and undoable
 * operations; they do not touch what is being typed.
 *
 * Inside a #KontorWindow, operations, toasts and errors go through the
 * window (undo stack, one toast overlay); in any other window (tests) the
 * page uses its own toast overlay and message dialogs.
 */


enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CONTACT,
  PROP_DIRTY,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorContactPage, kontor_contact_page, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------ */
/* Small helpers */

static KontorStore *
get_store (KontorContactPage *self)
{
  return kontor_context_get_store (self->context);
}

gboolean
_kontor_contact_page_can_edit (KontorContactPage *self)
{
  return self->contact != NULL && kontor_context_can_edit (self->context);
}

char *
_kontor_contact_page_dup_entry_text (AdwEntryRow *row)
{
  return kontor_text_strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

void
_kontor_contact_page_set_entry_text (AdwEntryRow *row,
                                     const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_from_entry (KontorContact *contact,
                guint          index,
                AdwEntryRow   *row)
{
  g_autofree char *text = _kontor_contact_page_dup_entry_text (row);

  kontor_record_set_string (KONTOR_RECORD (contact), index, text);
}

static gboolean
strv_has (const char * const *strv,
          const char         *text)
{
  return strv != NULL && g_strv_contains (strv, text);
}

static gboolean
id_arrays_equal (GPtrArray *a,
                 GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
        return FALSE;
    }

  return TRUE;
}

static guint
find_id (GPtrArray  *ids,
         const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static char *
dup_status_title (const char          *name,
                  KontorContactStatus  status)
{
  switch (status)
    {
    case KONTOR_CONTACT_STATUS_INBOX:
      /* Translators: %s is a contact's name */
      return g_strdup_printf (_("“%s” moved to the inbox"), name);
    case KONTOR_CONTACT_STATUS_PROSPECT:
      /* Translators: %s is a contact's name */
      return g_strdup_printf (_("“%s” is now a prospect"), name);
    case KONTOR_CONTACT_STATUS_CUSTOMER:
      /* Translators: %s is a contact's name */
      return g_strdup_printf (_("“%s” is now a customer"), name);
    case KONTOR_CONTACT_STATUS_ARCHIVED:
      /* Translators: %s is a contact's name */
      return g_strdup_printf (_("“%s” archived"), name);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------------ */
/* Toasts, errors and operations: the window's overlay when there is one
 * (else the page's own), operations through the context's stack */

static void
add_toast (KontorContactPage *self,
           const char        *title)
{
  kontor_ui_add_toast (GTK_WIDGET (self), title);
}

static AdwMessageDialog *
new_message_dialog (KontorContactPage *self,
                    const char        *heading,
                    const char        *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
}

static void
show_error (KontorContactPage *self,
            const char        *heading,
            const GError      *error)
{
  kontor_ui_show_error (GTK_WIDGET (self), heading, error);
}

static gboolean
run_operation (KontorContactPage *self,
               KontorOperation   *operation)
{
  return kontor_ui_run_operation (GTK_WIDGET (self), self->context, operation);
}

static void
leave (KontorContactPage *self)
{
  /* The window installs it; a page in another window just stays. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contacts", NULL);
}

void
_kontor_contact_page_on_field_changed_cb (KontorContactPage *self)
{
  g_assert (KONTOR_IS_CONTACT_PAGE (self));

  if (self->loading == 0)
    _kontor_contact_page_update_state (self);
}

/* ------------------------------------------------------------------------ */
/* Users and teams */

static void
user_checks_init (UserChecks *checks,
                  GtkBox     *box)
{
  checks->box = box;
  checks->ids = g_ptr_array_new_with_free_func (g_free);
  checks->checks = g_ptr_array_new ();
}

static void
user_checks_clear (UserChecks *checks)
{
  g_clear_pointer (&checks->ids, g_ptr_array_unref);
  g_clear_pointer (&checks->checks, g_ptr_array_unref);
}

static void
fill_user_checks (KontorContactPage  *self,
                  UserChecks         *checks,
                  GPtrArray          *users,
                  gboolean            sellers_only,
                  const char * const *selected)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      KontorUser *user = g_ptr_array_index (users, i);
      const char *id = kontor_record_get_id (KONTOR_RECORD (user));

      /* Sales reps need the sales role (FEATURES C6); one already set
       * stays offered so that it can be taken away. */
      if (sellers_only && !kontor_user_role_can_sell (kontor_user_get_role (user)) &&
          !strv_has (selected, id))
        continue;

      g_ptr_array_add (ids, g_strdup (id));
      g_ptr_array_add (names, kontor_record_dup_display_name (KONTOR_RECORD (user)));
    }

  if (!id_arrays_equal (ids, checks->ids) ||
      gtk_widget_get_first_child (GTK_WIDGET (checks->box)) == NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (checks->box))) != NULL)
        gtk_box_remove (checks->box, child);
      g_ptr_array_set_size (checks->checks, 0);

      for (guint i = 0; i < ids->len; i++)
        {
          GtkWidget *check = gtk_check_button_new_with_label (g_ptr_array_index (names, i));

          g_signal_connect_object (check, "toggled",
                                   G_CALLBACK (_kontor_contact_page_on_field_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          gtk_box_append (checks->box, check);
          g_ptr_array_add (checks->checks, check);
        }

      if (ids->len == 0)
        {
          GtkWidget *label = gtk_label_new (_("No colleagues yet"));

          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (checks->box, label);
        }

      g_ptr_array_unref (checks->ids);
      checks->ids = g_steal_pointer (&ids);
    }

  for (guint i = 0; i < checks->ids->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (checks->checks, i),
                                 strv_has (selected, g_ptr_array_index (checks->ids, i)));
}

/* The ids checked, in the order they were stored, new ones after them. An
 * id without a check button (a user not known here) is kept. */
static GStrv
dup_checked_ids (UserChecks         *checks,
                 const char * const *stored)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; stored != NULL && stored[i] != NULL; i++)
    {
      guint index = find_id (checks->ids, stored[i]);

      if (index == GTK_INVALID_LIST_POSITION ||
          gtk_check_button_get_active (g_ptr_array_index (checks->checks, index)))
        g_strv_builder_add (builder, stored[i]);
    }

  for (guint i = 0; i < checks->ids->len; i++)
    {
      const char *id = g_ptr_array_index (checks->ids, i);

      if (gtk_check_button_get_active (g_ptr_array_index (checks->checks, i)) &&
          !strv_has (stored, id))
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static char *
dup_checked_names (UserChecks *checks)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < checks->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks->checks, i);

      if (!gtk_check_button_get_active (check))
        continue;
      if (names->len > 0)
        /* Translators: separates names in a list: "Anna Weber, Ben Schulz" */
        g_string_append (names, _(", "));
      g_string_append (names, gtk_check_button_get_label (check));
    }

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static void
fill_teams (KontorContactPage *self,
            KontorContact     *view)
{
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *team_id = view != NULL ? kontor_contact_get_assigned_team_id (view) : NULL;
  guint selected;

  teams = kontor_store_list_teams (get_store (self), &error);
  if (teams == NULL)
    g_warning ("Could not list the teams: %s", error->message);

  g_ptr_array_add (ids, NULL);
  for (guint i = 0; teams != NULL && i < teams->len; i++)
    g_ptr_array_add (ids, g_strdup (kontor_record_get_id (g_ptr_array_index (teams, i))));

  if (!id_arrays_equal (ids, self->team_ids))
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      gtk_string_list_append (names, _("No Team"));
      for (guint i = 0; teams != NULL && i < teams->len; i++)
        gtk_string_list_append (names, kontor_team_get_name (g_ptr_array_index (teams, i)));

      g_ptr_array_unref (self->team_ids);
      self->team_ids = g_steal_pointer (&ids);
      adw_combo_row_set_model (self->team_row, G_LIST_MODEL (names));
    }

  selected = find_id (self->team_ids, team_id);
  adw_combo_row_set_selected (self->team_row, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
}

static void
fill_pipeline (KontorContactPage *self,
               KontorContact     *view)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *current = view != NULL ? kontor_contact_get_pipeline_status_id (view) : NULL;

  statuses = kontor_store_list_pipeline_statuses (get_store (self), &error);
  if (statuses == NULL)
    g_warning ("Could not list the pipeline statuses: %s", error->message);

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      KontorPipelineStatus *status = g_ptr_array_index (statuses, i);
      const char *id = kontor_record_get_id (KONTOR_RECORD (status));

      /* Inactive statuses are not offered, but the contact's own stays. */
      if (!kontor_pipeline_status_get_active (status) && g_strcmp0 (id, current) != 0)
        continue;

      g_ptr_array_add (ids, g_strdup (id));
      g_ptr_array_add (names, kontor_record_dup_display_name (KONTOR_RECORD (status)));
    }

  if (current != NULL && find_id (ids, current) == GTK_INVALID_LIST_POSITION)
    {
      const char *name = kontor_contact_get_pipeline_status_name (view);

      g_ptr_array_add (ids, g_strdup (current));
      g_ptr_array_add (names, g_strdup (name != NULL ? name : current));
    }

  if (!id_arrays_equal (ids, self->pipeline_ids))
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

      for (guint i = 0; i < names->len; i++)
        gtk_string_list_append (model, g_ptr_array_index (names, i));

      g_ptr_array_unref (self->pipeline_ids);
      self->pipeline_ids = g_steal_pointer (&ids);
      adw_combo_row_set_model (self->pipeline_row, G_LIST_MODEL (model));
    }

  adw_combo_row_set_selected (self->pipeline_row, find_id (self->pipeline_ids, current));
}

/* ------------------------------------------------------------------------ */
/* Dates */

static void
show_date (GtkMenuButton *button,
           GtkCalendar   *calendar,
           const char    *iso_date)
{
  g_autofree char *text = kontor_format_iso_date (iso_date);
  g_autoptr(GDateTime) date = NULL;

  gtk_menu_button_set_label (button, text != NULL ? text : _("Not Set"));

  if (text != NULL)
    date = g_date_time_new_local (g_ascii_strtoll (iso_date, NULL, 10),
                                  g_ascii_strtoll (iso_date + 5, NULL, 10),
                                  g_ascii_strtoll (iso_date + 8, NULL, 10), 0, 0, 0);
  else
    date = g_date_time_new_now_local ();
  gtk_calendar_select_day (calendar, date);
}

static void
set_date (KontorContactPage  *self,
          char              **field,
          const char         *iso_date,
          GtkMenuButton      *button,
          GtkCalendar        *calendar)
{
  if (g_strcmp0 (*field, iso_date) != 0)
    {
      g_free (*field);
      *field = g_strdup (iso_date);
    }

  self->loading++;
  show_date (button, calendar, *field);
  self->loading--;
}

static void
take_calendar_date (KontorContactPage  *self,
                    char              **field,
                    GtkMenuButton      *button,
                    GtkCalendar        *calendar)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso_date = NULL;

  if (self->loading > 0)
    return;

  date = gtk_calendar_get_date (calendar);
  iso_date = g_date_time_format (date, "%Y-%m-%d");
  set_date (self, field, iso_date, button, calendar);
  gtk_menu_button_popdown (button);
  _kontor_contact_page_update_state (self);
}

static void
on_birthday_calendar_day_selected_cb (KontorContactPage *self,
                                      GtkCalendar       *calendar)
{
  g_assert (KONTOR_IS_CONTACT_PAGE (self));

  take_calendar_date (self, &self->birthday, self->birthday_button, calendar);
}

static void
on_due_date_calendar_day_selected_cb (KontorContactPage *self,
                                      GtkCalendar       *calendar)
{
  g_assert (KONTOR_IS_CONTACT_PAGE (self));

  take_calendar_date (self, &self->due_date, self->due_date_button, calendar);
}

/* ------------------------------------------------------------------------ */
/* Form → contact */

static gboolean
company_changed (KontorContactPage *self)
{
  g_autofree char *text = _kontor_contact_page_dup_entry_text (self->company_row);
  const char *chosen_id = kontor_company_completion_get_company_id (self->company_completion);

  if (g_strcmp0 (text, kontor_contact_get_company_name (self->contact)) != 0)
    return TRUE;

  return chosen_id != NULL &&
         g_strcmp0 (chosen_id, kontor_contact_get_company_id (self->contact)) != 0;
}

/* The stored contact with what the form shows; company: see save. */
static KontorContact *
build_edited (KontorContactPage *self)
{
  KontorContact *edited = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (self->contact)));
  g_autoptr(GPtrArray) emails = _kontor_contact_page_channels_from_rows (self->email_rows);
  g_autoptr(GPtrArray) phones = _kontor_contact_page_channels_from_rows (self->phone_rows);
  g_auto(GStrv) sales_reps = NULL;
  g_auto(GStrv) assignees = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  guint selected;

  kontor_contact_set_salutation (edited, adw_combo_row_get_selected (self->salutation_row));
  set_from_entry (edited, KONTOR_CONTACT_FIELD_TITLE, self->title_row);
  set_from_entry (edited, KONTOR_CONTACT_FIELD_FIRST_NAME, self->first_name_row);
  set_from_entry (edited, KONTOR_CONTACT_FIELD_LAST_NAME, self->last_name_row);
  set_from_entry (edited, KONTOR_CONTACT_FIELD_JOB_TITLE, self->job_title_row);
  kontor_contact_set_language (edited, adw_combo_row_get_selected (self->language_row));
  kontor_contact_set_birthday (edited, self->birthday);
  kontor_contact_set_is_lead (edited, gtk_switch_get_active (self->lead_switch));
  kontor_contact_set_emails (edited, emails);
  kontor_contact_set_phones (edited, phones);
  set_from_entry (edited, KONTOR_CONTACT_FIELD_STREET, self->street_row);
  set_from_entry (edited, KONTOR_CONTACT_FIELD_POSTAL_CODE, self->postal_code_row);
  set_from_entry (edited, KONTOR_CONTACT_FIELD_CITY, self->city_row);
  set_from_entry (edited, KONTOR_CONTACT_FIELD_COUNTRY, self->country_row);
  set_from_entry (edited, KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER, self->customer_number_row);
  kontor_contact_set_due_date (edited, self->due_date);

  selected = adw_combo_row_get_selected (self->pipeline_row);
  if (selected < self->pipeline_ids->len &&
      g_strcmp0 (g_ptr_array_index (self->pipeline_ids, selected),
                 kontor_contact_get_pipeline_status_id (edited)) != 0)
    {
      kontor_contact_set_pipeline_status_id (edited,
                                             g_ptr_array_index (self->pipeline_ids, selected));
      /* no place in the new column yet: the store puts the card last */
      kontor_contact_set_rank (edited, NULL);
    }

  selected = adw_combo_row_get_selected (self->team_row);
  if (selected < self->team_ids->len)
    kontor_contact_set_assigned_team_id (edited, g_ptr_array_index (self->team_ids, selected));

  sales_reps = dup_checked_ids (&self->sales_reps, kontor_contact_get_sales_reps (self->contact));
  kontor_contact_set_sales_reps (edited, (const char * const *) sales_reps);
  assignees = dup_checked_ids (&self->assignees, kontor_contact_get_assignees (self->contact));
  kontor_contact_set_assignees (edited, (const char * const *) assignees);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  kontor_contact_set_notes (edited, notes);

  if (company_changed (self))
    {
      g_autofree char *company = _kontor_contact_page_dup_entry_text (self->company_row);
      const char *company_id = kontor_company_completion_get_company_id (self->company_completion);

      kontor_contact_set_company_id (edited, company_id);
      kontor_contact_set_company_name (edited, company);
    }

  return edited;
}

/* kontor_contact_validate() and the phone rule of the form */
static gboolean
validate_edited (KontorContact  *edited,
                 GError        **error)
{
  GPtrArray *phones = kontor_contact_get_phones (edited);

  if (!kontor_contact_validate (edited, error))
    return FALSE;

  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      const KontorChannel *phone = g_ptr_array_index (phones, i);
      g_autofree char *digits = kontor_phone_normalize (phone->value);

      if (*digits == '\0')
        {
          g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                       /* Translators: %s is what the user typed as phone number */
                       _("“%s” is not a phone number."), phone->value);
          return FALSE;
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Contact → form */

static void
update_actions (KontorContactPage *self)
{
  gboolean editable = _kontor_contact_page_can_edit (self);
  KontorContactStatus status = self->contact != NULL ? kontor_contact_get_status (self->contact)
                                                     : KONTOR_CONTACT_STATUS_PROSPECT;
  g_autofree char *number = _kontor_contact_page_dup_entry_text (self->customer_number_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.save",
                                 editable && self->dirty && self->valid && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.status", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.archive",
                                 editable && status != KONTOR_CONTACT_STATUS_ARCHIVED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.make-active",
                                 editable && kontor_contact_status_is_restricted (status));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.delete", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.generate-number",
                                 editable && number == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.add-email", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.add-phone", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.remove-channel", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.clear-birthday",
                                 editable && self->birthday != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.clear-due-date",
                                 editable && self->due_date != NULL);
}

static void
update_header (KontorContactPage *self,
               KontorContact     *view)
{
  g_autofree char *name = NULL;
  g_autofree char *job = NULL;
  const char *job_title = NULL;
  const char *company = NULL;

  if (view != NULL)
    {
      name = kontor_record_dup_display_name (KONTOR_RECORD (view));
      job_title = kontor_contact_get_job_title (view);
      company = kontor_contact_get_company_name (view);
    }

  if (job_title != NULL && company != NULL)
    /* Translators: a job title and a company: "Head of Sales at Müller GmbH" */
    job = g_strdup_printf (_("%s at %s"), job_title, company);
  else
    job = g_strdup (job_title != NULL ? job_title : company);

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->job_label, job);
  gtk_widget_set_visible (GTK_WIDGET (self->job_label), job != NULL);

  /* initials of the person, not of "Dr." */
  if (view != NULL && kontor_contact_has_person_name (view))
    {
      g_autofree char *person = g_strjoin (" ",
                                           kontor_contact_get_first_name (view) ?: "",
                                           kontor_contact_get_last_name (view) ?: "",
                                           NULL);
      adw_avatar_set_text (self->avatar, g_strstrip (person));
    }
  else
    adw_avatar_set_text (self->avatar, name);
  adw_window_title_set_title (self->window_title, name != NULL ? name : "");
  adw_window_title_set_subtitle (self->window_title, company);
}

static void
update_user_rows (KontorContactPage *self)
{
  g_autofree char *sales_reps = dup_checked_names (&self->sales_reps);
  g_autofree char *assignees = dup_checked_names (&self->assignees);
  guint team = adw_combo_row_get_selected (self->team_row);
  gpointer team_item = adw_combo_row_get_selected_item (self->team_row);

  adw_action_row_set_subtitle (self->sales_reps_row, sales_reps != NULL ? sales_reps : _("None"));
  /* Assignment (FEATURES C7): chosen colleagues, else a team, else everyone */
  if (assignees != NULL)
    adw_action_row_set_subtitle (self->assignees_row, assignees);
  else if (team > 0 && GTK_IS_STRING_OBJECT (team_item))
    adw_action_row_set_subtitle (self->assignees_row,
                                 gtk_string_object_get_string (GTK_STRING_OBJECT (team_item)));
  else
    adw_action_row_set_subtitle (self->assignees_row, _("Everyone"));
}

static void
update_status (KontorContactPage *self)
{
  KontorContactStatus status = KONTOR_CONTACT_STATUS_PROSPECT;
  const char *nick = "";
  gboolean restricted = FALSE;

  if (self->contact != NULL)
    {
      status = kontor_contact_get_status (self->contact);
      nick = kontor_contact_status_to_nick (status);
      restricted = kontor_contact_status_is_restricted (status);
    }

  if (status == KONTOR_CONTACT_STATUS_ARCHIVED)
    gtk_label_set_label (self->restricted_label,
                         _("Archived contacts are not on the pipeline board and get no new "
                           "activities. All their data is kept."));
  else if (status == KONTOR_CONTACT_STATUS_INBOX)
    gtk_label_set_label (self->restricted_label,
                         _("Contacts in the inbox were imported and are not checked yet. They "
                           "are not on the pipeline board and get no new activities until "
                           "they are made active."));
  gtk_revealer_set_reveal_child (self->restricted_revealer, restricted);

  /* The store refuses a new pipeline status for restricted contacts. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->pipeline_row),
                            _kontor_contact_page_can_edit (self) && !restricted);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->pipeline_row),
                               restricted
                               ? _("Make the contact active to change its pipeline status.")
                               : NULL);

  if (g_strcmp0 (nick, self->shown_status) != 0)
    {
      g_free (self->shown_status);
      self->shown_status = g_strdup (nick);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

static void
update_details (KontorContactPage *self)
{
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *activity = NULL;

  if (self->contact != NULL)
    {
      created = kontor_format_date (kontor_record_get_created_at (KONTOR_RECORD (self->contact)));
      updated = kontor_format_date (kontor_record_get_updated_at (KONTOR_RECORD (self->contact)));
      activity = kontor_format_date (kontor_contact_get_last_activity_at (self->contact));
    }

  gtk_label_set_label (self->created_label, created != NULL ? created : "—");
  gtk_label_set_label (self->updated_label, updated != NULL ? updated : "—");
  gtk_label_set_label (self->activity_label, activity != NULL ? activity : _("None yet"));
}

static void
update_editable (KontorContactPage *self)
{
  gboolean editable = _kontor_contact_page_can_edit (self);
  AdwEntryRow *entries[] = {
    self->title_row, self->first_name_row, self->last_name_row, self->job_title_row,
    self->company_row, self->street_row, self->postal_code_row, self->city_row,
    self->country_row, self->customer_number_row,
  };
  GtkWidget *controls[] = {
    GTK_WIDGET (self->salutation_row), GTK_WIDGET (self->language_row),
    GTK_WIDGET (self->team_row), GTK_WIDGET (self->lead_switch),
    GTK_WIDGET (self->birthday_button), GTK_WIDGET (self->due_date_button),
    GTK_WIDGET (self->sales_reps_button), GTK_WIDGET (self->assignees_button),
  };
  GPtrArray *all[] = { self->email_rows, self->phone_rows };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_editable (GTK_EDITABLE (entries[i]), editable);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_sensitive (controls[i], editable);

  gtk_text_view_set_editable (self->notes_view, editable);
  gtk_text_view_set_cursor_visible (self->notes_view, editable);
  gtk_widget_set_visible (self->add_email_row, editable);
  gtk_widget_set_visible (self->add_phone_row, editable);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      for (guint j = 0; j < all[i]->len; j++)
        _kontor_contact_page_update_channel_row_editable (self, g_ptr_array_index (all[i], j));
    }
}

static void
set_dirty (KontorContactPage *self,
           gboolean           dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/* Reads the form after every change: dirty, valid, header, buttons. */
void
_kontor_contact_page_update_state (KontorContactPage *self)
{
  g_autoptr(KontorContact) edited = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid;

  if (self->loading > 0)
    return;

  if (self->contact == NULL)
    {
      self->valid = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);
      set_dirty (self, FALSE);
      update_header (self, NULL);
      update_actions (self);
      return;
    }

  edited = build_edited (self);
  changes = kontor_record_diff (KONTOR_RECORD (self->contact), KONTOR_RECORD (edited));
  valid = validate_edited (edited, &error);

  gtk_label_set_label (self->feedback_label, valid ? NULL : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), !valid);
  _kontor_contact_page_mark_channel_rows (self);
  update_header (self, edited);
  update_user_rows (self);

  self->valid = valid;
  set_dirty (self, changes->len > 0 || company_changed (self));
  update_actions (self);
}

/* Shows @view in the form. @view is the stored contact, or while the user
 * is typing, the stored contact with the user's changes on top. */
static void
populate (KontorContactPage *self,
          KontorContact     *view,
          gboolean           keep_company)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  const char *new_notes = view != NULL ? kontor_contact_get_notes (view) : NULL;
  GtkTextIter start, end;

  self->loading++;

  _kontor_contact_page_set_entry_text (self->title_row,
                                       view != NULL ? kontor_contact_get_title (view) : NULL);
  _kontor_contact_page_set_entry_text (self->first_name_row,
                                       view != NULL ? kontor_contact_get_first_name (view) : NULL);
  _kontor_contact_page_set_entry_text (self->last_name_row,
                                       view != NULL ? kontor_contact_get_last_name (view) : NULL);
  _kontor_contact_page_set_entry_text (self->job_title_row,
                                       view != NULL ? kontor_contact_get_job_title (view) : NULL);
  _kontor_contact_page_set_entry_text (self->street_row,
                                       view != NULL ? kontor_contact_get_street (view) : NULL);
  _kontor_contact_page_set_entry_text (self->postal_code_row,
                                       view != NULL ? kontor_contact_get_postal_code (view) : NULL);
  _kontor_contact_page_set_entry_text (self->city_row,
                                       view != NULL ? kontor_contact_get_city (view) : NULL);
  _kontor_contact_page_set_entry_text (self->country_row,
                                       view != NULL ? kontor_contact_get_country (view) : NULL);
  _kontor_contact_page_set_entry_text (self->customer_number_row,
                                       view != NULL ? kontor_contact_get_customer_number (view)
                                                    : NULL);
  if (!keep_company && view != NULL)
    kontor_company_completion_set_company (self->company_completion,
                                           kontor_contact_get_company_id (view),
                                           kontor_contact_get_company_name (view));
  else if (!keep_company)
    kontor_company_completion_set_company (self->company_completion, NULL, NULL);

  adw_combo_row_set_selected (self->salutation_row,
                              view != NULL ? kontor_contact_get_salutation (view) : 0);
  adw_combo_row_set_selected (self->language_row,
                              view != NULL ? kontor_contact_get_language (view) : 0);
  gtk_switch_set_active (self->lead_switch, view != NULL && kontor_contact_get_is_lead (view));
  set_date (self, &self->birthday, view != NULL ? kontor_contact_get_birthday (view) : NULL,
            self->birthday_button, self->birthday_calendar);
  set_date (self, &self->due_date, view != NULL ? kontor_contact_get_due_date (view) : NULL,
            self->due_date_button, self->due_date_calendar);

  _kontor_contact_page_set_channels (self, KONTOR_CHANNEL_KIND_EMAIL,
                                     view != NULL ? kontor_contact_get_emails (view) : NULL);
  _kontor_contact_page_set_channels (self, KONTOR_CHANNEL_KIND_PHONE,
                                     view != NULL ? kontor_contact_get_phones (view) : NULL);

  fill_pipeline (self, view);
  fill_teams (self, view);
  users = kontor_store_list_users (get_store (self), &error);
  if (users == NULL)
    g_warning ("Could not list the users: %s", error->message);
  fill_user_checks (self, &self->sales_reps, users, TRUE,
                    view != NULL ? kontor_contact_get_sales_reps (view) : NULL);
  fill_user_checks (self, &self->assignees, users, FALSE,
                    view != NULL ? kontor_contact_get_assignees (view) : NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (notes, new_notes != NULL ? new_notes : "") != 0)
    gtk_text_buffer_set_text (buffer, new_notes != NULL ? new_notes : "", -1);

  self->loading--;

  update_details (self);
  update_editable (self);
  update_status (self);
  _kontor_contact_page_update_state (self);
}

/* The stored contact changed (here or elsewhere): show it, keeping what
 * is being typed. */
static void
take_stored (KontorContactPage *self,
             KontorContact     *stored)
{
  g_autoptr(KontorContact) edited = NULL;
  g_autoptr(KontorContact) view = NULL;
  g_autoptr(GArray) changes = NULL;
  gboolean keep_company;

  if (!self->dirty)
    {
      g_set_object (&self->contact, stored);
      populate (self, self->contact, FALSE);
      return;
    }

  edited = build_edited (self);
  changes = kontor_record_diff (KONTOR_RECORD (self->contact), KONTOR_RECORD (edited));
  keep_company = company_changed (self);

  view = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (stored)));
  for (guint i = 0; i < changes->len; i++)
    {
      guint index = g_array_index (changes, guint, i);

      kontor_record_set_value (KONTOR_RECORD (view), index,
                               kontor_record_get_value (KONTOR_RECORD (edited), index));
    }

  g_set_object (&self->contact, stored);
  populate (self, view, keep_company);
}

static void
on_store_changed_cb (KontorContactPage *self,
                     const char        *entity,
                     GArray            *rowids,
                     KontorStore       *store)
{
  g_autoptr(KontorContact) stored = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ours = rowids->len == 0 || !g_str_equal (entity, "contact");
  gint64 rowid;

  g_assert (KONTOR_IS_CONTACT_PAGE (self));

  if (self->contact == NULL || self->busy)
    return;

  rowid = kontor_record_get_rowid (KONTOR_RECORD (self->contact));
  for (guint i = 0; !ours && i < rowids->len; i++)
    ours = g_array_index (rowids, gint64, i) == rowid;
  if (!ours)
    return;

  stored = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                              kontor_record_get_id (KONTOR_RECORD (self->contact)), &error);
  if (stored == NULL)
    {
      if (!g_error_matches (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
        {
          g_warning ("Could not reload the contact: %s", error->message);
          return;
        }

      /* deleted elsewhere */
      g_clear_object (&self->contact);
      set_dirty (self, FALSE);
      populate (self, NULL, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        leave (self);
      return;
    }

  take_stored (self, stored);
}

/* ------------------------------------------------------------------------ */
/* Status, archive, delete */

typedef struct
{
  KontorContactPage   *page;
  KontorContact       *contact;
  KontorContactStatus  status;
} Request;

static Request *
request_new (KontorContactPage   *page,
             KontorContactStatus  status)
{
  Request *request = g_new0 (Request, 1);

  request->page = g_object_ref (page);
  request->contact = g_object_ref (page->contact);
  request->status = status;

  return request;
}

static void
request_free (gpointer  data,
              GClosure *closure)
{
  Request *request = data;

  g_object_unref (request->page);
  g_object_unref (request->contact);
  g_free (request);
}

/* Whether the page still shows the contact a dialog asked about */
static gboolean
request_is_current (Request *request)
{
  return request->page->contact != NULL &&
         g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (request->page->contact)),
                    kontor_record_get_id (KONTOR_RECORD (request->contact))) == 0;
}

static void
change_status (KontorContactPage   *self,
               KontorContactStatus  status,
               const char          *title)
{
  g_autoptr(KontorFieldChange) change = NULL;

  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (self->contact), title);
  kontor_field_change_set_enum (change, KONTOR_CONTACT_FIELD_STATUS, status);
  run_operation (self, KONTOR_OPERATION (change));
}

static void
change_status_with_title (KontorContactPage   *self,
                          KontorContactStatus  status)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  g_autofree char *title = dup_status_title (name, status);

  change_status (self, status, title);
}

static void
on_customer_dialog_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                Request          *request)
{
  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));

  if (g_str_equal (response, "customer") && request_is_current (request))
    change_status_with_title (request->page, request->status);
}

static void
request_status (KontorContactPage   *self,
                KontorContactStatus  status)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (!_kontor_contact_page_can_edit (self))
    return;

  switch (kontor_contact_status_change (kontor_contact_get_status (self->contact), status))
    {
    case KONTOR_STATUS_CHANGE_NONE:
      return;
    case KONTOR_STATUS_CHANGE_ALLOWED:
      change_status_with_title (self, status);
      return;
    case KONTOR_STATUS_CHANGE_CONFIRM:
      break;
    default:
      g_return_if_reached ();
    }

  /* Prospect → Customer asks first (FEATURES C4) */
  name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  /* Translators: %s is a contact's name */
  heading = g_strdup_printf (_("Make “%s” a Customer?"), name);
  dialog = new_message_dialog (self, heading,
                               _("Customers are the active contacts your team looks after. "
                                 "Their data and history stay as they are."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "customer", _("_Make Customer"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "customer", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "customer");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_customer_dialog_response_cb),
                         request_new (self, status), request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_status_nick (KontorContactPage *self,
                 const char        *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (KONTOR_TYPE_CONTACT_STATUS);
  GEnumValue *value;

  if (self->contact == NULL || nick == NULL)
    return;

  value = g_enum_get_value_by_nick (klass, nick);
  g_return_if_fail (value != NULL);

  request_status (self, value->value);
}

static void
delete_contact (KontorContactPage *self)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  gboolean deleted;

  self->busy = TRUE;
  deleted = kontor_store_delete (get_store (self), KONTOR_RECORD (self->contact), &error);
  self->busy = FALSE;

  if (!deleted)
    {
      show_error (self, _("The Contact Could Not Be Deleted"), error);
      return;
    }

  g_clear_object (&self->contact);
  set_dirty (self, FALSE);
  populate (self, NULL, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);

  leave (self);
  /* Translators: %s is a contact's name */
  title = g_strdup_printf (_("“%s” deleted"), name);
  add_toast (self, title);
}

static void
on_delete_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              Request          *request)
{
  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));

  if (g_str_equal (response, KONTOR_DELETE_RESPONSE) && request_is_current (request))
    delete_contact (request->page);
}

static void
on_unsaved_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               Request          *request)
{
  KontorContactPage *self = request->page;
  g_autoptr(GError) error = NULL;

  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));

  if (!request_is_current (request))
    return;

  if (g_str_equal (response, "save"))
    {
      if (!kontor_contact_page_save (self, &error))
        {
          show_error (self, _("Your Changes Could Not Be Saved"), error);
          return;
        }
      leave (self);
    }
  else if (g_str_equal (response, "discard"))
    {
      set_dirty (self, FALSE);
      take_stored (self, self->contact);
      leave (self);
    }
}

/* ------------------------------------------------------------------------ */
/* Actions */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!self->dirty || self->contact == NULL)
    {
      leave (self);
      return;
    }

  name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  /* Translators: %s is a contact's name */
  body = g_strdup_printf (_("The changes to “%s” are not saved yet."), name);
  dialog = new_message_dialog (self, _("Save Changes?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", self->valid);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_unsaved_dialog_response_cb),
                         request_new (self, kontor_contact_get_status (self->contact)),
                         request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!kontor_contact_page_save (self, &error))
    {
      if (g_error_matches (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID))
        {
          gtk_label_set_label (self->feedback_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), TRUE);
        }
      else
        show_error (self, _("The Contact Could Not Be Saved"), error);
      return;
    }

  add_toast (self, _("Saved"));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);

  request_status (self, KONTOR_CONTACT_STATUS_ARCHIVED);
}

static void
make_active_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  KontorContactStatus previous;

  if (!_kontor_contact_page_can_edit (self) ||
      !kontor_contact_status_is_restricted (kontor_contact_get_status (self->contact)))
    return;

  name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  /* Translators: %s is a contact's name */
  title = g_strdup_printf (_("“%s” is active again"), name);
  previous = kontor_contact_get_previous_status (self->contact);
  change_status (self, kontor_contact_status_reactivated (previous), title);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkRoot *root;

  if (!_kontor_contact_page_can_edit (self))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = kontor_delete_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     KONTOR_RECORD (self->contact));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_dialog_response_cb),
                         request_new (self, kontor_contact_get_status (self->contact)),
                         request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
generate_number_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);
  g_autoptr(KontorContact) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  if (!_kontor_contact_page_can_edit (self))
    return;

  /* Stored at once, in the store's transaction that also advances the
   * range; the "changed" signal brings the number into the form. */
  copy = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (self->contact)));
  number = kontor_store_assign_customer_number (get_store (self), copy, &error);
  if (number == NULL)
    show_error (self, _("Could Not Assign a Customer Number"), error);
}

static void
add_channel_action (KontorContactPage *self,
                    KontorChannelKind  kind)
{
  ChannelRow *channel;

  if (!_kontor_contact_page_can_edit (self))
    return;

  channel = _kontor_contact_page_add_channel_row (self, kind, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (channel->row));
  _kontor_contact_page_update_state (self);
}

static void
add_email_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  add_channel_action (KONTOR_CONTACT_PAGE (widget), KONTOR_CHANNEL_KIND_EMAIL);
}

static void
add_phone_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  add_channel_action (KONTOR_CONTACT_PAGE (widget), KONTOR_CHANNEL_KIND_PHONE);
}

static void
remove_channel_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);
  ChannelRow *channel = _kontor_contact_page_find_channel_row (self,
                                                               g_variant_get_uint32 (parameter));
  GtkListBox *list;
  GtkListBoxRow *next;
  int index;

  if (channel == NULL || !_kontor_contact_page_can_edit (self))
    return;

  /* keep the focus in the list: on the next row, or the "Add …" row */
  list = _kontor_contact_page_get_channel_list (self, channel->kind);
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (channel->row));
  _kontor_contact_page_remove_channel_row (self, channel);
  next = gtk_list_box_get_row_at_index (list, index);
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));

  _kontor_contact_page_update_state (self);
}

static void
clear_birthday_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);

  set_date (self, &self->birthday, NULL, self->birthday_button, self->birthday_calendar);
  _kontor_contact_page_update_state (self);
}

static void
clear_due_date_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);

  set_date (self, &self->due_date, NULL, self->due_date_button, self->due_date_calendar);
  _kontor_contact_page_update_state (self);
}

/* ------------------------------------------------------------------------ */
/* GObject */

static void
kontor_contact_page_constructed (GObject *object)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (object);
  g_autoptr(GtkStringList) salutations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (kontor_contact_page_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  /* Same order as the enums: the index is the value. */
  for (KontorSalutation s = KONTOR_SALUTATION_NONE; s <= KONTOR_SALUTATION_MX; s++)
    gtk_string_list_append (salutations, kontor_salutation_to_string (s));
  for (KontorLanguage l = KONTOR_LANGUAGE_DE; l <= KONTOR_LANGUAGE_IT; l++)
    gtk_string_list_append (languages, kontor_language_to_string (l));

  self->loading++;
  adw_combo_row_set_model (self->salutation_row, G_LIST_MODEL (salutations));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  self->loading--;

  self->company_completion = kontor_company_completion_new (get_store (self),
                                                            GTK_WIDGET (self->company_row));

  g_signal_connect_object (get_store (self), "changed::contact",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "changed::company",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  populate (self, NULL, FALSE);
}

static void
kontor_contact_page_dispose (GObject *object)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (object);

  /* The completion's popover hangs on a template child: first. */
  if (self->company_completion != NULL)
    kontor_company_completion_detach (self->company_completion);
  g_clear_object (&self->company_completion);

  /* The bin's child is a template child (toast_overlay): take it from
   * AdwBin first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_CONTACT_PAGE);

  g_clear_object (&self->contact);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_contact_page_parent_class)->dispose (object);
}

static void
kontor_contact_page_finalize (GObject *object)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (object);

  g_ptr_array_unref (self->email_rows);
  g_ptr_array_unref (self->phone_rows);
  g_ptr_array_unref (self->pipeline_ids);
  g_ptr_array_unref (self->team_ids);
  user_checks_clear (&self->sales_reps);
  user_checks_clear (&self->assignees);
  g_free (self->birthday);
  g_free (self->due_date);
  g_free (self->shown_status);

  G_OBJECT_CLASS (kontor_contact_page_parent_class)->finalize (object);
}

static void
kontor_contact_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->shown_status != NULL ? self->shown_status : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_contact_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_STATUS:
      set_status_nick (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_contact_page_class_init (KontorContactPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_contact_page_constructed;
  object_class->dispose = kontor_contact_page_dispose;
  object_class->finalize = kontor_contact_page_finalize;
  object_class->get_property = kontor_contact_page_get_property;
  object_class->set_property = kontor_contact_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KONTOR_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KontorContactPage:contact:
   *
   * The contact shown, as stored; %NULL when none.
   */
  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL, KONTOR_TYPE_CONTACT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KontorContactPage:dirty:
   *
   * Whether the form holds changes not saved yet.
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KontorContactPage:status:
   *
   * The contact's status as its nick ("prospect"), the state of the
   * `contact.status` action. Setting it asks for that status: at once and
   * undoable, or after a question (Prospect → Customer); the property
   * follows when the change is stored.
   */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-contact-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, job_label);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, restricted_revealer);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, restricted_label);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, job_title_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, company_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, birthday_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, birthday_calendar);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, lead_switch);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, email_list);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, add_email_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, phone_list);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, add_phone_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, street_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, city_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, customer_number_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, sales_reps_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, sales_reps_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, sales_reps_box);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, assignees_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, assignees_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, assignees_box);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, team_row);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, due_date_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, due_date_calendar);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, created_label);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, updated_label);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, activity_label);
  /* shared with kontor-contact-page-channels.c, hence not static */
  gtk_widget_class_bind_template_callback_full (
    widget_class, "on_field_changed_cb", G_CALLBACK (_kontor_contact_page_on_field_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_birthday_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_date_calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "contact.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "contact.save", NULL, save_action);
  gtk_widget_class_install_property_action (widget_class, "contact.status", "status");
  gtk_widget_class_install_action (widget_class, "contact.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "contact.make-active", NULL, make_active_action);
  gtk_widget_class_install_action (widget_class, "contact.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "contact.generate-number", NULL,
                                   generate_number_action);
  gtk_widget_class_install_action (widget_class, "contact.add-email", NULL, add_email_action);
  gtk_widget_class_install_action (widget_class, "contact.add-phone", NULL, add_phone_action);
  gtk_widget_class_install_action (widget_class, "contact.remove-channel", "u",
                                   remove_channel_action);
  gtk_widget_class_install_action (widget_class, "contact.clear-birthday", NULL,
                                   clear_birthday_action);
  gtk_widget_class_install_action (widget_class, "contact.clear-due-date", NULL,
                                   clear_due_date_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "contact.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "contact.back", NULL);
}

static void
kontor_contact_page_init (KontorContactPage *self)
{
  self->email_rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _kontor_contact_page_channel_row_free);
  self->phone_rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _kontor_contact_page_channel_row_free);
  self->pipeline_ids = g_ptr_array_new_with_free_func (g_free);
  self->team_ids = g_ptr_array_new_with_free_func (g_free);
  self->valid = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  user_checks_init (&self->sales_reps, self->sales_reps_box);
  user_checks_init (&self->assignees, self->assignees_box);
}

/**
 * kontor_contact_page_new:
 * @context: the context
 *
 * Returns: (transfer full): a contact page showing no contact yet
 */
GtkWidget *
kontor_contact_page_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_CONTACT_PAGE, "context", context, NULL);
}

/**
 * kontor_contact_page_set_contact:
 * @self: a contact page
 * @contact: (nullable): a stored contact
 *
 * Shows @contact (a copy of it). Changes not saved yet of another contact
 * shown before are saved first; when that fails, the page says why.
 */
void
kontor_contact_page_set_contact (KontorContactPage *self,
                                 KontorContact     *contact)
{
  g_autoptr(GError) error = NULL;
  gboolean other;

  g_return_if_fail (KONTOR_IS_CONTACT_PAGE (self));
  g_return_if_fail (contact == NULL || KONTOR_IS_CONTACT (contact));

  other = self->contact == NULL || contact == NULL ||
          g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (self->contact)),
                     kontor_record_get_id (KONTOR_RECORD (contact))) != 0;

  /* Never lose an edit: opening another contact saves this one. */
  if (other && self->dirty && !kontor_contact_page_save (self, &error))
    show_error (self, _("Your Changes Could Not Be Saved"), error);

  if (!other)
    {
      /* the same contact again: what is being typed stays */
      g_autoptr(KontorRecord) copy = kontor_record_copy (KONTOR_RECORD (contact));

      take_stored (self, KONTOR_CONTACT (copy));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
      return;
    }

  g_clear_object (&self->contact);
  if (contact != NULL)
    self->contact = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (contact)));

  /* a fresh form: no rows left from the contact before */
  set_dirty (self, FALSE);
  while (self->email_rows->len > 0)
    _kontor_contact_page_remove_channel_row (self, g_ptr_array_index (self->email_rows, 0));
  while (self->phone_rows->len > 0)
    _kontor_contact_page_remove_channel_row (self, g_ptr_array_index (self->phone_rows, 0));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  populate (self, self->contact, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

/**
 * kontor_contact_page_get_contact:
 * @self: a contact page
 *
 * Returns: (transfer none) (nullable): the contact shown, as stored
 */
KontorContact *
kontor_contact_page_get_contact (KontorContactPage *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_PAGE (self), NULL);

  return self->contact;
}

/**
 * kontor_contact_page_get_dirty:
 * @self: a contact page
 *
 * Returns: %TRUE when the form holds changes not saved yet
 */
gboolean
kontor_contact_page_get_dirty (KontorContactPage *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_PAGE (self), FALSE);

  return self->dirty;
}

/**
 * kontor_contact_page_save:
 * @self: a contact page
 * @error: return location for a #GError
 *
 * Saves the changes of the form in one transaction: the fields the user
 * changed are written onto the contact as stored now (so changes made
 * meanwhile elsewhere are kept), a company name nobody has yet becomes a
 * new company. Does nothing when nothing changed. Shows no dialog: the
 * caller says what failed.
 *
 * Returns: %TRUE when everything is saved
 */
gboolean
kontor_contact_page_save (KontorContactPage  *self,
                          GError            **error)
{
  g_autoptr(KontorContact) edited = NULL;
  g_autoptr(KontorContact) fresh = NULL;
  g_autoptr(KontorContact) reloaded = NULL;
  g_autoptr(KontorCompany) new_company = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autofree char *company_id = NULL;
  gboolean new_company_name;
  gboolean saved;

  g_return_val_if_fail (KONTOR_IS_CONTACT_PAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->contact == NULL || !self->dirty)
    return TRUE;

  edited = build_edited (self);
  if (!validate_edited (edited, error))
    return FALSE;

  fresh = kontor_store_load (get_store (self), KONTOR_TYPE_CONTACT,
                             kontor_record_get_id (KONTOR_RECORD (self->contact)), error);
  if (fresh == NULL)
    return FALSE;

  changes = kontor_record_diff (KONTOR_RECORD (self->contact), KONTOR_RECORD (edited));
  for (guint i = 0; i < changes->len; i++)
    {
      guint index = g_array_index (changes, guint, i);

      kontor_record_set_value (KONTOR_RECORD (fresh), index,
                               kontor_record_get_value (KONTOR_RECORD (edited), index));
    }

  records = g_ptr_array_new_with_free_func (g_object_unref);
  new_company_name = company_changed (self);
  if (new_company_name)
    {
      if (!kontor_company_completion_resolve (self->company_completion, &company_id, &new_company,
                                              error))
        return FALSE;
      kontor_contact_set_company_id (fresh, company_id);
      if (new_company != NULL)
        g_ptr_array_add (records, g_object_ref (new_company));
    }
  g_ptr_array_add (records, g_object_ref (fresh));

  /* the "changed" signal of our own save must not reload the half state */
  self->busy = TRUE;
  saved = kontor_store_save_all (get_store (self), records, NULL, error);
  self->busy = FALSE;
  if (!saved)
    {
      update_actions (self);
      return FALSE;
    }

  reloaded = kontor_store_load (get_store (self), KONTOR_TYPE_CONTACT,
                                kontor_record_get_id (KONTOR_RECORD (fresh)), NULL);
  g_set_object (&self->contact, (reloaded != NULL ? reloaded : fresh));

  _kontor_contact_page_take_channel_ids (self, KONTOR_CHANNEL_KIND_EMAIL,
                                         kontor_contact_get_emails (self->contact));
  _kontor_contact_page_take_channel_ids (self, KONTOR_CHANNEL_KIND_PHONE,
                                         kontor_contact_get_phones (self->contact));
  if (new_company_name)
    kontor_company_completion_set_company (self->company_completion,
                                           kontor_contact_get_company_id (self->contact),
                                           kontor_contact_get_company_name (self->contact));

  /* what was typed is what is stored now: the form stays as it is */
  set_dirty (self, FALSE);
  take_stored (self, self->contact);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);

  return TRUE;
}
