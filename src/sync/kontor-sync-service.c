/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The team sync in the background (feature S3, src/README.md "Syncing in
 * the background"): the app's one #KontorSyncService owns a worker
 * thread with a main context of its own, a second connection on the
 * store's file and a #KontorSyncEngine. Everything that waits on the
 * network or the keyring runs there; the window's thread only posts
 * requests and receives what came of them, so it never waits.
 *
 * A cycle (push, pull, the user's conflicts) runs at start, after a local
 * change (500 ms after the last one), on the server's poke, every 60 s,
 * when the network comes back, and when the user asks. Requests that
 * come while a cycle runs make one more cycle after it. A cycle that
 * failed for the network or the server is tried again after 1 s,
 * doubling up to 5 min, a little random so that a team's machines do not
 * all come back in the same second. After a cycle the main store tells
 * its lists what the worker's connection changed, once per kind of
 * record, as after a #KontorStoreJob.
 *
 * The session's token is kept in the keyring (kontor-sync-keyring.c)
 * and in the engine's memory, nowhere else: the account's server and
 * user name are in the database (kontor_store_sync_set_account ()). */

#define G_LOG_DOMAIN "kontor-sync"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-record.h"
#include "kontor-record-json.h"
#include "kontor-store-sync.h"
#include "kontor-sync-engine.h"
#include "kontor-sync-keyring.h"
#include "kontor-sync-service.h"
#include "kontor-user.h"

/* A cycle this long after the last local change */
#define DEBOUNCE_MS      500
/* A cycle at least this often while signed in */
#define PERIOD_S         60
/* Trying again after a failure: from 1 s, doubling, up to 5 min */
#define RETRY_FIRST_S    1
#define RETRY_MAX_S      300
/* Taking up the kept session again after the keyring failed */
#define RESUME_RETRY_S   30

G_DEFINE_ENUM_TYPE (KontorSyncState, kontor_sync_state,
  G_DEFINE_ENUM_VALUE (KONTOR_SYNC_STATE_OFF, "off"),
  G_DEFINE_ENUM_VALUE (KONTOR_SYNC_STATE_SIGNED_OUT, "signed-out"),
  G_DEFINE_ENUM_VALUE (KONTOR_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (KONTOR_SYNC_STATE_SYNCHRONISED, "synchronised"),
  G_DEFINE_ENUM_VALUE (KONTOR_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (KONTOR_SYNC_STATE_ERROR, "error"))

/* What lives on the worker thread and is touched only there */
typedef struct
{
  KontorStore      *connection;
  KontorSyncEngine *engine;
  char             *server_uri;
  char             *username;
  GHashTable       *entities;   /* kinds of records the connection changed */
  GSource          *period;
  GSource          *retry;
  guint             retry_s;
} Worker;

struct _KontorSyncService
{
  GObject        parent_instance;

  /* the main thread's */
  KontorStore   *store;
  GMainContext  *main_context;
  KontorSyncState state;
  char          *message;
  gint64         pending;
  gint64         rejected;
  gint64         conflicts;
  GHashTable    *told;           /* client_seq of the refusals said */
  gint64         last_sync;
  char          *server_uri;
  char          *username;
  char          *display_name;
  GStrv          roles;
  char          *account_id;     /* the account's app_user, from /v1/me */
  gboolean       keyring;
  char          *keyring_note;   /* why the session is not kept */
  guint          cycles;
  guint          debounce_id;
  guint          catching_up;
  gboolean       started;
  GNetworkMonitor *monitor;

  /* set on the main thread before the worker reads them */
  char          *path;
  char          *client_id;
  char          *user_id;
  char          *trust_server;   /* the server the trust below is for */
  KontorSyncTrust trust;         /* for the next sign-in or start */
  char          *trust_pem;
  GTlsCertificate *refused;      /* the last certificate not trusted */

  /* the worker */
  GThread       *thread;
  GMainContext  *worker_context;
  GMainLoop     *worker_loop;
  GCancellable  *cancellable;    /* cancelled when the service goes */
  gint           cycle_requested; /* atomic */
  GMutex         cycle_lock;
  GCancellable  *cycle;          /* the running cycle's, under cycle_lock */
  Worker        *worker;
};

G_DEFINE_FINAL_TYPE (KontorSyncService, kontor_sync_service, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_PENDING,
  PROP_REJECTED,
  PROP_CONFLICTS,
  PROP_LAST_SYNC,
  PROP_SERVER_URI,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  PROP_KEYRING,
  PROP_CYCLES,
  PROP_REFUSED_CERTIFICATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_REJECTED,
  SIGNAL_FILE_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* The server's address */

/* A host name or an address, nothing else */
static gboolean
is_host (const char *host)
{
  if (*host == '\0')
    return FALSE;
  if (strchr (host, ':') != NULL)
    return g_hostname_is_ip_address (host);
  for (const char *c = host; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '.')
      return FALSE;

  return TRUE;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  /* an address, not a name that begins like one ("127.example.com") */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * kontor_sync_parse_server_uri:
 * @text: what the user typed: "kontor.example.com", "https://…"
 * @error: return location for a #GError
 *
 * The team server's address as the engine takes it: https, or http for
 * this machine only (a server on loopback, for trying it out), without
 * user, query or fragment, ending in "/". A bare host name means https.
 *
 * Returns: (transfer full) (nullable): the address; %NULL with a message
 *   for the user (%G_IO_ERROR_INVALID_ARGUMENT)
 */
char *
kontor_sync_parse_server_uri (const char  *text,
                              GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *full = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the team server’s address."));
      return NULL;
    }

  full = strstr (trimmed, "://") != NULL ? g_strdup (trimmed) : g_strconcat ("https://", trimmed, NULL);
  uri = g_uri_parse (full, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || !is_host (g_uri_get_host (uri)) ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not the address of a team server."), trimmed);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback (host)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a secure address. A team server is reached over https "
                     "only (http only on this computer)."), trimmed);
      return NULL;
    }

  path = g_uri_get_path (uri);
  if (!g_str_has_suffix (path, "/"))
    {
      g_autofree char *with_slash = g_strconcat (path, "/", NULL);
      g_autoptr(GUri) fixed = g_uri_build (G_URI_FLAGS_NONE, scheme, NULL, host,
                                           g_uri_get_port (uri), with_slash, NULL, NULL);

      return g_uri_to_string (fixed);
    }

  return g_uri_to_string (uri);
}

/* What the database keeps of a trust (kontor_store_sync_set_trust ()) */
static const char * const trust_names[] = { "system", "ca", "certificate" };

static KontorSyncTrust
trust_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (trust_names); i++)
    if (g_strcmp0 (name, trust_names[i]) == 0)
      return i;

  return KONTOR_SYNC_TRUST_SYSTEM;
}

/**
 * kontor_sync_dup_fingerprint:
 * @certificate: a certificate
 *
 * Returns: (transfer full): its SHA-256 fingerprint as administrators
 *   compare it ("AB:CD:…", as `openssl x509 -fingerprint -sha256` writes it)
 */
char *
kontor_sync_dup_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    {
      if (i > 0)
        g_string_append_c (text, ':');
      g_string_append_c (text, g_ascii_toupper (hex[i]));
      g_string_append_c (text, g_ascii_toupper (hex[i + 1]));
    }

  return g_string_free (text, FALSE);
}

/**
 * kontor_sync_dup_reason_text:
 * @reason: (nullable): why the server refused a change ("forbidden", …),
 *   or already words: why this machine could not hold a server's change
 *
 * Returns: (transfer full): the reason in the user's words
 */
char *
kontor_sync_dup_reason_text (const char *reason)
{
  if (reason == NULL || g_str_equal (reason, "invalid"))
    return g_strdup (_("The server found a value that is not valid."));
  if (g_str_equal (reason, "forbidden"))
    return g_strdup (_("Your role on the team server does not allow this change."));
  if (g_str_equal (reason, "not_found"))
    return g_strdup (_("The record is not on the team server any more."));
  if (g_str_equal (reason, "id_conflict"))
    return g_strdup (_("The team server already has a record with this id."));
  if (g_str_equal (reason, "revoked"))
    return g_strdup (_("You may no longer see this record."));
  if (g_str_equal (reason, "merged_into_gone"))
    return g_strdup (_("The contact this one was merged into is not on the team server any "
                       "more."));
  if (g_str_equal (reason, "lead_entry_taken"))
    return g_strdup (_("A colleague added this contact to the lead project first. Your entry was "
                       "taken back; what you entered in it is kept with this refusal."));
  if (g_str_equal (reason, "file_forbidden"))
    return g_strdup (_("A file of this activity is on the team server, but you neither sent it "
                       "nor see an activity that has it."));
  /* a code of a newer server: still say that it was refused */
  if (strchr (reason, ' ') == NULL)
    return g_strdup_printf (_("The team server refused it (%s)."), reason);

  return g_strdup (reason);
}

/* ------------------------------------------------------------------------ */
/* The main thread's side */

static void
set_string (char       **field,
            const char  *value,
            gboolean    *changed)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  *changed = TRUE;
}

static void
set_state (KontorSyncService *self,
           KontorSyncState    state,
           const char        *message)
{
  gboolean message_changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  set_string (&self->message, message, &message_changed);
  if (message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* The outbox, the rejected list and the open conflicts, as the main store
 * sees them now */
static void
count_changes (KontorSyncService *self)
{
  gint64 pending = kontor_store_count_outbox (self->store, NULL);
  gint64 rejected = kontor_store_sync_count_rejected (self->store, NULL);
  gint64 conflicts = kontor_store_sync_count_conflicts (self->store, NULL);

  if (pending >= 0 && pending != self->pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (rejected >= 0 && rejected != self->rejected)
    {
      self->rejected = rejected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REJECTED]);
    }
  if (conflicts >= 0 && conflicts != self->conflicts)
    {
      self->conflicts = conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
}

static void
set_account (KontorSyncService  *self,
             const char         *server_uri,
             const char         *username,
             const char         *display_name,
             const char * const *roles)
{
  gboolean changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  set_string (&self->server_uri, server_uri, &changed);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URI]);
  changed = FALSE;
  set_string (&self->username, username, &changed);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
  changed = FALSE;
  set_string (&self->display_name, display_name, &changed);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  g_strfreev (self->roles);
  self->roles = g_strdupv ((char **) roles);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_keyring (KontorSyncService *self,
             gboolean           keyring)
{
  if (self->keyring == keyring)
    return;
  self->keyring = keyring;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING]);
}

/* What the worker says back: run on the main thread, unless the service
 * is gone by then */
typedef enum
{
  REPORT_SYNCING,
  REPORT_CYCLE,
  REPORT_SIGNED_IN,
  REPORT_SIGNED_OUT,
  REPORT_ACCOUNT,
  REPORT_FAILED,
  REPORT_FILE_PROBLEM,
} ReportKind;

typedef struct
{
  GWeakRef     service;
  ReportKind   kind;
  gboolean     ok;
  GError      *error;
  GStrv        entities;
  gboolean     purge;
  /* signing in */
  GTask       *task;
  char        *server_uri;
  char        *username;
  char        *display_name;
  GStrv        roles;
  char        *account_id;
  gboolean     keyring;
  char        *keyring_message;
  GTlsCertificate *refused;
  KontorSyncTrust trust;
  char        *trust_pem;
  /* a file that could not be sent */
  char        *sha256;
  char        *message;
} Report;

static void
report_free (Report *report)
{
  g_weak_ref_clear (&report->service);
  g_clear_error (&report->error);
  g_strfreev (report->entities);
  g_clear_object (&report->task);
  g_free (report->server_uri);
  g_free (report->username);
  g_free (report->display_name);
  g_strfreev (report->roles);
  g_free (report->account_id);
  g_free (report->keyring_message);
  g_clear_object (&report->refused);
  g_free (report->trust_pem);
  g_free (report->sha256);
  g_free (report->message);
  g_free (report);
}

static Report *
report_new (KontorSyncService *self,
            ReportKind         kind)
{
  Report *report = g_new0 (Report, 1);

  g_weak_ref_init (&report->service, self);
  report->kind = kind;

  return report;
}

static void request_cycle (KontorSyncService *self);
static void cancel_cycle (KontorSyncService *self);
static gboolean worker_go_cb (gpointer data);
static void post_to_worker (KontorSyncService *self, GSourceFunc func, gpointer data,
                            GDestroyNotify destroy);

/* The state a failed cycle leaves, by what failed */
static KontorSyncState
state_for_error (const GError *error)
{
  if (g_error_matches (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED))
    return KONTOR_SYNC_STATE_SIGNED_OUT;
  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
      error->domain == G_TLS_ERROR)
    return KONTOR_SYNC_STATE_OFFLINE;

  return KONTOR_SYNC_STATE_ERROR;
}

/* The refusals not said yet, each once (the store rolled them back) */
static void
tell_rejected (KontorSyncService *self)
{
  g_autoptr(GPtrArray) rejected = NULL;

  if (self->rejected == 0)
    return;
  rejected = kontor_store_sync_list_rejected (self->store, NULL);
  for (guint i = rejected != NULL ? rejected->len : 0; i > 0; i--)
    {
      KontorSyncRejected *entry = g_ptr_array_index (rejected, i - 1);
      gint64 *seq = g_memdup2 (&entry->client_seq, sizeof (gint64));

      if (!g_hash_table_add (self->told, seq))
        continue;
      g_signal_emit (self, signals[SIGNAL_REJECTED], 0, entry->entity, entry->entity_id,
                     entry->fields_json, entry->reason);
    }
}

/* What was refused before this run was said before */
static void
note_told (KontorSyncService *self)
{
  g_autoptr(GPtrArray) rejected = kontor_store_sync_list_rejected (self->store, NULL);

  for (guint i = 0; rejected != NULL && i < rejected->len; i++)
    {
      KontorSyncRejected *entry = g_ptr_array_index (rejected, i);

      g_hash_table_add (self->told, g_memdup2 (&entry->client_seq, sizeof (gint64)));
    }
}

static void
take_account_id (KontorSyncService *self,
                 const char        *account_id)
{
  if (account_id == NULL)
    return;
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
}

/* Signed in, the installation works as the account: the server publishes
 * every account as an app_user record with its id (PROTOCOL.md "Accounts
 * are users"), so once a pull brought it, it becomes the store's current
 * user and its role is the one the store and the UI apply (src/README.md
 * "Roles") */
static void
adopt_account_user (KontorSyncService *self)
{
  g_autoptr(KontorUser) user = NULL;
  g_autoptr(GError) error = NULL;
  KontorUser *current = kontor_store_get_current_user (self->store);

  if (self->account_id == NULL ||
      (current != NULL &&
       g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (current)), self->account_id) == 0))
    return;

  user = kontor_store_load (self->store, KONTOR_TYPE_USER, self->account_id, &error);
  if (user == NULL)
    {
      /* not pulled yet: the next cycle brings it */
      if (error != NULL)
        g_debug ("The account's user is not here yet: %s", error->message);
      return;
    }
  if (!kontor_store_choose_identity (self->store, user, &error))
    g_warning ("Could not work as the signed-in account: %s", error->message);
}

static void
receive_cycle (KontorSyncService *self,
               Report            *report)
{
  if (report->entities != NULL && report->entities[0] != NULL)
    {
      /* the lists catch up; that is no local change to send */
      self->catching_up++;
      kontor_store_catch_up (self->store, (const char * const *) report->entities, report->purge);
      self->catching_up--;
    }
  else if (report->purge)
    kontor_store_catch_up (self->store, NULL, TRUE);
  count_changes (self);
  tell_rejected (self);

  self->cycles++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CYCLES]);

  if (report->ok)
    {
      adopt_account_user (self);
      self->last_sync = g_get_real_time () / G_USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
      set_state (self, KONTOR_SYNC_STATE_SYNCHRONISED, self->keyring_note);
    }
  else if (!g_error_matches (report->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      KontorSyncState state = state_for_error (report->error);
      g_autofree char *message = NULL;

      /* the network's own words come from GLib; say first what they mean */
      if (state == KONTOR_SYNC_STATE_OFFLINE)
        message = g_strdup_printf (_("The team server cannot be reached (%s). Your changes wait "
                                     "on this computer."), report->error->message);
      set_state (self, state, message != NULL ? message : report->error->message);
    }
}

static void
set_refused (KontorSyncService *self,
             GTlsCertificate   *certificate)
{
  if (g_set_object (&self->refused, certificate))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED_CERTIFICATE]);
}

static void
receive_signed_in (KontorSyncService *self,
                   Report            *report)
{
  g_autoptr(GError) error = NULL;

  set_refused (self, report->refused);
  if (!report->ok)
    {
      g_task_return_error (report->task, g_steal_pointer (&report->error));
      return;
    }

  if (!kontor_store_sync_set_account (self->store, report->server_uri, report->username, &error) ||
      !kontor_store_sync_set_trust (self->store, trust_names[report->trust], report->trust_pem,
                                    &error))
    {
      /* the session is of no use here: end it */
      kontor_sync_service_sign_out_async (self, NULL, NULL, NULL);
      g_task_return_error (report->task, g_steal_pointer (&error));
      return;
    }

  set_account (self, report->server_uri, report->username, report->display_name,
               (const char * const *) report->roles);
  take_account_id (self, report->account_id);
  set_keyring (self, report->keyring);
  /* without a keyring the session lasts as long as the app, which the
   * message says while all is well */
  g_free (self->keyring_note);
  self->keyring_note = g_strdup (report->keyring_message);
  set_state (self, KONTOR_SYNC_STATE_SYNCING, self->keyring_note);
  post_to_worker (self, worker_go_cb, self, NULL);
  g_task_return_boolean (report->task, TRUE);
}

static gboolean
receive_report (gpointer data)
{
  Report *report = data;
  g_autoptr(KontorSyncService) self = g_weak_ref_get (&report->service);

  if (self == NULL)
    {
      if (report->task != NULL)
        g_task_return_new_error (report->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("Kontor is closing."));
      return G_SOURCE_REMOVE;
    }

  switch (report->kind)
    {
    case REPORT_SYNCING:
      set_state (self, KONTOR_SYNC_STATE_SYNCING, NULL);
      break;
    case REPORT_CYCLE:
      receive_cycle (self, report);
      break;
    case REPORT_SIGNED_IN:
      receive_signed_in (self, report);
      break;
    case REPORT_FAILED:
      set_state (self, KONTOR_SYNC_STATE_ERROR, report->error->message);
      break;
    case REPORT_FILE_PROBLEM:
      g_signal_emit (self, signals[SIGNAL_FILE_PROBLEM], 0, report->sha256, report->message);
      break;
    case REPORT_ACCOUNT:
      set_account (self, self->server_uri, self->username, report->display_name,
                   (const char * const *) report->roles);
      take_account_id (self, report->account_id);
      adopt_account_user (self);
      break;
    case REPORT_SIGNED_OUT:
      set_state (self, KONTOR_SYNC_STATE_SIGNED_OUT,
                 report->error != NULL ? report->error->message : NULL);
      if (report->task != NULL)
        g_task_return_boolean (report->task, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

static void
post_report (KontorSyncService *self,
             Report            *report)
{
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, receive_report, report,
                              (GDestroyNotify) report_free);
}

/* ------------------------------------------------------------------------ */
/* The worker thread's side */

static void
note_entity_cb (KontorStore *connection,
                const char  *entity,
                GArray      *rowids,
                gpointer     user_data)
{
  Worker *worker = user_data;

  g_hash_table_add (worker->entities, g_strdup (entity));
}

static gboolean
worker_open (KontorSyncService  *self,
             GError            **error)
{
  Worker *worker = self->worker;

  if (worker->connection != NULL)
    return TRUE;

  worker->connection = kontor_store_open_connection (self->path, self->client_id, self->user_id,
                                                     error);
  if (worker->connection == NULL)
    return FALSE;
  g_signal_connect (worker->connection, "changed", G_CALLBACK (note_entity_cb), worker);

  return TRUE;
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
worker_drop_engine (KontorSyncService *self)
{
  Worker *worker = self->worker;

  clear_source (&worker->period);
  clear_source (&worker->retry);
  worker->retry_s = 0;
  if (worker->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (worker->engine, self);
      kontor_sync_engine_stop_events (worker->engine);
      g_clear_object (&worker->engine);
    }
}

static GSource *
worker_add_timeout (KontorSyncService *self,
                    guint              ms,
                    GSourceFunc        func)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->worker_context);

  return source;
}

static gboolean
period_cb (gpointer data)
{
  KontorSyncService *self = data;

  /* after a failure the retry's growing delay decides, not the period */
  if (self->worker->retry == NULL)
    request_cycle (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
retry_cb (gpointer data)
{
  KontorSyncService *self = data;

  g_clear_pointer (&self->worker->retry, g_source_unref);
  request_cycle (self);

  return G_SOURCE_REMOVE;
}

static void on_engine_poke (KontorSyncEngine *engine, gint64 seq, gpointer data);
static void on_engine_file_problem (KontorSyncEngine *engine, const char *sha256,
                                    const char *message, gpointer data);
static void on_engine_signed_out (KontorSyncEngine *engine, const char *reason, gpointer data);

/* A new engine for the account, with @token when there is one */
static gboolean
worker_new_engine (KontorSyncService  *self,
                   const char         *server_uri,
                   const char         *username,
                   KontorSyncTrust     trust,
                   const char         *trust_pem,
                   GError            **error)
{
  Worker *worker = self->worker;

  if (!worker_open (self, error))
    return FALSE;

  worker_drop_engine (self);
  g_free (worker->server_uri);
  worker->server_uri = g_strdup (server_uri);
  g_free (worker->username);
  worker->username = g_strdup (username);
  worker->engine = kontor_sync_engine_new (worker->connection, server_uri);
  if (!kontor_sync_engine_set_trust (worker->engine, trust, trust_pem, error))
    {
      g_clear_object (&worker->engine);
      return FALSE;
    }

  g_signal_connect (worker->engine, "poke", G_CALLBACK (on_engine_poke), self);
  g_signal_connect (worker->engine, "signed-out", G_CALLBACK (on_engine_signed_out), self);
  g_signal_connect (worker->engine, "file-problem", G_CALLBACK (on_engine_file_problem), self);

  return TRUE;
}

/* The session is usable: cycles from now on */
static void
worker_go (KontorSyncService *self)
{
  Worker *worker = self->worker;

  kontor_sync_engine_start_events (worker->engine);
  clear_source (&worker->period);
  worker->period = worker_add_timeout (self, PERIOD_S * 1000, period_cb);
  request_cycle (self);
}

/* The server ended the session (@forget: its token goes from the
 * keyring), or there is none to take up: no cycles until the user signs
 * in again; the outbox stays */
static void
worker_signed_out (KontorSyncService *self,
                   GError            *error,
                   gboolean           forget)
{
  Worker *worker = self->worker;
  Report *report = report_new (self, REPORT_SIGNED_OUT);

  if (forget && worker->server_uri != NULL && worker->username != NULL)
    kontor_sync_keyring_clear (worker->server_uri, worker->username, self->cancellable, NULL);
  worker_drop_engine (self);
  report->error = error;
  post_report (self, report);
}

/* The server has news; also right after the socket (re)connects, for
 * what was missed while it was closed */
static void
on_engine_poke (KontorSyncEngine *engine,
                gint64            seq,
                gpointer          data)
{
  request_cycle (data);
}

static void
on_engine_signed_out (KontorSyncEngine *engine,
                      const char       *reason,
                      gpointer          data)
{
  KontorSyncService *self = data;

  worker_signed_out (self, g_error_new_literal (KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED,
                                                _("The team server ended this session. Sign in "
                                                  "again to go on synchronising; your changes are "
                                                  "kept.")),
                     TRUE);
}

/* An attached file could not be sent (on the worker): the window hears */
static void
on_engine_file_problem (KontorSyncEngine *engine,
                        const char       *sha256,
                        const char       *message,
                        gpointer          data)
{
  KontorSyncService *self = data;
  Report *report = report_new (self, REPORT_FILE_PROBLEM);

  report->sha256 = g_strdup (sha256);
  report->message = g_strdup (message);
  post_report (self, report);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
worker_cycle (gpointer data)
{
  KontorSyncService *self = data;
  Worker *worker = self->worker;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  Report *report;
  guint n_entities;
  gboolean ok;

  g_atomic_int_set (&self->cycle_requested, 0);
  if (worker->engine == NULL || g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;

  post_report (self, report_new (self, REPORT_SYNCING));
  clear_source (&worker->retry);

  /* a cycle of its own to cancel: signing out or in does not wait for
   * a slow server to answer it */
  g_mutex_lock (&self->cycle_lock);
  self->cycle = g_cancellable_new ();
  cancellable = g_object_ref (self->cycle);
  g_mutex_unlock (&self->cycle_lock);
  ok = !g_cancellable_set_error_if_cancelled (self->cancellable, &error) &&
       kontor_sync_engine_sync (worker->engine, cancellable, &error);
  g_mutex_lock (&self->cycle_lock);
  g_clear_object (&self->cycle);
  g_mutex_unlock (&self->cycle_lock);

  report = report_new (self, REPORT_CYCLE);
  report->ok = ok;
  report->entities = (GStrv) g_hash_table_get_keys_as_array (worker->entities, &n_entities);
  g_hash_table_steal_all (worker->entities);
  qsort (report->entities, n_entities, sizeof (char *), compare_strings);
  report->purge = kontor_store_connection_take_purge (worker->connection);
  if (ok)
    worker->retry_s = 0;
  else
    report->error = g_error_copy (error);
  post_report (self, report);

  if (ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return G_SOURCE_REMOVE;

  if (g_error_matches (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED))
    {
      worker_signed_out (self, g_steal_pointer (&error), TRUE);
      return G_SOURCE_REMOVE;
    }

  /* try again later, a little random */
  worker->retry_s = worker->retry_s == 0 ? RETRY_FIRST_S : MIN (worker->retry_s * 2, RETRY_MAX_S);
  worker->retry = worker_add_timeout (self, worker->retry_s * g_random_int_range (800, 1200),
                                      retry_cb);

  return G_SOURCE_REMOVE;
}

/* Any thread: the running cycle stops at its next request */
static void
cancel_cycle (KontorSyncService *self)
{
  g_mutex_lock (&self->cycle_lock);
  if (self->cycle != NULL)
    g_cancellable_cancel (self->cycle);
  g_mutex_unlock (&self->cycle_lock);
}

/* Signed in and recorded: the cycles begin */
static gboolean
worker_go_cb (gpointer data)
{
  KontorSyncService *self = data;

  if (self->worker->engine != NULL && !g_cancellable_is_cancelled (self->cancellable))
    worker_go (self);

  return G_SOURCE_REMOVE;
}

/* Any thread: a cycle soon, one for all requests until it starts */
static void
request_cycle (KontorSyncService *self)
{
  if (g_atomic_int_compare_and_exchange (&self->cycle_requested, 0, 1))
    post_to_worker (self, worker_cycle, self, NULL);
}

static void
post_to_worker (KontorSyncService *self,
                GSourceFunc        func,
                gpointer           data,
                GDestroyNotify     destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, self->worker_context);
  g_source_unref (source);
}

/* A request to the worker with what it needs */
typedef struct
{
  KontorSyncService *self;
  char              *server_uri;
  char              *username;
  char              *password;
  KontorSyncTrust    trust;
  char              *trust_pem;
  GTask             *task;
} Request;

static void
request_free (Request *request)
{
  g_free (request->server_uri);
  g_free (request->username);
  if (request->password != NULL)
    {
      memset (request->password, 0, strlen (request->password));
      g_free (request->password);
    }
  g_clear_object (&request->task);
  g_free (request->trust_pem);
  g_free (request);
}

static Request *
request_copy (Request *request)
{
  Request *copy = g_new0 (Request, 1);

  copy->self = request->self;
  copy->server_uri = g_strdup (request->server_uri);
  copy->username = g_strdup (request->username);
  copy->trust = request->trust;
  copy->trust_pem = g_strdup (request->trust_pem);

  return copy;
}

static Request *
request_new (KontorSyncService *self,
             const char        *server_uri,
             const char        *username,
             const char        *password,
             GTask             *task)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->server_uri = g_strdup (server_uri);
  request->username = g_strdup (username);
  request->password = g_strdup (password);
  /* what the user trusted for another server does not count here */
  if (server_uri != NULL && g_strcmp0 (server_uri, self->trust_server) == 0)
    {
      request->trust = self->trust;
      request->trust_pem = g_strdup (self->trust_pem);
    }
  request->task = task != NULL ? g_object_ref (task) : NULL;

  return request;
}

static GStrv
dup_roles (JsonArray *roles)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      const char *role = json_node_get_string (json_array_get_element (roles, i));

      if (role != NULL)
        g_strv_builder_add (builder, role);
    }
  return g_strv_builder_end (builder);
}

/* The account as /v1/me says */
static void
take_account (Report     *report,
              JsonObject *me)
{
  JsonObject *user = kontor_json_get_object (me, "user");

  report->display_name = g_strdup (kontor_json_get_string (user, "name"));
  report->roles = dup_roles (kontor_json_get_array (user, "roles"));
  report->account_id = g_strdup (kontor_json_get_string (user, "id"));
}

static Report *
report_new_account (KontorSyncService *self,
                    JsonObject        *me)
{
  Report *report = report_new (self, REPORT_ACCOUNT);

  take_account (report, me);

  return report;
}

static gboolean worker_resume (gpointer data);

/* Taking up the kept session failed for a reason that may pass: said,
 * and tried again in a while */
static void
worker_resume_later (KontorSyncService *self,
                     Request           *request,
                     GError            *error)
{
  Report *report = report_new (self, REPORT_FAILED);
  GSource *source = g_timeout_source_new_seconds (RESUME_RETRY_S);

  report->error = error;
  post_report (self, report);
  g_source_set_callback (source, worker_resume, request_copy (request),
                         (GDestroyNotify) request_free);
  g_source_attach (source, self->worker_context);
  g_source_unref (source);
}

/* At start: the kept session, when the keyring has one */
static gboolean
worker_resume (gpointer data)
{
  Request *request = data;
  KontorSyncService *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autofree char *token = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;

  if (!worker_new_engine (self, request->server_uri, request->username, request->trust,
                          request->trust_pem, &error))
    {
      worker_resume_later (self, request, g_steal_pointer (&error));
      return G_SOURCE_REMOVE;
    }

  token = kontor_sync_keyring_lookup (request->server_uri, request->username, self->cancellable,
                                      &error);
  if (token == NULL)
    {
      worker_drop_engine (self);
      /* a keyring that failed now (a prompt dismissed, a timeout) keeps
       * the session for the next try; none kept, or no keyring at all,
       * means signing in */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          worker_resume_later (self, request, g_steal_pointer (&error));
          return G_SOURCE_REMOVE;
        }
      if (error == NULL)
        error = g_error_new_literal (KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED,
                                     _("Sign in to the team server to go on synchronising; your "
                                       "changes are kept."));
      worker_signed_out (self, g_steal_pointer (&error), FALSE);
      return G_SOURCE_REMOVE;
    }

  kontor_sync_engine_set_token (self->worker->engine, token);

  /* who the user is on the server now (a role may have changed); offline,
   * the cycles find out later */
  me = kontor_sync_engine_fetch_me (self->worker->engine, self->cancellable, &error);
  if (me != NULL)
    post_report (self, report_new_account (self, me));
  else if (g_error_matches (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED))
    {
      worker_signed_out (self, g_steal_pointer (&error), TRUE);
      return G_SOURCE_REMOVE;
    }

  worker_go (self);

  return G_SOURCE_REMOVE;
}

static gboolean
worker_sign_in (gpointer data)
{
  Request *request = data;
  KontorSyncService *self = request->self;
  Report *report = report_new (self, REPORT_SIGNED_IN);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autofree char *token = NULL;

  report->task = g_steal_pointer (&request->task);
  if (g_cancellable_set_error_if_cancelled (self->cancellable, &report->error))
    {
      post_report (self, report);
      return G_SOURCE_REMOVE;
    }
  report->trust = request->trust;
  report->trust_pem = g_strdup (request->trust_pem);
  if (!worker_new_engine (self, request->server_uri, request->username, request->trust,
                          request->trust_pem, &error) ||
      !kontor_sync_engine_login (self->worker->engine, request->username, request->password,
                                 g_get_host_name (), self->cancellable, &error) ||
      (me = kontor_sync_engine_fetch_me (self->worker->engine, self->cancellable, &error)) == NULL)
    {
      /* the certificate, for the user to decide on */
      if (self->worker->engine != NULL)
        report->refused = kontor_sync_engine_dup_refused_certificate (self->worker->engine);
      worker_drop_engine (self);
      report->error = g_steal_pointer (&error);
      post_report (self, report);
      return G_SOURCE_REMOVE;
    }

  report->server_uri = g_strdup (request->server_uri);
  report->username = g_strdup (request->username);
  take_account (report, me);

  token = kontor_sync_engine_dup_token (self->worker->engine);
  report->keyring = kontor_sync_keyring_store (request->server_uri, request->username, token,
                                               self->cancellable, &keyring_error);
  if (!report->keyring)
    report->keyring_message = g_strdup (keyring_error->message);
  report->ok = TRUE;
  post_report (self, report);
  /* the cycles begin once the window recorded the account */

  return G_SOURCE_REMOVE;
}

static gboolean
worker_sign_out (gpointer data)
{
  Request *request = data;
  KontorSyncService *self = request->self;
  Worker *worker = self->worker;
  Report *report = report_new (self, REPORT_SIGNED_OUT);

  report->task = g_steal_pointer (&request->task);
  if (worker->engine != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* the token is worth nothing on the server from now on; offline,
       * it is forgotten here and runs out there */
      if (!kontor_sync_engine_logout (worker->engine, self->cancellable, &error))
        g_debug ("The server did not end the session: %s", error->message);
    }
  if (worker->server_uri != NULL && worker->username != NULL)
    kontor_sync_keyring_clear (worker->server_uri, worker->username, self->cancellable, NULL);
  worker_drop_engine (self);
  post_report (self, report);

  return G_SOURCE_REMOVE;
}

static gboolean
worker_quit (gpointer data)
{
  KontorSyncService *self = data;

  g_main_loop_quit (self->worker_loop);

  return G_SOURCE_REMOVE;
}

static gpointer
worker_main (gpointer data)
{
  KontorSyncService *self = data;
  Worker *worker = self->worker;

  g_main_context_push_thread_default (self->worker_context);
  g_main_loop_run (self->worker_loop);

  /* what is still queued sees the service cancelled and does nothing;
   * the socket's last callbacks come too */
  while (g_main_context_iteration (self->worker_context, FALSE))
    ;
  worker_drop_engine (self);
  g_clear_object (&worker->connection);
  g_main_context_pop_thread_default (self->worker_context);

  return NULL;
}

static void
worker_free (Worker *worker)
{
  g_free (worker->server_uri);
  g_free (worker->username);
  g_hash_table_unref (worker->entities);
  g_free (worker);
}

/* ------------------------------------------------------------------------ */
/* Triggers on the main thread */

static gboolean
debounce_cb (gpointer data)
{
  KontorSyncService *self = data;

  self->debounce_id = 0;
  request_cycle (self);

  return G_SOURCE_REMOVE;
}

static gboolean
is_signed_in (KontorSyncService *self)
{
  return self->state != KONTOR_SYNC_STATE_OFF && self->state != KONTOR_SYNC_STATE_SIGNED_OUT;
}

static void
on_store_changed_cb (KontorStore *store,
                     const char  *entity,
                     GArray      *rowids,
                     gpointer     data)
{
  KontorSyncService *self = data;

  if (self->catching_up > 0)
    return;
  count_changes (self);
  if (!is_signed_in (self))
    return;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       gpointer         data)
{
  KontorSyncService *self = data;

  if (available && is_signed_in (self))
    request_cycle (self);
}

/* ------------------------------------------------------------------------ */
/* API */

/**
 * kontor_sync_service_start:
 * @self: a service
 *
 * Takes up the account the database has: with a session in the keyring,
 * cycles begin; without one, the state is %KONTOR_SYNC_STATE_SIGNED_OUT
 * and the message says why. Call it once, after the main loop runs.
 */
void
kontor_sync_service_start (KontorSyncService *self)
{
  g_autofree char *server_uri = NULL;
  g_autofree char *username = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KONTOR_IS_SYNC_SERVICE (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  count_changes (self);
  note_told (self);
  if (!kontor_store_sync_get_account (self->store, &server_uri, &username, &error))
    {
      set_state (self, KONTOR_SYNC_STATE_ERROR, error->message);
      return;
    }
  set_account (self, server_uri, username, NULL, NULL);
  if (server_uri == NULL)
    return;
  {
    g_autofree char *trust = NULL;
    g_autofree char *pem = NULL;

    if (!kontor_store_sync_get_trust (self->store, &trust, &pem, &error))
      {
        set_state (self, KONTOR_SYNC_STATE_ERROR, error->message);
        return;
      }
    kontor_sync_service_set_trust (self, server_uri, trust_from_name (trust), pem);
  }
  if (username == NULL)
    {
      set_state (self, KONTOR_SYNC_STATE_SIGNED_OUT, NULL);
      return;
    }

  set_state (self, KONTOR_SYNC_STATE_SYNCING, NULL);
  post_to_worker (self, worker_resume, request_new (self, server_uri, username, NULL, NULL),
                  (GDestroyNotify) request_free);
}

/**
 * kontor_sync_service_sync_now:
 * @self: a service
 *
 * A cycle now (the user asked), without waiting for a retry.
 */
void
kontor_sync_service_sync_now (KontorSyncService *self)
{
  g_return_if_fail (KONTOR_IS_SYNC_SERVICE (self));

  /* an answered conflict is not open any more, whenever it is sent */
  count_changes (self);
  if (is_signed_in (self))
    request_cycle (self);
}

/**
 * kontor_sync_service_sign_in_async:
 * @self: a service
 * @server_uri: the server's address, as kontor_sync_parse_server_uri ()
 *   gives it
 * @username: the user name there
 * @password: the password; kept nowhere
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread when signed in or refused
 * @user_data: data for @callback
 *
 * Signs in on the worker, keeps the session in the keyring (or, without
 * one, in memory, which kontor_sync_service_get_message () then says),
 * records the account in the database and begins the cycles.
 */
void
kontor_sync_service_sign_in_async (KontorSyncService   *self,
                                   const char          *server_uri,
                                   const char          *username,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KONTOR_IS_SYNC_SERVICE (self));
  g_return_if_fail (server_uri != NULL && username != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kontor_sync_service_sign_in_async);
  /* nothing goes to a server that is not this database's team's */
  if (!kontor_store_sync_check_account (self->store, server_uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancel_cycle (self);
  post_to_worker (self, worker_sign_in, request_new (self, server_uri, username, password, task),
                  (GDestroyNotify) request_free);
}

gboolean
kontor_sync_service_sign_in_finish (KontorSyncService  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kontor_sync_service_sign_out_async:
 * @self: a service
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called on this thread when signed out
 * @user_data: data for @callback
 *
 * Ends the session on the server and forgets its token here (keyring
 * and memory). The database keeps its records and its outbox, and still
 * belongs to the server's team.
 */
void
kontor_sync_service_sign_out_async (KontorSyncService   *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KONTOR_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kontor_sync_service_sign_out_async);
  if (self->server_uri != NULL &&
      !kontor_store_sync_set_account (self->store, self->server_uri, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  set_account (self, self->server_uri, self->username, NULL, NULL);
  cancel_cycle (self);
  post_to_worker (self, worker_sign_out, request_new (self, NULL, NULL, NULL, task),
                  (GDestroyNotify) request_free);
}

gboolean
kontor_sync_service_sign_out_finish (KontorSyncService  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kontor_sync_service_set_trust:
 * @self: a service
 * @server_uri: the server it is for; other servers are checked against
 *   the system's authorities
 * @trust: what the server's certificate is checked against
 * @pem: (nullable): the certificate authority or the certificate the user
 *   chose to trust, PEM
 *
 * For the next sign-in (feature S6): after the server showed a
 * certificate this computer does not trust
 * (kontor_sync_service_get_refused_certificate ()), the user trusts a CA
 * file or that certificate, and signs in again. A sign-in that works keeps
 * the choice in the database, for the server's next starts.
 */
void
kontor_sync_service_set_trust (KontorSyncService *self,
                               const char        *server_uri,
                               KontorSyncTrust    trust,
                               const char        *pem)
{
  g_return_if_fail (KONTOR_IS_SYNC_SERVICE (self));
  g_return_if_fail (server_uri != NULL);
  g_return_if_fail (trust == KONTOR_SYNC_TRUST_SYSTEM || pem != NULL);

  g_free (self->trust_server);
  self->trust_server = g_strdup (server_uri);
  self->trust = trust;
  g_free (self->trust_pem);
  self->trust_pem = trust != KONTOR_SYNC_TRUST_SYSTEM ? g_strdup (pem) : NULL;
}

/**
 * kontor_sync_service_get_refused_certificate:
 * @self: a service
 *
 * Returns: (transfer none) (nullable): the certificate the server showed
 *   at the last sign-in when this computer did not trust it
 */
GTlsCertificate *
kontor_sync_service_get_refused_certificate (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), NULL);

  return self->refused;
}

KontorStore *
kontor_sync_service_get_store (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), NULL);

  return self->store;
}

KontorSyncState
kontor_sync_service_get_state (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), KONTOR_SYNC_STATE_OFF);

  return self->state;
}

/**
 * kontor_sync_service_get_message:
 * @self: a service
 *
 * Returns: (nullable): why the state is what it is (an error, no keyring)
 */
const char *
kontor_sync_service_get_message (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), NULL);

  return self->message;
}

/**
 * kontor_sync_service_get_pending:
 * @self: a service
 *
 * Returns: the changes waiting to be sent
 */
gint64
kontor_sync_service_get_pending (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), 0);

  return self->pending;
}

/**
 * kontor_sync_service_get_rejected:
 * @self: a service
 *
 * Returns: the changes the server refused, kept until dismissed
 */
gint64
kontor_sync_service_get_rejected (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), 0);

  return self->rejected;
}

/**
 * kontor_sync_service_get_conflicts:
 * @self: a service
 *
 * Returns: the conflicts the user has still to answer
 */
gint64
kontor_sync_service_get_conflicts (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), 0);

  return self->conflicts;
}

/**
 * kontor_sync_service_get_last_sync:
 * @self: a service
 *
 * Returns: when a cycle last completed, in Unix seconds; 0 not yet
 */
gint64
kontor_sync_service_get_last_sync (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), 0);

  return self->last_sync;
}

const char *
kontor_sync_service_get_server_uri (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), NULL);

  return self->server_uri;
}

const char *
kontor_sync_service_get_username (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), NULL);

  return self->username;
}

/**
 * kontor_sync_service_get_display_name:
 * @self: a service
 *
 * Returns: (nullable): the user's name as the server has it, after a
 *   sign-in in this run
 */
const char *
kontor_sync_service_get_display_name (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), NULL);

  return self->display_name;
}

/**
 * kontor_sync_service_get_roles:
 * @self: a service
 *
 * Returns: (nullable) (array zero-terminated=1): the user's roles on the
 *   server ("admin", "sales", "assistant", "viewer"), after a sign-in in
 *   this run
 */
const char * const *
kontor_sync_service_get_roles (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), NULL);

  return (const char * const *) self->roles;
}

/**
 * kontor_sync_service_get_keyring:
 * @self: a service
 *
 * Returns: whether the session of this run's sign-in is kept in the
 *   keyring
 */
gboolean
kontor_sync_service_get_keyring (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), FALSE);

  return self->keyring;
}

/**
 * kontor_sync_service_get_cycles:
 * @self: a service
 *
 * Returns: how many cycles ended, well or not
 */
guint
kontor_sync_service_get_cycles (KontorSyncService *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_SERVICE (self), 0);

  return self->cycles;
}

/* ------------------------------------------------------------------------ */

static void
kontor_sync_service_dispose (GObject *object)
{
  KontorSyncService *self = KONTOR_SYNC_SERVICE (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);

  if (self->thread != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      cancel_cycle (self);
      post_to_worker (self, worker_quit, self, NULL);
      g_thread_join (g_steal_pointer (&self->thread));
    }

  G_OBJECT_CLASS (kontor_sync_service_parent_class)->dispose (object);
}

static void
kontor_sync_service_finalize (GObject *object)
{
  KontorSyncService *self = KONTOR_SYNC_SERVICE (object);

  g_clear_pointer (&self->worker, worker_free);
  g_clear_pointer (&self->worker_loop, g_main_loop_unref);
  g_clear_pointer (&self->worker_context, g_main_context_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->refused);
  g_free (self->trust_server);
  g_free (self->trust_pem);
  g_clear_object (&self->store);
  g_free (self->message);
  g_free (self->keyring_note);
  g_free (self->server_uri);
  g_free (self->username);
  g_free (self->display_name);
  g_strfreev (self->roles);
  g_free (self->account_id);
  g_hash_table_unref (self->told);
  g_mutex_clear (&self->cycle_lock);
  g_free (self->path);
  g_free (self->client_id);
  g_free (self->user_id);

  G_OBJECT_CLASS (kontor_sync_service_parent_class)->finalize (object);
}

static void
kontor_sync_service_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KontorSyncService *self = KONTOR_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_REJECTED:
      g_value_set_int64 (value, self->rejected);
      break;
    case PROP_CONFLICTS:
      g_value_set_int64 (value, self->conflicts);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    case PROP_SERVER_URI:
      g_value_set_string (value, self->server_uri);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_KEYRING:
      g_value_set_boolean (value, self->keyring);
      break;
    case PROP_CYCLES:
      g_value_set_uint (value, self->cycles);
      break;
    case PROP_REFUSED_CERTIFICATE:
      g_value_set_object (value, self->refused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_sync_service_class_init (KontorSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = kontor_sync_service_dispose;
  object_class->finalize = kontor_sync_service_finalize;
  object_class->get_property = kontor_sync_service_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KONTOR_TYPE_SYNC_STATE, KONTOR_SYNC_STATE_OFF, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REJECTED] = g_param_spec_int64 ("rejected", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CONFLICTS] = g_param_spec_int64 ("conflicts", NULL, NULL, 0, G_MAXINT64, 0,
                                                   flags);
  properties[PROP_LAST_SYNC] = g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SERVER_URI] = g_param_spec_string ("server-uri", NULL, NULL, NULL, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_KEYRING] = g_param_spec_boolean ("keyring", NULL, NULL, FALSE, flags);
  properties[PROP_CYCLES] = g_param_spec_uint ("cycles", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_REFUSED_CERTIFICATE] =
    g_param_spec_object ("refused-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KontorSyncService::rejected:
   * @entity: the entity of the refused change's record
   * @entity_id: the record's id
   * @fields_json: (nullable): what the change wrote, a JSON object (the
   *   record's name when the rollback took the record away)
   * @reason: the server's reason (kontor_sync_dup_reason_text () says it)
   *
   * The server refused a change of this installation, which the store
   * rolled back and keeps in the rejected list: emitted once per change,
   * for the window to say so (feature S4, src/README.md "Syncing in the
   * background").
   */
  signals[SIGNAL_REJECTED] = g_signal_new ("rejected", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_STRING,
                                           G_TYPE_STRING, G_TYPE_STRING);

  /**
   * KontorSyncService::file-problem:
   * @sha256: the file's hash
   * @message: what went wrong, in words for the user
   *
   * A file attached to an activity could not be sent to the team server
   * (KontorSyncEngine::file-problem): the activity went without it, and
   * the next cycle tries again. Emitted on the window's thread, at every
   * cycle that fails to send it.
   */
  signals[SIGNAL_FILE_PROBLEM] = g_signal_new ("file-problem", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
kontor_sync_service_init (KontorSyncService *self)
{
  g_mutex_init (&self->cycle_lock);
  self->told = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * kontor_sync_service_new:
 * @store: the app's store, on this thread
 *
 * Returns: (transfer full): the service, off until
 *   kontor_sync_service_start () or a sign-in
 */
KontorSyncService *
kontor_sync_service_new (KontorStore *store)
{
  KontorSyncService *self;
  KontorUser *user;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);

  self = g_object_new (KONTOR_TYPE_SYNC_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->main_context = g_main_context_ref_thread_default ();
  self->path = g_strdup (kontor_store_get_path (store));
  self->client_id = g_strdup (kontor_store_get_client_id (store));
  user = kontor_store_get_current_user (store);
  self->user_id = user != NULL ? g_strdup (kontor_record_get_id (KONTOR_RECORD (user))) : NULL;

  self->worker = g_new0 (Worker, 1);
  self->worker->entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->worker_context = g_main_context_new ();
  self->worker_loop = g_main_loop_new (self->worker_context, FALSE);
  self->thread = g_thread_new ("kontor-sync", worker_main, self);

  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);

  return self;
}
