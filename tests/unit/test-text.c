/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-text"

#include "config.h"

#include <string.h>

#include "kontor-text.h"
#include "kontor-uuid.h"

/* Text rules every layer relies on: folding for comparisons, German
 * transliteration for search, sort keys compared byte by byte, phone
 * numbers reduced to their international digits, the e-mail check of the
 * contact form, and UUIDv7 ids made offline. */

/* ------------------------------------------------------------------------ */
/* Helpers */

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = kontor_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
assert_transliteration (const char *text,
                        const char *expected)
{
  g_autofree char *transliterated = kontor_text_transliterate_de (text);

  g_assert_cmpstr (transliterated, ==, expected);
}

static void
assert_phone (const char *number,
              const char *expected)
{
  g_autofree char *digits = kontor_phone_normalize (number);

  g_assert_cmpstr (digits, ==, expected);
}

/* The order of two texts by their sort keys: < 0, 0 or > 0 */
static int
compare_sort_keys (const char *a,
                   const char *b,
                   gboolean    natural)
{
  g_autoptr(GBytes) key_a = natural ? kontor_text_sort_key_natural (a) : kontor_text_sort_key (a);
  g_autoptr(GBytes) key_b = natural ? kontor_text_sort_key_natural (b) : kontor_text_sort_key (b);

  g_assert_nonnull (key_a);
  g_assert_nonnull (key_b);

  return g_bytes_compare (key_a, key_b);
}

static int
sort_key_cmp (gconstpointer a,
              gconstpointer b)
{
  return compare_sort_keys (*(const char * const *) a, *(const char * const *) b, FALSE);
}

static int
natural_sort_key_cmp (gconstpointer a,
                      gconstpointer b)
{
  return compare_sort_keys (*(const char * const *) a, *(const char * const *) b, TRUE);
}

/* Sorts @texts by their sort keys and compares with @expected */
static void
assert_sorted (const char * const *texts,
               const char * const *expected,
               gboolean            natural)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; texts[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) texts[i]);
  g_ptr_array_sort (sorted, natural ? natural_sort_key_cmp : sort_key_cmp);

  g_assert_cmpuint (sorted->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < sorted->len; i++)
    g_assert_cmpstr (g_ptr_array_index (sorted, i), ==, expected[i]);
}

/* ------------------------------------------------------------------------ */
/* Folding and transliteration */

static void
test_fold_umlauts (void)
{
  assert_fold ("Müller", "muller");
  assert_fold ("MÜLLER", "muller");
  assert_fold ("Ärzte", "arzte");
  assert_fold ("Öztürk", "ozturk");
  assert_fold ("Björn", "bjorn");
  assert_fold ("Zoë Côté", "zoe cote");
}

static void
test_fold_sharp_s (void)
{
  assert_fold ("Straße", "strasse");
  assert_fold ("Weiß", "weiss");
  assert_fold ("STRASSE", "strasse");
}

static void
test_fold_case (void)
{
  assert_fold ("Anna", "anna");
  assert_fold ("ANNA", "anna");
  assert_fold ("anna", "anna");
  assert_fold ("K-2026-00001", "k-2026-00001");
}

static void
test_fold_empty_and_invalid (void)
{
  assert_fold (NULL, "");
  assert_fold ("", "");
  /* not UTF-8: nothing to compare with, never a crash */
  assert_fold ("M\xfcller", "");
}

static void
test_fold_same_as_composed (void)
{
  /* "ü" typed as u + combining diaeresis (macOS file names, some imports) */
  assert_fold ("Mu\xcc\x88ller", "muller");
}

static void
assert_match_key (char *(*make) (const char *),
                  const char  *text,
                  const char  *expected)
{
  g_autofree char *key = make (text);

  g_assert_cmpstr (key, ==, expected);
}

static void
test_match_key_names (void)
{
  assert_match_key (kontor_text_match_key, "Müller", "mueller");
  assert_match_key (kontor_text_match_key, "MUELLER", "mueller");
  assert_match_key (kontor_text_match_key, "  Hans-Peter   Weiß ", "hans peter weiss");
  assert_match_key (kontor_text_match_key, "René", "rene");
  assert_match_key (kontor_text_match_key, "!?", "");
  assert_match_key (kontor_text_match_key, NULL, "");
}

static void
test_match_key_companies (void)
{
  assert_match_key (kontor_company_match_key, "Müller GmbH", "mueller");
  assert_match_key (kontor_company_match_key, "Mueller GmbH", "mueller");
  assert_match_key (kontor_company_match_key, "Müller GmbH & Co. KG", "mueller");
  assert_match_key (kontor_company_match_key, "Bäckerei Schulz e.K.", "baeckerei schulz");
  assert_match_key (kontor_company_match_key, "Start UG (haftungsbeschränkt)", "start");
  assert_match_key (kontor_company_match_key, "ACME Ltd.", "acme");
  /* a legal form in the middle is part of the name; one alone stays */
  assert_match_key (kontor_company_match_key, "AG Ruhr Consulting", "ag ruhr consulting");
  assert_match_key (kontor_company_match_key, "GmbH", "gmbh");
  assert_match_key (kontor_company_match_key, "Müller AG", "mueller");
  assert_match_key (kontor_company_match_key, "Schmidt & Partner", "schmidt partner");
}

static void
test_transliterate_de (void)
{
  assert_transliteration ("Müller", "Mueller");
  assert_transliteration ("Weiß", "Weiss");
  assert_transliteration ("Straße", "Strasse");
  assert_transliteration ("Björn", "Bjoern");
  assert_transliteration ("Ärzte Öl Übel", "Aerzte Oel Uebel");
  assert_transliteration ("GROẞ", "GROSS");
}

static void
test_transliterate_nothing_to_do (void)
{
  assert_transliteration (NULL, NULL);
  assert_transliteration ("", NULL);
  assert_transliteration ("Schmidt", NULL);
  /* only German letters: an é stays, and alone it means no transliteration */
  assert_transliteration ("José", NULL);
}

/* ------------------------------------------------------------------------ */
/* Sort keys */

static void
test_sort_key_empty_is_null (void)
{
  g_assert_null (kontor_text_sort_key (NULL));
  g_assert_null (kontor_text_sort_key (""));
  g_assert_null (kontor_text_sort_key_natural (NULL));
  g_assert_null (kontor_text_sort_key_natural (""));
}

static void
test_sort_key_umlauts_next_to_base_letters (void)
{
  const char *texts[] = { "Berg", "Ärzte", "Zander", "Arzt", "Anton", "Azur", NULL };
  const char *expected[] = { "Anton", "Arzt", "Ärzte", "Azur", "Berg", "Zander", NULL };

  assert_sorted (texts, expected, FALSE);
  g_assert_cmpint (compare_sort_keys ("Ärzte", "Berg", FALSE), <, 0);
  g_assert_cmpint (compare_sort_keys ("Arzt", "Ärzte", FALSE), <, 0);
}

static void
test_sort_key_case_and_accents_folded_first (void)
{
  const char *texts[] = { "müller", "Mayer", "Muller", "Mustermann", "Müller", "MÜLLER", NULL };

  /* all three Müller sort together, between Mayer and Mustermann */
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; texts[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) texts[i]);
  g_ptr_array_sort (sorted, sort_key_cmp);

  g_assert_cmpstr (g_ptr_array_index (sorted, 0), ==, "Mayer");
  g_assert_cmpstr (g_ptr_array_index (sorted, 5), ==, "Mustermann");

  /* the tie breaker keeps equal folded texts apart, in a fixed order */
  g_assert_cmpint (compare_sort_keys ("Muller", "Müller", FALSE), !=, 0);
  g_assert_cmpint (compare_sort_keys ("Müller", "Müller", FALSE), ==, 0);
  g_assert_cmpint (compare_sort_keys ("Muller", "Müller", FALSE), ==,
                   -compare_sort_keys ("Müller", "Muller", FALSE));
}

static void
test_sort_key_shorter_prefix_first (void)
{
  g_assert_cmpint (compare_sort_keys ("Müller", "Müllerin", FALSE), <, 0);
  g_assert_cmpint (compare_sort_keys ("Weiß", "Weiss", FALSE), !=, 0);
  g_assert_cmpint (compare_sort_keys ("Weiß", "Weissmann", FALSE), <, 0);
}

static void
test_sort_key_natural_numbers (void)
{
  const char *texts[] = { "K-10", "K-9", "K-100", "K-2", NULL };
  const char *expected[] = { "K-2", "K-9", "K-10", "K-100", NULL };

  assert_sorted (texts, expected, TRUE);
  g_assert_cmpint (compare_sort_keys ("K-9", "K-10", TRUE), <, 0);
  g_assert_cmpint (compare_sort_keys ("K-2026-00009", "K-2026-00010", TRUE), <, 0);
}

static void
test_sort_key_natural_folds_too (void)
{
  g_assert_cmpint (compare_sort_keys ("ä-9", "B-1", TRUE), <, 0);
  g_assert_cmpint (compare_sort_keys ("a-10", "Ä-9", TRUE), >, 0);
}

/* ------------------------------------------------------------------------ */
/* Phone numbers */

static void
test_phone_normalize_german_forms (void)
{
  assert_phone ("+49 30 1234567", "49301234567");
  assert_phone ("0049 30 1234567", "49301234567");
  assert_phone ("030/123 45 67", "49301234567");
  assert_phone ("(030) 1234567", "49301234567");
  assert_phone ("+49 (0)30 1234567", "49301234567");
  assert_phone ("+49 (0) 30 1234567", "49301234567");
  assert_phone ("030-123 45-67", "49301234567");
  assert_phone ("  +49.30.1234567  ", "49301234567");
}

static void
test_phone_normalize_other_countries (void)
{
  assert_phone ("+43 1 5123456", "4315123456");
  assert_phone ("0043 1 5123456", "4315123456");
  assert_phone ("+41 44 668 18 00", "41446681800");
}

static void
test_phone_normalize_mobile (void)
{
  assert_phone ("0171 2345678", "491712345678");
  assert_phone ("+49 171 2345678", "491712345678");
}

static void
test_phone_normalize_no_digits (void)
{
  assert_phone (NULL, "");
  assert_phone ("", "");
  assert_phone ("n/a", "");
  assert_phone ("+", "");
}

static void
test_phone_is_query (void)
{
  g_assert_true (kontor_phone_is_query ("+49 30"));
  g_assert_true (kontor_phone_is_query ("030/123"));
  g_assert_true (kontor_phone_is_query ("(030) 123-45.67"));
  g_assert_true (kontor_phone_is_query ("4930"));
  g_assert_true (kontor_phone_is_query ("123"));

  g_assert_false (kontor_phone_is_query (NULL));
  g_assert_false (kontor_phone_is_query (""));
  g_assert_false (kontor_phone_is_query ("12"));
  g_assert_false (kontor_phone_is_query ("+4"));
  g_assert_false (kontor_phone_is_query ("03"));
  g_assert_false (kontor_phone_is_query ("0049"));
  g_assert_false (kontor_phone_is_query ("+(0)(0)"));
  g_assert_false (kontor_phone_is_query ("Müller"));
  g_assert_false (kontor_phone_is_query ("K-2026"));
  g_assert_false (kontor_phone_is_query ("030 Müller"));
  g_assert_false (kontor_phone_is_query ("a@b.de"));
}

static void
assert_phone_keys (const char *number,
                   const char *expected)
{
  g_auto(GStrv) keys = kontor_phone_index_keys (number);
  g_autofree char *joined = g_strjoinv (",", keys);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_phone_index_keys (void)
{
  /* the whole number, then from each later digit group and from after
   * the default country code; fewer than three digits are no key */
  assert_phone_keys ("030/1234567", "+49301234567,1234567,301234567");
  assert_phone_keys ("(030) 765 43 21", "+49307654321,7654321,4321,307654321");
  assert_phone_keys ("+49 (0)30 123", "+4930123,30123,123");
  assert_phone_keys ("0049 30 9998877", "+49309998877,309998877,9998877");
  assert_phone_keys ("+49 (0)163 3022056", "+491633022056,1633022056,3022056");
  assert_phone_keys ("+43 1 3012345", "+4313012345,13012345,3012345");
  assert_phone_keys ("+49891234567", "+49891234567,891234567");
  assert_phone_keys ("030-444.55", "+493044455,44455,3044455");
  /* a group inside the cut prefix is none */
  assert_phone_keys ("0 049 30", "+4930");
  assert_phone_keys ("0 30 123", "+4930123,30123,123");
  assert_phone_keys ("n/a", "");
  assert_phone_keys (NULL, "");
}

static void
assert_query_key (const char *text,
                  const char *expected)
{
  g_autofree char *key = kontor_phone_query_key (text);

  g_assert_cmpstr (key, ==, expected);
}

static void
test_phone_query_key (void)
{
  /* a country code or trunk prefix: the start of a whole number */
  assert_query_key ("+49 30", "+4930");
  assert_query_key ("0049 30", "+4930");
  assert_query_key ("030", "+4930");
  assert_query_key ("(030) 12", "+493012");
  assert_query_key ("+49 (0)30", "+4930");
  assert_query_key ("+43 1", "+431");
  /* bare digits: from any digit group */
  assert_query_key ("30 12", "3012");
  assert_query_key ("4930", "4930");
  assert_query_key ("302-2056", "3022056");
  /* not a phone query */
  assert_query_key ("12", NULL);
  assert_query_key ("Müller 030", NULL);
  assert_query_key (NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* E-mail addresses */

static void
test_email_valid (void)
{
  const char *good[] = {
    "anna@example.com",
    "j.mueller@example.de",
    "anna+crm@sub.example.co.uk",
    "a@b.de",
    "o'brien@example.ie",
    "jürgen@müller.de",
    "x_y-z@mail-server.example.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!kontor_email_is_valid (good[i]))
        g_test_fail_printf ("“%s” should be a valid e-mail address", good[i]);
    }
}

static void
test_email_invalid (void)
{
  const char *bad[] = {
    "",
    "anna",
    "anna@",
    "@example.com",
    "anna@example",
    "anna@example.c",
    "anna@@example.com",
    "anna@foo@example.com",
    "an na@example.com",
    "anna@example .com",
    " anna@example.com",
    "anna@example.com\n",
    "anna@example..com",
    "anna@.example.com",
    "anna@-example.com",
    "anna@example.com.",
    "anna,bob@example.com",
    "anna;bob@example.com",
    "<anna@example.com>",
    "\xff\xfe@example.com",
  };

  g_assert_false (kontor_email_is_valid (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (kontor_email_is_valid (bad[i]))
        g_test_fail_printf ("“%s” should not be a valid e-mail address", bad[i]);
    }
}

/* ------------------------------------------------------------------------ */
/* Stripping */

static void
test_strip_dup (void)
{
  g_autofree char *a = kontor_text_strip_dup ("  Anna \t");
  g_autofree char *b = kontor_text_strip_dup ("   ");
  g_autofree char *c = kontor_text_strip_dup ("");
  g_autofree char *d = kontor_text_strip_dup (NULL);

  g_assert_cmpstr (a, ==, "Anna");
  g_assert_null (b);
  g_assert_null (c);
  g_assert_null (d);
}

/* ------------------------------------------------------------------------ */
/* UUIDv7 */

static void
test_uuid_format (void)
{
  g_autofree char *uuid = kontor_uuid_v7_new ();

  g_assert_true (kontor_uuid_is_valid (uuid));
  g_assert_cmpuint (strlen (uuid), ==, 36);
  g_assert_cmpint (uuid[8], ==, '-');
  g_assert_cmpint (uuid[13], ==, '-');
  g_assert_cmpint (uuid[18], ==, '-');
  g_assert_cmpint (uuid[23], ==, '-');
  /* version 7, variant 10xx */
  g_assert_cmpint (uuid[14], ==, '7');
  g_assert_nonnull (strchr ("89ab", uuid[19]));
}

static void
test_uuid_is_valid (void)
{
  g_assert_true (kontor_uuid_is_valid ("00000000-0000-7000-8000-000000000001"));
  g_assert_true (kontor_uuid_is_valid ("0190a1b2-c3d4-7e5f-a012-3456789abcde"));

  g_assert_false (kontor_uuid_is_valid (NULL));
  g_assert_false (kontor_uuid_is_valid (""));
  g_assert_false (kontor_uuid_is_valid ("0190A1B2-C3D4-7E5F-A012-3456789ABCDE"));
  g_assert_false (kontor_uuid_is_valid ("0190a1b2c3d47e5fa0123456789abcde"));
  g_assert_false (kontor_uuid_is_valid ("0190a1b2-c3d4-7e5f-a012-3456789abcd"));
  g_assert_false (kontor_uuid_is_valid ("0190a1b2-c3d4-7e5f-a012-3456789abcdef"));
  g_assert_false (kontor_uuid_is_valid ("0190a1b2-c3d4-7e5f-a012-3456789abcdg"));
  g_assert_false (kontor_uuid_is_valid ("0190a1b2-c3d4-7e5f_a012-3456789abcde"));
}

static void
test_uuid_strictly_increasing (void)
{
  g_autofree char *previous = kontor_uuid_v7_new ();

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *next = kontor_uuid_v7_new ();

      g_assert_true (kontor_uuid_is_valid (next));
      g_assert_cmpint (next[14], ==, '7');
      if (strcmp (previous, next) >= 0)
        g_error ("UUID %u “%s” does not sort after “%s”", i, next, previous);

      g_free (previous);
      previous = g_steal_pointer (&next);
    }
}

static void
test_uuid_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 10000; i++)
    g_assert_true (g_hash_table_add (seen, kontor_uuid_v7_new ()));
}

static void
test_uuid_time_now (void)
{
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *uuid = kontor_uuid_v7_new ();
  gint64 after = g_get_real_time () / 1000;
  gint64 time = kontor_uuid_v7_get_time (uuid);

  /* Never behind the clock; ids made in a burst may count a few
   * milliseconds ahead of it (the 12-bit counter overflows into the time). */
  g_assert_cmpint (time, >=, before);
  g_assert_cmpint (time, <=, after + 1000);
}

static void
test_uuid_time_round_trip (void)
{
  /* ahead of every id this process made, so the time is taken as given */
  gint64 when = g_get_real_time () / 1000 + 60 * 1000;
  g_autofree char *uuid = kontor_uuid_v7_new_at (when);
  g_autofree char *later = kontor_uuid_v7_new_at (when + 1234);
  g_autofree char *hex = NULL;

  g_assert_cmpint (kontor_uuid_v7_get_time (uuid), ==, when);
  g_assert_cmpint (kontor_uuid_v7_get_time (later), ==, when + 1234);

  /* the first 48 bits are the milliseconds, big-endian */
  hex = g_strdup_printf ("%012" G_GINT64_MODIFIER "x", when);
  g_assert_true (strncmp (uuid, hex, 8) == 0);
  g_assert_true (strncmp (uuid + 9, hex + 8, 4) == 0);
}

static void
test_uuid_time_of_other_versions (void)
{
  g_assert_cmpint (kontor_uuid_v7_get_time ("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), ==, -1);
  g_assert_cmpint (kontor_uuid_v7_get_time ("not a uuid"), ==, -1);
  g_assert_cmpint (kontor_uuid_v7_get_time (NULL), ==, -1);
  g_assert_cmpint (kontor_uuid_v7_get_time ("00000000-0000-7000-8000-000000000001"), ==, 0);
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text/fold/umlauts", test_fold_umlauts);
  g_test_add_func ("/text/fold/sharp-s", test_fold_sharp_s);
  g_test_add_func ("/text/fold/case", test_fold_case);
  g_test_add_func ("/text/fold/empty-and-invalid", test_fold_empty_and_invalid);
  g_test_add_func ("/text/fold/decomposed-same-as-composed", test_fold_same_as_composed);
  g_test_add_func ("/text/transliterate/german", test_transliterate_de);
  g_test_add_func ("/text/match-key/names", test_match_key_names);
  g_test_add_func ("/text/match-key/companies", test_match_key_companies);
  g_test_add_func ("/text/transliterate/nothing-to-do", test_transliterate_nothing_to_do);

  g_test_add_func ("/text/sort-key/empty-is-null", test_sort_key_empty_is_null);
  g_test_add_func ("/text/sort-key/umlauts-next-to-base-letters",
                   test_sort_key_umlauts_next_to_base_letters);
  g_test_add_func ("/text/sort-key/case-and-accents-folded-first",
                   test_sort_key_case_and_accents_folded_first);
  g_test_add_func ("/text/sort-key/shorter-prefix-first", test_sort_key_shorter_prefix_first);
  g_test_add_func ("/text/sort-key/natural-numbers", test_sort_key_natural_numbers);
  g_test_add_func ("/text/sort-key/natural-folds-too", test_sort_key_natural_folds_too);

  g_test_add_func ("/text/phone/normalize-german-forms", test_phone_normalize_german_forms);
  g_test_add_func ("/text/phone/normalize-other-countries", test_phone_normalize_other_countries);
  g_test_add_func ("/text/phone/normalize-mobile", test_phone_normalize_mobile);
  g_test_add_func ("/text/phone/normalize-no-digits", test_phone_normalize_no_digits);
  g_test_add_func ("/text/phone/is-query", test_phone_is_query);
  g_test_add_func ("/text/phone/index-keys", test_phone_index_keys);
  g_test_add_func ("/text/phone/query-key", test_phone_query_key);

  g_test_add_func ("/text/email/valid", test_email_valid);
  g_test_add_func ("/text/email/invalid", test_email_invalid);
  g_test_add_func ("/text/strip-dup", test_strip_dup);

  g_test_add_func ("/uuid/v7/format", test_uuid_format);
  g_test_add_func ("/uuid/is-valid", test_uuid_is_valid);
  g_test_add_func ("/uuid/v7/strictly-increasing", test_uuid_strictly_increasing);
  g_test_add_func ("/uuid/v7/unique", test_uuid_unique);
  g_test_add_func ("/uuid/v7/time-is-now", test_uuid_time_now);
  g_test_add_func ("/uuid/v7/time-round-trip", test_uuid_time_round_trip);
  g_test_add_func ("/uuid/v7/time-of-other-versions", test_uuid_time_of_other_versions);

  return g_test_run ();
}
