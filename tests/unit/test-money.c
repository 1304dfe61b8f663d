/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

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

  return g_test_run ();
}
