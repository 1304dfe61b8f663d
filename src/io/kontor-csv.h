/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-import-source.h"

G_BEGIN_DECLS

/* CSV files as Excel, Outlook, Google and LibreOffice write them
 * (feature I1, src/README.md "Import"): the encoding guessed (a BOM, else
 * uchardet) and the separator found (comma, semicolon, tab), RFC 4180
 * quoting with separators, quotes and line breaks inside a field, CRLF or
 * LF; and written in the presets of the export (feature I4). Errors are
 * in %KONTOR_IMPORT_ERROR, translated, naming the file and the line. */

typedef enum
{
  KONTOR_CSV_ENCODING_UTF8,
  KONTOR_CSV_ENCODING_UTF16LE,
  KONTOR_CSV_ENCODING_UTF16BE,
  KONTOR_CSV_ENCODING_WINDOWS_1252,
  KONTOR_CSV_N_ENCODINGS
} KontorCsvEncoding;

const char       *kontor_csv_encoding_get_label    (KontorCsvEncoding  encoding);

/* Reading, one row at a time */
typedef struct _KontorCsvReader KontorCsvReader;

KontorCsvReader  *kontor_csv_reader_new            (GFile             *file,
                                                    GCancellable      *cancellable,
                                                    GError           **error);
void              kontor_csv_reader_free           (KontorCsvReader   *self);
const char       *kontor_csv_reader_get_display_name (KontorCsvReader *self);
goffset           kontor_csv_reader_get_size       (KontorCsvReader   *self);
goffset           kontor_csv_reader_get_position   (KontorCsvReader   *self);
KontorCsvEncoding kontor_csv_reader_get_encoding   (KontorCsvReader   *self);
void              kontor_csv_reader_set_encoding   (KontorCsvReader   *self,
                                                    KontorCsvEncoding  encoding);
char              kontor_csv_reader_get_separator  (KontorCsvReader   *self);
void              kontor_csv_reader_set_separator  (KontorCsvReader   *self,
                                                    char               separator);
gboolean          kontor_csv_reader_rewind         (KontorCsvReader   *self,
                                                    GError           **error);
GStrv             kontor_csv_reader_read_row       (KontorCsvReader   *self,
                                                    guint             *line,
                                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorCsvReader, kontor_csv_reader_free)

/* Writing */
typedef enum
{
  KONTOR_CSV_PRESET_EXCEL_DE,   /* ";", TT.MM.JJJJ, decimal comma, CRLF */
  KONTOR_CSV_PRESET_RFC4180,    /* ",", ISO dates, decimal point, CRLF, UTF-8 */
} KontorCsvPreset;

typedef struct _KontorCsvWriter KontorCsvWriter;

KontorCsvWriter  *kontor_csv_writer_new            (GOutputStream     *stream,
                                                    KontorCsvPreset    preset,
                                                    KontorCsvEncoding  encoding);
void              kontor_csv_writer_free           (KontorCsvWriter   *self);
KontorCsvPreset   kontor_csv_writer_get_preset     (KontorCsvWriter   *self);
gboolean          kontor_csv_writer_write_row      (KontorCsvWriter   *self,
                                                    const char * const *fields,
                                                    GCancellable      *cancellable,
                                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorCsvWriter, kontor_csv_writer_free)

/* Values in the forms people type them */
gboolean          kontor_csv_parse_date            (const char        *text,
                                                    char             **iso_date);
char             *kontor_csv_format_date           (const char        *iso_date,
                                                    KontorCsvPreset    preset);
gboolean          kontor_csv_parse_decimal_cents   (const char        *text,
                                                    gint64            *cents);
char             *kontor_csv_format_decimal_cents  (gint64             cents,
                                                    KontorCsvPreset    preset);

G_END_DECLS
