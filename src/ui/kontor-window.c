/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-company-page.h"
#include "kontor-contact-page.h"
#include "kontor-contacts-view.h"
#include "kontor-delete-dialog.h"
#include "kontor-duplicates-window.h"
#include "kontor-export-dialog.h"
#include "kontor-ical.h"
#include "kontor-import-dialog.h"
#include "kontor-import-operation.h"
#include "kontor-job-banner.h"
#include "kontor-mail-ui.h"
#include "kontor-new-contact-dialog.h"
#include "kontor-print-call-list.h"
#include "kontor-print-visit-report.h"
#include "kontor-store-watch.h"
#include "kontor-ui-utils.h"
#include "kontor-window.h"
#include "kontor-workspace.h"

/**
 * KontorWindow:
 *
 * The main window: the contacts table and a contact's page in a stack,
 * each with its own header bar (GTK 4.8 has no navigation view), over a
 * toast overlay. The window shows what the context's operation stack does:
 * each change applied (or redone) is named by the one undo toast, with
 * "Undo" (a toast still shown is retitled, see on_operations_applied_cb);
 * Ctrl+Z undoes and Shift+Ctrl+Z redoes. It also owns the one way to
 * delete a contact, win.delete-contact, which asks first, and the ways to
 * open one: win.show-contact (a page) and win.edit-contact (the board's
 * form, which goes back when saved). Contacts come in through win.import
 * (Ctrl+I), kontor_window_import_file() (`--import`) and files dropped on
 * the window, and go out through win.export-contacts (src/README.md "The
 * import dialog").
 */
struct _KontorWindow
{
  AdwApplicationWindow  parent_instance;

  KontorContext        *context;
  AdwToast             *undo_toast;   /* weak */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkWidget            *workspace;
  GtkWidget            *contacts_view;    /* the workspace's */
  GtkWidget            *contact_page;
  GtkWidget            *company_page;
  gboolean              contact_from_company;  /* Back on the contact goes to the company */
  KontorJobBanner      *job_banner;
};

G_DEFINE_FINAL_TYPE (KontorWindow, kontor_window, ADW_TYPE_APPLICATION_WINDOW)

static KontorOperationStack *
get_operations (KontorWindow *self)
{
  return kontor_context_get_operations (self->context);
}

static void
update_actions (KontorWindow *self)
{
  gboolean can_edit = kontor_context_can_edit (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 can_edit &&
                                 kontor_operation_stack_get_can_undo (get_operations (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 can_edit &&
                                 kontor_operation_stack_get_can_redo (get_operations (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-contact", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-address-book", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-contact", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-duplicates", can_edit);
}

/* One undo toast at a time, naming the newest change (kontor-ui-utils.c) */
static void
on_operations_applied_cb (KontorWindow         *self,
                          KontorOperation      *operation,
                          KontorOperationStack *operations)
{
  g_assert (KONTOR_IS_WINDOW (self));
  g_assert (KONTOR_IS_OPERATION (operation));

  kontor_ui_show_undo_toast (self->toast_overlay, &self->undo_toast, "win.undo",
                             kontor_operation_get_title (operation));
}

static void
on_operations_undone_cb (KontorWindow         *self,
                         KontorOperation      *operation,
                         KontorOperationStack *operations)
{
  g_assert (KONTOR_IS_WINDOW (self));

  kontor_ui_dismiss_undo_toast (&self->undo_toast);
}

/* An import undone or redone off the main thread: its job at the foot of
 * the window, with its progress and Cancel */
static void
on_operations_running_cb (KontorWindow         *self,
                          GParamSpec           *pspec,
                          KontorOperationStack *operations)
{
  KontorOperation *running = kontor_operation_stack_get_running (operations);

  if (KONTOR_IS_IMPORT_OPERATION (running))
    kontor_window_show_job (self,
                            kontor_import_operation_get_job (KONTOR_IMPORT_OPERATION (running)));
}

static void
on_new_contact_created_cb (KontorWindow  *self,
                           KontorContact *contact)
{
  g_assert (KONTOR_IS_WINDOW (self));
  g_assert (KONTOR_IS_CONTACT (contact));

  kontor_contacts_view_select (KONTOR_CONTACTS_VIEW (self->contacts_view),
                               kontor_record_get_id (KONTOR_RECORD (contact)));
  kontor_window_show_contact (self, kontor_record_get_id (KONTOR_RECORD (contact)));
}

static void
new_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  KontorNewContactDialog *dialog;

  dialog = kontor_new_contact_dialog_new (GTK_WINDOW (self), self->context);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_new_contact_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  KontorWorkspace *workspace = KONTOR_WORKSPACE (self->workspace);

  kontor_window_show_contacts (self);
  if (g_str_equal (kontor_workspace_get_section (workspace), "companies"))
    gtk_widget_grab_focus (GTK_WIDGET (kontor_companies_view_get_search_entry (
      kontor_workspace_get_companies_view (workspace))));
  else
    kontor_contacts_view_focus_search (KONTOR_CONTACTS_VIEW (self->contacts_view));
}

/* win.undo and win.redo */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  kontor_ui_undo (widget, self->context, !g_str_equal (action_name, "win.undo"));
}

/* win.show-contact and win.edit-contact: the board's cards open the page as
 * a form, which goes back to the board when saved (feature P5) */
static void
show_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  kontor_window_show_contact (self, g_variant_get_string (parameter, NULL));
  if (g_str_equal (action_name, "win.edit-contact") &&
      gtk_stack_get_visible_child (self->stack) == self->contact_page)
    kontor_contact_page_set_leave_after_save (KONTOR_CONTACT_PAGE (self->contact_page), TRUE);
}

/* win.show-contacts: where the contact page goes back to: the company it
 * was opened from, else the workspace */
static void
show_contacts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  if (self->contact_from_company && self->company_page != NULL &&
      kontor_company_page_get_company (KONTOR_COMPANY_PAGE (self->company_page)) != NULL)
    {
      self->contact_from_company = FALSE;
      gtk_stack_set_visible_child (self->stack, self->company_page);
      gtk_widget_grab_focus (self->company_page);
      return;
    }

  kontor_window_show_contacts (self);
}

typedef struct
{
  KontorWindow  *window;
  KontorContact *contact;
} DeleteRequest;

static void
delete_request_free (gpointer  data,
                     GClosure *closure)
{
  DeleteRequest *request = data;

  g_object_unref (request->window);
  g_object_unref (request->contact);
  g_free (request);
}

static void
on_delete_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              DeleteRequest    *request)
{
  KontorWindow *self = request->window;
  KontorStore *store = kontor_context_get_store (self->context);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, KONTOR_DELETE_RESPONSE))
    return;

  name = kontor_record_dup_display_name (KONTOR_RECORD (request->contact));
  if (!kontor_store_delete (store, KONTOR_RECORD (request->contact), &error))
    {
      kontor_ui_show_error (GTK_WIDGET (self), _("The Contact Could Not Be Deleted"), error);
      return;
    }

  kontor_window_show_contacts (self);
  /* Translators: %s is a contact's name */
  title = g_strdup_printf (_("“%s” deleted"), name);
  kontor_ui_add_toast (GTK_WIDGET (self), title);
}

/* win.delete-contact (a contact's id), from the table, a contact's page or
 * a board card: asks whether the contact shall be deleted for good, and
 * does it; then the table is shown. */
static void
delete_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  DeleteRequest *request;
  AdwMessageDialog *dialog;

  if (!kontor_context_can_edit (self->context))
    return;

  contact = kontor_store_load (kontor_context_get_store (self->context), KONTOR_TYPE_CONTACT,
                               g_variant_get_string (parameter, NULL), &error);
  if (contact == NULL)
    {
      kontor_ui_show_error (widget, _("The Contact Could Not Be Deleted"), error);
      return;
    }

  dialog = kontor_delete_dialog_new (GTK_WINDOW (self), KONTOR_RECORD (contact));

  request = g_new0 (DeleteRequest, 1);
  request->window = g_object_ref (self);
  request->contact = g_steal_pointer (&contact);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_dialog_response_cb),
                         request, delete_request_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Calendar export (feature I4, src/README.md "Activities") */

typedef struct
{
  KontorWindow *window;
  char         *text;
  guint         n_exported;
} CalendarExport;

static void
calendar_export_free (CalendarExport *export)
{
  g_object_unref (export->window);
  g_free (export->text);
  g_free (export);
}

static void
on_calendar_written_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CalendarExport *export = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *title =
        /* Translators: a toast after an export to a calendar file; %'u is
         * how many tasks, meetings and lunches it holds */
        g_strdup_printf (ngettext ("%'u calendar entry exported",
                                   "%'u calendar entries exported", export->n_exported),
                         export->n_exported);

      adw_toast_overlay_add_toast (export->window->toast_overlay, adw_toast_new (title));
    }
  else
    kontor_ui_show_error (GTK_WIDGET (export->window), _("The Calendar Could Not Be Exported"),
                          error);

  calendar_export_free (export);
}

static void
on_calendar_chooser_response_cb (GtkNativeDialog *chooser,
                                 int              response,
                                 CalendarExport  *export)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL)
    {
      calendar_export_free (export);
      return;
    }

  /* a file beside it, renamed over it when complete: an old calendar
   * stays whole when the disk is full */
  g_file_replace_contents_async (file, export->text, strlen (export->text), NULL, FALSE,
                                 G_FILE_CREATE_NONE, NULL, on_calendar_written_cb, export);
}

/* win.export-calendar ("(ss)"): the tasks, meetings and lunches of
 * ("contact", id) or ("company", id), of the contacts the list shows
 * ("filter", ""), or every one ("all", ""), into an iCalendar file the
 * user picks. Viewers may export too. */
static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(KontorRecord) owner = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GtkFileFilter) ics = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  KontorFilter *filter = NULL;
  GtkFileChooserNative *chooser;
  CalendarExport *export;
  const char *what;
  const char *id;

  g_variant_get (parameter, "(&s&s)", &what, &id);
  if (g_str_equal (what, "contact") || g_str_equal (what, "company"))
    owner = kontor_store_load (store,
                               g_str_equal (what, "contact") ? KONTOR_TYPE_CONTACT
                                                             : KONTOR_TYPE_COMPANY,
                               id, &error);
  else if (g_str_equal (what, "filter"))
    filter = kontor_contacts_view_get_filter (KONTOR_CONTACTS_VIEW (self->contacts_view));

  if ((owner != NULL || error == NULL) &&
      (activities = kontor_store_list_calendar_activities (store, owner, filter, &error)) != NULL)
    names = kontor_store_dup_activity_owner_names (store, activities, &error);
  if (names == NULL)
    {
      kontor_ui_show_error (widget, _("The Calendar Could Not Be Exported"), error);
      return;
    }

  export = g_new0 (CalendarExport, 1);
  export->window = g_object_ref (self);
  export->text = kontor_ical_export (activities, names, &export->n_exported);
  if (export->n_exported == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("No tasks or meetings to export")));
      calendar_export_free (export);
      return;
    }

  /* the name of a file, without a path in it */
  name = owner != NULL ? kontor_record_dup_display_name (owner) : g_strdup (PACKAGE_NAME);
  file_name = g_strconcat (g_strdelimit (name, "/", '-'), ".ics", NULL);

  chooser = gtk_file_chooser_native_new (_("Export Calendar"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  ics = gtk_file_filter_new ();
  gtk_file_filter_set_name (ics, _("iCalendar Files"));
  gtk_file_filter_add_mime_type (ics, "text/calendar");
  gtk_file_filter_add_suffix (ics, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), ics);
  g_signal_connect (chooser, "response", G_CALLBACK (on_calendar_chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------------ */
/* Printing (feature X13, src/README.md "Printing") */

/* win.print-call-list: the contacts the list shows (filter, group), in
 * its order, under its title */
static void
print_call_list_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  KontorContactsView *view = KONTOR_CONTACTS_VIEW (self->contacts_view);

  kontor_print_call_list_run (widget, kontor_context_get_store (self->context),
                              kontor_contacts_view_get_filter (view),
                              kontor_contacts_view_get_title (view));
}

/* win.print-visit-report ("s"): the visit report of a contact, or of the
 * contact page's contact for "" (as stored: a page's edits not saved
 * yet are not printed) */
static void
print_visit_report_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (*id == '\0' && self->contact_page != NULL &&
      kontor_contact_page_get_contact (KONTOR_CONTACT_PAGE (self->contact_page)) != NULL)
    id = kontor_record_get_id (KONTOR_RECORD (kontor_contact_page_get_contact (
                                 KONTOR_CONTACT_PAGE (self->contact_page))));
  if (id == NULL || *id == '\0')
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Save the contact to print its visit report")));
      return;
    }

  kontor_print_visit_report_run (widget, kontor_context_get_store (self->context), id);
}

/* win.print (Ctrl+P): the visit report on a contact's page, the call
 * list of the contacts view elsewhere */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  if (self->contact_page != NULL &&
      gtk_stack_get_visible_child (self->stack) == self->contact_page)
    gtk_widget_activate_action (widget, "win.print-visit-report", "s", "");
  else
    gtk_widget_activate_action (widget, "win.print-call-list", NULL);
}

/* ------------------------------------------------------------------------ */
/* Import and export of contacts (features I1–I6, src/README.md "The import
 * dialog") */

/**
 * kontor_window_import_file:
 * @self: a window
 * @file: a CSV or vCard file
 *
 * Opens the import dialog on @file, as a drop of it or `kontor --import`
 * does.
 */
void
kontor_window_import_file (KontorWindow *self,
                           GFile        *file)
{
  GSList files = { file, NULL };

  g_return_if_fail (KONTOR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* after the imports already open or waiting, or why not for a viewer */
  kontor_import_dialog_open_files (GTK_WINDOW (self), self->context, &files);
}

/* win.import: asks for a file to import */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  kontor_import_dialog_choose_file (GTK_WINDOW (self), self->context);
}

/* win.import-address-book: asks for one of the desktop's address books */
static void
import_address_book_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  kontor_import_dialog_choose_address_book (GTK_WINDOW (self), self->context);
}

/* win.export-contacts ("s"): the export dialog, for the contacts selected
 * in the table ("selection") or a scope chosen there ("") */
static void
export_contacts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  KontorContactsView *view = KONTOR_CONTACTS_VIEW (self->contacts_view);
  g_auto(GStrv) selected = kontor_contacts_view_dup_selected_ids (view);
  KontorExportDialog *dialog;

  dialog = kontor_export_dialog_new (GTK_WINDOW (self), self->context,
                                     (const char * const *) selected,
                                     kontor_contacts_view_get_filter (view));
  if (g_str_equal (g_variant_get_string (parameter, NULL), "selection"))
    kontor_export_dialog_set_scope (dialog, KONTOR_EXPORT_SCOPE_SELECTION);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.show-inbox: the contacts with the status Inbox, where an import
 * puts them (feature C4) */
static void
show_inbox_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  kontor_window_show_contacts (self);
  kontor_filter_set_statuses (kontor_contacts_view_get_filter (
                                KONTOR_CONTACTS_VIEW (self->contacts_view)),
                              KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX));
}

/* Files dropped on the window: CSV and vCard files open the import, one
 * dialog after another, folders are refused, the others are e-mails for
 * the contact with their address (feature A7) */
static gboolean
on_files_dropped_cb (GtkDropTarget *drop_target,
                     const GValue  *value,
                     double         x,
                     double         y,
                     KontorWindow  *self)
{
  GSList *files;
  GSList *others;
  gboolean taken = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  others = kontor_import_dialog_take_dropped (GTK_WIDGET (self), self->context, files, &taken);
  if (others != NULL)
    taken |= kontor_mail_ui_drop_files (GTK_WIDGET (self), self->context, NULL, others);
  g_slist_free (others);
  g_slist_free (files);

  return taken;
}

static gboolean
kontor_window_close_request (GtkWindow *window)
{
  KontorWindow *self = KONTOR_WINDOW (window);
  GSettings *settings = kontor_context_get_settings (self->context);
  int width, height;

  /* Never lose an edit: save what the contact page holds, and stay open
   * (showing why) when that is not possible. */
  if (self->contact_page != NULL &&
      kontor_contact_page_get_dirty (KONTOR_CONTACT_PAGE (self->contact_page)))
    {
      g_autoptr(GError) error = NULL;

      if (!kontor_contact_page_save (KONTOR_CONTACT_PAGE (self->contact_page), &error))
        {
          kontor_window_show_contact (self, NULL);
          kontor_ui_show_error (GTK_WIDGET (self), _("Your Changes Could Not Be Saved"), error);
          return TRUE;
        }
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (kontor_window_parent_class)->close_request (window);
}

/* The contact page is made when first asked for: a start shows the
 * table, and its sections are a tenth of the first frame's work
 * (src/README.md "Performance targets"). */
static KontorContactPage *
ensure_contact_page (KontorWindow *self)
{
  if (self->contact_page == NULL)
    {
      self->contact_page = kontor_contact_page_new (self->context);
      gtk_stack_add_named (self->stack, self->contact_page, "contact");
    }

  return KONTOR_CONTACT_PAGE (self->contact_page);
}

/* Made when first asked for, like the contact page */
static KontorCompanyPage *
ensure_company_page (KontorWindow *self)
{
  if (self->company_page == NULL)
    {
      self->company_page = kontor_company_page_new (self->context);
      gtk_stack_add_named (self->stack, self->company_page, "company");
    }

  return KONTOR_COMPANY_PAGE (self->company_page);
}

/* win.find-duplicates: the contacts that may be one person twice, and
 * their merge (feature X1); one window, presented again when open */
static void
find_duplicates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();
  GtkWindow *window = NULL;

  g_object_ref (toplevels);
  for (guint i = 0; window == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (KONTOR_IS_DUPLICATES_WINDOW (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (self))
        window = toplevel;
    }
  if (window == NULL)
    window = kontor_duplicates_window_new (GTK_WINDOW (self), self->context);
  gtk_window_present (window);
}

/* win.show-company: a company's page (feature C1) */
static void
show_company_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  kontor_window_show_company (KONTOR_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* win.show-companies: the companies table, where a company's page goes back to */
static void
show_companies_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  kontor_workspace_show_section (KONTOR_WORKSPACE (self->workspace), "companies");
  kontor_window_show_contacts (self);
}

/* win.show-company-contact: a contact opened from its company's page;
 * Back comes back to the company */
static void
show_company_contact_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);

  kontor_window_show_contact (self, g_variant_get_string (parameter, NULL));
  self->contact_from_company = self->contact_page != NULL &&
                               gtk_stack_get_visible_child (self->stack) == self->contact_page;
}

static void
on_new_company_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            KontorWindow     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(KontorCompany) company = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "create"))
    return;

  company = kontor_company_new (gtk_editable_get_text (entry));
  if (!kontor_company_validate (company, &error) ||
      !kontor_store_save (kontor_context_get_store (self->context), KONTOR_RECORD (company),
                          &error))
    {
      kontor_ui_show_error (GTK_WIDGET (self), _("The Company Could Not Be Created"), error);
      return;
    }

  kontor_window_show_company (self, kontor_record_get_id (KONTOR_RECORD (company)));
}

static void
on_new_company_name_changed_cb (AdwMessageDialog *dialog,
                                GtkEditable      *entry)
{
  g_autoptr(KontorCompany) company = kontor_company_new (gtk_editable_get_text (entry));

  /* the model's rule: a company needs a name */
  adw_message_dialog_set_response_enabled (dialog, "create",
                                           kontor_company_validate (company, NULL));
}

/* win.new-company: asks for the name; the rest is filled in on its page */
static void
new_company_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KontorWindow *self = KONTOR_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (!kontor_context_can_edit (self->context))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Company"),
                                                       NULL));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Company Name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Company Name"));
  adw_message_dialog_set_extra_child (dialog, entry);
  kontor_ui_add_question_responses (dialog, "create", _("C_reate"),
                                    ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "create", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_new_company_name_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_company_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
kontor_window_constructed (GObject *object)
{
  KontorWindow *self = KONTOR_WINDOW (object);
  GSettings *settings = kontor_context_get_settings (self->context);
  GtkDropTarget *drop_target;

  G_OBJECT_CLASS (kontor_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->workspace = kontor_workspace_new (self->context);
  self->contacts_view =
    GTK_WIDGET (kontor_workspace_get_contacts_view (KONTOR_WORKSPACE (self->workspace)));
  gtk_stack_add_named (self->stack, self->workspace, "workspace");

  gtk_stack_set_visible_child (self->stack, self->workspace);
  /* files dropped anywhere else: CSV and vCard files to the import, e-mails
   * to the contact with their address (feature A7) */
  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_files_dropped_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
  /* another process's writes (a `kontor import`) show within a second */
  kontor_store_watch_other_writers (GTK_WIDGET (self), kontor_context_get_store (self->context));

  g_signal_connect_object (get_operations (self), "applied",
                           G_CALLBACK (on_operations_applied_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_operations (self), "undone",
                           G_CALLBACK (on_operations_undone_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_operations (self), "notify::can-undo",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_operations (self), "notify::can-redo",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_operations (self), "notify::running",
                           G_CALLBACK (on_operations_running_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
kontor_window_dispose (GObject *object)
{
  KontorWindow *self = KONTOR_WINDOW (object);

  g_clear_weak_pointer (&self->undo_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_WINDOW);

  G_OBJECT_CLASS (kontor_window_parent_class)->dispose (object);
}

static void
kontor_window_finalize (GObject *object)
{
  KontorWindow *self = KONTOR_WINDOW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_window_parent_class)->finalize (object);
}

static void
kontor_window_class_init (KontorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kontor_window_constructed;
  object_class->dispose = kontor_window_dispose;
  object_class->finalize = kontor_window_finalize;

  window_class->close_request = kontor_window_close_request;

  kontor_ui_class_install_context_property (object_class, G_STRUCT_OFFSET (KontorWindow, context));

  g_type_ensure (KONTOR_TYPE_JOB_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/kontor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KontorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KontorWindow, job_banner);

  gtk_widget_class_install_action (widget_class, "win.new-contact", NULL, new_contact_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.delete-contact", "s",
                                   delete_contact_action);
  gtk_widget_class_install_action (widget_class, "win.show-contact", "s", show_contact_action);
  gtk_widget_class_install_action (widget_class, "win.edit-contact", "s", show_contact_action);
  gtk_widget_class_install_action (widget_class, "win.show-contacts", NULL, show_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.show-company", "s", show_company_action);
  gtk_widget_class_install_action (widget_class, "win.show-companies", NULL,
                                   show_companies_action);
  gtk_widget_class_install_action (widget_class, "win.show-company-contact", "s",
                                   show_company_contact_action);
  gtk_widget_class_install_action (widget_class, "win.new-company", NULL, new_company_action);
  gtk_widget_class_install_action (widget_class, "win.find-duplicates", NULL,
                                   find_duplicates_action);
  gtk_widget_class_install_action (widget_class, "win.export-calendar", "(ss)",
                                   export_calendar_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-address-book", NULL,
                                   import_address_book_action);
  gtk_widget_class_install_action (widget_class, "win.print-call-list", NULL,
                                   print_call_list_action);
  gtk_widget_class_install_action (widget_class, "win.print-visit-report", "s",
                                   print_visit_report_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.show-inbox", NULL, show_inbox_action);
  gtk_widget_class_install_action (widget_class, "win.export-contacts", "s",
                                   export_contacts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_SHIFT_MASK | GDK_CONTROL_MASK, "win.redo", NULL);
}

static void
kontor_window_init (KontorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * kontor_window_new:
 * @application: the application
 * @context: the context to work with
 *
 * Returns: (transfer full): a new window
 */
KontorWindow *
kontor_window_new (AdwApplication *application,
                   KontorContext  *context)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * kontor_window_get_context:
 * @self: a window
 *
 * Returns: (transfer none): the window's context
 */
KontorContext *
kontor_window_get_context (KontorWindow *self)
{
  g_return_val_if_fail (KONTOR_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * kontor_window_show_contact:
 * @self: a window
 * @contact_id: (nullable): the contact to open, or %NULL to return to the
 *   one shown last
 *
 * Opens a contact's page.
 */
void
kontor_window_show_contact (KontorWindow *self,
                            const char   *contact_id)
{
  g_return_if_fail (KONTOR_IS_WINDOW (self));

  if (contact_id != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KontorContact) contact =
        kontor_store_load (kontor_context_get_store (self->context), KONTOR_TYPE_CONTACT,
                           contact_id, &error);

      if (contact == NULL)
        {
          kontor_ui_show_error (GTK_WIDGET (self), _("The Contact Could Not Be Opened"), error);
          return;
        }
      kontor_contact_page_set_contact (ensure_contact_page (self), contact);
    }
  /* back to the workspace, unless win.show-company-contact says so */
  self->contact_from_company = FALSE;
  /* a page, not a form, unless win.edit-contact says so */
  kontor_contact_page_set_leave_after_save (KONTOR_CONTACT_PAGE (ensure_contact_page (self)),
                                            FALSE);

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (ensure_contact_page (self)));
  gtk_widget_grab_focus (self->contact_page);
}

/**
 * kontor_window_show_contacts:
 * @self: a window
 *
 * Shows the contacts table.
 */
void
kontor_window_show_contacts (KontorWindow *self)
{
  g_return_if_fail (KONTOR_IS_WINDOW (self));

  gtk_stack_set_visible_child (self->stack, self->workspace);
  kontor_workspace_focus_content (KONTOR_WORKSPACE (self->workspace));
}

/**
 * kontor_window_search:
 * @self: a window
 * @text: what to search for
 *
 * Shows the contacts table searched for @text, the search entry focused;
 * GNOME Shell's "more results" (src/README.md "Shell search").
 */
void
kontor_window_search (KontorWindow *self,
                      const char   *text)
{
  KontorContactsView *view;

  g_return_if_fail (KONTOR_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  view = KONTOR_CONTACTS_VIEW (self->contacts_view);
  kontor_workspace_show_section (KONTOR_WORKSPACE (self->workspace), "contacts");
  kontor_window_show_contacts (self);
  gtk_editable_set_text (kontor_contacts_view_get_search_entry (view), text);
  kontor_contacts_view_focus_search (view);
  gtk_editable_set_position (kontor_contacts_view_get_search_entry (view), -1);
}

/**
 * kontor_window_get_contacts_view:
 * @self: a window
 *
 * Returns: (transfer none): the contacts table view
 */
GtkWidget *
kontor_window_get_contacts_view (KontorWindow *self)
{
  g_return_val_if_fail (KONTOR_IS_WINDOW (self), NULL);

  return self->contacts_view;
}

/**
 * kontor_window_get_contact_page:
 * @self: a window
 *
 * Returns: (transfer none): the contact page
 */
GtkWidget *
kontor_window_get_contact_page (KontorWindow *self)
{
  g_return_val_if_fail (KONTOR_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_contact_page (self));
}

/**
 * kontor_window_show_job:
 * @self: a window
 * @job: a job that runs, or is about to, on the window's store
 *
 * Shows @job's progress and its "Cancel" at the foot of the window.
 */
void
kontor_window_show_job (KontorWindow   *self,
                        KontorStoreJob *job)
{
  g_return_if_fail (KONTOR_IS_WINDOW (self));

  kontor_job_banner_set_job (self->job_banner, job);
}

/**
 * kontor_window_get_workspace:
 * @self: a window
 *
 * Returns: (transfer none): the sidebar and its sections
 */
GtkWidget *
kontor_window_get_workspace (KontorWindow *self)
{
  g_return_val_if_fail (KONTOR_IS_WINDOW (self), NULL);

  return self->workspace;
}

/**
 * kontor_window_show_company:
 * @self: a window
 * @company_id: a stored company's id
 *
 * Shows the company's page (feature C1).
 */
void
kontor_window_show_company (KontorWindow *self,
                            const char   *company_id)
{
  g_autoptr(KontorCompany) company = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KONTOR_IS_WINDOW (self));
  g_return_if_fail (company_id != NULL);

  company = kontor_store_load (kontor_context_get_store (self->context), KONTOR_TYPE_COMPANY,
                               company_id, &error);
  if (company == NULL ||
      !kontor_company_page_set_company (ensure_company_page (self), company, &error))
    {
      kontor_ui_show_error (GTK_WIDGET (self), _("The Company Could Not Be Opened"), error);
      return;
    }

  gtk_stack_set_visible_child (self->stack, self->company_page);
  gtk_widget_grab_focus (self->company_page);
}

/**
 * kontor_window_get_company_page:
 * @self: a window
 *
 * Returns: (transfer none): the company page, made now if it was not yet
 */
GtkWidget *
kontor_window_get_company_page (KontorWindow *self)
{
  g_return_val_if_fail (KONTOR_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_company_page (self));
}
