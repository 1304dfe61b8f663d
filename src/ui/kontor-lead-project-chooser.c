/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-project-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-lead-join.h"
#include "kontor-lead-project-chooser.h"
#include "kontor-store-lead.h"
#include "kontor-ui-utils.h"

/* "Add to Lead Project…" of the selection bar (feature D3, src/README.md
 * "Lead projects"): a question listing the projects that are not
 * archived, one row each (name, product), the first selected. Up and Down
 * choose, Enter on a row or "Add" adds the contacts to it: one
 * KontorLeadAdd through the operation stack, whose toast says how many
 * joined, how many were in already and why some could not. */

typedef struct
{
  GtkWidget     *widget;      /* the bar, for the toast and the stack */
  KontorContext *context;
  GStrv          contact_ids;
  GtkListBox    *list;
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  g_clear_weak_pointer (&chooser->widget);
  g_clear_object (&chooser->context);
  g_strfreev (chooser->contact_ids);
  g_free (chooser);
}

static void
add_to (Chooser    *chooser,
        const char *project_id)
{
  g_autoptr(KontorLeadAdd) add = NULL;

  if (chooser->widget == NULL || project_id == NULL)
    return;
  add = kontor_lead_add_new (kontor_context_get_store (chooser->context), project_id,
                             (const char * const *) chooser->contact_ids);
  kontor_ui_run_operation (chooser->widget, chooser->context, KONTOR_OPERATION (add));
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Chooser          *chooser)
{
  GtkListBoxRow *row;

  if (!g_str_equal (response, "add"))
    return;
  row = gtk_list_box_get_selected_row (chooser->list);
  if (row != NULL)
    add_to (chooser, g_object_get_data (G_OBJECT (row), "kontor-project-id"));
}

/* Enter on a row: that project, as "Add" */
static void
on_row_activated_cb (GtkListBox       *list,
                     GtkListBoxRow    *row,
                     AdwMessageDialog *dialog)
{
  gtk_list_box_select_row (list, row);
  adw_message_dialog_response (dialog, "add");
  gtk_window_close (GTK_WINDOW (dialog));
}

static GtkWidget *
new_row (KontorLeadProject *project)
{
  GtkWidget *row = adw_action_row_new ();
  const char *name = kontor_lead_project_get_name (project);
  const char *product = kontor_lead_project_get_product (project);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (product != NULL && product[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), product);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (row), "kontor-project-id",
                          g_strdup (kontor_record_get_id (KONTOR_RECORD (project))), g_free);

  return row;
}

/**
 * kontor_lead_project_chooser_present:
 * @widget: the widget asking (the selection bar)
 * @context: the context
 * @contact_ids: the contacts to add
 *
 * Asks which lead project @contact_ids join, and adds them to it. Without
 * a project that is not archived, a toast says so instead.
 *
 * Returns: (transfer none) (nullable): the question, presented; %NULL
 *   when there was nothing to ask
 */
AdwMessageDialog *
kontor_lead_project_chooser_present (GtkWidget          *widget,
                                     KontorContext      *context,
                                     const char * const *contact_ids)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  Chooser *chooser;
  guint n;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (contact_ids != NULL, NULL);

  n = g_strv_length ((char **) contact_ids);
  if (n == 0)
    return NULL;
  projects = kontor_store_list_lead_projects (kontor_context_get_store (context), FALSE, &error);
  if (projects == NULL)
    {
      kontor_ui_show_error (widget, _("The Lead Projects Could Not Be Read"), error);
      return NULL;
    }
  if (projects->len == 0)
    {
      kontor_ui_add_toast (widget, _("There is no lead project yet: make one in the Leadmanager"));
      return NULL;
    }

  /* Translators: the heading of a question; %u is a number of contacts */
  heading = g_strdup_printf (ngettext ("Add %u Contact to a Lead Project",
                                       "Add %u Contacts to a Lead Project", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (widget), heading,
                                                       _("They start in the project’s first "
                                                         "status. Inbox and Archived contacts "
                                                         "cannot join.")));

  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lead Projects"), -1);
  for (guint i = 0; i < projects->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), new_row (g_ptr_array_index (projects, i)));
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list),
                                                                               0));
  adw_message_dialog_set_extra_child (dialog, list);
  kontor_ui_add_question_responses (dialog, "add", _("_Add"), ADW_RESPONSE_SUGGESTED);

  chooser = g_new0 (Chooser, 1);
  g_set_weak_pointer (&chooser->widget, widget);
  chooser->context = g_object_ref (context);
  chooser->contact_ids = g_strdupv ((char **) contact_ids);
  chooser->list = GTK_LIST_BOX (list);
  g_object_set_data_full (G_OBJECT (dialog), "kontor-chooser", chooser,
                          (GDestroyNotify) chooser_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), chooser);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated_cb), dialog);

  gtk_window_present (GTK_WINDOW (dialog));
  /* the keys choose a project first */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (GTK_LIST_BOX (list))));

  return dialog;
}
