/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-filter"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kontor-filter.h"

/* libFuzzer target for the reader of a dynamic group's filter
 * (kontor_filter_new_from_string()): the text comes with the group from
 * the sync server, so it is outside data. An input is refused with an
 * error and its message, or read into a filter whose text reads back into
 * an equal filter with the same text; anything else is a bug and aborts,
 * and so does a critical warning.
 *
 * Run by hand: see src/README.md, "Fuzzing". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_NORETURN void
fail (const char *what,
      const char *first,
      const char *second)
{
  fprintf (stderr, "fuzz-filter: %s\n  first:  %s\n  second: %s\n", what, first,
           second != NULL ? second : "(none)");
  abort ();
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
  /* the reader takes a C string: the input up to its first NUL */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(KontorFilter) filter = NULL;
  g_autoptr(KontorFilter) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *written_again = NULL;

  filter = kontor_filter_new_from_string (text, &error);
  if (filter == NULL)
    {
      if (error == NULL || error->message == NULL)
        fail ("refused without an error", text, NULL);
      return 0;
    }
  if (error != NULL)
    fail ("read, and an error set", text, error->message);

  written = kontor_filter_to_string (filter);
  if (written == NULL || !g_utf8_validate (written, -1, NULL))
    fail ("the writer wrote no text or no UTF-8", text, written);

  again = kontor_filter_new_from_string (written, &error);
  if (again == NULL)
    fail ("the writer's text does not read back", written, error->message);
  if (!kontor_filter_equal (filter, again))
    fail ("the round trip changed the filter", text, written);

  written_again = kontor_filter_to_string (again);
  if (g_strcmp0 (written, written_again) != 0)
    fail ("the round trip changed the text", written, written_again);

  return 0;
}
