/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-store"

#include "config.h"

#include <string.h>

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-field-change.h"
#include "kontor-group.h"
#include "kontor-store-job.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"
#include "kontor-text.h"
#include "kontor-uuid.h"

/* KontorStore with a real database: records in and out field by field, the
 * outbox every local write appends to in the same transaction (src/README.md
 * "Sync"), delete with tombstone and wipe, the status lifecycle, unique
 * customer numbers, undoable field changes, the "changed" signal, and the
 * connection's settings and identity. */

#define NEW_STATUS_ID       "00000000-0000-7000-8000-000000000001"
#define CONTACTED_STATUS_ID "00000000-0000-7000-8000-000000000003"
#define OFFER_STATUS_ID     "00000000-0000-7000-8000-000000000004"

/* ------------------------------------------------------------------------ */
/* Fixture */

typedef KontorStoreFixture Fixture;

#define TEST(path, func) KONTOR_STORE_TEST (path, func)

/* ------------------------------------------------------------------------ */
/* SQL helpers: straight to the store's connection, to see what is stored */

static char *
query_text (KontorStore *store,
            const char  *sql,
            const char  *param)
{
  sqlite3_stmt *stmt = kontor_test_prepare (store, sql, param);
  char *value = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

typedef struct
{
  gint64  seq;
  char   *entity;
  char   *entity_id;
  char   *op;
  char   *field;
  char   *value_json;
  char   *old_value_json;
  gint64  base_rev;
  gint64  after_local_seq;
  char   *state;
  char   *user_id;
} OutboxEntry;

static void
outbox_entry_free (OutboxEntry *entry)
{
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->op);
  g_free (entry->field);
  g_free (entry->value_json);
  g_free (entry->old_value_json);
  g_free (entry->state);
  g_free (entry->user_id);
  g_free (entry);
}

/* The outbox entries after @after_seq, in order */
static GPtrArray *
outbox_since (KontorStore *store,
              gint64       after_seq)
{
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, after_seq);
  sqlite3_stmt *stmt = kontor_test_prepare (store,
                                            "SELECT client_seq, entity, entity_id, op, field, "
                                            "value_json, old_value_json, base_rev, "
                                            "coalesce(after_local_seq, 0), state, user_id "
                                            "FROM outbox WHERE client_seq > CAST(?1 AS INTEGER) "
                                            "ORDER BY client_seq",
                                            after);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) outbox_entry_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      OutboxEntry *entry = g_new0 (OutboxEntry, 1);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->op = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->value_json = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->old_value_json = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      entry->base_rev = sqlite3_column_int64 (stmt, 7);
      entry->after_local_seq = sqlite3_column_int64 (stmt, 8);
      entry->state = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      entry->user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);

  return entries;
}

static gint64
outbox_count_since (KontorStore *store,
                    gint64       after_seq)
{
  g_autoptr(GPtrArray) entries = outbox_since (store, after_seq);

  return entries->len;
}

static OutboxEntry *
outbox_get (GPtrArray *entries,
            guint      index)
{
  g_assert_cmpuint (index, <, entries->len);

  return g_ptr_array_index (entries, index);
}

/* Counts COMMITs on the store's connection while it is installed. */
/* Records the "changed" signal */
typedef struct
{
  KontorStore *store;
  GPtrArray   *entities;
  GPtrArray   *rowids;     /* GArray of gint64 per emission */
  gulong       handler;
} ChangedRecorder;

static void
on_store_changed_cb (KontorStore     *store,
                     const char      *entity,
                     GArray          *rowids,
                     ChangedRecorder *recorder)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (copy, rowids->data, rowids->len);
  g_ptr_array_add (recorder->entities, g_strdup (entity));
  g_ptr_array_add (recorder->rowids, copy);
}

static ChangedRecorder *
changed_recorder_new (KontorStore *store)
{
  ChangedRecorder *recorder = g_new0 (ChangedRecorder, 1);

  recorder->store = g_object_ref (store);
  recorder->entities = g_ptr_array_new_with_free_func (g_free);
  recorder->rowids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  recorder->handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb),
                                        recorder);

  return recorder;
}

static void
changed_recorder_free (ChangedRecorder *recorder)
{
  g_signal_handler_disconnect (recorder->store, recorder->handler);
  g_object_unref (recorder->store);
  g_ptr_array_unref (recorder->entities);
  g_ptr_array_unref (recorder->rowids);
  g_free (recorder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChangedRecorder, changed_recorder_free)

static void
changed_recorder_clear (ChangedRecorder *recorder)
{
  g_ptr_array_set_size (recorder->entities, 0);
  g_ptr_array_set_size (recorder->rowids, 0);
}

/* The index of the emission for @entity; fails when there is none or more */
static guint
changed_recorder_find (ChangedRecorder *recorder,
                       const char      *entity)
{
  guint found = G_MAXUINT;

  for (guint i = 0; i < recorder->entities->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (recorder->entities, i), entity))
        {
          g_assert_cmpuint (found, ==, G_MAXUINT);
          found = i;
        }
    }
  g_assert_cmpuint (found, !=, G_MAXUINT);

  return found;
}

static gboolean
rowids_contain (GArray *rowids,
                gint64  rowid)
{
  for (guint i = 0; i < rowids->len; i++)
    {
      if (g_array_index (rowids, gint64, i) == rowid)
        return TRUE;
    }

  return FALSE;
}

static KontorContact *
save_new_contact (KontorStore *store,
                  const char  *first_name,
                  const char  *last_name)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first_name);
  kontor_contact_set_last_name (contact, last_name);
  kontor_test_save (store, contact);

  return contact;
}

static gpointer
reload (KontorStore *store,
        gpointer     record)
{
  g_autoptr(GError) error = NULL;
  gpointer loaded = kontor_store_load (store, G_OBJECT_TYPE (record),
                                       kontor_record_get_id (KONTOR_RECORD (record)), &error);

  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  return loaded;
}

static KontorUser *
save_new_user (KontorStore *store,
               const char  *username,
               const char  *full_name)
{
  KontorUser *user = kontor_user_new (username, full_name, KONTOR_USER_ROLE_SALES);

  kontor_test_save (store, user);

  return user;
}

static GArray *
query_contacts (KontorStore  *store,
                KontorFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GArray *rowids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, &error));
  g_assert_no_error (error);

  return rowids;
}

/* How many contacts a search for @text finds; leaves @filter searching */
static guint
count_found (KontorStore  *store,
             KontorFilter *filter,
             const char   *text)
{
  g_autoptr(GArray) found = NULL;

  kontor_filter_set_search_text (filter, text);
  found = query_contacts (store, filter);

  return found->len;
}

static gint64
rowid_of (gpointer record)
{
  return kontor_record_get_rowid (KONTOR_RECORD (record));
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

/* Asserts that @a and @b hold the same value in every stored field */
static void
assert_same_stored_fields (gpointer a,
                           gpointer b)
{
  g_autoptr(GArray) diff = kontor_record_diff (KONTOR_RECORD (a), KONTOR_RECORD (b));
  guint n_fields;
  const KontorField *fields = kontor_record_get_fields (KONTOR_RECORD (a), &n_fields);

  for (guint i = 0; i < diff->len; i++)
    g_test_message ("field “%s” differs", fields[g_array_index (diff, guint, i)].column);
  g_assert_cmpuint (diff->len, ==, 0);
}

/* Case-insensitive search for @needle in @haystack of @length bytes */
static gboolean
bytes_contain (const guint8 *haystack,
               gsize         length,
               const char   *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; haystack != NULL && i + needle_length <= length; i++)
    {
      if (g_ascii_strncasecmp ((const char *) haystack + i, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether any row of any table (search index, outbox and shadow included)
 * holds @needle, in any column, as text or in a blob; *where says where. */
static gboolean
database_contains (KontorStore  *store,
                   const char   *needle,
                   char        **where)
{
  sqlite3_stmt *tables = kontor_test_prepare (store,
                                              "SELECT name FROM sqlite_master WHERE type = 'table' "
                                              "ORDER BY name",
                                              NULL);
  guint n_tables = 0;
  gboolean found = FALSE;

  while (!found && sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      sqlite3_stmt *rows = kontor_test_prepare (store, sql, NULL);

      n_tables++;
      while (!found && sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int column = 0; !found && column < sqlite3_column_count (rows); column++)
            {
              const guint8 *data = sqlite3_column_blob (rows, column);
              gsize length = sqlite3_column_bytes (rows, column);

              if (bytes_contain (data, length, needle))
                {
                  found = TRUE;
                  if (where != NULL)
                    *where = g_strdup_printf ("table %s, column %s", table,
                                              sqlite3_column_name (rows, column));
                }
            }
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);

  /* a sweep that finds nothing saw every table, FTS5's shadow tables included */
  if (!found)
    g_assert_cmpuint (n_tables, >, 20);

  return found;
}

static void
assert_nowhere_in_database (KontorStore *store,
                            const char  *needle)
{
  g_autofree char *where = NULL;

  /* not fatal: report every value left behind, and let the other tests run */
  if (database_contains (store, needle, &where))
    {
      g_test_message ("“%s” is still in the database: %s", needle, where);
      g_test_fail_printf ("“%s” is still in the database: %s", needle, where);
    }
}

static KontorCompany *
save_new_company (KontorStore *store,
                  const char  *name)
{
  KontorCompany *company = kontor_company_new (name);

  kontor_test_save (store, company);

  return company;
}

/* ------------------------------------------------------------------------ */
/* Round trips */

static void
test_contact_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorUser) rep_a = save_new_user (store, "anna", "Anna Schmidt");
  g_autoptr(KontorUser) rep_b = save_new_user (store, "bernd", "Bernd Meier");
  g_autoptr(KontorUser) assignee = save_new_user (store, "carla", "Carla Öz");
  g_autoptr(KontorTeam) team = kontor_team_new ("Vertrieb Süd");
  g_autoptr(KontorCompany) company = save_new_company (store, "Müller & Söhne GmbH");
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  const char *reps[] = { id_of (rep_a), id_of (rep_b), NULL };
  const char *assignees[] = { id_of (assignee), NULL };
  GPtrArray *emails;
  GPtrArray *phones;
  KontorChannel *channel;

  kontor_test_save (store, team);

  kontor_contact_set_salutation (contact, KONTOR_SALUTATION_MS);
  kontor_contact_set_title (contact, "Dr.");
  kontor_contact_set_first_name (contact, "Jürgen");
  kontor_contact_set_last_name (contact, "Weiß-Müller");
  kontor_contact_set_job_title (contact, "Leiter Einkauf");
  kontor_contact_set_company_id (contact, id_of (company));
  kontor_contact_add_email (contact, "work", "j.weiss@example.de");
  kontor_contact_add_email (contact, NULL, "jw@example.org");
  kontor_contact_add_phone (contact, "mobile", "0171 2345678");
  kontor_contact_add_phone (contact, "Zentrale", "+49 (0)30 1234567");
  kontor_contact_set_street (contact, "Hauptstraße 5");
  kontor_contact_set_postal_code (contact, "80331");
  kontor_contact_set_city (contact, "München");
  kontor_contact_set_country (contact, "DE");
  kontor_contact_set_language (contact, KONTOR_LANGUAGE_IT);
  kontor_contact_set_notes (contact, "Zeile 1\nZeile \"2\"\t\\ Ende");
  kontor_contact_set_birthday (contact, "1975-02-28");
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_contact_set_is_lead (contact, TRUE);
  kontor_contact_set_pipeline_status_id (contact, CONTACTED_STATUS_ID);
  kontor_contact_set_customer_number (contact, "K-2026-00042");
  kontor_contact_set_sales_reps (contact, reps);
  kontor_contact_set_assignees (contact, assignees);
  kontor_contact_set_assigned_team_id (contact, id_of (team));
  kontor_contact_set_rank (contact, "a0V");
  kontor_contact_set_due_date (contact, "2026-06-30");
  kontor_contact_set_last_activity_at (contact, 1767225600);

  kontor_test_save (store, contact);

  /* the caller's record has what the store gave it */
  g_assert_true (kontor_uuid_is_valid (id_of (contact)));
  g_assert_cmpint (rowid_of (contact), >, 0);
  g_assert_cmpint (kontor_record_get_created_at (KONTOR_RECORD (contact)), >, 0);
  g_assert_cmpint (kontor_record_get_updated_at (KONTOR_RECORD (contact)), >, 0);
  emails = kontor_contact_get_emails (contact);
  for (guint i = 0; i < emails->len; i++)
    g_assert_true (kontor_uuid_is_valid (((KontorChannel *) g_ptr_array_index (emails, i))->id));

  loaded = reload (store, contact);
  assert_same_stored_fields (contact, loaded);

  /* spelled out, so a mistake in the diff cannot hide one */
  g_assert_cmpint (rowid_of (loaded), ==, rowid_of (contact));
  g_assert_cmpint (kontor_contact_get_salutation (loaded), ==, KONTOR_SALUTATION_MS);
  g_assert_cmpstr (kontor_contact_get_title (loaded), ==, "Dr.");
  g_assert_cmpstr (kontor_contact_get_first_name (loaded), ==, "Jürgen");
  g_assert_cmpstr (kontor_contact_get_last_name (loaded), ==, "Weiß-Müller");
  g_assert_cmpstr (kontor_contact_get_job_title (loaded), ==, "Leiter Einkauf");
  g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==, id_of (company));
  g_assert_cmpstr (kontor_contact_get_company_name (loaded), ==, "Müller & Söhne GmbH");
  g_assert_cmpstr (kontor_contact_get_street (loaded), ==, "Hauptstraße 5");
  g_assert_cmpstr (kontor_contact_get_postal_code (loaded), ==, "80331");
  g_assert_cmpstr (kontor_contact_get_city (loaded), ==, "München");
  g_assert_cmpstr (kontor_contact_get_country (loaded), ==, "DE");
  g_assert_cmpint (kontor_contact_get_language (loaded), ==, KONTOR_LANGUAGE_IT);
  g_assert_cmpstr (kontor_contact_get_notes (loaded), ==, "Zeile 1\nZeile \"2\"\t\\ Ende");
  g_assert_cmpstr (kontor_contact_get_birthday (loaded), ==, "1975-02-28");
  g_assert_cmpint (kontor_contact_get_status (loaded), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_assert_true (kontor_contact_get_is_lead (loaded));
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (loaded), ==, CONTACTED_STATUS_ID);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_name (loaded), ==,
                   "Successfully contacted");
  g_assert_cmpstr (kontor_contact_get_customer_number (loaded), ==, "K-2026-00042");
  g_assert_cmpstrv (kontor_contact_get_sales_reps (loaded), reps);
  g_assert_cmpstrv (kontor_contact_get_assignees (loaded), assignees);
  g_assert_cmpstr (kontor_contact_get_assigned_team_id (loaded), ==, id_of (team));
  g_assert_cmpstr (kontor_contact_get_rank (loaded), ==, "a0V");
  g_assert_cmpstr (kontor_contact_get_due_date (loaded), ==, "2026-06-30");
  g_assert_cmpint (kontor_contact_get_last_activity_at (loaded), ==, 1767225600);

  emails = kontor_contact_get_emails (loaded);
  g_assert_cmpuint (emails->len, ==, 2);
  channel = g_ptr_array_index (emails, 0);
  g_assert_cmpstr (channel->label, ==, "work");
  g_assert_cmpstr (channel->value, ==, "j.weiss@example.de");
  channel = g_ptr_array_index (emails, 1);
  g_assert_null (channel->label);
  g_assert_cmpstr (channel->value, ==, "jw@example.org");

  phones = kontor_contact_get_phones (loaded);
  g_assert_cmpuint (phones->len, ==, 2);
  channel = g_ptr_array_index (phones, 0);
  g_assert_cmpstr (channel->label, ==, "mobile");
  g_assert_cmpstr (channel->value, ==, "0171 2345678");
  channel = g_ptr_array_index (phones, 1);
  g_assert_cmpstr (channel->label, ==, "Zentrale");
  g_assert_cmpstr (channel->value, ==, "+49 (0)30 1234567");

  /* child rows, one each */
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact_channel "
                                          "WHERE owner_id = ?1",
                                          id_of (contact)), ==, 4);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact_link WHERE owner_id = ?1",
                                          id_of (contact)), ==, 3);
}

static void
test_contact_create_outbox_entry (Fixture       *fixture,
                                  gconstpointer  data)
{
  KontorStore *store = fixture->store;
  gint64 before = kontor_test_outbox_last_seq (store);
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GPtrArray) entries = NULL;
  KontorChannel *email;
  OutboxEntry *entry;

  kontor_contact_set_last_name (contact, "Müller");
  kontor_contact_set_company_name (contact, "Neue Firma GmbH");
  kontor_contact_add_email (contact, "work", "m@example.de");
  kontor_test_save (store, contact);

  /* A company typed by name is made in the same transaction. A "create"
   * carries no values: the sync client sends the record as stored when it
   * pushes, so nothing of a person is copied into the outbox. */
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);

  entry = outbox_get (entries, 0);
  g_assert_cmpstr (entry->entity, ==, "company");
  g_assert_cmpstr (entry->entity_id, ==, kontor_contact_get_company_id (contact));
  g_assert_cmpstr (entry->op, ==, "create");
  g_assert_null (entry->value_json);

  entry = outbox_get (entries, 1);
  g_assert_cmpstr (entry->entity, ==, "contact");
  g_assert_cmpstr (entry->entity_id, ==, id_of (contact));
  g_assert_cmpstr (entry->op, ==, "create");
  g_assert_null (entry->field);
  g_assert_null (entry->value_json);
  g_assert_cmpstr (entry->state, ==, "pending");
  g_assert_cmpstr (entry->user_id, ==, id_of (kontor_store_get_current_user (store)));

  /* the e-mail address is a child row of its own, not a separate entry */
  email = g_ptr_array_index (kontor_contact_get_emails (contact), 0);
  g_assert_nonnull (email->id);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact_channel WHERE id = ?1",
                                          email->id), ==, 1);
  g_assert_cmpstr (kontor_contact_get_company_name (contact), ==, "Neue Firma GmbH");
}

static void
test_company_typed_by_name (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) company = kontor_company_new ("Bäckerei Großmann GmbH");
  g_autoptr(KontorContact) anna = kontor_contact_new ();
  g_autoptr(KontorContact) bernd = kontor_contact_new ();

  kontor_test_save (store, company);

  /* an existing company, typed in another case: linked, not made twice */
  kontor_contact_set_last_name (anna, "Schäfer");
  kontor_contact_set_company_name (anna, "bäckerei großmann gmbh");
  kontor_test_save (store, anna);
  g_assert_cmpstr (kontor_contact_get_company_id (anna), ==, id_of (company));
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_COMPANY, NULL), ==, 1);

  /* a new name makes the company, in the same transaction */
  kontor_contact_set_last_name (bernd, "Jäger");
  kontor_contact_set_company_name (bernd, "Jäger & Partner KG");
  kontor_test_save (store, bernd);
  g_assert_nonnull (kontor_contact_get_company_id (bernd));
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_COMPANY, NULL), ==, 2);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM company WHERE id = ?1",
                                          kontor_contact_get_company_id (bernd)), ==, 1);
  g_assert_cmpstr (kontor_contact_get_company_name (bernd), ==, "Jäger & Partner KG");
}

/* The objection to marketing (feature X11) is stored and loaded, and
 * one change of it is one "update" outbox entry with both values */
static void
test_contact_marketing_objection (Fixture       *fixture,
                                  gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  OutboxEntry *entry;
  gint64 before;

  kontor_contact_set_last_name (contact, "Widerspruch");
  kontor_test_save (store, contact);
  loaded = reload (store, contact);
  g_assert_false (kontor_contact_get_marketing_objection (loaded));
  g_clear_object (&loaded);

  before = kontor_test_outbox_last_seq (store);
  kontor_contact_set_marketing_objection (contact, TRUE);
  kontor_test_save (store, contact);
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = outbox_get (entries, 0);
  g_assert_cmpstr (entry->op, ==, "update");
  g_assert_cmpstr (entry->field, ==, "marketing_objection");
  g_assert_cmpstr (entry->value_json, ==, "true");
  g_assert_cmpstr (entry->old_value_json, ==, "false");

  loaded = reload (store, contact);
  g_assert_true (kontor_contact_get_marketing_objection (loaded));
  g_assert_false (kontor_contact_allows_marketing (loaded));
}

static void
test_company_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorUser) rep = save_new_user (store, "anna", "Anna Schmidt");
  g_autoptr(KontorCompany) company = kontor_company_new ("Bäckerei Groß KG");
  g_autoptr(KontorCompany) loaded = NULL;
  g_autoptr(GPtrArray) phones = kontor_channel_array_new ();
  const char *reps[] = { id_of (rep), NULL };

  kontor_company_set_customer_number (company, "K-7");
  kontor_company_set_street (company, "Marktplatz 1");
  kontor_company_set_postal_code (company, "01067");
  kontor_company_set_city (company, "Dresden");
  kontor_company_set_country (company, "DE");
  kontor_company_set_website (company, "https://example.de");
  kontor_company_set_industry (company, "Lebensmittel");
  kontor_company_set_notes (company, "Lieferung nur vormittags");
  kontor_company_set_sales_reps (company, reps);
  g_ptr_array_add (phones, kontor_channel_new ("work", "0351 123456"));
  kontor_company_set_phones (company, phones);
  kontor_test_save (store, company);

  loaded = reload (store, company);
  assert_same_stored_fields (company, loaded);
  g_assert_cmpstr (kontor_company_get_name (loaded), ==, "Bäckerei Groß KG");
  g_assert_cmpstr (kontor_company_get_customer_number (loaded), ==, "K-7");
  g_assert_cmpstr (kontor_company_get_website (loaded), ==, "https://example.de");
  g_assert_cmpstr (kontor_company_get_industry (loaded), ==, "Lebensmittel");
  g_assert_cmpstrv (kontor_company_get_sales_reps (loaded), reps);
  g_assert_cmpuint (kontor_company_get_phones (loaded)->len, ==, 1);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (kontor_company_get_phones (loaded),
                                                          0))->value, ==, "0351 123456");
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM company_channel "
                                          "WHERE owner_id = ?1",
                                          id_of (company)), ==, 1);
}

static void
test_user_and_team_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  KontorStore *store = fixture->store;
  gint64 before = kontor_test_outbox_last_seq (store);
  g_autoptr(KontorTeam) team_a = kontor_team_new ("Kompetenz Nord");
  g_autoptr(KontorTeam) team_b = kontor_team_new ("Kompetenz Süd");
  g_autoptr(KontorUser) user = kontor_user_new ("jmueller", "Jürgen Müller",
                                                KONTOR_USER_ROLE_ASSISTANT);
  g_autoptr(KontorUser) loaded = NULL;
  g_autoptr(KontorTeam) loaded_team = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  const char *team_ids[3] = { NULL, };

  kontor_test_save (store, team_a);
  kontor_test_save (store, team_b);
  team_ids[0] = id_of (team_a);
  team_ids[1] = id_of (team_b);
  kontor_user_set_email (user, "j.mueller@example.de");
  kontor_user_set_teams (user, team_ids);
  kontor_test_save (store, user);

  loaded = reload (store, user);
  assert_same_stored_fields (user, loaded);
  g_assert_cmpstr (kontor_user_get_username (loaded), ==, "jmueller");
  g_assert_cmpstr (kontor_user_get_full_name (loaded), ==, "Jürgen Müller");
  g_assert_cmpstr (kontor_user_get_email (loaded), ==, "j.mueller@example.de");
  g_assert_cmpint (kontor_user_get_role (loaded), ==, KONTOR_USER_ROLE_ASSISTANT);
  g_assert_cmpstrv (kontor_user_get_teams (loaded), team_ids);

  loaded_team = reload (store, team_b);
  g_assert_cmpstr (kontor_team_get_name (loaded_team), ==, "Kompetenz Süd");

  /* users and teams are records of the team like any other: sent to the
   * server, which takes them from administrators only */
  g_assert_cmpint (outbox_count_since (store, before), >, 0);

  teams = kontor_store_list_teams (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (teams->len, ==, 2);
  g_assert_cmpstr (kontor_team_get_name (g_ptr_array_index (teams, 0)), ==, "Kompetenz Nord");

  /* the local user made at first start and this one */
  users = kontor_store_list_users (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 2);
}

static void
test_pipeline_statuses (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (fixture->store, &error);
  const char *keys[] = { "new", "in-progress", "contacted", "offer", "won", "lost" };
  const gboolean system[] = { TRUE, FALSE, TRUE, FALSE, TRUE, FALSE };

  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < statuses->len; i++)
    {
      KontorPipelineStatus *status = g_ptr_array_index (statuses, i);
      g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (status));

      g_assert_cmpstr (kontor_pipeline_status_get_key (status), ==, keys[i]);
      g_assert_cmpint (kontor_pipeline_status_get_position (status), ==, i);
      g_assert_cmpint (kontor_pipeline_status_get_is_system (status), ==, system[i]);
      g_assert_true (kontor_pipeline_status_get_active (status));
      g_assert_cmpstr (name, !=, "");
    }
  g_assert_cmpstr (id_of (g_ptr_array_index (statuses, 0)), ==, NEW_STATUS_ID);
}

static void
test_field_tables_match_schema (Fixture       *fixture,
                                gconstpointer  data)
{
  const GType types[] = {
    KONTOR_TYPE_CONTACT, KONTOR_TYPE_COMPANY, KONTOR_TYPE_USER, KONTOR_TYPE_TEAM,
    KONTOR_TYPE_GROUP, KONTOR_TYPE_PIPELINE_STATUS,
  };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (types[t]);
      KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);
      const char *table = _kontor_entity_info_get_table (_kontor_entity_info_for_type (types[t]));

      g_assert_cmpstr (table, ==, record_class->entity);
      for (guint i = 0; i < record_class->n_fields; i++)
        {
          const KontorField *field = &record_class->fields[i];
          g_autofree char *sql = NULL;

          if ((field->flags & (KONTOR_FIELD_STORED | KONTOR_FIELD_LOCAL)) == 0 ||
              field->type == KONTOR_FIELD_TYPE_CHANNELS || field->type == KONTOR_FIELD_TYPE_REFS)
            continue;

          sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') WHERE name = ?1",
                                 table);
          if (kontor_test_query_int (fixture->store, sql, field->column) != 1)
            g_error ("table %s has no column %s", table, field->column);
        }
    }
}

static void
test_load_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gpointer record = kontor_store_load (fixture->store, KONTOR_TYPE_CONTACT,
                                       "0190a1b2-c3d4-7e5f-a012-3456789abcde", &error);

  g_assert_null (record);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  record = kontor_store_load_by_rowid (fixture->store, KONTOR_TYPE_CONTACT, 12345, &error);
  g_assert_null (record);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
}

static void
test_contact_with_foreign_id_is_created (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  const char *id = "0190a1b2-c3d4-7e5f-a012-3456789abcde";

  /* made on another machine: the id comes with it */
  kontor_record_set_id (KONTOR_RECORD (contact), id);
  kontor_contact_set_last_name (contact, "Fremd");
  kontor_test_save (fixture->store, contact);

  loaded = reload (fixture->store, contact);
  g_assert_cmpstr (id_of (loaded), ==, id);
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, NULL), ==, 1);
}

static void
test_contact_invalid_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  KontorStore *store = fixture->store;
  gint64 before = kontor_test_outbox_last_seq (store);
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorCompany) company = kontor_company_new (NULL);
  g_autoptr(GError) error = NULL;

  kontor_contact_add_email (contact, NULL, "kein@example");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);
  g_clear_error (&error);

  kontor_contact_set_last_name (contact, "Müller");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_EMAIL);
  g_assert_nonnull (strstr (error->message, "kein@example"));
  g_clear_error (&error);

  g_assert_false (kontor_store_save (store, KONTOR_RECORD (company), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);

  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 0);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_COMPANY, NULL), ==, 0);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
}

/* ------------------------------------------------------------------------ */
/* Pipeline status of new contacts */

static void
test_contact_new_in_pipeline_new (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KontorContact) contact = save_new_contact (fixture->store, "Anna", "Neu");
  g_autoptr(KontorContact) placed = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorContact) loaded_placed = NULL;

  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (contact), ==, NEW_STATUS_ID);
  loaded = reload (fixture->store, contact);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (loaded), ==, NEW_STATUS_ID);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_name (loaded), ==, "New contacts");

  /* a contact created in a column of the board stays there */
  kontor_contact_set_last_name (placed, "Angebot");
  kontor_contact_set_pipeline_status_id (placed, OFFER_STATUS_ID);
  kontor_test_save (fixture->store, placed);
  loaded_placed = reload (fixture->store, placed);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (loaded_placed), ==, OFFER_STATUS_ID);
}

/* ------------------------------------------------------------------------ */
/* Outbox */

static void
test_edit_two_fields_two_outbox_entries (Fixture       *fixture,
                                         gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(KontorContact) edit = NULL;
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before;
  guint n_commits;
  OutboxEntry *first, *second;

  /* stored with a city; the "create" entry is not coalesced into */
  kontor_test_exec (store, "UPDATE outbox SET state = 'inflight'");
  kontor_contact_set_city (contact, "Köln");
  kontor_test_save (store, contact);
  kontor_test_exec (store, "UPDATE outbox SET state = 'inflight'");

  edit = reload (store, contact);
  kontor_contact_set_first_name (edit, "Anne");
  kontor_contact_set_city (edit, "Düsseldorf");

  before = kontor_test_outbox_last_seq (store);
  kontor_test_count_commits (store, &n_commits);
  kontor_test_save (store, edit);
  kontor_test_stop_counting_commits (store);

  /* one transaction */
  g_assert_cmpuint (n_commits, ==, 1);

  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);
  first = outbox_get (entries, 0);
  second = outbox_get (entries, 1);

  g_assert_cmpstr (first->entity, ==, "contact");
  g_assert_cmpstr (first->entity_id, ==, id_of (contact));
  g_assert_cmpstr (first->op, ==, "update");
  g_assert_cmpstr (first->field, ==, "first_name");
  g_assert_cmpstr (first->value_json, ==, "\"Anne\"");
  g_assert_cmpstr (first->old_value_json, ==, "\"Anna\"");
  g_assert_cmpint (first->base_rev, ==, 0);
  g_assert_cmpstr (first->state, ==, "pending");

  g_assert_cmpstr (second->entity, ==, "contact");
  g_assert_cmpstr (second->entity_id, ==, id_of (contact));
  g_assert_cmpstr (second->op, ==, "update");
  g_assert_cmpstr (second->field, ==, "city");
  g_assert_cmpstr (second->value_json, ==, "\"Düsseldorf\"");
  g_assert_cmpstr (second->old_value_json, ==, "\"Köln\"");
  g_assert_cmpint (second->base_rev, ==, 0);
  g_assert_cmpstr (second->state, ==, "pending");

  loaded = reload (store, contact);
  g_assert_cmpstr (kontor_contact_get_first_name (loaded), ==, "Anne");
  g_assert_cmpstr (kontor_contact_get_city (loaded), ==, "Düsseldorf");
}

static void
test_edit_outbox_values (Fixture       *fixture,
                         gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before = kontor_test_outbox_last_seq (store);
  OutboxEntry *entry;

  kontor_contact_set_notes (contact, "sagt \"Hallo\"\n\\o/");
  kontor_contact_set_is_lead (contact, TRUE);
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_contact_set_first_name (contact, NULL);
  kontor_test_save (store, contact);

  /* JSON of every kind of value, in field-table order */
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 4);
  entry = outbox_get (entries, 0);
  g_assert_cmpstr (entry->field, ==, "first_name");
  g_assert_cmpstr (entry->value_json, ==, "null");
  g_assert_cmpstr (entry->old_value_json, ==, "\"Anna\"");
  entry = outbox_get (entries, 1);
  g_assert_cmpstr (entry->field, ==, "notes");
  g_assert_cmpstr (entry->value_json, ==, "\"sagt \\\"Hallo\\\"\\n\\\\o/\"");
  g_assert_cmpstr (entry->old_value_json, ==, "null");
  entry = outbox_get (entries, 2);
  g_assert_cmpstr (entry->field, ==, "status");
  g_assert_cmpstr (entry->value_json, ==, "\"customer\"");
  g_assert_cmpstr (entry->old_value_json, ==, "\"prospect\"");
  entry = outbox_get (entries, 3);
  g_assert_cmpstr (entry->field, ==, "is_lead");
  g_assert_cmpstr (entry->value_json, ==, "true");
  g_assert_cmpstr (entry->old_value_json, ==, "false");
}

static void
test_edit_base_rev_from_field_revs (Fixture       *fixture,
                                    gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before;

  /* what the server confirmed last */
  kontor_test_exec (store, "DELETE FROM outbox");
  kontor_test_exec (store, "UPDATE contact SET rev = 1180, "
                           "field_revs = '{\"city\":1175,\"last_name\":1180}'");

  before = kontor_test_outbox_last_seq (store);
  kontor_contact_set_city (contact, "Bonn");
  kontor_contact_set_job_title (contact, "CTO");
  kontor_test_save (store, contact);

  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (outbox_get (entries, 0)->field, ==, "job_title");
  g_assert_cmpint (outbox_get (entries, 0)->base_rev, ==, 0);
  g_assert_cmpstr (outbox_get (entries, 1)->field, ==, "city");
  g_assert_cmpint (outbox_get (entries, 1)->base_rev, ==, 1175);
}

static void
test_failed_save_leaves_nothing_trigger (Fixture       *fixture,
                                         gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(ChangedRecorder) changed = changed_recorder_new (store);
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before = kontor_test_outbox_last_seq (store);
  g_autofree char *updated_before = query_text (store, "SELECT updated_at || '/' || sort_name "
                                                       "FROM contact", NULL);
  g_autofree char *updated_after = NULL;

  /* The second part of the save fails: its outbox entry, after the row
   * and the first entry were written. */
  kontor_test_exec (store,
                    "CREATE TEMP TRIGGER refuse_city BEFORE INSERT ON outbox "
                    "WHEN NEW.field = 'city' "
                    "BEGIN SELECT RAISE (ABORT, 'test refuses the city'); END");

  kontor_contact_set_last_name (contact, "Zuckermann");
  kontor_contact_set_city (contact, "Bonn");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == KONTOR_STORE_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s", error->message);

  /* nothing of the first part is stored */
  loaded = reload (store, contact);
  g_assert_cmpstr (kontor_contact_get_last_name (loaded), ==, "Müller");
  g_assert_null (kontor_contact_get_city (loaded));
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 0);
  updated_after = query_text (store, "SELECT updated_at || '/' || sort_name FROM contact", NULL);
  g_assert_cmpstr (updated_after, ==, updated_before);
  g_assert_cmpuint (count_found (store, filter, "Zuckermann"), ==, 0);
  g_assert_cmpuint (changed->entities->len, ==, 0);

  /* and the store works on */
  kontor_test_exec (store, "DROP TRIGGER temp.refuse_city");
  g_clear_error (&error);
  kontor_test_save (store, contact);
  g_clear_object (&loaded);
  loaded = reload (store, contact);
  g_assert_cmpstr (kontor_contact_get_last_name (loaded), ==, "Zuckermann");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);
}

static void
test_failed_save_leaves_nothing_duplicate (Fixture       *fixture,
                                           gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) owner = kontor_contact_new ();
  g_autoptr(KontorContact) other = save_new_contact (store, "Bernd", "Meier");
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  kontor_contact_set_last_name (owner, "Müller");
  kontor_contact_set_customer_number (owner, "K-1");
  kontor_test_save (store, owner);
  before = kontor_test_outbox_last_seq (store);

  kontor_contact_set_first_name (other, "Bernhard");
  kontor_contact_set_customer_number (other, "K-1");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (other), &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_DUPLICATE_NUMBER);

  loaded = reload (store, other);
  g_assert_cmpstr (kontor_contact_get_first_name (loaded), ==, "Bernd");
  g_assert_null (kontor_contact_get_customer_number (loaded));
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
}

static void
test_outbox_coalesces_pending_edits (Fixture       *fixture,
                                     gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before;
  OutboxEntry *entry;

  kontor_test_exec (store, "UPDATE contact SET field_revs = '{\"job_title\":500}'");
  kontor_contact_set_job_title (contact, "CTO");
  kontor_test_save (store, contact);
  before = kontor_test_outbox_last_seq (store);
  entries = outbox_since (store, before - 1);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (outbox_get (entries, 0)->base_rev, ==, 500);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* the server moved on meanwhile; the user never saw it */
  kontor_test_exec (store, "UPDATE contact SET field_revs = '{\"job_title\":612}'");
  kontor_contact_set_job_title (contact, "CEO");
  kontor_test_save (store, contact);
  kontor_contact_set_job_title (contact, "Vorstand");
  kontor_test_save (store, contact);

  entries = outbox_since (store, 0);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM outbox WHERE field = 'job_title'",
                                          NULL),
                   ==, 1);
  entry = NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      if (g_strcmp0 (outbox_get (entries, i)->field, "job_title") == 0)
        entry = outbox_get (entries, i);
    }
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->seq, ==, before);
  g_assert_cmpstr (entry->value_json, ==, "\"Vorstand\"");
  g_assert_cmpstr (entry->old_value_json, ==, "null");
  g_assert_cmpint (entry->base_rev, ==, 500);
  g_assert_cmpstr (entry->state, ==, "pending");
}

/* Undoing a delete: a record the server knows comes back as a restore; one
 * whose creation was never sent is created there, since the server has
 * nothing to restore (src/store/kontor-store-sync.c) */
static void
test_outbox_undo_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) sent = kontor_contact_new ();
  g_autoptr(KontorContact) unsent = kontor_contact_new ();
  g_autoptr(KontorRecord) sent_again = NULL;
  g_autoptr(KontorRecord) unsent_again = NULL;
  g_autoptr(GError) error = NULL;

  kontor_contact_set_last_name (sent, "Brandt");
  kontor_test_save (store, sent);
  kontor_test_exec (store, "DELETE FROM outbox");   /* as after a sync */
  kontor_contact_set_last_name (unsent, "Lehmann");
  kontor_test_save (store, unsent);

  sent_again = kontor_record_copy (KONTOR_RECORD (sent));
  unsent_again = kontor_record_copy (KONTOR_RECORD (unsent));
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (sent), &error));
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (unsent), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT rev FROM tombstone WHERE id = ?1",
                                          kontor_record_get_id (unsent_again)), ==, -1);

  kontor_test_save (store, sent_again);
  kontor_test_save (store, unsent_again);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                                 "entity_id = ?1 AND op = 'restore'",
                                          kontor_record_get_id (sent_again)), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                                 "entity_id = ?1 AND op = 'create'",
                                          kontor_record_get_id (unsent_again)), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store, "SELECT count(*) FROM outbox WHERE "
                                                 "entity_id = ?1 AND op = 'restore'",
                                          kontor_record_get_id (unsent_again)), ==, 0);
}

static void
test_outbox_no_coalescing_with_inflight (Fixture       *fixture,
                                         gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(GPtrArray) entries = NULL;
  gint64 inflight_seq;
  gint64 before;

  kontor_contact_set_job_title (contact, "CTO");
  kontor_test_save (store, contact);
  /* taken into a push: numbered as the server knows it (kontor-store-sync.c) */
  inflight_seq = kontor_test_outbox_last_seq (store) + 100;
  kontor_test_exec (store, "UPDATE outbox SET state = 'inflight', push_seq = client_seq + 100");

  before = kontor_test_outbox_last_seq (store);
  kontor_contact_set_job_title (contact, "CEO");
  kontor_test_save (store, contact);

  /* the entry on its way to the server is left alone; the new one follows it */
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (outbox_get (entries, 0)->field, ==, "job_title");
  g_assert_cmpstr (outbox_get (entries, 0)->value_json, ==, "\"CEO\"");
  g_assert_cmpstr (outbox_get (entries, 0)->state, ==, "pending");
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM outbox WHERE state = 'inflight' "
                                          "AND value_json = '\"CTO\"'", NULL), ==, 1);

  /* src/README.md "Chained edits" */
  g_assert_cmpint (outbox_get (entries, 0)->after_local_seq, ==, inflight_seq);
}

static void
test_outbox_no_entry_for_no_op_save (Fixture       *fixture,
                                     gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(KontorContact) loaded = reload (store, contact);
  gint64 before = kontor_test_outbox_last_seq (store);
  gint64 updated_at = kontor_record_get_updated_at (KONTOR_RECORD (loaded));

  kontor_test_save (store, contact);
  kontor_test_save (store, loaded);

  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT updated_at FROM contact", NULL), ==, updated_at);
}

static void
test_channels_outbox_entries (Fixture       *fixture,
                              gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autofree char *channel_id = NULL;
  gint64 before;
  OutboxEntry *entry;
  KontorChannel *channel;

  /* added */
  kontor_test_exec (store, "UPDATE outbox SET state = 'inflight'");
  before = kontor_test_outbox_last_seq (store);
  kontor_contact_add_email (contact, "work", "anna@example.de");
  kontor_test_save (store, contact);
  channel_id = g_strdup (((KontorChannel *) g_ptr_array_index (kontor_contact_get_emails (contact),
                                                               0))->id);
  g_assert_true (kontor_uuid_is_valid (channel_id));

  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = outbox_get (entries, 0);
  g_assert_cmpstr (entry->entity, ==, "contact_channel");
  g_assert_cmpstr (entry->entity_id, ==, channel_id);
  g_assert_cmpstr (entry->op, ==, "create");
  g_assert_nonnull (strstr (entry->value_json, id_of (contact)));
  g_assert_nonnull (strstr (entry->value_json, "\"field\":\"emails\""));
  g_assert_nonnull (strstr (entry->value_json, "\"value\":\"anna@example.de\""));
  g_assert_nonnull (strstr (entry->value_json, "\"label\":\"work\""));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* changed: one entry per changed column of the child row */
  kontor_test_exec (store, "UPDATE outbox SET state = 'inflight'");
  before = kontor_test_outbox_last_seq (store);
  emails = kontor_channel_array_copy (kontor_contact_get_emails (contact));
  channel = g_ptr_array_index (emails, 0);
  g_free (channel->value);
  channel->value = g_strdup ("anna.mueller@example.de");
  g_free (channel->label);
  channel->label = g_strdup ("home");
  kontor_contact_set_emails (contact, emails);
  kontor_test_save (store, contact);

  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = outbox_get (entries, 0);
  g_assert_cmpstr (entry->entity, ==, "contact_channel");
  g_assert_cmpstr (entry->entity_id, ==, channel_id);
  g_assert_cmpstr (entry->op, ==, "update");
  g_assert_cmpstr (entry->field, ==, "label");
  g_assert_cmpstr (entry->value_json, ==, "\"home\"");
  g_assert_cmpstr (entry->old_value_json, ==, "\"work\"");
  entry = outbox_get (entries, 1);
  g_assert_cmpstr (entry->field, ==, "value");
  g_assert_cmpstr (entry->value_json, ==, "\"anna.mueller@example.de\"");
  g_assert_cmpstr (entry->old_value_json, ==, "\"anna@example.de\"");
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact_channel", NULL), ==, 1);

  /* removed */
  kontor_test_exec (store, "UPDATE outbox SET state = 'inflight'");
  before = kontor_test_outbox_last_seq (store);
  kontor_contact_set_emails (contact, NULL);
  kontor_test_save (store, contact);

  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = outbox_get (entries, 0);
  g_assert_cmpstr (entry->entity, ==, "contact_channel");
  g_assert_cmpstr (entry->entity_id, ==, channel_id);
  g_assert_cmpstr (entry->op, ==, "delete");
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact_channel", NULL), ==, 0);

  /* never as a field of the contact itself */
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM outbox WHERE field = 'emails'",
                                          NULL),
                   ==, 0);
  loaded = reload (store, contact);
  g_assert_null (kontor_contact_get_primary_email (loaded));
}

static void
test_channels_reorder (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before;

  kontor_contact_set_last_name (contact, "Müller");
  kontor_contact_add_phone (contact, "work", "030 111");
  kontor_contact_add_phone (contact, "mobile", "0171 222");
  kontor_test_save (store, contact);

  /* the mobile number first: the primary phone changes */
  phones = kontor_channel_array_copy (kontor_contact_get_phones (contact));
  g_ptr_array_add (phones, g_ptr_array_steal_index (phones, 0));
  kontor_contact_set_phones (contact, phones);
  before = kontor_test_outbox_last_seq (store);
  kontor_test_save (store, contact);

  loaded = reload (store, contact);
  g_assert_cmpstr (kontor_contact_get_primary_phone (loaded), ==, "0171 222");
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (outbox_get (entries, 0)->field, ==, "position");
  g_assert_cmpstr (outbox_get (entries, 1)->field, ==, "position");
}

static void
test_links_outbox_entries (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorUser) anna = save_new_user (store, "anna", "Anna Schmidt");
  g_autoptr(KontorUser) bernd = save_new_user (store, "bernd", "Bernd Meier");
  g_autoptr(KontorContact) contact = save_new_contact (store, "Carla", "Kunde");
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *both[] = { id_of (anna), id_of (bernd), NULL };
  const char *only_bernd[] = { id_of (bernd), NULL };
  gint64 before = kontor_test_outbox_last_seq (store);

  kontor_contact_set_sales_reps (contact, both);
  kontor_test_save (store, contact);
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);
  /* a link is named by what it links: owner, field and user */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *target_json = g_strdup_printf ("\"%s\"", both[i]);

      g_assert_cmpstr (outbox_get (entries, i)->entity, ==, "contact_link");
      g_assert_cmpstr (outbox_get (entries, i)->entity_id, ==, id_of (contact));
      g_assert_cmpstr (outbox_get (entries, i)->op, ==, "create");
      g_assert_cmpstr (outbox_get (entries, i)->field, ==, "sales_reps");
      g_assert_cmpstr (outbox_get (entries, i)->value_json, ==, target_json);
    }
  g_clear_pointer (&entries, g_ptr_array_unref);

  kontor_test_exec (store, "UPDATE outbox SET state = 'inflight'");
  before = kontor_test_outbox_last_seq (store);
  kontor_contact_set_sales_reps (contact, only_bernd);
  kontor_test_save (store, contact);
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (outbox_get (entries, 0)->entity, ==, "contact_link");
  g_assert_cmpstr (outbox_get (entries, 0)->op, ==, "delete");
  g_assert_cmpstr (outbox_get (entries, 0)->field, ==, "sales_reps");
  g_assert_nonnull (strstr (outbox_get (entries, 0)->value_json, id_of (anna)));

  loaded = reload (store, contact);
  g_assert_cmpstrv (kontor_contact_get_sales_reps (loaded), only_bernd);
  g_assert_null (kontor_contact_get_assignees (loaded));
}

/* ------------------------------------------------------------------------ */
/* Delete */

static KontorContact *
save_person_to_forget (KontorStore *store)
{
  KontorContact *contact = kontor_contact_new ();
  g_autoptr(KontorUser) rep = save_new_user (store, "anna", "Anna Schmidt");
  const char *reps[] = { id_of (rep), NULL };

  kontor_contact_set_first_name (contact, "Hildegunde");
  kontor_contact_set_last_name (contact, "Quellmalz");
  kontor_contact_add_email (contact, "work", "h.quellmalz@wipetest.example");
  kontor_contact_add_phone (contact, "mobile", "+49 171 9876543");
  kontor_contact_set_birthday (contact, "1961-07-13");
  kontor_contact_set_notes (contact, "Geheimnotiz Zwetschgenbaum");
  kontor_contact_set_street (contact, "Rosenweg 13");
  kontor_contact_set_sales_reps (contact, reps);
  kontor_test_save (store, contact);

  /* edits waiting in the outbox hold old values too */
  kontor_contact_set_city (contact, "Quedlinburg");
  kontor_contact_set_first_name (contact, "Hilde");
  kontor_contact_add_phone (contact, "home", "03946 555123");
  kontor_test_save (store, contact);

  /* and the last state the server confirmed */
  {
    sqlite3_stmt *stmt = kontor_test_prepare (store,
                                              "INSERT INTO record_shadow (entity, id, values_json, "
                                              "field_revs_json, rev) VALUES ('contact', ?1, "
                                              "'{\"last_name\":\"Quellmalz\","
                                              "\"first_name\":\"Hildegunde\"}', "
                                              "'{\"last_name\":3}', 3)",
                                              id_of (contact));

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }

  return contact;
}

static void
test_delete_keeps_tombstone (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) keep = save_new_contact (store, "Bernd", "Bleibt");
  g_autoptr(KontorContact) contact = save_person_to_forget (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *id = g_strdup (id_of (contact));
  g_autofree char *deleted_by = NULL;
  gpointer gone;
  gint64 before = kontor_test_outbox_last_seq (store);

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (contact), &error));
  g_assert_no_error (error);

  gone = kontor_store_load (store, KONTOR_TYPE_CONTACT, id, &error);
  g_assert_null (gone);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the tombstone: entity, id, who, when; nothing else to hold */
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM tombstone WHERE entity = 'contact' "
                                          "AND id = ?1 AND deleted_at > 0", id), ==, 1);
  deleted_by = query_text (store, "SELECT deleted_by FROM tombstone WHERE id = ?1", id);
  g_assert_cmpstr (deleted_by, ==, id_of (kontor_store_get_current_user (store)));

  /* one "delete" entry, and the pending entries of the person are gone */
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (outbox_get (entries, 0)->entity, ==, "contact");
  g_assert_cmpstr (outbox_get (entries, 0)->entity_id, ==, id);
  g_assert_cmpstr (outbox_get (entries, 0)->op, ==, "delete");
  g_assert_null (outbox_get (entries, 0)->value_json);
  g_assert_cmpint (outbox_get (entries, 0)->base_rev, ==, 0);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM outbox WHERE entity_id = ?1", id),
                   ==, 1);

  /* children are gone with the row */
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact_channel "
                                          "WHERE owner_id = ?1",
                                          id), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM contact_link WHERE owner_id = ?1",
                                          id), ==, 0);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM record_shadow WHERE id = ?1 AND "
                                          "deleted = 1 AND values_json IS NULL", id), ==, 1);

  /* the other contact is untouched */
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 1);
  g_assert_nonnull (keep);
}

static gboolean
purge_done (gpointer data)
{
  return !kontor_store_get_purging (KONTOR_STORE (data));
}

static void
assert_not_in_file (const char *db_path,
                    const char *needle)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      if (memmem (contents, length, needle, strlen (needle)) != NULL)
        g_test_fail_printf ("“%s” is still in the file %s", needle, path);
    }
}

static void
test_delete_wipes_person_everywhere (Fixture       *fixture,
                                     gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) keep = save_new_contact (store, "Bernd", "Bleibt");
  g_autoptr(KontorContact) contact = save_person_to_forget (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) kept = NULL;
  const char *needles[] = {
    "Quellmalz", "Hildegunde", "Hilde", "quellmalz@wipetest", "wipetest", "9876543",
    "555123", "Zwetschgenbaum", "Rosenweg", "Quedlinburg", "1961-07-13",
  };

  /* the sweep finds what is there, in the search index too */
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_true (database_contains (store, needles[i], NULL));
  g_assert_false (database_contains (store, "Nirgendwo", NULL));

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (contact), &error));
  g_assert_no_error (error);

  /* the search index's words go with the purge the delete started */
  g_assert_true (kontor_store_get_purging (store));
  g_assert_true (kontor_test_iterate_until (purge_done, store, KONTOR_TEST_TIMEOUT));

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      assert_nowhere_in_database (store, needles[i]);
      /* not in the files either: freed pages are overwritten and the
       * write-ahead log was emptied */
      assert_not_in_file (fixture->path, needles[i]);
    }

  /* while the other contact is all there */
  g_assert_true (database_contains (store, "Bleibt", NULL));
  kept = reload (store, keep);
  g_assert_cmpstr (kontor_contact_get_last_name (kept), ==, "Bleibt");
}

static void
test_delete_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(KontorContact) copy = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (contact)));
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (contact), &error));
  g_assert_no_error (error);
  before = kontor_test_outbox_last_seq (store);

  /* deleted meanwhile (on another machine, or by a second click) */
  g_assert_false (kontor_store_delete (store, KONTOR_RECORD (copy), &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
}

/* ------------------------------------------------------------------------ */
/* Status lifecycle */

static KontorContact *
save_customer_with_everything (KontorStore *store)
{
  KontorContact *contact = kontor_contact_new ();
  g_autoptr(KontorUser) rep = save_new_user (store, "anna", "Anna Schmidt");
  const char *reps[] = { id_of (rep), NULL };

  kontor_contact_set_first_name (contact, "Dora");
  kontor_contact_set_last_name (contact, "Dauer");
  kontor_contact_add_email (contact, "work", "dora@example.de");
  kontor_contact_add_phone (contact, "work", "030 4444");
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_contact_set_pipeline_status_id (contact, OFFER_STATUS_ID);
  kontor_contact_set_customer_number (contact, "K-2026-00100");
  kontor_contact_set_notes (contact, "Stammkundin");
  kontor_contact_set_sales_reps (contact, reps);
  kontor_contact_set_rank (contact, "a5");
  kontor_test_save (store, contact);

  return contact;
}

static void
test_archive_remembers_previous_status (Fixture       *fixture,
                                        gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_customer_with_everything (store);
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before = kontor_test_outbox_last_seq (store);

  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, contact);

  loaded = reload (store, contact);
  g_assert_cmpint (kontor_contact_get_status (loaded), ==, KONTOR_CONTACT_STATUS_ARCHIVED);
  g_assert_cmpint (kontor_contact_get_previous_status (loaded), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_assert_cmpint (kontor_contact_get_previous_status (contact), ==,
                   KONTOR_CONTACT_STATUS_CUSTOMER);

  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (outbox_get (entries, 0)->field, ==, "status");
  g_assert_cmpstr (outbox_get (entries, 0)->value_json, ==, "\"archived\"");
  g_assert_cmpstr (outbox_get (entries, 1)->field, ==, "previous_status");
  g_assert_cmpstr (outbox_get (entries, 1)->value_json, ==, "\"customer\"");
}

static void
test_restricted_cannot_change_pipeline_status (Fixture       *fixture,
                                               gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_customer_with_everything (store);
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorContact) inbox = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 before;

  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, contact);
  before = kontor_test_outbox_last_seq (store);

  kontor_contact_set_pipeline_status_id (contact, CONTACTED_STATUS_ID);
  kontor_contact_set_notes (contact, "verschoben");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_STATUS_TRANSITION);
  g_assert_nonnull (strstr (error->message, "Dora Dauer"));
  g_clear_error (&error);

  loaded = reload (store, contact);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (loaded), ==, OFFER_STATUS_ID);
  g_assert_cmpstr (kontor_contact_get_notes (loaded), ==, "Stammkundin");
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);

  /* its other data may still be edited */
  kontor_contact_set_pipeline_status_id (contact, OFFER_STATUS_ID);
  kontor_test_save (store, contact);

  /* the same for an inbox contact */
  kontor_contact_set_last_name (inbox, "Import");
  kontor_contact_set_status (inbox, KONTOR_CONTACT_STATUS_INBOX);
  kontor_test_save (store, inbox);
  kontor_contact_set_pipeline_status_id (inbox, OFFER_STATUS_ID);
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (inbox), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_STATUS_TRANSITION);
}

static void
test_reactivate_keeps_everything (Fixture       *fixture,
                                  gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_customer_with_everything (store);
  g_autoptr(KontorContact) before = reload (store, contact);
  g_autoptr(KontorContact) archived = NULL;
  g_autoptr(KontorContact) active = NULL;
  g_autoptr(GArray) diff = NULL;

  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, contact);

  /* "Make active" */
  archived = reload (store, contact);
  kontor_contact_set_status (archived,
                             kontor_contact_status_reactivated (
                               kontor_contact_get_previous_status (archived)));
  kontor_test_save (store, archived);

  active = reload (store, contact);
  g_assert_cmpint (kontor_contact_get_status (active), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  diff = kontor_record_diff (KONTOR_RECORD (before), KONTOR_RECORD (active));
  /* only the remembered status differs from before the archive */
  g_assert_cmpuint (diff->len, ==, 1);
  g_assert_cmpuint (g_array_index (diff, guint, 0), ==, KONTOR_CONTACT_FIELD_PREVIOUS_STATUS);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (active), ==, OFFER_STATUS_ID);
  g_assert_cmpstr (kontor_contact_get_customer_number (active), ==, "K-2026-00100");
  g_assert_cmpstr (kontor_contact_get_primary_email (active), ==, "dora@example.de");
  g_assert_cmpstr (kontor_contact_get_primary_phone (active), ==, "030 4444");

  /* and now the board may move it again */
  kontor_contact_set_pipeline_status_id (active, CONTACTED_STATUS_ID);
  kontor_test_save (store, active);
}

/* ------------------------------------------------------------------------ */
/* Customer numbers */

static void
test_duplicate_number_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) owner = kontor_contact_new ();
  g_autoptr(KontorContact) second = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 before;

  kontor_contact_set_first_name (owner, "Anna");
  kontor_contact_set_last_name (owner, "Müller");
  kontor_contact_set_customer_number (owner, "K-2026-00001");
  kontor_test_save (store, owner);
  before = kontor_test_outbox_last_seq (store);

  kontor_contact_set_last_name (second, "Zweiter");
  kontor_contact_set_customer_number (second, "K-2026-00001");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (second), &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_DUPLICATE_NUMBER);
  g_assert_nonnull (strstr (error->message, "Anna Müller"));
  g_assert_nonnull (strstr (error->message, "K-2026-00001"));

  /* never silently changed, and nothing stored */
  g_assert_cmpstr (kontor_contact_get_customer_number (second), ==, "K-2026-00001");
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 1);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);

  /* saving the owner again is no conflict with itself */
  kontor_contact_set_city (owner, "Berlin");
  kontor_test_save (store, owner);

  /* no number is no conflict */
  kontor_contact_set_customer_number (second, "");
  kontor_test_save (store, second);
}

static void
test_duplicate_number_across_companies (Fixture       *fixture,
                                        gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) company = kontor_company_new ("Bäckerei Groß KG");
  g_autoptr(KontorCompany) other_company = kontor_company_new ("Zweite GmbH");
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) owner = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 before;

  kontor_company_set_customer_number (company, "K-50");
  kontor_test_save (store, company);
  kontor_contact_set_last_name (owner, "Eigner");
  kontor_contact_set_first_name (owner, "Erika");
  kontor_contact_set_customer_number (owner, "K-51");
  kontor_test_save (store, owner);
  before = kontor_test_outbox_last_seq (store);

  /* a contact may not take a company's number … */
  kontor_contact_set_last_name (contact, "Müller");
  kontor_contact_set_customer_number (contact, "K-50");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (contact), &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_DUPLICATE_NUMBER);
  g_assert_nonnull (strstr (error->message, "Bäckerei Groß KG"));
  g_clear_error (&error);

  /* … nor a company a contact's or another company's */
  kontor_company_set_customer_number (other_company, "K-51");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (other_company), &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_DUPLICATE_NUMBER);
  g_assert_nonnull (strstr (error->message, "Erika Eigner"));
  g_clear_error (&error);
  kontor_company_set_customer_number (other_company, "K-50");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (other_company), &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_DUPLICATE_NUMBER);
  g_assert_nonnull (strstr (error->message, "Bäckerei Groß KG"));

  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 1);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_COMPANY, NULL), ==, 1);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);
}

/* ------------------------------------------------------------------------ */
/* Undoable field changes */

static void
test_field_change_archive_undo (Fixture       *fixture,
                                gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_customer_with_everything (store);
  g_autoptr(KontorFieldChange) change = NULL;
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = kontor_test_outbox_last_seq (store);
  guint n_commits;

  change = kontor_field_change_new (store, KONTOR_RECORD (contact), "“Dora Dauer” archived");
  kontor_field_change_set_enum (change, KONTOR_CONTACT_FIELD_STATUS,
                                KONTOR_CONTACT_STATUS_ARCHIVED);
  g_assert_cmpstr (kontor_field_change_get_id (change), ==, id_of (contact));
  g_assert_cmpstr (kontor_operation_get_title (KONTOR_OPERATION (change)), ==,
                   "“Dora Dauer” archived");
  g_assert_false (kontor_operation_is_applied (KONTOR_OPERATION (change)));

  kontor_test_count_commits (store, &n_commits);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_true (kontor_operation_is_applied (KONTOR_OPERATION (change)));

  loaded = reload (store, contact);
  g_assert_cmpint (kontor_contact_get_status (loaded), ==, KONTOR_CONTACT_STATUS_ARCHIVED);
  g_assert_cmpint (kontor_contact_get_previous_status (loaded), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (outbox_get (entries, 0)->field, ==, "status");
  g_assert_cmpstr (outbox_get (entries, 0)->value_json, ==, "\"archived\"");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* applying twice changes nothing */
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_cmpuint (n_commits, ==, 1);

  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_commits, ==, 2);
  kontor_test_stop_counting_commits (store);
  g_assert_false (kontor_operation_is_applied (KONTOR_OPERATION (change)));

  g_clear_object (&loaded);
  loaded = reload (store, contact);
  g_assert_cmpint (kontor_contact_get_status (loaded), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (loaded), ==, OFFER_STATUS_ID);

  /* The undo is an edit like any, coalesced into the pending status entry:
   * back to what the server last had, there is nothing left to send for
   * the status; the remembered previous status stays. */
  entries = outbox_since (store, before);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (outbox_get (entries, 0)->field, ==, "previous_status");

  /* undoing twice changes nothing */
  g_assert_true (kontor_operation_undo (KONTOR_OPERATION (change), &error));
}

static void
test_field_change_failure (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_customer_with_everything (store);
  g_autoptr(KontorFieldChange) move = NULL;
  g_autoptr(KontorFieldChange) reactivate = NULL;
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_ARCHIVED);
  kontor_test_save (store, contact);
  before = kontor_test_outbox_last_seq (store);

  /* a board move of an archived contact is refused and not applied */
  move = kontor_field_change_new (store, KONTOR_RECORD (contact), "moved");
  kontor_field_change_set_string (move, KONTOR_CONTACT_FIELD_PIPELINE_STATUS_ID,
                                  CONTACTED_STATUS_ID);
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (move), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_STATUS_TRANSITION);
  g_assert_false (kontor_operation_is_applied (KONTOR_OPERATION (move)));
  g_clear_error (&error);
  loaded = reload (store, contact);
  g_assert_cmpstr (kontor_contact_get_pipeline_status_id (loaded), ==, OFFER_STATUS_ID);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, before);

  /* a record deleted meanwhile */
  reactivate = kontor_field_change_new (store, KONTOR_RECORD (contact), "made active");
  kontor_field_change_set_enum (reactivate, KONTOR_CONTACT_FIELD_STATUS,
                                KONTOR_CONTACT_STATUS_CUSTOMER);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (contact), &error));
  g_assert_false (kontor_operation_apply (KONTOR_OPERATION (reactivate), &error));
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_assert_false (kontor_operation_is_applied (KONTOR_OPERATION (reactivate)));
}

/* ------------------------------------------------------------------------ */
/* The "changed" signal */

static void
test_changed_once_per_transaction (Fixture       *fixture,
                                   gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(ChangedRecorder) changed = changed_recorder_new (store);
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GArray *rowids;

  kontor_contact_set_last_name (contact, "Müller");
  kontor_test_save (store, contact);
  g_assert_cmpuint (changed->entities->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changed->entities, 0), ==, "contact");
  rowids = g_ptr_array_index (changed->rowids, 0);
  g_assert_cmpuint (rowids->len, ==, 1);
  g_assert_cmpint (g_array_index (rowids, gint64, 0), ==, rowid_of (contact));
  changed_recorder_clear (changed);

  kontor_contact_set_city (contact, "Bonn");
  kontor_contact_add_email (contact, NULL, "m@example.de");
  kontor_test_save (store, contact);
  g_assert_cmpuint (changed->entities->len, ==, 1);
  rowids = g_ptr_array_index (changed->rowids, 0);
  g_assert_true (rowids_contain (rowids, rowid_of (contact)));
  changed_recorder_clear (changed);

  /* three new contacts in one transaction: one signal with three rows */
  for (guint i = 0; i < 3; i++)
    {
      KontorContact *member = kontor_contact_new ();

      kontor_contact_set_last_name (member, "Stapel");
      g_ptr_array_add (batch, member);
    }
  g_assert_true (kontor_store_save_all (store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed->entities->len, ==, 1);
  rowids = g_ptr_array_index (changed->rowids, 0);
  g_assert_cmpuint (rowids->len, ==, 3);
  for (guint i = 0; i < batch->len; i++)
    g_assert_true (rowids_contain (rowids, rowid_of (g_ptr_array_index (batch, i))));
  changed_recorder_clear (changed);

  /* delete */
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (contact), &error));
  g_assert_cmpuint (changed->entities->len, ==, 1);
  g_assert_true (rowids_contain (g_ptr_array_index (changed->rowids, 0), rowid_of (contact)));
}

static void
test_changed_not_for_failure_or_no_op (Fixture       *fixture,
                                       gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) contact = save_new_contact (store, "Anna", "Müller");
  g_autoptr(KontorContact) invalid = kontor_contact_new ();
  g_autoptr(ChangedRecorder) changed = changed_recorder_new (store);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) unchanged = NULL;

  /* nothing changed */
  kontor_test_save (store, contact);
  g_assert_cmpuint (changed->entities->len, ==, 0);

  /* refused */
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (invalid), &error));
  g_assert_cmpuint (changed->entities->len, ==, 0);
  g_clear_error (&error);

  /* failed half way: the second record of a batch is invalid */
  g_ptr_array_add (batch, save_new_contact (store, "Gültig", "Eins"));
  changed_recorder_clear (changed);
  kontor_contact_set_city (g_ptr_array_index (batch, 0), "Bonn");
  g_ptr_array_add (batch, g_object_ref (invalid));
  g_assert_false (kontor_store_save_all (store, batch, NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpuint (changed->entities->len, ==, 0);

  /* cancelled */
  g_ptr_array_remove_index (batch, 1);
  g_cancellable_cancel (cancellable);
  g_assert_false (kontor_store_save_all (store, batch, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (changed->entities->len, ==, 0);
  unchanged = reload (store, g_ptr_array_index (batch, 0));
  g_assert_null (kontor_contact_get_city (unchanged));
}

/* ------------------------------------------------------------------------ */
/* Company rename */

static void
test_company_rename_updates_contacts (Fixture       *fixture,
                                      gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) alpha = save_new_company (store, "Alpha GmbH");
  g_autoptr(KontorCompany) beta = save_new_company (store, "Beta AG");
  g_autoptr(KontorCompany) gamma = save_new_company (store, "Gamma KG");
  g_autoptr(KontorContact) x = kontor_contact_new ();
  g_autoptr(KontorContact) y = kontor_contact_new ();
  g_autoptr(KontorContact) z = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(ChangedRecorder) changed = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) found = NULL;
  guint index;

  kontor_contact_set_last_name (x, "Xaver");
  kontor_contact_set_company_id (x, id_of (alpha));
  kontor_contact_set_last_name (y, "Ypsilon");
  kontor_contact_set_company_id (y, id_of (beta));
  kontor_contact_set_last_name (z, "Zett");
  kontor_contact_set_company_id (z, id_of (gamma));
  kontor_test_save (store, z);
  kontor_test_save (store, x);
  kontor_test_save (store, y);
  g_assert_cmpstr (kontor_contact_get_company_name (x), ==, "Alpha GmbH");

  kontor_filter_set_sort_column (filter, KONTOR_SORT_COMPANY);
  order = query_contacts (store, filter);
  g_assert_cmpuint (order->len, ==, 3);
  g_assert_cmpint (g_array_index (order, gint64, 0), ==, rowid_of (x));
  g_assert_cmpint (g_array_index (order, gint64, 1), ==, rowid_of (y));
  g_assert_cmpint (g_array_index (order, gint64, 2), ==, rowid_of (z));
  g_clear_pointer (&order, g_array_unref);

  changed = changed_recorder_new (store);
  kontor_company_set_name (alpha, "Zeta Werke");
  kontor_test_save (store, alpha);

  loaded = reload (store, x);
  g_assert_cmpstr (kontor_contact_get_company_name (loaded), ==, "Zeta Werke");

  order = query_contacts (store, filter);
  g_assert_cmpint (g_array_index (order, gint64, 0), ==, rowid_of (y));
  g_assert_cmpint (g_array_index (order, gint64, 1), ==, rowid_of (z));
  g_assert_cmpint (g_array_index (order, gint64, 2), ==, rowid_of (x));

  kontor_filter_set_search_text (filter, "zeta");
  found = query_contacts (store, filter);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, rowid_of (x));
  g_clear_pointer (&found, g_array_unref);
  g_assert_cmpuint (count_found (store, filter, "alpha"), ==, 0);

  /* lists of contacts learn of it */
  index = changed_recorder_find (changed, "contact");
  g_assert_true (rowids_contain (g_ptr_array_index (changed->rowids, index), rowid_of (x)));
  changed_recorder_find (changed, "company");
  g_assert_cmpuint (changed->entities->len, ==, 2);
}

/* A contact's company name is looked up once per transaction
 * (_kontor_store_dup_name()); a rename in the same transaction is seen by
 * the contacts written before it and after it. */
static void
test_company_rename_in_one_transaction (Fixture       *fixture,
                                        gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) alpha = save_new_company (store, "Alpha GmbH");
  g_autoptr(KontorContact) x = kontor_contact_new ();
  g_autoptr(KontorContact) y = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  kontor_contact_set_last_name (x, "Xaver");
  kontor_contact_set_company_id (x, id_of (alpha));
  kontor_contact_set_last_name (y, "Ypsilon");
  kontor_contact_set_company_id (y, id_of (alpha));
  kontor_company_set_name (alpha, "Zeta Werke");
  g_ptr_array_add (batch, x);
  g_ptr_array_add (batch, alpha);
  g_ptr_array_add (batch, y);
  g_assert_true (kontor_store_save_all (store, batch, NULL, &error));
  g_assert_no_error (error);

  loaded = reload (store, x);
  g_assert_cmpstr (kontor_contact_get_company_name (loaded), ==, "Zeta Werke");
  g_clear_object (&loaded);
  loaded = reload (store, y);
  g_assert_cmpstr (kontor_contact_get_company_name (loaded), ==, "Zeta Werke");

  g_assert_cmpuint (count_found (store, filter, "zeta"), ==, 2);
  g_assert_cmpuint (count_found (store, filter, "alpha"), ==, 0);
}

static void
test_company_delete_updates_contacts (Fixture       *fixture,
                                      gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) alpha = save_new_company (store, "Alpha GmbH");
  g_autoptr(KontorCompany) beta = save_new_company (store, "Beta AG");
  g_autoptr(KontorContact) x = kontor_contact_new ();
  g_autoptr(KontorContact) y = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(ChangedRecorder) changed = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GError) error = NULL;
  guint index;

  kontor_contact_set_last_name (x, "Xaver");
  kontor_contact_set_company_id (x, id_of (alpha));
  kontor_contact_set_last_name (y, "Ypsilon");
  kontor_contact_set_company_id (y, id_of (beta));
  kontor_test_save (store, x);
  kontor_test_save (store, y);

  changed = changed_recorder_new (store);
  g_assert_true (kontor_store_delete (store, KONTOR_RECORD (alpha), &error));
  g_assert_no_error (error);

  /* the contact stays, without the company */
  loaded = reload (store, x);
  g_assert_null (kontor_contact_get_company_id (loaded));
  g_assert_null (kontor_contact_get_company_name (loaded));

  /* … and is no longer found or sorted by the deleted company's name */
  g_assert_cmpuint (count_found (store, filter, "alpha"), ==, 0);
  kontor_filter_set_search_text (filter, NULL);
  kontor_filter_set_sort_column (filter, KONTOR_SORT_COMPANY);
  order = query_contacts (store, filter);
  g_assert_cmpint (g_array_index (order, gint64, 0), ==, rowid_of (y));
  g_assert_cmpint (g_array_index (order, gint64, 1), ==, rowid_of (x));

  /* lists of contacts learn of it */
  index = changed_recorder_find (changed, "contact");
  g_assert_true (rowids_contain (g_ptr_array_index (changed->rowids, index), rowid_of (x)));
}

static void
on_changed_save_another_cb (KontorStore *store,
                            const char  *entity,
                            GArray      *rowids,
                            guint       *n_calls)
{
  (*n_calls)++;

  /* handlers may start the next transaction */
  if (*n_calls == 1)
    g_object_unref (save_new_contact (store, "Folge", "Kontakt"));
}

static void
test_changed_handler_may_save (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KontorContact) contact = NULL;
  guint n_calls = 0;
  gulong handler;

  handler = g_signal_connect (fixture->store, "changed::contact",
                              G_CALLBACK (on_changed_save_another_cb), &n_calls);
  contact = save_new_contact (fixture->store, "Erst", "Kontakt");
  g_signal_handler_disconnect (fixture->store, handler);

  g_assert_cmpuint (n_calls, ==, 2);
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, NULL), ==, 2);
  g_assert_true (sqlite3_get_autocommit (_kontor_store_get_db (fixture->store)));
}

static void
test_contact_changes_company (Fixture       *fixture,
                              gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) alpha = save_new_company (store, "Alpha GmbH");
  g_autoptr(KontorCompany) beta = save_new_company (store, "Beta AG");
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  kontor_contact_set_last_name (contact, "Wechsel");
  kontor_contact_set_company_id (contact, id_of (alpha));
  kontor_test_save (store, contact);

  kontor_contact_set_company_id (contact, id_of (beta));
  kontor_test_save (store, contact);
  g_assert_cmpstr (kontor_contact_get_company_name (contact), ==, "Beta AG");
  loaded = reload (store, contact);
  g_assert_cmpstr (kontor_contact_get_company_name (loaded), ==, "Beta AG");

  g_assert_cmpuint (count_found (store, filter, "beta"), ==, 1);
  g_assert_cmpuint (count_found (store, filter, "alpha"), ==, 0);
}

static void
test_find_companies (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorCompany) a = save_new_company (store, "Müller Bau");
  g_autoptr(KontorCompany) b = save_new_company (store, "Bau Schmidt");
  g_autoptr(KontorCompany) c = save_new_company (store, "Elektro Weiß");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(KontorCompany) by_name = NULL;
  g_autoptr(KontorCompany) none = NULL;
  g_autoptr(GError) error = NULL;

  found = kontor_store_find_companies (store, "bau", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (kontor_company_get_name (g_ptr_array_index (found, 0)), ==, "Bau Schmidt");
  g_assert_cmpstr (kontor_company_get_name (g_ptr_array_index (found, 1)), ==, "Müller Bau");
  g_clear_pointer (&found, g_ptr_array_unref);

  found = kontor_store_find_companies (store, "", 1, &error);
  g_assert_cmpuint (found->len, ==, 1);

  by_name = kontor_store_find_company_by_name (store, "elektro weiß", &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_name);
  g_assert_cmpstr (id_of (by_name), ==, id_of (c));

  none = kontor_store_find_company_by_name (store, "Gibt es nicht", &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_clear_object (&a);
  g_clear_object (&b);
}

/* ------------------------------------------------------------------------ */
/* Connection and identity */

static void
test_connection_settings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *journal = query_text (fixture->store, "PRAGMA journal_mode", NULL);

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (kontor_test_query_int (fixture->store, "PRAGMA synchronous", NULL), ==, 2);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "PRAGMA foreign_keys", NULL), ==, 1);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "PRAGMA busy_timeout", NULL), >, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->store, "PRAGMA user_version", NULL), ==,
                   KONTOR_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (kontor_store_get_path (fixture->store), ==, fixture->path);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
}

static void
test_identity_survives_reopen (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *client_id = g_strdup (kontor_store_get_client_id (fixture->store));
  KontorUser *user = kontor_store_get_current_user (fixture->store);
  g_autofree char *user_id = NULL;
  g_autoptr(KontorStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorUser) loaded = NULL;

  g_assert_true (kontor_uuid_is_valid (client_id));
  g_assert_nonnull (user);
  user_id = g_strdup (id_of (user));
  g_assert_true (kontor_uuid_is_valid (user_id));
  g_assert_cmpint (kontor_user_get_role (user), ==, KONTOR_USER_ROLE_ADMIN);
  g_assert_cmpstr (kontor_user_get_username (user), ==, g_get_user_name ());

  /* stored, not only in memory */
  loaded = kontor_store_load (fixture->store, KONTOR_TYPE_USER, user_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_clear_object (&fixture->store);
  reopened = kontor_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (kontor_store_get_client_id (reopened), ==, client_id);
  g_assert_cmpstr (id_of (kontor_store_get_current_user (reopened)), ==, user_id);
  g_assert_cmpint (kontor_store_count (reopened, KONTOR_TYPE_USER, NULL), ==, 1);
  fixture->store = g_steal_pointer (&reopened);
}

static void
test_set_current_user (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorUser) bernd = save_new_user (fixture->store, "bernd", "Bernd Meier");
  g_autoptr(KontorStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_true (kontor_store_set_current_user (fixture->store, bernd, &error));
  g_assert_no_error (error);
  g_assert_true (kontor_store_get_current_user (fixture->store) == bernd);

  /* changes are his now */
  contact = save_new_contact (fixture->store, "Anna", "Müller");
  entries = outbox_since (fixture->store, 0);
  g_assert_cmpstr (outbox_get (entries, entries->len - 1)->user_id, ==, id_of (bernd));

  g_clear_object (&fixture->store);
  reopened = kontor_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id_of (kontor_store_get_current_user (reopened)), ==, id_of (bernd));
  fixture->store = g_steal_pointer (&reopened);
}

static void
test_count_outbox (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorContact) contact = NULL;
  gint64 before = kontor_store_count_outbox (fixture->store, NULL);

  /* what the table holds, whatever opening the store wrote */
  g_assert_cmpint (before, ==, kontor_test_query_int (fixture->store,
                                                      "SELECT count(*) FROM outbox", NULL));
  contact = save_new_contact (fixture->store, "Anna", "Müller");
  g_assert_cmpint (kontor_store_count_outbox (fixture->store, NULL), ==, before + 1);
  kontor_contact_set_city (contact, "Bonn");
  kontor_contact_set_notes (contact, "x");
  kontor_test_save (fixture->store, contact);
  g_assert_cmpint (kontor_store_count_outbox (fixture->store, NULL), ==, before + 3);
}

/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */
/* Birthdays only where the team allows them (feature C8) */

static KontorContact *
save_birthday_contact (KontorStore *store,
                       const char  *last_name,
                       const char  *birthday)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_set_birthday (contact, birthday);
  kontor_test_save (store, contact);

  return contact;
}

/* A birthday without its year (vCard's --04-15) is stored and read as it
 * is; one that is no day is refused before anything is written */
static void
test_birthday_yearless (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) carla = save_birthday_contact (store, "Conti", "--02-29");
  g_autoptr(KontorContact) loaded = reload (store, carla);
  g_autoptr(KontorContact) edited = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (kontor_contact_get_birthday (loaded), ==, "--02-29");

  edited = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (loaded)));
  kontor_contact_set_birthday (edited, "--02-30");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (edited), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE);
  g_clear_object (&loaded);
  loaded = reload (store, carla);
  g_assert_cmpstr (kontor_contact_get_birthday (loaded), ==, "--02-29");
}

static gboolean
keeps_birthdays (KontorStore *store)
{
  g_autoptr(GError) error = NULL;
  gboolean keep = -1;

  g_assert_true (kontor_store_get_keep_birthdays (store, &keep, &error));
  g_assert_no_error (error);

  return keep;
}

static void
test_birthdays_erased (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorContact) anna = save_birthday_contact (store, "Schneider", "1961-07-23");
  g_autoptr(KontorContact) jonas = save_birthday_contact (store, "Becker", "1984-02-29");
  g_autoptr(KontorContact) none = save_birthday_contact (store, "Hoffmann", NULL);
  g_autoptr(KontorContact) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seq_text = NULL;
  gint64 seq;
  guint n_commits = 0;

  /* a database keeps birthdays until an administrator says otherwise */
  g_assert_true (keeps_birthdays (store));
  g_assert_cmpint (kontor_store_count_birthdays (store, NULL), ==, 2);

  /* the old value of an edit is a copy too: the outbox keeps it */
  copy = kontor_store_load (store, KONTOR_TYPE_CONTACT, id_of (anna), NULL);
  kontor_contact_set_birthday (copy, "1961-07-24");
  kontor_test_save (store, copy);
  g_clear_object (&copy);
  g_assert_true (database_contains (store, "1961-07-23", NULL));

  seq = kontor_test_outbox_last_seq (store);
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  kontor_test_count_commits (store, &n_commits);
  g_assert_true (kontor_store_set_keep_birthdays (store, FALSE, &error));
  g_assert_no_error (error);
  kontor_test_stop_counting_commits (store);
  g_assert_cmpuint (n_commits, ==, 1);

  g_assert_false (keeps_birthdays (store));
  g_assert_cmpint (kontor_store_count_birthdays (store, NULL), ==, 0);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 3);

  /* the other machines learn of it: the setting, and each erased birthday */
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM outbox WHERE client_seq > ?1 AND "
                                          "entity = 'team_setting' AND field = 'keep_birthdays' "
                                          "AND value_json = 'false'",
                                          seq_text), ==, 1);
  g_assert_cmpint (kontor_test_query_int (store,
                                          "SELECT count(*) FROM outbox WHERE entity = 'contact' "
                                          "AND field = 'birthday' AND value_json = 'null' AND "
                                          "old_value_json IS NULL AND state = 'pending'",
                                          NULL), ==, 2);

  /* and no copy of a date is left, in the tables or in the files */
  g_assert_true (kontor_test_iterate_until (purge_done, store, KONTOR_TEST_TIMEOUT));
  for (guint i = 0; i < 3; i++)
    {
      const char *dates[] = { "1961-07-23", "1961-07-24", "1984-02-29" };

      assert_nowhere_in_database (store, dates[i]);
      assert_not_in_file (fixture->path, dates[i]);
    }

  /* now a birthday is refused, from a new contact or an edit alike */
  {
    g_autoptr(KontorContact) refused = kontor_contact_new ();

    seq = kontor_test_outbox_last_seq (store);
    kontor_contact_set_last_name (refused, "Yılmaz");
    kontor_contact_set_birthday (refused, "1990-01-01");
    g_assert_false (kontor_store_save (store, KONTOR_RECORD (refused), &error));
    g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 3);

    copy = kontor_store_load (store, KONTOR_TYPE_CONTACT, id_of (none), NULL);
    kontor_contact_set_birthday (copy, "1990-01-01");
    g_assert_false (kontor_store_save (store, KONTOR_RECORD (copy), &error));
    g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);

    /* other edits go on */
    kontor_contact_set_birthday (copy, NULL);
    kontor_contact_set_job_title (copy, "Einkauf");
    kontor_test_save (store, copy);
    g_clear_object (&copy);
  }

  /* switched on again, birthdays are stored again */
  g_assert_true (kontor_store_set_keep_birthdays (store, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&anna);
  anna = save_birthday_contact (store, "Schneider", "1961-07-23");
  g_assert_cmpint (kontor_store_count_birthdays (store, NULL), ==, 1);
}

/* Only an administrator changes the setting, and an erase that fails
 * half way leaves every birthday and the setting as they were */
static void
test_birthdays_setting_refused_or_failed (Fixture       *fixture,
                                          gconstpointer  data)
{
  KontorStore *store = fixture->store;
  g_autoptr(KontorUser) admin = g_object_ref (kontor_store_get_current_user (store));
  g_autoptr(KontorUser) sales = kontor_user_new ("aschneider", NULL, KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorContact) first = save_birthday_contact (store, "Schneider", "1961-07-23");
  g_autoptr(KontorContact) last = save_birthday_contact (store, "Becker", "1984-02-29");
  g_autoptr(GError) error = NULL;
  gint64 seq;

  /* a user is a change for the team too */
  kontor_test_save (store, sales);
  seq = kontor_test_outbox_last_seq (store);
  g_assert_true (kontor_store_set_current_user (store, sales, NULL));
  g_assert_false (kontor_store_set_keep_birthdays (store, FALSE, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_true (keeps_birthdays (store));
  g_assert_cmpint (kontor_store_count_birthdays (store, NULL), ==, 2);

  /* the second contact's row is damaged: its erase fails after the first
   * one's was written */
  g_assert_true (kontor_store_set_current_user (store, admin, NULL));
  kontor_test_exec (store, "UPDATE contact SET last_name = 'Becker' || char(1) "
                           "WHERE last_name = 'Becker'");
  g_assert_false (kontor_store_set_keep_birthdays (store, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (keeps_birthdays (store));
  g_assert_cmpint (kontor_store_count_birthdays (store, NULL), ==, 2);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, seq);
}

/* Another process's commit (kontor import from a terminal) is announced
 * once, for every kind of record; the store's own commits are not
 * (src/README.md "The command line") */
static void
on_other_changed_cb (KontorStore *store,
                     const char  *entity,
                     GArray      *rowids,
                     gpointer     user_data)
{
  GHashTable *seen = user_data;

  g_assert_cmpuint (rowids->len, ==, 0);
  g_hash_table_add (seen, g_strdup (entity));
}

static void
test_other_writers (KontorStoreFixture *fixture,
                    gconstpointer       data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(KontorContact) own = kontor_contact_new ();
  g_autoptr(KontorContact) theirs = kontor_contact_new ();
  g_autoptr(KontorStore) other = NULL;
  g_autoptr(GError) error = NULL;

  /* the first look only takes the version */
  g_assert_false (kontor_store_check_other_writers (fixture->store, &error));
  g_assert_no_error (error);

  kontor_contact_set_last_name (own, "Eigen");
  kontor_test_save (fixture->store, own);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_other_changed_cb), seen);
  g_assert_false (kontor_store_check_other_writers (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);

  other = kontor_store_open (fixture->path, &error);
  g_assert_no_error (error);
  kontor_contact_set_last_name (theirs, "Fremd");
  kontor_contact_set_company_name (theirs, "Fremd GmbH");
  kontor_test_save (other, theirs);

  g_assert_true (kontor_store_check_other_writers (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (seen, "contact"));
  g_assert_true (g_hash_table_contains (seen, "company"));
  g_assert_true (g_hash_table_contains (seen, "pipeline_status"));
  /* and the lists read it: the other's contact is there */
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, &error), ==, 2);

  /* announced once */
  g_hash_table_remove_all (seen);
  g_assert_false (kontor_store_check_other_writers (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);
  g_signal_handlers_disconnect_by_data (fixture->store, seen);
}

static gboolean
save_one_contact (KontorStoreJob  *job,
                  KontorStore     *connection,
                  gpointer         user_data,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();

  kontor_contact_set_last_name (contact, "Auftrag");
  return kontor_store_save (connection, KONTOR_RECORD (contact), error);
}

/* The store's own job commits through another connection, which moves
 * PRAGMA data_version as a terminal's import would: the job's catching
 * up looks at it, so the window's next look announces nothing again */
static void
test_other_writers_own_job (KontorStoreFixture *fixture,
                            gconstpointer       data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(KontorStoreJob) job = kontor_store_job_new (fixture->store, "Saving",
                                                        save_one_contact, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_store_check_other_writers (fixture->store, &error));
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_other_changed_cb), seen);

  g_assert_true (kontor_store_job_run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (seen, "contact"));
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, &error), ==, 1);

  g_hash_table_remove_all (seen);
  g_assert_false (kontor_store_check_other_writers (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);
  g_signal_handlers_disconnect_by_data (fixture->store, seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  TEST ("/store/contact/round-trip-every-field", test_contact_round_trip);
  TEST ("/store/other-writers/announced-once", test_other_writers);
  TEST ("/store/other-writers/own-job-announced-once", test_other_writers_own_job);
  TEST ("/store/contact/create-outbox-entry", test_contact_create_outbox_entry);
  TEST ("/store/company/round-trip", test_company_round_trip);
  TEST ("/store/contact/marketing-objection", test_contact_marketing_objection);
  TEST ("/store/user-and-team/round-trip-not-in-outbox", test_user_and_team_round_trip);
  TEST ("/store/pipeline-status/builtin", test_pipeline_statuses);
  TEST ("/store/schema/field-tables-match-columns", test_field_tables_match_schema);
  TEST ("/store/load/missing-not-found", test_load_missing);
  TEST ("/store/contact/foreign-id-created", test_contact_with_foreign_id_is_created);
  TEST ("/store/contact/invalid-refused", test_contact_invalid_refused);
  TEST ("/store/contact/new-in-pipeline-status-new", test_contact_new_in_pipeline_new);

  TEST ("/store/outbox/edit-two-fields-two-entries", test_edit_two_fields_two_outbox_entries);
  TEST ("/store/outbox/value-json", test_edit_outbox_values);
  TEST ("/store/outbox/base-rev-from-field-revs", test_edit_base_rev_from_field_revs);
  TEST ("/store/outbox/failed-save-leaves-nothing", test_failed_save_leaves_nothing_trigger);
  TEST ("/store/outbox/duplicate-number-leaves-nothing",
        test_failed_save_leaves_nothing_duplicate);
  TEST ("/store/outbox/coalesce-pending-edit", test_outbox_coalesces_pending_edits);
  TEST ("/store/outbox/edit-after-inflight-chained", test_outbox_no_coalescing_with_inflight);
  TEST ("/store/outbox/undo-delete", test_outbox_undo_delete);
  TEST ("/store/outbox/no-op-save-no-entry", test_outbox_no_entry_for_no_op_save);
  TEST ("/store/outbox/channel-child-rows", test_channels_outbox_entries);
  TEST ("/store/outbox/channel-reorder", test_channels_reorder);
  TEST ("/store/outbox/link-child-rows", test_links_outbox_entries);

  TEST ("/store/delete/tombstone-and-outbox", test_delete_keeps_tombstone);
  TEST ("/store/delete/missing-not-found", test_delete_missing);

  TEST ("/store/status/archive-remembers-previous", test_archive_remembers_previous_status);
  TEST ("/store/status/restricted-keeps-pipeline-status",
        test_restricted_cannot_change_pipeline_status);
  TEST ("/store/status/reactivate-keeps-everything", test_reactivate_keeps_everything);

  TEST ("/store/contact/duplicate-number-refused", test_duplicate_number_refused);
  TEST ("/store/company/duplicate-number-refused", test_duplicate_number_across_companies);

  TEST ("/store/field-change/archive-and-undo", test_field_change_archive_undo);
  TEST ("/store/field-change/failure-not-applied", test_field_change_failure);

  TEST ("/store/changed/once-per-transaction", test_changed_once_per_transaction);
  TEST ("/store/changed/not-for-failure-or-no-op", test_changed_not_for_failure_or_no_op);
  TEST ("/store/changed/handler-may-save", test_changed_handler_may_save);

  TEST ("/store/company/rename-updates-contacts", test_company_rename_updates_contacts);
  TEST ("/store/company/rename-in-one-transaction", test_company_rename_in_one_transaction);
  TEST ("/store/company/delete-updates-contacts", test_company_delete_updates_contacts);
  TEST ("/store/contact/change-company", test_contact_changes_company);
  TEST ("/store/company/find", test_find_companies);
  TEST ("/store/company/typed-by-name-links-or-creates", test_company_typed_by_name);

  TEST ("/store/connection/wal-synchronous-full-foreign-keys", test_connection_settings);
  TEST ("/store/identity/survives-reopen", test_identity_survives_reopen);
  TEST ("/store/identity/set-current-user", test_set_current_user);
  TEST ("/store/outbox/count", test_count_outbox);
  TEST ("/store/wipe/deleted-person-gone-from-every-table", test_delete_wipes_person_everywhere);
  TEST ("/store/birthdays/erased-when-not-kept", test_birthdays_erased);
  TEST ("/store/birthdays/yearless", test_birthday_yearless);
  TEST ("/store/birthdays/setting-refused-or-failed", test_birthdays_setting_refused_or_failed);

  return g_test_run ();
}
