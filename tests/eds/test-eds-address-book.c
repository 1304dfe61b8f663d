/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-eds"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kontor-address-book.h"
#include "kontor-import.h"
#include "kontor-test-utils.h"

/* The import from the desktop's address books (src/io/kontor-address-book.c)
 * against a real evolution-data-server, the store of GNOME Contacts and
 * Evolution: the test starts EDS's own source registry and address-book
 * factory on a private session bus, with every XDG folder in a folder of
 * its own, makes a local address book "Kunden" with libebook as GNOME
 * Contacts would, puts three contacts into it (umlauts, two phones and two
 * e-mail addresses, one with no name), and imports it through the same
 * plan, duplicates and undo as a vCard file.
 *
 * Without EDS (libebook1.2-dev and evolution-data-server, .ci/install-deps)
 * or without dbus-daemon the test skips, or fails when CI=true. Starting
 * and stopping EDS is done as tests/eds/test-eds-calendar.c does it, which
 * also checks that no process of it outlives the bus. */

#ifndef EDS_LIBEXECDIR
#error "EDS_LIBEXECDIR is not defined"
#endif

#define SOURCES_BUS_NAME      "org.gnome.evolution.dataserver.Sources5"
#define ADDRESS_BOOK_BUS_NAME "org.gnome.evolution.dataserver.AddressBook10"

/* a bound for each wait: a loaded CI machine may take some seconds */
#define WAIT_SECONDS 60

typedef struct
{
  char             *home;
  GTestDBus        *bus;
  GSubprocess      *registry_process;
  GSubprocess      *factory_process;
  ESourceRegistry  *registry;
  ESource          *book;          /* "Kunden" */
  char             *unavailable;
} Eds;

static Eds eds;

static gboolean
is_ci (void)
{
  return g_strcmp0 (g_getenv ("CI"), "true") == 0;
}

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

typedef struct
{
  gboolean  appeared;
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

static gboolean
timed_out_cb (gpointer user_data)
{
  ((Wait *) user_data)->timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Starts @binary and waits until it owns @bus_name, at most WAIT_SECONDS */
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
  Wait wait = { FALSE, FALSE };
  guint watch;
  guint timeout;

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      eds.unavailable = g_strdup_printf ("%s is missing (Debian package "
                                         "evolution-data-server)", path);
      return NULL;
    }

  g_subprocess_launcher_take_stdout_fd (launcher, dup (STDERR_FILENO));
  process = g_subprocess_launcher_spawn (launcher, &error, path, option, NULL);
  if (process == NULL)
    {
      eds.unavailable = g_strdup_printf ("%s did not start: %s", path, error->message);
      return NULL;
    }

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (connection, bus_name, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          name_appeared_cb, NULL, &wait, NULL);
  timeout = g_timeout_add_seconds (WAIT_SECONDS, timed_out_cb, &wait);
  while (!wait.appeared && !wait.timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_bus_unwatch_name (watch);
  if (!wait.timed_out)
    g_source_remove (timeout);

  if (!wait.appeared)
    {
      eds.unavailable = g_strdup_printf ("%s did not own %s in time", binary, bus_name);
      g_subprocess_force_exit (process);
      return NULL;
    }

  return g_steal_pointer (&process);
}

/* A local address book named @name, made as GNOME Contacts makes one:
 * an ESource under "On This Computer" with the local backend */
static ESource *
create_local_book (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) source = e_source_new (NULL, NULL, &error);
  GList *sources;
  ESourceAddressBook *extension;

  g_assert_no_error (error);
  e_source_set_display_name (source, name);
  e_source_set_parent (source, "local-stub");
  extension = e_source_get_extension (source, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  e_source_backend_set_backend_name (E_SOURCE_BACKEND (extension), "local");
  sources = g_list_prepend (NULL, source);
  /* returns when the registry lists the new source */
  g_assert_true (e_source_registry_create_sources_sync (eds.registry, sources, NULL, &error));
  g_assert_no_error (error);
  g_list_free (sources);

  return e_source_registry_ref_source (eds.registry, e_source_get_uid (source));
}

static const char * const CARDS[] = {
  "BEGIN:VCARD\r\nVERSION:3.0\r\n"
  "N:Müller;Jürgen;;Dr.;\r\nFN:Dr. Jürgen Müller\r\n"
  "ORG:Bäckerei Müller GmbH;\r\nTITLE:Geschäftsführer\r\n"
  "TEL;TYPE=WORK,VOICE:+49 221 123456\r\nTEL;TYPE=CELL:+49 170 9876543\r\n"
  "EMAIL;TYPE=WORK:juergen@baeckerei-mueller.de\r\nEMAIL;TYPE=HOME:jm@example.org\r\n"
  "ADR;TYPE=WORK:;;Hauptstraße 5;Köln;;50667;Deutschland\r\n"
  "END:VCARD",
  "BEGIN:VCARD\r\nVERSION:3.0\r\n"
  "N:Schäfer;Anna;;;\r\nFN:Anna Schäfer\r\n"
  "EMAIL:anna.schaefer@example.com\r\n"
  "END:VCARD",
  /* a card with nothing Kontor can name a contact by */
  "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nur eine Notiz\r\nEND:VCARD",
};

static void
fill_book (ESource *book)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EClient) client = NULL;
  GSList *contacts = NULL;

  client = e_book_client_connect_sync (book, (guint32) -1, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (CARDS); i++)
    contacts = g_slist_append (contacts, e_contact_new_from_vcard (CARDS[i]));
  g_assert_true (e_book_client_add_contacts_sync (E_BOOK_CLIENT (client), contacts,
                                                  E_BOOK_OPERATION_FLAG_NONE, NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_slist_free_full (contacts, g_object_unref);
}

static gboolean
eds_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *daemon = g_find_program_in_path ("dbus-daemon");

  if (daemon == NULL)
    {
      eds.unavailable = g_strdup ("dbus-daemon is missing (Debian package dbus-daemon)");
      return FALSE;
    }

  eds.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (eds.bus);

  eds.registry_process = start_service ("evolution-source-registry", "--disable-migration",
                                        SOURCES_BUS_NAME);
  if (eds.registry_process == NULL)
    return FALSE;
  eds.factory_process = start_service ("evolution-addressbook-factory", "--keep-running",
                                       ADDRESS_BOOK_BUS_NAME);
  if (eds.factory_process == NULL)
    return FALSE;

  eds.registry = e_source_registry_new_sync (NULL, &error);
  if (eds.registry == NULL)
    {
      eds.unavailable = g_strdup_printf ("no source registry: %s", error->message);
      return FALSE;
    }

  eds.book = create_local_book ("Kunden");
  g_assert_nonnull (eds.book);
  fill_book (eds.book);

  return TRUE;
}

static void
eds_down (void)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autofree char *rm = NULL;

  g_clear_object (&eds.book);
  g_clear_object (&eds.registry);
  if (eds.factory_process != NULL)
    g_subprocess_force_exit (eds.factory_process);
  if (eds.registry_process != NULL)
    g_subprocess_force_exit (eds.registry_process);
  g_clear_object (&eds.factory_process);
  g_clear_object (&eds.registry_process);
  if (eds.bus != NULL)
    {
      connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
      if (connection != NULL)
        g_dbus_connection_set_exit_on_close (connection, FALSE);
      g_test_dbus_stop (eds.bus);
    }
  /* not unreffed: libebook's threads keep the session connection until
   * the process ends (tests/eds/test-eds-calendar.c) */
  eds.bus = NULL;
  kontor_test_rmdir (eds.home);
  g_clear_pointer (&eds.home, g_free);
  g_clear_pointer (&eds.unavailable, g_free);
}

/* ------------------------------------------------------------------------ */

/* The books GNOME Contacts lists: the built-in "Personal" and "Kunden",
 * both "On This Computer"; found by name (case folded) and by UID */
static void
test_list (void)
{
  g_autoptr(GPtrArray) books = kontor_address_book_list (eds.registry);
  g_autoptr(ESource) found = NULL;
  g_autoptr(ESource) by_uid = NULL;
  g_autofree char *account = NULL;
  gboolean has_personal = FALSE;
  gboolean has_kunden = FALSE;

  for (guint i = 0; i < books->len; i++)
    {
      ESource *book = g_ptr_array_index (books, i);

      has_personal |= g_strcmp0 (e_source_get_uid (book), "system-address-book") == 0;
      has_kunden |= g_strcmp0 (e_source_get_uid (book), e_source_get_uid (eds.book)) == 0;
    }
  g_assert_true (has_personal);
  g_assert_true (has_kunden);

  account = kontor_address_book_dup_account (eds.registry, eds.book);
  g_assert_cmpstr (account, ==, "On This Computer");

  found = kontor_address_book_find (eds.registry, "kunden");
  g_assert_nonnull (found);
  g_assert_cmpstr (e_source_get_uid (found), ==, e_source_get_uid (eds.book));
  by_uid = kontor_address_book_find (eds.registry, e_source_get_uid (eds.book));
  g_assert_true (by_uid == found);
  g_assert_null (kontor_address_book_find (eds.registry, "Lieferanten"));
}

static KontorImport *
plan (KontorStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorImportSource) source = kontor_address_book_source_new (eds.book);
  KontorImport *import = kontor_import_new (store, source);

  g_assert_cmpstr (kontor_import_source_get_display_name (source), ==, "Kunden");
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);

  return import;
}

static char *
id_where (KontorStore *store,
          const char  *sql,
          const char  *param)
{
  sqlite3_stmt *stmt = kontor_test_prepare (store, sql, param);
  char *id;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return id;
}

/* Import "Kunden": two contacts with every field the vCard mapping reads,
 * the nameless card listed as a failure; again: both duplicates; undo:
 * nothing left */
static void
test_import (KontorStoreFixture *fixture,
             gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorImport) import = plan (store);
  g_autoptr(KontorImport) again = NULL;
  g_autoptr(KontorImportFailure) failure = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorContact) juergen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GPtrArray *phones;
  GPtrArray *emails;

  g_assert_cmpuint (kontor_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 1);
  failure = g_list_model_get_item (kontor_import_get_failures (import), 0);
  g_assert_nonnull (strstr (kontor_import_failure_get_reason (failure), "Kunden"));

  operation = kontor_import_run (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (operation);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 2);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact", NULL), ==, 2);

  id = id_where (store, "SELECT id FROM contact WHERE last_name = ?1", "Müller");
  juergen = kontor_store_load (store, KONTOR_TYPE_CONTACT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_contact_get_first_name (juergen), ==, "Jürgen");
  g_assert_cmpstr (kontor_contact_get_title (juergen), ==, "Dr.");
  g_assert_cmpstr (kontor_contact_get_job_title (juergen), ==, "Geschäftsführer");
  g_assert_cmpstr (kontor_contact_get_street (juergen), ==, "Hauptstraße 5");
  g_assert_cmpstr (kontor_contact_get_city (juergen), ==, "Köln");
  phones = kontor_contact_get_phones (juergen);
  emails = kontor_contact_get_emails (juergen);
  g_assert_cmpuint (phones->len, ==, 2);
  g_assert_cmpuint (emails->len, ==, 2);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact_channel "
                                          "WHERE value = ?1", "+49 170 9876543"), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact_channel "
                                          "WHERE value = ?1", "jm@example.org"), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM company WHERE name = ?1",
                                          "Bäckerei Müller GmbH"), ==, 1);

  /* the same book again: both found as duplicates, skipped by default */
  again = plan (store);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (again)), ==, 2);

  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact", NULL), ==, 0);
}

/* A book EDS cannot open: a clear message naming it, nothing stored */
static void
test_unreachable (KontorStoreFixture *fixture,
                  gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) ghost = e_source_new_with_uid ("kontor-test-no-such-book", NULL, &error);
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;
  ESourceAddressBook *extension;

  g_assert_no_error (error);
  e_source_set_display_name (ghost, "Verschwunden");
  extension = e_source_get_extension (ghost, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  e_source_backend_set_backend_name (E_SOURCE_BACKEND (extension), "local");
  source = kontor_address_book_source_new (ghost);
  import = kontor_import_new (fixture->store, source);
  g_assert_false (kontor_import_plan (import, NULL, &error));
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "“Verschwunden”"));
  g_assert_cmpint (kontor_test_query_int (fixture->store, "SELECT count(*) FROM contact", NULL),
                   ==, 0);
}

static void
test_unavailable (void)
{
  if (is_ci ())
    {
      g_test_message ("evolution-data-server is needed on CI: %s", eds.unavailable);
      g_test_fail ();
    }
  else
    g_test_skip (eds.unavailable);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  isolate_folders ();

  if (eds_up ())
    {
      g_test_add_func ("/eds/address-book/list", test_list);
      KONTOR_STORE_TEST ("/eds/address-book/import", test_import);
      KONTOR_STORE_TEST ("/eds/address-book/unreachable", test_unreachable);
    }
  else
    g_test_add_func ("/eds/address-book/unavailable", test_unavailable);

  status = g_test_run ();
  eds_down ();

  return status;
}
