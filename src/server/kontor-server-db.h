/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-server-db.c: PostgreSQL through libpq, the schema and its
 * migrations. Blocking calls: the HTTP side runs them on its workers. */

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define KONTOR_SERVER_SCHEMA_VERSION 10

#define KONTOR_SERVER_ERROR (kontor_server_error_quark ())

typedef enum
{
  KONTOR_SERVER_ERROR_DATABASE,       /* PostgreSQL failed or is not there */
  KONTOR_SERVER_ERROR_SCHEMA_NEWER,   /* written by a newer kontor-server */
  KONTOR_SERVER_ERROR_NOT_FOUND,      /* no such user */
  KONTOR_SERVER_ERROR_INVALID,        /* a value the server does not take */
  KONTOR_SERVER_ERROR_DATA,           /* PostgreSQL refused the data (SQLSTATE 22, 23) */
  KONTOR_SERVER_ERROR_CLIENT_TAKEN,   /* the installation's id is another account's */
} KontorServerError;

/* One statement of kontor_db_exec_pipeline () */
typedef struct
{
  const char         *sql;
  int                 n_params;
  const char * const *params;
} KontorDbStatement;

GQuark    kontor_server_error_quark (void);

PGconn   *kontor_db_connect         (const char          *conninfo,
                                     GError             **error);
void      kontor_db_finish          (PGconn              *conn);
PGresult *kontor_db_exec            (PGconn              *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *params,
                                     GError             **error);
PGresult *kontor_db_exec_binary     (PGconn              *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *params,
                                     const int           *lengths,
                                     const int           *formats,
                                     gboolean             binary_result,
                                     GError             **error);
gboolean  kontor_db_exec_pipeline   (PGconn                  *conn,
                                     const KontorDbStatement *statements,
                                     guint                    n,
                                     PGresult               **results,
                                     GError                 **error);
gboolean  kontor_db_run             (PGconn              *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *params,
                                     GError             **error);
gboolean  kontor_db_migrate         (PGconn              *conn,
                                     GError             **error);
int       kontor_db_get_version     (PGconn              *conn,
                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, kontor_db_finish)

G_END_DECLS
