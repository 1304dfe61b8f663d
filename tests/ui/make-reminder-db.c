/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Usage: make-reminder-db FILE SUBJECT SECONDS [SUBJECT SECONDS]...
 *
 * For tests/ui/test-notifications.py: a database with one contact and,
 * for each SUBJECT, an open task of the contact whose reminder comes
 * SECONDS from now (0 or less: due now), written through the store as
 * the app writes it. Prints each task's id, one a line. */

#include "config.h"

#include <stdio.h>

#include "kontor-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (argc < 4 || argc % 2 != 0)
    {
      g_printerr ("usage: %s FILE SUBJECT SECONDS [SUBJECT SECONDS]...\n", argv[0]);
      return 2;
    }

  store = kontor_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  contact = kontor_contact_new ();
  kontor_contact_set_first_name (contact, "Anna");
  kontor_contact_set_last_name (contact, "Berger");
  if (!kontor_store_save (store, KONTOR_RECORD (contact), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (int i = 2; i + 1 < argc; i += 2)
    {
      g_autoptr(KontorActivity) task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                            KONTOR_RECORD (contact));

      kontor_activity_set_subject (task, argv[i]);
      kontor_activity_set_remind_at (task, now + g_ascii_strtoll (argv[i + 1], NULL, 10));
      if (!kontor_store_save (store, KONTOR_RECORD (task), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("%s\n", kontor_record_get_id (KONTOR_RECORD (task)));
    }

  return 0;
}
