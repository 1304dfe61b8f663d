/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-import"

#include "config.h"

#include <string.h>

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-employment.h"
#include "kontor-import-operation.h"
#include "kontor-record-json.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-store-job.h"

#include <glib/gi18n-lib.h>

/**
 * KontorImportOperation:
 *
 * A finished import as one undoable operation (feature I3, src/README.md
 * "The import"). It is made applied: the import's store job wrote it.
 *
 * Undo is one transaction: the updated and merged contacts get back the
 * values of exactly the fields the import changed (the last update first),
 * then the created contacts are deleted (a creation never sent leaves
 * nothing to send), then the created companies no contact uses any more.
 * What undo deleted it keeps, as stored, so that redo brings the same
 * records back under their ids (a `restore`, or a `create` for those the
 * server never saw, as KontorRecordWrite does), then writes the updates'
 * values again. Between an undo and its redo the deleted records are in
 * memory as the JSON text sync sends (kontor_record_to_json_string(), a
 * few hundred bytes each instead of a record's objects), compressed by
 * the batch of LOAD_BATCH; after the redo only their ids again.
 *
 * Both run as a #KontorStoreJob (its one transaction on a connection of
 * its own): off the main thread through the operation's run_async, which
 * the stack's asynchronous undo and redo use (the operation is long,
 * kontor_operation_is_long()), and blocking, the same job on the calling
 * thread, through apply and undo. A job that fails or is cancelled rolls
 * back: nothing changed, and the operation stays as it was.
 */

/* With this many created contacts (and at least half as many stored),
 * undo and redo drop the list-order indexes */
#define BULK_INDEX_RECORDS 10000

/* The page cache of an undo's or redo's job (KiB, as PRAGMA cache_size
 * takes it) */
#define UNDO_CACHE_KIB -16384

/* Records loaded at a time */
#define LOAD_BATCH 500

/* Records written between two progress reports (and looks for a cancel) */
#define STEP_RECORDS 500

/* The records of one batch undo deleted, for their redo: for each its id,
 * its creation time (decimal) and its JSON text, each ended by a NUL,
 * compressed together (a batch of similar records shrinks to a fifth) */
typedef struct
{
  GType   type;
  guint   n;
  GBytes *packed;
} KeptBatch;

static void
kept_batch_free (gpointer data)
{
  KeptBatch *batch = data;

  g_bytes_unref (batch->packed);
  g_free (batch);
}

static GBytes *
pack (GString  *text,
      GError  **error)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 1);
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory,
                                                                G_CONVERTER (compressor));

  if (!g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
unpack (GBytes  *packed,
        GError **error)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (packed);
  g_autoptr(GZlibDecompressor) decompressor =
    g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (memory,
                                                             G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                       G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* How many records @kept (KeptBatch) holds */
static guint
kept_count (GPtrArray *kept)
{
  guint n = 0;

  for (guint i = 0; i < kept->len; i++)
    n += ((KeptBatch *) g_ptr_array_index (kept, i))->n;

  return n;
}

struct _KontorImportOperation
{
  KontorOperation      parent_instance;

  KontorStore         *store;
  KontorImportChanges *changes;

  /* While a job applies or undoes: on its thread, the job's connection
   * and the records done of all, for its progress */
  KontorStore         *conn;
  KontorStoreJob      *job;
  guint                n_done;
  guint                n_total;
  gboolean             undoing;
  KontorStoreJob      *shown_job;        /* the main thread's: the last job run */

  GPtrArray           *kept_contacts;    /* KeptBatch, while undone */
  GPtrArray           *kept_companies;   /* KeptBatch, while undone */
  GPtrArray           *kept_employments; /* KeptBatch, while undone */
};

G_DEFINE_FINAL_TYPE (KontorImportOperation, kontor_import_operation, KONTOR_TYPE_OPERATION)

static void
clear_kept (KontorImportOperation *self)
{
  g_ptr_array_set_size (self->kept_contacts, 0);
  g_ptr_array_set_size (self->kept_companies, 0);
  g_ptr_array_set_size (self->kept_employments, 0);
}

/* @n records more done: every STEP_RECORDS the job's progress and a look
 * whether it was cancelled */
static gboolean
count_done (KontorImportOperation  *self,
            guint                   n,
            GError                **error)
{
  guint before = self->n_done;

  self->n_done += n;
  if (before / STEP_RECORDS == self->n_done / STEP_RECORDS)
    return TRUE;

  return kontor_store_job_step (self->job, MIN (self->n_done, self->n_total), self->n_total,
                                error);
}

static GArray *
values_new (void)
{
  GArray *values = g_array_new (FALSE, TRUE, sizeof (GValue));

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  return values;
}

static void
append_value (GArray       *values,
              const GValue *value)
{
  GValue copy = G_VALUE_INIT;

  g_value_init (&copy, G_VALUE_TYPE (value));
  g_value_copy (value, &copy);
  g_array_append_val (values, copy);
}

/**
 * kontor_import_update_new:
 * @stored: a contact as it was stored
 * @edited: the same contact as the save left it
 *
 * Returns: (transfer full): what the save changed, both ways
 */
KontorImportUpdate *
kontor_import_update_new (KontorRecord *stored,
                          KontorRecord *edited)
{
  KontorImportUpdate *update = g_new0 (KontorImportUpdate, 1);

  update->id = g_strdup (kontor_record_get_id (stored));
  update->indexes = kontor_record_diff (stored, edited);
  update->before = values_new ();
  update->after = values_new ();
  for (guint i = 0; i < update->indexes->len; i++)
    {
      guint index = g_array_index (update->indexes, guint, i);

      append_value (update->before, kontor_record_get_value (stored, index));
      append_value (update->after, kontor_record_get_value (edited, index));
    }

  return update;
}

void
kontor_import_update_free (KontorImportUpdate *update)
{
  g_free (update->id);
  g_array_unref (update->indexes);
  g_array_unref (update->before);
  g_array_unref (update->after);
  g_free (update);
}

KontorImportChanges *
kontor_import_changes_new (void)
{
  KontorImportChanges *changes = g_new0 (KontorImportChanges, 1);

  changes->contacts = g_ptr_array_new_with_free_func (g_free);
  changes->companies = g_ptr_array_new_with_free_func (g_free);
  changes->employments = g_ptr_array_new_with_free_func (g_free);
  changes->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_import_update_free);

  return changes;
}

void
kontor_import_changes_free (KontorImportChanges *changes)
{
  g_ptr_array_unref (changes->contacts);
  g_ptr_array_unref (changes->companies);
  g_ptr_array_unref (changes->employments);
  g_ptr_array_unref (changes->updates);
  g_free (changes);
}

static gboolean
has_channel (GPtrArray  *channels,
             const char *value)
{
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      if (g_strcmp0 (((KontorChannel *) g_ptr_array_index (channels, i))->value, value) == 0)
        return TRUE;
    }

  return FALSE;
}

/* @current with the change @from → @to made: the addresses or numbers in
 * @from and not in @to go, those in @to and not in @from come (once);
 * what else @current has stays (added since, by the user or sync) */
static GPtrArray *
move_channels (GPtrArray *current,
               GPtrArray *from,
               GPtrArray *to)
{
  GPtrArray *result = kontor_channel_array_new ();

  for (guint i = 0; current != NULL && i < current->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (current, i);

      if (!has_channel (from, channel->value) || has_channel (to, channel->value))
        g_ptr_array_add (result, kontor_channel_new (channel->label, channel->value));
    }
  for (guint i = 0; to != NULL && i < to->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (to, i);

      if (!has_channel (from, channel->value) && !has_channel (result, channel->value))
        g_ptr_array_add (result, kontor_channel_new (channel->label, channel->value));
    }

  return result;
}

/* Writes @before (undo) or @after (redo) of one update over the stored
 * contact, each field only where it still has the value the other way
 * left (a later edit stays), the e-mail addresses and numbers as a
 * change (move_channels()); a contact gone since (deleted, merged) is
 * left out, and so is a birthday the team no longer keeps */
static gboolean
write_update (KontorImportOperation  *self,
              KontorImportUpdate     *update,
              gboolean                back,
              gboolean                keep_birthdays,
              GError                **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT);
  GArray *from = back ? update->after : update->before;
  GArray *to = back ? update->before : update->after;
  g_autoptr(KontorRecord) stored = NULL;
  g_autoptr(KontorRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  const KontorField *fields;
  guint n_fields;
  gboolean changed;

  stored = _kontor_store_find_record (self->conn, info, update->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (stored == NULL)
    return TRUE;

  record = kontor_record_copy (stored);
  fields = kontor_record_get_fields (record, &n_fields);
  for (guint i = 0; i < update->indexes->len; i++)
    {
      guint index = g_array_index (update->indexes, guint, i);
      const KontorField *field = &fields[index];
      const GValue *now = kontor_record_get_value (record, index);
      const GValue *was = &g_array_index (from, GValue, i);
      const GValue *want = &g_array_index (to, GValue, i);

      if (field->type == KONTOR_FIELD_TYPE_CHANNELS)
        {
          g_autoptr(GPtrArray) channels = move_channels (kontor_record_get_channels (record, index),
                                                         g_value_get_boxed (was),
                                                         g_value_get_boxed (want));

          kontor_record_set_channels (record, index, channels);
        }
      else if (kontor_field_value_equal (field, now, was))
        {
          kontor_record_set_value (record, index, want);
        }
    }

  if (!kontor_contact_check_birthday (KONTOR_CONTACT (record), keep_birthdays, NULL))
    kontor_contact_set_birthday (KONTOR_CONTACT (record),
                                 kontor_contact_get_birthday (KONTOR_CONTACT (stored)));

  /* a contact the import gave its first company goes back to none: the
   * name loaded with it would otherwise find the company again
   * (resolve_company() in kontor-store-contact.c) */
  if (kontor_contact_get_company_id (KONTOR_CONTACT (record)) == NULL)
    kontor_contact_set_company_name (KONTOR_CONTACT (record), NULL);

  return _kontor_store_save_over (self->conn, record, stored, &changed, error);
}

/* The created contacts that are still only a pending creation in the
 * outbox: none of their entries numbered for a push or in flight, and
 * nothing else naming them (employments, activities, participations, group
 * memberships). The server never heard of them, so their delete leaves
 * nothing to send and no tombstone, and it can be done for all of them at
 * once (delete_unsent()). Fills temp.import_unsent (id, rid) and returns
 * its ids. */
static GHashTable *
find_unsent (KontorImportOperation  *self,
             GPtrArray              *ids,
             GError                **error)
{
  g_autoptr(GHashTable) unsent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int result;

  if (!_kontor_store_exec (self->conn,
                           "CREATE TEMP TABLE IF NOT EXISTS import_unsent "
                           "(id TEXT PRIMARY KEY, rid INTEGER NOT NULL);"
                           "DELETE FROM temp.import_unsent",
                           error))
    return NULL;

  stmt = _kontor_store_prepare (self->conn,
                                "INSERT OR IGNORE INTO temp.import_unsent (id, rid) "
                                "SELECT id, rid FROM contact WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      if (!_kontor_store_step_done (self->conn, stmt, error))
        return NULL;
    }

  /* IN (SELECT …) is one lookup table per statement, not a search per row */
  if (!_kontor_store_exec (self->conn,
                           "DELETE FROM temp.import_unsent WHERE "
                           "id NOT IN (SELECT entity_id FROM outbox WHERE op = 'create' AND "
                           "           state = 'pending' AND push_seq IS NULL) OR "
                           "id IN (SELECT entity_id FROM outbox WHERE state <> 'pending' OR "
                           "       push_seq IS NOT NULL) OR "
                           "id IN (SELECT contact_id FROM employment) OR "
                           "id IN (SELECT contact_id FROM activity WHERE contact_id IS NOT NULL) OR "
                           "id IN (SELECT person_id FROM activity_participant) OR "
                           "id IN (SELECT contact_id FROM contact_group_member) OR "
                           "id IN (SELECT contact_id FROM lead_entry)",
                           error))
    return NULL;

  stmt = _kontor_store_prepare (self->conn, "SELECT id FROM temp.import_unsent", error);
  if (stmt == NULL)
    return NULL;
  while ((result = _kontor_store_step (self->conn, stmt, error)) == 1)
    g_hash_table_add (unsent, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (result < 0)
    return NULL;

  return g_steal_pointer (&unsent);
}

/* Deletes the contacts of temp.import_unsent in a few statements: what
 * _kontor_store_delete_record() does for one, less what a record the
 * server never saw does not need (its tombstone, its "delete" entry: a
 * creation never sent leaves nothing to send, src/README.md "Tombstones").
 * Their e-mail addresses, numbers and links go with ON DELETE CASCADE. */
static gboolean
delete_unsent (KontorImportOperation  *self,
               GError                **error)
{
  sqlite3_stmt *stmt;
  int result;

  if (!_kontor_store_check_role (self->conn, KONTOR_TYPE_CONTACT, KONTOR_ACCESS_DELETE, error))
    return FALSE;

  _kontor_store_forget_names (self->conn, "contact");

  /* the row ids first, for the lists that show them */
  stmt = _kontor_store_prepare (self->conn, "SELECT rid FROM temp.import_unsent", error);
  if (stmt == NULL)
    return FALSE;
  while ((result = _kontor_store_step (self->conn, stmt, error)) == 1)
    _kontor_store_note_change (self->conn, "contact", sqlite3_column_int64 (stmt, 0));
  if (result < 0)
    return FALSE;

  return _kontor_store_exec (self->conn,
                             "DELETE FROM outbox WHERE state = 'pending' AND entity_id IN "
                             "  (SELECT id FROM temp.import_unsent);"
                             "DELETE FROM journal WHERE entity_id IN "
                             "  (SELECT id FROM temp.import_unsent);"
                             "DELETE FROM outbox WHERE state = 'pending' AND entity_id IN "
                             "  (SELECT c.id FROM contact_channel c "
                             "   JOIN temp.import_unsent u ON c.owner_id = u.id);"
                             "DELETE FROM journal WHERE entity_id IN "
                             "  (SELECT c.id FROM contact_channel c "
                             "   JOIN temp.import_unsent u ON c.owner_id = u.id);"
                             "DELETE FROM contact_search WHERE rowid IN "
                             "  (SELECT rid FROM temp.import_unsent);"
                             "DELETE FROM record_shadow WHERE entity = 'contact' AND id IN "
                             "  (SELECT id FROM temp.import_unsent);"
                             "DELETE FROM contact WHERE rid IN "
                             "  (SELECT rid FROM temp.import_unsent);"
                             "DELETE FROM temp.import_unsent",
                             error) &&
         _kontor_store_mark_purge (self->conn, error);
}

/* Loads the records of @ids in batches, keeps them in @kept and deletes
 * them; those in @unsent (nullable) are kept only, for delete_unsent() */
static gboolean
take_records (KontorImportOperation  *self,
              GType                   type,
              GPtrArray              *ids,
              GHashTable             *unsent,
              GPtrArray              *kept,
              GError                **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (type);

  for (guint start = 0; start < ids->len; start += LOAD_BATCH)
    {
      guint n = MIN (LOAD_BATCH, ids->len - start);
      g_autofree const char **batch = g_new0 (const char *, n + 1);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      KeptBatch *one;

      for (guint i = 0; i < n; i++)
        batch[i] = g_ptr_array_index (ids, start + i);

      records = _kontor_store_load_ids (self->conn, info, batch, error);
      if (records == NULL)
        return FALSE;

      for (guint i = 0; i < records->len; i++)
        {
          KontorRecord *record = g_ptr_array_index (records, i);
          g_autofree char *json = NULL;

          if ((unsent == NULL ||
               !g_hash_table_contains (unsent, kontor_record_get_id (record))) &&
              !_kontor_store_delete_record (self->conn, record, error))
            return FALSE;
          json = kontor_record_to_json_string (record);
          g_string_append (text, kontor_record_get_id (record));
          g_string_append_c (text, '\0');
          g_string_append_printf (text, "%" G_GINT64_FORMAT, kontor_record_get_created_at (record));
          g_string_append_c (text, '\0');
          g_string_append (text, json);
          g_string_append_c (text, '\0');
        }

      one = g_new0 (KeptBatch, 1);
      one->type = type;
      one->n = records->len;
      one->packed = pack (text, error);
      if (one->packed == NULL)
        {
          g_free (one);
          return FALSE;
        }
      g_ptr_array_add (kept, one);
      if (!count_done (self, n, error))
        return FALSE;
    }

  return TRUE;
}

/* The created companies no contact uses now */
static GPtrArray *
unused_companies (KontorImportOperation  *self,
                  GError                **error)
{
  g_autoptr(GPtrArray) unused = g_ptr_array_new ();

  for (guint i = 0; i < self->changes->companies->len; i++)
    {
      const char *id = g_ptr_array_index (self->changes->companies, i);
      sqlite3_stmt *stmt = _kontor_store_prepare (self->conn,
                                                  "SELECT count(*) FROM contact "
                                                  "WHERE company_id = ?1", error);
      gint64 n = 0;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (_kontor_store_step_one (self->conn, stmt, &n, NULL, error) < 0)
        return NULL;
      if (n == 0)
        g_ptr_array_add (unused, (gpointer) id);
    }

  return g_steal_pointer (&unused);
}

/* Those of @ids still stored: a record deleted or merged away since the
 * import is no longer the undo's to delete */
static GPtrArray *
still_stored (KontorImportOperation  *self,
              GType                   type,
              GPtrArray              *ids,
              GError                **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (type);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = ?1", info->table);
  g_autoptr(GPtrArray) stored = g_ptr_array_new ();
  sqlite3_stmt *stmt = _kontor_store_prepare (self->conn, sql, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 n = 0;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      if (_kontor_store_step_one (self->conn, stmt, &n, NULL, error) < 0)
        return NULL;
      if (n > 0)
        g_ptr_array_add (stored, g_ptr_array_index (ids, i));
    }

  return g_steal_pointer (&stored);
}

static gboolean
undo_all (KontorImportOperation  *self,
          GError                **error)
{
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GPtrArray) employments = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) unsent = NULL;
  gboolean keep_birthdays;

  if (!kontor_store_get_keep_birthdays (self->conn, &keep_birthdays, error))
    return FALSE;

  /* the former employments the updates recorded, first: they name
   * companies the import may have made */
  employments = still_stored (self, KONTOR_TYPE_EMPLOYMENT, self->changes->employments, error);
  if (employments == NULL ||
      !take_records (self, KONTOR_TYPE_EMPLOYMENT, employments, NULL,
                     self->kept_employments, error))
    return FALSE;

  for (guint i = self->changes->updates->len; i > 0; i--)
    {
      if (!write_update (self, g_ptr_array_index (self->changes->updates, i - 1), TRUE,
                         keep_birthdays, error) ||
          !count_done (self, 1, error))
        return FALSE;
    }

  contacts = still_stored (self, KONTOR_TYPE_CONTACT, self->changes->contacts, error);
  if (contacts == NULL)
    return FALSE;
  unsent = find_unsent (self, contacts, error);
  if (unsent == NULL ||
      !take_records (self, KONTOR_TYPE_CONTACT, contacts, unsent,
                     self->kept_contacts, error) ||
      !delete_unsent (self, error))
    return FALSE;

  companies = unused_companies (self, error);

  return companies != NULL &&
         take_records (self, KONTOR_TYPE_COMPANY, companies, NULL, self->kept_companies, error);
}

/* Brings back what the undo deleted; a contact's birthday only while
 * the team keeps birthdays */
static gboolean
put_records (KontorImportOperation  *self,
             GPtrArray              *kept,
             gboolean                keep_birthdays,
             GError                **error)
{
  for (guint i = 0; i < kept->len; i++)
    {
      KeptBatch *batch = g_ptr_array_index (kept, i);
      g_autoptr(GBytes) text = unpack (batch->packed, error);
      const char *next, *end;
      gsize size;

      if (text == NULL)
        return FALSE;
      next = g_bytes_get_data (text, &size);
      end = next + size;

      for (guint j = 0; j < batch->n; j++)
        {
          g_autoptr(KontorRecord) record = g_object_new (batch->type, NULL);
          const char *id, *created_at, *json;
          gboolean changed;

          /* three NUL-ended strings each, as take_records() wrote them */
          g_assert (next < end);
          id = next;
          created_at = id + strlen (id) + 1;
          json = created_at + strlen (created_at) + 1;
          next = json + strlen (json) + 1;
          g_assert (next <= end);

          kontor_record_set_id (record, id);
          kontor_record_set_created_at (record, g_ascii_strtoll (created_at, NULL, 10));
          if (!kontor_record_update_from_json_string (record, json, error))
            return FALSE;
          if (KONTOR_IS_CONTACT (record) &&
              !kontor_contact_check_birthday (KONTOR_CONTACT (record), keep_birthdays, NULL))
            kontor_contact_set_birthday (KONTOR_CONTACT (record), NULL);
          if (!_kontor_store_save_record (self->conn, record, &changed, error) ||
              !count_done (self, 1, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
redo_all (KontorImportOperation  *self,
          GError                **error)
{
  gboolean keep_birthdays;

  if (!kontor_store_get_keep_birthdays (self->conn, &keep_birthdays, error) ||
      !put_records (self, self->kept_companies, keep_birthdays, error) ||
      !put_records (self, self->kept_contacts, keep_birthdays, error))
    return FALSE;

  for (guint i = 0; i < self->changes->updates->len; i++)
    {
      if (!write_update (self, g_ptr_array_index (self->changes->updates, i), FALSE,
                         keep_birthdays, error) ||
          !count_done (self, 1, error))
        return FALSE;
    }

  return put_records (self, self->kept_employments, keep_birthdays, error);
}

/* Inside the transaction: undo_all() or redo_all(); for as many contacts
 * as are stored (or more) without the list-order indexes, made again at
 * the end as the import's run does (_kontor_store_drop_order_indexes()) */
static gboolean
write_all (KontorImportOperation  *self,
           gboolean                undo,
           GError                **error)
{
  g_autoptr(GPtrArray) index_creates = NULL;
  guint n = self->changes->contacts->len;

  if (n >= BULK_INDEX_RECORDS)
    {
      gint64 n_stored = kontor_store_count (self->conn, KONTOR_TYPE_CONTACT, error);

      if (n_stored < 0)
        return FALSE;
      if (2 * (gint64) n >= n_stored)
        {
          index_creates = _kontor_store_drop_order_indexes (self->conn, error);
          if (index_creates == NULL)
            return FALSE;
        }
    }

  return (undo ? undo_all (self, error) : redo_all (self, error)) &&
         _kontor_store_create_indexes (self->conn, index_creates, error);
}

/* On the job's thread: undo_all() or redo_all() in the job's one
 * transaction on @connection */
static gboolean
work_func (KontorStoreJob  *job,
           KontorStore     *connection,
           gpointer         user_data,
           GCancellable    *cancellable,
           GError         **error)
{
  KontorImportOperation *self = user_data;
  KontorImportChanges *changes = self->changes;
  gboolean undo = self->undoing;
  gboolean ok;

  self->conn = connection;
  self->job = job;
  self->n_done = 0;
  if (undo)
    self->n_total = changes->employments->len + changes->updates->len +
                    changes->contacts->len + changes->companies->len;
  else
    self->n_total = kept_count (self->kept_companies) + kept_count (self->kept_contacts) +
                    changes->updates->len + kept_count (self->kept_employments);

  /* the job reads every record it deletes once: through its page cache,
   * not a mapping of the whole file that would stay in its memory until
   * it ends */
  _kontor_store_exec (connection, "PRAGMA mmap_size = 0", NULL);
  /* and a smaller page cache than a job's: it bounds the sorter of the
   * list-order indexes made again too */
  _kontor_store_exec (connection, "PRAGMA cache_size = " G_STRINGIFY (UNDO_CACHE_KIB), NULL);

  /* the values written back bring their own times */
  _kontor_store_set_times_given (connection, TRUE);
  ok = write_all (self, undo, error);
  _kontor_store_set_times_given (connection, FALSE);

  /* the words of the deleted contacts leave the search index: the job
   * asks the main store after its commit */
  if (ok && undo && (self->kept_contacts->len > 0 || self->kept_companies->len > 0))
    _kontor_store_purge_in_background (connection);

  self->conn = NULL;
  self->job = NULL;

  return ok;
}

/* The job that applies (@undo %FALSE) or undoes the import; the window
 * shows it while it runs */
static KontorStoreJob *
work_job_new (KontorImportOperation *self,
              gboolean               undo)
{
  const char *title = kontor_operation_get_title (KONTOR_OPERATION (self));
  g_autofree char *job_title = NULL;

  if (undo)
    /* Translators: what the bar at the foot of the window says while an
     * import is undone; %s is the import's title, "Import of “FILE”" */
    job_title = g_strdup_printf (_("Undoing: %s"), title != NULL ? title : "");
  else
    /* Translators: what the bar at the foot of the window says while an
     * undone import is made again; %s is the import's title */
    job_title = g_strdup_printf (_("Redoing: %s"), title != NULL ? title : "");

  /* the records undo deleted are kept anew by each undo */
  if (undo)
    clear_kept (self);
  self->undoing = undo;

  /* the job borrows the operation: whoever runs the job holds it */
  g_clear_object (&self->shown_job);
  self->shown_job = kontor_store_job_new (self->store, job_title, work_func, self, NULL);

  return self->shown_job;
}

/* On the main thread after the job: what it kept stays for the redo;
 * after a redo, or an undo rolled back, only the ids again */
static void
work_done (KontorImportOperation *self,
           gboolean               undo,
           gboolean               ok)
{
  if (undo != ok)
    clear_kept (self);
}

static gboolean
run_blocking (KontorImportOperation  *self,
              gboolean                undo,
              GError                **error)
{
  g_autoptr(KontorStoreJob) job = g_object_ref (work_job_new (self, undo));
  gboolean ok = kontor_store_job_run (job, NULL, error);

  work_done (self, undo, ok);

  return ok;
}

static gboolean
kontor_import_operation_apply (KontorOperation  *operation,
                               GError          **error)
{
  return run_blocking (KONTOR_IMPORT_OPERATION (operation), FALSE, error);
}

static gboolean
kontor_import_operation_undo (KontorOperation  *operation,
                              GError          **error)
{
  return run_blocking (KONTOR_IMPORT_OPERATION (operation), TRUE, error);
}

static void
on_work_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KontorImportOperation *self = g_task_get_source_object (task);
  gboolean undo = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError *error = NULL;
  gboolean ok;

  ok = kontor_store_job_run_finish (KONTOR_STORE_JOB (source_object), result, &error);
  work_done (self, undo, ok);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Apply or undo as a job on the store's worker: the main thread stays
 * free; the lists catch up once, after the commit */
static void
kontor_import_operation_run_async (KontorOperation     *operation,
                                   gboolean             apply,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  KontorImportOperation *self = KONTOR_IMPORT_OPERATION (operation);
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, kontor_import_operation_run_async);
  g_task_set_task_data (task, GINT_TO_POINTER (!apply), NULL);
  kontor_store_job_run_async (work_job_new (self, !apply), cancellable, on_work_done_cb, task);
}

static gboolean
kontor_import_operation_run_finish (KontorOperation  *operation,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kontor_import_operation_get_job:
 * @self: an import operation
 *
 * Returns: (transfer none) (nullable): the job that applies or undoes
 *   it now, or did last: for the window to show its progress
 */
KontorStoreJob *
kontor_import_operation_get_job (KontorImportOperation *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_OPERATION (self), NULL);

  return self->shown_job;
}

static void
kontor_import_operation_finalize (GObject *object)
{
  KontorImportOperation *self = KONTOR_IMPORT_OPERATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->shown_job);
  g_clear_pointer (&self->changes, kontor_import_changes_free);
  g_clear_pointer (&self->kept_contacts, g_ptr_array_unref);
  g_clear_pointer (&self->kept_companies, g_ptr_array_unref);
  g_clear_pointer (&self->kept_employments, g_ptr_array_unref);

  G_OBJECT_CLASS (kontor_import_operation_parent_class)->finalize (object);
}

static void
kontor_import_operation_class_init (KontorImportOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_import_operation_finalize;
  operation_class->apply = kontor_import_operation_apply;
  operation_class->undo = kontor_import_operation_undo;
  operation_class->run_async = kontor_import_operation_run_async;
  operation_class->run_finish = kontor_import_operation_run_finish;
}

static void
kontor_import_operation_init (KontorImportOperation *self)
{
  self->kept_contacts = g_ptr_array_new_with_free_func (kept_batch_free);
  self->kept_companies = g_ptr_array_new_with_free_func (kept_batch_free);
  self->kept_employments = g_ptr_array_new_with_free_func (kept_batch_free);
}

/**
 * kontor_import_operation_new:
 * @store: the store the import wrote to
 * @title: what the toast and the undo menu say
 * @changes: (transfer full): what the import wrote
 *
 * Returns: (transfer full): the operation, not marked applied yet
 */
KontorOperation *
kontor_import_operation_new (KontorStore         *store,
                             const char          *title,
                             KontorImportChanges *changes)
{
  KontorImportOperation *self = g_object_new (KONTOR_TYPE_IMPORT_OPERATION,
                                              "title", title, NULL);

  self->store = g_object_ref (store);
  self->changes = changes;

  return KONTOR_OPERATION (self);
}
