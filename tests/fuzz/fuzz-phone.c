/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-phone"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kontor-text.h"

/* libFuzzer target for the phone number rules (src/README.md "Search"),
 * which read whatever a person typed into a phone field or the search
 * field. Beyond not crashing: a normalised number is digits only; its
 * first key is "+" and those digits, every other key is a tail of them of
 * at least three digits; a query key is "+" and digits or digits, exactly
 * when the text is a phone query; and a number typed as a query finds
 * itself (its query key starts one of its keys, "+" and all). Anything
 * else aborts.
 *
 * Run by hand: see src/README.md, "Fuzzing". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_NORETURN void
fail (const char *what,
      const char *text,
      const char *value)
{
  fprintf (stderr, "fuzz-phone: %s\n  text:  %s\n  value: %s\n", what, text,
           value != NULL ? value : "(null)");
  abort ();
}

static gboolean
is_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *digits = kontor_phone_normalize (text);
  g_auto(GStrv) keys = kontor_phone_index_keys (text);
  g_autofree char *query = kontor_phone_query_key (text);
  gboolean found = FALSE;

  if (!is_digits (digits))
    fail ("the normalised number is not digits", text, digits);

  if (digits[0] == '\0' && keys[0] != NULL)
    fail ("keys of a number without digits", text, keys[0]);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (i == 0 && (keys[0][0] != '+' || strcmp (keys[0] + 1, digits) != 0))
        fail ("the first key is not the whole number", text, keys[0]);
      if (i > 0 && (!is_digits (keys[i]) || strlen (keys[i]) < 3 ||
                    !g_str_has_suffix (digits, keys[i])))
        fail ("a key is not a tail of the number", text, keys[i]);
    }

  if ((query != NULL) != kontor_phone_is_query (text))
    fail ("a query key for what is no phone query, or none for one", text, query);
  if (query == NULL)
    return 0;
  if (!is_digits (query[0] == '+' ? query + 1 : query))
    fail ("the query key is not digits", text, query);

  for (guint i = 0; keys[i] != NULL && !found; i++)
    found = g_str_has_prefix (keys[i], query) ||
            (query[0] != '+' && i == 0 && g_str_has_prefix (keys[0] + 1, query));
  if (!found)
    fail ("a number typed as a query does not find itself", text, query);

  return 0;
}
