/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-reminder-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-reminder-ui.h"

/* A task's reminder as a desktop notification (features R2, X9;
 * src/README.md "Reminders"), with Done, Snooze an hour, Snooze a day,
 * and Open as its default action: the application's actions
 * app.reminder-done, app.reminder-snooze and app.reminder-open, whose
 * targets name the database and the task, and which call the functions
 * below. Done and the snoozes are changes of the
 * task on the context's stack, undone with Ctrl+Z like any. */

/**
 * kontor_reminder_dup_text:
 * @context: the context
 * @task: a task whose reminder is due
 * @title: (out) (transfer full): the notification's title
 * @body: (out) (transfer full): its text
 *
 * What a reminder says: the task, and its contact or company with the
 * due date.
 */
void
kontor_reminder_dup_text (KontorContext   *context,
                          KontorActivity  *task,
                          char           **title,
                          char           **body)
{
  KontorStore *store = kontor_context_get_store (context);
  const char *contact_id = kontor_activity_get_contact_id (task);
  g_autoptr(KontorRecord) owner = NULL;
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (task));
  g_autofree char *owner_name = NULL;
  g_autofree char *due = kontor_format_iso_date (kontor_activity_get_due_on (task));

  owner = kontor_store_load (store, contact_id != NULL ? KONTOR_TYPE_CONTACT : KONTOR_TYPE_COMPANY,
                             contact_id != NULL ? contact_id : kontor_activity_get_company_id (task),
                             NULL);
  owner_name = owner != NULL ? kontor_record_dup_display_name (owner) : g_strdup ("");

  /* Translators: the title of a task's reminder; its subject */
  *title = g_strdup_printf (_("Reminder: %s"), name);
  if (due != NULL)
    /* Translators: a reminder's text: a contact or company, a date */
    *body = g_strdup_printf (_("%s · due %s"), owner_name, due);
  else
    *body = g_steal_pointer (&owner_name);
}

/**
 * kontor_reminder_notification_id:
 * @path: the database the task is in (its profile)
 * @id: a task's id
 *
 * Returns: (transfer full): the id of its notification, so that a
 *   snoozed one replaces the one shown, and the same task in another
 *   database has its own
 */
char *
kontor_reminder_notification_id (const char *path,
                                 const char *id)
{
  return g_strconcat ("reminder-", id, "-", path, NULL);
}

/**
 * kontor_reminder_notification_new:
 * @context: the context
 * @path: the context's database, which the buttons name with the task
 *   (one process may show several: src/README.md "Reminders")
 * @task: a task whose reminder is due
 *
 * Returns: (transfer full): the notification, with its buttons
 */
GNotification *
kontor_reminder_notification_new (KontorContext  *context,
                                  const char     *path,
                                  KontorActivity *task)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (task));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GNotification *notification;

  kontor_reminder_dup_text (context, task, &title, &body);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_add_button_with_target (notification, _("Done"), "app.reminder-done", "(ss)",
                                         path, id);
  g_notification_add_button_with_target (notification, _("Snooze an Hour"),
                                         "app.reminder-snooze", "(ssi)", path, id,
                                         KONTOR_SNOOZE_HOUR);
  g_notification_add_button_with_target (notification, _("Snooze a Day"),
                                         "app.reminder-snooze", "(ssi)", path, id,
                                         KONTOR_SNOOZE_DAY);
  g_notification_set_default_action_and_target (notification, "app.reminder-open", "(ss)",
                                                path, id);

  return notification;
}

static gboolean
run_edit (KontorContext   *context,
          KontorActivity  *task,
          KontorActivity  *edited,
          const char      *title,
          GError         **error)
{
  g_autoptr(KontorFieldChange) change =
    kontor_field_change_new_edit (kontor_context_get_store (context), KONTOR_RECORD (task),
                                  KONTOR_RECORD (edited), title);

  return kontor_operation_stack_run (kontor_context_get_operations (context),
                                     KONTOR_OPERATION (change), error);
}

static KontorActivity *
load_task (KontorContext  *context,
           const char     *id,
           GError        **error)
{
  return kontor_store_load (kontor_context_get_store (context), KONTOR_TYPE_ACTIVITY, id, error);
}

/**
 * kontor_reminder_done:
 * @context: the context
 * @id: a task's id
 * @error: return location for a #GError
 *
 * The notification's Done: the task ticked off now.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_reminder_done (KontorContext  *context,
                      const char     *id,
                      GError        **error)
{
  g_autoptr(KontorActivity) task = load_task (context, id, error);
  g_autoptr(KontorActivity) edited = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (task == NULL)
    return FALSE;

  edited = KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (task)));
  kontor_activity_complete (edited, TRUE, g_get_real_time () / G_USEC_PER_SEC);
  name = kontor_record_dup_display_name (KONTOR_RECORD (task));
  title = g_strdup_printf (_("“%s” done"), name);

  return run_edit (context, task, edited, title, error);
}

/**
 * kontor_reminder_snooze:
 * @context: the context
 * @id: a task's id
 * @snooze: how long
 * @error: return location for a #GError
 *
 * The notification's Snooze: the reminder again in an hour, or tomorrow
 * at the same time of day.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_reminder_snooze (KontorContext  *context,
                        const char     *id,
                        KontorSnooze    snooze,
                        GError        **error)
{
  g_autoptr(KontorActivity) task = load_task (context, id, error);
  g_autoptr(KontorActivity) edited = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (task == NULL)
    return FALSE;

  edited = KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (task)));
  kontor_activity_set_remind_at (edited,
                                 kontor_activity_snooze_time (g_get_real_time () / G_USEC_PER_SEC,
                                                              snooze, zone));
  name = kontor_record_dup_display_name (KONTOR_RECORD (task));
  /* Translators: the toast after a reminder was put off; a task's subject */
  title = g_strdup_printf (_("Reminder of “%s” put off"), name);

  return run_edit (context, task, edited, title, error);
}

/* ------------------------------------------------------------------------ */
/* Stay in touch (feature R2): a contact without activity for its interval
 * (src/README.md "Reminders") */

/**
 * kontor_reminder_days_without_contact:
 * @days: days since the last activity
 *
 * Returns: (transfer full): "No contact for 45 days"
 */
char *
kontor_reminder_days_without_contact (gint64 days)
{
  int shown = (int) CLAMP (days, 0, G_MAXINT);

  /* Translators: how long a contact had no activity ("Stay in touch") */
  return g_strdup_printf (ngettext ("No contact for %d day", "No contact for %d days", shown),
                          shown);
}

/**
 * kontor_reminder_keep_in_touch_dup_text:
 * @contact: a contact due for "stay in touch"
 * @days: how many days without activity
 * @title: (out) (transfer full): the notification's title
 * @body: (out) (transfer full): its text
 */
void
kontor_reminder_keep_in_touch_dup_text (KontorContact  *contact,
                                        gint64          days,
                                        char          **title,
                                        char          **body)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (contact));

  /* Translators: the title of a "stay in touch" reminder; a contact's name */
  *title = g_strdup_printf (_("Stay in touch with %s"), name);
  *body = kontor_reminder_days_without_contact (days);
}

/**
 * kontor_reminder_keep_in_touch_notification_new:
 * @path: the contact's database, which the targets name with the contact
 * @contact: a contact due for "stay in touch"
 * @days: how many days without activity
 *
 * Returns: (transfer full): the notification: Log Call… as its button
 *   (app.reminder-log-call), the contact's page as its default action
 *   (app.reminder-open-contact), both with the target (@path, its id)
 */
GNotification *
kontor_reminder_keep_in_touch_notification_new (const char    *path,
                                                KontorContact *contact,
                                                gint64         days)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GNotification *notification;

  kontor_reminder_keep_in_touch_dup_text (contact, days, &title, &body);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_add_button_with_target (notification, _("Log Call…"), "app.reminder-log-call",
                                         "(ss)", path, id);
  g_notification_set_default_action_and_target (notification, "app.reminder-open-contact",
                                                "(ss)", path, id);

  return notification;
}

/**
 * kontor_reminder_log_call:
 * @parent: the widget the dialog belongs to
 * @context: the context
 * @contact_id: a contact's id
 *
 * Opens the activity dialog for a new call with the contact, now.
 *
 * Returns: (transfer none): the dialog
 */
KontorActivityDialog *
kontor_reminder_log_call (GtkWidget     *parent,
                          KontorContext *context,
                          const char    *contact_id)
{
  g_autoptr(KontorActivity) call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, NULL);
  KontorActivityDialog *dialog;

  kontor_activity_set_contact_id (call, contact_id);
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE);
  kontor_activity_set_starts_at (call, g_get_real_time () / G_USEC_PER_SEC);
  dialog = kontor_activity_dialog_new (parent, context, call);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/* ------------------------------------------------------------------------ */
/* The birthday setting (birthday-reminder-days), for Preferences */

/**
 * kontor_reminder_preferences_group_new:
 * @settings: the application's settings
 *
 * Returns: (transfer floating): the group "Birthdays" with how many days
 *   before a birthday this machine reminds of it, bound to the setting
 */
GtkWidget *
kontor_reminder_preferences_group_new (GSettings *settings)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, KONTOR_REMINDERS_BIRTHDAY_DAYS_MAX, 1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Birthdays"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("This setting holds for you on this computer, while "
                                           "the team stores birthdays (Privacy)."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Birthdays, Days Before"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("A birthday of your contacts is reminded of at 05:30, this "
                                 "many days before; 0 is on the day."));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Days before a birthday to remind of it"), -1);
  g_settings_bind (settings, "birthday-reminder-days", spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_widget_set_name (spin, "birthday-reminder-days");

  return group;
}
