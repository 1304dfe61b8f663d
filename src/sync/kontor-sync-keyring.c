/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The session's token in the desktop's keyring, and nowhere else
 * (src/README.md "Signing in"): the Secret Service through libsecret,
 * under a schema of Kontor's own whose attributes are the server's
 * address and the user name, so one machine may keep sessions with
 * several servers. Without a Secret Service on the session bus nothing
 * is written anywhere: the caller keeps the token in memory and asks for
 * the password at the next start.
 *
 * The calls block (the keyring may ask the user to unlock it); they run
 * on the sync service's worker, never on the window's thread. */

#define G_LOG_DOMAIN "kontor-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "kontor-sync-keyring.h"

#define SECRETS_NAME "org.freedesktop.secrets"

static const SecretSchema session_schema = {
  .name = APP_ID ".Session",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static void
set_no_keyring (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This desktop has no keyring (no Secret Service is running). Kontor "
                         "keeps the session only while it runs and asks for the password at "
                         "every start."));
}

/* A libsecret error in the user's words, the reason kept */
static void
set_keyring_error (GError     **error,
                   GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The keyring could not be used: %s"), cause->message);
  g_error_free (cause);
}

/* Whether @name is on @bus now or is started on demand */
static gboolean
bus_offers (GDBusConnection  *bus,
            const char       *name,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **names = NULL;
  gboolean owned = FALSE;

  owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, cancellable, error);
  if (owner == NULL)
    return FALSE;
  g_variant_get (owner, "(b)", &owned);
  if (owned)
    return TRUE;

  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames",
                                             NULL, G_VARIANT_TYPE ("(as)"),
                                             G_DBUS_CALL_FLAGS_NONE, -1, cancellable, error);
  if (activatable == NULL)
    return FALSE;
  g_variant_get (activatable, "(^a&s)", &names);

  return g_strv_contains (names, name);
}

/**
 * kontor_sync_keyring_available:
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks the session bus whether a Secret Service runs or can be started,
 * without starting it and without a prompt.
 *
 * Returns: %TRUE when there is one; %FALSE with %G_IO_ERROR_NOT_SUPPORTED
 *   (a message for the user) when not
 */
gboolean
kontor_sync_keyring_available (GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) local_error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, &local_error);
  if (bus == NULL || !bus_offers (bus, SECRETS_NAME, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          if (local_error != NULL)
            g_debug ("No session bus for the keyring: %s", local_error->message);
          set_no_keyring (error);
        }
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_sync_keyring_store:
 * @server_uri: the team server's address
 * @username: the user name on it
 * @token: the session's token
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Keeps the token in the default collection of the keyring, replacing
 * the one kept for the same server and user.
 *
 * Returns: %TRUE when the keyring has it
 */
gboolean
kontor_sync_keyring_store (const char    *server_uri,
                           const char    *username,
                           const char    *token,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server_uri != NULL && username != NULL && token != NULL, FALSE);

  if (!kontor_sync_keyring_available (cancellable, error))
    return FALSE;

  /* TRANSLATORS: the keyring's name for the saved session; the first is
   * a user name, the second a server's address */
  label = g_strdup_printf (_("Kontor session of %s on %s"), username, server_uri);
  if (!secret_password_store_sync (&session_schema, SECRET_COLLECTION_DEFAULT, label, token,
                                   cancellable, &local_error,
                                   "server", server_uri, "username", username, NULL))
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_sync_keyring_lookup:
 * @server_uri: the team server's address
 * @username: the user name on it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the kept token; %NULL without
 *   @error set when the keyring has none
 */
char *
kontor_sync_keyring_lookup (const char    *server_uri,
                            const char    *username,
                            GCancellable  *cancellable,
                            GError       **error)
{
  GError *local_error = NULL;
  char *secret;
  char *token;

  g_return_val_if_fail (server_uri != NULL && username != NULL, NULL);

  if (!kontor_sync_keyring_available (cancellable, error))
    return NULL;

  secret = secret_password_lookup_nonpageable_sync (&session_schema, cancellable, &local_error,
                                                    "server", server_uri,
                                                    "username", username, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return NULL;
    }

  token = g_strdup (secret);
  secret_password_free (secret);

  return token;
}

/**
 * kontor_sync_keyring_clear:
 * @server_uri: the team server's address
 * @username: the user name on it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes the kept token, when there is one.
 *
 * Returns: %TRUE when the keyring has none now
 */
gboolean
kontor_sync_keyring_clear (const char    *server_uri,
                           const char    *username,
                           GCancellable  *cancellable,
                           GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (server_uri != NULL && username != NULL, FALSE);

  if (!kontor_sync_keyring_available (cancellable, error))
    return FALSE;

  secret_password_clear_sync (&session_schema, cancellable, &local_error,
                              "server", server_uri, "username", username, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
