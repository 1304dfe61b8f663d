/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-lead-join"

#include "config.h"

#include "kontor-contact.h"
#include "kontor-group-change.h"
#include "kontor-group-member.h"
#include "kontor-lead-join.h"
#include "kontor-operation-stack.h"
#include "kontor-record-json.h"
#include "kontor-store-lead.h"
#include "kontor-store-sync.h"
#include "kontor-test-utils.h"

/* Contacts joining lead projects (feature D3, src/README.md "Lead
 * projects"): through the project's linked group, static and dynamic, on
 * the same transaction as the change of membership, leaving it (the entry
 * stays, marked), coming back, never when Inbox or Archived; and by hand,
 * one undoable operation that counts what it added, skipped and
 * refused. */

typedef struct
{
  KontorStoreFixture  base;
  KontorLeadProject  *project;
  char               *first_status_id;
  KontorContact      *anna;      /* prospect */
  KontorContact      *bernd;     /* customer */
  KontorContact      *carla;     /* inbox */
  KontorContact      *dora;      /* archived */
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
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  kontor_store_fixture_set_up (&fixture->base, data);

  fixture->project = kontor_lead_project_new ("Messe 2027");
  ok = kontor_store_create_lead_project (fixture->base.store, fixture->project, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  statuses = kontor_store_list_lead_statuses (fixture->base.store, id_of (fixture->project),
                                              &error);
  g_assert_no_error (error);
  fixture->first_status_id = g_strdup (id_of (g_ptr_array_index (statuses, 0)));

  fixture->anna = kontor_test_save_contact (fixture->base.store,
                                            "Schneider", KONTOR_CONTACT_STATUS_PROSPECT);
  fixture->bernd = kontor_test_save_contact (fixture->base.store,
                                             "Weber", KONTOR_CONTACT_STATUS_CUSTOMER);
  fixture->carla = kontor_test_save_contact (fixture->base.store,
                                             "Fischer", KONTOR_CONTACT_STATUS_INBOX);
  fixture->dora = kontor_test_save_contact (fixture->base.store,
                                            "Wagner", KONTOR_CONTACT_STATUS_ARCHIVED);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  g_clear_pointer (&fixture->first_status_id, g_free);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->bernd);
  g_clear_object (&fixture->carla);
  g_clear_object (&fixture->dora);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

#define JOIN_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static gint64
count (Fixture    *fixture,
       const char *sql,
       const char *param)
{
  return kontor_test_query_int (fixture->base.store, sql, param);
}

static gint64
count_entries (Fixture *fixture)
{
  return count (fixture, "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                id_of (fixture->project));
}

/* @contact's entry in the project, or NULL */
static KontorLeadEntry *
entry_of (Fixture       *fixture,
          KontorContact *contact)
{
  g_autoptr(GError) error = NULL;
  KontorLeadEntry *entry = kontor_store_find_lead_entry (fixture->base.store,
                                                         id_of (fixture->project),
                                                         id_of (contact), &error);

  g_assert_no_error (error);
  return entry;
}

static void
link_group (Fixture     *fixture,
            KontorGroup *group)
{
  kontor_lead_project_set_group_id (fixture->project, id_of (group));
  kontor_test_save (fixture->base.store, fixture->project);
}

static void
change_group (Fixture       *fixture,
              KontorGroup   *group,
              KontorContact *contact,
              gboolean       add)
{
  const char *ids[] = { id_of (contact), NULL };
  g_autoptr(KontorGroupChange) change = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  change = add ? kontor_group_change_new_add (fixture->base.store, group, ids)
               : kontor_group_change_new_remove (fixture->base.store, group, ids);
  ok = kontor_operation_apply (KONTOR_OPERATION (change), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* ------------------------------------------------------------------------ */
/* Through the linked group */

/* A static group: those in it when it is linked join in the first status,
 * by the group; one added later joins on the same transaction; one taken
 * out leaves (the entry stays, with left_at); added again it is back; the
 * restricted ones never join. Every entry made has its outbox entry. */
static void
test_static_group (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorGroup) group = kontor_group_new ("Messebesucher");
  g_autoptr(KontorLeadEntry) entry = NULL;
  guint n_commits = 0;

  kontor_test_save (fixture->base.store, group);
  change_group (fixture, group, fixture->anna, TRUE);
  change_group (fixture, group, fixture->carla, TRUE);
  g_assert_cmpint (count_entries (fixture), ==, 0);

  /* linking joins the members there are, not the Inbox one */
  link_group (fixture, group);
  g_assert_cmpint (count_entries (fixture), ==, 1);
  entry = entry_of (fixture, fixture->anna);
  g_assert_nonnull (entry);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (entry), ==, fixture->first_status_id);
  g_assert_cmpint (kontor_lead_entry_get_joined_by (entry), ==, KONTOR_LEAD_JOIN_GROUP);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), ==, 0);
  g_assert_null (entry_of (fixture, fixture->carla));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'create' AND "
                                   "entity = 'lead_entry' AND entity_id = ?1", id_of (entry)),
                   ==, 1);
  g_clear_object (&entry);

  /* a new member joins in the same transaction as its membership */
  kontor_test_count_commits (fixture->base.store, &n_commits);
  change_group (fixture, group, fixture->bernd, TRUE);
  kontor_test_stop_counting_commits (fixture->base.store);
  g_assert_cmpuint (n_commits, ==, 1);
  entry = entry_of (fixture, fixture->bernd);
  g_assert_nonnull (entry);
  g_assert_cmpint (kontor_lead_entry_get_joined_by (entry), ==, KONTOR_LEAD_JOIN_GROUP);
  g_clear_object (&entry);

  /* leaving keeps the entry, marked */
  change_group (fixture, group, fixture->anna, FALSE);
  entry = entry_of (fixture, fixture->anna);
  g_assert_nonnull (entry);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), >, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'update' AND "
                                   "entity = 'lead_entry' AND entity_id = ?1", id_of (entry)),
                   >=, 1);
  g_clear_object (&entry);
  g_assert_cmpint (count_entries (fixture), ==, 2);

  /* coming back clears the mark: still one entry */
  change_group (fixture, group, fixture->anna, TRUE);
  entry = entry_of (fixture, fixture->anna);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), ==, 0);
  g_assert_cmpint (count_entries (fixture), ==, 2);
}

/* A dynamic group follows the data: a contact saved so that the filter
 * selects it joins, saved so that it does not leaves, and comes back.
 * An archived project takes none. */
static void
test_dynamic_group (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorGroup) group = kontor_group_new ("Leads");
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autofree char *text = NULL;

  kontor_filter_set_leads_only (filter, TRUE);
  text = kontor_filter_to_string (filter);
  kontor_group_set_is_dynamic (group, TRUE);
  kontor_group_set_filter (group, text);
  kontor_test_save (fixture->base.store, group);
  link_group (fixture, group);
  g_assert_cmpint (count_entries (fixture), ==, 0);

  kontor_contact_set_is_lead (fixture->anna, TRUE);
  kontor_test_save (fixture->base.store, fixture->anna);
  entry = entry_of (fixture, fixture->anna);
  g_assert_nonnull (entry);
  g_assert_cmpint (kontor_lead_entry_get_joined_by (entry), ==, KONTOR_LEAD_JOIN_GROUP);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (entry), ==, fixture->first_status_id);
  g_clear_object (&entry);
  g_assert_cmpint (count_entries (fixture), ==, 1);

  /* an Inbox contact that the filter selects does not join */
  kontor_contact_set_is_lead (fixture->carla, TRUE);
  kontor_test_save (fixture->base.store, fixture->carla);
  g_assert_null (entry_of (fixture, fixture->carla));

  kontor_contact_set_is_lead (fixture->anna, FALSE);
  kontor_test_save (fixture->base.store, fixture->anna);
  entry = entry_of (fixture, fixture->anna);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), >, 0);
  g_clear_object (&entry);

  kontor_contact_set_is_lead (fixture->anna, TRUE);
  kontor_test_save (fixture->base.store, fixture->anna);
  entry = entry_of (fixture, fixture->anna);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), ==, 0);
  g_clear_object (&entry);

  /* once active, the Inbox contact joins on its next save */
  kontor_contact_set_status (fixture->carla, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_test_save (fixture->base.store, fixture->carla);
  g_assert_cmpint (count_entries (fixture), ==, 2);

  /* an archived project stands still */
  kontor_lead_project_set_archived (fixture->project, TRUE);
  kontor_test_save (fixture->base.store, fixture->project);
  kontor_contact_set_is_lead (fixture->bernd, TRUE);
  kontor_test_save (fixture->base.store, fixture->bernd);
  g_assert_null (entry_of (fixture, fixture->bernd));
}

/* A dynamic group that takes a static one's members (its filter names
 * the group): a membership made or taken back moves its contact in and
 * out of the project that follows the dynamic group */
static void
test_nested_group (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorGroup) fair = kontor_group_new ("Messebesucher");
  g_autoptr(KontorGroup) dynamic = kontor_group_new ("Messebesucher, Leads");
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autofree char *text = NULL;

  kontor_test_save (fixture->base.store, fair);
  kontor_filter_set_group_id (filter, id_of (fair));
  text = kontor_filter_to_string (filter);
  kontor_group_set_is_dynamic (dynamic, TRUE);
  kontor_group_set_filter (dynamic, text);
  kontor_test_save (fixture->base.store, dynamic);
  link_group (fixture, dynamic);

  change_group (fixture, fair, fixture->bernd, TRUE);
  entry = entry_of (fixture, fixture->bernd);
  g_assert_nonnull (entry);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), ==, 0);
  g_clear_object (&entry);
  g_assert_cmpint (count_entries (fixture), ==, 1);

  change_group (fixture, fair, fixture->bernd, FALSE);
  entry = entry_of (fixture, fixture->bernd);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), >, 0);
}

/* A contact archived while in the group keeps its entry as it was: C4 is
 * asked of a new entry only. One added by hand that leaves the group it
 * was never joined through is not marked. */
static void
test_restricted_member (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorGroup) group = kontor_group_new ("Messebesucher");
  g_autoptr(KontorLeadEntry) entry = NULL;
  const char *ids[] = { id_of (fixture->bernd), NULL };
  g_autoptr(KontorLeadAdd) add = kontor_lead_add_new (fixture->base.store,
                                                      id_of (fixture->project), ids);
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (add), &error));
  g_assert_no_error (error);

  kontor_test_save (fixture->base.store, group);
  link_group (fixture, group);
  change_group (fixture, group, fixture->anna, TRUE);
  change_group (fixture, group, fixture->bernd, TRUE);
  g_assert_cmpint (count_entries (fixture), ==, 2);

  kontor_contact_set_status (fixture->anna, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (fixture->base.store, fixture->anna);
  entry = entry_of (fixture, fixture->anna);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), ==, 0);
  g_clear_object (&entry);

  /* Bernd came by hand: leaving the group does not mark him */
  change_group (fixture, group, fixture->bernd, FALSE);
  entry = entry_of (fixture, fixture->bernd);
  g_assert_cmpint (kontor_lead_entry_get_joined_by (entry), ==, KONTOR_LEAD_JOIN_HAND);
  g_assert_cmpint (kontor_lead_entry_get_left_at (entry), ==, 0);
}

/* What the team server sends joins no one here: the machine that made the
 * change joined the contact, and its entry comes with it. A later local
 * save of the contact looks at it again. */
static void
test_pulled_change (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorGroup) group = kontor_group_new ("Leads");
  g_autoptr(KontorContact) pulled = NULL;
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page = NULL;

  kontor_filter_set_leads_only (filter, TRUE);
  text = kontor_filter_to_string (filter);
  kontor_group_set_is_dynamic (group, TRUE);
  kontor_group_set_filter (group, text);
  kontor_test_save (fixture->base.store, group);
  link_group (fixture, group);

  page = g_strdup_printf ("[{\"seq\": 70, \"entity\": \"contact\", \"id\": \"%s\", "
                          "\"op\": \"upsert\", \"fields\": {\"is_lead\": "
                          "{\"value\": true, \"rev\": 70}}}]", id_of (fixture->anna));
  node = kontor_json_parse (page);
  g_assert_nonnull (node);
  g_assert_true (kontor_store_sync_apply_changes (fixture->base.store,
                                                  json_node_get_array (node), 70, &error));
  g_assert_no_error (error);
  pulled = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, id_of (fixture->anna),
                              &error);
  g_assert_no_error (error);
  g_assert_true (kontor_contact_get_is_lead (pulled));
  g_assert_cmpint (count_entries (fixture), ==, 0);

  kontor_contact_set_first_name (pulled, "Anna");
  kontor_test_save (fixture->base.store, pulled);
  entry = entry_of (fixture, fixture->anna);
  g_assert_nonnull (entry);
  g_assert_cmpint (kontor_lead_entry_get_joined_by (entry), ==, KONTOR_LEAD_JOIN_GROUP);
}

/* ------------------------------------------------------------------------ */
/* By hand */

/* Four contacts, one of them twice and one already in: one undoable
 * operation, one transaction, with its counts; undo takes out only what
 * it added, redo adds it again */
static void
test_hand_add (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(KontorLeadAdd) first = NULL;
  g_autoptr(KontorLeadAdd) add = NULL;
  g_autoptr(GError) error = NULL;
  const char *one[] = { id_of (fixture->bernd), NULL };
  const char *ids[] = { id_of (fixture->anna), id_of (fixture->bernd), id_of (fixture->carla),
                        id_of (fixture->dora), id_of (fixture->anna), NULL };
  guint n_commits = 0;
  gboolean ok;

  first = kontor_lead_add_new (fixture->base.store, id_of (fixture->project), one);
  ok = kontor_operation_stack_run (stack, KONTOR_OPERATION (first), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (kontor_lead_add_get_n_added (first), ==, 1);
  g_assert_cmpstr (kontor_operation_get_title (KONTOR_OPERATION (first)), ==,
                   "1 contact added to “Messe 2027”");

  add = kontor_lead_add_new (fixture->base.store, id_of (fixture->project), ids);
  kontor_test_count_commits (fixture->base.store, &n_commits);
  ok = kontor_operation_stack_run (stack, KONTOR_OPERATION (add), &error);
  kontor_test_stop_counting_commits (fixture->base.store);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_cmpuint (kontor_lead_add_get_n_added (add), ==, 1);
  g_assert_cmpuint (kontor_lead_add_get_n_skipped (add), ==, 1);
  g_assert_cmpuint (kontor_lead_add_get_n_refused (add), ==, 2);
  g_assert_cmpstr (kontor_operation_get_title (KONTOR_OPERATION (add)), ==,
                   "1 contact added to “Messe 2027”; 1 was in it already; "
                   "2 not added: Inbox and Archived contacts cannot join a lead project");
  g_assert_cmpint (count_entries (fixture), ==, 2);
  entry = entry_of (fixture, fixture->anna);
  g_assert_cmpint (kontor_lead_entry_get_joined_by (entry), ==, KONTOR_LEAD_JOIN_HAND);
  g_assert_cmpstr (kontor_lead_entry_get_status_id (entry), ==, fixture->first_status_id);
  g_clear_object (&entry);

  /* undo takes Anna out, Bernd (the first add's) stays */
  ok = kontor_operation_stack_undo (stack, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (entry_of (fixture, fixture->anna));
  entry = entry_of (fixture, fixture->bernd);
  g_assert_nonnull (entry);
  g_clear_object (&entry);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'delete' AND "
                                   "entity = 'lead_entry'", NULL), ==, 1);

  ok = kontor_operation_stack_redo (stack, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  entry = entry_of (fixture, fixture->anna);
  g_assert_nonnull (entry);
  g_assert_cmpuint (kontor_lead_add_get_n_added (add), ==, 1);
}

/* An archived project takes no one, and says so; nothing is written */
static void
test_hand_add_archived (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *ids[] = { id_of (fixture->anna), NULL };
  g_autoptr(KontorLeadAdd) add = NULL;
  g_autoptr(GError) error = NULL;

  kontor_lead_project_set_archived (fixture->project, TRUE);
  kontor_test_save (fixture->base.store, fixture->project);
  add = kontor_lead_add_new (fixture->base.store, id_of (fixture->project), ids);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (add), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "“Messe 2027” is archived and takes no new leads.");
  g_assert_cmpint (count_entries (fixture), ==, 0);
}

/* Many at once: 600 contacts, a tenth archived, half in already */
static void
test_hand_add_many (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) half = g_ptr_array_new ();
  g_autoptr(KontorLeadAdd) first = NULL;
  g_autoptr(KontorLeadAdd) add = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(KontorContact) contact = NULL;
      g_autofree char *name = g_strdup_printf ("Kontakt %u", i);

      contact = kontor_test_save_contact (store, name, i % 10 == 0 ? KONTOR_CONTACT_STATUS_ARCHIVED
                                                       : KONTOR_CONTACT_STATUS_PROSPECT);
      g_ptr_array_add (ids, g_strdup (id_of (contact)));
      if (i % 2 == 1)
        g_ptr_array_add (half, g_ptr_array_index (ids, ids->len - 1));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (half, NULL);

  first = kontor_lead_add_new (store, id_of (fixture->project), (const char * const *) half->pdata);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (first), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_lead_add_get_n_added (first), ==, 300);

  add = kontor_lead_add_new (store, id_of (fixture->project), (const char * const *) ids->pdata);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (add), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_lead_add_get_n_added (add), ==, 240);
  g_assert_cmpuint (kontor_lead_add_get_n_skipped (add), ==, 300);
  g_assert_cmpuint (kontor_lead_add_get_n_refused (add), ==, 60);
  g_assert_cmpint (count_entries (fixture), ==, 540);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  JOIN_TEST ("/lead-join/group/static", test_static_group);
  JOIN_TEST ("/lead-join/group/dynamic", test_dynamic_group);
  JOIN_TEST ("/lead-join/group/nested", test_nested_group);
  JOIN_TEST ("/lead-join/group/restricted-member", test_restricted_member);
  JOIN_TEST ("/lead-join/group/pulled", test_pulled_change);
  JOIN_TEST ("/lead-join/hand/add", test_hand_add);
  JOIN_TEST ("/lead-join/hand/archived-project", test_hand_add_archived);
  JOIN_TEST ("/lead-join/hand/many", test_hand_add_many);

  return g_test_run ();
}
