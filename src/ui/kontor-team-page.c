/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-team-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-team-page.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/**
 * KontorTeamPage:
 *
 * The team in Preferences (features U1, C7, src/README.md "Roles"): who works with this
 * database as whom ("Working As"), the users with their role and teams
 * ("Kompetenzen"), and the teams. An administrator changes them; for
 * everyone else the page only shows them, and the store refuses the same
 * writes anyway. Every change is stored at once; what the store refuses
 * (the last administrator, removing oneself) is said in a toast and the
 * stored state shown again. Until the team syncs, these users are this
 * database's own; then they come from the server's accounts.
 */
struct _KontorTeamPage
{
  AdwPreferencesPage   parent_instance;

  KontorContext       *context;
  guint                loading;     /* rows being filled: no writes */
  guint                busy;        /* our own write: no reload */

  AdwPreferencesGroup *identity_group;
  AdwComboRow         *identity_row;
  GPtrArray           *identity_ids;
  AdwPreferencesGroup *users_group;
  AdwPreferencesGroup *teams_group;
  GPtrArray           *rows;        /* the rows of users and teams, made by reload() */
  guint                reload_source;
};

G_DEFINE_FINAL_TYPE (KontorTeamPage, kontor_team_page, ADW_TYPE_PREFERENCES_PAGE)

static void reload (KontorTeamPage *self);

static gboolean
reload_cb (gpointer data)
{
  KontorTeamPage *self = data;

  self->reload_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* Rows are made anew after a change from an idle: never inside the
 * handler of a row that would go with them */
static void
queue_reload (KontorTeamPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_cb, self);
}

static KontorStore *
get_store (KontorTeamPage *self)
{
  return kontor_context_get_store (self->context);
}

static void
show_toast (KontorTeamPage *self,
            const char     *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (title));
}

/* Stores @record; what the store refuses is said, and the page shows the
 * stored state again */
static gboolean
save (KontorTeamPage *self,
      KontorRecord   *record)
{
  g_autoptr(GError) error = NULL;
  gboolean saved;

  self->busy++;
  saved = kontor_store_save (get_store (self), record, &error);
  self->busy--;
  if (!saved)
    {
      show_toast (self, error->message);
      queue_reload (self);
    }

  return saved;
}

static void
delete (KontorTeamPage *self,
        KontorRecord   *record)
{
  g_autoptr(GError) error = NULL;

  if (!kontor_store_delete (get_store (self), record, &error))
    show_toast (self, error->message);
  queue_reload (self);
}

/* ------------------------------------------------------------------------ */
/* A user's row */

static char *
dup_user_subtitle (KontorUser *user,
                   GPtrArray  *teams)
{
  const char * const *ids = kontor_user_get_teams (user);
  GString *subtitle = g_string_new (kontor_user_role_to_string (kontor_user_get_role (user)));

  for (guint i = 0; i < teams->len; i++)
    {
      KontorTeam *team = g_ptr_array_index (teams, i);

      if (ids != NULL && g_strv_contains (ids, kontor_record_get_id (KONTOR_RECORD (team))))
        /* Translators: separates a user's role and teams: "Sales · Nord" */
        g_string_append_printf (subtitle, _(" · %s"), kontor_team_get_name (team));
    }

  return g_string_free (subtitle, FALSE);
}

static KontorUser *
load_user (KontorTeamPage *self,
           GtkWidget      *row)
{
  return kontor_store_load (get_store (self), KONTOR_TYPE_USER,
                            g_object_get_data (G_OBJECT (row), "kontor-user-id"), NULL);
}

static void
on_role_selected_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     GtkWidget   *user_row)
{
  KontorTeamPage *self = g_object_get_data (G_OBJECT (user_row), "kontor-page");
  g_autoptr(KontorUser) user = NULL;

  if (self->loading > 0 || (user = load_user (self, user_row)) == NULL)
    return;

  kontor_user_set_role (user, adw_combo_row_get_selected (row));
  save (self, KONTOR_RECORD (user));
  queue_reload (self);
}

static void
on_member_active_cb (GtkSwitch  *member,
                     GParamSpec *pspec,
                     GtkWidget  *user_row)
{
  KontorTeamPage *self = g_object_get_data (G_OBJECT (user_row), "kontor-page");
  const char *team_id = g_object_get_data (G_OBJECT (member), "kontor-team-id");
  g_autoptr(KontorUser) user = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) teams = NULL;
  const char * const *old;

  if (self->loading > 0 || (user = load_user (self, user_row)) == NULL)
    return;

  old = kontor_user_get_teams (user);
  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (!g_str_equal (old[i], team_id))
      g_strv_builder_add (builder, old[i]);
  if (gtk_switch_get_active (member))
    g_strv_builder_add (builder, team_id);
  teams = g_strv_builder_end (builder);

  kontor_user_set_teams (user, (const char * const *) teams);
  save (self, KONTOR_RECORD (user));
  queue_reload (self);
}

static void
on_remove_user_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            GtkWidget        *user_row)
{
  KontorTeamPage *self = g_object_get_data (G_OBJECT (user_row), "kontor-page");
  g_autoptr(KontorUser) user = NULL;

  if (g_str_equal (response, "remove") && (user = load_user (self, user_row)) != NULL)
    delete (self, KONTOR_RECORD (user));
}

static void
on_remove_user_clicked_cb (GtkButton *button,
                           GtkWidget *user_row)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a colleague's name */
  heading = g_strdup_printf (_("Remove %s?"),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (user_row)));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (GTK_WIDGET (button)),
                                                       heading,
                                                       _("They can no longer work with this "
                                                         "database. What they recorded stays.")));
  kontor_ui_add_question_responses (dialog, "remove", _("_Remove"),
                                    ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_user_response_cb), user_row,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkStringList *
new_role_model (void)
{
  GtkStringList *roles = gtk_string_list_new (NULL);

  /* the order of KontorUserRole: the index is the value */
  for (KontorUserRole role = KONTOR_USER_ROLE_ADMIN; role <= KONTOR_USER_ROLE_VIEWER; role++)
    gtk_string_list_append (roles, kontor_user_role_to_string (role));

  return roles;
}

static GtkWidget *
new_user_row (KontorTeamPage *self,
              KontorUser     *user,
              GPtrArray      *teams,
              gboolean        editable)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (user));
  g_autofree char *subtitle = dup_user_subtitle (user, teams);
  g_autoptr(GtkStringList) roles = new_role_model ();
  const char * const *member_of = kontor_user_get_teams (user);
  GtkWidget *role_row = adw_combo_row_new ();
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  /* GTK 4.8 gives an expander row no name of its own */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "kontor-user-id",
                          g_strdup (kontor_record_get_id (KONTOR_RECORD (user))), g_free);
  g_object_set_data (G_OBJECT (row), "kontor-page", self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role_row), _("Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (role_row), G_LIST_MODEL (roles));
  adw_combo_row_set_selected (ADW_COMBO_ROW (role_row), kontor_user_get_role (user));
  gtk_widget_set_sensitive (role_row, editable);
  g_signal_connect_object (role_row, "notify::selected", G_CALLBACK (on_role_selected_cb), row, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), role_row);

  for (guint i = 0; i < teams->len; i++)
    {
      KontorTeam *team = g_ptr_array_index (teams, i);
      const char *team_id = kontor_record_get_id (KONTOR_RECORD (team));
      GtkWidget *team_row = adw_action_row_new ();
      GtkWidget *member = gtk_switch_new ();
      /* Translators: %s is a team ("Kompetenz") */
      g_autofree char *title = g_strdup_printf (_("Member of “%s”"), kontor_team_get_name (team));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (team_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (team_row), title);
      gtk_widget_set_valign (member, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (member),
                             member_of != NULL && g_strv_contains (member_of, team_id));
      gtk_widget_set_sensitive (member, editable);
      g_object_set_data_full (G_OBJECT (member), "kontor-team-id", g_strdup (team_id), g_free);
      g_signal_connect_object (member, "notify::active", G_CALLBACK (on_member_active_cb), row, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (team_row), member);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (team_row), member);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), team_row);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("Remove from the Team"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_sensitive (remove, editable);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_user_clicked_cb), row, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

  return row;
}

/* ------------------------------------------------------------------------ */
/* A team's row */

static void
on_team_apply_cb (AdwEntryRow *row,
                  gpointer     user_data)
{
  KontorTeamPage *self = g_object_get_data (G_OBJECT (row), "kontor-page");
  g_autoptr(KontorTeam) team = kontor_store_load (get_store (self), KONTOR_TYPE_TEAM,
                                                  g_object_get_data (G_OBJECT (row),
                                                                     "kontor-team-id"),
                                                  NULL);

  if (team == NULL)
    return;

  kontor_team_set_name (team, gtk_editable_get_text (GTK_EDITABLE (row)));
  save (self, KONTOR_RECORD (team));
  queue_reload (self);
}

static void
on_remove_team_clicked_cb (GtkButton *button,
                           GtkWidget *team_row)
{
  KontorTeamPage *self = g_object_get_data (G_OBJECT (team_row), "kontor-page");
  g_autoptr(KontorTeam) team = kontor_store_load (get_store (self), KONTOR_TYPE_TEAM,
                                                  g_object_get_data (G_OBJECT (team_row),
                                                                     "kontor-team-id"),
                                                  NULL);

  if (team != NULL)
    delete (self, KONTOR_RECORD (team));
}

static GtkWidget *
new_team_row (KontorTeamPage *self,
              KontorTeam     *team,
              gboolean        editable)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: %s is a team ("Kompetenz") */
  g_autofree char *remove_name = g_strdup_printf (_("Remove “%s”"), kontor_team_get_name (team));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Team"));
  gtk_editable_set_text (GTK_EDITABLE (row), kontor_team_get_name (team));
  gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "kontor-team-id",
                          g_strdup (kontor_record_get_id (KONTOR_RECORD (team))), g_free);
  g_object_set_data (G_OBJECT (row), "kontor-page", self);
  g_signal_connect (row, "apply", G_CALLBACK (on_team_apply_cb), NULL);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  gtk_widget_set_sensitive (remove, editable);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_team_clicked_cb), row, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  return row;
}

/* ------------------------------------------------------------------------ */
/* Adding */

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KontorTeamPage   *self)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *name = g_object_get_data (G_OBJECT (list), "kontor-name");
  GtkEditable *full_name = g_object_get_data (G_OBJECT (list), "kontor-full-name");
  AdwComboRow *role = g_object_get_data (G_OBJECT (list), "kontor-role");
  g_autoptr(KontorRecord) record = NULL;

  if (!g_str_equal (response, "add"))
    return;

  if (role != NULL)
    record = KONTOR_RECORD (kontor_user_new (gtk_editable_get_text (name),
                                             gtk_editable_get_text (full_name),
                                             adw_combo_row_get_selected (role)));
  else
    record = KONTOR_RECORD (kontor_team_new (gtk_editable_get_text (name)));

  save (self, record);
  queue_reload (self);
}

static void
on_add_name_changed_cb (AdwMessageDialog *dialog,
                        GtkEditable      *name)
{
  adw_message_dialog_set_response_enabled (dialog, "add",
                                           !kontor_text_is_blank (gtk_editable_get_text (name)));
}

static GtkWidget *
add_entry_row (GtkWidget  *list,
               const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return row;
}

/* Asks for a new user (@user) or team and adds it */
static void
ask_to_add (KontorTeamPage *self,
            gboolean        user)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (GTK_WIDGET (self)),
                                                       user ? _("Add User") : _("Add Team"),
                                                       NULL));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name = add_entry_row (list, user ? _("User Name") : _("Team"));
  g_object_set_data (G_OBJECT (list), "kontor-name", name);
  if (user)
    {
      g_autoptr(GtkStringList) roles = new_role_model ();
      GtkWidget *role = adw_combo_row_new ();

      g_object_set_data (G_OBJECT (list), "kontor-full-name", add_entry_row (list, _("Name")));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role), _("Role"));
      adw_combo_row_set_model (ADW_COMBO_ROW (role), G_LIST_MODEL (roles));
      adw_combo_row_set_selected (ADW_COMBO_ROW (role), KONTOR_USER_ROLE_SALES);
      gtk_list_box_append (GTK_LIST_BOX (list), role);
      g_object_set_data (G_OBJECT (list), "kontor-role", role);
    }
  adw_message_dialog_set_extra_child (dialog, list);
  kontor_ui_add_question_responses (dialog, "add", _("_Add"),
                                    ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  g_signal_connect_object (name, "changed", G_CALLBACK (on_add_name_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

static void
add_user_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_to_add (KONTOR_TEAM_PAGE (widget), TRUE);
}

static void
add_team_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_to_add (KONTOR_TEAM_PAGE (widget), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Working as */

static void
on_identity_selected_cb (KontorTeamPage *self)
{
  guint selected = adw_combo_row_get_selected (self->identity_row);
  g_autoptr(KontorUser) user = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading > 0 || selected >= self->identity_ids->len)
    return;

  user = kontor_store_load (get_store (self), KONTOR_TYPE_USER,
                            g_ptr_array_index (self->identity_ids, selected), &error);
  if (user == NULL || !kontor_store_set_current_user (get_store (self), user, &error))
    show_toast (self, error->message);
  queue_reload (self);
}

/* ------------------------------------------------------------------------ */

static GtkWidget *
new_header_button (const char *label,
                   const char *action)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);

  return button;
}

static void
reload (KontorTeamPage *self)
{
  KontorUser *current = kontor_context_get_current_user (self->context);
  gboolean admin = kontor_context_is_admin (self->context);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  if (self->busy > 0)
    return;

  users = kontor_store_list_users (get_store (self), &error);
  if (users != NULL)
    teams = kontor_store_list_teams (get_store (self), &error);
  if (users == NULL || teams == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  self->loading++;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                                      row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->identity_ids, 0);

  for (guint i = 0; i < users->len; i++)
    {
      KontorUser *user = g_ptr_array_index (users, i);
      g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (user));
      GtkWidget *row = new_user_row (self, user, teams, admin);

      adw_preferences_group_add (self->users_group, row);
      g_ptr_array_add (self->rows, row);
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->identity_ids, g_strdup (kontor_record_get_id (KONTOR_RECORD (user))));
      if (current != NULL && g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (user)),
                                        kontor_record_get_id (KONTOR_RECORD (current))) == 0)
        selected = i;
    }
  for (guint i = 0; i < teams->len; i++)
    {
      GtkWidget *row = new_team_row (self, g_ptr_array_index (teams, i), admin);

      adw_preferences_group_add (self->teams_group, row);
      g_ptr_array_add (self->rows, row);
    }

  adw_combo_row_set_model (self->identity_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->identity_row, selected);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->identity_row),
                              current != NULL
                              ? kontor_user_role_to_string (kontor_user_get_role (current)) : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->identity_row), admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.add-user", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.add-team", admin);
  adw_preferences_group_set_description (self->users_group,
                                         admin ? NULL
                                               : _("Only an administrator may change users, "
                                                   "teams and the team’s settings."));
  self->loading--;
}

static void
on_store_changed_cb (KontorTeamPage *self)
{
  queue_reload (self);
}

static void
kontor_team_page_constructed (GObject *object)
{
  KontorTeamPage *self = KONTOR_TEAM_PAGE (object);

  G_OBJECT_CLASS (kontor_team_page_parent_class)->constructed (object);

  g_signal_connect_object (get_store (self), "changed::app_user",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "changed::team",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "notify::current-user",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
kontor_team_page_dispose (GObject *object)
{
  KontorTeamPage *self = KONTOR_TEAM_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->identity_ids, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_team_page_parent_class)->dispose (object);
}

static void
kontor_team_page_class_init (KontorTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_team_page_constructed;
  object_class->dispose = kontor_team_page_dispose;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorTeamPage, context));

  gtk_widget_class_install_action (widget_class, "team.add-user", NULL, add_user_action);
  gtk_widget_class_install_action (widget_class, "team.add-team", NULL, add_team_action);
}

static void
kontor_team_page_init (KontorTeamPage *self)
{
  self->rows = g_ptr_array_new ();
  self->identity_ids = g_ptr_array_new_with_free_func (g_free);

  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "team");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), C_("preferences page", "Team"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "system-users-symbolic");

  self->identity_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->identity_group, _("You"));
  adw_preferences_group_set_description (self->identity_group,
                                         _("Until the team syncs with its server, this database "
                                           "has its own users."));
  self->identity_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->identity_row), _("Working As"));
  g_signal_connect_object (self->identity_row, "notify::selected",
                           G_CALLBACK (on_identity_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->identity_group, GTK_WIDGET (self->identity_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->identity_group);

  self->users_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->users_group, _("Users"));
  adw_preferences_group_set_header_suffix (self->users_group,
                                           new_header_button (_("Add _User"), "team.add-user"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->users_group);

  self->teams_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->teams_group, _("Teams"));
  adw_preferences_group_set_description (self->teams_group,
                                         _("Contacts can be assigned to a team (a “Kompetenz”)."));
  adw_preferences_group_set_header_suffix (self->teams_group,
                                           new_header_button (_("Add _Team"), "team.add-team"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->teams_group);
}

/**
 * kontor_team_page_new:
 * @context: the context
 *
 * Returns: (transfer floating): the Team page of Preferences
 */
GtkWidget *
kontor_team_page_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_TEAM_PAGE, "context", context, NULL);
}
