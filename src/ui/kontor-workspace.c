/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-workspace.h"
#include "kontor-ui-utils.h"

/**
 * KontorWorkspace:
 *
 * The sales team's workspace (src/README.md "Workspace"): a sidebar of
 * sections (Contacts, Companies, Leads; later Today, Activities and the
 * lead projects) beside the section shown, in an #AdwLeaflet that folds
 * to one pane below 600 pixels. Ctrl+1, Ctrl+2 … choose a section, and
 * the settings remember the last one ("workspace-section"). Contacts and
 * Leads are the same contacts view, with and without the lead filter;
 * the companies table is made when first shown.
 */
struct _KontorWorkspace
{
  AdwBin               parent_instance;

  KontorContext       *context;
  const char          *section;      /* one of sections[].id */
  GtkWidget           *companies_view;
  GtkWidget           *contacts_view;

  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkListBox          *sections_list;
  GtkStack            *section_stack;
};

G_DEFINE_FINAL_TYPE (KontorWorkspace, kontor_workspace, ADW_TYPE_BIN)

static const struct
{
  const char *id;
  const char *title;
  const char *icon;
} sections[] = {
  { "contacts", N_("Contacts"), "emoji-people-symbolic" },
  { "companies", N_("Companies"), "system-users-symbolic" },
  { "leads", N_("Leads"), "starred-symbolic" },
};

static guint
find_section (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].id, id) == 0)
      return i;

  return 0;
}

static void
bind_back_button (KontorWorkspace *self,
                  GtkWidget       *button)
{
  g_object_bind_property (self->leaflet, "folded", button, "visible", G_BINDING_SYNC_CREATE);
}

static GtkWidget *
ensure_companies_view (KontorWorkspace *self)
{
  if (self->companies_view == NULL)
    {
      self->companies_view = kontor_companies_view_new (self->context);
      gtk_stack_add_named (self->section_stack, self->companies_view, "companies");
      bind_back_button (self,
                        kontor_companies_view_get_back_button (KONTOR_COMPANIES_VIEW (self->companies_view)));
    }

  return self->companies_view;
}

static void
select_row (KontorWorkspace *self,
            guint            index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sections_list, index);

  if (gtk_list_box_get_selected_row (self->sections_list) != row)
    gtk_list_box_select_row (self->sections_list, row);
}

/* Shows section @index; the contacts view follows "leads" by its filter */
static void
show_section (KontorWorkspace *self,
              guint            index)
{
  const char *id = sections[index].id;
  KontorContactsView *contacts = KONTOR_CONTACTS_VIEW (self->contacts_view);

  self->section = id;
  select_row (self, index);

  if (g_str_equal (id, "companies"))
    gtk_stack_set_visible_child (self->section_stack, ensure_companies_view (self));
  else
    {
      kontor_contacts_view_set_leads_only (contacts, g_str_equal (id, "leads"));
      gtk_stack_set_visible_child (self->section_stack, self->contacts_view);
    }

  g_settings_set_string (kontor_context_get_settings (self->context), "workspace-section", id);
}

/* The lead toggle of the contacts view moves the sidebar between
 * Contacts and Leads */
static void
on_contacts_leads_only_cb (KontorWorkspace *self,
                           GParamSpec      *pspec,
                           GtkWidget       *contacts)
{
  gboolean leads;
  const char *id;

  if (gtk_stack_get_visible_child (self->section_stack) != contacts)
    return;

  g_object_get (contacts, "leads-only", &leads, NULL);
  id = leads ? "leads" : "contacts";
  if (g_strcmp0 (self->section, id) != 0)
    show_section (self, find_section (id));
}

static void
on_sections_list_row_activated_cb (KontorWorkspace *self,
                                   GtkListBoxRow   *row,
                                   GtkListBox      *list)
{
  show_section (self, gtk_list_box_row_get_index (row));
  /* folded, the section comes instead of the sidebar */
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->section_stack));
  kontor_workspace_focus_content (self);
}

static void
on_leaflet_notify_folded_cb (KontorWorkspace *self,
                             GParamSpec      *pspec,
                             AdwLeaflet      *leaflet)
{
  /* unfolded, the window's buttons are at the section's end only */
  adw_header_bar_set_show_end_title_buttons (
    ADW_HEADER_BAR (gtk_widget_get_first_child (self->sidebar)), adw_leaflet_get_folded (leaflet));
}

static void
section_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);

  show_section (self, find_section (g_variant_get_string (parameter, NULL)));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->section_stack));
  kontor_workspace_focus_content (self);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sections_list);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static GtkWidget *
new_section_row (guint index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(sections[index].title));
  /* Translators: a keyboard shortcut, %u is a number key */
  g_autofree char *shortcut = g_strdup_printf (_("Ctrl+%u"), index + 1);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (sections[index].icon));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, shortcut);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(sections[index].title),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, shortcut,
                                  -1);

  return row;
}

static void
kontor_workspace_constructed (GObject *object)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (object);
  g_autofree char *section = NULL;

  G_OBJECT_CLASS (kontor_workspace_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_list_box_append (self->sections_list, new_section_row (i));

  self->contacts_view = kontor_contacts_view_new (self->context);
  gtk_stack_add_named (self->section_stack, self->contacts_view, "contacts");
  bind_back_button (self,
                    kontor_contacts_view_get_back_button (KONTOR_CONTACTS_VIEW (self->contacts_view)));
  g_signal_connect_object (self->contacts_view, "notify::leads-only",
                           G_CALLBACK (on_contacts_leads_only_cb), self, G_CONNECT_SWAPPED);

  /* the section of the last start */
  section = g_settings_get_string (kontor_context_get_settings (self->context),
                                   "workspace-section");
  show_section (self, find_section (section));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->section_stack));
  on_leaflet_notify_folded_cb (self, NULL, self->leaflet);
}

static void
kontor_workspace_dispose (GObject *object)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (object);

  /* the leaflet is both the bin's child and a template child: the bin
   * lets go of it first, then the template forgets it */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_WORKSPACE);
  self->contacts_view = NULL;
  self->companies_view = NULL;
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_workspace_parent_class)->dispose (object);
}

static void
kontor_workspace_class_init (KontorWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_workspace_constructed;
  object_class->dispose = kontor_workspace_dispose;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorWorkspace, context));

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/kontor-workspace.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, sidebar);
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, sections_list);
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, section_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sections_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify_folded_cb);

  gtk_widget_class_install_action (widget_class, "workspace.section", "s", section_action);
  gtk_widget_class_install_action (widget_class, "workspace.show-sidebar", NULL,
                                   show_sidebar_action);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "workspace.section", "s", sections[i].id);
}

static void
kontor_workspace_init (KontorWorkspace *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kontor_workspace_new:
 * @context: the context
 *
 * Returns: (transfer full): the sidebar and its sections
 */
GtkWidget *
kontor_workspace_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_WORKSPACE, "context", context, NULL);
}

/**
 * kontor_workspace_get_section:
 * @self: a workspace
 *
 * Returns: the id of the section shown: "contacts", "companies" or "leads"
 */
const char *
kontor_workspace_get_section (KontorWorkspace *self)
{
  g_return_val_if_fail (KONTOR_IS_WORKSPACE (self), NULL);

  return self->section;
}

/**
 * kontor_workspace_show_section:
 * @self: a workspace
 * @section: "contacts", "companies" or "leads"
 *
 * Shows @section, as choosing it in the sidebar does.
 */
void
kontor_workspace_show_section (KontorWorkspace *self,
                               const char      *section)
{
  g_return_if_fail (KONTOR_IS_WORKSPACE (self));

  show_section (self, find_section (section));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->section_stack));
}

/**
 * kontor_workspace_get_contacts_view:
 * @self: a workspace
 *
 * Returns: (transfer none): the contacts (and leads) view
 */
KontorContactsView *
kontor_workspace_get_contacts_view (KontorWorkspace *self)
{
  g_return_val_if_fail (KONTOR_IS_WORKSPACE (self), NULL);

  return KONTOR_CONTACTS_VIEW (self->contacts_view);
}

/**
 * kontor_workspace_get_companies_view:
 * @self: a workspace
 *
 * Returns: (transfer none): the companies view, made now if it was not yet
 */
KontorCompaniesView *
kontor_workspace_get_companies_view (KontorWorkspace *self)
{
  g_return_val_if_fail (KONTOR_IS_WORKSPACE (self), NULL);

  return KONTOR_COMPANIES_VIEW (ensure_companies_view (self));
}

/**
 * kontor_workspace_focus_content:
 * @self: a workspace
 *
 * Gives the keyboard focus to the table (or board) of the section shown.
 */
void
kontor_workspace_focus_content (KontorWorkspace *self)
{
  g_return_if_fail (KONTOR_IS_WORKSPACE (self));

  if (gtk_stack_get_visible_child (self->section_stack) == self->companies_view)
    kontor_companies_view_focus_table (KONTOR_COMPANIES_VIEW (self->companies_view));
  else
    kontor_contacts_view_focus_table (KONTOR_CONTACTS_VIEW (self->contacts_view));
}

/**
 * kontor_workspace_get_sidebar:
 * @self: a workspace
 *
 * Returns: (transfer none): the sidebar's list of sections
 */
GtkWidget *
kontor_workspace_get_sidebar (KontorWorkspace *self)
{
  g_return_val_if_fail (KONTOR_IS_WORKSPACE (self), NULL);

  return GTK_WIDGET (self->sections_list);
}

/**
 * kontor_workspace_get_folded:
 * @self: a workspace
 *
 * Returns: whether the sidebar and the section are folded into one pane
 */
gboolean
kontor_workspace_get_folded (KontorWorkspace *self)
{
  g_return_val_if_fail (KONTOR_IS_WORKSPACE (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet);
}
