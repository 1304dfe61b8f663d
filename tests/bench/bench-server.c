/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-bench-server"

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "kontor-bench.h"
#include "kontor-server-harness.h"
#include "kontor-store.h"
#include "kontor-sync-engine.h"
#include "kontor-test-utils.h"

/* The team server under load (src/README.md "Performance targets"): 50
 * simulated clients pushing and pulling for KONTOR_BENCH_SECONDS (60)
 * through nginx (TLS) to three instances, beside pgbench's simple-update
 * on the same PostgreSQL in the same run, and beside as many clients
 * asking /v1/health (one SELECT 1) through the same nginx and instances:
 * the most requests a second anything through this stack can reach on
 * the machine; and a first sync of 100,000
 * contacts from snapshots through nginx beside PostgreSQL's COPY TO of
 * the same rows; then the same first sync by the engine as the app runs
 * it, a store job on its worker, with the longest wait of the main loop
 * meanwhile beside an idle main loop's. PostgreSQL is the harness's
 * (tests/server): its own, in a temporary folder, fsync off for both the
 * figure and its anchor. */

#define N_CLIENTS   50
#define N_USERS     10
#define N_CONTACTS  100000

static KontorTestPostgres pg;

/* The clients log in first (Argon2id, 50 ms of a core each), then all
 * start together when the main thread says so: the logins are not
 * measured */
static gint logged_in;
static gint go;

typedef struct
{
  KontorTestServer *front;
  guint             number;
  gint64            deadline;   /* monotonic µs */
  GArray           *latencies;  /* double ms of each push */
  guint             pushed;
  guint             failed;
} Worker;

/* @reply's JSON object; %NULL when it is not one */
static JsonObject *
parse_object (GBytes *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (reply == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   g_bytes_get_size (reply), NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Sends a request; returns the answer's bytes */
static GBytes *
send_bytes (SoupSession *session,
            const char  *method,
            const char  *uri,
            const char  *token,
            const char  *body,
            guint       *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  GBytes *reply;

  /* a push over a kept connection, as the sync engine sends it */
  if (g_str_has_suffix (uri, "v1/push"))
    soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  *status = soup_message_get_status (msg);

  return reply;
}

/* Sends a request; returns the answer's JSON object */
static JsonObject *
send_json (SoupSession *session,
           const char  *method,
           const char  *uri,
           const char  *token,
           const char  *body,
           guint       *status)
{
  g_autoptr(GBytes) reply = send_bytes (session, method, uri, token, body, status);

  return parse_object (reply);
}

/* One client: logs in, creates its contact, then changes it push after
 * push, each on the revision the last one returned, and pulls every tenth */
static gpointer
run_worker (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (worker->front->ca_file, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("tls-database", database,
                                                                  "timeout", 30, NULL);
  g_autofree char *client_id = g_uuid_string_random ();
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *login = g_strdup_printf ("{\"username\":\"last%u\",\"password\":\"Sommer2026!\","
                                            "\"client_id\":\"%s\"}", worker->number % N_USERS,
                                            client_id);
  g_autofree char *login_uri = g_strconcat (worker->front->uri, "v1/auth/login", NULL);
  g_autofree char *push_uri = g_strconcat (worker->front->uri, "v1/push", NULL);
  g_autoptr(JsonObject) session_json = NULL;
  g_autofree char *token = NULL;
  gint64 client_seq = 0, rev = 0, cursor = 0;
  guint status;

  session_json = send_json (session, "POST", login_uri, NULL, login, &status);
  if (session_json == NULL || status != 200)
    g_error ("client %u could not log in (%u)", worker->number, status);
  token = g_strdup (json_object_get_string_member (session_json, "token"));
  g_atomic_int_inc (&logged_in);
  while (!g_atomic_int_get (&go))
    g_usleep (1000);

  while (g_get_monotonic_time () < worker->deadline)
    {
      g_autoptr(JsonObject) answer = NULL;
      g_autofree char *body = NULL;
      double start, ms;

      client_seq++;
      if (rev == 0)
        body = g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":[{\"client_seq\":%"
                                G_GINT64_FORMAT ",\"op\":\"create\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"last_name\":{\"value\":"
                                "\"Last %u\"}}}]}", client_id, client_seq, contact,
                                worker->number);
      else
        body = g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":[{\"client_seq\":%"
                                G_GINT64_FORMAT ",\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Ort %"
                                G_GINT64_FORMAT "\",\"base_rev\":%" G_GINT64_FORMAT "}}}]}",
                                client_id, client_seq, contact, client_seq, rev);

      start = kontor_bench_now_ms ();
      answer = send_json (session, "POST", push_uri, token, body, &status);
      ms = kontor_bench_now_ms () - start;
      if (answer == NULL || status != 200)
        {
          worker->failed++;
          client_seq--;
          continue;
        }
      g_array_append_val (worker->latencies, ms);
      worker->pushed++;
      {
        JsonObject *result = json_array_get_object_element (
                               json_object_get_array_member (answer, "results"), 0);

        if (json_object_has_member (result, "rev"))
          rev = json_object_get_int_member (result, "rev");
      }

      if (client_seq % 10 == 0)
        {
          g_autofree char *pull_uri = g_strdup_printf ("%sv1/pull?cursor=%" G_GINT64_FORMAT
                                                       "&limit=1000", worker->front->uri, cursor);
          g_autoptr(JsonObject) pulled = send_json (session, "GET", pull_uri, token, NULL,
                                                    &status);

          if (pulled != NULL && status == 200)
            cursor = json_object_get_int_member (pulled, "cursor");
        }
    }

  return NULL;
}

/* One client asking the server's health as fast as it answers: the
 * requests a second the stack carries with the least work behind them */
static gpointer
run_health_worker (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (worker->front->ca_file, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("tls-database", database,
                                                                  "timeout", 30, NULL);
  g_autofree char *uri = g_strconcat (worker->front->uri, "v1/health", NULL);

  while (!g_atomic_int_get (&go))
    g_usleep (1000);
  while (g_get_monotonic_time () < worker->deadline)
    {
      g_autoptr(GBytes) reply = NULL;
      guint status;

      reply = send_bytes (session, "GET", uri, NULL, NULL, &status);
      if (reply != NULL && status == 200)
        worker->pushed++;
      else
        worker->failed++;
    }

  return NULL;
}

/* Requests a second of @seconds of N_CLIENTS clients asking /v1/health */
static double
run_health (KontorTestServer *front,
            guint             seconds)
{
  Worker workers[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  double start = kontor_bench_now_ms ();
  guint answered = 0;

  g_atomic_int_set (&go, 1);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      workers[i] = (Worker) { front, i, deadline, NULL, 0, 0 };
      threads[i] = g_thread_new ("health", run_health_worker, &workers[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      answered += workers[i].pushed;
    }
  g_atomic_int_set (&go, 0);

  return answered / ((kontor_bench_now_ms () - start) / 1000.0);
}

/* pgbench's simple-update on the same PostgreSQL, as many clients */
static double
run_pgbench (guint seconds)
{
  g_autofree char *pgbench = g_build_filename (pg.bin, "pgbench", NULL);
  g_autofree char *duration = g_strdup_printf ("%u", seconds);
  g_autofree char *clients = g_strdup_printf ("%u", N_CLIENTS);
  const char *init[] = { pgbench, "-i", "-q", "-s", "10", "-h", pg.dir, "-U", "kontor",
                         "postgres", NULL };
  const char *run[] = { pgbench, "-b", "simple-update", "-c", clients, "-j", "2", "-T",
                        duration, "-h", pg.dir, "-U", "kontor", "postgres", NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  const char *tps;
  int status;

  if (!g_spawn_sync (NULL, (char **) init, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      !g_spawn_sync (NULL, (char **) run, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &output,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("pgbench failed: %s", error->message);

  tps = strstr (output, "tps = ");
  if (tps == NULL)
    g_error ("pgbench said “%s”", output);

  return g_ascii_strtod (tps + strlen ("tps = "), NULL);
}

/* A first sync: every page of the contacts' snapshot through nginx, one
 * after the other as the client reads them; returns ms, and in
 * @fetch_ms the part of it spent waiting for the pages (the rest is the
 * client's parsing and freeing of them) */
static double
read_snapshot (KontorTestServer *front,
               guint            *n_records,
               double           *fetch_ms)
{
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (front->ca_file, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("tls-database", database, NULL);
  g_autofree char *login_uri = g_strconcat (front->uri, "v1/auth/login", NULL);
  g_autofree char *client_id = g_uuid_string_random ();
  g_autofree char *login = g_strdup_printf ("{\"username\":\"last0\",\"password\":"
                                            "\"Sommer2026!\",\"client_id\":\"%s\"}", client_id);
  g_autoptr(JsonObject) session_json = NULL;
  g_autofree char *after = g_strdup ("");
  const char *token;
  gboolean more = TRUE;
  double start;
  guint status;

  session_json = send_json (session, "POST", login_uri, NULL, login, &status);
  token = json_object_get_string_member (session_json, "token");
  *n_records = 0;

  *fetch_ms = 0;
  start = kontor_bench_now_ms ();
  while (more)
    {
      g_autofree char *uri = g_strdup_printf ("%sv1/snapshot?entity=contact&limit=1000"
                                              "&after_id=%s", front->uri, after);
      double fetch_start = kontor_bench_now_ms ();
      g_autoptr(GBytes) reply = send_bytes (session, "GET", uri, token, NULL, &status);
      double fetched = kontor_bench_now_ms ();
      g_autoptr(JsonObject) page = parse_object (reply);

      *fetch_ms += fetched - fetch_start;

      if (page == NULL || status != 200)
        g_error ("a snapshot page failed (%u)", status);
      *n_records += json_array_get_length (json_object_get_array_member (page, "records"));
      more = json_object_get_boolean_member (page, "has_more");
      if (more)
        {
          g_free (after);
          after = g_strdup (json_object_get_string_member (page, "next_after_id"));
        }
    }

  return kontor_bench_now_ms () - start;
}

/* The main loop of a window: a tick every TICK_MS, and the longest time
 * between two ticks, the longest the window could not have drawn */
#define TICK_MS 5

typedef struct
{
  gint64   last;     /* monotonic µs */
  gint64   worst;    /* µs */
  gboolean done;
  gboolean ok;
  GError  *error;
} Ticks;

static gboolean
on_tick_cb (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  ticks->worst = MAX (ticks->worst, now - ticks->last);
  ticks->last = now;

  return G_SOURCE_CONTINUE;
}

static void
on_pull_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Ticks *ticks = data;

  ticks->ok = kontor_store_job_run_finish (KONTOR_STORE_JOB (source), result, &ticks->error);
  ticks->done = TRUE;
}

/* The worst gap between ticks of an idle main loop in @ms: the anchor of
 * the window's worst gap during the first sync */
static double
idle_worst_tick (guint ms)
{
  Ticks ticks = { g_get_monotonic_time (), 0 };
  guint tick = g_timeout_add (TICK_MS, on_tick_cb, &ticks);
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  return ticks.worst / 1000.0;
}

/* The same first sync by the app's sync engine into a new store, as the
 * app runs it: a store job (kontor_sync_engine_new_pull_job ()) that
 * fetches the snapshot's pages and applies them in its one transaction
 * on its worker, while the main loop ticks (the server's log is marked
 * compacted, so the engine's first pull gets 410 and loads the
 * snapshot); returns ms, the contacts stored and in @worst_tick_ms the
 * longest the main loop waited meanwhile */
static double
apply_snapshot (KontorTestServer *front,
                gint64           *n_stored,
                double           *worst_tick_ms)
{
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (front->ca_file, NULL);
  g_autofree char *path = NULL;
  g_autoptr(KontorStore) store = kontor_test_open_store (&path);
  g_autoptr(KontorSyncEngine) engine = kontor_sync_engine_new (store, front->uri);
  g_autoptr(KontorStoreJob) job = NULL;
  g_autoptr(GError) error = NULL;
  Ticks ticks = { 0 };
  guint tick;
  double start;

  kontor_sync_engine_set_tls_database (engine, database);
  if (!kontor_sync_engine_login (engine, "last0", "Sommer2026!", NULL, NULL, &error))
    g_error ("login: %s", error->message);
  g_free (kontor_test_postgres_query (&pg, "UPDATE workspace SET last_seq = last_seq + 1,"
                                           " min_retained_seq = last_seq + 1"));

  job = kontor_sync_engine_new_pull_job (engine);
  start = kontor_bench_now_ms ();
  ticks.last = g_get_monotonic_time ();
  tick = g_timeout_add (TICK_MS, on_tick_cb, &ticks);
  kontor_store_job_run_async (job, NULL, on_pull_done_cb, &ticks);
  while (!ticks.done)
    g_main_context_iteration (NULL, TRUE);
  start = kontor_bench_now_ms () - start;
  g_source_remove (tick);
  if (!ticks.ok)
    g_error ("the first sync failed: %s", ticks.error->message);
  if (kontor_sync_engine_get_resyncs (engine) != 1)
    g_error ("the first sync loaded no snapshot");
  *worst_tick_ms = ticks.worst / 1000.0;

  *n_stored = kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL);
  kontor_test_close_store (&store, path);

  return start;
}

/* PostgreSQL's COPY TO of the same rows, through psql to nowhere; ms */
static double
copy_rows (void)
{
  g_autofree char *psql = g_build_filename (pg.bin, "psql", NULL);
  const char *argv[] = { psql, "-X", "-q", "-d", pg.conninfo, "-c",
                         "\\copy (SELECT id, fields, field_revs, rev, deleted FROM record"
                         " WHERE entity = 'contact' ORDER BY id) TO '/dev/null'", NULL };
  g_autoptr(GError) error = NULL;
  double start = kontor_bench_now_ms ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("COPY failed: %s", error->message);

  return kontor_bench_now_ms () - start;
}

int
main (int   argc,
      char *argv[])
{
  guint seconds = kontor_bench_env_uint ("KONTOR_BENCH_SECONDS", 60);
  KontorBenchJson *json;
  KontorTestServer *instances[3];
  g_autoptr(KontorTestServer) front = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  Worker workers[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  g_autofree char *output = NULL;
  double pgbench_tps, health_per_s, start_ms, elapsed_s, push_per_s, snapshot_ms, fetch_ms, copy_ms, apply_ms;
  double apply_worst_tick_ms, idle_tick_ms;
  gint64 n_applied = 0;
  guint pushed = 0, failed = 0, n_records;

  /* no g_test_init (): its "# …" lines would come before the JSON */
  if (!kontor_test_postgres_start (&pg))
    {
      g_print ("{\"skipped\": \"no PostgreSQL\"}\n");
      return 77;
    }
  for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
    instances[i] = kontor_test_server_start (&pg, NULL);
  front = kontor_test_nginx_start (instances, G_N_ELEMENTS (instances));
  if (front == NULL)
    {
      g_print ("{\"skipped\": \"no nginx\"}\n");
      return 77;
    }
  for (guint i = 0; i < N_USERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("last%u", i);

      if (kontor_test_server_admin (&pg, "Sommer2026!\n", &output, "create-user", name, "--role",
                                    "sales", NULL) != 0)
        g_error ("create-user: %s", output);
      g_clear_pointer (&output, g_free);
    }

  kontor_bench_log ("pgbench simple-update, %u clients, %u s", N_CLIENTS, seconds);
  pgbench_tps = run_pgbench (seconds);

  kontor_bench_log ("%u clients asking /v1/health through nginx, %u s", N_CLIENTS, seconds);
  health_per_s = run_health (front, seconds);

  kontor_bench_log ("%u sync clients through nginx, %u s", N_CLIENTS, seconds);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      workers[i] = (Worker) { front, i, 0, g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
      threads[i] = g_thread_new ("client", run_worker, &workers[i]);
    }
  while (g_atomic_int_get (&logged_in) < N_CLIENTS)
    g_usleep (10 * 1000);
  for (guint i = 0; i < N_CLIENTS; i++)
    workers[i].deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  start_ms = kontor_bench_now_ms ();
  g_atomic_int_set (&go, 1);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (latencies, workers[i].latencies->data, workers[i].latencies->len);
      pushed += workers[i].pushed;
      failed += workers[i].failed;
      g_array_unref (workers[i].latencies);
    }
  elapsed_s = (kontor_bench_now_ms () - start_ms) / 1000.0;
  push_per_s = pushed / elapsed_s;

  kontor_bench_log ("%u contacts into the server's table", N_CONTACTS);
  g_free (kontor_test_postgres_query (&pg,
    "INSERT INTO record (workspace_id, entity, id, fields, field_revs, rev)"
    " SELECT w.id, 'contact', 'snap-' || lpad (n::text, 6, '0'),"
    " jsonb_build_object ('first_name', 'Vorname ' || n, 'last_name', 'Nachname ' || n,"
    " 'job_title', 'Einkauf', 'city', 'Berlin', 'notes', repeat ('Notiz ', 10)),"
    " jsonb_build_object ('first_name', 1, 'last_name', 1, 'job_title', 1, 'city', 1, 'notes', 1),"
    " 1 FROM workspace w, generate_series (1, 100000) n"));
  g_free (kontor_test_postgres_query (&pg, "VACUUM ANALYZE record"));
  copy_ms = copy_rows ();
  kontor_bench_log ("a first sync from snapshots through nginx");
  snapshot_ms = read_snapshot (front, &n_records, &fetch_ms);
  kontor_bench_log ("an idle main loop, 2 s");
  idle_tick_ms = idle_worst_tick (2000);
  kontor_bench_log ("the same first sync by the sync engine into a new store, as a job");
  apply_ms = apply_snapshot (front, &n_applied, &apply_worst_tick_ms);

  json = kontor_bench_json_new ();
  kontor_bench_json_add_int (json, "sync_clients", N_CLIENTS);
  kontor_bench_json_add_int (json, "sync_seconds", seconds);
  kontor_bench_json_add_int (json, "sync_pushes", pushed);
  kontor_bench_json_add_int (json, "sync_push_failures", failed);
  kontor_bench_json_add_number (json, "sync_push_per_s", push_per_s);
  kontor_bench_json_add_number (json, "sync_push_p50_ms", kontor_bench_percentile (latencies, 50));
  kontor_bench_json_add_number (json, "sync_push_p95_ms", kontor_bench_percentile (latencies, 95));
  kontor_bench_json_add_number (json, "pgbench_tps", pgbench_tps);
  kontor_bench_json_add_number (json, "sync_push_ratio", push_per_s / pgbench_tps);
  kontor_bench_json_add_number (json, "health_per_s", health_per_s);
  kontor_bench_json_add_number (json, "health_ratio", health_per_s / pgbench_tps);
  kontor_bench_json_add_number (json, "sync_push_per_health", push_per_s / health_per_s);
  kontor_bench_json_add_int (json, "snapshot_records", n_records);
  kontor_bench_json_add_number (json, "snapshot_first_sync_ms", snapshot_ms);
  kontor_bench_json_add_number (json, "snapshot_fetch_ms", fetch_ms);
  kontor_bench_json_add_number (json, "snapshot_copy_to_ms", copy_ms);
  kontor_bench_json_add_number (json, "snapshot_ratio", snapshot_ms / copy_ms);
  kontor_bench_json_add_number (json, "snapshot_fetch_ratio", fetch_ms / copy_ms);
  kontor_bench_json_add_number (json, "snapshot_client_apply_ms", apply_ms);
  kontor_bench_json_add_int (json, "snapshot_client_contacts", n_applied);
  kontor_bench_json_add_number (json, "snapshot_apply_worst_tick_ms", apply_worst_tick_ms);
  kontor_bench_json_add_number (json, "idle_worst_tick_ms", idle_tick_ms);
  output = kontor_bench_json_free (json);
  g_print ("%s\n", output);

  g_clear_pointer (&front, kontor_test_server_free);
  for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
    kontor_test_server_free (instances[i]);
  kontor_test_postgres_clear (&pg);

  return 0;
}
