/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

#include "kontor-types.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_OPERATION (kontor_operation_get_type ())

G_DECLARE_DERIVABLE_TYPE (KontorOperation, kontor_operation, KONTOR, OPERATION, GObject)

/**
 * KontorOperationClass:
 * @apply: make the change; one store transaction
 * @undo: take it back; one store transaction
 *
 * An undoable user action (src/README.md "Undo"): archive, status change, board
 * move, … A #KontorOperationStack runs them and keeps the applied ones for
 * undo. Redo applies an undone operation again: @apply must work again
 * after @undo.
 */
struct _KontorOperationClass
{
  GObjectClass parent_class;

  gboolean (*apply) (KontorOperation  *self,
                     GError          **error);
  gboolean (*undo)  (KontorOperation  *self,
                     GError          **error);
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

G_END_DECLS
