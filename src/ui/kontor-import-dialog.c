/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-import-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-address-book.h"
#include "kontor-contact-rules.h"
#include "kontor-csv-mapping.h"
#include "kontor-format.h"
#include "kontor-import-dialog.h"
#include "kontor-ui-utils.h"
#include "kontor-vcard.h"

/**
 * KontorImportDialog:
 *
 * The import of a CSV or vCard file (features I1–I3, I5, X2,
 * src/README.md "The import dialog"). Four steps in one stack:
 *
 * 1. settings: for a CSV file its encoding and separator (guessed by the
 *    reader, corrected here; a change reads the file again), a saved
 *    mapping offered for the same header, one drop-down per column with
 *    its header and sample values, and a preview of the first rows as
 *    kontor_csv_mapping_apply() makes them, or why a row fails; for any
 *    file what to do with contacts that exist and what makes them the same;
 * 2. "Check" plans the import on a worker (kontor_import_plan_async())
 *    with progress and Cancel, then lists the duplicates, each with its
 *    action, and the rows that cannot be imported;
 * 3. "Import" runs it as one store job, with the count and Cancel; the
 *    window stays usable, and a cancelled import leaves nothing;
 * 4. the outcome, the failed rows with "Save as CSV…"
 *    (kontor_import_write_failures()), and the import on
 *    the context's undo stack, so the window's toast offers Undo.
 *
 * Nothing here knows a field's rules: the mapping, the readers and the
 * import decide, the dialog shows what they say.
 */

/* rows of the file shown in the preview */
#define PREVIEW_ROWS 5
/* duplicates and failures listed; the mode decides for the rest */
#define SHOWN_ROWS 200

typedef enum
{
  STEP_SETTINGS,
  STEP_PLANNING,
  STEP_PLAN,
  STEP_RUNNING,
  STEP_DONE,
  STEP_ERROR,
} Step;

struct _KontorImportDialog
{
  AdwWindow            parent_instance;

  KontorContext       *context;
  GtkWindow           *parent;       /* weak: where the toasts go */
  GFile               *file;         /* or */
  ESource             *book;         /* a desktop's address book */
  char                *display_name;
  gboolean             is_vcard;
  Step                 step;
  guint                updating;

  KontorCsvReader     *reader;       /* CSV: the preview's reader */
  KontorCsvMapping    *mapping;      /* CSV */
  GPtrArray           *samples;      /* CSV: GStrv rows after the header */
  GArray              *sample_lines; /* guint */
  GPtrArray           *sample_errors; /* GError or NULL, a row the reader refused */
  GPtrArray           *column_rows;  /* AdwComboRow */
  GPtrArray           *preview_rows; /* AdwActionRow */
  GPtrArray           *target_ids;   /* const char *: NULL (ignore), then the targets */
  GtkStringList       *target_labels;
  GPtrArray           *saved_texts;  /* char *: the offered saved mappings' texts */
  char                *preview_error; /* the file cannot be read as now set */
  GHashTable          *user_targets; /* column → target id ("" ignore): set by hand */
  gboolean             date_order_chosen; /* the Dates drop-down was set by hand */
  gboolean             keep_birthdays; /* the team's setting (feature C8) */
  guint                n_file_rows;  /* the rows the plan read, refused ones too */

  KontorImport        *import;
  GCancellable        *cancellable;

  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *next_button;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwPreferencesGroup *file_group;
  AdwComboRow         *encoding_row;
  AdwComboRow         *separator_row;
  AdwComboRow         *date_row;
  AdwComboRow         *saved_row;
  AdwComboRow         *mode_row;
  AdwComboRow         *match_row;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *preview_group;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkLabel            *plan_label;
  AdwPreferencesGroup *duplicates_group;
  GtkListBox          *duplicates_list;
  AdwPreferencesGroup *company_matches_group;
  GtkListBox          *company_matches_list;
  AdwPreferencesGroup *plan_failures_group;
  GtkListBox          *plan_failures_list;
  AdwStatusPage       *done_page;
  AdwPreferencesGroup *done_failures_group;
  GtkListBox          *done_failures_list;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (KontorImportDialog, kontor_import_dialog, ADW_TYPE_WINDOW)

/* the separators the reader knows, in the drop-down's order */
static const char separators[] = { ',', ';', '\t' };

static const KontorImportMode modes[] = {
  KONTOR_IMPORT_MODE_CREATE,
  KONTOR_IMPORT_MODE_UPDATE,
  KONTOR_IMPORT_MODE_SKIP,
};

static const KontorImportMatch matches[] = {
  KONTOR_IMPORT_MATCH_ANY,
  KONTOR_IMPORT_MATCH_EMAIL,
  KONTOR_IMPORT_MATCH_PHONE,
  KONTOR_IMPORT_MATCH_CUSTOMER_NUMBER,
};

/* the Dates drop-down's choices, in its order */
static const KontorCsvDateOrder date_orders[] = {
  KONTOR_CSV_DATE_ORDER_AUTO,
  KONTOR_CSV_DATE_ORDER_DAY_FIRST,
  KONTOR_CSV_DATE_ORDER_MONTH_FIRST,
};

static const KontorImportAction actions[] = {
  KONTOR_IMPORT_ACTION_MERGE,
  KONTOR_IMPORT_ACTION_UPDATE,
  KONTOR_IMPORT_ACTION_SKIP,
  KONTOR_IMPORT_ACTION_CREATE,
};

static void update_actions (KontorImportDialog *self);

static GtkStringList *
new_string_list (const char * const *labels,
                 guint               n_labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (list, labels[i]);

  return list;
}

static void
set_combo_strings (AdwComboRow        *row,
                   const char * const *labels,
                   guint               n_labels)
{
  g_autoptr(GtkStringList) list = new_string_list (labels, n_labels);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

/**
 * kontor_import_dialog_is_import_file:
 * @file: a file
 *
 * Returns: whether @file is named as a file the import reads: a CSV
 *   (.csv, .tsv, .txt) or vCard (.vcf, .vcard) file
 */
gboolean
kontor_import_dialog_is_import_file (GFile *file)
{
  static const char * const suffixes[] = { ".csv", ".tsv", ".txt", ".vcf", ".vcard" };
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = NULL;

  if (basename == NULL)
    return FALSE;
  lower = g_ascii_strdown (basename, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;

  return FALSE;
}

/* a vCard by its name, or by its start ("BEGIN:VCARD", after a BOM and
 * blank lines) whatever it is called: a vCard saved as .txt */
static gboolean
is_vcard_file (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (basename != NULL ? basename : "", -1);
  g_autoptr(GFileInputStream) stream = NULL;
  char start[64] = { 0 };
  gsize n_read = 0;
  const char *text = start;

  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return TRUE;
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), start, sizeof start - 1, &n_read,
                                NULL, NULL))
    return FALSE;
  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;
  while (*text == '\r' || *text == '\n' || *text == ' ' || *text == '\t')
    text++;

  return g_ascii_strncasecmp (text, "BEGIN:VCARD", strlen ("BEGIN:VCARD")) == 0;
}

static void
show_error (KontorImportDialog *self,
            const GError       *error)
{
  self->step = STEP_ERROR;
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_actions (self);
}

/* ------------------------------------------------------------------------ */
/* Step 1: the file's settings, its columns and the preview */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* "Anna Müller, Bäckerei Sonnenschein": how a stored contact reads */
static char *
dup_contact_title (KontorContact *contact)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  const char *company = kontor_contact_get_company_name (contact);

  if (company != NULL && *company != '\0')
    /* Translators: a contact in the import's lists: the name, then the company */
    return g_strdup_printf (_("%s, %s"), name, company);

  return g_steal_pointer (&name);
}

/* e-mail, phone, birthday and city as they will be stored */
static char *
dup_contact_details (KontorContact *contact)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *value;

  if ((value = kontor_contact_get_primary_email (contact)) != NULL && *value != '\0')
    g_ptr_array_add (parts, g_strdup (value));
  if ((value = kontor_contact_get_primary_phone (contact)) != NULL && *value != '\0')
    g_ptr_array_add (parts, g_strdup (value));
  if ((value = kontor_contact_get_birthday (contact)) != NULL && *value != '\0')
    {
      g_autofree char *date = kontor_format_iso_date (value);

      /* Translators: the birthday of a contact in the import's preview */
      g_ptr_array_add (parts, g_strdup_printf (_("born %s"), date != NULL ? date : value));
    }
  if ((value = kontor_contact_get_city (contact)) != NULL && *value != '\0')
    g_ptr_array_add (parts, g_strdup (value));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update_preview (KontorImportDialog *self)
{
  clear_rows (self->preview_group, self->preview_rows);

  for (guint i = 0; i < self->samples->len; i++)
    {
      GStrv row = g_ptr_array_index (self->samples, i);
      GError *read_error = g_ptr_array_index (self->sample_errors, i);
      guint line = g_array_index (self->sample_lines, guint, i);
      g_autoptr(KontorContact) contact = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row_widget = adw_action_row_new ();

      if (read_error == NULL)
        contact = kontor_csv_mapping_apply (self->mapping, (const char * const *) row, &error);
      /* as the import will store it: without a birthday the team does not
       * keep (the model's rule, as the importer applies it) */
      if (contact != NULL && !kontor_contact_check_birthday (contact, self->keep_birthdays, NULL))
        kontor_contact_set_birthday (contact, NULL);
      if (contact != NULL)
        {
          g_autofree char *name = dup_contact_title (contact);

          /* Translators: a row of the import's preview: its line in the file, then the
           * contact as it will be stored */
          title = g_strdup_printf (_("Line %u: %s"), line, name);
          subtitle = dup_contact_details (contact);
        }
      else
        {
          /* Translators: a row of the import's preview that cannot be imported; %u is
           * its line in the file */
          title = g_strdup_printf (_("Line %u cannot be imported"), line);
          subtitle = g_strdup (read_error != NULL ? read_error->message : error->message);
          gtk_widget_add_css_class (row_widget, "error");
        }
      /* plain text before the title is set: "GmbH & Co. KG" is no markup */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row_widget), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row_widget), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row_widget), subtitle);
      adw_preferences_group_add (self->preview_group, row_widget);
      g_ptr_array_add (self->preview_rows, row_widget);
    }
  adw_preferences_group_set_description (self->preview_group,
                                         self->preview_error != NULL
                                         ? self->preview_error
                                         : _("The first rows as they will be stored"));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group),
                          self->samples->len > 0 || self->preview_error != NULL);
}

/* the order the file's dates show (kontor_csv_mapping_scan_dates()), for
 * the preview and the Dates drop-down */
static void
scan_dates (KontorImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->reader == NULL || self->mapping == NULL ||
      !kontor_csv_mapping_has_date_column (self->mapping))
    return;
  if (!kontor_csv_mapping_scan_dates (self->mapping, self->reader, &error))
    g_debug ("the dates of %s cannot be scanned: %s", self->display_name, error->message);
}

/* "Dates", shown while a column holds dates: the order chosen, or else
 * the one the file shows, which the mapping then takes */
static void
update_date_row (KontorImportDialog *self)
{
  gboolean has_dates = self->mapping != NULL &&
                       kontor_csv_mapping_has_date_column (self->mapping);
  KontorCsvDateOrder order;

  gtk_widget_set_visible (GTK_WIDGET (self->date_row), has_dates);
  if (!has_dates)
    return;

  order = kontor_csv_mapping_get_date_order (self->mapping);
  if (!self->date_order_chosen && order == KONTOR_CSV_DATE_ORDER_AUTO)
    {
      for (guint i = 0; i < kontor_csv_mapping_get_n_columns (self->mapping); i++)
        if (kontor_csv_mapping_get_file_date_order (self->mapping, i) !=
            KONTOR_CSV_DATE_ORDER_AUTO)
          {
            order = kontor_csv_mapping_get_file_date_order (self->mapping, i);
            break;
          }
      kontor_csv_mapping_set_date_order (self->mapping, order);
    }
  self->updating++;
  for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
    if (date_orders[i] == order)
      adw_combo_row_set_selected (self->date_row, i);
  self->updating--;
}

static void
on_date_order_cb (AdwComboRow        *row,
                  GParamSpec         *pspec,
                  KontorImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || self->mapping == NULL || selected >= G_N_ELEMENTS (date_orders))
    return;
  self->date_order_chosen = TRUE;
  kontor_csv_mapping_set_date_order (self->mapping, date_orders[selected]);
  update_preview (self);
}

static guint
target_position (KontorImportDialog *self,
                 const char         *target_id)
{
  if (target_id == NULL)
    return 0;
  for (guint i = 1; i < self->target_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->target_ids, i), target_id) == 0)
      return i;

  return 0;
}

static void
on_column_target_cb (AdwComboRow        *row,
                     GParamSpec         *pspec,
                     KontorImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kontor-column"));
  guint selected = adw_combo_row_get_selected (row);
  const char *target;

  if (self->updating > 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected >= self->target_ids->len)
    return;

  target = g_ptr_array_index (self->target_ids, selected);
  kontor_csv_mapping_set_target (self->mapping, column, target);
  /* the user's choice, kept when the file is read again in another encoding */
  g_hash_table_insert (self->user_targets, GUINT_TO_POINTER (column),
                       g_strdup (target != NULL ? target : ""));
  scan_dates (self);
  update_date_row (self);
  update_preview (self);
}

/* the column's header, or "Column 3" when it has none */
static char *
dup_column_title (KontorImportDialog *self,
                  guint               column)
{
  const char *header = kontor_csv_mapping_get_header (self->mapping, column);

  if (header != NULL && *header != '\0')
    return g_strdup (header);

  /* Translators: a column of a CSV file without a name in its header */
  return g_strdup_printf (_("Column %u"), column + 1);
}

static void
update_columns (KontorImportDialog *self)
{
  guint n_columns = kontor_csv_mapping_get_n_columns (self->mapping);

  self->updating++;
  clear_rows (self->columns_group, self->column_rows);
  for (guint column = 0; column < n_columns; column++)
    {
      GtkWidget *row = adw_combo_row_new ();
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      g_autofree char *title = dup_column_title (self, column);
      g_autofree char *subtitle = NULL;

      /* one or two sample values, so a column without a telling name is known */
      for (guint i = 0; i < self->samples->len && values->len < 2; i++)
        {
          GStrv sample = g_ptr_array_index (self->samples, i);

          if (sample != NULL && column < g_strv_length (sample) && *sample[column] != '\0')
            g_ptr_array_add (values, sample[column]);
        }
      g_ptr_array_add (values, NULL);
      subtitle = g_strjoinv (" · ", (char **) values->pdata);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->target_labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  target_position (self,
                                                   kontor_csv_mapping_get_target (self->mapping,
                                                                                  column)));
      g_object_set_data (G_OBJECT (row), "kontor-column", GUINT_TO_POINTER (column));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_column_target_cb), self);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  self->updating--;
}

/* the saved mappings (GSettings "csv-mappings") made for this header */
static void
update_saved_mappings (KontorImportDialog *self,
                       gboolean            apply_first)
{
  GSettings *settings = kontor_context_get_settings (self->context);
  g_autoptr(GVariant) saved = g_settings_get_value (settings, "csv-mappings");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *key = kontor_csv_mapping_dup_header_key (self->mapping);
  GVariantIter iter;
  const char *name, *text;

  g_ptr_array_set_size (self->saved_texts, 0);
  /* Translators: the first choice of "Saved Mapping": the columns as guessed or set by hand */
  gtk_string_list_append (names, _("None"));
  g_ptr_array_add (self->saved_texts, NULL);

  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &text))
    {
      g_autoptr(KontorCsvMapping) mapping = NULL;
      g_autofree char *mapping_key = NULL;

      mapping = kontor_csv_mapping_new_from_string (
        (const char * const *) g_object_get_data (G_OBJECT (self), "kontor-header"), text, NULL);
      if (mapping == NULL)
        continue;
      mapping_key = kontor_csv_mapping_dup_header_key (mapping);
      if (g_strcmp0 (mapping_key, key) != 0)
        continue;
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->saved_texts, g_strdup (text));
    }

  self->updating++;
  adw_combo_row_set_model (self->saved_row, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->saved_row), self->saved_texts->len > 1);
  if (apply_first && self->saved_texts->len > 1)
    {
      g_autoptr(KontorCsvMapping) mapping =
        kontor_csv_mapping_new_from_string (
          (const char * const *) g_object_get_data (G_OBJECT (self), "kontor-header"),
          g_ptr_array_index (self->saved_texts, 1), NULL);

      if (mapping != NULL)
        {
          g_set_object (&self->mapping, mapping);
          adw_combo_row_set_selected (self->saved_row, 1);
        }
    }
  self->updating--;
}

/* Reads the header and the first rows again, as the reader's encoding and
 * separator now say. The mapping is made anew for the header as now read
 * (in another encoding its names and key differ), from a saved mapping for
 * that header if there is one; with @keep_choices and as many columns as
 * before, the columns set by hand and the date order chosen stay. */
static gboolean
read_preview (KontorImportDialog  *self,
              gboolean             keep_choices,
              GError             **error)
{
  g_autoptr(KontorCsvMapping) old = NULL;
  g_auto(GStrv) header = NULL;
  guint line = 0;

  g_ptr_array_set_size (self->samples, 0);
  g_ptr_array_set_size (self->sample_errors, 0);
  g_array_set_size (self->sample_lines, 0);

  if (!kontor_csv_reader_rewind (self->reader, error) ||
      (header = kontor_csv_reader_read_row (self->reader, &line, error)) == NULL)
    return FALSE;

  while (self->samples->len < PREVIEW_ROWS)
    {
      g_autoptr(GError) row_error = NULL;
      GStrv row = kontor_csv_reader_read_row (self->reader, &line, &row_error);

      if (row == NULL && row_error == NULL)
        break;
      if (row == NULL && !g_error_matches (row_error, KONTOR_IMPORT_ERROR,
                                           KONTOR_IMPORT_ERROR_ROW))
        {
          g_propagate_error (error, g_steal_pointer (&row_error));
          return FALSE;
        }
      g_ptr_array_add (self->samples, row);
      g_ptr_array_add (self->sample_errors, g_steal_pointer (&row_error));
      g_array_append_val (self->sample_lines, line);
    }

  old = g_steal_pointer (&self->mapping);
  if (!keep_choices || old == NULL ||
      kontor_csv_mapping_get_n_columns (old) != g_strv_length (header))
    {
      g_hash_table_remove_all (self->user_targets);
      self->date_order_chosen = FALSE;
    }
  self->mapping = kontor_csv_mapping_new ((const char * const *) header);
  g_object_set_data_full (G_OBJECT (self), "kontor-header", g_steal_pointer (&header),
                          (GDestroyNotify) g_strfreev);

  /* a saved mapping for this header, then what was set by hand */
  update_saved_mappings (self, TRUE);
  if (self->user_targets != NULL)
    {
      GHashTableIter iter;
      gpointer column, target;

      g_hash_table_iter_init (&iter, self->user_targets);
      while (g_hash_table_iter_next (&iter, &column, &target))
        kontor_csv_mapping_set_target (self->mapping, GPOINTER_TO_UINT (column),
                                       *(const char *) target != '\0' ? target : NULL);
    }
  if (self->date_order_chosen && old != NULL)
    kontor_csv_mapping_set_date_order (self->mapping, kontor_csv_mapping_get_date_order (old));
  scan_dates (self);

  return TRUE;
}

static void
reread (KontorImportDialog *self,
        gboolean            keep_choices)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->preview_error, g_free);
  if (!read_preview (self, keep_choices, &error))
    {
      if (self->mapping == NULL)
        {
          show_error (self, error);
          return;
        }
      /* a wrong encoding or separator chosen: said where the preview
       * was, so another can be chosen; Check waits for one that reads */
      self->preview_error = g_strdup (error->message);
      g_ptr_array_set_size (self->samples, 0);
      update_preview (self);
      update_actions (self);
      return;
    }
  update_columns (self);
  update_date_row (self);
  update_preview (self);
  update_actions (self);
}

static void
on_encoding_cb (AdwComboRow        *row,
                GParamSpec         *pspec,
                KontorImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || selected >= KONTOR_CSV_N_ENCODINGS)
    return;
  kontor_csv_reader_set_encoding (self->reader, (KontorCsvEncoding) selected);
  reread (self, TRUE);
}

static void
on_separator_cb (AdwComboRow        *row,
                 GParamSpec         *pspec,
                 KontorImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || selected >= G_N_ELEMENTS (separators))
    return;
  kontor_csv_reader_set_separator (self->reader, separators[selected]);
  reread (self, FALSE);
}

static void
on_saved_mapping_cb (AdwComboRow        *row,
                     GParamSpec         *pspec,
                     KontorImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *text;
  g_autoptr(KontorCsvMapping) mapping = NULL;
  const char * const *header;

  if (self->updating > 0 || selected >= self->saved_texts->len)
    return;

  header = g_object_get_data (G_OBJECT (self), "kontor-header");
  text = g_ptr_array_index (self->saved_texts, selected);
  if (text != NULL)
    mapping = kontor_csv_mapping_new_from_string (header, text, NULL);
  if (mapping == NULL)
    mapping = kontor_csv_mapping_new (header);
  g_set_object (&self->mapping, mapping);
  /* the saved mapping's columns and dates, not those set by hand before */
  g_hash_table_remove_all (self->user_targets);
  self->date_order_chosen = kontor_csv_mapping_get_date_order (mapping) !=
                            KONTOR_CSV_DATE_ORDER_AUTO;
  scan_dates (self);
  update_columns (self);
  update_date_row (self);
  update_preview (self);
}

static void
on_save_mapping_response_cb (AdwMessageDialog   *dialog,
                             const char         *response,
                             KontorImportDialog *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  GSettings *settings = kontor_context_get_settings (self->context);
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  if (!g_str_equal (response, "save") || *name == '\0')
    return;

  saved = g_settings_get_value (settings, "csv-mappings");
  text = kontor_csv_mapping_to_string (self->mapping);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, name))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", name, text);
  g_settings_set_value (settings, "csv-mappings", g_variant_builder_end (&builder));

  update_saved_mappings (self, FALSE);
  self->updating++;
  for (guint i = 1; i < self->saved_texts->len; i++)
    if (g_str_equal (g_ptr_array_index (self->saved_texts, i), text))
      adw_combo_row_set_selected (self->saved_row, i);
  self->updating--;

  /* Translators: a toast after the columns of a CSV file were saved under a name */
  title = g_strdup_printf (_("Mapping “%s” saved"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
on_mapping_name_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

/* import.save-mapping: the columns as set now, under a name */
static void
save_mapping_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KontorImportDialog *self = KONTOR_IMPORT_DIALOG (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->mapping == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Mapping"),
                                   _("Files with the same columns will be offered this "
                                     "mapping."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the Mapping"), -1);
  /* Translators: the name a saved CSV mapping is offered under */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_mapping_name_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_mapping_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
set_up_csv (KontorImportDialog *self)
{
  const char *encodings[KONTOR_CSV_N_ENCODINGS];
  const char *separator_labels[] = {
    /* Translators: a separator of CSV files */
    _("Comma"),
    /* Translators: a separator of CSV files */
    _("Semicolon"),
    /* Translators: a separator of CSV files */
    _("Tab"),
  };
  const char *date_labels[] = {
    /* Translators: how the import reads dates like 4/5/1980: as the file shows */
    _("Automatic"),
    /* Translators: how the import reads dates like 4/5/1980 */
    _("Day First (31/12/2024)"),
    /* Translators: how the import reads dates like 4/5/1980 */
    _("Month First (12/31/2024)"),
  };
  g_autoptr(GError) error = NULL;
  char separator;

  self->reader = kontor_csv_reader_new (self->file, NULL, &error);
  if (self->reader == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < KONTOR_CSV_N_ENCODINGS; i++)
    encodings[i] = kontor_csv_encoding_get_label ((KontorCsvEncoding) i);

  self->updating++;
  set_combo_strings (self->encoding_row, encodings, G_N_ELEMENTS (encodings));
  adw_combo_row_set_selected (self->encoding_row, kontor_csv_reader_get_encoding (self->reader));
  set_combo_strings (self->separator_row, separator_labels, G_N_ELEMENTS (separator_labels));
  set_combo_strings (self->date_row, date_labels, G_N_ELEMENTS (date_labels));
  separator = kontor_csv_reader_get_separator (self->reader);
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (separators[i] == separator)
      adw_combo_row_set_selected (self->separator_row, i);
  self->updating--;

  reread (self, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Steps 2 and 3: the plan and the run, with progress */

static void
update_progress (KontorImportDialog *self)
{
  double fraction;

  /* the dialog closed (its widgets gone) while the import still reports */
  if (self->import == NULL || self->progress_bar == NULL)
    return;

  fraction = kontor_import_get_progress (self->import);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));

  if (self->step == STEP_RUNNING)
    {
      guint n_done = kontor_import_get_n_done (self->import);
      /* the run reads every row the plan read, those that fail too */
      guint n_rows = MAX (self->n_file_rows, n_done);
      g_autofree char *text =
        /* Translators: the import's progress, "12.345 of 100.000"; the second %'u is
         * the number of contacts to import */
        g_strdup_printf (ngettext ("%'u of %'u contact", "%'u of %'u contacts", n_rows),
                         n_done, n_rows);

      gtk_label_set_text (self->progress_label, text);
    }
  else
    gtk_label_set_text (self->progress_label, "");
}

static void
on_import_notify_cb (GObject            *object,
                     GParamSpec         *pspec,
                     KontorImportDialog *self)
{
  update_progress (self);
}

static void
show_progress (KontorImportDialog *self,
               Step                step)
{
  self->step = step;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  adw_status_page_set_title (self->progress_page,
                             step == STEP_PLANNING ? _("Checking the File…")
                                                   : _("Importing…"));
  adw_status_page_set_description (self->progress_page, self->display_name);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  update_progress (self);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
  /* Next is insensitive while it works: the focus goes to Cancel */
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static GtkWidget *
new_failure_row (KontorImportDialog  *self,
                 KontorImportFailure *failure)
{
  GtkWidget *row = adw_action_row_new ();
  guint line = kontor_import_failure_get_line (failure);
  /* Translators: a row of the file that cannot be imported; %u is its line */
  g_autofree char *title = self->book == NULL ? g_strdup_printf (_("Line %u"), line)
    /* Translators: a contact of an address book that cannot be imported; %u is its
     * place in the book */
    : g_strdup_printf (_("Contact %u"), line);

  /* plain text before the title is set: "GmbH & Co. KG" is no markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kontor_import_failure_get_reason (failure));
  gtk_widget_add_css_class (row, "numeric");

  return row;
}

static GtkWidget *
create_failure_row (gpointer item,
                    gpointer user_data)
{
  return new_failure_row (user_data, KONTOR_IMPORT_FAILURE (item));
}

static void
on_duplicate_action_cb (AdwComboRow           *row,
                        GParamSpec            *pspec,
                        KontorImportDuplicate *duplicate)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (actions))
    kontor_import_duplicate_set_action (duplicate, actions[selected]);
}

static GtkWidget *
create_duplicate_row (gpointer item,
                      gpointer user_data)
{
  KontorImportDuplicate *duplicate = KONTOR_IMPORT_DUPLICATE (item);
  KontorImportDialog *self = user_data;
  KontorContact *contact = kontor_import_duplicate_get_contact (duplicate);
  const char *reason = kontor_import_reason_to_string (kontor_import_duplicate_get_reason (duplicate));
  g_autofree char *name = dup_contact_title (contact);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_combo_row_new ();

  /* Translators: a duplicate found by the import: its line in the file and the contact */
  if (self->book == NULL)
    title = g_strdup_printf (_("Line %u: %s"), kontor_import_duplicate_get_line (duplicate), name);
  else
    /* Translators: a duplicate found by the import: its place in the address book and
     * the contact */
    title = g_strdup_printf (_("Contact %u: %s"), kontor_import_duplicate_get_line (duplicate),
                             name);
  if (kontor_import_duplicate_get_other_id (duplicate) != NULL &&
      kontor_import_duplicate_get_second_id (duplicate) != NULL)
    /* Translators: a duplicate found by the import that matches two stored contacts by
     * different values: the first %s is the contact it goes to, then why ("Same e-mail
     * address"); on the second line the other contact, which the import leaves as it
     * is, and why */
    subtitle = g_strdup_printf (_("Matches “%s”: %s\nAlso matches “%s”: %s; left as it is"),
                                kontor_import_duplicate_get_other_name (duplicate), reason,
                                kontor_import_duplicate_get_second_name (duplicate),
                                kontor_import_reason_to_string (
                                  kontor_import_duplicate_get_second_reason (duplicate)));
  else if (kontor_import_duplicate_get_other_id (duplicate) != NULL)
    /* Translators: a duplicate found by the import: the stored contact it matches, then
     * why ("same e-mail") */
    subtitle = g_strdup_printf (_("Matches “%s”: %s"),
                                kontor_import_duplicate_get_other_name (duplicate), reason);
  else
    /* Translators: a duplicate found by the import: the earlier line of the file it
     * matches, then why ("same e-mail") */
    subtitle = g_strdup_printf (_("Matches line %u: %s"),
                                kontor_import_duplicate_get_other_line (duplicate), reason);

  /* plain text before the title is set: "GmbH & Co. KG" is no markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row),
                           G_LIST_MODEL (g_object_get_data (G_OBJECT (self),
                                                            "kontor-action-labels")));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (actions[i] == kontor_import_duplicate_get_action (duplicate))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_duplicate_action_cb),
                           duplicate, 0);

  return row;
}

/* A company name of the file taken for a company written otherwise, by
 * the name without its legal form (kontor_import_get_company_matches()) */
static GtkWidget *
create_company_match_row (gpointer item,
                          gpointer user_data)
{
  KontorImportCompanyMatch *match = KONTOR_IMPORT_COMPANY_MATCH (item);
  GtkWidget *row = adw_action_row_new ();
  /* Translators: the import takes a company name of the file for a company of another
   * name: the first %s is the name as the file writes it, the second the company's */
  g_autofree char *title = g_strdup_printf (_("Company “%s” matched as “%s”"),
                                            kontor_import_company_match_get_name (match),
                                            kontor_import_company_match_get_company_name (match));
  /* Translators: where the import first met a company name; %u is a line of the file */
  g_autofree char *subtitle = g_strdup_printf (_("First in line %u"),
                                               kontor_import_company_match_get_line (match));

  /* plain text before the title is set: "GmbH & Co. KG" is no markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GListModel *
new_shown_slice (GListModel *model)
{
  return G_LIST_MODEL (gtk_slice_list_model_new (g_object_ref (model), 0, SHOWN_ROWS));
}

/* "and 1.234 more": the rows a list leaves out */
static void
describe_more (AdwPreferencesGroup *group,
               GListModel          *model)
{
  guint n_items = g_list_model_get_n_items (model);
  g_autofree char *text = NULL;

  if (n_items > SHOWN_ROWS)
    /* Translators: below a list of the import that shows only its first rows; %'u is how
     * many it leaves out */
    text = g_strdup_printf (ngettext ("The first %u are shown, %'u more are not.",
                                      "The first %u are shown, %'u more are not.",
                                      n_items - SHOWN_ROWS),
                            SHOWN_ROWS, n_items - SHOWN_ROWS);
  adw_preferences_group_set_description (group, text);
  gtk_widget_set_visible (GTK_WIDGET (group), n_items > 0);
}

static void
show_plan (KontorImportDialog *self)
{
  GListModel *duplicates = kontor_import_get_duplicates (self->import);
  GListModel *failures = kontor_import_get_failures (self->import);
  g_autoptr(GListModel) shown_duplicates = new_shown_slice (duplicates);
  g_autoptr(GListModel) shown_failures = new_shown_slice (failures);
  GListModel *company_matches = kontor_import_get_company_matches (self->import);
  g_autoptr(GListModel) shown_company_matches = new_shown_slice (company_matches);
  guint n_rows = kontor_import_get_n_rows (self->import);
  g_autofree char *text =
    /* Translators: the outcome of the import's check; %'u is how many contacts the
     * file holds that can be imported */
    g_strdup_printf (ngettext ("%'u contact to import", "%'u contacts to import", n_rows),
                     n_rows);

  self->step = STEP_PLAN;
  /* after the plan its count is every row read (kontor_import_get_n_done()) */
  self->n_file_rows = kontor_import_get_n_done (self->import);
  gtk_label_set_text (self->plan_label, text);
  gtk_list_box_bind_model (self->duplicates_list, shown_duplicates, create_duplicate_row,
                           self, NULL);
  describe_more (self->duplicates_group, duplicates);
  gtk_list_box_bind_model (self->company_matches_list, shown_company_matches,
                           create_company_match_row, NULL, NULL);
  describe_more (self->company_matches_group, company_matches);
  gtk_list_box_bind_model (self->plan_failures_list, shown_failures, create_failure_row,
                           self, NULL);
  describe_more (self->plan_failures_group, failures);
  gtk_stack_set_visible_child_name (self->stack, "plan");
  update_actions (self);
  /* Return imports, Tab goes to the duplicates */
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
on_planned_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KontorImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean planned = kontor_import_plan_finish (KONTOR_IMPORT (source), result, &error);

  /* closed meanwhile */
  if (self->stack == NULL)
    return;

  if (planned)
    show_plan (self);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* back to the settings, to change them or leave */
      self->step = STEP_SETTINGS;
      g_clear_object (&self->import);
      gtk_stack_set_visible_child_name (self->stack, "settings");
      update_actions (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
    }
  else
    show_error (self, error);
}

static KontorImportSource *
new_source (KontorImportDialog  *self,
            GError             **error)
{
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_autofree char *text = NULL;
  KontorCsvReader *reader;

  if (self->book != NULL)
    return kontor_address_book_source_new (self->book);
  if (self->is_vcard)
    return kontor_vcard_source_new (self->file, NULL, error);

  /* a reader of its own for the worker, as the preview's says */
  reader = kontor_csv_reader_new (self->file, NULL, error);
  if (reader == NULL)
    return NULL;
  kontor_csv_reader_set_encoding (reader, kontor_csv_reader_get_encoding (self->reader));
  kontor_csv_reader_set_separator (reader, kontor_csv_reader_get_separator (self->reader));

  /* a copy: the worker reads it while the dialog may change its own */
  text = kontor_csv_mapping_to_string (self->mapping);
  mapping = kontor_csv_mapping_new_from_string (
    (const char * const *) g_object_get_data (G_OBJECT (self), "kontor-header"), text, error);
  if (mapping == NULL)
    {
      kontor_csv_reader_free (reader);
      return NULL;
    }

  return kontor_csv_source_new (reader, mapping);
}

static void
start_plan (KontorImportDialog *self)
{
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(GError) error = NULL;
  guint mode = adw_combo_row_get_selected (self->mode_row);
  guint match = adw_combo_row_get_selected (self->match_row);

  source = new_source (self, &error);
  if (source == NULL)
    {
      show_error (self, error);
      return;
    }

  g_clear_object (&self->import);
  self->import = kontor_import_new (kontor_context_get_store (self->context), source);
  kontor_import_set_mode (self->import, modes[MIN (mode, G_N_ELEMENTS (modes) - 1)]);
  kontor_import_set_match (self->import, matches[MIN (match, G_N_ELEMENTS (matches) - 1)]);
  g_signal_connect_object (self->import, "notify", G_CALLBACK (on_import_notify_cb), self, 0);

  show_progress (self, STEP_PLANNING);
  kontor_import_plan_async (self->import, self->cancellable, on_planned_cb, g_object_ref (self));
}

static void
show_done (KontorImportDialog *self)
{
  guint n_created = kontor_import_get_n_created (self->import);
  guint n_updated = kontor_import_get_n_updated (self->import);
  guint n_skipped = kontor_import_get_n_skipped (self->import);
  GListModel *failures = kontor_import_get_failures (self->import);
  g_autoptr(GListModel) shown_failures = new_shown_slice (failures);
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: the outcome of an import; %'u is a number of contacts */
  g_string_append_printf (text, ngettext ("%'u contact created in the Inbox.",
                                          "%'u contacts created in the Inbox.", n_created),
                          n_created);
  if (n_updated > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: the outcome of an import; %'u is a number of contacts */
      g_string_append_printf (text, ngettext ("%'u contact updated.", "%'u contacts updated.",
                                              n_updated), n_updated);
    }
  if (n_skipped > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: the outcome of an import; %'u is a number of rows of the file */
      g_string_append_printf (text, ngettext ("%'u row skipped.", "%'u rows skipped.",
                                              n_skipped), n_skipped);
    }

  self->step = STEP_DONE;
  adw_status_page_set_description (self->done_page, text->str);
  gtk_list_box_bind_model (self->done_failures_list, shown_failures, create_failure_row,
                           self, NULL);
  describe_more (self->done_failures_group, failures);
  gtk_stack_set_visible_child_name (self->stack, "done");
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
on_run_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KontorImportDialog) self = user_data;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = kontor_import_run_finish (KONTOR_IMPORT (source), result, &error);
  if (operation != NULL)
    {
      /* one undo for the whole import, even when the dialog was closed
       * as it committed: the window's toast offers it; an import that
       * wrote nothing has nothing to undo */
      if (kontor_import_get_n_created (KONTOR_IMPORT (source)) > 0 ||
          kontor_import_get_n_updated (KONTOR_IMPORT (source)) > 0)
        kontor_operation_stack_add_applied (kontor_context_get_operations (self->context),
                                            operation);
      if (self->stack != NULL)
        show_done (self);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* nothing was written: the dialog has nothing more to say */
      if (self->parent != NULL)
        kontor_ui_add_toast (GTK_WIDGET (self->parent),
                             _("Import cancelled, nothing was imported"));
      if (self->stack != NULL)
        gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (self->stack != NULL)
    show_error (self, error);
  else if (self->parent != NULL)
    kontor_ui_show_error (GTK_WIDGET (self->parent), _("The File Cannot Be Imported"), error);
}

static void
start_run (KontorImportDialog *self)
{
  show_progress (self, STEP_RUNNING);
  kontor_import_run_async (self->import, self->cancellable, on_run_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* Step 4: the failed rows as a CSV file */

static gboolean
write_failures (KontorImportDialog  *self,
                GFile               *file,
                GError             **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  gboolean existed = g_file_query_exists (file, NULL);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (kontor_import_write_failures (self->import, G_OUTPUT_STREAM (stream), error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    return TRUE;

  /* as the export does (src/README.md "The import dialog"): a close with
   * a cancelled cancellable keeps a file that was there whole, and a new
   * one, written in place, goes again */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  if (!existed)
    g_file_delete (file, NULL, NULL);

  return FALSE;
}

static void
on_failures_chooser_response_cb (GtkNativeDialog    *chooser,
                                 int                 response,
                                 KontorImportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL || self->stack == NULL)
    ;
  else if (write_failures (self, file, &error))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Rows not imported saved")));
  else
    kontor_ui_show_error (GTK_WIDGET (self), _("The Rows Could Not Be Saved"), error);

  g_object_unref (self);
}

/* import.save-failures */
static void
save_failures_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KontorImportDialog *self = KONTOR_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *stem = g_strdup (self->display_name);
  g_autofree char *name = NULL;
  char *dot = strrchr (stem, '.');

  if (dot != NULL)
    *dot = '\0';
  /* Translators: the suggested name of the CSV file of rows an import could not
   * import; %s is the imported file's name without its suffix */
  name = g_strdup_printf (_("%s – not imported.csv"), stem);

  chooser = gtk_file_chooser_native_new (_("Save Rows Not Imported"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_failures_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------------ */

/* import.next: Check, Import or Close, as the step is */
static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorImportDialog *self = KONTOR_IMPORT_DIALOG (widget);

  switch (self->step)
    {
    case STEP_SETTINGS:
      start_plan (self);
      break;
    case STEP_PLAN:
      start_run (self);
      break;
    case STEP_DONE:
    case STEP_ERROR:
      gtk_window_close (GTK_WINDOW (self));
      break;
    case STEP_PLANNING:
    case STEP_RUNNING:
    default:
      break;
    }
}

/* import.show-inbox: the window's list of the Inbox, where the imported
 * contacts are; the dialog has done its work */
static void
show_inbox_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KontorImportDialog *self = KONTOR_IMPORT_DIALOG (widget);

  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.show-inbox", NULL);
  gtk_window_close (GTK_WINDOW (self));
}

/* import.cancel: stops the plan or the run (nothing stays), or leaves */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorImportDialog *self = KONTOR_IMPORT_DIALOG (widget);

  if (self->step == STEP_PLANNING || self->step == STEP_RUNNING)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
update_actions (KontorImportDialog *self)
{
  const char *label;
  gboolean busy = self->step == STEP_PLANNING || self->step == STEP_RUNNING;
  gboolean can_edit = kontor_context_can_edit (self->context);

  switch (self->step)
    {
    case STEP_SETTINGS:
    case STEP_PLANNING:
      label = _("C_heck");
      break;
    case STEP_PLAN:
    case STEP_RUNNING:
      label = _("_Import");
      break;
    case STEP_DONE:
    case STEP_ERROR:
    default:
      label = _("_Close");
      break;
    }
  gtk_button_set_label (self->next_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->step != STEP_DONE &&
                                                             self->step != STEP_ERROR);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next",
                                 !busy && (can_edit || self->step >= STEP_DONE) &&
                                 (self->step != STEP_SETTINGS || self->preview_error == NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.save-mapping",
                                 self->step == STEP_SETTINGS && self->mapping != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.show-inbox",
                                 self->step == STEP_DONE && self->import != NULL &&
                                 kontor_import_get_n_created (self->import) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.save-failures",
                                 self->step == STEP_DONE && self->import != NULL &&
                                 g_list_model_get_n_items (
                                   kontor_import_get_failures (self->import)) > 0);
}

static gboolean
kontor_import_dialog_close_request (GtkWindow *window)
{
  KontorImportDialog *self = KONTOR_IMPORT_DIALOG (window);

  /* closing while it works is Cancel: nothing stays */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (kontor_import_dialog_parent_class)->close_request (window);
}

static void
kontor_import_dialog_dispose (GObject *object)
{
  KontorImportDialog *self = KONTOR_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (kontor_import_dialog_parent_class)->dispose (object);
}

static void
kontor_import_dialog_finalize (GObject *object)
{
  KontorImportDialog *self = KONTOR_IMPORT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->file);
  g_clear_object (&self->book);
  g_free (self->display_name);
  g_clear_pointer (&self->reader, kontor_csv_reader_free);
  g_clear_object (&self->mapping);
  g_ptr_array_unref (self->samples);
  g_array_unref (self->sample_lines);
  g_ptr_array_unref (self->sample_errors);
  g_ptr_array_unref (self->column_rows);
  g_ptr_array_unref (self->preview_rows);
  g_ptr_array_unref (self->target_ids);
  g_clear_object (&self->target_labels);
  g_ptr_array_unref (self->saved_texts);
  g_free (self->preview_error);
  g_hash_table_unref (self->user_targets);
  g_clear_object (&self->import);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kontor_import_dialog_parent_class)->finalize (object);
}

static void
kontor_import_dialog_class_init (KontorImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kontor_import_dialog_dispose;
  object_class->finalize = kontor_import_dialog_finalize;
  window_class->close_request = kontor_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kontor/Kontor/ui/kontor-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, separator_row);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, saved_row);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, match_row);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, plan_label);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, duplicates_list);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, company_matches_group);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, company_matches_list);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, plan_failures_group);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, plan_failures_list);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, done_failures_group);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, done_failures_list);
  gtk_widget_class_bind_template_child (widget_class, KontorImportDialog, error_page);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.show-inbox", NULL, show_inbox_action);
  gtk_widget_class_install_action (widget_class, "import.save-mapping", NULL,
                                   save_mapping_action);
  gtk_widget_class_install_action (widget_class, "import.save-failures", NULL,
                                   save_failures_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
kontor_import_dialog_init (KontorImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->sample_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sample_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_clear_error);
  self->column_rows = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
  self->target_ids = g_ptr_array_new ();
  self->saved_texts = g_ptr_array_new_with_free_func (g_free);
  self->user_targets = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->keep_birthdays = TRUE;
}

static void
set_up_choices (KontorImportDialog *self)
{
  const KontorImportTarget *targets;
  guint n_targets = 0;
  const char *mode_labels[] = {
    /* Translators: what the import does with a row matching a stored contact */
    _("Create a New Contact"),
    /* Translators: what the import does with a row matching a stored contact */
    _("Update the Existing Contact"),
    /* Translators: what the import does with a row matching a stored contact */
    _("Skip the Row"),
  };
  const char *match_labels[] = {
    /* Translators: what makes a row of an import the same contact as a stored one */
    _("E-mail, Phone, or Name and Company"),
    _("E-mail"),
    _("Phone"),
    _("Customer Number"),
  };
  const char *action_labels[] = {
    /* Translators: what is done with one duplicate of the import */
    _("Merge"),
    /* Translators: what is done with one duplicate of the import */
    _("Update"),
    /* Translators: what is done with one duplicate of the import */
    _("Skip"),
    /* Translators: what is done with one duplicate of the import: a new contact beside it */
    _("Create"),
  };

  self->target_labels = gtk_string_list_new (NULL);
  /* Translators: the choice of a CSV column's field that leaves it out of the import */
  gtk_string_list_append (self->target_labels, _("Ignore"));
  g_ptr_array_add (self->target_ids, NULL);
  targets = kontor_import_targets (&n_targets);
  for (guint i = 0; i < n_targets; i++)
    {
      gtk_string_list_append (self->target_labels, _(targets[i].label));
      g_ptr_array_add (self->target_ids, (gpointer) targets[i].id);
    }

  self->updating++;
  set_combo_strings (self->mode_row, mode_labels, G_N_ELEMENTS (mode_labels));
  set_combo_strings (self->match_row, match_labels, G_N_ELEMENTS (match_labels));
  self->updating--;
  g_object_set_data_full (G_OBJECT (self), "kontor-action-labels",
                          new_string_list (action_labels, G_N_ELEMENTS (action_labels)),
                          g_object_unref);

  g_signal_connect (self->encoding_row, "notify::selected", G_CALLBACK (on_encoding_cb), self);
  g_signal_connect (self->separator_row, "notify::selected", G_CALLBACK (on_separator_cb), self);
  g_signal_connect (self->date_row, "notify::selected", G_CALLBACK (on_date_order_cb), self);
  g_signal_connect (self->saved_row, "notify::selected", G_CALLBACK (on_saved_mapping_cb), self);
}

/**
 * kontor_import_dialog_new:
 * @parent: the window the dialog belongs to
 * @context: the context to import into
 * @file: the CSV or vCard file
 *
 * Opens @file for import: for a CSV file the columns and the preview,
 * for a vCard file the choices for existing contacts; or why the file
 * cannot be read.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
KontorImportDialog *
kontor_import_dialog_new (GtkWindow     *parent,
                          KontorContext *context,
                          GFile         *file)
{
  KontorImportDialog *self;
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (KONTOR_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  g_set_weak_pointer (&self->parent, parent);
  self->file = g_object_ref (file);
  self->is_vcard = is_vcard_file (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  self->display_name = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                                    : g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, self->display_name);

  /* the preview drops a birthday the team does not keep, as the import does */
  if (!kontor_store_get_keep_birthdays (kontor_context_get_store (context),
                                        &self->keep_birthdays, NULL))
    self->keep_birthdays = TRUE;
  set_up_choices (self);
  self->step = STEP_SETTINGS;
  gtk_widget_set_visible (GTK_WIDGET (self->file_group), !self->is_vcard);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), !self->is_vcard);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), !self->is_vcard);
  if (!self->is_vcard)
    set_up_csv (self);
  update_actions (self);

  return self;
}

/**
 * kontor_import_dialog_new_for_address_book:
 * @parent: (nullable): the window it belongs to
 * @context: the context to import into
 * @book: one of the desktop's address books (kontor_address_book_list())
 *
 * The import of @book's contacts: the mode and match key, then the same
 * check, duplicates and undo as a vCard file. The book is read when
 * "Check" plans, on the import's worker.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
KontorImportDialog *
kontor_import_dialog_new_for_address_book (GtkWindow     *parent,
                                           KontorContext *context,
                                           ESource       *book)
{
  KontorImportDialog *self;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (E_IS_SOURCE (book), NULL);

  self = g_object_new (KONTOR_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  g_set_weak_pointer (&self->parent, parent);
  self->book = g_object_ref (book);
  self->is_vcard = TRUE;   /* no columns to map: the cards' fields */
  self->display_name = e_source_dup_display_name (book);
  adw_window_title_set_subtitle (self->window_title, self->display_name);
  if (!kontor_store_get_keep_birthdays (kontor_context_get_store (context),
                                        &self->keep_birthdays, NULL))
    self->keep_birthdays = TRUE;
  set_up_choices (self);
  self->step = STEP_SETTINGS;
  gtk_widget_set_visible (GTK_WIDGET (self->file_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
  update_actions (self);

  return self;
}

/**
 * kontor_import_dialog_get_step:
 * @self: a dialog
 *
 * Returns: the page shown: "settings", "progress", "plan", "done" or "error"
 */
const char *
kontor_import_dialog_get_step (KontorImportDialog *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * kontor_import_dialog_get_import:
 * @self: a dialog
 *
 * Returns: (transfer none) (nullable): the import once checked
 */
KontorImport *
kontor_import_dialog_get_import (KontorImportDialog *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DIALOG (self), NULL);

  return self->import;
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               KontorContext   *context)
{
  g_autoptr(GFile) file = NULL;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    gtk_window_present (GTK_WINDOW (kontor_import_dialog_new (parent, context, file)));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (context);
}

/**
 * kontor_import_dialog_choose_file:
 * @parent: the window asking
 * @context: the context to import into
 *
 * Asks for a CSV or vCard file and opens the import dialog on it.
 */
void
kontor_import_dialog_choose_file (GtkWindow     *parent,
                                  KontorContext *context)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_files = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Contacts"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV and vCard Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/x-vcard");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_suffix (filter, "vcard");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the file chooser's filter that shows every file */
  gtk_file_filter_set_name (all_files, _("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_files);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response_cb),
                    g_object_ref (context));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------------ */
/* The desktop's address books (src/README.md "The desktop's address books") */

typedef struct
{
  GtkWindow       *parent;
  KontorContext   *context;
  ESourceRegistry *registry;
  GPtrArray       *books;   /* ESource, as the list shows them */
  GtkListBox      *list;
} BookChooser;

static void
book_chooser_free (BookChooser *chooser)
{
  g_clear_object (&chooser->parent);
  g_clear_object (&chooser->context);
  g_clear_object (&chooser->registry);
  g_clear_pointer (&chooser->books, g_ptr_array_unref);
  g_free (chooser);
}

static void
on_book_chooser_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             BookChooser      *chooser)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (chooser->list);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  KontorImportDialog *import;

  if (!g_str_equal (response, "import") || row == NULL)
    return;
  import = kontor_import_dialog_new_for_address_book (
    parent, chooser->context, g_ptr_array_index (chooser->books, gtk_list_box_row_get_index (row)));
  gtk_window_present (GTK_WINDOW (import));
}

static void
on_book_activated_cb (GtkListBox       *list,
                      GtkListBoxRow    *row,
                      AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "import");
}

static void
on_registry_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BookChooser *chooser = user_data;
  GtkWindow *parent = chooser->parent;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled;

  chooser->registry = e_source_registry_new_finish (result, &error);
  if (chooser->registry != NULL)
    chooser->books = kontor_address_book_list (chooser->registry);

  if (chooser->books == NULL || chooser->books->len == 0)
    {
      /* Translators: %s is the reason */
      g_autofree char *body = error != NULL ?
        g_strdup_printf (_("The desktop’s address books cannot be listed: %s"), error->message) :
        g_strdup (_("The desktop has no address book. GNOME Contacts and Evolution make "
                    "one when they first start."));

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("No Address Books"), body));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      book_chooser_free (chooser);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    parent, _("Import from Address Book"),
    _("Choose one of the address books GNOME Contacts and Evolution show. Its contacts are "
      "checked for duplicates before anything is stored.")));
  chooser->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (chooser->list), "boxed-list");
  /* browse: a book is always selected, Continue always has one */
  gtk_list_box_set_selection_mode (chooser->list, GTK_SELECTION_BROWSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chooser->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Address Books"), -1);
  for (guint i = 0; i < chooser->books->len; i++)
    {
      ESource *book = g_ptr_array_index (chooser->books, i);
      g_autofree char *account = kontor_address_book_dup_account (chooser->registry, book);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e_source_get_display_name (book));
      if (account != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), account);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (chooser->list, row);
    }
  gtk_list_box_select_row (chooser->list, gtk_list_box_get_row_at_index (chooser->list, 0));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (chooser->list));
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    /* Translators: goes on to the import's settings */
                                    "import", _("C_ontinue"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (chooser->list, "row-activated", G_CALLBACK (on_book_activated_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_book_chooser_response_cb), chooser,
                         (GClosureNotify) (void (*) (void)) book_chooser_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (chooser->list)));
}

/**
 * kontor_import_dialog_choose_address_book:
 * @parent: the window asking
 * @context: the context to import into
 *
 * Lists the desktop's address books (evolution-data-server's registry,
 * reached without blocking the window) and opens the import dialog on
 * the one chosen.
 */
void
kontor_import_dialog_choose_address_book (GtkWindow     *parent,
                                          KontorContext *context)
{
  BookChooser *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));

  chooser = g_new0 (BookChooser, 1);
  chooser->parent = g_object_ref (parent);
  chooser->context = g_object_ref (context);
  e_source_registry_new (NULL, on_registry_cb, chooser);
}

/* ------------------------------------------------------------------------ */
/* Several files: one dialog after another */

/* on the parent window: the files still to import, and whether a dialog
 * of the queue is open */
typedef struct
{
  KontorContext *context;
  GQueue         files;
  gboolean       open;
} ImportQueue;

static void
import_queue_free (ImportQueue *queue)
{
  g_clear_object (&queue->context);
  g_queue_clear_full (&queue->files, g_object_unref);
  g_free (queue);
}

static void open_next (GtkWindow *parent);

static void
on_queued_dialog_destroy_cb (GtkWidget *dialog,
                             GtkWindow *parent)
{
  ImportQueue *queue = g_object_get_data (G_OBJECT (parent), "kontor-import-queue");

  if (queue == NULL)
    return;
  queue->open = FALSE;
  open_next (parent);
}

static void
open_next (GtkWindow *parent)
{
  ImportQueue *queue = g_object_get_data (G_OBJECT (parent), "kontor-import-queue");
  g_autoptr(GFile) file = NULL;
  KontorImportDialog *dialog;

  if (queue == NULL || queue->open || (file = g_queue_pop_head (&queue->files)) == NULL)
    return;

  queue->open = TRUE;
  dialog = kontor_import_dialog_new (parent, queue->context, file);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_queued_dialog_destroy_cb),
                           parent, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * kontor_import_dialog_open_files:
 * @parent: the window the dialogs belong to
 * @context: the context to import into
 * @files: (element-type GFile): CSV or vCard files
 *
 * Opens the import dialog on each of @files, one after another: the next
 * when the one before is closed. A viewer is told why not instead.
 */
void
kontor_import_dialog_open_files (GtkWindow     *parent,
                                 KontorContext *context,
                                 GSList        *files)
{
  ImportQueue *queue;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));

  if (files == NULL)
    return;

  /* a viewer: why not, rather than a dialog whose Check stays off */
  if (!kontor_context_can_edit (context))
    {
      g_autofree char *reason = kontor_ui_dup_role_reason (context);
      g_autoptr(GError) error = g_error_new_literal (KONTOR_RECORD_ERROR,
                                                     KONTOR_RECORD_ERROR_NOT_PERMITTED,
                                                     reason != NULL ? reason : "");

      kontor_ui_show_error (GTK_WIDGET (parent), _("The Contacts Cannot Be Imported"), error);
      return;
    }

  queue = g_object_get_data (G_OBJECT (parent), "kontor-import-queue");
  if (queue == NULL)
    {
      queue = g_new0 (ImportQueue, 1);
      g_queue_init (&queue->files);
      g_object_set_data_full (G_OBJECT (parent), "kontor-import-queue", queue,
                              (GDestroyNotify) import_queue_free);
    }
  g_set_object (&queue->context, context);
  for (GSList *l = files; l != NULL; l = l->next)
    g_queue_push_tail (&queue->files, g_object_ref (l->data));
  open_next (parent);
}

static gboolean
is_folder (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY;
}

/**
 * kontor_import_dialog_take_dropped:
 * @widget: the widget the files were dropped on
 * @context: the context
 * @files: (element-type GFile): the dropped files
 * @taken: (out): set to %TRUE when some were taken
 *
 * Takes the files of a drop that are for the import: CSV and vCard files
 * open the import one after another (kontor_import_dialog_open_files());
 * a folder is refused with a message. The window and the pages that take
 * e-mail files (kontor-mail-ui.c) ask this first.
 *
 * Returns: (transfer container) (element-type GFile): the other files,
 *   in their order
 */
GSList *
kontor_import_dialog_take_dropped (GtkWidget     *widget,
                                   KontorContext *context,
                                   GSList        *files,
                                   gboolean      *taken)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  GSList *import_files = NULL;
  GSList *others = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  *taken = FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    if (is_folder (l->data))
      g_ptr_array_add (folders, g_file_get_basename (l->data));
    else if (kontor_import_dialog_is_import_file (l->data))
      import_files = g_slist_prepend (import_files, l->data);
    else
      others = g_slist_prepend (others, l->data);
  import_files = g_slist_reverse (import_files);

  if (folders->len > 0)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *names = NULL;

      g_ptr_array_add (folders, NULL);
      names = g_strjoinv ("”, “", (char **) folders->pdata);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           /* Translators: a drop of folders; %s are their names */
                           ngettext ("“%s” is a folder. Drop the files in it instead.",
                                     "“%s” are folders. Drop the files in them instead.",
                                     folders->len - 1),
                           names);
      kontor_ui_show_error (widget, _("Folders Cannot Be Dropped"), error);
      *taken = TRUE;
    }
  if (import_files != NULL && GTK_IS_WINDOW (root))
    {
      kontor_import_dialog_open_files (GTK_WINDOW (root), context, import_files);
      *taken |= kontor_context_can_edit (context);
    }
  g_slist_free (import_files);

  return g_slist_reverse (others);
}
