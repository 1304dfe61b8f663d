/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-eds"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kontor-import.h"
#include "kontor-test-eds.h"
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
 * EDS is started by tests/eds/kontor-test-eds.c. Without it
 * (evolution-data-server, .ci/install-deps) or without dbus-daemon the
 * test skips, or fails when CI=true. */

#define EDS_REGISTRY (kontor_test_eds_get_registry ())
#define EDS_BOOK (kontor_test_eds_get_book ())

/* ------------------------------------------------------------------------ */

/* The books GNOME Contacts lists: the built-in "Personal" and "Kunden",
 * both "On This Computer"; found by name (case folded) and by UID */
static void
test_list (void)
{
  g_autoptr(GPtrArray) books = kontor_address_book_list (EDS_REGISTRY);
  g_autoptr(ESource) found = NULL;
  g_autoptr(ESource) by_uid = NULL;
  g_autofree char *account = NULL;
  gboolean has_personal = FALSE;
  gboolean has_kunden = FALSE;

  for (guint i = 0; i < books->len; i++)
    {
      ESource *book = g_ptr_array_index (books, i);

      has_personal |= g_strcmp0 (e_source_get_uid (book), "system-address-book") == 0;
      has_kunden |= g_strcmp0 (e_source_get_uid (book), e_source_get_uid (EDS_BOOK)) == 0;
    }
  g_assert_true (has_personal);
  g_assert_true (has_kunden);

  account = kontor_address_book_dup_account (EDS_REGISTRY, EDS_BOOK);
  g_assert_cmpstr (account, ==, "On This Computer");

  found = kontor_address_book_find (EDS_REGISTRY, "kunden");
  g_assert_nonnull (found);
  g_assert_cmpstr (e_source_get_uid (found), ==, e_source_get_uid (EDS_BOOK));
  by_uid = kontor_address_book_find (EDS_REGISTRY, e_source_get_uid (EDS_BOOK));
  g_assert_true (by_uid == found);
  g_assert_null (kontor_address_book_find (EDS_REGISTRY, "Lieferanten"));
}

static KontorImport *
plan (KontorStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorImportSource) source = kontor_address_book_source_new (EDS_BOOK);
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

/* EDS's built-in "Personal", empty here: a message naming it, checked
 * twice (the dialog's second Check reads the same source again) */
static void
test_empty (KontorStoreFixture *fixture,
            gconstpointer       data)
{
  g_autoptr(ESource) personal = kontor_address_book_find (EDS_REGISTRY, "system-address-book");
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;

  g_assert_nonnull (personal);
  source = kontor_address_book_source_new (personal);
  import = kontor_import_new (fixture->store, source);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("“%s”", e_source_get_display_name (personal));

      g_assert_false (kontor_import_plan (import, NULL, &error));
      g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY);
      g_assert_nonnull (strstr (error->message, expected));
    }
}

static KontorContact *
new_contact (const char *id,
             const char *first,
             const char *last,
             const char *phone)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_record_set_id (KONTOR_RECORD (contact), id);
  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);
  kontor_contact_set_company_name (contact, "Bäckerei Müller GmbH");
  kontor_contact_add_phone (contact, "work", phone);

  return contact;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The book's cards, "UID=FN" sorted, one a line */
static char *
dup_mirror_cards (void)
{
  g_autoptr(ESource) book = e_source_registry_ref_source (EDS_REGISTRY,
                                                         KONTOR_ADDRESS_BOOK_MIRROR_UID);
  g_autoptr(EClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GSList *contacts = NULL;
  GString *text = g_string_new (NULL);

  g_assert_nonnull (book);
  client = e_book_client_connect_sync (book, (guint32) -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (e_book_client_get_contacts_sync (E_BOOK_CLIENT (client),
                                                  "(contains \"x-evolution-any-field\" \"\")",
                                                  &contacts, NULL, &error));
  g_assert_no_error (error);
  for (GSList *l = contacts; l != NULL; l = l->next)
    g_ptr_array_add (lines, g_strdup_printf ("%s=%s|%s",
                                             (char *) e_contact_get_const (l->data, E_CONTACT_UID),
                                             (char *) e_contact_get_const (l->data,
                                                                          E_CONTACT_FULL_NAME),
                                             (char *) e_contact_get_const (l->data,
                                                                          E_CONTACT_PHONE_BUSINESS)));
  g_slist_free_full (contacts, g_object_unref);
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (lines, i));

  return g_string_free (text, FALSE);
}

static gboolean
mirror_gone (gpointer data)
{
  g_autoptr(ESource) book = e_source_registry_ref_source (EDS_REGISTRY,
                                                         KONTOR_ADDRESS_BOOK_MIRROR_UID);

  return book == NULL;
}

/* The "Kontor" book: made with the contacts, a contact edited and one
 * gone, then removed */
static void
test_mirror (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(ESource) found = NULL;

  g_ptr_array_add (contacts, new_contact ("01900000-0000-7000-8000-000000000001", "Jürgen",
                                          "Müller", "+49 221 123456"));
  g_ptr_array_add (contacts, new_contact ("01900000-0000-7000-8000-000000000002", "Anna",
                                          "Schäfer", "+49 221 654321"));
  g_assert_true (kontor_address_book_mirror (EDS_REGISTRY, contacts, NULL, &error));
  g_assert_no_error (error);
  found = kontor_address_book_find (EDS_REGISTRY, "Kontor");
  g_assert_nonnull (found);
  g_assert_cmpstr (e_source_get_uid (found), ==, KONTOR_ADDRESS_BOOK_MIRROR_UID);
  first = dup_mirror_cards ();
  g_assert_cmpstr (first, ==,
                   "01900000-0000-7000-8000-000000000001=Jürgen Müller|+49 221 123456\n"
                   "01900000-0000-7000-8000-000000000002=Anna Schäfer|+49 221 654321\n");

  /* Jürgen's number changed, Anna no longer active */
  kontor_contact_set_first_name (g_ptr_array_index (contacts, 0), "Jörg");
  g_ptr_array_remove_index (contacts, 1);
  g_assert_true (kontor_address_book_mirror (EDS_REGISTRY, contacts, NULL, &error));
  g_assert_no_error (error);
  second = dup_mirror_cards ();
  g_assert_cmpstr (second, ==,
                   "01900000-0000-7000-8000-000000000001=Jörg Müller|+49 221 123456\n");

  g_assert_true (kontor_address_book_mirror_remove (EDS_REGISTRY, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kontor_test_iterate_until (mirror_gone, NULL, KONTOR_TEST_TIMEOUT));
  /* and once more: nothing to remove is no error */
  g_assert_true (kontor_address_book_mirror_remove (EDS_REGISTRY, NULL, &error));
  g_assert_no_error (error);
}

/* `kontor import --address-book kunden`: the book found by its name case
 * folded, its two contacts stored, the nameless one reported (exit 3);
 * a book that is not there is a usage error naming it */
static void
test_cli (void)
{
  g_autofree char *folder = kontor_test_make_tmpdir ();
  g_autofree char *database = g_build_filename (folder, "kontor.db", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocess) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              g_getenv ("KONTOR_BINARY"), "import", "--address-book", "kunden",
                              "--database", database, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);
  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact WHERE "
                                             "last_name IN ('Müller', 'Schäfer')", NULL), ==, 2);
  sqlite3_close (db);

  missing = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, g_getenv ("KONTOR_BINARY"), "import", "--address-book",
                              "Lieferanten", "--database", database, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (missing, NULL, NULL, NULL, &err, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (missing), ==, 2);
  g_assert_nonnull (strstr (err, "“Lieferanten”"));
  kontor_test_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  kontor_test_eds_isolate ();

  if (kontor_test_eds_up ())
    {
      g_test_add_func ("/eds/address-book/list", test_list);
      KONTOR_STORE_TEST ("/eds/address-book/import", test_import);
      KONTOR_STORE_TEST ("/eds/address-book/unreachable", test_unreachable);
      KONTOR_STORE_TEST ("/eds/address-book/empty", test_empty);
      g_test_add_func ("/eds/address-book/mirror", test_mirror);
      g_test_add_func ("/eds/address-book/cli", test_cli);
    }
  else
    g_test_add_func ("/eds/address-book/unavailable", kontor_test_eds_unavailable);

  status = g_test_run ();
  kontor_test_eds_down ();

  return status;
}
