/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <json-glib/json-glib.h>

#include "kontor-sync-entity.h"

G_BEGIN_DECLS

/* The most mutations one push takes */
#define KONTOR_SYNC_MAX_MUTATIONS 500

typedef enum
{
  KONTOR_SYNC_OP_CREATE,
  KONTOR_SYNC_OP_UPDATE,
  KONTOR_SYNC_OP_DELETE,
  KONTOR_SYNC_OP_RESTORE,
  KONTOR_SYNC_OP_RESOLVE,
} KontorSyncOp;

/* How a conflict is resolved */
typedef enum
{
  KONTOR_SYNC_CHOICE_MINE,
  KONTOR_SYNC_CHOICE_THEIRS,
  KONTOR_SYNC_CHOICE_VALUE,
} KontorSyncChoice;

/**
 * KontorSyncMutation:
 * @client_seq: the client's number of the change, counting up
 * @op: what it does
 * @entity: the entity of the row it changes
 * @id: the row's id
 * @fields: create, update: field -> {"value", "base_rev", "after_local_seq"}
 * @base_rev: delete, restore: the record's revision the client saw
 * @conflict: resolve: the conflict's id
 * @choice: resolve: the user's
 * @value: resolve with %KONTOR_SYNC_CHOICE_VALUE: the value chosen
 * @merged_into: (nullable): delete of a contact or a company: the record of
 *   the same kind it was merged into (feature X1), whom the other machines
 *   give what they hold of it
 *
 * One change of a push, as read and checked by
 * kontor_sync_push_request_parse(); its strings and objects belong to the
 * request. A resolution names no entity or id (the conflict does).
 */
typedef struct
{
  gint64                  client_seq;
  KontorSyncOp            op;
  const KontorSyncEntity *entity;
  const char             *id;
  JsonObject             *fields;
  gint64                  base_rev;
  const char             *conflict;
  KontorSyncChoice        choice;
  JsonNode               *value;
  const char             *merged_into;
} KontorSyncMutation;

typedef struct _KontorSyncPushRequest KontorSyncPushRequest;

KontorSyncPushRequest *kontor_sync_push_request_parse         (const char             *data,
                                                               gsize                   length,
                                                               GError                **error);
const char            *kontor_sync_push_request_get_client_id (KontorSyncPushRequest  *self);
GArray                *kontor_sync_push_request_get_mutations (KontorSyncPushRequest  *self);
void                   kontor_sync_push_request_free          (KontorSyncPushRequest  *self);

gboolean               kontor_sync_check_value                (const KontorSyncEntity *entity,
                                                               const char             *name,
                                                               JsonNode               *value,
                                                               GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorSyncPushRequest, kontor_sync_push_request_free)

G_END_DECLS
