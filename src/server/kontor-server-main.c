/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* kontor-server: the team server of Kontor (src/server/README.md).
 *
 *   kontor-server serve [--database CONNINFO] [--listen HOST:PORT] …
 *   kontor-server admin [--database CONNINFO] COMMAND …
 *   kontor-server migrate [--database CONNINFO]
 *
 * The database is named by a libpq connection string; without one, libpq's
 * environment (PGHOST, PGDATABASE …) decides. */

#define G_LOG_DOMAIN "kontor-server"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "kontor-server-accounts.h"
#include "kontor-server-db.h"
#include "kontor-server-http.h"
#include "kontor-server-sync.h"

static char *database = NULL;

static gboolean
fail (GError *error)
{
  g_printerr ("kontor-server: %s\n", error->message);
  return FALSE;
}

static PGconn *
open_database (GError **error)
{
  g_autoptr(PGconn) conn = kontor_db_connect (database != NULL ? database : "", error);

  if (conn == NULL || !kontor_db_migrate (conn, error))
    return NULL;

  return g_steal_pointer (&conn);
}

/* ------------------------------------------------------------------------ */
/* serve */

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

static int
run_serve (int    argc,
           char **argv)
{
  g_autofree char *listen = NULL;
  gint64 max_body = KONTOR_SERVER_DEFAULT_MAX_BODY;
  gint64 max_blob = KONTOR_SERVER_DEFAULT_MAX_BLOB;
  int workers = 8;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      N_("The PostgreSQL database, as a libpq connection string"), N_("CONNINFO") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("The address to listen on (default 127.0.0.1:8081; port 0 for any)"), N_("HOST:PORT") },
    { "max-body", 0, 0, G_OPTION_ARG_INT64, &max_body,
      N_("The largest request body taken, in bytes (default 8 MiB)"), N_("BYTES") },
    { "max-blob", 0, 0, G_OPTION_ARG_INT64, &max_blob,
      N_("The largest attached file taken, in bytes (default 50 MiB, at most 512 MiB)"),
      N_("BYTES") },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers,
      N_("How many requests run at once (default 8)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— serve the team"));
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(KontorServer) server = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error) ? 0 : 2;
  if (max_body <= 0 || workers <= 0)
    {
      g_printerr ("kontor-server: %s\n", _("--max-body and --workers need a number above 0."));
      return 2;
    }
  if (max_blob <= 0 || max_blob > KONTOR_SERVER_MAX_BLOB_LIMIT)
    {
      g_printerr ("kontor-server: %s\n", _("--max-blob needs a number above 0 and at most "
                                            "536870912 (512 MiB)."));
      return 2;
    }

  /* the schema before the first request; a newer one stops here */
  conn = open_database (&error);
  if (conn == NULL)
    return fail (error) ? 0 : 1;
  g_clear_pointer (&conn, kontor_db_finish);

  loop = g_main_loop_new (NULL, FALSE);
  server = kontor_server_new (database != NULL ? database : "", max_body, max_blob, workers);
  if (!kontor_server_listen (server, listen != NULL ? listen : "127.0.0.1:8081", &error))
    return fail (error) ? 0 : 1;

  uri = kontor_server_dup_uri (server);
  /* the first line of the output: the tests read the port from it */
  g_print ("kontor-server %s listening on %s\n", PACKAGE_VERSION, uri);
  fflush (stdout);

  g_unix_signal_add (SIGTERM, quit_loop, loop);
  g_unix_signal_add (SIGINT, quit_loop, loop);
  g_main_loop_run (loop);

  return 0;
}

/* ------------------------------------------------------------------------ */
/* admin */

/* A password from standard input: one line, without echo on a terminal */
static char *
read_password (const char *prompt)
{
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char line[1024];
  char *password = NULL;

  if (terminal)
    {
      g_printerr ("%s", prompt);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  if (fgets (line, sizeof line, stdin) != NULL)
    {
      line[strcspn (line, "\r\n")] = '\0';
      password = g_strdup (line);
    }

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  return password;
}

static gboolean
need_args (char      **args,
           guint       n,
           const char *usage)
{
  if (g_strv_length (args) == n)
    return TRUE;

  g_printerr (_("Usage: kontor-server admin %s\n"), usage);
  return FALSE;
}

static int
run_admin (int    argc,
           char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      N_("The PostgreSQL database, as a libpq connection string"), N_("CONNINFO") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The name colleagues see (create-user)"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("admin, sales, assistant or viewer (create-user)"), N_("ROLE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, N_("COMMAND") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— manage the team’s accounts"));
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  const char *command;
  gboolean ok = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Commands:\n"
      "  create-user USER --role ROLE [--name NAME]   the password is read from standard input\n"
      "  set-password USER                            likewise; ends the user’s sessions\n"
      "  set-role USER ROLE\n"
      "  disable-user USER                            ends the user’s sessions\n"
      "  enable-user USER\n"
      "  revoke-tokens USER                           logs the user out everywhere\n"
      "  list-users\n"
      "  create-team NAME\n"
      "  list-teams\n"
      "  add-to-team USER TEAM                        TEAM: its name or id\n"
      "  remove-from-team USER TEAM\n"
      "  compact SEQ                                  drops the change log before SEQ;\n"
      "                                               older clients load a snapshot\n"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error) ? 0 : 2;
  if (args == NULL || args[0] == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 2;
    }

  conn = open_database (&error);
  if (conn == NULL)
    return fail (error) ? 0 : 1;

  command = args[0];
  if (g_str_equal (command, "create-user"))
    {
      g_autofree char *id = NULL;

      if (!need_args (args, 2, "create-user USER --role ROLE [--name NAME]"))
        return 2;
      password = read_password (_("Password: "));
      id = kontor_accounts_create (conn, args[1], name, role, password, &error);
      if (id != NULL)
        g_print (_("User “%s” created (%s).\n"), args[1], id);
      ok = id != NULL;
    }
  else if (g_str_equal (command, "set-password"))
    {
      if (!need_args (args, 2, "set-password USER"))
        return 2;
      password = read_password (_("New password: "));
      ok = kontor_accounts_set_password (conn, args[1], password, &error);
    }
  else if (g_str_equal (command, "set-role"))
    {
      if (!need_args (args, 3, "set-role USER ROLE"))
        return 2;
      ok = kontor_accounts_set_role (conn, args[1], args[2], &error);
    }
  else if (g_str_equal (command, "disable-user") || g_str_equal (command, "enable-user"))
    {
      if (!need_args (args, 2, "disable-user|enable-user USER"))
        return 2;
      ok = kontor_accounts_set_disabled (conn, args[1], g_str_equal (command, "disable-user"),
                                         &error);
    }
  else if (g_str_equal (command, "revoke-tokens"))
    {
      if (!need_args (args, 2, "revoke-tokens USER"))
        return 2;
      ok = kontor_accounts_revoke_tokens (conn, args[1], &error);
    }
  else if (g_str_equal (command, "compact"))
    {
      gint64 dropped;
      guint64 before;

      if (!need_args (args, 2, "compact SEQ"))
        return 2;
      if (!g_ascii_string_to_unsigned (args[1], 10, 1, G_MAXINT64, &before, &error))
        return fail (error) ? 0 : 2;
      dropped = kontor_sync_compact (conn, before, &error);
      if (dropped >= 0)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, dropped);

          g_print (ngettext ("%s change dropped.\n", "%s changes dropped.\n", dropped), count);
        }
      ok = dropped >= 0;
    }
  else if (g_str_equal (command, "create-team"))
    {
      g_autofree char *id = NULL;

      if (!need_args (args, 2, "create-team NAME"))
        return 2;
      id = kontor_accounts_create_team (conn, args[1], &error);
      if (id != NULL)
        g_print (_("Team “%s” created (%s).\n"), args[1], id);
      ok = id != NULL;
    }
  else if (g_str_equal (command, "list-teams"))
    {
      g_autoptr(GPtrArray) lines = kontor_accounts_list_teams (conn, &error);

      for (guint i = 0; lines != NULL && i < lines->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (lines, i));
      ok = lines != NULL;
    }
  else if (g_str_equal (command, "add-to-team") || g_str_equal (command, "remove-from-team"))
    {
      if (!need_args (args, 3, "add-to-team|remove-from-team USER TEAM"))
        return 2;
      ok = kontor_accounts_set_team_member (conn, args[1], args[2],
                                            g_str_equal (command, "add-to-team"), &error);
    }
  else if (g_str_equal (command, "list-users"))
    {
      g_autoptr(GPtrArray) accounts = kontor_accounts_list (conn, &error);

      for (guint i = 0; accounts != NULL && i < accounts->len; i++)
        {
          KontorAccount *account = g_ptr_array_index (accounts, i);

          g_print ("%s\t%s\t%s\t%s\n", account->username, account->role,
                   account->disabled ? _("disabled") : _("active"), account->display_name);
        }
      ok = accounts != NULL;
    }
  else
    {
      g_printerr (_("kontor-server: there is no command “%s”; see kontor-server admin --help\n"),
                  command);
      return 2;
    }

  if (password != NULL)
    memset (password, 0, strlen (password));

  return ok ? 0 : (fail (error) ? 0 : 1);
}

static int
run_migrate (int    argc,
             char **argv)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      N_("The PostgreSQL database, as a libpq connection string"), N_("CONNINFO") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— bring the database’s schema up to date"));
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error) ? 0 : 2;

  conn = open_database (&error);
  if (conn == NULL)
    return fail (error) ? 0 : 1;

  g_print (_("The database has schema version %d.\n"), kontor_db_get_version (conn, NULL));

  return 0;
}

/* Started from the build folder: its translations, as the app does */
static const char *
get_localedir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/") ? BUILD_LOCALEDIR : LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  const char *command = argc > 1 ? argv[1] : NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* the command's own options follow it: "serve --listen …" */
  if (g_strcmp0 (command, "serve") == 0)
    return run_serve (argc - 1, argv + 1);
  if (g_strcmp0 (command, "admin") == 0)
    return run_admin (argc - 1, argv + 1);
  if (g_strcmp0 (command, "migrate") == 0)
    return run_migrate (argc - 1, argv + 1);

  g_printerr ("%s\n", _("Usage: kontor-server serve|admin|migrate [OPTION…]; "
                        "kontor-server COMMAND --help tells more."));

  return 2;
}
