/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-bulk-change"

#include "config.h"

#include <string.h>

#include "kontor-bulk-change.h"
#include "kontor-store-crud.h"
#include "kontor-store-entity.h"

/**
 * KontorBulkChange:
 *
 * One undoable change of many contacts at once, from the action bar of the
 * contacts table (feature L6, src/README.md): archive them, move them to a
 * pipeline status, add an assignee, assign a team.
 *
 * Applying is one store transaction, all or nothing: every contact goes
 * through the store's own save of one record (_kontor_store_save_over()),
 * so the role, the record rules, the outbox entry of each changed field and
 * its history are what a single save makes; one contact that may not
 * change rolls back all of them. Per contact it keeps the fields the save
 * changed, those the store's rules derived too (the previous status of an
 * archived contact, the board place and the time in the column of a moved
 * one, the "new" mark), with the values they had; undo writes exactly those
 * back, in one transaction again. Redo applies again from the state then.
 *
 * A pipeline status is set the way the contact form sets it: the new status
 * without a board place, and the store's rule for that puts the card last
 * in its column and starts its time there (contact_check() in
 * kontor-store-contact.c), the place a board move to a column without
 * neighbours gives. The store refuses it for inbox and archived contacts.
 */

/* Above this many contacts the store's bulk cache is used, as for an
 * import (kontor_store_save_all()) */
#define BULK_CACHE_RECORDS 1000

/* Contacts are loaded this many at a time (_kontor_store_load_ids()):
 * a few statements for each batch instead of five per contact, and never
 * all of 10 000 in memory at once */
#define LOAD_BATCH 500

typedef struct
{
  char   *id;
  GArray *indexes;     /* guint: the fields the apply changed */
  GArray *values;      /* GValue: their values before */
} Restore;

struct _KontorBulkChange
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  KontorBulkKind   kind;
  GStrv            ids;
  char            *value;      /* a pipeline status, user or team id */
  GPtrArray       *restores;   /* Restore, in the order applied; filled by apply */
};

G_DEFINE_FINAL_TYPE (KontorBulkChange, kontor_bulk_change, KONTOR_TYPE_OPERATION)

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_free (restore->id);
  g_array_unref (restore->indexes);
  g_array_unref (restore->values);
  g_free (restore);
}

/* The change itself, on a copy of the stored contact */
static void
change_contact (KontorBulkChange *self,
                KontorContact    *contact)
{
  switch (self->kind)
    {
    case KONTOR_BULK_ARCHIVE:
      kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
      break;

    case KONTOR_BULK_SET_PIPELINE_STATUS:
      /* as the contact form does (kontor-sales-section.c): no place in the
       * new column yet, so the store puts the card last */
      if (g_strcmp0 (kontor_contact_get_pipeline_status_id (contact), self->value) != 0)
        {
          kontor_contact_set_pipeline_status_id (contact, self->value);
          kontor_contact_set_rank (contact, NULL);
        }
      break;

    case KONTOR_BULK_ADD_ASSIGNEE:
      {
        const char * const *assignees = kontor_contact_get_assignees (contact);
        g_autoptr(GStrvBuilder) builder = NULL;
        g_auto(GStrv) added = NULL;

        if (assignees != NULL && g_strv_contains (assignees, self->value))
          break;

        builder = g_strv_builder_new ();
        if (assignees != NULL)
          g_strv_builder_addv (builder, (const char **) assignees);
        g_strv_builder_add (builder, self->value);
        added = g_strv_builder_end (builder);
        kontor_contact_set_assignees (contact, (const char * const *) added);
      }
      break;

    case KONTOR_BULK_SET_TEAM:
      kontor_contact_set_assigned_team_id (contact, self->value);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Saves @record over @stored, as loaded inside the running transaction:
 * the store's own save of one record without loading it again */
static gboolean
save_one (KontorBulkChange  *self,
          KontorRecord      *record,
          KontorRecord      *stored,
          GError           **error)
{
  gboolean changed;

  return _kontor_store_save_over (self->store, record, stored, &changed, error);
}

/* The stored contacts of @ids[@start] up to LOAD_BATCH of them, and
 * @start moved past them; %NULL at the end (an empty array) or on error */
static GPtrArray *
load_batch (KontorBulkChange    *self,
            const char * const  *ids,
            guint                n_ids,
            guint               *start,
            GError             **error)
{
  guint n = MIN (LOAD_BATCH, n_ids - *start);
  g_autofree const char **batch = g_new0 (const char *, n + 1);

  memcpy (batch, ids + *start, n * sizeof (char *));
  *start += n;

  return _kontor_store_load_ids (self->store, _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT),
                                 batch, error);
}

/* What the save of @edited over @stored changed, with the values before:
 * the store's derived fields too, which the save leaves on @edited */
static Restore *
restore_new (KontorRecord *stored,
             KontorRecord *edited)
{
  g_autoptr(GArray) changed = kontor_record_diff (stored, edited);
  Restore *restore = g_new0 (Restore, 1);

  restore->id = g_strdup (kontor_record_get_id (stored));
  restore->indexes = g_array_ref (changed);
  restore->values = g_array_sized_new (FALSE, TRUE, sizeof (GValue), changed->len);
  g_array_set_clear_func (restore->values, (GDestroyNotify) g_value_unset);
  for (guint j = 0; j < changed->len; j++)
    {
      const GValue *old = kontor_record_get_value (stored, g_array_index (changed, guint, j));
      GValue copy = G_VALUE_INIT;

      g_value_init (&copy, G_VALUE_TYPE (old));
      g_value_copy (old, &copy);
      g_array_append_val (restore->values, copy);
    }

  return restore;
}

static gboolean
apply_all (KontorBulkChange  *self,
           GPtrArray         *restores,
           GError           **error)
{
  guint n_ids = g_strv_length (self->ids);
  guint start = 0;

  while (start < n_ids)
    {
      g_autoptr(GPtrArray) batch = load_batch (self, (const char * const *) self->ids, n_ids,
                                               &start, error);

      if (batch == NULL)
        return FALSE;

      for (guint i = 0; i < batch->len; i++)
        {
          KontorRecord *stored = g_ptr_array_index (batch, i);
          g_autoptr(KontorRecord) edited = kontor_record_copy (stored);

          change_contact (self, KONTOR_CONTACT (edited));
          if (!save_one (self, edited, stored, error))
            return FALSE;
          g_ptr_array_add (restores, restore_new (stored, edited));
        }
    }

  return TRUE;
}

static gboolean
undo_all (KontorBulkChange  *self,
          GError           **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) restores = g_ptr_array_new ();
  guint start = 0;

  for (guint i = self->restores->len; i > 0; i--)
    {
      Restore *restore = g_ptr_array_index (self->restores, i - 1);

      if (restore->indexes->len == 0)
        continue;
      g_ptr_array_add (ids, restore->id);
      g_ptr_array_add (restores, restore);
    }

  while (start < ids->len)
    {
      guint first = start;
      g_autoptr(GPtrArray) batch = NULL;

      batch = load_batch (self, (const char * const *) ids->pdata, ids->len, &start, error);
      if (batch == NULL)
        return FALSE;

      for (guint i = 0; i < batch->len; i++)
        {
          Restore *restore = g_ptr_array_index (restores, first + i);
          KontorRecord *stored = g_ptr_array_index (batch, i);
          g_autoptr(KontorRecord) record = kontor_record_copy (stored);

          for (guint j = 0; j < restore->indexes->len; j++)
            kontor_record_set_value (record, g_array_index (restore->indexes, guint, j),
                                     &g_array_index (restore->values, GValue, j));
          if (!save_one (self, record, stored, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Runs apply_all() or undo_all() in one transaction. */
static gboolean
run_in_transaction (KontorBulkChange  *self,
                    gboolean           apply,
                    GError           **error)
{
  g_autoptr(GPtrArray) restores = g_ptr_array_new_with_free_func (restore_free);
  gboolean bulk = g_strv_length (self->ids) > BULK_CACHE_RECORDS;
  gboolean ok;

  if (bulk)
    _kontor_store_set_bulk (self->store, TRUE, FALSE);

  /* an undo puts back the times that were (cleared by the end) */
  _kontor_store_set_times_given (self->store, !apply);
  ok = _kontor_store_begin (self->store, error) &&
       _kontor_store_end (self->store,
                          apply ? apply_all (self, restores, error) : undo_all (self, error),
                          error);
  _kontor_store_set_times_given (self->store, FALSE);

  if (bulk)
    _kontor_store_set_bulk (self->store, FALSE, ok);

  /* what is kept for undo is what was committed */
  if (ok && apply)
    {
      g_clear_pointer (&self->restores, g_ptr_array_unref);
      self->restores = g_steal_pointer (&restores);
    }

  return ok;
}

static gboolean
kontor_bulk_change_apply (KontorOperation  *operation,
                          GError          **error)
{
  return run_in_transaction (KONTOR_BULK_CHANGE (operation), TRUE, error);
}

static gboolean
kontor_bulk_change_undo (KontorOperation  *operation,
                         GError          **error)
{
  KontorBulkChange *self = KONTOR_BULK_CHANGE (operation);

  g_return_val_if_fail (self->restores != NULL, FALSE);

  return run_in_transaction (self, FALSE, error);
}

static void
kontor_bulk_change_finalize (GObject *object)
{
  KontorBulkChange *self = KONTOR_BULK_CHANGE (object);

  g_clear_object (&self->store);
  g_strfreev (self->ids);
  g_free (self->value);
  g_clear_pointer (&self->restores, g_ptr_array_unref);

  G_OBJECT_CLASS (kontor_bulk_change_parent_class)->finalize (object);
}

static void
kontor_bulk_change_class_init (KontorBulkChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_bulk_change_finalize;
  operation_class->apply = kontor_bulk_change_apply;
  operation_class->undo = kontor_bulk_change_undo;
}

static void
kontor_bulk_change_init (KontorBulkChange *self)
{
}

/* @ids without repeats, in their order: each contact is loaded once, in
 * batches, and changed once */
static GStrv
dup_unique (const char * const *ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_hash_table_add (seen, (gpointer) ids[i]))
        g_strv_builder_add (builder, ids[i]);
    }

  return g_strv_builder_end (builder);
}

/**
 * kontor_bulk_change_new:
 * @store: the store
 * @kind: what to do to each contact
 * @contact_ids: (array zero-terminated=1): the ids of stored contacts; one
 *   named twice is changed once
 * @value: (nullable): the pipeline status id (%KONTOR_BULK_SET_PIPELINE_STATUS),
 *   user id (%KONTOR_BULK_ADD_ASSIGNEE) or team id, %NULL for none
 *   (%KONTOR_BULK_SET_TEAM); ignored for %KONTOR_BULK_ARCHIVE
 * @title: (nullable): what the toast says ("3 contacts archived")
 *
 * Returns: (transfer full): the change, not applied yet
 */
KontorBulkChange *
kontor_bulk_change_new (KontorStore         *store,
                        KontorBulkKind       kind,
                        const char * const  *contact_ids,
                        const char          *value,
                        const char          *title)
{
  KontorBulkChange *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (contact_ids != NULL, NULL);
  g_return_val_if_fail (kind <= KONTOR_BULK_SET_TEAM, NULL);
  g_return_val_if_fail (value != NULL || kind == KONTOR_BULK_ARCHIVE ||
                        kind == KONTOR_BULK_SET_TEAM, NULL);

  self = g_object_new (KONTOR_TYPE_BULK_CHANGE, "title", title, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->ids = dup_unique (contact_ids);
  self->value = kind != KONTOR_BULK_ARCHIVE ? g_strdup (value) : NULL;

  return self;
}

KontorBulkKind
kontor_bulk_change_get_kind (KontorBulkChange *self)
{
  g_return_val_if_fail (KONTOR_IS_BULK_CHANGE (self), KONTOR_BULK_ARCHIVE);

  return self->kind;
}

/**
 * kontor_bulk_change_get_n_contacts:
 * @self: a change
 *
 * Returns: how many contacts the change is for
 */
guint
kontor_bulk_change_get_n_contacts (KontorBulkChange *self)
{
  g_return_val_if_fail (KONTOR_IS_BULK_CHANGE (self), 0);

  return g_strv_length (self->ids);
}

/**
 * kontor_store_delete_all:
 * @store: a store
 * @records: (element-type KontorRecord): stored records; only their types
 *   and ids are used
 * @error: return location for a #GError
 *
 * Deletes all @records for good in one transaction, each as
 * kontor_store_delete() does (its role check, tombstone and "delete"
 * outbox entry): all of them or, on an error, none. Not undoable, like a
 * single delete.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_delete_all (KontorStore  *store,
                         GPtrArray    *records,
                         GError      **error)
{
  gboolean searched = FALSE;
  gboolean bulk;
  gboolean ok = TRUE;

  g_return_val_if_fail (KONTOR_IS_STORE (store), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (records->len == 0)
    return TRUE;

  bulk = records->len > BULK_CACHE_RECORDS;
  if (bulk)
    _kontor_store_set_bulk (store, TRUE, FALSE);

  if (!_kontor_store_begin (store, error))
    ok = FALSE;

  for (guint i = 0; ok && i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);
      const KontorEntityInfo *info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));

      g_return_val_if_fail (info != NULL && kontor_record_get_id (record) != NULL, FALSE);

      searched |= info->search_table != NULL;
      if (!_kontor_store_delete_record (store, record, error))
        {
          _kontor_store_rollback (store);
          ok = FALSE;
        }
    }

  if (ok)
    ok = _kontor_store_commit (store, error);

  if (bulk)
    _kontor_store_set_bulk (store, FALSE, ok);

  /* as after one delete: the words left in the search index go */
  if (ok && searched)
    _kontor_store_purge_in_background (store);

  return ok;
}

/**
 * kontor_store_dup_ids:
 * @store: a store
 * @type: a record type, such as %KONTOR_TYPE_CONTACT
 * @rowids: (element-type gint64): row ids of records of @type, as a
 *   #KontorRecordList holds them
 * @error: return location for a #GError
 *
 * The ids of many records without loading them: what a selection of
 * thousands of rows needs to act on them.
 *
 * Returns: (transfer full) (nullable): the ids in the order of @rowids,
 *   without those not stored (any more), %NULL-terminated; %NULL on error
 */
char **
kontor_store_dup_ids (KontorStore  *store,
                      GType         type,
                      GArray       *rowids,
                      GError      **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (type);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (rowids != NULL, NULL);

  builder = g_strv_builder_new ();
  sql = g_strdup_printf ("SELECT id FROM %s WHERE rid = ?1", info->table);

  for (guint i = 0; i < rowids->len; i++)
    {
      /* prepared once: the store keeps its statements */
      sqlite3_stmt *stmt = _kontor_store_prepare (store, sql, error);
      g_autofree char *id = NULL;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g_array_index (rowids, gint64, i));
      if (_kontor_store_step_one (store, stmt, NULL, &id, error) < 0)
        return NULL;
      if (id != NULL)
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}
