/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Accounts are the server's: an administrator makes them with
 * `kontor-server admin`, and they log in from the app. What the server
 * never stores: a password (an Argon2id hash instead) and a token (its
 * SHA-256). A session's expiry slides: each use moves it to 90 days after
 * (src/server/README.md "Accounts"). */

#define G_LOG_DOMAIN "kontor-server"

#include "config.h"

#include <glib/gi18n.h>

#include "kontor-enums.h"
#include "kontor-enum-types.h"
#include "kontor-server-accounts.h"
#include "kontor-server-auth.h"
#include "kontor-uuid.h"

#define SESSION_DAYS "90"

/* Columns of an account, in the order account_from_row() reads them */
#define ACCOUNT_COLUMNS "a.id, a.workspace_id, a.username, a.display_name, a.role, a.disabled"

void
kontor_account_free (KontorAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->id);
  g_free (account->workspace_id);
  g_free (account->username);
  g_free (account->display_name);
  g_free (account->role);
  g_free (account->client_id);
  g_free (account);
}

static KontorAccount *
account_from_row (PGresult *result,
                  int       row)
{
  KontorAccount *account = g_new0 (KontorAccount, 1);

  account->id = g_strdup (PQgetvalue (result, row, 0));
  account->workspace_id = g_strdup (PQgetvalue (result, row, 1));
  account->username = g_strdup (PQgetvalue (result, row, 2));
  account->display_name = g_strdup (PQgetvalue (result, row, 3));
  account->role = g_strdup (PQgetvalue (result, row, 4));
  account->disabled = g_strcmp0 (PQgetvalue (result, row, 5), "t") == 0;

  return account;
}

/* The roles are the model's (KontorUserRole), by their nicks */
static gboolean
check_role (const char  *role,
            GError     **error)
{
  g_autoptr(GEnumClass) roles = g_type_class_ref (KONTOR_TYPE_USER_ROLE);

  if (role != NULL && g_enum_get_value_by_nick (roles, role) != NULL)
    return TRUE;

  g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_INVALID,
               _("“%s” is not a role. The roles are admin, sales, assistant and viewer."),
               role != NULL ? role : "");
  return FALSE;
}

/* A username is what people type to log in: not empty, no spaces or
 * control characters, at most 64 characters */
static gboolean
check_username (const char  *username,
                GError     **error)
{
  gboolean ok = username != NULL && *username != '\0' && g_utf8_validate (username, -1, NULL) &&
                g_utf8_strlen (username, -1) <= 64;

  for (const char *p = username; ok && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      ok = !g_unichar_isspace (c) && !g_unichar_iscntrl (c);
    }

  if (!ok)
    g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_INVALID,
                 _("“%s” cannot be a user name: it needs 1 to 64 characters, without spaces."),
                 username != NULL ? username : "");

  return ok;
}

static gboolean
check_password (const char  *password,
                GError     **error)
{
  if (password != NULL && g_utf8_validate (password, -1, NULL) &&
      g_utf8_strlen (password, -1) >= 8)
    return TRUE;

  g_set_error_literal (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_INVALID,
                       _("A password needs at least 8 characters."));
  return FALSE;
}

/* Runs @sql naming one account by its username ($1): an error when no
 * account has it */
static gboolean
update_account (PGconn              *conn,
                const char          *sql,
                int                  n_params,
                const char * const  *params,
                GError             **error)
{
  g_autoptr(PGresult) result = kontor_db_exec (conn, sql, n_params, params, error);

  if (result == NULL)
    return FALSE;

  if (g_strcmp0 (PQcmdTuples (result), "0") == 0)
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_NOT_FOUND,
                   _("There is no user “%s”."), params[0]);
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_accounts_create:
 * @conn: a connection
 * @username: what the user types to log in
 * @display_name: (nullable): the name colleagues see
 * @role: admin, sales, assistant or viewer
 * @password: at least 8 characters
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new account's id
 */
char *
kontor_accounts_create (PGconn      *conn,
                        const char  *username,
                        const char  *display_name,
                        const char  *role,
                        const char  *password,
                        GError     **error)
{
  g_autofree char *id = kontor_uuid_v7_new ();
  g_autofree char *hash = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *params[5];

  if (!check_username (username, error) || !check_role (role, error) ||
      !check_password (password, error))
    return NULL;

  hash = kontor_auth_hash_password (password, error);
  if (hash == NULL)
    return NULL;

  params[0] = id;
  params[1] = username;
  params[2] = display_name != NULL ? display_name : username;
  params[3] = role;
  params[4] = hash;
  /* the account and the user record that publishes it, in one statement
   * (kontor_publish() in schema/004-scopes.sql) */
  result = kontor_db_exec (conn, "WITH a AS (INSERT INTO account (id, workspace_id, username,"
                                 " display_name, role, password_hash) SELECT $1, w.id, $2, $3,"
                                 " $4, $5 FROM workspace w ON CONFLICT (username) DO NOTHING"
                                 " RETURNING id, workspace_id)"
                                 " SELECT kontor_publish (a.workspace_id, 'app_user', a.id::text,"
                                 " jsonb_build_object ('username', $2::text, 'full_name', $3::text,"
                                 " 'role', $4::text)) FROM a",
                           5, params, error);
  if (result == NULL)
    return NULL;
  if (g_strcmp0 (PQcmdTuples (result), "1") != 0)
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_INVALID,
                   _("There is a user “%s” already."), username);
      return NULL;
    }

  return g_steal_pointer (&id);
}

/**
 * kontor_accounts_set_password:
 *
 * Sets a new password; every session of the account ends.
 */
gboolean
kontor_accounts_set_password (PGconn      *conn,
                              const char  *username,
                              const char  *password,
                              GError     **error)
{
  g_autofree char *hash = NULL;
  const char *params[2];

  if (!check_password (password, error))
    return FALSE;

  hash = kontor_auth_hash_password (password, error);
  if (hash == NULL)
    return FALSE;

  params[0] = username;
  params[1] = hash;

  return update_account (conn, "UPDATE account SET password_hash = $2 WHERE username = $1",
                         2, params, error) &&
         kontor_accounts_revoke_tokens (conn, username, error);
}

gboolean
kontor_accounts_set_role (PGconn      *conn,
                          const char  *username,
                          const char  *role,
                          GError     **error)
{
  const char *params[] = { username, role };

  /* published: the user record's role, and what the account sees */
  return check_role (role, error) &&
         update_account (conn, "WITH a AS (UPDATE account SET role = $2 WHERE username = $1"
                               " RETURNING id, workspace_id)"
                               " SELECT kontor_publish (a.workspace_id, 'app_user', a.id::text,"
                               " jsonb_build_object ('role', $2::text)) FROM a", 2, params,
                         error);
}

/**
 * kontor_accounts_create_team:
 * @conn: a connection
 * @name: the team's name, unique
 * @error: return location for a #GError
 *
 * Makes a team ("Kompetenz"), published to every machine as a team
 * record.
 *
 * Returns: (transfer full) (nullable): the new team's id
 */
char *
kontor_accounts_create_team (PGconn      *conn,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *id = kontor_uuid_v7_new ();
  const char *params[] = { id, name };
  g_autoptr(PGresult) result = NULL;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_INVALID,
                   _("A team needs a name."));
      return NULL;
    }
  result = kontor_db_exec (conn, "SELECT kontor_publish (w.id, 'team', $1,"
                                 " jsonb_build_object ('name', $2::text)) FROM workspace w"
                                 " WHERE NOT EXISTS (SELECT 1 FROM record t WHERE"
                                 " t.workspace_id = w.id AND t.entity = 'team' AND NOT t.deleted"
                                 " AND t.fields->>'name' = $2)", 2, params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) != 1)
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_INVALID,
                   _("There is a team “%s” already."), name);
      return NULL;
    }

  return g_steal_pointer (&id);
}

/**
 * kontor_accounts_list_teams:
 *
 * Returns: (transfer full) (nullable): one line per team, by name: its
 *   name, id and members' usernames, separated by tabs
 */
GPtrArray *
kontor_accounts_list_teams (PGconn  *conn,
                            GError **error)
{
  g_autoptr(PGresult) result =
    kontor_db_exec (conn, "SELECT t.fields->>'name', t.id, coalesce (string_agg (a.username, ', '"
                          " ORDER BY a.username), '') FROM record t"
                          " LEFT JOIN record l ON l.workspace_id = t.workspace_id"
                          " AND l.entity = 'app_user_link' AND NOT l.deleted"
                          " AND l.fields->>'kind' = 'teams' AND l.fields->>'target_id' = t.id"
                          " LEFT JOIN account a ON a.id::text = l.fields->>'owner_id'"
                          " WHERE t.entity = 'team' AND NOT t.deleted"
                          " GROUP BY t.id, t.fields ORDER BY 1, 2", 0, NULL, error);
  GPtrArray *lines;

  if (result == NULL)
    return NULL;
  lines = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (lines, g_strdup_printf ("%s\t%s\t%s", PQgetvalue (result, i, 0),
                                             PQgetvalue (result, i, 1),
                                             PQgetvalue (result, i, 2)));

  return lines;
}

/**
 * kontor_accounts_set_team_member:
 * @conn: a connection
 * @username: an account
 * @team: a team's name or id
 * @member: whether the account is to be in the team
 * @error: return location for a #GError
 *
 * Puts the account into the team or takes it out, published as the user
 * record's team link; the contacts assigned to the team arrive on the
 * account's machines or leave them (schema/004-scopes.sql).
 */
gboolean
kontor_accounts_set_team_member (PGconn      *conn,
                                 const char  *username,
                                 const char  *team,
                                 gboolean     member,
                                 GError     **error)
{
  const char *params[] = { username, team, member ? "t" : "f" };
  g_autoptr(PGresult) found = kontor_db_exec (conn, "SELECT 1 FROM account WHERE username = $1",
                                              1, params, error);
  g_autoptr(PGresult) result = NULL;

  if (found == NULL)
    return FALSE;
  if (PQntuples (found) == 0)
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_NOT_FOUND,
                   _("There is no user “%s”."), username);
      return FALSE;
    }

  /* the link's id is what it links, as on every machine
   * (src/protocol/PROTOCOL.md "Entities") */
  result = kontor_db_exec (conn, "SELECT kontor_publish (a.workspace_id, 'app_user_link',"
                                 " a.id || ':teams:' || t.id, CASE WHEN $3::boolean THEN"
                                 " jsonb_build_object ('owner_id', a.id::text, 'kind', 'teams',"
                                 " 'target_id', t.id, 'position', (SELECT count(*) FROM record l"
                                 " WHERE l.workspace_id = a.workspace_id"
                                 " AND l.entity = 'app_user_link' AND NOT l.deleted"
                                 " AND l.fields->>'owner_id' = a.id::text)) END)"
                                 " FROM account a JOIN record t ON t.workspace_id = a.workspace_id"
                                 " AND t.entity = 'team' AND NOT t.deleted"
                                 " AND (t.id = $2 OR t.fields->>'name' = $2)"
                                 " WHERE a.username = $1", 3, params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) != 1)
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_NOT_FOUND,
                   _("There is no team “%s”."), team);
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_accounts_set_disabled:
 *
 * A disabled account cannot log in, and its sessions end.
 */
gboolean
kontor_accounts_set_disabled (PGconn      *conn,
                              const char  *username,
                              gboolean     disabled,
                              GError     **error)
{
  const char *params[] = { username, disabled ? "true" : "false" };

  return update_account (conn, "UPDATE account SET disabled = $2 WHERE username = $1",
                         2, params, error) &&
         (!disabled || kontor_accounts_revoke_tokens (conn, username, error));
}

/* Ends every session of @username */
gboolean
kontor_accounts_revoke_tokens (PGconn      *conn,
                               const char  *username,
                               GError     **error)
{
  const char *params[] = { username };
  g_autoptr(PGresult) result = kontor_db_exec (conn, "SELECT 1 FROM account WHERE username = $1",
                                               1, params, error);

  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_NOT_FOUND,
                   _("There is no user “%s”."), username);
      return FALSE;
    }

  /* and the instances end the account's websockets (kontor-server-events.c) */
  return kontor_db_run (conn, "UPDATE session SET revoked_at = now() WHERE revoked_at IS NULL"
                              " AND account_id = (SELECT id FROM account WHERE username = $1)",
                        1, params, error) &&
         kontor_db_run (conn, "SELECT pg_notify ('kontor_revoke', 'account:' || id)"
                              " FROM account WHERE username = $1", 1, params, error);
}

/**
 * kontor_accounts_list:
 *
 * Returns: (transfer full) (element-type KontorAccount) (nullable): every
 *   account, by username
 */
GPtrArray *
kontor_accounts_list (PGconn  *conn,
                      GError **error)
{
  g_autoptr(PGresult) result = kontor_db_exec (conn, "SELECT " ACCOUNT_COLUMNS " FROM account a"
                                                     " ORDER BY a.username", 0, NULL, error);
  GPtrArray *accounts;

  if (result == NULL)
    return NULL;

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_account_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (accounts, account_from_row (result, i));

  return accounts;
}

/* A hash of a password nobody has: a login for an unknown user costs
 * the same as one with a wrong password, so the time does not tell which
 * usernames exist */
static const char *
dummy_hash (void)
{
  static gsize once;
  static char *hash;

  if (g_once_init_enter (&once))
    {
      hash = kontor_auth_hash_password ("no password at all", NULL);
      g_once_init_leave (&once, 1);
    }

  return hash;
}

/**
 * kontor_accounts_login:
 * @conn: a connection
 * @username: a username
 * @password: its password
 * @client_id: the installation logging in
 * @device_name: (nullable): what the user calls it
 * @token: (out): the new token, for the client only
 * @expires_at: (out): when it expires unless used, ISO 8601
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account; %NULL with
 *   %KONTOR_SERVER_ERROR_NOT_FOUND for a wrong username or password or a
 *   disabled account (one message for all three)
 */
KontorAccount *
kontor_accounts_login (PGconn      *conn,
                       const char  *username,
                       const char  *password,
                       const char  *client_id,
                       const char  *device_name,
                       char       **token,
                       char       **expires_at,
                       GError     **error)
{
  const char *user_params[] = { username };
  g_autoptr(PGresult) result = NULL;
  g_autoptr(PGresult) session = NULL;
  g_autoptr(KontorAccount) account = NULL;
  g_autofree char *new_token = NULL;
  g_autofree char *digest = NULL;
  const char *params[4];
  gboolean verified;

  result = kontor_db_exec (conn, "SELECT " ACCOUNT_COLUMNS ", a.password_hash FROM account a"
                                 " WHERE a.username = $1", 1, user_params, error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 1)
    {
      account = account_from_row (result, 0);
      verified = kontor_auth_verify_password (PQgetvalue (result, 0, 6), password);
    }
  else
    {
      kontor_auth_verify_password (dummy_hash (), password);
      verified = FALSE;
    }

  if (!verified || account->disabled)
    {
      g_set_error_literal (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_NOT_FOUND,
                           _("The user name or the password is wrong."));
      return NULL;
    }

  /* an installation is one account's: its client_seq, its pushes' results
   * and its chained edits are known by its id alone */
  {
    const char *taken_params[] = { client_id, account->id };
    g_autoptr(PGresult) taken =
      kontor_db_exec (conn, "SELECT 1 FROM client_watermark WHERE client_id = $1"
                            " AND account_id <> $2 UNION ALL SELECT 1 FROM session"
                            " WHERE client_id = $1 AND account_id <> $2 LIMIT 1",
                      2, taken_params, error);

    if (taken == NULL)
      return NULL;
    if (PQntuples (taken) > 0)
      {
        g_set_error_literal (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_CLIENT_TAKEN,
                             _("This installation is registered to another user."));
        return NULL;
      }
  }

  new_token = kontor_auth_new_token ();
  digest = kontor_auth_token_digest (new_token);
  params[0] = digest;
  params[1] = account->id;
  params[2] = client_id;
  params[3] = device_name != NULL ? device_name : "";
  session = kontor_db_exec (conn, "INSERT INTO session (token_sha256, account_id, client_id,"
                                  " device_name, expires_at) VALUES (decode ($1, 'hex'), $2, $3,"
                                  " $4, now () + interval '" SESSION_DAYS " days')"
                                  " RETURNING to_char (expires_at AT TIME ZONE 'UTC',"
                                  " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
                            4, params, error);
  if (session == NULL)
    return NULL;

  *token = g_steal_pointer (&new_token);
  *expires_at = g_strdup (PQgetvalue (session, 0, 0));

  return g_steal_pointer (&account);
}

/**
 * kontor_accounts_authenticate:
 * @conn: a connection
 * @token: a token as the client sent it
 * @error: return location for a #GError
 *
 * Finds the account of a live session (not revoked, not expired, the
 * account not disabled) and moves the session's expiry, at most once an
 * hour.
 *
 * Returns: (transfer full) (nullable): the account; %NULL with
 *   %KONTOR_SERVER_ERROR_NOT_FOUND when the token is no good
 */
KontorAccount *
kontor_accounts_authenticate (PGconn      *conn,
                              const char  *token,
                              GError     **error)
{
  g_autofree char *digest = kontor_auth_token_digest (token);
  const char *params[] = { digest };
  g_autoptr(PGresult) result = NULL;
  KontorAccount *account;

  /* one round trip, and a write at most once an hour per session: every
   * request of every client comes here */
  result = kontor_db_exec (conn, "WITH live AS (SELECT " ACCOUNT_COLUMNS ", s.client_id,"
                                 " s.token_sha256, s.last_seen_at FROM session s"
                                 " JOIN account a ON a.id = s.account_id"
                                 " WHERE s.token_sha256 = decode ($1, 'hex')"
                                 " AND s.revoked_at IS NULL AND s.expires_at > now ()"
                                 " AND NOT a.disabled),"
                                 " moved AS (UPDATE session SET last_seen_at = now (),"
                                 " expires_at = now () + interval '" SESSION_DAYS " days'"
                                 " WHERE token_sha256 IN (SELECT token_sha256 FROM live"
                                 " WHERE last_seen_at < now () - interval '1 hour'))"
                                 " SELECT id, workspace_id, username, display_name, role,"
                                 " disabled, client_id FROM live", 1, params, error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) != 1)
    {
      g_set_error_literal (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_NOT_FOUND,
                           _("The session has ended. Log in again."));
      return NULL;
    }

  account = account_from_row (result, 0);
  account->client_id = g_strdup (PQgetvalue (result, 0, 6));

  return account;
}

/* Ends the session of @token */
gboolean
kontor_accounts_logout (PGconn      *conn,
                        const char  *token,
                        GError     **error)
{
  g_autofree char *digest = kontor_auth_token_digest (token);
  const char *params[] = { digest };

  return kontor_db_run (conn, "UPDATE session SET revoked_at = now ()"
                              " WHERE token_sha256 = decode ($1, 'hex') AND revoked_at IS NULL",
                        1, params, error) &&
         kontor_db_run (conn, "SELECT pg_notify ('kontor_revoke', 'token:' || $1)", 1, params,
                        error);
}
