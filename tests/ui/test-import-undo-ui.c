/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-import-undo-ui"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kontor-contacts-view.h"
#include "kontor-csv-mapping.h"
#include "kontor-import-operation.h"
#include "kontor-import.h"
#include "kontor-job-banner.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* Ctrl+Z after a large import (src/README.md "Undo"): the undo runs as a
 * job off the main thread, shown at the foot of the window, while the
 * window answers a search; Ctrl+Z meanwhile starts nothing more; at the
 * end the contacts are gone and the list shows it; Shift+Ctrl+Z brings
 * them back; an undo that fails says so and changes nothing. The test holds the database's write lock from a connection
 * of its own while it looks, so the job surely waits and the look is no
 * race. */

#define N_ROWS 5000

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  char               *csv_path;
} Fixture;

static gint64
n_contacts (Fixture *fixture)
{
  return kontor_test_query_int (fixture->base.store, "SELECT count(*) FROM contact", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorContact) anna = kontor_contact_new ();
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,E-mail Address\r\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  kontor_store_fixture_set_up (&fixture->base, NULL);
  kontor_contact_set_first_name (anna, "Anna");
  kontor_contact_set_last_name (anna, "Muster");
  kontor_test_save (fixture->base.store, anna);

  for (guint i = 0; i < N_ROWS; i++)
    g_string_append_printf (text, "Vorname%u,Nachname%u,person%u@example.com\r\n", i, i, i);
  dir = g_path_get_dirname (fixture->base.path);
  fixture->csv_path = g_build_filename (dir, "gross.csv", NULL);
  g_file_set_contents (fixture->csv_path, text->str, text->len, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 860);
  kontor_test_settle (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_close_message_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_unlink (fixture->csv_path);
  g_free (fixture->csv_path);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

/* The file imported as the dialog's run does, kept on the context's
 * stack: the window's toast offers its undo */
static KontorOperation *
import_file (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;
  g_auto(GStrv) header = NULL;
  KontorCsvReader *reader = kontor_csv_reader_new (file, NULL, &error);
  KontorOperation *operation;

  g_assert_no_error (error);
  header = kontor_csv_reader_read_row (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = kontor_csv_mapping_new ((const char * const *) header);
  source = kontor_csv_source_new (reader, mapping);
  import = kontor_import_new (fixture->base.store, source);
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);
  operation = kontor_import_run (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, N_ROWS);
  kontor_operation_stack_add_applied (kontor_context_get_operations (fixture->context),
                                      operation);

  return operation;
}

static gboolean
nothing_running (gpointer data)
{
  return kontor_operation_stack_get_running (data) == NULL;
}

/* Holds the write lock: a job's BEGIN IMMEDIATE waits (its busy timeout)
 * until released */
static sqlite3 *
hold_write_lock (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->base.path, &db), ==, SQLITE_OK);
  /* the purge after an undo may hold it a moment */
  sqlite3_busy_timeout (db, 1000 * KONTOR_TEST_TIMEOUT);
  kontor_test_db_exec (db, "BEGIN IMMEDIATE");

  return db;
}

static void
release_write_lock (sqlite3 *db)
{
  kontor_test_db_exec (db, "COMMIT");
  sqlite3_close (db);
}

/* One undo or redo by its keys, checked while its job waits for the lock */
static void
step_by_keys (Fixture         *fixture,
              KontorOperation *operation,
              const char      *keys,
              const char      *title_start)
{
  KontorOperationStack *operations = kontor_context_get_operations (fixture->context);
  KontorContactsView *view =
    KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  GtkWidget *banner = kontor_test_find_widget (GTK_WIDGET (fixture->window),
                                               KONTOR_TYPE_JOB_BANNER);
  gint64 stored = n_contacts (fixture);
  sqlite3 *lock;
  gint64 held;
  KontorStoreJob *job;

  lock = hold_write_lock (fixture);
  held = g_get_monotonic_time ();
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press (keys);

  /* the job runs, shown at the foot of the window */
  g_assert_true (kontor_operation_stack_get_running (operations) == operation);
  job = kontor_import_operation_get_job (KONTOR_IMPORT_OPERATION (operation));
  g_assert_nonnull (job);
  g_assert_true (kontor_store_job_get_running (job));
  g_assert_true (kontor_job_banner_get_job (KONTOR_JOB_BANNER (banner)) == job);
  g_assert_true (g_str_has_prefix (kontor_store_job_get_title (job), title_start));
  g_assert_false (kontor_operation_stack_get_can_undo (operations));
  g_assert_false (kontor_operation_stack_get_can_redo (operations));

  /* the window answers a search meanwhile, from what is committed */
  gtk_editable_set_text (kontor_contacts_view_get_search_entry (view), "Muster");
  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)), 1);
  gtk_editable_set_text (kontor_contacts_view_get_search_entry (view), "");
  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)), (guint) stored);
  /* Ctrl+Z again starts nothing */
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_operation_stack_get_running (operations) == operation);
  g_assert_true (kontor_store_job_get_running (job));
  g_assert_cmpint (n_contacts (fixture), ==, stored);

  /* within the job's busy timeout (5 s, kontor-store.c), or it fails */
  g_test_message ("the lock held %.1f s", (g_get_monotonic_time () - held) / 1e6);
  release_write_lock (lock);
  g_assert_true (kontor_test_iterate_until (nothing_running, operations,
                                            6 * KONTOR_TEST_TIMEOUT));
}

static void
test_undo_large (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorOperationStack *operations = kontor_context_get_operations (fixture->context);
  KontorContactsView *view =
    KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  g_autoptr(KontorOperation) operation = import_file (fixture);
  g_autofree char *undoing = NULL;
  g_autofree char *redoing = NULL;

  g_assert_cmpint (n_contacts (fixture), ==, N_ROWS + 1);
  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)), N_ROWS + 1);

  /* Translators' words, in the language run */
  undoing = g_strdup_printf (_("Undoing: %s"), "");
  redoing = g_strdup_printf (_("Redoing: %s"), "");

  step_by_keys (fixture, operation, "ctrl+z", undoing);
  g_assert_cmpint (n_contacts (fixture), ==, 1);
  g_assert_false (kontor_operation_is_applied (operation));
  g_assert_true (kontor_operation_stack_get_can_redo (operations));
  g_assert_false (kontor_operation_stack_get_can_undo (operations));
  /* the list caught up */
  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)), 1);

  step_by_keys (fixture, operation, "ctrl+shift+z", redoing);
  g_assert_cmpint (n_contacts (fixture), ==, N_ROWS + 1);
  g_assert_true (kontor_operation_is_applied (operation));
  g_assert_true (kontor_operation_stack_get_can_undo (operations));
  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)), N_ROWS + 1);
}

/* An undo that fails half way (a trigger the test installs refuses one
 * delete): the window says so in a dialog, every contact stays, and the
 * import can be undone again */
static void
test_undo_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorOperationStack *operations = kontor_context_get_operations (fixture->context);
  g_autoptr(KontorOperation) operation = import_file (fixture);
  AdwMessageDialog *dialog;

  kontor_test_exec (fixture->base.store,
                    "CREATE TRIGGER test_fail BEFORE DELETE ON contact "
                    "WHEN old.first_name = 'Vorname4000' "
                    "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END");
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+z");
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   _("The Change Could Not Be Undone"));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_null (kontor_operation_stack_get_running (operations));
  g_assert_cmpint (n_contacts (fixture), ==, N_ROWS + 1);
  g_assert_true (kontor_operation_is_applied (operation));
  g_assert_true (kontor_operation_stack_get_can_undo (operations));
  g_assert_false (kontor_operation_stack_get_can_redo (operations));

  kontor_test_exec (fixture->base.store, "DROP TRIGGER test_fail");
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_test_iterate_until (nothing_running, operations,
                                            6 * KONTOR_TEST_TIMEOUT));
  g_assert_cmpint (n_contacts (fixture), ==, 1);
}

static gboolean
shows_cancelled_toast (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_shows_toast (GTK_WIDGET (fixture->window),
                                  _("Undo cancelled, nothing was changed"));
}

/* The bar's Cancel, by its key, while the undo runs: rolled back, said in
 * a toast, the import still there to undo */
static void
test_undo_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorOperationStack *operations = kontor_context_get_operations (fixture->context);
  g_autoptr(KontorOperation) operation = import_file (fixture);
  GtkWidget *cancel;
  sqlite3 *lock;

  lock = hold_write_lock (fixture);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_operation_stack_get_running (operations) == operation);
  cancel = kontor_test_find_actionable (GTK_WIDGET (fixture->window), "job-banner.cancel");
  g_assert_nonnull (cancel);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, cancel,
                                            KONTOR_TEST_TIMEOUT));
  gtk_widget_grab_focus (cancel);
  kontor_test_press ("space");
  release_write_lock (lock);

  g_assert_true (kontor_test_iterate_until (nothing_running, operations,
                                            6 * KONTOR_TEST_TIMEOUT));
  g_assert_cmpint (n_contacts (fixture), ==, N_ROWS + 1);
  /* the callback's toast, from the main loop */
  g_assert_true (kontor_test_iterate_until (shows_cancelled_toast, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_operation_is_applied (operation));
  g_assert_true (kontor_operation_stack_get_can_undo (operations));
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.ImportUndoUi");

  g_test_add ("/ui/import-undo/large", Fixture, NULL, fixture_set_up, test_undo_large,
              fixture_tear_down);
  g_test_add ("/ui/import-undo/fails", Fixture, NULL, fixture_set_up, test_undo_fails,
              fixture_tear_down);
  g_test_add ("/ui/import-undo/cancelled", Fixture, NULL, fixture_set_up, test_undo_cancelled,
              fixture_tear_down);

  return g_test_run ();
}
