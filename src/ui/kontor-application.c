/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-application.h"
#include "kontor-context.h"
#include "kontor-demo-fill.h"
#include "kontor-identity-dialog.h"
#include "kontor-activity-dialog.h"
#include "kontor-preferences-window.h"
#include "kontor-reminder-ui.h"
#include "kontor-reminders.h"
#include "kontor-ui-utils.h"
#include "kontor-window.h"

struct _KontorApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  KontorContext  *context;
  char           *database_path;
  guint           demo_contacts;   /* 0: no demo */
  gboolean        demo_running;    /* the sample team is being made */
  gboolean        sync_started;
  KontorReminders *reminders;
};

G_DEFINE_FINAL_TYPE (KontorApplication, kontor_application, ADW_TYPE_APPLICATION)

static gboolean
parse_demo_option (const char  *option_name,
                   const char  *value,
                   gpointer     data,
                   GError     **error)
{
  KontorApplication *self = data;
  guint64 n = KONTOR_DEMO_DEFAULT_CONTACTS;

  if (value != NULL &&
      (!g_ascii_string_to_unsigned (value, 10, 1, 1000000, &n, NULL)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is what the user gave after --demo= */
                   _("--demo takes a number of contacts between 1 and 1000000, not “%s”."),
                   value);
      return FALSE;
    }

  self->demo_contacts = n;

  return TRUE;
}

static char *
dup_database_path (KontorApplication *self)
{
  g_autofree char *name = NULL;

  if (self->database_path != NULL)
    return g_strdup (self->database_path);
  if (self->demo_contacts == 0)
    return kontor_store_dup_default_path ();

  /* The sample team never mixes with real data: it has a file of its own. */
  name = g_strdup_printf ("demo-%u.db", self->demo_contacts);

  return g_build_filename (g_get_user_data_dir (), "kontor", name, NULL);
}

static void
on_fatal_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             GApplication     *application)
{
  g_application_quit (application);
}

static void
show_fatal_error (KontorApplication *self,
                  const char        *heading,
                  const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Quit"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_fatal_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The first start's question, once there is nothing else to wait for */
static void
ask_identity (KontorApplication *self,
              GtkWindow         *window)
{
  KontorStore *store;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;
  store = kontor_context_get_store (self->context);
  if (kontor_store_get_identity_chosen (store))
    return;

  /* the one user there is, made for the person logged in: nothing to ask */
  users = kontor_store_list_users (store, &error);
  if (users != NULL && users->len == 1 && kontor_store_get_current_user (store) != NULL)
    {
      if (!kontor_store_choose_identity (store, kontor_store_get_current_user (store), &error))
        g_warning ("Could not keep who works here: %s", error->message);
      return;
    }

  gtk_window_present (GTK_WINDOW (kontor_identity_dialog_new (window, self->context)));
}

/* The team sync takes up the session kept from the last start, if any;
 * never while a sample team is being made, which holds the database's
 * write lock */
static void
start_sync (KontorApplication *self)
{
  if (self->sync_started || self->demo_running || self->context == NULL)
    return;

  self->sync_started = TRUE;
  kontor_sync_service_start (kontor_context_get_sync (self->context));
}

/* A task's reminder is due: a desktop notification with its buttons
 * (src/README.md "Reminders") */
static void
on_reminder_due_cb (KontorReminders *reminders,
                    KontorActivity  *task,
                    gpointer         user_data)
{
  KontorApplication *self = user_data;
  g_autoptr(GNotification) notification = kontor_reminder_notification_new (self->context, task);
  g_autofree char *id = kontor_reminder_notification_id (kontor_record_get_id (KONTOR_RECORD (task)));

  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* The reminders start with the window, never while a sample team is
 * being made (it holds the database's write lock) */
static void
start_reminders (KontorApplication *self)
{
  if (self->reminders != NULL || self->demo_running || self->context == NULL)
    return;

  self->reminders = kontor_reminders_new (kontor_context_get_store (self->context));
  g_signal_connect (self->reminders, "due", G_CALLBACK (on_reminder_due_cb), self);
  kontor_reminders_start (self->reminders);
}

static void
report_reminder_error (KontorApplication *self,
                       const GError      *error)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    kontor_ui_show_error (GTK_WIDGET (window), _("The Task Could Not Be Changed"), error);
  else
    g_warning ("The task could not be changed: %s", error->message);
}

static void
on_reminder_done_action_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  KontorApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->context != NULL &&
      !kontor_reminder_done (self->context, g_variant_get_string (parameter, NULL), &error))
    report_reminder_error (self, error);
}

static void
on_reminder_snooze_action_cb (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  KontorApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *id;
  gint32 snooze;

  g_variant_get (parameter, "(&si)", &id, &snooze);
  if (self->context != NULL &&
      !kontor_reminder_snooze (self->context, id,
                               snooze == KONTOR_SNOOZE_DAY ? KONTOR_SNOOZE_DAY : KONTOR_SNOOZE_HOUR,
                               &error))
    report_reminder_error (self, error);
}

/* The notification clicked: the window, the task's contact or company,
 * and the task */
static void
on_reminder_open_action_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  KontorApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(KontorActivity) task = NULL;
  KontorActivityDialog *dialog;

  if (self->context == NULL || window == NULL)
    return;
  gtk_window_present (window);
  task = kontor_store_load (kontor_context_get_store (self->context), KONTOR_TYPE_ACTIVITY,
                            g_variant_get_string (parameter, NULL), NULL);
  if (task == NULL)
    return;
  if (kontor_activity_get_contact_id (task) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "s",
                                kontor_activity_get_contact_id (task));
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-company", "s",
                                kontor_activity_get_company_id (task));
  dialog = kontor_activity_dialog_new (GTK_WIDGET (window), self->context, task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_demo_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KontorWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  GApplication *application = g_application_get_default ();

  /* cancelled: nothing was stored, and the empty window says so */
  if (!kontor_store_job_run_finish (KONTOR_STORE_JOB (source_object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      gtk_widget_get_visible (GTK_WIDGET (window)))
    kontor_ui_show_error (GTK_WIDGET (window), _("The Sample Team Could Not Be Created"), error);
  else if (application != NULL && gtk_widget_get_visible (GTK_WIDGET (window)))
    ask_identity (KONTOR_APPLICATION (application), GTK_WINDOW (window));
  if (application != NULL)
    {
      KONTOR_APPLICATION (application)->demo_running = FALSE;
      start_sync (KONTOR_APPLICATION (application));
      start_reminders (KONTOR_APPLICATION (application));
    }

  if (application != NULL)
    g_application_release (application);
}

/* Fills an empty demo database on a worker thread while @window shows
 * the progress, with "Cancel"; closing the window cancels, too. */
static gboolean
start_demo (KontorApplication  *self,
            KontorWindow       *window,
            KontorStore        *store,
            GError            **error)
{
  g_autoptr(KontorStoreJob) job = NULL;
  gint64 n_contacts;

  n_contacts = kontor_store_count (store, KONTOR_TYPE_CONTACT, error);
  if (n_contacts != 0)
    return n_contacts > 0;

  job = kontor_demo_job_new (store, self->demo_contacts, KONTOR_DEMO_DEFAULT_SEED);
  kontor_window_show_job (window, job);
  g_signal_connect_object (window, "destroy", G_CALLBACK (kontor_store_job_cancel), job,
                           G_CONNECT_SWAPPED);
  g_application_hold (G_APPLICATION (self));
  self->demo_running = TRUE;
  kontor_store_job_run_async (job, NULL, on_demo_done_cb, g_object_ref (window));

  return TRUE;
}

static void
kontor_application_activate (GApplication *application)
{
  KontorApplication *self = KONTOR_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = dup_database_path (self);
      g_autoptr(KontorStore) store = kontor_store_open (path, &error);
      g_autoptr(KontorSyncService) sync = NULL;

      if (store == NULL)
        {
          show_fatal_error (self, _("Could Not Open the Contacts"), error);
          return;
        }

      self->context = kontor_context_new (store, self->settings);
      sync = kontor_sync_service_new (store);
      kontor_context_set_sync (self->context, sync);
      window = GTK_WINDOW (kontor_window_new (ADW_APPLICATION (self), self->context));
      if (self->demo_contacts > 0 && !start_demo (self, KONTOR_WINDOW (window), store, &error))
        {
          gtk_window_destroy (window);
          show_fatal_error (self, _("Could Not Open the Contacts"), error);
          return;
        }
    }

  gtk_window_present (window);
  start_sync (self);
  start_reminders (self);
  /* with a sample team being made, its colleagues come first */
  if (!self->demo_running)
    ask_identity (self, window);
}

static int
kontor_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  KontorApplication *self = KONTOR_APPLICATION (application);
  const char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && database[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      self->database_path = g_file_get_path (file);
    }

  return -1;
}

static void
on_about_action_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KontorApplication *self = user_data;
  static const char *developers[] = { "Kontor developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("Kontor"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Kontor developers"),
                         "developers", developers,
                         /* Translators: your name and e-mail, one per line */
                         "translator-credits", _("translator-credits"),
                         "comments", _("Keep your companies, contacts and leads, drive them "
                                       "across the pipeline and work offline with your team."),
                         "website", "https://github.com/kontor/kontor",
                         "issue-url", "https://github.com/kontor/kontor/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 Kontor developers",
                         NULL);
}

static void
on_preferences_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  KontorApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->context != NULL)
    gtk_window_present (kontor_preferences_window_new (parent, self->context));
}

static void
on_quit_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* close, so that windows save their size and ask about unsaved edits */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", on_about_action_cb },
  { "preferences", on_preferences_action_cb },
  { "quit", on_quit_action_cb },
  { "reminder-done", on_reminder_done_action_cb, "s" },
  { "reminder-snooze", on_reminder_snooze_action_cb, "(si)" },
  { "reminder-open", on_reminder_open_action_cb, "s" },
};

static void
kontor_application_startup (GApplication *application)
{
  KontorApplication *self = KONTOR_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (kontor_application_parent_class)->startup (application);

  kontor_accessible_name_on_map ();

  if (kontor_application_is_uninstalled ())
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    SOURCE_ROOT "/data/icons");
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

static void
kontor_application_window_added (GtkApplication *application,
                                 GtkWindow      *window)
{
  GtkShortcutsWindow *help_overlay;

  /* GtkApplication gives the window its help overlay here */
  GTK_APPLICATION_CLASS (kontor_application_parent_class)->window_added (application, window);

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;
  help_overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  if (help_overlay != NULL)
    kontor_accessible_label_shortcuts (help_overlay);
}

static void
kontor_application_dispose (GObject *object)
{
  KontorApplication *self = KONTOR_APPLICATION (object);

  g_clear_object (&self->reminders);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kontor_application_parent_class)->dispose (object);
}

static void
kontor_application_finalize (GObject *object)
{
  KontorApplication *self = KONTOR_APPLICATION (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (kontor_application_parent_class)->finalize (object);
}

static void
kontor_application_class_init (KontorApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = kontor_application_dispose;
  object_class->finalize = kontor_application_finalize;

  app_class->activate = kontor_application_activate;
  app_class->startup = kontor_application_startup;
  gtk_app_class->window_added = kontor_application_window_added;
  app_class->handle_local_options = kontor_application_handle_local_options;
}

static void
kontor_application_init (KontorApplication *self)
{
  GOptionGroup *group;
  const GOptionEntry demo_entries[] = {
    { "demo", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, parse_demo_option,
      N_("Open a sample sales team with N contacts (200 if N is left out) in a database "
         "of its own"), N_("N") },
    { NULL }
  };
  const GOptionEntry main_entries[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the contacts database in FILE"), N_("FILE") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);

  /* --demo[=N] has an optional value, which only a callback can parse */
  group = g_option_group_new ("demo", _("Sample data"), _("Show sample data options"),
                              self, NULL);
  g_option_group_add_entries (group, demo_entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_application_add_option_group (G_APPLICATION (self), group);
}

/**
 * kontor_application_new:
 *
 * Returns: (transfer full): the application
 */
KontorApplication *
kontor_application_new (void)
{
  return g_object_new (KONTOR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", APP_PATH,
                       /* several windows on different databases may run at once */
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

/**
 * kontor_application_is_uninstalled:
 *
 * Returns: %TRUE when this program runs from its build folder, so that it
 *   finds its schema, translations and icons there
 */
gboolean
kontor_application_is_uninstalled (void)
{
  static int uninstalled = -1;

  if (uninstalled < 0)
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

      uninstalled = exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/");
    }

  return uninstalled;
}

/**
 * kontor_application_get_localedir:
 *
 * Returns: where the translations are: installed, or in the build folder
 */
const char *
kontor_application_get_localedir (void)
{
  return kontor_application_is_uninstalled () ? BUILD_LOCALEDIR : LOCALEDIR;
}
