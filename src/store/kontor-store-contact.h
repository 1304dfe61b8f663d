/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-contact.c: contact hooks and board ranks. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

extern KontorEntityInfo _kontor_store_contact_entity;

/**
 * KontorRankedTable:
 * @KONTOR_RANKED_CONTACT: contacts on the pipeline board: `contact.rank`
 *   in the column `pipeline_status_id`
 * @KONTOR_RANKED_LEAD_ENTRY: entries on a lead project's board:
 *   `lead_entry.rank` in the column `status_id`
 *
 * Which board a rank is looked for on (_kontor_store_dup_nearest_rank()).
 */
typedef enum
{
  KONTOR_RANKED_CONTACT,
  KONTOR_RANKED_LEAD_ENTRY,
} KontorRankedTable;

gboolean          _kontor_store_dup_nearest_rank  (KontorStore        *self,
                                                   KontorRankedTable   table,
                                                   const char         *status_id,
                                                   const char         *rank,
                                                   gboolean            above,
                                                   const char         *record_id,
                                                   char              **nearest,
                                                   GError            **error);
gboolean          _kontor_store_rank_all_contacts (KontorStore        *self,
                                                   GError            **error);

G_END_DECLS
