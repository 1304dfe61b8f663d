/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-reminders-pending"

#include "config.h"

#include "kontor-reminders.h"
#include "kontor-test-utils.h"

/* Whether reminders are still to come (kontor_reminders_has_pending(),
 * src/README.md "Reminders": while they are, the application stays in the
 * background): a task's reminder ahead, or come and not shown; not once
 * shown, done, or a colleague's. By the reminders' clock. */

#define MONDAY 1764576000   /* 2025-12-01 08:00 UTC */
#define HOUR 3600

static gint64
fake_clock (gpointer data)
{
  return *(gint64 *) data;
}

static gboolean
pending (KontorReminders *reminders)
{
  g_autoptr(GError) error = NULL;
  gboolean result = kontor_reminders_has_pending (reminders, &error);

  g_assert_no_error (error);

  return result;
}

static void
test_pending (KontorStoreFixture *fixture,
              gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorReminders) reminders = kontor_reminders_new (store);
  g_autoptr(KontorContact) anna = kontor_contact_new ();
  g_autoptr(KontorActivity) task = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = MONDAY;

  kontor_reminders_set_clock (reminders, fake_clock, &now);
  kontor_contact_set_last_name (anna, "Schneider");
  kontor_test_save (store, anna);

  /* nothing at all; a call (no reminders) changes nothing */
  g_assert_false (pending (reminders));
  call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (anna));
  kontor_activity_set_subject (call, "Erstgespräch");
  kontor_activity_set_starts_at (call, MONDAY - HOUR);
  kontor_test_save (store, call);
  g_assert_false (pending (reminders));

  /* a task without a reminder: nothing to come */
  task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK, KONTOR_RECORD (anna));
  kontor_activity_set_subject (task, "Angebot");
  kontor_test_save (store, task);
  g_assert_false (pending (reminders));

  /* its reminder ahead; come and not shown yet; shown: then nothing */
  kontor_activity_set_remind_at (task, MONDAY + HOUR);
  kontor_test_save (store, task);
  g_assert_true (pending (reminders));
  now = MONDAY + 2 * HOUR;
  g_assert_true (pending (reminders));
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_false (pending (reminders));

  /* snoozed: to come again; done: not */
  kontor_activity_set_remind_at (task, now + HOUR);
  kontor_test_save (store, task);
  g_assert_true (pending (reminders));
  kontor_activity_complete (task, TRUE, now);
  kontor_test_save (store, task);
  g_assert_false (pending (reminders));

  /* a colleague's task, synced here, reminds the colleague */
  {
    g_autoptr(KontorActivity) theirs = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                            KONTOR_RECORD (anna));

    kontor_activity_set_subject (theirs, "Rückruf für Ines");
    kontor_activity_set_created_by (theirs, "0190a000-0000-7000-8000-0000000000ff");
    kontor_activity_set_remind_at (theirs, now + HOUR);
    kontor_test_save (store, theirs);
    g_assert_false (pending (reminders));
  }
}

/* Birthdays and "stay in touch" come round again: a contact with an
 * interval, or (while the team keeps birthdays) a birthday of the user's
 * contacts, keeps something to come; archived, neither */
static void
test_pending_other (KontorStoreFixture *fixture,
                    gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorReminders) reminders = kontor_reminders_new (store);
  g_autoptr(KontorContact) anna = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorUser) admin = g_object_ref (kontor_store_get_current_user (store));
  g_autoptr(KontorUser) ines = kontor_user_new ("ines", "Ines Weber", KONTOR_USER_ROLE_SALES);
  const char *reps[] = { NULL, NULL };
  gint64 now = MONDAY;

  kontor_test_save (store, ines);
  reps[0] = kontor_record_get_id (KONTOR_RECORD (ines));
  kontor_reminders_set_clock (reminders, fake_clock, &now);
  kontor_contact_set_last_name (anna, "Schneider");
  kontor_test_save (store, anna);
  g_assert_false (pending (reminders));

  /* an interval, no sales reps: it reminds everyone */
  kontor_contact_set_keep_in_touch_days (anna, 30);
  kontor_test_save (store, anna);
  g_assert_true (pending (reminders));
  kontor_contact_set_keep_in_touch_days (anna, 0);
  kontor_test_save (store, anna);
  g_assert_false (pending (reminders));

  /* a birthday of a contact of mine; not while the team keeps none */
  kontor_contact_set_birthday (anna, "1980-04-15");
  kontor_test_save (store, anna);
  g_assert_false (pending (reminders));
  kontor_contact_set_sales_reps (anna, reps);
  kontor_test_save (store, anna);
  g_assert_false (pending (reminders));
  g_assert_true (kontor_store_set_current_user (store, ines, &error));
  g_assert_no_error (error);
  g_assert_true (pending (reminders));
  g_assert_true (kontor_store_set_current_user (store, admin, &error));
  g_assert_true (kontor_store_set_keep_birthdays (store, FALSE, &error));
  g_assert_true (kontor_store_set_current_user (store, ines, &error));
  g_assert_no_error (error);
  g_assert_false (pending (reminders));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/reminders/pending", KontorStoreFixture, NULL, kontor_store_fixture_set_up,
              test_pending, kontor_store_fixture_tear_down);
  g_test_add ("/reminders/pending-other", KontorStoreFixture, NULL, kontor_store_fixture_set_up,
              test_pending_other, kontor_store_fixture_tear_down);

  return g_test_run ();
}
