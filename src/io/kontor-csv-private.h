/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-csv.h"

G_BEGIN_DECLS

/* The limits of the reader (src/README.md "CSV files"): beyond them a
 * file is refused with %KONTOR_IMPORT_ERROR_TOO_LARGE */
#define KONTOR_CSV_MAX_COLUMNS 1000
#define KONTOR_CSV_MAX_FIELD_BYTES (256 * 1024)

/* How many bytes of the start of a file guess its encoding and separator */
#define KONTOR_CSV_SAMPLE_BYTES (64 * 1024)

/* For the fuzzer and the tests: a reader over bytes in memory, as if they
 * were a file named @display_name */
KontorCsvReader  *kontor_csv_reader_new_for_bytes  (GBytes            *bytes,
                                                    const char        *display_name,
                                                    GError           **error);

/* kontor_csv_parse_date() with the year that decides two-digit years
 * given, so that tests do not depend on today */
gboolean          kontor_csv_parse_date_for_year   (const char        *text,
                                                    int                this_year,
                                                    char             **iso_date);

G_END_DECLS
