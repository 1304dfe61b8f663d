/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Passwords are kept as Argon2id hashes in libargon2's encoded form, which
 * carries its parameters and salt, so that stronger parameters later still
 * verify the old hashes. A login gets an opaque token of 256 random bits;
 * the server keeps only its SHA-256 (src/server/README.md "Accounts"). */

#define G_LOG_DOMAIN "kontor-server"

#include "config.h"

#include <argon2.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "kontor-server-auth.h"
#include "kontor-server-db.h"

/* OWASP's Argon2id minimum: 19 MiB, 2 passes, one lane; a login costs
 * about 50 ms of one core */
#define ARGON2_MEMORY_KIB 19456
#define ARGON2_PASSES     2
#define ARGON2_LANES      1
#define SALT_BYTES        16
#define HASH_BYTES        32
#define TOKEN_BYTES       32

static void
random_bytes (guint8 *buffer,
              gsize   length)
{
  gsize done = 0;

  /* getrandom() blocks only until the kernel's pool is first ready */
  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0)
        g_error ("No random numbers from the kernel: %s", g_strerror (errno));
      done += n;
    }
}

/**
 * kontor_auth_hash_password:
 * @password: a password, UTF-8
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the encoded Argon2id hash
 */
char *
kontor_auth_hash_password (const char  *password,
                           GError     **error)
{
  guint8 salt[SALT_BYTES];
  gsize length = argon2_encodedlen (ARGON2_PASSES, ARGON2_MEMORY_KIB, ARGON2_LANES, SALT_BYTES,
                                    HASH_BYTES, Argon2_id);
  g_autofree char *encoded = g_malloc0 (length);
  int rc;

  random_bytes (salt, sizeof salt);
  rc = argon2id_hash_encoded (ARGON2_PASSES, ARGON2_MEMORY_KIB, ARGON2_LANES, password,
                              strlen (password), salt, sizeof salt, HASH_BYTES, encoded, length);
  if (rc != ARGON2_OK)
    {
      g_set_error (error, KONTOR_SERVER_ERROR, KONTOR_SERVER_ERROR_INVALID,
                   _("The password could not be hashed: %s"), argon2_error_message (rc));
      return NULL;
    }

  return g_steal_pointer (&encoded);
}

/**
 * kontor_auth_verify_password:
 * @encoded: what kontor_auth_hash_password() returned
 * @password: a password
 *
 * Returns: whether @password is the one @encoded was made of
 */
gboolean
kontor_auth_verify_password (const char *encoded,
                             const char *password)
{
  return encoded != NULL && password != NULL &&
         argon2id_verify (encoded, password, strlen (password)) == ARGON2_OK;
}

/**
 * kontor_auth_new_token:
 *
 * Returns: (transfer full): a new token, 256 random bits in unpadded
 *   base64url (43 characters)
 */
char *
kontor_auth_new_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  g_autofree char *base64 = NULL;

  random_bytes (bytes, sizeof bytes);
  base64 = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (base64, "+", '-');
  g_strdelimit (base64, "/", '_');
  *strchrnul (base64, '=') = '\0';

  return g_steal_pointer (&base64);
}

/**
 * kontor_auth_token_digest:
 * @token: a token
 *
 * Returns: (transfer full): the SHA-256 of @token, as lower-case hex: what
 *   the session table keeps (decode ($1, 'hex'))
 */
char *
kontor_auth_token_digest (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
