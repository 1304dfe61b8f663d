/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-reminders"

#include "config.h"

#include <string.h>

#include "kontor-contact-rules.h"
#include "kontor-record-rules.h"
#include "kontor-reminders.h"
#include "kontor-test-utils.h"
#include "kontor-uuid.h"

/* Reminders of contacts (feature R2, src/README.md "Reminders"): a
 * birthday's task at 05:30 some days before, once a year per machine and
 * one record for all of the user's machines, only for the user's own
 * contacts and only while the team keeps birthdays (C8); "stay in touch"
 * after a contact's interval without activity, once per last activity.
 * Time and zone are injected: nothing sleeps. */

#define DAY 86400
#define USER_INES "0190a000-0000-7000-8000-0000000000e1"

typedef struct
{
  KontorStoreFixture  base;
  KontorUser         *ines;       /* the current user, a sales rep */
  KontorUser         *olaf;       /* a colleague */
  KontorUser         *admin;      /* the team's administrator */
  KontorContact      *anna;       /* Ines's, birthday 15 April */
  KontorContact      *ben;        /* Olaf's, birthday 15 April */
  KontorReminders    *reminders;
  GTimeZone          *berlin;
  gint64              now;
  GPtrArray          *due;        /* subjects of the tasks due */
  GPtrArray          *keep;       /* "name/days" of the contacts to stay in touch with */
} Fixture;

static gint64
fake_clock (gpointer data)
{
  return *(gint64 *) data;
}

static void
on_due_cb (KontorReminders *reminders,
           KontorActivity  *task,
           GPtrArray       *due)
{
  g_ptr_array_add (due, g_strdup (kontor_activity_get_subject (task)));
}

static void
on_keep_in_touch_due_cb (KontorReminders *reminders,
                         KontorContact   *contact,
                         gint64           days,
                         GPtrArray       *keep)
{
  g_ptr_array_add (keep, g_strdup_printf ("%s/%" G_GINT64_FORMAT,
                                          kontor_contact_get_last_name (contact), days));
}

static KontorContact *
new_contact (KontorStore *store,
             const char  *name,
             const char  *birthday,
             KontorUser  *rep)
{
  KontorContact *contact = kontor_contact_new ();
  const char *reps[] = { rep != NULL ? kontor_record_get_id (KONTOR_RECORD (rep)) : NULL, NULL };

  kontor_contact_set_last_name (contact, name);
  kontor_contact_set_birthday (contact, birthday);
  if (rep != NULL)
    kontor_contact_set_sales_reps (contact, reps);
  kontor_test_save (store, contact);

  return contact;
}

static KontorReminders *
new_reminders (Fixture     *fixture,
               KontorStore *store)
{
  KontorReminders *reminders = kontor_reminders_new (store);

  kontor_reminders_set_clock (reminders, fake_clock, &fixture->now);
  kontor_reminders_set_time_zone (reminders, fixture->berlin);
  g_signal_connect (reminders, "due", G_CALLBACK (on_due_cb), fixture->due);
  g_signal_connect (reminders, "keep-in-touch-due", G_CALLBACK (on_keep_in_touch_due_cb),
                    fixture->keep);

  return reminders;
}

/* Ines, with the id every "machine" of hers has */
static KontorUser *
new_ines (void)
{
  KontorUser *ines = kontor_user_new ("ines", "Ines Roth", KONTOR_USER_ROLE_SALES);

  kontor_record_set_id (KONTOR_RECORD (ines), USER_INES);

  return ines;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  KontorStore *store;
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);
  store = fixture->base.store;
  fixture->berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (fixture->berlin);
  fixture->due = g_ptr_array_new_with_free_func (g_free);
  fixture->keep = g_ptr_array_new_with_free_func (g_free);

  fixture->admin = g_object_ref (kontor_store_get_current_user (store));
  fixture->ines = new_ines ();
  kontor_test_save (store, fixture->ines);
  fixture->olaf = kontor_user_new ("olaf", "Olaf Berg", KONTOR_USER_ROLE_SALES);
  kontor_test_save (store, fixture->olaf);
  fixture->anna = new_contact (store, "Schneider", "1980-04-15", fixture->ines);
  fixture->ben = new_contact (store, "Wolf", "1975-04-15", fixture->olaf);
  g_assert_true (kontor_store_set_current_user (store, fixture->ines, &error));
  g_assert_no_error (error);

  fixture->reminders = new_reminders (fixture, store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->reminders);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->ben);
  g_clear_object (&fixture->ines);
  g_clear_object (&fixture->olaf);
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->berlin, g_time_zone_unref);
  g_clear_pointer (&fixture->due, g_ptr_array_unref);
  g_clear_pointer (&fixture->keep, g_ptr_array_unref);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static gint64
berlin_time (Fixture *fixture,
             int      year,
             int      month,
             int      day,
             int      hour,
             int      minute,
             int      second)
{
  g_autoptr(GDateTime) time = g_date_time_new (fixture->berlin, year, month, day, hour, minute,
                                               second);

  return g_date_time_to_unix (time);
}

static guint
check (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n = kontor_reminders_check (fixture->reminders, &error);

  g_assert_no_error (error);

  return n;
}

static gint64
count_tasks_of (KontorStore   *store,
                KontorContact *contact)
{
  return kontor_test_query_int (store, "SELECT count(*) FROM activity WHERE contact_id = ?1",
                                kontor_record_get_id (KONTOR_RECORD (contact)));
}

/* ------------------------------------------------------------------------ */
/* Birthdays */

/* 05:30 in Berlin, the days before; the offset of that day, summer or
 * winter, the days of the change included; 29 February on the 28th in
 * other years */
static void
test_birthday_time (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autofree char *occurrence = NULL;
  gint64 day_end = 0;

  /* 12 April 2027, summer time: 05:30 CEST is 03:30 UTC */
  g_assert_cmpint (kontor_reminders_birthday_time ("1980-04-15", 2027, 3, berlin, &occurrence,
                                                   &day_end),
                   ==, 1807500600);
  g_assert_cmpstr (occurrence, ==, "2027-04-15");
  /* the end of 15 April: 16 April 00:00 CEST */
  g_assert_cmpint (day_end, ==, 1807826400);
  g_clear_pointer (&occurrence, g_free);

  /* on the day itself */
  g_assert_cmpint (kontor_reminders_birthday_time ("1980-04-15", 2027, 0, berlin, NULL, NULL),
                   ==, 1807500600 + 3 * DAY);

  /* spring: the clocks go forward on 28 March 2027 at 02:00; 05:30 that
   * day is summer time already, 03:30 UTC */
  g_assert_cmpint (kontor_reminders_birthday_time ("1970-03-31", 2027, 3, berlin, NULL, NULL),
                   ==, 1806204600);
  /* the day before it, still winter time: 04:30 UTC, 23 hours earlier */
  g_assert_cmpint (kontor_reminders_birthday_time ("1970-03-30", 2027, 3, berlin, NULL, NULL),
                   ==, 1806204600 - 23 * 3600);
  /* and the end of that short day comes 23 hours after its start */
  g_assert_cmpint (kontor_reminders_birthday_time ("1970-03-28", 2027, 0, berlin, NULL,
                                                   &day_end), ==, 1806204600);
  g_assert_cmpint (day_end, ==, 1806271200);

  /* autumn: back on 31 October 2027 at 03:00; 05:30 is winter time,
   * 04:30 UTC, 25 hours after 05:30 the day before */
  g_assert_cmpint (kontor_reminders_birthday_time ("1970-11-03", 2027, 3, berlin, NULL, NULL),
                   ==, 1824957000);
  g_assert_cmpint (kontor_reminders_birthday_time ("1970-11-02", 2027, 3, berlin, NULL, NULL),
                   ==, 1824957000 - 25 * 3600);

  /* 29 February: the 28th in 2027, the 29th in the leap year 2028 */
  g_assert_cmpint (kontor_reminders_birthday_time ("1988-02-29", 2027, 0, berlin, &occurrence,
                                                   NULL),
                   ==, kontor_reminders_birthday_time ("1990-02-28", 2027, 0, berlin, NULL, NULL));
  g_assert_cmpstr (occurrence, ==, "2027-02-28");
  g_clear_pointer (&occurrence, g_free);
  g_assert_cmpint (kontor_reminders_birthday_time ("1988-02-29", 2028, 0, berlin, &occurrence,
                                                   NULL), >, 0);
  g_assert_cmpstr (occurrence, ==, "2028-02-29");

  g_clear_pointer (&occurrence, g_free);

  /* without the year, as a vCard may give it: the same day */
  g_assert_cmpint (kontor_reminders_birthday_time ("--04-15", 2027, 3, berlin, &occurrence, NULL),
                   ==, 1807500600);
  g_assert_cmpstr (occurrence, ==, "2027-04-15");
  g_clear_pointer (&occurrence, g_free);
  g_assert_cmpint (kontor_reminders_birthday_time ("--02-29", 2027, 0, berlin, &occurrence, NULL),
                   ==, kontor_reminders_birthday_time ("1990-02-28", 2027, 0, berlin, NULL, NULL));
  g_assert_cmpstr (occurrence, ==, "2027-02-28");
  g_clear_pointer (&occurrence, g_free);

  /* not dates */
  g_assert_cmpint (kontor_reminders_birthday_time ("--02-30", 2027, 3, berlin, NULL, NULL),
                   ==, 0);
  g_assert_cmpint (kontor_reminders_birthday_time ("1980-02-30", 2027, 3, berlin, NULL, NULL),
                   ==, 0);
  g_assert_cmpint (kontor_reminders_birthday_time ("15.04.1980", 2027, 3, berlin, NULL, NULL),
                   ==, 0);
  g_assert_cmpint (kontor_reminders_birthday_time (NULL, 2027, 3, berlin, NULL, NULL), ==, 0);
}

/* 05:30 three days before, not a second earlier; once; the task is the
 * current user's, open, due on the birthday, its reminder shown by the
 * same check; a colleague's contact reminds nobody here */
static void
test_birthday_fires (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  KontorActivity *task;

  fixture->now = berlin_time (fixture, 2027, 4, 12, 5, 29, 59);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpint (count_tasks_of (store, fixture->anna), ==, 0);

  fixture->now++;
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (fixture->due->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->due, 0), ==, "Birthday: April 15");
  g_assert_cmpint (count_tasks_of (store, fixture->anna), ==, 1);
  /* Olaf's contact: his machines remind him */
  g_assert_cmpint (count_tasks_of (store, fixture->ben), ==, 0);

  tasks = kontor_store_list_due_tasks (store, "2027-04-15", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 1);
  task = g_ptr_array_index (tasks, 0);
  g_assert_cmpint (kontor_activity_get_kind (task), ==, KONTOR_ACTIVITY_KIND_TASK);
  g_assert_false (kontor_activity_get_done (task));
  g_assert_cmpstr (kontor_activity_get_due_on (task), ==, "2027-04-15");
  g_assert_cmpint (kontor_activity_get_remind_at (task), ==, fixture->now);
  g_assert_cmpstr (kontor_activity_get_created_by (task), ==, USER_INES);
  g_assert_cmpstr (kontor_activity_get_contact_id (task), ==,
                   kontor_record_get_id (KONTOR_RECORD (fixture->anna)));
  /* it does not count as contact: only a done activity does (A8) */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT last_activity_at FROM contact "
                                                 "WHERE id = ?1",
                                          kontor_record_get_id (KONTOR_RECORD (fixture->anna))),
                   ==, 0);

  /* once: later that day, the next, on the birthday */
  fixture->now += 60;
  g_assert_cmpuint (check (fixture), ==, 0);
  fixture->now += DAY;
  g_assert_cmpuint (check (fixture), ==, 0);
  fixture->now = berlin_time (fixture, 2027, 4, 15, 12, 0, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpint (count_tasks_of (store, fixture->anna), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM reminder_sent "
                                                 "WHERE kind = 1 AND period = '2027'", NULL),
                   ==, 1);

  /* next year again, with a task of its own */
  fixture->now = berlin_time (fixture, 2028, 4, 12, 5, 30, 0);
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpint (count_tasks_of (store, fixture->anna), ==, 2);
}

/* A birthday without its year reminds as one with it (vCard's --04-15) */
static void
test_birthday_yearless (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) carla = new_contact (store, "Conti", "--04-15", fixture->ines);

  fixture->now = berlin_time (fixture, 2027, 4, 12, 5, 29, 59);
  g_assert_cmpuint (check (fixture), ==, 0);
  fixture->now++;
  /* Anna's (1980-04-15) and Carla's */
  g_assert_cmpuint (check (fixture), ==, 2);
  g_assert_cmpint (count_tasks_of (store, carla), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->due, 1), ==, "Birthday: April 15");
}

/* Asleep at 05:30: once on waking, while the birthday has not passed;
 * after it, nothing any more that year. The days before are a setting. */
static void
test_birthday_asleep (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) carla = new_contact (store, "Lang", "1990-06-20", fixture->ines);

  kontor_reminders_set_birthday_days (fixture->reminders, 7);

  /* woke on 14 April at 10:00, the birthday tomorrow */
  fixture->now = berlin_time (fixture, 2027, 4, 14, 10, 0, 0);
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (check (fixture), ==, 0);

  /* 7 days before 20 June: the 13th, not the 12th */
  fixture->now = berlin_time (fixture, 2027, 6, 12, 23, 59, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  /* asleep for all of it, woken after the birthday: too late */
  fixture->now = berlin_time (fixture, 2027, 6, 21, 0, 0, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpint (count_tasks_of (store, carla), ==, 0);
}

/* A birthday in early January is reminded of in late December, as the
 * next year's */
static void
test_birthday_new_year (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) david = new_contact (store, "Neu", "1985-01-02", fixture->ines);
  g_autoptr(KontorActivity) task = NULL;
  g_autofree char *id = NULL;

  fixture->now = berlin_time (fixture, 2026, 12, 30, 5, 30, 0);
  g_assert_cmpuint (check (fixture), ==, 1);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        kontor_test_query_int (store, "SELECT count(*) FROM reminder_sent "
                                                      "WHERE period = '2027'", NULL));
  g_assert_cmpstr (id, ==, "1");
  fixture->now = berlin_time (fixture, 2027, 1, 1, 9, 0, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpint (count_tasks_of (store, david), ==, 1);
}

/* C8: no reminders of birthdays the team does not keep, even of one
 * that is in the database anyway */
static void
test_birthday_not_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (kontor_store_set_current_user (store, fixture->admin, &error));
  g_assert_true (kontor_store_set_keep_birthdays (store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (kontor_store_set_current_user (store, fixture->ines, &error));
  sql = g_strdup_printf ("UPDATE contact SET birthday = '1980-04-15' WHERE id = '%s'",
                         kontor_record_get_id (KONTOR_RECORD (fixture->anna)));
  kontor_test_exec (store, sql);

  fixture->now = berlin_time (fixture, 2027, 4, 13, 8, 0, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpint (count_tasks_of (store, fixture->anna), ==, 0);

  /* kept again: reminded */
  g_assert_true (kontor_store_set_current_user (store, fixture->admin, &error));
  g_assert_true (kontor_store_set_keep_birthdays (store, TRUE, &error));
  g_assert_true (kontor_store_set_current_user (store, fixture->ines, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check (fixture), ==, 1);
}

/* Ines made a viewer, still a sales rep of Anna: the task is refused,
 * said once, and her tasks' reminders go on */
static void
test_birthday_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                        KONTOR_RECORD (fixture->anna));
  g_autofree char *sql = NULL;

  kontor_activity_set_subject (task, "Rückruf");
  kontor_activity_set_remind_at (task, berlin_time (fixture, 2027, 4, 12, 5, 0, 0));
  kontor_test_save (store, task);
  sql = g_strdup_printf ("UPDATE app_user SET role = %d WHERE id = '%s'",
                         KONTOR_USER_ROLE_VIEWER, USER_INES);
  kontor_test_exec (store, sql);
  {
    g_autoptr(KontorUser) viewer = kontor_store_load (store, KONTOR_TYPE_USER, USER_INES, NULL);

    g_assert_cmpint (kontor_user_get_role (viewer), ==, KONTOR_USER_ROLE_VIEWER);
    g_assert_true (kontor_store_set_current_user (store, viewer, NULL));
  }

  fixture->now = berlin_time (fixture, 2027, 4, 12, 5, 30, 0);
  g_test_expect_message ("kontor-reminders", G_LOG_LEVEL_WARNING,
                         "Could not make the task of a birthday*");
  g_assert_cmpuint (check (fixture), ==, 1);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (g_ptr_array_index (fixture->due, 0), ==, "Rückruf");
  g_assert_cmpint (count_tasks_of (store, fixture->anna), ==, 1);
  /* said once */
  fixture->now += 60;
  g_assert_cmpuint (check (fixture), ==, 0);
}

/* Two machines of Ines: each makes the task with the same id, so the
 * server holds one; a machine that got the other's task by the sync
 * makes none but still shows its reminder, once */
static void
test_birthday_two_machines (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorStore *laptop = fixture->base.store;
  g_autofree char *path = NULL;
  KontorStore *desktop = kontor_test_open_store (&path);
  g_autoptr(KontorUser) ines = new_ines ();
  g_autoptr(KontorUser) olaf = kontor_user_new ("olaf", "Olaf Berg", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorContact) anna = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (fixture->anna)));
  g_autoptr(KontorReminders) desktop_reminders = NULL;
  g_autoptr(GPtrArray) laptop_tasks = NULL;
  g_autoptr(KontorActivity) synced = NULL;
  g_autoptr(GError) error = NULL;
  const char *task_id;

  /* the desktop has the same user and contact, as after a sync */
  kontor_test_save (desktop, ines);
  kontor_test_save (desktop, olaf);
  kontor_record_set_rowid (KONTOR_RECORD (anna), 0);
  kontor_test_save (desktop, anna);
  g_assert_true (kontor_store_set_current_user (desktop, ines, &error));
  desktop_reminders = new_reminders (fixture, desktop);

  fixture->now = berlin_time (fixture, 2027, 4, 12, 5, 30, 0);
  g_assert_cmpuint (check (fixture), ==, 1);
  laptop_tasks = kontor_store_list_due_tasks (laptop, "2027-04-15", &error);
  g_assert_cmpuint (laptop_tasks->len, ==, 1);
  task_id = kontor_record_get_id (g_ptr_array_index (laptop_tasks, 0));

  /* the laptop's task reaches the desktop before its own check */
  synced = KONTOR_ACTIVITY (kontor_record_copy (g_ptr_array_index (laptop_tasks, 0)));
  kontor_record_set_rowid (KONTOR_RECORD (synced), 0);
  kontor_test_save (desktop, synced);

  fixture->now += 600;
  g_assert_cmpuint (kontor_reminders_check (desktop_reminders, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (count_tasks_of (desktop, anna), ==, 1);
  g_assert_cmpint (kontor_test_query_int (desktop, "SELECT count(*) FROM activity WHERE id = ?1",
                                          task_id), ==, 1);
  g_assert_cmpuint (kontor_reminders_check (desktop_reminders, &error), ==, 0);
  g_assert_cmpuint (fixture->due->len, ==, 2);

  /* made on both before either synced: the same id */
  kontor_test_exec (desktop, "DELETE FROM activity");
  kontor_test_exec (desktop, "DELETE FROM reminder_sent");
  g_assert_cmpuint (kontor_reminders_check (desktop_reminders, &error), ==, 1);
  g_assert_cmpint (kontor_test_query_int (desktop, "SELECT count(*) FROM activity WHERE id = ?1",
                                          task_id), ==, 1);

  /* Ines deleted it on the laptop; the desktop, not yet reminded this
   * year, learns of it by the sync (a tombstone) and makes it no more */
  kontor_test_exec (desktop, "DELETE FROM activity");
  kontor_test_exec (desktop, "DELETE FROM reminder_sent");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO tombstone (entity, id, deleted_at) "
                                            "VALUES ('activity', '%s', 1)", task_id);

    kontor_test_exec (desktop, sql);
  }
  g_assert_cmpuint (kontor_reminders_check (desktop_reminders, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_tasks_of (desktop, anna), ==, 0);

  /* the id: a UUIDv7 of the birthday's day */
  g_assert_true (kontor_uuid_is_valid (task_id));
  g_assert_cmpint (kontor_uuid_v7_get_time (task_id), ==, (gint64) 1807747200 * 1000);

  g_clear_object (&desktop_reminders);
  kontor_test_close_store (&desktop, path);
}

/* ------------------------------------------------------------------------ */
/* Stay in touch */

static void
test_keep_in_touch_rule (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;

  kontor_contact_set_last_name (contact, "Schneider");
  for (gint64 days = 0; days <= KONTOR_CONTACT_KEEP_IN_TOUCH_MAX; days += 365)
    {
      kontor_contact_set_keep_in_touch_days (contact, days);
      g_assert_true (kontor_record_validate (KONTOR_RECORD (contact), NULL, &error));
    }
  kontor_contact_set_keep_in_touch_days (contact, KONTOR_CONTACT_KEEP_IN_TOUCH_MAX);
  g_assert_true (kontor_record_validate (KONTOR_RECORD (contact), NULL, &error));

  kontor_contact_set_keep_in_touch_days (contact, KONTOR_CONTACT_KEEP_IN_TOUCH_MAX + 1);
  g_assert_false (kontor_record_validate (KONTOR_RECORD (contact), NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "3650"));
  g_clear_error (&error);

  kontor_contact_set_keep_in_touch_days (contact, -1);
  g_assert_false (kontor_record_validate (KONTOR_RECORD (contact), NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
}

static KontorContact *
new_keep_in_touch (KontorStore *store,
                   const char  *name,
                   gint64       created,
                   gint64       days,
                   KontorUser  *rep)
{
  KontorContact *contact = kontor_contact_new ();
  const char *reps[] = { rep != NULL ? kontor_record_get_id (KONTOR_RECORD (rep)) : NULL, NULL };

  kontor_contact_set_last_name (contact, name);
  kontor_contact_set_keep_in_touch_days (contact, days);
  if (rep != NULL)
    kontor_contact_set_sales_reps (contact, reps);
  kontor_record_set_created_at (KONTOR_RECORD (contact), created);
  kontor_test_save (store, contact);

  return contact;
}

/* After the interval without activity, not a second before; once; a new
 * activity starts it again; the user's contacts and those without a
 * sales rep, not a colleague's, not archived ones */
static void
test_keep_in_touch (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  gint64 start = berlin_time (fixture, 2027, 1, 4, 9, 0, 0);
  g_autoptr(KontorContact) emil = new_keep_in_touch (store, "Emil", start, 30, fixture->ines);
  g_autoptr(KontorContact) frida = new_keep_in_touch (store, "Frida", start, 30, NULL);
  g_autoptr(KontorContact) gert = new_keep_in_touch (store, "Gert", start, 30, fixture->olaf);
  g_autoptr(KontorContact) hanna = new_keep_in_touch (store, "Hanna", start, 30, fixture->ines);
  g_autoptr(KontorActivity) call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL,
                                                        KONTOR_RECORD (emil));
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 called;

  kontor_contact_set_status (hanna, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, hanna);

  fixture->now = start + 30 * DAY - 1;
  g_assert_cmpuint (check (fixture), ==, 0);
  fixture->now++;
  g_assert_cmpuint (check (fixture), ==, 2);
  g_assert_cmpuint (fixture->keep->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->keep, 0), ==, "Emil/30");
  g_assert_cmpstr (g_ptr_array_index (fixture->keep, 1), ==, "Frida/30");
  fixture->now += DAY;
  g_assert_cmpuint (check (fixture), ==, 0);

  /* what the Today page lists, Olaf's Gert not */
  listed = kontor_store_list_keep_in_touch (store, fixture->now, USER_INES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = kontor_store_list_keep_in_touch (store, fixture->now,
                                            kontor_record_get_id (KONTOR_RECORD (fixture->olaf)),
                                            &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (kontor_contact_get_last_name (g_ptr_array_index (listed, 0)), ==, "Frida");
  g_assert_cmpstr (kontor_contact_get_last_name (g_ptr_array_index (listed, 1)), ==, "Gert");
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* a call with Emil: off the list, and again 30 days after the call */
  called = fixture->now;
  kontor_activity_set_starts_at (call, called);
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE);
  kontor_test_save (store, call);
  listed = kontor_store_list_keep_in_touch (store, fixture->now, USER_INES, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (kontor_contact_get_last_name (g_ptr_array_index (listed, 0)), ==, "Frida");
  g_clear_pointer (&listed, g_ptr_array_unref);

  fixture->now = called + 30 * DAY - 1;
  g_assert_cmpuint (check (fixture), ==, 0);
  fixture->now++;
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->keep, 2), ==, "Emil/30");
  g_assert_cmpuint (check (fixture), ==, 0);

  /* Frida's interval off: off the list; Emil was reminded once for his
   * last activity, and is not again a year later */
  kontor_contact_set_keep_in_touch_days (frida, 0);
  kontor_test_save (store, frida);
  fixture->now += 365 * DAY;
  g_assert_cmpuint (check (fixture), ==, 0);
  listed = kontor_store_list_keep_in_touch (store, fixture->now, USER_INES, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (kontor_contact_get_last_name (g_ptr_array_index (listed, 0)), ==, "Emil");
}

/* The check each minute reads a range of the partial index of schema 21 */
static void
test_keep_in_touch_index (Fixture       *fixture,
                          gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  sqlite3_stmt *stmt = kontor_test_prepare (store,
    "EXPLAIN QUERY PLAN SELECT c.rid FROM contact c WHERE c.keep_in_touch_days > 0 AND "
    "(CASE WHEN last_activity_at > 0 THEN last_activity_at ELSE created_at END)"
    " + keep_in_touch_days * 86400 <= 5", NULL);
  g_autoptr(GString) plan = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_assert_nonnull (strstr (plan->str, "USING INDEX contact_keep_in_touch"));
  g_assert_null (strstr (plan->str, "SCAN c\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reminders/birthday/time", test_birthday_time);
  g_test_add_func ("/reminders/keep-in-touch/rule", test_keep_in_touch_rule);
#define ADD(path, func) \
  g_test_add ("/reminders/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("birthday/fires-once-at-0530", test_birthday_fires);
  ADD ("birthday/yearless", test_birthday_yearless);
  ADD ("birthday/asleep", test_birthday_asleep);
  ADD ("birthday/new-year", test_birthday_new_year);
  ADD ("birthday/not-kept", test_birthday_not_kept);
  ADD ("birthday/two-machines", test_birthday_two_machines);
  ADD ("birthday/refused", test_birthday_refused);
  ADD ("keep-in-touch/after-interval", test_keep_in_touch);
  ADD ("keep-in-touch/index", test_keep_in_touch_index);
#undef ADD

  return g_test_run ();
}
