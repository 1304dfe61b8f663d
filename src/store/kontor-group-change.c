/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-group-change"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-group-change.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"

/**
 * KontorGroupChange:
 *
 * Contacts added to a static group or taken out of it (features L4, L6,
 * src/README.md "Groups"), as one operation: one transaction, one toast,
 * one undo. Each membership is a record (#KontorGroupMember), so the
 * change writes a create or a delete with its outbox entries per contact.
 * A contact already in the group is skipped when adding, one not in it
 * when removing; the counts say how many were changed and skipped, and so
 * does the change's title once applied. Undoing a removal stores the same
 * membership records again (their ids, a "restore" for the other
 * machines), not new ones.
 *
 * "New group from selection" adds to a group not stored yet: the group is
 * created with its members, and undo deletes both; a redo creates it
 * anew (with a new id: the deleted one has its tombstone).
 */
struct _KontorGroupChange
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  gboolean         add;
  char            *group_id;       /* the stored group; NULL until a new one is */
  KontorGroup     *new_group;      /* a group to create with the change, as given */
  GStrv            contact_ids;
  char            *group_name;
  /* what apply changed, for undo: the ids of the memberships created
   * (add), or the memberships taken out (remove, KontorGroupMember) */
  GPtrArray       *changed;
  guint            n_skipped;
};

G_DEFINE_FINAL_TYPE (KontorGroupChange, kontor_group_change, KONTOR_TYPE_OPERATION)

/* A stored copy of the group as it was given: a redo makes a new one */
static gboolean
create_group (KontorGroupChange  *self,
              GError            **error)
{
  g_autoptr(KontorGroup) group = kontor_group_new (kontor_group_get_name (self->new_group));
  gboolean changed;

  kontor_group_set_number (group, kontor_group_get_number (self->new_group));
  kontor_group_set_assignees (group, kontor_group_get_assignees (self->new_group));
  kontor_group_set_assigned_team_id (group, kontor_group_get_assigned_team_id (self->new_group));
  if (!_kontor_store_save_record (self->store, KONTOR_RECORD (group), &changed, error))
    return FALSE;

  g_free (self->group_id);
  self->group_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (group)));

  return TRUE;
}

static gboolean
add_members (KontorGroupChange  *self,
             GError            **error)
{
  for (guint i = 0; self->contact_ids[i] != NULL; i++)
    {
      g_autoptr(KontorGroupMember) member = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean changed;

      member = kontor_store_find_group_member (self->store, self->group_id,
                                               self->contact_ids[i], &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (member != NULL)
        {
          self->n_skipped++;
          continue;
        }

      member = kontor_group_member_new (self->group_id, self->contact_ids[i]);
      if (!_kontor_store_save_record (self->store, KONTOR_RECORD (member), &changed, error))
        return FALSE;
      g_ptr_array_add (self->changed, g_strdup (kontor_record_get_id (KONTOR_RECORD (member))));
    }

  return TRUE;
}

static gboolean
remove_members (KontorGroupChange  *self,
                GError            **error)
{
  for (guint i = 0; self->contact_ids[i] != NULL; i++)
    {
      g_autoptr(KontorGroupMember) member = NULL;
      g_autoptr(GError) local_error = NULL;

      member = kontor_store_find_group_member (self->store, self->group_id,
                                               self->contact_ids[i], &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (member == NULL)
        {
          self->n_skipped++;
          continue;
        }
      if (!_kontor_store_delete_record (self->store, KONTOR_RECORD (member), error))
        return FALSE;
      g_ptr_array_add (self->changed, g_steal_pointer (&member));
    }

  return TRUE;
}

/* The group's name, for the title */
static gboolean
find_group_name (KontorGroupChange  *self,
                 GError            **error)
{
  g_autoptr(KontorGroup) group = NULL;

  if (self->new_group != NULL)
    {
      g_free (self->group_name);
      self->group_name = g_strdup (kontor_group_get_name (self->new_group));
      return TRUE;
    }

  group = kontor_store_load (self->store, KONTOR_TYPE_GROUP, self->group_id, error);
  if (group == NULL)
    return FALSE;
  g_free (self->group_name);
  self->group_name = g_strdup (kontor_group_get_name (group));

  return TRUE;
}

/* What the toast and the history say: how many were changed, not how many
 * were asked for */
static void
update_title (KontorGroupChange *self)
{
  guint n = self->changed->len;
  g_autofree char *title = NULL;

  title = g_strdup_printf (self->add
                           ? g_dngettext (GETTEXT_PACKAGE, "%u contact added to “%s”",
                                          "%u contacts added to “%s”", n)
                           : g_dngettext (GETTEXT_PACKAGE, "%u contact removed from “%s”",
                                          "%u contacts removed from “%s”", n),
                           n, self->group_name);
  kontor_operation_set_title (KONTOR_OPERATION (self), title);
}

static gboolean
kontor_group_change_apply (KontorOperation  *operation,
                           GError          **error)
{
  KontorGroupChange *self = KONTOR_GROUP_CHANGE (operation);
  gboolean ok;

  g_ptr_array_set_size (self->changed, 0);
  self->n_skipped = 0;

  if (!_kontor_store_begin (self->store, error))
    return FALSE;
  ok = find_group_name (self, error) &&
       (self->new_group == NULL || create_group (self, error)) &&
       (self->add ? add_members (self, error) : remove_members (self, error));
  if (!_kontor_store_end (self->store, ok, error))
    {
      g_ptr_array_set_size (self->changed, 0);
      return FALSE;
    }
  update_title (self);

  return TRUE;
}

static gboolean
undo_in_transaction (KontorGroupChange  *self,
                     GError            **error)
{
  gboolean changed;

  /* the new group's members go with it */
  if (self->new_group != NULL)
    {
      g_autoptr(KontorRecord) group = kontor_store_load (self->store, KONTOR_TYPE_GROUP,
                                                         self->group_id, error);

      return group != NULL && _kontor_store_delete_record (self->store, group, error);
    }

  for (guint i = 0; i < self->changed->len; i++)
    {
      if (self->add)
        {
          g_autoptr(KontorRecord) member = kontor_store_load (self->store,
                                                              KONTOR_TYPE_GROUP_MEMBER,
                                                              g_ptr_array_index (self->changed, i),
                                                              error);

          if (member == NULL || !_kontor_store_delete_record (self->store, member, error))
            return FALSE;
        }
      else
        {
          /* the same record again: the other machines see its restore */
          g_autoptr(KontorRecord) member = kontor_record_copy (g_ptr_array_index (self->changed,
                                                                                  i));

          if (!_kontor_store_save_record (self->store, member, &changed, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
kontor_group_change_undo (KontorOperation  *operation,
                          GError          **error)
{
  KontorGroupChange *self = KONTOR_GROUP_CHANGE (operation);

  if (!_kontor_store_begin (self->store, error) ||
      !_kontor_store_end (self->store, undo_in_transaction (self, error), error))
    return FALSE;

  if (self->new_group != NULL)
    g_clear_pointer (&self->group_id, g_free);
  g_ptr_array_set_size (self->changed, 0);

  return TRUE;
}

static void
kontor_group_change_finalize (GObject *object)
{
  KontorGroupChange *self = KONTOR_GROUP_CHANGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->new_group);
  g_free (self->group_id);
  g_strfreev (self->contact_ids);
  g_free (self->group_name);
  g_ptr_array_unref (self->changed);

  G_OBJECT_CLASS (kontor_group_change_parent_class)->finalize (object);
}

static void
kontor_group_change_class_init (KontorGroupChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_group_change_finalize;
  operation_class->apply = kontor_group_change_apply;
  operation_class->undo = kontor_group_change_undo;
}

static void
kontor_group_change_init (KontorGroupChange *self)
{
}

static KontorGroupChange *
group_change_new (KontorStore        *store,
                  KontorGroup        *group,
                  const char * const *contact_ids,
                  gboolean            add)
{
  KontorGroupChange *self = g_object_new (KONTOR_TYPE_GROUP_CHANGE, NULL);

  self->store = g_object_ref (store);
  self->add = add;
  self->changed = g_ptr_array_new_with_free_func (add ? g_free : g_object_unref);
  self->contact_ids = g_strdupv ((char **) contact_ids);
  if (kontor_record_get_rowid (KONTOR_RECORD (group)) > 0)
    self->group_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (group)));
  else
    self->new_group = g_object_ref (group);

  return self;
}

/**
 * kontor_group_change_new_add:
 * @store: the store
 * @group: a stored static group, or a new one to create with the change
 * @contact_ids: the contacts to add
 *
 * Returns: (transfer full): the change, to apply; the caller sets its title
 */
KontorGroupChange *
kontor_group_change_new_add (KontorStore        *store,
                             KontorGroup        *group,
                             const char * const *contact_ids)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_GROUP (group), NULL);
  g_return_val_if_fail (contact_ids != NULL, NULL);

  return group_change_new (store, group, contact_ids, TRUE);
}

/**
 * kontor_group_change_new_remove:
 * @store: the store
 * @group: a stored static group
 * @contact_ids: the contacts to take out
 *
 * Returns: (transfer full): the change, to apply; the caller sets its title
 */
KontorGroupChange *
kontor_group_change_new_remove (KontorStore        *store,
                                KontorGroup        *group,
                                const char * const *contact_ids)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_GROUP (group), NULL);
  g_return_val_if_fail (kontor_record_get_rowid (KONTOR_RECORD (group)) > 0, NULL);
  g_return_val_if_fail (contact_ids != NULL, NULL);

  return group_change_new (store, group, contact_ids, FALSE);
}

/**
 * kontor_group_change_get_group_id:
 * @self: a change
 *
 * Returns: (nullable): the group's id; a new group's once applied
 */
const char *
kontor_group_change_get_group_id (KontorGroupChange *self)
{
  g_return_val_if_fail (KONTOR_IS_GROUP_CHANGE (self), NULL);

  return self->group_id;
}

/**
 * kontor_group_change_get_n_changed:
 * @self: an applied change
 *
 * Returns: how many contacts the change added or took out
 */
guint
kontor_group_change_get_n_changed (KontorGroupChange *self)
{
  g_return_val_if_fail (KONTOR_IS_GROUP_CHANGE (self), 0);

  return self->changed->len;
}

/**
 * kontor_group_change_get_n_skipped:
 * @self: an applied change
 *
 * Returns: how many were already in the group (add) or not in it (remove)
 */
guint
kontor_group_change_get_n_skipped (KontorGroupChange *self)
{
  g_return_val_if_fail (KONTOR_IS_GROUP_CHANGE (self), 0);

  return self->n_skipped;
}
