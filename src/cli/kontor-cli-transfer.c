/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* `kontor import` and `kontor export` (feature G5, src/README.md "The
 * command line"). */

#define G_LOG_DOMAIN "kontor-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-cli-private.h"

int
_kontor_cli_import (int    argc,
                    char **argv)
{
  g_printerr ("kontor: %s\n", "import: not yet");
  return KONTOR_CLI_EXIT_FAILED;
}

int
_kontor_cli_export (int    argc,
                    char **argv)
{
  g_printerr ("kontor: %s\n", "export: not yet");
  return KONTOR_CLI_EXIT_FAILED;
}
