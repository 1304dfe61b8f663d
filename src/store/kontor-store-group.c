/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Contact groups in the store (features L3–L5, src/README.md "Groups"): a
 * name, a number, the users and team responsible, and either a filter
 * (dynamic) or members, which are records of their own (static). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-error.h"
#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-lead-join.h"
#include "kontor-lead-project.h"
#include "kontor-store-crud.h"
#include "kontor-store-group.h"
#include "kontor-store-lead.h"

/* The lead projects that follow group @group_id lose the link, each as
 * an edit of its own saved through the store (its checks, outbox entry
 * and history), before the group goes: ON DELETE SET NULL alone changed
 * this machine's row only, and the team server kept the link (src/README.md
 * "Lead projects"). The edit is sent before the group's delete, so the
 * other machines take it first. What the team server sends (remote mode)
 * comes with that edit of the machine that deleted the group; here the
 * key's SET NULL is all. Unlinking leaves the entries as they are
 * (kontor-lead-join.c). */
static gboolean
unlink_lead_projects (KontorStore  *self,
                      const char   *group_id,
                      GError      **error)
{
  g_autoptr(GPtrArray) projects = NULL;

  if (self->remote)
    return TRUE;

  projects = _kontor_store_load_list (self, &_kontor_store_lead_project_entity,
                                      "SELECT rid FROM lead_project WHERE group_id = ?1"
                                      " ORDER BY rid",
                                      group_id, error);
  if (projects == NULL)
    return FALSE;

  for (guint i = 0; i < projects->len; i++)
    {
      KontorLeadProject *project = g_ptr_array_index (projects, i);
      gboolean changed = FALSE;

      kontor_lead_project_set_group_id (project, NULL);
      if (!_kontor_store_save_record (self, KONTOR_RECORD (project), &changed, error))
        return FALSE;
    }

  return TRUE;
}

/* A deleted group's members go with it (_kontor_store_forget_rows()); the
 * lead projects linking it are unlinked first (unlink_lead_projects()) */
static GArray *
group_before_delete (KontorStore   *self,
                     KontorRecord  *stored,
                     GError       **error)
{
  if (!unlink_lead_projects (self, kontor_record_get_id (stored), error) ||
      !_kontor_store_forget_rows (self, "contact_group_member", "group_id",
                                  kontor_record_get_id (stored), error))
    return NULL;

  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static gboolean
group_after_delete (KontorStore  *self,
                    GArray       *dependents,
                    GError      **error)
{
  return TRUE;
}

KontorEntityInfo _kontor_store_group_entity = {
  .get_type = kontor_group_get_type,
  .table = "contact_group",
  .outbox = TRUE,
  .link_table = "contact_group_link",
  .before_delete = group_before_delete,
  .after_delete = group_after_delete,
};

/* Only a static group has members: a dynamic one's follow its filter. A
 * contact is in a group once (the UNIQUE constraint says so too, but not
 * in words). */
static gboolean
member_check (KontorStore   *self,
              KontorRecord  *record,
              KontorRecord  *old,
              GError       **error)
{
  KontorGroupMember *member = KONTOR_GROUP_MEMBER (record);
  g_autoptr(KontorGroup) group = NULL;
  g_autoptr(KontorGroupMember) existing = NULL;
  g_autoptr(GError) local_error = NULL;

  group = kontor_store_load (self, KONTOR_TYPE_GROUP, kontor_group_member_get_group_id (member),
                             &local_error);
  if (group == NULL)
    {
      if (!g_error_matches (local_error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("The group no longer exists."));
      return FALSE;
    }
  if (kontor_group_get_is_dynamic (group))
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   _("“%s” is a dynamic group: its members follow its filter and cannot be "
                     "added by hand."), kontor_group_get_name (group));
      return FALSE;
    }

  if (old != NULL)
    return TRUE;

  existing = kontor_store_find_group_member (self, kontor_group_member_get_group_id (member),
                                             kontor_group_member_get_contact_id (member),
                                             &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   _("The contact is already in “%s”."), kontor_group_get_name (group));
      return FALSE;
    }

  return TRUE;
}

/* A membership made or taken back moves its contact into or out of the
 * lead projects that follow the group (kontor-lead-join.c) */
static gboolean
member_after_write (KontorStore   *self,
                    KontorRecord  *record,
                    KontorRecord  *old,
                    GError       **error)
{
  KontorGroupMember *member = KONTOR_GROUP_MEMBER (record != NULL ? record : old);

  return _kontor_store_note_lead_join_contact (self, kontor_group_member_get_contact_id (member),
                                               error);
}

KontorEntityInfo _kontor_store_group_member_entity = {
  .get_type = kontor_group_member_get_type,
  .table = "contact_group_member",
  .outbox = TRUE,
  .check = member_check,
  .after_write = member_after_write,
};

/**
 * kontor_store_list_groups:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorGroup) (nullable): every
 *   group, static and dynamic, by name
 */
GPtrArray *
kontor_store_list_groups (KontorStore  *self,
                          GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return _kontor_store_load_list (self, &_kontor_store_group_entity,
                                  "SELECT rid FROM contact_group "
                                  "ORDER BY name COLLATE NOCASE, rid",
                                  NULL, error);
}

/**
 * kontor_store_find_group_member:
 * @self: a store
 * @group_id: a static group's id
 * @contact_id: a contact's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the membership of @contact_id in
 *   @group_id; %NULL without @error when there is none
 */
KontorGroupMember *
kontor_store_find_group_member (KontorStore  *self,
                                const char   *group_id,
                                const char   *contact_id,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid = 0;
  int found;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (group_id != NULL && contact_id != NULL, NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT rid FROM contact_group_member "
                                "WHERE group_id = ?1 AND contact_id = ?2",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, contact_id, -1, SQLITE_TRANSIENT);
  found = _kontor_store_step_one (self, stmt, &rowid, NULL, error);
  if (found <= 0)
    return NULL;

  return kontor_store_load_by_rowid (self, KONTOR_TYPE_GROUP_MEMBER, rowid, error);
}
