/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* A machine of its own for the sync tests: one command on a store file,
 * in a process of its own, so that a test can run it under faketime
 * (test_clock_skew() in tests/sync/test-sync.c: a clock hours off):
 *
 *   sync-client DB URI USER PASSWORD set CONTACT_ID FIELD VALUE
 *   sync-client DB URI USER PASSWORD sync
 *
 * "set" writes a text field of a contact (by its column) as the form does;
 * "sync" logs in and runs one sync. Exit status 0 on success. */

#include "config.h"

#include <locale.h>

#include "kontor-contact.h"
#include "kontor-store.h"
#include "kontor-sync-engine.h"

static gboolean
set_field (KontorStore  *store,
           const char   *id,
           const char   *column,
           const char   *value,
           GError      **error)
{
  g_autoptr(KontorRecord) contact = kontor_store_load (store, KONTOR_TYPE_CONTACT, id, error);
  guint index;

  if (contact == NULL)
    return FALSE;
  if (kontor_record_class_find_field (KONTOR_RECORD_GET_CLASS (contact), column, &index) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no field %s", column);
      return FALSE;
    }
  kontor_record_set_string (contact, index, value);

  return kontor_store_save (store, contact, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  setlocale (LC_ALL, "");
  if (argc < 6 || (g_str_equal (argv[5], "set") && argc != 9))
    {
      g_printerr ("usage: sync-client DB URI USER PASSWORD set ID FIELD VALUE | sync\n");
      return 2;
    }

  store = kontor_store_open (argv[1], &error);
  if (store == NULL)
    goto failed;

  if (g_str_equal (argv[5], "set"))
    ok = set_field (store, argv[6], argv[7], argv[8], &error);
  else
    {
      engine = kontor_sync_engine_new (store, argv[2]);
      ok = kontor_sync_engine_login (engine, argv[3], argv[4], "Skewed", NULL, &error) &&
           kontor_sync_engine_sync (engine, NULL, &error);
    }

  /* a purge a delete started finishes on the next open */
  g_clear_object (&engine);
  if (ok)
    return 0;

failed:
  g_printerr ("sync-client: %s\n", error->message);
  return 1;
}
