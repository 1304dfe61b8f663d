/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-rank"

#include "config.h"

#include <string.h>

#include "kontor-rank.h"

/* Fractional ranks of board cards: every rank made sorts strictly between
 * its neighbours, byte order is rank order, appending stays short. */

static void
assert_between (const char *before,
                const char *after)
{
  g_autofree char *rank = kontor_rank_between (before, after);

  g_assert_nonnull (rank);
  g_assert_true (kontor_rank_is_valid (rank));
  if (before != NULL)
    g_assert_cmpint (strcmp (before, rank), <, 0);
  if (after != NULL)
    g_assert_cmpint (strcmp (rank, after), <, 0);
}

static void
test_known_values (void)
{
  const struct { const char *before, *after, *expected; } cases[] = {
    { NULL, NULL, "a0" },
    { "a0", NULL, "a1" },
    { "a1", NULL, "a2" },
    { NULL, "a0", "Zz" },
    { "a0", "a1", "a0V" },
    { "a1", "a2", "a1V" },
    { "a0V", "a1", "a0l" },
    { "Zz", "a0", "ZzV" },
    { "Zz", "a1", "a0" },
    { "az", NULL, "b00" },
    { "b00", NULL, "b01" },
    { NULL, "b00", "az" },
    { "a0", "a0V", "a0G" },
    { "a0", "a01", "a00V" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rank = kontor_rank_between (cases[i].before, cases[i].after);

      g_assert_cmpstr (rank, ==, cases[i].expected);
    }
}

static void
test_refuses_bad_input (void)
{
  g_assert_null (kontor_rank_between ("a1", "a0"));
  g_assert_null (kontor_rank_between ("a1", "a1"));
  g_assert_null (kontor_rank_between ("a10", NULL));   /* trailing zero */
  g_assert_null (kontor_rank_between ("", NULL));
  g_assert_null (kontor_rank_between ("a", NULL));     /* integer part too short */
  g_assert_null (kontor_rank_between ("a0!", NULL));
  g_assert_false (kontor_rank_is_valid (NULL));
  g_assert_false (kontor_rank_is_valid ("B"));
  g_assert_true (kontor_rank_is_valid ("a0"));
  g_assert_true (kontor_rank_is_valid ("b00V"));
}

static void
test_appending_stays_short (void)
{
  g_autofree char *rank = NULL;

  /* 10 000 cards appended one by one, as a column fills up */
  for (guint i = 0; i < 10000; i++)
    {
      char *next = kontor_rank_between (rank, NULL);

      g_assert_nonnull (next);
      if (rank != NULL)
        g_assert_cmpint (strcmp (rank, next), <, 0);
      g_free (rank);
      rank = next;
    }
  g_assert_cmpuint (strlen (rank), <=, 4);

  /* and prepending too */
  g_clear_pointer (&rank, g_free);
  for (guint i = 0; i < 10000; i++)
    {
      char *previous = kontor_rank_between (NULL, rank);

      g_assert_nonnull (previous);
      if (rank != NULL)
        g_assert_cmpint (strcmp (previous, rank), <, 0);
      g_free (rank);
      rank = previous;
    }
  g_assert_cmpuint (strlen (rank), <=, 4);
}

static int
compare_ranks (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_random_insertions_keep_order (void)
{
  g_autoptr(GPtrArray) ranks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);

  /* cards dropped at random places, always between two neighbours */
  for (guint i = 0; i < 3000; i++)
    {
      guint at = g_rand_int_range (rand, 0, ranks->len + 1);
      const char *before = at > 0 ? g_ptr_array_index (ranks, at - 1) : NULL;
      const char *after = at < ranks->len ? g_ptr_array_index (ranks, at) : NULL;
      char *rank;

      assert_between (before, after);
      rank = kontor_rank_between (before, after);
      g_ptr_array_insert (ranks, at, rank);
    }

  /* the list as built is the list sorted: ranks are the order */
  for (guint i = 1; i < ranks->len; i++)
    g_assert_cmpint (strcmp (g_ptr_array_index (ranks, i - 1), g_ptr_array_index (ranks, i)), <, 0);
  g_ptr_array_sort (ranks, compare_ranks);
  g_assert_cmpuint (ranks->len, ==, 3000);
}

static void
test_repeated_insert_between_same_pair (void)
{
  g_autofree char *after = g_strdup ("a1");

  /* always just before the same card: the rank grows, but stays valid */
  for (guint i = 0; i < 200; i++)
    {
      char *rank = kontor_rank_between ("a0", after);

      g_assert_nonnull (rank);
      g_assert_cmpint (strcmp ("a0", rank), <, 0);
      g_assert_cmpint (strcmp (rank, after), <, 0);
      g_free (after);
      after = rank;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rank/known-values", test_known_values);
  g_test_add_func ("/rank/refuses-bad-input", test_refuses_bad_input);
  g_test_add_func ("/rank/appending-stays-short", test_appending_stays_short);
  g_test_add_func ("/rank/random-insertions-keep-order", test_random_insertions_keep_order);
  g_test_add_func ("/rank/repeated-insert-between-same-pair",
                   test_repeated_insert_between_same_pair);

  return g_test_run ();
}
