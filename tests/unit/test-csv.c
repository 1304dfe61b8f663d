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
  error = bytes_error ("\xef\xbb\xbf\r\n \r\n", 8);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  /* a spreadsheet renamed .csv: a ZIP file */
  {
    static const char zip[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";

    error = bytes_error (zip, sizeof zip - 1);
  }
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

/* Cancel stops a read between chunks with G_IO_ERROR_CANCELLED, the
 * only error outside KONTOR_IMPORT_ERROR */
static void
test_reader_cancel (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gross.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) data = g_string_new ("Vorname;Nachname\n");
  g_autoptr(KontorCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GStrv row;

  while (data->len < 200000)
    g_string_append (data, "Anna;Müller\n");
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));

  reader = kontor_csv_reader_new (file, cancellable, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  while ((row = kontor_csv_reader_read_row (reader, NULL, &error)) != NULL)
    g_strfreev (row);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  for (KontorCsvEncoding e = 0; e < KONTOR_CSV_N_ENCODINGS; e++)
    g_assert_nonnull (kontor_csv_encoding_get_label (e));

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

static void
test_dates (void)
{
  struct { const char *text; const char *iso; } cases[] = {
    { "2024-04-15", "2024-04-15" },
    { " 1980-02-29 ", "1980-02-29" },
    { "15.04.2024", "2024-04-15" },
    { "5.4.1980", "1980-04-05" },
    { "15.4.24", "2024-04-15" },
    { "5.4.80", "1980-04-05" },
    { "01.01.26", "2026-01-01" },
    { "01.01.27", "1927-01-01" },
    { "15.04.", "--04-15" },
    { "15.4.", "--04-15" },
    { "29.02.", "--02-29" },
    { "--04-15", "--04-15" },
    { "4/15/2024", "2024-04-15" },
    { "15/4/2024", "2024-04-15" },
    { "7/7/1977", "1977-07-07" },
    { "31.02.1990", NULL },
    { "29.02.2023", NULL },
    { "4/5/2024", NULL },
    { "13/13/2024", NULL },
    { "2024-4-15", NULL },
    { "15.04", NULL },
    { "15.04.202", NULL },
    { "0.0.00", NULL },
    { "--02-30", NULL },
    { "gestern", NULL },
    { "", NULL },
    { "15.04.2024x", NULL },
    { "999-01-01", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;
      gboolean ok = kontor_csv_parse_date_for_year (cases[i].text, 2026, &iso);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].iso != NULL);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }

  /* today's year: a birthday in 1980 stays there whatever the year */
  {
    g_autofree char *iso = NULL;

    g_assert_true (kontor_csv_parse_date ("5.4.80", &iso));
    g_assert_cmpstr (iso, ==, "1980-04-05");
  }

  {
    struct { const char *iso; const char *excel; } formats[] = {
      { "2024-04-15", "15.04.2024" },
      { "1980-01-05", "05.01.1980" },
      { "--04-15", "15.04." },
    };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autofree char *excel = kontor_csv_format_date (formats[i].iso, KONTOR_CSV_PRESET_EXCEL_DE);
        g_autofree char *rfc = kontor_csv_format_date (formats[i].iso, KONTOR_CSV_PRESET_RFC4180);
        g_autofree char *back = NULL;

        g_assert_cmpstr (excel, ==, formats[i].excel);
        g_assert_cmpstr (rfc, ==, formats[i].iso);
        g_assert_true (kontor_csv_parse_date_for_year (excel, 2026, &back));
        g_assert_cmpstr (back, ==, formats[i].iso);
      }
  }
}

static void
test_decimals (void)
{
  struct { const char *text; gboolean ok; gint64 cents; } cases[] = {
    { "1.234,50", TRUE, 123450 },
    { "1234,5", TRUE, 123450 },
    { "1,234.50", TRUE, 123450 },
    { "1234.50", TRUE, 123450 },
    { "1234", TRUE, 123400 },
    { "1.234", TRUE, 123400 },
    { "1.234.567,89", TRUE, 123456789 },
    { "1,234,567", TRUE, 123456700 },
    { "-12,05", TRUE, -1205 },
    { " +0,5 ", TRUE, 50 },
    { "0.07", TRUE, 7 },
    { "1,234", FALSE, 0 },
    { "1,2345", FALSE, 0 },
    { "12.34.56", FALSE, 0 },
    { "1.23,4.5", FALSE, 0 },
    { "12,", FALSE, 0 },
    { ",5", FALSE, 0 },
    { "", FALSE, 0 },
    { "zehn", FALSE, 0 },
    { "12 €", FALSE, 0 },
    { "99999999999999999999", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 cents = 0;

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (kontor_csv_parse_decimal_cents (cases[i].text, &cents), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (cents, ==, cases[i].cents);
    }

  {
    struct { gint64 cents; const char *excel; const char *rfc; } formats[] = {
      { 123450, "1234,50", "1234.50" },
      { 7, "0,07", "0.07" },
      { -1205, "-12,05", "-12.05" },
      { 0, "0,00", "0.00" },
      { G_MININT64, "-92233720368547758,08", "-92233720368547758.08" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autofree char *excel = kontor_csv_format_decimal_cents (formats[i].cents, KONTOR_CSV_PRESET_EXCEL_DE);
        g_autofree char *rfc = kontor_csv_format_decimal_cents (formats[i].cents, KONTOR_CSV_PRESET_RFC4180);

        g_assert_cmpstr (excel, ==, formats[i].excel);
        g_assert_cmpstr (rfc, ==, formats[i].rfc);
      }
  }
}

static GBytes *
write_rows (KontorCsvPreset      preset,
            KontorCsvEncoding    encoding,
            const char * const  *rows[],
            GError             **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(KontorCsvWriter) writer = kontor_csv_writer_new (stream, preset, encoding);

  g_assert_cmpint (kontor_csv_writer_get_preset (writer), ==, preset);
  for (guint i = 0; rows[i] != NULL; i++)
    {
      if (!kontor_csv_writer_write_row (writer, rows[i], NULL, error))
        return NULL;
    }
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected,
              gsize       len)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, len);
}

static void
test_writer (void)
{
  const char *header[] = { "Name", "Notiz", "Betrag", NULL };
  const char *row1[] = { "Müller; Anna", "sagt \"Hallo\"", "1234,50", NULL };
  const char *row2[] = { " Leerzeichen", "zwei\nZeilen", "€, ß", NULL };
  const char *row3[] = { "", "a\rb", "x", NULL };
  const char * const *rows[] = { header, row1, row2, row3, NULL };
  g_autoptr(GBytes) excel = NULL;
  g_autoptr(GBytes) excel_utf8 = NULL;
  g_autoptr(GBytes) rfc = NULL;
  g_autoptr(GBytes) utf16 = NULL;
  g_autoptr(GError) error = NULL;
  static const char excel_1252[] =
    "Name;Notiz;Betrag\r\n"
    "\"M\xfcller; Anna\";\"sagt \"\"Hallo\"\"\";1234,50\r\n"
    "\" Leerzeichen\";\"zwei\nZeilen\";\x80, \xdf\r\n"
    ";\"a\rb\";x\r\n";
  static const char excel_bom[] =
    "\xef\xbb\xbfName;Notiz;Betrag\r\n"
    "\"Müller; Anna\";\"sagt \"\"Hallo\"\"\";1234,50\r\n"
    "\" Leerzeichen\";\"zwei\nZeilen\";€, ß\r\n"
    ";\"a\rb\";x\r\n";
  static const char rfc4180[] =
    "Name,Notiz,Betrag\r\n"
    "Müller; Anna,\"sagt \"\"Hallo\"\"\",\"1234,50\"\r\n"
    "\" Leerzeichen\",\"zwei\nZeilen\",\"€, ß\"\r\n"
    ",\"a\rb\",x\r\n";

  excel = write_rows (KONTOR_CSV_PRESET_EXCEL_DE, KONTOR_CSV_ENCODING_WINDOWS_1252, rows, &error);
  g_assert_no_error (error);
  assert_bytes (excel, excel_1252, sizeof excel_1252 - 1);

  excel_utf8 = write_rows (KONTOR_CSV_PRESET_EXCEL_DE, KONTOR_CSV_ENCODING_UTF8, rows, &error);
  g_assert_no_error (error);
  assert_bytes (excel_utf8, excel_bom, sizeof excel_bom - 1);

  rfc = write_rows (KONTOR_CSV_PRESET_RFC4180, KONTOR_CSV_ENCODING_UTF8, rows, &error);
  g_assert_no_error (error);
  assert_bytes (rfc, rfc4180, sizeof rfc4180 - 1);

  /* UTF-16 with its BOM */
  utf16 = write_rows (KONTOR_CSV_PRESET_EXCEL_DE, KONTOR_CSV_ENCODING_UTF16LE,
                      (const char * const *[]) { header, NULL }, &error);
  g_assert_no_error (error);
  assert_bytes (utf16, "\xff\xfeN\0a\0m\0e\0;\0N\0o\0t\0i\0z\0;\0B\0e\0t\0r\0a\0g\0\r\0\n\0", 40);

  /* what Windows-1252 cannot hold is refused, named, nothing of the row written */
  {
    const char *polish[] = { "Łukasz", NULL };
    g_autoptr(GBytes) refused = write_rows (KONTOR_CSV_PRESET_EXCEL_DE,
                                            KONTOR_CSV_ENCODING_WINDOWS_1252,
                                            (const char * const *[]) { header, polish, NULL },
                                            &error);

    g_assert_null (refused);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_true (strstr (error->message, "Ł") != NULL);
    g_clear_error (&error);
  }

  /* each reads back as written */
  {
    GBytes *files[] = { excel, excel_utf8, rfc };

    for (guint f = 0; f < G_N_ELEMENTS (files); f++)
      {
        g_autoptr(KontorCsvReader) reader = kontor_csv_reader_new_for_bytes (files[f], "x.csv", &error);

        g_assert_no_error (error);
        for (guint i = 0; rows[i] != NULL; i++)
          {
            g_auto(GStrv) row = kontor_csv_reader_read_row (reader, NULL, &error);
            const char *expected[G_N_ELEMENTS (row1)];

            g_assert_no_error (error);
            memcpy (expected, rows[i], sizeof expected);
            if (i == 3)
              expected[1] = "a\nb";     /* a lone CR reads as a line break */
            g_assert_cmpstrv (row, expected);
          }
      }
  }
}

static KontorCsvMapping *
sample_mapping (const char        *name,
                KontorCsvReader  **reader_out)
{
  g_autoptr(KontorCsvReader) reader = open_sample (name);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = kontor_csv_reader_read_row (reader, NULL, &error);

  g_assert_no_error (error);
  if (reader_out != NULL)
    *reader_out = g_steal_pointer (&reader);

  return kontor_csv_mapping_new ((const char * const *) header);
}

static char *
mapped (KontorCsvMapping *mapping)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < kontor_csv_mapping_get_n_columns (mapping); i++)
    {
      const char *target = kontor_csv_mapping_get_target (mapping, i);

      if (target != NULL)
        g_string_append_printf (out, "%s=%s\n", kontor_csv_mapping_get_header (mapping, i), target);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_mapping_guess (void)
{
  struct { const char *name; const char *mapped; } cases[] = {
    { "outlook-de.csv",
      "Anrede=salutation\nVorname=first_name\nNachname=last_name\nFirma=company\n"
      "Position=job_title\nStraße geschäftlich=street\nOrt geschäftlich=city\n"
      "Postleitzahl geschäftlich=postal_code\nLand/Region geschäftlich=country\n"
      "Fax geschäftlich=phone_fax\nTelefon geschäftlich=phone_work\n"
      "Telefon geschäftlich 2=phone_other\nMobiltelefon=phone_mobile\nTelefon privat=phone_home\n"
      "Weiteres Telefon=phone_other\nGeburtstag=birthday\nE-Mail-Adresse=email_work\n"
      "E-Mail 2: Adresse=email_other\nNotizen=notes\n" },
    { "outlook-en.csv",
      "Title=salutation\nFirst Name=first_name\nLast Name=last_name\nCompany=company\n"
      "Job Title=job_title\nBusiness Street=street\nBusiness City=city\n"
      "Business Postal Code=postal_code\nBusiness Country/Region=country\n"
      "Business Fax=phone_fax\nBusiness Phone=phone_work\nHome Phone=phone_home\n"
      "Mobile Phone=phone_mobile\nOther Phone=phone_other\nBirthday=birthday\n"
      "E-mail Address=email_work\nE-mail 2 Address=email_other\nNotes=notes\n" },
    { "google-old.csv",
      "Given Name=first_name\nFamily Name=last_name\nName Prefix=salutation\nBirthday=birthday\n"
      "Notes=notes\nLanguage=language\nE-mail 1 - Value=email\nE-mail 2 - Value=email\n"
      "Phone 1 - Value=phone\nPhone 2 - Value=phone\nAddress 1 - Street=street\n"
      "Address 1 - City=city\nAddress 1 - Postal Code=postal_code\nAddress 1 - Country=country\n"
      "Organization 1 - Name=company\nOrganization 1 - Title=job_title\n" },
    { "google-new.csv",
      "First Name=first_name\nLast Name=last_name\nName Prefix=salutation\n"
      "Organization Name=company\nOrganization Title=job_title\nBirthday=birthday\nNotes=notes\n"
      "E-mail 1 - Value=email\nPhone 1 - Value=phone\nPhone 2 - Value=phone\n"
      "Address 1 - Street=street\nAddress 1 - City=city\nAddress 1 - Postal Code=postal_code\n"
      "Address 1 - Country=country\n" },
    { "excel-de-bom.csv",
      "Anrede=salutation\nTitel=title\nVorname=first_name\nName=last_name\nFirma=company\n"
      "E-Mail=email_work\nTelefon=phone_work\nHandy=phone_mobile\nStraße=street\nPLZ=postal_code\n"
      "Ort=city\nGeburtstag=birthday\nKundennummer=customer_number\nBemerkung=notes\n" },
    { "tabs.csv",
      "Vorname=first_name\nNachname=last_name\nE-Mail=email_work\nMobil=phone_mobile\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorCsvMapping) mapping = sample_mapping (cases[i].name, NULL);
      g_autofree char *text = mapped (mapping);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpstr (text, ==, cases[i].mapped);
    }

  /* "Name" alone is the whole name; the private address only without a
   * business one; case, blanks and umlaut spellings do not matter */
  {
    const char *header[] = { "NAME", "strasse privat", "E-MAIL_ADRESSE", "Unbekannt", NULL };
    g_autoptr(KontorCsvMapping) mapping = kontor_csv_mapping_new (header);
    g_autofree char *text = mapped (mapping);

    g_assert_cmpstr (text, ==, "NAME=full_name\nstrasse privat=street\nE-MAIL_ADRESSE=email_work\n");
  }
}

static KontorContact *
apply_ok (KontorCsvMapping *mapping,
          char            **row)
{
  g_autoptr(GError) error = NULL;
  KontorContact *contact = kontor_csv_mapping_apply (mapping, (const char * const *) row, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contact);

  return contact;
}

static void
assert_channels (GPtrArray  *channels,
                 const char *expected)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);

      g_string_append_printf (text, "%s:%s\n", channel->label, channel->value);
    }
  g_assert_cmpstr (text->str, ==, expected);
}

static void
test_mapping_apply_samples (void)
{
  /* German Outlook, Windows-1252 */
  {
    g_autoptr(KontorCsvReader) reader = NULL;
    g_autoptr(KontorCsvMapping) mapping = sample_mapping ("outlook-de.csv", &reader);
    g_auto(GStrv) row1 = kontor_csv_reader_read_row (reader, NULL, NULL);
    g_auto(GStrv) row2 = kontor_csv_reader_read_row (reader, NULL, NULL);
    g_autoptr(KontorContact) juergen = apply_ok (mapping, row1);
    g_autoptr(KontorContact) anna = apply_ok (mapping, row2);

    g_assert_cmpint (kontor_contact_get_salutation (juergen), ==, KONTOR_SALUTATION_MR);
    g_assert_cmpstr (kontor_contact_get_first_name (juergen), ==, "Jürgen");
    g_assert_cmpstr (kontor_contact_get_last_name (juergen), ==, "Müller");
    g_assert_cmpstr (kontor_contact_get_company_name (juergen), ==, "Müller & Söhne GmbH");
    g_assert_null (kontor_contact_get_company_id (juergen));
    g_assert_cmpstr (kontor_contact_get_job_title (juergen), ==, "Vertriebsleiter");
    g_assert_cmpstr (kontor_contact_get_street (juergen), ==, "Hauptstraße 5");
    g_assert_cmpstr (kontor_contact_get_postal_code (juergen), ==, "50667");
    g_assert_cmpstr (kontor_contact_get_city (juergen), ==, "Köln");
    g_assert_cmpstr (kontor_contact_get_country (juergen), ==, "Deutschland");
    g_assert_cmpstr (kontor_contact_get_birthday (juergen), ==, "1970-04-15");
    g_assert_cmpstr (kontor_contact_get_notes (juergen), ==,
                     "Kunde seit 2010; Preis 1.234,50 €\nRuft gern früh an");
    assert_channels (kontor_contact_get_emails (juergen),
                     "work:juergen.mueller@mueller-soehne.de\nother:j.mueller@example.org\n");
    assert_channels (kontor_contact_get_phones (juergen),
                     "fax:0221 123457\nwork:0221 123456\nmobile:0171 2345678\n");

    /* "Frau Dr.": the salutation and the title; Outlook's "0.0.00" is no birthday */
    g_assert_cmpint (kontor_contact_get_salutation (anna), ==, KONTOR_SALUTATION_MS);
    g_assert_cmpstr (kontor_contact_get_title (anna), ==, "Dr.");
    g_assert_null (kontor_contact_get_birthday (anna));
  }

  /* Google: the labels from their own columns, several values in one */
  {
    g_autoptr(KontorCsvReader) reader = NULL;
    g_autoptr(KontorCsvMapping) mapping = sample_mapping ("google-old.csv", &reader);
    g_auto(GStrv) row1 = kontor_csv_reader_read_row (reader, NULL, NULL);
    g_auto(GStrv) row2 = kontor_csv_reader_read_row (reader, NULL, NULL);
    g_autoptr(KontorContact) anna = apply_ok (mapping, row1);
    g_autoptr(KontorContact) ben = apply_ok (mapping, row2);

    g_assert_cmpstr (kontor_contact_get_first_name (anna), ==, "Anna");
    g_assert_cmpstr (kontor_contact_get_last_name (anna), ==, "Müller");
    g_assert_cmpstr (kontor_contact_get_birthday (anna), ==, "1985-03-02");
    g_assert_cmpstr (kontor_contact_get_company_name (anna), ==, "Firma AG");
    g_assert_cmpstr (kontor_contact_get_job_title (anna), ==, "Einkauf");
    g_assert_cmpstr (kontor_contact_get_notes (anna), ==, "Erste Zeile\nZweite Zeile");
    assert_channels (kontor_contact_get_emails (anna),
                     "work:anna.mueller@firma.example\nhome:anna@privat.example\n");
    assert_channels (kontor_contact_get_phones (anna),
                     "mobile:+49 171 1111111\nwork:+49 30 2222222\nwork:+49 30 3333333\n");
    g_assert_cmpstr (kontor_contact_get_birthday (ben), ==, "--07-21");
    assert_channels (kontor_contact_get_emails (ben), "other:ben@example.com\n");
  }

  /* German Excel: "Vorname;Name", TT.MM.JJJJ, a date without a year */
  {
    g_autoptr(KontorCsvReader) reader = NULL;
    g_autoptr(KontorCsvMapping) mapping = sample_mapping ("excel-de-1252.csv", &reader);
    g_auto(GStrv) row1 = kontor_csv_reader_read_row (reader, NULL, NULL);
    g_auto(GStrv) row2 = kontor_csv_reader_read_row (reader, NULL, NULL);
    g_autoptr(KontorContact) klaus = apply_ok (mapping, row1);
    g_autoptr(KontorContact) grete = apply_ok (mapping, row2);

    g_assert_cmpstr (kontor_contact_get_title (klaus), ==, "Dr.");
    g_assert_cmpstr (kontor_contact_get_last_name (klaus), ==, "Weiß");
    g_assert_cmpstr (kontor_contact_get_birthday (klaus), ==, "1965-02-01");
    g_assert_cmpstr (kontor_contact_get_customer_number (klaus), ==, "K-1001");
    g_assert_cmpstr (kontor_contact_get_notes (klaus), ==, "Umsatz 12.500,00 €; Zahlung \"pünktlich\"");
    g_assert_cmpstr (kontor_contact_get_birthday (grete), ==, "--02-29");
  }
}

static void
test_mapping_apply_errors (void)
{
  const char *header[] = { "Anrede", "Name", "Geburtstag", "Sprache", "E-Mail", NULL };
  g_autoptr(KontorCsvMapping) mapping = kontor_csv_mapping_new (header);
  struct { const char *row[6]; const char *message; } cases[] = {
    { { "", "Anna Müller", "31.02.1990", "", "", NULL }, "Geburtstag: “31.02.1990” is not a date." },
    { { "", "Anna Müller", "4/5/1980", "", "", NULL }, "Geburtstag: “4/5/1980” can be read as day/month or as month/day." },
    { { "Hallo", "Anna Müller", "", "", "", NULL }, "Anrede: “Hallo” is not a salutation" },
    { { "", "Anna Müller", "", "Klingonisch", "", NULL }, "Sprache: “Klingonisch” is not a language" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KontorContact) contact = kontor_csv_mapping_apply (mapping, cases[i].row, &error);

      g_assert_null (contact);
      g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }

  /* full names both ways, a short row, values trimmed, several addresses */
  {
    const char *row1[] = { " Mx. ", "Müller, Anna Maria", "", "Englisch", " a@x.de, b@y.de ", NULL };
    const char *row2[] = { "", "Cher", NULL };
    const char *row3[] = { "Prof. Dr.", "Anna Maria Müller", "--12-24", "en-GB", "", NULL };
    g_autoptr(KontorContact) c1 = kontor_csv_mapping_apply (mapping, row1, NULL);
    g_autoptr(KontorContact) c2 = kontor_csv_mapping_apply (mapping, row2, NULL);
    g_autoptr(KontorContact) c3 = kontor_csv_mapping_apply (mapping, row3, NULL);

    g_assert_cmpint (kontor_contact_get_salutation (c1), ==, KONTOR_SALUTATION_MX);
    g_assert_cmpstr (kontor_contact_get_first_name (c1), ==, "Anna Maria");
    g_assert_cmpstr (kontor_contact_get_last_name (c1), ==, "Müller");
    g_assert_cmpint (kontor_contact_get_language (c1), ==, KONTOR_LANGUAGE_EN);
    assert_channels (kontor_contact_get_emails (c1), "work:a@x.de\nwork:b@y.de\n");
    g_assert_null (kontor_contact_get_first_name (c2));
    g_assert_cmpstr (kontor_contact_get_last_name (c2), ==, "Cher");
    g_assert_cmpint (kontor_contact_get_salutation (c3), ==, KONTOR_SALUTATION_NONE);
    g_assert_cmpstr (kontor_contact_get_title (c3), ==, "Prof. Dr.");
    g_assert_cmpstr (kontor_contact_get_first_name (c3), ==, "Anna Maria");
    g_assert_cmpstr (kontor_contact_get_birthday (c3), ==, "--12-24");
    g_assert_cmpint (kontor_contact_get_language (c3), ==, KONTOR_LANGUAGE_EN);
  }
}

static void
test_mapping_string (void)
{
  const char *header[] = { "Vorname", "Nachname", "Spalte X", "Mail", NULL };
  const char *same[] = { "VORNAME", "nachname", "spalte_x", "mail", NULL };
  const char *other[] = { "Vorname", "Nachname", "Spalte Y", "Mail", NULL };
  g_autoptr(KontorCsvMapping) mapping = kontor_csv_mapping_new (header);
  g_autoptr(KontorCsvMapping) back = NULL;
  g_autoptr(KontorCsvMapping) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  g_autofree char *key_back = NULL;

  /* the user's choices: the unknown column to notes, the e-mail ignored */
  kontor_csv_mapping_set_target (mapping, 2, "notes");
  kontor_csv_mapping_set_target (mapping, 3, NULL);
  text = kontor_csv_mapping_to_string (mapping);

  back = kontor_csv_mapping_new_from_string (same, text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_csv_mapping_get_target (back, 0), ==, "first_name");
  g_assert_cmpstr (kontor_csv_mapping_get_target (back, 1), ==, "last_name");
  g_assert_cmpstr (kontor_csv_mapping_get_target (back, 2), ==, "notes");
  g_assert_null (kontor_csv_mapping_get_target (back, 3));
  key = kontor_csv_mapping_dup_header_key (mapping);
  key_back = kontor_csv_mapping_dup_header_key (back);
  g_assert_cmpstr (key, ==, key_back);
  g_assert_cmpuint (strlen (key), ==, 64);

  refused = kontor_csv_mapping_new_from_string (other, text, &error);
  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  refused = kontor_csv_mapping_new_from_string (header, "nonsense", &error);
  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  {
    g_autofree char *bad = g_strdup (text);
    char *at = strstr (bad, "notes");

    memcpy (at, "nodes", 5);
    refused = kontor_csv_mapping_new_from_string (header, bad, &error);
    g_assert_null (refused);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_true (strstr (error->message, "nodes") != NULL);
  }

  /* every target has a label */
  {
    guint n = 0;
    const KontorImportTarget *targets = kontor_import_targets (&n);

    g_assert_cmpuint (n, >, 20);
    for (guint i = 0; i < n; i++)
      {
        g_assert_nonnull (targets[i].id);
        g_assert_nonnull (targets[i].label);
      }
  }
}

static KontorContact *
full_contact (guint i)
{
  KontorContact *contact = kontor_contact_new ();
  g_autofree char *last = g_strdup_printf ("Müller-%u", i);

  kontor_contact_set_salutation (contact, i % 2 ? KONTOR_SALUTATION_MS : KONTOR_SALUTATION_MR);
  kontor_contact_set_title (contact, "Dr.");
  kontor_contact_set_first_name (contact, "Anna \"Anni\"");
  kontor_contact_set_last_name (contact, last);
  kontor_contact_set_job_title (contact, "Leiterin Einkauf; Vertrieb");
  kontor_contact_set_company_name (contact, "Müller & Söhne, GmbH");
  kontor_contact_add_email (contact, "work", "anna@mueller.example");
  kontor_contact_add_email (contact, "work", "einkauf@mueller.example");
  kontor_contact_add_email (contact, "home", "anna@privat.example");
  kontor_contact_add_email (contact, "other", "a@other.example");
  kontor_contact_add_phone (contact, "work", "+49 221 123456");
  kontor_contact_add_phone (contact, "mobile", "0171 2345678");
  kontor_contact_add_phone (contact, "home", "0221 9999");
  kontor_contact_add_phone (contact, "fax", "0221 123457");
  kontor_contact_add_phone (contact, "other", "0800 1");
  kontor_contact_set_street (contact, "Hauptstraße 5");
  kontor_contact_set_postal_code (contact, "01067");
  kontor_contact_set_city (contact, "Köln");
  kontor_contact_set_country (contact, "Deutschland");
  kontor_contact_set_language (contact, i % 2 ? KONTOR_LANGUAGE_FR : KONTOR_LANGUAGE_IT);
  kontor_contact_set_birthday (contact, i % 2 ? "1970-04-15" : "--02-29");
  kontor_contact_set_customer_number (contact, "K-0001");
  kontor_contact_set_notes (contact, "Zeile 1\nZeile 2; \"zitiert\"");

  return contact;
}

static void
test_export_round_trip (void)
{
  KontorCsvPreset presets[] = { KONTOR_CSV_PRESET_EXCEL_DE, KONTOR_CSV_PRESET_RFC4180,
                                KONTOR_CSV_PRESET_EXCEL_DE };
  KontorCsvEncoding encodings[] = { KONTOR_CSV_ENCODING_WINDOWS_1252, KONTOR_CSV_ENCODING_UTF8,
                                    KONTOR_CSV_ENCODING_UTF8 };

  for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
    {
      g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
      g_autoptr(KontorCsvWriter) writer = kontor_csv_writer_new (stream, presets[p], encodings[p]);
      g_auto(GStrv) header = kontor_csv_export_header ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(KontorCsvReader) reader = NULL;
      g_autoptr(KontorCsvMapping) mapping = NULL;
      g_autoptr(KontorImportSource) source = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) read_header = NULL;
      guint line = 0;

      g_assert_true (kontor_csv_writer_write_row (writer, (const char * const *) header, NULL, &error));
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(KontorContact) contact = full_contact (i);
          g_auto(GStrv) row = kontor_csv_export_row (contact, presets[p]);

          g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
          g_assert_true (kontor_csv_writer_write_row (writer, (const char * const *) row, NULL, &error));
          g_assert_no_error (error);
        }
      g_assert_true (g_output_stream_close (stream, NULL, NULL));
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

      reader = kontor_csv_reader_new_for_bytes (bytes, "export.csv", &error);
      g_assert_no_error (error);
      g_assert_cmpint (kontor_csv_reader_get_encoding (reader), ==, encodings[p]);
      read_header = kontor_csv_reader_read_row (reader, NULL, &error);
      mapping = kontor_csv_mapping_new ((const char * const *) read_header);
      /* every column of the export maps back to itself */
      for (guint c = 0; c < kontor_csv_mapping_get_n_columns (mapping); c++)
        g_assert_nonnull (kontor_csv_mapping_get_target (mapping, c));

      source = kontor_csv_source_new (g_steal_pointer (&reader), mapping);
      g_assert_cmpstr (kontor_import_source_get_display_name (source), ==, "export.csv");
      for (guint pass = 0; pass < 2; pass++)
        {
          for (guint i = 0; i < 2; i++)
            {
              g_autoptr(KontorContact) expected = full_contact (i);
              g_autoptr(KontorContact) contact = kontor_import_source_next (source, &line, &error);

              g_assert_no_error (error);
              g_assert_nonnull (contact);
              g_assert_cmpuint (line, ==, 2 + i * 2);   /* the notes take two lines */
              g_assert_cmpint (kontor_contact_get_salutation (contact), ==, kontor_contact_get_salutation (expected));
              g_assert_cmpstr (kontor_contact_get_title (contact), ==, kontor_contact_get_title (expected));
              g_assert_cmpstr (kontor_contact_get_first_name (contact), ==, kontor_contact_get_first_name (expected));
              g_assert_cmpstr (kontor_contact_get_last_name (contact), ==, kontor_contact_get_last_name (expected));
              g_assert_cmpstr (kontor_contact_get_job_title (contact), ==, kontor_contact_get_job_title (expected));
              g_assert_cmpstr (kontor_contact_get_company_name (contact), ==, kontor_contact_get_company_name (expected));
              g_assert_true (kontor_channel_array_equal (kontor_contact_get_emails (contact), kontor_contact_get_emails (expected)));
              g_assert_true (kontor_channel_array_equal (kontor_contact_get_phones (contact), kontor_contact_get_phones (expected)));
              g_assert_cmpstr (kontor_contact_get_street (contact), ==, kontor_contact_get_street (expected));
              g_assert_cmpstr (kontor_contact_get_postal_code (contact), ==, kontor_contact_get_postal_code (expected));
              g_assert_cmpstr (kontor_contact_get_city (contact), ==, kontor_contact_get_city (expected));
              g_assert_cmpstr (kontor_contact_get_country (contact), ==, kontor_contact_get_country (expected));
              g_assert_cmpint (kontor_contact_get_language (contact), ==, kontor_contact_get_language (expected));
              g_assert_cmpstr (kontor_contact_get_birthday (contact), ==, kontor_contact_get_birthday (expected));
              g_assert_cmpstr (kontor_contact_get_customer_number (contact), ==, kontor_contact_get_customer_number (expected));
              g_assert_cmpstr (kontor_contact_get_notes (contact), ==, kontor_contact_get_notes (expected));
            }
          g_assert_null (kontor_import_source_next (source, &line, &error));
          g_assert_no_error (error);
          g_assert_cmpint (kontor_import_source_get_position (source), ==, g_bytes_get_size (bytes));
          g_assert_cmpint (kontor_import_source_get_size (source), ==, g_bytes_get_size (bytes));
          g_assert_true (kontor_import_source_rewind (source, &error));
        }
    }
}

/* the source: blank rows skipped, a bad row reported and the next read,
 * a file with a header and blank rows only refused as empty */
static void
test_source (void)
{
  const char *data =
    "Vorname;Nachname;Geburtstag\r\n"
    "Anna;Müller;15.04.1980\r\n"
    ";;\r\n"
    "Ben;Bauer;31.02.1990\r\n"
    "Cem;Yılmaz;\r\n";
  g_autoptr(KontorCsvReader) reader = open_bytes (data, -1);
  g_auto(GStrv) header = kontor_csv_reader_read_row (reader, NULL, NULL);
  g_autoptr(KontorCsvMapping) mapping = kontor_csv_mapping_new ((const char * const *) header);
  g_autoptr(KontorImportSource) source = kontor_csv_source_new (g_steal_pointer (&reader), mapping);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) anna = NULL;
  g_autoptr(KontorContact) ben = NULL;
  g_autoptr(KontorContact) cem = NULL;
  guint line = 0;

  anna = kontor_import_source_next (source, &line, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpstr (kontor_contact_get_birthday (anna), ==, "1980-04-15");

  ben = kontor_import_source_next (source, &line, &error);
  g_assert_null (ben);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW);
  g_assert_cmpuint (line, ==, 4);
  g_clear_error (&error);

  cem = kontor_import_source_next (source, &line, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (line, ==, 5);
  g_assert_cmpstr (kontor_contact_get_last_name (cem), ==, "Yılmaz");
  g_assert_null (kontor_import_source_next (source, &line, &error));
  g_assert_no_error (error);

  {
    g_autoptr(KontorCsvReader) only_header = open_bytes ("Vorname;Nachname\r\n;\r\n", -1);
    g_autoptr(KontorImportSource) empty = kontor_csv_source_new (g_steal_pointer (&only_header), mapping);

    g_assert_null (kontor_import_source_next (empty, &line, &error));
    g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY);
    g_assert_true (strstr (error->message, "test.csv") != NULL);
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
  g_test_add_func ("/csv/reader/cancel", test_reader_cancel);
  g_test_add_func ("/csv/reader/samples", test_reader_samples);
  g_test_add_func ("/csv/values/dates", test_dates);
  g_test_add_func ("/csv/values/decimals", test_decimals);
  g_test_add_func ("/csv/writer/presets", test_writer);
  g_test_add_func ("/csv/mapping/guess", test_mapping_guess);
  g_test_add_func ("/csv/mapping/apply-samples", test_mapping_apply_samples);
  g_test_add_func ("/csv/mapping/apply-errors", test_mapping_apply_errors);
  g_test_add_func ("/csv/mapping/string", test_mapping_string);
  g_test_add_func ("/csv/export/round-trip", test_export_round_trip);
  g_test_add_func ("/csv/source", test_source);

  return g_test_run ();
}
