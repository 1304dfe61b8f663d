/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Activities in the store (features A1–A3, A7, A8; src/README.md
 * "Activities"). They sync like every record. After every write of one
 * (a form, an undo, a delete, the sync engine) the store sets its
 * contact's or company's last activity to the latest done one, in the
 * same transaction; the lists then learn of the contact's change with
 * the activity's. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <string.h>

#include "kontor-store-activity.h"
#include "kontor-store-query.h"
#include "kontor-store-contact.h"
#include "kontor-store-crud.h"
#include "kontor-store-index.h"
#include "kontor-store-lead.h"
#include "kontor-text.h"
#include "kontor-uuid.h"

/* Sets the last activity of the record @owner_id of @table (a contact or
 * a company) to the latest of its done activities; an index walk */
static gboolean
refresh_owner (KontorStore  *self,
               const char   *table,
               const char   *owner_id,
               GError      **error)
{
  gboolean contact = g_str_equal (table, "contact");
  gint64 rowid = 0;
  sqlite3_stmt *stmt;

  stmt = _kontor_store_prepare (self,
                                contact
                                ? "UPDATE contact SET last_activity_at = coalesce ("
                                  "(SELECT max (happened_at) FROM activity WHERE contact_id = ?1),"
                                  " 0) WHERE id = ?1 RETURNING rid"
                                : "UPDATE company SET last_activity_at = coalesce ("
                                  "(SELECT max (happened_at) FROM activity WHERE company_id = ?1),"
                                  " 0) WHERE id = ?1 RETURNING rid",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &rowid, NULL, error) < 0)
    return FALSE;

  /* none when it went with its owner (a contact's delete takes its activities) */
  if (rowid != 0)
    _kontor_store_note_change (self, table, rowid);

  return TRUE;
}

static gboolean
refresh_owners_of (KontorStore     *self,
                   KontorActivity  *activity,
                   KontorActivity  *other,
                   GError         **error)
{
  const char *contact_id = kontor_activity_get_contact_id (activity);
  const char *company_id = kontor_activity_get_company_id (activity);

  /* an update that moved nothing refreshes its owner once */
  if (other != NULL && g_strcmp0 (contact_id, kontor_activity_get_contact_id (other)) == 0 &&
      g_strcmp0 (company_id, kontor_activity_get_company_id (other)) == 0)
    return TRUE;

  return (contact_id == NULL || refresh_owner (self, "contact", contact_id, error)) &&
         (company_id == NULL || refresh_owner (self, "company", company_id, error));
}

/* The record keeps when it happened (a local field, which an update,
 * writing the synced fields it changed, leaves alone): into its row,
 * before its owners read it */
static gboolean
write_happened_at (KontorStore     *self,
                   KontorActivity  *activity,
                   GError         **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "UPDATE activity SET happened_at = ?2 "
                                              "WHERE id = ?1 AND happened_at != ?2",
                                              error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kontor_record_get_id (KONTOR_RECORD (activity)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, kontor_activity_get_happened_at (activity));

  return _kontor_store_step_done (self, stmt, error);
}

/* Its subject, notes and files' names for the search
 * (schema/026-note-search.sql), with their German transliteration */
static gboolean
write_search_document (KontorStore     *self,
                       gint64           rowid,
                       const char      *subject,
                       const char      *notes,
                       const char      *attachments,
                       GError         **error)
{
  g_autoptr(GPtrArray) files = kontor_attachments_parse (attachments, NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  const char *texts[3] = { subject, notes, NULL };

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      KontorAttachment *file = g_ptr_array_index (files, i);

      g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", file->name);
    }
  texts[2] = names->str;

  return _kontor_store_write_text_document (self, "activity_search", "subject, notes, files",
                                            rowid, texts, G_N_ELEMENTS (texts), error);
}

/**
 * _kontor_store_append_activity_kinds:
 * @sql: a query's text, after its WHERE
 * @column: the column of the kind ("kind", "a.kind")
 * @kinds: a mask of `1 << KontorActivityKind`, 0 for every kind
 *
 * Appends the condition of @kinds: one kind as an equality (a walk of
 * the index by kind), several as an IN list, nothing for every kind.
 */
void
_kontor_store_append_activity_kinds (GString    *sql,
                                     const char *column,
                                     guint       kinds)
{
  if (kinds == 0)
    return;

  if ((kinds & (kinds - 1)) == 0)
    {
      g_string_append_printf (sql, " AND %s = %d", column, g_bit_nth_lsf (kinds, -1));
      return;
    }

  g_string_append_printf (sql, " AND %s IN (-1", column);
  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    {
      if (kinds & (1u << kind))
        g_string_append_printf (sql, ", %u", kind);
    }
  g_string_append_c (sql, ')');
}

/**
 * _kontor_store_index_activities:
 * @self: a store inside a transaction
 * @error: return location for a #GError
 *
 * The search documents of every stored activity, made anew when their
 * table changed (the migration to schema version 26).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_index_activities (KontorStore  *self,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  /* read first: the statements of the writes are prepared once and kept */
  stmt = _kontor_store_prepare (self, "SELECT rid, subject, notes, attachments FROM activity",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (rows, g_strdup_printf ("%" G_GINT64_FORMAT,
                                              (gint64) sqlite3_column_int64 (stmt, 0)));
      g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _kontor_store_set_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i + 3 < rows->len; i += 4)
    {
      if (!write_search_document (self, g_ascii_strtoll (g_ptr_array_index (rows, i), NULL, 10),
                                  g_ptr_array_index (rows, i + 1),
                                  g_ptr_array_index (rows, i + 2),
                                  g_ptr_array_index (rows, i + 3), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
activity_after_write (KontorStore   *self,
                      KontorRecord  *record,
                      KontorRecord  *old,
                      GError       **error)
{
  if (record != NULL)
    {
      KontorActivity *activity = KONTOR_ACTIVITY (record);
      gint64 rowid = _kontor_store_rowid_of (self, "activity", record, error);
      /* a tick or a snooze leaves the words as they are */
      gboolean words = old == NULL ||
                       g_strcmp0 (kontor_activity_get_subject (activity),
                                  kontor_activity_get_subject (KONTOR_ACTIVITY (old))) != 0 ||
                       g_strcmp0 (kontor_activity_get_notes (activity),
                                  kontor_activity_get_notes (KONTOR_ACTIVITY (old))) != 0 ||
                       g_strcmp0 (kontor_activity_get_attachments (activity),
                                  kontor_activity_get_attachments (KONTOR_ACTIVITY (old))) != 0;

      if (rowid < 0 ||
          !write_happened_at (self, activity, error) ||
          (words && !write_search_document (self, rowid, kontor_activity_get_subject (activity),
                                            kontor_activity_get_notes (activity),
                                            kontor_activity_get_attachments (activity), error)) ||
          !refresh_owners_of (self, activity, NULL, error))
        return FALSE;
    }
  /* deleted: its document went with the row (schema/019), its words
   * linger in the index's segments until the purge after the commit
   * rewrites them (src/README.md "Tombstones") */
  else if (!_kontor_store_mark_purge (self, error))
    return FALSE;

  return old == NULL ||
         refresh_owners_of (self, KONTOR_ACTIVITY (old),
                            record != NULL ? KONTOR_ACTIVITY (record) : NULL, error);
}

/* A new activity is recorded by the current user (feature A7: who may
 * delete an automatic one); one of a lead names an entry of its contact */
static gboolean
activity_check (KontorStore   *self,
                KontorRecord  *record,
                KontorRecord  *old,
                GError       **error)
{
  KontorActivity *activity = KONTOR_ACTIVITY (record);
  KontorUser *user = kontor_store_get_current_user (self);

  if (old == NULL && kontor_activity_get_created_by (activity) == NULL && user != NULL)
    kontor_activity_set_created_by (activity, kontor_record_get_id (KONTOR_RECORD (user)));

  /* a follow-up names its lead entry, on the entry's contact */
  return _kontor_store_check_lead_activity (self, activity,
                                            old != NULL ? KONTOR_ACTIVITY (old) : NULL, error);
}

static gboolean
activity_check_delete (KontorStore   *self,
                       KontorRecord  *stored,
                       GError       **error)
{
  KontorUser *user = kontor_store_get_current_user (self);

  return kontor_activity_check_delete (KONTOR_ACTIVITY (stored),
                                       user != NULL ? kontor_record_get_id (KONTOR_RECORD (user))
                                                    : NULL,
                                       error);
}

KontorEntityInfo _kontor_store_activity_entity = {
  .get_type = kontor_activity_get_type,
  .table = "activity",
  .outbox = TRUE,
  .check = activity_check,
  .after_write = activity_after_write,
  .check_delete = activity_check_delete,
};

/**
 * _kontor_store_append_activity_participant:
 * @sql: a query's text, after its WHERE
 * @alias: the activity table's name in @sql ("a", "activity")
 * @value: the SQL of the id: a parameter ("?2") or a quoted valid id
 *
 * Narrows @sql to the activities of a contact or a colleague (feature
 * A4): recorded on the contact, or with them among the participants, an
 * index walk of activity_participant (schema 22, kept by triggers).
 */
void
_kontor_store_append_activity_participant (GString    *sql,
                                           const char *alias,
                                           const char *value)
{
  g_string_append_printf (sql, " AND (%s.contact_id = %s OR %s.rid IN (SELECT activity_rid"
                               " FROM activity_participant WHERE person_id = %s))",
                          alias, value, alias, value);
}

/**
 * kontor_store_list_activities:
 * @self: a store
 * @owner: a stored contact or company
 * @flags: which activities besides @owner's own
 * @error: return location for a #GError
 *
 * The timeline of @owner (features A2, A6): kontor_store_list_timeline()
 * of every kind.
 *
 * Returns: (transfer full) (element-type KontorActivity) (nullable): the
 *   activities
 */
GPtrArray *
kontor_store_list_activities (KontorStore              *self,
                              KontorRecord             *owner,
                              KontorActivityListFlags   flags,
                              GError                  **error)
{
  return kontor_store_list_timeline (self, owner, flags, 0, error);
}

/**
 * kontor_store_list_timeline:
 * @self: a store
 * @owner: a stored contact or company
 * @flags: which activities besides @owner's own, and whether the open
 *   tasks only
 * @kinds: a mask of `1 << KontorActivityKind`, 0 for every kind
 * @error: return location for a #GError
 *
 * The timeline of @owner (features A2, A4, A6): its activities, those a
 * contact took part in (its participants), and with
 * %KONTOR_ACTIVITY_LIST_AFFILIATED those of its company (for a contact)
 * or of its contacts (for a company), of @kinds. Open tasks first, by due
 * date; then the rest, the newest first.
 *
 * Returns: (transfer full) (element-type KontorActivity) (nullable): the
 *   activities
 */
GPtrArray *
kontor_store_list_timeline (KontorStore              *self,
                            KontorRecord             *owner,
                            KontorActivityListFlags   flags,
                            guint                     kinds,
                            GError                  **error)
{
  return kontor_store_list_timeline_with (self, owner, flags, kinds, NULL, error);
}

/**
 * kontor_store_list_timeline_with:
 * @self: a store
 * @owner: a stored contact or company
 * @flags: as for kontor_store_list_timeline()
 * @kinds: as for kontor_store_list_timeline()
 * @participant_id: (nullable): a contact or a colleague (user): only the
 *   activities recorded on the contact or that they took part in
 * @error: return location for a #GError
 *
 * kontor_store_list_timeline() narrowed to a participant (feature A4).
 *
 * Returns: (transfer full) (element-type KontorActivity) (nullable): the
 *   activities
 */
GPtrArray *
kontor_store_list_timeline_with (KontorStore              *self,
                                 KontorRecord             *owner,
                                 KontorActivityListFlags   flags,
                                 guint                     kinds,
                                 const char               *participant_id,
                                 GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT rid FROM activity WHERE (");
  const char *order = " ORDER BY (kind = 0 AND NOT done) DESC,"
                      " CASE WHEN kind = 0 AND NOT done THEN coalesce (due_on, '9999') END,"
                      " CASE WHEN starts_at > 0 THEN starts_at WHEN done_at > 0 THEN done_at"
                      " ELSE created_at END DESC, rid DESC";

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTACT (owner) || KONTOR_IS_COMPANY (owner), NULL);

  if (KONTOR_IS_CONTACT (owner))
    {
      g_string_append (sql, "contact_id = ?1");
      if (flags & KONTOR_ACTIVITY_LIST_AFFILIATED)
        g_string_append (sql, " OR company_id = (SELECT company_id FROM contact WHERE id = ?1)");
      /* the activities the contact took part in (feature A4) */
      g_string_append (sql, " OR rid IN (SELECT activity_rid FROM activity_participant"
                            " WHERE person_id = ?1)");
    }
  else
    {
      g_string_append (sql, "company_id = ?1");
      if (flags & KONTOR_ACTIVITY_LIST_AFFILIATED)
        g_string_append (sql, " OR contact_id IN (SELECT id FROM contact WHERE company_id = ?1)");
    }
  g_string_append_c (sql, ')');
  if (flags & KONTOR_ACTIVITY_LIST_OPEN_TASKS)
    g_string_append (sql, " AND kind = 0 AND done = 0");
  _kontor_store_append_activity_kinds (sql, "kind", kinds);
  if (participant_id != NULL)
    {
      g_autofree char *quoted = NULL;

      /* one text parameter is all _kontor_store_load_list() binds: an id
       * is hex digits and dashes, never a quote, and is checked so */
      if (!kontor_uuid_is_valid (participant_id))
        return g_ptr_array_new_with_free_func (g_object_unref);
      quoted = g_strdup_printf ("'%s'", participant_id);
      _kontor_store_append_activity_participant (sql, "activity", quoted);
    }
  g_string_append (sql, order);

  return _kontor_store_load_list (self, &_kontor_store_activity_entity, sql->str,
                                  kontor_record_get_id (owner), error);
}

/**
 * kontor_store_find_participants:
 * @self: a store
 * @text: what was typed, a part of a name
 * @limit: how many at most
 * @error: return location for a #GError
 *
 * The contacts whose first or last name, or both as "first last", hold
 * @text (case ignored for ASCII), by name: the suggestions of the
 * activity dialog's participant row (feature A4).
 *
 * Returns: (transfer full) (element-type KontorContact) (nullable): the
 *   contacts
 */
GPtrArray *
kontor_store_find_participants (KontorStore  *self,
                                const char   *text,
                                guint         limit,
                                GError      **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* typed literally: % and _ are no wildcards here */
  pattern = _kontor_store_dup_like_pattern (text);
  sql = g_strdup_printf ("SELECT rid FROM contact WHERE"
                         " coalesce (first_name, '') || ' ' || coalesce (last_name, '')"
                         " LIKE ?1 ESCAPE '\\' OR last_name LIKE ?1 ESCAPE '\\'"
                         " ORDER BY sort_name, rid LIMIT %u", limit);

  return _kontor_store_load_list (self, &_kontor_store_contact_entity, sql, pattern, error);
}

/* ------------------------------------------------------------------------ */
/* What a calendar shows (feature I4, src/README.md "Activities") */

/* tasks, lunches and meetings, as numbers in the SQL below */
G_STATIC_ASSERT (KONTOR_ACTIVITY_KIND_TASK == 0);
G_STATIC_ASSERT (KONTOR_ACTIVITY_KIND_LUNCH == 2);
G_STATIC_ASSERT (KONTOR_ACTIVITY_KIND_MEETING == 3);

/**
 * kontor_store_list_calendar_activities:
 * @self: a store
 * @owner: (nullable): a stored contact or company
 * @filter: (nullable): a contact filter, when @owner is %NULL
 * @error: return location for a #GError
 *
 * What an iCalendar export holds (feature I4): the tasks, meetings and
 * lunches of @owner; else of the contacts @filter selects, its search
 * text included; else, both %NULL, every one. Oldest first.
 *
 * Returns: (transfer full) (element-type KontorActivity) (nullable): the
 *   activities
 */
GPtrArray *
kontor_store_list_calendar_activities (KontorStore   *self,
                                       KontorRecord  *owner,
                                       KontorFilter  *filter,
                                       GError       **error)
{
  g_autoptr(GArray) contacts = NULL;
  g_autoptr(GString) json = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (owner == NULL || KONTOR_IS_CONTACT (owner) || KONTOR_IS_COMPANY (owner),
                        NULL);
  g_return_val_if_fail (filter == NULL || KONTOR_IS_FILTER (filter), NULL);
  g_return_val_if_fail (owner == NULL || filter == NULL, NULL);

  if (owner != NULL)
    return _kontor_store_load_list (self, &_kontor_store_activity_entity,
                                    KONTOR_IS_CONTACT (owner)
                                    ? "SELECT rid FROM activity WHERE contact_id = ?1"
                                      " AND kind IN (0, 2, 3) ORDER BY rid"
                                    : "SELECT rid FROM activity WHERE company_id = ?1"
                                      " AND kind IN (0, 2, 3) ORDER BY rid",
                                    kontor_record_get_id (owner), error);
  if (filter == NULL)
    return _kontor_store_load_list (self, &_kontor_store_activity_entity,
                                    "SELECT rid FROM activity WHERE kind IN (0, 2, 3)"
                                    " ORDER BY rid",
                                    NULL, error);

  /* the filter's contacts as the lists find them, then theirs: an index
   * walk (activity_contact) per contact */
  contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!kontor_store_query_rowids (self, KONTOR_TYPE_CONTACT, filter, contacts, error))
    return NULL;
  json = _kontor_store_dup_rowids_json (contacts);

  return _kontor_store_load_list (self, &_kontor_store_activity_entity,
                                  "SELECT rid FROM activity WHERE kind IN (0, 2, 3)"
                                  " AND contact_id IN (SELECT id FROM contact"
                                  " WHERE rid IN (SELECT value FROM json_each (?1)))"
                                  " ORDER BY rid",
                                  json->str, error);
}

/**
 * kontor_store_dup_activity_owner_names:
 * @self: a store
 * @activities: (element-type KontorActivity): stored activities
 * @error: return location for a #GError
 *
 * The names of the contacts and companies @activities are recorded on,
 * as their pages show them, for an export: a few statements for all of
 * them rather than one load each.
 *
 * Returns: (transfer full) (element-type utf8 utf8) (nullable): id ->
 *   display name
 */
GHashTable *
kontor_store_dup_activity_owner_names (KontorStore   *self,
                                       GPtrArray     *activities,
                                       GError       **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) contact_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) company_ids = g_ptr_array_new ();
  GPtrArray *ids[] = { contact_ids, company_ids };
  GType types[] = { KONTOR_TYPE_CONTACT, KONTOR_TYPE_COMPANY };

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (activities != NULL, NULL);

  /* each owner once; the table holds its id until its name comes */
  for (guint i = 0; i < activities->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (activities, i);
      const char *contact_id = kontor_activity_get_contact_id (activity);
      const char *id = contact_id != NULL ? contact_id
                                          : kontor_activity_get_company_id (activity);

      if (id == NULL || g_hash_table_contains (names, id))
        continue;
      g_hash_table_insert (names, g_strdup (id), NULL);
      g_ptr_array_add (contact_id != NULL ? contact_ids : company_ids, (gpointer) id);
    }

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      g_autoptr(GPtrArray) owners = NULL;

      if (ids[k]->len == 0)
        continue;
      g_ptr_array_add (ids[k], NULL);
      owners = _kontor_store_load_ids (self, _kontor_entity_info_for_type (types[k]),
                                       (const char * const *) ids[k]->pdata, error);
      if (owners == NULL)
        return NULL;
      for (guint i = 0; i < owners->len; i++)
        {
          KontorRecord *owner = g_ptr_array_index (owners, i);

          g_hash_table_insert (names, g_strdup (kontor_record_get_id (owner)),
                               kontor_record_dup_display_name (owner));
        }
    }

  return g_steal_pointer (&names);
}

/**
 * _kontor_store_forget_activities:
 * @self: a store inside a transaction
 * @record: a contact or a company about to be deleted
 * @error: return location for a #GError
 *
 * Its activities go with it (ON DELETE CASCADE), as on every machine that
 * learns of the delete (_kontor_store_forget_rows()).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_forget_activities (KontorStore   *self,
                                 KontorRecord  *record,
                                 GError       **error)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (record) || KONTOR_IS_COMPANY (record), FALSE);

  /* their documents go by the trigger of schema 19; their words stay in
   * the index's segments until the purge */
  if (!_kontor_store_mark_purge (self, error))
    return FALSE;

  return _kontor_store_forget_rows (self, "activity",
                                    KONTOR_IS_CONTACT (record) ? "contact_id" : "company_id",
                                    kontor_record_get_id (record), error);
}

/**
 * kontor_store_count_done_activities:
 * @self: a store
 * @contact: a stored contact
 * @counts: (out caller-allocates) (array fixed-size=7): the number of
 *   done activities of each #KontorActivityKind
 * @error: return location for a #GError
 *
 * What a board card shows as coloured bubbles (feature P3): an index walk
 * over the contact's done activities.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_count_done_activities (KontorStore    *self,
                                    KontorContact  *contact,
                                    guint          *counts,
                                    GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), FALSE);

  memset (counts, 0, sizeof (guint) * KONTOR_ACTIVITY_N_KINDS);
  stmt = _kontor_store_prepare (self,
                                "SELECT kind, count(*) FROM activity "
                                "WHERE contact_id = ?1 AND happened_at > 0 GROUP BY kind",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kontor_record_get_id (KONTOR_RECORD (contact)), -1,
                     SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 kind = sqlite3_column_int64 (stmt, 0);

      if (kind >= 0 && kind < KONTOR_ACTIVITY_N_KINDS)
        counts[kind] = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _kontor_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}
