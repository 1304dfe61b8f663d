/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contact-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-address-section.h"
#include "kontor-channels-section.h"
#include "kontor-company-change-dialog.h"
#include "kontor-contact-page.h"
#include "kontor-contact-rules.h"
#include "kontor-details-section.h"
#include "kontor-activities-section.h"
#include "kontor-employments-section.h"
#include "kontor-enum-types.h"
#include "kontor-field-change.h"
#include "kontor-header-section.h"
#include "kontor-history-section.h"
#include "kontor-lead-entries-section.h"
#include "kontor-mail-ui.h"
#include "kontor-notes-section.h"
#include "kontor-person-section.h"
#include "kontor-sales-section.h"
#include "kontor-record-json.h"
#include "kontor-conflicts-window.h"
#include "kontor-store-sync.h"
#include "kontor-ui-utils.h"
#include "kontor-user.h"
#include "kontor-value-text.h"

/**
 * KontorContactPage:
 *
 * A contact's page (features C2–C9, src/README.md): every field of the contact as a form,
 * the status as linked toggle buttons, and its own header bar with Back,
 * Save and a menu (the window shows the table and this page in a stack).
 *
 * The page is a shell around #KontorEditorSection widgets (header, person,
 * channels, address, sales, notes, details): it shows the contact in each,
 * and whenever one of them says the user edited something, it has all of
 * them apply their values to a copy of the contact as stored; the
 * difference makes the page dirty, the rules of the form make it valid.
 * Saving loads the stored contact afresh and writes only the fields the
 * user changed, so a status change or a number given meanwhile is kept.
 * Status changes, archive and "Make Active" are immediate and undoable
 * operations; they do not touch what is being typed. Delete is the
 * window's win.delete-contact for the contact's id; the page learns of it
 * from the store like of any other deletion.
 *
 * Inside a #KontorWindow, operations, toasts and errors go through the
 * window (undo stack, one toast overlay); in any other window (tests) the
 * page uses its own toast overlay and message dialogs.
 */
struct _KontorContactPage
{
  AdwBin                 parent_instance;

  KontorContext         *context;
  KontorContact         *contact;          /* as stored; NULL when none */
  char                  *shown_status;     /* the status the action announced last */

  gboolean               busy;
  gboolean               dirty;
  gboolean               valid;
  gboolean               has_number;       /* the form has a customer number */
  gboolean               leave_after_save; /* opened as a form (from the board) */

  AdwToastOverlay       *toast_overlay;
  AdwWindowTitle        *window_title;
  GtkScrolledWindow     *scrolled_window;
  GMenu                 *delete_section;
  GtkLabel              *feedback_label;
  GtkWidget             *conflict_box;
  GtkWidget             *readonly_box;
  GtkLabel              *readonly_label;
  KontorHeaderSection   *header_section;
  KontorPersonSection   *person_section;
  KontorChannelsSection *channels_section;
  KontorAddressSection  *address_section;
  KontorSalesSection    *sales_section;
  KontorNotesSection    *notes_section;
  KontorDetailsSection  *details_section;
  KontorEmploymentsSection *employments_section;
  KontorActivitiesSection  *activities_section;
  KontorHistorySection  *history_section;
  KontorLeadEntriesSection *lead_entries_section;

#define N_SECTIONS 7
  KontorEditorSection   *sections[N_SECTIONS];  /* all of the above, in page order */
};

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

static gboolean
can_edit (KontorContactPage *self)
{
  return kontor_editor_section_can_edit (self->context, KONTOR_RECORD (self->contact));
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
/* Questions over the page, and leaving it */

static AdwMessageDialog *
new_message_dialog (KontorContactPage *self,
                    const char        *heading,
                    const char        *body)
{
  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (GTK_WIDGET (self)),
                                                     heading, body));
}

static void
leave (KontorContactPage *self)
{
  /* The window installs it; a page in another window just stays. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contacts", NULL);
}

/* ------------------------------------------------------------------------ */
/* Form → contact */

/* The stored contact with what the sections show; company: see save. */
static KontorContact *
build_edited (KontorContactPage *self)
{
  KontorRecord *edited = kontor_record_copy (KONTOR_RECORD (self->contact));

  for (guint i = 0; i < N_SECTIONS; i++)
    kontor_editor_section_apply (self->sections[i], edited);

  return KONTOR_CONTACT (edited);
}

static gboolean
company_changed (KontorContactPage *self)
{
  return kontor_person_section_company_changed (self->person_section, self->contact);
}

/* ------------------------------------------------------------------------ */
/* Contact → form */

/* Why the form takes no input: the user's role (src/README.md "Roles") */
static void
update_readonly (KontorContactPage *self,
                 gboolean           editable)
{
  KontorUser *user = kontor_context_get_current_user (self->context);
  g_autofree char *text = NULL;

  g_autofree char *reason = kontor_ui_dup_role_reason (self->context);

  gtk_widget_set_visible (self->readonly_box, self->contact != NULL && !editable);
  /* the controls that are off say why, too */
  for (guint i = 0; i < N_SECTIONS; i++)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->sections[i]), editable ? NULL : reason);
  if (editable || user == NULL)
    return;

  /* Translators: %s is a role, "Viewer" */
  text = g_strdup_printf (_("You can look at this contact but not change it: your role is %s."),
                          kontor_user_role_to_string (kontor_user_get_role (user)));
  gtk_label_set_text (self->readonly_label, text);
}

static void
update_actions (KontorContactPage *self)
{
  gboolean editable = can_edit (self);
  KontorContactStatus status = self->contact != NULL ? kontor_contact_get_status (self->contact)
                                                     : KONTOR_CONTACT_STATUS_PROSPECT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.save",
                                 editable && self->dirty && self->valid && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.status", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.archive",
                                 editable && status != KONTOR_CONTACT_STATUS_ARCHIVED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.make-active",
                                 editable && kontor_contact_status_is_restricted (status));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.generate-number",
                                 editable && !self->has_number);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.change-company",
                                 editable && self->contact != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.export-calendar",
                                 self->contact != NULL);
  update_readonly (self, editable);
}

/* The menu's Delete item: the window's action, for the contact shown */
static void
update_delete_item (KontorContactPage *self)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete…"), NULL);

  g_menu_remove_all (self->delete_section);
  if (self->contact == NULL || kontor_record_get_id (KONTOR_RECORD (self->contact)) == NULL)
    return;

  g_menu_item_set_action_and_target (item, "win.delete-contact", "s",
                                     kontor_record_get_id (KONTOR_RECORD (self->contact)));
  g_menu_append_item (self->delete_section, item);
}

static void
update_title (KontorContactPage *self,
              KontorContact     *view)
{
  g_autofree char *name = NULL;
  const char *company = NULL;

  if (view != NULL)
    {
      name = kontor_record_dup_display_name (KONTOR_RECORD (view));
      company = kontor_contact_get_company_name (view);
    }

  adw_window_title_set_title (self->window_title, name != NULL ? name : "");
  adw_window_title_set_subtitle (self->window_title, company);
}

static void
update_status (KontorContactPage *self)
{
  const char *nick = "";

  if (self->contact != NULL)
    nick = kontor_contact_status_to_nick (kontor_contact_get_status (self->contact));

  if (g_strcmp0 (nick, self->shown_status) != 0)
    {
      g_free (self->shown_status);
      self->shown_status = g_strdup (nick);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
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

/* Reads the sections after every change: dirty, valid, header, buttons. */
static void
update_state (KontorContactPage *self)
{
  g_autoptr(KontorContact) edited = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid;

  if (self->contact == NULL)
    {
      self->valid = TRUE;
      self->has_number = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);
      set_dirty (self, FALSE);
      update_title (self, NULL);
      update_actions (self);
      return;
    }

  edited = build_edited (self);
  changes = kontor_record_diff (KONTOR_RECORD (self->contact), KONTOR_RECORD (edited));
  valid = kontor_contact_validate (edited, &error);

  gtk_label_set_label (self->feedback_label, valid ? NULL : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), !valid);
  /* the header shows the name as it is being typed */
  kontor_editor_section_set_record (KONTOR_EDITOR_SECTION (self->header_section), self->context,
                                    KONTOR_RECORD (edited));
  update_title (self, edited);

  self->valid = valid;
  self->has_number = kontor_contact_get_customer_number (edited) != NULL;
  set_dirty (self, changes->len > 0 || company_changed (self));
  update_actions (self);
}

static void
on_section_edited_cb (KontorContactPage *self)
{
  g_assert (KONTOR_IS_CONTACT_PAGE (self));

  update_state (self);
}

/* Shows @view in the sections. @view is the stored contact, or while the
 * user is typing, the stored contact with the user's changes on top. */
/* A sync conflict about the contact waits for the user's answer (feature
 * S4): said at the top of the page, with the way to the answer */
static void
update_conflict (KontorContactPage *self)
{
  gboolean conflict = self->contact != NULL && kontor_context_get_sync (self->context) != NULL &&
                      kontor_store_sync_has_conflict (get_store (self), "contact",
                                                      kontor_record_get_id (KONTOR_RECORD (self->contact)));

  gtk_widget_set_visible (self->conflict_box, conflict);
}

static void
on_conflict_clicked_cb (KontorContactPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_window_present (kontor_conflicts_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   self->context));
}

static void
populate (KontorContactPage *self,
          KontorContact     *view)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    kontor_editor_section_set_record (self->sections[i], self->context, KONTOR_RECORD (view));
  /* the details are those of the contact as stored */
  kontor_editor_section_set_record (KONTOR_EDITOR_SECTION (self->details_section), self->context,
                                    KONTOR_RECORD (self->contact));

  kontor_employments_section_set_owner (self->employments_section, self->context,
                                        KONTOR_RECORD (self->contact));
  kontor_activities_section_set_owner (self->activities_section, self->context,
                                       KONTOR_RECORD (self->contact));
  kontor_history_section_set_record (self->history_section, self->context,
                                     KONTOR_RECORD (self->contact));
  kontor_lead_entries_section_set_contact (self->lead_entries_section, self->context,
                                           KONTOR_RECORD (self->contact));

  update_delete_item (self);
  update_conflict (self);
  update_status (self);
  update_state (self);
}

/* A field the user is editing was changed elsewhere meanwhile: its new
 * value, and what saving does */
static void
say_changed_meanwhile (KontorContactPage *self,
                       KontorContact     *stored,
                       guint              index)
{
  guint n_fields;
  const KontorField *field = &kontor_record_get_fields (KONTOR_RECORD (stored), &n_fields)[index];
  g_autofree char *json = kontor_field_value_to_json_string (field,
                                                             kontor_record_get_value (KONTOR_RECORD (stored), index));
  g_autofree char *value = kontor_value_text_dup (get_store (self), KONTOR_TYPE_CONTACT, field, json);
  g_autofree char *text =
    /* Translators: a field's name, "Job title", and its new value */
    g_strdup_printf (_("“%s” was changed elsewhere meanwhile, to “%s”. Saving replaces it "
                       "with your value."), _(field->label), value);

  kontor_ui_add_toast (GTK_WIDGET (self), text);
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
  guint n_fields;

  if (!self->dirty)
    {
      g_set_object (&self->contact, stored);
      populate (self, self->contact);
      return;
    }

  edited = build_edited (self);
  changes = kontor_record_diff (KONTOR_RECORD (self->contact), KONTOR_RECORD (edited));

  view = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (stored)));
  for (guint i = 0; i < changes->len; i++)
    {
      guint index = g_array_index (changes, guint, i);

      /* changed meanwhile elsewhere (a colleague, through the sync) as
       * well as here: say so; what is typed stays, and saving it is a
       * conflict the server keeps for the user to decide */
      if (!kontor_field_value_equal (&kontor_record_get_fields (KONTOR_RECORD (stored), &n_fields)[index],
                                     kontor_record_get_value (KONTOR_RECORD (stored), index),
                                     kontor_record_get_value (KONTOR_RECORD (self->contact), index)))
        say_changed_meanwhile (self, stored, index);
      kontor_record_set_value (KONTOR_RECORD (view), index,
                               kontor_record_get_value (KONTOR_RECORD (edited), index));
    }

  g_set_object (&self->contact, stored);
  populate (self, view);
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

      /* deleted (win.delete-contact, from the menu or elsewhere): the
       * page empties and, if shown, goes back to the table */
      g_clear_object (&self->contact);
      set_dirty (self, FALSE);
      populate (self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        leave (self);
      return;
    }

  take_stored (self, stored);
}

/* ------------------------------------------------------------------------ */
/* Status and archive */

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
  kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change));
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

  if (!can_edit (self))
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

  /* Prospect → Customer asks first (feature C4, src/README.md) */
  name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  /* Translators: %s is a contact's name */
  heading = g_strdup_printf (_("Make “%s” a Customer?"), name);
  dialog = new_message_dialog (self, heading,
                               _("Customers are the active contacts your team looks after. "
                                 "Their data and history stay as they are."));
  kontor_ui_add_question_responses (dialog, "customer", _("_Make Customer"),
                                    ADW_RESPONSE_SUGGESTED);
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
          kontor_ui_show_error (GTK_WIDGET (self), _("Your Changes Could Not Be Saved"), error);
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
record_activity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);

  kontor_activities_section_record_new (self->activities_section);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);
  AdwMessageDialog *dialog;

  if (!self->dirty || self->contact == NULL)
    {
      leave (self);
      return;
    }

  dialog = kontor_ui_new_unsaved_dialog (widget, KONTOR_RECORD (self->contact), self->valid);
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
      kontor_ui_show_save_error (widget, self->feedback_label, _("The Contact Could Not Be Saved"),
                                 error);
      return;
    }

  kontor_ui_add_toast (GTK_WIDGET (self), _("Saved"));
  /* a form opened from a card goes back to the board, where it was */
  if (self->leave_after_save)
    leave (self);
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

  if (!can_edit (self) ||
      !kontor_contact_status_is_restricted (kontor_contact_get_status (self->contact)))
    return;

  name = kontor_record_dup_display_name (KONTOR_RECORD (self->contact));
  /* Translators: %s is a contact's name */
  title = g_strdup_printf (_("“%s” is active again"), name);
  previous = kontor_contact_get_previous_status (self->contact);
  change_status (self, kontor_contact_status_reactivated (previous), title);
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

  if (!can_edit (self))
    return;

  /* Stored at once, in the store's transaction that also advances the
   * range; the "changed" signal brings the number into the form. */
  copy = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (self->contact)));
  number = kontor_store_assign_customer_number (get_store (self), copy, &error);
  if (number == NULL)
    kontor_ui_show_error (GTK_WIDGET (self), _("Could Not Assign a Customer Number"), error);
}

/* "Firmenwechsel": asks where the contact moves to; the change is one
 * undoable operation, and a change being typed meanwhile is kept */
static void
change_company_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);

  if (!can_edit (self) || self->contact == NULL)
    return;

  gtk_window_present (GTK_WINDOW (kontor_company_change_dialog_new (widget, self->context,
                                                                    self->contact)));
}

/* contact.export-calendar: the window's export of the contact's tasks and
 * meetings (feature I4) */
static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (widget);

  if (self->contact == NULL || kontor_record_get_id (KONTOR_RECORD (self->contact)) == NULL)
    return;

  gtk_widget_activate_action (widget, "win.export-calendar", "(ss)", "contact",
                              kontor_record_get_id (KONTOR_RECORD (self->contact)));
}

/* ------------------------------------------------------------------------ */
/* GObject */

static void
kontor_contact_page_constructed (GObject *object)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (object);

  G_OBJECT_CLASS (kontor_contact_page_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  g_signal_connect_object (get_store (self), "changed::contact",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  if (kontor_context_get_sync (self->context) != NULL)
    {
      g_signal_connect_object (kontor_context_get_sync (self->context), "notify::conflicts",
                               G_CALLBACK (update_conflict), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (kontor_context_get_sync (self->context), "notify::cycles",
                               G_CALLBACK (update_conflict), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (get_store (self), "changed::company",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  kontor_mail_ui_attach_to_contact_page (GTK_WIDGET (self), self->context);

  populate (self, NULL);
}

static void
kontor_contact_page_dispose (GObject *object)
{
  KontorContactPage *self = KONTOR_CONTACT_PAGE (object);

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
  g_type_ensure (KONTOR_TYPE_HEADER_SECTION);
  g_type_ensure (KONTOR_TYPE_PERSON_SECTION);
  g_type_ensure (KONTOR_TYPE_CHANNELS_SECTION);
  g_type_ensure (KONTOR_TYPE_ADDRESS_SECTION);
  g_type_ensure (KONTOR_TYPE_SALES_SECTION);
  g_type_ensure (KONTOR_TYPE_NOTES_SECTION);
  g_type_ensure (KONTOR_TYPE_DETAILS_SECTION);
  g_type_ensure (KONTOR_TYPE_EMPLOYMENTS_SECTION);
  g_type_ensure (KONTOR_TYPE_ACTIVITIES_SECTION);
  g_type_ensure (KONTOR_TYPE_HISTORY_SECTION);
  g_type_ensure (KONTOR_TYPE_LEAD_ENTRIES_SECTION);

  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, delete_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, conflict_box);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, readonly_box);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, readonly_label);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, header_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, person_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, channels_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, address_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, sales_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, notes_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, details_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, employments_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, activities_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, history_section);
  gtk_widget_class_bind_template_child (widget_class, KontorContactPage, lead_entries_section);
  gtk_widget_class_bind_template_callback (widget_class, on_section_edited_cb);

  gtk_widget_class_install_action (widget_class, "contact.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "contact.record-activity", NULL,
                                   record_activity_action);
  gtk_widget_class_install_action (widget_class, "contact.save", NULL, save_action);
  gtk_widget_class_install_property_action (widget_class, "contact.status", "status");
  gtk_widget_class_install_action (widget_class, "contact.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "contact.make-active", NULL, make_active_action);
  gtk_widget_class_install_action (widget_class, "contact.change-company", NULL,
                                   change_company_action);
  gtk_widget_class_install_action (widget_class, "contact.generate-number", NULL,
                                   generate_number_action);
  kontor_mail_ui_class_install_write_email (widget_class);
  gtk_widget_class_install_action (widget_class, "contact.export-calendar", NULL,
                                   export_calendar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "contact.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "contact.back", NULL);
}

static void
kontor_contact_page_init (KontorContactPage *self)
{
  self->valid = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  kontor_ui_add_capture_shortcut (GTK_WIDGET (self), "<Control><Shift>a",
                                  "contact.record-activity");

  self->sections[0] = KONTOR_EDITOR_SECTION (self->header_section);
  self->sections[1] = KONTOR_EDITOR_SECTION (self->person_section);
  self->sections[2] = KONTOR_EDITOR_SECTION (self->channels_section);
  self->sections[3] = KONTOR_EDITOR_SECTION (self->address_section);
  self->sections[4] = KONTOR_EDITOR_SECTION (self->sales_section);
  self->sections[5] = KONTOR_EDITOR_SECTION (self->notes_section);
  self->sections[6] = KONTOR_EDITOR_SECTION (self->details_section);
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
    kontor_ui_show_error (GTK_WIDGET (self), _("Your Changes Could Not Be Saved"), error);

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

  /* a fresh form (the sections drop what was left from the contact before) */
  set_dirty (self, FALSE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  populate (self, self->contact);

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
  g_autofree char *company_id = NULL;
  gboolean new_company_name;
  gboolean saved;

  g_return_val_if_fail (KONTOR_IS_CONTACT_PAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->contact == NULL || !self->dirty)
    return TRUE;

  edited = build_edited (self);
  if (!kontor_contact_validate (edited, error))
    return FALSE;

  fresh = kontor_store_load (get_store (self), KONTOR_TYPE_CONTACT,
                             kontor_record_get_id (KONTOR_RECORD (self->contact)), error);
  if (fresh == NULL)
    return FALSE;

  kontor_record_apply_changes (KONTOR_RECORD (fresh), KONTOR_RECORD (self->contact),
                               KONTOR_RECORD (edited));

  records = g_ptr_array_new_with_free_func (g_object_unref);
  new_company_name = company_changed (self);
  if (new_company_name)
    {
      if (!kontor_person_section_resolve_company (self->person_section, &company_id, &new_company,
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

  kontor_channels_section_take_ids (self->channels_section, KONTOR_RECORD (self->contact));

  /* what was typed is what is stored now: the form stays as it is */
  set_dirty (self, FALSE);
  take_stored (self, self->contact);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);

  return TRUE;
}

/**
 * kontor_contact_page_set_leave_after_save:
 * @self: a contact page
 * @leave_after_save: whether saving goes back
 *
 * Makes the page a form (feature P5, src/README.md "The board"): opened from a card of the
 * board, it goes back to the board when saved, as it does when cancelled.
 * Opened from the table, it stays after a save.
 */
void
kontor_contact_page_set_leave_after_save (KontorContactPage *self,
                                          gboolean           leave_after_save)
{
  g_return_if_fail (KONTOR_IS_CONTACT_PAGE (self));

  self->leave_after_save = !!leave_after_save;
}
