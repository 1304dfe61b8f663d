/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-project-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-field-change.h"
#include "kontor-group.h"
#include "kontor-lead-project-dialog.h"
#include "kontor-lead-project-write.h"
#include "kontor-record-rules.h"
#include "kontor-ui-utils.h"

/* "New Lead Project…" and "Edit Lead Project…" (feature D2): the name,
 * the product or campaign, the users responsible, the linked group and
 * the currency. The model's rules (kontor_record_validate() of a project
 * made of the fields) judge the fields as they are typed; their message
 * is shown under them and "Save" waits for a project they take. A new
 * project is created with its system statuses as one undoable
 * KontorLeadProjectWrite, an edit is one KontorFieldChange. */

typedef struct
{
  KontorContext         *context;
  KontorLeadProject     *project;     /* the one edited, or NULL */
  AdwMessageDialog      *dialog;
  GtkEditable           *name;
  GtkEditable           *product;
  GtkEditable           *currency;
  AdwComboRow           *group;
  GtkLabel              *message;
  GPtrArray             *users;       /* KontorUser */
  GPtrArray             *user_checks; /* GtkCheckButton, one per user */
  GPtrArray             *groups;      /* KontorGroup; the row's item 0 is "None" */
  KontorLeadProjectDone  done;
  gpointer               data;
  GDestroyNotify         destroy;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  if (request->destroy != NULL)
    request->destroy (request->data);
  g_clear_object (&request->context);
  g_clear_object (&request->project);
  g_clear_pointer (&request->users, g_ptr_array_unref);
  g_clear_pointer (&request->user_checks, g_ptr_array_unref);
  g_clear_pointer (&request->groups, g_ptr_array_unref);
  g_free (request);
}

static char *
dup_stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* The users checked, %NULL for none */
static GStrv
dup_responsible (Request *request)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; i < request->users->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (request->user_checks, i)))
      {
        g_strv_builder_add (builder,
                            kontor_record_get_id (g_ptr_array_index (request->users, i)));
        n++;
      }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static const char *
chosen_group_id (Request *request)
{
  guint chosen = adw_combo_row_get_selected (request->group);

  /* the first item is "None" */
  if (chosen == 0 || chosen == GTK_INVALID_LIST_POSITION || chosen > request->groups->len)
    return NULL;

  return kontor_record_get_id (g_ptr_array_index (request->groups, chosen - 1));
}

/* A project of the fields as they are, for the model to judge */
static KontorLeadProject *
project_of_fields (Request *request)
{
  g_autofree char *name = dup_stripped (request->name);
  g_autofree char *product = dup_stripped (request->product);
  g_autofree char *currency = dup_stripped (request->currency);
  g_auto(GStrv) responsible = dup_responsible (request);
  KontorLeadProject *project = kontor_lead_project_new (name);

  kontor_lead_project_set_product (project, *product != '\0' ? product : NULL);
  kontor_lead_project_set_currency (project, currency);
  kontor_lead_project_set_responsible (project, (const char * const *) responsible);
  kontor_lead_project_set_group_id (project, chosen_group_id (request));

  return project;
}

static void
on_field_changed_cb (Request *request)
{
  g_autoptr(KontorLeadProject) project = project_of_fields (request);
  g_autoptr(GError) error = NULL;
  gboolean valid = kontor_record_validate (KONTOR_RECORD (project), NULL, &error);

  gtk_label_set_text (request->message, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (request->message), !valid);
  adw_message_dialog_set_response_enabled (request->dialog, "save", valid);
}

static void
save_new (Request *request)
{
  g_autoptr(KontorLeadProject) project = project_of_fields (request);
  g_autofree char *title = NULL;
  g_autoptr(KontorLeadProjectWrite) write = NULL;
  KontorLeadProject *saved;

  /* Translators: the undo toast after a lead project was made */
  title = g_strdup_printf (_("Lead project “%s” created"), kontor_lead_project_get_name (project));
  write = kontor_lead_project_write_new_create (kontor_context_get_store (request->context),
                                                project, title);
  if (!kontor_ui_run_operation (GTK_WIDGET (request->dialog), request->context,
                                KONTOR_OPERATION (write)))
    return;
  saved = kontor_lead_project_write_get_project (write);
  if (request->done != NULL)
    request->done (request->data, kontor_record_get_id (KONTOR_RECORD (saved)));
}

static void
save_edit (Request *request)
{
  g_autoptr(KontorLeadProject) fields = project_of_fields (request);
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *title = NULL;
  GValue value = G_VALUE_INIT;

  /* Translators: the undo toast after a lead project was edited */
  title = g_strdup_printf (_("Lead project “%s” changed"), kontor_lead_project_get_name (fields));
  change = kontor_field_change_new (kontor_context_get_store (request->context),
                                    KONTOR_RECORD (request->project), title);
  kontor_field_change_set_string (change, KONTOR_LEAD_PROJECT_FIELD_NAME,
                                  kontor_lead_project_get_name (fields));
  kontor_field_change_set_string (change, KONTOR_LEAD_PROJECT_FIELD_PRODUCT,
                                  kontor_lead_project_get_product (fields));
  kontor_field_change_set_string (change, KONTOR_LEAD_PROJECT_FIELD_CURRENCY,
                                  kontor_lead_project_get_currency (fields));
  kontor_field_change_set_string (change, KONTOR_LEAD_PROJECT_FIELD_GROUP_ID,
                                  kontor_lead_project_get_group_id (fields));
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, kontor_lead_project_get_responsible (fields));
  kontor_field_change_set_value (change, KONTOR_LEAD_PROJECT_FIELD_RESPONSIBLE, &value);
  g_value_unset (&value);
  if (kontor_field_change_is_empty (change))
    return;
  if (!kontor_ui_run_operation (GTK_WIDGET (request->dialog), request->context,
                                KONTOR_OPERATION (change)))
    return;
  if (request->done != NULL)
    request->done (request->data, kontor_record_get_id (KONTOR_RECORD (request->project)));
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Request          *request)
{
  if (!g_str_equal (response, "save"))
    return;
  if (request->project == NULL)
    save_new (request);
  else
    save_edit (request);
}

static gboolean
strv_has (const char * const *strv,
          const char         *id)
{
  return strv != NULL && g_strv_contains (strv, id);
}

/* One check row per user of the team, those responsible checked */
static GtkWidget *
new_responsible_row (Request            *request,
                     const char * const *responsible)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Responsible"));
  for (guint i = 0; i < request->users->len; i++)
    {
      KontorRecord *user = g_ptr_array_index (request->users, i);
      g_autofree char *name = kontor_record_dup_display_name (user);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean checked = strv_has (responsible, kontor_record_get_id (user));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), checked);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      g_ptr_array_add (request->user_checks, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_field_changed_cb), request);
    }
  if (request->users->len == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                   _("The team has no users yet"));

  return expander;
}

static GtkWidget *
new_group_row (Request    *request,
               const char *group_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;

  /* Translators: no group is linked to the lead project */
  gtk_string_list_append (names, C_("lead project group", "None"));
  for (guint i = 0; i < request->groups->len; i++)
    {
      KontorGroup *group = g_ptr_array_index (request->groups, i);

      gtk_string_list_append (names, kontor_group_get_name (group));
      if (g_strcmp0 (group_id, kontor_record_get_id (KONTOR_RECORD (group))) == 0)
        selected = i + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Linked Group"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);

  return row;
}

/**
 * kontor_lead_project_dialog_present:
 * @widget: a widget of the window the dialog belongs to
 * @context: the context
 * @project: (nullable): the project to edit, %NULL for a new one
 * @done: (nullable) (scope notified): called with the project's id once
 *   it was saved
 * @data: the data for @done
 * @destroy: (nullable): frees @data when the dialog goes
 *
 * Asks for a lead project's fields and saves them as one undoable
 * change; errors are shown on @widget's window.
 */
void
kontor_lead_project_dialog_present (GtkWidget             *widget,
                                    KontorContext         *context,
                                    KontorLeadProject     *project,
                                    KontorLeadProjectDone  done,
                                    gpointer               data,
                                    GDestroyNotify         destroy)
{
  KontorStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  Request *request;
  GtkWidget *box, *list, *name;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));
  g_return_if_fail (project == NULL || KONTOR_IS_LEAD_PROJECT (project));

  store = kontor_context_get_store (context);
  users = kontor_store_list_users (store, &error);
  if (users != NULL)
    groups = kontor_store_list_groups (store, &error);
  if (users == NULL || groups == NULL)
    {
      kontor_ui_show_error (widget, _("The Lead Project Could Not Be Saved"), error);
      if (destroy != NULL)
        destroy (data);
      return;
    }

  request = g_new0 (Request, 1);
  request->context = g_object_ref (context);
  request->project = project != NULL ? g_object_ref (project) : NULL;
  request->users = g_steal_pointer (&users);
  request->user_checks = g_ptr_array_new ();
  request->groups = g_steal_pointer (&groups);
  request->done = done;
  request->data = data;
  request->destroy = destroy;

  request->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    kontor_ui_get_window (widget),
    project == NULL ? _("New Lead Project") : _("Edit Lead Project"),
    project == NULL ? _("A lead project works contacts through for one product or campaign.")
                    : NULL));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lead Project"), -1);
  name = kontor_ui_append_entry_row (list, _("Name"), project != NULL ? kontor_lead_project_get_name (project)
                                                     : NULL);
  request->name = GTK_EDITABLE (name);
  request->product = GTK_EDITABLE (kontor_ui_append_entry_row (list, _("Product or Campaign"),
                                              project != NULL
                                              ? kontor_lead_project_get_product (project)
                                              : NULL));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       new_responsible_row (request, project != NULL
                                            ? kontor_lead_project_get_responsible (project)
                                            : NULL));
  request->group = ADW_COMBO_ROW (new_group_row (request, project != NULL
                                                 ? kontor_lead_project_get_group_id (project)
                                                 : NULL));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (request->group));
  request->currency = GTK_EDITABLE (kontor_ui_append_entry_row (list, _("Currency"),
                                               project != NULL
                                               ? kontor_lead_project_get_currency (project)
                                               : KONTOR_LEAD_DEFAULT_CURRENCY));
  gtk_box_append (GTK_BOX (box), list);
  request->message = kontor_ui_append_error_label (box);
  adw_message_dialog_set_extra_child (request->dialog, box);
  kontor_ui_add_question_responses (request->dialog, "save",
                                    project == NULL ? _("C_reate") : _("_Save"),
                                    ADW_RESPONSE_SUGGESTED);

  g_signal_connect_swapped (request->name, "changed", G_CALLBACK (on_field_changed_cb), request);
  g_signal_connect_swapped (request->product, "changed", G_CALLBACK (on_field_changed_cb),
                            request);
  g_signal_connect_swapped (request->currency, "changed", G_CALLBACK (on_field_changed_cb),
                            request);
  g_signal_connect_swapped (request->group, "notify::selected", G_CALLBACK (on_field_changed_cb),
                            request);
  g_object_set_data_full (G_OBJECT (request->dialog), "kontor-request", request, request_free);
  g_signal_connect (request->dialog, "response", G_CALLBACK (on_response_cb), request);
  on_field_changed_cb (request);
  gtk_window_present (GTK_WINDOW (request->dialog));
  gtk_widget_grab_focus (name);
}
