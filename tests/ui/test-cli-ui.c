/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-cli-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kontor-board-column.h"
#include "kontor-board.h"
#include "kontor-contacts-view.h"
#include "kontor-context.h"
#include "kontor-field-change.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"

/* `kontor import` from a terminal while the window is open on the same
 * database (feature G5, src/README.md "The command line"): the window's
 * table catches up by itself (PRAGMA data_version, kontor-store-watch.c),
 * and an edit made in the window while the import holds the database
 * waits for it (the busy timeout) and is kept, as is every imported row. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  GListModel         *list;      /* the window's contacts table */
  KontorContact      *anna;     /* a prospect in the board's first column */
  char               *status_id;
  char               *csv;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  KontorContactsView *view;

  kontor_store_fixture_set_up (&fixture->base, data);
  statuses = kontor_store_list_pipeline_statuses (fixture->base.store, &error);
  g_assert_no_error (error);
  fixture->status_id = g_strdup (kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  fixture->anna = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->anna, "Anna");
  kontor_contact_set_last_name (fixture->anna, "Schmidt");
  kontor_contact_set_status (fixture->anna, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_contact_set_city (fixture->anna, "Köln");
  kontor_contact_add_email (fixture->anna, "work", "anna@example.de");
  kontor_contact_set_pipeline_status_id (fixture->anna, fixture->status_id);
  kontor_test_save (fixture->base.store, fixture->anna);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "contacts-view", data != NULL ? data : "table");
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_window_new (app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));

  view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  fixture->list = G_LIST_MODEL (kontor_contacts_view_get_list (view));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, view,
                                            KONTOR_TEST_TIMEOUT));
  /* the table's list is filled while the table is shown */
  if (data == NULL)
    kontor_test_wait_n_items (fixture->list, 1);

  dir = g_path_get_dirname (fixture->base.path);
  fixture->csv = g_build_filename (dir, "import.csv", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_close_message_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_settings_set_string (fixture->settings, "contacts-view", "table");
  g_clear_object (&fixture->settings);
  g_free (fixture->status_id);
  g_clear_object (&fixture->anna);
  g_unlink (fixture->csv);
  g_free (fixture->csv);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static void
write_csv (Fixture *fixture,
           guint    n_rows)
{
  g_autoptr(GString) text = g_string_new ("First Name;Last Name;E-mail Address;Company\r\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "Vorname %u;Nachname %u;p%u@example.org;Firma %u\r\n",
                            i, i, i, i % 50);
  g_assert_true (g_file_set_contents (fixture->csv, text->str, text->len, NULL));
}

/* the built program, without a display, as a script starts it */
static GSubprocess *
spawn_import (Fixture    *fixture,
              const char *mode)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KONTOR_BINARY"), "import",
                                         fixture->csv, "--database", fixture->base.path,
                                         mode != NULL ? "--mode" : NULL, mode,
                                         "--match", "email", NULL);
  g_assert_no_error (error);

  return process;
}

typedef struct
{
  GListModel *list;
  guint       n_items;
} Count;

static gboolean
has_n_items (gpointer data)
{
  Count *count = data;

  return g_list_model_get_n_items (count->list) == count->n_items;
}

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *exited = user_data;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL));
  *exited = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
wait_for_exit (GSubprocess *process)
{
  gboolean exited = FALSE;

  g_subprocess_wait_async (process, NULL, on_exited_cb, &exited);
  g_assert_true (kontor_test_iterate_until (is_true, &exited, 60));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_window_catches_up (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorContactsView *view =
    KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) selected = NULL;
  Count count = { fixture->list, 1 + 30 };

  kontor_contacts_view_select (view, kontor_record_get_id (KONTOR_RECORD (fixture->anna)));
  g_assert_cmpuint (kontor_contacts_view_get_n_selected (view), ==, 1);
  write_csv (fixture, 30);
  process = spawn_import (fixture, NULL);

  /* nothing but the main loop: the window learns of the commit itself
   * (the test's deadline is generous, the promise is a second) */
  g_assert_true (kontor_test_iterate_until (has_n_items, &count, KONTOR_TEST_TIMEOUT));
  wait_for_exit (process);

  /* the table told only the rows that came (kontor_record_list_refresh()):
   * the contact selected stays selected */
  selected = kontor_contacts_view_dup_selected_ids (view);
  g_assert_cmpuint (g_strv_length (selected), ==, 1);
  g_assert_cmpstr (selected[0], ==, kontor_record_get_id (KONTOR_RECORD (fixture->anna)));
}

/* Whether another connection holds the write lock now: a BEGIN IMMEDIATE
 * that does not wait */
static gboolean
write_lock_taken (sqlite3 *db)
{
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  g_assert_cmpint (rc & 0xff, ==, SQLITE_BUSY);

  return TRUE;
}

static void
test_edit_during_import (Fixture       *fixture,
                         gconstpointer  data)
{
  const guint n_rows = 8000;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(KontorFieldChange) change = NULL;
  g_autoptr(KontorContact) stored = NULL;
  g_autoptr(GError) error = NULL;
  Count count = { fixture->list, 1 + n_rows };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  sqlite3 *db = NULL;
  gboolean taken = FALSE;

  write_csv (fixture, n_rows);
  g_assert_cmpint (sqlite3_open (fixture->base.path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 0);
  process = spawn_import (fixture, NULL);

  /* until the import's transaction holds the database (a bounded loop on
   * the main context, which stays responsive meanwhile) */
  while (!(taken = write_lock_taken (db)) && g_subprocess_get_identifier (process) != NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  sqlite3_close (db);
  g_assert_true (taken);

  /* an edit in the window meanwhile, as a form saves it: it waits for the
   * import's commit, then is stored */
  change = kontor_field_change_new (fixture->base.store, KONTOR_RECORD (fixture->anna),
                                    "City");
  kontor_field_change_set_string (change, KONTOR_CONTACT_FIELD_CITY, "Bonn");
  g_assert_true (kontor_operation_stack_run (kontor_context_get_operations (fixture->context),
                                             KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);

  wait_for_exit (process);
  g_assert_true (kontor_test_iterate_until (has_n_items, &count, KONTOR_TEST_TIMEOUT));

  /* both are there: the edit and every imported row */
  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                              kontor_record_get_id (KONTOR_RECORD (fixture->anna)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_contact_get_city (stored), ==, "Bonn");
  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_CONTACT, &error), ==,
                   1 + n_rows);
}

typedef struct
{
  GListModel *list;
  const char *id;
  const char *last_name;
} CardWait;

static gboolean
card_shows_last_name (gpointer data)
{
  CardWait *wait = data;

  for (guint i = 0; i < g_list_model_get_n_items (wait->list); i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (wait->list, i);

      if (g_str_equal (kontor_record_get_id (KONTOR_RECORD (contact)), wait->id))
        return g_strcmp0 (kontor_contact_get_last_name (contact), wait->last_name) == 0;
    }

  return FALSE;
}

/* The board too: an import that updates Anna by her e-mail address
 * changes her card, with nothing but the main loop running */
static void
test_board_catches_up (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorContactsView *view =
    KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  KontorBoard *board = kontor_contacts_view_get_board (view);
  KontorBoardColumn *column = NULL;
  g_autoptr(GSubprocess) process = NULL;
  CardWait wait = { NULL, kontor_record_get_id (KONTOR_RECORD (fixture->anna)), "Schmidt" };

  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, board,
                                            KONTOR_TEST_TIMEOUT));
  column = kontor_board_find_column (board, fixture->status_id);
  g_assert_nonnull (column);
  wait.list = G_LIST_MODEL (kontor_board_column_get_list (column));
  g_assert_true (kontor_test_iterate_until (card_shows_last_name, &wait, KONTOR_TEST_TIMEOUT));

  g_assert_true (g_file_set_contents (fixture->csv,
                                      "First Name;Last Name;E-mail Address\r\n"
                                      "Anna;Schmidt-Meyer;anna@example.de\r\n", -1, NULL));
  process = spawn_import (fixture, "update");
  wait.last_name = "Schmidt-Meyer";
  g_assert_true (kontor_test_iterate_until (card_shows_last_name, &wait, KONTOR_TEST_TIMEOUT));
  wait_for_exit (process);
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.TestCliUi");

  g_test_add ("/ui/cli/window-catches-up-with-import", Fixture, NULL, fixture_set_up,
              test_window_catches_up, fixture_tear_down);
  g_test_add ("/ui/cli/board-catches-up-with-import", Fixture, "board", fixture_set_up,
              test_board_catches_up, fixture_tear_down);
  g_test_add ("/ui/cli/edit-during-import-is-kept", Fixture, NULL, fixture_set_up,
              test_edit_during_import, fixture_tear_down);

  return g_test_run ();
}
