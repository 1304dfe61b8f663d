/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-server-accounts.c: who logs in, and their sessions. */

#include "kontor-server-db.h"

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  char     *workspace_id;
  char     *username;
  char     *display_name;
  char     *role;          /* the KontorUserRole's nick: admin, sales … */
  gboolean  disabled;
  char     *client_id;     /* the session's client (kontor_accounts_authenticate()) */
} KontorAccount;

void           kontor_account_free           (KontorAccount       *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorAccount, kontor_account_free)

char          *kontor_accounts_create        (PGconn              *conn,
                                              const char          *username,
                                              const char          *display_name,
                                              const char          *role,
                                              const char          *password,
                                              GError             **error);
gboolean       kontor_accounts_set_password  (PGconn              *conn,
                                              const char          *username,
                                              const char          *password,
                                              GError             **error);
gboolean       kontor_accounts_set_role      (PGconn              *conn,
                                              const char          *username,
                                              const char          *role,
                                              GError             **error);
gboolean       kontor_accounts_set_disabled  (PGconn              *conn,
                                              const char          *username,
                                              gboolean             disabled,
                                              GError             **error);
gboolean       kontor_accounts_revoke_tokens (PGconn              *conn,
                                              const char          *username,
                                              GError             **error);
char          *kontor_accounts_create_team   (PGconn              *conn,
                                              const char          *name,
                                              GError             **error);
GPtrArray     *kontor_accounts_list_teams    (PGconn              *conn,
                                              GError             **error);
gboolean       kontor_accounts_set_team_member (PGconn            *conn,
                                              const char          *username,
                                              const char          *team,
                                              gboolean             member,
                                              GError             **error);
GPtrArray     *kontor_accounts_list          (PGconn              *conn,
                                              GError             **error);
KontorAccount *kontor_accounts_login         (PGconn              *conn,
                                              const char          *username,
                                              const char          *password,
                                              const char          *client_id,
                                              const char          *device_name,
                                              char               **token,
                                              char               **expires_at,
                                              GError             **error);
KontorAccount *kontor_accounts_authenticate  (PGconn              *conn,
                                              const char          *token,
                                              GError             **error);
gboolean       kontor_accounts_logout        (PGconn              *conn,
                                              const char          *token,
                                              GError             **error);

G_END_DECLS
