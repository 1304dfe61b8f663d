/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store-search"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kontor-store-private.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-store-lead.h"
#include "kontor-store-search-query.h"
#include "kontor-test-utils.h"

/* Search as you type and the list query (features L1, L2; src/README.md
 * "Search", "Sorting"): German names however they are typed, e-mail
 * addresses, phone numbers however they are typed, customer numbers and
 * notes; what users type that looks like FTS5 syntax; filters and their
 * combinations; the order of every sort column, both ways. */

#define NEW_ID         "00000000-0000-7000-8000-000000000001"
#define IN_PROGRESS_ID "00000000-0000-7000-8000-000000000002"
#define CONTACTED_ID   "00000000-0000-7000-8000-000000000003"
#define OFFER_ID       "00000000-0000-7000-8000-000000000004"
#define WON_ID         "00000000-0000-7000-8000-000000000005"
#define LOST_ID        "00000000-0000-7000-8000-000000000006"

#define P KONTOR_CONTACT_STATUS_PROSPECT
#define C KONTOR_CONTACT_STATUS_CUSTOMER
#define I KONTOR_CONTACT_STATUS_INBOX
#define A KONTOR_CONTACT_STATUS_ARCHIVED

typedef struct
{
  const char          *key;
  const char          *first_name;
  const char          *last_name;
  const char          *company;        /* key into the fixture's companies */
  const char          *email;
  const char          *phone;
  const char          *number;
  const char          *notes;
  KontorContactStatus  status;
  gboolean             lead;
  const char          *pipeline_status_id;
  const char          *assignees;      /* user keys, comma-separated */
  const char          *sales_reps;
  const char          *due_date;
  gint64               created_at;
  gint64               last_activity_at;
  const char          *rank;
  const char          *job_title;
  const char          *city;
  const char          *street;
} ContactSpec;

typedef struct
{
  const char *key;
  const char *name;
} CompanySpec;

/* Search: names, company, e-mail, phone, customer number, notes */
static const CompanySpec search_companies[] = {
  { "sonne", "Sonnenschein GmbH" },
  { "alpha", "Alpha AG" },
  { "aerzte", "Ärztehaus Nord" },
};

static const ContactSpec search_contacts[] = {
  { "mueller", "Anna", "Müller", "sonne", "j.mueller@kanzlei.example", "030/7654321",
    "K-2026-00001", "Wohnt in der Straße am Park", C, FALSE, OFFER_ID, "u1", NULL, "2026-03-01",
    0, 0, NULL, "Einkauf", "Hamburg", "Lindenallee 5" },
  { "schmidt", "Anna", "Schmidt", NULL, "anna.schmidt@example.com", "(030) 123 45 67",
    "K-2026-00002", NULL, P, TRUE, NEW_ID, "u2", NULL, NULL },
  { "weiss", "Hans", "Weiß", "alpha", "hans@weiss-it.de", "+49 40 9876543", "K-2026-00010",
    "Kennt die Strasse", P, TRUE, CONTACTED_ID, "u1,u2", NULL, NULL },
  { "bjoern", "Björn", "Arzt", "aerzte", NULL, "0171 2345678", "K-2026-00009", NULL, I, FALSE,
    NEW_ID, NULL, NULL, NULL },
  { "oeztuerk", "Ayşe", "Öztürk", "sonne", "ayse@oz.example", NULL, NULL, "Mag Zwetschgenkuchen",
    A, FALSE, NEW_ID, "u2", NULL, NULL },
  { "otto", "Karl", "Otto", NULL, "karl.otto@example.com", "089 555", "K-2026-00100", NULL, C,
    FALSE, WON_ID, NULL, NULL, NULL },
  { "berg", "Clara", "Berg", "alpha", "clara@berg.example", "030 999", "K-2026-00003", NULL, P,
    TRUE, CONTACTED_ID, NULL, "u1", NULL },
  { "mueller2", "Jens", "Mueller", NULL, "jens@mueller.example", NULL, NULL, NULL, P, FALSE,
    NEW_ID, NULL, NULL, NULL },
};

/* Phone search: one number each, in the notations people type; the two
 * mobiles hold "30" as a later digit group and must not be found by a
 * Berlin number (src/README.md "Search") */
#define PHONE(key, name, phone) \
  { key, "Pat", name, NULL, NULL, phone, NULL, NULL, P, FALSE, NEW_ID, NULL, NULL, NULL }
static const ContactSpec phone_contacts[] = {
  PHONE ("slash", "Slash", "030/1234567"),
  PHONE ("paren", "Paren", "(030) 765 43 21"),
  PHONE ("intl", "Intl", "+49 30 5550100"),
  PHONE ("double0", "Nullnull", "0049 30 9998877"),
  PHONE ("trunk", "Trunk", "+49 (0)30 2223344"),
  PHONE ("dashes", "Dash", "030-444-55-66"),
  PHONE ("dots", "Dot", "030.777.88.99"),
  PHONE ("mobile", "Mobil", "+49 (0)163 3022056"),
  PHONE ("mobile2", "Handy", "0176 3097176"),
  PHONE ("vienna", "Wien", "+43 1 3012345"),
  PHONE ("munich", "Isar", "089 30 12 34"),
  PHONE ("solid", "Solid", "+49891234567"),
};
#undef PHONE

/* Sorting: values chosen so that every order is unambiguous */
static const CompanySpec sort_companies[] = {
  { "alpha", "Alpha AG" },
  { "aerzte", "Ärztehaus Nord" },
  { "sonne", "Sonnenschein GmbH" },
  { "zepp", "Zeppelin KG" },
};

static const ContactSpec sort_contacts[] = {
  { "arzt", "Björn", "Arzt", "aerzte", "bjoern@b.example", "030 222", "K-10", NULL, P, TRUE,
    CONTACTED_ID, "u1", NULL, "2026-02-01", 5000, 300, "a2" },
  { "berg", "Clara", "Berg", "alpha", "clara@b.example", "040 100", "K-9", NULL, C, FALSE,
    OFFER_ID, NULL, NULL, NULL, 1000, 0, NULL },
  { "mueller", "Anna", "Müller", "sonne", NULL, "030 111", "K-100", NULL, I, FALSE, NEW_ID,
    "u1", NULL, "2026-01-15", 7000, 100, "a1" },
  { "muller", "Zoe", "Muller", NULL, "zoe@m.example", NULL, "K-2", NULL, P, TRUE, NEW_ID, NULL,
    NULL, "2025-12-24", 3000, 200, "a3" },
  { "oeztuerk", "Ayşe", "Öztürk", "zepp", "ayse@o.example", "089 555", NULL, NULL, A, FALSE,
    WON_ID, NULL, NULL, NULL, 2000, 0, NULL },
  { "otto", "Karl", "Otto", NULL, NULL, NULL, NULL, NULL, C, FALSE, IN_PROGRESS_ID, NULL, NULL,
    "2026-06-30", 8000, 50, "a4" },
  { "weiss", "Hans", "Weiß", "alpha", "hans@w.example", "040 100", "K-20", NULL, P, FALSE,
    LOST_ID, NULL, NULL, "2026-01-15", 4000, 400, NULL },
  { "aerzte", "Theo", "Ärzte", NULL, "theo@a.example", "030 333", NULL, NULL, I, FALSE, NEW_ID,
    NULL, NULL, NULL, 6000, 0, NULL },
};

#undef P
#undef C
#undef I
#undef A

/* ------------------------------------------------------------------------ */
/* Fixture */

typedef struct
{
  KontorStoreFixture  base;
  GHashTable         *users;       /* key -> id */
  GHashTable         *companies;   /* key -> id */
  GHashTable         *keys;        /* rowid -> key */
  guint               n_contacts;
} Fixture;

static void
add_user (Fixture    *fixture,
          const char *key,
          const char *full_name)
{
  g_autoptr(KontorUser) user = kontor_user_new (key, full_name, KONTOR_USER_ROLE_SALES);
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_save (fixture->base.store, KONTOR_RECORD (user), &error));
  g_assert_no_error (error);
  g_hash_table_insert (fixture->users, g_strdup (key),
                       g_strdup (kontor_record_get_id (KONTOR_RECORD (user))));
}

static GStrv
user_ids (Fixture    *fixture,
          const char *keys)
{
  g_auto(GStrv) split = NULL;
  GStrv ids;

  if (keys == NULL)
    return NULL;

  split = g_strsplit (keys, ",", -1);
  ids = g_new0 (char *, g_strv_length (split) + 1);
  for (guint i = 0; split[i] != NULL; i++)
    ids[i] = g_strdup (g_hash_table_lookup (fixture->users, split[i]));

  return ids;
}

static KontorContact *
make_contact (Fixture           *fixture,
              const ContactSpec *spec)
{
  KontorContact *contact = kontor_contact_new ();
  g_auto(GStrv) assignees = user_ids (fixture, spec->assignees);
  g_auto(GStrv) sales_reps = user_ids (fixture, spec->sales_reps);

  kontor_contact_set_first_name (contact, spec->first_name);
  kontor_contact_set_last_name (contact, spec->last_name);
  if (spec->company != NULL)
    kontor_contact_set_company_id (contact, g_hash_table_lookup (fixture->companies,
                                                                 spec->company));
  if (spec->email != NULL)
    kontor_contact_add_email (contact, "work", spec->email);
  if (spec->phone != NULL)
    kontor_contact_add_phone (contact, "work", spec->phone);
  kontor_contact_set_customer_number (contact, spec->number);
  kontor_contact_set_notes (contact, spec->notes);
  kontor_contact_set_status (contact, spec->status);
  kontor_contact_set_is_lead (contact, spec->lead);
  kontor_contact_set_pipeline_status_id (contact, spec->pipeline_status_id);
  kontor_contact_set_assignees (contact, (const char * const *) assignees);
  kontor_contact_set_sales_reps (contact, (const char * const *) sales_reps);
  kontor_contact_set_due_date (contact, spec->due_date);
  kontor_record_set_created_at (KONTOR_RECORD (contact), spec->created_at);
  kontor_contact_set_last_activity_at (contact, spec->last_activity_at);
  kontor_contact_set_rank (contact, spec->rank);
  kontor_contact_set_job_title (contact, spec->job_title);
  kontor_contact_set_city (contact, spec->city);
  kontor_contact_set_street (contact, spec->street);

  return contact;
}

static void
fill (Fixture           *fixture,
      const CompanySpec *companies,
      guint              n_companies,
      const ContactSpec *contacts,
      guint              n_contacts)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  add_user (fixture, "u1", "Ulla Eins");
  add_user (fixture, "u2", "Uwe Zwei");

  for (guint i = 0; i < n_companies; i++)
    {
      g_autoptr(KontorCompany) company = kontor_company_new (companies[i].name);

      g_assert_true (kontor_store_save (fixture->base.store, KONTOR_RECORD (company), &error));
      g_assert_no_error (error);
      g_hash_table_insert (fixture->companies, g_strdup (companies[i].key),
                           g_strdup (kontor_record_get_id (KONTOR_RECORD (company))));
    }

  /* all contacts in one transaction, as an import does */
  for (guint i = 0; i < n_contacts; i++)
    g_ptr_array_add (records, make_contact (fixture, &contacts[i]));
  g_assert_true (kontor_store_save_all (fixture->base.store, records, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_contacts; i++)
    {
      gint64 *rowid = g_new (gint64, 1);

      *rowid = kontor_record_get_rowid (g_ptr_array_index (records, i));
      g_hash_table_insert (fixture->keys, rowid, (gpointer) contacts[i].key);
    }
  fixture->n_contacts = n_contacts;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixture->companies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixture->keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (data == search_contacts)
    fill (fixture, search_companies, G_N_ELEMENTS (search_companies),
          search_contacts, G_N_ELEMENTS (search_contacts));
  else if (data == phone_contacts)
    fill (fixture, NULL, 0, phone_contacts, G_N_ELEMENTS (phone_contacts));
  else
    fill (fixture, sort_companies, G_N_ELEMENTS (sort_companies),
          sort_contacts, G_N_ELEMENTS (sort_contacts));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_hash_table_unref (fixture->users);
  g_hash_table_unref (fixture->companies);
  g_hash_table_unref (fixture->keys);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

#define SEARCH_TEST(path, func) \
  g_test_add ((path), Fixture, search_contacts, fixture_set_up, (func), fixture_tear_down)
#define PHONE_TEST(path, func) \
  g_test_add ((path), Fixture, phone_contacts, fixture_set_up, (func), fixture_tear_down)
#define SORT_TEST(path, func) \
  g_test_add ((path), Fixture, sort_contacts, fixture_set_up, (func), fixture_tear_down)

/* ------------------------------------------------------------------------ */
/* Queries */

/* The keys of the contacts @filter gives, in order, comma-separated */
static char *
run_query (Fixture      *fixture,
           KontorFilter *filter)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  GString *keys = g_string_new (NULL);

  g_assert_true (kontor_store_query_rowids (fixture->base.store, KONTOR_TYPE_CONTACT, filter,
                                            rowids, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < rowids->len; i++)
    {
      const char *key = g_hash_table_lookup (fixture->keys, &g_array_index (rowids, gint64, i));

      g_assert_nonnull (key);
      g_string_append_printf (keys, "%s%s", i > 0 ? "," : "", key);
    }

  return g_string_free (keys, FALSE);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_keys (const char *keys)
{
  g_auto(GStrv) split = g_strsplit (keys, ",", -1);

  if (*keys == '\0')
    return g_strdup ("");

  qsort (split, g_strv_length (split), sizeof (char *), compare_strings);

  return g_strjoinv (",", split);
}

/* What @text finds, as a set: the order is checked elsewhere */
static void
assert_finds (Fixture    *fixture,
              const char *text,
              const char *expected)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autofree char *found = NULL;
  g_autofree char *found_set = NULL;
  g_autofree char *expected_set = sorted_keys (expected);

  kontor_filter_set_search_text (filter, text);
  found = run_query (fixture, filter);
  found_set = sorted_keys (found);

  /* not fatal: every search of a table reports */
  if (g_strcmp0 (found_set, expected_set) != 0)
    g_test_fail_printf ("“%s” found [%s], expected [%s]", text, found_set, expected_set);
}

static void
assert_order (Fixture      *fixture,
              KontorFilter *filter,
              const char   *expected)
{
  g_autofree char *found = run_query (fixture, filter);

  if (g_strcmp0 (found, expected) != 0)
    g_test_fail_printf ("sort %d%s gave [%s], expected [%s]",
                        kontor_filter_get_sort_column (filter),
                        kontor_filter_get_sort_descending (filter) ? " descending" : "",
                        found, expected);
}

static char *
reversed (const char *keys)
{
  g_auto(GStrv) split = g_strsplit (keys, ",", -1);
  guint n = g_strv_length (split);

  for (guint i = 0; i < n / 2; i++)
    {
      char *swap = split[i];

      split[i] = split[n - 1 - i];
      split[n - 1 - i] = swap;
    }

  return g_strjoinv (",", split);
}

/* @column sorts as @ascending, and descending is its exact mirror */
static void
assert_sorts (Fixture          *fixture,
              KontorFilter     *filter,
              KontorSortColumn  column,
              const char       *ascending)
{
  g_autofree char *descending = reversed (ascending);

  kontor_filter_set_sort_column (filter, column);
  kontor_filter_set_sort_descending (filter, FALSE);
  assert_order (fixture, filter, ascending);
  kontor_filter_set_sort_descending (filter, TRUE);
  assert_order (fixture, filter, descending);
}

/* Only the relative order of @keys in the result */
static void
assert_relative_order (Fixture      *fixture,
                       KontorFilter *filter,
                       const char   *expected)
{
  g_autofree char *found = run_query (fixture, filter);
  g_auto(GStrv) found_keys = g_strsplit (found, ",", -1);
  g_auto(GStrv) wanted = g_strsplit (expected, ",", -1);
  GString *subset = g_string_new (NULL);
  g_autofree char *subset_text = NULL;

  for (guint i = 0; found_keys[i] != NULL; i++)
    {
      if (g_strv_contains ((const char * const *) wanted, found_keys[i]))
        g_string_append_printf (subset, "%s%s", subset->len > 0 ? "," : "", found_keys[i]);
    }
  subset_text = g_string_free (subset, FALSE);

  g_test_message ("sort %d%s: %s", kontor_filter_get_sort_column (filter),
                  kontor_filter_get_sort_descending (filter) ? " descending" : "", found);
  if (g_strcmp0 (subset_text, expected) != 0)
    g_test_fail_printf ("sort %d gave [%s] for [%s]", kontor_filter_get_sort_column (filter),
                        subset_text, expected);
}

static const char *
company_id (Fixture    *fixture,
            const char *key)
{
  return g_hash_table_lookup (fixture->companies, key);
}

static const char *
user_id (Fixture    *fixture,
         const char *key)
{
  return g_hash_table_lookup (fixture->users, key);
}

/* ------------------------------------------------------------------------ */
/* Search: German names */

static void
test_search_umlauts (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_finds (fixture, "muller", "mueller");
  /* typed with umlauts, also the name stored without them ("Mueller") */
  assert_finds (fixture, "Müller", "mueller,mueller2");
  assert_finds (fixture, "MÜLLER", "mueller,mueller2");
  assert_finds (fixture, "müller", "mueller,mueller2");
  assert_finds (fixture, "Mül", "mueller,mueller2");
  /* folded without the e: only the name with umlauts */
  assert_finds (fixture, "mul", "mueller");
  /* "mue" and "mueller" also find the name as typed without umlauts */
  assert_finds (fixture, "mue", "mueller,mueller2");
  assert_finds (fixture, "mueller", "mueller,mueller2");
  assert_finds (fixture, "Öztürk", "oeztuerk");
  assert_finds (fixture, "ozturk", "oeztuerk");
  assert_finds (fixture, "oeztuerk", "oeztuerk");
  assert_finds (fixture, "ayse", "oeztuerk");
}

static void
test_search_sharp_s (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_finds (fixture, "Weiß", "weiss");
  assert_finds (fixture, "weiss", "weiss");
  assert_finds (fixture, "WEISS", "weiss");
  /* notes: "Straße" is found as typed and as "strasse"; "Strasse" as typed.
   * The query is transliterated too, so "straße" also finds "Strasse". */
  assert_finds (fixture, "Straße", "mueller,weiss");
  assert_finds (fixture, "straße", "mueller,weiss");
  assert_finds (fixture, "strasse", "mueller,weiss");
  assert_finds (fixture, "STRASSE", "mueller,weiss");
}

static void
test_search_bjoern (Fixture       *fixture,
                    gconstpointer  data)
{
  assert_finds (fixture, "Björn", "bjoern");
  assert_finds (fixture, "bjorn", "bjoern");
  assert_finds (fixture, "bjoern", "bjoern");
  assert_finds (fixture, "BJÖ", "bjoern");
}

static void
test_search_company (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_finds (fixture, "Sonnen", "mueller,oeztuerk");
  assert_finds (fixture, "sonnenschein gmbh", "mueller,oeztuerk");
  assert_finds (fixture, "alpha", "weiss,berg");
  assert_finds (fixture, "Ärztehaus", "bjoern");
  assert_finds (fixture, "arzte", "bjoern");
  assert_finds (fixture, "aerzte", "bjoern");
}

static void
test_search_email (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_finds (fixture, "j.mueller@", "mueller");
  assert_finds (fixture, "j.mueller@kanzlei.example", "mueller");
  assert_finds (fixture, "kanzlei", "mueller");
  assert_finds (fixture, "weiss-it", "weiss");
  assert_finds (fixture, "anna.schmidt@example.com", "schmidt");
}

static void
test_search_phone (Fixture       *fixture,
                   gconstpointer  data)
{
  /* stored as "030/7654321", "(030) 123 45 67", "030 999": all Berlin */
  assert_finds (fixture, "+49 30", "mueller,schmidt,berg");
  assert_finds (fixture, "0049 30", "mueller,schmidt,berg");
  assert_finds (fixture, "4930", "mueller,schmidt,berg");
  assert_finds (fixture, "030 123", "schmidt");
  assert_finds (fixture, "+49 30 12", "schmidt");
  assert_finds (fixture, "+49 (0)30 123", "schmidt");
  assert_finds (fixture, "(030) 123 45 67", "schmidt");
  assert_finds (fixture, "030/123", "schmidt");
  assert_finds (fixture, "030/765", "mueller");
  assert_finds (fixture, "0307654321", "mueller");
  assert_finds (fixture, "+49 40", "weiss");
  assert_finds (fixture, "0171", "bjoern");
  assert_finds (fixture, "+49 171 234", "bjoern");
  assert_finds (fixture, "089 5", "otto");
}

#define BERLIN "slash,paren,intl,double0,trunk,dashes,dots"

static void
test_search_phone_prefix (Fixture       *fixture,
                          gconstpointer  data)
{
  /* a country code or trunk prefix: the start of the whole number, in
   * every notation, and not "30" further on ("+49 (0)163 3022056",
   * "0176 3097176") */
  assert_finds (fixture, "+49 30", BERLIN);
  assert_finds (fixture, "0049 30", BERLIN);
  assert_finds (fixture, "030", BERLIN);
  assert_finds (fixture, "(030)", BERLIN);
  assert_finds (fixture, "+49 (0)30", BERLIN);
  assert_finds (fixture, "+4930", BERLIN);
  assert_finds (fixture, "+49 30 555", "intl");
  assert_finds (fixture, "0049 30 999", "double0");
  assert_finds (fixture, "+49 30 2223", "trunk");
  assert_finds (fixture, "030/123", "slash");
  assert_finds (fixture, "030 765 43", "paren");
  assert_finds (fixture, "030-444", "dashes");
  assert_finds (fixture, "030.777.88", "dots");
  assert_finds (fixture, "(030) 7654321", "paren");
  assert_finds (fixture, "+49 (0)163 302", "mobile");
  assert_finds (fixture, "01633022056", "mobile");
  assert_finds (fixture, "0176 3097176", "mobile2");
  assert_finds (fixture, "+49 89", "munich,solid");
  assert_finds (fixture, "+43 1 30", "vienna");
  assert_finds (fixture, "+49 31", "");
}

static void
test_search_phone_digit_groups (Fixture       *fixture,
                                gconstpointer  data)
{
  /* bare digits: the whole number or any digit group on */
  assert_finds (fixture, "4930", BERLIN);
  assert_finds (fixture, "3022056", "mobile");
  assert_finds (fixture, "302 2056", "mobile");
  assert_finds (fixture, "309 7176", "mobile2");
  /* "30 1234567" is Berlin's 030/1234567 without the trunk prefix */
  assert_finds (fixture, "30 12", "slash,vienna,munich");
  assert_finds (fixture, "7654321", "paren");
  assert_finds (fixture, "654321", "");
  assert_finds (fixture, "765 43", "paren");
  /* after the country code even when written in one piece */
  assert_finds (fixture, "891234", "solid");
  assert_finds (fixture, "234567", "");
}

static void
test_search_phone_with_words (Fixture       *fixture,
                              gconstpointer  data)
{
  assert_finds (fixture, "Slash 030", "slash");
  assert_finds (fixture, "030 Slash", "slash");
  assert_finds (fixture, "Mobil 030", "");
  assert_finds (fixture, "Mobil 0163", "mobile");
  assert_finds (fixture, "pat +49 30", BERLIN);
  assert_finds (fixture, "Isar 30 12", "munich");
  /* fewer than three digits: a word like the others */
  assert_finds (fixture, "Pat 03", "");
}

static void
test_search_customer_number (Fixture       *fixture,
                             gconstpointer  data)
{
  assert_finds (fixture, "K-2026-00001", "mueller");
  /* a prefix of "K-2026-00010", not of "K-2026-00001" */
  assert_finds (fixture, "K-2026-0001", "weiss");
  assert_finds (fixture, "K-2026-000", "mueller,schmidt,weiss,bjoern,berg");
  assert_finds (fixture, "k-2026-001", "otto");
  assert_finds (fixture, "K-2026", "mueller,schmidt,weiss,bjoern,otto,berg");
}

static void
test_search_notes (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_finds (fixture, "zwetschgen", "oeztuerk");
  assert_finds (fixture, "park", "mueller");
}

static void
test_search_only_documented_fields (Fixture       *fixture,
                                    gconstpointer  data)
{
  /* job title, city and street are not searched (src/README.md "Search") */
  assert_finds (fixture, "Einkauf", "");
  assert_finds (fixture, "Hamburg", "");
  assert_finds (fixture, "Lindenallee", "");
  /* nor are the sales reps or assignees */
  assert_finds (fixture, "Ulla", "");
}

static void
test_search_words_and (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_finds (fixture, "anna", "mueller,schmidt");
  assert_finds (fixture, "anna mül", "mueller");
  assert_finds (fixture, "mül anna", "mueller");
  assert_finds (fixture, "  anna   mül  ", "mueller");
  assert_finds (fixture, "anna\tschmidt", "schmidt");
  assert_finds (fixture, "anna xyz", "");
  assert_finds (fixture, "hans alpha", "weiss");
  assert_finds (fixture, "clara 030", "berg");
}

static void
test_search_fts_syntax_typed (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *inputs[] = {
    "AND", "OR", "NOT", "and", "\"", "\"\"", "\"\" \"\"", "*", "**", "NEAR(", "NEAR(a b)",
    "NEAR(Müller Schmidt, 2)", "-", "--", "+", "^", "(", ")", "()", "{", "}", "{name}: x", ":",
    "name:Müller", "name : Müller", "Müller OR Schmidt", "NOT Müller", "Müller AND",
    "x AND (y OR",
    "'", "Müller'", "\\", "a\"b\"c", "\"Müller", "Müller\"", "Mül*", "*Müller", "-Müller",
    "Müller -Schmidt", "^Müller", "Müller + Schmidt", "🙂", "Müller 🙂", "+49 (", "0049-",
    "a:b:c", "email:x@y", "col* : x", "\x7f", "%", "_", "Müll%", "O'Brien", "[0]",
  };
  g_autoptr(GString) long_text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(KontorFilter) filter = kontor_filter_new ();
      g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GError) error = NULL;

      kontor_filter_set_search_text (filter, inputs[i]);
      if (!kontor_store_query_rowids (fixture->base.store, KONTOR_TYPE_CONTACT, filter, rowids,
                                      &error))
        g_test_fail_printf ("searching “%s” failed: %s", inputs[i], error->message);
    }

  /* typed syntax is taken literally */
  assert_finds (fixture, "\"Müller", "mueller,mueller2");
  assert_finds (fixture, "Müller\"", "mueller,mueller2");
  assert_finds (fixture, "Mül*", "mueller,mueller2");
  /* a leading "-" is "not" (src/README.md "Search") */
  assert_finds (fixture, "-Müller", "schmidt,weiss,bjoern,oeztuerk,otto,berg");
  assert_finds (fixture, "NOT Müller", "");
  assert_finds (fixture, "Müller OR Schmidt", "");
  /* nothing to search for: everything */
  assert_finds (fixture, "\"", "mueller,schmidt,weiss,bjoern,oeztuerk,otto,berg,mueller2");
  assert_finds (fixture, "*", "mueller,schmidt,weiss,bjoern,oeztuerk,otto,berg,mueller2");
  assert_finds (fixture, "-", "mueller,schmidt,weiss,bjoern,oeztuerk,otto,berg,mueller2");

  /* long input */
  for (guint i = 0; i < 2000; i++)
    g_string_append (long_text, "Müller ");
  assert_finds (fixture, long_text->str, "mueller,mueller2");
}

static void
test_search_empty_shows_everything (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char *everything = "mueller,schmidt,weiss,bjoern,oeztuerk,otto,berg,mueller2";

  assert_finds (fixture, NULL, everything);
  assert_finds (fixture, "", everything);
  assert_finds (fixture, "   ", everything);
  assert_finds (fixture, " \t\n ", everything);
  /* not UTF-8: nothing to search for */
  assert_finds (fixture, "M\xfcller", everything);
}

static void
test_search_match_expression (void)
{
  g_autofree char *words = _kontor_store_match_expression ("anna mül");
  g_autofree char *quoted = _kontor_store_match_expression ("a\"b");
  g_autofree char *phone = _kontor_store_match_expression ("030 123");
  g_autofree char *none = _kontor_store_match_expression (" * - \" ");

  g_assert_cmpstr (words, ==,
                   "{name company email number notes} : (\"anna\"* AND (\"mül\"* OR \"muel\"*))");
  g_assert_cmpstr (quoted, ==, "{name company email number notes} : (\"a\"\"b\"*)");
  /* phone numbers are found by their tokens (src/README.md "Search") */
  g_assert_cmpstr (phone, ==, "phone : \"n4930123\"*");
  g_assert_null (none);
  g_assert_null (_kontor_store_match_expression (NULL));
}

static void
test_search_sorted_by_list_sort (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  kontor_filter_set_search_text (filter, "anna");
  assert_order (fixture, filter, "mueller,schmidt");
  kontor_filter_set_sort_descending (filter, TRUE);
  assert_order (fixture, filter, "schmidt,mueller");

  kontor_filter_set_search_text (filter, "4930");
  kontor_filter_set_sort_column (filter, KONTOR_SORT_COMPANY);
  kontor_filter_set_sort_descending (filter, FALSE);
  assert_order (fixture, filter, "berg,mueller,schmidt");
  kontor_filter_set_sort_descending (filter, TRUE);
  assert_order (fixture, filter, "schmidt,mueller,berg");

  kontor_filter_set_sort_column (filter, KONTOR_SORT_CUSTOMER_NUMBER);
  kontor_filter_set_sort_descending (filter, FALSE);
  assert_order (fixture, filter, "mueller,schmidt,berg");
}

/* ------------------------------------------------------------------------ */
/* Filters */

static void
test_filter_statuses (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  /* by name: Arzt, Berg, Mueller, Müller, Otto, Öztürk, Schmidt, Weiß */
  assert_order (fixture, filter, "bjoern,berg,mueller2,mueller,otto,oeztuerk,schmidt,weiss");

  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK_ACTIVE);
  assert_order (fixture, filter, "berg,mueller2,mueller,otto,schmidt,weiss");

  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED));
  assert_order (fixture, filter, "oeztuerk");

  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) |
                                      KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED));
  assert_order (fixture, filter, "bjoern,oeztuerk");

  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER));
  assert_order (fixture, filter, "mueller,otto");
}

static void
test_filter_single (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = NULL;

  filter = kontor_filter_new ();
  kontor_filter_set_leads_only (filter, TRUE);
  assert_order (fixture, filter, "berg,schmidt,weiss");
  g_clear_object (&filter);

  filter = kontor_filter_new ();
  kontor_filter_set_pipeline_status_id (filter, NEW_ID);
  assert_order (fixture, filter, "bjoern,mueller2,oeztuerk,schmidt");
  g_clear_object (&filter);

  /* assignees only: Berg has u1 as sales rep, not assigned */
  filter = kontor_filter_new ();
  kontor_filter_set_assignee_id (filter, user_id (fixture, "u1"));
  assert_order (fixture, filter, "mueller,weiss");
  kontor_filter_set_assignee_id (filter, user_id (fixture, "u2"));
  assert_order (fixture, filter, "oeztuerk,schmidt,weiss");
  g_clear_object (&filter);

  filter = kontor_filter_new ();
  kontor_filter_set_company_id (filter, company_id (fixture, "sonne"));
  assert_order (fixture, filter, "mueller,oeztuerk");
  kontor_filter_set_company_id (filter, "0190a1b2-c3d4-7e5f-a012-3456789abcde");
  assert_order (fixture, filter, "");
}

static void
test_filter_combinations (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK_ACTIVE);
  kontor_filter_set_leads_only (filter, TRUE);
  assert_order (fixture, filter, "berg,schmidt,weiss");

  kontor_filter_set_leads_only (filter, FALSE);
  kontor_filter_set_assignee_id (filter, user_id (fixture, "u2"));
  assert_order (fixture, filter, "schmidt,weiss");

  kontor_filter_set_assignee_id (filter, NULL);
  kontor_filter_set_company_id (filter, company_id (fixture, "sonne"));
  assert_order (fixture, filter, "mueller");

  kontor_filter_set_statuses (filter, 0);
  kontor_filter_set_company_id (filter, NULL);
  kontor_filter_set_leads_only (filter, TRUE);
  kontor_filter_set_pipeline_status_id (filter, CONTACTED_ID);
  assert_order (fixture, filter, "berg,weiss");

  kontor_filter_set_pipeline_status_id (filter, NULL);
  kontor_filter_set_search_text (filter, "anna");
  assert_order (fixture, filter, "schmidt");

  kontor_filter_set_leads_only (filter, FALSE);
  kontor_filter_set_search_text (filter, "4930");
  kontor_filter_set_company_id (filter, company_id (fixture, "alpha"));
  assert_order (fixture, filter, "berg");

  /* everything at once, sorted by company */
  kontor_filter_set_company_id (filter, NULL);
  kontor_filter_set_search_text (filter, "example");
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK_ACTIVE);
  kontor_filter_set_pipeline_status_id (filter, NEW_ID);
  kontor_filter_set_sort_column (filter, KONTOR_SORT_EMAIL);
  assert_order (fixture, filter, "schmidt,mueller2");
}

static void
test_company_query (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCompany) first = NULL;

  /* companies by name, the umlaut next to its neighbour */
  g_assert_true (kontor_store_query_rowids (fixture->base.store, KONTOR_TYPE_COMPANY, filter,
                                            rowids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 3);
  first = kontor_store_load_by_rowid (fixture->base.store, KONTOR_TYPE_COMPANY,
                                      g_array_index (rowids, gint64, 1), &error);
  g_assert_cmpstr (kontor_company_get_name (first), ==, "Ärztehaus Nord");
  g_array_set_size (rowids, 0);

  kontor_filter_set_search_text (filter, "haus");
  g_assert_true (kontor_store_query_rowids (fixture->base.store, KONTOR_TYPE_COMPANY, filter,
                                            rowids, &error));
  g_assert_cmpuint (rowids->len, ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Sorting */

static void
test_sort_by_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  /* Ärzte next to Arzt, Müller next to Muller, Öztürk next to Otto */
  assert_sorts (fixture, filter, KONTOR_SORT_NAME,
                "arzt,aerzte,berg,mueller,muller,otto,oeztuerk,weiss");
}

static void
test_sort_by_company (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  /* Ärztehaus after Alpha, contacts without company last, ties by name */
  assert_sorts (fixture, filter, KONTOR_SORT_COMPANY,
                "berg,weiss,arzt,mueller,oeztuerk,aerzte,muller,otto");
}

static void
test_sort_by_status (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  /* the lifecycle: Inbox, Prospect, Customer, Archived */
  assert_sorts (fixture, filter, KONTOR_SORT_STATUS,
                "aerzte,mueller,arzt,muller,weiss,berg,otto,oeztuerk");
}

static void
test_sort_by_pipeline_status (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  /* board order */
  assert_sorts (fixture, filter, KONTOR_SORT_PIPELINE_STATUS,
                "aerzte,mueller,muller,otto,arzt,berg,oeztuerk,weiss");
}

static void
test_sort_by_email (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  assert_sorts (fixture, filter, KONTOR_SORT_EMAIL,
                "oeztuerk,arzt,berg,weiss,aerzte,muller,mueller,otto");
}

static void
test_sort_by_phone (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  assert_sorts (fixture, filter, KONTOR_SORT_PHONE,
                "mueller,arzt,aerzte,berg,weiss,oeztuerk,muller,otto");
}

static void
test_sort_by_customer_number (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  /* K-2, K-9, K-10, K-20, K-100: by the number's value */
  assert_sorts (fixture, filter, KONTOR_SORT_CUSTOMER_NUMBER,
                "muller,berg,arzt,weiss,mueller,aerzte,otto,oeztuerk");
}

static void
test_sort_orders_are_index_walks (Fixture       *fixture,
                                  gconstpointer  data)
{
  /* every order of the contacts table, for "Current Contacts" and for
   * everything: read in order from an index, never sorted in memory
   * (src/README.md "Sorting") */
  const KontorSortColumn columns[] = {
    KONTOR_SORT_NAME, KONTOR_SORT_COMPANY, KONTOR_SORT_STATUS, KONTOR_SORT_PIPELINE_STATUS,
    KONTOR_SORT_EMAIL,
    KONTOR_SORT_PHONE, KONTOR_SORT_CUSTOMER_NUMBER, KONTOR_SORT_LAST_ACTIVITY,
  };
  const guint statuses[] = {
    KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) | KONTOR_STATUS_MASK_ACTIVE, 0,
  };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
      for (guint descending = 0; descending < 2; descending++)
        {
          g_autoptr(KontorFilter) filter = kontor_filter_new ();
          g_autofree char *plan = NULL;

          kontor_filter_set_sort_column (filter, columns[c]);
          kontor_filter_set_sort_descending (filter, descending);
          kontor_filter_set_statuses (filter, statuses[s]);
          plan = _kontor_store_explain_contact_query (fixture->base.store, filter);

          if (strstr (plan, "TEMP B-TREE") != NULL || strstr (plan, "USING") == NULL)
            g_test_fail_printf ("sort %d (statuses %u%s) is not an index walk:\n%s", columns[c],
                                statuses[s], descending ? ", descending" : "", plan);
        }
}

#define N_BULK 10000   /* kontor-store-crud.c: BULK_INDEX_RECORDS */

static GPtrArray *
make_bulk_contacts (gboolean last_invalid)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_BULK; i++)
    {
      KontorContact *contact = kontor_contact_new ();
      g_autofree char *last_name = g_strdup_printf ("Bulk %05u", i);
      g_autofree char *phone = g_strdup_printf ("030 %07u", i);

      kontor_contact_set_last_name (contact, last_name);
      kontor_contact_add_phone (contact, "work", phone);
      if (last_invalid && i == N_BULK - 1)
        kontor_contact_set_birthday (contact, "not a date");
      g_ptr_array_add (records, contact);
    }

  return records;
}

static gint64
count_order_indexes (Fixture *fixture)
{
  return kontor_test_query_int (fixture->base.store, "SELECT count(*) FROM sqlite_master"
                                " WHERE type = 'index' AND tbl_name = 'contact'"
                                " AND (name LIKE 'contact_sort_%' OR name IN"
                                " ('contact_last_activity', 'contact_status'))", NULL);
}

static void
test_bulk_import_remakes_indexes (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) failing = make_bulk_contacts (TRUE);
  g_autoptr(GPtrArray) records = make_bulk_contacts (FALSE);
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GError) error = NULL;
  gint64 n_indexes = count_order_indexes (fixture);

  g_assert_cmpint (n_indexes, ==, 7);

  /* a large import that fails leaves everything, indexes too, as it was */
  g_assert_false (kontor_store_save_all (fixture->base.store, failing, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_CONTACT, NULL), ==,
                   fixture->n_contacts);
  g_assert_cmpint (count_order_indexes (fixture), ==, n_indexes);

  /* one that works makes them anew (src/README.md "Where the bytes go") */
  g_assert_true (kontor_store_save_all (fixture->base.store, records, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_CONTACT, NULL), ==,
                   fixture->n_contacts + N_BULK);
  g_assert_cmpint (count_order_indexes (fixture), ==, n_indexes);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, "SELECT count(*) FROM"
                                          " pragma_integrity_check WHERE integrity_check != 'ok'",
                                          NULL), ==, 0);
  test_sort_orders_are_index_walks (fixture, data);

  /* and the lists read them: the first and last names in order */
  kontor_filter_set_search_text (filter, "Bulk");
  kontor_filter_set_sort_column (filter, KONTOR_SORT_PHONE);
  {
    g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(KontorContact) first = NULL;

    g_assert_true (kontor_store_query_rowids (fixture->base.store, KONTOR_TYPE_CONTACT, filter,
                                              rowids, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rowids->len, ==, N_BULK);
    first = kontor_store_load_by_rowid (fixture->base.store, KONTOR_TYPE_CONTACT,
                                        g_array_index (rowids, gint64, 0), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kontor_contact_get_last_name (first), ==, "Bulk 00000");
  }
}

static void
test_sort_by_created (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  assert_sorts (fixture, filter, KONTOR_SORT_CREATED,
                "berg,oeztuerk,muller,weiss,arzt,aerzte,mueller,otto");
}

static void
test_sort_by_due_date (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  /* the next due first; no due date last */
  assert_sorts (fixture, filter, KONTOR_SORT_DUE_DATE,
                "muller,mueller,weiss,arzt,otto,aerzte,berg,oeztuerk");
}

static void
test_sort_by_last_activity (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  /* where contacts without any activity go is not specified; the others
   * are in the order of their last activity */
  kontor_filter_set_sort_column (filter, KONTOR_SORT_LAST_ACTIVITY);
  assert_relative_order (fixture, filter, "otto,mueller,muller,arzt,weiss");
  kontor_filter_set_sort_descending (filter, TRUE);
  assert_relative_order (fixture, filter, "weiss,arzt,muller,mueller,otto");
}

static void
test_sort_by_rank (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  kontor_filter_set_sort_column (filter, KONTOR_SORT_RANK);
  assert_relative_order (fixture, filter, "mueller,arzt,muller,otto");
  kontor_filter_set_sort_descending (filter, TRUE);
  assert_relative_order (fixture, filter, "otto,muller,arzt,mueller");
}

static void
test_sort_with_filters (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK_ACTIVE);
  assert_sorts (fixture, filter, KONTOR_SORT_COMPANY, "berg,weiss,arzt,muller,otto");
  assert_sorts (fixture, filter, KONTOR_SORT_CUSTOMER_NUMBER, "muller,berg,arzt,weiss,otto");

  kontor_filter_set_statuses (filter, 0);
  kontor_filter_set_pipeline_status_id (filter, NEW_ID);
  assert_sorts (fixture, filter, KONTOR_SORT_NAME, "aerzte,mueller,muller");

  kontor_filter_set_pipeline_status_id (filter, NULL);
  kontor_filter_set_leads_only (filter, TRUE);
  assert_sorts (fixture, filter, KONTOR_SORT_DUE_DATE, "muller,arzt");

  kontor_filter_set_leads_only (filter, FALSE);
  kontor_filter_set_assignee_id (filter, user_id (fixture, "u1"));
  kontor_filter_set_search_text (filter, "030");
  assert_sorts (fixture, filter, KONTOR_SORT_PHONE, "mueller,arzt");
}


/* ------------------------------------------------------------------------ */
/* Search operators (feature X10) */

/* What @text finds with its operators applied at @now, as a set; @problem
 * the kind of the one problem expected, -1 for none */
static void
assert_operators_find (Fixture    *fixture,
                       const char *text,
                       const char *now_text,
                       const char *expected,
                       int         problem)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (now_text, NULL);
  g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (text);
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorFilter) applied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *found_set = NULL;
  g_autofree char *expected_set = sorted_keys (expected);

  g_assert_nonnull (now);
  kontor_filter_set_search_text (filter, text);
  applied = kontor_store_apply_search_query (fixture->base.store, filter, query, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (applied);

  if (problem < 0 && query->problems->len > 0)
    g_test_fail_printf ("“%s”: %s", text,
                        ((KontorSearchProblem *) g_ptr_array_index (query->problems, 0))->message);
  if (problem >= 0 &&
      (query->problems->len != 1 ||
       ((KontorSearchProblem *) g_ptr_array_index (query->problems, 0))->kind != (KontorSearchProblemKind) problem))
    g_test_fail_printf ("“%s”: expected one problem of kind %d, got %u", text, problem,
                        query->problems->len);

  found = run_query (fixture, applied);
  found_set = sorted_keys (found);
  if (g_strcmp0 (found_set, expected_set) != 0)
    g_test_fail_printf ("“%s” found [%s], expected [%s]", text, found_set, expected_set);
}

#define EVERYONE "mueller,schmidt,weiss,bjoern,oeztuerk,otto,berg,mueller2"
#define NOW "2026-03-01T10:00:00Z"

static void
test_operators_status (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_operators_find (fixture, "status:kunde", NOW, "mueller,otto", -1);
  assert_operators_find (fixture, "status:customer", NOW, "mueller,otto", -1);
  assert_operators_find (fixture, "status:interessent", NOW, "schmidt,weiss,berg,mueller2", -1);
  assert_operators_find (fixture, "status:eingang", NOW, "bjoern", -1);
  assert_operators_find (fixture, "status:archived", NOW, "oeztuerk", -1);
  assert_operators_find (fixture, "-status:archiv", NOW,
                         "mueller,schmidt,weiss,bjoern,otto,berg,mueller2", -1);
  assert_operators_find (fixture, "status:kunde anna", NOW, "mueller", -1);
  assert_operators_find (fixture, "status:kunde -status:customer", NOW, "", -1);
  /* an unknown value is a problem and no criterion */
  assert_operators_find (fixture, "status:kundin", NOW, EVERYONE,
                         KONTOR_SEARCH_PROBLEM_UNKNOWN_VALUE);
  assert_operators_find (fixture, "foo:bar", NOW, EVERYONE,
                         KONTOR_SEARCH_PROBLEM_UNKNOWN_OPERATOR);
}

static void
test_operators_status_and_filter (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr(KontorSearchQuery) query = kontor_search_query_parse ("status:kunde");
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorFilter) applied = NULL;
  g_autofree char *found = NULL;

  /* the chips say prospects, the text customers: none is both */
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT));
  applied = kontor_store_apply_search_query (fixture->base.store, filter, query, now, NULL);
  found = run_query (fixture, applied);
  g_assert_cmpstr (found, ==, "");
  /* the filter itself is left as it was */
  g_assert_cmpuint (kontor_filter_get_statuses (filter), ==,
                    KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT));
}

static void
test_operators_due (Fixture       *fixture,
                    gconstpointer  data)
{
  /* mueller is due on 2026-03-01 */
  assert_operators_find (fixture, "fällig:heute", "2026-03-01T10:00:00Z", "mueller", -1);
  assert_operators_find (fixture, "due:today", "2026-03-02T10:00:00Z", "", -1);
  assert_operators_find (fixture, "fällig:überfällig", "2026-03-02T10:00:00Z", "mueller", -1);
  assert_operators_find (fixture, "faellig:ueberfaellig", "2026-03-01T10:00:00Z", "", -1);
  assert_operators_find (fixture, "fällig:woche", "2026-02-23T10:00:00Z", "mueller", -1);
  assert_operators_find (fixture, "due:week", "2026-02-22T10:00:00Z", "", -1);
}

static void
test_operators_named (Fixture       *fixture,
                      gconstpointer  data)
{
  /* the built-in pipeline statuses by their shown name (here English)
   * or key */
  assert_operators_find (fixture, "pipeline:\"offer sent\"", NOW, "mueller", -1);
  assert_operators_find (fixture, "pipeline:Off", NOW, "mueller", -1);
  assert_operators_find (fixture, "pipeline:won", NOW, "otto", -1);
  /* the built-ins' German names in an English UI too */
  assert_operators_find (fixture, "pipeline:angebot", NOW, "mueller", -1);
  assert_operators_find (fixture, "pipeline:\"auftrag erhalten\"", NOW, "otto", -1);
  assert_operators_find (fixture, "pipeline:xyz", NOW, EVERYONE,
                         KONTOR_SEARCH_PROBLEM_NOT_FOUND);
  /* "Ulla Eins" is berg's sales rep; "u" fits both users */
  assert_operators_find (fixture, "verkauf:ulla", NOW, "berg", -1);
  assert_operators_find (fixture, "sales:eins", NOW, "berg", -1);
  assert_operators_find (fixture, "verkauf:u", NOW, EVERYONE, KONTOR_SEARCH_PROBLEM_AMBIGUOUS);
  assert_operators_find (fixture, "-verkauf:ulla", NOW, EVERYONE,
                         KONTOR_SEARCH_PROBLEM_CANNOT_NEGATE);
  assert_operators_find (fixture, "gruppe:nirgends", NOW, EVERYONE,
                         KONTOR_SEARCH_PROBLEM_NOT_FOUND);
}

static void
test_operators_company (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_operators_find (fixture, "firma:sonnen", NOW, "mueller,oeztuerk", -1);
  assert_operators_find (fixture, "company:\"sonnenschein gmbh\"", NOW, "mueller,oeztuerk", -1);
  assert_operators_find (fixture, "firma:ärzte", NOW, "bjoern", -1);
  assert_operators_find (fixture, "firma:aerzte", NOW, "bjoern", -1);
  /* a company's name is searched in the company only: Anna Müller's
   * notes say "Park", no company does */
  assert_operators_find (fixture, "firma:park", NOW, "", -1);
  assert_operators_find (fixture, "-firma:sonne", NOW,
                         "schmidt,weiss,bjoern,otto,berg,mueller2", -1);
  assert_operators_find (fixture, "anna -firma:sonne", NOW, "schmidt", -1);
}

/* A list's filter whose search text holds operators: the store applies
 * them itself, in every contact query */
static void
test_operators_in_search_text (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GError) error = NULL;

  assert_finds (fixture, "status:kunde", "mueller,otto");
  assert_finds (fixture, "anna status:kunde", "mueller");
  assert_finds (fixture, "pipeline:won", "otto");
  assert_finds (fixture, "verkauf:ulla -status:kunde", "berg");
  assert_finds (fixture, "firma:alpha -hans", "berg");
  /* what names nothing is left out, as in the entry it is a problem */
  assert_finds (fixture, "pipeline:xyz status:kunde", "mueller,otto");

  kontor_filter_set_search_text (filter, "status:interessent -firma:alpha");
  g_assert_cmpint (kontor_store_count_contacts (fixture->base.store, filter, &error), ==, 2);
  g_assert_no_error (error);
}

/* The rowid of the contact with @key */
static gint64
contact_rowid (Fixture    *fixture,
               const char *key)
{
  GHashTableIter iter;
  gpointer rowid, value;

  g_hash_table_iter_init (&iter, fixture->keys);
  while (g_hash_table_iter_next (&iter, &rowid, &value))
    if (g_str_equal (value, key))
      return *(gint64 *) rowid;
  g_assert_not_reached ();
}

/* A contact is found by what its activities' subjects and notes say,
 * all the words in one activity (src/README.md "Search") */
static void
test_search_activity_notes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KontorContact) schmidt = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GError) error = NULL;

  schmidt = kontor_store_load_by_rowid (fixture->base.store, KONTOR_TYPE_CONTACT,
                                        contact_rowid (fixture, "schmidt"), &error);
  g_assert_no_error (error);
  call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (schmidt));
  kontor_activity_set_subject (call, "Telefonat");
  kontor_activity_set_starts_at (call, 1772359200);
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_activity_set_notes (call, "Rabattstaffel für Größenordnung besprochen");
  if (!kontor_store_save (fixture->base.store, KONTOR_RECORD (call), &error))
    g_error ("%s", error->message);
  g_assert_no_error (error);

  assert_finds (fixture, "rabattstaffel", "schmidt");
  assert_finds (fixture, "Rabatt", "schmidt");
  assert_finds (fixture, "rabatt bespr", "schmidt");
  assert_finds (fixture, "groessenordnung", "schmidt");
  assert_finds (fixture, "\"rabattstaffel für\"", "schmidt");
  assert_finds (fixture, "\"für rabattstaffel\"", "");
  /* its own words or its activity's, not some of each */
  assert_finds (fixture, "anna rabatt", "");
  /* the subject too, as in the list of all activities */
  assert_finds (fixture, "telefonat", "schmidt");
  /* "not" and firma: are about the contact itself */
  assert_finds (fixture, "rabatt -anna", "");
  assert_finds (fixture, "status:interessent rabatt", "schmidt");
  assert_finds (fixture, "status:kunde rabatt", "");

  kontor_filter_set_search_text (filter, "rabattstaffel");
  g_assert_cmpint (kontor_store_count_contacts (fixture->base.store, filter, &error), ==, 1);
  g_assert_no_error (error);

  /* deleted, it finds nothing */
  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (call), &error));
  g_assert_no_error (error);
  assert_finds (fixture, "rabattstaffel", "");
}

/* A contact is also found by the names of the files attached to its
 * activities, and the list of all activities finds the activity so
 * (schema 26) */
static void
test_search_attachment_names (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KontorContact) otto = NULL;
  g_autoptr(KontorActivity) meeting = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_attachment_free);
  g_autoptr(GError) error = NULL;

  otto = kontor_store_load_by_rowid (fixture->base.store, KONTOR_TYPE_CONTACT,
                                     contact_rowid (fixture, "otto"), &error);
  g_assert_no_error (error);
  meeting = kontor_activity_new (KONTOR_ACTIVITY_KIND_MEETING, KONTOR_RECORD (otto));
  kontor_activity_set_subject (meeting, "Besuch");
  kontor_activity_set_starts_at (meeting, 1772359200);
  g_ptr_array_add (files, kontor_attachment_new ("0123456789abcdef0123456789abcdef"
                                                 "0123456789abcdef0123456789abcdef",
                                                 "Angebot-Größenordnung_2026.pdf", 1200,
                                                 "application/pdf"));
  kontor_activity_set_attachment_list (meeting, files);
  g_assert_true (kontor_store_save (fixture->base.store, KONTOR_RECORD (meeting), &error));
  g_assert_no_error (error);

  assert_finds (fixture, "angebot", "otto");
  assert_finds (fixture, "groessenordnung", "otto");
  assert_finds (fixture, "\"Angebot Größenordnung 2026\"", "otto");
  assert_finds (fixture, "angebot besuch", "otto");
  assert_finds (fixture, "angebot anna", "");

  /* the file taken off, its name finds nothing */
  g_ptr_array_set_size (files, 0);
  kontor_activity_set_attachment_list (meeting, files);
  g_assert_true (kontor_store_save (fixture->base.store, KONTOR_RECORD (meeting), &error));
  g_assert_no_error (error);
  assert_finds (fixture, "groessenordnung", "");
  assert_finds (fixture, "besuch", "otto");
}

/* A contact is found by the notes of its lead entries, in any project;
 * the entry deleted with its project, they find nothing (schema 26) */
static void
test_search_lead_notes (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Frühjahrsmesse");
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorContact) berg = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_create_lead_project (store, project, &error));
  g_assert_no_error (error);
  statuses = kontor_store_list_lead_statuses (store, kontor_record_get_id (KONTOR_RECORD (project)),
                                              &error);
  g_assert_no_error (error);
  berg = kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT, contact_rowid (fixture, "berg"),
                                     &error);
  g_assert_no_error (error);

  entry = kontor_lead_entry_new (kontor_record_get_id (KONTOR_RECORD (project)),
                                 kontor_record_get_id (KONTOR_RECORD (berg)),
                                 kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_notes (entry, "Will Muster für die Filiale in Köln");
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (entry), &error));
  g_assert_no_error (error);

  assert_finds (fixture, "filiale", "berg");
  assert_finds (fixture, "koeln muster", "berg");
  assert_finds (fixture, "\"filiale in köln\"", "berg");
  /* not some words from the entry and some from the contact */
  assert_finds (fixture, "filiale anna", "");

  kontor_lead_entry_set_notes (entry, "Rückruf im Mai");
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (entry), &error));
  g_assert_no_error (error);
  assert_finds (fixture, "filiale", "");
  assert_finds (fixture, "rueckruf", "berg");

  g_assert_true (kontor_store_delete_lead_project (store, project, TRUE, &error));
  g_assert_no_error (error);
  assert_finds (fixture, "rueckruf", "");
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM lead_entry_search", NULL),
                   ==, 0);
}

static void
test_operators_phrases_and_not (Fixture       *fixture,
                                gconstpointer  data)
{
  assert_finds (fixture, "\"Straße am Park\"", "mueller");
  assert_finds (fixture, "\"am Straße\"", "");
  assert_finds (fixture, "\"kennt die\"", "weiss");
  assert_finds (fixture, "anna -schmidt", "mueller");
  assert_finds (fixture, "-anna", "weiss,bjoern,oeztuerk,otto,berg,mueller2");
  assert_finds (fixture, "-\"Straße am Park\"", "schmidt,weiss,bjoern,oeztuerk,otto,berg,mueller2");
  assert_finds (fixture, "-anna -hans -\"mag zwetschgenkuchen\"", "bjoern,otto,berg,mueller2");
  assert_finds (fixture, "030 -anna", "berg");
  /* what the phrase holds is taken literally */
  assert_finds (fixture, "\"NOT anna\"", "");
  assert_finds (fixture, "-\"\" -\"*\"", EVERYONE);
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SEARCH_TEST ("/store-search/name/umlauts", test_search_umlauts);
  SEARCH_TEST ("/store-search/name/sharp-s", test_search_sharp_s);
  SEARCH_TEST ("/store-search/name/bjoern", test_search_bjoern);
  SEARCH_TEST ("/store-search/company", test_search_company);
  SEARCH_TEST ("/store-search/email", test_search_email);
  SEARCH_TEST ("/store-search/phone-however-typed", test_search_phone);
  PHONE_TEST ("/store-search/phone/prefix", test_search_phone_prefix);
  PHONE_TEST ("/store-search/phone/digit-groups", test_search_phone_digit_groups);
  PHONE_TEST ("/store-search/phone/with-words", test_search_phone_with_words);
  SEARCH_TEST ("/store-search/customer-number-prefix", test_search_customer_number);
  SEARCH_TEST ("/store-search/notes", test_search_notes);
  SEARCH_TEST ("/store-search/only-documented-fields", test_search_only_documented_fields);
  SEARCH_TEST ("/store-search/words-all-match", test_search_words_and);
  SEARCH_TEST ("/store-search/fts-syntax-typed-never-fails", test_search_fts_syntax_typed);
  SEARCH_TEST ("/store-search/empty-shows-everything", test_search_empty_shows_everything);
  g_test_add_func ("/store-search/match-expression", test_search_match_expression);
  SEARCH_TEST ("/store-search/sorted-by-list-sort", test_search_sorted_by_list_sort);
  SEARCH_TEST ("/store-search/operators/status", test_operators_status);
  SEARCH_TEST ("/store-search/operators/status-and-filter", test_operators_status_and_filter);
  SEARCH_TEST ("/store-search/operators/due", test_operators_due);
  SEARCH_TEST ("/store-search/operators/named", test_operators_named);
  SEARCH_TEST ("/store-search/operators/company", test_operators_company);
  SEARCH_TEST ("/store-search/operators/phrases-and-not", test_operators_phrases_and_not);
  SEARCH_TEST ("/store-search/operators/in-search-text", test_operators_in_search_text);
  SEARCH_TEST ("/store-search/activity-notes", test_search_activity_notes);
  SEARCH_TEST ("/store-search/attachment-names", test_search_attachment_names);
  SEARCH_TEST ("/store-search/lead-notes", test_search_lead_notes);

  SEARCH_TEST ("/store-search/filter/statuses", test_filter_statuses);
  SEARCH_TEST ("/store-search/filter/single", test_filter_single);
  SEARCH_TEST ("/store-search/filter/combinations", test_filter_combinations);
  SEARCH_TEST ("/store-search/filter/companies", test_company_query);

  SORT_TEST ("/store-search/sort/name", test_sort_by_name);
  SORT_TEST ("/store-search/sort/company", test_sort_by_company);
  SORT_TEST ("/store-search/sort/status", test_sort_by_status);
  SORT_TEST ("/store-search/sort/pipeline-status", test_sort_by_pipeline_status);
  SORT_TEST ("/store-search/sort/email", test_sort_by_email);
  SORT_TEST ("/store-search/sort/phone", test_sort_by_phone);
  SORT_TEST ("/store-search/sort/customer-number", test_sort_by_customer_number);
  SORT_TEST ("/store-search/sort/created", test_sort_by_created);
  SORT_TEST ("/store-search/sort/due-date-empty-last", test_sort_by_due_date);
  SORT_TEST ("/store-search/sort/last-activity", test_sort_by_last_activity);
  SORT_TEST ("/store-search/sort/rank", test_sort_by_rank);
  SORT_TEST ("/store-search/sort/with-filters", test_sort_with_filters);
  SORT_TEST ("/store-search/sort/index-walks", test_sort_orders_are_index_walks);
  SORT_TEST ("/store-search/sort/bulk-import-remakes-indexes", test_bulk_import_remakes_indexes);

  return g_test_run ();
}
