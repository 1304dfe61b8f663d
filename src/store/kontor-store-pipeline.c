/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Pipeline statuses in the store: the board's columns and their extra
 * SQL. Their data rules are the model's (kontor-pipeline-rules.c). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-pipeline-rules.h"
#include "kontor-store-crud.h"
#include "kontor-store-pipeline.h"

static gboolean
pipeline_status_check_delete (KontorStore   *self,
                              KontorRecord  *stored,
                              GError       **error)
{
  gint64 n_contacts;

  n_contacts = kontor_store_count_in_pipeline_status (self, kontor_record_get_id (stored), error);

  return n_contacts >= 0 &&
         kontor_pipeline_status_validate_delete (KONTOR_PIPELINE_STATUS (stored), n_contacts,
                                                 error);
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
  _kontor_store_step_one (self, stmt, &count, NULL, error);

  return count;
}

KontorEntityInfo _kontor_store_pipeline_status_entity = {
  .get_type = kontor_pipeline_status_get_type,
  .table = "pipeline_status",
  .outbox = TRUE,
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
