/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kontor-error.h"
#include "kontor-store-blobs.h"
#include "kontor-store-db.h"

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
  /* the model's rule (kontor-activity.c), the same for every caller */
  return kontor_attachment_hash_is_valid (sha256);
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

/*
 * Adding a file (kontor_store_add_blob_async()): a worker reads it in
 * pieces, hashing as it copies them into a temporary file in the blob
 * folder (".add-XXXXXX", never a valid hash, so nothing takes it for a
 * kept file), syncs it to the disk and renames it to its hash: the rename
 * is atomic, so a kept file is always whole, and the same file twice
 * replaces itself with the same bytes. On any failure the temporary file
 * is removed. The worker touches no database: the blob row is written on
 * the main thread when the task finishes, as the store's connection
 * wants (src/README.md "Threading").
 */

#define COPY_CHUNK (64 * 1024)

typedef struct
{
  GFile    *file;
  char     *folder;
  gboolean  allow_large;
} AddData;

static void
add_data_free (AddData *data)
{
  g_object_unref (data->file);
  g_free (data->folder);
  g_free (data);
}

static void
set_file_error (GError     **error,
                const char  *name,
                const char  *reason)
{
  g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_IO,
               /* Translators: %s is a file name, the second %s why it failed */
               _("The file “%s” could not be attached: %s"), name, reason);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len,
           int         *saved_errno)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }

  return TRUE;
}

/**
 * _kontor_blob_keep_file:
 * @file: the file to attach
 * @folder: the store's blob folder (kontor_store_dup_blob_folder())
 * @allow_large: whether a file above %KONTOR_ATTACHMENT_LARGE_SIZE may be
 *   kept (the user agreed)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Copies @file into @folder under its SHA-256 (see above). Blocking, for
 * a worker; touches no database.
 *
 * Returns: (transfer full) (nullable): the file as an attachment
 */
KontorAttachment *
_kontor_blob_keep_file (GFile         *file,
                        const char    *folder,
                        gboolean       allow_large,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *template = NULL;
  g_autofree char *prefix_folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *buffer = NULL;
  const char *content_type;
  gint64 size = 0;
  int fd = -1;
  int saved_errno = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  name = g_file_get_basename (file);
  if (info != NULL)
    {
      g_free (name);
      name = g_strdup (g_file_info_get_display_name (info));
    }
  if (info == NULL)
    {
      set_file_error (error, name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      set_file_error (error, name, _("it is not a file."));
      return NULL;
    }
  if (!allow_large && g_file_info_get_size (info) > KONTOR_ATTACHMENT_LARGE_SIZE)
    {
      g_autofree char *shown = g_format_size (g_file_info_get_size (info));

      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                   /* Translators: %s is a file name, the second %s its size ("40 MB") */
                   _("The file “%s” is %s; a file that large is attached only when asked."),
                   name, shown);
      return NULL;
    }

  input = g_file_read (file, cancellable, &local_error);
  if (input == NULL)
    {
      set_file_error (error, name, local_error->message);
      return NULL;
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      saved_errno = errno;
      set_file_error (error, name, g_strerror (saved_errno));
      return NULL;
    }

  template = g_build_filename (folder, ".add-XXXXXX", NULL);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      set_file_error (error, name, g_strerror (saved_errno));
      return NULL;
    }

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  buffer = g_malloc (COPY_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, COPY_CHUNK, cancellable,
                                      &local_error);

      if (n < 0)
        {
          set_file_error (error, name, local_error->message);
          goto fail;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, (const guchar *) buffer, n);
      if (!write_all (fd, buffer, (gsize) n, &saved_errno))
        {
          set_file_error (error, name, g_strerror (saved_errno));
          goto fail;
        }
      size += n;
    }

  if (fsync (fd) != 0 || close (fd) != 0)
    {
      saved_errno = errno;
      fd = -1;
      set_file_error (error, name, g_strerror (saved_errno));
      goto fail;
    }
  fd = -1;

  {
    const char *sha256 = g_checksum_get_string (checksum);
    g_autofree char *prefix = g_strndup (sha256, 2);

    prefix_folder = g_build_filename (folder, prefix, NULL);
    path = g_build_filename (prefix_folder, sha256, NULL);
    if (g_mkdir_with_parents (prefix_folder, 0700) != 0 || g_rename (template, path) != 0)
      {
        saved_errno = errno;
        set_file_error (error, name, g_strerror (saved_errno));
        goto fail;
      }

    content_type = g_file_info_get_content_type (info);
    return kontor_attachment_new (sha256, name, size, content_type);
  }

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (template);
  return NULL;
}

static void
add_blob_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AddData *data = task_data;
  GError *error = NULL;
  KontorAttachment *attachment = _kontor_blob_keep_file (data->file, data->folder,
                                                         data->allow_large, cancellable, &error);

  if (attachment == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, attachment, (GDestroyNotify) kontor_attachment_free);
}

/**
 * kontor_store_add_blob_async:
 * @self: a store
 * @file: the file to attach
 * @allow_large: whether a file above %KONTOR_ATTACHMENT_LARGE_SIZE may be
 *   kept; the UI asks the user first (kontor_store_blob_is_large())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Keeps a copy of @file beside the database under its SHA-256 (feature
 * A5), on a worker. The activity that refers to it is saved by the
 * caller; a kept file that no activity names is collected at the next
 * start (kontor_store_collect_blobs()).
 */
void
kontor_store_add_blob_async (KontorStore         *self,
                             GFile               *file,
                             gboolean             allow_large,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (KONTOR_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (AddData, 1);
  data->file = g_object_ref (file);
  data->folder = kontor_store_dup_blob_folder (self);
  data->allow_large = allow_large;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kontor_store_add_blob_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_blob_thread);
}

static gboolean
note_blob (KontorStore             *self,
           const KontorAttachment  *attachment,
           GError                 **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, "INSERT INTO blob (sha256, size)"
                                              " VALUES (?1, ?2) ON CONFLICT DO NOTHING", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, attachment->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, attachment->size);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * kontor_store_add_blob_finish:
 * @self: a store
 * @result: the result
 * @error: return location for a #GError
 *
 * Notes the kept file in the blob table.
 *
 * Returns: (transfer full) (nullable): the file as an attachment
 */
KontorAttachment *
kontor_store_add_blob_finish (KontorStore   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(KontorAttachment) attachment = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  attachment = g_task_propagate_pointer (G_TASK (result), error);
  if (attachment == NULL || !note_blob (self, attachment, error))
    return NULL;

  return g_steal_pointer (&attachment);
}

/**
 * kontor_store_add_blob:
 * @self: a store
 * @file: the file to attach
 * @allow_large: as for kontor_store_add_blob_async()
 * @error: return location for a #GError
 *
 * kontor_store_add_blob_async() blocking, for a worker's connection or a
 * test.
 *
 * Returns: (transfer full) (nullable): the file as an attachment
 */
KontorAttachment *
kontor_store_add_blob (KontorStore  *self,
                       GFile        *file,
                       gboolean      allow_large,
                       GError      **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(KontorAttachment) attachment = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  folder = kontor_store_dup_blob_folder (self);
  attachment = _kontor_blob_keep_file (file, folder, allow_large, NULL, error);
  if (attachment == NULL || !note_blob (self, attachment, error))
    return NULL;

  return g_steal_pointer (&attachment);
}

/**
 * kontor_store_blob_is_large:
 * @size: a file's size in bytes
 *
 * Returns: whether a file of @size is attached only after the user agreed
 */
gboolean
kontor_store_blob_is_large (goffset size)
{
  return size > KONTOR_ATTACHMENT_LARGE_SIZE;
}

/**
 * kontor_store_has_blob:
 * @self: a store
 * @sha256: a valid hash
 *
 * Returns: whether the file of @sha256 is kept here (it may still be on
 *   its way from the team server)
 */
gboolean
kontor_store_has_blob (KontorStore *self,
                       const char  *sha256)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);

  if (!kontor_blob_hash_is_valid (sha256))
    return FALSE;
  path = kontor_store_dup_blob_path (self, sha256);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/*
 * Collecting: a kept file no activity names any more goes with its row.
 * That is done when the store is opened (kontor_store_open()), never
 * while the app runs: a deleted activity, or an edit that took a file
 * away, can be undone for as long as the undo stack keeps it, and the
 * stack lives only as long as the app. At the start no undo can bring a
 * file back. Files attached in a form that was then cancelled go the
 * same way, as do the temporary files of a copy that was cut off.
 */
static const char unreferenced_sql[] =
  "SELECT sha256 FROM blob WHERE sha256 NOT IN"
  " (SELECT json_extract (j.value, '$.sha256') FROM activity,"
  "  json_each (CASE WHEN json_valid (activity.attachments) THEN activity.attachments"
  "             ELSE '[]' END) AS j"
  "  WHERE activity.attachments IS NOT NULL)";

static void
remove_stray_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (entry, ".add-"))
        {
          g_autofree char *path = g_build_filename (folder, entry, NULL);

          g_unlink (path);
        }
    }
}

/**
 * kontor_store_collect_blobs:
 * @self: a store, with nothing that could be undone
 * @n_removed: (out) (optional): how many files were removed
 * @error: return location for a #GError
 *
 * Removes the kept files no activity names any more, and their rows (see
 * above for when).
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_collect_blobs (KontorStore  *self,
                            guint        *n_removed,
                            GError      **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);

  if (n_removed != NULL)
    *n_removed = 0;

  folder = kontor_store_dup_blob_folder (self);
  remove_stray_files (folder);

  stmt = _kontor_store_prepare (self, unreferenced_sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    g_ptr_array_add (hashes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc < 0)
    return FALSE;

  for (guint i = 0; i < hashes->len; i++)
    {
      const char *sha256 = g_ptr_array_index (hashes, i);

      if (kontor_blob_hash_is_valid (sha256))
        {
          g_autofree char *path = kontor_store_dup_blob_path (self, sha256);

          if (g_unlink (path) != 0 && errno != ENOENT)
            continue;   /* kept with its row, tried again next time */
        }

      stmt = _kontor_store_prepare (self, "DELETE FROM blob WHERE sha256 = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;
      if (n_removed != NULL)
        (*n_removed)++;
    }

  return TRUE;
}
