/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "kontor-application.h"
#include "kontor-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KontorApplication) app = NULL;
  g_autofree char *commands_help = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, kontor_application_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Started from the build folder (README): use the schema compiled there. */
  if (kontor_application_is_uninstalled ())
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_ROOT "/data", FALSE);

  /* kontor import|export|list: for scripts, in this process, without a
   * display or the running instance (src/README.md "The command line") */
  if (argc >= 2 && kontor_cli_is_command (argv[1]))
    return kontor_cli_run (argc, argv);

  app = kontor_application_new ();
  /* `kontor --help` names the commands, the filter and the JSON fields */
  commands_help = kontor_cli_dup_commands_help ();
  g_application_set_option_context_description (G_APPLICATION (app), commands_help);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
