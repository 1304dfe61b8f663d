/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-search-query"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "kontor-search-query.h"

/* The reader of the search entry's text (feature X10, src/README.md
 * "Search"): operators in German and English, phrases, negation, and
 * what it cannot read reported rather than searched for. */

static KontorSearchTerm *
only_term (KontorSearchQuery *query)
{
  g_assert_cmpuint (query->terms->len, ==, 1);
  return g_ptr_array_index (query->terms, 0);
}

static void
assert_strings (GPtrArray          *array,
                const char * const *expected)
{
  guint n = expected != NULL ? g_strv_length ((char **) expected) : 0;

  g_assert_cmpuint (array->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (array, i), ==, expected[i]);
}

static void
test_words_and_phrases (void)
{
  g_autoptr(KontorSearchQuery) query =
    kontor_search_query_parse ("  Mül \"Müller GmbH\" -Meier -\"alte Adresse\" 10:30  ");

  assert_strings (query->words, (const char *[]) { "Mül", "10:30", NULL });
  assert_strings (query->phrases, (const char *[]) { "Müller GmbH", NULL });
  assert_strings (query->not_words, (const char *[]) { "Meier", NULL });
  assert_strings (query->not_phrases, (const char *[]) { "alte Adresse", NULL });
  g_assert_cmpuint (query->terms->len, ==, 0);
  g_assert_false (kontor_search_query_has_problems (query));
  g_assert_false (kontor_search_query_is_empty (query));
}

static void
test_status_both_languages (void)
{
  const struct { const char *text; guint mask; } cases[] = {
    { "status:kunde", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER) },
    { "status:customer", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER) },
    { "STATUS:Kunde", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER) },
    { "status:interessent", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT) },
    { "status:prospect", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT) },
    { "status:eingang", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) },
    { "status:inbox", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) },
    { "status:archiv", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED) },
    { "status:archived", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED) },
    { "status:kunde,prospect", KONTOR_STATUS_MASK_ACTIVE },
    { "-status:archiv", KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) |
                        KONTOR_STATUS_MASK_ACTIVE },
    { "status:kunde,interessent -status:kunde",
      KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT) },
    { "Müller", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_false (kontor_search_query_has_problems (query));
      g_assert_cmpuint (kontor_search_query_get_statuses (query), ==, cases[i].mask);
    }
}

static void
test_status_none_left (void)
{
  g_autoptr(KontorSearchQuery) query = kontor_search_query_parse ("status:kunde -status:kunde");

  /* matches no status, which is not 0 (every status) */
  g_assert_cmpuint (kontor_search_query_get_statuses (query), !=, 0);
  g_assert_cmpuint (kontor_search_query_get_statuses (query) &
                    (KONTOR_STATUS_MASK_ACTIVE |
                     KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) |
                     KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED)), ==, 0);
}

static void
test_due_spellings (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 12, 31, 10, 0, 0);
  const struct { const char *text; const char *from; const char *to; } cases[] = {
    { "fällig:heute", "2026-12-31", "2026-12-31" },
    { "faellig:heute", "2026-12-31", "2026-12-31" },
    { "due:today", "2026-12-31", "2026-12-31" },
    { "FÄLLIG:HEUTE", "2026-12-31", "2026-12-31" },
    { "fällig:überfällig", NULL, "2026-12-30" },
    { "fallig:uberfallig", NULL, "2026-12-30" },
    { "faellig:ueberfaellig", NULL, "2026-12-30" },
    { "due:overdue", NULL, "2026-12-30" },
    { "fällig:woche", "2026-12-31", "2027-01-06" },
    { "due:week", "2026-12-31", "2027-01-06" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (cases[i].text);
      g_autoptr(KontorFilter) filter = kontor_filter_new ();

      g_test_message ("%s", cases[i].text);
      g_assert_false (kontor_search_query_has_problems (query));
      g_assert_cmpint (only_term (query)->op, ==, KONTOR_SEARCH_OP_DUE);
      g_assert_true (kontor_search_query_apply_due (query, filter, now));
      g_assert_cmpstr (kontor_filter_get_due_from (filter), ==, cases[i].from);
      g_assert_cmpstr (kontor_filter_get_due_to (filter), ==, cases[i].to);
    }
}

static void
test_named_operators (void)
{
  const struct { const char *text; KontorSearchOperator op; const char *value; gboolean neg; }
  cases[] = {
    { "firma:müller", KONTOR_SEARCH_OP_COMPANY, "müller", FALSE },
    { "company:\"Müller GmbH\"", KONTOR_SEARCH_OP_COMPANY, "Müller GmbH", FALSE },
    { "verkauf:anna", KONTOR_SEARCH_OP_SALES, "anna", FALSE },
    { "sales:Anna", KONTOR_SEARCH_OP_SALES, "Anna", FALSE },
    { "pipeline:angebot", KONTOR_SEARCH_OP_PIPELINE, "angebot", FALSE },
    { "gruppe:Messe", KONTOR_SEARCH_OP_GROUP, "Messe", FALSE },
    { "-group:\"Messe 2026\"", KONTOR_SEARCH_OP_GROUP, "Messe 2026", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (cases[i].text);
      KontorSearchTerm *term;

      g_test_message ("%s", cases[i].text);
      g_assert_false (kontor_search_query_has_problems (query));
      term = only_term (query);
      g_assert_cmpint (term->op, ==, cases[i].op);
      g_assert_cmpstr (term->value, ==, cases[i].value);
      g_assert_cmpint (term->negated, ==, cases[i].neg);
      g_assert_cmpuint (term->start, ==, 0);
      g_assert_cmpuint (term->end, ==, strlen (cases[i].text));
      g_assert_cmpstr (kontor_search_query_find_value (query, cases[i].op, cases[i].neg), ==,
                       cases[i].value);
      g_assert_null (kontor_search_query_find_value (query, cases[i].op, !cases[i].neg));
      g_assert_cmpuint (query->words->len, ==, 0);
    }
}

static void
test_unknown_operator (void)
{
  g_autoptr(KontorSearchQuery) query = kontor_search_query_parse ("Anna foo:bar Berlin");
  KontorSearchProblem *problem;

  g_assert_true (kontor_search_query_has_problems (query));
  g_assert_cmpuint (query->problems->len, ==, 1);
  problem = g_ptr_array_index (query->problems, 0);
  g_assert_cmpint (problem->kind, ==, KONTOR_SEARCH_PROBLEM_UNKNOWN_OPERATOR);
  g_assert_cmpuint (problem->start, ==, 5);
  g_assert_cmpuint (problem->end, ==, 12);
  g_assert_nonnull (strstr (problem->message, "foo:"));
  /* not searched as a word either */
  assert_strings (query->words, (const char *[]) { "Anna", "Berlin", NULL });
}

static void
test_unknown_and_missing_values (void)
{
  const struct { const char *text; KontorSearchProblemKind kind; } cases[] = {
    { "status:kundin", KONTOR_SEARCH_PROBLEM_UNKNOWN_VALUE },
    { "status:,", KONTOR_SEARCH_PROBLEM_UNKNOWN_VALUE },
    { "fällig:morgen", KONTOR_SEARCH_PROBLEM_UNKNOWN_VALUE },
    { "fällig:heute,woche", KONTOR_SEARCH_PROBLEM_UNKNOWN_VALUE },
    { "status:", KONTOR_SEARCH_PROBLEM_MISSING_VALUE },
    { "firma:\"\"", KONTOR_SEARCH_PROBLEM_MISSING_VALUE },
    { "firma:\"Müller", KONTOR_SEARCH_PROBLEM_UNCLOSED_QUOTE },
    { "\"Müller", KONTOR_SEARCH_PROBLEM_UNCLOSED_QUOTE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (cases[i].text);
      KontorSearchProblem *problem;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (query->problems->len, >=, 1);
      problem = g_ptr_array_index (query->problems, 0);
      g_assert_cmpint (problem->kind, ==, cases[i].kind);
      g_assert_cmpuint (problem->end, <=, strlen (cases[i].text));
      g_assert_true (problem->message != NULL && problem->message[0] != '\0');
    }
}

static void
test_garbage (void)
{
  const char *cases[] = {
    "", "   ", "-", "- -", "\"", "\"\"", "-\"\"", ":", "::", ":foo", "a:b:c", "\"a\"b\"c",
    "status:\"", "-status:", "firma:\"\" -", "\xff\xfe", "ü:ö", "status:kunde\"x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (cases[i]);

      g_test_message ("%s", cases[i]);
      for (guint p = 0; p < query->problems->len; p++)
        {
          KontorSearchProblem *problem = g_ptr_array_index (query->problems, p);

          g_assert_cmpuint (problem->start, <=, problem->end);
          g_assert_cmpuint (problem->end, <=, strlen (cases[i]));
        }
    }

  /* invalid UTF-8 holds nothing */
  {
    g_autoptr(KontorSearchQuery) query = kontor_search_query_parse ("Mül\xff");

    g_assert_true (kontor_search_query_is_empty (query));
  }
  /* "ü:ö" is an unknown operator, "a:b:c" too, ":foo" a word */
  {
    g_autoptr(KontorSearchQuery) query = kontor_search_query_parse ("ü:ö a:b:c :foo");

    g_assert_cmpuint (query->problems->len, ==, 2);
    assert_strings (query->words, (const char *[]) { ":foo", NULL });
  }
}

static void
assert_offers (const char         *text,
               const char * const *values,
               gboolean            german,
               guint               expected_start,
               const char * const *expected)
{
  guint start = G_MAXUINT;
  g_auto(GStrv) offers = kontor_search_complete (text, strlen (text), values, german, &start);

  g_test_message ("“%s”", text);
  g_assert_nonnull (offers);
  g_assert_cmpuint (start, ==, expected_start);
  g_assert_cmpstrv (offers, expected);
}

static void
test_complete (void)
{
  const char *pipeline[] = { "Angebot", "Auftrag", "Erstkontakt", NULL };
  const char *users[] = { "Anna Schmidt", "Bernd Ahrens", NULL };

  assert_offers ("st", NULL, TRUE, 0, (const char *[]) { "status:", NULL });
  assert_offers ("Anna f", NULL, TRUE, 5, (const char *[]) { "fällig:", "firma:", NULL });
  assert_offers ("fa", NULL, TRUE, 0, (const char *[]) { "fällig:", NULL });
  assert_offers ("g", NULL, FALSE, 0, (const char *[]) { "group:", "gruppe:", NULL });
  assert_offers ("-s", NULL, FALSE, 1, (const char *[]) { "status:", "sales:", NULL });
  assert_offers ("status:ku", NULL, TRUE, 0, (const char *[]) { "status:kunde", NULL });
  assert_offers ("status:cu", NULL, TRUE, 0, (const char *[]) { "status:customer", NULL });
  assert_offers ("fällig:ü", NULL, TRUE, 0, (const char *[]) { "fällig:überfällig", NULL });
  assert_offers ("due:u", NULL, FALSE, 0, (const char *[]) { "due:überfällig", NULL });
  assert_offers ("pipeline:a", pipeline, TRUE, 0,
                 (const char *[]) { "pipeline:Angebot", "pipeline:Auftrag", NULL });
  assert_offers ("verkauf:an", users, TRUE, 0,
                 (const char *[]) { "verkauf:\"Anna Schmidt\"", NULL });
  assert_offers ("foo:x", users, TRUE, 0, (const char *[]) { NULL });
  assert_offers ("Müller", NULL, TRUE, 0, (const char *[]) { NULL });
  assert_offers ("", NULL, TRUE, 0, (const char *[]) { NULL });
  assert_offers ("0301", NULL, TRUE, 0, (const char *[]) { NULL });

  /* the cursor before a "-" (found by fuzz-search-query): nothing typed */
  {
    guint start = G_MAXUINT;
    g_auto(GStrv) offers = kontor_search_complete ("Mül -Meier", 5, NULL, TRUE, &start);

    g_assert_cmpuint (start, ==, 5);
    g_assert_cmpstrv (offers, (const char *[]) { NULL });
  }
  /* in the middle of a word, only what is before the cursor counts */
  {
    guint start = G_MAXUINT;
    g_auto(GStrv) offers = kontor_search_complete ("stxyz", 2, NULL, TRUE, &start);

    g_assert_cmpuint (start, ==, 0);
    g_assert_cmpstrv (offers, ((const char *[]) { "status:", NULL }));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-query/words-and-phrases", test_words_and_phrases);
  g_test_add_func ("/search-query/status/both-languages", test_status_both_languages);
  g_test_add_func ("/search-query/status/none-left-matches-none", test_status_none_left);
  g_test_add_func ("/search-query/due/spellings", test_due_spellings);
  g_test_add_func ("/search-query/named-operators", test_named_operators);
  g_test_add_func ("/search-query/problems/unknown-operator", test_unknown_operator);
  g_test_add_func ("/search-query/problems/values", test_unknown_and_missing_values);
  g_test_add_func ("/search-query/garbage", test_garbage);
  g_test_add_func ("/search-query/complete", test_complete);

  return g_test_run ();
}
