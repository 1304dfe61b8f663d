/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Records in SQLite, generically from their field tables: insert, update
 * with field-level outbox entries, delete with tombstone, load. What differs
 * per entity (sort keys, the search document, joined display fields, rules)
 * is in the KontorEntityInfo table below. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-group.h"
#include "kontor-pipeline-rules.h"
#include "kontor-rank.h"
#include "kontor-record-rules.h"
#include "kontor-store-private.h"
#include "kontor-text.h"
#include "kontor-uuid.h"

#define N_SEARCH_COLUMNS 6   /* name, company, email, phone, number, notes */
#define MAX_SORT_COLUMNS 5

struct _KontorEntityInfo
{
  GType       (*get_type) (void);
  const char   *table;
  gboolean      outbox;               /* local changes are sent to the server */
  const char   *channel_table;
  const char   *link_table;
  const char   *sort_columns[MAX_SORT_COLUMNS + 1];
  const char   *search_table;
  const char   *derived_select;       /* extra columns for derived fields */
  const char   *derived_joins;

  /* owned sort texts in sort_columns order; natural[i] sorts numbers by value */
  void     (*sort_texts)      (KontorStore   *self,
                               KontorRecord  *record,
                               char         **texts,
                               gboolean      *natural);
  void     (*search_document) (KontorStore   *self,
                               KontorRecord  *record,
                               GString      **columns);
  void     (*load_derived)    (KontorRecord  *record,
                               sqlite3_stmt  *stmt,
                               int            first_column);
  gboolean (*check)           (KontorStore   *self,
                               KontorRecord  *record,
                               KontorRecord  *old,
                               GError       **error);
  gboolean (*after_update)    (KontorStore   *self,
                               KontorRecord  *record,
                               GArray        *changed,
                               GError       **error);
  gboolean (*check_delete)    (KontorStore   *self,
                               KontorRecord  *stored,
                               GError       **error);

  /* SQL made once from the field table */
  char         *insert_sql;
  char         *select_sql;
};

#define KONTOR_PIPELINE_STATUS_NEW_ID "00000000-0000-7000-8000-000000000001"

static gboolean is_column_field (const KontorField *field);

/* ------------------------------------------------------------------------ */
/* JSON for outbox entries: tiny and exact, no allocation per value beyond
 * the string being built. */

static void
json_append_string (GString    *json,
                    const char *text)
{
  if (text == NULL)
    {
      g_string_append (json, "null");
      return;
    }

  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (json, "\\\"");
          break;
        case '\\':
          g_string_append (json, "\\\\");
          break;
        case '\n':
          g_string_append (json, "\\n");
          break;
        case '\r':
          g_string_append (json, "\\r");
          break;
        case '\t':
          g_string_append (json, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (json, "\\u%04x", c);
          else
            g_string_append_c (json, c);
        }
    }
  g_string_append_c (json, '"');
}

/**
 * _kontor_json_quote:
 * @text: (nullable): text
 *
 * Returns: (transfer full): @text as a JSON string, "null" for %NULL
 */
char *
_kontor_json_quote (const char *text)
{
  GString *json = g_string_new (NULL);

  json_append_string (json, text);

  return g_string_free (json, FALSE);
}

static void
json_append_channel (GString             *json,
                     const KontorChannel *channel,
                     guint                position)
{
  g_string_append (json, "{\"id\":");
  json_append_string (json, channel->id);
  g_string_append (json, ",\"label\":");
  json_append_string (json, channel->label);
  g_string_append (json, ",\"value\":");
  json_append_string (json, channel->value);
  g_string_append_printf (json, ",\"position\":%u}", position);
}

static void
json_append_value (GString           *json,
                   const KontorField *field,
                   const GValue      *value)
{
  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      json_append_string (json, g_value_get_string (value));
      break;
    case KONTOR_FIELD_TYPE_BOOLEAN:
      g_string_append (json, g_value_get_boolean (value) ? "true" : "false");
      break;
    case KONTOR_FIELD_TYPE_INT64:
      g_string_append_printf (json, "%" G_GINT64_FORMAT, g_value_get_int64 (value));
      break;
    case KONTOR_FIELD_TYPE_ENUM:
      {
        GEnumClass *klass = g_type_class_peek (G_VALUE_TYPE (value));
        GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (value));

        json_append_string (json, enum_value != NULL ? enum_value->value_nick : NULL);
      }
      break;
    case KONTOR_FIELD_TYPE_CHANNELS:
      {
        GPtrArray *channels = g_value_get_boxed (value);

        g_string_append_c (json, '[');
        for (guint i = 0; channels != NULL && i < channels->len; i++)
          {
            if (i > 0)
              g_string_append_c (json, ',');
            json_append_channel (json, g_ptr_array_index (channels, i), i);
          }
        g_string_append_c (json, ']');
      }
      break;
    case KONTOR_FIELD_TYPE_REFS:
      {
        const char * const *refs = g_value_get_boxed (value);

        g_string_append_c (json, '[');
        for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
          {
            if (i > 0)
              g_string_append_c (json, ',');
            json_append_string (json, refs[i]);
          }
        g_string_append_c (json, ']');
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static char *
value_to_json (const KontorField *field,
               const GValue      *value)
{
  GString *json = g_string_new (NULL);

  json_append_value (json, field, value);

  return g_string_free (json, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Binding and reading values */

static void
bind_value (sqlite3_stmt      *stmt,
            int                column,
            const KontorField *field,
            const GValue      *value)
{
  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      sqlite3_bind_text (stmt, column, g_value_get_string (value), -1, SQLITE_TRANSIENT);
      break;
    case KONTOR_FIELD_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, column, g_value_get_boolean (value) ? 1 : 0);
      break;
    case KONTOR_FIELD_TYPE_INT64:
      sqlite3_bind_int64 (stmt, column, g_value_get_int64 (value));
      break;
    case KONTOR_FIELD_TYPE_ENUM:
      sqlite3_bind_int (stmt, column, g_value_get_enum (value));
      break;
    case KONTOR_FIELD_TYPE_CHANNELS:
    case KONTOR_FIELD_TYPE_REFS:
    default:
      g_assert_not_reached ();
    }
}

static void
read_value (sqlite3_stmt      *stmt,
            int                column,
            const KontorField *field,
            GValue            *value)
{
  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      g_value_set_string (value, (const char *) sqlite3_column_text (stmt, column));
      break;
    case KONTOR_FIELD_TYPE_BOOLEAN:
      g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
      break;
    case KONTOR_FIELD_TYPE_INT64:
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
      break;
    case KONTOR_FIELD_TYPE_ENUM:
      g_value_set_enum (value, sqlite3_column_int (stmt, column));
      break;
    case KONTOR_FIELD_TYPE_CHANNELS:
    case KONTOR_FIELD_TYPE_REFS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_column_field (const KontorField *field)
{
  return (field->flags & (KONTOR_FIELD_STORED | KONTOR_FIELD_LOCAL)) != 0 &&
         field->type != KONTOR_FIELD_TYPE_CHANNELS &&
         field->type != KONTOR_FIELD_TYPE_REFS;
}

static void
bind_sort_key (sqlite3_stmt *stmt,
               int           column,
               const char   *text,
               gboolean      natural)
{
  g_autoptr(GBytes) key = natural ? kontor_text_sort_key_natural (text)
                                  : kontor_text_sort_key (text);

  if (key == NULL)
    sqlite3_bind_blob (stmt, column, "\xff", 1, SQLITE_STATIC);
  else
    sqlite3_bind_blob (stmt, column, g_bytes_get_data (key, NULL), g_bytes_get_size (key),
                       SQLITE_TRANSIENT);
}

/* ------------------------------------------------------------------------ */
/* Contacts */

static char *
lookup_company_name (KontorStore *self,
                     const char  *company_id)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (company_id == NULL)
    return NULL;

  stmt = _kontor_store_prepare (self, "SELECT name FROM company WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, company_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step (self, stmt, NULL) == 1)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return name;
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
  natural[3] = natural[4] = TRUE;
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
append_phones (GString   *column,
               GPtrArray *phones)
{
  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      const KontorChannel *phone = g_ptr_array_index (phones, i);
      g_autofree char *digits = kontor_phone_normalize (phone->value);

      /* as typed, international digits and the German national form, so
       * that "+49 30 12", "030 12" and "4930" all find "(030) 123 45" */
      g_string_append_printf (column, "%s%s %s", column->len > 0 ? " " : "", phone->value, digits);
      if (g_str_has_prefix (digits, "49"))
        g_string_append_printf (column, " 0%s", digits + 2);
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
  append_phones (columns[3], kontor_contact_get_phones (contact));
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

static gboolean
check_customer_number (KontorStore   *self,
                       const char    *number,
                       const char    *own_id,
                       GError       **error)
{
  static const char *sql[] = {
    "SELECT id FROM contact WHERE customer_number = ?1 AND id IS NOT ?2",
    "SELECT id FROM company WHERE customer_number = ?1 AND id IS NOT ?2",
  };
  static GType (*types[]) (void) = { kontor_contact_get_type, kontor_company_get_type };

  if (number == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = _kontor_store_prepare (self, sql[i], error);
      g_autofree char *other_id = NULL;
      g_autoptr(KontorRecord) other = NULL;
      g_autofree char *other_name = NULL;
      int result;

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, own_id, -1, SQLITE_TRANSIENT);
      result = _kontor_store_step (self, stmt, error);
      if (result == 1)
        other_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (result < 0)
        return FALSE;
      if (other_id == NULL)
        continue;

      other = kontor_store_load (self, types[i] (), other_id, error);
      if (other == NULL)
        return FALSE;
      other_name = kontor_record_dup_display_name (other);
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_DUPLICATE_NUMBER,
                   /* Translators: the first %s is a customer number, the second a name */
                   _("The customer number “%s” is already used by %s."), number, other_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean insert_record (KontorStore            *self,
                               const KontorEntityInfo *info,
                               KontorRecord           *record,
                               GError                **error);

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
      if (!insert_record (self, _kontor_entity_info_for_type (KONTOR_TYPE_COMPANY),
                          KONTOR_RECORD (company), error))
        return FALSE;
    }

  kontor_contact_set_company_id (contact, kontor_record_get_id (KONTOR_RECORD (company)));

  return TRUE;
}

/**
 * _kontor_store_dup_nearest_rank:
 * @self: a store
 * @status_id: a board column
 * @rank: (nullable): a rank in it
 * @above: whether to look above @rank (greater) or below it
 * @contact_id: (nullable): a contact to leave out, the one being ranked
 * @nearest: (out) (transfer full) (nullable): the rank nearest to @rank in
 *   the column, of any contact but @contact_id; with no @rank, the
 *   column's last; %NULL when there is none
 * @error: return location for a #GError
 *
 * The board passes the ranks of the cards it shows; inbox, archived and
 * filtered-out contacts of the column may lie between them, and a card
 * must not take one of their ranks.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_dup_nearest_rank (KontorStore  *self,
                                const char   *status_id,
                                const char   *rank,
                                gboolean      above,
                                const char   *contact_id,
                                char        **nearest,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  int result;

  *nearest = NULL;
  stmt = _kontor_store_prepare (self, above ?
                                "SELECT min(rank) FROM contact WHERE pipeline_status_id = ?1 "
                                "AND rank > ?2 AND id IS NOT ?3" :
                                "SELECT max(rank) FROM contact WHERE pipeline_status_id = ?1 "
                                "AND (?2 IS NULL OR rank < ?2) AND id IS NOT ?3",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, status_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rank, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, contact_id, -1, SQLITE_TRANSIENT);
  result = _kontor_store_step (self, stmt, error);
  if (result == 1)
    *nearest = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return result >= 0;
}

/* Gives @contact a rank after every card of its column. */
static gboolean
rank_last (KontorStore    *self,
           KontorContact  *contact,
           GError        **error)
{
  g_autofree char *last = NULL;
  g_autofree char *rank = NULL;

  if (!_kontor_store_dup_nearest_rank (self, kontor_contact_get_pipeline_status_id (contact),
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

static gboolean
contact_check (KontorStore   *self,
               KontorRecord  *record,
               KontorRecord  *old_record,
               GError       **error)
{
  KontorContact *contact = KONTOR_CONTACT (record);
  KontorContact *old = old_record != NULL ? KONTOR_CONTACT (old_record) : NULL;
  KontorContactStatus status = kontor_contact_get_status (contact);

  if (!check_customer_number (self, kontor_contact_get_customer_number (contact),
                              kontor_record_get_id (record), error) ||
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

  /* Days in the column count from the move into it (FEATURES X7); an
   * undo, or a board move, brings its own time along. (A change applied
   * from the server will too: the sync engine must not stamp it here.) */
  if (g_strcmp0 (kontor_contact_get_pipeline_status_id (contact),
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

/* ------------------------------------------------------------------------ */
/* Companies */

static void
company_sort_texts (KontorStore   *self,
                    KontorRecord  *record,
                    char         **texts,
                    gboolean      *natural)
{
  texts[0] = g_strdup (kontor_company_get_name (KONTOR_COMPANY (record)));
  texts[1] = g_strdup (kontor_company_get_customer_number (KONTOR_COMPANY (record)));
  natural[1] = TRUE;
}

static gboolean
company_check (KontorStore   *self,
               KontorRecord  *record,
               KontorRecord  *old,
               GError       **error)
{
  KontorCompany *company = KONTOR_COMPANY (record);

  return check_customer_number (self, kontor_company_get_customer_number (company),
                                kontor_record_get_id (record), error);
}

static gboolean refresh_contact_row (KontorStore  *self,
                                     gint64        rowid,
                                     GError      **error);

/* The row ids of the contacts of company @company_id, or %NULL on error */
static GArray *
company_contact_rowids (KontorStore  *self,
                        const char   *company_id,
                        GError      **error)
{
  g_autoptr(GArray) rowids = NULL;
  sqlite3_stmt *stmt;
  int result;

  stmt = _kontor_store_prepare (self, "SELECT rid FROM contact WHERE company_id = ?1", error);
  if (stmt == NULL)
    return NULL;

  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_text (stmt, 1, company_id, -1, SQLITE_TRANSIENT);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return NULL;

  return g_steal_pointer (&rowids);
}

static gboolean
refresh_contact_rows (KontorStore  *self,
                      GArray       *rowids,
                      GError      **error)
{
  for (guint i = 0; i < rowids->len; i++)
    {
      if (!refresh_contact_row (self, g_array_index (rowids, gint64, i), error))
        return FALSE;
    }

  return TRUE;
}

/* The contacts of a renamed company show, sort and are found by the new
 * name: refresh their sort keys and search documents. */
static gboolean
company_after_update (KontorStore   *self,
                      KontorRecord  *record,
                      GArray        *changed,
                      GError       **error)
{
  g_autoptr(GArray) rowids = NULL;
  gboolean renamed = FALSE;

  for (guint i = 0; i < changed->len; i++)
    renamed |= g_array_index (changed, guint, i) == KONTOR_COMPANY_FIELD_NAME;
  if (!renamed)
    return TRUE;

  rowids = company_contact_rowids (self, kontor_record_get_id (record), error);

  return rowids != NULL && refresh_contact_rows (self, rowids, error);
}

/* ------------------------------------------------------------------------ */
/* Pipeline statuses: the board's columns (FEATURES P7) */

static gboolean
pipeline_status_check_delete (KontorStore   *self,
                              KontorRecord  *stored,
                              GError       **error)
{
  gint64 n_contacts;

  n_contacts = kontor_store_count_in_pipeline_status (self, kontor_record_get_id (stored), error);

  return n_contacts >= 0 &&
         kontor_pipeline_status_validate_delete (KONTOR_PIPELINE_STATUS (stored), n_contacts,
                                                 error);
}

/**
 * kontor_store_count_in_pipeline_status:
 * @self: a store
 * @status_id: a pipeline status
 * @error: return location for a #GError
 *
 * Returns: how many contacts have @status_id, archived and inbox contacts
 *   included (they keep it while restricted), or -1 on error
 */
gint64
kontor_store_count_in_pipeline_status (KontorStore  *self,
                                       const char   *status_id,
                                       GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (KONTOR_IS_STORE (self), -1);
  g_return_val_if_fail (status_id != NULL, -1);

  stmt = _kontor_store_prepare (self, "SELECT count(*) FROM contact WHERE pipeline_status_id = ?1",
                                error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, status_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step (self, stmt, error) == 1)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* ------------------------------------------------------------------------ */

static KontorEntityInfo entities[] = {
  {
    .get_type = kontor_contact_get_type,
    .table = "contact",
    .outbox = TRUE,
    .channel_table = "contact_channel",
    .link_table = "contact_link",
    .sort_columns = { "sort_name", "sort_company", "sort_email", "sort_phone", "sort_number" },
    .search_table = "contact_search",
    .derived_select = ", co.name, ps.name, ps.key",
    .derived_joins = " LEFT JOIN company co ON co.id = t.company_id"
                     " LEFT JOIN pipeline_status ps ON ps.id = t.pipeline_status_id",
    .sort_texts = contact_sort_texts,
    .search_document = contact_search_document,
    .load_derived = contact_load_derived,
    .check = contact_check,
  },
  {
    .get_type = kontor_company_get_type,
    .table = "company",
    .outbox = TRUE,
    .channel_table = "company_channel",
    .link_table = "company_link",
    .sort_columns = { "sort_name", "sort_number" },
    .sort_texts = company_sort_texts,
    .check = company_check,
    .after_update = company_after_update,
  },
  {
    .get_type = kontor_pipeline_status_get_type,
    .table = "pipeline_status",
    .outbox = TRUE,
    .check_delete = pipeline_status_check_delete,
  },
  {
    .get_type = kontor_group_get_type,
    .table = "contact_group",
    .outbox = TRUE,
    .link_table = "contact_group_link",
  },
  /* Users and teams are the server's (its admin command manages them,
   * FEATURES S7); the client keeps a copy and never pushes them. */
  {
    .get_type = kontor_user_get_type,
    .table = "app_user",
    .link_table = "app_user_link",
  },
  {
    .get_type = kontor_team_get_type,
    .table = "team",
  },
};

static void
build_sql (KontorEntityInfo *info)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (info->get_type ());
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);
  GString *insert = g_string_new (NULL);
  GString *values = g_string_new (NULL);
  GString *select = g_string_new ("SELECT t.rid, t.id, t.created_at, t.updated_at, t.rev");
  guint n = 4;

  g_string_printf (insert, "INSERT INTO %s (id, created_at, updated_at, rev", info->table);
  g_string_append (values, "?1, ?2, ?3, ?4");

  for (guint i = 0; i < record_class->n_fields; i++)
    {
      const KontorField *field = &record_class->fields[i];

      if (!is_column_field (field))
        continue;
      g_string_append_printf (insert, ", %s", field->column);
      g_string_append_printf (values, ", ?%u", ++n);
      g_string_append_printf (select, ", t.%s", field->column);
    }
  for (guint i = 0; info->sort_columns[i] != NULL; i++)
    {
      g_string_append_printf (insert, ", %s", info->sort_columns[i]);
      g_string_append_printf (values, ", ?%u", ++n);
    }
  g_string_append_printf (insert, ") VALUES (%s)", values->str);
  g_string_free (values, TRUE);

  if (info->derived_select != NULL)
    g_string_append (select, info->derived_select);
  g_string_append_printf (select, " FROM %s t", info->table);
  if (info->derived_joins != NULL)
    g_string_append (select, info->derived_joins);

  info->insert_sql = g_string_free (insert, FALSE);
  info->select_sql = g_string_free (select, FALSE);
}

static void
init_entities (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        build_sql (&entities[i]);
      g_once_init_leave (&initialized, 1);
    }
}

const KontorEntityInfo *
_kontor_entity_info_for_type (GType type)
{
  init_entities ();

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (entities[i].get_type () == type)
        return &entities[i];
    }

  g_return_val_if_reached (NULL);
}

const KontorEntityInfo *
_kontor_entity_info_for_name (const char *entity)
{
  init_entities ();

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (g_str_equal (entities[i].table, entity))
        return &entities[i];
    }

  return NULL;
}

const char *
_kontor_entity_info_get_table (const KontorEntityInfo *info)
{
  return info->table;
}

static guint
n_sort_columns (const KontorEntityInfo *info)
{
  guint n = 0;

  while (info->sort_columns[n] != NULL)
    n++;

  return n;
}

/* ------------------------------------------------------------------------ */
/* Child rows: e-mail addresses, phone numbers, links */

static gboolean
insert_channel (KontorStore            *self,
                const KontorEntityInfo *info,
                const char             *owner_id,
                const KontorField      *field,
                KontorChannel          *channel,
                guint                   position,
                gboolean                outbox,
                GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (id, owner_id, kind, label, value, "
                                          "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                          info->channel_table);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  if (channel->id == NULL)
    channel->id = kontor_uuid_v7_new ();

  sqlite3_bind_text (stmt, 1, channel->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, field->kind);
  sqlite3_bind_text (stmt, 4, channel->label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, channel->value != NULL ? channel->value : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, position);

  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (outbox)
    {
      g_autoptr(GString) json = g_string_new (NULL);

      g_string_append (json, "{\"owner_id\":");
      json_append_string (json, owner_id);
      g_string_append_printf (json, ",\"field\":\"%s\",\"channel\":", field->column);
      json_append_channel (json, channel, position);
      g_string_append_c (json, '}');
      return _kontor_store_append_outbox (self, info->channel_table, channel->id, "create",
                                          NULL, json->str, NULL, 0, error);
    }

  return TRUE;
}

/* A link row is known by what it links (owner, kind, target), on every
 * machine alike; its outbox entries name the owner, the field and the
 * target. */
static gboolean
write_link (KontorStore            *self,
            const KontorEntityInfo *info,
            const char             *owner_id,
            const KontorField      *field,
            const char             *target_id,
            int                     position,
            gboolean                outbox,
            GError                **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (position >= 0)
    sql = g_strdup_printf ("INSERT INTO %s (owner_id, kind, target_id, position) "
                           "VALUES (?1, ?2, ?3, ?4)", info->link_table);
  else
    sql = g_strdup_printf ("DELETE FROM %s WHERE owner_id = ?1 AND kind = ?2 AND target_id = ?3",
                           info->link_table);

  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, field->kind);
  sqlite3_bind_text (stmt, 3, target_id, -1, SQLITE_TRANSIENT);
  if (position >= 0)
    sqlite3_bind_int (stmt, 4, position);

  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (outbox)
    {
      g_autofree char *target_json = _kontor_json_quote (target_id);

      return _kontor_store_append_outbox (self, info->link_table, owner_id,
                                          position >= 0 ? "create" : "delete",
                                          field->column, target_json, NULL, 0, error);
    }

  return TRUE;
}

static gboolean
delete_child (KontorStore  *self,
              const char   *table,
              const char   *id,
              gboolean      outbox,
              GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (outbox)
    {
      if (!_kontor_store_drop_outbox (self, id, error))
        return FALSE;
      return _kontor_store_append_outbox (self, table, id, "delete", NULL, NULL, NULL, 0, error);
    }

  return TRUE;
}

static gboolean
load_channels (KontorStore            *self,
               const KontorEntityInfo *info,
               KontorRecord           *record,
               guint                   index,
               const KontorField      *field,
               GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, label, value FROM %s "
                                          "WHERE owner_id = ?1 AND kind = ?2 ORDER BY position",
                                          info->channel_table);
  g_autoptr(GPtrArray) channels = kontor_channel_array_new ();
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  int result;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kontor_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, field->kind);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      KontorChannel *channel = kontor_channel_new ((const char *) sqlite3_column_text (stmt, 1),
                                                   (const char *) sqlite3_column_text (stmt, 2));

      channel->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (channels, channel);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  kontor_record_set_channels (record, index, channels);

  return TRUE;
}

static gboolean
load_links (KontorStore            *self,
            const KontorEntityInfo *info,
            KontorRecord           *record,
            guint                   index,
            const KontorField      *field,
            GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT target_id FROM %s WHERE owner_id = ?1 "
                                          "AND kind = ?2 ORDER BY position, target_id",
                                          info->link_table);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) refs = NULL;
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  int result;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kontor_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, field->kind);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  refs = g_strv_builder_end (builder);
  kontor_record_set_refs (record, index, (const char * const *) refs);

  return TRUE;
}

/* Writes the channels of @field, comparing with @old (NULL for a new
 * record): new rows are created, changed rows updated field by field,
 * vanished rows deleted — each with its outbox entry. */
static gboolean
write_channels (KontorStore            *self,
                const KontorEntityInfo *info,
                KontorRecord           *record,
                KontorRecord           *old,
                guint                   index,
                gboolean                outbox,
                GError                **error)
{
  const KontorField *field = &KONTOR_RECORD_GET_CLASS (record)->fields[index];
  g_autoptr(GPtrArray) channels =
    kontor_channel_array_copy (kontor_record_get_channels (record, index));
  GPtrArray *old_channels = old != NULL ? kontor_record_get_channels (old, index) : NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  const char *owner_id = kontor_record_get_id (record);

  for (guint i = 0; i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);
      const KontorChannel *before = NULL;
      guint before_position = 0;

      for (guint j = 0; channel->id != NULL && old_channels != NULL && j < old_channels->len; j++)
        {
          if (g_strcmp0 (((KontorChannel *) g_ptr_array_index (old_channels, j))->id,
                         channel->id) == 0)
            {
              before = g_ptr_array_index (old_channels, j);
              before_position = j;
            }
        }

      if (before == NULL)
        {
          g_clear_pointer (&channel->id, g_free);   /* an id we do not know is a new row */
          if (!insert_channel (self, info, owner_id, field, channel, i, outbox, error))
            return FALSE;
          continue;
        }

      g_hash_table_add (kept, channel->id);
      if (g_strcmp0 (before->label, channel->label) != 0 ||
          g_strcmp0 (before->value, channel->value) != 0 || before_position != i)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE %s SET label = ?1, value = ?2, "
                                                  "position = ?3 WHERE id = ?4",
                                                  info->channel_table);
          sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, channel->label, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, channel->value != NULL ? channel->value : "", -1,
                             SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 3, i);
          sqlite3_bind_text (stmt, 4, channel->id, -1, SQLITE_TRANSIENT);
          if (!_kontor_store_step_done (self, stmt, error))
            return FALSE;

          if (outbox)
            {
              static const char *names[] = { "label", "value", "position" };
              g_autofree char *label_json = _kontor_json_quote (channel->label);
              g_autofree char *old_label_json = _kontor_json_quote (before->label);
              g_autofree char *value_json = _kontor_json_quote (channel->value);
              g_autofree char *old_value_json = _kontor_json_quote (before->value);
              g_autofree char *position = g_strdup_printf ("%u", i);
              g_autofree char *old_position = g_strdup_printf ("%u", before_position);
              const char *new_values[] = { label_json, value_json, position };
              const char *old_values[] = { old_label_json, old_value_json, old_position };
              gboolean differs[] = {
                g_strcmp0 (before->label, channel->label) != 0,
                g_strcmp0 (before->value, channel->value) != 0,
                before_position != i,
              };

              for (guint k = 0; k < G_N_ELEMENTS (names); k++)
                {
                  if (differs[k] &&
                      !_kontor_store_append_outbox (self, info->channel_table, channel->id,
                                                    "update", names[k], new_values[k],
                                                    old_values[k], 0, error))
                    return FALSE;
                }
            }
        }
    }

  for (guint j = 0; old_channels != NULL && j < old_channels->len; j++)
    {
      const KontorChannel *before = g_ptr_array_index (old_channels, j);

      if (!g_hash_table_contains (kept, before->id) &&
          !delete_child (self, info->channel_table, before->id, outbox, error))
        return FALSE;
    }

  /* hand the ids of new rows back to the caller's record */
  kontor_record_set_channels (record, index, channels);

  return TRUE;
}

static gboolean
write_links (KontorStore            *self,
             const KontorEntityInfo *info,
             KontorRecord           *record,
             KontorRecord           *old,
             guint                   index,
             gboolean                outbox,
             GError                **error)
{
  const KontorField *field = &KONTOR_RECORD_GET_CLASS (record)->fields[index];
  const char * const *refs = kontor_record_get_refs (record, index);
  const char * const *old_refs = old != NULL ? kontor_record_get_refs (old, index) : NULL;
  const char *owner_id = kontor_record_get_id (record);

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      if (old_refs != NULL && g_strv_contains (old_refs, refs[i]))
        continue;
      if (!write_link (self, info, owner_id, field, refs[i], i, outbox, error))
        return FALSE;
    }

  for (guint i = 0; old_refs != NULL && old_refs[i] != NULL; i++)
    {
      if (refs != NULL && g_strv_contains (refs, old_refs[i]))
        continue;
      if (!write_link (self, info, owner_id, field, old_refs[i], -1, outbox, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Search documents */

static gboolean
write_search_document (KontorStore            *self,
                       const KontorEntityInfo *info,
                       KontorRecord           *record,
                       gboolean                replace,
                       GError                **error)
{
  g_autofree char *delete_sql = NULL;
  g_autofree char *insert_sql = NULL;
  GString *columns[N_SEARCH_COLUMNS];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (info->search_table == NULL)
    return TRUE;

  if (replace)
    {
      delete_sql = g_strdup_printf ("DELETE FROM %s WHERE rowid = ?1", info->search_table);
      stmt = _kontor_store_prepare (self, delete_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, kontor_record_get_rowid (record));
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;
    }

  insert_sql = g_strdup_printf ("INSERT INTO %s (rowid, name, company, email, phone, number, "
                                "notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                info->search_table);
  stmt = _kontor_store_prepare (self, insert_sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < N_SEARCH_COLUMNS; i++)
    columns[i] = g_string_new (NULL);
  info->search_document (self, record, columns);

  sqlite3_bind_int64 (stmt, 1, kontor_record_get_rowid (record));
  for (guint i = 0; i < N_SEARCH_COLUMNS; i++)
    sqlite3_bind_text (stmt, i + 2, columns[i]->str, columns[i]->len, SQLITE_TRANSIENT);

  ok = _kontor_store_step_done (self, stmt, error);

  for (guint i = 0; i < N_SEARCH_COLUMNS; i++)
    g_string_free (columns[i], TRUE);

  return ok;
}

static void
bind_sort_keys (KontorStore            *self,
                const KontorEntityInfo *info,
                KontorRecord           *record,
                sqlite3_stmt           *stmt,
                int                     first_column)
{
  char *texts[MAX_SORT_COLUMNS] = { NULL, };
  gboolean natural[MAX_SORT_COLUMNS] = { FALSE, };
  guint n = n_sort_columns (info);

  if (n == 0)
    return;

  info->sort_texts (self, record, texts, natural);
  for (guint i = 0; i < n; i++)
    {
      bind_sort_key (stmt, first_column + i, texts[i], natural[i]);
      g_free (texts[i]);
    }
}

static gboolean
write_sort_keys (KontorStore            *self,
                 const KontorEntityInfo *info,
                 KontorRecord           *record,
                 GError                **error)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  guint n = n_sort_columns (info);

  if (n == 0)
    return TRUE;

  sql = g_string_new (NULL);
  g_string_printf (sql, "UPDATE %s SET ", info->table);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s%s = ?%u", i > 0 ? ", " : "", info->sort_columns[i], i + 1);
  g_string_append_printf (sql, " WHERE rid = ?%u", n + 1);

  stmt = _kontor_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  bind_sort_keys (self, info, record, stmt, 1);
  sqlite3_bind_int64 (stmt, n + 1, kontor_record_get_rowid (record));

  return _kontor_store_step_done (self, stmt, error);
}

/* ------------------------------------------------------------------------ */
/* Load */

static KontorRecord *
load_record (KontorStore            *self,
             const KontorEntityInfo *info,
             const char             *where,
             const char             *id,
             gint64                  rowid,
             GError                **error)
{
  g_autofree char *sql = g_strconcat (info->select_sql, where, NULL);
  g_autoptr(KontorRecord) record = NULL;
  KontorRecordClass *klass;
  sqlite3_stmt *stmt;
  int result;
  int column;

  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (id != NULL)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, rowid);

  result = _kontor_store_step (self, stmt, error);
  if (result <= 0)
    {
      sqlite3_reset (stmt);
      if (result == 0)
        g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND,
                             _("The record no longer exists. It may have been deleted on "
                               "another computer."));
      return NULL;
    }

  record = g_object_new (info->get_type (), NULL);
  klass = KONTOR_RECORD_GET_CLASS (record);

  kontor_record_set_rowid (record, sqlite3_column_int64 (stmt, 0));
  kontor_record_set_id (record, (const char *) sqlite3_column_text (stmt, 1));
  kontor_record_set_created_at (record, sqlite3_column_int64 (stmt, 2));
  kontor_record_set_updated_at (record, sqlite3_column_int64 (stmt, 3));
  kontor_record_set_rev (record, sqlite3_column_int64 (stmt, 4));

  column = 5;
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];
      GValue value = G_VALUE_INIT;

      if (!is_column_field (field))
        continue;

      g_value_init (&value, kontor_field_value_type (field));
      read_value (stmt, column++, field, &value);
      kontor_record_take_value (record, i, &value);
    }
  if (info->load_derived != NULL)
    info->load_derived (record, stmt, column);
  sqlite3_reset (stmt);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];

      if (field->type == KONTOR_FIELD_TYPE_CHANNELS &&
          !load_channels (self, info, record, i, field, error))
        return NULL;
      if (field->type == KONTOR_FIELD_TYPE_REFS &&
          !load_links (self, info, record, i, field, error))
        return NULL;
    }

  return g_steal_pointer (&record);
}

/**
 * kontor_store_load:
 * @self: a store
 * @type: a #KontorRecord subtype
 * @id: the record's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (type KontorRecord): the record, or
 *   %NULL with %KONTOR_STORE_ERROR_NOT_FOUND
 */
gpointer
kontor_store_load (KontorStore  *self,
                   GType         type,
                   const char   *id,
                   GError      **error)
{
  const KontorEntityInfo *info;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  info = _kontor_entity_info_for_type (type);
  g_return_val_if_fail (info != NULL, NULL);

  return load_record (self, info, " WHERE t.id = ?1", id, 0, error);
}

/**
 * kontor_store_load_by_rowid:
 * @self: a store
 * @type: a #KontorRecord subtype
 * @rowid: the record's local row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (type KontorRecord): the record
 */
gpointer
kontor_store_load_by_rowid (KontorStore  *self,
                            GType         type,
                            gint64        rowid,
                            GError      **error)
{
  const KontorEntityInfo *info;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  info = _kontor_entity_info_for_type (type);
  g_return_val_if_fail (info != NULL, NULL);

  return load_record (self, info, " WHERE t.rid = ?1", NULL, rowid, error);
}

/* ------------------------------------------------------------------------ */
/* Insert, update, delete */

/* Removes the tombstone of @id. Returns 1 when there was one, 0 when not,
 * -1 on error. */
static int
forget_tombstone (KontorStore            *self,
                  const KontorEntityInfo *info,
                  const char             *id,
                  GError                **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "DELETE FROM tombstone WHERE entity = ?1 AND id = ?2",
                                              error);

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!_kontor_store_step_done (self, stmt, error))
    return -1;

  return sqlite3_changes (self->db) > 0 ? 1 : 0;
}

/* Inserts @record, giving it an id, row id and times. Inside a transaction. */
static gboolean
insert_record (KontorStore            *self,
               const KontorEntityInfo *info,
               KontorRecord           *record,
               GError                **error)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *company_name = NULL;
  sqlite3_stmt *stmt;
  int column = 5;

  if (kontor_record_get_id (record) == NULL)
    {
      g_autofree char *id = kontor_uuid_v7_new ();
      kontor_record_set_id (record, id);
    }
  if (kontor_record_get_created_at (record) == 0)
    kontor_record_set_created_at (record, now);
  kontor_record_set_updated_at (record, now);

  /* Derived values the sort keys and search document need */
  if (KONTOR_IS_CONTACT (record))
    {
      KontorContact *contact = KONTOR_CONTACT (record);

      company_name = lookup_company_name (self, kontor_contact_get_company_id (contact));
      kontor_contact_set_company_name (contact, company_name);
    }

  stmt = _kontor_store_prepare (self, info->insert_sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kontor_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, kontor_record_get_created_at (record));
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, kontor_record_get_rev (record));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (is_column_field (&klass->fields[i]))
        bind_value (stmt, column++, &klass->fields[i], kontor_record_get_value (record, i));
    }
  bind_sort_keys (self, info, record, stmt, column);

  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  kontor_record_set_rowid (record, sqlite3_last_insert_rowid (self->db));

  for (guint i = 0; i < klass->n_fields; i++)
    {
      /* Children of a new record travel inside its "create" entry. */
      if (klass->fields[i].type == KONTOR_FIELD_TYPE_CHANNELS &&
          !write_channels (self, info, record, NULL, i, FALSE, error))
        return FALSE;
      if (klass->fields[i].type == KONTOR_FIELD_TYPE_REFS &&
          !write_links (self, info, record, NULL, i, FALSE, error))
        return FALSE;
    }

  if (!write_search_document (self, info, record, FALSE, error))
    return FALSE;

  /* A pending "create" carries no values: the sync client sends the record
   * as stored when it pushes (the server has never seen it, so there is no
   * base to compare with). Later edits are in the row and in their own
   * entries; nothing is copied twice, and a deleted person's data is not
   * left behind in the outbox. */
  if (info->outbox)
    {
      int restored = forget_tombstone (self, info, kontor_record_get_id (record), error);

      /* undoing a delete brings the same record back: "restore" it */
      if (restored < 0 ||
          !_kontor_store_append_outbox (self, info->table, kontor_record_get_id (record),
                                        restored ? "restore" : "create", NULL, NULL, NULL, 0,
                                        error))
        return FALSE;
    }

  _kontor_store_note_change (self, info->table, kontor_record_get_rowid (record));

  return TRUE;
}

gboolean
_kontor_store_insert_record (KontorStore   *self,
                             KontorRecord  *record,
                             GError       **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));

  return insert_record (self, info, record, error);
}

static gint64
get_field_rev (KontorStore            *self,
               const KontorEntityInfo *info,
               gint64                  rowid,
               const char             *column,
               GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(json_extract(field_revs, ?1), 0) "
                                          "FROM %s WHERE rid = ?2", info->table);
  g_autofree char *path = g_strconcat ("$.", column, NULL);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  gint64 rev = -1;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rowid);
  if (_kontor_store_step (self, stmt, error) == 1)
    rev = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rev;
}

/* Writes what changed between @old and @record, field by field, each
 * stored field with its own outbox entry. Inside a transaction. */
static gboolean
update_record (KontorStore            *self,
               const KontorEntityInfo *info,
               KontorRecord           *record,
               KontorRecord           *old,
               GArray                 *changed,
               GError                **error)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GString) sql = g_string_new (NULL);
  gboolean search_changed = FALSE;
  sqlite3_stmt *stmt;
  int n = 1;

  kontor_record_set_rowid (record, kontor_record_get_rowid (old));

  if (KONTOR_IS_CONTACT (record))
    {
      g_autofree char *company_name =
        lookup_company_name (self, kontor_contact_get_company_id (KONTOR_CONTACT (record)));

      kontor_contact_set_company_name (KONTOR_CONTACT (record), company_name);
    }

  g_string_printf (sql, "UPDATE %s SET updated_at = ?1", info->table);
  for (guint i = 0; i < changed->len; i++)
    {
      const KontorField *field = &klass->fields[g_array_index (changed, guint, i)];

      if (is_column_field (field))
        g_string_append_printf (sql, ", %s = ?%d", field->column, ++n);
    }
  g_string_append_printf (sql, " WHERE rid = ?%d", ++n);

  stmt = _kontor_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  n = 1;
  for (guint i = 0; i < changed->len; i++)
    {
      guint index = g_array_index (changed, guint, i);
      const KontorField *field = &klass->fields[index];

      if (is_column_field (field))
        bind_value (stmt, ++n, field, kontor_record_get_value (record, index));
    }
  sqlite3_bind_int64 (stmt, ++n, kontor_record_get_rowid (record));
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  kontor_record_set_updated_at (record, now);

  for (guint i = 0; i < changed->len; i++)
    {
      guint index = g_array_index (changed, guint, i);
      const KontorField *field = &klass->fields[index];

      /* a contact's company name is part of its search document */
      search_changed |= (field->flags & KONTOR_FIELD_SEARCH) != 0 ||
                        (KONTOR_IS_CONTACT (record) && index == KONTOR_CONTACT_FIELD_COMPANY_ID);

      if (field->type == KONTOR_FIELD_TYPE_CHANNELS)
        {
          if (!write_channels (self, info, record, old, index, info->outbox, error))
            return FALSE;
        }
      else if (field->type == KONTOR_FIELD_TYPE_REFS)
        {
          if (!write_links (self, info, record, old, index, info->outbox, error))
            return FALSE;
        }
      else if (info->outbox && (field->flags & KONTOR_FIELD_STORED) != 0)
        {
          g_autofree char *value_json = value_to_json (field, kontor_record_get_value (record, index));
          g_autofree char *old_json = value_to_json (field, kontor_record_get_value (old, index));
          gint64 base_rev = get_field_rev (self, info, kontor_record_get_rowid (record),
                                           field->column, error);

          if (base_rev < 0 ||
              !_kontor_store_append_outbox (self, info->table, kontor_record_get_id (record),
                                            "update", field->column, value_json, old_json,
                                            base_rev, error))
            return FALSE;
        }
    }

  if (!write_sort_keys (self, info, record, error))
    return FALSE;
  if (search_changed && !write_search_document (self, info, record, TRUE, error))
    return FALSE;
  if (info->after_update != NULL && !info->after_update (self, record, changed, error))
    return FALSE;

  _kontor_store_note_change (self, info->table, kontor_record_get_rowid (record));

  return TRUE;
}

/* Re-derives the sort keys and search document of one contact, e.g. after
 * its company was renamed. Inside a transaction. */
static gboolean
refresh_contact_row (KontorStore  *self,
                     gint64        rowid,
                     GError      **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT);
  g_autoptr(KontorRecord) contact = load_record (self, info, " WHERE t.rid = ?1", NULL, rowid,
                                                 error);

  if (contact == NULL ||
      !write_sort_keys (self, info, contact, error) ||
      !write_search_document (self, info, contact, TRUE, error))
    return FALSE;

  _kontor_store_note_change (self, info->table, rowid);

  return TRUE;
}

/* Saves one record inside a transaction: insert when it is new, else the
 * changed fields. Sets *changed_anything. */
gboolean
_kontor_store_save_record (KontorStore   *self,
                           KontorRecord  *record,
                           gboolean      *changed_anything,
                           GError       **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));
  g_autoptr(KontorRecord) old = NULL;
  g_autoptr(GArray) changed = NULL;

  g_return_val_if_fail (info != NULL, FALSE);

  *changed_anything = FALSE;

  if (kontor_record_get_id (record) != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      old = load_record (self, info, " WHERE t.id = ?1", kontor_record_get_id (record), 0,
                         &local_error);
      if (old == NULL && !g_error_matches (local_error, KONTOR_STORE_ERROR,
                                           KONTOR_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (!kontor_record_validate (record, old, error) ||
      (info->check != NULL && !info->check (self, record, old, error)))
    return FALSE;

  if (old == NULL)
    {
      *changed_anything = TRUE;
      return insert_record (self, info, record, error);
    }

  changed = kontor_record_diff (old, record);
  if (changed->len == 0)
    return TRUE;

  *changed_anything = TRUE;

  return update_record (self, info, record, old, changed, error);
}

/**
 * kontor_store_save:
 * @self: a store
 * @record: a new record, or a changed copy of a stored one
 * @error: return location for a #GError
 *
 * Stores @record in one transaction: a new record (no id yet, or an id the
 * database does not have) is created; for a stored one every changed field
 * is written and gets its outbox entry. On success @record has its id, row
 * id and times, and ids for new e-mail addresses and phone numbers. On
 * failure nothing was written.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_save (KontorStore   *self,
                   KontorRecord  *record,
                   GError       **error)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_kontor_store_begin (self, error))
    return FALSE;

  if (!_kontor_store_save_record (self, record, &changed, error))
    {
      _kontor_store_rollback (self);
      return FALSE;
    }

  return _kontor_store_commit (self, error);
}

/**
 * kontor_store_save_all:
 * @self: a store
 * @records: (element-type KontorRecord): records to save, in order
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves all @records in one transaction (an import, the demo team): all of
 * them or, on an error or cancellation, none.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_save_all (KontorStore   *self,
                       GPtrArray     *records,
                       GCancellable  *cancellable,
                       GError       **error)
{
  gboolean bulk;
  gboolean ok = TRUE;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bulk = records->len > 1000;
  if (bulk)
    _kontor_store_exec (self, "PRAGMA cache_size = " G_STRINGIFY (KONTOR_STORE_BULK_CACHE_KIB),
                        NULL);

  if (!_kontor_store_begin (self, error))
    ok = FALSE;

  for (guint i = 0; ok && i < records->len; i++)
    {
      gboolean changed;

      if ((i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error)) ||
          !_kontor_store_save_record (self, g_ptr_array_index (records, i), &changed, error))
        {
          _kontor_store_rollback (self);
          ok = FALSE;
        }
    }

  if (ok)
    ok = _kontor_store_commit (self, error);

  if (bulk)
    {
      /* back to the small cache, and give the memory back */
      _kontor_store_exec (self, "PRAGMA cache_size = " G_STRINGIFY (KONTOR_STORE_CACHE_KIB), NULL);
      sqlite3_db_release_memory (self->db);
    }

  return ok;
}

static gboolean
drop_child_outbox (KontorStore  *self,
                   const char   *table,
                   const char   *owner_id,
                   GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (table == NULL)
    return TRUE;

  sql = g_strdup_printf ("DELETE FROM outbox WHERE state = 'pending' AND entity_id IN "
                         "(SELECT id FROM %s WHERE owner_id = ?1)", table);
  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * kontor_store_delete:
 * @self: a store
 * @record: a stored record
 * @error: return location for a #GError
 *
 * Deletes @record for good (FEATURES C9): its row, e-mail addresses,
 * phone numbers, links, search document and unsent outbox entries are
 * wiped; a tombstone (entity, id, time, revision, no personal data) and a
 * "delete" outbox entry tell other machines. One transaction. Then a purge
 * on a worker thread removes the words left in the search index and the
 * old pages in the write-ahead log (see kontor_store_purge()).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_delete_record (KontorStore   *self,
                             KontorRecord  *record,
                             GError       **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));
  const char *id = kontor_record_get_id (record);
  g_autoptr(KontorRecord) stored = NULL;
  g_autoptr(GArray) contacts = NULL;
  g_autofree char *sql = NULL;
  const char *user_id = NULL;
  sqlite3_stmt *stmt;

  g_assert (self->in_transaction);

  if (self->current_user != NULL)
    user_id = kontor_record_get_id (KONTOR_RECORD (self->current_user));

  stored = load_record (self, info, " WHERE t.id = ?1", id, 0, error);
  if (stored == NULL)
    return FALSE;

  if (info->check_delete != NULL && !info->check_delete (self, stored, error))
    return FALSE;

  /* link entries name the owner, so they go with the record's own */
  if (!_kontor_store_drop_outbox (self, id, error) ||
      !drop_child_outbox (self, info->channel_table, id, error))
    return FALSE;

  if (info->search_table != NULL)
    {
      g_autofree char *search_sql = g_strdup_printf ("DELETE FROM %s WHERE rowid = ?1",
                                                     info->search_table);

      stmt = _kontor_store_prepare (self, search_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, kontor_record_get_rowid (stored));
      if (!_kontor_store_step_done (self, stmt, error))
        return FALSE;
    }

  /* A company's contacts lose it (ON DELETE SET NULL): they must no
   * longer sort or be found by its name. */
  if (KONTOR_IS_COMPANY (record))
    {
      contacts = company_contact_rowids (self, id, error);
      if (contacts == NULL)
        return FALSE;
    }

  /* child rows go with ON DELETE CASCADE */
  sql = g_strdup_printf ("DELETE FROM %s WHERE rid = ?1", info->table);
  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kontor_record_get_rowid (stored));
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (contacts != NULL && !refresh_contact_rows (self, contacts, error))
    return FALSE;

  stmt = _kontor_store_prepare (self,
                                "UPDATE record_shadow SET values_json = NULL, deleted = 1 "
                                "WHERE entity = ?1 AND id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _kontor_store_prepare (self,
                                "INSERT OR REPLACE INTO tombstone (entity, id, deleted_at, "
                                "deleted_by, rev) VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 4, user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, kontor_record_get_rev (stored));
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (info->outbox &&
      !_kontor_store_append_outbox (self, info->table, id, "delete", NULL, NULL, NULL,
                                    kontor_record_get_rev (stored), error))
    return FALSE;

  /* The search index keeps a deleted document's words in its segments
   * until they are merged; the purge after the commit rewrites them. */
  if (info->search_table != NULL && !_kontor_store_mark_purge (self, error))
    return FALSE;

  _kontor_store_note_change (self, info->table, kontor_record_get_rowid (stored));

  return TRUE;
}

/**
 * kontor_store_delete:
 * @self: a store
 * @record: a stored record
 * @error: return location for a #GError
 *
 * Deletes @record for good (FEATURES C9): its row, e-mail addresses,
 * phone numbers, links, search document and unsent outbox entries are
 * wiped; a tombstone (entity, id, time, revision, no personal data) and a
 * "delete" outbox entry tell other machines. One transaction. Then a purge
 * on a worker thread removes the words left in the search index and the
 * old pages in the write-ahead log (see kontor_store_purge()).
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_delete (KontorStore   *self,
                     KontorRecord  *record,
                     GError       **error)
{
  const KontorEntityInfo *info;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_RECORD (record), FALSE);
  g_return_val_if_fail (kontor_record_get_id (record) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = _kontor_entity_info_for_type (G_OBJECT_TYPE (record));
  g_return_val_if_fail (info != NULL, FALSE);

  if (!_kontor_store_begin (self, error))
    return FALSE;

  if (!_kontor_store_delete_record (self, record, error))
    {
      _kontor_store_rollback (self);
      return FALSE;
    }

  if (!_kontor_store_commit (self, error))
    return FALSE;

  if (info->search_table != NULL)
    _kontor_store_purge_in_background (self);

  return TRUE;
}

typedef gboolean (*RecordWriter) (KontorStore            *self,
                                  const KontorEntityInfo *info,
                                  KontorRecord           *record,
                                  GError                **error);

/* Loads every record of @info's table and writes what @write derives from
 * it (search documents, sort keys), then tells the lists */
static gboolean
rewrite_each_record (KontorStore            *self,
                     const KontorEntityInfo *info,
                     RecordWriter            write,
                     GError                **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = g_strdup_printf ("SELECT rid FROM %s", info->table);
  sqlite3_stmt *stmt;
  int result;

  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  for (guint i = 0; i < rowids->len; i++)
    {
      g_autoptr(KontorRecord) record =
        load_record (self, info, " WHERE t.rid = ?1", NULL, g_array_index (rowids, gint64, i),
                     error);

      if (record == NULL || !write (self, info, record, error))
        return FALSE;
    }

  _kontor_store_note_change (self, info->table, 0);

  return TRUE;
}

static gboolean
write_new_search_document (KontorStore            *self,
                           const KontorEntityInfo *info,
                           KontorRecord           *record,
                           GError                **error)
{
  return write_search_document (self, info, record, FALSE, error);
}

/**
 * _kontor_store_rebuild_search:
 * @self: a store inside a transaction
 * @error: return location for a #GError
 *
 * Writes the search document of every contact anew (migration to version
 * 2, and after changes to what the document holds).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_rebuild_search (KontorStore  *self,
                              GError      **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT);

  return _kontor_store_exec (self, "DELETE FROM contact_search", error) &&
         rewrite_each_record (self, info, write_new_search_document, error);
}

/**
 * _kontor_store_rebuild_sort_keys:
 * @self: a store inside a transaction
 * @error: return location for a #GError
 *
 * Makes every sort key anew, after the locale's collation changed.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_rebuild_sort_keys (KontorStore  *self,
                                 GError      **error)
{
  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      if (n_sort_columns (&entities[e]) > 0 &&
          !rewrite_each_record (self, &entities[e], write_sort_keys, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _kontor_store_rank_all_contacts:
 * @self: a store inside a transaction
 * @error: return location for a #GError
 *
 * Gives every contact without a rank one after the ranked cards of its
 * column, in name order (migration to version 3). Ranks are presentational
 * and each machine orders its own board (SYNC.md §3.6), so no outbox.
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
                                        "SELECT max(rank) FROM contact WHERE pipeline_status_id IS ?1",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, column, -1, SQLITE_TRANSIENT);
          if (_kontor_store_step (self, stmt, error) == 1)
            rank = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
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
