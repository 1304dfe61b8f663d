/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The import of a large CSV file (features I1, I5; src/README.md "The
 * import" and "Performance targets"):
 *
 *   generate   KONTOR_BENCH_CONTACTS (default 100,000) rows as German
 *              Excel writes them: Windows-1252, ";", a header of German
 *              column names, dates TT.MM.JJJJ, quoted fields where a ";"
 *              or a quote is inside; realistic names, companies (about one
 *              for every twenty rows, with legal forms), e-mail addresses
 *              and phone numbers in several notations;
 *   import     the file through the real reader (kontor_csv_reader_new(),
 *              the mapping guessed from the header, kontor_csv_source_new())
 *              into an empty store: kontor_import_plan() and
 *              kontor_import_run() (one store job, one transaction), timed
 *              together → import_csv_100k_s, each alone beside it;
 *   anchor     the same file into one plain table by the sqlite3 command
 *              line (`.mode csv`, `.separator ;`, `.import FILE t`),
 *              spawned in the same run → sqlite_import_100k_s; their
 *              ratio → import_ratio;
 *   CPU        on the shared machines wall time depends on the neighbours:
 *              the CPU seconds of both beside it (import_cpu_s, of it
 *              import_plan_cpu_s and import_run_cpu_s; sqlite_import_cpu_s,
 *              import_cpu_ratio);
 *   memory     the peak RSS of this process during the import (VmHWM, the
 *              peak reset before it through /proc/self/clear_refs) →
 *              import_rss_peak_mb;
 *   undo       the import's operation undone and redone as the window
 *              does, each one store job off the main thread
 *              (kontor_operation_run_async()) → import_undo_s, import_redo_s,
 *              and the peak RSS of both → import_undo_rss_peak_mb;
 *   again      the same file imported a second time in Update mode, every
 *              row a duplicate: plan and run → import_update_s, the RSS
 *              sampled at each progress report →
 *              import_update_rss_sampled_peak_mb (VmHWM beside it, where
 *              the kernel lets it be reset), and apart for the plan and
 *              the run (import_update_plan_rss_sampled_peak_mb,
 *              import_update_run_rss_sampled_peak_mb), each with its heap
 *              and mapped files at that sample (…_heap_mb, …_files_mb);
 *              the limit is 200 MB for each. With
 *              KONTOR_BENCH_IMPORT_ASYNC=1 the second import runs as the
 *              dialog runs it: plan and run on workers.
 *   floor      last, the anchor's table written by plain SQL into a fresh,
 *              empty database of Kontor's own schema (kontor_store_open(),
 *              then closed, then raw sqlite3 on the file with a store job's
 *              settings): one transaction of INSERT … SELECT, companies
 *              (one per name) and contacts with time-ordered UUIDv7-shaped
 *              ids, sort keys as blobs, the three channel kinds, the search
 *              documents (FTS5, prefix indexes), one outbox entry a record,
 *              the list-order indexes dropped and made again as the run
 *              does → import_floor_100k_s, import_floor_cpu_s, and
 *              import_floor_ratio (plan and run / floor; in CPU
 *              import_floor_cpu_ratio): what SQLite alone takes for the
 *              rows the import writes, with no Kontor code between. Its
 *              texts are the file's Windows-1252 bytes, as `.import` left
 *              them; its search documents and sort keys are simpler than
 *              the store's (no collation keys, no phone keys).
 *
 * KONTOR_BENCH_IMPORT_ONLY set: the import and the floor only, no undo,
 * redo or second import. Prints one JSON object on stdout, progress on
 * stderr. Asserts nothing about time. */

#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "kontor-bench.h"
#include "kontor-csv-mapping.h"
#include "kontor-import.h"
#include "kontor-store-private.h"

static const char *first_names[] = {
  "Anna", "Jürgen", "Thomas", "Katharina", "Michael", "Sabine", "Stefan", "Ursula", "Björn",
  "Jörg", "Sören", "Andrea", "Claudia", "Peter", "Monika", "Frank", "Petra", "Klaus",
  "Susanne", "Wolfgang", "Birgit", "Uwe", "Heike", "Matthias", "Gabriele", "Günter", "Lea",
  "Jonas", "Emma", "Lukas", "Mia", "Felix", "Hannah", "Maximilian", "Sophie", "Paul", "Marie",
};

static const char *last_names[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
  "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
  "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
  "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Köhler", "Groß", "Weiß", "Jäger",
};

static const char *company_words[] = {
  "Bau", "Technik", "Logistik", "Maschinenbau", "Elektro", "Holz", "Stahl", "Medien",
  "Druck", "Kühlsysteme", "Software", "Beratung", "Immobilien", "Handel", "Gartenbau",
};

static const char *legal_forms[] = {
  "GmbH", "AG", "GmbH & Co. KG", "KG", "e.K.", "OHG", "GbR", "UG (haftungsbeschränkt)",
};

static const char *cities[] = {
  "Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf",
  "Leipzig", "Dortmund", "Essen", "Bremen", "Dresden", "Hannover", "Nürnberg", "Bonn",
};

static const char *streets[] = {
  "Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße", "Bergstraße",
  "Lindenstraße", "Königsallee", "Am Markt", "Mühlenweg",
};

static const char *domains[] = {
  "gmx.de", "web.de", "t-online.de", "posteo.de", "mailbox.org", "example.com",
};

/* One quoted field where Excel quotes it */
static void
append_field (GString    *line,
              const char *text)
{
  if (strpbrk (text, ";\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static char *
ascii_folded (const char *text)
{
  static const char *from[] = { "ä", "ö", "ü", "ß", "Ä", "Ö", "Ü", " ", NULL };
  static const char *to[] = { "ae", "oe", "ue", "ss", "Ae", "Oe", "Ue", "-", NULL };
  GString *out = g_string_new (text);

  for (guint i = 0; from[i] != NULL; i++)
    g_string_replace (out, from[i], to[i], 0);

  return g_ascii_strdown (out->str, -1);
}

static char *
make_phone (GRand *rand,
            guint  row)
{
  guint area = 201 + g_rand_int_range (rand, 0, 700);
  guint number = 100000 + row;

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return g_strdup_printf ("0%u %u", area, number);
    case 1:
      return g_strdup_printf ("+49 %u %u", area, number);
    case 2:
      return g_strdup_printf ("(0%u) %u-%u", area, number / 100, number % 100);
    default:
      return g_strdup_printf ("0%u/%u", area, number);
    }
}

/* Writes the file; Windows-1252 like Excel's "CSV (Trennzeichen-getrennt)" */
static void
generate_csv (const char *path,
              guint       n_rows)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GString) line = g_string_new (NULL);
  FILE *out = g_fopen (path, "wb");
  guint n_companies = MAX (1, n_rows / 20);

  if (out == NULL)
    g_error ("cannot write %s", path);

  g_string_assign (line, "Anrede;Titel;Vorname;Name;Firma;E-Mail;Telefon;Handy;Straße;PLZ;Ort;"
                   "Geburtstag;Kundennummer;Bemerkung\r\n");

  for (guint row = 0; row <= n_rows; row++)
    {
      if (row > 0)
        {
          const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
          const char *last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
          guint company = g_rand_int_range (rand, 0, n_companies);
          g_autofree char *company_name = NULL;
          g_autofree char *local = NULL;
          g_autofree char *email = NULL;
          g_autofree char *phone = make_phone (rand, row);
          g_autofree char *mobile = g_strdup_printf ("01%u %07u", 51 + g_rand_int_range (rand, 0, 29),
                                                     row);
          g_autofree char *birthday = NULL;
          g_autofree char *street = NULL;
          g_autofree char *notes = NULL;
          g_autofree char *folded_first = ascii_folded (first);
          g_autofree char *folded_last = ascii_folded (last);

          /* distinct names for up to 7,875 companies, also without their
           * legal forms (kontor_company_match_key()) */
          company_name = g_strdup_printf ("%s %s %s %s",
                                          last_names[company % G_N_ELEMENTS (last_names)],
                                          company_words[(company / G_N_ELEMENTS (last_names)) %
                                                        G_N_ELEMENTS (company_words)],
                                          cities[(company / (G_N_ELEMENTS (last_names) *
                                                             G_N_ELEMENTS (company_words))) %
                                                 G_N_ELEMENTS (cities)],
                                          legal_forms[company % G_N_ELEMENTS (legal_forms)]);
          local = g_strdup_printf ("%s.%s.%u", folded_first, folded_last, row);
          email = g_strdup_printf ("%s@%s", local, domains[row % G_N_ELEMENTS (domains)]);
          birthday = g_rand_int_range (rand, 0, 3) == 0 ?
                     g_strdup_printf ("%02d.%02d.%d", g_rand_int_range (rand, 1, 29),
                                      g_rand_int_range (rand, 1, 13),
                                      g_rand_int_range (rand, 1950, 2000)) :
                     g_strdup ("");
          street = g_strdup_printf ("%s %d", streets[row % G_N_ELEMENTS (streets)],
                                    g_rand_int_range (rand, 1, 200));
          notes = row % 5 == 0 ? g_strdup_printf ("Umsatz %u.%03u,00 €; Zahlung \"pünktlich\"",
                                                  g_rand_int_range (rand, 1, 99),
                                                  g_rand_int_range (rand, 0, 1000)) :
                                 g_strdup ("");

          g_string_append (line, row % 2 ? "Herr;" : "Frau;");
          g_string_append (line, row % 17 == 0 ? "Dr.;" : ";");
          append_field (line, first);
          g_string_append_c (line, ';');
          append_field (line, last);
          g_string_append_c (line, ';');
          append_field (line, row % 10 == 0 ? "" : company_name);
          g_string_append_c (line, ';');
          append_field (line, email);
          g_string_append_c (line, ';');
          append_field (line, phone);
          g_string_append_c (line, ';');
          append_field (line, row % 3 == 0 ? mobile : "");
          g_string_append_c (line, ';');
          append_field (line, street);
          g_string_append_printf (line, ";%05d;", g_rand_int_range (rand, 1067, 99999));
          append_field (line, cities[row % G_N_ELEMENTS (cities)]);
          g_string_append_c (line, ';');
          append_field (line, birthday);
          g_string_append_printf (line, ";K-%07u;", row);
          append_field (line, notes);
          g_string_append (line, "\r\n");
        }

      if (line->len > 64 * 1024 || row == n_rows)
        {
          g_autoptr(GError) error = NULL;
          gsize written;
          g_autofree char *cp1252 = g_convert (line->str, line->len, "WINDOWS-1252", "UTF-8",
                                               NULL, &written, &error);

          if (cp1252 == NULL)
            g_error ("converting: %s", error->message);
          if (fwrite (cp1252, 1, written, out) != written)
            g_error ("cannot write %s", path);
          g_string_truncate (line, 0);
        }
    }

  fclose (out);
}

static double
cpu_s (int who)
{
  struct rusage usage;

  getrusage (who, &usage);

  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* `sqlite3 DB -cmd ".mode csv" -cmd ".separator ;" ".import FILE t"` */
static double
sqlite_import_s (const char *dir,
                 const char *csv_path)
{
  g_autofree char *db = g_build_filename (dir, "anchor.db", NULL);
  g_autofree char *import = g_strdup_printf (".import '%s' t", csv_path);
  const char *argv[] = { "sqlite3", db, "-cmd", ".mode csv", "-cmd", ".separator ;", import,
                         NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;
  double start = kontor_bench_now_ms ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 .import: %s %s", error->message, err != NULL ? err : "");

  return (kontor_bench_now_ms () - start) / 1000.0;
}

/* ── The floor ─────────────────────────────────────────────────────── */

/* A store's id for row @n of the anchor, in plain SQL: a UUIDv7 of the
 * time ?1 (ms) with @n as its counter, so ids are time ordered as
 * kontor_uuid_v7_new() makes them, and a fixed tail (@salt tells a
 * contact's id from its channels') */
#define FLOOR_ID(n, salt) \
  "printf('%08x-%04x-7%03x-%x%03x-%012x', ?1 >> 16, ?1 & 65535, ((" n ") >> 12) & 4095, " \
  "8 + " salt ", (" n ") & 4095, ((" n ") * 2654435761) & 281474976710655)"

/* the digits of a phone number, as the search document's tokens have them */
#define FLOOR_DIGITS(column) \
  "replace(replace(replace(replace(replace(replace(" column ", ' ', ''), '/', ''), '-', ''), " \
  "'(', ''), ')', ''), '+', '')"

/* "TT.MM.JJJJ" as ISO "JJJJ-MM-TT" */
#define FLOOR_DATE(column) \
  "CASE WHEN length(" column ") = 10 THEN substr(" column ", 7, 4) || '-' || " \
  "substr(" column ", 4, 2) || '-' || substr(" column ", 1, 2) END"

/* a sort key as the store makes them: a folded text, then the text */
#define FLOOR_SORT_KEY(text) \
  "coalesce(CAST(lower(" text ") || (" text ") AS BLOB), x'ff')"

static const char *floor_sql[] = {
  /* companies: one per name of the file, each with its outbox entry */
  "CREATE TEMP TABLE firm (firm_name TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID",
  "INSERT INTO firm SELECT Firma, min(rowid) FROM a.t WHERE Firma <> '' GROUP BY Firma",
  "INSERT INTO company (id, created_at, updated_at, name, sort_name) "
  "SELECT " FLOOR_ID ("n", "2") ", ?2, ?2, firm_name, " FLOOR_SORT_KEY ("firm_name") " "
  "FROM firm ORDER BY n",
  "INSERT INTO outbox (entity, entity_id, op, created_at) "
  "SELECT 'company', id, 'create', ?2 FROM company ORDER BY rid",
  /* contacts: the row with its sort keys, rid the anchor's row */
  "INSERT INTO contact (rid, id, created_at, updated_at, salutation, title, first_name, "
  "last_name, company_id, street, postal_code, city, notes, birthday, status, "
  "pipeline_status_id, customer_number, rank, sort_name, sort_company, sort_email, sort_phone, "
  "sort_number, is_new, pipeline_entered_at) "
  "SELECT t.rowid, " FLOOR_ID ("t.rowid", "0") ", ?2, ?2, "
  "CASE Anrede WHEN 'Herr' THEN 1 WHEN 'Frau' THEN 2 ELSE 0 END, nullif(Titel, ''), "
  "nullif(Vorname, ''), nullif(Name, ''), "
  "CASE WHEN Firma <> '' THEN " FLOOR_ID ("firm.n", "2") " END, "
  "nullif(\"Stra\xdf" "e\", ''), nullif(PLZ, ''), nullif(Ort, ''), nullif(Bemerkung, ''), "
  FLOOR_DATE ("Geburtstag") ", 0, '00000000-0000-7000-8000-000000000001', "
  "nullif(Kundennummer, ''), printf('a%07d', t.rowid), "
  FLOOR_SORT_KEY ("Name || ' ' || Vorname") ", " FLOOR_SORT_KEY ("nullif(Firma, '')") ", "
  FLOOR_SORT_KEY ("nullif(\"E-Mail\", '')") ", "
  FLOOR_SORT_KEY ("nullif(" FLOOR_DIGITS ("Telefon") ", '')") ", "
  FLOOR_SORT_KEY ("nullif(Kundennummer, '')") ", 0, ?2 "
  "FROM a.t LEFT JOIN firm ON firm_name = Firma ORDER BY t.rowid",
  /* their e-mail addresses and numbers, no outbox entries: a new record's
   * children travel inside its "create" entry (kontor-store-crud.c) */
  "INSERT INTO contact_channel (id, owner_id, kind, label, value, position) "
  "SELECT " FLOOR_ID ("t.rowid * 4 + 1", "1") ", " FLOOR_ID ("t.rowid", "0") ", 0, 'work', "
  "\"E-Mail\", 0 FROM a.t WHERE \"E-Mail\" <> '' ORDER BY t.rowid",
  "INSERT INTO contact_channel (id, owner_id, kind, label, value, position) "
  "SELECT " FLOOR_ID ("t.rowid * 4 + 2", "1") ", " FLOOR_ID ("t.rowid", "0") ", 1, 'work', "
  "Telefon, 0 FROM a.t WHERE Telefon <> '' ORDER BY t.rowid",
  "INSERT INTO contact_channel (id, owner_id, kind, label, value, position) "
  "SELECT " FLOOR_ID ("t.rowid * 4 + 3", "1") ", " FLOOR_ID ("t.rowid", "0") ", 1, 'mobile', "
  "Handy, 1 FROM a.t WHERE Handy <> '' ORDER BY t.rowid",
  /* the search document: names, company, address, three tokens a number
   * (the whole one, with and without its leading 0), customer number,
   * notes with their umlauts written out (always there in the file's) */
  "INSERT INTO contact_search (rowid, name, company, email, phone, number, notes) "
  "SELECT t.rowid, trim(Titel || ' ' || Vorname || ' ' || Name), Firma, \"E-Mail\", "
  "trim('n' || " FLOOR_DIGITS ("Telefon") " || ' g' || " FLOOR_DIGITS ("Telefon") " || "
  "' g' || substr(" FLOOR_DIGITS ("Telefon") ", 2) || "
  "CASE WHEN Handy <> '' THEN ' n' || " FLOOR_DIGITS ("Handy") " || ' g' || "
  FLOOR_DIGITS ("Handy") " || ' g' || substr(" FLOOR_DIGITS ("Handy") ", 2) ELSE '' END), "
  "Kundennummer, CASE WHEN Bemerkung <> '' THEN Bemerkung || ' ' || Bemerkung END "
  "FROM a.t ORDER BY t.rowid",
  "INSERT INTO outbox (entity, entity_id, op, created_at) "
  "SELECT 'contact', id, 'create', ?2 FROM contact ORDER BY rid",
};

static void
floor_exec (sqlite3    *db,
            const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("the floor: %s: %s", sql, sqlite3_errmsg (db));
}

/* The anchor's table written by plain SQL into an empty database of
 * Kontor's own schema (made by kontor_store_open(), then closed): what
 * SQLite alone takes for the rows the import writes, with the store's
 * connection settings and one transaction, the list-order indexes dropped
 * and made again at the end as a large import does
 * (_kontor_store_drop_order_indexes()). Returns the seconds from BEGIN to
 * the end of the COMMIT; *cpu the CPU seconds of it. */
static double
import_floor_s (const char *dir,
                double     *cpu)
{
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  g_autofree char *anchor = g_build_filename (dir, "anchor.db", NULL);
  char *attach;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);
  KontorStore *store = kontor_store_open (path, &error);
  gint64 now_ms = g_get_real_time () / 1000;
  double start, cpu_start, seconds;
  sqlite3 *db;

  if (store == NULL)
    g_error ("the floor's store: %s", error->message);
  g_object_unref (store);

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("the floor's database: %s", sqlite3_errmsg (db));
  attach = sqlite3_mprintf ("ATTACH %Q AS a", anchor);
  /* the settings of a store job's connection (kontor-store.c, kontor-store-job.c) */
  if (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                    "PRAGMA foreign_keys = ON; PRAGMA secure_delete = FAST; "
                    "PRAGMA cache_size = " G_STRINGIFY (KONTOR_STORE_BULK_CACHE_KIB) "; "
                    "PRAGMA mmap_size = 268435456", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, attach, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("the floor's database: %s", sqlite3_errmsg (db));
  sqlite3_free (attach);

  cpu_start = cpu_s (RUSAGE_SELF);
  start = kontor_bench_now_ms ();
  floor_exec (db, "BEGIN IMMEDIATE");
  for (guint e = 0; _kontor_entity_info_nth (e) != NULL; e++)
    {
      const KontorEntityInfo *info = _kontor_entity_info_nth (e);

      for (guint i = 0; info->order_indexes[i] != NULL; i++)
        {
          g_autofree char *drop = g_strdup_printf ("DROP INDEX %s", info->order_indexes[i]);
          g_autofree char *select = g_strdup_printf ("SELECT sql FROM sqlite_master WHERE "
                                                     "type = 'index' AND name = '%s'",
                                                     info->order_indexes[i]);
          sqlite3_stmt *stmt;

          if (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL) != SQLITE_OK)
            g_error ("the floor: %s", sqlite3_errmsg (db));
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              g_ptr_array_add (creates, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
              sqlite3_finalize (stmt);
              floor_exec (db, drop);
            }
          else
            sqlite3_finalize (stmt);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (floor_sql); i++)
    {
      sqlite3_stmt *stmt;
      double statement_start = kontor_bench_now_ms ();

      if (sqlite3_prepare_v2 (db, floor_sql[i], -1, &stmt, NULL) != SQLITE_OK)
        g_error ("the floor's statement %u: %s", i, sqlite3_errmsg (db));
      if (sqlite3_bind_parameter_count (stmt) >= 1)
        sqlite3_bind_int64 (stmt, 1, now_ms);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, now_ms / 1000);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("the floor's statement %u: %s", i, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      kontor_bench_log ("  floor statement %u: %.2f s", i,
                        (kontor_bench_now_ms () - statement_start) / 1000.0);
    }
  for (guint i = 0; i < creates->len; i++)
    floor_exec (db, g_ptr_array_index (creates, i));
  kontor_bench_log ("  floor: %u indexes made again", creates->len);
  floor_exec (db, "COMMIT");
  seconds = (kontor_bench_now_ms () - start) / 1000.0;
  *cpu = cpu_s (RUSAGE_SELF) - cpu_start;

  sqlite3_close (db);

  return seconds;
}

static KontorImportSource *
open_source (const char *csv_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_auto(GStrv) header = NULL;
  KontorCsvReader *reader = kontor_csv_reader_new (file, NULL, &error);

  if (reader == NULL)
    g_error ("reading %s: %s", csv_path, error->message);
  header = kontor_csv_reader_read_row (reader, NULL, &error);
  if (header == NULL)
    g_error ("the header: %s", error != NULL ? error->message : "none");
  mapping = kontor_csv_mapping_new ((const char * const *) header);

  return kontor_csv_source_new (reader, mapping);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Step;

static void
on_operation_done_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Step *step = user_data;

  step->ok = kontor_operation_run_finish (KONTOR_OPERATION (source_object), result,
                                          &step->error);
  step->done = TRUE;
}

/* Applies (redo) or undoes @operation asynchronously and waits in the
 * main loop, which the job's progress and its end come through */
static gboolean
run_operation (KontorOperation  *operation,
               gboolean          apply,
               GError          **error)
{
  Step step = { 0, };

  kontor_operation_run_async (operation, apply, NULL, on_operation_done_cb, &step);
  while (!step.done)
    g_main_context_iteration (NULL, TRUE);
  if (!step.ok)
    g_propagate_error (error, step.error);

  return step.ok;
}

/* VmHWM cannot always be reset (a container's kernel): the RSS sampled
 * at each progress report of the plan and the run instead, with its
 * heap (RssAnon) and mapped files (RssFile: SQLite's memory map of the
 * database) at the highest sample */
typedef struct
{
  double rss;
  double anon;
  double file;
} RssSample;

static void
sample_rss_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  RssSample *max = user_data;
  double rss = kontor_bench_proc_status_mb ("VmRSS:");

  if (rss > max->rss)
    {
      max->rss = rss;
      max->anon = kontor_bench_proc_status_mb ("RssAnon:");
      max->file = kontor_bench_proc_status_mb ("RssFile:");
    }
}

/* The second import as the dialog runs it (KONTOR_BENCH_IMPORT_ASYNC=1):
 * the plan on a GTask worker and the run on the store job's, each with
 * glibc's arena of that thread, this thread waiting in its main loop */
typedef struct
{
  GMainLoop       *loop;
  gboolean         planned;
  KontorOperation *operation;
  GError          *error;
} AsyncWait;

static void
on_planned_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->planned = kontor_import_plan_finish (KONTOR_IMPORT (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
on_run_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->operation = kontor_import_run_finish (KONTOR_IMPORT (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
plan_again (KontorImport  *import,
            gboolean       async,
            GError       **error)
{
  AsyncWait wait = { 0 };

  if (!async)
    return kontor_import_plan (import, NULL, error);

  wait.loop = g_main_loop_new (NULL, FALSE);
  kontor_import_plan_async (import, NULL, on_planned_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.planned;
}

static KontorOperation *
run_again (KontorImport  *import,
           gboolean       async,
           GError       **error)
{
  AsyncWait wait = { 0 };

  if (!async)
    return kontor_import_run (import, NULL, error);

  wait.loop = g_main_loop_new (NULL, FALSE);
  kontor_import_run_async (import, NULL, on_run_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.operation;
}

int
main (int   argc,
      char *argv[])
{
  guint n = kontor_bench_env_uint ("KONTOR_BENCH_CONTACTS", KONTOR_BENCH_DEFAULT_CONTACTS);
  gboolean async = kontor_bench_env_uint ("KONTOR_BENCH_IMPORT_ASYNC", 0) != 0;
  g_autofree char *dir = g_dir_make_tmp ("kontor-bench-import-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "kunden.csv", NULL);
  g_autofree char *db_path = g_build_filename (dir, "kontor.db", NULL);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  KontorBenchJson *json = kontor_bench_json_new ();
  double undo_s, redo_s, undo_rss_peak, undo_cpu, redo_cpu, update_s, update_rss_peak;
  double update_rss_before, update_rss_after;
  RssSample plan_sampled = { 0 }, run_sampled = { 0 };
  double start, plan_s, run_s, sqlite_s, rss_before, rss_peak, cpu_start, import_cpu, sqlite_cpu;
  double floor_s, floor_cpu, plan_cpu;
  gboolean import_only = g_getenv ("KONTOR_BENCH_IMPORT_ONLY") != NULL;
  gint64 n_stored;
  GStatBuf st;
  g_autofree char *out = NULL;

  generate_csv (csv_path, n);
  if (g_stat (csv_path, &st) != 0)
    g_error ("no file");
  kontor_bench_log ("generated %u rows, %.1f MB", n, st.st_size / 1048576.0);

  store = kontor_store_open (db_path, &error);
  if (store == NULL)
    g_error ("the store: %s", error->message);

  /* the anchor first: the file is in the page cache for both */
  cpu_start = cpu_s (RUSAGE_CHILDREN);
  sqlite_s = sqlite_import_s (dir, csv_path);
  sqlite_cpu = cpu_s (RUSAGE_CHILDREN) - cpu_start;
  kontor_bench_log ("sqlite3 .import: %.2f s", sqlite_s);

  /* the peak from here on (Linux: "5" resets VmHWM) */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  rss_before = kontor_bench_proc_status_mb ("VmRSS:");

  source = open_source (csv_path);
  import = kontor_import_new (store, source);
  cpu_start = cpu_s (RUSAGE_SELF);
  start = kontor_bench_now_ms ();
  if (!kontor_import_plan (import, NULL, &error))
    g_error ("the plan: %s", error->message);
  plan_s = (kontor_bench_now_ms () - start) / 1000.0;
  plan_cpu = cpu_s (RUSAGE_SELF) - cpu_start;
  kontor_bench_log ("plan: %.2f s, %u rows, %u failures, %u duplicates", plan_s,
                    kontor_import_get_n_rows (import),
                    g_list_model_get_n_items (kontor_import_get_failures (import)),
                    g_list_model_get_n_items (kontor_import_get_duplicates (import)));

  start = kontor_bench_now_ms ();
  operation = kontor_import_run (import, NULL, &error);
  if (operation == NULL)
    g_error ("the run: %s", error->message);
  run_s = (kontor_bench_now_ms () - start) / 1000.0;
  import_cpu = cpu_s (RUSAGE_SELF) - cpu_start;
  rss_peak = kontor_bench_proc_status_mb ("VmHWM:");
  kontor_bench_log ("run: %.2f s, %u created", run_s, kontor_import_get_n_created (import));

  n_stored = kontor_store_count (store, KONTOR_TYPE_CONTACT, &error);
  if (n_stored != (gint64) kontor_import_get_n_created (import))
    g_error ("stored %" G_GINT64_FORMAT " of %u", n_stored, kontor_import_get_n_created (import));

  if (import_only)
    goto figures;

  /* undo and redo as the window runs them: a job on the store's worker,
   * one transaction each, this thread waiting in its main loop; what the
   * import freed goes back to the system first, so the peak is theirs */
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  cpu_start = cpu_s (RUSAGE_SELF);
  start = kontor_bench_now_ms ();
  if (!run_operation (operation, FALSE, &error))
    g_error ("the undo: %s", error->message);
  undo_s = (kontor_bench_now_ms () - start) / 1000.0;
  undo_cpu = cpu_s (RUSAGE_SELF) - cpu_start;
  if (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL) != 0)
    g_error ("the undo left contacts");
  cpu_start = cpu_s (RUSAGE_SELF);
  start = kontor_bench_now_ms ();
  if (!run_operation (operation, TRUE, &error))
    g_error ("the redo: %s", error->message);
  redo_s = (kontor_bench_now_ms () - start) / 1000.0;
  redo_cpu = cpu_s (RUSAGE_SELF) - cpu_start;
  undo_rss_peak = kontor_bench_proc_status_mb ("VmHWM:");
  kontor_bench_log ("undo: %.2f s, redo: %.2f s", undo_s, redo_s);

  /* the same file again, in Update mode: every row a duplicate of the
   * contact it made; the plan keeps what the list shows of each, the run
   * the rows it writes after the new ones */
  {
    g_autoptr(KontorImportSource) again_source = open_source (csv_path);
    g_autoptr(KontorImport) again = kontor_import_new (store, again_source);
    g_autoptr(KontorOperation) again_operation = NULL;
    gulong handler;

    /* what the undo and redo freed goes back to the system first, so the
     * peak is this import's */
#ifdef __GLIBC__
    malloc_trim (0);
#endif
    update_rss_before = kontor_bench_proc_status_mb ("VmRSS:");
    g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
    kontor_bench_log ("before the second import: RSS %.0f MB, peak after its reset %.0f MB",
                      update_rss_before, kontor_bench_proc_status_mb ("VmHWM:"));
    kontor_import_set_mode (again, KONTOR_IMPORT_MODE_UPDATE);
    handler = g_signal_connect (again, "notify::n-done", G_CALLBACK (sample_rss_cb),
                                &plan_sampled);
    start = kontor_bench_now_ms ();
    if (!plan_again (again, async, &error))
      g_error ("the second plan: %s", error->message);
    sample_rss_cb (NULL, NULL, &plan_sampled);
    kontor_bench_log ("second plan: sampled peak %.0f MB (heap %.0f MB, files %.0f MB), "
                      "VmHWM %.0f MB, RSS after %.0f MB (heap %.0f MB, files %.0f MB)",
                      plan_sampled.rss, plan_sampled.anon, plan_sampled.file,
                      kontor_bench_proc_status_mb ("VmHWM:"), kontor_bench_proc_status_mb ("VmRSS:"),
                      kontor_bench_proc_status_mb ("RssAnon:"),
                      kontor_bench_proc_status_mb ("RssFile:"));
    g_signal_handler_disconnect (again, handler);
    g_signal_connect (again, "notify::n-done", G_CALLBACK (sample_rss_cb), &run_sampled);
    again_operation = run_again (again, async, &error);
    if (again_operation == NULL)
      g_error ("the second run: %s", error->message);
    update_s = (kontor_bench_now_ms () - start) / 1000.0;
    update_rss_peak = kontor_bench_proc_status_mb ("VmHWM:");
    sample_rss_cb (NULL, NULL, &run_sampled);
    update_rss_after = kontor_bench_proc_status_mb ("VmRSS:");
    kontor_bench_log ("update import: %.2f s, %u duplicates, %u updated, RSS %.0f MB before, "
                      "%.0f MB after, the run's sampled peak %.0f MB (heap %.0f MB, files "
                      "%.0f MB), VmHWM %.0f MB", update_s,
                      g_list_model_get_n_items (kontor_import_get_duplicates (again)),
                      kontor_import_get_n_updated (again), update_rss_before, update_rss_after,
                      run_sampled.rss, run_sampled.anon, run_sampled.file, update_rss_peak);
  }

  kontor_bench_json_add_number (json, "import_undo_s", undo_s);
  kontor_bench_json_add_number (json, "import_redo_s", redo_s);
  kontor_bench_json_add_number (json, "import_undo_cpu_s", undo_cpu);
  kontor_bench_json_add_number (json, "import_redo_cpu_s", redo_cpu);
  kontor_bench_json_add_number (json, "import_undo_rss_peak_mb", undo_rss_peak);
  kontor_bench_json_add_number (json, "import_update_s", update_s);
  kontor_bench_json_add_number (json, "import_update_rss_before_mb", update_rss_before);
  kontor_bench_json_add_number (json, "import_update_rss_peak_mb", update_rss_peak);
  kontor_bench_json_add_number (json, "import_update_rss_after_mb", update_rss_after);
  /* the plan's and the run's peaks apart, each ≤ 200 MB by the issue */
  kontor_bench_json_add_number (json, "import_update_rss_sampled_peak_mb",
                                MAX (plan_sampled.rss, run_sampled.rss));
  kontor_bench_json_add_number (json, "import_update_plan_rss_sampled_peak_mb", plan_sampled.rss);
  kontor_bench_json_add_number (json, "import_update_plan_heap_mb", plan_sampled.anon);
  kontor_bench_json_add_number (json, "import_update_plan_files_mb", plan_sampled.file);
  kontor_bench_json_add_number (json, "import_update_run_rss_sampled_peak_mb", run_sampled.rss);
  kontor_bench_json_add_number (json, "import_update_run_heap_mb", run_sampled.anon);
  kontor_bench_json_add_number (json, "import_update_run_files_mb", run_sampled.file);

figures:
  /* last: its 64 MB page cache and mapped file would count in the peaks
   * above; the anchor's file is still in the page cache */
  floor_s = import_floor_s (dir, &floor_cpu);
  kontor_bench_log ("the floor, its rows by plain SQL: %.2f s, CPU %.2f s", floor_s, floor_cpu);

  kontor_bench_json_add_int (json, "import_rows", n);
  kontor_bench_json_add_number (json, "import_file_mb", st.st_size / 1048576.0);
  kontor_bench_json_add_number (json, "import_csv_100k_s", plan_s + run_s);
  kontor_bench_json_add_number (json, "import_plan_s", plan_s);
  kontor_bench_json_add_number (json, "import_run_s", run_s);
  kontor_bench_json_add_number (json, "sqlite_import_100k_s", sqlite_s);
  kontor_bench_json_add_number (json, "import_ratio", (plan_s + run_s) / sqlite_s);
  kontor_bench_json_add_number (json, "import_cpu_s", import_cpu);
  kontor_bench_json_add_number (json, "import_plan_cpu_s", plan_cpu);
  kontor_bench_json_add_number (json, "import_run_cpu_s", import_cpu - plan_cpu);
  kontor_bench_json_add_number (json, "sqlite_import_cpu_s", sqlite_cpu);
  kontor_bench_json_add_number (json, "import_cpu_ratio", import_cpu / sqlite_cpu);
  kontor_bench_json_add_number (json, "import_floor_100k_s", floor_s);
  kontor_bench_json_add_number (json, "import_floor_cpu_s", floor_cpu);
  kontor_bench_json_add_number (json, "import_floor_ratio", (plan_s + run_s) / floor_s);
  kontor_bench_json_add_number (json, "import_floor_cpu_ratio", import_cpu / floor_cpu);
  kontor_bench_json_add_number (json, "import_rss_before_mb", rss_before);
  kontor_bench_json_add_number (json, "import_rss_peak_mb", rss_peak);

  g_clear_object (&operation);
  g_clear_object (&import);
  g_clear_object (&source);
  g_clear_object (&store);
  if (g_getenv ("KONTOR_BENCH_KEEP") == NULL)
    {
      g_autofree char *anchor = g_build_filename (dir, "anchor.db", NULL);
      g_autofree char *floor_db = g_build_filename (dir, "floor.db", NULL);
      g_autofree char *floor_wal = g_strconcat (floor_db, "-wal", NULL);
      g_autofree char *floor_shm = g_strconcat (floor_db, "-shm", NULL);
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_unlink (csv_path);
      g_unlink (anchor);
      g_unlink (floor_db);
      g_unlink (floor_wal);
      g_unlink (floor_shm);
      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  else
    kontor_bench_log ("kept %s", dir);

  out = kontor_bench_json_free (json);
  printf ("%s\n", out);

  return 0;
}
