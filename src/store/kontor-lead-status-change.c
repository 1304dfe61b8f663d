/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-status-change"

#include "config.h"

#include "kontor-lead-status-change.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-store-lead.h"

/**
 * KontorLeadStatusChange:
 *
 * An undoable edit of a lead project's status list as a whole (feature
 * D2, src/README.md "Lead projects"): the statuses in their new order,
 * renamed, with their limit of leads and default probability, with new
 * ones of the users' among them, and the statuses to delete
 * (kontor_lead_status_change_delete()). Apply and undo are each one transaction, and every write
 * passes the store's hooks with the model's rules: a delete
 * kontor_lead_status_check_delete() (no system status, none with
 * entries; the whole change is refused then), the list
 * kontor_lead_status_check_place(): the statuses deleted go first, the
 * won and lost statuses step aside to the far end, the others take their
 * places after the first status, then won and lost follow them; so no
 * write puts a status where the rules forbid. Undo deletes the statuses
 * the change made and puts the others back as they were, the deleted ones
 * again under their ids.
 */
struct _KontorLeadStatusChange
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  char            *project_id;
  GPtrArray       *after;   /* KontorLeadStatus, the list wanted, in order */
  GPtrArray       *before;  /* KontorLeadStatus as stored before the first apply */
  GPtrArray       *deleted; /* ids of the statuses to delete */
};

G_DEFINE_FINAL_TYPE (KontorLeadStatusChange, kontor_lead_status_change, KONTOR_TYPE_OPERATION)

/* out of the way of any list a person makes */
#define ASIDE G_GINT64_CONSTANT (1000000000000)

static gboolean
is_end (KontorLeadStatus *status)
{
  KontorLeadStatusRole role = kontor_lead_status_get_role (status);

  return role == KONTOR_LEAD_STATUS_ROLE_WON || role == KONTOR_LEAD_STATUS_ROLE_LOST;
}

/* Stores @wanted's name, limit and probability at @position: over the
 * stored status, or as a new one (again under its id after an undo, or
 * after the undo of its delete); @wanted becomes what was stored */
static gboolean
put (KontorLeadStatusChange  *self,
     GPtrArray               *list,
     guint                    index,
     gint64                   position,
     GError                 **error)
{
  KontorLeadStatus *wanted = g_ptr_array_index (list, index);
  const char *id = kontor_record_get_id (KONTOR_RECORD (wanted));
  g_autoptr(KontorLeadStatus) status = NULL;
  gboolean changed;

  if (id != NULL)
    status = kontor_store_load (self->store, KONTOR_TYPE_LEAD_STATUS, id, NULL);
  if (status == NULL)
    status = KONTOR_LEAD_STATUS (kontor_record_copy (KONTOR_RECORD (wanted)));
  kontor_lead_status_set_name (status, kontor_lead_status_get_name (wanted));
  kontor_lead_status_set_position (status, position);
  kontor_lead_status_set_wip_limit (status, kontor_lead_status_get_wip_limit (wanted));
  kontor_lead_status_set_probability (status, kontor_lead_status_get_probability (wanted));
  if (!_kontor_store_save_record (self->store, KONTOR_RECORD (status), &changed, error))
    return FALSE;
  g_ptr_array_index (list, index) = g_object_ref (status);
  g_object_unref (wanted);

  return TRUE;
}

/* Each stored status of @list that gets another name takes its id as its
 * name first: names are unique in a project at every write, and two
 * statuses that swap names (or a rename into a name another status gives
 * up, and its undo) would otherwise meet */
static gboolean
set_names_aside (KontorLeadStatusChange  *self,
                 GPtrArray               *list,
                 GError                 **error)
{
  for (guint i = 0; i < list->len; i++)
    {
      KontorLeadStatus *wanted = g_ptr_array_index (list, i);
      const char *id = kontor_record_get_id (KONTOR_RECORD (wanted));
      g_autoptr(KontorLeadStatus) status = NULL;
      gboolean changed;

      if (id != NULL)
        status = kontor_store_load (self->store, KONTOR_TYPE_LEAD_STATUS, id, NULL);
      if (status == NULL ||
          g_strcmp0 (kontor_lead_status_get_name (status), kontor_lead_status_get_name (wanted)) == 0)
        continue;
      kontor_lead_status_set_name (status, id);
      if (!_kontor_store_save_record (self->store, KONTOR_RECORD (status), &changed, error))
        return FALSE;
    }

  return TRUE;
}

/* Makes the stored list @list, in three steps that each keep the rules */
static gboolean
write_list (KontorLeadStatusChange  *self,
            GPtrArray               *list,
            GError                 **error)
{
  gint64 position = 1;
  guint n_ends = 0;

  if (!set_names_aside (self, list, error))
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    if (is_end (g_ptr_array_index (list, i)) &&
        !put (self, list, i, ASIDE + n_ends++, error))
      return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      KontorLeadStatus *status = g_ptr_array_index (list, i);

      if (kontor_lead_status_get_role (status) == KONTOR_LEAD_STATUS_ROLE_FIRST)
        {
          if (!put (self, list, i, 0, error))
            return FALSE;
        }
      else if (!is_end (status) && !put (self, list, i, position++, error))
        return FALSE;
    }
  for (guint i = 0; i < list->len; i++)
    if (is_end (g_ptr_array_index (list, i)) && !put (self, list, i, position++, error))
      return FALSE;

  return TRUE;
}

static gboolean
in_list (GPtrArray  *list,
         const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (kontor_record_get_id (g_ptr_array_index (list, i)), id) == 0)
      return TRUE;

  return FALSE;
}

/* The statuses to delete go first (the store's hook asks
 * kontor_lead_status_check_delete()), so their names are free for the
 * list */
static gboolean
delete_statuses (KontorLeadStatusChange  *self,
                 GError                 **error)
{
  for (guint i = 0; i < self->deleted->len; i++)
    {
      g_autoptr(KontorLeadStatus) stored = NULL;

      stored = kontor_store_load (self->store, KONTOR_TYPE_LEAD_STATUS,
                                  g_ptr_array_index (self->deleted, i), error);
      if (stored == NULL ||
          !_kontor_store_delete_record (self->store, KONTOR_RECORD (stored), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_in (KontorLeadStatusChange  *self,
          GError                 **error)
{
  if (self->before == NULL)
    {
      self->before = kontor_store_list_lead_statuses (self->store, self->project_id, error);
      if (self->before == NULL)
        return FALSE;
    }

  return delete_statuses (self, error) && write_list (self, self->after, error);
}

/* The statuses the change made go, the others are put back */
static gboolean
undo_in (KontorLeadStatusChange  *self,
         GError                 **error)
{
  for (guint i = 0; i < self->after->len; i++)
    {
      const char *id = kontor_record_get_id (g_ptr_array_index (self->after, i));
      g_autoptr(KontorLeadStatus) stored = NULL;

      if (in_list (self->before, id))
        continue;
      stored = kontor_store_load (self->store, KONTOR_TYPE_LEAD_STATUS, id, error);
      if (stored == NULL ||
          !_kontor_store_delete_record (self->store, KONTOR_RECORD (stored), error))
        return FALSE;
      /* kept as it was stored, for the next apply to bring back */
      g_object_unref (g_ptr_array_index (self->after, i));
      g_ptr_array_index (self->after, i) = g_steal_pointer (&stored);
    }

  return write_list (self, self->before, error);
}

static gboolean
kontor_lead_status_change_apply (KontorOperation  *operation,
                                 GError          **error)
{
  KontorLeadStatusChange *self = KONTOR_LEAD_STATUS_CHANGE (operation);

  if (!_kontor_store_begin (self->store, error))
    return FALSE;

  return _kontor_store_end (self->store, apply_in (self, error), error);
}

static gboolean
kontor_lead_status_change_undo (KontorOperation  *operation,
                                GError          **error)
{
  KontorLeadStatusChange *self = KONTOR_LEAD_STATUS_CHANGE (operation);

  if (!_kontor_store_begin (self->store, error))
    return FALSE;

  return _kontor_store_end (self->store, undo_in (self, error), error);
}

static void
kontor_lead_status_change_finalize (GObject *object)
{
  KontorLeadStatusChange *self = KONTOR_LEAD_STATUS_CHANGE (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_clear_pointer (&self->after, g_ptr_array_unref);
  g_clear_pointer (&self->before, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, g_ptr_array_unref);

  G_OBJECT_CLASS (kontor_lead_status_change_parent_class)->finalize (object);
}

static void
kontor_lead_status_change_class_init (KontorLeadStatusChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_lead_status_change_finalize;
  operation_class->apply = kontor_lead_status_change_apply;
  operation_class->undo = kontor_lead_status_change_undo;
}

static void
kontor_lead_status_change_init (KontorLeadStatusChange *self)
{
}

/**
 * kontor_lead_status_change_new:
 * @store: the store
 * @project_id: the project whose statuses change
 * @statuses: (element-type KontorLeadStatus): the whole list wanted, in
 *   order: the project's statuses (copies, renamed and with the limit and
 *   probability wanted) and new ones of the project; the change keeps
 *   copies
 * @title: what the undo says
 *
 * Returns: (transfer full): the change, not applied yet
 */
KontorLeadStatusChange *
kontor_lead_status_change_new (KontorStore *store,
                               const char  *project_id,
                               GPtrArray   *statuses,
                               const char  *title)
{
  KontorLeadStatusChange *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (statuses != NULL, NULL);

  self = g_object_new (KONTOR_TYPE_LEAD_STATUS_CHANGE, NULL);
  kontor_operation_set_title (KONTOR_OPERATION (self), title);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->after = g_ptr_array_new_with_free_func (g_object_unref);
  self->deleted = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < statuses->len; i++)
    g_ptr_array_add (self->after, kontor_record_copy (g_ptr_array_index (statuses, i)));

  return self;
}

/**
 * kontor_lead_status_change_delete:
 * @self: a change not applied yet
 * @status_id: a stored status of the project, not in the change's list
 *
 * Deletes the status too, in the same transaction and undo step, before
 * the list is written. The store refuses the whole change when the model
 * does (kontor_lead_status_check_delete(): a system status, or one with
 * entries); the undo brings the status back under its id, with its
 * place, name, limit and probability.
 */
void
kontor_lead_status_change_delete (KontorLeadStatusChange *self,
                                  const char             *status_id)
{
  g_return_if_fail (KONTOR_IS_LEAD_STATUS_CHANGE (self));
  g_return_if_fail (status_id != NULL);
  g_return_if_fail (self->before == NULL);

  g_ptr_array_add (self->deleted, g_strdup (status_id));
}
