/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-rank"

#include "config.h"

#include <string.h>

#include "kontor-rank.h"

/* Fractional ranks order the cards of a board column (src/README.md "Pipeline ranks"): a
 * card moved between two others gets a rank between theirs, so moving one
 * card never rewrites another, on any machine. The encoding is the
 * "fractional indexing" scheme of Rocicorp's and Figma's boards: base-62
 * digits; an integer part whose first character gives its length ("a0" …
 * "az", then "b00" …; upper case for ranks before "a0"), then an optional
 * fraction without trailing zeros. Appending card after card counts the
 * integer up, so ranks stay short; inserting between two neighbours adds
 * fraction digits only where needed. Byte order (strcmp) is rank order. */

static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

#define BASE 62

static int
digit_value (char c)
{
  const char *p = c != '\0' ? strchr (digits, c) : NULL;

  return p != NULL ? (int) (p - digits) : -1;
}

/* The length of the integer part that starts with @head, or 0 */
static int
integer_length (char head)
{
  if (head >= 'a' && head <= 'z')
    return head - 'a' + 2;
  if (head >= 'A' && head <= 'Z')
    return 'Z' - head + 2;

  return 0;
}

/* The fractional midpoint between @a ("" for 0) and @b (NULL for 1), as
 * digits without trailing zeros; a < b. */
static char *
midpoint (const char *a,
          const char *b)
{
  GString *result = g_string_new (NULL);

  for (;;)
    {
      int digit_a, digit_b;

      if (b != NULL)
        {
          /* skip the common prefix, reading a missing digit of @a as 0 */
          gsize a_len = strlen (a);
          gsize n = 0;

          while (b[n] != '\0' && (n < a_len ? a[n] : '0') == b[n])
            n++;
          if (n > 0)
            {
              for (gsize i = 0; i < n; i++)
                g_string_append_c (result, b[i]);
              a = strlen (a) > n ? a + n : "";
              b = b + n;
            }
        }

      digit_a = a[0] != '\0' ? digit_value (a[0]) : 0;
      digit_b = b != NULL ? digit_value (b[0]) : BASE;

      if (digit_b - digit_a > 1)
        {
          g_string_append_c (result, digits[(digit_a + digit_b + 1) / 2]);
          return g_string_free (result, FALSE);
        }

      /* adjacent digits: keep @a's and go one digit deeper */
      if (b != NULL && strlen (b) > 1)
        {
          g_string_append_c (result, b[0]);
          return g_string_free (result, FALSE);
        }

      g_string_append_c (result, digits[digit_a]);
      a = a[0] != '\0' ? a + 1 : "";
      b = NULL;
    }
}

/* @head's integer with every digit @fill */
static char *
integer_of (char head,
            char fill)
{
  int len = integer_length (head);
  char *result = g_malloc (len + 1);

  result[0] = head;
  memset (result + 1, fill, len - 1);
  result[len] = '\0';

  return result;
}

/* @integer counted one up (@delta 1) or down (-1), or %NULL past the
 * largest or below the smallest integer */
static char *
count_integer (const char *integer,
               int         delta)
{
  g_autofree char *result = g_strdup (integer);
  gsize len = strlen (result);
  char wrapped = delta > 0 ? '0' : 'z';

  for (gsize i = len - 1; i >= 1; i--)
    {
      int d = digit_value (result[i]) + delta;

      if (d >= 0 && d < BASE)
        {
          result[i] = digits[d];
          return g_steal_pointer (&result);
        }
      result[i] = wrapped;
    }

  /* every digit carried or borrowed: the next length ("az" → "b00") or the
   * previous one ("b00" → "az"), across the sign ("Zz" ↔ "a0") */
  if (integer[0] == (delta > 0 ? 'Z' : 'a'))
    return g_strdup (delta > 0 ? "a0" : "Zz");
  if (integer[0] == (delta > 0 ? 'z' : 'A'))
    return NULL;

  return integer_of (integer[0] + delta, wrapped);
}

/**
 * kontor_rank_is_valid:
 * @rank: (nullable): a rank
 *
 * Returns: %TRUE when @rank is a well-formed rank: an integer part of the
 *   length its first character gives, base-62 digits, no trailing zero in
 *   the fraction
 */
gboolean
kontor_rank_is_valid (const char *rank)
{
  gsize len;
  int int_len;

  if (rank == NULL || rank[0] == '\0')
    return FALSE;

  int_len = integer_length (rank[0]);
  len = strlen (rank);
  if (int_len == 0 || len < (gsize) int_len)
    return FALSE;

  for (gsize i = 1; i < len; i++)
    {
      if (digit_value (rank[i]) < 0)
        return FALSE;
    }

  /* the smallest integer "A000…" has nothing before it to sort against */
  if (strncmp (rank, "A00000000000000000000000000", int_len) == 0)
    return FALSE;

  return len == (gsize) int_len || rank[len - 1] != '0';
}

/**
 * kontor_rank_compare:
 * @a: (nullable): a rank
 * @b: (nullable): a rank
 *
 * Returns: the order of @a and @b; %NULL (no rank) sorts last
 */
int
kontor_rank_compare (const char *a,
                     const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  return strcmp (a, b);
}

/**
 * kontor_rank_between:
 * @before: (nullable): the rank of the card before, %NULL at the start
 * @after: (nullable): the rank of the card after, %NULL at the end
 *
 * Returns: (transfer full) (nullable): a rank that sorts after @before and
 *   before @after, as short as possible; %NULL when @before does not sort
 *   before @after or a rank is malformed
 */
char *
kontor_rank_between (const char *before,
                     const char *after)
{
  g_autofree char *int_a = NULL;
  g_autofree char *int_b = NULL;
  g_autofree char *next = NULL;
  g_autofree char *mid = NULL;

  if ((before != NULL && !kontor_rank_is_valid (before)) ||
      (after != NULL && !kontor_rank_is_valid (after)))
    return NULL;
  if (before != NULL && after != NULL && strcmp (before, after) >= 0)
    return NULL;

  if (before == NULL && after == NULL)
    return g_strdup ("a0");

  if (before == NULL)
    {
      int len = integer_length (after[0]);
      const char *fraction = after + len;
      g_autofree char *previous = NULL;

      int_b = g_strndup (after, len);
      if (strncmp (int_b, "A00000000000000000000000000", len) == 0)
        {
          mid = midpoint ("", fraction);
          return g_strconcat (int_b, mid, NULL);
        }
      /* "b1x" → "b1": the integer alone sorts before its fractions */
      if (fraction[0] != '\0')
        return g_steal_pointer (&int_b);
      previous = count_integer (int_b, -1);
      return g_steal_pointer (&previous);
    }

  if (after == NULL)
    {
      int len = integer_length (before[0]);

      int_a = g_strndup (before, len);
      next = count_integer (int_a, 1);
      if (next != NULL)
        return g_steal_pointer (&next);
      mid = midpoint (before + len, NULL);
      return g_strconcat (int_a, mid, NULL);
    }

  int_a = g_strndup (before, integer_length (before[0]));
  int_b = g_strndup (after, integer_length (after[0]));

  if (g_str_equal (int_a, int_b))
    {
      mid = midpoint (before + strlen (int_a), after + strlen (int_b));
      return g_strconcat (int_a, mid, NULL);
    }

  next = count_integer (int_a, 1);
  if (next != NULL && strcmp (next, after) < 0)
    return g_steal_pointer (&next);

  mid = midpoint (before + strlen (int_a), NULL);

  return g_strconcat (int_a, mid, NULL);
}
