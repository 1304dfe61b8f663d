/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "kontor-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KontorApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, kontor_application_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Started from the build folder (README): use the schema compiled there. */
  if (kontor_application_is_uninstalled ())
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_ROOT "/data", FALSE);

  app = kontor_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
