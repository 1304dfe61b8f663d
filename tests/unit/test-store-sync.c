/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store-sync"

#include "config.h"

#include "kontor-contact.h"
#include "kontor-record-json.h"
#include "kontor-store-sync.h"
#include "kontor-test-utils.h"

/* Pages of the team server applied by the store (src/store/kontor-store-sync.c,
 * apply_page ()): a page is one transaction; its changes go in at once,
 * and when one cannot be held here (a customer number another machine
 * gave too, which this store keeps unique), the page is applied again
 * change by change, that one set aside as rejected and the others kept. */

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  KONTOR_STORE_TEST ("/store-sync/page-whole", test_page_whole);
  KONTOR_STORE_TEST ("/store-sync/page-one-refused", test_page_one_refused);
  KONTOR_STORE_TEST ("/store-sync/snapshot-one-refused", test_snapshot_one_refused);

  return g_test_run ();
}
