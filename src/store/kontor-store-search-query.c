/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The search entry's operators that name records (feature X10,
 * src/README.md "Search"): pipeline:, gruppe:, verkauf: looked up among
 * the store's pipeline statuses, groups and users, and, with status: and
 * fällig:, set as criteria of the list's filter. firma: and the words
 * are the full-text query's (_kontor_store_search_expressions()). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-group.h"
#include "kontor-pipeline-status.h"
#include "kontor-store-search-query.h"
#include "kontor-text.h"
#include "kontor-user.h"

/* A record's names an operator's value may fit, @which from 0 to
 * N_NAMES - 1, each may be %NULL; the first is the one shown */
typedef const char *(*NameFunc) (KontorRecord *record, guint which);

#define N_NAMES 4

static const char *
pipeline_name (KontorRecord *record,
               guint         which)
{
  KontorPipelineStatus *status = KONTOR_PIPELINE_STATUS (record);

  const char *name = kontor_pipeline_status_get_name (status);

  const char *key = kontor_pipeline_status_get_key (status);

  /* the name as shown, the built-in's key ("won"), and its name in
   * English and German whatever the UI's ("pipeline:angebot") */
  switch (which)
    {
    case 0:
      return name != NULL ? name : kontor_pipeline_key_to_string (key);
    case 1:
      return key;
    case 2:
    case 3:
      return name != NULL ? NULL : kontor_pipeline_key_search_name (key, which == 3);
    default:
      return NULL;
    }
}

static const char *
group_name (KontorRecord *record,
            guint         which)
{
  return which == 0 ? kontor_group_get_name (KONTOR_GROUP (record)) : NULL;
}

static const char *
user_name (KontorRecord *record,
           guint         which)
{
  KontorUser *user = KONTOR_USER (record);

  if (which == 0)
    return kontor_user_get_full_name (user);
  if (which == 1)
    return kontor_user_get_username (user);

  return NULL;
}

/* Whether @folded_value starts @name or one of its words ("anna" fits
 * "Anna Schmidt" and "schm" too) */
static gboolean
fits (const char *name,
      const char *folded_value,
      gboolean   *exact)
{
  g_autofree char *folded = kontor_text_fold (name);

  if (g_str_equal (folded, folded_value))
    {
      *exact = TRUE;
      return TRUE;
    }
  for (const char *p = folded; p != NULL && *p != '\0'; p = strchr (p, ' '))
    {
      while (*p == ' ')
        p++;
      if (g_str_has_prefix (p, folded_value))
        return TRUE;
    }

  return FALSE;
}

/* The one record @term names: its exact name, else the only one it
 * starts; otherwise a problem of @query and %NULL */
static const char *
find_named (KontorSearchQuery *query,
            KontorSearchTerm  *term,
            GPtrArray         *records,
            NameFunc           name_of)
{
  g_autofree char *wanted = kontor_text_fold (term->value);
  g_autoptr(GPtrArray) fitting = g_ptr_array_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *message = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);
      gboolean exact = FALSE;
      gboolean fit = FALSE;

      for (guint which = 0; which < N_NAMES; which++)
        if (name_of (record, which) != NULL)
          fit = fits (name_of (record, which), wanted, &exact) || fit;
      if (exact)
        return kontor_record_get_id (record);
      if (fit)
        g_ptr_array_add (fitting, record);
    }

  if (fitting->len == 1)
    return kontor_record_get_id (g_ptr_array_index (fitting, 0));

  if (fitting->len == 0)
    {
      message = g_strdup_printf (/* Translators: %s is what the user wrote after an
                                  * operator of the search entry (pipeline:,
                                  * gruppe:, verkauf:) */
                                 _("Nothing is called “%s”"), term->value);
      kontor_search_query_add_problem (query, KONTOR_SEARCH_PROBLEM_NOT_FOUND, term->start,
                                       term->end, message);
      return NULL;
    }

  for (guint i = 0; i < fitting->len && i < 3; i++)
    {
      KontorRecord *record = g_ptr_array_index (fitting, i);
      const char *name = name_of (record, 0) != NULL ? name_of (record, 0) : name_of (record, 1);

      g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", name != NULL ? name : "");
    }
  message = g_strdup_printf (/* Translators: the first %s is what the user wrote
                              * after an operator of the search entry, the second
                              * the names that start so, as in “Anna”, “Andreas” */
                             _("“%s” fits more than one: %s"), term->value, names->str);
  kontor_search_query_add_problem (query, KONTOR_SEARCH_PROBLEM_AMBIGUOUS, term->start,
                                   term->end, message);

  return NULL;
}

/* The search text without the terms that became criteria (all but
 * firma:, which the full-text query reads), so that applying the query
 * again changes nothing */
static void
cut_applied_terms (KontorFilter      *filter,
                   KontorSearchQuery *query)
{
  const char *text = kontor_filter_get_search_text (filter);
  g_autoptr(GString) rest = g_string_new (NULL);
  gsize from = 0;

  if (text == NULL)
    return;
  for (guint i = 0; i < query->terms->len; i++)
    {
      KontorSearchTerm *term = g_ptr_array_index (query->terms, i);

      if (term->op == KONTOR_SEARCH_OP_COMPANY || term->start < from ||
          term->end > strlen (text))
        continue;
      g_string_append_len (rest, text + from, term->start - from);
      from = term->end;
    }
  g_string_append (rest, text + from);
  kontor_filter_set_search_text (filter, rest->str);
}

/**
 * kontor_store_apply_search_query:
 * @self: a store
 * @filter: the list's filter
 * @query: its search text as kontor_search_query_parse() read it
 * @now: the time it is (injectable for tests), for fällig:
 * @error: return location for a #GError
 *
 * Sets the criteria the operators of @query name on a copy of @filter:
 * status: narrows its statuses, fällig: sets its due dates, pipeline:,
 * gruppe: and verkauf: its pipeline status, group and sales rep, found
 * by name (the exact name, else the one name it starts). A name that
 * fits none or several, and a `-` before these three (a filter holds no
 * "not"), are added to @query's problems and leave the criterion out.
 * The copy's search text loses the terms that became criteria; the
 * full-text query reads the rest (words, phrases, firma:).
 *
 * Returns: (transfer full) (nullable): the filter, %NULL on a database
 *   error
 */
KontorFilter *
kontor_store_apply_search_query (KontorStore        *self,
                                 KontorFilter       *filter,
                                 KontorSearchQuery  *query,
                                 GDateTime          *now,
                                 GError            **error)
{
  g_autoptr(KontorFilter) applied = NULL;
  g_autoptr(GPtrArray) pipeline = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) users = NULL;
  guint statuses;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  applied = kontor_filter_copy (filter);

  statuses = kontor_search_query_get_statuses (query);
  if (statuses != 0)
    {
      guint before = kontor_filter_get_statuses (applied);
      guint both = before & statuses;

      if (before == 0)
        kontor_filter_set_statuses (applied, statuses);
      else
        kontor_filter_set_statuses (applied, both != 0 ? both : KONTOR_STATUS_MASK_NONE);
    }
  kontor_search_query_apply_due (query, applied, now);

  for (guint i = 0; i < query->terms->len; i++)
    {
      KontorSearchTerm *term = g_ptr_array_index (query->terms, i);
      GPtrArray **records;
      GPtrArray *(*list) (KontorStore *, GError **);
      NameFunc name_of;
      const char *id;

      switch (term->op)
        {
        case KONTOR_SEARCH_OP_PIPELINE:
          records = &pipeline;
          list = kontor_store_list_pipeline_statuses;
          name_of = pipeline_name;
          break;
        case KONTOR_SEARCH_OP_GROUP:
          records = &groups;
          list = kontor_store_list_groups;
          name_of = group_name;
          break;
        case KONTOR_SEARCH_OP_SALES:
          records = &users;
          list = kontor_store_list_users;
          name_of = user_name;
          break;
        case KONTOR_SEARCH_OP_STATUS:
        case KONTOR_SEARCH_OP_DUE:
        case KONTOR_SEARCH_OP_COMPANY:
        case KONTOR_SEARCH_N_OPS:
        default:
          continue;
        }

      if (term->negated)
        {
          g_autofree char *message =
            g_strdup_printf (/* Translators: %s is an operator of the search entry,
                              * as in "-gruppe:" */
                             _("“-%s:” cannot be negated; leave out the “-”"),
                             term->name);
          kontor_search_query_add_problem (query, KONTOR_SEARCH_PROBLEM_CANNOT_NEGATE,
                                           term->start, term->end, message);
          continue;
        }

      if (*records == NULL)
        {
          *records = list (self, error);
          if (*records == NULL)
            return NULL;
        }
      id = find_named (query, term, *records, name_of);
      if (id == NULL)
        continue;
      if (term->op == KONTOR_SEARCH_OP_PIPELINE)
        kontor_filter_set_pipeline_status_id (applied, id);
      else if (term->op == KONTOR_SEARCH_OP_GROUP)
        kontor_filter_set_group_id (applied, id);
      else
        kontor_filter_set_sales_rep_id (applied, id);
    }

  cut_applied_terms (applied, query);

  return g_steal_pointer (&applied);
}

/**
 * _kontor_store_filter_with_operators:
 * @self: a store
 * @filter: a contact filter
 * @error: return location for a #GError
 *
 * What the contact queries (kontor-store-query.c) run: @filter itself
 * when its search text holds no operator, otherwise
 * kontor_store_apply_search_query() at the current local time. Problems
 * are the search entry's to show; here they just leave their criterion
 * out.
 *
 * Returns: (transfer full) (nullable): the filter, %NULL on a database
 *   error
 */
KontorFilter *
_kontor_store_filter_with_operators (KontorStore   *self,
                                     KontorFilter  *filter,
                                     GError       **error)
{
  g_autoptr(KontorSearchQuery) query = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *text = kontor_filter_get_search_text (filter);

  /* most searches are words: no parse for those without a colon */
  if (text == NULL || strchr (text, ':') == NULL)
    return g_object_ref (filter);
  query = kontor_search_query_parse (text);
  if (query->terms->len == 0)
    return g_object_ref (filter);

  now = g_date_time_new_now_local ();
  return kontor_store_apply_search_query (self, filter, query, now, error);
}
