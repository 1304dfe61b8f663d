/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-application.h"
#include "kontor-autostart.h"
#include "kontor-context.h"
#include "kontor-demo-fill.h"
#include "kontor-identity-dialog.h"
#include "kontor-activity-dialog.h"
#include "kontor-preferences-window.h"
#include "kontor-reminder-ui.h"
#include "kontor-reminders.h"
#include "kontor-search-provider.h"
#include "kontor-ui-utils.h"
#include "kontor-window.h"
#include "kontor-workspace.h"

/* One process for the session (D-Bus-unique, src/README.md
 * "Reminders"): a second `kontor` hands its command line to this one. Each
 * database is a profile with its own context (store, stack, sync service)
 * and reminders, shown in a window of its own; a profile whose window is
 * closed stays, without a window, while its reminders still have to come
 * or wait for an answer, and the process with it. */
typedef struct
{
  KontorApplication *application;     /* unowned: it owns the profiles */
  char              *path;            /* the database, the profile's key */
  KontorContext     *context;
  KontorReminders   *reminders;
  KontorWindow      *window;          /* unowned, NULL while in the background */
  GHashTable        *shown;           /* task ids shown in the background, unanswered */
  guint              demo_contacts;   /* 0: no demo */
  gboolean           demo_running;    /* the sample team is being made */
  gboolean           sync_started;
  gboolean           held;            /* in the background: the application held */
  gulong             changed_id;      /* the store's "changed::activity" */
} Profile;

struct _KontorApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GHashTable     *profiles;       /* path → Profile */
  KontorSearchProvider *search_provider;  /* GNOME Shell's search, on the bus */
  guint           demo_contacts;  /* --demo of the command line being parsed */
  gboolean        quitting;       /* app.quit: no profile stays in the background */
};

G_DEFINE_FINAL_TYPE (KontorApplication, kontor_application, ADW_TYPE_APPLICATION)

static void profile_check_background (Profile *profile);

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
dup_database_path (const char *database,
                   guint       demo_contacts)
{
  g_autofree char *name = NULL;

  if (database != NULL)
    return g_strdup (database);
  if (demo_contacts == 0)
    return kontor_store_dup_default_path ();

  /* The sample team never mixes with real data: it has a file of its own. */
  name = g_strdup_printf ("demo-%u.db", demo_contacts);

  return g_build_filename (g_get_user_data_dir (), "kontor", name, NULL);
}

/* Profiles ------------------------------------------------------------------ */

static void
profile_free (Profile *profile)
{
  if (profile->held)
    g_application_release (G_APPLICATION (profile->application));
  if (profile->reminders != NULL)
    g_signal_handlers_disconnect_by_data (profile->reminders, profile);
  g_clear_signal_handler (&profile->changed_id, kontor_context_get_store (profile->context));
  g_clear_object (&profile->reminders);
  g_clear_object (&profile->context);
  g_clear_pointer (&profile->shown, g_hash_table_unref);
  g_free (profile->path);
  g_free (profile);
}

static Profile *
find_profile_of_context (KontorApplication *self,
                         KontorContext     *context)
{
  GHashTableIter iter;
  Profile *profile;

  g_hash_table_iter_init (&iter, self->profiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &profile))
    if (profile->context == context)
      return profile;

  return NULL;
}

/* The main window most recently used, or NULL */
static KontorWindow *
get_main_window (KontorApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (KONTOR_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* Said in a window of its own, which keeps the application while it is
 * there (other profiles' windows stay); it closes with its response */
static void
show_fatal_error (KontorApplication *self,
                  const char        *heading,
                  const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The first start's question, once there is nothing else to wait for */
static void
ask_identity (Profile   *profile,
              GtkWindow *window)
{
  KontorStore *store = kontor_context_get_store (profile->context);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

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

  gtk_window_present (GTK_WINDOW (kontor_identity_dialog_new (window, profile->context)));
}

/* The team sync takes up the session kept from the last start, if any;
 * never while a sample team is being made, which holds the database's
 * write lock */
static void
start_sync (Profile *profile)
{
  if (profile->sync_started || profile->demo_running)
    return;

  profile->sync_started = TRUE;
  kontor_sync_service_start (kontor_context_get_sync (profile->context));
}

/* A task's reminder is due: a desktop notification with its buttons
 * (src/README.md "Reminders") */
static void
on_reminder_due_cb (KontorReminders *reminders,
                    KontorActivity  *task,
                    gpointer         user_data)
{
  Profile *profile = user_data;
  const char *task_id = kontor_record_get_id (KONTOR_RECORD (task));
  g_autoptr(GNotification) notification =
    kontor_reminder_notification_new (profile->context, profile->path, task);
  g_autofree char *id = kontor_reminder_notification_id (profile->path, task_id);

  g_application_send_notification (G_APPLICATION (profile->application), id, notification);
  /* its buttons need this process: it stays until the reminder is answered */
  if (profile->window == NULL)
    g_hash_table_add (profile->shown, g_strdup (task_id));
}

/* "Stay in touch": a notification with Log Call… and the contact's page
 * (src/README.md "Reminders"); nothing waits for its answer, so it holds
 * no process */
static void
on_keep_in_touch_due_cb (KontorReminders *reminders,
                         KontorContact   *contact,
                         gint64           days,
                         Profile         *profile)
{
  g_autoptr(GNotification) notification =
    kontor_reminder_keep_in_touch_notification_new (profile->path, contact, days);
  g_autofree char *id = g_strconcat ("keep-in-touch:", profile->path, ":",
                                     kontor_record_get_id (KONTOR_RECORD (contact)), NULL);

  g_application_send_notification (G_APPLICATION (profile->application), id, notification);
}

/* The reminders start with the profile, never while a sample team is
 * being made (it holds the database's write lock) */
static void
start_reminders (Profile *profile)
{
  if (profile->reminders != NULL || profile->demo_running)
    return;

  profile->reminders = kontor_reminders_new (kontor_context_get_store (profile->context));
  g_settings_bind (profile->application->settings, "birthday-reminder-days",
                   profile->reminders, "birthday-days", G_SETTINGS_BIND_GET);
  g_signal_connect (profile->reminders, "due", G_CALLBACK (on_reminder_due_cb), profile);
  g_signal_connect (profile->reminders, "keep-in-touch-due",
                    G_CALLBACK (on_keep_in_touch_due_cb), profile);
  kontor_reminders_start (profile->reminders);
}

/* A task shown in the background still waits for its answer while it is
 * open and its reminder was not put off */
static gboolean
shown_task_waits (Profile    *profile,
                  const char *task_id)
{
  g_autoptr(KontorActivity) task =
    kontor_store_load (kontor_context_get_store (profile->context), KONTOR_TYPE_ACTIVITY,
                       task_id, NULL);

  return task != NULL && !kontor_activity_get_done (task) &&
         kontor_activity_get_remind_at (task) > 0 &&
         kontor_activity_get_remind_at (task) <= kontor_reminders_now (profile->reminders);
}

static gboolean
profile_has_work (Profile *profile)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  const char *task_id;
  gboolean to_come;

  if (profile->reminders == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, profile->shown);
  while (g_hash_table_iter_next (&iter, (gpointer *) &task_id, NULL))
    if (!shown_task_waits (profile, task_id))
      g_hash_table_iter_remove (&iter);

  to_come = kontor_reminders_has_pending (profile->reminders, &error);
  if (error != NULL)
    g_warning ("Could not look for reminders to come: %s", error->message);

  return to_come || g_hash_table_size (profile->shown) > 0;
}

/* Without a window: the profile stays, holding the application, while its
 * reminders have work to do; otherwise it goes */
static void
profile_check_background (Profile *profile)
{
  KontorApplication *self = profile->application;

  if (profile->window != NULL || profile->demo_running)
    return;

  if (!self->quitting && profile_has_work (profile))
    {
      if (!profile->held)
        {
          profile->held = TRUE;
          g_application_hold (G_APPLICATION (self));
        }
      return;
    }

  /* releases the hold: the application quits when nothing else keeps it */
  g_hash_table_remove (self->profiles, profile->path);
}

/* Something was written to a profile's store: in the background, whether
 * its reminders still have work. Later, after the write's other handlers
 * (the reminders' own check among them) */
static gboolean
on_background_idle_cb (gpointer data)
{
  KontorApplication *self = g_application_get_default () != NULL ?
    KONTOR_APPLICATION (g_application_get_default ()) : NULL;
  g_autofree char *path = data;
  Profile *profile;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  profile = g_hash_table_lookup (self->profiles, path);
  if (profile != NULL)
    profile_check_background (profile);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (KontorStore *store,
                     const char  *entity,
                     GArray      *rowids,
                     gpointer     user_data)
{
  Profile *profile = user_data;

  if (profile->window == NULL)
    g_idle_add (on_background_idle_cb, g_strdup (profile->path));
}

static Profile *
open_profile (KontorApplication  *self,
              const char         *path,
              GError            **error)
{
  Profile *profile = g_hash_table_lookup (self->profiles, path);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorSyncService) sync = NULL;

  if (profile != NULL)
    return profile;

  store = kontor_store_open (path, error);
  if (store == NULL)
    return NULL;

  profile = g_new0 (Profile, 1);
  profile->application = self;
  profile->path = g_strdup (path);
  profile->context = kontor_context_new (store, self->settings);
  profile->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sync = kontor_sync_service_new (store);
  kontor_context_set_sync (profile->context, sync);
  profile->changed_id = g_signal_connect (store, "changed::activity",
                                          G_CALLBACK (on_store_changed_cb), profile);
  g_hash_table_insert (self->profiles, profile->path, profile);

  return profile;
}

static void
on_window_destroy_cb (GtkWidget *window,
                      gpointer   user_data)
{
  KontorApplication *self = user_data;
  KontorContext *context = kontor_window_get_context (KONTOR_WINDOW (window));
  Profile *profile = find_profile_of_context (self, context);

  if (profile == NULL || profile->window != KONTOR_WINDOW (window))
    return;

  profile->window = NULL;
  g_hash_table_remove_all (profile->shown);
  profile_check_background (profile);
}

static void
on_demo_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KontorWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  GApplication *application = g_application_get_default ();
  KontorApplication *self = application != NULL ? KONTOR_APPLICATION (application) : NULL;
  Profile *profile = NULL;

  if (self != NULL)
    profile = find_profile_of_context (self, kontor_window_get_context (window));
  if (profile != NULL)
    profile->demo_running = FALSE;

  /* cancelled: nothing was stored, and the empty window says so */
  if (!kontor_store_job_run_finish (KONTOR_STORE_JOB (source_object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      gtk_widget_get_visible (GTK_WIDGET (window)))
    kontor_ui_show_error (GTK_WIDGET (window), _("The Sample Team Could Not Be Created"), error);
  else if (profile != NULL && gtk_widget_get_visible (GTK_WIDGET (window)))
    ask_identity (profile, GTK_WINDOW (window));
  if (profile != NULL)
    {
      start_sync (profile);
      start_reminders (profile);
      profile_check_background (profile);
    }

  if (application != NULL)
    g_application_release (application);
}

/* Fills an empty demo database on a worker thread while @window shows
 * the progress, with "Cancel"; closing the window cancels, too. */
static gboolean
start_demo (Profile       *profile,
            KontorWindow  *window,
            GError       **error)
{
  KontorStore *store = kontor_context_get_store (profile->context);
  g_autoptr(KontorStoreJob) job = NULL;
  gint64 n_contacts;

  n_contacts = kontor_store_count (store, KONTOR_TYPE_CONTACT, error);
  if (n_contacts != 0)
    return n_contacts > 0;

  job = kontor_demo_job_new (store, profile->demo_contacts, KONTOR_DEMO_DEFAULT_SEED);
  kontor_window_show_job (window, job);
  g_signal_connect_object (window, "destroy", G_CALLBACK (kontor_store_job_cancel), job,
                           G_CONNECT_SWAPPED);
  g_application_hold (G_APPLICATION (profile->application));
  profile->demo_running = TRUE;
  kontor_store_job_run_async (job, NULL, on_demo_done_cb, g_object_ref (window));

  return TRUE;
}

/* The profile's window, made when it has none, and presented */
static KontorWindow *
present_profile (Profile *profile)
{
  KontorApplication *self = profile->application;
  gboolean made = profile->window == NULL;

  /* a window again after a quit whose close was cancelled (unsaved edits) */
  self->quitting = FALSE;
  if (made)
    {
      g_autoptr(GError) error = NULL;

      profile->window = kontor_window_new (ADW_APPLICATION (self), profile->context);
      g_signal_connect_object (profile->window, "destroy", G_CALLBACK (on_window_destroy_cb),
                               self, 0);
      if (profile->demo_contacts > 0 && !start_demo (profile, profile->window, &error))
        {
          gtk_window_destroy (GTK_WINDOW (profile->window));
          show_fatal_error (self, _("Could Not Open the Contacts"), error);
          return NULL;
        }
    }
  /* back from the background: its own hold is the window now */
  if (profile->held)
    {
      profile->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }

  gtk_window_present (GTK_WINDOW (profile->window));
  start_sync (profile);
  start_reminders (profile);
  /* with a sample team being made, its colleagues come first */
  if (made && !profile->demo_running)
    ask_identity (profile, GTK_WINDOW (profile->window));

  return profile->window;
}

/* Opens @path's profile (with a sample team of @demo_contacts) in a
 * window, or in the background only */
static gboolean
open_database (KontorApplication *self,
               const char        *path,
               guint              demo_contacts,
               gboolean           background)
{
  g_autoptr(GError) error = NULL;
  Profile *profile = open_profile (self, path, &error);

  if (profile == NULL)
    {
      if (background)
        g_warning ("Could not open %s for its reminders: %s", path, error->message);
      else
        show_fatal_error (self, _("Could Not Open the Contacts"), error);
      return FALSE;
    }
  if (profile->window == NULL && demo_contacts > 0)
    profile->demo_contacts = demo_contacts;

  if (!background)
    return present_profile (profile) != NULL;

  /* --background: the reminders of a profile that has no window */
  if (profile->window == NULL)
    {
      start_sync (profile);
      start_reminders (profile);
      profile_check_background (profile);
    }

  return TRUE;
}

static void
kontor_application_activate (GApplication *application)
{
  KontorApplication *self = KONTOR_APPLICATION (application);
  KontorWindow *window = get_main_window (self);
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  path = dup_database_path (NULL, 0);
  open_database (self, path, 0, FALSE);
}

/* --import FILE: the import dialog on the file, in the window just shown
 * (feature I6) */
static void
open_import_option (KontorApplication *self,
                    GVariantDict      *options)
{
  const char *import_path = NULL;
  KontorWindow *window;
  g_autoptr(GFile) file = NULL;

  if (!g_variant_dict_lookup (options, "import", "^&ay", &import_path) || import_path[0] == '\0')
    return;
  window = get_main_window (self);
  if (window == NULL)
    return;
  file = g_file_new_for_path (import_path);
  kontor_window_import_file (window, file);
}

static int
kontor_application_command_line (GApplication            *application,
                                 GApplicationCommandLine *command_line)
{
  KontorApplication *self = KONTOR_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *database = NULL;
  g_autofree char *path = NULL;
  gboolean background = FALSE;
  guint32 demo_contacts = 0;

  g_variant_dict_lookup (options, "database", "^&ay", &database);
  g_variant_dict_lookup (options, "demo", "u", &demo_contacts);
  g_variant_dict_lookup (options, "background", "b", &background);
  if (database != NULL && database[0] == '\0')
    database = NULL;

  path = dup_database_path (database, demo_contacts);
  if (open_database (self, path, demo_contacts, background))
    open_import_option (self, options);

  return 0;
}

/* Here, in the process that was started: --version; the database's path
 * made absolute, and --demo (whose optional value only a callback reads)
 * put into the options that go to the first process */
static int
kontor_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  KontorApplication *self = KONTOR_APPLICATION (application);
  const char *database = NULL;
  const char *import_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && database[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);
      g_autofree char *path = g_file_get_path (file);

      g_variant_dict_insert (options, "database", "^ay", path);
    }
  if (g_variant_dict_lookup (options, "import", "^&ay", &import_path) && import_path[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (import_path);
      g_autofree char *path = g_file_get_path (file);

      g_variant_dict_insert (options, "import", "^ay", path);
    }
  if (self->demo_contacts > 0)
    {
      g_variant_dict_insert (options, "demo", "u", (guint32) self->demo_contacts);
      self->demo_contacts = 0;
    }

  return -1;
}

/* The context app-level actions work on: the last used window's */
static KontorContext *
get_active_context (KontorApplication *self,
                    GtkWindow        **window)
{
  KontorWindow *main_window = get_main_window (self);

  *window = GTK_WINDOW (main_window);

  return main_window != NULL ? kontor_window_get_context (main_window) : NULL;
}

/* Reminders' buttons ---------------------------------------------------------- */

static void
report_reminder_error (Profile      *profile,
                       const GError *error)
{
  if (profile->window != NULL)
    kontor_ui_show_error (GTK_WIDGET (profile->window), _("The Task Could Not Be Changed"),
                          error);
  else
    g_warning ("The task could not be changed: %s", error->message);
}

/* The profile a reminder's button names, opened again if it went */
static Profile *
reminder_profile (KontorApplication *self,
                  const char        *path)
{
  g_autoptr(GError) error = NULL;
  Profile *profile = open_profile (self, path, &error);

  if (profile == NULL)
    g_warning ("Could not open %s for a reminder: %s", path, error->message);
  else if (profile->window == NULL)
    start_reminders (profile);

  return profile;
}

static void
on_reminder_done_action_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  KontorApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path, *id;
  Profile *profile;

  g_variant_get (parameter, "(&s&s)", &path, &id);
  profile = reminder_profile (self, path);
  if (profile == NULL)
    return;
  if (!kontor_reminder_done (profile->context, id, &error))
    report_reminder_error (profile, error);
  g_hash_table_remove (profile->shown, id);
  profile_check_background (profile);
}

static void
on_reminder_snooze_action_cb (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  KontorApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path, *id;
  gint32 snooze;
  Profile *profile;

  g_variant_get (parameter, "(&s&si)", &path, &id, &snooze);
  profile = reminder_profile (self, path);
  if (profile == NULL)
    return;
  if (!kontor_reminder_snooze (profile->context, id,
                               snooze == KONTOR_SNOOZE_DAY ? KONTOR_SNOOZE_DAY : KONTOR_SNOOZE_HOUR,
                               &error))
    report_reminder_error (profile, error);
  g_hash_table_remove (profile->shown, id);
  profile_check_background (profile);
}

/* A notification's (database, record) target: that profile's window,
 * made or raised; %NULL when the database cannot be opened */
static KontorWindow *
present_reminder_target (KontorApplication  *self,
                         GVariant           *parameter,
                         Profile           **profile,
                         const char        **id)
{
  const char *path;

  g_variant_get (parameter, "(&s&s)", &path, id);
  *profile = reminder_profile (self, path);

  return *profile != NULL ? present_profile (*profile) : NULL;
}

/* A "stay in touch" notification: the profile's window on the contact's
 * page; with @log_call also a new call's dialog */
static void
open_contact_for_reminder (KontorApplication *self,
                           GVariant          *parameter,
                           gboolean           log_call)
{
  KontorWindow *window;
  Profile *profile;
  const char *id;

  window = present_reminder_target (self, parameter, &profile, &id);
  if (window == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "s", id);
  if (log_call)
    kontor_reminder_log_call (GTK_WIDGET (window), profile->context, id);
}

static void
on_reminder_open_contact_action_cb (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  open_contact_for_reminder (user_data, parameter, FALSE);
}

static void
on_reminder_log_call_action_cb (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  open_contact_for_reminder (user_data, parameter, TRUE);
}

/* The notification clicked: the profile's window, the task's contact or
 * company, and the task */
static void
on_reminder_open_action_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  KontorApplication *self = user_data;
  g_autoptr(KontorActivity) task = NULL;
  KontorActivityDialog *dialog;
  KontorWindow *window;
  Profile *profile;
  const char *id;

  window = present_reminder_target (self, parameter, &profile, &id);
  if (window == NULL)
    return;
  task = kontor_store_load (kontor_context_get_store (profile->context), KONTOR_TYPE_ACTIVITY,
                            id, NULL);
  if (task == NULL)
    return;
  if (kontor_activity_get_contact_id (task) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "s",
                                kontor_activity_get_contact_id (task));
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-company", "s",
                                kontor_activity_get_company_id (task));
  dialog = kontor_activity_dialog_new (GTK_WIDGET (window), profile->context, task);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* app.open-record (database, "contact" or "company", id, the time of the
 * click or 0): the profile's window on the record's page; GNOME Shell's
 * search result activated (kontor-search-provider.c). The window manager
 * gives the focus to a window raised with the click's time, rather than
 * say that it is ready. */
static void
on_open_record_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  KontorApplication *self = user_data;
  const char *path, *kind, *id;
  KontorWindow *window;
  Profile *profile;
  guint32 timestamp;

  g_variant_get (parameter, "(&s&s&su)", &path, &kind, &id, &timestamp);
  profile = reminder_profile (self, path);
  window = profile != NULL ? present_profile (profile) : NULL;
  if (window == NULL)
    return;
  if (g_str_equal (kind, "company"))
    kontor_window_show_company (window, id);
  else
    kontor_window_show_contact (window, id);
  if (timestamp != 0)
    gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
}

/* app.search (database, text, the time of the click or 0): the
 * profile's window, its contacts searched for @text; GNOME Shell's "more
 * results" */
static void
on_search_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  KontorApplication *self = user_data;
  const char *path, *text;
  KontorWindow *window;
  Profile *profile;
  guint32 timestamp;

  g_variant_get (parameter, "(&s&su)", &path, &text, &timestamp);
  profile = reminder_profile (self, path);
  window = profile != NULL ? present_profile (profile) : NULL;
  if (window == NULL)
    return;
  kontor_window_search (window, text);
  if (timestamp != 0)
    gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
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
  GtkWindow *parent = NULL;
  KontorContext *context = get_active_context (self, &parent);

  if (context != NULL)
    gtk_window_present (kontor_preferences_window_new (parent, context));
}

static void
on_quit_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  KontorApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  GHashTableIter iter;
  Profile *profile;

  /* Quit means no reminders in the background either: not for the
   * profiles without a window, nor for those whose windows close now */
  self->quitting = TRUE;
  g_hash_table_iter_init (&iter, self->profiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &profile))
    if (profile->window == NULL)
      g_hash_table_iter_remove (&iter);

  /* close, so that windows save their size and ask about unsaved edits */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

/* The window of the default database, opened (and shown) for the desktop
 * entry's actions when Kontor was not running: GNOME Shell calls
 * org.freedesktop.Application.ActivateAction for them (DBusActivatable),
 * which starts Kontor without activate(); NULL when it cannot be opened
 * (the error is said in a window of its own) */
static KontorWindow *
present_main_window (KontorApplication *self)
{
  KontorWindow *window = get_main_window (self);
  g_autofree char *path = NULL;

  if (window == NULL)
    {
      path = dup_database_path (NULL, 0);
      if (!open_database (self, path, 0, FALSE))
        return NULL;
      window = get_main_window (self);
    }
  else
    gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* app.new-contact: the desktop entry's action "New Contact" (feature G4,
 * data/io.github.kontor.Kontor.desktop.in); the window's own action, so
 * that a read-only database refuses it the same way */
static void
on_new_contact_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  KontorWindow *window = present_main_window (user_data);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-contact", NULL);
}

/* app.today: the desktop entry's action "Today", the Today page */
static void
on_today_action_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KontorWindow *window = present_main_window (user_data);

  if (window == NULL)
    return;
  kontor_workspace_show_section (KONTOR_WORKSPACE (kontor_window_get_workspace (window)),
                                 "today");
  kontor_window_show_contacts (window);
}

static const GActionEntry app_actions[] = {
  { "about", on_about_action_cb },
  { "preferences", on_preferences_action_cb },
  { "quit", on_quit_action_cb },
  { "reminder-done", on_reminder_done_action_cb, "(ss)" },
  { "reminder-snooze", on_reminder_snooze_action_cb, "(ssi)" },
  { "reminder-open", on_reminder_open_action_cb, "(ss)" },
  { "reminder-open-contact", on_reminder_open_contact_action_cb, "(ss)" },
  { "reminder-log-call", on_reminder_log_call_action_cb, "(ss)" },
  { "open-record", on_open_record_action_cb, "(sssu)" },
  { "search", on_search_action_cb, "(ssu)" },
  { "new-contact", on_new_contact_action_cb },
  { "today", on_today_action_cb },
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
  kontor_autostart_watch (self->settings);

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

/* GNOME Shell's search provider on the application's own connection
 * (data/io.github.kontor.Kontor.search-provider.ini names its path), so
 * the bus starts Kontor for it (src/README.md "Shell search") */
static gboolean
kontor_application_dbus_register (GApplication     *application,
                                  GDBusConnection  *connection,
                                  const char       *object_path,
                                  GError          **error)
{
  KontorApplication *self = KONTOR_APPLICATION (application);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (kontor_application_parent_class)->dbus_register (application,
                                                                              connection,
                                                                              object_path,
                                                                              error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = kontor_search_provider_new (self);

  return kontor_search_provider_export (self->search_provider, connection, path, error);
}

static void
kontor_application_dbus_unregister (GApplication    *application,
                                    GDBusConnection *connection,
                                    const char      *object_path)
{
  KontorApplication *self = KONTOR_APPLICATION (application);

  if (self->search_provider != NULL)
    kontor_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (kontor_application_parent_class)->dbus_unregister (application,
                                                                         connection,
                                                                         object_path);
}

static void
kontor_application_dispose (GObject *object)
{
  KontorApplication *self = KONTOR_APPLICATION (object);

  if (self->profiles != NULL)
    g_hash_table_remove_all (self->profiles);
  g_clear_object (&self->settings);
  g_clear_object (&self->search_provider);

  G_OBJECT_CLASS (kontor_application_parent_class)->dispose (object);
}

static void
kontor_application_finalize (GObject *object)
{
  KontorApplication *self = KONTOR_APPLICATION (object);

  g_hash_table_unref (self->profiles);

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
  app_class->command_line = kontor_application_command_line;
  app_class->startup = kontor_application_startup;
  gtk_app_class->window_added = kontor_application_window_added;
  app_class->handle_local_options = kontor_application_handle_local_options;
  app_class->dbus_register = kontor_application_dbus_register;
  app_class->dbus_unregister = kontor_application_dbus_unregister;
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
    { "import", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the import of the CSV or vCard file FILE"), N_("FILE") },
    { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Start without a window, only to show the reminders of tasks (after login)"), NULL },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  self->profiles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) profile_free);

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
                       /* one process per session; a second start hands its
                        * command line to it (--database opens another profile).
                        * Started by the bus (data/io.github.kontor.Kontor.service)
                        * with --gapplication-service, GApplication calls neither
                        * command_line nor activate: the call that started it
                        * (a reminder's button, Activate) comes over the bus
                        * (src/README.md "Reminders", "D-Bus activation") */
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
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

/**
 * kontor_application_get_search_context:
 * @self: the application
 * @path: (out) (optional) (transfer none): the database's path
 * @error: return location for a #GError
 *
 * What a search from outside the window (GNOME Shell's) searches: the
 * database of the main window used last, else the default database,
 * opened as a profile without a window (as a reminder's button opens one).
 *
 * Returns: (transfer none) (nullable): its context, %NULL when it cannot
 *   be opened
 */
KontorContext *
kontor_application_get_search_context (KontorApplication  *self,
                                       const char        **path,
                                       GError            **error)
{
  KontorWindow *window;
  g_autofree char *default_path = NULL;
  Profile *profile = NULL;

  g_return_val_if_fail (KONTOR_IS_APPLICATION (self), NULL);

  window = get_main_window (self);
  if (window != NULL)
    profile = find_profile_of_context (self, kontor_window_get_context (window));
  if (profile == NULL)
    {
      default_path = dup_database_path (NULL, 0);
      profile = open_profile (self, default_path, error);
      if (profile == NULL)
        return NULL;
    }
  if (path != NULL)
    *path = profile->path;

  return profile->context;
}
