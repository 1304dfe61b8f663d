/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-server-sync.c: push and pull of kontor-sync/1. */

#include "kontor-server-accounts.h"

G_BEGIN_DECLS

/* The most changes one pull returns */
#define KONTOR_SYNC_MAX_PULL      1000
/* The longest a pull waits for a change (wait=), in seconds */
#define KONTOR_SYNC_MAX_WAIT      30

char *kontor_server_dup_error (const char     *code,
                               const char     *message);

guint kontor_sync_push (PGconn         *conn,
                        KontorAccount  *account,
                        GBytes         *body,
                        char          **response,
                        gboolean       *pushed);
guint kontor_sync_pull (PGconn         *conn,
                        KontorAccount  *account,
                        GHashTable     *query,
                        char          **response);

guint kontor_sync_resolve        (PGconn         *conn,
                                  KontorAccount  *account,
                                  const char     *conflict_id,
                                  GBytes         *body,
                                  char          **response,
                                  gboolean       *pushed);
guint kontor_sync_list_conflicts (PGconn         *conn,
                                  KontorAccount  *account,
                                  GHashTable     *query,
                                  char          **response);

guint  kontor_sync_snapshot       (PGconn         *conn,
                                   KontorAccount  *account,
                                   GHashTable     *query,
                                   char          **response);
gint64 kontor_sync_compact        (PGconn         *conn,
                                   gint64          before_seq,
                                   GError        **error);

G_END_DECLS
