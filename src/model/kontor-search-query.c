/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-search-query"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-search-query.h"
#include "kontor-text.h"

/* The search entry's operators (feature X10, src/README.md "Search"):
 * one reader of what a person types, in German and English whatever the
 * language of the UI. It knows the words and the fixed values (statuses,
 * due dates); names (pipeline statuses, companies, users, groups) are
 * looked up by whoever holds the store. */

typedef struct
{
  const char           *folded;   /* as kontor_text_fold() gives it */
  KontorSearchOperator  op;
  const char           *shown;    /* what completion offers, NULL for a spelling */
  gboolean              german;
} OperatorName;

static const OperatorName operator_names[] = {
  { "status", KONTOR_SEARCH_OP_STATUS, "status", TRUE },
  { "status", KONTOR_SEARCH_OP_STATUS, "status", FALSE },
  { "pipeline", KONTOR_SEARCH_OP_PIPELINE, "pipeline", TRUE },
  { "pipeline", KONTOR_SEARCH_OP_PIPELINE, "pipeline", FALSE },
  { "fallig", KONTOR_SEARCH_OP_DUE, "fällig", TRUE },
  { "faellig", KONTOR_SEARCH_OP_DUE, NULL, TRUE },
  { "due", KONTOR_SEARCH_OP_DUE, "due", FALSE },
  { "firma", KONTOR_SEARCH_OP_COMPANY, "firma", TRUE },
  { "company", KONTOR_SEARCH_OP_COMPANY, "company", FALSE },
  { "verkauf", KONTOR_SEARCH_OP_SALES, "verkauf", TRUE },
  { "sales", KONTOR_SEARCH_OP_SALES, "sales", FALSE },
  { "gruppe", KONTOR_SEARCH_OP_GROUP, "gruppe", TRUE },
  { "group", KONTOR_SEARCH_OP_GROUP, "group", FALSE },
};

typedef struct
{
  const char           *folded;
  KontorSearchOperator  op;
  guint                 value;    /* a status mask or a KontorSearchDue */
  const char           *shown;
  gboolean              german;
} FixedValue;

static const FixedValue fixed_values[] = {
  { "kunde", KONTOR_SEARCH_OP_STATUS, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER),
    "kunde", TRUE },
  { "customer", KONTOR_SEARCH_OP_STATUS, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER),
    "customer", FALSE },
  { "interessent", KONTOR_SEARCH_OP_STATUS, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT),
    "interessent", TRUE },
  { "prospect", KONTOR_SEARCH_OP_STATUS, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT),
    "prospect", FALSE },
  { "eingang", KONTOR_SEARCH_OP_STATUS, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX),
    "eingang", TRUE },
  { "inbox", KONTOR_SEARCH_OP_STATUS, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX),
    "inbox", FALSE },
  { "archiv", KONTOR_SEARCH_OP_STATUS, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED),
    "archiv", TRUE },
  { "archived", KONTOR_SEARCH_OP_STATUS, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED),
    "archived", FALSE },
  { "heute", KONTOR_SEARCH_OP_DUE, KONTOR_SEARCH_DUE_TODAY, "heute", TRUE },
  { "today", KONTOR_SEARCH_OP_DUE, KONTOR_SEARCH_DUE_TODAY, "today", FALSE },
  { "uberfallig", KONTOR_SEARCH_OP_DUE, KONTOR_SEARCH_DUE_OVERDUE, "überfällig", TRUE },
  { "ueberfaellig", KONTOR_SEARCH_OP_DUE, KONTOR_SEARCH_DUE_OVERDUE, NULL, TRUE },
  { "overdue", KONTOR_SEARCH_OP_DUE, KONTOR_SEARCH_DUE_OVERDUE, "overdue", FALSE },
  { "woche", KONTOR_SEARCH_OP_DUE, KONTOR_SEARCH_DUE_WEEK, "woche", TRUE },
  { "week", KONTOR_SEARCH_OP_DUE, KONTOR_SEARCH_DUE_WEEK, "week", FALSE },
};

static void
term_free (gpointer data)
{
  KontorSearchTerm *term = data;

  g_free (term->name);
  g_free (term->value);
  g_free (term);
}

static void
problem_free (gpointer data)
{
  KontorSearchProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* An operator's name is letters only, so that "10:30", "http://…" and
 * "+49:" stay words */
static gboolean
is_operator_word (const char *start,
                  gsize       len)
{
  const char *end = start + len;

  if (len == 0)
    return FALSE;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
add_problem (KontorSearchQuery       *self,
             KontorSearchProblemKind  kind,
             guint                    start,
             guint                    end,
             char                    *message)
{
  KontorSearchProblem *problem = g_new0 (KontorSearchProblem, 1);

  problem->kind = kind;
  problem->start = start;
  problem->end = end;
  problem->message = message;
  g_ptr_array_add (self->problems, problem);
}

/* status:kunde,interessent or fällig:heute, into @term; FALSE for a
 * value not in fixed_values */
static gboolean
read_fixed_value (KontorSearchTerm *term,
                  const char       *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  gboolean any = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = kontor_text_fold (parts[i]);
      gboolean found = FALSE;

      if (folded[0] == '\0')
        continue;
      for (guint v = 0; v < G_N_ELEMENTS (fixed_values) && !found; v++)
        {
          if (fixed_values[v].op != term->op || !g_str_equal (fixed_values[v].folded, folded))
            continue;
          found = TRUE;
          if (term->op == KONTOR_SEARCH_OP_STATUS)
            term->statuses |= fixed_values[v].value;
          else if (term->due == KONTOR_SEARCH_DUE_NONE)
            term->due = fixed_values[v].value;
          else if (term->due != fixed_values[v].value)
            return FALSE;   /* fällig:heute,woche means nothing */
        }
      if (!found)
        return FALSE;
      any = TRUE;
    }

  return any;
}

/* A quoted text from @p (just after the opening quote) to the closing
 * one; *@closed tells whether there was one */
static char *
read_quoted (const char  *text,
             gsize       *pos,
             gboolean    *closed)
{
  const char *start = text + *pos;
  const char *quote = strchr (start, '"');

  if (quote == NULL)
    {
      *closed = FALSE;
      *pos += strlen (start);
      return g_strdup (start);
    }
  *closed = TRUE;
  *pos = quote - text + 1;

  return g_strndup (start, quote - start);
}

static void
add_text (KontorSearchQuery *self,
          char              *text,
          gboolean           phrase,
          gboolean           negated)
{
  GPtrArray *into;

  if (kontor_text_is_blank (text))
    {
      g_free (text);
      return;
    }
  if (phrase)
    into = negated ? self->not_phrases : self->phrases;
  else
    into = negated ? self->not_words : self->words;
  g_ptr_array_add (into, text);
}

static void
read_term (KontorSearchQuery *self,
           const char        *text,
           const char        *key,
           gsize              key_len,
           gboolean           negated,
           guint              start,
           gsize             *pos)
{
  g_autofree char *name = g_strndup (key, key_len);
  g_autofree char *value = NULL;
  KontorSearchOperator op;
  gboolean closed = TRUE;
  KontorSearchTerm *term;

  if (text[*pos] == '"')
    {
      *pos += 1;
      value = read_quoted (text, pos, &closed);
    }
  else
    {
      gsize value_start = *pos;

      while (text[*pos] != '\0' && !is_blank (text[*pos]))
        *pos += 1;
      value = g_strndup (text + value_start, *pos - value_start);
    }

  if (!kontor_search_operator_from_name (name, &op))
    {
      add_problem (self, KONTOR_SEARCH_PROBLEM_UNKNOWN_OPERATOR, start, *pos,
                   /* Translators: %s is what the user wrote before a colon in
                    * the search entry, as in "foo:" */
                   g_strdup_printf (_("Unknown operator “%s:”"), name));
      return;
    }
  if (!closed)
    add_problem (self, KONTOR_SEARCH_PROBLEM_UNCLOSED_QUOTE, start, *pos,
                 g_strdup (_("A quote is not closed")));
  g_strstrip (value);
  if (value[0] == '\0')
    {
      add_problem (self, KONTOR_SEARCH_PROBLEM_MISSING_VALUE, start, *pos,
                   /* Translators: %s is an operator of the search entry, as
                    * in "status:" */
                   g_strdup_printf (_("Write what to look for after “%s:”"), name));
      return;
    }

  term = g_new0 (KontorSearchTerm, 1);
  term->op = op;
  term->negated = negated;
  term->start = start;
  term->end = *pos;
  term->name = g_strdup (name);
  term->value = g_steal_pointer (&value);
  if ((op == KONTOR_SEARCH_OP_STATUS || op == KONTOR_SEARCH_OP_DUE) &&
      !read_fixed_value (term, term->value))
    {
      add_problem (self, KONTOR_SEARCH_PROBLEM_UNKNOWN_VALUE, start, *pos,
                   /* Translators: the first %s is an operator of the search
                    * entry (status, fällig), the second what the user wrote
                    * after it */
                   g_strdup_printf (_("“%s:” knows no “%s”"), name, term->value));
      term_free (term);
      return;
    }
  g_ptr_array_add (self->terms, term);
}

/**
 * kontor_search_query_parse:
 * @text: (nullable): what the user typed in a search entry
 *
 * Reads the search text: words (each matches as a prefix), "quoted
 * phrases", a leading `-` for not, and operators (`status:kunde`,
 * `fällig:heute`, `firma:"Müller GmbH"`, …) in German or English. What
 * cannot be read is a problem with its place and a translated message,
 * and is left out of the search rather than searched as a word.
 *
 * Returns: (transfer full): the query
 */
KontorSearchQuery *
kontor_search_query_parse (const char *text)
{
  KontorSearchQuery *self = g_new0 (KontorSearchQuery, 1);
  gsize pos = 0;

  self->terms = g_ptr_array_new_with_free_func (term_free);
  self->words = g_ptr_array_new_with_free_func (g_free);
  self->phrases = g_ptr_array_new_with_free_func (g_free);
  self->not_words = g_ptr_array_new_with_free_func (g_free);
  self->not_phrases = g_ptr_array_new_with_free_func (g_free);
  self->problems = g_ptr_array_new_with_free_func (problem_free);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return self;

  while (text[pos] != '\0')
    {
      gboolean negated = FALSE;
      guint start;
      gsize key_start;

      if (is_blank (text[pos]))
        {
          pos++;
          continue;
        }
      start = pos;
      if (text[pos] == '-' && text[pos + 1] != '\0' && !is_blank (text[pos + 1]))
        {
          negated = TRUE;
          pos++;
        }

      if (text[pos] == '"')
        {
          gboolean closed;
          char *phrase;

          pos++;
          phrase = read_quoted (text, &pos, &closed);
          if (!closed)
            add_problem (self, KONTOR_SEARCH_PROBLEM_UNCLOSED_QUOTE, start, pos,
                         g_strdup (_("A quote is not closed")));
          add_text (self, phrase, TRUE, negated);
          continue;
        }

      key_start = pos;
      while (text[pos] != '\0' && !is_blank (text[pos]) && text[pos] != ':' && text[pos] != '"')
        pos++;
      if (text[pos] == ':' && is_operator_word (text + key_start, pos - key_start))
        {
          gsize key_len = pos - key_start;

          pos++;
          read_term (self, text, text + key_start, key_len, negated, start, &pos);
          continue;
        }
      /* a word runs to the next blank, colons and quotes in it included */
      while (text[pos] != '\0' && !is_blank (text[pos]))
        pos++;
      add_text (self, g_strndup (text + key_start, pos - key_start), FALSE, negated);
    }

  return self;
}

void
kontor_search_query_free (KontorSearchQuery *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->terms);
  g_ptr_array_unref (self->words);
  g_ptr_array_unref (self->phrases);
  g_ptr_array_unref (self->not_words);
  g_ptr_array_unref (self->not_phrases);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

/**
 * kontor_search_query_add_problem:
 * @self: a query
 * @kind: what is wrong
 * @start: where, a byte offset into the text
 * @end: up to where
 * @message: the translated message
 *
 * For whoever looks up the names of a query (the store): a name that
 * names nothing is a problem of the text like an unknown operator.
 */
void
kontor_search_query_add_problem (KontorSearchQuery       *self,
                                 KontorSearchProblemKind  kind,
                                 guint                    start,
                                 guint                    end,
                                 const char              *message)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (start <= end);
  g_return_if_fail (message != NULL);

  add_problem (self, kind, start, end, g_strdup (message));
}

gboolean
kontor_search_query_has_problems (KontorSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->problems->len > 0;
}

/**
 * kontor_search_query_is_empty:
 * @self: a query
 *
 * Returns: whether @self holds nothing to search for (problems aside)
 */
gboolean
kontor_search_query_is_empty (KontorSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->terms->len == 0 && self->words->len == 0 && self->phrases->len == 0 &&
         self->not_words->len == 0 && self->not_phrases->len == 0;
}

/**
 * kontor_search_query_get_statuses:
 * @self: a query
 *
 * Returns: the statuses the `status:` terms allow, a #KONTOR_STATUS_MASK
 *   set: every term must hold, `-status:` takes its statuses away; 0
 *   for no `status:` term
 */
guint
kontor_search_query_get_statuses (KontorSearchQuery *self)
{
  const guint all = KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) |
                    KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT) |
                    KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER) |
                    KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED);
  guint mask = all;
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->terms->len; i++)
    {
      KontorSearchTerm *term = g_ptr_array_index (self->terms, i);

      if (term->op != KONTOR_SEARCH_OP_STATUS)
        continue;
      any = TRUE;
      mask &= term->negated ? (all & ~term->statuses) : term->statuses;
    }

  if (!any)
    return 0;
  /* no status at all: a mask that matches none, not 0 (every status) */
  return mask != 0 ? mask : KONTOR_STATUS_MASK_NONE;
}

/**
 * kontor_search_query_apply_due:
 * @self: a query
 * @filter: the filter to narrow
 * @now: the time it is (injectable for tests), in the user's time zone
 *
 * Sets @filter's due dates from the first `fällig:` term: today, overdue
 * (before today) or this week (today and the six days after).
 *
 * Returns: whether there was a `fällig:` term
 */
gboolean
kontor_search_query_apply_due (KontorSearchQuery *self,
                               KontorFilter      *filter,
                               GDateTime         *now)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  for (guint i = 0; i < self->terms->len; i++)
    {
      KontorSearchTerm *term = g_ptr_array_index (self->terms, i);
      g_autoptr(GDateTime) yesterday = NULL;
      g_autoptr(GDateTime) week = NULL;
      g_autofree char *today_text = NULL;
      g_autofree char *other_text = NULL;

      if (term->op != KONTOR_SEARCH_OP_DUE)
        continue;

      today_text = g_date_time_format (now, "%Y-%m-%d");
      switch (term->due)
        {
        case KONTOR_SEARCH_DUE_TODAY:
          kontor_filter_set_due_from (filter, today_text);
          kontor_filter_set_due_to (filter, today_text);
          break;
        case KONTOR_SEARCH_DUE_OVERDUE:
          yesterday = g_date_time_add_days (now, -1);
          other_text = g_date_time_format (yesterday, "%Y-%m-%d");
          kontor_filter_set_due_from (filter, NULL);
          kontor_filter_set_due_to (filter, other_text);
          break;
        case KONTOR_SEARCH_DUE_WEEK:
          week = g_date_time_add_days (now, 6);
          other_text = g_date_time_format (week, "%Y-%m-%d");
          kontor_filter_set_due_from (filter, today_text);
          kontor_filter_set_due_to (filter, other_text);
          break;
        case KONTOR_SEARCH_DUE_NONE:
        default:
          g_assert_not_reached ();
        }
      return TRUE;
    }

  return FALSE;
}

/**
 * kontor_search_query_find_value:
 * @self: a query
 * @op: an operator
 * @negated: whether to look for `-op:` rather than `op:`
 *
 * Returns: (nullable): the value of the first such term, as written
 */
const char *
kontor_search_query_find_value (KontorSearchQuery    *self,
                                KontorSearchOperator  op,
                                gboolean              negated)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->terms->len; i++)
    {
      KontorSearchTerm *term = g_ptr_array_index (self->terms, i);

      if (term->op == op && !term->negated == !negated)
        return term->value;
    }

  return NULL;
}

/**
 * kontor_search_operator_from_name:
 * @name: an operator's name without the colon, in either language
 *   ("fällig", "faellig", "due")
 * @op: (out): the operator
 *
 * Returns: whether @name is an operator
 */
gboolean
kontor_search_operator_from_name (const char           *name,
                                  KontorSearchOperator *op)
{
  g_autofree char *folded = kontor_text_fold (name);

  for (guint i = 0; i < G_N_ELEMENTS (operator_names); i++)
    if (g_str_equal (operator_names[i].folded, folded))
      {
        *op = operator_names[i].op;
        return TRUE;
      }

  return FALSE;
}

/**
 * kontor_search_operator_get_name:
 * @op: an operator
 * @german: the German name rather than the English one
 *
 * Returns: the name completion offers, without the colon
 */
const char *
kontor_search_operator_get_name (KontorSearchOperator op,
                                 gboolean             german)
{
  for (guint i = 0; i < G_N_ELEMENTS (operator_names); i++)
    if (operator_names[i].op == op && operator_names[i].shown != NULL &&
        !operator_names[i].german == !german)
      return operator_names[i].shown;

  g_return_val_if_reached (NULL);
}

static gboolean
starts_folded (const char *candidate,
               const char *folded_prefix)
{
  g_autofree char *folded = kontor_text_fold (candidate);

  return g_str_has_prefix (folded, folded_prefix);
}

static void
offer (GPtrArray  *offers,
       const char *key,
       const char *value)
{
  char *text;

  if (key == NULL)
    text = g_strdup_printf ("%s:", value);
  else if (strpbrk (value, " \t\"") != NULL)
    text = g_strdup_printf ("%s:\"%s\"", key, value);
  else
    text = g_strdup_printf ("%s:%s", key, value);

  for (guint i = 0; i < offers->len; i++)
    if (g_str_equal (g_ptr_array_index (offers, i), text))
      {
        g_free (text);
        return;
      }
  g_ptr_array_add (offers, text);
}

/**
 * kontor_search_complete:
 * @text: the search text
 * @cursor: where the cursor is, a byte offset into @text
 * @values: (nullable) (array zero-terminated=1): the names the operator
 *   before the cursor may take (pipeline statuses, companies, users,
 *   groups), when the caller knows them; status: and fällig: bring their own
 * @german: offer the German names first
 * @word_start: (out): where the word being completed starts
 *
 * What completion offers for the word before @cursor: operators whose
 * name starts with it ("st" → "status:"), or after "op:" the values
 * that start with what follows the colon ("status:ku" → "status:kunde").
 * An offer replaces the word from @word_start to @cursor.
 *
 * Returns: (transfer full): the offers, none when nothing fits
 */
char **
kontor_search_complete (const char         *text,
                        guint               cursor,
                        const char * const *values,
                        gboolean            german,
                        guint              *word_start)
{
  /* NULL-terminated, whatever way the function returns */
  g_autoptr(GPtrArray) offers = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autofree char *word = NULL;
  const char *colon;
  guint start;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (word_start != NULL, NULL);

  if (cursor > strlen (text) || !g_utf8_validate (text, cursor, NULL))
    cursor = 0;
  start = cursor;
  while (start > 0 && !is_blank (text[start - 1]))
    start--;
  if (start < cursor && text[start] == '-')
    start++;
  *word_start = start;
  word = g_strndup (text + start, cursor - start);
  colon = strchr (word, ':');

  if (colon == NULL)
    {
      g_autofree char *prefix = kontor_text_fold (word);

      if (word[0] == '\0' || !is_operator_word (word, strlen (word)))
        return (char **) g_ptr_array_free (g_steal_pointer (&offers), FALSE);
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < G_N_ELEMENTS (operator_names); i++)
          {
            const OperatorName *name = &operator_names[i];

            if (name->shown == NULL || !name->german != !(pass == 0 ? german : !german))
              continue;
            if (g_str_has_prefix (name->folded, prefix))
              offer (offers, NULL, name->shown);
          }
    }
  else
    {
      g_autofree char *key = g_strndup (word, colon - word);
      g_autofree char *prefix = NULL;
      KontorSearchOperator op;
      const char *typed = colon + 1;

      if (typed[0] == '"')
        typed++;
      prefix = kontor_text_fold (typed);
      if (!kontor_search_operator_from_name (key, &op))
        return (char **) g_ptr_array_free (g_steal_pointer (&offers), FALSE);

      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < G_N_ELEMENTS (fixed_values); i++)
          {
            const FixedValue *value = &fixed_values[i];

            if (value->op != op || value->shown == NULL ||
                !value->german != !(pass == 0 ? german : !german))
              continue;
            if (starts_folded (value->shown, prefix))
              offer (offers, key, value->shown);
          }
      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        if (starts_folded (values[i], prefix))
          offer (offers, key, values[i]);
    }

  return (char **) g_ptr_array_free (g_steal_pointer (&offers), FALSE);
}
