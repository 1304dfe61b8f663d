/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-store.h"

G_BEGIN_DECLS

/* What a merge moved from the removed record to the kept one, for its
 * undo (kontor-contact-merge.c) */
typedef struct
{
  GPtrArray *repoints;   /* records as they were, and which fields moved */
  GPtrArray *dropped;    /* group memberships deleted: the kept one had one */
  GArray    *journal;    /* history rows moved (gint64 rid) */
} KontorMergeMoves;

void     _kontor_merge_moves_clear              (KontorMergeMoves  *moves);
gboolean _kontor_store_move_references          (KontorStore       *self,
                                                 GType              type,
                                                 const char        *removed_id,
                                                 const char        *kept_id,
                                                 KontorMergeMoves  *moves,
                                                 GError           **error);
gboolean _kontor_store_note_merged_into         (KontorStore       *self,
                                                 GType              type,
                                                 const char        *removed_id,
                                                 const char        *kept_id,
                                                 GError           **error);
char    *_kontor_merged_into_json               (const char        *kept_id);
char    *_kontor_store_dup_merged_into          (KontorStore       *self,
                                                 const char        *entity,
                                                 const char        *id,
                                                 GError           **error);

G_END_DECLS
