/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-reminders"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "kontor-contact-rules.h"
#include "kontor-reminders.h"
#include "kontor-store-activity.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-uuid.h"

/**
 * KontorReminders:
 *
 * When tasks' reminders are due (features R2, X9; src/README.md
 * "Reminders"): "due" is emitted once for each open task whose reminder
 * time has come and that this machine has not shown since
 * (`activity.reminded_at`, schema 18, the machine's own). A check runs
 * at the next reminder's time and at least once a minute: GLib's timers
 * follow the monotonic clock, which stands still while the machine
 * sleeps, so after a wake the minute's check finds what came due
 * meanwhile, and shows each once. A snooze (a synced change of
 * remind_at) makes the reminder due again at its new time. The clock can
 * be set for tests, which then call kontor_reminders_check() themselves.
 *
 * The same check makes a birthday's task and says when a contact is due
 * for "stay in touch" ("keep-in-touch-due"); `reminder_sent` (schema 20,
 * the machine's own) remembers each shown once per period: a birthday's
 * year, a contact's last activity.
 */
struct _KontorReminders
{
  GObject          parent_instance;

  KontorStore     *store;
  KontorClockFunc  clock;
  gpointer         clock_data;
  GTimeZone       *zone;          /* NULL: the local one, asked each time */
  guint            birthday_days;
  guint            timeout_id;
};

enum {
  DUE,
  KEEP_IN_TOUCH_DUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_BIRTHDAY_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorReminders, kontor_reminders, G_TYPE_OBJECT)

#define CHECK_EVERY_S 60

static void schedule (KontorReminders *self);

static gint64
real_clock (gpointer data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * kontor_reminders_now:
 * @self: the reminders
 *
 * Returns: the time now by the reminders' clock, Unix seconds
 */
gint64
kontor_reminders_now (KontorReminders *self)
{
  g_return_val_if_fail (KONTOR_IS_REMINDERS (self), 0);

  return self->clock (self->clock_data);
}

/* Notes that the reminder of @rowid was shown @now: this machine's own,
 * no outbox entry */
static gboolean
mark_reminded (KontorReminders  *self,
               gint64            rowid,
               gint64            now,
               GError          **error)
{
  KontorStore *store = self->store;
  sqlite3_stmt *stmt;

  if (!_kontor_store_begin (store, error))
    return FALSE;
  stmt = _kontor_store_prepare (store, "UPDATE activity SET reminded_at = ?2 WHERE rid = ?1",
                                error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int64 (stmt, 2, now);
    }

  return _kontor_store_end (store, stmt != NULL && _kontor_store_step_done (store, stmt, error),
                            error);
}

/* ------------------------------------------------------------------------ */
/* Reminders of contacts: what this machine showed, in reminder_sent */

static int
was_sent (KontorReminders     *self,
          KontorReminderKind   kind,
          const char          *record_id,
          const char          *period,
          GError             **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self->store,
                                              "SELECT count(*) FROM reminder_sent WHERE kind = ?1 "
                                              "AND record_id = ?2 AND period = ?3", error);
  gint64 found = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self->store, stmt, &found, NULL, error) < 0)
    return -1;

  return found > 0;
}

static gboolean
mark_sent (KontorReminders     *self,
           KontorReminderKind   kind,
           const char          *record_id,
           const char          *period,
           gint64               now,
           GError             **error)
{
  KontorStore *store = self->store;
  sqlite3_stmt *stmt;

  if (!_kontor_store_begin (store, error))
    return FALSE;
  stmt = _kontor_store_prepare (store, "INSERT OR IGNORE INTO reminder_sent "
                                "(kind, record_id, period, sent_at) VALUES (?1, ?2, ?3, ?4)",
                                error);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, kind);
      sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, now);
    }

  return _kontor_store_end (store, stmt != NULL && _kontor_store_step_done (store, stmt, error),
                            error);
}

static GTimeZone *
dup_zone (KontorReminders *self)
{
  return self->zone != NULL ? g_time_zone_ref (self->zone) : g_time_zone_new_local ();
}

/**
 * kontor_reminders_birthday_time:
 * @birthday: a birthday, "YYYY-MM-DD" or "--MM-DD" without its year
 * @year: the year of the birthday to remind of
 * @days_before: how many days before it
 * @zone: the user's time zone
 * @occurrence: (out) (optional) (transfer full): the day of the birthday
 *   in @year, "YYYY-MM-DD"
 * @day_end: (out) (optional): the end of that day, Unix seconds
 *
 * When a birthday is reminded of: at 05:30 in @zone, @days_before days
 * before it (the zone's own offset that day, summer or winter). A
 * birthday on 29 February is on the 28th in other years, so it is
 * still in February.
 *
 * Returns: the time, Unix seconds; 0 when @birthday is not a date
 */
gint64
kontor_reminders_birthday_time (const char  *birthday,
                                int          year,
                                guint        days_before,
                                GTimeZone   *zone,
                                char       **occurrence,
                                gint64      *day_end)
{
  g_autoptr(GDateTime) fire = NULL;
  g_autoptr(GDateTime) end = NULL;
  guint month, day;
  GDate date;

  g_return_val_if_fail (zone != NULL, 0);

  /* the model's rule, a year-less birthday (vCard's --04-15) included */
  if (!kontor_birthday_parse (birthday, NULL, &month, &day) || year < 1 || year > 9998)
    return 0;
  if (month == 2 && day == 29 && !g_date_is_leap_year ((GDateYear) year))
    day = 28;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (occurrence != NULL)
    *occurrence = g_strdup_printf ("%04d-%02u-%02u", year, month, day);
  if (day_end != NULL)
    {
      GDate next = date;

      g_date_add_days (&next, 1);
      end = g_date_time_new (zone, g_date_get_year (&next), g_date_get_month (&next),
                             g_date_get_day (&next), 0, 0, 0);
      *day_end = end != NULL ? g_date_time_to_unix (end) : 0;
    }

  g_date_subtract_days (&date, days_before);
  fire = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), KONTOR_REMINDERS_BIRTHDAY_HOUR,
                          KONTOR_REMINDERS_BIRTHDAY_MINUTE, 0);

  return fire != NULL ? g_date_time_to_unix (fire) : 0;
}

/* The task a birthday is reminded by: the same id on every machine of
 * the user (the contact, the user, the year), so two machines that both
 * make it write one record. */
static char *
dup_birthday_task_id (const char *contact_id,
                      const char *user_id,
                      const char *occurrence)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *name = g_strdup_printf ("birthday/%s/%s/%.4s", contact_id, user_id,
                                           occurrence);
  int year = 0, month = 0, mday = 0;

  if (sscanf (occurrence, "%d-%d-%d", &year, &month, &mday) == 3)
    day = g_date_time_new_utc (year, month, mday, 0, 0, 0);

  return kontor_uuid_v7_new_for_name (day != NULL ? g_date_time_to_unix (day) * 1000 : 0, name);
}

/* Whether the activity @id was deleted (a tombstone); -1 on error */
static int
is_deleted (KontorReminders  *self,
            const char       *id,
            GError          **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self->store,
                                              "SELECT count(*) FROM tombstone "
                                              "WHERE entity = 'activity' AND id = ?1", error);
  gint64 found = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self->store, stmt, &found, NULL, error) < 0)
    return -1;

  return found > 0;
}

/* The birthday's task: open, due on the birthday, its reminder at
 * @fire; made unless a machine of the user made it already */
static gboolean
write_birthday_task (KontorReminders  *self,
                     const char       *contact_id,
                     const char       *user_id,
                     const char       *occurrence,
                     gint64            fire,
                     GError          **error)
{
  g_autofree char *id = dup_birthday_task_id (contact_id, user_id, occurrence);
  g_autoptr(KontorActivity) existing = kontor_store_load (self->store, KONTOR_TYPE_ACTIVITY, id,
                                                          NULL);
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorActivity) task = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *subject = NULL;
  int year = 0, month = 0, mday = 0;

  if (existing != NULL)
    return TRUE;
  /* deleted here, or on another machine and synced: stays deleted */
  switch (is_deleted (self, id, error))
    {
    case 0:
      break;
    case 1:
      return TRUE;
    default:
      return FALSE;
    }
  contact = kontor_store_load (self->store, KONTOR_TYPE_CONTACT, contact_id, error);
  if (contact == NULL)
    return FALSE;

  if (sscanf (occurrence, "%d-%d-%d", &year, &month, &mday) == 3)
    day = g_date_time_new_utc (year, month, mday, 0, 0, 0);
  /* xgettext:no-c-format */
  /* Translators: the date of a birthday in a task's subject, for
   * g_date_time_format (): "April 15"; German "%-d. %B" */
  shown = day != NULL ? g_date_time_format (day, _("%B %-d")) : g_strdup (occurrence);
  /* Translators: the subject of a birthday's task; the date, "April 15" */
  subject = g_strdup_printf (_("Birthday: %s"), shown);

  task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK, KONTOR_RECORD (contact));
  kontor_record_set_id (KONTOR_RECORD (task), id);
  kontor_activity_set_topic (task, KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE);
  kontor_activity_set_subject (task, subject);
  kontor_activity_set_due_on (task, occurrence);
  kontor_activity_set_remind_at (task, fire);
  kontor_activity_set_created_by (task, user_id);

  return kontor_store_save (self->store, KONTOR_RECORD (task), error);
}

typedef struct
{
  char *id;
  char *birthday;
} Birthday;

static void
birthday_clear (gpointer data)
{
  Birthday *birthday = data;

  g_free (birthday->id);
  g_free (birthday->birthday);
}

/* The birthdays of the current user's contacts (those whose sales reps
 * include the user): an index walk of the user's links
 * (contact_link_by_target, schema 12) */
static GArray *
list_birthdays (KontorReminders  *self,
                const char       *user_id,
                GError          **error)
{
  g_autoptr(GArray) birthdays = g_array_new (FALSE, FALSE, sizeof (Birthday));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (birthdays, birthday_clear);
  stmt = _kontor_store_prepare (self->store,
                                "SELECT c.id, c.birthday FROM contact_link l "
                                "JOIN contact c ON c.id = l.owner_id "
                                "WHERE l.target_id = ?1 AND l.kind = 0 "
                                "AND c.birthday IS NOT NULL AND c.status != 3",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_TRANSIENT);
  while ((rc = _kontor_store_step (self->store, stmt, error)) == 1)
    {
      Birthday birthday = { g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                            g_strdup ((const char *) sqlite3_column_text (stmt, 1)) };

      g_array_append_val (birthdays, birthday);
    }
  if (rc < 0)
    return NULL;
  sqlite3_reset (stmt);

  return g_steal_pointer (&birthdays);
}

G_STATIC_ASSERT (KONTOR_LINK_KIND_SALES_REP == 0);

/* Birthdays whose reminder time has come (this year's, or next year's
 * in late December) and whose day has not ended: each one's task, once a
 * year on this machine, even when the machine slept through 05:30. Only
 * while the team keeps birthdays (feature C8). */
static gboolean
check_birthdays (KontorReminders  *self,
                 const char       *user_id,
                 gint64            now,
                 GError          **error)
{
  g_autoptr(GTimeZone) zone = dup_zone (self);
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GArray) birthdays = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gboolean keep = TRUE;
  int year;

  if (!kontor_store_get_keep_birthdays (self->store, &keep, error))
    return FALSE;
  if (!keep || user_id == NULL)
    return TRUE;

  birthdays = list_birthdays (self, user_id, error);
  if (birthdays == NULL)
    return FALSE;
  utc = g_date_time_new_from_unix_utc (now);
  today = g_date_time_to_timezone (utc, zone);
  year = g_date_time_get_year (today);

  for (guint i = 0; i < birthdays->len; i++)
    {
      Birthday *birthday = &g_array_index (birthdays, Birthday, i);

      for (int y = year; y <= year + 1; y++)
        {
          g_autofree char *occurrence = NULL;
          g_autofree char *period = g_strdup_printf ("%d", y);
          gint64 day_end = 0;
          gint64 fire = kontor_reminders_birthday_time (birthday->birthday, y,
                                                        self->birthday_days, zone,
                                                        &occurrence, &day_end);
          int sent;

          if (fire <= 0 || now < fire || now >= day_end)
            continue;
          sent = was_sent (self, KONTOR_REMINDER_KIND_BIRTHDAY, birthday->id, period, error);
          if (sent < 0)
            return FALSE;
          if (sent > 0)
            continue;
          /* refused (a user who may no longer write, a contact gone
           * meanwhile): said once, and neither this birthday nor the
           * tasks' reminders are held up by it */
          {
            g_autoptr(GError) local_error = NULL;

            if (!write_birthday_task (self, birthday->id, user_id, occurrence, fire,
                                      &local_error))
              g_warning ("Could not make the task of a birthday: %s", local_error->message);
          }
          if (!mark_sent (self, KONTOR_REMINDER_KIND_BIRTHDAY, birthday->id, period, now, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Contacts without activity for their interval: "keep-in-touch-due"
 * once per last activity on this machine; a new activity is a new
 * period, and the interval starts again from it */
static gboolean
check_keep_in_touch (KontorReminders  *self,
                     const char       *user_id,
                     gint64            now,
                     guint            *n,
                     GError          **error)
{
  g_autoptr(GPtrArray) contacts = kontor_store_list_keep_in_touch (self->store, now, user_id,
                                                                   error);

  if (contacts == NULL)
    return FALSE;

  for (guint i = 0; i < contacts->len; i++)
    {
      KontorContact *contact = g_ptr_array_index (contacts, i);
      const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
      gint64 last = kontor_contact_get_last_activity_at (contact);
      gint64 since = last > 0 ? last : kontor_record_get_created_at (KONTOR_RECORD (contact));
      g_autofree char *period = g_strdup_printf ("%" G_GINT64_FORMAT, since);
      int sent = was_sent (self, KONTOR_REMINDER_KIND_KEEP_IN_TOUCH, id, period, error);

      if (sent < 0)
        return FALSE;
      if (sent > 0)
        continue;
      if (!mark_sent (self, KONTOR_REMINDER_KIND_KEEP_IN_TOUCH, id, period, now, error))
        return FALSE;
      g_signal_emit (self, signals[KEEP_IN_TOUCH_DUE], 0, contact, (now - since) / 86400);
      (*n)++;
    }

  return TRUE;
}

/**
 * kontor_reminders_check:
 * @self: the reminders
 * @error: return location for a #GError
 *
 * Makes the task of each birthday of the current user's contacts whose
 * reminder time has come (see kontor_reminders_birthday_time()), once a
 * year, while the team keeps birthdays. Emits "due" for every open task
 * of the current user (or of nobody in particular) whose reminder is due
 * by the clock and not shown since, the earliest first, and notes each as
 * shown. A colleague's task synced here reminds the colleague, on their
 * machine. Then emits "keep-in-touch-due" for each contact due for
 * "stay in touch" not shown since its last activity.
 *
 * Returns: how many were due; 0 with @error set on failure
 */
guint
kontor_reminders_check (KontorReminders  *self,
                        GError          **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *now_text = NULL;
  const char *me_id;
  KontorUser *me;
  guint n = 0;
  gint64 now;

  g_return_val_if_fail (KONTOR_IS_REMINDERS (self), 0);

  now = kontor_reminders_now (self);
  me = kontor_store_get_current_user (self->store);
  me_id = me != NULL ? kontor_record_get_id (KONTOR_RECORD (me)) : NULL;
  /* a birthday's task first, so that it is due below */
  if (!check_birthdays (self, me_id, now, error))
    return 0;

  now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  due = _kontor_store_load_list (self->store, &_kontor_store_activity_entity,
                                 "SELECT rid FROM activity WHERE kind = 0 AND done = 0 "
                                 "AND remind_at > 0 AND remind_at <= CAST (?1 AS INTEGER) "
                                 "AND reminded_at < remind_at ORDER BY remind_at, rid",
                                 now_text, error);
  if (due == NULL)
    return 0;

  for (guint i = 0; i < due->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (due, i);
      const char *author = kontor_activity_get_created_by (activity);

      /* a colleague's task, synced here, reminds the colleague */
      if (author != NULL && me_id != NULL && g_strcmp0 (author, me_id) != 0)
        continue;

      if (!mark_reminded (self, kontor_record_get_rowid (KONTOR_RECORD (activity)), now, error))
        return 0;
      g_signal_emit (self, signals[DUE], 0, activity);
      n++;
    }

  if (!check_keep_in_touch (self, me_id, now, &n, error))
    return 0;

  return n;
}

/**
 * kontor_reminders_get_next:
 * @self: the reminders
 * @error: return location for a #GError
 *
 * Returns: the time of the next reminder after now, 0 when there is none,
 *   -1 on error
 */
gint64
kontor_reminders_get_next (KontorReminders  *self,
                           GError          **error)
{
  g_autofree char *now_text = NULL;
  sqlite3_stmt *stmt;
  gint64 next = 0;

  g_return_val_if_fail (KONTOR_IS_REMINDERS (self), -1);

  now_text = g_strdup_printf ("%" G_GINT64_FORMAT, kontor_reminders_now (self));
  stmt = _kontor_store_prepare (self->store,
                                "SELECT coalesce (min (remind_at), 0) FROM activity "
                                "WHERE kind = 0 AND done = 0 AND remind_at > 0 "
                                "AND remind_at > CAST (?1 AS INTEGER)",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self->store, stmt, &next, NULL, error) < 0)
    return -1;

  return next;
}

static gboolean
on_timeout_cb (gpointer data)
{
  KontorReminders *self = data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  kontor_reminders_check (self, &error);
  if (error != NULL)
    g_warning ("Could not check the reminders: %s", error->message);
  schedule (self);

  return G_SOURCE_REMOVE;
}

/* The next check: at the next reminder, at most a minute away */
static void
schedule (KontorReminders *self)
{
  g_autoptr(GError) error = NULL;
  gint64 next = kontor_reminders_get_next (self, &error);
  gint64 wait = CHECK_EVERY_S;

  if (next > 0)
    wait = CLAMP (next - kontor_reminders_now (self), 1, CHECK_EVERY_S);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds ((guint) wait, on_timeout_cb, self);
}

/* A task written (here, by an undo, by the sync): its reminder may come
 * sooner than the check planned */
static void
on_store_changed_cb (KontorReminders *self)
{
  if (self->timeout_id != 0)
    schedule (self);
}

/**
 * kontor_reminders_start:
 * @self: the reminders
 *
 * Checks now and then keeps checking while the main loop runs.
 */
void
kontor_reminders_start (KontorReminders *self)
{
  g_return_if_fail (KONTOR_IS_REMINDERS (self));

  on_timeout_cb (self);
}

static void
kontor_reminders_dispose (GObject *object)
{
  KontorReminders *self = KONTOR_REMINDERS (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (kontor_reminders_parent_class)->dispose (object);
}

static void
kontor_reminders_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KontorReminders *self = KONTOR_REMINDERS (object);

  switch (prop_id)
    {
    case PROP_BIRTHDAY_DAYS:
      g_value_set_uint (value, self->birthday_days);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_reminders_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KontorReminders *self = KONTOR_REMINDERS (object);

  switch (prop_id)
    {
    case PROP_BIRTHDAY_DAYS:
      kontor_reminders_set_birthday_days (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_reminders_class_init (KontorRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_reminders_dispose;
  object_class->get_property = kontor_reminders_get_property;
  object_class->set_property = kontor_reminders_set_property;

  /**
   * KontorReminders:birthday-days:
   *
   * How many days before a birthday it is reminded of, 0 on the day
   * (the setting `birthday-reminder-days`).
   */
  properties[PROP_BIRTHDAY_DAYS] =
    g_param_spec_uint ("birthday-days", NULL, NULL, 0, KONTOR_REMINDERS_BIRTHDAY_DAYS_MAX, 3,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KontorReminders::due:
   * @self: the reminders
   * @activity: the task whose reminder is due
   *
   * A task's reminder is due, once.
   */
  signals[DUE] = g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 1, KONTOR_TYPE_ACTIVITY);

  /**
   * KontorReminders::keep-in-touch-due:
   * @self: the reminders
   * @contact: a contact without activity for its "stay in touch" interval
   * @days: how many days it has been
   *
   * Once per last activity of @contact.
   */
  signals[KEEP_IN_TOUCH_DUE] = g_signal_new ("keep-in-touch-due", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2, KONTOR_TYPE_CONTACT, G_TYPE_INT64);
}

static void
kontor_reminders_init (KontorReminders *self)
{
  self->clock = real_clock;
  self->birthday_days = 3;
}

/**
 * kontor_reminders_new:
 * @store: the store
 *
 * Returns: (transfer full): the reminders of @store's tasks, not started
 */
KontorReminders *
kontor_reminders_new (KontorStore *store)
{
  KontorReminders *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);

  self = g_object_new (KONTOR_TYPE_REMINDERS, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::activity", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * kontor_reminders_set_clock:
 * @self: the reminders
 * @clock: (scope notified) (nullable): the clock, %NULL for the real one
 * @data: its data
 *
 * For tests: another time than now (a night slept through, a change of
 * the clocks).
 */
void
kontor_reminders_set_clock (KontorReminders *self,
                            KontorClockFunc  clock,
                            gpointer         data)
{
  g_return_if_fail (KONTOR_IS_REMINDERS (self));

  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = data;
}

/**
 * kontor_reminders_set_time_zone:
 * @self: the reminders
 * @zone: (nullable): the zone of the user's day, %NULL for the local one
 *
 * For tests: the zone a birthday's 05:30 is in.
 */
void
kontor_reminders_set_time_zone (KontorReminders *self,
                                GTimeZone       *zone)
{
  g_return_if_fail (KONTOR_IS_REMINDERS (self));

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone != NULL ? g_time_zone_ref (zone) : NULL;
}

/**
 * kontor_reminders_get_birthday_days:
 * @self: the reminders
 *
 * Returns: how many days before a birthday it is reminded of
 */
guint
kontor_reminders_get_birthday_days (KontorReminders *self)
{
  g_return_val_if_fail (KONTOR_IS_REMINDERS (self), 0);

  return self->birthday_days;
}

/**
 * kontor_reminders_set_birthday_days:
 * @self: the reminders
 * @days: how many days before a birthday to remind of it, 0 on the day
 */
void
kontor_reminders_set_birthday_days (KontorReminders *self,
                                    guint            days)
{
  g_return_if_fail (KONTOR_IS_REMINDERS (self));

  days = MIN (days, KONTOR_REMINDERS_BIRTHDAY_DAYS_MAX);
  if (self->birthday_days == days)
    return;
  self->birthday_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY_DAYS]);
}

/* Reminders that are not a task's still to come for @user_id: a contact
 * with an interval to stay in touch that reminds this user (see
 * kontor_store_list_keep_in_touch()), or, while the team keeps birthdays,
 * a contact of theirs with a birthday: each comes round again, so while
 * there are any, there is something to come. */
static gboolean
has_other_reminders (KontorReminders  *self,
                     const char       *user_id,
                     GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean keep = TRUE;
  gint64 n = 0;

  stmt = _kontor_store_prepare (self->store,
                                "SELECT EXISTS (SELECT 1 FROM contact c"
                                " WHERE c.keep_in_touch_days > 0 AND c.status != 3"
                                " AND (NOT EXISTS (SELECT 1 FROM contact_link l"
                                "      WHERE l.owner_id = c.id AND l.kind = 0)"
                                "   OR EXISTS (SELECT 1 FROM contact_link l"
                                "      WHERE l.owner_id = c.id AND l.kind = 0"
                                "      AND l.target_id = ?1)))",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self->store, stmt, &n, NULL, error) < 0)
    return FALSE;
  if (n > 0)
    return TRUE;

  if (!kontor_store_get_keep_birthdays (self->store, &keep, error))
    return FALSE;
  if (!keep)
    return FALSE;
  stmt = _kontor_store_prepare (self->store,
                                "SELECT EXISTS (SELECT 1 FROM contact_link l"
                                " JOIN contact c ON c.id = l.owner_id"
                                " WHERE l.target_id = ?1 AND l.kind = 0"
                                " AND c.birthday IS NOT NULL AND c.status != 3)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self->store, stmt, &n, NULL, error) < 0)
    return FALSE;

  return n > 0;
}

/**
 * kontor_reminders_has_pending:
 * @self: the reminders
 * @error: return location for a #GError
 *
 * Whether reminders are still to come for the current user: an open task
 * of theirs (or of nobody in particular) whose reminder time is ahead by
 * the clock, or has come and was not shown since; a contact to stay in
 * touch with; a birthday of their contacts. While there are, the
 * application stays in the background (src/README.md "Reminders").
 *
 * Returns: %TRUE when there are; %FALSE with @error set on failure
 */
gboolean
kontor_reminders_has_pending (KontorReminders  *self,
                              GError          **error)
{
  KontorUser *me;
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (KONTOR_IS_REMINDERS (self), FALSE);

  me = kontor_store_get_current_user (self->store);
  stmt = _kontor_store_prepare (self->store,
                                "SELECT count (*) FROM activity "
                                "WHERE kind = 0 AND done = 0 AND remind_at > 0 "
                                "AND (remind_at > ?1 OR reminded_at < remind_at) "
                                "AND (?2 IS NULL OR created_by IS NULL OR created_by = ''"
                                " OR created_by = ?2)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kontor_reminders_now (self));
  if (me != NULL)
    sqlite3_bind_text (stmt, 2, kontor_record_get_id (KONTOR_RECORD (me)), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  if (_kontor_store_step_one (self->store, stmt, &n, NULL, error) < 0)
    return FALSE;
  if (n > 0 || me == NULL)
    return n > 0;

  return has_other_reminders (self, kontor_record_get_id (KONTOR_RECORD (me)), error);
}
