/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Store figures for src/README.md "Performance targets", no display needed:
 *
 *   insert   100k demo contacts through kontor_store_save_all() (one
 *            transaction) against the same rows inserted with plain sqlite3
 *            into one table plus an FTS5 table with the same tokenizer;
 *            beside it the store's rows copied by SQLite into the same
 *            schema, and into the leanest layout (bench-lean-layout.c);
 *   search   "search as you type" queries through kontor_store_query_rowids()
 *            against the bare FTS5 query returning all matching ids; the
 *            phone queries alone too;
 *   shell    the same queries through kontor_store_quick_search(), GNOME
 *            Shell's search (5 contacts and 5 companies, loaded), against
 *            the same bare query;
 *   sort     the query of every order the contacts table offers;
 *   filter   combinations of the advanced filter's criteria (sales rep,
 *            team, groups static and dynamic, date ranges, birthday month)
 *            through kontor_store_query_rowids() without a kept order,
 *            against each as one hand-written query on the same database;
 *   list     a KontorRecordList over all contacts with its first screen
 *            materialised: time, and RSS in a fresh process;
 *   upgrade  opening a copy of the database given the layout of schema 5,
 *            against making the list-order indexes of the same rows.
 *
 * Prints one JSON object on stdout, progress on stderr. Asserts nothing
 * about time. KONTOR_BENCH_CONTACTS (default 100000) and KONTOR_BENCH_RUNS
 * (default 5) make it quick to smoke-test; KONTOR_BENCH_KEEP=1 keeps the
 * databases (the path is on stderr); KONTOR_BENCH_PROFILE=1 prints where
 * the store's insert spends its time, per SQL statement. Run by
 * `meson test -C build --suite bench`. */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "bench-lean-layout.h"
#include "kontor-bench.h"
#include "kontor-bulk-change.h"
#include "kontor-channel.h"
#include "kontor-demo.h"
#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-record-list.h"
#include "kontor-store-private.h"
#include "kontor-store-quick-search.h"
#include "kontor-test-utils.h"
#include "kontor-text.h"

/* Rows of the table's first screen: a 1200×800 window shows ~25. (GTK
 * 4.8's list view binds ~200 rows around its anchor whatever its height;
 * bench-ui measures what that costs.) */
#define FIRST_SCREEN_ROWS 50

/* what GNOME Shell's search asks for (kontor-search-provider.h, which is
 * the UI's: the same number) */
#define KONTOR_BENCH_SHELL_LIMIT 5

/* what the contacts view shows when it opens: "Current Contacts" */
#define VIEW_STATUSES (KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) | KONTOR_STATUS_MASK_ACTIVE)

/* What a person types into the search field, keystroke by keystroke:
 * German surnames and first names, the way people misspell umlauts, two
 * words, company words, phone numbers in several notations, e-mail
 * addresses and customer numbers; operators, phrases and "not", each
 * with words (the bare query has the words, not the criteria). */
static const char *search_queries[] = {
  "M", "Mü", "Mül", "Müll", "Mülle", "Müller", "muller", "mueller",
  "S", "Sc", "Sch", "Schm", "Schmi", "Schmid", "Schmidt",
  "We", "Web", "Weber", "Wag", "Wagner", "Beck", "Hoffm", "Schä", "schaef", "Kö", "koehler",
  "a", "an", "ann", "anna", "bjoe", "Björ", "jür", "jurgen", "Stef", "Kath",
  "anna mül", "anna müller", "thomas sch", "m s", "peter k",
  "GmbH", "Gmb", "AG", "Bau", "Techn", "Logist", "Müller GmbH",
  "+49 30", "030 12", "0170", "+49 (0)170", "089 4", "4930",
  "0049 30", "(030) 1", "030/12", "+49 30 12", "30 12", "+49 (0)163 3", "Müller 030",
  "anna.m", "info@", "mueller@", "gmx.de",
  "K-2019-000", "K-2023-00", "K-2021-0001", "K-",
  "Messe", "Angebot",
  /* operators, phrases and "not" (feature X10) */
  "\"Müller GmbH\"", "anna -mül", "firma:Müller", "status:kunde mül", "fällig:überfällig sch",
};

/* ------------------------------------------------------------------------ */
/* The bare lower bound: the same contacts as plain text rows */

enum {
  BARE_ID,
  BARE_TITLE,
  BARE_FIRST_NAME,
  BARE_LAST_NAME,
  BARE_JOB_TITLE,
  BARE_COMPANY,
  BARE_EMAILS,
  BARE_PHONES,
  BARE_STREET,
  BARE_POSTAL_CODE,
  BARE_CITY,
  BARE_COUNTRY,
  BARE_NOTES,
  BARE_BIRTHDAY,
  BARE_CUSTOMER_NUMBER,
  BARE_SEARCH_NAME,
  N_BARE_TEXTS
};

typedef struct
{
  char   *texts[N_BARE_TEXTS];
  gint64  created_at;
  int     status;
  int     is_lead;
} BareRow;

static void
bare_row_clear (gpointer data)
{
  BareRow *row = data;

  for (guint i = 0; i < N_BARE_TEXTS; i++)
    g_free (row->texts[i]);
}

static char *
join_channels (GPtrArray *channels)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const KontorChannel *channel = g_ptr_array_index (channels, i);

      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, channel->value);
    }

  return g_string_free (joined, FALSE);
}

static char *
join_words (const char *a,
            const char *b,
            const char *c)
{
  const char *words[] = { a, b, c };
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (words[i] == NULL)
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, words[i]);
    }

  return g_string_free (joined, FALSE);
}

/* The contacts' texts as a person typed them, before the store touches
 * the records; company names are looked up here, not in SQL. */
static GArray *
make_bare_rows (GPtrArray *others,
                GPtrArray *contacts)
{
  g_autoptr(GHashTable) company_names = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (BareRow), contacts->len);

  g_array_set_clear_func (rows, bare_row_clear);

  for (guint i = 0; i < others->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (others, i);

      if (KONTOR_IS_COMPANY (record))
        g_hash_table_insert (company_names, (gpointer) kontor_record_get_id (record),
                             (gpointer) kontor_company_get_name (KONTOR_COMPANY (record)));
    }

  g_array_set_size (rows, contacts->len);
  for (guint i = 0; i < contacts->len; i++)
    {
      KontorContact *contact = g_ptr_array_index (contacts, i);
      BareRow *row = &g_array_index (rows, BareRow, i);
      const char *company_id = kontor_contact_get_company_id (contact);

      row->texts[BARE_ID] = g_strdup (kontor_record_get_id (KONTOR_RECORD (contact)));
      row->texts[BARE_TITLE] = g_strdup (kontor_contact_get_title (contact));
      row->texts[BARE_FIRST_NAME] = g_strdup (kontor_contact_get_first_name (contact));
      row->texts[BARE_LAST_NAME] = g_strdup (kontor_contact_get_last_name (contact));
      row->texts[BARE_JOB_TITLE] = g_strdup (kontor_contact_get_job_title (contact));
      row->texts[BARE_COMPANY] =
        g_strdup (company_id != NULL ? g_hash_table_lookup (company_names, company_id) : NULL);
      row->texts[BARE_EMAILS] = join_channels (kontor_contact_get_emails (contact));
      row->texts[BARE_PHONES] = join_channels (kontor_contact_get_phones (contact));
      row->texts[BARE_STREET] = g_strdup (kontor_contact_get_street (contact));
      row->texts[BARE_POSTAL_CODE] = g_strdup (kontor_contact_get_postal_code (contact));
      row->texts[BARE_CITY] = g_strdup (kontor_contact_get_city (contact));
      row->texts[BARE_COUNTRY] = g_strdup (kontor_contact_get_country (contact));
      row->texts[BARE_NOTES] = g_strdup (kontor_contact_get_notes (contact));
      row->texts[BARE_BIRTHDAY] = g_strdup (kontor_contact_get_birthday (contact));
      row->texts[BARE_CUSTOMER_NUMBER] = g_strdup (kontor_contact_get_customer_number (contact));
      row->texts[BARE_SEARCH_NAME] = join_words (kontor_contact_get_title (contact),
                                                 kontor_contact_get_first_name (contact),
                                                 kontor_contact_get_last_name (contact));
      row->created_at = kontor_record_get_created_at (KONTOR_RECORD (contact));
      row->status = kontor_contact_get_status (contact);
      row->is_lead = kontor_contact_get_is_lead (contact);
    }

  return rows;
}

static void
check_sqlite (sqlite3    *db,
              int         rc,
              const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

/* after the store's pragmas (store_pragmas ()) */
static const char bare_schema[] =
  "CREATE TABLE contact ("
  "  rid INTEGER PRIMARY KEY, id TEXT NOT NULL, created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL, title TEXT, first_name TEXT, last_name TEXT,"
  "  job_title TEXT, company TEXT, emails TEXT, phones TEXT, street TEXT,"
  "  postal_code TEXT, city TEXT, country TEXT, notes TEXT, birthday TEXT,"
  "  customer_number TEXT, status INTEGER NOT NULL, is_lead INTEGER NOT NULL);"
  "CREATE VIRTUAL TABLE contact_search USING fts5 ("
  "  name, company, email, phone, number, notes,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');";

/* The connection settings the store chose (WAL, synchronous, page
 * cache …), as SQL to give the bare database the same. */
static char *
store_pragmas (KontorStore *store)
{
  static const char *names[] = { "journal_mode", "synchronous", "foreign_keys", "cache_size", "mmap_size" };
  sqlite3 *db = _kontor_store_get_db (store);
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *query = g_strdup_printf ("PRAGMA %s", names[i]);
      sqlite3_stmt *stmt = NULL;

      check_sqlite (db, sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), query);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (sql, "PRAGMA %s = %s;", names[i],
                                (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }

  return g_string_free (sql, FALSE);
}

/* Returns: seconds for BEGIN … COMMIT of all @rows */
static double
insert_bare (const char *path,
             const char *pragmas,
             GArray     *rows)
{
  static const int contact_columns[] = {
    BARE_ID, BARE_TITLE, BARE_FIRST_NAME, BARE_LAST_NAME, BARE_JOB_TITLE, BARE_COMPANY,
    BARE_EMAILS, BARE_PHONES, BARE_STREET, BARE_POSTAL_CODE, BARE_CITY, BARE_COUNTRY,
    BARE_NOTES, BARE_BIRTHDAY, BARE_CUSTOMER_NUMBER,
  };
  static const int search_columns[] = {
    BARE_SEARCH_NAME, BARE_COMPANY, BARE_EMAILS, BARE_PHONES, BARE_CUSTOMER_NUMBER, BARE_NOTES,
  };
  sqlite3 *db = NULL;
  sqlite3_stmt *insert_contact = NULL;
  sqlite3_stmt *insert_search = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double start, seconds;

  check_sqlite (db, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                     SQLITE_OPEN_NOMUTEX, NULL), "open");
  check_sqlite (db, sqlite3_exec (db, pragmas, NULL, NULL, NULL), pragmas);
  check_sqlite (db, sqlite3_exec (db, bare_schema, NULL, NULL, NULL), "schema");
  check_sqlite (db, sqlite3_prepare_v2 (db,
                                        "INSERT INTO contact (rid, id, title, first_name, "
                                        "last_name, job_title, company, emails, phones, "
                                        "street, postal_code, city, country, notes, birthday, "
                                        "customer_number, created_at, updated_at, status, "
                                        "is_lead) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                        "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                                        -1, &insert_contact, NULL), "prepare contact");
  check_sqlite (db, sqlite3_prepare_v2 (db,
                                        "INSERT INTO contact_search (rowid, name, company, "
                                        "email, phone, number, notes) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                        -1, &insert_search, NULL), "prepare search");

  start = kontor_bench_now_ms ();
  check_sqlite (db, sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
  for (guint i = 0; i < rows->len; i++)
    {
      const BareRow *row = &g_array_index (rows, BareRow, i);
      gint64 rid = i + 1;
      int column = 1;

      sqlite3_bind_int64 (insert_contact, column++, rid);
      for (guint c = 0; c < G_N_ELEMENTS (contact_columns); c++)
        sqlite3_bind_text (insert_contact, column++, row->texts[contact_columns[c]], -1,
                           SQLITE_STATIC);
      sqlite3_bind_int64 (insert_contact, column++, row->created_at);
      sqlite3_bind_int64 (insert_contact, column++, now);
      sqlite3_bind_int (insert_contact, column++, row->status);
      sqlite3_bind_int (insert_contact, column++, row->is_lead);
      check_sqlite (db, sqlite3_step (insert_contact), "insert contact");
      sqlite3_reset (insert_contact);

      sqlite3_bind_int64 (insert_search, 1, rid);
      for (guint c = 0; c < G_N_ELEMENTS (search_columns); c++)
        sqlite3_bind_text (insert_search, c + 2, row->texts[search_columns[c]], -1,
                           SQLITE_STATIC);
      check_sqlite (db, sqlite3_step (insert_search), "insert search");
      sqlite3_reset (insert_search);
    }
  check_sqlite (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), "commit");
  seconds = (kontor_bench_now_ms () - start) / 1000.0;

  sqlite3_finalize (insert_contact);
  sqlite3_finalize (insert_search);
  sqlite3_close (db);

  return seconds;
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static char *
numbers_array (double a,
               double b)
{
  GString *json = g_string_new ("[");

  kontor_bench_json_append_number (json, a);
  g_string_append (json, ", ");
  kontor_bench_json_append_number (json, b);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* whether @name is one of the tables a full-text table keeps its index
 * in: @virtual_tables holds their prefixes ("contact_search_") */
static gboolean
is_shadow_table (GPtrArray  *virtual_tables,
                 const char *name)
{
  for (guint i = 0; i < virtual_tables->len; i++)
    {
      if (g_str_has_prefix (name, g_ptr_array_index (virtual_tables, i)))
        return TRUE;
    }

  return FALSE;
}

/* The floor of the store's layout: the contact rows, e-mail and phone
 * rows, links, search documents and outbox entries the store wrote, copied
 * by SQLite itself (one INSERT … SELECT per table, in row order) into a
 * fresh database of the same schema, the list-order indexes made at the
 * end as the store's import does. None of the store's C code runs: this
 * against the bare insert is what the layout alone costs (src/README.md
 * "Where the bytes go").
 *
 * Returns: seconds for BEGIN … COMMIT of the contacts' rows */
static double
insert_layout_floor (const char *path,
                     const char *store_path,
                     const char *pragmas)
{
  /* and the employer history and group members, which refer to contacts
   * and are not copied */
  static const char *contact_tables[] = {
    "contact", "contact_channel", "contact_link", "contact_search", "outbox", "employment",
    "contact_group_member", NULL,
  };
  static const char *copies[] = {
    "INSERT INTO main.contact SELECT * FROM src.contact ORDER BY rid",
    "INSERT INTO main.contact_channel SELECT * FROM src.contact_channel",
    "INSERT INTO main.contact_link SELECT * FROM src.contact_link",
    "INSERT INTO main.contact_search (rowid, name, company, email, phone, number, notes) "
    "SELECT * FROM src.contact_search_content ORDER BY id",
    "INSERT INTO main.outbox SELECT * FROM src.outbox WHERE entity = 'contact' "
    "ORDER BY client_seq",
  };
  g_autoptr(GPtrArray) virtual_tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) order_indexes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) setup = g_string_new (pragmas);
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS src", store_path);
  const KontorEntityInfo *info = _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  double start, seconds;

  check_sqlite (db, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                     SQLITE_OPEN_NOMUTEX, NULL), "open");
  /* the page cache of the store's import */
  g_string_append (setup, "PRAGMA cache_size = " G_STRINGIFY (KONTOR_STORE_BULK_CACHE_KIB) ";");
  check_sqlite (db, sqlite3_exec (db, setup->str, NULL, NULL, NULL), setup->str);
  check_sqlite (db, sqlite3_exec (db, attach, NULL, NULL, NULL), attach);

  /* the same schema; full-text tables make their own shadow tables, and
   * the list orders are indexed at the end */
  check_sqlite (db, sqlite3_prepare_v2 (db, "SELECT name, sql FROM src.sqlite_master "
                                            "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite%' "
                                            "ORDER BY type = 'index', rowid",
                                        -1, &stmt, NULL), "schema");
  check_sqlite (db, sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), "begin");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      if (is_shadow_table (virtual_tables, name))
        continue;
      if (g_str_has_prefix (sql, "CREATE VIRTUAL TABLE"))
        g_ptr_array_add (virtual_tables, g_strconcat (name, "_", NULL));
      if (g_strv_contains (info->order_indexes, name))
        {
          g_ptr_array_add (order_indexes, g_strdup (sql));
          continue;
        }
      check_sqlite (db, sqlite3_exec (db, sql, NULL, NULL, NULL), sql);
    }
  sqlite3_finalize (stmt);

  /* what the contacts refer to is there before, as in the store */
  check_sqlite (db, sqlite3_exec (db, "DELETE FROM main.pipeline_status", NULL, NULL, NULL),
                "statuses");
  check_sqlite (db, sqlite3_prepare_v2 (db, "SELECT name FROM src.sqlite_master "
                                            "WHERE type = 'table' AND sql IS NOT NULL "
                                            "AND name NOT LIKE 'sqlite%' "
                                            "AND sql NOT LIKE 'CREATE VIRTUAL%' "
                                            "AND name IN (SELECT name FROM main.sqlite_master)",
                                        -1, &stmt, NULL), "tables");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *copy = NULL;

      if (g_strv_contains (contact_tables, name) || is_shadow_table (virtual_tables, name))
        continue;
      copy = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM src.%s", name, name);
      check_sqlite (db, sqlite3_exec (db, copy, NULL, NULL, NULL), copy);
    }
  sqlite3_finalize (stmt);
  check_sqlite (db, sqlite3_exec (db, "INSERT INTO main.outbox SELECT * FROM src.outbox "
                                      "WHERE entity <> 'contact'; COMMIT", NULL, NULL, NULL),
                "others");

  start = kontor_bench_now_ms ();
  check_sqlite (db, sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    check_sqlite (db, sqlite3_exec (db, copies[i], NULL, NULL, NULL), copies[i]);
  for (guint i = 0; i < order_indexes->len; i++)
    check_sqlite (db, sqlite3_exec (db, g_ptr_array_index (order_indexes, i), NULL, NULL, NULL),
                  g_ptr_array_index (order_indexes, i));
  check_sqlite (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), "commit");
  seconds = (kontor_bench_now_ms () - start) / 1000.0;

  sqlite3_close (db);

  return seconds;
}

/* ------------------------------------------------------------------------ */
/* Through the store */

/* KONTOR_BENCH_PROFILE=1: where an insert spends its time, per SQL
 * statement (sqlite3_trace_v2 SQLITE_TRACE_PROFILE), printed on stderr. */
typedef struct
{
  char   *sql;
  guint   count;
  gint64  nanoseconds;
} StatementTime;

static int
on_profile (unsigned  type,
            void     *data,
            void     *p,
            void     *x)
{
  GHashTable *statements = data;
  const char *sql = sqlite3_sql (p);
  StatementTime *time;

  if (sql == NULL)
    return 0;

  time = g_hash_table_lookup (statements, sql);
  if (time == NULL)
    {
      time = g_new0 (StatementTime, 1);
      time->sql = g_strdup (sql);
      g_hash_table_insert (statements, time->sql, time);
    }
  time->count++;
  time->nanoseconds += *(sqlite3_int64 *) x;

  return 0;
}

static void
statement_time_free (gpointer data)
{
  StatementTime *time = data;

  g_free (time->sql);
  g_free (time);
}

static int
compare_statement_times (gconstpointer a,
                         gconstpointer b)
{
  const StatementTime *x = *(StatementTime **) a;
  const StatementTime *y = *(StatementTime **) b;

  return x->nanoseconds < y->nanoseconds ? 1 : x->nanoseconds > y->nanoseconds ? -1 : 0;
}

static GHashTable *
profile_start (sqlite3 *db)
{
  GHashTable *statements;

  if (g_getenv ("KONTOR_BENCH_PROFILE") == NULL)
    return NULL;

  statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, statement_time_free);
  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, on_profile, statements);

  return statements;
}

static void
profile_report (sqlite3    *db,
                GHashTable *statements,
                const char *what,
                double      total_s)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  double sql_s = 0;

  if (statements == NULL)
    return;

  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_hash_table_iter_init (&iter, statements);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_statement_times);
  for (guint i = 0; i < sorted->len; i++)
    sql_s += ((StatementTime *) g_ptr_array_index (sorted, i))->nanoseconds / 1e9;

  kontor_bench_log ("profile of %s: %.3f s, of which SQL %.3f s:", what, total_s, sql_s);
  for (guint i = 0; i < sorted->len && i < 30; i++)
    {
      StatementTime *time = g_ptr_array_index (sorted, i);

      kontor_bench_log ("  %8.3f s %7u× %.110s", time->nanoseconds / 1e9, time->count,
                        time->sql);
    }
  g_hash_table_unref (statements);
}

static double
save_all_seconds (KontorStore *store,
                  GPtrArray   *records)
{
  g_autoptr(GError) error = NULL;
  GHashTable *profile = profile_start (_kontor_store_get_db (store));
  double start = kontor_bench_now_ms ();
  double seconds;

  if (!kontor_store_save_all (store, records, NULL, &error))
    g_error ("Saving %u records failed: %s", records->len, error->message);
  seconds = (kontor_bench_now_ms () - start) / 1000.0;

  profile_report (_kontor_store_get_db (store), profile, "kontor_store_save_all", seconds);

  return seconds;
}

static double
file_mb (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return 0;

  return buf.st_size / (1024.0 * 1024.0);
}

/* ------------------------------------------------------------------------ */
/* Search */

typedef struct
{
  const char *text;
  guint       store_hits;
  guint       bare_hits;
  GArray     *store_ms;
  GArray     *bare_ms;
} QueryTimes;

static guint
run_store_query (KontorStore  *store,
                 KontorFilter *filter,
                 double       *ms)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  double start = kontor_bench_now_ms ();

  if (!kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, &error))
    g_error ("Query “%s” failed: %s", kontor_filter_get_search_text (filter), error->message);
  *ms = kontor_bench_now_ms () - start;

  return rowids->len;
}

static guint
run_bare_query (sqlite3      *db,
                sqlite3_stmt *stmt,
                const char   *expression,
                double       *ms)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  double start = kontor_bench_now_ms ();
  int rc;

  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  check_sqlite (db, rc, "bare search");
  sqlite3_reset (stmt);
  *ms = kontor_bench_now_ms () - start;

  return rowids->len;
}

static void
bench_search (KontorStore     *store,
              guint            runs,
              KontorBenchJson *json)
{
  sqlite3 *db = _kontor_store_get_db (store);
  sqlite3_stmt *bare = NULL;
  QueryTimes times[G_N_ELEMENTS (search_queries)];
  g_autoptr(GArray) all_store = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) phone_store = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) phone_bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) detail = g_string_new ("[");
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) expressions = g_new0 (char *, G_N_ELEMENTS (search_queries) + 1);
  double store_p95, bare_p95;

  check_sqlite (db, sqlite3_prepare_v2 (db, "SELECT rowid FROM contact_search "
                                        "WHERE contact_search MATCH ?1", -1, &bare, NULL),
                "prepare bare search");

  for (guint q = 0; q < G_N_ELEMENTS (search_queries); q++)
    {
      KontorFilter *filter = kontor_filter_new ();

      kontor_filter_set_search_text (filter, search_queries[q]);
      g_ptr_array_add (filters, filter);
      expressions[q] = _kontor_store_match_expression (search_queries[q]);
      g_assert_nonnull (expressions[q]);

      times[q].text = search_queries[q];
      times[q].store_ms = g_array_new (FALSE, FALSE, sizeof (double));
      times[q].bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* run 0 warms the caches (pages, prepared statements) and is not counted;
   * the store's and the bare query alternate so that drift hits both */
  for (guint run = 0; run <= runs; run++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (search_queries); q++)
        {
          double store_ms, bare_ms;

          times[q].store_hits = run_store_query (store, g_ptr_array_index (filters, q),
                                                 &store_ms);
          times[q].bare_hits = run_bare_query (db, bare, expressions[q], &bare_ms);
          if (run == 0)
            continue;

          g_array_append_val (times[q].store_ms, store_ms);
          g_array_append_val (times[q].bare_ms, bare_ms);
          g_array_append_val (all_store, store_ms);
          g_array_append_val (all_bare, bare_ms);
          if (kontor_phone_is_query (search_queries[q]))
            {
              g_array_append_val (phone_store, store_ms);
              g_array_append_val (phone_bare, bare_ms);
            }
        }
    }
  sqlite3_finalize (bare);

  for (guint q = 0; q < G_N_ELEMENTS (search_queries); q++)
    {
      if (times[q].store_hits != times[q].bare_hits)
        kontor_bench_log ("note: “%s”: the store found %u, the bare query %u", times[q].text,
                          times[q].store_hits, times[q].bare_hits);

      g_string_append_printf (detail, "%s{\"q\": ", q > 0 ? ", " : "");
      kontor_bench_json_append_string (detail, times[q].text);
      g_string_append_printf (detail, ", \"hits\": %u, \"store_ms\": ", times[q].store_hits);
      kontor_bench_json_append_number (detail, kontor_bench_median (times[q].store_ms));
      g_string_append (detail, ", \"bare_ms\": ");
      kontor_bench_json_append_number (detail, kontor_bench_median (times[q].bare_ms));
      g_string_append_c (detail, '}');

      g_array_unref (times[q].store_ms);
      g_array_unref (times[q].bare_ms);
    }
  g_string_append_c (detail, ']');

  store_p95 = kontor_bench_percentile (all_store, 95);
  bare_p95 = kontor_bench_percentile (all_bare, 95);

  kontor_bench_json_add_int (json, "search_queries", G_N_ELEMENTS (search_queries));
  kontor_bench_json_add_number (json, "search_p50_ms", kontor_bench_percentile (all_store, 50));
  kontor_bench_json_add_number (json, "search_p95_ms", store_p95);
  kontor_bench_json_add_number (json, "search_max_ms", kontor_bench_percentile (all_store, 100));
  kontor_bench_json_add_number (json, "search_bare_fts_p50_ms",
                                kontor_bench_percentile (all_bare, 50));
  kontor_bench_json_add_number (json, "search_bare_fts_p95_ms", bare_p95);
  kontor_bench_json_add_number (json, "search_ratio", store_p95 / bare_p95);
  kontor_bench_json_add_number (json, "search_phone_p95_ms",
                                kontor_bench_percentile (phone_store, 95));
  kontor_bench_json_add_number (json, "search_phone_bare_fts_p95_ms",
                                kontor_bench_percentile (phone_bare, 95));
  kontor_bench_json_add_raw (json, "search_detail", detail->str);
}

/* GNOME Shell's search (feature G4, src/README.md "Shell search"): what the
 * provider asks the store for each keystroke in the overview, a few
 * contacts and companies loaded as records, against the bare FTS5 query
 * of all matching ids, alternating in the same run */
static void
bench_shell_search (KontorStore     *store,
                    guint            runs,
                    KontorBenchJson *json)
{
  sqlite3 *db = _kontor_store_get_db (store);
  sqlite3_stmt *bare = NULL;
  g_autoptr(GArray) all_shell = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) expressions = g_new0 (char *, G_N_ELEMENTS (search_queries) + 1);
  double shell_p95, bare_p95;

  check_sqlite (db, sqlite3_prepare_v2 (db, "SELECT rowid FROM contact_search "
                                        "WHERE contact_search MATCH ?1", -1, &bare, NULL),
                "prepare bare search");
  for (guint q = 0; q < G_N_ELEMENTS (search_queries); q++)
    expressions[q] = _kontor_store_match_expression (search_queries[q]);

  /* run 0 warms the caches and is not counted */
  for (guint run = 0; run <= runs; run++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (search_queries); q++)
        {
          g_autoptr(GPtrArray) contacts = NULL;
          g_autoptr(GPtrArray) companies = NULL;
          g_autoptr(GError) error = NULL;
          double start = kontor_bench_now_ms ();
          double shell_ms, bare_ms;

          if (!kontor_store_quick_search (store, search_queries[q], KONTOR_BENCH_SHELL_LIMIT,
                                          &contacts, &companies, &error))
            g_error ("Quick search “%s” failed: %s", search_queries[q], error->message);
          shell_ms = kontor_bench_now_ms () - start;
          g_assert_cmpuint (contacts->len, <=, KONTOR_BENCH_SHELL_LIMIT);
          g_assert_cmpuint (companies->len, <=, KONTOR_BENCH_SHELL_LIMIT);
          run_bare_query (db, bare, expressions[q], &bare_ms);
          if (run == 0)
            continue;

          g_array_append_val (all_shell, shell_ms);
          g_array_append_val (all_bare, bare_ms);
        }
    }
  sqlite3_finalize (bare);

  shell_p95 = kontor_bench_percentile (all_shell, 95);
  bare_p95 = kontor_bench_percentile (all_bare, 95);
  kontor_bench_json_add_number (json, "shell_search_p50_ms",
                                kontor_bench_percentile (all_shell, 50));
  kontor_bench_json_add_number (json, "shell_search_p95_ms", shell_p95);
  kontor_bench_json_add_number (json, "shell_search_max_ms",
                                kontor_bench_percentile (all_shell, 100));
  kontor_bench_json_add_number (json, "shell_search_bare_fts_p95_ms", bare_p95);
  kontor_bench_json_add_number (json, "shell_search_ratio", shell_p95 / bare_p95);
  kontor_bench_log ("shell search p95 %.2f ms, bare FTS5 p95 %.2f ms", shell_p95, bare_p95);
}

/* ------------------------------------------------------------------------ */
/* Advanced filters (feature L2) */

/* What the filter combinations name: the busiest sales rep, company and
 * pipeline status, a team, the groups the bench adds, and date ranges
 * within the demo's data */
typedef struct
{
  char   *rep;
  char   *team;
  char   *company;
  char   *static_group;
  char   *dynamic_group;
  char   *created_from;      /* "YYYY-MM-DD"; the bare query gets Unix seconds */
  char   *created_to;
  char   *activity_from;
  char   *activity_to;
  char   *due_from;
  char   *due_to;
  gint64  created_from_s;
  gint64  created_to_s;    /* the start of the day after */
  gint64  activity_from_s;
  gint64  activity_to_s;
} FilterValues;

static void
filter_values_clear (FilterValues *values)
{
  g_free (values->rep);
  g_free (values->team);
  g_free (values->company);
  g_free (values->static_group);
  g_free (values->dynamic_group);
  g_free (values->created_from);
  g_free (values->created_to);
  g_free (values->activity_from);
  g_free (values->activity_to);
  g_free (values->due_from);
  g_free (values->due_to);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  check_sqlite (db, sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), sql);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (text == NULL)
    g_error ("%s: no row", sql);

  return text;
}

/* @seconds as the local date, and the first instant of that date plus
 * @days in @start (as the store reads a filter's dates) */
static char *
local_date (gint64  seconds,
            int     days,
            gint64 *start)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (seconds);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) later = NULL;

  day = g_date_time_new_local (g_date_time_get_year (time), g_date_time_get_month (time),
                               g_date_time_get_day_of_month (time), 0, 0, 0);
  later = g_date_time_add_days (day, days);
  if (start != NULL)
    *start = g_date_time_to_unix (later);

  return g_date_time_format (later, "%Y-%m-%d");
}

/* The demo fills sales reps, assignees, teams and their members, dates
 * and birthdays, but no groups: a static group of every seventh contact
 * and a dynamic one of the current leads, saved through the store (not
 * timed) */
static void
add_filter_data (KontorStore  *store,
                 FilterValues *values)
{
  sqlite3 *db = _kontor_store_get_db (store);
  g_autoptr(KontorGroup) group = kontor_group_new ("Jeder Siebte");
  g_autoptr(KontorGroup) dynamic = kontor_group_new ("Aktuelle Leads");
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *max_created = NULL;
  g_autofree char *max_activity = NULL;
  sqlite3_stmt *stmt = NULL;

  kontor_group_set_is_dynamic (dynamic, TRUE);
  kontor_group_set_filter (dynamic, "{\"statuses\": [\"prospect\", \"customer\"],"
                                    " \"leads-only\": true}");
  if (!kontor_store_save (store, KONTOR_RECORD (group), &error) ||
      !kontor_store_save (store, KONTOR_RECORD (dynamic), &error))
    g_error ("Could not save the groups: %s", error->message);
  values->static_group = g_strdup (kontor_record_get_id (KONTOR_RECORD (group)));
  values->dynamic_group = g_strdup (kontor_record_get_id (KONTOR_RECORD (dynamic)));

  check_sqlite (db, sqlite3_prepare_v2 (db, "SELECT id FROM contact WHERE rid % 7 = 0", -1,
                                        &stmt, NULL), "group members");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (members,
                     kontor_group_member_new (values->static_group,
                                              (const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (!kontor_store_save_all (store, members, NULL, &error))
    g_error ("Could not save the group's members: %s", error->message);

  values->rep = query_text (db, "SELECT target_id FROM contact_link WHERE kind = 0"
                                " GROUP BY target_id ORDER BY count (*) DESC LIMIT 1");
  values->team = query_text (db, "SELECT id FROM team ORDER BY rid LIMIT 1");
  values->company = query_text (db, "SELECT company_id FROM contact WHERE company_id NOT NULL"
                                    " GROUP BY company_id ORDER BY count (*) DESC LIMIT 1");

  /* the last quarter of the contacts' arrivals, the last month of
   * activity, two weeks of due dates */
  max_created = query_text (db, "SELECT max (created_at) FROM contact");
  values->created_from = local_date (g_ascii_strtoll (max_created, NULL, 10), -90,
                                     &values->created_from_s);
  values->created_to = local_date (g_ascii_strtoll (max_created, NULL, 10), 0, NULL);
  g_free (local_date (g_ascii_strtoll (max_created, NULL, 10), 1, &values->created_to_s));
  max_activity = query_text (db, "SELECT max (last_activity_at) FROM contact");
  values->activity_from = local_date (g_ascii_strtoll (max_activity, NULL, 10), -30,
                                      &values->activity_from_s);
  values->activity_to = local_date (g_ascii_strtoll (max_activity, NULL, 10), 0, NULL);
  g_free (local_date (g_ascii_strtoll (max_activity, NULL, 10), 1, &values->activity_to_s));
  values->due_from = query_text (db, "SELECT date (min (due_date), '+7 days') FROM contact");
  values->due_to = query_text (db, "SELECT date (min (due_date), '+20 days') FROM contact");
}

typedef enum
{
  COMBO_REP,
  COMBO_TEAM,
  COMBO_STATIC_GROUP,
  COMBO_DYNAMIC_GROUP,
  COMBO_CREATED_LEADS,
  COMBO_ACTIVITY_REP,
  COMBO_DUE_TEAM,
  COMBO_BIRTHDAY_COMPANY,
  N_COMBOS
} Combo;

#define BARE_VIEW_STATUSES " +c.status IN (0, 1, 2)"

/* each combination as a person would write it by hand: a join where the
 * criterion is a link, the view's statuses, the name order, and "+"
 * where an index would mean a table row looked up per contact out of
 * order (the status, the order, a wide date range), so that SQLite reads
 * the table in its order and sorts the rows that match: without, each
 * takes 0.3 to 1.5 s for 100 000 (kontor-store-query.c). The anchor is
 * what SQLite takes for the rows; the ratio is what the store adds. */
static const struct
{
  const char *name;
  const char *bare_sql;
} combos[N_COMBOS] = {
  [COMBO_REP] = { "sales_rep",
    "SELECT c.rid FROM contact c JOIN contact_link l ON l.owner_id = c.id AND l.kind = 0"
    " AND l.target_id = :rep WHERE" BARE_VIEW_STATUSES " ORDER BY +c.sort_name, c.rid" },
  [COMBO_TEAM] = { "team",
    "SELECT c.rid FROM contact c WHERE" BARE_VIEW_STATUSES " AND (c.assigned_team_id = :team"
    " OR c.id IN (SELECT l.owner_id FROM contact_link l JOIN app_user_link u"
    " ON u.owner_id = l.target_id AND u.kind = 2 AND u.target_id = :team WHERE l.kind = 1))"
    " ORDER BY +c.sort_name, c.rid" },
  [COMBO_STATIC_GROUP] = { "static_group",
    "SELECT c.rid FROM contact c JOIN contact_group_member m ON m.contact_id = c.id"
    " AND m.group_id = :group WHERE" BARE_VIEW_STATUSES " ORDER BY +c.sort_name, c.rid" },
  [COMBO_DYNAMIC_GROUP] = { "dynamic_group",
    "SELECT c.rid FROM contact c WHERE +c.status IN (1, 2) AND c.is_lead = 1"
    " ORDER BY +c.sort_name, c.rid" },
  [COMBO_CREATED_LEADS] = { "created_leads",
    "SELECT c.rid FROM contact c WHERE" BARE_VIEW_STATUSES " AND c.is_lead = 1"
    " AND c.created_at >= :created_from AND c.created_at < :created_to"
    " ORDER BY +c.sort_name, c.rid" },
  [COMBO_ACTIVITY_REP] = { "activity_sales_rep",
    "SELECT c.rid FROM contact c JOIN contact_link l ON l.owner_id = c.id AND l.kind = 0"
    " AND l.target_id = :rep WHERE" BARE_VIEW_STATUSES " AND +c.last_activity_at >= :activity_from"
    " AND +c.last_activity_at < :activity_to ORDER BY +c.sort_name, c.rid" },
  [COMBO_DUE_TEAM] = { "due_team",
    "SELECT c.rid FROM contact c WHERE" BARE_VIEW_STATUSES " AND c.due_date >= :due_from"
    " AND c.due_date <= :due_to AND (c.assigned_team_id = :team"
    " OR c.id IN (SELECT l.owner_id FROM contact_link l JOIN app_user_link u"
    " ON u.owner_id = l.target_id AND u.kind = 2 AND u.target_id = :team WHERE l.kind = 1))"
    " ORDER BY +c.sort_name, c.rid" },
  [COMBO_BIRTHDAY_COMPANY] = { "birthday_company",
    "SELECT c.rid FROM contact c WHERE c.company_id = :company AND c.birthday LIKE '____-03-%'"
    " ORDER BY +c.sort_name, c.rid" },
};

static KontorFilter *
combo_filter (Combo               combo,
              const FilterValues *values)
{
  KontorFilter *filter = kontor_filter_new ();

  if (combo != COMBO_DYNAMIC_GROUP && combo != COMBO_BIRTHDAY_COMPANY)
    kontor_filter_set_statuses (filter, VIEW_STATUSES);

  switch (combo)
    {
    case COMBO_REP:
      kontor_filter_set_sales_rep_id (filter, values->rep);
      break;
    case COMBO_TEAM:
      kontor_filter_set_team_id (filter, values->team);
      break;
    case COMBO_STATIC_GROUP:
      kontor_filter_set_group_id (filter, values->static_group);
      break;
    case COMBO_DYNAMIC_GROUP:
      kontor_filter_set_group_id (filter, values->dynamic_group);
      break;
    case COMBO_CREATED_LEADS:
      kontor_filter_set_leads_only (filter, TRUE);
      kontor_filter_set_created_from (filter, values->created_from);
      kontor_filter_set_created_to (filter, values->created_to);
      break;
    case COMBO_ACTIVITY_REP:
      kontor_filter_set_sales_rep_id (filter, values->rep);
      kontor_filter_set_activity_from (filter, values->activity_from);
      kontor_filter_set_activity_to (filter, values->activity_to);
      break;
    case COMBO_DUE_TEAM:
      kontor_filter_set_team_id (filter, values->team);
      kontor_filter_set_due_from (filter, values->due_from);
      kontor_filter_set_due_to (filter, values->due_to);
      break;
    case COMBO_BIRTHDAY_COMPANY:
      kontor_filter_set_company_id (filter, values->company);
      kontor_filter_set_birthday_month (filter, 3);
      break;
    case N_COMBOS:
    default:
      g_assert_not_reached ();
    }

  return filter;
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static guint
run_bare_combo (sqlite3            *db,
                Combo               combo,
                const FilterValues *values,
                double             *ms)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  double start = kontor_bench_now_ms ();
  int rc;

  /* prepared each time, as the store builds its query each time */
  check_sqlite (db, sqlite3_prepare_v2 (db, combos[combo].bare_sql, -1, &stmt, NULL),
                combos[combo].bare_sql);
  bind_named_text (stmt, ":rep", values->rep);
  bind_named_text (stmt, ":team", values->team);
  bind_named_text (stmt, ":company", values->company);
  bind_named_text (stmt, ":group", values->static_group);
  bind_named_int (stmt, ":created_from", values->created_from_s);
  bind_named_int (stmt, ":created_to", values->created_to_s);
  bind_named_int (stmt, ":activity_from", values->activity_from_s);
  bind_named_int (stmt, ":activity_to", values->activity_to_s);
  bind_named_text (stmt, ":due_from", values->due_from);
  bind_named_text (stmt, ":due_to", values->due_to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  check_sqlite (db, rc, combos[combo].name);
  sqlite3_finalize (stmt);
  *ms = kontor_bench_now_ms () - start;

  return rowids->len;
}

/* One filter's query, timed. The store keeps the ordered rows of the last
 * lists (for search as you type, and a filter set on the list shown
 * starts from that list's rows): all are forgotten first, so that it runs
 * whole; with @after_list, the list of the filter's statuses alone is
 * queried first, untimed, as the table showed it before the filter was
 * set. */
static guint
run_filter_query (KontorStore  *store,
                  KontorFilter *filter,
                  gboolean      after_list,
                  double       *ms)
{
  _kontor_store_forget_orders (store);
  if (after_list)
    {
      g_autoptr(KontorFilter) list = kontor_filter_new ();
      double list_ms;

      kontor_filter_set_statuses (list, kontor_filter_get_statuses (filter));
      run_store_query (store, list, &list_ms);
    }

  return run_store_query (store, filter, ms);
}

/* Combinations of the advanced filter's criteria through
 * kontor_store_query_rowids(), each against its bare hand-written query:
 * the store's figure with nothing kept (filter_combo_ms), and as the
 * table meets it, set on the list shown (filter_combo_after_list_ms). */
static void
bench_filters (KontorStore     *store,
               guint            runs,
               KontorBenchJson *json)
{
  sqlite3 *db = _kontor_store_get_db (store);
  FilterValues values = { NULL, };
  g_autoptr(GArray) all_store = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) detail = g_string_new ("[");
  g_autoptr(GArray) all_after_list = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *store_ms[N_COMBOS];
  GArray *bare_ms[N_COMBOS];
  guint store_hits[N_COMBOS];
  guint bare_hits[N_COMBOS];
  double store_max, bare_max;

  add_filter_data (store, &values);

  for (guint c = 0; c < N_COMBOS; c++)
    {
      store_ms[c] = g_array_new (FALSE, FALSE, sizeof (double));
      bare_ms[c] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* run 0 warms the caches and is not counted */
  for (guint run = 0; run <= runs; run++)
    {
      for (guint c = 0; c < N_COMBOS; c++)
        {
          g_autoptr(KontorFilter) filter = combo_filter (c, &values);
          double ms_store, ms_bare, ms_after_list;

          store_hits[c] = run_filter_query (store, filter, FALSE, &ms_store);
          bare_hits[c] = run_bare_combo (db, c, &values, &ms_bare);
          run_filter_query (store, filter, TRUE, &ms_after_list);
          if (run == 0)
            continue;
          g_array_append_val (all_after_list, ms_after_list);
          g_array_append_val (store_ms[c], ms_store);
          g_array_append_val (bare_ms[c], ms_bare);
          g_array_append_val (all_store, ms_store);
          g_array_append_val (all_bare, ms_bare);
        }
    }

  for (guint c = 0; c < N_COMBOS; c++)
    {
      g_autoptr(KontorFilter) filter = combo_filter (c, &values);
      g_autofree char *criteria = kontor_filter_to_string (filter);

      if (store_hits[c] != bare_hits[c])
        kontor_bench_log ("note: %s: the store found %u, the bare query %u", combos[c].name,
                          store_hits[c], bare_hits[c]);

      g_string_append_printf (detail, "%s{\"combo\": ", c > 0 ? ", " : "");
      kontor_bench_json_append_string (detail, combos[c].name);
      g_string_append (detail, ", \"filter\": ");
      kontor_bench_json_append_string (detail, criteria);
      g_string_append_printf (detail, ", \"hits\": %u, \"store_ms\": ", store_hits[c]);
      kontor_bench_json_append_number (detail, kontor_bench_median (store_ms[c]));
      g_string_append (detail, ", \"bare_ms\": ");
      kontor_bench_json_append_number (detail, kontor_bench_median (bare_ms[c]));
      g_string_append_c (detail, '}');

      g_array_unref (store_ms[c]);
      g_array_unref (bare_ms[c]);
    }
  g_string_append_c (detail, ']');

  /* eight combinations: the p95 of a run is its slowest, say so */
  store_max = kontor_bench_percentile (all_store, 100);
  bare_max = kontor_bench_percentile (all_bare, 100);
  kontor_bench_json_add_int (json, "filter_combos", N_COMBOS);
  kontor_bench_json_add_number (json, "filter_combo_p50_ms",
                                kontor_bench_percentile (all_store, 50));
  kontor_bench_json_add_number (json, "filter_combo_ms", store_max);
  kontor_bench_json_add_number (json, "filter_combo_bare_ms", bare_max);
  kontor_bench_json_add_number (json, "filter_combo_ratio", store_max / bare_max);
  kontor_bench_json_add_number (json, "filter_combo_after_list_ms",
                                kontor_bench_percentile (all_after_list, 100));
  kontor_bench_json_add_raw (json, "filter_combo_detail", detail->str);

  filter_values_clear (&values);
}

/* ------------------------------------------------------------------------ */
/* The table's model */

static void
materialise_first_screen (KontorRecordList *list)
{
  guint n = MIN (FIRST_SCREEN_ROWS, g_list_model_get_n_items (G_LIST_MODEL (list)));

  /* like the view: it holds these while they are on screen, the list
   * keeps its recent window */
  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
}

static void
bench_first_screen (KontorStore     *store,
                    guint            runs,
                    const char      *prefix,
                    guint            statuses,
                    KontorBenchJson *json)
{
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) queries = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *key_total = g_strconcat (prefix, "_ms", NULL);
  g_autofree char *key_query = g_strconcat (prefix, "_query_ms", NULL);
  g_autofree char *key_items = g_strconcat (prefix, "_items_ms", NULL);
  guint n_items = 0;

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(KontorFilter) filter = kontor_filter_new ();
      g_autoptr(KontorRecordList) list = NULL;
      double start, built, done;

      kontor_filter_set_statuses (filter, statuses);

      start = kontor_bench_now_ms ();
      list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, filter);
      built = kontor_bench_now_ms ();
      materialise_first_screen (list);
      done = kontor_bench_now_ms ();

      n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
      g_array_append_vals (totals, (double[]) { done - start }, 1);
      g_array_append_vals (queries, (double[]) { built - start }, 1);
      g_array_append_vals (items, (double[]) { done - built }, 1);
    }

  kontor_bench_json_add_number (json, key_total, kontor_bench_median (totals));
  kontor_bench_json_add_number (json, key_query, kontor_bench_median (queries));
  kontor_bench_json_add_number (json, key_items, kontor_bench_median (items));
  if (statuses != 0)
    {
      g_autofree char *key_n = g_strconcat (prefix, "_rows", NULL);
      kontor_bench_json_add_int (json, key_n, n_items);
    }
}

/* Every order of the contacts table (a header click), for "Current
 * Contacts": the query alone, ascending and descending, median of @runs
 * (src/README.md "Sorting": each must be an index walk). */
static void
bench_sorts (KontorStore     *store,
             guint            runs,
             KontorBenchJson *json)
{
  static const struct { KontorSortColumn column; const char *name; } sorts[] = {
    { KONTOR_SORT_NAME, "name" },
    { KONTOR_SORT_COMPANY, "company" },
    { KONTOR_SORT_STATUS, "status" },
    { KONTOR_SORT_PIPELINE_STATUS, "pipeline_status" },
    { KONTOR_SORT_EMAIL, "email" },
    { KONTOR_SORT_PHONE, "phone" },
    { KONTOR_SORT_CUSTOMER_NUMBER, "customer_number" },
    { KONTOR_SORT_LAST_ACTIVITY, "last_activity" },
  };
  g_autoptr(GArray) worst = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *key = g_strdup_printf ("sort_%s_query_ms", sorts[s].name);
      double median;

      for (guint run = 0; run < runs * 2; run++)
        {
          g_autoptr(KontorFilter) filter = kontor_filter_new ();
          g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GError) error = NULL;
          double start;

          kontor_filter_set_statuses (filter, VIEW_STATUSES);
          kontor_filter_set_sort_column (filter, sorts[s].column);
          kontor_filter_set_sort_descending (filter, run % 2 == 1);
          /* the rows kept of the list before would answer at once */
          _kontor_store_forget_orders (store);
          start = kontor_bench_now_ms ();
          if (!kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, &error))
            g_error ("Sorting by %s failed: %s", sorts[s].name, error->message);
          g_array_append_vals (times, (double[]) { kontor_bench_now_ms () - start }, 1);
        }

      median = kontor_bench_median (times);
      kontor_bench_json_add_number (json, key, median);
      g_array_append_val (worst, median);
    }

  kontor_bench_json_add_number (json, "sort_query_max_ms", kontor_bench_percentile (worst, 100));
}

/* What schema 7 changed in the layout (src/store/schema/007-lean-layout.sql),
 * undone, and what 8 to 24 added: a database as schema 5 left it, but for
 * the sort keys and search documents, which the upgrade makes anew anyway.
 * A schema that adds to the layout adds its undoing here (the bench
 * aborted when 14 and later were not). */
static const char schema_5_layout[] =
  /* 15 to 24: activities, reminders, attachments, lead projects */
  "DROP TABLE lead_entry; DROP TABLE lead_status; DROP TABLE lead_project_link;"
  "DROP TABLE lead_project;"
  "DROP TABLE activity_participant; DROP TABLE reminder_sent; DROP TABLE blob;"
  "DROP TABLE activity_search; DROP TABLE activity;"
  "DROP INDEX contact_due; DROP INDEX contact_keep_in_touch;"
  "ALTER TABLE contact DROP COLUMN keep_in_touch_days;"
  "ALTER TABLE tombstone DROP COLUMN merged_into;"
  /* 14 */
  "ALTER TABLE conflict_local DROP COLUMN theirs_by;"
  "ALTER TABLE conflict_local DROP COLUMN theirs_at;"
  "DROP INDEX contact_link_by_target; DROP INDEX contact_team;"
  "DROP TABLE journal; DROP TABLE employment;"
  "DELETE FROM number_range WHERE entity = 'company';"
  "DROP INDEX contact_sort_name; DROP INDEX contact_sort_company;"
  "DROP INDEX contact_last_activity; DROP INDEX contact_sort_email;"
  "DROP INDEX contact_sort_phone; DROP INDEX contact_sort_number; DROP INDEX contact_status;"
  "CREATE INDEX contact_sort_name ON contact (sort_name, rid, status);"
  "CREATE INDEX contact_sort_company ON contact (sort_company, rid, status);"
  "CREATE INDEX contact_last_activity ON contact (last_activity_at, rid);"
  "CREATE INDEX contact_link_target ON contact_link (kind, target_id);"
  "DROP INDEX outbox_push; ALTER TABLE outbox DROP COLUMN push_seq;"
  "ALTER TABLE conflict_local DROP COLUMN choice;"
  "ALTER TABLE conflict_local DROP COLUMN choice_value_json;"
  "ALTER TABLE conflict_local DROP COLUMN push_seq;"
  "PRAGMA user_version = 5;";

/* the list-order indexes of schema 7, made anew: a bulk index build */
static const char order_index_build[] =
  "REINDEX contact_sort_name; REINDEX contact_sort_company; REINDEX contact_last_activity;"
  "REINDEX contact_sort_email; REINDEX contact_sort_phone; REINDEX contact_sort_number;"
  "REINDEX contact_status;";

static void
bench_upgrade (KontorStore     *store,
               const char      *dir,
               KontorBenchJson *json)
{
  g_autofree char *copy = g_build_filename (dir, "schema-5.db", NULL);
  g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", copy);
  g_autoptr(KontorStore) upgraded = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  double start, upgrade_ms, build_ms;

  check_sqlite (_kontor_store_get_db (store),
                sqlite3_exec (_kontor_store_get_db (store), vacuum, NULL, NULL, NULL), vacuum);
  check_sqlite (db, sqlite3_open (copy, &db), copy);
  check_sqlite (db, sqlite3_exec (db, schema_5_layout, NULL, NULL, NULL), "schema 5 layout");
  sqlite3_close (db);

  start = kontor_bench_now_ms ();
  upgraded = kontor_store_open (copy, &error);
  if (upgraded == NULL)
    g_error ("Could not upgrade %s: %s", copy, error->message);
  upgrade_ms = kontor_bench_now_ms () - start;

  db = _kontor_store_get_db (upgraded);
  start = kontor_bench_now_ms ();
  check_sqlite (db, sqlite3_exec (db, order_index_build, NULL, NULL, NULL), "REINDEX");
  build_ms = kontor_bench_now_ms () - start;
  g_clear_object (&upgraded);
  remove_database (copy);

  kontor_bench_json_add_number (json, "upgrade_from_5_s", upgrade_ms / 1000);
  kontor_bench_json_add_number (json, "order_index_build_s", build_ms / 1000);
  kontor_bench_json_add_number (json, "upgrade_ratio", upgrade_ms / build_ms);
}

/* In a fresh process (--rss-child PATH STATUSES): open the store, build
 * the list, materialise the first screen, print the RSS. */
static int
rss_child (const char *path,
           const char *statuses)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorRecordList) list = NULL;
  double before;

  store = kontor_store_open (path, &error);
  if (store == NULL)
    g_error ("Could not open %s: %s", path, error->message);
  before = kontor_bench_proc_status_mb ("VmRSS:");

  kontor_filter_set_statuses (filter, g_ascii_strtoull (statuses, NULL, 10));
  list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, filter);
  materialise_first_screen (list);

  printf ("%.3f %.3f %.3f %u\n", before, kontor_bench_proc_status_mb ("VmRSS:"),
          kontor_bench_proc_status_mb ("VmHWM:"), g_list_model_get_n_items (G_LIST_MODEL (list)));

  return 0;
}

static void
bench_rss (const char      *path,
           guint            statuses,
           const char      *key,
           KontorBenchJson *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *output = NULL;
  g_autofree char *statuses_arg = g_strdup_printf ("%u", statuses);
  g_autofree char *peak_key = g_strconcat (key, "_peak", NULL);
  const char *argv[] = { self_exe, "--rss-child", path, statuses_arg, NULL };
  double before = NAN, after = NAN, peak = NAN;
  guint n = 0;
  int status;

  if (self_exe == NULL ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("The RSS child failed: %s", error->message);

  /* printf there and sscanf here use the same locale (both call
   * setlocale () first), so the decimal separator agrees */
  if (sscanf (output, "%lf %lf %lf %u", &before, &after, &peak, &n) != 4)
    g_error ("The RSS child said “%s”", output);

  if (statuses == 0)
    kontor_bench_json_add_number (json, "rss_mb_store_open", before);
  kontor_bench_json_add_number (json, key, after);
  kontor_bench_json_add_number (json, peak_key, peak);
}

/* ------------------------------------------------------------------------ */

/* Feature L6: 10 000 selected contacts archived from the action bar, one
 * KontorBulkChange (a transaction of 10 000 saves with their outbox
 * entries and history), and its undo; next to it in the same run what
 * SQLite needs for the rows alone: one UPDATE of the status of the same
 * 10 000 rows and 10 000 rows into the outbox, rolled back. The store's
 * figures include their commit, the anchor does not. */
#define BULK_CONTACTS 10000

static void
bench_bulk_archive (const char      *store_path,
                    KontorBenchJson *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = kontor_store_open (store_path, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) rids = g_string_new ("[");
  g_autoptr(KontorBulkChange) change = NULL;
  g_auto(GStrv) ids = NULL;
  GHashTable *profile;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  double start, apply_s, undo_s, bare_s;

  if (store == NULL)
    g_error ("Could not open %s: %s", store_path, error->message);
  db = _kontor_store_get_db (store);

  /* every eighth contact not archived, then the next ones: spread over
   * the table, as a search or a filter finds them */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, rid FROM contact WHERE status <> 3 "
                                           "ORDER BY rid % 8, rid LIMIT ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, BULK_CONTACTS);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_printf (rids, "%s%" G_GINT64_FORMAT, rids->len > 1 ? "," : "",
                              (gint64) sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_finalize (stmt);
  g_string_append_c (rids, ']');
  ids = g_strv_builder_end (builder);

  /* the anchor first, so that both find the same pages in the cache */
  start = kontor_bench_now_ms ();
  kontor_test_db_exec (db, "BEGIN IMMEDIATE");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE contact SET status = 3 WHERE rid IN "
                                           "(SELECT value FROM json_each(?1))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, rids->str, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO outbox (entity, entity_id, op, field, "
                                           "value_json, old_value_json, base_rev, created_at) "
                                           "SELECT 'contact', id, 'update', 'status', '3', "
                                           "'1', 0, 0 FROM contact WHERE rid IN "
                                           "(SELECT value FROM json_each(?1))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, rids->str, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  bare_s = (kontor_bench_now_ms () - start) / 1000.0;
  kontor_test_db_exec (db, "ROLLBACK");

  change = kontor_bulk_change_new (store, KONTOR_BULK_ARCHIVE, (const char * const *) ids, NULL,
                                   NULL);
  profile = profile_start (db);
  start = kontor_bench_now_ms ();
  if (!kontor_operation_apply (KONTOR_OPERATION (change), &error))
    g_error ("Archiving %u contacts failed: %s", g_strv_length (ids), error->message);
  apply_s = (kontor_bench_now_ms () - start) / 1000.0;
  profile_report (db, profile, "KontorBulkChange apply", apply_s);

  start = kontor_bench_now_ms ();
  if (!kontor_operation_undo (KONTOR_OPERATION (change), &error))
    g_error ("Undoing the archive failed: %s", error->message);
  undo_s = (kontor_bench_now_ms () - start) / 1000.0;

  kontor_bench_json_add_int (json, "bulk_archive_10k_contacts", g_strv_length (ids));
  kontor_bench_json_add_number (json, "bulk_archive_10k_s", apply_s);
  kontor_bench_json_add_number (json, "bulk_archive_10k_undo_s", undo_s);
  kontor_bench_json_add_number (json, "bulk_archive_10k_bare_s", bare_s);
  kontor_bench_json_add_number (json, "bulk_archive_10k_ratio", apply_s / bare_s);
}

int
main (int   argc,
      char *argv[])
{
  guint n_contacts = kontor_bench_env_uint ("KONTOR_BENCH_CONTACTS",
                                            KONTOR_BENCH_DEFAULT_CONTACTS);
  guint runs = kontor_bench_env_uint ("KONTOR_BENCH_RUNS", 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) demo = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) bare_rows = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *bare_path = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *bare_wal_path = NULL;
  g_autofree char *cpu = NULL;
  g_autofree char *result = NULL;
  KontorBenchJson *json;
  g_autofree char *bare_runs = NULL;
  g_autofree char *pragmas = NULL;
  g_autofree char *floor_path = NULL;
  g_autofree char *lean_path = NULL;
  g_autofree char *staging_path = NULL;
  double lean_s;
  double start, bare_s, bare_before_s, bare_after_s, bare_size_mb, companies_s, contacts_s;
  double floor_s;

  /* the app's collation: the sort keys depend on it */
  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "--rss-child"))
    return rss_child (argv[2], argv[3]);

  start = kontor_bench_now_ms ();
  dir = kontor_test_make_tmpdir ();
  store_path = g_build_filename (dir, "kontor.db", NULL);
  bare_path = g_build_filename (dir, "bare.db", NULL);
  floor_path = g_build_filename (dir, "floor.db", NULL);
  lean_path = g_build_filename (dir, "lean.db", NULL);
  staging_path = g_build_filename (dir, "staging.db", NULL);
  wal_path = g_strconcat (store_path, "-wal", NULL);
  bare_wal_path = g_strconcat (bare_path, "-wal", NULL);

  kontor_bench_log ("building %u demo contacts (seed %u) in %s", n_contacts,
                    (guint) KONTOR_DEMO_DEFAULT_SEED, dir);
  demo = kontor_demo_build (n_contacts, KONTOR_DEMO_DEFAULT_SEED);
  for (guint i = 0; i < demo->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (demo, i);

      /* the employer history and group memberships refer to contacts:
       * stored after them, not timed (the figure is the contacts') */
      g_ptr_array_add (KONTOR_IS_CONTACT (record) ? contacts
                       : KONTOR_IS_EMPLOYMENT (record) || KONTOR_IS_GROUP_MEMBER (record)
                       ? history : others,
                       g_object_ref (record));
    }
  g_clear_pointer (&demo, g_ptr_array_unref);
  bare_rows = make_bare_rows (others, contacts);

  store = kontor_store_open (store_path, &error);
  if (store == NULL)
    g_error ("Could not open %s: %s", store_path, error->message);
  pragmas = store_pragmas (store);

  /* the bare insert runs before and after the store's, into fresh files,
   * and the mean is the figure: the machine's drift (page cache, other
   * processes) then hits both sides alike */
  kontor_bench_log ("bare insert of %u rows (%s)", contacts->len, pragmas);
  bare_before_s = insert_bare (bare_path, pragmas, bare_rows);

  kontor_bench_log ("store insert of %u teams, users and companies", others->len);
  companies_s = save_all_seconds (store, others);
  kontor_bench_log ("store insert of %u contacts", contacts->len);
  contacts_s = save_all_seconds (store, contacts);
  save_all_seconds (store, history);
  g_ptr_array_set_size (history, 0);
  g_ptr_array_set_size (others, 0);
  g_ptr_array_set_size (contacts, 0);

  kontor_bench_log ("bare insert of %u rows, again", bare_rows->len);
  bare_size_mb = file_mb (bare_path) + file_mb (bare_wal_path);
  remove_database (bare_path);
  bare_after_s = insert_bare (bare_path, pragmas, bare_rows);
  g_clear_pointer (&bare_rows, g_array_unref);

  kontor_bench_log ("the store's rows copied by SQLite into the same schema");
  floor_s = insert_layout_floor (floor_path, store_path, pragmas);
  remove_database (floor_path);
  kontor_bench_log ("the store's contacts copied by SQLite into the leanest layout");
  lean_s = bench_lean_layout_floor (lean_path, staging_path, store_path, pragmas,
                                    _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT)->order_indexes);
  remove_database (lean_path);
  remove_database (staging_path);
  bare_s = (bare_before_s + bare_after_s) / 2;

  json = kontor_bench_json_new ();
  kontor_bench_json_add_int (json, "n_contacts", n_contacts);
  kontor_bench_json_add_int (json, "runs", runs);
  kontor_bench_json_add_string (json, "sqlite_version", sqlite3_libversion ());
  kontor_bench_json_add_string (json, "pragmas", pragmas);
  cpu = kontor_bench_cpu_model ();
  kontor_bench_json_add_string (json, "cpu", cpu);
  kontor_bench_json_add_number (json, "insert_100k_companies_s", companies_s);
  kontor_bench_json_add_number (json, "insert_100k_s", contacts_s);
  kontor_bench_json_add_number (json, "insert_100k_bare_sqlite_s", bare_s);
  bare_runs = numbers_array (bare_before_s, bare_after_s);
  kontor_bench_json_add_raw (json, "insert_100k_bare_sqlite_runs_s", bare_runs);
  kontor_bench_json_add_number (json, "insert_ratio", contacts_s / bare_s);
  kontor_bench_json_add_number (json, "insert_layout_floor_s", floor_s);
  kontor_bench_json_add_number (json, "insert_layout_floor_ratio", floor_s / bare_s);
  kontor_bench_json_add_number (json, "insert_lean_layout_floor_s", lean_s);
  kontor_bench_json_add_number (json, "insert_lean_layout_floor_ratio", lean_s / bare_s);
  kontor_bench_json_add_number (json, "store_db_mb", file_mb (store_path) + file_mb (wal_path));
  kontor_bench_json_add_number (json, "bare_db_mb", bare_size_mb);

  kontor_bench_log ("search: %u queries × %u runs", (guint) G_N_ELEMENTS (search_queries), runs);
  bench_search (store, runs, json);
  kontor_bench_log ("shell search");
  bench_shell_search (store, runs, json);

  kontor_bench_log ("every sort order");
  bench_sorts (store, runs, json);

  kontor_bench_log ("filter combinations: %u × %u runs", (guint) N_COMBOS, runs);
  bench_filters (store, runs, json);

  kontor_bench_log ("first screen of the list model");
  bench_first_screen (store, runs, "first_screen_model", 0, json);
  bench_first_screen (store, runs, "first_screen_model_view_filter", VIEW_STATUSES, json);

  kontor_bench_log ("upgrade of a copy from schema 5");
  bench_upgrade (store, dir, json);
  g_clear_object (&store);

  kontor_bench_log ("RSS of the list model in a fresh process");
  bench_rss (store_path, 0, "rss_mb_100k_model", json);
  bench_rss (store_path, VIEW_STATUSES, "rss_mb_100k_model_view_filter", json);

  /* last: it leaves 20 000 outbox entries and history rows behind */
  kontor_bench_log ("bulk archive of %u contacts, and its undo", BULK_CONTACTS);
  bench_bulk_archive (store_path, json);

  /* KONTOR_BENCH_KEEP=1 leaves the databases for a look with sqlite3 */
  if (g_getenv ("KONTOR_BENCH_KEEP") == NULL)
    kontor_test_rmdir (dir);
  else
    kontor_bench_log ("kept %s", dir);
  kontor_bench_json_add_number (json, "bench_total_s", (kontor_bench_now_ms () - start) / 1000);

  result = kontor_bench_json_free (json);
  printf ("%s\n", result);

  return 0;
}
