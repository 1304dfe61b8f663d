/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-vcard"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kontor-channel.h"
#include "kontor-record-rules.h"
#include "kontor-vcard-private.h"

/* libFuzzer target for the vCard reader (src/io/kontor-vcard-source.c
 * and kontor-vcard.c, on EVCard), which reads whatever file a user
 * imports. Each input is a file's bytes, read card by card as the import
 * does: every card is a contact or an error of KONTOR_IMPORT_ERROR whose
 * message names the file; every text of a contact is valid UTF-8; the
 * model's rules judge each contact without a warning; and the contact,
 * written as 4.0 and as 3.0 and read back, keeps its names. Anything
 * else aborts, as does a critical warning.
 *
 * Run by hand: see src/README.md, "Tests". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_NORETURN void
fail (const char *what,
      const char *value)
{
  fprintf (stderr, "fuzz-vcard: %s: %s\n", what, value != NULL ? value : "(null)");
  abort ();
}

static void
check_text (const char *what,
            const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    fail (what, "not UTF-8");
}

static void
check_channels (const char *what,
                GPtrArray  *channels)
{
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);

      if (channel->value == NULL)
        fail (what, "a channel without a value");
      check_text (what, channel->label);
      check_text (what, channel->value);
    }
}

static void
check_same_names (KontorContact      *contact,
                  KontorVcardVersion  version)
{
  g_autofree char *card = kontor_vcard_from_contact (contact, version);
  g_autoptr(KontorContact) back = NULL;

  if (card == NULL || !g_utf8_validate (card, -1, NULL))
    fail ("written card", "not UTF-8");

  back = kontor_vcard_parse_card (card);
  if (back == NULL)
    fail ("written card not read back", card);
  if (g_strcmp0 (kontor_contact_get_first_name (contact),
                 kontor_contact_get_first_name (back)) != 0)
    fail ("first name changed on the way", card);
  if (g_strcmp0 (kontor_contact_get_last_name (contact),
                 kontor_contact_get_last_name (back)) != 0)
    fail ("last name changed on the way", card);
  if (g_strcmp0 (kontor_contact_get_company_name (contact),
                 kontor_contact_get_company_name (back)) != 0)
    fail ("company changed on the way", card);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a failed precondition is a bug, not a message */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(KontorImportSource) source = kontor_vcard_source_new_for_bytes (bytes, "fuzz.vcf");

  /* each call reads at least one line */
  for (size_t round = 0; round <= size + 1; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KontorContact) contact = NULL;
      guint line = 0;

      contact = kontor_import_source_next (source, &line, &error);
      if (contact == NULL)
        {
          if (error == NULL)
            return 0;
          if (error->domain != KONTOR_IMPORT_ERROR || error->message == NULL ||
              strstr (error->message, "fuzz.vcf") == NULL)
            fail ("refused without a message naming the file", error->message);
          if (error->code != KONTOR_IMPORT_ERROR_ROW)
            return 0;
          continue;
        }
      if (error != NULL)
        fail ("read, and an error set", error->message);
      if (line == 0)
        fail ("a contact", "without a line");

      check_text ("title", kontor_contact_get_title (contact));
      check_text ("first name", kontor_contact_get_first_name (contact));
      check_text ("last name", kontor_contact_get_last_name (contact));
      check_text ("job title", kontor_contact_get_job_title (contact));
      check_text ("company", kontor_contact_get_company_name (contact));
      check_text ("street", kontor_contact_get_street (contact));
      check_text ("postal code", kontor_contact_get_postal_code (contact));
      check_text ("city", kontor_contact_get_city (contact));
      check_text ("country", kontor_contact_get_country (contact));
      check_text ("notes", kontor_contact_get_notes (contact));
      check_text ("birthday", kontor_contact_get_birthday (contact));
      check_text ("customer number", kontor_contact_get_customer_number (contact));
      check_channels ("e-mail", kontor_contact_get_emails (contact));
      check_channels ("phone", kontor_contact_get_phones (contact));

      /* judged, passed or refused, without a warning */
      kontor_record_validate (KONTOR_RECORD (contact), NULL, NULL);

      check_same_names (contact, KONTOR_VCARD_VERSION_40);
      check_same_names (contact, KONTOR_VCARD_VERSION_30);
    }

  fail ("no end", "more cards than lines");
}
