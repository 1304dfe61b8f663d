/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"

G_BEGIN_DECLS

/* How many operations a stack keeps for undo unless told otherwise */
#define KONTOR_OPERATION_STACK_DEFAULT_DEPTH 50

#define KONTOR_TYPE_OPERATION_STACK (kontor_operation_stack_get_type ())

G_DECLARE_FINAL_TYPE (KontorOperationStack, kontor_operation_stack,
                      KONTOR, OPERATION_STACK, GObject)

KontorOperationStack *kontor_operation_stack_new          (guint                  depth);
guint                 kontor_operation_stack_get_depth    (KontorOperationStack  *self);
gboolean              kontor_operation_stack_get_can_undo (KontorOperationStack  *self);
gboolean              kontor_operation_stack_get_can_redo (KontorOperationStack  *self);
gboolean              kontor_operation_stack_run          (KontorOperationStack  *self,
                                                           KontorOperation       *operation,
                                                           GError               **error);
void                  kontor_operation_stack_add_applied (KontorOperationStack *self,
                                                           KontorOperation      *operation);
gboolean              kontor_operation_stack_undo         (KontorOperationStack  *self,
                                                           GError               **error);
gboolean              kontor_operation_stack_redo         (KontorOperationStack  *self,
                                                           GError               **error);
KontorOperation      *kontor_operation_stack_get_running  (KontorOperationStack  *self);
void                  kontor_operation_stack_undo_async   (KontorOperationStack  *self,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
void                  kontor_operation_stack_redo_async   (KontorOperationStack  *self,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
gboolean              kontor_operation_stack_step_finish  (KontorOperationStack  *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

G_END_DECLS
