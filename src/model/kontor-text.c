/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-text"

#include "config.h"

#include <string.h>

#include "kontor-text.h"

/**
 * kontor_text_is_ascii:
 * @text: UTF-8 text
 *
 * Returns: %TRUE when every character of @text is ASCII
 */
gboolean
kontor_text_is_ascii (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_text_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds text for comparisons a person would call equal: case, accents and
 * umlauts ("Müller" → "muller", "Straße" → "strasse").
 *
 * Returns: (transfer full): the folded text, "" for %NULL
 */
char *
kontor_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  /* ASCII text folds to its lower case and has no marks to drop: most
   * names, every address and number, without the Unicode tables */
  if (kontor_text_is_ascii (text))
    return g_ascii_strdown (text, -1);

  folded = g_utf8_casefold (text, -1);   /* also ß → ss */
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)                 /* not valid UTF-8 */
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Appends the words of @text, folded, to @words: letters and digits
 * only, dots dropped inside a word ("e.K." is one word, "ek") */
static void
split_match_words (const char *text,
                   GPtrArray  *words)
{
  g_autofree char *transliterated = kontor_text_transliterate_de (text);
  g_autofree char *folded = kontor_text_fold (transliterated != NULL ? transliterated : text);
  GString *word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (c == '.' && word->len > 0)
        continue;
      if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);
}

/**
 * kontor_text_match_key:
 * @text: (nullable): a name as a person or another program wrote it
 *
 * The key under which two names count as the same for duplicate matching
 * (features X1, X2, src/README.md "Duplicates"): umlauts transliterated
 * ("Müller" and "Mueller" alike), case and accents folded, punctuation
 * and runs of blanks made one blank.
 *
 * Returns: (transfer full): the key, "" when @text has no letter or digit
 */
char *
kontor_text_match_key (const char *text)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL)
    return g_strdup ("");

  split_match_words (text, words);
  g_ptr_array_add (words, NULL);

  return g_strjoinv (" ", (char **) words->pdata);
}

/**
 * kontor_company_match_key:
 * @name: (nullable): a company's name
 *
 * As kontor_text_match_key(), and the legal form at the end left out:
 * "Müller GmbH", "Mueller GmbH" and "Müller GmbH & Co. KG" are one
 * company to an import (feature I3). A name that is nothing but a legal
 * form keeps it.
 *
 * Returns: (transfer full): the key, "" when @name has no letter or digit
 */
char *
kontor_company_match_key (const char *name)
{
  static const char * const legal_forms[] = {
    "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "haftungsbeschraenkt", "ek",
    "ev", "eg", "se", "co", "und", "partg", "ltd", "limited", "inc", "llc", "plc", "corp",
    "sarl", "sas", "bv", "nv", "sa", "srl", "spa", NULL
  };
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  if (name == NULL)
    return g_strdup ("");

  split_match_words (name, words);
  while (words->len > 1 &&
         g_strv_contains (legal_forms, g_ptr_array_index (words, words->len - 1)))
    g_ptr_array_remove_index (words, words->len - 1);
  g_ptr_array_add (words, NULL);

  return g_strjoinv (" ", (char **) words->pdata);
}

/**
 * kontor_text_transliterate_de:
 * @text: (nullable): UTF-8 text
 *
 * German transliteration as people type on keyboards without umlauts:
 * "Müller" → "Mueller", "Weiß" → "Weiss".
 *
 * Returns: (transfer full) (nullable): the transliteration, or %NULL when
 *   @text has nothing to transliterate
 */
char *
kontor_text_transliterate_de (const char *text)
{
  static const struct { const char *from, *to; } map[] = {
    { "ä", "ae" }, { "ö", "oe" }, { "ü", "ue" }, { "Ä", "Ae" }, { "Ö", "Oe" }, { "Ü", "Ue" },
    { "ß", "ss" }, { "ẞ", "SS" },
  };
  GString *out;
  gboolean changed = FALSE;

  /* every letter of the map starts with one of these bytes */
  if (text == NULL || strpbrk (text, "\xc3\xe1") == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0';)
    {
      gboolean replaced = FALSE;

      for (guint i = 0; (guchar) *p >= 0x80 && i < G_N_ELEMENTS (map); i++)
        {
          gsize len = strlen (map[i].from);

          if (strncmp (p, map[i].from, len) == 0)
            {
              g_string_append (out, map[i].to);
              p += len;
              replaced = changed = TRUE;
              break;
            }
        }
      if (!replaced)
        g_string_append_c (out, *p++);
    }

  if (!changed)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static GBytes *
make_sort_key (const char *text,
               gboolean    natural)
{
  g_autofree char *folded = NULL;
  g_autofree char *primary = NULL;
  GByteArray *key;
  gsize text_len;

  if (text == NULL || *text == '\0')
    return NULL;

  /* The locale's key of the folded text, so that "Ärzte" sorts with
   * "Arzt" even where the C library's collation does not know German
   * (C.UTF-8). Ties of names are broken by the text itself ("Muller"
   * before "Müller"), which is shorter than a second collation key; the
   * natural keys (numbers, addresses) leave ties to the lists, which
   * break them by name (src/README.md "Sorting"). */
  folded = kontor_text_fold (text);
  primary = natural ? g_utf8_collate_key_for_filename (folded, -1)
                    : g_utf8_collate_key (folded, -1);
  text_len = natural ? 0 : strlen (text);

  key = g_byte_array_sized_new (strlen (primary) + text_len + 1);
  g_byte_array_append (key, (const guint8 *) primary, strlen (primary));
  if (!natural)
    {
      g_byte_array_append (key, (const guint8 *) "\x01", 1);
      g_byte_array_append (key, (const guint8 *) text, text_len);
    }

  return g_byte_array_free_to_bytes (key);
}

/**
 * kontor_text_sort_key:
 * @text: (nullable): UTF-8 text
 *
 * A key that sorts like the user's locale when compared byte by byte
 * (memcmp, SQLite BLOB order), case and accents folded first.
 *
 * Returns: (transfer full) (nullable): the key, %NULL for empty text
 */
GBytes *
kontor_text_sort_key (const char *text)
{
  return make_sort_key (text, FALSE);
}

/**
 * kontor_text_sort_key_natural:
 * @text: (nullable): UTF-8 text
 *
 * Like kontor_text_sort_key() but numbers inside the text sort by value,
 * as customer numbers should ("K-9" before "K-10"), and texts that fold
 * alike ("K-9", "k-9") have the same key.
 *
 * Returns: (transfer full) (nullable): the key, %NULL for empty text
 */
GBytes *
kontor_text_sort_key_natural (const char *text)
{
  return make_sort_key (text, TRUE);
}

/* Phone numbers (src/README.md "Search") ---------------------------------- */

/* The default country of a number written without one: the team is
 * German. The one place that says so. */
#define DEFAULT_COUNTRY_CODE "49"

/* The international digits of @number and where its digit groups start
 * in them: @starts gets the offsets (guint) of the groups after the
 * first, i.e. of digits that follow a space, "/", "-", ")" … in the text
 * as typed. */
static char *
normalize_with_groups (const char *number,
                       GArray     *starts)
{
  GString *digits = g_string_new (NULL);
  gboolean international = FALSE;
  gboolean after_separator = FALSE;
  int shift = 0;
  const char *p;

  if (number == NULL)
    return g_string_free (digits, FALSE);

  p = number;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    international = TRUE;

  for (; *p != '\0'; p++)
    {
      /* "+49 (0)30": the (0) is the trunk prefix written for national callers */
      if (international && p[0] == '(' && p[1] == '0' && p[2] == ')')
        {
          p += 2;
          after_separator = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        {
          after_separator = TRUE;
          continue;
        }
      if (after_separator && digits->len > 0 && starts != NULL)
        {
          guint start = digits->len;
          g_array_append_val (starts, start);
        }
      after_separator = FALSE;
      g_string_append_c (digits, *p);
    }

  if (!international)
    {
      /* "0049 30": a country code after the international prefix; "030":
       * a national number of the default country */
      if (g_str_has_prefix (digits->str, "00"))
        {
          g_string_erase (digits, 0, 2);
          shift = -2;
        }
      else if (digits->str[0] == '0')
        {
          g_string_erase (digits, 0, 1);
          g_string_prepend (digits, DEFAULT_COUNTRY_CODE);
          shift = strlen (DEFAULT_COUNTRY_CODE) - 1;
        }
    }

  /* the groups move with the prefix; one inside what was cut ("0 049")
   * is no group of the number any more */
  for (guint i = starts != NULL ? starts->len : 0; i > 0; i--)
    {
      int start = (int) g_array_index (starts, guint, i - 1) + shift;

      if (start > 0)
        g_array_index (starts, guint, i - 1) = start;
      else
        g_array_remove_index (starts, i - 1);
    }

  return g_string_free (digits, FALSE);
}

/**
 * kontor_phone_normalize:
 * @number: (nullable): a phone number as typed
 *
 * Reduces a phone number to its international digits, however it was
 * typed: "+49 30 1234567", "0049 30 1234567", "030/123 45 67" and
 * "+49 (0)30 1234567" all become "49301234567". A national number (leading
 * single 0) is taken as German, the country of most of our users.
 *
 * Returns: (transfer full): the digits, "" when there are none
 */
char *
kontor_phone_normalize (const char *number)
{
  return normalize_with_groups (number, NULL);
}

/* Keys shorter than this are never looked for: a phone query has at
 * least as many digits (kontor_phone_is_query()). */
#define MIN_QUERY_DIGITS 3

/**
 * kontor_phone_index_keys:
 * @number: (nullable): a stored phone number as typed
 *
 * The keys under which search finds @number: "+" and its international
 * digits (a query with a country or trunk prefix matches the start of
 * these), and the digits from the start of every later digit group and
 * from after the default country code (a query of bare digits matches the
 * start of any key). "+49 (0)30 123 45" gives "+493012345", "3012345",
 * "12345" and "345".
 *
 * Returns: (transfer full): the keys, none when @number has no digits
 */
GStrv
kontor_phone_index_keys (const char *number)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *digits = normalize_with_groups (number, starts);
  GPtrArray *keys = g_ptr_array_new ();
  gsize len = strlen (digits);

  if (len > 0)
    g_ptr_array_add (keys, g_strconcat ("+", digits, NULL));

  if (g_str_has_prefix (digits, DEFAULT_COUNTRY_CODE))
    {
      guint start = strlen (DEFAULT_COUNTRY_CODE);
      g_array_append_val (starts, start);
    }

  for (guint i = 0; i < starts->len; i++)
    {
      guint start = g_array_index (starts, guint, i);

      if (start == 0 || start + MIN_QUERY_DIGITS > len ||
          !g_hash_table_add (seen, GUINT_TO_POINTER (start)))
        continue;
      g_ptr_array_add (keys, g_strdup (digits + start));
    }
  g_ptr_array_add (keys, NULL);

  return (GStrv) g_ptr_array_free (keys, FALSE);
}

/* What kontor_phone_query_key() returns, or %NULL */
static char *
make_query_key (const char *text)
{
  GString *key;
  const char *p;
  guint n_typed = 0;

  if (text == NULL)
    return NULL;

  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_typed++;
      else if (strchr ("+()/-. ", *p) == NULL)
        return NULL;
    }
  if (n_typed < MIN_QUERY_DIGITS)
    return NULL;

  for (p = text; *p != '\0' && *p != '+' && !g_ascii_isdigit (*p); p++)
    ;
  if (*p == '+' || *p == '0')
    {
      g_autofree char *international = kontor_phone_normalize (text);

      key = g_string_new ("+");
      g_string_append (key, international);
    }
  else
    {
      key = g_string_new (NULL);
      for (; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            g_string_append_c (key, *p);
        }
    }

  /* and as many of the number itself, not of a cut prefix ("0049") */
  if (key->len - (key->str[0] == '+') < MIN_QUERY_DIGITS)
    {
      g_string_free (key, TRUE);
      return NULL;
    }

  return g_string_free (key, FALSE);
}

/**
 * kontor_phone_is_query:
 * @text: (nullable): what the user typed into search
 *
 * Returns: %TRUE when @text looks like (part of) a phone number: digits
 *   with only + ( ) / - . and spaces between them, at least three digits
 *   typed and three of the normalised number ("0049" is too short)
 */
gboolean
kontor_phone_is_query (const char *text)
{
  g_autofree char *key = make_query_key (text);

  return key != NULL;
}

/**
 * kontor_phone_query_key:
 * @text: (nullable): what the user typed into search
 *
 * What the keys of a matching number start with (see
 * kontor_phone_index_keys()): a query with a country code ("+49 30",
 * "0049 30") or a trunk prefix ("030") is a whole number's start, "+4930";
 * bare digits ("30 12") may start at any digit group, "3012".
 *
 * Returns: (transfer full) (nullable): the key prefix, %NULL when @text is
 *   not a phone query (kontor_phone_is_query())
 */
char *
kontor_phone_query_key (const char *text)
{
  return make_query_key (text);
}

/**
 * kontor_email_is_valid:
 * @address: (nullable): an e-mail address
 *
 * A deliberately forgiving syntax check (the one a person needs to catch a
 * typo): one @, something before it, a domain with a dot and no spaces.
 *
 * Returns: %TRUE when @address looks like an e-mail address
 */
gboolean
kontor_email_is_valid (const char *address)
{
  const char *at;
  const char *domain;
  const char *dot;

  if (address == NULL || *address == '\0' || !g_utf8_validate (address, -1, NULL))
    return FALSE;

  for (const char *p = address; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
        return FALSE;
    }

  at = strchr (address, '@');
  if (at == NULL || at == address || strchr (at + 1, '@') != NULL)
    return FALSE;

  domain = at + 1;
  dot = strrchr (domain, '.');
  if (dot == NULL || dot == domain || dot[1] == '\0' || strlen (dot + 1) < 2)
    return FALSE;
  if (strstr (domain, "..") != NULL || domain[0] == '.' || domain[0] == '-')
    return FALSE;

  return TRUE;
}

/**
 * kontor_text_strip_dup:
 * @text: (nullable): text a user typed
 *
 * Returns: (transfer full) (nullable): @text without surrounding white
 *   space, %NULL when nothing is left
 */
char *
kontor_text_strip_dup (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

/**
 * kontor_text_is_blank:
 * @text: (nullable): text a user typed
 *
 * Returns: %TRUE when @text is %NULL, empty or only white space
 */
gboolean
kontor_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_text_shorten:
 * @text: (nullable): any bytes, meant to be UTF-8
 * @max_chars: how many characters to keep at most
 *
 * Makes a value fit into a message: invalid bytes and control characters
 * become U+FFFD, and a long text is cut after @max_chars characters with
 * "…" appended.
 *
 * Returns: (transfer full): valid UTF-8 text, "" for %NULL
 */
char *
kontor_text_shorten (const char *text,
                     guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");

  /* only the start is shown: validating a 10 MB text to show 40 characters
   * would be waste */
  valid = g_utf8_make_valid (text, MIN (strlen (text), (gsize) max_chars * 4 + 4));
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, g_unichar_iscntrl (c) ? 0xFFFD : c);
    }

  return g_string_free (out, FALSE);
}

/**
 * kontor_text_dup_initials:
 * @name: a person's or company's name, as shown
 *
 * The avatar's letters, much as AdwAvatar picks them from a name: the
 * first letters of the first and the last word, upper case ("Anna-Lena
 * Schmidt" gives "AS"; a hyphen also parts words, so "Anna-Lena" gives
 * "AL"). For the places that draw them without an AdwAvatar (board
 * cards' colleagues, GNOME Shell's search results).
 *
 * Returns: (transfer full): up to two initials, "" for an empty name
 */
char *
kontor_text_dup_initials (const char *name)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) words = NULL;
  GString *initials = g_string_new (NULL);
  guint n_words;

  g_return_val_if_fail (name != NULL, NULL);

  copy = g_strstrip (g_strdup (name));
  words = g_strsplit_set (copy, " -", -1);
  n_words = g_strv_length (words);

  for (guint i = 0; i < n_words && initials->len < 8; i++)
    {
      /* first and last word */
      if (*words[i] == '\0' || (i != 0 && i != n_words - 1))
        continue;
      g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (words[i])));
    }

  return g_string_free (initials, FALSE);
}
