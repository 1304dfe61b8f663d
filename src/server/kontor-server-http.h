/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-server-http.c: the HTTP endpoints of kontor-sync/1 on a
 * SoupServer, their database work on a pool of worker threads. */

#include <glib.h>

G_BEGIN_DECLS

/* The largest request body taken unless configured otherwise */
#define KONTOR_SERVER_DEFAULT_MAX_BODY (8 * 1024 * 1024)
/* The largest file taken (PUT /v1/blobs/…) unless configured otherwise,
 * and the most it may be configured to: PostgreSQL keeps a bytea of 1 GB
 * at most, and a file is held in memory while it is stored */
#define KONTOR_SERVER_DEFAULT_MAX_BLOB (50 * 1024 * 1024)
#define KONTOR_SERVER_MAX_BLOB_LIMIT   (512 * 1024 * 1024)

typedef struct _KontorServer KontorServer;

KontorServer *kontor_server_new     (const char    *conninfo,
                                     gsize          max_body,
                                     gsize          max_blob,
                                     guint          n_workers);
gboolean      kontor_server_listen  (KontorServer  *self,
                                     const char    *address,
                                     GError       **error);
char         *kontor_server_dup_uri (KontorServer  *self);
void          kontor_server_free    (KontorServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorServer, kontor_server_free)

G_END_DECLS
