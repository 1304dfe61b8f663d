/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-vcard"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-phone-key.h"
#include "kontor-record-rules.h"
#include "kontor-test-utils.h"
#include "kontor-vcard-private.h"

/* vCard files (features I2, I4, src/README.md "vCard files"): the
 * exports of an iPhone (3.0), an Android phone (2.1 with
 * QUOTED-PRINTABLE and CHARSET) and Nextcloud (4.0 with URIs, LANG and a
 * partial date) in tests/data/import, files that are no vCard or end in
 * the middle of one, a contact with every field written as 3.0 and 4.0
 * and read back, and the phone numbers' match key. */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static KontorImportSource *
open_source (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KontorImportSource *source = kontor_vcard_source_new (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);

  return source;
}

static KontorContact *
next_contact (KontorImportSource *source,
              guint               expected_line)
{
  g_autoptr(GError) error = NULL;
  guint line = 0;
  KontorContact *contact = kontor_import_source_next (source, &line, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contact);
  g_assert_cmpuint (line, ==, expected_line);

  return contact;
}

static void
assert_end (KontorImportSource *source)
{
  g_autoptr(GError) error = NULL;
  guint line = 0;
  g_autoptr(KontorContact) contact = kontor_import_source_next (source, &line, &error);

  g_assert_no_error (error);
  g_assert_null (contact);
}

static char *
next_error (KontorImportSource *source,
            KontorImportError   code,
            guint               expected_line)
{
  g_autoptr(GError) error = NULL;
  guint line = 0;
  g_autoptr(KontorContact) contact = kontor_import_source_next (source, &line, &error);

  g_assert_null (contact);
  g_assert_error (error, KONTOR_IMPORT_ERROR, (int) code);
  g_assert_cmpuint (line, ==, expected_line);

  return g_strdup (error->message);
}

static void
assert_channel (GPtrArray  *channels,
                guint       index,
                const char *label,
                const char *value)
{
  KontorChannel *channel;

  g_assert_nonnull (channels);
  g_assert_cmpuint (index, <, channels->len);
  channel = g_ptr_array_index (channels, index);
  g_assert_cmpstr (channel->label, ==, label);
  g_assert_cmpstr (channel->value, ==, value);
}

static guint
n_channels (GPtrArray *channels)
{
  return channels != NULL ? channels->len : 0;
}

/* ------------------------------------------------------------------------ */
/* Reading */

/* iOS: type lists as repeated parameters, Apple's grouped labels, the
 * year-less birthday as X-APPLE-OMIT-YEAR, a folded photo skipped, a
 * company's card, "Herr" in the prefix */
static void
test_iphone_30 (void)
{
  g_autoptr(KontorImportSource) source = open_source ("iphone-3.0.vcf");
  g_autoptr(KontorContact) anna = next_contact (source, 1);
  g_autoptr(KontorContact) bakery = next_contact (source, 24);
  g_autoptr(KontorContact) joerg = next_contact (source, 33);
  GPtrArray *phones = kontor_contact_get_phones (anna);
  GPtrArray *emails = kontor_contact_get_emails (anna);

  g_assert_cmpstr (kontor_contact_get_title (anna), ==, "Dr.");
  g_assert_cmpstr (kontor_contact_get_first_name (anna), ==, "Anna Maria");
  g_assert_cmpstr (kontor_contact_get_last_name (anna), ==, "Schmidt");
  g_assert_cmpint (kontor_contact_get_salutation (anna), ==, KONTOR_SALUTATION_NONE);
  g_assert_cmpstr (kontor_contact_get_company_name (anna), ==, "Müller GmbH");
  g_assert_null (kontor_contact_get_company_id (anna));
  g_assert_cmpstr (kontor_contact_get_job_title (anna), ==, "Leiterin Einkauf");
  g_assert_cmpuint (n_channels (emails), ==, 2);
  assert_channel (emails, 0, "work", "anna.schmidt@mueller-gmbh.de");
  assert_channel (emails, 1, "home", "anna@example.org");
  g_assert_cmpuint (n_channels (phones), ==, 3);
  assert_channel (phones, 0, "mobile", "+49 170 1234567");
  assert_channel (phones, 1, "work", "0221 / 12 34-5");
  assert_channel (phones, 2, "Assistenz", "+49 221 9876543");
  /* the work address, though the home one comes later */
  g_assert_cmpstr (kontor_contact_get_street (anna), ==, "Hauptstraße 1");
  g_assert_cmpstr (kontor_contact_get_postal_code (anna), ==, "50667");
  g_assert_cmpstr (kontor_contact_get_city (anna), ==, "Köln");
  g_assert_cmpstr (kontor_contact_get_country (anna), ==, "Deutschland");
  g_assert_cmpstr (kontor_contact_get_notes (anna), ==,
                   "Kennt uns von der Messe, Stand 4B.\nRückruf im Mai.");
  g_assert_cmpstr (kontor_contact_get_birthday (anna), ==, "--04-15");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (anna), NULL, NULL));

  /* a company's card: no person made of the company's name */
  g_assert_false (kontor_contact_has_person_name (bakery));
  g_assert_cmpstr (kontor_contact_get_company_name (bakery), ==, "Bäckerei Weiß OHG");
  assert_channel (kontor_contact_get_phones (bakery), 0, NULL, "+49 89 445566");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (bakery), NULL, NULL));

  g_assert_cmpint (kontor_contact_get_salutation (joerg), ==, KONTOR_SALUTATION_MR);
  g_assert_null (kontor_contact_get_title (joerg));
  g_assert_cmpstr (kontor_contact_get_first_name (joerg), ==, "Jörg");
  g_assert_cmpstr (kontor_contact_get_birthday (joerg), ==, "1975-11-30");
  assert_channel (kontor_contact_get_emails (joerg), 0, NULL, "joerg.meier@example.com");

  assert_end (source);
  g_assert_cmpint (kontor_import_source_get_position (source), ==,
                   kontor_import_source_get_size (source));
}

/* Android 2.1: QUOTED-PRINTABLE with soft line breaks in the middle of
 * a word and of a structured value, CHARSET=UTF-8 and ISO-8859-1 (read
 * as Windows-1252: 0x80 is the euro), bare TYPE parameters */
static void
test_android_21 (void)
{
  g_autoptr(KontorImportSource) source = open_source ("android-2.1.vcf");
  g_autoptr(KontorContact) juergen = next_contact (source, 1);
  g_autoptr(KontorContact) bjoern = next_contact (source, 16);
  g_autoptr(KontorContact) caretaker = next_contact (source, 24);
  GPtrArray *phones = kontor_contact_get_phones (juergen);

  g_assert_cmpstr (kontor_contact_get_first_name (juergen), ==, "Jürgen");
  g_assert_cmpstr (kontor_contact_get_last_name (juergen), ==, "Müller");
  g_assert_cmpstr (kontor_contact_get_company_name (juergen), ==, "Großhandel Nord");
  g_assert_cmpstr (kontor_contact_get_notes (juergen), ==,
                   "Erste Zeile\nZweite Zeile mit einem sehr langen Text, der umgebrochen "
                   "wird und über zwei Zeilen geht.");
  g_assert_cmpstr (kontor_contact_get_street (juergen), ==, "Lindenstraße 3");
  g_assert_cmpstr (kontor_contact_get_city (juergen), ==, "Hamburg");
  g_assert_cmpstr (kontor_contact_get_country (juergen), ==, "Deutschland");
  g_assert_cmpstr (kontor_contact_get_birthday (juergen), ==, "1980-04-15");
  g_assert_cmpuint (n_channels (phones), ==, 3);
  assert_channel (phones, 0, "mobile", "+491701112233");
  assert_channel (phones, 1, "work", "02211234");
  assert_channel (phones, 2, "fax", "02211235");
  assert_channel (kontor_contact_get_emails (juergen), 0, "work", "juergen.mueller@example.de");

  g_assert_cmpstr (kontor_contact_get_first_name (bjoern), ==, "Björn");
  g_assert_cmpstr (kontor_contact_get_last_name (bjoern), ==, "Weiß");
  g_assert_cmpstr (kontor_contact_get_street (bjoern), ==, "Königstraße 12");
  g_assert_cmpstr (kontor_contact_get_city (bjoern), ==, "Lübeck");
  g_assert_cmpstr (kontor_contact_get_notes (bjoern), ==, "Preis: 100 €, Straße");
  assert_channel (kontor_contact_get_phones (bjoern), 0, "home", "040 998877");

  g_assert_cmpstr (kontor_contact_get_first_name (caretaker), ==, "Hausmeister");
  assert_channel (kontor_contact_get_phones (caretaker), 0, "mobile", "0171 2223344");

  assert_end (source);
}

/* Outlook's 2.1: Windows-1252 in 8 bits without a CHARSET, in plain and
 * in QUOTED-PRINTABLE values (the euro as 0x80), "Herr Dipl.-Ing." in the
 * prefix, a soft line break before a blank, Outlook's own properties */
static void
test_outlook_21 (void)
{
  g_autoptr(KontorImportSource) source = open_source ("outlook-2.1.vcf");
  g_autoptr(KontorContact) guenther = next_contact (source, 1);
  GPtrArray *phones = kontor_contact_get_phones (guenther);

  g_assert_cmpint (kontor_contact_get_salutation (guenther), ==, KONTOR_SALUTATION_MR);
  g_assert_cmpstr (kontor_contact_get_title (guenther), ==, "Dipl.-Ing.");
  g_assert_cmpstr (kontor_contact_get_first_name (guenther), ==, "Günther");
  g_assert_cmpstr (kontor_contact_get_last_name (guenther), ==, "Schäfer");
  g_assert_cmpstr (kontor_contact_get_company_name (guenther), ==, "Schäfer & Söhne GmbH");
  g_assert_cmpstr (kontor_contact_get_job_title (guenther), ==, "Gebietsleiter");
  g_assert_cmpstr (kontor_contact_get_notes (guenther), ==,
                   "Messe München 2025 getroffen.\nInteresse an Wartungsvertrag, Budget "
                   "ca. 12.000 €.");
  g_assert_cmpstr (kontor_contact_get_street (guenther), ==, "Maximilianstraße 35");
  g_assert_cmpstr (kontor_contact_get_city (guenther), ==, "München");
  g_assert_cmpstr (kontor_contact_get_postal_code (guenther), ==, "80539");
  g_assert_cmpstr (kontor_contact_get_birthday (guenther), ==, "1975-03-12");
  g_assert_cmpuint (n_channels (phones), ==, 3);
  assert_channel (phones, 0, "work", "+49 (89) 123 456-0");
  assert_channel (phones, 1, "mobile", "0171 9876543");
  assert_channel (phones, 2, "fax", "+49 (89) 123 456-99");
  assert_channel (kontor_contact_get_emails (guenther), 0, NULL,
                  "g.schaefer@schaefer-soehne.example");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (guenther), NULL, NULL));
  assert_end (source);
}

/* Nextcloud 4.0: tel: and mailto: URIs, a quoted TYPE list, LANG, the
 * partial date --0415 and --04-15, an escaped comma, a folded line */
static void
test_nextcloud_40 (void)
{
  g_autoptr(KontorImportSource) source = open_source ("nextcloud-4.0.vcf");
  g_autoptr(KontorContact) claire = next_contact (source, 1);
  g_autoptr(KontorContact) marco = next_contact (source, 22);
  GPtrArray *phones = kontor_contact_get_phones (claire);

  g_assert_cmpint (kontor_contact_get_salutation (claire), ==, KONTOR_SALUTATION_MS);
  g_assert_null (kontor_contact_get_title (claire));
  g_assert_cmpstr (kontor_contact_get_company_name (claire), ==,
                   "Société Générale de Logiciels, SA");
  g_assert_cmpstr (kontor_contact_get_job_title (claire), ==, "Directrice commerciale");
  g_assert_cmpint (kontor_contact_get_language (claire), ==, KONTOR_LANGUAGE_FR);
  g_assert_cmpstr (kontor_contact_get_birthday (claire), ==, "--04-15");
  g_assert_cmpuint (n_channels (phones), ==, 2);
  assert_channel (phones, 0, "work", "+33 1 23 45 67 89");
  assert_channel (phones, 1, "mobile", "+49 151 2345678 ext. 12");
  assert_channel (kontor_contact_get_emails (claire), 0, "work", "claire.dubois@example.fr");
  g_assert_cmpstr (kontor_contact_get_city (claire), ==, "Paris");
  g_assert_cmpstr (kontor_contact_get_notes (claire), ==,
                   "Sprache: Französisch; spricht auch Deutsch.");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (claire), NULL, NULL));

  g_assert_cmpint (kontor_contact_get_language (marco), ==, KONTOR_LANGUAGE_IT);
  g_assert_cmpstr (kontor_contact_get_birthday (marco), ==, "--04-15");
  assert_channel (kontor_contact_get_phones (marco), 0, "home", "+39 06 1234567");

  assert_end (source);
}

/* UTF-16 with a byte order mark, as some Windows programs write it */
static void
test_utf16 (void)
{
  g_autoptr(KontorImportSource) source = open_source ("windows-utf16.vcf");
  g_autoptr(KontorContact) doerte = next_contact (source, 1);

  g_assert_cmpint (kontor_contact_get_salutation (doerte), ==, KONTOR_SALUTATION_MS);
  g_assert_cmpstr (kontor_contact_get_first_name (doerte), ==, "Dörte");
  g_assert_cmpstr (kontor_contact_get_last_name (doerte), ==, "Groß");
  g_assert_cmpstr (kontor_contact_get_company_name (doerte), ==, "Ärztehaus Süd");
  assert_channel (kontor_contact_get_emails (doerte), 0, "work", "doerte.gross@example.de");
  assert_channel (kontor_contact_get_phones (doerte), 0, "work", "+49 711 123456");
  assert_end (source);
  /* progress in the file's own bytes */
  g_assert_cmpint (kontor_import_source_get_position (source), ==,
                   kontor_import_source_get_size (source));
}

/* The plan and the write read the same cards */
static void
test_rewind (void)
{
  g_autoptr(KontorImportSource) source = open_source ("android-2.1.vcf");
  g_autoptr(GError) error = NULL;
  guint lines[3];

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
        {
          g_autoptr(KontorContact) contact = NULL;
          guint line = 0;

          contact = kontor_import_source_next (source, &line, &error);
          g_assert_no_error (error);
          g_assert_nonnull (contact);
          if (pass == 0)
            lines[i] = line;
          else
            g_assert_cmpuint (line, ==, lines[i]);
        }
      assert_end (source);
      g_assert_true (kontor_import_source_rewind (source, &error));
      g_assert_no_error (error);
      g_assert_cmpint (kontor_import_source_get_position (source), ==, 0);
    }
  g_assert_cmpuint (lines[1], ==, 16);
}

/* A file cut off in a card: the cards before it read, then the end with
 * the line of the BEGIN that never ended; the import takes none of it */
static void
test_no_end (void)
{
  g_autoptr(KontorImportSource) source = open_source ("no-end.vcf");
  g_autoptr(KontorContact) first = next_contact (source, 1);
  g_autofree char *message = next_error (source, KONTOR_IMPORT_ERROR_SYNTAX, 5);

  g_assert_cmpstr (kontor_contact_get_last_name (first), ==, "Eins");
  g_assert_nonnull (strstr (message, "“no-end.vcf”"));
  g_assert_nonnull (strstr (message, "line 5"));
  g_assert_nonnull (strstr (message, "END:VCARD"));
}

/* An unknown CHARSET: that card is a bad row with the line and the
 * name; the next card reads */
static void
test_unknown_charset (void)
{
  g_autoptr(KontorImportSource) source = open_source ("unknown-charset.vcf");
  g_autofree char *message = next_error (source, KONTOR_IMPORT_ERROR_ROW, 1);
  g_autoptr(KontorContact) karl = next_contact (source, 5);

  g_assert_cmpstr (message, ==, "“unknown-charset.vcf”, line 3: unknown character set "
                                "“X-KLINGON-8”.");
  g_assert_cmpstr (kontor_contact_get_first_name (karl), ==, "Karl");
  assert_end (source);
}

static KontorImportSource *
source_for (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return kontor_vcard_source_new_for_bytes (bytes, "test.vcf");
}

/* Cards that are no contact or not whole, text between cards */
static void
test_bad_cards (void)
{
  g_autoptr(KontorImportSource) source =
    source_for ("\xEF\xBB\xBF" "BEGIN:VCARD\nVERSION:3.0\nNOTE:niemand\nEND:VCARD\n"
                "\n"
                "BEGIN:VCARD\nVERSION:3.0\nN:Ohne;Ende\n"
                "BEGIN:VCARD\nVERSION:3.0\nFN:Karla Kolumna\nEND:VCARD\n"
                "Müll zwischen Karten\n"
                "begin:vcard\nversion:2.1\nN;CHARSET=ISO-8859-1:Gr\xFC\xDF" "e;Gustav\n"
                "AGENT:\nBEGIN:VCARD\nN:Assistent;Anton\nEND:VCARD\n"
                "NOTE;CHARSET=UTF-8:kaputt \xC3\n"
                "end:vcard\n"
                "BEGIN:VCARD\nEMAIL:nur@example.org\nEND:VCARD\n"
                "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Weiß Logistik GmbH\nEND:VCARD\n");
  g_autofree char *nobody = next_error (source, KONTOR_IMPORT_ERROR_ROW, 1);
  g_autofree char *open = next_error (source, KONTOR_IMPORT_ERROR_ROW, 6);
  g_autoptr(KontorContact) karla = next_contact (source, 9);
  g_autofree char *broken = next_error (source, KONTOR_IMPORT_ERROR_ROW, 14);
  g_autoptr(KontorContact) mail_only = next_contact (source, 23);
  g_autoptr(KontorContact) company = next_contact (source, 26);

  g_assert_cmpstr (nobody, ==, "“test.vcf”, line 1: the card has no name, company or e-mail "
                               "address.");
  g_assert_cmpstr (open, ==, "“test.vcf”, line 6: the card has no END:VCARD before the next "
                             "card on line 9.");
  g_assert_cmpstr (kontor_contact_get_first_name (karla), ==, "Karla");
  g_assert_cmpstr (kontor_contact_get_last_name (karla), ==, "Kolumna");
  g_assert_cmpstr (broken, ==, "“test.vcf”, line 21: the text is not in the character set "
                               "“UTF-8” it names.");
  assert_channel (kontor_contact_get_emails (mail_only), 0, NULL, "nur@example.org");
  /* the model says what it lacks */
  g_assert_false (kontor_record_validate (KONTOR_RECORD (mail_only), NULL, NULL));
  /* 4.0's company card: the FN is the company, no person */
  g_assert_false (kontor_contact_has_person_name (company));
  g_assert_cmpstr (kontor_contact_get_company_name (company), ==, "Weiß Logistik GmbH");
  assert_end (source);
}

/* Files that are no vCard: each refused with its name, nothing read */
static void
test_not_vcard (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "leer.vcf", NULL);
  g_autofree char *binary = g_build_filename (dir, "bild.vcf", NULL);
  g_autofree char *text = g_build_filename (dir, "liste.vcf", NULL);
  g_autofree char *missing = g_build_filename (dir, "weg.vcf", NULL);
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autofree char *message = NULL;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (binary, png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (text, "Name;E-Mail\nAnna;anna@example.org\n", -1, NULL));

  file = g_file_new_for_path (empty);
  g_assert_null (kontor_vcard_source_new (file, NULL, &error));
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "“leer.vcf” is empty.");
  g_clear_error (&error);
  g_clear_object (&file);

  file = g_file_new_for_path (binary);
  g_assert_null (kontor_vcard_source_new (file, NULL, &error));
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "“bild.vcf”"));
  g_clear_error (&error);
  g_clear_object (&file);

  file = g_file_new_for_path (missing);
  g_assert_null (kontor_vcard_source_new (file, NULL, &error));
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "“weg.vcf”"));
  g_clear_error (&error);
  g_clear_object (&file);

  file = g_file_new_for_path (text);
  source = kontor_vcard_source_new (file, NULL, &error);
  g_assert_no_error (error);
  message = next_error (source, KONTOR_IMPORT_ERROR_SYNTAX, 1);
  g_assert_cmpstr (message, ==, "“liste.vcf” is not a vCard file: line 1 should be "
                                "BEGIN:VCARD.");

  /* the file vanishes before the write's read */
  g_assert_cmpint (g_unlink (text), ==, 0);
  g_assert_false (kontor_import_source_rewind (source, &error));
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "“liste.vcf”"));

  g_unlink (empty);
  g_unlink (binary);
  kontor_test_rmdir (dir);
}

/* A binary file found past the first bytes, and a blank-only file */
static void
test_binary_later (void)
{
  static const char text[] = "BEGIN:VCARD\nFN:A B\nEND:VCARD\nBEGIN:VCARD\nFN:\0x\n";
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  g_autoptr(KontorImportSource) source = kontor_vcard_source_new_for_bytes (bytes, "x.vcf");
  g_autoptr(KontorContact) first = next_contact (source, 1);
  g_autofree char *message = next_error (source, KONTOR_IMPORT_ERROR_NOT_TEXT, 5);
  g_autoptr(KontorImportSource) blank = source_for ("\n\r\n  \n");
  g_autofree char *empty = next_error (blank, KONTOR_IMPORT_ERROR_EMPTY, 0);

  g_assert_cmpstr (message, ==, "“x.vcf” is not a vCard file: line 5 holds binary data.");
  g_assert_cmpstr (empty, ==, "“test.vcf” holds no vCard.");
}

/* A picture on one line of 5 MB is skipped; a text of 5 MB, or any line
 * beyond 64 MB, ends the read (a 2 GB file without a line break) */
static void
test_long_lines (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Bild;Berta\r\n"
                                          "PHOTO;ENCODING=b;TYPE=JPEG:");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorContact) berta = NULL;
  g_autofree char *message = NULL;
  g_autofree char *huge = NULL;

  for (guint i = 0; i < 5 * 1024 * 1024 / 4; i++)
    g_string_append (text, "QUJD");
  g_string_append (text, "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nNOTE:");
  for (guint i = 0; i < 5 * 1024 * 1024 / 4; i++)
    g_string_append (text, "text");
  g_string_append (text, "\r\nEND:VCARD\r\n");
  bytes = g_bytes_new (text->str, text->len);
  source = kontor_vcard_source_new_for_bytes (bytes, "gross.vcf");

  berta = next_contact (source, 1);
  g_assert_cmpstr (kontor_contact_get_first_name (berta), ==, "Berta");
  message = next_error (source, KONTOR_IMPORT_ERROR_TOO_LARGE, 7);
  g_assert_cmpstr (message, ==, "“gross.vcf”: line 7 is longer than 4 MB; that is no "
                                "contact’s data.");
  g_clear_pointer (&message, g_free);
  g_clear_object (&source);
  g_clear_pointer (&bytes, g_bytes_unref);

  huge = g_malloc (65 * 1024 * 1024);
  memset (huge, 'x', 65 * 1024 * 1024);
  memcpy (huge, "BEGIN:VCARD\nPHOTO:", 18);
  bytes = g_bytes_new_take (g_steal_pointer (&huge), 65 * 1024 * 1024);
  source = kontor_vcard_source_new_for_bytes (bytes, "gross.vcf");
  message = next_error (source, KONTOR_IMPORT_ERROR_TOO_LARGE, 2);
  g_assert_cmpstr (message, ==, "“gross.vcf”: line 2 is longer than 64 MB; that is no "
                                "contact’s data.");
  /* it stopped there, not at the end */
  g_assert_cmpint (kontor_import_source_get_position (source), <, 65 * 1024 * 1024);
}

static void
test_parse_date (void)
{
  static const struct {
    const char *value;
    const char *date;
  } dates[] = {
    { "19800415", "1980-04-15" },
    { "1980-04-15", "1980-04-15" },
    { "--0415", "--04-15" },
    { "--04-15", "--04-15" },
    { "1980-04-15T00:00:00Z", "1980-04-15" },
    { "19800415T120000", "1980-04-15" },
    { " 1980-04-15 ", "1980-04-15" },
    { "19850415T", "1985-04-15" },
    /* a time alone is no date; text with a T stays text */
    { "T102200", NULL },
    { "Tuesday", "Tuesday" },
    { "1800 (Taufe)", "1800 (Taufe)" },
    /* not Kontor's: handed on for the model to refuse */
    { "--04", "--04" },
    { "15.04.1980", "15.04.1980" },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *date = kontor_vcard_parse_date (dates[i].value);

      g_assert_cmpstr (date, ==, dates[i].date);
    }
}

/* ------------------------------------------------------------------------ */
/* Writing and reading back */

static KontorContact *
full_contact (const char *birthday)
{
  KontorContact *contact = kontor_contact_new ();
  g_autoptr(GString) notes = g_string_new ("Mehrzeilig; mit Komma, Backslash \\ und\n"
                                           "einem langen Absatz: ");

  for (guint i = 0; i < 30; i++)
    g_string_append (notes, "äöü€ ");
  g_string_append (notes, "Ende.");

  kontor_contact_set_salutation (contact, KONTOR_SALUTATION_MS);
  kontor_contact_set_title (contact, "Prof. Dr.");
  kontor_contact_set_first_name (contact, "Anna-Lena");
  kontor_contact_set_last_name (contact, "Müller-Lüdenscheidt");
  kontor_contact_set_job_title (contact, "Leiterin Einkauf; Vertrieb, Nord");
  kontor_contact_set_company_name (contact, "Müller & Söhne, GmbH; Co. KG");
  kontor_contact_add_email (contact, "work", "anna-lena@mueller.example");
  kontor_contact_add_email (contact, "home", "al@example.org");
  kontor_contact_add_email (contact, "other", "alm@example.net");
  kontor_contact_add_email (contact, NULL, "ohne-label@example.org");
  kontor_contact_add_email (contact, "Assistenz, Büro", "buero@mueller.example");
  kontor_contact_add_phone (contact, "mobile", "+49 170 1234567");
  kontor_contact_add_phone (contact, "work", "0221 / 12 34-5");
  kontor_contact_add_phone (contact, "fax", "+49 221 123499");
  kontor_contact_add_phone (contact, "home", "+49-221-555");
  kontor_contact_add_phone (contact, "other", "0800 123");
  kontor_contact_add_phone (contact, NULL, "+1 555 0100");
  kontor_contact_add_phone (contact, "Zentrale; Haus 2", "+49 221 1");
  kontor_contact_set_street (contact, "Hauptstraße 1; Hinterhaus, 2. OG");
  kontor_contact_set_postal_code (contact, "50667");
  kontor_contact_set_city (contact, "Köln");
  kontor_contact_set_country (contact, "Deutschland");
  kontor_contact_set_language (contact, KONTOR_LANGUAGE_IT);
  kontor_contact_set_notes (contact, notes->str);
  kontor_contact_set_birthday (contact, birthday);
  kontor_contact_set_customer_number (contact, "K-2026-0001");

  return contact;
}

static void
assert_same_contact (KontorContact *expected,
                     KontorContact *actual)
{
  g_autoptr(GArray) changed = kontor_record_diff (KONTOR_RECORD (expected),
                                                  KONTOR_RECORD (actual));

  guint n_fields;
  const KontorField *fields = kontor_record_get_fields (KONTOR_RECORD (expected), &n_fields);

  for (guint i = 0; i < changed->len; i++)
    g_test_message ("%s differs", fields[g_array_index (changed, guint, i)].name);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_true (kontor_channel_array_equal (kontor_contact_get_emails (expected),
                                             kontor_contact_get_emails (actual)));
  g_assert_true (kontor_channel_array_equal (kontor_contact_get_phones (expected),
                                             kontor_contact_get_phones (actual)));
}

/* Each line at most 75 octets, never split inside a character */
static void
assert_folded (const char *card)
{
  g_auto(GStrv) lines = g_strsplit (card, "\r\n", -1);

  g_assert_true (g_str_has_suffix (card, "END:VCARD\r\n"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
}

static void
test_round_trip (void)
{
  static const char * const birthdays[] = { "1980-02-29", "--02-29", "--12-01", NULL };

  for (guint b = 0; b < G_N_ELEMENTS (birthdays); b++)
    {
      for (guint v = 0; v < 2; v++)
        {
          KontorVcardVersion version = v == 0 ? KONTOR_VCARD_VERSION_30
                                              : KONTOR_VCARD_VERSION_40;
          g_autoptr(KontorContact) contact = full_contact (birthdays[b]);
          g_autofree char *card = kontor_vcard_from_contact (contact, version);
          g_autofree char *twice = g_strconcat (card, card, NULL);
          g_autoptr(KontorImportSource) source = source_for (twice);
          g_autoptr(KontorContact) first = NULL;
          g_autoptr(KontorContact) second = NULL;
          g_autoptr(GError) error = NULL;
          guint n_lines = 0;

          g_test_message ("%s", card);
          kontor_record_validate (KONTOR_RECORD (contact), NULL, &error);
          g_assert_no_error (error);
          for (const char *p = card; *p != '\0'; p++)
            n_lines += *p == '\n';

          first = next_contact (source, 1);
          second = next_contact (source, n_lines + 1);
          assert_same_contact (contact, first);
          assert_same_contact (contact, second);
          assert_end (source);

          if (version == KONTOR_VCARD_VERSION_40)
            {
              assert_folded (card);
              g_assert_true (g_str_has_prefix (card, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
              g_assert_nonnull (strstr (card, "TEL;TYPE=cell;VALUE=uri:tel:+49-170-1234567\r\n"));
              g_assert_nonnull (strstr (card, "TEL;TYPE=work:0221 / 12 34-5\r\n"));
              g_assert_nonnull (strstr (card, "ORG:Müller & Söhne\\, GmbH\\; Co. KG\r\n"));
              g_assert_nonnull (strstr (card, "LANG:it\r\n"));
              if (g_strcmp0 (birthdays[b], "--02-29") == 0)
                g_assert_nonnull (strstr (card, "BDAY:--0229\r\n"));
              if (g_strcmp0 (birthdays[b], "1980-02-29") == 0)
                g_assert_nonnull (strstr (card, "BDAY:19800229\r\n"));
            }
          else
            {
              g_assert_true (g_str_has_prefix (card, "BEGIN:VCARD\r\nVERSION:3.0\r\n"));
              if (g_strcmp0 (birthdays[b], "--02-29") == 0)
                g_assert_nonnull (strstr (card, "BDAY:--02-29\r\n"));
            }
        }
    }
}

/* A contact with a name only, and one with a company only */
static void
test_round_trip_sparse (void)
{
  g_autoptr(KontorContact) person = kontor_contact_new ();
  g_autoptr(KontorContact) company = kontor_contact_new ();

  kontor_contact_set_last_name (person, "Nur");
  kontor_contact_set_language (person, KONTOR_LANGUAGE_EN);
  kontor_contact_set_company_name (company, "Weiß OHG");

  for (guint v = 0; v < 2; v++)
    {
      KontorVcardVersion version = v == 0 ? KONTOR_VCARD_VERSION_30 : KONTOR_VCARD_VERSION_40;
      KontorContact *contacts[] = { person, company };

      for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
        {
          g_autofree char *card = kontor_vcard_from_contact (contacts[i], version);
          g_autoptr(KontorContact) back = kontor_vcard_parse_card (card);

          g_assert_nonnull (back);
          assert_same_contact (contacts[i], back);
          /* the company's card is marked so, for other address books */
          g_assert_true ((strstr (card, version == KONTOR_VCARD_VERSION_40
                                          ? "\r\nKIND:org\r\n"
                                          : "\r\nX-ABShowAs:COMPANY\r\n") != NULL) ==
                         (contacts[i] == company));
        }
    }
}

/* RFC 6350's BDAY forms Kontor keeps no date of: text ("circa 1800",
 * VALUE=text, whole even with a T in it), reduced accuracy, a date that
 * is none. Handed on as they are, for the import to drop where the team
 * keeps no birthdays (C8) and for the model to refuse with a message
 * naming the value; never moved to the notes, where they would outlive
 * that setting. A time alone is no birthday at all. */
static void
test_birthday_text (void)
{
  static const struct {
    const char *bday;
    const char *birthday;
  } cases[] = {
    { "BDAY;VALUE=text:circa 1800", "circa 1800" },
    { "BDAY;VALUE=text:Tuesday", "Tuesday" },
    { "BDAY:1985", "1985" },
    { "BDAY:1985-04", "1985-04" },
    { "BDAY:1980-02-30", "1980-02-30" },
    { "BDAY:T102200", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:4.0\r\nN:Alt;Otto;;;\r\n"
                                               "NOTE:Sammler\r\n%s\r\nEND:VCARD\r\n",
                                               cases[i].bday);
      g_autoptr(KontorImportSource) source = source_for (text);
      g_autoptr(KontorContact) contact = next_contact (source, 1);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].bday);
      g_assert_cmpstr (kontor_contact_get_birthday (contact), ==, cases[i].birthday);
      g_assert_cmpstr (kontor_contact_get_notes (contact), ==, "Sammler");
      kontor_record_validate (KONTOR_RECORD (contact), NULL, &error);
      if (cases[i].birthday != NULL)
        {
          g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE);
          g_assert_nonnull (strstr (error->message, cases[i].birthday));
        }
      else
        {
          g_assert_no_error (error);
        }
      assert_end (source);
    }
}

/* A tel: URI's extension wherever it stands among its parameters
 * (RFC 3966 puts no order on them) */
static void
test_tel_ext (void)
{
  g_autoptr(KontorImportSource) source =
    source_for ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Otto Alt\r\n"
                "TEL;VALUE=uri:tel:+49-221-12345;isub=7;ext=23\r\n"
                "TEL;VALUE=uri:tel:+49-221-555;ext=4;isub=1\r\n"
                "END:VCARD\r\n");
  g_autoptr(KontorContact) contact = next_contact (source, 1);
  GPtrArray *phones = kontor_contact_get_phones (contact);

  g_assert_cmpuint (n_channels (phones), ==, 2);
  assert_channel (phones, 0, NULL, "+49 221 12345 ext. 23");
  assert_channel (phones, 1, NULL, "+49 221 555 ext. 4");
}

/* mailto: URIs with their %-escapes and a query, as 4.0 allows EMAIL
 * to be written */
static void
test_mailto (void)
{
  g_autoptr(KontorImportSource) source =
    source_for ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Otto Alt\r\n"
                "EMAIL;VALUE=uri:mailto:m%C3%BCller@example.de?subject=Hallo\r\n"
                "EMAIL;VALUE=uri:mailto:bad%FF@example.de\r\n"
                "END:VCARD\r\n");
  g_autoptr(KontorContact) contact = next_contact (source, 1);
  GPtrArray *emails = kontor_contact_get_emails (contact);

  g_assert_cmpuint (n_channels (emails), ==, 2);
  assert_channel (emails, 0, NULL, "müller@example.de");
  /* no text when unescaped: kept as it stands, for the model to judge */
  assert_channel (emails, 1, NULL, "bad%FF@example.de");
}

/* 4.0's LANG with PREF: the preferred one, wherever it stands; one
 * Kontor has no language of gives way to the next */
static void
test_lang_pref (void)
{
  g_autoptr(KontorImportSource) source =
    source_for ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Otto Alt\r\n"
                "LANG;PREF=2;TYPE=work:en\r\nLANG;PREF=1:de-AT\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Olga Alt\r\n"
                "LANG:es\r\nLANG:it\r\nEND:VCARD\r\n");
  g_autoptr(KontorContact) otto = next_contact (source, 1);
  g_autoptr(KontorContact) olga = next_contact (source, 7);

  g_assert_cmpint (kontor_contact_get_language (otto), ==, KONTOR_LANGUAGE_DE);
  g_assert_cmpint (kontor_contact_get_language (olga), ==, KONTOR_LANGUAGE_IT);
}

/* A birthday the model would refuse (a contact not yet judged) is
 * written as it is, whole characters: "--04þ5" was cut inside the þ */
static void
test_write_odd_birthday (void)
{
  static const char * const birthdays[] = { "--04\xC3\xBE" "5", "1980-04-\xC3\xBE" "5", "circa 1800" };

  for (guint i = 0; i < G_N_ELEMENTS (birthdays); i++)
    {
      g_autoptr(KontorContact) contact = kontor_contact_new ();
      g_autofree char *card = NULL;
      g_autofree char *line = g_strdup_printf ("\r\nBDAY:%s\r\n", birthdays[i]);

      kontor_contact_set_last_name (contact, "Alt");
      kontor_contact_set_birthday (contact, birthdays[i]);
      card = kontor_vcard_from_contact (contact, KONTOR_VCARD_VERSION_40);
      g_test_message ("%s", card);
      g_assert_true (g_utf8_validate (card, -1, NULL));
      g_assert_nonnull (strstr (card, line));
    }
}

/* 3.0 as written: every line at most 75 octets too (RFC 2426 2.6) */
static void
test_write_30_folded (void)
{
  g_autoptr(KontorContact) contact = full_contact ("1980-04-15");
  g_autofree char *card = kontor_vcard_from_contact (contact, KONTOR_VCARD_VERSION_30);

  g_test_message ("%s", card);
  assert_folded (card);
}

/* ------------------------------------------------------------------------ */
/* Phone numbers' match key (src/io/kontor-phone-key.c) */

static void
test_phone_key (void)
{
  g_autofree char *international = kontor_phone_match_key ("+49 221 12345", NULL);
  g_autofree char *national = kontor_phone_match_key ("0221/12345", NULL);
  g_autofree char *zeros = kontor_phone_match_key ("0049 221 12345", NULL);
  g_autofree char *uri = kontor_phone_match_key ("tel:+49-221-12345", NULL);
  g_autofree char *trunk = kontor_phone_match_key ("+49 (0)221 12345", NULL);
  g_autofree char *us = kontor_phone_match_key ("+1 (555) 123-4567", NULL);
  g_autofree char *other_number = kontor_phone_match_key ("+49 221 12346", NULL);
  g_autofree char *austria = kontor_phone_match_key ("0221/12345", "AT");
  g_autofree char *garbage = kontor_phone_match_key ("keine Nummer", NULL);

  g_assert_cmpstr (international, ==, "+4922112345");
  g_assert_cmpstr (national, ==, international);
  g_assert_cmpstr (zeros, ==, international);
  g_assert_cmpstr (uri, ==, international);
  g_assert_cmpstr (trunk, ==, international);
  g_assert_cmpstr (us, ==, "+15551234567");
  g_assert_cmpstr (other_number, !=, international);
  g_assert_cmpstr (austria, !=, international);
  g_assert_null (garbage);
  g_assert_null (kontor_phone_match_key (NULL, NULL));
  g_assert_null (kontor_phone_match_key ("", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/read/iphone-3.0", test_iphone_30);
  g_test_add_func ("/vcard/read/android-2.1", test_android_21);
  g_test_add_func ("/vcard/read/nextcloud-4.0", test_nextcloud_40);
  g_test_add_func ("/vcard/read/outlook-2.1", test_outlook_21);
  g_test_add_func ("/vcard/read/utf-16", test_utf16);
  g_test_add_func ("/vcard/read/rewind", test_rewind);
  g_test_add_func ("/vcard/read/no-end", test_no_end);
  g_test_add_func ("/vcard/read/unknown-charset", test_unknown_charset);
  g_test_add_func ("/vcard/read/bad-cards", test_bad_cards);
  g_test_add_func ("/vcard/read/not-vcard", test_not_vcard);
  g_test_add_func ("/vcard/read/binary-later", test_binary_later);
  g_test_add_func ("/vcard/read/long-lines", test_long_lines);
  g_test_add_func ("/vcard/read/date", test_parse_date);
  g_test_add_func ("/vcard/write/round-trip", test_round_trip);
  g_test_add_func ("/vcard/write/round-trip-sparse", test_round_trip_sparse);
  g_test_add_func ("/vcard/read/birthday-text", test_birthday_text);
  g_test_add_func ("/vcard/read/tel-ext", test_tel_ext);
  g_test_add_func ("/vcard/read/lang-pref", test_lang_pref);
  g_test_add_func ("/vcard/read/mailto", test_mailto);
  g_test_add_func ("/vcard/write/3.0-folded", test_write_30_folded);
  g_test_add_func ("/vcard/write/odd-birthday", test_write_odd_birthday);
  g_test_add_func ("/vcard/phone-key", test_phone_key);

  return g_test_run ();
}
