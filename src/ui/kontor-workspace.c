/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-workspace"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-activities-view.h"
#include "kontor-sync-indicator.h"
#include "kontor-today-view.h"
#include "kontor-field-change.h"
#include "kontor-group-change.h"
#include "kontor-lead-project-page.h"
#include "kontor-lead-sidebar.h"
#include "kontor-record-rules.h"
#include "kontor-workspace.h"
#include "kontor-ui-utils.h"

/**
 * KontorWorkspace:
 *
 * The sales team's workspace (src/README.md "Workspace"): a sidebar of
 * sections (Contacts, Companies, Leads; later Today, Activities and the
 * lead projects) beside the section shown, in an #AdwLeaflet that folds
 * to one pane below 550 pixels (the section keeps 350, so that the
 * window fits 360). Ctrl+1, Ctrl+2 … choose a section, and
 * the settings remember the last one ("workspace-section"). Contacts and
 * Leads are the same contacts view, with and without the lead filter;
 * the companies table is made when first shown.
 *
 * Below the sections, the groups (features L3–L5, src/README.md
 * "Groups"): static and dynamic ones with how many contacts each has,
 * and a temporary group while there is one. Choosing one shows its
 * contacts in the contacts view; it is remembered like a section
 * ("group:" and its id).
 *
 * Below the groups, the lead projects (#KontorLeadSidebar, feature D2):
 * choosing one shows its #KontorLeadProjectPage, remembered as "lead:"
 * and its id.
 */
struct _KontorWorkspace
{
  AdwBin               parent_instance;

  KontorContext       *context;
  const char          *section;      /* one of sections[].id */
  GtkWidget           *companies_view;
  GtkWidget           *activities_view;
  GtkWidget           *today_view;
  GtkWidget           *contacts_view;
  GtkWidget           *lead_page;

  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  AdwHeaderBar        *sidebar_header;
  GtkListBox          *sections_list;
  GtkListBox          *groups_list;
  GtkWidget           *lead_sidebar_slot;
  KontorLeadSidebar   *lead_sidebar;
  GtkStack            *section_stack;

  char                *group_id;     /* the group shown, or TEMPORARY_GROUP */
  GStrv                temporary_ids; /* the temporary group's contacts */
  guint                reload_groups_id;
};

#define TEMPORARY_GROUP "temporary"
#define GROUP_SECTION_PREFIX "group:"
#define LEAD_SECTION_PREFIX "lead:"

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
  { "activities", N_("Activities"), "x-office-calendar-symbolic" },
  { "today", N_("Today"), "alarm-symbolic" },
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

static GtkWidget *
ensure_activities_view (KontorWorkspace *self)
{
  if (self->activities_view == NULL)
    {
      self->activities_view = kontor_activities_view_new (self->context);
      gtk_stack_add_named (self->section_stack, self->activities_view, "activities");
      bind_back_button (self, kontor_activities_view_get_back_button (
                                KONTOR_ACTIVITIES_VIEW (self->activities_view)));
    }

  return self->activities_view;
}

static GtkWidget *
ensure_today_view (KontorWorkspace *self)
{
  if (self->today_view == NULL)
    {
      self->today_view = kontor_today_view_new (self->context);
      gtk_stack_add_named (self->section_stack, self->today_view, "today");
      bind_back_button (self, kontor_today_view_get_back_button (KONTOR_TODAY_VIEW (self->today_view)));
    }

  return self->today_view;
}

static void
select_row (KontorWorkspace *self,
            guint            index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sections_list, index);

  if (gtk_list_box_get_selected_row (self->sections_list) != row)
    gtk_list_box_select_row (self->sections_list, row);
}

static void update_group_actions (KontorWorkspace *self);

/* Shows section @index; the contacts view follows "leads" by its filter */
static void
show_section (KontorWorkspace *self,
              guint            index)
{
  const char *id = sections[index].id;
  KontorContactsView *contacts = KONTOR_CONTACTS_VIEW (self->contacts_view);

  self->section = id;
  select_row (self, index);
  gtk_list_box_unselect_all (self->groups_list);
  if (self->lead_sidebar != NULL)
    kontor_lead_sidebar_select (self->lead_sidebar, NULL);
  /* the group the sidebar showed, not one chosen in the filter panel */
  if (self->group_id != NULL)
    {
      g_clear_pointer (&self->group_id, g_free);
      kontor_contacts_view_show_group (contacts, NULL, NULL, NULL);
    }
  update_group_actions (self);

  if (g_str_equal (id, "companies"))
    gtk_stack_set_visible_child (self->section_stack, ensure_companies_view (self));
  else if (g_str_equal (id, "activities"))
    gtk_stack_set_visible_child (self->section_stack, ensure_activities_view (self));
  else if (g_str_equal (id, "today"))
    gtk_stack_set_visible_child (self->section_stack, ensure_today_view (self));
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
  /* a group shows every type: it turned the lead filter off itself */
  if (!leads && self->group_id != NULL)
    return;
  id = leads ? "leads" : "contacts";
  if (g_strcmp0 (self->section, id) != 0)
    show_section (self, find_section (id));
}

/* Groups ------------------------------------------------------------------ */

static KontorStore *
get_store (KontorWorkspace *self)
{
  return kontor_context_get_store (self->context);
}

static KontorGroup *
load_group (KontorWorkspace *self,
            const char      *id)
{
  g_autoptr(GError) error = NULL;
  KontorGroup *group;

  if (id == NULL || g_str_equal (id, TEMPORARY_GROUP))
    return NULL;

  group = kontor_store_load (get_store (self), KONTOR_TYPE_GROUP, id, &error);
  if (group == NULL && !g_error_matches (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not load group %s: %s", id, error->message);

  return group;
}

static void
update_group_actions (KontorWorkspace *self)
{
  gboolean temporary = g_strcmp0 (self->group_id, TEMPORARY_GROUP) == 0;
  gboolean stored = self->group_id != NULL && !temporary;
  /* a viewer sees the groups and may hold a temporary one, nothing more */
  gboolean can_edit = kontor_context_can_edit (self->context);
  g_autoptr(KontorGroup) group = stored ? load_group (self, self->group_id) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.new-group", can_edit);
  /* a temporary group's contacts are no criterion a dynamic group keeps */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.save-dynamic-group",
                                 can_edit && !temporary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.edit-group", can_edit && stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.delete-group",
                                 can_edit && stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.group-new-from-selection",
                                 can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.group-add-selection", can_edit);
  /* only a static group has members to take out */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.group-remove-selection",
                                 can_edit && group != NULL && !kontor_group_get_is_dynamic (group));
}

/* Another current user may have another role */
static void
on_current_user_cb (KontorWorkspace *self,
                    GParamSpec      *pspec,
                    KontorStore     *store)
{
  update_group_actions (self);
}

/* How many contacts @filter selects, or -1 when the store could not say */
static gint64
count_of (KontorWorkspace *self,
          KontorFilter    *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kontor_store_count_contacts (get_store (self), filter, &error);

  if (n < 0)
    g_warning ("Could not count a group's contacts: %s", error->message);

  return n;
}

/* The name, the count and what a screen reader says of a group's row */
static void
set_group_row (GtkWidget  *row,
               const char *name,
               gboolean    dynamic,
               gint64      count)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *count_label = gtk_widget_get_next_sibling (label);
  g_autofree char *number = count >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count)
                                       : g_strdup ("–");
  g_autofree char *description = NULL;

  gtk_label_set_text (GTK_LABEL (label), name);
  gtk_label_set_text (GTK_LABEL (count_label), number);
  description = g_strdup_printf (dynamic
                                 /* Translators: a dynamic group in the sidebar: its
                                  * name and how many contacts its filter finds */
                                 ? g_dngettext (GETTEXT_PACKAGE, "%s, dynamic group, %s contact",
                                                "%s, dynamic group, %s contacts", count)
                                 /* Translators: a group in the sidebar: its name and
                                  * how many contacts it holds */
                                 : g_dngettext (GETTEXT_PACKAGE, "%s, %s contact",
                                                "%s, %s contacts", count),
                                 name, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
}

static GtkWidget *
new_group_row (const char *id,
               gboolean    dynamic)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *count_label = gtk_label_new (NULL);
  const char *icon;

  if (g_str_equal (id, TEMPORARY_GROUP))
    icon = "edit-select-all-symbolic";
  else if (dynamic)
    icon = "edit-find-symbolic";
  else
    icon = "folder-symbolic";
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), count_label);

  if (g_str_equal (id, TEMPORARY_GROUP))
    {
      GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

      gtk_widget_add_css_class (close, "flat");
      gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "workspace.close-temporary-group");
      gtk_widget_set_tooltip_text (close, _("Close Temporary Group"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (close),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Close Temporary Group"), -1);
      gtk_box_append (GTK_BOX (box), close);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "kontor-group-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "kontor-dynamic", GINT_TO_POINTER (dynamic));

  return row;
}

static const char *
row_group_id (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "kontor-group-id");
}

/* One row of the sidebar's groups as it should be */
typedef struct
{
  char     *id;
  char     *name;
  gboolean  dynamic;
  gint64    count;
} GroupEntry;

static void
group_entry_clear (gpointer data)
{
  GroupEntry *entry = data;

  g_free (entry->id);
  g_free (entry->name);
}

/* Makes the groups' rows what the store holds: in place when the same
 * groups are there in the same order (a count or a name changed), so that
 * the keyboard focus stays on its row; anew otherwise, the focus kept on
 * the same group. A shown group deleted meanwhile shows the contacts. */
static void
reload_groups (KontorWorkspace *self)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (GroupEntry));
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autofree char *focused_id = NULL;
  gboolean same = TRUE, shown_found = FALSE;
  GtkWidget *row;
  guint i;

  g_array_set_clear_func (entries, group_entry_clear);
  groups = kontor_store_list_groups (get_store (self), &error);
  if (groups == NULL)
    {
      g_warning ("Could not list the groups: %s", error->message);
      return;
    }

  for (i = 0; i < groups->len; i++)
    {
      KontorGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(KontorFilter) filter = kontor_filter_new ();
      GroupEntry entry = {
        g_strdup (kontor_record_get_id (KONTOR_RECORD (group))),
        g_strdup (kontor_group_get_name (group)),
        kontor_group_get_is_dynamic (group),
        0,
      };

      kontor_filter_set_group_id (filter, entry.id);
      entry.count = count_of (self, filter);
      g_array_append_val (entries, entry);
    }
  if (self->temporary_ids != NULL)
    {
      g_autoptr(KontorFilter) filter = kontor_filter_new ();
      GroupEntry entry = { g_strdup (TEMPORARY_GROUP), g_strdup (_("Temporary Group")), FALSE, 0 };

      kontor_filter_set_contact_ids (filter, (const char * const *) self->temporary_ids);
      entry.count = count_of (self, filter);
      g_array_append_val (entries, entry);
    }

  /* the same groups, the same order? */
  row = gtk_widget_get_first_child (GTK_WIDGET (self->groups_list));
  for (i = 0; i < entries->len && row != NULL; i++, row = gtk_widget_get_next_sibling (row))
    {
      GroupEntry *entry = &g_array_index (entries, GroupEntry, i);

      if (g_strcmp0 (row_group_id (row), entry->id) != 0 ||
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kontor-dynamic")) != entry->dynamic)
        same = FALSE;
    }
  same = same && i == entries->len && row == NULL;

  if (!same)
    {
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->groups_list)))
        {
          GtkWidget *focus_row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

          if (focus_row != NULL)
            focused_id = g_strdup (row_group_id (focus_row));
        }
      while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->groups_list))) != NULL)
        gtk_list_box_remove (self->groups_list, row);
      for (i = 0; i < entries->len; i++)
        {
          GroupEntry *entry = &g_array_index (entries, GroupEntry, i);

          gtk_list_box_append (self->groups_list, new_group_row (entry->id, entry->dynamic));
        }
    }

  row = gtk_widget_get_first_child (GTK_WIDGET (self->groups_list));
  for (i = 0; i < entries->len; i++, row = gtk_widget_get_next_sibling (row))
    {
      GroupEntry *entry = &g_array_index (entries, GroupEntry, i);

      set_group_row (row, entry->name, entry->dynamic, entry->count);
      if (g_strcmp0 (self->group_id, entry->id) == 0)
        {
          shown_found = TRUE;
          if (!gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)))
            gtk_list_box_select_row (self->groups_list, GTK_LIST_BOX_ROW (row));
        }
      if (focused_id != NULL && g_str_equal (focused_id, entry->id))
        gtk_widget_grab_focus (row);
    }

  if (self->group_id != NULL && !shown_found)
    show_section (self, find_section ("contacts"));
}

/* Selects the row of the group shown; a temporary group new to the
 * sidebar brings its row */
static void
select_group_row (KontorWorkspace *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->groups_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (row_group_id (row), self->group_id) == 0)
      {
        gtk_list_box_select_row (self->groups_list, GTK_LIST_BOX_ROW (row));
        return;
      }

  reload_groups (self);
}

static gboolean
reload_groups_idle_cb (gpointer data)
{
  KontorWorkspace *self = data;

  self->reload_groups_id = 0;
  reload_groups (self);

  return G_SOURCE_REMOVE;
}

/* Counts follow every change of contacts and groups, a quarter of a
 * second later: a burst of changes (board moves, a sync) is counted once,
 * and at a start the first frame comes before the counts (a dynamic
 * group's count reads its contacts) */
#define RELOAD_GROUPS_DELAY_MS 250

static void
on_store_changed_cb (KontorWorkspace *self,
                     const char      *entity)
{
  if (self->reload_groups_id == 0)
    self->reload_groups_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE,
                                                 RELOAD_GROUPS_DELAY_MS,
                                                 reload_groups_idle_cb, self, NULL);
}

/* The group chosen elsewhere (the filter panel, its chip): the sidebar
 * no longer shows a group of its own, and the contacts stay as filtered */
static void
on_contacts_group_cb (KontorWorkspace *self,
                      GParamSpec      *pspec,
                      KontorFilter    *filter)
{
  const char *group_id = kontor_filter_get_group_id (filter);
  gboolean temporary = g_strcmp0 (self->group_id, TEMPORARY_GROUP) == 0;

  if (self->group_id == NULL ||
      (temporary && kontor_filter_get_contact_ids (filter) != NULL && group_id == NULL) ||
      g_strcmp0 (group_id, self->group_id) == 0)
    return;

  g_clear_pointer (&self->group_id, g_free);
  self->section = "contacts";
  gtk_list_box_unselect_all (self->groups_list);
  select_row (self, find_section ("contacts"));
  update_group_actions (self);
  g_settings_set_string (kontor_context_get_settings (self->context), "workspace-section",
                         "contacts");
}

/* Shows the contacts of the group @id (or the temporary group); %FALSE
 * when it no longer exists */
static gboolean
show_group (KontorWorkspace *self,
            const char      *group_id)
{
  KontorContactsView *contacts = KONTOR_CONTACTS_VIEW (self->contacts_view);
  /* a copy: @group_id may be self->group_id, which is replaced below */
  g_autofree char *id = g_strdup (group_id);
  g_autoptr(KontorGroup) group = NULL;
  g_autofree char *section = NULL;

  if (g_str_equal (id, TEMPORARY_GROUP))
    {
      if (self->temporary_ids == NULL)
        return FALSE;
    }
  else
    {
      group = load_group (self, id);
      if (group == NULL)
        return FALSE;
    }

  /* first: the view's filter tells what it does (the lead filter off, the
   * group set) to on_contacts_leads_only_cb and on_contacts_group_cb */
  g_free (self->group_id);
  self->group_id = g_strdup (id);
  self->section = "group";
  if (group != NULL)
    kontor_contacts_view_show_group (contacts, id, NULL, kontor_group_get_name (group));
  else
    kontor_contacts_view_show_group (contacts, NULL,
                                     (const char * const *) self->temporary_ids,
                                     _("Temporary Group"));

  gtk_list_box_unselect_all (self->sections_list);
  if (self->lead_sidebar != NULL)
    kontor_lead_sidebar_select (self->lead_sidebar, NULL);
  select_group_row (self);
  gtk_stack_set_visible_child (self->section_stack, self->contacts_view);
  update_group_actions (self);

  /* a temporary group is gone after a restart */
  if (group != NULL)
    {
      section = g_strconcat (GROUP_SECTION_PREFIX, id, NULL);
      g_settings_set_string (kontor_context_get_settings (self->context), "workspace-section",
                             section);
    }

  return TRUE;
}

static void
on_groups_list_row_activated_cb (KontorWorkspace *self,
                                 GtkListBoxRow   *row,
                                 GtkListBox      *list)
{
  if (!show_group (self, g_object_get_data (G_OBJECT (row), "kontor-group-id")))
    return;
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->section_stack));
  kontor_workspace_focus_content (self);
}

/* A name for a group, asked in a dialog; @done gets it, stripped */
typedef void (*NameDone) (KontorWorkspace *self,
                          const char      *name,
                          gpointer         data);

typedef struct
{
  KontorWorkspace *self;
  GtkEditable     *entry;
  NameDone         done;
  gpointer         data;
  GDestroyNotify   destroy;
} NameRequest;

static void
name_request_free (NameRequest *request)
{
  if (request->destroy != NULL)
    request->destroy (request->data);
  g_object_unref (request->self);
  g_free (request);
}

/* What @editable holds, without white space around it */
static char *
dup_stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* "save" only with a name the model's rule for groups takes */
static void
on_name_changed_cb (AdwMessageDialog *dialog,
                    GtkEditable      *entry)
{
  g_autoptr(KontorGroup) group = kontor_group_new (gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "save",
                                           kontor_record_validate (KONTOR_RECORD (group), NULL,
                                                                   NULL));
}

static void
on_name_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     NameRequest      *request)
{
  g_autofree char *name = dup_stripped (request->entry);

  if (g_str_equal (response, "save") && *name != '\0')
    request->done (request->self, name, request->data);
}

static void
ask_name (KontorWorkspace *self,
          const char      *heading,
          const char      *body,
          const char      *initial,
          const char      *save_label,
          NameDone         done,
          gpointer         data,
          GDestroyNotify   destroy)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();
  NameRequest *request = g_new0 (NameRequest, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (GTK_WIDGET (self)),
                                                       heading, body));
  gtk_editable_set_text (GTK_EDITABLE (entry), initial != NULL ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Group Name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  kontor_ui_add_question_responses (dialog, "save", save_label,
                                    ADW_RESPONSE_SUGGESTED);

  request->self = g_object_ref (self);
  request->entry = GTK_EDITABLE (entry);
  request->done = done;
  request->data = data;
  request->destroy = destroy;
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_response_cb), request,
                         (GClosureNotify) (void (*) (void)) name_request_free, 0);
  on_name_changed_cb (dialog, GTK_EDITABLE (entry));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
save_new_group (KontorWorkspace *self,
                KontorGroup     *group)
{
  g_autoptr(GError) error = NULL;

  if (!kontor_store_save (get_store (self), KONTOR_RECORD (group), &error))
    {
      kontor_ui_show_error (GTK_WIDGET (self), _("The Group Could Not Be Saved"), error);
      return;
    }
  reload_groups (self);
  show_group (self, kontor_record_get_id (KONTOR_RECORD (group)));
}

static void
new_group_named (KontorWorkspace *self,
                 const char      *name,
                 gpointer         data)
{
  g_autoptr(KontorGroup) group = kontor_group_new (name);

  save_new_group (self, group);
}

static void
new_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_name (KONTOR_WORKSPACE (widget), _("New Group"),
            _("A static group holds the contacts you add to it."), NULL, _("C_reate"),
            new_group_named, NULL, NULL);
}

static void
dynamic_group_named (KontorWorkspace *self,
                     const char      *name,
                     gpointer         data)
{
  g_autoptr(KontorGroup) group = kontor_group_new_dynamic (name, data);

  save_new_group (self, group);
}

/* The filter of the contacts view as it is, search text included, as a
 * group whose members follow it (L3) */
static void
save_dynamic_group_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  KontorFilter *filter = kontor_contacts_view_get_filter (KONTOR_CONTACTS_VIEW (self->contacts_view));
  g_autofree char *text = kontor_filter_to_string (filter);

  ask_name (self, _("Save Filter as Dynamic Group"),
            _("Its contacts are always those the current filter finds, as the data changes."),
            NULL, _("_Save"), dynamic_group_named, g_steal_pointer (&text), g_free);
}

/* "Edit Group…": its name, number and the colleague responsible (L4) */

#define EDIT_NAME_KEY "kontor-name"
#define EDIT_NUMBER_KEY "kontor-number"
#define EDIT_RESPONSIBLE_KEY "kontor-responsible"
#define EDIT_USERS_KEY "kontor-users"

static void
on_edit_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KontorWorkspace  *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), EDIT_NAME_KEY);
  GtkEditable *number = g_object_get_data (G_OBJECT (dialog), EDIT_NUMBER_KEY);
  AdwComboRow *responsible = g_object_get_data (G_OBJECT (dialog), EDIT_RESPONSIBLE_KEY);
  GPtrArray *users = g_object_get_data (G_OBJECT (dialog), EDIT_USERS_KEY);
  g_autofree char *name_text = dup_stripped (name);
  g_autofree char *number_text = dup_stripped (number);
  g_autoptr(KontorGroup) group = NULL;
  g_autoptr(KontorFieldChange) change = NULL;
  guint chosen = adw_combo_row_get_selected (responsible);
  const char *assignees[] = { NULL, NULL };
  GValue value = G_VALUE_INIT;

  if (!g_str_equal (response, "save") || *name_text == '\0')
    return;
  group = load_group (self, self->group_id);
  if (group == NULL)
    return;

  /* the first item is "Nobody" */
  if (chosen > 0 && chosen <= users->len)
    assignees[0] = kontor_record_get_id (g_ptr_array_index (users, chosen - 1));

  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (group), _("Group changed"));
  kontor_field_change_set_string (change, KONTOR_GROUP_FIELD_NAME, name_text);
  kontor_field_change_set_string (change, KONTOR_GROUP_FIELD_NUMBER,
                                  *number_text != '\0' ? number_text : NULL);
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, assignees[0] != NULL ? assignees : NULL);
  kontor_field_change_set_value (change, KONTOR_GROUP_FIELD_ASSIGNEES, &value);
  g_value_unset (&value);
  if (kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change)))
    show_group (self, self->group_id);
}

static void
edit_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  g_autoptr(KontorGroup) group = load_group (self, self->group_id);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  const char * const *assignees;
  AdwMessageDialog *dialog;
  GtkWidget *list, *name, *number, *responsible;
  GPtrArray *users;
  guint selected = 0;

  if (group == NULL)
    return;
  users = kontor_store_list_users (get_store (self), &error);
  if (users == NULL)
    {
      kontor_ui_show_error (widget, _("The Group Could Not Be Saved"), error);
      return;
    }

  assignees = kontor_group_get_assignees (group);
  /* Translators: no colleague is responsible for the group */
  gtk_string_list_append (names, _("Nobody"));
  for (guint i = 0; i < users->len; i++)
    {
      KontorRecord *user = g_ptr_array_index (users, i);
      g_autofree char *user_name = kontor_record_dup_display_name (user);

      gtk_string_list_append (names, user_name);
      if (assignees != NULL && assignees[0] != NULL &&
          g_strcmp0 (assignees[0], kontor_record_get_id (user)) == 0)
        selected = i + 1;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (widget),
                                                       _("Edit Group"), NULL));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name = kontor_ui_append_entry_row (list, _("Name"), kontor_group_get_name (group));
  number = kontor_ui_append_entry_row (list, _("Group Number"), kontor_group_get_number (group));
  responsible = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (responsible), _("Responsible"));
  adw_combo_row_set_model (ADW_COMBO_ROW (responsible), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (responsible), selected);
  gtk_list_box_append (GTK_LIST_BOX (list), responsible);
  adw_message_dialog_set_extra_child (dialog, list);
  kontor_ui_add_question_responses (dialog, "save", _("_Save"),
                                    ADW_RESPONSE_SUGGESTED);

  g_object_set_data (G_OBJECT (dialog), EDIT_NAME_KEY, name);
  g_object_set_data (G_OBJECT (dialog), EDIT_NUMBER_KEY, number);
  g_object_set_data (G_OBJECT (dialog), EDIT_RESPONSIBLE_KEY, responsible);
  g_object_set_data_full (G_OBJECT (dialog), EDIT_USERS_KEY, users,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (name, "changed", G_CALLBACK (on_name_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       KontorWorkspace  *self)
{
  g_autoptr(KontorGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  group = load_group (self, g_object_get_data (G_OBJECT (dialog), "kontor-group-id"));
  if (group == NULL)
    return;
  if (!kontor_store_delete (get_store (self), KONTOR_RECORD (group), &error))
    {
      kontor_ui_show_error (GTK_WIDGET (self), _("The Group Could Not Be Deleted"), error);
      return;
    }
  show_section (self, find_section ("contacts"));
}

static void
delete_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  g_autoptr(KontorGroup) group = load_group (self, self->group_id);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (group == NULL)
    return;
  heading = g_strdup_printf (_("Delete Group “%s”?"), kontor_group_get_name (group));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (widget), heading,
                                                       _("Its contacts stay; only the group "
                                                         "goes, for the whole team.")));
  kontor_ui_add_question_responses (dialog, "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "kontor-group-id", g_strdup (self->group_id),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_temporary_group_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  gboolean shown = g_strcmp0 (self->group_id, TEMPORARY_GROUP) == 0;

  g_clear_pointer (&self->temporary_ids, g_strfreev);
  if (shown)
    show_section (self, find_section ("contacts"));
  reload_groups (self);
}

/* The selection's group actions (the contacts view's action bar, L6) */

/* The ids of the contacts selected, %NULL when there are none */
static GStrv
dup_selected (KontorWorkspace *self)
{
  GStrv ids = kontor_contacts_view_dup_selected_ids (KONTOR_CONTACTS_VIEW (self->contacts_view));

  if (ids != NULL && ids[0] == NULL)
    g_clear_pointer (&ids, g_strfreev);

  return ids;
}

/* Runs @change (its title says how many were changed, and where); says
 * how many were skipped */
static void
run_group_change (KontorWorkspace   *self,
                  KontorGroupChange *change,
                  gboolean           add)
{
  guint n_skipped;

  if (!kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change)))
    return;

  kontor_contacts_view_clear_selection (KONTOR_CONTACTS_VIEW (self->contacts_view));
  n_skipped = kontor_group_change_get_n_skipped (change);
  if (n_skipped > 0)
    {
      g_autofree char *skipped =
        g_strdup_printf (add
                         ? g_dngettext (GETTEXT_PACKAGE, "%u contact was in the group already",
                                        "%u contacts were in the group already", n_skipped)
                         : g_dngettext (GETTEXT_PACKAGE, "%u contact was not in the group",
                                        "%u contacts were not in the group", n_skipped),
                         n_skipped);

      kontor_ui_add_toast (GTK_WIDGET (self), skipped);
    }
}

static void
group_from_selection_named (KontorWorkspace *self,
                            const char      *name,
                            gpointer         data)
{
  GStrv ids = data;
  g_autoptr(KontorGroup) group = kontor_group_new (name);
  g_autoptr(KontorGroupChange) change =
    kontor_group_change_new_add (get_store (self), group, (const char * const *) ids);

  run_group_change (self, change, TRUE);
}

static void
group_new_from_selection_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  GStrv ids = dup_selected (self);

  if (ids == NULL)
    return;
  ask_name (self, _("New Group from Selection"), NULL, NULL, _("C_reate"),
            group_from_selection_named, ids, (GDestroyNotify) g_strfreev);
}

static void
on_add_to_group_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             KontorWorkspace  *self)
{
  GtkDropDown *choice = g_object_get_data (G_OBJECT (dialog), "kontor-choice");
  GPtrArray *groups = g_object_get_data (G_OBJECT (dialog), "kontor-groups");
  GStrv ids = g_object_get_data (G_OBJECT (dialog), "kontor-ids");
  guint selected = gtk_drop_down_get_selected (choice);
  KontorGroup *group;
  g_autoptr(KontorGroupChange) change = NULL;

  if (!g_str_equal (response, "add") || selected >= groups->len)
    return;
  group = g_ptr_array_index (groups, selected);
  change = kontor_group_change_new_add (get_store (self), group, (const char * const *) ids);
  run_group_change (self, change, TRUE);
}

/* Asks which static group, the one shown first */
static void
group_add_selection_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  g_autoptr(GPtrArray) all = kontor_store_list_groups (get_store (self), NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *groups = g_ptr_array_new_with_free_func (g_object_unref);
  GStrv ids = dup_selected (self);
  AdwMessageDialog *dialog;
  GtkWidget *choice;
  g_autofree char *heading = NULL;
  guint n_ids = ids != NULL ? g_strv_length (ids) : 0;

  /* the static groups, the one shown first */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; all != NULL && i < all->len; i++)
      {
        KontorGroup *group = g_ptr_array_index (all, i);
        gboolean shown = g_strcmp0 (self->group_id,
                                    kontor_record_get_id (KONTOR_RECORD (group))) == 0;

        if (kontor_group_get_is_dynamic (group) || shown != (pass == 0))
          continue;
        g_ptr_array_add (groups, g_object_ref (group));
        gtk_string_list_append (names, kontor_group_get_name (group));
      }

  if (n_ids == 0 || groups->len == 0)
    {
      if (n_ids > 0)
        kontor_ui_add_toast (widget, _("There is no static group yet: make one from the "
                                       "selection"));
      g_strfreev (ids);
      g_ptr_array_unref (groups);
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u Contact to a Group",
                                          "Add %u Contacts to a Group", n_ids), n_ids);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (widget), heading,
                                                       NULL));
  choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Group"), -1);
  adw_message_dialog_set_extra_child (dialog, choice);
  kontor_ui_add_question_responses (dialog, "add", _("_Add"),
                                    ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "kontor-choice", choice);
  g_object_set_data_full (G_OBJECT (dialog), "kontor-groups", groups,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "kontor-ids", ids, (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_to_group_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Takes the selection out of the static group shown */
static void
group_remove_selection_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  g_autoptr(KontorGroup) group = load_group (self, self->group_id);
  g_auto(GStrv) ids = dup_selected (self);
  g_autoptr(KontorGroupChange) change = NULL;

  if (group == NULL || kontor_group_get_is_dynamic (group) || ids == NULL)
    return;
  change = kontor_group_change_new_remove (get_store (self), group, (const char * const *) ids);
  run_group_change (self, change, FALSE);
}

/* The selection as a temporary group, shown: a few actions on just
 * these, without a group to clean up after */
static void
group_temporary_from_selection_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  KontorWorkspace *self = KONTOR_WORKSPACE (widget);
  GStrv ids = dup_selected (self);

  if (ids == NULL)
    return;
  g_strfreev (self->temporary_ids);
  self->temporary_ids = ids;
  kontor_contacts_view_clear_selection (KONTOR_CONTACTS_VIEW (self->contacts_view));
  show_group (self, TEMPORARY_GROUP);
}

/* Lead projects ----------------------------------------------------------- */

static void
on_lead_page_gone_cb (KontorWorkspace *self)
{
  if (gtk_stack_get_visible_child (self->section_stack) == self->lead_page)
    show_section (self, find_section ("contacts"));
}

static GtkWidget *
ensure_lead_page (KontorWorkspace *self)
{
  if (self->lead_page == NULL)
    {
      self->lead_page = kontor_lead_project_page_new (self->context);
      gtk_stack_add_named (self->section_stack, self->lead_page, "lead-project");
      bind_back_button (self, kontor_lead_project_page_get_back_button (
                                KONTOR_LEAD_PROJECT_PAGE (self->lead_page)));
      g_signal_connect_object (self->lead_page, "gone", G_CALLBACK (on_lead_page_gone_cb), self,
                               G_CONNECT_SWAPPED);
    }

  return self->lead_page;
}

/* Shows the lead project @project_id; %FALSE when it no longer exists */
static gboolean
show_lead_project (KontorWorkspace *self,
                   const char      *project_id)
{
  g_autofree char *section = NULL;
  g_autofree char *id = g_strdup (project_id);

  if (!kontor_lead_project_page_show_project (KONTOR_LEAD_PROJECT_PAGE (ensure_lead_page (self)),
                                              id))
    return FALSE;
  if (self->group_id != NULL)
    {
      g_clear_pointer (&self->group_id, g_free);
      kontor_contacts_view_show_group (KONTOR_CONTACTS_VIEW (self->contacts_view), NULL, NULL,
                                       NULL);
    }
  self->section = "lead-project";
  gtk_list_box_unselect_all (self->sections_list);
  gtk_list_box_unselect_all (self->groups_list);
  kontor_lead_sidebar_select (self->lead_sidebar, id);
  gtk_stack_set_visible_child (self->section_stack, self->lead_page);
  update_group_actions (self);
  section = g_strconcat (LEAD_SECTION_PREFIX, id, NULL);
  g_settings_set_string (kontor_context_get_settings (self->context), "workspace-section",
                         section);

  return TRUE;
}

static void
on_lead_project_activated_cb (KontorWorkspace *self,
                              const char      *project_id)
{
  if (!show_lead_project (self, project_id))
    return;
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->section_stack));
  kontor_workspace_focus_content (self);
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
  static const char * const counted[] = {
    "changed::contact", "changed::contact_group", "changed::contact_group_member",
    "changed::app_user", "changed::team",
  };
  g_autofree char *section = NULL;

  G_OBJECT_CLASS (kontor_workspace_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_list_box_append (self->sections_list, new_section_row (i));
  self->lead_sidebar = KONTOR_LEAD_SIDEBAR (kontor_lead_sidebar_new (self->context));
  gtk_box_append (GTK_BOX (self->lead_sidebar_slot), GTK_WIDGET (self->lead_sidebar));
  g_signal_connect_object (self->lead_sidebar, "project-activated",
                           G_CALLBACK (on_lead_project_activated_cb), self, G_CONNECT_SWAPPED);

  /* the team sync's state, when the app runs one */
  if (kontor_context_get_sync (self->context) != NULL)
    adw_header_bar_pack_end (self->sidebar_header, kontor_sync_indicator_new (self->context));

  self->contacts_view = kontor_contacts_view_new (self->context);
  gtk_stack_add_named (self->section_stack, self->contacts_view, "contacts");
  bind_back_button (self,
                    kontor_contacts_view_get_back_button (KONTOR_CONTACTS_VIEW (self->contacts_view)));
  g_signal_connect_object (self->contacts_view, "notify::leads-only",
                           G_CALLBACK (on_contacts_leads_only_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (kontor_contacts_view_get_filter (KONTOR_CONTACTS_VIEW (self->contacts_view)),
                           "notify::group-id", G_CALLBACK (on_contacts_group_cb), self,
                           G_CONNECT_SWAPPED);
  /* a dynamic group's count follows its contacts, a team's users too */
  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    g_signal_connect_object (get_store (self), counted[i], G_CALLBACK (on_store_changed_cb),
                             self, G_CONNECT_SWAPPED);
  on_store_changed_cb (self, NULL);
  g_signal_connect_object (get_store (self), "notify::current-user",
                           G_CALLBACK (on_current_user_cb), self, G_CONNECT_SWAPPED);

  /* the section of the last start, or its group while it exists */
  section = g_settings_get_string (kontor_context_get_settings (self->context),
                                   "workspace-section");
  if (g_str_has_prefix (section, LEAD_SECTION_PREFIX))
    {
      if (!show_lead_project (self, section + strlen (LEAD_SECTION_PREFIX)))
        show_section (self, find_section ("contacts"));
    }
  else if (!g_str_has_prefix (section, GROUP_SECTION_PREFIX) ||
           !show_group (self, section + strlen (GROUP_SECTION_PREFIX)))
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
  self->activities_view = NULL;
  self->today_view = NULL;
  self->lead_page = NULL;
  self->lead_sidebar = NULL;
  /* no idle is queued after this: the store outlives the workspace */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (get_store (self), self);
  g_clear_handle_id (&self->reload_groups_id, g_source_remove);
  g_clear_pointer (&self->group_id, g_free);
  g_clear_pointer (&self->temporary_ids, g_strfreev);
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
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, sections_list);
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, groups_list);
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, lead_sidebar_slot);
  gtk_widget_class_bind_template_child (widget_class, KontorWorkspace, section_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sections_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_groups_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify_folded_cb);

  gtk_widget_class_install_action (widget_class, "workspace.section", "s", section_action);
  gtk_widget_class_install_action (widget_class, "workspace.show-sidebar", NULL,
                                   show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "workspace.new-group", NULL, new_group_action);
  gtk_widget_class_install_action (widget_class, "workspace.save-dynamic-group", NULL,
                                   save_dynamic_group_action);
  gtk_widget_class_install_action (widget_class, "workspace.edit-group", NULL,
                                   edit_group_action);
  gtk_widget_class_install_action (widget_class, "workspace.delete-group", NULL,
                                   delete_group_action);
  gtk_widget_class_install_action (widget_class, "workspace.close-temporary-group", NULL,
                                   close_temporary_group_action);
  gtk_widget_class_install_action (widget_class, "workspace.group-new-from-selection", NULL,
                                   group_new_from_selection_action);
  gtk_widget_class_install_action (widget_class, "workspace.group-add-selection", NULL,
                                   group_add_selection_action);
  gtk_widget_class_install_action (widget_class, "workspace.group-remove-selection", NULL,
                                   group_remove_selection_action);
  gtk_widget_class_install_action (widget_class, "workspace.group-temporary-from-selection",
                                   NULL, group_temporary_from_selection_action);

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
  else if (self->activities_view != NULL &&
           gtk_stack_get_visible_child (self->section_stack) == self->activities_view)
    kontor_activities_view_focus_list (KONTOR_ACTIVITIES_VIEW (self->activities_view));
  else if (self->today_view != NULL &&
           gtk_stack_get_visible_child (self->section_stack) == self->today_view)
    kontor_today_view_focus_first (KONTOR_TODAY_VIEW (self->today_view));
  else if (self->lead_page != NULL &&
           gtk_stack_get_visible_child (self->section_stack) == self->lead_page)
    kontor_lead_project_page_focus_list (KONTOR_LEAD_PROJECT_PAGE (self->lead_page));
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

/**
 * kontor_workspace_get_groups_list:
 * @self: a workspace
 *
 * Returns: (transfer none): the sidebar's list of groups
 */
GtkWidget *
kontor_workspace_get_groups_list (KontorWorkspace *self)
{
  g_return_val_if_fail (KONTOR_IS_WORKSPACE (self), NULL);

  return GTK_WIDGET (self->groups_list);
}
