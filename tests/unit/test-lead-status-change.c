/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-lead-status-change"

#include "config.h"

#include "kontor-lead-status-change.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"

/* KontorLeadStatusChange (src/README.md "Lead projects"): a project's
 * status list edited as a whole in one undoable step, each write within
 * the model's rules of a list */

static GPtrArray *
list_statuses (KontorStore *store,
               const char  *project_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *statuses = kontor_store_list_lead_statuses (store, project_id, &error);

  g_assert_no_error (error);

  return statuses;
}

static void
assert_names (KontorStore        *store,
              const char         *project_id,
              const char * const *names)
{
  g_autoptr(GPtrArray) statuses = list_statuses (store, project_id);

  g_assert_cmpuint (statuses->len, ==, g_strv_length ((char **) names));
  for (guint i = 0; i < statuses->len; i++)
    g_assert_cmpstr (kontor_lead_status_get_name (g_ptr_array_index (statuses, i)), ==, names[i]);
}

static void
test_add_rename_move_undo (KontorStoreFixture *fixture,
                           gconstpointer       data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *first_name = NULL;
  const char *id;

  g_assert_true (kontor_store_create_lead_project (fixture->store, project, &error));
  g_assert_no_error (error);
  id = kontor_record_get_id (KONTOR_RECORD (project));
  statuses = list_statuses (fixture->store, id);
  first_name = g_strdup (kontor_lead_status_get_name (g_ptr_array_index (statuses, 0)));

  /* first (renamed), two new ones, won and lost */
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 0)));
  kontor_lead_status_set_name (g_ptr_array_index (wanted, 0), "Eingang");
  g_ptr_array_add (wanted, kontor_lead_status_new (id, "Termin", 1));
  g_ptr_array_add (wanted, kontor_lead_status_new (id, "Angebot", 2));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 1)));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 2)));
  change = kontor_lead_status_change_new (fixture->store, id, wanted, "Statuses changed");

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  assert_names (fixture->store, id,
                (const char *[]) { "Eingang", "Termin", "Angebot",
                                   kontor_lead_status_get_name (g_ptr_array_index (statuses, 1)),
                                   kontor_lead_status_get_name (g_ptr_array_index (statuses, 2)),
                                   NULL });

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  assert_names (fixture->store, id,
                (const char *[]) { first_name,
                                   kontor_lead_status_get_name (g_ptr_array_index (statuses, 1)),
                                   kontor_lead_status_get_name (g_ptr_array_index (statuses, 2)),
                                   NULL });

  /* redo: the same statuses again */
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  assert_names (fixture->store, id,
                (const char *[]) { "Eingang", "Termin", "Angebot",
                                   kontor_lead_status_get_name (g_ptr_array_index (statuses, 1)),
                                   kontor_lead_status_get_name (g_ptr_array_index (statuses, 2)),
                                   NULL });
}

/* Two statuses swap their names: each write keeps names unique, the
 * change and its undo both go through */
static void
test_swap_names (KontorStoreFixture *fixture,
                 gconstpointer       data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(KontorLeadStatusChange) add = NULL;
  g_autoptr(KontorLeadStatusChange) swap = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) swapped = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *first = NULL;
  g_autofree char *won = NULL;
  g_autofree char *lost = NULL;
  const char *id;

  g_assert_true (kontor_store_create_lead_project (fixture->store, project, &error));
  g_assert_no_error (error);
  id = kontor_record_get_id (KONTOR_RECORD (project));
  statuses = list_statuses (fixture->store, id);
  first = g_strdup (kontor_lead_status_get_name (g_ptr_array_index (statuses, 0)));
  won = g_strdup (kontor_lead_status_get_name (g_ptr_array_index (statuses, 1)));
  lost = g_strdup (kontor_lead_status_get_name (g_ptr_array_index (statuses, 2)));

  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 0)));
  g_ptr_array_add (wanted, kontor_lead_status_new (id, "Termin", 1));
  g_ptr_array_add (wanted, kontor_lead_status_new (id, "Angebot", 2));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 1)));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 2)));
  add = kontor_lead_status_change_new (fixture->store, id, wanted, "Statuses added");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (add), &error));
  g_assert_no_error (error);

  added = list_statuses (fixture->store, id);
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (swapped, kontor_record_copy (g_ptr_array_index (added, i)));
  kontor_lead_status_set_name (g_ptr_array_index (swapped, 1), "Angebot");
  kontor_lead_status_set_name (g_ptr_array_index (swapped, 2), "Termin");
  swap = kontor_lead_status_change_new (fixture->store, id, swapped, "Statuses swapped");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (swap), &error));
  g_assert_no_error (error);
  assert_names (fixture->store, id,
                (const char *[]) { first, "Angebot", "Termin", won, lost, NULL });

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (swap), &error));
  g_assert_no_error (error);
  assert_names (fixture->store, id,
                (const char *[]) { first, "Termin", "Angebot", won, lost, NULL });
}

/* Two statuses of one name: refused by the model's rule, nothing written */
static void
test_refused_whole (KontorStoreFixture *fixture,
                    gconstpointer       data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) after = NULL;
  const char *id;

  g_assert_true (kontor_store_create_lead_project (fixture->store, project, &error));
  id = kontor_record_get_id (KONTOR_RECORD (project));
  statuses = list_statuses (fixture->store, id);
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 0)));
  g_ptr_array_add (wanted, kontor_lead_status_new (id, "Termin", 1));
  g_ptr_array_add (wanted, kontor_lead_status_new (id, "termin", 2));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 1)));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 2)));
  change = kontor_lead_status_change_new (fixture->store, id, wanted, "Statuses changed");

  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  after = list_statuses (fixture->store, id);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (kontor_lead_status_get_position (g_ptr_array_index (after, i)), ==,
                     kontor_lead_status_get_position (g_ptr_array_index (statuses, i)));
}

/* A project with a status of the users' "Angebot" between the first and
 * won, stored by a change (limit 5, probability 40); returns its id */
static char *
add_angebot (KontorStore *store,
             const char  *project_id)
{
  g_autoptr(GPtrArray) statuses = list_statuses (store, project_id);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;
  KontorLeadStatus *angebot = kontor_lead_status_new (project_id, "Angebot", 1);

  kontor_lead_status_set_wip_limit (angebot, 5);
  kontor_lead_status_set_probability (angebot, 40);
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 0)));
  g_ptr_array_add (wanted, kontor_lead_status_new (project_id, "Termin", 1));
  g_ptr_array_add (wanted, angebot);
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 1)));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 2)));
  change = kontor_lead_status_change_new (store, project_id, wanted, "Statuses added");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  added = list_statuses (store, project_id);

  return g_strdup (kontor_record_get_id (g_ptr_array_index (added, 2)));
}

/* The list without the status @id, the others as stored */
static GPtrArray *
list_without (KontorStore *store,
              const char  *project_id,
              const char  *id)
{
  g_autoptr(GPtrArray) statuses = list_statuses (store, project_id);
  GPtrArray *wanted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < statuses->len; i++)
    if (g_strcmp0 (kontor_record_get_id (g_ptr_array_index (statuses, i)), id) != 0)
      g_ptr_array_add (wanted, kontor_record_copy (g_ptr_array_index (statuses, i)));

  return wanted;
}

/* A status deleted in the same change as a rename and a new status of
 * its name; undo brings it back under its id, in its place, with its
 * limit and probability; redo deletes it again */
static void
test_delete_undo (KontorStoreFixture *fixture,
                  gconstpointer       data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(KontorLeadStatus) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *angebot_id = NULL;
  g_autofree char *first = NULL;
  g_autofree char *won = NULL;
  g_autofree char *lost = NULL;
  const char *id;

  g_assert_true (kontor_store_create_lead_project (fixture->store, project, &error));
  g_assert_no_error (error);
  id = kontor_record_get_id (KONTOR_RECORD (project));
  angebot_id = add_angebot (fixture->store, id);
  statuses = list_statuses (fixture->store, id);
  first = g_strdup (kontor_lead_status_get_name (g_ptr_array_index (statuses, 0)));
  won = g_strdup (kontor_lead_status_get_name (g_ptr_array_index (statuses, 3)));
  lost = g_strdup (kontor_lead_status_get_name (g_ptr_array_index (statuses, 4)));

  /* "Angebot" goes; "Termin" takes its name and a limit; a new
   * "Termin" comes after it */
  wanted = list_without (fixture->store, id, angebot_id);
  g_assert_cmpuint (wanted->len, ==, 4);
  kontor_lead_status_set_name (g_ptr_array_index (wanted, 1), "Angebot");
  kontor_lead_status_set_wip_limit (g_ptr_array_index (wanted, 1), 3);
  g_ptr_array_insert (wanted, 2, kontor_lead_status_new (id, "Termin", 2));
  change = kontor_lead_status_change_new (fixture->store, id, wanted, "Statuses changed");
  kontor_lead_status_change_delete (change, angebot_id);

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  assert_names (fixture->store, id,
                (const char *[]) { first, "Angebot", "Termin", won, lost, NULL });
  g_assert_null (kontor_store_load (fixture->store, KONTOR_TYPE_LEAD_STATUS, angebot_id, NULL));
  g_clear_pointer (&statuses, g_ptr_array_unref);
  statuses = list_statuses (fixture->store, id);
  g_assert_cmpint (kontor_lead_status_get_wip_limit (g_ptr_array_index (statuses, 1)), ==, 3);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  assert_names (fixture->store, id,
                (const char *[]) { first, "Termin", "Angebot", won, lost, NULL });
  back = kontor_store_load (fixture->store, KONTOR_TYPE_LEAD_STATUS, angebot_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_lead_status_get_name (back), ==, "Angebot");
  g_assert_cmpint (kontor_lead_status_get_position (back), ==, 2);
  g_assert_cmpint (kontor_lead_status_get_wip_limit (back), ==, 5);
  g_assert_cmpint (kontor_lead_status_get_probability (back), ==, 40);
  g_clear_pointer (&statuses, g_ptr_array_unref);
  statuses = list_statuses (fixture->store, id);
  g_assert_cmpint (kontor_lead_status_get_wip_limit (g_ptr_array_index (statuses, 1)), ==, 0);

  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  assert_names (fixture->store, id,
                (const char *[]) { first, "Angebot", "Termin", won, lost, NULL });
  g_assert_null (kontor_store_load (fixture->store, KONTOR_TYPE_LEAD_STATUS, angebot_id, NULL));
}

/* A status with a lead is not deleted: the store asks the model's rule,
 * whose message counts the leads, and the whole change is refused, the
 * rename in it too */
static void
test_delete_refused_with_entries (KontorStoreFixture *fixture,
                                  gconstpointer       data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(KontorContact) anna = NULL;
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *angebot_id = NULL;
  g_autofree char *won = NULL;
  const char *id;

  g_assert_true (kontor_store_create_lead_project (fixture->store, project, &error));
  g_assert_no_error (error);
  id = kontor_record_get_id (KONTOR_RECORD (project));
  angebot_id = add_angebot (fixture->store, id);
  anna = kontor_test_save_contact (fixture->store, "Albrecht", KONTOR_CONTACT_STATUS_PROSPECT);
  entry = kontor_lead_entry_new (id, kontor_record_get_id (KONTOR_RECORD (anna)), angebot_id);
  g_assert_true (kontor_store_save (fixture->store, KONTOR_RECORD (entry), &error));
  g_assert_no_error (error);

  wanted = list_without (fixture->store, id, angebot_id);
  won = g_strdup (kontor_lead_status_get_name (g_ptr_array_index (wanted, 2)));
  kontor_lead_status_set_name (g_ptr_array_index (wanted, 1), "Gespräch");
  change = kontor_lead_status_change_new (fixture->store, id, wanted, "Statuses changed");
  kontor_lead_status_change_delete (change, angebot_id);

  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_assert_nonnull (strstr (error->message, "“Angebot” still has 1 lead"));
  g_clear_error (&error);
  assert_names (fixture->store, id,
                (const char *[]) { kontor_lead_status_get_name (g_ptr_array_index (wanted, 0)),
                                   "Termin", "Angebot", won,
                                   kontor_lead_status_get_name (g_ptr_array_index (wanted, 3)),
                                   NULL });
}

/* A system status is not deleted either */
static void
test_delete_refused_system (KontorStoreFixture *fixture,
                            gconstpointer       data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  g_assert_true (kontor_store_create_lead_project (fixture->store, project, &error));
  g_assert_no_error (error);
  id = kontor_record_get_id (KONTOR_RECORD (project));
  statuses = list_statuses (fixture->store, id);
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 0)));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 1)));
  change = kontor_lead_status_change_new (fixture->store, id, wanted, "Lost deleted");
  kontor_lead_status_change_delete (change,
                                    kontor_record_get_id (g_ptr_array_index (statuses, 2)));

  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_pointer (&statuses, g_ptr_array_unref);
  statuses = list_statuses (fixture->store, id);
  g_assert_cmpuint (statuses->len, ==, 3);
}

/* The limit and the default probability are saved with the list, as the
 * model takes them; a probability over 100 is refused whole */
static void
test_limit_probability (KontorStoreFixture *fixture,
                        gconstpointer       data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(KontorLeadStatusChange) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *angebot_id = NULL;
  const char *id;

  g_assert_true (kontor_store_create_lead_project (fixture->store, project, &error));
  g_assert_no_error (error);
  id = kontor_record_get_id (KONTOR_RECORD (project));
  angebot_id = add_angebot (fixture->store, id);

  wanted = list_without (fixture->store, id, NULL);
  kontor_lead_status_set_wip_limit (g_ptr_array_index (wanted, 2), 12);
  kontor_lead_status_set_probability (g_ptr_array_index (wanted, 2), -1);
  /* won's default is 100 */
  kontor_lead_status_set_probability (g_ptr_array_index (wanted, 3), 90);
  change = kontor_lead_status_change_new (fixture->store, id, wanted, "Statuses changed");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  statuses = list_statuses (fixture->store, id);
  g_assert_cmpint (kontor_lead_status_get_wip_limit (g_ptr_array_index (statuses, 2)), ==, 12);
  g_assert_cmpint (kontor_lead_status_get_probability (g_ptr_array_index (statuses, 2)), ==, -1);
  g_assert_cmpint (kontor_lead_status_get_probability (g_ptr_array_index (statuses, 3)), ==, 90);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_clear_pointer (&statuses, g_ptr_array_unref);
  statuses = list_statuses (fixture->store, id);
  g_assert_cmpint (kontor_lead_status_get_wip_limit (g_ptr_array_index (statuses, 2)), ==, 5);
  g_assert_cmpint (kontor_lead_status_get_probability (g_ptr_array_index (statuses, 2)), ==, 40);
  g_assert_cmpint (kontor_lead_status_get_probability (g_ptr_array_index (statuses, 3)), ==, 100);

  g_clear_pointer (&wanted, g_ptr_array_unref);
  wanted = list_without (fixture->store, id, NULL);
  kontor_lead_status_set_probability (g_ptr_array_index (wanted, 2), 101);
  bad = kontor_lead_status_change_new (fixture->store, id, wanted, "Statuses changed");
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (bad), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_pointer (&statuses, g_ptr_array_unref);
  statuses = list_statuses (fixture->store, id);
  g_assert_cmpint (kontor_lead_status_get_probability (g_ptr_array_index (statuses, 2)), ==, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  KONTOR_STORE_TEST ("/lead-status-change/add-rename-move-undo", test_add_rename_move_undo);
  KONTOR_STORE_TEST ("/lead-status-change/refused-whole", test_refused_whole);
  KONTOR_STORE_TEST ("/lead-status-change/swap-names", test_swap_names);
  KONTOR_STORE_TEST ("/lead-status-change/delete-undo", test_delete_undo);
  KONTOR_STORE_TEST ("/lead-status-change/delete-refused-with-entries",
                     test_delete_refused_with_entries);
  KONTOR_STORE_TEST ("/lead-status-change/delete-refused-system", test_delete_refused_system);
  KONTOR_STORE_TEST ("/lead-status-change/limit-probability", test_limit_probability);

  return g_test_run ();
}
