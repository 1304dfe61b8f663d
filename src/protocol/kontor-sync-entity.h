/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KontorSyncKind:
 * @KONTOR_SYNC_KIND_RECORD: a #KontorRecord kind; its synced fields are the
 *   %KONTOR_FIELD_STORED fields of its field table
 * @KONTOR_SYNC_KIND_CHANNEL: an e-mail address or phone number of a record:
 *   a child row with an id of its own
 * @KONTOR_SYNC_KIND_LINK: a link of a record to a user or a team: a
 *   child row known by what it links (owner_id, kind, target_id)
 * @KONTOR_SYNC_KIND_SETTING: a row of the team's settings with an id of its
 *   own and no record class (a number range, the team's privacy settings)
 *
 * What a row of a synced entity is.
 */
typedef enum
{
  KONTOR_SYNC_KIND_RECORD,
  KONTOR_SYNC_KIND_CHANNEL,
  KONTOR_SYNC_KIND_LINK,
  KONTOR_SYNC_KIND_SETTING,
} KontorSyncKind;

/**
 * KontorSyncOwner:
 * @KONTOR_SYNC_OWNER_CLIENT: every client whose role may write it pushes
 *   its changes
 * @KONTOR_SYNC_OWNER_ADMIN: changed by administrators only (users, teams,
 *   the team's settings; src/README.md "Roles"); once the team syncs they
 *   belong to the server and clients keep a copy
 *
 * Who changes the rows of an entity.
 */
typedef enum
{
  KONTOR_SYNC_OWNER_CLIENT,
  KONTOR_SYNC_OWNER_ADMIN,
} KontorSyncOwner;

/**
 * KontorSyncPolicy:
 * @KONTOR_SYNC_POLICY_ASK: two machines' different changes of the field
 *   are a conflict the user resolves (src/README.md "Merging field by
 *   field")
 * @KONTOR_SYNC_POLICY_LWW: the change the server judges last wins without
 *   a conflict; only for purely presentational order (a card's rank, the
 *   position of a child row)
 *
 * How the server merges concurrent changes of one field.
 */
typedef enum
{
  KONTOR_SYNC_POLICY_ASK,
  KONTOR_SYNC_POLICY_LWW,
} KontorSyncPolicy;

typedef struct _KontorSyncEntity KontorSyncEntity;

const KontorSyncEntity *kontor_sync_entity_lookup          (const char             *name);
const KontorSyncEntity *kontor_sync_entity_nth             (guint                   n);

const char             *kontor_sync_entity_get_name        (const KontorSyncEntity *self);
KontorSyncKind          kontor_sync_entity_get_kind        (const KontorSyncEntity *self);
GType                   kontor_sync_entity_get_record_type (const KontorSyncEntity *self);
const KontorSyncEntity *kontor_sync_entity_get_parent      (const KontorSyncEntity *self);
KontorSyncOwner         kontor_sync_entity_get_owner       (const KontorSyncEntity *self);

gboolean                kontor_sync_entity_has_field       (const KontorSyncEntity *self,
                                                            const char             *field);
KontorSyncPolicy        kontor_sync_entity_get_policy      (const KontorSyncEntity *self,
                                                            const char             *field);
char                  **kontor_sync_entity_dup_fields      (const KontorSyncEntity *self);

G_END_DECLS
