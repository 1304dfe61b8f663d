/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* A throwaway PostgreSQL and kontor-server processes for the server tests:
 * initdb into a temporary folder, a server on a Unix socket only, every
 * instance on a free loopback port. Without PostgreSQL's programs the
 * tests skip, or fail when CI=true. */

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;          /* the temporary folder */
  char *bin;          /* PostgreSQL's programs */
  char *conninfo;     /* "host=DIR user=kontor dbname=postgres" */
  gboolean running;
} KontorTestPostgres;

typedef struct
{
  GSubprocess *process;
  char        *uri;      /* "http://127.0.0.1:PORT/", "https://localhost:PORT/" for nginx */
  SoupSession *session;  /* nginx: one trusting the test CA; %NULL for a plain one */
  char        *dir;      /* nginx: its configuration, certificates and logs */
  char        *ca_file;  /* nginx: the test CA's certificate */
} KontorTestServer;

gboolean           kontor_test_postgres_start  (KontorTestPostgres  *pg);
void               kontor_test_postgres_stop   (KontorTestPostgres  *pg);
gboolean           kontor_test_postgres_resume (KontorTestPostgres  *pg);
void               kontor_test_postgres_clear  (KontorTestPostgres  *pg);
char              *kontor_test_postgres_query  (KontorTestPostgres  *pg,
                                                const char          *sql);

KontorTestServer  *kontor_test_server_start    (KontorTestPostgres  *pg,
                                                const char * const  *extra_args);
KontorTestServer  *kontor_test_server_start_with_fault (KontorTestPostgres *pg,
                                                const char          *fault);
void               kontor_test_server_free     (KontorTestServer    *server);
KontorTestServer  *kontor_test_nginx_start     (KontorTestServer   **instances,
                                                guint                n_instances);
void               kontor_test_nginx_new_certificate (KontorTestServer *front);

int                kontor_test_server_admin    (KontorTestPostgres  *pg,
                                                const char          *input,
                                                char               **output,
                                                const char          *first_arg,
                                                ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorTestServer, kontor_test_server_free)

G_END_DECLS
