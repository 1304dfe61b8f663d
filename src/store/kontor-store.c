/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* KontorStore owns the local SQLite database. Every write is one BEGIN
 * IMMEDIATE transaction that changes the domain rows and appends
 * field-level outbox entries (src/README.md "Sync"); every SQLite return code is
 * checked, COMMIT included, and a failed write leaves nothing behind.
 * Listeners learn of committed changes from the "changed" signal.
 *
 * Threading: a store is used from the thread that opened it (the main
 * thread in the app); transactions are short. The connection is opened
 * with SQLITE_OPEN_NOMUTEX for that reason. A long write runs as a
 * KontorStoreJob, on a worker thread with a connection of its own.
 *
 * The store by topic. Each file calls only the files below it; each
 * private function is declared in the private header of the file that
 * defines it. Generic code reaches an entity's hooks through its
 * KontorEntityInfo (kontor-store-entity.h), never by name.
 *
 *   kontor-store-migrations.c  kontor_store_open(): schema upgrades and their
 *                              code steps, sort keys and search documents
 *                              rebuilt, this installation's identity
 *   kontor-record-list.c       beside it, the operations: lists (over
 *   kontor-store-query.c       filters and search; GNOME Shell's few
 *   kontor-store-quick-search.c  records), undoable field changes
 *   kontor-field-change.c      and board columns, company changes
 *   kontor-company-change.c
 *   kontor-pipeline-operation.c
 *   kontor-lead-project-write.c
 *        |
 *   kontor-store-contact.c     entity hooks and each entity's extra SQL;
 *   kontor-store-company.c     a contact links to (and may create) a
 *   kontor-store-pipeline.c    company, so contact is above company
 *   kontor-store-user.c, kontor-store-team.c, kontor-store-group.c,
 *   kontor-store-employment.c, kontor-store-lead.c
 *        |
 *   kontor-store-numbers.c     number ranges; customer numbers are unique
 *        |
 *   kontor-store-crud.c        generic load, insert, update, delete from
 *                              the field table; the entity registry
 *        |
 *   kontor-store-children.c    e-mail addresses, phone numbers, links
 *   kontor-store-index.c       sort keys and search documents
 *        |
 *   kontor-store-outbox.c      the outbox
 *        |
 *   kontor-store.c             (this file) connection, statements, errors,
 *                              transactions, key/values, purge
 *
 * Field values become outbox JSON in the model (kontor-record-json.c). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kontor-store-db.h"
#include "kontor-lead-join.h"

enum {
  PROP_0,
  PROP_PATH,
  PROP_CURRENT_USER,
  PROP_PURGING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KontorStore, kontor_store, G_TYPE_OBJECT)

static const char *
display_path (KontorStore *self)
{
  return self->path != NULL ? self->path : "";
}

/**
 * _kontor_store_set_error:
 * @self: a store
 * @rc: an SQLite result code (extended codes welcome)
 * @error: return location for a #GError
 *
 * Turns an SQLite result into a KONTOR_STORE_ERROR a person can act on.
 */
void
_kontor_store_set_error (KontorStore  *self,
                         int           rc,
                         GError      **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FULL,
                   /* Translators: %s is the path of the database file */
                   _("The disk holding “%s” is full. Free some space and try again; "
                     "nothing was changed."),
                   display_path (self));
      break;
    case SQLITE_READONLY:
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is the path of the database file */
                   _("The database “%s” cannot be written. Check that the file and its "
                     "folder may be written; nothing was changed."),
                   display_path (self));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_BUSY,
                   /* Translators: %s is the path of the database file */
                   _("The database “%s” is in use by another program. Try again in a "
                     "moment; nothing was changed."),
                   display_path (self));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_CORRUPT,
                   /* Translators: %s is the path of the database file */
                   _("“%s” is damaged or is not a Kontor database."),
                   display_path (self));
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_CANT_OPEN,
                   /* Translators: the first %s is the path of the database file,
                    * the second what the system said */
                   _("Could not open the database “%s”: %s"),
                   display_path (self), detail);
      break;
    case SQLITE_IOERR:
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_IO,
                   /* Translators: the first %s is the path of the database file,
                    * the second what the system said */
                   _("Could not read or write the database “%s”: %s"),
                   display_path (self), detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is the database's explanation (English) */
                   _("The change breaks a rule of the database and was not saved (%s)."),
                   detail);
      break;
    default:
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FAILED,
                   /* Translators: %s is the database's explanation (English) */
                   _("The database reported an error: %s"), detail);
      break;
    }
}

/* Statements are looked up by their text on every use, hundreds of
 * thousands of times in an import: hashing every character of a long
 * INSERT cost more than a fortieth of it. Statements differ in length or
 * in their table, columns and conditions, so the length and 32 characters
 * spread over the text tell them apart; equal hashes compare whole texts. */
static guint
statement_hash (gconstpointer key)
{
  const char *sql = key;
  gsize length = strlen (sql);
  guint hash = (guint) length;

  for (gsize i = 0; i < 32 && length > 0; i++)
    hash = hash * 31 + (guchar) sql[i * length / 32];

  return hash;
}

/**
 * _kontor_store_prepare:
 * @self: a store
 * @sql: one SQL statement, a string literal of the caller
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the statement, prepared once per
 *   store and reset, with its bindings cleared
 */
sqlite3_stmt *
_kontor_store_prepare (KontorStore  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _kontor_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

/**
 * _kontor_store_step:
 * @self: a store
 * @stmt: a prepared statement
 * @error: return location for a #GError
 *
 * Returns: 1 with a row, 0 when done, -1 on error (the statement is reset)
 */
int
_kontor_store_step (KontorStore   *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;

  rc = sqlite3_reset (stmt);
  _kontor_store_set_error (self, rc, error);

  return -1;
}

gboolean
_kontor_store_step_done (KontorStore   *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  int result = _kontor_store_step (self, stmt, error);

  if (result == 1)
    {
      /* A statement that returns rows where none were expected (say,
       * INSERT … RETURNING) must still finish. */
      while ((result = _kontor_store_step (self, stmt, error)) == 1)
        ;
    }
  sqlite3_reset (stmt);

  return result == 0;
}

/**
 * _kontor_store_step_one:
 * @self: a store
 * @stmt: a prepared, bound statement that yields at most one row
 * @number: (out) (optional): set to the row's first column as an integer
 * @text: (out) (optional) (transfer full): set to a copy of the row's first
 *   column (%NULL for SQL NULL)
 * @error: return location for a #GError
 *
 * Steps @stmt once and resets it. Without a row, @number and @text are
 * left alone.
 *
 * Returns: 1 with a row, 0 without, -1 on error
 */
int
_kontor_store_step_one (KontorStore   *self,
                        sqlite3_stmt  *stmt,
                        gint64        *number,
                        char         **text,
                        GError       **error)
{
  int result = _kontor_store_step (self, stmt, error);

  if (result == 1 && number != NULL)
    *number = sqlite3_column_int64 (stmt, 0);
  if (result == 1 && text != NULL)
    *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return result;
}

/**
 * _kontor_store_exec_with_text:
 * @self: a store
 * @sql: one statement with one parameter, ?1
 * @text: (nullable): the value of ?1
 * @error: return location for a #GError
 *
 * Prepares @sql (once, like every statement), binds @text and runs it to
 * the end.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_exec_with_text (KontorStore  *self,
                              const char   *sql,
                              const char   *text,
                              GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

gboolean
_kontor_store_exec (KontorStore  *self,
                    const char   *sql,
                    GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _kontor_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * _kontor_store_release_map:
 * @self: a store, outside a transaction
 *
 * Unmaps the file and maps it again, untouched: each page read through
 * the memory map stays in the process's resident memory while it is
 * mapped (up to KONTOR_STORE_MMAP_BYTES), and after a bulk transaction or
 * before an import that is most of the file. The pages stay in the
 * system's file cache, and the next reads map them again. SQLite changes
 * nothing while a page of the map is in use (a statement stepping).
 */
void
_kontor_store_release_map (KontorStore *self)
{
  _kontor_store_exec (self, "PRAGMA mmap_size = 0", NULL);
  _kontor_store_exec (self, "PRAGMA mmap_size = " G_STRINGIFY (KONTOR_STORE_MMAP_BYTES), NULL);
}

/**
 * _kontor_store_set_bulk:
 * @self: a store, outside a transaction
 * @bulk: %TRUE before a transaction that writes many rows, %FALSE after it
 * @written: with @bulk %FALSE, whether the transaction was committed
 *
 * Gives the connection a large page cache for one big transaction, which
 * would otherwise spill to the log and read it back; afterwards the small
 * cache again, the memory back, and the log truncated: the commit's
 * checkpoint has copied it into the database, and it would keep its
 * hundreds of MiB on the disk until the next write.
 */
void
_kontor_store_set_bulk (KontorStore *self,
                        gboolean     bulk,
                        gboolean     written)
{
  if (bulk)
    {
      _kontor_store_exec (self, "PRAGMA cache_size = " G_STRINGIFY (KONTOR_STORE_BULK_CACHE_KIB),
                          NULL);
      return;
    }

  _kontor_store_exec (self, "PRAGMA cache_size = " G_STRINGIFY (KONTOR_STORE_CACHE_KIB), NULL);
  sqlite3_db_release_memory (self->db);
  _kontor_store_release_map (self);
  if (written)
    _kontor_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
}

/**
 * _kontor_store_set_times_given:
 * @self: a store, outside a transaction
 * @given: %TRUE before the saves of an undo or of a change that brings
 *   its own times, %FALSE when they did not start
 *
 * The saves of the next transaction derive nothing from the moment (the
 * time a contact entered its board column, contact_check () in
 * kontor-store-contact.c): an undo puts back the time that was, a board
 * move and its redo bring theirs, and such a time may equal the one it
 * replaces, when both fell in the same second. The end of the
 * transaction clears it, so that a handler of "changed" saves as ever.
 */
void
_kontor_store_set_times_given (KontorStore *self,
                               gboolean     given)
{
  self->times_given = given;
}

/**
 * _kontor_store_select_rowids:
 * @self: a store
 * @sql: a query of row ids, with at most one parameter
 * @text: (nullable): the text bound to ?1
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the row ids
 *   @sql finds, in its order
 */
GArray *
_kontor_store_select_rowids (KontorStore  *self,
                             const char   *sql,
                             const char   *text,
                             GError      **error)
{
  g_autoptr(GArray) rowids = NULL;
  sqlite3_stmt *stmt;
  int result;

  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return NULL;

  return g_steal_pointer (&rowids);
}

static void
forget_names (KontorStore *self)
{
  g_hash_table_remove_all (self->names);
  g_hash_table_remove_all (self->name_tables);
}

/**
 * _kontor_store_dup_ids_json:
 * @ids: (array zero-terminated=1): record ids
 *
 * Returns: (transfer full): ["id", …] for json_each (): any text,
 *   escaped by json-glib
 */
char *
_kontor_store_dup_ids_json (const char * const *ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * _kontor_store_forget_names:
 * @self: a store
 * @table: a table about to change
 *
 * Forgets what _kontor_store_dup_name() looked up when it came from
 * @table: called before a row of it is written, so that what the write
 * updates next (a renamed company's contacts) sees the new name.
 */
void
_kontor_store_forget_names (KontorStore *self,
                            const char  *table)
{
  if (g_hash_table_contains (self->name_tables, table))
    forget_names (self);
}

/**
 * _kontor_store_dup_name:
 * @self: a store
 * @table: a table with the columns id and name
 * @id: (nullable): the id of one of its rows
 *
 * The name of a record another one shows (a contact's company), looked up
 * once per transaction: an import of thousands of contacts of the same
 * companies asks for each name many times. Forgotten when @table changes
 * and when the transaction ends.
 *
 * Returns: (transfer full) (nullable): the name, %NULL without one
 */
char *
_kontor_store_dup_name (KontorStore *self,
                        const char  *table,
                        const char  *id)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *name = NULL;
  gpointer cached;

  if (id == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (self->names, id, NULL, &cached))
    return g_strdup (cached);

  sql = g_strdup_printf ("SELECT name FROM %s WHERE id = ?1", table);
  stmt = _kontor_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, NULL, &name, NULL) < 0)
    return NULL;

  if (self->in_transaction)
    {
      g_hash_table_insert (self->names, g_strdup (id), g_strdup (name));
      g_hash_table_add (self->name_tables, g_strdup (table));
    }

  return name;
}

/**
 * _kontor_store_begin:
 * @self: a store
 * @error: return location for a #GError
 *
 * Starts a write transaction. BEGIN IMMEDIATE takes the write lock at once,
 * so a write never fails half way with SQLITE_BUSY when it upgrades a read
 * lock (the reason EDS gives for it).
 *
 * Returns: %TRUE when the transaction started
 */
gboolean
_kontor_store_begin (KontorStore  *self,
                     GError      **error)
{
  /* inside a job's transaction, a write is a savepoint of it; after
   * SQLite gave that transaction up (a full disk), a savepoint would begin
   * a new one, and the job would commit the writes after it alone */
  if (self->worker && self->in_transaction)
    {
      if (sqlite3_get_autocommit (self->db))
        {
          g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FAILED,
                               _("The database took back the whole change after an earlier "
                                 "error; nothing of it was saved."));
          return FALSE;
        }
      if (!_kontor_store_exec (self, "SAVEPOINT job_step", error))
        return FALSE;
      self->savepoints++;
      return TRUE;
    }

  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!_kontor_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  self->purge_marked = FALSE;
  g_hash_table_remove_all (self->pending_changes);
  g_hash_table_remove_all (self->pending_many);
  _kontor_store_forget_lead_join (self);

  return TRUE;
}

void
_kontor_store_rollback (KontorStore *self)
{
  /* an order read inside the transaction is not the store's any more,
   * nor a name */
  self->data_version++;
  forget_names (self);

  if (self->savepoints > 0)
    {
      self->savepoints--;
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK TO job_step; RELEASE job_step", NULL, NULL, NULL);
      return;
    }

  /* After some errors (SQLITE_FULL, SQLITE_IOERR …) SQLite has already
   * rolled back; a second ROLLBACK would only report "no transaction". */
  if (!sqlite3_get_autocommit (self->db))
    {
      int rc = sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        g_warning ("ROLLBACK failed: %s", sqlite3_errmsg (self->db));
    }

  self->in_transaction = FALSE;
  self->times_given = FALSE;
  g_hash_table_remove_all (self->pending_changes);
  g_hash_table_remove_all (self->pending_many);
  _kontor_store_forget_lead_join (self);
}

/**
 * _kontor_store_end:
 * @self: a store inside a transaction
 * @ok: whether the writes of the transaction succeeded
 * @error: return location for a #GError
 *
 * Ends the transaction begun with _kontor_store_begin(): commits it when
 * @ok, rolls it back otherwise (@error is then already set by the write
 * that failed).
 *
 * Returns: %TRUE when @ok and the commit succeeded
 */
gboolean
_kontor_store_end (KontorStore  *self,
                   gboolean      ok,
                   GError      **error)
{
  if (!ok)
    {
      _kontor_store_rollback (self);
      return FALSE;
    }

  return _kontor_store_commit (self, error);
}

/* commits of this process's worker connections, for the main store's
 * look for other writers */
gint _kontor_store_own_commits;

static void
emit_changes (KontorStore *self,
              GHashTable  *changes,
              GHashTable  *many)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, changes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *rowids = value;

      if (g_hash_table_contains (many, key))
        g_array_set_size (rowids, 0);
      g_signal_emit (self, signals[CHANGED], g_quark_from_string (key), key, rowids);
    }
}

/**
 * _kontor_store_commit:
 * @self: a store
 * @error: return location for a #GError
 *
 * Commits, or rolls back when COMMIT fails (a deferred constraint, a full
 * disk, an I/O error): then nothing of the transaction is stored. Emits
 * "changed" for what the transaction changed, after the commit.
 *
 * Returns: %TRUE when everything was committed
 */
gboolean
_kontor_store_commit (KontorStore  *self,
                      GError      **error)
{
  g_autoptr(GHashTable) changes = NULL;
  g_autoptr(GHashTable) many = NULL;
  int rc;

  g_return_val_if_fail (self->in_transaction, FALSE);

  if (self->savepoints > 0)
    {
      self->savepoints--;
      return _kontor_store_exec (self, "RELEASE job_step", error);
    }

  /* contacts that entered or left a lead project's linked group join it
   * or leave it in the same transaction (src/README.md "Lead projects") */
  if (!_kontor_store_join_lead_groups (self, error))
    {
      _kontor_store_rollback (self);
      return FALSE;
    }

  if (self->worker)
    g_atomic_int_inc (&_kontor_store_own_commits);
  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _kontor_store_set_error (self, rc, error);
      _kontor_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  self->times_given = FALSE;
  /* a commit of this process's own worker connections (a job, the sync,
   * the purge, the reminders) is announced by whoever runs it: the main
   * store's look for other writers does not take it for another
   * process's (_kontor_store_look_at_data_version ()) */
  if (self->worker)
    g_atomic_int_inc (&_kontor_store_own_commits);
  /* the names are the transaction's (another connection, a job's, may
   * change them next), and an import's thousands go */
  forget_names (self);
  /* Handlers may start the next transaction: hand them fresh tables. */
  changes = g_steal_pointer (&self->pending_changes);
  many = g_steal_pointer (&self->pending_many);
  self->pending_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_array_unref);
  self->pending_many = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  emit_changes (self, changes, many);

  return TRUE;
}

/**
 * _kontor_store_note_change:
 * @self: a store
 * @entity: the entity that changed
 * @rowid: the changed row, or 0 when many rows may have changed
 *
 * Remembers a change of the running transaction for the "changed" signal.
 */
void
_kontor_store_note_change (KontorStore *self,
                           const char  *entity,
                           gint64       rowid)
{
  _kontor_store_forget_names (self, entity);
  _kontor_store_note_insert (self, entity, rowid, NULL);
}

/**
 * _kontor_store_note_insert:
 * @self: a store
 * @entity: the entity of the new row
 * @rowid: the new row
 * @id: (nullable): its id
 *
 * _kontor_store_note_change() for a row just inserted: a new row renames
 * no other, so the names _kontor_store_dup_name() looked up stay, but
 * @id's own (a lookup before the insert found none). An import making a
 * company every twenty rows would otherwise look up every name again.
 */
void
_kontor_store_note_insert (KontorStore *self,
                           const char  *entity,
                           gint64       rowid,
                           const char  *id)
{
  GArray *rowids = g_hash_table_lookup (self->pending_changes, entity);

  /* any change may change an order (a renamed company, a moved column) */
  self->data_version++;
  if (id != NULL)
    g_hash_table_remove (self->names, id);

  if (rowids == NULL)
    {
      rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->pending_changes, g_strdup (entity), rowids);
    }

  if (rowid == 0)
    g_hash_table_add (self->pending_many, g_strdup (entity));
  else
    g_array_append_val (rowids, rowid);

  _kontor_store_note_lead_join (self, entity, rowid);
}

static char *
get_key_value (KontorStore  *self,
               const char   *sql,
               const char   *key,
               GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  _kontor_store_step_one (self, stmt, NULL, &value, error);

  return value;
}

static gboolean
set_key_value (KontorStore  *self,
               const char   *sql,
               const char   *key,
               const char   *value,
               GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * _kontor_store_get_state:
 * @self: a store
 * @key: a sync_state key
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the value; %NULL without @error set
 *   when there is none
 */
char *
_kontor_store_get_state (KontorStore  *self,
                         const char   *key,
                         GError      **error)
{
  return get_key_value (self, "SELECT value FROM sync_state WHERE key = ?1", key, error);
}

gboolean
_kontor_store_set_state (KontorStore  *self,
                         const char   *key,
                         const char   *value,
                         GError      **error)
{
  return set_key_value (self, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)",
                        key, value, error);
}

char *
_kontor_store_get_meta (KontorStore  *self,
                        const char   *key,
                        GError      **error)
{
  return get_key_value (self, "SELECT value FROM meta WHERE key = ?1", key, error);
}

gboolean
_kontor_store_set_meta (KontorStore  *self,
                        const char   *key,
                        const char   *value,
                        GError      **error)
{
  return set_key_value (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                        key, value, error);
}

/* Purging deleted data -------------------------------------------------
 *
 * A deleted contact's words stay in the FTS5 index segments (delete only
 * adds markers until segments merge; SQLite 3.40 has no secure-delete for
 * FTS5), and old page images stay in the write-ahead log until a
 * checkpoint. "optimize" rewrites the index (about a second for 100 000
 * contacts), so it runs after the delete on a worker thread with its own
 * connection; a "purge-pending" mark written in the delete's transaction
 * makes the next open finish it if the app ends first. */

static const char purge_sql[] =
  "BEGIN IMMEDIATE;"
  "INSERT INTO contact_search (contact_search) VALUES ('optimize');"
  "INSERT INTO activity_search (activity_search) VALUES ('optimize');"
  "INSERT INTO lead_entry_search (lead_entry_search) VALUES ('optimize');"
  "DELETE FROM meta WHERE key = 'purge-pending';"
  "COMMIT;";

gboolean
_kontor_store_mark_purge (KontorStore  *self,
                          GError      **error)
{
  self->purge_marked = TRUE;

  return _kontor_store_set_meta (self, "purge-pending", "1", error);
}

static int
run_purge (sqlite3 *db)
{
  int rc = sqlite3_exec (db, purge_sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return rc;
    }

  /* TRUNCATE: the log's old frames are gone, not just reusable */
  return sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

static void
purge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = task_data;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 10000);
      /* its commits are this process's own, before and after: the main
       * store's look for other writers does not take them for another
       * process's (_kontor_store_look_at_data_version ()) */
      g_atomic_int_inc (&_kontor_store_own_commits);
      rc = run_purge (db);
      g_atomic_int_inc (&_kontor_store_own_commits);
    }
  sqlite3_close (db);

  if (rc != SQLITE_OK)
    g_task_return_new_error (task, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FAILED,
                             "%s", sqlite3_errstr (rc));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_purge_done (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KontorStore *self = KONTOR_STORE (source_object);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->purge_task);

  /* not fatal: the mark stays, and the next open tries again */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("Purging deleted data from “%s” failed, will try again: %s",
               self->path, error->message);

  if (self->purge_again)
    {
      self->purge_again = FALSE;
      _kontor_store_purge_in_background (self);
      return;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURGING]);
}

void
_kontor_store_purge_in_background (KontorStore *self)
{
  gboolean was_purging = self->purge_task != NULL;

  /* a job's connection: the job asks the main store after its commit */
  if (was_purging || self->worker)
    {
      self->purge_again = TRUE;
      return;
    }

  self->purge_task = g_task_new (self, NULL, on_purge_done, NULL);
  g_task_set_source_tag (self->purge_task, _kontor_store_purge_in_background);
  g_task_set_task_data (self->purge_task, g_strdup (self->path), g_free);
  g_task_run_in_thread (self->purge_task, purge_thread);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURGING]);
}

/**
 * kontor_store_get_purging:
 * @self: a store
 *
 * Returns: %TRUE while deleted data is being purged in the background
 */
gboolean
kontor_store_get_purging (KontorStore *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);

  return self->purge_task != NULL;
}

/**
 * kontor_store_purge:
 * @self: a store
 * @error: return location for a #GError
 *
 * Removes what deleted records left in the search index and in the
 * write-ahead log, now, on this thread (for the command line and for a
 * database opened with a purge still pending). The app normally lets
 * kontor_store_delete() start it in the background.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_purge (KontorStore  *self,
                    GError      **error)
{
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  rc = run_purge (self->db);
  if (rc != SQLITE_OK)
    {
      _kontor_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Finishes a purge the app did not finish before it ended. */
gboolean
_kontor_store_finish_pending_purge (KontorStore  *self,
                                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pending = _kontor_store_get_meta (self, "purge-pending", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return pending == NULL || kontor_store_purge (self, error);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
kontor_store_finalize (GObject *object)
{
  KontorStore *self = KONTOR_STORE (object);

  g_clear_object (&self->current_user);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending_changes, g_hash_table_unref);
  g_clear_pointer (&self->pending_many, g_hash_table_unref);
  g_clear_pointer (&self->lead_join_contacts, g_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->name_tables, g_hash_table_unref);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        g_warning ("Closing the database failed: %s", sqlite3_errstr (rc));
      self->db = NULL;
    }

  g_free (self->client_id);
  g_strfreev (self->merging_sales_reps);
  g_free (self->path);
  for (guint i = 0; i < G_N_ELEMENTS (self->orders); i++)
    {
      g_free (self->orders[i].key);
      g_clear_pointer (&self->orders[i].rowids, g_array_unref);
    }

  G_OBJECT_CLASS (kontor_store_parent_class)->finalize (object);
}

static void
kontor_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KontorStore *self = KONTOR_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CURRENT_USER:
      g_value_set_object (value, self->current_user);
      break;
    case PROP_PURGING:
      g_value_set_boolean (value, kontor_store_get_purging (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_store_class_init (KontorStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_store_finalize;
  object_class->get_property = kontor_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_USER] =
    g_param_spec_object ("current-user", NULL, NULL, KONTOR_TYPE_USER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PURGING] =
    g_param_spec_boolean ("purging", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KontorStore::changed:
   * @self: the store
   * @entity: the entity that changed ("contact"); also the signal's detail
   * @rowids: (element-type gint64): the changed rows; empty when many rows
   *   may have changed
   *
   * Emitted after a transaction that changed @entity was committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ARRAY);
}

static void
kontor_store_init (KontorStore *self)
{
  self->statements = g_hash_table_new_full (statement_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->pending_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_array_unref);
  self->pending_many = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lead_join_contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->name_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->other_version = -1;
}

/**
 * kontor_store_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/kontor/kontor.db`
 */
char *
kontor_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kontor", "kontor.db", NULL);
}

static gboolean
open_connection (KontorStore  *self,
                 GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_CANT_OPEN,
                   /* Translators: the first %s is a folder, the second what the system said */
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _kontor_store_set_error (self, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* WAL: readers never block the writer; synchronous=FULL: a committed
   * change (and its outbox entry) survives a power cut (src/README.md "Sync"). */
  return _kontor_store_exec (self,
                             "PRAGMA journal_mode = WAL;"
                             "PRAGMA synchronous = FULL;"
                             "PRAGMA foreign_keys = ON;"
                             /* a deleted record's or erased birthday's bytes are
                              * zeroed where that costs no extra write */
                             "PRAGMA secure_delete = FAST;"
                             "PRAGMA cache_size = " G_STRINGIFY (KONTOR_STORE_CACHE_KIB) ";"
                             /* a large import grows the log to hundreds of
                              * MiB; give the space back after checkpoints */
                             "PRAGMA journal_size_limit = 67108864;"
                             "PRAGMA mmap_size = " G_STRINGIFY (KONTOR_STORE_MMAP_BYTES) ";",
                             error);
}

/**
 * _kontor_store_open_worker:
 * @path: the file of a store that is open already (and so up to date)
 * @client_id: that store's client id
 * @error: return location for a #GError
 *
 * Opens a second connection on the file for a KontorStoreJob, to be used
 * by one thread only. Its transactions nest: once the job has begun one,
 * every write runs in a savepoint of it. The caller, above the records'
 * layer, loads the current user into it.
 *
 * Returns: (transfer full) (nullable): the store
 */
KontorStore *
_kontor_store_open_worker (const char  *path,
                           const char  *client_id,
                           GError     **error)
{
  KontorStore *self = _kontor_store_connect (path, error);

  if (self == NULL)
    return NULL;

  self->client_id = g_strdup (client_id);
  self->worker = TRUE;

  return self;
}

/**
 * kontor_store_open_connection:
 * @path: the database file of the store
 * @client_id: the store's installation id (kontor_store_get_client_id ())
 * @user_id: (nullable): the id of the user the store works as
 * @error: return location for a #GError
 *
 * Opens a second connection on a store's file for one other thread: a
 * #KontorStoreJob's worker, or the sync service's (src/README.md
 * "Threading"). Call it on that thread and use the connection only
 * there. A purge its deletes want is left to the main store
 * (kontor_store_connection_take_purge ()), and the main store learns
 * what it committed from kontor_store_catch_up ().
 *
 * Returns: (transfer full) (nullable): the connection
 */
KontorStore *
kontor_store_open_connection (const char  *path,
                              const char  *client_id,
                              const char  *user_id,
                              GError     **error)
{
  g_autoptr(KontorStore) self = NULL;

  g_return_val_if_fail (path != NULL && client_id != NULL, NULL);

  self = _kontor_store_open_worker (path, client_id, error);
  if (self == NULL)
    return NULL;
  if (user_id != NULL &&
      (self->current_user = kontor_store_load (self, KONTOR_TYPE_USER, user_id, error)) == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kontor_store_connection_take_purge:
 * @connection: a connection from kontor_store_open_connection ()
 *
 * Returns: whether what the connection deleted wants the search index
 *   purged (kontor_store_catch_up ()'s @purge); asks only once
 */
gboolean
kontor_store_connection_take_purge (KontorStore *connection)
{
  gboolean purge;

  g_return_val_if_fail (KONTOR_IS_STORE (connection), FALSE);
  g_return_val_if_fail (connection->worker, FALSE);

  purge = connection->purge_again;
  connection->purge_again = FALSE;

  return purge;
}

/**
 * kontor_store_catch_up:
 * @self: the main store
 * @entities: (array zero-terminated=1): the kinds of records another
 *   connection on the file committed changes of, sorted
 * @purge: whether those changes deleted what the search index keeps
 *
 * Tells the store's listeners once per kind of record what another
 * connection committed, as a commit of this one would: "many rows". Call
 * it on the store's thread.
 *
 * While a window watches for other writers (kontor_store_check_other_writers ()),
 * the commit being announced moved `PRAGMA data_version` too: it is
 * looked at here, so that the next look does not announce the same
 * commit a second time. A version that moved may also hold another
 * process's commit since the last look, which only the version tells:
 * then every kind of record is announced, once. (The sync service ignores
 * what it announces itself; such another process's rows then go out with
 * its next periodic cycle rather than at once. Nothing is lost.)
 */
void
kontor_store_catch_up (KontorStore        *self,
                       const char * const *entities,
                       gboolean            purge)
{
  gboolean moved = FALSE;

  g_return_if_fail (KONTOR_IS_STORE (self));

  if (self->other_version >= 0 && !self->in_transaction &&
      _kontor_store_look_at_data_version (self, &moved, NULL) && moved)
    {
      _kontor_store_announce_all (self, purge);
      return;
    }

  _kontor_store_announce (self, entities, purge);
}

/**
 * _kontor_store_announce:
 * @self: the main store
 * @entities: (array zero-terminated=1) (nullable): kinds of records
 * @purge: whether to purge what the search index keeps of deleted rows
 *
 * Emits "changed" with "many rows" for each of @entities, after
 * forgetting the cached orders and names.
 */
void
_kontor_store_announce (KontorStore        *self,
                        const char * const *entities,
                        gboolean            purge)
{
  /* the store's cached orders and names are out of date */
  self->data_version++;
  forget_names (self);

  for (guint i = 0; entities != NULL && entities[i] != NULL; i++)
    {
      g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_signal_emit (self, signals[CHANGED], g_quark_from_string (entities[i]), entities[i], many);
    }

  if (purge)
    _kontor_store_purge_in_background (self);
}

/**
 * _kontor_store_connect:
 * @path: (nullable): the database file, %NULL for the default
 * @error: return location for a #GError
 *
 * Opens the connection, creating the file and its folder when needed; the
 * schema is kontor-store-migrations.c's business.
 *
 * Returns: (transfer full) (nullable): a store without a schema check yet
 */
KontorStore *
_kontor_store_connect (const char  *path,
                       GError     **error)
{
  g_autoptr(KontorStore) self = g_object_new (KONTOR_TYPE_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : kontor_store_dup_default_path ();

  if (!open_connection (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

sqlite3 *
_kontor_store_get_db (KontorStore *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return self->db;
}

const char *
kontor_store_get_path (KontorStore *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return self->path;
}

/**
 * kontor_store_get_client_id:
 * @self: a store
 *
 * Returns: this installation's sync client id (src/README.md "Identities and clocks")
 */
const char *
kontor_store_get_client_id (KontorStore *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return self->client_id;
}

/* The role of the user who writes: with none (a store opened but not
 * yet given its identity, which only ensure_identity() writes) nothing
 * may be written. */
static gboolean
get_role (KontorStore     *self,
          KontorUserRole  *role,
          GError         **error)
{
  if (self->current_user == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED,
                           _("Nobody is signed in to this database, so nothing can be "
                             "changed."));
      return FALSE;
    }

  *role = kontor_user_get_role (self->current_user);

  return TRUE;
}

/**
 * _kontor_store_check_role:
 * @self: a store
 * @record_type: the kind of record a write changes
 * @access: what the write does to it
 * @error: return location for a #GError
 *
 * Applies the model's rule of who may write what (kontor_user_role_check(),
 * src/README.md "Roles") to the current user. Every write of a record
 * passes here, so a role is refused by the store, not only by the UI.
 *
 * Returns: %TRUE when the current user may
 */
gboolean
_kontor_store_check_role (KontorStore   *self,
                          GType          record_type,
                          KontorAccess   access,
                          GError       **error)
{
  KontorUserRole role;

  /* the server checked the role of whoever made a change it sends */
  if (self->remote)
    return TRUE;

  return get_role (self, &role, error) &&
         kontor_user_role_check (role, record_type, access, error);
}

/**
 * _kontor_store_check_admin:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the current user is an administrator, who alone
 *   changes the team's settings (kontor_user_role_check_admin())
 */
gboolean
_kontor_store_check_admin (KontorStore  *self,
                           GError      **error)
{
  KontorUserRole role;

  if (self->remote)
    return TRUE;

  return get_role (self, &role, error) && kontor_user_role_check_admin (role, error);
}

/**
 * _kontor_store_take_current_user:
 * @self: a store
 * @user: (transfer none): the current user as just stored
 *
 * Follows a committed change of the current user (a new role, a new
 * name): the store's copy is replaced and #KontorStore:current-user
 * notified, so the rules and the window follow at once.
 */
void
_kontor_store_take_current_user (KontorStore *self,
                                 KontorUser  *user)
{
  g_autoptr(KontorRecord) copy = kontor_record_copy (KONTOR_RECORD (user));

  g_set_object (&self->current_user, KONTOR_USER (copy));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_USER]);
}

/**
 * kontor_store_get_current_user:
 * @self: a store
 *
 * Returns: (transfer none): the user working with this database
 */
KontorUser *
kontor_store_get_current_user (KontorStore *self)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return self->current_user;
}

/**
 * kontor_store_get_identity_chosen:
 * @self: a store
 *
 * Whether someone chose who they are on this installation (the first
 * start's question) since the store made its first user; until sync
 * brings real accounts, the app asks once.
 *
 * Returns: %TRUE once kontor_store_choose_identity() was called
 */
gboolean
kontor_store_get_identity_chosen (KontorStore *self)
{
  g_autofree char *chosen = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), TRUE);

  chosen = _kontor_store_get_state (self, "identity_chosen", NULL);

  return chosen != NULL;
}

/**
 * kontor_store_choose_identity:
 * @self: a store
 * @user: a stored user
 * @error: return location for a #GError
 *
 * The answer to the first start's question: @user is who works here from
 * now on, and the question is not asked again.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_choose_identity (KontorStore  *self,
                              KontorUser   *user,
                              GError      **error)
{
  const char *id;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_USER (user), FALSE);

  id = kontor_record_get_id (KONTOR_RECORD (user));
  g_return_val_if_fail (id != NULL, FALSE);

  if (!_kontor_store_begin (self, error) ||
      !_kontor_store_end (self,
                          _kontor_store_set_state (self, "user_id", id, error) &&
                          _kontor_store_set_state (self, "identity_chosen", "1", error),
                          error))
    return FALSE;

  if (g_set_object (&self->current_user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_USER]);

  return TRUE;
}

/**
 * kontor_store_set_current_user:
 * @self: a store
 * @user: a stored user
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @user is now the current user
 */
gboolean
kontor_store_set_current_user (KontorStore  *self,
                               KontorUser   *user,
                               GError      **error)
{
  const char *id;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_USER (user), FALSE);

  id = kontor_record_get_id (KONTOR_RECORD (user));
  g_return_val_if_fail (id != NULL, FALSE);

  if (!_kontor_store_begin (self, error) ||
      !_kontor_store_end (self, _kontor_store_set_state (self, "user_id", id, error), error))
    return FALSE;

  if (g_set_object (&self->current_user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_USER]);

  return TRUE;
}
