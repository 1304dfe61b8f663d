/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"
#include "kontor-store.h"
#include "kontor-store-job.h"

G_BEGIN_DECLS

/* What a run of a KontorImport wrote (kontor-import.c), for its undo:
 * private to the store, but for kontor_import_operation_get_job(), which
 * the window shows while the operation is undone or redone. */

/* One stored contact an import updated or merged a row into: the fields
 * the save changed, with their values before and after */
typedef struct
{
  char   *id;
  GArray *indexes;     /* guint */
  GArray *before;      /* GValue */
  GArray *after;       /* GValue */
} KontorImportUpdate;

typedef struct
{
  GPtrArray *contacts;    /* char *: the ids of created contacts, in order */
  GPtrArray *companies;   /* char *: the ids of created companies */
  GPtrArray *updates;     /* KontorImportUpdate, in order */
  GPtrArray *employments; /* char *: former employments of updated contacts moved */
} KontorImportChanges;

KontorImportUpdate  *kontor_import_update_new    (KontorRecord        *stored,
                                                  KontorRecord        *edited);
void                 kontor_import_update_free   (KontorImportUpdate  *update);
KontorImportChanges *kontor_import_changes_new   (void);
void                 kontor_import_changes_free  (KontorImportChanges *changes);

#define KONTOR_TYPE_IMPORT_OPERATION (kontor_import_operation_get_type ())

G_DECLARE_FINAL_TYPE (KontorImportOperation, kontor_import_operation,
                      KONTOR, IMPORT_OPERATION, KontorOperation)

KontorOperation *kontor_import_operation_new (KontorStore         *store,
                                              const char          *title,
                                              KontorImportChanges *changes);
KontorStoreJob  *kontor_import_operation_get_job (KontorImportOperation *self);

G_END_DECLS
