/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Opening a database brings it up to date: the schema (one SQL script per
 * version, a resource in schema/, and optional C steps that fill what a
 * script added), the sort keys when the locale changed, this
 * installation's identity, a purge left unfinished. The top of the store:
 * it uses every layer below and nothing calls into it but the public
 * kontor_store_open(). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "kontor-store-company.h"
#include "kontor-store-contact.h"
#include "kontor-store-crud.h"
#include "kontor-store-group.h"
#include "kontor-store-index.h"
#include "kontor-store-lead.h"
#include "kontor-store-blobs.h"
#include "kontor-store-migrations.h"
#include "kontor-store-pipeline.h"
#include "kontor-store-team.h"
#include "kontor-store-activity.h"
#include "kontor-store-employment.h"
#include "kontor-store-user.h"
#include "kontor-uuid.h"

/* Every record type the store keeps, registered once per process. Adding a
 * record kind: a file kontor-store-KIND.c with its KontorEntityInfo, and a
 * line here. */
static void
register_entities (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      _kontor_store_register_entity (&_kontor_store_contact_entity);
      _kontor_store_register_entity (&_kontor_store_company_entity);
      _kontor_store_register_entity (&_kontor_store_pipeline_status_entity);
      _kontor_store_register_entity (&_kontor_store_group_entity);
      _kontor_store_register_entity (&_kontor_store_group_member_entity);
      _kontor_store_register_entity (&_kontor_store_user_entity);
      _kontor_store_register_entity (&_kontor_store_team_entity);
      _kontor_store_register_entity (&_kontor_store_employment_entity);
      _kontor_store_register_entity (&_kontor_store_activity_entity);
      _kontor_store_register_entity (&_kontor_store_lead_project_entity);
      _kontor_store_register_entity (&_kontor_store_lead_status_entity);
      _kontor_store_register_entity (&_kontor_store_lead_entry_entity);
      g_once_init_leave (&registered, 1);
    }
}

/* Index rebuilds ---------------------------------------------------------- */

/* What a rewrite of every record makes anew */
typedef enum
{
  REWRITE_SEARCH    = 1 << 0,   /* search documents */
  REWRITE_SORT_KEYS = 1 << 1,   /* sort keys */
} Rewrite;

/* Loads every record of @info's table once and writes what @what says is
 * derived from it, then tells the lists */
static gboolean
rewrite_each_record (KontorStore            *self,
                     const KontorEntityInfo *info,
                     Rewrite                 what,
                     GError                **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rid FROM %s", info->table);
  g_autoptr(GArray) rowids = _kontor_store_select_rowids (self, sql, NULL, error);

  if (rowids == NULL)
    return FALSE;

  for (guint i = 0; i < rowids->len; i++)
    {
      g_autoptr(KontorRecord) record =
        _kontor_store_load_record (self, info, " WHERE t.rid = ?1", NULL,
                                   g_array_index (rowids, gint64, i), error);

      if (record == NULL ||
          ((what & REWRITE_SEARCH) != 0 &&
           !_kontor_store_write_search_document (self, info, record, FALSE, error)) ||
          ((what & REWRITE_SORT_KEYS) != 0 &&
           !_kontor_store_write_sort_keys (self, info, record, error)))
        return FALSE;
    }

  _kontor_store_note_change (self, info->table, 0);

  return TRUE;
}

/* Empties the full-text table of @info by making it anew: a DELETE of
 * every row would read and tokenize every document again to take its
 * words out of the index. */
static gboolean
empty_search_table (KontorStore             *self,
                    const KontorEntityInfo  *info,
                    GError                 **error)
{
  g_autofree char *create = NULL;
  g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", info->search_table);
  sqlite3_stmt *stmt;
  int found;

  stmt = _kontor_store_prepare (self, "SELECT sql FROM sqlite_master WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->search_table, -1, SQLITE_STATIC);
  found = _kontor_store_step_one (self, stmt, NULL, &create, error);
  if (found <= 0)
    return found == 0;

  return _kontor_store_exec (self, drop, error) && _kontor_store_exec (self, create, error);
}

/* Makes the search documents (migrations to versions 2 and 6, after
 * changes to what a document holds) or sort keys (version 7, and after
 * the locale's collation changed) of every record anew: one pass over the
 * records however many versions asked, since reading 100,000 of them is
 * the cost. */
static gboolean
rewrite_records (KontorStore  *self,
                 Rewrite       what,
                 GError      **error)
{
  g_autoptr(GPtrArray) index_creates = NULL;
  const KontorEntityInfo *info;

  /* new sort keys would otherwise go into every order index at a random
   * place, row by row; made anew at the end, each index is one sort */
  if ((what & REWRITE_SORT_KEYS) != 0)
    {
      index_creates = _kontor_store_drop_order_indexes (self, error);
      if (index_creates == NULL)
        return FALSE;
    }

  for (guint e = 0; (info = _kontor_entity_info_nth (e)) != NULL; e++)
    {
      Rewrite here = what;

      if (info->search_table == NULL)
        here &= ~REWRITE_SEARCH;
      if (_kontor_entity_info_n_sort_columns (info) == 0)
        here &= ~REWRITE_SORT_KEYS;
      if (here == 0)
        continue;

      if ((here & REWRITE_SEARCH) != 0 && !empty_search_table (self, info, error))
        return FALSE;
      if (!rewrite_each_record (self, info, here, error))
        return FALSE;
    }

  return _kontor_store_create_indexes (self, index_creates, error);
}

/* Migrations -------------------------------------------------------------- */

typedef gboolean (*MigrationStep) (KontorStore  *self,
                                   GError      **error);

/* Schema 26: the search documents of every activity (with its files'
 * names now) and lead entry */
static gboolean
index_notes (KontorStore  *self,
             GError      **error)
{
  return _kontor_store_index_activities (self, error) &&
         _kontor_store_index_lead_entries (self, error);
}

/* One entry per schema version; the script is a resource, the optional
 * step runs C code in the same transaction (e.g. ranking cards), and the
 * rewrite of every record what the version changed in derived values. */
static const struct {
  const char    *script;
  MigrationStep  after;
  Rewrite        rewrite;
} migrations[] = {
  { "001-initial.sql", NULL, 0 },
  { "002-search-and-numbers.sql", NULL, REWRITE_SEARCH },
  { "003-board.sql", _kontor_store_rank_all_contacts, 0 },
  { "004-board-index.sql", NULL, 0 },
  { "005-staleness.sql", NULL, 0 },
  { "006-phone-search.sql", NULL, REWRITE_SEARCH },
  { "007-lean-layout.sql", NULL, REWRITE_SORT_KEYS },
  { "008-employment.sql", NULL, 0 },
  { "009-company-numbers.sql", NULL, 0 },
  { "010-journal.sql", NULL, 0 },
  { "011-group-members.sql", NULL, 0 },
  { "012-filter-indexes.sql", NULL, 0 },
  { "013-sync-numbers.sql", NULL, 0 },
  { "014-conflict-authors.sql", NULL, 0 },
  { "015-activities.sql", NULL, 0 },
  { "016-activity-search.sql", NULL, 0 },   /* indexed by 026's step */
  { "017-due.sql", NULL, 0 },
  { "018-reminders.sql", NULL, 0 },
  { "019-activity-search-cleanup.sql", NULL, 0 },
  { "020-participants-attachments.sql", NULL, 0 },
  { "021-keep-in-touch.sql", NULL, 0 },
  { "022-activity-participants.sql", NULL, 0 },
  { "023-merged-into.sql", NULL, 0 },
  { "024-lead-projects.sql", NULL, 0 },
  { "025-marketing-objection.sql", NULL, 0 },
  { "026-note-search.sql", index_notes, 0 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KONTOR_STORE_SCHEMA_VERSION);

static int
get_user_version (KontorStore  *self,
                  GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, "PRAGMA user_version", error);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;

  _kontor_store_step_one (self, stmt, &version, NULL, error);

  return (int) version;
}

static gboolean
run_migration_script (KontorStore  *self,
                      const char   *script,
                      GError      **error)
{
  g_autofree char *resource = g_strconcat (APP_PATH "/schema/", script, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  /* the resource is not NUL-terminated when compiled without compression */
  data = g_bytes_get_data (bytes, &size);
  sql = g_strndup (data, size);

  return _kontor_store_exec (self, sql, error);
}

/* A database without a schema version must be new: another program's
 * SQLite file is refused, not filled with Kontor's tables. */
static gboolean
is_empty_database (KontorStore  *self,
                   GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, "SELECT count(*) FROM sqlite_master", error);
  gint64 n_objects = -1;

  if (stmt == NULL)
    return FALSE;
  _kontor_store_step_one (self, stmt, &n_objects, NULL, error);

  if (n_objects == 0)
    return TRUE;
  if (n_objects > 0)
    g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_CORRUPT,
                 /* Translators: %s is the path of a file */
                 _("“%s” is a database of another program, not of Kontor."),
                 self->path);

  return FALSE;
}

/* Brings the schema from its current version to @target, all in one
 * transaction: an upgrade that fails leaves the database as it was. */
static gboolean
migrate (KontorStore  *self,
         int           target,
         GError      **error)
{
  g_autofree char *pragma = NULL;
  Rewrite rewrite = 0;
  gboolean ok;
  int version;

  version = get_user_version (self, error);
  if (version < 0)
    return FALSE;

  if (version > KONTOR_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_TOO_NEW,
                   /* Translators: %s is the path of the database file */
                   _("The database “%s” was written by a newer version of Kontor. "
                     "Update Kontor to open it."),
                   self->path);
      return FALSE;
    }

  if (version >= target)
    return TRUE;

  if (version == 0 && !is_empty_database (self, error))
    return FALSE;

  for (int v = version; v < target; v++)
    rewrite |= migrations[v].rewrite;

  /* an upgrade that rewrites every record is one big transaction */
  if (rewrite != 0)
    _kontor_store_set_bulk (self, TRUE, FALSE);

  ok = _kontor_store_begin (self, error);
  if (ok)
    {
      g_autoptr(GPtrArray) lent = NULL;

      /* All scripts first, then the C steps and the rewrite: they run
       * today's code, which reads the tables as the last script leaves them. */
      for (int v = version; ok && v < target; v++)
        ok = run_migration_script (self, migrations[v].script, error);
      /* a database made at an older version for a test: see
       * _kontor_store_lend_columns() */
      if (ok && target < KONTOR_STORE_SCHEMA_VERSION)
        ok = (lent = _kontor_store_lend_columns (self, error)) != NULL;
      for (int v = version; ok && v < target; v++)
        ok = migrations[v].after == NULL || migrations[v].after (self, error);
      if (ok && rewrite != 0)
        ok = rewrite_records (self, rewrite, error);
      if (ok && lent != NULL)
        ok = _kontor_store_take_back_columns (self, lent, error);

      pragma = g_strdup_printf ("PRAGMA user_version = %d", target);
      ok = _kontor_store_end (self, ok && _kontor_store_exec (self, pragma, error), error);
    }

  if (rewrite != 0)
    _kontor_store_set_bulk (self, FALSE, ok);

  return ok;
}

/* Sort keys depend on the locale's collation; rebuild them when the locale
 * changed since they were made (src/README.md "Sorting"). */
static gboolean
check_sort_locale (KontorStore  *self,
                   GError      **error)
{
  const char *locale = setlocale (LC_COLLATE, NULL);
  g_autofree char *stored = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (locale == NULL)
    locale = "C";

  stored = _kontor_store_get_meta (self, "sort-locale", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (stored, locale) == 0)
    return TRUE;

  if (stored != NULL)
    _kontor_store_set_bulk (self, TRUE, FALSE);

  ok = _kontor_store_begin (self, error) &&
       _kontor_store_end (self,
                          (stored == NULL ||
                           rewrite_records (self, REWRITE_SORT_KEYS, error)) &&
                          _kontor_store_set_meta (self, "sort-locale", locale, error),
                          error);

  if (stored != NULL)
    _kontor_store_set_bulk (self, FALSE, ok);

  return ok;
}

static gboolean
ensure_identity (KontorStore  *self,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *user_id = NULL;
  g_autoptr(KontorUser) user = NULL;
  gboolean ok;

  self->client_id = _kontor_store_get_state (self, "client_id", &local_error);
  if (local_error == NULL)
    user_id = _kontor_store_get_state (self, "user_id", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (user_id != NULL)
    {
      self->current_user = kontor_store_load (self, KONTOR_TYPE_USER, user_id, &local_error);
      /* a user that cannot be read is no reason to make a new
       * administrator: only one that is not there */
      if (local_error != NULL &&
          !g_error_matches (local_error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      if (self->current_user != NULL && self->client_id != NULL)
        return TRUE;
    }

  /* First start: this installation's client id (src/README.md "Identities and clocks") and a local
   * user, the administrator of a database nobody else uses yet. */
  if (!_kontor_store_begin (self, error))
    return FALSE;

  if (self->client_id == NULL)
    {
      self->client_id = kontor_uuid_v7_new ();
      if (!_kontor_store_set_state (self, "client_id", self->client_id, error))
        goto failed;
    }

  if (self->current_user == NULL)
    {
      const char *real_name = g_get_real_name ();

      if (real_name == NULL || g_str_equal (real_name, "Unknown"))
        real_name = NULL;
      user = kontor_user_new (g_get_user_name (), real_name, KONTOR_USER_ROLE_ADMIN);
      /* the first user adds themselves, as the administrator they are;
       * this installation's own start, not a change for the team (written
       * as the server's changes are: no outbox entry) */
      self->current_user = g_object_ref (user);
      self->remote = TRUE;
      ok = _kontor_store_insert_record (self, _kontor_entity_info_for_type (KONTOR_TYPE_USER),
                                        KONTOR_RECORD (user), error);
      self->remote = FALSE;
      if (!ok ||
          !_kontor_store_set_state (self, "user_id",
                                    kontor_record_get_id (KONTOR_RECORD (user)), error))
        goto failed;
    }

  return _kontor_store_commit (self, error);

failed:
  g_clear_object (&self->current_user);
  _kontor_store_rollback (self);
  return FALSE;
}

/* Opening ----------------------------------------------------------------- */

static KontorStore *
open_store (const char  *path,
            int          target_version,
            GError     **error)
{
  g_autoptr(KontorStore) self = NULL;

  register_entities ();

  self = _kontor_store_connect (path, error);
  if (self == NULL || !migrate (self, target_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kontor_store_open:
 * @path: (nullable): the database file, %NULL for the default
 * @error: return location for a #GError
 *
 * Opens (and creates or upgrades) a database. Blocking; call it at start-up.
 *
 * Returns: (transfer full) (nullable): the store
 */
KontorStore *
kontor_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(KontorStore) self = NULL;
  g_autoptr(GError) collect_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = open_store (path, KONTOR_STORE_SCHEMA_VERSION, error);
  if (self == NULL ||
      !check_sort_locale (self, error) ||
      !ensure_identity (self, error) ||
      !_kontor_store_finish_pending_purge (self, error))
    return NULL;

  /* nothing can be undone yet: the time to let go of unused files
   * (kontor-store-blobs.c); a failure leaves them for the next start */
  if (!kontor_store_collect_blobs (self, NULL, &collect_error))
    g_message ("Files of deleted activities not collected: %s", collect_error->message);

  return g_steal_pointer (&self);
}

/**
 * _kontor_store_create_at_version:
 * @path: a database file that does not exist yet
 * @version: the schema version to stop at
 * @error: return location for a #GError
 *
 * For migration tests: makes a database of an older schema version.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_create_at_version (const char  *path,
                                 int          version,
                                 GError     **error)
{
  g_autoptr(KontorStore) self = NULL;

  g_return_val_if_fail (version >= 1 && version <= KONTOR_STORE_SCHEMA_VERSION, FALSE);

  self = open_store (path, version, error);

  return self != NULL;
}
