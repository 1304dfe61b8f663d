/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* The bottom of the store (kontor-store.c): the connection, prepared
 * statements, errors, transactions and their change notes, key/value
 * tables, the purge of deleted data. Every other store file builds on
 * this; it calls none of them. The layers are drawn at the top of
 * kontor-store.c. */

#include <sqlite3.h>

#include "kontor-store.h"

G_BEGIN_DECLS

/* SQLite page cache, in KiB (negative: kibibytes, as PRAGMA cache_size
 * takes it). Small while the app runs, so memory stays low with 100 000
 * contacts (2 MB: the id walks of the lists read their index pages from
 * the system's file cache at no measurable cost, and 8 MB added 6 MB to
 * the window's memory at its first frame); large during a bulk save, whose one transaction would
 * otherwise spill its pages to the log and read them back. */
#define KONTOR_STORE_CACHE_KIB      -2048
#define KONTOR_STORE_BULK_CACHE_KIB -65536

/* The most of the file SQLite reads through a memory map on the app's
 * connection (src/README.md "Database file"). Every page read through it
 * stays in the process's resident memory while mapped: the bulk
 * connections (the import's plan, a store job) read without one, and
 * _kontor_store_release_map() lets go of what the map holds. */
#define KONTOR_STORE_MMAP_BYTES     268435456

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

  /* Names looked up during the running transaction
   * (_kontor_store_dup_name()): id -> name, and the tables they came
   * from; a change of such a table forgets them all */
  GHashTable  *names;
  GHashTable  *name_tables;

  /* Lists (kontor-store-query.c): the ordered rows of the last two
   * filters without search text, each valid while data_version is
   * unchanged; the least recently used one makes room */
  guint64      data_version;
  struct
  {
    char      *key;
    guint64    version;
    guint64    used;
    GArray    *rowids;
  }            orders[2];
  guint64      order_clock;

  /* the purge of deleted data (kontor-store.c) */
  GTask       *purge_task;
  gboolean     purge_again;
  gboolean     purge_marked;    /* the running transaction marked a purge */

  /* A KontorStoreJob's connection (kontor-store-job.c): its writes are
   * savepoints of the job's one transaction, and a purge is left to the
   * main store */
  gboolean     worker;
  guint        savepoints;

  /* Applying what the team server decided (kontor-store-sync.c): no
   * outbox entries, no role checks, no local stamps */
  gboolean     remote;

  /* The saves of this transaction bring the times they mean (an undo, a
   * board move, its redo; _kontor_store_set_times_given ()): nothing is
   * stamped anew. Cleared when the transaction ends. */
  gboolean     times_given;

  /* What this transaction changed that may change who is in a lead
   * project's linked group (kontor-lead-join.c): contacts by row, or
   * everything (a membership, a group, a project) */
  GArray      *lead_join_contacts;
  gboolean     lead_join_all;

  /* PRAGMA data_version when last looked at (kontor_store_check_other_writers ()),
   * -1 before the first look */
  gint64       other_version;
  gint         own_commits_seen;  /* _kontor_store_own_commits at the last look */

  /* The sales reps already on either record a running merge joins, or
   * on either record its undo parts again: each may stay a sales rep
   * whatever its role now (_kontor_store_set_merging_sales_reps ()) */
  GStrv        merging_sales_reps;

  /* The id of the lead project being deleted, whose system statuses go
   * with it (kontor-store-lead.c); %NULL otherwise */
  const char  *deleting_lead_project;
};

/* a second connection on @path, for one KontorStoreJob's worker thread */
KontorStore  *_kontor_store_open_worker    (const char    *path,
                                            const char    *client_id,
                                            GError       **error);
KontorStore  *_kontor_store_connect        (const char    *path,
                                            GError       **error);

sqlite3_stmt *_kontor_store_prepare        (KontorStore   *self,
                                            const char    *sql,
                                            GError       **error);
int           _kontor_store_step           (KontorStore   *self,
                                            sqlite3_stmt  *stmt,
                                            GError       **error);
gboolean      _kontor_store_step_done      (KontorStore   *self,
                                            sqlite3_stmt  *stmt,
                                            GError       **error);
int           _kontor_store_step_one       (KontorStore   *self,
                                            sqlite3_stmt  *stmt,
                                            gint64        *number,
                                            char         **text,
                                            GError       **error);
gboolean      _kontor_store_exec_with_text (KontorStore   *self,
                                            const char    *sql,
                                            const char    *text,
                                            GError       **error);
gboolean      _kontor_store_exec           (KontorStore   *self,
                                            const char    *sql,
                                            GError       **error);
void          _kontor_store_release_map    (KontorStore   *self);
void          _kontor_store_set_bulk       (KontorStore   *self,
                                            gboolean       bulk,
                                            gboolean       written);
void          _kontor_store_set_times_given (KontorStore  *self,
                                            gboolean      given);
GArray       *_kontor_store_select_rowids  (KontorStore   *self,
                                            const char    *sql,
                                            const char    *text,
                                            GError       **error);
void          _kontor_store_set_error      (KontorStore   *self,
                                            int            rc,
                                            GError       **error);

gboolean      _kontor_store_begin          (KontorStore   *self,
                                            GError       **error);
gboolean      _kontor_store_commit         (KontorStore   *self,
                                            GError       **error);
void          _kontor_store_rollback       (KontorStore   *self);
gboolean      _kontor_store_end            (KontorStore   *self,
                                            gboolean       ok,
                                            GError       **error);
char         *_kontor_store_dup_ids_json   (const char * const *ids);
void          _kontor_store_forget_names   (KontorStore   *self,
                                            const char    *table);
char *        _kontor_store_dup_name       (KontorStore   *self,
                                            const char    *table,
                                            const char    *id);
void          _kontor_store_note_insert    (KontorStore   *self,
                                            const char    *entity,
                                            gint64         rowid,
                                            const char    *id);
void          _kontor_store_note_change    (KontorStore   *self,
                                            const char    *entity,
                                            gint64         rowid);

char         *_kontor_store_get_state      (KontorStore   *self,
                                            const char    *key,
                                            GError       **error);
gboolean      _kontor_store_set_state      (KontorStore   *self,
                                            const char    *key,
                                            const char    *value,
                                            GError       **error);
char         *_kontor_store_get_meta       (KontorStore   *self,
                                            const char    *key,
                                            GError       **error);
gboolean      _kontor_store_set_meta       (KontorStore   *self,
                                            const char    *key,
                                            const char    *value,
                                            GError       **error);

gboolean      _kontor_store_check_role     (KontorStore   *self,
                                            GType          record_type,
                                            KontorAccess   access,
                                            GError       **error);
gboolean      _kontor_store_check_admin    (KontorStore   *self,
                                            GError       **error);
void          _kontor_store_take_current_user (KontorStore *self,
                                            KontorUser    *user);

gboolean      _kontor_store_mark_purge     (KontorStore   *self,
                                            GError       **error);
void          _kontor_store_purge_in_background (KontorStore *self);

/* other connections' commits (kontor-store.c, kontor-store-crud.c) */
void          _kontor_store_announce       (KontorStore        *self,
                                            const char * const *entities,
                                            gboolean            purge);
void          _kontor_store_announce_all   (KontorStore        *self,
                                            gboolean            purge);
gboolean      _kontor_store_look_at_data_version (KontorStore  *self,
                                                  gboolean     *moved,
                                                  GError      **error);
gboolean      _kontor_store_finish_pending_purge (KontorStore *self,
                                            GError       **error);

/* For tests: the connection */
sqlite3      *_kontor_store_get_db         (KontorStore   *self);

extern gint _kontor_store_own_commits;

G_END_DECLS
