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
