/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <sqlite3.h>

#include "kontor-store.h"

G_BEGIN_DECLS

/* Deadline for every wait on the main loop in tests, in seconds. */
#define KONTOR_TEST_TIMEOUT 10

char        *kontor_test_make_tmpdir   (void);
char        *kontor_test_db_path       (void);
KontorStore *kontor_test_open_store    (char        **path_out);
void         kontor_test_rmdir         (const char   *path);
void         kontor_test_close_store   (KontorStore **store,
                                        const char   *path);
gboolean     kontor_test_iterate_until (gboolean    (*done) (gpointer data),
                                        gpointer      data,
                                        guint         timeout_seconds);
gboolean     kontor_test_wait_cancelled (GCancellable *cancellable);
gint64       kontor_test_new_second    (void);
void         kontor_test_save          (KontorStore  *store,
                                        gpointer      record);
KontorContact *kontor_test_save_contact (KontorStore         *store,
                                         const char          *last_name,
                                         KontorContactStatus  status);

/* A private D-Bus session bus for the test process, with a Secret Service
 * (gnome-keyring, its login keyring unlocked, under a home of its own) or
 * without one; its address replaces DBUS_SESSION_BUS_ADDRESS. */
typedef struct _KontorTestSession KontorTestSession;

KontorTestSession *kontor_test_session_start (gboolean           keyring);
void               kontor_test_session_stop  (KontorTestSession *session);
const char        *kontor_test_session_get_keyring_dir (KontorTestSession *session);

/* A store on a new database for each test; kontor_store_fixture_tear_down()
 * closes it with kontor_test_close_store(). A test with more to set up
 * embeds it as the first member and calls these from its own set-up and
 * tear-down. */
typedef struct
{
  char        *path;
  KontorStore *store;
} KontorStoreFixture;

void kontor_store_fixture_set_up    (KontorStoreFixture *fixture,
                                     gconstpointer       data);
void kontor_store_fixture_tear_down (KontorStoreFixture *fixture,
                                     gconstpointer       data);

#define KONTOR_STORE_TEST(path, func) \
  g_test_add ((path), KontorStoreFixture, NULL, kontor_store_fixture_set_up, (func), \
              kontor_store_fixture_tear_down)

/* SQL straight to a connection, to see and change what is stored; a failure
 * fails the test. @param, when not %NULL, is bound to ?1 as text. */
gint64        kontor_test_db_query_int          (sqlite3     *db,
                                                 const char  *sql,
                                                 const char  *param);
void          kontor_test_db_exec               (sqlite3     *db,
                                                 const char  *sql);
sqlite3_stmt *kontor_test_prepare               (KontorStore *store,
                                                 const char  *sql,
                                                 const char  *param);
gint64        kontor_test_query_int             (KontorStore *store,
                                                 const char  *sql,
                                                 const char  *param);
void          kontor_test_exec                  (KontorStore *store,
                                                 const char  *sql);
gint64        kontor_test_outbox_last_seq       (KontorStore *store);

/* Counts the COMMITs on a store's connection, e.g. to see that a change is
 * one transaction. */
void          kontor_test_count_commits         (KontorStore *store,
                                                 guint       *n_commits);
void          kontor_test_stop_counting_commits (KontorStore *store);

/* Records every items-changed of a GListModel (like GNOME Calendar's
 * test-event-list.c). */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} KontorItemsChange;

typedef struct _KontorItemsRecorder KontorItemsRecorder;

KontorItemsRecorder *kontor_items_recorder_new   (GListModel          *model);
void                 kontor_items_recorder_free  (KontorItemsRecorder *recorder);
guint                kontor_items_recorder_count (KontorItemsRecorder *recorder);
const KontorItemsChange *
                     kontor_items_recorder_get   (KontorItemsRecorder *recorder,
                                                  guint                index);
void                 kontor_items_recorder_clear (KontorItemsRecorder *recorder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorItemsRecorder, kontor_items_recorder_free)

G_END_DECLS
