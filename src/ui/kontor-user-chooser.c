/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-user-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-user-chooser.h"

/**
 * KontorUserChooser:
 *
 * A list of the colleagues in the context's store to choose some of: one
 * row each, with their initials in their colour, the name and a check
 * mark on those chosen. Activating a row chooses the colleague or takes
 * them back, and emits #KontorUserChooser::user-toggled; what to do with
 * that (change a form, run an operation) is the owner's.
 *
 * #KontorUserChooser:selected keeps the ids in the order they were set,
 * new ones after them, and ids of users not known here as they are. A
 * role filter hides colleagues whose role does not fit, except those
 * chosen already, so that they can be taken away.
 */
struct _KontorUserChooser
{
  AdwBin                parent_instance;

  KontorContext        *context;
  KontorUserRoleFilter  filter;
  GStrv                 selected;
  GPtrArray            *users;      /* KontorUser, as listed by reload() */

  GtkListBox           *list;
};

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum {
  USER_TOGGLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KontorUserChooser, kontor_user_chooser, ADW_TYPE_BIN)

/* Colleagues' colours (kontor_user_get_color_index), drawn by the CSS */
static const char * const color_classes[] = {
  "user-color-0", "user-color-1", "user-color-2", "user-color-3",
  "user-color-4", "user-color-5", "user-color-6", "user-color-7",
};

/**
 * kontor_user_add_color_class:
 * @widget: a widget showing a user, such as their initials
 * @user: (nullable): the user
 *
 * Gives @widget the user's colour class, and no other.
 */
void
kontor_user_add_color_class (GtkWidget  *widget,
                             KontorUser *user)
{
  for (guint i = 0; i < G_N_ELEMENTS (color_classes); i++)
    gtk_widget_remove_css_class (widget, color_classes[i]);
  if (user != NULL)
    gtk_widget_add_css_class (widget,
                              color_classes[kontor_user_get_color_index (user) %
                                            G_N_ELEMENTS (color_classes)]);
}

static gboolean
is_selected (KontorUserChooser *self,
             const char        *id)
{
  return self->selected != NULL && g_strv_contains ((const char * const *) self->selected, id);
}

static GtkWidget *
create_row (KontorUser *user,
            gboolean    chosen)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (user));
  g_autofree char *initials = kontor_user_dup_initials (user);
  g_autofree char *label = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *avatar = gtk_label_new (initials);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_widget_add_css_class (avatar, "board-avatar");
  kontor_user_add_color_class (avatar, user);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_set_opacity (check, chosen ? 1.0 : 0.0);

  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "user-id",
                          g_strdup (kontor_record_get_id (KONTOR_RECORD (user))), g_free);

  if (chosen)
    /* Translators: a colleague in a list to choose from; %s is a name */
    label = g_strdup_printf (_("%s, chosen"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chosen ? label : name,
                                  -1);

  return row;
}

static void
fill (KontorUserChooser *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      KontorUser *user = g_ptr_array_index (self->users, i);
      gboolean chosen = is_selected (self, kontor_record_get_id (KONTOR_RECORD (user)));

      if (!chosen && self->filter != NULL && !self->filter (kontor_user_get_role (user)))
        continue;
      gtk_list_box_append (self->list, create_row (user, chosen));
    }
}

static void
on_row_activated_cb (KontorUserChooser *self,
                     GtkListBoxRow     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "user-id");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) selected = NULL;

  g_assert (KONTOR_IS_USER_CHOOSER (self));

  if (id == NULL)
    return;

  for (guint i = 0; self->selected != NULL && self->selected[i] != NULL; i++)
    {
      if (!g_str_equal (self->selected[i], id))
        g_strv_builder_add (builder, self->selected[i]);
    }
  if (!is_selected (self, id))
    g_strv_builder_add (builder, id);

  selected = g_strv_builder_end (builder);
  kontor_user_chooser_set_selected (self, (const char * const *) selected);
  g_signal_emit (self, signals[USER_TOGGLED], 0, id);
}

static void
kontor_user_chooser_dispose (GObject *object)
{
  KontorUserChooser *self = KONTOR_USER_CHOOSER (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->users, g_ptr_array_unref);

  G_OBJECT_CLASS (kontor_user_chooser_parent_class)->dispose (object);
}

static void
kontor_user_chooser_finalize (GObject *object)
{
  KontorUserChooser *self = KONTOR_USER_CHOOSER (object);

  g_strfreev (self->selected);

  G_OBJECT_CLASS (kontor_user_chooser_parent_class)->finalize (object);
}

static void
kontor_user_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KontorUserChooser *self = KONTOR_USER_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_boxed (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_user_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KontorUserChooser *self = KONTOR_USER_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      kontor_user_chooser_set_selected (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_user_chooser_class_init (KontorUserChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_user_chooser_dispose;
  object_class->finalize = kontor_user_chooser_finalize;
  object_class->get_property = kontor_user_chooser_get_property;
  object_class->set_property = kontor_user_chooser_set_property;

  /**
   * KontorUserChooser:selected:
   *
   * The ids of the users chosen; %NULL for none.
   */
  properties[PROP_SELECTED] =
    g_param_spec_boxed ("selected", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KontorUserChooser::user-toggled:
   * @self: the chooser
   * @user_id: the user chosen or taken back
   *
   * The user activated a row; #KontorUserChooser:selected has changed.
   */
  signals[USER_TOGGLED] = g_signal_new ("user-toggled", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kontor_user_chooser_init (KontorUserChooser *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *placeholder = gtk_label_new (_("No colleagues yet"));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "board-user-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colleagues"),
                                  -1);
  g_signal_connect_object (self->list, "row-activated",
                           G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  adw_bin_set_child (ADW_BIN (self), scroller);
}

/**
 * kontor_user_chooser_new:
 *
 * Returns: (transfer full): a chooser listing nobody until it has a
 *   context and is reloaded
 */
GtkWidget *
kontor_user_chooser_new (void)
{
  return g_object_new (KONTOR_TYPE_USER_CHOOSER, NULL);
}

void
kontor_user_chooser_set_context (KontorUserChooser *self,
                                 KontorContext     *context)
{
  g_return_if_fail (KONTOR_IS_USER_CHOOSER (self));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

/**
 * kontor_user_chooser_set_filter:
 * @self: a chooser
 * @filter: (nullable): which roles are offered, such as
 *   kontor_user_role_can_sell(); %NULL for all
 */
void
kontor_user_chooser_set_filter (KontorUserChooser    *self,
                                KontorUserRoleFilter  filter)
{
  g_return_if_fail (KONTOR_IS_USER_CHOOSER (self));

  self->filter = filter;
  fill (self);
}

/**
 * kontor_user_chooser_reload:
 * @self: a chooser
 *
 * Lists the users of the context's store afresh.
 */
void
kontor_user_chooser_reload (KontorUserChooser *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KONTOR_IS_USER_CHOOSER (self));
  g_return_if_fail (self->context != NULL);

  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = kontor_store_list_users (kontor_context_get_store (self->context), &error);
  if (self->users == NULL)
    g_warning ("Could not list the users: %s", error->message);
  fill (self);
}

/**
 * kontor_user_chooser_get_selected:
 * @self: a chooser
 *
 * Returns: (transfer none) (nullable): the ids chosen
 */
const char * const *
kontor_user_chooser_get_selected (KontorUserChooser *self)
{
  g_return_val_if_fail (KONTOR_IS_USER_CHOOSER (self), NULL);

  return (const char * const *) self->selected;
}

void
kontor_user_chooser_set_selected (KontorUserChooser  *self,
                                  const char * const *user_ids)
{
  g_return_if_fail (KONTOR_IS_USER_CHOOSER (self));

  if (user_ids != NULL && user_ids[0] == NULL)
    user_ids = NULL;
  if (self->selected == NULL && user_ids == NULL)
    return;
  if (self->selected != NULL && user_ids != NULL &&
      g_strv_equal ((const char * const *) self->selected, user_ids))
    return;

  g_strfreev (self->selected);
  self->selected = g_strdupv ((char **) user_ids);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * kontor_user_chooser_dup_names:
 * @self: a chooser
 *
 * Returns: (transfer full) (nullable): the names of the users chosen and
 *   known, "Anna Weber, Ben Schulz"; %NULL for none
 */
char *
kontor_user_chooser_dup_names (KontorUserChooser *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (KONTOR_IS_USER_CHOOSER (self), NULL);

  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      KontorRecord *user = g_ptr_array_index (self->users, i);
      g_autofree char *name = NULL;

      if (!is_selected (self, kontor_record_get_id (user)))
        continue;
      name = kontor_record_dup_display_name (user);
      if (names->len > 0)
        /* Translators: separates names in a list: "Anna Weber, Ben Schulz" */
        g_string_append (names, _(", "));
      g_string_append (names, name);
    }

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}
