/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-import-source"

#include "config.h"

#include "kontor-import-source.h"

typedef struct
{
  char    *display_name;
  goffset  size;
} KontorImportSourcePrivate;

G_DEFINE_QUARK (kontor-import-error-quark, kontor_import_error)

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KontorImportSource, kontor_import_source, G_TYPE_OBJECT)

static void
kontor_import_source_finalize (GObject *object)
{
  KontorImportSource *self = KONTOR_IMPORT_SOURCE (object);
  KontorImportSourcePrivate *priv = kontor_import_source_get_instance_private (self);

  g_free (priv->display_name);

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
