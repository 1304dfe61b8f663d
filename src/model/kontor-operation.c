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
