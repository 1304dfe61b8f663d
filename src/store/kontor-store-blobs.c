/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

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

/**
 * _kontor_blob_write_all:
 * @fd: a file open for writing
 * @data: bytes
 * @len: how many
 * @saved_errno: (out): the errno of a failed write
 *
 * Writes all of @data, again after an interrupted or partial write: a
 * file kept here and a file fetched from the team server.
 *
 * Returns: %TRUE when all was written
 */
gboolean
_kontor_blob_write_all (int          fd,
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
  if (!kontor_attachment_check_size (name, g_file_info_get_size (info), &local_error))
    {
      g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                           local_error->message);
      return NULL;
    }
  if (!allow_large && kontor_store_blob_is_large (g_file_info_get_size (info)))
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
      if (!kontor_attachment_check_size (name, size + n, &local_error))
        {
          g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                               local_error->message);
          goto fail;
        }
      g_checksum_update (checksum, (const guchar *) buffer, n);
      if (!_kontor_blob_write_all (fd, buffer, (gsize) n, &saved_errno))
        {
          set_file_error (error, name, g_strerror (saved_errno));
          goto fail;
        }
      size += n;
    }

  /* read-only before it has its name: a kept file is named by its bytes,
   * and nothing is to change them in place (an editor saving the file
   * opened from an activity works on a copy, kontor_store_dup_blob_open_path ()) */
  if (fchmod (fd, KONTOR_BLOB_MODE) != 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      set_file_error (error, name, g_strerror (saved_errno));
      goto fail;
    }
  if (close (fd) != 0)
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
                                              " VALUES (?1, ?2) ON CONFLICT (sha256) DO UPDATE"
                                              " SET uploaded = 0 WHERE uploaded = 2", error);

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
 * Which files are named. The model reads an activity's attachments
 * (kontor_attachments_parse ()), here as everywhere: the lists of the
 * sync (kontor-store-blob-sync.c) and the collection below ask this one
 * function. Besides the activities, the user's conflicts that are not
 * decided yet ("open", or answered and "resolving" until the push) name
 * files: the value the user may still keep ("yours", or one chosen) and
 * the one both sides started from. A "Keep mine" must find its files, so
 * they are neither collected nor left off the uploads.
 *
 * A value the model cannot read (written by a newer or a broken client)
 * names no file for the sync: nothing is sent or fetched for it. For the
 * collection it is read as text instead: every kept file whose hash
 * appears in it stays. A file that is kept a little longer costs some
 * disk; one collected too soon is lost.
 */

/* The files @text names, read as text (kontor_attachments_find_hashes()) */
static void
add_mentioned_hashes (GHashTable *refs,
                      const char *text)
{
  g_auto(GStrv) found = kontor_attachments_find_hashes (text);

  for (guint i = 0; found[i] != NULL; i++)
    {
      gint64 size = -1;

      if (!g_hash_table_contains (refs, found[i]))
        g_hash_table_insert (refs, g_strdup (found[i]), g_memdup2 (&size, sizeof size));
    }
}

static void
add_attachment_refs (GHashTable *refs,
                     const char *json,
                     gboolean    keep_unread)
{
  g_autoptr(GPtrArray) attachments = NULL;

  if (json == NULL)
    return;
  attachments = kontor_attachments_parse (json, NULL);
  if (attachments == NULL && keep_unread)
    add_mentioned_hashes (refs, json);
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      KontorAttachment *attachment = g_ptr_array_index (attachments, i);
      gint64 size = attachment->size;
      gint64 *known = g_hash_table_lookup (refs, attachment->sha256);

      if (known == NULL)
        g_hash_table_insert (refs, g_strdup (attachment->sha256), g_memdup2 (&size, sizeof size));
      else if (*known < 0)
        *known = size;
    }
}

/* A conflict's value: the field's own for a conflict about attachments,
 * the activity's fields (an object) for one about the whole record (an
 * edit against a delete) */
static void
add_conflict_refs (GHashTable *refs,
                   const char *field,
                   const char *json,
                   gboolean    keep_unread)
{
  g_autoptr(JsonNode) node = NULL;
  JsonNode *member;

  if (json == NULL)
    return;
  if (keep_unread)
    add_mentioned_hashes (refs, json);
  node = json_from_string (json, NULL);
  if (node == NULL)
    return;
  if (g_strcmp0 (field, "attachments") == 0 && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* the field's value as JSON: a string holding the list */
      add_attachment_refs (refs, json_node_get_string (node), keep_unread);
      return;
    }
  if (g_strcmp0 (field, "attachments") == 0)
    {
      add_attachment_refs (refs, json, keep_unread);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  member = json_object_get_member (json_node_get_object (node), "attachments");
  /* a pushed change's fields: {"attachments": {"value": …}} */
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    member = json_object_get_member (json_node_get_object (member), "value");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    add_attachment_refs (refs, json_node_get_string (member), keep_unread);
}

/**
 * _kontor_store_dup_named_blobs:
 * @self: a store
 * @flags: which names count besides the activities' (see above)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): hash → gint64 * size (the first
 *   an attachment says, -1 for none), the files named
 */
GHashTable *
_kontor_store_dup_named_blobs (KontorStore         *self,
                               KontorBlobsNamedFlags flags,
                               GError             **error)
{
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean keep = (flags & KONTOR_BLOBS_NAMED_UNREAD) != 0;
  sqlite3_stmt *stmt;
  int result;

  stmt = _kontor_store_prepare (self, "SELECT attachments FROM activity"
                                      " WHERE attachments IS NOT NULL AND attachments <> '[]'",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    add_attachment_refs (refs, (const char *) sqlite3_column_text (stmt, 0), keep);
  sqlite3_reset (stmt);
  if (result < 0)
    return NULL;

  if ((flags & KONTOR_BLOBS_NAMED_CONFLICTS) == 0)
    return g_steal_pointer (&refs);

  /* "theirs" is the server's and the activity's here; the collection
   * keeps it all the same, in case the user's copy is older */
  stmt = _kontor_store_prepare (self, "SELECT field, yours_value_json, choice_value_json,"
                                      " base_value_json, theirs_value_json FROM conflict_local"
                                      " WHERE entity = 'activity'"
                                      " AND status IN ('open', 'resolving')"
                                      " AND (field IS NULL OR field = 'attachments')",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      const char *field = (const char *) sqlite3_column_text (stmt, 0);

      for (int column = 1; column <= (keep ? 4 : 2); column++)
        add_conflict_refs (refs, field, (const char *) sqlite3_column_text (stmt, column), keep);
    }
  sqlite3_reset (stmt);

  return result < 0 ? NULL : g_steal_pointer (&refs);
}

/*
 * Collecting: a kept file nothing names any more (see above) goes with
 * its row. That is done when the store is opened (kontor_store_open ()),
 * never while the app runs: a deleted activity, or an edit that took a
 * file away, can be undone for as long as the undo stack keeps it, and
 * the stack lives only as long as the app. At the start no undo can
 * bring a file back. Files attached in a form that was then cancelled go
 * the same way, as do the temporary files of a copy that was cut off
 * (".add-…" in the blob folder) and of a download that was
 * (".<sha256>-…" in a folder of two digits). A download runs only on the
 * sync's worker, which starts after the store was opened; to be sure it
 * is never one of this process's, or another's that is still writing, a
 * download's temporary file goes only once it is older than this
 * process, and not written to for %STALE_DOWNLOAD (a download that
 * receives nothing for that long was given up: the sync's requests time
 * out after a minute).
 */

#define STALE_DOWNLOAD ((gint64) 10 * 60 * G_USEC_PER_SEC)

static gint64
get_process_start (void)
{
  static gint64 start;

  if (g_once_init_enter (&start))
    g_once_init_leave (&start, g_get_real_time ());

  return start;
}

static gint64
get_mtime (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return G_MAXINT64;

  return (gint64) buf.st_mtime * G_USEC_PER_SEC;
}

/**
 * _kontor_blob_remove_stray_files:
 * @folder: a blob folder
 * @now: the time, in microseconds since 1970 (g_get_real_time ())
 *
 * Removes the temporary files of cut-off copies and downloads (see
 * above).
 */
void
_kontor_blob_remove_stray_files (const char *folder,
                                 gint64      now)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 before = MIN (get_process_start (), now - STALE_DOWNLOAD);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, entry, NULL);
      g_autoptr(GDir) sub = NULL;
      const char *name;

      if (g_str_has_prefix (entry, ".add-"))
        {
          g_unlink (path);
          continue;
        }
      if (strlen (entry) != 2 || !g_ascii_isxdigit (entry[0]) || !g_ascii_isxdigit (entry[1]))
        continue;
      sub = g_dir_open (path, 0, NULL);
      while (sub != NULL && (name = g_dir_read_name (sub)) != NULL)
        {
          g_autofree char *temp = NULL;

          if (name[0] != '.')
            continue;
          temp = g_build_filename (path, name, NULL);
          if (get_mtime (temp) < before)
            g_unlink (temp);
        }
    }
}

/**
 * kontor_store_collect_blobs:
 * @self: a store, with nothing that could be undone
 * @n_removed: (out) (optional): how many files were removed
 * @error: return location for a #GError
 *
 * Removes the kept files nothing names any more, and their rows (see
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
  g_autoptr(GHashTable) named = NULL;
  g_autofree char *folder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);

  if (n_removed != NULL)
    *n_removed = 0;

  folder = kontor_store_dup_blob_folder (self);
  _kontor_blob_remove_stray_files (folder, g_get_real_time ());

  /* the kept files first: without any (most databases), the activities
   * and conflicts need not be read at start */
  stmt = _kontor_store_prepare (self, "SELECT sha256 FROM blob", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    {
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 0);

      if (sha256 != NULL)
        g_ptr_array_add (hashes, g_strdup (sha256));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  if (hashes->len == 0)
    return TRUE;

  named = _kontor_store_dup_named_blobs (self, KONTOR_BLOBS_NAMED_CONFLICTS |
                                               KONTOR_BLOBS_NAMED_UNREAD, error);
  if (named == NULL)
    return FALSE;

  for (guint i = 0; i < hashes->len; i++)
    {
      const char *sha256 = g_ptr_array_index (hashes, i);

      if (g_hash_table_contains (named, sha256))
        continue;
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

/*
 * Opening a file: never the kept file itself, which the app that opens
 * it could change in place (and then it would no longer be the file its
 * name says). A read-only copy goes to a folder of its own under
 * $XDG_CACHE_HOME/kontor/open, under the attachment's name (which also
 * tells the opening app its type). Copies older than %OPEN_COPY_AGE are
 * removed when a new one is made, at most %OPEN_SWEEP of them at a time.
 */

#define OPEN_COPY_AGE ((gint64) 24 * 60 * 60 * G_USEC_PER_SEC)
#define OPEN_SWEEP 32

/**
 * _kontor_blob_dup_open_folder:
 *
 * Returns: (transfer full): where the copies for opening go
 */
char *
_kontor_blob_dup_open_folder (void)
{
  return g_build_filename (g_get_user_cache_dir (), "kontor", "open", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, entry, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * _kontor_blob_sweep_open_copies:
 * @folder: the folder of the copies (_kontor_blob_dup_open_folder ())
 * @now: the time, in microseconds since 1970 (g_get_real_time ())
 *
 * Removes copies made more than a day before @now, a bounded number at a
 * time.
 *
 * Returns: how many it removed
 */
guint
_kontor_blob_sweep_open_copies (const char *folder,
                                gint64      now)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;
  guint looked = 0, removed = 0;

  while (dir != NULL && looked++ < OPEN_SWEEP && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, entry, NULL);

      if (get_mtime (path) < now - OPEN_COPY_AGE)
        {
          remove_tree (path);
          removed++;
        }
    }

  return removed;
}

/* @name as a file name of its own: no folder, not hidden, not empty */
static char *
dup_safe_name (const char *name)
{
  g_autofree char *safe = g_strdup (name != NULL ? name : "");

  g_strdelimit (safe, "/\\", '_');
  for (char *c = safe; *c == '.'; c++)
    *c = '_';
  if (*safe == '\0')
    {
      g_free (safe);
      /* Translators: the name of a file opened from an activity when it
       * has no name of its own */
      safe = g_strdup (_("file"));
    }

  return g_steal_pointer (&safe);
}

/**
 * kontor_store_dup_blob_open_path:
 * @self: a store
 * @attachment: a file of an activity
 * @error: return location for a #GError
 *
 * Makes a read-only copy of @attachment's kept file to open with another
 * app (see above). Blocking: it copies the file.
 *
 * Returns: (transfer full) (nullable): the copy's path
 */
char *
kontor_store_dup_blob_open_path (KontorStore             *self,
                                 const KontorAttachment  *attachment,
                                 GError                 **error)
{
  g_autofree char *source = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *template = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (attachment != NULL, NULL);

  safe = dup_safe_name (attachment->name);
  if (!kontor_store_has_blob (self, attachment->sha256))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name */
                   _("The file “%s” is not on this computer yet."), safe);
      return NULL;
    }

  folder = _kontor_blob_dup_open_folder ();
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      set_file_error (error, safe, g_strerror (saved_errno));
      return NULL;
    }
  _kontor_blob_sweep_open_copies (folder, g_get_real_time ());

  template = g_build_filename (folder, "XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved_errno = errno;

      set_file_error (error, safe, g_strerror (saved_errno));
      return NULL;
    }
  path = g_build_filename (template, safe, NULL);
  source = kontor_store_dup_blob_path (self, attachment->sha256);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (path);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error) ||
      g_chmod (path, KONTOR_BLOB_MODE) != 0)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (errno),
                             g_strerror (errno));
      g_unlink (path);
      g_rmdir (template);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a file name, the second %s why it failed */
                   _("The file “%s” could not be opened: %s"), safe, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&path);
}
