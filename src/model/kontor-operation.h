/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-types.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_OPERATION (kontor_operation_get_type ())

G_DECLARE_DERIVABLE_TYPE (KontorOperation, kontor_operation, KONTOR, OPERATION, GObject)

/**
 * KontorOperationClass:
 * @apply: make the change; one store transaction
 * @undo: take it back; one store transaction
 * @run_async: (nullable): for a long operation: apply or undo off the
 *   main thread
 * @run_finish: (nullable): the end of @run_async
 *
 * An undoable user action (src/README.md "Undo"): archive, status change, board
 * move, … A #KontorOperationStack runs them and keeps the applied ones for
 * undo. Redo applies an undone operation again: @apply must work again
 * after @undo.
 *
 * A long operation (an import's, thousands of records) also has
 * @run_async and @run_finish: its apply (@apply %TRUE) or undo as a job
 * off the main thread, still one transaction, all or nothing. The stack
 * uses them for its asynchronous undo and redo; @apply and @undo do the
 * same, blocking.
 */
struct _KontorOperationClass
{
  GObjectClass parent_class;

  gboolean (*apply)      (KontorOperation      *self,
                          GError              **error);
  gboolean (*undo)       (KontorOperation      *self,
                          GError              **error);
  void     (*run_async)  (KontorOperation      *self,
                          gboolean              apply,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data);
  gboolean (*run_finish) (KontorOperation      *self,
                          GAsyncResult         *result,
                          GError              **error);
};

const char *kontor_operation_get_title  (KontorOperation  *self);
void        kontor_operation_set_title  (KontorOperation  *self,
                                         const char       *title);
gboolean    kontor_operation_is_applied (KontorOperation  *self);
void        kontor_operation_mark_applied (KontorOperation *self);
gboolean    kontor_operation_apply      (KontorOperation  *self,
                                         GError          **error);
gboolean    kontor_operation_undo       (KontorOperation  *self,
                                         GError          **error);
gboolean    kontor_operation_is_long    (KontorOperation  *self);
void        kontor_operation_run_async  (KontorOperation      *self,
                                         gboolean              apply,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    kontor_operation_run_finish (KontorOperation      *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
