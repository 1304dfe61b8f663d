/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-filter"

#include "config.h"

#include "kontor-enum-types.h"
#include "kontor-filter.h"

/**
 * KontorFilter:
 *
 * Which contacts a list shows and in what order, as data: search text,
 * statuses, lead type, pipeline status, assignment, company and sort. The
 * store turns it into SQL with bound parameters; views bind to it.
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

  G_OBJECT_CLASS (kontor_filter_parent_class)->finalize (object);
}

static void
kontor_filter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KontorFilter *self = KONTOR_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_STATUSES:
      g_value_set_uint (value, self->statuses);
      break;
    case PROP_LEADS_ONLY:
      g_value_set_boolean (value, self->leads_only);
      break;
    case PROP_PIPELINE_STATUS_ID:
      g_value_set_string (value, self->pipeline_status_id);
      break;
    case PROP_ASSIGNEE_ID:
      g_value_set_string (value, self->assignee_id);
      break;
    case PROP_COMPANY_ID:
      g_value_set_string (value, self->company_id);
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

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      kontor_filter_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_STATUSES:
      kontor_filter_set_statuses (self, g_value_get_uint (value));
      break;
    case PROP_LEADS_ONLY:
      kontor_filter_set_leads_only (self, g_value_get_boolean (value));
      break;
    case PROP_PIPELINE_STATUS_ID:
      kontor_filter_set_pipeline_status_id (self, g_value_get_string (value));
      break;
    case PROP_ASSIGNEE_ID:
      kontor_filter_set_assignee_id (self, g_value_get_string (value));
      break;
    case PROP_COMPANY_ID:
      kontor_filter_set_company_id (self, g_value_get_string (value));
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
  copy->search_text = g_strdup (self->search_text);
  copy->statuses = self->statuses;
  copy->leads_only = self->leads_only;
  copy->pipeline_status_id = g_strdup (self->pipeline_status_id);
  copy->assignee_id = g_strdup (self->assignee_id);
  copy->company_id = g_strdup (self->company_id);
  copy->sort_column = self->sort_column;
  copy->sort_descending = self->sort_descending;

  return copy;
}

gboolean
kontor_filter_equal (KontorFilter *a,
                     KontorFilter *b)
{
  g_return_val_if_fail (KONTOR_IS_FILTER (a), FALSE);
  g_return_val_if_fail (KONTOR_IS_FILTER (b), FALSE);

  return g_strcmp0 (a->search_text, b->search_text) == 0 &&
         a->statuses == b->statuses &&
         a->leads_only == b->leads_only &&
         g_strcmp0 (a->pipeline_status_id, b->pipeline_status_id) == 0 &&
         g_strcmp0 (a->assignee_id, b->assignee_id) == 0 &&
         g_strcmp0 (a->company_id, b->company_id) == 0 &&
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
SCALAR_PROPERTY (statuses, PROP_STATUSES, guint)
SCALAR_PROPERTY (leads_only, PROP_LEADS_ONLY, gboolean)
SCALAR_PROPERTY (sort_column, PROP_SORT_COLUMN, KontorSortColumn)
SCALAR_PROPERTY (sort_descending, PROP_SORT_DESCENDING, gboolean)

#undef STRING_PROPERTY
#undef SCALAR_PROPERTY
