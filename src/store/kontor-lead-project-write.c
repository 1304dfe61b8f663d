/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-project-write"

#include "config.h"

#include "kontor-lead-project-write.h"
#include "kontor-store-crud.h"
#include "kontor-store-lead.h"

/**
 * KontorLeadProjectWrite:
 *
 * An undoable creation or deletion of a lead project as a whole
 * (src/README.md "Lead projects", "Undo"): a creation stores the project
 * with its system statuses; a deletion deletes its entries, its statuses
 * and the project, each with its tombstone, in one transaction. The way
 * back brings the same records back under their ids (a `restore` for the
 * server), in one transaction too, and keeps them as stored for the next
 * step.
 */
struct _KontorLeadProjectWrite
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  KontorRecord    *project;    /* as it is when it exists */
  GPtrArray       *statuses;   /* as stored when it was last taken; NULL before */
  GPtrArray       *entries;
  gboolean         creates;
};

G_DEFINE_FINAL_TYPE (KontorLeadProjectWrite, kontor_lead_project_write, KONTOR_TYPE_OPERATION)

static gboolean
put_all (KontorStore  *store,
         GPtrArray    *records,
         GError      **error)
{
  gboolean changed;

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(KontorRecord) copy = kontor_record_copy (g_ptr_array_index (records, i));

      if (!_kontor_store_save_record (store, copy, &changed, error))
        return FALSE;
    }

  return TRUE;
}

/* The entries back, but not those whose contact was deleted since, or
 * is in the Inbox or archived now (feature C4, which a new entry keeps):
 * one such contact would otherwise keep the whole project from coming
 * back, and the undo would be lost */
static gboolean
put_entries (KontorStore  *store,
             GPtrArray    *entries,
             GError      **error)
{
  gboolean changed;

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(KontorRecord) copy = kontor_record_copy (g_ptr_array_index (entries, i));
      g_autoptr(KontorContact) contact = NULL;
      g_autoptr(GError) local_error = NULL;

      contact = (KontorContact *) kontor_store_load (store, KONTOR_TYPE_CONTACT,
                                                     kontor_lead_entry_get_contact_id (KONTOR_LEAD_ENTRY (copy)),
                                                     &local_error);
      if (contact == NULL)
        {
          if (g_error_matches (local_error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (kontor_contact_status_is_restricted (kontor_contact_get_status (contact)))
        continue;
      if (!_kontor_store_save_record (store, copy, &changed, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
put_in_transaction (KontorLeadProjectWrite  *self,
                    GError                 **error)
{
  g_autoptr(KontorRecord) project = kontor_record_copy (self->project);
  gboolean changed;

  /* the first creation makes its system statuses */
  if (self->statuses == NULL)
    {
      if (!_kontor_store_create_lead_project_in (self->store, KONTOR_LEAD_PROJECT (project),
                                                 error))
        return FALSE;
    }
  else if (!_kontor_store_save_record (self->store, project, &changed, error) ||
           !put_all (self->store, self->statuses, error) ||
           !put_entries (self->store, self->entries, error))
    return FALSE;

  g_set_object (&self->project, project);

  return TRUE;
}

/* Deletes the project with its statuses and entries, keeping them as
 * stored now for the way back */
static gboolean
take_in_transaction (KontorLeadProjectWrite  *self,
                     GError                 **error)
{
  const char *id = kontor_record_get_id (self->project);
  g_autoptr(KontorRecord) stored = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  stored = kontor_store_load (self->store, KONTOR_TYPE_LEAD_PROJECT, id, error);
  if (stored == NULL)
    return FALSE;
  statuses = kontor_store_list_lead_statuses (self->store, id, error);
  if (statuses == NULL)
    return FALSE;
  entries = kontor_store_list_lead_entries (self->store, id, NULL, error);
  if (entries == NULL ||
      !_kontor_store_delete_lead_project_in (self->store, KONTOR_LEAD_PROJECT (stored), TRUE,
                                             error))
    return FALSE;

  g_set_object (&self->project, stored);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->statuses = g_steal_pointer (&statuses);
  self->entries = g_steal_pointer (&entries);

  return TRUE;
}

static gboolean
run (KontorLeadProjectWrite  *self,
     gboolean                 put,
     GError                 **error)
{
  if (!_kontor_store_begin (self->store, error))
    return FALSE;

  return _kontor_store_end (self->store,
                            put ? put_in_transaction (self, error)
                                : take_in_transaction (self, error),
                            error);
}

static gboolean
kontor_lead_project_write_apply (KontorOperation  *operation,
                                 GError          **error)
{
  KontorLeadProjectWrite *self = KONTOR_LEAD_PROJECT_WRITE (operation);

  return run (self, self->creates, error);
}

static gboolean
kontor_lead_project_write_undo (KontorOperation  *operation,
                                GError          **error)
{
  KontorLeadProjectWrite *self = KONTOR_LEAD_PROJECT_WRITE (operation);

  return run (self, !self->creates, error);
}

static void
kontor_lead_project_write_finalize (GObject *object)
{
  KontorLeadProjectWrite *self = KONTOR_LEAD_PROJECT_WRITE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->project);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (kontor_lead_project_write_parent_class)->finalize (object);
}

static void
kontor_lead_project_write_class_init (KontorLeadProjectWriteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_lead_project_write_finalize;
  operation_class->apply = kontor_lead_project_write_apply;
  operation_class->undo = kontor_lead_project_write_undo;
}

static void
kontor_lead_project_write_init (KontorLeadProjectWrite *self)
{
}

static KontorLeadProjectWrite *
write_new (KontorStore       *store,
           KontorLeadProject *project,
           gboolean           creates,
           const char        *title)
{
  KontorLeadProjectWrite *self = g_object_new (KONTOR_TYPE_LEAD_PROJECT_WRITE,
                                               "title", title, NULL);

  self->store = g_object_ref (store);
  self->project = kontor_record_copy (KONTOR_RECORD (project));
  self->creates = creates;

  return self;
}

/**
 * kontor_lead_project_write_new_create:
 * @store: the store
 * @project: a new project, not stored yet (it is copied)
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): the creation of @project with its system
 *   statuses, to apply
 */
KontorLeadProjectWrite *
kontor_lead_project_write_new_create (KontorStore       *store,
                                      KontorLeadProject *project,
                                      const char        *title)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT (project), NULL);
  g_return_val_if_fail (kontor_record_get_rowid (KONTOR_RECORD (project)) == 0, NULL);

  return write_new (store, project, TRUE, title);
}

/**
 * kontor_lead_project_write_new_delete:
 * @store: the store
 * @project: a stored project (only its id is used)
 * @title: (nullable): what the toast says
 *
 * The caller asks first: the project's entries go with it.
 *
 * Returns: (transfer full): the deletion of @project with its statuses
 *   and entries, to apply
 */
KontorLeadProjectWrite *
kontor_lead_project_write_new_delete (KontorStore       *store,
                                      KontorLeadProject *project,
                                      const char        *title)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT (project), NULL);
  g_return_val_if_fail (kontor_record_get_id (KONTOR_RECORD (project)) != NULL, NULL);

  return write_new (store, project, FALSE, title);
}

/**
 * kontor_lead_project_write_get_project:
 * @self: a lead project write
 *
 * Returns: (transfer none): the project, as stored when it exists (after
 *   a creation is applied: with its id and row id)
 */
KontorLeadProject *
kontor_lead_project_write_get_project (KontorLeadProjectWrite *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT_WRITE (self), NULL);

  return KONTOR_LEAD_PROJECT (self->project);
}
