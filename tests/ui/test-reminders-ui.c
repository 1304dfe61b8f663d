/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-reminders-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-activity-dialog.h"
#include "kontor-contact-page.h"
#include "kontor-demo-fill.h"
#include "kontor-preferences-window.h"
#include "kontor-reminder-ui.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-today-view.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"
#include "kontor-workspace.h"

/* Stay in touch and the birthday setting (feature R2, src/README.md
 * "Reminders") by real keys: the interval's row in the contact's form,
 * the contact on the Today page with Log Call…, the row in Preferences
 * and the setting the reminders follow; screenshots in the run's
 * language. */

#define DAY 86400

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContact      *contact;
} Fixture;

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static void
wait_mapped (gpointer widget)
{
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, widget,
                                            KONTOR_TEST_TIMEOUT));
}

static void
type_text (const char *text)
{
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", text, NULL });
  kontor_test_settle (150);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  kontor_store_fixture_set_up (&fixture->base, NULL);
  g_assert_true (kontor_demo_populate (fixture->base.store, 30, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);
  /* nothing due but what a test makes */
  kontor_test_exec (fixture->base.store, "DELETE FROM activity");
  kontor_test_exec (fixture->base.store, "UPDATE contact SET due_date = NULL");

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 860);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));

  stmt = kontor_test_prepare (fixture->base.store,
                              "SELECT id FROM contact WHERE status IN (1, 2) ORDER BY rid LIMIT 1",
                              NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  fixture->contact = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, id, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (fixture->window))
        gtk_window_destroy (window);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_clear_object (&fixture->contact);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static KontorContact *
reload_contact (Fixture *fixture)
{
  return kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, id_of (fixture->contact),
                            NULL);
}

/* The interval typed into its row of the contact's form and saved with
 * Ctrl+S: one outbox entry of the field; more than ten years is not
 * taken */
static void
test_form_row (Fixture       *fixture,
               gconstpointer  data)
{
  KontorContactPage *page = KONTOR_CONTACT_PAGE (kontor_window_get_contact_page (fixture->window));
  g_autoptr(KontorContact) stored = NULL;
  GtkWidget *row, *spin;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contact",
                                             "s", id_of (fixture->contact)));
  wait_mapped (page);
  kontor_test_settle (300);
  row = kontor_test_find_row (GTK_WIDGET (page), _("Stay in Touch"));
  g_assert_nonnull (row);
  spin = kontor_test_find_widget (row, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  kontor_test_assert_accessible (row);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 0);

  gtk_widget_grab_focus (spin);
  kontor_test_press ("ctrl+a");
  type_text ("14");
  kontor_test_press ("Tab");
  kontor_test_settle (200);
  g_assert_true (kontor_contact_page_get_dirty (page));
  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"),
                                                "contact-stay-in-touch.png", NULL);

      kontor_test_settle (300);
      kontor_test_take_screenshots (GTK_WIDGET (fixture->window), shot);
    }
  kontor_test_press ("ctrl+s");
  kontor_test_settle (300);
  stored = reload_contact (fixture);
  g_assert_cmpint (kontor_contact_get_keep_in_touch_days (stored), ==, 14);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                                          "AND op = 'update' AND field = 'keep_in_touch_days'",
                                          id_of (fixture->contact)), ==, 1);
  g_clear_object (&stored);

  /* the spin button keeps to the model's range */
  gtk_widget_grab_focus (spin);
  kontor_test_press ("ctrl+a");
  type_text ("99999");
  kontor_test_press ("Tab");
  kontor_test_settle (200);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 3650);
}

static gboolean
n_due_is (gpointer data)
{
  gpointer *args = data;

  return kontor_today_view_get_n_due (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_n_due (KontorTodayView *view,
            guint            n)
{
  gpointer args[2] = { view, GUINT_TO_POINTER (n) };

  if (!kontor_test_iterate_until (n_due_is, args, KONTOR_TEST_TIMEOUT))
    g_error ("the Today page shows %u, not %u", kontor_today_view_get_n_due (view), n);
}

static gboolean
dialog_is_shown (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     KONTOR_TYPE_ACTIVITY_DIALOG) != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return !dialog_is_shown (data);
}

/* The contact, 45 days without contact and an interval of 30, without a
 * sales rep (so it is everyone's) */
static void
make_due (Fixture *fixture)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE contact SET last_activity_at = 0, "
                                          "created_at = %" G_GINT64_FORMAT " WHERE id = '%s'",
                                          g_get_real_time () / G_USEC_PER_SEC - 45 * DAY - 600,
                                          id_of (fixture->contact));
  g_autoptr(KontorContact) contact = NULL;

  kontor_test_exec (fixture->base.store, sql);
  contact = reload_contact (fixture);
  kontor_contact_set_keep_in_touch_days (contact, 30);
  kontor_contact_set_sales_reps (contact, NULL);
  kontor_test_save (fixture->base.store, contact);
}

static KontorTodayView *
show_today (Fixture *fixture)
{
  KontorWorkspace *workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (fixture->window));
  KontorTodayView *view;

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("Escape");
  kontor_test_settle (300);
  kontor_test_press ("ctrl+5");
  kontor_test_settle (300);
  g_assert_cmpstr (kontor_workspace_get_section (workspace), ==, "today");
  view = KONTOR_TODAY_VIEW (kontor_test_find_widget (GTK_WIDGET (workspace),
                                                     KONTOR_TYPE_TODAY_VIEW));
  wait_mapped (view);

  return view;
}

/* "Kontakt halten" on the Today page: the contact with how long it has
 * been; Log Call… by the keyboard opens the dialog of a call with it,
 * and the call saved takes it off the page */
static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (fixture->contact));
  g_autofree char *expected = kontor_reminder_days_without_contact (45);
  g_autoptr(KontorContact) stored = NULL;
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  KontorActivityDialog *dialog;
  KontorActivity *call;
  KontorTodayView *view;
  GtkWidget *row, *button;

  make_due (fixture);
  view = show_today (fixture);
  wait_n_due (view, 1);
  kontor_test_assert_accessible (GTK_WIDGET (view));
  row = kontor_test_find_row (GTK_WIDGET (view), name);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected);
  g_assert_nonnull (strstr (expected, "45"));

  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "today-stay-in-touch.png", NULL);

      kontor_test_settle (500);
      kontor_test_take_screenshots (GTK_WIDGET (fixture->window), shot);
    }

  /* Log Call…: its button by the keyboard */
  button = kontor_test_find_widget (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  gtk_widget_grab_focus (button);
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (dialog_is_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = KONTOR_ACTIVITY_DIALOG (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                               KONTOR_TYPE_ACTIVITY_DIALOG));
  wait_mapped (dialog);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  call = kontor_activity_dialog_get_activity (dialog);
  g_assert_cmpint (kontor_activity_get_kind (call), ==, KONTOR_ACTIVITY_KIND_CALL);
  g_assert_cmpstr (kontor_activity_get_contact_id (call), ==, id_of (fixture->contact));

  type_text ("Kurz nachgefragt");
  kontor_test_press ("ctrl+Return");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  wait_n_due (view, 0);
  stored = reload_contact (fixture);
  g_assert_cmpint (kontor_contact_get_last_activity_at (stored), >,
                   g_get_real_time () / G_USEC_PER_SEC - 3600);
}

/* What the notification says */
static void
test_notification_text (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (fixture->contact));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *one = kontor_reminder_days_without_contact (1);
  g_autoptr(GNotification) notification = NULL;

  kontor_reminder_keep_in_touch_dup_text (fixture->contact, 45, &title, &body);
  g_assert_nonnull (strstr (title, name));
  g_assert_nonnull (strstr (body, "45"));
  g_assert_cmpstr (one, !=, body);
  notification = kontor_reminder_keep_in_touch_notification_new ("/tmp/kontor.db", fixture->contact, 45);
  g_assert_true (G_IS_NOTIFICATION (notification));
}

/* Preferences, Reminders: the days before a birthday, by the keyboard,
 * stored in the setting the reminders follow; not to be changed while
 * the team does not keep birthdays */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *preferences = kontor_preferences_window_new (GTK_WINDOW (fixture->window),
                                                          fixture->context);
  g_autoptr(KontorReminders) reminders = kontor_reminders_new (fixture->base.store);
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *spin;

  /* as the application binds them (kontor-application.c) */
  g_settings_bind (fixture->settings, "birthday-reminder-days", reminders, "birthday-days",
                   G_SETTINGS_BIND_GET);
  g_assert_cmpuint (kontor_reminders_get_birthday_days (reminders), ==,
                    g_settings_get_uint (fixture->settings, "birthday-reminder-days"));

  gtk_window_present (preferences);
  wait_mapped (preferences);
  g_assert_true (adw_preferences_window_get_visible_page_name (
                   ADW_PREFERENCES_WINDOW (preferences)) != NULL);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "reminders");
  kontor_test_focus_window (preferences);
  kontor_test_settle (300);
  row = kontor_test_find_row (GTK_WIDGET (preferences), _("Birthdays, Days Before"));
  g_assert_nonnull (row);
  kontor_test_assert_accessible (row);
  spin = kontor_test_find_widget (row, GTK_TYPE_SPIN_BUTTON);
  g_assert_true (gtk_widget_is_sensitive (spin));

  gtk_widget_grab_focus (spin);
  kontor_test_press ("ctrl+a");
  type_text ("7");
  kontor_test_press ("Tab");
  kontor_test_settle (200);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "birthday-reminder-days"), ==, 7);
  g_assert_cmpuint (kontor_reminders_get_birthday_days (reminders), ==, 7);
  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"),
                                                "preferences-reminders.png", NULL);

      kontor_test_take_screenshots (GTK_WIDGET (preferences), shot);
    }

  /* birthdays not kept: nothing to remind of */
  g_assert_true (kontor_store_set_keep_birthdays (fixture->base.store, FALSE, &error));
  g_assert_no_error (error);
  gtk_window_destroy (preferences);
  preferences = kontor_preferences_window_new (GTK_WINDOW (fixture->window), fixture->context);
  gtk_window_present (preferences);
  wait_mapped (preferences);
  row = kontor_test_find_row (GTK_WIDGET (preferences), _("Birthdays, Days Before"));
  g_assert_false (gtk_widget_is_sensitive (row));

  g_settings_reset (fixture->settings, "birthday-reminder-days");
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    g_mkdir_with_parents (g_getenv ("KONTOR_SCREENSHOT_DIR"), 0755);
  app = kontor_test_app_new ("io.github.kontor.Kontor.Reminders");

#define ADD(path, func) \
  g_test_add ("/ui/reminders/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("form-row", test_form_row);
  ADD ("today-stay-in-touch", test_today);
  ADD ("notification-text", test_notification_text);
  ADD ("preferences", test_preferences);
#undef ADD

  return g_test_run ();
}
