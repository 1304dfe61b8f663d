/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Lead projects in the store (features D2–D4, X5, X6; src/README.md "Lead
 * projects"): the project, its own list of statuses and its entries, three
 * record kinds that sync like every other. The rules of each are in the
 * model; here are those that need the database: the users and the group a
 * project names exist, a status fits among its project's, an entry's
 * status is its project's, its contact is not restricted and in the
 * project once. A project is made with its system statuses and deleted
 * with its statuses (and, when asked, its entries) in one transaction. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-activity.h"
#include "kontor-contact.h"
#include "kontor-error.h"
#include "kontor-group.h"
#include "kontor-rank.h"
#include "kontor-store-contact.h"
#include "kontor-store-crud.h"
#include "kontor-store-index.h"
#include "kontor-store-lead.h"
#include "kontor-store-query.h"
#include "kontor-user.h"

/* @id's record of @type, or %NULL without an error when there is none */
static gpointer
load_if_there (KontorStore  *self,
               GType         type,
               const char   *id,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer record = kontor_store_load (self, type, id, &local_error);

  if (record == NULL &&
      !g_error_matches (local_error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return record;
}

/* ------------------------------------------------------------------------ */
/* Projects */

/* The users responsible and the linked group are there */
static gboolean
project_check (KontorStore   *self,
               KontorRecord  *record,
               KontorRecord  *old,
               GError       **error)
{
  KontorLeadProject *project = KONTOR_LEAD_PROJECT (record);
  const char * const *users = kontor_lead_project_get_responsible (project);
  const char *group_id = kontor_lead_project_get_group_id (project);

  for (guint i = 0; users != NULL && users[i] != NULL; i++)
    {
      g_autoptr(KontorUser) user = NULL;
      g_autoptr(GError) local_error = NULL;

      /* one already responsible stays so */
      if (old != NULL &&
          kontor_lead_project_get_responsible (KONTOR_LEAD_PROJECT (old)) != NULL &&
          g_strv_contains (kontor_lead_project_get_responsible (KONTOR_LEAD_PROJECT (old)),
                           users[i]))
        continue;
      user = load_if_there (self, KONTOR_TYPE_USER, users[i], &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (user == NULL)
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                               _("A colleague responsible for the lead project no longer "
                                 "exists."));
          return FALSE;
        }
    }

  if (group_id != NULL &&
      (old == NULL ||
       g_strcmp0 (group_id, kontor_lead_project_get_group_id (KONTOR_LEAD_PROJECT (old))) != 0))
    {
      g_autoptr(KontorGroup) group = NULL;
      g_autoptr(GError) local_error = NULL;

      group = load_if_there (self, KONTOR_TYPE_GROUP, group_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (group == NULL)
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                               _("The group linked to the lead project no longer exists."));
          return FALSE;
        }
    }

  return TRUE;
}

static gint64
count_rows (KontorStore  *self,
            const char   *sql,
            const char   *id,
            GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  gint64 n = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &n, NULL, error) < 0)
    return -1;

  return n;
}

/* A project with entries goes only with them
 * (kontor_store_delete_lead_project()) */
static gboolean
project_check_delete (KontorStore   *self,
                      KontorRecord  *stored,
                      GError       **error)
{
  gint64 n = count_rows (self, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                         kontor_record_get_id (stored), error);
  g_autofree char *name = NULL;

  if (n <= 0)
    return n == 0;

  name = kontor_record_dup_display_name (stored);
  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
               /* Translators: %s is a lead project, %d a number of leads */
               g_dngettext (GETTEXT_PACKAGE,
                            "“%s” has %d lead: delete the project with it, or archive the "
                            "project.",
                            "“%s” has %d leads: delete the project with them, or archive the "
                            "project.",
                            n),
               name, (int) MIN (n, G_MAXINT));
  return FALSE;
}

/* Its statuses go with it, each with its tombstone and "delete" entry, so
 * that an undo restores them under their ids; the system statuses may go
 * now (status_check_delete()). A delete the team server sent is followed
 * by the other machines' own: what is here of its rows goes by ON DELETE
 * CASCADE, as a group's members do. */
static GArray *
project_before_delete (KontorStore   *self,
                       KontorRecord  *stored,
                       GError       **error)
{
  const char *id = kontor_record_get_id (stored);
  g_autoptr(GPtrArray) statuses = NULL;
  gboolean ok = TRUE;

  if (self->remote)
    {
      if (!_kontor_store_forget_rows (self, "lead_entry", "project_id", id, error) ||
          !_kontor_store_forget_rows (self, "lead_status", "project_id", id, error))
        return NULL;
      return g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  statuses = kontor_store_list_lead_statuses (self, id, error);
  if (statuses == NULL)
    return NULL;

  self->deleting_lead_project = id;
  for (guint i = 0; ok && i < statuses->len; i++)
    ok = _kontor_store_delete_record (self, g_ptr_array_index (statuses, i), error);
  self->deleting_lead_project = NULL;

  return ok ? g_array_new (FALSE, FALSE, sizeof (gint64)) : NULL;
}

static gboolean
project_after_delete (KontorStore  *self,
                      GArray       *dependents,
                      GError      **error)
{
  return TRUE;
}

KontorEntityInfo _kontor_store_lead_project_entity = {
  .get_type = kontor_lead_project_get_type,
  .table = "lead_project",
  .outbox = TRUE,
  .link_table = "lead_project_link",
  .check = project_check,
  .check_delete = project_check_delete,
  .before_delete = project_before_delete,
  .after_delete = project_after_delete,
};

/* ------------------------------------------------------------------------ */
/* Statuses */

/* Its project is there, and it fits among the project's statuses */
static gboolean
status_check (KontorStore   *self,
              KontorRecord  *record,
              KontorRecord  *old,
              GError       **error)
{
  KontorLeadStatus *status = KONTOR_LEAD_STATUS (record);
  const char *project_id = kontor_lead_status_get_project_id (status);
  g_autoptr(KontorLeadProject) project = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) local_error = NULL;

  project = load_if_there (self, KONTOR_TYPE_LEAD_PROJECT, project_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (project == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("The lead project no longer exists."));
      return FALSE;
    }

  others = kontor_store_list_lead_statuses (self, project_id, error);

  return others != NULL && kontor_lead_status_check_place (status, others, error);
}

/* The system statuses go only with their project, a status with entries
 * only once they are elsewhere */
static gboolean
status_check_delete (KontorStore   *self,
                     KontorRecord  *stored,
                     GError       **error)
{
  KontorLeadStatus *status = KONTOR_LEAD_STATUS (stored);
  gint64 n;

  if (self->deleting_lead_project != NULL &&
      g_strcmp0 (self->deleting_lead_project, kontor_lead_status_get_project_id (status)) == 0)
    return TRUE;

  n = kontor_store_count_lead_entries (self, kontor_record_get_id (stored), error);

  return n >= 0 && kontor_lead_status_check_delete (status, n, error);
}

KontorEntityInfo _kontor_store_lead_status_entity = {
  .get_type = kontor_lead_status_get_type,
  .table = "lead_status",
  .outbox = TRUE,
  .check = status_check,
  .check_delete = status_check_delete,
};

/* ------------------------------------------------------------------------ */
/* Entries */

/* The rank after the last entry of @status_id but @entry_id */
static char *
dup_rank_at_end (KontorStore  *self,
                 const char   *status_id,
                 const char   *entry_id,
                 GError      **error)
{
  g_autofree char *last = NULL;

  if (!_kontor_store_dup_nearest_rank (self, KONTOR_RANKED_LEAD_ENTRY, status_id, NULL, FALSE,
                                       entry_id, &last, error))
    return NULL;

  return kontor_rank_between (last, NULL);
}

static gboolean
entry_check (KontorStore   *self,
             KontorRecord  *record,
             KontorRecord  *old,
             GError       **error)
{
  KontorLeadEntry *entry = KONTOR_LEAD_ENTRY (record);
  const char *project_id = kontor_lead_entry_get_project_id (entry);
  const char *status_id = kontor_lead_entry_get_status_id (entry);
  const char *assignee_id = kontor_lead_entry_get_assignee_id (entry);
  g_autoptr(KontorLeadProject) project = NULL;
  g_autoptr(KontorLeadStatus) status = NULL;
  g_autoptr(GError) local_error = NULL;

  project = load_if_there (self, KONTOR_TYPE_LEAD_PROJECT, project_id, &local_error);
  if (project == NULL && local_error == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("The lead project no longer exists."));
      return FALSE;
    }
  if (project != NULL)
    status = load_if_there (self, KONTOR_TYPE_LEAD_STATUS, status_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (status == NULL ||
      g_strcmp0 (kontor_lead_status_get_project_id (status), project_id) != 0)
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   /* Translators: %s is a lead project */
                   _("The status is not one of “%s”."),
                   kontor_lead_project_get_name (project));
      return FALSE;
    }

  if (assignee_id != NULL &&
      (old == NULL ||
       g_strcmp0 (assignee_id, kontor_lead_entry_get_assignee_id (KONTOR_LEAD_ENTRY (old))) != 0))
    {
      g_autoptr(KontorUser) user = load_if_there (self, KONTOR_TYPE_USER, assignee_id,
                                                  &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (user == NULL)
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                               _("The colleague assigned to the lead no longer exists."));
          return FALSE;
        }
    }

  /* a new entry, or one a merge gives the kept contact */
  if (old == NULL ||
      g_strcmp0 (kontor_lead_entry_get_contact_id (entry),
                 kontor_lead_entry_get_contact_id (KONTOR_LEAD_ENTRY (old))) != 0)
    {
      g_autoptr(KontorContact) contact = NULL;
      g_autoptr(KontorLeadEntry) existing = NULL;

      contact = load_if_there (self, KONTOR_TYPE_CONTACT, kontor_lead_entry_get_contact_id (entry),
                               &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (contact == NULL)
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                               _("The contact no longer exists."));
          return FALSE;
        }
      if (old == NULL && !kontor_lead_entry_check_contact (contact, error))
        return FALSE;

      /* the UNIQUE constraint says so too, but not in words */
      existing = kontor_store_find_lead_entry (self, project_id,
                                               kontor_lead_entry_get_contact_id (entry),
                                               &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (existing != NULL &&
          g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (existing)),
                     kontor_record_get_id (record)) != 0)
        {
          g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (contact));

          g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                       /* Translators: the first %s is a name, the second a lead project */
                       _("%s is already a lead of “%s”."),
                       name, kontor_lead_project_get_name (project));
          return FALSE;
        }

      if (old == NULL && kontor_lead_entry_get_currency (entry) == NULL)
        kontor_lead_entry_set_currency (entry, kontor_lead_project_get_currency (project));
    }

  /* a new place at the end of its column: one without a rank, or one
   * moved to another status without a place of its own there */
  if (kontor_lead_entry_get_rank (entry) == NULL ||
      (old != NULL &&
       g_strcmp0 (status_id, kontor_lead_entry_get_status_id (KONTOR_LEAD_ENTRY (old))) != 0 &&
       g_strcmp0 (kontor_lead_entry_get_rank (entry),
                  kontor_lead_entry_get_rank (KONTOR_LEAD_ENTRY (old))) == 0))
    {
      g_autofree char *rank = dup_rank_at_end (self, status_id, kontor_record_get_id (record),
                                                 error);

      if (rank == NULL)
        return FALSE;
      kontor_lead_entry_set_rank (entry, rank);
    }

  return TRUE;
}

/* Its notes for the search (schema/026-note-search.sql) */
static gboolean
write_entry_document (KontorStore  *self,
                      gint64        rowid,
                      const char   *notes,
                      GError      **error)
{
  return _kontor_store_write_text_document (self, "lead_entry_search", "notes", rowid,
                                            &notes, 1, error);
}

static gboolean
entry_after_write (KontorStore   *self,
                   KontorRecord  *record,
                   KontorRecord  *old,
                   GError       **error)
{
  const char *notes;
  gint64 rowid;

  /* deleted: its document went with the row (the trigger of schema 26),
   * its words go from the index's segments with the purge after the
   * commit (src/README.md "Tombstones") */
  if (record == NULL)
    return _kontor_store_mark_purge (self, error);

  notes = kontor_lead_entry_get_notes (KONTOR_LEAD_ENTRY (record));
  if (old != NULL && g_strcmp0 (notes, kontor_lead_entry_get_notes (KONTOR_LEAD_ENTRY (old))) == 0)
    return TRUE;

  rowid = _kontor_store_rowid_of (self, "lead_entry", record, error);

  return rowid >= 0 && write_entry_document (self, rowid, notes, error);
}

KontorEntityInfo _kontor_store_lead_entry_entity = {
  .get_type = kontor_lead_entry_get_type,
  .table = "lead_entry",
  .outbox = TRUE,
  .check = entry_check,
  .after_write = entry_after_write,
};

/**
 * _kontor_store_index_lead_entries:
 * @self: a store inside a transaction
 * @error: return location for a #GError
 *
 * The search documents of every stored lead entry (the migration to
 * schema version 26).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_index_lead_entries (KontorStore  *self,
                                  GError      **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* read first: the writes' statements are prepared once and kept */
  stmt = _kontor_store_prepare (self, "SELECT rid, notes FROM lead_entry WHERE notes IS NOT NULL",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
      g_ptr_array_add (notes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _kontor_store_set_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < rowids->len; i++)
    {
      if (!write_entry_document (self, g_array_index (rowids, gint64, i),
                                 g_ptr_array_index (notes, i), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _kontor_store_check_lead_activity:
 * @self: a store inside a transaction
 * @activity: an activity about to be stored
 * @old: (nullable): as stored, %NULL for a new one
 * @error: return location for a #GError
 *
 * An activity recorded on a lead entry (a follow-up) names an entry that
 * is there, on the entry's contact, when it is recorded or given another
 * entry.
 *
 * Returns: %TRUE when @activity may be stored
 */
gboolean
_kontor_store_check_lead_activity (KontorStore     *self,
                                   KontorActivity  *activity,
                                   KontorActivity  *old,
                                   GError         **error)
{
  const char *entry_id = kontor_activity_get_lead_entry_id (activity);
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;

  /* checked when it is named: a merge that moves the activity to the
   * kept contact moves its entry too (kontor-contact-merge.c) */
  if (entry_id == NULL ||
      (old != NULL && g_strcmp0 (entry_id, kontor_activity_get_lead_entry_id (old)) == 0))
    return TRUE;

  entry = load_if_there (self, KONTOR_TYPE_LEAD_ENTRY, entry_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (entry == NULL ||
      g_strcmp0 (kontor_lead_entry_get_contact_id (entry),
                 kontor_activity_get_contact_id (activity)) != 0)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           entry == NULL
                           ? _("The lead no longer exists.")
                           : _("An activity of a lead is recorded on the lead’s contact."));
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Queries */

/**
 * kontor_store_list_lead_projects:
 * @self: a store
 * @with_archived: whether archived projects are listed too
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorLeadProject) (nullable):
 *   the lead projects by name
 */
GPtrArray *
kontor_store_list_lead_projects (KontorStore  *self,
                                 gboolean      with_archived,
                                 GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return _kontor_store_load_list (self, &_kontor_store_lead_project_entity,
                                  with_archived
                                  ? "SELECT rid FROM lead_project "
                                    "ORDER BY name COLLATE NOCASE, rid"
                                  : "SELECT rid FROM lead_project WHERE NOT archived "
                                    "ORDER BY name COLLATE NOCASE, rid",
                                  NULL, error);
}

/**
 * kontor_store_list_lead_statuses:
 * @self: a store
 * @project_id: a lead project's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorLeadStatus) (nullable): the
 *   project's statuses in their order, the first one first
 */
GPtrArray *
kontor_store_list_lead_statuses (KontorStore  *self,
                                 const char   *project_id,
                                 GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  return _kontor_store_load_list (self, &_kontor_store_lead_status_entity,
                                  "SELECT rid FROM lead_status WHERE project_id = ?1 "
                                  "ORDER BY position, rid",
                                  project_id, error);
}

/**
 * kontor_store_list_lead_entries:
 * @self: a store
 * @project_id: a lead project's id
 * @status_id: (nullable): one of its statuses, %NULL for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorLeadEntry) (nullable): the
 *   project's entries (of @status_id) as its board shows them: by the
 *   order of their statuses, then by rank
 */
GPtrArray *
kontor_store_list_lead_entries (KontorStore  *self,
                                const char   *project_id,
                                const char   *status_id,
                                GError      **error)
{
  g_autoptr(GArray) rowids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT e.rid FROM lead_entry e "
                                "LEFT JOIN lead_status s ON s.id = e.status_id "
                                "WHERE e.project_id = ?1 AND (?2 IS NULL OR e.status_id = ?2) "
                                "ORDER BY s.position, e.rank, e.rid",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, status_id, -1, SQLITE_TRANSIENT);

  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _kontor_store_set_error (self, rc, error);
      return NULL;
    }

  return _kontor_store_load_rowids (self, &_kontor_store_lead_entry_entity, rowids, error);
}

/**
 * kontor_store_list_contact_leads:
 * @self: a store
 * @contact_id: a contact's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorLeadEntry) (nullable): the
 *   contact's entries in lead projects, the oldest first
 */
GPtrArray *
kontor_store_list_contact_leads (KontorStore  *self,
                                 const char   *contact_id,
                                 GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (contact_id != NULL, NULL);

  return _kontor_store_load_list (self, &_kontor_store_lead_entry_entity,
                                  "SELECT rid FROM lead_entry WHERE contact_id = ?1 "
                                  "ORDER BY created_at, rid",
                                  contact_id, error);
}

/**
 * kontor_store_find_lead_entry:
 * @self: a store
 * @project_id: a lead project's id
 * @contact_id: a contact's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the entry of @contact_id in
 *   @project_id; %NULL without @error when there is none
 */
KontorLeadEntry *
kontor_store_find_lead_entry (KontorStore  *self,
                              const char   *project_id,
                              const char   *contact_id,
                              GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid = 0;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL && contact_id != NULL, NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT rid FROM lead_entry WHERE project_id = ?1 "
                                "AND contact_id = ?2",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, contact_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &rowid, NULL, error) <= 0)
    return NULL;

  return kontor_store_load_by_rowid (self, KONTOR_TYPE_LEAD_ENTRY, rowid, error);
}

/**
 * kontor_store_get_lead_value:
 * @self: a store
 * @project_id: a lead project's id
 * @contact_id: a contact's id
 * @cents: (out) (optional): the entry's value in cents, 0 without an entry
 * @currency: (out) (optional) (transfer full) (nullable): its currency
 * @rank: (out) (optional) (transfer full) (nullable): its place in its column
 * @error: return location for a #GError
 *
 * What a card of a lead project's board shows of the entry of
 * @contact_id in @project_id, and the rank a move lands next to, in one
 * look-up on UNIQUE (project_id, contact_id) without loading the entry.
 *
 * Returns: %TRUE when the contact has an entry in the project; %FALSE
 *   when it has none (@error unset) or on error (@error set)
 */
gboolean
kontor_store_get_lead_value (KontorStore  *self,
                             const char   *project_id,
                             const char   *contact_id,
                             gint64       *cents,
                             char        **currency,
                             char        **rank,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  int result;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (project_id != NULL && contact_id != NULL, FALSE);

  if (cents != NULL)
    *cents = 0;
  if (currency != NULL)
    *currency = NULL;
  if (rank != NULL)
    *rank = NULL;

  stmt = _kontor_store_prepare (self,
                                "SELECT value_cents, currency, rank FROM lead_entry "
                                "WHERE project_id = ?1 AND contact_id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, contact_id, -1, SQLITE_TRANSIENT);
  result = _kontor_store_step (self, stmt, error);
  if (result == 1)
    {
      if (cents != NULL)
        *cents = sqlite3_column_int64 (stmt, 0);
      if (currency != NULL)
        *currency = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (rank != NULL)
        *rank = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  return result == 1;
}

/**
 * kontor_store_list_lead_follow_ups:
 * @self: a store
 * @entry_id: a lead entry's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorActivity) (nullable): the
 *   activities recorded on the entry, its follow-ups among them: open
 *   tasks first by due date, then the rest, the newest first
 */
GPtrArray *
kontor_store_list_lead_follow_ups (KontorStore  *self,
                                   const char   *entry_id,
                                   GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (entry_id != NULL, NULL);

  return _kontor_store_load_list (self, _kontor_entity_info_for_type (KONTOR_TYPE_ACTIVITY),
                                  "SELECT rid FROM activity WHERE lead_entry_id = ?1 "
                                  "ORDER BY (kind = 0 AND NOT done) DESC, "
                                  "coalesce (due_on, '9999-12-31'), "
                                  "max (starts_at, done_at, created_at) DESC, rid",
                                  entry_id, error);
}

static void
column_sum_clear (gpointer data)
{
  KontorLeadColumnSum *sum = data;

  g_clear_pointer (&sum->status_id, g_free);
  g_clear_pointer (&sum->currency, g_free);
}

/**
 * kontor_store_count_lead_entries:
 * @self: a store
 * @status_id: a lead status's id
 * @error: return location for a #GError
 *
 * Every entry of the status, whoever its contact and whatever a view
 * shows: what a column's soft limit (feature X5) and the rule that a
 * status with entries stays (kontor_lead_status_check_delete()) count.
 *
 * Returns: the count, or -1 on error
 */
gint64
kontor_store_count_lead_entries (KontorStore  *self,
                                 const char   *status_id,
                                 GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), -1);
  g_return_val_if_fail (status_id != NULL, -1);

  return count_rows (self, "SELECT count(*) FROM lead_entry WHERE status_id = ?1", status_id,
                     error);
}

/**
 * kontor_store_lead_entry_contacts:
 * @self: a store
 * @entry_rowids: (element-type gint64): row ids of lead entries
 * @error: return location for a #GError
 *
 * The row ids of the entries' contacts: a list of contacts by lead status
 * asks whether a changed entry concerns it (kontor-record-list.c).
 *
 * Returns: (transfer full) (element-type gint64) (nullable): one row id
 *   per entry; %NULL when an entry is no more (deleted: its contact is not
 *   known here) or on error, with @error set
 */
GArray *
kontor_store_lead_entry_contacts (KontorStore  *self,
                                  GArray       *entry_rowids,
                                  GError      **error)
{
  g_autoptr(GString) json = NULL;
  g_autoptr(GArray) contacts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (entry_rowids != NULL, NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT c.rid FROM json_each (?1) j"
                                " CROSS JOIN lead_entry e ON e.rid = j.value"
                                " CROSS JOIN contact c ON c.id = e.contact_id",
                                error);
  if (stmt == NULL)
    return NULL;
  json = _kontor_store_dup_rowids_json (entry_rowids);
  sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_TRANSIENT);

  contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (contacts, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _kontor_store_set_error (self, rc, error);
      return NULL;
    }

  return contacts->len == entry_rowids->len ? g_steal_pointer (&contacts) : NULL;
}

/* The rows of a prepared sum query (status, currency, count, sum), reset
 * after */
static GArray *
collect_sums (KontorStore   *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (KontorLeadColumnSum));
  int rc;

  g_array_set_clear_func (sums, column_sum_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KontorLeadColumnSum sum = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3),
      };

      g_array_append_val (sums, sum);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _kontor_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&sums);
}

/**
 * kontor_store_sum_lead_columns:
 * @self: a store
 * @project_id: a lead project's id
 * @error: return location for a #GError
 *
 * Counts the entries of each status of the project and sums their values
 * per currency, in whole cents (SQL SUM over INTEGER: exact, and an error
 * rather than a wrong number should it overflow). Statuses without
 * entries are left out.
 *
 * Returns: (transfer full) (element-type KontorLeadColumnSum) (nullable):
 *   one row per status and currency, in the order of the statuses
 */
GArray *
kontor_store_sum_lead_columns (KontorStore  *self,
                               const char   *project_id,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT e.status_id, e.currency, count(*), sum (e.value_cents) "
                                "FROM lead_entry e "
                                "LEFT JOIN lead_status s ON s.id = e.status_id "
                                "WHERE e.project_id = ?1 "
                                "GROUP BY e.status_id, e.currency "
                                "ORDER BY min (s.position), e.status_id, e.currency",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);

  return collect_sums (self, stmt, error);
}

/**
 * kontor_store_sum_lead_column:
 * @self: a store
 * @status_id: a lead status's id
 * @rowids: (element-type gint64): row ids of contacts, those a board
 *   column shows
 * @error: return location for a #GError
 *
 * As kontor_store_sum_lead_columns() for one column of a board, counting
 * the entries of @status_id whose contacts are among @rowids only: the
 * header sums what the column shows, under any search.
 *
 * Returns: (transfer full) (element-type KontorLeadColumnSum) (nullable):
 *   one row per currency, by currency; empty for no entries
 */
GArray *
kontor_store_sum_lead_column (KontorStore  *self,
                              const char   *status_id,
                              GArray       *rowids,
                              GError      **error)
{
  g_autoptr(GString) json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (status_id != NULL, NULL);
  g_return_val_if_fail (rowids != NULL, NULL);

  /* each shown contact looked up by its row id, then its entries by
   * lead_entry_contact */
  stmt = _kontor_store_prepare (self,
                                "SELECT e.status_id, e.currency, count(*), sum (e.value_cents) "
                                "FROM json_each (?2) j CROSS JOIN contact c ON c.rid = j.value "
                                "CROSS JOIN lead_entry e ON e.contact_id = c.id "
                                "WHERE e.status_id = ?1 "
                                "GROUP BY e.currency ORDER BY e.currency",
                                error);
  if (stmt == NULL)
    return NULL;
  json = _kontor_store_dup_rowids_json (rowids);
  sqlite3_bind_text (stmt, 1, status_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json->str, -1, SQLITE_TRANSIENT);

  return collect_sums (self, stmt, error);
}

static void
forecast_clear (gpointer data)
{
  KontorLeadForecast *month = data;

  g_clear_pointer (&month->month, g_free);
  g_clear_pointer (&month->currency, g_free);
}

/**
 * kontor_store_forecast_lead_project:
 * @self: a store
 * @project_id: a lead project's id
 * @error: return location for a #GError
 *
 * The project's forecast: per month of the expected close and currency,
 * the open entries (not in the won or lost status) with a close date and
 * a probability, their own or else their status's default, and the sum of
 * their values weighted each by kontor_lead_expected_cents() (rounded per
 * entry, then summed: integers throughout).
 *
 * Returns: (transfer full) (element-type KontorLeadForecast) (nullable):
 *   one row per month and currency, by month, then currency
 */
GArray *
kontor_store_forecast_lead_project (KontorStore  *self,
                                    const char   *project_id,
                                    GError      **error)
{
  g_autoptr(GArray) months = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = _kontor_store_prepare (self,
                                "SELECT substr (e.close_on, 1, 7) AS month, e.currency, "
                                "e.value_cents, "
                                "CASE WHEN e.probability >= 0 THEN e.probability "
                                "ELSE s.probability END AS p "
                                "FROM lead_entry e JOIN lead_status s ON s.id = e.status_id "
                                "WHERE e.project_id = ?1 AND s.role NOT IN (?2, ?3) "
                                "AND e.close_on IS NOT NULL AND p >= 0 "
                                "ORDER BY month, e.currency",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, KONTOR_LEAD_STATUS_ROLE_WON);
  sqlite3_bind_int (stmt, 3, KONTOR_LEAD_STATUS_ROLE_LOST);

  months = g_array_new (FALSE, TRUE, sizeof (KontorLeadForecast));
  g_array_set_clear_func (months, forecast_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *month = (const char *) sqlite3_column_text (stmt, 0);
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);
      KontorLeadForecast *last = months->len > 0
        ? &g_array_index (months, KontorLeadForecast, months->len - 1) : NULL;
      gint64 expected = kontor_lead_expected_cents (sqlite3_column_int64 (stmt, 2),
                                                    sqlite3_column_int64 (stmt, 3));

      if (last == NULL || g_strcmp0 (last->month, month) != 0 ||
          g_strcmp0 (last->currency, currency) != 0)
        {
          KontorLeadForecast row = { g_strdup (month), g_strdup (currency), 0, 0 };

          g_array_append_val (months, row);
          last = &g_array_index (months, KontorLeadForecast, months->len - 1);
        }
      last->count++;
      last->cents += expected;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _kontor_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&months);
}

/* ------------------------------------------------------------------------ */
/* A project as a whole */

/**
 * _kontor_store_create_lead_project_in:
 * @self: a store inside a transaction
 * @project: a new project
 * @error: return location for a #GError
 *
 * What kontor_store_create_lead_project() does, inside the caller's
 * transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_create_lead_project_in (KontorStore        *self,
                                      KontorLeadProject  *project,
                                      GError            **error)
{
  g_autoptr(GPtrArray) statuses = NULL;
  gboolean changed = FALSE;

  g_assert (self->in_transaction);

  if (!_kontor_store_save_record (self, KONTOR_RECORD (project), &changed, error))
    return FALSE;

  statuses = kontor_lead_project_new_statuses (project);
  for (guint i = 0; i < statuses->len; i++)
    {
      if (!_kontor_store_save_record (self, g_ptr_array_index (statuses, i), &changed, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_store_create_lead_project:
 * @self: a store
 * @project: a new project (given its id, row id and times)
 * @error: return location for a #GError
 *
 * Stores @project with its system statuses (kontor_lead_project_new_statuses())
 * in one transaction: a project is never without them.
 *
 * Returns: %TRUE on success; on failure nothing is stored
 */
gboolean
kontor_store_create_lead_project (KontorStore        *self,
                                  KontorLeadProject  *project,
                                  GError            **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT (project), FALSE);
  g_return_val_if_fail (kontor_record_get_rowid (KONTOR_RECORD (project)) == 0, FALSE);

  if (!_kontor_store_begin (self, error))
    return FALSE;
  if (!_kontor_store_end (self, _kontor_store_create_lead_project_in (self, project, error),
                          error))
    {
      /* the project keeps no row id of a row that is not there */
      kontor_record_set_rowid (KONTOR_RECORD (project), 0);
      return FALSE;
    }

  return TRUE;
}

/**
 * _kontor_store_delete_lead_project_in:
 * @self: a store inside a transaction
 * @project: a stored project
 * @with_entries: whether its entries go with it
 * @error: return location for a #GError
 *
 * What kontor_store_delete_lead_project() does, inside the caller's
 * transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_delete_lead_project_in (KontorStore        *self,
                                      KontorLeadProject  *project,
                                      gboolean            with_entries,
                                      GError            **error)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (project));

  g_assert (self->in_transaction);

  if (with_entries)
    {
      g_autoptr(GPtrArray) entries = kontor_store_list_lead_entries (self, id, NULL, error);

      if (entries == NULL)
        return FALSE;
      for (guint i = 0; i < entries->len; i++)
        {
          if (!_kontor_store_delete_record (self, g_ptr_array_index (entries, i), error))
            return FALSE;
        }
    }

  return _kontor_store_delete_record (self, KONTOR_RECORD (project), error);
}

/**
 * kontor_store_delete_lead_project:
 * @self: a store
 * @project: a stored project
 * @with_entries: whether its entries go with it; without, a project with
 *   entries is refused with a message
 * @error: return location for a #GError
 *
 * Deletes @project, its statuses and, when asked, its entries in one
 * transaction, each with its tombstone and `delete` entry. The undoable
 * way is #KontorLeadProjectWrite.
 *
 * Returns: %TRUE on success; on failure nothing is deleted
 */
gboolean
kontor_store_delete_lead_project (KontorStore        *self,
                                  KontorLeadProject  *project,
                                  gboolean            with_entries,
                                  GError            **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT (project), FALSE);
  g_return_val_if_fail (kontor_record_get_id (KONTOR_RECORD (project)) != NULL, FALSE);

  return _kontor_store_begin (self, error) &&
         _kontor_store_end (self,
                            _kontor_store_delete_lead_project_in (self, project, with_entries,
                                                                  error),
                            error);
}
