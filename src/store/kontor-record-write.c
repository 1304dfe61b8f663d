/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-record-write"

#include "config.h"

#include "kontor-record-write.h"

/**
 * KontorRecordWrite:
 *
 * An undoable creation or deletion of one record as a whole (an activity
 * recorded, an activity deleted; src/README.md "Undo"). Applying a
 * creation saves the record, undoing it deletes it again (a tombstone and
 * a `delete` entry, as every delete); applying a deletion deletes it and
 * keeps it as it was stored, and undoing brings the same record back
 * under its id (a `restore`, or a `create` for a record the server never
 * saw). Edits are #KontorFieldChange, field by field.
 */
struct _KontorRecordWrite
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  KontorRecord    *record;   /* as it is when it exists */
  gboolean         creates;
};

G_DEFINE_FINAL_TYPE (KontorRecordWrite, kontor_record_write, KONTOR_TYPE_OPERATION)

/* Saves the kept record under its id; a new row when it was deleted */
static gboolean
put (KontorRecordWrite  *self,
     GError            **error)
{
  g_autoptr(KontorRecord) copy = kontor_record_copy (self->record);

  if (!kontor_store_save (self->store, copy, error))
    return FALSE;

  /* the id, row id and times the store gave it, for the next undo */
  g_set_object (&self->record, copy);

  return TRUE;
}

/* Deletes the record, keeping it as stored now for the way back */
static gboolean
take (KontorRecordWrite  *self,
      GError            **error)
{
  g_autoptr(KontorRecord) stored = kontor_store_load (self->store,
                                                      G_OBJECT_TYPE (self->record),
                                                      kontor_record_get_id (self->record),
                                                      error);

  if (stored == NULL || !kontor_store_delete (self->store, stored, error))
    return FALSE;

  g_set_object (&self->record, stored);

  return TRUE;
}

static gboolean
kontor_record_write_apply (KontorOperation  *operation,
                           GError          **error)
{
  KontorRecordWrite *self = KONTOR_RECORD_WRITE (operation);

  return self->creates ? put (self, error) : take (self, error);
}

static gboolean
kontor_record_write_undo (KontorOperation  *operation,
                          GError          **error)
{
  KontorRecordWrite *self = KONTOR_RECORD_WRITE (operation);

  return self->creates ? take (self, error) : put (self, error);
}

static void
kontor_record_write_finalize (GObject *object)
{
  KontorRecordWrite *self = KONTOR_RECORD_WRITE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (kontor_record_write_parent_class)->finalize (object);
}

static void
kontor_record_write_class_init (KontorRecordWriteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_record_write_finalize;
  operation_class->apply = kontor_record_write_apply;
  operation_class->undo = kontor_record_write_undo;
}

static void
kontor_record_write_init (KontorRecordWrite *self)
{
}

static KontorRecordWrite *
record_write_new (KontorStore  *store,
                  KontorRecord *record,
                  gboolean      creates,
                  const char   *title)
{
  KontorRecordWrite *self = g_object_new (KONTOR_TYPE_RECORD_WRITE, "title", title, NULL);

  self->store = g_object_ref (store);
  self->record = kontor_record_copy (record);
  self->creates = creates;

  return self;
}

/**
 * kontor_record_write_new_create:
 * @store: the store
 * @record: a new record, not stored yet (it is copied)
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): the creation of @record, to apply
 */
KontorRecordWrite *
kontor_record_write_new_create (KontorStore  *store,
                                KontorRecord *record,
                                const char   *title)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_RECORD (record), NULL);
  g_return_val_if_fail (kontor_record_get_rowid (record) == 0, NULL);

  return record_write_new (store, record, TRUE, title);
}

/**
 * kontor_record_write_new_delete:
 * @store: the store
 * @record: a stored record (only its type and id are used)
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): the deletion of @record, to apply
 */
KontorRecordWrite *
kontor_record_write_new_delete (KontorStore  *store,
                                KontorRecord *record,
                                const char   *title)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_RECORD (record), NULL);
  g_return_val_if_fail (kontor_record_get_id (record) != NULL, NULL);

  return record_write_new (store, record, FALSE, title);
}

/**
 * kontor_record_write_get_record:
 * @self: a record write
 *
 * Returns: (transfer none): the record, as stored when it exists (after a
 *   creation is applied: with its id and row id)
 */
KontorRecord *
kontor_record_write_get_record (KontorRecordWrite *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_WRITE (self), NULL);

  return self->record;
}
