/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-operation"

#include "config.h"

#include "kontor-operation.h"

typedef struct
{
  char     *title;
  gboolean  applied;
} KontorOperationPrivate;

enum {
  PROP_0,
  PROP_TITLE,
  PROP_APPLIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KontorOperation, kontor_operation, G_TYPE_OBJECT)

static void
kontor_operation_finalize (GObject *object)
{
  KontorOperation *self = KONTOR_OPERATION (object);
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);

  g_free (priv->title);

  G_OBJECT_CLASS (kontor_operation_parent_class)->finalize (object);
}

static void
kontor_operation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KontorOperation *self = KONTOR_OPERATION (object);
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;
    case PROP_APPLIED:
      g_value_set_boolean (value, priv->applied);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_operation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KontorOperation *self = KONTOR_OPERATION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      kontor_operation_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_operation_class_init (KontorOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_operation_finalize;
  object_class->get_property = kontor_operation_get_property;
  object_class->set_property = kontor_operation_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPLIED] =
    g_param_spec_boolean ("applied", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_operation_init (KontorOperation *self)
{
}

/**
 * kontor_operation_get_title:
 * @self: an operation
 *
 * Returns: (nullable): what the toast says ("“Anna Müller” archived")
 */
const char *
kontor_operation_get_title (KontorOperation *self)
{
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);

  g_return_val_if_fail (KONTOR_IS_OPERATION (self), NULL);

  return priv->title;
}

void
kontor_operation_set_title (KontorOperation *self,
                            const char      *title)
{
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);

  g_return_if_fail (KONTOR_IS_OPERATION (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
kontor_operation_is_applied (KontorOperation *self)
{
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);

  g_return_val_if_fail (KONTOR_IS_OPERATION (self), FALSE);

  return priv->applied;
}

static gboolean
run (KontorOperation  *self,
     gboolean          apply,
     GError          **error)
{
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);
  KontorOperationClass *klass = KONTOR_OPERATION_GET_CLASS (self);
  gboolean ok;

  if (priv->applied == apply)
    return TRUE;

  ok = apply ? klass->apply (self, error) : klass->undo (self, error);
  if (ok)
    {
      priv->applied = apply;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLIED]);
    }

  return ok;
}

/**
 * kontor_operation_mark_applied:
 * @self: an operation not applied yet
 *
 * For an operation whose change was made elsewhere, as one step of a
 * longer write: an import runs as a store job on a worker and hands its
 * finished operation to the stack (kontor_operation_stack_add_applied()),
 * which can undo it like any other.
 */
void
kontor_operation_mark_applied (KontorOperation *self)
{
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);

  g_return_if_fail (KONTOR_IS_OPERATION (self));
  g_return_if_fail (!priv->applied);

  priv->applied = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLIED]);
}

/**
 * kontor_operation_apply:
 * @self: an operation
 * @error: return location for a #GError
 *
 * Makes the change. Applying an applied operation does nothing.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
kontor_operation_apply (KontorOperation  *self,
                        GError          **error)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run (self, TRUE, error);
}

/**
 * kontor_operation_undo:
 * @self: an operation
 * @error: return location for a #GError
 *
 * Takes the change back. Undoing an operation not applied does nothing.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
kontor_operation_undo (KontorOperation  *self,
                       GError          **error)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run (self, FALSE, error);
}

/**
 * kontor_operation_is_long:
 * @self: an operation
 *
 * Returns: %TRUE when @self applies and undoes as a job off the main
 *   thread (kontor_operation_run_async()); the stack then undoes and
 *   redoes it asynchronously
 */
gboolean
kontor_operation_is_long (KontorOperation *self)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION (self), FALSE);

  return KONTOR_OPERATION_GET_CLASS (self)->run_async != NULL;
}

static void
on_run_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  KontorOperation *self = KONTOR_OPERATION (source_object);
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);
  g_autoptr(GTask) task = user_data;
  gboolean apply = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError *error = NULL;

  if (!KONTOR_OPERATION_GET_CLASS (self)->run_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  priv->applied = apply;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLIED]);
  g_task_return_boolean (task, TRUE);
}

/**
 * kontor_operation_run_async:
 * @self: an operation
 * @apply: %TRUE to apply, %FALSE to undo
 * @cancellable: (nullable): a #GCancellable; cancelling a long
 *   operation's run rolls it back
 * @callback: called on this thread's main context when done
 * @user_data: data for @callback
 *
 * Applies or undoes @self: a long operation (kontor_operation_is_long())
 * as its job off the main thread, any other here and now, its callback
 * still coming from the main loop. Applying an applied operation, or
 * undoing one not applied, does nothing.
 */
void
kontor_operation_run_async (KontorOperation     *self,
                            gboolean             apply,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  KontorOperationPrivate *priv = kontor_operation_get_instance_private (self);
  KontorOperationClass *klass;
  GTask *task;
  GError *error = NULL;

  g_return_if_fail (KONTOR_IS_OPERATION (self));

  klass = KONTOR_OPERATION_GET_CLASS (self);
  /* no cancellable on the task: one that fires would report "cancelled"
   * for a job that had committed already; the job checks it */
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, kontor_operation_run_async);
  g_task_set_task_data (task, GINT_TO_POINTER (apply), NULL);

  if (priv->applied != apply && klass->run_async != NULL)
    {
      klass->run_async (self, apply, cancellable, on_run_done_cb, task);
      return;
    }

  if (run (self, apply, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/**
 * kontor_operation_run_finish:
 * @self: an operation
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when applied (or undone); on failure nothing changed
 */
gboolean
kontor_operation_run_finish (KontorOperation  *self,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (KONTOR_IS_OPERATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
