/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-eml"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kontor-eml.h"
#include "kontor-record-rules.h"

/* libFuzzer target for the reader of e-mail files (kontor_eml_parse(),
 * on GMime), which reads whatever a user drops on the window. Each input
 * is read as a file's bytes: it is refused with a G_IO_ERROR naming the
 * file, or what comes out keeps the reader's promises — valid UTF-8
 * without control characters, within the lengths of the fields — and
 * the activity made of it passes the model's rules, so that no message
 * is read that the store would then refuse. Anything else aborts, as
 * does a critical warning.
 *
 * Run by hand: see src/README.md, "Tests". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_NORETURN void
fail (const char *what,
      const char *value)
{
  fprintf (stderr, "fuzz-eml: %s: %s\n", what, value != NULL ? value : "(null)");
  abort ();
}

static void
check_line (const char *what,
            const char *text,
            guint       max_chars)
{
  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    fail (what, "not UTF-8");
  if (*text == '\0' || text[0] == ' ' || g_str_has_suffix (text, " "))
    fail (what, text);
  if (g_utf8_strlen (text, -1) > max_chars)
    fail (what, "too long");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        fail (what, "a control character");
    }
}

static void
check_addresses (const char *what,
                 GStrv       addresses)
{
  if (addresses == NULL)
    fail (what, "no list");
  if (g_strv_length (addresses) > KONTOR_EML_MAX_ADDRESSES)
    fail (what, "too many");
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      check_line (what, addresses[i], 254);
      if (strchr (addresses[i], ' ') != NULL)
        fail (what, addresses[i]);
    }
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
  g_autoptr(KontorEml) eml = NULL;
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(GError) error = NULL;

  eml = kontor_eml_parse ("fuzz.eml", bytes, &error);
  if (eml == NULL)
    {
      if (error == NULL || error->domain != G_IO_ERROR || error->message == NULL ||
          strstr (error->message, "fuzz.eml") == NULL)
        fail ("refused without a G_IO_ERROR naming the file",
              error != NULL ? error->message : NULL);
      return 0;
    }
  if (error != NULL)
    fail ("read, and an error set", error->message);

  check_line ("subject", eml->subject, KONTOR_TEXT_MAX_CHARS);
  check_line ("from name", eml->from_name, KONTOR_TEXT_MAX_CHARS);
  check_line ("from address", eml->from_address, 254);
  check_addresses ("to", eml->to);
  check_addresses ("cc", eml->cc);
  check_line ("excerpt", eml->excerpt, KONTOR_EML_EXCERPT_CHARS + 1);
  if (eml->date < 0)
    fail ("date", "before 1970");

  activity = kontor_eml_new_activity (eml, NULL, 1);
  kontor_activity_set_contact_id (activity, "01900000-0000-7000-8000-000000000001");
  if (!kontor_record_validate (KONTOR_RECORD (activity), NULL, &error))
    fail ("the activity breaks the model's rules", error->message);

  return 0;
}
