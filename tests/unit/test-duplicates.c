/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-duplicates"

#include "config.h"

#include "kontor-channel.h"
#include "kontor-contact-merge.h"
#include "kontor-duplicates.h"
#include "kontor-record-json.h"
#include "kontor-store-sync.h"
#include "kontor-test-utils.h"
#include "kontor-uuid.h"

/* The duplicate finder and the merge (feature X1, src/README.md
 * "Duplicates"): which stored contacts are found as one person twice,
 * ranked, and a merge that moves everything to the kept contact, deletes
 * the other with a tombstone naming the kept one, and is undone whole. */

static KontorContact *
add_contact (KontorStore *store,
             const char  *first,
             const char  *last,
             const char  *company_id,
             const char  *email,
             const char  *phone)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);
  kontor_contact_set_company_id (contact, company_id);
  if (email != NULL)
    {
      g_autoptr(GPtrArray) emails = kontor_channel_array_new ();

      g_ptr_array_add (emails, kontor_channel_new ("work", email));
      kontor_contact_set_emails (contact, emails);
    }
  if (phone != NULL)
    {
      g_autoptr(GPtrArray) phones = kontor_channel_array_new ();

      g_ptr_array_add (phones, kontor_channel_new ("work", phone));
      kontor_contact_set_phones (contact, phones);
    }
  kontor_test_save (store, contact);

  return contact;
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static GPtrArray *
scan (KontorStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs = kontor_store_find_duplicates (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pairs);

  return pairs;
}

static KontorDuplicatePair *
find_pair (GPtrArray *pairs,
           gpointer   a,
           gpointer   b)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      KontorDuplicatePair *pair = g_ptr_array_index (pairs, i);

      if (kontor_duplicate_pair_involves (pair, id_of (a)) &&
          kontor_duplicate_pair_involves (pair, id_of (b)))
        return pair;
    }

  return NULL;
}

/* Each reason finds its pair: the e-mail address whatever its case, the
 * phone number however it was typed, the name with umlauts transliterated
 * at the same company (legal form folded), and the name alone; contacts
 * with nothing in common are no pair, and each pair is listed once */
static void
test_scan_reasons (KontorStoreFixture *fixture,
                   gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) mueller = kontor_company_new ("Müller GmbH");
  g_autoptr(KontorCompany) mueller2 = NULL;
  g_autoptr(KontorContact) a1 = NULL, a2 = NULL, b1 = NULL, b2 = NULL, c1 = NULL, c2 = NULL;
  g_autoptr(KontorContact) d1 = NULL, d2 = NULL, other = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  KontorDuplicatePair *pair;

  kontor_test_save (store, mueller);
  mueller2 = kontor_company_new ("Mueller GmbH & Co. KG");
  kontor_test_save (store, mueller2);

  a1 = add_contact (store, "Anna", "Schmidt", NULL, "Anna.Schmidt@Example.org", NULL);
  a2 = add_contact (store, "A.", "Schmidt-Weber", NULL, "anna.schmidt@example.ORG", NULL);
  b1 = add_contact (store, "Bernd", "Kuhn", NULL, NULL, "+49 (0)221 123 456 7");
  b2 = add_contact (store, "B.", "Kuhn", NULL, NULL, "0221/1234567");
  c1 = add_contact (store, "Jürgen", "Groß", id_of (mueller), NULL, NULL);
  c2 = add_contact (store, "Juergen", "Gross", id_of (mueller2), NULL, NULL);
  d1 = add_contact (store, "Dora", "Öztürk", NULL, NULL, NULL);
  d2 = add_contact (store, "Dora", "Oeztuerk", NULL, NULL, NULL);
  other = add_contact (store, "Emil", "Fischer", NULL, "emil@example.org", "0221 999999");

  pairs = scan (store);
  g_assert_cmpuint (pairs->len, ==, 4);

  pair = find_pair (pairs, a1, a2);
  g_assert_nonnull (pair);
  g_assert_cmpint (kontor_duplicate_pair_get_reasons (pair), ==, KONTOR_DUPLICATE_REASON_EMAIL);
  /* the older first: the one to keep by default */
  g_assert_cmpstr (kontor_duplicate_pair_get_id (pair, 0), ==, id_of (a1));
  g_assert_cmpstr (kontor_duplicate_pair_get_name (pair, 0), ==, "Anna Schmidt");

  pair = find_pair (pairs, b1, b2);
  g_assert_nonnull (pair);
  g_assert_cmpint (kontor_duplicate_pair_get_reasons (pair), ==, KONTOR_DUPLICATE_REASON_PHONE);

  pair = find_pair (pairs, c1, c2);
  g_assert_nonnull (pair);
  g_assert_cmpint (kontor_duplicate_pair_get_reasons (pair), ==,
                   KONTOR_DUPLICATE_REASON_NAME_COMPANY);
  g_assert_cmpstr (kontor_duplicate_pair_get_company (pair, 0), ==, "Müller GmbH");

  pair = find_pair (pairs, d1, d2);
  g_assert_nonnull (pair);
  g_assert_cmpint (kontor_duplicate_pair_get_reasons (pair), ==, KONTOR_DUPLICATE_REASON_NAME);

  g_assert_null (find_pair (pairs, a1, other));
  g_assert_null (find_pair (pairs, b1, other));
}

/* Ranked: e-mail over phone over name and company over the name alone,
 * and several reasons add up above any one */
static void
test_scan_ranking (KontorStoreFixture *fixture,
                   gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) a1 = NULL, a2 = NULL, b1 = NULL, b2 = NULL;
  g_autoptr(KontorContact) c1 = NULL, c2 = NULL, d1 = NULL, d2 = NULL;
  g_autoptr(KontorCompany) acme = kontor_company_new ("Acme AG");
  g_autoptr(GPtrArray) pairs = NULL;
  guint last = 101;

  kontor_test_save (store, acme);
  d1 = add_contact (store, "Nina", "Roth", NULL, NULL, NULL);
  d2 = add_contact (store, "Nina", "Roth", NULL, NULL, NULL);
  c1 = add_contact (store, "Olaf", "Berg", id_of (acme), NULL, NULL);
  c2 = add_contact (store, "Olaf", "Berg", id_of (acme), NULL, NULL);
  b1 = add_contact (store, "Paul", "Hahn", NULL, NULL, "030 1234567");
  b2 = add_contact (store, "Peter", "Falk", NULL, NULL, "+49 30 1234567");
  a1 = add_contact (store, "Rita", "Lang", NULL, "rita@example.org", "040 7654321");
  a2 = add_contact (store, "Rita", "Lang", NULL, "RITA@example.org", "040 7654321");

  pairs = scan (store);
  g_assert_cmpuint (pairs->len, ==, 4);
  g_assert_true (g_ptr_array_index (pairs, 0) == find_pair (pairs, a1, a2));
  g_assert_true (g_ptr_array_index (pairs, 1) == find_pair (pairs, b1, b2));
  g_assert_true (g_ptr_array_index (pairs, 2) == find_pair (pairs, c1, c2));
  g_assert_true (g_ptr_array_index (pairs, 3) == find_pair (pairs, d1, d2));
  g_assert_cmpint (kontor_duplicate_pair_get_reasons (g_ptr_array_index (pairs, 0)), ==,
                   KONTOR_DUPLICATE_REASON_EMAIL | KONTOR_DUPLICATE_REASON_PHONE |
                   KONTOR_DUPLICATE_REASON_NAME);
  for (guint i = 0; i < pairs->len; i++)
    {
      guint score = kontor_duplicate_pair_get_score (g_ptr_array_index (pairs, i));

      g_assert_cmpuint (score, <, last);
      last = score;
    }
}

/* Three contacts with one address are three pairs; a name shared by many
 * contacts is too common to list */
static void
test_scan_groups (KontorStoreFixture *fixture,
                  gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pairs = NULL;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (contacts, add_contact (store, "Info", NULL, NULL, "info@example.org", NULL));
  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (contacts, add_contact (store, "Thomas", "Müller", NULL, NULL, NULL));

  pairs = scan (store);
  g_assert_cmpuint (pairs->len, ==, 3);
  for (guint i = 0; i < pairs->len; i++)
    g_assert_true (kontor_duplicate_pair_get_reasons (g_ptr_array_index (pairs, i)) &
                   KONTOR_DUPLICATE_REASON_EMAIL);
}

/* The scan on a worker with a connection of its own gives the same list
 * as a GListModel; a cancelled scan gives none */
static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GListModel **model = user_data;
  g_autoptr(GError) error = NULL;

  *model = kontor_store_find_duplicates_finish (KONTOR_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_scan_cancelled (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GListModel) model = kontor_store_find_duplicates_finish (KONTOR_STORE (source),
                                                                     result, error);

  g_assert_null (model);
}

static void
test_scan_async (KontorStoreFixture *fixture,
                 gconstpointer       data)
{
  g_autoptr(KontorContact) a = add_contact (fixture->store, "Anna", "Schmidt", NULL,
                                            "anna@example.org", NULL);
  g_autoptr(KontorContact) b = add_contact (fixture->store, "Anna", "Schmitt", NULL,
                                            "anna@example.org", NULL);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(KontorDuplicatePair) pair = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;

  kontor_store_find_duplicates_async (fixture->store, NULL, on_scanned, &model);
  g_assert_true (kontor_test_iterate_until (is_set, &model, 30));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  pair = g_list_model_get_item (model, 0);
  g_assert_true (kontor_duplicate_pair_involves (pair, id_of (a)));
  g_assert_true (kontor_duplicate_pair_involves (pair, id_of (b)));

  g_cancellable_cancel (cancellable);
  kontor_store_find_duplicates_async (fixture->store, cancellable, on_scan_cancelled, &error);
  g_assert_true (kontor_test_iterate_until (is_set, &error, 30));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

/* ------------------------------------------------------------------------ */
/* The merge */

typedef struct
{
  KontorStoreFixture  base;
  KontorCompany      *bakery;
  KontorContact      *kept;
  KontorContact      *removed;
  KontorContact      *third;
  KontorActivity     *call;        /* recorded on the removed contact */
  KontorActivity     *meeting;     /* on the third, the removed took part */
  KontorEmployment   *employment;  /* the removed contact's former employer */
  KontorGroup        *fair;        /* both were in it */
  KontorGroup        *newsletter;  /* only the removed */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  KontorStore *store;
  g_autoptr(KontorGroupMember) m1 = NULL, m2 = NULL, m3 = NULL;
  const char *participants[2] = { NULL, NULL };

  kontor_store_fixture_set_up (&fixture->base, data);
  store = fixture->base.store;

  fixture->bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  kontor_test_save (store, fixture->bakery);

  fixture->kept = add_contact (store, "Anna", "Schmidt", NULL, "anna@example.org",
                               "0221 1234567");
  kontor_contact_set_job_title (fixture->kept, "Einkauf");
  kontor_contact_set_customer_number (fixture->kept, "K-1");
  kontor_test_save (store, fixture->kept);
  fixture->removed = add_contact (store, "Anna", "Schmidt", NULL, "ANNA@example.org",
                                  "0170 7654321");
  kontor_contact_set_job_title (fixture->removed, "Geschäftsführerin");
  kontor_contact_set_city (fixture->removed, "Köln");
  kontor_contact_set_customer_number (fixture->removed, "K-2");
  kontor_test_save (store, fixture->removed);
  fixture->third = add_contact (store, "Otto", "Lang", NULL, NULL, NULL);

  fixture->call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (fixture->removed));
  kontor_activity_set_topic (fixture->call, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_activity_set_starts_at (fixture->call, 1700000000);
  participants[0] = id_of (fixture->kept);
  kontor_activity_set_participant_contact_ids (fixture->call, participants);
  kontor_test_save (store, fixture->call);

  fixture->meeting = kontor_activity_new (KONTOR_ACTIVITY_KIND_MEETING,
                                          KONTOR_RECORD (fixture->third));
  kontor_activity_set_topic (fixture->meeting, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_activity_set_starts_at (fixture->meeting, 1700000000);
  kontor_activity_set_ends_at (fixture->meeting, 1700003600);
  participants[0] = id_of (fixture->removed);
  kontor_activity_set_participant_contact_ids (fixture->meeting, participants);
  kontor_test_save (store, fixture->meeting);

  fixture->employment = kontor_employment_new (id_of (fixture->removed), id_of (fixture->bakery));
  kontor_employment_set_ended_on (fixture->employment, "2025-12-31");
  kontor_test_save (store, fixture->employment);

  fixture->fair = kontor_group_new ("Messe");
  kontor_test_save (store, fixture->fair);
  fixture->newsletter = kontor_group_new ("Newsletter");
  kontor_test_save (store, fixture->newsletter);
  m1 = kontor_group_member_new (id_of (fixture->fair), id_of (fixture->kept));
  kontor_test_save (store, m1);
  m2 = kontor_group_member_new (id_of (fixture->fair), id_of (fixture->removed));
  kontor_test_save (store, m2);
  m3 = kontor_group_member_new (id_of (fixture->newsletter), id_of (fixture->removed));
  kontor_test_save (store, m3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->bakery);
  g_clear_object (&fixture->kept);
  g_clear_object (&fixture->removed);
  g_clear_object (&fixture->third);
  g_clear_object (&fixture->call);
  g_clear_object (&fixture->meeting);
  g_clear_object (&fixture->employment);
  g_clear_object (&fixture->fair);
  g_clear_object (&fixture->newsletter);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static gint64
count (Fixture    *fixture,
       const char *sql,
       gpointer    record)
{
  return kontor_test_query_int (fixture->base.store, sql, record != NULL ? id_of (record) : NULL);
}

static gpointer
load (Fixture  *fixture,
      GType     type,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;
  gpointer loaded = kontor_store_load (fixture->base.store, type, id_of (record), &error);

  g_assert_no_error (error);

  return loaded;
}

static KontorContactMerge *
merge (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KontorContactMerge *merge = kontor_contact_merge_new (fixture->base.store, id_of (fixture->kept),
                                                        id_of (fixture->removed), NULL);

  kontor_contact_merge_take_from_removed (merge, KONTOR_CONTACT_FIELD_JOB_TITLE, TRUE);
  kontor_contact_merge_take_from_removed (merge, KONTOR_CONTACT_FIELD_CITY, TRUE);
  kontor_contact_merge_take_from_removed (merge, KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER, TRUE);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);

  return merge;
}

static void
assert_merged (Fixture *fixture)
{
  g_autoptr(KontorContact) kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  g_autoptr(KontorActivity) call = load (fixture, KONTOR_TYPE_ACTIVITY, fixture->call);
  g_autoptr(KontorActivity) meeting = load (fixture, KONTOR_TYPE_ACTIVITY, fixture->meeting);
  g_autoptr(KontorEmployment) employment = load (fixture, KONTOR_TYPE_EMPLOYMENT,
                                                 fixture->employment);
  g_auto(GStrv) taking_part = NULL;
  GPtrArray *emails, *phones;

  /* the chosen fields from the removed contact, the others kept */
  g_assert_cmpstr (kontor_contact_get_job_title (kept), ==, "Geschäftsführerin");
  g_assert_cmpstr (kontor_contact_get_city (kept), ==, "Köln");
  g_assert_cmpstr (kontor_contact_get_customer_number (kept), ==, "K-2");
  g_assert_cmpstr (kontor_contact_get_first_name (kept), ==, "Anna");

  /* the same address once, the other number added */
  emails = kontor_contact_get_emails (kept);
  phones = kontor_contact_get_phones (kept);
  g_assert_cmpuint (emails->len, ==, 1);
  g_assert_cmpuint (phones->len, ==, 2);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (phones, 1))->value, ==, "0170 7654321");

  /* the removed contact's call is the kept one's, which no longer takes
   * part in it besides; the meeting has the kept one taking part */
  g_assert_cmpstr (kontor_activity_get_contact_id (call), ==, id_of (fixture->kept));
  taking_part = kontor_activity_dup_participant_contact_ids (call);
  g_assert_cmpuint (g_strv_length (taking_part), ==, 0);
  g_clear_pointer (&taking_part, g_strfreev);
  taking_part = kontor_activity_dup_participant_contact_ids (meeting);
  g_assert_cmpuint (g_strv_length (taking_part), ==, 1);
  g_assert_cmpstr (taking_part[0], ==, id_of (fixture->kept));
  g_assert_cmpstr (kontor_employment_get_contact_id (employment), ==, id_of (fixture->kept));

  /* groups: the fair once, the newsletter moved */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member WHERE contact_id = ?1",
                          fixture->kept), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member WHERE contact_id = ?1",
                          fixture->removed), ==, 0);

  /* gone, with a tombstone naming the kept contact, and its delete entry too */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE id = ?1",
                          fixture->removed), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_channel WHERE owner_id = ?1",
                          fixture->removed), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM tombstone WHERE merged_into = ?1",
                                          id_of (fixture->kept)), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone WHERE id = ?1 AND entity = 'contact'",
                          fixture->removed), ==, 1);
}

/* One merge moves everything named in the brief and deletes the removed
 * contact with its merged_into */
static void
test_merge_moves (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  /* a change of the removed contact's own, in its history */
  kontor_contact_set_notes (fixture->removed, "Ruft gern morgens an");
  kontor_test_save (fixture->base.store, fixture->removed);

  op = merge (fixture);
  assert_merged (fixture);

  /* its history is the kept contact's now */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM journal WHERE entity_id = ?1 "
                                   "AND field = 'notes'", fixture->kept), ==, 1);
  changes = kontor_store_list_changes (fixture->base.store, id_of (fixture->kept), 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, >=, 1);

  /* the delete entry names the kept contact for the server */
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM outbox WHERE op = 'delete' AND "
                                          "json_extract (value_json, '$.merged_into') = ?1",
                                          id_of (fixture->kept)), ==, 1);
  /* the pair is found no more */
  {
    g_autoptr(GPtrArray) pairs = scan (fixture->base.store);

    g_assert_cmpuint (pairs->len, ==, 0);
  }
}

static gchar *
dump (Fixture *fixture)
{
  GString *text = g_string_new (NULL);
  const char *queries[] = {
    "SELECT id, first_name, job_title, city, customer_number FROM contact ORDER BY id",
    "SELECT id, owner_id, kind, label, value FROM contact_channel ORDER BY id",
    "SELECT id, contact_id, participant_contacts FROM activity ORDER BY id",
    "SELECT id, contact_id FROM employment ORDER BY id",
    "SELECT group_id, contact_id FROM contact_group_member ORDER BY group_id, contact_id",
    /* the history as it was; the merge and its undo add their own rows */
    "SELECT rid, entity_id, field FROM journal WHERE rid <= 6 ORDER BY rid",
    "SELECT person_id, activity_rid FROM activity_participant ORDER BY 1, 2",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store, queries[q], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (text, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (text, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (text, FALSE);
}

/* Undo brings back what was there: the removed contact under its id with
 * its addresses and numbers, its activities, employer, groups and history,
 * the kept contact's values; a redo merges again */
static void
test_merge_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;

  kontor_contact_set_notes (fixture->removed, "Ruft gern morgens an");
  kontor_test_save (fixture->base.store, fixture->removed);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, "SELECT max (rid) FROM journal",
                                          NULL), ==, 6);
  before = dump (fixture);

  op = merge (fixture);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);

  after_undo = dump (fixture);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone WHERE id = ?1",
                          fixture->removed), ==, 0);
  /* a delete not sent yet names no kept contact any more: the other
   * machines are not to move their own records to it */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                                   "AND op = 'delete' AND value_json IS NOT NULL",
                          fixture->removed), ==, 0);

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);
  assert_merged (fixture);
}

/* An objection to marketing (feature X11) of the removed contact is
 * kept, not a choice; undo takes it back off the kept one */
static void
test_merge_marketing_objection (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(KontorContact) kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_contact_merge_field_is_choice (KONTOR_CONTACT_FIELD_MARKETING_OBJECTION));
  kontor_contact_set_marketing_objection (fixture->removed, TRUE);
  kontor_test_save (fixture->base.store, fixture->removed);

  op = merge (fixture);
  kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  g_assert_true (kontor_contact_get_marketing_objection (kept));
  g_assert_false (kontor_contact_allows_marketing (kept));
  g_clear_object (&kept);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);
  kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  g_assert_false (kontor_contact_get_marketing_objection (kept));
}

/* A pull page changing one text field of @record: a colleague's edit */
static JsonArray *
new_field_page (KontorRecord *record,
                const char   *field,
                const char   *value,
                guint         seq)
{
  g_autofree char *text = g_strdup_printf ("[{\"seq\": %u, \"entity\": \"%s\", \"id\": \"%s\", "
                                           "\"op\": \"upsert\", \"fields\": {\"%s\": "
                                           "{\"value\": \"%s\", \"rev\": %u}}}]", seq,
                                           kontor_record_get_entity (record),
                                           kontor_record_get_id (record), field, value, seq);
  g_autoptr(JsonNode) node = kontor_json_parse (text);

  g_assert_nonnull (node);

  return json_array_ref (json_node_get_array (node));
}

static gboolean
has_phone (KontorContact *contact,
           const char    *number)
{
  GPtrArray *phones = kontor_contact_get_phones (contact);

  for (guint i = 0; phones != NULL && i < phones->len; i++)
    if (g_str_equal (((KontorChannel *) g_ptr_array_index (phones, i))->value, number))
      return TRUE;

  return FALSE;
}

/* Undo puts back exactly what the merge changed: a field a colleague
 * changed between merge and undo (pulled) keeps the newer value, and so
 * does one edited here; of the numbers only the one the merge added goes,
 * the one added since stays; a moved record that points elsewhere since
 * stays there, and one deleted since is skipped, not an error */
static void
test_merge_undo_keeps_later_edits (Fixture       *fixture,
                                   gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(KontorContact) kept = NULL;
  g_autoptr(KontorContact) removed = NULL;
  g_autoptr(KontorActivity) meeting = NULL;
  g_autoptr(KontorEmployment) employment = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) taking_part = NULL;

  op = merge (fixture);
  /* everything so far is on the server */
  kontor_test_exec (store, "DELETE FROM outbox");

  /* a colleague's new job title, pulled */
  page = new_field_page (KONTOR_RECORD (fixture->kept), "job_title", "Vertriebsleiterin", 60);
  g_assert_true (kontor_store_sync_apply_changes (store, page, 60, &error));
  g_assert_no_error (error);

  /* here: a number added to the kept contact, the employment given to
   * another contact, the moved call deleted */
  kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  g_assert_cmpstr (kontor_contact_get_job_title (kept), ==, "Vertriebsleiterin");
  g_assert_true (has_phone (kept, "0170 7654321"));
  phones = kontor_channel_array_copy (kontor_contact_get_phones (kept));
  g_ptr_array_add (phones, kontor_channel_new ("home", "0221 5550000"));
  kontor_contact_set_phones (kept, phones);
  kontor_test_save (store, kept);
  g_clear_object (&kept);
  employment = load (fixture, KONTOR_TYPE_EMPLOYMENT, fixture->employment);
  kontor_employment_set_contact_id (employment, id_of (fixture->third));
  kontor_test_save (store, employment);
  g_clear_object (&employment);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (fixture->call), &error));
  g_assert_no_error (error);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);

  kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  /* the newer value stays; the fields unchanged since are the kept one's again */
  g_assert_cmpstr (kontor_contact_get_job_title (kept), ==, "Vertriebsleiterin");
  g_assert_cmpstr (kontor_contact_get_city (kept), ==, NULL);
  g_assert_cmpstr (kontor_contact_get_customer_number (kept), ==, "K-1");
  /* its own number and the one added since, not the removed one's */
  g_assert_cmpuint (kontor_contact_get_phones (kept)->len, ==, 2);
  g_assert_true (has_phone (kept, "0221 1234567"));
  g_assert_true (has_phone (kept, "0221 5550000"));
  g_assert_false (has_phone (kept, "0170 7654321"));

  removed = load (fixture, KONTOR_TYPE_CONTACT, fixture->removed);
  g_assert_cmpstr (kontor_contact_get_customer_number (removed), ==, "K-2");
  g_assert_true (has_phone (removed, "0170 7654321"));
  /* the meeting has the removed contact taking part again */
  meeting = load (fixture, KONTOR_TYPE_ACTIVITY, fixture->meeting);
  taking_part = kontor_activity_dup_participant_contact_ids (meeting);
  g_assert_cmpuint (g_strv_length (taking_part), ==, 1);
  g_assert_cmpstr (taking_part[0], ==, id_of (fixture->removed));
  /* the employment stays where it was put since */
  employment = load (fixture, KONTOR_TYPE_EMPLOYMENT, fixture->employment);
  g_assert_cmpstr (kontor_employment_get_contact_id (employment), ==, id_of (fixture->third));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM activity WHERE id = ?1",
                          fixture->call), ==, 0);
  /* the groups as they were */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member WHERE contact_id = ?1",
                          fixture->removed), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member WHERE contact_id = ?1",
                          fixture->kept), ==, 1);
}

/* A group deleted between merge and undo: the removed contact's
 * membership dropped by the merge (the kept one was in the group too) is
 * not given back, and the undo succeeds */
static void
test_merge_undo_group_deleted (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GError) error = NULL;

  op = merge (fixture);
  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (fixture->fair), &error));
  g_assert_no_error (error);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE id = ?1",
                          fixture->removed), ==, 1);
  /* the newsletter moved back */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member WHERE contact_id = ?1",
                          fixture->removed), ==, 1);
}

static void
set_sales_reps (KontorStore   *store,
                KontorContact *contact,
                const char    *rep)
{
  const char *reps[2] = { rep, NULL };

  kontor_contact_set_sales_reps (contact, reps);
  kontor_test_save (store, contact);
}

/* A sales rep whose role is no longer sales stays on the records he was
 * on (src/README.md "Users"): merging such a record gives him to the kept
 * one, its undo gives him back, also when the kept one had him too; giving
 * him to another record outside a merge is still refused */
static void
test_merge_former_sales_rep (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorUser) sam = kontor_user_new ("sam", "Sam Seller", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(KontorContact) kept = NULL;
  g_autoptr(KontorContact) removed = NULL;
  g_autoptr(GError) error = NULL;
  const char *reps[2] = { NULL, NULL };

  kontor_test_save (store, sam);
  set_sales_reps (store, fixture->removed, id_of (sam));
  kontor_user_set_role (sam, KONTOR_USER_ROLE_VIEWER);
  kontor_test_save (store, sam);

  /* the kept contact gets him */
  op = merge (fixture);
  kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  g_assert_cmpstrv (kontor_contact_get_sales_reps (kept), ((const char *[]) { id_of (sam), NULL }));
  g_clear_object (&kept);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);
  removed = load (fixture, KONTOR_TYPE_CONTACT, fixture->removed);
  g_assert_cmpstrv (kontor_contact_get_sales_reps (removed), ((const char *[]) { id_of (sam), NULL }));
  kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  g_assert_true (kontor_contact_get_sales_reps (kept) == NULL ||
                 kontor_contact_get_sales_reps (kept)[0] == NULL);

  /* outside a merge the rule holds */
  reps[0] = id_of (sam);
  kontor_contact_set_sales_reps (kept, reps);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (kept), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_clear_object (&kept);
  g_clear_object (&op);

  /* both had him (when he still sold): merge and undo */
  kontor_user_set_role (sam, KONTOR_USER_ROLE_SALES);
  kontor_test_save (store, sam);
  kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  set_sales_reps (store, kept, id_of (sam));
  kontor_user_set_role (sam, KONTOR_USER_ROLE_VIEWER);
  kontor_test_save (store, sam);
  g_clear_object (&fixture->removed);
  fixture->removed = load (fixture, KONTOR_TYPE_CONTACT, removed);
  op = merge (fixture);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);
  g_clear_object (&removed);
  removed = load (fixture, KONTOR_TYPE_CONTACT, fixture->removed);
  g_assert_cmpstrv (kontor_contact_get_sales_reps (removed), ((const char *[]) { id_of (sam), NULL }));
  g_clear_object (&kept);
  kept = load (fixture, KONTOR_TYPE_CONTACT, fixture->kept);
  g_assert_cmpstrv (kontor_contact_get_sales_reps (kept), ((const char *[]) { id_of (sam), NULL }));
}

/* A merge that fails at its last write (the kept contact's update,
 * refused here by a trigger) leaves everything as it was: the moves and
 * the delete before it are rolled back with it */
static void
test_merge_failed_changes_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 outbox = kontor_test_outbox_last_seq (fixture->base.store);

  kontor_test_exec (fixture->base.store,
                    "CREATE TEMP TRIGGER refuse BEFORE UPDATE OF city ON contact "
                    "WHEN new.city = 'Köln' BEGIN SELECT RAISE (ABORT, 'refused'); END");
  before = dump (fixture);
  op = kontor_contact_merge_new (fixture->base.store, id_of (fixture->kept),
                                 id_of (fixture->removed), NULL);
  kontor_contact_merge_take_from_removed (op, KONTOR_CONTACT_FIELD_CITY, TRUE);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (op), &error));
  g_assert_nonnull (error);
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (kontor_test_outbox_last_seq (fixture->base.store), ==, outbox);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone WHERE id = ?1",
                          fixture->removed), ==, 0);
}

/* A viewer may not merge: the store refuses it with the role's message
 * and nothing changes */
static void
test_merge_viewer_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorUser) viewer = kontor_user_new ("vera", "Vera Viewer", KONTOR_USER_ROLE_VIEWER);
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  kontor_test_save (fixture->base.store, viewer);
  g_assert_true (kontor_store_set_current_user (fixture->base.store, viewer, &error));
  g_assert_no_error (error);
  before = dump (fixture);
  op = kontor_contact_merge_new (fixture->base.store, id_of (fixture->kept),
                                 id_of (fixture->removed), NULL);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (op), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* ------------------------------------------------------------------------ */
/* Another machine's merge, pulled */

static JsonArray *
parse_array (const char *text)
{
  g_autoptr(JsonNode) node = kontor_json_parse (text);

  g_assert_nonnull (node);

  return json_array_ref (json_node_get_array (node));
}

/* A pull page of one change: the record @record as the server sends it */
static JsonArray *
new_upsert_page (KontorRecord *record,
                 guint         seq)
{
  g_autoptr(JsonObject) values = kontor_record_to_json (record);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(GList) names = json_object_get_members (values);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *field = json_object_new ();

      json_object_set_member (field, "value",
                              json_node_copy (json_object_get_member (values, l->data)));
      json_object_set_int_member (field, "rev", seq);
      json_object_set_object_member (fields, l->data, field);
    }
  json_object_set_int_member (change, "seq", seq);
  json_object_set_string_member (change, "entity", kontor_record_get_entity (record));
  json_object_set_string_member (change, "id", kontor_record_get_id (record));
  json_object_set_string_member (change, "op", "upsert");
  json_object_set_object_member (change, "fields", g_steal_pointer (&fields));
  json_array_add_object_element (page, g_steal_pointer (&change));

  return g_steal_pointer (&page);
}

/* A colleague merged the removed contact into the kept one: the pull
 * moves what this machine recorded on it meanwhile (a call, not sent
 * yet) to the kept contact before the delete, notes merged_into in the
 * tombstone, and a call that arrives later naming the removed contact
 * is stored on the kept one */
static void
test_pulled_merge (Fixture       *fixture,
                   gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) offline = NULL;
  g_autoptr(KontorActivity) later = NULL;
  g_autoptr(KontorActivity) loaded = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autoptr(JsonArray) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* everything so far is on the server */
  kontor_test_exec (store, "DELETE FROM outbox");
  offline = kontor_activity_new (KONTOR_ACTIVITY_KIND_NOTE, KONTOR_RECORD (fixture->removed));
  kontor_activity_set_topic (offline, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_activity_set_subject (offline, "Notiz von unterwegs");
  kontor_activity_set_starts_at (offline, 1700000400);
  kontor_test_save (store, offline);

  text = g_strdup_printf ("[{\"seq\": 50, \"entity\": \"contact\", \"id\": \"%s\", "
                          "\"op\": \"delete\", \"fields\": {\"merged_into\": "
                          "{\"value\": \"%s\"}}}]", id_of (fixture->removed),
                          id_of (fixture->kept));
  page = parse_array (text);
  g_assert_true (kontor_store_sync_apply_changes (store, page, 50, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE id = ?1",
                          fixture->removed), ==, 0);
  loaded = load (fixture, KONTOR_TYPE_ACTIVITY, offline);
  g_assert_cmpstr (kontor_activity_get_contact_id (loaded), ==, id_of (fixture->kept));
  g_clear_object (&loaded);
  /* moved here as the server's state (the server moved its copies):
   * neither an edit to push nor one of the user's in the history */
  loaded = load (fixture, KONTOR_TYPE_ACTIVITY, fixture->call);
  g_assert_cmpstr (kontor_activity_get_contact_id (loaded), ==, id_of (fixture->kept));
  g_clear_object (&loaded);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                                   "AND state = 'pending'", fixture->call), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM journal WHERE entity_id = ?1 "
                                   "AND field = 'contact_id'", fixture->call), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                                   "AND op = 'create' AND state = 'pending'", offline), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM tombstone WHERE "
                                                 "merged_into = ?1", id_of (fixture->kept)), ==, 1);
  /* no delete of ours goes back to the server */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity_id = ?1",
                          fixture->removed), ==, 0);

  /* a call recorded elsewhere on the removed contact, arriving now */
  later = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (fixture->kept));
  kontor_activity_set_topic (later, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_activity_set_starts_at (later, 1700000500);
  kontor_activity_set_contact_id (later, id_of (fixture->removed));
  {
    g_autofree char *id = kontor_uuid_v7_new ();

    kontor_record_set_id (KONTOR_RECORD (later), id);
  }
  second = new_upsert_page (KONTOR_RECORD (later), 51);
  g_assert_true (kontor_store_sync_apply_changes (store, second, 51, &error));
  g_assert_no_error (error);
  loaded = load (fixture, KONTOR_TYPE_ACTIVITY, later);
  g_assert_cmpstr (kontor_activity_get_contact_id (loaded), ==, id_of (fixture->kept));

  /* a membership arriving later, of the removed contact in a group the
   * kept one is in already: not stored twice (the server deletes it), and
   * no change of the server's is refused */
  {
    g_autoptr(KontorGroupMember) member = kontor_group_member_new (id_of (fixture->fair),
                                                                   id_of (fixture->removed));
    g_autofree char *id = kontor_uuid_v7_new ();
    g_autoptr(JsonArray) third = NULL;

    kontor_record_set_id (KONTOR_RECORD (member), id);
    third = new_upsert_page (KONTOR_RECORD (member), 52);
    g_assert_true (kontor_store_sync_apply_changes (store, third, 52, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member WHERE "
                                     "contact_id = ?1", fixture->kept), ==, 2);
    g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM rejected", NULL),
                     ==, 0);
  }
}

/* On a viewer's machine (which writes nothing of its own) the pull moves
 * what names the removed contact all the same, as the server's state,
 * with nothing to send */
static void
test_pulled_merge_viewer (Fixture       *fixture,
                          gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorUser) viewer = kontor_user_new ("vera", "Vera Viewer", KONTOR_USER_ROLE_VIEWER);
  g_autoptr(KontorActivity) loaded = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  kontor_test_save (store, viewer);
  kontor_test_exec (store, "DELETE FROM outbox");
  g_assert_true (kontor_store_set_current_user (store, viewer, &error));
  g_assert_no_error (error);

  text = g_strdup_printf ("[{\"seq\": 50, \"entity\": \"contact\", \"id\": \"%s\", "
                          "\"op\": \"delete\", \"fields\": {\"merged_into\": "
                          "{\"value\": \"%s\"}}}]", id_of (fixture->removed),
                          id_of (fixture->kept));
  page = parse_array (text);
  g_assert_true (kontor_store_sync_apply_changes (store, page, 50, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE id = ?1",
                          fixture->removed), ==, 0);
  loaded = load (fixture, KONTOR_TYPE_ACTIVITY, fixture->call);
  g_assert_cmpstr (kontor_activity_get_contact_id (loaded), ==, id_of (fixture->kept));
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM rejected", NULL), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Companies */

static KontorCompany *
add_company (KontorStore *store,
             const char  *name,
             const char  *number,
             const char  *website,
             const char  *email,
             const char  *phone)
{
  KontorCompany *company = kontor_company_new (name);

  kontor_company_set_customer_number (company, number);
  kontor_company_set_website (company, website);
  if (email != NULL)
    {
      g_autoptr(GPtrArray) emails = kontor_channel_array_new ();

      g_ptr_array_add (emails, kontor_channel_new ("work", email));
      kontor_company_set_emails (company, emails);
    }
  if (phone != NULL)
    {
      g_autoptr(GPtrArray) phones = kontor_channel_array_new ();

      g_ptr_array_add (phones, kontor_channel_new ("work", phone));
      kontor_company_set_phones (company, phones);
    }
  kontor_test_save (store, company);

  return company;
}

static GPtrArray *
scan_companies (KontorStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs = kontor_store_find_company_duplicates (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pairs);

  return pairs;
}

/* The web key: a website's host and an address's domain are one key, a
 * mail provider's domain none */
static void
test_domain_key (void)
{
  const struct { const char *text; const char *key; } cases[] = {
    { "https://www.Gamma-Werke.de/kontakt", "gamma-werke.de" },
    { "gamma-werke.de", "gamma-werke.de" },
    { "http://gamma-werke.de:8080?x=1", "gamma-werke.de" },
    { "Info@Gamma-Werke.DE", "gamma-werke.de" },
    { "anna@gmx.de", "" },
    { "https://www.gmail.com", "" },
    { "localhost", "" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = kontor_duplicate_domain_key (cases[i].text);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

/* Each reason finds its pair of companies, ranked: the customer number
 * (letters and digits only), the name with umlauts and legal form folded,
 * the website host against an e-mail domain, the phone number however it
 * was typed; two addresses at a mail provider are no pair, and the
 * contacts' scan lists no company */
static void
test_company_scan (KontorStoreFixture *fixture,
                   gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) n1 = NULL, n2 = NULL, m1 = NULL, m2 = NULL, w1 = NULL, w2 = NULL;
  g_autoptr(KontorCompany) p1 = NULL, p2 = NULL, f1 = NULL, f2 = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) contact_pairs = NULL;
  KontorDuplicatePair *pair;

  n1 = add_company (store, "Alpha AG", "KD-4711", NULL, NULL, NULL);
  n2 = add_company (store, "Beta KG", "kd 4711", NULL, NULL, NULL);
  m1 = add_company (store, "Müller GmbH", NULL, NULL, NULL, NULL);
  m2 = add_company (store, "Mueller GmbH & Co. KG", NULL, NULL, NULL, NULL);
  w1 = add_company (store, "Gamma", NULL, "https://www.gamma-werke.de/kontakt", NULL, NULL);
  w2 = add_company (store, "Gamma Werke Köln", NULL, NULL, "info@Gamma-Werke.de", NULL);
  p1 = add_company (store, "Delta", NULL, NULL, NULL, "+49 221 1234567");
  p2 = add_company (store, "Delta Handel", NULL, NULL, NULL, "0221/1234567");
  f1 = add_company (store, "Eins", NULL, NULL, "eins@gmx.de", NULL);
  f2 = add_company (store, "Zwei", NULL, NULL, "zwei@gmx.de", NULL);

  pairs = scan_companies (store);
  g_assert_cmpuint (pairs->len, ==, 4);

  pair = g_ptr_array_index (pairs, 0);
  g_assert_true (pair == find_pair (pairs, n1, n2));
  g_assert_cmpuint (kontor_duplicate_pair_get_reasons (pair), ==,
                    KONTOR_DUPLICATE_REASON_CUSTOMER_NUMBER);
  g_assert_cmpuint (kontor_duplicate_pair_get_score (pair), ==, 60);
  g_assert_true (kontor_duplicate_pair_get_record_type (pair) == KONTOR_TYPE_COMPANY);
  g_assert_cmpstr (kontor_duplicate_pair_get_id (pair, 0), ==, id_of (n1));

  pair = g_ptr_array_index (pairs, 1);
  g_assert_true (pair == find_pair (pairs, m1, m2));
  g_assert_cmpuint (kontor_duplicate_pair_get_reasons (pair), ==,
                    KONTOR_DUPLICATE_REASON_COMPANY_NAME);
  g_assert_cmpstr (kontor_duplicate_pair_get_name (pair, 0), ==, "Müller GmbH");

  pair = find_pair (pairs, w1, w2);
  g_assert_nonnull (pair);
  g_assert_cmpuint (kontor_duplicate_pair_get_reasons (pair), ==, KONTOR_DUPLICATE_REASON_DOMAIN);
  pair = find_pair (pairs, p1, p2);
  g_assert_nonnull (pair);
  g_assert_cmpuint (kontor_duplicate_pair_get_reasons (pair), ==, KONTOR_DUPLICATE_REASON_PHONE);
  g_assert_cmpuint (kontor_duplicate_pair_get_score (pair), ==, 40);
  g_assert_null (find_pair (pairs, f1, f2));

  contact_pairs = scan (store);
  g_assert_cmpuint (contact_pairs->len, ==, 0);
}

typedef struct
{
  KontorStoreFixture  base;
  KontorCompany      *kept;
  KontorCompany      *removed;
  KontorContact      *worker;      /* works at the removed company */
  KontorContact      *former;      /* worked there once */
  KontorActivity     *visit;       /* recorded on the removed company */
  KontorEmployment   *employment;  /* the former's, at the removed company */
  KontorGroup        *dynamic;     /* its filter selects the removed company's */
} CompanyFixture;

static void
company_fixture_set_up (CompanyFixture *fixture,
                        gconstpointer   data)
{
  KontorStore *store;

  kontor_store_fixture_set_up (&fixture->base, data);
  store = fixture->base.store;

  fixture->kept = add_company (store, "Müller GmbH", "F-1", NULL, "info@mueller.de",
                               "0221 1234567");
  kontor_company_set_city (fixture->kept, "Köln");
  kontor_test_save (store, fixture->kept);
  fixture->removed = add_company (store, "Mueller GmbH & Co. KG", "F-2", "www.mueller.de",
                                  "INFO@mueller.de", "0228 7654321");
  kontor_company_set_city (fixture->removed, "Bonn");
  kontor_company_set_industry (fixture->removed, "Maschinenbau");
  kontor_test_save (store, fixture->removed);

  fixture->worker = add_contact (store, "Anna", "Schmidt", id_of (fixture->removed), NULL, NULL);
  fixture->former = add_contact (store, "Otto", "Lang", NULL, NULL, NULL);
  fixture->visit = kontor_activity_new (KONTOR_ACTIVITY_KIND_MEETING,
                                        KONTOR_RECORD (fixture->removed));
  kontor_activity_set_topic (fixture->visit, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_activity_set_starts_at (fixture->visit, 1700000000);
  kontor_activity_set_ends_at (fixture->visit, 1700003600);
  kontor_test_save (store, fixture->visit);
  fixture->employment = kontor_employment_new (id_of (fixture->former), id_of (fixture->removed));
  kontor_employment_set_ended_on (fixture->employment, "2025-12-31");
  kontor_test_save (store, fixture->employment);

  /* a change of the removed company's own, in its history */
  kontor_company_set_notes (fixture->removed, "Lieferung nur dienstags");
  kontor_test_save (store, fixture->removed);

  {
    g_autoptr(KontorFilter) filter = kontor_filter_new ();
    g_autofree char *text = NULL;

    kontor_filter_set_company_id (filter, id_of (fixture->removed));
    text = kontor_filter_to_string (filter);
    fixture->dynamic = kontor_group_new ("Mueller-Leute");
    kontor_group_set_is_dynamic (fixture->dynamic, TRUE);
    kontor_group_set_filter (fixture->dynamic, text);
    kontor_test_save (store, fixture->dynamic);
  }
}

static void
company_fixture_tear_down (CompanyFixture *fixture,
                           gconstpointer   data)
{
  g_clear_object (&fixture->kept);
  g_clear_object (&fixture->removed);
  g_clear_object (&fixture->worker);
  g_clear_object (&fixture->former);
  g_clear_object (&fixture->visit);
  g_clear_object (&fixture->employment);
  g_clear_object (&fixture->dynamic);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static gchar *
dump_companies (CompanyFixture *fixture)
{
  GString *text = g_string_new (NULL);
  const char *queries[] = {
    "SELECT id, name, customer_number, city, website, industry, notes FROM company ORDER BY id",
    "SELECT owner_id, kind, label, value FROM company_channel ORDER BY 1, 2, 4",
    "SELECT id, company_id FROM contact ORDER BY id",
    "SELECT id, contact_id, company_id FROM activity ORDER BY id",
    "SELECT id, contact_id, company_id FROM employment ORDER BY id",
    "SELECT entity, id, merged_into FROM tombstone ORDER BY 1, 2",
    "SELECT id, filter FROM contact_group ORDER BY id",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store, queries[q], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (text, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (text, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (text, FALSE);
}

static gint64
company_count (CompanyFixture *fixture,
               const char     *sql,
               gpointer        record)
{
  return kontor_test_query_int (fixture->base.store, sql, id_of (record));
}

static KontorContactMerge *
merge_companies (CompanyFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KontorContactMerge *merge = kontor_company_merge_new (fixture->base.store, id_of (fixture->kept),
                                                        id_of (fixture->removed), NULL);

  g_assert_true (kontor_contact_merge_get_record_type (merge) == KONTOR_TYPE_COMPANY);
  g_assert_true (kontor_merge_field_is_choice (KONTOR_TYPE_COMPANY, KONTOR_COMPANY_FIELD_CITY));
  g_assert_false (kontor_merge_field_is_choice (KONTOR_TYPE_COMPANY, KONTOR_COMPANY_FIELD_PHONES));
  g_assert_false (kontor_merge_field_is_choice (KONTOR_TYPE_COMPANY,
                                                KONTOR_COMPANY_FIELD_LAST_ACTIVITY_AT));
  kontor_contact_merge_take_from_removed (merge, KONTOR_COMPANY_FIELD_CITY, TRUE);
  kontor_contact_merge_take_from_removed (merge, KONTOR_COMPANY_FIELD_CUSTOMER_NUMBER, TRUE);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (merge), &error));
  g_assert_no_error (error);

  return merge;
}

static void
assert_companies_merged (CompanyFixture *fixture)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCompany) kept = kontor_store_load (store, KONTOR_TYPE_COMPANY,
                                                     id_of (fixture->kept), &error);
  g_autoptr(KontorContact) worker = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                                                       id_of (fixture->worker), &error);
  g_autoptr(KontorActivity) visit = kontor_store_load (store, KONTOR_TYPE_ACTIVITY,
                                                       id_of (fixture->visit), &error);
  g_autoptr(KontorEmployment) employment = kontor_store_load (store, KONTOR_TYPE_EMPLOYMENT,
                                                              id_of (fixture->employment), &error);
  GPtrArray *emails, *phones;

  g_assert_no_error (error);
  /* chosen: the city and the number; not chosen: the kept company's name,
   * and its industry even where it has none */
  g_assert_cmpstr (kontor_company_get_name (kept), ==, "Müller GmbH");
  g_assert_cmpstr (kontor_company_get_city (kept), ==, "Bonn");
  g_assert_cmpstr (kontor_company_get_customer_number (kept), ==, "F-2");
  g_assert_null (kontor_company_get_industry (kept));
  emails = kontor_company_get_emails (kept);
  phones = kontor_company_get_phones (kept);
  g_assert_cmpuint (emails->len, ==, 1);
  g_assert_cmpuint (phones->len, ==, 2);

  g_assert_cmpstr (kontor_contact_get_company_id (worker), ==, id_of (fixture->kept));
  g_assert_cmpstr (kontor_contact_get_company_name (worker), ==, "Müller GmbH");
  g_assert_cmpstr (kontor_activity_get_company_id (visit), ==, id_of (fixture->kept));
  g_assert_cmpstr (kontor_employment_get_company_id (employment), ==, id_of (fixture->kept));
  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM journal WHERE entity_id = ?1 "
                                           "AND field = 'notes'", fixture->kept), ==, 1);
  {
    g_autoptr(KontorGroup) dynamic = kontor_store_load (store, KONTOR_TYPE_GROUP,
                                                        id_of (fixture->dynamic), &error);
    g_autoptr(KontorFilter) filter = NULL;

    g_assert_no_error (error);
    filter = kontor_filter_new_from_string (kontor_group_get_filter (dynamic), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kontor_filter_get_company_id (filter), ==, id_of (fixture->kept));
  }

  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM company WHERE id = ?1",
                                  fixture->removed), ==, 0);
  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM tombstone WHERE entity = "
                                           "'company' AND merged_into = ?1", fixture->kept), ==, 1);
  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM outbox WHERE entity = 'company' "
                                           "AND op = 'delete' AND json_extract (value_json, "
                                           "'$.merged_into') = ?1", fixture->kept), ==, 1);
}

/* One company merge moves the contacts working there, the activities
 * recorded on it, the employments naming it, the dynamic group selecting
 * its contacts and its history, and
 * deletes it with its merged_into; the pair is found no more */
static void
test_company_merge_moves (CompanyFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GPtrArray) before = scan_companies (fixture->base.store);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_cmpuint (before->len, ==, 1);
  g_assert_cmpuint (kontor_duplicate_pair_get_reasons (g_ptr_array_index (before, 0)), ==,
                    KONTOR_DUPLICATE_REASON_COMPANY_NAME | KONTOR_DUPLICATE_REASON_DOMAIN);

  op = merge_companies (fixture);
  assert_companies_merged (fixture);
  after = scan_companies (fixture->base.store);
  g_assert_cmpuint (after->len, ==, 0);
}

/* Undo brings everything back as it was, the removed company under its
 * id; redo merges again */
static void
test_company_merge_undo (CompanyFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_companies (fixture);
  g_autofree char *after_undo = NULL;
  gint64 journal = kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM journal WHERE entity_id = ?1",
                                          id_of (fixture->removed));

  g_assert_cmpint (journal, >, 0);
  op = merge_companies (fixture);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);
  after_undo = dump_companies (fixture);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM journal WHERE entity_id = ?1",
                                          id_of (fixture->removed)), >=, journal);
  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                                           "AND op = 'delete' AND value_json IS NOT NULL",
                                  fixture->removed), ==, 0);

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (op), &error));
  g_assert_no_error (error);
  assert_companies_merged (fixture);
}

/* A company merge refused at its last write changes nothing */
static void
test_company_merge_failed_changes_nothing (CompanyFixture *fixture,
                                           gconstpointer   data)
{
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 outbox = kontor_test_outbox_last_seq (fixture->base.store);

  kontor_test_exec (fixture->base.store,
                    "CREATE TEMP TRIGGER refuse BEFORE UPDATE OF city ON company "
                    "WHEN new.city = 'Bonn' BEGIN SELECT RAISE (ABORT, 'refused'); END");
  before = dump_companies (fixture);
  op = kontor_company_merge_new (fixture->base.store, id_of (fixture->kept),
                                 id_of (fixture->removed), NULL);
  kontor_contact_merge_take_from_removed (op, KONTOR_COMPANY_FIELD_CITY, TRUE);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (op), &error));
  g_assert_nonnull (error);
  after = dump_companies (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (kontor_test_outbox_last_seq (fixture->base.store), ==, outbox);
}

/* A viewer may not merge companies either */
static void
test_company_merge_viewer_refused (CompanyFixture *fixture,
                                   gconstpointer   data)
{
  g_autoptr(KontorUser) viewer = kontor_user_new ("vera", "Vera Viewer", KONTOR_USER_ROLE_VIEWER);
  g_autoptr(KontorContactMerge) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  kontor_test_save (fixture->base.store, viewer);
  g_assert_true (kontor_store_set_current_user (fixture->base.store, viewer, &error));
  g_assert_no_error (error);
  before = dump_companies (fixture);
  op = kontor_company_merge_new (fixture->base.store, id_of (fixture->kept),
                                 id_of (fixture->removed), NULL);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (op), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  after = dump_companies (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* A colleague merged the removed company into the kept one: a contact
 * this machine put there meanwhile moves to the kept company, as its own
 * edit, and a contact arriving later naming the removed company is
 * stored at the kept one */
static void
test_company_pulled_merge (CompanyFixture *fixture,
                           gconstpointer   data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) offline = NULL;
  g_autoptr(KontorContact) later = NULL;
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(JsonArray) page = NULL;
  g_autoptr(JsonArray) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  kontor_test_exec (store, "DELETE FROM outbox");
  offline = add_contact (store, "Bernd", "Kuhn", id_of (fixture->removed), NULL, NULL);

  text = g_strdup_printf ("[{\"seq\": 50, \"entity\": \"company\", \"id\": \"%s\", "
                          "\"op\": \"delete\", \"fields\": {\"merged_into\": "
                          "{\"value\": \"%s\"}}}]", id_of (fixture->removed),
                          id_of (fixture->kept));
  page = parse_array (text);
  g_assert_true (kontor_store_sync_apply_changes (store, page, 50, &error));
  g_assert_no_error (error);

  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM company WHERE id = ?1",
                                  fixture->removed), ==, 0);
  loaded = kontor_store_load (store, KONTOR_TYPE_CONTACT, id_of (offline), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==, id_of (fixture->kept));
  g_clear_object (&loaded);
  loaded = kontor_store_load (store, KONTOR_TYPE_CONTACT, id_of (fixture->worker), &error);
  g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==, id_of (fixture->kept));
  g_clear_object (&loaded);
  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                                           "AND state = 'pending'", fixture->worker), >=, 1);
  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM tombstone WHERE entity = "
                                           "'company' AND merged_into = ?1", fixture->kept), ==, 1);
  g_assert_cmpint (company_count (fixture, "SELECT count(*) FROM outbox WHERE entity_id = ?1",
                                  fixture->removed), ==, 0);

  later = kontor_contact_new ();
  kontor_contact_set_last_name (later, "Spät");
  kontor_contact_set_company_id (later, id_of (fixture->removed));
  {
    g_autofree char *id = kontor_uuid_v7_new ();

    kontor_record_set_id (KONTOR_RECORD (later), id);
  }
  second = new_upsert_page (KONTOR_RECORD (later), 51);
  g_assert_true (kontor_store_sync_apply_changes (store, second, 51, &error));
  g_assert_no_error (error);
  loaded = kontor_store_load (store, KONTOR_TYPE_CONTACT, id_of (later), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==, id_of (fixture->kept));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  KONTOR_STORE_TEST ("/duplicates/scan/reasons", test_scan_reasons);
  KONTOR_STORE_TEST ("/duplicates/scan/ranking", test_scan_ranking);
  KONTOR_STORE_TEST ("/duplicates/scan/groups", test_scan_groups);
  KONTOR_STORE_TEST ("/duplicates/scan/async", test_scan_async);
  g_test_add ("/duplicates/merge/moves", Fixture, NULL, fixture_set_up, test_merge_moves,
              fixture_tear_down);
  g_test_add ("/duplicates/merge/marketing-objection", Fixture, NULL, fixture_set_up,
              test_merge_marketing_objection, fixture_tear_down);
  g_test_add ("/duplicates/merge/undo", Fixture, NULL, fixture_set_up, test_merge_undo,
              fixture_tear_down);
  g_test_add ("/duplicates/merge/undo-keeps-later-edits", Fixture, NULL, fixture_set_up,
              test_merge_undo_keeps_later_edits, fixture_tear_down);
  g_test_add ("/duplicates/merge/undo-group-deleted", Fixture, NULL, fixture_set_up,
              test_merge_undo_group_deleted, fixture_tear_down);
  g_test_add ("/duplicates/merge/former-sales-rep", Fixture, NULL, fixture_set_up,
              test_merge_former_sales_rep, fixture_tear_down);
  g_test_add ("/duplicates/merge/failed-changes-nothing", Fixture, NULL, fixture_set_up,
              test_merge_failed_changes_nothing, fixture_tear_down);
  g_test_add ("/duplicates/merge/viewer-refused", Fixture, NULL, fixture_set_up,
              test_merge_viewer_refused, fixture_tear_down);
  g_test_add ("/duplicates/sync/pulled-merge", Fixture, NULL, fixture_set_up, test_pulled_merge,
              fixture_tear_down);
  g_test_add ("/duplicates/sync/pulled-merge-viewer", Fixture, NULL, fixture_set_up,
              test_pulled_merge_viewer, fixture_tear_down);
  g_test_add_func ("/duplicates/companies/domain-key", test_domain_key);
  KONTOR_STORE_TEST ("/duplicates/companies/scan", test_company_scan);
  g_test_add ("/duplicates/companies/merge-moves", CompanyFixture, NULL, company_fixture_set_up,
              test_company_merge_moves, company_fixture_tear_down);
  g_test_add ("/duplicates/companies/merge-undo", CompanyFixture, NULL, company_fixture_set_up,
              test_company_merge_undo, company_fixture_tear_down);
  g_test_add ("/duplicates/companies/merge-failed-changes-nothing", CompanyFixture, NULL,
              company_fixture_set_up, test_company_merge_failed_changes_nothing,
              company_fixture_tear_down);
  g_test_add ("/duplicates/companies/merge-viewer-refused", CompanyFixture, NULL,
              company_fixture_set_up, test_company_merge_viewer_refused,
              company_fixture_tear_down);
  g_test_add ("/duplicates/companies/pulled-merge", CompanyFixture, NULL, company_fixture_set_up,
              test_company_pulled_merge, company_fixture_tear_down);

  return g_test_run ();
}
