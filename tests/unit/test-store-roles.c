/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store-roles"

#include "config.h"

#include <string.h>

#include "kontor-bulk-change.h"
#include "kontor-field-change.h"
#include "kontor-group-change.h"
#include "kontor-group.h"
#include "kontor-lead-project-write.h"
#include "kontor-pipeline-operation.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"

/* Roles (feature U1, src/README.md "Roles"): the store refuses what the
 * current user's role may not do, whatever asks it (the UI only hides
 * it). Each role tries every write: create, edit, board move and delete
 * of contacts, companies and groups, a board column, a lead project, its
 * entries and its undoable delete, and the admin pages
 * (users, teams, the number range). A refused write leaves nothing: no
 * row, no outbox entry. The last administrator stays one, and only users
 * with the sales role become sales reps. */

/* ------------------------------------------------------------------------ */
/* Fixture: a team with one user of each role, and one record of each kind */

typedef struct
{
  KontorStoreFixture  base;
  KontorUser         *users[4];      /* by KontorUserRole */
  KontorContact      *contact;
  KontorCompany      *company;
  KontorGroup        *group;
  KontorTeam         *team;
  KontorLeadProject  *lead_project;  /* with the contact's entry */
  KontorContact      *other;         /* in no lead project */
} Fixture;

static const char * const role_names[] = { "admin", "sales", "assistant", "viewer" };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const *reps;

  kontor_store_fixture_set_up (&fixture->base, data);

  /* the store's first user is an administrator, who adds the team */
  g_assert_cmpint (kontor_user_get_role (kontor_store_get_current_user (fixture->base.store)),
                   ==, KONTOR_USER_ROLE_ADMIN);
  for (int role = KONTOR_USER_ROLE_ADMIN; role <= KONTOR_USER_ROLE_VIEWER; role++)
    {
      fixture->users[role] = kontor_user_new (role_names[role], NULL, role);
      kontor_test_save (fixture->base.store, fixture->users[role]);
    }

  fixture->team = kontor_team_new ("Nord");
  kontor_test_save (fixture->base.store, fixture->team);

  fixture->company = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  kontor_test_save (fixture->base.store, fixture->company);

  reps = (const char * const[]) {
    kontor_record_get_id (KONTOR_RECORD (fixture->users[KONTOR_USER_ROLE_SALES])), NULL };
  fixture->contact = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->contact, "Anna");
  kontor_contact_set_last_name (fixture->contact, "Schneider");
  kontor_contact_set_sales_reps (fixture->contact, reps);
  kontor_test_save (fixture->base.store, fixture->contact);

  fixture->group = kontor_group_new ("Messe Hannover");
  kontor_test_save (fixture->base.store, fixture->group);

  fixture->other = kontor_contact_new ();
  kontor_contact_set_last_name (fixture->other, "Vogel");
  kontor_test_save (fixture->base.store, fixture->other);

  {
    g_autoptr(GPtrArray) statuses = NULL;
    g_autoptr(KontorLeadEntry) entry = NULL;
    g_autoptr(GError) error = NULL;

    fixture->lead_project = kontor_lead_project_new ("Messe");
    g_assert_true (kontor_store_create_lead_project (fixture->base.store, fixture->lead_project,
                                                     &error));
    g_assert_no_error (error);
    statuses = kontor_store_list_lead_statuses (fixture->base.store,
                                                kontor_record_get_id (KONTOR_RECORD (fixture->lead_project)),
                                                &error);
    g_assert_no_error (error);
    entry = kontor_lead_entry_new (kontor_record_get_id (KONTOR_RECORD (fixture->lead_project)),
                                   kontor_record_get_id (KONTOR_RECORD (fixture->contact)),
                                   kontor_record_get_id (g_ptr_array_index (statuses, 0)));
    kontor_test_save (fixture->base.store, entry);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->users); i++)
    g_clear_object (&fixture->users[i]);
  g_clear_object (&fixture->contact);
  g_clear_object (&fixture->company);
  g_clear_object (&fixture->group);
  g_clear_object (&fixture->team);
  g_clear_object (&fixture->lead_project);
  g_clear_object (&fixture->other);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static void
become (Fixture        *fixture,
        KontorUserRole  role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_set_current_user (fixture->base.store, fixture->users[role],
                                                &error));
  g_assert_no_error (error);
}

/* A stored copy of @record, to change */
static gpointer
load_copy (Fixture  *fixture,
           gpointer  record)
{
  g_autoptr(GError) error = NULL;
  gpointer copy = kontor_store_load (fixture->base.store, G_OBJECT_TYPE (record),
                                     kontor_record_get_id (KONTOR_RECORD (record)), &error);

  g_assert_no_error (error);
  g_assert_nonnull (copy);

  return copy;
}

/* ------------------------------------------------------------------------ */
/* The writes each role tries */

typedef gboolean (*WriteFunc) (Fixture  *fixture,
                               GError  **error);

static gboolean
save_new (Fixture  *fixture,
          gpointer  record,
          GError  **error)
{
  g_autoptr(KontorRecord) owned = record;

  return kontor_store_save (fixture->base.store, owned, error);
}

static gboolean
create_contact (Fixture  *fixture,
                GError  **error)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_last_name (contact, "Becker");

  return save_new (fixture, contact, error);
}

static gboolean
edit_contact (Fixture  *fixture,
              GError  **error)
{
  g_autoptr(KontorContact) contact = load_copy (fixture, fixture->contact);

  kontor_contact_set_job_title (contact, "Einkauf");

  return kontor_store_save (fixture->base.store, KONTOR_RECORD (contact), error);
}

static gboolean
move_contact (Fixture  *fixture,
              GError  **error)
{
  g_autoptr(KontorFieldChange) move = NULL;

  move = kontor_field_change_new_move (fixture->base.store, fixture->contact,
                                       "00000000-0000-7000-8000-000000000004", NULL, NULL,
                                       "Move");

  return kontor_operation_apply (KONTOR_OPERATION (move), error);
}

static gboolean
delete_contact (Fixture  *fixture,
                GError  **error)
{
  return kontor_store_delete (fixture->base.store, KONTOR_RECORD (fixture->contact), error);
}

static gboolean
create_company (Fixture  *fixture,
                GError  **error)
{
  return save_new (fixture, kontor_company_new ("Hansa Logistik"), error);
}

static gboolean
edit_company (Fixture  *fixture,
              GError  **error)
{
  g_autoptr(KontorCompany) company = load_copy (fixture, fixture->company);

  kontor_company_set_name (company, "Bäckerei Sonnenschein KG");

  return kontor_store_save (fixture->base.store, KONTOR_RECORD (company), error);
}

static gboolean
delete_company (Fixture  *fixture,
                GError  **error)
{
  return kontor_store_delete (fixture->base.store, KONTOR_RECORD (fixture->company), error);
}

static gboolean
create_group (Fixture  *fixture,
              GError  **error)
{
  return save_new (fixture, kontor_group_new ("Newsletter"), error);
}

static gboolean
edit_group (Fixture  *fixture,
            GError  **error)
{
  g_autoptr(KontorGroup) group = load_copy (fixture, fixture->group);

  kontor_group_set_name (group, "Messe Leipzig");

  return kontor_store_save (fixture->base.store, KONTOR_RECORD (group), error);
}

static gboolean
delete_group (Fixture  *fixture,
              GError  **error)
{
  return kontor_store_delete (fixture->base.store, KONTOR_RECORD (fixture->group), error);
}

static gboolean
add_group_members (Fixture  *fixture,
                   GError  **error)
{
  const char *ids[] = { kontor_record_get_id (KONTOR_RECORD (fixture->contact)), NULL };
  g_autoptr(KontorGroupChange) change = kontor_group_change_new_add (fixture->base.store,
                                                                     fixture->group, ids);

  return kontor_operation_apply (KONTOR_OPERATION (change), error);
}

static gboolean
archive_contacts (Fixture  *fixture,
                  GError  **error)
{
  const char *ids[] = { kontor_record_get_id (KONTOR_RECORD (fixture->contact)), NULL };
  g_autoptr(KontorBulkChange) change = kontor_bulk_change_new (fixture->base.store,
                                                               KONTOR_BULK_ARCHIVE, ids, NULL,
                                                               NULL);

  return kontor_operation_apply (KONTOR_OPERATION (change), error);
}

static gboolean
add_board_column (Fixture  *fixture,
                  GError  **error)
{
  g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (fixture->base.store, NULL);
  g_autoptr(KontorOperation) add = NULL;

  g_assert_nonnull (statuses);
  add = kontor_pipeline_operation_new_add (fixture->base.store, "Nachfassen",
                                           g_ptr_array_index (statuses, 1), TRUE, "Add");

  return kontor_operation_apply (add, error);
}

static gboolean
create_user (Fixture  *fixture,
             GError  **error)
{
  return save_new (fixture, kontor_user_new ("jbecker", "Jonas Becker", KONTOR_USER_ROLE_SALES),
                   error);
}

static gboolean
edit_user (Fixture  *fixture,
           GError  **error)
{
  g_autoptr(KontorUser) user = load_copy (fixture, fixture->users[KONTOR_USER_ROLE_ASSISTANT]);

  kontor_user_set_full_name (user, "Lea Hoffmann");

  return kontor_store_save (fixture->base.store, KONTOR_RECORD (user), error);
}

static gboolean
delete_user (Fixture  *fixture,
             GError  **error)
{
  /* not the one who deletes: removing oneself is refused to everyone */
  KontorUser *user = fixture->users[KONTOR_USER_ROLE_ASSISTANT];

  if (kontor_store_get_current_user (fixture->base.store) != NULL &&
      kontor_user_get_role (kontor_store_get_current_user (fixture->base.store)) ==
      KONTOR_USER_ROLE_ASSISTANT)
    user = fixture->users[KONTOR_USER_ROLE_VIEWER];

  return kontor_store_delete (fixture->base.store, KONTOR_RECORD (user), error);
}

static gboolean
create_team (Fixture  *fixture,
             GError  **error)
{
  return save_new (fixture, kontor_team_new ("Süd"), error);
}

static gboolean
edit_team (Fixture  *fixture,
           GError  **error)
{
  g_autoptr(KontorTeam) team = load_copy (fixture, fixture->team);

  kontor_team_set_name (team, "Nordost");

  return kontor_store_save (fixture->base.store, KONTOR_RECORD (team), error);
}

static gboolean
delete_team (Fixture  *fixture,
             GError  **error)
{
  return kontor_store_delete (fixture->base.store, KONTOR_RECORD (fixture->team), error);
}

static gboolean
set_number_range (Fixture  *fixture,
                  GError  **error)
{
  KontorNumberRange range = { (char *) "KD-", KONTOR_YEAR_FORMAT_NONE, 5, 1 };

  return kontor_store_set_number_range (fixture->base.store, &range, error);
}

static gboolean
create_lead_project (Fixture  *fixture,
                     GError  **error)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe");
  g_autoptr(KontorLeadProjectWrite) create = kontor_lead_project_write_new_create (fixture->base.store,
                                                                                   project,
                                                                                   "Created");

  return kontor_operation_apply (KONTOR_OPERATION (create), error);
}

static gboolean
add_lead (Fixture  *fixture,
          GError  **error)
{
  const char *project_id = kontor_record_get_id (KONTOR_RECORD (fixture->lead_project));
  g_autoptr(GPtrArray) statuses = kontor_store_list_lead_statuses (fixture->base.store,
                                                                   project_id, NULL);
  g_autoptr(KontorLeadEntry) entry = NULL;

  g_assert_nonnull (statuses);
  entry = kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (fixture->other)),
                                 kontor_record_get_id (g_ptr_array_index (statuses, 0)));

  return kontor_store_save (fixture->base.store, KONTOR_RECORD (entry), error);
}

static gboolean
delete_lead_project (Fixture  *fixture,
                     GError  **error)
{
  g_autoptr(KontorLeadProjectWrite) delete =
    kontor_lead_project_write_new_delete (fixture->base.store, fixture->lead_project, "Deleted");

  return kontor_operation_apply (KONTOR_OPERATION (delete), error);
}

/* What each role may do, written out here rather than asked of the rule
 * under test: A admin, S sales, a assistant, v viewer. */
static const struct
{
  const char *name;
  WriteFunc   func;
  const char *allowed;
} writes[] = {
  { "create contact", create_contact, "ASa" },
  { "edit contact", edit_contact, "ASa" },
  { "move contact on the board", move_contact, "ASa" },
  { "delete contact", delete_contact, "ASa" },
  { "create company", create_company, "ASa" },
  { "edit company", edit_company, "ASa" },
  { "delete company", delete_company, "ASa" },
  { "create group", create_group, "ASa" },
  { "edit group", edit_group, "ASa" },
  { "delete group", delete_group, "ASa" },
  { "add contacts to a group", add_group_members, "ASa" },
  { "archive contacts at once", archive_contacts, "ASa" },
  { "add board column", add_board_column, "ASa" },
  { "create lead project", create_lead_project, "ASa" },
  { "add a lead", add_lead, "ASa" },
  { "delete lead project with its leads", delete_lead_project, "ASa" },
  { "create user", create_user, "A" },
  { "edit user", edit_user, "A" },
  { "delete user", delete_user, "A" },
  { "create team", create_team, "A" },
  { "edit team", edit_team, "A" },
  { "delete team", delete_team, "A" },
  { "set number range", set_number_range, "A" },
};

static const char role_letters[] = "ASav";

/* Everything the store holds that a write could touch, as one number per
 * table */
static char *
dup_state (Fixture *fixture)
{
  static const char * const queries[] = {
    "SELECT count(*) FROM contact",
    "SELECT count(*) FROM company",
    "SELECT count(*) FROM contact_group",
    "SELECT count(*) FROM contact_group_member",
    "SELECT count(*) FROM app_user",
    "SELECT count(*) FROM team",
    "SELECT count(*) FROM pipeline_status",
    "SELECT count(*) FROM lead_project",
    "SELECT count(*) FROM lead_status",
    "SELECT count(*) FROM lead_entry",
    "SELECT count(*) FROM tombstone",
    "SELECT coalesce(max(client_seq), 0) FROM outbox",
    "SELECT count(*) || total(length(value_json)) FROM outbox",
    "SELECT total(updated_at) FROM contact",
    "SELECT total(updated_at) FROM company",
    "SELECT total(updated_at) FROM contact_group",
    "SELECT total(updated_at) FROM app_user",
    "SELECT total(updated_at) FROM team",
    "SELECT group_concat(coalesce(full_name, '') || '/' || role, ',') FROM app_user",
    "SELECT group_concat(name, ',') FROM team",
  };
  GString *state = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store, queries[i], NULL);

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (state, "%s|", sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }

  return g_string_free (state, FALSE);
}

static void
test_role (Fixture       *fixture,
           gconstpointer  data)
{
  KontorUserRole role = GPOINTER_TO_INT (data);

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      gboolean allowed = strchr (writes[i].allowed, role_letters[role]) != NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gboolean ok;

      g_test_message ("%s: %s", role_names[role], writes[i].name);

      /* each write on the same records: they are set up anew */
      fixture_tear_down (fixture, NULL);
      fixture_set_up (fixture, NULL);
      become (fixture, role);

      before = dup_state (fixture);
      ok = writes[i].func (fixture, &error);
      after = dup_state (fixture);

      if (allowed)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (before, !=, after);
        }
      else
        {
          g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
          g_assert_false (ok);
          g_assert_cmpstr (before, ==, after);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* The last administrator */

static void
assert_refused (gboolean  ok,
                GError   *error)
{
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_assert_false (ok);
}

static gboolean
set_role (Fixture         *fixture,
          KontorUser      *user,
          KontorUserRole   role,
          GError         **error)
{
  g_autoptr(KontorUser) copy = load_copy (fixture, user);

  kontor_user_set_role (copy, role);

  return kontor_store_save (fixture->base.store, KONTOR_RECORD (copy), error);
}

static void
test_last_admin (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorUser) first = g_object_ref (kontor_store_get_current_user (store));
  KontorUser *admin = fixture->users[KONTOR_USER_ROLE_ADMIN];
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* two administrators: the store's first user and "admin" */
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM app_user WHERE role = 0",
                                          NULL), ==, 2);

  /* nobody removes themselves, not even with another administrator left */
  ok = kontor_store_delete (store, KONTOR_RECORD (first), &error);
  assert_refused (ok, error);
  g_clear_error (&error);

  /* the first user steps down: "admin" is left */
  ok = set_role (fixture, first, KONTOR_USER_ROLE_SALES, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* and is no administrator any more at once: the store follows */
  g_assert_cmpint (kontor_user_get_role (kontor_store_get_current_user (store)), ==,
                   KONTOR_USER_ROLE_SALES);
  ok = create_team (fixture, &error);
  assert_refused (ok, error);
  g_clear_error (&error);

  /* the last administrator neither steps down nor goes */
  become (fixture, KONTOR_USER_ROLE_ADMIN);
  ok = set_role (fixture, admin, KONTOR_USER_ROLE_VIEWER, &error);
  assert_refused (ok, error);
  g_clear_error (&error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT role FROM app_user WHERE id = ?1",
                                          kontor_record_get_id (KONTOR_RECORD (admin))),
                   ==, KONTOR_USER_ROLE_ADMIN);

  become (fixture, KONTOR_USER_ROLE_SALES);
  ok = set_role (fixture, first, KONTOR_USER_ROLE_ADMIN, &error);
  assert_refused (ok, error);
  g_clear_error (&error);

  /* once there is another, the old one may go */
  become (fixture, KONTOR_USER_ROLE_ADMIN);
  ok = set_role (fixture, first, KONTOR_USER_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = kontor_store_delete (store, KONTOR_RECORD (first), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM app_user WHERE role = 0",
                                          NULL), ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Sales reps (feature C6) */

static void
test_sales_reps (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) contact = load_copy (fixture, fixture->contact);
  g_autoptr(KontorCompany) company = load_copy (fixture, fixture->company);
  const char *sales = kontor_record_get_id (KONTOR_RECORD (fixture->users[KONTOR_USER_ROLE_SALES]));
  g_autoptr(GError) error = NULL;
  gint64 seq = kontor_test_outbox_last_seq (store);
  gboolean ok;

  for (int role = KONTOR_USER_ROLE_ADMIN; role <= KONTOR_USER_ROLE_VIEWER; role++)
    {
      const char *id = kontor_record_get_id (KONTOR_RECORD (fixture->users[role]));
      const char * const reps[] = { sales, id, NULL };

      if (role == KONTOR_USER_ROLE_SALES)
        continue;

      kontor_contact_set_sales_reps (contact, reps);
      ok = kontor_store_save (store, KONTOR_RECORD (contact), &error);
      assert_refused (ok, error);
      g_assert_nonnull (strstr (error->message, role_names[role]));
      g_clear_error (&error);

      kontor_company_set_sales_reps (company, reps);
      ok = kontor_store_save (store, KONTOR_RECORD (company), &error);
      assert_refused (ok, error);
      g_clear_error (&error);
    }
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);

  kontor_company_set_sales_reps (company, (const char * const[]) { sales, NULL });
  kontor_test_save (store, company);

  /* a sales rep whose role changes stays one of the records they had, and
   * the record can still be edited */
  g_assert_true (set_role (fixture, fixture->users[KONTOR_USER_ROLE_SALES],
                           KONTOR_USER_ROLE_ASSISTANT, &error));
  g_assert_no_error (error);
  g_clear_object (&contact);
  contact = load_copy (fixture, fixture->contact);
  kontor_contact_set_job_title (contact, "Inhaberin");
  kontor_test_save (store, contact);
  g_assert_cmpstr (kontor_contact_get_sales_reps (contact)[0], ==, sales);
}

/* The first start's question (U1): not answered on a new database; the
 * answer is the current user, also after the store is opened again */
static void
test_identity_chosen (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorUser *sales = fixture->users[KONTOR_USER_ROLE_SALES];
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_store_get_identity_chosen (fixture->base.store));
  g_assert_true (kontor_store_choose_identity (fixture->base.store, sales, &error));
  g_assert_no_error (error);
  g_assert_true (kontor_store_get_identity_chosen (fixture->base.store));
  g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (kontor_store_get_current_user (
                     fixture->base.store))), ==, kontor_record_get_id (KONTOR_RECORD (sales)));

  g_clear_object (&fixture->base.store);
  fixture->base.store = kontor_store_open (fixture->base.path, &error);
  g_assert_no_error (error);
  g_assert_true (kontor_store_get_identity_chosen (fixture->base.store));
  g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (kontor_store_get_current_user (
                     fixture->base.store))), ==, kontor_record_get_id (KONTOR_RECORD (sales)));
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int role = KONTOR_USER_ROLE_ADMIN; role <= KONTOR_USER_ROLE_VIEWER; role++)
    {
      g_autofree char *path = g_strdup_printf ("/store/roles/%s", role_names[role]);

      g_test_add (path, Fixture, GINT_TO_POINTER (role), fixture_set_up, test_role,
                  fixture_tear_down);
    }
  g_test_add ("/store/roles/last-admin", Fixture, NULL, fixture_set_up, test_last_admin,
              fixture_tear_down);
  g_test_add ("/store/roles/sales-reps", Fixture, NULL, fixture_set_up, test_sales_reps,
              fixture_tear_down);
  g_test_add ("/store/roles/identity-chosen", Fixture, NULL, fixture_set_up,
              test_identity_chosen, fixture_tear_down);

  return g_test_run ();
}
