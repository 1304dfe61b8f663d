/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store-numbers"

#include "config.h"

#include <string.h>

#include "kontor-test-utils.h"

/* Customer number ranges (feature C5, src/README.md): how a number is written, the
 * settings and their limits, and "Nummer erzeugen", which takes the next
 * free number and advances the range in one transaction. */

/* a prefix of the longest length allowed, in characters, not bytes */
#define TWENTY_UMLAUTS "ÄÖÜäöüßÄÖÜäöüßÄÖÜäöü"

/* ------------------------------------------------------------------------ */
/* Fixture and helpers */

typedef KontorStoreFixture Fixture;

#define TEST(path, func) KONTOR_STORE_TEST (path, func)

static void
get_range (KontorStore       *store,
           KontorNumberRange *range)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_get_number_range (store, range, &error));
  g_assert_no_error (error);
}

static void
set_range (KontorStore *store,
           const char  *prefix,
           int          year_format,
           guint        padding,
           gint64       next_value)
{
  KontorNumberRange range = { (char *) prefix, year_format, padding, next_value };
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_set_number_range (store, &range, &error));
  g_assert_no_error (error);
}

static void
assert_range (KontorStore *store,
              const char  *prefix,
              int          year_format,
              guint        padding,
              gint64       next_value)
{
  KontorNumberRange range = { NULL, };

  get_range (store, &range);
  g_assert_cmpstr (range.prefix, ==, prefix);
  g_assert_cmpint (range.year_format, ==, year_format);
  g_assert_cmpuint (range.padding, ==, padding);
  g_assert_cmpint (range.next_value, ==, next_value);
  kontor_number_range_clear (&range);
}

static char *
format (const char *prefix,
        int         year_format,
        guint       padding,
        gint64      value,
        int         year)
{
  KontorNumberRange range = { (char *) prefix, year_format, padding, 1 };
  g_autoptr(GDateTime) when = g_date_time_new_utc (year, 6, 15, 12, 0, 0);

  return kontor_number_range_format (&range, value, when);
}

static void
assert_format (const char *expected,
               const char *prefix,
               int         year_format,
               guint       padding,
               gint64      value,
               int         year)
{
  g_autofree char *number = format (prefix, year_format, padding, value, year);

  g_assert_cmpstr (number, ==, expected);
}

/* "K-<this year>-<value>" with five digits */
static char *
this_years_number (gint64 value)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_strdup_printf ("K-%04d-%05" G_GINT64_FORMAT, g_date_time_get_year (now), value);
}

static KontorContact *
save_new_contact (KontorStore *store,
                  const char  *last_name,
                  const char  *number)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, "Anna");
  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_set_customer_number (contact, number);
  kontor_test_save (store, contact);

  return contact;
}

static char *
stored_number (KontorStore   *store,
               KontorContact *contact)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) loaded = kontor_store_load (store, KONTOR_TYPE_CONTACT, id, &error);

  g_assert_no_error (error);

  return g_strdup (kontor_contact_get_customer_number (loaded));
}

/* ------------------------------------------------------------------------ */
/* Format */

static void
test_format_year (void)
{
  assert_format ("K-2026-00042", "K-", KONTOR_YEAR_FORMAT_FULL, 5, 42, 2026);
  assert_format ("K-26-00042", "K-", KONTOR_YEAR_FORMAT_SHORT, 5, 42, 2026);
  assert_format ("K-00042", "K-", KONTOR_YEAR_FORMAT_NONE, 5, 42, 2026);
  assert_format ("K-05-00001", "K-", KONTOR_YEAR_FORMAT_SHORT, 5, 1, 2005);
  assert_format ("K-2000-7", "K-", KONTOR_YEAR_FORMAT_FULL, 1, 7, 2000);
}

static void
test_format_prefix_and_padding (void)
{
  assert_format ("00042", "", KONTOR_YEAR_FORMAT_NONE, 5, 42, 2026);
  assert_format ("00042", NULL, KONTOR_YEAR_FORMAT_NONE, 5, 42, 2026);
  assert_format ("2026-00042", NULL, KONTOR_YEAR_FORMAT_FULL, 5, 42, 2026);
  assert_format ("Kunde Nr. 000000000042", "Kunde Nr. ", KONTOR_YEAR_FORMAT_NONE, 12, 42, 2026);
  assert_format ("KÖ-000000000001", "KÖ-", KONTOR_YEAR_FORMAT_NONE, 12, 1, 2026);
  assert_format ("K-1", "K-", KONTOR_YEAR_FORMAT_NONE, 1, 1, 2026);
}

static void
test_format_longer_than_padding (void)
{
  /* a number never loses digits */
  assert_format ("K-2026-123456", "K-", KONTOR_YEAR_FORMAT_FULL, 5, 123456, 2026);
  assert_format ("K-100", "K-", KONTOR_YEAR_FORMAT_NONE, 2, 100, 2026);
  assert_format ("K-99999", "K-", KONTOR_YEAR_FORMAT_NONE, 5, 99999, 2026);
}

static void
test_format_now (void)
{
  KontorNumberRange range = { (char *) "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1 };
  g_autofree char *number = kontor_number_range_format (&range, 3, NULL);
  g_autofree char *expected = this_years_number (3);

  g_assert_cmpstr (number, ==, expected);
}

/* ------------------------------------------------------------------------ */
/* Settings */

static void
test_default_range (Fixture       *fixture,
                    gconstpointer  data)
{
  assert_range (fixture->store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1);
}

static void
test_set_get_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  KontorStore *store = fixture->store;
  gint64 before = kontor_test_outbox_last_seq (store);

  set_range (store, "KD/", KONTOR_YEAR_FORMAT_SHORT, 7, 100);
  assert_range (store, "KD/", KONTOR_YEAR_FORMAT_SHORT, 7, 100);

  /* the team's settings travel; the running number is each machine's */
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM outbox "
                                          "WHERE entity = 'number_range' AND op = 'update' "
                                          "AND field IN ('prefix', 'year_format', 'padding')",
                                          NULL), ==, 3);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before + 3);

  /* no prefix at all */
  set_range (store, NULL, KONTOR_YEAR_FORMAT_NONE, 12, 1);
  assert_range (store, "", KONTOR_YEAR_FORMAT_NONE, 12, 1);

  /* twenty characters, umlauts counted as one */
  set_range (store, TWENTY_UMLAUTS, KONTOR_YEAR_FORMAT_FULL, 1, 999999);
  assert_range (store, TWENTY_UMLAUTS, KONTOR_YEAR_FORMAT_FULL, 1, 999999);

  /* the same settings again are no change */
  before = kontor_test_outbox_last_seq (store);
  set_range (store, TWENTY_UMLAUTS, KONTOR_YEAR_FORMAT_FULL, 1, 999999);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
}

static void
test_invalid_settings_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  KontorStore *store = fixture->store;
  const KontorNumberRange bad[] = {
    { (char *) "K-", KONTOR_YEAR_FORMAT_FULL, 0, 1 },
    { (char *) "K-", KONTOR_YEAR_FORMAT_FULL, 13, 1 },
    { (char *) "K-", KONTOR_YEAR_FORMAT_FULL, 5, 0 },
    { (char *) "K-", KONTOR_YEAR_FORMAT_FULL, 5, -7 },
    { (char *) "ABCDEFGHIJKLMNOPQRSTU", KONTOR_YEAR_FORMAT_FULL, 5, 1 },
    { (char *) TWENTY_UMLAUTS "ß", KONTOR_YEAR_FORMAT_FULL, 5, 1 },
    /* invalid UTF-8, a sequence cut off at its end */
    { (char *) "K-\xc3", KONTOR_YEAR_FORMAT_FULL, 5, 1 },
    { (char *) "K-", 3, 5, 1 },
  };
  gint64 before;

  set_range (store, "R-", KONTOR_YEAR_FORMAT_SHORT, 4, 17);
  before = kontor_test_outbox_last_seq (store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kontor_store_set_number_range (store, &bad[i], &error));
      g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");

      /* nothing changed */
      assert_range (store, "R-", KONTOR_YEAR_FORMAT_SHORT, 4, 17);
      g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
    }
}

/* ------------------------------------------------------------------------ */
/* Assigning */

static void
test_assign_in_order (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) first = save_new_contact (store, "Erste", NULL);
  g_autoptr(KontorContact) second = save_new_contact (store, "Zweite", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *number_1 = NULL;
  g_autofree char *number_2 = NULL;
  g_autofree char *expected_1 = this_years_number (1);
  g_autofree char *expected_2 = this_years_number (2);
  g_autofree char *stored = NULL;
  gint64 before = kontor_test_outbox_last_seq (store);

  number_1 = kontor_store_assign_customer_number (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number_1, ==, expected_1);
  /* the contact in hand has it too, and so has the database */
  g_assert_cmpstr (kontor_contact_get_customer_number (first), ==, expected_1);
  stored = stored_number (store, first);
  g_assert_cmpstr (stored, ==, expected_1);

  number_2 = kontor_store_assign_customer_number (store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number_2, ==, expected_2);

  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 3);

  /* an edit like any: one outbox entry each */
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM outbox "
                                          "WHERE field = 'customer_number' AND op = 'update'",
                                          NULL), ==, 2);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before + 2);
}

static void
test_assign_skips_used_numbers (Fixture       *fixture,
                                gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autofree char *typed = this_years_number (1);
  g_autofree char *companys = this_years_number (2);
  g_autofree char *expected = this_years_number (3);
  g_autoptr(KontorContact) by_hand = save_new_contact (store, "Hand", typed);
  g_autoptr(KontorContact) contact = save_new_contact (store, "Neu", NULL);
  g_autoptr(KontorCompany) company = kontor_company_new ("Firma mit Nummer");
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  kontor_company_set_customer_number (company, companys);
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (company), &error));
  g_assert_no_error (error);

  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, expected);
  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 4);
  g_assert_nonnull (by_hand);
}

static void
test_assign_refuses_numbered_contact (Fixture       *fixture,
                                      gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Nummeriert", "ALT-1");
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *stored = NULL;
  gint64 before = kontor_test_outbox_last_seq (store);

  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_null (number);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Anna Nummeriert"));
  g_assert_nonnull (strstr (error->message, "ALT-1"));

  stored = stored_number (store, contact);
  g_assert_cmpstr (stored, ==, "ALT-1");
  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
}

static void
test_assign_missing_contact (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Weg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (contact), &error));
  g_assert_no_error (error);

  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_null (number);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1);
}

static void
test_assign_atomic_read_only (Fixture       *fixture,
                              gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Nur", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = this_years_number (1);
  gint64 before = kontor_test_outbox_last_seq (store);

  kontor_test_exec (store, "PRAGMA query_only = 1");
  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_null (number);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  kontor_test_exec (store, "PRAGMA query_only = 0");

  g_assert_null (kontor_contact_get_customer_number (contact));
  stored = stored_number (store, contact);
  g_assert_null (stored);
  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);

  /* the number that was not given is given next */
  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, expected);
}

static void
test_assign_atomic_range_write_fails (Fixture       *fixture,
                                      gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Halb", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *stored = NULL;
  gint64 before = kontor_test_outbox_last_seq (store);

  /* the contact is saved first, then advancing the range fails */
  kontor_test_exec (store,
                    "CREATE TEMP TRIGGER refuse_range BEFORE UPDATE ON number_range "
                    "BEGIN SELECT RAISE (ABORT, 'test refuses the range'); END");

  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_null (number);
  g_assert_nonnull (error);
  g_assert_true (error->domain == KONTOR_STORE_ERROR);
  g_clear_error (&error);

  /* so the contact did not keep the number */
  g_assert_null (kontor_contact_get_customer_number (contact));
  stored = stored_number (store, contact);
  g_assert_null (stored);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1);

  kontor_test_exec (store, "DROP TRIGGER temp.refuse_range");
  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_no_error (error);
  g_assert_nonnull (number);
}

static void
test_assign_full_disk (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *number = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *limit = NULL;
  gint64 before;

  /* The number is part of the search document, which is written anew
   * with it: with long notes that needs many new pages. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (notes, "Besuch%u ", i);
  kontor_contact_set_last_name (contact, "Voll");
  kontor_contact_set_notes (contact, notes->str);
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  g_assert_no_error (error);
  before = kontor_test_outbox_last_seq (store);

  /* no free pages left, and the database may not grow */
  kontor_test_exec (store, "VACUUM");
  g_assert_cmpint (kontor_test_query_int (store, "PRAGMA freelist_count", NULL), ==, 0);
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           kontor_test_query_int (store, "PRAGMA page_count", NULL));
  kontor_test_exec (store, limit);

  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_null (number);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  g_assert_null (kontor_contact_get_customer_number (contact));
  stored = stored_number (store, contact);
  g_assert_null (stored);
  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);

  kontor_test_exec (store, "PRAGMA max_page_count = 1073741823");
  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_no_error (error);
  g_assert_nonnull (number);
  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 2);
}

static void
test_assign_respects_range_settings (Fixture       *fixture,
                                     gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Einstellung", NULL);
  g_autoptr(KontorContact) blocker = save_new_contact (store, "Block", "KD-0500");
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  set_range (store, "KD-", KONTOR_YEAR_FORMAT_NONE, 4, 500);
  number = kontor_store_assign_customer_number (store, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "KD-0501");
  assert_range (store, "KD-", KONTOR_YEAR_FORMAT_NONE, 4, 502);
  g_assert_nonnull (blocker);
}

/* ------------------------------------------------------------------------ */

/* Companies have a range of their own (feature C1): "F-" by default,
 * set apart from the contacts' and, like it, only by an administrator;
 * numbers stay unique across contacts and companies */
static void
test_company_range (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  g_autoptr(KontorCompany) werft = kontor_company_new ("Nordwerft AG");
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorUser) sales = kontor_user_new ("aschneider", NULL, KONTOR_USER_ROLE_SALES);
  KontorNumberRange range = { NULL, };
  KontorNumberRange shared = { (char *) "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1 };
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *contacts_first = this_years_number (1);
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_true (kontor_store_get_number_range_of (store, KONTOR_TYPE_COMPANY, &range, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (range.prefix, ==, "F-");
  kontor_number_range_clear (&range);

  kontor_test_save (store, bakery);
  kontor_test_save (store, werft);
  number = kontor_store_assign_number (store, KONTOR_RECORD (bakery), &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("F-%04d-00001", g_date_time_get_year (now));
  g_assert_cmpstr (number, ==, expected);
  g_assert_cmpstr (kontor_company_get_customer_number (bakery), ==, expected);
  /* the contacts' range did not move */
  assert_range (store, "K-", KONTOR_YEAR_FORMAT_FULL, 5, 1);

  /* the same prefix for both: the contact's number is skipped */
  contact = save_new_contact (store, "Erste", contacts_first);
  g_assert_true (kontor_store_set_number_range_of (store, KONTOR_TYPE_COMPANY, &shared, &error));
  g_assert_no_error (error);
  g_clear_pointer (&number, g_free);
  number = kontor_store_assign_number (store, KONTOR_RECORD (werft), &error);
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = this_years_number (2);
  g_assert_cmpstr (number, ==, expected);

  /* a numbered company is refused another */
  g_clear_pointer (&number, g_free);
  number = kontor_store_assign_number (store, KONTOR_RECORD (werft), &error);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
  g_assert_null (number);
  g_clear_error (&error);

  /* only an administrator sets it */
  kontor_test_save (store, sales);
  g_assert_true (kontor_store_set_current_user (store, sales, NULL));
  g_assert_false (kontor_store_set_number_range_of (store, KONTOR_TYPE_COMPANY, &shared, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-numbers/format/year", test_format_year);
  g_test_add_func ("/store-numbers/format/prefix-and-padding", test_format_prefix_and_padding);
  g_test_add_func ("/store-numbers/format/longer-than-padding", test_format_longer_than_padding);
  g_test_add_func ("/store-numbers/format/now", test_format_now);

  TEST ("/store-numbers/range/default", test_default_range);
  TEST ("/store-numbers/range/set-get-round-trip", test_set_get_round_trip);
  TEST ("/store-numbers/range/invalid-refused", test_invalid_settings_refused);

  TEST ("/store-numbers/assign/in-order", test_assign_in_order);
  TEST ("/store-numbers/assign/skips-used-numbers", test_assign_skips_used_numbers);
  TEST ("/store-numbers/assign/refuses-numbered-contact", test_assign_refuses_numbered_contact);
  TEST ("/store-numbers/assign/missing-contact", test_assign_missing_contact);
  TEST ("/store-numbers/assign/follows-range-settings", test_assign_respects_range_settings);
  TEST ("/store-numbers/assign/atomic-read-only", test_assign_atomic_read_only);
  TEST ("/store-numbers/assign/atomic-range-write-fails", test_assign_atomic_range_write_fails);
  TEST ("/store-numbers/assign/atomic-full-disk", test_assign_full_disk);
  TEST ("/store-numbers/company-range", test_company_range);

  return g_test_run ();
}
