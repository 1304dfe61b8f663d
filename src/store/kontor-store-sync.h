/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <json-glib/json-glib.h>

#include "kontor-store.h"

G_BEGIN_DECLS

/**
 * KontorSyncConflict:
 * @id: the server's id of the conflict
 * @entity: the entity of the changed row
 * @entity_id: the row's id
 * @field: (nullable): the field, %NULL for a whole-record conflict
 * @kind: "field", "edit_vs_delete" or "delete_vs_edit"
 * @base_json: (nullable): the value both changes were based on, as JSON
 * @theirs_json: (nullable): the server's value, as JSON
 * @theirs_by: (nullable): who made it, by name
 * @theirs_at: (nullable): when, ISO 8601 in UTC
 * @yours_json: (nullable): the user's value (for edit_vs_delete the
 *   fields of the kept edit), as JSON
 * @status: "open", "resolving" (answered, not yet sent), "resolved" or
 *   "superseded"
 *
 * A change of this installation the server could not take as it was.
 */
typedef struct
{
  char *id;
  char *entity;
  char *entity_id;
  char *field;
  char *kind;
  char *base_json;
  char *theirs_json;
  char *theirs_by;
  char *theirs_at;
  char *yours_json;
  char *status;
} KontorSyncConflict;

void       kontor_sync_conflict_free            (KontorSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorSyncConflict, kontor_sync_conflict_free)

/**
 * KontorSyncRejected:
 * @client_seq: the refused change's number on this installation
 * @entity: the entity of the changed row
 * @entity_id: the row's id
 * @fields_json: (nullable): what the change wrote, as a JSON object
 * @reason: the server's reason code, or words
 * @at: when it was refused, in Unix seconds
 *
 * A change of this installation the server refused; kept until the user
 * dismisses it.
 */
typedef struct
{
  gint64  client_seq;
  char   *entity;
  char   *entity_id;
  char   *fields_json;
  char   *reason;
  gint64  at;
} KontorSyncRejected;

void       kontor_sync_rejected_free            (KontorSyncRejected *rejected);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorSyncRejected, kontor_sync_rejected_free)

/**
 * KontorSyncPending:
 * @entity: the entity of the changed row
 * @entity_id: the row's id
 * @changes: the outbox entries of the row
 * @since: when the oldest of them was made, in Unix seconds
 *
 * A record with changes still to be sent.
 */
typedef struct
{
  char   *entity;
  char   *entity_id;
  gint64  changes;
  gint64  since;
} KontorSyncPending;

void       kontor_sync_pending_free             (KontorSyncPending *pending);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorSyncPending, kontor_sync_pending_free)

gboolean   kontor_store_sync_get_account        (KontorStore   *self,
                                                 char         **server_uri,
                                                 char         **username,
                                                 GError       **error);
gboolean   kontor_store_sync_check_account      (KontorStore   *self,
                                                 const char    *server_uri,
                                                 GError       **error);
gboolean   kontor_store_sync_set_account        (KontorStore   *self,
                                                 const char    *server_uri,
                                                 const char    *username,
                                                 GError       **error);
gboolean   kontor_store_sync_get_trust          (KontorStore   *self,
                                                 char         **trust,
                                                 char         **pem,
                                                 GError       **error);
gboolean   kontor_store_sync_set_trust          (KontorStore   *self,
                                                 const char    *trust,
                                                 const char    *pem,
                                                 GError       **error);

gboolean   kontor_store_sync_get_cursor         (KontorStore   *self,
                                                 gint64        *cursor,
                                                 GError       **error);
gboolean   kontor_store_sync_set_cursor         (KontorStore   *self,
                                                 gint64         cursor,
                                                 GError       **error);
JsonArray *kontor_store_sync_take_push          (KontorStore   *self,
                                                 guint          limit,
                                                 GError       **error);
gboolean   kontor_store_sync_apply_results      (KontorStore   *self,
                                                 JsonArray     *results,
                                                 GError       **error);
gboolean   kontor_store_sync_renumber           (KontorStore   *self,
                                                 gint64         expected,
                                                 GError       **error);
gboolean   kontor_store_sync_apply_changes      (KontorStore   *self,
                                                 JsonArray     *changes,
                                                 gint64         cursor,
                                                 GError       **error);
gboolean   kontor_store_sync_apply_snapshot     (KontorStore   *self,
                                                 const char    *entity,
                                                 JsonArray     *records,
                                                 GError       **error);
GPtrArray *kontor_store_sync_list_conflicts     (KontorStore   *self,
                                                 GError       **error);
gboolean   kontor_store_sync_merge_conflicts    (KontorStore   *self,
                                                 JsonArray     *conflicts,
                                                 GError       **error);
gboolean   kontor_store_sync_resolve_conflict   (KontorStore   *self,
                                                 const char    *id,
                                                 const char    *choice,
                                                 const char    *value_json,
                                                 GError       **error);
gint64     kontor_store_sync_count_rejected     (KontorStore   *self,
                                                 GError       **error);
gint64     kontor_store_sync_count_conflicts    (KontorStore   *self,
                                                 GError       **error);
gboolean   kontor_store_sync_has_conflict       (KontorStore   *self,
                                                 const char    *entity,
                                                 const char    *entity_id);
GPtrArray *kontor_store_sync_list_rejected      (KontorStore   *self,
                                                 GError       **error);
GPtrArray *kontor_store_sync_list_pending       (KontorStore   *self,
                                                 guint          limit,
                                                 GError       **error);

G_END_DECLS
