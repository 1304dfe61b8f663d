/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-pipeline-status.h"

G_BEGIN_DECLS

/* The rules of board columns (feature P7, src/README.md), for the store to enforce and
 * the column menu to explain. Each returns %TRUE when allowed, else %FALSE
 * and, when @why is not %NULL, a translated reason. */
gboolean kontor_pipeline_status_can_rename (KontorPipelineStatus  *status,
                                            char                 **why);
gboolean kontor_pipeline_status_can_delete (KontorPipelineStatus  *status,
                                            gint64                 n_contacts,
                                            char                 **why);
gboolean kontor_pipeline_status_can_move   (GPtrArray             *statuses,
                                            guint                  index,
                                            int                    delta,
                                            char                 **why);
gboolean kontor_pipeline_status_name_is_free (GPtrArray           *statuses,
                                              const char          *name,
                                              const char          *except_id,
                                              char               **why);

gboolean kontor_pipeline_status_validate        (KontorPipelineStatus  *status,
                                                 GError               **error);
gboolean kontor_pipeline_status_validate_delete (KontorPipelineStatus  *status,
                                                 gint64                 n_contacts,
                                                 GError               **error);

gboolean kontor_pipeline_is_move_part       (const char            *column);

G_END_DECLS
