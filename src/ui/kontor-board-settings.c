/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board-settings"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-board-private.h"
#include "kontor-board-settings.h"
#include "kontor-ui-utils.h"

/**
 * KontorBoardSettings:
 *
 * Which columns the board shows, inactive pipeline statuses included, and
 * which fields the cards show besides the name (feature P6, src/README.md), kept per
 * user in GSettings ("board-columns", "board-card-fields"). At least one
 * column stays: the last one shown cannot be unchecked, and a note says
 * why. Each check button names a stateful action of the "board-settings"
 * group. A lead project's board shows every status of its project, so its
 * settings (kontor_board_settings_new_card_fields()) are the card fields
 * only, the same for every board.
 */
struct _KontorBoardSettings
{
  GtkPopover          parent_instance;

  KontorContext      *context;
  GSimpleActionGroup *actions;
  GPtrArray          *statuses;       /* KontorPipelineStatus, all, board order */
  GPtrArray          *column_actions; /* names of the "column-<id>" actions */
  GPtrArray          *column_checks;  /* GtkCheckButton, one per status */

  GtkBox             *columns_box;
  GtkLabel           *columns_note;
  GtkWidget          *columns_heading;
  GtkWidget          *columns_scroller;
  GtkWidget          *columns_separator;
};

G_DEFINE_FINAL_TYPE (KontorBoardSettings, kontor_board_settings, GTK_TYPE_POPOVER)

#define COLUMN_PREFIX "column-"
#define FIELD_PREFIX "field-"

static GSettings *
get_settings (KontorBoardSettings *self)
{
  return kontor_context_get_settings (self->context);
}

static GPtrArray *
dup_shown (KontorBoardSettings *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (get_settings (self), "board-columns");

  return _kontor_board_select_columns (self->statuses, (const char * const *) ids);
}

static gboolean
contains_status (GPtrArray  *statuses,
                 const char *id)
{
  for (guint i = 0; i < statuses->len; i++)
    {
      if (g_strcmp0 (kontor_record_get_id (g_ptr_array_index (statuses, i)), id) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
on_column_change_state_cb (GSimpleAction       *action,
                           GVariant            *state,
                           KontorBoardSettings *self)
{
  const char *id = g_action_get_name (G_ACTION (action)) + strlen (COLUMN_PREFIX);
  gboolean show = g_variant_get_boolean (state);
  g_autoptr(GPtrArray) shown = dup_shown (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  guint n = 0;

  g_assert (KONTOR_IS_BOARD_SETTINGS (self));

  /* in board order, whatever order they were checked in */
  for (guint i = 0; i < self->statuses->len; i++)
    {
      const char *status_id = kontor_record_get_id (g_ptr_array_index (self->statuses, i));
      gboolean is_shown = g_str_equal (status_id, id) ? show : contains_status (shown, status_id);

      if (!is_shown)
        continue;
      g_strv_builder_add (builder, status_id);
      n++;
    }

  /* the last column stays (its action is off; this is the guard) */
  if (n == 0)
    return;

  ids = g_strv_builder_end (builder);
  g_settings_set_strv (get_settings (self), "board-columns", (const char * const *) ids);
}

/* Checks what is shown; the last one shown cannot be unchecked */
static void
update_column_states (KontorBoardSettings *self)
{
  g_autoptr(GPtrArray) shown = dup_shown (self);

  for (guint i = 0; i < self->column_actions->len; i++)
    {
      const char *name = g_ptr_array_index (self->column_actions, i);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);
      GtkWidget *check = g_ptr_array_index (self->column_checks, i);
      gboolean is_shown = contains_status (shown, name + strlen (COLUMN_PREFIX));
      gboolean last = is_shown && shown->len == 1;

      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (is_shown));
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !last);
      gtk_widget_set_tooltip_text (check, last ? gtk_label_get_label (self->columns_note) : NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->columns_note), shown->len <= 1);
}

static void
rebuild_columns (KontorBoardSettings *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->column_actions->len; i++)
    g_action_map_remove_action (G_ACTION_MAP (self->actions),
                                g_ptr_array_index (self->column_actions, i));
  g_ptr_array_set_size (self->column_actions, 0);
  g_ptr_array_set_size (self->column_checks, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);

  for (guint i = 0; i < self->statuses->len; i++)
    {
      KontorPipelineStatus *status = g_ptr_array_index (self->statuses, i);
      const char *id = kontor_record_get_id (KONTOR_RECORD (status));
      g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (status));
      g_autofree char *label = NULL;
      g_autofree char *action_name = g_strconcat (COLUMN_PREFIX, id, NULL);
      g_autofree char *detailed = g_strconcat ("board-settings.", action_name, NULL);
      g_autoptr(GSimpleAction) action = NULL;
      GtkWidget *check;

      if (kontor_pipeline_status_get_active (status))
        label = g_strdup (name);
      else
        /* Translators: a pipeline status nobody uses any more; %s is its name */
        label = g_strdup_printf (_("%s (inactive)"), name);

      action = g_simple_action_new_stateful (action_name, NULL, g_variant_new_boolean (FALSE));
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_column_change_state_cb),
                               self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
      g_ptr_array_add (self->column_actions, g_steal_pointer (&action_name));

      check = gtk_check_button_new_with_label (label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), detailed);
      gtk_box_append (self->columns_box, check);
      g_ptr_array_add (self->column_checks, check);
    }

  update_column_states (self);
}

static void
on_field_change_state_cb (GSimpleAction       *action,
                          GVariant            *state,
                          KontorBoardSettings *self)
{
  const char *field = g_action_get_name (G_ACTION (action)) + strlen (FIELD_PREFIX);
  g_auto(GStrv) fields = g_settings_get_strv (get_settings (self), "board-card-fields");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) new_fields = NULL;
  gboolean show = g_variant_get_boolean (state);

  g_assert (KONTOR_IS_BOARD_SETTINGS (self));

  /* in the order of the card */
  for (guint i = 0; i < G_N_ELEMENTS (_kontor_board_card_field_ids); i++)
    {
      const char *id = _kontor_board_card_field_ids[i];

      if (g_str_equal (id, field) ? show : g_strv_contains ((const char * const *) fields, id))
        g_strv_builder_add (builder, id);
    }

  new_fields = g_strv_builder_end (builder);
  g_settings_set_strv (get_settings (self), "board-card-fields",
                       (const char * const *) new_fields);
}

static void
update_fields (KontorBoardSettings *self)
{
  g_auto(GStrv) fields = g_settings_get_strv (get_settings (self), "board-card-fields");

  for (guint i = 0; i < G_N_ELEMENTS (_kontor_board_card_field_ids); i++)
    {
      const char *id = _kontor_board_card_field_ids[i];
      g_autofree char *name = g_strconcat (FIELD_PREFIX, id, NULL);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

      gboolean shown = g_strv_contains ((const char * const *) fields, id);

      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (shown));
    }
}

static void
on_settings_changed_cb (KontorBoardSettings *self,
                        const char          *key,
                        GSettings           *settings)
{
  g_assert (KONTOR_IS_BOARD_SETTINGS (self));

  if (g_str_equal (key, "board-columns"))
    update_column_states (self);
  else if (g_str_equal (key, "board-card-fields"))
    update_fields (self);
}

static void
on_store_statuses_changed_cb (KontorBoardSettings *self,
                              const char          *entity,
                              GArray              *rowids,
                              KontorStore         *store)
{
  g_assert (KONTOR_IS_BOARD_SETTINGS (self));

  _kontor_board_reload_statuses (self->context, &self->statuses);
  rebuild_columns (self);
}

static void
kontor_board_settings_constructed (GObject *object)
{
  KontorBoardSettings *self = KONTOR_BOARD_SETTINGS (object);

  G_OBJECT_CLASS (kontor_board_settings_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  for (guint i = 0; i < G_N_ELEMENTS (_kontor_board_card_field_ids); i++)
    {
      g_autofree char *name = g_strconcat (FIELD_PREFIX, _kontor_board_card_field_ids[i], NULL);
      g_autoptr(GSimpleAction) action =
        g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (FALSE));

      g_signal_connect_object (action, "change-state", G_CALLBACK (on_field_change_state_cb),
                               self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
    }

  _kontor_board_reload_statuses (self->context, &self->statuses);
  rebuild_columns (self);
  update_fields (self);

  g_signal_connect_object (get_settings (self), "changed", G_CALLBACK (on_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kontor_context_get_store (self->context), "changed::pipeline_status",
                           G_CALLBACK (on_store_statuses_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
kontor_board_settings_dispose (GObject *object)
{
  KontorBoardSettings *self = KONTOR_BOARD_SETTINGS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_BOARD_SETTINGS);

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->column_actions, g_ptr_array_unref);
  g_clear_pointer (&self->column_checks, g_ptr_array_unref);
  g_clear_object (&self->actions);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_board_settings_parent_class)->dispose (object);
}

static void
kontor_board_settings_class_init (KontorBoardSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_board_settings_constructed;
  object_class->dispose = kontor_board_settings_dispose;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorBoardSettings, context));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-board-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorBoardSettings, columns_box);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardSettings, columns_note);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardSettings, columns_heading);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardSettings, columns_scroller);
  gtk_widget_class_bind_template_child (widget_class, KontorBoardSettings, columns_separator);
}

static void
kontor_board_settings_init (KontorBoardSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  self->column_actions = g_ptr_array_new_with_free_func (g_free);
  self->column_checks = g_ptr_array_new ();
  self->actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "board-settings",
                                  G_ACTION_GROUP (self->actions));
}

/**
 * kontor_board_settings_new:
 * @context: the context
 *
 * Returns: (transfer floating): the board settings popover
 */
GtkWidget *
kontor_board_settings_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_BOARD_SETTINGS, "context", context, NULL);
}

/**
 * kontor_board_settings_new_card_fields:
 * @context: the context
 *
 * Returns: (transfer floating): the settings popover of a lead project's
 *   board: the card fields, which every board shares
 */
GtkWidget *
kontor_board_settings_new_card_fields (KontorContext *context)
{
  KontorBoardSettings *self;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  self = g_object_new (KONTOR_TYPE_BOARD_SETTINGS, "context", context, NULL);
  gtk_widget_set_visible (self->columns_heading, FALSE);
  gtk_widget_set_visible (self->columns_scroller, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_note), FALSE);
  gtk_widget_set_visible (self->columns_separator, FALSE);

  return GTK_WIDGET (self);
}
