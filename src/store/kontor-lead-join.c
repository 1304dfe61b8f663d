/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-join"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-filter.h"
#include "kontor-lead-join.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-store-lead.h"
#include "kontor-store-query.h"

/* ------------------------------------------------------------------------ */
/* Through the linked group */

/**
 * _kontor_store_note_lead_join:
 * @self: a store inside a transaction
 * @entity: the table a write changed
 * @rowid: the row, or 0 for many
 *
 * Remembers what of the transaction may move contacts into or out of a
 * lead project's linked group: a contact's own save (its row; a dynamic
 * group's filter reads the contact, its children and its company), or
 * anything that may change many at once (a group's filter, a project's
 * link, a company or an employment); a static group's membership notes
 * its contact (_kontor_store_note_lead_join_contact()). What
 * the team server sent (remote mode) is not: the machine that made the
 * change joined its contacts, and its entries come with it.
 */
void
_kontor_store_note_lead_join (KontorStore *self,
                              const char  *entity,
                              gint64       rowid)
{
  if (self->remote || self->lead_join_all)
    return;

  if (g_str_equal (entity, "contact"))
    {
      if (rowid == 0)
        self->lead_join_all = TRUE;
      else
        g_array_append_val (self->lead_join_contacts, rowid);
    }
  else if (g_str_equal (entity, "contact_group") ||
           g_str_equal (entity, "lead_project") ||
           g_str_equal (entity, "company") ||
           g_str_equal (entity, "employment"))
    {
      self->lead_join_all = TRUE;
    }
}

/**
 * _kontor_store_note_lead_join_contact:
 * @self: a store inside a transaction
 * @contact_id: a contact whose membership of a static group was made or
 *   taken back
 * @error: return location for a #GError
 *
 * Remembers @contact_id's row, as a save of the contact would: only
 * that contact can have entered or left a group through its membership
 * (and a dynamic group that names the static one follows it too).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_note_lead_join_contact (KontorStore  *self,
                                      const char   *contact_id,
                                      GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid = 0;

  if (self->remote || self->lead_join_all)
    return TRUE;

  stmt = _kontor_store_prepare (self, "SELECT rid FROM contact WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, contact_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &rowid, NULL, error) < 0)
    return FALSE;
  /* a contact deleted with its memberships has no entries left */
  if (rowid > 0)
    g_array_append_val (self->lead_join_contacts, rowid);

  return TRUE;
}

/**
 * _kontor_store_forget_lead_join:
 * @self: a store
 *
 * Forgets what _kontor_store_note_lead_join() remembered: a transaction
 * begins, was taken back, or was joined.
 */
void
_kontor_store_forget_lead_join (KontorStore *self)
{
  self->lead_join_all = FALSE;
  g_array_set_size (self->lead_join_contacts, 0);
}

/* The ids the one-column @sql selects with its parameters bound: text ?1,
 * ?2, ?3 (NULL: not bound); ?7 is "through the group", ?8 and ?9 the
 * restricted statuses */
static GPtrArray *
select_ids (KontorStore  *self,
            const char   *sql,
            const char   *text1,
            const char   *text2,
            const char   *text3,
            GError      **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  int result;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  if (text3 != NULL)
    sqlite3_bind_text (stmt, 3, text3, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, KONTOR_LEAD_JOIN_GROUP);
  sqlite3_bind_int (stmt, 8, KONTOR_CONTACT_STATUS_INBOX);
  sqlite3_bind_int (stmt, 9, KONTOR_CONTACT_STATUS_ARCHIVED);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (result < 0)
    return NULL;

  return g_steal_pointer (&ids);
}

/* The entries @ids of the project get @left_at: 0 when their contact is
 * in the group again, the time it left otherwise */
static gboolean
set_left_at (KontorStore  *self,
             GPtrArray    *ids,
             gint64        left_at,
             GError      **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KontorLeadEntry) entry = NULL;
      gboolean changed;

      entry = kontor_store_load (self, KONTOR_TYPE_LEAD_ENTRY, g_ptr_array_index (ids, i), error);
      if (entry == NULL)
        return FALSE;
      kontor_lead_entry_set_left_at (entry, left_at);
      if (!_kontor_store_save_record (self, KONTOR_RECORD (entry), &changed, error))
        return FALSE;
    }

  return TRUE;
}

/* Project @project_id's entries follow group @group_id: its members that
 * have no entry join in @first_status_id, entries that joined through the
 * group and whose contact is no longer in it are marked as left, and
 * entries marked as left whose contact is in it again are not any more.
 * @among: only these contacts (row ids), or %NULL for all. The three
 * differences are each one statement over the group's members; only what
 * changes is written, each entry with its outbox entry and history. */
static gboolean
join_project (KontorStore  *self,
              const char   *project_id,
              const char   *group_id,
              const char   *first_status_id,
              GArray       *among,
              GError      **error)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) members_json = NULL;
  g_autoptr(GString) among_json = NULL;
  g_autoptr(GPtrArray) joining = NULL;
  g_autoptr(GPtrArray) leaving = NULL;
  g_autoptr(GPtrArray) back = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  kontor_filter_set_group_id (filter, group_id);
  if (!_kontor_store_select_matching (self, filter, among, members, error))
    return FALSE;
  members_json = _kontor_store_dup_rowids_json (members);
  if (among != NULL)
    among_json = _kontor_store_dup_rowids_json (among);

  /* new members that may join (feature C4: not Inbox or Archived) */
  joining = select_ids (self,
                        "SELECT c.id FROM json_each (?1) j CROSS JOIN contact c ON c.rid = j.value"
                        " WHERE c.status NOT IN (?8, ?9) AND NOT EXISTS (SELECT 1 FROM lead_entry e"
                        " WHERE e.project_id = ?2 AND e.contact_id = c.id)",
                        members_json->str, project_id, NULL, error);
  if (joining == NULL)
    return FALSE;

  /* entries of the group whose contacts left it (of those looked at) */
  leaving = select_ids (self, among != NULL
                        ? "SELECT e.id FROM json_each (?3) j CROSS JOIN contact c ON c.rid = j.value"
                          " CROSS JOIN lead_entry e ON e.contact_id = c.id AND e.project_id = ?2"
                          " WHERE e.joined_by = ?7 AND e.left_at = 0"
                          " AND c.rid NOT IN (SELECT value FROM json_each (?1))"
                        : "SELECT e.id FROM lead_entry e CROSS JOIN contact c ON c.id = e.contact_id"
                          " WHERE e.project_id = ?2 AND e.joined_by = ?7 AND e.left_at = 0"
                          " AND c.rid NOT IN (SELECT value FROM json_each (?1))",
                        members_json->str, project_id,
                        among_json != NULL ? among_json->str : NULL, error);
  if (leaving == NULL)
    return FALSE;

  /* entries marked as left whose contacts are members again */
  back = select_ids (self,
                     "SELECT e.id FROM json_each (?1) j CROSS JOIN contact c ON c.rid = j.value"
                     " CROSS JOIN lead_entry e ON e.contact_id = c.id AND e.project_id = ?2"
                     " WHERE e.left_at <> 0",
                     members_json->str, project_id, NULL, error);
  if (back == NULL)
    return FALSE;

  for (guint i = 0; i < joining->len; i++)
    {
      g_autoptr(KontorLeadEntry) entry = kontor_lead_entry_new (project_id,
                                                                g_ptr_array_index (joining, i),
                                                                first_status_id);
      gboolean changed;

      kontor_lead_entry_set_joined_by (entry, KONTOR_LEAD_JOIN_GROUP);
      if (!_kontor_store_save_record (self, KONTOR_RECORD (entry), &changed, error))
        return FALSE;
    }

  return set_left_at (self, leaving, now, error) && set_left_at (self, back, 0, error);
}

/**
 * _kontor_store_join_lead_groups:
 * @self: a store about to commit its transaction
 * @error: return location for a #GError
 *
 * Runs before every commit of a transaction that may have moved contacts
 * into or out of a group (_kontor_store_note_lead_join()): every
 * project that is not archived and has a linked group follows it
 * (join_project()), on the same transaction. After a contact's save or
 * a membership only those contacts are looked at; after a change of a
 * group, a project, a company or an employment, every member of every
 * linked group.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_join_lead_groups (KontorStore  *self,
                                GError      **error)
{
  g_autoptr(GArray) among = NULL;
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean all = self->lead_join_all;
  gint64 n_tables = 0;
  int result;

  if (!all && self->lead_join_contacts->len == 0)
    return TRUE;
  if (!all)
    among = g_array_copy (self->lead_join_contacts);
  _kontor_store_forget_lead_join (self);

  /* a database being made or migrated to a version before the projects */
  stmt = _kontor_store_prepare (self, "SELECT count (*) FROM sqlite_master"
                                      " WHERE type = 'table' AND name = 'lead_project'", error);
  if (stmt == NULL || _kontor_store_step_one (self, stmt, &n_tables, NULL, error) < 0)
    return FALSE;
  if (n_tables == 0)
    return TRUE;

  /* project id, group id, first status id: three strings a project */
  stmt = _kontor_store_prepare (self,
                                "SELECT p.id, p.group_id, s.id FROM lead_project p"
                                " CROSS JOIN lead_status s ON s.project_id = p.id AND s.role = ?1"
                                " WHERE p.group_id IS NOT NULL AND NOT p.archived",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, KONTOR_LEAD_STATUS_ROLE_FIRST);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    for (int column = 0; column < 3; column++)
      g_ptr_array_add (projects, g_strdup ((const char *) sqlite3_column_text (stmt, column)));
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  for (guint i = 0; i + 2 < projects->len; i += 3)
    if (!join_project (self, g_ptr_array_index (projects, i), g_ptr_array_index (projects, i + 1),
                       g_ptr_array_index (projects, i + 2), among, error))
      return FALSE;

  /* the entries' own writes noted nothing to join; forget anyway */
  _kontor_store_forget_lead_join (self);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* By hand */

/**
 * KontorLeadAdd:
 *
 * Contacts added to a lead project by hand ("Zum Leadmanager
 * hinzufügen", feature D3), as one operation: one transaction, one toast,
 * one undo. The contacts are sorted in one statement: those already in
 * the project are skipped, Inbox and Archived ones refused (feature C4),
 * the rest join in the project's first status. Undo deletes the entries
 * it made; a redo makes new ones.
 */
struct _KontorLeadAdd
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  char            *project_id;
  GStrv            contact_ids;
  char            *project_name;
  GPtrArray       *added;          /* the ids of the entries made */
  guint            n_skipped;
  guint            n_refused;
};

G_DEFINE_FINAL_TYPE (KontorLeadAdd, kontor_lead_add, KONTOR_TYPE_OPERATION)

/* The project's name and first status; an archived project takes none */
static char *
find_project (KontorLeadAdd  *self,
              GError        **error)
{
  g_autoptr(KontorLeadProject) project = NULL;
  sqlite3_stmt *stmt;
  char *status_id = NULL;

  project = kontor_store_load (self->store, KONTOR_TYPE_LEAD_PROJECT, self->project_id, error);
  if (project == NULL)
    return NULL;
  g_free (self->project_name);
  self->project_name = g_strdup (kontor_lead_project_get_name (project));
  if (kontor_lead_project_get_archived (project))
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   /* Translators: %s is a lead project */
                   _("“%s” is archived and takes no new leads."), self->project_name);
      return NULL;
    }

  stmt = _kontor_store_prepare (self->store, "SELECT id FROM lead_status"
                                             " WHERE project_id = ?1 AND role = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, self->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, KONTOR_LEAD_STATUS_ROLE_FIRST);
  if (_kontor_store_step_one (self->store, stmt, NULL, &status_id, error) < 0)
    return NULL;
  if (status_id == NULL)
    g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                         _("The lead project has no first status."));

  return status_id;
}

static gboolean
add_entries (KontorLeadAdd  *self,
             GError        **error)
{
  g_autofree char *status_id = find_project (self, error);
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) joining = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int result;

  if (status_id == NULL)
    return FALSE;

  /* each contact once: 0 may join, 1 is in already (or gone), 2 is
   * restricted */
  json = _kontor_store_dup_ids_json ((const char * const *) self->contact_ids);
  stmt = _kontor_store_prepare (self->store,
                                "SELECT j.id, CASE"
                                " WHEN c.id IS NULL THEN 1"
                                " WHEN EXISTS (SELECT 1 FROM lead_entry e"
                                "   WHERE e.project_id = ?2 AND e.contact_id = c.id) THEN 1"
                                " WHEN c.status IN (?3, ?4) THEN 2 ELSE 0 END"
                                " FROM (SELECT DISTINCT value AS id FROM json_each (?1)) j"
                                " LEFT JOIN contact c ON c.id = j.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->project_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, KONTOR_CONTACT_STATUS_INBOX);
  sqlite3_bind_int (stmt, 4, KONTOR_CONTACT_STATUS_ARCHIVED);
  while ((result = _kontor_store_step (self->store, stmt, error)) == 1)
    {
      switch (sqlite3_column_int (stmt, 1))
        {
        case 0:
          g_ptr_array_add (joining, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          break;
        case 1:
          self->n_skipped++;
          break;
        default:
          self->n_refused++;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  for (guint i = 0; i < joining->len; i++)
    {
      g_autoptr(KontorLeadEntry) entry = kontor_lead_entry_new (self->project_id,
                                                                g_ptr_array_index (joining, i),
                                                                status_id);
      gboolean changed;

      kontor_lead_entry_set_joined_by (entry, KONTOR_LEAD_JOIN_HAND);
      if (!_kontor_store_save_record (self->store, KONTOR_RECORD (entry), &changed, error))
        return FALSE;
      g_ptr_array_add (self->added, g_strdup (kontor_record_get_id (KONTOR_RECORD (entry))));
    }

  return TRUE;
}

/* What the toast and the history say: how many joined, how many were in
 * already, and why some could not (feature C4) */
static char *
dup_title (KontorLeadAdd *self)
{
  guint n = self->added->len;
  char *title;

  /* Translators: a toast with "Undo"; %u is a number, %s a lead project */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact added to “%s”",
                                        "%u contacts added to “%s”", n),
                           n, self->project_name);
  if (self->n_skipped > 0)
    {
      g_autofree char *first = title;
      g_autofree char *part = NULL;

      /* Translators: follows "3 contacts added to “Messe 2027”" */
      part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u was in it already",
                                           "%u were in it already", self->n_skipped),
                              self->n_skipped);
      /* Translators: joins two parts of a toast */
      title = g_strdup_printf (_("%s; %s"), first, part);
    }
  if (self->n_refused > 0)
    {
      g_autofree char *first = title;
      g_autofree char *part = NULL;

      /* Translators: follows "3 contacts added to “Messe 2027”"; Inbox and
       * Archived are contact statuses */
      part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u not added: Inbox and Archived contacts "
                                           "cannot join a lead project",
                                           "%u not added: Inbox and Archived contacts "
                                           "cannot join a lead project", self->n_refused),
                              self->n_refused);
      /* Translators: joins two parts of a toast */
      title = g_strdup_printf (_("%s; %s"), first, part);
    }

  return title;
}

static gboolean
kontor_lead_add_apply (KontorOperation  *operation,
                       GError          **error)
{
  KontorLeadAdd *self = KONTOR_LEAD_ADD (operation);
  g_autofree char *title = NULL;

  g_ptr_array_set_size (self->added, 0);
  self->n_skipped = 0;
  self->n_refused = 0;

  if (!_kontor_store_begin (self->store, error))
    return FALSE;
  if (!_kontor_store_end (self->store, add_entries (self, error), error))
    {
      g_ptr_array_set_size (self->added, 0);
      return FALSE;
    }

  title = dup_title (self);
  kontor_operation_set_title (operation, title);

  return TRUE;
}

static gboolean
delete_entries (KontorLeadAdd  *self,
                GError        **error)
{
  for (guint i = 0; i < self->added->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KontorRecord) entry = kontor_store_load (self->store, KONTOR_TYPE_LEAD_ENTRY,
                                                         g_ptr_array_index (self->added, i),
                                                         &local_error);

      /* one deleted since (its project, its contact) is gone already */
      if (entry == NULL &&
          g_error_matches (local_error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
        continue;
      if (entry == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!_kontor_store_delete_record (self->store, entry, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
kontor_lead_add_undo (KontorOperation  *operation,
                      GError          **error)
{
  KontorLeadAdd *self = KONTOR_LEAD_ADD (operation);

  if (!_kontor_store_begin (self->store, error) ||
      !_kontor_store_end (self->store, delete_entries (self, error), error))
    return FALSE;
  g_ptr_array_set_size (self->added, 0);

  return TRUE;
}

static void
kontor_lead_add_finalize (GObject *object)
{
  KontorLeadAdd *self = KONTOR_LEAD_ADD (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_strfreev (self->contact_ids);
  g_free (self->project_name);
  g_ptr_array_unref (self->added);

  G_OBJECT_CLASS (kontor_lead_add_parent_class)->finalize (object);
}

static void
kontor_lead_add_class_init (KontorLeadAddClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_lead_add_finalize;
  operation_class->apply = kontor_lead_add_apply;
  operation_class->undo = kontor_lead_add_undo;
}

static void
kontor_lead_add_init (KontorLeadAdd *self)
{
  self->added = g_ptr_array_new_with_free_func (g_free);
}

/**
 * kontor_lead_add_new:
 * @store: the store
 * @project_id: a stored lead project
 * @contact_ids: the contacts to add
 *
 * Returns: (transfer full): the operation, to apply
 */
KontorLeadAdd *
kontor_lead_add_new (KontorStore        *store,
                     const char         *project_id,
                     const char * const *contact_ids)
{
  KontorLeadAdd *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (contact_ids != NULL, NULL);

  self = g_object_new (KONTOR_TYPE_LEAD_ADD, NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->contact_ids = g_strdupv ((char **) contact_ids);

  return self;
}

/**
 * kontor_lead_add_get_n_added:
 * @self: an applied operation
 *
 * Returns: how many contacts joined the project
 */
guint
kontor_lead_add_get_n_added (KontorLeadAdd *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_ADD (self), 0);

  return self->added->len;
}

/**
 * kontor_lead_add_get_n_skipped:
 * @self: an applied operation
 *
 * Returns: how many were in the project already (or no longer exist)
 */
guint
kontor_lead_add_get_n_skipped (KontorLeadAdd *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_ADD (self), 0);

  return self->n_skipped;
}

/**
 * kontor_lead_add_get_n_refused:
 * @self: an applied operation
 *
 * Returns: how many were Inbox or Archived contacts, which join no
 *   project (feature C4)
 */
guint
kontor_lead_add_get_n_refused (KontorLeadAdd *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_ADD (self), 0);

  return self->n_refused;
}

/**
 * kontor_lead_add_get_project_name:
 * @self: an applied operation
 *
 * Returns: (nullable): the project's name
 */
const char *
kontor_lead_add_get_project_name (KontorLeadAdd *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_ADD (self), NULL);

  return self->project_name;
}
