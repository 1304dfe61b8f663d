/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-mail-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-eml.h"
#include "kontor-import-dialog.h"
#include "kontor-mail-ui.h"
#include "kontor-record-rules.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/* E-mails as activities from the UI (feature A7, src/README.md
 * "Activities"): .eml files dropped on a contact's or a company's page,
 * or on the window, and an e-mail written from a contact's page with the
 * desktop's mail app. The files are read on a worker (src/io/, GMime);
 * each one is then recorded on the main thread by its own undoable
 * operation (kontor_store_new_mail_write(), one transaction), or refused
 * with its name and the reason. One toast counts what was recorded, one
 * dialog lists what was not. */

/* How many refused files the dialog names */
#define SHOWN_REFUSALS 10

typedef struct
{
  KontorContext       *context;
  KontorMailOwnerFunc  owner_func;
  const char          *owner_property;   /* or the widget's property */
} Target;

typedef struct
{
  KontorContext *context;
  KontorRecord  *owner;      /* (nullable): dropped on it */
  GPtrArray     *files;      /* GFile */
} Drop;

typedef struct
{
  char      *name;
  KontorEml *eml;
  GError    *error;
} Loaded;

static void
target_free (gpointer  data,
             GClosure *closure)
{
  Target *target = data;

  g_clear_object (&target->context);
  g_free (target);
}

static void
drop_free (Drop *drop)
{
  g_clear_object (&drop->context);
  g_clear_object (&drop->owner);
  g_clear_pointer (&drop->files, g_ptr_array_unref);
  g_free (drop);
}

static void
loaded_free (Loaded *loaded)
{
  g_free (loaded->name);
  kontor_eml_free (loaded->eml);
  g_clear_error (&loaded->error);
  g_free (loaded);
}

static char *
dup_display_name (GFile        *file,
                  GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  g_autofree char *parse_name = NULL;

  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  parse_name = g_file_get_parse_name (file);

  return g_path_get_basename (parse_name);
}

/* On a worker: every file read, or its error */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Drop *drop = task_data;
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) loaded_free);

  for (guint i = 0; i < drop->files->len; i++)
    {
      GFile *file = g_ptr_array_index (drop->files, i);
      Loaded *loaded = g_new0 (Loaded, 1);

      loaded->name = dup_display_name (file, cancellable);
      loaded->eml = kontor_eml_load (file, cancellable, &loaded->error);
      g_ptr_array_add (all, loaded);
    }

  g_task_return_pointer (task, all, (GDestroyNotify) g_ptr_array_unref);
}

/* One message, recorded by an operation of its own */
static gboolean
record (Drop       *drop,
        KontorEml  *eml,
        gint64      now,
        GError    **error)
{
  g_autoptr(KontorActivity) activity = kontor_eml_new_activity (eml, drop->owner, now);
  g_auto(GStrv) addresses = kontor_eml_dup_addresses (eml);
  g_autoptr(KontorOperation) operation = NULL;

  operation = kontor_store_new_mail_write (kontor_context_get_store (drop->context), activity,
                                           (const char * const *) addresses, error);

  /* the context's stack, as kontor_ui_run_operation() does, but the
   * failure goes into the one list of refused files */
  return operation != NULL &&
         kontor_operation_stack_run (kontor_context_get_operations (drop->context), operation,
                                     error);
}

static void
show_outcome (GtkWidget *widget,
              guint      n_recorded,
              GPtrArray *refused)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* one e-mail: the undo toast names it */
  if (n_recorded > 1)
    {
      /* Translators: %u is a number of e-mails dropped on the window */
      g_autofree char *title = g_strdup_printf (ngettext ("%u e-mail recorded",
                                                          "%u e-mails recorded", n_recorded),
                                                n_recorded);

      kontor_ui_add_toast (widget, title);
    }

  if (refused->len == 0)
    return;

  for (guint i = 0; i < refused->len && i < SHOWN_REFUSALS; i++)
    g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (refused, i));
  if (refused->len > SHOWN_REFUSALS)
    {
      guint more = refused->len - SHOWN_REFUSALS;

      g_string_append_c (body, '\n');
      /* Translators: %u is a number of files not named in the list above it */
      g_string_append_printf (body, ngettext ("… and %u more file", "… and %u more files", more),
                              more);
    }

  /* Translators: %u is a number of e-mail files that were refused */
  heading = g_strdup_printf (ngettext ("%u E-mail Not Recorded", "%u E-mails Not Recorded",
                                       refused->len),
                             refused->len);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (widget), heading,
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_files_loaded_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GtkWidget *widget = GTK_WIDGET (source_object);
  Drop *drop = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) all = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_free);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_recorded = 0;

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      Loaded *loaded = g_ptr_array_index (all, i);
      g_autoptr(GError) error = NULL;

      /* the reader's messages name the file */
      if (loaded->eml == NULL)
        g_ptr_array_add (refused, g_strdup (loaded->error->message));
      else if (!record (drop, loaded->eml, now, &error))
        /* Translators: %s is a file name, "offer.eml", then why it was refused */
        g_ptr_array_add (refused, g_strdup_printf (_("“%s”: %s"), loaded->name, error->message));
      else
        n_recorded++;
    }

  show_outcome (widget, n_recorded, refused);
}

/**
 * kontor_mail_ui_drop_files:
 * @widget: the widget the files were dropped on
 * @context: the context to record them in
 * @owner: (nullable): the contact or company @widget shows
 * @files: (element-type GFile): the dropped files
 *
 * Records the e-mail files @files as activities, as a drop on a widget
 * of kontor_mail_ui_add_drop_target() does; the window calls it for the
 * files of a drop that are not for the import.
 *
 * Returns: whether the files are taken
 */
gboolean
kontor_mail_ui_drop_files (GtkWidget     *widget,
                           KontorContext *context,
                           KontorRecord  *owner,
                           GSList        *files)
{
  g_autoptr(GTask) task = NULL;
  Drop *drop;

  if (files == NULL)
    return FALSE;

  if (!kontor_context_can_edit (context))
    {
      g_autofree char *reason = kontor_ui_dup_role_reason (context);
      g_autoptr(GError) error = g_error_new_literal (KONTOR_RECORD_ERROR,
                                                     KONTOR_RECORD_ERROR_NOT_PERMITTED,
                                                     reason != NULL ? reason : "");

      kontor_ui_show_error (widget, _("The E-mails Could Not Be Recorded"), error);
      return FALSE;
    }

  drop = g_new0 (Drop, 1);
  drop->context = g_object_ref (context);
  drop->owner = owner != NULL ? kontor_record_copy (owner) : NULL;
  drop->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (drop->files, g_object_ref (l->data));

  task = g_task_new (widget, NULL, on_files_loaded_cb, NULL);
  g_task_set_source_tag (task, kontor_mail_ui_drop_files);
  g_task_set_task_data (task, drop, (GDestroyNotify) drop_free);
  g_task_run_in_thread (task, load_in_thread);

  return TRUE;
}

static gboolean
on_drop_cb (GtkDropTarget *drop_target,
            const GValue  *value,
            double         x,
            double         y,
            Target        *target)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (drop_target));
  g_autoptr(KontorRecord) owner = NULL;
  GSList *files;
  GSList *others;
  gboolean taken = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  /* a CSV or vCard file goes to the import even here, a folder nowhere */
  others = kontor_import_dialog_take_dropped (widget, target->context, files, &taken);
  if (target->owner_property != NULL)
    g_object_get (widget, target->owner_property, &owner, NULL);
  else if (target->owner_func != NULL && target->owner_func (widget) != NULL)
    owner = g_object_ref (target->owner_func (widget));
  if (others != NULL)
    taken |= kontor_mail_ui_drop_files (widget, target->context, owner, others);
  g_slist_free (others);
  g_slist_free (files);

  return taken;
}

static GtkDropTarget *
add_drop_target (GtkWidget           *widget,
                 KontorContext       *context,
                 KontorMailOwnerFunc  owner_func,
                 const char          *owner_property)
{
  GtkDropTarget *drop_target;
  Target *target;

  target = g_new0 (Target, 1);
  target->context = g_object_ref (context);
  target->owner_func = owner_func;
  target->owner_property = owner_property;

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_data (drop_target, "drop", G_CALLBACK (on_drop_cb), target, target_free, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop_target));

  return drop_target;
}

/**
 * kontor_mail_ui_add_drop_target:
 * @widget: a company's page, or the window
 * @context: the context
 * @owner_func: (nullable): what @widget shows, asked at each drop; %NULL
 *   for the window, where each message goes to the contact with one of
 *   its addresses
 *
 * Lets e-mail files (.eml) be dropped on @widget (feature A7): each is
 * read on a worker and recorded as an automatic e-mail activity, one
 * undoable operation each, or refused with its name and the reason.
 *
 * Returns: (transfer none): the drop target added to @widget
 */
GtkDropTarget *
kontor_mail_ui_add_drop_target (GtkWidget           *widget,
                                KontorContext       *context,
                                KontorMailOwnerFunc  owner_func)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return add_drop_target (widget, context, owner_func, NULL);
}

/* ------------------------------------------------------------------------ */
/* mailto: */

typedef struct
{
  GtkWidget     *widget;
  GtkWindow     *parent;
  KontorContext *context;
  KontorRecord  *owner;
  char          *address;
} Written;

static void
written_free (Written *written)
{
  g_clear_object (&written->widget);
  g_clear_object (&written->parent);
  g_clear_object (&written->context);
  g_clear_object (&written->owner);
  g_free (written->address);
  g_free (written);
}

/* The recording of an e-mail written to @address now, as an automatic
 * activity ("E-mail written to …") on @owner, to run */
static KontorOperation *
new_written (KontorContext  *context,
             KontorRecord   *owner,
             const char     *address,
             GError        **error)
{
  g_autoptr(KontorActivity) activity = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *shown = NULL;
  KontorOperation *operation;

  /* Translators: %s is an e-mail address; the subject of an activity */
  subject = g_strdup_printf (_("E-mail written to %s"), address);
  shown = kontor_text_shorten (subject, KONTOR_TEXT_MAX_CHARS - 1);
  activity = kontor_activity_new (KONTOR_ACTIVITY_KIND_EMAIL, owner);
  kontor_activity_set_subject (activity, shown);
  kontor_activity_set_starts_at (activity, g_get_real_time () / G_USEC_PER_SEC);
  kontor_activity_set_automatic (activity, TRUE);

  operation = kontor_store_new_mail_write (kontor_context_get_store (context), activity, NULL,
                                           error);
  if (operation != NULL)
    kontor_operation_set_title (operation, shown);

  return operation;
}

static void
on_uri_shown_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Written *written = user_data;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (written->parent, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kontor_ui_show_error (written->widget, _("The Mail App Could Not Be Opened"), error);
    }
  /* a viewer writes, but records nothing */
  else if (kontor_context_can_edit (written->context))
    {
      operation = new_written (written->context, written->owner, written->address, &error);
      if (operation == NULL)
        kontor_ui_show_error (written->widget, _("The E-mail Could Not Be Recorded"), error);
      else
        kontor_ui_run_operation (written->widget, written->context, operation);
    }

  written_free (written);
}

/**
 * kontor_mail_ui_write_to:
 * @widget: the widget asking
 * @context: the context
 * @owner: the stored contact (or company) written to
 * @address: the e-mail address
 *
 * Opens the desktop's mail app on a new message to @address (`mailto:`,
 * through the portal in a sandbox); once it opened, records the e-mail
 * on @owner as an automatic activity, undoable (feature A7).
 */
void
kontor_mail_ui_write_to (GtkWidget     *widget,
                         KontorContext *context,
                         KontorRecord  *owner,
                         const char    *address)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  Written *written;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));
  g_return_if_fail (KONTOR_IS_RECORD (owner));
  g_return_if_fail (address != NULL);

  /* RFC 6068: an address keeps its "@" and these, the rest is escaped */
  escaped = g_uri_escape_string (address, "!$'()*+,;:@", FALSE);
  uri = g_strconcat ("mailto:", escaped, NULL);

  written = g_new0 (Written, 1);
  written->widget = g_object_ref (widget);
  written->parent = kontor_ui_get_window (widget);
  if (written->parent != NULL)
    g_object_ref (written->parent);
  written->context = g_object_ref (context);
  written->owner = kontor_record_copy (owner);
  written->address = g_strdup (address);

  gtk_show_uri_full (written->parent, uri, GDK_CURRENT_TIME, NULL, on_uri_shown_cb, written);
}

/**
 * kontor_mail_ui_write_email_action:
 * @widget: a page with the properties "context" and "contact"
 * @action_name: the action's name
 * @parameter: (nullable): unused
 *
 * An action ("contact.write-email") that writes to the contact's first
 * e-mail address with kontor_mail_ui_write_to().
 */
void
kontor_mail_ui_write_email_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  g_autoptr(KontorContext) context = NULL;
  g_autoptr(KontorContact) contact = NULL;

  g_object_get (widget, "context", &context, "contact", &contact, NULL);
  if (context == NULL || contact == NULL || kontor_contact_get_primary_email (contact) == NULL)
    return;

  kontor_mail_ui_write_to (widget, context, KONTOR_RECORD (contact),
                           kontor_contact_get_primary_email (contact));
}

static void
update_write_email (GtkWidget *page)
{
  g_autoptr(KontorContact) contact = NULL;

  g_object_get (page, "contact", &contact, NULL);
  gtk_widget_action_set_enabled (page, "contact.write-email",
                                 contact != NULL &&
                                 kontor_contact_get_primary_email (contact) != NULL);
}

/**
 * kontor_mail_ui_class_install_write_email:
 * @widget_class: the class of a page with "context" and "contact"
 *   properties (the contact's page)
 *
 * Installs "contact.write-email" (kontor_mail_ui_write_email_action()).
 */
void
kontor_mail_ui_class_install_write_email (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_install_action (widget_class, "contact.write-email", NULL,
                                   kontor_mail_ui_write_email_action);
}

/**
 * kontor_mail_ui_attach_to_contact_page:
 * @page: a page with "context" and "contact" properties, whose class
 *   installed kontor_mail_ui_class_install_write_email()
 * @context: the context
 *
 * E-mails dropped on @page are recorded on the contact it shows, and
 * "contact.write-email" is enabled while that contact has an address.
 */
void
kontor_mail_ui_attach_to_contact_page (GtkWidget     *page,
                                       KontorContext *context)
{
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));

  add_drop_target (page, context, NULL, "contact");
  g_signal_connect (page, "notify::contact", G_CALLBACK (update_write_email), NULL);
  /* after the page took a change of its contact (an address synced in) */
  g_signal_connect_object (kontor_context_get_store (context), "changed::contact",
                           G_CALLBACK (update_write_email), page, G_CONNECT_SWAPPED);
  update_write_email (page);
}
