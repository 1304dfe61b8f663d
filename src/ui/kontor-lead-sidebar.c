/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-sidebar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-lead-project-dialog.h"
#include "kontor-lead-sidebar.h"
#include "kontor-store-lead.h"
#include "kontor-ui-utils.h"

/**
 * KontorLeadSidebar:
 *
 * The sidebar's "Leadmanager" section (feature D2, src/README.md
 * "Lead projects"): the lead projects by name, the archived ones in a
 * subsection of their own below, and "New Lead Project…". Choosing a
 * row emits #KontorLeadSidebar::project-activated; the workspace shows
 * the project's page.
 */
struct _KontorLeadSidebar
{
  GtkBox          parent_instance;

  KontorContext  *context;
  char           *selected_id;

  GtkListBox     *projects_list;
  GtkListBox     *archived_list;
  GtkWidget      *archived_heading;
};

enum
{
  PROJECT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KontorLeadSidebar, kontor_lead_sidebar, GTK_TYPE_BOX)

#define ROW_ID_KEY "kontor-lead-project-id"

static const char *
row_id (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), ROW_ID_KEY);
}

static GtkWidget *
new_project_row (KontorLeadProject *project)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (kontor_lead_project_get_name (project));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("view-list-bullet-symbolic"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kontor_lead_project_get_name (project), -1);
  g_object_set_data_full (G_OBJECT (row), ROW_ID_KEY,
                          g_strdup (kontor_record_get_id (KONTOR_RECORD (project))), g_free);

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, row);
}

static void
select_in (GtkListBox *list,
           const char *id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (id != NULL && g_strcmp0 (row_id (row), id) == 0)
      {
        gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
        return;
      }
  gtk_list_box_unselect_all (list);
}

/* A row of the focused project again after the rows were made anew */
static void
refocus (GtkListBox *list,
         const char *id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (row_id (row), id) == 0)
      gtk_widget_grab_focus (row);
}

static void
update_actions (KontorLeadSidebar *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leads.new-project",
                                 kontor_context_can_edit (self->context));
}

/* Makes the rows what the store holds; the names are few, so the rows
 * are made anew, and the row that had the focus gets it back */
static void
reload (KontorLeadSidebar *self)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *focused_id = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean any_archived = FALSE;

  projects = kontor_store_list_lead_projects (kontor_context_get_store (self->context), TRUE,
                                              &error);
  if (projects == NULL)
    {
      g_warning ("Could not list the lead projects: %s", error->message);
      return;
    }

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

      if (row != NULL)
        focused_id = g_strdup (row_id (row));
    }

  clear_list (self->projects_list);
  clear_list (self->archived_list);
  for (guint i = 0; i < projects->len; i++)
    {
      KontorLeadProject *project = g_ptr_array_index (projects, i);
      gboolean archived = kontor_lead_project_get_archived (project);

      gtk_list_box_append (archived ? self->archived_list : self->projects_list,
                           new_project_row (project));
      any_archived |= archived;
    }
  gtk_widget_set_visible (self->archived_heading, any_archived);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_list), any_archived);
  select_in (self->projects_list, self->selected_id);
  select_in (self->archived_list, self->selected_id);
  if (focused_id != NULL)
    {
      refocus (self->projects_list, focused_id);
      refocus (self->archived_list, focused_id);
    }
}

static void
on_store_changed_cb (KontorLeadSidebar *self)
{
  reload (self);
}

static void
on_current_user_cb (KontorLeadSidebar *self)
{
  update_actions (self);
}

static void
on_row_activated_cb (KontorLeadSidebar *self,
                     GtkListBoxRow     *row,
                     GtkListBox        *list)
{
  g_autofree char *id = g_strdup (row_id (GTK_WIDGET (row)));

  g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, id);
}

static void
on_project_created_cb (gpointer    data,
                       const char *project_id)
{
  KontorLeadSidebar *self = data;

  reload (self);
  g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, project_id);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KontorLeadSidebar *self = KONTOR_LEAD_SIDEBAR (widget);

  kontor_lead_project_dialog_present (widget, self->context, NULL, on_project_created_cb,
                                      g_object_ref (self), g_object_unref);
}

static void
kontor_lead_sidebar_constructed (GObject *object)
{
  KontorLeadSidebar *self = KONTOR_LEAD_SIDEBAR (object);
  KontorStore *store = kontor_context_get_store (self->context);

  G_OBJECT_CLASS (kontor_lead_sidebar_parent_class)->constructed (object);

  g_signal_connect_object (store, "changed::lead_project", G_CALLBACK (on_store_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::current-user", G_CALLBACK (on_current_user_cb),
                           self, G_CONNECT_SWAPPED);
  update_actions (self);
  reload (self);
}

static void
kontor_lead_sidebar_dispose (GObject *object)
{
  KontorLeadSidebar *self = KONTOR_LEAD_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_LEAD_SIDEBAR);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_lead_sidebar_parent_class)->dispose (object);
}

static void
kontor_lead_sidebar_finalize (GObject *object)
{
  KontorLeadSidebar *self = KONTOR_LEAD_SIDEBAR (object);

  g_free (self->selected_id);

  G_OBJECT_CLASS (kontor_lead_sidebar_parent_class)->finalize (object);
}

static void
kontor_lead_sidebar_class_init (KontorLeadSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_lead_sidebar_constructed;
  object_class->dispose = kontor_lead_sidebar_dispose;
  object_class->finalize = kontor_lead_sidebar_finalize;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorLeadSidebar, context));

  /**
   * KontorLeadSidebar::project-activated:
   * @self: the sidebar
   * @project_id: the project chosen, or the one just made
   */
  signals[PROJECT_ACTIVATED] =
    g_signal_new ("project-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/kontor-lead-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorLeadSidebar, projects_list);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadSidebar, archived_list);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadSidebar, archived_heading);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "leads.new-project", NULL, new_project_action);
}

static void
kontor_lead_sidebar_init (KontorLeadSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kontor_lead_sidebar_new:
 * @context: the context
 *
 * Returns: (transfer full): the sidebar's lead projects
 */
GtkWidget *
kontor_lead_sidebar_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_LEAD_SIDEBAR, "context", context, NULL);
}

/**
 * kontor_lead_sidebar_select:
 * @self: the sidebar
 * @project_id: (nullable): the project shown, %NULL when none is
 *
 * Selects the row of the project shown.
 */
void
kontor_lead_sidebar_select (KontorLeadSidebar *self,
                            const char        *project_id)
{
  g_return_if_fail (KONTOR_IS_LEAD_SIDEBAR (self));

  g_free (self->selected_id);
  self->selected_id = g_strdup (project_id);
  select_in (self->projects_list, project_id);
  select_in (self->archived_list, project_id);
}

/**
 * kontor_lead_sidebar_reload:
 * @self: the sidebar
 *
 * Makes the rows what the store holds now.
 */
void
kontor_lead_sidebar_reload (KontorLeadSidebar *self)
{
  g_return_if_fail (KONTOR_IS_LEAD_SIDEBAR (self));

  reload (self);
}
