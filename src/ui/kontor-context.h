/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-operation-stack.h"
#include "kontor-store.h"
#include "kontor-sync-service.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_CONTEXT (kontor_context_get_type ())

G_DECLARE_FINAL_TYPE (KontorContext, kontor_context, KONTOR, CONTEXT, GObject)

KontorContext        *kontor_context_new              (KontorStore   *store,
                                                       GSettings     *settings);
KontorStore          *kontor_context_get_store        (KontorContext *self);
GSettings            *kontor_context_get_settings     (KontorContext *self);
KontorOperationStack *kontor_context_get_operations   (KontorContext *self);
KontorUser           *kontor_context_get_current_user (KontorContext *self);
gboolean              kontor_context_is_admin         (KontorContext *self);
gboolean              kontor_context_can_edit         (KontorContext *self);
KontorSyncService    *kontor_context_get_sync         (KontorContext *self);
void                  kontor_context_set_sync         (KontorContext     *self,
                                                       KontorSyncService *sync);

G_END_DECLS
