/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The floor of the leanest layout the store could have for its contacts
 * (src/README.md "Where the bytes go"), to tell what the insert target of
 * bench-store can be at all: everything the README names as a cut that
 * changes what the sync engine reads is made here, and SQLite copies the
 * store's own contacts into it with one INSERT … SELECT per table, no C
 * code of the store running:
 *
 *   - ids (the contact's, its company's, pipeline status', team's, the
 *     links' targets) as 16-byte blobs instead of 36-byte texts;
 *   - e-mail addresses and phone numbers in the contact's row, a JSON
 *     array with their ids, instead of a row each and an index;
 *   - links to users and teams known by the contact's row id;
 *   - one outbox entry for the whole import instead of one per contact;
 *   - the phone keys in a search table of their own, without prefix
 *     indexes or positions (FTS5 detail=none), instead of as words of the
 *     document with three prefix indexes.
 *
 * What stays is what other targets need: the contact rows with their sort
 * keys, the list-order indexes (sorting, ≤ 100 ms) made at the end, the
 * unique ids and customer numbers, the search document with its
 * transliterations (search as you type) and the phone keys (phone search).
 *
 * The conversion (ids to blobs, channels to JSON) is done beforehand, in
 * a staging database, and is not timed. */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <sqlite3.h>

#include "bench-lean-layout.h"
#include "kontor-bench.h"
#include "kontor-store-private.h"

static void
check (sqlite3    *db,
       int         rc,
       const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  check (db, sqlite3_exec (db, sql, NULL, NULL, NULL), sql);
}

/* uuid_blob(text): the 16 bytes of a UUID written as text, or NULL */
static void
uuid_blob (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  guint8 bytes[16];
  guint n = 0;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  for (const char *p = text; *p != '\0' && n < 2 * sizeof bytes; p++)
    {
      int digit = g_ascii_xdigit_value (*p);

      if (digit < 0)
        continue;
      if (n % 2 == 0)
        bytes[n / 2] = digit << 4;
      else
        bytes[n / 2] |= digit;
      n++;
    }
  if (n != 2 * sizeof bytes)
    {
      sqlite3_result_error (context, "not a UUID", -1);
      return;
    }

  sqlite3_result_blob (context, bytes, sizeof bytes, SQLITE_TRANSIENT);
}

/* the columns of the store's contact table that hold ids of records */
static gboolean
is_id_column (const char *name)
{
  static const char *columns[] = {
    "id", "company_id", "pipeline_status_id", "assigned_team_id", NULL,
  };

  return g_strv_contains (columns, name);
}

/* The store's contact rows with ids as blobs and their channels as JSON,
 * the links by row id, and the search documents split, in @staging */
static void
make_staging (sqlite3 *db)
{
  g_autoptr(GString) select = g_string_new ("CREATE TABLE staging.contact AS SELECT ");
  sqlite3_stmt *stmt = NULL;
  gboolean first = TRUE;

  check (db, sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info('contact', 'src')",
                                 -1, &stmt, NULL), "columns");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!first)
        g_string_append (select, ", ");
      if (is_id_column (name))
        g_string_append_printf (select, "uuid_blob(c.%s) AS %s", name, name);
      else
        g_string_append_printf (select, "c.%s", name);
      first = FALSE;
    }
  sqlite3_finalize (stmt);
  g_string_append (select,
                   ", (SELECT json_group_array(json_object('id', ch.id, 'kind', ch.kind, "
                   "'label', ch.label, 'value', ch.value)) FROM "
                   "(SELECT * FROM src.contact_channel WHERE owner_id = c.id "
                   " ORDER BY kind, position) AS ch) AS channels "
                   "FROM src.contact c ORDER BY c.rid");
  exec (db, select->str);
  exec (db, "CREATE TABLE staging.link AS "
            "SELECT c.rid AS owner_rid, l.kind, uuid_blob(l.target_id) AS target_id, l.position "
            "FROM src.contact_link l JOIN src.contact c ON c.id = l.owner_id "
            "ORDER BY c.rid, l.kind, l.target_id");
  exec (db, "CREATE TABLE staging.document AS SELECT * FROM src.contact_search_content "
            "ORDER BY id");
}

/* CREATE TABLE for the lean contact rows: the store's columns, ids as
 * blobs, and the channels */
static char *
lean_contact_table (sqlite3 *db)
{
  g_autoptr(GString) create = g_string_new ("CREATE TABLE main.contact (");
  sqlite3_stmt *stmt = NULL;

  check (db, sqlite3_prepare_v2 (db, "SELECT name, type FROM pragma_table_info('contact', 'src')",
                                 -1, &stmt, NULL), "columns");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *type = (const char *) sqlite3_column_text (stmt, 1);

      if (g_str_equal (name, "rid"))
        g_string_append (create, "rid INTEGER PRIMARY KEY");
      else if (g_str_equal (name, "id"))
        g_string_append (create, ", id BLOB NOT NULL UNIQUE");
      else if (g_str_equal (name, "customer_number"))
        g_string_append (create, ", customer_number TEXT UNIQUE");
      else
        g_string_append_printf (create, ", %s %s", name, is_id_column (name) ? "BLOB" : type);
    }
  sqlite3_finalize (stmt);
  g_string_append (create, ", channels TEXT NOT NULL DEFAULT '[]')");

  return g_string_free (g_steal_pointer (&create), FALSE);
}

double
bench_lean_layout_floor (const char         *path,
                         const char         *staging_path,
                         const char         *store_path,
                         const char         *pragmas,
                         const char * const *order_indexes)
{
  g_autoptr(GPtrArray) index_sql = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS src; ATTACH '%s' AS staging",
                                             store_path, staging_path);
  g_autofree char *contact_table = NULL;
  g_autofree char *setup = g_strconcat (pragmas, "PRAGMA cache_size = "
                                        G_STRINGIFY (KONTOR_STORE_BULK_CACHE_KIB) ";", NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  double start, rows, indexes, end;

  check (db, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                              SQLITE_OPEN_NOMUTEX, NULL), "open");
  check (db, sqlite3_create_function (db, "uuid_blob", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                      NULL, uuid_blob, NULL, NULL), "uuid_blob");
  exec (db, setup);
  exec (db, attach);
  make_staging (db);

  /* the list-order indexes as the store has them, made at the end */
  check (db, sqlite3_prepare_v2 (db, "SELECT sql FROM src.sqlite_master WHERE name = ?1",
                                 -1, &stmt, NULL), "indexes");
  for (guint i = 0; order_indexes[i] != NULL; i++)
    {
      sqlite3_bind_text (stmt, 1, order_indexes[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (index_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  contact_table = lean_contact_table (db);
  exec (db, contact_table);
  /* the indexes the store keeps during an import */
  exec (db, "CREATE INDEX main.contact_company ON contact (company_id);"
            "CREATE INDEX main.contact_pipeline ON contact "
            "  (pipeline_status_id, rank, sort_name, rid, status);"
            "CREATE TABLE main.contact_link ("
            "  owner_rid INTEGER NOT NULL, kind INTEGER NOT NULL, target_id BLOB NOT NULL,"
            "  position INTEGER NOT NULL DEFAULT 0, rev INTEGER NOT NULL DEFAULT 0,"
            "  PRIMARY KEY (owner_rid, kind, target_id)) WITHOUT ROWID;"
            "CREATE VIRTUAL TABLE main.contact_search USING fts5 ("
            "  name, company, email, number, notes,"
            "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
            "CREATE VIRTUAL TABLE main.contact_phone_search USING fts5 ("
            "  phone, tokenize = 'ascii', detail = none);"
            "CREATE TABLE main.outbox ("
            "  client_seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL,"
            "  entity_id TEXT, op TEXT NOT NULL, value_json TEXT, created_at INTEGER NOT NULL);");

  start = kontor_bench_now_ms ();
  exec (db, "BEGIN IMMEDIATE");
  exec (db, "INSERT INTO main.contact SELECT * FROM staging.contact");
  exec (db, "INSERT INTO main.contact_link (owner_rid, kind, target_id, position) "
            "SELECT * FROM staging.link");
  exec (db, "INSERT INTO main.contact_search (rowid, name, company, email, number, notes) "
            "SELECT id, c0, c1, c2, c4, c5 FROM staging.document");
  exec (db, "INSERT INTO main.contact_phone_search (rowid, phone) "
            "SELECT id, c3 FROM staging.document WHERE c3 <> ''");
  exec (db, "INSERT INTO main.outbox (entity, op, value_json, created_at) "
            "SELECT 'contact', 'create', json_array(min(rid), max(rid)), 0 FROM main.contact");
  rows = kontor_bench_now_ms ();
  for (guint i = 0; i < index_sql->len; i++)
    exec (db, g_ptr_array_index (index_sql, i));
  indexes = kontor_bench_now_ms ();
  exec (db, "COMMIT");
  end = kontor_bench_now_ms ();
  kontor_bench_log ("leanest layout: rows %.2f s, order indexes %.2f s, commit %.2f s",
                    (rows - start) / 1000, (indexes - rows) / 1000, (end - indexes) / 1000);

  sqlite3_close (db);

  return (end - start) / 1000.0;
}
