/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The endpoints (src/protocol/PROTOCOL.md "Endpoints") on a SoupServer in the
 * main thread. A SoupServer runs its handlers in the thread that listens,
 * and a handler that waits blocks every connection; so a handler only
 * reads the request, pauses the message and hands the work to a pool of
 * worker threads, each with its own PostgreSQL connection (a PGconn is
 * never used by two threads). The worker builds the answer; the main
 * thread sends it and unpauses the message. Every answer is JSON, errors
 * too: {"error": code, "message": text}; only a file of GET /v1/blobs/…
 * comes as its bytes. */

#define G_LOG_DOMAIN "kontor-server"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kontor-activity.h"
#include "kontor-server-accounts.h"
#include "kontor-server-auth.h"
#include "kontor-server-events.h"
#include "kontor-server-http.h"
#include "kontor-record-json.h"
#include "kontor-server-sync.h"
#include "kontor-uuid.h"

#define PROTOCOL_VERSION 1

/* not named by libsoup 3.2 */
#define STATUS_TOO_MANY_REQUESTS 429
#define STATUS_UPGRADE_REQUIRED  426

/* Failed logins per user and address before 429, and the window */
#define LOGIN_FAILURES_ALLOWED 5
#define LOGIN_WINDOW_SECONDS   60

struct _KontorServer
{
  char         *conninfo;
  gsize         max_body;
  gsize         max_blob;
  SoupServer   *soup;
  GThreadPool  *workers;
  GMainContext *context;

  GMutex        failures_lock;
  GHashTable   *failures;       /* "address\nusername" -> LoginFailures */

  KontorEvents *events;
};

typedef struct
{
  gint64 window_start;          /* monotonic seconds */
  guint  count;
} LoginFailures;

typedef enum
{
  ROUTE_HEALTH,
  ROUTE_LOGIN,
  ROUTE_LOGOUT,
  ROUTE_ME,
  ROUTE_PUSH,
  ROUTE_PULL,
  ROUTE_EVENTS,
  ROUTE_CONFLICTS,
  ROUTE_RESOLVE,
  ROUTE_SNAPSHOT,
  ROUTE_BLOB_PUT,
  ROUTE_BLOB_GET,
  ROUTE_BLOB_HEAD,
} Route;

#define BLOBS_PATH "/v1/blobs/"

/* One request handed to a worker, and its answer */
typedef struct
{
  KontorServer      *server;
  SoupServerMessage *msg;
  Route              route;
  char              *token;     /* the bearer token, if any */
  GBytes            *body;
  char              *address;   /* the peer's, for the login limit */
  GHashTable        *query;     /* of the URI, a copy */
  SoupWebsocketConnection *websocket;   /* ROUTE_EVENTS: opened, not yet subscribed */
  char              *account_id;  /* ROUTE_EVENTS: whose, once authenticated */
  char              *conflict_id; /* ROUTE_RESOLVE: from the path */
  char              *blob_hash;   /* ROUTE_BLOB_*: from the path */
  gboolean           if_none_match; /* ROUTE_BLOB_GET: the client has the file */

  guint              status;
  char              *response;  /* JSON; NULL for none (204) */
  GBytes            *blob;      /* ROUTE_BLOB_GET: the file, instead */
  gint64             blob_size; /* ROUTE_BLOB_GET, _HEAD: its size, -1 for none */
  guint              retry_after;
} Request;

/* The worker's own connection, made when first needed and made again
 * after PostgreSQL went away */
static GPrivate worker_conn = G_PRIVATE_INIT ((GDestroyNotify) kontor_db_finish);

static void
request_free (Request *request)
{
  g_clear_object (&request->msg);
  g_free (request->token);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->address);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_object (&request->websocket);
  g_free (request->account_id);
  g_free (request->conflict_id);
  g_free (request->blob_hash);
  g_clear_pointer (&request->blob, g_bytes_unref);
  g_free (request->response);
  g_free (request);
}

/* ------------------------------------------------------------------------ */
/* Answers */

static void
set_error (Request    *request,
           guint       status,
           const char *code,
           const char *message)
{
  request->status = status;
  g_free (request->response);
  request->response = kontor_server_dup_error (code, message);
}

/* Which process answered: behind a load balancer, the tests see the
 * requests spread over the instances */
static void
name_instance (SoupServerMessage *msg)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Kontor-Instance", pid);
}

/* Sends @json (taken) with @status on @msg, now */
static void
respond (SoupServerMessage *msg,
         guint              status,
         char              *json)
{
  name_instance (msg);
  soup_server_message_set_status (msg, status, NULL);
  if (json != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json,
                                      strlen (json));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  respond (msg, status, kontor_server_dup_error (code, message));
}

/* What the account is, for login and /v1/me */
static void
add_user (JsonBuilder   *builder,
          KontorAccount *account)
{
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, account->id);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, account->username);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, account->display_name);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, account->role);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "teams");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "workspace_id");
  json_builder_add_string_value (builder, account->workspace_id);
}

/* ------------------------------------------------------------------------ */
/* Work on a worker thread */

static PGconn *
get_connection (KontorServer  *server,
                GError       **error)
{
  PGconn *conn = g_private_get (&worker_conn);

  /* a connection whose pipeline a failure left open takes nothing else
   * (kontor_db_exec_pipeline ()): a new one */
  if (conn != NULL && PQpipelineStatus (conn) != PQ_PIPELINE_OFF)
    {
      g_private_replace (&worker_conn, NULL);
      conn = NULL;
    }
  if (conn != NULL && PQstatus (conn) != CONNECTION_OK)
    {
      PQreset (conn);
      if (PQstatus (conn) != CONNECTION_OK)
        {
          g_private_replace (&worker_conn, NULL);
          conn = NULL;
        }
    }

  if (conn == NULL)
    {
      conn = kontor_db_connect (server->conninfo, error);
      if (conn == NULL)
        return NULL;
      g_private_set (&worker_conn, conn);
    }

  return conn;
}

/* A failure of the database is the server's, 503: the client tries the
 * same request again later, nothing of it was kept */
static void
set_database_error (Request *request,
                    GError  *error)
{
  g_warning ("%s", error->message);
  set_error (request, SOUP_STATUS_SERVICE_UNAVAILABLE, "database_unavailable",
             _("The server cannot reach its database. Try again later."));
}

/* The request body as a JSON object, or an answer saying what is wrong */
static JsonObject *
parse_object (Request *request)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &length) : NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      set_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", _("The request has no body."));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, &error))
    {
      set_error (request, SOUP_STATUS_BAD_REQUEST, "invalid",
                 _("The request body is not valid JSON."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (request, SOUP_STATUS_BAD_REQUEST, "invalid",
                 _("The request body is not a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* A string member of @object, or %NULL when it is missing or not a string */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
dup_failure_key (Request    *request,
                 const char *username)
{
  return g_strconcat (request->address != NULL ? request->address : "", "\n", username, NULL);
}

/* Seconds until @username may try again from this address, 0 now */
static guint
login_wait (Request    *request,
            const char *username)
{
  g_autofree char *key = dup_failure_key (request, username);
  gint64 now = g_get_monotonic_time () / G_USEC_PER_SEC;
  LoginFailures *failures;
  guint wait = 0;

  g_mutex_lock (&request->server->failures_lock);
  failures = g_hash_table_lookup (request->server->failures, key);
  if (failures != NULL && now - failures->window_start < LOGIN_WINDOW_SECONDS &&
      failures->count >= LOGIN_FAILURES_ALLOWED)
    wait = LOGIN_WINDOW_SECONDS - (now - failures->window_start);
  g_mutex_unlock (&request->server->failures_lock);

  return wait;
}

static void
note_login (Request    *request,
            const char *username,
            gboolean    failed)
{
  g_autofree char *key = dup_failure_key (request, username);
  gint64 now = g_get_monotonic_time () / G_USEC_PER_SEC;
  LoginFailures *failures;

  g_mutex_lock (&request->server->failures_lock);
  /* the failures of a minute ago are forgotten, so that the table holds
   * only the minute's */
  if (g_hash_table_size (request->server->failures) > 1000)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, request->server->failures);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          if (now - ((LoginFailures *) value)->window_start >= LOGIN_WINDOW_SECONDS)
            g_hash_table_iter_remove (&iter);
        }
    }
  if (!failed)
    g_hash_table_remove (request->server->failures, key);
  else
    {
      failures = g_hash_table_lookup (request->server->failures, key);
      if (failures == NULL)
        {
          failures = g_new0 (LoginFailures, 1);
          g_hash_table_insert (request->server->failures, g_steal_pointer (&key), failures);
        }
      if (now - failures->window_start >= LOGIN_WINDOW_SECONDS)
        {
          failures->window_start = now;
          failures->count = 0;
        }
      failures->count++;
    }
  g_mutex_unlock (&request->server->failures_lock);
}

static void
run_login (Request *request,
           PGconn  *conn)
{
  g_autoptr(JsonObject) object = parse_object (request);
  g_autoptr(KontorAccount) account = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expires_at = NULL;
  const char *username, *password, *client_id, *device_name;

  if (object == NULL)
    return;

  username = get_string (object, "username");
  password = get_string (object, "password");
  client_id = get_string (object, "client_id");
  device_name = get_string (object, "device_name");
  if (username == NULL || password == NULL || client_id == NULL ||
      !kontor_uuid_is_valid (client_id) ||
      (json_object_has_member (object, "device_name") && device_name == NULL))
    {
      set_error (request, SOUP_STATUS_BAD_REQUEST, "invalid",
                 _("A login needs a user name, a password and the client’s id."));
      return;
    }

  request->retry_after = login_wait (request, username);
  if (request->retry_after > 0)
    {
      set_error (request, STATUS_TOO_MANY_REQUESTS, "too_many_attempts",
                 _("Too many failed logins. Wait a minute and try again."));
      return;
    }

  account = kontor_accounts_login (conn, username, password, client_id, device_name, &token,
                                   &expires_at, &error);
  if (account == NULL)
    {
      if (g_error_matches (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_NOT_FOUND))
        {
          note_login (request, username, TRUE);
          set_error (request, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials", error->message);
        }
      else if (g_error_matches (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_CLIENT_TAKEN))
        set_error (request, SOUP_STATUS_CONFLICT, "client_taken", error->message);
      else
        set_database_error (request, error);
      return;
    }
  note_login (request, username, FALSE);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_at);
  add_user (builder, account);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  request->status = SOUP_STATUS_OK;
  request->response = kontor_json_to_string (root);
}

/* The account of the request's token, or an answer saying why not */
static KontorAccount *
authenticate (Request *request,
              PGconn  *conn)
{
  g_autoptr(GError) error = NULL;
  KontorAccount *account;

  if (request->token == NULL)
    {
      set_error (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized", _("Log in first."));
      return NULL;
    }

  account = kontor_accounts_authenticate (conn, request->token, &error);
  if (account == NULL)
    {
      if (g_error_matches (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_NOT_FOUND))
        set_error (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized", error->message);
      else
        set_database_error (request, error);
    }

  return account;
}

static void
run_me (Request *request,
        PGconn  *conn)
{
  g_autoptr(KontorAccount) account = authenticate (request, conn);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (account == NULL)
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_user (builder, account);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  request->status = SOUP_STATUS_OK;
  request->response = kontor_json_to_string (root);
}

static void
run_logout (Request *request,
            PGconn  *conn)
{
  g_autoptr(KontorAccount) account = authenticate (request, conn);
  g_autoptr(GError) error = NULL;

  if (account == NULL)
    return;

  if (!kontor_accounts_logout (conn, request->token, &error))
    {
      set_database_error (request, error);
      return;
    }

  request->status = SOUP_STATUS_NO_CONTENT;
}

/* The routes of kontor-sync/1 that need a session: the account first,
 * then the route's work (kontor-server-sync.c) */
static void
run_with_account (Request *request,
                  PGconn  *conn)
{
  g_autoptr(KontorAccount) account = authenticate (request, conn);
  gboolean pushed;

  if (account == NULL)
    return;

  g_clear_pointer (&request->response, g_free);
  switch (request->route)
    {
    case ROUTE_PUSH:
      request->status = kontor_sync_push (conn, account, request->body, &request->response,
                                          &pushed);
      break;
    case ROUTE_PULL:
      request->status = kontor_sync_pull (conn, account, request->query, &request->response);
      break;
    case ROUTE_CONFLICTS:
      request->status = kontor_sync_list_conflicts (conn, account, request->query,
                                                    &request->response);
      break;
    case ROUTE_SNAPSHOT:
      request->status = kontor_sync_snapshot (conn, account, request->query,
                                              &request->response);
      break;
    case ROUTE_RESOLVE:
      request->status = kontor_sync_resolve (conn, account, request->conflict_id, request->body,
                                             &request->response, &pushed);
      break;
    case ROUTE_HEALTH:
    case ROUTE_LOGIN:
    case ROUTE_LOGOUT:
    case ROUTE_ME:
    case ROUTE_EVENTS:
    case ROUTE_BLOB_PUT:
    case ROUTE_BLOB_GET:
    case ROUTE_BLOB_HEAD:
    default:
      g_assert_not_reached ();
    }
}

/* A websocket's token, checked after the handshake */
static void
run_events (Request *request,
            PGconn  *conn)
{
  g_autoptr(KontorAccount) account = authenticate (request, conn);

  if (account == NULL)
    return;

  request->account_id = g_strdup (account->id);
  request->status = SOUP_STATUS_OK;
}

static void
run_health (Request *request,
            PGconn  *conn)
{
  g_autoptr(GError) error = NULL;

  if (!kontor_db_run (conn, "SELECT 1", 0, NULL, &error))
    {
      set_database_error (request, error);
      return;
    }

  request->status = SOUP_STATUS_OK;
  request->response = g_strdup ("{\"status\":\"ok\"}");
}

/* ------------------------------------------------------------------------ */
/* Files (src/protocol/PROTOCOL.md "Blobs") */

/* PUT: any member who may write keeps a file in the workspace, before
 * the push of the activity that names it; a viewer writes nothing (as
 * the push's may_push () says). The same file again is taken as it is,
 * without being stored twice. */
static void
run_blob_put (Request *request,
              PGconn  *conn)
{
  g_autoptr(KontorAccount) account = authenticate (request, conn);
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(PGresult) found = NULL;
  g_autoptr(PGresult) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  const char *data = NULL;
  gsize length = 0;
  gboolean created = FALSE;

  if (account == NULL)
    return;

  if (g_strcmp0 (account->role, "viewer") == 0)
    {
      set_error (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                 _("A viewer cannot add files to the team’s records."));
      return;
    }

  if (request->body != NULL)
    data = g_bytes_get_data (request->body, &length);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  if (length > 0)
    g_checksum_update (checksum, (const guchar *) data, length);
  if (g_strcmp0 (g_checksum_get_string (checksum), request->blob_hash) != 0)
    {
      set_error (request, SOUP_STATUS_BAD_REQUEST, "hash_mismatch",
                 _("The file’s content does not match the SHA-256 it was sent under; it "
                   "was changed or cut off on the way."));
      return;
    }

  /* asked first, so that a file the workspace has is not sent to
   * PostgreSQL again */
  found = kontor_db_exec (conn, "SELECT 1 FROM blob WHERE workspace_id = $1 AND sha256 = $2", 2,
                          (const char *[]) { account->workspace_id, request->blob_hash }, &error);
  if (found == NULL)
    {
      set_database_error (request, error);
      return;
    }
  if (PQntuples (found) == 0)
    {
      const char *params[] = {
        account->workspace_id, request->blob_hash, NULL, data != NULL ? data : "", account->id,
      };
      const int lengths[] = { 0, 0, 0, (int) length, 0 };
      const int formats[] = { 0, 0, 0, 1, 0 };

      size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
      params[2] = size;
      /* two uploads of one file at once: the second finds the first's */
      stored = kontor_db_exec_binary (conn,
                                      "INSERT INTO blob (workspace_id, sha256, size, data,"
                                      " created_by) VALUES ($1, $2, $3, $4, $5)"
                                      " ON CONFLICT DO NOTHING",
                                      G_N_ELEMENTS (params), params, lengths, formats, FALSE,
                                      &error);
      if (stored == NULL)
        {
          set_database_error (request, error);
          return;
        }
      created = g_strcmp0 (PQcmdTuples (stored), "1") == 0;
    }

  /* whoever sent the bytes holds the file, and may name it on an
   * activity (schema/007-blob-holders.sql) */
  {
    g_autoptr(PGresult) held = NULL;

    held = kontor_db_exec (conn, "INSERT INTO blob_holder (workspace_id, sha256, account_id)"
                                 " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", 3,
                           (const char *[]) { account->workspace_id, request->blob_hash,
                                              account->id }, &error);
    if (held == NULL)
      {
        set_database_error (request, error);
        return;
      }
  }

  request->status = created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK;
  request->response = g_strdup_printf ("{\"sha256\":\"%s\",\"size\":%" G_GSIZE_FORMAT "}",
                                       request->blob_hash, length);
}

/* The file $2 of workspace $1, when account $3 sees a living activity
 * that names it (its record's scope is its contact's; NULL, everyone's,
 * for one on a company). The scopes are asked once, not per activity. */
#define BLOB_SEEN                                                                         \
  " FROM blob b WHERE b.workspace_id = $1 AND b.sha256 = $2::text"                          \
  " AND EXISTS (SELECT 1 FROM record r WHERE r.workspace_id = $1 AND r.entity = 'activity'" \
  " AND NOT r.deleted AND kontor_attachment_hashes (r.fields->>'attachments') @> ARRAY[$2::text]" \
  " AND kontor_sees (r.scope, (SELECT kontor_account_scopes ($1, $3)),"                    \
  " (SELECT kontor_is_admin ($3))))"

/* GET and HEAD: the file for those who see an activity that names it;
 * to anyone else it does not exist, whether it does or not */
static void
run_blob_get (Request *request,
              PGconn  *conn)
{
  g_autoptr(KontorAccount) account = authenticate (request, conn);
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean bytes;

  if (account == NULL)
    return;

  /* HEAD, and a GET of a file the client has, need no bytes */
  bytes = request->route == ROUTE_BLOB_GET && !request->if_none_match;
  result = kontor_db_exec_binary (conn,
                                  bytes ? "SELECT b.data" BLOB_SEEN : "SELECT b.size" BLOB_SEEN,
                                  3, (const char *[]) { account->workspace_id, request->blob_hash,
                                                        account->id },
                                  NULL, NULL, bytes, &error);
  if (result == NULL)
    {
      set_database_error (request, error);
      return;
    }
  if (PQntuples (result) == 0)
    {
      set_error (request, SOUP_STATUS_NOT_FOUND, "not_found", _("There is no such file."));
      return;
    }

  if (bytes)
    {
      const char *data = PQgetvalue (result, 0, 0);
      gsize length = PQgetlength (result, 0, 0);

      /* the answer holds the result's bytes; it goes with them */
      request->blob = g_bytes_new_with_free_func (data, length, (GDestroyNotify) PQclear,
                                                  g_steal_pointer (&result));
      request->blob_size = length;
      request->status = SOUP_STATUS_OK;
    }
  else
    {
      request->blob_size = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      request->status = request->if_none_match ? SOUP_STATUS_NOT_MODIFIED : SOUP_STATUS_OK;
    }
}

/* A file's answer, on the main thread: its bytes, or its size for HEAD;
 * its hash is its strong ETag */
static void
send_blob (Request *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  g_autofree char *etag = g_strdup_printf ("\"%s\"", request->blob_hash);

  name_instance (request->msg);
  soup_server_message_set_status (request->msg, request->status, NULL);
  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Cache-Control", "private, max-age=31536000, immutable");
  if (request->status == SOUP_STATUS_NOT_MODIFIED)
    return;
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  if (request->blob != NULL)
    soup_message_body_append_bytes (soup_server_message_get_response_body (request->msg),
                                    request->blob);
  else
    soup_message_headers_set_content_length (headers, request->blob_size);
}

/* Back on the main thread: the answer goes out */
static gboolean
send_answer (gpointer data)
{
  Request *request = data;
  char *retry_after = NULL;

  if (request->websocket != NULL)
    {
      g_autofree char *digest = kontor_auth_token_digest (request->token);

      /* the client may have gone while its token was checked */
      if (soup_websocket_connection_get_state (request->websocket) != SOUP_WEBSOCKET_STATE_OPEN)
        ;
      else if (request->account_id != NULL)
        kontor_events_subscribe (request->server->events, request->websocket,
                                 request->account_id, digest);
      else if (request->status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        {
          /* not the token's fault: the client connects again later */
          soup_websocket_connection_send_text (request->websocket,
                                               "{\"type\":\"bye\",\"reason\":\"unavailable\"}");
          soup_websocket_connection_close (request->websocket,
                                           SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "unavailable");
        }
      else
        {
          soup_websocket_connection_send_text (request->websocket,
                                               "{\"type\":\"bye\",\"reason\":\"unauthorized\"}");
          soup_websocket_connection_close (request->websocket,
                                           SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "unauthorized");
        }
      request_free (request);
      return G_SOURCE_REMOVE;
    }

  if (request->blob_size >= 0)
    {
      send_blob (request);
      soup_server_message_unpause (request->msg);
      request_free (request);
      return G_SOURCE_REMOVE;
    }

  if (request->retry_after > 0)
    {
      retry_after = g_strdup_printf ("%u", request->retry_after);
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "Retry-After", retry_after);
      g_free (retry_after);
    }
  respond (request->msg, request->status, g_steal_pointer (&request->response));
  soup_server_message_unpause (request->msg);
  request_free (request);

  return G_SOURCE_REMOVE;
}

static void
run_request (gpointer data,
             gpointer user_data)
{
  Request *request = data;
  g_autoptr(GError) error = NULL;
  PGconn *conn = get_connection (request->server, &error);

  if (conn == NULL)
    set_database_error (request, error);
  else
    {
      switch (request->route)
        {
        case ROUTE_HEALTH:
          run_health (request, conn);
          break;
        case ROUTE_LOGIN:
          run_login (request, conn);
          break;
        case ROUTE_LOGOUT:
          run_logout (request, conn);
          break;
        case ROUTE_ME:
          run_me (request, conn);
          break;
        case ROUTE_EVENTS:
          run_events (request, conn);
          break;
        case ROUTE_PUSH:
        case ROUTE_PULL:
        case ROUTE_CONFLICTS:
        case ROUTE_RESOLVE:
        case ROUTE_SNAPSHOT:
          run_with_account (request, conn);
          break;
        case ROUTE_BLOB_PUT:
          run_blob_put (request, conn);
          break;
        case ROUTE_BLOB_GET:
        case ROUTE_BLOB_HEAD:
          run_blob_get (request, conn);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_main_context_invoke (request->server->context, send_answer, request);
}

/* ------------------------------------------------------------------------ */
/* The main thread */

static char *
dup_version_json (void)
{
  return g_strdup_printf ("{\"server\":\"kontor-server\",\"version\":\"%s\","
                          "\"protocol\":%d,\"min_protocol\":%d}",
                          PACKAGE_VERSION, PROTOCOL_VERSION, PROTOCOL_VERSION);
}

/* The token of "Authorization: Bearer …", or %NULL */
static char *
dup_bearer (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;

  return g_strstrip (g_strdup (header + 7));
}

/* Whether the route of @path and @method exists; 404 or 405 on @msg if not */
static gboolean
find_route (SoupServerMessage *msg,
            const char        *path,
            const char        *method,
            Route             *route)
{
  static const struct { const char *path; const char *method; Route route; } routes[] = {
    { "/v1/health", "GET", ROUTE_HEALTH },
    { "/v1/auth/login", "POST", ROUTE_LOGIN },
    { "/v1/auth/session", "DELETE", ROUTE_LOGOUT },
    { "/v1/me", "GET", ROUTE_ME },
    { "/v1/push", "POST", ROUTE_PUSH },
    { "/v1/pull", "GET", ROUTE_PULL },
    { "/v1/conflicts", "GET", ROUTE_CONFLICTS },
    { "/v1/snapshot", "GET", ROUTE_SNAPSHOT },
  };
  gboolean path_known = FALSE;

  /* /v1/blobs/{sha256}; a name that is no hash is no file */
  if (g_str_has_prefix (path, BLOBS_PATH))
    {
      static const struct { const char *method; Route route; } blob_routes[] = {
        { "PUT", ROUTE_BLOB_PUT },
        { "GET", ROUTE_BLOB_GET },
        { "HEAD", ROUTE_BLOB_HEAD },
      };

      if (!kontor_attachment_hash_is_valid (path + strlen (BLOBS_PATH)))
        {
          respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL);
          return FALSE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (blob_routes); i++)
        {
          if (g_strcmp0 (method, blob_routes[i].method) == 0)
            {
              *route = blob_routes[i].route;
              return TRUE;
            }
        }
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", NULL);
      return FALSE;
    }

  /* /v1/conflicts/{id}/resolve */
  if (g_str_has_prefix (path, "/v1/conflicts/") && g_str_has_suffix (path, "/resolve") &&
      strlen (path) > strlen ("/v1/conflicts/") + strlen ("/resolve"))
    {
      if (g_strcmp0 (method, "POST") == 0)
        {
          *route = ROUTE_RESOLVE;
          return TRUE;
        }
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", NULL);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (g_strcmp0 (path, routes[i].path) != 0)
        continue;
      path_known = TRUE;
      if (g_strcmp0 (method, routes[i].method) == 0)
        {
          *route = routes[i].route;
          return TRUE;
        }
    }

  if (path_known)
    respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", NULL);
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL);

  return FALSE;
}

/* The largest body taken for @path: a file's limit for an upload, the
 * request limit for everything else */
static gsize
get_limit (KontorServer *self,
           const char   *path)
{
  return g_str_has_prefix (path, BLOBS_PATH) ? self->max_blob : self->max_body;
}

static void
respond_too_large (KontorServer      *self,
                   SoupServerMessage *msg,
                   const char        *path)
{
  g_autofree char *limit = NULL;
  g_autofree char *message = NULL;

  if (!g_str_has_prefix (path, BLOBS_PATH))
    {
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                     _("The request is larger than this server takes."));
      return;
    }

  limit = g_format_size (self->max_blob);
  /* Translators: %s is a size, such as “50.0 MB” */
  message = g_strdup_printf (_("The file is larger than this server takes (%s at most)."), limit);
  respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", message);
}

/* Before the body is read: a body announced larger than the limit is
 * refused without reading it */
static void
check_length (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  KontorServer *self = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) get_limit (self, path))
    respond_too_large (self, msg, path);
}

static void
handle (SoupServer        *soup,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           data)
{
  KontorServer *self = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *protocol = soup_message_headers_get_one (headers, "X-Crm-Protocol");
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  Request *request;
  Route route;

  if (protocol != NULL && g_strcmp0 (protocol, G_STRINGIFY (PROTOCOL_VERSION)) != 0)
    {
      respond (msg, STATUS_UPGRADE_REQUIRED,
               g_strdup_printf ("{\"error\":\"protocol\",\"min_protocol\":%d,"
                                "\"max_protocol\":%d}", PROTOCOL_VERSION, PROTOCOL_VERSION));
      return;
    }

  if (g_strcmp0 (path, "/v1/version") == 0 &&
      g_strcmp0 (soup_server_message_get_method (msg), "GET") == 0)
    {
      respond (msg, SOUP_STATUS_OK, dup_version_json ());
      return;
    }

  if (!find_route (msg, path, soup_server_message_get_method (msg), &route))
    return;

  /* a chunked body has no length to check before it is read */
  if (body->length > (goffset) get_limit (self, path))
    {
      respond_too_large (self, msg, path);
      return;
    }

  request = g_new0 (Request, 1);
  request->server = self;
  request->msg = g_object_ref (msg);
  request->route = route;
  request->token = dup_bearer (msg);
  if (route == ROUTE_RESOLVE)
    {
      request->conflict_id = g_strndup (path + strlen ("/v1/conflicts/"),
                                        strlen (path) - strlen ("/v1/conflicts/")
                                        - strlen ("/resolve"));
      if (!g_uuid_string_is_valid (request->conflict_id))
        {
          request_free (request);
          respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL);
          return;
        }
    }
  if (route == ROUTE_BLOB_PUT || route == ROUTE_BLOB_GET || route == ROUTE_BLOB_HEAD)
    {
      const char *if_none_match = soup_message_headers_get_one (headers, "If-None-Match");

      request->blob_hash = g_strdup (path + strlen (BLOBS_PATH));
      if (route == ROUTE_BLOB_GET && if_none_match != NULL)
        {
          g_autofree char *etag = g_strdup_printf ("\"%s\"", request->blob_hash);
          g_autofree char *given = g_strstrip (g_strdup (if_none_match));

          request->if_none_match = g_str_equal (given, etag);
        }
    }
  request->blob_size = -1;
  request->body = soup_message_body_flatten (body);
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    {
      GInetAddress *peer = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));
      const char *forwarded = soup_message_headers_get_one (headers, "X-Forwarded-For");

      /* behind nginx on the same machine every peer is the loopback
       * address: the client's is the one nginx names (trusted only from
       * there, data/server/nginx-kontor.conf sets it) */
      if (g_inet_address_get_is_loopback (peer) && forwarded != NULL)
        request->address = g_strstrip (g_strndup (forwarded, strcspn (forwarded, ",")));
      else
        request->address = g_inet_address_to_string (peer);
    }
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      request->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (request->query, g_strdup (key), g_strdup (value));
    }
  request->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;

  soup_server_message_pause (msg);
  g_thread_pool_push (self->workers, request, NULL);
}

/* GET /v1/events before the handshake: without a token, no websocket */
static void
check_events (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  g_autofree char *token = dup_bearer (msg);

  name_instance (msg);
  if (token == NULL)
    respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", _("Log in first."));
}

/* The websocket is open: its token is checked on a worker, then it is
 * subscribed to pokes, or told why not and closed */
static void
open_events (SoupServer              *soup,
             SoupServerMessage       *msg,
             const char              *path,
             SoupWebsocketConnection *connection,
             gpointer                 data)
{
  KontorServer *self = data;
  Request *request = g_new0 (Request, 1);

  request->server = self;
  request->route = ROUTE_EVENTS;
  request->token = dup_bearer (msg);
  request->websocket = g_object_ref (connection);
  g_thread_pool_push (self->workers, request, NULL);
}

/**
 * kontor_server_new:
 * @conninfo: the libpq connection string of the database
 * @max_body: the largest request body taken, in bytes
 * @max_blob: the largest file taken (PUT /v1/blobs/…), in bytes
 * @n_workers: how many requests run at once (and connections are open)
 *
 * Returns: (transfer full): a server, not listening yet; it answers in
 *   the thread-default main context of the caller
 */
KontorServer *
kontor_server_new (const char *conninfo,
                   gsize       max_body,
                   gsize       max_blob,
                   guint       n_workers)
{
  KontorServer *self = g_new0 (KontorServer, 1);

  self->conninfo = g_strdup (conninfo);
  self->max_body = max_body;
  self->max_blob = max_blob;
  self->context = g_main_context_ref_thread_default ();
  self->soup = soup_server_new ("server-header", "kontor-server/" PACKAGE_VERSION " ", NULL);
  self->workers = g_thread_pool_new (run_request, self, MAX (n_workers, 1), TRUE, NULL);
  g_mutex_init (&self->failures_lock);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  soup_server_add_early_handler (self->soup, NULL, check_length, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle, self, NULL);
  soup_server_add_handler (self->soup, "/v1/events", check_events, self, NULL);
  soup_server_add_websocket_handler (self->soup, "/v1/events", NULL, NULL, open_events, self,
                                     NULL);
  self->events = kontor_events_new (conninfo);

  return self;
}

/**
 * kontor_server_listen:
 * @self: a server
 * @address: "HOST:PORT", such as "127.0.0.1:8081"; port 0 for any free one
 * @error: return location for a #GError
 *
 * Returns: %TRUE when it listens
 */
gboolean
kontor_server_listen (KontorServer  *self,
                      const char    *address,
                      GError       **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  connectable = g_network_address_parse (address, 8081, error);
  if (connectable == NULL)
    return FALSE;

  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (socket_address == NULL)
    return FALSE;

  return soup_server_listen (self->soup, socket_address, 0, error);
}

/**
 * kontor_server_dup_uri:
 * @self: a listening server
 *
 * Returns: (transfer full): the URI it listens on, "http://127.0.0.1:8081/"
 */
char *
kontor_server_dup_uri (KontorServer *self)
{
  GSList *uris = soup_server_get_uris (self->soup);
  char *uri = uris != NULL ? g_uri_to_string (uris->data) : NULL;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return uri;
}

void
kontor_server_free (KontorServer *self)
{
  if (self == NULL)
    return;

  soup_server_disconnect (self->soup);
  g_thread_pool_free (self->workers, FALSE, TRUE);
  kontor_events_free (self->events);
  g_object_unref (self->soup);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->failures);
  g_mutex_clear (&self->failures_lock);
  g_free (self->conninfo);
  g_free (self);
}
