/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-bulk-change"

#include "config.h"

#include "kontor-bulk-change.h"
#include "kontor-operation-stack.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/* Bulk operations of the contacts table's action bar (feature L6): one
 * KontorBulkChange changes many contacts in one transaction, all or
 * nothing, each write through the store's save of one record (outbox
 * entries, history, roles); undo puts back exactly the state before, in
 * one transaction, and redo applies again. A delete of many is one
 * transaction too. */

#define N_CONTACTS 5

typedef struct
{
  KontorStoreFixture  base;
  KontorContact      *contacts[N_CONTACTS];
  GStrv               ids;
  KontorUser         *viewer;
  KontorUser         *admin;       /* the store's first user */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  static const char * const last_names[N_CONTACTS] = {
    "Schneider", "Müller", "Weber", "Fischer", "Wagner"
  };

  kontor_store_fixture_set_up (&fixture->base, data);

  for (guint i = 0; i < N_CONTACTS; i++)
    {
      KontorContact *contact = kontor_contact_new ();

      kontor_contact_set_first_name (contact, "Anna");
      kontor_contact_set_last_name (contact, last_names[i]);
      /* active contacts, on the board; the first one still marked new */
      kontor_contact_set_status (contact, i % 2 == 0 ? KONTOR_CONTACT_STATUS_PROSPECT
                                                     : KONTOR_CONTACT_STATUS_CUSTOMER);
      kontor_contact_set_is_new (contact, i == 0);
      kontor_test_save (fixture->base.store, contact);
      fixture->contacts[i] = contact;
      g_strv_builder_add (ids, kontor_record_get_id (KONTOR_RECORD (contact)));
    }
  fixture->ids = g_strv_builder_end (ids);

  fixture->admin = g_object_ref (kontor_store_get_current_user (fixture->base.store));
  fixture->viewer = kontor_user_new ("viewer", NULL, KONTOR_USER_ROLE_VIEWER);
  kontor_test_save (fixture->base.store, fixture->viewer);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < N_CONTACTS; i++)
    g_clear_object (&fixture->contacts[i]);
  g_clear_pointer (&fixture->ids, g_strfreev);
  g_clear_object (&fixture->viewer);
  g_clear_object (&fixture->admin);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static KontorContact *
load (Fixture    *fixture,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  KontorContact *contact = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, id,
                                              &error);

  g_assert_no_error (error);
  g_assert_nonnull (contact);

  return contact;
}

/* The contacts as stored now */
static GPtrArray *
snapshot (Fixture *fixture)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; fixture->ids[i] != NULL; i++)
    g_ptr_array_add (records, load (fixture, fixture->ids[i]));

  return records;
}

static void
assert_same (GPtrArray *before,
             GPtrArray *after)
{
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(GArray) changed = kontor_record_diff (g_ptr_array_index (before, i),
                                                      g_ptr_array_index (after, i));

      g_assert_cmpuint (changed->len, ==, 0);
    }
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return kontor_test_query_int (fixture->base.store, sql, NULL);
}

/* Everything a bulk change could touch, as one number to compare */
static char *
dup_tables (Fixture *fixture)
{
  sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store,
                                            "SELECT group_concat(id || ':' || status || ':' || "
                                            "coalesce(pipeline_status_id, '') || ':' || "
                                            "coalesce(rank, '') || ':' || coalesce(previous_status, '') || ':' || "
                                            "updated_at, ',') FROM "
                                            "(SELECT * FROM contact ORDER BY rid)",
                                            NULL);
  char *text;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                          (const char *) sqlite3_column_text (stmt, 0),
                          count (fixture, "SELECT count(*) FROM outbox"),
                          count (fixture, "SELECT count(*) FROM journal"));
  sqlite3_finalize (stmt);

  return text;
}

static const char *
nth_status_id (Fixture *fixture,
               guint    n)
{
  static char id[64];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (fixture->base.store,
                                                                       &error);

  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, >, n);
  g_strlcpy (id, kontor_record_get_id (g_ptr_array_index (statuses, n)), sizeof id);

  return id;
}

static void
test_archive_undo_redo (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorBulkChange) change = NULL;
  g_autoptr(GPtrArray) before = snapshot (fixture);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = count (fixture, "SELECT count(*) FROM outbox");
  guint n_commits = 0;

  change = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_ARCHIVE,
                                   (const char * const *) fixture->ids, NULL,
                                   "5 contacts archived");
  g_assert_cmpuint (kontor_bulk_change_get_n_contacts (change), ==, N_CONTACTS);

  kontor_test_count_commits (fixture->base.store, &n_commits);
  g_assert_true (kontor_operation_stack_run (stack, KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 1);

  after = snapshot (fixture);
  for (guint i = 0; i < after->len; i++)
    {
      KontorContact *was = g_ptr_array_index (before, i);
      KontorContact *is = g_ptr_array_index (after, i);

      g_assert_cmpint (kontor_contact_get_status (is), ==, KONTOR_CONTACT_STATUS_ARCHIVED);
      /* the store's rules ran as for one save: "Make active" knows the way back */
      g_assert_cmpint (kontor_contact_get_previous_status (is), ==,
                       kontor_contact_get_status (was));
      g_assert_false (kontor_contact_get_is_new (is));
    }
  /* one "update" entry per contact and changed field, and their history */
  g_assert_cmpint (count (fixture, "SELECT count(DISTINCT entity_id) FROM outbox "
                                   "WHERE op = 'update' AND field = 'status'"), ==, N_CONTACTS);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox"), >=, outbox + N_CONTACTS);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM journal WHERE field = 'status'"), ==,
                   N_CONTACTS);

  n_commits = 0;
  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 1);
  undone = snapshot (fixture);
  /* exactly as before: status, previous status, the "new" mark */
  assert_same (before, undone);

  n_commits = 0;
  g_assert_true (kontor_operation_stack_redo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 1);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = snapshot (fixture);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (kontor_contact_get_status (g_ptr_array_index (after, i)), ==,
                     KONTOR_CONTACT_STATUS_ARCHIVED);

  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_clear_pointer (&undone, g_ptr_array_unref);
  undone = snapshot (fixture);
  assert_same (before, undone);
  kontor_test_stop_counting_commits (fixture->base.store);
}

static void
test_pipeline_status (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *status_id = nth_status_id (fixture, 2);
  g_autoptr(KontorBulkChange) change = NULL;
  g_autoptr(GPtrArray) before = snapshot (fixture);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ranks = g_hash_table_new (g_str_hash, g_str_equal);

  change = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_SET_PIPELINE_STATUS,
                                   (const char * const *) fixture->ids, status_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);

  after = snapshot (fixture);
  for (guint i = 0; i < after->len; i++)
    {
      KontorContact *is = g_ptr_array_index (after, i);

      g_assert_cmpstr (kontor_contact_get_pipeline_status_id (is), ==, status_id);
      /* each card has a place of its own in the column, after the last */
      g_assert_nonnull (kontor_contact_get_rank (is));
      g_assert_true (g_hash_table_add (ranks, (gpointer) kontor_contact_get_rank (is)));
      if (i > 0)
        g_assert_cmpstr (kontor_contact_get_rank (g_ptr_array_index (after, i - 1)), <,
                         kontor_contact_get_rank (is));
      g_assert_cmpint (kontor_contact_get_pipeline_entered_at (is), >, 0);
    }
  g_assert_cmpint (count (fixture, "SELECT count(DISTINCT entity_id) FROM outbox WHERE "
                                   "op = 'update' AND field = 'pipeline_status_id'"), ==,
                   N_CONTACTS);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  undone = snapshot (fixture);
  /* the old column, place and time in the column */
  assert_same (before, undone);
}

/* The contacts entered their columns in the same second as the bulk
 * change moves them on, so their times are the same before and after it;
 * undone a second later, they get those times back, not the undo's (the
 * store is told it is an undo, _kontor_store_set_times_given ()) */
static void
test_pipeline_status_same_second (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *status_id = nth_status_id (fixture, 2);
  g_autoptr(GError) error = NULL;

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(KontorBulkChange) change = NULL;
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(GPtrArray) after = NULL;
      g_autoptr(GPtrArray) undone = NULL;
      gint64 second = kontor_test_new_second ();
      gboolean same = TRUE;

      for (guint i = 0; i < N_CONTACTS; i++)
        {
          g_autoptr(KontorContact) contact = load (fixture, fixture->ids[i]);

          kontor_contact_set_pipeline_entered_at (contact, second);
          kontor_test_save (fixture->base.store, contact);
        }
      before = snapshot (fixture);
      change = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_SET_PIPELINE_STATUS,
                                       (const char * const *) fixture->ids, status_id, NULL);
      g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
      g_assert_no_error (error);
      after = snapshot (fixture);
      for (guint i = 0; i < after->len; i++)
        same = same && kontor_contact_get_pipeline_entered_at (g_ptr_array_index (after, i)) ==
                       second;

      /* the undo in the next second */
      g_usleep (G_USEC_PER_SEC);
      g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
      g_assert_no_error (error);
      undone = snapshot (fixture);
      assert_same (before, undone);
      if (same)
        return;
    }
  g_test_skip ("the bulk change never fell in the second the contacts entered their columns");
}

static void
test_assign (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KontorUser) sales = kontor_user_new ("sales", NULL, KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorTeam) team = kontor_team_new ("Nord");
  g_autoptr(KontorBulkChange) add = NULL;
  g_autoptr(KontorBulkChange) set_team = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) first = NULL;
  const char *sales_id, *team_id;

  kontor_test_save (fixture->base.store, sales);
  kontor_test_save (fixture->base.store, team);
  sales_id = kontor_record_get_id (KONTOR_RECORD (sales));
  team_id = kontor_record_get_id (KONTOR_RECORD (team));

  /* an assignee already there stays, once */
  first = load (fixture, fixture->ids[0]);
  kontor_contact_set_assignees (first, (const char * const[]) { sales_id, NULL });
  kontor_test_save (fixture->base.store, first);

  before = snapshot (fixture);
  add = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_ADD_ASSIGNEE,
                                (const char * const *) fixture->ids, sales_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (add), &error));
  g_assert_no_error (error);
  set_team = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_SET_TEAM,
                                     (const char * const *) fixture->ids, team_id, NULL);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (set_team), &error));
  g_assert_no_error (error);

  after = snapshot (fixture);
  for (guint i = 0; i < after->len; i++)
    {
      KontorContact *is = g_ptr_array_index (after, i);
      const char * const *assignees = kontor_contact_get_assignees (is);

      g_assert_nonnull (assignees);
      g_assert_cmpuint (g_strv_length ((char **) assignees), ==, 1);
      g_assert_cmpstr (assignees[0], ==, sales_id);
      g_assert_cmpstr (kontor_contact_get_assigned_team_id (is), ==, team_id);
    }

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (set_team), &error));
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (add), &error));
  g_assert_no_error (error);
  undone = snapshot (fixture);
  assert_same (before, undone);
}

/* One contact that may not change: none changes, nothing is sent */
static void
test_all_or_nothing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KontorBulkChange) move = NULL;
  g_autoptr(KontorBulkChange) missing = NULL;
  g_autoptr(KontorContact) archived = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *tables_after = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) with_missing = NULL;

  /* the last contact is archived: its pipeline status may not change */
  archived = load (fixture, fixture->ids[N_CONTACTS - 1]);
  kontor_contact_set_status (archived, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (fixture->base.store, archived);

  tables = dup_tables (fixture);
  move = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_SET_PIPELINE_STATUS,
                                 (const char * const *) fixture->ids, nth_status_id (fixture, 1),
                                 NULL);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (move), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_STATUS_TRANSITION);
  g_assert_false (kontor_operation_is_applied (KONTOR_OPERATION (move)));
  tables_after = dup_tables (fixture);
  g_assert_cmpstr (tables, ==, tables_after);
  g_clear_error (&error);

  /* a contact deleted meanwhile */
  g_strv_builder_addv (builder, (const char **) fixture->ids);
  g_strv_builder_add (builder, "01900000-0000-7000-8000-00000000dead");
  with_missing = g_strv_builder_end (builder);
  missing = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_ARCHIVE,
                                    (const char * const *) with_missing, NULL, NULL);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (missing), &error));
  g_assert_nonnull (error);
  g_clear_pointer (&tables_after, g_free);
  tables_after = dup_tables (fixture);
  g_assert_cmpstr (tables, ==, tables_after);
}

/* A role that may not edit: refused by the store, nothing written */
static void
test_role (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KontorBulkChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tables = dup_tables (fixture);
  g_autofree char *tables_after = NULL;

  g_assert_true (kontor_store_set_current_user (fixture->base.store, fixture->viewer, &error));
  g_assert_no_error (error);

  change = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_ARCHIVE,
                                   (const char * const *) fixture->ids, NULL, NULL);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  tables_after = dup_tables (fixture);
  g_assert_cmpstr (tables, ==, tables_after);
}

static void
test_delete_all (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *tables_after = NULL;
  guint n_commits = 0;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (records, g_object_ref (fixture->contacts[i]));

  /* a viewer may not: nothing goes */
  tables = dup_tables (fixture);
  g_assert_true (kontor_store_set_current_user (fixture->base.store, fixture->viewer, &error));
  g_assert_false (kontor_store_delete_all (fixture->base.store, records, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  tables_after = dup_tables (fixture);
  g_assert_cmpstr (tables, ==, tables_after);

  g_assert_true (kontor_store_set_current_user (fixture->base.store, fixture->admin, &error));
  g_assert_no_error (error);

  kontor_test_count_commits (fixture->base.store, &n_commits);
  g_assert_true (kontor_store_delete_all (fixture->base.store, records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 1);
  kontor_test_stop_counting_commits (fixture->base.store);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact"), ==, N_CONTACTS - 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone WHERE entity = 'contact'"),
                   ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'delete'"), ==, 3);
}

static void
test_dup_ids (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  gint64 gone = 999999;

  for (guint i = N_CONTACTS; i > 0; i--)
    {
      gint64 rowid = kontor_record_get_rowid (KONTOR_RECORD (fixture->contacts[i - 1]));

      g_array_append_val (rowids, rowid);
    }
  g_array_append_val (rowids, gone);

  ids = kontor_store_dup_ids (fixture->base.store, KONTOR_TYPE_CONTACT, rowids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, N_CONTACTS);
  for (guint i = 0; i < N_CONTACTS; i++)
    g_assert_cmpstr (ids[i], ==, fixture->ids[N_CONTACTS - 1 - i]);
}

/* More contacts than one load batch (kontor-bulk-change.c) and than the
 * bulk cache's threshold, some with e-mail addresses, phone numbers,
 * sales reps and assignees and some without: appends their ids to @ids */
#define MANY_CONTACTS 1203

static void
add_many (Fixture    *fixture,
          KontorUser *rep,
          GPtrArray  *ids)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *reps[] = { kontor_record_get_id (KONTOR_RECORD (rep)), NULL };
  const char *both[] = { kontor_record_get_id (KONTOR_RECORD (rep)),
                         kontor_record_get_id (KONTOR_RECORD (fixture->admin)), NULL };

  for (guint i = 0; i < MANY_CONTACTS; i++)
    {
      KontorContact *contact = kontor_contact_new ();
      g_autofree char *name = g_strdup_printf ("Kunde %04u", i);

      kontor_contact_set_last_name (contact, name);
      kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_PROSPECT);
      if (i % 3 == 0)
        {
          g_autofree char *address = g_strdup_printf ("kunde%u@example.de", i);

          kontor_contact_add_email (contact, "work", address);
          kontor_contact_add_email (contact, "home", "privat@example.de");
        }
      if (i % 4 == 1)
        kontor_contact_add_phone (contact, "mobile", "+49 30 1234567");
      if (i % 5 == 2)
        kontor_contact_set_sales_reps (contact, reps);
      if (i % 7 == 3)
        kontor_contact_set_assignees (contact, i % 2 == 0 ? reps : both);
      g_ptr_array_add (records, contact);
    }
  g_assert_true (kontor_store_save_all (fixture->base.store, records, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (ids, g_strdup (kontor_record_get_id (g_ptr_array_index (records, i))));
}

static guint
n_channels (GPtrArray *channels)
{
  return channels != NULL ? channels->len : 0;
}

/* Loading many at once gives what loading each one gives: every field,
 * every child row, in their order; none missing quietly */
static void
test_load_ids (Fixture       *fixture,
               gconstpointer  data)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT);
  g_autoptr(KontorUser) rep = kontor_user_new ("rep", NULL, KONTOR_USER_ROLE_SALES);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;

  kontor_test_save (fixture->base.store, rep);
  add_many (fixture, rep, ids);
  g_ptr_array_add (ids, NULL);

  loaded = _kontor_store_load_ids (fixture->base.store, info, (const char * const *) ids->pdata,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, MANY_CONTACTS);
  for (guint i = 0; i < MANY_CONTACTS; i++)
    {
      g_autoptr(KontorContact) one = load (fixture, g_ptr_array_index (ids, i));
      KontorContact *many = g_ptr_array_index (loaded, i);
      g_autoptr(GArray) changed = kontor_record_diff (KONTOR_RECORD (one), KONTOR_RECORD (many));

      g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (many)), ==,
                       g_ptr_array_index (ids, i));
      g_assert_cmpuint (changed->len, ==, 0);
      g_assert_cmpint (kontor_record_get_rowid (KONTOR_RECORD (many)), ==,
                       kontor_record_get_rowid (KONTOR_RECORD (one)));
    }
  /* the test would pass with every child row lost: they are there */
  g_assert_cmpuint (n_channels (kontor_contact_get_emails (g_ptr_array_index (loaded, 0))), ==, 2);
  g_assert_cmpuint (n_channels (kontor_contact_get_phones (g_ptr_array_index (loaded, 1))), ==, 1);
  g_assert_cmpuint (g_strv_length ((GStrv) kontor_contact_get_sales_reps (g_ptr_array_index (loaded, 2))), ==, 1);

  /* one not stored: an error, not a shorter array */
  g_free (g_ptr_array_index (ids, 7));
  g_ptr_array_index (ids, 7) = g_strdup ("01900000-0000-7000-8000-00000000dead");
  missing = _kontor_store_load_ids (fixture->base.store, info,
                                    (const char * const *) ids->pdata, &error);
  g_assert_null (missing);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
}

/* A change of more contacts than one load batch, one of them named twice:
 * each changed once, the child rows of each kept, and undo gives back
 * every one as it was */
static void
test_many (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KontorUser) rep = kontor_user_new ("rep", NULL, KONTOR_USER_ROLE_SALES);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) undone = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KontorBulkChange) change = NULL;
  g_autoptr(GError) error = NULL;
  const char *rep_id;

  kontor_test_save (fixture->base.store, rep);
  rep_id = kontor_record_get_id (KONTOR_RECORD (rep));
  add_many (fixture, rep, ids);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (before, load (fixture, g_ptr_array_index (ids, i)));
  g_ptr_array_add (ids, g_strdup (g_ptr_array_index (ids, 600)));
  g_ptr_array_add (ids, NULL);

  change = kontor_bulk_change_new (fixture->base.store, KONTOR_BULK_ADD_ASSIGNEE,
                                   (const char * const *) ids->pdata, rep_id, NULL);
  g_assert_cmpuint (kontor_bulk_change_get_n_contacts (change), ==, MANY_CONTACTS);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);

  for (guint i = 0; i < MANY_CONTACTS; i++)
    {
      KontorContact *was = g_ptr_array_index (before, i);
      g_autoptr(KontorContact) is = load (fixture, g_ptr_array_index (ids, i));
      const char * const *assignees = kontor_contact_get_assignees (is);
      const char * const *had = kontor_contact_get_assignees (was);
      guint n_had = had != NULL ? g_strv_length ((GStrv) had) : 0;

      /* the assignees it had, and the new one once */
      g_assert_true (g_strv_contains (assignees, rep_id));
      g_assert_cmpuint (g_strv_length ((GStrv) assignees), ==,
                        n_had + (n_had > 0 && g_strv_contains (had, rep_id) ? 0 : 1));
      for (guint j = 0; j < n_had; j++)
        g_assert_true (g_strv_contains (assignees, had[j]));
      /* its addresses and numbers untouched */
      g_assert_cmpuint (n_channels (kontor_contact_get_emails (is)), ==,
                        n_channels (kontor_contact_get_emails (was)));
      g_assert_cmpuint (n_channels (kontor_contact_get_phones (is)), ==,
                        n_channels (kontor_contact_get_phones (was)));
    }
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'create'"
                                   " AND entity = 'contact_link' AND field = 'assignees'"
                                   " AND created_at > 0 AND value_json LIKE '%' ||"
                                   " (SELECT id FROM app_user WHERE username = 'rep') || '%'"
                                   " AND entity_id IN (SELECT id FROM contact"
                                   " WHERE last_name = 'Kunde 0600')"), ==, 1);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < MANY_CONTACTS; i++)
    g_ptr_array_add (undone, load (fixture, g_ptr_array_index (ids, i)));
  assert_same (before, undone);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/bulk-change/archive-undo-redo", test_archive_undo_redo);
  ADD ("/bulk-change/pipeline-status", test_pipeline_status);
  ADD ("/bulk-change/pipeline-status-same-second", test_pipeline_status_same_second);
  ADD ("/bulk-change/assign", test_assign);
  ADD ("/bulk-change/all-or-nothing", test_all_or_nothing);
  ADD ("/bulk-change/role", test_role);
  ADD ("/bulk-change/delete-all", test_delete_all);
  ADD ("/bulk-change/dup-ids", test_dup_ids);
  ADD ("/bulk-change/load-ids", test_load_ids);
  ADD ("/bulk-change/many", test_many);

#undef ADD

  return g_test_run ();
}
