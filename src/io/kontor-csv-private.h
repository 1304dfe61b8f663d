/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-csv.h"
#include "kontor-csv-mapping.h"

G_BEGIN_DECLS

/* The limits of the reader (src/README.md "CSV files"): beyond them a
 * file is refused with %KONTOR_IMPORT_ERROR_TOO_LARGE */
#define KONTOR_CSV_MAX_COLUMNS 1000
#define KONTOR_CSV_MAX_FIELD_BYTES (256 * 1024)
/* ... and all fields of a row together, so that a row of a thousand
 * large fields does not take a quarter of a gigabyte */
#define KONTOR_CSV_MAX_ROW_BYTES (4 * 1024 * 1024)

/* How many bytes of the start of a file guess its encoding and separator */
#define KONTOR_CSV_SAMPLE_BYTES (64 * 1024)

/* For the fuzzer and the tests: a reader over bytes in memory, as if they
 * were a file named @display_name */
KontorCsvReader  *kontor_csv_reader_new_for_bytes  (GBytes            *bytes,
                                                    const char        *display_name,
                                                    GError           **error);

/* For KontorCsvSource: the bytes the reader reads from its next opening
 * on make @source's stamp (kontor_import_source_watch_stream()) */
void              _kontor_csv_reader_set_watcher   (KontorCsvReader    *self,
                                                    KontorImportSource *source);

/* kontor_csv_parse_date() with the year that decides two-digit years
 * given, so that tests do not depend on today */
gboolean          kontor_csv_parse_date_for_year   (const char        *text,
                                                    int                this_year,
                                                    char             **iso_date);

/* ... and a date with slashes read in @order: day/month/year or
 * month/day/year; with %KONTOR_CSV_DATE_ORDER_AUTO only when the numbers
 * allow one order ("4/15/2024", not "4/5/2024") */
gboolean          kontor_csv_parse_date_in_order   (const char        *text,
                                                    int                this_year,
                                                    KontorCsvDateOrder order,
                                                    char             **iso_date);

/* For the CSV source: a mapping of its own, as it is read on a worker
 * while the dialog may still change the one it was made from */
KontorCsvMapping *kontor_csv_mapping_copy          (KontorCsvMapping  *self);

G_END_DECLS
