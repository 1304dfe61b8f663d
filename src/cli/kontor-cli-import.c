/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-cli-private.h"

int
_kontor_cli_import (int    argc,
                    char **argv)
{
  return KONTOR_CLI_EXIT_FAILED;
}
