/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store-errors"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/* The failures the store promises to survive (src/README.md "Data model"): a
 * full disk, a database that cannot be written, a COMMIT that fails, a
 * damaged file, a database from a newer Kontor, a path that cannot be
 * opened, a database locked by another program. Each gives a
 * KONTOR_STORE_ERROR with a message that names the file, loses nothing
 * stored before, leaves nothing of the failed write, and the store works
 * on afterwards. */

/* ------------------------------------------------------------------------ */
/* Fixture and helpers */

typedef KontorStoreFixture Fixture;

#define TEST(path, func) KONTOR_STORE_TEST (path, func)

/* What the database holds, to compare before and after a failed write */
typedef struct
{
  gint64 contacts;
  gint64 companies;
  gint64 channels;
  gint64 outbox;
  gint64 last_seq;
  gint64 search_rows;
  gint64 tombstones;
} Counts;

static void
get_counts (KontorStore *store,
            Counts      *counts)
{
  counts->contacts = kontor_test_query_int (store, "SELECT count(*) FROM contact", NULL);
  counts->companies = kontor_test_query_int (store, "SELECT count(*) FROM company", NULL);
  counts->channels = kontor_test_query_int (store, "SELECT count(*) FROM contact_channel", NULL);
  counts->outbox = kontor_test_query_int (store, "SELECT count(*) FROM outbox", NULL);
  counts->last_seq = kontor_test_outbox_last_seq (store);
  counts->search_rows = kontor_test_query_int (store, "SELECT count(*) FROM contact_search", NULL);
  counts->tombstones = kontor_test_query_int (store, "SELECT count(*) FROM tombstone", NULL);
}

static void
assert_counts_unchanged (KontorStore  *store,
                         const Counts *before)
{
  Counts after;

  get_counts (store, &after);
  g_assert_cmpint (after.contacts, ==, before->contacts);
  g_assert_cmpint (after.companies, ==, before->companies);
  g_assert_cmpint (after.channels, ==, before->channels);
  g_assert_cmpint (after.outbox, ==, before->outbox);
  g_assert_cmpint (after.last_seq, ==, before->last_seq);
  g_assert_cmpint (after.search_rows, ==, before->search_rows);
  g_assert_cmpint (after.tombstones, ==, before->tombstones);
}

static KontorContact *
save_new_contact (KontorStore *store,
                  const char  *last_name)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, "Anna");
  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_add_email (contact, "work", "anna@example.de");
  kontor_test_save (store, contact);

  return contact;
}

/* The contact saved before the failure is all there */
static void
assert_contact_intact (KontorStore   *store,
                       KontorContact *contact)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) loaded = kontor_store_load (store, KONTOR_TYPE_CONTACT, id, &error);
  g_autoptr(GArray) diff = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  diff = kontor_record_diff (KONTOR_RECORD (contact), KONTOR_RECORD (loaded));
  g_assert_cmpuint (diff->len, ==, 0);
}

static KontorContact *
make_contact_with_long_note (const char *last_name)
{
  KontorContact *contact = kontor_contact_new ();
  GString *note = g_string_new (NULL);

  /* far more than the free space of the pages there are */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (note, "Notiz %u über Besuche. ", i);

  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_add_phone (contact, "work", "030 1234567");
  kontor_contact_set_notes (contact, note->str);
  g_string_free (note, TRUE);

  return contact;
}

static void
assert_store_error (const GError *error,
                    int           code,
                    const char   *path)
{
  g_assert_error (error, KONTOR_STORE_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  if (path != NULL && strstr (error->message, path) == NULL)
    g_test_fail_printf ("the message “%s” does not name “%s”", error->message, path);
}

/* Records "changed" emissions */
static void
on_changed_cb (KontorStore *store,
               const char  *entity,
               GArray      *rowids,
               guint       *n_changed)
{
  (*n_changed)++;
}

/* ------------------------------------------------------------------------ */
/* Full disk */

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) before = save_new_contact (store, "Vorher");
  g_autoptr(KontorContact) big = make_contact_with_long_note ("Riesig");
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  guint n_changed = 0;
  Counts counts;

  get_counts (store, &counts);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &n_changed);

  /* the database may not grow any more */
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           kontor_test_query_int (store, "PRAGMA page_count", NULL));
  kontor_test_exec (store, limit);

  g_assert_false (kontor_store_save (store, KONTOR_RECORD (big), &error));
  assert_store_error (error, KONTOR_STORE_ERROR_FULL, fixture->path);
  g_clear_error (&error);

  /* nothing lost, nothing half written, nobody told of a change */
  assert_contact_intact (store, before);
  assert_counts_unchanged (store, &counts);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact WHERE last_name = 'Riesig'",
                                          NULL), ==, 0);
  g_assert_cmpuint (n_changed, ==, 0);

  /* an edit of the contact stored before fails the same way */
  kontor_contact_set_notes (before, kontor_contact_get_notes (big));
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (before), &error));
  assert_store_error (error, KONTOR_STORE_ERROR_FULL, fixture->path);
  g_clear_error (&error);
  kontor_contact_set_notes (before, NULL);
  assert_contact_intact (store, before);
  assert_counts_unchanged (store, &counts);

  /* space again: the same save works */
  kontor_test_exec (store, "PRAGMA max_page_count = 1073741823");
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (big), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact", NULL), ==,
                   counts.contacts + 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact_search", NULL), ==,
                   counts.search_rows + 1);
  g_assert_cmpuint (n_changed, ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Read-only */

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) before = save_new_contact (store, "Vorher");
  g_autoptr(KontorContact) other = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  Counts counts;

  get_counts (store, &counts);
  kontor_test_exec (store, "PRAGMA query_only = 1");

  kontor_contact_set_last_name (other, "Neu");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (other), &error));
  assert_store_error (error, KONTOR_STORE_ERROR_READ_ONLY, fixture->path);
  g_clear_error (&error);

  kontor_contact_set_city (before, "Bonn");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (before), &error));
  assert_store_error (error, KONTOR_STORE_ERROR_READ_ONLY, fixture->path);
  g_clear_error (&error);

  g_assert_false (kontor_store_delete (store, KONTOR_RECORD (before), &error));
  assert_store_error (error, KONTOR_STORE_ERROR_READ_ONLY, fixture->path);
  g_clear_error (&error);

  /* reading still works, and nothing was lost */
  kontor_contact_set_city (before, NULL);
  assert_contact_intact (store, before);
  assert_counts_unchanged (store, &counts);

  kontor_test_exec (store, "PRAGMA query_only = 0");
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (other), &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* COMMIT fails */

static void
test_commit_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) before = save_new_contact (store, "Vorher");
  g_autoptr(KontorContact) orphan = kontor_contact_new ();
  g_autoptr(KontorContact) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;
  Counts counts;

  get_counts (store, &counts);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &n_changed);

  /* The foreign key is checked at COMMIT only: every statement of the
   * save succeeds, then COMMIT fails. */
  kontor_test_exec (store, "PRAGMA defer_foreign_keys = ON");
  kontor_contact_set_last_name (orphan, "Waise");
  kontor_contact_set_company_id (orphan, "0190a1b2-c3d4-7e5f-a012-000000000000");
  kontor_contact_add_email (orphan, NULL, "waise@example.de");

  g_assert_false (kontor_store_save (store, KONTOR_RECORD (orphan), &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == KONTOR_STORE_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* rolled back: no row, no child row, no search document, no outbox entry */
  g_assert_true (sqlite3_get_autocommit (_kontor_store_get_db (store)));
  assert_counts_unchanged (store, &counts);
  assert_contact_intact (store, before);
  g_assert_cmpuint (n_changed, ==, 0);

  /* and usable: the same contact without the broken link is stored */
  kontor_contact_set_company_id (orphan, NULL);
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (orphan), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  after = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                             kontor_record_get_id (KONTOR_RECORD (orphan)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_contact_get_primary_email (after), ==, "waise@example.de");
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact", NULL), ==,
                   counts.contacts + 1);
}

static void
test_constraint_error (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) orphan = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  Counts counts;

  get_counts (store, &counts);

  /* without deferring, the insert itself breaks the foreign key */
  kontor_contact_set_last_name (orphan, "Waise");
  kontor_contact_set_assigned_team_id (orphan, "0190a1b2-c3d4-7e5f-a012-000000000000");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (orphan), &error));
  assert_store_error (error, KONTOR_STORE_ERROR_CONSTRAINT, NULL);
  assert_counts_unchanged (store, &counts);
}

/* ------------------------------------------------------------------------ */
/* Opening */

static void
test_open_corrupt (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kaputt.db", NULL);
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; i < 512; i++)
    g_string_append (garbage, "Dies ist keine Datenbank. ");
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, &error));

  store = kontor_store_open (path, &error);
  g_assert_null (store);
  assert_store_error (error, KONTOR_STORE_ERROR_CORRUPT, path);

  /* the file is left as it was */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, garbage->str, garbage->len);

  kontor_test_rmdir (dir);
}

static void
test_open_truncated_database (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "halb.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* a real database cut short, as a broken copy leaves it */
  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  /* keep the header, lose the rest, and no WAL to repair it from */
  memset (contents + 100, 0x5a, length - 100);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = kontor_store_open (path, &error);
  g_assert_null (store);
  assert_store_error (error, KONTOR_STORE_ERROR_CORRUPT, path);

  kontor_test_rmdir (dir);
}

static void
test_open_other_programs_database (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fremd.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = NULL;
  sqlite3 *db = NULL;

  /* another program's SQLite file: schema version 0, but tables */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE rezepte (name TEXT);"
                                     "INSERT INTO rezepte VALUES ('Käsespätzle');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kontor_store_open (path, &error);
  g_assert_null (store);
  assert_store_error (error, KONTOR_STORE_ERROR_CORRUPT, path);

  /* and it was left as it was: no Kontor table added */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM sqlite_master", NULL),
                   ==, 1);
  sqlite3_close (db);

  kontor_test_rmdir (dir);
}

static void
test_open_too_new (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "neu.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = NULL;
  sqlite3 *db = NULL;

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  store = kontor_store_open (path, &error);
  g_assert_null (store);
  assert_store_error (error, KONTOR_STORE_ERROR_TOO_NEW, path);

  /* not touched */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (kontor_test_db_query_int (db, "PRAGMA user_version", NULL), ==, 99);
  sqlite3_close (db);

  kontor_test_rmdir (dir);
}

static void
test_open_directory (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ordner.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  store = kontor_store_open (path, &error);
  g_assert_null (store);
  assert_store_error (error, KONTOR_STORE_ERROR_CANT_OPEN, path);

  g_rmdir (path);
  kontor_test_rmdir (dir);
}

static void
test_open_below_file (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "datei.txt", NULL);
  g_autofree char *path = g_build_filename (file, "kontor", "kontor.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = NULL;

  g_assert_true (g_file_set_contents (file, "kein Ordner", -1, NULL));

  store = kontor_store_open (path, &error);
  g_assert_null (store);
  /* the folder that cannot be made is the one to name */
  assert_store_error (error, KONTOR_STORE_ERROR_CANT_OPEN, file);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  kontor_test_rmdir (dir);
}

static void
test_open_unwritable_folder (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *locked = g_build_filename (dir, "gesperrt", NULL);
  g_autofree char *path = g_build_filename (locked, "kontor.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = NULL;

  /* Root may write into any folder, so there (CI runs as root) a file
   * stands where the folder should be: no one can create the database
   * below it either. */
  if (geteuid () == 0)
    g_assert_true (g_file_set_contents (locked, "", 0, NULL));
  else
    g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);

  store = kontor_store_open (path, &error);
  g_assert_null (store);
  /* the message names what stands in the way */
  assert_store_error (error, KONTOR_STORE_ERROR_CANT_OPEN, geteuid () == 0 ? locked : path);

  g_chmod (locked, 0700);
  g_remove (locked);
  kontor_test_rmdir (dir);
}

/* ------------------------------------------------------------------------ */
/* Busy */

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;
  Counts counts;

  get_counts (store, &counts);

  /* another program holds the write lock; do not wait for it */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  kontor_test_exec (store, "PRAGMA busy_timeout = 0");

  kontor_contact_set_last_name (contact, "Wartend");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  assert_store_error (error, KONTOR_STORE_ERROR_BUSY, fixture->path);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  assert_counts_unchanged (store, &counts);

  g_assert_true (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* Error mapping */

static void
test_error_mapping (Fixture       *fixture,
                    gconstpointer  data)
{
  const struct {
    int rc;
    int code;
    gboolean names_path;
  } cases[] = {
    { SQLITE_FULL, KONTOR_STORE_ERROR_FULL, TRUE },
    { SQLITE_READONLY, KONTOR_STORE_ERROR_READ_ONLY, TRUE },
    { SQLITE_READONLY_DBMOVED, KONTOR_STORE_ERROR_READ_ONLY, TRUE },
    { SQLITE_BUSY, KONTOR_STORE_ERROR_BUSY, TRUE },
    { SQLITE_LOCKED, KONTOR_STORE_ERROR_BUSY, TRUE },
    { SQLITE_CORRUPT, KONTOR_STORE_ERROR_CORRUPT, TRUE },
    { SQLITE_NOTADB, KONTOR_STORE_ERROR_CORRUPT, TRUE },
    { SQLITE_CANTOPEN, KONTOR_STORE_ERROR_CANT_OPEN, TRUE },
    { SQLITE_PERM, KONTOR_STORE_ERROR_CANT_OPEN, TRUE },
    { SQLITE_IOERR, KONTOR_STORE_ERROR_IO, TRUE },
    { SQLITE_IOERR_WRITE, KONTOR_STORE_ERROR_IO, TRUE },
    { SQLITE_CONSTRAINT, KONTOR_STORE_ERROR_CONSTRAINT, FALSE },
    { SQLITE_CONSTRAINT_UNIQUE, KONTOR_STORE_ERROR_CONSTRAINT, FALSE },
    { SQLITE_ERROR, KONTOR_STORE_ERROR_FAILED, FALSE },
    { SQLITE_MISUSE, KONTOR_STORE_ERROR_FAILED, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      _kontor_store_set_error (fixture->store, cases[i].rc, &error);
      assert_store_error (error, cases[i].code, cases[i].names_path ? fixture->path : NULL);
    }
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  TEST ("/store-errors/full-disk-loses-nothing", test_full_disk);
  TEST ("/store-errors/read-only-loses-nothing", test_read_only);
  TEST ("/store-errors/commit-fails-rolls-back", test_commit_fails);
  TEST ("/store-errors/constraint", test_constraint_error);
  TEST ("/store-errors/busy", test_busy);
  TEST ("/store-errors/mapping", test_error_mapping);
  g_test_add_func ("/store-errors/open/corrupt-file", test_open_corrupt);
  g_test_add_func ("/store-errors/open/truncated-database", test_open_truncated_database);
  g_test_add_func ("/store-errors/open/other-programs-database", test_open_other_programs_database);
  g_test_add_func ("/store-errors/open/too-new", test_open_too_new);
  g_test_add_func ("/store-errors/open/directory", test_open_directory);
  g_test_add_func ("/store-errors/open/below-a-file", test_open_below_file);
  g_test_add_func ("/store-errors/open/unwritable-folder", test_open_unwritable_folder);

  return g_test_run ();
}
