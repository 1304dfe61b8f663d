/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-csv.h"

G_BEGIN_DECLS

/* Which column of a CSV file becomes which field of a contact (feature I1,
 * src/README.md "Import"). A new mapping is guessed from the header's
 * names as German and English Outlook, Google Contacts, Excel and Kontor's
 * own export write them; each column can be set by hand or ignored. A
 * mapping is kept as text under a name and offered again for a file with
 * the same header (its header key). */

/**
 * KontorImportTarget:
 * @id: stable id, as mappings and the command line name it ("first_name",
 *   "email_work", "phone_mobile", "company", "birthday", …)
 * @label: translatable label (N_()), shown through gettext
 */
typedef struct
{
  const char *id;
  const char *label;
} KontorImportTarget;

const KontorImportTarget *kontor_import_targets    (guint             *n_targets);

#define KONTOR_TYPE_CSV_MAPPING (kontor_csv_mapping_get_type ())

G_DECLARE_FINAL_TYPE (KontorCsvMapping, kontor_csv_mapping, KONTOR, CSV_MAPPING, GObject)

/**
 * KontorCsvDateOrder:
 * @KONTOR_CSV_DATE_ORDER_AUTO: from the file: the order its dates with
 *   slashes show (kontor_csv_mapping_scan_dates()), else only the dates
 *   that can be read one way
 * @KONTOR_CSV_DATE_ORDER_DAY_FIRST: 4/5/1980 is 4 May (British)
 * @KONTOR_CSV_DATE_ORDER_MONTH_FIRST: 4/5/1980 is 5 April (American)
 *
 * How a date with slashes is read; dates with points are always day
 * first, ISO dates year first.
 */
typedef enum
{
  KONTOR_CSV_DATE_ORDER_AUTO,
  KONTOR_CSV_DATE_ORDER_DAY_FIRST,
  KONTOR_CSV_DATE_ORDER_MONTH_FIRST,
} KontorCsvDateOrder;

KontorCsvMapping *kontor_csv_mapping_new           (const char * const *header);
KontorCsvMapping *kontor_csv_mapping_new_from_string (const char * const *header,
                                                    const char        *text,
                                                    GError           **error);
char             *kontor_csv_mapping_to_string     (KontorCsvMapping  *self);
char             *kontor_csv_mapping_dup_header_key (KontorCsvMapping *self);
guint             kontor_csv_mapping_get_n_columns (KontorCsvMapping  *self);
const char       *kontor_csv_mapping_get_header    (KontorCsvMapping  *self,
                                                    guint              column);
const char       *kontor_csv_mapping_get_target    (KontorCsvMapping  *self,
                                                    guint              column);
void              kontor_csv_mapping_set_target    (KontorCsvMapping  *self,
                                                    guint              column,
                                                    const char        *target_id);
KontorCsvDateOrder kontor_csv_mapping_get_date_order (KontorCsvMapping *self);
void              kontor_csv_mapping_set_date_order (KontorCsvMapping *self,
                                                    KontorCsvDateOrder order);
gboolean          kontor_csv_mapping_scan_dates    (KontorCsvMapping  *self,
                                                    KontorCsvReader   *reader,
                                                    GError           **error);
KontorCsvDateOrder kontor_csv_mapping_get_file_date_order (KontorCsvMapping *self,
                                                    guint              column);
gboolean          kontor_csv_mapping_has_date_column (KontorCsvMapping *self);
KontorContact    *kontor_csv_mapping_apply         (KontorCsvMapping  *self,
                                                    const char * const *row,
                                                    GError           **error);

/* The export's columns, and a contact as one row of them */
GStrv             kontor_csv_export_header         (void);
GStrv             kontor_csv_export_row            (KontorContact     *contact,
                                                    KontorCsvPreset    preset);

/* A source of contacts for an import: the reader's rows after its header,
 * through the mapping */
KontorImportSource *kontor_csv_source_new          (KontorCsvReader   *reader,
                                                    KontorCsvMapping  *mapping);

G_END_DECLS
