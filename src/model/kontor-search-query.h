/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

#include "kontor-filter.h"

G_BEGIN_DECLS

/* A status mask that no status fits (0 would be every status) */
#define KONTOR_STATUS_MASK_NONE (1u << 31)

/**
 * KontorSearchOperator:
 * @KONTOR_SEARCH_OP_STATUS: `status:` a contact status
 * @KONTOR_SEARCH_OP_PIPELINE: `pipeline:` a pipeline status by name
 * @KONTOR_SEARCH_OP_DUE: `fällig:`/`due:` today, overdue or this week
 * @KONTOR_SEARCH_OP_COMPANY: `firma:`/`company:` a company by name
 * @KONTOR_SEARCH_OP_SALES: `verkauf:`/`sales:` a sales rep by name prefix
 * @KONTOR_SEARCH_OP_GROUP: `gruppe:`/`group:` a group by name
 *
 * The operators of the search entry (feature X10, src/README.md "Search").
 */
typedef enum
{
  KONTOR_SEARCH_OP_STATUS,
  KONTOR_SEARCH_OP_PIPELINE,
  KONTOR_SEARCH_OP_DUE,
  KONTOR_SEARCH_OP_COMPANY,
  KONTOR_SEARCH_OP_SALES,
  KONTOR_SEARCH_OP_GROUP,
  KONTOR_SEARCH_N_OPS,
} KontorSearchOperator;

typedef enum
{
  KONTOR_SEARCH_DUE_NONE,
  KONTOR_SEARCH_DUE_TODAY,
  KONTOR_SEARCH_DUE_OVERDUE,
  KONTOR_SEARCH_DUE_WEEK,
} KontorSearchDue;

typedef enum
{
  KONTOR_SEARCH_PROBLEM_UNKNOWN_OPERATOR,
  KONTOR_SEARCH_PROBLEM_UNKNOWN_VALUE,
  KONTOR_SEARCH_PROBLEM_MISSING_VALUE,
  KONTOR_SEARCH_PROBLEM_UNCLOSED_QUOTE,
  KONTOR_SEARCH_PROBLEM_NOT_FOUND,
  KONTOR_SEARCH_PROBLEM_AMBIGUOUS,
  KONTOR_SEARCH_PROBLEM_CANNOT_NEGATE,
} KontorSearchProblemKind;

/* What could not be read, at bytes [start, end) of the text; @message is
 * translated and names the thing */
typedef struct
{
  KontorSearchProblemKind  kind;
  guint                    start;
  guint                    end;
  char                    *message;
} KontorSearchProblem;

/* One operator term: @name and @value as written (quotes taken off), @negated for
 * a leading "-"; for status: and fällig: also what it means */
typedef struct
{
  KontorSearchOperator  op;
  char                 *name;
  char                 *value;
  gboolean              negated;
  guint                 start;
  guint                 end;
  guint                 statuses;
  KontorSearchDue       due;
} KontorSearchTerm;

typedef struct
{
  GPtrArray *terms;        /* KontorSearchTerm, the valid ones */
  GPtrArray *words;        /* char*, each must match as a prefix */
  GPtrArray *phrases;      /* char*, each must match as a phrase */
  GPtrArray *not_words;    /* char*, none may match as a prefix */
  GPtrArray *not_phrases;  /* char*, none may match as a phrase */
  GPtrArray *problems;     /* KontorSearchProblem */
} KontorSearchQuery;

KontorSearchQuery *kontor_search_query_parse          (const char          *text);
void               kontor_search_query_free           (KontorSearchQuery   *self);
void               kontor_search_query_add_problem    (KontorSearchQuery   *self,
                                                       KontorSearchProblemKind kind,
                                                       guint                start,
                                                       guint                end,
                                                       const char          *message);
gboolean           kontor_search_query_has_problems   (KontorSearchQuery   *self);
gboolean           kontor_search_query_is_empty       (KontorSearchQuery   *self);
guint              kontor_search_query_get_statuses   (KontorSearchQuery   *self);
gboolean           kontor_search_query_apply_due      (KontorSearchQuery   *self,
                                                       KontorFilter        *filter,
                                                       GDateTime           *now);
const char        *kontor_search_query_find_value     (KontorSearchQuery   *self,
                                                       KontorSearchOperator op,
                                                       gboolean             negated);

gboolean           kontor_search_operator_from_name   (const char          *name,
                                                       KontorSearchOperator *op);
const char        *kontor_search_operator_get_name    (KontorSearchOperator op,
                                                       gboolean             german);
char             **kontor_search_complete             (const char          *text,
                                                       guint                cursor,
                                                       const char * const  *values,
                                                       gboolean             german,
                                                       guint               *word_start);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorSearchQuery, kontor_search_query_free)

G_END_DECLS
