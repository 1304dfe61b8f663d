/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Pipeline statuses in the store: the board's columns, their rules and
 * their extra SQL. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-pipeline-rules.h"
#include "kontor-store-crud.h"
#include "kontor-store-pipeline.h"

#define KONTOR_PIPELINE_STATUS_FIRST_POSITION 0

static void
set_restricted (GError **error,
                char    *why)
{
  g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_RESTRICTED, why);
  g_free (why);
}

/* The data rules of a board column (@old_record is %NULL for a new one),
 * in one place for the board, the importer and the sync engine alike. */
static gboolean
check_pipeline_status_rules (KontorStore   *self,
                             KontorRecord  *record,
                             KontorRecord  *old_record,
                             GError       **error)
{
  KontorPipelineStatus *status = KONTOR_PIPELINE_STATUS (record);
  gboolean first = g_strcmp0 (kontor_pipeline_status_get_key (status),
                              KONTOR_PIPELINE_KEY_NEW) == 0;
  char *why = NULL;

  /* The first column stays first, and nothing takes its place. */
  if (first != (kontor_pipeline_status_get_position (status) <=
                KONTOR_PIPELINE_STATUS_FIRST_POSITION))
    {
      g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (self, error);

      if (statuses == NULL)
        return FALSE;
      /* the reason the first column gives for staying first */
      kontor_pipeline_status_can_move (statuses, 0, 1, &why);
      set_restricted (error, why);
      return FALSE;
    }

  if (old_record != NULL &&
      g_strcmp0 (kontor_pipeline_status_get_name (status),
                 kontor_pipeline_status_get_name (KONTOR_PIPELINE_STATUS (old_record))) != 0 &&
      !kontor_pipeline_status_can_rename (KONTOR_PIPELINE_STATUS (old_record), &why))
    {
      set_restricted (error, why);
      return FALSE;
    }

  if (kontor_pipeline_status_get_stale_days (status) < 0 ||
      kontor_pipeline_status_get_stale_days (status) > KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS)
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                   /* Translators: %d is the largest number of days allowed */
                   _("Cards can be marked stale after 0 to %d days."),
                   KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS);
      return FALSE;
    }

  if (old_record == NULL && kontor_pipeline_status_get_name (status) == NULL &&
      kontor_pipeline_status_get_key (status) == NULL)
    {
      g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                           _("Enter a name for the column."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
pipeline_status_check (KontorStore   *self,
                       KontorRecord  *record,
                       KontorRecord  *old_record,
                       GError       **error)
{
  return check_pipeline_status_rules (self, record, old_record, error);
}

static gboolean
pipeline_status_check_delete (KontorStore   *self,
                              KontorRecord  *stored,
                              GError       **error)
{
  gint64 n_contacts;
  char *why = NULL;

  n_contacts = kontor_store_count_in_pipeline_status (self, kontor_record_get_id (stored), error);
  if (n_contacts < 0)
    return FALSE;

  if (!kontor_pipeline_status_can_delete (KONTOR_PIPELINE_STATUS (stored), n_contacts, &why))
    {
      set_restricted (error, why);
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_store_count_in_pipeline_status:
 * @self: a store
 * @status_id: a pipeline status
 * @error: return location for a #GError
 *
 * Returns: how many contacts have @status_id, archived and inbox contacts
 *   included (they keep it while restricted), or -1 on error
 */
gint64
kontor_store_count_in_pipeline_status (KontorStore  *self,
                                       const char   *status_id,
                                       GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (KONTOR_IS_STORE (self), -1);
  g_return_val_if_fail (status_id != NULL, -1);

  stmt = _kontor_store_prepare (self, "SELECT count(*) FROM contact WHERE pipeline_status_id = ?1",
                                error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, status_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step (self, stmt, error) == 1)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

KontorEntityInfo _kontor_store_pipeline_status_entity = {
  .get_type = kontor_pipeline_status_get_type,
  .table = "pipeline_status",
  .outbox = TRUE,
  .check = pipeline_status_check,
  .check_delete = pipeline_status_check_delete,
};

/**
 * kontor_store_list_pipeline_statuses:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorPipelineStatus): all
 *   pipeline statuses, active or not, in board order
 */
GPtrArray *
kontor_store_list_pipeline_statuses (KontorStore  *self,
                                     GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return _kontor_store_load_list (self, &_kontor_store_pipeline_status_entity,
                                  "SELECT rid FROM pipeline_status ORDER BY position, rid", NULL,
                                  error);
}
