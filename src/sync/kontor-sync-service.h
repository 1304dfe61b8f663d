/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-store.h"
#include "kontor-sync-engine.h"

G_BEGIN_DECLS

/**
 * KontorSyncState:
 * @KONTOR_SYNC_STATE_OFF: no team server is set up; Kontor works alone
 * @KONTOR_SYNC_STATE_SIGNED_OUT: a server is known but there is no
 *   session: the user signs in (again) to go on
 * @KONTOR_SYNC_STATE_SYNCING: a cycle runs
 * @KONTOR_SYNC_STATE_SYNCHRONISED: the last cycle sent and received
 *   everything
 * @KONTOR_SYNC_STATE_OFFLINE: the server cannot be reached; changes wait
 * @KONTOR_SYNC_STATE_ERROR: the server or the keyring failed; the message
 *   says how, and Kontor tries again
 *
 * What the header shows of the team sync.
 */
typedef enum
{
  KONTOR_SYNC_STATE_OFF,
  KONTOR_SYNC_STATE_SIGNED_OUT,
  KONTOR_SYNC_STATE_SYNCING,
  KONTOR_SYNC_STATE_SYNCHRONISED,
  KONTOR_SYNC_STATE_OFFLINE,
  KONTOR_SYNC_STATE_ERROR,
} KontorSyncState;

GType kontor_sync_state_get_type (void) G_GNUC_CONST;
#define KONTOR_TYPE_SYNC_STATE (kontor_sync_state_get_type ())

#define KONTOR_TYPE_SYNC_SERVICE (kontor_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (KontorSyncService, kontor_sync_service, KONTOR, SYNC_SERVICE, GObject)

char               *kontor_sync_parse_server_uri        (const char           *text,
                                                         GError              **error);
char               *kontor_sync_dup_fingerprint         (GTlsCertificate      *certificate);
char               *kontor_sync_dup_reason_text         (const char           *reason);

KontorSyncService  *kontor_sync_service_new             (KontorStore          *store);
void                kontor_sync_service_set_trust       (KontorSyncService    *self,
                                                         const char           *server_uri,
                                                         KontorSyncTrust       trust,
                                                         const char           *pem);
GTlsCertificate    *kontor_sync_service_get_refused_certificate (KontorSyncService *self);
void                kontor_sync_service_start           (KontorSyncService    *self);
void                kontor_sync_service_sync_now        (KontorSyncService    *self);

void                kontor_sync_service_sign_in_async   (KontorSyncService    *self,
                                                         const char           *server_uri,
                                                         const char           *username,
                                                         const char           *password,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            kontor_sync_service_sign_in_finish  (KontorSyncService    *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                kontor_sync_service_sign_out_async  (KontorSyncService    *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            kontor_sync_service_sign_out_finish (KontorSyncService    *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

KontorStore        *kontor_sync_service_get_store       (KontorSyncService    *self);
KontorSyncState     kontor_sync_service_get_state       (KontorSyncService    *self);
const char         *kontor_sync_service_get_message     (KontorSyncService    *self);
gint64              kontor_sync_service_get_pending     (KontorSyncService    *self);
gint64              kontor_sync_service_get_rejected    (KontorSyncService    *self);
gint64              kontor_sync_service_get_conflicts   (KontorSyncService    *self);
gint64              kontor_sync_service_get_last_sync   (KontorSyncService    *self);
const char         *kontor_sync_service_get_server_uri  (KontorSyncService    *self);
const char         *kontor_sync_service_get_username    (KontorSyncService    *self);
const char         *kontor_sync_service_get_display_name (KontorSyncService   *self);
const char * const *kontor_sync_service_get_roles       (KontorSyncService    *self);
gboolean            kontor_sync_service_get_keyring     (KontorSyncService    *self);
guint               kontor_sync_service_get_cycles      (KontorSyncService    *self);

G_END_DECLS
