/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-groups"

#include "config.h"

#include "kontor-group-change.h"
#include "kontor-test-utils.h"

/* Groups (features L3–L5): static groups whose members are records of
 * their own, added and taken out in one undoable operation, which sync
 * (outbox entries per member, tombstones); dynamic groups, which hold a
 * filter and no members; and what goes with a deleted contact or group. */

typedef struct
{
  KontorStoreFixture  base;
  KontorContact      *contacts[4];
  KontorGroup        *group;
} Fixture;

static const char * const names[] = { "Anna", "Bernd", "Carla", "Dieter" };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->contacts); i++)
    {
      fixture->contacts[i] = kontor_contact_new ();
      kontor_contact_set_first_name (fixture->contacts[i], names[i]);
      kontor_contact_set_last_name (fixture->contacts[i], "Muster");
      kontor_test_save (fixture->base.store, fixture->contacts[i]);
    }

  fixture->group = kontor_group_new ("Messe Hannover 2027");
  kontor_group_set_number (fixture->group, "G-7");
  kontor_test_save (fixture->base.store, fixture->group);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->contacts); i++)
    g_clear_object (&fixture->contacts[i]);
  g_clear_object (&fixture->group);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static gint64
count (Fixture    *fixture,
       const char *sql,
       const char *param)
{
  return kontor_test_query_int (fixture->base.store, sql, param);
}

static gint64
count_members (Fixture    *fixture,
               const char *group_id)
{
  return count (fixture, "SELECT count(*) FROM contact_group_member WHERE group_id = ?1",
                group_id);
}

static KontorGroupChange *
apply_add (Fixture     *fixture,
           KontorGroup *group,
           guint        first,
           guint        n)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;
  KontorGroupChange *change;

  for (guint i = first; i < first + n; i++)
    g_strv_builder_add (builder, id_of (fixture->contacts[i]));
  ids = g_strv_builder_end (builder);

  change = kontor_group_change_new_add (fixture->base.store, group, (const char * const *) ids);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);

  return change;
}

/* Adding: one membership record per contact, with its outbox entry; one
 * already in the group is skipped; undo deletes what was added (with
 * tombstones), redo adds it again */
static void
test_add_undo_redo (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *group_id = id_of (fixture->group);
  g_autoptr(KontorGroupChange) first = NULL;
  g_autoptr(KontorGroupChange) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  first = apply_add (fixture, fixture->group, 0, 2);
  g_assert_cmpuint (kontor_group_change_get_n_changed (first), ==, 2);
  g_assert_cmpuint (kontor_group_change_get_n_skipped (first), ==, 0);
  g_assert_cmpint (count_members (fixture, group_id), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'create' AND "
                          "entity = 'contact_group_member' AND entity_id IN (SELECT id FROM "
                          "contact_group_member WHERE group_id = ?1)", group_id), ==, 2);

  /* Anna and Bernd are in already: only Carla is added */
  second = apply_add (fixture, fixture->group, 0, 3);
  g_assert_cmpuint (kontor_group_change_get_n_changed (second), ==, 1);
  g_assert_cmpuint (kontor_group_change_get_n_skipped (second), ==, 2);
  /* the title counts what was added */
  g_assert_cmpstr (kontor_operation_get_title (KONTOR_OPERATION (second)), ==,
                   "1 contact added to “Messe Hannover 2027”");
  g_assert_cmpint (count_members (fixture, group_id), ==, 3);

  seq = kontor_test_outbox_last_seq (fixture->base.store);
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (second), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_members (fixture, group_id), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member "
                          "WHERE contact_id = ?1", id_of (fixture->contacts[2])), ==, 0);
  /* Carla's membership was still pending: its create is simply not sent */
  g_assert_cmpint (kontor_test_outbox_last_seq (fixture->base.store), >=, seq);

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (second), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_members (fixture, group_id), ==, 3);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (second), &error));
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (first), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_members (fixture, group_id), ==, 0);
}

/* Taking out, and the undo that puts them back */
static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  const char *group_id = id_of (fixture->group);
  g_autoptr(KontorGroupChange) add = apply_add (fixture, fixture->group, 0, 3);
  g_autoptr(KontorGroupChange) remove = NULL;
  const char *ids[] = { id_of (fixture->contacts[1]), id_of (fixture->contacts[3]), NULL };
  g_autoptr(GError) error = NULL;

  /* pushed and confirmed: memberships the server has, whose delete must be sent */
  kontor_test_exec (fixture->base.store, "DELETE FROM outbox");

  remove = kontor_group_change_new_remove (fixture->base.store, fixture->group, ids);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (remove), &error));
  g_assert_no_error (error);
  /* Dieter was not in it */
  g_assert_cmpuint (kontor_group_change_get_n_changed (remove), ==, 1);
  g_assert_cmpuint (kontor_group_change_get_n_skipped (remove), ==, 1);
  g_assert_cmpint (count_members (fixture, group_id), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'delete' AND "
                          "entity = 'contact_group_member'", NULL), ==, 1);

  g_assert_cmpstr (kontor_operation_get_title (KONTOR_OPERATION (remove)), ==,
                   "1 contact removed from “Messe Hannover 2027”");

  /* the same membership back, as a restore, not a new one */
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (remove), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_members (fixture, group_id), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member "
                          "WHERE contact_id = ?1", id_of (fixture->contacts[1])), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'restore' AND "
                          "entity = 'contact_group_member' AND entity_id = (SELECT id FROM "
                          "contact_group_member WHERE contact_id = ?1)",
                          id_of (fixture->contacts[1])), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone WHERE entity = "
                          "'contact_group_member'", NULL), ==, 0);

}

/* "New group from selection": the group is created with its members;
 * undo deletes both, redo creates them anew */
static void
test_new_group (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorGroup) fresh = kontor_group_new ("Rückrufe Januar");
  g_autoptr(KontorGroupChange) change = NULL;
  g_autofree char *first_id = NULL;
  g_autoptr(GError) error = NULL;

  change = apply_add (fixture, fresh, 1, 3);
  first_id = g_strdup (kontor_group_change_get_group_id (change));
  g_assert_nonnull (first_id);
  g_assert_cmpint (count_members (fixture, first_id), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group WHERE name = ?1",
                          "Rückrufe Januar"), ==, 1);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group WHERE name = ?1",
                          "Rückrufe Januar"), ==, 0);
  g_assert_cmpint (count_members (fixture, first_id), ==, 0);
  /* never sent: nothing of its members is left to send, and of the group
   * only its delete */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE "
                          "entity = 'contact_group_member'", NULL), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity_id = ?1 AND "
                          "op != 'delete'", first_id), ==, 0);

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_group_change_get_group_id (change), !=, first_id);
  g_assert_cmpint (count_members (fixture, kontor_group_change_get_group_id (change)), ==, 3);
}

/* A dynamic group has a filter and no members; the group's rules hold in
 * the store */
static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorGroup) dynamic = kontor_group_new_dynamic ("Kunden", "{\"statuses\":4}");
  g_autoptr(KontorGroup) nameless = kontor_group_new ("  ");
  g_autoptr(KontorGroup) no_filter = kontor_group_new ("Ohne Filter");
  g_autoptr(KontorGroupMember) member = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  kontor_test_save (store, dynamic);

  seq = kontor_test_outbox_last_seq (store);
  member = kontor_group_member_new (id_of (dynamic), id_of (fixture->contacts[0]));
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (member), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_false (kontor_store_save (store, KONTOR_RECORD (nameless), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);
  g_clear_error (&error);

  kontor_group_set_is_dynamic (no_filter, TRUE);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (no_filter), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* the same contact twice, past the operation: refused in words */
  g_clear_object (&member);
  member = kontor_group_member_new (id_of (fixture->group), id_of (fixture->contacts[0]));
  kontor_test_save (store, member);
  seq = kontor_test_outbox_last_seq (store);
  g_clear_object (&member);
  member = kontor_group_member_new (id_of (fixture->group), id_of (fixture->contacts[0]));
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (member), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);

  groups = kontor_store_list_groups (store, NULL);
  g_assert_cmpuint (groups->len, ==, 2);
}

/* A deleted contact leaves its groups, a deleted group takes its
 * memberships along; what was not sent of them is not sent */
static void
test_deletes (Fixture       *fixture,
              gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  const char *group_id = id_of (fixture->group);
  g_autoptr(KontorGroupChange) add = apply_add (fixture, fixture->group, 0, 4);
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (fixture->contacts[0]), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_members (fixture, group_id), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity = "
                          "'contact_group_member' AND state = 'pending'", NULL), ==, 3);

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (fixture->group), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member", NULL), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity = "
                          "'contact_group_member'", NULL), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM record_shadow WHERE entity = "
                          "'contact_group_member'", NULL), ==, 0);
}

/* A viewer adds nobody, and the failed change leaves nothing behind */
static void
test_viewer (Fixture       *fixture,
             gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorUser) viewer = kontor_user_new ("Vera Leser", NULL, KONTOR_USER_ROLE_VIEWER);
  g_autoptr(KontorGroupChange) change = NULL;
  const char *ids[] = { id_of (fixture->contacts[0]), NULL };
  g_autoptr(GError) error = NULL;
  gint64 seq;

  kontor_test_save (store, viewer);
  g_assert_true (kontor_store_set_current_user (store, viewer, &error));
  seq = kontor_test_outbox_last_seq (store);

  change = kontor_group_change_new_add (store, fixture->group, ids);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_assert_cmpint (count_members (fixture, id_of (fixture->group)), ==, 0);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/groups/add-undo-redo", test_add_undo_redo);
  ADD ("/groups/remove", test_remove);
  ADD ("/groups/new-group", test_new_group);
  ADD ("/groups/rules", test_rules);
  ADD ("/groups/deletes", test_deletes);
  ADD ("/groups/viewer", test_viewer);
#undef ADD

  return g_test_run ();
}
