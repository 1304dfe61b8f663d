/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of `kontor import|export|list` (src/README.md "The command
 * line", data/kontor.1) */
typedef enum
{
  KONTOR_CLI_EXIT_OK = 0,
  KONTOR_CLI_EXIT_FAILED = 1,       /* nothing was done: a file, the database */
  KONTOR_CLI_EXIT_USAGE = 2,        /* an unknown option, a bad value */
  KONTOR_CLI_EXIT_SOME_ROWS = 3,    /* imported, but some rows could not be */
} KontorCliExit;

gboolean  kontor_cli_is_command         (const char  *arg);
int       kontor_cli_run                (int          argc,
                                         char       **argv);
char     *kontor_cli_dup_commands_help  (void);

G_END_DECLS
