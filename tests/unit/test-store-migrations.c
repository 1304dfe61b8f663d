/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store-migrations"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kontor-channel.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"
#include "kontor-text.h"

/* Upgrades of real older databases (src/README.md "Data model"): a version 1
 * database with rows as version 1 wrote them is opened by the current
 * store, which must keep every row, fill the new search index and add the
 * number range; an upgrade that fails half way must leave the database
 * exactly as it was. */

#define USER_ANNA    "0190a000-0000-7000-8000-000000000001"
#define USER_BERND   "0190a000-0000-7000-8000-000000000002"
#define TEAM_SUED    "0190a000-0000-7000-8000-000000000010"
#define COMPANY      "0190a000-0000-7000-8000-000000000020"
#define JUERGEN      "0190a000-0000-7000-8000-000000000030"
#define BJOERN       "0190a000-0000-7000-8000-000000000031"
#define NAMELESS     "0190a000-0000-7000-8000-000000000032"
#define CLIENT_ID    "0190a000-0000-7000-8000-0000000000ff"
#define CONTACTED_ID "00000000-0000-7000-8000-000000000003"

/* Rows as version 1 wrote them, umlauts and all */
static const char version_1_rows[] =
  "INSERT INTO app_user (id, created_at, updated_at, rev, field_revs, username, full_name, "
  "  email, role) VALUES "
  "  ('" USER_ANNA "', 1700000000, 1700000000, 5, '{\"full_name\":5}', 'anna', 'Anna Schmidt', "
  "   'anna@kontor.example', 0), "
  "  ('" USER_BERND "', 1700000000, 1700000000, 0, '{}', 'bernd', 'Bernd Groß', NULL, 1);"
  "INSERT INTO team (id, created_at, updated_at, name) VALUES "
  "  ('" TEAM_SUED "', 1700000000, 1700000000, 'Vertrieb Süd');"
  "INSERT INTO app_user_link (owner_id, kind, target_id, position) VALUES "
  "  ('" USER_BERND "', 2, '" TEAM_SUED "', 0);"
  "INSERT INTO company (id, created_at, updated_at, rev, name, customer_number, city, notes) "
  "  VALUES ('" COMPANY "', 1700000000, 1700000000, 3, 'Müller & Söhne GmbH', 'K-2025-00007', "
  "          'München', 'Großkunde');"
  "INSERT INTO company_channel (id, owner_id, kind, label, value, position) VALUES "
  "  ('0190a000-0000-7000-8000-000000000021', '" COMPANY "', 1, 'work', '089 123456', 0);"
  "INSERT INTO company_link (owner_id, kind, target_id, position) VALUES "
  "  ('" COMPANY "', 0, '" USER_BERND "', 0);"
  "INSERT INTO contact (id, created_at, updated_at, rev, field_revs, salutation, title, "
  "  first_name, last_name, job_title, company_id, street, postal_code, city, country, language, "
  "  notes, birthday, status, previous_status, is_lead, pipeline_status_id, customer_number, "
  "  assigned_team_id, rank, due_date, last_activity_at) VALUES "
  "  ('" JUERGEN "', 1700000000, 1700000100, 12, '{\"last_name\":12}', 1, 'Dr.', 'Jürgen', "
  "   'Müller', 'Einkauf', '" COMPANY "', 'Hauptstraße 1', '80331', 'München', 'DE', 0, "
  "   'Trinkt gern Kaffee', '1970-01-31', 2, 1, 0, '" CONTACTED_ID "', 'K-2025-00001', "
  "   '" TEAM_SUED "', 'a0', '2026-01-15', 1700000200), "
  "  ('" BJOERN "', 1700000001, 1700000001, 0, '{}', 0, NULL, 'Björn', 'Weiß', NULL, NULL, "
  "   NULL, NULL, 'Köln', NULL, 1, 'Kennt die Straße', NULL, 3, 2, 1, "
  "   '00000000-0000-7000-8000-000000000001', NULL, NULL, NULL, NULL, 0), "
  "  ('" NAMELESS "', 1700000002, 1700000002, 0, '{}', 0, NULL, NULL, NULL, NULL, '" COMPANY "', "
  "   NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, "
  "   '00000000-0000-7000-8000-000000000001', NULL, NULL, NULL, NULL, 0);"
  "INSERT INTO contact_channel (id, owner_id, kind, label, value, position) VALUES "
  "  ('0190a000-0000-7000-8000-000000000040', '" JUERGEN "', 0, 'work', "
  "   'j.mueller@example.de', 0), "
  "  ('0190a000-0000-7000-8000-000000000041', '" JUERGEN "', 1, 'work', '030/1234567', 0), "
  "  ('0190a000-0000-7000-8000-000000000042', '" JUERGEN "', 1, 'mobile', '0171 2345678', 1), "
  "  ('0190a000-0000-7000-8000-000000000043', '" BJOERN "', 0, NULL, 'bjoern@example.org', 0);"
  "INSERT INTO contact_link (owner_id, kind, target_id, position) VALUES "
  "  ('" JUERGEN "', 0, '" USER_ANNA "', 0), "
  "  ('" JUERGEN "', 1, '" USER_BERND "', 0);"
  "INSERT INTO contact_group (id, created_at, updated_at, name, number) VALUES "
  "  ('0190a000-0000-7000-8000-000000000060', 1700000000, 1700000000, 'Messe Düsseldorf', 'G-1');"
  "INSERT INTO contact_group_member (id, group_id, contact_id) VALUES "
  "  ('0190a000-0000-7000-8000-000000000061', '0190a000-0000-7000-8000-000000000060', "
  "   '" JUERGEN "');"
  "INSERT INTO outbox (entity, entity_id, op, field, value_json, old_value_json, base_rev, "
  "  user_id, created_at, state) VALUES "
  "  ('contact', '" JUERGEN "', 'update', 'city', '\"München\"', '\"Berlin\"', 11, "
  "   '" USER_ANNA "', 1700000100, 'pending'), "
  "  ('contact', '" BJOERN "', 'create', NULL, '{\"last_name\":\"Weiß\"}', NULL, 0, "
  "   '" USER_ANNA "', 1700000001, 'inflight');"
  "INSERT INTO record_shadow (entity, id, values_json, field_revs_json, rev) VALUES "
  "  ('contact', '" JUERGEN "', '{\"city\":\"Berlin\"}', '{\"city\":11}', 11);"
  "INSERT INTO tombstone (entity, id, deleted_at, deleted_by, rev) VALUES "
  "  ('contact', '0190a000-0000-7000-8000-000000000039', 1700000050, '" USER_ANNA "', 3);"
  "INSERT INTO sync_state (key, value) VALUES "
  "  ('client_id', '" CLIENT_ID "'), ('user_id', '" USER_ANNA "'), ('cursor', '4711');";

/* ------------------------------------------------------------------------ */
/* Helpers */

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
sort_strv (GStrv strv)
{
  qsort (strv, g_strv_length (strv), sizeof (char *), compare_strings);
}

static sqlite3 *
open_plain (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  return db;
}

static gint64
user_version_of (const char *path)
{
  sqlite3 *db = open_plain (path);
  gint64 version = kontor_test_db_query_int (db, "PRAGMA user_version", NULL);

  sqlite3_close (db);

  return version;
}

/* Makes a version 1 database holding version_1_rows and @extra_sql */
static char *
make_version_1 (const char *extra_sql)
{
  g_autofree char *path = kontor_test_db_path ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 1, &error));
  g_assert_no_error (error);

  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "PRAGMA user_version", NULL), ==, 1);
  kontor_test_db_exec (db, version_1_rows);
  if (extra_sql != NULL)
    kontor_test_db_exec (db, extra_sql);
  sqlite3_close (db);

  return g_steal_pointer (&path);
}

static void
remove_database (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  kontor_test_rmdir (dir);
}

static void
append_value (GString      *row,
              sqlite3_stmt *stmt,
              int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (row, "NULL");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (row, "%" G_GINT64_FORMAT,
                              (gint64) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      g_string_append_printf (row, "%.17g", sqlite3_column_double (stmt, column));
      break;
    case SQLITE_TEXT:
      g_string_append_printf (row, "'%s'", (const char *) sqlite3_column_text (stmt, column));
      break;
    case SQLITE_BLOB:
    default:
      {
        const guint8 *data = sqlite3_column_blob (stmt, column);
        int length = sqlite3_column_bytes (stmt, column);

        g_string_append (row, "x'");
        for (int i = 0; i < length; i++)
          g_string_append_printf (row, "%02x", data[i]);
        g_string_append_c (row, '\'');
      }
      break;
    }
}

/* Every row of @table as text, sorted: "column=value|…" */
/* Columns a later version adds or fills on purpose, left out of the
 * comparison: version 3 adds contact.is_new and gives every card a rank
 * (test-board-store checks those ranks), version 5 the staleness columns
 * (checked below), version 7 makes every sort key anew (test-store-search
 * checks the orders), version 11 gives group memberships the columns of
 * every record, version 20 the "stay in touch" interval of every contact. */
static const char * const filled_by_upgrade[] = { "contact.is_new", "contact.rank",
                                                   "contact.pipeline_entered_at",
                                                   "pipeline_status.stale_days",
                                                   "contact.sort_name", "contact.sort_company",
                                                   "contact.sort_email", "contact.sort_phone",
                                                   "contact.sort_number", "company.sort_name",
                                                   "company.sort_number",
                                                   /* version 11: memberships as records */
                                                   "contact_group_member.rid",
                                                   "contact_group_member.created_at",
                                                   "contact_group_member.updated_at",
                                                   "contact_group_member.rev",
                                                   "contact_group_member.field_revs",
                                                   /* version 13: the sync's numbering */
                                                   "outbox.push_seq", "outbox.state",
                                                   "conflict_local.choice",
                                                   "conflict_local.choice_value_json",
                                                   "conflict_local.push_seq",
                                                   /* version 20: stay in touch, 0 for all */
                                                   "contact.keep_in_touch_days",
                                                   /* version 23: merged into none */
                                                   "tombstone.merged_into",
                                                   /* version 24: on no lead entry */
                                                   "activity.lead_entry_id",
                                                   /* version 25: no one objects to marketing */
                                                   "contact.marketing_objection", NULL };

/* Schema objects a later version drops on purpose: version 7 the index of
 * links by target, which no query read */
#define DROPPED_BY_UPGRADE "('contact_link_target')"

static GPtrArray *
dump_table (sqlite3    *db,
            const char *table)
{
  /* of the schema, that every table, index and trigger is still there: a
   * later version may extend a table (ALTER TABLE rewrites its SQL) */
  g_autofree char *sql = g_str_equal (table, "sqlite_master")
                         ? g_strdup ("SELECT type, name, tbl_name FROM sqlite_master"
                                     " WHERE name NOT IN " DROPPED_BY_UPGRADE)
                         : g_strdup_printf ("SELECT * FROM \"%s\"", table);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int column = 0; column < sqlite3_column_count (stmt); column++)
        {
          g_autofree char *qualified = g_strconcat (table, ".",
                                                    sqlite3_column_name (stmt, column), NULL);

          if (g_strv_contains (filled_by_upgrade, qualified))
            continue;
          g_string_append_printf (row, "%s%s=", row->len > 0 ? "|" : "",
                                  sqlite3_column_name (stmt, column));
          append_value (row, stmt, column);
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (rows, (GCompareFunc) g_strcmp0);

  return rows;
}

/* table name -> its dump, for every table of the database at @path */
static GHashTable *
dump_database (const char *path)
{
  GHashTable *dump = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  sqlite3 *db = open_plain (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);

      g_hash_table_insert (dump, g_strdup (table), dump_table (db, table));
    }
  sqlite3_finalize (stmt);

  /* the schema itself counts too */
  g_hash_table_insert (dump, g_strdup ("sqlite_master"),
                       dump_table (db, "sqlite_master"));
  sqlite3_close (db);

  return dump;
}

static gboolean
rows_contain (GPtrArray  *rows,
              const char *row)
{
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (rows, i), row))
        return TRUE;
    }

  return FALSE;
}

/* Every row of every table in @before is in @after, unchanged; tables
 * named in @may_grow may have rows added, all others have exactly the
 * same rows. */
static void
assert_rows_kept (GHashTable         *before,
                  GHashTable         *after,
                  const char * const *may_grow)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *table = key;
      GPtrArray *old_rows = value;
      GPtrArray *new_rows = g_hash_table_lookup (after, table);

      if (new_rows == NULL)
        {
          g_test_fail_printf ("table %s is gone", table);
          continue;
        }

      for (guint i = 0; i < old_rows->len; i++)
        {
          if (!rows_contain (new_rows, g_ptr_array_index (old_rows, i)))
            g_test_fail_printf ("table %s lost or changed the row %s", table,
                                (const char *) g_ptr_array_index (old_rows, i));
        }

      if (may_grow == NULL || !g_strv_contains (may_grow, table))
        g_assert_cmpuint (new_rows->len, ==, old_rows->len);
    }
}

static void
assert_dumps_equal (GHashTable *a,
                    GHashTable *b)
{
  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  assert_rows_kept (a, b, NULL);
}

/* Takes the activities' search index out of @before and @after: schema
 * 26 made it anew and indexed every activity, also those a test wrote
 * into an older file without their documents */
static void
forget_activity_search (GHashTable *before,
                        GHashTable *after)
{
  const char *tables[] = { "sqlite_master", "activity_search", "activity_search_data",
                           "activity_search_idx", "activity_search_docsize",
                           "activity_search_content", "activity_search_config" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_hash_table_remove (before, tables[i]);
      g_hash_table_remove (after, tables[i]);
    }
}

static gint64
rowid_of_id (KontorStore *store,
             const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorRecord) record = kontor_store_load (store, KONTOR_TYPE_CONTACT, id, &error);

  g_assert_no_error (error);

  return kontor_record_get_rowid (record);
}

/* The ids of the contacts @text finds, sorted */
static GStrv
search (KontorStore *store,
        const char  *text)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  GStrv ids;

  kontor_filter_set_search_text (filter, text);
  g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < rowids->len; i++)
    {
      g_autoptr(KontorRecord) record =
        kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT, g_array_index (rowids, gint64, i),
                                    &error);

      g_assert_no_error (error);
      g_strv_builder_add (builder, kontor_record_get_id (record));
    }
  ids = g_strv_builder_end (builder);
  sort_strv (ids);

  return ids;
}

static void
assert_search (KontorStore *store,
               const char  *text,
               ...)
{
  g_auto(GStrv) found = search (store, text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  const char *id;
  va_list args;

  va_start (args, text);
  while ((id = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, id);
  va_end (args);
  expected = g_strv_builder_end (builder);
  sort_strv (expected);

  if (!g_strv_equal ((const char * const *) found, (const char * const *) expected))
    {
      g_autofree char *found_text = g_strjoinv (", ", found);
      g_autofree char *expected_text = g_strjoinv (", ", expected);

      g_test_fail_printf ("“%s” found [%s], expected [%s]", text, found_text, expected_text);
    }
}

/* name + sql of every schema object, sorted */
static GStrv
schema_of (const char *path)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3 *db = open_plain (path);
  sqlite3_stmt *stmt = NULL;
  GStrv schema;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type || ' ' || name || ': ' || "
                                           "coalesce(sql, '') FROM sqlite_master", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  schema = g_strv_builder_end (builder);
  sort_strv (schema);

  return schema;
}

/* The schema of the database at @path equals that of a new one */
static void
assert_schema_of_new (const char *path)
{
  g_autofree char *new_path = kontor_test_db_path ();
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) upgraded = NULL;
  g_auto(GStrv) fresh = NULL;

  store = kontor_store_open (new_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  upgraded = schema_of (path);
  fresh = schema_of (new_path);
  g_assert_cmpstrv (upgraded, fresh);

  remove_database (new_path);
}

/* ------------------------------------------------------------------------ */
/* Tests */

static void
test_create_at_version_1 (void)
{
  g_autofree char *path = kontor_test_db_path ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 1, &error));
  g_assert_no_error (error);

  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "PRAGMA user_version", NULL), ==, 1);
  g_assert_cmpint (kontor_test_db_query_int (db,
                                             "SELECT count(*) FROM pipeline_status", NULL), ==, 6);
  g_assert_cmpint (kontor_test_db_query_int (db,
                                             "SELECT count(*) FROM sqlite_master WHERE name IN "
                                             "('contact_search', 'number_range')", NULL), ==, 0);
  /* only the schema: no identity, no user yet */
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM app_user", NULL), ==, 0);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM sync_state", NULL), ==, 0);
  sqlite3_close (db);

  remove_database (path);
}

static void
test_upgrade_keeps_every_row (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = dump_database (path);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", "number_range", NULL };
  sqlite3 *db;

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);

  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);

  /* every row of every table, value by value; only the store's own
   * bookkeeping (the sort locale) is added */
  after = dump_database (path);
  assert_rows_kept (before, after, may_grow);

  /* the new tables */
  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db,
                                             "SELECT count(*) FROM contact_search", NULL), ==, 3);
  /* the contacts' range (version 2) and the companies' (version 9) */
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM number_range", NULL), ==, 2);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT sum(next_value) FROM number_range",
                                             NULL), ==, 2);
  /* version 5: a contact was in its column since it was last changed */
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact"
                                                 " WHERE pipeline_entered_at != updated_at",
                                             NULL), ==, 0);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM pipeline_status"
                                                 " WHERE stale_days != 0", NULL), ==, 0);
  /* version 4: a board column's index holds the cards' ranks and statuses */
  g_assert_cmpint (kontor_test_db_query_int (db,
                                             "SELECT count(*) FROM pragma_index_info"
                                             " ('contact_pipeline') WHERE name IN"
                                             " ('pipeline_status_id', 'rank', 'status')",
                                             NULL), ==, 3);
  sqlite3_close (db);

  remove_database (path);
}

static void
test_upgrade_records_load (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorContact) juergen = NULL;
  g_autoptr(KontorContact) bjoern = NULL;
  g_autoptr(KontorCompany) company = NULL;
  g_autoptr(KontorUser) bernd = NULL;
  g_autoptr(GError) error = NULL;
  const char *reps[] = { USER_ANNA, NULL };
  const char *assignees[] = { USER_BERND, NULL };
  const char *teams[] = { TEAM_SUED, NULL };
  GPtrArray *phones;

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);

  juergen = kontor_store_load (store, KONTOR_TYPE_CONTACT, JUERGEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_contact_get_first_name (juergen), ==, "Jürgen");
  g_assert_cmpstr (kontor_contact_get_last_name (juergen), ==, "Müller");
  g_assert_cmpstr (kontor_contact_get_title (juergen), ==, "Dr.");
  g_assert_cmpint (kontor_contact_get_salutation (juergen), ==, KONTOR_SALUTATION_MR);
  g_assert_cmpstr (kontor_contact_get_company_name (juergen), ==, "Müller & Söhne GmbH");
  g_assert_cmpstr (kontor_contact_get_street (juergen), ==, "Hauptstraße 1");
  g_assert_cmpstr (kontor_contact_get_birthday (juergen), ==, "1970-01-31");
  g_assert_cmpint (kontor_contact_get_status (juergen), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_name (juergen), ==,
                   "Successfully contacted");
  g_assert_cmpstr (kontor_contact_get_customer_number (juergen), ==, "K-2025-00001");
  g_assert_cmpstr (kontor_contact_get_primary_email (juergen), ==, "j.mueller@example.de");
  phones = kontor_contact_get_phones (juergen);
  g_assert_cmpuint (phones->len, ==, 2);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (phones, 0))->value, ==, "030/1234567");
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (phones, 1))->label, ==, "mobile");
  g_assert_cmpstrv (kontor_contact_get_sales_reps (juergen), reps);
  g_assert_cmpstrv (kontor_contact_get_assignees (juergen), assignees);
  g_assert_cmpstr (kontor_contact_get_assigned_team_id (juergen), ==, TEAM_SUED);
  g_assert_cmpint (kontor_contact_get_last_activity_at (juergen), ==, 1700000200);
  g_assert_cmpint (kontor_record_get_rev (KONTOR_RECORD (juergen)), ==, 12);

  bjoern = kontor_store_load (store, KONTOR_TYPE_CONTACT, BJOERN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kontor_contact_get_status (bjoern), ==, KONTOR_CONTACT_STATUS_ARCHIVED);
  g_assert_cmpint (kontor_contact_get_previous_status (bjoern), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_assert_true (kontor_contact_get_is_lead (bjoern));
  g_assert_cmpint (kontor_contact_get_language (bjoern), ==, KONTOR_LANGUAGE_EN);

  company = kontor_store_load (store, KONTOR_TYPE_COMPANY, COMPANY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_company_get_customer_number (company), ==, "K-2025-00007");
  g_assert_cmpuint (kontor_company_get_phones (company)->len, ==, 1);

  bernd = kontor_store_load (store, KONTOR_TYPE_USER, USER_BERND, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_user_get_full_name (bernd), ==, "Bernd Groß");
  g_assert_cmpstrv (kontor_user_get_teams (bernd), teams);

  /* this installation keeps its identity */
  g_assert_cmpstr (kontor_store_get_client_id (store), ==, CLIENT_ID);
  g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (kontor_store_get_current_user (store))),
                   ==, USER_ANNA);
  g_assert_cmpint (kontor_store_count_outbox (store, NULL), ==, 2);

  g_clear_object (&store);
  remove_database (path);
}

static void
test_upgrade_search_finds_old_contacts (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);

  assert_search (store, "jurgen", JUERGEN, NULL);
  assert_search (store, "Jürgen", JUERGEN, NULL);
  assert_search (store, "juergen", JUERGEN, NULL);
  /* the company's name is part of its contacts' documents */
  assert_search (store, "muller", JUERGEN, NAMELESS, NULL);
  assert_search (store, "Müller", JUERGEN, NAMELESS, NULL);
  assert_search (store, "mueller", JUERGEN, NAMELESS, NULL);
  assert_search (store, "bjorn", BJOERN, NULL);
  assert_search (store, "bjoern", BJOERN, NULL);
  assert_search (store, "weiss", BJOERN, NULL);
  assert_search (store, "j.mueller@", JUERGEN, NULL);
  assert_search (store, "030 123", JUERGEN, NULL);
  assert_search (store, "+49 30 12", JUERGEN, NULL);
  assert_search (store, "4930", JUERGEN, NULL);
  assert_search (store, "0171 234", JUERGEN, NULL);
  assert_search (store, "K-2025-00001", JUERGEN, NULL);
  assert_search (store, "kaffee", JUERGEN, NULL);
  assert_search (store, "nirgendwer", NULL);

  /* and the old rows take part in new changes */
  g_assert_cmpint (rowid_of_id (store, JUERGEN), >, 0);

  g_clear_object (&store);
  remove_database (path);
}

static void
test_upgrade_same_schema_as_new (void)
{
  g_autofree char *old_path = make_version_1 (NULL);
  g_autoptr(KontorStore) old_store = NULL;
  g_autoptr(GError) error = NULL;

  old_store = kontor_store_open (old_path, &error);
  g_assert_no_error (error);
  g_clear_object (&old_store);

  assert_schema_of_new (old_path);
  remove_database (old_path);
}

static void
test_second_open_no_op (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) second = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  first = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  second = dump_database (path);

  assert_dumps_equal (first, second);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);

  remove_database (path);
}

static void
assert_failed_upgrade_changes_nothing (const char *obstacle_sql,
                                       const char *remove_obstacle_sql)
{
  g_autofree char *path = make_version_1 (obstacle_sql);
  g_autoptr(GHashTable) before = dump_database (path);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  store = kontor_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == KONTOR_STORE_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* still version 1, every row and schema object as it was, no trace of
   * the half-made version 2 (the FTS5 table and its shadow tables) */
  g_assert_cmpint (user_version_of (path), ==, 1);
  after = dump_database (path);
  assert_dumps_equal (before, after);

  /* and once the obstacle is gone, the upgrade works */
  db = open_plain (path);
  kontor_test_db_exec (db, remove_obstacle_sql);
  sqlite3_close (db);
  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 3);
  g_clear_object (&store);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);

  remove_database (path);
}

static void
test_failed_upgrade_first_statement (void)
{
  /* the very first statement of version 2 fails */
  assert_failed_upgrade_changes_nothing ("CREATE TABLE contact_search (x TEXT);"
                                         "INSERT INTO contact_search VALUES ('im Weg');",
                                         "DROP TABLE contact_search");
}

static void
test_failed_upgrade_half_way (void)
{
  /* the search index is made, then the number range fails */
  assert_failed_upgrade_changes_nothing ("CREATE TABLE number_range (x TEXT);",
                                         "DROP TABLE number_range");
}

/* Version 6 to 7 (the lean layout): a version 6 database as version 6
 * wrote it, with contacts, e-mail addresses and phone numbers, links, an
 * outbox (a create, an update, one in flight), a shadow and a tombstone */
static void
test_upgrade_6_to_7 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorContact) juergen = NULL;
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", "number_range", NULL };
  g_autofree char *juergen_digits = kontor_phone_normalize ("030/1234567");
  g_autoptr(GBytes) juergen_phone_key = kontor_text_sort_key_natural (juergen_digits);
  const char *sort_indexes[] = { "contact_sort_name", "contact_sort_company", "contact_sort_email",
                                 "contact_sort_phone", "contact_sort_number",
                                 "contact_last_activity", "contact_status" };
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 6, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, 6);
  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact_search", NULL),
                   ==, 3);
  sqlite3_close (db);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);

  /* every row of every table kept (the sort keys are made anew) */
  g_clear_object (&store);
  after = dump_database (path);
  assert_rows_kept (before, after, may_grow);

  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM outbox", NULL), ==, 2);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM tombstone", NULL), ==, 1);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM record_shadow", NULL),
                   ==, 1);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact_channel", NULL),
                   ==, 4);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact_link", NULL), ==, 2);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM sqlite_master"
                                                 " WHERE name = 'contact_link_target'", NULL),
                   ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sort_indexes); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master"
                                              " WHERE type = 'index' AND name = '%s'",
                                              sort_indexes[i]);
      g_assert_cmpint (kontor_test_db_query_int (db, sql, NULL), ==, 1);
    }
  /* the keys of version 7: a phone number's is its digits' natural key
   * alone, without the text after it */
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT length (sort_phone) FROM contact"
                                                 " WHERE id = '" JUERGEN "'", NULL),
                   ==, g_bytes_get_size (juergen_phone_key));
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact"
                                                 " WHERE sort_phone != x'ff'", NULL), ==, 1);
  sqlite3_close (db);

  /* the records load, are found and take part in new changes */
  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  juergen = kontor_store_load (store, KONTOR_TYPE_CONTACT, JUERGEN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_contact_get_phones (juergen)->len, ==, 2);
  assert_search (store, "+49 30", JUERGEN, NULL);
  assert_search (store, "0171 234", JUERGEN, NULL);
  assert_search (store, "Müller", JUERGEN, NAMELESS, NULL);
  kontor_contact_set_city (juergen, "Augsburg");
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (juergen), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_store_count_outbox (store, NULL), ==, 2);

  g_clear_object (&store);
  remove_database (path);
}

static gboolean
is_search_table (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  return g_str_has_prefix (key, "contact_search");
}

/* Version 5 to 7 (phone tokens, then the lean layout): both rewrites in
 * one pass, with the search table and the order indexes made anew
 * (src/README.md "Migrations"); nothing lost, the schema a new one's */
static void
test_upgrade_5_to_7 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", "number_range", NULL };
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 5, &error));
  g_assert_no_error (error);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);
  assert_search (store, "+49 30", JUERGEN, NULL);
  assert_search (store, "0171 234", JUERGEN, NULL);
  assert_search (store, "Müller", JUERGEN, NAMELESS, NULL);
  g_clear_object (&store);

  /* the search table is made anew, with the phone tokens of version 6 */
  after = dump_database (path);
  g_hash_table_foreach_remove (before, is_search_table, NULL);
  g_hash_table_foreach_remove (after, is_search_table, NULL);
  assert_rows_kept (before, after, may_grow);
  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact_search", NULL),
                   ==, kontor_test_db_query_int (db, "SELECT count(*) FROM contact", NULL));
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM outbox", NULL), ==, 2);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM tombstone", NULL), ==, 1);
  sqlite3_close (db);

  assert_schema_of_new (path);
  remove_database (path);
}

/* Version 7 to 9 (former employments, the companies' number range): a
 * new table and a new range, nothing else touched; the schema a new
 * one's; an employment is stored, a company gets a number of its range */
static void
test_upgrade_7_to_9 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorContact) juergen = NULL;
  g_autoptr(KontorCompany) company = NULL;
  g_autoptr(KontorEmployment) employment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", "number_range", NULL };

  g_assert_true (_kontor_store_create_at_version (path, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, 7);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  after = dump_database (path);
  assert_rows_kept (before, after, may_grow);
  assert_schema_of_new (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  juergen = kontor_store_load (store, KONTOR_TYPE_CONTACT, JUERGEN, &error);
  g_assert_no_error (error);
  company = kontor_company_new ("Hansa Logistik");
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (company), &error));
  g_assert_no_error (error);
  employment = kontor_employment_new (JUERGEN, kontor_record_get_id (KONTOR_RECORD (company)));
  kontor_employment_set_ended_on (employment, "2026-12-01");
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (employment), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox "
                                          "WHERE entity = 'employment' AND op = 'create'",
                                          NULL), ==, 1);
  number = kontor_store_assign_number (store, KONTOR_RECORD (company), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (number, "F-"));

  g_clear_object (&store);
  remove_database (path);
}

/* Version 14 to 15 (activities): a new table, nothing else touched; the schema a new one's. A last activity
 * written before (the sample team's) stays until the contact's first
 * activity, which then sets it; deleting that one leaves none. */
static void
test_upgrade_14_to_15 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorContact) juergen = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", "number_range", NULL };

  g_assert_true (_kontor_store_create_at_version (path, 14, &error));
  g_assert_no_error (error);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  after = dump_database (path);
  assert_rows_kept (before, after, may_grow);
  assert_schema_of_new (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  juergen = kontor_store_load (store, KONTOR_TYPE_CONTACT, JUERGEN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kontor_contact_get_last_activity_at (juergen), ==, 1700000200);

  call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (juergen));
  kontor_activity_set_starts_at (call, 1600000000);
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (call), &error));
  g_assert_no_error (error);
  g_clear_object (&juergen);
  juergen = kontor_store_load (store, KONTOR_TYPE_CONTACT, JUERGEN, &error);
  g_assert_cmpint (kontor_contact_get_last_activity_at (juergen), ==, 1600000000);

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (call), &error));
  g_assert_no_error (error);
  g_clear_object (&juergen);
  juergen = kontor_store_load (store, KONTOR_TYPE_CONTACT, JUERGEN, &error);
  g_assert_cmpint (kontor_contact_get_last_activity_at (juergen), ==, 0);

  g_clear_object (&store);
  remove_database (path);
}

/* Version 21 to 22 (who took part, as rows): the participants already in
 * activities' lists are indexed, rows kept, the schema a new one's; the
 * triggers keep the index from then on */
static void
test_upgrade_21_to_22 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", NULL };
  const char *user = "0190a000-0000-7000-8000-0000000000aa";
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 21, &error));
  g_assert_no_error (error);
  db = open_plain (path);
  kontor_test_db_exec (db, "INSERT INTO activity (id, created_at, updated_at, kind, contact_id,"
                           " starts_at, participant_contacts, participant_users) VALUES"
                           " ('0190a000-0000-7000-8000-0000000000a1', 1, 1, 4, '" JUERGEN "', 5,"
                           "  '[\"" COMPANY "\"]', '[\"0190a000-0000-7000-8000-0000000000aa\"]'),"
                           " ('0190a000-0000-7000-8000-0000000000a2', 1, 1, 4, '" JUERGEN "', 6,"
                           "  NULL, 'not json')");
  sqlite3_close (db);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  after = dump_database (path);
  forget_activity_search (before, after);
  assert_rows_kept (before, after, may_grow);
  assert_schema_of_new (path);

  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM activity_participant",
                                             NULL), ==, 2);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM activity_participant"
                                                 " WHERE person_id = ?1", user), ==, 1);
  sqlite3_close (db);

  /* from then on the triggers keep it: an edit, a delete */
  store = kontor_store_open (path, &error);
  call = KONTOR_ACTIVITY (kontor_store_load (store, KONTOR_TYPE_ACTIVITY,
                                             "0190a000-0000-7000-8000-0000000000a1", &error));
  g_assert_no_error (error);
  kontor_activity_set_participant_contact_ids (call, NULL);
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (call), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity_participant",
                                          NULL), ==, 1);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (call), &error));
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity_participant",
                                          NULL), ==, 0);

  g_clear_object (&store);
  remove_database (path);
}

/* Version 22 to 23 (a merged contact's tombstone names the kept one):
 * the tombstones kept, merged into nothing; the schema a new one's */
static void
test_upgrade_22_to_23 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", NULL };
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 22, &error));
  g_assert_no_error (error);
  db = open_plain (path);
  kontor_test_db_exec (db, "INSERT INTO tombstone (entity, id, deleted_at, rev) VALUES"
                           " ('contact', '0190a000-0000-7000-8000-0000000000d1', 7, 3)");
  sqlite3_close (db);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  after = dump_database (path);
  assert_rows_kept (before, after, may_grow);
  assert_schema_of_new (path);

  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM tombstone WHERE"
                                                 " merged_into IS NOT NULL", NULL), ==, 0);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM tombstone WHERE"
                                                 " id = '0190a000-0000-7000-8000-0000000000d1'",
                                             NULL), ==, 1);
  sqlite3_close (db);
  remove_database (path);
}

/* Version 23 to 24 (lead projects): every row kept, the three tables
 * there and empty, the schema a new one's; a project with a contact's
 * entry can be stored in the upgraded file and the UNIQUE (project,
 * contact) holds */
static void
test_upgrade_23_to_24 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", NULL };
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 23, &error));
  g_assert_no_error (error);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  after = dump_database (path);
  assert_rows_kept (before, after, may_grow);
  assert_schema_of_new (path);

  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM lead_project", NULL),
                   ==, 0);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM lead_status", NULL),
                   ==, 0);
  kontor_test_db_exec (db, "INSERT INTO lead_project (id, created_at, updated_at, name)"
                           " VALUES ('0190a000-0000-7000-8000-0000000000e1', 1, 1, 'Messe')");
  kontor_test_db_exec (db, "INSERT INTO lead_entry (id, created_at, updated_at, project_id,"
                           " contact_id, status_id, value_cents) SELECT"
                           " '0190a000-0000-7000-8000-0000000000e2', 1, 1,"
                           " '0190a000-0000-7000-8000-0000000000e1', id, 's', 125 FROM contact"
                           " ORDER BY rid LIMIT 1");
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT sum (value_cents) FROM lead_entry",
                                             NULL), ==, 125);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO lead_entry (id, created_at, updated_at,"
                                     " project_id, contact_id, status_id) SELECT"
                                     " '0190a000-0000-7000-8000-0000000000e3', 1, 1,"
                                     " project_id, contact_id, 's' FROM lead_entry",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
  remove_database (path);
}

/* A new collation makes every sort key anew, with the order indexes
 * dropped and made again: they are all there afterwards, and used */
/* Version 24 to 25 (objection to marketing): every row kept, every
 * contact there without an objection and allowed marketing, the schema a
 * new one's; an objection saved in the upgraded file loads again */
static void
test_upgrade_24_to_25 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorContact) juergen = NULL;
  g_autoptr(KontorContact) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", "sqlite_master", NULL };
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 24, &error));
  g_assert_no_error (error);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);

  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact", NULL), >, 0);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact WHERE"
                                                 " marketing_objection != 0", NULL), ==, 0);
  sqlite3_close (db);

  juergen = KONTOR_CONTACT (kontor_store_load (store, KONTOR_TYPE_CONTACT, JUERGEN, &error));
  g_assert_no_error (error);
  g_assert_false (kontor_contact_get_marketing_objection (juergen));
  g_assert_true (kontor_contact_allows_marketing (juergen));
  g_clear_object (&store);

  after = dump_database (path);
  assert_rows_kept (before, after, may_grow);
  assert_schema_of_new (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  kontor_contact_set_marketing_objection (juergen, TRUE);
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (juergen), &error));
  g_assert_no_error (error);
  again = KONTOR_CONTACT (kontor_store_load (store, KONTOR_TYPE_CONTACT, JUERGEN, &error));
  g_assert_no_error (error);
  g_assert_true (kontor_contact_get_marketing_objection (again));
  g_assert_false (kontor_contact_allows_marketing (again));
  g_clear_object (&store);
  remove_database (path);
}

/* Version 25 to 26 (search over files' names and lead notes): every row
 * kept but the activities' search index, made anew with the files'
 * names; a search finds a contact by an activity's file stored before,
 * and by a lead entry's notes; the schema a new one's */
static void
test_upgrade_25_to_26 (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GError) error = NULL;
  const char *may_grow[] = { "meta", NULL };
  sqlite3 *db;

  g_assert_true (_kontor_store_create_at_version (path, 25, &error));
  g_assert_no_error (error);
  db = open_plain (path);
  kontor_test_db_exec (db, "INSERT INTO activity (id, created_at, updated_at, kind, contact_id,"
                           " starts_at, subject, attachments) VALUES"
                           " ('0190a000-0000-7000-8000-0000000000a1', 1, 1, 4, '" JUERGEN "', 5,"
                           "  'Besuch', '[{\"sha256\":\"0123456789abcdef0123456789abcdef"
                           "0123456789abcdef0123456789abcdef\",\"name\":\"Preisliste Süd.pdf\","
                           "\"size\":3}]')");
  kontor_test_db_exec (db, "INSERT INTO lead_project (id, created_at, updated_at, name)"
                           " VALUES ('0190a000-0000-7000-8000-0000000000e1', 1, 1, 'Messe')");
  kontor_test_db_exec (db, "INSERT INTO lead_entry (id, created_at, updated_at, project_id,"
                           " contact_id, status_id, notes) VALUES"
                           " ('0190a000-0000-7000-8000-0000000000e2', 1, 1,"
                           " '0190a000-0000-7000-8000-0000000000e1', '" JUERGEN "', 's',"
                           " 'Wünscht Rückruf')");
  sqlite3_close (db);
  before = dump_database (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version_of (path), ==, KONTOR_STORE_SCHEMA_VERSION);
  g_clear_object (&store);

  after = dump_database (path);
  forget_activity_search (before, after);
  assert_rows_kept (before, after, may_grow);
  assert_schema_of_new (path);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  kontor_filter_set_search_text (filter, "preisliste sued");
  g_assert_cmpint (kontor_store_count_contacts (store, filter, &error), ==, 1);
  g_assert_no_error (error);
  kontor_filter_set_search_text (filter, "rueckruf");
  g_assert_cmpint (kontor_store_count_contacts (store, filter, &error), ==, 1);
  g_assert_no_error (error);
  kontor_filter_set_search_text (filter, "besuch");
  g_assert_cmpint (kontor_store_count_contacts (store, filter, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&store);
  remove_database (path);
}

static void
test_locale_change_rewrites_keys (void)
{
  g_autofree char *path = make_version_1 (NULL);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  sqlite3 *db;

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  before = schema_of (path);

  db = open_plain (path);
  kontor_test_db_exec (db, "UPDATE meta SET value = 'xx_XX.UTF-8' WHERE key = 'sort-locale';"
                           "UPDATE contact SET sort_name = x'00', sort_phone = x'00'");
  sqlite3_close (db);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  after = schema_of (path);
  g_assert_cmpstrv (before, after);

  db = open_plain (path);
  g_assert_cmpint (kontor_test_db_query_int (db, "SELECT count(*) FROM contact"
                                                 " WHERE sort_name = x'00' OR sort_phone = x'00'",
                                             NULL), ==, 0);
  sqlite3_close (db);

  remove_database (path);
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-migrations/create-at-version-1", test_create_at_version_1);
  g_test_add_func ("/store-migrations/1-to-2/keeps-every-row", test_upgrade_keeps_every_row);
  g_test_add_func ("/store-migrations/1-to-2/records-load", test_upgrade_records_load);
  g_test_add_func ("/store-migrations/1-to-2/search-finds-old-contacts",
                   test_upgrade_search_finds_old_contacts);
  g_test_add_func ("/store-migrations/1-to-2/same-schema-as-new", test_upgrade_same_schema_as_new);
  g_test_add_func ("/store-migrations/second-open-no-op", test_second_open_no_op);
  g_test_add_func ("/store-migrations/6-to-7/keeps-every-row", test_upgrade_6_to_7);
  g_test_add_func ("/store-migrations/5-to-7/keeps-every-row", test_upgrade_5_to_7);
  g_test_add_func ("/store-migrations/7-to-9/employment-and-company-numbers",
                   test_upgrade_7_to_9);
  g_test_add_func ("/store-migrations/14-to-15/activities", test_upgrade_14_to_15);
  g_test_add_func ("/store-migrations/21-to-22/participants", test_upgrade_21_to_22);
  g_test_add_func ("/store-migrations/22-to-23/merged-into", test_upgrade_22_to_23);
  g_test_add_func ("/store-migrations/23-to-24/lead-projects", test_upgrade_23_to_24);
  g_test_add_func ("/store-migrations/24-to-25/marketing-objection", test_upgrade_24_to_25);
  g_test_add_func ("/store-migrations/25-to-26/note-search", test_upgrade_25_to_26);
  g_test_add_func ("/store-migrations/locale-change-rewrites-keys",
                   test_locale_change_rewrites_keys);
  g_test_add_func ("/store-migrations/failed/first-statement-changes-nothing",
                   test_failed_upgrade_first_statement);
  g_test_add_func ("/store-migrations/failed/half-way-changes-nothing",
                   test_failed_upgrade_half_way);

  return g_test_run ();
}
