/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contact-merge"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "kontor-channel.h"
#include "kontor-contact-merge.h"
#include "kontor-contact-merge-private.h"
#include "kontor-filter.h"
#include "kontor-merge-outbox.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-store-lead.h"
#include "kontor-store-user.h"
#include "kontor-text.h"

/**
 * KontorContactMerge:
 *
 * Two contacts, or two companies (kontor_company_merge_new()), made one
 * (feature X1, src/README.md "Duplicates"), one undoable operation in one
 * transaction; for companies read "company" below, and what moves is
 * named by _kontor_store_move_references(). The kept contact takes, field by
 * field, the removed one's value where the user chose it, and every
 * e-mail address, phone number, sales rep and assignee of the removed one
 * it does not have yet; the removed contact's activities (those recorded
 * on it and those it took part in), former employers, static groups and
 * history move to the kept one; then the removed contact is deleted with
 * a tombstone that names the kept one (`merged_into`), which its `delete`
 * entry carries to the server and the other machines. Undo brings the
 * removed contact back under its id (a `restore`), moves back what still
 * is where the merge put it and gives the kept contact its values as they
 * were where they still are the merged ones: a field changed since (a
 * colleague's edit, pulled) keeps the newer value.
 */
struct _KontorContactMerge
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  GType            type;           /* KONTOR_TYPE_CONTACT or KONTOR_TYPE_COMPANY */
  char            *kept_id;
  char            *removed_id;
  guint64          from_removed;   /* bit per field index */

  /* what the last apply did, for its undo */
  KontorRecord    *kept_before;
  KontorRecord    *kept_after;     /* as the merge stored it */
  KontorRecord    *removed_before;
  KontorMergeMoves moves;
  KontorUnsentEntries *unsent;     /* the removed one's entries the delete dropped */
};

G_DEFINE_FINAL_TYPE (KontorContactMerge, kontor_contact_merge, KONTOR_TYPE_OPERATION)

G_STATIC_ASSERT (KONTOR_CONTACT_N_FIELDS <= 64);
G_STATIC_ASSERT (KONTOR_COMPANY_N_FIELDS <= 64);

/* Fields that go with another: the board position is one choice, the
 * status with the one before it */
static guint
leader_of (GType type,
           guint field)
{
  if (type != KONTOR_TYPE_CONTACT)
    return field;

  switch (field)
    {
    case KONTOR_CONTACT_FIELD_PREVIOUS_STATUS:
      return KONTOR_CONTACT_FIELD_STATUS;
    case KONTOR_CONTACT_FIELD_RANK:
    case KONTOR_CONTACT_FIELD_PIPELINE_ENTERED_AT:
    case KONTOR_CONTACT_FIELD_IS_LEAD:
      return KONTOR_CONTACT_FIELD_PIPELINE_STATUS_ID;
    default:
      return field;
    }
}

static const KontorField *
record_field (GType type,
              guint field)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  KontorRecordClass *record_class = (KontorRecordClass *) klass;

  return field < record_class->n_fields ? &record_class->fields[field] : NULL;
}

/**
 * kontor_contact_merge_field_is_choice:
 * @field: a #KontorContactField
 *
 * Returns: whether the user chooses whose value of @field the kept
 *   contact gets: every stored field but the e-mail addresses, phone
 *   numbers, sales reps and assignees (united), the objection to
 *   marketing (kept when either objects) and the fields that go with
 *   another (the board position with the pipeline status, the previous
 *   status with the status)
 */
gboolean
kontor_contact_merge_field_is_choice (guint field)
{
  return kontor_merge_field_is_choice (KONTOR_TYPE_CONTACT, field);
}

/**
 * kontor_merge_field_is_choice:
 * @type: %KONTOR_TYPE_CONTACT or %KONTOR_TYPE_COMPANY
 * @field: a field of @type's table
 *
 * The rule of kontor_contact_merge_field_is_choice() for either kind of
 * record: every stored field but the channels and references (united)
 * and, for a contact, the fields that go with another.
 *
 * Returns: whether the user chooses whose value of @field the kept record
 *   gets
 */
gboolean
kontor_merge_field_is_choice (GType type,
                              guint field)
{
  const KontorField *info;

  g_return_val_if_fail (type == KONTOR_TYPE_CONTACT || type == KONTOR_TYPE_COMPANY, FALSE);

  info = record_field (type, field);

  return info != NULL && (info->flags & KONTOR_FIELD_STORED) != 0 &&
         info->type != KONTOR_FIELD_TYPE_CHANNELS && info->type != KONTOR_FIELD_TYPE_REFS &&
         !(type == KONTOR_TYPE_CONTACT && field == KONTOR_CONTACT_FIELD_MARKETING_OBJECTION) &&
         leader_of (type, field) == field;
}

/* ------------------------------------------------------------------------ */
/* Moving what names the removed contact */

typedef struct
{
  KontorRecord *before;   /* as it was stored */
  KontorRecord *after;    /* as the merge stored it */
  guint         fields[3];
  guint         n_fields;
} Repoint;

static void
repoint_free (gpointer data)
{
  Repoint *repoint = data;

  g_object_unref (repoint->before);
  g_clear_object (&repoint->after);
  g_free (repoint);
}

void
_kontor_merge_moves_clear (KontorMergeMoves *moves)
{
  g_clear_pointer (&moves->repoints, g_ptr_array_unref);
  g_clear_pointer (&moves->dropped, g_ptr_array_unref);
  g_clear_pointer (&moves->journal, g_array_unref);
}

static void
note_repoint (KontorMergeMoves *moves,
              KontorRecord     *before,
              guint             field_a,
              guint             field_b)
{
  Repoint *repoint;

  if (moves == NULL)
    return;

  repoint = g_new0 (Repoint, 1);
  repoint->before = kontor_record_copy (before);
  repoint->fields[repoint->n_fields++] = field_a;
  if (field_b != field_a)
    repoint->fields[repoint->n_fields++] = field_b;
  g_ptr_array_add (moves->repoints, repoint);
}

static gboolean load_if_there (KontorStore   *self,
                               GType          type,
                               const char    *id,
                               KontorRecord **record,
                               GError       **error);

/* A follow-up's lead entry @entry_id when its contact is merged into
 * @kept_id: where the kept contact has an entry in the same project, the
 * merge drops the removed one's, and the follow-up names the kept one's
 * (@kept_entry_id); otherwise the entry moves with it (NULL) */
static gboolean
kept_lead_entry (KontorStore  *self,
                 const char   *entry_id,
                 const char   *kept_id,
                 char        **kept_entry_id,
                 GError      **error)
{
  g_autoptr(KontorRecord) entry = NULL;
  g_autoptr(KontorLeadEntry) both = NULL;
  g_autoptr(GError) local_error = NULL;

  *kept_entry_id = NULL;
  if (entry_id == NULL)
    return TRUE;
  if (!load_if_there (self, KONTOR_TYPE_LEAD_ENTRY, entry_id, &entry, error))
    return FALSE;
  if (entry == NULL)
    return TRUE;
  both = kontor_store_find_lead_entry (self, kontor_lead_entry_get_project_id (KONTOR_LEAD_ENTRY (entry)),
                                       kept_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (both != NULL)
    *kept_entry_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (both)));

  return TRUE;
}

/* The activity's participants with @removed_id made @kept_id, each once,
 * and without the contact it is recorded on; whether that changed them */
static gboolean
repoint_participants (KontorActivity *activity,
                      const char     *removed_id,
                      const char     *kept_id)
{
  g_auto(GStrv) ids = kontor_activity_dup_participant_contact_ids (activity);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  const char *owner = kontor_activity_get_contact_id (activity);
  gboolean changed = FALSE;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *id = g_str_equal (ids[i], removed_id) ? kept_id : ids[i];
      gboolean seen = g_strcmp0 (id, owner) == 0;

      for (guint j = 0; !seen && j < kept->len; j++)
        seen = g_str_equal (g_ptr_array_index (kept, j), id);
      if (id != ids[i] || seen)
        changed = TRUE;
      if (!seen)
        g_ptr_array_add (kept, (gpointer) id);
    }
  if (!changed)
    return FALSE;

  g_ptr_array_add (kept, NULL);
  kontor_activity_set_participant_contact_ids (activity, (const char * const *) kept->pdata);

  return TRUE;
}

static GPtrArray *
load_where (KontorStore  *self,
            GType         type,
            const char   *sql,
            const char   *id,
            GError      **error)
{
  return _kontor_store_load_list (self, _kontor_entity_info_for_type (type), sql, id, error);
}

/* A contact's: the activities recorded on it and those it took part in,
 * its former employers, its static groups (a group both were in keeps the
 * kept one's membership, the other is deleted), its lead entries (the
 * same) */
static gboolean
move_contact_references (KontorStore       *self,
                         const char        *removed_id,
                         const char        *kept_id,
                         KontorMergeMoves  *moves,
                         GError           **error)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) taking_part = NULL;
  g_autoptr(GPtrArray) employments = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  gboolean changed;

  activities = load_where (self, KONTOR_TYPE_ACTIVITY,
                           "SELECT rid FROM activity WHERE contact_id = ?1", removed_id, error);
  if (activities == NULL)
    return FALSE;
  for (guint i = 0; i < activities->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (activities, i);
      g_autofree char *kept_entry_id = NULL;

      if (!kept_lead_entry (self, kontor_activity_get_lead_entry_id (activity), kept_id,
                            &kept_entry_id, error))
        return FALSE;
      note_repoint (moves, KONTOR_RECORD (activity), KONTOR_ACTIVITY_FIELD_CONTACT_ID,
                    KONTOR_ACTIVITY_FIELD_PARTICIPANT_CONTACTS);
      kontor_activity_set_contact_id (activity, kept_id);
      repoint_participants (activity, removed_id, kept_id);
      if (kept_entry_id != NULL)
        {
          if (moves != NULL)
            {
              Repoint *repoint = g_ptr_array_index (moves->repoints, moves->repoints->len - 1);

              repoint->fields[repoint->n_fields++] = KONTOR_ACTIVITY_FIELD_LEAD_ENTRY_ID;
            }
          kontor_activity_set_lead_entry_id (activity, kept_entry_id);
        }
      if (!_kontor_store_save_record (self, KONTOR_RECORD (activity), &changed, error))
        return FALSE;
    }

  taking_part = load_where (self, KONTOR_TYPE_ACTIVITY,
                            "SELECT a.rid FROM activity a JOIN activity_participant p "
                            "ON p.activity_rid = a.rid WHERE p.person_id = ?1",
                            removed_id, error);
  if (taking_part == NULL)
    return FALSE;
  for (guint i = 0; i < taking_part->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (taking_part, i);
      g_autoptr(KontorRecord) before = kontor_record_copy (KONTOR_RECORD (activity));

      if (!repoint_participants (activity, removed_id, kept_id))
        continue;
      note_repoint (moves, before, KONTOR_ACTIVITY_FIELD_PARTICIPANT_CONTACTS,
                    KONTOR_ACTIVITY_FIELD_PARTICIPANT_CONTACTS);
      if (!_kontor_store_save_record (self, KONTOR_RECORD (activity), &changed, error))
        return FALSE;
    }

  employments = load_where (self, KONTOR_TYPE_EMPLOYMENT,
                            "SELECT rid FROM employment WHERE contact_id = ?1", removed_id, error);
  if (employments == NULL)
    return FALSE;
  for (guint i = 0; i < employments->len; i++)
    {
      KontorRecord *employment = g_ptr_array_index (employments, i);

      note_repoint (moves, employment, KONTOR_EMPLOYMENT_FIELD_CONTACT_ID,
                    KONTOR_EMPLOYMENT_FIELD_CONTACT_ID);
      kontor_employment_set_contact_id (KONTOR_EMPLOYMENT (employment), kept_id);
      if (!_kontor_store_save_record (self, employment, &changed, error))
        return FALSE;
    }

  members = load_where (self, KONTOR_TYPE_GROUP_MEMBER,
                        "SELECT rid FROM contact_group_member WHERE contact_id = ?1",
                        removed_id, error);
  if (members == NULL)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      KontorGroupMember *member = g_ptr_array_index (members, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KontorGroupMember) both = NULL;

      both = kontor_store_find_group_member (self, kontor_group_member_get_group_id (member),
                                             kept_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (both != NULL)
        {
          if (moves != NULL)
            g_ptr_array_add (moves->dropped, kontor_record_copy (KONTOR_RECORD (member)));
          if (!_kontor_store_delete_record (self, KONTOR_RECORD (member), error))
            return FALSE;
          continue;
        }
      note_repoint (moves, KONTOR_RECORD (member), KONTOR_GROUP_MEMBER_FIELD_CONTACT_ID,
                    KONTOR_GROUP_MEMBER_FIELD_CONTACT_ID);
      kontor_group_member_set_contact_id (member, kept_id);
      if (!_kontor_store_save_record (self, KONTOR_RECORD (member), &changed, error))
        return FALSE;
    }

  /* its lead projects, as its groups: a project both were in keeps the
   * kept one's entry (src/README.md "Lead projects") */
  leads = load_where (self, KONTOR_TYPE_LEAD_ENTRY,
                      "SELECT rid FROM lead_entry WHERE contact_id = ?1", removed_id, error);
  if (leads == NULL)
    return FALSE;
  for (guint i = 0; i < leads->len; i++)
    {
      KontorLeadEntry *entry = g_ptr_array_index (leads, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KontorLeadEntry) both = NULL;

      both = kontor_store_find_lead_entry (self, kontor_lead_entry_get_project_id (entry), kept_id,
                                           &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (both != NULL)
        {
          if (moves != NULL)
            g_ptr_array_add (moves->dropped, kontor_record_copy (KONTOR_RECORD (entry)));
          if (!_kontor_store_delete_record (self, KONTOR_RECORD (entry), error))
            return FALSE;
          continue;
        }
      note_repoint (moves, KONTOR_RECORD (entry), KONTOR_LEAD_ENTRY_FIELD_CONTACT_ID,
                    KONTOR_LEAD_ENTRY_FIELD_CONTACT_ID);
      kontor_lead_entry_set_contact_id (entry, kept_id);
      if (!_kontor_store_save_record (self, KONTOR_RECORD (entry), &changed, error))
        return FALSE;
    }

  return TRUE;
}

/* The dynamic groups whose filter selects the contacts of company
 * @removed_id select those of @kept_id (contact_group.filter,
 * kontor_filter_to_string()); a filter that cannot be read is left as it is */
static gboolean
move_group_filters (KontorStore       *self,
                    const char        *removed_id,
                    const char        *kept_id,
                    KontorMergeMoves  *moves,
                    GError           **error)
{
  g_autoptr(GPtrArray) groups = load_where (self, KONTOR_TYPE_GROUP,
                                            "SELECT rid FROM contact_group WHERE filter IS NOT "
                                            "NULL AND instr (filter, ?1) > 0",
                                            removed_id, error);

  if (groups == NULL)
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      KontorGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(KontorFilter) filter = kontor_filter_new_from_string (kontor_group_get_filter (group),
                                                                      NULL);
      g_autofree char *text = NULL;
      gboolean changed;

      if (filter == NULL || g_strcmp0 (kontor_filter_get_company_id (filter), removed_id) != 0)
        continue;
      note_repoint (moves, KONTOR_RECORD (group), KONTOR_GROUP_FIELD_FILTER,
                    KONTOR_GROUP_FIELD_FILTER);
      kontor_filter_set_company_id (filter, kept_id);
      text = kontor_filter_to_string (filter);
      kontor_group_set_filter (group, text);
      if (!_kontor_store_save_record (self, KONTOR_RECORD (group), &changed, error))
        return FALSE;
    }

  return TRUE;
}

/* A company's: its contacts, the activities recorded on it, the
 * employments that name it, the dynamic groups whose filter names it
 * (companies are in no group of their own) */
static gboolean
move_company_references (KontorStore       *self,
                         const char        *removed_id,
                         const char        *kept_id,
                         KontorMergeMoves  *moves,
                         GError           **error)
{
  static const struct
  {
    GType      (*type) (void);
    const char  *sql;
    guint        field;
  } refs[] = {
    { kontor_contact_get_type, "SELECT rid FROM contact WHERE company_id = ?1",
      KONTOR_CONTACT_FIELD_COMPANY_ID },
    { kontor_activity_get_type, "SELECT rid FROM activity WHERE company_id = ?1",
      KONTOR_ACTIVITY_FIELD_COMPANY_ID },
    { kontor_employment_get_type, "SELECT rid FROM employment WHERE company_id = ?1",
      KONTOR_EMPLOYMENT_FIELD_COMPANY_ID },
  };

  for (guint r = 0; r < G_N_ELEMENTS (refs); r++)
    {
      g_autoptr(GPtrArray) records = load_where (self, refs[r].type (), refs[r].sql,
                                                 removed_id, error);
      gboolean changed;

      if (records == NULL)
        return FALSE;
      for (guint i = 0; i < records->len; i++)
        {
          KontorRecord *record = g_ptr_array_index (records, i);
          GValue value = G_VALUE_INIT;

          note_repoint (moves, record, refs[r].field, refs[r].field);
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, kept_id);
          kontor_record_set_value (record, refs[r].field, &value);
          g_value_unset (&value);
          if (!_kontor_store_save_record (self, record, &changed, error))
            return FALSE;
        }
    }

  return move_group_filters (self, removed_id, kept_id, moves, error);
}

/**
 * _kontor_store_move_references:
 * @self: a store inside a transaction
 * @type: %KONTOR_TYPE_CONTACT or %KONTOR_TYPE_COMPANY
 * @removed_id: the record that goes
 * @kept_id: the record of the same kind that stays
 * @moves: (nullable): where to note what moved, for an undo
 * @error: return location for a #GError
 *
 * Moves what names @removed_id to @kept_id, as the user's own edits (outbox
 * entries, history). A contact's: the activities recorded on it and those
 * it took part in, its former employers, its static groups (a group both
 * were in keeps the kept one's membership, the other is deleted). A
 * company's: the contacts working there, the activities recorded on it,
 * the employments (current and former) that name it, the dynamic groups
 * whose filter selects its contacts. Either's history.
 * Used by the merge, and by the sync when another machine's merge comes
 * (kontor-store-sync.c): what this machine recorded on the removed record
 * meanwhile is not lost with it.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_move_references (KontorStore       *self,
                               GType              type,
                               const char        *removed_id,
                               const char        *kept_id,
                               KontorMergeMoves  *moves,
                               GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (type == KONTOR_TYPE_CONTACT || type == KONTOR_TYPE_COMPANY, FALSE);

  if (moves != NULL)
    {
      _kontor_merge_moves_clear (moves);
      moves->repoints = g_ptr_array_new_with_free_func (repoint_free);
      moves->dropped = g_ptr_array_new_with_free_func (g_object_unref);
      moves->journal = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  if (type == KONTOR_TYPE_CONTACT)
    ok = move_contact_references (self, removed_id, kept_id, moves, error);
  else
    ok = move_company_references (self, removed_id, kept_id, moves, error);
  if (!ok)
    return FALSE;

  /* the history is this machine's own (src/README.md "The outbox as
   * history"): the removed record's changes are read on the kept one's
   * page from now on */
  stmt = _kontor_store_prepare (self, "UPDATE journal SET entity_id = ?2 WHERE entity_id = ?1 "
                                      "RETURNING rid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kept_id, -1, SQLITE_TRANSIENT);
  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      if (moves != NULL)
        g_array_append_val (moves->journal, rid);
    }

  return rc == 0;
}

/* Each moved record as the merge stored it, for move_back() */
static gboolean
note_moved (KontorStore       *self,
            KontorMergeMoves  *moves,
            GError           **error)
{
  for (guint i = 0; i < moves->repoints->len; i++)
    {
      Repoint *repoint = g_ptr_array_index (moves->repoints, i);

      g_clear_object (&repoint->after);
      repoint->after = kontor_store_load (self, G_OBJECT_TYPE (repoint->before),
                                          kontor_record_get_id (repoint->before), error);
      if (repoint->after == NULL)
        return FALSE;
    }

  return TRUE;
}

/* Loads @type's @id into @record, %NULL when it was deleted */
static gboolean
load_if_there (KontorStore   *self,
               GType          type,
               const char    *id,
               KontorRecord **record,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *record = kontor_store_load (self, type, id, &local_error);
  if (*record == NULL &&
      !g_error_matches (local_error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Undoes _kontor_store_move_references(), the last move first: a moved
 * field goes back where it still has the value the merge gave it; one
 * changed since (pulled, or edited here) keeps the newer value, and a
 * record deleted since is left deleted */
static gboolean
move_back (KontorStore       *self,
           const char        *removed_id,
           KontorMergeMoves  *moves,
           GError           **error)
{
  gboolean changed;

  /* the dropped memberships and entries first: a follow-up moved back
   * names its entry again (kept_lead_entry ()) */
  for (guint i = 0; i < moves->dropped->len; i++)
    {
      g_autoptr(KontorRecord) member = kontor_record_copy (g_ptr_array_index (moves->dropped, i));
      g_autoptr(KontorRecord) group = NULL;
      gboolean lead = KONTOR_IS_LEAD_ENTRY (member);

      /* a group (a lead project) deleted since has no members (entries)
       * to give back */
      if (!load_if_there (self, lead ? KONTOR_TYPE_LEAD_PROJECT : KONTOR_TYPE_GROUP,
                          lead ? kontor_lead_entry_get_project_id (KONTOR_LEAD_ENTRY (member))
                               : kontor_group_member_get_group_id (KONTOR_GROUP_MEMBER (member)),
                          &group, error))
        return FALSE;
      if (group == NULL)
        continue;
      if (!_kontor_store_save_record (self, member, &changed, error))
        return FALSE;
    }

  for (guint i = moves->repoints->len; i > 0; i--)
    {
      Repoint *repoint = g_ptr_array_index (moves->repoints, i - 1);
      guint n_fields;
      const KontorField *fields = kontor_record_get_fields (repoint->before, &n_fields);
      g_autoptr(KontorRecord) now = NULL;
      gboolean back = FALSE;

      if (!load_if_there (self, G_OBJECT_TYPE (repoint->before),
                          kontor_record_get_id (repoint->before), &now, error))
        return FALSE;
      if (now == NULL)
        continue;
      for (guint f = 0; f < repoint->n_fields; f++)
        {
          guint field = repoint->fields[f];

          g_assert (field < n_fields);
          if (repoint->after != NULL &&
              !kontor_field_value_equal (&fields[field], kontor_record_get_value (now, field),
                                         kontor_record_get_value (repoint->after, field)))
            continue;
          kontor_record_set_value (now, field, kontor_record_get_value (repoint->before, field));
          back = TRUE;
        }
      if (back && !_kontor_store_save_record (self, now, &changed, error))
        return FALSE;
    }

  for (guint i = 0; i < moves->journal->len; i++)
    {
      sqlite3_stmt *stmt = _kontor_store_prepare (self, "UPDATE journal SET entity_id = ?1 "
                                                        "WHERE rid = ?2", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, g_array_index (moves->journal, gint64, i));
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* _kontor_store_dup_merged_into:
 * The record of @entity ("contact", "company") that @id was merged into
 * here, following merges of merges; %NULL when it was not (or on error,
 * with @error set) */
char *
_kontor_store_dup_merged_into (KontorStore  *self,
                               const char   *entity,
                               const char   *id,
                               GError      **error)
{
  g_autofree char *kept = NULL;

  /* a chain of merges is short; the bound stops a loop of bad data */
  for (guint i = 0; i < 8; i++)
    {
      sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                                  "SELECT merged_into FROM tombstone WHERE "
                                                  "entity = ?2 AND id = ?1 AND "
                                                  "merged_into IS NOT NULL", error);
      char *next = NULL;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, kept != NULL ? kept : id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
      if (_kontor_store_step_one (self, stmt, NULL, &next, error) < 0)
        return NULL;
      if (next == NULL)
        break;
      g_free (kept);
      kept = next;
    }

  return g_steal_pointer (&kept);
}

/**
 * _kontor_store_note_merged_into:
 * @self: a store inside the transaction that deleted @removed_id
 * @type: %KONTOR_TYPE_CONTACT or %KONTOR_TYPE_COMPANY
 * @removed_id: a deleted record of @type
 * @kept_id: the record it was merged into
 * @error: return location for a #GError
 *
 * Writes @kept_id into the deleted contact's tombstone and into its
 * `delete` entry when one is waiting to be sent (as `{"merged_into": …}`).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_note_merged_into (KontorStore  *self,
                                GType         type,
                                const char   *removed_id,
                                const char   *kept_id,
                                GError      **error)
{
  const char *entity = _kontor_entity_info_for_type (type)->table;
  g_autofree char *json = _kontor_merged_into_json (kept_id);
  sqlite3_stmt *stmt;

  stmt = _kontor_store_prepare (self, "UPDATE tombstone SET merged_into = ?2 "
                                      "WHERE entity = ?3 AND id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kept_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_STATIC);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _kontor_store_prepare (self, "UPDATE outbox SET value_json = ?2 WHERE entity = "
                                      "?3 AND entity_id = ?1 AND op = 'delete' "
                                      "AND state = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, removed_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_STATIC);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_merged_into_json:
 * @kept_id: a contact's id
 *
 * Returns: (transfer full): the value of a merged contact's `delete` entry
 */
char *
_kontor_merged_into_json (const char *kept_id)
{
  g_autoptr(GString) json = g_string_new ("{\"merged_into\":\"");

  /* an id is a UUID: nothing in it to escape */
  g_string_append (json, kept_id);
  g_string_append (json, "\"}");

  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* ------------------------------------------------------------------------ */
/* The operation */

static gboolean
has_channel (GPtrArray  *channels,
             const char *value,
             gboolean    phone)
{
  g_autofree char *key = phone ? kontor_phone_normalize (value) : g_utf8_casefold (value, -1);

  for (guint i = 0; i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);
      g_autofree char *other = phone ? kontor_phone_normalize (channel->value)
                                     : g_utf8_casefold (channel->value, -1);

      if (g_str_equal (key, other) && (key[0] != '\0' || g_str_equal (value, channel->value)))
        return TRUE;
    }

  return FALSE;
}

/**
 * kontor_contact_merge_unite_channels:
 * @kept: the contact that stays
 * @removed: the contact merged into it
 * @field: %KONTOR_CONTACT_FIELD_EMAILS or %KONTOR_CONTACT_FIELD_PHONES
 *
 * The e-mail addresses or phone numbers the kept contact has after the
 * merge: its own, then each of the removed one's it does not have yet
 * (an address whatever its case, a number however it was typed,
 * kontor_phone_normalize()), as rows of its own.
 *
 * Returns: (transfer full) (element-type KontorChannel): the channels
 */
GPtrArray *
kontor_contact_merge_unite_channels (KontorContact *kept,
                                     KontorContact *removed,
                                     guint          field)
{
  return kontor_merge_unite_channels (KONTOR_RECORD (kept), KONTOR_RECORD (removed), field);
}

/**
 * kontor_merge_unite_channels:
 * @kept: the record that stays, a contact or a company
 * @removed: the record of the same kind merged into it
 * @field: a channels field of their table (e-mail addresses, phone numbers)
 *
 * The rule of kontor_contact_merge_unite_channels() for either kind.
 *
 * Returns: (transfer full) (element-type KontorChannel): the channels
 */
GPtrArray *
kontor_merge_unite_channels (KontorRecord *kept,
                             KontorRecord *removed,
                             guint         field)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (kept);
  GPtrArray *ours = kontor_record_get_channels (kept, field);
  GPtrArray *theirs = kontor_record_get_channels (removed, field);
  GPtrArray *channels = ours != NULL ? kontor_channel_array_copy (ours)
                                     : kontor_channel_array_new ();
  gboolean phone;

  g_return_val_if_fail (G_OBJECT_TYPE (kept) == G_OBJECT_TYPE (removed), channels);
  g_return_val_if_fail (field < klass->n_fields &&
                        klass->fields[field].type == KONTOR_FIELD_TYPE_CHANNELS, channels);

  phone = klass->fields[field].kind == KONTOR_CHANNEL_KIND_PHONE;
  for (guint c = 0; theirs != NULL && c < theirs->len; c++)
    {
      KontorChannel *channel = g_ptr_array_index (theirs, c);

      if (!has_channel (channels, channel->value, phone))
        /* a row of the kept contact's own: the removed one's go with it */
        g_ptr_array_add (channels, kontor_channel_new (channel->label, channel->value));
    }

  return channels;
}

/* The kept contact with what it takes of the removed one */
static void
unite (KontorContactMerge *self,
       KontorRecord       *kept,
       KontorRecord       *removed)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (kept);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];

      if ((field->flags & KONTOR_FIELD_STORED) == 0)
        continue;

      if (field->type == KONTOR_FIELD_TYPE_CHANNELS)
        {
          g_autoptr(GPtrArray) channels = kontor_merge_unite_channels (kept, removed, i);

          kontor_record_set_channels (kept, i, channels);
        }
      else if (field->type == KONTOR_FIELD_TYPE_REFS)
        {
          g_autoptr(GPtrArray) refs = g_ptr_array_new ();
          const char * const *ours = kontor_record_get_refs (kept, i);
          const char * const *theirs = kontor_record_get_refs (removed, i);

          for (guint r = 0; ours != NULL && ours[r] != NULL; r++)
            g_ptr_array_add (refs, (gpointer) ours[r]);
          for (guint r = 0; theirs != NULL && theirs[r] != NULL; r++)
            if (ours == NULL || !g_strv_contains (ours, theirs[r]))
              g_ptr_array_add (refs, (gpointer) theirs[r]);
          g_ptr_array_add (refs, NULL);
          kontor_record_set_refs (kept, i, (const char * const *) refs->pdata);
        }
      else if (self->type == KONTOR_TYPE_CONTACT && i == KONTOR_CONTACT_FIELD_MARKETING_OBJECTION)
        {
          /* a person's objection (feature X11) is never lost to a merge */
          gboolean allowed = kontor_contact_allows_marketing (KONTOR_CONTACT (kept)) &&
                             kontor_contact_allows_marketing (KONTOR_CONTACT (removed));

          kontor_contact_set_marketing_objection (KONTOR_CONTACT (kept), !allowed);
        }
      else if (self->from_removed & (G_GUINT64_CONSTANT (1) << leader_of (self->type, i)))
        kontor_record_set_value (kept, i, kontor_record_get_value (removed, i));
    }
}

/* Whether @channel is one the merge added (in @after, not in @before)
 * and unchanged since */
static gboolean
channel_added (const KontorChannel *channel,
               GPtrArray           *before,
               GPtrArray           *after)
{
  for (guint i = 0; before != NULL && i < before->len; i++)
    if (g_strcmp0 (((KontorChannel *) g_ptr_array_index (before, i))->id, channel->id) == 0)
      return FALSE;
  for (guint i = 0; after != NULL && i < after->len; i++)
    if (kontor_channel_equal (g_ptr_array_index (after, i), channel))
      return TRUE;

  return FALSE;
}

/* What unite() changed in @record, back to @before's where it still is
 * @after's (as the merge stored it): a field's value, and of the channels
 * and references those the merge added; what changed since (a colleague's
 * edit pulled, a number added) stays */
static void
restore_fields (KontorRecord *record,
                KontorRecord *before,
                KontorRecord *after)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];

      if ((field->flags & KONTOR_FIELD_STORED) == 0)
        continue;

      if (field->type == KONTOR_FIELD_TYPE_CHANNELS)
        {
          GPtrArray *now = kontor_record_get_channels (record, i);
          g_autoptr(GPtrArray) kept = kontor_channel_array_new ();

          for (guint c = 0; now != NULL && c < now->len; c++)
            {
              KontorChannel *channel = g_ptr_array_index (now, c);

              if (!channel_added (channel, kontor_record_get_channels (before, i),
                                  kontor_record_get_channels (after, i)))
                g_ptr_array_add (kept, kontor_channel_copy (channel));
            }
          kontor_record_set_channels (record, i, kept);
        }
      else if (field->type == KONTOR_FIELD_TYPE_REFS)
        {
          const char * const *now = kontor_record_get_refs (record, i);
          const char * const *had = kontor_record_get_refs (before, i);
          const char * const *merged = kontor_record_get_refs (after, i);
          g_autoptr(GPtrArray) kept = g_ptr_array_new ();

          for (guint r = 0; now != NULL && now[r] != NULL; r++)
            if ((had != NULL && g_strv_contains (had, now[r])) ||
                merged == NULL || !g_strv_contains (merged, now[r]))
              g_ptr_array_add (kept, (gpointer) now[r]);
          g_ptr_array_add (kept, NULL);
          kontor_record_set_refs (record, i, (const char * const *) kept->pdata);
        }
      else if (kontor_field_value_equal (field, kontor_record_get_value (record, i),
                                         kontor_record_get_value (after, i)))
        kontor_record_set_value (record, i, kontor_record_get_value (before, i));
    }
}

static gboolean
apply_in_transaction (KontorContactMerge  *self,
                      GError             **error)
{
  g_autoptr(KontorRecord) kept = NULL;
  g_autoptr(KontorRecord) removed = NULL;
  gboolean changed;

  g_clear_object (&self->kept_before);
  self->kept_before = kontor_store_load (self->store, self->type, self->kept_id, error);
  if (self->kept_before == NULL)
    return FALSE;
  removed = kontor_store_load (self->store, self->type, self->removed_id, error);
  if (removed == NULL)
    return FALSE;
  g_set_object (&self->removed_before, removed);
  g_clear_object (&self->kept_after);
  /* the sales reps of either stay sales reps of the kept one */
  _kontor_store_set_merging_sales_reps (self->store, self->kept_before, removed);

  if (!_kontor_store_move_references (self->store, self->type, self->removed_id, self->kept_id,
                                      &self->moves, error) ||
      !note_moved (self->store, &self->moves, error))
    return FALSE;

  /* first the delete: a customer number the kept contact takes over is
   * the removed one's until then. What it drops of the outbox is kept for
   * an undo before the delete is sent (kontor-merge-outbox.c) */
  g_clear_pointer (&self->unsent, _kontor_unsent_entries_free);
  self->unsent = _kontor_store_keep_unsent (self->store,
                                            _kontor_entity_info_for_type (self->type)->table,
                                            self->removed_id, error);
  if (self->unsent == NULL ||
      !_kontor_store_delete_record (self->store, removed, error) ||
      !_kontor_store_note_merged_into (self->store, self->type, self->removed_id,
                                       self->kept_id, error))
    return FALSE;

  /* as it is now: moving the activities changed its last activity */
  kept = kontor_store_load (self->store, self->type, self->kept_id, error);
  if (kept == NULL)
    return FALSE;
  unite (self, kept, self->removed_before);
  if (!_kontor_store_save_record (self->store, kept, &changed, error))
    return FALSE;

  /* the delete after what the kept contact took over (kontor-merge-outbox.c) */
  if (!_kontor_store_save_record (self->store, kept, &changed, error) ||
      !_kontor_store_send_delete_last (self->store, self->removed_id, error))
    return FALSE;

  self->kept_after = kontor_store_load (self->store, self->type, self->kept_id, error);

  return self->kept_after != NULL;
}

static gboolean
kontor_contact_merge_apply (KontorOperation  *operation,
                            GError          **error)
{
  KontorContactMerge *self = KONTOR_CONTACT_MERGE (operation);

  gboolean ok;

  if (!_kontor_store_begin (self->store, error))
    return FALSE;

  ok = apply_in_transaction (self, error);
  _kontor_store_set_merging_sales_reps (self->store, NULL, NULL);

  return _kontor_store_end (self->store, ok, error);
}

static gboolean
undo_in_transaction (KontorContactMerge  *self,
                     GError             **error)
{
  g_autoptr(KontorRecord) kept = NULL;
  g_autoptr(KontorRecord) removed = kontor_record_copy (self->removed_before);
  gboolean changed, unsent = FALSE;

  if (!_kontor_store_has_unsent_delete (self->store, self->removed_id, &unsent, error))
    return FALSE;

  kept = kontor_store_load (self->store, self->type, self->kept_id, error);
  if (kept == NULL)
    return FALSE;

  /* the kept contact's values first: its customer number may be the
   * removed one's, which it gets back below */
  restore_fields (kept, self->kept_before, self->kept_after);
  if (!_kontor_store_save_record (self->store, kept, &changed, error))
    return FALSE;

  /* the same contact under its id, as an undone delete
   * (kontor-record-write.c) */
  if (!_kontor_store_save_record (self->store, removed, &changed, error))
    return FALSE;

  if (!move_back (self->store, self->removed_id, &self->moves, error))
    return FALSE;

  /* the delete not sent yet: taken back, never sent (kontor-merge-outbox.c) */
  if (unsent && self->unsent != NULL)
    return _kontor_store_undo_unsent_delete (self->store, self->unsent, self->removed_id, error);

  /* a delete not sent yet is a plain one now: the other machines are not
   * to move what they hold of the contact (a delete sent already did) */
  return _kontor_store_exec_with_text (self->store,
                                       self->type == KONTOR_TYPE_CONTACT
                                       ? "UPDATE outbox SET value_json = NULL WHERE entity = "
                                         "'contact' AND entity_id = ?1 AND op = 'delete' "
                                         "AND state = 'pending'"
                                       : "UPDATE outbox SET value_json = NULL WHERE entity = "
                                         "'company' AND entity_id = ?1 AND op = 'delete' "
                                         "AND state = 'pending'",
                                       self->removed_id, error);
}

static gboolean
kontor_contact_merge_undo (KontorOperation  *operation,
                           GError          **error)
{
  KontorContactMerge *self = KONTOR_CONTACT_MERGE (operation);

  gboolean ok;

  g_return_val_if_fail (self->removed_before != NULL && self->kept_after != NULL, FALSE);

  if (!_kontor_store_begin (self->store, error))
    return FALSE;

  /* the sales reps either had come back whatever their role now */
  _kontor_store_set_merging_sales_reps (self->store, self->kept_before, self->removed_before);
  ok = undo_in_transaction (self, error);
  _kontor_store_set_merging_sales_reps (self->store, NULL, NULL);

  return _kontor_store_end (self->store, ok, error);
}

static void
kontor_contact_merge_finalize (GObject *object)
{
  KontorContactMerge *self = KONTOR_CONTACT_MERGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->kept_before);
  g_clear_object (&self->kept_after);
  g_clear_object (&self->removed_before);
  _kontor_merge_moves_clear (&self->moves);
  g_clear_pointer (&self->unsent, _kontor_unsent_entries_free);
  g_free (self->kept_id);
  g_free (self->removed_id);

  G_OBJECT_CLASS (kontor_contact_merge_parent_class)->finalize (object);
}

static void
kontor_contact_merge_class_init (KontorContactMergeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_contact_merge_finalize;
  operation_class->apply = kontor_contact_merge_apply;
  operation_class->undo = kontor_contact_merge_undo;
}

static void
kontor_contact_merge_init (KontorContactMerge *self)
{
}

/* The merge of two records of @type: a contact's or a company's */
static KontorContactMerge *
merge_new (KontorStore *store,
           GType        type,
           const char  *kept_id,
           const char  *removed_id,
           const char  *title)
{
  KontorContactMerge *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (kept_id != NULL && removed_id != NULL, NULL);
  g_return_val_if_fail (!g_str_equal (kept_id, removed_id), NULL);

  self = g_object_new (KONTOR_TYPE_CONTACT_MERGE, "title", title, NULL);
  self->store = g_object_ref (store);
  self->type = type;
  self->kept_id = g_strdup (kept_id);
  self->removed_id = g_strdup (removed_id);

  return self;
}

/**
 * kontor_contact_merge_new:
 * @store: the store
 * @kept_id: the contact that stays
 * @removed_id: the contact merged into it, deleted
 * @title: (nullable): what the toast says
 *
 * Every choice starts with the kept contact's value
 * (kontor_contact_merge_take_from_removed() changes one).
 *
 * Returns: (transfer full): the merge, to apply
 */
KontorContactMerge *
kontor_contact_merge_new (KontorStore *store,
                          const char  *kept_id,
                          const char  *removed_id,
                          const char  *title)
{
  return merge_new (store, KONTOR_TYPE_CONTACT, kept_id, removed_id,
                    title != NULL ? title : _("Contacts merged"));
}

/**
 * kontor_company_merge_new:
 * @store: the store
 * @kept_id: the company that stays
 * @removed_id: the company merged into it, deleted
 * @title: (nullable): what the toast says
 *
 * The same operation over two companies: the fields chosen, the e-mail
 * addresses, phone numbers and sales reps united, and the contacts,
 * activities and employments of the removed company moved to the kept
 * one (_kontor_store_move_references()); its tombstone carries
 * `merged_into` as a merged contact's does.
 *
 * Returns: (transfer full): the merge, to apply
 */
KontorContactMerge *
kontor_company_merge_new (KontorStore *store,
                          const char  *kept_id,
                          const char  *removed_id,
                          const char  *title)
{
  return merge_new (store, KONTOR_TYPE_COMPANY, kept_id, removed_id,
                    title != NULL ? title : _("Companies merged"));
}

/**
 * kontor_contact_merge_get_record_type:
 * @self: a merge
 *
 * Returns: %KONTOR_TYPE_CONTACT or %KONTOR_TYPE_COMPANY
 */
GType
kontor_contact_merge_get_record_type (KontorContactMerge *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_MERGE (self), G_TYPE_INVALID);

  return self->type;
}

/**
 * kontor_contact_merge_take_from_removed:
 * @self: a merge not applied yet
 * @field: a field for which kontor_contact_merge_field_is_choice() holds
 * @from_removed: whether the kept contact gets the removed one's value
 */
void
kontor_contact_merge_take_from_removed (KontorContactMerge *self,
                                        guint               field,
                                        gboolean            from_removed)
{
  g_return_if_fail (KONTOR_IS_CONTACT_MERGE (self));
  g_return_if_fail (kontor_merge_field_is_choice (self->type, field));

  if (from_removed)
    self->from_removed |= G_GUINT64_CONSTANT (1) << field;
  else
    self->from_removed &= ~(G_GUINT64_CONSTANT (1) << field);
}

/**
 * kontor_contact_merge_takes_from_removed:
 * @self: a merge
 * @field: a #KontorContactField
 *
 * Returns: whether the kept contact gets the removed one's value of @field
 */
gboolean
kontor_contact_merge_takes_from_removed (KontorContactMerge *self,
                                         guint               field)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_MERGE (self), FALSE);
  g_return_val_if_fail (field < 64, FALSE);

  return (self->from_removed & (G_GUINT64_CONSTANT (1) << leader_of (self->type, field))) != 0;
}

/**
 * kontor_contact_merge_get_kept_id:
 * @self: a merge
 *
 * Returns: (transfer none): the contact that stays
 */
const char *
kontor_contact_merge_get_kept_id (KontorContactMerge *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_MERGE (self), NULL);

  return self->kept_id;
}

/**
 * kontor_contact_merge_get_removed_id:
 * @self: a merge
 *
 * Returns: (transfer none): the contact merged into the kept one
 */
const char *
kontor_contact_merge_get_removed_id (KontorContactMerge *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_MERGE (self), NULL);

  return self->removed_id;
}
