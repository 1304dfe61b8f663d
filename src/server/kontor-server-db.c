/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-server"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "kontor-server-db.h"
#include "kontor-uuid.h"

G_DEFINE_QUARK (kontor-server-error-quark, kontor_server_error)

/* One migration per schema version, each a script in the resources,
 * run in one transaction with the version written beside it */
static const char * const migrations[] = {
  "001-initial.sql",
  "002-changes.sql",
  "003-seeded-rows.sql",
  "004-scopes.sql",
  "005-activities.sql",
  "006-blobs.sql",
  "007-blob-holders.sql",
  "008-merged-into.sql",
  "009-lead-entries.sql",
  "010-lead-entry-once.sql",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KONTOR_SERVER_SCHEMA_VERSION);

/* The key of the advisory lock that serialises migrations: instances
 * started together upgrade once, the others wait and find it done */
#define MIGRATION_LOCK "8123370811"

static void
set_database_error (GError     **error,
                    const char  *message)
{
  g_autofree char *text = g_strdup (message != NULL ? message : "");

  g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_DATABASE,
               _("The database reported an error: %s"), g_strstrip (text));
}

/**
 * kontor_db_connect:
 * @conninfo: a libpq connection string ("host=/run/postgresql dbname=kontor"),
 *   empty for libpq's environment (PGHOST, PGDATABASE …)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the connection
 */
PGconn *
kontor_db_connect (const char  *conninfo,
                   GError     **error)
{
  PGconn *conn = PQconnectdb (conninfo != NULL ? conninfo : "");

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *text = g_strdup (PQerrorMessage (conn));

      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_DATABASE,
                   _("Could not connect to PostgreSQL: %s"), g_strstrip (text));
      PQfinish (conn);
      return NULL;
    }

  return conn;
}

/* Prepared statements: a statement with parameters is parsed once per
 * connection, and PostgreSQL keeps its plan. The names of those prepared
 * on each connection, by its backend's pid: a connection reset is a new
 * backend, which has none. */
typedef struct
{
  int         pid;
  GHashTable *names;   /* SQL text → name */
} Prepared;

static GMutex prepared_lock;
static GHashTable *prepared;   /* PGconn * → Prepared * */

/* The names are never used twice in a process: after a connection's
 * prepared statements were forgotten (check_prepared ()), the backend may
 * still hold the old ones */
static guint prepared_count;

static void
prepared_free (gpointer data)
{
  Prepared *entry = data;

  g_hash_table_unref (entry->names);
  g_free (entry);
}

/* Forgets what was prepared on @conn: when it ends, or when a prepared
 * statement failed as one (its plan outdated by a migration, or gone) */
static void
forget_prepared (PGconn *conn)
{
  g_mutex_lock (&prepared_lock);
  if (prepared != NULL)
    g_hash_table_remove (prepared, conn);
  g_mutex_unlock (&prepared_lock);
}

/* After a statement failed: a prepared one whose plan no longer fits
 * (0A000 "cached plan must not change result type", after a migration)
 * or that is gone (26000) is prepared again next time */
static void
check_prepared (PGconn   *conn,
                PGresult *result)
{
  const char *sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);

  if (g_strcmp0 (sqlstate, "0A000") == 0 || g_strcmp0 (sqlstate, "26000") == 0)
    forget_prepared (conn);
}

/* Keeps a result that succeeded; clears one that failed, with @error */
static gboolean
take_result (PGconn     *conn,
             PGresult  **result,
             GError    **error)
{
  ExecStatusType status = PQresultStatus (*result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      const char *sqlstate = PQresultErrorField (*result, PG_DIAG_SQLSTATE);

      check_prepared (conn, *result);
      set_database_error (error, PQresultErrorMessage (*result) != NULL &&
                                 *PQresultErrorMessage (*result) != '\0'
                                 ? PQresultErrorMessage (*result) : PQerrorMessage (conn));
      /* data exceptions and integrity violations are the data's fault;
       * anything else (a lost connection, a timeout, a full disk) the
       * server's, and the same request may succeed later */
      if (sqlstate != NULL && (g_str_has_prefix (sqlstate, "22") || g_str_has_prefix (sqlstate, "23")))
        (*error)->code = KONTOR_SERVER_ERROR_DATA;
      g_clear_pointer (result, PQclear);
      return FALSE;
    }

  return TRUE;
}

/* The name @sql is prepared under on @conn, prepared now when it is not
 * yet; %NULL for a statement without parameters (BEGIN, COMMIT …), which
 * is sent as it is. Blocks for a round trip the first time. */
static char *
dup_prepared_name (PGconn      *conn,
                   const char  *sql,
                   int          n_params,
                   GError     **error)
{
  Prepared *entry;
  char *name = NULL;
  gboolean known;

  if (n_params == 0)
    return NULL;

  g_mutex_lock (&prepared_lock);
  if (prepared == NULL)
    prepared = g_hash_table_new_full (NULL, NULL, NULL, prepared_free);
  entry = g_hash_table_lookup (prepared, conn);
  if (entry == NULL || entry->pid != PQbackendPID (conn))
    {
      entry = g_new0 (Prepared, 1);
      entry->pid = PQbackendPID (conn);
      entry->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_replace (prepared, conn, entry);
    }
  name = g_strdup (g_hash_table_lookup (entry->names, sql));
  known = name != NULL;
  if (!known)
    name = g_strdup_printf ("kontor_%u", ++prepared_count);
  g_mutex_unlock (&prepared_lock);

  if (!known)
    {
      PGresult *result = PQprepare (conn, name, sql, n_params, NULL);

      if (!take_result (conn, &result, error))
        {
          g_free (name);
          return NULL;
        }
      PQclear (result);
      g_mutex_lock (&prepared_lock);
      entry = g_hash_table_lookup (prepared, conn);
      if (entry != NULL)
        g_hash_table_replace (entry->names, g_strdup (sql), g_strdup (name));
      g_mutex_unlock (&prepared_lock);
    }

  return name;
}

/**
 * kontor_db_finish:
 * @conn: (transfer full): a connection
 *
 * Closes @conn, and forgets what was prepared on it.
 */
void
kontor_db_finish (PGconn *conn)
{
  forget_prepared (conn);
  PQfinish (conn);
}

/**
 * kontor_db_exec:
 * @conn: a connection
 * @sql: one statement, parameters as $1, $2 …
 * @n_params: how many
 * @params: (array length=n_params) (nullable): their values as text, %NULL
 *   entries for SQL NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the result of a statement that
 *   succeeded, %NULL on error
 */
PGresult *
kontor_db_exec (PGconn              *conn,
                const char          *sql,
                int                  n_params,
                const char * const  *params,
                GError             **error)
{
  g_autofree char *name = dup_prepared_name (conn, sql, n_params, error);
  PGresult *result;

  if (n_params > 0 && name == NULL)
    return NULL;

  result = name != NULL ? PQexecPrepared (conn, name, n_params, params, NULL, NULL, 0)
                        : PQexecParams (conn, sql, 0, NULL, NULL, NULL, NULL, 0);
  if (!take_result (conn, &result, error))
    return NULL;

  return result;
}

/**
 * kontor_db_exec_binary:
 * @conn: a connection
 * @sql: one statement, parameters as $1, $2 …
 * @n_params: how many
 * @params: (array length=n_params): their values
 * @lengths: (array length=n_params) (nullable): the length of each binary
 *   value; %NULL when every value is text
 * @formats: (array length=n_params) (nullable): 1 for a binary value
 *   (bytea: the bytes as they are), 0 for text; %NULL for all text
 * @binary_result: whether the result's columns come in binary (a bytea
 *   as its bytes, rather than in hex at twice the size)
 * @error: return location for a #GError
 *
 * kontor_db_exec() for the files of the blob endpoints
 * (kontor-server-http.c), which go to and come from PostgreSQL without
 * being written out in hex.
 *
 * Returns: (transfer full) (nullable): the result of a statement that
 *   succeeded, %NULL on error
 */
PGresult *
kontor_db_exec_binary (PGconn              *conn,
                       const char          *sql,
                       int                  n_params,
                       const char * const  *params,
                       const int           *lengths,
                       const int           *formats,
                       gboolean             binary_result,
                       GError             **error)
{
  g_autofree char *name = NULL;
  PGresult *result;

  g_return_val_if_fail (n_params > 0, NULL);

  name = dup_prepared_name (conn, sql, n_params, error);
  if (name == NULL)
    return NULL;

  result = PQexecPrepared (conn, name, n_params, params, lengths, formats, binary_result ? 1 : 0);
  if (!take_result (conn, &result, error))
    return NULL;

  return result;
}

/**
 * kontor_db_exec_pipeline:
 * @conn: a connection, not in pipeline mode
 * @statements: (array length=n): the statements, in order
 * @n: how many
 * @results: (array length=n) (out caller-allocates): each statement's
 *   result, %NULL for one that failed or did not run; those before a
 *   failure are kept
 * @error: return location for a #GError: the first statement that failed
 *
 * Runs @statements in one round trip (libpq's pipeline mode): PostgreSQL
 * runs them in order, and after one fails it runs none of the rest. In a
 * transaction block the failure aborts the transaction as
 * kontor_db_exec() would. A connection that cannot finish the pipeline
 * (the statements could not all be sent) is made again, which ends its
 * transaction on the server at once.
 *
 * Returns: whether every statement succeeded
 */
gboolean
kontor_db_exec_pipeline (PGconn                  *conn,
                         const KontorDbStatement *statements,
                         guint                    n,
                         PGresult               **results,
                         GError                 **error)
{
  g_autoptr(GError) failure = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_full (n, g_free);
  guint sent = 0;
  gboolean synced;

  memset (results, 0, n * sizeof (PGresult *));
  /* prepared before the pipeline, the first time */
  for (guint i = 0; i < n; i++)
    {
      char *name = dup_prepared_name (conn, statements[i].sql, statements[i].n_params, error);

      if (statements[i].n_params > 0 && name == NULL)
        return FALSE;
      g_ptr_array_add (names, name);
    }
  if (!PQenterPipelineMode (conn))
    {
      set_database_error (error, PQerrorMessage (conn));
      return FALSE;
    }
  for (; sent < n; sent++)
    if (g_ptr_array_index (names, sent) != NULL
        ? !PQsendQueryPrepared (conn, g_ptr_array_index (names, sent), statements[sent].n_params,
                                statements[sent].params, NULL, NULL, 0)
        : !PQsendQueryParams (conn, statements[sent].sql, 0, NULL, NULL, NULL, NULL, 0))
      break;
  /* the sync even after a statement could not be sent: without it the
   * server answers none of those that were */
  synced = PQpipelineSync (conn);
  if (sent < n || !synced)
    set_database_error (&failure, PQerrorMessage (conn));
  if (!synced)
    {
      PQreset (conn);
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }

  /* each statement's result, then the NULL that ends it; a statement
   * after a failure answers PGRES_PIPELINE_ABORTED */
  for (guint i = 0; i < sent; i++)
    {
      PGresult *result = PQgetResult (conn);
      PGresult *end;

      if (result == NULL)
        {
          if (failure == NULL)
            set_database_error (&failure, PQerrorMessage (conn));
          break;
        }
      if (PQresultStatus (result) == PGRES_PIPELINE_ABORTED)
        PQclear (result);
      else if (failure == NULL)
        {
          if (take_result (conn, &result, &failure))
            results[i] = result;
        }
      else
        PQclear (result);
      while ((end = PQgetResult (conn)) != NULL)
        PQclear (end);
    }

  /* the sync's own result. A connection that broke stays in pipeline
   * mode; the next request makes it again (get_connection () in
   * kontor-server-http.c) */
  {
    PGresult *sync = PQgetResult (conn);

    if (sync != NULL && PQresultStatus (sync) != PGRES_PIPELINE_SYNC && failure == NULL)
      set_database_error (&failure, PQerrorMessage (conn));
    g_clear_pointer (&sync, PQclear);
  }
  if (!PQexitPipelineMode (conn) && failure == NULL)
    set_database_error (&failure, PQerrorMessage (conn));

  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }

  return TRUE;
}

/* kontor_db_exec() for a statement whose rows do not matter */
gboolean
kontor_db_run (PGconn              *conn,
               const char          *sql,
               int                  n_params,
               const char * const  *params,
               GError             **error)
{
  g_autoptr(PGresult) result = kontor_db_exec (conn, sql, n_params, params, error);

  return result != NULL;
}

/* A multi-statement script, no parameters */
static gboolean
run_script (PGconn      *conn,
            const char  *sql,
            GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      set_database_error (error, PQresultErrorMessage (result));
      return FALSE;
    }

  return TRUE;
}

/* The version stored, 0 for a database without the server's schema */
static int
read_version (PGconn  *conn,
              GError **error)
{
  g_autoptr(PGresult) exists = kontor_db_exec (conn, "SELECT to_regclass ('server_schema')"
                                                     " IS NOT NULL", 0, NULL, error);
  g_autoptr(PGresult) result = NULL;

  if (exists == NULL)
    return -1;
  if (g_strcmp0 (PQgetvalue (exists, 0, 0), "t") != 0)
    return 0;

  result = kontor_db_exec (conn, "SELECT version FROM server_schema", 0, NULL, error);
  if (result == NULL)
    return -1;

  return PQntuples (result) > 0 ? atoi (PQgetvalue (result, 0, 0)) : 0;
}

/**
 * kontor_db_get_version:
 * @conn: a connection
 * @error: return location for a #GError
 *
 * Returns: the schema version of the database (0 for none), -1 on error
 */
int
kontor_db_get_version (PGconn  *conn,
                       GError **error)
{
  return read_version (conn, error);
}

static gboolean
migrate_locked (PGconn  *conn,
                GError **error)
{
  int version = read_version (conn, error);

  if (version < 0)
    return FALSE;

  if (version > KONTOR_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_SCHEMA_NEWER,
                   _("The database has schema version %d, written by a newer kontor-server; "
                     "this one knows up to version %d. Install the newer kontor-server."),
                   version, KONTOR_SERVER_SCHEMA_VERSION);
      return FALSE;
    }

  if (version == 0 &&
      (!run_script (conn, "CREATE TABLE server_schema (version integer NOT NULL);"
                          "INSERT INTO server_schema VALUES (0)", error)))
    return FALSE;

  for (int v = version; v < KONTOR_SERVER_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strconcat ("/io/github/kontor/Server/schema/", migrations[v], NULL);
      g_autoptr(GBytes) script = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                          NULL);
      g_autofree char *sql = NULL;
      g_autofree char *number = g_strdup_printf ("%d", v + 1);
      const char *params[] = { number };

      g_assert (script != NULL);
      sql = g_strndup (g_bytes_get_data (script, NULL), g_bytes_get_size (script));
      if (!run_script (conn, sql, error) ||
          !kontor_db_run (conn, "UPDATE server_schema SET version = $1", 1, params, error))
        return FALSE;

      /* the one workspace of this server, made with its schema */
      if (v == 0)
        {
          g_autofree char *id = kontor_uuid_v7_new ();
          const char *workspace[] = { id };

          if (!kontor_db_run (conn, "INSERT INTO workspace (id, name) VALUES ($1, 'Kontor')",
                              1, workspace, error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * kontor_db_migrate:
 * @conn: a connection
 * @error: return location for a #GError
 *
 * Brings the database's schema up to KONTOR_SERVER_SCHEMA_VERSION in one
 * transaction, under an advisory lock so that instances started together
 * upgrade it once. A database of a newer schema is refused with
 * %KONTOR_SERVER_ERROR_SCHEMA_NEWER and left as it is.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_db_migrate (PGconn  *conn,
                   GError **error)
{
  gboolean ok;

  if (!run_script (conn, "BEGIN; SELECT pg_advisory_xact_lock (" MIGRATION_LOCK ")", error))
    return FALSE;

  ok = migrate_locked (conn, error);
  if (!run_script (conn, ok ? "COMMIT" : "ROLLBACK", ok ? error : NULL))
    return FALSE;

  return ok;
}
