/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-sales-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-date-button.h"
#include "kontor-sales-section.h"
#include "kontor-user-chooser.h"

/**
 * KontorSalesSection:
 *
 * A contact's place in sales: pipeline status, customer number (the page's
 * `contact.generate-number` gives the next free one), sales reps, the
 * colleagues or the team it is assigned to, and the due date.
 */
struct _KontorSalesSection
{
  AdwPreferencesGroup  parent_instance;

  KontorContact       *record;
  GPtrArray           *pipeline_ids;     /* char *, one per pipeline_row item */
  GPtrArray           *team_ids;         /* char *, one per team_row item; NULL: no team */
  guint                loading;

  AdwComboRow         *pipeline_row;
  AdwEntryRow         *customer_number_row;
  AdwActionRow        *sales_reps_row;
  GtkMenuButton       *sales_reps_button;
  KontorUserChooser   *sales_reps_chooser;
  AdwActionRow        *assignees_row;
  GtkMenuButton       *assignees_button;
  KontorUserChooser   *assignees_chooser;
  AdwComboRow         *team_row;
  KontorDateButton    *due_date_button;
  GtkSpinButton       *keep_in_touch_spin;
};

static void kontor_sales_section_iface_init (KontorEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorSalesSection, kontor_sales_section,
                               ADW_TYPE_PREFERENCES_GROUP,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_EDITOR_SECTION,
                                                      kontor_sales_section_iface_init))

static gboolean
id_arrays_equal (GPtrArray *a,
                 GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
        return FALSE;
    }

  return TRUE;
}

static guint
find_id (GPtrArray  *ids,
         const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Gives @row the names as its model when @ids differ from @shown_ids. */
static void
set_combo_items (AdwComboRow  *row,
                 GPtrArray   **shown_ids,
                 GPtrArray   **ids,
                 GPtrArray    *names)
{
  g_autoptr(GtkStringList) model = NULL;

  if (id_arrays_equal (*ids, *shown_ids))
    return;

  model = gtk_string_list_new (NULL);
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (names, i));

  g_ptr_array_unref (*shown_ids);
  *shown_ids = g_steal_pointer (ids);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

static void
fill_teams (KontorSalesSection *self,
            KontorStore        *store,
            KontorContact      *view)
{
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *team_id = view != NULL ? kontor_contact_get_assigned_team_id (view) : NULL;
  guint selected;

  teams = kontor_store_list_teams (store, &error);
  if (teams == NULL)
    g_warning ("Could not list the teams: %s", error->message);

  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (names, g_strdup (_("No Team")));
  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      KontorTeam *team = g_ptr_array_index (teams, i);

      g_ptr_array_add (ids, g_strdup (kontor_record_get_id (KONTOR_RECORD (team))));
      g_ptr_array_add (names, g_strdup (kontor_team_get_name (team)));
    }
  set_combo_items (self->team_row, &self->team_ids, &ids, names);

  selected = find_id (self->team_ids, team_id);
  adw_combo_row_set_selected (self->team_row, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
}

static void
fill_pipeline (KontorSalesSection *self,
               KontorStore        *store,
               KontorContact      *view)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *current = view != NULL ? kontor_contact_get_pipeline_status_id (view) : NULL;

  statuses = kontor_store_list_pipeline_statuses (store, &error);
  if (statuses == NULL)
    g_warning ("Could not list the pipeline statuses: %s", error->message);

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      KontorPipelineStatus *status = g_ptr_array_index (statuses, i);
      const char *id = kontor_record_get_id (KONTOR_RECORD (status));

      /* Inactive statuses are not offered, but the contact's own stays. */
      if (!kontor_pipeline_status_get_active (status) && g_strcmp0 (id, current) != 0)
        continue;

      g_ptr_array_add (ids, g_strdup (id));
      g_ptr_array_add (names, kontor_record_dup_display_name (KONTOR_RECORD (status)));
    }

  if (current != NULL && find_id (ids, current) == GTK_INVALID_LIST_POSITION)
    {
      const char *name = kontor_contact_get_pipeline_status_name (view);

      g_ptr_array_add (ids, g_strdup (current));
      g_ptr_array_add (names, g_strdup (name != NULL ? name : current));
    }
  set_combo_items (self->pipeline_row, &self->pipeline_ids, &ids, names);

  adw_combo_row_set_selected (self->pipeline_row, find_id (self->pipeline_ids, current));
}

static void
update_user_rows (KontorSalesSection *self)
{
  g_autofree char *sales_reps = kontor_user_chooser_dup_names (self->sales_reps_chooser);
  g_autofree char *assignees = kontor_user_chooser_dup_names (self->assignees_chooser);
  guint team = adw_combo_row_get_selected (self->team_row);
  gpointer team_item = adw_combo_row_get_selected_item (self->team_row);

  adw_action_row_set_subtitle (self->sales_reps_row, sales_reps != NULL ? sales_reps : _("None"));
  /* Assignment: chosen colleagues, else a team, else everyone */
  if (assignees != NULL)
    adw_action_row_set_subtitle (self->assignees_row, assignees);
  else if (team > 0 && GTK_IS_STRING_OBJECT (team_item))
    adw_action_row_set_subtitle (self->assignees_row,
                                 gtk_string_object_get_string (GTK_STRING_OBJECT (team_item)));
  else
    adw_action_row_set_subtitle (self->assignees_row, _("Everyone"));
}

static void
on_field_changed_cb (KontorSalesSection *self)
{
  if (self->loading > 0)
    return;

  update_user_rows (self);
  kontor_editor_section_emit_edited (KONTOR_EDITOR_SECTION (self));
}

static void
on_user_toggled_cb (KontorSalesSection *self,
                    const char         *user_id,
                    KontorUserChooser  *chooser)
{
  on_field_changed_cb (self);
}

static void
kontor_sales_section_set_record (KontorEditorSection *section,
                                 KontorContext       *context,
                                 KontorRecord        *record)
{
  KontorSalesSection *self = KONTOR_SALES_SECTION (section);
  KontorContact *view = KONTOR_IS_CONTACT (record) ? KONTOR_CONTACT (record) : NULL;
  KontorStore *store = kontor_context_get_store (context);
  gboolean editable = kontor_editor_section_can_edit (context, record);
  gboolean restricted = view != NULL &&
                        kontor_contact_status_is_restricted (kontor_contact_get_status (view));
  GtkWidget *controls[] = {
    GTK_WIDGET (self->team_row), GTK_WIDGET (self->due_date_button),
    GTK_WIDGET (self->sales_reps_button), GTK_WIDGET (self->assignees_button),
    GTK_WIDGET (self->keep_in_touch_spin),
  };

  self->loading++;
  kontor_editor_section_show_field (self->customer_number_row, record, "customer_number");
  gtk_editable_set_editable (GTK_EDITABLE (self->customer_number_row), editable);
  fill_pipeline (self, store, view);
  fill_teams (self, store, view);

  kontor_user_chooser_set_context (self->sales_reps_chooser, context);
  kontor_user_chooser_set_context (self->assignees_chooser, context);
  kontor_user_chooser_set_selected (self->sales_reps_chooser,
                                    view != NULL ? kontor_contact_get_sales_reps (view) : NULL);
  kontor_user_chooser_set_selected (self->assignees_chooser,
                                    view != NULL ? kontor_contact_get_assignees (view) : NULL);
  kontor_user_chooser_reload (self->sales_reps_chooser);
  kontor_user_chooser_reload (self->assignees_chooser);

  kontor_date_button_set_date (self->due_date_button,
                               view != NULL ? kontor_contact_get_due_date (view) : NULL);
  /* feature R2: days without activity until a reminder, 0 for none */
  gtk_spin_button_set_value (self->keep_in_touch_spin,
                             view != NULL ? (double) kontor_contact_get_keep_in_touch_days (view)
                                          : 0);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_sensitive (controls[i], editable);

  /* The store refuses a new pipeline status for restricted contacts. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->pipeline_row), editable && !restricted);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->pipeline_row),
                               restricted
                               ? _("Make the contact active to change its pipeline status.")
                               : NULL);
  self->loading--;

  update_user_rows (self);
  g_set_object (&self->record, view);
}

static void
kontor_sales_section_apply (KontorEditorSection *section,
                            KontorRecord        *record)
{
  KontorSalesSection *self = KONTOR_SALES_SECTION (section);
  KontorContact *edited = KONTOR_CONTACT (record);
  guint selected;

  g_return_if_fail (KONTOR_IS_CONTACT (record));

  kontor_editor_section_apply_field (self->customer_number_row, record, "customer_number");
  kontor_contact_set_due_date (edited, kontor_date_button_get_date (self->due_date_button));
  kontor_contact_set_keep_in_touch_days (edited,
                                         gtk_spin_button_get_value_as_int (self->keep_in_touch_spin));

  selected = adw_combo_row_get_selected (self->pipeline_row);
  if (selected < self->pipeline_ids->len &&
      g_strcmp0 (g_ptr_array_index (self->pipeline_ids, selected),
                 kontor_contact_get_pipeline_status_id (edited)) != 0)
    {
      kontor_contact_set_pipeline_status_id (edited,
                                             g_ptr_array_index (self->pipeline_ids, selected));
      /* no place in the new column yet: the store puts the card last */
      kontor_contact_set_rank (edited, NULL);
    }

  selected = adw_combo_row_get_selected (self->team_row);
  if (selected < self->team_ids->len)
    kontor_contact_set_assigned_team_id (edited, g_ptr_array_index (self->team_ids, selected));

  kontor_contact_set_sales_reps (edited,
                                 kontor_user_chooser_get_selected (self->sales_reps_chooser));
  kontor_contact_set_assignees (edited,
                                kontor_user_chooser_get_selected (self->assignees_chooser));
}

static gboolean
kontor_sales_section_changed (KontorEditorSection *section)
{
  KontorSalesSection *self = KONTOR_SALES_SECTION (section);

  return kontor_editor_section_diff_shown (section, KONTOR_RECORD (self->record));
}

static void
kontor_sales_section_iface_init (KontorEditorSectionInterface *iface)
{
  iface->set_record = kontor_sales_section_set_record;
  iface->changed = kontor_sales_section_changed;
  iface->apply = kontor_sales_section_apply;
}

static void
kontor_sales_section_dispose (GObject *object)
{
  KontorSalesSection *self = KONTOR_SALES_SECTION (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (kontor_sales_section_parent_class)->dispose (object);
}

static void
kontor_sales_section_finalize (GObject *object)
{
  KontorSalesSection *self = KONTOR_SALES_SECTION (object);

  g_ptr_array_unref (self->pipeline_ids);
  g_ptr_array_unref (self->team_ids);

  G_OBJECT_CLASS (kontor_sales_section_parent_class)->finalize (object);
}

static void
kontor_sales_section_class_init (KontorSalesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_sales_section_dispose;
  object_class->finalize = kontor_sales_section_finalize;

  g_type_ensure (KONTOR_TYPE_DATE_BUTTON);
  g_type_ensure (KONTOR_TYPE_USER_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-sales-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, customer_number_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, sales_reps_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, sales_reps_button);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, sales_reps_chooser);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, assignees_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, assignees_button);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, assignees_chooser);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, team_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, due_date_button);
  gtk_widget_class_bind_template_child (widget_class, KontorSalesSection, keep_in_touch_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_toggled_cb);
}

static void
kontor_sales_section_init (KontorSalesSection *self)
{
  self->pipeline_ids = g_ptr_array_new_with_free_func (g_free);
  self->team_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The row points at its button (activatable-widget), and GTK 4.8 reads
   * the row's title after the button's own name: "Choose Sales Reps Sales
   * Reps". The button's name says it all. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->sales_reps_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  kontor_user_chooser_set_filter (self->sales_reps_chooser, kontor_user_role_can_sell);
}
