/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-eds"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* libedataserver 3.46's e-flag.h still declares a GTimeVal function */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libecal/libecal.h>
G_GNUC_END_IGNORE_DEPRECATIONS

#include "kontor-activity.h"
#include "kontor-ical.h"

/* libical-glib 3.0 defines no g_autoptr() cleanups: the test's own names
 * for its GObject types, so that a later libical's cannot clash */
typedef ICalComponent TestComponent;
typedef ICalTimezone TestTimezone;
typedef ICalProperty TestProperty;
typedef ICalParameter TestParameter;
typedef ICalTime TestTime;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestComponent, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestTimezone, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestProperty, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestParameter, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestTime, g_object_unref)

/* The iCalendar export (src/io/kontor-ical.c) in a real
 * evolution-data-server, where GNOME Calendar and Evolution keep their
 * events: the test starts EDS's own source registry and calendar factory
 * on a private session bus, with every XDG folder in a folder of its own,
 * adds what kontor_ical_export() wrote to the built-in "Personal" calendar
 * and task list with libecal, as an importing calendar does (the
 * VTIMEZONE first, then the entry), reads it back from EDS and checks
 * that a meeting in Berlin's winter and one in its summer come back at
 * the very seconds they were exported with, under the same TZID, and a
 * task with its due date and summary. Last it stops the services and
 * checks that none of their processes is left.
 *
 * Without EDS (libecal2.0-dev and evolution-data-server, .ci/install-deps)
 * or without dbus-daemon the test skips, or fails when CI=true. */

/* where Debian installs the services; tests/eds/meson.build */
#ifndef EDS_LIBEXECDIR
#error "EDS_LIBEXECDIR is not defined"
#endif

/* EDS 3.46's bus names (the .service files in /usr/share/dbus-1/services) */
#define SOURCES_BUS_NAME  "org.gnome.evolution.dataserver.Sources5"
#define CALENDAR_BUS_NAME "org.gnome.evolution.dataserver.Calendar8"

/* A bound for each wait: the services start in well under a second on an
 * idle machine, a loaded CI machine may take some */
#define WAIT_SECONDS 60

#define COMPANY_ID "01900000-0000-7000-8000-00000000000b"
#define CREATED    1767225600   /* 2026-01-01 00:00 UTC */
#define UPDATED    1767700000   /* 2026-01-06 11:46:40 UTC */

/* a winter and a summer meeting in Berlin, UTC+1 and UTC+2 */
#define WINTER_START 1768471200 /* 2026-01-15 10:00 UTC, 11:00 CET */
#define WINTER_END   1768476600 /* 2026-01-15 11:30 UTC, 12:30 CET */
#define SUMMER_START 1784109600 /* 2026-07-15 10:00 UTC, 12:00 CEST */
#define SUMMER_END   1784113200 /* 2026-07-15 11:00 UTC, 13:00 CEST */

typedef struct
{
  char             *home;         /* HOME and the XDG folders */
  GTestDBus        *bus;
  gboolean          bus_stopped;
  GSubprocess      *registry_process;
  GSubprocess      *factory_process;
  ESourceRegistry  *registry;
  ECalClient       *calendar;     /* "system-calendar" */
  ECalClient       *tasks;        /* "system-task-list" */
  char             *unavailable;  /* why EDS could not be started */
} Eds;

static Eds eds;

/* ------------------------------------------------------------------------ */
/* Starting and stopping EDS */

static gboolean
is_ci (void)
{
  return g_strcmp0 (g_getenv ("CI"), "true") == 0;
}

/* The test's own HOME and XDG folders, set before anything (GLib, libecal,
 * the services) reads them: the user's calendars are never touched */
static void
isolate_folders (void)
{
  g_autoptr(GError) error = NULL;
  const char *folders[][2] = {
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };

  eds.home = g_dir_make_tmp ("kontor-eds-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", eds.home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (eds.home, folders[i][1], NULL);

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      g_setenv (folders[i][0], path, TRUE);
    }
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                               G_FILE_ATTRIBUTE_STANDARD_TYPE,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
      remove_tree (child);
    else
      g_file_delete (child, NULL, NULL);
  g_file_delete (file, NULL, NULL);
}

typedef struct
{
  gboolean  appeared;
  gboolean  exited;
  gboolean  timed_out;
} Wait;

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  ((Wait *) user_data)->appeared = TRUE;
}

static void
process_exited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  /* @user_data is a pointer to the Wait, cleared when the wait is over */
  Wait **wait = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  if (*wait != NULL)
    (*wait)->exited = TRUE;
  g_free (wait);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  ((Wait *) user_data)->timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Starts the service @binary (with @option) and waits until it owns
 * @bus_name on the test's bus, at most WAIT_SECONDS; NULL with the reason
 * in eds.unavailable when it does not. Its standard output goes to the
 * standard error, not into the TAP stream. */
static GSubprocess *
start_service (const char *binary,
               const char *option,
               const char *bus_name)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (EDS_LIBEXECDIR, binary, NULL);
  Wait wait = { FALSE, FALSE, FALSE };
  Wait **wait_ref = g_new (Wait *, 1);
  guint watch;
  guint timeout;

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      eds.unavailable = g_strdup_printf ("%s is missing (Debian package "
                                         "evolution-data-server)", path);
      g_free (wait_ref);
      return NULL;
    }

  /* EDS in another zone than the test (TZ=Europe/Berlin): what it gives
   * back must come from the TZID and the VTIMEZONE, not from its own
   * local time */
  g_subprocess_launcher_setenv (launcher, "TZ", "America/New_York", TRUE);
  g_subprocess_launcher_take_stdout_fd (launcher, dup (STDERR_FILENO));
  process = g_subprocess_launcher_spawn (launcher, &error, path, option, NULL);
  if (process == NULL)
    {
      eds.unavailable = g_strdup_printf ("%s did not start: %s", path, error->message);
      g_free (wait_ref);
      return NULL;
    }

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  *wait_ref = &wait;
  g_subprocess_wait_async (process, NULL, process_exited_cb, wait_ref);
  watch = g_bus_watch_name_on_connection (connection, bus_name, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          name_appeared_cb, NULL, &wait, NULL);
  timeout = g_timeout_add_seconds (WAIT_SECONDS, timed_out_cb, &wait);
  while (!wait.appeared && !wait.exited && !wait.timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_bus_unwatch_name (watch);
  if (!wait.timed_out)
    g_source_remove (timeout);
  /* the wait's callback may come later, when the process ends */
  *wait_ref = NULL;

  if (!wait.appeared)
    {
      eds.unavailable = g_strdup_printf ("%s %s %s", binary,
                                         wait.exited ? "ended before it owned"
                                                     : "did not own in time",
                                         bus_name);
      g_subprocess_force_exit (process);
      return NULL;
    }

  return g_steal_pointer (&process);
}

static ECalClient *
connect_client (ESource              *source,
                ECalClientSourceType  type)
{
  g_autoptr(GError) error = NULL;
  EClient *client;

  if (source == NULL)
    {
      eds.unavailable = g_strdup ("the source registry has no built-in calendar or task list");
      return NULL;
    }

  /* (guint32) -1: the client is open when this returns; no wait for the
   * backend to report being "connected", which is for remote calendars
   * (a local one never does, and 0 would wait for ever) */
  client = e_cal_client_connect_sync (source, type, (guint32) -1, NULL, &error);
  if (client == NULL)
    eds.unavailable = g_strdup_printf ("cannot open %s: %s", e_source_get_uid (source),
                                       error->message);

  return client != NULL ? E_CAL_CLIENT (client) : NULL;
}

/* The bus, the registry, the factory, the two clients; FALSE with
 * eds.unavailable set when one is not there */
static gboolean
eds_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) calendar = NULL;
  g_autoptr(ESource) task_list = NULL;
  g_autofree char *daemon = g_find_program_in_path ("dbus-daemon");

  if (daemon == NULL)
    {
      eds.unavailable = g_strdup ("dbus-daemon is missing (Debian package dbus-daemon)");
      return FALSE;
    }

  /* a bus of the test's own, with no service to activate: only the two
   * started here answer on it */
  eds.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (eds.bus);

  eds.registry_process = start_service ("evolution-source-registry", "--disable-migration",
                                        SOURCES_BUS_NAME);
  if (eds.registry_process == NULL)
    return FALSE;
  eds.factory_process = start_service ("evolution-calendar-factory", "--keep-running",
                                       CALENDAR_BUS_NAME);
  if (eds.factory_process == NULL)
    return FALSE;

  eds.registry = e_source_registry_new_sync (NULL, &error);
  if (eds.registry == NULL)
    {
      eds.unavailable = g_strdup_printf ("no source registry: %s", error->message);
      return FALSE;
    }

  calendar = e_source_registry_ref_builtin_calendar (eds.registry);
  eds.calendar = connect_client (calendar, E_CAL_CLIENT_SOURCE_TYPE_EVENTS);
  if (eds.calendar == NULL)
    return FALSE;
  g_assert_cmpstr (e_source_get_uid (calendar), ==, "system-calendar");

  task_list = e_source_registry_ref_builtin_task_list (eds.registry);
  eds.tasks = connect_client (task_list, E_CAL_CLIENT_SOURCE_TYPE_TASKS);
  if (eds.tasks == NULL)
    return FALSE;
  g_assert_cmpstr (e_source_get_uid (task_list), ==, "system-task-list");

  return TRUE;
}

/* The process ids of everything on the test's bus but the test itself:
 * the registry, the factory and the backends it started */
static GArray *
list_bus_processes (void)
{
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) names = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (guint32));
  const char *name;

  g_assert_nonnull (connection);
  names = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (names);
  g_variant_get (names, "(as)", &iter);
  while (g_variant_iter_next (iter, "&s", &name))
    {
      g_autoptr(GVariant) reply = NULL;
      guint32 pid;

      if (name[0] != ':' || g_strcmp0 (name, g_dbus_connection_get_unique_name (connection)) == 0)
        continue;
      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "GetConnectionUnixProcessID",
                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (reply == NULL)
        continue;   /* gone in between */
      g_variant_get (reply, "(u)", &pid);
      if (pid != (guint32) getpid ())
        g_array_append_val (pids, pid);
    }

  return pids;
}

/* Not running: no such process, or one that has ended and waits for its
 * parent to collect it (a zombie, state Z in /proc/PID/stat) */
static gboolean
process_ended (guint32 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u/stat", pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  /* "PID (name) S ...": the name may hold spaces and parentheses */
  state = strrchr (stat, ')');

  return state != NULL && g_str_has_prefix (state, ") Z");
}

static gboolean
processes_ended (GArray *pids)
{
  for (guint i = 0; i < pids->len; i++)
    if (!process_ended (g_array_index (pids, guint32, i)))
      return FALSE;

  return TRUE;
}

static gboolean
process_listed (GArray      *pids,
                GSubprocess *process)
{
  guint32 pid = (guint32) g_ascii_strtoull (g_subprocess_get_identifier (process), NULL, 10);

  for (guint i = 0; i < pids->len; i++)
    if (g_array_index (pids, guint32, i) == pid)
      return TRUE;

  return FALSE;
}

static gboolean
true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* The last test: the clients let go, the services end on SIGTERM as a
 * session's end stops them, the bus goes, and within WAIT_SECONDS no
 * process that was on the bus still runs */
static void
test_services_end (void)
{
  g_autoptr(GArray) pids = NULL;
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  GSubprocess *services[] = { eds.factory_process, eds.registry_process };
  gboolean timed_out = FALSE;
  guint timeout;

  g_clear_object (&eds.calendar);
  g_clear_object (&eds.tasks);
  g_clear_object (&eds.registry);

  pids = list_bus_processes ();
  /* the registry and the factory at least (the backends may run in the
   * factory or in processes of their own) */
  g_assert_true (process_listed (pids, eds.registry_process));
  g_assert_true (process_listed (pids, eds.factory_process));

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    g_subprocess_send_signal (services[i], SIGTERM);

  /* then the bus; the test's own connection must not end the test */
  g_dbus_connection_set_exit_on_close (connection, FALSE);
  g_test_dbus_stop (eds.bus);
  eds.bus_stopped = TRUE;

  timeout = g_timeout_add_seconds (WAIT_SECONDS, true_cb, &timed_out);
  while (!timed_out &&
         (!processes_ended (pids) ||
          g_subprocess_get_identifier (eds.factory_process) != NULL ||
          g_subprocess_get_identifier (eds.registry_process) != NULL))
    {
      /* GSubprocess collects its own children; the others are looked
       * at again every 50 ms until the deadline */
      gboolean tick = FALSE;
      guint tick_id = g_timeout_add (50, true_cb, &tick);

      while (!tick && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (!tick)
        g_source_remove (tick_id);
    }
  if (!timed_out)
    g_source_remove (timeout);

  for (guint i = 0; i < pids->len; i++)
    {
      guint32 pid = g_array_index (pids, guint32, i);

      if (!process_ended (pid))
        {
          kill ((pid_t) pid, SIGKILL);
          g_test_message ("process %u was still running", pid);
          g_test_fail ();
        }
    }
  g_assert_false (timed_out);
}

static void
eds_down (void)
{
  g_autoptr(GFile) home = NULL;

  g_clear_object (&eds.calendar);
  g_clear_object (&eds.tasks);
  g_clear_object (&eds.registry);
  /* what test_services_end() did not reach, after a failure */
  if (eds.factory_process != NULL)
    g_subprocess_force_exit (eds.factory_process);
  if (eds.registry_process != NULL)
    g_subprocess_force_exit (eds.registry_process);
  g_clear_object (&eds.factory_process);
  g_clear_object (&eds.registry_process);
  if (eds.bus != NULL && !eds.bus_stopped)
    {
      g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

      if (connection != NULL)
        g_dbus_connection_set_exit_on_close (connection, FALSE);
      g_test_dbus_stop (eds.bus);
    }
  /* Not unreffed: GTestDBus's finalize waits for the session connection
   * to be finalized (g_test_dbus_down()), and libecal's threads keep a
   * reference to it until the process ends. The daemon is stopped. */
  eds.bus = NULL;

  home = g_file_new_for_path (eds.home);
  remove_tree (home);
  g_clear_pointer (&eds.home, g_free);
  g_clear_pointer (&eds.unavailable, g_free);
}

/* ------------------------------------------------------------------------ */
/* Kontor's export */

static KontorActivity *
new_activity (KontorActivityKind  kind,
              const char         *id,
              const char         *subject)
{
  KontorActivity *activity = kontor_activity_new (kind, NULL);

  kontor_record_set_id (KONTOR_RECORD (activity), id);
  kontor_record_set_created_at (KONTOR_RECORD (activity), CREATED);
  kontor_record_set_updated_at (KONTOR_RECORD (activity), UPDATED);
  kontor_activity_set_company_id (activity, COMPANY_ID);
  kontor_activity_set_topic (activity, KONTOR_ACTIVITY_TOPIC_NEGOTIATION);
  kontor_activity_set_subject (activity, subject);

  return activity;
}

/* kontor_ical_export() of @activity, parsed by libical as EDS parses an
 * imported file */
static ICalComponent *
export (KontorActivity *activity)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  ICalComponent *calendar;
  guint n_exported = 0;

  g_hash_table_insert (names, (gpointer) COMPANY_ID, (gpointer) "Bäckerei Sonnenschein GmbH");
  g_ptr_array_add (activities, activity);
  text = kontor_ical_export (activities, names, &n_exported);
  g_assert_nonnull (text);
  g_assert_cmpuint (n_exported, ==, 1);

  calendar = i_cal_component_new_from_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (i_cal_component_isa (calendar), ==, I_CAL_VCALENDAR_COMPONENT);

  return calendar;
}

/* What an importing calendar does with the export: each VTIMEZONE to the
 * calendar first, then the entries; returns the UID EDS gave the one
 * entry of @kind */
static char *
import (ECalClient        *client,
        ICalComponent     *calendar,
        ICalComponentKind  kind)
{
  g_autoptr(TestComponent) entry = NULL;
  g_autoptr(GError) error = NULL;
  char *uid = NULL;

  for (ICalComponent *vtimezone = i_cal_component_get_first_component (calendar,
                                                                      I_CAL_VTIMEZONE_COMPONENT);
       vtimezone != NULL;
       g_object_unref (vtimezone),
       vtimezone = i_cal_component_get_next_component (calendar, I_CAL_VTIMEZONE_COMPONENT))
    {
      g_autoptr(TestTimezone) zone = i_cal_timezone_new ();
      g_autoptr(TestComponent) definition = i_cal_component_clone (vtimezone);

      g_assert_true (i_cal_timezone_set_component (zone, definition));
      g_assert_true (e_cal_client_add_timezone_sync (client, zone, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpint (i_cal_component_count_components (calendar, kind), ==, 1);
  entry = i_cal_component_get_first_component (calendar, kind);
  g_assert_true (e_cal_client_create_object_sync (client, entry, E_CAL_OPERATION_FLAG_NONE,
                                                  &uid, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (uid);

  return uid;
}

/* ------------------------------------------------------------------------ */
/* Tests */

/* @kind of @entry as EDS stored it: the wall clock, TZID @tzid, the zone
 * of that name from EDS (e_cal_client_get_timezone_sync(), as GNOME
 * Calendar asks for it), and the UTC second the two give. The zone's
 * rules are those of the export's VTIMEZONE, word for word (EDS knows
 * Europe/Berlin from libical too, with the same rules: so this shows
 * that the two agree, not which of them EDS took). */
static gint64
get_zoned (ICalComponent    *entry,
           ICalPropertyKind  kind,
           const char       *tzid,
           ICalComponent    *exported_vtimezone,
           char            **wall_clock)
{
  g_autofree char *exported = i_cal_component_as_ical_string (exported_vtimezone);
  g_autofree char *stored = NULL;
  g_autoptr(TestComponent) definition = NULL;
  g_autoptr(TestProperty) property = i_cal_component_get_first_property (entry, kind);
  g_autoptr(TestParameter) parameter = NULL;
  g_autoptr(TestTime) time = NULL;
  g_autoptr(GError) error = NULL;
  ICalTimezone *zone = NULL;

  g_assert_nonnull (property);
  parameter = i_cal_property_get_first_parameter (property, I_CAL_TZID_PARAMETER);
  g_assert_nonnull (parameter);
  g_assert_cmpstr (i_cal_parameter_get_tzid (parameter), ==, tzid);

  time = kind == I_CAL_DTSTART_PROPERTY ? i_cal_property_get_dtstart (property)
                                        : i_cal_property_get_dtend (property);
  g_assert_nonnull (time);
  g_assert_false (i_cal_time_is_date (time));
  g_assert_false (i_cal_time_is_utc (time));
  *wall_clock = i_cal_time_as_ical_string (time);

  /* transfer none: the client keeps it */
  g_assert_true (e_cal_client_get_timezone_sync (eds.calendar, tzid, &zone, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (zone);
  g_assert_cmpstr (i_cal_timezone_get_tzid (zone), ==, tzid);
  definition = i_cal_timezone_get_component (zone);
  g_assert_nonnull (definition);
  stored = i_cal_component_as_ical_string (definition);
  g_assert_cmpstr (stored, ==, exported);

  return i_cal_time_as_timet_with_zone (time, zone);
}

/* A meeting at @starts_at..@ends_at: in EDS at the same seconds, under
 * TZID Europe/Berlin, at the wall clock a Berliner reads */
static void
check_meeting (const char *id,
               gint64      starts_at,
               gint64      ends_at,
               const char *local_start,
               const char *local_end)
{
  g_autoptr(KontorActivity) meeting = new_activity (KONTOR_ACTIVITY_KIND_MEETING, id,
                                                    "Jahresgespräch");
  g_autoptr(TestComponent) calendar = NULL;
  g_autoptr(TestComponent) stored = NULL;
  g_autoptr(TestComponent) vtimezone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_uid = g_strconcat (id, "@kontor", NULL);
  g_autofree char *uid = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  kontor_activity_set_starts_at (meeting, starts_at);
  kontor_activity_set_ends_at (meeting, ends_at);
  kontor_activity_set_location (meeting, "Backstube, Hauptstraße 1, Köln");

  calendar = export (meeting);
  g_assert_cmpint (i_cal_component_count_components (calendar, I_CAL_VTIMEZONE_COMPONENT), ==, 1);
  uid = import (eds.calendar, calendar, I_CAL_VEVENT_COMPONENT);
  g_assert_cmpstr (uid, ==, expected_uid);

  /* read back from EDS, not from what was sent */
  g_assert_true (e_cal_client_get_object_sync (eds.calendar, uid, NULL, &stored, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (i_cal_component_isa (stored), ==, I_CAL_VEVENT_COMPONENT);
  g_assert_cmpstr (i_cal_component_get_uid (stored), ==, expected_uid);
  g_assert_cmpstr (i_cal_component_get_summary (stored), ==, "Jahresgespräch");
  g_assert_cmpstr (i_cal_component_get_location (stored), ==, "Backstube, Hauptstraße 1, Köln");

  vtimezone = i_cal_component_get_first_component (calendar, I_CAL_VTIMEZONE_COMPONENT);
  g_assert_cmpint (get_zoned (stored, I_CAL_DTSTART_PROPERTY, "Europe/Berlin", vtimezone,
                              &start), ==, kontor_activity_get_starts_at (meeting));
  g_assert_cmpint (get_zoned (stored, I_CAL_DTEND_PROPERTY, "Europe/Berlin", vtimezone,
                              &end), ==, kontor_activity_get_ends_at (meeting));
  g_assert_cmpstr (start, ==, local_start);
  g_assert_cmpstr (end, ==, local_end);
}

static void
test_meeting_winter (void)
{
  check_meeting ("meeting-winter", WINTER_START, WINTER_END,
                 "20260115T110000", "20260115T123000");
}

static void
test_meeting_summer (void)
{
  check_meeting ("meeting-summer", SUMMER_START, SUMMER_END,
                 "20260715T120000", "20260715T130000");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The calendar holds the two meetings once each, no more: what EDS lists
 * for a query of everything */
static void
test_calendar_lists_both (void)
{
  g_autoptr(GError) error = NULL;
  GSList *objects = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  g_assert_true (e_cal_client_get_object_list_sync (eds.calendar, "#t", &objects, NULL, &error));
  g_assert_no_error (error);
  for (GSList *l = objects; l != NULL; l = l->next)
    g_ptr_array_add (uids, (gpointer) i_cal_component_get_uid (l->data));
  g_ptr_array_sort (uids, compare_strings);
  g_ptr_array_add (uids, NULL);
  joined = g_strjoinv ("|", (char **) uids->pdata);
  g_assert_cmpstr (joined, ==, "meeting-summer@kontor|meeting-winter@kontor");
  g_slist_free_full (objects, g_object_unref);
}

/* A task in the built-in task list: its summary and its due date (a DATE,
 * no zone) */
static void
test_task (void)
{
  g_autoptr(KontorActivity) task = new_activity (KONTOR_ACTIVITY_KIND_TASK, "task-1",
                                                 "Angebot nachfassen, Preise; prüfen");
  g_autoptr(TestComponent) calendar = NULL;
  g_autoptr(TestComponent) stored = NULL;
  g_autoptr(TestProperty) due = NULL;
  g_autoptr(TestTime) date = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;

  kontor_activity_set_due_on (task, "2026-03-15");
  calendar = export (task);
  uid = import (eds.tasks, calendar, I_CAL_VTODO_COMPONENT);
  g_assert_cmpstr (uid, ==, "task-1@kontor");

  g_assert_true (e_cal_client_get_object_sync (eds.tasks, uid, NULL, &stored, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (i_cal_component_isa (stored), ==, I_CAL_VTODO_COMPONENT);
  g_assert_cmpstr (i_cal_component_get_summary (stored), ==,
                   kontor_activity_get_subject (task));
  g_assert_cmpint (i_cal_component_get_status (stored), ==, I_CAL_STATUS_NEEDSACTION);

  due = i_cal_component_get_first_property (stored, I_CAL_DUE_PROPERTY);
  g_assert_nonnull (due);
  date = i_cal_property_get_due (due);
  g_assert_true (i_cal_time_is_date (date));
  g_assert_cmpint (i_cal_time_get_year (date), ==, 2026);
  g_assert_cmpint (i_cal_time_get_month (date), ==, 3);
  g_assert_cmpint (i_cal_time_get_day (date), ==, 15);
}

static void
test_unavailable (void)
{
  g_test_skip (eds.unavailable);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* before anything reads the zone or the folders; Kontor exports in the
   * user's zone (kontor_ical_dup_local_tzid()) */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  isolate_folders ();
  g_test_init (&argc, &argv, NULL);

  if (eds_up ())
    {
      g_test_add_func ("/eds/meeting-winter", test_meeting_winter);
      g_test_add_func ("/eds/meeting-summer", test_meeting_summer);
      g_test_add_func ("/eds/meetings-listed-once", test_calendar_lists_both);
      g_test_add_func ("/eds/task", test_task);
      /* last: GTest runs the tests of one level ("/eds/") in the order
       * they were added, and a deeper level after them */
      g_test_add_func ("/eds/services-end", test_services_end);
    }
  else if (is_ci ())
    {
      g_print ("Bail out! %s, and CI=true cannot do without\n", eds.unavailable);
      eds_down ();
      return 1;
    }
  else
    {
      g_test_add_func ("/eds/unavailable", test_unavailable);
    }

  status = g_test_run ();
  eds_down ();

  return status;
}
