/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

/**
 * KontorBulkKind:
 * @KONTOR_BULK_ARCHIVE: set the contacts' status to Archived
 * @KONTOR_BULK_SET_PIPELINE_STATUS: move the contacts to a pipeline
 *   status (board column), last in it
 * @KONTOR_BULK_ADD_ASSIGNEE: add a colleague to the contacts' assignees
 * @KONTOR_BULK_SET_TEAM: assign the contacts to a team
 *
 * What a #KontorBulkChange does to each of its contacts.
 */
typedef enum
{
  KONTOR_BULK_ARCHIVE,
  KONTOR_BULK_SET_PIPELINE_STATUS,
  KONTOR_BULK_ADD_ASSIGNEE,
  KONTOR_BULK_SET_TEAM,
} KontorBulkKind;

#define KONTOR_TYPE_BULK_CHANGE (kontor_bulk_change_get_type ())

G_DECLARE_FINAL_TYPE (KontorBulkChange, kontor_bulk_change, KONTOR, BULK_CHANGE, KontorOperation)

KontorBulkChange *kontor_bulk_change_new       (KontorStore         *store,
                                                KontorBulkKind       kind,
                                                const char * const  *contact_ids,
                                                const char          *value,
                                                const char          *title);
KontorBulkKind    kontor_bulk_change_get_kind  (KontorBulkChange    *self);
guint             kontor_bulk_change_get_n_contacts (KontorBulkChange *self);

gboolean          kontor_store_delete_all      (KontorStore         *store,
                                                GPtrArray           *records,
                                                GError             **error);
char            **kontor_store_dup_ids         (KontorStore         *store,
                                                GType                type,
                                                GArray              *rowids,
                                                GError             **error);

G_END_DECLS
