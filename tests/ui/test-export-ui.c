/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-export-ui"

#include "config.h"

#include <adwaita.h>
#include <libical/ical.h>

#include "kontor-company-page.h"
#include "kontor-contact-page.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* The calendar export from the window (feature I4): a contact page's
 * menu item asks for a file with the contact's name, writes the calendar
 * there and says how many entries it holds; nothing to export asks
 * nothing; the main menu's export suggests "Kontor.ics". The save dialog
 * is GtkFileChooserNative's own GTK dialog here (no portal), answered as
 * its buttons would. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorCompany      *bakery;
  KontorContact      *anna;
  char               *folder;
} Fixture;

static void
save_activity (Fixture            *fixture,
               KontorActivityKind  kind,
               const char         *subject)
{
  g_autoptr(KontorActivity) activity = kontor_activity_new (kind, KONTOR_RECORD (fixture->anna));

  kontor_activity_set_subject (activity, subject);
  kontor_activity_set_topic (activity, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  if (kind == KONTOR_ACTIVITY_KIND_MEETING)
    {
      kontor_activity_set_starts_at (activity, 1768471200);
      kontor_activity_set_ends_at (activity, 1768476600);
    }
  else if (kind == KONTOR_ACTIVITY_KIND_CALL)
    kontor_activity_set_starts_at (activity, 1768471200);
  kontor_test_save (fixture->base.store, activity);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);

  fixture->bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  kontor_test_save (fixture->base.store, fixture->bakery);
  fixture->anna = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->anna, "Anna");
  kontor_contact_set_last_name (fixture->anna, "Schneider");
  kontor_test_save (fixture->base.store, fixture->anna);
  save_activity (fixture, KONTOR_ACTIVITY_KIND_TASK, "Angebot schicken");
  save_activity (fixture, KONTOR_ACTIVITY_KIND_MEETING, "Jahresgespräch");
  save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL, "Anruf");

  fixture->folder = kontor_test_make_tmpdir ();
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1000, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->bakery);
  g_clear_object (&fixture->anna);
  kontor_test_rmdir (fixture->folder);
  g_clear_pointer (&fixture->folder, g_free);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static gboolean
chooser_shown (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

/* The save dialog, mapped: the folder it opens in is chosen when it maps */
static GtkFileChooser *
wait_for_chooser (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (kontor_test_iterate_until (chooser_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                       GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, dialog,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);

  return GTK_FILE_CHOOSER (dialog);
}

typedef struct
{
  Fixture    *fixture;
  const char *path;
  const char *toast;
} WrittenWait;

static gboolean
written (gpointer data)
{
  WrittenWait *wait = data;

  return g_file_test (wait->path, G_FILE_TEST_EXISTS) &&
         kontor_test_shows_toast (GTK_WIDGET (wait->fixture->window), wait->toast);
}

static void
test_contact_to_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autofree char *path = g_build_filename (fixture->folder, "anna.ics", NULL);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  WrittenWait wait = { fixture, path, "2 calendar entries exported" };
  GtkWidget *page;
  GtkFileChooser *chooser;
  icalcomponent *calendar;

  kontor_window_show_contact (fixture->window,
                              kontor_record_get_id (KONTOR_RECORD (fixture->anna)));
  page = kontor_window_get_contact_page (fixture->window);
  g_assert_true (gtk_widget_activate_action (page, "contact.export-calendar", NULL));

  chooser = wait_for_chooser (fixture);
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, "Anna Schneider.ics");
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, "anna.ics");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  g_assert_true (kontor_test_iterate_until (written, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 1);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  g_assert_cmpstr (icalcomponent_get_summary (icalcomponent_get_first_component (
                     calendar, ICAL_VEVENT_COMPONENT)), ==, "Jahresgespräch");
  g_assert_cmpstr (icalcomponent_get_description (icalcomponent_get_first_component (
                     calendar, ICAL_VTODO_COMPONENT)), ==, "Contact: Anna Schneider");
  icalcomponent_free (calendar);
}

/* A company without tasks or meetings: a toast, no dialog */
static void
test_nothing_to_export (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *page;

  kontor_window_show_company (fixture->window,
                              kontor_record_get_id (KONTOR_RECORD (fixture->bakery)));
  page = kontor_window_get_company_page (fixture->window);
  g_assert_true (gtk_widget_activate_action (page, "company.export-calendar", NULL));
  kontor_test_settle (100);

  g_assert_true (kontor_test_shows_toast (GTK_WIDGET (fixture->window),
                                          "No tasks or meetings to export"));
  g_assert_false (chooser_shown (fixture));
}

/* The main menu's: every entry, "Kontor.ics"; Cancel writes nothing */
static void
test_all_cancelled (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-calendar",
                                             "(ss)", "all", ""));
  chooser = wait_for_chooser (fixture);
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, "Kontor.ics");
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, &error));
  g_assert_no_error (error);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  kontor_test_settle (100);

  g_assert_false (chooser_shown (fixture));
  dir = g_dir_open (fixture->folder, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (dir));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.TestExport");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/export/contact-to-file", test_contact_to_file);
  ADD ("/ui/export/nothing-to-export", test_nothing_to_export);
  ADD ("/ui/export/all-cancelled", test_all_cancelled);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
