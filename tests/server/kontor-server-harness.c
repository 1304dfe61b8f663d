/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-server"

#include "config.h"

#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "kontor-server-harness.h"

#define SERVER_EXE BUILD_ROOT "/src/server/kontor-server"

/* PostgreSQL refuses to run as root: as root, its programs run as the
 * "postgres" user Debian's package makes, on a folder it owns */
static gboolean
as_root (void)
{
  return geteuid () == 0;
}

static gboolean
run (KontorTestPostgres  *pg,
     const char * const  *argv,
     GError             **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *output = NULL;
  int status;

  if (as_root ())
    {
      g_ptr_array_add (args, (gpointer) "runuser");
      g_ptr_array_add (args, (gpointer) "-u");
      g_ptr_array_add (args, (gpointer) "postgres");
      g_ptr_array_add (args, (gpointer) "--");
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  if (!g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &output,
                     &output, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: %s ", argv[0], output);
      return FALSE;
    }

  return TRUE;
}

/* The newest installed PostgreSQL's programs, or %NULL */
static char *
find_bin (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  const char *name;
  int best = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *initdb = g_build_filename ("/usr/lib/postgresql", name, "bin", "initdb",
                                                  NULL);

      if (atoi (name) > best && g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
        best = atoi (name);
    }

  return best > 0 ? g_strdup_printf ("/usr/lib/postgresql/%d/bin", best) : NULL;
}

/* No PostgreSQL: skip, or fail the whole program under CI=true, where a
 * suite that did not run has tested nothing */
static gboolean
missing (const char *what)
{
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    {
      g_print ("Bail out! %s, and CI=true cannot do without\n", what);
      exit (1);
    }
  if (g_test_initialized ())
    g_test_skip (what);
  else
    g_printerr ("%s\n", what);

  return FALSE;
}

/* PostgreSQL runs detached (pg_ctl): a shell that waits for this test
 * program to end, however it ends (a failed assertion aborts it), then
 * stops PostgreSQL and removes its folder, so that nothing is left
 * running or holding the test runner's output open */
static void
watch (KontorTestPostgres *pg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  const char *argv[] = { "sh", "-c", NULL, "watch", pid, pg->bin, pg->dir, NULL };

  script = g_strdup_printf ("while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
                            "%s \"$2/pg_ctl\" -D \"$3/data\" -m immediate stop; rm -rf \"$3\"",
                            as_root () ? "runuser -u postgres --" : "");
  argv[2] = script;
  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                      G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_STDIN_FROM_DEV_NULL,
                      NULL, NULL, NULL, &error))
    g_error ("The watch of PostgreSQL did not start: %s", error->message);
}

/**
 * kontor_test_postgres_start:
 * @pg: zeroed
 *
 * initdb into a new temporary folder and starts PostgreSQL there, on a
 * Unix socket in that folder and on no TCP port.
 *
 * Returns: %TRUE when it runs; %FALSE with the test skipped when
 *   PostgreSQL is not installed
 */
gboolean
kontor_test_postgres_start (KontorTestPostgres *pg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *initdb = NULL;
  g_autofree char *data = NULL;

  pg->bin = find_bin ();
  if (pg->bin == NULL)
    return missing ("PostgreSQL is not installed (apt-get install postgresql-15)");

  pg->dir = g_dir_make_tmp ("kontor-pg-XXXXXX", &error);
  g_assert_no_error (error);
  if (as_root ())
    {
      struct passwd *user = getpwnam ("postgres");

      if (user == NULL)
        return missing ("there is no user “postgres” to run PostgreSQL as");
      g_assert_cmpint (chown (pg->dir, user->pw_uid, user->pw_gid), ==, 0);
    }

  initdb = g_build_filename (pg->bin, "initdb", NULL);
  data = g_build_filename (pg->dir, "data", NULL);
  {
    const char *argv[] = { initdb, "-D", data, "-U", "kontor", "-A", "trust", "-E", "UTF8",
                           "--locale=C.UTF-8", "--no-sync", NULL };

    if (!run (pg, argv, &error))
      g_error ("initdb failed: %s", error->message);
  }

  pg->conninfo = g_strdup_printf ("host=%s user=kontor dbname=postgres", pg->dir);
  watch (pg);

  return kontor_test_postgres_resume (pg);
}

/* Starts the stopped PostgreSQL of @pg again */
gboolean
kontor_test_postgres_resume (KontorTestPostgres *pg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pg_ctl = g_build_filename (pg->bin, "pg_ctl", NULL);
  g_autofree char *data = g_build_filename (pg->dir, "data", NULL);
  g_autofree char *log = g_build_filename (pg->dir, "server.log", NULL);
  g_autofree char *options = g_strdup_printf ("-k %s -c listen_addresses= -c fsync=off", pg->dir);
  const char *argv[] = { pg_ctl, "-D", data, "-l", log, "-w", "-o", options, "start", NULL };

  if (!run (pg, argv, &error))
    g_error ("PostgreSQL did not start: %s", error->message);
  pg->running = TRUE;

  return TRUE;
}

/* Stops PostgreSQL at once, as a crash would */
void
kontor_test_postgres_stop (KontorTestPostgres *pg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pg_ctl = NULL;
  g_autofree char *data = NULL;

  if (!pg->running)
    return;

  pg_ctl = g_build_filename (pg->bin, "pg_ctl", NULL);
  data = g_build_filename (pg->dir, "data", NULL);
  {
    const char *argv[] = { pg_ctl, "-D", data, "-m", "immediate", "-w", "stop", NULL };

    if (!run (pg, argv, &error))
      g_warning ("PostgreSQL did not stop: %s", error->message);
  }
  pg->running = FALSE;
}

/* Stops PostgreSQL and removes its folder */
void
kontor_test_postgres_clear (KontorTestPostgres *pg)
{
  if (pg->dir != NULL)
    {
      g_autofree char *command = NULL;

      kontor_test_postgres_stop (pg);
      command = g_strdup_printf ("rm -rf %s", pg->dir);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }

  g_clear_pointer (&pg->dir, g_free);
  g_clear_pointer (&pg->bin, g_free);
  g_clear_pointer (&pg->conninfo, g_free);
}

/**
 * kontor_test_postgres_query:
 * @pg: a running PostgreSQL
 * @sql: SQL for psql
 *
 * Returns: (transfer full): what psql printed (unaligned, tuples only),
 *   without the last newline
 */
char *
kontor_test_postgres_query (KontorTestPostgres *pg,
                            const char         *sql)
{
  g_autofree char *psql = g_build_filename (pg->bin, "psql", NULL);
  const char *argv[] = { psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d",
                         pg->conninfo, "-c", sql, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("psql “%s” failed: %s", sql, error->message);

  return g_strchomp (g_steal_pointer (&output));
}

/* A server dies with the test program, however that ends */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static KontorTestServer *
start_server (KontorTestPostgres  *pg,
              const char * const  *extra_args,
              const char          *fault);

/**
 * kontor_test_server_start:
 * @pg: a running PostgreSQL
 * @extra_args: (nullable): more options for "serve"
 *
 * Starts `kontor-server serve` on a free loopback port and waits for the
 * line that names it.
 *
 * Returns: (transfer full): the server
 */
KontorTestServer *
kontor_test_server_start (KontorTestPostgres  *pg,
                          const char * const  *extra_args)
{
  return start_server (pg, extra_args, NULL);
}

/**
 * kontor_test_server_start_with_fault:
 * @pg: a running PostgreSQL
 * @fault: a fault injection point of kontor-server-sync.c, such as
 *   "crash_before_commit": the instance kills itself there
 *
 * Returns: (transfer full): the server
 */
KontorTestServer *
kontor_test_server_start_with_fault (KontorTestPostgres *pg,
                                     const char         *fault)
{
  return start_server (pg, NULL, fault);
}

static KontorTestServer *
start_server (KontorTestPostgres  *pg,
              const char * const  *extra_args,
              const char          *fault)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  KontorTestServer *server = g_new0 (KontorTestServer, 1);
  const char *prefix;

  g_ptr_array_add (argv, (gpointer) SERVER_EXE);
  g_ptr_array_add (argv, (gpointer) "serve");
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, pg->conninfo);
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (fault != NULL)
    g_subprocess_launcher_setenv (launcher, "KONTOR_SERVER_FAULT", fault, TRUE);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  prefix = line != NULL ? strstr (line, " listening on ") : NULL;
  if (prefix == NULL)
    g_error ("kontor-server did not start: “%s”", line != NULL ? line : "");
  server->uri = g_strdup (prefix + strlen (" listening on "));

  return server;
}

void
kontor_test_server_free (KontorTestServer *server)
{
  if (server == NULL)
    return;

  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGKILL);
      g_subprocess_wait (server->process, NULL, NULL);
      g_object_unref (server->process);
    }
  if (server->dir != NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf %s", server->dir);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  g_clear_object (&server->session);
  g_free (server->dir);
  g_free (server->ca_file);
  g_free (server->uri);
  g_free (server);
}

/* ------------------------------------------------------------------------ */
/* nginx in front */

static void
run_in (const char *dir,
        const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *argv[] = { "sh", "-c", command, NULL };
  int status;

  if (!g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &output, &output,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("“%s” failed: %s\n%s", command, error->message, output != NULL ? output : "");
}

/* A port nothing listens on now */
static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The port of a server's "http://127.0.0.1:PORT/" */
static guint
port_of (KontorTestServer *server)
{
  g_autoptr(GUri) uri = g_uri_parse (server->uri, G_URI_FLAGS_NONE, NULL);

  return g_uri_get_port (uri);
}

/* A CA and a certificate for localhost signed by it, in @dir: ca.pem,
 * server.pem and their keys */
static void
make_certificates (const char *dir)
{
  run_in (dir,
          "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=Kontor Test CA'"
          " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign,cRLSign"
          " -keyout ca.key -out ca.pem 2>&1 &&"
          " openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost'"
          " -keyout server.key -out server.csr 2>&1 &&"
          " printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n"
          "extendedKeyUsage=serverAuth\\n' > server.ext &&"
          " openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2"
          " -extfile server.ext -out server.pem 2>&1 &&"
          " mkdir -p temp && chmod 755 . temp");
}

/* nginx with the configuration in front->dir, listening on @port */
static void
spawn_nginx (KontorTestServer *front,
             const char       *nginx,
             guint             port)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *config_file = g_build_filename (front->dir, "nginx.conf", NULL);
  const char *argv[] = { nginx, "-p", front->dir, "-c", config_file, NULL };
  gboolean ready = FALSE;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  front->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  /* listening once a connection is taken */
  for (guint tries = 0; tries < 100 && !ready; tries++)
    {
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      ready = connection != NULL;
      if (!ready)
        g_usleep (50 * 1000);
    }
  g_assert_true (ready);
}

/**
 * kontor_test_nginx_new_certificate:
 * @front: a front from kontor_test_nginx_start ()
 *
 * Restarts the front on its port with a new CA and a new certificate, as
 * a server whose certificate was replaced (or one an attacker shows).
 * front->session and front->ca_file trust the new CA.
 */
void
kontor_test_nginx_new_certificate (KontorTestServer *front)
{
  g_autoptr(GUri) uri = g_uri_parse (front->uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nginx = g_find_program_in_path ("nginx");

  if (nginx == NULL)
    nginx = g_strdup ("/usr/sbin/nginx");
  g_subprocess_send_signal (front->process, SIGKILL);
  g_subprocess_wait (front->process, NULL, NULL);
  g_clear_object (&front->process);

  make_certificates (front->dir);
  spawn_nginx (front, nginx, g_uri_get_port (uri));

  database = g_tls_file_database_new (front->ca_file, &error);
  g_assert_no_error (error);
  g_clear_object (&front->session);
  front->session = soup_session_new_with_options ("tls-database", database, NULL);
}

/**
 * kontor_test_nginx_start:
 * @instances: (array length=n_instances): running servers
 * @n_instances: how many
 *
 * Makes a CA and a certificate for localhost signed by it (openssl), and
 * starts nginx (one process, as Debian's nginx-light) terminating TLS on a
 * free loopback port and passing requests round-robin to @instances,
 * websockets included, as data/server/nginx-kontor.conf does for a real
 * server.
 *
 * Returns: (transfer full): the front, with a session that trusts the CA;
 *   %NULL with the test skipped without nginx or openssl (failed under
 *   CI=true)
 */
KontorTestServer *
kontor_test_nginx_start (KontorTestServer **instances,
                         guint              n_instances)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) config = g_string_new (NULL);
  g_autoptr(GString) upstream = g_string_new (NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *nginx = g_find_program_in_path ("nginx");
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *config_file = NULL;
  KontorTestServer *front;
  guint port = free_port ();

  if (nginx == NULL && g_file_test ("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
    nginx = g_strdup ("/usr/sbin/nginx");
  if (nginx == NULL || openssl == NULL)
    {
      missing ("nginx or openssl is not installed (apt-get install nginx-light openssl)");
      return NULL;
    }

  front = g_new0 (KontorTestServer, 1);
  front->dir = g_dir_make_tmp ("kontor-nginx-XXXXXX", &error);
  g_assert_no_error (error);

  make_certificates (front->dir);
  front->ca_file = g_build_filename (front->dir, "ca.pem", NULL);

  for (guint i = 0; i < n_instances; i++)
    g_string_append_printf (upstream, "    server 127.0.0.1:%u;\n", port_of (instances[i]));

  g_string_printf (config,
                   "daemon off;\nmaster_process off;\nworker_processes 1;\n%s"
                   "pid %s/nginx.pid;\nerror_log %s/error.log warn;\n"
                   "events { worker_connections 256; }\n"
                   "http {\n"
                   "  access_log %s/access.log;\n"
                   "  client_body_temp_path %s/temp/body;\n  proxy_temp_path %s/temp/proxy;\n"
                   "  fastcgi_temp_path %s/temp/fastcgi;\n  uwsgi_temp_path %s/temp/uwsgi;\n"
                   "  scgi_temp_path %s/temp/scgi;\n"
                   "  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
                   "  upstream kontor {\n%s  }\n"
                   "  server {\n"
                   "    listen 127.0.0.1:%u ssl;\n    server_name localhost;\n"
                   "    ssl_certificate %s/server.pem;\n    ssl_certificate_key %s/server.key;\n"
                   "    client_max_body_size 8m;\n"
                   "    location / {\n"
                   "      proxy_pass http://kontor;\n      proxy_http_version 1.1;\n"
                   "      proxy_set_header Upgrade $http_upgrade;\n"
                   "      proxy_set_header Connection $connection_upgrade;\n"
                   "      proxy_set_header X-Forwarded-For $remote_addr;\n"
                   "      proxy_read_timeout 90s;\n      proxy_buffering off;\n"
                   "    }\n"
                   "    location /v1/blobs/ {\n"
                   "      client_max_body_size 50m;\n"
                   "      proxy_pass http://kontor;\n      proxy_http_version 1.1;\n"
                   "      proxy_set_header X-Forwarded-For $remote_addr;\n"
                   "      proxy_read_timeout 90s;\n      proxy_buffering off;\n"
                   "    }\n  }\n}\n",
                   as_root () ? "user root;\n" : "", front->dir, front->dir, front->dir,
                   front->dir, front->dir, front->dir, front->dir, front->dir, upstream->str,
                   port, front->dir, front->dir);
  config_file = g_build_filename (front->dir, "nginx.conf", NULL);
  g_file_set_contents (config_file, config->str, -1, &error);
  g_assert_no_error (error);

  spawn_nginx (front, nginx, port);

  front->uri = g_strdup_printf ("https://localhost:%u/", port);
  database = g_tls_file_database_new (front->ca_file, &error);
  g_assert_no_error (error);
  front->session = soup_session_new_with_options ("tls-database", database, NULL);

  return front;
}

/**
 * kontor_test_server_admin:
 * @pg: a running PostgreSQL
 * @input: (nullable): standard input (a password and a newline)
 * @output: (out) (optional): standard output and error together
 * @first_arg: the first argument after "admin", then more, %NULL-terminated
 *
 * Runs `kontor-server admin --database … ARGS`.
 *
 * Returns: its exit status
 */
int
kontor_test_server_admin (KontorTestPostgres  *pg,
                          const char          *input,
                          char               **output,
                          const char          *first_arg,
                          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) SERVER_EXE);
  g_ptr_array_add (argv, (gpointer) "admin");
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, pg->conninfo);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  if (output != NULL)
    *output = g_steal_pointer (&out);

  return g_subprocess_get_exit_status (process);
}
