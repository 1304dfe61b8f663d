/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-activities"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kontor-field-change.h"
#include "kontor-operation-stack.h"
#include "kontor-record-list.h"
#include "kontor-record-rules.h"
#include "kontor-record-write.h"
#include "kontor-reminders.h"
#include "kontor-store-blob-sync.h"
#include "kontor-store-blobs.h"
#include "kontor-store-sync.h"
#include "kontor-test-utils.h"
#include "kontor-uuid.h"

/* Activities (features A1–A3, A7, A8): the model's rules, a record kind
 * that syncs (outbox, history, tombstone), and the last activity of its
 * contact and company kept right through every write, undo included. */

#define MONDAY 1764576000   /* 2025-12-01 08:00 UTC */
#define HOUR 3600

typedef struct
{
  KontorStoreFixture  base;
  KontorCompany      *bakery;
  KontorContact      *anna;
  KontorContact      *ben;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);

  fixture->bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  kontor_test_save (fixture->base.store, fixture->bakery);

  fixture->anna = kontor_contact_new ();
  kontor_contact_set_last_name (fixture->anna, "Schneider");
  kontor_contact_set_company_id (fixture->anna,
                                 kontor_record_get_id (KONTOR_RECORD (fixture->bakery)));
  kontor_test_save (fixture->base.store, fixture->anna);

  fixture->ben = kontor_contact_new ();
  kontor_contact_set_last_name (fixture->ben, "Wolf");
  kontor_test_save (fixture->base.store, fixture->ben);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->bakery);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->ben);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static KontorActivity *
new_call (gpointer owner,
          gint64   at)
{
  KontorActivity *call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (owner));

  kontor_activity_set_starts_at (call, at);
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_ACQUISITION);

  return call;
}

static gint64
last_activity_of (Fixture  *fixture,
                  gpointer  record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorRecord) stored = kontor_store_load (fixture->base.store,
                                                      G_OBJECT_TYPE (record), id_of (record),
                                                      &error);

  g_assert_no_error (error);
  if (KONTOR_IS_CONTACT (stored))
    return kontor_contact_get_last_activity_at (KONTOR_CONTACT (stored));

  return kontor_company_get_last_activity_at (KONTOR_COMPANY (stored));
}

static void
assert_refused (KontorRecord *record,
                int           code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_record_validate (record, NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, code);
  g_assert_nonnull (error->message);
}

/* ------------------------------------------------------------------------ */
/* The model */

/* A3: the topics depend on where an activity is recorded; a contact's
 * and a company's are not a lead project's */
static void
test_topics (void)
{
  const KontorActivityTopic *topics;
  g_autoptr(GError) error = NULL;
  guint n;

  topics = kontor_activity_topics_for_place (KONTOR_ACTIVITY_PLACE_CUSTOMER, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (topics[0], ==, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  g_assert_cmpint (topics[1], ==, KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE);
  g_assert_cmpint (topics[2], ==, KONTOR_ACTIVITY_TOPIC_NEGOTIATION);
  g_assert_cmpint (topics[3], ==, KONTOR_ACTIVITY_TOPIC_OTHER);

  topics = kontor_activity_topics_for_place (KONTOR_ACTIVITY_PLACE_LEAD_PROJECT, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpint (topics[0], ==, KONTOR_ACTIVITY_TOPIC_QUALIFICATION);
  g_assert_cmpint (topics[3], ==, KONTOR_ACTIVITY_TOPIC_COMMITMENT);
  g_assert_cmpint (topics[4], ==, KONTOR_ACTIVITY_TOPIC_REJECTION);

  g_assert_true (kontor_activity_check_topic (KONTOR_ACTIVITY_PLACE_CUSTOMER,
                                              KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE, NULL));
  g_assert_false (kontor_activity_check_topic (KONTOR_ACTIVITY_PLACE_CUSTOMER,
                                               KONTOR_ACTIVITY_TOPIC_OFFER, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (kontor_activity_check_topic (KONTOR_ACTIVITY_PLACE_LEAD_PROJECT,
                                               KONTOR_ACTIVITY_TOPIC_ACQUISITION, &error));
  g_assert_true (kontor_activity_check_topic (KONTOR_ACTIVITY_PLACE_LEAD_PROJECT,
                                              KONTOR_ACTIVITY_TOPIC_NEGOTIATION, NULL));
}

/* A1: what each kind has, and what it may not have */
static void
test_rules (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorCompany) company = kontor_company_new ("Acme");
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(KontorActivity) meeting = NULL;
  g_autoptr(KontorActivity) task = NULL;
  g_autoptr(GError) error = NULL;

  kontor_record_set_id (KONTOR_RECORD (contact), "c1");
  kontor_record_set_id (KONTOR_RECORD (company), "f1");

  call = new_call (contact, MONDAY);
  g_assert_true (kontor_record_validate (KONTOR_RECORD (call), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kontor_activity_get_done (call));
  g_assert_cmpint (kontor_activity_get_happened_at (call), ==, MONDAY);

  /* a topic of the contact's list only */
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_OFFER);
  assert_refused (KONTOR_RECORD (call), KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_NEGOTIATION);

  /* on one contact or one company, never both or none */
  kontor_activity_set_company_id (call, "f1");
  assert_refused (KONTOR_RECORD (call), KONTOR_RECORD_ERROR_REQUIRED);
  kontor_activity_set_contact_id (call, NULL);
  g_assert_true (kontor_record_validate (KONTOR_RECORD (call), NULL, NULL));
  kontor_activity_set_company_id (call, NULL);
  assert_refused (KONTOR_RECORD (call), KONTOR_RECORD_ERROR_REQUIRED);
  kontor_activity_set_contact_id (call, "c1");

  /* a call has a time, no place, no end, no due date */
  kontor_activity_set_starts_at (call, 0);
  assert_refused (KONTOR_RECORD (call), KONTOR_RECORD_ERROR_REQUIRED);
  kontor_activity_set_starts_at (call, MONDAY);
  kontor_activity_set_location (call, "Kantine");
  assert_refused (KONTOR_RECORD (call), KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_activity_set_location (call, NULL);
  kontor_activity_set_ends_at (call, MONDAY + HOUR);
  assert_refused (KONTOR_RECORD (call), KONTOR_RECORD_ERROR_INVALID_DATE);
  kontor_activity_set_ends_at (call, 0);
  kontor_activity_set_due_on (call, "2025-12-05");
  assert_refused (KONTOR_RECORD (call), KONTOR_RECORD_ERROR_INVALID_VALUE);
  kontor_activity_set_due_on (call, NULL);

  /* a meeting has a place and ends after it begins */
  meeting = kontor_activity_new (KONTOR_ACTIVITY_KIND_MEETING, KONTOR_RECORD (company));
  kontor_activity_set_starts_at (meeting, MONDAY);
  kontor_activity_set_ends_at (meeting, MONDAY + HOUR);
  kontor_activity_set_location (meeting, "Hamburg, Speicherstadt");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (meeting), NULL, NULL));
  kontor_activity_set_ends_at (meeting, MONDAY - HOUR);
  assert_refused (KONTOR_RECORD (meeting), KONTOR_RECORD_ERROR_INVALID_DATE);
  g_assert_true (kontor_activity_kind_has_location (KONTOR_ACTIVITY_KIND_LUNCH));
  g_assert_false (kontor_activity_kind_has_location (KONTOR_ACTIVITY_KIND_VIDEO_CALL));

  /* a task starts open, needs no time, and is done at the time it is
   * ticked off, which is then its last activity */
  task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK, KONTOR_RECORD (contact));
  kontor_activity_set_due_on (task, "2025-12-05");
  kontor_activity_set_remind_at (task, MONDAY + 24 * HOUR);
  g_assert_false (kontor_activity_get_done (task));
  g_assert_true (kontor_record_validate (KONTOR_RECORD (task), NULL, NULL));
  g_assert_cmpint (kontor_activity_get_happened_at (task), ==, 0);
  kontor_activity_complete (task, TRUE, MONDAY + 2 * HOUR);
  g_assert_cmpint (kontor_activity_get_happened_at (task), ==, MONDAY + 2 * HOUR);
  g_assert_true (kontor_record_validate (KONTOR_RECORD (task), NULL, NULL));
  kontor_activity_set_done_at (task, 0);
  assert_refused (KONTOR_RECORD (task), KONTOR_RECORD_ERROR_INVALID_DATE);
  kontor_activity_complete (task, FALSE, MONDAY + 3 * HOUR);
  g_assert_cmpint (kontor_activity_get_happened_at (task), ==, 0);

  /* a meeting planned, not held: no last activity yet */
  kontor_activity_complete (meeting, FALSE, MONDAY);
  g_assert_cmpint (kontor_activity_get_happened_at (meeting), ==, 0);

  /* names in the UI */
  g_assert_cmpstr (kontor_activity_kind_to_string (KONTOR_ACTIVITY_KIND_VIDEO_CALL), ==,
                   "Video call");
  g_assert_cmpstr (kontor_activity_topic_to_string (KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE), ==,
                   "Customer care");
  g_assert_cmpstr (kontor_record_get_entity (KONTOR_RECORD (call)), ==, "activity");
}

/* A7: an automatic activity is not edited, and deleted only by whoever
 * caused it */
static void
test_automatic_rules (void)
{
  g_autoptr(KontorActivity) mail = kontor_activity_new (KONTOR_ACTIVITY_KIND_EMAIL, NULL);
  g_autoptr(KontorActivity) edited = NULL;
  g_autoptr(GError) error = NULL;

  kontor_activity_set_contact_id (mail, "c1");
  kontor_activity_set_starts_at (mail, MONDAY);
  kontor_activity_set_automatic (mail, TRUE);
  kontor_activity_set_created_by (mail, "u1");

  edited = KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (mail)));
  kontor_activity_set_subject (edited, "Angebot");
  g_assert_false (kontor_record_validate (KONTOR_RECORD (edited), KONTOR_RECORD (mail), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  g_assert_true (kontor_activity_check_delete (mail, "u1", NULL));
  g_assert_false (kontor_activity_check_delete (mail, "u2", &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  kontor_activity_set_automatic (mail, FALSE);
  g_assert_true (kontor_activity_check_delete (mail, "u2", NULL));
  g_assert_true (kontor_activity_check_edit (mail, NULL));
}

/* ------------------------------------------------------------------------ */
/* The store */

/* A record kind like the others: a create entry, an update entry with
 * the old and new value, history, and on delete a tombstone and a delete
 * entry, nothing else */
static void
test_outbox_history_tombstone (Fixture       *fixture,
                               gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) call = new_call (fixture->anna, MONDAY);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 rowid;

  kontor_activity_set_notes (call, "Wünscht ein Angebot über 40 Brote");
  kontor_test_save (store, call);
  id = g_strdup (id_of (call));
  rowid = kontor_record_get_rowid (KONTOR_RECORD (call));
  g_assert_cmpstr (kontor_activity_get_created_by (call), ==,
                   id_of (kontor_store_get_current_user (store)));
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                          "entity = 'activity' AND op = 'create' "
                                          "AND entity_id = ?1", id), ==, 1);

  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_NEGOTIATION);
  kontor_test_save (store, call);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                          "entity = 'activity' AND op = 'update' AND "
                                          "field = 'topic' AND old_value_json = '\"acquisition\"' "
                                          "AND value_json = '\"negotiation\"'", NULL), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM journal WHERE "
                                          "entity = 'activity' AND field = 'topic' "
                                          "AND entity_id = ?1", id), ==, 1);
  /* the last activity is the store's, never an entry */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                          "field IN ('happened_at', 'last_activity_at')",
                                          NULL), ==, 0);

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (call), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM tombstone WHERE "
                                          "entity = 'activity' AND id = ?1", id), ==, 1);
  /* never sent: the create goes, and the delete with the tombstone
   * tells the server nothing it has not seen */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                          "entity_id = ?1 AND op != 'delete'", id), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM journal WHERE "
                                          "entity_id = ?1 AND op != 'delete'", id), ==, 0);
  g_assert_cmpint (rowid, >, 0);
}

/* A8: the contact's last activity is its latest done one, through a new
 * one, an older one, an edit, a task ticked off and opened again, a
 * meeting planned, a delete; the company's the same of its own */
static void
test_last_activity (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) call = new_call (fixture->anna, MONDAY);
  g_autoptr(KontorActivity) older = new_call (fixture->anna, MONDAY - 24 * HOUR);
  g_autoptr(KontorActivity) task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                        KONTOR_RECORD (fixture->anna));
  g_autoptr(KontorActivity) planned = kontor_activity_new (KONTOR_ACTIVITY_KIND_MEETING,
                                                           KONTOR_RECORD (fixture->anna));
  g_autoptr(KontorActivity) lunch = kontor_activity_new (KONTOR_ACTIVITY_KIND_LUNCH,
                                                         KONTOR_RECORD (fixture->bakery));
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, 0);
  kontor_test_save (store, call);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY);
  kontor_test_save (store, older);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY);

  /* an edit of its time */
  kontor_activity_set_starts_at (call, MONDAY + HOUR);
  kontor_test_save (store, call);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY + HOUR);

  /* an open task and a meeting not held yet do not count */
  kontor_test_save (store, task);
  kontor_activity_set_starts_at (planned, MONDAY + 48 * HOUR);
  kontor_activity_complete (planned, FALSE, MONDAY);
  kontor_test_save (store, planned);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY + HOUR);

  /* a task ticked off counts from then, and no more when opened again */
  kontor_activity_complete (task, TRUE, MONDAY + 5 * HOUR);
  kontor_test_save (store, task);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY + 5 * HOUR);
  kontor_activity_complete (task, FALSE, MONDAY + 6 * HOUR);
  kontor_test_save (store, task);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY + HOUR);

  /* a delete leaves the one before */
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (call), &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY - 24 * HOUR);

  /* moved to another contact: both are right */
  kontor_activity_set_contact_id (older, id_of (fixture->ben));
  kontor_test_save (store, older);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, 0);
  g_assert_cmpint (last_activity_of (fixture, fixture->ben), ==, MONDAY - 24 * HOUR);

  /* a company's own */
  kontor_activity_set_starts_at (lunch, MONDAY + 3 * HOUR);
  kontor_activity_set_location (lunch, "Ratskeller");
  kontor_test_save (store, lunch);
  g_assert_cmpint (last_activity_of (fixture, fixture->bakery), ==, MONDAY + 3 * HOUR);
}

static void
on_changed (KontorStore *store,
            const char  *entity,
            GArray      *rowids,
            gpointer     data)
{
  GHashTable *seen = data;

  if (g_str_equal (entity, "contact"))
    for (guint i = 0; i < rowids->len; i++)
      g_hash_table_add (seen, GINT_TO_POINTER ((int) g_array_index (rowids, gint64, i)));
}

/* Undo and redo of a recorded activity, of an edit and of a delete (the
 * operations the timeline runs): the record and the last activity follow,
 * and the lists hear of the contact's row each time */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (20);
  g_autoptr(KontorActivity) call = new_call (fixture->anna, MONDAY);
  g_autoptr(KontorActivity) edited = NULL;
  g_autoptr(KontorRecordWrite) create = NULL;
  g_autoptr(KontorRecordWrite) delete = NULL;
  g_autoptr(KontorFieldChange) edit = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorActivity) stored = NULL;
  gint64 anna_rowid = kontor_record_get_rowid (KONTOR_RECORD (fixture->anna));
  gulong handler;

  handler = g_signal_connect (store, "changed", G_CALLBACK (on_changed), seen);

  create = kontor_record_write_new_create (store, KONTOR_RECORD (call), "Anruf erfasst");
  g_assert_true (kontor_operation_stack_run (stack, KONTOR_OPERATION (create), &error));
  g_assert_no_error (error);
  stored = KONTOR_ACTIVITY (kontor_record_copy (kontor_record_write_get_record (create)));
  g_assert_nonnull (id_of (stored));
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY);
  g_assert_true (g_hash_table_contains (seen, GINT_TO_POINTER ((int) anna_rowid)));

  /* an edit of the time, undone and redone */
  edited = KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (stored)));
  kontor_activity_set_starts_at (edited, MONDAY + 2 * HOUR);
  edit = kontor_field_change_new_edit (store, KONTOR_RECORD (stored), KONTOR_RECORD (edited),
                                       "Anruf geändert");
  g_assert_false (kontor_field_change_is_empty (edit));
  g_assert_true (kontor_operation_stack_run (stack, KONTOR_OPERATION (edit), &error));
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY + 2 * HOUR);
  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY);
  g_assert_true (kontor_operation_stack_redo (stack, &error));
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY + 2 * HOUR);

  /* a delete, undone: the same record again */
  delete = kontor_record_write_new_delete (store, KONTOR_RECORD (stored), "Anruf gelöscht");
  g_assert_true (kontor_operation_stack_run (stack, KONTOR_OPERATION (delete), &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, 0);
  g_hash_table_remove_all (seen);
  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (seen, GINT_TO_POINTER ((int) anna_rowid)));
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY + 2 * HOUR);
  timeline = kontor_store_list_activities (store, KONTOR_RECORD (fixture->anna),
                                           KONTOR_ACTIVITY_LIST_OWN, &error);
  g_assert_cmpuint (timeline->len, ==, 1);
  g_assert_cmpstr (id_of (g_ptr_array_index (timeline, 0)), ==, id_of (stored));
  g_clear_pointer (&timeline, g_ptr_array_unref);

  /* back to before the creation: nothing left, no entry to send */
  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                          "entity = 'activity' AND op != 'delete'", NULL), ==, 0);

  /* and forward again: the same id */
  g_assert_true (kontor_operation_stack_redo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity WHERE id = ?1",
                                          id_of (stored)), ==, 1);
  g_assert_cmpint (last_activity_of (fixture, fixture->anna), ==, MONDAY);

  g_signal_handler_disconnect (store, handler);
}

/* A2, A6: a contact's timeline, open tasks first, then the newest; with
 * the affiliation also its company's, and a company's with its
 * contacts' */
static void
test_timeline (Fixture       *fixture,
               gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) early = new_call (fixture->anna, MONDAY);
  g_autoptr(KontorActivity) late = new_call (fixture->anna, MONDAY + 5 * HOUR);
  g_autoptr(KontorActivity) task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                        KONTOR_RECORD (fixture->anna));
  g_autoptr(KontorActivity) on_company = new_call (fixture->bakery, MONDAY + HOUR);
  g_autoptr(KontorActivity) on_ben = new_call (fixture->ben, MONDAY + 2 * HOUR);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  kontor_test_save (store, early);
  kontor_test_save (store, late);
  kontor_activity_set_due_on (task, "2025-12-10");
  kontor_test_save (store, task);
  kontor_test_save (store, on_company);
  kontor_test_save (store, on_ben);

  list = kontor_store_list_activities (store, KONTOR_RECORD (fixture->anna),
                                       KONTOR_ACTIVITY_LIST_OWN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (id_of (g_ptr_array_index (list, 0)), ==, id_of (task));
  g_assert_cmpstr (id_of (g_ptr_array_index (list, 1)), ==, id_of (late));
  g_assert_cmpstr (id_of (g_ptr_array_index (list, 2)), ==, id_of (early));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = kontor_store_list_activities (store, KONTOR_RECORD (fixture->anna),
                                       KONTOR_ACTIVITY_LIST_AFFILIATED, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (id_of (g_ptr_array_index (list, 2)), ==, id_of (on_company));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = kontor_store_list_activities (store, KONTOR_RECORD (fixture->bakery),
                                       KONTOR_ACTIVITY_LIST_OWN, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = kontor_store_list_activities (store, KONTOR_RECORD (fixture->bakery),
                                       KONTOR_ACTIVITY_LIST_AFFILIATED, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* the timeline's filters: the open tasks, one kind, with the affiliation */
  list = kontor_store_list_timeline (store, KONTOR_RECORD (fixture->anna),
                                     KONTOR_ACTIVITY_LIST_OPEN_TASKS, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (id_of (g_ptr_array_index (list, 0)), ==, id_of (task));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = kontor_store_list_timeline (store, KONTOR_RECORD (fixture->anna),
                                     KONTOR_ACTIVITY_LIST_AFFILIATED,
                                     1u << KONTOR_ACTIVITY_KIND_CALL, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = kontor_store_list_timeline (store, KONTOR_RECORD (fixture->anna),
                                     KONTOR_ACTIVITY_LIST_OWN,
                                     1u << KONTOR_ACTIVITY_KIND_NOTE, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
}

static GArray *
query (KontorStore  *store,
       KontorFilter *filter)
{
  GArray *rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_ACTIVITY, filter, rowids, &error));
  g_assert_no_error (error);

  return rowids;
}

/* A6: the list of all activities, newest first; searched in subjects
 * and notes (prefixes, accents and the German transliteration), by kind
 * and open tasks; a deleted one is no longer found, an edited one by its
 * new words; the plan is an index walk */
static void
test_list_and_search (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) call = new_call (fixture->anna, MONDAY);
  g_autoptr(KontorActivity) note = kontor_activity_new (KONTOR_ACTIVITY_KIND_NOTE,
                                                        KONTOR_RECORD (fixture->ben));
  g_autoptr(KontorActivity) task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                        KONTOR_RECORD (fixture->anna));
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorRecordList) list = NULL;

  kontor_activity_set_subject (call, "Rückruf Müller");
  kontor_activity_set_notes (call, "Wünscht ein Angebot über Brötchen");
  kontor_test_save (store, call);
  kontor_activity_set_subject (note, "Messe Hannover");
  kontor_activity_set_starts_at (note, MONDAY + HOUR);
  kontor_test_save (store, note);
  kontor_activity_set_subject (task, "Angebot schicken");
  kontor_test_save (store, task);

  /* newest first: the task (created now), the note, the call */
  rows = query (store, filter);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (g_array_index (rows, gint64, 0), ==, kontor_record_get_rowid (KONTOR_RECORD (task)));
  g_assert_cmpint (g_array_index (rows, gint64, 1), ==, kontor_record_get_rowid (KONTOR_RECORD (note)));
  g_assert_cmpint (g_array_index (rows, gint64, 2), ==, kontor_record_get_rowid (KONTOR_RECORD (call)));
  g_clear_pointer (&rows, g_array_unref);

  /* words of the notes, a prefix, without accents, transliterated */
  for (guint i = 0; i < 4; i++)
    {
      static const char *texts[] = { "brötchen", "angeb", "Muller", "mueller" };

      kontor_filter_set_search_text (filter, texts[i]);
      rows = query (store, filter);
      g_assert_cmpuint (rows->len, >=, 1);
      g_assert_cmpint (g_array_index (rows, gint64, rows->len - 1), ==,
                       kontor_record_get_rowid (KONTOR_RECORD (call)));
      g_clear_pointer (&rows, g_array_unref);
    }
  /* FTS5 syntax typed is taken literally */
  kontor_filter_set_search_text (filter, "\"Messe AND OR");
  rows = query (store, filter);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);
  kontor_filter_set_search_text (filter, NULL);

  /* kinds, open tasks */
  kontor_filter_set_activity_kinds (filter, 1u << KONTOR_ACTIVITY_KIND_NOTE |
                                            1u << KONTOR_ACTIVITY_KIND_CALL);
  rows = query (store, filter);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_array_unref);
  kontor_filter_set_activity_kinds (filter, 0);
  kontor_filter_set_open_tasks_only (filter, TRUE);
  rows = query (store, filter);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (g_array_index (rows, gint64, 0), ==, kontor_record_get_rowid (KONTOR_RECORD (task)));
  g_clear_pointer (&rows, g_array_unref);
  kontor_filter_set_open_tasks_only (filter, FALSE);

  /* an edit is found by its new words, a delete not at all */
  kontor_activity_set_subject (note, "Messe Leipzig");
  kontor_test_save (store, note);
  kontor_filter_set_search_text (filter, "hannover");
  rows = query (store, filter);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);
  kontor_filter_set_search_text (filter, "leipzig");
  rows = query (store, filter);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (note), &error));
  g_assert_no_error (error);
  rows = query (store, filter);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity_search", NULL),
                   ==, 2);

  /* the list model over it follows the store */
  kontor_filter_set_search_text (filter, NULL);
  list = kontor_record_list_new (store, KONTOR_TYPE_ACTIVITY, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (task), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* newest first without a search is a walk of the order index */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM pragma_index_list "
                                          "('activity') WHERE name = 'activity_when'", NULL),
                   ==, 1);
}

/* R2: what is due up to a day, the longest overdue first; done tasks,
 * tasks due later and archived contacts are not */
static void
test_due (Fixture       *fixture,
          gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) early = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                         KONTOR_RECORD (fixture->anna));
  g_autoptr(KontorActivity) due = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                       KONTOR_RECORD (fixture->ben));
  g_autoptr(KontorActivity) done = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                        KONTOR_RECORD (fixture->ben));
  g_autoptr(KontorActivity) later = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                         KONTOR_RECORD (fixture->ben));
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  kontor_activity_set_due_on (early, "2026-12-01");
  kontor_activity_set_due_on (due, "2026-12-07");
  kontor_activity_set_due_on (done, "2026-12-02");
  kontor_activity_complete (done, TRUE, MONDAY);
  kontor_activity_set_due_on (later, "2026-12-08");
  kontor_test_save (store, due);
  kontor_test_save (store, early);
  kontor_test_save (store, done);
  kontor_test_save (store, later);
  kontor_contact_set_due_date (fixture->anna, "2026-12-07");
  kontor_test_save (store, fixture->anna);
  kontor_contact_set_due_date (fixture->ben, "2026-11-30");
  kontor_contact_set_status (fixture->ben, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, fixture->ben);

  tasks = kontor_store_list_due_tasks (store, "2026-12-07", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  g_assert_cmpstr (id_of (g_ptr_array_index (tasks, 0)), ==, id_of (early));
  g_assert_cmpstr (id_of (g_ptr_array_index (tasks, 1)), ==, id_of (due));

  contacts = kontor_store_list_due_contacts (store, "2026-12-07", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (id_of (g_ptr_array_index (contacts, 0)), ==, id_of (fixture->anna));
}

static gint64
fake_clock (gpointer data)
{
  return *(gint64 *) data;
}

static void
count_due (KontorReminders *reminders,
           KontorActivity  *activity,
           gpointer         data)
{
  GPtrArray *seen = data;

  g_ptr_array_add (seen, g_strdup (kontor_activity_get_subject (activity)));
}

/* R2, X9: a reminder is due once when its time comes, not before; a
 * night slept through shows the one due meanwhile once; a snooze makes
 * it due again at its new time, an hour or a day (the same time of day
 * across a change of the clocks); a task done is not reminded; the next
 * check is at the next reminder */
static void
test_reminders (Fixture       *fixture,
                gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorReminders) reminders = kontor_reminders_new (store);
  g_autoptr(KontorActivity) call_back = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                             KONTOR_RECORD (fixture->anna));
  g_autoptr(KontorActivity) offer = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                         KONTOR_RECORD (fixture->ben));
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) before_dst = NULL;
  g_autoptr(GDateTime) after_dst = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = MONDAY;
  gint64 snoozed;

  kontor_reminders_set_clock (reminders, fake_clock, &now);
  g_signal_connect (reminders, "due", G_CALLBACK (count_due), seen);

  kontor_activity_set_subject (call_back, "Rückruf");
  kontor_activity_set_remind_at (call_back, MONDAY + HOUR);
  kontor_test_save (store, call_back);
  kontor_activity_set_subject (offer, "Angebot");
  kontor_activity_set_remind_at (offer, MONDAY + 10 * HOUR);
  kontor_test_save (store, offer);

  /* not yet; the next check is at the first reminder */
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (kontor_reminders_get_next (reminders, NULL), ==, MONDAY + HOUR);

  /* its time: once */
  now = MONDAY + HOUR;
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "Rückruf");
  now += 30;
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 0);

  /* snoozed an hour: due again then, not before */
  snoozed = kontor_activity_snooze_time (now, KONTOR_SNOOZE_HOUR, berlin);
  g_assert_cmpint (snoozed, ==, now + HOUR);
  kontor_activity_set_remind_at (call_back, snoozed);
  kontor_test_save (store, call_back);
  now += HOUR - 60;
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 0);
  now += 60;
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 1);
  g_assert_cmpuint (seen->len, ==, 2);

  /* asleep through the second one and long after: once on waking */
  now = MONDAY + 20 * HOUR;
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "Angebot");
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 0);

  /* done: no more reminders */
  kontor_activity_complete (offer, TRUE, now);
  kontor_activity_set_remind_at (offer, now + HOUR);
  kontor_test_save (store, offer);
  now += 2 * HOUR;
  g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 0);
  g_assert_cmpint (kontor_reminders_get_next (reminders, NULL), ==, 0);

  /* a colleague's task, synced here, reminds the colleague, not us */
  {
    g_autoptr(KontorActivity) theirs = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                            KONTOR_RECORD (fixture->ben));

    kontor_activity_set_subject (theirs, "Rückruf für Ines");
    kontor_activity_set_created_by (theirs, "0190a000-0000-7000-8000-0000000000ff");
    kontor_activity_set_remind_at (theirs, now - 60);
    kontor_test_save (store, theirs);
    g_assert_cmpuint (kontor_reminders_check (reminders, &error), ==, 0);
  }

  /* a day across the change of the clocks (25 October 2026 in Berlin):
   * 09:00 stays 09:00, 25 hours later */
  before_dst = g_date_time_new (berlin, 2026, 10, 24, 9, 0, 0);
  snoozed = kontor_activity_snooze_time (g_date_time_to_unix (before_dst), KONTOR_SNOOZE_DAY,
                                         berlin);
  utc = g_date_time_new_from_unix_utc (snoozed);
  after_dst = g_date_time_to_timezone (utc, berlin);
  g_assert_cmpint (g_date_time_get_day_of_month (after_dst), ==, 25);
  g_assert_cmpint (g_date_time_get_hour (after_dst), ==, 9);
  g_assert_cmpint (snoozed - g_date_time_to_unix (before_dst), ==, 25 * HOUR);
  /* and in spring, 23 hours */
  g_clear_pointer (&before_dst, g_date_time_unref);
  before_dst = g_date_time_new (berlin, 2027, 3, 27, 9, 0, 0);
  snoozed = kontor_activity_snooze_time (g_date_time_to_unix (before_dst), KONTOR_SNOOZE_DAY,
                                         berlin);
  g_assert_cmpint (snoozed - g_date_time_to_unix (before_dst), ==, 23 * HOUR);
}

/* P3: the bubbles count the done activities by kind */
static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) a = new_call (fixture->anna, MONDAY);
  g_autoptr(KontorActivity) b = new_call (fixture->anna, MONDAY + HOUR);
  g_autoptr(KontorActivity) note = kontor_activity_new (KONTOR_ACTIVITY_KIND_NOTE,
                                                        KONTOR_RECORD (fixture->anna));
  g_autoptr(KontorActivity) task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                        KONTOR_RECORD (fixture->anna));
  g_autoptr(GError) error = NULL;
  guint counts[KONTOR_ACTIVITY_N_KINDS];

  kontor_test_save (store, a);
  kontor_test_save (store, b);
  kontor_activity_set_starts_at (note, MONDAY);
  kontor_test_save (store, note);
  kontor_test_save (store, task);

  g_assert_true (kontor_store_count_done_activities (store, fixture->anna, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[KONTOR_ACTIVITY_KIND_CALL], ==, 2);
  g_assert_cmpuint (counts[KONTOR_ACTIVITY_KIND_NOTE], ==, 1);
  g_assert_cmpuint (counts[KONTOR_ACTIVITY_KIND_TASK], ==, 0);
  g_assert_cmpuint (counts[KONTOR_ACTIVITY_KIND_EMAIL], ==, 0);
}

/* A contact's delete takes its activities, a company's its own; nothing
 * of them is left to send */
static void
test_owner_deleted (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) call = new_call (fixture->anna, MONDAY);
  g_autoptr(KontorActivity) lunch = kontor_activity_new (KONTOR_ACTIVITY_KIND_LUNCH,
                                                         KONTOR_RECORD (fixture->bakery));
  g_autoptr(GError) error = NULL;

  kontor_test_save (store, call);
  kontor_activity_set_starts_at (lunch, MONDAY);
  kontor_test_save (store, lunch);
  kontor_activity_set_notes (call, "Rückruf");
  kontor_test_save (store, call);

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (fixture->anna), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity WHERE id = ?1",
                                          id_of (call)), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                          "entity_id = ?1", id_of (call)), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM journal WHERE "
                                          "entity_id = ?1", id_of (call)), ==, 0);

  /* nothing of it in the search either: its document went with it */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity_search "
                                          "WHERE rowid = ?1", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity_search", NULL),
                   ==, 1);

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (fixture->bakery), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity_search", NULL),
                   ==, 0);
}

/* A contact that leaves the user's sight (a revoke from the server, X12)
 * goes with its activities, and the one not sent yet is kept among the
 * refused, whole: nothing written goes without a trace */
static void
test_revoked (Fixture       *fixture,
              gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) call = new_call (fixture->anna, MONDAY);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  kontor_activity_set_subject (call, "Angebot bis Freitag");
  kontor_test_save (store, call);
  page = g_strdup_printf ("[{\"seq\": 5, \"entity\": \"contact\", \"id\": \"%s\", "
                          "\"op\": \"revoke\"}]", id_of (fixture->anna));
  g_assert_true (json_parser_load_from_data (parser, page, -1, &error));
  g_assert_true (kontor_store_sync_apply_changes (store,
                                                  json_node_get_array (json_parser_get_root (parser)),
                                                  5, &error));
  g_assert_no_error (error);

  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM activity_search", NULL),
                   ==, 0);
  stmt = kontor_test_prepare (store, "SELECT fields_json FROM rejected WHERE entity = 'activity' "
                                     "AND entity_id = ?1 AND reason = 'revoked'", id_of (call));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0), "Angebot bis Freitag"));
  sqlite3_finalize (stmt);
}

/* A7 in the store: an automatic activity is refused an edit, and a
 * delete by anyone but its author; a viewer records nothing (U1) */
static void
test_store_rules (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) mail = kontor_activity_new (KONTOR_ACTIVITY_KIND_EMAIL,
                                                        KONTOR_RECORD (fixture->anna));
  g_autoptr(KontorActivity) call = new_call (fixture->anna, MONDAY);
  g_autoptr(KontorUser) colleague = kontor_user_new ("ines", "Ines Roth",
                                                     KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorUser) viewer = kontor_user_new ("vera", "Vera Blick",
                                                  KONTOR_USER_ROLE_VIEWER);
  KontorUser *admin = g_object_ref (kontor_store_get_current_user (store));
  g_autoptr(GError) error = NULL;

  kontor_test_save (store, colleague);
  kontor_test_save (store, viewer);
  kontor_activity_set_starts_at (mail, MONDAY);
  kontor_activity_set_subject (mail, "Angebot 2026");
  kontor_activity_set_automatic (mail, TRUE);
  kontor_test_save (store, mail);

  kontor_activity_set_subject (mail, "Angebot 2027");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (mail), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  g_assert_true (kontor_store_set_current_user (store, colleague, &error));
  g_assert_false (kontor_store_delete (store, KONTOR_RECORD (mail), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  g_assert_true (kontor_store_set_current_user (store, viewer, &error));
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (call), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  g_assert_true (kontor_store_set_current_user (store, admin, &error));
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (mail), &error));
  g_assert_no_error (error);
  g_object_unref (admin);
}

/* ------------------------------------------------------------------------ */
/* Participants, files and links (features A4, A5) */

#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HASH_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define HASH_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define HASH_D "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"

static KontorActivity *
new_meeting_on (const char *contact_id)
{
  KontorActivity *meeting = kontor_activity_new (KONTOR_ACTIVITY_KIND_MEETING, NULL);

  kontor_activity_set_contact_id (meeting, contact_id);
  kontor_activity_set_starts_at (meeting, MONDAY);

  return meeting;
}

static void
assert_refused_with (KontorActivity *activity,
                     const char     *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_record_validate (KONTOR_RECORD (activity), NULL, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_attachment_json (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_attachment_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const KontorAttachment *a;

  g_assert_null (kontor_attachments_serialize (list));
  g_ptr_array_add (list, kontor_attachment_new (HASH_A, "Angebot „Sommer“.pdf", 12345,
                                                "application/pdf"));
  g_ptr_array_add (list, kontor_attachment_new (HASH_B, "notes", 0, NULL));
  json = kontor_attachments_serialize (list);
  back = kontor_attachments_parse (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  a = g_ptr_array_index (back, 0);
  g_assert_cmpstr (a->sha256, ==, HASH_A);
  g_assert_cmpstr (a->name, ==, "Angebot „Sommer“.pdf");
  g_assert_cmpint (a->size, ==, 12345);
  g_assert_cmpstr (a->content_type, ==, "application/pdf");
  a = g_ptr_array_index (back, 1);
  g_assert_null (a->content_type);

  /* bad shapes: each refused with a message */
  {
    const char *bad[] = {
      "{}", "[1]", "not json", "[{\"sha256\": \"ABC\", \"name\": \"x\", \"size\": 1}]",
      "[{\"sha256\": \"" HASH_A "\", \"name\": \"\", \"size\": 1}]",
      "[{\"sha256\": \"" HASH_A "\", \"name\": \"a/b\", \"size\": 1}]",
      "[{\"sha256\": \"" HASH_A "\", \"name\": \"x\", \"size\": -1}]",
      "[{\"sha256\": \"" HASH_A "\", \"name\": \"x\", \"size\": \"1\"}]",
      "[{\"sha256\": \"" HASH_A "\", \"name\": \"x\", \"size\": 1, \"type\": 3}]",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) bad_error = NULL;

        g_assert_null (kontor_attachments_parse (bad[i], &bad_error));
        g_assert_error (bad_error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
      }
  }
}

static void
test_participant_rules (void)
{
  g_autofree char *anna = kontor_uuid_v7_new ();
  g_autofree char *ben = kontor_uuid_v7_new ();
  g_autofree char *user = kontor_uuid_v7_new ();
  g_autoptr(KontorActivity) meeting = new_meeting_on (anna);
  g_auto(GStrv) ids = NULL;
  const char *both[] = { ben, NULL };
  const char *own[] = { anna, NULL };
  const char *twice[] = { ben, ben, NULL };
  const char *users[] = { user, NULL };

  g_assert_true (kontor_record_validate (KONTOR_RECORD (meeting), NULL, NULL));

  kontor_activity_set_participant_contact_ids (meeting, both);
  kontor_activity_set_participant_user_ids (meeting, users);
  g_assert_true (kontor_record_validate (KONTOR_RECORD (meeting), NULL, NULL));
  ids = kontor_activity_dup_participant_contact_ids (meeting);
  g_assert_cmpstrv (ids, both);
  g_clear_pointer (&ids, g_strfreev);
  ids = kontor_activity_dup_participant_user_ids (meeting);
  g_assert_cmpstrv (ids, users);

  /* the contact it is recorded on is implied, not a participant */
  kontor_activity_set_participant_contact_ids (meeting, own);
  assert_refused_with (meeting, "of its own");
  kontor_activity_set_participant_contact_ids (meeting, twice);
  assert_refused_with (meeting, "twice");
  kontor_activity_set_participant_contacts (meeting, "[\"not-an-id\"]");
  assert_refused_with (meeting, "not a valid contact");
  kontor_activity_set_participant_contacts (meeting, "{\"a\": 1}");
  assert_refused_with (meeting, "not a list");
  kontor_activity_set_participant_contacts (meeting, NULL);
  kontor_activity_set_participant_users (meeting, "[42]");
  assert_refused_with (meeting, "not a list");
  kontor_activity_set_participant_user_ids (meeting, NULL);
  g_assert_null (kontor_activity_get_participant_users (meeting));
  g_assert_true (kontor_record_validate (KONTOR_RECORD (meeting), NULL, NULL));
}

static void
test_attachment_rules (void)
{
  g_autofree char *anna = kontor_uuid_v7_new ();
  g_autoptr(KontorActivity) meeting = new_meeting_on (anna);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_attachment_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (list, kontor_attachment_new (HASH_A, "a.pdf", 1, "application/pdf"));
  g_ptr_array_add (list, kontor_attachment_new (HASH_B, "b.pdf", 2, "application/pdf"));
  g_ptr_array_add (list, kontor_attachment_new (HASH_C, "c.pdf", 3, "application/pdf"));
  kontor_activity_set_attachment_list (meeting, list);
  g_assert_true (kontor_record_validate (KONTOR_RECORD (meeting), NULL, NULL));
  back = kontor_activity_dup_attachments (meeting);
  g_assert_cmpuint (back->len, ==, 3);

  /* a fourth is refused, before it is copied and in validate */
  g_assert_false (kontor_activity_check_add_attachment (meeting, HASH_D, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "An activity holds at most 3 files.");
  g_ptr_array_add (list, kontor_attachment_new (HASH_D, "d.pdf", 4, NULL));
  kontor_activity_set_attachment_list (meeting, list);
  assert_refused_with (meeting, "at most 3 files");

  /* the same file twice */
  g_ptr_array_remove_range (list, 1, 3);
  g_ptr_array_add (list, kontor_attachment_new (HASH_A, "copy.pdf", 1, NULL));
  kontor_activity_set_attachment_list (meeting, list);
  assert_refused_with (meeting, "already attached");
  g_ptr_array_set_size (list, 1);
  kontor_activity_set_attachment_list (meeting, list);
  g_clear_error (&error);
  g_assert_false (kontor_activity_check_add_attachment (meeting, HASH_A, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_true (kontor_activity_check_add_attachment (meeting, HASH_B, NULL));

  kontor_activity_set_attachments (meeting, "[{\"sha256\": \"xyz\", \"name\": \"a\", \"size\": 1}]");
  assert_refused_with (meeting, "SHA-256");
  kontor_activity_set_attachment_list (meeting, NULL);
  g_assert_null (kontor_activity_get_attachments (meeting));
  g_assert_true (kontor_record_validate (KONTOR_RECORD (meeting), NULL, NULL));
}

static void
test_link_rules (void)
{
  g_autofree char *anna = kontor_uuid_v7_new ();
  g_autoptr(KontorActivity) meeting = new_meeting_on (anna);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) back = NULL;
  const char *good[] = { "https://example.org/offer?id=3", "mailto:anna@example.org",
                         "http://intranet.local/x", NULL };
  const char *four[] = { "https://a.example", "https://b.example", "https://c.example",
                         "https://d.example", NULL };
  const char *twice[] = { "https://a.example", "https://a.example", NULL };
  struct { const char *uri; const char *words; } bad[] = {
    { "example.org", "not a complete address" },
    { "ftp://example.org/file", "not “ftp:”" },
    { "file:///etc/passwd", "not “file:”" },
    { "javascript:alert(1)", "not “javascript:”" },
    { "https://", "names no web server" },
    { "mailto:", "names no web server" },
    { "", "Type the address" },
  };

  kontor_activity_set_link_list (meeting, good);
  g_assert_true (kontor_record_validate (KONTOR_RECORD (meeting), NULL, NULL));
  back = kontor_activity_dup_link_list (meeting);
  g_assert_cmpstrv (back, good);

  g_assert_false (kontor_activity_check_add_link (meeting, "https://d.example", &error));
  g_assert_cmpstr (error->message, ==, "An activity holds at most 3 links.");
  kontor_activity_set_link_list (meeting, four);
  assert_refused_with (meeting, "at most 3 links");
  kontor_activity_set_link_list (meeting, twice);
  assert_refused_with (meeting, "twice");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      const char *one[] = { bad[i].uri, NULL };

      g_assert_false (kontor_activity_check_link (bad[i].uri, &bad_error));
      if (strstr (bad_error->message, bad[i].words) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad[i].uri, bad_error->message, bad[i].words);
      kontor_activity_set_link_list (meeting, one);
      assert_refused_with (meeting, bad[i].words);
    }
}

static GFile *
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return g_file_new_for_path (path);
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* A5: a file is kept once under its hash, whole or not at all, and goes
 * when no activity names it any more */
static void
test_blobs (Fixture       *fixture,
            gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autofree char *dir = g_path_get_dirname (fixture->base.path);
  g_autofree char *folder = kontor_store_dup_blob_folder (store);
  g_autoptr(GFile) offer = write_file (dir, "offer.txt", "Angebot: 3 Brote");
  g_autoptr(GFile) same = write_file (dir, "same.txt", "Angebot: 3 Brote");
  g_autoptr(GFile) other = write_file (dir, "other.txt", "Rechnung");
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/folder/gone.pdf");
  g_autoptr(KontorAttachment) a = NULL;
  g_autoptr(KontorAttachment) b = NULL;
  g_autoptr(KontorAttachment) c = NULL;
  g_autoptr(KontorActivity) meeting = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  guint n_removed = 99;

  a = kontor_store_add_blob (store, offer, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->name, ==, "offer.txt");
  g_assert_cmpint (a->size, ==, strlen ("Angebot: 3 Brote"));
  g_assert_true (kontor_blob_hash_is_valid (a->sha256));
  {
    g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                               "Angebot: 3 Brote", -1);

    g_assert_cmpstr (a->sha256, ==, expected);
  }
  g_assert_true (kontor_store_has_blob (store, a->sha256));

  /* the same bytes under another name: one file kept */
  b = kontor_store_add_blob (store, same, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b->sha256, ==, a->sha256);
  g_assert_cmpstr (b->name, ==, "same.txt");
  prefix = g_build_filename (folder, (char[]) { a->sha256[0], a->sha256[1], '\0' }, NULL);
  g_assert_cmpuint (count_entries (prefix), ==, 1);

  /* an unreadable file: a message naming it, nothing left behind */
  g_assert_null (kontor_store_add_blob (store, missing, FALSE, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "gone.pdf"));
  g_clear_error (&error);

  c = kontor_store_add_blob (store, other, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (folder), ==, 2);   /* two prefix folders, no temporary file */

  /* one is named by an activity, the other by none */
  meeting = new_meeting_on (id_of (fixture->anna));
  g_ptr_array_add (list, a);
  kontor_activity_set_attachment_list (meeting, list);
  kontor_test_save (store, meeting);

  g_assert_true (kontor_store_collect_blobs (store, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 1);
  g_assert_true (kontor_store_has_blob (store, a->sha256));
  g_assert_false (kontor_store_has_blob (store, c->sha256));

  /* deleted: still kept until the next collection (an undo may want it) */
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (meeting), &error));
  g_assert_no_error (error);
  g_assert_true (kontor_store_has_blob (store, a->sha256));
  g_assert_true (kontor_store_collect_blobs (store, &n_removed, &error));
  g_assert_cmpuint (n_removed, ==, 1);
  g_assert_false (kontor_store_has_blob (store, a->sha256));
}

/* A5: a copy that fails midway (here: the file is a folder's worth of
 * nothing, a read error on a folder) leaves no temporary file */
static void
test_blob_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autofree char *dir = g_path_get_dirname (fixture->base.path);
  g_autofree char *folder = kontor_store_dup_blob_folder (store);
  g_autofree char *stray = NULL;
  g_autoptr(GFile) sub = g_file_new_build_filename (dir, "a-folder", NULL);
  g_autoptr(GFile) big = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_make_directory (sub, NULL, NULL));
  g_assert_null (kontor_store_add_blob (store, sub, FALSE, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "a-folder"));
  g_clear_error (&error);

  /* a file above the size asked about is refused unless allowed */
  big = write_file (dir, "big.bin", "x");
  {
    g_autofree char *path = g_file_get_path (big);

    g_assert_cmpint (truncate (path, KONTOR_ATTACHMENT_LARGE_SIZE + 1), ==, 0);
  }
  g_assert_true (kontor_store_blob_is_large (KONTOR_ATTACHMENT_LARGE_SIZE + 1));
  g_assert_false (kontor_store_blob_is_large (KONTOR_ATTACHMENT_LARGE_SIZE));
  g_assert_null (kontor_store_add_blob (store, big, FALSE, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "big.bin"));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (folder), ==, 0);

  /* a read that fails after the copy began (the kernel refuses to read
   * /proc/self/mem at 0): the temporary file it wrote to is gone */
  if (g_file_test ("/proc/self/mem", G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) mem = g_file_new_for_path ("/proc/self/mem");

      g_assert_null (kontor_store_add_blob (store, mem, FALSE, &error));
      g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "mem"));
      g_clear_error (&error);
      /* the folder was made for the copy; nothing is in it */
      g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
      g_assert_cmpuint (count_entries (folder), ==, 0);
    }

  /* a copy cut off leaves a temporary file at worst; the next collection
   * takes it away */
  g_assert_true (g_mkdir_with_parents (folder, 0700) == 0);
  stray = g_build_filename (folder, ".add-ABCDEF", NULL);
  g_assert_true (g_file_set_contents (stray, "half", -1, NULL));
  g_assert_true (kontor_store_collect_blobs (store, NULL, NULL));
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
}

static guint
mode_of (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);

  return buf.st_mode & 0777;
}

/* sets @path's modification time @age seconds before now */
static void
age_file (const char *path,
          gint64      age)
{
  struct utimbuf times;

  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age);
  g_assert_cmpint (utime (path, &times), ==, 0);
}

/* A5: a kept file, added or downloaded, is read-only; it is opened as a
 * read-only copy under its own name in the cache, never itself, and
 * copies older than a day go */
static void
test_blob_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autofree char *dir = g_path_get_dirname (fixture->base.path);
  g_autoptr(GFile) offer = write_file (dir, "offer.txt", "Angebot: 3 Brote");
  g_autoptr(KontorAttachment) a = NULL;
  g_autoptr(KontorAttachment) hidden = NULL;
  g_autoptr(KontorAttachment) absent = NULL;
  g_autoptr(KontorBlobDownload) download = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *open_path = NULL;
  g_autofree char *hidden_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *open_folder = NULL;
  g_autofree char *old_copy = NULL;
  g_autofree char *other = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Rechnung", -1);
  g_autofree char *other_path = NULL;

  a = kontor_store_add_blob (store, offer, FALSE, &error);
  g_assert_no_error (error);
  kept = kontor_store_dup_blob_path (store, a->sha256);
  g_assert_cmpuint (mode_of (kept), ==, 0400);
  /* the same file again replaces the read-only one */
  g_clear_pointer (&a, kontor_attachment_free);
  a = kontor_store_add_blob (store, offer, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (kept), ==, 0400);

  download = kontor_store_begin_blob_download (store, other, 8, &error);
  g_assert_no_error (error);
  g_assert_true (kontor_blob_download_write (download, "Rechnung", 8, &error));
  g_assert_true (kontor_blob_download_finish (download, &error));
  g_assert_no_error (error);
  other_path = kontor_store_dup_blob_path (store, other);
  g_assert_cmpuint (mode_of (other_path), ==, 0400);

  /* opened: a copy under the attachment's name, read-only, in the cache */
  open_path = kontor_store_dup_blob_open_path (store, a, &error);
  g_assert_no_error (error);
  open_folder = g_build_filename (g_get_user_cache_dir (), "kontor", "open", NULL);
  g_assert_true (g_str_has_prefix (open_path, open_folder));
  g_assert_cmpstr (strrchr (open_path, '/') + 1, ==, "offer.txt");
  g_assert_cmpstr (open_path, !=, kept);
  g_assert_cmpuint (mode_of (open_path), ==, 0400);
  g_assert_true (g_file_get_contents (open_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Angebot: 3 Brote");

  /* a name that would hide the copy or leave its folder is made safe */
  hidden = kontor_attachment_new (a->sha256, "..hidden", a->size, NULL);
  hidden_path = kontor_store_dup_blob_open_path (store, hidden, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strrchr (hidden_path, '/') + 1, ==, "__hidden");

  /* a file not here: said, nothing made */
  absent = kontor_attachment_new (other, "gone.pdf", 3, NULL);
  g_assert_cmpint (g_unlink (other_path), ==, 0);
  g_assert_null (kontor_store_dup_blob_open_path (store, absent, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.pdf"));
  g_clear_error (&error);

  /* a copy older than a day goes when the next is made; a fresh one stays */
  {
    g_autofree char *old_folder = g_path_get_dirname (open_path);

    age_file (old_folder, 2 * 24 * 60 * 60);
    old_copy = g_strdup (open_path);
    g_clear_pointer (&open_path, g_free);
    open_path = kontor_store_dup_blob_open_path (store, a, &error);
    g_assert_no_error (error);
    g_assert_false (g_file_test (old_copy, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (old_folder, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (hidden_path, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (open_path, G_FILE_TEST_EXISTS));
  }
}

/* A5: no file above the hard maximum, whatever the user agreed to */
static void
test_blob_max_size (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autofree char *dir = g_path_get_dirname (fixture->base.path);
  g_autofree char *folder = kontor_store_dup_blob_folder (store);
  g_autoptr(GFile) huge = write_file (dir, "huge.iso", "x");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (huge);
  g_autofree char *limit = g_format_size (KONTOR_ATTACHMENT_MAX_SIZE);

  g_assert_cmpint (KONTOR_ATTACHMENT_MAX_SIZE, >, KONTOR_ATTACHMENT_LARGE_SIZE);
  g_assert_true (kontor_attachment_check_size ("a", KONTOR_ATTACHMENT_MAX_SIZE, NULL));
  g_assert_false (kontor_attachment_check_size ("a", KONTOR_ATTACHMENT_MAX_SIZE + 1, NULL));

  g_assert_cmpint (truncate (path, KONTOR_ATTACHMENT_MAX_SIZE + 1), ==, 0);
  g_assert_null (kontor_store_add_blob (store, huge, TRUE, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "huge.iso"));
  g_assert_nonnull (strstr (error->message, limit));
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

/* sqlite3_mprintf () into memory of GLib's */
static char *
dup_sql (const char *format,
         const char *value)
{
  char *sql = sqlite3_mprintf (format, value);
  char *copy = g_strdup (sql);

  sqlite3_free (sql);

  return copy;
}

/* the attachments field's value as a conflict keeps it: a JSON string */
static char *
dup_field_value (const char *attachments)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, attachments);

  return json_to_string (node, FALSE);
}

static gboolean
ref_listed (GPtrArray  *refs,
            const char *sha256)
{
  for (guint i = 0; i < refs->len; i++)
    {
      if (g_str_equal (((KontorBlobRef *) g_ptr_array_index (refs, i))->sha256, sha256))
        return TRUE;
    }

  return FALSE;
}

/* A5: a file only the user's side of an open conflict names is kept and
 * uploaded: "Keep mine" must find it */
static void
test_blob_conflict (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autofree char *dir = g_path_get_dirname (fixture->base.path);
  g_autoptr(GFile) mine = write_file (dir, "mine.txt", "meine Fassung");
  g_autoptr(KontorAttachment) a = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GPtrArray) up = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *value = NULL;
  g_autofree char *sql = NULL;
  guint n_removed = 99;

  a = kontor_store_add_blob (store, mine, FALSE, &error);
  g_assert_no_error (error);
  g_ptr_array_add (list, a);
  json = kontor_attachments_serialize (list);
  value = dup_field_value (json);
  sql = dup_sql ("INSERT INTO conflict_local (id, entity, entity_id, field, kind,"
                 " theirs_value_json, yours_value_json, created_at) VALUES"
                 " ('c1', 'activity', 'x', 'attachments', 'field', '\"[]\"', %Q, 0)",
                 value);
  kontor_test_exec (store, sql);

  g_assert_true (kontor_store_collect_blobs (store, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_true (kontor_store_has_blob (store, a->sha256));
  up = kontor_store_list_blobs_to_upload (store, &error);
  g_assert_no_error (error);
  g_assert_true (ref_listed (up, a->sha256));
  g_clear_pointer (&up, g_ptr_array_unref);

  /* answered "mine", not pushed yet: still kept */
  g_assert_true (kontor_store_sync_resolve_conflict (store, "c1", "mine", NULL, &error));
  g_assert_true (kontor_store_collect_blobs (store, &n_removed, &error));
  g_assert_cmpuint (n_removed, ==, 0);

  /* an edit of an activity deleted meanwhile keeps the edit's fields */
  {
    g_autoptr(GFile) edited = write_file (dir, "edited.txt", "bearbeitet");
    g_autoptr(KontorAttachment) b = kontor_store_add_blob (store, edited, FALSE, &error);
    g_autoptr(GPtrArray) other = g_ptr_array_new ();
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(JsonObject) change = json_object_new ();
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *list_json = NULL;
    g_autofree char *fields_json = NULL;
    g_autofree char *insert = NULL;

    g_assert_no_error (error);
    g_ptr_array_add (other, b);
    list_json = kontor_attachments_serialize (other);
    json_object_set_string_member (change, "value", list_json);
    json_object_set_object_member (fields, "attachments", json_object_ref (change));
    node = json_node_init_object (json_node_alloc (), fields);
    fields_json = json_to_string (node, FALSE);
    insert = dup_sql ("INSERT INTO conflict_local (id, entity, entity_id, kind,"
                      " yours_value_json, created_at) VALUES"
                      " ('c2', 'activity', 'y', 'edit_vs_delete', %Q, 0)", fields_json);
    kontor_test_exec (store, insert);
    up = kontor_store_list_blobs_to_upload (store, &error);
    g_assert_no_error (error);
    g_assert_true (ref_listed (up, b->sha256));
    g_clear_pointer (&up, g_ptr_array_unref);
  }

  /* decided: the files go */
  kontor_test_exec (store, "UPDATE conflict_local SET status = 'resolved'");
  g_assert_true (kontor_store_collect_blobs (store, &n_removed, &error));
  g_assert_cmpuint (n_removed, ==, 2);
  g_assert_false (kontor_store_has_blob (store, a->sha256));
}

/* A5: the collection reads attachments as the model does; a value the
 * model cannot read stops nothing and loses no file it mentions */
static void
test_blob_collect_malformed (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autofree char *dir = g_path_get_dirname (fixture->base.path);
  const char *texts[] = { "first", "last", "listed", "stray" };
  KontorAttachment *kept[G_N_ELEMENTS (texts)];
  g_autoptr(KontorActivity) meeting = new_meeting_on (id_of (fixture->anna));
  g_autoptr(GError) error = NULL;
  guint n_removed = 99;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GFile) file = write_file (dir, texts[i], texts[i]);

      kept[i] = kontor_store_add_blob (store, file, FALSE, &error);
      g_assert_no_error (error);
    }
  kontor_test_save (store, meeting);

  /* a key twice: the model takes the last "sha256" */
  {
    g_autofree char *value = g_strdup_printf ("[{\"sha256\":\"%s\",\"sha256\":\"%s\","
                                              "\"name\":\"a\",\"size\":4}]",
                                              kept[0]->sha256, kept[1]->sha256);
    g_autofree char *sql = dup_sql ("UPDATE activity SET attachments = %Q", value);

    kontor_test_exec (store, sql);
    g_assert_true (kontor_store_collect_blobs (store, &n_removed, &error));
    g_assert_no_error (error);
    g_assert_true (kontor_store_has_blob (store, kept[1]->sha256));
    g_assert_false (kontor_store_has_blob (store, kept[0]->sha256));
    g_assert_false (kontor_store_has_blob (store, kept[3]->sha256));
    g_assert_cmpuint (n_removed, ==, 3);   /* first, listed, stray */
  }

  /* put back what went, then three values the model cannot read: each
   * keeps the files it mentions, the others go */
  {
    const char *formats[] = {
      "[\"x\", {\"sha256\":\"@\",\"name\":\"a\",\"size\":6}]",   /* not an object */
      "{\"sha256\":\"@\",\"name\":\"a\",\"size\":6}",             /* not a list */
      "[{\"name\":\"@\",\"size\":6}, {\"size\":1}]",              /* no sha256 */
    };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_auto(GStrv) parts = g_strsplit (formats[i], "@", -1);
        g_autofree char *value = g_strjoinv (kept[2]->sha256, parts);
        g_autofree char *sql = dup_sql ("UPDATE activity SET attachments = %Q", value);

        for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
          {
            g_autoptr(GFile) file = write_file (dir, texts[k], texts[k]);
            g_autoptr(KontorAttachment) again = kontor_store_add_blob (store, file, FALSE,
                                                                      &error);

            g_assert_no_error (error);
          }
        kontor_test_exec (store, sql);
        g_assert_true (kontor_store_collect_blobs (store, &n_removed, &error));
        g_assert_no_error (error);
        g_assert_true (kontor_store_has_blob (store, kept[2]->sha256));
        g_assert_false (kontor_store_has_blob (store, kept[3]->sha256));
        g_assert_cmpuint (n_removed, ==, 3);
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    kontor_attachment_free (kept[i]);
}

/* A5: a file named by an activity is fetched when its file is gone,
 * whatever the blob table says (a backup restored without its folder) */
static void
test_blob_download_list (Fixture       *fixture,
                         gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autofree char *dir = g_path_get_dirname (fixture->base.path);
  g_autoptr(GFile) offer = write_file (dir, "offer.txt", "Angebot");
  g_autoptr(KontorAttachment) a = NULL;
  g_autoptr(KontorActivity) meeting = new_meeting_on (id_of (fixture->anna));
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GPtrArray) down = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  a = kontor_store_add_blob (store, offer, FALSE, &error);
  g_assert_no_error (error);
  g_ptr_array_add (list, a);
  kontor_activity_set_attachment_list (meeting, list);
  kontor_test_save (store, meeting);

  down = kontor_store_list_blobs_to_download (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (down->len, ==, 0);
  g_clear_pointer (&down, g_ptr_array_unref);

  path = kontor_store_dup_blob_path (store, a->sha256);
  g_assert_cmpint (g_unlink (path), ==, 0);
  down = kontor_store_list_blobs_to_download (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (down->len, ==, 1);
  g_assert_true (ref_listed (down, a->sha256));
}

/* A5: a download cut off leaves a temporary file beside where the file
 * goes; the collection at the next start takes it away once it is older
 * than this run and not written to for a while */
static void
test_blob_stray_download (Fixture       *fixture,
                          gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "x", -1);
  g_autofree char *kept = kontor_store_dup_blob_path (store, hash);
  g_autofree char *sub = g_path_get_dirname (kept);
  g_autofree char *name = g_strdup_printf (".%s-AbCdEf", hash);
  g_autofree char *stale = g_build_filename (sub, name, NULL);
  g_autofree char *fresh_name = g_strdup_printf (".%s-GhIjKl", hash);
  g_autofree char *fresh = g_build_filename (sub, fresh_name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "half", -1, NULL));
  age_file (stale, 24 * 60 * 60);

  g_assert_true (kontor_store_collect_blobs (store, NULL, NULL));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

/* A4: a contact's timeline shows what it took part in */
static void
test_participant_timeline (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorActivity) meeting = new_meeting_on (id_of (fixture->ben));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *anna[] = { id_of (fixture->anna), NULL };

  kontor_activity_set_participant_contact_ids (meeting, anna);
  kontor_test_save (store, meeting);

  list = kontor_store_list_timeline (store, KONTOR_RECORD (fixture->anna), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (id_of (g_ptr_array_index (list, 0)), ==, id_of (meeting));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = kontor_store_list_timeline (store, KONTOR_RECORD (fixture->ben), 0, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* filtered by a colleague who took part (feature A6), in the timeline
   * and in the list of all activities */
  {
    g_autoptr(KontorUser) ines = kontor_user_new ("ines", "Ines Roth", KONTOR_USER_ROLE_SALES);
    g_autoptr(KontorActivity) call = new_call (fixture->ben, MONDAY + HOUR);
    g_autoptr(KontorFilter) filter = kontor_filter_new ();
    g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
    const char *users[] = { NULL, NULL };

    kontor_test_save (store, ines);
    users[0] = id_of (ines);
    kontor_activity_set_participant_user_ids (meeting, users);
    kontor_test_save (store, meeting);
    kontor_test_save (store, call);

    list = kontor_store_list_timeline_with (store, KONTOR_RECORD (fixture->ben), 0, 0, NULL,
                                            &error);
    g_assert_cmpuint (list->len, ==, 2);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = kontor_store_list_timeline_with (store, KONTOR_RECORD (fixture->ben), 0, 0,
                                            id_of (ines), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpstr (id_of (g_ptr_array_index (list, 0)), ==, id_of (meeting));
    g_clear_pointer (&list, g_ptr_array_unref);
    /* a contact: its own and those it took part in */
    list = kontor_store_list_timeline_with (store, KONTOR_RECORD (fixture->ben), 0, 0,
                                            id_of (fixture->anna), &error);
    g_assert_cmpuint (list->len, ==, 1);
    g_clear_pointer (&list, g_ptr_array_unref);

    kontor_filter_set_activity_participant_id (filter, id_of (ines));
    g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_ACTIVITY, filter, rowids,
                                              &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rowids->len, ==, 1);
    g_array_set_size (rowids, 0);
    kontor_filter_set_activity_participant_id (filter, id_of (fixture->anna));
    g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_ACTIVITY, filter, rowids,
                                              &error));
    g_assert_cmpuint (rowids->len, ==, 1);
    g_array_set_size (rowids, 0);
    kontor_filter_set_activity_participant_id (filter, id_of (fixture->ben));
    g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_ACTIVITY, filter, rowids,
                                              &error));
    g_assert_cmpuint (rowids->len, ==, 2);

    kontor_activity_set_participant_user_ids (meeting, NULL);
  }

  /* a broken list in the row (not through validate) hides nothing else */
  kontor_activity_set_participant_contacts (meeting, NULL);
  kontor_test_save (store, meeting);
  list = kontor_store_list_timeline (store, KONTOR_RECORD (fixture->anna), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

/* The generous reading of the files a text names: runs of exactly 64
 * lower-case hex digits, whatever stands around them */
static void
test_find_hashes (void)
{
  g_autofree char *a = g_strnfill (64, 'a');
  g_autofree char *long_run = g_strnfill (65, 'b');
  g_autofree char *upper = g_strnfill (64, 'C');
  g_autofree char *text = g_strdup_printf ("[{\"sha256\":\"%s\",\"sha256\":\"%s\"}] %s %s-%s",
                                           a, long_run, upper, a, a);
  g_auto(GStrv) found = kontor_attachments_find_hashes (text);
  g_auto(GStrv) none = kontor_attachments_find_hashes (NULL);
  g_auto(GStrv) end = kontor_attachments_find_hashes (a);

  g_assert_cmpstrv (found, ((const char *[]) { a, a, a, NULL }));
  g_assert_cmpstrv (none, ((const char *[]) { NULL }));
  g_assert_cmpstrv (end, ((const char *[]) { a, NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/activities/topics", test_topics);
  g_test_add_func ("/activities/rules", test_rules);
  g_test_add_func ("/activities/automatic-rules", test_automatic_rules);
  g_test_add_func ("/activities/attachment-json", test_attachment_json);
  g_test_add_func ("/activities/find-hashes", test_find_hashes);
  g_test_add_func ("/activities/participant-rules", test_participant_rules);
  g_test_add_func ("/activities/attachment-rules", test_attachment_rules);
  g_test_add_func ("/activities/link-rules", test_link_rules);
#define ADD(path, func) \
  g_test_add ("/activities/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("outbox-history-tombstone", test_outbox_history_tombstone);
  ADD ("last-activity", test_last_activity);
  ADD ("undo", test_undo);
  ADD ("timeline", test_timeline);
  ADD ("counts", test_counts);
  ADD ("list-and-search", test_list_and_search);
  ADD ("due", test_due);
  ADD ("reminders", test_reminders);
  ADD ("owner-deleted", test_owner_deleted);
  ADD ("revoked", test_revoked);
  ADD ("store-rules", test_store_rules);
  ADD ("blobs", test_blobs);
  ADD ("blob-failure", test_blob_failure);
  ADD ("blob-read-only", test_blob_read_only);
  ADD ("blob-max-size", test_blob_max_size);
  ADD ("blob-conflict", test_blob_conflict);
  ADD ("blob-collect-malformed", test_blob_collect_malformed);
  ADD ("blob-download-list", test_blob_download_list);
  ADD ("blob-stray-download", test_blob_stray_download);
  ADD ("participant-timeline", test_participant_timeline);
#undef ADD

  return g_test_run ();
}
