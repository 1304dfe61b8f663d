/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-store.h"

G_BEGIN_DECLS

/* KontorStoreJob: the one way to run a long write (a bulk save, an import,
 * the sample team, later applying what the sync server sent) without
 * blocking the main thread.
 *
 * A job opens a connection of its own on the store's file, begins ONE
 * transaction on it and calls its KontorStoreJobFunc with that connection,
 * a KontorStore like any other. Every store function works on it and
 * writes what it writes on the main thread (outbox entries, the search
 * index, sort keys); their own transactions become savepoints of the job's.
 * When the function returns %TRUE and the job was not cancelled, the job
 * commits; otherwise it rolls back, and nothing of it is stored. After a
 * commit the main store emits #KontorStore::changed once for each kind of
 * record the job wrote, with no row ids ("many rows"), so every
 * KontorRecordList catches up once.
 *
 * The database is in WAL mode: the main thread keeps reading while the job
 * writes, and sees nothing of the job before its commit. The job holds the
 * write lock from its first write to its commit, so a write on the main
 * thread in that time waits (up to the store's busy timeout) and then fails
 * with %KONTOR_STORE_ERROR_BUSY, leaving nothing half-written.
 *
 * Threads:
 * - the thread that owns the main store (the main thread) creates the job,
 *   runs it, cancels it and reads its properties; "progress" and "running"
 *   are notified there, on the main context of the thread that called
 *   kontor_store_job_run_async(), and so is its callback;
 * - the KontorStoreJobFunc runs on a worker thread (on the calling thread
 *   for kontor_store_job_run()). It uses only the connection it is given,
 *   objects it made itself, kontor_store_job_set_progress() and
 *   kontor_store_job_step(); never the main store or its records.
 */

#define KONTOR_TYPE_STORE_JOB (kontor_store_job_get_type ())

G_DECLARE_FINAL_TYPE (KontorStoreJob, kontor_store_job, KONTOR, STORE_JOB, GObject)

/**
 * KontorStoreJobFunc:
 * @job: the job
 * @connection: the job's own connection, inside the job's transaction
 * @user_data: the data given to kontor_store_job_new()
 * @cancellable: the job's cancellable
 * @error: return location for a #GError
 *
 * Does the job's writes on @connection, on the job's thread.
 *
 * Returns: %TRUE to commit, %FALSE with @error set to roll back
 */
typedef gboolean (*KontorStoreJobFunc) (KontorStoreJob  *job,
                                        KontorStore     *connection,
                                        gpointer         user_data,
                                        GCancellable    *cancellable,
                                        GError         **error);

KontorStoreJob *kontor_store_job_new          (KontorStore          *store,
                                               const char           *title,
                                               KontorStoreJobFunc    func,
                                               gpointer              user_data,
                                               GDestroyNotify        user_data_free);
KontorStore    *kontor_store_job_get_store    (KontorStoreJob       *self);
const char     *kontor_store_job_get_title    (KontorStoreJob       *self);
double          kontor_store_job_get_progress (KontorStoreJob       *self);
gboolean        kontor_store_job_get_running  (KontorStoreJob       *self);

void            kontor_store_job_run_async    (KontorStoreJob       *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        kontor_store_job_run_finish   (KontorStoreJob       *self,
                                               GAsyncResult         *result,
                                               GError              **error);
gboolean        kontor_store_job_run          (KontorStoreJob       *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
void            kontor_store_job_cancel       (KontorStoreJob       *self);

/* on the job's thread */
void            kontor_store_job_set_progress (KontorStoreJob       *self,
                                               double                fraction);
gboolean        kontor_store_job_step         (KontorStoreJob       *self,
                                               guint                 done,
                                               guint                 total,
                                               GError              **error);

G_END_DECLS
