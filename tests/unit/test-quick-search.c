/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-quick-search"

#include "config.h"

#include "kontor-store-quick-search.h"
#include "kontor-test-utils.h"
#include "kontor-text.h"

/* The search outside the window (feature G4, src/README.md "Shell search"):
 * kontor_store_quick_search() finds what the tables' search finds, a few
 * records only, among the contacts the table shows by default; and the
 * avatar's initials. */

static KontorContact *
save_contact (KontorStore         *store,
              const char          *first_name,
              const char          *last_name,
              const char          *company,
              const char          *phone,
              const char          *number,
              KontorContactStatus  status)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first_name);
  kontor_contact_set_last_name (contact, last_name);
  if (company != NULL)
    kontor_contact_set_company_name (contact, company);
  if (phone != NULL)
    kontor_contact_add_phone (contact, "work", phone);
  if (number != NULL)
    kontor_contact_set_customer_number (contact, number);
  kontor_contact_set_status (contact, status);
  kontor_test_save (store, contact);

  return contact;
}

/* the display names of @records, joined by "|" */
static char *
dup_names (GPtrArray *records)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *name = kontor_record_dup_display_name (records->pdata[i]);

      g_string_append_printf (names, "%s%s", i > 0 ? "|" : "", name);
    }

  return g_strdup (names->str);
}

static void
assert_found (KontorStore *store,
              const char  *text,
              guint        limit,
              const char  *contacts,
              const char  *companies)
{
  g_autoptr(GPtrArray) found_contacts = NULL;
  g_autoptr(GPtrArray) found_companies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contact_names = NULL;
  g_autofree char *company_names = NULL;

  g_assert_true (kontor_store_quick_search (store, text, limit, &found_contacts,
                                            &found_companies, &error));
  g_assert_no_error (error);
  contact_names = dup_names (found_contacts);
  company_names = dup_names (found_companies);
  g_assert_cmpstr (contact_names, ==, contacts);
  g_assert_cmpstr (company_names, ==, companies);
}

static void
test_fields (KontorStoreFixture *fixture,
             gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) anna = save_contact (store, "Anna", "Müller", "Brandt Maschinenbau GmbH",
                                                "0341 555 0123", "K-4711",
                                                KONTOR_CONTACT_STATUS_CUSTOMER);
  g_autoptr(KontorContact) bernd = save_contact (store, "Bernd", "Vogel", NULL, NULL, NULL,
                                                 KONTOR_CONTACT_STATUS_INBOX);
  g_autoptr(KontorContact) clara = save_contact (store, "Clara", "Müller", NULL, NULL, NULL,
                                                 KONTOR_CONTACT_STATUS_ARCHIVED);
  g_autoptr(KontorCompany) zeppelin = kontor_company_new ("Zeppelin 100% AG");

  kontor_contact_add_email (bernd, "work", "bernd@vogel.example");
  kontor_test_save (store, bernd);
  kontor_company_set_city (zeppelin, "Friedrichshafen");
  kontor_company_set_customer_number (zeppelin, "F-200");
  kontor_test_save (store, zeppelin);

  /* the tables' rules: umlauts and transliteration, company, e-mail,
   * phone as written or a digit group, customer number */
  assert_found (store, "mueller", 5, "Anna Müller", "");
  assert_found (store, "  Mül  ", 5, "Anna Müller", "");
  assert_found (store, "brandt", 5, "Anna Müller", "Brandt Maschinenbau GmbH");
  assert_found (store, "bernd@vogel.example", 5, "Bernd Vogel", "");
  assert_found (store, "+49 341 555", 5, "Anna Müller", "");
  assert_found (store, "5550123", 5, "Anna Müller", "");
  assert_found (store, "K-4711", 5, "Anna Müller", "");
  /* a company by name, customer number and city; "%" as typed */
  assert_found (store, "zeppelin", 5, "", "Zeppelin 100% AG");
  assert_found (store, "F-200", 5, "", "Zeppelin 100% AG");
  assert_found (store, "friedrichs", 5, "", "Zeppelin 100% AG");
  assert_found (store, "100%", 5, "", "Zeppelin 100% AG");
  assert_found (store, "1_0", 5, "", "");
  /* nothing, and FTS5 syntax taken as words */
  assert_found (store, "", 5, "", "");
  assert_found (store, "   ", 5, "", "");
  assert_found (store, "\"AND (", 5, "", "");
  assert_found (store, "nobody", 5, "", "");
  /* the archived, which the contacts table does not show by default */
  g_assert_cmpint (kontor_contact_get_status (clara), ==, KONTOR_CONTACT_STATUS_ARCHIVED);
  assert_found (store, "clara", 5, "", "");
}

/* At most @limit of each, by name; which of more is the first stored */
static void
test_limit (KontorStoreFixture *fixture,
            gconstpointer       data)
{
  KontorStore *store = fixture->store;
  const char *last_names[] = { "Weber", "Schulz", "Becker", "Wagner", "Hoffmann", "Koch",
                               "Richter", "Klein" };

  for (guint i = 0; i < G_N_ELEMENTS (last_names); i++)
    {
      g_autoptr(KontorContact) contact = save_contact (store, "Sandra", last_names[i],
                                                       i % 2 == 0 ? "Sandhaus KG" : NULL,
                                                       NULL, NULL,
                                                       KONTOR_CONTACT_STATUS_PROSPECT);
    }

  assert_found (store, "sandra", 5, "Sandra Becker|Sandra Hoffmann|Sandra Schulz|"
                "Sandra Wagner|Sandra Weber", "");
  assert_found (store, "sand", 2, "Sandra Schulz|Sandra Weber", "Sandhaus KG");
  assert_found (store, "sandra ko", 5, "Sandra Koch", "");
  /* "KG" of the company, too */
  assert_found (store, "sandra k", 5, "Sandra Becker|Sandra Hoffmann|Sandra Koch|Sandra Richter|"
                "Sandra Weber", "");
}

static void
test_initials (void)
{
  struct
  {
    const char *name, *initials;
  } cases[] = {
    { "Anna Schneider", "AS" },
    { "Anna-Lena Schmidt", "AS" },
    { "anna maria von bergen", "AB" },
    { "Zeppelin", "Z" },
    { "  Özlem  Yılmaz ", "ÖY" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *initials = kontor_text_dup_initials (cases[i].name);

      g_assert_cmpstr (initials, ==, cases[i].initials);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  KONTOR_STORE_TEST ("/quick-search/fields-as-the-tables", test_fields);
  KONTOR_STORE_TEST ("/quick-search/limit-then-by-name", test_limit);
  g_test_add_func ("/quick-search/initials", test_initials);

  return g_test_run ();
}
