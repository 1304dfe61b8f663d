/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-autostart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kontor-autostart.h"
#include "kontor-preferences-window.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* "Remind Me After Login" (src/README.md "Reminders"): the switch in
 * Preferences, pressed with the keyboard, switches the setting, and the
 * entry in $XDG_CONFIG_HOME/autostart follows it (src/ui/kontor-autostart.c,
 * as the application watches it). XDG_CONFIG_HOME is a folder of each
 * test's own (kontor_test_ui_init() isolates the user's folders), never
 * the user's. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 900, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static gboolean
entry_exists (gpointer data)
{
  g_autofree char *path = kontor_autostart_dup_path ();

  return g_file_test (path, G_FILE_TEST_EXISTS) == GPOINTER_TO_INT (data);
}

/* The entry is there and starts Kontor in the background at login */
static void
assert_entry (void)
{
  g_autofree char *path = kontor_autostart_dup_path ();
  g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "autostart",
                                                APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *type = NULL;

  /* the test's folder, not the user's */
  g_assert_true (g_str_has_prefix (path, g_get_tmp_dir ()));
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  type = g_key_file_get_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  exec = g_key_file_get_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "kontor --background");
  g_assert_true (g_key_file_get_boolean (file, G_KEY_FILE_DESKTOP_GROUP,
                                         "X-GNOME-Autostart-enabled", &error));
  g_assert_no_error (error);
}

static void
test_switch (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = kontor_autostart_dup_path ();
  GtkWindow *preferences;
  GtkWidget *row;
  GtkWidget *toggle;

  /* on by default: the application's start writes the missing entry */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  kontor_autostart_watch (fixture->settings);
  assert_entry ();

  preferences = kontor_preferences_window_new (GTK_WINDOW (fixture->window), fixture->context);
  gtk_window_present (preferences);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, preferences,
                                            KONTOR_TEST_TIMEOUT));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                "reminders");
  row = kontor_test_find_row (GTK_WIDGET (preferences), _("Remind Me After Login"));
  g_assert_nonnull (row);
  toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  kontor_test_assert_accessible (GTK_WIDGET (preferences));

  /* off with the space bar: the setting, and the entry goes */
  kontor_test_focus_window (preferences);
  gtk_widget_grab_focus (toggle);
  g_assert_true (gtk_widget_has_focus (toggle));
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (entry_exists, GINT_TO_POINTER (FALSE),
                                            KONTOR_TEST_TIMEOUT));
  g_assert_false (g_settings_get_boolean (fixture->settings, "autostart"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* and on again */
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (entry_exists, GINT_TO_POINTER (TRUE),
                                            KONTOR_TEST_TIMEOUT));
  g_assert_true (g_settings_get_boolean (fixture->settings, "autostart"));
  assert_entry ();

  gtk_window_destroy (preferences);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;
  if (!kontor_test_keys_can_be_sent ())
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.TestAutostart");
  g_test_add ("/ui/autostart/switch", Fixture, NULL, fixture_set_up, test_switch,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
