/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-autostart"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "kontor-application.h"
#include "kontor-autostart.h"

/* "Remind me after login" (src/README.md "Reminders"): the setting
 * "autostart" decides; while it is on, the user's autostart folder holds
 * an entry that starts `kontor --background` at login, which only shows
 * the reminders. The entry is the template
 * data/io.github.kontor.Kontor-autostart.desktop.in with its translated
 * names, as built or installed. */

#define SETTING "autostart"

/**
 * kontor_autostart_dup_path:
 *
 * Returns: (transfer full): where the autostart entry goes:
 *   `$XDG_CONFIG_HOME/autostart/io.github.kontor.Kontor.desktop`
 */
char *
kontor_autostart_dup_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

static char *
dup_template_path (void)
{
  return g_build_filename (kontor_application_is_uninstalled () ? BUILD_DATADIR : PKGDATADIR,
                           APP_ID "-autostart.desktop", NULL);
}

/* The template's text, or the entry without translations when it is not
 * there (a build that was not installed, moved away) */
static char *
dup_entry (void)
{
  g_autofree char *template = dup_template_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (g_key_file_load_from_file (file, template, G_KEY_FILE_KEEP_TRANSLATIONS, &error))
    return g_key_file_to_data (file, NULL, NULL);

  g_debug ("No autostart template at %s: %s", template, error->message);
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, "Kontor");
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                         "kontor --background");
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_boolean (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY,
                          TRUE);
  g_key_file_set_boolean (file, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);

  return g_key_file_to_data (file, NULL, NULL);
}

/**
 * kontor_autostart_apply:
 * @enabled: whether Kontor starts at login
 * @error: return location for a #GError
 *
 * Writes the autostart entry, or removes it (none there is fine).
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_autostart_apply (gboolean   enabled,
                        GError   **error)
{
  g_autofree char *path = kontor_autostart_dup_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *entry = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }
  entry = dup_entry ();

  return g_file_set_contents (path, entry, -1, error);
}

static void
on_setting_changed_cb (GSettings  *settings,
                       const char *key,
                       gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kontor_autostart_apply (g_settings_get_boolean (settings, SETTING), &error))
    g_warning ("Could not change the start after login: %s", error->message);
}

/**
 * kontor_autostart_watch:
 * @settings: the application's settings
 *
 * Keeps the autostart entry as the setting says, from now on: written
 * now when the setting is on and the entry is missing, written or removed
 * whenever the setting changes.
 */
void
kontor_autostart_watch (GSettings *settings)
{
  g_autofree char *path = kontor_autostart_dup_path ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect (settings, "changed::" SETTING, G_CALLBACK (on_setting_changed_cb), NULL);
  if (g_settings_get_boolean (settings, SETTING) && !g_file_test (path, G_FILE_TEST_EXISTS) &&
      !kontor_autostart_apply (TRUE, &error))
    g_warning ("Could not set up the start after login: %s", error->message);
}
