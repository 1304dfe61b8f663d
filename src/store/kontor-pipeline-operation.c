/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-pipeline-operation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-pipeline-operation.h"
#include "kontor-pipeline-rules.h"
#include "kontor-store-crud.h"
#include "kontor-uuid.h"

/**
 * KontorPipelineOperation:
 *
 * An undoable change of the board's columns (feature P7, src/README.md): add a column
 * left or right of another, delete an empty one, move one left or right,
 * rename one. Each apply and each undo is one store transaction; the
 * store refuses what the column rules forbid (kontor-pipeline-rules.h)
 * with a message that says why.
 */

typedef enum
{
  KIND_ADD,
  KIND_DELETE,
  KIND_MOVE,
  KIND_RENAME,
} Kind;

struct _KontorPipelineOperation
{
  KontorOperation       parent_instance;

  KontorStore          *store;
  Kind                  kind;
  char                 *status_id;     /* the column acted on; for ADD, the new one */
  char                 *neighbour_id;  /* ADD: next to which; MOVE: swapped with (by apply) */
  gboolean              after;         /* ADD: right of the neighbour */
  int                   delta;         /* MOVE: -1 left, 1 right */
  char                 *name;          /* ADD, RENAME: the new name */
  char                 *old_name;      /* RENAME: kept by apply */
  KontorPipelineStatus *deleted;       /* DELETE: the column as it was */
};

G_DEFINE_FINAL_TYPE (KontorPipelineOperation, kontor_pipeline_operation, KONTOR_TYPE_OPERATION)

typedef gboolean (*Step) (KontorPipelineOperation  *self,
                          GError                  **error);

/* Runs @step in one transaction: all of it is stored, or nothing. */
static gboolean
in_transaction (KontorPipelineOperation  *self,
                Step                      step,
                GError                  **error)
{
  if (!_kontor_store_begin (self->store, error))
    return FALSE;

  return _kontor_store_end (self->store, step (self, error), error);
}

static gboolean
save (KontorPipelineOperation  *self,
      KontorPipelineStatus     *status,
      GError                  **error)
{
  gboolean changed;

  return _kontor_store_save_record (self->store, KONTOR_RECORD (status), &changed, error);
}

static guint
find_index (GPtrArray  *statuses,
            const char *id)
{
  for (guint i = 0; i < statuses->len; i++)
    {
      if (g_strcmp0 (kontor_record_get_id (g_ptr_array_index (statuses, i)), id) == 0)
        return i;
    }

  return G_MAXUINT;
}

static gboolean
set_not_found (GError **error)
{
  g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND,
                       _("The column no longer exists. It may have been deleted on another "
                         "computer."));
  return FALSE;
}

static gboolean
check_name_is_free (GPtrArray   *statuses,
                    const char  *name,
                    const char  *except_id,
                    GError     **error)
{
  g_autofree char *why = NULL;

  if (kontor_pipeline_status_name_is_free (statuses, name, except_id, &why))
    return TRUE;

  g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID, why);

  return FALSE;
}

static gboolean
add_step (KontorPipelineOperation  *self,
          GError                  **error)
{
  g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (self->store, error);
  g_autoptr(KontorPipelineStatus) column = NULL;
  KontorPipelineStatus *neighbour;
  gint64 position;
  guint index;

  if (statuses == NULL)
    return FALSE;

  index = find_index (statuses, self->neighbour_id);
  if (index == G_MAXUINT)
    return set_not_found (error);
  if (!check_name_is_free (statuses, self->name, self->status_id, error))
    return FALSE;

  /* make room: the columns from the new place on move one to the right */
  neighbour = g_ptr_array_index (statuses, index);
  position = kontor_pipeline_status_get_position (neighbour) + (self->after ? 1 : 0);
  for (guint i = statuses->len; i > 0; i--)
    {
      KontorPipelineStatus *status = g_ptr_array_index (statuses, i - 1);

      if (kontor_pipeline_status_get_position (status) < position)
        continue;
      kontor_pipeline_status_set_position (status,
                                           kontor_pipeline_status_get_position (status) + 1);
      if (!save (self, status, error))
        return FALSE;
    }

  column = kontor_pipeline_status_new (self->name);
  kontor_record_set_id (KONTOR_RECORD (column), self->status_id);
  kontor_pipeline_status_set_position (column, position);

  return save (self, column, error);
}

static gboolean
remove_step (KontorPipelineOperation  *self,
             GError                  **error)
{
  g_autoptr(KontorPipelineStatus) column =
    kontor_store_load (self->store, KONTOR_TYPE_PIPELINE_STATUS, self->status_id, error);

  if (column == NULL)
    return FALSE;

  /* kept for undo, as it is now */
  if (self->kind == KIND_DELETE)
    g_set_object (&self->deleted, column);

  return _kontor_store_delete_record (self->store, KONTOR_RECORD (column), error);
}

static gboolean
restore_step (KontorPipelineOperation  *self,
              GError                  **error)
{
  g_autoptr(KontorPipelineStatus) column =
    KONTOR_PIPELINE_STATUS (kontor_record_copy (KONTOR_RECORD (self->deleted)));

  /* the same id again: the store records it as a restore */
  return save (self, column, error);
}

static gboolean
swap_step (KontorPipelineOperation  *self,
           GError                  **error)
{
  g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (self->store, error);
  KontorPipelineStatus *status, *neighbour;
  gint64 position, neighbour_position;
  char *why = NULL;
  guint index;

  if (statuses == NULL)
    return FALSE;

  index = find_index (statuses, self->status_id);
  if (index == G_MAXUINT)
    return set_not_found (error);

  /* apply moves by delta; undo moves back next to the neighbour it left */
  if (self->neighbour_id == NULL)
    {
      if (!kontor_pipeline_status_can_move (statuses, index, self->delta, &why))
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED, why);
          g_free (why);
          return FALSE;
        }
      neighbour = g_ptr_array_index (statuses, index + self->delta);
      self->neighbour_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (neighbour)));
    }
  else
    {
      guint other = find_index (statuses, self->neighbour_id);

      if (other == G_MAXUINT)
        return set_not_found (error);
      neighbour = g_ptr_array_index (statuses, other);
    }

  status = g_ptr_array_index (statuses, index);
  position = kontor_pipeline_status_get_position (status);
  neighbour_position = kontor_pipeline_status_get_position (neighbour);
  kontor_pipeline_status_set_position (status, neighbour_position);
  kontor_pipeline_status_set_position (neighbour, position);

  return save (self, status, error) && save (self, neighbour, error);
}

static gboolean
rename_step (KontorPipelineOperation  *self,
             GError                  **error)
{
  g_autoptr(KontorPipelineStatus) column =
    kontor_store_load (self->store, KONTOR_TYPE_PIPELINE_STATUS, self->status_id, error);
  const char *name;

  if (column == NULL)
    return FALSE;

  /* apply keeps the name it replaces; undo puts it back */
  if (!kontor_operation_is_applied (KONTOR_OPERATION (self)))
    {
      g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (self->store, error);

      if (statuses == NULL ||
          !check_name_is_free (statuses, self->name, self->status_id, error))
        return FALSE;
      g_free (self->old_name);
      self->old_name = g_strdup (kontor_pipeline_status_get_name (column));
      name = self->name;
    }
  else
    name = self->old_name;

  kontor_pipeline_status_set_name (column, name);

  return save (self, column, error);
}

/* What apply and undo run for each kind: a move and a rename are their
 * own inverse (a swap, a name exchanged with the kept one). Undoing an
 * add removes the column again, which is refused, with the reason, once
 * contacts were moved into it. */
static const struct
{
  Step apply;
  Step undo;
} steps[] = {
  [KIND_ADD] = { add_step, remove_step },
  [KIND_DELETE] = { remove_step, restore_step },
  [KIND_MOVE] = { swap_step, swap_step },
  [KIND_RENAME] = { rename_step, rename_step },
};

static gboolean
run_step (KontorOperation  *operation,
          gboolean          undo,
          GError          **error)
{
  KontorPipelineOperation *self = KONTOR_PIPELINE_OPERATION (operation);

  g_return_val_if_fail (self->kind < G_N_ELEMENTS (steps), FALSE);

  return in_transaction (self, undo ? steps[self->kind].undo : steps[self->kind].apply, error);
}

static gboolean
kontor_pipeline_operation_apply (KontorOperation  *operation,
                                 GError          **error)
{
  return run_step (operation, FALSE, error);
}

static gboolean
kontor_pipeline_operation_undo (KontorOperation  *operation,
                                GError          **error)
{
  return run_step (operation, TRUE, error);
}

static void
kontor_pipeline_operation_finalize (GObject *object)
{
  KontorPipelineOperation *self = KONTOR_PIPELINE_OPERATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->deleted);
  g_free (self->status_id);
  g_free (self->neighbour_id);
  g_free (self->name);
  g_free (self->old_name);

  G_OBJECT_CLASS (kontor_pipeline_operation_parent_class)->finalize (object);
}

static void
kontor_pipeline_operation_class_init (KontorPipelineOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_pipeline_operation_finalize;
  operation_class->apply = kontor_pipeline_operation_apply;
  operation_class->undo = kontor_pipeline_operation_undo;
}

static void
kontor_pipeline_operation_init (KontorPipelineOperation *self)
{
}

static KontorPipelineOperation *
operation_new (KontorStore          *store,
               Kind                  kind,
               KontorPipelineStatus *status,
               const char           *title)
{
  KontorPipelineOperation *self = g_object_new (KONTOR_TYPE_PIPELINE_OPERATION,
                                                "title", title, NULL);

  self->store = g_object_ref (store);
  self->kind = kind;
  if (status != NULL)
    self->status_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (status)));

  return self;
}

/**
 * kontor_pipeline_operation_new_add:
 * @store: the store
 * @name: the new column's name
 * @neighbour: the column it is added next to
 * @after: %TRUE to add it right of @neighbour, %FALSE for left
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): the operation, not applied yet; undoing it
 *   deletes the new column, as long as it is empty
 */
KontorOperation *
kontor_pipeline_operation_new_add (KontorStore          *store,
                                   const char           *name,
                                   KontorPipelineStatus *neighbour,
                                   gboolean              after,
                                   const char           *title)
{
  KontorPipelineOperation *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (neighbour), NULL);

  self = operation_new (store, KIND_ADD, NULL, title);
  self->status_id = kontor_uuid_v7_new ();
  self->neighbour_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (neighbour)));
  self->after = after;
  self->name = g_strdup (name);

  return KONTOR_OPERATION (self);
}

/**
 * kontor_pipeline_operation_new_delete:
 * @store: the store
 * @status: an empty, non-system column
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): the operation, not applied yet; undoing it
 *   brings the column back as it was
 */
KontorOperation *
kontor_pipeline_operation_new_delete (KontorStore          *store,
                                      KontorPipelineStatus *status,
                                      const char           *title)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status), NULL);

  return KONTOR_OPERATION (operation_new (store, KIND_DELETE, status, title));
}

/**
 * kontor_pipeline_operation_new_move:
 * @store: the store
 * @status: a column
 * @delta: -1 to move it left, 1 to move it right
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): the operation, not applied yet
 */
KontorOperation *
kontor_pipeline_operation_new_move (KontorStore          *store,
                                    KontorPipelineStatus *status,
                                    int                   delta,
                                    const char           *title)
{
  KontorPipelineOperation *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status), NULL);
  g_return_val_if_fail (delta == -1 || delta == 1, NULL);

  self = operation_new (store, KIND_MOVE, status, title);
  self->delta = delta;

  return KONTOR_OPERATION (self);
}

/**
 * kontor_pipeline_operation_new_rename:
 * @store: the store
 * @status: a column that may be renamed
 * @name: its new name
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): the operation, not applied yet
 */
KontorOperation *
kontor_pipeline_operation_new_rename (KontorStore          *store,
                                      KontorPipelineStatus *status,
                                      const char           *name,
                                      const char           *title)
{
  KontorPipelineOperation *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status), NULL);

  self = operation_new (store, KIND_RENAME, status, title);
  self->name = g_strdup (name);

  return KONTOR_OPERATION (self);
}

/**
 * kontor_pipeline_operation_get_status_id:
 * @self: an operation
 *
 * Returns: the id of the column acted on (for an added column, the new one)
 */
const char *
kontor_pipeline_operation_get_status_id (KontorPipelineOperation *self)
{
  g_return_val_if_fail (KONTOR_IS_PIPELINE_OPERATION (self), NULL);

  return self->status_id;
}
