/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Saving the sample team (kontor-demo.c builds it): a KontorStoreJob, so
 * that `kontor --demo` shows its window at once and the team arrives in
 * one transaction, or not at all when it is cancelled. */

#define G_LOG_DOMAIN "kontor-demo"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-demo-fill.h"

/* Records saved between two looks at the cancellable: a savepoint each */
#define SAVE_CHUNK 256

typedef struct
{
  guint   n_contacts;
  guint32 seed;
} DemoOptions;

static gint64
running_number (const char *customer_number)
{
  const char *dash = customer_number != NULL ? strrchr (customer_number, '-') : NULL;

  return dash != NULL ? g_ascii_strtoll (dash + 1, NULL, 10) : 0;
}

/* Lets "Nummer erzeugen" continue after the sample's numbers instead of
 * probing them one by one. */
static gboolean
continue_number_range (KontorStore  *store,
                       GPtrArray    *records,
                       GError      **error)
{
  KontorNumberRange range = { NULL, };
  gint64 last = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);
      const char *number = NULL;

      if (KONTOR_IS_CONTACT (record))
        number = kontor_contact_get_customer_number (KONTOR_CONTACT (record));
      else if (KONTOR_IS_COMPANY (record))
        number = kontor_company_get_customer_number (KONTOR_COMPANY (record));
      last = MAX (last, running_number (number));
    }

  if (!kontor_store_get_number_range (store, &range, error))
    return FALSE;

  if (range.next_value <= last)
    {
      range.next_value = last + 1;
      ok = kontor_store_set_number_range (store, &range, error);
    }
  kontor_number_range_clear (&range);

  return ok;
}

static gboolean
set_stale_days (KontorStore  *store,
                GError      **error)
{
  const KontorDemoStaleLimit *limits;
  guint n_limits;

  limits = kontor_demo_get_stale_limits (&n_limits);
  for (guint i = 0; i < n_limits; i++)
    {
      g_autoptr(KontorPipelineStatus) status =
        kontor_store_load (store, KONTOR_TYPE_PIPELINE_STATUS, limits[i].pipeline_status_id,
                           error);

      if (status == NULL)
        return FALSE;
      kontor_pipeline_status_set_stale_days (status, limits[i].stale_days);
      if (!kontor_store_save (store, KONTOR_RECORD (status), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_demo_fill:
 * @job: the job that runs this
 * @connection: the job's connection
 * @n_contacts: how many contacts
 * @seed: the seed of the random choices
 * @error: return location for a #GError
 *
 * The writes of kontor_demo_job_new()'s job, on its thread: builds the
 * sample team with kontor_demo_build() and saves it record by record,
 * reporting progress and stopping when the job is cancelled; then the
 * board's stale limits and the customer number range, which continues
 * after the sample's numbers. A database that already holds contacts is
 * refused with %KONTOR_STORE_ERROR_INVALID, so that sample data never
 * mixes with real data.
 *
 * Returns: %TRUE when the job may commit
 */
gboolean
kontor_demo_fill (KontorStoreJob  *job,
                  KontorStore     *connection,
                  guint            n_contacts,
                  guint32          seed,
                  GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;
  gint64 n_existing;

  g_return_val_if_fail (KONTOR_IS_STORE_JOB (job), FALSE);
  g_return_val_if_fail (KONTOR_IS_STORE (connection), FALSE);

  n_existing = kontor_store_count (connection, KONTOR_TYPE_CONTACT, error);
  if (n_existing < 0)
    return FALSE;
  if (n_existing > 0)
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                   /* Translators: %s is the path of a database file */
                   _("“%s” already holds contacts. Sample data is only added to an empty "
                     "database, so that it never mixes with real contacts."),
                   kontor_store_get_path (connection));
      return FALSE;
    }

  records = kontor_demo_build (n_contacts, seed);
  for (guint i = 0; i < records->len; i += SAVE_CHUNK)
    {
      g_autoptr(GPtrArray) chunk = g_ptr_array_sized_new (SAVE_CHUNK);

      for (guint j = i; j < MIN (i + SAVE_CHUNK, records->len); j++)
        g_ptr_array_add (chunk, g_ptr_array_index (records, j));
      if (!kontor_store_job_step (job, i, records->len, error) ||
          !kontor_store_save_all (connection, chunk, NULL, error))
        return FALSE;
    }

  return set_stale_days (connection, error) &&
         continue_number_range (connection, records, error) &&
         _kontor_demo_add_leads (connection, records, seed, error);
}

static gboolean
fill_func (KontorStoreJob  *job,
           KontorStore     *connection,
           gpointer         user_data,
           GCancellable    *cancellable,
           GError         **error)
{
  DemoOptions *options = user_data;

  return kontor_demo_fill (job, connection, options->n_contacts, options->seed, error);
}

/**
 * kontor_demo_job_new:
 * @store: a store without contacts
 * @n_contacts: how many contacts
 * @seed: the seed of the random choices, %KONTOR_DEMO_DEFAULT_SEED for the
 *   sample everyone knows from the screenshots
 *
 * Returns: (transfer full): a job that fills @store with the sample team
 *   (see kontor_demo_fill())
 */
KontorStoreJob *
kontor_demo_job_new (KontorStore *store,
                     guint        n_contacts,
                     guint32      seed)
{
  g_autofree char *title = NULL;
  DemoOptions *options;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);

  options = g_new (DemoOptions, 1);
  options->n_contacts = n_contacts;
  options->seed = seed;
  title = g_strdup_printf (ngettext ("Creating a sample team with %u contact",
                                     "Creating a sample team with %u contacts", n_contacts),
                           n_contacts);

  return kontor_store_job_new (store, title, fill_func, options, g_free);
}

/**
 * kontor_demo_populate:
 * @store: a store without contacts
 * @n_contacts: how many contacts
 * @seed: the seed of the random choices
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs kontor_demo_job_new()'s job here and now: all of the sample team
 * or, on an error or cancellation, nothing.
 *
 * Blocks; call it from the thread that uses @store.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_demo_populate (KontorStore   *store,
                      guint          n_contacts,
                      guint32        seed,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(KontorStoreJob) job = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = kontor_demo_job_new (store, n_contacts, seed);

  return kontor_store_job_run (job, cancellable, error);
}
