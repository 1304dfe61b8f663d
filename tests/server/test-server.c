/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kontor-server-harness.h"

/* kontor-server against a real PostgreSQL (one for the whole program,
 * started by the harness), through real HTTP: its accounts and sessions,
 * its answers to requests that are wrong in every way a client or an
 * attacker can make them, its admin commands, a schema newer than itself,
 * and PostgreSQL going away under it. */

#define CLIENT_ID "0190c6d2-7a10-7c3e-9a51-2b7f4f1a0c11"

static KontorTestPostgres pg;

typedef struct
{
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
  JsonObject         *json;     /* the body, when it is a JSON object */
  GBytes             *bytes;    /* the body as it came */
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->body, g_free);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
  g_clear_pointer (&answer->json, json_object_unref);
  g_clear_pointer (&answer->bytes, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static void request_bytes (KontorTestServer *server, const char *method, const char *path,
                           const char *token, const char *content_type, GBytes *body,
                           Answer *answer);

/* One request to @server, synchronously (the server is another process) */
static void
request (KontorTestServer  *server,
         const char        *method,
         const char        *path,
         const char        *token,
         const char        *body,
         Answer            *answer)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  request_bytes (server, method, path, token, "application/json", bytes, answer);
}

/* request() with a body of any type */
static void
request_bytes (KontorTestServer  *server,
               const char        *method,
               const char        *path,
               const char        *token,
               const char        *content_type,
               GBytes            *body,
               Answer            *answer)
{
  g_autoptr(SoupSession) plain = server->session == NULL ? soup_session_new () : NULL;
  SoupSession *session = server->session != NULL ? server->session : plain;
  g_autofree char *uri = g_strconcat (server->uri, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  answer->bytes = g_bytes_ref (bytes);

  answer->status = soup_message_get_status (msg);
  answer->body = g_bytes_get_size (bytes) > 0
                 ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                 : g_strdup ("");
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (json_parser_load_from_data (parser, answer->body, -1, NULL) &&
      json_parser_get_root (parser) != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    answer->json = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* That @answer is an error of @status with the code @code, as JSON */
static void
assert_error (Answer     *answer,
              guint       status,
              const char *code)
{
  g_assert_cmpuint (answer->status, ==, status);
  g_assert_nonnull (answer->json);
  g_assert_cmpstr (json_object_get_string_member (answer->json, "error"), ==, code);
  g_assert_cmpstr (soup_message_headers_get_content_type (answer->headers, NULL), ==,
                   "application/json");
}

static void
create_user (const char *username,
             const char *role,
             const char *password)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *output = NULL;

  g_assert_cmpint (kontor_test_server_admin (&pg, input, &output, "create-user", username,
                                             "--role", role, "--name", "Anna Schmidt", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (output, username));
}

/* Logs in as the client @client_id; returns the token, or %NULL with
 * @answer saying why not */
static char *
login_client (KontorTestServer *server,
              const char       *username,
              const char       *password,
              const char       *client_id,
              Answer           *answer)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\","
                                           "\"client_id\":\"%s\","
                                           "\"device_name\":\"Laptop\"}", username, password,
                                           client_id);

  request (server, "POST", "/v1/auth/login", NULL, body, answer);
  if (answer->status != SOUP_STATUS_OK)
    return NULL;

  return g_strdup (json_object_get_string_member (answer->json, "token"));
}

/* Logs in as an installation of its own (an installation's id is one
 * account's) */
static char *
login (KontorTestServer *server,
       const char       *username,
       const char       *password,
       Answer           *answer)
{
  g_autofree char *client_id = g_uuid_string_random ();

  return login_client (server, username, password, client_id, answer);
}

static void
test_version_health (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Answer) version = { 0, };
  g_auto(Answer) health = { 0, };

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);

  request (server, "GET", "/v1/version", NULL, NULL, &version);
  g_assert_cmpuint (version.status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (json_object_get_int_member (version.json, "protocol"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (version.json, "version"), ==, PACKAGE_VERSION);

  request (server, "GET", "/v1/health", NULL, NULL, &health);
  g_assert_cmpuint (health.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (health.json, "status"), ==, "ok");
}

static void
test_login (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Answer) answer = { 0, };
  g_auto(Answer) me = { 0, };
  g_auto(Answer) logout = { 0, };
  g_auto(Answer) after = { 0, };
  g_auto(Answer) wrong = { 0, };
  g_auto(Answer) unknown = { 0, };
  g_autofree char *token = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *found = NULL;
  g_autofree char *hash = NULL;
  JsonObject *user;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("anna", "admin", "Sommer2026!");

  token = login_client (server, "anna", "Sommer2026!", CLIENT_ID, &answer);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), ==, 43);
  user = json_object_get_object_member (answer.json, "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "anna");
  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "Anna Schmidt");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (user, "roles"), 0),
                   ==, "admin");
  g_assert_true (json_object_has_member (answer.json, "workspace_id"));
  g_assert_true (json_object_has_member (answer.json, "expires_at"));

  /* the server keeps the token's SHA-256 only, and no password */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  sql = g_strdup_printf ("SELECT count(*) FROM session WHERE token_sha256 = decode ('%s', 'hex')"
                         " AND client_id = '" CLIENT_ID "' AND device_name = 'Laptop'", digest);
  found = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (found, ==, "1");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&found, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM session WHERE position ('%s'::bytea IN"
                         " token_sha256) > 0", token);
  found = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (found, ==, "0");
  hash = kontor_test_postgres_query (&pg, "SELECT password_hash FROM account"
                                          " WHERE username = 'anna'");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "Sommer2026"));

  request (server, "GET", "/v1/me", token, NULL, &me);
  g_assert_cmpuint (me.status, ==, SOUP_STATUS_OK);
  user = json_object_get_object_member (me.json, "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "anna");

  request (server, "DELETE", "/v1/auth/session", token, NULL, &logout);
  g_assert_cmpuint (logout.status, ==, SOUP_STATUS_NO_CONTENT);
  request (server, "GET", "/v1/me", token, NULL, &after);
  assert_error (&after, SOUP_STATUS_UNAUTHORIZED, "unauthorized");

  /* a wrong password and an unknown user sound alike */
  g_assert_null (login (server, "anna", "Winter2026!", &wrong));
  assert_error (&wrong, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials");
  g_assert_null (login (server, "niemand", "Winter2026!", &unknown));
  assert_error (&unknown, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials");
  g_assert_cmpstr (json_object_get_string_member (wrong.json, "message"), ==,
                   json_object_get_string_member (unknown.json, "message"));
}

/* Five failed logins for one user from one address, then 429 with
 * Retry-After, even with the right password; another user is not held */
static void
test_login_limit (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Answer) held = { 0, };
  g_auto(Answer) other = { 0, };
  g_autofree char *token = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("bernd", "sales", "Sommer2026!");
  create_user ("clara", "sales", "Sommer2026!");

  for (guint i = 0; i < 5; i++)
    {
      g_auto(Answer) wrong = { 0, };

      g_assert_null (login (server, "bernd", "falsch-falsch", &wrong));
      assert_error (&wrong, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials");
    }

  g_assert_null (login (server, "bernd", "Sommer2026!", &held));
  assert_error (&held, 429, "too_many_attempts");
  g_assert_cmpint (atoi (soup_message_headers_get_one (held.headers, "Retry-After")), >, 0);

  token = login (server, "clara", "Sommer2026!", &other);
  g_assert_nonnull (token);
}

/* Writes @raw to the server on a connection of its own and reads what
 * comes back until the server closes it or 2 s pass */
static char *
send_raw (KontorTestServer *server,
          const char       *raw,
          gboolean          close_early)
{
  g_autoptr(GUri) uri = g_uri_parse (server->uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GString *reply = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  g_socket_client_set_timeout (client, 2);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), raw,
                             strlen (raw), NULL, NULL, &error);
  g_assert_no_error (error);
  if (close_early)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return g_string_free (reply, FALSE);
    }

  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                   buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (reply, buffer, n);

  return g_string_free (reply, FALSE);
}

static void
test_bad_requests (void)
{
  static const char * const small[] = { "--max-body", "1024", NULL };
  static const struct { const char *body; const char *why; } bodies[] = {
    { "{\"username\": \"anna\"", "cut off" },
    { "[\"anna\", \"geheim\"]", "an array" },
    { "\"anna\"", "a string" },
    { "{\"username\": 1, \"password\": \"x\", \"client_id\": \"" CLIENT_ID "\"}", "a number" },
    { "{\"username\": \"anna\", \"password\": \"x\"}", "no client id" },
    { "{\"username\": \"anna\", \"password\": \"x\", \"client_id\": \"nicht-uuid\"}", "a bad id" },
    { "{\"username\": \"anna\", \"password\": \"x\", \"client_id\": \"" CLIENT_ID "\","
      " \"device_name\": [1]}", "a device name that is no text" },
    { "\xff\xfe{}", "not UTF-8" },
    { "", "empty" },
  };
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Answer) not_found = { 0, };
  g_auto(Answer) method = { 0, };
  g_auto(Answer) large = { 0, };
  g_auto(Answer) health = { 0, };
  g_autofree char *big = NULL;
  g_autofree char *chunked = NULL;
  g_autofree char *lying = NULL;
  g_autofree char *short_length = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, small);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_auto(Answer) answer = { 0, };

      g_test_message ("a body that is %s", bodies[i].why);
      request (server, "POST", "/v1/auth/login", NULL, bodies[i].body, &answer);
      assert_error (&answer, SOUP_STATUS_BAD_REQUEST, "invalid");
    }

  request (server, "GET", "/v1/nichts", NULL, NULL, &not_found);
  assert_error (&not_found, SOUP_STATUS_NOT_FOUND, "not_found");
  request (server, "GET", "/v1/auth/login", NULL, NULL, &method);
  assert_error (&method, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed");

  /* larger than --max-body: refused before it is read */
  big = g_strnfill (2000, 'x');
  request (server, "POST", "/v1/auth/login", NULL, big, &large);
  assert_error (&large, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large");

  /* as large, in chunks, with no length to check first */
  chunked = send_raw (server, "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n7d0\r\n", TRUE);
  {
    g_autofree char *body = g_strnfill (2000, 'y');
    g_autofree char *raw = g_strdup_printf ("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                            "Connection: close\r\nTransfer-Encoding: chunked\r\n"
                                            "\r\n7d0\r\n%s\r\n0\r\n\r\n", body);
    g_autofree char *reply = send_raw (server, raw, FALSE);

    g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 413"));
    g_assert_nonnull (strstr (reply, "\"too_large\""));
  }

  /* a body that says it is longer than it is, and goes away */
  lying = send_raw (server, "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                            "Content-Length: 500\r\n\r\n{\"username\":", TRUE);
  /* one that says it is shorter: what follows is no request */
  short_length = send_raw (server, "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Length: 5\r\n\r\n{\"username\": \"anna\"}\r\n\r\n",
                           FALSE);
  g_assert_true (g_str_has_prefix (short_length, "HTTP/1.1 400"));

  /* and the server is still there */
  request (server, "GET", "/v1/health", NULL, NULL, &health);
  g_assert_cmpuint (health.status, ==, SOUP_STATUS_OK);
}

/* A client of a newer protocol hears which ones the server speaks */
static void
test_protocol (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  uri = g_strconcat (server->uri, "v1/me", NULL);
  msg = soup_message_new ("GET", uri);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Crm-Protocol", "2");
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 426);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"min_protocol\":1"));
}

static void
test_admin (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Answer) answer = { 0, };
  g_autofree char *output = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("dora", "assistant", "Sommer2026!");

  /* what is refused, and said */
  g_assert_cmpint (kontor_test_server_admin (&pg, "Sommer2026!\n", &output, "create-user",
                                             "dora", "--role", "sales", NULL), ==, 1);
  g_assert_nonnull (strstr (output, "already"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, "Sommer2026!\n", &output, "create-user",
                                             "emil", "--role", "chef", NULL), ==, 1);
  g_assert_nonnull (strstr (output, "not a role"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, "kurz\n", &output, "create-user", "emil",
                                             "--role", "sales", NULL), ==, 1);
  g_assert_nonnull (strstr (output, "8 characters"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, "Sommer2026!\n", &output, "create-user",
                                             "mit leerzeichen", "--role", "sales", NULL), ==, 1);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "set-role", "niemand", "sales",
                                             NULL), ==, 1);
  g_assert_nonnull (strstr (output, "no user"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "tanzen", NULL), ==, 2);
  g_clear_pointer (&output, g_free);

  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "set-role", "dora", "viewer",
                                             NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "list-users", NULL), ==, 0);
  g_assert_nonnull (strstr (output, "dora\tviewer\tactive\t"));
  g_clear_pointer (&output, g_free);

  /* accounts are published as users, with their role; teams */
  {
    g_autofree char *role = kontor_test_postgres_query (&pg, "SELECT fields->>'role' FROM record"
                                                             " WHERE entity = 'app_user' AND"
                                                             " fields->>'username' = 'dora'");

    g_assert_cmpstr (role, ==, "viewer");
  }
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "create-team", "Süd", NULL),
                   ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "create-team", "Süd", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (output, "already"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "create-team", "", NULL), ==, 1);
  g_assert_nonnull (strstr (output, "needs a name"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "add-to-team", "dora",
                                             "Nirgends", NULL), ==, 1);
  g_assert_nonnull (strstr (output, "no team"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "add-to-team", "niemand", "Süd",
                                             NULL), ==, 1);
  g_assert_nonnull (strstr (output, "no user"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "add-to-team", "dora", "Süd",
                                             NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "list-teams", NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Süd\t"));
  g_assert_nonnull (strstr (output, "\tdora\n"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "remove-from-team", "dora", "Süd",
                                             NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "list-teams", NULL), ==, 0);
  g_assert_null (strstr (output, "dora"));
  g_clear_pointer (&output, g_free);

  /* disabled: the session ends, no login; enabled again: login */
  token = login (server, "dora", "Sommer2026!", &answer);
  g_assert_nonnull (token);
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "disable-user", "dora", NULL),
                   ==, 0);
  {
    g_auto(Answer) me = { 0, };
    g_auto(Answer) refused = { 0, };

    request (server, "GET", "/v1/me", token, NULL, &me);
    assert_error (&me, SOUP_STATUS_UNAUTHORIZED, "unauthorized");
    g_assert_null (login (server, "dora", "Sommer2026!", &refused));
    assert_error (&refused, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials");
  }
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "enable-user", "dora", NULL),
                   ==, 0);
  answer_clear (&answer);
  g_clear_pointer (&token, g_free);
  token = login (server, "dora", "Sommer2026!", &answer);
  g_assert_nonnull (token);

  /* a new password ends the sessions, and the old one no longer works */
  g_assert_cmpint (kontor_test_server_admin (&pg, "Herbst2026?\n", NULL, "set-password", "dora",
                                             NULL), ==, 0);
  {
    g_auto(Answer) me = { 0, };
    g_auto(Answer) old = { 0, };

    request (server, "GET", "/v1/me", token, NULL, &me);
    assert_error (&me, SOUP_STATUS_UNAUTHORIZED, "unauthorized");
    g_assert_null (login (server, "dora", "Sommer2026!", &old));
  }
  answer_clear (&answer);
  token2 = login (server, "dora", "Herbst2026?", &answer);
  g_assert_nonnull (token2);

  /* revoke-tokens: logged out everywhere */
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "revoke-tokens", "dora", NULL),
                   ==, 0);
  {
    g_auto(Answer) me = { 0, };

    request (server, "GET", "/v1/me", token2, NULL, &me);
    assert_error (&me, SOUP_STATUS_UNAUTHORIZED, "unauthorized");
  }
}

/* A database of a newer schema: the server says so and does not start */
static void
test_schema_newer (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *done = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *version = NULL;
  g_autofree char *restore = NULL;

  if (pg.dir == NULL)
    return;

  /* made by an earlier test's server or admin */
  version = kontor_test_postgres_query (&pg, "SELECT version FROM server_schema");
  g_free (kontor_test_postgres_query (&pg, "UPDATE server_schema SET version = 99"));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                              &error, BUILD_ROOT "/src/server/kontor-server", "serve",
                              "--database", pg.conninfo, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (output, "schema version 99"));
  g_assert_nonnull (strstr (output, "newer kontor-server"));
  kept = kontor_test_postgres_query (&pg, "SELECT version FROM server_schema");
  g_assert_cmpstr (kept, ==, "99");

  restore = g_strdup_printf ("UPDATE server_schema SET version = %s", version);
  done = kontor_test_postgres_query (&pg, restore);
}

/* PostgreSQL goes away under a running server and comes back: the server
 * answers 503 meanwhile, then reconnects by itself */
static void
test_postgres_restart (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Answer) before = { 0, };
  g_auto(Answer) down = { 0, };
  g_auto(Answer) after = { 0, };
  g_auto(Answer) answer = { 0, };
  g_autofree char *token = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("erik", "sales", "Sommer2026!");
  request (server, "GET", "/v1/health", NULL, NULL, &before);
  g_assert_cmpuint (before.status, ==, SOUP_STATUS_OK);

  kontor_test_postgres_stop (&pg);
  request (server, "GET", "/v1/health", NULL, NULL, &down);
  assert_error (&down, SOUP_STATUS_SERVICE_UNAVAILABLE, "database_unavailable");

  kontor_test_postgres_resume (&pg);
  request (server, "GET", "/v1/health", NULL, NULL, &after);
  g_assert_cmpuint (after.status, ==, SOUP_STATUS_OK);
  token = login (server, "erik", "Sommer2026!", &answer);
  g_assert_nonnull (token);
}


/* ------------------------------------------------------------------------ */
/* Push and pull */

typedef struct
{
  KontorTestServer *server;
  char             *token;
  char             *client_id;
} Client;

static void
client_clear (Client *client)
{
  g_clear_pointer (&client->token, g_free);
  g_clear_pointer (&client->client_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Client, client_clear)

static void
client_login (Client           *client,
              KontorTestServer *server,
              const char       *username)
{
  g_auto(Answer) answer = { 0, };

  client->server = server;
  client->client_id = g_uuid_string_random ();
  client->token = login_client (server, username, "Sommer2026!", client->client_id, &answer);
  g_assert_nonnull (client->token);
}

/* Pushes @mutations (a JSON array's text) as @client */
static void
push (Client     *client,
      const char *mutations,
      Answer     *answer)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":%s}",
                                           client->client_id, mutations);

  request (client->server, "POST", "/v1/push", client->token, body, answer);
}

/* The result of the only mutation of a push */
static JsonObject *
only_result (Answer *answer)
{
  JsonArray *results;

  g_assert_cmpuint (answer->status, ==, SOUP_STATUS_OK);
  results = json_object_get_array_member (answer->json, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);

  return json_array_get_object_element (results, 0);
}

static gint64
query_int (const char *sql)
{
  g_autofree char *text = kontor_test_postgres_query (&pg, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Two clients of two users change one contact: different fields merge,
 * the same field asks, a value already there is no conflict, a user's own
 * chained edits never conflict, and every step is in the change log */
static void
test_push_merge (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Client) a = { 0, };
  g_auto(Client) b = { 0, };
  g_autofree char *mutation = NULL;
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *first_conflict = NULL;
  JsonObject *result;
  JsonObject *conflict;
  gint64 r1, r2, r3;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("frida", "sales", "Sommer2026!");
  create_user ("gustav", "sales", "Sommer2026!");
  client_login (&a, server, "frida");
  client_login (&b, server, "gustav");

  {
    g_auto(Answer) answer = { 0, };

    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"first_name\":{\"value\":\"Jana\"},"
                                "\"last_name\":{\"value\":\"Nowak\"},"
                                "\"job_title\":{\"value\":\"Einkauf\"}}}]", contact);
    push (&a, mutation, &answer);
    result = only_result (&answer);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
    r1 = json_object_get_int_member (result, "rev");
    g_assert_cmpint (json_object_get_int_member (answer.json, "last_seq"), ==, r1);
  }

  /* B sees it */
  {
    g_auto(Answer) answer = { 0, };
    JsonArray *changes;
    JsonObject *change;

    request (server, "GET", "/v1/pull?cursor=0", b.token, NULL, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    changes = json_object_get_array_member (answer.json, "changes");
    change = json_array_get_object_element (changes, json_array_get_length (changes) - 1);
    g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, contact);
    g_assert_cmpstr (json_object_get_string_member (change, "op"), ==, "upsert");
    g_assert_cmpstr (json_object_get_string_member (change, "by"), ==, "frida");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (
                         json_object_get_object_member (change, "fields"), "first_name"),
                       "value"), ==, "Jana");
    g_assert_cmpint (json_object_get_int_member (answer.json, "cursor"), ==, r1);
    g_assert_false (json_object_get_boolean_member (answer.json, "has_more"));
  }

  /* A changes the job title */
  {
    g_auto(Answer) answer = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":2,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":"
                                "\"Leitung Einkauf\",\"base_rev\":%" G_GINT64_FORMAT "}}}]",
                                contact, r1);
    push (&a, mutation, &answer);
    result = only_result (&answer);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
    r2 = json_object_get_int_member (result, "rev");
    g_assert_cmpint (r2, >, r1);
  }

  /* B, who saw r1, changes the job title too and the city: the city is
   * taken, the title asks */
  {
    g_auto(Answer) answer = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":"
                                "\"Einkaufsleiterin\",\"base_rev\":%" G_GINT64_FORMAT "},"
                                "\"city\":{\"value\":\"Berlin\",\"base_rev\":0}}}]",
                                contact, r1);
    push (&b, mutation, &answer);
    result = only_result (&answer);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==,
                     "applied_with_conflicts");
    g_assert_true (json_object_has_member (json_object_get_object_member (result, "applied"),
                                           "city"));
    conflict = json_array_get_object_element (json_object_get_array_member (result, "conflicts"),
                                              0);
    g_assert_cmpstr (json_object_get_string_member (conflict, "field"), ==, "job_title");
    g_assert_cmpstr (json_object_get_string_member (conflict, "theirs"), ==, "Leitung Einkauf");
    g_assert_cmpstr (json_object_get_string_member (conflict, "yours"), ==, "Einkaufsleiterin");
    g_assert_cmpint (json_object_get_int_member (conflict, "theirs_rev"), ==, r2);
    first_conflict = g_strdup (json_object_get_string_member (conflict, "id"));
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT base_value #>> '{}' FROM conflict"
                                            " WHERE id = '%s'", first_conflict);
    g_autofree char *base = kontor_test_postgres_query (&pg, sql);
    g_autofree char *title = kontor_test_postgres_query (&pg, "SELECT fields ->> 'job_title'"
                                                              " FROM record"
                                                              " WHERE entity = 'contact'"
                                                              " AND fields ->> 'last_name'"
                                                              " = 'Nowak'");

    /* base, theirs and yours kept; the server's value stays */
    g_assert_cmpstr (base, ==, "Einkauf");
    g_assert_cmpstr (title, ==, "Leitung Einkauf");
  }

  /* asked again: the newer conflict supersedes the older, one question */
  {
    g_auto(Answer) answer = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":2,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":"
                                "\"Einkaufsleiterin (Berlin)\",\"base_rev\":%" G_GINT64_FORMAT
                                "}}}]", contact, r1);
    push (&b, mutation, &answer);
    result = only_result (&answer);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "conflict");
    conflict = json_array_get_object_element (json_object_get_array_member (result, "conflicts"),
                                              0);
    g_assert_cmpstr (json_object_get_string_member (conflict, "supersedes"), ==, first_conflict);
    g_assert_cmpint (query_int ("SELECT count(*) FROM conflict WHERE status = 'open'"
                                " AND field = 'job_title'"), ==, 1);
  }

  /* the value the server has already: no conflict */
  {
    g_auto(Answer) answer = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":3,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":"
                                "\"Leitung Einkauf\",\"base_rev\":%" G_GINT64_FORMAT "}}}]",
                                contact, r1);
    push (&b, mutation, &answer);
    result = only_result (&answer);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
    g_assert_false (json_object_has_member (result, "rev"));
  }

  /* A's own chained edits: the second is based on the first */
  {
    g_auto(Answer) answer = { 0, };
    JsonArray *results;

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":3,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"CTO\","
                                "\"base_rev\":%" G_GINT64_FORMAT "}}},"
                                "{\"client_seq\":4,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":"
                                "\"CTO Berlin\",\"base_rev\":%" G_GINT64_FORMAT ","
                                "\"after_local_seq\":3}}}]", contact, r2, contact, r2);
    push (&a, mutation, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    results = json_object_get_array_member (answer.json, "results");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0),
                                                    "status"), ==, "applied");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1),
                                                    "status"), ==, "applied");
    r3 = json_object_get_int_member (json_array_get_object_element (results, 1), "rev");
    g_assert_cmpint (r3, >, r2);
  }

  /* the sequence has no gap, and every change once */
  g_assert_cmpint (query_int ("SELECT count(*) FROM change_log"), ==,
                   query_int ("SELECT last_seq FROM workspace"));
  g_assert_cmpint (query_int ("SELECT max(seq) - min(seq) + 1 FROM change_log"), ==,
                   query_int ("SELECT count(*) FROM change_log"));

  /* the same push again: the stored answer, nothing applied twice */
  {
    g_auto(Answer) answer = { 0, };
    g_autofree char *first = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\","
                                              "\"entity\":\"contact\",\"id\":\"%s\","
                                              "\"fields\":{\"first_name\":{\"value\":\"Jana\"}}}]",
                                              contact);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE client_id ="
                                            " '%s' AND client_seq = 1", a.client_id);

    push (&a, first, &answer);
    result = only_result (&answer);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "duplicate");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result,
                                                                                  "original"),
                                                    "status"), ==, "applied");
    g_assert_cmpint (query_int (sql), ==, 1);
  }

  /* a gap: 409 and where to go on */
  {
    g_auto(Answer) answer = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":7,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Köln\","
                                "\"base_rev\":0}}}]", contact);
    push (&a, mutation, &answer);
    assert_error (&answer, SOUP_STATUS_CONFLICT, "out_of_order");
    g_assert_cmpint (json_object_get_int_member (answer.json, "expected_client_seq"), ==, 5);
  }
}

/* Deleting what another changed asks; changing what another deleted asks,
 * keeping the changes; restoring brings it back */
static void
test_push_delete (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Client) a = { 0, };
  g_auto(Client) b = { 0, };
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *mutation = NULL;
  JsonObject *result;
  gint64 r1, last;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("ida", "sales", "Sommer2026!");
  create_user ("jonas", "sales", "Sommer2026!");
  client_login (&a, server, "ida");
  client_login (&b, server, "jonas");

  {
    g_auto(Answer) answer = { 0, };

    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"last_name\":{\"value\":\"Weber\"}}}]",
                                contact);
    push (&a, mutation, &answer);
    r1 = json_object_get_int_member (only_result (&answer), "rev");
  }
  {
    g_auto(Answer) answer = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Bonn\","
                                "\"base_rev\":0}}}]", contact);
    push (&b, mutation, &answer);
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "status"), ==,
                     "applied");
  }

  /* A deletes what B changed after A saw it: A decides, it stays */
  {
    g_auto(Answer) answer = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":2,\"op\":\"delete\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT "}]", contact, r1);
    push (&a, mutation, &answer);
    result = only_result (&answer);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "conflict");
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (
                         json_object_get_array_member (result, "conflicts"), 0), "kind"),
                     ==, "delete_vs_edit");
    g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE entity = 'contact'"
                                " AND fields ->> 'last_name' = 'Weber' AND NOT deleted"), ==, 1);
  }

  /* having seen it all, A deletes */
  last = query_int ("SELECT last_seq FROM workspace");
  {
    g_auto(Answer) answer = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":3,\"op\":\"delete\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT "}]", contact,
                                last);
    push (&a, mutation, &answer);
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "status"), ==,
                     "applied");
  }

  /* B, offline, changed it meanwhile: kept whole in a conflict */
  {
    g_auto(Answer) answer = { 0, };
    g_autofree char *yours = NULL;

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":2,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Bonn-Beuel\","
                                "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, last);
    push (&b, mutation, &answer);
    result = only_result (&answer);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "conflict");
    yours = kontor_test_postgres_query (&pg, "SELECT yours_value -> 'city' ->> 'value'"
                                             " FROM conflict WHERE kind = 'edit_vs_delete'");
    g_assert_cmpstr (yours, ==, "Bonn-Beuel");
  }

  /* restored: alive again on every machine that pulls */
  {
    g_auto(Answer) answer = { 0, };
    g_auto(Answer) pulled = { 0, };
    JsonArray *changes;

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":3,\"op\":\"restore\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"base_rev\":0}]", contact);
    push (&b, mutation, &answer);
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "status"), ==,
                     "applied");
    request (server, "GET", "/v1/pull?cursor=0&limit=1000", a.token, NULL, &pulled);
    changes = json_object_get_array_member (pulled.json, "changes");
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (changes, json_array_get_length (changes) - 1),
                       "op"), ==, "restore");
  }
}

/* What a role may not push is rejected, acknowledged, and blocks nothing;
 * what the protocol does not know is refused whole */
static void
test_push_refused (void)
{
  static const char * const invalid[] = {
    "[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"vertrag\",\"id\":\"x\","
    "\"fields\":{\"name\":{\"value\":\"A\"}}}]",
    "[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"x\","
    "\"fields\":{\"schuhgroesse\":{\"value\":\"42\"}}}]",
    "[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"x\","
    "\"fields\":{\"first_name\":{\"value\":5}}}]",
    "[{\"client_seq\":1,\"op\":\"update\",\"entity\":\"contact\",\"id\":\"x\","
    "\"fields\":{\"first_name\":{\"value\":\"A\"}}}]",
    "[{\"client_seq\":2,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"x\","
    "\"fields\":{\"first_name\":{\"value\":\"A\"}}},"
    "{\"client_seq\":2,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"y\","
    "\"fields\":{\"first_name\":{\"value\":\"B\"}}}]",
    "[{\"client_seq\":1,\"op\":\"explode\",\"entity\":\"contact\",\"id\":\"x\"}]",
    "[{\"client_seq\":1,\"op\":\"delete\",\"entity\":\"contact\",\"id\":\"x\"}]",
    /* merged_into: a contact's or company's delete only, another UUID */
    "[{\"client_seq\":1,\"op\":\"delete\",\"entity\":\"company\",\"id\":\"x\","
    "\"base_rev\":0,\"merged_into\":\"nicht-uuid\"}]",
    "[{\"client_seq\":1,\"op\":\"restore\",\"entity\":\"company\",\"id\":\"x\","
    "\"base_rev\":0,\"merged_into\":\"0190a000-0000-7000-8000-000000000001\"}]",
    "[{\"client_seq\":1,\"op\":\"delete\",\"entity\":\"company\","
    "\"id\":\"0190a000-0000-7000-8000-000000000001\",\"base_rev\":0,"
    "\"merged_into\":\"0190a000-0000-7000-8000-000000000001\"}]",
    "[{\"client_seq\":1,\"op\":\"delete\",\"entity\":\"contact_group\",\"id\":\"x\","
    "\"base_rev\":0,\"merged_into\":\"0190a000-0000-7000-8000-000000000001\"}]",
    "[{\"client_seq\":1,\"op\":\"delete\",\"entity\":\"contact\",\"id\":\"x\","
    "\"base_rev\":0,\"merged_into\":\"nicht-uuid\"}]",
    "[{\"client_seq\":1,\"op\":\"delete\",\"entity\":\"activity\",\"id\":\"x\","
    "\"base_rev\":0,\"merged_into\":\"0190a000-0000-7000-8000-000000000001\"}]",
    "[{\"client_seq\":1,\"op\":\"restore\",\"entity\":\"contact\",\"id\":\"x\","
    "\"base_rev\":0,\"merged_into\":\"0190a000-0000-7000-8000-000000000001\"}]",
    "[{\"client_seq\":1,\"op\":\"delete\",\"entity\":\"contact\","
    "\"id\":\"0190a000-0000-7000-8000-000000000001\",\"base_rev\":0,"
    "\"merged_into\":\"0190a000-0000-7000-8000-000000000001\"}]",
    "[]",
    "{}",
  };
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Client) viewer = { 0, };
  g_auto(Client) sales = { 0, };
  gint64 logged;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("kai", "viewer", "Sommer2026!");
  create_user ("lena", "sales", "Sommer2026!");
  client_login (&viewer, server, "kai");
  client_login (&sales, server, "lena");
  logged = query_int ("SELECT count(*) FROM change_log");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_auto(Answer) answer = { 0, };

      g_test_message ("invalid push %u", i);
      push (&sales, invalid[i], &answer);
      assert_error (&answer, SOUP_STATUS_BAD_REQUEST, "invalid");
    }

  /* another client's id */
  {
    g_auto(Answer) answer = { 0, };
    g_autofree char *body = g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":[]}",
                                             viewer.client_id);

    request (server, "POST", "/v1/push", sales.token, body, &answer);
    assert_error (&answer, SOUP_STATUS_BAD_REQUEST, "invalid");
  }

  /* a viewer writes nothing; sales no team */
  {
    g_auto(Answer) answer = { 0, };
    g_auto(Answer) next = { 0, };
    g_auto(Answer) team = { 0, };

    push (&viewer, "[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"v1\","
                   "\"fields\":{\"last_name\":{\"value\":\"Gesehen\"}}}]", &answer);
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "status"), ==,
                     "rejected");
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "reason"), ==,
                     "forbidden");
    /* acknowledged: the queue goes on */
    push (&viewer, "[{\"client_seq\":2,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"v2\","
                   "\"fields\":{\"last_name\":{\"value\":\"Gesehen\"}}}]", &next);
    g_assert_cmpstr (json_object_get_string_member (only_result (&next), "reason"), ==,
                     "forbidden");

    push (&sales, "[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"team\",\"id\":\"t1\","
                  "\"fields\":{\"name\":{\"value\":\"Nord\"}}}]", &team);
    g_assert_cmpstr (json_object_get_string_member (only_result (&team), "reason"), ==,
                     "forbidden");
  }

  g_assert_cmpint (query_int ("SELECT count(*) FROM change_log"), ==, logged);

  /* a mutation the database refuses (here a check added for the test)
   * in the middle of a push: rejected as invalid, what it wrote undone
   * and its number given back; the next ones apply on the numbers after
   * the clock, which stays gapless */
  {
    g_auto(Answer) answer = { 0, };
    g_autofree char *sql = NULL;
    JsonArray *results;
    gint64 clock = query_int ("SELECT last_seq FROM workspace");

    g_free (kontor_test_postgres_query (&pg, "ALTER TABLE record ADD CONSTRAINT test_no_boom"
                                             " CHECK (fields->>'last_name' IS DISTINCT FROM"
                                             " 'Boom')"));
    push (&sales, "[{\"client_seq\":2,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"b1\","
                  "\"fields\":{\"last_name\":{\"value\":\"Boom\"}}},"
                  "{\"client_seq\":3,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"b2\","
                  "\"fields\":{\"last_name\":{\"value\":\"Gut\"}}},"
                  "{\"client_seq\":4,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"b3\","
                  "\"fields\":{\"last_name\":{\"value\":\"Boom\"}}}]", &answer);
    g_free (kontor_test_postgres_query (&pg, "ALTER TABLE record DROP CONSTRAINT test_no_boom"));
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    results = json_object_get_array_member (answer.json, "results");
    g_assert_cmpuint (json_array_get_length (results), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0),
                                                    "reason"), ==, "invalid");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1),
                                                    "status"), ==, "applied");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 1),
                                                 "rev"), ==, clock + 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 2),
                                                    "reason"), ==, "invalid");
    g_assert_cmpint (json_object_get_int_member (answer.json, "last_seq"), ==, clock + 1);
    g_assert_cmpint (query_int ("SELECT last_seq FROM workspace"), ==, clock + 1);
    g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE id IN ('b1', 'b2', 'b3')"),
                     ==, 1);
    g_assert_cmpint (query_int ("SELECT count(*) FROM change_log"), ==, logged + 1);
    sql = g_strdup_printf ("SELECT count(*) FROM applied_mutation WHERE client_id = '%s'"
                           " AND client_seq BETWEEN 2 AND 4", sales.client_id);
    g_assert_cmpint (query_int (sql), ==, 3);
  }

  /* a data error in the round trip that also reads the clock (here from
   * the scope check of the push's first mutation, made to divide by zero
   * for the test): that mutation is rejected, and the next one takes the
   * number right after the clock, read in the same round trip */
  {
    g_auto(Answer) answer = { 0, };
    g_autofree char *original = kontor_test_postgres_query (&pg, "SELECT pg_get_functiondef"
                                                                 " ('kontor_may_write'::regproc)");
    gint64 clock = query_int ("SELECT last_seq FROM workspace");
    JsonArray *results;

    g_free (kontor_test_postgres_query (&pg, "CREATE OR REPLACE FUNCTION kontor_may_write"
                                             " (ws uuid, acc uuid, ent text, rid text, sent jsonb)"
                                             " RETURNS boolean LANGUAGE plpgsql STABLE AS $$"
                                             " BEGIN RETURN CASE WHEN rid = 'boom' THEN 1 / 0 > 0"
                                             " ELSE true END; END $$"));
    push (&sales, "[{\"client_seq\":5,\"op\":\"create\",\"entity\":\"contact\","
                  "\"id\":\"boom\",\"fields\":{\"last_name\":{\"value\":\"Eins\"}}},"
                  "{\"client_seq\":6,\"op\":\"create\",\"entity\":\"contact\","
                  "\"id\":\"b4\",\"fields\":{\"last_name\":{\"value\":\"Zwei\"}}}]", &answer);
    g_free (kontor_test_postgres_query (&pg, original));
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    results = json_object_get_array_member (answer.json, "results");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0),
                                                    "reason"), ==, "invalid");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 1),
                                                 "rev"), ==, clock + 1);
    g_assert_cmpint (query_int ("SELECT last_seq FROM workspace"), ==, clock + 1);
    g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE id = 'b4'"), ==, 1);
    g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE id = 'boom'"), ==, 0);
  }

  /* a pull needs a token and numbers */
  {
    g_auto(Answer) anonymous = { 0, };
    g_auto(Answer) bad = { 0, };
    g_auto(Answer) too_many = { 0, };

    request (server, "GET", "/v1/pull", NULL, NULL, &anonymous);
    assert_error (&anonymous, SOUP_STATUS_UNAUTHORIZED, "unauthorized");
    request (server, "GET", "/v1/pull?cursor=minus1", sales.token, NULL, &bad);
    assert_error (&bad, SOUP_STATUS_BAD_REQUEST, "invalid");
    request (server, "GET", "/v1/pull?limit=100000", sales.token, NULL, &too_many);
    assert_error (&too_many, SOUP_STATUS_BAD_REQUEST, "invalid");
  }
}

typedef struct
{
  Client     *client;
  const char *mutations;
  Answer      answer;
} ParallelPush;

static gpointer
push_in_thread (gpointer data)
{
  ParallelPush *job = data;

  push (job->client, job->mutations, &job->answer);

  return NULL;
}

/* The same push to two instances at once: applied once, the other
 * answer is "duplicate" with the first's result */
static void
test_push_twice_at_once (void)
{
  g_autoptr(KontorTestServer) one = NULL;
  g_autoptr(KontorTestServer) two = NULL;
  g_auto(Client) a = { 0, };
  Client a_two = { 0, };
  g_autofree char *mutations = NULL;
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *sql = NULL;
  ParallelPush jobs[2] = { { 0, }, { 0, } };
  GThread *threads[2];
  guint applied = 0, duplicates = 0;

  if (pg.dir == NULL)
    return;
  one = kontor_test_server_start (&pg, NULL);
  two = kontor_test_server_start (&pg, NULL);
  create_user ("mara", "sales", "Sommer2026!");
  client_login (&a, one, "mara");
  a_two = a;
  a_two.server = two;

  mutations = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\","
                               "\"id\":\"%s\",\"fields\":{\"last_name\":{\"value\":\"Doppelt\"}}},"
                               "{\"client_seq\":2,\"op\":\"update\",\"entity\":\"contact\","
                               "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Ulm\","
                               "\"base_rev\":0}}}]", contact, contact);
  jobs[0].client = &a;
  jobs[1].client = &a_two;
  for (guint i = 0; i < 2; i++)
    {
      jobs[i].mutations = mutations;
      threads[i] = g_thread_new ("push", push_in_thread, &jobs[i]);
    }
  for (guint i = 0; i < 2; i++)
    {
      JsonArray *results;

      g_thread_join (threads[i]);
      g_assert_cmpuint (jobs[i].answer.status, ==, SOUP_STATUS_OK);
      results = json_object_get_array_member (jobs[i].answer.json, "results");
      for (guint j = 0; j < json_array_get_length (results); j++)
        {
          const char *status = json_object_get_string_member (
                                 json_array_get_object_element (results, j), "status");

          applied += g_str_equal (status, "applied");
          duplicates += g_str_equal (status, "duplicate");
        }
      answer_clear (&jobs[i].answer);
    }
  g_assert_cmpuint (applied, ==, 2);
  g_assert_cmpuint (duplicates, ==, 2);

  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE client_id = '%s'", a.client_id);
  g_assert_cmpint (query_int (sql), ==, 2);
}

/* ------------------------------------------------------------------------ */
/* Live updates */

typedef struct
{
  GMainLoop               *loop;
  SoupMessage             *handshake;
  SoupWebsocketConnection *connection;
  GError                  *error;
  GPtrArray               *messages;     /* char *, in order */
  gboolean                 closed;
} Socket;

static void
socket_clear (Socket *socket)
{
  g_clear_object (&socket->connection);
  g_clear_object (&socket->handshake);
  g_clear_error (&socket->error);
  g_clear_pointer (&socket->messages, g_ptr_array_unref);
  g_clear_pointer (&socket->loop, g_main_loop_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Socket, socket_clear)

static void
on_socket_message (SoupWebsocketConnection *connection,
                   int                      type,
                   GBytes                  *message,
                   gpointer                 data)
{
  Socket *socket = data;

  g_ptr_array_add (socket->messages, g_strndup (g_bytes_get_data (message, NULL),
                                                g_bytes_get_size (message)));
  g_main_loop_quit (socket->loop);
}

static void
on_socket_closed (SoupWebsocketConnection *connection,
                  gpointer                 data)
{
  Socket *socket = data;

  socket->closed = TRUE;
  g_main_loop_quit (socket->loop);
}

static void
on_socket_connected (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  Socket *socket = data;

  socket->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result,
                                                              &socket->error);
  if (socket->connection != NULL)
    {
      g_signal_connect (socket->connection, "message", G_CALLBACK (on_socket_message), socket);
      g_signal_connect (socket->connection, "closed", G_CALLBACK (on_socket_closed), socket);
    }
  g_main_loop_quit (socket->loop);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

/* Runs @socket's loop until something happens or @seconds pass */
static void
socket_wait (Socket *socket,
             guint   seconds)
{
  guint timeout = g_timeout_add_seconds (seconds, quit_loop, socket->loop);
  GSource *source;

  g_main_loop_run (socket->loop);
  source = g_main_context_find_source_by_id (NULL, timeout);
  if (source != NULL)
    g_source_destroy (source);
}

static void
socket_open (Socket           *socket,
             KontorTestServer *server,
             const char       *token)
{
  static SoupSession *plain;
  g_autofree char *uri = g_strconcat (server->uri, "v1/events", NULL);
  SoupMessage *msg = soup_message_new ("GET", uri);
  SoupSession *session;

  if (plain == NULL)
    plain = soup_session_new ();
  session = server->session != NULL ? server->session : plain;
  g_clear_object (&socket->handshake);
  socket->handshake = msg;
  if (socket->loop == NULL)
    socket->loop = g_main_loop_new (NULL, FALSE);
  g_clear_pointer (&socket->messages, g_ptr_array_unref);
  g_clear_object (&socket->connection);
  socket->closed = FALSE;
  socket->messages = g_ptr_array_new_with_free_func (g_free);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_socket_connected, socket);
  socket_wait (socket, 10);
}

/* Waits until @socket got a message with @text in it; returns it */
static const char *
socket_expect (Socket     *socket,
               const char *text,
               guint       seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      for (guint i = 0; i < socket->messages->len; i++)
        {
          if (strstr (g_ptr_array_index (socket->messages, i), text) != NULL)
            return g_ptr_array_index (socket->messages, i);
        }
      if (socket->closed)
        break;
      socket_wait (socket, 1);
    }

  return NULL;
}

/* A push to one instance pokes the websocket on another (through
 * PostgreSQL's notifications); a socket without a token gets no
 * handshake, one with a bad token is told and closed; a revoked account's
 * socket is told and closed; after PostgreSQL restarts, every socket is
 * poked once, for what it may have missed */
static void
test_events (void)
{
  g_autoptr(KontorTestServer) one = NULL;
  g_autoptr(KontorTestServer) two = NULL;
  g_auto(Client) watcher = { 0, };
  g_auto(Client) writer = { 0, };
  g_auto(Socket) live = { 0, };
  g_auto(Socket) anonymous = { 0, };
  g_auto(Socket) forged = { 0, };
  g_auto(Answer) answer = { 0, };
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *mutation = NULL;
  g_autofree char *expected = NULL;
  gint64 start;

  if (pg.dir == NULL)
    return;
  one = kontor_test_server_start (&pg, NULL);
  two = kontor_test_server_start (&pg, NULL);
  create_user ("otto", "sales", "Sommer2026!");
  create_user ("paula", "sales", "Sommer2026!");
  client_login (&watcher, one, "otto");
  client_login (&writer, two, "paula");

  socket_open (&anonymous, one, NULL);
  g_assert_null (anonymous.connection);
  g_assert_nonnull (anonymous.error);

  socket_open (&forged, one, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_assert_nonnull (forged.connection);
  g_assert_nonnull (socket_expect (&forged, "\"unauthorized\"", 10));

  socket_open (&live, one, watcher.token);
  g_assert_no_error (live.error);
  /* subscribed once the token is checked, on a worker of the server */
  g_usleep (300 * 1000);

  start = g_get_monotonic_time ();
  mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\","
                              "\"id\":\"%s\",\"fields\":{\"last_name\":{\"value\":\"Live\"}}}]",
                              contact);
  push (&writer, mutation, &answer);
  g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "status"), ==,
                   "applied");
  expected = g_strdup_printf ("{\"type\":\"poke\",\"seq\":%" G_GINT64_FORMAT "}",
                              json_object_get_int_member (answer.json, "last_seq"));
  g_assert_nonnull (socket_expect (&live, expected, 10));
  g_test_message ("push on one instance to poke on another: %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  /* PostgreSQL away and back: everyone is poked once */
  g_ptr_array_set_size (live.messages, 0);
  kontor_test_postgres_stop (&pg);
  kontor_test_postgres_resume (&pg);
  g_assert_nonnull (socket_expect (&live, "\"poke\"", 40));

  /* logged out everywhere: told, and closed */
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "revoke-tokens", "otto", NULL),
                   ==, 0);
  g_assert_nonnull (socket_expect (&live, "\"token_revoked\"", 10));
  socket_wait (&live, 5);
  g_assert_true (live.closed);
}

/* Three instances behind nginx, which terminates TLS with the test CA's
 * certificate and spreads requests round-robin: requests reach all three,
 * a client that does not trust the CA is refused, a websocket passes
 * through and is poked after a push that went to another instance; the
 * instance holding it killed, the client connects again through nginx to
 * another and pulls from its cursor without a gap */
static void
test_nginx (void)
{
  KontorTestServer *instances[3];
  g_autoptr(KontorTestServer) front = NULL;
  g_autoptr(GHashTable) pids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(Client) watcher = { 0, };
  g_auto(Client) writer = { 0, };
  g_auto(Socket) live = { 0, };
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *holder = NULL;
  gint64 cursor = 0;

  if (pg.dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
    instances[i] = kontor_test_server_start (&pg, NULL);
  front = kontor_test_nginx_start (instances, G_N_ELEMENTS (instances));
  if (front == NULL)
    goto out;

  for (guint i = 0; i < 6; i++)
    {
      g_auto(Answer) health = { 0, };

      request (front, "GET", "/v1/health", NULL, NULL, &health);
      g_assert_cmpuint (health.status, ==, SOUP_STATUS_OK);
      g_hash_table_add (pids, g_strdup (soup_message_headers_get_one (health.headers,
                                                                      "X-Kontor-Instance")));
    }
  g_assert_cmpuint (g_hash_table_size (pids), ==, G_N_ELEMENTS (instances));

  /* the system's trust store does not know the test CA */
  {
    g_autoptr(SoupSession) untrusting = soup_session_new ();
    g_autofree char *uri = g_strconcat (front->uri, "v1/health", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    bytes = soup_session_send_and_read (untrusting, msg, NULL, &error);
    g_assert_nonnull (error);
    g_test_message ("without the CA: %s", error->message);
  }

  create_user ("quirin", "sales", "Sommer2026!");
  create_user ("rosa", "sales", "Sommer2026!");
  client_login (&watcher, front, "quirin");
  client_login (&writer, front, "rosa");

  socket_open (&live, front, watcher.token);
  g_assert_no_error (live.error);
  holder = g_strdup (soup_message_headers_get_one (
                       soup_message_get_response_headers (live.handshake), "X-Kontor-Instance"));
  g_assert_nonnull (holder);
  g_usleep (300 * 1000);

  for (guint round = 0; round < 2; round++)
    {
      g_auto(Answer) answer = { 0, };
      g_auto(Answer) pulled = { 0, };
      g_autofree char *mutation = NULL;
      g_autofree char *expected = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 last_seq;
      JsonArray *changes;

      mutation = g_strdup_printf ("[{\"client_seq\":%u,\"op\":\"create\",\"entity\":\"contact\","
                                  "\"id\":\"%s-%u\",\"fields\":{\"city\":{\"value\":\"%s\"}}}]",
                                  round + 1, contact, round, round == 0 ? "Hamburg" : "Kiel");
      push (&writer, mutation, &answer);
      g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
      last_seq = json_object_get_int_member (answer.json, "last_seq");
      expected = g_strdup_printf ("{\"type\":\"poke\",\"seq\":%" G_GINT64_FORMAT "}", last_seq);
      g_assert_nonnull (socket_expect (&live, expected, 10));
      g_test_message ("round %u: push to poke through nginx: %.1f ms", round,
                      (g_get_monotonic_time () - start) / 1000.0);

      /* the watcher pulls from its cursor: nothing skipped */
      {
        g_autofree char *path = g_strdup_printf ("/v1/pull?cursor=%" G_GINT64_FORMAT, cursor);

        request (front, "GET", path, watcher.token, NULL, &pulled);
      }
      g_assert_cmpuint (pulled.status, ==, SOUP_STATUS_OK);
      changes = json_object_get_array_member (pulled.json, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          gint64 seq = json_object_get_int_member (json_array_get_object_element (changes, i),
                                                   "seq");

          g_assert_cmpint (seq, ==, cursor + 1);
          cursor = seq;
        }
      g_assert_cmpint (cursor, ==, last_seq);

      if (round == 0)
        {
          /* the instance holding the socket dies */
          for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
            {
              g_autofree char *pid = NULL;

              if (instances[i] == NULL)
                continue;
              pid = g_strdup_printf ("%s", g_subprocess_get_identifier (instances[i]->process));
              if (g_str_equal (pid, holder))
                g_clear_pointer (&instances[i], kontor_test_server_free);
            }
          socket_wait (&live, 5);
          g_assert_true (live.closed);

          socket_open (&live, front, watcher.token);
          g_assert_no_error (live.error);
          g_assert_cmpstr (soup_message_headers_get_one (
                             soup_message_get_response_headers (live.handshake),
                             "X-Kontor-Instance"), !=, holder);
          g_usleep (300 * 1000);
        }
    }

out:
  for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
    g_clear_pointer (&instances[i], kontor_test_server_free);
}

/* Conflicts are listed for the user who has them, on each of their
 * machines, and resolved as one more change: "mine" writes the user's
 * value on the revision they saw; when the field moved again meanwhile,
 * that is a new conflict superseding the old, never an overwrite;
 * "theirs" keeps the server's value; "mine" on an edit of a deleted
 * record restores it with the edit. Another user cannot resolve them. */

static JsonArray *
open_conflicts (Client *client,
                Answer *answer)
{
  request (client->server, "GET", "/v1/conflicts?status=open", client->token, NULL, answer);
  g_assert_cmpuint (answer->status, ==, SOUP_STATUS_OK);

  return json_object_get_array_member (answer->json, "conflicts");
}

static void
resolve (Client     *client,
         const char *conflict,
         const char *body,
         Answer     *answer)
{
  g_autofree char *path = g_strdup_printf ("/v1/conflicts/%s/resolve", conflict);

  request (client->server, "POST", path, client->token, body, answer);
}

static char *
record_value (const char *contact,
              const char *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (fields ->> '%s', '-') ||"
                                          " CASE WHEN deleted THEN ' (deleted)' ELSE '' END"
                                          " FROM record WHERE id = '%s'", field, contact);

  return kontor_test_postgres_query (&pg, sql);
}

static gint64
record_rev (const char *contact,
            const char *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT field_revs ->> '%s' FROM record WHERE id = '%s'",
                                          field, contact);

  return query_int (sql);
}

static void
test_resolve (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Client) a = { 0, };
  g_auto(Client) b = { 0, };
  g_auto(Client) b2 = { 0, };
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *mutation = NULL;
  g_autofree char *conflict = NULL;
  g_autofree char *value = NULL;
  gint64 r1;
  JsonArray *conflicts;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("sara", "sales", "Sommer2026!");
  create_user ("tim", "sales", "Sommer2026!");
  client_login (&a, server, "sara");
  client_login (&b, server, "tim");
  client_login (&b2, server, "tim");

  {
    g_auto(Answer) created = { 0, };
    g_auto(Answer) mine = { 0, };
    g_auto(Answer) theirs = { 0, };

    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":"
                                "\"Head of IT\"}}}]", contact);
    push (&a, mutation, &created);
    r1 = json_object_get_int_member (only_result (&created), "rev");
    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":2,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"CTO\","
                                "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, r1);
    push (&a, mutation, &theirs);
    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"VP\","
                                "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, r1);
    push (&b, mutation, &mine);
    g_assert_cmpstr (json_object_get_string_member (only_result (&mine), "status"), ==,
                     "conflict");
  }

  /* the one who synced second is asked, on each of their machines */
  {
    g_auto(Answer) on_b = { 0, };
    g_auto(Answer) on_b2 = { 0, };
    g_auto(Answer) on_a = { 0, };
    JsonObject *listed;

    conflicts = open_conflicts (&b, &on_b);
    g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
    listed = json_array_get_object_element (conflicts, 0);
    g_assert_cmpstr (json_object_get_string_member (listed, "field"), ==, "job_title");
    g_assert_cmpstr (json_object_get_string_member (listed, "base"), ==, "Head of IT");
    g_assert_cmpstr (json_object_get_string_member (listed, "theirs"), ==, "CTO");
    g_assert_cmpstr (json_object_get_string_member (listed, "yours"), ==, "VP");
    conflict = g_strdup (json_object_get_string_member (listed, "id"));
    conflicts = open_conflicts (&b2, &on_b2);
    g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
    conflicts = open_conflicts (&a, &on_a);
    g_assert_cmpuint (json_array_get_length (conflicts), ==, 0);
  }

  /* another user may not decide it (and the attempt takes A's client_seq 3) */
  {
    g_auto(Answer) answer = { 0, };

    resolve (&a, conflict, "{\"choice\":\"theirs\",\"client_seq\":3}", &answer);
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "reason"), ==,
                     "forbidden");
  }

  /* "mine": the user's value, for everyone; once, however often sent */
  {
    g_auto(Answer) answer = { 0, };
    g_auto(Answer) again = { 0, };
    g_auto(Answer) left = { 0, };

    resolve (&b, conflict, "{\"choice\":\"mine\",\"client_seq\":2}", &answer);
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "status"), ==,
                     "applied");
    value = record_value (contact, "job_title");
    g_assert_cmpstr (value, ==, "VP");
    resolve (&b, conflict, "{\"choice\":\"mine\",\"client_seq\":2}", &again);
    g_assert_cmpstr (json_object_get_string_member (only_result (&again), "status"), ==,
                     "duplicate");
    conflicts = open_conflicts (&b2, &left);
    g_assert_cmpuint (json_array_get_length (conflicts), ==, 0);
  }

  /* the field moves again before the user decides: a new question */
  {
    g_auto(Answer) b2_push = { 0, };
    g_auto(Answer) moved = { 0, };
    g_auto(Answer) answer = { 0, };
    g_auto(Answer) listed = { 0, };
    g_auto(Answer) kept = { 0, };
    g_autofree char *second = NULL;
    g_autofree char *third = NULL;
    gint64 seen = record_rev (contact, "job_title");

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":4,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"CEO\","
                                "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, seen);
    push (&a, mutation, &moved);
    g_assert_cmpstr (json_object_get_string_member (only_result (&moved), "status"), ==,
                     "applied");
    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"COO\","
                                "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, seen);
    push (&b2, mutation, &b2_push);
    second = g_strdup (json_object_get_string_member (
                         json_array_get_object_element (
                           json_object_get_array_member (only_result (&b2_push), "conflicts"),
                           0), "id"));
    {
      g_auto(Answer) again_moved = { 0, };

      g_free (mutation);
      mutation = g_strdup_printf ("[{\"client_seq\":5,\"op\":\"update\",\"entity\":\"contact\","
                                  "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"CFO\","
                                  "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact,
                                  record_rev (contact, "job_title"));
      push (&a, mutation, &again_moved);
    }

    resolve (&b2, second, "{\"choice\":\"value\",\"value\":\"Prokurist\",\"client_seq\":2}",
             &answer);
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "status"), ==,
                     "conflict");
    g_free (value);
    value = record_value (contact, "job_title");
    g_assert_cmpstr (value, ==, "CFO");
    conflicts = open_conflicts (&b, &listed);
    g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
    third = g_strdup (json_object_get_string_member (json_array_get_object_element (conflicts, 0),
                                                     "id"));
    g_assert_cmpstr (third, !=, second);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (conflicts, 0),
                                                    "yours"), ==, "Prokurist");

    /* "theirs": the server's value stays */
    resolve (&b, third, "{\"choice\":\"theirs\",\"client_seq\":3}", &kept);
    g_assert_cmpstr (json_object_get_string_member (only_result (&kept), "status"), ==,
                     "applied");
    g_free (value);
    value = record_value (contact, "job_title");
    g_assert_cmpstr (value, ==, "CFO");
  }

  /* an edit of what was deleted: "mine" brings it back with the edit */
  {
    g_auto(Answer) deleted = { 0, };
    g_auto(Answer) edited = { 0, };
    g_auto(Answer) listed = { 0, };
    g_auto(Answer) answer = { 0, };
    g_autofree char *gone = NULL;
    const char *id;

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":6,\"op\":\"delete\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT "}]", contact,
                                query_int ("SELECT last_seq FROM workspace"));
    push (&a, mutation, &deleted);
    g_assert_cmpstr (json_object_get_string_member (only_result (&deleted), "status"), ==,
                     "applied");
    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":4,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Jena\","
                                "\"base_rev\":0}}}]", contact);
    push (&b, mutation, &edited);
    g_assert_cmpstr (json_object_get_string_member (only_result (&edited), "status"), ==,
                     "conflict");
    gone = record_value (contact, "city");
    g_assert_cmpstr (gone, ==, "- (deleted)");

    conflicts = open_conflicts (&b, &listed);
    g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
    id = json_object_get_string_member (json_array_get_object_element (conflicts, 0), "id");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (conflicts, 0),
                                                    "kind"), ==, "edit_vs_delete");
    resolve (&b, id, "{\"choice\":\"mine\",\"client_seq\":5}", &answer);
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "status"), ==,
                     "applied");
    g_free (value);
    value = record_value (contact, "city");
    g_assert_cmpstr (value, ==, "Jena");
  }

  /* what is not a resolution */
  {
    g_auto(Answer) bad_choice = { 0, };
    g_auto(Answer) no_value = { 0, };
    g_auto(Answer) bad_id = { 0, };

    resolve (&b, conflict, "{\"choice\":\"beide\",\"client_seq\":6}", &bad_choice);
    assert_error (&bad_choice, SOUP_STATUS_BAD_REQUEST, "invalid");
    resolve (&b, conflict, "{\"choice\":\"value\",\"client_seq\":6}", &no_value);
    assert_error (&no_value, SOUP_STATUS_BAD_REQUEST, "invalid");
    resolve (&b, "kein-konflikt", "{\"choice\":\"mine\",\"client_seq\":6}", &bad_id);
    assert_error (&bad_id, SOUP_STATUS_NOT_FOUND, "not_found");
  }
}

/* An instance dies in the middle of a push (kill -9 at fault injection
 * points of the server), and the client sends the same push to another
 * instance: died before its commit, the push is applied then; died after
 * its commit but before its answer, the second attempt is a duplicate
 * with the first's result. Either way each mutation is in the change log
 * exactly once. */
static void
test_crash (void)
{
  static const char * const points[] = { "crash_before_commit",
                                         "crash_after_commit_before_reply" };
  g_autoptr(KontorTestServer) survivor = NULL;

  if (pg.dir == NULL)
    return;
  survivor = kontor_test_server_start (&pg, NULL);
  create_user ("ulla", "sales", "Sommer2026!");

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr(KontorTestServer) dying = kontor_test_server_start_with_fault (&pg, points[i]);
      g_autoptr(SoupSession) session = soup_session_new ();
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) sent = NULL;
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(Client) client = { 0, };
      g_auto(Answer) retried = { 0, };
      g_autofree char *contact = g_uuid_string_random ();
      g_autofree char *mutations = NULL;
      g_autofree char *body = NULL;
      g_autofree char *uri = NULL;
      g_autofree char *bearer = NULL;
      g_autofree char *sql = NULL;
      JsonObject *result;

      g_test_message ("%s", points[i]);
      client_login (&client, survivor, "ulla");
      mutations = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\","
                                   "\"id\":\"%s\",\"fields\":{\"last_name\":{\"value\":\"Ausfall\"}}}]",
                                   contact);
      body = g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":%s}", client.client_id,
                              mutations);

      /* to the instance that dies: no answer */
      uri = g_strconcat (dying->uri, "v1/push", NULL);
      msg = soup_message_new ("POST", uri);
      bearer = g_strconcat ("Bearer ", client.token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    bearer);
      sent = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", sent);
      reply = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_nonnull (error);
      g_assert_true (g_subprocess_wait (dying->process, NULL, NULL));
      g_assert_true (g_subprocess_get_if_signaled (dying->process));

      /* the same push again, to another */
      push (&client, mutations, &retried);
      result = only_result (&retried);
      if (i == 0)
        g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
      else
        {
          g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "duplicate");
          g_assert_cmpstr (json_object_get_string_member (
                             json_object_get_object_member (result, "original"), "status"), ==,
                           "applied");
        }

      sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE client_id = '%s'"
                             " AND client_seq = 1", client.client_id);
      g_assert_cmpint (query_int (sql), ==, 1);
    }

  /* and the sequence still has no gap */
  g_assert_cmpint (query_int ("SELECT count(*) FROM change_log"), ==,
                   query_int ("SELECT last_seq FROM workspace"));
}

/* A first sync, and a client whose cursor the log no longer reaches: the
 * rows as they are, page by page, tombstones included, with the clock
 * they were read at; after the log is compacted, a pull from before it
 * answers 410 and a pull from the snapshot's clock goes on */
static void
test_snapshot (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Client) a = { 0, };
  g_auto(Answer) pushed = { 0, };
  g_auto(Answer) first = { 0, };
  g_auto(Answer) second = { 0, };
  g_autofree char *prefix = g_uuid_string_random ();
  g_autofree char *mutations = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 last_seq, as_of;
  guint n_deleted = 0;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("vera", "sales", "Sommer2026!");
  client_login (&a, server, "vera");

  /* the prefix sorts these three after every other test's contacts */
  prefix[0] = 'z';
  mutations = g_strdup_printf ("["
    "{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"%s-1\","
    "\"fields\":{\"last_name\":{\"value\":\"Erste\"}}},"
    "{\"client_seq\":2,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"%s-2\","
    "\"fields\":{\"last_name\":{\"value\":\"Zweite\"},\"city\":{\"value\":\"Gera\"}}},"
    "{\"client_seq\":3,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"%s-3\","
    "\"fields\":{\"last_name\":{\"value\":\"Dritte\"}}},"
    "{\"client_seq\":4,\"op\":\"delete\",\"entity\":\"contact\",\"id\":\"%s-3\","
    "\"base_rev\":0}]", prefix, prefix, prefix, prefix);
  push (&a, mutations, &pushed);
  g_assert_cmpuint (pushed.status, ==, SOUP_STATUS_OK);
  last_seq = json_object_get_int_member (pushed.json, "last_seq");

  path = g_strdup_printf ("/v1/snapshot?entity=contact&limit=2&after_id=%s", prefix);
  request (server, "GET", path, a.token, NULL, &first);
  g_assert_cmpuint (first.status, ==, SOUP_STATUS_OK);
  as_of = json_object_get_int_member (first.json, "as_of_seq");
  g_assert_cmpint (as_of, ==, last_seq);
  g_assert_true (json_object_get_boolean_member (first.json, "has_more"));
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/v1/snapshot?entity=contact&limit=2&after_id=%s",
                          json_object_get_string_member (first.json, "next_after_id"));
  request (server, "GET", path, a.token, NULL, &second);
  g_assert_cmpuint (second.status, ==, SOUP_STATUS_OK);
  g_assert_false (json_object_get_boolean_member (second.json, "has_more"));

  for (guint page = 0; page < 2; page++)
    {
      JsonArray *records = json_object_get_array_member (page == 0 ? first.json : second.json,
                                                         "records");

      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);
          JsonObject *values = json_object_get_object_member (record, "values");
          JsonObject *revs = json_object_get_object_member (record, "revs");

          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (record,
                                                                                         "id"))));
          if (json_object_get_boolean_member (record, "deleted"))
            {
              n_deleted++;
              g_assert_cmpuint (json_object_get_size (values), ==, 0);
              g_assert_cmpuint (json_object_get_size (revs), ==, 0);
            }
          else if (g_str_has_suffix (json_object_get_string_member (record, "id"), "-2"))
            {
              g_assert_cmpstr (json_object_get_string_member (values, "city"), ==, "Gera");
              g_assert_cmpint (json_object_get_int_member (revs, "city"), >, 0);
            }
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3);
  g_assert_cmpuint (n_deleted, ==, 1);

  /* what is not a snapshot */
  {
    g_auto(Answer) unknown = { 0, };
    g_auto(Answer) none = { 0, };

    request (server, "GET", "/v1/snapshot?entity=vertrag", a.token, NULL, &unknown);
    assert_error (&unknown, SOUP_STATUS_BAD_REQUEST, "invalid");
    request (server, "GET", "/v1/snapshot", a.token, NULL, &none);
    assert_error (&none, SOUP_STATUS_BAD_REQUEST, "invalid");
  }

  /* the log compacted up to the snapshot: an old cursor must load anew */
  {
    g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, as_of);
    g_autofree char *from_snapshot = g_strdup_printf ("/v1/pull?cursor=%" G_GINT64_FORMAT, as_of);
    g_auto(Answer) stale = { 0, };
    g_auto(Answer) fresh = { 0, };

    g_assert_cmpint (kontor_test_server_admin (&pg, NULL, &output, "compact", seq, NULL), ==, 0);
    g_assert_nonnull (strstr (output, "dropped"));
    request (server, "GET", "/v1/pull?cursor=0", a.token, NULL, &stale);
    assert_error (&stale, 410, "resync_required");
    request (server, "GET", from_snapshot, a.token, NULL, &fresh);
    g_assert_cmpuint (fresh.status, ==, SOUP_STATUS_OK);
    g_assert_cmpint (json_object_get_int_member (fresh.json, "min_retained_seq"), ==, as_of);
  }
  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE seq < %" G_GINT64_FORMAT, as_of);
  g_assert_cmpint (query_int (sql), ==, 0);

  /* a delete based on what the log no longer holds, of a record changed
   * since: who changed it is unknown, so it asks rather than deletes */
  {
    g_auto(Answer) deleted = { 0, };
    g_autofree char *mutation = g_strdup_printf ("[{\"client_seq\":5,\"op\":\"delete\","
                                                 "\"entity\":\"contact\",\"id\":\"%s-2\","
                                                 "\"base_rev\":1}]", prefix);
    g_autofree char *alive = NULL;

    push (&a, mutation, &deleted);
    g_assert_cmpstr (json_object_get_string_member (only_result (&deleted), "status"), ==,
                     "conflict");
    g_free (sql);
    sql = g_strdup_printf ("SELECT deleted FROM record WHERE id = '%s-2'", prefix);
    alive = kontor_test_postgres_query (&pg, sql);
    g_assert_cmpstr (alive, ==, "f");
  }
}

/* What the review of the server found, each shown: an installation's id
 * is one account's; a resolution's own value is checked like any pushed
 * one; two edits of a deleted record are two conflicts, neither lost; a
 * mutation that fails for a reason not its data (here a lock wait too
 * long) fails the push with 503 and is applied when sent again, never
 * lost as rejected */
/* A conflict the database refuses to store (here a check added for the
 * test) while the same mutation has more fields to judge: the mutation is
 * rejected as invalid, not failed with 503 (which the client would meet
 * again on every retry), and nothing of it stays */
static void
test_conflict_refused (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Client) mine = { 0, };
  g_auto(Client) theirs = { 0, };
  g_auto(Answer) created = { 0, };
  g_auto(Answer) changed = { 0, };
  g_auto(Answer) refused = { 0, };
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *mutation = NULL;
  g_autofree char *sql = NULL;
  JsonObject *result;
  gint64 r1, clock, conflicts;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("yvonne", "sales", "Sommer2026!");
  create_user ("zeno", "sales", "Sommer2026!");
  client_login (&mine, server, "yvonne");
  client_login (&theirs, server, "zeno");

  mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\","
                              "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"A\"},"
                              "\"city\":{\"value\":\"A\"}}}]", contact);
  push (&mine, mutation, &created);
  r1 = json_object_get_int_member (only_result (&created), "rev");
  g_free (mutation);
  mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"update\",\"entity\":\"contact\","
                              "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"B\","
                              "\"base_rev\":%" G_GINT64_FORMAT "},\"city\":{\"value\":\"B\","
                              "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, r1, r1);
  push (&theirs, mutation, &changed);
  g_assert_cmpstr (json_object_get_string_member (only_result (&changed), "status"), ==,
                   "applied");

  /* both fields conflict; the first conflict's row is refused (NOT VALID:
   * the conflicts of earlier tests stay as they are) */
  clock = query_int ("SELECT last_seq FROM workspace");
  conflicts = query_int ("SELECT count(*) FROM conflict");
  g_free (kontor_test_postgres_query (&pg, "ALTER TABLE conflict ADD CONSTRAINT test_no_job"
                                           " CHECK (field IS DISTINCT FROM 'job_title') NOT VALID"));
  g_free (mutation);
  mutation = g_strdup_printf ("[{\"client_seq\":2,\"op\":\"update\",\"entity\":\"contact\","
                              "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"C\","
                              "\"base_rev\":%" G_GINT64_FORMAT "},\"city\":{\"value\":\"C\","
                              "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, r1, r1);
  push (&mine, mutation, &refused);
  g_free (kontor_test_postgres_query (&pg, "ALTER TABLE conflict DROP CONSTRAINT test_no_job"));

  result = only_result (&refused);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "invalid");
  g_assert_cmpint (query_int ("SELECT last_seq FROM workspace"), ==, clock);
  g_assert_cmpint (query_int ("SELECT count(*) FROM conflict"), ==, conflicts);
  sql = g_strdup_printf ("SELECT count(*) FROM record WHERE id = '%s'"
                         " AND fields->>'city' = 'B' AND fields->>'job_title' = 'B'", contact);
  g_assert_cmpint (query_int (sql), ==, 1);
}

static void
test_review_fixes (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorTestServer) impatient = NULL;
  g_auto(Client) owner = { 0, };
  g_auto(Client) other = { 0, };
  g_autofree char *contact = g_uuid_string_random ();
  g_autofree char *mutation = NULL;
  g_autofree char *sql = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("wolf", "sales", "Sommer2026!");
  create_user ("xaver", "sales", "Sommer2026!");
  client_login (&owner, server, "wolf");
  client_login (&other, server, "xaver");

  /* another account may not log in as wolf's installation */
  {
    g_auto(Answer) answer = { 0, };

    g_assert_null (login_client (server, "xaver", "Sommer2026!", owner.client_id, &answer));
    assert_error (&answer, SOUP_STATUS_CONFLICT, "client_taken");
  }

  /* a conflict, and a resolution with a value the field cannot hold */
  {
    g_auto(Answer) created = { 0, };
    g_auto(Answer) theirs = { 0, };
    g_auto(Answer) mine = { 0, };
    g_auto(Answer) resolved = { 0, };
    g_autofree char *body = NULL;
    const char *conflict;
    gint64 r1;

    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"A\"}}}]",
                                contact);
    push (&owner, mutation, &created);
    r1 = json_object_get_int_member (only_result (&created), "rev");
    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":2,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"B\","
                                "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, r1);
    push (&owner, mutation, &theirs);
    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":1,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"C\","
                                "\"base_rev\":%" G_GINT64_FORMAT "}}}]", contact, r1);
    push (&other, mutation, &mine);
    conflict = json_object_get_string_member (
                 json_array_get_object_element (
                   json_object_get_array_member (only_result (&mine), "conflicts"), 0), "id");
    body = g_strdup ("{\"choice\":\"value\",\"value\":{\"x\":[1,2]},\"client_seq\":2}");
    resolve (&other, conflict, body, &resolved);
    g_assert_cmpstr (json_object_get_string_member (only_result (&resolved), "reason"), ==,
                     "invalid");
    g_free (sql);
    sql = g_strdup_printf ("SELECT status FROM conflict WHERE id = '%s'", conflict);
    {
      g_autofree char *status = kontor_test_postgres_query (&pg, sql);

      g_assert_cmpstr (status, ==, "open");
    }
  }

  /* deleted, then edited twice elsewhere: one open conflict holding both
   * edits, the first superseded by it (one question per record) */
  {
    g_auto(Answer) deleted = { 0, };
    g_auto(Answer) first = { 0, };
    JsonObject *second_result;
    JsonObject *merged;
    JsonObject *yours;

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":3,\"op\":\"delete\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"base_rev\":%" G_GINT64_FORMAT "}]", contact,
                                query_int ("SELECT last_seq FROM workspace"));
    push (&owner, mutation, &deleted);
    g_assert_cmpstr (json_object_get_string_member (only_result (&deleted), "status"), ==,
                     "applied");
    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":3,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"job_title\":{\"value\":\"CTO\","
                                "\"base_rev\":0}}},"
                                "{\"client_seq\":4,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Suhl\","
                                "\"base_rev\":0}}}]", contact, contact);
    push (&other, mutation, &first);
    g_assert_cmpuint (first.status, ==, SOUP_STATUS_OK);
    g_free (sql);
    sql = g_strdup_printf ("SELECT count(*) FROM conflict WHERE entity_id = '%s'"
                           " AND kind = 'edit_vs_delete' AND status = 'open'", contact);
    g_assert_cmpint (query_int (sql), ==, 1);
    g_free (sql);
    sql = g_strdup_printf ("SELECT count(*) FROM conflict WHERE entity_id = '%s'"
                           " AND kind = 'edit_vs_delete' AND status = 'superseded'", contact);
    g_assert_cmpint (query_int (sql), ==, 1);
    second_result = json_array_get_object_element (json_object_get_array_member (first.json,
                                                                                  "results"), 1);
    g_assert_cmpstr (json_object_get_string_member (second_result, "status"), ==, "conflict");
    merged = json_array_get_object_element (json_object_get_array_member (second_result,
                                                                          "conflicts"), 0);
    g_assert_cmpstr (json_object_get_string_member (merged, "supersedes"), ==,
                     json_object_get_string_member (
                       json_array_get_object_element (
                         json_object_get_array_member (
                           json_array_get_object_element (
                             json_object_get_array_member (first.json, "results"), 0),
                           "conflicts"), 0), "id"));
    yours = json_object_get_object_member (merged, "yours");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (yours, "job_title"), "value"), ==, "CTO");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (yours, "city"), "value"), ==, "Suhl");
  }

  /* a lock wait longer than the server's connections allow: 503, then
   * the same push applied */
  {
    g_autofree char *record_lock = NULL;
    g_autofree char *psql = g_build_filename (pg.bin, "psql", NULL);
    g_autoptr(GSubprocess) holder = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(Answer) refused = { 0, };
    g_auto(Answer) again = { 0, };
    g_autofree char *second_contact = g_uuid_string_random ();
    g_auto(Answer) created = { 0, };

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":4,\"op\":\"create\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Gotha\"}}}]",
                                second_contact);
    push (&owner, mutation, &created);
    g_assert_cmpstr (json_object_get_string_member (only_result (&created), "status"), ==,
                     "applied");

    g_free (kontor_test_postgres_query (&pg, "ALTER ROLE kontor SET lock_timeout = '300ms'"));
    impatient = kontor_test_server_start (&pg, NULL);
    owner.server = impatient;

    record_lock = g_strdup_printf ("BEGIN; SELECT 1 FROM record WHERE id = '%s' FOR UPDATE;"
                                   " SELECT pg_sleep (3); COMMIT;", second_contact);
    holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, psql, "-X", "-q",
                               "-d", pg.conninfo, "-c", record_lock, NULL);
    g_assert_no_error (error);
    g_usleep (500 * 1000);

    g_free (mutation);
    mutation = g_strdup_printf ("[{\"client_seq\":5,\"op\":\"update\",\"entity\":\"contact\","
                                "\"id\":\"%s\",\"fields\":{\"city\":{\"value\":\"Erfurt\","
                                "\"base_rev\":0}}}]", second_contact);
    push (&owner, mutation, &refused);
    assert_error (&refused, SOUP_STATUS_SERVICE_UNAVAILABLE, "database_unavailable");

    g_subprocess_wait (holder, NULL, NULL);
    g_free (kontor_test_postgres_query (&pg, "ALTER ROLE kontor RESET lock_timeout"));
    push (&owner, mutation, &again);
    g_assert_cmpstr (json_object_get_string_member (only_result (&again), "status"), !=,
                     "rejected");
    g_assert_cmpstr (json_object_get_string_member (only_result (&again), "status"), !=,
                     "duplicate");
    owner.server = server;
  }
}

/* ------------------------------------------------------------------------ */
/* Files (PROTOCOL.md "Blobs") */

/* @size bytes, the same for the same @seed */
static GBytes *
make_file (gsize  size,
           guint8 seed)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + seed);

  return g_bytes_new_take (data, size);
}

static char *
dup_account_id (const char *username)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM account WHERE username = '%s'",
                                          username);

  return kontor_test_postgres_query (&pg, sql);
}

/* An activity of @username's workspace that names the file @sha256, as
 * a push leaves it: its record, with the scope of its contact (@scope,
 * SQL: NULL for one everyone sees). The push and the rescoping that
 * write such rows are the sync tests' (tests/sync/test-sync.c
 * /sync/attachments); here the rows are made as they end up. */
static void
insert_activity (const char *username,
                 const char *id,
                 const char *sha256,
                 gsize       size,
                 const char *scope)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO record (workspace_id, entity, id, fields, rev, scope)"
    " SELECT workspace_id, 'activity', '%s', jsonb_build_object ('subject', 'Angebot',"
    " 'attachments', '[{\"sha256\":\"%s\",\"name\":\"Angebot.pdf\",\"size\":%" G_GSIZE_FORMAT ","
    "\"type\":\"application/pdf\"}]'), 1, %s FROM account WHERE username = '%s'",
    id, sha256, size, scope, username);

  g_free (kontor_test_postgres_query (&pg, sql));
}

static void
put_blob (KontorTestServer *server,
          const char       *token,
          const char       *sha256,
          GBytes           *data,
          Answer           *answer)
{
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha256, NULL);

  request_bytes (server, "PUT", path, token, "application/octet-stream", data, answer);
}

static void
get_blob (KontorTestServer *server,
          const char       *method,
          const char       *token,
          const char       *sha256,
          Answer           *answer)
{
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha256, NULL);

  request (server, method, path, token, NULL, answer);
}

static gint64
count_blobs (const char *sha256)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM blob WHERE sha256 = '%s'",
                                          sha256);

  return query_int (sql);
}

/* PUT and GET /v1/blobs/{sha256}: a file is taken only whole and under
 * its own hash, up to the server's limit, by a member who may write, and
 * once however often it comes; it is handed only to those who see a
 * living activity that names it, and to anyone else it does not exist */
static void
test_blobs (void)
{
  static const char * const small[] = { "--max-blob", "100000", NULL };
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GBytes) file = make_file (70000, 1);
  g_autoptr(GBytes) other_file = make_file (3000, 2);
  g_autoptr(GBytes) large = make_file (100001, 3);
  g_autoptr(GBytes) changed = NULL;
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file);
  g_autofree char *other_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, other_file);
  g_autofree char *large_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, large);
  g_autofree char *unknown_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "nie", -1);
  g_autofree char *bianca_id = NULL;
  g_autofree char *bianca = NULL;
  g_autofree char *bodo = NULL;
  g_autofree char *viola = NULL;
  g_autofree char *oskar = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *length = NULL;
  guint8 *bytes;
  gsize size;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, small);
  create_user ("bianca", "sales", "Sommer2026!");
  create_user ("bodo", "sales", "Sommer2026!");
  create_user ("viola", "viewer", "Sommer2026!");
  create_user ("oskar", "sales", "Sommer2026!");
  /* Oskar works for another workspace of the same database */
  g_free (kontor_test_postgres_query (&pg, "INSERT INTO workspace (id, name) VALUES"
                                           " ('6d1c3f0e-2b4a-4c8e-9f10-0a1b2c3d4e5f', 'Andere')"));
  g_free (kontor_test_postgres_query (&pg, "UPDATE account SET workspace_id ="
                                           " '6d1c3f0e-2b4a-4c8e-9f10-0a1b2c3d4e5f'"
                                           " WHERE username = 'oskar'"));
  {
    g_auto(Answer) a1 = { 0, };
    g_auto(Answer) a2 = { 0, };
    g_auto(Answer) a3 = { 0, };
    g_auto(Answer) a4 = { 0, };

    bianca = login (server, "bianca", "Sommer2026!", &a1);
    bodo = login (server, "bodo", "Sommer2026!", &a2);
    viola = login (server, "viola", "Sommer2026!", &a3);
    oskar = login (server, "oskar", "Sommer2026!", &a4);
    g_assert_nonnull (bianca);
    g_assert_nonnull (bodo);
    g_assert_nonnull (viola);
    g_assert_nonnull (oskar);
  }
  bianca_id = dup_account_id ("bianca");

  /* without a session, nothing */
  {
    g_auto(Answer) answer = { 0, };

    put_blob (server, NULL, hash, file, &answer);
    assert_error (&answer, SOUP_STATUS_UNAUTHORIZED, "unauthorized");
    answer_clear (&answer);
    put_blob (server, "not-a-token", hash, file, &answer);
    assert_error (&answer, SOUP_STATUS_UNAUTHORIZED, "unauthorized");
    answer_clear (&answer);
    get_blob (server, "GET", NULL, hash, &answer);
    assert_error (&answer, SOUP_STATUS_UNAUTHORIZED, "unauthorized");
  }

  /* a viewer writes nothing */
  {
    g_auto(Answer) answer = { 0, };

    put_blob (server, viola, hash, file, &answer);
    assert_error (&answer, SOUP_STATUS_FORBIDDEN, "forbidden");
    g_assert_cmpint (count_blobs (hash), ==, 0);
  }

  /* a file changed or cut off on the way is refused, and not kept */
  bytes = g_bytes_unref_to_data (g_bytes_new (g_bytes_get_data (file, NULL),
                                              g_bytes_get_size (file)), &size);
  bytes[size / 2] ^= 0x01;
  changed = g_bytes_new_take (bytes, size);
  {
    g_auto(Answer) answer = { 0, };
    g_autoptr(GBytes) cut = g_bytes_new_from_bytes (file, 0, g_bytes_get_size (file) - 1);

    put_blob (server, bianca, hash, changed, &answer);
    assert_error (&answer, SOUP_STATUS_BAD_REQUEST, "hash_mismatch");
    g_assert_nonnull (strstr (json_object_get_string_member (answer.json, "message"), "SHA-256"));
    answer_clear (&answer);
    put_blob (server, bianca, hash, cut, &answer);
    assert_error (&answer, SOUP_STATUS_BAD_REQUEST, "hash_mismatch");
    g_assert_cmpint (count_blobs (hash), ==, 0);
  }

  /* larger than --max-blob, though whole: refused before it is read */
  {
    g_auto(Answer) answer = { 0, };

    put_blob (server, bianca, large_hash, large, &answer);
    assert_error (&answer, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large");
    g_assert_nonnull (strstr (json_object_get_string_member (answer.json, "message"), "100"));
    g_assert_cmpint (count_blobs (large_hash), ==, 0);
  }

  /* in chunks, its length unknown until it is read: refused after */
  {
    g_autofree char *uri = g_strconcat (server->uri, "v1/blobs/", large_hash, NULL);
    g_autofree char *bearer = g_strconcat ("Bearer ", bianca, NULL);
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) msg = soup_message_new ("PUT", uri);
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (large);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GError) error = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    soup_message_set_request_body (msg, "application/octet-stream", stream, -1);
    body = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
    g_assert_cmpint (count_blobs (large_hash), ==, 0);
  }

  /* taken once, however often it comes and from whom */
  {
    g_auto(Answer) answer = { 0, };

    put_blob (server, bianca, hash, file, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_CREATED);
    g_assert_cmpstr (json_object_get_string_member (answer.json, "sha256"), ==, hash);
    g_assert_cmpint (json_object_get_int_member (answer.json, "size"), ==, 70000);
    g_assert_cmpint (count_blobs (hash), ==, 1);
    answer_clear (&answer);
    put_blob (server, bianca, hash, file, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    answer_clear (&answer);
    put_blob (server, bodo, hash, file, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    g_assert_cmpint (count_blobs (hash), ==, 1);
  }

  /* kept, but named by no activity yet: no one is handed it */
  {
    g_auto(Answer) answer = { 0, };

    get_blob (server, "GET", bianca, hash, &answer);
    assert_error (&answer, SOUP_STATUS_NOT_FOUND, "not_found");
  }

  /* an activity on a contact assigned to Bianca names it: hers, and not
   * Bodo's, who learns no more than of a file that is nowhere */
  scope = g_strdup_printf ("ARRAY['%s']", bianca_id);
  insert_activity ("bianca", "a5a5a5a5-0000-4000-8000-000000000001", hash, 70000, scope);
  {
    g_auto(Answer) answer = { 0, };
    g_auto(Answer) hidden = { 0, };
    g_auto(Answer) nowhere = { 0, };

    get_blob (server, "GET", bianca, hash, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    g_assert_true (g_bytes_equal (answer.bytes, file));
    g_assert_cmpstr (soup_message_headers_get_content_type (answer.headers, NULL), ==,
                     "application/octet-stream");
    etag = g_strdup_printf ("\"%s\"", hash);
    g_assert_cmpstr (soup_message_headers_get_one (answer.headers, "ETag"), ==, etag);

    get_blob (server, "GET", bodo, hash, &hidden);
    get_blob (server, "GET", bodo, unknown_hash, &nowhere);
    assert_error (&hidden, SOUP_STATUS_NOT_FOUND, "not_found");
    assert_error (&nowhere, SOUP_STATUS_NOT_FOUND, "not_found");
    g_assert_cmpstr (hidden.body, ==, nowhere.body);
  }

  /* HEAD: its size without its bytes; a GET of what the client has: 304 */
  {
    g_auto(Answer) answer = { 0, };
    g_autofree char *uri = g_strconcat (server->uri, "v1/blobs/", hash, NULL);
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
    g_autofree char *bearer = g_strconcat ("Bearer ", bianca, NULL);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GError) error = NULL;

    get_blob (server, "HEAD", bianca, hash, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    g_assert_cmpuint (g_bytes_get_size (answer.bytes), ==, 0);
    length = g_strdup_printf ("%" G_GOFFSET_FORMAT,
                              soup_message_headers_get_content_length (answer.headers));
    g_assert_cmpstr (length, ==, "70000");
    answer_clear (&answer);
    get_blob (server, "HEAD", bodo, hash, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_NOT_FOUND);

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", etag);
    body = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_NOT_MODIFIED);
    g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
  }

  /* another workspace neither sees the file nor shares it: its upload
   * of the same bytes is its own */
  {
    g_auto(Answer) answer = { 0, };

    get_blob (server, "GET", oskar, hash, &answer);
    assert_error (&answer, SOUP_STATUS_NOT_FOUND, "not_found");
    answer_clear (&answer);
    put_blob (server, oskar, hash, file, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_CREATED);
    g_assert_cmpint (count_blobs (hash), ==, 2);
    answer_clear (&answer);
    get_blob (server, "GET", oskar, hash, &answer);
    assert_error (&answer, SOUP_STATUS_NOT_FOUND, "not_found");
    /* the other tests know one workspace */
    g_free (kontor_test_postgres_query (&pg, "UPDATE account SET workspace_id = (SELECT"
                                             " workspace_id FROM account WHERE username = 'bianca')"
                                             " WHERE username = 'oskar'"));
    g_free (kontor_test_postgres_query (&pg, "DELETE FROM blob WHERE workspace_id ="
                                             " '6d1c3f0e-2b4a-4c8e-9f10-0a1b2c3d4e5f'"));
    g_free (kontor_test_postgres_query (&pg, "DELETE FROM workspace WHERE id ="
                                             " '6d1c3f0e-2b4a-4c8e-9f10-0a1b2c3d4e5f'"));
    g_assert_cmpint (query_int ("SELECT count(*) FROM workspace"), ==, 1);
  }

  /* an activity on a company is everyone's, its files too; once it is
   * deleted, they are no one's */
  {
    g_auto(Answer) answer = { 0, };

    put_blob (server, bodo, other_hash, other_file, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_CREATED);
    insert_activity ("bodo", "a5a5a5a5-0000-4000-8000-000000000002", other_hash, 3000, "NULL");
    answer_clear (&answer);
    get_blob (server, "GET", bianca, other_hash, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    g_assert_true (g_bytes_equal (answer.bytes, other_file));
    answer_clear (&answer);
    get_blob (server, "GET", viola, other_hash, &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    g_free (kontor_test_postgres_query (&pg, "UPDATE record SET deleted = true WHERE id ="
                                             " 'a5a5a5a5-0000-4000-8000-000000000002'"));
    answer_clear (&answer);
    get_blob (server, "GET", bianca, other_hash, &answer);
    assert_error (&answer, SOUP_STATUS_NOT_FOUND, "not_found");
  }

  /* no such route: a name that is no hash, a method that is not taken */
  {
    g_auto(Answer) answer = { 0, };
    g_autofree char *upper = g_ascii_strup (hash, -1);

    get_blob (server, "GET", bianca, upper, &answer);
    assert_error (&answer, SOUP_STATUS_NOT_FOUND, "not_found");
    answer_clear (&answer);
    get_blob (server, "DELETE", bianca, hash, &answer);
    assert_error (&answer, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed");
  }

  /* among many activities, those that name a file are found through
   * their index (its expression and predicate are the query's), not by
   * reading each one's files */
  g_free (kontor_test_postgres_query (&pg, "INSERT INTO record (workspace_id, entity, id, fields,"
                                           " rev) SELECT (SELECT id FROM workspace), 'activity',"
                                           " 'bulk-' || n, jsonb_build_object ('attachments',"
                                           " '[{\"sha256\":\"' || md5 (n::text) || md5 ((n + 1)::text)"
                                           " || '\"}]'), 1 FROM generate_series (1, 5000) AS n;"
                                           " ANALYZE record"));
  plan = kontor_test_postgres_query (&pg, "EXPLAIN SELECT 1 FROM record r"
                                          " WHERE r.workspace_id = (SELECT id FROM workspace)"
                                          " AND r.entity = 'activity' AND NOT r.deleted"
                                          " AND kontor_attachment_hashes (r.fields->>'attachments')"
                                          " @> ARRAY['x']");
  g_assert_nonnull (strstr (plan, "record_attachment"));
  g_free (kontor_test_postgres_query (&pg, "DELETE FROM record WHERE id LIKE 'bulk-%'"));

  /* behind nginx, a file above the 8 MiB of the JSON requests reaches
   * the server (data/server/nginx-kontor.conf lets files through up to
   * the server's --max-blob) */
  {
    g_autoptr(KontorTestServer) plain = kontor_test_server_start (&pg, NULL);
    g_autoptr(KontorTestServer) front = kontor_test_nginx_start ((KontorTestServer *[]) { plain },
                                                                 1);
    g_autoptr(GBytes) nine = make_file (9 * 1024 * 1024, 4);
    g_autofree char *nine_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, nine);
    g_auto(Answer) answer = { 0, };

    if (front != NULL)
      {
        put_blob (front, bianca, nine_hash, nine, &answer);
        g_assert_cmpuint (answer.status, ==, SOUP_STATUS_CREATED);
        g_assert_cmpint (count_blobs (nine_hash), ==, 1);
      }
  }

  /* a text that is no list of files names none, and stops no read */
  g_assert_cmpint (query_int ("SELECT cardinality (kontor_attachment_hashes ('[nope'))"), ==, 0);
  g_assert_cmpint (query_int ("SELECT cardinality (kontor_attachment_hashes ('[1, {\"sha256\": \"a\"}]'))"),
                   ==, 1);
}

#define MK "0190b000-0000-7000-8000-00000000000b"   /* kept */
#define MR "0190b000-0000-7000-8000-00000000000a"   /* removed */
#define MU "0190b000-0000-7000-8000-0000000000cc"   /* a sales rep */

/* The text of one value in the server's database */
static char *
query_text (const char *sql)
{
  return kontor_test_postgres_query (&pg, sql);
}

static const char *
result_status (Answer *answer)
{
  return json_object_get_string_member (only_result (answer), "status");
}

/* A contact's delete with merged_into (feature X1): refused when the kept
 * contact is missing or out of the account's sight; taken, it moves every
 * living row of the removed contact to the kept one as changes of their
 * own, before the delete (its activities, participants, group memberships
 * without a second one in the same group, the e-mail addresses and phone
 * numbers the kept one lacks), and a row pushed later naming the removed
 * contact is moved too */
static void
test_merged_delete (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_auto(Client) a = { 0, };
  g_autofree char *text = NULL;
  gint64 delete_seq;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("malte", "sales", "Sommer2026!");
  client_login (&a, server, "malte");

  {
    g_auto(Answer) answer = { 0, };
    g_autofree char *sql = NULL;

    push (&a, "["
          "{\"client_seq\":1,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"" MK "\","
          "\"fields\":{\"last_name\":{\"value\":\"Schulze\"}}},"
          "{\"client_seq\":2,\"op\":\"create\",\"entity\":\"contact\",\"id\":\"" MR "\","
          "\"fields\":{\"last_name\":{\"value\":\"Schultze\"}}},"
          "{\"client_seq\":3,\"op\":\"create\",\"entity\":\"activity\",\"id\":\"mg-a1\","
          "\"fields\":{\"contact_id\":{\"value\":\"" MR "\"},\"subject\":{\"value\":\"Anruf\"}}},"
          "{\"client_seq\":4,\"op\":\"create\",\"entity\":\"activity\",\"id\":\"mg-a2\","
          "\"fields\":{\"contact_id\":{\"value\":\"" MK "\"},\"subject\":{\"value\":\"Termin\"},"
          "\"participant_contacts\":{\"value\":\"[\\\"" MR "\\\"]\"}}},"
          "{\"client_seq\":5,\"op\":\"create\",\"entity\":\"contact_group\",\"id\":\"mg-g1\","
          "\"fields\":{\"name\":{\"value\":\"Messe\"}}},"
          "{\"client_seq\":6,\"op\":\"create\",\"entity\":\"contact_group_member\",\"id\":\"mg-m1\","
          "\"fields\":{\"group_id\":{\"value\":\"mg-g1\"},\"contact_id\":{\"value\":\"" MR "\"}}},"
          "{\"client_seq\":7,\"op\":\"create\",\"entity\":\"contact_group_member\",\"id\":\"mg-m2\","
          "\"fields\":{\"group_id\":{\"value\":\"mg-g1\"},\"contact_id\":{\"value\":\"" MK "\"}}},"
          "{\"client_seq\":8,\"op\":\"create\",\"entity\":\"contact_channel\",\"id\":\"mg-c1\","
          "\"fields\":{\"owner_id\":{\"value\":\"" MR "\"},\"kind\":{\"value\":\"phones\"},"
          "\"value\":{\"value\":\"+49 30 1234\"},\"position\":{\"value\":0}}},"
          "{\"client_seq\":9,\"op\":\"create\",\"entity\":\"contact_channel\",\"id\":\"mg-c2\","
          "\"fields\":{\"owner_id\":{\"value\":\"" MR "\"},\"kind\":{\"value\":\"emails\"},"
          "\"value\":{\"value\":\"M.Schulze@example.org\"},\"position\":{\"value\":0}}},"
          "{\"client_seq\":10,\"op\":\"create\",\"entity\":\"contact_channel\",\"id\":\"mg-c3\","
          "\"fields\":{\"owner_id\":{\"value\":\"" MK "\"},\"kind\":{\"value\":\"emails\"},"
          "\"value\":{\"value\":\"m.schulze@example.org\"},\"position\":{\"value\":0}}},"
          "{\"client_seq\":11,\"op\":\"create\",\"entity\":\"contact_link\","
          "\"id\":\"" MR ":sales_reps:" MU "\","
          "\"fields\":{\"owner_id\":{\"value\":\"" MR "\"},\"kind\":{\"value\":\"sales_reps\"},"
          "\"target_id\":{\"value\":\"" MU "\"},\"position\":{\"value\":0}}}"
          "]", &answer);
    g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
    sql = g_strdup_printf ("SELECT count(*) FROM applied_mutation"
                           " WHERE result->>'status' = 'applied'"
                           " AND client_id = '%s'", a.client_id);
    g_assert_cmpint (query_int (sql), ==, 11);
  }

  /* a kept contact the server does not have */
  {
    g_auto(Answer) answer = { 0, };

    push (&a, "[{\"client_seq\":12,\"op\":\"delete\",\"entity\":\"contact\",\"id\":\"" MR "\","
              "\"base_rev\":1000,\"merged_into\":\"0190b000-0000-7000-8000-0000000000ff\"}]",
          &answer);
    g_assert_cmpstr (result_status (&answer), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "reason"), ==,
                     "merged_into_gone");
  }

  /* a kept contact of a team the account is not in: it may not write it */
  g_free (query_text ("UPDATE record SET scope = ARRAY['0190b000-0000-7000-8000-0000000000ee']"
                      " WHERE id = '" MK "'"));
  {
    g_auto(Answer) answer = { 0, };

    push (&a, "[{\"client_seq\":13,\"op\":\"delete\",\"entity\":\"contact\",\"id\":\"" MR "\","
              "\"base_rev\":1000,\"merged_into\":\"" MK "\"}]", &answer);
    g_assert_cmpstr (result_status (&answer), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "reason"), ==,
                     "forbidden");
  }
  g_free (query_text ("UPDATE record SET scope = NULL WHERE id = '" MK "'"));
  g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE id = '" MR "' AND deleted"),
                   ==, 0);

  /* taken: everything of the removed contact moves first */
  {
    g_auto(Answer) answer = { 0, };

    push (&a, "[{\"client_seq\":14,\"op\":\"delete\",\"entity\":\"contact\",\"id\":\"" MR "\","
              "\"base_rev\":1000,\"merged_into\":\"" MK "\"}]", &answer);
    g_assert_cmpstr (result_status (&answer), ==, "applied");
    delete_seq = json_object_get_int_member (only_result (&answer), "rev");
  }
  text = query_text ("SELECT merged_into FROM record WHERE id = '" MR "' AND deleted");
  g_assert_cmpstr (text, ==, MK);
  g_clear_pointer (&text, g_free);
  text = query_text ("SELECT fields->>'contact_id' FROM record WHERE id = 'mg-a1'");
  g_assert_cmpstr (text, ==, MK);
  g_clear_pointer (&text, g_free);
  /* the kept contact takes part in its own meeting no more */
  text = query_text ("SELECT fields->>'participant_contacts' FROM record WHERE id = 'mg-a2'");
  g_assert_cmpstr (text, ==, "[]");
  g_clear_pointer (&text, g_free);
  /* in the group once */
  g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE id = 'mg-m1' AND deleted"), ==, 1);
  g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE id = 'mg-m2' AND NOT deleted"),
                   ==, 1);
  /* the phone number comes over, the e-mail address it had already does not */
  g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE entity = 'contact_channel'"
                              " AND NOT deleted AND fields->>'owner_id' = '" MK "'"
                              " AND fields->>'value' = '+49 30 1234'"), ==, 1);
  g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE entity = 'contact_channel'"
                              " AND NOT deleted AND fields->>'owner_id' = '" MK "'"
                              " AND fields->>'kind' = 'emails'"), ==, 1);
  /* the sales rep too, a link known by what it links */
  g_assert_cmpint (query_int ("SELECT count(*) FROM record WHERE entity = 'contact_link'"
                              " AND NOT deleted AND id = '" MK ":sales_reps:" MU "'"
                              " AND fields->>'owner_id' = '" MK "'"), ==, 1);
  /* as changes before the delete, whole, the delete naming the kept one */
  g_assert_cmpint (query_int ("SELECT count(*) FROM change_log WHERE entity_id = 'mg-a1'"
                              " AND op = 'upsert' AND fields->'subject'->>'value' = 'Anruf'"
                              " AND fields->'contact_id'->>'value' = '" MK "'"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE seq < %"
                                            G_GINT64_FORMAT " AND client_seq = 14"
                                            " AND entity IN ('activity', 'contact_channel',"
                                            " 'contact_group_member', 'contact_link')",
                                            delete_seq);

    g_assert_cmpint (query_int (sql), ==, 5);
  }
  text = query_text ("SELECT fields->'merged_into'->>'value' FROM change_log"
                     " WHERE entity_id = '" MR "' AND op = 'delete'");
  g_assert_cmpstr (text, ==, MK);
  g_clear_pointer (&text, g_free);

  /* a call recorded offline on the removed contact, pushed afterwards */
  {
    g_auto(Answer) answer = { 0, };

    push (&a, "[{\"client_seq\":15,\"op\":\"create\",\"entity\":\"activity\",\"id\":\"mg-a3\","
              "\"fields\":{\"contact_id\":{\"value\":\"" MR "\"},"
              "\"subject\":{\"value\":\"Spät\"}}}]", &answer);
    g_assert_cmpstr (result_status (&answer), ==, "applied");
  }
  text = query_text ("SELECT fields->>'contact_id' FROM record WHERE id = 'mg-a3'");
  g_assert_cmpstr (text, ==, MK);
  g_clear_pointer (&text, g_free);

  /* merged again elsewhere: the first merge stands, and the answer says so */
  {
    g_auto(Answer) answer = { 0, };
    g_auto(Answer) other = { 0, };

    push (&a, "[{\"client_seq\":16,\"op\":\"create\",\"entity\":\"contact\","
              "\"id\":\"0190b000-0000-7000-8000-00000000000c\","
              "\"fields\":{\"last_name\":{\"value\":\"Schulz\"}}}]", &other);
    push (&a, "[{\"client_seq\":17,\"op\":\"delete\",\"entity\":\"contact\",\"id\":\"" MR "\","
              "\"base_rev\":1000,\"merged_into\":\"0190b000-0000-7000-8000-00000000000c\"}]",
          &answer);
    g_assert_cmpstr (result_status (&answer), ==, "applied");
    g_assert_cmpstr (json_object_get_string_member (only_result (&answer), "merged_into"), ==,
                     MK);
  }

  /* an edit of the merged contact: its conflict says where it went */
  {
    g_auto(Answer) answer = { 0, };
    JsonObject *conflict;

    push (&a, "[{\"client_seq\":18,\"op\":\"update\",\"entity\":\"contact\",\"id\":\"" MR "\","
              "\"fields\":{\"city\":{\"value\":\"Halle\",\"base_rev\":1}}}]", &answer);
    g_assert_cmpstr (result_status (&answer), ==, "conflict");
    conflict = json_array_get_object_element (
      json_object_get_array_member (only_result (&answer), "conflicts"), 0);
    g_assert_cmpstr (json_object_get_string_member (conflict, "kind"), ==, "edit_vs_delete");
    g_assert_cmpstr (json_object_get_string_member (conflict, "merged_into"), ==, MK);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/version-health", test_version_health);
  g_test_add_func ("/server/login", test_login);
  g_test_add_func ("/server/login-limit", test_login_limit);
  g_test_add_func ("/server/bad-requests", test_bad_requests);
  g_test_add_func ("/server/protocol", test_protocol);
  g_test_add_func ("/server/admin", test_admin);
  g_test_add_func ("/server/schema-newer", test_schema_newer);
  g_test_add_func ("/server/postgres-restart", test_postgres_restart);
  g_test_add_func ("/server/push-merge", test_push_merge);
  g_test_add_func ("/server/push-delete", test_push_delete);
  g_test_add_func ("/server/push-refused", test_push_refused);
  g_test_add_func ("/server/push-twice-at-once", test_push_twice_at_once);
  g_test_add_func ("/server/resolve", test_resolve);
  g_test_add_func ("/server/crash", test_crash);
  g_test_add_func ("/server/review-fixes", test_review_fixes);
  g_test_add_func ("/server/conflict-refused", test_conflict_refused);
  g_test_add_func ("/server/events", test_events);
  g_test_add_func ("/server/nginx", test_nginx);
  /* last: it compacts the change log the others count */
  g_test_add_func ("/server/snapshot", test_snapshot);
  g_test_add_func ("/server/blobs", test_blobs);
  g_test_add_func ("/server/merged-delete", test_merged_delete);

  if (!kontor_test_postgres_start (&pg))
    g_clear_pointer (&pg.dir, g_free);
  status = g_test_run ();
  kontor_test_postgres_clear (&pg);

  return status;
}
