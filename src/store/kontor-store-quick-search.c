/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* A few contacts and companies for a search outside the window (GNOME
 * Shell's, src/README.md "Shell search"): the same words find the same
 * records as the tables' search (kontor-store-query.c), but only the first
 * few are read, so it costs the same at 100 000 contacts as at 100. Main
 * thread, as every call on the store's connection. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-store-query.h"
#include "kontor-store-quick-search.h"

/* The contacts table's default: the inbox and the active ones, not the
 * archived (kontor-contacts-view.c, status_filters[0]) */
#define QUICK_SEARCH_STATUSES "(0, 1, 2)"

static gboolean
collect (KontorStore   *self,
         sqlite3_stmt  *stmt,
         GArray        *rowids,
         GError       **error)
{
  int result;

  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return result == 0;
}

/* The first @limit contacts whose search document matches @match: the
 * FTS5 hits in row id order, stopped at the limit (no sort of every hit,
 * which a one-letter prefix makes 100 000 of), then sorted by name */
static GPtrArray *
search_contacts (KontorStore  *self,
                 const char   *match,
                 guint         limit,
                 GError      **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  /* CROSS JOIN: from the hits to their rows, never a walk of the
   * contacts; MATERIALIZED: the limit before the sort (SQLite flattens a
   * plain subquery and sorts every hit first) */
  stmt = _kontor_store_prepare (self,
                                "WITH hits AS MATERIALIZED"
                                " (SELECT c.rid, c.sort_name FROM contact_search s"
                                " CROSS JOIN contact c ON c.rid = s.rowid"
                                " WHERE contact_search MATCH ?1"
                                " AND +c.status IN " QUICK_SEARCH_STATUSES
                                " LIMIT ?2)"
                                " SELECT rid FROM hits ORDER BY sort_name, rid",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (!collect (self, stmt, rowids, error))
    return NULL;

  return _kontor_store_load_rowids (self, _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT),
                                    rowids, error);
}

/* The companies table's search (kontor-store-query.c, build_company_query()):
 * name, customer number or city holding @text as typed; by name */
static GPtrArray *
search_companies (KontorStore  *self,
                  const char   *text,
                  guint         limit,
                  GError      **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *pattern = _kontor_store_dup_like_pattern (text);
  sqlite3_stmt *stmt;

  stmt = _kontor_store_prepare (self,
                                "SELECT rid FROM company"
                                " WHERE name LIKE ?1 ESCAPE '\\'"
                                " OR customer_number LIKE ?1 ESCAPE '\\'"
                                " OR city LIKE ?1 ESCAPE '\\'"
                                " ORDER BY sort_name, rid LIMIT ?2",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (!collect (self, stmt, rowids, error))
    return NULL;

  return _kontor_store_load_rowids (self, _kontor_entity_info_for_type (KONTOR_TYPE_COMPANY),
                                    rowids, error);
}

/**
 * kontor_store_quick_search:
 * @self: a store
 * @text: what was typed, words as in the tables' search
 * @limit: how many contacts and how many companies at most
 * @contacts: (out) (transfer full) (element-type KontorContact): the
 *   contacts found, by name
 * @companies: (out) (transfer full) (element-type KontorCompany): the
 *   companies found, by name
 * @error: return location for a #GError
 *
 * Finds a few contacts (by name, company, e-mail, phone, customer number,
 * notes: the contacts table's search, among the inbox and the active
 * contacts) and companies (by name, customer number or city: the companies
 * table's) for a search outside the window. Which @limit contacts of more
 * matching ones is not the first by name, but the first stored: a full
 * list sorted by name is the table's (src/README.md "Shell search").
 *
 * Returns: %TRUE on success; empty arrays when @text holds nothing to
 *   search for
 */
gboolean
kontor_store_quick_search (KontorStore  *self,
                           const char   *text,
                           guint         limit,
                           GPtrArray   **contacts,
                           GPtrArray   **companies,
                           GError      **error)
{
  g_autoptr(GPtrArray) found_contacts = NULL;
  g_autoptr(GPtrArray) found_companies = NULL;
  g_autofree char *match = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (contacts != NULL && companies != NULL, FALSE);

  match = _kontor_store_match_expression (text);
  stripped = g_strstrip (g_strdup (text));
  if (match == NULL || *stripped == '\0')
    {
      *contacts = g_ptr_array_new_with_free_func (g_object_unref);
      *companies = g_ptr_array_new_with_free_func (g_object_unref);
      return TRUE;
    }

  found_contacts = search_contacts (self, match, limit, error);
  if (found_contacts == NULL)
    return FALSE;
  found_companies = search_companies (self, stripped, limit, error);
  if (found_companies == NULL)
    return FALSE;

  *contacts = g_steal_pointer (&found_contacts);
  *companies = g_steal_pointer (&found_companies);

  return TRUE;
}
