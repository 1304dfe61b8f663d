/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-board-store"

#include "config.h"

#include <string.h>

#include "kontor-field-change.h"
#include "kontor-pipeline-operation.h"
#include "kontor-rank.h"
#include "kontor-record-list.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/* The pipeline board in the store (features P4, P7, src/README.md): cards ranked in their
 * column, a move writes only the moved card and can be undone, columns
 * follow their rules and every column change can be undone too. */

#define NEW_ID        "00000000-0000-7000-8000-000000000001"
#define PROGRESS_ID   "00000000-0000-7000-8000-000000000002"
#define CONTACTED_ID  "00000000-0000-7000-8000-000000000003"
#define OFFER_ID      "00000000-0000-7000-8000-000000000004"
#define WON_ID        "00000000-0000-7000-8000-000000000005"
#define LOST_ID       "00000000-0000-7000-8000-000000000006"

typedef KontorStoreFixture Fixture;

#define TEST(path, func) KONTOR_STORE_TEST (path, func)

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static KontorContact *
new_card (KontorStore *store,
          const char  *last_name,
          const char  *status_id)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_set_pipeline_status_id (contact, status_id);
  kontor_test_save (store, contact);

  return contact;
}

static KontorContact *
reload (KontorStore *store,
        gpointer     record)
{
  g_autoptr(GError) error = NULL;
  KontorContact *loaded = kontor_store_load (store, KONTOR_TYPE_CONTACT, id_of (record), &error);

  g_assert_no_error (error);

  return loaded;
}

/* The last names of a column's cards, in board order */
static char *
column_order (KontorStore *store,
              const char  *status_id)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorRecordList) list = NULL;
  GString *names = g_string_new (NULL);

  kontor_filter_set_pipeline_status_id (filter, status_id);
  kontor_filter_set_sort_column (filter, KONTOR_SORT_RANK);
  list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, filter);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                              kontor_contact_get_last_name (contact));
    }

  return g_string_free (names, FALSE);
}

static void
assert_order (KontorStore *store,
              const char  *status_id,
              const char  *expected)
{
  g_autofree char *order = column_order (store, status_id);

  g_assert_cmpstr (order, ==, expected);
}

static KontorPipelineStatus *
load_status (KontorStore *store,
             const char  *id)
{
  g_autoptr(GError) error = NULL;
  KontorPipelineStatus *status = kontor_store_load (store, KONTOR_TYPE_PIPELINE_STATUS, id, &error);

  g_assert_no_error (error);

  return status;
}

/* Column names in board order, keys for the built-in ones */
static char *
columns (KontorStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (store, &error);
  GString *names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < statuses->len; i++)
    {
      KontorPipelineStatus *status = g_ptr_array_index (statuses, i);
      const char *name = kontor_pipeline_status_get_name (status);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                              name != NULL ? name : kontor_pipeline_status_get_key (status));
    }

  return g_string_free (names, FALSE);
}

static void
assert_columns (KontorStore *store,
                const char  *expected)
{
  g_autofree char *names = columns (store);

  g_assert_cmpstr (names, ==, expected);
}

/* ------------------------------------------------------------------------ */
/* Cards */

static void
test_new_cards_ranked_last (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KontorContact) zeller = new_card (fixture->store, "Zeller", NEW_ID);
  g_autoptr(KontorContact) adler = new_card (fixture->store, "Adler", NEW_ID);
  g_autoptr(KontorContact) moser = new_card (fixture->store, "Moser", NEW_ID);
  g_autoptr(KontorContact) other = new_card (fixture->store, "Berg", OFFER_ID);

  /* in the order they came, whatever their names */
  g_assert_cmpint (strcmp (kontor_contact_get_rank (zeller),
                           kontor_contact_get_rank (adler)), <, 0);
  g_assert_cmpint (strcmp (kontor_contact_get_rank (adler), kontor_contact_get_rank (moser)), <, 0);
  assert_order (fixture->store, NEW_ID, "Zeller,Adler,Moser");
  assert_order (fixture->store, OFFER_ID, "Berg");
  g_assert_true (kontor_rank_is_valid (kontor_contact_get_rank (other)));
}

static void
test_move_writes_only_that_card (Fixture       *fixture,
                                 gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) a = new_card (store, "Anders", NEW_ID);
  g_autoptr(KontorContact) b = new_card (store, "Becker", NEW_ID);
  g_autoptr(KontorContact) c = new_card (store, "Claus", NEW_ID);
  g_autoptr(KontorContact) d = new_card (store, "Dorn", CONTACTED_ID);
  g_autoptr(KontorFieldChange) move = NULL;
  g_autoptr(KontorContact) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_others = NULL;
  g_autofree char *after_others = NULL;
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, kontor_test_outbox_last_seq (store));
  sqlite3_stmt *stmt;
  const char *others = "SELECT group_concat(id || rank || updated_at || pipeline_status_id) "
                       "FROM contact WHERE id != ?1";
  gboolean entered_changed;

  stmt = kontor_test_prepare (store, others, id_of (b));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  before_others = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  /* Becker to "Erfolgreich kontaktiert", above Dorn (ranks are per column:
   * below Dorn, its rank could stay the same string) */
  move = kontor_field_change_new_move (store, b, CONTACTED_ID, NULL, kontor_contact_get_rank (d),
                                       "moved");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (move), &error));
  g_assert_no_error (error);

  moved = reload (store, b);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (moved), ==, CONTACTED_ID);
  assert_order (store, CONTACTED_ID, "Becker,Dorn");
  assert_order (store, NEW_ID, "Anders,Claus");

  /* only Becker's row changed, with one outbox entry per changed field */
  stmt = kontor_test_prepare (store, others, id_of (b));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  after_others = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (after_others, ==, before_others);

  /* the column and the place; and the time in the column, which the move
   * starts anew: an entry of its own when the clock's second moved on
   * since Becker was made (a slow run, under AddressSanitizer) */
  entered_changed = kontor_contact_get_pipeline_entered_at (moved) !=
                    kontor_contact_get_pipeline_entered_at (b);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE client_seq > "
                                                 "CAST (?1 AS INTEGER)", seq), ==,
                   2 + entered_changed);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(DISTINCT entity_id) FROM outbox "
                                                 "WHERE op = 'update' AND field IN "
                                                 "('pipeline_status_id', 'rank')", NULL), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE op = 'update' "
                                                 "AND entity_id = ?1 AND field IN "
                                                 "('pipeline_status_id', 'rank')", id_of (b)), ==, 2);
  (void) a;
  (void) c;
}

static void
test_reorder_within_column (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) a = new_card (store, "Anders", OFFER_ID);
  g_autoptr(KontorContact) b = new_card (store, "Becker", OFFER_ID);
  g_autoptr(KontorContact) c = new_card (store, "Claus", OFFER_ID);
  g_autoptr(KontorContact) d = new_card (store, "Dorn", OFFER_ID);
  g_autoptr(KontorFieldChange) move = NULL;
  g_autoptr(KontorFieldChange) to_top = NULL;
  g_autoptr(GError) error = NULL;

  /* Dorn between Anders and Becker */
  move = kontor_field_change_new_move (store, d, OFFER_ID, kontor_contact_get_rank (a),
                                       kontor_contact_get_rank (b), "moved");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (move), &error));
  g_assert_no_error (error);
  assert_order (store, OFFER_ID, "Anders,Dorn,Becker,Claus");

  /* Claus to the top */
  to_top = kontor_field_change_new_move (store, c, OFFER_ID, NULL, kontor_contact_get_rank (a),
                                         "moved");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (to_top), &error));
  assert_order (store, OFFER_ID, "Claus,Anders,Dorn,Becker");

  /* undo, newest first */
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (to_top), &error));
  assert_order (store, OFFER_ID, "Anders,Dorn,Becker,Claus");
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (move), &error));
  assert_order (store, OFFER_ID, "Anders,Becker,Claus,Dorn");
}

static void
hide_card (KontorStore   *store,
           KontorContact *contact)
{
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, contact);
}

static char *
rank_of (KontorStore   *store,
         KontorContact *contact)
{
  g_autoptr(KontorContact) stored = reload (store, contact);

  return g_strdup (kontor_contact_get_rank (stored));
}

static void
move_card (KontorStore   *store,
           KontorContact *contact,
           const char    *status_id,
           KontorContact *before,
           KontorContact *after)
{
  g_autoptr(KontorFieldChange) move = NULL;
  g_autoptr(GError) error = NULL;

  move = kontor_field_change_new_move (store, contact, status_id,
                                       before != NULL ? kontor_contact_get_rank (before) : NULL,
                                       after != NULL ? kontor_contact_get_rank (after) : NULL,
                                       "moved");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (move), &error));
  g_assert_no_error (error);
}

/* The board passes the ranks of the cards it shows; archived (or inbox, or
 * filtered-out) contacts between them keep their places and their ranks
 * stay unique */
static void
test_move_past_hidden_cards (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) aaron = new_card (store, "Aaron", OFFER_ID);
  g_autoptr(KontorContact) anders = new_card (store, "Anders", OFFER_ID);
  g_autoptr(KontorContact) becker = new_card (store, "Becker", OFFER_ID);
  g_autoptr(KontorContact) claus = new_card (store, "Claus", OFFER_ID);
  g_autoptr(KontorContact) dorn = new_card (store, "Dorn", OFFER_ID);
  g_autoptr(KontorContact) lost = new_card (store, "Lang", LOST_ID);
  g_autofree char *aaron_rank = NULL;
  g_autofree char *anders_rank = NULL;
  g_autofree char *becker_rank = NULL;
  g_autofree char *lost_rank = NULL;
  g_autofree char *rank = NULL;

  hide_card (store, aaron);
  hide_card (store, becker);
  hide_card (store, lost);
  aaron_rank = rank_of (store, aaron);
  anders_rank = rank_of (store, anders);
  becker_rank = rank_of (store, becker);
  lost_rank = rank_of (store, lost);

  /* Dorn between Anders and Claus, the cards shown: before Becker */
  move_card (store, dorn, OFFER_ID, anders, claus);
  rank = rank_of (store, dorn);
  g_assert_cmpint (strcmp (rank, anders_rank), >, 0);
  g_assert_cmpint (strcmp (rank, becker_rank), <, 0);
  g_clear_pointer (&rank, g_free);

  /* Claus to the top, before Anders: after Aaron */
  move_card (store, claus, OFFER_ID, NULL, anders);
  rank = rank_of (store, claus);
  g_assert_cmpint (strcmp (rank, aaron_rank), >, 0);
  g_assert_cmpint (strcmp (rank, anders_rank), <, 0);
  g_clear_pointer (&rank, g_free);

  /* Anders into a column that shows no card: after the archived one */
  move_card (store, anders, LOST_ID, NULL, NULL);
  rank = rank_of (store, anders);
  g_assert_cmpint (strcmp (rank, lost_rank), >, 0);

  g_assert_cmpint (kontor_test_db_query_int (_kontor_store_get_db (store),
                                             "SELECT count(*) FROM (SELECT 1 FROM contact"
                                             " GROUP BY pipeline_status_id, rank"
                                             " HAVING count(*) > 1)", NULL), ==, 0);
}

/* feature X7 (src/README.md): a card knows since when it is in its column; a move to
 * another column starts the count again, a move within it does not, and
 * undo puts the old time back */
static void
test_days_in_column (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorStore *store = fixture->store;
  gint64 start = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(KontorContact) a = new_card (store, "Anders", OFFER_ID);
  g_autoptr(KontorContact) b = new_card (store, "Becker", OFFER_ID);
  g_autoptr(KontorContact) stored = NULL;
  g_autoptr(KontorFieldChange) move = NULL;
  g_autoptr(GError) error = NULL;
  gint64 long_ago = start - 40 * 86400;

  stored = reload (store, a);
  g_assert_cmpint (kontor_contact_get_pipeline_entered_at (stored), >=, start);
  g_clear_object (&stored);

  /* there for 40 days */
  kontor_contact_set_pipeline_entered_at (a, long_ago);
  kontor_test_save (store, a);

  /* reordered: still 40 days */
  move_card (store, a, OFFER_ID, b, NULL);
  stored = reload (store, a);
  g_assert_cmpint (kontor_contact_get_pipeline_entered_at (stored), ==, long_ago);
  g_clear_object (&stored);

  /* to another column: from now, and undo brings the 40 days back */
  move = kontor_field_change_new_move (store, a, WON_ID, NULL, NULL, "moved");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (move), &error));
  stored = reload (store, a);
  g_assert_cmpint (kontor_contact_get_pipeline_entered_at (stored), >=, start);
  g_clear_object (&stored);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (move), &error));
  g_assert_no_error (error);
  stored = reload (store, a);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (stored), ==, OFFER_ID);
  g_assert_cmpint (kontor_contact_get_pipeline_entered_at (stored), ==, long_ago);
  g_clear_object (&stored);

  /* the form changing the status starts the count too */
  stored = reload (store, b);
  kontor_contact_set_pipeline_entered_at (stored, long_ago);
  kontor_test_save (store, stored);
  kontor_contact_set_pipeline_status_id (stored, WON_ID);
  kontor_contact_set_rank (stored, NULL);
  kontor_test_save (store, stored);
  g_clear_object (&stored);
  stored = reload (store, b);
  g_assert_cmpint (kontor_contact_get_pipeline_entered_at (stored), >=, start);
}

/* feature X7: a card that entered its column in the same second as it
 * moves on has the same time before and after the move; undone a second
 * later, it gets that time back, not the undo's, and redone a second after
 * that, the move's, not the redo's (the store is told the times are
 * given, _kontor_store_set_times_given ()) */
static void
test_days_in_column_same_second (Fixture       *fixture,
                                 gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) a = new_card (store, "Anders", OFFER_ID);
  g_autoptr(KontorContact) stored = NULL;
  g_autoptr(GError) error = NULL;

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(KontorFieldChange) move = NULL;
      gint64 second = kontor_test_new_second ();
      gint64 moved;

      kontor_contact_set_pipeline_entered_at (a, second);
      kontor_test_save (store, a);
      move = kontor_field_change_new_move (store, a, WON_ID, NULL, NULL, "moved");
      g_assert_true (kontor_operation_apply (KONTOR_OPERATION (move), &error));
      g_assert_no_error (error);
      stored = reload (store, a);
      moved = kontor_contact_get_pipeline_entered_at (stored);
      g_clear_object (&stored);

      /* the undo in the next second */
      g_usleep (G_USEC_PER_SEC);
      g_assert_true (kontor_operation_undo (KONTOR_OPERATION (move), &error));
      g_assert_no_error (error);
      stored = reload (store, a);
      g_assert_cmpstr (kontor_contact_get_pipeline_status_id (stored), ==, OFFER_ID);
      g_assert_cmpint (kontor_contact_get_pipeline_entered_at (stored), ==, second);
      g_clear_object (&stored);

      /* the redo in the second after */
      g_usleep (G_USEC_PER_SEC);
      g_assert_true (kontor_operation_apply (KONTOR_OPERATION (move), &error));
      g_assert_no_error (error);
      stored = reload (store, a);
      g_assert_cmpstr (kontor_contact_get_pipeline_status_id (stored), ==, WON_ID);
      g_assert_cmpint (kontor_contact_get_pipeline_entered_at (stored), ==, moved);
      g_clear_object (&stored);
      if (moved == second)
        return;
      /* back, for the next attempt */
      g_assert_true (kontor_operation_undo (KONTOR_OPERATION (move), &error));
    }
  g_test_skip ("the move never fell in the second the card entered its column");
}

/* features X5, X7 (src/README.md): a column's overdue and stale cards, counted in SQL as
 * kontor_contact_is_stale() decides for one card */
static void
test_column_alerts (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->store;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(KontorContact) fresh = new_card (store, "Frisch", OFFER_ID);
  g_autoptr(KontorContact) idle = new_card (store, "Liegen", OFFER_ID);
  g_autoptr(KontorContact) busy = new_card (store, "Rege", OFFER_ID);
  g_autoptr(KontorContact) late = new_card (store, "Spaet", OFFER_ID);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  KontorContact *cards[] = { fresh, idle, busy, late };
  g_autoptr(GError) error = NULL;
  guint overdue = 99, stale = 99, expected_stale = 0;

  /* in the column for 30 days, no activity */
  kontor_contact_set_pipeline_entered_at (idle, now - 30 * 86400);
  kontor_test_save (store, idle);
  /* in the column for 30 days, an activity 2 days ago (activities keep
   * last_activity_at, saving a contact does not) */
  kontor_contact_set_pipeline_entered_at (busy, now - 30 * 86400);
  kontor_test_save (store, busy);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE contact SET last_activity_at = %"
                                            G_GINT64_FORMAT " WHERE id = '%s'",
                                            now - 2 * 86400, id_of (busy));

    g_assert_cmpint (sqlite3_exec (_kontor_store_get_db (store), sql, NULL, NULL, NULL), ==,
                     SQLITE_OK);
  }
  /* due yesterday, and in the column for 20 days */
  kontor_contact_set_due_date (late, "2000-01-01");
  kontor_contact_set_pipeline_entered_at (late, now - 20 * 86400);
  kontor_test_save (store, late);
  kontor_contact_set_due_date (fresh, "2999-01-01");
  kontor_test_save (store, fresh);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr(KontorContact) stored = reload (store, cards[i]);
      gint64 rowid = kontor_record_get_rowid (KONTOR_RECORD (stored));

      g_array_append_val (rowids, rowid);
      expected_stale += kontor_contact_is_stale (stored, 14, now);
    }

  g_assert_true (kontor_store_count_board_alerts (store, rowids, "2026-11-24", now - 14 * 86400,
                                                  &overdue, &stale, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (overdue, ==, 1);
  g_assert_cmpuint (stale, ==, 2);   /* idle and late */
  g_assert_cmpuint (stale, ==, expected_stale);

  /* a limit beyond ten years, or below 0, is refused */
  {
    g_autoptr(KontorPipelineStatus) offer = load_status (store, OFFER_ID);

    kontor_pipeline_status_set_stale_days (offer, KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS + 1);
    g_assert_false (kontor_store_save (store, KONTOR_RECORD (offer), &error));
    g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
    g_clear_error (&error);
    kontor_pipeline_status_set_stale_days (offer, -1);
    g_assert_false (kontor_store_save (store, KONTOR_RECORD (offer), &error));
    g_clear_error (&error);
    kontor_pipeline_status_set_stale_days (offer, KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS);
    g_assert_true (kontor_store_save (store, KONTOR_RECORD (offer), &error));
    g_assert_no_error (error);
  }

  /* no limit, no stale cards */
  g_assert_true (kontor_store_count_board_alerts (store, rowids, "2026-11-24", 0,
                                                  &overdue, &stale, &error));
  g_assert_cmpuint (stale, ==, 0);
  g_assert_false (kontor_contact_is_stale (idle, 0, now));
}

static void
test_move_undo_restores_column (Fixture       *fixture,
                                gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) a = new_card (store, "Anders", NEW_ID);
  g_autoptr(KontorContact) b = new_card (store, "Becker", NEW_ID);
  g_autoptr(KontorFieldChange) move = NULL;
  g_autoptr(KontorContact) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rank = g_strdup (kontor_contact_get_rank (a));

  move = kontor_field_change_new_move (store, a, WON_ID, NULL, NULL, "moved");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (move), &error));
  assert_order (store, NEW_ID, "Becker");
  assert_order (store, WON_ID, "Anders");

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (move), &error));
  g_assert_no_error (error);
  back = reload (store, a);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (back), ==, NEW_ID);
  g_assert_cmpstr (kontor_contact_get_rank (back), ==, rank);
  assert_order (store, NEW_ID, "Anders,Becker");
  (void) b;
}

static void
test_restricted_card_cannot_move (Fixture       *fixture,
                                  gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) a = new_card (store, "Anders", NEW_ID);
  g_autoptr(KontorFieldChange) move = NULL;
  g_autoptr(KontorContact) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  kontor_contact_set_status (a, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, a);
  seq = kontor_test_outbox_last_seq (store);

  move = kontor_field_change_new_move (store, a, WON_ID, NULL, NULL, "moved");
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (move), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_STATUS_TRANSITION);
  g_assert_false (kontor_operation_is_applied (KONTOR_OPERATION (move)));

  stored = reload (store, a);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (stored), ==, NEW_ID);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);
}

static void
test_new_mark_cleared_by_a_change (Fixture       *fixture,
                                   gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) stored = NULL;

  kontor_contact_set_last_name (contact, "Neumann");
  kontor_contact_set_is_new (contact, TRUE);
  kontor_test_save (store, contact);
  stored = reload (store, contact);
  g_assert_true (kontor_contact_get_is_new (stored));

  /* saving without a change keeps it new */
  kontor_test_save (store, stored);
  g_clear_object (&stored);
  stored = reload (store, contact);
  g_assert_true (kontor_contact_get_is_new (stored));

  /* anything a person changes: handled */
  kontor_contact_set_city (stored, "Görlitz");
  kontor_test_save (store, stored);
  g_assert_false (kontor_contact_get_is_new (stored));
  g_clear_object (&stored);
  stored = reload (store, contact);
  g_assert_false (kontor_contact_get_is_new (stored));
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                                 "field = 'is_new' AND entity_id = ?1",
                                          id_of (contact)), ==, 1);
}

static void
test_status_from_form_goes_last (Fixture       *fixture,
                                 gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) a = new_card (store, "Anders", OFFER_ID);
  g_autoptr(KontorContact) b = new_card (store, "Becker", NEW_ID);

  /* the form changes the pipeline status and clears the rank: last */
  kontor_contact_set_pipeline_status_id (b, OFFER_ID);
  kontor_contact_set_rank (b, NULL);
  kontor_test_save (store, b);
  assert_order (store, OFFER_ID, "Anders,Becker");
  g_assert_cmpint (strcmp (kontor_contact_get_rank (a), kontor_contact_get_rank (b)), <, 0);
}

/* ------------------------------------------------------------------------ */
/* Columns */

static void
test_rename_column (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorPipelineStatus) offer = load_status (store, OFFER_ID);
  g_autoptr(KontorPipelineStatus) won = load_status (store, WON_ID);
  g_autoptr(KontorOperation) rename = NULL;
  g_autoptr(KontorOperation) rename_system = NULL;
  g_autoptr(GError) error = NULL;

  rename = kontor_pipeline_operation_new_rename (store, offer, "Angebot verhandelt", "renamed");
  g_assert_true (kontor_operation_apply (rename, &error));
  g_assert_no_error (error);
  assert_columns (store, "new,in-progress,contacted,Angebot verhandelt,won,lost");

  g_assert_true (kontor_operation_undo (rename, &error));
  assert_columns (store, "new,in-progress,contacted,offer,won,lost");

  /* "Auftrag erhalten" keeps its name, and says why */
  rename_system = kontor_pipeline_operation_new_rename (store, won, "Gewonnen", "renamed");
  g_assert_false (kontor_operation_apply (rename_system, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "e-mail"));
  assert_columns (store, "new,in-progress,contacted,offer,won,lost");
}

/* Two columns of one name could not be told apart: refused, whatever the
 * case; a column may change the case of its own name */
static void
test_column_names_unique (Fixture       *fixture,
                          gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorPipelineStatus) offer = load_status (store, OFFER_ID);
  g_autoptr(KontorPipelineStatus) progress = load_status (store, PROGRESS_ID);
  g_autofree char *taken = kontor_record_dup_display_name (KONTOR_RECORD (progress));
  g_autofree char *shouted = g_strdup_printf (" %s ", taken);
  g_autofree char *own = NULL;
  g_autoptr(KontorOperation) rename = NULL;
  g_autoptr(KontorOperation) add = NULL;
  g_autoptr(KontorOperation) recase = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq = kontor_test_outbox_last_seq (store);

  for (char *c = shouted; *c != '\0'; c++)
    *c = g_ascii_toupper (*c);

  rename = kontor_pipeline_operation_new_rename (store, offer, shouted, "renamed");
  g_assert_false (kontor_operation_apply (rename, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, taken));
  g_clear_error (&error);

  add = kontor_pipeline_operation_new_add (store, taken, offer, TRUE, "added");
  g_assert_false (kontor_operation_apply (add, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  assert_columns (store, "new,in-progress,contacted,offer,won,lost");
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);

  {
    g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (offer));

    own = g_ascii_strup (name, -1);
  }
  recase = kontor_pipeline_operation_new_rename (store, offer, own, "renamed");
  g_assert_true (kontor_operation_apply (recase, &error));
  g_assert_no_error (error);
}

static void
test_delete_column (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorPipelineStatus) lost = load_status (store, LOST_ID);
  g_autoptr(KontorPipelineStatus) offer = load_status (store, OFFER_ID);
  g_autoptr(KontorPipelineStatus) contacted = load_status (store, CONTACTED_ID);
  g_autoptr(KontorContact) card = new_card (store, "Anders", OFFER_ID);
  g_autoptr(KontorOperation) delete_lost = NULL;
  g_autoptr(KontorOperation) delete_offer = NULL;
  g_autoptr(KontorOperation) delete_system = NULL;
  g_autoptr(GError) error = NULL;

  /* not empty: refused, naming the count; archived cards count too */
  kontor_contact_set_status (card, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, card);
  delete_offer = kontor_pipeline_operation_new_delete (store, offer, "deleted");
  g_assert_false (kontor_operation_apply (delete_offer, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);

  /* a system column: refused */
  delete_system = kontor_pipeline_operation_new_delete (store, contacted, "deleted");
  g_assert_false (kontor_operation_apply (delete_system, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  assert_columns (store, "new,in-progress,contacted,offer,won,lost");

  /* empty: gone, with a tombstone and an outbox entry; undo restores it */
  delete_lost = kontor_pipeline_operation_new_delete (store, lost, "deleted");
  g_assert_true (kontor_operation_apply (delete_lost, &error));
  g_assert_no_error (error);
  assert_columns (store, "new,in-progress,contacted,offer,won");
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM tombstone WHERE id = ?1",
                                          LOST_ID), ==, 1);

  g_assert_true (kontor_operation_undo (delete_lost, &error));
  g_assert_no_error (error);
  assert_columns (store, "new,in-progress,contacted,offer,won,lost");
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM tombstone WHERE id = ?1",
                                          LOST_ID), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                                                 "AND op = 'restore'", LOST_ID), ==, 1);
}

static void
test_move_column (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorPipelineStatus) first = load_status (store, NEW_ID);
  g_autoptr(KontorPipelineStatus) progress = load_status (store, PROGRESS_ID);
  g_autoptr(KontorPipelineStatus) offer = load_status (store, OFFER_ID);
  g_autoptr(KontorPipelineStatus) lost = load_status (store, LOST_ID);
  g_autoptr(KontorOperation) move_first = NULL;
  g_autoptr(KontorOperation) into_first = NULL;
  g_autoptr(KontorOperation) past_end = NULL;
  g_autoptr(KontorOperation) right = NULL;
  g_autoptr(GError) error = NULL;

  move_first = kontor_pipeline_operation_new_move (store, first, 1, "moved");
  g_assert_false (kontor_operation_apply (move_first, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  into_first = kontor_pipeline_operation_new_move (store, progress, -1, "moved");
  g_assert_false (kontor_operation_apply (into_first, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  past_end = kontor_pipeline_operation_new_move (store, lost, 1, "moved");
  g_assert_false (kontor_operation_apply (past_end, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  assert_columns (store, "new,in-progress,contacted,offer,won,lost");

  right = kontor_pipeline_operation_new_move (store, offer, 1, "moved");
  g_assert_true (kontor_operation_apply (right, &error));
  g_assert_no_error (error);
  assert_columns (store, "new,in-progress,contacted,won,offer,lost");

  g_assert_true (kontor_operation_undo (right, &error));
  assert_columns (store, "new,in-progress,contacted,offer,won,lost");
}

static void
test_add_column (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorPipelineStatus) first = load_status (store, NEW_ID);
  g_autoptr(KontorPipelineStatus) contacted = load_status (store, CONTACTED_ID);
  g_autoptr(KontorOperation) right = NULL;
  g_autoptr(KontorOperation) left = NULL;
  g_autoptr(KontorOperation) before_first = NULL;
  g_autoptr(KontorContact) card = NULL;
  g_autoptr(GError) error = NULL;

  right = kontor_pipeline_operation_new_add (store, "Termin vereinbart", contacted, TRUE, "added");
  g_assert_true (kontor_operation_apply (right, &error));
  g_assert_no_error (error);
  assert_columns (store, "new,in-progress,contacted,Termin vereinbart,offer,won,lost");

  left = kontor_pipeline_operation_new_add (store, "Qualifiziert", contacted, FALSE, "added");
  g_assert_true (kontor_operation_apply (left, &error));
  assert_columns (store, "new,in-progress,Qualifiziert,contacted,Termin vereinbart,offer,won,lost");

  /* nothing goes before the first column */
  before_first = kontor_pipeline_operation_new_add (store, "Vorher", first, FALSE, "added");
  g_assert_false (kontor_operation_apply (before_first, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  /* undo removes an empty new column; once it holds cards, it refuses */
  g_assert_true (kontor_operation_undo (left, &error));
  assert_columns (store, "new,in-progress,contacted,Termin vereinbart,offer,won,lost");
  card = new_card (store, "Anders",
                   kontor_pipeline_operation_get_status_id (KONTOR_PIPELINE_OPERATION (right)));
  g_assert_false (kontor_operation_undo (right, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  assert_columns (store, "new,in-progress,contacted,Termin vereinbart,offer,won,lost");
}

/* ------------------------------------------------------------------------ */
/* Migration */

static void
test_migration_ranks_every_card (void)
{
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v2.db", NULL);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* a version-2 database: contacts without ranks, one with a rank */
  g_assert_true (_kontor_store_create_at_version (path, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  kontor_test_db_exec (db,
    "INSERT INTO contact"
    "  (id, created_at, updated_at, last_name, pipeline_status_id, sort_name, rank) VALUES "
    "  ('0190a000-0000-7000-8000-000000000001', 1, 1, 'Zeller', '" NEW_ID "', 'zeller', NULL),"
    "  ('0190a000-0000-7000-8000-000000000002', 1, 1, 'Adler', '" NEW_ID "', 'adler', NULL),"
    "  ('0190a000-0000-7000-8000-000000000003', 1, 1, 'Moser', '" NEW_ID "', 'moser', 'a0'),"
    "  ('0190a000-0000-7000-8000-000000000004', 1, 1, 'Berg', '" OFFER_ID "', 'berg', NULL);");
  sqlite3_close (db);

  store = kontor_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact WHERE rank IS NULL",
                                          NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM contact WHERE is_new",
                                          NULL), ==, 0);
  /* the ranked card stays first; the others follow by name */
  assert_order (store, NEW_ID, "Moser,Adler,Zeller");
  assert_order (store, OFFER_ID, "Berg");

  kontor_test_close_store (&store, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  TEST ("/board-store/card/new-ranked-last", test_new_cards_ranked_last);
  TEST ("/board-store/card/move-writes-only-that-card", test_move_writes_only_that_card);
  TEST ("/board-store/card/reorder-within-column", test_reorder_within_column);
  TEST ("/board-store/card/move-past-hidden-cards", test_move_past_hidden_cards);
  TEST ("/board-store/card/move-undo-restores-column", test_move_undo_restores_column);
  TEST ("/board-store/card/days-in-column", test_days_in_column);
  TEST ("/board-store/card/days-in-column-same-second", test_days_in_column_same_second);
  TEST ("/board-store/column/alerts", test_column_alerts);
  TEST ("/board-store/card/restricted-cannot-move", test_restricted_card_cannot_move);
  TEST ("/board-store/card/new-mark-cleared-by-a-change", test_new_mark_cleared_by_a_change);
  TEST ("/board-store/card/status-from-form-goes-last", test_status_from_form_goes_last);
  TEST ("/board-store/column/rename", test_rename_column);
  TEST ("/board-store/column/names-unique", test_column_names_unique);
  TEST ("/board-store/column/delete", test_delete_column);
  TEST ("/board-store/column/move", test_move_column);
  TEST ("/board-store/column/add", test_add_column);
  g_test_add_func ("/board-store/migration/ranks-every-card", test_migration_ranks_every_card);

  return g_test_run ();
}
