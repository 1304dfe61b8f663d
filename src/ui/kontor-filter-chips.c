/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-filter-chips"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-filter-chips.h"
#include "kontor-format.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"

/**
 * KontorFilterChips:
 *
 * The criteria of a contacts filter that are in force, one chip each
 * ("Status: Customer", "Created: 01.01.2026–31.03.2026"), in a row that
 * wraps; each chip's button takes its criterion away (feature L2 of issue
 * 10). The row follows the filter's "changed", whoever changed it (the
 * "Advanced" panel, the quick filters of the toolbar, the sidebar's
 * "Leads"), and hides itself while no criterion is in force.
 *
 * The criteria are described by a table of the filter's property names,
 * so that the panel's "Reset" clears the same ones the chips show. The
 * search text is no chip: the search entry shows it.
 */
struct _KontorFilterChips
{
  AdwBin         parent_instance;

  KontorContext *context;
  KontorFilter  *filter;
  GtkFlowBox    *flow_box;
  GPtrArray     *buttons;      /* GtkButton, one per chip shown */
  GPtrArray     *texts;        /* char *, one per chip shown */
};

enum {
  REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KontorFilterChips, kontor_filter_chips, ADW_TYPE_BIN)

typedef enum
{
  KIND_STATUSES,
  KIND_LEADS,
  KIND_RECORD,
  KIND_DATES,
  KIND_MONTH,
} Kind;

typedef struct
{
  const char *title;          /* NC_("filter", …) */
  Kind        kind;
  const char *property;       /* of KontorFilter; the first day of a range */
  const char *property_to;    /* the last day of a range */
  GType     (*get_type) (void);   /* of the record an id names */
} Criterion;

/* In the order of the panel */
static const Criterion criteria[] = {
  { NC_("filter", "Status"), KIND_STATUSES, "statuses", NULL, NULL },
  { NC_("filter", "Type"), KIND_LEADS, "leads-only", NULL, NULL },
  { NC_("filter", "Pipeline Status"), KIND_RECORD, "pipeline-status-id", NULL,
    kontor_pipeline_status_get_type },
  { NC_("filter", "Sales Rep"), KIND_RECORD, "sales-rep-id", NULL, kontor_user_get_type },
  { NC_("filter", "Assigned To"), KIND_RECORD, "assignee-id", NULL, kontor_user_get_type },
  { NC_("filter", "Team"), KIND_RECORD, "team-id", NULL, kontor_team_get_type },
  { NC_("filter", "Company"), KIND_RECORD, "company-id", NULL, kontor_company_get_type },
  { NC_("filter", "Group"), KIND_RECORD, "group-id", NULL, kontor_group_get_type },
  { NC_("filter", "Lead Project"), KIND_RECORD, "lead-project-id", NULL,
    kontor_lead_project_get_type },
  { NC_("filter", "Lead Status"), KIND_RECORD, "lead-status-id", NULL,
    kontor_lead_status_get_type },
  { NC_("filter", "Created"), KIND_DATES, "created-from", "created-to", NULL },
  { NC_("filter", "Last Activity"), KIND_DATES, "activity-from", "activity-to", NULL },
  { NC_("filter", "Due Date"), KIND_DATES, "due-from", "due-to", NULL },
  { NC_("filter", "Birthday"), KIND_MONTH, "birthday-month", NULL, NULL },
};

/* A criterion the filter does not know (yet) is left out, rather than
 * warned about at every change */
static gboolean
filter_has (KontorFilter *filter,
            const char   *property)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (filter), property) != NULL;
}

static char *
dup_string (KontorFilter *filter,
            const char   *property)
{
  char *value = NULL;

  g_object_get (filter, property, &value, NULL);
  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);

  return value;
}

static guint
get_uint (KontorFilter *filter,
          const char   *property)
{
  guint value = 0;

  g_object_get (filter, property, &value, NULL);

  return value;
}

static gboolean
get_boolean (KontorFilter *filter,
             const char   *property)
{
  gboolean value = FALSE;

  g_object_get (filter, property, &value, NULL);

  return value;
}

static char *
dup_statuses_text (guint statuses)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (statuses == 0)
    /* Translators: the status filter chip when every status is shown */
    return g_strdup (C_("statuses", "All"));

  for (KontorContactStatus status = KONTOR_CONTACT_STATUS_INBOX;
       status <= KONTOR_CONTACT_STATUS_ARCHIVED; status++)
    {
      if ((statuses & KONTOR_STATUS_MASK (status)) == 0)
        continue;
      if (text->len > 0)
        /* Translators: between the statuses of a filter chip, "Status: Prospect, Customer" */
        g_string_append (text, C_("statuses", ", "));
      g_string_append (text, kontor_contact_status_to_string (status));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_record_name (KontorFilterChips *self,
                 GType              type,
                 const char        *id)
{
  g_autoptr(KontorRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  char *name = NULL;

  record = kontor_store_load (kontor_context_get_store (self->context), type, id, &error);
  if (record != NULL)
    name = kontor_record_dup_display_name (record);
  else if (error != NULL)
    g_debug ("Could not load %s %s: %s", g_type_name (type), id, error->message);

  /* Translators: a filter chip's value when the colleague, company … is gone */
  return name != NULL ? name : g_strdup (C_("filter", "Unknown"));
}

static char *
dup_dates_text (const char *from,
                const char *to)
{
  g_autofree char *first = kontor_format_iso_date (from);
  g_autofree char *last = kontor_format_iso_date (to);

  if (first != NULL && last != NULL)
    /* Translators: a range of dates in a filter chip, "01.01.2026–31.03.2026" */
    return g_strdup_printf (C_("filter", "%1$s–%2$s"), first, last);
  if (first != NULL)
    /* Translators: an open range of dates in a filter chip, "from 01.01.2026" */
    return g_strdup_printf (C_("filter", "from %s"), first);
  if (last != NULL)
    /* Translators: an open range of dates in a filter chip, "until 31.03.2026" */
    return g_strdup_printf (C_("filter", "until %s"), last);

  return NULL;
}

/* Returns: (transfer full) (nullable): what @criterion says now, %NULL
 * while it is not in force */
static char *
dup_value (KontorFilterChips *self,
           const Criterion   *criterion)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint statuses;

  if (!filter_has (self->filter, criterion->property))
    return NULL;

  switch (criterion->kind)
    {
    case KIND_STATUSES:
      statuses = get_uint (self->filter, criterion->property);
      return statuses != KONTOR_FILTER_CURRENT_STATUSES ? dup_statuses_text (statuses) : NULL;
    case KIND_LEADS:
      return get_boolean (self->filter, criterion->property) ? g_strdup (_("Lead")) : NULL;
    case KIND_RECORD:
      from = dup_string (self->filter, criterion->property);
      return from != NULL ? dup_record_name (self, criterion->get_type (), from) : NULL;
    case KIND_DATES:
      from = dup_string (self->filter, criterion->property);
      if (filter_has (self->filter, criterion->property_to))
        to = dup_string (self->filter, criterion->property_to);
      return dup_dates_text (from, to);
    case KIND_MONTH:
      return kontor_format_month (get_uint (self->filter, criterion->property));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
clear_criterion (KontorFilter    *filter,
                 const Criterion *criterion)
{
  if (!filter_has (filter, criterion->property))
    return;

  switch (criterion->kind)
    {
    case KIND_STATUSES:
      g_object_set (filter, criterion->property, KONTOR_FILTER_CURRENT_STATUSES, NULL);
      break;
    case KIND_LEADS:
      g_object_set (filter, criterion->property, FALSE, NULL);
      break;
    case KIND_RECORD:
      g_object_set (filter, criterion->property, NULL, NULL);
      break;
    case KIND_DATES:
      g_object_set (filter, criterion->property, NULL, NULL);
      if (filter_has (filter, criterion->property_to))
        g_object_set (filter, criterion->property_to, NULL, NULL);
      break;
    case KIND_MONTH:
      g_object_set (filter, criterion->property, 0u, NULL);
      break;
    default:
      g_return_if_reached ();
    }
}

static void update_chips (KontorFilterChips *self);

static void
on_remove_clicked_cb (KontorFilterChips *self,
                      GtkButton         *button)
{
  guint criterion = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kontor-criterion"));
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (button));
  guint index = 0;

  g_assert (KONTOR_IS_FILTER_CHIPS (self));

  g_ptr_array_find (self->buttons, button, &index);

  /* both days of a range in one "changed": one query */
  g_object_freeze_notify (G_OBJECT (self->filter));
  clear_criterion (self->filter, &criteria[criterion]);
  g_object_thaw_notify (G_OBJECT (self->filter));

  /* The chips were made anew: the focus goes on to the chip that came
   * into the place of this one, or the one before; with none left, the
   * owner gives it a place ("removed") */
  if (had_focus && self->buttons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->buttons, MIN (index, self->buttons->len - 1)));

  g_signal_emit (self, signals[REMOVED], 0);
}

static GtkWidget *
create_chip (KontorFilterChips *self,
             guint              criterion,
             const char        *text)
{
  g_autofree char *remove = NULL;
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (chip, "filter-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_set_tooltip_text (label, text);

  /* Translators: the button of a filter chip; %s is the chip, "Status: Customer" */
  remove = g_strdup_printf (_("Remove filter %s"), text);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove,
                                  -1);
  g_object_set_data (G_OBJECT (button), "kontor-criterion", GUINT_TO_POINTER (criterion));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), button);
  g_ptr_array_add (self->buttons, button);
  g_ptr_array_add (self->texts, g_strdup (text));

  return chip;
}

static void
update_chips (KontorFilterChips *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->buttons, 0);
  g_ptr_array_set_size (self->texts, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);

  for (guint i = 0; i < G_N_ELEMENTS (criteria); i++)
    {
      g_autofree char *value = dup_value (self, &criteria[i]);
      g_autofree char *text = NULL;
      GtkWidget *chip;

      if (value == NULL)
        continue;

      /* Translators: a filter chip, "Status: Customer"; the first %s is the criterion */
      text = g_strdup_printf (C_("filter", "%s: %s"),
                              g_dpgettext2 (GETTEXT_PACKAGE, "filter", criteria[i].title), value);
      chip = create_chip (self, i, text);
      gtk_flow_box_append (self->flow_box, chip);
      /* Tab goes to the chips' buttons, not to the flow box's cells */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->buttons->len > 0);
}

static void
kontor_filter_chips_dispose (GObject *object)
{
  KontorFilterChips *self = KONTOR_FILTER_CHIPS (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->flow_box = NULL;
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  g_clear_object (&self->filter);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_filter_chips_parent_class)->dispose (object);
}

static void
kontor_filter_chips_class_init (KontorFilterChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_filter_chips_dispose;

  /**
   * KontorFilterChips::removed:
   * @self: the chips
   *
   * Emitted after a chip's button took its criterion away; the focus was
   * on the button, which is gone, and no chip may be left to take it.
   */
  signals[REMOVED] =
    g_signal_new ("removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kontor_filter_chips_init (KontorFilterChips *self)
{
  self->buttons = g_ptr_array_new ();
  self->texts = g_ptr_array_new_with_free_func (g_free);

  self->flow_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->flow_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->flow_box, 32);
  gtk_flow_box_set_column_spacing (self->flow_box, 6);
  gtk_flow_box_set_row_spacing (self->flow_box, 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->flow_box), "filter-chips");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->flow_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Active Filters"),
                                  -1);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->flow_box));
}

/**
 * kontor_filter_chips_new:
 * @context: the context, whose store names the colleagues, companies …
 * @filter: the filter to show and change
 *
 * Returns: (transfer floating): the row of chips
 */
GtkWidget *
kontor_filter_chips_new (KontorContext *context,
                         KontorFilter  *filter)
{
  KontorFilterChips *self;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), NULL);

  self = g_object_new (KONTOR_TYPE_FILTER_CHIPS, NULL);
  self->context = g_object_ref (context);
  self->filter = g_object_ref (filter);
  g_signal_connect_object (filter, "changed", G_CALLBACK (update_chips), self,
                           G_CONNECT_SWAPPED);
  update_chips (self);

  return GTK_WIDGET (self);
}

guint
kontor_filter_chips_get_n_chips (KontorFilterChips *self)
{
  g_return_val_if_fail (KONTOR_IS_FILTER_CHIPS (self), 0);

  return self->buttons->len;
}

/**
 * kontor_filter_chips_dup_text:
 * @self: the chips
 * @index: a chip's position
 *
 * Returns: (transfer full) (nullable): what the chip says, "Status: Customer"
 */
char *
kontor_filter_chips_dup_text (KontorFilterChips *self,
                              guint              index)
{
  g_return_val_if_fail (KONTOR_IS_FILTER_CHIPS (self), NULL);

  return index < self->texts->len ? g_strdup (g_ptr_array_index (self->texts, index)) : NULL;
}

/**
 * kontor_filter_chips_get_button:
 * @self: the chips
 * @index: a chip's position
 *
 * Returns: (transfer none) (nullable): the button that removes the chip
 */
GtkWidget *
kontor_filter_chips_get_button (KontorFilterChips *self,
                                guint              index)
{
  g_return_val_if_fail (KONTOR_IS_FILTER_CHIPS (self), NULL);

  return index < self->buttons->len ? g_ptr_array_index (self->buttons, index) : NULL;
}

/**
 * kontor_filter_chips_reset_filter:
 * @filter: a contacts filter
 *
 * Takes away every criterion a chip can show, in one "changed": the
 * current contacts again, of any type, colleague, company and date. The
 * search text and the order stay.
 */
void
kontor_filter_chips_reset_filter (KontorFilter *filter)
{
  g_return_if_fail (KONTOR_IS_FILTER (filter));

  g_object_freeze_notify (G_OBJECT (filter));
  for (guint i = 0; i < G_N_ELEMENTS (criteria); i++)
    clear_criterion (filter, &criteria[i]);
  g_object_thaw_notify (G_OBJECT (filter));
}
