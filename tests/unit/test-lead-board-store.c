/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-lead-board-store"

#include "config.h"

#include <string.h>

#include "kontor-field-change.h"
#include "kontor-lead-status-change.h"
#include "kontor-operation-stack.h"
#include "kontor-rank.h"
#include "kontor-record-list.h"
#include "kontor-store-lead.h"
#include "kontor-store-query.h"
#include "kontor-test-utils.h"
#include "kontor-user.h"

/* The store side of a lead project's board (src/README.md "Lead
 * projects", "Sorting"): a column's contacts in the rank order of their
 * entries (KONTOR_SORT_LEAD_RANK) with the view's other criteria, lists
 * that follow a move that writes only the entry, the move itself between
 * its neighbours and past the entries the board does not show, its undo
 * and redo, and the value a card shows. Real SQLite, no mocks. */

typedef struct
{
  KontorStoreFixture  base;
  KontorLeadProject  *project;
  GPtrArray          *statuses;   /* first, won, lost */
} Fixture;

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);

  fixture->project = kontor_lead_project_new ("Messe 2027");
  g_assert_true (kontor_store_create_lead_project (fixture->base.store, fixture->project, &error));
  g_assert_no_error (error);
  fixture->statuses = kontor_store_list_lead_statuses (fixture->base.store,
                                                       id_of (fixture->project), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->statuses->len, ==, 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  g_clear_pointer (&fixture->statuses, g_ptr_array_unref);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

#define LEAD_BOARD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static const char *
status_id_at (Fixture *fixture,
              guint    i)
{
  return id_of (g_ptr_array_index (fixture->statuses, i));
}

/* A prospect named @name with an entry in the status @status_id, at the
 * end of its column */
static KontorLeadEntry *
new_lead (Fixture    *fixture,
          const char *name,
          const char *status_id)
{
  g_autoptr(KontorContact) contact = kontor_test_save_contact (fixture->base.store, name,
                                                               KONTOR_CONTACT_STATUS_PROSPECT);
  KontorLeadEntry *entry = kontor_lead_entry_new (id_of (fixture->project), id_of (contact),
                                                  status_id);

  kontor_test_save (fixture->base.store, entry);

  return entry;
}

static KontorLeadEntry *
reload (KontorStore     *store,
        KontorLeadEntry *entry)
{
  g_autoptr(GError) error = NULL;
  KontorLeadEntry *fresh = kontor_store_load (store, KONTOR_TYPE_LEAD_ENTRY, id_of (entry),
                                              &error);

  g_assert_no_error (error);
  g_assert_nonnull (fresh);

  return fresh;
}

/* Sets an entry's rank as a sync may bring it (NULL included), without
 * the store's hooks; the lists kept of the orders are forgotten */
static void
set_rank (KontorStore     *store,
          KontorLeadEntry *entry,
          const char      *rank)
{
  g_autofree char *sql = NULL;

  if (rank != NULL)
    sql = g_strdup_printf ("UPDATE lead_entry SET rank = '%s' WHERE id = '%s'",
                           rank, id_of (entry));
  else
    sql = g_strdup_printf ("UPDATE lead_entry SET rank = NULL WHERE id = '%s'", id_of (entry));
  kontor_test_exec (store, sql);
  _kontor_store_forget_orders (store);
}

/* A board column's filter: prospects and customers with an entry in
 * @status_id (all the project's with %NULL), in rank order */
static KontorFilter *
column_filter (Fixture    *fixture,
               const char *status_id)
{
  KontorFilter *filter = kontor_filter_new ();

  kontor_filter_set_lead_project_id (filter, id_of (fixture->project));
  kontor_filter_set_lead_status_id (filter, status_id);
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT) |
                                      KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER));
  kontor_filter_set_sort_column (filter, KONTOR_SORT_LEAD_RANK);

  return filter;
}

/* The last names of @rowids' contacts, joined by "," */
static char *
names_of (KontorStore *store,
          GArray      *rowids)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < rowids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KontorContact) contact =
        kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT,
                                    g_array_index (rowids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                              kontor_contact_get_last_name (contact));
    }

  return g_string_free (names, FALSE);
}

static void
assert_query (KontorStore  *store,
              KontorFilter *filter,
              const char   *expected)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, &error));
  g_assert_no_error (error);
  names = names_of (store, rowids);
  g_assert_cmpstr (names, ==, expected);
}

static void
assert_list (KontorRecordList *list,
             const char       *expected)
{
  g_autofree char *names = names_of (kontor_record_list_get_store (list),
                                     kontor_record_list_get_rowids (list));

  g_assert_cmpstr (names, ==, expected);
}

static void
move (KontorStore          *store,
      KontorOperationStack *stack,
      KontorLeadEntry      *entry,
      const char           *status_id,
      KontorLeadEntry      *after,
      KontorLeadEntry      *before)
{
  g_autoptr(KontorLeadEntry) shown = reload (store, entry);
  g_autoptr(KontorLeadEntry) after_shown = after != NULL ? reload (store, after) : NULL;
  g_autoptr(KontorLeadEntry) before_shown = before != NULL ? reload (store, before) : NULL;
  g_autoptr(KontorFieldChange) change = NULL;
  g_autoptr(GError) error = NULL;

  change = kontor_field_change_new_lead_move (
    store, shown, status_id,
    after_shown != NULL ? kontor_lead_entry_get_rank (after_shown) : NULL,
    before_shown != NULL ? kontor_lead_entry_get_rank (before_shown) : NULL,
    "Lead moved");
  g_assert_true (kontor_operation_stack_run (stack, KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */

/* A column by rank: ties by name, entries without a rank last, contacts
 * the mask leaves out (archived) not at all; descending is the whole
 * order reversed; and the query is a walk of the status's entries */
static void
test_order_by_rank (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *first = status_id_at (fixture, 0);
  g_autoptr(KontorLeadEntry) weber = new_lead (fixture, "Weber", first);
  g_autoptr(KontorLeadEntry) zeller = new_lead (fixture, "Zeller", first);
  g_autoptr(KontorLeadEntry) arndt = new_lead (fixture, "Arndt", first);
  g_autoptr(KontorLeadEntry) berg = new_lead (fixture, "Berg", first);
  g_autoptr(KontorLeadEntry) kurz = new_lead (fixture, "Kurz", first);
  g_autoptr(KontorLeadEntry) won = new_lead (fixture, "Otto", status_id_at (fixture, 1));
  g_autoptr(KontorContact) archived = NULL;
  g_autoptr(KontorFilter) filter = column_filter (fixture, first);
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;

  /* Kurz leaves through the mask */
  archived = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                                kontor_lead_entry_get_contact_id (kurz), &error);
  g_assert_no_error (error);
  kontor_contact_set_status (archived, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, archived);

  set_rank (store, weber, "a");
  set_rank (store, zeller, "b");
  set_rank (store, arndt, "b");
  set_rank (store, berg, NULL);
  set_rank (store, kurz, "aa");

  assert_query (store, filter, "Weber,Arndt,Zeller,Berg");
  kontor_filter_set_sort_descending (filter, TRUE);
  assert_query (store, filter, "Berg,Zeller,Arndt,Weber");
  kontor_filter_set_sort_descending (filter, FALSE);

  /* the archived contact with the mask that takes it */
  kontor_filter_set_statuses (filter, 0);
  assert_query (store, filter, "Weber,Kurz,Arndt,Zeller,Berg");

  /* the whole project: by the statuses' positions, then rank */
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT));
  kontor_filter_set_lead_status_id (filter, NULL);
  set_rank (store, won, "0");
  assert_query (store, filter, "Weber,Arndt,Zeller,Berg,Otto");

  /* the same filter sorted by name is the same contacts by name */
  kontor_filter_set_sort_column (filter, KONTOR_SORT_NAME);
  assert_query (store, filter, "Arndt,Berg,Otto,Weber,Zeller");

  /* with no lead project nor status, the lead rank is the name order */
  kontor_filter_set_lead_project_id (filter, NULL);
  kontor_filter_set_sort_column (filter, KONTOR_SORT_LEAD_RANK);
  assert_query (store, filter, "Arndt,Berg,Otto,Weber,Zeller");

  /* a column's query starts from the status's entries in rank order */
  g_clear_object (&filter);
  filter = column_filter (fixture, first);
  plan = _kontor_store_explain_contact_query (store, filter);
  g_test_message ("%s", plan);
  g_assert_nonnull (strstr (plan, "lead_entry_status"));
}

/* The view's other criteria: search text, a sales rep, combined */
static void
test_order_with_criteria (Fixture       *fixture,
                          gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *first = status_id_at (fixture, 0);
  g_autoptr(KontorUser) ines = kontor_user_new ("ines", "Ines Roth", KONTOR_USER_ROLE_SALES);
  const char *rep;
  const char *reps[] = { NULL, NULL };
  g_autoptr(KontorLeadEntry) weber = new_lead (fixture, "Weber", first);
  g_autoptr(KontorLeadEntry) wendt = new_lead (fixture, "Wendt", first);
  g_autoptr(KontorLeadEntry) arndt = new_lead (fixture, "Arndt", first);
  g_autoptr(KontorLeadEntry) wolf = new_lead (fixture, "Wolf", status_id_at (fixture, 1));
  g_autoptr(KontorFilter) filter = column_filter (fixture, first);
  g_autoptr(GError) error = NULL;

  kontor_test_save (store, ines);
  rep = reps[0] = id_of (ines);
  set_rank (store, arndt, "c");
  set_rank (store, wendt, "b");
  set_rank (store, weber, "a");

  /* Weber and Arndt have the sales rep */
  for (guint i = 0; i < 2; i++)
    {
      KontorLeadEntry *entry = i == 0 ? weber : arndt;
      g_autoptr(KontorContact) contact =
        kontor_store_load (store, KONTOR_TYPE_CONTACT, kontor_lead_entry_get_contact_id (entry),
                           &error);

      g_assert_no_error (error);
      kontor_contact_set_sales_reps (contact, (const char * const *) reps);
      kontor_test_save (store, contact);
    }

  assert_query (store, filter, "Weber,Wendt,Arndt");

  kontor_filter_set_search_text (filter, "W");
  assert_query (store, filter, "Weber,Wendt");
  kontor_filter_set_sort_descending (filter, TRUE);
  assert_query (store, filter, "Wendt,Weber");
  kontor_filter_set_sort_descending (filter, FALSE);

  kontor_filter_set_search_text (filter, NULL);
  kontor_filter_set_sales_rep_id (filter, rep);
  assert_query (store, filter, "Weber,Arndt");
  kontor_filter_set_sort_descending (filter, TRUE);
  assert_query (store, filter, "Arndt,Weber");
  kontor_filter_set_sort_descending (filter, FALSE);

  kontor_filter_set_search_text (filter, "arn");
  assert_query (store, filter, "Arndt");
  kontor_filter_set_search_text (filter, "Wolf");
  assert_query (store, filter, "");

  /* the count the column shows agrees */
  kontor_filter_set_search_text (filter, "W");
  g_assert_cmpint (kontor_store_count_contacts (store, filter, &error), ==, 1);
  g_assert_no_error (error);
  (void) wolf;
}

/* Lists follow what writes only entries and statuses: a move, a
 * delete, the statuses' order; a contacts table filtered by a lead
 * status (sorted by name) too */
static void
test_lists_follow_entries (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *first = status_id_at (fixture, 0);
  const char *won = status_id_at (fixture, 1);
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorLeadEntry) anders = new_lead (fixture, "Anders", first);
  g_autoptr(KontorLeadEntry) becker = new_lead (fixture, "Becker", first);
  g_autoptr(KontorLeadEntry) claus = new_lead (fixture, "Claus", first);
  g_autoptr(KontorFilter) first_filter = column_filter (fixture, first);
  g_autoptr(KontorFilter) won_filter = column_filter (fixture, won);
  g_autoptr(KontorFilter) table_filter = kontor_filter_new ();
  g_autoptr(KontorRecordList) first_list = NULL;
  g_autoptr(KontorRecordList) won_list = NULL;
  g_autoptr(KontorRecordList) table = NULL;
  g_autoptr(GError) error = NULL;

  kontor_filter_set_lead_status_id (table_filter, won);
  first_list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, first_filter);
  won_list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, won_filter);
  table = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, table_filter);
  assert_list (first_list, "Anders,Becker,Claus");
  assert_list (won_list, "");
  assert_list (table, "");

  /* within the column */
  move (store, stack, claus, first, NULL, anders);
  assert_list (first_list, "Claus,Anders,Becker");

  /* to another column */
  move (store, stack, anders, won, NULL, NULL);
  assert_list (first_list, "Claus,Becker");
  assert_list (won_list, "Anders");
  assert_list (table, "Anders");
  move (store, stack, becker, won, NULL, anders);
  assert_list (won_list, "Becker,Anders");
  assert_list (table, "Anders,Becker");

  /* undone and redone */
  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_no_error (error);
  assert_list (first_list, "Claus,Becker");
  assert_list (won_list, "Anders");
  assert_list (table, "Anders");
  g_assert_true (kontor_operation_stack_redo (stack, &error));
  g_assert_no_error (error);
  assert_list (won_list, "Becker,Anders");

  /* an entry deleted */
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (anders), &error));
  g_assert_no_error (error);
  assert_list (won_list, "Becker");
  assert_list (table, "Becker");
}

/* A move touches the lists it leaves and joins only: the third column's
 * list does not run its query again. Seen through a row written behind
 * the store's back into the third status, which that list picks up only
 * when its query runs; a change of its own makes it run. */
static void
test_move_leaves_other_lists (Fixture       *fixture,
                              gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *first = status_id_at (fixture, 0);
  const char *won = status_id_at (fixture, 1);
  const char *lost = status_id_at (fixture, 2);
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorLeadEntry) anders = new_lead (fixture, "Anders", first);
  g_autoptr(KontorLeadEntry) becker = new_lead (fixture, "Becker", lost);
  g_autoptr(KontorFilter) first_filter = column_filter (fixture, first);
  g_autoptr(KontorFilter) won_filter = column_filter (fixture, won);
  g_autoptr(KontorFilter) lost_filter = column_filter (fixture, lost);
  g_autoptr(KontorRecordList) first_list = NULL;
  g_autoptr(KontorRecordList) won_list = NULL;
  g_autoptr(KontorRecordList) lost_list = NULL;
  g_autofree char *sql = NULL;

  first_list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, first_filter);
  won_list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, won_filter);
  lost_list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, lost_filter);
  assert_list (lost_list, "Becker");

  /* Becker's entry to the first status, unseen by the lists */
  sql = g_strdup_printf ("UPDATE lead_entry SET status_id = '%s' WHERE id = '%s'", first,
                         id_of (becker));
  kontor_test_exec (store, sql);
  _kontor_store_forget_orders (store);

  move (store, stack, anders, won, NULL, NULL);
  assert_list (first_list, "Becker");
  assert_list (won_list, "Anders");
  /* not asked: still as it was */
  assert_list (lost_list, "Becker");

  /* a move into it makes it run */
  move (store, stack, anders, lost, NULL, NULL);
  assert_list (lost_list, "Anders");
}

/* A list of the whole project by rank follows the statuses' order and
 * names changed without a write to an entry */
static void
test_list_follows_statuses (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *project_id = id_of (fixture->project);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) swapped = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KontorLeadStatusChange) add = NULL;
  g_autoptr(KontorLeadStatusChange) swap = NULL;
  g_autoptr(KontorLeadEntry) termin = NULL;
  g_autoptr(KontorLeadEntry) angebot = NULL;
  g_autoptr(KontorFilter) filter = column_filter (fixture, NULL);
  g_autoptr(KontorRecordList) list = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (fixture->statuses, 0)));
  g_ptr_array_add (wanted, kontor_lead_status_new (project_id, "Termin", 1));
  g_ptr_array_add (wanted, kontor_lead_status_new (project_id, "Angebot", 2));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (fixture->statuses, 1)));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (fixture->statuses, 2)));
  add = kontor_lead_status_change_new (store, project_id, wanted, "Statuses added");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (add), &error));
  g_assert_no_error (error);
  added = kontor_store_list_lead_statuses (store, project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 5);

  termin = new_lead (fixture, "Termin-Kunde", id_of (g_ptr_array_index (added, 1)));
  angebot = new_lead (fixture, "Angebot-Kunde", id_of (g_ptr_array_index (added, 2)));
  list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, filter);
  assert_list (list, "Termin-Kunde,Angebot-Kunde");

  /* "Angebot" before "Termin" */
  g_ptr_array_add (swapped, g_object_ref (g_ptr_array_index (added, 0)));
  g_ptr_array_add (swapped, g_object_ref (g_ptr_array_index (added, 2)));
  g_ptr_array_add (swapped, g_object_ref (g_ptr_array_index (added, 1)));
  g_ptr_array_add (swapped, g_object_ref (g_ptr_array_index (added, 3)));
  g_ptr_array_add (swapped, g_object_ref (g_ptr_array_index (added, 4)));
  swap = kontor_lead_status_change_new (store, project_id, swapped, "Statuses moved");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (swap), &error));
  g_assert_no_error (error);
  assert_list (list, "Angebot-Kunde,Termin-Kunde");

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (swap), &error));
  g_assert_no_error (error);
  assert_list (list, "Termin-Kunde,Angebot-Kunde");
}

/* A move lands between the neighbours the board shows and past the
 * entries it does not (an archived contact's), changes only the entry,
 * and undo and redo put status and rank back */
static void
test_move_between_neighbours (Fixture       *fixture,
                              gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *first = status_id_at (fixture, 0);
  const char *won = status_id_at (fixture, 1);
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorLeadEntry) anders = new_lead (fixture, "Anders", first);
  g_autoptr(KontorLeadEntry) hidden = new_lead (fixture, "Hidden", first);
  g_autoptr(KontorLeadEntry) becker = new_lead (fixture, "Becker", first);
  g_autoptr(KontorLeadEntry) claus = new_lead (fixture, "Claus", won);
  g_autoptr(KontorLeadEntry) moved = NULL;
  g_autoptr(KontorLeadEntry) back = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorContact) contact_after = NULL;
  g_autoptr(KontorFilter) filter = column_filter (fixture, first);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_rank = NULL;
  gint64 contact_rev;

  contact = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                               kontor_lead_entry_get_contact_id (hidden), &error);
  g_assert_no_error (error);
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, contact);
  g_clear_object (&contact);
  assert_query (store, filter, "Anders,Becker");

  contact = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                               kontor_lead_entry_get_contact_id (claus), &error);
  g_assert_no_error (error);
  contact_rev = kontor_test_query_int (store, "SELECT rev FROM contact WHERE id = ?1",
                                       id_of (contact));
  old_rank = g_strdup (kontor_lead_entry_get_rank (claus));

  /* Claus between Anders and Becker as shown: before the hidden entry */
  move (store, stack, claus, first, anders, becker);
  moved = reload (store, claus);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (moved), ==, first);
  g_assert_cmpint (kontor_rank_compare (kontor_lead_entry_get_rank (moved),
                                        kontor_lead_entry_get_rank (anders)), >, 0);
  g_assert_cmpint (kontor_rank_compare (kontor_lead_entry_get_rank (moved),
                                        kontor_lead_entry_get_rank (hidden)), <, 0);
  assert_query (store, filter, "Anders,Claus,Becker");
  kontor_filter_set_statuses (filter, 0);
  assert_query (store, filter, "Anders,Claus,Hidden,Becker");
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT));

  /* only the entry was written */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT rev FROM contact WHERE id = ?1",
                                          id_of (contact)), ==, contact_rev);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                                 "entity = 'lead_entry' AND op = 'update' AND "
                                                 "field IN ('status_id', 'rank') AND "
                                                 "entity_id = ?1", id_of (claus)), ==, 2);

  /* Becker to the top, before Anders: the hidden entry stays where it is */
  move (store, stack, becker, first, NULL, anders);
  assert_query (store, filter, "Becker,Anders,Claus");

  /* undo: Becker back, then Claus back in its column, with its rank */
  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_no_error (error);
  assert_query (store, filter, "Anders,Claus,Becker");
  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_no_error (error);
  back = reload (store, claus);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (back), ==, won);
  g_assert_cmpstr (kontor_lead_entry_get_rank (back), ==, old_rank);
  assert_query (store, filter, "Anders,Becker");
  g_clear_object (&back);

  /* redo: in the new column again, at the same place */
  g_assert_true (kontor_operation_stack_redo (stack, &error));
  g_assert_no_error (error);
  back = reload (store, claus);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (back), ==, first);
  g_assert_cmpstr (kontor_lead_entry_get_rank (back), ==, kontor_lead_entry_get_rank (moved));
  assert_query (store, filter, "Anders,Claus,Becker");

  /* the contact was never written */
  contact_after = kontor_store_load (store, KONTOR_TYPE_CONTACT, id_of (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT rev FROM contact WHERE id = ?1",
                                          id_of (contact_after)), ==, contact_rev);
}

/* Into a column that shows nothing, the entry goes after the entries it
 * does not show; to a status of another project it is refused, nothing
 * written */
static void
test_move_to_other_column (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *first = status_id_at (fixture, 0);
  const char *lost = status_id_at (fixture, 2);
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorLeadEntry) anders = new_lead (fixture, "Anders", first);
  g_autoptr(KontorLeadEntry) hidden = new_lead (fixture, "Hidden", lost);
  g_autoptr(KontorLeadEntry) moved = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorLeadProject) other = kontor_lead_project_new ("Andere Messe");
  g_autoptr(GPtrArray) other_statuses = NULL;
  g_autoptr(KontorFieldChange) wrong = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  contact = kontor_store_load (store, KONTOR_TYPE_CONTACT,
                               kontor_lead_entry_get_contact_id (hidden), &error);
  g_assert_no_error (error);
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, contact);

  move (store, stack, anders, lost, NULL, NULL);
  moved = reload (store, anders);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (moved), ==, lost);
  g_assert_cmpint (kontor_rank_compare (kontor_lead_entry_get_rank (moved),
                                        kontor_lead_entry_get_rank (hidden)), >, 0);

  g_assert_true (kontor_store_create_lead_project (store, other, &error));
  g_assert_no_error (error);
  other_statuses = kontor_store_list_lead_statuses (store, id_of (other), &error);
  g_assert_no_error (error);
  seq = kontor_test_outbox_last_seq (store);
  wrong = kontor_field_change_new_lead_move (store, moved,
                                             id_of (g_ptr_array_index (other_statuses, 0)),
                                             NULL, NULL, "Lead moved");
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (wrong), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);
  g_clear_object (&moved);
  moved = reload (store, anders);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (moved), ==, lost);
}

/* A move to another column whose rank between the neighbours happens to
 * be the entry's old rank still lands between them (the store puts an
 * entry that changes status with its old rank last) */
static void
test_move_same_rank_as_before (Fixture       *fixture,
                               gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *first = status_id_at (fixture, 0);
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorLeadEntry) anders = new_lead (fixture, "Anders", first);
  g_autoptr(KontorLeadEntry) becker = new_lead (fixture, "Becker", first);
  g_autoptr(KontorLeadEntry) claus = new_lead (fixture, "Claus", status_id_at (fixture, 1));
  g_autoptr(KontorLeadEntry) moved = NULL;
  g_autoptr(KontorFilter) filter = column_filter (fixture, first);
  g_autofree char *low = kontor_rank_between (NULL, NULL);
  g_autofree char *high = kontor_rank_between (low, NULL);
  g_autofree char *middle = kontor_rank_between (low, high);

  g_assert_nonnull (middle);
  set_rank (store, anders, low);
  set_rank (store, becker, high);
  set_rank (store, claus, middle);

  move (store, stack, claus, first, anders, becker);
  moved = reload (store, claus);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (moved), ==, first);
  g_assert_cmpstr (kontor_lead_entry_get_rank (moved), !=, middle);
  assert_query (store, filter, "Anders,Claus,Becker");
}

/* A card's value: one look-up; none for a contact not in the project */
static void
test_lead_value (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorLeadEntry) entry = new_lead (fixture, "Anders", status_id_at (fixture, 0));
  g_autoptr(KontorContact) outside = kontor_test_save_contact (store, "Berg",
                                                               KONTOR_CONTACT_STATUS_CUSTOMER);
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *rank = NULL;
  gint64 cents = -1;

  kontor_lead_entry_set_value_cents (entry, 123456);
  kontor_test_save (store, entry);

  g_assert_true (kontor_store_get_lead_value (store, id_of (fixture->project),
                                              kontor_lead_entry_get_contact_id (entry),
                                              &cents, &currency, &rank, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cents, ==, 123456);
  g_assert_cmpstr (currency, ==, "EUR");
  g_assert_cmpstr (rank, ==, kontor_lead_entry_get_rank (entry));
  g_clear_pointer (&currency, g_free);
  g_clear_pointer (&rank, g_free);

  g_assert_false (kontor_store_get_lead_value (store, id_of (fixture->project), id_of (outside),
                                               &cents, &currency, &rank, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cents, ==, 0);
  g_assert_null (currency);
  g_assert_null (rank);

  /* the outputs are optional */
  g_assert_true (kontor_store_get_lead_value (store, id_of (fixture->project),
                                              kontor_lead_entry_get_contact_id (entry),
                                              NULL, NULL, &rank, &error));
  g_assert_nonnull (rank);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LEAD_BOARD_TEST ("/lead-board-store/order/rank", test_order_by_rank);
  LEAD_BOARD_TEST ("/lead-board-store/order/criteria", test_order_with_criteria);
  LEAD_BOARD_TEST ("/lead-board-store/list/follows-entries", test_lists_follow_entries);
  LEAD_BOARD_TEST ("/lead-board-store/list/follows-statuses", test_list_follows_statuses);
  LEAD_BOARD_TEST ("/lead-board-store/move/between-neighbours", test_move_between_neighbours);
  LEAD_BOARD_TEST ("/lead-board-store/move/other-column", test_move_to_other_column);
  LEAD_BOARD_TEST ("/lead-board-store/move/same-rank-as-before", test_move_same_rank_as_before);
  LEAD_BOARD_TEST ("/lead-board-store/list/move-leaves-other-lists",
                   test_move_leaves_other_lists);
  LEAD_BOARD_TEST ("/lead-board-store/value", test_lead_value);

  return g_test_run ();
}
