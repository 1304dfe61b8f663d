/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-number-range-group.h"
#include "kontor-preferences-window.h"
#include "kontor-reminder-ui.h"
#include "kontor-sync-page.h"
#include "kontor-team-page.h"
#include "kontor-ui-utils.h"

/**
 * KontorPreferencesWindow:
 *
 * Preferences of the team, which only an administrator changes
 * (src/README.md "Roles"): the customer number ranges of contacts and companies
 * ("Nummernkreise", features C5 and C1, #KontorNumberRangeGroup), the team
 * (#KontorTeamPage), the team server (#KontorSyncPage), and privacy: whether birthdays are stored
 * (feature C8, src/README.md "Birthdays"), which asks before it erases them; and the
 * user's own "Remind Me After Login" (src/README.md "Reminders"). Every
 * change is stored at once (the prefix when applied, or when the window
 * closes); what the store refuses is said in a toast and the stored value
 * is shown again.
 */
struct _KontorPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  KontorContext        *context;
  guint                 loading;

  AdwPreferencesPage   *numbers_page;
  GtkWidget            *ranges[2];     /* KontorNumberRangeGroup: contacts, companies */
  AdwPreferencesGroup  *privacy_group;
  GtkSwitch            *birthdays_switch;
  GtkSwitch            *autostart_switch;
};

G_DEFINE_FINAL_TYPE (KontorPreferencesWindow, kontor_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
kontor_preferences_window_close_request (GtkWindow *window)
{
  KontorPreferencesWindow *self = KONTOR_PREFERENCES_WINDOW (window);

  /* a prefix typed but not applied is not lost */
  for (guint i = 0; i < G_N_ELEMENTS (self->ranges); i++)
    kontor_number_range_group_store_pending (KONTOR_NUMBER_RANGE_GROUP (self->ranges[i]));

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
  kontor_ui_add_question_responses (dialog, "erase",
                                    count > 0 ? _("_Erase Birthdays") : _("_Switch Off"),
                                    ADW_RESPONSE_DESTRUCTIVE);
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

/* This computer's birthday reminders (src/README.md "Reminders"), on the
 * Reminders page, only while the team keeps birthdays */
static void
add_reminders_group (KontorPreferencesWindow *self)
{
  GtkWidget *group =
    kontor_reminder_preferences_group_new (kontor_context_get_settings (self->context));
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self->autostart_switch),
                                             ADW_TYPE_PREFERENCES_PAGE);

  g_object_bind_property (self->birthdays_switch, "active", group, "sensitive",
                          G_BINDING_SYNC_CREATE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
}

static void
kontor_preferences_window_constructed (GObject *object)
{
  KontorPreferencesWindow *self = KONTOR_PREFERENCES_WINDOW (object);
  const GType kinds[] = { KONTOR_TYPE_CONTACT, KONTOR_TYPE_COMPANY };
  gboolean admin;

  G_OBJECT_CLASS (kontor_preferences_window_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  kontor_accessible_label_search_entry (GTK_WIDGET (self), _("Search Preferences"));

  /* the contacts' number range and the companies' */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      self->ranges[i] = kontor_number_range_group_new (self->context, kinds[i]);
      adw_preferences_page_add (self->numbers_page, ADW_PREFERENCES_GROUP (self->ranges[i]));
    }

  admin = kontor_context_is_admin (self->context);
  gtk_widget_set_sensitive (GTK_WIDGET (self->birthdays_switch), admin);
  if (!admin)
    adw_preferences_group_set_description (self->privacy_group,
                                           _("These settings hold for the whole team. Only an "
                                             "administrator may change them."));
  show_birthdays (self);
  add_reminders_group (self);

  /* the user's own: src/ui/kontor-autostart.c follows the setting */
  g_settings_bind (kontor_context_get_settings (self->context), "autostart",
                   self->autostart_switch, "active", G_SETTINGS_BIND_DEFAULT);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (kontor_team_page_new (self->context)));
  if (kontor_context_get_sync (self->context) != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (kontor_sync_page_new (self->context)));
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
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, numbers_page);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, birthdays_switch);
  gtk_widget_class_bind_template_child (widget_class, KontorPreferencesWindow, autostart_switch);
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
