/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-search-query"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kontor-search-query.h"

/* libFuzzer target for the reader of the search entry's text
 * (kontor_search_query_parse()) and its completion
 * (kontor_search_complete()): whatever a person types or pastes. Every
 * problem lies within the text and has a message, every word, phrase and
 * value is UTF-8 and not empty, every offer is UTF-8 and replaces a word
 * that starts within the text; anything else aborts, and so does a
 * critical warning.
 *
 * Run by hand: see src/README.md, "Tests". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_NORETURN void
fail (const char *what,
      const char *text)
{
  fprintf (stderr, "fuzz-search-query: %s\n  text: %s\n", what, text);
  abort ();
}

static void
check_texts (GPtrArray  *texts,
             const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const char *one = g_ptr_array_index (texts, i);

      if (one == NULL || one[0] == '\0' || !g_utf8_validate (one, -1, NULL))
        fail ("an empty or invalid word or phrase", text);
    }
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
  /* the entry holds a C string: the input up to its first NUL */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (text);
  gsize len = strlen (text);

  check_texts (query->words, text);
  check_texts (query->phrases, text);
  check_texts (query->not_words, text);
  check_texts (query->not_phrases, text);
  for (guint i = 0; i < query->terms->len; i++)
    {
      KontorSearchTerm *term = g_ptr_array_index (query->terms, i);

      if (term->value == NULL || term->value[0] == '\0' ||
          !g_utf8_validate (term->value, -1, NULL) ||
          term->start > term->end || term->end > len)
        fail ("a term out of the text or without a value", text);
    }
  for (guint i = 0; i < query->problems->len; i++)
    {
      KontorSearchProblem *problem = g_ptr_array_index (query->problems, i);

      if (problem->start > problem->end || problem->end > len ||
          problem->message == NULL || problem->message[0] == '\0')
        fail ("a problem out of the text or without a message", text);
    }
  if (!g_utf8_validate (text, -1, NULL) &&
      (!kontor_search_query_is_empty (query) || kontor_search_query_has_problems (query)))
    fail ("invalid UTF-8 read as something", text);

  /* completion at every place a cursor may stand */
  for (gsize cursor = 0; cursor <= len && cursor <= 256; cursor++)
    {
      const char *values[] = { "Angebot", "Anna Schmidt", "Müller \"GmbH\"", NULL };
      guint start = G_MAXUINT;
      g_auto(GStrv) offers = kontor_search_complete (text, cursor, values, cursor % 2, &start);

      if (offers == NULL || start > len)
        fail ("completion gave no list or a word outside the text", text);
      for (guint i = 0; offers[i] != NULL; i++)
        if (!g_utf8_validate (offers[i], -1, NULL) || strchr (offers[i], ':') == NULL)
          fail ("an offer that is not UTF-8 or no operator", text);
    }

  return 0;
}
