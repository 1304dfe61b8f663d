/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-server-events.c: PostgreSQL notifications to websocket pokes. */

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _KontorEvents KontorEvents;

KontorEvents *kontor_events_new       (const char               *conninfo);
void          kontor_events_subscribe (KontorEvents             *self,
                                       SoupWebsocketConnection  *connection,
                                       const char               *account_id,
                                       const char               *token_digest);
guint         kontor_events_get_n_subscribers (KontorEvents     *self);
void          kontor_events_free      (KontorEvents             *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorEvents, kontor_events_free)

G_END_DECLS
