/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-filter"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kontor-contact-rules.h"
#include "kontor-enum-types.h"
#include "kontor-filter.h"
#include "kontor-record-json.h"

/**
 * KontorFilter:
 *
 * Which contacts a list shows and in what order, as data: search text,
 * statuses, lead type, pipeline status, assignment, company, sales rep,
 * team, group, lead project and status there, date ranges, birthday
 * month and sort (features L1, L2,
 * src/README.md). The store turns it into SQL with bound parameters;
 * views bind to it; a dynamic group keeps its criteria as
 * kontor_filter_to_string() (JSON, json-glib: the model library has it
 * for the records' fields already).
 *
 * Dates are "YYYY-MM-DD" and both ends of a range are included. Creation
 * and last activity are instants (Unix seconds): a day is the user's local
 * day there, as the table shows them. Due dates and birthdays are dates
 * and compare as such. A date that is not a real "YYYY-MM-DD" selects
 * nothing: a range the user cannot have meant is no reason to show all.
 *
 * The contact ids ("only these contacts", a temporary group) are not
 * criteria a group can keep: neither serialised nor counted as one.
 */
struct _KontorFilter
{
  GObject           parent_instance;

  char             *search_text;
  guint             statuses;
  gboolean          leads_only;
  char             *pipeline_status_id;
  char             *assignee_id;
  char             *company_id;
  char             *sales_rep_id;
  char             *team_id;
  char             *group_id;
  char             *lead_project_id;
  char             *lead_status_id;
  char             *created_from;
  char             *created_to;
  char             *activity_from;
  char             *activity_to;
  char             *due_from;
  char             *due_to;
  guint             birthday_month;
  GStrv             contact_ids;
  guint             activity_kinds;
  gboolean          open_tasks_only;
  char             *activity_participant_id;
  KontorSortColumn  sort_column;
  gboolean          sort_descending;
};

enum {
  PROP_0,
  PROP_SEARCH_TEXT,
  PROP_STATUSES,
  PROP_LEADS_ONLY,
  PROP_PIPELINE_STATUS_ID,
  PROP_ASSIGNEE_ID,
  PROP_COMPANY_ID,
  PROP_SALES_REP_ID,
  PROP_TEAM_ID,
  PROP_GROUP_ID,
  PROP_LEAD_PROJECT_ID,
  PROP_LEAD_STATUS_ID,
  PROP_CREATED_FROM,
  PROP_CREATED_TO,
  PROP_ACTIVITY_FROM,
  PROP_ACTIVITY_TO,
  PROP_DUE_FROM,
  PROP_DUE_TO,
  PROP_BIRTHDAY_MONTH,
  PROP_CONTACT_IDS,
  PROP_ACTIVITY_KINDS,
  PROP_OPEN_TASKS_ONLY,
  PROP_ACTIVITY_PARTICIPANT_ID,
  PROP_SORT_COLUMN,
  PROP_SORT_DESCENDING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KontorFilter, kontor_filter, G_TYPE_OBJECT)

/* The text criteria, in the order kontor_filter_to_string() writes them;
 * their JSON keys are their property names. The end of a range counts as
 * a criterion of its own only without its start (one "created between"). */
static const struct
{
  guint    prop;
  gsize    offset;
  gboolean is_date;
  gboolean range_end;
} string_criteria[] = {
  { PROP_SEARCH_TEXT, G_STRUCT_OFFSET (KontorFilter, search_text), FALSE, FALSE },
  { PROP_PIPELINE_STATUS_ID, G_STRUCT_OFFSET (KontorFilter, pipeline_status_id), FALSE, FALSE },
  { PROP_ASSIGNEE_ID, G_STRUCT_OFFSET (KontorFilter, assignee_id), FALSE, FALSE },
  { PROP_COMPANY_ID, G_STRUCT_OFFSET (KontorFilter, company_id), FALSE, FALSE },
  { PROP_SALES_REP_ID, G_STRUCT_OFFSET (KontorFilter, sales_rep_id), FALSE, FALSE },
  { PROP_TEAM_ID, G_STRUCT_OFFSET (KontorFilter, team_id), FALSE, FALSE },
  { PROP_GROUP_ID, G_STRUCT_OFFSET (KontorFilter, group_id), FALSE, FALSE },
  /* a status names its project: with the project, one criterion */
  { PROP_LEAD_PROJECT_ID, G_STRUCT_OFFSET (KontorFilter, lead_project_id), FALSE, FALSE },
  { PROP_LEAD_STATUS_ID, G_STRUCT_OFFSET (KontorFilter, lead_status_id), FALSE, TRUE },
  { PROP_CREATED_FROM, G_STRUCT_OFFSET (KontorFilter, created_from), TRUE, FALSE },
  { PROP_CREATED_TO, G_STRUCT_OFFSET (KontorFilter, created_to), TRUE, TRUE },
  { PROP_ACTIVITY_FROM, G_STRUCT_OFFSET (KontorFilter, activity_from), TRUE, FALSE },
  { PROP_ACTIVITY_TO, G_STRUCT_OFFSET (KontorFilter, activity_to), TRUE, TRUE },
  { PROP_DUE_FROM, G_STRUCT_OFFSET (KontorFilter, due_from), TRUE, FALSE },
  { PROP_DUE_TO, G_STRUCT_OFFSET (KontorFilter, due_to), TRUE, TRUE },
};

#define CRITERION(self, i) (G_STRUCT_MEMBER (char *, (self), string_criteria[i].offset))

/* Ids or dates: anything longer in a stored filter is not one of ours */
#define MAX_FILTER_CHARS (64 * 1024)
/* Ours is two levels deep ({"statuses": […]}); a parser of nested input
 * recurses, so deeper input is refused before it is parsed */
#define MAX_FILTER_DEPTH 8
/* a month has two digits */
#define MAX_FILTER_DIGITS 15

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
kontor_filter_finalize (GObject *object)
{
  KontorFilter *self = KONTOR_FILTER (object);

  g_free (self->search_text);
  g_free (self->pipeline_status_id);
  g_free (self->assignee_id);
  g_free (self->company_id);
  g_free (self->sales_rep_id);
  g_free (self->team_id);
  g_free (self->group_id);
  g_free (self->lead_project_id);
  g_free (self->lead_status_id);
  g_free (self->created_from);
  g_free (self->created_to);
  g_free (self->activity_from);
  g_free (self->activity_to);
  g_free (self->due_from);
  g_free (self->due_to);
  g_strfreev (self->contact_ids);
  g_free (self->activity_participant_id);

  G_OBJECT_CLASS (kontor_filter_parent_class)->finalize (object);
}

static void
kontor_filter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KontorFilter *self = KONTOR_FILTER (object);

  for (guint i = 0; i < G_N_ELEMENTS (string_criteria); i++)
    {
      if (string_criteria[i].prop == prop_id)
        {
          g_value_set_string (value, CRITERION (self, i));
          return;
        }
    }

  switch (prop_id)
    {
    case PROP_STATUSES:
      g_value_set_uint (value, self->statuses);
      break;
    case PROP_LEADS_ONLY:
      g_value_set_boolean (value, self->leads_only);
      break;
    case PROP_BIRTHDAY_MONTH:
      g_value_set_uint (value, self->birthday_month);
      break;
    case PROP_CONTACT_IDS:
      g_value_set_boxed (value, self->contact_ids);
      break;
    case PROP_ACTIVITY_KINDS:
      g_value_set_uint (value, self->activity_kinds);
      break;
    case PROP_OPEN_TASKS_ONLY:
      g_value_set_boolean (value, self->open_tasks_only);
      break;
    case PROP_ACTIVITY_PARTICIPANT_ID:
      g_value_set_string (value, self->activity_participant_id);
      break;
    case PROP_SORT_COLUMN:
      g_value_set_enum (value, self->sort_column);
      break;
    case PROP_SORT_DESCENDING:
      g_value_set_boolean (value, self->sort_descending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_filter_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KontorFilter *self = KONTOR_FILTER (object);

  for (guint i = 0; i < G_N_ELEMENTS (string_criteria); i++)
    {
      if (string_criteria[i].prop == prop_id)
        {
          if (set_string (&CRITERION (self, i), g_value_get_string (value)))
            g_object_notify_by_pspec (object, pspec);
          return;
        }
    }

  switch (prop_id)
    {
    case PROP_STATUSES:
      kontor_filter_set_statuses (self, g_value_get_uint (value));
      break;
    case PROP_LEADS_ONLY:
      kontor_filter_set_leads_only (self, g_value_get_boolean (value));
      break;
    case PROP_BIRTHDAY_MONTH:
      kontor_filter_set_birthday_month (self, g_value_get_uint (value));
      break;
    case PROP_CONTACT_IDS:
      kontor_filter_set_contact_ids (self, g_value_get_boxed (value));
      break;
    case PROP_ACTIVITY_KINDS:
      kontor_filter_set_activity_kinds (self, g_value_get_uint (value));
      break;
    case PROP_OPEN_TASKS_ONLY:
      kontor_filter_set_open_tasks_only (self, g_value_get_boolean (value));
      break;
    case PROP_ACTIVITY_PARTICIPANT_ID:
      kontor_filter_set_activity_participant_id (self, g_value_get_string (value));
      break;
    case PROP_SORT_COLUMN:
      kontor_filter_set_sort_column (self, g_value_get_enum (value));
      break;
    case PROP_SORT_DESCENDING:
      kontor_filter_set_sort_descending (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Several properties set between g_object_freeze_notify() and
 * g_object_thaw_notify() arrive here together: one "changed" for them, so
 * that a list re-runs its query once (a header click sets the sort column
 * and the direction). */
static void
kontor_filter_dispatch_properties_changed (GObject     *object,
                                           guint        n_pspecs,
                                           GParamSpec **pspecs)
{
  G_OBJECT_CLASS (kontor_filter_parent_class)->dispatch_properties_changed (object, n_pspecs,
                                                                             pspecs);
  g_signal_emit (object, signals[CHANGED], 0);
}

static void
kontor_filter_class_init (KontorFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispatch_properties_changed = kontor_filter_dispatch_properties_changed;
  object_class->finalize = kontor_filter_finalize;
  object_class->get_property = kontor_filter_get_property;
  object_class->set_property = kontor_filter_set_property;

  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  properties[PROP_STATUSES] = g_param_spec_uint ("statuses", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LEADS_ONLY] = g_param_spec_boolean ("leads-only", NULL, NULL, FALSE, flags);
  properties[PROP_PIPELINE_STATUS_ID] =
    g_param_spec_string ("pipeline-status-id", NULL, NULL, NULL, flags);
  properties[PROP_ASSIGNEE_ID] = g_param_spec_string ("assignee-id", NULL, NULL, NULL, flags);
  properties[PROP_COMPANY_ID] = g_param_spec_string ("company-id", NULL, NULL, NULL, flags);
  properties[PROP_SALES_REP_ID] = g_param_spec_string ("sales-rep-id", NULL, NULL, NULL, flags);
  properties[PROP_TEAM_ID] = g_param_spec_string ("team-id", NULL, NULL, NULL, flags);
  properties[PROP_GROUP_ID] = g_param_spec_string ("group-id", NULL, NULL, NULL, flags);
  properties[PROP_LEAD_PROJECT_ID] = g_param_spec_string ("lead-project-id", NULL, NULL, NULL,
                                                          flags);
  properties[PROP_LEAD_STATUS_ID] = g_param_spec_string ("lead-status-id", NULL, NULL, NULL,
                                                         flags);
  properties[PROP_CREATED_FROM] = g_param_spec_string ("created-from", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_TO] = g_param_spec_string ("created-to", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVITY_FROM] =
    g_param_spec_string ("activity-from", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVITY_TO] = g_param_spec_string ("activity-to", NULL, NULL, NULL, flags);
  properties[PROP_DUE_FROM] = g_param_spec_string ("due-from", NULL, NULL, NULL, flags);
  properties[PROP_DUE_TO] = g_param_spec_string ("due-to", NULL, NULL, NULL, flags);
  properties[PROP_BIRTHDAY_MONTH] =
    g_param_spec_uint ("birthday-month", NULL, NULL, 0, 12, 0, flags);
  properties[PROP_CONTACT_IDS] =
    g_param_spec_boxed ("contact-ids", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_ACTIVITY_KINDS] =
    g_param_spec_uint ("activity-kinds", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_OPEN_TASKS_ONLY] =
    g_param_spec_boolean ("open-tasks-only", NULL, NULL, FALSE, flags);
  properties[PROP_ACTIVITY_PARTICIPANT_ID] =
    g_param_spec_string ("activity-participant-id", NULL, NULL, NULL, flags);
  properties[PROP_SORT_COLUMN] =
    g_param_spec_enum ("sort-column", NULL, NULL, KONTOR_TYPE_SORT_COLUMN, KONTOR_SORT_NAME, flags);
  properties[PROP_SORT_DESCENDING] =
    g_param_spec_boolean ("sort-descending", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KontorFilter::changed:
   * @self: the filter
   *
   * Emitted once after one or more properties changed (also when they were
   * changed together inside g_object_freeze_notify()).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kontor_filter_init (KontorFilter *self)
{
}

/**
 * kontor_filter_new:
 *
 * Returns: (transfer full): a filter that shows every contact by name
 */
KontorFilter *
kontor_filter_new (void)
{
  return g_object_new (KONTOR_TYPE_FILTER, NULL);
}

/**
 * kontor_filter_copy:
 * @self: a filter
 *
 * Returns: (transfer full): an independent copy
 */
KontorFilter *
kontor_filter_copy (KontorFilter *self)
{
  KontorFilter *copy;

  g_return_val_if_fail (KONTOR_IS_FILTER (self), NULL);

  copy = kontor_filter_new ();
  for (guint i = 0; i < G_N_ELEMENTS (string_criteria); i++)
    CRITERION (copy, i) = g_strdup (CRITERION (self, i));
  copy->statuses = self->statuses;
  copy->leads_only = self->leads_only;
  copy->birthday_month = self->birthday_month;
  copy->contact_ids = g_strdupv (self->contact_ids);
  copy->activity_kinds = self->activity_kinds;
  copy->open_tasks_only = self->open_tasks_only;
  copy->activity_participant_id = g_strdup (self->activity_participant_id);
  copy->sort_column = self->sort_column;
  copy->sort_descending = self->sort_descending;

  return copy;
}

/* NULL (no restriction) differs from an empty set (nothing) */
static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

gboolean
kontor_filter_equal (KontorFilter *a,
                     KontorFilter *b)
{
  g_return_val_if_fail (KONTOR_IS_FILTER (a), FALSE);
  g_return_val_if_fail (KONTOR_IS_FILTER (b), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (string_criteria); i++)
    {
      if (g_strcmp0 (CRITERION (a, i), CRITERION (b, i)) != 0)
        return FALSE;
    }

  return a->statuses == b->statuses &&
         a->leads_only == b->leads_only &&
         a->birthday_month == b->birthday_month &&
         strv_equal0 ((const char * const *) a->contact_ids,
                      (const char * const *) b->contact_ids) &&
         a->activity_kinds == b->activity_kinds &&
         a->open_tasks_only == b->open_tasks_only &&
         g_strcmp0 (a->activity_participant_id, b->activity_participant_id) == 0 &&
         a->sort_column == b->sort_column &&
         a->sort_descending == b->sort_descending;
}

#define STRING_PROPERTY(name, PROP)                                              \
  const char *                                                                   \
  kontor_filter_get_##name (KontorFilter *self)                                  \
  {                                                                              \
    g_return_val_if_fail (KONTOR_IS_FILTER (self), NULL);                        \
    return self->name;                                                           \
  }                                                                              \
                                                                                 \
  void                                                                           \
  kontor_filter_set_##name (KontorFilter *self,                                  \
                            const char   *value)                                 \
  {                                                                              \
    g_return_if_fail (KONTOR_IS_FILTER (self));                                  \
    if (set_string (&self->name, value))                                         \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);              \
  }

#define SCALAR_PROPERTY(name, PROP, Type)                                        \
  Type                                                                           \
  kontor_filter_get_##name (KontorFilter *self)                                  \
  {                                                                              \
    g_return_val_if_fail (KONTOR_IS_FILTER (self), 0);                           \
    return self->name;                                                           \
  }                                                                              \
                                                                                 \
  void                                                                           \
  kontor_filter_set_##name (KontorFilter *self,                                  \
                            Type          value)                                 \
  {                                                                              \
    g_return_if_fail (KONTOR_IS_FILTER (self));                                  \
    if (self->name == value)                                                     \
      return;                                                                    \
    self->name = value;                                                          \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                \
  }

STRING_PROPERTY (search_text, PROP_SEARCH_TEXT)
STRING_PROPERTY (pipeline_status_id, PROP_PIPELINE_STATUS_ID)
STRING_PROPERTY (assignee_id, PROP_ASSIGNEE_ID)
STRING_PROPERTY (company_id, PROP_COMPANY_ID)
STRING_PROPERTY (sales_rep_id, PROP_SALES_REP_ID)
STRING_PROPERTY (team_id, PROP_TEAM_ID)
STRING_PROPERTY (group_id, PROP_GROUP_ID)
STRING_PROPERTY (lead_project_id, PROP_LEAD_PROJECT_ID)
STRING_PROPERTY (lead_status_id, PROP_LEAD_STATUS_ID)
STRING_PROPERTY (created_from, PROP_CREATED_FROM)
STRING_PROPERTY (created_to, PROP_CREATED_TO)
STRING_PROPERTY (activity_from, PROP_ACTIVITY_FROM)
STRING_PROPERTY (activity_to, PROP_ACTIVITY_TO)
STRING_PROPERTY (due_from, PROP_DUE_FROM)
STRING_PROPERTY (due_to, PROP_DUE_TO)
SCALAR_PROPERTY (statuses, PROP_STATUSES, guint)
SCALAR_PROPERTY (leads_only, PROP_LEADS_ONLY, gboolean)
SCALAR_PROPERTY (sort_column, PROP_SORT_COLUMN, KontorSortColumn)
SCALAR_PROPERTY (sort_descending, PROP_SORT_DESCENDING, gboolean)

#undef STRING_PROPERTY
#undef SCALAR_PROPERTY

/**
 * kontor_filter_get_birthday_month:
 * @self: a filter
 *
 * Returns: the month (1–12) of the birthdays to show, 0 for any
 */
guint
kontor_filter_get_birthday_month (KontorFilter *self)
{
  g_return_val_if_fail (KONTOR_IS_FILTER (self), 0);

  return self->birthday_month;
}

void
kontor_filter_set_birthday_month (KontorFilter *self,
                                  guint         month)
{
  g_return_if_fail (KONTOR_IS_FILTER (self));
  g_return_if_fail (month <= 12);

  if (self->birthday_month == month)
    return;
  self->birthday_month = month;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY_MONTH]);
}

/**
 * kontor_filter_get_contact_ids:
 * @self: a filter
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the only
 *   contacts to show (a temporary group), %NULL for no such restriction
 */
const char * const *
kontor_filter_get_contact_ids (KontorFilter *self)
{
  g_return_val_if_fail (KONTOR_IS_FILTER (self), NULL);

  return (const char * const *) self->contact_ids;
}

/**
 * kontor_filter_set_contact_ids:
 * @self: a filter
 * @ids: (nullable) (array zero-terminated=1): contact ids; %NULL shows
 *   every contact the other criteria select, an empty array none
 *
 * Restricts the filter to these contacts, for a temporary group (the
 * rows a user marked). Not part of kontor_filter_to_string(): a group
 * that is kept has members of its own.
 */
void
kontor_filter_set_contact_ids (KontorFilter       *self,
                               const char * const *ids)
{
  g_return_if_fail (KONTOR_IS_FILTER (self));

  if (strv_equal0 ((const char * const *) self->contact_ids, ids))
    return;
  g_strfreev (self->contact_ids);
  self->contact_ids = g_strdupv ((char **) ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_IDS]);
}

/**
 * kontor_filter_get_activity_kinds:
 * @self: a filter
 *
 * Returns: the kinds of activities a list of activities shows, a mask of
 *   `1 << KontorActivityKind`; 0 for all
 */
guint
kontor_filter_get_activity_kinds (KontorFilter *self)
{
  g_return_val_if_fail (KONTOR_IS_FILTER (self), 0);

  return self->activity_kinds;
}

/**
 * kontor_filter_set_activity_kinds:
 * @self: a filter
 * @kinds: a mask of `1 << KontorActivityKind`, 0 for all
 *
 * For a list of activities (feature A6), as the open tasks below: not
 * part of kontor_filter_to_string(), which keeps a group's contacts.
 */
void
kontor_filter_set_activity_kinds (KontorFilter *self,
                                  guint         kinds)
{
  g_return_if_fail (KONTOR_IS_FILTER (self));

  if (self->activity_kinds == kinds)
    return;
  self->activity_kinds = kinds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY_KINDS]);
}

/**
 * kontor_filter_get_open_tasks_only:
 * @self: a filter
 *
 * Returns: whether a list of activities shows open tasks only
 */
gboolean
kontor_filter_get_open_tasks_only (KontorFilter *self)
{
  g_return_val_if_fail (KONTOR_IS_FILTER (self), FALSE);

  return self->open_tasks_only;
}

void
kontor_filter_set_open_tasks_only (KontorFilter *self,
                                   gboolean      open_only)
{
  g_return_if_fail (KONTOR_IS_FILTER (self));

  open_only = !!open_only;
  if (self->open_tasks_only == open_only)
    return;
  self->open_tasks_only = open_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_TASKS_ONLY]);
}

/**
 * kontor_filter_get_activity_participant_id:
 * @self: a filter
 *
 * Returns: (nullable): the contact or colleague (user) whose activities a
 *   list of activities shows: recorded on the contact, or with them taking
 *   part (feature A4); view state like the kinds, not a group's criterion.
 *   One person: choosing a contact replaces a colleague and the other way
 *   round, so the list's two controls (the colleague drop-down, the contact
 *   search) show this one id, and clearing either clears it (feature A6)
 */
const char *
kontor_filter_get_activity_participant_id (KontorFilter *self)
{
  g_return_val_if_fail (KONTOR_IS_FILTER (self), NULL);

  return self->activity_participant_id;
}

void
kontor_filter_set_activity_participant_id (KontorFilter *self,
                                           const char   *id)
{
  g_return_if_fail (KONTOR_IS_FILTER (self));

  if (g_strcmp0 (self->activity_participant_id, id) == 0)
    return;
  g_free (self->activity_participant_id);
  self->activity_participant_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY_PARTICIPANT_ID]);
}

/**
 * kontor_filter_count_criteria:
 * @self: a filter
 *
 * How many criteria restrict the contacts, for a "Filters (3)" label:
 * each set value counts one, a date range one whichever ends it has, the
 * search text and the contact ids one each; the sort none.
 *
 * Returns: the number of criteria
 */
guint
kontor_filter_count_criteria (KontorFilter *self)
{
  guint n = 0;

  g_return_val_if_fail (KONTOR_IS_FILTER (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (string_criteria); i++)
    {
      if (CRITERION (self, i) != NULL &&
          !(string_criteria[i].range_end && CRITERION (self, i - 1) != NULL))
        n++;
    }

  return n + (self->statuses != 0) + (self->leads_only != FALSE) +
         (self->birthday_month != 0) + (self->contact_ids != NULL) +
         (self->activity_kinds != 0) + (self->open_tasks_only != FALSE);
}

/**
 * kontor_filter_is_empty_criteria:
 * @self: a filter
 *
 * Returns: %TRUE when the filter selects every contact: nothing is set
 *   but (perhaps) the sort
 */
gboolean
kontor_filter_is_empty_criteria (KontorFilter *self)
{
  g_return_val_if_fail (KONTOR_IS_FILTER (self), FALSE);

  return kontor_filter_count_criteria (self) == 0;
}

/**
 * kontor_filter_to_string:
 * @self: a filter
 *
 * The criteria as a JSON object, for a dynamic group (contact_group.filter,
 * synced like every field): the set criteria only, keyed by their property
 * names, the statuses by their nicks (["prospect", "customer"]) like
 * every enum that syncs. Neither the sort nor the contact ids are part of
 * it. The same criteria always give the same text.
 *
 * Returns: (transfer full): the JSON text; "{}" for no criteria
 */
char *
kontor_filter_to_string (KontorFilter *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GEnumClass) statuses = NULL;

  g_return_val_if_fail (KONTOR_IS_FILTER (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (string_criteria); i++)
    {
      if (CRITERION (self, i) == NULL)
        continue;
      json_builder_set_member_name (builder, properties[string_criteria[i].prop]->name);
      json_builder_add_string_value (builder, CRITERION (self, i));
    }

  if (self->statuses != 0)
    {
      statuses = g_type_class_ref (KONTOR_TYPE_CONTACT_STATUS);
      json_builder_set_member_name (builder, properties[PROP_STATUSES]->name);
      json_builder_begin_array (builder);
      for (guint i = 0; i < statuses->n_values; i++)
        {
          if ((self->statuses & KONTOR_STATUS_MASK (statuses->values[i].value)) != 0)
            json_builder_add_string_value (builder, statuses->values[i].value_nick);
        }
      json_builder_end_array (builder);
    }

  if (self->leads_only)
    {
      json_builder_set_member_name (builder, properties[PROP_LEADS_ONLY]->name);
      json_builder_add_boolean_value (builder, TRUE);
    }

  if (self->birthday_month != 0)
    {
      json_builder_set_member_name (builder, properties[PROP_BIRTHDAY_MONTH]->name);
      json_builder_add_int_value (builder, self->birthday_month);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* Refuses input nested deeper than MAX_FILTER_DEPTH before a parser
 * recurses into it ("[[[[…" a million times deep), and numbers of more
 * than MAX_FILTER_DIGITS digits: json-glib reads an integer beyond 64
 * bits as a wrapped-around one (-99999999999999999999999999 as 1) */
static gboolean
check_shape (const char *text)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      digits = !in_string && g_ascii_isdigit (*p) ? digits + 1 : 0;
      if (digits > MAX_FILTER_DIGITS)
        return FALSE;

      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > MAX_FILTER_DEPTH)
            return FALSE;
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static gboolean
wrong_type (const char  *key,
            GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s is a key of a stored filter ("company-id") */
               _("The filter’s “%s” has a value of the wrong kind."), key);

  return FALSE;
}

/* @node as text, or NULL for JSON null (the criterion unset) */
static gboolean
read_string (JsonNode     *node,
             const char   *key,
             const char  **value,
             GError      **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *value = NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (key, error);

  *value = json_node_get_string (node);

  return TRUE;
}

static gboolean
read_statuses (JsonNode     *node,
               const char   *key,
               guint        *mask,
               GError      **error)
{
  g_autoptr(GEnumClass) statuses = g_type_class_ref (KONTOR_TYPE_CONTACT_STATUS);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (key, error);

  array = json_node_get_array (node);
  *mask = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GEnumValue *status;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        return wrong_type (key, error);

      status = g_enum_get_value_by_nick (statuses, json_node_get_string (element));
      if (status == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is what a stored filter names as a contact status */
                       _("The filter names an unknown status “%s”."),
                       json_node_get_string (element));
          return FALSE;
        }
      *mask |= KONTOR_STATUS_MASK (status->value);
    }

  return TRUE;
}

static gboolean
read_member (KontorFilter  *self,
             const char    *key,
             JsonNode      *node,
             GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_criteria); i++)
    {
      const char *value;

      if (!g_str_equal (key, properties[string_criteria[i].prop]->name))
        continue;
      if (!read_string (node, key, &value, error))
        return FALSE;
      if (value != NULL && string_criteria[i].is_date && !kontor_date_is_valid (value))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a key of a stored filter ("due-from") */
                       _("The filter’s “%s” is not a date written YYYY-MM-DD."), key);
          return FALSE;
        }
      set_string (&CRITERION (self, i), value);

      return TRUE;
    }

  if (g_str_equal (key, properties[PROP_STATUSES]->name))
    return read_statuses (node, key, &self->statuses, error);

  if (g_str_equal (key, properties[PROP_LEADS_ONLY]->name))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return wrong_type (key, error);
      self->leads_only = json_node_get_boolean (node);
      return TRUE;
    }

  if (g_str_equal (key, properties[PROP_BIRTHDAY_MONTH]->name))
    {
      gint64 month;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return wrong_type (key, error);
      month = json_node_get_int (node);
      if (month < 0 || month > 12)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The filter’s birthday month is not a month (1 to 12)."));
          return FALSE;
        }
      self->birthday_month = month;
      return TRUE;
    }

  /* written by a newer Kontor, or not a criterion (the sort): ignored */
  return TRUE;
}

/**
 * kontor_filter_new_from_string:
 * @text: what kontor_filter_to_string() wrote
 * @error: return location for a #GError
 *
 * Reads a dynamic group's criteria. Keys this version does not know are
 * ignored (a newer Kontor may have written them); a value of the wrong
 * kind, a status without a name, a date that is not "YYYY-MM-DD", text
 * that is not a JSON object, or that is longer, nested deeper or holds
 * larger numbers than any filter fail with %G_IO_ERROR_INVALID_DATA,
 * never a crash: a group synced from elsewhere is outside data.
 *
 * Returns: (transfer full) (nullable): a filter sorted by name, or %NULL
 *   with @error set
 */
KontorFilter *
kontor_filter_new_from_string (const char  *text,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(KontorFilter) filter = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strlen (text) > MAX_FILTER_CHARS || !check_shape (text))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The filter is longer, nested deeper or holds larger numbers "
                             "than any filter does."));
      return NULL;
    }

  /* json-glib drops what follows a first value, and leaks it */
  if (!kontor_json_is_one_object (text))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The filter cannot be read: it is not one JSON object."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is the JSON parser's message */
                   _("The filter cannot be read: %s"), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The filter is not a set of criteria (a JSON object)."));
      return NULL;
    }

  filter = kontor_filter_new ();
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!read_member (filter, l->data, json_object_get_member (object, l->data), error))
        return NULL;
    }

  return g_steal_pointer (&filter);
}
