/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "kontor-error.h"
#include "kontor-money.h"

/* Amounts of money in English and German (src/model/kontor-money.c): the
 * tests run under LC_ALL=C.UTF-8, so the marks come from the catalogue. */

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* a new locale makes gettext forget what it looked up */
  setlocale (LC_ALL, "");
}

static void
assert_money (gint64      cents,
              const char *currency,
              const char *expected)
{
  g_autofree char *text = kontor_money_format (cents, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_parses (const char *text,
               gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 cents = -42;

  g_assert_true (kontor_money_parse (text, &cents, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cents, ==, expected);
}

static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 cents = -42;

  g_assert_false (kontor_money_parse (text, &cents, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_cmpint (cents, ==, -42);
}

static void
test_parse_english (void)
{
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  set_language ("en");
  assert_parses ("1,234.50", 123450);
  assert_parses ("1234.5", 123450);
  assert_parses (" 1234 ", 123400);
  assert_parses ("0.05", 5);
  assert_parses ("1,234,567.89", 123456789);
  assert_parses ("-12", -1200);
  assert_parses ("92,233,720,368,547,758.07", G_MAXINT64);
  assert_refused ("1.234,50");
  assert_refused ("12,34");
  assert_refused ("1.234");
  assert_refused ("1.2345");
  assert_refused ("abc");
  assert_refused ("");
  assert_refused (NULL);
  assert_refused ("-");
  assert_refused (",123");
  assert_refused ("92233720368547758.08");
  g_assert_false (kontor_money_parse ("99999999999999999999", &cents, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "The amount is too large.");
  g_clear_error (&error);
  g_assert_false (kontor_money_parse ("1x", &cents, &error));
  g_assert_cmpstr (error->message, ==, "“1x” is not an amount; write it like 1,234.50.");
}

static void
test_english (void)
{
  set_language ("en");
  assert_money (123450, "EUR", "€1,234.50");
  assert_money (0, "EUR", "€0.00");
  assert_money (5, "EUR", "€0.05");
  assert_money (-123450, "EUR", "-€1,234.50");
  assert_money (99999, "USD", "$999.99");
  assert_money (100000, "GBP", "£1,000.00");
  assert_money (123456789012, "EUR", "€1,234,567,890.12");
  assert_money (123450, "CHF", "CHF\u00a01,234.50");
  assert_money (-1, "CHF", "-CHF\u00a00.01");
  assert_money (123450, NULL, "1,234.50");
  assert_money (G_MAXINT64, "EUR", "€92,233,720,368,547,758.07");
  assert_money (G_MININT64, "EUR", "-€92,233,720,368,547,758.08");
}

static void
test_parse_german (void)
{
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  set_language ("de");
  assert_parses ("1.234,50", 123450);
  assert_parses ("1234,5", 123450);
  assert_parses ("1.234", 123400);
  assert_parses ("0,05", 5);
  assert_parses ("-1.000.000,00", -100000000);
  assert_refused ("1,234.50");
  assert_refused ("12.34");
  assert_refused ("1,234");
  assert_refused ("1,2,3");
  assert_refused ("1.234,5 €");
  g_assert_false (kontor_money_parse ("zwölf", &cents, &error));
  g_assert_cmpstr (error->message, ==,
                   "„zwölf“ ist kein Betrag; bitte etwa so schreiben: 1.234,50.");
  set_language ("en");
}

static void
test_german (void)
{
  g_autofree char *catalogue = g_build_filename (BUILD_LOCALEDIR, "de", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

  /* the build writes the catalogue before the tests run: its absence is a
   * broken build, not a reason to skip */
  g_assert_true (g_file_test (catalogue, G_FILE_TEST_EXISTS));

  set_language ("de");
  assert_money (123450, "EUR", "1.234,50\u00a0€");
  assert_money (0, "EUR", "0,00\u00a0€");
  assert_money (-123450, "EUR", "-1.234,50\u00a0€");
  assert_money (100, "USD", "1,00\u00a0$");
  assert_money (123456789012, "EUR", "1.234.567.890,12\u00a0€");
  assert_money (123450, "CHF", "1.234,50\u00a0CHF");
  assert_money (99900, "JPY", "999,00\u00a0¥");
  assert_money (123450, NULL, "1.234,50");
  set_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/english", test_english);
  g_test_add_func ("/money/german", test_german);
  g_test_add_func ("/money/parse-english", test_parse_english);
  g_test_add_func ("/money/parse-german", test_parse_german);

  return g_test_run ();
}
