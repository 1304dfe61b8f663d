/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-today-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-activity-dialog.h"
#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-reminder-ui.h"
#include "kontor-today-view.h"
#include "kontor-ui-utils.h"

/* The "Heute" section of the sidebar (feature R2, src/README.md "Today"):
 * what is due, overdue first, then today's: open tasks by their due date
 * and contacts by theirs (feature P8). Each is done in place (its check
 * button), snoozed (until tomorrow or for a week) or, for a task, done
 * with the next one planned ("erledigt und nächste planen": the dialog
 * for a new task on the same contact and topic). Every change is an
 * undoable operation; the page follows the store, and after a row goes
 * the focus stays where it was in the list. Below them the contacts to
 * stay in touch with (feature R2, src/README.md "Reminders"): how long
 * they had no activity, and Log Call… to record one, which ends it. */

struct _KontorTodayView
{
  AdwBin          parent_instance;

  KontorContext  *context;
  AdwWindowTitle *window_title;
  GtkWidget      *back_button;
  GtkMenuButton  *menu_button;
  GtkStack       *stack;
  AdwPreferencesGroup *overdue_group;
  AdwPreferencesGroup *today_group;
  AdwPreferencesGroup *keep_in_touch_group;
  GtkListBox     *overdue_list;
  GtkListBox     *today_list;
  GtkListBox     *keep_in_touch_list;
  GPtrArray      *rows;           /* the rows shown, in order */
  guint           reload_id;
  guint           midnight_id;
  char           *day;            /* the day shown, "YYYY-MM-DD" */
  guint           n_due;
};

G_DEFINE_FINAL_TYPE (KontorTodayView, kontor_today_view, ADW_TYPE_BIN)

static void reload (KontorTodayView *self);

static KontorStore *
get_store (KontorTodayView *self)
{
  return kontor_context_get_store (self->context);
}

/* "YYYY-MM-DD" @days after today */
static char *
dup_day_after_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gboolean
run_change (KontorTodayView   *self,
            KontorFieldChange *change)
{
  return kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change));
}

/* ------------------------------------------------------------------------ */
/* A row's check button completes it (on_check_toggled_cb ()); its menu's
 * actions: today.snooze ((si) id, days), today.done-next (s id), for
 * tasks and contacts alike by the record's entity */

static KontorRecord *
load_due (KontorTodayView *self,
          const char      *id)
{
  KontorRecord *record = kontor_store_load (get_store (self), KONTOR_TYPE_ACTIVITY, id, NULL);

  return record != NULL ? record : kontor_store_load (get_store (self), KONTOR_TYPE_CONTACT, id,
                                                      NULL);
}

static gboolean
complete (KontorTodayView *self,
          KontorRecord    *record)
{
  g_autoptr(KontorRecord) edited = kontor_record_copy (record);
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *name = kontor_record_dup_display_name (record);
  g_autofree char *title = NULL;

  if (KONTOR_IS_ACTIVITY (record))
    {
      kontor_activity_complete (KONTOR_ACTIVITY (edited), TRUE,
                                g_get_real_time () / G_USEC_PER_SEC);
      title = g_strdup_printf (_("“%s” done"), name);
    }
  else
    {
      kontor_contact_set_due_date (KONTOR_CONTACT (edited), NULL);
      /* Translators: the toast after a contact's due date was done; its name */
      title = g_strdup_printf (_("Due date of “%s” done"), name);
    }

  change = kontor_field_change_new_edit (get_store (self), record, edited, title);

  return run_change (self, change);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorTodayView *self = KONTOR_TODAY_VIEW (widget);
  const char *id;
  gint32 days;
  g_autoptr(KontorRecord) record = NULL;
  g_autoptr(KontorRecord) edited = NULL;
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *date = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_variant_get (parameter, "(&si)", &id, &days);
  record = load_due (self, id);
  if (record == NULL)
    return;

  date = dup_day_after_today (days);
  shown = kontor_format_iso_date (date);
  name = kontor_record_dup_display_name (record);
  edited = kontor_record_copy (record);
  if (KONTOR_IS_ACTIVITY (record))
    kontor_activity_set_due_on (KONTOR_ACTIVITY (edited), date);
  else
    kontor_contact_set_due_date (KONTOR_CONTACT (edited), date);
  /* Translators: the toast after a snooze; a task's or contact's name, a date */
  title = g_strdup_printf (_("“%s” due again on %s"), name, shown);
  change = kontor_field_change_new_edit (get_store (self), record, edited, title);
  run_change (self, change);
}

static void
done_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KontorTodayView *self = KONTOR_TODAY_VIEW (widget);
  g_autoptr(KontorRecord) record = load_due (self, g_variant_get_string (parameter, NULL));
  g_autoptr(KontorActivity) next = NULL;
  KontorActivity *task;
  KontorActivityDialog *dialog;

  if (record == NULL || !KONTOR_IS_ACTIVITY (record))
    return;

  task = KONTOR_ACTIVITY (record);
  /* refused (a viewer, a task gone meanwhile): said, and nothing next */
  if (!complete (self, record))
    return;

  /* the next one: the same contact or company, the same topic */
  next = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK, NULL);
  kontor_activity_set_contact_id (next, kontor_activity_get_contact_id (task));
  kontor_activity_set_company_id (next, kontor_activity_get_company_id (task));
  kontor_activity_set_topic (next, kontor_activity_get_topic (task));
  dialog = kontor_activity_dialog_new (GTK_WIDGET (self), self->context, next);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Rows */

static GMenuModel *
new_row_menu (const char *id,
              gboolean    task)
{
  GMenu *menu = g_menu_new ();
  GMenu *snooze = g_menu_new ();
  g_autoptr(GMenuItem) tomorrow = g_menu_item_new (_("Snooze Until _Tomorrow"), NULL);
  g_autoptr(GMenuItem) week = g_menu_item_new (_("Snooze for a _Week"), NULL);

  g_menu_item_set_action_and_target (tomorrow, "today.snooze", "(si)", id, 1);
  g_menu_item_set_action_and_target (week, "today.snooze", "(si)", id, 7);
  g_menu_append_item (snooze, tomorrow);
  g_menu_append_item (snooze, week);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (snooze));
  if (task)
    {
      g_autoptr(GMenuItem) next = g_menu_item_new (_("Done and Plan _Next…"), NULL);

      g_menu_item_set_action_and_target (next, "today.done-next", "s", id);
      g_menu_append_item (menu, next);
    }
  g_object_unref (snooze);

  return G_MENU_MODEL (menu);
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     gpointer        user_data)
{
  KontorTodayView *self = user_data;
  g_autoptr(KontorRecord) record = NULL;

  if (!gtk_check_button_get_active (check))
    return;

  record = load_due (self, g_object_get_data (G_OBJECT (check), "kontor-id"));
  /* refused: the row stays as it was, open */
  if (record == NULL || !complete (self, record))
    gtk_check_button_set_active (check, FALSE);
}

/* "Anna Schneider · overdue since 01.12.2026" */
static char *
dup_due_text (const char *due)
{
  g_autofree char *today = kontor_format_dup_today ();
  g_autofree char *shown = kontor_format_iso_date (due);

  if (g_strcmp0 (due, today) < 0)
    return g_strdup_printf (_("overdue since %s"), shown);

  return g_strdup (_("due today"));
}

static GtkWidget *
new_row (KontorTodayView *self,
         KontorRecord    *record)
{
  gboolean task = KONTOR_IS_ACTIVITY (record);
  const char *id = kontor_record_get_id (record);
  g_autofree char *name = kontor_record_dup_display_name (record);
  g_autofree char *due = dup_due_text (task ? kontor_activity_get_due_on (KONTOR_ACTIVITY (record))
                                            : kontor_contact_get_due_date (KONTOR_CONTACT (record)));
  g_autofree char *subtitle = NULL;
  g_autofree char *check_label = NULL;
  g_autofree char *menu_label = NULL;
  g_autoptr(GMenuModel) menu = new_row_menu (id, task);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();

  if (task)
    {
      KontorActivity *activity = KONTOR_ACTIVITY (record);
      const char *contact_id = kontor_activity_get_contact_id (activity);
      g_autoptr(KontorRecord) owner = kontor_store_load (get_store (self),
                                                          contact_id != NULL ? KONTOR_TYPE_CONTACT
                                                                             : KONTOR_TYPE_COMPANY,
                                                          contact_id != NULL
                                                          ? contact_id
                                                          : kontor_activity_get_company_id (activity),
                                                          NULL);
      g_autofree char *owner_name = owner != NULL ? kontor_record_dup_display_name (owner)
                                                  : g_strdup ("");

      /* Translators: a task on the Today page: its contact or company, when due */
      subtitle = g_strdup_printf (_("Task · %s · %s"), owner_name, due);
    }
  else
    /* Translators: a contact's due date on the Today page */
    subtitle = g_strdup_printf (_("Contact · %s"), due);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (check, kontor_context_can_edit (self->context));
  check_label = g_strdup_printf (_("Done: %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  check_label, -1);
  g_object_set_data_full (G_OBJECT (check), "kontor-id", g_strdup (id), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "alarm-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_sensitive (menu_button, kontor_context_can_edit (self->context));
  /* Translators: the button of a row of the Today page with Snooze and more */
  menu_label = g_strdup_printf (_("Snooze or Plan: %s"), name);
  gtk_widget_set_tooltip_text (menu_button, _("Snooze or Plan"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  g_object_set_data_full (G_OBJECT (row), "kontor-record", g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (row), "kontor-check", check);

  return row;
}

/* "Stay in touch": Log Call… opens the activity dialog for a call now */
static void
log_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KontorTodayView *self = KONTOR_TODAY_VIEW (widget);

  kontor_reminder_log_call (GTK_WIDGET (self), self->context,
                            g_variant_get_string (parameter, NULL));
}

static GtkWidget *
new_keep_in_touch_row (KontorTodayView *self,
                       KontorContact   *contact,
                       gint64           now)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
  gint64 last = kontor_contact_get_last_activity_at (contact);
  gint64 since = last > 0 ? last : kontor_record_get_created_at (KONTOR_RECORD (contact));
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_autofree char *days = kontor_reminder_days_without_contact ((now - since) / 86400);
  g_autofree char *button_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("call-start-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), days);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, kontor_context_can_edit (self->context));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "today.log-call");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_widget_set_tooltip_text (button, _("Log Call…"));
  /* Translators: the button of a "stay in touch" row of the Today page */
  button_label = g_strdup_printf (_("Log Call: %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  g_object_set_data_full (G_OBJECT (row), "kontor-record", g_object_ref (contact), g_object_unref);
  g_object_set_data (G_OBJECT (row), "kontor-log-call", button);

  return row;
}

/* The contacts to stay in touch with by the end of today, the current
 * user's and those without a sales rep */
static void
add_keep_in_touch_rows (KontorTodayView *self,
                        GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow),
                                                         0, 0, 0);
  KontorUser *me = kontor_store_get_current_user (get_store (self));
  g_autoptr(GPtrArray) contacts = NULL;

  contacts = kontor_store_list_keep_in_touch (get_store (self), g_date_time_to_unix (midnight) - 1,
                                              me != NULL ? kontor_record_get_id (KONTOR_RECORD (me))
                                                         : NULL,
                                              error);
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      GtkWidget *row = new_keep_in_touch_row (self, g_ptr_array_index (contacts, i),
                                              g_date_time_to_unix (now));

      gtk_list_box_append (self->keep_in_touch_list, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
on_row_activated_cb (KontorTodayView *self,
                     GtkListBoxRow   *row,
                     GtkListBox      *list)
{
  KontorRecord *record = g_object_get_data (G_OBJECT (row), "kontor-record");

  if (record == NULL)
    return;

  if (KONTOR_IS_ACTIVITY (record))
    {
      KontorActivityDialog *dialog = kontor_activity_dialog_new (GTK_WIDGET (self), self->context,
                                                                 KONTOR_ACTIVITY (record));

      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contact", "s",
                                kontor_record_get_id (record));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Where the focus was among the rows, to keep it there after a reload
 * (a row done goes away) */
static int
focused_position (KontorTodayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (focus == row || gtk_widget_is_ancestor (focus, row))
        return (int) i;
    }

  return -1;
}

static void
add_rows (KontorTodayView *self,
          GPtrArray       *records,
          const char      *today,
          gboolean         overdue)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);
      const char *due = KONTOR_IS_ACTIVITY (record)
                        ? kontor_activity_get_due_on (KONTOR_ACTIVITY (record))
                        : kontor_contact_get_due_date (KONTOR_CONTACT (record));
      GtkWidget *row;

      if ((g_strcmp0 (due, today) < 0) != overdue)
        continue;
      row = new_row (self, record);
      gtk_list_box_append (overdue ? self->overdue_list : self->today_list, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
reload (KontorTodayView *self)
{
  g_autofree char *today = kontor_format_dup_today ();
  g_autofree char *shown = kontor_format_iso_date (today);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  int position = focused_position (self);
  guint n_overdue;
  guint n_today;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_free (self->day);
  self->day = g_strdup (today);
  clear_list (self->overdue_list);
  clear_list (self->today_list);
  clear_list (self->keep_in_touch_list);
  g_ptr_array_set_size (self->rows, 0);

  tasks = kontor_store_list_due_tasks (get_store (self), today, &error);
  if (tasks != NULL)
    contacts = kontor_store_list_due_contacts (get_store (self), today, &error);
  if (error != NULL)
    g_warning ("Could not list what is due: %s", error->message);
  g_clear_error (&error);

  add_rows (self, tasks, today, TRUE);
  add_rows (self, contacts, today, TRUE);
  n_overdue = self->rows->len;
  add_rows (self, tasks, today, FALSE);
  add_rows (self, contacts, today, FALSE);
  n_today = self->rows->len;
  add_keep_in_touch_rows (self, &error);
  if (error != NULL)
    g_warning ("Could not list the contacts to stay in touch with: %s", error->message);
  self->n_due = self->rows->len;

  gtk_widget_set_visible (GTK_WIDGET (self->overdue_group), n_overdue > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->today_group), n_today > n_overdue);
  gtk_widget_set_visible (GTK_WIDGET (self->keep_in_touch_group), self->n_due > n_today);
  adw_preferences_group_set_title (self->overdue_group, NULL);
  {
    /* Translators: the heading of the overdue items, "2 overdue" */
    g_autofree char *heading = g_strdup_printf (ngettext ("%u Overdue", "%u Overdue", n_overdue),
                                                n_overdue);
    adw_preferences_group_set_title (self->overdue_group, heading);
  }
  gtk_stack_set_visible_child_name (self->stack, self->n_due > 0 ? "list" : "empty");

  /* Translators: the subtitle of the Today page: the date, how many are due */
  subtitle = g_strdup_printf (ngettext ("%s · %u due", "%s · %u due", self->n_due), shown,
                              self->n_due);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (position >= 0 && self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows,
                                              MIN ((guint) position, self->rows->len - 1)));
}

static gboolean
reload_idle_cb (gpointer data)
{
  KontorTodayView *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* A new day: what was due today is overdue, tomorrow's is today's */
static gboolean
on_midnight_cb (gpointer data)
{
  KontorTodayView *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow),
                                                         0, 0, 1);
  g_autofree char *today = kontor_format_dup_today ();

  if (g_strcmp0 (today, self->day) != 0)
    reload (self);
  /* a minute at most, so a night slept through catches up on waking */
  self->midnight_id = g_timeout_add_seconds ((guint) CLAMP (g_date_time_difference (midnight, now)
                                                            / G_USEC_PER_SEC, 1, 60),
                                             on_midnight_cb, self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (KontorTodayView *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* ------------------------------------------------------------------------ */

static GtkListBox *
new_list (const char *label)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return list;
}

static void
kontor_today_view_constructed (GObject *object)
{
  KontorTodayView *self = KONTOR_TODAY_VIEW (object);
  KontorStore *store = get_store (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *empty = adw_status_page_new ();

  G_OBJECT_CLASS (kontor_today_view_parent_class)->constructed (object);

  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new (_("Today"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->back_button), "workspace.show-sidebar");
  gtk_widget_set_tooltip_text (self->back_button, _("Sections"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sections"), -1);
  gtk_widget_set_visible (self->back_button, FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "open-menu-symbolic");
  gtk_menu_button_set_primary (self->menu_button, TRUE);
  gtk_menu_button_set_menu_model (self->menu_button, kontor_ui_get_primary_menu ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("Main Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->menu_button));
  gtk_box_append (GTK_BOX (box), header);

  self->overdue_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->overdue_list = new_list (_("Overdue"));
  adw_preferences_group_add (self->overdue_group, GTK_WIDGET (self->overdue_list));
  self->today_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->today_group, _("Due Today"));
  self->today_list = new_list (_("Due Today"));
  adw_preferences_group_add (self->today_group, GTK_WIDGET (self->today_list));
  self->keep_in_touch_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->keep_in_touch_group, _("Stay in Touch"));
  self->keep_in_touch_list = new_list (_("Stay in Touch"));
  adw_preferences_group_add (self->keep_in_touch_group, GTK_WIDGET (self->keep_in_touch_list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->overdue_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->today_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->keep_in_touch_group);
  g_signal_connect_object (self->keep_in_touch_list, "row-activated",
                           G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overdue_list, "row-activated", G_CALLBACK (on_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->today_list, "row-activated", G_CALLBACK (on_row_activated_cb),
                           self, G_CONNECT_SWAPPED);

  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing Due Today"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Tasks and contacts due today or overdue, and contacts to "
                                     "stay in touch with, show here."));
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "alarm-symbolic");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, page, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);

  g_signal_connect_object (store, "changed::activity", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::contact", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  on_midnight_cb (self);
}

static void
kontor_today_view_dispose (GObject *object)
{
  KontorTodayView *self = KONTOR_TODAY_VIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_today_view_parent_class)->dispose (object);
}

static void
kontor_today_view_class_init (KontorTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_today_view_constructed;
  object_class->dispose = kontor_today_view_dispose;
  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorTodayView, context));

  gtk_widget_class_install_action (widget_class, "today.snooze", "(si)", snooze_action);
  gtk_widget_class_install_action (widget_class, "today.done-next", "s", done_next_action);
  gtk_widget_class_install_action (widget_class, "today.log-call", "s", log_call_action);
}

static void
kontor_today_view_init (KontorTodayView *self)
{
  self->rows = g_ptr_array_new ();
}

/**
 * kontor_today_view_new:
 * @context: the context
 *
 * Returns: (transfer floating): the Today page
 */
GtkWidget *
kontor_today_view_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_TODAY_VIEW, "context", context, NULL);
}

GtkWidget *
kontor_today_view_get_back_button (KontorTodayView *self)
{
  g_return_val_if_fail (KONTOR_IS_TODAY_VIEW (self), NULL);

  return self->back_button;
}

/**
 * kontor_today_view_get_n_due:
 * @self: the page
 *
 * Returns: how many tasks and contacts it shows
 */
guint
kontor_today_view_get_n_due (KontorTodayView *self)
{
  g_return_val_if_fail (KONTOR_IS_TODAY_VIEW (self), 0);

  return self->n_due;
}

/**
 * kontor_today_view_focus_first:
 * @self: the page
 *
 * Gives the keyboard focus to its first row.
 */
void
kontor_today_view_focus_first (KontorTodayView *self)
{
  g_return_if_fail (KONTOR_IS_TODAY_VIEW (self));

  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
}
