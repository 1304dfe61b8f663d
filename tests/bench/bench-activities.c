/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-bench-activities"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kontor-bench.h"
#include "kontor-demo-fill.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/* The list of all activities (feature A6, src/README.md "Activities" and
 * "Performance targets"): KONTOR_BENCH_ACTIVITIES (default 100,000)
 * activities on 5,000 sample contacts, stored through the store, then
 * the list's queries (kontor_store_query_rowids(): newest first, searched,
 * by kind, open tasks) timed KONTOR_BENCH_RUNS times each. The anchors, in
 * the same run on the same machine: the same texts in a plain FTS5 table
 * of a fresh database asked the same MATCH (bare_fts), the same with the
 * rows in the list's order (bare_fts_ordered: what the list must do), and
 * a plain table with the same "when" read newest first by its index.
 * One activity in ten has a colleague and another contact taking part
 * (feature A4): the list of a colleague's (activities_participant_p95_ms,
 * beside the whole list) and a contact's timeline with those it took
 * part in (activities_timeline_p95_ms) are timed too; read with
 * json_each() row by row they took 106 ms and 29 ms, through the index
 * table of schema 22 2 ms and 0.3 ms. The list of a contact who took
 * part (activities_contact_participant_p95_ms: recorded on them or a
 * participant) and what typing part of a name in "Contact taking part"
 * asks of 5,000 contacts (activities_find_contact_p95_ms) are timed
 * beside the whole list too.
 * Prints one JSON object: activities_search_p95_ms beside them. */

static const char *subjects[] = {
  "Rückruf wegen Angebot", "Nachfrage zur Lieferung", "Terminabstimmung", "Erstgespräch",
  "Preisverhandlung", "Angebot verschickt", "Unterlagen nachgereicht", "Jahresgespräch",
  "Produktvorführung", "Mittagessen mit der Geschäftsführung", "Muster versenden",
  "Vertrag vorbereiten", "Interesse an Wartungsvertrag", "Budget erst im Frühjahr",
};

static const char *words[] = {
  "Lieferung", "Rabatt", "Wartung", "Ersatzteile", "Messe", "Hannover", "Schulung",
  "Reklamation", "Rechnung", "Einkauf", "Geschäftsführung", "Zahlungsziel", "Brötchen",
  "Müller", "Kühlung", "Förderband", "Steuerung", "Angebot", "Termin", "Vertrag",
};

/* What a user types into the search: common and rare words, prefixes,
 * umlauts written both ways, two words */
static const char *queries[] = {
  "angebot", "lieferung", "rückruf", "rueckruf", "muell", "hannover", "reklamation rechnung",
  "förder", "vertrag schulung", "xyz",
};

static void
check_sqlite (sqlite3    *db,
              int         rc,
              const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static char *
make_notes (GRand *rand)
{
  GString *notes = g_string_new (NULL);
  guint n = 4 + g_rand_int_range (rand, 0, 12);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (notes, "%s%s", i > 0 ? " " : "",
                            words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);

  return g_string_free (notes, FALSE);
}

static GPtrArray *
make_activities (KontorStore *store,
                 guint        n,
                 GRand       *rand)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *activities = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = G_GINT64_CONSTANT (1795521600);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KontorFilter) all = kontor_filter_new ();
  g_autoptr(GPtrArray) users = NULL;

  if (!kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, all, rowids, &error))
    g_error ("listing the contacts: %s", error->message);
  contacts = _kontor_store_load_rowids (store, _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT),
                                        rowids, &error);
  if (contacts == NULL)
    g_error ("loading the contacts: %s", error->message);
  users = kontor_store_list_users (store, &error);
  if (users == NULL || users->len == 0)
    g_error ("listing the colleagues: %s", error != NULL ? error->message : "none");

  for (guint i = 0; i < n; i++)
    {
      KontorContact *contact = g_ptr_array_index (contacts, g_rand_int_range (rand, 0, contacts->len));
      KontorActivityKind kind = g_rand_int_range (rand, 0, KONTOR_ACTIVITY_N_KINDS);
      KontorActivity *activity = kontor_activity_new (kind, KONTOR_RECORD (contact));
      g_autofree char *notes = make_notes (rand);

      kontor_activity_set_subject (activity, subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))]);
      kontor_activity_set_notes (activity, notes);
      if (kind == KONTOR_ACTIVITY_KIND_TASK)
        {
          if (g_rand_int_range (rand, 0, 3) == 0)
            kontor_activity_set_due_on (activity, "2026-12-01");
          else
            kontor_activity_complete (activity, TRUE, now - g_rand_int_range (rand, 0, 200 * 86400));
        }
      else
        kontor_activity_set_starts_at (activity, now - g_rand_int_range (rand, 0, 400 * 86400));
      /* one in ten has a colleague and another contact taking part (A4) */
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          KontorRecord *user = g_ptr_array_index (users, g_rand_int_range (rand, 0, users->len));
          KontorRecord *other = g_ptr_array_index (contacts,
                                                   g_rand_int_range (rand, 0, contacts->len));
          const char *user_ids[] = { kontor_record_get_id (user), NULL };
          const char *contact_ids[] = { kontor_record_get_id (other), NULL };

          kontor_activity_set_participant_user_ids (activity, user_ids);
          if (other != KONTOR_RECORD (contact))
            kontor_activity_set_participant_contact_ids (activity, contact_ids);
        }
      g_ptr_array_add (activities, activity);
    }

  return activities;
}

static double
time_store_query (KontorStore  *store,
                  KontorFilter *filter,
                  guint        *hits)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  double start = kontor_bench_now_ms ();

  if (!kontor_store_query_rowids (store, KONTOR_TYPE_ACTIVITY, filter, rowids, &error))
    g_error ("query: %s", error->message);
  *hits = rowids->len;

  return kontor_bench_now_ms () - start;
}

static double
time_bare_query (sqlite3      *db,
                 sqlite3_stmt *stmt,
                 const char   *match,
                 guint        *hits)
{
  double start = kontor_bench_now_ms ();
  int rc;

  *hits = 0;
  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    (*hits)++;
  check_sqlite (db, rc, "bare query");
  sqlite3_reset (stmt);

  return kontor_bench_now_ms () - start;
}

/* The same texts and times as plain tables of a fresh database */
static sqlite3 *
make_anchor (KontorStore *store,
             const char  *path)
{
  sqlite3 *db = NULL;
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS kontor", kontor_store_get_path (store));

  check_sqlite (db, sqlite3_open (path, &db), "open anchor");
  check_sqlite (db, sqlite3_exec (db,
                                  "PRAGMA journal_mode = WAL;"
                                  "CREATE VIRTUAL TABLE bare_search USING fts5 (subject, notes,"
                                  " tokenize = 'unicode61 remove_diacritics 2');"
                                  "CREATE TABLE bare (id INTEGER PRIMARY KEY, at INTEGER);"
                                  "CREATE INDEX bare_at ON bare (at, id);",
                                  NULL, NULL, NULL), "anchor schema");
  check_sqlite (db, sqlite3_exec (db, attach, NULL, NULL, NULL), "attach");
  check_sqlite (db, sqlite3_exec (db,
                                  "INSERT INTO bare_search (rowid, subject, notes)"
                                  " SELECT rid, subject, notes FROM kontor.activity;"
                                  "INSERT INTO bare SELECT rid, CASE WHEN starts_at > 0 THEN"
                                  " starts_at WHEN done_at > 0 THEN done_at ELSE created_at END"
                                  " FROM kontor.activity;"
                                  "DETACH kontor;",
                                  NULL, NULL, NULL), "anchor rows");

  return db;
}

int
main (int   argc,
      char *argv[])
{
  guint n = kontor_bench_env_uint ("KONTOR_BENCH_ACTIVITIES", 100000);
  guint runs = kontor_bench_env_uint ("KONTOR_BENCH_RUNS", 20);
  g_autofree char *dir = g_dir_make_tmp ("kontor-bench-activities-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *anchor_path = g_build_filename (dir, "anchor.db", NULL);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_list_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) participant_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) timeline_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) contact_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) find_ms = g_array_new (FALSE, FALSE, sizeof (double));
  static const char *typed[] = { "an", "schn", "mül", "wolf", "ka", "ber" };
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  KontorBenchJson *json = kontor_bench_json_new ();
  sqlite3_stmt *bare_search = NULL;
  sqlite3_stmt *bare_ordered = NULL;
  g_autoptr(GArray) bare_ordered_ms = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *bare_list = NULL;
  sqlite3 *anchor;
  double start, save_s;
  g_autofree char *out = NULL;

  store = kontor_store_open (path, &error);
  if (store == NULL || !kontor_demo_populate (store, 5000, KONTOR_DEMO_DEFAULT_SEED, NULL, &error))
    g_error ("the sample: %s", error->message);

  activities = make_activities (store, n, rand);
  users = kontor_store_list_users (store, &error);
  start = kontor_bench_now_ms ();
  if (!kontor_store_save_all (store, activities, NULL, &error))
    g_error ("saving the activities: %s", error->message);
  save_s = (kontor_bench_now_ms () - start) / 1000.0;
  kontor_bench_log ("stored %u activities in %.1f s", activities->len, save_s);

  anchor = make_anchor (store, anchor_path);
  check_sqlite (anchor, sqlite3_prepare_v2 (anchor, "SELECT rowid FROM bare_search WHERE"
                                            " bare_search MATCH ?1", -1, &bare_search, NULL),
                "prepare");
  check_sqlite (anchor, sqlite3_prepare_v2 (anchor, "SELECT b.id FROM bare_search s JOIN bare b"
                                            " ON b.id = s.rowid WHERE bare_search MATCH ?1"
                                            " ORDER BY b.at DESC, b.id DESC", -1, &bare_ordered,
                                            NULL), "prepare");
  check_sqlite (anchor, sqlite3_prepare_v2 (anchor, "SELECT id FROM bare ORDER BY at DESC, id DESC",
                                            -1, &bare_list, NULL), "prepare");

  /* run 0 warms the caches and is not counted; store and anchor alternate */
  for (guint run = 0; run <= runs; run++)
    {
      guint hits, bare_hits;
      double ms;

      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
          g_auto(GStrv) split = g_strsplit (queries[q], " ", -1);
          g_autofree char *match = NULL;

          /* the anchor asks for the same prefixes (without the
           * transliteration the store adds) */
          for (guint w = 0; split[w] != NULL; w++)
            g_ptr_array_add (parts, g_strdup_printf ("\"%s\"*", split[w]));
          g_ptr_array_add (parts, NULL);
          match = g_strjoinv (" AND ", (char **) parts->pdata);

          kontor_filter_set_search_text (filter, queries[q]);
          ms = time_store_query (store, filter, &hits);
          if (run > 0)
            g_array_append_val (search_ms, ms);
          ms = time_bare_query (anchor, bare_search, match, &bare_hits);
          if (run > 0)
            g_array_append_val (bare_ms, ms);
          ms = time_bare_query (anchor, bare_ordered, match, &bare_hits);
          if (run > 0)
            g_array_append_val (bare_ordered_ms, ms);
        }
      kontor_filter_set_search_text (filter, NULL);

      ms = time_store_query (store, filter, &hits);
      if (run > 0)
        g_array_append_val (list_ms, ms);
      ms = time_bare_query (anchor, bare_list, NULL, &bare_hits);
      if (run > 0)
        g_array_append_val (bare_list_ms, ms);
      if (run == 0 && hits != bare_hits)
        g_error ("the list has %u activities, the anchor %u", hits, bare_hits);

      kontor_filter_set_activity_kinds (filter, 1u << KONTOR_ACTIVITY_KIND_CALL);
      ms = time_store_query (store, filter, &hits);
      if (run > 0)
        g_array_append_val (filter_ms, ms);
      kontor_filter_set_activity_kinds (filter, 0);
      kontor_filter_set_open_tasks_only (filter, TRUE);
      ms = time_store_query (store, filter, &hits);
      if (run > 0)
        g_array_append_val (filter_ms, ms);
      kontor_filter_set_open_tasks_only (filter, FALSE);

      /* the list of a colleague who took part (feature A4, A6) */
      kontor_filter_set_activity_participant_id (
        filter, kontor_record_get_id (g_ptr_array_index (users, run % users->len)));
      ms = time_store_query (store, filter, &hits);
      if (run > 0)
        g_array_append_val (participant_ms, ms);
      kontor_filter_set_activity_participant_id (filter, NULL);

      /* the list of a contact who took part (feature A6): recorded on
       * them or among the participants */
      {
        KontorActivity *some = g_ptr_array_index (activities, (run * 104729) % activities->len);

        kontor_filter_set_activity_participant_id (filter, kontor_activity_get_contact_id (some));
        ms = time_store_query (store, filter, &hits);
        if (run > 0)
          g_array_append_val (contact_ms, ms);
        if (hits == 0)
          g_error ("the list of a contact with activities is empty");
        kontor_filter_set_activity_participant_id (filter, NULL);
      }

      /* what a letter more typed into "Contact taking part" asks */
      {
        g_autoptr(GPtrArray) found = NULL;

        start = kontor_bench_now_ms ();
        found = kontor_store_find_participants (store, typed[run % G_N_ELEMENTS (typed)], 6,
                                                &error);
        ms = kontor_bench_now_ms () - start;
        if (found == NULL)
          g_error ("finding contacts: %s", error->message);
        if (run > 0)
          g_array_append_val (find_ms, ms);
      }

      /* a contact's timeline: its own and those it took part in */
      {
        KontorActivity *some = g_ptr_array_index (activities, (run * 7919) % activities->len);
        g_autoptr(KontorContact) contact = kontor_store_load (
          store, KONTOR_TYPE_CONTACT, kontor_activity_get_contact_id (some), &error);
        g_autoptr(GPtrArray) timeline = NULL;

        start = kontor_bench_now_ms ();
        timeline = kontor_store_list_timeline (store, KONTOR_RECORD (contact), 0, 0, &error);
        ms = kontor_bench_now_ms () - start;
        if (timeline == NULL)
          g_error ("the timeline: %s", error->message);
        if (run > 0)
          g_array_append_val (timeline_ms, ms);
      }
    }
  sqlite3_finalize (bare_search);
  sqlite3_finalize (bare_ordered);
  sqlite3_finalize (bare_list);
  sqlite3_close (anchor);

  kontor_bench_json_add_int (json, "activities", n);
  kontor_bench_json_add_number (json, "activities_save_s", save_s);
  kontor_bench_json_add_number (json, "activities_search_p50_ms",
                                kontor_bench_percentile (search_ms, 50));
  kontor_bench_json_add_number (json, "activities_search_p95_ms",
                                kontor_bench_percentile (search_ms, 95));
  kontor_bench_json_add_number (json, "activities_bare_fts_p95_ms",
                                kontor_bench_percentile (bare_ms, 95));
  kontor_bench_json_add_number (json, "activities_bare_fts_ordered_p95_ms",
                                kontor_bench_percentile (bare_ordered_ms, 95));
  /* against the same match in the same order: what the list needs */
  kontor_bench_json_add_number (json, "activities_search_ratio",
                                kontor_bench_percentile (search_ms, 95) /
                                kontor_bench_percentile (bare_ordered_ms, 95));
  kontor_bench_json_add_number (json, "activities_list_p95_ms",
                                kontor_bench_percentile (list_ms, 95));
  kontor_bench_json_add_number (json, "activities_bare_list_p95_ms",
                                kontor_bench_percentile (bare_list_ms, 95));
  kontor_bench_json_add_number (json, "activities_filter_p95_ms",
                                kontor_bench_percentile (filter_ms, 95));
  kontor_bench_json_add_number (json, "activities_participant_p95_ms",
                                kontor_bench_percentile (participant_ms, 95));
  kontor_bench_json_add_number (json, "activities_contact_participant_p95_ms",
                                kontor_bench_percentile (contact_ms, 95));
  kontor_bench_json_add_number (json, "activities_find_contact_p95_ms",
                                kontor_bench_percentile (find_ms, 95));
  kontor_bench_json_add_number (json, "activities_timeline_p95_ms",
                                kontor_bench_percentile (timeline_ms, 95));

  out = kontor_bench_json_free (json);
  g_print ("%s\n", out);

  g_clear_object (&store);
  g_unlink (anchor_path);
  kontor_test_rmdir (dir);

  return 0;
}
