/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-reminders"

#include "config.h"

#include "kontor-reminders.h"
#include "kontor-store-activity.h"
#include "kontor-store-crud.h"

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
 */
struct _KontorReminders
{
  GObject          parent_instance;

  KontorStore     *store;
  KontorClockFunc  clock;
  gpointer         clock_data;
  guint            timeout_id;
};

enum {
  DUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/**
 * kontor_reminders_check:
 * @self: the reminders
 * @error: return location for a #GError
 *
 * Emits "due" for every open task of the current user (or of nobody in
 * particular) whose reminder is due by the clock and not shown since, the
 * earliest first, and notes each as shown. A colleague's task synced
 * here reminds the colleague, on their machine.
 *
 * Returns: how many were due; 0 with @error set on failure
 */
guint
kontor_reminders_check (KontorReminders  *self,
                        GError          **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *now_text = NULL;
  KontorUser *me;
  guint n = 0;
  gint64 now;

  g_return_val_if_fail (KONTOR_IS_REMINDERS (self), 0);

  now = kontor_reminders_now (self);
  now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  due = _kontor_store_load_list (self->store, &_kontor_store_activity_entity,
                                 "SELECT rid FROM activity WHERE kind = 0 AND done = 0 "
                                 "AND remind_at > 0 AND remind_at <= CAST (?1 AS INTEGER) "
                                 "AND reminded_at < remind_at ORDER BY remind_at, rid",
                                 now_text, error);
  if (due == NULL)
    return 0;
  me = kontor_store_get_current_user (self->store);

  for (guint i = 0; i < due->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (due, i);
      const char *author = kontor_activity_get_created_by (activity);

      /* a colleague's task, synced here, reminds the colleague */
      if (author != NULL && me != NULL &&
          g_strcmp0 (author, kontor_record_get_id (KONTOR_RECORD (me))) != 0)
        continue;

      if (!mark_reminded (self, kontor_record_get_rowid (KONTOR_RECORD (activity)), now, error))
        return 0;
      g_signal_emit (self, signals[DUE], 0, activity);
      n++;
    }

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

  G_OBJECT_CLASS (kontor_reminders_parent_class)->dispose (object);
}

static void
kontor_reminders_class_init (KontorRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_reminders_dispose;

  /**
   * KontorReminders::due:
   * @self: the reminders
   * @activity: the task whose reminder is due
   *
   * A task's reminder is due, once.
   */
  signals[DUE] = g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 1, KONTOR_TYPE_ACTIVITY);
}

static void
kontor_reminders_init (KontorReminders *self)
{
  self->clock = real_clock;
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
 * kontor_reminders_has_pending:
 * @self: the reminders
 * @error: return location for a #GError
 *
 * Whether reminders are still to come for the current user: an open task
 * of theirs (or of nobody in particular) whose reminder time is ahead by
 * the clock, or has come and was not shown since. While there are, the
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

  return n > 0;
}
