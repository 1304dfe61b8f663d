/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* What the store derives from a record to sort and find it: the sort keys
 * in its row (collation keys made by kontor-text.c, so SQLite sorts by the
 * locale with a plain index) and its full-text search document, with
 * tokens of its own for phone numbers (src/README.md "Search"). The texts
 * come from the entity's hooks. Rebuilding them for every record is a step
 * of opening (kontor-store-migrations.c). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-channel.h"
#include "kontor-store-index.h"
#include "kontor-text.h"

guint
_kontor_entity_info_n_sort_columns (const KontorEntityInfo *info)
{
  guint n = 0;

  while (info->sort_columns[n] != NULL)
    n++;

  return n;
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

/* The full-text index keeps only letters and digits, so a whole number
 * ("+4930…") becomes "n4930…" and a digit group ("3012…") "g3012…"
 * (src/README.md "Search"). */
static void
append_phone_token (GString    *out,
                    const char *key)
{
  if (key[0] == '+')
    {
      g_string_append_c (out, 'n');
      g_string_append (out, key + 1);
    }
  else
    {
      g_string_append_c (out, 'g');
      g_string_append (out, key);
    }
}

/**
 * _kontor_store_phone_token:
 * @key: a key of kontor_phone_index_keys() or kontor_phone_query_key()
 *
 * Returns: (transfer full): the word of the search document for @key
 */
char *
_kontor_store_phone_token (const char *key)
{
  GString *token = g_string_new (NULL);

  append_phone_token (token, key);

  return g_string_free (token, FALSE);
}

/**
 * _kontor_store_append_phone_tokens:
 * @column: the phone column of a search document
 * @phones: (element-type KontorChannel) (nullable): phone numbers
 *
 * Appends the tokens of every key of @phones.
 */
void
_kontor_store_append_phone_tokens (GString   *column,
                                   GPtrArray *phones)
{
  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      const KontorChannel *phone = g_ptr_array_index (phones, i);
      g_auto(GStrv) keys = kontor_phone_index_keys (phone->value);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          if (column->len > 0)
            g_string_append_c (column, ' ');
          append_phone_token (column, keys[k]);
        }
    }
}

/**
 * _kontor_store_write_search_document:
 * @self: a store inside a transaction
 * @info: @record's entity
 * @record: a stored record
 * @replace: whether a document of @record may exist already
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when @info keeps no search documents)
 */
gboolean
_kontor_store_write_search_document (KontorStore            *self,
                                     const KontorEntityInfo *info,
                                     KontorRecord           *record,
                                     gboolean                replace,
                                     GError                **error)
{
  GString *columns[KONTOR_STORE_N_SEARCH_COLUMNS];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (info->search_table == NULL)
    return TRUE;

  if (replace &&
      !_kontor_store_delete_search_document (self, info, kontor_record_get_rowid (record), error))
    return FALSE;

  stmt = _kontor_store_prepare (self, info->search_insert_sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < KONTOR_STORE_N_SEARCH_COLUMNS; i++)
    columns[i] = g_string_new (NULL);
  info->search_document (self, record, columns);

  sqlite3_bind_int64 (stmt, 1, kontor_record_get_rowid (record));
  for (guint i = 0; i < KONTOR_STORE_N_SEARCH_COLUMNS; i++)
    sqlite3_bind_text (stmt, i + 2, columns[i]->str, columns[i]->len, SQLITE_TRANSIENT);

  ok = _kontor_store_step_done (self, stmt, error);

  for (guint i = 0; i < KONTOR_STORE_N_SEARCH_COLUMNS; i++)
    g_string_free (columns[i], TRUE);

  return ok;
}

/* Binds the sort keys of @record to @stmt, from column @first_column on. */
void
_kontor_store_bind_sort_keys (KontorStore            *self,
                              const KontorEntityInfo *info,
                              KontorRecord           *record,
                              sqlite3_stmt           *stmt,
                              int                     first_column)
{
  char *texts[KONTOR_STORE_MAX_SORT_COLUMNS] = { NULL, };
  gboolean natural[KONTOR_STORE_MAX_SORT_COLUMNS] = { FALSE, };
  guint n = _kontor_entity_info_n_sort_columns (info);

  if (n == 0)
    return;

  info->sort_texts (self, record, texts, natural);
  for (guint i = 0; i < n; i++)
    {
      bind_sort_key (stmt, first_column + i, texts[i], natural[i]);
      g_free (texts[i]);
    }
}

gboolean
_kontor_store_write_sort_keys (KontorStore            *self,
                               const KontorEntityInfo *info,
                               KontorRecord           *record,
                               GError                **error)
{
  sqlite3_stmt *stmt;
  guint n = _kontor_entity_info_n_sort_columns (info);

  if (n == 0)
    return TRUE;

  stmt = _kontor_store_prepare (self, info->sort_keys_sql, error);
  if (stmt == NULL)
    return FALSE;

  _kontor_store_bind_sort_keys (self, info, record, stmt, 1);
  sqlite3_bind_int64 (stmt, n + 1, kontor_record_get_rowid (record));

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_store_delete_search_document:
 * @self: a store inside a transaction
 * @info: an entity
 * @rowid: the row id of a record of @info
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when @info keeps no search documents)
 */
gboolean
_kontor_store_delete_search_document (KontorStore             *self,
                                      const KontorEntityInfo  *info,
                                      gint64                   rowid,
                                      GError                 **error)
{
  sqlite3_stmt *stmt;

  if (info->search_table == NULL)
    return TRUE;

  stmt = _kontor_store_prepare (self, info->search_delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_store_write_text_document:
 * @self: a store inside a transaction
 * @table: an FTS5 table whose last column is "folded" (activity_search,
 *   lead_entry_search)
 * @columns: its other columns, comma-separated ("subject, notes, files")
 * @rowid: the row id of the document's record
 * @texts: (array length=n_texts): the texts of @columns, each may be %NULL
 * @n_texts: how many, as many as @columns names
 * @error: return location for a #GError
 *
 * Replaces the search document of a record whose words are only texts,
 * an activity's or a lead entry's: its columns, and in "folded" their
 * German transliteration where it differs ("Müller" found as "mueller").
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_write_text_document (KontorStore         *self,
                                   const char          *table,
                                   const char          *columns,
                                   gint64               rowid,
                                   const char * const  *texts,
                                   guint                n_texts,
                                   GError             **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *folded = NULL;
  sqlite3_stmt *stmt;

  g_string_printf (sql, "DELETE FROM %s WHERE rowid = ?1", table);
  stmt = _kontor_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  g_string_printf (sql, "INSERT INTO %s (rowid, %s, folded) VALUES (?1", table, columns);
  for (guint i = 0; i <= n_texts; i++)
    g_string_append_printf (sql, ", ?%u", i + 2);
  g_string_append_c (sql, ')');
  stmt = _kontor_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  for (guint i = 0; i < n_texts; i++)
    {
      sqlite3_bind_text (stmt, i + 2, texts[i], -1, SQLITE_TRANSIENT);
      if (texts[i] != NULL)
        g_string_append_printf (all, "%s ", texts[i]);
    }
  folded = kontor_text_transliterate_de (all->str);
  sqlite3_bind_text (stmt, n_texts + 2, folded, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_store_rowid_of:
 * @self: a store inside a transaction
 * @table: @record's table
 * @record: a stored record
 * @error: return location for a #GError
 *
 * Returns: @record's row id, also of one the sync engine applied over the
 *   stored one, which may not carry it; -1 on an error
 */
gint64
_kontor_store_rowid_of (KontorStore   *self,
                        const char    *table,
                        KontorRecord  *record,
                        GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 rowid = kontor_record_get_rowid (record);

  if (rowid > 0)
    return rowid;
  sql = g_strdup_printf ("SELECT rid FROM %s WHERE id = ?1", table);
  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, kontor_record_get_id (record), -1, SQLITE_TRANSIENT);

  return _kontor_store_step_one (self, stmt, &rowid, NULL, error) < 0 ? -1 : rowid;
}
