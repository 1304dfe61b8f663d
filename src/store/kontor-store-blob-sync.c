/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kontor-activity.h"
#include "kontor-store-blob-sync.h"
#include "kontor-store-blobs.h"
#include "kontor-store-db.h"

/*
 * The files of the activities between this machine and the team server
 * (src/README.md "Sync", src/protocol/PROTOCOL.md "Blobs"). The blob
 * table (schema 20) lists the files kept here, "uploaded" those the
 * server has. Two lists come from it and from the activities' attachments:
 *
 * - to upload: kept here, not uploaded, and named by an activity (a file
 *   attached and taken off again before a sync never leaves the machine);
 * - to download: named by an activity and not kept here; a pull brought
 *   the activity, the file follows.
 *
 * Both read the attachments of every activity that has any, one pass
 * over the activity table without an index of the hashes; so the upload
 * list first asks whether any file waits at all, and the engine asks for
 * the download list only after activities came or a file did not.
 *
 * A download goes to a temporary file in the folder where the file is to
 * be kept (kontor_store_dup_blob_path ()), hashed as it is written; only
 * a whole file whose SHA-256 is its name is synced to disk, renamed into
 * place (atomic: a reader finds the whole file or none) and entered in
 * the blob table as uploaded, since the server has it. Anything else
 * leaves nothing behind, and the next sync tries again.
 */

void
kontor_blob_ref_free (KontorBlobRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->sha256);
  g_free (ref);
}

static KontorBlobRef *
blob_ref_new (const char *sha256,
              gint64      size)
{
  KontorBlobRef *ref = g_new0 (KontorBlobRef, 1);

  ref->sha256 = g_strdup (sha256);
  ref->size = size;

  return ref;
}

static int
compare_refs (gconstpointer a,
              gconstpointer b)
{
  const KontorBlobRef *ref_a = *(KontorBlobRef * const *) a;
  const KontorBlobRef *ref_b = *(KontorBlobRef * const *) b;

  return strcmp (ref_a->sha256, ref_b->sha256);
}

/* The files kept here that something names (an activity, or an answer
 * to a conflict the user may still keep) and the team server does not
 * have: with @refused, also those it refused for good */
static GPtrArray *
list_to_upload (KontorStore  *self,
                gboolean      refused,
                GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_blob_ref_free);
  g_autoptr(GHashTable) named = NULL;
  sqlite3_stmt *stmt;
  int result;

  /* at almost every push, nothing is waiting: the activities are not
   * read then */
  stmt = _kontor_store_prepare (self, refused
                                      ? "SELECT 1 FROM blob WHERE uploaded <> 1 LIMIT 1"
                                      : "SELECT 1 FROM blob WHERE uploaded = 0 LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  result = _kontor_store_step_one (self, stmt, NULL, NULL, error);
  if (result <= 0)
    return result < 0 ? NULL : g_steal_pointer (&list);

  named = _kontor_store_dup_named_blobs (self, KONTOR_BLOBS_NAMED_CONFLICTS, error);
  if (named == NULL)
    return NULL;
  if (g_hash_table_size (named) == 0)
    return g_steal_pointer (&list);

  stmt = _kontor_store_prepare (self, refused
                                      ? "SELECT sha256, size, uploaded FROM blob"
                                        " WHERE uploaded <> 1 ORDER BY sha256"
                                      : "SELECT sha256, size, uploaded FROM blob"
                                        " WHERE uploaded = 0 ORDER BY sha256", error);
  if (stmt == NULL)
    return NULL;
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 0);

      if (sha256 != NULL && g_hash_table_contains (named, sha256))
        {
          KontorBlobRef *ref = blob_ref_new (sha256, sqlite3_column_int64 (stmt, 1));

          ref->refused = sqlite3_column_int (stmt, 2) == KONTOR_BLOB_REFUSED;
          g_ptr_array_add (list, ref);
        }
    }
  sqlite3_reset (stmt);

  return result < 0 ? NULL : g_steal_pointer (&list);
}

/**
 * kontor_store_list_blobs_to_upload:
 * @self: a store
 * @error: return location for a #GError
 *
 * For saying which files did not reach the team server (the sync
 * indicator): those it refused for good are in the list, with
 * #KontorBlobRef.refused.
 *
 * Returns: (transfer full) (element-type KontorBlobRef): the files kept
 *   here that an activity (or an undecided conflict) names and the team
 *   server does not have, each once, by hash, with the size the blob
 *   table says
 */
GPtrArray *
kontor_store_list_blobs_to_upload (KontorStore  *self,
                                   GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return list_to_upload (self, TRUE, error);
}

/**
 * kontor_store_list_blobs_to_send:
 * @self: a store
 * @error: return location for a #GError
 *
 * kontor_store_list_blobs_to_upload () without the files the server
 * refused for good: what the sync sends before a push.
 *
 * Returns: (transfer full) (element-type KontorBlobRef): the files to send
 */
GPtrArray *
kontor_store_list_blobs_to_send (KontorStore  *self,
                                 GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return list_to_upload (self, FALSE, error);
}

/**
 * kontor_store_set_blob_refused:
 * @self: a store
 * @sha256: a file kept here
 * @error: return location for a #GError
 *
 * Notes that the team server refused the file @sha256 for good (too
 * large, or its bytes are not the ones its name says): it is not sent
 * again, until it is attached again (kontor_store_add_blob ()).
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_set_blob_refused (KontorStore  *self,
                               const char   *sha256,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (kontor_blob_hash_is_valid (sha256), FALSE);

  stmt = _kontor_store_prepare (self, "UPDATE blob SET uploaded = 2 WHERE sha256 = ?1"
                                      " AND uploaded = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * kontor_store_set_blob_uploaded:
 * @self: a store
 * @sha256: a file kept here
 * @error: return location for a #GError
 *
 * Notes that the team server has the file @sha256.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_set_blob_uploaded (KontorStore  *self,
                                const char   *sha256,
                                GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (kontor_blob_hash_is_valid (sha256), FALSE);

  stmt = _kontor_store_prepare (self, "UPDATE blob SET uploaded = 1 WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * kontor_store_list_blobs_to_download:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorBlobRef): the files an
 *   activity here names whose file is not here (whatever the blob
 *   table says), each once, by hash, with
 *   the size the (first) attachment says
 */
GPtrArray *
kontor_store_list_blobs_to_download (KontorStore  *self,
                                     GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_blob_ref_free);
  g_autoptr(GHashTable) named = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  named = _kontor_store_dup_named_blobs (self, KONTOR_BLOBS_NAMED_ACTIVITIES, error);
  if (named == NULL)
    return NULL;

  /* kept is a file in its place, whatever the blob table says: a backup
   * restored without its folder, or a database moved without it, gets
   * its files again */
  g_hash_table_iter_init (&iter, named);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!kontor_store_has_blob (self, key))
        g_ptr_array_add (list, blob_ref_new (key, *(gint64 *) value));
    }
  g_ptr_array_sort (list, compare_refs);

  return g_steal_pointer (&list);
}

/* ------------------------------------------------------------------------ */
/* A download */

struct _KontorBlobDownload
{
  KontorStore *store;
  char        *sha256;
  gint64       expected;   /* the attachment's size; -1 unknown */
  char        *path;       /* where it is to be kept */
  char        *temp_path;  /* where it is written; %NULL once moved or removed */
  int          fd;
  GChecksum   *checksum;
  gint64       written;
};

static void
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  /* Translators: the first %s is a file, the second why it failed */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write the attached file “%s”: %s"), display,
               g_strerror (saved_errno));
}

/**
 * kontor_store_begin_blob_download:
 * @self: a store
 * @sha256: the file's hash
 * @size: the size its attachment says, -1 if it says none; a download
 *   that grows beyond it is refused
 * @error: return location for a #GError
 *
 * Opens a temporary file beside where @sha256 is to be kept.
 *
 * Returns: (transfer full) (nullable): the download, to be written
 *   (kontor_blob_download_write()) and finished
 *   (kontor_blob_download_finish()); freed unfinished, it leaves nothing
 */
KontorBlobDownload *
kontor_store_begin_blob_download (KontorStore  *self,
                                  const char   *sha256,
                                  gint64        size,
                                  GError      **error)
{
  g_autoptr(KontorBlobDownload) download = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (kontor_blob_hash_is_valid (sha256), NULL);

  download = g_new0 (KontorBlobDownload, 1);
  download->fd = -1;
  download->store = g_object_ref (self);
  download->sha256 = g_strdup (sha256);
  download->expected = size;
  download->path = kontor_store_dup_blob_path (self, sha256);
  download->checksum = g_checksum_new (G_CHECKSUM_SHA256);

  folder = g_path_get_dirname (download->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      set_errno_error (error, errno, folder);
      return NULL;
    }
  /* a dot file of its own: never taken for a kept file */
  name = g_strdup_printf (".%s-XXXXXX", sha256);
  download->temp_path = g_build_filename (folder, name, NULL);
  download->fd = g_mkstemp_full (download->temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (download->fd < 0)
    {
      set_errno_error (error, errno, download->temp_path);
      g_clear_pointer (&download->temp_path, g_free);
      return NULL;
    }

  return g_steal_pointer (&download);
}

/**
 * kontor_blob_download_write:
 * @self: a download
 * @data: (array length=length): the next bytes
 * @length: how many
 * @error: return location for a #GError
 *
 * Returns: %TRUE when they were written; %FALSE when the disk refused
 *   them, or the file grew beyond its attachment's size
 */
gboolean
kontor_blob_download_write (KontorBlobDownload  *self,
                            const void          *data,
                            gsize                length,
                            GError             **error)
{
  int saved_errno = 0;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  if (self->expected >= 0 && self->written + (gint64) length > self->expected)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The team server sent more of the attached file %s than its record "
                     "says it holds."), self->sha256);
      return FALSE;
    }

  if (!_kontor_blob_write_all (self->fd, data, length, &saved_errno))
    {
      set_errno_error (error, saved_errno, self->temp_path);
      return FALSE;
    }
  g_checksum_update (self->checksum, data, length);
  self->written += length;

  return TRUE;
}

/**
 * kontor_blob_download_finish:
 * @self: a download, every byte written
 * @error: return location for a #GError
 *
 * Checks that the file is the one its hash names, then puts it in place
 * and lists it in the blob table as kept here and on the server.
 *
 * Returns: %TRUE when it is kept; %FALSE when it was not the file (the
 *   temporary file is removed when @self is freed)
 */
gboolean
kontor_blob_download_finish (KontorBlobDownload  *self,
                             GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  if (g_strcmp0 (g_checksum_get_string (self->checksum), self->sha256) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The attached file %s came from the team server changed or cut off; "
                     "Kontor will fetch it again."), self->sha256);
      return FALSE;
    }

  /* read-only, and on disk, before its name says it is there */
  if (fchmod (self->fd, KONTOR_BLOB_MODE) != 0 || fsync (self->fd) != 0)
    {
      set_errno_error (error, errno, self->temp_path);
      return FALSE;
    }
  if (close (self->fd) != 0)
    {
      int saved_errno = errno;

      self->fd = -1;
      set_errno_error (error, saved_errno, self->temp_path);
      return FALSE;
    }
  self->fd = -1;
  if (g_rename (self->temp_path, self->path) != 0)
    {
      set_errno_error (error, errno, self->path);
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);

  stmt = _kontor_store_prepare (self->store,
                                "INSERT INTO blob (sha256, size, uploaded) VALUES (?1, ?2, 1)"
                                " ON CONFLICT (sha256) DO UPDATE SET uploaded = 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, self->written);

  return _kontor_store_step_done (self->store, stmt, error);
}

void
kontor_blob_download_free (KontorBlobDownload *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  if (self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self->sha256);
  g_clear_pointer (&self->checksum, g_checksum_free);
  g_clear_object (&self->store);
  g_free (self);
}

/**
 * kontor_store_dup_attachment_name:
 * @self: a store
 * @sha256: a file's hash
 *
 * For saying which file a message is about.
 *
 * Returns: (transfer full) (nullable): the name an activity gives the file
 *   of @sha256, %NULL when none names it
 */
char *
kontor_store_dup_attachment_name (KontorStore *self,
                                  const char  *sha256)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT json_extract (f.value, '$.name')"
                                " FROM activity a, json_each (a.attachments) f"
                                " WHERE a.attachments IS NOT NULL AND json_valid (a.attachments)"
                                " AND json_extract (f.value, '$.sha256') = ?1 LIMIT 1",
                                NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, NULL, &name, NULL) <= 0)
    return NULL;

  return name;
}
