/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-uuid"

#include "config.h"

#include <string.h>

#include "kontor-uuid.h"

/* UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version 7, 12 bits that
 * count up within one millisecond (method 1 of §6.2, so ids made by one
 * process are strictly increasing), variant 10, 62 random bits. Ids are made
 * offline on every machine and still sort by creation time. */

static GMutex uuid_mutex;
static gint64 last_ms;
static guint  counter;

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower-case hex; by hand rather
 * than by a printf of 16 arguments: an import makes four ids a row */
static char *
format_uuid (const guint8 bytes[16])
{
  static const char hex[] = "0123456789abcdef";
  char *text = g_malloc (37);
  char *p = text;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0x0f];
    }
  *p = '\0';

  return text;
}

/**
 * kontor_uuid_v7_new_at:
 * @unix_ms: milliseconds since 1970
 *
 * Returns: (transfer full): a new UUIDv7 for the given time
 */
char *
kontor_uuid_v7_new_at (gint64 unix_ms)
{
  guint8 bytes[16];
  guint32 random_a = g_random_int ();
  guint32 random_b = g_random_int ();
  guint32 random_c = g_random_int ();
  guint seq;

  g_mutex_lock (&uuid_mutex);
  if (unix_ms > last_ms)
    {
      last_ms = unix_ms;
      counter = g_random_int_range (0, 0x400);   /* leave room to count up */
    }
  else
    {
      /* Same millisecond, or the clock went back: keep increasing. */
      unix_ms = last_ms;
      if (++counter > 0xfff)
        {
          counter = 0;
          unix_ms = ++last_ms;
        }
    }
  seq = counter;
  g_mutex_unlock (&uuid_mutex);

  for (int i = 0; i < 6; i++)
    bytes[i] = (unix_ms >> (8 * (5 - i))) & 0xff;
  bytes[6] = 0x70 | ((seq >> 8) & 0x0f);
  bytes[7] = seq & 0xff;
  bytes[8] = 0x80 | ((random_a >> 24) & 0x3f);
  bytes[9] = (random_a >> 16) & 0xff;
  bytes[10] = (random_a >> 8) & 0xff;
  bytes[11] = random_a & 0xff;
  bytes[12] = (random_b >> 24) & 0xff;
  bytes[13] = (random_b >> 16) & 0xff;
  bytes[14] = (random_c >> 8) & 0xff;
  bytes[15] = random_c & 0xff;

  return format_uuid (bytes);
}

/**
 * kontor_uuid_v7_new:
 *
 * Returns: (transfer full): a new UUIDv7 for now, larger than every id this
 *   process made before
 */
/**
 * kontor_uuid_v7_new_for_name:
 * @unix_ms: the time it stands for, Unix milliseconds
 * @name: what it names, the same text on every machine
 *
 * A UUIDv7 that every machine makes alike for the same time and name:
 * its random bits are the first of the SHA-256 of @name. For records
 * that two machines may write for the same reason (a birthday's task,
 * src/README.md "Reminders"), so both write one record.
 *
 * Returns: (transfer full): the UUID
 */
char *
kontor_uuid_v7_new_for_name (gint64      unix_ms,
                             const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  guint8 bytes[16];

  g_return_val_if_fail (name != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  for (int i = 0; i < 6; i++)
    bytes[i] = (unix_ms >> (8 * (5 - i))) & 0xff;
  memcpy (bytes + 6, digest, 10);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);

  return format_uuid (bytes);
}

char *
kontor_uuid_v7_new (void)
{
  return kontor_uuid_v7_new_at (g_get_real_time () / 1000);
}

/**
 * kontor_uuid_is_valid:
 * @uuid: (nullable): text
 *
 * Returns: %TRUE when @uuid is a UUID in canonical lower-case form
 */
gboolean
kontor_uuid_is_valid (const char *uuid)
{
  if (uuid == NULL || strlen (uuid) != 36)
    return FALSE;

  for (int i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (uuid[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (uuid[i]) || g_ascii_isupper (uuid[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_uuid_v7_get_time:
 * @uuid: a UUIDv7
 *
 * Returns: the milliseconds since 1970 stored in @uuid, or -1
 */
gint64
kontor_uuid_v7_get_time (const char *uuid)
{
  gint64 ms = 0;
  int digits = 0;

  if (!kontor_uuid_is_valid (uuid) || uuid[14] != '7')
    return -1;

  for (int i = 0; i < 13 && digits < 12; i++)
    {
      if (uuid[i] == '-')
        continue;
      ms = (ms << 4) | g_ascii_xdigit_value (uuid[i]);
      digits++;
    }

  return ms;
}
