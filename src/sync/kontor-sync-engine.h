/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kontor-store.h"
#include "kontor-store-job.h"

G_BEGIN_DECLS

#define KONTOR_SYNC_ERROR (kontor_sync_error_quark ())

/**
 * KontorSyncError:
 * @KONTOR_SYNC_ERROR_UNAUTHORIZED: the session is over (logged out,
 *   revoked, password changed): ask for the password; the outbox is kept
 * @KONTOR_SYNC_ERROR_UNAVAILABLE: the server could not take it now (5xx):
 *   try again later, nothing is lost
 * @KONTOR_SYNC_ERROR_REFUSED: the server refused the request as it was
 *   (4xx other than the above): a bug or a server of another version
 * @KONTOR_SYNC_ERROR_BAD_ANSWER: the server's answer is not what
 *   kontor-sync/1 says
 * @KONTOR_SYNC_ERROR_UNTRUSTED: this computer does not trust the server's
 *   certificate; kontor_sync_engine_dup_refused_certificate () has it, for
 *   the user to trust its CA or the certificate itself
 * @KONTOR_SYNC_ERROR_CERTIFICATE_CHANGED: the server shows another
 *   certificate than the one the user trusted for it: refused
 *
 * Why a sync did not complete. Network errors come as %G_IO_ERROR.
 */
typedef enum
{
  KONTOR_SYNC_ERROR_UNAUTHORIZED,
  KONTOR_SYNC_ERROR_UNAVAILABLE,
  KONTOR_SYNC_ERROR_REFUSED,
  KONTOR_SYNC_ERROR_BAD_ANSWER,
  KONTOR_SYNC_ERROR_UNTRUSTED,
  KONTOR_SYNC_ERROR_CERTIFICATE_CHANGED,
} KontorSyncError;

/**
 * KontorSyncTrust:
 * @KONTOR_SYNC_TRUST_SYSTEM: the system's certificate authorities
 * @KONTOR_SYNC_TRUST_CA: a certificate authority the user chose for the
 *   server (a team's own), and only it
 * @KONTOR_SYNC_TRUST_CERTIFICATE: the one certificate the user accepted
 *   for the server (pinned): any other is refused
 *
 * What a server's certificate is checked against (feature S6).
 */
typedef enum
{
  KONTOR_SYNC_TRUST_SYSTEM,
  KONTOR_SYNC_TRUST_CA,
  KONTOR_SYNC_TRUST_CERTIFICATE,
} KontorSyncTrust;

GQuark kontor_sync_error_quark (void);

#define KONTOR_TYPE_SYNC_ENGINE (kontor_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (KontorSyncEngine, kontor_sync_engine, KONTOR, SYNC_ENGINE, GObject)

KontorSyncEngine *kontor_sync_engine_new              (KontorStore       *store,
                                                       const char        *server_uri);
KontorStore      *kontor_sync_engine_get_store        (KontorSyncEngine  *self);
void              kontor_sync_engine_set_tls_database (KontorSyncEngine  *self,
                                                       GTlsDatabase      *database);
gboolean          kontor_sync_engine_set_trust        (KontorSyncEngine  *self,
                                                       KontorSyncTrust    trust,
                                                       const char        *pem,
                                                       GError           **error);
GTlsCertificate  *kontor_sync_engine_dup_refused_certificate (KontorSyncEngine *self);
void              kontor_sync_engine_set_token        (KontorSyncEngine  *self,
                                                       const char        *token);
char             *kontor_sync_engine_dup_token        (KontorSyncEngine  *self);
gboolean          kontor_sync_engine_login            (KontorSyncEngine  *self,
                                                       const char        *username,
                                                       const char        *password,
                                                       const char        *device_name,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
JsonObject       *kontor_sync_engine_fetch_me         (KontorSyncEngine  *self,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
gboolean          kontor_sync_engine_logout           (KontorSyncEngine  *self,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
gboolean          kontor_sync_engine_push             (KontorSyncEngine  *self,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
gboolean          kontor_sync_engine_pull             (KontorSyncEngine  *self,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
gboolean          kontor_sync_engine_pull_into        (KontorSyncEngine  *self,
                                                       KontorStore       *connection,
                                                       KontorStoreJob    *job,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
KontorStoreJob   *kontor_sync_engine_new_pull_job     (KontorSyncEngine  *self);
gboolean          kontor_sync_engine_wait             (KontorSyncEngine  *self,
                                                       guint              seconds,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
gboolean          kontor_sync_engine_sync             (KontorSyncEngine  *self,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
guint             kontor_sync_engine_get_resyncs      (KontorSyncEngine  *self);
guint             kontor_sync_engine_get_uploads      (KontorSyncEngine  *self);

void              kontor_sync_engine_start_events     (KontorSyncEngine  *self);
void              kontor_sync_engine_stop_events      (KontorSyncEngine  *self);
gboolean          kontor_sync_engine_get_events_connected (KontorSyncEngine *self);
guint             kontor_sync_engine_get_reconnect_delay  (KontorSyncEngine *self);

G_END_DECLS
