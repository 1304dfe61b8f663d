/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-eml"

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kontor-eml.h"
#include "kontor-record-rules.h"
#include "kontor-test-utils.h"

/* E-mail files read with GMime (feature A7, src/io/kontor-eml.c): real
 * messages of tests/data/fuzz/eml (which seed fuzz-eml too), their
 * encoded words, charsets and MIME structures, and files that are none,
 * each refused with its name and the reason. */

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "fuzz", "eml", name, NULL);
}

static KontorEml *
load (const char *name)
{
  g_autofree char *path = corpus_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KontorEml *eml = kontor_eml_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (eml);

  return eml;
}

static GError *
load_error (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KontorEml) eml = NULL;
  GError *error = NULL;

  eml = kontor_eml_load (file, NULL, &error);
  g_assert_null (eml);
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  return error;
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

/* every text one valid line, as the model's rules want them */
static void
assert_clean (const char *text,
              guint       max_chars)
{
  if (text == NULL)
    return;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (text, -1), <=, max_chars);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_false (c >= 0x80 && c < 0xA0);
    }
  g_assert_false (g_str_has_prefix (text, " "));
  g_assert_false (g_str_has_suffix (text, " "));
  g_assert_null (strstr (text, "  "));
}

/* multipart/alternative: the plain text, not the HTML; the subject in
 * UTF-8 base64, the sender's name in ISO-8859-1 quoted-printable */
static void
test_multipart_alternative (void)
{
  g_autoptr(KontorEml) eml = load ("multipart-alternative.eml");

  g_assert_cmpstr (eml->subject, ==, "Angebot für Brötchen");
  g_assert_cmpint (eml->date, ==, utc (2025, 12, 1, 8, 30));
  g_assert_cmpstr (eml->from_name, ==, "Jürgen Müller");
  g_assert_cmpstr (eml->from_address, ==, "Juergen.Mueller@Example.COM");
  g_assert_cmpuint (g_strv_length (eml->to), ==, 2);
  g_assert_cmpstr (eml->to[0], ==, "anna@baeckerei-sonnenschein.de");
  g_assert_cmpstr (eml->to[1], ==, "ben.wolf@example.org");
  g_assert_cmpuint (g_strv_length (eml->cc), ==, 1);
  g_assert_cmpstr (eml->cc[0], ==, "vertrieb@example.org");
  /* quoted-printable undone (a € across a soft line break), whitespace
   * collapsed */
  g_assert_cmpstr (eml->excerpt, ==,
                   "Guten Tag Frau Schneider, anbei unser Angebot für 500 Brötchen am Tag. "
                   "Der Preis: 120 €. Mit freundlichen Grüßen Jürgen Müller");
}

/* =?UTF-8?B?…?=, =?ISO-8859-1?Q?…?=, =?utf-8?q?…?= between plain words */
static void
test_encoded_words (void)
{
  g_autoptr(KontorEml) utf8 = load ("utf-8.eml");
  g_autoptr(KontorEml) latin1 = load ("windows-1252.eml");

  g_assert_cmpstr (utf8->subject, ==, "Bestellung über Roggenbrot");
  g_assert_cmpstr (latin1->subject, ==, "Preisänderung für Brötchen");
}

/* a Windows-1252 body: umlauts, €, typographic quotes and dash */
static void
test_windows_1252 (void)
{
  g_autoptr(KontorEml) eml = load ("windows-1252.eml");
  g_autoptr(KontorEml) labelled = load ("latin1-labelled.eml");
  g_autoptr(KontorEml) undeclared = load ("undeclared-8bit.eml");

  g_assert_cmpstr (eml->excerpt, ==,
                   "Sehr geehrte Damen und Herren, der Preis für die Brötchen beträgt 0,40 € je "
                   "Stück – „frisch“ geliefert. Grüße Özlem Ünal");
  g_assert_cmpint (eml->date, ==, utc (2025, 12, 2, 14, 5));

  /* labelled ISO-8859-1, but with Windows-1252's € */
  g_assert_cmpstr (labelled->excerpt, ==, "Summe: 12,50 € für Brötchen");

  /* no charset at all: 8-bit header and body as Windows-1252 */
  g_assert_cmpstr (undeclared->subject, ==, "Grüße aus Köln");
  g_assert_cmpstr (undeclared->from_name, ==, "Müller");
  g_assert_cmpstr (undeclared->excerpt, ==, "Schöne Grüße, 5 €.");
}

static void
test_utf8 (void)
{
  g_autoptr(KontorEml) eml = load ("utf-8.eml");

  g_assert_cmpstr (eml->from_name, ==, "Ben Wolf");
  g_assert_cmpstr (eml->excerpt, ==,
                   "Hallo Anna, vielen Dank für die Bestellung über 20 Laibe Roggenbrot "
                   "(à 3,50 €). Bis bald 😊");
  g_assert_cmpint (eml->date, ==, utc (2025, 12, 5, 15, 45));
}

static KontorEml *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  KontorEml *eml = kontor_eml_parse ("falsch.eml", bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (eml);

  return eml;
}

/* a charset iconv does not know, a body that is not in the one declared:
 * still text, never invalid UTF-8; another charset converted */
static void
test_charsets (void)
{
  g_autoptr(KontorEml) unknown = parse ("Subject: =?x-unbekannt?Q?Gr=FC=DFe?=\n"
                                        "Content-Type: text/plain; charset=x-unbekannt\n\n"
                                        "Gr\xfc\xdf" "e aus K\xf6ln\n");
  g_autoptr(KontorEml) latin9 = NULL;
  g_autoptr(KontorEml) not_utf8 = parse ("Subject: Test\n"
                                         "Content-Type: text/plain; charset=utf-8\n\n"
                                         "Gr\xfc\xdf" "e \x80 aus K\xf6ln\n");

  assert_clean (unknown->subject, KONTOR_TEXT_MAX_CHARS);
  g_assert_cmpstr (unknown->excerpt, ==, "Grüße aus Köln");
  /* declared UTF-8, written in Windows-1252: nothing of it lost */
  g_assert_cmpstr (not_utf8->excerpt, ==, "Grüße € aus Köln");

  /* any other charset through GMime's conversion (iconv) */
  latin9 = parse ("Subject: =?iso-8859-15?q?Preis_=A4?=\n"
                  "Content-Type: text/plain; charset=ISO-8859-15\n"
                  "Content-Transfer-Encoding: 8bit\n\n"
                  "Preis: 5 \xa4 f\xfcr \xbd Brot\n");
  g_assert_cmpstr (latin9->subject, ==, "Preis €");
  g_assert_cmpstr (latin9->excerpt, ==, "Preis: 5 € für œ Brot");
}

/* text/html only: tags, head, style, script and comments left out,
 * entities read */
static void
test_html_only (void)
{
  g_autoptr(KontorEml) eml = load ("html-only.eml");

  g_assert_cmpstr (eml->excerpt, ==,
                   "Neues aus der Backstube Brot & Brötchen für 2€ ab Montag – jetzt.");
}

/* attachments are not the text, even a text/plain one; an HTML body in
 * multipart/related is */
static void
test_attachments (void)
{
  g_autoptr(KontorEml) eml = load ("mixed-attachment.eml");

  g_assert_cmpstr (eml->excerpt, ==, "Die Rechnung liegt bei.");
  g_assert_cmpstr (eml->from_address, ==, "ben.wolf@example.org");
  g_assert_null (eml->from_name);
}

/* no Date: the file's time */
static void
test_no_date (void)
{
  g_autofree char *source = corpus_path ("no-date.eml");
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "no-date.eml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KontorEml) parsed = NULL;
  g_autoptr(KontorEml) eml = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 when = utc (2025, 11, 20, 9, 15);
  gsize size;

  g_assert_true (g_file_get_contents (source, &contents, &size, &error));
  bytes = g_bytes_new (contents, size);
  parsed = kontor_eml_parse ("no-date.eml", bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (parsed->date, ==, 0);
  g_assert_cmpstr (parsed->subject, ==, "Ohne Datum");

  g_assert_true (g_file_set_contents (path, contents, size, &error));
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, when,
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
  eml = kontor_eml_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eml->date, ==, when);

  kontor_test_rmdir (dir);
}

/* broken files are refused with their name and the reason */
static void
test_refused (void)
{
  static const struct {
    const char *name;
    int         code;
    const char *message;
  } cases[] = {
    { "empty.eml", G_IO_ERROR_INVALID_DATA, "“empty.eml” is empty." },
    { "binary.eml", G_IO_ERROR_INVALID_DATA, "“binary.eml” is not an e-mail: it has no headers." },
    { "no-headers.eml", G_IO_ERROR_INVALID_DATA,
      "“no-headers.eml” is not an e-mail: it has no headers." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = corpus_path (cases[i].name);
      g_autoptr(GError) error = load_error (path);

      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* a file of another kind, a device, a folder, one that is not there */
static void
test_refused_files (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "angebot.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "mails.eml", NULL);
  g_autofree char *missing = g_build_filename (dir, "weg.eml", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (pdf, "%PDF-1.4\n", -1, NULL));
  error = load_error (pdf);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==, "“angebot.pdf” is not an e-mail file (.eml).");
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  error = load_error (folder);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  error = load_error ("/dev/zero");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "zero"));
  g_clear_error (&error);

  error = load_error (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "weg.eml"));

  kontor_test_rmdir (dir);
}

/* a file above the limit is refused by its size, before it is read: a
 * sparse file of 30 MB whose start is a real message */
static void
test_too_large (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "riesig.eml", NULL);
  const char *start = "From: a@example.com\nSubject: Riesig\n\n";
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, start, strlen (start)), ==, (gssize) strlen (start));
  g_assert_cmpint (ftruncate (fd, 30 * 1000 * 1000), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  error = load_error (path);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "“riesig.eml” is larger than 25 MB.");

  kontor_test_rmdir (dir);
}

/* what the model's rules allow, whatever the file holds: long texts cut,
 * control characters gone, at most KONTOR_EML_MAX_ADDRESSES recipients */
static void
test_limits (void)
{
  g_autoptr(GString) text = g_string_new ("From: \"Anna\tSchneider\" <anna@example.com>\n"
                                          "Subject: ");
  g_autoptr(KontorEml) eml = NULL;
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (text, "Angebot\x01\x7f ");
  g_string_append (text, "\nTo: ");
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "%sa%u@example.com", i > 0 ? ", " : "", i);
  g_string_append (text, "\nContent-Type: text/plain; charset=utf-8\n\n");
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "Zeile\r\n\t \x02 ");

  bytes = g_bytes_new (text->str, text->len);
  eml = kontor_eml_parse ("lang.eml", bytes, &error);
  g_assert_no_error (error);

  assert_clean (eml->subject, KONTOR_TEXT_MAX_CHARS);
  g_assert_true (g_str_has_suffix (eml->subject, "…"));
  g_assert_true (g_str_has_prefix (eml->subject, "Angebot Angebot"));
  assert_clean (eml->from_name, KONTOR_TEXT_MAX_CHARS);
  g_assert_cmpstr (eml->from_name, ==, "Anna Schneider");
  g_assert_cmpuint (g_strv_length (eml->to), ==, KONTOR_EML_MAX_ADDRESSES);
  assert_clean (eml->excerpt, KONTOR_EML_EXCERPT_CHARS + 1);
  g_assert_true (g_str_has_prefix (eml->excerpt, "Zeile Zeile"));
  g_assert_true (g_str_has_suffix (eml->excerpt, "Zeile…"));

  activity = kontor_eml_new_activity (eml, NULL, 1);
  kontor_activity_set_contact_id (activity, "01900000-0000-7000-8000-000000000001");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (activity), NULL, &error));
  g_assert_no_error (error);
}

/* the activity: an automatic e-mail at the message's time, its sender,
 * recipients and text as notes */
static void
test_activity (void)
{
  g_autoptr(KontorEml) eml = load ("multipart-alternative.eml");
  g_autoptr(KontorEml) undated = load ("no-date.eml");
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(KontorActivity) now = NULL;
  g_auto(GStrv) addresses = kontor_eml_dup_addresses (eml);
  g_autoptr(GError) error = NULL;

  kontor_record_set_id (KONTOR_RECORD (contact), "01900000-0000-7000-8000-000000000001");
  activity = kontor_eml_new_activity (eml, KONTOR_RECORD (contact), 1);
  g_assert_cmpint (kontor_activity_get_kind (activity), ==, KONTOR_ACTIVITY_KIND_EMAIL);
  g_assert_true (kontor_activity_get_automatic (activity));
  g_assert_true (kontor_activity_get_done (activity));
  g_assert_cmpstr (kontor_activity_get_contact_id (activity), ==,
                   "01900000-0000-7000-8000-000000000001");
  g_assert_cmpstr (kontor_activity_get_subject (activity), ==, "Angebot für Brötchen");
  g_assert_cmpint (kontor_activity_get_starts_at (activity), ==, utc (2025, 12, 1, 8, 30));
  g_assert_cmpstr (kontor_activity_get_notes (activity), ==,
                   "From: Jürgen Müller <Juergen.Mueller@Example.COM>\n"
                   "To: anna@baeckerei-sonnenschein.de, ben.wolf@example.org\n"
                   "Cc: vertrieb@example.org\n"
                   "\n"
                   "Guten Tag Frau Schneider, anbei unser Angebot für 500 Brötchen am Tag. "
                   "Der Preis: 120 €. Mit freundlichen Grüßen Jürgen Müller");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (activity), NULL, &error));
  g_assert_no_error (error);

  /* the sender first, then To and Cc: the order a contact is looked for */
  g_assert_cmpuint (g_strv_length (addresses), ==, 4);
  g_assert_cmpstr (addresses[0], ==, "Juergen.Mueller@Example.COM");
  g_assert_cmpstr (addresses[3], ==, "vertrieb@example.org");

  /* without a date at all, now */
  undated->date = 0;
  now = kontor_eml_new_activity (undated, KONTOR_RECORD (contact), 1234567);
  g_assert_cmpint (kontor_activity_get_starts_at (now), ==, 1234567);
}

/* every seed of the fuzzer is read or refused with a message */
static void
test_corpus (void)
{
  g_autofree char *path = corpus_path ("");
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_read = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file_path = g_build_filename (path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);
      g_autoptr(KontorEml) eml = NULL;
      g_autoptr(GError) error = NULL;

      eml = kontor_eml_load (file, NULL, &error);
      g_assert_true ((eml == NULL) != (error == NULL));
      if (eml == NULL)
        {
          g_assert_nonnull (strstr (error->message, name));
          continue;
        }
      n_read++;
      assert_clean (eml->subject, KONTOR_TEXT_MAX_CHARS);
      assert_clean (eml->from_name, KONTOR_TEXT_MAX_CHARS);
      assert_clean (eml->excerpt, KONTOR_EML_EXCERPT_CHARS + 1);
      g_assert_cmpint (eml->date, >, 0);
    }
  g_assert_cmpuint (n_read, >=, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eml/multipart-alternative", test_multipart_alternative);
  g_test_add_func ("/eml/encoded-words", test_encoded_words);
  g_test_add_func ("/eml/windows-1252", test_windows_1252);
  g_test_add_func ("/eml/utf-8", test_utf8);
  g_test_add_func ("/eml/charsets", test_charsets);
  g_test_add_func ("/eml/html-only", test_html_only);
  g_test_add_func ("/eml/attachments-are-not-the-text", test_attachments);
  g_test_add_func ("/eml/no-date-takes-the-file-time", test_no_date);
  g_test_add_func ("/eml/refused/broken", test_refused);
  g_test_add_func ("/eml/refused/not-a-mail-file", test_refused_files);
  g_test_add_func ("/eml/refused/too-large-unread", test_too_large);
  g_test_add_func ("/eml/limits", test_limits);
  g_test_add_func ("/eml/activity", test_activity);
  g_test_add_func ("/eml/corpus", test_corpus);

  return g_test_run ();
}
