/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-import-ui"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kontor-contacts-view.h"
#include "kontor-csv.h"
#include "kontor-format.h"
#include "kontor-import-dialog.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* The import dialog (features I1–I3, I5, I6; src/ui/kontor-import-dialog.c),
 * driven by real keys where a person uses keys: a CSV file dropped on the
 * window opens it; a column's field is changed in its drop-down and the
 * preview follows; Check lists the duplicate of a stored contact and the
 * row that cannot be imported; the duplicate's action is changed; Import
 * puts the contacts in the Inbox; the failed rows are saved as a CSV
 * file; Ctrl+Z in the window takes the whole import back. A vCard file
 * skips the columns. An import of 20,000 rows is cancelled half way and
 * leaves nothing, while the window keeps reading. Screenshots of the
 * steps in English and German, light and dark. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  char               *folder;
} Fixture;

/* Anna is stored already (a duplicate by e-mail); Carl's birthday is no
 * date (a row that fails while the birthday is mapped) */
static const char csv_text[] =
  "First Name,Last Name,E-mail Address,Mobile Phone,Birthday,Company\r\n"
  "Anna,Muster,anna@example.com,+49 170 1234567,15.04.1980,Muster AG\r\n"
  "Ben,Bauer,ben@example.com,+49 171 2345678,01.02.1975,Bauer GmbH\r\n"
  "Carl,Clever,carl@example.com,,31.02.1980,\r\n"
  "Dora,Dachs,dora@example.com,,,Dachs KG\r\n";

static const char vcard_text[] =
  "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Eber;Emil;;;\r\nFN:Emil Eber\r\n"
  "EMAIL;TYPE=WORK:emil@example.com\r\nEND:VCARD\r\n"
  "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Fink;Frieda;;;\r\nFN:Frieda Fink\r\n"
  "TEL;VALUE=uri;TYPE=cell:tel:+49-172-3456789\r\nEND:VCARD\r\n";

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return kontor_test_query_int (fixture->base.store, sql, NULL);
}

static gint64
n_contacts (Fixture *fixture)
{
  return count (fixture, "SELECT count(*) FROM contact");
}

static gboolean
can_redo (gpointer data)
{
  Fixture *fixture = data;

  return kontor_operation_stack_get_can_redo (kontor_context_get_operations (fixture->context));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorContact) anna = kontor_contact_new ();

  kontor_store_fixture_set_up (&fixture->base, NULL);
  kontor_contact_set_first_name (anna, "Anna");
  kontor_contact_set_last_name (anna, "Muster");
  kontor_contact_add_email (anna, "work", "anna@example.com");
  kontor_test_save (fixture->base.store, anna);

  fixture->folder = kontor_test_make_tmpdir ();
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "csv-mappings");
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 860);
  kontor_test_settle (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                  KONTOR_TYPE_IMPORT_DIALOG);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  kontor_test_close_message_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_test_rmdir (fixture->folder);
  g_free (fixture->folder);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *text,
            gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static GtkDropTarget *
find_file_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (
                                               GTK_DROP_TARGET (controller)),
                                             GDK_TYPE_FILE_LIST))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* Drops @file on the window, as a file manager's drag does */
static gboolean
drop_file (Fixture *fixture,
           GFile   *file)
{
  GtkDropTarget *target = find_file_drop_target (GTK_WIDGET (fixture->window));
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &accepted);
  g_value_unset (&value);

  return accepted;
}

static gboolean
dialog_is_shown (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     KONTOR_TYPE_IMPORT_DIALOG) != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return !dialog_is_shown (data);
}

static KontorImportDialog *
wait_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (kontor_test_iterate_until (dialog_is_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window), KONTOR_TYPE_IMPORT_DIALOG);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, dialog,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_focus_window (dialog);
  kontor_test_settle (200);

  return KONTOR_IMPORT_DIALOG (dialog);
}

typedef struct
{
  KontorImportDialog *dialog;
  const char         *step;
} StepWait;

static gboolean
step_is (gpointer data)
{
  StepWait *wait = data;

  return g_strcmp0 (kontor_import_dialog_get_step (wait->dialog), wait->step) == 0;
}

static void
wait_step (KontorImportDialog *dialog,
           const char         *step)
{
  StepWait wait = { dialog, step };

  /* a check or an import of 20,000 rows on this shared machine: a minute at most */
  if (!kontor_test_iterate_until (step_is, &wait, 6 * KONTOR_TEST_TIMEOUT))
    g_error ("the import dialog shows “%s”, not “%s”", kontor_import_dialog_get_step (dialog),
             step);
}

/* the dialog's Check, Import or Close button, pressed with the keyboard */
static void
press_next (KontorImportDialog *dialog)
{
  GtkWidget *button = kontor_test_find_actionable (GTK_WIDGET (dialog), "import.next");

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_grab_focus (button);
  kontor_test_settle (100);
  kontor_test_press ("space");
  kontor_test_settle (100);
}

/* a row's title in the preview and the duplicates, in the language run */
static char *
line_title (guint       line,
            const char *name)
{
  return g_strdup_printf (_("Line %u: %s"), line, name);
}

static gboolean
is_preview_group (GtkWidget  *widget,
                  const void *data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)),
                    _("Preview")) == 0;
}

/* the page of the step shown */
static GtkWidget *
visible_page (KontorImportDialog *dialog)
{
  GtkWidget *stack = kontor_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==,
                   kontor_import_dialog_get_step (dialog));

  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

/* the preview's texts, one line a row */
static char *
dup_preview (KontorImportDialog *dialog)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = line_title (2, "Anna Muster, Muster AG");
  GtkWidget *group = kontor_test_find_row (GTK_WIDGET (dialog), title);
  GtkWidget *list;

  g_assert_nonnull (group);
  list = gtk_widget_get_parent (group);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (text, "%s | %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  kontor_test_settle (300);
  kontor_test_take_screenshots (widget, path);
}

static gboolean
chooser_shown (gpointer data)
{
  GtkWindow *dialog = data;

  return kontor_test_find_transient (dialog, GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

/* ------------------------------------------------------------------------ */

/* The whole way, as a person goes it */
static void
test_csv_by_keyboard (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakte.csv", csv_text, -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *carl = NULL;
  g_autofree char *anna = NULL;
  KontorImportDialog *dialog;
  KontorImportDuplicate *duplicate;
  GListModel *duplicates;
  GtkWidget *birthday;
  GtkWidget *row;
  gint64 stored = n_contacts (fixture);

  /* a drop on the window opens the dialog on the file */
  g_assert_true (drop_file (fixture, file));
  dialog = wait_dialog (fixture);
  g_assert_cmpstr (kontor_import_dialog_get_step (dialog), ==, "settings");
  kontor_test_assert_accessible (GTK_WIDGET (dialog));

  /* the columns are mapped by their names; the preview shows the rows as
   * they will be stored, and Carl's impossible birthday as his row's error */
  before = dup_preview (dialog);
  g_test_message ("preview before:\n%s", before);
  g_assert_nonnull (strstr (before, "anna@example.com"));
  carl = line_title (4, "Carl Clever");
  g_assert_null (strstr (before, carl));
  screenshot (GTK_WIDGET (dialog), "import-mapping.png");

  /* the birthday column set to "Ignore" by keys: the first choice */
  birthday = kontor_test_find_row (GTK_WIDGET (dialog), "Birthday");
  g_assert_true (ADW_IS_COMBO_ROW (birthday));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (birthday)), !=, 0);
  gtk_widget_grab_focus (birthday);
  kontor_test_settle (100);
  kontor_test_press ("Return");
  kontor_test_settle (300);
  kontor_test_press ("Home Return");
  kontor_test_settle (300);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (birthday)), ==, 0);
  after = dup_preview (dialog);
  g_test_message ("preview after:\n%s", after);
  g_assert_cmpstr (before, !=, after);
  g_assert_nonnull (strstr (after, carl));

  /* Check: Anna is a duplicate of the stored Anna; nothing is written yet */
  press_next (dialog);
  wait_step (dialog, "plan");
  g_assert_cmpint (n_contacts (fixture), ==, stored);
  duplicates = kontor_import_get_duplicates (kontor_import_dialog_get_import (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (duplicates), ==, 1);
  duplicate = g_list_model_get_item (duplicates, 0);
  g_object_unref (duplicate);
  g_assert_cmpuint (kontor_import_duplicate_get_line (duplicate), ==, 2);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  screenshot (GTK_WIDGET (dialog), "import-duplicates.png");

  /* its action set to Skip (the third choice) by keys */
  anna = line_title (2, "Anna Muster, Muster AG");
  row = kontor_test_find_row (visible_page (dialog), anna);
  g_assert_true (ADW_IS_COMBO_ROW (row));
  gtk_widget_grab_focus (row);
  kontor_test_settle (100);
  kontor_test_press ("Return");
  kontor_test_settle (300);
  kontor_test_press ("Home Down Down Return");
  kontor_test_settle (300);
  g_assert_cmpint (kontor_import_duplicate_get_action (duplicate), ==,
                   KONTOR_IMPORT_ACTION_SKIP);

  /* Import: Ben, Carl and Dora arrive in the Inbox, Anna stays one */
  press_next (dialog);
  wait_step (dialog, "done");
  g_assert_cmpint (n_contacts (fixture), ==, stored + 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE status = 0 AND "
                                   "first_name IN ('Ben', 'Carl', 'Dora')"), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE first_name = 'Anna'"),
                   ==, 1);
  g_assert_true (kontor_operation_stack_get_can_undo (
                   kontor_context_get_operations (fixture->context)));

  /* Close, and Ctrl+Z in the window undoes the whole import */
  press_next (dialog);
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_settle (200);
  kontor_test_press ("ctrl+z");
  /* a job off the main thread (src/README.md "Undo") */
  g_assert_true (kontor_test_iterate_until (can_redo, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_cmpint (n_contacts (fixture), ==, stored);
}

/* What `kontor import --dry-run` prints, the plan's page shows too: a row
 * matching a second stored contact by another value (Anna's address is
 * the stored Anna's, her number Berta's) names both, and a company name
 * taken for a stored company written otherwise ("Mueller GmbH & Co. KG"
 * for "Müller GmbH") has a row of its own; Tab reaches it, and the import
 * does what the page says */
static void
test_second_match_and_company (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char text[] =
    "First Name,Last Name,E-mail Address,Mobile Phone,Company\r\n"
    "Anna,Muster,anna@example.com,+49 171 2345678,Mueller GmbH & Co. KG\r\n";
  g_autoptr(GFile) file = write_file (fixture, "zwei-treffer.csv", text, -1);
  g_autoptr(KontorContact) berta = kontor_contact_new ();
  g_autoptr(KontorCompany) mueller = kontor_company_new ("Müller GmbH");
  g_autoptr(KontorImportDuplicate) duplicate = NULL;
  g_autofree char *anna_title = line_title (2, "Anna Muster, Mueller GmbH & Co. KG");
  g_autofree char *subtitle = NULL;
  g_autofree char *company_title = NULL;
  g_autofree char *company_subtitle = NULL;
  g_autofree char *sql = NULL;
  KontorImportDialog *dialog;
  KontorImport *import;
  GtkWidget *anna_row;
  GtkWidget *company_row;
  GtkWidget *focus;

  kontor_contact_set_first_name (berta, "Berta");
  kontor_contact_set_last_name (berta, "Beispiel");
  kontor_contact_add_phone (berta, "mobile", "+49 171 2345678");
  kontor_test_save (fixture->base.store, berta);
  kontor_test_save (fixture->base.store, mueller);

  g_assert_true (drop_file (fixture, file));
  dialog = wait_dialog (fixture);
  press_next (dialog);
  wait_step (dialog, "plan");
  import = kontor_import_dialog_get_import (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_company_matches (import)), ==, 1);
  duplicate = g_list_model_get_item (kontor_import_get_duplicates (import), 0);
  g_assert_cmpstr (kontor_import_duplicate_get_second_name (duplicate), ==, "Berta Beispiel");

  /* the duplicate's row names both stored contacts and why */
  anna_row = kontor_test_find_row (visible_page (dialog), anna_title);
  g_assert_true (ADW_IS_COMBO_ROW (anna_row));
  subtitle = g_strdup_printf (_("Matches “%s”: %s\nAlso matches “%s”: %s; left as it is"),
                              "Anna Muster", kontor_import_reason_to_string (KONTOR_IMPORT_REASON_EMAIL),
                              "Berta Beispiel",
                              kontor_import_reason_to_string (KONTOR_IMPORT_REASON_PHONE));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (anna_row)), ==, subtitle);

  /* the company's row, named for screen readers by its title */
  company_title = g_strdup_printf (_("Company “%s” matched as “%s”"), "Mueller GmbH & Co. KG",
                                   "Müller GmbH");
  company_row = kontor_test_find_row (visible_page (dialog), company_title);
  g_assert_true (ADW_IS_ACTION_ROW (company_row));
  g_assert_true (gtk_widget_get_mapped (company_row));
  company_subtitle = g_strdup_printf (_("First in line %u"), 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (company_row)), ==,
                   company_subtitle);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  screenshot (GTK_WIDGET (dialog), "import-second-match.png");

  /* Tab goes from the duplicate to the company's row */
  gtk_widget_grab_focus (anna_row);
  kontor_test_settle (100);
  kontor_test_press ("Tab");
  kontor_test_settle (100);
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus == company_row);

  /* Import (the mode Create, as preselected): the new Anna works at
   * Müller GmbH, and no company is made */
  press_next (dialog);
  wait_step (dialog, "done");
  sql = g_strdup_printf ("SELECT count(*) FROM contact WHERE first_name = 'Anna' AND "
                         "company_id = '%s'", kontor_record_get_id (KONTOR_RECORD (mueller)));
  g_assert_cmpint (count (fixture, sql), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact"), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM company"), ==, 1);
}

/* A row that cannot be imported is listed and saved as a CSV file */
static void
test_failures_saved (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakte.csv", csv_text, -1);
  g_autofree char *path = g_build_filename (fixture->folder, "failed.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autoptr(GError) error = NULL;
  KontorContactsView *view;
  KontorImportDialog *dialog;
  GtkWindow *chooser;
  GListModel *failures;

  dialog = kontor_import_dialog_new (GTK_WINDOW (fixture->window), fixture->context, file);
  gtk_window_present (GTK_WINDOW (dialog));
  dialog = wait_dialog (fixture);
  press_next (dialog);
  wait_step (dialog, "plan");
  failures = kontor_import_get_failures (kontor_import_dialog_get_import (dialog));
  /* Carl's 31 February */
  g_assert_cmpuint (g_list_model_get_n_items (failures), ==, 1);
  press_next (dialog);
  wait_step (dialog, "done");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE first_name = 'Carl'"),
                   ==, 0);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  screenshot (GTK_WIDGET (dialog), "import-done.png");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.save-failures", NULL);
  g_assert_true (kontor_test_iterate_until (chooser_shown, dialog, KONTOR_TEST_TIMEOUT));
  chooser = kontor_test_find_transient (GTK_WINDOW (dialog), GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, chooser,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                      &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "failed.csv");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  kontor_test_settle (300);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "\r\n4,"));

  /* "Show Inbox" by its key: the window lists the Inbox, the imported
   * contacts and Anna who was there */
  view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  kontor_test_focus_window (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (kontor_test_find_actionable (GTK_WIDGET (dialog), "import.show-inbox"));
  kontor_test_settle (100);
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_cmpuint (kontor_filter_get_statuses (kontor_contacts_view_get_filter (view)), ==,
                    KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX));
  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)),
                            count (fixture, "SELECT count(*) FROM contact WHERE status = 0"));
}

/* A vCard file has no columns to map: straight to the choices */
static void
test_vcard (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "karten.vcf", vcard_text, -1);
  KontorImportDialog *dialog;
  gint64 stored = n_contacts (fixture);

  g_assert_true (drop_file (fixture, file));
  dialog = wait_dialog (fixture);
  g_assert_null (kontor_test_find_row (GTK_WIDGET (dialog), "Birthday"));
  press_next (dialog);
  wait_step (dialog, "plan");
  press_next (dialog);
  wait_step (dialog, "done");
  g_assert_cmpint (n_contacts (fixture), ==, stored + 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE status = 0 AND "
                                   "last_name IN ('Eber', 'Fink')"), ==, 2);
}

#define N_LARGE 100000

typedef struct
{
  KontorImport *import;
  guint         n_done;
} DoneWait;

static gboolean
some_done (gpointer data)
{
  DoneWait *wait = data;

  return kontor_import_get_n_done (wait->import) >= wait->n_done;
}

/* 100,000 rows: Escape half way leaves nothing; meanwhile the window's
 * store still answers (20,000 are imported before the first frame here) */
static void
test_cancel_large (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,E-mail Address\r\n");
  g_autoptr(GFile) file = NULL;
  KontorContactsView *view =
    KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  KontorImportDialog *dialog;
  DoneWait wait;
  gint64 stored = n_contacts (fixture);

  for (guint i = 0; i < N_LARGE; i++)
    g_string_append_printf (text, "Vorname%u,Nachname%u,person%u@example.com\r\n", i, i, i);
  file = write_file (fixture, "gross.csv", text->str, text->len);

  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  press_next (dialog);
  wait_step (dialog, "plan");
  g_assert_cmpuint (kontor_import_get_n_rows (kontor_import_dialog_get_import (dialog)), ==,
                    N_LARGE);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  press_next (dialog);
  wait_step (dialog, "progress");

  wait.import = kontor_import_dialog_get_import (dialog);
  wait.n_done = 1;
  g_assert_true (kontor_test_iterate_until (some_done, &wait, 6 * KONTOR_TEST_TIMEOUT));
  /* the window's own connection reads while the import writes, and its
   * list answers a search */
  g_assert_cmpint (n_contacts (fixture), ==, stored);
  gtk_editable_set_text (kontor_contacts_view_get_search_entry (view), "Muster");
  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)), 1);
  g_assert_cmpstr (kontor_import_dialog_get_step (dialog), ==, "progress");
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, 6 * KONTOR_TEST_TIMEOUT));
  g_assert_cmpint (n_contacts (fixture), ==, stored);
  g_assert_false (kontor_operation_stack_get_can_undo (
                    kontor_context_get_operations (fixture->context)));
}

/* the preview's rows and description, one text */
static char *
dup_preview_text (KontorImportDialog *dialog)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *page = visible_page (dialog);
  GtkWidget *group = kontor_test_find_matching (page, is_preview_group, NULL);

  g_assert_nonnull (group);
  g_string_append_printf (text, "%s\n",
                          adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)));
  for (GtkWidget *row = kontor_test_find_widget (group, ADW_TYPE_ACTION_ROW); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (text, "%s | %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An encoding chosen in its drop-down reads the file again: a wrong one
 * shows what it reads (or why it cannot) and holds Check back, the right
 * one brings the names back */
static void
test_encoding_by_keyboard (Fixture       *fixture,
                           gconstpointer  data)
{
  /* Windows-1252: "Jörg Müller", "Bäckerei Groß" */
  static const char cp1252[] =
    "First Name;Last Name;E-mail Address;Company\r\n"
    "J\xf6rg;M\xfcller;joerg@example.com;B\xe4" "ckerei Gro\xdf\r\n"
    "J\xfcrgen;Sch\xf6n;juergen@example.com;K\xe4" "serei\r\n";
  g_autoptr(GFile) file = write_file (fixture, "excel.csv", cp1252, -1);
  g_autofree char *right = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *again = NULL;
  KontorImportDialog *dialog;
  GtkWidget *encoding;

  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  encoding = kontor_test_find_row (GTK_WIDGET (dialog), _("_Encoding"));
  g_assert_true (ADW_IS_COMBO_ROW (encoding));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (encoding)), ==,
                    KONTOR_CSV_ENCODING_WINDOWS_1252);
  right = dup_preview_text (dialog);
  g_test_message ("%s", right);
  g_assert_nonnull (strstr (right, "Jörg Müller, Bäckerei Groß"));

  /* UTF-8, the first choice */
  gtk_widget_grab_focus (encoding);
  kontor_test_settle (100);
  kontor_test_press ("Return");
  kontor_test_settle (300);
  kontor_test_press ("Home Return");
  kontor_test_settle (300);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (encoding)), ==,
                    KONTOR_CSV_ENCODING_UTF8);
  wrong = dup_preview_text (dialog);
  g_test_message ("%s", wrong);
  g_assert_null (strstr (wrong, "Jörg Müller"));

  /* Windows-1252 again, the last */
  gtk_widget_grab_focus (encoding);
  kontor_test_settle (100);
  kontor_test_press ("Return");
  kontor_test_settle (300);
  kontor_test_press ("End Return");
  kontor_test_settle (300);
  again = dup_preview_text (dialog);
  g_assert_cmpstr (again, ==, right);
  g_assert_true (gtk_widget_is_sensitive (
                   kontor_test_find_actionable (GTK_WIDGET (dialog), "import.next")));
}

static gboolean
file_chosen (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));

  return file != NULL;
}

/* An empty file and a binary one: the dialog says why, naming the file,
 * and offers only Close */
static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
  const struct { const char *name; const char *text; gssize length; } files[] = {
    { "leer.csv", "", 0 },
    { "bild.csv", binary, sizeof binary },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = write_file (fixture, files[i].name, files[i].text, files[i].length);
      KontorImportDialog *dialog;
      AdwStatusPage *page;

      kontor_window_import_file (fixture->window, file);
      dialog = wait_dialog (fixture);
      g_assert_cmpstr (kontor_import_dialog_get_step (dialog), ==, "error");
      page = ADW_STATUS_PAGE (visible_page (dialog));
      g_test_message ("%s", adw_status_page_get_description (page));
      g_assert_nonnull (strstr (adw_status_page_get_description (page), files[i].name));
      kontor_test_assert_accessible (GTK_WIDGET (dialog));
      press_next (dialog);
      g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
    }
  g_assert_cmpint (n_contacts (fixture), ==, 1);
}

/* A viewer imports nothing: the drop is refused with the reason */
static void
test_drop_as_viewer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakte.csv", csv_text, -1);
  g_autoptr(KontorUser) viewer = kontor_user_new ("vera", "Vera Blick", KONTOR_USER_ROLE_VIEWER);
  g_autoptr(GError) error = NULL;

  kontor_test_save (fixture->base.store, viewer);
  g_assert_true (kontor_store_set_current_user (fixture->base.store, viewer, &error));
  g_assert_false (drop_file (fixture, file));
  g_assert_nonnull (kontor_test_wait_for_message_dialog ());
  g_assert_false (dialog_is_shown (fixture));
  g_assert_cmpint (n_contacts (fixture), ==, 1);
}

/* Ctrl+I in the window asks for the file, then opens the dialog on it */
static void
test_ctrl_i (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakte.csv", csv_text, -1);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;
  KontorImportDialog *dialog;

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+i");
  g_assert_true (kontor_test_iterate_until (chooser_shown, fixture->window,
                                            KONTOR_TEST_TIMEOUT));
  chooser = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                        GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, chooser,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  /* the folder is loaded before the file is selected in it */
  g_assert_true (kontor_test_iterate_until (file_chosen, chooser, KONTOR_TEST_TIMEOUT));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  dialog = wait_dialog (fixture);
  g_assert_cmpstr (kontor_import_dialog_get_step (dialog), ==, "settings");
  g_assert_nonnull (kontor_test_find_row (GTK_WIDGET (dialog), "Birthday"));
}

/* The progress of a long import, for a person to look at; closing the
 * dialog cancels it */
static void
test_progress_screenshot (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,E-mail Address\r\n");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  KontorImportDialog *dialog;
  DoneWait wait;

  if (dir == NULL)
    {
      g_test_skip ("no KONTOR_SCREENSHOT_DIR");
      return;
    }
  for (guint i = 0; i < N_LARGE; i++)
    g_string_append_printf (text, "Vorname%u,Nachname%u,person%u@example.com\r\n", i, i, i);
  file = write_file (fixture, "gross.csv", text->str, text->len);

  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  press_next (dialog);
  wait_step (dialog, "plan");
  press_next (dialog);
  wait.import = kontor_import_dialog_get_import (dialog);
  wait.n_done = 1;
  g_assert_true (kontor_test_iterate_until (some_done, &wait, 6 * KONTOR_TEST_TIMEOUT));
  path = g_build_filename (dir, "import-progress.png", NULL);
  /* one frame of the progress page, not more: the import goes on */
  kontor_test_settle (50);
  kontor_test_take_screenshots (GTK_WIDGET (dialog), path);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, 6 * KONTOR_TEST_TIMEOUT));
}

/* A mapping saved under a name is chosen again for a file with the same
 * header */
static void
test_saved_mapping (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakte.csv", csv_text, -1);
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *carl = NULL;
  KontorImportDialog *dialog;
  AdwMessageDialog *question;
  GtkWidget *birthday;
  GtkWidget *entry;

  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  birthday = kontor_test_find_row (GTK_WIDGET (dialog), "Birthday");
  adw_combo_row_set_selected (ADW_COMBO_ROW (birthday), 0);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.save-mapping", NULL);
  question = kontor_test_wait_for_message_dialog ();
  entry = adw_message_dialog_get_extra_child (question);
  kontor_test_focus_window (GTK_WINDOW (question));
  gtk_widget_grab_focus (entry);
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "Outlook", NULL });
  kontor_test_settle (200);
  kontor_test_press ("Return");
  kontor_test_settle (300);
  saved = g_settings_get_value (fixture->settings, "csv-mappings");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));

  /* the same header again: the saved mapping, birthday ignored */
  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  birthday = kontor_test_find_row (GTK_WIDGET (dialog), "Birthday");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (birthday)), ==, 0);
  carl = line_title (4, "Carl Clever");
  g_assert_nonnull (kontor_test_find_row (GTK_WIDGET (dialog), carl));
}


static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* the mnemonics of the shown labels under @widget, each keyval once */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (keyval));

      if (other != NULL)
        g_error ("“%s” and “%s” share a mnemonic", other, gtk_label_get_label (GTK_LABEL (widget)));
      g_hash_table_insert (seen, GUINT_TO_POINTER (keyval),
                           (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen);
}

static void
assert_unique_mnemonics (GtkWidget *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_mnemonics (root, seen);
  g_assert_cmpuint (g_hash_table_size (seen), >, 2);
}

/* A CSV file dropped on a company's page goes to the import, not to the
 * page's e-mail drop (finding 12) */
static void
test_drop_on_company_page (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorContact) bert = kontor_contact_new ();
  g_autoptr(GFile) file = write_file (fixture, "kontakte.csv", csv_text, -1);
  GtkWidget *page = kontor_window_get_company_page (fixture->window);
  GtkDropTarget *target;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  KontorImportDialog *dialog;

  kontor_contact_set_first_name (bert, "Bert");
  kontor_contact_set_company_name (bert, "Bertram KG");
  kontor_test_save (fixture->base.store, bert);
  g_assert_nonnull (kontor_contact_get_company_id (bert));
  kontor_window_show_company (fixture->window, kontor_contact_get_company_id (bert));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  target = find_file_drop_target (page);
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  dialog = wait_dialog (fixture);
  g_assert_cmpstr (kontor_import_dialog_get_step (dialog), ==, "settings");
  g_assert_null (kontor_test_find_message_dialog ());
}

/* A vCard saved as .txt is read as a vCard (finding 19) */
static void
test_vcard_as_txt (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "karten.txt", vcard_text, -1);
  KontorImportDialog *dialog;
  GtkWidget *encoding;
  gint64 stored = n_contacts (fixture);

  g_assert_true (drop_file (fixture, file));
  dialog = wait_dialog (fixture);
  /* no columns, no encoding: the vCard's choices only */
  encoding = kontor_test_find_row (GTK_WIDGET (dialog), _("_Encoding"));
  g_assert_true (encoding == NULL || !gtk_widget_is_visible (encoding));
  press_next (dialog);
  wait_step (dialog, "plan");
  press_next (dialog);
  wait_step (dialog, "done");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE status = 0 AND "
                                   "last_name IN ('Eber', 'Fink')"), ==, 2);
  g_assert_cmpint (n_contacts (fixture), ==, stored + 2);
}

/* Picks the @n-th choice (from 0) of a combo row by keys: Return opens
 * its list, Home and Down go to the choice, Return takes it */
static void
choose_by_keys (GtkWidget *row,
                guint      n)
{
  g_autoptr(GString) keys = g_string_new ("Home");

  for (guint i = 0; i < n; i++)
    g_string_append (keys, " Down");
  g_string_append (keys, " Return");
  gtk_widget_grab_focus (row);
  kontor_test_settle (100);
  kontor_test_press ("Return");
  kontor_test_settle (300);
  kontor_test_press (keys->str);
  kontor_test_settle (300);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, n);
}

/* Windows-1252 with a German header: the encoding corrected in the
 * preview reads the header anew, its columns are guessed again from it,
 * a column set by hand stays, and Check goes on (review finding 5) */
static void
test_encoding_check (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char cp1252[] =
    "Vorname;Nachname;Stra\xdf" "e;Ort\r\n"
    "J\xf6rg;M\xfcller;Hauptstra\xdf" "e 1;K\xf6ln\r\n";
  g_autoptr(GFile) file = write_file (fixture, "adressen.csv", cp1252, -1);
  KontorImportDialog *dialog;
  GtkWidget *encoding;
  GtkWidget *city;

  /* UTF-8 chosen by keys: Check plans the file as now read */
  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  encoding = kontor_test_find_row (GTK_WIDGET (dialog), _("_Encoding"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (encoding)), ==,
                    KONTOR_CSV_ENCODING_WINDOWS_1252);
  choose_by_keys (encoding, KONTOR_CSV_ENCODING_UTF8);
  press_next (dialog);
  wait_step (dialog, "plan");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));

  /* "Ort" ignored by hand, UTF-8 and back by keys: "Straße" is the
   * street again, "Ort" still ignored; the street is imported */
  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  city = kontor_test_find_row (GTK_WIDGET (dialog), "Ort");
  g_assert_true (ADW_IS_COMBO_ROW (city));
  choose_by_keys (city, 0);
  encoding = kontor_test_find_row (GTK_WIDGET (dialog), _("_Encoding"));
  choose_by_keys (encoding, KONTOR_CSV_ENCODING_UTF8);
  choose_by_keys (encoding, KONTOR_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
                      kontor_test_find_row (GTK_WIDGET (dialog), "Ort"))), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
                      kontor_test_find_row (GTK_WIDGET (dialog), "Straße"))), !=, 0);
  press_next (dialog);
  wait_step (dialog, "plan");
  press_next (dialog);
  wait_step (dialog, "done");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE first_name = 'Jörg' "
                                   "AND street = 'Hauptstraße 1' AND city IS NULL"), ==, 1);
}

/* British dates without a day above 12: the order chosen in "Dates" by
 * keys reads them, the preview follows and the import stores them so; a
 * file whose dates show their order has it preselected (finding 9) */
static void
test_date_order (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char british[] =
    "First Name,Last Name,Birthday\r\n"
    "Hanna,Hill,4/5/1980\r\n"
    "Ian,Inch,6/7/1981\r\n";
  static const char clear[] =
    "First Name,Last Name,Birthday\r\n"
    "Hanna,Hill,4/5/1980\r\n"
    "Ian,Inch,13/7/1981\r\n";
  g_autoptr(GFile) file = write_file (fixture, "british.csv", british, -1);
  g_autoptr(GFile) clear_file = write_file (fixture, "clear.csv", clear, -1);
  g_autofree char *may = kontor_format_iso_date ("1980-05-04");
  g_autofree char *born = g_strdup_printf (_("born %s"), may);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KontorImportDialog *dialog;
  GtkWidget *dates;

  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  dates = kontor_test_find_row (GTK_WIDGET (dialog), _("_Dates"));
  g_assert_true (ADW_IS_COMBO_ROW (dates));
  g_assert_true (gtk_widget_get_visible (dates));
  /* undecided: Automatic, and such dates are refused */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (dates)), ==, 0);
  before = dup_preview_text (dialog);
  g_test_message ("%s", before);
  g_assert_null (strstr (before, born));

  choose_by_keys (dates, 1);
  after = dup_preview_text (dialog);
  g_test_message ("%s", after);
  g_assert_nonnull (strstr (after, born));
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  screenshot (GTK_WIDGET (dialog), "import-dates.png");

  press_next (dialog);
  wait_step (dialog, "plan");
  press_next (dialog);
  wait_step (dialog, "done");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE "
                                   "(first_name = 'Hanna' AND birthday = '1980-05-04') OR "
                                   "(first_name = 'Ian' AND birthday = '1981-07-06')"), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));

  /* 13/7/1981 can only be day first: preselected */
  kontor_window_import_file (fixture->window, clear_file);
  dialog = wait_dialog (fixture);
  dates = kontor_test_find_row (GTK_WIDGET (dialog), _("_Dates"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (dates)), ==, 1);
  g_free (after);
  after = dup_preview_text (dialog);
  g_assert_nonnull (strstr (after, born));

  /* no date column: no Dates */
  choose_by_keys (kontor_test_find_row (GTK_WIDGET (dialog), "Birthday"), 0);
  g_assert_false (gtk_widget_get_visible (dates));
}

/* A team that keeps no birthdays: the preview shows none, as the import
 * stores none (finding 20) */
static void
test_birthdays_not_kept (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakte.csv", csv_text, -1);
  g_autofree char *date = kontor_format_iso_date ("1980-04-15");
  g_autofree char *born = g_strdup_printf (_("born %s"), date);
  g_autofree char *preview = NULL;
  g_autoptr(GError) error = NULL;
  KontorImportDialog *dialog;

  kontor_store_set_keep_birthdays (fixture->base.store, FALSE, &error);
  g_assert_no_error (error);
  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  preview = dup_preview (dialog);
  g_test_message ("%s", preview);
  g_assert_nonnull (strstr (preview, "anna@example.com"));
  g_assert_null (strstr (preview, born));
}

/* Every row skipped: nothing written, nothing to undo; the keys go on
 * from Check to Import to Close with Return alone (findings 19, 20) */
static void
test_nothing_written (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "anna.csv",
                                      "First Name,Last Name,E-mail Address\r\n"
                                      "Anna,Muster,anna@example.com\r\n", -1);
  KontorImportDialog *dialog;
  gint64 stored = n_contacts (fixture);

  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  /* "When a Contact Exists": Skip the Row */
  choose_by_keys (kontor_test_find_row (GTK_WIDGET (dialog), _("When a Contact E_xists")), 2);
  press_next (dialog);
  wait_step (dialog, "plan");
  kontor_test_settle (100);
  kontor_test_press ("Return");
  wait_step (dialog, "done");
  g_assert_cmpuint (kontor_import_get_n_skipped (kontor_import_dialog_get_import (dialog)), ==, 1);
  g_assert_cmpint (n_contacts (fixture), ==, stored);
  g_assert_false (kontor_operation_stack_get_can_undo (
                    kontor_context_get_operations (fixture->context)));
  kontor_test_settle (100);
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
}

/* The dialog destroyed while it imports: the import is cancelled and
 * its last reports find no widgets, without a critical (finding 11) */
static void
test_closed_while_running (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,E-mail Address\r\n");
  g_autoptr(GFile) file = NULL;
  KontorImportDialog *dialog;
  gpointer weak;
  DoneWait wait;
  gint64 stored = n_contacts (fixture);

  for (guint i = 0; i < N_LARGE; i++)
    g_string_append_printf (text, "Vorname%u,Nachname%u,person%u@example.com\r\n", i, i, i);
  file = write_file (fixture, "gross.csv", text->str, text->len);
  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  press_next (dialog);
  wait_step (dialog, "plan");
  press_next (dialog);
  wait.import = kontor_import_dialog_get_import (dialog);
  wait.n_done = 1;
  g_assert_true (kontor_test_iterate_until (some_done, &wait, 6 * KONTOR_TEST_TIMEOUT));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* gone for good once the run has ended */
  g_assert_true (kontor_test_iterate_until (pointer_is_null, &weak,
                                            6 * KONTOR_TEST_TIMEOUT));
  /* cancelled, or committed just before: all or nothing */
  g_assert_true (n_contacts (fixture) == stored || n_contacts (fixture) == stored + N_LARGE);
}

/* No two controls of the dialog's settings share a mnemonic (finding 19) */
static void
test_mnemonics (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "kontakte.csv", csv_text, -1);
  KontorImportDialog *dialog;

  kontor_window_import_file (fixture->window, file);
  dialog = wait_dialog (fixture);
  assert_unique_mnemonics (GTK_WIDGET (dialog));
}

/* Files dropped at once: each CSV file opens its dialog after the one
 * before is closed, none goes to the e-mails; a folder is refused with a
 * message (finding 12) */
static void
test_several_dropped (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) first = write_file (fixture, "erste.csv", csv_text, -1);
  g_autoptr(GFile) second = write_file (fixture, "zweite.csv", csv_text, -1);
  g_autofree char *folder_path = g_build_filename (fixture->folder, "Ordner", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  GtkDropTarget *target = find_file_drop_target (GTK_WIDGET (fixture->window));
  GFile *files[] = { first, second };
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  KontorImportDialog *dialog;
  AdwMessageDialog *message;
  gpointer weak;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 2));
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  dialog = wait_dialog (fixture);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (
                     kontor_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_WINDOW_TITLE))),
                   ==, "erste.csv");
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (pointer_is_null, &weak, KONTOR_TEST_TIMEOUT));
  /* the next one after it */
  dialog = wait_dialog (fixture);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (
                     kontor_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_WINDOW_TITLE))),
                   ==, "zweite.csv");
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  g_assert_false (dialog_is_shown (fixture));
  g_assert_null (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                             ADW_TYPE_MESSAGE_DIALOG));

  /* a folder */
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_true (drop_file (fixture, folder));
  message = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Ordner"));
  gtk_window_destroy (GTK_WINDOW (message));
  g_assert_false (dialog_is_shown (fixture));
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    g_mkdir_with_parents (g_getenv ("KONTOR_SCREENSHOT_DIR"), 0755);
  app = kontor_test_app_new ("io.github.kontor.Kontor.ImportUi");
  /* the file chooser remembers files in the recent list, made once in the
   * data folder of the test that first asks, which is gone by the next
   * one: made here instead, in a folder that stays */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_object_unref (g_object_ref (gtk_recent_manager_get_default ()));

#define ADD(path, func) \
  g_test_add ("/ui/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("csv-by-keyboard", test_csv_by_keyboard);
  ADD ("failures-saved", test_failures_saved);
  ADD ("second-match-and-company", test_second_match_and_company);
  ADD ("vcard", test_vcard);
  ADD ("cancel-large", test_cancel_large);
  ADD ("saved-mapping", test_saved_mapping);
  ADD ("progress-screenshot", test_progress_screenshot);
  ADD ("encoding-by-keyboard", test_encoding_by_keyboard);
  ADD ("ctrl-i", test_ctrl_i);
  ADD ("drop-as-viewer", test_drop_as_viewer);
  ADD ("bad-files", test_bad_files);
  ADD ("encoding-check", test_encoding_check);
  ADD ("date-order", test_date_order);
  ADD ("birthdays-not-kept", test_birthdays_not_kept);
  ADD ("nothing-written", test_nothing_written);
  ADD ("closed-while-running", test_closed_while_running);
  ADD ("mnemonics", test_mnemonics);
  ADD ("several-dropped", test_several_dropped);
  ADD ("drop-on-company-page", test_drop_on_company_page);
  ADD ("vcard-as-txt", test_vcard_as_txt);
#undef ADD

  return g_test_run ();
}
