/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-operation-stack"

#include "config.h"

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
 */
struct _KontorOperationStack
{
  GObject    parent_instance;

  GPtrArray *undo;    /* KontorOperation, applied, newest last */
  GPtrArray *redo;    /* KontorOperation, undone, the next to redo last */
  guint      depth;
};

enum {
  PROP_0,
  PROP_DEPTH,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
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

  return self->undo->len > 0;
}

gboolean
kontor_operation_stack_get_can_redo (KontorOperationStack *self)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION_STACK (self), FALSE);

  return self->redo->len > 0;
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

  if (!kontor_operation_apply (operation, error))
    return FALSE;

  could_undo = kontor_operation_stack_get_can_undo (self);
  could_redo = kontor_operation_stack_get_can_redo (self);

  g_ptr_array_set_size (self->redo, 0);
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
