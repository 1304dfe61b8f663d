/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The team sync in the background (src/sync/kontor-sync-service.c)
 * against real kontor-server processes on a PostgreSQL the test starts
 * (tests/server/kontor-server-harness.c), with a Secret Service of the
 * test's own (gnome-keyring on a private session bus) or, in a process of
 * its own, without one. The window's side is the main loop here: the
 * service posts to it, and the test waits on it. */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "kontor-activity.h"
#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-server-harness.h"
#include "kontor-store-blobs.h"
#include "kontor-store-sync.h"
#include "kontor-store.h"
#include "kontor-sync-engine.h"
#include "kontor-sync-keyring.h"
#include "kontor-sync-service.h"
#include "kontor-test-utils.h"
#include "kontor-user.h"

#define PASSWORD "Herbst-2026!"

/* Long enough for a cycle on a busy machine, short of the test's timeout */
#define WAIT_S 30

static KontorTestPostgres pg;
static KontorTestSession *session;

static void
create_user (const char *username,
             const char *role)
{
  g_autofree char *output = NULL;

  g_assert_cmpint (kontor_test_server_admin (&pg, PASSWORD "\n", &output, "create-user", username,
                                             "--role", role, "--name", username, NULL), ==, 0);
}

static gboolean
is_synchronised (gpointer data)
{
  return kontor_sync_service_get_state (data) == KONTOR_SYNC_STATE_SYNCHRONISED;
}

static gboolean
is_signed_out (gpointer data)
{
  return kontor_sync_service_get_state (data) == KONTOR_SYNC_STATE_SIGNED_OUT;
}

static gboolean
is_offline (gpointer data)
{
  return kontor_sync_service_get_state (data) == KONTOR_SYNC_STATE_OFFLINE;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static gboolean
is_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Wait *wait = data;

  wait->ok = kontor_sync_service_sign_in_finish (KONTOR_SYNC_SERVICE (source), result,
                                                 &wait->error);
  wait->done = TRUE;
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Wait *wait = data;

  wait->ok = kontor_sync_service_sign_out_finish (KONTOR_SYNC_SERVICE (source), result,
                                                  &wait->error);
  wait->done = TRUE;
}

/* Signs in and waits for the first cycle's end */
static void
sign_in (KontorSyncService *service,
         const char        *uri,
         const char        *username)
{
  Wait wait = { FALSE, };

  kontor_sync_service_sign_in_async (service, uri, username, PASSWORD, NULL, signed_in_cb, &wait);
  g_assert_true (kontor_test_iterate_until (is_done, &wait, WAIT_S));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_true (kontor_test_iterate_until (is_synchronised, service, WAIT_S));
}

static void
sign_out (KontorSyncService *service)
{
  Wait wait = { FALSE, };

  kontor_sync_service_sign_out_async (service, NULL, signed_out_cb, &wait);
  g_assert_true (kontor_test_iterate_until (is_done, &wait, WAIT_S));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
}

/* Another machine of the team: a store and an engine, synced by hand */
typedef struct
{
  KontorStore      *store;
  KontorSyncEngine *engine;
  char             *path;
} Machine;

static Machine *
machine_new (const char *uri,
             const char *username)
{
  Machine *machine = g_new0 (Machine, 1);
  g_autoptr(GError) error = NULL;

  machine->store = kontor_test_open_store (&machine->path);
  machine->engine = kontor_sync_engine_new (machine->store, uri);
  kontor_sync_engine_login (machine->engine, username, PASSWORD, "Test", NULL, &error);
  g_assert_no_error (error);

  return machine;
}

static void
machine_free (Machine *machine)
{
  g_clear_object (&machine->engine);
  kontor_test_close_store (&machine->store, machine->path);
  g_free (machine->path);
  g_free (machine);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Machine, machine_free)

static void
machine_sync (Machine *machine)
{
  g_autoptr(GError) error = NULL;

  kontor_sync_engine_sync (machine->engine, NULL, &error);
  g_assert_no_error (error);
}

static KontorContact *
new_contact (const char *first,
             const char *last)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);

  return contact;
}

typedef struct
{
  KontorStore *store;
  const char  *id;
} Lookup;

static gboolean
has_contact (gpointer data)
{
  Lookup *lookup = data;
  g_autoptr(KontorContact) contact = kontor_store_load (lookup->store, KONTOR_TYPE_CONTACT,
                                                        lookup->id, NULL);

  return contact != NULL;
}

/* Whether a cycle ended since the count kept as "cycles" */
static gboolean
cycled (gpointer data)
{
  return kontor_sync_service_get_cycles (data) >
         GPOINTER_TO_UINT (g_object_get_data (data, "cycles"));
}

static gboolean
outbox_empty (gpointer data)
{
  return kontor_store_count_outbox (data, NULL) == 0;
}

/* ------------------------------------------------------------------------ */

static void
test_server_uri (void)
{
  struct {
    const char *text;
    const char *uri;   /* NULL: refused */
  } cases[] = {
    { "kontor.example.com", "https://kontor.example.com/" },
    { "  https://kontor.example.com  ", "https://kontor.example.com/" },
    { "https://kontor.example.com:8443/team", "https://kontor.example.com:8443/team/" },
    { "https://kontor.example.com/team/", "https://kontor.example.com/team/" },
    { "http://localhost:8081", "http://localhost:8081/" },
    { "http://127.0.0.1:8081/", "http://127.0.0.1:8081/" },
    { "http://[::1]:8081/", "http://[::1]:8081/" },
    { "http://kontor.example.com", NULL },
    { "http://192.168.1.10:8081", NULL },
    { "http://127.evil.example:8081", NULL },
    { "http://127.0.0.1.evil.example/", NULL },
    { "ftp://kontor.example.com", NULL },
    { "https://anna@kontor.example.com", NULL },
    { "https://kontor.example.com/?token=1", NULL },
    { "https://kontor.example.com/#x", NULL },
    { "", NULL },
    { "   ", NULL },
    { "https://", NULL },
    { "https://kontor example.com", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = kontor_sync_parse_server_uri (cases[i].text, &error);

      g_test_message ("'%s'", cases[i].text);
      g_assert_cmpstr (uri, ==, cases[i].uri);
      if (cases[i].uri == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
          g_assert_cmpstr (error->message, !=, "");
        }
      else
        g_assert_no_error (error);
    }
}

/* Signed in once, the service syncs on its own: a local change goes out
 * within a cycle, a colleague's change comes on the server's poke, and
 * the next start takes the session from the keyring without a password */
static void
test_background (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(Machine) colleague = NULL;
  g_autoptr(KontorContact) mine = new_contact ("Anton", "Albers");
  g_autoptr(KontorContact) theirs = new_contact ("Bea", "Brandt");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *username = NULL;
  KontorStore *store;
  Lookup lookup;
  guint cycles;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("anton", "sales");
  create_user ("bea", "sales");

  store = kontor_test_open_store (&path);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  g_assert_cmpint (kontor_sync_service_get_state (service), ==, KONTOR_SYNC_STATE_OFF);

  sign_in (service, server->uri, "anton");
  g_assert_cmpstr (kontor_sync_service_get_username (service), ==, "anton");
  g_assert_cmpstr (kontor_sync_service_get_display_name (service), ==, "anton");
  g_assert_true (g_strv_contains (kontor_sync_service_get_roles (service), "sales"));
  g_assert_true (kontor_sync_service_get_keyring (service));
  g_assert_null (kontor_sync_service_get_message (service));
  g_assert_cmpint (kontor_sync_service_get_last_sync (service), >, 0);

  /* the account is in the database, the token in the keyring only */
  g_assert_true (kontor_store_sync_get_account (store, &server_uri, &username, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (server_uri, ==, server->uri);
  g_assert_cmpstr (username, ==, "anton");
  token = kontor_sync_keyring_lookup (server->uri, "anton", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 32);

  /* a local change goes out by itself */
  kontor_test_save (store, mine);
  g_assert_cmpint (kontor_sync_service_get_pending (service), >, 0);
  g_assert_true (kontor_test_iterate_until (outbox_empty, store, WAIT_S));
  g_assert_true (kontor_test_iterate_until (is_synchronised, service, WAIT_S));
  g_assert_cmpint (kontor_sync_service_get_pending (service), ==, 0);
  colleague = machine_new (server->uri, "bea");
  machine_sync (colleague);
  g_assert_nonnull (kontor_store_load (colleague->store, KONTOR_TYPE_CONTACT,
                                       kontor_record_get_id (KONTOR_RECORD (mine)), NULL));

  /* a colleague's change comes on the poke, well before the 60 s round */
  kontor_test_save (colleague->store, theirs);
  cycles = kontor_sync_service_get_cycles (service);
  machine_sync (colleague);
  lookup.store = store;
  lookup.id = kontor_record_get_id (KONTOR_RECORD (theirs));
  g_assert_true (kontor_test_iterate_until (has_contact, &lookup, 10));
  /* the worker commits before the window hears of the cycle */
  g_object_set_data (G_OBJECT (service), "cycles", GUINT_TO_POINTER (cycles));
  g_assert_true (kontor_test_iterate_until (cycled, service, 10));

  /* the next start: no password */
  g_clear_object (&service);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  g_assert_true (kontor_test_iterate_until (is_synchronised, service, WAIT_S));
  g_assert_cmpstr (kontor_sync_service_get_username (service), ==, "anton");

  /* signing out ends the session on the server and forgets the token */
  sign_out (service);
  g_assert_cmpint (kontor_sync_service_get_state (service), ==, KONTOR_SYNC_STATE_SIGNED_OUT);
  g_clear_pointer (&token, g_free);
  token = kontor_sync_keyring_lookup (server->uri, "anton", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  g_clear_pointer (&username, g_free);
  g_assert_true (kontor_store_sync_get_account (store, NULL, &username, &error));
  g_assert_null (username);

  /* the next start asks for the password */
  g_clear_object (&service);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  g_assert_cmpint (kontor_sync_service_get_state (service), ==, KONTOR_SYNC_STATE_SIGNED_OUT);

  g_clear_object (&service);
  kontor_test_close_store (&store, path);
}

/* The server's answer to a token that was signed out */
static void
test_sign_out_revokes (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(KontorSyncEngine) stolen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) me = NULL;
  KontorStore *store;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("carla", "sales");

  store = kontor_test_open_store (&path);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  sign_in (service, server->uri, "carla");
  token = kontor_sync_keyring_lookup (server->uri, "carla", NULL, &error);
  g_assert_no_error (error);

  /* the token works, as long as the session lasts */
  stolen = kontor_sync_engine_new (store, server->uri);
  kontor_sync_engine_set_token (stolen, token);
  me = kontor_sync_engine_fetch_me (stolen, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (me);
  g_clear_pointer (&me, json_object_unref);

  sign_out (service);
  me = kontor_sync_engine_fetch_me (stolen, NULL, &error);
  g_assert_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED);
  g_assert_null (me);

  g_clear_object (&stolen);
  g_clear_object (&service);
  kontor_test_close_store (&store, path);
}

/* Signed in, the installation works as the account, with the role the
 * server gives it: a viewer's store refuses edits, as its UI does */
static void
test_account_is_current_user (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Veit", "Vogel");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  KontorStore *store;
  KontorUser *user;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("vera", "viewer");

  store = kontor_test_open_store (&path);
  user = kontor_store_get_current_user (store);
  g_assert_cmpint (kontor_user_get_role (user), ==, KONTOR_USER_ROLE_ADMIN);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  sign_in (service, server->uri, "vera");

  user = kontor_store_get_current_user (store);
  g_assert_cmpstr (kontor_user_get_username (user), ==, "vera");
  g_assert_cmpint (kontor_user_get_role (user), ==, KONTOR_USER_ROLE_VIEWER);
  g_assert_true (kontor_store_get_identity_chosen (store));
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);

  g_clear_object (&service);
  kontor_test_close_store (&store, path);
}

/* Lets the worker do whatever it would do now (a second for the network) */
static void
settle_worker (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
}

/* Fails to sign in, with the error */
static GError *
sign_in_error (KontorSyncService *service,
               const char        *uri,
               const char        *username)
{
  Wait wait = { FALSE, };

  kontor_sync_service_sign_in_async (service, uri, username, PASSWORD, NULL, signed_in_cb, &wait);
  g_assert_true (kontor_test_iterate_until (is_done, &wait, WAIT_S));
  g_assert_false (wait.ok);
  g_assert_nonnull (wait.error);

  return wait.error;
}

static char *
dup_pem (GTlsCertificate *certificate)
{
  char *pem = NULL;

  g_object_get (certificate, "certificate-pem", &pem, NULL);

  return pem;
}

static gboolean
is_error (gpointer data)
{
  return kontor_sync_service_get_state (data) == KONTOR_SYNC_STATE_ERROR;
}

/* TLS through the harness's nginx and its own CA (feature S6): refused by
 * default, with the certificate kept for the user to see; accepted after
 * trusting the CA, or the certificate itself, which the database keeps
 * for the next start; and refused, with a warning, once the server shows
 * another certificate */
static void
test_certificates (void)
{
  g_autoptr(KontorTestServer) instance = NULL;
  g_autoptr(KontorTestServer) front = NULL;
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ca_pem = NULL;
  g_autofree char *pinned_pem = NULL;
  g_autofree char *trust = NULL;
  g_autofree char *kept_pem = NULL;
  GTlsCertificate *refused;
  KontorStore *store;

  if (pg.dir == NULL)
    return;
  instance = kontor_test_server_start (&pg, NULL);
  front = kontor_test_nginx_start (&instance, 1);
  if (front == NULL)
    return;
  create_user ("hilde", "sales");
  store = kontor_test_open_store (&path);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);

  /* by default: not trusted, nothing kept, the certificate to be seen */
  error = sign_in_error (service, front->uri, "hilde");
  g_assert_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNTRUSTED);
  g_clear_error (&error);
  refused = kontor_sync_service_get_refused_certificate (service);
  g_assert_nonnull (refused);
  g_assert_cmpstr (g_tls_certificate_get_issuer_name (refused), ==, "CN=Kontor Test CA");
  {
    g_autofree char *fingerprint = kontor_sync_dup_fingerprint (refused);
    g_autofree char *command = g_strdup_printf ("openssl x509 -noout -fingerprint -sha256 -in %s/server.pem",
                                                front->dir);
    g_autofree char *openssl = NULL;

    g_assert_true (g_spawn_command_line_sync (command, &openssl, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (strchr (g_strstrip (openssl), '=') + 1, ==, fingerprint);
  }
  g_assert_cmpint (kontor_sync_service_get_state (service), ==, KONTOR_SYNC_STATE_OFF);

  /* the team's CA, chosen as a file: accepted */
  g_assert_true (g_file_get_contents (front->ca_file, &ca_pem, NULL, &error));
  g_assert_no_error (error);
  kontor_sync_service_set_trust (service, front->uri, KONTOR_SYNC_TRUST_CA, ca_pem);
  sign_in (service, front->uri, "hilde");
  g_assert_null (kontor_sync_service_get_refused_certificate (service));
  g_assert_true (kontor_store_sync_get_trust (store, &trust, &kept_pem, &error));
  g_assert_cmpstr (trust, ==, "ca");
  g_assert_cmpstr (kept_pem, ==, ca_pem);
  sign_out (service);

  /* or the certificate itself, pinned */
  kontor_sync_service_set_trust (service, front->uri, KONTOR_SYNC_TRUST_SYSTEM, NULL);
  error = sign_in_error (service, front->uri, "hilde");
  g_assert_error (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNTRUSTED);
  g_clear_error (&error);
  pinned_pem = dup_pem (kontor_sync_service_get_refused_certificate (service));
  kontor_sync_service_set_trust (service, front->uri, KONTOR_SYNC_TRUST_CERTIFICATE, pinned_pem);
  sign_in (service, front->uri, "hilde");

  /* kept for the next start */
  g_clear_object (&service);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  g_assert_true (kontor_test_iterate_until (is_synchronised, service, WAIT_S));

  /* the server shows another certificate: refused, said, nothing sent */
  kontor_test_nginx_new_certificate (front);
  kontor_sync_service_sync_now (service);
  g_assert_true (kontor_test_iterate_until (is_error, service, WAIT_S));
  g_assert_nonnull (strstr (kontor_sync_service_get_message (service), "another certificate"));

  /* a CA trusted before does not vouch for a new CA's certificate either */
  g_clear_object (&service);
  g_assert_true (kontor_store_sync_set_trust (store, "ca", ca_pem, &error));
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  g_assert_true (kontor_test_iterate_until (is_error, service, WAIT_S));
  g_assert_nonnull (strstr (kontor_sync_service_get_message (service), "not signed"));

  g_clear_object (&service);
  kontor_test_close_store (&store, path);
}

/* A database that pulled from one server is that team's: signing in to
 * another (here the same server under another name) is refused before
 * anything is sent there, and the changes waiting stay */
static void
test_other_team_refused (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Ines", "Iske");
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other_uri = NULL;
  KontorStore *store;
  gint64 waiting;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("ilse", "sales");
  uri = g_uri_parse (server->uri, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  other_uri = g_strdup_printf ("http://localhost:%d/", g_uri_get_port (uri));

  store = kontor_test_open_store (&path);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  sign_in (service, server->uri, "ilse");
  sign_out (service);
  kontor_test_save (store, contact);
  waiting = kontor_store_count_outbox (store, NULL);
  g_assert_cmpint (waiting, >, 0);

  error = sign_in_error (service, other_uri, "ilse");
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FAILED);
  g_clear_error (&error);
  settle_worker ();
  g_assert_cmpint (kontor_store_count_outbox (store, NULL), ==, waiting);
  /* and the server has nothing of it */
  {
    g_autoptr(Machine) other = machine_new (server->uri, "ilse");
    g_autoptr(KontorContact) there = NULL;

    machine_sync (other);
    there = kontor_store_load (other->store, KONTOR_TYPE_CONTACT,
                               kontor_record_get_id (KONTOR_RECORD (contact)), NULL);
    g_assert_null (there);
  }

  g_clear_object (&service);
  kontor_test_close_store (&store, path);
}

/* Refused sign-ins say why and keep nothing */
static void
test_sign_in_refused (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *token = NULL;
  KontorStore *store;
  Wait wait = { FALSE, };

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("dieter", "sales");

  store = kontor_test_open_store (&path);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  kontor_sync_service_sign_in_async (service, server->uri, "dieter", "falsch", NULL,
                                     signed_in_cb, &wait);
  g_assert_true (kontor_test_iterate_until (is_done, &wait, WAIT_S));
  g_assert_false (wait.ok);
  g_assert_error (wait.error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (wait.error->message, ==, "The user name or the password is not right.");
  g_clear_error (&wait.error);
  g_assert_cmpint (kontor_sync_service_get_state (service), ==, KONTOR_SYNC_STATE_OFF);
  g_assert_true (kontor_store_sync_get_account (store, &server_uri, NULL, &error));
  g_assert_null (server_uri);
  token = kontor_sync_keyring_lookup (server->uri, "dieter", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_clear_object (&service);
  kontor_test_close_store (&store, path);
}

/* Offline for a while: the changes wait, in order, and go when the server
 * is back */
static void
test_offline (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(Machine) colleague = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;
  g_autofree char *listen = NULL;
  KontorStore *store;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("emil", "sales");

  store = kontor_test_open_store (&path);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  sign_in (service, server->uri, "emil");

  /* the server goes away; edits go on */
  uri = g_uri_parse (server->uri, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  listen = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Offline %u", i);
      KontorContact *contact = new_contact ("Emil", name);

      kontor_test_save (store, contact);
      g_ptr_array_add (contacts, contact);
    }
  g_assert_true (kontor_test_iterate_until (is_offline, service, WAIT_S));
  g_assert_nonnull (kontor_sync_service_get_message (service));
  g_assert_cmpint (kontor_sync_service_get_pending (service), >=, 5);

  /* back on the same address: the queue drains by itself */
  {
    const char *args[] = { "--listen", listen, NULL };

    g_clear_pointer (&server, kontor_test_server_free);
    server = kontor_test_server_start (&pg, args);
  }
  g_assert_true (kontor_test_iterate_until (outbox_empty, store, 320));
  g_assert_true (kontor_test_iterate_until (is_synchronised, service, WAIT_S));
  g_assert_cmpint (kontor_sync_service_get_pending (service), ==, 0);

  colleague = machine_new (server->uri, "emil");
  machine_sync (colleague);
  for (guint i = 0; i < contacts->len; i++)
    {
      g_autoptr(KontorContact) arrived =
        kontor_store_load (colleague->store, KONTOR_TYPE_CONTACT,
                           kontor_record_get_id (g_ptr_array_index (contacts, i)), &error);

      g_assert_no_error (error);
      g_assert_nonnull (arrived);
    }

  g_clear_object (&service);
  kontor_test_close_store (&store, path);
}

/* ------------------------------------------------------------------------ */
/* The secrets stay secret */

/* Whether @needle is in a file under @dir */
static gboolean
dir_holds (const char *dir,
           const char *needle)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return FALSE;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        {
          if (dir_holds (file, needle))
            return TRUE;
          continue;
        }
      if (!g_file_get_contents (file, &contents, &length, NULL))
        continue;
      if (memmem (contents, length, needle, strlen (needle)) != NULL)
        {
          g_test_message ("found in %s", file);
          return TRUE;
        }
    }

  return FALSE;
}

/* In a process of its own, with every debug message on: signs in and
 * syncs with the server and profile folder the parent chose */
static void
sign_in_and_sync (void)
{
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Frieda", "Falk");
  g_autoptr(GSettings) settings = NULL;
  const char *dir = g_getenv ("KONTOR_TEST_PROFILE");
  g_autofree char *path = g_build_filename (dir, "kontor.db", NULL);
  g_autoptr(GError) error = NULL;
  KontorStore *store;

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  /* the app's settings, in a keyfile in the profile (the parent chose the
   * backend): searched with the rest */
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "workspace-section", "contacts");
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  sign_in (service, g_getenv ("KONTOR_TEST_SERVER"), g_getenv ("KONTOR_TEST_USER"));
  kontor_test_save (store, contact);
  g_settings_sync ();
  g_assert_true (kontor_test_iterate_until (outbox_empty, store, WAIT_S));
  g_print ("state: %s\n", kontor_sync_service_get_message (service) != NULL
                          ? kontor_sync_service_get_message (service) : "(none)");

  g_clear_object (&service);
  g_object_unref (store);
}

static void
test_secrets (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *token = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *config_home = NULL;

  if (g_test_subprocess ())
    {
      sign_in_and_sync ();
      return;
    }
  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("frieda", "sales");
  profile = kontor_test_make_tmpdir ();

  g_setenv ("KONTOR_TEST_PROFILE", profile, TRUE);
  g_setenv ("KONTOR_TEST_SERVER", server->uri, TRUE);
  g_setenv ("KONTOR_TEST_USER", "frieda", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  config_home = g_strdup (g_getenv ("XDG_CONFIG_HOME"));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", profile, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDIN);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (config_home != NULL)
    g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  else
    g_unsetenv ("XDG_CONFIG_HOME");
  g_test_trap_assert_passed ();
  keyfile = g_build_filename (profile, "glib-2.0", "settings", "keyfile", NULL);
  g_assert_true (g_file_test (keyfile, G_FILE_TEST_EXISTS));
  g_test_trap_assert_stdout ("*state: (none)*");

  token = kontor_sync_keyring_lookup (server->uri, "frieda", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  /* neither in the profile (database, its log, the settings' keyfile,
   * anything else) nor in
   * what the process wrote, debug messages included */
  g_assert_false (dir_holds (profile, token));
  g_assert_false (dir_holds (profile, PASSWORD));
  {
    g_autofree char *pattern = g_strdup_printf ("*%s*", token);

    g_test_trap_assert_stdout_unmatched (pattern);
    g_test_trap_assert_stderr_unmatched (pattern);
    g_test_trap_assert_stdout_unmatched ("*" PASSWORD "*");
    g_test_trap_assert_stderr_unmatched ("*" PASSWORD "*");
  }

  {
    const char *argv[] = { "rm", "-rf", profile, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
}

/* Without a Secret Service: signing in works for this run and says the
 * session is not kept; the next start asks for the password; no file
 * takes the keyring's place */
static void
sign_in_without_keyring (void)
{
  g_autoptr(KontorSyncService) service = NULL;
  const char *dir = g_getenv ("KONTOR_TEST_PROFILE");
  g_autofree char *path = g_build_filename (dir, "kontor.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  KontorStore *store;

  g_assert_false (kontor_sync_keyring_available (NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  sign_in (service, g_getenv ("KONTOR_TEST_SERVER"), g_getenv ("KONTOR_TEST_USER"));
  g_assert_false (kontor_sync_service_get_keyring (service));
  g_assert_nonnull (strstr (kontor_sync_service_get_message (service), "keyring"));

  g_clear_object (&service);
  service = kontor_sync_service_new (store);
  kontor_sync_service_start (service);
  g_assert_true (kontor_test_iterate_until (is_signed_out, service, WAIT_S));
  g_assert_nonnull (strstr (kontor_sync_service_get_message (service), "keyring"));
  g_clear_object (&service);

  /* the database keeps the account, nothing of the session */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM sync_state WHERE key NOT IN "
                                                 "('client_id', 'user_id', 'cursor', 'server', "
                                                 "'username', 'last_push_seq', 'identity_chosen', 'tls_trust', "
                                                 "'tls_trust_pem')", NULL), ==, 0);
  g_object_unref (store);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_test_message ("profile file: %s", name);
      g_assert_true (g_str_equal (name, "kontor.db") || g_str_equal (name, "kontor.db-wal") ||
                     g_str_equal (name, "kontor.db-shm"));
    }
}

static void
test_no_keyring (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autofree char *profile = NULL;

  if (g_test_subprocess ())
    {
      sign_in_without_keyring ();
      return;
    }
  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("gerd", "sales");
  profile = kontor_test_make_tmpdir ();

  g_setenv ("KONTOR_TEST_PROFILE", profile, TRUE);
  g_setenv ("KONTOR_TEST_SERVER", server->uri, TRUE);
  g_setenv ("KONTOR_TEST_USER", "gerd", TRUE);
  g_setenv ("KONTOR_TEST_NO_KEYRING", "1", TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDIN);
  g_unsetenv ("KONTOR_TEST_NO_KEYRING");
  g_test_trap_assert_passed ();

  kontor_test_rmdir (profile);
}

/* ------------------------------------------------------------------------ */

static void
on_file_problem (KontorSyncService *service,
                 const char        *sha256,
                 const char        *message,
                 gpointer           data)
{
  GPtrArray *problems = data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_ptr_array_add (problems, g_strdup_printf ("%s %s", sha256, message));
}

static gboolean
has_problem (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

static gboolean
blob_uploaded (gpointer data)
{
  return kontor_test_query_int (data, "SELECT count(*) FROM blob WHERE uploaded = 1", NULL) == 1;
}

/* A file attached to an activity but gone from its folder: the window
 * hears why it was not sent, the activity goes all the same, and once
 * the file is back it is sent */
static void
test_file_problem (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorSyncService) service = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KontorCompany) yard = kontor_company_new ("Werft Anhang GmbH");
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Skizze", -1);
  g_autofree char *path = NULL;
  g_autofree char *blob_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *on_server = NULL;
  KontorStore *store;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("friederike", "sales");

  store = kontor_test_open_store (&path);
  service = kontor_sync_service_new (store);
  g_signal_connect (service, "file-problem", G_CALLBACK (on_file_problem), problems);
  kontor_sync_service_start (service);
  sign_in (service, server->uri, "friederike");

  sql = g_strdup_printf ("INSERT INTO blob (sha256, size) VALUES ('%s', 6)", hash);
  kontor_test_exec (store, sql);
  kontor_test_save (store, yard);
  call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (yard));
  kontor_activity_set_subject (call, "Skizze besprochen");
  kontor_activity_set_starts_at (call, 1790000000);
  json = g_strdup_printf ("[{\"sha256\":\"%s\",\"name\":\"Skizze.txt\",\"size\":6,"
                          "\"type\":\"text/plain\"}]", hash);
  kontor_activity_set_attachments (call, json);
  kontor_test_save (store, call);
  g_assert_true (kontor_test_iterate_until (has_problem, problems, WAIT_S));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), hash));
  g_assert_true (kontor_test_iterate_until (outbox_empty, store, WAIT_S));
  g_assert_cmpint (kontor_test_query_int (store, "SELECT uploaded FROM blob WHERE sha256 = ?1",
                                          hash), ==, 0);

  /* back in its folder, it goes at the next cycle */
  blob_path = kontor_store_dup_blob_path (store, hash);
  folder = g_path_get_dirname (blob_path);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (blob_path, "Skizze", 6, &error);
  g_assert_no_error (error);
  kontor_sync_service_sync_now (service);
  g_assert_true (kontor_test_iterate_until (blob_uploaded, store, WAIT_S));
  g_free (sql);
  sql = g_strdup_printf ("SELECT size FROM blob WHERE sha256 = '%s'", hash);
  on_server = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (on_server, ==, "6");

  g_clear_object (&service);
  kontor_test_close_store (&store, path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-service/server-uri", test_server_uri);
  g_test_add_func ("/sync-service/background", test_background);
  g_test_add_func ("/sync-service/sign-out-revokes", test_sign_out_revokes);
  g_test_add_func ("/sync-service/sign-in-refused", test_sign_in_refused);
  g_test_add_func ("/sync-service/account-is-current-user", test_account_is_current_user);
  g_test_add_func ("/sync-service/certificates", test_certificates);
  g_test_add_func ("/sync-service/other-team-refused", test_other_team_refused);
  g_test_add_func ("/sync-service/offline", test_offline);
  g_test_add_func ("/sync-service/secrets", test_secrets);
  g_test_add_func ("/sync-service/no-keyring", test_no_keyring);
  g_test_add_func ("/sync-service/file-problem", test_file_problem);

  /* a subprocess uses its parent's bus, keyring and PostgreSQL, or a bus
   * without a keyring */
  if (g_test_subprocess () && g_getenv ("KONTOR_TEST_NO_KEYRING") != NULL)
    session = kontor_test_session_start (FALSE);
  if (!g_test_subprocess ())
    {
      session = kontor_test_session_start (TRUE);
      if (!kontor_test_postgres_start (&pg))
        g_clear_pointer (&pg.dir, g_free);
    }
  status = g_test_run ();
  if (!g_test_subprocess ())
    kontor_test_postgres_clear (&pg);
  kontor_test_session_stop (session);

  return status;
}
