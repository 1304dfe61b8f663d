/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-export-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-csv-mapping.h"
#include "kontor-export-dialog.h"
#include "kontor-ui-utils.h"
#include "kontor-vcard.h"

/**
 * KontorExportDialog:
 *
 * The export of contacts (features I4, X3, src/README.md "The import
 * dialog"): the selected contacts, those the list shows, a group's or
 * every one, as CSV ("Excel (Deutsch)" in Windows-1252 or UTF-8 with a
 * BOM, or RFC 4180 UTF-8) or vCard 4.0 or 3.0, into a file the user
 * picks. "For a mailing" makes it a marketing action: a contact that
 * kontor_contact_allows_marketing() refuses (feature X11) is left out,
 * and the toast says how many were. Which contacts is decided on the main thread (their row ids, one
 * query); a worker with a connection of its own loads them a batch at a
 * time and writes them through g_file_replace(), so the file appears
 * whole or not at all: an error (a full disk, a character Windows-1252
 * lacks) or Cancel leaves the file as it was. The rows and cards are made
 * by the CSV and vCard writers (src/io), as the command line's export.
 */

/* contacts loaded and written between two progress reports */
#define BATCH_SIZE 500

struct _KontorExportDialog
{
  AdwWindow          parent_instance;

  KontorContext     *context;
  GStrv              selected_ids;
  KontorFilter      *filter;
  GPtrArray         *groups;        /* KontorGroup */
  GArray            *scopes;        /* KontorExportScope, in the drop-down's order */
  GCancellable      *cancellable;

  AdwComboRow       *scope_row;
  AdwComboRow       *group_row;
  AdwComboRow       *format_row;
  AdwComboRow       *encoding_row;
  GtkSwitch         *mailing_switch;
  GtkButton         *export_button;
  AdwPreferencesGroup *progress_group;
  GtkProgressBar    *progress_bar;
};

G_DEFINE_FINAL_TYPE (KontorExportDialog, kontor_export_dialog, ADW_TYPE_WINDOW)

static const KontorCsvEncoding excel_encodings[] = {
  KONTOR_CSV_ENCODING_WINDOWS_1252,
  KONTOR_CSV_ENCODING_UTF8,
};

/* What the worker is given: it reads nothing of the main thread's */
typedef struct
{
  char               *path;
  char               *client_id;
  GStrv               ids;       /* or */
  GArray             *rowids;
  KontorExportFormat  format;
  KontorCsvEncoding   encoding;
  gboolean            for_mailing;
  guint               n_left_out; /* the worker's, read when it is done */
  GFile              *file;
  char               *display_name;
  KontorExportDialog *dialog;    /* touched on the main thread only */
  guint               n_done;    /* atomic */
  guint               n_total;
  guint               progress_id; /* the main thread's timeout */
} Export;

static void
export_free (Export *export)
{
  g_free (export->path);
  g_free (export->client_id);
  g_strfreev (export->ids);
  g_clear_pointer (&export->rowids, g_array_unref);
  g_clear_object (&export->file);
  g_free (export->display_name);
  g_clear_object (&export->dialog);
  g_free (export);
}

static void
update_actions (KontorExportDialog *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scope_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mailing_switch), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), busy);
}

static KontorExportScope
get_scope (KontorExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->scope_row);

  if (selected >= self->scopes->len)
    return KONTOR_EXPORT_SCOPE_ALL;

  return g_array_index (self->scopes, KontorExportScope, selected);
}

static void
on_choice_cb (KontorExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->group_row),
                          get_scope (self) == KONTOR_EXPORT_SCOPE_GROUP);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row),
                          adw_combo_row_get_selected (self->format_row) ==
                          KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE);
}

/* On the worker */

static gboolean
write_text (GOutputStream  *stream,
            const char     *text,
            GCancellable   *cancellable,
            GError        **error)
{
  return g_output_stream_write_all (stream, text, strlen (text), NULL, cancellable, error);
}

static KontorContact *
load_contact (Export       *export,
              KontorStore  *connection,
              guint         i,
              GError      **error)
{
  if (export->ids != NULL)
    return kontor_store_load (connection, KONTOR_TYPE_CONTACT, export->ids[i], error);

  return kontor_store_load_by_rowid (connection, KONTOR_TYPE_CONTACT,
                                     g_array_index (export->rowids, gint64, i), error);
}

static gboolean
write_contacts (Export         *export,
                GOutputStream  *stream,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(KontorStore) connection = NULL;
  g_autoptr(KontorCsvWriter) writer = NULL;
  gboolean csv = export->format == KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE ||
                 export->format == KONTOR_EXPORT_FORMAT_CSV_RFC4180;
  KontorCsvPreset preset = export->format == KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE
                           ? KONTOR_CSV_PRESET_EXCEL_DE : KONTOR_CSV_PRESET_RFC4180;

  connection = kontor_store_open_connection (export->path, export->client_id, NULL, error);
  if (connection == NULL)
    return FALSE;

  if (csv)
    {
      g_auto(GStrv) header = kontor_csv_export_header ();

      writer = kontor_csv_writer_new (stream, preset,
                                      export->format == KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE
                                      ? export->encoding : KONTOR_CSV_ENCODING_UTF8);
      if (!kontor_csv_writer_write_row (writer, (const char * const *) header, cancellable,
                                        error))
        return FALSE;
    }

  for (guint i = 0; i < export->n_total; i++)
    {
      g_autoptr(KontorContact) contact = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      contact = load_contact (export, connection, i, error);
      if (contact == NULL)
        return FALSE;

      if (export->for_mailing && !kontor_contact_allows_marketing (contact))
        export->n_left_out++;
      else if (csv)
        {
          g_auto(GStrv) row = kontor_csv_export_row (contact, preset);

          if (!kontor_csv_writer_write_row (writer, (const char * const *) row, cancellable,
                                            error))
            return FALSE;
        }
      else
        {
          g_autofree char *card =
            kontor_vcard_from_contact (contact,
                                       export->format == KONTOR_EXPORT_FORMAT_VCARD_30
                                       ? KONTOR_VCARD_VERSION_30 : KONTOR_VCARD_VERSION_40);

          if (!write_text (stream, card, cancellable, error))
            return FALSE;
        }

      if ((i + 1) % BATCH_SIZE == 0)
        g_atomic_int_set (&export->n_done, i + 1);
    }
  g_atomic_int_set (&export->n_done, export->n_total);

  return TRUE;
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gboolean existed;

  /* g_file_replace() writes beside a file that exists and renames it over
   * the old one on close; a close with a cancelled cancellable keeps the
   * old one. A new file it writes in place: that one is deleted again. */
  existed = g_file_query_exists (export->file, cancellable);

  stream = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream != NULL && write_contacts (export, G_OUTPUT_STREAM (stream), cancellable, &error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (stream != NULL)
    {
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      if (!existed)
        g_file_delete (export->file, NULL, NULL);
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&error,
                    /* Translators: before why an export failed; %s is the file's name */
                    _("“%s” could not be written: "), export->display_name);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* On the main thread */

static gboolean
update_progress_cb (gpointer data)
{
  Export *export = data;
  guint n_done = g_atomic_int_get (&export->n_done);
  g_autofree char *text = NULL;

  /* closed, the worker not yet stopped */
  if (export->dialog->progress_bar == NULL)
    return G_SOURCE_CONTINUE;

  /* Translators: the export's progress; the second %'u is the number of contacts */
  text = g_strdup_printf (ngettext ("%'u of %'u contact", "%'u of %'u contacts", export->n_total),
                          n_done, export->n_total);

  gtk_progress_bar_set_fraction (export->dialog->progress_bar,
                                 export->n_total > 0 ? (double) n_done / export->n_total : 1.0);
  gtk_progress_bar_set_text (export->dialog->progress_bar, text);

  return G_SOURCE_CONTINUE;
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(KontorExportDialog) self = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  /* the dialog's last reference goes here, on the main thread: the task
   * has none (its own last unref may be the worker's) */
  g_source_remove (export->progress_id);
  self = g_steal_pointer (&export->dialog);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_clear_object (&self->cancellable);
  /* closed meanwhile: it was cancelled, and nothing is left to show */
  if (self->scope_row == NULL)
    return;
  update_actions (self);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      guint n_written = export->n_total - export->n_left_out;
      g_autofree char *title =
        /* Translators: a toast after an export of contacts; %'u is how many, %s the
         * file's name */
        g_strdup_printf (ngettext ("%'u contact exported to “%s”",
                                   "%'u contacts exported to “%s”", n_written),
                         n_written, export->display_name);

      if (export->n_left_out > 0)
        {
          g_autofree char *exported = g_steal_pointer (&title);
          g_autofree char *left_out =
            /* Translators: after "N contacts exported to “file”" of a mailing's
             * export; %'u is how many contacts were not written */
            g_strdup_printf (ngettext ("%'u left out: objects to marketing",
                                       "%'u left out: object to marketing",
                                       export->n_left_out),
                             export->n_left_out);

          /* Translators: a toast: how many were exported, then how many left out */
          title = g_strdup_printf (_("%s; %s"), exported, left_out);
        }

      if (parent != NULL)
        kontor_ui_add_toast (GTK_WIDGET (parent), title);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kontor_ui_show_error (GTK_WIDGET (self), _("The Contacts Could Not Be Exported"), error);
}

/* the row ids of the chosen contacts, or their ids for the selection */
static gboolean
collect_contacts (KontorExportDialog  *self,
                  Export              *export,
                  GError             **error)
{
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(KontorFilter) filter = NULL;

  switch (get_scope (self))
    {
    case KONTOR_EXPORT_SCOPE_SELECTION:
      export->ids = g_strdupv (self->selected_ids);
      export->n_total = g_strv_length (export->ids);
      return TRUE;

    case KONTOR_EXPORT_SCOPE_FILTER:
      filter = kontor_filter_copy (self->filter);
      break;

    case KONTOR_EXPORT_SCOPE_GROUP:
      {
        guint selected = adw_combo_row_get_selected (self->group_row);

        filter = kontor_filter_new ();
        if (selected < self->groups->len)
          kontor_filter_set_group_id (filter,
                                      kontor_record_get_id (g_ptr_array_index (self->groups,
                                                                               selected)));
      }
      break;

    case KONTOR_EXPORT_SCOPE_ALL:
    default:
      filter = kontor_filter_new ();
      break;
    }

  export->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, export->rowids, error))
    return FALSE;
  export->n_total = export->rowids->len;

  return TRUE;
}

/**
 * kontor_export_dialog_export_to:
 * @self: a dialog
 * @file: where to write
 *
 * Exports the contacts and format chosen into @file, as the file
 * chooser's answer does: on a worker, with progress and Cancel; closes
 * the dialog with a toast on its window when done.
 */
void
kontor_export_dialog_export_to (KontorExportDialog *self,
                                GFile              *file)
{
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  guint encoding = adw_combo_row_get_selected (self->encoding_row);
  Export *export;

  g_return_if_fail (KONTOR_IS_EXPORT_DIALOG (self));
  g_return_if_fail (self->cancellable == NULL);

  export = g_new0 (Export, 1);
  export->path = g_strdup (kontor_store_get_path (store));
  export->client_id = g_strdup (kontor_store_get_client_id (store));
  export->format = (KontorExportFormat) adw_combo_row_get_selected (self->format_row);
  export->encoding = excel_encodings[MIN (encoding, G_N_ELEMENTS (excel_encodings) - 1)];
  export->for_mailing = gtk_switch_get_active (self->mailing_switch);
  export->file = g_object_ref (file);
  export->display_name = g_file_get_basename (file);
  export->dialog = g_object_ref (self);
  if (!collect_contacts (self, export, &error))
    {
      export_free (export);
      kontor_ui_show_error (GTK_WIDGET (self), _("The Contacts Could Not Be Exported"), error);
      return;
    }

  self->cancellable = g_cancellable_new ();
  update_actions (self);
  export->progress_id = g_timeout_add (100, update_progress_cb, export);
  update_progress_cb (export);

  /* no source object: the task may be finalised on the worker, and the
   * dialog must not be (export->dialog is dropped in on_exported_cb) */
  task = g_task_new (NULL, self->cancellable, on_exported_cb, NULL);
  g_task_set_source_tag (task, kontor_export_dialog_export_to);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_in_thread);
}

static void
on_chooser_response_cb (GtkNativeDialog    *chooser,
                        int                 response,
                        KontorExportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    kontor_export_dialog_export_to (self, file);
  g_object_unref (self);
}

/* export.choose-file: asks where, then exports */
static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KontorExportDialog *self = KONTOR_EXPORT_DIALOG (widget);
  KontorExportFormat format = adw_combo_row_get_selected (self->format_row);
  gboolean csv = format == KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE ||
                 format == KONTOR_EXPORT_FORMAT_CSV_RFC4180;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* Translators: the suggested name of an exported file, without its suffix */
  name = g_strconcat (_("Contacts"), csv ? ".csv" : ".vcf", NULL);
  chooser = gtk_file_chooser_native_new (_("Export Contacts"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, csv ? _("CSV Files") : _("vCard Files"));
  gtk_file_filter_add_suffix (filter, csv ? "csv" : "vcf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* export.cancel: stops a running export (the file stays as it was), or leaves */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorExportDialog *self = KONTOR_EXPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
kontor_export_dialog_dispose (GObject *object)
{
  KontorExportDialog *self = KONTOR_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (kontor_export_dialog_parent_class)->dispose (object);
}

static void
kontor_export_dialog_finalize (GObject *object)
{
  KontorExportDialog *self = KONTOR_EXPORT_DIALOG (object);

  g_clear_object (&self->context);
  g_strfreev (self->selected_ids);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_array_unref (self->scopes);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kontor_export_dialog_parent_class)->finalize (object);
}

static void
kontor_export_dialog_class_init (KontorExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_export_dialog_dispose;
  object_class->finalize = kontor_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kontor/Kontor/ui/kontor-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, KontorExportDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, KontorExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, KontorExportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, KontorExportDialog, mailing_switch);
  gtk_widget_class_bind_template_child (widget_class, KontorExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, KontorExportDialog, progress_group);
  gtk_widget_class_bind_template_child (widget_class, KontorExportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
kontor_export_dialog_init (KontorExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->scopes = g_array_new (FALSE, FALSE, sizeof (KontorExportScope));
}

/**
 * kontor_export_dialog_new:
 * @parent: the window it belongs to
 * @context: the context whose contacts it exports
 * @selected_ids: (nullable): the contacts selected in the table
 * @filter: (nullable): the filter of the list shown
 *
 * Returns: (transfer none): a new dialog, not yet shown; "every contact"
 *   chosen, or the selection when there is one
 */
KontorExportDialog *
kontor_export_dialog_new (GtkWindow          *parent,
                          KontorContext      *context,
                          const char * const *selected_ids,
                          KontorFilter       *filter)
{
  KontorExportDialog *self;
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) groups = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) encodings = gtk_string_list_new (NULL);
  KontorExportScope scope;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  self = g_object_new (KONTOR_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->selected_ids = g_strdupv ((char **) selected_ids);
  self->filter = filter != NULL ? g_object_ref (filter) : NULL;
  self->groups = kontor_store_list_groups (kontor_context_get_store (context), NULL);
  if (self->groups == NULL)
    self->groups = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->selected_ids != NULL && self->selected_ids[0] != NULL)
    {
      guint n = g_strv_length (self->selected_ids);
      /* Translators: a choice of the export: the contacts selected in the table */
      g_autofree char *label = g_strdup_printf (ngettext ("%'u Selected Contact",
                                                          "%'u Selected Contacts", n), n);

      gtk_string_list_append (scopes, label);
      scope = KONTOR_EXPORT_SCOPE_SELECTION;
      g_array_append_val (self->scopes, scope);
    }
  if (self->filter != NULL)
    {
      /* Translators: a choice of the export: the contacts the list shows, its filter
       * and search */
      gtk_string_list_append (scopes, _("Listed Contacts"));
      scope = KONTOR_EXPORT_SCOPE_FILTER;
      g_array_append_val (self->scopes, scope);
    }
  if (self->groups->len > 0)
    {
      /* Translators: a choice of the export: the contacts of a group */
      gtk_string_list_append (scopes, _("A Group"));
      scope = KONTOR_EXPORT_SCOPE_GROUP;
      g_array_append_val (self->scopes, scope);
      for (guint i = 0; i < self->groups->len; i++)
        gtk_string_list_append (groups,
                                kontor_group_get_name (g_ptr_array_index (self->groups, i)));
    }
  /* Translators: a choice of the export */
  gtk_string_list_append (scopes, _("All Contacts"));
  scope = KONTOR_EXPORT_SCOPE_ALL;
  g_array_append_val (self->scopes, scope);

  /* in the order of KontorExportFormat */
  /* Translators: a format of the export: CSV as a German Excel reads it */
  gtk_string_list_append (formats, _("CSV, Excel (German)"));
  /* Translators: a format of the export */
  gtk_string_list_append (formats, _("CSV, RFC 4180 UTF-8"));
  gtk_string_list_append (formats, _("vCard 4.0"));
  /* Translators: a format of the export: the vCard version older programs read */
  gtk_string_list_append (formats, _("vCard 3.0"));
  /* in the order of excel_encodings */
  gtk_string_list_append (encodings, _("Windows-1252"));
  /* Translators: an encoding of the export, with a byte order mark Excel recognises */
  gtk_string_list_append (encodings, _("UTF-8 with BOM"));

  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (scopes));
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (groups));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (encodings));
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (on_choice_cb), self);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_choice_cb),
                            self);
  kontor_export_dialog_set_scope (self, self->scopes->len > 0
                                        ? g_array_index (self->scopes, KontorExportScope, 0)
                                        : KONTOR_EXPORT_SCOPE_ALL);
  if (g_array_index (self->scopes, KontorExportScope, 0) != KONTOR_EXPORT_SCOPE_SELECTION)
    kontor_export_dialog_set_scope (self, KONTOR_EXPORT_SCOPE_ALL);
  on_choice_cb (self);
  update_actions (self);

  return self;
}

/**
 * kontor_export_dialog_set_scope:
 * @self: a dialog
 * @scope: which contacts; ignored when the dialog does not offer it
 */
void
kontor_export_dialog_set_scope (KontorExportDialog *self,
                                KontorExportScope   scope)
{
  g_return_if_fail (KONTOR_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < self->scopes->len; i++)
    if (g_array_index (self->scopes, KontorExportScope, i) == scope)
      adw_combo_row_set_selected (self->scope_row, i);
}

/**
 * kontor_export_dialog_set_format:
 * @self: a dialog
 * @format: the file's format
 */
void
kontor_export_dialog_set_format (KontorExportDialog *self,
                                 KontorExportFormat  format)
{
  g_return_if_fail (KONTOR_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->format_row, format);
}
