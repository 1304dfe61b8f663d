/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store-sync"

#include "config.h"

#include "kontor-contact.h"
#include "kontor-record-json.h"
#include "kontor-store-job.h"
#include "kontor-store-sync.h"
#include "kontor-test-utils.h"

/* Pages of the team server applied by the store (src/store/kontor-store-sync.c,
 * apply_page ()): a page is one transaction; its changes go in at once,
 * and when one cannot be held here (a customer number another machine
 * gave too, which this store keeps unique), the page is applied again
 * change by change, that one set aside as rejected and the others kept.
 * A full disk is the machine's fault, not a change's: the page fails,
 * nothing is set aside and the cursor stays. Inside a store job (a first
 * sync on the worker) pages are savepoints of the job's one transaction:
 * the main thread sees all of them at its commit, or nothing. */

/* @text's JSON array */
static JsonArray *
parse_array (const char *text)
{
  g_autoptr(JsonNode) node = kontor_json_parse (text);

  g_assert_nonnull (node);

  return json_array_ref (json_node_get_array (node));
}

/* A pull page creating three contacts with these customer numbers */
static JsonArray *
new_pull_page (const char *first,
               const char *second,
               const char *third)
{
  const char *numbers[] = { first, second, third };
  g_autoptr(GString) text = g_string_new ("[");

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    g_string_append_printf (text, "%s{\"seq\":%u,\"entity\":\"contact\",\"id\":\"c%u\","
                            "\"op\":\"upsert\",\"fields\":{\"last_name\":{\"value\":"
                            "\"Name %u\",\"rev\":%u},\"customer_number\":{\"value\":\"%s\","
                            "\"rev\":%u}}}", i > 0 ? "," : "", 10 + i, i, i, 10 + i,
                            numbers[i], 10 + i);
  g_string_append_c (text, ']');

  return parse_array (text->str);
}

/* The same three contacts as a snapshot page */
static JsonArray *
new_snapshot_page (const char *first,
                   const char *second,
                   const char *third)
{
  const char *numbers[] = { first, second, third };
  g_autoptr(GString) text = g_string_new ("[");

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    g_string_append_printf (text, "%s{\"id\":\"s%u\",\"rev\":%u,\"deleted\":false,"
                            "\"values\":{\"last_name\":\"Name %u\",\"customer_number\":\"%s\"},"
                            "\"revs\":{\"last_name\":%u,\"customer_number\":%u}}",
                            i > 0 ? "," : "", i, 20 + i, i, numbers[i], 20 + i, 20 + i);
  g_string_append_c (text, ']');

  return parse_array (text->str);
}

/* Applies @page as pulled with cursor 12; returns the commits it took */
static guint
apply_pull_page (KontorStore *store,
                 JsonArray   *page)
{
  g_autoptr(GError) error = NULL;
  guint n_commits = 0;

  kontor_test_count_commits (store, &n_commits);
  g_assert_true (kontor_store_sync_apply_changes (store, page, 12, &error));
  g_assert_no_error (error);
  kontor_test_stop_counting_commits (store);

  return n_commits;
}

/* A pull page of @n contacts from seq @first, each with a long note, for
 * a database that may not grow */
static JsonArray *
new_big_pull_page (guint n,
                   guint first)
{
  g_autofree char *note = g_strnfill (4000, 'x');
  g_autoptr(GString) text = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{\"seq\":%u,\"entity\":\"contact\",\"id\":\"b%u\","
                            "\"op\":\"upsert\",\"fields\":{\"last_name\":{\"value\":"
                            "\"Groß %u\",\"rev\":%u},\"notes\":{\"value\":\"%s\","
                            "\"rev\":%u}}}", i > 0 ? "," : "", first + i, i, i, first + i,
                            note, first + i);
  g_string_append_c (text, ']');

  return parse_array (text->str);
}

/* The database of @store may not grow past what it holds now */
static void
fill_disk (KontorStore *store)
{
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                            kontor_test_query_int (store, "PRAGMA page_count",
                                                                   NULL));

  kontor_test_exec (store, limit);
}

static gint64
cursor_of (KontorStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 cursor = -1;

  g_assert_true (kontor_store_sync_get_cursor (store, &cursor, &error));
  g_assert_no_error (error);

  return cursor;
}

/* A page whose changes all fit: one commit, nothing rejected, the cursor
 * moved, and nothing to send back */
static void
test_page_whole (KontorStoreFixture *fixture,
                 gconstpointer       data)
{
  g_autoptr(JsonArray) page = new_pull_page ("K-1", "K-2", "K-3");

  g_assert_cmpuint (apply_pull_page (fixture->store, page), ==, 1);
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, NULL), ==, 3);
  g_assert_cmpint (kontor_store_sync_count_rejected (fixture->store, NULL), ==, 0);
  g_assert_cmpint (cursor_of (fixture->store), ==, 12);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "SELECT count(*) FROM outbox", NULL),
                   ==, 0);
}

/* The second change takes a customer number the first has: it alone is
 * rejected (numbered below zero, the server's change), the first and the
 * third are kept, the cursor moves, and the page is still one commit */
static void
test_page_one_refused (KontorStoreFixture *fixture,
                       gconstpointer       data)
{
  g_autoptr(JsonArray) page = new_pull_page ("K-1", "K-1", "K-3");

  g_assert_cmpuint (apply_pull_page (fixture->store, page), ==, 1);
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, NULL), ==, 2);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "SELECT count(*) FROM contact"
                                          " WHERE id IN ('c0', 'c2')", NULL), ==, 2);
  g_assert_cmpint (kontor_store_sync_count_rejected (fixture->store, NULL), ==, 1);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "SELECT client_seq FROM rejected"
                                          " WHERE entity = 'contact' AND entity_id = 'c1'",
                                          NULL), ==, -11);
  g_assert_cmpint (cursor_of (fixture->store), ==, 12);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "SELECT count(*) FROM outbox", NULL),
                   ==, 0);
}

/* A snapshot page takes the same path */
static void
test_snapshot_one_refused (KontorStoreFixture *fixture,
                           gconstpointer       data)
{
  g_autoptr(JsonArray) refused = new_snapshot_page ("S-1", "S-1", "S-3");
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_sync_apply_snapshot (fixture->store, "contact", refused, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "SELECT count(*) FROM contact"
                                          " WHERE id IN ('s0', 's2')", NULL), ==, 2);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "SELECT count(*) FROM contact"
                                          " WHERE id = 's1'", NULL), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (fixture->store, NULL), ==, 1);
}

/* A page that does not fit on the disk: it fails with the disk's error,
 * nothing of it is stored or set aside as rejected, and the cursor stays,
 * so that the same page comes again; with space again, it goes in */
static void
test_page_full_disk (KontorStoreFixture *fixture,
                     gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(JsonArray) first = new_pull_page ("K-1", "K-2", "K-3");
  g_autoptr(JsonArray) big = new_big_pull_page (40, 100);
  g_autoptr(GError) error = NULL;

  apply_pull_page (store, first);
  fill_disk (store);

  g_assert_false (kontor_store_sync_apply_changes (store, big, 140, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FULL);
  g_clear_error (&error);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 3);
  g_assert_cmpint (kontor_store_sync_count_rejected (store, NULL), ==, 0);
  g_assert_cmpint (cursor_of (store), ==, 12);

  kontor_test_exec (store, "PRAGMA max_page_count = 1073741823");
  g_assert_true (kontor_store_sync_apply_changes (store, big, 140, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 43);
  g_assert_cmpint (cursor_of (store), ==, 140);
}

/* What a job's func does with the pages (JobPages) */
typedef struct
{
  JsonArray *snapshot;    /* a snapshot page of contacts */
  JsonArray *pull;        /* then a pull page, moving the cursor to 140 */
  gboolean   fill_disk;   /* the disk is full before the pull page */
} JobPages;

static gboolean
apply_pages_func (KontorStoreJob  *job,
                  KontorStore     *connection,
                  gpointer         user_data,
                  GCancellable    *cancellable,
                  GError         **error)
{
  JobPages *pages = user_data;

  if (!kontor_store_sync_apply_snapshot (connection, "contact", pages->snapshot, error))
    return FALSE;
  if (pages->fill_disk)
    fill_disk (connection);

  return kontor_store_sync_apply_changes (connection, pages->pull, 140, error);
}

static void
on_changed_cb (KontorStore *store,
               const char  *entity,
               GArray      *rowids,
               guint       *n_changed)
{
  if (g_str_equal (entity, "contact"))
    (*n_changed)++;
}

/* Runs a job applying the snapshot page with a refused record and a pull
 * page of @n_big contacts, the disk full before it when @full; returns
 * whether it committed, and the "changed" of contacts in @n_changed */
static gboolean
run_pages_job (KontorStore  *store,
               guint         n_big,
               gboolean      full,
               guint        *n_changed,
               GError      **error)
{
  g_autoptr(JsonArray) snapshot = new_snapshot_page ("S-1", "S-1", "S-3");
  g_autoptr(JsonArray) pull = new_big_pull_page (n_big, 100);
  JobPages pages = { snapshot, pull, full };
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (store, "pages", apply_pages_func,
                                                        &pages, NULL);
  gulong id = g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), n_changed);
  gboolean ok = kontor_store_job_run (job, NULL, error);

  g_signal_handler_disconnect (store, id);

  return ok;
}

/* Both pages in a job. Nothing is seen on the main connection before the
 * commit; after it, all of it, with the refused record set aside, and one
 * "changed" for the contacts. */
static void
test_job_pages (KontorStoreFixture *fixture,
                gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_assert_true (run_pages_job (store, 5, FALSE, &n_changed, &error));
  g_assert_no_error (error);

  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 7);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact"
                                          " WHERE id = 's1'", NULL), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (store, NULL), ==, 1);
  g_assert_cmpint (cursor_of (store), ==, 140);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox", NULL), ==, 0);
  g_assert_cmpuint (n_changed, ==, 1);
}

/* The disk fills before the job's second page: the job fails with the
 * disk's error, and its first page, and the rejection in it, are gone
 * with it */
static void
test_job_full_disk (KontorStoreFixture *fixture,
                    gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_assert_false (run_pages_job (store, 40, TRUE, &n_changed, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FULL);

  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (store, NULL), ==, 0);
  g_assert_cmpint (cursor_of (store), ==, 0);
  g_assert_cmpuint (n_changed, ==, 0);
}

/* A job's function that goes on after SQLite gave its transaction up
 * (a full disk), as a careless one might: what it writes next is refused,
 * not committed alone */
static gboolean
carry_on_func (KontorStoreJob  *job,
               KontorStore     *connection,
               gpointer         user_data,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(JsonArray) big = new_big_pull_page (40, 100);
  g_autoptr(JsonArray) small = new_pull_page ("K-1", "K-2", "K-3");
  g_autoptr(GError) lost = NULL;
  g_autoptr(GError) refused = NULL;

  fill_disk (connection);
  g_assert_false (kontor_store_sync_apply_changes (connection, big, 140, &lost));
  g_assert_error (lost, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FULL);
  kontor_test_exec (connection, "PRAGMA max_page_count = 1073741823");

  g_assert_false (kontor_store_sync_apply_changes (connection, small, 150, &refused));
  g_assert_error (refused, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FAILED);

  return TRUE;
}

static void
test_job_carries_on (KontorStoreFixture *fixture,
                     gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (store, "careless", carry_on_func,
                                                        NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_store_job_run (job, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 0);
  g_assert_cmpint (cursor_of (store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  KONTOR_STORE_TEST ("/store-sync/page-whole", test_page_whole);
  KONTOR_STORE_TEST ("/store-sync/page-one-refused", test_page_one_refused);
  KONTOR_STORE_TEST ("/store-sync/snapshot-one-refused", test_snapshot_one_refused);
  KONTOR_STORE_TEST ("/store-sync/page-full-disk", test_page_full_disk);
  KONTOR_STORE_TEST ("/store-sync/job-pages", test_job_pages);
  KONTOR_STORE_TEST ("/store-sync/job-full-disk", test_job_full_disk);
  KONTOR_STORE_TEST ("/store-sync/job-carries-on", test_job_carries_on);

  return g_test_run ();
}
