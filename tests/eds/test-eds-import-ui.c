/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-eds"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-import-dialog.h"
#include "kontor-shot.h"
#include "kontor-test-eds.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"

/* Import from the desktop's address book through the window, against a
 * real evolution-data-server (tests/eds/kontor-test-eds.c, a local book
 * "Kunden"): the main menu's "Import from Address Book…" lists the books,
 * one is chosen by keys, then the import dialog's Check and Import as for
 * a vCard file, and Ctrl+Z in the window takes the import back. Screenshots
 * of the book chooser and the check in English and German. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
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
  kontor_store_fixture_set_up (&fixture->base, NULL);
  fixture->settings = g_settings_new (APP_ID);
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
  kontor_store_fixture_tear_down (&fixture->base, data);
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
dialog_is_shown (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     KONTOR_TYPE_IMPORT_DIALOG) != NULL;
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

  if (!kontor_test_iterate_until (step_is, &wait, 6 * KONTOR_TEST_TIMEOUT))
    g_error ("the import dialog shows “%s”, not “%s”", kontor_import_dialog_get_step (dialog),
             step);
}

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

typedef struct
{
  GtkWidget  *root;
  const char *title;
} RowWait;

/* the plan's lists fill their rows after the step is shown */
static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;

  return kontor_test_find_row (wait->root, wait->title) != NULL;
}

static gboolean
can_undo (gpointer data)
{
  Fixture *fixture = data;

  return kontor_operation_stack_get_can_undo (kontor_context_get_operations (fixture->context));
}

static gboolean
no_contacts (gpointer data)
{
  return n_contacts (data) == 0;
}

/* The menu's action, the books listed with their accounts and an
 * accessible list, Down and Up to "Kunden", Return; Check: the nameless
 * card listed; Import: two contacts; Ctrl+Z: none */
static void
test_by_keyboard (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwMessageDialog *chooser;
  KontorImportDialog *dialog;
  GtkWidget *kunden;
  GtkWidget *personal;
  GtkListBox *list;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.import-address-book", NULL));
  chooser = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (chooser);
  g_assert_cmpstr (adw_message_dialog_get_heading (chooser), ==, _("Import from Address Book"));
  kunden = kontor_test_find_row (GTK_WIDGET (chooser), "Kunden");
  g_assert_nonnull (kunden);
  list = GTK_LIST_BOX (gtk_widget_get_parent (kunden));
  /* and EDS's built-in "Personal" (translated by EDS), after it */
  personal = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1));
  g_assert_nonnull (personal);
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  /* GNOME Contacts' "On This Computer", as EDS names (and translates) the
   * collection of the local books */
  {
    g_autoptr(ESource) local = e_source_registry_ref_source (kontor_test_eds_get_registry (),
                                                             "local-stub");

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kunden)), ==,
                     e_source_get_display_name (local));
  }
  kontor_test_assert_accessible (GTK_WIDGET (chooser));
  kontor_test_focus_window (GTK_WINDOW (chooser));
  kontor_test_settle (200);
  screenshot (GTK_WIDGET (chooser), "book-chooser.png");

  /* the books by name: Kunden first, focused; Down to Personal, Up back */
  g_assert_true (gtk_list_box_get_selected_row (list) == GTK_LIST_BOX_ROW (kunden));
  kontor_test_press ("Down");
  kontor_test_settle (100);
  g_assert_true (gtk_list_box_get_selected_row (list) == GTK_LIST_BOX_ROW (personal));
  kontor_test_press ("Up");
  kontor_test_settle (100);
  g_assert_true (gtk_list_box_get_selected_row (list) == GTK_LIST_BOX_ROW (kunden));
  kontor_test_press ("Return");

  g_assert_true (kontor_test_iterate_until (dialog_is_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = KONTOR_IMPORT_DIALOG (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                             KONTOR_TYPE_IMPORT_DIALOG));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, dialog,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_focus_window (GTK_WINDOW (dialog));
  kontor_test_settle (200);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));

  press_next (dialog);
  wait_step (dialog, "plan");
  g_assert_cmpuint (kontor_import_get_n_rows (kontor_import_dialog_get_import (dialog)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (
    kontor_import_get_failures (kontor_import_dialog_get_import (dialog))), ==, 1);
  screenshot (GTK_WIDGET (dialog), "book-check.png");
  /* the nameless card by its place in the book, not a file's line */
  {
    g_autoptr(KontorImportFailure) failure =
      g_list_model_get_item (kontor_import_get_failures (kontor_import_dialog_get_import (dialog)),
                             0);
    /* the book's order is by EDS's UIDs, made at random: where it is varies */
    g_autofree char *title = g_strdup_printf (_("Contact %u"),
                                              kontor_import_failure_get_line (failure));
    RowWait wait = { GTK_WIDGET (dialog), title };

    g_assert_true (kontor_test_iterate_until (row_shown, &wait, KONTOR_TEST_TIMEOUT));
  }
  press_next (dialog);
  wait_step (dialog, "done");
  g_assert_cmpint (n_contacts (fixture), ==, 2);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact WHERE last_name = ?1",
                                          "Schäfer"), ==, 1);

  /* closed by its button; Ctrl+Z in the window takes the import back */
  press_next (dialog);
  g_assert_true (kontor_test_iterate_until (can_undo, fixture, KONTOR_TEST_TIMEOUT));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_settle (200);
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_test_iterate_until (no_contacts, fixture, 6 * KONTOR_TEST_TIMEOUT));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* EDS first, on its own bus and folders, before GTK and the app reach
   * for the session bus. g_test_dbus_up() unsets DISPLAY (no X11
   * autolaunch of a bus): it is given back for GTK */
  kontor_test_eds_isolate ();
  if (kontor_test_eds_up () && display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  else if (kontor_test_eds_get_unavailable () != NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/eds/import-ui/unavailable", kontor_test_eds_unavailable);
      status = g_test_run ();
      kontor_test_eds_down ();
      return status;
    }

  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    {
      kontor_test_eds_down ();
      return 0;
    }
  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    g_mkdir_with_parents (g_getenv ("KONTOR_SCREENSHOT_DIR"), 0755);
  app = kontor_test_app_new ("io.github.kontor.Kontor.EdsImportUi");

  g_test_add ("/eds/import-ui/by-keyboard", Fixture, NULL, fixture_set_up, test_by_keyboard,
              fixture_tear_down);

  status = g_test_run ();
  kontor_test_eds_down ();

  return status;
}
