/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Which rows a list shows, in which order: a KontorFilter turned into one
 * indexed SQL query with bound parameters, returning row ids only (the
 * list model materialises records when a view asks). Sorting and searching
 * 100 000 contacts is SQLite's job (src/README.md "Lists"). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "kontor-contact-rules.h"
#include "kontor-enums.h"
#include "kontor-store-crud.h"
#include "kontor-store-index.h"
#include "kontor-store-activity.h"
#include "kontor-store-query.h"
#include "kontor-search-query.h"
#include "kontor-store-search-query.h"
#include "kontor-text.h"

/* Parameters of a query being built: text or integers, bound in order. */
typedef struct
{
  GPtrArray *texts;      /* NULL entries for integer parameters */
  GArray    *numbers;
} Params;

static void
params_init (Params *params)
{
  params->texts = g_ptr_array_new_with_free_func (g_free);
  params->numbers = g_array_new (FALSE, TRUE, sizeof (gint64));
}

static void
params_clear (Params *params)
{
  g_ptr_array_unref (params->texts);
  g_array_unref (params->numbers);
}

static guint
params_add_text (Params     *params,
                 const char *text)
{
  gint64 zero = 0;

  g_ptr_array_add (params->texts, g_strdup (text));
  g_array_append_val (params->numbers, zero);

  return params->texts->len;
}

static guint
params_add_number (Params *params,
                   gint64  number)
{
  g_ptr_array_add (params->texts, NULL);
  g_array_append_val (params->numbers, number);

  return params->texts->len;
}

static void
params_bind (Params       *params,
             sqlite3_stmt *stmt)
{
  for (guint i = 0; i < params->texts->len; i++)
    {
      const char *text = g_ptr_array_index (params->texts, i);

      if (text != NULL)
        sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, g_array_index (params->numbers, gint64, i));
    }
}

static gboolean
has_word_character (const char *token)
{
  for (const char *p = token; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalnum (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/* Appends one typed word or phrase to an FTS5 expression after @join:
 * quoted, so FTS5 syntax typed by a user is taken literally, a word as a
 * prefix, and with its German transliteration ("Müller" also finds a
 * contact written "Mueller"; the index holds both forms of stored names,
 * so "mueller" finds "Müller"). */
static void
append_text (GString    *expression,
             const char *text,
             gboolean    phrase,
             const char *join)
{
  g_autofree char *escaped = NULL;
  g_autofree char *transliterated = NULL;
  g_auto(GStrv) quote_parts = NULL;
  const char *star = phrase ? "" : "*";

  if (!has_word_character (text))
    return;

  quote_parts = g_strsplit (text, "\"", -1);
  escaped = g_strjoinv ("\"\"", quote_parts);
  if (expression->len > 0)
    g_string_append (expression, join);

  transliterated = kontor_text_transliterate_de (escaped);
  if (transliterated != NULL)
    g_string_append_printf (expression, "(\"%s\"%s OR \"%s\"%s)", escaped, star,
                            transliterated, star);
  else
    g_string_append_printf (expression, "\"%s\"%s", escaped, star);
}

static void
append_word (GString    *expression,
             const char *word)
{
  append_text (expression, word, FALSE, " AND ");
}

/* The columns typed words are looked for in: all but the phone tokens */
#define WORD_COLUMNS "{name company email number notes}"

/* @expression in @columns, or in every column for %NULL; %NULL when empty */
static char *
in_columns (GString    *expression,
            const char *columns)
{
  if (expression->len == 0)
    {
      g_string_free (expression, TRUE);
      return NULL;
    }

  if (columns != NULL)
    {
      g_string_prepend (expression, " : (");
      g_string_prepend (expression, columns);
      g_string_append_c (expression, ')');
    }

  return g_string_free (expression, FALSE);
}

/* The FTS5 expression of @words, each a prefix; in @columns, or in every
 * column for %NULL */
static char *
words_expression_in (GPtrArray  *words,
                     const char *columns)
{
  GString *expression = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    append_word (expression, g_ptr_array_index (words, i));

  return in_columns (expression, columns);
}

static char *
words_expression (GPtrArray *words)
{
  return words_expression_in (words, WORD_COLUMNS);
}

static GPtrArray *
split_words (const char *search_text)
{
  g_auto(GStrv) tokens = g_strsplit_set (search_text, " \t\n\r", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] != '\0')
        g_ptr_array_add (words, g_strdup (tokens[i]));
    }

  return words;
}

/* A word that can be part of a phone number: digits and + ( ) / - . */
static gboolean
is_phone_word (const char *word)
{
  gboolean digit = FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr ("+()/-.", *p) == NULL)
        return FALSE;
    }

  return digit;
}

/* Every one of @words as a prefix, the phone-like ones together as a
 * number (see _kontor_store_match_expression()) */
static char *
words_and_phone_expression (GPtrArray *words)
{
  g_autoptr(GPtrArray) phone_words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) other_words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) phone = g_string_new (NULL);
  g_autofree char *key = NULL;
  g_autofree char *token = NULL;
  g_autofree char *match = NULL;
  GString *expression;

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (is_phone_word (word))
        g_string_append_printf (phone, "%s%s", phone->len > 0 ? " " : "", word);
      g_ptr_array_add (is_phone_word (word) ? phone_words : other_words, g_strdup (word));
    }

  key = kontor_phone_query_key (phone->str);
  if (key == NULL)
    return words_expression (words);     /* too short for a number: words */

  expression = g_string_new (NULL);
  match = words_expression (other_words);
  if (match != NULL)
    g_string_append_printf (expression, "%s AND ", match);

  token = _kontor_store_phone_token (key);
  if (key[0] == '+')
    g_string_append_printf (expression, "phone : \"%s\"*", token);
  else
    {
      g_autofree char *whole = g_strconcat ("+", key, NULL);
      g_autofree char *whole_token = _kontor_store_phone_token (whole);
      g_autofree char *phone_match = words_expression (phone_words);

      g_string_append_printf (expression, "(phone : (\"%s\"* OR \"%s\"*) OR %s)",
                              whole_token, token, phone_match);
    }

  return g_string_free (expression, FALSE);
}

/* firma:"Müller GmbH": every word of the value a prefix in the company
 * column */
static char *
company_expression (const char *value)
{
  g_autoptr(GPtrArray) words = split_words (value);

  return words_expression_in (words, "company");
}

/* Joins @part onto @expression with @join; each part is a column filter
 * or binds tighter than AND and OR already */
static void
append_part (GString    *expression,
             const char *part,
             const char *join)
{
  if (part == NULL)
    return;
  if (expression->len > 0)
    g_string_append (expression, join);
  g_string_append (expression, part);
}

/**
 * _kontor_store_search_expressions:
 * @search_text: what the user typed
 * @match: (out) (transfer full) (nullable): what a contact's search
 *   document must match, %NULL for anything
 * @exclude: (out) (transfer full) (nullable): what it must not match,
 *   when there is nothing it must match (FTS5's NOT needs a left side)
 *
 * Turns typed text, as kontor_search_query_parse() reads it, into FTS5
 * queries (src/README.md "Search"): every word must match as a prefix
 * ("Mül An" finds "Anna Müller"), a "quoted phrase" as a phrase, firma:
 * in the company column, and no `-word` or `-"phrase"` may match. The
 * words that look like a phone number together (kontor_phone_is_query())
 * match the phone tokens instead: with a country code or trunk prefix
 * ("+49 30", "030") the start of a whole number, bare digits ("30 12")
 * the start of a whole number or of any digit group, or a word (a
 * customer number). The other operators are criteria of the filter
 * (kontor_store_apply_search_query()), not of the text.
 */
void
_kontor_store_search_expressions (const char  *search_text,
                                  char       **match,
                                  char       **exclude)
{
  g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (search_text);
  g_autoptr(GString) positive = g_string_new (NULL);
  g_autoptr(GString) negative = g_string_new (NULL);
  GString *phrases = g_string_new (NULL);
  GString *not_texts = g_string_new (NULL);
  g_autofree char *words = words_and_phone_expression (query->words);
  g_autofree char *phrases_match = NULL;
  g_autofree char *not_match = NULL;

  *match = NULL;
  *exclude = NULL;

  for (guint i = 0; i < query->phrases->len; i++)
    append_text (phrases, g_ptr_array_index (query->phrases, i), TRUE, " AND ");
  for (guint i = 0; i < query->not_words->len; i++)
    append_text (not_texts, g_ptr_array_index (query->not_words, i), FALSE, " OR ");
  for (guint i = 0; i < query->not_phrases->len; i++)
    append_text (not_texts, g_ptr_array_index (query->not_phrases, i), TRUE, " OR ");
  phrases_match = in_columns (phrases, WORD_COLUMNS);
  not_match = in_columns (not_texts, WORD_COLUMNS);

  append_part (positive, words, " AND ");
  append_part (positive, phrases_match, " AND ");
  append_part (negative, not_match, " OR ");
  for (guint i = 0; i < query->terms->len; i++)
    {
      KontorSearchTerm *term = g_ptr_array_index (query->terms, i);
      g_autofree char *company = NULL;

      if (term->op != KONTOR_SEARCH_OP_COMPANY)
        continue;
      company = company_expression (term->value);
      append_part (term->negated ? negative : positive, company,
                   term->negated ? " OR " : " AND ");
    }

  if (positive->len > 0 && negative->len > 0)
    *match = g_strdup_printf ("(%s) NOT (%s)", positive->str, negative->str);
  else if (positive->len > 0)
    *match = g_strdup (positive->str);
  else if (negative->len > 0)
    *exclude = g_strdup (negative->str);
}

/**
 * _kontor_store_match_expression:
 * @search_text: what the user typed
 *
 * _kontor_store_search_expressions() for those who need one expression
 * (the quick search): what a document must match.
 *
 * Returns: (transfer full) (nullable): the expression, %NULL when the text
 *   holds nothing a document must match
 */
char *
_kontor_store_match_expression (const char *search_text)
{
  g_autofree char *match = NULL;
  g_autofree char *exclude = NULL;

  _kontor_store_search_expressions (search_text, &match, &exclude);

  return g_steal_pointer (&match);
}

/* The contacts whose activities' subjects or notes match: what such an
 * activity must match, for a search of words and phrases (src/README.md
 * "Search"); %NULL for a search with "not" or firma:, which are about
 * the contact itself */
static char *
activity_notes_expression (const char *search_text)
{
  g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (search_text);
  GString *expression;

  if (query->not_words->len > 0 || query->not_phrases->len > 0 ||
      kontor_search_query_find_value (query, KONTOR_SEARCH_OP_COMPANY, FALSE) != NULL ||
      kontor_search_query_find_value (query, KONTOR_SEARCH_OP_COMPANY, TRUE) != NULL)
    return NULL;

  expression = g_string_new (NULL);

  for (guint i = 0; i < query->words->len; i++)
    append_text (expression, g_ptr_array_index (query->words, i), FALSE, " AND ");
  for (guint i = 0; i < query->phrases->len; i++)
    append_text (expression, g_ptr_array_index (query->phrases, i), TRUE, " AND ");

  /* subject, notes and files, as the list of all activities searches
   * them, and a lead entry's notes;
   * "folded" holds the German transliterations */
  return in_columns (expression, NULL);
}

/* The contacts of the activities (subject, notes, files' names) and the
 * lead entries (notes) whose documents match parameter @param */
static char *
notes_contacts_sql (guint param)
{
  return g_strdup_printf ("SELECT a.contact_id FROM activity a WHERE a.rid IN (SELECT rowid"
                          " FROM activity_search WHERE activity_search MATCH ?%u)"
                          " UNION ALL SELECT e.contact_id FROM lead_entry e WHERE e.rid IN"
                          " (SELECT rowid FROM lead_entry_search WHERE lead_entry_search"
                          " MATCH ?%u)", param, param);
}

static const char *
contact_order (KontorSortColumn column)
{
  switch (column)
    {
    case KONTOR_SORT_NAME:
    case KONTOR_SORT_PIPELINE_STATUS:
    case KONTOR_SORT_LEAD_RANK:         /* without a lead project or status */
      return "c.sort_name";
    case KONTOR_SORT_COMPANY:
      return "c.sort_company";
    case KONTOR_SORT_STATUS:
      return "c.status";
    case KONTOR_SORT_EMAIL:
      return "c.sort_email";
    case KONTOR_SORT_PHONE:
      return "c.sort_phone";
    case KONTOR_SORT_CUSTOMER_NUMBER:
      return "c.sort_number";
    case KONTOR_SORT_LAST_ACTIVITY:
      return "c.last_activity_at";
    case KONTOR_SORT_CREATED:
      return "c.created_at";
    case KONTOR_SORT_RANK:
      return "c.rank";
    case KONTOR_SORT_DUE_DATE:
      /* SQLite sorts NULL first; no due date goes last, like empty texts
       * (their sort keys are x'ff'), and first when descending */
      return "ifnull (c.due_date, '9999-99-99')";
    default:
      g_return_val_if_reached ("c.sort_name");
    }
}

/* Whether @filter lists a lead project's board column (or the whole
 * project) in its entries' rank order: the sort and a lead status or
 * project to take the ranks from. A contact has one entry in a project,
 * so each contact comes once. */
static gboolean
orders_by_lead_rank (KontorFilter *filter)
{
  return kontor_filter_get_sort_column (filter) == KONTOR_SORT_LEAD_RANK &&
         (kontor_filter_get_lead_status_id (filter) != NULL ||
          kontor_filter_get_lead_project_id (filter) != NULL);
}

/* What a contact query returns */
typedef enum
{
  CONTACT_QUERY_ORDERED,        /* row ids in the filter's order */
  CONTACT_QUERY_ROWIDS,         /* which of some row ids match, unordered */
  CONTACT_QUERY_MATCHING,       /* row ids that match, unordered */
  CONTACT_QUERY_COUNT,          /* how many match */
} ContactQuery;

/* How deep dynamic groups may name dynamic groups ("my customers" ⊂
 * "my customers in Berlin" …); deeper, or in a circle, a group selects
 * nothing */
#define MAX_GROUP_DEPTH 4

/* The first instant of the local day @iso_date plus @days, in Unix
 * seconds: creation and last activity are instants, a filter's dates are
 * days as the user sees them (local time, as the table shows them; a day
 * with a daylight saving change has 23 or 25 hours) */
static gboolean
local_day_start (const char *iso_date,
                 guint       days,
                 gint64     *seconds)
{
  g_autoptr(GDateTime) start = NULL;
  guint year, month, day;
  GDate date;

  if (!kontor_date_is_valid (iso_date) ||
      sscanf (iso_date, "%4u-%2u-%2u", &year, &month, &day) != 3)
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  g_date_add_days (&date, days);
  start = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), 0, 0, 0);
  if (start == NULL)
    return FALSE;
  *seconds = g_date_time_to_unix (start);

  return TRUE;
}

/* @column (Unix seconds) within the local days @from to @to, both
 * included, either %NULL; a date that is not one selects nothing. "+":
 * a range of the last-activity index means a table row looked up per
 * contact in the range, out of order (380 ms for a month of activity
 * against 90 ms reading the table: tests/bench "filter_combo"). */
static void
append_instant_range (GString    *sql,
                      Params     *params,
                      const char *column,
                      const char *from,
                      const char *to)
{
  gint64 seconds;

  if (from != NULL)
    {
      if (local_day_start (from, 0, &seconds))
        g_string_append_printf (sql, " AND +%s >= ?%u", column,
                                params_add_number (params, seconds));
      else
        g_string_append (sql, " AND 0");
    }

  if (to != NULL)
    {
      if (local_day_start (to, 1, &seconds))
        g_string_append_printf (sql, " AND +%s < ?%u", column,
                                params_add_number (params, seconds));
      else
        g_string_append (sql, " AND 0");
    }
}

/* " AND …" for contacts linked to @target_id by links of @kind (their
 * sales reps, their assignees): the rows found from the link's target
 * (index contact_link_by_target) and each contact's id index, without
 * reading a contact's row, which a test per contact (EXISTS) would do for
 * all 100 000 (tests/bench "filter_combo") */
static void
append_linked (GString        *sql,
               Params         *params,
               KontorLinkKind  kind,
               const char     *target_id)
{
  g_string_append_printf (sql, " AND c.rid IN (SELECT t.rid FROM contact_link l"
                               " CROSS JOIN contact t ON t.id = l.owner_id"
                               " WHERE l.target_id = ?%u AND l.kind = ?%u)",
                          params_add_text (params, target_id), params_add_number (params, kind));
}

static gboolean append_criteria (KontorStore   *self,
                                 KontorFilter  *filter,
                                 gboolean       with_search,
                                 GPtrArray     *groups,
                                 GString       *sql,
                                 Params        *params,
                                 GError       **error);

/* Members of the group @group_id: a static group's member rows, a dynamic
 * group's criteria ANDed in, its search text too. @groups holds the
 * dynamic groups being expanded, outermost first: a group already there
 * (a circle), one more than MAX_GROUP_DEPTH, or a filter that cannot be
 * read selects nothing, quietly, as a group whose members are all gone
 * would; the group's own page says what is wrong with it. */
static gboolean
append_group (KontorStore   *self,
              const char    *group_id,
              GPtrArray     *groups,
              GString       *sql,
              Params        *params,
              GError       **error)
{
  g_autoptr(KontorFilter) criteria = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  int found;

  stmt = _kontor_store_prepare (self, "SELECT filter FROM contact_group"
                                      " WHERE id = ?1 AND is_dynamic", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group_id, -1, SQLITE_TRANSIENT);
  found = _kontor_store_step_one (self, stmt, NULL, &text, error);
  if (found < 0)
    return FALSE;

  if (found == 0)
    {
      /* static, or gone (no members then). IN, not EXISTS: SQLite may
       * then start from the group's members (its UNIQUE index) instead of
       * probing for each of 100 000 contacts (47 against 120+ ms for a
       * group of 13 000, tests/bench "filter_combo") */
      g_string_append_printf (sql, " AND c.id IN (SELECT m.contact_id FROM contact_group_member m"
                                   " WHERE m.group_id = ?%u)",
                              params_add_text (params, group_id));
      return TRUE;
    }

  if (text != NULL)
    criteria = kontor_filter_new_from_string (text, NULL);
  if (criteria == NULL || groups->len >= MAX_GROUP_DEPTH ||
      g_ptr_array_find_with_equal_func (groups, group_id, g_str_equal, NULL))
    {
      g_string_append (sql, " AND 0");
      return TRUE;
    }

  g_ptr_array_add (groups, (gpointer) group_id);
  ok = append_criteria (self, criteria, TRUE, groups, sql, params, error);
  g_ptr_array_remove_index (groups, groups->len - 1);

  return ok;
}

/* " AND …" for every criterion of @filter, the search text only when
 * @with_search (a list applies its own in search_contacts()) */
static gboolean
append_criteria (KontorStore   *self,
                 KontorFilter  *filter,
                 gboolean       with_search,
                 GPtrArray     *groups,
                 GString       *sql,
                 Params        *params,
                 GError       **error)
{
  guint statuses = kontor_filter_get_statuses (filter);
  const char * const *contact_ids = kontor_filter_get_contact_ids (filter);

  if (statuses != 0)
    {
      gboolean first = TRUE;

      /* "+": never a reason to pick the status index, which would then
       * sort all rows; the order's index has the status (src/README.md
       * "Sorting") */
      g_string_append (sql, " AND +c.status IN (");
      for (int status = KONTOR_CONTACT_STATUS_INBOX; status <= KONTOR_CONTACT_STATUS_ARCHIVED;
           status++)
        {
          if ((statuses & KONTOR_STATUS_MASK (status)) == 0)
            continue;
          g_string_append_printf (sql, "%s%d", first ? "" : ", ", status);
          first = FALSE;
        }
      g_string_append_c (sql, ')');
    }

  if (kontor_filter_get_leads_only (filter))
    g_string_append (sql, " AND c.is_lead = 1");

  if (kontor_filter_get_pipeline_status_id (filter) != NULL)
    g_string_append_printf (sql, " AND c.pipeline_status_id = ?%u",
                            params_add_text (params,
                                             kontor_filter_get_pipeline_status_id (filter)));

  if (kontor_filter_get_company_id (filter) != NULL)
    g_string_append_printf (sql, " AND c.company_id = ?%u",
                            params_add_text (params, kontor_filter_get_company_id (filter)));

  if (kontor_filter_get_assignee_id (filter) != NULL)
    append_linked (sql, params, KONTOR_LINK_KIND_ASSIGNEE, kontor_filter_get_assignee_id (filter));

  if (kontor_filter_get_sales_rep_id (filter) != NULL)
    append_linked (sql, params, KONTOR_LINK_KIND_SALES_REP,
                   kontor_filter_get_sales_rep_id (filter));

  /* A contact is the team's when it is assigned to the team itself
   * (contact.assigned_team_id: a contact names its team there, not with
   * a link) or to a user who belongs to the team (app_user_link): the
   * team's own contacts from their partial index, then from the team's
   * few users to the contacts assigned to them, as in append_linked() */
  if (kontor_filter_get_team_id (filter) != NULL)
    {
      guint team = params_add_text (params, kontor_filter_get_team_id (filter));

      g_string_append_printf (sql, " AND c.rid IN (SELECT t.rid FROM contact t"
                                   " WHERE t.assigned_team_id = ?%u UNION ALL"
                                   " SELECT t.rid FROM app_user_link u CROSS JOIN contact_link l"
                                   " ON l.target_id = u.owner_id AND l.kind = ?%u"
                                   " CROSS JOIN contact t ON t.id = l.owner_id"
                                   " WHERE u.kind = ?%u AND u.target_id = ?%u)",
                              team, params_add_number (params, KONTOR_LINK_KIND_ASSIGNEE),
                              params_add_number (params, KONTOR_LINK_KIND_TEAM), team);
    }

  /* in a lead project, or in one of its statuses (a status is one
   * project's): the project's entries from UNIQUE (project_id,
   * contact_id), a status's from lead_entry_status, then each contact by
   * its id; both given, the status must be the project's */
  if (kontor_filter_get_lead_status_id (filter) != NULL)
    {
      g_string_append_printf (sql, " AND c.id IN (SELECT e.contact_id FROM lead_entry e"
                                   " WHERE e.status_id = ?%u",
                              params_add_text (params, kontor_filter_get_lead_status_id (filter)));
      if (kontor_filter_get_lead_project_id (filter) != NULL)
        g_string_append_printf (sql, " AND e.project_id = ?%u",
                                params_add_text (params,
                                                 kontor_filter_get_lead_project_id (filter)));
      g_string_append (sql, ")");
    }
  else if (kontor_filter_get_lead_project_id (filter) != NULL)
    g_string_append_printf (sql, " AND c.id IN (SELECT e.contact_id FROM lead_entry e"
                                 " WHERE e.project_id = ?%u)",
                            params_add_text (params, kontor_filter_get_lead_project_id (filter)));

  append_instant_range (sql, params, "c.created_at", kontor_filter_get_created_from (filter),
                        kontor_filter_get_created_to (filter));

  /* no activity yet is 0, never within a range */
  if (kontor_filter_get_activity_from (filter) != NULL ||
      kontor_filter_get_activity_to (filter) != NULL)
    {
      g_string_append (sql, " AND +c.last_activity_at > 0");
      append_instant_range (sql, params, "c.last_activity_at",
                            kontor_filter_get_activity_from (filter),
                            kontor_filter_get_activity_to (filter));
    }

  /* due dates are "YYYY-MM-DD" and compare as text; no due date is NULL,
   * never within a range */
  if (kontor_filter_get_due_from (filter) != NULL)
    g_string_append_printf (sql, " AND c.due_date >= ?%u",
                            params_add_text (params, kontor_filter_get_due_from (filter)));
  if (kontor_filter_get_due_to (filter) != NULL)
    g_string_append_printf (sql, " AND c.due_date <= ?%u",
                            params_add_text (params, kontor_filter_get_due_to (filter)));
  if ((kontor_filter_get_due_from (filter) != NULL &&
       !kontor_date_is_valid (kontor_filter_get_due_from (filter))) ||
      (kontor_filter_get_due_to (filter) != NULL &&
       !kontor_date_is_valid (kontor_filter_get_due_to (filter))))
    g_string_append (sql, " AND 0");

  /* birthdays are "YYYY-MM-DD" or, without the year, "--MM-DD": the month
   * is the two characters before the last three */
  if (kontor_filter_get_birthday_month (filter) != 0)
    {
      g_autofree char *month = g_strdup_printf ("%02u", kontor_filter_get_birthday_month (filter));

      g_string_append_printf (sql, " AND substr (c.birthday, -5, 2) = ?%u",
                              params_add_text (params, month));
    }

  if (contact_ids != NULL)
    {
      g_autofree char *json = _kontor_store_dup_ids_json (contact_ids);

      g_string_append_printf (sql, " AND c.id IN (SELECT value FROM json_each (?%u))",
                              params_add_text (params, json));
    }

  if (with_search)
    {
      g_autofree char *match = NULL;
      g_autofree char *exclude = NULL;
      g_autofree char *in_activities = NULL;

      _kontor_store_search_expressions (kontor_filter_get_search_text (filter), &match, &exclude);
      if (match != NULL)
        in_activities = activity_notes_expression (kontor_filter_get_search_text (filter));
      if (match != NULL && in_activities != NULL)
        {
          guint match_param = params_add_text (params, match);
          g_autofree char *in_notes = notes_contacts_sql (params_add_text (params, in_activities));

          g_string_append_printf (sql, " AND (c.rid IN (SELECT rowid FROM contact_search"
                                       " WHERE contact_search MATCH ?%u) OR c.id IN (%s))",
                                  match_param, in_notes);
        }
      else if (match != NULL)
        g_string_append_printf (sql, " AND c.rid IN (SELECT rowid FROM contact_search"
                                     " WHERE contact_search MATCH ?%u)",
                                params_add_text (params, match));
      if (exclude != NULL)
        g_string_append_printf (sql, " AND c.rid NOT IN (SELECT rowid FROM contact_search"
                                     " WHERE contact_search MATCH ?%u)",
                                params_add_text (params, exclude));
    }

  if (kontor_filter_get_group_id (filter) != NULL)
    return append_group (self, kontor_filter_get_group_id (filter), groups, sql, params, error);

  return TRUE;
}

/* The criteria of @filter but those the order indexes carry (dup_index_part()):
 * the statuses, the pipeline status, in the lead-rank order the lead
 * project and status; and without its search text, which
 * search_contacts() applies to the ordered rows */
static KontorFilter *
dup_row_part (KontorFilter *filter)
{
  KontorFilter *rest = kontor_filter_copy (filter);

  kontor_filter_set_statuses (rest, 0);
  kontor_filter_set_pipeline_status_id (rest, NULL);
  kontor_filter_set_search_text (rest, NULL);
  if (kontor_filter_get_sort_column (filter) == KONTOR_SORT_LEAD_RANK)
    {
      kontor_filter_set_lead_project_id (rest, NULL);
      kontor_filter_set_lead_status_id (rest, NULL);
    }

  return rest;
}

/* Whether @filter has a criterion the order indexes do not carry */
static gboolean
reads_rows (KontorFilter *filter)
{
  g_autoptr(KontorFilter) rest = dup_row_part (filter);

  return !kontor_filter_is_empty_criteria (rest);
}

/* The ordered query of a lead project's board column (orders_by_lead_rank()):
 * a walk of the status's entries in rank order (index lead_entry_status),
 * each contact by its id, with the criteria the order carries (the
 * contact statuses, the pipeline status); or, with a project and no
 * status, the project's entries (UNIQUE (project_id, contact_id)) by
 * their status's position, then rank. An entry without a rank (one
 * synced so) comes after the ranked ones of its column; ties by name and
 * row id. Descending is the whole order reversed. */
static gboolean
build_lead_rank_query (KontorStore   *self,
                       KontorFilter  *filter,
                       GString       *sql,
                       Params        *params,
                       GError       **error)
{
  const char *descending = kontor_filter_get_sort_descending (filter) ? " DESC" : "";
  const char *status_id = kontor_filter_get_lead_status_id (filter);
  const char *project_id = kontor_filter_get_lead_project_id (filter);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(KontorFilter) rest = kontor_filter_copy (filter);

  g_return_val_if_fail (!reads_rows (filter), FALSE);

  g_string_append (sql, "SELECT c.rid FROM lead_entry e");
  if (status_id == NULL)
    g_string_append (sql, " CROSS JOIN lead_status s ON s.id = e.status_id");
  g_string_append (sql, " CROSS JOIN contact c ON c.id = e.contact_id WHERE 1");
  if (status_id != NULL)
    g_string_append_printf (sql, " AND e.status_id = ?%u", params_add_text (params, status_id));
  /* "+": with a status, its index, never the project's (UNIQUE
   * (project_id, contact_id), which would read every column's entries) */
  if (project_id != NULL)
    g_string_append_printf (sql, " AND %se.project_id = ?%u", status_id != NULL ? "+" : "",
                            params_add_text (params, project_id));

  /* the rest of what the order carries, on the contact */
  kontor_filter_set_lead_project_id (rest, NULL);
  kontor_filter_set_lead_status_id (rest, NULL);
  if (!append_criteria (self, rest, FALSE, groups, sql, params, error))
    return FALSE;

  g_string_append (sql, " ORDER BY");
  if (status_id == NULL)
    g_string_append_printf (sql, " s.position%s,", descending);
  g_string_append_printf (sql, " e.rank IS NULL%s, e.rank%s, c.sort_name%s, c.rid%s",
                          descending, descending, descending, descending);

  return TRUE;
}

/* @filter as one query; every value a bound parameter. Its search text
 * only for @what other than CONTACT_QUERY_ORDERED: a list's is applied by
 * search_contacts(). With CONTACT_QUERY_ROWIDS, @rowids_json (a JSON
 * array of row ids) only those rows, unordered: CROSS JOIN makes SQLite
 * look each one up by its row id instead of walking a filter's index past
 * thousands of others. */
static gboolean
build_contact_query (KontorStore   *self,
                     KontorFilter  *filter,
                     ContactQuery   what,
                     const char    *rowids_json,
                     GString       *sql,
                     Params        *params,
                     GError       **error)
{
  const char *descending = kontor_filter_get_sort_descending (filter) ? " DESC" : "";
  KontorSortColumn sort = kontor_filter_get_sort_column (filter);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  if (what == CONTACT_QUERY_ORDERED && orders_by_lead_rank (filter))
    return build_lead_rank_query (self, filter, sql, params, error);

  if (what == CONTACT_QUERY_ROWIDS)
    g_string_append_printf (sql, "SELECT c.rid FROM json_each (?%u) j"
                                 " CROSS JOIN contact c ON c.rid = j.value WHERE 1",
                            params_add_text (params, rowids_json));
  else if (what == CONTACT_QUERY_COUNT)
    g_string_append (sql, "SELECT count (*) FROM contact c WHERE 1");
  else if (what == CONTACT_QUERY_ORDERED && sort == KONTOR_SORT_PIPELINE_STATUS)
    g_string_append (sql, "SELECT c.rid, c.pipeline_status_id FROM contact c WHERE 1");
  else
    g_string_append (sql, "SELECT c.rid FROM contact c WHERE 1");

  if (!append_criteria (self, filter, what != CONTACT_QUERY_ORDERED, groups, sql, params, error))
    return FALSE;

  if (what != CONTACT_QUERY_ORDERED)
    return TRUE;

  /* Ties (same name, no company …) fall back to the name and then to the
   * row id, so the order is stable and the same on every run. The
   * pipeline status is by name here, and its columns' positions are
   * applied by collect_by_pipeline_position().
   *
   * An ordered query has only what the order's index carries, the
   * status (and the name index the pipeline status): it is a walk of
   * that index. A filter with more is collect_matching()'s. */
  g_return_val_if_fail (!reads_rows (filter), FALSE);
  if (sort != KONTOR_SORT_PIPELINE_STATUS)
    g_string_append_printf (sql, " ORDER BY %s%s", contact_order (sort), descending);
  else
    g_string_append_printf (sql, " ORDER BY c.sort_name%s", descending);
  if (sort != KONTOR_SORT_NAME && sort != KONTOR_SORT_PIPELINE_STATUS)
    g_string_append_printf (sql, ", c.sort_name%s", descending);
  g_string_append_printf (sql, ", c.rid%s", descending);

  return TRUE;
}

/**
 * _kontor_store_dup_like_pattern:
 * @text: what was typed
 *
 * Returns: (transfer full): a LIKE pattern that finds @text anywhere, its
 *   "%", "_" and "\\" taken literally (with ESCAPE '\\')
 */
char *
_kontor_store_dup_like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static void
build_company_query (KontorFilter *filter,
                     GString      *sql,
                     Params       *params)
{
  const char *descending = kontor_filter_get_sort_descending (filter) ? " DESC" : "";
  const char *text = kontor_filter_get_search_text (filter);

  g_string_append (sql, "SELECT c.rid FROM company c WHERE 1");
  if (text != NULL)
    {
      g_autofree char *pattern = _kontor_store_dup_like_pattern (text);
      guint param = params_add_text (params, pattern);

      /* the name, the customer number or the city holds the text as typed,
       * "%" and "_" included (a few thousand companies: no index needed) */
      g_string_append_printf (sql, " AND (c.name LIKE ?%u ESCAPE '\\' OR "
                              "c.customer_number LIKE ?%u ESCAPE '\\' OR "
                              "c.city LIKE ?%u ESCAPE '\\')", param, param, param);
    }

  if (kontor_filter_get_sort_column (filter) == KONTOR_SORT_CUSTOMER_NUMBER)
    g_string_append_printf (sql, " ORDER BY c.sort_number%s, c.sort_name%s, c.rid%s",
                            descending, descending, descending);
  else
    g_string_append_printf (sql, " ORDER BY c.sort_name%s, c.rid%s", descending, descending);
}

static gboolean
collect_rowids (KontorStore   *self,
                const char    *sql,
                Params        *params,
                GArray        *rowids,
                GError       **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);
  int result;

  if (stmt == NULL)
    return FALSE;

  if (params != NULL)
    params_bind (params, stmt);

  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);

  return result == 0;
}

/* The contacts of @sql (row id, pipeline status id; in name order) in the
 * order of their columns on the board, then by name: the pipeline status
 * sorts by a position held in another table, so instead of a lookup and
 * a sort of every row, one walk of the name index (which carries the
 * status id) and one pass per column. No status goes first, like SQL's
 * NULL, and last when @descending. */
static gboolean
collect_by_pipeline_position (KontorStore  *self,
                              const char   *sql,
                              Params       *params,
                              gboolean      descending,
                              GArray       *rowids,
                              GError      **error)
{
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) row_positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int result;

  stmt = _kontor_store_prepare (self, "SELECT id, position FROM pipeline_status"
                                      " ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      gint64 position = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (positions, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           GINT_TO_POINTER ((int) order->len + 1));
      g_array_append_val (order, position);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  params_bind (params, stmt);
  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      const char *status_id = (const char *) sqlite3_column_text (stmt, 1);
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      /* 0: no status; n: the n-th column by position */
      gint64 column = status_id != NULL
                      ? GPOINTER_TO_INT (g_hash_table_lookup (positions, status_id)) : 0;

      g_array_append_val (rows, rowid);
      g_array_append_val (row_positions, column);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  for (guint n = 0; n <= order->len; n++)
    {
      gint64 column = descending ? order->len - n : n;

      for (guint i = 0; i < rows->len; i++)
        {
          if (g_array_index (row_positions, gint64, i) == column)
            g_array_append_val (rowids, g_array_index (rows, gint64, i));
        }
    }

  return TRUE;
}

/* Appends to @rowids those of @ordered that @marked holds (or, with
 * @unmarked, does not hold), in the order of @ordered: a bitmap of
 * @marked, then one pass over @ordered */
static void
keep_marked_or_not (GArray   *ordered,
                    GArray   *marked,
                    gboolean  unmarked,
                    GArray   *rowids)
{
  g_autofree guint32 *bitmap = NULL;
  gint64 max_rowid = 0;

  if (marked->len == 0)
    {
      if (unmarked)
        g_array_append_vals (rowids, ordered->data, ordered->len);
      return;
    }

  for (guint i = 0; i < marked->len; i++)
    max_rowid = MAX (max_rowid, g_array_index (marked, gint64, i));

  bitmap = g_new0 (guint32, max_rowid / 32 + 1);
  for (guint i = 0; i < marked->len; i++)
    {
      gint64 rowid = g_array_index (marked, gint64, i);

      bitmap[rowid / 32] |= 1u << (rowid % 32);
    }

  for (guint i = 0; i < ordered->len; i++)
    {
      gint64 rowid = g_array_index (ordered, gint64, i);

      gboolean marked_one = rowid <= max_rowid &&
                            (bitmap[rowid / 32] & (1u << (rowid % 32))) != 0;

      if (marked_one != unmarked)
        g_array_append_val (rowids, rowid);
    }
}

static void
keep_marked (GArray *ordered,
             GArray *marked,
             GArray *rowids)
{
  keep_marked_or_not (ordered, marked, FALSE, rowids);
}

static GArray *get_ordered_rowids (KontorStore   *self,
                                   KontorFilter  *filter,
                                   GError       **error);

/* What the order indexes carry of @filter (reads_rows()): its statuses,
 * its pipeline status, in the lead-rank order its lead project and
 * status, and its order */
static KontorFilter *
dup_index_part (KontorFilter *filter)
{
  KontorFilter *part = kontor_filter_new ();

  kontor_filter_set_statuses (part, kontor_filter_get_statuses (filter));
  kontor_filter_set_pipeline_status_id (part, kontor_filter_get_pipeline_status_id (filter));
  if (kontor_filter_get_sort_column (filter) == KONTOR_SORT_LEAD_RANK)
    {
      kontor_filter_set_lead_project_id (part, kontor_filter_get_lead_project_id (filter));
      kontor_filter_set_lead_status_id (part, kontor_filter_get_lead_status_id (filter));
    }
  kontor_filter_set_sort_column (part, kontor_filter_get_sort_column (filter));
  kontor_filter_set_sort_descending (part, kontor_filter_get_sort_descending (filter));

  return part;
}

/* A filter with criteria the order indexes do not carry (a sales rep, a
 * team, a group, dates): the rows that match those, unordered (from the
 * link or group that names them where there is one, else one read of the
 * table in its own order), kept from the rows of the filter's statuses
 * in its order — an index walk, and mostly the rows of the list shown
 * just before, kept by get_ordered_rowids(). Sorting what matches
 * instead costs 40 ms more for 40 000 contacts, and walking the order's
 * index to test each row 300 ms (tests/bench "filter_combo"). */
static gboolean
collect_matching (KontorStore   *self,
                  KontorFilter  *filter,
                  GArray        *rowids,
                  GError       **error)
{
  g_autoptr(KontorFilter) rest = dup_row_part (filter);
  g_autoptr(KontorFilter) part = dup_index_part (filter);
  g_autoptr(GArray) matching = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ordered = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  Params params;
  gboolean ok;

  params_init (&params);
  ok = build_contact_query (self, rest, CONTACT_QUERY_MATCHING, NULL, sql, &params, error) &&
       collect_rowids (self, sql->str, &params, matching, error);
  params_clear (&params);
  if (!ok)
    return FALSE;
  if (matching->len == 0)
    return TRUE;

  /* a reference: the cache may make room for @filter's own rows */
  ordered = get_ordered_rowids (self, part, error);
  if (ordered == NULL)
    return FALSE;
  g_array_ref (ordered);
  keep_marked (ordered, matching, rowids);

  return TRUE;
}

/* The row ids of @filter without its search text, in order */
static gboolean
collect_contacts (KontorStore   *self,
                  KontorFilter  *filter,
                  GArray        *rowids,
                  GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  Params params;
  gboolean ok;

  if (reads_rows (filter))
    return collect_matching (self, filter, rowids, error);

  params_init (&params);
  if (!build_contact_query (self, filter, CONTACT_QUERY_ORDERED, NULL, sql, &params, error))
    ok = FALSE;
  else if (kontor_filter_get_sort_column (filter) == KONTOR_SORT_PIPELINE_STATUS)
    ok = collect_by_pipeline_position (self, sql->str, &params,
                                       kontor_filter_get_sort_descending (filter), rowids, error);
  else
    ok = collect_rowids (self, sql->str, &params, rowids, error);
  params_clear (&params);

  return ok;
}

/**
 * _kontor_store_dup_rowids_json:
 * @rowids: (element-type gint64): row ids
 *
 * Returns: (transfer full): "[1,2,3]", for json_each ()
 */
GString *
_kontor_store_dup_rowids_json (GArray *rowids)
{
  GString *json = g_string_sized_new (rowids->len * 8 + 2);

  g_string_append_c (json, '[');
  for (guint i = 0; i < rowids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (rowids, gint64, i));
  g_string_append_c (json, ']');

  return json;
}

/* Everything that decides the rows of @filter and their order: its
 * criteria as a dynamic group keeps them (each one, so that the cache
 * never answers for another filter), the sort and the contact ids */
static char *
dup_order_key (KontorFilter *filter)
{
  g_autofree char *criteria = kontor_filter_to_string (filter);
  const char * const *contact_ids = kontor_filter_get_contact_ids (filter);
  g_autofree char *ids = contact_ids != NULL ? _kontor_store_dup_ids_json (contact_ids) : NULL;

  return g_strdup_printf ("%s|%d|%d|%s", criteria,
                          kontor_filter_get_sort_column (filter),
                          kontor_filter_get_sort_descending (filter),
                          ids != NULL ? ids : "-");
}

/* The rows of @filter without its search text, in order: made once, then
 * kept until anything in the store changes, so that each keystroke of a
 * search costs only the full-text lookup, and a filter set on the list
 * shown starts from that list's rows (collect_matching()). Two are kept,
 * the filter's and what it started from; the one used longer ago makes
 * room. Borrowed: valid until the next call. */
static GArray *
get_ordered_rowids (KontorStore   *self,
                    KontorFilter  *filter,
                    GError       **error)
{
  g_autoptr(KontorFilter) unsearched = kontor_filter_copy (filter);
  g_autofree char *key = NULL;
  g_autoptr(GArray) rowids = NULL;
  guint oldest = 0;

  /* the same rows for every keystroke of a search */
  kontor_filter_set_search_text (unsearched, NULL);
  key = dup_order_key (unsearched);
  for (guint i = 0; i < G_N_ELEMENTS (self->orders); i++)
    {
      if (self->orders[i].rowids != NULL && self->orders[i].version == self->data_version &&
          g_strcmp0 (self->orders[i].key, key) == 0)
        {
          self->orders[i].used = ++self->order_clock;
          return self->orders[i].rowids;
        }
      if (self->orders[i].used < self->orders[oldest].used)
        oldest = i;
    }

  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!collect_contacts (self, unsearched, rowids, error))
    return NULL;

  g_clear_pointer (&self->orders[oldest].rowids, g_array_unref);
  g_free (self->orders[oldest].key);
  self->orders[oldest].rowids = g_steal_pointer (&rowids);
  self->orders[oldest].key = g_steal_pointer (&key);
  self->orders[oldest].version = self->data_version;
  self->orders[oldest].used = ++self->order_clock;

  return self->orders[oldest].rowids;
}

/**
 * _kontor_store_forget_orders:
 * @self: a store
 *
 * For benchmarks: forgets the kept rows of lists (get_ordered_rowids()),
 * so that the next query is measured whole.
 */
void
_kontor_store_forget_orders (KontorStore *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->orders); i++)
    {
      g_clear_pointer (&self->orders[i].key, g_free);
      g_clear_pointer (&self->orders[i].rowids, g_array_unref);
      self->orders[i].used = 0;
    }
}

/* Search as you type: the full-text hits (as fast as the bare FTS5 query)
 * kept from the ordered rows of the filter (keep_marked()) — instead of
 * sorting all hits anew for every keystroke, which costs a hundred
 * milliseconds when a prefix matches most of 100 000 contacts. With
 * @unmarked, the rows @match does not find (a search of only -words).
 * With @in_activities, also the contacts with an activity or a lead entry
 * whose notes match (notes_contacts_sql()). */
static gboolean
search_contacts (KontorStore   *self,
                 KontorFilter  *filter,
                 const char    *match,
                 const char    *in_activities,
                 gboolean       unmarked,
                 GArray        *rowids,
                 GError       **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *ordered;
  Params params;
  gboolean ok;

  params_init (&params);
  params_add_text (&params, match);
  ok = collect_rowids (self, "SELECT rowid FROM contact_search WHERE contact_search MATCH ?1",
                       &params, hits, error);
  params_clear (&params);
  if (!ok)
    return FALSE;
  if (in_activities != NULL)
    {
      g_autofree char *in_notes = notes_contacts_sql (1);
      g_autofree char *notes_sql = g_strdup_printf ("SELECT c.rid FROM contact c WHERE c.id IN (%s)",
                                                    in_notes);

      params_init (&params);
      params_add_text (&params, in_activities);
      ok = collect_rowids (self, notes_sql, &params, hits, error);
      params_clear (&params);
      if (!ok)
        return FALSE;
    }
  if (hits->len == 0 && !unmarked)
    return TRUE;

  ordered = get_ordered_rowids (self, filter, error);
  if (ordered == NULL)
    return FALSE;
  keep_marked_or_not (ordered, hits, unmarked, rowids);

  return TRUE;
}

/* The timeline's "when" (schema/016-activity-search.sql: the index
 * activity_when is on this very expression) */
#define ACTIVITY_WHEN "(CASE WHEN a.starts_at > 0 THEN a.starts_at WHEN a.done_at > 0 " \
                      "THEN a.done_at ELSE a.created_at END)"

/* All activities of @filter (feature A6, src/README.md "Activities"):
 * its search text in subjects and notes, its kinds, open tasks only, a
 * company's or contact's own; newest first, an index walk without a
 * search */
static gboolean
query_activity_rowids (KontorStore   *self,
                       KontorFilter  *filter,
                       GArray        *rowids,
                       GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT a.rid FROM activity a WHERE 1");
  const char *text = kontor_filter_get_search_text (filter);
  guint kinds = kontor_filter_get_activity_kinds (filter);
  Params params;
  gboolean ok;

  params_init (&params);
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      g_autoptr(GPtrArray) words = split_words (text);
      g_autofree char *match = words_expression_in (words, NULL);

      if (match != NULL)
        g_string_append_printf (sql, " AND a.rid IN (SELECT rowid FROM activity_search"
                                     " WHERE activity_search MATCH ?%u)",
                                params_add_text (&params, match));
    }
  /* one kind is a walk of activity_kind_when */
  _kontor_store_append_activity_kinds (sql, "a.kind", kinds);
  if (kontor_filter_get_open_tasks_only (filter))
    g_string_append (sql, " AND a.kind = 0 AND a.done = 0");
  if (kontor_filter_get_activity_participant_id (filter) != NULL)
    {
      g_autofree char *param = g_strdup_printf (
        "?%u", params_add_text (&params, kontor_filter_get_activity_participant_id (filter)));

      _kontor_store_append_activity_participant (sql, "a", param);
    }
  g_string_append (sql, " ORDER BY " ACTIVITY_WHEN " DESC, a.rid DESC");

  ok = collect_rowids (self, sql->str, &params, rowids, error);
  params_clear (&params);

  return ok;
}

/* The contacts of @filter, its operators applied already: a search is
 * its hits among the ordered rows, no search the ordered rows, which are
 * kept for the search's keystrokes and are what a cleared search
 * returns to */
static gboolean
query_contact_rowids (KontorStore   *self,
                      KontorFilter  *filter,
                      GArray        *rowids,
                      GError       **error)
{
  g_autofree char *match = NULL;
  g_autofree char *exclude = NULL;
  GArray *ordered;

  _kontor_store_search_expressions (kontor_filter_get_search_text (filter), &match, &exclude);
  if (match != NULL)
    {
      g_autofree char *in_activities =
        activity_notes_expression (kontor_filter_get_search_text (filter));

      return search_contacts (self, filter, match, in_activities, FALSE, rowids, error);
    }
  if (exclude != NULL)
    return search_contacts (self, filter, exclude, NULL, TRUE, rowids, error);

  ordered = get_ordered_rowids (self, filter, error);
  if (ordered == NULL)
    return FALSE;
  g_array_append_vals (rowids, ordered->data, ordered->len);

  return TRUE;
}

/**
 * kontor_store_query_rowids:
 * @self: a store
 * @type: %KONTOR_TYPE_CONTACT, %KONTOR_TYPE_COMPANY or %KONTOR_TYPE_ACTIVITY
 * @filter: which records, in which order
 * @rowids: (element-type gint64): where to append the row ids
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_query_rowids (KontorStore   *self,
                           GType          type,
                           KontorFilter  *filter,
                           GArray        *rowids,
                           GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  Params params;
  gboolean ok;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), FALSE);
  g_return_val_if_fail (rowids != NULL, FALSE);
  g_return_val_if_fail (type == KONTOR_TYPE_CONTACT || type == KONTOR_TYPE_COMPANY ||
                        type == KONTOR_TYPE_ACTIVITY, FALSE);

  if (type == KONTOR_TYPE_ACTIVITY)
    return query_activity_rowids (self, filter, rowids, error);

  if (type == KONTOR_TYPE_CONTACT)
    {
      g_autoptr(KontorFilter) applied = _kontor_store_filter_with_operators (self, filter, error);

      if (applied == NULL)
        return FALSE;
      return query_contact_rowids (self, applied, rowids, error);
    }

  params_init (&params);
  build_company_query (filter, sql, &params);
  ok = collect_rowids (self, sql->str, &params, rowids, error);
  params_clear (&params);

  return ok;
}

/**
 * _kontor_store_explain_contact_query:
 * @self: a store
 * @filter: a contact filter without search text
 *
 * For tests: how SQLite answers @filter (EXPLAIN QUERY PLAN), one step a
 * line, so that a test can see every order is an index walk.
 *
 * Returns: (transfer full): the plan
 */
char *
_kontor_store_explain_contact_query (KontorStore  *self,
                                     KontorFilter *filter)
{
  g_autoptr(GString) sql = g_string_new ("EXPLAIN QUERY PLAN ");
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  Params params;
  gboolean ok;

  params_init (&params);
  if (reads_rows (filter))
    {
      g_autoptr(KontorFilter) rest = dup_row_part (filter);

      /* collect_matching()'s query, and then the order without it */
      ok = build_contact_query (self, rest, CONTACT_QUERY_MATCHING, NULL, sql, &params, NULL);
    }
  else
    ok = build_contact_query (self, filter, CONTACT_QUERY_ORDERED, NULL, sql, &params, NULL);
  if (ok &&
      sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) == SQLITE_OK)
    {
      params_bind (&params, stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
  params_clear (&params);

  return g_string_free (plan, FALSE);
}

/**
 * kontor_store_rowids_match:
 * @self: a store
 * @filter: a contact filter
 * @rowids: (element-type gint64): rows of contacts
 * @error: return location for a #GError
 *
 * Whether any of @rowids is a contact @filter selects, by every criterion
 * and its search text: a list uses it to see whether a change concerns it
 * at all, instead of running its whole query again (a board has a list
 * per column, and a move touches two).
 *
 * Returns: %TRUE when one of @rowids matches (or on error, with @error set)
 */
gboolean
kontor_store_rowids_match (KontorStore   *self,
                           KontorFilter  *filter,
                           GArray        *rowids,
                           GError       **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) json = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(KontorFilter) applied = NULL;
  Params params;
  gboolean ok;

  g_return_val_if_fail (KONTOR_IS_STORE (self), TRUE);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), TRUE);
  g_return_val_if_fail (rowids != NULL, TRUE);

  if (rowids->len == 0)
    return TRUE;

  json = _kontor_store_dup_rowids_json (rowids);
  applied = _kontor_store_filter_with_operators (self, filter, error);
  if (applied == NULL)
    return TRUE;

  sql = g_string_new (NULL);
  matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  params_init (&params);
  ok = build_contact_query (self, applied, CONTACT_QUERY_ROWIDS, json->str, sql, &params,
                            error) &&
       collect_rowids (self, sql->str, &params, matches, error);
  params_clear (&params);

  return !ok || matches->len > 0;
}

/**
 * _kontor_store_select_matching:
 * @self: a store
 * @filter: a contact filter (a group's: kontor_filter_set_group_id())
 * @among: (nullable) (element-type gint64): only these rows of contacts;
 *   %NULL for every contact
 * @matches: (element-type gint64): where to append the rows that match
 * @error: return location for a #GError
 *
 * The contacts @filter selects, unordered, in one statement: the members
 * of a lead project's linked group (src/store/kontor-lead-join.c).
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_select_matching (KontorStore   *self,
                               KontorFilter  *filter,
                               GArray        *among,
                               GArray        *matches,
                               GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) json = NULL;
  g_autoptr(KontorFilter) applied = NULL;
  Params params;
  gboolean ok;

  if (among != NULL && among->len == 0)
    return TRUE;
  if (among != NULL)
    json = _kontor_store_dup_rowids_json (among);
  applied = _kontor_store_filter_with_operators (self, filter, error);
  if (applied == NULL)
    return FALSE;

  params_init (&params);
  ok = build_contact_query (self, applied,
                            among != NULL ? CONTACT_QUERY_ROWIDS : CONTACT_QUERY_MATCHING,
                            json != NULL ? json->str : NULL, sql, &params, error) &&
       collect_rowids (self, sql->str, &params, matches, error);
  params_clear (&params);

  return ok;
}

/**
 * kontor_store_count_contacts:
 * @self: a store
 * @filter: a contact filter; its sort does not matter
 * @error: return location for a #GError
 *
 * How many contacts @filter selects, its search text included, counted by
 * SQLite without a row leaving it: the sizes of the groups in the
 * sidebar.
 *
 * Returns: the number, or -1 with @error set
 */
gint64
kontor_store_count_contacts (KontorStore   *self,
                             KontorFilter  *filter,
                             GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) count = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KontorFilter) applied = NULL;
  Params params;
  gboolean ok;

  g_return_val_if_fail (KONTOR_IS_STORE (self), -1);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), -1);

  applied = _kontor_store_filter_with_operators (self, filter, error);
  if (applied == NULL)
    return -1;
  params_init (&params);
  ok = build_contact_query (self, applied, CONTACT_QUERY_COUNT, NULL, sql, &params, error) &&
       collect_rowids (self, sql->str, &params, count, error);
  params_clear (&params);

  return ok ? g_array_index (count, gint64, 0) : -1;
}

/**
 * kontor_store_count_board_alerts:
 * @self: a store
 * @rowids: (element-type gint64): the contacts of a board column
 * @today: today's local date, "YYYY-MM-DD"
 * @stale_before: Unix seconds; a contact whose last activity and arrival
 *   in its column are both older is stale (see kontor_contact_is_stale());
 *   0 when the column has no limit
 * @n_overdue: (out): how many are past their due date
 * @n_stale: (out): how many are stale
 * @error: return location for a #GError
 *
 * The metrics of a board column's header (feature X5, src/README.md), for exactly the
 * cards the column shows.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_count_board_alerts (KontorStore  *self,
                                 GArray       *rowids,
                                 const char   *today,
                                 gint64        stale_before,
                                 guint        *n_overdue,
                                 guint        *n_stale,
                                 GError      **error)
{
  g_autoptr(GString) json = NULL;
  sqlite3_stmt *stmt;
  int result;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (rowids != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  *n_overdue = 0;
  *n_stale = 0;
  if (rowids->len == 0)
    return TRUE;

  stmt = _kontor_store_prepare (self,
                                "SELECT coalesce (sum (c.due_date IS NOT NULL"
                                " AND c.due_date < ?2), 0),"
                                " coalesce (sum (?3 > 0 AND"
                                " max (c.last_activity_at, c.pipeline_entered_at) < ?3), 0)"
                                " FROM json_each (?1) j CROSS JOIN contact c ON c.rid = j.value",
                                error);
  if (stmt == NULL)
    return FALSE;

  json = _kontor_store_dup_rowids_json (rowids);
  sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, stale_before);
  result = _kontor_store_step (self, stmt, error);
  if (result == 1)
    {
      *n_overdue = sqlite3_column_int (stmt, 0);
      *n_stale = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  return result == 1;
}

/**
 * kontor_store_count:
 * @self: a store
 * @type: a #KontorRecord subtype
 * @error: return location for a #GError
 *
 * Returns: how many records of @type are stored, or -1 on error
 */
gint64
kontor_store_count (KontorStore  *self,
                    GType         type,
                    GError      **error)
{
  const KontorEntityInfo *info;
  g_autofree char *sql = NULL;
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (KONTOR_IS_STORE (self), -1);

  info = _kontor_entity_info_for_type (type);
  g_return_val_if_fail (info != NULL, -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", _kontor_entity_info_get_table (info));
  if (!collect_rowids (self, sql, NULL, result, error))
    return -1;

  return g_array_index (result, gint64, 0);
}

static GPtrArray *
load_all (KontorStore  *self,
          GType         type,
          const char   *sql,
          Params       *params,
          GError      **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!collect_rowids (self, sql, params, rowids, error))
    return NULL;

  return _kontor_store_load_rowids (self, _kontor_entity_info_for_type (type), rowids, error);
}

/**
 * kontor_store_find_companies:
 * @self: a store
 * @text: part of a company name
 * @limit: how many at most
 * @error: return location for a #GError
 *
 * For completion in forms: companies whose name contains @text.
 *
 * Returns: (transfer full) (element-type KontorCompany): the companies by name
 */
GPtrArray *
kontor_store_find_companies (KontorStore  *self,
                             const char   *text,
                             guint         limit,
                             GError      **error)
{
  g_autofree char *pattern = NULL;
  GPtrArray *companies;
  Params params;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  pattern = g_strconcat ("%", text, "%", NULL);
  params_init (&params);
  params_add_text (&params, pattern);
  params_add_number (&params, limit);
  companies = load_all (self, KONTOR_TYPE_COMPANY,
                        "SELECT rid FROM company WHERE name LIKE ?1 "
                        "ORDER BY sort_name, rid LIMIT ?2",
                        &params, error);
  params_clear (&params);

  return companies;
}
