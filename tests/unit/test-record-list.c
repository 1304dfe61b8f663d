/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-record-list"

#include "config.h"

#include "kontor-record-list.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/* KontorRecordList, the lazy GListModel the contact table and the board
 * show (src/README.md "Lists"): one items-changed per
 * committed change covering the smallest range, none when the order did
 * not change, items updated in place so bound widgets follow. */

/* ------------------------------------------------------------------------ */
/* Fixture and helpers */

typedef struct
{
  KontorStoreFixture  base;
  KontorFilter       *filter;
  KontorRecordList   *list;
  guint               n_items_notifies;
} Fixture;

static void
on_n_items_notify_cb (GObject    *list,
                      GParamSpec *pspec,
                      Fixture    *fixture)
{
  fixture->n_items_notifies++;
}

static KontorContact *
save_contact (Fixture    *fixture,
              const char *last_name)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_last_name (contact, last_name);
  kontor_test_save (fixture->base.store, contact);

  return contact;
}

static void
make_list (Fixture *fixture)
{
  fixture->filter = kontor_filter_new ();
  fixture->list = kontor_record_list_new (fixture->base.store, KONTOR_TYPE_CONTACT,
                                          fixture->filter);
  g_signal_connect (fixture->list, "notify::n-items", G_CALLBACK (on_n_items_notify_cb), fixture);
}

/* Four contacts, by name: Adler, Clausen, Ehrlich, Gross */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *names[] = { "Ehrlich", "Adler", "Gross", "Clausen" };

  kontor_store_fixture_set_up (&fixture->base, data);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (save_contact (fixture, names[i]));
  make_list (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->filter);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

#define TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

static gint64
rowid_of (gpointer record)
{
  return kontor_record_get_rowid (KONTOR_RECORD (record));
}

static KontorItemsRecorder *
record_changes (Fixture *fixture)
{
  return kontor_items_recorder_new (G_LIST_MODEL (fixture->list));
}

static KontorContact *
item (Fixture *fixture,
      guint    position)
{
  gpointer object = g_list_model_get_item (G_LIST_MODEL (fixture->list), position);

  g_assert_true (KONTOR_IS_CONTACT (object));

  return object;
}

/* The last names of the list's items, comma-separated */
static char *
names_of (Fixture *fixture)
{
  GString *names = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KontorContact) contact = item (fixture, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                              kontor_contact_get_last_name (contact));
    }

  return g_string_free (names, FALSE);
}

static void
assert_names (Fixture    *fixture,
              const char *expected)
{
  g_autofree char *names = names_of (fixture);

  g_assert_cmpstr (names, ==, expected);
}

static void
assert_one_change (KontorItemsRecorder *recorder,
                   guint                position,
                   guint                removed,
                   guint                added)
{
  const KontorItemsChange *change;

  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 1);
  change = kontor_items_recorder_get (recorder, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

/* Counts notify emissions of one property of one object */
typedef struct
{
  guint count;
} NotifyCount;

static void
on_notify_count_cb (GObject     *object,
                    GParamSpec  *pspec,
                    NotifyCount *count)
{
  count->count++;
}

/* ------------------------------------------------------------------------ */
/* Tests */

static void
test_initial_fill (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->list);

  g_assert_true (g_list_model_get_item_type (model) == KONTOR_TYPE_CONTACT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  assert_names (fixture, "Adler,Clausen,Ehrlich,Gross");
  g_assert_null (g_list_model_get_item (model, 4));
  g_assert_null (g_list_model_get_item (model, G_MAXUINT));
  g_assert_null (kontor_record_list_get_error (fixture->list));
  g_assert_true (kontor_record_list_get_store (fixture->list) == fixture->base.store);
  g_assert_true (kontor_record_list_get_filter (fixture->list) == fixture->filter);

  {
    guint n_items;

    g_object_get (fixture->list, "n-items", &n_items, NULL);
    g_assert_cmpuint (n_items, ==, 4);
  }
}

static void
test_initial_fill_without_filter (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KontorRecordList) list = kontor_record_list_new (fixture->base.store,
                                                             KONTOR_TYPE_COMPANY, NULL);
  g_autoptr(KontorCompany) company = kontor_company_new ("Firma");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (kontor_record_list_get_filter (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (kontor_store_save (fixture->base.store, KONTOR_RECORD (company), &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  /* a list of companies does not follow contacts */
  g_object_unref (save_contact (fixture, "Zander"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static void
test_insert_one_change (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorItemsRecorder) recorder = record_changes (fixture);
  g_autoptr(KontorContact) contact = NULL;

  contact = save_contact (fixture, "Dorn");

  assert_one_change (recorder, 2, 0, 1);
  g_assert_cmpuint (fixture->n_items_notifies, ==, 1);
  assert_names (fixture, "Adler,Clausen,Dorn,Ehrlich,Gross");
}

static void
test_delete_one_change (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorItemsRecorder) recorder = record_changes (fixture);
  g_autoptr(KontorContact) clausen = item (fixture, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (clausen), &error));
  g_assert_no_error (error);

  assert_one_change (recorder, 1, 1, 0);
  g_assert_cmpuint (fixture->n_items_notifies, ==, 1);
  assert_names (fixture, "Adler,Ehrlich,Gross");
  /* the object a view still holds stays usable */
  g_assert_cmpstr (kontor_contact_get_last_name (clausen), ==, "Clausen");
}

static void
test_edit_in_place (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorContact) held = item (fixture, 1);
  g_autoptr(KontorContact) edit = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (held)));
  g_autoptr(KontorItemsRecorder) recorder = record_changes (fixture);
  g_autoptr(KontorContact) again = NULL;
  NotifyCount city = { 0 };
  NotifyCount last_name = { 0 };

  g_signal_connect (held, "notify::city", G_CALLBACK (on_notify_count_cb), &city);
  g_signal_connect (held, "notify::last-name", G_CALLBACK (on_notify_count_cb), &last_name);

  kontor_contact_set_city (edit, "Bonn");
  kontor_test_save (fixture->base.store, edit);

  /* the order did not change: no items-changed, but the item followed */
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);
  g_assert_cmpuint (fixture->n_items_notifies, ==, 0);
  g_assert_cmpstr (kontor_contact_get_city (held), ==, "Bonn");
  g_assert_cmpuint (city.count, ==, 1);
  g_assert_cmpuint (last_name.count, ==, 0);

  /* the same object is handed out for the position */
  again = item (fixture, 1);
  g_assert_true (again == held);
}

static void
test_edit_moves_row (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KontorItemsRecorder) recorder = record_changes (fixture);
  g_autoptr(KontorContact) adler = item (fixture, 0);
  g_autoptr(KontorContact) clausen = item (fixture, 1);

  /* Clausen → Fuchs: between Ehrlich and Gross */
  kontor_contact_set_last_name (clausen, "Fuchs");
  kontor_test_save (fixture->base.store, clausen);
  assert_one_change (recorder, 1, 2, 2);
  assert_names (fixture, "Adler,Ehrlich,Fuchs,Gross");
  g_assert_cmpuint (fixture->n_items_notifies, ==, 0);
  kontor_items_recorder_clear (recorder);

  /* Adler → Zimmer: from the first to the last position */
  kontor_contact_set_last_name (adler, "Zimmer");
  kontor_test_save (fixture->base.store, adler);
  assert_one_change (recorder, 0, 4, 4);
  assert_names (fixture, "Ehrlich,Fuchs,Gross,Zimmer");
}

static void
test_filter_change_one_change (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KontorItemsRecorder) recorder = record_changes (fixture);

  kontor_filter_set_search_text (fixture->filter, "ehr");
  assert_one_change (recorder, 0, 4, 1);
  assert_names (fixture, "Ehrlich");
  g_assert_cmpuint (fixture->n_items_notifies, ==, 1);
  kontor_items_recorder_clear (recorder);

  /* the same value again: nothing */
  kontor_filter_set_search_text (fixture->filter, "ehr");
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);

  /* a different text with the same result: nothing either */
  kontor_filter_set_search_text (fixture->filter, "ehrlich");
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);

  kontor_filter_set_search_text (fixture->filter, NULL);
  assert_one_change (recorder, 0, 1, 4);
  kontor_items_recorder_clear (recorder);

  /* descending: one change for the whole list */
  kontor_filter_set_sort_descending (fixture->filter, TRUE);
  assert_one_change (recorder, 0, 4, 4);
  assert_names (fixture, "Gross,Ehrlich,Clausen,Adler");
  g_assert_cmpuint (fixture->n_items_notifies, ==, 2);
}

static void
test_no_change_for_failed_save (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KontorItemsRecorder) recorder = record_changes (fixture);
  g_autoptr(KontorContact) held = item (fixture, 0);
  g_autoptr(KontorContact) invalid = kontor_contact_new ();
  g_autoptr(KontorContact) edit = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (held)));
  g_autoptr(GError) error = NULL;
  NotifyCount notifies = { 0 };

  g_signal_connect (held, "notify", G_CALLBACK (on_notify_count_cb), &notifies);

  g_assert_false (kontor_store_save (fixture->base.store, KONTOR_RECORD (invalid), &error));
  g_clear_error (&error);

  kontor_contact_set_last_name (edit, "Zorn");
  kontor_contact_add_email (edit, NULL, "kaputt");
  g_assert_false (kontor_store_save (fixture->base.store, KONTOR_RECORD (edit), &error));
  g_clear_error (&error);

  /* nothing was stored, so nothing changes */
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);
  g_assert_cmpuint (fixture->n_items_notifies, ==, 0);
  g_assert_cmpuint (notifies.count, ==, 0);
  g_assert_cmpstr (kontor_contact_get_last_name (held), ==, "Adler");

  /* nor for a save that changes nothing */
  kontor_test_save (fixture->base.store, held);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);
  g_assert_cmpuint (notifies.count, ==, 0);
}

static void
test_change_outside_filter (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KontorItemsRecorder) recorder = NULL;
  g_autoptr(KontorContact) gross = item (fixture, 3);

  kontor_filter_set_statuses (fixture->filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);
  recorder = kontor_items_recorder_new (G_LIST_MODEL (fixture->list));

  /* a change the filter does not show */
  kontor_contact_set_city (gross, "Köln");
  kontor_test_save (fixture->base.store, gross);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);

  /* archiving brings it in */
  kontor_contact_set_status (gross, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (fixture->base.store, gross);
  assert_one_change (recorder, 0, 0, 1);
}

/* A list nobody shows waits: no query, no items-changed, until resumed;
 * then one change catches up. Objects a view holds still follow. */
static void
test_paused_catches_up (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorItemsRecorder) recorder = record_changes (fixture);
  g_autoptr(KontorContact) adler = item (fixture, 0);
  g_autoptr(KontorContact) copy = NULL;
  g_autoptr(KontorContact) dorn = NULL;

  kontor_record_list_set_paused (fixture->list, TRUE);
  g_assert_true (kontor_record_list_get_paused (fixture->list));

  dorn = save_contact (fixture, "Dorn");
  kontor_filter_set_sort_descending (fixture->filter, TRUE);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 4);

  copy = KONTOR_CONTACT (kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                                            kontor_record_get_id (KONTOR_RECORD (adler)), NULL));
  kontor_contact_set_city (copy, "Köln");
  kontor_test_save (fixture->base.store, copy);
  g_assert_cmpstr (kontor_contact_get_city (adler), ==, "Köln");

  kontor_record_list_set_paused (fixture->list, FALSE);
  assert_one_change (recorder, 0, 4, 5);
  assert_names (fixture, "Gross,Ehrlich,Dorn,Clausen,Adler");

  /* resuming with nothing changed runs nothing */
  kontor_record_list_set_paused (fixture->list, TRUE);
  kontor_record_list_set_paused (fixture->list, FALSE);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 1);
}

/* What a list asks before it runs its query again for a change of rows it
 * does not hold: does any of them match its filter now? */
static void
test_rowids_match (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorContact) adler = item (fixture, 0);
  g_autoptr(KontorContact) gross = item (fixture, 3);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KontorFilter) archived = kontor_filter_new ();
  g_autoptr(GError) error = NULL;
  gint64 rowid;

  kontor_filter_set_statuses (archived, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED));
  rowid = rowid_of (adler);
  g_array_append_val (rowids, rowid);
  rowid = rowid_of (gross);
  g_array_append_val (rowids, rowid);

  g_assert_true (kontor_store_rowids_match (fixture->base.store, fixture->filter, rowids, &error));
  g_assert_no_error (error);
  g_assert_false (kontor_store_rowids_match (fixture->base.store, archived, rowids, &error));
  g_assert_no_error (error);

  kontor_contact_set_status (gross, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (fixture->base.store, gross);
  g_assert_true (kontor_store_rowids_match (fixture->base.store, archived, rowids, &error));
  g_assert_no_error (error);

  /* a row that is gone matches nothing */
  g_array_set_size (rowids, 0);
  rowid = 999999;
  g_array_append_val (rowids, rowid);
  g_assert_false (kontor_store_rowids_match (fixture->base.store, fixture->filter, rowids, &error));
  g_assert_no_error (error);
}

/* Made paused, a list runs not even its first query */
static void
test_paused_from_the_start (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KontorRecordList) list = g_object_new (KONTOR_TYPE_RECORD_LIST,
                                                   "store", fixture->base.store,
                                                   "item-type", KONTOR_TYPE_CONTACT,
                                                   "filter", fixture->filter,
                                                   "paused", TRUE,
                                                   NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  kontor_record_list_set_paused (list, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
}

static void
test_get_item_same_object (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorContact) first = item (fixture, 2);
  g_autoptr(KontorContact) second = item (fixture, 2);
  g_autoptr(KontorContact) other = item (fixture, 3);

  g_assert_true (first == second);
  g_assert_true (first != other);
  g_assert_cmpstr (kontor_contact_get_last_name (first), ==, "Ehrlich");
  g_assert_cmpint (kontor_record_get_rowid (KONTOR_RECORD (first)), >, 0);
}

static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KontorContact) ehrlich = item (fixture, 2);
  g_autoptr(KontorContact) stranger = save_contact (fixture, "Zander");

  g_assert_cmpuint (kontor_record_list_find (fixture->list,
                                             kontor_record_get_id (KONTOR_RECORD (ehrlich))),
                    ==, 2);
  g_assert_cmpuint (kontor_record_list_find_rowid (fixture->list, rowid_of (ehrlich)), ==, 2);
  g_assert_cmpuint (kontor_record_list_find (fixture->list,
                                             kontor_record_get_id (KONTOR_RECORD (stranger))),
                    ==, 4);

  /* not in the list (filtered out, or not at all) */
  kontor_filter_set_search_text (fixture->filter, "ehrlich");
  g_assert_cmpuint (kontor_record_list_find (fixture->list,
                                             kontor_record_get_id (KONTOR_RECORD (stranger))),
                    ==, G_MAXUINT);
  g_assert_cmpuint (kontor_record_list_find (fixture->list,
                                             "0190a1b2-c3d4-7e5f-a012-3456789abcde"),
                    ==, G_MAXUINT);
  g_assert_cmpuint (kontor_record_list_find_rowid (fixture->list, 987654), ==, G_MAXUINT);
}

static void
test_company_rename_reaches_items (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(KontorCompany) company = kontor_company_new ("Alpha GmbH");
  g_autoptr(KontorContact) adler = item (fixture, 0);
  g_autoptr(KontorItemsRecorder) recorder = NULL;
  NotifyCount company_name = { 0 };

  kontor_test_save (fixture->base.store, company);
  kontor_contact_set_company_id (adler, kontor_record_get_id (KONTOR_RECORD (company)));
  kontor_test_save (fixture->base.store, adler);
  kontor_filter_set_sort_column (fixture->filter, KONTOR_SORT_COMPANY);
  assert_names (fixture, "Adler,Clausen,Ehrlich,Gross");

  recorder = kontor_items_recorder_new (G_LIST_MODEL (fixture->list));
  g_signal_connect (adler, "notify::company-name", G_CALLBACK (on_notify_count_cb),
                    &company_name);

  /* still before the contacts without company */
  kontor_company_set_name (company, "Zeta AG");
  kontor_test_save (fixture->base.store, company);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);
  g_assert_cmpstr (kontor_contact_get_company_name (adler), ==, "Zeta AG");
  g_assert_cmpuint (company_name.count, ==, 1);
}

static void
test_deleted_item_not_reused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KontorContact) clausen = item (fixture, 1);
  g_autoptr(KontorContact) newcomer = NULL;
  g_autoptr(KontorContact) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clausen_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (clausen)));
  gint64 clausen_rowid = kontor_record_get_rowid (KONTOR_RECORD (clausen));

  /* saved last, so the highest row id: SQLite gives it to the next new row */
  g_assert_cmpint (clausen_rowid, ==, 4);
  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (clausen), &error));
  g_assert_no_error (error);

  newcomer = save_contact (fixture, "Berger");
  g_assert_cmpint (kontor_record_get_rowid (KONTOR_RECORD (newcomer)), ==, clausen_rowid);

  /* the list shows the newcomer … */
  assert_names (fixture, "Adler,Berger,Ehrlich,Gross");
  shown = item (fixture, 1);
  g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (shown)), ==,
                   kontor_record_get_id (KONTOR_RECORD (newcomer)));

  /* … and the deleted contact a view may still hold did not turn into it */
  g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (clausen)), ==, clausen_id);
  g_assert_cmpstr (kontor_contact_get_last_name (clausen), ==, "Clausen");
}

static void
test_refresh_error_keeps_rows (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KontorItemsRecorder) recorder = record_changes (fixture);
  g_autoptr(GError) error = NULL;
  const GError *list_error;
  NotifyCount error_notifies = { 0 };

  g_signal_connect (fixture->list, "notify::error", G_CALLBACK (on_notify_count_cb),
                    &error_notifies);

  /* the search index is gone: searching fails */
  g_assert_cmpint (sqlite3_exec (_kontor_store_get_db (fixture->base.store),
                                 "DROP TABLE contact_search", NULL, NULL, NULL), ==, SQLITE_OK);
  kontor_filter_set_search_text (fixture->filter, "adler");

  list_error = kontor_record_list_get_error (fixture->list);
  g_assert_nonnull (list_error);
  g_assert_true (list_error->domain == KONTOR_STORE_ERROR);
  g_assert_cmpuint (error_notifies.count, ==, 1);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 4);

  /* asked again, it fails again, with a new error */
  g_assert_false (kontor_record_list_refresh (fixture->list, &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_FAILED);
  g_assert_cmpuint (error_notifies.count, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 4);

  /* without the search, the list works again and forgets the error */
  kontor_filter_set_search_text (fixture->filter, NULL);
  g_assert_null (kontor_record_list_get_error (fixture->list));
  g_assert_cmpuint (error_notifies.count, ==, 3);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);
}

/* A catch-up that fails leaves the list stale: the next resume tries again */
static void
test_paused_retries_failed_catch_up (Fixture       *fixture,
                                     gconstpointer  data)
{
  NotifyCount error_notifies = { 0 };

  g_signal_connect (fixture->list, "notify::error", G_CALLBACK (on_notify_count_cb),
                    &error_notifies);
  g_assert_cmpint (sqlite3_exec (_kontor_store_get_db (fixture->base.store),
                                 "DROP TABLE contact_search", NULL, NULL, NULL), ==, SQLITE_OK);

  kontor_record_list_set_paused (fixture->list, TRUE);
  kontor_filter_set_search_text (fixture->filter, "adler");
  g_assert_null (kontor_record_list_get_error (fixture->list));

  kontor_record_list_set_paused (fixture->list, FALSE);
  g_assert_nonnull (kontor_record_list_get_error (fixture->list));
  g_assert_cmpuint (error_notifies.count, ==, 1);

  kontor_record_list_set_paused (fixture->list, TRUE);
  kontor_record_list_set_paused (fixture->list, FALSE);
  g_assert_cmpuint (error_notifies.count, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 4);
}

/* ------------------------------------------------------------------------ */
/* A long list */

static void
big_set_up (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);
  for (guint i = 1; i <= 5000; i++)
    {
      KontorContact *contact = kontor_contact_new ();
      g_autofree char *name = g_strdup_printf ("Kunde %05u", i);

      kontor_contact_set_last_name (contact, name);
      g_ptr_array_add (contacts, contact);
    }
  g_assert_true (kontor_store_save_all (fixture->base.store, contacts, NULL, &error));
  g_assert_no_error (error);
  make_list (fixture);
}

static void
test_big_list_one_change (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->list);
  g_autoptr(KontorItemsRecorder) recorder = kontor_items_recorder_new (model);
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorContact) last = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5000);
  contact = g_list_model_get_item (model, 2499);
  g_assert_cmpstr (kontor_contact_get_last_name (contact), ==, "Kunde 02500");

  /* an edit that keeps the order */
  kontor_contact_set_city (contact, "Bonn");
  kontor_test_save (fixture->base.store, contact);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 0);

  /* one that moves the row two places down */
  kontor_contact_set_last_name (contact, "Kunde 02502a");
  kontor_test_save (fixture->base.store, contact);
  assert_one_change (recorder, 2499, 3, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5000);
  g_assert_cmpuint (kontor_record_list_find_rowid (fixture->list, rowid_of (contact)), ==, 2501);
  kontor_items_recorder_clear (recorder);

  /* a new contact at the very end */
  last = kontor_contact_new ();
  kontor_contact_set_last_name (last, "Kunde 99999");
  kontor_test_save (fixture->base.store, last);
  assert_one_change (recorder, 5000, 0, 1);
}

static void
test_big_reorder_in_two_steps (Fixture       *fixture,
                               gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->list);
  g_autoptr(KontorItemsRecorder) recorder = kontor_items_recorder_new (model);
  g_autoptr(KontorContact) first = NULL;
  const KontorItemsChange *change;

  /* A new order of all rows comes as "removed", then "added", so that a
   * GTK 4.8 list view does not fetch every item looking for its anchor. */
  kontor_filter_set_sort_descending (kontor_record_list_get_filter (fixture->list), TRUE);
  g_assert_cmpuint (kontor_items_recorder_count (recorder), ==, 2);
  change = kontor_items_recorder_get (recorder, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 5000);
  g_assert_cmpuint (change->added, ==, 0);
  change = kontor_items_recorder_get (recorder, 1);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 5000);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5000);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (kontor_contact_get_last_name (first), ==, "Kunde 05000");
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  TEST ("/record-list/initial-fill", test_initial_fill);
  TEST ("/record-list/initial-fill-without-filter", test_initial_fill_without_filter);
  TEST ("/record-list/insert-one-change", test_insert_one_change);
  TEST ("/record-list/delete-one-change", test_delete_one_change);
  TEST ("/record-list/edit-in-place-no-change", test_edit_in_place);
  TEST ("/record-list/edit-moves-row-smallest-range", test_edit_moves_row);
  TEST ("/record-list/filter-change-one-change", test_filter_change_one_change);
  TEST ("/record-list/failed-save-no-change", test_no_change_for_failed_save);
  TEST ("/record-list/change-outside-filter", test_change_outside_filter);
  TEST ("/record-list/paused-catches-up", test_paused_catches_up);
  TEST ("/record-list/paused-from-the-start", test_paused_from_the_start);
  TEST ("/record-list/rowids-match", test_rowids_match);
  TEST ("/record-list/get-item-same-object", test_get_item_same_object);
  TEST ("/record-list/find", test_find);
  TEST ("/record-list/company-rename-reaches-items", test_company_rename_reaches_items);
  TEST ("/record-list/deleted-item-not-reused-for-new-row", test_deleted_item_not_reused);
  TEST ("/record-list/refresh-error-keeps-rows", test_refresh_error_keeps_rows);
  TEST ("/record-list/paused-retries-failed-catch-up", test_paused_retries_failed_catch_up);
  g_test_add ("/record-list/5000-contacts-one-change", Fixture, NULL, big_set_up,
              test_big_list_one_change, fixture_tear_down);
  g_test_add ("/record-list/5000-contacts-reorder-in-two-steps", Fixture, NULL, big_set_up,
              test_big_reorder_in_two_steps, fixture_tear_down);

  return g_test_run ();
}
