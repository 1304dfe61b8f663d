/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-cli.h"
#include "kontor-store.h"

G_BEGIN_DECLS

/* kontor-cli.c: what every command shares */
void          _kontor_cli_print_error    (const GError  *error);
char         *_kontor_cli_dup_database_path (const char *database);
KontorStore  *_kontor_cli_open_store     (const char    *database,
                                          gboolean       create,
                                          GError       **error);
KontorFilter *_kontor_cli_parse_filter   (KontorStore   *store,
                                          const char    *text,
                                          GError       **error);
int           _kontor_cli_filter_exit    (const GError  *error);
GOptionContext *_kontor_cli_option_context_new (const char        *command,
                                                const char        *parameter,
                                                const char        *summary,
                                                const GOptionEntry *entries);
gboolean      _kontor_cli_parse_options  (GOptionContext  *context,
                                          int             *argc,
                                          char          ***argv);

/* kontor-cli-transfer.c: import and export */
int           _kontor_cli_import         (int             argc,
                                          char          **argv);
int           _kontor_cli_export         (int             argc,
                                          char          **argv);

G_END_DECLS
