/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The sync engine: the client cycle of kontor-sync/1
 * (src/protocol/PROTOCOL.md). It speaks HTTP to the team server and
 * leaves every write of the database to the store
 * (src/store/kontor-store-sync.c), one transaction per step.
 *
 * A cycle pushes, then pulls. Push: the outbox in push_seq order, in
 * batches; each answer applied in one transaction. A push that gets no
 * answer (the network, a 5xx) leaves its entries numbered, and the next
 * cycle sends exactly them again; the server answers a mutation it took
 * before with its original result. Pull: pages from the cursor, each
 * applied with the cursor's move in one transaction, until the server
 * has no more. A cursor the server no longer keeps (410) loads a
 * snapshot: every entity's pages, applied field by field by revision,
 * then a pull from the first page's as_of_seq; the outbox stays and is
 * pushed on it.
 *
 * The calls block: the engine runs on a thread of its own with a store
 * of its own, or, in the tests, on theirs. A pull also runs as a store
 * job (kontor_sync_engine_new_pull_job ()): on the job's worker, into
 * the job's one transaction, so the window goes on while a first sync
 * loads 100,000 contacts, and sees them all at once or, when it fails
 * or is cancelled, none (the app runs the whole cycle on the worker of
 * kontor-sync-service.c). The events socket is the exception: it
 * lives on the thread-default main context of whoever starts it,
 * reconnecting with a growing delay (1 s doubling to 60 s, a little
 * random so that a restarted server is not met by every client in the
 * same second), and says "poke" when the server has something new.
 *
 * The files attached to activities (PROTOCOL.md "Blobs") go beside the
 * cycle: before each batch of a push, those the activities name and the
 * server does not have yet are uploaded, so that the server has a file
 * before the activity that names it; after the pull, those the
 * activities name and this machine does not keep are downloaded,
 * streamed to a temporary file (kontor-store-blob-sync.c). A file that
 * cannot be uploaded (gone from its folder, refused by the server) is
 * said in words ("file-problem") and does not hold the push: the
 * activity goes without it and the upload is tried again at the next
 * cycle; one the server refuses for good (too large, 413, or bytes that
 * are not its hash's, 400 "hash_mismatch") is noted as refused and not
 * sent again (kontor_store_set_blob_refused ()). A file that cannot
 * be downloaded is tried again at the next cycle; the activity is kept
 * whatever becomes of its files. */

#define G_LOG_DOMAIN "kontor-sync"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kontor-record-json.h"
#include "kontor-store-blob-sync.h"
#include "kontor-store-blobs.h"
#include "kontor-store-sync.h"
#include "kontor-sync-engine.h"
#include "kontor-sync-entity.h"

/* Mutations in one push; the server takes up to 500 */
#define PUSH_BATCH 200
/* Changes in one page of a pull */
#define PULL_LIMIT 500
/* The events socket's reconnection delays, in ms */
#define RECONNECT_FIRST_MS 1000
#define RECONNECT_MAX_MS   60000
/* What a download reads at a time */
#define BLOB_BUFFER (64 * 1024)

struct _KontorSyncEngine
{
  GObject                  parent_instance;

  KontorStore             *store;
  char                    *server_uri;   /* ends in "/" */
  SoupSession             *session;
  GMutex                   token_lock;   /* a job's thread sends too */
  char                    *token;
  KontorSyncTrust          trust;
  char                    *trust_file;   /* the PEM the database reads */
  GTlsCertificate         *refused;      /* under token_lock */
  gint                     pulling;      /* atomic: a pull runs (pull ()) */
  gint                     resyncs;     /* atomic: a job's thread counts too */
  gint                     uploads;     /* atomic: files sent */
  gint                     files_wanted; /* atomic: activities came, or files did not */

  /* the events socket, on the main context it was started on */
  gboolean                 events_wanted;
  SoupWebsocketConnection *socket;
  GCancellable            *connecting;
  guint                    reconnect_id;
  guint                    reconnect_ms;
  guint                    last_delay_ms;
};

G_DEFINE_TYPE (KontorSyncEngine, kontor_sync_engine, G_TYPE_OBJECT)

G_DEFINE_QUARK (kontor-sync-error-quark, kontor_sync_error)

enum
{
  PROP_0,
  PROP_EVENTS_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_POKE,
  SIGNAL_SIGNED_OUT,
  SIGNAL_FILE_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_reconnect (KontorSyncEngine *self);
static void remove_trust_file  (KontorSyncEngine *self);

/* A string member of the server's answer, "" when it has none */
static const char *
get_text (JsonObject *object,
          const char *member)
{
  const char *text = kontor_json_get_string (object, member);

  return text != NULL ? text : "";
}

/* ------------------------------------------------------------------------ */
/* Requests */

/* A certificate the TLS database did not vouch for: kept for the user to
 * see and decide on (kontor_sync_engine_dup_refused_certificate ()), and
 * refused; never accepted here (SYNC.md: no handler that returns TRUE) */
static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  KontorSyncEngine *self = user_data;

  g_mutex_lock (&self->token_lock);
  g_set_object (&self->refused, certificate);
  g_mutex_unlock (&self->token_lock);

  return FALSE;
}

static SoupMessage *
new_message (KontorSyncEngine *self,
             const char       *method,
             const char       *path)
{
  g_autofree char *uri = g_strconcat (self->server_uri, path, NULL);
  SoupMessage *message = soup_message_new (method, uri);

  if (message == NULL)
    return NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "X-Crm-Protocol", "1");
  g_signal_connect_object (message, "accept-certificate", G_CALLBACK (on_accept_certificate), self,
                           G_CONNECT_DEFAULT);
  g_mutex_lock (&self->token_lock);
  if (self->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    bearer);
    }
  g_mutex_unlock (&self->token_lock);

  return message;
}

/* A refused certificate in words: why, and what the user may do */
static void
set_certificate_error (KontorSyncEngine  *self,
                       GError           **error)
{
  g_autoptr(GError) cause = g_steal_pointer (error);

  switch (self->trust)
    {
    case KONTOR_SYNC_TRUST_CERTIFICATE:
      g_set_error_literal (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_CERTIFICATE_CHANGED,
                           _("The team server shows another certificate than the one you "
                             "trusted for it. Kontor does not connect: someone may be listening "
                             "in. Ask your administrator whether the server has a new "
                             "certificate."));
      break;
    case KONTOR_SYNC_TRUST_CA:
      g_set_error_literal (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_CERTIFICATE_CHANGED,
                           _("The team server’s certificate is not signed by the certificate "
                             "authority you trusted for it. Kontor does not connect: someone "
                             "may be listening in. Ask your administrator whether the server "
                             "has a new certificate."));
      break;
    case KONTOR_SYNC_TRUST_SYSTEM:
    default:
      g_set_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNTRUSTED,
                   _("This computer does not trust the team server’s certificate (%s)."),
                   cause->message);
      break;
    }
}

/* Whether @status ends the cycle: a session the server ended, or a
 * server that cannot answer now; %FALSE with @error when it does */
static gboolean
check_status (guint    status,
              GError **error)
{
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error_literal (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED,
                           _("The team server ended this session. Sign in again to go on "
                             "synchronising; your changes are kept."));
      return FALSE;
    }
  if (status >= 500)
    {
      g_set_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAVAILABLE,
                   _("The team server cannot take changes now (error %u). Kontor will try "
                     "again; your changes are kept."), status);
      return FALSE;
    }

  return TRUE;
}

/* Sends a request and reads its JSON answer. Returns the answer's object
 * for a 2xx, and for the statuses the caller handles itself (409, 410),
 * with *status; %NULL with an error otherwise */
static JsonObject *
request (KontorSyncEngine  *self,
         const char        *method,
         const char        *path,
         JsonNode          *body,
         guint             *status,
         GCancellable      *cancellable,
         GError           **error)
{
  g_autoptr(SoupMessage) message = new_message (self, method, path);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;

  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not the address of a team server."), self->server_uri);
      return NULL;
    }

  /* a push may be sent again as it is (PROTOCOL.md "Push": the
   * watermark answers what was taken before), so it may go over a kept
   * connection; libsoup sends a POST only on a new one unless told so,
   * and then every push paid a TLS handshake */
  if (g_str_equal (path, "v1/push"))
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);

  if (body != NULL)
    {
      g_autofree char *json = kontor_json_to_string (body);
      gsize size = strlen (json);

      soup_message_set_request_body_from_bytes (message, "application/json",
                                                g_bytes_new_take (g_steal_pointer (&json), size));
    }

  answer = soup_session_send_and_read (self->session, message, cancellable, &local_error);
  if (answer == NULL)
    {
      /* a certificate refused; other TLS errors are the network's */
      if (g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        set_certificate_error (self, &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  *status = soup_message_get_status (message);
  if (!check_status (*status, error))
    return NULL;
  if (*status == SOUP_STATUS_NO_CONTENT)
    return json_object_new ();

  data = g_bytes_get_data (answer, &length);
  object = kontor_json_parse_object (data, length);
  if (object == NULL)
    {
      g_set_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_BAD_ANSWER,
                   _("The team server’s answer is not one Kontor understands (status %u)."),
                   *status);
      return NULL;
    }

  if (*status >= 400 && *status != SOUP_STATUS_CONFLICT && *status != SOUP_STATUS_GONE)
    {
      g_set_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_REFUSED,
                   _("The team server refused the request (error %u): %s"), *status,
                   get_text (object, "message"));
      return NULL;
    }

  return g_steal_pointer (&object);
}

static gboolean
bad_answer (GError **error)
{
  g_set_error_literal (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_BAD_ANSWER,
                       _("The team server’s answer is not one Kontor understands."));
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Attached files */

/* Says in words what became of a file, and goes on */
static void
report_file_problem (KontorSyncEngine *self,
                     const char       *sha256,
                     const char       *message)
{
  g_message ("%s", message);
  g_signal_emit (self, signals[SIGNAL_FILE_PROBLEM], 0, sha256, message);
}

/* The server's error answer as an object, %NULL when it is none */
static JsonObject *
parse_answer (GBytes *answer)
{
  const char *data;
  gsize length;

  if (answer == NULL)
    return NULL;
  data = g_bytes_get_data (answer, &length);

  return kontor_json_parse_object (data, length);
}

/* Uploads the file @ref kept here, and notes that the server has it.
 * %FALSE with @error when the cycle is to stop (the network, the
 * session, a server that cannot answer now); a problem of the file
 * itself is reported, and %TRUE lets the push go on. */
static gboolean
upload_blob (KontorSyncEngine  *self,
             KontorBlobRef     *ref,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autofree char *path = kontor_store_dup_blob_path (self->store, ref->sha256);
  g_autofree char *uri_path = g_strconcat ("v1/blobs/", ref->sha256, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  guint status;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable,
                                           &local_error);
  if (info == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        text = g_strdup (_("An attached file cannot be sent to the team server: it is no "
                           "longer on this computer. The activity is sent without it; Kontor "
                           "tries again at the next sync."));
      else
        /* Translators: %s is the file's folder and name, then why it failed */
        text = g_strdup_printf (_("An attached file cannot be sent to the team server: %s. The "
                                  "activity is sent without it; Kontor tries again at the next "
                                  "sync."), local_error->message);
      report_file_problem (self, ref->sha256, text);
      return TRUE;
    }

  message = new_message (self, "PUT", uri_path);
  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not the address of a team server."), self->server_uri);
      return FALSE;
    }
  /* from the file as it is read: never all of it in memory */
  soup_message_set_request_body (message, "application/octet-stream", G_INPUT_STREAM (stream),
                                 g_file_info_get_size (info));
  answer = soup_session_send_and_read (self->session, message, cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        set_certificate_error (self, &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  status = soup_message_get_status (message);
  if (!check_status (status, error))
    return FALSE;
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_atomic_int_inc (&self->uploads);
      return kontor_store_set_blob_uploaded (self->store, ref->sha256, error);
    }

  {
    g_autoptr(JsonObject) refusal = parse_answer (answer);
    const char *reason = get_text (refusal, "message");
    g_autofree char *text = NULL;

    /* too large for the server, or bytes that are not the ones the file's
     * name says (changed where it is kept): the same file is refused the
     * same way every time, so it is not sent again; it stays listed as
     * not sent (kontor_store_list_blobs_to_upload ()) */
    if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE ||
        (status == SOUP_STATUS_BAD_REQUEST &&
         g_str_equal (get_text (refusal, "error"), "hash_mismatch")))
      {
        if (!kontor_store_set_blob_refused (self->store, ref->sha256, error))
          return FALSE;
        /* Translators: the %u is an HTTP status, the %s the server's reason */
        text = g_strdup_printf (_("The team server refused an attached file (error %u): %s "
                                  "The activity is sent without it; Kontor does not send "
                                  "this file again."), status, reason);
      }
    else
      /* Translators: the %u is an HTTP status, the %s the server's reason */
      text = g_strdup_printf (_("The team server refused an attached file "
                                "(error %u): %s The activity is sent without "
                                "it; Kontor tries again at the next sync."),
                              status, reason);

    report_file_problem (self, ref->sha256, text);
  }

  return TRUE;
}

/* Before each batch of a push: the files the activities name that the
 * server does not have yet (and did not refuse for good), each once;
 * cheap when none waits (kontor_store_list_blobs_to_send ()) */
static gboolean
upload_blobs (KontorSyncEngine  *self,
              GHashTable        *tried,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GPtrArray) refs = kontor_store_list_blobs_to_send (self->store, error);

  if (refs == NULL)
    return FALSE;
  for (guint i = 0; i < refs->len; i++)
    {
      KontorBlobRef *ref = g_ptr_array_index (refs, i);

      /* one that could not go is tried once per push, not per batch */
      if (!g_hash_table_add (tried, g_strdup (ref->sha256)))
        continue;
      if (!upload_blob (self, ref, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/* Downloads the file @ref into its place here. %FALSE with @error when
 * it did not come; @stop says whether the others need not be tried
 * either (the network, the session, the server, the disk) */
static gboolean
download_blob (KontorSyncEngine  *self,
               KontorBlobRef     *ref,
               gboolean          *stop,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autofree char *uri_path = g_strconcat ("v1/blobs/", ref->sha256, NULL);
  g_autoptr(SoupMessage) message = new_message (self, "GET", uri_path);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(KontorBlobDownload) download = NULL;
  g_autofree char *buffer = NULL;
  guint status;

  *stop = TRUE;
  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not the address of a team server."), self->server_uri);
      return FALSE;
    }
  stream = soup_session_send (self->session, message, cancellable, error);
  if (stream == NULL)
    {
      if (g_error_matches (*error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        set_certificate_error (self, error);
      return FALSE;
    }
  status = soup_message_get_status (message);
  if (!check_status (status, error))
    return FALSE;
  if (status != SOUP_STATUS_OK)
    {
      /* not there yet (its uploader has not sent it), or no longer
       * this account's to see: the next cycle asks again */
      *stop = FALSE;
      g_set_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_REFUSED,
                   _("The team server does not hand out the attached file %s (error %u); "
                     "Kontor asks again at the next sync."), ref->sha256, status);
      return FALSE;
    }

  download = kontor_store_begin_blob_download (self->store, ref->sha256, ref->size, error);
  if (download == NULL)
    return FALSE;
  buffer = g_malloc (BLOB_BUFFER);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, BLOB_BUFFER, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (!kontor_blob_download_write (download, buffer, n, error))
        {
          /* more than the activity says: this file is wrong, not the disk */
          *stop = !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          return FALSE;
        }
    }
  if (!kontor_blob_download_finish (download, error))
    {
      *stop = !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      return FALSE;
    }
  *stop = FALSE;

  return TRUE;
}

/* After the pull: the files the activities here name and this machine
 * does not keep. Never fails the cycle: what did not come is asked for
 * again at the next one. */
static void
download_blobs (KontorSyncEngine *self,
                GCancellable     *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refs = NULL;

  /* the activities' files are read only when activities came since the
   * last look, or a file did not come then: not the whole table at every
   * cycle */
  if (!g_atomic_int_compare_and_exchange (&self->files_wanted, 1, 0))
    return;

  refs = kontor_store_list_blobs_to_download (self->store, &error);
  if (refs == NULL)
    {
      g_message ("%s", error->message);
      g_atomic_int_set (&self->files_wanted, 1);
      return;
    }
  for (guint i = 0; i < refs->len; i++)
    {
      KontorBlobRef *ref = g_ptr_array_index (refs, i);
      g_autoptr(GError) failure = NULL;
      gboolean stop = FALSE;

      if (download_blob (self, ref, &stop, cancellable, &failure))
        continue;
      g_debug ("%s", failure->message);
      g_atomic_int_set (&self->files_wanted, 1);
      if (stop)
        break;
    }
}

/* Whether an object of @array has @value as its @member: a page of a pull
 * that holds an activity (its files may be wanted), a batch of a push
 * that answers a conflict */
static gboolean
has_member_value (JsonArray  *array,
                  const char *member,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (kontor_json_get_string (json_node_get_object (node), member), value) == 0)
        return TRUE;
    }

  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* The cycle */

/**
 * kontor_sync_engine_login:
 * @self: an engine
 * @username: the user's name on the server
 * @password: their password
 * @device_name: (nullable): this machine's name, shown to administrators
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Signs in as this installation (the store's client id) and keeps the
 * session's token for the requests that follow.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_sync_engine_login (KontorSyncEngine  *self,
                          const char        *username,
                          const char        *password,
                          const char        *device_name,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  guint status = 0;

  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (username != NULL && password != NULL, FALSE);

  json_object_set_string_member (body, "username", username);
  json_object_set_string_member (body, "password", password);
  json_object_set_string_member (body, "client_id", kontor_store_get_client_id (self->store));
  if (device_name != NULL)
    json_object_set_string_member (body, "device_name", device_name);
  node = json_node_init_object (json_node_alloc (), body);

  answer = request (self, "POST", "v1/auth/login", node, &status, cancellable, &local_error);
  if (answer == NULL)
    {
      /* no session ended here: the name or the password is wrong */
      if (g_error_matches (local_error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED))
        {
          g_clear_error (&local_error);
          g_set_error_literal (&local_error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED,
                               _("The user name or the password is not right."));
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (status != SOUP_STATUS_OK || kontor_json_get_string (answer, "token") == NULL)
    return bad_answer (error);

  kontor_sync_engine_set_token (self, kontor_json_get_string (answer, "token"));

  return TRUE;
}

/**
 * kontor_sync_engine_fetch_me:
 * @self: an engine with a session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks the server who the session is (GET /v1/me): the answer's "user"
 * (id, username, name, roles, teams) and "workspace_id".
 *
 * Returns: (transfer full) (nullable): the answer
 */
JsonObject *
kontor_sync_engine_fetch_me (KontorSyncEngine  *self,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *user;
  guint status = 0;

  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), NULL);

  answer = request (self, "GET", "v1/me", NULL, &status, cancellable, error);
  if (answer == NULL)
    return NULL;
  user = kontor_json_get_object (answer, "user");
  if (status != SOUP_STATUS_OK || user == NULL || kontor_json_get_string (user, "username") == NULL ||
      kontor_json_get_array (user, "roles") == NULL)
    {
      bad_answer (error);
      return NULL;
    }

  return g_steal_pointer (&answer);
}

/**
 * kontor_sync_engine_logout:
 * @self: an engine with a session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Ends the session on the server (DELETE /v1/auth/session), so its token
 * is worth nothing anywhere, and forgets the token here in any case.
 *
 * Returns: %TRUE when the server ended the session
 */
gboolean
kontor_sync_engine_logout (KontorSyncEngine  *self,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(JsonObject) answer = NULL;
  guint status = 0;

  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), FALSE);

  answer = request (self, "DELETE", "v1/auth/session", NULL, &status, cancellable, error);
  kontor_sync_engine_set_token (self, NULL);

  return answer != NULL;
}

/**
 * kontor_sync_engine_push:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends the outbox, batch after batch, until it is empty.
 *
 * Returns: %TRUE when everything was sent and answered
 */
gboolean
kontor_sync_engine_push (KontorSyncEngine  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GHashTable) tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint renumbered = 0;
  guint batches = 0;

  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), FALSE);

  for (;;)
    {
      g_autoptr(JsonArray) mutations = NULL;
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonObject) answer = NULL;
      JsonArray *results;
      guint status = 0;

      mutations = kontor_store_sync_take_push (self->store, PUSH_BATCH, error);
      if (mutations == NULL)
        return FALSE;
      if (json_array_get_length (mutations) == 0 && renumbered + batches > 0)
        return TRUE;
      /* the files first, before each batch: the server has a file before
       * an activity names it, also one saved while an earlier batch was
       * on its way; and at each push, whether there is a batch or not (a
       * file that was missing may be back) */
      if (!upload_blobs (self, tried, cancellable, error))
        return FALSE;
      if (json_array_get_length (mutations) == 0)
        return TRUE;
      batches++;

      body = json_object_new ();
      json_object_set_string_member (body, "client_id", kontor_store_get_client_id (self->store));
      json_object_set_array_member (body, "mutations", json_array_ref (mutations));
      node = json_node_init_object (json_node_alloc (), body);

      /* G_MESSAGES_DEBUG=kontor-sync: what is sent (never the token,
       * which is in a header) */
      if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
        {
          g_autofree char *text = kontor_json_to_string (node);

          g_debug ("push %s", text);
        }
      answer = request (self, "POST", "v1/push", node, &status, cancellable, error);
      if (answer == NULL)
        return FALSE;

      /* the server counts this installation's changes otherwise: number
       * them as it expects (once; twice is a server that contradicts
       * itself) */
      if (status == SOUP_STATUS_CONFLICT)
        {
          gint64 expected = kontor_json_get_int (answer,
                                                                     "expected_client_seq", 0);

          if (expected <= 0 || renumbered++ > 0 ||
              !g_str_equal (get_text (answer, "error"),
                            "out_of_order"))
            {
              g_set_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_REFUSED,
                           _("The team server refused the changes of this computer: %s"),
                           get_text (answer, "message"));
              return FALSE;
            }
          if (!kontor_store_sync_renumber (self->store, expected, error))
            return FALSE;
          continue;
        }

      results = kontor_json_get_array (answer, "results");
      if (status != SOUP_STATUS_OK || results == NULL)
        return bad_answer (error);
      if (!kontor_store_sync_apply_results (self->store, results, error))
        return FALSE;
      /* an answered conflict may bring back files this machine has not
       * got (the user's side from another of their machines): look for
       * them after the pull */
      if (has_member_value (mutations, "op", "resolve"))
        g_atomic_int_set (&self->files_wanted, 1);
    }
}

/* Between two pages: a job's progress (kontor_sync_engine_pull_into ();
 * @fraction < 0: unknown), and whether the pull was cancelled */
static gboolean
step (KontorStoreJob  *job,
      double           fraction,
      GCancellable    *cancellable,
      GError         **error)
{
  if (job != NULL && fraction >= 0)
    kontor_store_job_set_progress (job, fraction);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Loads every entity's rows from snapshot pages into @store, then pulls
 * from the first page's number (src/protocol/PROTOCOL.md "Snapshot") */
static gboolean
resync (KontorSyncEngine  *self,
        KontorStore       *store,
        KontorStoreJob    *job,
        GCancellable      *cancellable,
        GError           **error)
{
  gint64 as_of = -1;
  guint n_entities = 0;

  g_atomic_int_inc (&self->resyncs);

  while (kontor_sync_entity_nth (n_entities) != NULL)
    n_entities++;

  for (guint e = 0; e < n_entities; e++)
    {
      const char *entity = kontor_sync_entity_get_name (kontor_sync_entity_nth (e));
      g_autofree char *after = g_strdup ("");

      for (;;)
        {
          g_autofree char *escaped_entity = g_uri_escape_string (entity, NULL, FALSE);
          g_autofree char *escaped_after = g_uri_escape_string (after, NULL, FALSE);
          g_autofree char *path = g_strdup_printf ("v1/snapshot?entity=%s&after_id=%s&limit=1000",
                                                   escaped_entity, escaped_after);
          g_autoptr(JsonObject) page = NULL;
          JsonArray *records;
          guint status = 0;

          page = request (self, "GET", path, NULL, &status, cancellable, error);
          if (page == NULL)
            return FALSE;
          records = kontor_json_get_array (page, "records");
          if (status != SOUP_STATUS_OK || records == NULL ||
              !json_object_has_member (page, "as_of_seq"))
            return bad_answer (error);
          if (as_of < 0)
            as_of = kontor_json_get_int (page, "as_of_seq", 0);

          if (g_str_equal (entity, "activity") && json_array_get_length (records) > 0)
            g_atomic_int_set (&self->files_wanted, 1);
          if (!kontor_store_sync_apply_snapshot (store, entity, records, error) ||
              !step (job, (double) e / n_entities, cancellable, error))
            return FALSE;

          if (!kontor_json_get_boolean (page, "has_more", FALSE))
            break;
          g_free (after);
          after = g_strdup (get_text (page, "next_after_id"));
          if (*after == '\0')
            return bad_answer (error);
        }
    }

  return kontor_store_sync_set_cursor (store, MAX (as_of, 0), error);
}

/* Pages from the cursor into @store until the server has no more; the
 * first may wait up to @wait seconds for a change (a long poll) */
static gboolean
pull_pages (KontorSyncEngine  *self,
            KontorStore       *store,
            KontorStoreJob    *job,
            guint              wait,
            GCancellable      *cancellable,
            GError           **error)
{
  gboolean resynced = FALSE;

  for (;;)
    {
      g_autoptr(JsonObject) page = NULL;
      g_autofree char *path = NULL;
      JsonArray *changes;
      gint64 cursor;
      guint status = 0;

      if (!kontor_store_sync_get_cursor (store, &cursor, error))
        return FALSE;
      path = g_strdup_printf ("v1/pull?cursor=%" G_GINT64_FORMAT "&limit=%d&wait=%u", cursor,
                              PULL_LIMIT, wait);
      wait = 0;
      page = request (self, "GET", path, NULL, &status, cancellable, error);
      if (page == NULL)
        return FALSE;

      if (status == SOUP_STATUS_GONE)
        {
          if (resynced)
            return bad_answer (error);
          resynced = TRUE;
          if (!resync (self, store, job, cancellable, error))
            return FALSE;
          continue;
        }

      changes = kontor_json_get_array (page, "changes");
      if (status != SOUP_STATUS_OK || changes == NULL || !json_object_has_member (page, "cursor"))
        return bad_answer (error);
      if (has_member_value (changes, "entity", "activity"))
        g_atomic_int_set (&self->files_wanted, 1);
      if (!kontor_store_sync_apply_changes (store, changes,
                                            kontor_json_get_int (page, "cursor", 0), error) ||
          !step (job, -1, cancellable, error))
        return FALSE;
      if (!kontor_json_get_boolean (page, "has_more", FALSE))
        return TRUE;
    }
}

/* pull_pages (), one at a time: a second pull beside a job's (on the
 * store's own connection, or another job) would wait for the job's write
 * lock, or read the cursor before the job's commit and move it back */
static gboolean
pull (KontorSyncEngine  *self,
      KontorStore       *store,
      KontorStoreJob    *job,
      guint              wait,
      GCancellable      *cancellable,
      GError           **error)
{
  gboolean ok;

  if (!g_atomic_int_compare_and_exchange (&self->pulling, 0, 1))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("Kontor is already loading the team’s changes."));
      return FALSE;
    }
  ok = pull_pages (self, store, job, wait, cancellable, error);
  g_atomic_int_set (&self->pulling, 0);

  return ok;
}

/**
 * kontor_sync_engine_pull:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Applies the server's changes after the cursor, page by page; loads a
 * snapshot when the server no longer keeps the changes after it.
 *
 * Returns: %TRUE when the store is up to the server's last change
 */
gboolean
kontor_sync_engine_pull (KontorSyncEngine  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), FALSE);

  return pull (self, self->store, NULL, 0, cancellable, error);
}

/**
 * kontor_sync_engine_pull_into:
 * @self: an engine
 * @connection: a job's connection on the engine's store (#KontorStoreJobFunc)
 * @job: (nullable): the job, told the progress and asked whether it was
 *   cancelled between pages
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The same as kontor_sync_engine_pull(), written through @connection: on
 * a job's thread, every page (and a whole snapshot) goes into the job's
 * one transaction, and the main thread sees all of it at the job's
 * commit or, when the job fails or is cancelled, nothing. The requests
 * go from the job's thread (libsoup ≥ 3.2 sends from any thread; the
 * token is read under a lock). One pull at a time: another, while this
 * one runs, fails with %G_IO_ERROR_BUSY.
 *
 * Returns: %TRUE when @connection is up to the server's last change
 */
gboolean
kontor_sync_engine_pull_into (KontorSyncEngine  *self,
                              KontorStore       *connection,
                              KontorStoreJob    *job,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_STORE (connection), FALSE);
  g_return_val_if_fail (job == NULL || KONTOR_IS_STORE_JOB (job), FALSE);

  return pull (self, connection, job, 0, cancellable, error);
}

static gboolean
pull_job_func (KontorStoreJob  *job,
               KontorStore     *connection,
               gpointer         user_data,
               GCancellable    *cancellable,
               GError         **error)
{
  return kontor_sync_engine_pull_into (user_data, connection, job, cancellable, error);
}

/**
 * kontor_sync_engine_new_pull_job:
 * @self: an engine
 *
 * A pull (kontor_sync_engine_pull_into()) as a job on the engine's store:
 * run it with kontor_store_job_run_async() and the window goes on while
 * a first sync of the whole team loads, in one transaction.
 *
 * Returns: (transfer full): a new job
 */
KontorStoreJob *
kontor_sync_engine_new_pull_job (KontorSyncEngine *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), NULL);

  return kontor_store_job_new (self->store, _("Loading the team’s records"), pull_job_func,
                               g_object_ref (self), g_object_unref);
}

/**
 * kontor_sync_engine_wait:
 * @self: an engine
 * @seconds: at most this long, 1 to 30
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * A long poll, where the events socket cannot be used (a proxy that
 * refuses the upgrade): waits on the server until it has a change after
 * the cursor or @seconds passed, then pulls like kontor_sync_engine_pull().
 *
 * Returns: %TRUE when the store is up to the server's last change
 */
gboolean
kontor_sync_engine_wait (KontorSyncEngine  *self,
                         guint              seconds,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (seconds >= 1 && seconds <= 30, FALSE);

  return pull (self, self->store, NULL, seconds, cancellable, error);
}

/**
 * kontor_sync_engine_sync:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * One cycle: push (the files the activities name first), then pull,
 * then the user's open conflicts, then the files of the activities that
 * this machine does not keep yet (which never fail the cycle: they are
 * asked for again at the next).
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_sync_engine_sync (KontorSyncEngine  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(JsonObject) listed = NULL;
  JsonArray *conflicts;
  guint status = 0;

  if (!kontor_sync_engine_push (self, cancellable, error) ||
      !kontor_sync_engine_pull (self, cancellable, error))
    return FALSE;

  /* the user's conflicts, met on this machine or another */
  listed = request (self, "GET", "v1/conflicts?status=open&mine=1", NULL, &status, cancellable, error);
  if (listed == NULL)
    return FALSE;
  conflicts = kontor_json_get_array (listed, "conflicts");
  if (status != SOUP_STATUS_OK || conflicts == NULL)
    return bad_answer (error);
  if (!kontor_store_sync_merge_conflicts (self->store, conflicts, error))
    return FALSE;

  download_blobs (self, cancellable);

  return TRUE;
}

/**
 * kontor_sync_engine_get_uploads:
 * @self: an engine
 *
 * Returns: how many attached files the engine sent to the server
 */
guint
kontor_sync_engine_get_uploads (KontorSyncEngine *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), 0);

  return g_atomic_int_get (&self->uploads);
}

/**
 * kontor_sync_engine_get_resyncs:
 * @self: an engine
 *
 * Returns: how often the engine loaded a snapshot
 */
guint
kontor_sync_engine_get_resyncs (KontorSyncEngine *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), 0);

  return g_atomic_int_get (&self->resyncs);
}

/* ------------------------------------------------------------------------ */
/* The events socket */

static void
set_socket (KontorSyncEngine        *self,
            SoupWebsocketConnection *socket)
{
  gboolean was = self->socket != NULL;

  if (self->socket != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->socket, self);
      if (soup_websocket_connection_get_state (self->socket) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->socket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->socket);
    }
  self->socket = socket;

  if (was != (socket != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENTS_CONNECTED]);
}

static void
on_message (SoupWebsocketConnection *socket,
            int                      type,
            GBytes                  *message,
            KontorSyncEngine        *self)
{
  g_autoptr(JsonObject) object = NULL;
  const char *data;
  gsize length;
  const char *kind;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  data = g_bytes_get_data (message, &length);
  object = kontor_json_parse_object (data, length);
  if (object == NULL)
    return;

  kind = get_text (object, "type");
  if (g_str_equal (kind, "poke"))
    g_signal_emit (self, signals[SIGNAL_POKE], 0,
                   kontor_json_get_int (object, "seq", 0));
  else if (g_str_equal (kind, "bye"))
    {
      const char *reason = get_text (object, "reason");

      /* a session that is over does not come back by connecting again */
      if (g_str_equal (reason, "token_revoked") || g_str_equal (reason, "unauthorized"))
        {
          self->events_wanted = FALSE;
          g_signal_emit (self, signals[SIGNAL_SIGNED_OUT], 0, reason);
        }
    }
}

static void
on_closed (SoupWebsocketConnection *socket,
           KontorSyncEngine        *self)
{
  g_object_ref (self);
  set_socket (self, NULL);
  if (self->events_wanted)
    schedule_reconnect (self);
  g_object_unref (self);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KontorSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *socket;

  socket = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_clear_object (&self->connecting);

  if (socket == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("The events socket did not open: %s", error->message);
          if (self->events_wanted)
            schedule_reconnect (self);
        }
      return;
    }

  /* open: the next failure starts counting from the first delay again */
  self->reconnect_ms = 0;
  soup_websocket_connection_set_keepalive_interval (socket, 30);
  g_signal_connect (socket, "message", G_CALLBACK (on_message), self);
  g_signal_connect (socket, "closed", G_CALLBACK (on_closed), self);
  set_socket (self, socket);

  /* what came while it was closed: one pull */
  g_signal_emit (self, signals[SIGNAL_POKE], 0, (gint64) 0);
}

static void
connect_events (KontorSyncEngine *self)
{
  g_autoptr(SoupMessage) message = new_message (self, "GET", "v1/events");

  if (message == NULL || self->connecting != NULL || self->socket != NULL)
    return;

  self->connecting = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->connecting, connected_cb, g_object_ref (self));
}

static gboolean
reconnect_cb (gpointer user_data)
{
  KontorSyncEngine *self = user_data;

  self->reconnect_id = 0;
  connect_events (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (KontorSyncEngine *self)
{
  guint delay;

  if (self->reconnect_id != 0)
    return;

  self->reconnect_ms = self->reconnect_ms == 0 ? RECONNECT_FIRST_MS
                                               : MIN (self->reconnect_ms * 2, RECONNECT_MAX_MS);
  /* up to a quarter more, at random */
  delay = self->reconnect_ms + g_random_int_range (0, self->reconnect_ms / 4 + 1);
  self->last_delay_ms = delay;
  self->reconnect_id = g_timeout_add (delay, reconnect_cb, self);
}

/**
 * kontor_sync_engine_start_events:
 * @self: an engine
 *
 * Keeps the events socket open on the thread-default main context,
 * connecting again with a growing delay when it closes; #KontorSyncEngine::poke
 * says when to pull.
 */
void
kontor_sync_engine_start_events (KontorSyncEngine *self)
{
  g_return_if_fail (KONTOR_IS_SYNC_ENGINE (self));

  self->events_wanted = TRUE;
  connect_events (self);
}

void
kontor_sync_engine_stop_events (KontorSyncEngine *self)
{
  g_return_if_fail (KONTOR_IS_SYNC_ENGINE (self));

  self->events_wanted = FALSE;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);
  set_socket (self, NULL);
}

gboolean
kontor_sync_engine_get_events_connected (KontorSyncEngine *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), FALSE);

  return self->socket != NULL;
}

/**
 * kontor_sync_engine_get_reconnect_delay:
 * @self: an engine
 *
 * Returns: the last delay before connecting the events socket again, in
 *   ms; 0 before the first
 */
guint
kontor_sync_engine_get_reconnect_delay (KontorSyncEngine *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), 0);

  return self->last_delay_ms;
}

/* ------------------------------------------------------------------------ */

static void
kontor_sync_engine_dispose (GObject *object)
{
  KontorSyncEngine *self = KONTOR_SYNC_ENGINE (object);

  kontor_sync_engine_stop_events (self);

  G_OBJECT_CLASS (kontor_sync_engine_parent_class)->dispose (object);
}

static void
kontor_sync_engine_finalize (GObject *object)
{
  KontorSyncEngine *self = KONTOR_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->refused);
  remove_trust_file (self);
  g_free (self->server_uri);
  g_free (self->token);
  g_mutex_clear (&self->token_lock);

  G_OBJECT_CLASS (kontor_sync_engine_parent_class)->finalize (object);
}

static void
kontor_sync_engine_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KontorSyncEngine *self = KONTOR_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_EVENTS_CONNECTED:
      g_value_set_boolean (value, self->socket != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_sync_engine_class_init (KontorSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_sync_engine_dispose;
  object_class->finalize = kontor_sync_engine_finalize;
  object_class->get_property = kontor_sync_engine_get_property;

  properties[PROP_EVENTS_CONNECTED] =
    g_param_spec_boolean ("events-connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KontorSyncEngine::poke:
   * @seq: the server's last change, 0 when not known (after connecting)
   *
   * The server has changes this installation may not have: pull.
   */
  signals[SIGNAL_POKE] = g_signal_new ("poke", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * KontorSyncEngine::signed-out:
   * @reason: "token_revoked" or "unauthorized"
   *
   * The server ended the session: ask for the password.
   */
  signals[SIGNAL_SIGNED_OUT] = g_signal_new ("signed-out", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * KontorSyncEngine::file-problem:
   * @sha256: the file's hash
   * @message: what went wrong, in words for the user
   *
   * An attached file could not be sent (it is gone from its folder, or
   * the server refused it). The push went on without it; the next cycle
   * tries again. Emitted on the thread that syncs.
   */
  signals[SIGNAL_FILE_PROBLEM] = g_signal_new ("file-problem", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
kontor_sync_engine_init (KontorSyncEngine *self)
{
  self->session = soup_session_new_with_options ("user-agent", "Kontor/" PACKAGE_VERSION,
                                                 "timeout", 60, NULL);
  g_mutex_init (&self->token_lock);
  /* the first cycle looks for the files an earlier run did not get */
  self->files_wanted = 1;
}

/**
 * kontor_sync_engine_new:
 * @store: the store to sync
 * @server_uri: the team server's address ("https://crm.example.com/")
 *
 * Returns: (transfer full): a new engine
 */
KontorSyncEngine *
kontor_sync_engine_new (KontorStore *store,
                        const char  *server_uri)
{
  KontorSyncEngine *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (server_uri != NULL, NULL);

  self = g_object_new (KONTOR_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->server_uri = g_str_has_suffix (server_uri, "/") ? g_strdup (server_uri)
                                                        : g_strconcat (server_uri, "/", NULL);

  return self;
}

KontorStore *
kontor_sync_engine_get_store (KontorSyncEngine *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), NULL);

  return self->store;
}

/**
 * kontor_sync_engine_set_tls_database:
 * @self: an engine
 * @database: (nullable): the certificates to trust, %NULL for the system's
 */
void
kontor_sync_engine_set_tls_database (KontorSyncEngine *self,
                                     GTlsDatabase     *database)
{
  g_return_if_fail (KONTOR_IS_SYNC_ENGINE (self));

  soup_session_set_tls_database (self->session, database);
}

static void
remove_trust_file (KontorSyncEngine *self)
{
  if (self->trust_file == NULL)
    return;
  g_unlink (self->trust_file);
  g_clear_pointer (&self->trust_file, g_free);
}

/**
 * kontor_sync_engine_set_trust:
 * @self: an engine
 * @trust: what the server's certificate is checked against
 * @pem: (nullable): the certificate authority or the certificate, PEM,
 *   for %KONTOR_SYNC_TRUST_CA and %KONTOR_SYNC_TRUST_CERTIFICATE
 * @error: return location for a #GError
 *
 * Checks the server's certificate against the system's authorities, or
 * against @pem alone: a certificate authority the user chose (a team's
 * own), or the server's certificate itself, pinned. GnuTLS takes a
 * certificate that is itself an anchor, so a pinned certificate passes
 * and any other fails, even one the system would trust.
 *
 * Returns: %TRUE when @pem is a certificate
 */
gboolean
kontor_sync_engine_set_trust (KontorSyncEngine  *self,
                              KontorSyncTrust    trust,
                              const char        *pem,
                              GError           **error)
{
  g_autoptr(GTlsDatabase) database = NULL;

  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (trust == KONTOR_SYNC_TRUST_SYSTEM || pem != NULL, FALSE);

  if (trust != KONTOR_SYNC_TRUST_SYSTEM)
    {
      g_autofree char *path = NULL;
      int fd;

      /* GTlsFileDatabase reads its file again when it verifies: a file of
       * the engine's own while it lives (certificates are public) */
      fd = g_file_open_tmp ("kontor-trust-XXXXXX.pem", &path, error);
      if (fd < 0)
        return FALSE;
      close (fd);
      if (g_file_set_contents (path, pem, -1, error))
        database = g_tls_file_database_new (path, error);
      if (database == NULL)
        {
          g_unlink (path);
          return FALSE;
        }
      remove_trust_file (self);
      self->trust_file = g_steal_pointer (&path);
    }
  else
    {
      database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
      remove_trust_file (self);
    }

  self->trust = trust;
  soup_session_set_tls_database (self->session, database);

  return TRUE;
}

/**
 * kontor_sync_engine_dup_refused_certificate:
 * @self: an engine
 *
 * Returns: (transfer full) (nullable): the last certificate a server
 *   showed that was not trusted
 */
GTlsCertificate *
kontor_sync_engine_dup_refused_certificate (KontorSyncEngine *self)
{
  GTlsCertificate *certificate;

  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), NULL);

  g_mutex_lock (&self->token_lock);
  certificate = self->refused != NULL ? g_object_ref (self->refused) : NULL;
  g_mutex_unlock (&self->token_lock);

  return certificate;
}

/**
 * kontor_sync_engine_dup_token:
 * @self: an engine
 *
 * Returns: (transfer full) (nullable): the session's token, for the
 *   keyring only
 */
char *
kontor_sync_engine_dup_token (KontorSyncEngine *self)
{
  char *token;

  g_return_val_if_fail (KONTOR_IS_SYNC_ENGINE (self), NULL);

  g_mutex_lock (&self->token_lock);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->token_lock);

  return token;
}

/**
 * kontor_sync_engine_set_token:
 * @self: an engine
 * @token: (nullable): the session's token
 */
void
kontor_sync_engine_set_token (KontorSyncEngine *self,
                              const char       *token)
{
  g_return_if_fail (KONTOR_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->token_lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->token_lock);
}
