/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-utils"

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/**
 * kontor_test_make_tmpdir:
 *
 * Returns: (transfer full): a new empty folder; remove it with kontor_test_rmdir()
 */
char *
kontor_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kontor-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

/**
 * kontor_test_db_path:
 *
 * Returns: (transfer full): the path of a database file in a new folder
 */
char *
kontor_test_db_path (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();

  return g_build_filename (dir, "kontor.db", NULL);
}

/**
 * kontor_test_open_store:
 * @path_out: (out) (optional): the database's path
 *
 * Returns: (transfer full): a store on a new database
 */
KontorStore *
kontor_test_open_store (char **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kontor_test_db_path ();
  KontorStore *store = kontor_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);

  return store;
}

/**
 * kontor_test_rmdir:
 * @path: a folder made by kontor_test_make_tmpdir() or holding a test database
 *
 * Removes the folder and the files in it (not recursively deeper).
 */
void
kontor_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

static gboolean
purge_done (gpointer data)
{
  return !kontor_store_get_purging (KONTOR_STORE (data));
}

/**
 * kontor_test_close_store:
 * @store: (inout): the store, cleared
 * @path: (nullable): its database file; the folder holding it is removed
 *
 * Waits for a purge the store runs in the background (after a delete),
 * drops the store and removes its folder.
 */
void
kontor_test_close_store (KontorStore **store,
                         const char   *path)
{
  if (*store != NULL)
    g_assert_true (kontor_test_iterate_until (purge_done, *store, KONTOR_TEST_TIMEOUT));
  g_clear_object (store);

  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      kontor_test_rmdir (dir);
    }
}

static gboolean
on_deadline (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;

  return G_SOURCE_REMOVE;
}

/**
 * kontor_test_iterate_until:
 * @done: condition to wait for
 * @data: passed to @done
 * @timeout_seconds: the deadline
 *
 * Runs the default main context until @done returns %TRUE or the deadline
 * passes: a test never hangs until meson kills it.
 *
 * Returns: %TRUE when @done became true in time
 */
gboolean
kontor_test_iterate_until (gboolean (*done) (gpointer data),
                           gpointer   data,
                           guint      timeout_seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (timeout_seconds, on_deadline, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return !expired;
}

/**
 * kontor_test_new_second:
 *
 * Sleeps until the wall clock's next second has just begun, so that what
 * a test writes next falls in one second, as the writes of a quick
 * person may (the store stamps whole seconds).
 *
 * Returns: that second, in seconds since the epoch
 */
gint64
kontor_test_new_second (void)
{
  gint64 now = g_get_real_time ();

  g_usleep (G_USEC_PER_SEC - now % G_USEC_PER_SEC + 1000);

  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * kontor_test_wait_cancelled:
 * @cancellable: a job's cancellable
 *
 * For a store job's function, on its worker thread: blocks until the main
 * thread cancels @cancellable, so that what a test checks after a cancel
 * does not depend on whether the work finished first. Waits at most
 * %KONTOR_TEST_TIMEOUT seconds.
 *
 * Returns: %TRUE when @cancellable was cancelled in time
 */
gboolean
kontor_test_wait_cancelled (GCancellable *cancellable)
{
  GPollFD fd;

  if (!g_cancellable_make_pollfd (cancellable, &fd))
    return g_cancellable_is_cancelled (cancellable);

  g_poll (&fd, 1, KONTOR_TEST_TIMEOUT * 1000);
  g_cancellable_release_fd (cancellable);

  return g_cancellable_is_cancelled (cancellable);
}

/**
 * kontor_test_save:
 * @store: the store
 * @record: (type KontorRecord): the record to save
 *
 * Saves @record; a failure fails the test.
 */
void
kontor_test_save (KontorStore *store,
                  gpointer     record)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = kontor_store_save (store, KONTOR_RECORD (record), &error);

  /* the error first: its message says what went wrong */
  g_assert_no_error (error);
  g_assert_true (saved);
}

/**
 * kontor_test_save_contact:
 * @store: the store
 * @last_name: the contact's last name
 * @status: its status
 *
 * Saves a new contact of that name and status; a failure fails the test.
 *
 * Returns: (transfer full): the contact as saved
 */
KontorContact *
kontor_test_save_contact (KontorStore         *store,
                          const char          *last_name,
                          KontorContactStatus  status)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_set_status (contact, status);
  kontor_test_save (store, contact);

  return contact;
}

/**
 * kontor_store_fixture_set_up:
 * @fixture: the fixture
 * @data: unused
 *
 * Opens a store on a new database (kontor_test_open_store()).
 */
void
kontor_store_fixture_set_up (KontorStoreFixture *fixture,
                             gconstpointer       data)
{
  fixture->store = kontor_test_open_store (&fixture->path);
}

/**
 * kontor_store_fixture_tear_down:
 * @fixture: the fixture
 * @data: unused
 *
 * Closes the store with kontor_test_close_store(): waits for a purge in the
 * background, drops the store and removes the database's folder.
 */
void
kontor_store_fixture_tear_down (KontorStoreFixture *fixture,
                                gconstpointer       data)
{
  kontor_test_close_store (&fixture->store, fixture->path);
  g_clear_pointer (&fixture->path, g_free);
}

/* A failure fails the test, after SQLite's message; @param, when not %NULL,
 * is bound to ?1 as text. */
static sqlite3_stmt *
db_prepare (sqlite3    *db,
            const char *sql,
            const char *param)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);

  return stmt;
}

/**
 * kontor_test_db_query_int:
 * @db: a connection
 * @sql: a query giving at least one row
 * @param: (nullable): text bound to ?1
 *
 * Returns: the first column of the first row
 */
gint64
kontor_test_db_query_int (sqlite3    *db,
                          const char *sql,
                          const char *param)
{
  sqlite3_stmt *stmt = db_prepare (db, sql, param);
  gint64 value;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/**
 * kontor_test_db_exec:
 * @db: a connection
 * @sql: statements
 *
 * Runs @sql; a failure ends the test with SQLite's message.
 */
void
kontor_test_db_exec (sqlite3    *db,
                     const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/**
 * kontor_test_prepare:
 * @store: the store
 * @sql: one statement
 * @param: (nullable): text bound to ?1
 *
 * Prepares @sql on the store's connection; a failure fails the test.
 *
 * Returns: (transfer full): the statement; free it with sqlite3_finalize()
 */
sqlite3_stmt *
kontor_test_prepare (KontorStore *store,
                     const char  *sql,
                     const char  *param)
{
  return db_prepare (_kontor_store_get_db (store), sql, param);
}

/**
 * kontor_test_query_int:
 * @store: the store
 * @sql: a query giving at least one row
 * @param: (nullable): text bound to ?1
 *
 * kontor_test_db_query_int() on the store's connection.
 *
 * Returns: the first column of the first row
 */
gint64
kontor_test_query_int (KontorStore *store,
                       const char  *sql,
                       const char  *param)
{
  return kontor_test_db_query_int (_kontor_store_get_db (store), sql, param);
}

/**
 * kontor_test_exec:
 * @store: the store
 * @sql: statements
 *
 * kontor_test_db_exec() on the store's connection.
 */
void
kontor_test_exec (KontorStore *store,
                  const char  *sql)
{
  kontor_test_db_exec (_kontor_store_get_db (store), sql);
}

/**
 * kontor_test_outbox_last_seq:
 * @store: the store
 *
 * Returns: the sequence number of the newest outbox entry, 0 when empty
 */
gint64
kontor_test_outbox_last_seq (KontorStore *store)
{
  return kontor_test_query_int (store, "SELECT coalesce(max(client_seq), 0) FROM outbox", NULL);
}

static int
on_commit (void *data)
{
  guint *n_commits = data;

  (*n_commits)++;

  return 0;
}

/**
 * kontor_test_count_commits:
 * @store: the store
 * @n_commits: (out): set to 0, then counts the COMMITs
 *
 * Counts the COMMITs on the store's connection until
 * kontor_test_stop_counting_commits().
 */
void
kontor_test_count_commits (KontorStore *store,
                           guint       *n_commits)
{
  *n_commits = 0;
  sqlite3_commit_hook (_kontor_store_get_db (store), on_commit, n_commits);
}

/**
 * kontor_test_stop_counting_commits:
 * @store: the store
 *
 * Ends kontor_test_count_commits().
 */
void
kontor_test_stop_counting_commits (KontorStore *store)
{
  sqlite3_commit_hook (_kontor_store_get_db (store), NULL, NULL);
}

struct _KontorItemsRecorder
{
  GListModel *model;
  GArray     *changes;
  gulong      handler;
};

static void
on_items_changed (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  KontorItemsRecorder *recorder)
{
  KontorItemsChange change = { position, removed, added };

  g_array_append_val (recorder->changes, change);
}

KontorItemsRecorder *
kontor_items_recorder_new (GListModel *model)
{
  KontorItemsRecorder *recorder = g_new0 (KontorItemsRecorder, 1);

  recorder->model = g_object_ref (model);
  recorder->changes = g_array_new (FALSE, FALSE, sizeof (KontorItemsChange));
  recorder->handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed),
                                        recorder);

  return recorder;
}

void
kontor_items_recorder_free (KontorItemsRecorder *recorder)
{
  g_signal_handler_disconnect (recorder->model, recorder->handler);
  g_object_unref (recorder->model);
  g_array_unref (recorder->changes);
  g_free (recorder);
}

guint
kontor_items_recorder_count (KontorItemsRecorder *recorder)
{
  return recorder->changes->len;
}

const KontorItemsChange *
kontor_items_recorder_get (KontorItemsRecorder *recorder,
                           guint                index)
{
  g_assert_cmpuint (index, <, recorder->changes->len);

  return &g_array_index (recorder->changes, KontorItemsChange, index);
}

void
kontor_items_recorder_clear (KontorItemsRecorder *recorder)
{
  g_array_set_size (recorder->changes, 0);
}

/* ------------------------------------------------------------------------ */
/* A session bus and a keyring of the test's own */

struct _KontorTestSession
{
  GTestDBus   *bus;
  GSubprocess *keyring;
  char        *keyring_dir;
};

static gboolean
bus_has_owner (const char *name)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) owned = NULL;
  gboolean has = FALSE;

  if (bus == NULL)
    return FALSE;
  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &has);

  return has;
}

/**
 * kontor_test_session_start:
 * @keyring: whether the bus has a Secret Service
 *
 * Starts a session bus of the test's own (GTestDBus, no services to
 * activate) and, with @keyring, gnome-keyring's secrets component on it,
 * its login keyring made and unlocked with an empty password (a newline
 * on its standard input; RECIPES of the team: an empty input makes no
 * keyring). The keyring's files go to a folder of their own, so that a
 * test may search every other file for a secret. Without DISPLAY, so
 * that nothing waits on a prompt. A display test starts it before GTK,
 * which keeps the session bus it meets first.
 *
 * Returns: (transfer full): the session; kontor_test_session_stop () ends it
 */
KontorTestSession *
kontor_test_session_start (gboolean keyring)
{
  KontorTestSession *session = g_new0 (KontorTestSession, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime = NULL;
  GOutputStream *input;

  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  /* GTestDBus unsets DISPLAY, against autolaunching a bus; a display
   * test needs it back */
  session->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (session->bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  if (!keyring)
    return session;

  session->keyring_dir = kontor_test_make_tmpdir ();
  runtime = g_build_filename (session->keyring_dir, "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", session->keyring_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", session->keyring_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  /* G_TEST_OPTION_ISOLATE_DIRS points the others at nothing outside a test */
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", session->keyring_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", session->keyring_dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  session->keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                                  "--foreground", "--unlock",
                                                  "--components=secrets", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (session->keyring);
  g_output_stream_write_all (input, "\n", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, NULL);

  for (guint i = 0; i < 200 && !bus_has_owner ("org.freedesktop.secrets"); i++)
    g_usleep (50 * 1000);
  g_assert_true (bus_has_owner ("org.freedesktop.secrets"));

  return session;
}

/**
 * kontor_test_session_get_keyring_dir:
 * @session: a session
 *
 * Returns: (nullable): where the keyring keeps its files
 */
const char *
kontor_test_session_get_keyring_dir (KontorTestSession *session)
{
  return session->keyring_dir;
}

void
kontor_test_session_stop (KontorTestSession *session)
{
  if (session == NULL)
    return;

  if (session->keyring != NULL)
    {
      g_subprocess_force_exit (session->keyring);
      g_subprocess_wait (session->keyring, NULL, NULL);
      g_clear_object (&session->keyring);
    }
  /* libsecret and GApplication keep the bus connection to the end: stop,
   * not down, which would wait for it to go, and keep the object, whose
   * finalize would go down. The session bus's connection raises SIGTERM
   * when its bus goes (exit-on-close), which down would have turned off */
  {
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

    if (bus != NULL)
      g_dbus_connection_set_exit_on_close (bus, FALSE);
  }
  g_test_dbus_stop (session->bus);
  session->bus = NULL;
  if (session->keyring_dir != NULL)
    {
      const char *argv[] = { "rm", "-rf", session->keyring_dir, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                    NULL, NULL);
    }
  g_free (session->keyring_dir);
  g_free (session);
}
