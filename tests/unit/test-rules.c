/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-rules"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kontor-contact-rules.h"
#include "kontor-pipeline-rules.h"
#include "kontor-record-rules.h"
#include "kontor-text.h"
#include "kontor-test-utils.h"

/* The rules of the data, called directly with bad values: empty, blank,
 * overlong (10 MB), invalid UTF-8, control characters, SQL, bad e-mail
 * addresses and phone numbers, impossible dates, unknown enum values,
 * forbidden status transitions and restricted statuses. Each gives its
 * KONTOR_RECORD_ERROR code and a translated message that names the field
 * or the value; through the store nothing of a refused record is
 * written. */

#define TEN_MB (10 * 1024 * 1024)
#define SQL_NAME "Robert'); DROP TABLE contacts;--"
#define WON_ID   "00000000-0000-7000-8000-000000000005"

/* ------------------------------------------------------------------------ */
/* Helpers */

static KontorContact *
named_contact (const char *last_name)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_last_name (contact, last_name);

  return contact;
}

static char *
repeat (const char *text,
        gsize       times)
{
  GString *out = g_string_sized_new (strlen (text) * times);

  for (gsize i = 0; i < times; i++)
    g_string_append (out, text);

  return g_string_free (out, FALSE);
}

/* Asserts that @record is refused with @code and returns the message */
static char *
refused (gpointer record,
         int      code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_record_validate (KONTOR_RECORD (record), NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  /* a long value is shortened: a message stays a sentence */
  g_assert_cmpuint (strlen (error->message), <, 400);

  return g_strdup (error->message);
}

static void
assert_valid (gpointer record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_record_validate (KONTOR_RECORD (record), NULL, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* Text helpers */

static void
test_text_blank_and_shorten (void)
{
  g_autofree char *long_text = repeat ("ä", 100);
  g_autofree char *short_long = kontor_text_shorten (long_text, 10);
  g_autofree char *broken = kontor_text_shorten ("Mü\xff\x07ller", 40);
  g_autofree char *cut = kontor_text_shorten ("M\xc3", 40);

  g_assert_true (kontor_text_is_blank (NULL));
  g_assert_true (kontor_text_is_blank (""));
  g_assert_true (kontor_text_is_blank (" \t\n\u00a0"));
  g_assert_false (kontor_text_is_blank (" a "));

  g_assert_cmpstr (short_long, ==, "ääääääääää…");
  /* invalid bytes and control characters become U+FFFD */
  g_assert_cmpstr (broken, ==, "Mü\uFFFD\uFFFDller");
  g_assert_cmpstr (cut, ==, "M\uFFFD");
}

/* ------------------------------------------------------------------------ */
/* Required values */

static void
test_required (void)
{
  static const char *blanks[] = { "", " ", "\u00a0", " \u2003 " };
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorCompany) company = kontor_company_new (NULL);
  g_autoptr(KontorPipelineStatus) column = kontor_pipeline_status_new (NULL);
  g_autofree char *message = NULL;

  message = refused (contact, KONTOR_RECORD_ERROR_REQUIRED);
  g_assert_cmpstr (message, ==, "Enter a name or a company.");
  g_clear_pointer (&message, g_free);

  /* white space is no name, in no field */
  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      kontor_contact_set_first_name (contact, blanks[i]);
      kontor_contact_set_last_name (contact, blanks[i]);
      kontor_contact_set_company_name (contact, blanks[i]);
      g_free (refused (contact, KONTOR_RECORD_ERROR_REQUIRED));
    }

  /* an e-mail address is no name either */
  kontor_contact_add_email (contact, NULL, "anna@example.de");
  g_free (refused (contact, KONTOR_RECORD_ERROR_REQUIRED));
  kontor_contact_set_company_name (contact, "ACME GmbH");
  assert_valid (contact);
  g_assert_true (kontor_contact_validate (contact, NULL));

  message = refused (company, KONTOR_RECORD_ERROR_REQUIRED);
  g_assert_cmpstr (message, ==, "Enter a name for the company.");
  g_clear_pointer (&message, g_free);
  kontor_company_set_name (company, "  ");
  g_assert_false (kontor_company_validate (company, NULL));
  kontor_company_set_name (company, "ACME GmbH");
  g_assert_true (kontor_company_validate (company, NULL));

  kontor_pipeline_status_set_position (column, 4);
  message = refused (column, KONTOR_RECORD_ERROR_REQUIRED);
  g_assert_cmpstr (message, ==, "Enter a name for the column.");
  kontor_pipeline_status_set_name (column, "  ");
  g_assert_false (kontor_pipeline_status_validate (column, NULL));
  kontor_pipeline_status_set_name (column, "Termin");
  g_assert_true (kontor_pipeline_status_validate (column, NULL));
}

/* ------------------------------------------------------------------------ */
/* Text: SQL, length, UTF-8, control characters */

static void
test_sql_is_just_text (void)
{
  static const char *texts[] = {
    SQL_NAME,
    "' OR '1'='1",
    "\"; DELETE FROM contact; --",
    "SELECT * FROM outbox",
    "O'Brien",
    "%s %n %x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(KontorContact) contact = named_contact (texts[i]);
      g_autoptr(KontorCompany) company = kontor_company_new (texts[i]);

      kontor_contact_set_first_name (contact, texts[i]);
      kontor_contact_set_notes (contact, texts[i]);
      kontor_contact_set_city (contact, texts[i]);
      assert_valid (contact);
      assert_valid (company);
    }
}

static void
test_too_long (void)
{
  g_autofree char *huge = g_malloc (TEN_MB + 1);
  g_autofree char *name_255 = repeat ("ü", KONTOR_TEXT_MAX_CHARS);
  g_autofree char *name_256 = repeat ("a", KONTOR_TEXT_MAX_CHARS + 1);
  g_autofree char *notes = repeat ("Zeile\n", 100000);
  g_autoptr(KontorContact) contact = named_contact ("Müller");
  g_autoptr(KontorCompany) company = kontor_company_new ("ACME GmbH");
  g_autoptr(KontorPipelineStatus) column = kontor_pipeline_status_new ("Termin");
  g_autofree char *message = NULL;

  memset (huge, 'x', TEN_MB);
  huge[TEN_MB] = '\0';

  /* 255 characters are a name, even of two bytes each; 256 are not */
  kontor_contact_set_last_name (contact, name_255);
  assert_valid (contact);
  kontor_contact_set_last_name (contact, name_256);
  message = refused (contact, KONTOR_RECORD_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (message, "Last name"));
  g_assert_nonnull (strstr (message, "255"));
  g_clear_pointer (&message, g_free);

  /* 10 MB: refused, and the message shows only the start */
  kontor_contact_set_last_name (contact, huge);
  message = refused (contact, KONTOR_RECORD_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (message, "Last name “xxxxxxxxxx"));
  g_assert_nonnull (strstr (message, "…”"));
  g_clear_pointer (&message, g_free);
  kontor_contact_set_last_name (contact, "Müller");

  /* notes may be long and have lines; 10 MB is too long for them too */
  kontor_contact_set_notes (contact, notes);
  assert_valid (contact);
  kontor_contact_set_notes (contact, huge);
  message = refused (contact, KONTOR_RECORD_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (message, "Notes"));
  g_clear_pointer (&message, g_free);
  kontor_contact_set_notes (contact, NULL);

  /* in an e-mail address, a phone number, a channel's label */
  kontor_contact_add_email (contact, NULL, huge);
  g_free (refused (contact, KONTOR_RECORD_ERROR_TOO_LONG));
  kontor_contact_set_emails (contact, NULL);
  kontor_contact_add_phone (contact, huge, "030 1234567");
  g_free (refused (contact, KONTOR_RECORD_ERROR_TOO_LONG));

  kontor_company_set_name (company, huge);
  message = refused (company, KONTOR_RECORD_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (message, "Name"));
  g_clear_pointer (&message, g_free);

  kontor_pipeline_status_set_position (column, 3);
  kontor_pipeline_status_set_name (column, huge);
  g_free (refused (column, KONTOR_RECORD_ERROR_TOO_LONG));

  g_assert_cmpuint (kontor_field_max_chars (kontor_record_class_find_field (
                      g_type_class_peek (KONTOR_TYPE_CONTACT), "notes", NULL)), >, 100000);
}

static void
test_invalid_utf8 (void)
{
  static const char *broken[] = {
    "M\xfcller",           /* Latin-1 */
    "Mü\xff" "ller",
    "M\xc3",               /* cut in the middle of a character */
    "\xed\xa0\x80",        /* a UTF-16 surrogate */
    "\xc0\xaf",            /* overlong "/" */
  };
  g_autoptr(KontorContact) contact = named_contact ("Müller");

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *message = NULL;

      kontor_contact_set_first_name (contact, broken[i]);
      message = refused (contact, KONTOR_RECORD_ERROR_INVALID_TEXT);
      g_assert_nonnull (strstr (message, "First name"));
    }
  kontor_contact_set_first_name (contact, NULL);

  /* broken text is broken text before it is a bad address */
  kontor_contact_add_email (contact, NULL, "anna@m\xfcller.de");
  g_free (refused (contact, KONTOR_RECORD_ERROR_INVALID_TEXT));
}

static void
test_control_characters (void)
{
  static const char *controls[] = {
    "Anna\x07", "Anna\nMüller", "Anna\tMüller", "\x1b[31mAnna", "Anna\x7f", "Anna\xc2\x85",
    "Anna\r",
  };
  g_autoptr(KontorContact) contact = named_contact ("Müller");
  g_autofree char *message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      kontor_contact_set_first_name (contact, controls[i]);
      g_free (refused (contact, KONTOR_RECORD_ERROR_INVALID_TEXT));
    }

  kontor_contact_set_first_name (contact, "Anna\x07");
  message = refused (contact, KONTOR_RECORD_ERROR_INVALID_TEXT);
  g_assert_cmpstr (message, ==,
                   "First name “Anna\uFFFD” contains a control character (U+0007).");
  kontor_contact_set_first_name (contact, "Anna");

  /* notes have lines and tabs, but no escape sequences */
  kontor_contact_set_notes (contact, "Erste Zeile\r\nZweite\tZeile\n");
  assert_valid (contact);
  kontor_contact_set_notes (contact, "\x1b[2J");
  g_free (refused (contact, KONTOR_RECORD_ERROR_INVALID_TEXT));
  kontor_contact_set_notes (contact, NULL);

  kontor_contact_add_phone (contact, "work\n", "030 1234567");
  g_free (refused (contact, KONTOR_RECORD_ERROR_INVALID_TEXT));
}

/* ------------------------------------------------------------------------ */
/* E-mail addresses, phone numbers, dates, enums */

static void
test_bad_emails (void)
{
  static const char *bad[] = {
    "kein", "anna@", "@example.de", "anna@example", "anna@@example.de", "anna @example.de",
    "anna@example..de", "anna@.example.de", "anna@example.d", "Anna <anna@example.de>",
    "anna@example.de; bob@example.de",
  };
  static const char *good[] = {
    "anna@example.de", "a.b+c@sub.example.co.uk", "müller@bäcker.de"
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(KontorContact) contact = named_contact ("Müller");
      g_autoptr(KontorCompany) company = kontor_company_new ("ACME GmbH");
      g_autofree char *message = NULL;

      kontor_contact_add_email (contact, "work", "anna@example.de");
      kontor_contact_add_email (contact, "home", bad[i]);
      message = refused (contact, KONTOR_RECORD_ERROR_INVALID_EMAIL);
      g_assert_nonnull (strstr (message, bad[i]));

      /* the same rule for a company's addresses */
      kontor_company_set_emails (company, kontor_contact_get_emails (contact));
      g_free (refused (company, KONTOR_RECORD_ERROR_INVALID_EMAIL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(KontorContact) contact = named_contact ("Müller");

      kontor_contact_add_email (contact, NULL, good[i]);
      assert_valid (contact);
    }
}

static void
test_bad_phones (void)
{
  static const char *bad[] = { "bald", "", "---", "+", "call me", "(  )" };
  static const char *good[] = {
    "+49 30 1234567", "0049 30 1234567", "030/123 45 67", "+49 (0)30 1234567", "110",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(KontorContact) contact = named_contact ("Müller");
      g_autoptr(KontorCompany) company = kontor_company_new ("ACME GmbH");
      g_autofree char *message = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);

      kontor_contact_add_phone (contact, "mobile", bad[i]);
      message = refused (contact, KONTOR_RECORD_ERROR_INVALID_PHONE);
      g_assert_nonnull (strstr (message, quoted));

      kontor_company_set_phones (company, kontor_contact_get_phones (contact));
      g_free (refused (company, KONTOR_RECORD_ERROR_INVALID_PHONE));
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(KontorContact) contact = named_contact ("Müller");

      kontor_contact_add_phone (contact, NULL, good[i]);
      assert_valid (contact);
    }
}

static void
test_impossible_dates (void)
{
  static const char *bad[] = {
    "2026-02-30", "2026-13-01", "2025-02-29", "2026-00-10", "2026-2-3", "30.02.2026",
    "2026-02-28T00:00", "-026-01-01", "2026- 1-01", "tomorrow",
  };
  g_autoptr(KontorContact) contact = named_contact ("Müller");

  kontor_contact_set_birthday (contact, "2024-02-29");
  kontor_contact_set_due_date (contact, "2026-12-31");
  assert_valid (contact);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = NULL;
      g_autofree char *expected =
        g_strdup_printf ("Birthday “%s” is not a valid date.", bad[i]);

      kontor_contact_set_birthday (contact, bad[i]);
      message = refused (contact, KONTOR_RECORD_ERROR_INVALID_DATE);
      g_assert_cmpstr (message, ==, expected);
    }
  kontor_contact_set_birthday (contact, NULL);

  kontor_contact_set_due_date (contact, "2026-02-30");
  {
    g_autofree char *message = refused (contact, KONTOR_RECORD_ERROR_INVALID_DATE);

    g_assert_cmpstr (message, ==, "Due date “2026-02-30” is not a valid date.");
  }
}

/* A birthday may go without its year ("--04-15", vCard's partial date,
 * src/README.md "Birthdays"); no other date may */
static void
test_yearless_birthday (void)
{
  static const char *good[] = { "--04-15", "--02-29", "--12-31", "--01-01" };
  static const char *bad[] = {
    "--02-30", "--13-01", "--00-10", "--04-00", "--4-15", "--0415", "---04-15", "-04-15",
    "--04-15 ", "--ab-cd", "04-15",
  };
  g_autoptr(KontorContact) contact = named_contact ("Müller");
  guint year = 1, month = 0, day = 0;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      kontor_contact_set_birthday (contact, good[i]);
      assert_valid (contact);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = NULL;
      g_autofree char *expected =
        g_strdup_printf ("Birthday “%s” is not a valid date.", bad[i]);

      kontor_contact_set_birthday (contact, bad[i]);
      message = refused (contact, KONTOR_RECORD_ERROR_INVALID_DATE);
      g_assert_cmpstr (message, ==, expected);
    }
  kontor_contact_set_birthday (contact, NULL);

  g_assert_true (kontor_birthday_parse ("--02-29", &year, &month, &day));
  g_assert_cmpuint (year, ==, 0);
  g_assert_cmpuint (month, ==, 2);
  g_assert_cmpuint (day, ==, 29);
  g_assert_true (kontor_birthday_parse ("1980-04-15", &year, &month, &day));
  g_assert_cmpuint (year, ==, 1980);
  g_assert_cmpuint (month, ==, 4);
  g_assert_cmpuint (day, ==, 15);
  g_assert_false (kontor_birthday_parse (NULL, NULL, NULL, NULL));
  /* the other dates keep their year */
  g_assert_false (kontor_date_is_valid ("--04-15"));

  kontor_contact_set_due_date (contact, "--04-15");
  {
    g_autofree char *message = refused (contact, KONTOR_RECORD_ERROR_INVALID_DATE);

    g_assert_cmpstr (message, ==, "Due date “--04-15” is not a valid date.");
  }
}

static void
test_unknown_values (void)
{
  g_autoptr(KontorContact) contact = named_contact ("Müller");
  g_autoptr(KontorPipelineStatus) column = kontor_pipeline_status_new ("Termin");
  g_autofree char *message = NULL;

  kontor_contact_set_status (contact, (KontorContactStatus) 7);
  message = refused (contact, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_cmpstr (message, ==, "Status: unknown value 7.");
  g_clear_pointer (&message, g_free);
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);

  kontor_contact_set_rank (contact, "not a rank!");
  message = refused (contact, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (message, "not a rank!"));
  g_clear_pointer (&message, g_free);
  kontor_contact_set_rank (contact, NULL);
  assert_valid (contact);

  kontor_pipeline_status_set_position (column, 3);
  kontor_pipeline_status_set_stale_days (column, -1);
  g_free (refused (column, KONTOR_RECORD_ERROR_INVALID_VALUE));
  kontor_pipeline_status_set_stale_days (column, KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS + 1);
  g_free (refused (column, KONTOR_RECORD_ERROR_INVALID_VALUE));
  kontor_pipeline_status_set_stale_days (column, KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS);
  assert_valid (column);
}

/* ------------------------------------------------------------------------ */
/* Status transitions and restricted statuses */

static void
test_status_transitions (void)
{
  static const KontorContactStatus restricted[] = {
    KONTOR_CONTACT_STATUS_ARCHIVED, KONTOR_CONTACT_STATUS_INBOX,
  };

  for (guint i = 0; i < G_N_ELEMENTS (restricted); i++)
    {
      g_autoptr(KontorContact) old = named_contact ("Dauer");
      g_autoptr(KontorContact) contact = NULL;
      g_autoptr(GError) error = NULL;

      kontor_contact_set_first_name (old, "Dora");
      kontor_contact_set_status (old, restricted[i]);
      kontor_contact_set_pipeline_status_id (old, "offer");
      contact = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (old)));

      /* other changes are fine */
      kontor_contact_set_notes (contact, "verschoben");
      g_assert_true (kontor_record_validate (KONTOR_RECORD (contact), KONTOR_RECORD (old),
                                             &error));
      g_assert_no_error (error);

      /* a new pipeline status is not, while restricted */
      kontor_contact_set_pipeline_status_id (contact, "won");
      g_assert_false (kontor_record_validate (KONTOR_RECORD (contact), KONTOR_RECORD (old),
                                              &error));
      g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_STATUS_TRANSITION);
      g_assert_nonnull (strstr (error->message, "Dora Dauer"));
      g_assert_nonnull (strstr (error->message,
                                kontor_contact_status_to_string (restricted[i])));
      g_clear_error (&error);

      /* as a new contact it may start anywhere */
      g_assert_true (kontor_record_validate (KONTOR_RECORD (contact), NULL, NULL));

      /* made active, it may move in the same change */
      kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_PROSPECT);
      g_assert_true (kontor_record_validate (KONTOR_RECORD (contact), KONTOR_RECORD (old),
                                             &error));
      g_assert_no_error (error);
    }
}

static KontorPipelineStatus *
new_column (const char *key,
            const char *name,
            gint64      position,
            gboolean    is_system)
{
  KontorPipelineStatus *column = kontor_pipeline_status_new (name);

  kontor_pipeline_status_set_key (column, key);
  kontor_pipeline_status_set_position (column, position);
  kontor_pipeline_status_set_is_system (column, is_system);

  return column;
}

static void
test_restricted_statuses (void)
{
  g_autoptr(KontorPipelineStatus) first = new_column (KONTOR_PIPELINE_KEY_NEW, NULL, 0, TRUE);
  g_autoptr(KontorPipelineStatus) won = new_column (KONTOR_PIPELINE_KEY_WON, NULL, 4, TRUE);
  g_autoptr(KontorPipelineStatus) custom = new_column (NULL, "Termin", 2, FALSE);
  g_autoptr(KontorPipelineStatus) changed = NULL;
  g_autoptr(GError) error = NULL;

  assert_valid (first);
  assert_valid (won);
  assert_valid (custom);

  /* the first column stays first */
  changed = KONTOR_PIPELINE_STATUS (kontor_record_copy (KONTOR_RECORD (first)));
  kontor_pipeline_status_set_position (changed, 3);
  g_assert_false (kontor_record_validate (KONTOR_RECORD (changed), KONTOR_RECORD (first),
                                          &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_cmpstr (error->message, ==,
                   "“New contacts” is where new contacts arrive and stays the first column.");
  g_clear_error (&error);
  g_clear_object (&changed);

  /* and nothing takes its place */
  kontor_pipeline_status_set_position (custom, 0);
  g_free (refused (custom, KONTOR_RECORD_ERROR_RESTRICTED));
  kontor_pipeline_status_set_position (custom, 2);

  /* a system column keeps its name; another column may change it */
  changed = KONTOR_PIPELINE_STATUS (kontor_record_copy (KONTOR_RECORD (won)));
  kontor_pipeline_status_set_name (changed, "Gewonnen");
  g_assert_false (kontor_record_validate (KONTOR_RECORD (changed), KONTOR_RECORD (won), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "Order received"));
  g_clear_error (&error);
  g_clear_object (&changed);

  changed = KONTOR_PIPELINE_STATUS (kontor_record_copy (KONTOR_RECORD (custom)));
  kontor_pipeline_status_set_name (changed, "Termin vereinbart");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (changed), KONTOR_RECORD (custom), NULL));

  /* a system column, or one with contacts, stays */
  g_assert_false (kontor_pipeline_status_validate_delete (won, 0, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  g_assert_false (kontor_pipeline_status_validate_delete (custom, 2, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "“Termin” still holds 2 contacts."));
  g_clear_error (&error);
  g_assert_true (kontor_pipeline_status_validate_delete (custom, 0, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* The messages in German */

static void
set_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* a new locale makes gettext forget what it looked up */
  setlocale (LC_ALL, "");
}

static void
test_messages_in_german (void)
{
  g_autofree char *catalogue = g_build_filename (BUILD_LOCALEDIR, "de", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autofree char *huge = repeat ("x", 1000);
  g_autofree char *required = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *date = NULL;
  g_autofree char *control = NULL;

  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no German catalogue in the build folder");
      return;
    }

  set_language ("de");
  required = refused (contact, KONTOR_RECORD_ERROR_REQUIRED);
  kontor_contact_set_last_name (contact, huge);
  too_long = refused (contact, KONTOR_RECORD_ERROR_TOO_LONG);
  kontor_contact_set_last_name (contact, "Müller");
  kontor_contact_set_birthday (contact, "2026-02-30");
  date = refused (contact, KONTOR_RECORD_ERROR_INVALID_DATE);
  kontor_contact_set_birthday (contact, NULL);
  kontor_contact_set_first_name (contact, "Anna\x07");
  control = refused (contact, KONTOR_RECORD_ERROR_INVALID_TEXT);
  set_language (NULL);

  g_assert_cmpstr (required, ==, "Geben Sie einen Namen oder eine Firma ein.");
  g_assert_true (g_str_has_prefix (too_long, "Nachname „xxxxxxxxxx"));
  g_assert_true (g_str_has_suffix (too_long,
                                   "“ ist zu lang: höchstens 255 Zeichen sind erlaubt."));
  g_assert_cmpstr (date, ==, "Geburtstag „2026-02-30“ ist kein gültiges Datum.");
  g_assert_cmpstr (control, ==, "Vorname „Anna\uFFFD“ enthält ein Steuerzeichen (U+0007).");
}

/* ------------------------------------------------------------------------ */
/* Through the store: refused, nothing written */

typedef KontorStoreFixture Fixture;

typedef struct
{
  gint64 contacts;
  gint64 companies;
  gint64 channels;
  gint64 last_seq;
} Counts;

static void
get_counts (KontorStore *store,
            Counts      *counts)
{
  counts->contacts = kontor_test_query_int (store, "SELECT count(*) FROM contact", NULL);
  counts->companies = kontor_test_query_int (store, "SELECT count(*) FROM company", NULL);
  counts->channels = kontor_test_query_int (store, "SELECT count(*) FROM contact_channel", NULL);
  counts->last_seq = kontor_test_outbox_last_seq (store);
}

static void
assert_refused_by_store (KontorStore *store,
                         gpointer     record,
                         int          code)
{
  g_autoptr(GError) error = NULL;
  Counts before, after;

  get_counts (store, &before);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (record), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, code);
  get_counts (store, &after);
  g_assert_cmpint (after.contacts, ==, before.contacts);
  g_assert_cmpint (after.companies, ==, before.companies);
  g_assert_cmpint (after.channels, ==, before.channels);
  g_assert_cmpint (after.last_seq, ==, before.last_seq);
}

/* One wrong value each, and the code it gives */
static const int spoil_codes[] = {
  KONTOR_RECORD_ERROR_TOO_LONG,
  KONTOR_RECORD_ERROR_INVALID_TEXT,
  KONTOR_RECORD_ERROR_INVALID_TEXT,
  KONTOR_RECORD_ERROR_INVALID_EMAIL,
  KONTOR_RECORD_ERROR_INVALID_PHONE,
  KONTOR_RECORD_ERROR_INVALID_DATE,
  KONTOR_RECORD_ERROR_INVALID_VALUE,
  KONTOR_RECORD_ERROR_REQUIRED,
};

static void
spoil (KontorContact *contact,
       guint          which,
       const char    *huge)
{
  switch (which)
    {
    case 0:
      kontor_contact_set_last_name (contact, huge);
      break;
    case 1:
      kontor_contact_set_first_name (contact, "M\xfcller");
      break;
    case 2:
      kontor_contact_set_city (contact, "Bonn\x1b");
      break;
    case 3:
      kontor_contact_add_email (contact, NULL, "kein@example");
      break;
    case 4:
      kontor_contact_add_phone (contact, NULL, "bald");
      break;
    case 5:
      kontor_contact_set_birthday (contact, "2026-02-30");
      break;
    case 6:
      kontor_contact_set_status (contact, (KontorContactStatus) 9);
      break;
    case 7:
      kontor_contact_set_last_name (contact, "  ");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_store_stores_nothing_refused (Fixture       *fixture,
                                   gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autofree char *huge = g_malloc (TEN_MB + 1);
  g_autoptr(KontorContact) stored = named_contact ("Müller");
  g_autoptr(KontorCompany) company = kontor_company_new (NULL);

  memset (huge, 'x', TEN_MB);
  huge[TEN_MB] = '\0';
  kontor_contact_add_email (stored, NULL, "anna@example.de");
  kontor_test_save (store, stored);

  for (guint i = 0; i < G_N_ELEMENTS (spoil_codes); i++)
    {
      g_autoptr(KontorContact) fresh = named_contact ("Neu");
      g_autoptr(KontorContact) changed =
        KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (stored)));
      g_autoptr(KontorContact) reloaded = NULL;

      /* neither a new contact nor a change of a stored one */
      spoil (fresh, i, huge);
      assert_refused_by_store (store, fresh, spoil_codes[i]);
      spoil (changed, i, huge);
      assert_refused_by_store (store, changed, spoil_codes[i]);

      reloaded = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                                    kontor_record_get_id (KONTOR_RECORD (stored)), NULL);
      g_assert_cmpstr (kontor_contact_get_last_name (reloaded), ==, "Müller");
      g_assert_null (kontor_contact_get_birthday (reloaded));
      g_assert_null (kontor_contact_get_city (reloaded));
      g_assert_cmpuint (kontor_contact_get_emails (reloaded)->len, ==, 1);
    }

  kontor_company_set_name (company, huge);
  assert_refused_by_store (store, company, KONTOR_RECORD_ERROR_TOO_LONG);
  kontor_company_set_name (company, "  ");
  assert_refused_by_store (store, company, KONTOR_RECORD_ERROR_REQUIRED);
}

static void
test_store_keeps_sql_verbatim (Fixture       *fixture,
                               gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = named_contact (SQL_NAME);
  g_autoptr(KontorCompany) company = kontor_company_new (SQL_NAME);
  g_autoptr(KontorContact) reloaded = NULL;
  g_autoptr(KontorCompany) reloaded_company = NULL;

  kontor_contact_set_first_name (contact, "' OR '1'='1");
  kontor_contact_set_notes (contact, "\"; DELETE FROM contact; --\nSELECT * FROM outbox");
  kontor_test_save (store, contact);
  kontor_test_save (store, company);

  reloaded = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                                kontor_record_get_id (KONTOR_RECORD (contact)), NULL);
  g_assert_cmpstr (kontor_contact_get_last_name (reloaded), ==, SQL_NAME);
  g_assert_cmpstr (kontor_contact_get_first_name (reloaded), ==, "' OR '1'='1");
  g_assert_cmpstr (kontor_contact_get_notes (reloaded), ==,
                   "\"; DELETE FROM contact; --\nSELECT * FROM outbox");
  reloaded_company = kontor_store_load (store, KONTOR_TYPE_COMPANY,
                                        kontor_record_get_id (KONTOR_RECORD (company)), NULL);
  g_assert_cmpstr (kontor_company_get_name (reloaded_company), ==, SQL_NAME);

  /* the tables are all still there, with what they hold */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact", NULL), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM company", NULL), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact WHERE last_name = ?1",
                                          SQL_NAME), ==, 1);
}

static void
test_store_refuses_restricted (Fixture       *fixture,
                               gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = named_contact ("Dauer");
  g_autoptr(GPtrArray) statuses = NULL;
  KontorPipelineStatus *first;
  gint64 seq;

  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, contact);
  seq = kontor_test_outbox_last_seq (store);

  kontor_contact_set_pipeline_status_id (contact, WON_ID);
  assert_refused_by_store (store, contact, KONTOR_RECORD_ERROR_STATUS_TRANSITION);

  statuses = kontor_store_list_pipeline_statuses (store, NULL);
  first = g_ptr_array_index (statuses, 0);
  kontor_pipeline_status_set_name (first, "Eingang");
  assert_refused_by_store (store, first, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/text/blank-and-shorten", test_text_blank_and_shorten);
  g_test_add_func ("/rules/required", test_required);
  g_test_add_func ("/rules/text/sql-is-just-text", test_sql_is_just_text);
  g_test_add_func ("/rules/text/too-long", test_too_long);
  g_test_add_func ("/rules/text/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/rules/text/control-characters", test_control_characters);
  g_test_add_func ("/rules/email", test_bad_emails);
  g_test_add_func ("/rules/phone", test_bad_phones);
  g_test_add_func ("/rules/date", test_impossible_dates);
  g_test_add_func ("/rules/date/yearless-birthday", test_yearless_birthday);
  g_test_add_func ("/rules/unknown-values", test_unknown_values);
  g_test_add_func ("/rules/status-transitions", test_status_transitions);
  g_test_add_func ("/rules/restricted-statuses", test_restricted_statuses);
  g_test_add_func ("/rules/messages-in-german", test_messages_in_german);
  KONTOR_STORE_TEST ("/rules/store/stores-nothing-refused", test_store_stores_nothing_refused);
  KONTOR_STORE_TEST ("/rules/store/keeps-sql-verbatim", test_store_keeps_sql_verbatim);
  KONTOR_STORE_TEST ("/rules/store/refuses-restricted", test_store_refuses_restricted);

  return g_test_run ();
}
