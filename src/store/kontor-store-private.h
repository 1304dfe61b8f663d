/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <sqlite3.h>

#include "kontor-store.h"

G_BEGIN_DECLS

/* SQLite page cache, in KiB (negative: kibibytes, as PRAGMA cache_size
 * takes it). Small while the app runs, so memory stays low with 100 000
 * contacts; large during a bulk save, whose one transaction would
 * otherwise spill its pages to the log and read them back. */
#define KONTOR_STORE_CACHE_KIB      -8192
#define KONTOR_STORE_BULK_CACHE_KIB -65536

struct _KontorStore
{
  GObject      parent_instance;

  sqlite3     *db;
  char        *path;
  GHashTable  *statements;      /* SQL text -> sqlite3_stmt, prepared once */
  char        *client_id;
  KontorUser  *current_user;

  /* Changes of the running transaction, announced after COMMIT:
   * entity name -> GArray of rowids; entities in pending_many may have
   * changed in many rows (announced with an empty array) */
  GHashTable  *pending_changes;
  GHashTable  *pending_many;
  gboolean     in_transaction;

  /* Search (kontor-store-query.c): the ordered rows of the last filter
   * without search text, valid while data_version is unchanged */
  guint64      data_version;
  char        *order_key;
  guint64      order_version;
  GArray      *order_rowids;

  /* the purge of deleted data (kontor-store.c) */
  GTask       *purge_task;
  gboolean     purge_again;

  /* A KontorStoreJob's connection (kontor-store-job.c): its writes are
   * savepoints of the job's one transaction, and a purge is left to the
   * main store */
  gboolean     worker;
  guint        savepoints;
};

/* How the store treats one record type; see kontor-store-records.c. */
typedef struct _KontorEntityInfo KontorEntityInfo;

sqlite3_stmt *_kontor_store_prepare        (KontorStore   *self,
                                            const char    *sql,
                                            GError       **error);
int           _kontor_store_step           (KontorStore   *self,
                                            sqlite3_stmt  *stmt,
                                            GError       **error);
gboolean      _kontor_store_step_done      (KontorStore   *self,
                                            sqlite3_stmt  *stmt,
                                            GError       **error);
gboolean      _kontor_store_exec           (KontorStore   *self,
                                            const char    *sql,
                                            GError       **error);
void          _kontor_store_set_error      (KontorStore   *self,
                                            int            rc,
                                            GError       **error);

gboolean      _kontor_store_begin          (KontorStore   *self,
                                            GError       **error);
gboolean      _kontor_store_commit         (KontorStore   *self,
                                            GError       **error);
void          _kontor_store_rollback       (KontorStore   *self);
void          _kontor_store_note_change    (KontorStore   *self,
                                            const char    *entity,
                                            gint64         rowid);

gboolean      _kontor_store_append_outbox  (KontorStore   *self,
                                            const char    *entity,
                                            const char    *entity_id,
                                            const char    *op,
                                            const char    *field,
                                            const char    *value_json,
                                            const char    *old_value_json,
                                            gint64         base_rev,
                                            GError       **error);
gboolean      _kontor_store_mark_purge     (KontorStore   *self,
                                            GError       **error);
void          _kontor_store_purge_in_background (KontorStore *self);
gboolean      _kontor_store_drop_outbox    (KontorStore   *self,
                                            const char    *entity_id,
                                            GError       **error);

char         *_kontor_store_get_state      (KontorStore   *self,
                                            const char    *key,
                                            GError       **error);
gboolean      _kontor_store_set_state      (KontorStore   *self,
                                            const char    *key,
                                            const char    *value,
                                            GError       **error);

/* kontor-store-records.c */
const KontorEntityInfo *_kontor_entity_info_for_type (GType          type);
const KontorEntityInfo *_kontor_entity_info_for_name (const char    *entity);
const char   *_kontor_entity_info_get_table (const KontorEntityInfo *info);
gboolean      _kontor_store_insert_record  (KontorStore   *self,
                                            KontorRecord  *record,
                                            GError       **error);
gboolean      _kontor_store_save_record    (KontorStore   *self,
                                            KontorRecord  *record,
                                            gboolean      *changed_anything,
                                            GError       **error);
char         *_kontor_json_quote           (const char    *text);
gboolean      _kontor_store_rebuild_search (KontorStore   *self,
                                            GError       **error);
gboolean      _kontor_store_rebuild_sort_keys (KontorStore *self,
                                            GError       **error);
gboolean      _kontor_store_dup_nearest_rank (KontorStore *self,
                                              const char  *status_id,
                                              const char  *rank,
                                              gboolean     above,
                                              const char  *contact_id,
                                              char       **nearest,
                                              GError     **error);
gboolean      _kontor_store_rank_all_contacts (KontorStore *self,
                                            GError       **error);
gboolean      _kontor_store_delete_record  (KontorStore   *self,
                                            KontorRecord  *record,
                                            GError       **error);

/* kontor-store-query.c */
char         *_kontor_store_match_expression (const char  *search_text);

/* kontor-store-job.c: a second connection on @path, for one worker thread */
KontorStore  *_kontor_store_open_worker    (const char    *path,
                                            const char    *client_id,
                                            const char    *user_id,
                                            GError       **error);

/* For tests: the connection, and a database made only up to @version so
 * that the upgrade to the current version can be tested on real rows. */
sqlite3      *_kontor_store_get_db         (KontorStore   *self);
gboolean      _kontor_store_create_at_version (const char *path,
                                            int            version,
                                            GError       **error);

G_END_DECLS
