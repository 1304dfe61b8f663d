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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  KONTOR_STORE_TEST ("/lead-status-change/add-rename-move-undo", test_add_rename_move_undo);
  KONTOR_STORE_TEST ("/lead-status-change/refused-whole", test_refused_whole);
  KONTOR_STORE_TEST ("/lead-status-change/swap-names", test_swap_names);

  return g_test_run ();
}
