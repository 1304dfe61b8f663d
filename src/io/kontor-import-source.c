/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-import-source"

#include "config.h"

#include "kontor-import-source.h"

typedef struct
{
  char      *display_name;
  goffset    size;

  /* what was read since the file was last opened (kontor_import_source_watch_stream()) */
  GChecksum *checksum;
  goffset    stamp_size;
  gint64     stamp_modified;   /* µs since the epoch, 0 when not known */
} KontorImportSourcePrivate;

/* ── KontorDigestStream: the bytes read through it into a checksum ── */

#define KONTOR_TYPE_DIGEST_STREAM (kontor_digest_stream_get_type ())
G_DECLARE_FINAL_TYPE (KontorDigestStream, kontor_digest_stream, KONTOR, DIGEST_STREAM,
                      GFilterInputStream)

struct _KontorDigestStream
{
  GFilterInputStream  parent_instance;

  GChecksum          *checksum;   /* the source's, which outlives the read */
};

G_DEFINE_FINAL_TYPE (KontorDigestStream, kontor_digest_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
kontor_digest_stream_read (GInputStream  *stream,
                           void          *buffer,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  KontorDigestStream *self = KONTOR_DIGEST_STREAM (stream);
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n = g_input_stream_read (base, buffer, count, cancellable, error);

  if (n > 0)
    g_checksum_update (self->checksum, buffer, n);

  return n;
}

/* A skip reads too: every byte of the file goes into the digest */
static gssize
kontor_digest_stream_skip (GInputStream  *stream,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  guint8 buffer[8192];
  gsize done = 0;

  while (done < count)
    {
      gssize n = kontor_digest_stream_read (stream, buffer, MIN (sizeof buffer, count - done),
                                            cancellable, error);

      if (n < 0)
        return done > 0 ? (gssize) done : -1;
      if (n == 0)
        break;
      done += n;
    }

  return done;
}

static void
kontor_digest_stream_class_init (KontorDigestStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = kontor_digest_stream_read;
  stream_class->skip = kontor_digest_stream_skip;
}

static void
kontor_digest_stream_init (KontorDigestStream *self)
{
}

G_DEFINE_QUARK (kontor-import-error-quark, kontor_import_error)

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KontorImportSource, kontor_import_source, G_TYPE_OBJECT)

static void
kontor_import_source_finalize (GObject *object)
{
  KontorImportSource *self = KONTOR_IMPORT_SOURCE (object);
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);

  g_free (priv->display_name);
  g_clear_pointer (&priv->checksum, g_checksum_free);

  G_OBJECT_CLASS (kontor_import_source_parent_class)->finalize (object);
}

static void
kontor_import_source_class_init (KontorImportSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_import_source_finalize;
}

static void
kontor_import_source_init (KontorImportSource *self)
{
}

/**
 * kontor_import_source_get_display_name:
 * @self: a source
 *
 * Returns: the file's name as messages name it
 */
const char *
kontor_import_source_get_display_name (KontorImportSource *self)
{
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);

  g_return_val_if_fail (KONTOR_IS_IMPORT_SOURCE (self), NULL);

  return priv->display_name;
}

/* For the subclasses: the name messages give the file */
void
kontor_import_source_set_display_name (KontorImportSource *self,
                                       const char         *display_name)
{
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);

  g_return_if_fail (KONTOR_IS_IMPORT_SOURCE (self));

  g_free (priv->display_name);
  priv->display_name = g_strdup (display_name);
}

/**
 * kontor_import_source_get_size:
 * @self: a source
 *
 * Returns: the file's size in bytes, 0 when not known
 */
goffset
kontor_import_source_get_size (KontorImportSource *self)
{
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);

  g_return_val_if_fail (KONTOR_IS_IMPORT_SOURCE (self), 0);

  return priv->size;
}

/* For the subclasses: the file's size, for progress */
void
kontor_import_source_set_size (KontorImportSource *self,
                               goffset             size)
{
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);

  g_return_if_fail (KONTOR_IS_IMPORT_SOURCE (self));

  priv->size = size;
}

/**
 * kontor_import_source_get_position:
 * @self: a source
 *
 * Returns: the bytes read so far, for progress against
 *   kontor_import_source_get_size()
 */
goffset
kontor_import_source_get_position (KontorImportSource *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_SOURCE (self), 0);

  return KONTOR_IMPORT_SOURCE_GET_CLASS (self)->get_position (self);
}

/**
 * kontor_import_source_rewind:
 * @self: a source
 * @error: return location for a #GError in %KONTOR_IMPORT_ERROR
 *
 * Starts the read over at the first row, reading the file again (it may
 * have changed or vanished since).
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_import_source_rewind (KontorImportSource  *self,
                             GError             **error)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_SOURCE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return KONTOR_IMPORT_SOURCE_GET_CLASS (self)->rewind (self, error);
}

/**
 * kontor_import_source_next:
 * @self: a source
 * @line: (out): the line of the file where the contact's row or card
 *   starts, counted from 1
 * @error: return location for a #GError in %KONTOR_IMPORT_ERROR
 *
 * Reads the next contact as it will be stored: its fields set, the
 * company's name in #KontorContact:company-name and no company id, its
 * status left at the default (the import decides it).
 *
 * Returns: (transfer full) (nullable): the contact; %NULL at the end
 *   with no @error, %NULL with %KONTOR_IMPORT_ERROR_ROW for a row that
 *   cannot be read (call again for the next), %NULL with another code
 *   when the read ends
 */
KontorContact *
kontor_import_source_next (KontorImportSource  *self,
                           guint               *line,
                           GError             **error)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_SOURCE (self), NULL);
  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *line = 0;

  return KONTOR_IMPORT_SOURCE_GET_CLASS (self)->next (self, line, error);
}

/**
 * kontor_import_source_watch_stream:
 * @self: a source
 * @stream: (transfer none): the file's bytes as opened just now
 *
 * For the subclasses, each time they open the file: the bytes read
 * through the returned stream make the source's stamp
 * (kontor_import_source_dup_stamp()), with the file's size and time of
 * change when @stream is a #GFileInputStream. Starts the stamp over.
 *
 * Returns: (transfer full): the stream to read from instead of @stream
 */
GInputStream *
kontor_import_source_watch_stream (KontorImportSource *self,
                                   GInputStream       *stream)
{
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);
  KontorDigestStream *digest;

  g_return_val_if_fail (KONTOR_IS_IMPORT_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  if (priv->checksum == NULL)
    priv->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  else
    g_checksum_reset (priv->checksum);
  priv->stamp_size = -1;
  priv->stamp_modified = 0;

  if (G_IS_FILE_INPUT_STREAM (stream))
    {
      g_autoptr(GFileInfo) info =
        g_file_input_stream_query_info (G_FILE_INPUT_STREAM (stream),
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, NULL, NULL);

      if (info != NULL)
        {
          priv->stamp_size = g_file_info_get_size (info);
          priv->stamp_modified =
            (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) *
            G_USEC_PER_SEC +
            g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
        }
    }

  digest = g_object_new (KONTOR_TYPE_DIGEST_STREAM, "base-stream", stream, NULL);
  digest->checksum = priv->checksum;

  return G_INPUT_STREAM (digest);
}

/**
 * kontor_import_source_dup_opened_stamp:
 * @self: a source
 *
 * Returns: (transfer full) (nullable): the size and time of change of the
 *   file as it was last opened, as text; %NULL when the source does not
 *   watch its file
 */
char *
kontor_import_source_dup_opened_stamp (KontorImportSource *self)
{
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);

  g_return_val_if_fail (KONTOR_IS_IMPORT_SOURCE (self), NULL);

  if (priv->checksum == NULL)
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          (gint64) priv->stamp_size, priv->stamp_modified);
}

/**
 * kontor_import_source_dup_stamp:
 * @self: a source
 *
 * What tells whether the file is the same as at another read (feature I3:
 * the run applies the plan's decisions by line, so it refuses a file that
 * changed in between): its size and time of change when it was opened,
 * and the SHA-256 digest of the bytes read since. Call it at the end of
 * the file.
 *
 * Returns: (transfer full) (nullable): the stamp as text; %NULL when the
 *   source does not watch its file
 */
char *
kontor_import_source_dup_stamp (KontorImportSource *self)
{
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);
  g_autofree char *opened = kontor_import_source_dup_opened_stamp (self);
  g_autoptr(GChecksum) copy = NULL;

  if (opened == NULL)
    return NULL;

  /* the digest so far, without ending the one being made */
  copy = g_checksum_copy (priv->checksum);

  return g_strconcat (opened, ":", g_checksum_get_string (copy), NULL);
}
