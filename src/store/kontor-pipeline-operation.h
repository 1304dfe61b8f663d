/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_PIPELINE_OPERATION (kontor_pipeline_operation_get_type ())

G_DECLARE_FINAL_TYPE (KontorPipelineOperation, kontor_pipeline_operation,
                      KONTOR, PIPELINE_OPERATION, KontorOperation)

KontorOperation *kontor_pipeline_operation_new_add    (KontorStore          *store,
                                                       const char           *name,
                                                       KontorPipelineStatus *neighbour,
                                                       gboolean              after,
                                                       const char           *title);
KontorOperation *kontor_pipeline_operation_new_delete (KontorStore          *store,
                                                       KontorPipelineStatus *status,
                                                       const char           *title);
KontorOperation *kontor_pipeline_operation_new_move   (KontorStore          *store,
                                                       KontorPipelineStatus *status,
                                                       int                   delta,
                                                       const char           *title);
KontorOperation *kontor_pipeline_operation_new_rename (KontorStore          *store,
                                                       KontorPipelineStatus *status,
                                                       const char           *name,
                                                       const char           *title);
const char      *kontor_pipeline_operation_get_status_id (KontorPipelineOperation *self);

G_END_DECLS
