/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-csv-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-csv-mapping.h"
#include "kontor-csv-private.h"

/* The contacts of a CSV file for the import (src/README.md "CSV files"):
 * the reader's rows after the header, each through the mapping. Rows
 * whose fields are all blank (Excel writes ";;;;" for an empty row) are
 * skipped; a file with nothing but its header is
 * %KONTOR_IMPORT_ERROR_EMPTY. The source reads a copy of the mapping made
 * when it was, as it is read on a worker while the dialog stays open;
 * with the date order left to the file, its first rewind scans the
 * file's dates (kontor_csv_mapping_scan_dates()). */

#define KONTOR_TYPE_CSV_SOURCE (kontor_csv_source_get_type ())

G_DECLARE_FINAL_TYPE (KontorCsvSource, kontor_csv_source, KONTOR, CSV_SOURCE, KontorImportSource)

struct _KontorCsvSource
{
  KontorImportSource  parent_instance;

  KontorCsvReader    *reader;
  KontorCsvMapping   *mapping;
  gboolean            at_rows;   /* the header has been read */
  gboolean            any_row;   /* a row that is not blank has been read since */
  gboolean            dates_scanned;
};

G_DEFINE_FINAL_TYPE (KontorCsvSource, kontor_csv_source, KONTOR_TYPE_IMPORT_SOURCE)

static gboolean
kontor_csv_source_rewind (KontorImportSource  *source,
                          GError             **error)
{
  KontorCsvSource *self = KONTOR_CSV_SOURCE (source);
  g_auto(GStrv) header = NULL;
  GError *local_error = NULL;

  self->at_rows = FALSE;
  self->any_row = FALSE;
  if (!self->dates_scanned &&
      kontor_csv_mapping_get_date_order (self->mapping) == KONTOR_CSV_DATE_ORDER_AUTO)
    {
      /* scans from the header and starts over there */
      if (!kontor_csv_mapping_scan_dates (self->mapping, self->reader, error))
        return FALSE;
      self->dates_scanned = TRUE;
    }
  else if (!kontor_csv_reader_rewind (self->reader, error))
    return FALSE;
  kontor_import_source_set_size (source, kontor_csv_reader_get_size (self->reader));

  header = kontor_csv_reader_read_row (self->reader, NULL, &local_error);
  if (header == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY,
                     _("“%s” is empty: it holds no rows."),
                     kontor_csv_reader_get_display_name (self->reader));
      return FALSE;
    }
  self->at_rows = TRUE;

  return TRUE;
}

static gboolean
row_is_blank (char **row)
{
  for (guint i = 0; row[i] != NULL; i++)
    {
      for (const char *p = row[i]; *p != '\0'; p++)
        {
          if (!g_ascii_isspace (*p))
            return FALSE;
        }
    }

  return TRUE;
}

static KontorContact *
kontor_csv_source_next (KontorImportSource  *source,
                        guint               *line,
                        GError             **error)
{
  KontorCsvSource *self = KONTOR_CSV_SOURCE (source);

  if (!self->at_rows && !kontor_csv_source_rewind (source, error))
    return NULL;

  for (;;)
    {
      GError *local_error = NULL;
      g_auto(GStrv) row = kontor_csv_reader_read_row (self->reader, line, &local_error);
      KontorContact *contact;

      if (row == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else if (!self->any_row)
            g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY,
                         _("“%s” holds no contacts: there is nothing below its header row."),
                         kontor_csv_reader_get_display_name (self->reader));
          return NULL;
        }
      if (row_is_blank (row))
        continue;
      self->any_row = TRUE;

      contact = kontor_csv_mapping_apply (self->mapping, (const char * const *) row, &local_error);
      if (contact == NULL)
        {
          /* the mapping's reason ("Birthday: “31.02.1990” is not a
           * date."), with the file and the line, as every message of
           * an import names them */
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                       /* Translators: a file's name, a line of it, and why its row
                        * cannot be imported ("Birthday: “31.02.1990” is not a date.") */
                       _("“%s”, line %u: %s"),
                       kontor_csv_reader_get_display_name (self->reader), *line,
                       local_error->message);
          g_error_free (local_error);
        }

      return contact;
    }
}

static goffset
kontor_csv_source_get_position (KontorImportSource *source)
{
  KontorCsvSource *self = KONTOR_CSV_SOURCE (source);

  return kontor_csv_reader_get_position (self->reader);
}

static void
kontor_csv_source_finalize (GObject *object)
{
  KontorCsvSource *self = KONTOR_CSV_SOURCE (object);

  kontor_csv_reader_free (self->reader);
  g_object_unref (self->mapping);

  G_OBJECT_CLASS (kontor_csv_source_parent_class)->finalize (object);
}

static void
kontor_csv_source_class_init (KontorCsvSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorImportSourceClass *source_class = KONTOR_IMPORT_SOURCE_CLASS (klass);

  object_class->finalize = kontor_csv_source_finalize;
  source_class->rewind = kontor_csv_source_rewind;
  source_class->next = kontor_csv_source_next;
  source_class->get_position = kontor_csv_source_get_position;
}

static void
kontor_csv_source_init (KontorCsvSource *self)
{
}

/**
 * kontor_csv_source_new:
 * @reader: (transfer full): a reader; the source owns it from now on
 *   and starts it over at the first row when first read
 * @mapping: the columns' mapping; the source reads a copy, so a later
 *   change to @mapping does not reach it
 *
 * Returns: (transfer full): a source of the file's contacts
 */
KontorImportSource *
kontor_csv_source_new (KontorCsvReader  *reader,
                       KontorCsvMapping *mapping)
{
  KontorCsvSource *self;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (mapping), NULL);

  self = g_object_new (KONTOR_TYPE_CSV_SOURCE, NULL);
  self->reader = reader;
  _kontor_csv_reader_set_watcher (reader, KONTOR_IMPORT_SOURCE (self));
  self->mapping = kontor_csv_mapping_copy (mapping);
  kontor_import_source_set_display_name (KONTOR_IMPORT_SOURCE (self),
                                         kontor_csv_reader_get_display_name (reader));
  kontor_import_source_set_size (KONTOR_IMPORT_SOURCE (self), kontor_csv_reader_get_size (reader));

  return KONTOR_IMPORT_SOURCE (self);
}
