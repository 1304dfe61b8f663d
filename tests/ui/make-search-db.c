/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Usage: make-search-db FILE
 *
 * For tests/ui/test-shell-search.py: a database written through the store
 * as the app writes it, with
 *   Anna Schneider of Brandt Maschinenbau GmbH (Leipzig), her e-mail,
 *     phone and customer number,
 *   Bernd Vogel, without a company,
 *   Clara Schneider, archived,
 *   Zeppelin Werke AG in Friedrichshafen, a company without contacts.
 * Prints the ids of Anna, Bernd, Clara, Brandt and Zeppelin, one a line. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kontor-store.h"

static void
save (KontorStore *store,
      gpointer     record)
{
  g_autoptr(GError) error = NULL;

  if (!kontor_store_save (store, KONTOR_RECORD (record), &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorContact) anna = kontor_contact_new ();
  g_autoptr(KontorContact) bernd = kontor_contact_new ();
  g_autoptr(KontorContact) clara = kontor_contact_new ();
  g_autoptr(KontorCompany) brandt = NULL;
  g_autoptr(KontorCompany) zeppelin = kontor_company_new ("Zeppelin Werke AG");
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s FILE\n", argv[0]);
      return 2;
    }

  store = kontor_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  kontor_contact_set_first_name (anna, "Anna");
  kontor_contact_set_last_name (anna, "Schneider");
  kontor_contact_set_company_name (anna, "Brandt Maschinenbau GmbH");
  kontor_contact_add_email (anna, "work", "anna.schneider@brandt.example");
  kontor_contact_add_phone (anna, "work", "0341 555 0123");
  kontor_contact_set_customer_number (anna, "K-4711");
  kontor_contact_set_status (anna, KONTOR_CONTACT_STATUS_CUSTOMER);
  save (store, anna);

  /* the company made for her by name, in its city */
  brandt = kontor_store_load (store, KONTOR_TYPE_COMPANY, kontor_contact_get_company_id (anna),
                              &error);
  if (brandt == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  kontor_company_set_city (brandt, "Leipzig");
  save (store, brandt);

  kontor_contact_set_first_name (bernd, "Bernd");
  kontor_contact_set_last_name (bernd, "Vogel");
  kontor_contact_add_email (bernd, "work", "bernd@vogel.example");
  save (store, bernd);

  kontor_contact_set_first_name (clara, "Clara");
  kontor_contact_set_last_name (clara, "Schneider");
  kontor_contact_set_status (clara, KONTOR_CONTACT_STATUS_ARCHIVED);
  save (store, clara);

  kontor_company_set_city (zeppelin, "Friedrichshafen");
  save (store, zeppelin);

  printf ("%s\n%s\n%s\n%s\n%s\n", kontor_record_get_id (KONTOR_RECORD (anna)),
          kontor_record_get_id (KONTOR_RECORD (bernd)), kontor_record_get_id (KONTOR_RECORD (clara)),
          kontor_record_get_id (KONTOR_RECORD (brandt)),
          kontor_record_get_id (KONTOR_RECORD (zeppelin)));

  return 0;
}
