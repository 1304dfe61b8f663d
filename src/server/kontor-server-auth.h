/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-server-auth.c: passwords (Argon2id, libargon2) and tokens. */

#include <glib.h>

G_BEGIN_DECLS

char     *kontor_auth_hash_password   (const char  *password,
                                       GError     **error);
gboolean  kontor_auth_verify_password (const char  *encoded,
                                       const char  *password);
char     *kontor_auth_new_token       (void);
char     *kontor_auth_token_digest    (const char  *token);

G_END_DECLS
