/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* A long write on a connection of its own, in one transaction, off the
 * main thread; see kontor-store-job.h for what may be called where.
 *
 *   main thread                          job thread
 *   run_async ── path, client, user ──▶  open connection, BEGIN IMMEDIATE
 *             ◀── progress (idle) ─────  func (savepoints, step, …)
 *   callback  ◀── done ──────────────── COMMIT or ROLLBACK
 *   "changed" once per kind of record
 */

#define G_LOG_DOMAIN "kontor-store-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-store-job.h"
#include "kontor-store-db.h"

struct _KontorStoreJob
{
  GObject             parent_instance;

  KontorStore        *store;
  char               *title;
  KontorStoreJobFunc  func;
  gpointer            func_data;
  GDestroyNotify      func_data_free;

  /* the thread that runs the job */
  GCancellable       *cancellable;
  double              progress;
  gboolean            running;
  gboolean            started;
  gboolean            in_thread;   /* set before the job's thread starts */
  GMainContext       *context;

  /* shared with the job's thread */
  GMutex              mutex;
  double              posted;      /* the last fraction the func reported */
  gboolean            delivering;  /* an idle is on its way to @context */
};

/* What one run needs on its thread and brings back */
typedef struct
{
  char       *path;
  char       *client_id;
  char       *user_id;
  GHashTable *entities;   /* the kinds of records the job changed */
  gboolean    purge;      /* the job deleted what the search index keeps */
} Run;

enum {
  PROP_0,
  PROP_STORE,
  PROP_TITLE,
  PROP_PROGRESS,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorStoreJob, kontor_store_job, G_TYPE_OBJECT)

static void
run_free (gpointer data)
{
  Run *run = data;

  g_free (run->path);
  g_free (run->client_id);
  g_free (run->user_id);
  g_hash_table_unref (run->entities);
  g_free (run);
}

static void
set_progress_now (KontorStoreJob *self,
                  double          fraction)
{
  if (self->progress == fraction)
    return;

  self->progress = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_running (KontorStoreJob *self,
             gboolean        running)
{
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
deliver_progress (gpointer data)
{
  KontorStoreJob *self = data;
  double fraction;

  g_mutex_lock (&self->mutex);
  fraction = self->posted;
  self->delivering = FALSE;
  g_mutex_unlock (&self->mutex);

  /* late news of a run that has ended */
  if (self->running)
    set_progress_now (self, fraction);

  return G_SOURCE_REMOVE;
}

/**
 * kontor_store_job_set_progress:
 * @self: a job
 * @fraction: how much is done, from 0 to 1
 *
 * Reports progress from the job's func. Throttled: the "progress" property
 * follows in whole percents, with at most one update on its way to the
 * main thread at a time.
 */
void
kontor_store_job_set_progress (KontorStoreJob *self,
                               double          fraction)
{
  gboolean deliver = FALSE;

  g_return_if_fail (KONTOR_IS_STORE_JOB (self));

  fraction = CLAMP (fraction, 0.0, 1.0);

  g_mutex_lock (&self->mutex);
  if ((int) (fraction * 100) == (int) (self->posted * 100))
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  self->posted = fraction;
  if (self->in_thread && !self->delivering)
    deliver = self->delivering = TRUE;
  g_mutex_unlock (&self->mutex);

  if (!self->in_thread)
    {
      set_progress_now (self, fraction);
    }
  else if (deliver)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[kontor] store job progress");
      g_source_attach (source, self->context);
    }
}

/**
 * kontor_store_job_step:
 * @self: a job
 * @done: how many steps are done
 * @total: how many steps there are
 * @error: return location for a #GError
 *
 * Reports progress from the job's func and checks, between two steps,
 * whether the job was cancelled.
 *
 * Returns: %FALSE with %G_IO_ERROR_CANCELLED when the func must stop
 */
gboolean
kontor_store_job_step (KontorStoreJob  *self,
                       guint            done,
                       guint            total,
                       GError         **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE_JOB (self), FALSE);

  kontor_store_job_set_progress (self, total > 0 ? (double) done / total : 1.0);

  return !g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

static void
note_entity_cb (KontorStore *connection,
                const char  *entity,
                GArray      *rowids,
                gpointer     user_data)
{
  GHashTable *entities = user_data;

  g_hash_table_add (entities, g_strdup (entity));
}

/* On the job's thread (or the caller's, for kontor_store_job_run()) */
static gboolean
run_in_connection (KontorStoreJob  *self,
                   Run             *run,
                   GError         **error)
{
  g_autoptr(KontorStore) connection = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;

  connection = kontor_store_open_connection (run->path, run->client_id, run->user_id, error);
  if (connection == NULL)
    return FALSE;

  /* a large page cache for this connection's short life: one big
   * transaction would otherwise spill to the log and read it back */
  _kontor_store_exec (connection,
                      "PRAGMA cache_size = " G_STRINGIFY (KONTOR_STORE_BULK_CACHE_KIB), NULL);
  /* and no memory map: a job reads most pages once, and through the map
   * each would stay in the process's resident memory (an import of
   * 100,000 rows: 226 MB more); read() goes through the cache above */
  _kontor_store_exec (connection, "PRAGMA mmap_size = 0", NULL);
  g_signal_connect (connection, "changed", G_CALLBACK (note_entity_cb), run->entities);

  if (!_kontor_store_begin (connection, error))
    return FALSE;

  ok = self->func (self, connection, self->func_data, self->cancellable, &local_error);
  if (!ok && local_error == NULL)
    {
      g_critical ("The func of the store job “%s” failed without an error", self->title);
      local_error = g_error_new_literal (KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FAILED,
                                         _("The changes could not be saved; nothing was changed."));
    }
  if (ok)
    ok = !g_cancellable_set_error_if_cancelled (self->cancellable, &local_error);

  /* savepoints a func left open end with the transaction */
  g_warn_if_fail (connection->savepoints == 0);
  connection->savepoints = 0;

  if (!ok)
    {
      _kontor_store_rollback (connection);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!_kontor_store_commit (connection, error))
    return FALSE;

  run->purge = kontor_store_connection_take_purge (connection);

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Tells the main store's listeners once per kind of record what the job
 * committed, as a commit on the main thread would */
static void
catch_up (KontorStoreJob *self,
          Run            *run)
{
  g_autofree gpointer *entities = NULL;
  guint n_entities;

  entities = g_hash_table_get_keys_as_array (run->entities, &n_entities);
  qsort (entities, n_entities, sizeof (gpointer), compare_strings);
  kontor_store_catch_up (self->store, (const char * const *) entities, run->purge);
}

static Run *
start_run (KontorStoreJob *self,
           GCancellable   *cancellable,
           gboolean        in_thread)
{
  KontorUser *user = kontor_store_get_current_user (self->store);
  Run *run = g_new0 (Run, 1);

  run->path = g_strdup (kontor_store_get_path (self->store));
  run->client_id = g_strdup (kontor_store_get_client_id (self->store));
  run->user_id = user != NULL ? g_strdup (kontor_record_get_id (KONTOR_RECORD (user))) : NULL;
  run->entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (cancellable != NULL)
    g_set_object (&self->cancellable, cancellable);
  self->started = TRUE;
  self->in_thread = in_thread;
  self->posted = 0.0;
  self->delivering = FALSE;
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();

  set_progress_now (self, 0.0);
  set_running (self, TRUE);

  return run;
}

static void
finish_run (KontorStoreJob *self,
            Run            *run,
            gboolean        committed)
{
  if (committed)
    {
      catch_up (self, run);
      set_progress_now (self, 1.0);
    }
  set_running (self, FALSE);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_in_connection (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_job_thread_done_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  KontorStoreJob *self = KONTOR_STORE_JOB (source_object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean committed;

  committed = g_task_propagate_boolean (G_TASK (result), &error);
  finish_run (self, g_task_get_task_data (G_TASK (result)), committed);

  if (committed)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * kontor_store_job_run_async:
 * @self: a job that has not run yet
 * @cancellable: (nullable): a #GCancellable, also the one
 *   kontor_store_job_cancel() cancels
 * @callback: called on this thread's main context when the job is done
 * @user_data: data for @callback
 *
 * Runs the job's func on a worker thread with a connection of its own.
 * Call it on the thread that owns the store.
 */
void
kontor_store_job_run_async (KontorStoreJob      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) thread_task = NULL;

  g_return_if_fail (KONTOR_IS_STORE_JOB (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* No cancellable on the tasks: a GTask whose cancellable fires reports
   * "cancelled" even when the job had committed already. The func and
   * run_in_connection() check the job's own. */
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, kontor_store_job_run_async);

  thread_task = g_task_new (self, NULL, on_job_thread_done_cb, task);
  g_task_set_source_tag (thread_task, job_thread);
  g_task_set_task_data (thread_task, start_run (self, cancellable, TRUE), run_free);
  g_task_run_in_thread (thread_task, job_thread);
}

/**
 * kontor_store_job_run_finish:
 * @self: a job
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when everything was committed; %FALSE when nothing was
 *   (%G_IO_ERROR_CANCELLED after kontor_store_job_cancel())
 */
gboolean
kontor_store_job_run_finish (KontorStoreJob  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kontor_store_job_run:
 * @self: a job that has not run yet
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs the job here and now, blocking, on a connection of its own as
 * kontor_store_job_run_async() does: for the command line, the benchmarks
 * and tests. Call it on the thread that owns the store, outside a write.
 *
 * Returns: %TRUE when everything was committed
 */
gboolean
kontor_store_job_run (KontorStoreJob  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  Run *run;
  gboolean committed;

  g_return_val_if_fail (KONTOR_IS_STORE_JOB (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  run = start_run (self, cancellable, FALSE);
  committed = run_in_connection (self, run, error);
  finish_run (self, run, committed);
  run_free (run);

  return committed;
}

/**
 * kontor_store_job_cancel:
 * @self: a job
 *
 * Asks the job to stop at its next step; it then rolls back. A job that
 * has committed already stays committed.
 */
void
kontor_store_job_cancel (KontorStoreJob *self)
{
  g_return_if_fail (KONTOR_IS_STORE_JOB (self));

  g_cancellable_cancel (self->cancellable);
}

KontorStore *
kontor_store_job_get_store (KontorStoreJob *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE_JOB (self), NULL);

  return self->store;
}

/**
 * kontor_store_job_get_title:
 * @self: a job
 *
 * Returns: (nullable): what the job does, for people: "Creating a sample
 *   team"
 */
const char *
kontor_store_job_get_title (KontorStoreJob *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE_JOB (self), NULL);

  return self->title;
}

/**
 * kontor_store_job_get_progress:
 * @self: a job
 *
 * Returns: how much of the job is done, from 0 to 1, as last delivered to
 *   this thread
 */
double
kontor_store_job_get_progress (KontorStoreJob *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE_JOB (self), 0.0);

  return self->progress;
}

/**
 * kontor_store_job_get_running:
 * @self: a job
 *
 * Returns: %TRUE from the start of a run until just before its callback
 */
gboolean
kontor_store_job_get_running (KontorStoreJob *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE_JOB (self), FALSE);

  return self->running;
}

static void
kontor_store_job_finalize (GObject *object)
{
  KontorStoreJob *self = KONTOR_STORE_JOB (object);

  if (self->func_data_free != NULL)
    g_clear_pointer (&self->func_data, self->func_data_free);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->title);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kontor_store_job_parent_class)->finalize (object);
}

static void
kontor_store_job_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KontorStoreJob *self = KONTOR_STORE_JOB (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_store_job_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KontorStoreJob *self = KONTOR_STORE_JOB (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_store_job_class_init (KontorStoreJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_store_job_finalize;
  object_class->get_property = kontor_store_job_get_property;
  object_class->set_property = kontor_store_job_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KONTOR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_store_job_init (KontorStoreJob *self)
{
  g_mutex_init (&self->mutex);
  self->cancellable = g_cancellable_new ();
}

/**
 * kontor_store_job_new:
 * @store: the main thread's store
 * @title: (nullable): what the job does, for people
 * @func: (scope notified): the writes, run on the job's thread
 * @user_data: data for @func, handed to the job's thread
 * @user_data_free: (nullable): frees @user_data with the job
 *
 * Returns: (transfer full): a job, ready to run once
 */
KontorStoreJob *
kontor_store_job_new (KontorStore        *store,
                      const char         *title,
                      KontorStoreJobFunc  func,
                      gpointer            user_data,
                      GDestroyNotify      user_data_free)
{
  KontorStoreJob *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (KONTOR_TYPE_STORE_JOB, "store", store, "title", title, NULL);
  self->func = func;
  self->func_data = user_data;
  self->func_data_free = user_data_free;

  return self;
}
