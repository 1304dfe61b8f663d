/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  kontor_sync_keyring_available (GCancellable  *cancellable,
                                         GError       **error);
gboolean  kontor_sync_keyring_store     (const char    *server_uri,
                                         const char    *username,
                                         const char    *token,
                                         GCancellable  *cancellable,
                                         GError       **error);
char     *kontor_sync_keyring_lookup    (const char    *server_uri,
                                         const char    *username,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean  kontor_sync_keyring_clear     (const char    *server_uri,
                                         const char    *username,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
