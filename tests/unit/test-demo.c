/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-demo"

#include "config.h"

#include <string.h>

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-demo-fill.h"
#include "kontor-record-rules.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"
#include "kontor-text.h"
#include "kontor-uuid.h"

/* The sample team behind `kontor --demo`, the screenshots and the
 * benchmarks: one seed gives the same records whatever the clock says,
 * every record is valid and linked to records of the sample, the data reads
 * like a German sales office's, and populating a database is one
 * transaction that never mixes the sample with real contacts. */

#define REFERENCE_TIME G_GINT64_CONSTANT (1795521600)   /* 2026-11-24 12:00 UTC */
#define REFERENCE_DATE "2026-11-24"
#define DAY            G_GINT64_CONSTANT (86400)

/* Large enough that shares are within a few percent of the intended ones. */
#define N_SAMPLE       4000

static const char * const pipeline_ids[] = {
  "00000000-0000-7000-8000-000000000001",
  "00000000-0000-7000-8000-000000000002",
  "00000000-0000-7000-8000-000000000003",
  "00000000-0000-7000-8000-000000000004",
  "00000000-0000-7000-8000-000000000005",
  "00000000-0000-7000-8000-000000000006",
};

/* ------------------------------------------------------------------------ */
/* Helpers */

/* The records of a sample by kind, borrowed from the built array; ids of
 * users, teams and companies for looking up references. */
typedef struct
{
  GPtrArray  *records;
  GPtrArray  *teams;
  GPtrArray  *users;
  GPtrArray  *companies;
  GPtrArray  *contacts;
  GHashTable *by_id;
} Sample;

static Sample *
sample_new (guint   n_contacts,
            guint32 seed)
{
  Sample *sample = g_new0 (Sample, 1);

  sample->records = kontor_demo_build (n_contacts, seed);
  sample->teams = g_ptr_array_new ();
  sample->users = g_ptr_array_new ();
  sample->companies = g_ptr_array_new ();
  sample->contacts = g_ptr_array_new ();
  sample->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sample->records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (sample->records, i);

      if (KONTOR_IS_TEAM (record))
        g_ptr_array_add (sample->teams, record);
      else if (KONTOR_IS_USER (record))
        g_ptr_array_add (sample->users, record);
      else if (KONTOR_IS_COMPANY (record))
        g_ptr_array_add (sample->companies, record);
      else if (KONTOR_IS_CONTACT (record))
        g_ptr_array_add (sample->contacts, record);
      else
        g_assert_true (KONTOR_IS_EMPLOYMENT (record) ||   /* test_build_employments */
                       KONTOR_IS_ACTIVITY (record) ||     /* test_build_activities */
                       KONTOR_IS_GROUP (record) ||        /* test_build_groups */
                       KONTOR_IS_GROUP_MEMBER (record));

      g_assert_nonnull (kontor_record_get_id (record));
      g_assert_false (g_hash_table_contains (sample->by_id, kontor_record_get_id (record)));
      g_hash_table_insert (sample->by_id, (gpointer) kontor_record_get_id (record), record);
    }

  return sample;
}

static void
sample_free (Sample *sample)
{
  g_hash_table_unref (sample->by_id);
  g_ptr_array_unref (sample->teams);
  g_ptr_array_unref (sample->users);
  g_ptr_array_unref (sample->companies);
  g_ptr_array_unref (sample->contacts);
  g_ptr_array_unref (sample->records);
  g_free (sample);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sample, sample_free)

static gpointer
lookup (Sample     *sample,
        const char *id,
        GType       type)
{
  KontorRecord *record = g_hash_table_lookup (sample->by_id, id);

  g_assert_nonnull (record);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (record, type));

  return record;
}

static gboolean
records_equal (KontorRecord *a,
               KontorRecord *b)
{
  g_autoptr(GArray) changed = NULL;

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b) ||
      g_strcmp0 (kontor_record_get_id (a), kontor_record_get_id (b)) != 0 ||
      kontor_record_get_created_at (a) != kontor_record_get_created_at (b))
    return FALSE;

  changed = kontor_record_diff (a, b);

  return changed->len == 0;
}

static gboolean
has_german_letter (const char *text)
{
  return text != NULL &&
         (strstr (text, "ä") != NULL || strstr (text, "ö") != NULL ||
          strstr (text, "ü") != NULL || strstr (text, "ß") != NULL ||
          strstr (text, "Ä") != NULL || strstr (text, "Ö") != NULL ||
          strstr (text, "Ü") != NULL);
}

/* How a number was typed, one class per notation people use. */
typedef enum
{
  NOTATION_INTERNATIONAL,         /* +49 30 1234567 */
  NOTATION_TRUNK,                 /* +49 (0)30 1234567 */
  NOTATION_DOUBLE_ZERO,           /* 0049 30 1234567 */
  NOTATION_PARENTHESES,           /* (030) 123 45 67 */
  NOTATION_SLASH,                 /* 030/1234567 */
  NOTATION_DIN,                   /* 030 12345-67 */
  NOTATION_NATIONAL,              /* 030 1234567 */
  NOTATION_AUSTRIA,               /* +43 1 5123456 */
  NOTATION_SWITZERLAND,           /* +41 44 123 45 67 */
  NOTATION_MOBILE,                /* 0171 2345678 */
  N_NOTATIONS
} Notation;

static Notation
classify_phone (const char *number)
{
  if (g_str_has_prefix (number, "+43") || g_str_has_prefix (number, "0043"))
    return NOTATION_AUSTRIA;
  if (g_str_has_prefix (number, "+41") || g_str_has_prefix (number, "0041"))
    return NOTATION_SWITZERLAND;
  if (g_str_has_prefix (number, "+49 (0)"))
    return NOTATION_TRUNK;
  if (g_str_has_prefix (number, "+49 "))
    return NOTATION_INTERNATIONAL;
  if (g_str_has_prefix (number, "0049 "))
    return NOTATION_DOUBLE_ZERO;
  if (number[0] == '(')
    return NOTATION_PARENTHESES;
  if (strchr (number, '/') != NULL)
    return NOTATION_SLASH;
  if (strchr (number, '-') != NULL)
    return NOTATION_DIN;
  if (g_str_has_prefix (number, "01"))
    return NOTATION_MOBILE;

  return NOTATION_NATIONAL;
}

/* "K-2024-00017": the running number, or -1 when @number is not one */
static gint64
parse_customer_number (const char *number,
                       guint      *year)
{
  guint64 value;

  if (strlen (number) < 12 || !g_str_has_prefix (number, "K-") || number[6] != '-')
    return -1;
  for (guint i = 2; number[i] != '\0'; i++)
    {
      if (i != 6 && !g_ascii_isdigit (number[i]))
        return -1;
    }

  *year = (guint) g_ascii_strtoull (number + 2, NULL, 10);
  if (!g_ascii_string_to_unsigned (number + 7, 10, 1, G_MAXINT64, &value, NULL))
    return -1;

  return (gint64) value;
}

static gint64
count (KontorStore *store,
       GType        type)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kontor_store_count (store, type, &error);

  g_assert_no_error (error);

  return n;
}

static gint64
count_outbox (KontorStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kontor_store_count_outbox (store, &error);

  g_assert_no_error (error);

  return n;
}

/* ------------------------------------------------------------------------ */
/* Fixture: a store on a new database */

typedef KontorStoreFixture Fixture;

#define TEST(path, func) KONTOR_STORE_TEST (path, func)

/* ------------------------------------------------------------------------ */
/* Building */

/* The records before the employer history, which comes last */
static guint
count_before_employments (GPtrArray *records)
{
  guint n = 0;

  while (n < records->len && !KONTOR_IS_EMPLOYMENT (g_ptr_array_index (records, n)))
    n++;

  return n;
}

static void
test_build_reproducible (void)
{
  g_autoptr(GPtrArray) first = kontor_demo_build (500, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) other = NULL;
  guint differing = 0;
  guint n_base;

  /* a later millisecond on the clock must not matter */
  g_usleep (5 * 1000);
  second = kontor_demo_build (500, KONTOR_DEMO_DEFAULT_SEED);

  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_true (records_equal (g_ptr_array_index (first, i), g_ptr_array_index (second, i)));

  /* another seed, another team of the same size (its employer history,
   * at the end, may be longer or shorter) */
  other = kontor_demo_build (500, KONTOR_DEMO_DEFAULT_SEED + 1);
  n_base = count_before_employments (first);
  g_assert_cmpuint (count_before_employments (other), ==, n_base);
  for (guint i = 0; i < n_base; i++)
    differing += !records_equal (g_ptr_array_index (first, i), g_ptr_array_index (other, i));
  g_assert_cmpuint (differing, >, n_base * 9 / 10);
}

/* The employer history (feature C3): a few contacts worked at another of
 * the team's companies before, and every such record keeps the rules */
static void
test_build_employments (void)
{
  g_autoptr(GPtrArray) records = kontor_demo_build (500, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(GHashTable) companies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) employers = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_employments = 0;

  for (guint i = 0; i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);

      if (KONTOR_IS_COMPANY (record))
        g_hash_table_add (companies, (gpointer) kontor_record_get_id (record));
      else if (KONTOR_IS_CONTACT (record) && kontor_contact_get_company_id (KONTOR_CONTACT (record)))
        g_hash_table_insert (employers, (gpointer) kontor_record_get_id (record),
                             (gpointer) kontor_contact_get_company_id (KONTOR_CONTACT (record)));
    }

  for (guint i = count_before_employments (records); i < records->len; i++)
    {
      KontorEmployment *employment = g_ptr_array_index (records, i);
      g_autoptr(GError) error = NULL;

      /* the groups come after the employments */
      if (!KONTOR_IS_EMPLOYMENT (employment))
        break;
      g_assert_true (kontor_record_validate (KONTOR_RECORD (employment), NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_hash_table_contains (companies,
                                            kontor_employment_get_company_id (employment)));
      /* a former employer is another company than today's */
      g_assert_cmpstr (g_hash_table_lookup (employers,
                                            kontor_employment_get_contact_id (employment)), !=,
                       kontor_employment_get_company_id (employment));
      g_assert_nonnull (kontor_employment_get_ended_on (employment));
      n_employments++;
    }

  g_assert_cmpuint (n_employments, >, 5);
}

/* The activities behind the last activities (features A1, A8): each
 * keeps the rules, is on a contact of the sample, and the latest done
 * one of a contact is its last activity; some tasks are open */
static void
test_build_activities (void)
{
  g_autoptr(GPtrArray) records = kontor_demo_build (500, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(GHashTable) contacts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;
  guint n_done = 0, n_open = 0;

  for (guint i = 0; i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);
      g_autoptr(GError) error = NULL;
      KontorActivity *activity;
      gint64 *at;

      if (KONTOR_IS_CONTACT (record))
        g_hash_table_insert (contacts, (gpointer) kontor_record_get_id (record), record);
      if (!KONTOR_IS_ACTIVITY (record))
        continue;

      activity = KONTOR_ACTIVITY (record);
      g_assert_true (kontor_record_validate (record, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_hash_table_contains (contacts, kontor_activity_get_contact_id (activity)));
      g_assert_nonnull (kontor_activity_get_subject (activity));
      g_assert_nonnull (kontor_activity_get_created_by (activity));
      if (!kontor_activity_get_done (activity))
        {
          g_assert_cmpint (kontor_activity_get_kind (activity), ==, KONTOR_ACTIVITY_KIND_TASK);
          g_assert_nonnull (kontor_activity_get_due_on (activity));
          n_open++;
          continue;
        }
      n_done++;
      at = g_hash_table_lookup (latest, kontor_activity_get_contact_id (activity));
      if (at == NULL)
        {
          at = g_new0 (gint64, 1);
          g_hash_table_insert (latest, (gpointer) kontor_activity_get_contact_id (activity), at);
        }
      *at = MAX (*at, kontor_activity_get_happened_at (activity));
    }

  g_hash_table_iter_init (&iter, contacts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *at = g_hash_table_lookup (latest, key);

      g_assert_cmpint (kontor_contact_get_last_activity_at (value), ==, at != NULL ? *at : 0);
    }
  g_assert_cmpuint (n_done, >, 500);
  g_assert_cmpuint (n_open, >, 20);
}

/* The team's groups (features L3, L4), made last: two static ones with
 * members among the contacts made before, once each, and a dynamic one
 * whose filter reads back */
static void
test_build_groups (void)
{
  g_autoptr(GPtrArray) records = kontor_demo_build (N_SAMPLE, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(GHashTable) contacts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_static = 0, n_dynamic = 0, n_members = 0;

  for (guint i = 0; i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);

      if (KONTOR_IS_CONTACT (record))
        g_hash_table_add (contacts, (gpointer) kontor_record_get_id (record));
      else if (KONTOR_IS_GROUP (record))
        {
          g_autoptr(GError) error = NULL;

          g_assert_true (kontor_record_validate (record, NULL, &error));
          g_assert_no_error (error);
          g_hash_table_add (groups, (gpointer) kontor_record_get_id (record));
          if (kontor_group_get_is_dynamic (KONTOR_GROUP (record)))
            {
              g_autoptr(KontorFilter) filter =
                kontor_filter_new_from_string (kontor_group_get_filter (KONTOR_GROUP (record)),
                                               &error);

              g_assert_no_error (error);
              g_assert_nonnull (kontor_filter_get_team_id (filter));
              n_dynamic++;
            }
          else
            n_static++;
        }
      else if (KONTOR_IS_GROUP_MEMBER (record))
        {
          KontorGroupMember *member = KONTOR_GROUP_MEMBER (record);

          /* after its group and its contact, and once */
          g_assert_true (g_hash_table_contains (groups, kontor_group_member_get_group_id (member)));
          g_assert_true (g_hash_table_contains (contacts,
                                                kontor_group_member_get_contact_id (member)));
          g_assert_true (g_hash_table_add (pairs,
                                           g_strconcat (kontor_group_member_get_group_id (member),
                                                        "/",
                                                        kontor_group_member_get_contact_id (member),
                                                        NULL)));
          n_members++;
        }
    }

  g_assert_cmpuint (n_static, ==, 2);
  g_assert_cmpuint (n_dynamic, ==, 1);
  g_assert_cmpuint (n_members, >, 10);
}

static void
test_build_ids (void)
{
  g_autoptr(GPtrArray) records = kontor_demo_build (N_SAMPLE, 7);
  const char *previous = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      const char *id = kontor_record_get_id (g_ptr_array_index (records, i));

      /* canonical lower-case UUIDv7, variant 10 */
      g_assert_true (kontor_uuid_is_valid (id));
      g_assert_cmpint (id[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", id[19]));
      g_assert_cmpint (kontor_uuid_v7_get_time (id), >, 0);

      /* increasing in save order, so unique */
      if (previous != NULL)
        g_assert_cmpstr (previous, <, id);
      previous = id;
    }
}

static void
test_build_order_and_links (void)
{
  g_autoptr(Sample) sample = sample_new (N_SAMPLE, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(GHashTable) pipeline = g_hash_table_new (g_str_hash, g_str_equal);
  guint rank = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pipeline_ids); i++)
    g_hash_table_add (pipeline, (gpointer) pipeline_ids[i]);

  /* teams, users, companies, contacts: each refers only to earlier ones */
  for (guint i = 0; i < sample->records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (sample->records, i);
      guint kind = KONTOR_IS_TEAM (record) ? 0 : KONTOR_IS_USER (record) ? 1
                 : KONTOR_IS_COMPANY (record) ? 2 : 3;

      g_assert_cmpuint (kind, >=, rank);
      rank = kind;
    }

  g_assert_cmpuint (sample->teams->len, ==, 2);
  g_assert_cmpuint (sample->users->len, >=, 6);
  g_assert_cmpuint (sample->companies->len, ==, N_SAMPLE / 8);
  g_assert_cmpuint (sample->contacts->len, ==, N_SAMPLE);

  for (guint i = 0; i < sample->users->len; i++)
    {
      KontorUser *user = g_ptr_array_index (sample->users, i);
      const char * const *teams = kontor_user_get_teams (user);

      g_assert_nonnull (kontor_user_get_username (user));
      g_assert_nonnull (kontor_user_get_full_name (user));
      g_assert_true (kontor_email_is_valid (kontor_user_get_email (user)));
      for (guint j = 0; teams != NULL && teams[j] != NULL; j++)
        lookup (sample, teams[j], KONTOR_TYPE_TEAM);
    }

  for (guint i = 0; i < sample->companies->len; i++)
    {
      KontorCompany *company = g_ptr_array_index (sample->companies, i);
      const char * const *reps = kontor_company_get_sales_reps (company);

      g_assert_nonnull (reps);
      for (guint j = 0; reps[j] != NULL; j++)
        {
          KontorUser *user = lookup (sample, reps[j], KONTOR_TYPE_USER);

          g_assert_true (kontor_user_role_can_sell (kontor_user_get_role (user)));
        }
    }

  for (guint i = 0; i < sample->contacts->len; i++)
    {
      KontorContact *contact = g_ptr_array_index (sample->contacts, i);
      const char * const *reps = kontor_contact_get_sales_reps (contact);
      const char * const *assignees = kontor_contact_get_assignees (contact);

      if (kontor_contact_get_company_id (contact) != NULL)
        lookup (sample, kontor_contact_get_company_id (contact), KONTOR_TYPE_COMPANY);
      if (kontor_contact_get_assigned_team_id (contact) != NULL)
        lookup (sample, kontor_contact_get_assigned_team_id (contact), KONTOR_TYPE_TEAM);
      g_assert_true (g_hash_table_contains (pipeline,
                                            kontor_contact_get_pipeline_status_id (contact)));

      for (guint j = 0; reps != NULL && reps[j] != NULL; j++)
        {
          KontorUser *user = lookup (sample, reps[j], KONTOR_TYPE_USER);

          g_assert_true (kontor_user_role_can_sell (kontor_user_get_role (user)));
          g_assert_false (j > 0 && g_str_equal (reps[j], reps[0]));
        }
      for (guint j = 0; assignees != NULL && assignees[j] != NULL; j++)
        {
          KontorUser *user = lookup (sample, assignees[j], KONTOR_TYPE_USER);

          g_assert_true (kontor_user_role_can_edit (kontor_user_get_role (user)));
        }
      /* assigned to colleagues or to a team, not both */
      g_assert_false (assignees != NULL && kontor_contact_get_assigned_team_id (contact) != NULL);
    }
}

static void
test_build_small (void)
{
  for (guint n = 0; n <= 41; n += 41)
    {
      g_autoptr(Sample) sample = sample_new (n, 1);

      /* never fewer than five companies, so every kind of record is there */
      g_assert_cmpuint (sample->companies->len, ==, 5);
      g_assert_cmpuint (sample->contacts->len, ==, n);
      g_assert_cmpuint (sample->users->len, >=, 6);
    }
}

static void
test_build_valid_and_varied (void)
{
  g_autoptr(Sample) sample = sample_new (N_SAMPLE, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) company_names = g_hash_table_new (g_str_hash, g_str_equal);
  guint notations[N_NOTATIONS] = { 0, };
  guint languages[KONTOR_LANGUAGE_IT + 1] = { 0, };
  guint salutations[KONTOR_SALUTATION_MX + 1] = { 0, };
  guint umlaut_first = 0, umlaut_last = 0, umlaut_companies = 0;
  guint doctors = 0, professors = 0, private_persons = 0, job_titles = 0;
  guint two_mails = 0, two_phones = 0;

  for (guint i = 0; i < sample->companies->len; i++)
    {
      KontorCompany *company = g_ptr_array_index (sample->companies, i);
      const char *website = kontor_company_get_website (company);
      GPtrArray *emails = kontor_company_get_emails (company);
      GPtrArray *phones = kontor_company_get_phones (company);

      g_assert_nonnull (kontor_company_get_name (company));
      g_assert_nonnull (kontor_company_get_industry (company));
      g_assert_nonnull (kontor_company_get_street (company));
      g_assert_nonnull (kontor_company_get_postal_code (company));
      g_assert_nonnull (kontor_company_get_city (company));
      g_assert_nonnull (kontor_company_get_country (company));
      g_hash_table_add (countries, (gpointer) kontor_company_get_country (company));
      g_hash_table_add (company_names, (gpointer) kontor_company_get_name (company));
      umlaut_companies += has_german_letter (kontor_company_get_name (company));

      g_assert_true (g_str_has_prefix (website, "www."));
      g_assert_true (kontor_text_is_ascii (website));
      g_assert_true (g_str_has_suffix (website, ".de") || g_str_has_suffix (website, ".at") ||
                     g_str_has_suffix (website, ".ch"));
      g_assert_nonnull (emails);
      g_assert_cmpuint (emails->len, >=, 1);
      g_assert_true (g_str_has_prefix (((KontorChannel *) g_ptr_array_index (emails, 0))->value,
                                       "info@"));
      for (guint j = 0; j < emails->len; j++)
        {
          const KontorChannel *email = g_ptr_array_index (emails, j);

          g_assert_true (kontor_email_is_valid (email->value));
        }
      g_assert_nonnull (phones);
      g_assert_cmpuint (phones->len, >=, 1);
    }
  g_assert_true (g_hash_table_contains (countries, "Deutschland"));
  g_assert_true (g_hash_table_contains (countries, "Österreich"));
  g_assert_true (g_hash_table_contains (countries, "Schweiz"));
  g_assert_cmpuint (g_hash_table_size (countries), ==, 3);
  g_assert_cmpuint (umlaut_companies, >, 0);
  /* names repeat rarely */
  g_assert_cmpuint (g_hash_table_size (company_names), >=, sample->companies->len * 95 / 100);

  for (guint i = 0; i < sample->contacts->len; i++)
    {
      KontorContact *contact = g_ptr_array_index (sample->contacts, i);
      g_autoptr(GError) error = NULL;
      GPtrArray *emails = kontor_contact_get_emails (contact);
      GPtrArray *phones = kontor_contact_get_phones (contact);

      g_assert_true (kontor_contact_validate (contact, &error));
      g_assert_no_error (error);

      g_assert_nonnull (kontor_contact_get_first_name (contact));
      g_assert_nonnull (kontor_contact_get_last_name (contact));
      umlaut_first += has_german_letter (kontor_contact_get_first_name (contact));
      umlaut_last += has_german_letter (kontor_contact_get_last_name (contact));
      doctors += g_strcmp0 (kontor_contact_get_title (contact), "Dr.") == 0;
      professors += g_strcmp0 (kontor_contact_get_title (contact), "Prof. Dr.") == 0;
      job_titles += kontor_contact_get_job_title (contact) != NULL;
      languages[kontor_contact_get_language (contact)]++;
      salutations[kontor_contact_get_salutation (contact)]++;

      /* a person without a company is written to at home */
      if (kontor_contact_get_company_id (contact) == NULL)
        {
          private_persons++;
          g_assert_nonnull (kontor_contact_get_street (contact));
          g_assert_nonnull (kontor_contact_get_postal_code (contact));
          g_assert_nonnull (kontor_contact_get_city (contact));
          g_assert_nonnull (kontor_contact_get_country (contact));
        }

      g_assert_nonnull (emails);
      g_assert_cmpuint (emails->len, >=, 1);
      g_assert_cmpuint (emails->len, <=, 2);
      two_mails += emails->len == 2;
      for (guint j = 0; j < emails->len; j++)
        {
          const KontorChannel *email = g_ptr_array_index (emails, j);

          /* transliterated: jürgen.müller is juergen.mueller */
          g_assert_true (kontor_text_is_ascii (email->value));
          g_assert_true (g_str_equal (email->label, "work") || g_str_equal (email->label, "home"));
        }

      g_assert_nonnull (phones);
      g_assert_cmpuint (phones->len, >=, 1);
      g_assert_cmpuint (phones->len, <=, 2);
      two_phones += phones->len == 2;
      for (guint j = 0; j < phones->len; j++)
        {
          const KontorChannel *phone = g_ptr_array_index (phones, j);
          g_autofree char *digits = kontor_phone_normalize (phone->value);

          g_assert_cmpuint (strlen (digits), >=, 9);
          g_assert_cmpuint (strlen (digits), <=, 15);
          notations[classify_phone (phone->value)]++;
        }
    }

  g_assert_cmpuint (umlaut_first, >, 0);
  g_assert_cmpuint (umlaut_last, >, N_SAMPLE / 20);
  g_assert_cmpuint (doctors, >, 0);
  g_assert_cmpuint (professors, >, 0);
  g_assert_cmpuint (job_titles, >, N_SAMPLE * 3 / 4);
  g_assert_cmpuint (private_persons, >, N_SAMPLE * 3 / 100);
  g_assert_cmpuint (private_persons, <, N_SAMPLE * 15 / 100);
  g_assert_cmpuint (two_mails, >, 0);
  g_assert_cmpuint (two_phones, >, 0);

  /* mostly German correspondence, some in the other three */
  g_assert_cmpuint (languages[KONTOR_LANGUAGE_DE], >, N_SAMPLE * 3 / 4);
  for (guint i = KONTOR_LANGUAGE_EN; i <= KONTOR_LANGUAGE_IT; i++)
    g_assert_cmpuint (languages[i], >, 0);
  g_assert_cmpuint (salutations[KONTOR_SALUTATION_MR], >, N_SAMPLE / 4);
  g_assert_cmpuint (salutations[KONTOR_SALUTATION_MS], >, N_SAMPLE / 4);
  g_assert_cmpuint (salutations[KONTOR_SALUTATION_NONE], >, 0);

  /* every way a German office types a number */
  for (guint i = 0; i < N_NOTATIONS; i++)
    {
      if (notations[i] == 0)
        g_test_message ("no phone number in notation %u", i);
      g_assert_cmpuint (notations[i], >, 0);
    }
}

static void
test_build_customer_numbers (void)
{
  g_autoptr(Sample) sample = sample_new (N_SAMPLE, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) by_time = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  guint customers = 0, numbered_customers = 0, numbered_companies = 0;

  for (guint i = 0; i < sample->companies->len + sample->contacts->len; i++)
    {
      gboolean is_company = i < sample->companies->len;
      KontorRecord *record = is_company
                             ? g_ptr_array_index (sample->companies, i)
                             : g_ptr_array_index (sample->contacts, i - sample->companies->len);
      const char *number = is_company
                           ? kontor_company_get_customer_number (KONTOR_COMPANY (record))
                           : kontor_contact_get_customer_number (KONTOR_CONTACT (record));
      gint64 entry[2];
      guint year = 0;

      if (!is_company)
        {
          KontorContactStatus status = kontor_contact_get_status (KONTOR_CONTACT (record));

          customers += status == KONTOR_CONTACT_STATUS_CUSTOMER;
          numbered_customers += status == KONTOR_CONTACT_STATUS_CUSTOMER && number != NULL;
          /* prospects and new contacts have no customer number yet */
          if (status == KONTOR_CONTACT_STATUS_INBOX || status == KONTOR_CONTACT_STATUS_PROSPECT)
            g_assert_null (number);
        }
      else
        numbered_companies += number != NULL;

      if (number == NULL)
        continue;

      /* unique across contacts and companies (the store checks both) */
      g_assert_false (g_hash_table_contains (numbers, number));
      g_hash_table_add (numbers, (gpointer) number);

      entry[0] = kontor_record_get_created_at (record);
      entry[1] = parse_customer_number (number, &year);
      g_assert_cmpint (entry[1], >, 0);
      g_assert_cmpuint (year, >=, 2019);
      g_assert_cmpuint (year, <=, 2026);
      g_array_append_val (by_time, entry);
    }

  g_assert_cmpuint (numbered_customers, >=, customers * 3 / 4);
  g_assert_cmpuint (numbered_companies, >, sample->companies->len * 3 / 10);
  g_assert_cmpuint (numbered_companies, <, sample->companies->len * 7 / 10);

  /* one running number over the years, handed out as records were created */
  for (guint i = 0; i < by_time->len; i++)
    {
      const gint64 *entry = &g_array_index (by_time, gint64, 2 * i);

      for (guint j = i + 1; j < by_time->len && j < i + 50; j++)
        {
          const gint64 *later = &g_array_index (by_time, gint64, 2 * j);

          if (later[0] > entry[0])
            g_assert_cmpint (later[1], >, entry[1]);
        }
    }
}

static void
test_build_distribution (void)
{
  g_autoptr(Sample) sample = sample_new (N_SAMPLE, KONTOR_DEMO_DEFAULT_SEED);
  guint statuses[KONTOR_CONTACT_STATUS_ARCHIVED + 1] = { 0, };
  guint columns[G_N_ELEMENTS (pipeline_ids)] = { 0, };
  guint leads = 0, birthdays = 0, yearless = 0, notes = 0, due = 0, overdue = 0, active = 0;
  guint with_reps = 0, two_reps = 0, assigned = 0, team_assigned = 0;

  for (guint i = 0; i < sample->contacts->len; i++)
    {
      KontorContact *contact = g_ptr_array_index (sample->contacts, i);
      KontorRecord *record = KONTOR_RECORD (contact);
      const char * const *reps = kontor_contact_get_sales_reps (contact);
      const char *birthday = kontor_contact_get_birthday (contact);
      const char *due_date = kontor_contact_get_due_date (contact);
      gint64 created = kontor_record_get_created_at (record);
      gint64 activity = kontor_contact_get_last_activity_at (contact);

      statuses[kontor_contact_get_status (contact)]++;
      leads += kontor_contact_get_is_lead (contact);
      for (guint j = 0; j < G_N_ELEMENTS (pipeline_ids); j++)
        columns[j] += g_str_equal (kontor_contact_get_pipeline_status_id (contact),
                                   pipeline_ids[j]);

      /* created in the past of the reference date, not of the clock */
      g_assert_cmpint (created, >, REFERENCE_TIME - 10 * 365 * DAY);
      g_assert_cmpint (created, <, REFERENCE_TIME);
      if (activity != 0)
        {
          active++;
          g_assert_cmpint (activity, >=, REFERENCE_TIME - 180 * DAY);
          g_assert_cmpint (activity, <=, REFERENCE_TIME);
          g_assert_cmpint (activity, >=, created);
        }

      if (birthday != NULL && g_str_has_prefix (birthday, "--"))
        {
          /* known without the year, as a phone's vCard gives it */
          g_assert_true (kontor_birthday_parse (birthday, NULL, NULL, NULL));
          yearless++;
          birthdays++;
        }
      else if (birthday != NULL)
        {
          g_assert_true (kontor_date_is_valid (birthday));
          /* a working age */
          g_assert_cmpstr (birthday, >, "1956-01-01");
          g_assert_cmpstr (birthday, <, "2008-01-01");
          birthdays++;
        }
      if (due_date != NULL)
        {
          g_assert_true (kontor_date_is_valid (due_date));
          due++;
          overdue += strcmp (due_date, REFERENCE_DATE) < 0;
        }
      notes += kontor_contact_get_notes (contact) != NULL;

      with_reps += reps != NULL;
      two_reps += reps != NULL && reps[1] != NULL;
      assigned += kontor_contact_get_assignees (contact) != NULL;
      team_assigned += kontor_contact_get_assigned_team_id (contact) != NULL;
    }

#define assert_share(n, low, high) G_STMT_START {                 \
    g_assert_cmpuint ((n) * 100, >=, (guint) (low) * N_SAMPLE);   \
    g_assert_cmpuint ((n) * 100, <=, (guint) (high) * N_SAMPLE);  \
  } G_STMT_END

  assert_share (statuses[KONTOR_CONTACT_STATUS_INBOX], 6, 14);
  assert_share (statuses[KONTOR_CONTACT_STATUS_PROSPECT], 40, 50);
  assert_share (statuses[KONTOR_CONTACT_STATUS_CUSTOMER], 30, 40);
  assert_share (statuses[KONTOR_CONTACT_STATUS_ARCHIVED], 6, 14);
  assert_share (leads, 25, 35);
  assert_share (birthdays, 25, 35);
  /* a tenth of them without the year */
  g_assert_cmpuint (yearless * 100, >=, birthdays * 5);
  g_assert_cmpuint (yearless * 100, <=, birthdays * 15);
  assert_share (notes, 15, 25);
  assert_share (due, 20, 30);
  assert_share (active, 75, 88);
  assert_share (with_reps, 90, 99);
  assert_share (two_reps, 4, 15);
  assert_share (assigned, 55, 65);
  assert_share (team_assigned, 5, 15);

#undef assert_share

  /* some due dates have passed, most are ahead */
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (overdue, <, due / 2);

  /* every column of the board is used, the early ones most */
  for (guint j = 0; j < G_N_ELEMENTS (pipeline_ids); j++)
    g_assert_cmpuint (columns[j], >, 0);
  for (guint j = 1; j < G_N_ELEMENTS (pipeline_ids); j++)
    g_assert_cmpuint (columns[0], >, columns[j]);
  g_assert_cmpuint (columns[0] + columns[1], >, columns[4] + columns[5]);
}

/* ------------------------------------------------------------------------ */
/* Populating a store */

/* The lead projects (src/demo/kontor-demo-leads.c): three, with statuses
 * of their own, 20–40 entries of active contacts with values,
 * probabilities and close dates, some follow-ups; the same again for the
 * same seed */
static gint64
query (KontorStore *store,
       const char  *sql)
{
  return kontor_test_query_int (store, sql, NULL);
}

static void
test_populate_leads (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  gint64 n_entries;

  g_assert_true (kontor_demo_populate (fixture->store, KONTOR_DEMO_DEFAULT_CONTACTS,
                                       KONTOR_DEMO_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);

  projects = kontor_store_list_lead_projects (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (projects->len, ==, 3);
  g_assert_cmpint (query (fixture->store, "SELECT count(*) FROM lead_project"
                                          " WHERE name = 'Messe Hannover 2027'"), ==, 1);
  g_assert_cmpint (query (fixture->store, "SELECT count(*) FROM lead_project"
                                          " WHERE currency = 'CHF'"), ==, 1);
  /* the system's three in each, and the team's own */
  g_assert_cmpint (query (fixture->store, "SELECT count(*) FROM lead_status WHERE role != 0"),
                   ==, 9);
  g_assert_cmpint (query (fixture->store, "SELECT count(*) FROM lead_status WHERE role = 0"),
                   ==, 8);

  n_entries = query (fixture->store, "SELECT count(*) FROM lead_entry");
  g_assert_cmpint (n_entries, >=, 20);
  g_assert_cmpint (n_entries, <=, 40);
  g_assert_cmpint (query (fixture->store, "SELECT count(*) FROM lead_entry"
                                          " WHERE value_cents > 0 AND probability BETWEEN 0 AND 100"
                                          " AND close_on IS NOT NULL"), ==, n_entries);
  /* in more than one status of a project */
  g_assert_cmpint (query (fixture->store, "SELECT count(DISTINCT status_id) FROM lead_entry"),
                   >, 6);
  /* no Inbox or Archived contact (feature C4): prospects and customers */
  g_assert_cmpint (query (fixture->store, "SELECT count(*) FROM lead_entry e JOIN contact c"
                                          " ON c.id = e.contact_id WHERE c.status NOT IN (1, 2)"),
                   ==, 0);
  g_assert_cmpint (query (fixture->store, "SELECT count(*) FROM activity"
                                          " WHERE lead_entry_id IS NOT NULL"), >, 0);
}

static void
test_populate_stores (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Sample) sample = sample_new (KONTOR_DEMO_DEFAULT_CONTACTS, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(KontorContact) loaded = NULL;
  KontorContact *contact = NULL;
  KontorCompany *company;
  /* the store's own local user (kontor_store_open() makes one) stays */
  gint64 users = count (fixture->store, KONTOR_TYPE_USER);

  g_assert_true (kontor_demo_populate (fixture->store, KONTOR_DEMO_DEFAULT_CONTACTS,
                                       KONTOR_DEMO_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_CONTACT), ==, KONTOR_DEMO_DEFAULT_CONTACTS);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_COMPANY), ==, sample->companies->len);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_USER), ==, users + sample->users->len);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_TEAM), ==, sample->teams->len);

  /* stored as built: same ids and values, the company's name joined in */
  for (guint i = 0; contact == NULL && i < sample->contacts->len; i++)
    {
      KontorContact *candidate = g_ptr_array_index (sample->contacts, i);

      if (kontor_contact_get_company_id (candidate) != NULL &&
          kontor_contact_get_sales_reps (candidate) != NULL)
        contact = candidate;
    }
  g_assert_nonnull (contact);
  company = lookup (sample, kontor_contact_get_company_id (contact), KONTOR_TYPE_COMPANY);

  loaded = kontor_store_load (fixture->store, KONTOR_TYPE_CONTACT,
                              kontor_record_get_id (KONTOR_RECORD (contact)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_contact_get_last_name (loaded), ==,
                   kontor_contact_get_last_name (contact));
  g_assert_cmpstr (kontor_contact_get_company_name (loaded), ==, kontor_company_get_name (company));
  g_assert_cmpstr (kontor_contact_get_primary_email (loaded), ==,
                   kontor_contact_get_primary_email (contact));
  g_assert_cmpstr (kontor_contact_get_primary_phone (loaded), ==,
                   kontor_contact_get_primary_phone (contact));
  g_assert_cmpstr (kontor_contact_get_sales_reps (loaded)[0], ==,
                   kontor_contact_get_sales_reps (contact)[0]);
  g_assert_cmpint (kontor_record_get_created_at (KONTOR_RECORD (loaded)), ==,
                   kontor_record_get_created_at (KONTOR_RECORD (contact)));
  g_assert_cmpint (kontor_contact_get_last_activity_at (loaded), ==,
                   kontor_contact_get_last_activity_at (contact));
  g_assert_nonnull (kontor_contact_get_pipeline_status_name (loaded));

  /* the activities stored, and every contact's last activity theirs as
   * the store keeps it (src/README.md "Activities") */
  g_assert_cmpint (kontor_test_query_int (fixture->store, "SELECT count(*) FROM activity", NULL),
                   >, KONTOR_DEMO_DEFAULT_CONTACTS);
  g_assert_cmpint (kontor_test_query_int (fixture->store,
                                          "SELECT count(*) FROM contact c WHERE last_activity_at"
                                          " != coalesce ((SELECT max (happened_at) FROM activity a"
                                          " WHERE a.contact_id = c.id), 0)", NULL), ==, 0);

  /* a second sample would mix with the first */
  g_assert_false (kontor_demo_populate (fixture->store, 10, 1, NULL, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_CONTACT), ==, KONTOR_DEMO_DEFAULT_CONTACTS);
}

static void
test_populate_number_range (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Sample) sample = sample_new (KONTOR_DEMO_DEFAULT_CONTACTS, KONTOR_DEMO_DEFAULT_SEED);
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autofree char *number = NULL;
  KontorNumberRange range = { NULL, };
  gint64 last = 0;
  guint year;

  for (guint i = 0; i < sample->records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (sample->records, i);
      const char *existing = NULL;

      if (KONTOR_IS_CONTACT (record))
        existing = kontor_contact_get_customer_number (KONTOR_CONTACT (record));
      else if (KONTOR_IS_COMPANY (record))
        existing = kontor_company_get_customer_number (KONTOR_COMPANY (record));
      if (existing != NULL)
        last = MAX (last, parse_customer_number (existing, &year));
    }
  g_assert_cmpint (last, >, 0);

  g_assert_true (kontor_demo_populate (fixture->store, KONTOR_DEMO_DEFAULT_CONTACTS,
                                       KONTOR_DEMO_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);

  /* "Nummer erzeugen" continues after the sample's numbers */
  g_assert_true (kontor_store_get_number_range (fixture->store, &range, &error));
  g_assert_no_error (error);
  g_assert_cmpint (range.next_value, ==, last + 1);
  kontor_number_range_clear (&range);

  kontor_contact_set_first_name (contact, "Jürgen");
  kontor_contact_set_last_name (contact, "Müller");
  g_assert_true (kontor_store_save (fixture->store, KONTOR_RECORD (contact), &error));
  g_assert_no_error (error);
  number = kontor_store_assign_customer_number (fixture->store, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpint (parse_customer_number (number, &year), ==, last + 1);
}

static void
test_populate_refuses_existing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  gint64 users = count (fixture->store, KONTOR_TYPE_USER);
  gint64 outbox;

  kontor_contact_set_first_name (contact, "Käthe");
  kontor_contact_set_last_name (contact, "Weiß");
  g_assert_true (kontor_store_save (fixture->store, KONTOR_RECORD (contact), &error));
  g_assert_no_error (error);
  outbox = count_outbox (fixture->store);

  g_assert_false (kontor_demo_populate (fixture->store, 50, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                        &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, kontor_store_get_path (fixture->store)));

  /* nothing was added, not even users or teams */
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_CONTACT), ==, 1);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_COMPANY), ==, 0);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_USER), ==, users);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_TEAM), ==, 0);
  g_assert_cmpint (count_outbox (fixture->store), ==, outbox);
}

static void
test_populate_cancelled (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 users = count (fixture->store, KONTOR_TYPE_USER);

  g_cancellable_cancel (cancellable);
  g_assert_false (kontor_demo_populate (fixture->store, 50, KONTOR_DEMO_DEFAULT_SEED,
                                        cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_CONTACT), ==, 0);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_COMPANY), ==, 0);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_USER), ==, users);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_TEAM), ==, 0);
  g_assert_cmpint (count_outbox (fixture->store), ==, 0);

  /* and the database is still empty enough for the sample */
  g_clear_error (&error);
  g_assert_true (kontor_demo_populate (fixture->store, 50, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->store, KONTOR_TYPE_CONTACT), ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/build/reproducible", test_build_reproducible);
  g_test_add_func ("/demo/build/employments", test_build_employments);
  g_test_add_func ("/demo/build/groups", test_build_groups);
  g_test_add_func ("/demo/build/activities", test_build_activities);
  g_test_add_func ("/demo/build/ids", test_build_ids);
  g_test_add_func ("/demo/build/order-and-links", test_build_order_and_links);
  g_test_add_func ("/demo/build/small", test_build_small);
  g_test_add_func ("/demo/build/valid-and-varied", test_build_valid_and_varied);
  g_test_add_func ("/demo/build/customer-numbers", test_build_customer_numbers);
  g_test_add_func ("/demo/build/distribution", test_build_distribution);
  TEST ("/demo/populate/stores", test_populate_stores);
  TEST ("/demo/populate/leads", test_populate_leads);
  TEST ("/demo/populate/number-range", test_populate_number_range);
  TEST ("/demo/populate/refuses-existing", test_populate_refuses_existing);
  TEST ("/demo/populate/cancelled", test_populate_cancelled);

  return g_test_run ();
}
