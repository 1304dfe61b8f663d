/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-selection-bar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-bulk-change.h"
#include "kontor-delete-dialog.h"
#include "kontor-lead-project-chooser.h"
#include "kontor-selection-bar.h"
#include "kontor-ui-utils.h"

/**
 * KontorSelectionBar:
 *
 * The bar at the bottom of the contacts table while contacts are selected
 * (feature L6, src/README.md): how many, and what to do with them: a new
 * group of them, add them to a group, take them out of the group shown or
 * hold them as a temporary group (actions of the workspace, which has the
 * groups' sidebar), assign them to a colleague or a team, move them to a pipeline status, add
 * them to a lead project (kontor-lead-project-chooser.c asks which), archive, delete, export (the
 * window's export dialog), and clear the selection.
 *
 * Every change is one #KontorBulkChange, one transaction, run through the
 * operation stack: the window's toast names it with the count and undoes
 * it (Ctrl+Z too). Delete asks first with the count and is not undoable,
 * like a single delete.
 *
 * The buttons are icons with tooltips, so that the bar fits a window 400
 * pixels wide (the label gives way first).
 */
struct _KontorSelectionBar
{
  AdwBin                 parent_instance;

  KontorContext         *context;
  KontorRecordSelection *selection;
  gboolean               available;   /* the table is shown, not the board */

  GtkRevealer           *revealer;
  GtkLabel              *label;
  GtkWidget             *assign_button;
  GtkWidget             *move_button;
};

G_DEFINE_FINAL_TYPE (KontorSelectionBar, kontor_selection_bar, ADW_TYPE_BIN)

static KontorStore *
get_store (KontorSelectionBar *self)
{
  return kontor_context_get_store (self->context);
}

static guint
get_n_selected (KontorSelectionBar *self)
{
  return kontor_record_selection_get_n_selected (self->selection);
}

static void
update (KontorSelectionBar *self)
{
  guint n = get_n_selected (self);
  gboolean can_edit = kontor_context_can_edit (self->context);
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->revealer, self->available && n > 0);
  if (n == 0)
    return;

  /* Translators: the action bar under the contacts table */
  text = g_strdup_printf (ngettext ("%u contact selected", "%u contacts selected", n), n);
  gtk_label_set_label (self->label, text);
  /* in full where a narrow window cuts it short */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), text);

  /* a viewer sees what is selected and may clear it, nothing more */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selection.archive", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selection.delete", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selection.assign-user", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selection.assign-team", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selection.move", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selection.add-to-lead-project", can_edit);
  gtk_widget_set_sensitive (self->assign_button, can_edit);
  gtk_widget_set_sensitive (self->move_button, can_edit);
}

/**
 * kontor_selection_bar_dup_ids:
 * @self: a bar
 *
 * Returns: (transfer full): the ids of the selected contacts shown, in the
 *   table's order, %NULL-terminated (empty when none, or on an error,
 *   which is logged)
 */
char **
kontor_selection_bar_dup_ids (KontorSelectionBar *self)
{
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;
  char **ids;

  g_return_val_if_fail (KONTOR_IS_SELECTION_BAR (self), NULL);

  rowids = kontor_record_selection_dup_rowids (self->selection);
  ids = kontor_store_dup_ids (get_store (self), KONTOR_TYPE_CONTACT, rowids, &error);
  if (ids == NULL)
    {
      g_warning ("Could not read the selected contacts: %s", error->message);
      ids = g_new0 (char *, 1);
    }

  return ids;
}

/* One undoable change of all selected contacts; @title has the count */
static void
run_bulk (KontorSelectionBar *self,
          KontorBulkKind      kind,
          const char         *value,
          const char         *title)
{
  g_auto(GStrv) ids = kontor_selection_bar_dup_ids (self);
  g_autoptr(KontorBulkChange) change = NULL;

  if (ids[0] == NULL)
    return;

  change = kontor_bulk_change_new (get_store (self), kind, (const char * const *) ids, value,
                                   title);
  kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change));
}

static char *
dup_name (KontorSelectionBar *self,
          GType               type,
          const char         *id)
{
  g_autoptr(KontorRecord) record = kontor_store_load (get_store (self), type, id, NULL);

  return record != NULL ? kontor_record_dup_display_name (record) : g_strdup ("?");
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (widget);
  guint n = get_n_selected (self);
  g_autofree char *title = NULL;

  /* Translators: a toast with "Undo" */
  title = g_strdup_printf (ngettext ("%u contact archived", "%u contacts archived", n), n);
  run_bulk (self, KONTOR_BULK_ARCHIVE, NULL, title);
}

/* selection.move (a pipeline status id) */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (widget);
  const char *status_id = g_variant_get_string (parameter, NULL);
  guint n = get_n_selected (self);
  g_autofree char *name = dup_name (self, KONTOR_TYPE_PIPELINE_STATUS, status_id);
  g_autofree char *title = NULL;

  /* Translators: a toast with "Undo"; %u is a number, %s a pipeline status */
  title = g_strdup_printf (ngettext ("%u contact moved to “%s”", "%u contacts moved to “%s”", n),
                           n, name);
  run_bulk (self, KONTOR_BULK_SET_PIPELINE_STATUS, status_id, title);
}

/* selection.assign-user (a user id) and selection.assign-team (a team id) */
static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (widget);
  gboolean team = g_str_equal (action_name, "selection.assign-team");
  const char *id = g_variant_get_string (parameter, NULL);
  guint n = get_n_selected (self);
  g_autofree char *name = dup_name (self, team ? KONTOR_TYPE_TEAM : KONTOR_TYPE_USER, id);
  g_autofree char *title = NULL;

  /* Translators: a toast with "Undo"; %u is a number, %s a colleague's or
   * a team's name */
  title = g_strdup_printf (ngettext ("%u contact assigned to %s", "%u contacts assigned to %s",
                                     n),
                           n, name);
  run_bulk (self, team ? KONTOR_BULK_SET_TEAM : KONTOR_BULK_ADD_ASSIGNEE, id, title);
}

/* selection.add-to-lead-project: asks which project */
static void
add_to_lead_project_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (widget);
  g_auto(GStrv) ids = kontor_selection_bar_dup_ids (self);

  kontor_lead_project_chooser_present (widget, self->context, (const char * const *) ids);
}

static void
on_delete_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       KontorSelectionBar *self)
{
  char **ids = g_object_get_data (G_OBJECT (dialog), "kontor-ids");
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, KONTOR_DELETE_RESPONSE))
    return;

  /* the store deletes by id and type */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      KontorContact *contact = kontor_contact_new ();

      kontor_record_set_id (KONTOR_RECORD (contact), ids[i]);
      g_ptr_array_add (records, contact);
    }

  if (!kontor_store_delete_all (get_store (self), records, &error))
    {
      kontor_ui_show_error (GTK_WIDGET (self), _("The Contacts Could Not Be Deleted"), error);
      return;
    }

  /* Translators: a toast after contacts selected in the table were deleted */
  title = g_strdup_printf (ngettext ("%u contact deleted", "%u contacts deleted", records->len),
                           records->len);
  kontor_ui_add_toast (GTK_WIDGET (self), title);
}

/* selection.delete: asks first, with the count; one contact is asked
 * about by name, as from the Delete key */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (widget);
  g_auto(GStrv) ids = kontor_selection_bar_dup_ids (self);
  guint n = g_strv_length (ids);
  AdwMessageDialog *dialog;

  if (n == 0)
    return;
  if (n == 1)
    {
      gtk_widget_activate_action (widget, "win.delete-contact", "s", ids[0]);
      return;
    }

  dialog = kontor_delete_dialog_new_for_contacts (kontor_ui_get_window (widget), n);
  g_object_set_data_full (G_OBJECT (dialog), "kontor-ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (widget);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

/* The menus list what the store holds when they open */

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (id));
  g_menu_append_item (menu, item);
}

static void
create_assign_menu (GtkMenuButton *button,
                    gpointer       user_data)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (user_data);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) users_section = g_menu_new ();
  g_autoptr(GMenu) teams_section = g_menu_new ();
  g_autoptr(GPtrArray) users = kontor_store_list_users (get_store (self), NULL);
  g_autoptr(GPtrArray) teams = kontor_store_list_teams (get_store (self), NULL);

  /* as the contact form assigns (kontor-sales-section.c): colleagues, or a team */
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      KontorRecord *user = g_ptr_array_index (users, i);
      g_autofree char *name = kontor_record_dup_display_name (user);

      append_item (users_section, name, "selection.assign-user", kontor_record_get_id (user));
    }
  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      KontorRecord *team = g_ptr_array_index (teams, i);

      append_item (teams_section, kontor_team_get_name (KONTOR_TEAM (team)),
                   "selection.assign-team", kontor_record_get_id (team));
    }

  /* Translators: a heading in the menu of the "Assign…" button */
  g_menu_append_section (menu, _("Colleagues"), G_MENU_MODEL (users_section));
  if (g_menu_model_get_n_items (G_MENU_MODEL (teams_section)) > 0)
    /* Translators: a heading in the menu of the "Assign…" button */
    g_menu_append_section (menu, _("Teams"), G_MENU_MODEL (teams_section));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
create_move_menu (GtkMenuButton *button,
                  gpointer       user_data)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (user_data);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (get_store (self), NULL);

  /* the board's columns, as the contact form offers them */
  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      KontorPipelineStatus *status = g_ptr_array_index (statuses, i);

      if (kontor_pipeline_status_get_active (status))
        append_item (menu, kontor_pipeline_status_get_name (status), "selection.move",
                     kontor_record_get_id (KONTOR_RECORD (status)));
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* An icon with its words as tooltip and accessible name */
static void
label_button (GtkWidget  *button,
              const char *name,
              const char *tooltip)
{
  gtk_widget_set_tooltip_text (button, tooltip != NULL ? tooltip : name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static GtkWidget *
add_button (GtkBox     *box,
            const char *icon_name,
            const char *name,
            const char *tooltip,
            const char *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  label_button (button, name, tooltip);
  if (action_name != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_box_append (box, button);

  return button;
}

static GtkWidget *
add_menu_button (GtkBox               *box,
                 const char           *icon_name,
                 const char           *name,
                 GtkMenuButtonCreatePopupFunc create,
                 gpointer              user_data)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon_name);
  gtk_menu_button_set_direction (GTK_MENU_BUTTON (button), GTK_ARROW_UP);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create, user_data, NULL);
  label_button (button, name, NULL);
  gtk_box_append (box, button);

  return button;
}

/* The groups of the selection (features L3–L6): the workspace, which
 * holds the sidebar of groups, answers these actions */
static void
add_groups_button (GtkBox *box)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (menu, _("_New Group from Selection…"), "workspace.group-new-from-selection");
  g_menu_append (menu, _("_Add to Group…"), "workspace.group-add-selection");
  g_menu_append (menu, _("_Remove from This Group"), "workspace.group-remove-selection");
  g_menu_append (menu, _("Show as _Temporary Group"),
                 "workspace.group-temporary-from-selection");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "folder-new-symbolic");
  gtk_menu_button_set_direction (GTK_MENU_BUTTON (button), GTK_ARROW_UP);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  label_button (button, _("Groups"), NULL);
  gtk_box_append (box, button);
}

static void
build (KontorSelectionBar *self)
{
  GtkWidget *bar = gtk_action_bar_new ();
  /* close together: the label keeps more of a narrow window */
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkBox *box = GTK_BOX (buttons);
  GtkWidget *button;

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_revealer_set_child (self->revealer, bar);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));

  self->label = GTK_LABEL (gtk_label_new (NULL));
  /* what gives way in a narrow window */
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");

  button = gtk_button_new_from_icon_name ("edit-clear-all-symbolic");
  /* Translators: the button that unselects the contacts selected in the table */
  label_button (button, _("Clear Selection"), _("Clear Selection (Esc)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "selection.clear");
  gtk_action_bar_pack_start (GTK_ACTION_BAR (bar), button);
  gtk_action_bar_pack_start (GTK_ACTION_BAR (bar), GTK_WIDGET (self->label));

  add_groups_button (box);
  self->assign_button = add_menu_button (box, "system-users-symbolic", _("Assign…"),
                                         create_assign_menu, self);
  self->move_button = add_menu_button (box, "view-grid-symbolic", _("Set Pipeline Status…"),
                                       create_move_menu, self);
  add_button (box, "starred-symbolic", _("Add to Lead Project…"), NULL,
              "selection.add-to-lead-project");
  add_button (box, "package-x-generic-symbolic", _("Archive"), NULL,
              "selection.archive");
  button = add_button (box, "send-to-symbolic", _("Export…"), NULL, NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "selection");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.export-contacts");
  button = add_button (box, "user-trash-symbolic", _("Delete…"), NULL, "selection.delete");
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_action_bar_pack_end (GTK_ACTION_BAR (bar), buttons);
}

static void
kontor_selection_bar_dispose (GObject *object)
{
  KontorSelectionBar *self = KONTOR_SELECTION_BAR (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (kontor_context_get_store (self->context), self);
  g_clear_object (&self->selection);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_selection_bar_parent_class)->dispose (object);
}

static void
kontor_selection_bar_class_init (KontorSelectionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_selection_bar_dispose;

  gtk_widget_class_install_action (widget_class, "selection.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "selection.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "selection.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "selection.move", "s", move_action);
  gtk_widget_class_install_action (widget_class, "selection.add-to-lead-project", NULL,
                                   add_to_lead_project_action);
  gtk_widget_class_install_action (widget_class, "selection.assign-user", "s", assign_action);
  gtk_widget_class_install_action (widget_class, "selection.assign-team", "s", assign_action);

  gtk_widget_class_set_css_name (widget_class, "selectionbar");
}

static void
kontor_selection_bar_init (KontorSelectionBar *self)
{
  build (self);
}

/**
 * kontor_selection_bar_new:
 * @context: the context
 * @selection: the contacts table's selection
 *
 * Returns: (transfer floating): the bar, hidden while nothing is selected
 */
GtkWidget *
kontor_selection_bar_new (KontorContext         *context,
                          KontorRecordSelection *selection)
{
  KontorSelectionBar *self;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KONTOR_IS_RECORD_SELECTION (selection), NULL);

  self = g_object_new (KONTOR_TYPE_SELECTION_BAR, NULL);
  self->context = g_object_ref (context);
  self->selection = g_object_ref (selection);
  self->available = TRUE;
  g_signal_connect_object (selection, "notify::n-selected", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  /* a new current user may have another role */
  g_signal_connect_object (kontor_context_get_store (context), "notify::current-user",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

/**
 * kontor_selection_bar_set_available:
 * @self: a bar
 * @available: whether the table is shown
 *
 * The bar is for the table: the board selects nothing.
 */
void
kontor_selection_bar_set_available (KontorSelectionBar *self,
                                    gboolean            available)
{
  g_return_if_fail (KONTOR_IS_SELECTION_BAR (self));

  self->available = !!available;
  update (self);
}

/**
 * kontor_selection_bar_get_label:
 * @self: a bar
 *
 * Returns: (transfer none): the label that says how many are selected
 */
GtkLabel *
kontor_selection_bar_get_label (KontorSelectionBar *self)
{
  g_return_val_if_fail (KONTOR_IS_SELECTION_BAR (self), NULL);

  return self->label;
}
