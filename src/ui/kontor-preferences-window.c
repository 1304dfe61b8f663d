/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-preferences-window.h"
#include "kontor-team-page.h"
#include "kontor-ui-utils.h"

/**
 * KontorPreferencesWindow:
 *
 * Preferences of the team, which only an administrator changes
 * (src/README.md "Roles"): the customer number range ("Nummernkreise",
 * feature C5, src/README.md): prefix, year, digits and the next running number, with a
 * preview of the next number; and privacy: whether birthdays are stored
 * (feature C8, src/README.md "Birthdays"), which asks before it erases them. Every
 * change is stored at once (the prefix when applied, or when the window
 * closes); what the store refuses is said in a toast and the stored value
 * is shown again.
 */
struct _KontorPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  KontorContext        *context;
  guint                 loading;

  AdwPreferencesGroup  *range_group;
  AdwEntryRow          *prefix_row;
  AdwComboRow          *year_row;
  GtkSpinButton        *digits_spin;
  GtkSpinButton        *next_spin;
  GtkLabel             *preview_label;
  AdwPreferencesGroup  *privacy_group;
  GtkSwitch            *birthdays_switch;
};

G_DEFINE_FINAL_TYPE (KontorPreferencesWindow, kontor_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The range the widgets show; clear it with kontor_number_range_clear() */
static void
read_range (KontorPreferencesWindow *self,
            KontorNumberRange       *range)
{
  guint year = adw_combo_row_get_selected (self->year_row);

  range->prefix = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->prefix_row)));
  range->year_format = year <= KONTOR_YEAR_FORMAT_SHORT ? year : KONTOR_YEAR_FORMAT_NONE;
  range->padding = gtk_spin_button_get_value_as_int (self->digits_spin);
  range->next_value = (gint64) gtk_spin_button_get_value (self->next_spin);
}

static void
update_preview (KontorPreferencesWindow *self)
{
  KontorNumberRange range = { NULL, };
  g_autofree char *number = NULL;

  read_range (self, &range);
  number = kontor_number_range_format (&range, range.next_value, NULL);
  gtk_label_set_label (self->preview_label, number);
  kontor_number_range_clear (&range);
}

static void
show_range (KontorPreferencesWindow *self)
{
  KontorNumberRange range = { NULL, };
  g_autoptr(GError) error = NULL;

  if (!kontor_store_get_number_range (kontor_context_get_store (self->context), &range, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }

  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), range.prefix != NULL ? range.prefix : "");
  adw_combo_row_set_selected (self->year_row, range.year_format);
  gtk_spin_button_set_value (self->digits_spin, range.padding);
  gtk_spin_button_set_value (self->next_spin, (double) range.next_value);
  self->loading--;

  kontor_number_range_clear (&range);
  update_preview (self);
}

static void
store_range (KontorPreferencesWindow *self)
{
  KontorNumberRange range = { NULL, };
  g_autoptr(GError) error = NULL;

  if (!kontor_context_is_admin (self->context))
    return;

  read_range (self, &range);
  if (!kontor_store_set_number_range (kontor_context_get_store (self->context), &range, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      show_range (self);
    }
  kontor_number_range_clear (&range);
}

static gboolean
prefix_is_pending (KontorPreferencesWindow *self)
{
  KontorNumberRange range = { NULL, };
  gboolean pending;

  if (!kontor_store_get_number_range (kontor_context_get_store (self->context), &range, NULL))
    return FALSE;

  pending = g_strcmp0 (range.prefix != NULL ? range.prefix : "",
                       gtk_editable_get_text (GTK_EDITABLE (self->prefix_row))) != 0;
  kontor_number_range_clear (&range);

  return pending;
}

static void
on_prefix_row_changed_cb (KontorPreferencesWindow *self)
{
  g_assert (KONTOR_IS_PREFERENCES_WINDOW (self));

  if (self->loading == 0)
    update_preview (self);
}

static void
on_prefix_row_apply_cb (KontorPreferencesWindow *self)
{
  g_assert (KONTOR_IS_PREFERENCES_WINDOW (self));

  store_range (self);
}

static void
on_range_changed_cb (KontorPreferencesWindow *self)
{
  g_assert (KONTOR_IS_PREFERENCES_WINDOW (self));

  if (self->loading > 0)
    return;

  update_preview (self);
  store_range (self);
}

static gboolean
kontor_preferences_window_close_request (GtkWindow *window)
{
  KontorPreferencesWindow *self = KONTOR_PREFERENCES_WINDOW (window);

  /* a prefix typed but not applied is not lost */
  if (kontor_context_can_edit (self->context) && prefix_is_pending (self))
    store_range (self);

  return GTK_WINDOW_CLASS (kontor_preferences_window_parent_class)->close_request (window);
}

/* Privacy ------------------------------------------------------------------ */

static void
show_toast_for (KontorPreferencesWindow *self,
                const GError            *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
show_birthdays (KontorPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean keep = TRUE;

  if (!kontor_store_get_keep_birthdays (kontor_context_get_store (self->context), &keep, &error))
    show_toast_for (self, error);

  self->loading++;
  gtk_switch_set_active (self->birthdays_switch, keep);
  self->loading--;
}

static void
store_keep_birthdays (KontorPreferencesWindow *self,
                      gboolean                 keep)
{
  g_autoptr(GError) error = NULL;

  if (!kontor_store_set_keep_birthdays (kontor_context_get_store (self->context), keep, &error))
    show_toast_for (self, error);
  show_birthdays (self);
}

static void
on_erase_dialog_response_cb (KontorPreferencesWindow *self,
                             const char              *response,
                             AdwMessageDialog        *dialog)
{
  if (g_str_equal (response, "erase"))
    store_keep_birthdays (self, FALSE);
  else
    show_birthdays (self);
}

/* Switching off erases every stored birthday: ask first, naming how many */
static void
ask_to_erase_birthdays (KontorPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 count;

  count = kontor_store_count_birthdays (kontor_context_get_store (self->context), &error);
  if (count < 0)
    {
      show_toast_for (self, error);
      show_birthdays (self);
      return;
    }

  if (count == 0)
    body = g_strdup (_("No birthday is stored now. New contacts will not get one."));
  else
    body = g_strdup_printf (ngettext ("The birthday stored for %d contact is erased, here and on "
                                      "the team’s other computers when they sync. This cannot "
                                      "be undone.",
                                      "The birthdays stored for %d contacts are erased, here and "
                                      "on the team’s other computers when they sync. This "
                                      "cannot be undone.",
                                      (gulong) MIN (count, G_MAXINT)),
                            (int) MIN (count, G_MAXINT));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Stop Storing Birthdays?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "erase", count > 0 ? _("_Erase Birthdays") : _("_Switch Off"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_birthdays_switch_notify_active_cb (KontorPreferencesWindow *self,
                                      GParamSpec              *pspec,
                                      GtkSwitch               *birthdays_switch)
{
  if (self->loading > 0)
    return;

  if (gtk_switch_get_active (birthdays_switch))
    store_keep_birthdays (self, TRUE);
  else
    ask_to_erase_birthdays (self);
}

static void
kontor_preferences_window_constructed (GObject *object)
{
  KontorPreferencesWindow *self = KONTOR_PREFERENCES_WINDOW (object);
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *full = NULL;
  g_autofree char *two = NULL;
  gboolean can_edit;

  G_OBJECT_CLASS (kontor_preferences_window_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  kontor_accessible_label_search_entry (GTK_WIDGET (self), _("Search Preferences"));

  /* Same order as KontorYearFormat: the index is the value. */
  /* Translators: %d is this year, "2026" */
  full = g_strdup_printf (_("Four digits (%d)"), g_date_time_get_year (now));
  /* Translators: %02d is this year's last two digits, "26" */
  two = g_strdup_printf (_("Two digits (%02d)"), g_date_time_get_year (now) % 100);
  gtk_string_list_append (years, C_("year in customer numbers", "None"));
  gtk_string_list_append (years, full);
  gtk_string_list_append (years, two);

  self->loading++;
  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (years));
  self->loading--;

  can_edit = kontor_context_is_admin (self->context);
  gtk_widget_set_sensitive (GTK_WIDGET (self->prefix_row), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_row), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->digits_spin), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_spin), can_edit);
  if (!can_edit)
    adw_preferences_group_set_description (self->range_group,
                                           _("Only an administrator may change the number "
                                             "range."));

  gtk_widget_set_sensitive (GTK_WIDGET (self->birthdays_switch), can_edit);
  if (!can_edit)
    adw_preferences_group_set_description (self->privacy_group,
                                           _("These settings hold for the whole team. Only an "
                                             "administrator may change them."));

  show_range (self);
  show_birthdays (self);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (kontor_team_page_new (self->context)));
}

static void
kontor_preferences_window_dispose (GObject *object)
{
  KontorPreferencesWindow *self = KONTOR_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_preferences_window_parent_class)->dispose (object);
}

static void
kontor_preferences_window_class_init (KontorPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kontor_preferences_window_constructed;
  object_class->dispose = kontor_preferences_window_dispose;

  window_class->close_request = kontor_preferences_window_close_request;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorPreferencesWindow, context));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, range_group);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, prefix_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, year_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, digits_spin);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, next_spin);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, birthdays_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_prefix_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_prefix_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_birthdays_switch_notify_active_cb);
}

static void
kontor_preferences_window_init (KontorPreferencesWindow *self)
{
  /* the template's widgets fire while it is built: nothing to store yet */
  self->loading++;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading--;
}

/**
 * kontor_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 * @context: the context
 *
 * Returns: (transfer none): a new preferences window, owned by GTK like
 *   every window; present it
 */
GtkWindow *
kontor_preferences_window_new (GtkWindow     *parent,
                               KontorContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}
