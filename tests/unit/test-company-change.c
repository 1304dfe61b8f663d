/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-company-change"

#include "config.h"

#include "kontor-channel.h"
#include "kontor-company-change.h"
#include "kontor-test-utils.h"

/* "Firmenwechsel" (feature C3): a contact moves to another company in one
 * undoable operation, and the former employment stays as a record of its
 * own, which syncs (outbox entries, a tombstone when it goes). */

typedef struct
{
  KontorStoreFixture  base;
  KontorCompany      *bakery;
  KontorCompany      *logistics;
  KontorContact      *anna;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);

  fixture->bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  kontor_test_save (fixture->base.store, fixture->bakery);
  fixture->logistics = kontor_company_new ("Hansa Logistik");
  kontor_test_save (fixture->base.store, fixture->logistics);

  fixture->anna = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->anna, "Anna");
  kontor_contact_set_last_name (fixture->anna, "Schneider");
  kontor_contact_set_job_title (fixture->anna, "Einkauf");
  kontor_contact_set_company_id (fixture->anna,
                                 kontor_record_get_id (KONTOR_RECORD (fixture->bakery)));
  kontor_test_save (fixture->base.store, fixture->anna);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->bakery);
  g_clear_object (&fixture->logistics);
  g_clear_object (&fixture->anna);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static KontorContact *
load_anna (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KontorContact *contact = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                                              id_of (fixture->anna), &error);

  g_assert_no_error (error);

  return contact;
}

static GPtrArray *
list_of (Fixture  *fixture,
         gpointer  owner)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = kontor_store_list_employments (fixture->base.store, KONTOR_RECORD (owner),
                                                   &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);

  return list;
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gint64
count_outbox (Fixture    *fixture,
              const char *where,
              const char *param)
{
  g_autofree char *sql = g_strconcat ("SELECT count(*) FROM outbox WHERE ", where, NULL);

  return kontor_test_query_int (fixture->base.store, sql, param);
}

static void
test_change_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorCompanyChange) change = NULL;
  g_autoptr(KontorContact) anna = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) former = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = dup_today ();
  g_autofree char *employment_id = NULL;
  KontorEmployment *employment;
  guint n_commits = 0;

  change = kontor_company_change_new (store, fixture->anna, id_of (fixture->logistics), NULL,
                                      "Leitung Einkauf", "Moved");

  /* one transaction */
  kontor_test_count_commits (store, &n_commits);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  kontor_test_stop_counting_commits (store);
  g_assert_cmpuint (n_commits, ==, 1);

  /* the contact works at the new company, with the new title */
  anna = load_anna (fixture);
  g_assert_cmpstr (kontor_contact_get_company_id (anna), ==, id_of (fixture->logistics));
  g_assert_cmpstr (kontor_contact_get_company_name (anna), ==, "Hansa Logistik");
  g_assert_cmpstr (kontor_contact_get_job_title (anna), ==, "Leitung Einkauf");

  /* where it worked before stays: on the contact, on the former company */
  history = list_of (fixture, anna);
  g_assert_cmpuint (history->len, ==, 1);
  employment = g_ptr_array_index (history, 0);
  employment_id = g_strdup (id_of (employment));
  g_assert_cmpstr (employment_id, ==, kontor_company_change_get_employment_id (change));
  g_assert_cmpstr (kontor_employment_get_company_id (employment), ==, id_of (fixture->bakery));
  g_assert_cmpstr (kontor_employment_get_job_title (employment), ==, "Einkauf");
  g_assert_null (kontor_employment_get_started_on (employment));
  g_assert_cmpstr (kontor_employment_get_ended_on (employment), ==, today);
  former = list_of (fixture, fixture->bakery);
  g_assert_cmpuint (former->len, ==, 1);
  current = list_of (fixture, fixture->logistics);
  g_assert_cmpuint (current->len, ==, 0);

  /* and syncs: a create of the employment, updates of the contact */
  g_assert_cmpint (count_outbox (fixture, "entity = 'employment' AND op = 'create' AND "
                                 "entity_id = ?1", employment_id), ==, 1);
  g_assert_cmpint (count_outbox (fixture, "entity = 'contact' AND op = 'update' AND "
                                 "field = 'company_id' AND entity_id = ?1", id_of (anna)), ==, 1);
  g_assert_cmpint (count_outbox (fixture, "entity = 'contact' AND op = 'update' AND "
                                 "field = 'job_title' AND entity_id = ?1", id_of (anna)), ==, 1);

  /* undo: one transaction, the contact back, the employment gone with a
   * tombstone, the contact's edits edited back to nothing to send */
  n_commits = 0;
  kontor_test_count_commits (store, &n_commits);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  kontor_test_stop_counting_commits (store);
  g_assert_cmpuint (n_commits, ==, 1);
  g_clear_object (&anna);
  anna = load_anna (fixture);
  g_assert_cmpstr (kontor_contact_get_company_id (anna), ==, id_of (fixture->bakery));
  g_assert_cmpstr (kontor_contact_get_job_title (anna), ==, "Einkauf");
  g_clear_pointer (&history, g_ptr_array_unref);
  history = list_of (fixture, anna);
  g_assert_cmpuint (history->len, ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM tombstone "
                                          "WHERE entity = 'employment' AND id = ?1",
                                          employment_id), ==, 1);
  g_assert_cmpint (count_outbox (fixture, "entity = 'employment' AND op = 'delete' AND "
                                 "entity_id = ?1", employment_id), ==, 1);
  g_assert_cmpint (count_outbox (fixture, "entity = 'contact' AND op = 'update' AND "
                                 "entity_id = ?1", id_of (anna)), ==, 0);

  /* redo: moved again, with a new employment */
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = list_of (fixture, anna);
  g_assert_cmpuint (history->len, ==, 1);
}

/* A second move: the employment before begins where the first ended; a
 * move to a company typed new creates it; to the same company is refused */
static void
test_second_move_and_new_company (Fixture       *fixture,
                                  gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorCompanyChange) first = NULL;
  g_autoptr(KontorCompanyChange) second = NULL;
  g_autoptr(KontorCompanyChange) same = NULL;
  g_autoptr(KontorCompany) werft = kontor_company_new ("Nordwerft AG");
  g_autoptr(KontorContact) anna = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = dup_today ();
  gint64 seq;

  first = kontor_company_change_new (store, fixture->anna, id_of (fixture->logistics), NULL,
                                     NULL, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (first), &error));
  g_assert_no_error (error);

  second = kontor_company_change_new (store, fixture->anna, NULL, werft, "Disposition", NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (second), &error));
  g_assert_no_error (error);
  g_assert_nonnull (id_of (werft));
  anna = load_anna (fixture);
  g_assert_cmpstr (kontor_contact_get_company_id (anna), ==, id_of (werft));

  history = list_of (fixture, anna);
  g_assert_cmpuint (history->len, ==, 2);
  /* the newest first: at the logistics company from the day the bakery ended */
  g_assert_cmpstr (kontor_employment_get_company_id (g_ptr_array_index (history, 0)), ==,
                   id_of (fixture->logistics));
  g_assert_cmpstr (kontor_employment_get_started_on (g_ptr_array_index (history, 0)), ==, today);
  g_assert_null (kontor_employment_get_job_title (g_ptr_array_index (history, 0)));

  /* to the company it is at: refused, nothing written */
  seq = kontor_test_outbox_last_seq (store);
  same = kontor_company_change_new (store, anna, id_of (werft), NULL, NULL, NULL);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (same), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);

  /* the contact deleted: its history goes with it (personal data), and
   * nothing of it is left to send */
  g_assert_cmpint (count_outbox (fixture, "entity = 'employment' AND state = 'pending'", NULL),
                   ==, 2);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (anna), NULL));
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM employment", NULL), ==, 0);
  g_assert_cmpint (count_outbox (fixture, "entity = 'employment'", NULL), ==, 0);
}

/* A company typed new is created with the change; undone, it stays and
 * is the company's own: a redo does not write the change's copy over a
 * rename made meanwhile */
static void
test_redo_keeps_new_company (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorCompany) werft = kontor_company_new ("Nordwerft AG");
  g_autoptr(KontorCompanyChange) change = NULL;
  g_autoptr(KontorCompany) stored = NULL;
  g_autoptr(GError) error = NULL;

  change = kontor_company_change_new (store, fixture->anna, NULL, werft, NULL, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);

  stored = kontor_store_load (store, KONTOR_TYPE_COMPANY, id_of (werft), &error);
  g_assert_nonnull (stored);
  kontor_company_set_name (stored, "Nordwerft Holding AG");
  kontor_test_save (store, stored);

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = kontor_store_load (store, KONTOR_TYPE_COMPANY, id_of (werft), &error);
  g_assert_cmpstr (kontor_company_get_name (stored), ==, "Nordwerft Holding AG");
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact "
                                          "WHERE company_id = ?1", id_of (werft)), ==, 1);
}

/* Without a company before, nothing to remember; a viewer may not move
 * anyone */
static void
test_no_company_and_viewer (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) jonas = kontor_contact_new ();
  g_autoptr(KontorUser) viewer = kontor_user_new ("swagner", NULL, KONTOR_USER_ROLE_VIEWER);
  g_autoptr(KontorCompanyChange) change = NULL;
  g_autoptr(KontorCompanyChange) refused = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  kontor_contact_set_last_name (jonas, "Becker");
  kontor_test_save (store, jonas);
  change = kontor_company_change_new (store, jonas, id_of (fixture->bakery), NULL, NULL, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_assert_null (kontor_company_change_get_employment_id (change));
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM employment", NULL), ==, 0);

  kontor_test_save (store, viewer);
  g_assert_true (kontor_store_set_current_user (store, viewer, NULL));
  seq = kontor_test_outbox_last_seq (store);
  refused = kontor_company_change_new (store, fixture->anna, id_of (fixture->logistics), NULL,
                                       NULL, NULL);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (refused), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM employment", NULL), ==, 0);
}

/* The history (feature X8): every edit of a field, who and when, the
 * newest first; two edits the outbox holds as one stay two; it survives
 * the outbox being pushed and emptied; a move and a company change are
 * changes of their fields; a deleted contact's history goes with it */
static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorCompanyChange) change = NULL;
  g_autoptr(KontorContact) anna = load_anna (fixture);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  const char *me = kontor_record_get_id (KONTOR_RECORD (kontor_store_get_current_user (store)));
  KontorChange *newest;

  kontor_contact_set_city (anna, "Leipzig");
  kontor_test_save (store, anna);
  kontor_contact_set_city (anna, "Dresden");
  kontor_test_save (store, anna);
  g_assert_cmpint (count_outbox (fixture, "field = 'city'", NULL), ==, 1);

  change = kontor_company_change_new (store, anna, id_of (fixture->logistics), NULL, "Leitung",
                                      NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);

  /* pushed: the outbox is emptied, the history stays */
  kontor_test_exec (store, "DELETE FROM outbox");
  history = kontor_store_list_changes (store, id_of (anna), 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  /* one save writes its fields in the field table's order */
  newest = g_ptr_array_index (history, 1);
  g_assert_cmpstr (newest->field, ==, "job_title");
  g_assert_cmpstr (newest->old_json, ==, "\"Einkauf\"");
  g_assert_cmpstr (newest->new_json, ==, "\"Leitung\"");
  g_assert_cmpstr (newest->user_id, ==, me);
  g_assert_cmpint (newest->at, >, 0);
  g_assert_cmpstr (((KontorChange *) g_ptr_array_index (history, 0))->field, ==, "company_id");
  g_assert_cmpstr (((KontorChange *) g_ptr_array_index (history, 2))->new_json, ==,
                   "\"Dresden\"");
  g_assert_cmpstr (((KontorChange *) g_ptr_array_index (history, 3))->new_json, ==,
                   "\"Leipzig\"");
  g_clear_pointer (&history, g_ptr_array_unref);
  history = kontor_store_list_changes (store, id_of (anna), 2, &error);
  g_assert_cmpuint (history->len, ==, 2);

  /* her e-mail address, changed: the change is in the history too */
  {
    g_autoptr(GPtrArray) emails = kontor_channel_array_new ();

    g_ptr_array_add (emails, kontor_channel_new ("work", "anna@journal-test.example"));
    kontor_contact_set_emails (anna, emails);
    kontor_test_save (store, anna);
  }
  g_clear_object (&anna);
  anna = load_anna (fixture);
  {
    /* the same address row, another value: an update of it */
    KontorChannel *email = g_ptr_array_index (kontor_contact_get_emails (anna), 0);

    g_free (email->value);
    email->value = g_strdup ("schneider@journal-test.example");
    kontor_test_save (store, anna);
  }
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM journal WHERE "
                                          "coalesce(old_json, '') || coalesce(new_json, '') "
                                          "LIKE '%journal-test%'", NULL), >, 0);

  /* deleted: nothing of the person stays in the history */
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (anna), NULL));
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM journal WHERE "
                                          "coalesce(old_json, '') || coalesce(new_json, '') "
                                          "LIKE '%journal-test%'", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM journal "
                                          "WHERE entity_id = ?1 AND field IS NOT NULL",
                                          id_of (anna)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/company-change/change-and-undo", Fixture, NULL, fixture_set_up,
              test_change_and_undo, fixture_tear_down);
  g_test_add ("/company-change/second-move-and-new-company", Fixture, NULL, fixture_set_up,
              test_second_move_and_new_company, fixture_tear_down);
  g_test_add ("/company-change/redo-keeps-new-company", Fixture, NULL, fixture_set_up,
              test_redo_keeps_new_company, fixture_tear_down);
  g_test_add ("/company-change/history", Fixture, NULL, fixture_set_up,
              test_history, fixture_tear_down);
  g_test_add ("/company-change/no-company-and-viewer", Fixture, NULL, fixture_set_up,
              test_no_company_and_viewer, fixture_tear_down);

  return g_test_run ();
}
