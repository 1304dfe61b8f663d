/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-eds"

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "kontor-test-eds.h"
#include "kontor-test-utils.h"

/* A real evolution-data-server for the tests of the desktop's address
 * books (src/README.md "The desktop's address books"): its own source
 * registry and address-book factory on a private session bus, with every
 * XDG folder in a folder of the test's own, and a local address book
 * "Kunden" made with libebook as GNOME Contacts makes one. Started and
 * stopped as tests/eds/test-eds-calendar.c does it, which also checks
 * that no process of EDS outlives the bus. */

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

/* The test's own HOME and XDG folders, set before anything (GLib,
 * libebook, the services) reads them: the user's address books are never
 * touched */
void
kontor_test_eds_isolate (void)
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

const char * const KONTOR_TEST_EDS_CARDS[] = {
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
  NULL
};

static void
fill_book (ESource *book)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EClient) client = NULL;
  GSList *contacts = NULL;

  client = e_book_client_connect_sync (book, (guint32) -1, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; KONTOR_TEST_EDS_CARDS[i] != NULL; i++)
    contacts = g_slist_append (contacts, e_contact_new_from_vcard (KONTOR_TEST_EDS_CARDS[i]));
  g_assert_true (e_book_client_add_contacts_sync (E_BOOK_CLIENT (client), contacts,
                                                  E_BOOK_OPERATION_FLAG_NONE, NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_slist_free_full (contacts, g_object_unref);
}

/**
 * kontor_test_eds_up:
 *
 * Starts a private session bus, EDS's source registry and address-book
 * factory on it, and makes the local book "Kunden" with CARDS. Call
 * kontor_test_eds_isolate() first, before anything reads HOME.
 *
 * Returns: %FALSE with kontor_test_eds_get_unavailable() saying why
 */
gboolean
kontor_test_eds_up (void)
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

void
kontor_test_eds_down (void)
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

ESourceRegistry *
kontor_test_eds_get_registry (void)
{
  return eds.registry;
}

ESource *
kontor_test_eds_get_book (void)
{
  return eds.book;
}

const char *
kontor_test_eds_get_unavailable (void)
{
  return eds.unavailable;
}

/* A skip, or a failure when CI=true */
void
kontor_test_eds_unavailable (void)
{
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    {
      g_test_message ("evolution-data-server is needed on CI: %s", eds.unavailable);
      g_test_fail ();
    }
  else
    g_test_skip (eds.unavailable);
}
