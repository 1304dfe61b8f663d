/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-csv"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kontor-csv.h"
#include "kontor-csv-mapping.h"
#include "kontor-csv-private.h"

/* libFuzzer target for the CSV reader (src/io/kontor-csv.c), which reads
 * whatever file a user picks or drops. Each input is read as a file's
 * bytes: refused with a %KONTOR_IMPORT_ERROR naming the file, or read row
 * by row, each row valid UTF-8 within the reader's limits, their lines
 * rising; the header makes a mapping, each row goes through it (a
 * contact, or a %KONTOR_IMPORT_ERROR_ROW), and each row written by the
 * writer reads back the same. The file is then read again in the other
 * encodings. Anything else aborts, as does a critical warning.
 *
 * Run by hand: see src/README.md, "Tests". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Rows read at most from one input, to keep each run short */
#define MAX_ROWS 200

static G_NORETURN void
fail (const char *what,
      const char *value)
{
  fprintf (stderr, "fuzz-csv: %s: %s\n", what, value != NULL ? value : "(null)");
  abort ();
}

static void
check_error (const GError *error)
{
  if (error == NULL || error->domain != KONTOR_IMPORT_ERROR || error->message == NULL ||
      strstr (error->message, "fuzz.csv") == NULL || error->code == KONTOR_IMPORT_ERROR_ROW)
    fail ("refused without an import error naming the file", error != NULL ? error->message : NULL);
  if (!g_utf8_validate (error->message, -1, NULL))
    fail ("message", "not UTF-8");
}

/* a field as the reader gives it back after the writer: line breaks as LF */
static char *
normalise (const char *field)
{
  GString *out = g_string_new (NULL);

  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
check_written (char **row)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(KontorCsvWriter) writer = kontor_csv_writer_new (stream, KONTOR_CSV_PRESET_RFC4180,
                                                             KONTOR_CSV_ENCODING_UTF8);
  const char *header[] = { "h", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KontorCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) back = NULL;

  /* a row of one empty field is an empty line, which the reader skips */
  if (row[0] != NULL && row[1] == NULL && *row[0] == '\0')
    return;

  if (!kontor_csv_writer_write_row (writer, header, NULL, &error) ||
      !kontor_csv_writer_write_row (writer, (const char * const *) row, NULL, &error))
    fail ("write", error->message);
  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

  reader = kontor_csv_reader_new_for_bytes (bytes, "written.csv", &error);
  if (reader == NULL)
    fail ("written, not read", error->message);
  kontor_csv_reader_set_separator (reader, ',');
  first = kontor_csv_reader_read_row (reader, NULL, &error);
  back = kontor_csv_reader_read_row (reader, NULL, &error);
  if (back == NULL)
    fail ("written row not read back", error != NULL ? error->message : NULL);
  if (g_strv_length (back) != g_strv_length (row))
    fail ("written row read back with other columns", row[0]);
  for (guint i = 0; row[i] != NULL; i++)
    {
      g_autofree char *expected = normalise (row[i]);

      if (strcmp (expected, back[i]) != 0)
        fail ("written field read back otherwise", row[i]);
    }
}

static void
read_all (KontorCsvReader *reader,
          gboolean         deep)
{
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  guint last_line = 0;
  guint n_rows = 0;
  guint line = 0;

  while (n_rows < MAX_ROWS)
    {
      g_auto(GStrv) row = kontor_csv_reader_read_row (reader, &line, &error);
      guint n_fields;

      if (row == NULL)
        break;
      n_fields = g_strv_length (row);
      n_rows++;
      if (line <= last_line)
        fail ("lines", "not rising");
      last_line = line;
      if (n_fields == 0 || n_fields > KONTOR_CSV_MAX_COLUMNS)
        fail ("columns", "out of bounds");
      for (guint i = 0; i < n_fields; i++)
        {
          if (!g_utf8_validate (row[i], -1, NULL))
            fail ("field", "not UTF-8");
          if (strlen (row[i]) > KONTOR_CSV_MAX_FIELD_BYTES + 4)
            fail ("field", "too long");
        }
      if (!deep)
        continue;

      if (mapping == NULL)
        {
          mapping = kontor_csv_mapping_new ((const char * const *) row);
          if (kontor_csv_mapping_get_n_columns (mapping) != n_fields)
            fail ("mapping", "other columns");
        }
      else
        {
          g_autoptr(GError) row_error = NULL;
          g_autoptr(KontorContact) contact = kontor_csv_mapping_apply (mapping, (const char * const *) row,
                                                                     &row_error);

          if (contact == NULL &&
              !g_error_matches (row_error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW))
            fail ("row refused without a row error", row_error != NULL ? row_error->message : NULL);
          if (contact != NULL)
            {
              g_auto(GStrv) exported = kontor_csv_export_row (contact, KONTOR_CSV_PRESET_EXCEL_DE);

              for (guint i = 0; exported[i] != NULL; i++)
                {
                  if (!g_utf8_validate (exported[i], -1, NULL))
                    fail ("exported", "not UTF-8");
                }
            }
        }

      for (guint i = 0; i < n_fields && i < 4; i++)
        {
          g_autofree char *iso = NULL;
          gint64 cents;

          if (kontor_csv_parse_date_for_year (row[i], 2026, &iso))
            {
              g_autofree char *again = NULL;
              g_autofree char *excel = kontor_csv_format_date (iso, KONTOR_CSV_PRESET_EXCEL_DE);

              if (!kontor_csv_parse_date_for_year (excel, 2026, &again) || strcmp (again, iso) != 0)
                fail ("date not read back", row[i]);
            }
          if (kontor_csv_parse_decimal_cents (row[i], &cents))
            {
              g_autofree char *text = kontor_csv_format_decimal_cents (cents, KONTOR_CSV_PRESET_EXCEL_DE);
              gint64 again = 0;

              if (!kontor_csv_parse_decimal_cents (text, &again) || again != cents)
                fail ("amount not read back", row[i]);
            }
        }

      if (n_rows <= 20)
        check_written (row);
    }

  if (error != NULL)
    check_error (error);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a failed precondition is a bug, not a message */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(KontorCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  KontorCsvEncoding guessed;

  reader = kontor_csv_reader_new_for_bytes (bytes, "fuzz.csv", &error);
  if (reader == NULL)
    {
      check_error (error);
      return 0;
    }
  if (error != NULL)
    fail ("read, and an error set", error->message);

  read_all (reader, TRUE);

  /* the user's corrections: each other encoding, then another separator */
  guessed = kontor_csv_reader_get_encoding (reader);
  for (KontorCsvEncoding e = 0; e < KONTOR_CSV_N_ENCODINGS; e++)
    {
      if (e == guessed)
        continue;
      kontor_csv_reader_set_encoding (reader, e);
      read_all (reader, FALSE);
    }
  kontor_csv_reader_set_encoding (reader, guessed);
  kontor_csv_reader_set_separator (reader, kontor_csv_reader_get_separator (reader) == ';' ? '\t' : ';');
  read_all (reader, FALSE);

  return 0;
}
