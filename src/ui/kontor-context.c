/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-context"

#include "config.h"

#include "kontor-context.h"

/**
 * KontorContext:
 *
 * What every window, page and dialog works with: the store, the settings,
 * the current user, the undo history and the team sync (when the app runs
 * one; tests may leave it out). The
 * application owns one and passes it down as a construct property
 * (src/README.md); nothing below the UI reaches for a global.
 *
 * Every undoable change runs through the context's operation stack, from
 * whichever widget: the window listens to it for the undo toast and its
 * undo and redo actions, and a widget outside any window changes the same
 * history.
 */
struct _KontorContext
{
  GObject               parent_instance;

  KontorStore          *store;
  GSettings            *settings;
  KontorOperationStack *operations;
  KontorSyncService    *sync;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorContext, kontor_context, G_TYPE_OBJECT)

static void
kontor_context_dispose (GObject *object)
{
  KontorContext *self = KONTOR_CONTEXT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->operations);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (kontor_context_parent_class)->dispose (object);
}

static void
kontor_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KontorContext *self = KONTOR_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KontorContext *self = KONTOR_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_context_class_init (KontorContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_context_dispose;
  object_class->get_property = kontor_context_get_property;
  object_class->set_property = kontor_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KONTOR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, KONTOR_TYPE_SYNC_SERVICE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_context_init (KontorContext *self)
{
  self->operations = kontor_operation_stack_new (KONTOR_OPERATION_STACK_DEFAULT_DEPTH);
}

/**
 * kontor_context_new:
 * @store: the open store
 * @settings: the application's settings
 *
 * Returns: (transfer full): a context
 */
KontorContext *
kontor_context_new (KontorStore *store,
                    GSettings   *settings)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (KONTOR_TYPE_CONTEXT, "store", store, "settings", settings, NULL);
}

KontorStore *
kontor_context_get_store (KontorContext *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
kontor_context_get_settings (KontorContext *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * kontor_context_get_operations:
 * @self: a context
 *
 * Returns: (transfer none): the stack every undoable change runs through
 */
KontorOperationStack *
kontor_context_get_operations (KontorContext *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (self), NULL);

  return self->operations;
}

/**
 * kontor_context_get_current_user:
 * @self: a context
 *
 * Returns: (transfer none): the user working with the app
 */
KontorUser *
kontor_context_get_current_user (KontorContext *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (self), NULL);

  return kontor_store_get_current_user (self->store);
}

/**
 * kontor_context_can_edit:
 * @self: a context
 *
 * Returns: %TRUE when the current user's role may change records (feature U1, src/README.md)
 */
gboolean
kontor_context_can_edit (KontorContext *self)
{
  KontorUser *user;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (self), FALSE);

  user = kontor_context_get_current_user (self);

  return user != NULL && kontor_user_role_can_edit (kontor_user_get_role (user));
}

/**
 * kontor_context_is_admin:
 * @self: a context
 *
 * Returns: %TRUE when the current user may change users, teams and the
 *   team's settings (kontor_user_role_check_admin(), src/README.md "Roles")
 */
gboolean
kontor_context_is_admin (KontorContext *self)
{
  KontorUser *user;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (self), FALSE);

  user = kontor_context_get_current_user (self);

  return user != NULL && kontor_user_role_check_admin (kontor_user_get_role (user), NULL);
}

/**
 * kontor_context_get_sync:
 * @self: a context
 *
 * Returns: (transfer none) (nullable): the team sync, %NULL when the app
 *   runs none (tests)
 */
KontorSyncService *
kontor_context_get_sync (KontorContext *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (self), NULL);

  return self->sync;
}

/**
 * kontor_context_set_sync:
 * @self: a context
 * @sync: the team sync on the context's store
 *
 * Set once, by the application.
 */
void
kontor_context_set_sync (KontorContext     *self,
                         KontorSyncService *sync)
{
  g_return_if_fail (KONTOR_IS_CONTEXT (self));
  g_return_if_fail (KONTOR_IS_SYNC_SERVICE (sync));
  g_return_if_fail (kontor_sync_service_get_store (sync) == self->store);

  if (g_set_object (&self->sync, sync))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}
