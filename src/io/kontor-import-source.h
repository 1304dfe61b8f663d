/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-contact.h"

G_BEGIN_DECLS

/* KontorImportSource: the contacts of a file another program wrote (a CSV
 * through a column mapping, a vCard file), read one at a time, so an
 * import of 100,000 rows never holds them all (src/README.md "Import").
 * The import reads a source twice: once to plan it (count the rows, list
 * the bad ones, find duplicates), once to write it;
 * kontor_import_source_rewind() starts it over. A source is used by one
 * thread at a time: made on the main thread, read on a worker. */

#define KONTOR_IMPORT_ERROR (kontor_import_error_quark ())

/**
 * KontorImportError:
 * @KONTOR_IMPORT_ERROR_ROW: this row or card cannot be read; the import
 *   lists it with its line and goes on with the next
 * @KONTOR_IMPORT_ERROR_EMPTY: the file holds no row or card
 * @KONTOR_IMPORT_ERROR_NOT_TEXT: not text, or not in an encoding Kontor
 *   reads (a binary file, an unknown charset)
 * @KONTOR_IMPORT_ERROR_TOO_LARGE: beyond what an import takes (the file,
 *   a row's columns, a field)
 * @KONTOR_IMPORT_ERROR_SYNTAX: the file ends in the middle of something
 *   (a vCard without END, a quote never closed)
 * @KONTOR_IMPORT_ERROR_READ: the file vanished or cannot be read
 *
 * Every code but %KONTOR_IMPORT_ERROR_ROW ends the read. Every message is
 * translated and names the file and, where there is one, the line.
 */
typedef enum
{
  KONTOR_IMPORT_ERROR_ROW,
  KONTOR_IMPORT_ERROR_EMPTY,
  KONTOR_IMPORT_ERROR_NOT_TEXT,
  KONTOR_IMPORT_ERROR_TOO_LARGE,
  KONTOR_IMPORT_ERROR_SYNTAX,
  KONTOR_IMPORT_ERROR_READ,
} KontorImportError;

GQuark kontor_import_error_quark (void);

#define KONTOR_TYPE_IMPORT_SOURCE (kontor_import_source_get_type ())

G_DECLARE_DERIVABLE_TYPE (KontorImportSource, kontor_import_source, KONTOR, IMPORT_SOURCE, GObject)

/**
 * KontorImportSourceClass:
 * @rewind: starts the read over at the first row
 * @next: the next contact; see kontor_import_source_next()
 * @get_position: bytes of the file read so far
 */
struct _KontorImportSourceClass
{
  GObjectClass parent_class;

  gboolean        (*rewind)       (KontorImportSource  *self,
                                   GError             **error);
  KontorContact  *(*next)         (KontorImportSource  *self,
                                   guint               *line,
                                   GError             **error);
  goffset         (*get_position) (KontorImportSource  *self);
};

const char     *kontor_import_source_get_display_name (KontorImportSource  *self);
void            kontor_import_source_set_display_name (KontorImportSource  *self,
                                                       const char          *display_name);
goffset         kontor_import_source_get_size         (KontorImportSource  *self);
void            kontor_import_source_set_size         (KontorImportSource  *self,
                                                       goffset              size);
goffset         kontor_import_source_get_position     (KontorImportSource  *self);
gboolean        kontor_import_source_rewind           (KontorImportSource  *self,
                                                       GError             **error);
KontorContact  *kontor_import_source_next             (KontorImportSource  *self,
                                                       guint               *line,
                                                       GError             **error);

GInputStream   *kontor_import_source_watch_stream     (KontorImportSource  *self,
                                                       GInputStream        *stream);
char           *kontor_import_source_dup_opened_stamp (KontorImportSource  *self);
char           *kontor_import_source_dup_stamp        (KontorImportSource  *self);

G_END_DECLS
