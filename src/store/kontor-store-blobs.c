/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-store-blobs.h"

/*
 * The files attached to activities (feature A5, src/README.md
 * "Attachments") are kept in a folder beside the database, named after
 * it ("kontor.db" keeps them in "kontor.db-files"), so that two profiles
 * in one folder never share or collect each other's files. A file is
 * named by its SHA-256 in lower-case hex, under a folder of its first two
 * digits: the same file attached twice is kept once. The blob table
 * (schema 20) lists them.
 */

/**
 * kontor_blob_hash_is_valid:
 * @sha256: (nullable): a text
 *
 * Returns: whether @sha256 is a SHA-256 in 64 lower-case hex digits, the
 *   only names a kept file may have
 */
gboolean
kontor_blob_hash_is_valid (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;

  for (const char *c = sha256; *c != '\0'; c++)
    {
      if (!g_ascii_isdigit (*c) && !(*c >= 'a' && *c <= 'f'))
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_store_dup_blob_folder:
 * @self: a store
 *
 * Returns: (transfer full): the folder of @self's kept files; it may not
 *   exist yet
 */
char *
kontor_store_dup_blob_folder (KontorStore *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return g_strconcat (kontor_store_get_path (self), "-files", NULL);
}

/**
 * kontor_store_dup_blob_path:
 * @self: a store
 * @sha256: a valid hash (kontor_blob_hash_is_valid())
 *
 * Returns: (transfer full): where the file of @sha256 is kept
 */
char *
kontor_store_dup_blob_path (KontorStore *self,
                            const char  *sha256)
{
  g_autofree char *folder = NULL;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (kontor_blob_hash_is_valid (sha256), NULL);

  folder = kontor_store_dup_blob_folder (self);
  prefix = g_strndup (sha256, 2);

  return g_build_filename (folder, prefix, sha256, NULL);
}
