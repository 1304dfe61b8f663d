/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-import"

#include "config.h"

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-employment.h"
#include "kontor-import-operation.h"
#include "kontor-record-json.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"

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
 * few hundred bytes each instead of a record's objects); after the redo
 * only their ids again.
 */

/* Above this many records the store's bulk cache is used */
#define BULK_CACHE_RECORDS 1000

/* With this many created contacts (and at least half as many stored),
 * undo and redo drop the list-order indexes */
#define BULK_INDEX_RECORDS 10000

/* Records loaded at a time */
#define LOAD_BATCH 500

/* A record undo deleted, for its redo */
typedef struct
{
  GType   type;
  char   *id;
  gint64  created_at;
  char   *json;
} Kept;

static void
kept_free (gpointer data)
{
  Kept *kept = data;

  g_free (kept->id);
  g_free (kept->json);
  g_free (kept);
}

struct _KontorImportOperation
{
  KontorOperation      parent_instance;

  KontorStore         *store;
  KontorImportChanges *changes;
  GPtrArray           *kept_contacts;    /* Kept, while undone */
  GPtrArray           *kept_companies;   /* Kept, while undone */
  GPtrArray           *kept_employments; /* Kept, while undone */
};

G_DEFINE_FINAL_TYPE (KontorImportOperation, kontor_import_operation, KONTOR_TYPE_OPERATION)

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

  stored = _kontor_store_find_record (self->store, info, update->id, &local_error);
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

  return _kontor_store_save_over (self->store, record, stored, &changed, error);
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

  if (!_kontor_store_exec (self->store,
                           "CREATE TEMP TABLE IF NOT EXISTS import_unsent "
                           "(id TEXT PRIMARY KEY, rid INTEGER NOT NULL);"
                           "DELETE FROM temp.import_unsent",
                           error))
    return NULL;

  stmt = _kontor_store_prepare (self->store,
                                "INSERT OR IGNORE INTO temp.import_unsent (id, rid) "
                                "SELECT id, rid FROM contact WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      if (!_kontor_store_step_done (self->store, stmt, error))
        return NULL;
    }

  /* IN (SELECT …) is one lookup table per statement, not a search per row */
  if (!_kontor_store_exec (self->store,
                           "DELETE FROM temp.import_unsent WHERE "
                           "id NOT IN (SELECT entity_id FROM outbox WHERE op = 'create' AND "
                           "           state = 'pending' AND push_seq IS NULL) OR "
                           "id IN (SELECT entity_id FROM outbox WHERE state <> 'pending' OR "
                           "       push_seq IS NOT NULL) OR "
                           "id IN (SELECT contact_id FROM employment) OR "
                           "id IN (SELECT contact_id FROM activity WHERE contact_id IS NOT NULL) OR "
                           "id IN (SELECT person_id FROM activity_participant) OR "
                           "id IN (SELECT contact_id FROM contact_group_member)",
                           error))
    return NULL;

  stmt = _kontor_store_prepare (self->store, "SELECT id FROM temp.import_unsent", error);
  if (stmt == NULL)
    return NULL;
  while ((result = _kontor_store_step (self->store, stmt, error)) == 1)
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

  if (!_kontor_store_check_role (self->store, KONTOR_TYPE_CONTACT, KONTOR_ACCESS_DELETE, error))
    return FALSE;

  _kontor_store_forget_names (self->store, "contact");

  /* the row ids first, for the lists that show them */
  stmt = _kontor_store_prepare (self->store, "SELECT rid FROM temp.import_unsent", error);
  if (stmt == NULL)
    return FALSE;
  while ((result = _kontor_store_step (self->store, stmt, error)) == 1)
    _kontor_store_note_change (self->store, "contact", sqlite3_column_int64 (stmt, 0));
  if (result < 0)
    return FALSE;

  return _kontor_store_exec (self->store,
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
         _kontor_store_mark_purge (self->store, error);
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

      for (guint i = 0; i < n; i++)
        batch[i] = g_ptr_array_index (ids, start + i);

      records = _kontor_store_load_ids (self->store, info, batch, error);
      if (records == NULL)
        return FALSE;

      for (guint i = 0; i < records->len; i++)
        {
          KontorRecord *record = g_ptr_array_index (records, i);

          Kept *one;

          if ((unsent == NULL ||
               !g_hash_table_contains (unsent, kontor_record_get_id (record))) &&
              !_kontor_store_delete_record (self->store, record, error))
            return FALSE;
          one = g_new (Kept, 1);
          one->type = type;
          one->id = g_strdup (kontor_record_get_id (record));
          one->created_at = kontor_record_get_created_at (record);
          one->json = kontor_record_to_json_string (record);
          g_ptr_array_add (kept, one);
        }
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
      sqlite3_stmt *stmt = _kontor_store_prepare (self->store,
                                                  "SELECT count(*) FROM contact "
                                                  "WHERE company_id = ?1", error);
      gint64 n = 0;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (_kontor_store_step_one (self->store, stmt, &n, NULL, error) < 0)
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
  sqlite3_stmt *stmt = _kontor_store_prepare (self->store, sql, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 n = 0;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      if (_kontor_store_step_one (self->store, stmt, &n, NULL, error) < 0)
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

  if (!kontor_store_get_keep_birthdays (self->store, &keep_birthdays, error))
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
                         keep_birthdays, error))
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
      Kept *one = g_ptr_array_index (kept, i);
      g_autoptr(KontorRecord) record = g_object_new (one->type, NULL);
      gboolean changed;

      kontor_record_set_id (record, one->id);
      kontor_record_set_created_at (record, one->created_at);
      if (!kontor_record_update_from_json_string (record, one->json, error))
        return FALSE;
      if (KONTOR_IS_CONTACT (record) &&
          !kontor_contact_check_birthday (KONTOR_CONTACT (record), keep_birthdays, NULL))
        kontor_contact_set_birthday (KONTOR_CONTACT (record), NULL);
      if (!_kontor_store_save_record (self->store, record, &changed, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
redo_all (KontorImportOperation  *self,
          GError                **error)
{
  gboolean keep_birthdays;

  if (!kontor_store_get_keep_birthdays (self->store, &keep_birthdays, error) ||
      !put_records (self, self->kept_companies, keep_birthdays, error) ||
      !put_records (self, self->kept_contacts, keep_birthdays, error))
    return FALSE;

  for (guint i = 0; i < self->changes->updates->len; i++)
    {
      if (!write_update (self, g_ptr_array_index (self->changes->updates, i), FALSE,
                         keep_birthdays, error))
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
      gint64 n_stored = kontor_store_count (self->store, KONTOR_TYPE_CONTACT, error);

      if (n_stored < 0)
        return FALSE;
      if (2 * (gint64) n >= n_stored)
        {
          index_creates = _kontor_store_drop_order_indexes (self->store, error);
          if (index_creates == NULL)
            return FALSE;
        }
    }

  return (undo ? undo_all (self, error) : redo_all (self, error)) &&
         _kontor_store_create_indexes (self->store, index_creates, error);
}

static gboolean
run_in_transaction (KontorImportOperation  *self,
                    gboolean                undo,
                    GError                **error)
{
  guint n = self->changes->contacts->len + self->changes->updates->len;
  gboolean bulk = n > BULK_CACHE_RECORDS;
  gboolean ok;

  if (bulk)
    _kontor_store_set_bulk (self->store, TRUE, FALSE);

  /* the values written back bring their own times */
  _kontor_store_set_times_given (self->store, TRUE);
  ok = _kontor_store_begin (self->store, error) &&
       _kontor_store_end (self->store, write_all (self, undo, error), error);
  _kontor_store_set_times_given (self->store, FALSE);

  if (bulk)
    _kontor_store_set_bulk (self->store, FALSE, ok);

  return ok;
}

static gboolean
kontor_import_operation_apply (KontorOperation  *operation,
                               GError          **error)
{
  KontorImportOperation *self = KONTOR_IMPORT_OPERATION (operation);

  if (!run_in_transaction (self, FALSE, error))
    return FALSE;

  g_ptr_array_set_size (self->kept_contacts, 0);
  g_ptr_array_set_size (self->kept_companies, 0);
  g_ptr_array_set_size (self->kept_employments, 0);

  return TRUE;
}

static gboolean
kontor_import_operation_undo (KontorOperation  *operation,
                              GError          **error)
{
  KontorImportOperation *self = KONTOR_IMPORT_OPERATION (operation);

  g_ptr_array_set_size (self->kept_contacts, 0);
  g_ptr_array_set_size (self->kept_companies, 0);
  g_ptr_array_set_size (self->kept_employments, 0);
  if (!run_in_transaction (self, TRUE, error))
    {
      /* rolled back: nothing was deleted */
      g_ptr_array_set_size (self->kept_contacts, 0);
      g_ptr_array_set_size (self->kept_companies, 0);
      g_ptr_array_set_size (self->kept_employments, 0);
      return FALSE;
    }

  /* the words of the deleted contacts leave the search index */
  if (self->kept_contacts->len > 0 || self->kept_companies->len > 0)
    _kontor_store_purge_in_background (self->store);

  return TRUE;
}

static void
kontor_import_operation_finalize (GObject *object)
{
  KontorImportOperation *self = KONTOR_IMPORT_OPERATION (object);

  g_clear_object (&self->store);
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
}

static void
kontor_import_operation_init (KontorImportOperation *self)
{
  self->kept_contacts = g_ptr_array_new_with_free_func (kept_free);
  self->kept_companies = g_ptr_array_new_with_free_func (kept_free);
  self->kept_employments = g_ptr_array_new_with_free_func (kept_free);
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
