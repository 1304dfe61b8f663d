/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-filter-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-company-completion.h"
#include "kontor-date-button.h"
#include "kontor-filter-chips.h"
#include "kontor-filter-panel.h"
#include "kontor-format.h"
#include "kontor-store-lead.h"

/**
 * KontorFilterPanel:
 *
 * The "Advanced" filter of the contacts overview (feature L2 of issue
 * 10): every criterion of a #KontorFilter in one panel, which the table
 * and the board share. Status (a check per status), leads only, pipeline
 * status, sales rep, assignment (a colleague or a team), company (typed,
 * with completion), group, the days a contact was created, last active
 * or is due (from and until, each on its own), and the birthday's month.
 *
 * The panel shows the filter and changes it; what else changes the
 * filter (a chip taken away, the quick filters of the toolbar, the
 * sidebar's "Leads") comes back through its "changed", while `filling`
 * keeps the controls from writing back what they are being shown.
 * Escape asks the owner to close the panel (#KontorFilterPanel::close).
 */
struct _KontorFilterPanel
{
  AdwBin                   parent_instance;

  KontorContext           *context;
  KontorFilter            *filter;
  KontorCompanyCompletion *completion;
  GPtrArray               *assignments;   /* choices of kontor_assignment_list() */
  guint                    filling;

  GtkFlowBox              *criteria_box;
  GtkCheckButton          *inbox_check;
  GtkCheckButton          *prospect_check;
  GtkCheckButton          *customer_check;
  GtkCheckButton          *archived_check;
  GtkSwitch               *leads_switch;
  GtkDropDown             *pipeline_dropdown;
  GtkDropDown             *sales_rep_dropdown;
  GtkDropDown             *assignment_dropdown;
  GtkEntry                *company_entry;
  GtkWidget               *group_box;
  GtkDropDown             *group_dropdown;
  GtkWidget               *lead_project_box;
  GtkDropDown             *lead_project_dropdown;
  GtkWidget               *lead_status_box;
  GtkDropDown             *lead_status_dropdown;
  char                    *lead_statuses_of;  /* the project whose statuses it offers */
  KontorDateButton        *created_from_button;
  KontorDateButton        *created_to_button;
  KontorDateButton        *activity_from_button;
  KontorDateButton        *activity_to_button;
  KontorDateButton        *due_from_button;
  KontorDateButton        *due_to_button;
  GtkDropDown             *birthday_dropdown;
};

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KontorFilterPanel, kontor_filter_panel, ADW_TYPE_BIN)

#define USER_PREFIX "user:"
#define TEAM_PREFIX "team:"
#define ALL_STATUSES (KONTOR_FILTER_CURRENT_STATUSES | \
                      KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED))

/* The controls that each hold one property of the filter */
static const struct {
  const char *property;
  gsize       offset;
} date_buttons[] = {
  { "created-from", G_STRUCT_OFFSET (KontorFilterPanel, created_from_button) },
  { "created-to", G_STRUCT_OFFSET (KontorFilterPanel, created_to_button) },
  { "activity-from", G_STRUCT_OFFSET (KontorFilterPanel, activity_from_button) },
  { "activity-to", G_STRUCT_OFFSET (KontorFilterPanel, activity_to_button) },
  { "due-from", G_STRUCT_OFFSET (KontorFilterPanel, due_from_button) },
  { "due-to", G_STRUCT_OFFSET (KontorFilterPanel, due_to_button) },
}, id_dropdowns[] = {
  { "pipeline-status-id", G_STRUCT_OFFSET (KontorFilterPanel, pipeline_dropdown) },
  { "sales-rep-id", G_STRUCT_OFFSET (KontorFilterPanel, sales_rep_dropdown) },
  { "group-id", G_STRUCT_OFFSET (KontorFilterPanel, group_dropdown) },
  { "lead-project-id", G_STRUCT_OFFSET (KontorFilterPanel, lead_project_dropdown) },
  { "lead-status-id", G_STRUCT_OFFSET (KontorFilterPanel, lead_status_dropdown) },
};

#define MEMBER(self, type, offset) G_STRUCT_MEMBER (type, self, offset)

/* ------------------------------------------------------------------------ */
/* "Assigned to": anyone, me, a colleague or a team */

/**
 * kontor_assignment_list:
 * @context: the context
 * @choices: (element-type utf8): filled with one choice per item:
 *   %NULL for anyone, "user:<id>" or "team:<id>"
 *
 * The choices of "assigned to", for the toolbar's quick filter and the
 * panel alike, so that the two always offer the same: anyone, me, the
 * colleagues by name, then the teams.
 *
 * Returns: (transfer full): their names, one per choice
 */
GtkStringList *
kontor_assignment_list (KontorContext *context,
                        GPtrArray     *choices)
{
  KontorStore *store = kontor_context_get_store (context);
  KontorUser *me = kontor_context_get_current_user (context);
  const char *my_id = me != NULL ? kontor_record_get_id (KONTOR_RECORD (me)) : NULL;
  g_autoptr(GPtrArray) users = kontor_store_list_users (store, NULL);
  g_autoptr(GPtrArray) teams = kontor_store_list_teams (store, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (choices, 0);
  /* Translators: the quick filter "assigned to": any colleague or none */
  gtk_string_list_append (names, C_("assigned to", "Anyone"));
  g_ptr_array_add (choices, NULL);
  if (my_id != NULL)
    {
      /* Translators: the quick filter "assigned to": the user working */
      gtk_string_list_append (names, C_("assigned to", "Me"));
      g_ptr_array_add (choices, g_strconcat (USER_PREFIX, my_id, NULL));
    }
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      KontorRecord *user = g_ptr_array_index (users, i);
      g_autofree char *name = kontor_record_dup_display_name (user);

      if (g_strcmp0 (kontor_record_get_id (user), my_id) == 0)
        continue;
      gtk_string_list_append (names, name);
      g_ptr_array_add (choices, g_strconcat (USER_PREFIX, kontor_record_get_id (user), NULL));
    }
  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      KontorRecord *team = g_ptr_array_index (teams, i);
      g_autofree char *name = kontor_record_dup_display_name (team);
      /* Translators: a team in the list "assigned to"; %s is its name */
      g_autofree char *label = g_strdup_printf (_("%s (Team)"), name);

      gtk_string_list_append (names, label);
      g_ptr_array_add (choices, g_strconcat (TEAM_PREFIX, kontor_record_get_id (team), NULL));
    }

  return names;
}

/**
 * kontor_assignment_find:
 * @choices: (element-type utf8): of kontor_assignment_list()
 * @filter: a filter
 *
 * Returns: the position of the choice @filter has made, or
 *   %GTK_INVALID_LIST_POSITION when it names someone not in @choices
 */
guint
kontor_assignment_find (GPtrArray    *choices,
                        KontorFilter *filter)
{
  g_autofree char *choice = NULL;
  const char *user_id = kontor_filter_get_assignee_id (filter);
  const char *team_id = kontor_filter_get_team_id (filter);

  if (user_id != NULL)
    choice = g_strconcat (USER_PREFIX, user_id, NULL);
  else if (team_id != NULL)
    choice = g_strconcat (TEAM_PREFIX, team_id, NULL);

  for (guint i = 0; i < choices->len; i++)
    if (g_strcmp0 (g_ptr_array_index (choices, i), choice) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/**
 * kontor_assignment_apply:
 * @choice: (nullable): a choice of kontor_assignment_list()
 * @filter: a filter
 *
 * Makes @filter show the contacts of @choice: assigned to the colleague,
 * to the team, or to anyone; in one "changed".
 */
void
kontor_assignment_apply (const char   *choice,
                         KontorFilter *filter)
{
  const char *user_id = NULL;
  const char *team_id = NULL;

  if (choice != NULL && g_str_has_prefix (choice, USER_PREFIX))
    user_id = choice + strlen (USER_PREFIX);
  else if (choice != NULL && g_str_has_prefix (choice, TEAM_PREFIX))
    team_id = choice + strlen (TEAM_PREFIX);

  g_object_freeze_notify (G_OBJECT (filter));
  kontor_filter_set_assignee_id (filter, user_id);
  kontor_filter_set_team_id (filter, team_id);
  g_object_thaw_notify (G_OBJECT (filter));
}

/* ------------------------------------------------------------------------ */
/* Filling the lists of choices */

static GPtrArray *
get_choices (GtkDropDown *dropdown)
{
  return g_object_get_data (G_OBJECT (dropdown), "kontor-choices");
}

/* Returns: (transfer full): names beginning with "Any", whose choice is %NULL */
static GtkStringList *
new_names (GPtrArray *choices)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  /* Translators: a list of choices of the filter panel: no criterion */
  gtk_string_list_append (names, C_("filter", "Any"));
  g_ptr_array_add (choices, NULL);

  return names;
}

static void
set_choices (KontorFilterPanel *self,
             GtkDropDown       *dropdown,
             GtkStringList     *names,
             GPtrArray         *choices)
{
  self->filling++;
  g_object_set_data_full (G_OBJECT (dropdown), "kontor-choices", g_ptr_array_ref (choices),
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  self->filling--;
}

/* @inactive: a pipeline status nobody uses any more, so marked */
static void
add_choice (GtkStringList *names,
            GPtrArray     *choices,
            KontorRecord  *record,
            gboolean       inactive)
{
  g_autofree char *name = kontor_record_dup_display_name (record);
  g_autofree char *label = NULL;

  if (inactive)
    /* Translators: a pipeline status nobody uses any more; %s is its name */
    label = g_strdup_printf (_("%s (inactive)"), name);
  gtk_string_list_append (names, label != NULL ? label : name);
  g_ptr_array_add (choices, g_strdup (kontor_record_get_id (record)));
}

static void
fill_pipeline_statuses (KontorFilterPanel *self)
{
  g_autoptr(GPtrArray) statuses =
    kontor_store_list_pipeline_statuses (kontor_context_get_store (self->context), NULL);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = new_names (choices);

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      KontorPipelineStatus *status = g_ptr_array_index (statuses, i);

      add_choice (names, choices, KONTOR_RECORD (status),
                  !kontor_pipeline_status_get_active (status));
    }

  set_choices (self, self->pipeline_dropdown, names, choices);
}

static void
fill_sales_reps (KontorFilterPanel *self)
{
  g_autoptr(GPtrArray) users = kontor_store_list_users (kontor_context_get_store (self->context),
                                                        NULL);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = new_names (choices);
  const char *chosen = kontor_filter_get_sales_rep_id (self->filter);

  /* those who may sell, and the one chosen whatever their role now */
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      KontorUser *user = g_ptr_array_index (users, i);

      if (kontor_user_role_can_sell (kontor_user_get_role (user)) ||
          g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (user)), chosen) == 0)
        add_choice (names, choices, KONTOR_RECORD (user), FALSE);
    }

  set_choices (self, self->sales_rep_dropdown, names, choices);
}

static void
fill_groups (KontorFilterPanel *self)
{
  g_autoptr(GPtrArray) groups = kontor_store_list_groups (kontor_context_get_store (self->context),
                                                          NULL);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = new_names (choices);

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    add_choice (names, choices, g_ptr_array_index (groups, i), FALSE);

  set_choices (self, self->group_dropdown, names, choices);
  /* without groups the drop-down would offer "Any" alone */
  gtk_widget_set_visible (gtk_widget_get_parent (self->group_box), choices->len > 1);
}

/* "Lead Project" ("Leadmanager"): every project, archived ones too */
static void
fill_lead_projects (KontorFilterPanel *self)
{
  g_autoptr(GPtrArray) projects =
    kontor_store_list_lead_projects (kontor_context_get_store (self->context), TRUE, NULL);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = new_names (choices);

  for (guint i = 0; projects != NULL && i < projects->len; i++)
    add_choice (names, choices, g_ptr_array_index (projects, i), FALSE);

  set_choices (self, self->lead_project_dropdown, names, choices);
  /* without projects neither list has anything to offer */
  gtk_widget_set_visible (gtk_widget_get_parent (self->lead_project_box), choices->len > 1);
}

/* "Lead Status" ("Status im Leadmanager"): the statuses of the project
 * chosen, in their order; shown only with a project chosen (hidden, not
 * insensitive: GTK 4.8's flow box stops Tab at a child that cannot take
 * the focus) */
static void
fill_lead_statuses (KontorFilterPanel *self)
{
  const char *project_id = kontor_filter_get_lead_project_id (self->filter);
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = new_names (choices);

  if (project_id != NULL)
    statuses = kontor_store_list_lead_statuses (kontor_context_get_store (self->context),
                                                project_id, NULL);
  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    add_choice (names, choices, g_ptr_array_index (statuses, i), FALSE);

  set_choices (self, self->lead_status_dropdown, names, choices);
  gtk_widget_set_visible (gtk_widget_get_parent (self->lead_status_box), project_id != NULL);
  g_free (self->lead_statuses_of);
  self->lead_statuses_of = g_strdup (project_id);
}

static void
fill_assignments (KontorFilterPanel *self)
{
  g_autoptr(GtkStringList) names = kontor_assignment_list (self->context, self->assignments);

  set_choices (self, self->assignment_dropdown, names, self->assignments);
}

static void
fill_months (KontorFilterPanel *self)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();
  g_autoptr(GtkStringList) names = new_names (choices);

  for (guint month = 1; month <= 12; month++)
    {
      g_autofree char *name = kontor_format_month (month);

      gtk_string_list_append (names, name);
    }

  set_choices (self, self->birthday_dropdown, names, choices);
}

/* ------------------------------------------------------------------------ */
/* The filter shown */

static GtkCheckButton *
get_status_check (KontorFilterPanel   *self,
                  KontorContactStatus  status)
{
  switch (status)
    {
    case KONTOR_CONTACT_STATUS_INBOX:
      return self->inbox_check;
    case KONTOR_CONTACT_STATUS_PROSPECT:
      return self->prospect_check;
    case KONTOR_CONTACT_STATUS_CUSTOMER:
      return self->customer_check;
    case KONTOR_CONTACT_STATUS_ARCHIVED:
      return self->archived_check;
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
show_statuses (KontorFilterPanel *self)
{
  guint statuses = kontor_filter_get_statuses (self->filter);
  guint n_checked = 0;

  /* no status criterion is every status */
  if ((statuses & ALL_STATUSES) == 0)
    statuses = ALL_STATUSES;

  for (KontorContactStatus status = KONTOR_CONTACT_STATUS_INBOX;
       status <= KONTOR_CONTACT_STATUS_ARCHIVED; status++)
    {
      gboolean checked = (statuses & KONTOR_STATUS_MASK (status)) != 0;

      gtk_check_button_set_active (get_status_check (self, status), checked);
      n_checked += checked;
    }

  /* the last status checked stays: none would show nothing at all */
  for (KontorContactStatus status = KONTOR_CONTACT_STATUS_INBOX;
       status <= KONTOR_CONTACT_STATUS_ARCHIVED; status++)
    {
      GtkCheckButton *check = get_status_check (self, status);

      gtk_widget_set_sensitive (GTK_WIDGET (check),
                                n_checked > 1 || !gtk_check_button_get_active (check));
    }
}

static void
select_choice (GtkDropDown *dropdown,
               const char  *id)
{
  GPtrArray *choices = get_choices (dropdown);
  guint selected = 0;

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    if (g_strcmp0 (g_ptr_array_index (choices, i), id) == 0)
      selected = i;

  gtk_drop_down_set_selected (dropdown, selected);
}

static void
show_company (KontorFilterPanel *self)
{
  const char *id = kontor_filter_get_company_id (self->filter);
  g_autoptr(KontorRecord) company = NULL;
  g_autofree char *name = NULL;

  /* what is typed but not chosen yet stays as long as no company is */
  if (g_strcmp0 (id, kontor_company_completion_get_company_id (self->completion)) == 0)
    return;

  if (id != NULL)
    company = kontor_store_load (kontor_context_get_store (self->context), KONTOR_TYPE_COMPANY,
                                 id, NULL);
  if (company != NULL)
    name = kontor_record_dup_display_name (company);
  kontor_company_completion_set_company (self->completion, id, name);
}

static void
show_filter (KontorFilterPanel *self)
{
  guint month = kontor_filter_get_birthday_month (self->filter);
  guint assignment;

  self->filling++;

  show_statuses (self);
  gtk_switch_set_active (self->leads_switch, kontor_filter_get_leads_only (self->filter));
  if (g_strcmp0 (self->lead_statuses_of, kontor_filter_get_lead_project_id (self->filter)) != 0)
    fill_lead_statuses (self);

  for (guint i = 0; i < G_N_ELEMENTS (id_dropdowns); i++)
    {
      g_autofree char *id = NULL;

      g_object_get (self->filter, id_dropdowns[i].property, &id, NULL);
      select_choice (MEMBER (self, GtkDropDown *, id_dropdowns[i].offset), id);
    }

  assignment = kontor_assignment_find (self->assignments, self->filter);
  gtk_drop_down_set_selected (self->assignment_dropdown,
                              assignment != GTK_INVALID_LIST_POSITION ? assignment : 0);

  show_company (self);

  for (guint i = 0; i < G_N_ELEMENTS (date_buttons); i++)
    {
      g_autofree char *date = NULL;

      g_object_get (self->filter, date_buttons[i].property, &date, NULL);
      kontor_date_button_set_date (MEMBER (self, KontorDateButton *, date_buttons[i].offset),
                                   date);
    }

  gtk_drop_down_set_selected (self->birthday_dropdown, month <= 12 ? month : 0);

  self->filling--;
}

/* ------------------------------------------------------------------------ */
/* The controls change the filter */

static void
on_status_check_toggled_cb (KontorFilterPanel *self,
                            GtkCheckButton    *check)
{
  guint statuses = 0;

  if (self->filling > 0)
    return;

  for (KontorContactStatus status = KONTOR_CONTACT_STATUS_INBOX;
       status <= KONTOR_CONTACT_STATUS_ARCHIVED; status++)
    if (gtk_check_button_get_active (get_status_check (self, status)))
      statuses |= KONTOR_STATUS_MASK (status);

  /* every status is no criterion, as the toolbar's "All Contacts" */
  if (statuses == ALL_STATUSES)
    statuses = 0;

  kontor_filter_set_statuses (self->filter, statuses);
  /* the filter may be as it was (all four, then "0"): shown again */
  show_filter (self);
}

static void
on_leads_switch_notify_active_cb (KontorFilterPanel *self,
                                  GParamSpec        *pspec,
                                  GtkSwitch         *toggle)
{
  if (self->filling == 0)
    kontor_filter_set_leads_only (self->filter, gtk_switch_get_active (toggle));
}

static void
on_id_dropdown_notify_selected_cb (GtkDropDown       *dropdown,
                                   GParamSpec        *pspec,
                                   KontorFilterPanel *self)
{
  GPtrArray *choices = get_choices (dropdown);
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *property = g_object_get_data (G_OBJECT (dropdown), "kontor-property");

  if (self->filling > 0 || choices == NULL || selected >= choices->len)
    return;

  /* another project: its own statuses, none chosen yet; in one "changed" */
  g_object_freeze_notify (G_OBJECT (self->filter));
  if (dropdown == self->lead_project_dropdown &&
      g_strcmp0 (kontor_filter_get_lead_project_id (self->filter),
                 g_ptr_array_index (choices, selected)) != 0)
    kontor_filter_set_lead_status_id (self->filter, NULL);
  g_object_set (self->filter, property, g_ptr_array_index (choices, selected), NULL);
  g_object_thaw_notify (G_OBJECT (self->filter));
}

static void
on_assignment_dropdown_notify_selected_cb (KontorFilterPanel *self,
                                           GParamSpec        *pspec,
                                           GtkDropDown       *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->filling > 0 || selected >= self->assignments->len)
    return;

  kontor_assignment_apply (g_ptr_array_index (self->assignments, selected), self->filter);
}

static void
on_birthday_dropdown_notify_selected_cb (KontorFilterPanel *self,
                                         GParamSpec        *pspec,
                                         GtkDropDown       *dropdown)
{
  guint month = gtk_drop_down_get_selected (dropdown);

  if (self->filling == 0 && month <= 12)
    kontor_filter_set_birthday_month (self->filter, month);
}

static void
on_date_button_notify_date_cb (KontorDateButton  *button,
                               GParamSpec        *pspec,
                               KontorFilterPanel *self)
{
  if (self->filling == 0)
    g_object_set (self->filter, g_object_get_data (G_OBJECT (button), "kontor-property"),
                  kontor_date_button_get_date (button), NULL);
}

/* After the completion's own handler: the company picked from its list,
 * or none while a name is typed */
static void
on_company_entry_changed_cb (KontorFilterPanel *self,
                             GtkEditable       *entry)
{
  if (self->filling == 0)
    kontor_filter_set_company_id (self->filter,
                                  kontor_company_completion_get_company_id (self->completion));
}

/* Enter on a name typed in full: the company of that name, if there is one */
static void
on_company_entry_activate_cb (KontorFilterPanel *self,
                              GtkEntry          *entry)
{
  g_autoptr(KontorCompany) company = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (kontor_company_completion_get_company_id (self->completion) != NULL || *text == '\0')
    return;

  company = kontor_store_find_company_by_name (kontor_context_get_store (self->context), text,
                                               &error);
  if (company != NULL)
    kontor_company_completion_set_company (self->completion,
                                           kontor_record_get_id (KONTOR_RECORD (company)),
                                           kontor_company_get_name (company));
  else if (error != NULL)
    g_warning ("Could not look up the company “%s”: %s", text, error->message);
}

static void
on_reset_button_clicked_cb (KontorFilterPanel *self,
                            GtkButton         *button)
{
  /* a name typed and not chosen goes too */
  self->filling++;
  kontor_company_completion_set_company (self->completion, NULL, NULL);
  self->filling--;

  kontor_filter_chips_reset_filter (self->filter);
}

static void
on_store_users_changed_cb (KontorFilterPanel *self)
{
  fill_sales_reps (self);
  fill_assignments (self);
  show_filter (self);
}

static void
on_store_teams_changed_cb (KontorFilterPanel *self)
{
  fill_assignments (self);
  show_filter (self);
}

static void
on_store_statuses_changed_cb (KontorFilterPanel *self)
{
  fill_pipeline_statuses (self);
  show_filter (self);
}

static void
on_store_groups_changed_cb (KontorFilterPanel *self)
{
  fill_groups (self);
  show_filter (self);
}

static void
on_store_lead_projects_changed_cb (KontorFilterPanel *self)
{
  fill_lead_projects (self);
  fill_lead_statuses (self);
  show_filter (self);
}

/* ------------------------------------------------------------------------ */
/* The criteria's holder in the scrolled window */

/* GTK 4.8's scrolled window asks its child for its height at no width in
 * particular: for the flow box, its criteria one under the other, always
 * more than the most the panel may take, though in a wide window three
 * lines take a third of that, and the panel had a gap under them. The
 * holder answers with the flow box's height at the width it was given
 * last, and asks again when that changes. */
#define KONTOR_TYPE_WRAP_HOLDER (kontor_wrap_holder_get_type ())

G_DECLARE_FINAL_TYPE (KontorWrapHolder, kontor_wrap_holder, KONTOR, WRAP_HOLDER, GtkWidget)

struct _KontorWrapHolder
{
  GtkWidget parent_instance;

  int       width;        /* at the last allocation */
  guint     resize_id;
};

G_DEFINE_FINAL_TYPE (KontorWrapHolder, kontor_wrap_holder, GTK_TYPE_WIDGET)

static void
kontor_wrap_holder_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  KontorWrapHolder *self = KONTOR_WRAP_HOLDER (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0 && self->width > 0)
    for_size = self->width;

  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static gboolean
resize_cb (gpointer user_data)
{
  KontorWrapHolder *self = user_data;

  self->resize_id = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
kontor_wrap_holder_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  KontorWrapHolder *self = KONTOR_WRAP_HOLDER (widget);

  /* not while the layout is being made: on the next frame */
  if (width != self->width && self->resize_id == 0)
    self->resize_id = g_idle_add (resize_cb, self);
  self->width = width;

  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static GtkSizeRequestMode
kontor_wrap_holder_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kontor_wrap_holder_dispose (GObject *object)
{
  KontorWrapHolder *self = KONTOR_WRAP_HOLDER (object);
  GtkWidget *child;

  g_clear_handle_id (&self->resize_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kontor_wrap_holder_parent_class)->dispose (object);
}

static void
kontor_wrap_holder_class_init (KontorWrapHolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_wrap_holder_dispose;
  widget_class->measure = kontor_wrap_holder_measure;
  widget_class->size_allocate = kontor_wrap_holder_size_allocate;
  widget_class->get_request_mode = kontor_wrap_holder_get_request_mode;
}

static void
kontor_wrap_holder_init (KontorWrapHolder *self)
{
}

/* Puts @child of @viewport into a holder there */
static void
hold_in_viewport (GtkViewport *viewport,
                  GtkWidget   *child)
{
  GtkWidget *holder = g_object_new (KONTOR_TYPE_WRAP_HOLDER, NULL);

  g_object_ref (child);
  gtk_viewport_set_child (viewport, NULL);
  gtk_widget_set_parent (child, holder);
  g_object_unref (child);
  gtk_viewport_set_child (viewport, holder);
}

/* ------------------------------------------------------------------------ */

static void
kontor_filter_panel_dispose (GObject *object)
{
  KontorFilterPanel *self = KONTOR_FILTER_PANEL (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  /* the completion's popover goes before its entry */
  if (self->completion != NULL)
    kontor_company_completion_detach (self->completion);
  g_clear_object (&self->completion);

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_FILTER_PANEL);

  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->lead_statuses_of, g_free);
  g_clear_object (&self->filter);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_filter_panel_parent_class)->dispose (object);
}

static void
kontor_filter_panel_class_init (KontorFilterPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_filter_panel_dispose;

  /**
   * KontorFilterPanel::close:
   * @self: the panel
   *
   * Escape in the panel: its owner hides it and takes the focus back.
   */
  signals[CLOSE] =
    g_signal_new ("close",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "close", NULL);

  g_type_ensure (KONTOR_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-filter-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, criteria_box);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, inbox_check);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, prospect_check);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, customer_check);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, archived_check);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, leads_switch);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, pipeline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, sales_rep_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, assignment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, company_entry);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, group_box);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, lead_project_box);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, lead_project_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, lead_status_box);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, lead_status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, created_from_button);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, created_to_button);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, activity_from_button);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, activity_to_button);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, due_from_button);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, due_to_button);
  gtk_widget_class_bind_template_child (widget_class, KontorFilterPanel, birthday_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_status_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leads_switch_notify_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_company_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_button_clicked_cb);
}

static void
kontor_filter_panel_init (KontorFilterPanel *self)
{
  /* nothing the template sets may reach a filter not there yet */
  self->filling = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->assignments = g_ptr_array_new_with_free_func (g_free);
}

/* The panel's parts after the context and the filter are known */
static void
setup (KontorFilterPanel *self)
{
  KontorStore *store = kontor_context_get_store (self->context);
  GtkDropDown *dropdowns[] = {
    self->pipeline_dropdown, self->sales_rep_dropdown, self->assignment_dropdown,
    self->group_dropdown, self->lead_project_dropdown, self->lead_status_dropdown,
    self->birthday_dropdown,
  };

  hold_in_viewport (GTK_VIEWPORT (gtk_widget_get_parent (GTK_WIDGET (self->criteria_box))),
                    GTK_WIDGET (self->criteria_box));

  /* Tab goes to the controls, not to the flow box's cells */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->criteria_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (date_buttons); i++)
    {
      GObject *button = MEMBER (self, GObject *, date_buttons[i].offset);

      g_object_set_data (button, "kontor-property", (gpointer) date_buttons[i].property);
      g_signal_connect_object (button, "notify::date", G_CALLBACK (on_date_button_notify_date_cb),
                               self, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (id_dropdowns); i++)
    {
      GObject *dropdown = MEMBER (self, GObject *, id_dropdowns[i].offset);

      g_object_set_data (dropdown, "kontor-property", (gpointer) id_dropdowns[i].property);
      g_signal_connect_object (dropdown, "notify::selected",
                               G_CALLBACK (on_id_dropdown_notify_selected_cb), self, 0);
    }
  g_signal_connect_object (self->assignment_dropdown, "notify::selected",
                           G_CALLBACK (on_assignment_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->birthday_dropdown, "notify::selected",
                           G_CALLBACK (on_birthday_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);

  self->completion = kontor_company_completion_new (store, GTK_WIDGET (self->company_entry));
  /* after the completion's own "changed", which forgets a company edited */
  g_signal_connect_object (self->company_entry, "changed",
                           G_CALLBACK (on_company_entry_changed_cb), self, G_CONNECT_SWAPPED);

  fill_pipeline_statuses (self);
  fill_sales_reps (self);
  fill_assignments (self);
  fill_groups (self);
  fill_lead_projects (self);
  fill_lead_statuses (self);
  fill_months (self);
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    kontor_accessible_label_drop_down (dropdowns[i]);

  g_signal_connect_object (store, "changed::app_user", G_CALLBACK (on_store_users_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::current-user", G_CALLBACK (on_store_teams_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::team", G_CALLBACK (on_store_teams_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::pipeline_status",
                           G_CALLBACK (on_store_statuses_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::contact_group",
                           G_CALLBACK (on_store_groups_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::lead_project",
                           G_CALLBACK (on_store_lead_projects_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::lead_status",
                           G_CALLBACK (on_store_lead_projects_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (show_filter), self,
                           G_CONNECT_SWAPPED);

  self->filling--;
  show_filter (self);
}

/**
 * kontor_filter_panel_new:
 * @context: the context
 * @filter: the filter to show and change
 *
 * Returns: (transfer floating): the panel
 */
GtkWidget *
kontor_filter_panel_new (KontorContext *context,
                         KontorFilter  *filter)
{
  KontorFilterPanel *self;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), NULL);

  self = g_object_new (KONTOR_TYPE_FILTER_PANEL, NULL);
  self->context = g_object_ref (context);
  self->filter = g_object_ref (filter);
  setup (self);

  return GTK_WIDGET (self);
}

/**
 * kontor_filter_panel_focus:
 * @self: the panel
 *
 * Gives the focus to the first criterion, when the panel was opened.
 */
void
kontor_filter_panel_focus (KontorFilterPanel *self)
{
  g_return_if_fail (KONTOR_IS_FILTER_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->inbox_check));
}
