/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store-job"

#include "config.h"

#include "kontor-demo-fill.h"
#include "kontor-record-list.h"
#include "kontor-store-job.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/* KontorStoreJob, the long write on a worker thread: everything in one
 * transaction or nothing, the main thread reading on meanwhile, progress
 * and cancellation between steps, and one catch-up of the main thread's
 * lists after the commit. */

#define N_CONTACTS 300

typedef struct
{
  KontorStoreFixture  base;
  KontorRecordList   *list;
  KontorItemsRecorder *recorder;
  GHashTable         *changes;    /* entity -> number of "changed" */
  GArray             *progress;   /* double: each "progress" the main thread saw */

  /* the job's result */
  gboolean            done;
  gboolean            committed;
  GError             *error;

  /* a func that waits half way for the main thread */
  GMutex              mutex;
  GCond               cond;
  gboolean            half_way;
  gboolean            main_has_read;
  guint               stopped_at;
} Fixture;

static void
on_store_changed_cb (KontorStore *store,
                     const char  *entity,
                     GArray      *rowids,
                     Fixture     *fixture)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->changes, entity));

  /* the job tells "many rows", not the ids of a whole import */
  g_assert_cmpuint (rowids->len, ==, 0);
  g_hash_table_insert (fixture->changes, g_strdup (entity), GUINT_TO_POINTER (n + 1));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);
  g_mutex_init (&fixture->mutex);
  g_cond_init (&fixture->cond);

  fixture->list = kontor_record_list_new (fixture->base.store, KONTOR_TYPE_CONTACT, NULL);
  fixture->recorder = kontor_items_recorder_new (G_LIST_MODEL (fixture->list));
  fixture->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->progress = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (fixture->base.store, "changed", G_CALLBACK (on_store_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->recorder, kontor_items_recorder_free);
  g_clear_object (&fixture->list);
  g_clear_pointer (&fixture->changes, g_hash_table_unref);
  g_clear_pointer (&fixture->progress, g_array_unref);
  g_clear_error (&fixture->error);
  g_mutex_clear (&fixture->mutex);
  g_cond_clear (&fixture->cond);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

#define TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

static guint
n_changes (Fixture    *fixture,
           const char *entity)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->changes, entity));
}

static void
on_progress_notify_cb (KontorStoreJob *job,
                       GParamSpec     *pspec,
                       Fixture        *fixture)
{
  double fraction = kontor_store_job_get_progress (job);

  g_assert_true (kontor_store_job_get_running (job));
  g_array_append_val (fixture->progress, fraction);
}

static void
on_job_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_false (kontor_store_job_get_running (KONTOR_STORE_JOB (source_object)));
  fixture->committed = kontor_store_job_run_finish (KONTOR_STORE_JOB (source_object), result,
                                                    &fixture->error);
  fixture->done = TRUE;
}

static gboolean
job_done (gpointer data)
{
  Fixture *fixture = data;

  return fixture->done;
}

static void
run_job (Fixture        *fixture,
         KontorStoreJob *job)
{
  g_signal_connect (job, "notify::progress", G_CALLBACK (on_progress_notify_cb), fixture);
  kontor_store_job_run_async (job, NULL, on_job_done_cb, fixture);
  g_assert_true (kontor_store_job_get_running (job));
  g_assert_true (kontor_test_iterate_until (job_done, fixture, KONTOR_TEST_TIMEOUT * 6));
}

static void
assert_empty_and_consistent (Fixture *fixture)
{
  sqlite3 *db = _kontor_store_get_db (fixture->base.store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM company", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM outbox", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact_search", NULL), ==, 0);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* nothing to catch up on */
  g_assert_cmpuint (g_hash_table_size (fixture->changes), ==, 0);
  g_assert_cmpuint (kontor_items_recorder_count (fixture->recorder), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Funcs */

typedef enum
{
  FAIL_NEVER,
  FAIL_SIMULATED,   /* the func gives up half way */
  FAIL_CONSTRAINT,  /* a save half way breaks a UNIQUE constraint */
  FAIL_CANCEL,      /* the job is cancelled half way, between two steps */
} Failure;

typedef struct
{
  Fixture *fixture;
  Failure  failure;
  gboolean wait_half_way;
  GThread *thread;          /* where the func ran */
} FuncData;

static gboolean
save_contacts (KontorStoreJob  *job,
               KontorStore     *connection,
               gpointer         user_data,
               GCancellable    *cancellable,
               GError         **error)
{
  FuncData *data = user_data;
  Fixture *fixture = data->fixture;

  data->thread = g_thread_self ();
  g_assert_true (connection != kontor_store_job_get_store (job));

  for (guint i = 0; i < N_CONTACTS; i++)
    {
      g_autoptr(KontorContact) contact = kontor_contact_new ();
      g_autofree char *name = g_strdup_printf ("Müller %03u", i);

      if (!kontor_store_job_step (job, i, N_CONTACTS, error))
        {
          fixture->stopped_at = i;
          return FALSE;
        }

      if (i == N_CONTACTS / 2)
        {
          switch (data->failure)
            {
            case FAIL_SIMULATED:
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "simulated");
              return FALSE;
            case FAIL_CONSTRAINT:
              kontor_contact_set_customer_number (contact, "K-1");
              break;
            case FAIL_CANCEL:
              g_cancellable_cancel (cancellable);
              break;
            case FAIL_NEVER:
            default:
              break;
            }

          if (data->wait_half_way)
            {
              /* let the main thread read while this one holds the write lock */
              g_mutex_lock (&fixture->mutex);
              fixture->half_way = TRUE;
              g_main_context_wakeup (NULL);
              while (!fixture->main_has_read)
                g_cond_wait (&fixture->cond, &fixture->mutex);
              g_mutex_unlock (&fixture->mutex);
            }
        }
      else if (i == 0 && data->failure == FAIL_CONSTRAINT)
        {
          kontor_contact_set_customer_number (contact, "K-1");
        }

      kontor_contact_set_first_name (contact, "Jürgen");
      kontor_contact_set_last_name (contact, name);
      if (!kontor_store_save (connection, KONTOR_RECORD (contact), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_half_way (gpointer user_data)
{
  Fixture *fixture = user_data;
  gboolean half_way;

  g_mutex_lock (&fixture->mutex);
  half_way = fixture->half_way;
  g_mutex_unlock (&fixture->mutex);

  return half_way;
}

/* Wakes the func waiting half way */
static void
let_func_go_on (Fixture *fixture)
{
  g_mutex_lock (&fixture->mutex);
  fixture->main_has_read = TRUE;
  g_cond_signal (&fixture->cond);
  g_mutex_unlock (&fixture->mutex);
}

/* ------------------------------------------------------------------------ */
/* Tests */

static void
test_commits_and_catches_up_once (Fixture       *fixture,
                                  gconstpointer  unused)
{
  FuncData data = { fixture, FAIL_NEVER, TRUE };
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (fixture->base.store, "Saving",
                                                        save_contacts, &data, NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GError) error = NULL;
  const KontorItemsChange *change;

  g_signal_connect (job, "notify::progress", G_CALLBACK (on_progress_notify_cb), fixture);
  kontor_store_job_run_async (job, NULL, on_job_done_cb, fixture);

  /* half way, the main thread reads on and sees nothing of the job yet */
  g_assert_true (kontor_test_iterate_until (is_half_way, fixture, KONTOR_TEST_TIMEOUT * 6));
  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_CONTACT, &error), ==, 0);
  g_assert_no_error (error);
  let_func_go_on (fixture);

  g_assert_true (kontor_test_iterate_until (job_done, fixture, KONTOR_TEST_TIMEOUT * 6));
  g_assert_no_error (fixture->error);
  g_assert_true (fixture->committed);
  g_assert_true (data.thread != g_thread_self ());

  /* everything, with what a save on the main thread writes */
  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_CONTACT, NULL), ==,
                   N_CONTACTS);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM outbox "
                                          "WHERE entity = 'contact' AND op = 'create'", NULL),
                   ==, N_CONTACTS);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact WHERE sort_name = x'ff'",
                                          NULL), ==, 0);
  kontor_filter_set_search_text (filter, "Müller 123");
  g_assert_true (kontor_store_query_rowids (fixture->base.store, KONTOR_TYPE_CONTACT, filter,
                                            found, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* one catch-up: one "changed", one items-changed */
  g_assert_cmpuint (g_hash_table_size (fixture->changes), ==, 1);
  g_assert_cmpuint (n_changes (fixture, "contact"), ==, 1);
  g_assert_cmpuint (kontor_items_recorder_count (fixture->recorder), ==, 1);
  change = kontor_items_recorder_get (fixture->recorder, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, N_CONTACTS);

  /* progress came to the main thread, throttled, rising, ending at 1 */
  g_assert_cmpuint (fixture->progress->len, >=, 2);
  g_assert_cmpuint (fixture->progress->len, <=, 101);
  for (guint i = 1; i < fixture->progress->len; i++)
    g_assert_cmpfloat (g_array_index (fixture->progress, double, i), >,
                       g_array_index (fixture->progress, double, i - 1));
  g_assert_cmpfloat (kontor_store_job_get_progress (job), ==, 1.0);
  g_assert_false (kontor_store_job_get_running (job));
}

static void
test_error_rolls_back (Fixture       *fixture,
                       gconstpointer  test_data)
{
  FuncData data = { fixture, GPOINTER_TO_INT (test_data), FALSE };
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (fixture->base.store, "Saving",
                                                        save_contacts, &data, NULL);
  g_autoptr(KontorContact) contact = kontor_contact_new ();

  run_job (fixture, job);

  g_assert_false (fixture->committed);
  if (data.failure == FAIL_SIMULATED)
    g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_FAILED);
  else
    g_assert_true (fixture->error != NULL && fixture->error->domain == KONTOR_STORE_ERROR);
  assert_empty_and_consistent (fixture);
  g_assert_cmpfloat (kontor_store_job_get_progress (job), <, 1.0);

  /* the store writes on as before */
  g_signal_handlers_disconnect_by_data (fixture->base.store, fixture);
  kontor_contact_set_last_name (contact, "Weiß");
  kontor_test_save (fixture->base.store, contact);
  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_CONTACT, NULL), ==, 1);
}

static void
test_cancel_between_steps (Fixture       *fixture,
                           gconstpointer  unused)
{
  FuncData data = { fixture, FAIL_CANCEL, FALSE };
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (fixture->base.store, "Saving",
                                                        save_contacts, &data, NULL);

  run_job (fixture, job);

  g_assert_false (fixture->committed);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* the step after the one that was cancelled stopped it */
  g_assert_cmpuint (fixture->stopped_at, ==, N_CONTACTS / 2 + 1);
  assert_empty_and_consistent (fixture);
}

static void
test_cancel_before_commit (Fixture       *fixture,
                           gconstpointer  unused)
{
  FuncData data = { fixture, FAIL_NEVER, TRUE };
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (fixture->base.store, "Saving",
                                                        save_contacts, &data, NULL);

  kontor_store_job_run_async (job, NULL, on_job_done_cb, fixture);
  g_assert_true (kontor_test_iterate_until (is_half_way, fixture, KONTOR_TEST_TIMEOUT * 6));

  /* from the main thread, while the func works on: it finishes its steps,
   * and the job still rolls back instead of committing */
  kontor_store_job_cancel (job);
  let_func_go_on (fixture);

  g_assert_true (kontor_test_iterate_until (job_done, fixture, KONTOR_TEST_TIMEOUT * 6));
  g_assert_false (fixture->committed);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_empty_and_consistent (fixture);
}

static void
test_run_blocking (Fixture       *fixture,
                   gconstpointer  unused)
{
  FuncData data = { fixture, FAIL_NEVER, FALSE };
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (fixture->base.store, "Saving",
                                                        save_contacts, &data, NULL);
  g_autoptr(GError) error = NULL;

  /* the same connection and transaction, on this thread */
  g_assert_true (kontor_store_job_run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (data.thread == g_thread_self ());

  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_CONTACT, NULL), ==,
                   N_CONTACTS);
  g_assert_cmpuint (n_changes (fixture, "contact"), ==, 1);
  g_assert_cmpuint (kontor_items_recorder_count (fixture->recorder), ==, 1);
  g_assert_cmpfloat (kontor_store_job_get_progress (job), ==, 1.0);
}

/* The sample team, cancelled from the main thread when the progress it
 * sees reaches one half. The func waits for that cancel if the fill was
 * quicker, so the test does not depend on this machine's speed. */
static gboolean
fill_demo (KontorStoreJob  *job,
           KontorStore     *connection,
           gpointer         user_data,
           GCancellable    *cancellable,
           GError         **error)
{
  Fixture *fixture = user_data;

  if (!kontor_demo_fill (job, connection, 2000, KONTOR_DEMO_DEFAULT_SEED, error))
    return FALSE;

  fixture->stopped_at = G_MAXUINT;   /* the fill was quicker */
  kontor_test_wait_cancelled (cancellable);

  return TRUE;
}

static void
on_demo_progress_notify_cb (KontorStoreJob *job,
                            GParamSpec     *pspec,
                            Fixture        *fixture)
{
  if (kontor_store_job_get_progress (job) >= 0.5)
    kontor_store_job_cancel (job);
}

static void
test_cancel_demo_half_way (Fixture       *fixture,
                           gconstpointer  unused)
{
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (fixture->base.store, "Demo", fill_demo,
                                                        fixture, NULL);
  gint64 users = kontor_store_count (fixture->base.store, KONTOR_TYPE_USER, NULL);

  g_signal_connect (job, "notify::progress", G_CALLBACK (on_demo_progress_notify_cb), fixture);
  run_job (fixture, job);

  g_assert_false (fixture->committed);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (g_array_index (fixture->progress, double, fixture->progress->len - 1), >=,
                     0.5);
  if (fixture->stopped_at == G_MAXUINT)
    g_test_message ("the fill had finished when the cancel came; it rolled back all the same");

  assert_empty_and_consistent (fixture);
  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_USER, NULL), ==, users);
  g_assert_cmpint (kontor_store_count (fixture->base.store, KONTOR_TYPE_TEAM, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  TEST ("/store-job/commits-and-catches-up-once", test_commits_and_catches_up_once);
  g_test_add ("/store-job/error-rolls-back/simulated", Fixture,
              GINT_TO_POINTER (FAIL_SIMULATED), fixture_set_up, test_error_rolls_back,
              fixture_tear_down);
  g_test_add ("/store-job/error-rolls-back/constraint", Fixture,
              GINT_TO_POINTER (FAIL_CONSTRAINT), fixture_set_up, test_error_rolls_back,
              fixture_tear_down);
  TEST ("/store-job/cancel-between-steps", test_cancel_between_steps);
  TEST ("/store-job/cancel-before-commit", test_cancel_before_commit);
  TEST ("/store-job/run-blocking", test_run_blocking);
  TEST ("/store-job/cancel-demo-half-way", test_cancel_demo_half_way);

  return g_test_run ();
}
