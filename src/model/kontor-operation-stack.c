/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-operation-stack"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-error.h"
#include "kontor-operation-stack.h"

/**
 * KontorOperationStack:
 *
 * Runs undoable changes and keeps them for undo and redo. Every change a
 * user can take back goes through kontor_operation_stack_run(); the
 * newest ones, up to #KontorOperationStack:depth of them, can be undone,
 * and what was undone can be redone (applied again) until a new operation
 * runs. Whoever shows the change listens: #KontorOperationStack::applied
 * (for a run and for a redo) and #KontorOperationStack::undone.
 *
 * An operation that fails to apply or to undo leaves the stack: whatever
 * kept it from being made or taken back would keep it so, and the older
 * ones must stay reachable.
 *
 * A long operation (kontor_operation_is_long(), an import's) is undone and
 * redone asynchronously, as a job off the main thread
 * (kontor_operation_stack_undo_async()). While it runs it is
 * #KontorOperationStack:running and in neither list: can-undo and
 * can-redo are %FALSE, so no other undo or redo starts, and
 * kontor_operation_stack_run() refuses (KONTOR_STORE_ERROR_BUSY) rather
 * than wait for the job's write lock. When it ends it goes to the other
 * list; when it fails (rolled back: nothing changed, say a busy or full
 * disk, or cancelled) it goes back where it was, to be tried again.
 */
struct _KontorOperationStack
{
  GObject          parent_instance;

  GPtrArray       *undo;    /* KontorOperation, applied, newest last */
  GPtrArray       *redo;    /* KontorOperation, undone, the next to redo last */
  guint            depth;

  /* the long operation being undone or redone, in neither list */
  KontorOperation *running;
  gboolean         running_redo;
  guint            running_at;    /* its place in the undo list, when it goes there */
  guint            generation;    /* operations added since the stack was made */
};

enum {
  PROP_0,
  PROP_DEPTH,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_RUNNING,
  N_PROPS
};

enum {
  APPLIED,
  UNDONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KontorOperationStack, kontor_operation_stack, G_TYPE_OBJECT)

static void
kontor_operation_stack_finalize (GObject *object)
{
  KontorOperationStack *self = KONTOR_OPERATION_STACK (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_clear_object (&self->running);

  G_OBJECT_CLASS (kontor_operation_stack_parent_class)->finalize (object);
}

static void
kontor_operation_stack_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KontorOperationStack *self = KONTOR_OPERATION_STACK (object);

  switch (prop_id)
    {
    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, kontor_operation_stack_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, kontor_operation_stack_get_can_redo (self));
      break;
    case PROP_RUNNING:
      g_value_set_object (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_operation_stack_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KontorOperationStack *self = KONTOR_OPERATION_STACK (object);

  switch (prop_id)
    {
    case PROP_DEPTH:
      self->depth = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_operation_stack_class_init (KontorOperationStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_operation_stack_finalize;
  object_class->get_property = kontor_operation_stack_get_property;
  object_class->set_property = kontor_operation_stack_set_property;

  /**
   * KontorOperationStack:depth:
   *
   * How many operations can be undone; the oldest beyond go.
   */
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 1, G_MAXUINT, KONTOR_OPERATION_STACK_DEFAULT_DEPTH,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KontorOperationStack:running:
   *
   * The long operation being undone or redone off the main thread, or
   * %NULL.
   */
  properties[PROP_RUNNING] =
    g_param_spec_object ("running", NULL, NULL, KONTOR_TYPE_OPERATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KontorOperationStack::applied:
   * @self: the stack
   * @operation: the operation just run or redone
   */
  signals[APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KONTOR_TYPE_OPERATION);

  /**
   * KontorOperationStack::undone:
   * @self: the stack
   * @operation: the operation just taken back
   */
  signals[UNDONE] =
    g_signal_new ("undone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KONTOR_TYPE_OPERATION);
}

static void
kontor_operation_stack_init (KontorOperationStack *self)
{
  self->undo = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo = g_ptr_array_new_with_free_func (g_object_unref);
  self->depth = KONTOR_OPERATION_STACK_DEFAULT_DEPTH;
}

/**
 * kontor_operation_stack_new:
 * @depth: how many operations can be undone, at least 1
 *
 * Returns: (transfer full): an empty stack
 */
KontorOperationStack *
kontor_operation_stack_new (guint depth)
{
  g_return_val_if_fail (depth > 0, NULL);

  return g_object_new (KONTOR_TYPE_OPERATION_STACK, "depth", depth, NULL);
}

guint
kontor_operation_stack_get_depth (KontorOperationStack *self)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), 0);

  return self->depth;
}

gboolean
kontor_operation_stack_get_can_undo (KontorOperationStack *self)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), FALSE);

  return self->running == NULL && self->undo->len > 0;
}

gboolean
kontor_operation_stack_get_can_redo (KontorOperationStack *self)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), FALSE);

  return self->running == NULL && self->redo->len > 0;
}

/* Notifies can-undo and can-redo where they differ from what they were */
static void
notify_changes (KontorOperationStack *self,
                gboolean              could_undo,
                gboolean              could_redo)
{
  if (could_undo != kontor_operation_stack_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != kontor_operation_stack_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Keeps @operation, just applied, for undo and says so */
static void
keep_applied (KontorOperationStack *self,
              KontorOperation      *operation,
              gboolean              could_undo,
              gboolean              could_redo)
{
  g_ptr_array_add (self->undo, g_object_ref (operation));
  if (self->undo->len > self->depth)
    g_ptr_array_remove_index (self->undo, 0);

  notify_changes (self, could_undo, could_redo);
  g_signal_emit (self, signals[APPLIED], 0, operation);
}

/**
 * kontor_operation_stack_run:
 * @self: a stack
 * @operation: an operation not applied yet
 * @error: return location for a #GError
 *
 * Applies @operation and keeps it for undo; what could be redone cannot
 * any more. Emits #KontorOperationStack::applied.
 *
 * Returns: %TRUE when applied; on failure nothing changed and @operation
 *   is not kept
 */
gboolean
kontor_operation_stack_run (KontorOperationStack  *self,
                            KontorOperation       *operation,
                            GError               **error)
{
  gboolean could_undo, could_redo;

  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_OPERATION (operation), FALSE);
  g_return_val_if_fail (!kontor_operation_is_applied (operation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->running != NULL)
    {
      g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_BUSY,
                           _("An undo or redo is still running; try again when it has finished."));
      return FALSE;
    }

  if (!kontor_operation_apply (operation, error))
    return FALSE;

  could_undo = kontor_operation_stack_get_can_undo (self);
  could_redo = kontor_operation_stack_get_can_redo (self);

  g_ptr_array_set_size (self->redo, 0);
  self->generation++;
  keep_applied (self, operation, could_undo, could_redo);

  return TRUE;
}

/**
 * kontor_operation_stack_add_applied:
 * @self: a stack
 * @operation: an operation already applied, by a job on a worker
 *
 * Keeps @operation for undo as kontor_operation_stack_run() does after
 * applying it; what could be redone cannot any more. Emits
 * #KontorOperationStack::applied.
 */
void
kontor_operation_stack_add_applied (KontorOperationStack *self,
                                    KontorOperation      *operation)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (KONTOR_IS_OPERATION_STACK (self));
  g_return_if_fail (KONTOR_IS_OPERATION (operation));
  g_return_if_fail (kontor_operation_is_applied (operation));

  could_undo = kontor_operation_stack_get_can_undo (self);
  could_redo = kontor_operation_stack_get_can_redo (self);

  g_ptr_array_set_size (self->redo, 0);
  self->generation++;
  keep_applied (self, operation, could_undo, could_redo);
}

/* Undoes the newest operation, or redoes the one undone last, and moves it
 * to the other list */
static gboolean
step (KontorOperationStack  *self,
      gboolean               redo,
      GError               **error)
{
  GPtrArray *from = redo ? self->redo : self->undo;
  gboolean could_undo = kontor_operation_stack_get_can_undo (self);
  gboolean could_redo = kontor_operation_stack_get_can_redo (self);
  g_autoptr(KontorOperation) operation = g_ptr_array_steal_index (from, from->len - 1);

  if (redo ? !kontor_operation_apply (operation, error)
           : !kontor_operation_undo (operation, error))
    {
      /* what was undone after it built on it */
      if (redo)
        g_ptr_array_set_size (self->redo, 0);
      notify_changes (self, could_undo, could_redo);
      return FALSE;
    }

  if (redo)
    {
      keep_applied (self, operation, could_undo, could_redo);
      return TRUE;
    }

  g_ptr_array_add (self->redo, g_object_ref (operation));
  notify_changes (self, could_undo, could_redo);
  g_signal_emit (self, signals[UNDONE], 0, operation);

  return TRUE;
}

/**
 * kontor_operation_stack_undo:
 * @self: a stack that can undo
 * @error: return location for a #GError
 *
 * Takes back the newest operation, which can then be redone. Emits
 * #KontorOperationStack::undone.
 *
 * Returns: %TRUE when undone; on failure the operation is dropped
 */
gboolean
kontor_operation_stack_undo (KontorOperationStack  *self,
                             GError               **error)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), FALSE);
  g_return_val_if_fail (kontor_operation_stack_get_can_undo (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step (self, FALSE, error);
}

/**
 * kontor_operation_stack_redo:
 * @self: a stack that can redo
 * @error: return location for a #GError
 *
 * Applies the operation undone last again and keeps it for undo. Emits
 * #KontorOperationStack::applied.
 *
 * Returns: %TRUE when applied; on failure nothing is left to redo, as
 *   the later undone operations built on this one
 */
gboolean
kontor_operation_stack_redo (KontorOperationStack  *self,
                             GError               **error)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), FALSE);
  g_return_val_if_fail (kontor_operation_stack_get_can_redo (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step (self, TRUE, error);
}

/**
 * kontor_operation_stack_get_running:
 * @self: a stack
 *
 * Returns: (transfer none) (nullable): the long operation being undone
 *   or redone, #KontorOperationStack:running
 */
KontorOperation *
kontor_operation_stack_get_running (KontorOperationStack *self)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), NULL);

  return self->running;
}

typedef struct
{
  KontorOperationStack *stack;
  guint                 generation;
} StepData;

static void
step_data_free (gpointer data)
{
  StepData *step_data = data;

  g_object_unref (step_data->stack);
  g_free (step_data);
}

/* A long operation's job has ended: to the other list, or back where it
 * was */
static void
on_step_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KontorOperation *operation = KONTOR_OPERATION (source_object);
  g_autoptr(GTask) task = user_data;
  StepData *step_data = g_task_get_task_data (task);
  KontorOperationStack *self = step_data->stack;
  gboolean redo = self->running_redo;
  gboolean added = self->generation != step_data->generation;
  GError *error = NULL;
  gboolean ok;

  ok = kontor_operation_run_finish (operation, result, &error);

  g_assert (self->running == operation);
  self->running = NULL;

  if (ok && redo)
    {
      /* below what was run while it ran (it came first) */
      g_ptr_array_insert (self->undo, MIN (self->running_at, self->undo->len), operation);
      while (self->undo->len > self->depth)
        g_ptr_array_remove_index (self->undo, 0);
    }
  else if (ok && !added)
    {
      g_ptr_array_add (self->redo, operation);
    }
  else if (!ok && !redo)
    {
      g_ptr_array_insert (self->undo, MIN (self->running_at, self->undo->len), operation);
      while (self->undo->len > self->depth)
        g_ptr_array_remove_index (self->undo, 0);
    }
  else if (!ok && !added)
    {
      g_ptr_array_add (self->redo, operation);
    }
  else
    {
      /* undone while a new change came: nothing to redo it on; or its
       * redo failed after a new change dropped what could be redone */
      g_object_unref (operation);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  notify_changes (self, FALSE, FALSE);
  if (ok)
    g_signal_emit (self, signals[redo ? APPLIED : UNDONE], 0, operation);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
step_async (KontorOperationStack *self,
            gboolean              redo,
            GCancellable         *cancellable,
            GAsyncReadyCallback   callback,
            gpointer              user_data)
{
  GPtrArray *from = redo ? self->redo : self->undo;
  KontorOperation *operation = g_ptr_array_index (from, from->len - 1);
  gboolean could_undo = kontor_operation_stack_get_can_undo (self);
  gboolean could_redo = kontor_operation_stack_get_can_redo (self);
  StepData *step_data;
  GTask *task;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, step_async);

  if (!kontor_operation_is_long (operation))
    {
      GError *error = NULL;

      /* a short one as ever, here and now */
      if (step (self, redo, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  step_data = g_new0 (StepData, 1);
  step_data->stack = g_object_ref (self);
  step_data->generation = self->generation;
  g_task_set_task_data (task, step_data, step_data_free);

  self->running = g_ptr_array_steal_index (from, from->len - 1);
  self->running_redo = redo;
  /* where it goes back in the undo list: its place there, or on top */
  self->running_at = self->undo->len;

  /* started first: who hears of it finds the job (its callback comes
   * from the main loop) */
  kontor_operation_run_async (operation, redo, cancellable, on_step_done_cb, task);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  notify_changes (self, could_undo, could_redo);
}

/**
 * kontor_operation_stack_undo_async:
 * @self: a stack that can undo
 * @cancellable: (nullable): a #GCancellable; cancelling it rolls a long
 *   operation's undo back
 * @callback: called on this thread's main context when done
 * @user_data: data for @callback
 *
 * kontor_operation_stack_undo() for any operation: a short one is undone
 * here and now, as there; a long one (kontor_operation_is_long()) as a
 * job off the main thread, #KontorOperationStack:running meanwhile. Emits
 * #KontorOperationStack::undone when it is undone. A long operation
 * whose undo fails stays where it was, to be undone again.
 */
void
kontor_operation_stack_undo_async (KontorOperationStack *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_return_if_fail (KONTOR_IS_OPERATION_STACK (self));
  g_return_if_fail (kontor_operation_stack_get_can_undo (self));

  step_async (self, FALSE, cancellable, callback, user_data);
}

/**
 * kontor_operation_stack_redo_async:
 * @self: a stack that can redo
 * @cancellable: (nullable): a #GCancellable; cancelling it rolls a long
 *   operation's redo back
 * @callback: called on this thread's main context when done
 * @user_data: data for @callback
 *
 * kontor_operation_stack_redo() for any operation, as
 * kontor_operation_stack_undo_async() undoes.
 */
void
kontor_operation_stack_redo_async (KontorOperationStack *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_return_if_fail (KONTOR_IS_OPERATION_STACK (self));
  g_return_if_fail (kontor_operation_stack_get_can_redo (self));

  step_async (self, TRUE, cancellable, callback, user_data);
}

/**
 * kontor_operation_stack_step_finish:
 * @self: a stack
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the undo or redo was done
 */
gboolean
kontor_operation_stack_step_finish (KontorOperationStack  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
