/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Contacts in the store: their hooks (rules, sort texts, the search
 * document, the company typed by name, the place on the board) and their
 * extra SQL (board ranks). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-pipeline-rules.h"
#include "kontor-rank.h"
#include "kontor-store-contact.h"
#include "kontor-store-crud.h"
#include "kontor-store-activity.h"
#include "kontor-store-employment.h"
#include "kontor-store-index.h"
#include "kontor-store-numbers.h"
#include "kontor-store-outbox.h"
#include "kontor-store-user.h"
#include "kontor-text.h"

#define KONTOR_PIPELINE_STATUS_NEW_ID "00000000-0000-7000-8000-000000000001"

/* The company name the sort keys and search document need */
static void
contact_derive (KontorStore  *self,
                KontorRecord *record)
{
  KontorContact *contact = KONTOR_CONTACT (record);
  g_autofree char *company_name =
    _kontor_store_dup_name (self, "company", kontor_contact_get_company_id (contact));

  kontor_contact_set_company_name (contact, company_name);
}

/* a contact's company name is part of its search document */
static gboolean
contact_in_search_document (guint index)
{
  return index == KONTOR_CONTACT_FIELD_COMPANY_ID;
}

static void
contact_sort_texts (KontorStore   *self,
                    KontorRecord  *record,
                    char         **texts,
                    gboolean      *natural)
{
  KontorContact *contact = KONTOR_CONTACT (record);
  const char *last = kontor_contact_get_last_name (contact);
  const char *first = kontor_contact_get_first_name (contact);

  /* By last name, then first name; a contact without a person's name
   * sorts by what the table shows instead (company, e-mail). */
  if (last != NULL && first != NULL)
    texts[0] = g_strconcat (last, " ", first, NULL);
  else if (last != NULL || first != NULL)
    texts[0] = g_strdup (last != NULL ? last : first);
  else
    texts[0] = kontor_record_dup_display_name (record);

  texts[1] = g_strdup (kontor_contact_get_company_name (contact));
  texts[2] = g_strdup (kontor_contact_get_primary_email (contact));
  /* "(030) 12", "+49 30 12" and "030/12" are the same number */
  texts[3] = kontor_contact_get_primary_phone (contact) != NULL
             ? kontor_phone_normalize (kontor_contact_get_primary_phone (contact)) : NULL;
  texts[4] = g_strdup (kontor_contact_get_customer_number (contact));
  /* numbers by value; addresses need no tie-break of their own */
  natural[2] = natural[3] = natural[4] = TRUE;
}

static void
append_words (GString    *column,
              const char *text)
{
  g_autofree char *transliterated = NULL;

  if (text == NULL)
    return;

  if (column->len > 0)
    g_string_append_c (column, ' ');
  g_string_append (column, text);

  /* "Müller" is also found as "Mueller" */
  transliterated = kontor_text_transliterate_de (text);
  if (transliterated != NULL)
    {
      g_string_append_c (column, ' ');
      g_string_append (column, transliterated);
    }
}

static void
contact_search_document (KontorStore   *self,
                         KontorRecord  *record,
                         GString      **columns)
{
  KontorContact *contact = KONTOR_CONTACT (record);
  GPtrArray *emails = kontor_contact_get_emails (contact);

  append_words (columns[0], kontor_contact_get_title (contact));
  append_words (columns[0], kontor_contact_get_first_name (contact));
  append_words (columns[0], kontor_contact_get_last_name (contact));
  append_words (columns[1], kontor_contact_get_company_name (contact));
  for (guint i = 0; emails != NULL && i < emails->len; i++)
    append_words (columns[2], ((KontorChannel *) g_ptr_array_index (emails, i))->value);
  _kontor_store_append_phone_tokens (columns[3], kontor_contact_get_phones (contact));
  append_words (columns[4], kontor_contact_get_customer_number (contact));
  append_words (columns[5], kontor_contact_get_notes (contact));
}

static void
contact_load_derived (KontorRecord *record,
                      sqlite3_stmt *stmt,
                      int           first)
{
  KontorContact *contact = KONTOR_CONTACT (record);
  const char *status_name = (const char *) sqlite3_column_text (stmt, first + 1);
  const char *status_key = (const char *) sqlite3_column_text (stmt, first + 2);

  kontor_contact_set_company_name (contact, (const char *) sqlite3_column_text (stmt, first));
  if (status_name == NULL)
    status_name = kontor_pipeline_key_to_string (status_key);
  kontor_contact_set_pipeline_status_name (contact, status_name);
}

/* A company typed by name (forms, imports) links to the company of that
 * name, or to a new one made in the same transaction: a contact never
 * keeps a company name without a company. */
static gboolean
resolve_company (KontorStore    *self,
                 KontorContact  *contact,
                 GError        **error)
{
  const char *name = kontor_contact_get_company_name (contact);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KontorCompany) company = NULL;

  if (kontor_contact_get_company_id (contact) != NULL || name == NULL)
    return TRUE;

  company = kontor_store_find_company_by_name (self, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (company == NULL)
    {
      company = kontor_company_new (name);
      if (!_kontor_store_insert_record (self, _kontor_entity_info_for_type (KONTOR_TYPE_COMPANY),
                                        KONTOR_RECORD (company), error))
        return FALSE;
    }

  kontor_contact_set_company_id (contact, kontor_record_get_id (KONTOR_RECORD (company)));

  return TRUE;
}

/* The nearest rank above and below a rank in a column, per board: the
 * ranks and columns of each are its table's; each query walks the
 * column's (column, rank) index */
static const char * const nearest_rank_sql[][2] = {
  [KONTOR_RANKED_CONTACT] = {
    "SELECT max(rank) FROM contact WHERE pipeline_status_id = ?1 "
    "AND (?2 IS NULL OR rank < ?2) AND id IS NOT ?3",
    "SELECT min(rank) FROM contact WHERE pipeline_status_id = ?1 "
    "AND rank > ?2 AND id IS NOT ?3",
  },
  [KONTOR_RANKED_LEAD_ENTRY] = {
    "SELECT max(rank) FROM lead_entry WHERE status_id = ?1 "
    "AND (?2 IS NULL OR rank < ?2) AND id IS NOT ?3",
    "SELECT min(rank) FROM lead_entry WHERE status_id = ?1 "
    "AND rank > ?2 AND id IS NOT ?3",
  },
};

/**
 * _kontor_store_dup_nearest_rank:
 * @self: a store
 * @table: which board: contacts in pipeline statuses, or lead entries in
 *   a lead project's statuses
 * @status_id: a board column
 * @rank: (nullable): a rank in it
 * @above: whether to look above @rank (greater) or below it
 * @record_id: (nullable): a contact or entry to leave out, the one being
 *   ranked
 * @nearest: (out) (transfer full) (nullable): the rank nearest to @rank in
 *   the column, of any record but @record_id; with no @rank, the
 *   column's last; %NULL when there is none
 * @error: return location for a #GError
 *
 * The board passes the ranks of the cards it shows; inbox, archived and
 * filtered-out contacts (or their entries) of the column may lie between
 * them, and a card must not take one of their ranks.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_dup_nearest_rank (KontorStore        *self,
                                KontorRankedTable   table,
                                const char         *status_id,
                                const char         *rank,
                                gboolean            above,
                                const char         *record_id,
                                char              **nearest,
                                GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (table <= KONTOR_RANKED_LEAD_ENTRY, FALSE);

  *nearest = NULL;
  stmt = _kontor_store_prepare (self, nearest_rank_sql[table][above ? 1 : 0], error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, status_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rank, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_one (self, stmt, NULL, nearest, error) >= 0;
}

/* Gives @contact a rank after every card of its column. */
static gboolean
rank_last (KontorStore    *self,
           KontorContact  *contact,
           GError        **error)
{
  g_autofree char *last = NULL;
  g_autofree char *rank = NULL;

  if (!_kontor_store_dup_nearest_rank (self, KONTOR_RANKED_CONTACT,
                                       kontor_contact_get_pipeline_status_id (contact),
                                       NULL, FALSE,
                                       kontor_record_get_id (KONTOR_RECORD (contact)), &last,
                                       error))
    return FALSE;

  rank = kontor_rank_between (last, NULL);
  if (rank == NULL)
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_CORRUPT,
                   /* Translators: %s is a position code of a card on the board */
                   _("The board position “%s” in the database is damaged."), last);
      return FALSE;
    }
  kontor_contact_set_rank (contact, rank);

  return TRUE;
}

/* The team setting "Store birthdays" (feature C8): unset means yes */
static gboolean
get_keep_birthdays (KontorStore  *self,
                    gboolean     *keep,
                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = _kontor_store_get_meta (self, "keep-birthdays", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *keep = g_strcmp0 (value, "0") != 0;

  return TRUE;
}

/* A new or changed birthday only where birthdays are kept
 * (kontor_contact_check_birthday()) */
static gboolean
check_birthday (KontorStore    *self,
                KontorContact  *contact,
                KontorContact  *old,
                GError        **error)
{
  gboolean keep;

  if (kontor_contact_get_birthday (contact) == NULL ||
      (old != NULL && g_strcmp0 (kontor_contact_get_birthday (contact),
                                 kontor_contact_get_birthday (old)) == 0))
    return TRUE;

  return get_keep_birthdays (self, &keep, error) &&
         kontor_contact_check_birthday (contact, keep, error);
}

/* A contact as the team server sends it: a birthday this team does not
 * keep is dropped (the rule is the model's, kontor_contact_check_birthday()),
 * not refused, since the change is the server's already; a card without a
 * place in its column goes last. Nothing is stamped: the time it entered
 * its column is the server's value. */
static gboolean
contact_remote_check (KontorStore   *self,
                      KontorRecord  *record,
                      KontorRecord  *old_record,
                      GError       **error)
{
  KontorContact *contact = KONTOR_CONTACT (record);

  if (!check_birthday (self, contact, old_record != NULL ? KONTOR_CONTACT (old_record) : NULL,
                       NULL))
    kontor_contact_set_birthday (contact, NULL);

  return kontor_contact_get_rank (contact) != NULL || rank_last (self, contact, error);
}

static gboolean
contact_check (KontorStore   *self,
               KontorRecord  *record,
               KontorRecord  *old_record,
               GError       **error)
{
  KontorContact *contact = KONTOR_CONTACT (record);
  KontorContact *old = old_record != NULL ? KONTOR_CONTACT (old_record) : NULL;
  KontorContactStatus status = kontor_contact_get_status (contact);

  /* a number kept as stored was checked when it was stored (and the
   * column is UNIQUE): an archive of thousands asks for none */
  if (!check_birthday (self, contact, old, error) ||
      ((old == NULL || g_strcmp0 (kontor_contact_get_customer_number (contact),
                                  kontor_contact_get_customer_number (old)) != 0) &&
       !_kontor_store_check_customer_number (self, kontor_contact_get_customer_number (contact),
                                             kontor_record_get_id (record), error)) ||
      !_kontor_store_check_sales_reps (self, kontor_contact_get_sales_reps (contact),
                                       old != NULL ? kontor_contact_get_sales_reps (old) : NULL,
                                       error) ||
      !resolve_company (self, contact, error))
    return FALSE;

  if (old == NULL)
    {
      /* A new contact starts in the first column of the board, last. */
      if (kontor_contact_get_pipeline_status_id (contact) == NULL)
        kontor_contact_set_pipeline_status_id (contact, KONTOR_PIPELINE_STATUS_NEW_ID);
      if (kontor_contact_get_pipeline_entered_at (contact) == 0)
        kontor_contact_set_pipeline_entered_at (contact, g_get_real_time () / G_USEC_PER_SEC);
      return kontor_contact_get_rank (contact) != NULL || rank_last (self, contact, error);
    }

  /* Days in the column count from the move into it (feature X7, src/README.md); a
   * board move (and its redo) brings its own time along, and an undo the
   * time before; such a time equals the one it replaces when both fell in
   * the same second, and only self->times_given tells then. A change
   * applied from the server is not stamped either (contact_remote_check ()). */
  if (!self->times_given &&
      g_strcmp0 (kontor_contact_get_pipeline_status_id (contact),
                 kontor_contact_get_pipeline_status_id (old)) != 0 &&
      kontor_contact_get_pipeline_entered_at (contact) ==
      kontor_contact_get_pipeline_entered_at (old))
    kontor_contact_set_pipeline_entered_at (contact, g_get_real_time () / G_USEC_PER_SEC);

  /* Handled: any change a person makes takes the red mark off the card. */
  if (kontor_contact_get_is_new (old) && kontor_contact_get_is_new (contact))
    {
      g_autoptr(GArray) changed = kontor_record_diff (old_record, record);

      for (guint i = 0; i < changed->len; i++)
        {
          if (g_array_index (changed, guint, i) != KONTOR_CONTACT_FIELD_IS_NEW)
            {
              kontor_contact_set_is_new (contact, FALSE);
              break;
            }
        }
    }

  /* No place in its column (the form changed the pipeline status and
   * cleared the rank): last. */
  if (kontor_contact_get_rank (contact) == NULL && !rank_last (self, contact, error))
    return FALSE;

  /* Remember what an archived or inbox contact was, for "Make active". */
  if (kontor_contact_status_is_restricted (status) &&
      !kontor_contact_status_is_restricted (kontor_contact_get_status (old)))
    kontor_contact_set_previous_status (contact, kontor_contact_get_status (old));

  return TRUE;
}

/* A deleted contact's employments, activities, group memberships and lead
 * entries go with it (_kontor_store_forget_rows()); no other record is
 * derived from a contact */
static GArray *
contact_before_delete (KontorStore   *self,
                       KontorRecord  *stored,
                       GError       **error)
{
  if (!_kontor_store_forget_employments (self, stored, error) ||
      !_kontor_store_forget_activities (self, stored, error) ||
      !_kontor_store_forget_rows (self, "contact_group_member", "contact_id",
                                  kontor_record_get_id (stored), error) ||
      !_kontor_store_forget_rows (self, "lead_entry", "contact_id",
                                  kontor_record_get_id (stored), error))
    return NULL;

  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static gboolean
contact_after_delete (KontorStore  *self,
                      GArray       *dependents,
                      GError      **error)
{
  return TRUE;
}

KontorEntityInfo _kontor_store_contact_entity = {
  .get_type = kontor_contact_get_type,
  .table = "contact",
  .outbox = TRUE,
  .channel_table = "contact_channel",
  .link_table = "contact_link",
  .sort_columns = { "sort_name", "sort_company", "sort_email", "sort_phone", "sort_number" },
  .search_table = "contact_search",
  .order_indexes = { "contact_sort_name", "contact_sort_company", "contact_last_activity",
                     "contact_sort_email", "contact_sort_phone", "contact_sort_number",
                     "contact_status", "contact_link_by_target", "contact_team" },
  .derived_select = ", co.name, ps.name, ps.key",
  .derived_joins = " LEFT JOIN company co ON co.id = t.company_id"
                   " LEFT JOIN pipeline_status ps ON ps.id = t.pipeline_status_id",
  .sort_texts = contact_sort_texts,
  .search_document = contact_search_document,
  .in_search_document = contact_in_search_document,
  .load_derived = contact_load_derived,
  .derive = contact_derive,
  .check = contact_check,
  .remote_check = contact_remote_check,
  .before_delete = contact_before_delete,
  .after_delete = contact_after_delete,
};

/**
 * _kontor_store_rank_all_contacts:
 * @self: a store inside a transaction
 * @error: return location for a #GError
 *
 * Gives every contact without a rank one after the ranked cards of its
 * column, in name order (migration to version 3). Ranks are presentational
 * and each machine orders its own board (src/README.md "Pipeline ranks"), so no outbox.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_rank_all_contacts (KontorStore  *self,
                                 GError      **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *previous_column = NULL;
  g_autofree char *rank = NULL;
  sqlite3_stmt *stmt;
  int result;

  stmt = _kontor_store_prepare (self,
                                "SELECT rid, pipeline_status_id FROM contact WHERE rank IS NULL "
                                "ORDER BY pipeline_status_id, sort_name, rid",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
      g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  for (guint i = 0; i < rowids->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);
      char *next;

      if (i == 0 || g_strcmp0 (column, previous_column) != 0)
        {
          g_free (previous_column);
          previous_column = g_strdup (column);
          g_clear_pointer (&rank, g_free);

          /* after the column's ranked cards, if it has any */
          stmt = _kontor_store_prepare (self,
                                        "SELECT max(rank) FROM contact "
                                        "WHERE pipeline_status_id IS ?1",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, column, -1, SQLITE_TRANSIENT);
          _kontor_store_step_one (self, stmt, NULL, &rank, error);
        }

      next = kontor_rank_between (rank, NULL);
      if (next == NULL)
        {
          g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_CORRUPT,
                       _("The board position “%s” in the database is damaged."), rank);
          return FALSE;
        }
      g_free (rank);
      rank = next;

      stmt = _kontor_store_prepare (self, "UPDATE contact SET rank = ?1 WHERE rid = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, rank, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, g_array_index (rowids, gint64, i));
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;
    }

  _kontor_store_note_change (self, "contact", 0);

  return TRUE;
}

/* Birthdays (feature C8, src/README.md "Birthdays") ---------------------- */

/* The id of the team's settings as the sync engine sends them */
#define TEAM_SETTINGS_ID "00000000-0000-7000-8000-000000000102"

/**
 * kontor_store_get_keep_birthdays:
 * @self: a store
 * @keep: (out): whether birthdays are kept
 * @error: return location for a #GError
 *
 * Reads the team's privacy setting "Store birthdays"; a database that
 * never had it set keeps them.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_get_keep_birthdays (KontorStore  *self,
                                 gboolean     *keep,
                                 GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (keep != NULL, FALSE);

  return get_keep_birthdays (self, keep, error);
}

/**
 * kontor_store_count_birthdays:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: how many contacts have a birthday stored, or -1 on error
 */
gint64
kontor_store_count_birthdays (KontorStore  *self,
                              GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (KONTOR_IS_STORE (self), -1);

  stmt = _kontor_store_prepare (self, "SELECT count(*) FROM contact WHERE birthday IS NOT NULL",
                                error);
  if (stmt == NULL || _kontor_store_step_one (self, stmt, &count, NULL, error) < 0)
    return -1;

  return count;
}

/* Every stored birthday goes: each contact's is set to none through the
 * generic update (its outbox entry tells the other machines to erase it
 * too), then the copies of the old values are wiped: the old values of
 * the outbox, which is also the change history, the last state the server
 * confirmed, and open conflicts. */
static gboolean
erase_birthdays (KontorStore  *self,
                 GError      **error)
{
  const KontorEntityInfo *info = &_kontor_store_contact_entity;
  g_autoptr(GArray) rowids = NULL;

  rowids = _kontor_store_select_rowids (self, "SELECT rid FROM contact "
                                        "WHERE birthday IS NOT NULL",
                                        NULL, error);
  if (rowids == NULL)
    return FALSE;

  for (guint i = 0; i < rowids->len; i++)
    {
      g_autoptr(KontorRecord) contact = NULL;
      gboolean changed;

      contact = _kontor_store_load_record (self, info, " WHERE t.rid = ?1", NULL,
                                           g_array_index (rowids, gint64, i), error);
      if (contact == NULL)
        return FALSE;
      kontor_contact_set_birthday (KONTOR_CONTACT (contact), NULL);
      if (!_kontor_store_save_record (self, contact, &changed, error))
        return FALSE;
    }

  return _kontor_store_exec (self,
                             "UPDATE outbox SET old_value_json = NULL, value_json = 'null' "
                             "WHERE entity = 'contact' AND field = 'birthday';"
                             "UPDATE journal SET old_json = NULL, new_json = 'null' "
                             "WHERE entity = 'contact' AND field = 'birthday';"
                             "UPDATE record_shadow SET values_json = "
                             "json_remove(values_json, '$.birthday') "
                             "WHERE entity = 'contact' AND json_valid(values_json);"
                             "DELETE FROM conflict_local "
                             "WHERE entity = 'contact' AND field = 'birthday';",
                             error);
}

/**
 * kontor_store_set_keep_birthdays:
 * @self: a store
 * @keep: whether birthdays may be kept
 * @error: return location for a #GError
 *
 * Changes the team's privacy setting (feature C8), an administrator's
 * (kontor_user_role_check_admin()). Switching it off erases every stored
 * birthday in the same transaction, with outbox entries that erase them on
 * the other machines, and wipes the old values kept for sync and history;
 * then the log is truncated on a worker, as after a delete. On failure
 * nothing changed.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_set_keep_birthdays (KontorStore  *self,
                                 gboolean      keep,
                                 GError      **error)
{
  gboolean was;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_kontor_store_check_admin (self, error) || !_kontor_store_begin (self, error))
    return FALSE;

  if (!get_keep_birthdays (self, &was, error))
    goto failed;
  if (was == !!keep)
    return _kontor_store_commit (self, error);

  if (!_kontor_store_set_meta (self, "keep-birthdays", keep ? "1" : "0", error) ||
      !_kontor_store_append_row_update (self, "team_setting", TEAM_SETTINGS_ID,
                                        "keep_birthdays", keep ? "true" : "false",
                                        keep ? "false" : "true", error) ||
      (!keep && !erase_birthdays (self, error)))
    goto failed;
  _kontor_store_note_change (self, "team_setting", 0);

  if (!_kontor_store_commit (self, error))
    return FALSE;

  if (!keep)
    _kontor_store_purge_in_background (self);

  return TRUE;

failed:
  _kontor_store_rollback (self);
  return FALSE;
}
