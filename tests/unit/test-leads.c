/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-leads"

#include "config.h"

#include <string.h>

#include "kontor-activity.h"
#include "kontor-company.h"
#include "kontor-contact-merge.h"
#include "kontor-contact.h"
#include "kontor-error.h"
#include "kontor-lead-project-write.h"
#include "kontor-rank.h"
#include "kontor-record-rules.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"
#include "kontor-user.h"

/* Lead projects (src/README.md "Lead projects"): the model's rules with
 * bad values, and the store: a project made with its system statuses in
 * one transaction, statuses that keep their order, entries once per
 * contact and never of a restricted one, outbox entries and tombstones,
 * exact sums, roles, and a project deleted with its statuses and entries
 * as one undoable operation. */

typedef struct
{
  KontorStoreFixture  base;
  KontorLeadProject  *project;
  GPtrArray          *statuses;   /* first, won, lost */
  KontorContact      *anna;
  KontorContact      *bernd;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  kontor_store_fixture_set_up (&fixture->base, data);

  fixture->project = kontor_lead_project_new ("Messe 2027");
  ok = kontor_store_create_lead_project (fixture->base.store, fixture->project, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  fixture->statuses = kontor_store_list_lead_statuses (fixture->base.store,
                                                       kontor_record_get_id (KONTOR_RECORD (fixture->project)),
                                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->statuses->len, ==, 3);

  fixture->anna = kontor_test_save_contact (fixture->base.store,
                                            "Schneider", KONTOR_CONTACT_STATUS_PROSPECT);
  fixture->bernd = kontor_test_save_contact (fixture->base.store,
                                             "Weber", KONTOR_CONTACT_STATUS_CUSTOMER);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  g_clear_pointer (&fixture->statuses, g_ptr_array_unref);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->bernd);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

#define LEAD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static KontorLeadStatus *
status_at (Fixture *fixture,
           guint    i)
{
  return g_ptr_array_index (fixture->statuses, i);
}

static gint64
count (Fixture    *fixture,
       const char *sql,
       const char *param)
{
  return kontor_test_query_int (fixture->base.store, sql, param);
}

static KontorLeadEntry *
new_entry (Fixture       *fixture,
           KontorContact *contact)
{
  return kontor_lead_entry_new (id_of (fixture->project), id_of (contact),
                                id_of (status_at (fixture, 0)));
}

/* ------------------------------------------------------------------------ */
/* The model */

static void
assert_refused (gpointer     record,
                KontorRecord *old,
                int          code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_record_validate (KONTOR_RECORD (record), old, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 0);
}

static void
assert_valid (gpointer      record,
              KontorRecord *old)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_record_validate (KONTOR_RECORD (record), old, &error));
  g_assert_no_error (error);
}

static void
test_model_project (void)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  const char *bad_currencies[] = { "eur", "EURO", "E", "€", "EU1", "'; DROP TABLE x; --" };

  assert_valid (project, NULL);
  g_assert_cmpstr (kontor_lead_project_get_currency (project), ==, KONTOR_LEAD_DEFAULT_CURRENCY);

  kontor_lead_project_set_name (project, "  ");
  assert_refused (project, NULL, KONTOR_RECORD_ERROR_REQUIRED);
  kontor_lead_project_set_name (project, "Messe\x01");
  assert_refused (project, NULL, KONTOR_RECORD_ERROR_INVALID_TEXT);
  kontor_lead_project_set_name (project, "Messe");

  for (guint i = 0; i < G_N_ELEMENTS (bad_currencies); i++)
    {
      kontor_lead_project_set_currency (project, bad_currencies[i]);
      assert_refused (project, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
    }
  kontor_lead_project_set_currency (project, NULL);
  assert_refused (project, NULL, KONTOR_RECORD_ERROR_REQUIRED);
  kontor_lead_project_set_currency (project, "CHF");
  g_assert_true (kontor_lead_project_validate (project, NULL));
}

static void
test_model_status (void)
{
  g_autoptr(KontorLeadStatus) status = kontor_lead_status_new ("p", "Angebot", 1);
  g_autoptr(KontorLeadStatus) old = NULL;

  assert_valid (status, NULL);
  g_assert_cmpint (kontor_lead_status_get_probability (status), ==, -1);
  g_assert_false (kontor_lead_status_is_system (status));

  kontor_lead_status_set_name (status, "");
  assert_refused (status, NULL, KONTOR_RECORD_ERROR_REQUIRED);
  kontor_lead_status_set_name (status, "Angebot");

  kontor_lead_status_set_wip_limit (status, -1);
  assert_refused (status, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_status_set_wip_limit (status, KONTOR_LEAD_STATUS_MAX_WIP + 1);
  assert_refused (status, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_status_set_wip_limit (status, 12);

  kontor_lead_status_set_probability (status, 101);
  assert_refused (status, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_status_set_probability (status, -2);
  assert_refused (status, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_status_set_probability (status, 40);

  kontor_lead_status_set_position (status, -1);
  assert_refused (status, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_status_set_position (status, 1);

  kontor_lead_status_set_project_id (status, NULL);
  assert_refused (status, NULL, KONTOR_RECORD_ERROR_REQUIRED);
  kontor_lead_status_set_project_id (status, "p");
  assert_valid (status, NULL);

  /* a stored status keeps its project and its role */
  old = KONTOR_LEAD_STATUS (kontor_record_copy (KONTOR_RECORD (status)));
  kontor_lead_status_set_role (status, KONTOR_LEAD_STATUS_ROLE_WON);
  assert_refused (status, KONTOR_RECORD (old), KONTOR_RECORD_ERROR_RESTRICTED);
  kontor_lead_status_set_role (status, KONTOR_LEAD_STATUS_ROLE_NORMAL);
  kontor_lead_status_set_project_id (status, "q");
  assert_refused (status, KONTOR_RECORD (old), KONTOR_RECORD_ERROR_RESTRICTED);
}

static void
test_model_status_place (void)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  KontorLeadStatus *first, *won, *lost;

  kontor_record_set_id (KONTOR_RECORD (project), "p");
  statuses = kontor_lead_project_new_statuses (project);
  g_assert_cmpuint (statuses->len, ==, 3);
  first = g_ptr_array_index (statuses, 0);
  won = g_ptr_array_index (statuses, 1);
  lost = g_ptr_array_index (statuses, 2);
  g_assert_cmpint (kontor_lead_status_get_role (first), ==, KONTOR_LEAD_STATUS_ROLE_FIRST);
  g_assert_cmpint (kontor_lead_status_get_role (won), ==, KONTOR_LEAD_STATUS_ROLE_WON);
  g_assert_cmpint (kontor_lead_status_get_role (lost), ==, KONTOR_LEAD_STATUS_ROLE_LOST);
  g_assert_cmpstr (kontor_lead_status_get_name (first), ==, "New");
  g_assert_cmpstr (kontor_lead_status_get_name (won), ==, "Won");
  g_assert_cmpstr (kontor_lead_status_get_name (lost), ==, "Lost");
  g_assert_cmpint (kontor_lead_status_get_probability (won), ==, 100);
  g_assert_cmpint (kontor_lead_status_get_probability (lost), ==, 0);
  for (guint i = 0; i < statuses->len; i++)
    {
      g_assert_cmpstr (kontor_lead_status_get_project_id (g_ptr_array_index (statuses, i)), ==,
                       "p");
      g_assert_true (kontor_lead_status_is_system (g_ptr_array_index (statuses, i)));
    }

  /* the system statuses fit together */
  g_assert_true (kontor_lead_status_check_place (won, statuses, &error));
  g_assert_no_error (error);

  /* a status of the users' between the first and the won one fits */
  status = kontor_lead_status_new ("p", "Angebot", 0);
  kontor_lead_status_set_position (won, 2);
  kontor_lead_status_set_position (lost, 3);
  kontor_lead_status_set_position (status, 1);
  g_assert_true (kontor_lead_status_check_place (status, statuses, &error));
  g_assert_no_error (error);

  /* not before the first, not after the won and lost ones */
  kontor_lead_status_set_position (status, 0);
  g_assert_false (kontor_lead_status_check_place (status, statuses, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  kontor_lead_status_set_position (status, 3);
  g_assert_false (kontor_lead_status_check_place (status, statuses, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  kontor_lead_status_set_position (status, 1);

  /* a name once, whatever its case and Unicode form */
  kontor_lead_status_set_name (status, "  WON ");
  g_assert_false (kontor_lead_status_check_place (status, statuses, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Won"));
  g_clear_error (&error);
  kontor_lead_status_set_name (first, "Änderung");
  kontor_lead_status_set_name (status, "A\xcc\x88NDERUNG");   /* A + combining diaeresis */
  g_assert_false (kontor_lead_status_check_place (status, statuses, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* one first, one won, one lost */
  kontor_lead_status_set_name (status, "Zweites Neu");
  kontor_lead_status_set_role (status, KONTOR_LEAD_STATUS_ROLE_LOST);
  kontor_lead_status_set_position (status, 4);
  g_assert_false (kontor_lead_status_check_place (status, statuses, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  /* deleting: never a system status, never one with entries */
  g_assert_false (kontor_lead_status_check_delete (won, 0, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  kontor_lead_status_set_role (status, KONTOR_LEAD_STATUS_ROLE_NORMAL);
  g_assert_false (kontor_lead_status_check_delete (status, 2, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "2 leads"));
  g_clear_error (&error);
  g_assert_true (kontor_lead_status_check_delete (status, 0, &error));
  g_assert_no_error (error);
}

static void
test_model_entry (void)
{
  g_autoptr(KontorLeadEntry) entry = kontor_lead_entry_new ("p", "c", "s");
  g_autoptr(KontorLeadEntry) old = NULL;

  assert_valid (entry, NULL);
  g_assert_null (kontor_lead_entry_get_currency (entry));
  g_assert_cmpint (kontor_lead_entry_get_probability (entry), ==, -1);
  g_assert_cmpint (kontor_lead_entry_get_joined_by (entry), ==, KONTOR_LEAD_JOIN_HAND);

  kontor_lead_entry_set_value_cents (entry, -1);
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_entry_set_value_cents (entry, KONTOR_LEAD_MAX_CENTS + 1);
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_entry_set_value_cents (entry, G_MAXINT64);
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_entry_set_value_cents (entry, KONTOR_LEAD_MAX_CENTS);
  assert_valid (entry, NULL);

  kontor_lead_entry_set_currency (entry, "usd");
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_entry_set_currency (entry, "USD");

  kontor_lead_entry_set_probability (entry, 101);
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_entry_set_probability (entry, 0);
  assert_valid (entry, NULL);

  kontor_lead_entry_set_close_on (entry, "2027-02-30");
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_INVALID_DATE);
  kontor_lead_entry_set_close_on (entry, "2027-02-28");

  kontor_lead_entry_set_rank (entry, "a b");
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_lead_entry_set_rank (entry, "a1");

  kontor_lead_entry_set_left_at (entry, -5);
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_INVALID_DATE);
  kontor_lead_entry_set_left_at (entry, 0);

  kontor_lead_entry_set_notes (entry, "Nur intern:\nRückruf\tFreitag");
  assert_valid (entry, NULL);

  kontor_lead_entry_set_status_id (entry, NULL);
  assert_refused (entry, NULL, KONTOR_RECORD_ERROR_REQUIRED);
  kontor_lead_entry_set_status_id (entry, "s");

  /* an entry stays with its project (its contact changes in a merge) */
  old = KONTOR_LEAD_ENTRY (kontor_record_copy (KONTOR_RECORD (entry)));
  kontor_lead_entry_set_project_id (entry, "q");
  assert_refused (entry, KONTOR_RECORD (old), KONTOR_RECORD_ERROR_RESTRICTED);
  kontor_lead_entry_set_project_id (entry, "p");
  g_assert_true (kontor_lead_entry_validate (entry, NULL));
}

/* Inbox and Archived contacts join no project (feature C4), saying why */
static void
test_model_restricted_contact (void)
{
  KontorContactStatus restricted[] = { KONTOR_CONTACT_STATUS_INBOX,
                                       KONTOR_CONTACT_STATUS_ARCHIVED };
  g_autoptr(KontorContact) contact = kontor_contact_new ();

  kontor_contact_set_last_name (contact, "Schneider");
  for (guint i = 0; i < G_N_ELEMENTS (restricted); i++)
    {
      g_autoptr(GError) error = NULL;

      kontor_contact_set_status (contact, restricted[i]);
      g_assert_false (kontor_lead_entry_check_contact (contact, &error));
      g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
      g_assert_nonnull (strstr (error->message, "Schneider"));
      g_assert_nonnull (strstr (error->message, kontor_contact_status_to_string (restricted[i])));
    }
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_PROSPECT);
  g_assert_true (kontor_lead_entry_check_contact (contact, NULL));
}

/* A follow-up is a task on the entry's contact with a lead project's
 * topics */
static void
test_model_follow_up (void)
{
  g_autoptr(KontorLeadEntry) entry = kontor_lead_entry_new ("p", "c", "s");
  g_autoptr(KontorActivity) follow_up = NULL;

  kontor_record_set_id (KONTOR_RECORD (entry), "e");
  follow_up = kontor_activity_new_follow_up (entry, "2027-01-15", "Angebot nachfassen");
  g_assert_cmpint (kontor_activity_get_kind (follow_up), ==, KONTOR_ACTIVITY_KIND_TASK);
  g_assert_cmpstr (kontor_activity_get_contact_id (follow_up), ==, "c");
  g_assert_cmpstr (kontor_activity_get_lead_entry_id (follow_up), ==, "e");
  g_assert_cmpstr (kontor_activity_get_due_on (follow_up), ==, "2027-01-15");
  g_assert_cmpint (kontor_activity_get_place (follow_up), ==, KONTOR_ACTIVITY_PLACE_LEAD_PROJECT);
  assert_valid (follow_up, NULL);

  /* a lead project's topics, not a customer's */
  kontor_activity_set_topic (follow_up, KONTOR_ACTIVITY_TOPIC_OFFER);
  assert_valid (follow_up, NULL);
  kontor_activity_set_topic (follow_up, KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE);
  assert_refused (follow_up, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_activity_set_topic (follow_up, KONTOR_ACTIVITY_TOPIC_OTHER);

  /* never on a company */
  kontor_activity_set_contact_id (follow_up, NULL);
  kontor_activity_set_company_id (follow_up, "f");
  assert_refused (follow_up, NULL, KONTOR_RECORD_ERROR_INVALID_VALUE);
}

/* ------------------------------------------------------------------------ */
/* The store */

/* The project and its system statuses, in one transaction, each a
 * "create" entry */
static void
test_store_create_project (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Kampagne Frühjahr");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  guint n_commits = 0;
  gboolean ok;

  kontor_test_exec (fixture->base.store, "DELETE FROM outbox");
  kontor_test_count_commits (fixture->base.store, &n_commits);
  ok = kontor_store_create_lead_project (fixture->base.store, project, &error);
  kontor_test_stop_counting_commits (fixture->base.store);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n_commits, ==, 1);

  statuses = kontor_store_list_lead_statuses (fixture->base.store, id_of (project), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, 3);
  g_assert_cmpint (kontor_lead_status_get_role (g_ptr_array_index (statuses, 0)), ==,
                   KONTOR_LEAD_STATUS_ROLE_FIRST);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'create' AND "
                                   "entity = 'lead_project' AND entity_id = ?1", id_of (project)),
                   ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'create' AND "
                                   "entity = 'lead_status'", NULL), ==, 3);

  /* a bad project leaves nothing */
  {
    g_autoptr(KontorLeadProject) bad = kontor_lead_project_new ("");

    ok = kontor_store_create_lead_project (fixture->base.store, bad, &error);
    g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);
    g_assert_false (ok);
    g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_project", NULL), ==, 2);
    g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_status", NULL), ==, 6);
  }
}

static void
test_store_project_checks (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe Nord");
  g_autoptr(GError) error = NULL;
  const char *users[] = { "0190a000-0000-7000-8000-00000000dead", NULL };

  kontor_lead_project_set_responsible (project, users);
  g_assert_false (kontor_store_create_lead_project (fixture->base.store, project, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  users[0] = id_of (kontor_store_get_current_user (fixture->base.store));
  kontor_lead_project_set_responsible (project, users);
  kontor_lead_project_set_group_id (project, "0190a000-0000-7000-8000-00000000beef");
  g_assert_false (kontor_store_create_lead_project (fixture->base.store, project, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_project", NULL), ==, 1);

  kontor_lead_project_set_group_id (project, NULL);
  g_assert_true (kontor_store_create_lead_project (fixture->base.store, project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_project_link WHERE owner_id = ?1",
                          id_of (project)), ==, 1);
}

/* A status of the users' fits between the first and the won and lost
 * ones; the system statuses stay */
static void
test_store_statuses (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadStatus) offer = NULL;
  g_autoptr(KontorLeadStatus) again = NULL;
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  /* at the end is the won status's place */
  offer = kontor_lead_status_new (id_of (fixture->project), "Angebot", 5);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (offer), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  kontor_lead_status_set_position (status_at (fixture, 2), 3);
  kontor_test_save (store, status_at (fixture, 2));
  kontor_lead_status_set_position (status_at (fixture, 1), 2);
  kontor_test_save (store, status_at (fixture, 1));
  kontor_lead_status_set_position (offer, 1);
  kontor_test_save (store, offer);

  /* its name once in the project */
  again = kontor_lead_status_new (id_of (fixture->project), "ANGEBOT", 1);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (again), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* the first status stays first */
  kontor_lead_status_set_position (status_at (fixture, 0), 1);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (status_at (fixture, 0)), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  kontor_lead_status_set_position (status_at (fixture, 0), 0);

  /* system statuses are not deleted; one with entries neither */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (kontor_store_delete (store, KONTOR_RECORD (status_at (fixture, i)), &error));
      g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
      g_clear_error (&error);
    }
  entry = new_entry (fixture, fixture->anna);
  kontor_lead_entry_set_status_id (entry, id_of (offer));
  kontor_test_save (store, entry);
  g_assert_false (kontor_store_delete (store, KONTOR_RECORD (offer), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  kontor_lead_entry_set_status_id (entry, id_of (status_at (fixture, 0)));
  kontor_test_save (store, entry);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (offer), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_status WHERE project_id = ?1",
                          id_of (fixture->project)), ==, 3);
}

/* Create, edit and delete an entry: outbox entries, a tombstone; the
 * project's currency and a place at the end of its column */
static void
test_store_entry (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadEntry) first = new_entry (fixture, fixture->anna);
  g_autoptr(KontorLeadEntry) entry = new_entry (fixture, fixture->bernd);
  g_autoptr(KontorLeadEntry) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *assignee = id_of (kontor_store_get_current_user (store));

  kontor_lead_project_set_currency (fixture->project, "CHF");
  kontor_test_save (store, fixture->project);
  kontor_test_exec (store, "DELETE FROM outbox");

  kontor_test_save (store, first);
  kontor_lead_entry_set_value_cents (entry, 1999);
  kontor_lead_entry_set_assignee_id (entry, assignee);
  kontor_test_save (store, entry);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'create' AND "
                                   "entity = 'lead_entry' AND entity_id = ?1", id_of (entry)),
                   ==, 1);

  loaded = kontor_store_load (store, KONTOR_TYPE_LEAD_ENTRY, id_of (entry), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_lead_entry_get_currency (loaded), ==, "CHF");
  g_assert_cmpint (kontor_lead_entry_get_value_cents (loaded), ==, 1999);
  g_assert_cmpstr (kontor_lead_entry_get_assignee_id (loaded), ==, assignee);
  g_assert_nonnull (kontor_lead_entry_get_rank (loaded));
  g_assert_cmpint (kontor_rank_compare (kontor_lead_entry_get_rank (first),
                                        kontor_lead_entry_get_rank (loaded)), <, 0);

  /* an edit is an update of its field */
  kontor_lead_entry_set_notes (loaded, "Nur intern: Budget im März");
  kontor_lead_entry_set_probability (loaded, 60);
  kontor_test_save (store, loaded);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'update' AND "
                                   "entity = 'lead_entry' AND field IN ('notes', 'probability')",
                          NULL), ==, 2);

  /* a colleague who is not there */
  kontor_lead_entry_set_assignee_id (loaded, "0190a000-0000-7000-8000-00000000dead");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (loaded), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  kontor_lead_entry_set_assignee_id (loaded, assignee);

  /* deleted: a tombstone and a "delete" entry, no row */
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (loaded), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry WHERE id = ?1",
                          id_of (entry)), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone WHERE entity = 'lead_entry' "
                                   "AND id = ?1", id_of (entry)), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'delete' AND "
                                   "entity = 'lead_entry' AND entity_id = ?1", id_of (entry)),
                   ==, 1);
}

/* A contact is in a project once: a clear message, nothing written */
static void
test_store_entry_once (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadEntry) entry = new_entry (fixture, fixture->anna);
  g_autoptr(KontorLeadEntry) again = new_entry (fixture, fixture->anna);
  g_autoptr(GError) error = NULL;
  gint64 seq;

  kontor_test_save (store, entry);
  seq = kontor_test_outbox_last_seq (store);

  g_assert_false (kontor_store_save (store, KONTOR_RECORD (again), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Schneider"));
  g_assert_nonnull (strstr (error->message, "Messe 2027"));
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry", NULL), ==, 1);
}

/* Inbox and Archived contacts do not join (feature C4); a status of
 * another project is not the entry's */
static void
test_store_entry_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) inbox =
    kontor_test_save_contact (store, "Eingang", KONTOR_CONTACT_STATUS_INBOX);
  g_autoptr(KontorContact) archived =
    kontor_test_save_contact (store, "Archiv", KONTOR_CONTACT_STATUS_ARCHIVED);
  g_autoptr(KontorLeadProject) other = kontor_lead_project_new ("Andere");
  g_autoptr(GPtrArray) other_statuses = NULL;
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq = kontor_test_outbox_last_seq (store);

  entry = new_entry (fixture, inbox);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (entry), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "Inbox"));
  g_clear_error (&error);
  g_clear_object (&entry);

  entry = new_entry (fixture, archived);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (entry), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "Archived"));
  g_clear_error (&error);
  g_clear_object (&entry);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);

  g_assert_true (kontor_store_create_lead_project (store, other, &error));
  g_assert_no_error (error);
  other_statuses = kontor_store_list_lead_statuses (store, id_of (other), &error);
  g_assert_no_error (error);
  entry = kontor_lead_entry_new (id_of (fixture->project), id_of (fixture->anna),
                                 id_of (g_ptr_array_index (other_statuses, 0)));
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (entry), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry", NULL), ==, 0);
}

/* The forecast: open entries with a close date and a probability (their
 * own, else their status's), each value weighted and rounded half up */
static void
test_store_forecast (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) carla = kontor_test_save_contact (store,
                                                             "Fischer", KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) dora = kontor_test_save_contact (store,
                                                            "Wagner", KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) eva = kontor_test_save_contact (store,
                                                           "Becker", KONTOR_CONTACT_STATUS_PROSPECT);
  struct { KontorContact *contact; guint status; gint64 cents, probability; const char *close_on, *currency; } rows[] = {
    { fixture->anna, 0, 10, 5, "2027-03-15", "EUR" },               /* 0.5 cents: 1 */
    { fixture->bernd, 1, 100000, 100, "2027-03-01", "EUR" },        /* won: left out */
    { carla, 0, 999, -1, "2027-03-31", "EUR" },                     /* the status's 50 %: 500 */
    { dora, 0, 100000, 100, NULL, "EUR" },                          /* no close date */
    { eva, 0, KONTOR_LEAD_MAX_CENTS, 99, "2027-04-02", "CHF" },
  };
  g_autoptr(GArray) months = NULL;
  g_autoptr(GError) error = NULL;
  KontorLeadForecast *month;

  g_assert_cmpint (kontor_lead_expected_cents (10, 5), ==, 1);
  g_assert_cmpint (kontor_lead_expected_cents (9, 5), ==, 0);
  g_assert_cmpint (kontor_lead_expected_cents (1, 50), ==, 1);
  g_assert_cmpint (kontor_lead_expected_cents (1, 49), ==, 0);
  g_assert_cmpint (kontor_lead_expected_cents (KONTOR_LEAD_MAX_CENTS, 100), ==,
                   KONTOR_LEAD_MAX_CENTS);
  g_assert_cmpint (kontor_lead_expected_cents (KONTOR_LEAD_MAX_CENTS, 0), ==, 0);

  kontor_lead_status_set_probability (status_at (fixture, 0), 50);
  kontor_test_save (store, status_at (fixture, 0));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(KontorLeadEntry) entry = new_entry (fixture, rows[i].contact);

      kontor_lead_entry_set_status_id (entry, id_of (status_at (fixture, rows[i].status)));
      kontor_lead_entry_set_value_cents (entry, rows[i].cents);
      kontor_lead_entry_set_probability (entry, rows[i].probability);
      kontor_lead_entry_set_close_on (entry, rows[i].close_on);
      kontor_lead_entry_set_currency (entry, rows[i].currency);
      kontor_test_save (store, entry);
    }

  months = kontor_store_forecast_lead_project (store, id_of (fixture->project), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 2);
  month = &g_array_index (months, KontorLeadForecast, 0);
  g_assert_cmpstr (month->month, ==, "2027-03");
  g_assert_cmpstr (month->currency, ==, "EUR");
  g_assert_cmpint (month->count, ==, 2);
  g_assert_cmpint (month->cents, ==, 501);
  month = &g_array_index (months, KontorLeadForecast, 1);
  g_assert_cmpstr (month->month, ==, "2027-04");
  g_assert_cmpstr (month->currency, ==, "CHF");
  g_assert_cmpint (month->count, ==, 1);
  g_assert_cmpint (month->cents, ==, 990000000000);
}

/* 10,000 entries: the forecast is exact to the cent. The rows are written
 * in SQL, as the store would hold them, to keep the test quick */
static void
test_store_forecast_many (Fixture       *fixture,
                          gconstpointer  data)
{
  const guint n = 10000;
  KontorStore *store = fixture->base.store;
  g_autofree char *sql = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expected[12] = { 0 };

  sql = g_strdup_printf ("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
                         "INSERT INTO contact (id, created_at, updated_at, last_name) "
                         "SELECT 'many-' || i, 1, 1, 'Many' FROM n; "
                         "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
                         "INSERT INTO lead_entry (id, created_at, updated_at, project_id, contact_id, "
                         "status_id, value_cents, currency, probability, close_on) "
                         "SELECT 'entry-' || i, 1, 1, '%s', 'many-' || i, '%s', "
                         "(i * 7919) %% 1000003 + i, 'EUR', i %% 101, "
                         "printf ('2027-%%02d-15', i %% 12 + 1) FROM n;",
                         n - 1, n - 1, id_of (fixture->project), id_of (status_at (fixture, 0)));
  kontor_test_exec (store, sql);

  for (guint i = 0; i < n; i++)
    {
      gint64 product = (gint64) ((i * 7919) % 1000003 + i) * (i % 101);

      /* half up, written out differently from the model's */
      expected[i % 12] += product / 100 + (product % 100 >= 50 ? 1 : 0);
    }

  months = kontor_store_forecast_lead_project (store, id_of (fixture->project), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 12);
  for (guint m = 0; m < 12; m++)
    {
      KontorLeadForecast *month = &g_array_index (months, KontorLeadForecast, m);
      g_autofree char *name = g_strdup_printf ("2027-%02u", m + 1);

      g_assert_cmpstr (month->month, ==, name);
      g_assert_cmpint (month->count, ==, n / 12 + (m < n % 12 ? 1 : 0));
      g_assert_cmpint (month->cents, ==, expected[m]);
    }
}

/* Count and sum per status and currency, exact to the cent */
static void
test_store_sums (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) carla = kontor_test_save_contact (store,
                                                             "Vogel", KONTOR_CONTACT_STATUS_PROSPECT);
  KontorContact *contacts[] = { fixture->anna, fixture->bernd, carla };
  gint64 cents[] = { KONTOR_LEAD_MAX_CENTS, 1, 10 };
  const char *currencies[] = { NULL, NULL, "CHF" };
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) column = NULL;
  g_autoptr(GError) error = NULL;
  KontorLeadColumnSum *sum;

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    {
      g_autoptr(KontorLeadEntry) entry = new_entry (fixture, contacts[i]);

      kontor_lead_entry_set_value_cents (entry, cents[i]);
      kontor_lead_entry_set_currency (entry, currencies[i]);
      if (i == 2)
        kontor_lead_entry_set_status_id (entry, id_of (status_at (fixture, 1)));
      kontor_test_save (store, entry);
    }

  sums = kontor_store_sum_lead_columns (store, id_of (fixture->project), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sums->len, ==, 2);
  sum = &g_array_index (sums, KontorLeadColumnSum, 0);
  g_assert_cmpstr (sum->status_id, ==, id_of (status_at (fixture, 0)));
  g_assert_cmpstr (sum->currency, ==, "EUR");
  g_assert_cmpint (sum->count, ==, 2);
  g_assert_cmpint (sum->cents, ==, KONTOR_LEAD_MAX_CENTS + 1);
  sum = &g_array_index (sums, KontorLeadColumnSum, 1);
  g_assert_cmpstr (sum->status_id, ==, id_of (status_at (fixture, 1)));
  g_assert_cmpstr (sum->currency, ==, "CHF");
  g_assert_cmpint (sum->count, ==, 1);
  g_assert_cmpint (sum->cents, ==, 10);

  column = kontor_store_list_lead_entries (store, id_of (fixture->project),
                                           id_of (status_at (fixture, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (column->len, ==, 2);
  g_assert_cmpstr (kontor_lead_entry_get_contact_id (g_ptr_array_index (column, 0)), ==,
                   id_of (fixture->anna));

  mine = kontor_store_list_contact_leads (store, id_of (carla), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 1);
}

/* A viewer writes no project, status or entry */
static void
test_store_roles (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorUser) viewer = kontor_user_new ("vera", "Vera Viewer", KONTOR_USER_ROLE_VIEWER);
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Nur lesen");
  g_autoptr(KontorLeadEntry) entry = new_entry (fixture, fixture->anna);
  g_autoptr(GError) error = NULL;
  gint64 seq;

  kontor_test_save (store, viewer);
  g_assert_true (kontor_store_set_current_user (store, viewer, &error));
  g_assert_no_error (error);
  seq = kontor_test_outbox_last_seq (store);

  g_assert_false (kontor_store_create_lead_project (store, project, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (entry), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (kontor_store_delete_lead_project (store, fixture->project, TRUE, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_project", NULL), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry", NULL), ==, 0);
}

/* A deleted contact's entries go with it */
static void
test_store_contact_deleted (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadEntry) entry = new_entry (fixture, fixture->anna);
  g_autoptr(GError) error = NULL;

  kontor_test_save (store, entry);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (fixture->anna), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry", NULL), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity = 'lead_entry' "
                                   "AND state = 'pending'", NULL), ==, 0);
}

static void
assert_project_whole (Fixture *fixture,
                      gint64   n_entries)
{
  const char *id = id_of (fixture->project);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_project WHERE id = ?1", id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_status WHERE project_id = ?1", id),
                   ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry WHERE project_id = ?1", id),
                   ==, n_entries);
}

/* A project with entries is deleted only with them; as one undoable
 * operation everything goes with a tombstone each, and comes back under
 * its id */
static void
test_store_delete_project (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadEntry) anna = new_entry (fixture, fixture->anna);
  g_autoptr(KontorLeadEntry) bernd = new_entry (fixture, fixture->bernd);
  g_autoptr(KontorLeadProjectWrite) delete = NULL;
  g_autoptr(KontorLeadEntry) back = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = id_of (fixture->project);
  guint n_commits = 0;

  kontor_lead_entry_set_value_cents (anna, 4200);
  kontor_test_save (store, anna);
  kontor_test_save (store, bernd);

  g_assert_false (kontor_store_delete (store, KONTOR_RECORD (fixture->project), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "2 leads"));
  g_clear_error (&error);
  g_assert_false (kontor_store_delete_lead_project (store, fixture->project, FALSE, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  assert_project_whole (fixture, 2);

  delete = kontor_lead_project_write_new_delete (store, fixture->project, "Deleted");
  kontor_test_count_commits (store, &n_commits);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (delete), &error));
  kontor_test_stop_counting_commits (store);
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_project", NULL), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_status", NULL), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry", NULL), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone WHERE entity LIKE 'lead\\_%' "
                                   "ESCAPE '\\'", NULL), ==, 6);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  assert_project_whole (fixture, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone", NULL), ==, 0);
  back = kontor_store_load (store, KONTOR_TYPE_LEAD_ENTRY, id_of (anna), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kontor_lead_entry_get_value_cents (back), ==, 4200);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (back), ==, id_of (status_at (fixture, 0)));

  /* and again */
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_project WHERE id = ?1", id), ==, 0);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  assert_project_whole (fixture, 2);

  /* a contact archived while the project was deleted keeps the rest
   * from coming back no more: its entry stays away (C4) */
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  kontor_contact_set_status (fixture->bernd, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, fixture->bernd);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  assert_project_whole (fixture, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry WHERE id = ?1", id_of (anna)),
                   ==, 1);
}

/* Creating as an operation: its undo deletes the project and its
 * statuses, its redo brings the same ones back */
static void
test_store_create_operation (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Webinar");
  g_autoptr(KontorLeadProjectWrite) create = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  create = kontor_lead_project_write_new_create (store, project, "Created");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (create), &error));
  g_assert_no_error (error);
  /* a copy: the operation keeps the project as stored after each step */
  id = g_strdup (id_of (kontor_lead_project_write_get_project (create)));
  g_assert_nonnull (id);
  before = kontor_store_list_lead_statuses (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 3);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (create), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_project WHERE id = ?1", id), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_status WHERE project_id = ?1", id),
                   ==, 0);

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (create), &error));
  g_assert_no_error (error);
  after = kontor_store_list_lead_statuses (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (id_of (g_ptr_array_index (before, i)), ==,
                     id_of (g_ptr_array_index (after, i)));
}

/* A follow-up is stored on the entry's contact, listed with the entry and
 * among the tasks due; one naming another contact's entry, or none, is
 * refused; it stays on its contact when the entry goes */
static void
test_store_follow_up (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadEntry) entry = new_entry (fixture, fixture->anna);
  g_autoptr(KontorActivity) follow_up = NULL;
  g_autoptr(KontorActivity) wrong = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  kontor_test_save (store, entry);
  follow_up = kontor_activity_new_follow_up (entry, "2027-01-15", "Angebot nachfassen");
  kontor_activity_set_topic (follow_up, KONTOR_ACTIVITY_TOPIC_OFFER);
  kontor_test_save (store, follow_up);

  listed = kontor_store_list_lead_follow_ups (store, id_of (entry), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (id_of (g_ptr_array_index (listed, 0)), ==, id_of (follow_up));

  due = kontor_store_list_due_tasks (store, "2027-01-31", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    found |= g_str_equal (id_of (g_ptr_array_index (due, i)), id_of (follow_up));
  g_assert_true (found);

  /* another contact's entry */
  wrong = kontor_activity_new_follow_up (entry, "2027-01-16", "Falsch");
  kontor_activity_set_contact_id (wrong, id_of (fixture->bernd));
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (wrong), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  kontor_activity_set_contact_id (wrong, id_of (fixture->anna));
  kontor_activity_set_lead_entry_id (wrong, "0190a000-0000-7000-8000-00000000dead");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (wrong), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* the entry goes, the task stays with the contact */
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (entry), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM activity WHERE id = ?1",
                          id_of (follow_up)), ==, 1);
}

/* Merged contacts: the removed one's entries go to the kept one; in a
 * project both were in, the kept one's stays and the other goes; the
 * undo brings all back */
static void
test_store_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadProject) second = kontor_lead_project_new ("Webinar");
  g_autoptr(GPtrArray) second_statuses = NULL;
  g_autoptr(KontorLeadEntry) moved = new_entry (fixture, fixture->anna);
  g_autoptr(KontorLeadEntry) dropped = NULL;
  g_autoptr(KontorLeadEntry) kept = NULL;
  g_autoptr(KontorLeadEntry) loaded = NULL;
  g_autoptr(KontorContactMerge) merge = NULL;
  g_autoptr(KontorActivity) follow_up = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_create_lead_project (store, second, &error));
  g_assert_no_error (error);
  second_statuses = kontor_store_list_lead_statuses (store, id_of (second), &error);
  g_assert_no_error (error);
  kontor_test_save (store, moved);
  dropped = kontor_lead_entry_new (id_of (second), id_of (fixture->anna),
                                   id_of (g_ptr_array_index (second_statuses, 0)));
  kontor_test_save (store, dropped);
  kept = kontor_lead_entry_new (id_of (second), id_of (fixture->bernd),
                                id_of (g_ptr_array_index (second_statuses, 0)));
  kontor_lead_entry_set_value_cents (kept, 500);
  kontor_test_save (store, kept);
  /* a follow-up of the entry that goes names the one that stays */
  follow_up = kontor_activity_new_follow_up (dropped, "2027-02-01", "Nachfassen");
  kontor_activity_set_topic (follow_up, KONTOR_ACTIVITY_TOPIC_OFFER);
  kontor_test_save (store, follow_up);

  /* Anna merged into Bernd */
  merge = kontor_contact_merge_new (store, id_of (fixture->bernd), id_of (fixture->anna), "Merged");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  loaded = kontor_store_load (store, KONTOR_TYPE_LEAD_ENTRY, id_of (moved), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_lead_entry_get_contact_id (loaded), ==, id_of (fixture->bernd));
  g_clear_object (&loaded);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry WHERE id = ?1",
                          id_of (dropped)), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry WHERE contact_id = ?1",
                          id_of (fixture->bernd)), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM activity WHERE lead_entry_id = ?1",
                          id_of (kept)), ==, 1);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);
  loaded = kontor_store_load (store, KONTOR_TYPE_LEAD_ENTRY, id_of (moved), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_lead_entry_get_contact_id (loaded), ==, id_of (fixture->anna));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry WHERE id = ?1",
                          id_of (dropped)), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lead_entry WHERE contact_id = ?1",
                          id_of (fixture->anna)), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM activity WHERE lead_entry_id = ?1",
                          id_of (dropped)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/leads/model/project", test_model_project);
  g_test_add_func ("/leads/model/status", test_model_status);
  g_test_add_func ("/leads/model/status-place", test_model_status_place);
  g_test_add_func ("/leads/model/entry", test_model_entry);
  g_test_add_func ("/leads/model/restricted-contact", test_model_restricted_contact);
  g_test_add_func ("/leads/model/follow-up", test_model_follow_up);
  LEAD_TEST ("/leads/store/create-project", test_store_create_project);
  LEAD_TEST ("/leads/store/project-checks", test_store_project_checks);
  LEAD_TEST ("/leads/store/statuses", test_store_statuses);
  LEAD_TEST ("/leads/store/entry", test_store_entry);
  LEAD_TEST ("/leads/store/forecast", test_store_forecast);
  LEAD_TEST ("/leads/store/forecast-many", test_store_forecast_many);
  LEAD_TEST ("/leads/store/entry-once", test_store_entry_once);
  LEAD_TEST ("/leads/store/entry-refused", test_store_entry_refused);
  LEAD_TEST ("/leads/store/sums", test_store_sums);
  LEAD_TEST ("/leads/store/roles", test_store_roles);
  LEAD_TEST ("/leads/store/contact-deleted", test_store_contact_deleted);
  LEAD_TEST ("/leads/store/delete-project", test_store_delete_project);
  LEAD_TEST ("/leads/store/create-operation", test_store_create_operation);
  LEAD_TEST ("/leads/store/follow-up", test_store_follow_up);
  LEAD_TEST ("/leads/store/merge", test_store_merge);

  return g_test_run ();
}
