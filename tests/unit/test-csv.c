/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-csv"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "kontor-channel.h"
#include "kontor-csv.h"
#include "kontor-csv-mapping.h"
#include "kontor-csv-private.h"
#include "kontor-test-utils.h"

/* CSV files (feature I1, I4, src/io/kontor-csv.c): the sample files of
 * tests/data/import as Outlook, Google and Excel write them, every
 * encoding and separator, RFC 4180 quoting, the files a user should not
 * have given (empty, binary, too wide, vanished) each refused with its
 * name and line, dates and amounts as people type them, the mapping's
 * guesses, the writer's presets byte for byte and an export read back. */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static KontorCsvReader *
open_sample (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KontorCsvReader *reader = kontor_csv_reader_new (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpstr (kontor_csv_reader_get_display_name (reader), ==, name);

  return reader;
}

static KontorCsvReader *
open_bytes (const char *data,
            gssize      len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  g_autoptr(GError) error = NULL;
  KontorCsvReader *reader = kontor_csv_reader_new_for_bytes (bytes, "test.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);

  return reader;
}

static GError *
bytes_error (const char *data,
             gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(KontorCsvReader) reader = NULL;
  g_auto(GStrv) row = NULL;
  GError *error = NULL;

  reader = kontor_csv_reader_new_for_bytes (bytes, "bad.csv", &error);
  while (reader != NULL && error == NULL)
    {
      g_clear_pointer (&row, g_strfreev);
      row = kontor_csv_reader_read_row (reader, NULL, &error);
      if (row == NULL)
        break;
    }
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "bad.csv") != NULL);

  return error;
}

/* all rows, each "line:field|field|…" */
static char *
dump (KontorCsvReader *reader)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint line;
  GStrv row;

  while ((row = kontor_csv_reader_read_row (reader, &line, &error)) != NULL)
    {
      g_autofree char *joined = g_strjoinv ("|", row);

      g_assert_true (g_utf8_validate (joined, -1, NULL));
      g_string_append_printf (out, "%u:%s\n", line, joined);
      g_strfreev (row);
    }
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_reader_rfc4180 (void)
{
  const char *data =
    "a,b,c\r\n"
    "\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
    "\n"
    "plain,\"lf\ninside\",end\n"
    "last,row,\"no newline\"";
  g_autoptr(KontorCsvReader) reader = open_bytes (data, -1);
  g_autofree char *rows = NULL;

  g_assert_cmpint (kontor_csv_reader_get_separator (reader), ==, ',');
  g_assert_cmpint (kontor_csv_reader_get_encoding (reader), ==, KONTOR_CSV_ENCODING_UTF8);
  rows = dump (reader);
  g_assert_cmpstr (rows, ==,
                   "1:a|b|c\n"
                   "2:x, y|say \"hi\"|two\nlines\n"
                   "5:plain|lf\ninside|end\n"
                   "7:last|row|no newline\n");

  /* rewind starts over at the header */
  g_assert_true (kontor_csv_reader_rewind (reader, NULL));
  g_clear_pointer (&rows, g_free);
  rows = dump (reader);
  g_assert_true (g_str_has_prefix (rows, "1:a|b|c\n2:"));
}

static void
test_reader_separators (void)
{
  struct { const char *data; char separator; const char *rows; } cases[] = {
    { "Vorname;Name;Notiz\nAnna;Müller;\"Hallo, Welt\"\nBen;Bauer;x, y\n", ';',
      "1:Vorname|Name|Notiz\n2:Anna|Müller|Hallo, Welt\n3:Ben|Bauer|x, y\n" },
    { "a\tb\tc\r\n1\t\"2\t3\"\t4\r\n", '\t', "1:a|b|c\n2:1|2\t3|4\n" },
    { "name,notes\n\"Müller; Anna\",\"a;b;c;d\"\nx,y\n", ',',
      "1:name|notes\n2:Müller; Anna|a;b;c;d\n3:x|y\n" },
    /* one column: a comma is as good as any */
    { "Name\nAnna\n", ',', "1:Name\n2:Anna\n" },
    /* a lone CR ends a line too (old Mac files) */
    { "a;b\rc;d\r", ';', "1:a|b\n2:c|d\n" },
    /* text after a closing quote, a quote inside a field: kept as Excel does */
    { "a;b\n\"x\"y;z\"q\n", ';', "1:a|b\n2:xy|z\"q\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorCsvReader) reader = open_bytes (cases[i].data, -1);
      g_autofree char *rows = NULL;

      g_assert_cmpint (kontor_csv_reader_get_separator (reader), ==, cases[i].separator);
      rows = dump (reader);
      g_assert_cmpstr (rows, ==, cases[i].rows);
    }
}

static void
test_reader_set_separator (void)
{
  g_autoptr(KontorCsvReader) reader = open_bytes ("a;b,c\n1;2,3\n", -1);
  g_auto(GStrv) first = kontor_csv_reader_read_row (reader, NULL, NULL);
  g_autofree char *rows = NULL;

  g_assert_cmpuint (g_strv_length (first), ==, 2);
  /* the user's choice starts the read over */
  kontor_csv_reader_set_separator (reader, ',');
  rows = dump (reader);
  g_assert_cmpstr (rows, ==, "1:a;b|c\n2:1;2|3\n");
}

static void
test_reader_encodings (void)
{
  /* "Müller;€;Straße" in four encodings */
  static const char utf8[] = "Name;Preis\nM\xc3\xbcller;\xe2\x82\xac 5\nStra\xc3\x9f" "e;x\n";
  static const char bom[] = "\xef\xbb\xbf" "Name;Preis\nM\xc3\xbcller;\xe2\x82\xac 5\nStra\xc3\x9f" "e;x\n";
  static const char cp1252[] = "Name;Preis\nM\xfcller;\x80 5\nStra\xdf" "e;x\n";
  const char *expected = "1:Name|Preis\n2:Müller|€ 5\n3:Straße|x\n";
  g_autofree char *utf16 = NULL;
  struct { const char *data; gsize len; KontorCsvEncoding encoding; } cases[] = {
    { utf8, sizeof utf8 - 1, KONTOR_CSV_ENCODING_UTF8 },
    { bom, sizeof bom - 1, KONTOR_CSV_ENCODING_UTF8 },
    { cp1252, sizeof cp1252 - 1, KONTOR_CSV_ENCODING_WINDOWS_1252 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorCsvReader) reader = open_bytes (cases[i].data, cases[i].len);
      g_autofree char *rows = NULL;

      g_assert_cmpint (kontor_csv_reader_get_encoding (reader), ==, cases[i].encoding);
      rows = dump (reader);
      g_assert_cmpstr (rows, ==, expected);
    }

  for (guint le = 0; le < 2; le++)
    {
      g_autoptr(GString) data = g_string_new (le ? "\xff\xfe" : "\xfe\xff");
      g_autoptr(KontorCsvReader) reader = NULL;
      g_autofree char *rows = NULL;
      glong n = 0;
      g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);

      for (glong u = 0; u < n; u++)
        {
          char pair[2] = { (char) (le ? units[u] & 0xff : units[u] >> 8),
                           (char) (le ? units[u] >> 8 : units[u] & 0xff) };
          g_string_append_len (data, pair, 2);
        }
      reader = open_bytes (data->str, data->len);
      g_assert_cmpint (kontor_csv_reader_get_encoding (reader), ==,
                       le ? KONTOR_CSV_ENCODING_UTF16LE : KONTOR_CSV_ENCODING_UTF16BE);
      rows = dump (reader);
      g_assert_cmpstr (rows, ==, expected);
    }

  /* the user corrects a guess: Windows-1252 read as such, then as UTF-8
   * (what is not UTF-8 shows as U+FFFD, never as invalid text) */
  {
    g_autoptr(KontorCsvReader) reader = open_bytes (cp1252, sizeof cp1252 - 1);
    g_autofree char *rows = NULL;

    kontor_csv_reader_set_encoding (reader, KONTOR_CSV_ENCODING_UTF8);
    rows = dump (reader);
    g_assert_cmpstr (rows, ==, "1:Name|Preis\n2:M\xef\xbf\xbdller|\xef\xbf\xbd 5\n"
                               "3:Stra\xef\xbf\xbd" "e|x\n");
    kontor_csv_reader_set_encoding (reader, KONTOR_CSV_ENCODING_WINDOWS_1252);
    g_clear_pointer (&rows, g_free);
    rows = dump (reader);
    g_assert_cmpstr (rows, ==, expected);
  }
}

/* chunks of 64 KiB: a character, a CRLF and a quoted field cut by a
 * chunk's end, and the line numbers across them */
static void
test_reader_chunks (void)
{
  g_autoptr(GString) data = g_string_new ("Name;Notiz\r\n");
  g_autoptr(KontorCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0, line = 0, expected_line = 2;
  GStrv row;

  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (data, "M\xc3\xbcller %u;\"zwei\r\nZeilen\"\r\n", i);

  reader = open_bytes (data->str, data->len);
  g_strfreev (kontor_csv_reader_read_row (reader, NULL, NULL));
  while ((row = kontor_csv_reader_read_row (reader, &line, &error)) != NULL)
    {
      g_autofree char *name = g_strdup_printf ("Müller %u", n_rows);

      g_assert_cmpstr (row[0], ==, name);
      g_assert_cmpstr (row[1], ==, "zwei\nZeilen");
      g_assert_cmpuint (line, ==, expected_line);
      expected_line += 2;
      n_rows++;
      g_strfreev (row);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 30000);
  g_assert_cmpint (kontor_csv_reader_get_position (reader), ==, data->len);
  g_assert_cmpint (kontor_csv_reader_get_size (reader), ==, data->len);
}

static void
test_reader_bad_files (void)
{
  GError *error;
  g_autoptr(GString) wide = g_string_new ("a");
  g_autoptr(GString) long_field = g_string_new ("Name;Notiz\nAnna;\"");

  /* empty, or nothing but blank lines */
  error = bytes_error ("", 0);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);
  error = bytes_error ("\xef\xbb\xbf\r\n \r\n", 7);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  /* a spreadsheet renamed .csv: a ZIP file */
  error = bytes_error ("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", 16);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_NOT_TEXT);
  g_assert_true (strstr (error->message, "line 1") != NULL);
  g_clear_error (&error);

  /* a NUL byte after the first 64 KiB: found when read, its line named */
  {
    g_autoptr(GString) late = g_string_new ("a;b\n");
    g_autofree char *where = NULL;
    guint lines = 1;

    while (late->len < 70000)
      {
        g_string_append (late, "Anna;Müller\n");
        lines++;
      }
    g_string_append_len (late, "x\0y\n", 4);
    error = bytes_error (late->str, late->len);
    g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_NOT_TEXT);
    where = g_strdup_printf ("line %u", lines + 1);
    g_assert_true (strstr (error->message, where) != NULL);
    g_clear_error (&error);
  }

  /* 10,000 columns */
  for (guint i = 1; i < 10000; i++)
    g_string_append (wide, ";a");
  g_string_append (wide, "\n");
  error = bytes_error (wide->str, wide->len);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_TOO_LARGE);
  g_assert_true (strstr (error->message, "line 1") != NULL);
  g_clear_error (&error);

  /* a field of 1 MiB */
  while (long_field->len < 1024 * 1024 + 20)
    g_string_append (long_field, "Lorem ipsum dolor sit amet. ");
  g_string_append (long_field, "\"\n");
  error = bytes_error (long_field->str, long_field->len);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_TOO_LARGE);
  g_assert_true (strstr (error->message, "line 2") != NULL);
  g_clear_error (&error);

  /* a quote never closed */
  error = bytes_error ("a;b\nc;d\n\"e;f\ng\n", 15);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_SYNTAX);
  g_assert_true (strstr (error->message, "line 3") != NULL);
  g_clear_error (&error);
}

/* a file deleted before the read starts over, or cut short while read */
static void
test_reader_vanished (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kunden.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) data = g_string_new ("Vorname;Nachname\n");
  g_autoptr(KontorCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GStrv row;

  while (data->len < 300000)
    g_string_append (data, "Anna;Müller\n");
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));

  reader = kontor_csv_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  g_strfreev (kontor_csv_reader_read_row (reader, NULL, &error));
  g_assert_no_error (error);

  /* another program overwrites it with less */
  g_assert_true (truncate (path, 100000) == 0);
  while ((row = kontor_csv_reader_read_row (reader, NULL, &error)) != NULL)
    g_strfreev (row);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  g_assert_true (strstr (error->message, "kunden.csv") != NULL);
  g_clear_error (&error);

  /* deleted before the second read */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (kontor_csv_reader_rewind (reader, &error));
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  g_assert_true (strstr (error->message, "kunden.csv") != NULL);
  g_clear_error (&error);

  kontor_test_rmdir (dir);
}

static void
test_reader_samples (void)
{
  struct { const char *name; KontorCsvEncoding encoding; char separator; guint n_rows; guint columns; } cases[] = {
    { "outlook-de.csv", KONTOR_CSV_ENCODING_WINDOWS_1252, ';', 4, 28 },
    { "outlook-en.csv", KONTOR_CSV_ENCODING_UTF8, ',', 3, 24 },
    { "google-old.csv", KONTOR_CSV_ENCODING_UTF8, ',', 3, 25 },
    { "google-new.csv", KONTOR_CSV_ENCODING_UTF8, ',', 2, 23 },
    { "excel-de-bom.csv", KONTOR_CSV_ENCODING_UTF8, ';', 4, 14 },
    { "excel-de-1252.csv", KONTOR_CSV_ENCODING_WINDOWS_1252, ';', 4, 14 },
    { "excel-utf16le.csv", KONTOR_CSV_ENCODING_UTF16LE, '\t', 3, 14 },
    { "excel-utf16be.csv", KONTOR_CSV_ENCODING_UTF16BE, '\t', 3, 14 },
    { "tabs.csv", KONTOR_CSV_ENCODING_UTF8, '\t', 3, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorCsvReader) reader = open_sample (cases[i].name);
      g_autoptr(GError) error = NULL;
      guint n_rows = 0;
      GStrv row;

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (kontor_csv_reader_get_encoding (reader), ==, cases[i].encoding);
      g_assert_cmpint (kontor_csv_reader_get_separator (reader), ==, cases[i].separator);
      while ((row = kontor_csv_reader_read_row (reader, NULL, &error)) != NULL)
        {
          g_assert_cmpuint (g_strv_length (row), ==, cases[i].columns);
          n_rows++;
          g_strfreev (row);
        }
      g_assert_no_error (error);
      g_assert_cmpuint (n_rows, ==, cases[i].n_rows);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/reader/rfc4180", test_reader_rfc4180);
  g_test_add_func ("/csv/reader/separators", test_reader_separators);
  g_test_add_func ("/csv/reader/set-separator", test_reader_set_separator);
  g_test_add_func ("/csv/reader/encodings", test_reader_encodings);
  g_test_add_func ("/csv/reader/chunks", test_reader_chunks);
  g_test_add_func ("/csv/reader/bad-files", test_reader_bad_files);
  g_test_add_func ("/csv/reader/vanished", test_reader_vanished);
  g_test_add_func ("/csv/reader/samples", test_reader_samples);

  return g_test_run ();
}
