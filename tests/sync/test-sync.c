/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The sync engine against real servers: PostgreSQL started by the test
 * (tests/server/kontor-server-harness.c), kontor-server instances, and
 * stores of their own per simulated machine. Every scenario ends with the
 * machines compared field by field: the same data everywhere, nothing
 * lost. */

#include "config.h"

#include <string.h>

#include "kontor-channel.h"
#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-employment.h"
#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-pipeline-status.h"
#include "kontor-record-json.h"
#include "kontor-server-harness.h"
#include "kontor-store-sync.h"
#include "kontor-store.h"
#include "kontor-sync-engine.h"
#include "kontor-sync-entity.h"
#include "kontor-team.h"
#include "kontor-test-utils.h"
#include "kontor-user.h"

#define PASSWORD "Sommer2026!"

static KontorTestPostgres pg;

/* One simulated machine: its database and its engine */
typedef struct
{
  KontorStore      *store;
  KontorSyncEngine *engine;
  char             *path;
} Machine;

static void
create_user (const char *username,
             const char *role)
{
  g_autofree char *output = NULL;

  g_assert_cmpint (kontor_test_server_admin (&pg, PASSWORD "\n", &output, "create-user", username,
                                             "--role", role, "--name", username, NULL), ==, 0);
}

static Machine *
machine_new (KontorTestServer *server,
             const char       *username)
{
  Machine *machine = g_new0 (Machine, 1);
  g_autoptr(GError) error = NULL;

  machine->store = kontor_test_open_store (&machine->path);
  machine->engine = kontor_sync_engine_new (machine->store, server->uri);
  if (server->session != NULL)
    kontor_sync_engine_set_tls_database (machine->engine,
                                         soup_session_get_tls_database (server->session));
  kontor_sync_engine_login (machine->engine, username, PASSWORD, "Test", NULL, &error);
  g_assert_no_error (error);

  return machine;
}

static void
machine_free (Machine *machine)
{
  g_autofree char *dir = g_path_get_dirname (machine->path);

  g_clear_object (&machine->engine);
  kontor_test_close_store (&machine->store, machine->path);
  g_free (machine->path);
  g_free (machine);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Machine, machine_free)

static void
sync_ok (Machine *machine)
{
  g_autoptr(GError) error = NULL;

  kontor_sync_engine_sync (machine->engine, NULL, &error);
  g_assert_no_error (error);
}

static gint64
outbox_size (Machine *machine)
{
  return kontor_store_count_outbox (machine->store, NULL);
}

static void
save (Machine  *machine,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  kontor_store_save (machine->store, KONTOR_RECORD (record), &error);
  g_assert_no_error (error);
}

static gpointer
load (Machine    *machine,
      GType       type,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  gpointer record = kontor_store_load (machine->store, type, id, &error);

  g_assert_no_error (error);

  return record;
}

static gpointer
load_or_null (Machine    *machine,
              GType       type,
              const char *id)
{
  return kontor_store_load (machine->store, type, id, NULL);
}

/* Every stored field of two copies of a record, children too */
static void
assert_same_record (KontorRecord *a,
                    KontorRecord *b)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (a);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (kontor_record_get_id (a), ==, kontor_record_get_id (b));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];

      if ((field->flags & KONTOR_FIELD_STORED) == 0)
        continue;
      if (!kontor_field_value_equal (field, kontor_record_get_value (a, i),
                                     kontor_record_get_value (b, i)))
        {
          g_autofree char *va = kontor_field_value_to_json_string (field,
                                                                   kontor_record_get_value (a, i));
          g_autofree char *vb = kontor_field_value_to_json_string (field,
                                                                   kontor_record_get_value (b, i));

          g_error ("%s %s: %s differs: %s / %s", kontor_record_get_entity (a),
                   kontor_record_get_id (a), field->column, va, vb);
        }
    }
}

/* The ids of every row of @table, sorted */
static char *
dup_ids (Machine    *machine,
         const char *sql)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  sqlite3_stmt *stmt = kontor_test_prepare (machine->store, sql, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (ids, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Two machines hold the same data: every record of every kind, field by
 * field, with the same child rows */
static void
assert_same_data (Machine *a,
                  Machine *b)
{
  static const char * const children[] = {
    "SELECT id || owner_id || kind || coalesce(label, '') || value || position "
    "FROM contact_channel ORDER BY id",
    "SELECT owner_id || kind || target_id || position FROM contact_link ORDER BY 1",
    "SELECT id || owner_id || kind || coalesce(label, '') || value || position "
    "FROM company_channel ORDER BY id",
    "SELECT owner_id || kind || target_id FROM company_link ORDER BY 1",
    "SELECT owner_id || kind || target_id FROM contact_group_link ORDER BY 1",
    "SELECT owner_id || kind || target_id FROM app_user_link ORDER BY 1",
    "SELECT id || prefix || year_format || padding FROM number_range ORDER BY id",
    "SELECT key || value FROM meta WHERE key = 'keep-birthdays'",
  };

  for (guint e = 0; kontor_sync_entity_nth (e) != NULL; e++)
    {
      const KontorSyncEntity *entity = kontor_sync_entity_nth (e);
      GType type = kontor_sync_entity_get_record_type (entity);
      g_autofree char *sql = NULL;
      g_autofree char *ids_a = NULL;
      g_autofree char *ids_b = NULL;
      g_auto(GStrv) ids = NULL;

      if (type == G_TYPE_INVALID)
        continue;
      /* but for the user each installation starts with, its own */
      sql = g_strdup_printf ("SELECT id FROM %s WHERE id NOT IN (SELECT value FROM sync_state "
                             "WHERE key = 'user_id') ORDER BY id",
                             kontor_sync_entity_get_name (entity));
      ids_a = dup_ids (a, sql);
      ids_b = dup_ids (b, sql);
      if (!g_str_equal (ids_a, ids_b))
        g_error ("%s: the machines hold other rows:\n%s---\n%s", kontor_sync_entity_get_name (entity),
                 ids_a, ids_b);

      ids = g_strsplit (ids_a, "\n", -1);
      for (guint i = 0; ids[i] != NULL && *ids[i] != '\0'; i++)
        {
          g_autoptr(KontorRecord) ra = load (a, type, ids[i]);
          g_autoptr(KontorRecord) rb = load (b, type, ids[i]);

          assert_same_record (ra, rb);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_autofree char *rows_a = dup_ids (a, children[i]);
      g_autofree char *rows_b = dup_ids (b, children[i]);

      g_assert_cmpstr (rows_a, ==, rows_b);
    }
}

static GPtrArray *
channels (const char *first,
          ...)
{
  GPtrArray *array = kontor_channel_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *value = first; value != NULL; value = va_arg (args, const char *))
    g_ptr_array_add (array, kontor_channel_new ("work", value));
  va_end (args);

  return array;
}

static KontorContact *
new_contact (const char *first,
             const char *last)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);

  return contact;
}

/* ------------------------------------------------------------------------ */

/* Every record kind there is goes from one machine to another through the
 * server, and the machine that receives writes nothing to send back */
static void
test_every_kind (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorCompany) company = kontor_company_new ("Müller Maschinenbau GmbH");
  g_autoptr(KontorContact) contact = new_contact ("Jürgen", "Weiß");
  g_autoptr(KontorGroup) group = kontor_group_new ("Messe Hannover");
  g_autoptr(KontorGroupMember) member = NULL;
  g_autoptr(KontorEmployment) employment = NULL;
  g_autoptr(KontorTeam) team = kontor_team_new ("Vertrieb Süd");
  g_autoptr(KontorUser) sales = kontor_user_new ("clara", "Clara Vogel", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorPipelineStatus) offer = NULL;
  g_autoptr(KontorContact) received = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GError) error = NULL;
  KontorNumberRange range = { 0, };
  const char *reps[2] = { NULL, NULL };

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("anna", "admin");
  create_user ("ben", "admin");
  anna = machine_new (server, "anna");
  ben = machine_new (server, "ben");

  kontor_company_set_emails (company, channels ("info@mueller.de", NULL));
  save (anna, company);
  save (anna, team);
  save (anna, sales);
  kontor_contact_set_company_id (contact, kontor_record_get_id (KONTOR_RECORD (company)));
  kontor_contact_set_job_title (contact, "Einkauf");
  kontor_contact_set_emails (contact, channels ("j.weiss@mueller.de", "jw@example.org", NULL));
  reps[0] = kontor_record_get_id (KONTOR_RECORD (sales));
  kontor_contact_set_sales_reps (contact, reps);
  save (anna, contact);
  save (anna, group);
  member = kontor_group_member_new (kontor_record_get_id (KONTOR_RECORD (group)),
                                    kontor_record_get_id (KONTOR_RECORD (contact)));
  save (anna, member);
  employment = kontor_employment_new (kontor_record_get_id (KONTOR_RECORD (contact)),
                                      kontor_record_get_id (KONTOR_RECORD (company)));
  kontor_employment_set_job_title (employment, "Praktikant");
  save (anna, employment);
  offer = load (anna, KONTOR_TYPE_PIPELINE_STATUS, "00000000-0000-7000-8000-000000000004");
  kontor_pipeline_status_set_name (offer, "Angebot verschickt");
  save (anna, offer);
  kontor_store_get_number_range (anna->store, &range, &error);
  g_assert_no_error (error);
  g_free (range.prefix);
  range.prefix = g_strdup ("KD-");
  kontor_store_set_number_range (anna->store, &range, &error);
  g_assert_no_error (error);
  kontor_number_range_clear (&range);
  kontor_store_set_keep_birthdays (anna->store, FALSE, &error);
  g_assert_no_error (error);

  /* an edit of a child row and of the record after it was sent */
  sync_ok (anna);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  phones = channels ("+49 511 123456", NULL);
  kontor_contact_set_phones (contact, phones);
  kontor_contact_set_job_title (contact, "Leitung Einkauf");
  save (anna, contact);
  sync_ok (anna);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);

  sync_ok (ben);
  g_assert_cmpint (outbox_size (ben), ==, 0);
  /* Ben's own user went out with his first push */
  sync_ok (anna);
  assert_same_data (anna, ben);

  /* the time the card entered its column is the one it had, not now */
  received = load (ben, KONTOR_TYPE_CONTACT, kontor_record_get_id (KONTOR_RECORD (contact)));
  g_assert_cmpint (kontor_contact_get_pipeline_entered_at (received), ==,
                   kontor_contact_get_pipeline_entered_at (contact));
  {
    gboolean keep = TRUE;

    g_assert_true (kontor_store_get_keep_birthdays (ben->store, &keep, NULL));
    g_assert_false (keep);
  }

  /* and back: a change on the second machine reaches the first */
  kontor_contact_set_city (received, "Hannover");
  save (ben, received);
  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (outbox_size (ben), ==, 0);
}

/* Two machines edit one contact offline: different fields merge; the same
 * field is a conflict for the one who syncs second, who answers it once */
static void
test_merge_and_conflict (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Petra", "Schulz");
  g_autoptr(KontorContact) at_anna = NULL;
  g_autoptr(KontorContact) at_ben = NULL;
  g_autoptr(KontorContact) after = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  KontorSyncConflict *conflict;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("carla", "admin");
  create_user ("dirk", "admin");
  anna = machine_new (server, "carla");
  ben = machine_new (server, "dirk");

  save (anna, contact);
  id = kontor_record_get_id (KONTOR_RECORD (contact));
  sync_ok (anna);
  sync_ok (ben);

  /* both offline */
  at_anna = load (anna, KONTOR_TYPE_CONTACT, id);
  at_ben = load (ben, KONTOR_TYPE_CONTACT, id);
  kontor_contact_set_job_title (at_anna, "Geschäftsführerin");
  kontor_contact_set_city (at_anna, "Köln");
  save (anna, at_anna);
  kontor_contact_set_notes (at_ben, "Rückruf im März");
  kontor_contact_set_city (at_ben, "Bonn");
  save (ben, at_ben);

  sync_ok (anna);
  sync_ok (ben);
  sync_ok (anna);

  /* the fields only one changed are both taken; the city is Anna's, who
   * synced first, and Ben is asked */
  after = load (ben, KONTOR_TYPE_CONTACT, id);
  g_assert_cmpstr (kontor_contact_get_job_title (after), ==, "Geschäftsführerin");
  g_assert_cmpstr (kontor_contact_get_notes (after), ==, "Rückruf im März");
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Köln");
  assert_same_data (anna, ben);

  conflicts = kontor_store_sync_list_conflicts (ben->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->kind, ==, "field");
  g_assert_cmpstr (conflict->field, ==, "city");
  g_assert_cmpstr (conflict->theirs_json, ==, "\"Köln\"");
  g_assert_cmpstr (conflict->yours_json, ==, "\"Bonn\"");
  {
    g_autoptr(GPtrArray) none = kontor_store_sync_list_conflicts (anna->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Ben keeps his: one more change, which reaches Anna */
  kontor_store_sync_resolve_conflict (ben->store, conflict->id, "mine", NULL, &error);
  g_assert_no_error (error);
  sync_ok (ben);
  sync_ok (anna);
  g_clear_object (&after);
  after = load (anna, KONTOR_TYPE_CONTACT, id);
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Bonn");
  assert_same_data (anna, ben);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = kontor_store_sync_list_conflicts (ben->store, &error);
  g_assert_cmpstr (((KontorSyncConflict *) conflicts->pdata[0])->status, ==, "resolved");
}

/* One machine deletes a contact another edits offline: the edit is a
 * conflict kept for the editor, and the contact is gone on both */
static void
test_edit_vs_delete (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Olaf", "Brandt");
  g_autoptr(KontorContact) at_ben = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("erik", "admin");
  create_user ("frida", "admin");
  anna = machine_new (server, "erik");
  ben = machine_new (server, "frida");

  save (anna, contact);
  id = kontor_record_get_id (KONTOR_RECORD (contact));
  sync_ok (anna);
  sync_ok (ben);

  kontor_store_delete (anna->store, KONTOR_RECORD (contact), &error);
  g_assert_no_error (error);
  at_ben = load (ben, KONTOR_TYPE_CONTACT, id);
  kontor_contact_set_job_title (at_ben, "Prokurist");
  save (ben, at_ben);

  sync_ok (anna);
  /* a pull does not delete what has an edit waiting */
  g_assert_true (kontor_sync_engine_pull (ben->engine, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&at_ben);
  at_ben = load (ben, KONTOR_TYPE_CONTACT, id);
  g_assert_cmpstr (kontor_contact_get_job_title (at_ben), ==, "Prokurist");

  sync_ok (ben);
  g_assert_null (load_or_null (ben, KONTOR_TYPE_CONTACT, id));
  conflicts = kontor_store_sync_list_conflicts (ben->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((KontorSyncConflict *) conflicts->pdata[0])->kind, ==, "edit_vs_delete");
  g_assert_nonnull (strstr (((KontorSyncConflict *) conflicts->pdata[0])->yours_json,
                            "Prokurist"));
  assert_same_data (anna, ben);
}

/* The server dies after its commit, before its answer: the push is sent
 * again and applied once */
static void
test_lost_answer (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(KontorTestServer) dying = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Greta", "Lang");
  g_autoptr(KontorSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *sql = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  dying = kontor_test_server_start_with_fault (&pg, "crash_after_commit_before_reply");
  create_user ("gerd", "admin");
  create_user ("hanna", "admin");
  anna = machine_new (server, "gerd");
  ben = machine_new (server, "hanna");

  save (anna, contact);
  kontor_contact_set_job_title (contact, "Einkauf");
  save (anna, contact);

  /* the same installation, signed in, through the instance that dies */
  engine = kontor_sync_engine_new (anna->store, dying->uri);
  kontor_sync_engine_login (engine, "gerd", PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kontor_sync_engine_push (engine, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (outbox_size (anna), >, 0);

  sync_ok (anna);
  g_assert_cmpint (outbox_size (anna), ==, 0);
  g_assert_cmpint (kontor_store_sync_count_rejected (anna->store, NULL), ==, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE entity_id = '%s'",
                         kontor_record_get_id (KONTOR_RECORD (contact)));
  count = kontor_test_postgres_query (&pg, sql);
  g_assert_cmpstr (count, ==, "1");

  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);
}

/* A machine whose cursor the server no longer keeps loads a snapshot and
 * still sends what it changed offline */
static void
test_resync (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) first = new_contact ("Ida", "König");
  g_autoptr(KontorContact) second = new_contact ("Jan", "Krüger");
  g_autoptr(KontorContact) offline = new_contact ("Karl", "Lehmann");
  g_autoptr(GError) error = NULL;
  g_autofree char *seq = NULL;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("ilse", "admin");
  create_user ("jonas", "admin");
  anna = machine_new (server, "ilse");
  ben = machine_new (server, "jonas");

  save (anna, first);
  sync_ok (anna);
  sync_ok (ben);

  save (ben, offline);
  kontor_contact_set_city (first, "Leipzig");
  save (anna, first);
  save (anna, second);
  kontor_store_delete (anna->store, KONTOR_RECORD (first), &error);
  g_assert_no_error (error);
  sync_ok (anna);

  seq = kontor_test_postgres_query (&pg, "SELECT last_seq FROM workspace");
  g_assert_cmpint (kontor_test_server_admin (&pg, NULL, NULL, "compact", seq, NULL), ==, 0);

  sync_ok (ben);
  g_assert_cmpuint (kontor_sync_engine_get_resyncs (ben->engine), ==, 1);
  sync_ok (anna);
  assert_same_data (anna, ben);
  g_assert_null (load_or_null (ben, KONTOR_TYPE_CONTACT,
                               kontor_record_get_id (KONTOR_RECORD (first))));
  g_assert_nonnull (load_or_null (anna, KONTOR_TYPE_CONTACT,
                                  kontor_record_get_id (KONTOR_RECORD (offline))));
}

/* Three machines change the same contacts at random, offline, syncing in
 * random order; at the end they agree with each other, and every change
 * that was not a conflict is there */
static void
test_random_convergence (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = NULL;
  const char *names[] = { "kurt", "lena", "mia" };
  const char *cities[] = { "Berlin", "Hamburg", "München", "Köln", "Dresden" };
  guint32 seed = g_test_rand_int ();

  if (pg.dir == NULL)
    return;
  g_test_message ("seed %u", seed);
  rand = g_rand_new_with_seed (seed);
  server = kontor_test_server_start (&pg, NULL);
  for (guint m = 0; m < G_N_ELEMENTS (names); m++)
    {
      create_user (names[m], "admin");
      g_ptr_array_add (machines, machine_new (server, names[m]));
    }

  for (guint round = 0; round < 12; round++)
    {
      for (guint m = 0; m < machines->len; m++)
        {
          Machine *machine = g_ptr_array_index (machines, m);

          for (guint op = 0; op < 4; op++)
            {
              guint what = g_rand_int_range (rand, 0, ids->len < 3 ? 1 : 6);
              g_autoptr(KontorContact) contact = NULL;
              const char *id = ids->len > 0 ? g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)) : NULL;

              if (what == 0)
                {
                  g_autofree char *last = g_strdup_printf ("Kunde %u-%u-%u", round, m, op);

                  contact = new_contact ("Test", last);
                  kontor_contact_set_emails (contact, channels ("a@example.org", NULL));
                  save (machine, contact);
                  g_ptr_array_add (ids, g_strdup (kontor_record_get_id (KONTOR_RECORD (contact))));
                  continue;
                }
              contact = load_or_null (machine, KONTOR_TYPE_CONTACT, id);
              if (contact == NULL)
                continue;
              if (what == 1)
                kontor_contact_set_city (contact, cities[g_rand_int_range (rand, 0, 5)]);
              else if (what == 2)
                {
                  g_autofree char *title = g_strdup_printf ("Titel %u", g_rand_int (rand) % 100);

                  kontor_contact_set_job_title (contact, title);
                }
              else if (what == 3)
                {
                  g_autofree char *mail = g_strdup_printf ("m%u@example.org", g_rand_int (rand) % 100);

                  kontor_contact_set_emails (contact, channels (mail, "b@example.org", NULL));
                }
              else if (what == 4)
                kontor_contact_set_pipeline_status_id (contact,
                                                       g_rand_boolean (rand)
                                                       ? "00000000-0000-7000-8000-000000000003"
                                                       : "00000000-0000-7000-8000-000000000004");
              else
                {
                  g_autoptr(GError) error = NULL;

                  if (g_rand_int_range (rand, 0, 4) == 0)
                    {
                      kontor_store_delete (machine->store, KONTOR_RECORD (contact), &error);
                      g_assert_no_error (error);
                    }
                  continue;
                }
              save (machine, contact);
            }

          /* some machines sync this round, some stay offline */
          if (g_rand_boolean (rand))
            sync_ok (machine);
        }
    }

  /* everyone online: two rounds bring everything everywhere */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint m = 0; m < machines->len; m++)
        sync_ok (g_ptr_array_index (machines, m));
    }
  for (guint m = 0; m < machines->len; m++)
    {
      Machine *machine = g_ptr_array_index (machines, m);

      g_assert_cmpint (outbox_size (machine), ==, 0);
      g_assert_cmpint (kontor_store_sync_count_rejected (machine->store, NULL), ==, 0);
      if (m > 0)
        assert_same_data (g_ptr_array_index (machines, 0), machine);
    }
}

static void
on_poke (KontorSyncEngine *engine,
         gint64            seq,
         gint64           *last)
{
  *last = MAX (*last, seq);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
got_poke_after (gpointer data)
{
  return *(gint64 *) data > 0;
}

static void
on_connected (GObject    *object,
              GParamSpec *pspec,
              gboolean   *connected)
{
  *connected = kontor_sync_engine_get_events_connected (KONTOR_SYNC_ENGINE (object));
}

/* The events socket: a poke when another machine pushed; connecting again,
 * later each time, while the server is away */
static void
test_events (void)
{
  g_autoptr(KontorTestServer) server = NULL;
  g_autoptr(Machine) anna = NULL;
  g_autoptr(Machine) ben = NULL;
  g_autoptr(KontorContact) contact = new_contact ("Nora", "Pohl");
  g_autoptr(GError) error = NULL;
  gint64 poked = 0;
  gboolean connected = FALSE;
  guint first_delay, later_delay;

  if (pg.dir == NULL)
    return;
  server = kontor_test_server_start (&pg, NULL);
  create_user ("nils", "admin");
  create_user ("olga", "admin");
  anna = machine_new (server, "nils");
  ben = machine_new (server, "olga");

  g_signal_connect (ben->engine, "poke", G_CALLBACK (on_poke), &poked);
  g_signal_connect (ben->engine, "notify::events-connected", G_CALLBACK (on_connected), &connected);
  kontor_sync_engine_start_events (ben->engine);
  g_assert_true (kontor_test_iterate_until (is_true, &connected, 20));
  poked = 0;

  save (anna, contact);
  sync_ok (anna);
  g_assert_true (kontor_test_iterate_until (got_poke_after, &poked, 20));
  sync_ok (ben);
  sync_ok (anna);
  assert_same_data (anna, ben);

  /* the server goes: the socket closes, and connecting again waits longer
   * each time */
  g_clear_pointer (&server, kontor_test_server_free);
  while (connected)
    g_main_context_iteration (NULL, TRUE);
  while (kontor_sync_engine_get_reconnect_delay (ben->engine) < 1000)
    g_main_context_iteration (NULL, TRUE);
  first_delay = kontor_sync_engine_get_reconnect_delay (ben->engine);
  while (kontor_sync_engine_get_reconnect_delay (ben->engine) == first_delay)
    g_main_context_iteration (NULL, TRUE);
  later_delay = kontor_sync_engine_get_reconnect_delay (ben->engine);
  g_assert_cmpuint (first_delay, >=, 1000);
  g_assert_cmpuint (first_delay, <=, 1250);
  g_assert_cmpuint (later_delay, >=, 2000);
  kontor_sync_engine_stop_events (ben->engine);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/every-kind", test_every_kind);
  g_test_add_func ("/sync/merge-and-conflict", test_merge_and_conflict);
  g_test_add_func ("/sync/edit-vs-delete", test_edit_vs_delete);
  g_test_add_func ("/sync/lost-answer", test_lost_answer);
  g_test_add_func ("/sync/random-convergence", test_random_convergence);
  g_test_add_func ("/sync/events", test_events);
  /* last: it compacts the server's change log */
  g_test_add_func ("/sync/resync", test_resync);

  if (!kontor_test_postgres_start (&pg))
    g_clear_pointer (&pg.dir, g_free);
  status = g_test_run ();
  kontor_test_postgres_clear (&pg);

  return status;
}
