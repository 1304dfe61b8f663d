/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-company-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-address-section.h"
#include "kontor-channels-section.h"
#include "kontor-company-page.h"
#include "kontor-company-section.h"
#include "kontor-delete-dialog.h"
#include "kontor-activities-section.h"
#include "kontor-employments-section.h"
#include "kontor-header-section.h"
#include "kontor-history-section.h"
#include "kontor-mail-ui.h"
#include "kontor-new-contact-dialog.h"
#include "kontor-notes-section.h"
#include "kontor-record-list.h"
#include "kontor-ui-utils.h"

/**
 * KontorCompanyPage:
 *
 * A company's page (feature C1, src/README.md "Workspace"): the shared editor sections
 * (the header, what the company is, its phones and e-mails, its address,
 * its notes) as a form with Back, Save and a menu, and its contacts
 * below. Like the contact page, it applies the sections to a copy of the
 * company as stored; the difference makes it dirty, the model's rules
 * (kontor_company_validate()) valid, and a save writes only the fields
 * that changed onto the company as stored now.
 *
 * "Add Contact" makes a contact already linked to the company; a contact
 * opened from the list comes back here with Back (win.show-company-contact).
 */
struct _KontorCompanyPage
{
  AdwBin                 parent_instance;

  KontorContext         *context;
  KontorCompany         *company;          /* as stored; NULL when none */
  KontorFilter          *contacts_filter;
  KontorRecordList      *contacts;
  gboolean               busy;
  gboolean               dirty;
  gboolean               valid;
  gboolean               has_number;       /* the form has a customer number */

  AdwWindowTitle        *window_title;
  GtkLabel              *feedback_label;
  KontorHeaderSection   *header_section;
  KontorCompanySection  *company_section;
  KontorChannelsSection *channels_section;
  KontorAddressSection  *address_section;
  KontorNotesSection    *notes_section;
  GtkListBox            *contacts_list;
  KontorEmploymentsSection *employments_section;
  KontorActivitiesSection  *activities_section;
  KontorHistorySection  *history_section;

#define N_SECTIONS 4
  KontorEditorSection   *sections[N_SECTIONS];  /* the editable ones, in page order */
};

G_DEFINE_FINAL_TYPE (KontorCompanyPage, kontor_company_page, ADW_TYPE_BIN)

static KontorStore *
get_store (KontorCompanyPage *self)
{
  return kontor_context_get_store (self->context);
}

static void
leave (KontorCompanyPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-companies", NULL);
}

/* The stored company with what the sections show */
static KontorCompany *
build_edited (KontorCompanyPage *self)
{
  KontorRecord *edited = kontor_record_copy (KONTOR_RECORD (self->company));

  for (guint i = 0; i < N_SECTIONS; i++)
    kontor_editor_section_apply (self->sections[i], edited);

  return KONTOR_COMPANY (edited);
}

static void
update_actions (KontorCompanyPage *self)
{
  gboolean editable = self->company != NULL && kontor_context_can_edit (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "company.save",
                                 editable && self->dirty && self->valid && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "company.delete", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "company.export-calendar",
                                 self->company != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "company.new-contact", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "company.generate-number",
                                 editable && !self->has_number);
}

/* Reads the sections after every change: dirty, valid, header, buttons */
static void
update_state (KontorCompanyPage *self)
{
  g_autoptr(KontorCompany) edited = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->company == NULL)
    {
      self->valid = TRUE;
      self->dirty = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);
      adw_window_title_set_title (self->window_title, "");
      update_actions (self);
      return;
    }

  edited = build_edited (self);
  changes = kontor_record_diff (KONTOR_RECORD (self->company), KONTOR_RECORD (edited));
  self->valid = kontor_company_validate (edited, &error);
  self->dirty = changes->len > 0;
  self->has_number = kontor_company_get_customer_number (edited) != NULL;

  gtk_label_set_label (self->feedback_label, self->valid ? NULL : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), !self->valid);
  /* the header and the title show the name as it is being typed */
  kontor_editor_section_set_record (KONTOR_EDITOR_SECTION (self->header_section), self->context,
                                    KONTOR_RECORD (edited));
  adw_window_title_set_title (self->window_title, kontor_company_get_name (edited) != NULL
                                                  ? kontor_company_get_name (edited) : "");
  update_actions (self);
}

static void
on_section_edited_cb (KontorCompanyPage *self)
{
  update_state (self);
}

/* Shows @view in the sections: the company as stored, or while the user
 * is typing, the stored company with the user's changes on top */
static void
populate_with (KontorCompanyPage *self,
               KontorCompany     *view)
{
  kontor_editor_section_set_record (KONTOR_EDITOR_SECTION (self->header_section), self->context,
                                    KONTOR_RECORD (view));
  for (guint i = 0; i < N_SECTIONS; i++)
    kontor_editor_section_set_record (self->sections[i], self->context, KONTOR_RECORD (view));

  kontor_employments_section_set_owner (self->employments_section, self->context,
                                        KONTOR_RECORD (self->company));
  kontor_activities_section_set_owner (self->activities_section, self->context,
                                       KONTOR_RECORD (self->company));
  kontor_history_section_set_record (self->history_section, self->context,
                                     KONTOR_RECORD (self->company));
  kontor_filter_set_company_id (self->contacts_filter,
                                self->company != NULL
                                ? kontor_record_get_id (KONTOR_RECORD (self->company))
                                : "");
  update_state (self);
}

static void
populate (KontorCompanyPage *self)
{
  populate_with (self, self->company);
}

static void
on_store_company_changed_cb (KontorCompanyPage *self,
                             const char        *entity,
                             GArray            *rowids,
                             KontorStore       *store)
{
  g_autoptr(KontorCompany) stored = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ours = rowids->len == 0;

  if (self->company == NULL || self->busy)
    return;

  for (guint i = 0; !ours && i < rowids->len; i++)
    ours = g_array_index (rowids, gint64, i) == kontor_record_get_rowid (KONTOR_RECORD (self->company));
  if (!ours)
    return;

  stored = kontor_store_load (store, KONTOR_TYPE_COMPANY,
                              kontor_record_get_id (KONTOR_RECORD (self->company)), &error);
  if (stored == NULL && !g_error_matches (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
    {
      g_warning ("Could not reload the company: %s", error->message);
      return;
    }

  /* a change made elsewhere (a number given) comes in, and what is being
   * typed stays */
  if (stored != NULL && self->dirty)
    {
      g_autoptr(KontorCompany) edited = build_edited (self);
      g_autoptr(KontorRecord) view = kontor_record_copy (KONTOR_RECORD (stored));

      kontor_record_apply_changes (view, KONTOR_RECORD (self->company), KONTOR_RECORD (edited));
      g_set_object (&self->company, stored);
      populate_with (self, KONTOR_COMPANY (view));
      return;
    }

  g_set_object (&self->company, stored);
  populate (self);
  /* deleted: back to the companies */
  if (stored == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    leave (self);
}

/* ------------------------------------------------------------------------ */
/* Its contacts */

static GtkWidget *
create_contact_row (gpointer item,
                    gpointer user_data)
{
  KontorContact *contact = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (contact));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kontor_contact_get_job_title (contact));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "kontor-contact-id",
                          g_strdup (kontor_record_get_id (KONTOR_RECORD (contact))), g_free);

  return row;
}

static void
on_contacts_list_row_activated_cb (KontorCompanyPage *self,
                                   GtkListBoxRow     *row,
                                   GtkListBox        *list)
{
  const char *id = g_object_get_data (G_OBJECT (row), "kontor-contact-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-company-contact", "s", id);
}

static void
on_new_contact_created_cb (KontorCompanyPage *self,
                           KontorContact     *contact)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-company-contact", "s",
                              kontor_record_get_id (KONTOR_RECORD (contact)));
}

static void
new_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (widget);
  KontorNewContactDialog *dialog;

  if (self->company == NULL)
    return;

  dialog = kontor_new_contact_dialog_new (kontor_ui_get_window (widget), self->context);
  kontor_new_contact_dialog_set_company (dialog, self->company);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_new_contact_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Back, save, delete */

static void
on_unsaved_dialog_response_cb (KontorCompanyPage *self,
                               const char        *response,
                               AdwMessageDialog  *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save"))
    {
      if (!kontor_company_page_save (self, &error))
        {
          kontor_ui_show_error (GTK_WIDGET (self), _("Your Changes Could Not Be Saved"), error);
          return;
        }
      leave (self);
    }
  else if (g_str_equal (response, "discard"))
    {
      populate (self);
      leave (self);
    }
}

static void
record_activity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (widget);

  kontor_activities_section_record_new (self->activities_section);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (widget);
  AdwMessageDialog *dialog;

  if (!self->dirty || self->company == NULL)
    {
      leave (self);
      return;
    }

  dialog = kontor_ui_new_unsaved_dialog (widget, KONTOR_RECORD (self->company), self->valid);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!kontor_company_page_save (self, &error))
    {
      kontor_ui_show_save_error (widget, self->feedback_label, _("The Company Could Not Be Saved"),
                                 error);
      return;
    }

  kontor_ui_add_toast (GTK_WIDGET (self), _("Saved"));
}

/* "Nummer erzeugen" from the companies' own range: stored at once, in
 * the transaction that advances the range; the "changed" signal brings
 * the number into the form, keeping what is being typed */
static void
generate_number_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (widget);
  g_autoptr(KontorRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  if (self->company == NULL)
    return;

  copy = kontor_record_copy (KONTOR_RECORD (self->company));
  number = kontor_store_assign_number (get_store (self), copy, &error);
  if (number == NULL)
    kontor_ui_show_error (widget, _("Could Not Assign a Customer Number"), error);
}

static void
on_delete_dialog_response_cb (KontorCompanyPage *self,
                              const char        *response,
                              AdwMessageDialog  *dialog)
{
  g_autoptr(KontorCompany) company = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, KONTOR_DELETE_RESPONSE) || self->company == NULL)
    return;

  company = g_object_ref (self->company);
  if (!kontor_store_delete (get_store (self), KONTOR_RECORD (company), &error))
    {
      kontor_ui_show_error (GTK_WIDGET (self), _("The Company Could Not Be Deleted"), error);
      return;
    }

  /* Translators: %s is a company's name */
  title = g_strdup_printf (_("“%s” deleted"), kontor_company_get_name (company));
  kontor_ui_add_toast (GTK_WIDGET (self), title);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (widget);
  AdwMessageDialog *dialog;

  if (self->company == NULL)
    return;

  dialog = kontor_delete_dialog_new (kontor_ui_get_window (widget), KONTOR_RECORD (self->company));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* company.export-calendar: the window's export of the company's own tasks
 * and meetings (feature I4) */
static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (widget);

  if (self->company == NULL)
    return;

  gtk_widget_activate_action (widget, "win.export-calendar", "(ss)", "company",
                              kontor_record_get_id (KONTOR_RECORD (self->company)));
}

/* ------------------------------------------------------------------------ */
/* GObject */

static void
kontor_company_page_constructed (GObject *object)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (object);

  G_OBJECT_CLASS (kontor_company_page_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  /* every contact of the company, whatever its status */
  self->contacts_filter = kontor_filter_new ();
  kontor_filter_set_statuses (self->contacts_filter, 0);
  kontor_filter_set_company_id (self->contacts_filter, "");
  self->contacts = kontor_record_list_new (get_store (self), KONTOR_TYPE_CONTACT,
                                           self->contacts_filter);
  gtk_list_box_bind_model (self->contacts_list, G_LIST_MODEL (self->contacts),
                           create_contact_row, NULL, NULL);

  g_signal_connect_object (get_store (self), "changed::company",
                           G_CALLBACK (on_store_company_changed_cb), self, G_CONNECT_SWAPPED);
  /* e-mails dropped on the page are the company's (feature A7) */
  kontor_mail_ui_add_drop_target (GTK_WIDGET (self), self->context,
                                  (KontorMailOwnerFunc) kontor_company_page_get_company);

  populate (self);
}

static void
kontor_company_page_dispose (GObject *object)
{
  KontorCompanyPage *self = KONTOR_COMPANY_PAGE (object);

  if (self->contacts_list != NULL)
    gtk_list_box_bind_model (self->contacts_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_COMPANY_PAGE);
  g_clear_object (&self->contacts);
  g_clear_object (&self->contacts_filter);
  g_clear_object (&self->company);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_company_page_parent_class)->dispose (object);
}

static void
kontor_company_page_class_init (KontorCompanyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_company_page_constructed;
  object_class->dispose = kontor_company_page_dispose;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorCompanyPage, context));

  g_type_ensure (KONTOR_TYPE_HEADER_SECTION);
  g_type_ensure (KONTOR_TYPE_COMPANY_SECTION);
  g_type_ensure (KONTOR_TYPE_CHANNELS_SECTION);
  g_type_ensure (KONTOR_TYPE_ADDRESS_SECTION);
  g_type_ensure (KONTOR_TYPE_NOTES_SECTION);
  g_type_ensure (KONTOR_TYPE_EMPLOYMENTS_SECTION);
  g_type_ensure (KONTOR_TYPE_ACTIVITIES_SECTION);
  g_type_ensure (KONTOR_TYPE_HISTORY_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-company-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, header_section);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, company_section);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, channels_section);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, address_section);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, notes_section);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, employments_section);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, activities_section);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanyPage, history_section);
  gtk_widget_class_bind_template_callback (widget_class, on_section_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_contacts_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "company.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "company.record-activity", NULL,
                                   record_activity_action);
  gtk_widget_class_install_action (widget_class, "company.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "company.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "company.new-contact", NULL, new_contact_action);
  gtk_widget_class_install_action (widget_class, "company.generate-number", NULL,
                                   generate_number_action);
  gtk_widget_class_install_action (widget_class, "company.export-calendar", NULL,
                                   export_calendar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "company.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "company.back", NULL);
}

static void
kontor_company_page_init (KontorCompanyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kontor_ui_add_capture_shortcut (GTK_WIDGET (self), "<Control><Shift>a",
                                  "company.record-activity");

  self->sections[0] = KONTOR_EDITOR_SECTION (self->company_section);
  self->sections[1] = KONTOR_EDITOR_SECTION (self->channels_section);
  self->sections[2] = KONTOR_EDITOR_SECTION (self->address_section);
  self->sections[3] = KONTOR_EDITOR_SECTION (self->notes_section);
}

/**
 * kontor_company_page_new:
 * @context: the context
 *
 * Returns: (transfer full): a company page showing no company yet
 */
GtkWidget *
kontor_company_page_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_COMPANY_PAGE, "context", context, NULL);
}

/**
 * kontor_company_page_set_company:
 * @self: a company page
 * @company: (nullable): a stored company
 * @error: return location for a #GError
 *
 * Shows @company (a copy). Changes not saved yet of the company shown
 * before are saved first; when that fails, nothing changes and @error says
 * why.
 *
 * Returns: %TRUE when @company is shown
 */
gboolean
kontor_company_page_set_company (KontorCompanyPage  *self,
                                 KontorCompany      *company,
                                 GError            **error)
{
  g_return_val_if_fail (KONTOR_IS_COMPANY_PAGE (self), FALSE);
  g_return_val_if_fail (company == NULL || KONTOR_IS_COMPANY (company), FALSE);

  if (self->company != NULL && company != NULL &&
      g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (self->company)),
                 kontor_record_get_id (KONTOR_RECORD (company))) == 0 && self->dirty)
    return TRUE;   /* the same company, still being edited */

  if (!kontor_company_page_save (self, error))
    return FALSE;

  g_clear_object (&self->company);
  if (company != NULL)
    self->company = KONTOR_COMPANY (kontor_record_copy (KONTOR_RECORD (company)));
  populate (self);

  return TRUE;
}

/**
 * kontor_company_page_get_company:
 * @self: a company page
 *
 * Returns: (transfer none) (nullable): the company shown, as stored
 */
KontorCompany *
kontor_company_page_get_company (KontorCompanyPage *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANY_PAGE (self), NULL);

  return self->company;
}

/**
 * kontor_company_page_get_dirty:
 * @self: a company page
 *
 * Returns: whether the form holds changes not saved yet
 */
gboolean
kontor_company_page_get_dirty (KontorCompanyPage *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANY_PAGE (self), FALSE);

  return self->dirty;
}

/**
 * kontor_company_page_get_contacts:
 * @self: a company page
 *
 * Returns: (transfer none): the contacts of the company shown
 */
GListModel *
kontor_company_page_get_contacts (KontorCompanyPage *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANY_PAGE (self), NULL);

  return G_LIST_MODEL (self->contacts);
}

/**
 * kontor_company_page_save:
 * @self: a company page
 * @error: return location for a #GError
 *
 * Saves the changes of the form in one transaction: the fields the user
 * changed are written onto the company as stored now. Does nothing when
 * nothing changed.
 *
 * Returns: %TRUE when everything is saved
 */
gboolean
kontor_company_page_save (KontorCompanyPage  *self,
                          GError            **error)
{
  g_autoptr(KontorCompany) edited = NULL;
  g_autoptr(KontorCompany) fresh = NULL;
  g_autoptr(KontorCompany) reloaded = NULL;
  gboolean saved;

  g_return_val_if_fail (KONTOR_IS_COMPANY_PAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->company == NULL || !self->dirty)
    return TRUE;

  edited = build_edited (self);
  if (!kontor_company_validate (edited, error))
    return FALSE;

  fresh = kontor_store_load (get_store (self), KONTOR_TYPE_COMPANY,
                             kontor_record_get_id (KONTOR_RECORD (self->company)), error);
  if (fresh == NULL)
    return FALSE;

  kontor_record_apply_changes (KONTOR_RECORD (fresh), KONTOR_RECORD (self->company),
                               KONTOR_RECORD (edited));

  /* the "changed" signal of our own save must not reload a half state */
  self->busy = TRUE;
  saved = kontor_store_save (get_store (self), KONTOR_RECORD (fresh), error);
  self->busy = FALSE;
  if (!saved)
    {
      update_actions (self);
      return FALSE;
    }

  reloaded = kontor_store_load (get_store (self), KONTOR_TYPE_COMPANY,
                                kontor_record_get_id (KONTOR_RECORD (fresh)), NULL);
  g_set_object (&self->company, (reloaded != NULL ? reloaded : fresh));
  kontor_channels_section_take_ids (self->channels_section, KONTOR_RECORD (self->company));
  self->dirty = FALSE;
  populate (self);

  return TRUE;
}
