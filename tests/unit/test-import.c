/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-import"

#include "config.h"

#include <glib/gstdio.h>

#include "kontor-activity.h"
#include "kontor-channel.h"
#include "kontor-company.h"
#include "kontor-contact-merge.h"
#include "kontor-csv-mapping.h"
#include "kontor-import.h"
#include "kontor-store-private.h"
#include "kontor-store-sync.h"
#include "kontor-vcard.h"
#include "kontor-test-utils.h"

/* The import engine (features I3, I5, X2): a plan that reads without
 * writing and lists failures and duplicates, a run in one transaction that
 * Cancel or a failure leaves without a trace, imported contacts in the
 * Inbox with their companies matched by name, and one undoable operation.
 *
 * The rows come from TestSource, a KontorImportSource over an array: each
 * entry a contact, or a row error, or a read error that ends the file on
 * a given pass. */

/* ── TestSource ───────────────────────────────────────────────────── */

typedef struct
{
  guint              line;
  KontorContact     *contact;      /* NULL for an error */
  KontorImportError  code;
  guint              on_pass;      /* an error only on this pass (1 plan, 2 run); 0 always */
} Entry;

#define TEST_TYPE_SOURCE (test_source_get_type ())
G_DECLARE_FINAL_TYPE (TestSource, test_source, TEST, SOURCE, KontorImportSource)

struct _TestSource
{
  KontorImportSource  parent_instance;

  GArray             *entries;     /* Entry */
  guint               next;
  guint               pass;
  GCancellable       *cancel_at_run;   /* cancelled when the run reads cancel_index */
  guint               cancel_index;
};

G_DEFINE_FINAL_TYPE (TestSource, test_source, KONTOR_TYPE_IMPORT_SOURCE)

static gboolean
test_source_rewind (KontorImportSource  *source,
                    GError             **error)
{
  TestSource *self = TEST_SOURCE (source);

  self->next = 0;
  self->pass++;

  return TRUE;
}

static KontorContact *
test_source_next (KontorImportSource  *source,
                  guint               *line,
                  GError             **error)
{
  TestSource *self = TEST_SOURCE (source);

  while (self->next < self->entries->len)
    {
      Entry *entry = &g_array_index (self->entries, Entry, self->next++);

      if (entry->on_pass != 0 && entry->on_pass != self->pass)
        continue;

      *line = entry->line;
      if (self->pass == 2 && self->cancel_at_run != NULL && self->next - 1 == self->cancel_index)
        g_cancellable_cancel (self->cancel_at_run);

      if (entry->contact != NULL)
        return KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (entry->contact)));

      g_set_error (error, KONTOR_IMPORT_ERROR, entry->code,
                   "“test.csv”, line %u: cannot be read", entry->line);
      return NULL;
    }

  return NULL;
}

static goffset
test_source_get_position (KontorImportSource *source)
{
  return TEST_SOURCE (source)->next;
}

static void
test_source_finalize (GObject *object)
{
  TestSource *self = TEST_SOURCE (object);

  for (guint i = 0; i < self->entries->len; i++)
    g_clear_object (&g_array_index (self->entries, Entry, i).contact);
  g_array_unref (self->entries);
  g_clear_object (&self->cancel_at_run);

  G_OBJECT_CLASS (test_source_parent_class)->finalize (object);
}

static void
test_source_class_init (TestSourceClass *klass)
{
  KontorImportSourceClass *source_class = KONTOR_IMPORT_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_source_finalize;
  source_class->rewind = test_source_rewind;
  source_class->next = test_source_next;
  source_class->get_position = test_source_get_position;
}

static void
test_source_init (TestSource *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  kontor_import_source_set_display_name (KONTOR_IMPORT_SOURCE (self), "kunden.csv");
}

/* Adds a row at the next line; returns the contact to fill in */
static KontorContact *
add_row (TestSource *self,
         const char *first_name,
         const char *last_name,
         const char *company,
         const char *email,
         const char *phone)
{
  Entry entry = { 0, };

  entry.line = self->entries->len + 2;   /* after a header line */
  entry.contact = kontor_contact_new ();
  kontor_contact_set_first_name (entry.contact, first_name);
  kontor_contact_set_last_name (entry.contact, last_name);
  kontor_contact_set_company_name (entry.contact, company);
  if (email != NULL)
    kontor_contact_add_email (entry.contact, "work", email);
  if (phone != NULL)
    kontor_contact_add_phone (entry.contact, "work", phone);
  g_array_append_val (self->entries, entry);
  kontor_import_source_set_size (KONTOR_IMPORT_SOURCE (self), self->entries->len);

  return entry.contact;
}

static void
add_error (TestSource        *self,
           KontorImportError  code,
           guint              on_pass)
{
  Entry entry = { 0, };

  entry.line = self->entries->len + 2;
  entry.code = code;
  entry.on_pass = on_pass;
  g_array_append_val (self->entries, entry);
  kontor_import_source_set_size (KONTOR_IMPORT_SOURCE (self), self->entries->len);
}

static TestSource *
test_source_new (void)
{
  return g_object_new (TEST_TYPE_SOURCE, NULL);
}

/* ── Helpers ──────────────────────────────────────────────────────── */

static KontorContact *
save_contact (KontorStore *store,
              const char  *first_name,
              const char  *last_name,
              const char  *company_id,
              const char  *email,
              const char  *phone)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first_name);
  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_set_company_id (contact, company_id);
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  if (email != NULL)
    kontor_contact_add_email (contact, "work", email);
  if (phone != NULL)
    kontor_contact_add_phone (contact, "work", phone);
  kontor_test_save (store, contact);

  return contact;
}

static KontorCompany *
save_company (KontorStore *store,
              const char  *name)
{
  KontorCompany *company = kontor_company_new (name);

  kontor_test_save (store, company);

  return company;
}

static KontorImport *
plan (KontorStore       *store,
      TestSource        *source,
      KontorImportMode   mode,
      KontorImportMatch  match)
{
  g_autoptr(GError) error = NULL;
  KontorImport *import = kontor_import_new (store, KONTOR_IMPORT_SOURCE (source));

  kontor_import_set_mode (import, mode);
  kontor_import_set_match (import, match);
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);

  return import;
}

static KontorOperation *
run (KontorImport *import)
{
  g_autoptr(GError) error = NULL;
  KontorOperation *operation = kontor_import_run (import, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (operation);
  g_assert_true (kontor_operation_is_applied (operation));

  return operation;
}

static gint64
count (KontorStore *store,
       const char  *sql,
       const char  *param)
{
  return kontor_test_query_int (store, sql, param);
}

/* Every stored value the import may touch, as one text; with the
 * creations waiting in the outbox when @outbox */
static char *
dump_with (KontorStore *store,
           gboolean     outbox)
{
  static const char * const queries[] = {
    "SELECT id, salutation, title, first_name, last_name, job_title, company_id, street, "
    "postal_code, city, country, notes, birthday, status, customer_number, is_new, "
    "pipeline_status_id, rank FROM contact ORDER BY id",
    "SELECT owner_id, kind, label, value, position FROM contact_channel "
    "ORDER BY owner_id, kind, position",
    "SELECT id, name FROM company ORDER BY id",
    "SELECT entity, entity_id, op, field FROM outbox WHERE op = 'create' ORDER BY client_seq",
  };
  GString *text = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries) - (outbox ? 0 : 1); q++)
    {
      sqlite3_stmt *stmt = kontor_test_prepare (store, queries[q], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *value = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (text, "%s|", value != NULL ? value : "∅");
            }
          g_string_append_c (text, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (text, "--\n");
    }

  return g_string_free (text, FALSE);
}

static char *
dump (KontorStore *store)
{
  return dump_with (store, TRUE);
}

static KontorContact *
load_contact (KontorStore *store,
              const char  *id)
{
  g_autoptr(GError) error = NULL;
  KontorContact *contact = kontor_store_load (store, KONTOR_TYPE_CONTACT, id, &error);

  g_assert_no_error (error);

  return contact;
}

static char *
id_where (KontorStore *store,
          const char  *sql,
          const char  *param)
{
  sqlite3_stmt *stmt = kontor_test_prepare (store, sql, param);
  char *id;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return id;
}

static KontorImportDuplicate *
duplicate_at (KontorImport *import,
              guint         line)
{
  GListModel *duplicates = kontor_import_get_duplicates (import);

  for (guint i = 0; i < g_list_model_get_n_items (duplicates); i++)
    {
      g_autoptr(KontorImportDuplicate) duplicate = g_list_model_get_item (duplicates, i);

      if (kontor_import_duplicate_get_line (duplicate) == line)
        return duplicate;
    }

  return NULL;
}

/* ── Tests ────────────────────────────────────────────────────────── */

/* C4, X2: new contacts arrive in the Inbox; "Müller GmbH" is the stored
 * "Mueller GmbH"; two rows naming a new company make one */
static void
test_create_inbox_companies (KontorStoreFixture *fixture,
                             gconstpointer       data)
{
  g_autoptr(KontorCompany) mueller = save_company (fixture->store, "Mueller GmbH");
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autofree char *anna = NULL;
  g_autofree char *neu1 = NULL;
  g_autofree char *neu2 = NULL;
  g_autoptr(KontorContact) contact = NULL;

  add_row (source, "Anna", "Schmidt", "Müller GmbH", "anna@mueller.de", NULL);
  add_row (source, "Jonas", "Weber", "Neubau AG", NULL, "0221 555");
  add_row (source, "Lea", "Koch", "NEUBAU AG", NULL, NULL);

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (kontor_import_get_n_rows (import), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 0);
  /* the plan writes nothing */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact", NULL), ==, 0);

  operation = run (import);
  g_assert_cmpstr (kontor_operation_get_title (operation), ==, "Import of “kunden.csv”");
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 3);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE status = ?1",
                          "0" /* KONTOR_CONTACT_STATUS_INBOX */), ==, 3);

  anna = id_where (fixture->store, "SELECT id FROM contact WHERE last_name = ?1", "Schmidt");
  contact = load_contact (fixture->store, anna);
  g_assert_cmpint (kontor_contact_get_status (contact), ==, KONTOR_CONTACT_STATUS_INBOX);
  g_assert_cmpstr (kontor_contact_get_company_id (contact), ==,
                   kontor_record_get_id (KONTOR_RECORD (mueller)));
  g_assert_cmpstr (kontor_contact_get_primary_email (contact), ==, "anna@mueller.de");

  neu1 = id_where (fixture->store, "SELECT company_id FROM contact WHERE last_name = ?1", "Weber");
  neu2 = id_where (fixture->store, "SELECT company_id FROM contact WHERE last_name = ?1", "Koch");
  g_assert_cmpstr (neu1, ==, neu2);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM company", NULL), ==, 2);
  /* every creation goes to the server: contacts and the new company */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE op = 'create' AND "
                          "entity = ?1", "contact"), ==, 3);
  /* and is found */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact_search "
                          "WHERE contact_search MATCH ?1", "Schmidt"), ==, 1);
}

/* Duplicates against the database: same e-mail (case folded), same phone
 * in another notation, same name and company, same customer number */
static void
test_duplicates_stored (KontorStoreFixture *fixture,
                        gconstpointer       data)
{
  g_autoptr(KontorCompany) beispiel = save_company (fixture->store, "Beispiel GmbH");
  g_autoptr(KontorContact) by_mail = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                   "anna@example.de", NULL);
  g_autoptr(KontorContact) by_phone = save_contact (fixture->store, "Ben", "Bauer", NULL, NULL,
                                                    "+49 221 12345");
  g_autoptr(KontorContact) by_name = save_contact (fixture->store, "Max", "Mustermann",
                                                   kontor_record_get_id (KONTOR_RECORD (beispiel)),
                                                   NULL, NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  KontorImportDuplicate *duplicate;
  KontorContact *numbered;

  kontor_contact_set_customer_number (by_name, "K-100");
  kontor_test_save (fixture->store, by_name);

  add_row (source, "A.", "Schmidt", NULL, "Anna@Example.DE", NULL);          /* line 2 */
  add_row (source, "Benjamin", "Bauer", NULL, NULL, "0221 12345");           /* 3 */
  add_row (source, "Max", "Mustermann", "Beispiel GmbH & Co. KG", NULL, NULL); /* 4 */
  numbered = add_row (source, "Other", "Name", NULL, NULL, NULL);            /* 5 */
  kontor_contact_set_customer_number (numbered, "K-100");
  add_row (source, "New", "Person", NULL, "new@example.de", NULL);           /* 6 */

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 4);

  duplicate = duplicate_at (import, 2);
  g_assert_nonnull (duplicate);
  g_assert_cmpint (kontor_import_duplicate_get_reason (duplicate), ==, KONTOR_IMPORT_REASON_EMAIL);
  g_assert_cmpstr (kontor_import_duplicate_get_other_id (duplicate), ==,
                   kontor_record_get_id (KONTOR_RECORD (by_mail)));
  g_assert_cmpstr (kontor_import_duplicate_get_other_name (duplicate), ==, "Anna Schmidt");
  g_assert_cmpuint (kontor_import_duplicate_get_other_line (duplicate), ==, 0);
  g_assert_cmpint (kontor_import_duplicate_get_action (duplicate), ==, KONTOR_IMPORT_ACTION_UPDATE);
  g_assert_cmpstr (kontor_contact_get_first_name (kontor_import_duplicate_get_contact (duplicate)),
                   ==, "A.");

  duplicate = duplicate_at (import, 3);
  g_assert_cmpint (kontor_import_duplicate_get_reason (duplicate), ==, KONTOR_IMPORT_REASON_PHONE);
  g_assert_cmpstr (kontor_import_duplicate_get_other_id (duplicate), ==,
                   kontor_record_get_id (KONTOR_RECORD (by_phone)));

  duplicate = duplicate_at (import, 4);
  g_assert_cmpint (kontor_import_duplicate_get_reason (duplicate), ==,
                   KONTOR_IMPORT_REASON_NAME_COMPANY);
  g_assert_cmpstr (kontor_import_duplicate_get_other_id (duplicate), ==,
                   kontor_record_get_id (KONTOR_RECORD (by_name)));

  duplicate = duplicate_at (import, 5);
  g_assert_cmpint (kontor_import_duplicate_get_reason (duplicate), ==,
                   KONTOR_IMPORT_REASON_CUSTOMER_NUMBER);
  g_assert_cmpstr (kontor_import_reason_to_string (KONTOR_IMPORT_REASON_CUSTOMER_NUMBER), ==,
                   "Same customer number");

  g_assert_null (duplicate_at (import, 6));

  /* the match narrows: only e-mail, and the number's row can't be taken */
  g_clear_object (&import);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_EMAIL);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 1);
  g_assert_nonnull (duplicate_at (import, 2));
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 1);

  g_clear_object (&import);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_PHONE);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 1);
  g_assert_nonnull (duplicate_at (import, 3));

  g_clear_object (&import);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE,
                 KONTOR_IMPORT_MATCH_CUSTOMER_NUMBER);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 1);
  g_assert_nonnull (duplicate_at (import, 5));
}

/* Duplicates within the file: a later row with the same e-mail, phone or
 * name and company is merged into the earlier one by default */
static void
test_duplicates_in_file (KontorStoreFixture *fixture,
                         gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorContact) merged = NULL;
  g_autofree char *id = NULL;
  KontorImportDuplicate *duplicate;
  KontorContact *row;

  add_row (source, "Eva", "Lang", "Holz KG", "eva@holz.de", NULL);       /* 2 */
  row = add_row (source, "Eva", "Lang", NULL, "EVA@holz.de", "0171 2233"); /* 3: e-mail */
  kontor_contact_set_city (row, "Köln");
  add_row (source, "Tom", "Kurz", NULL, NULL, "+49 171 9988");          /* 4 */
  add_row (source, "Thomas", "Kurz", NULL, NULL, "0171 9988");          /* 5: phone */
  add_row (source, "Jan", "Ott", "Stahl AG", NULL, NULL);               /* 6 */
  add_row (source, "Jan", "Ott", "Stahl", "jan@stahl.de", NULL);        /* 7: name + company */

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_SKIP, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 3);

  duplicate = duplicate_at (import, 3);
  g_assert_cmpuint (kontor_import_duplicate_get_other_line (duplicate), ==, 2);
  g_assert_null (kontor_import_duplicate_get_other_id (duplicate));
  g_assert_cmpstr (kontor_import_duplicate_get_other_name (duplicate), ==, "Eva Lang");
  g_assert_cmpint (kontor_import_duplicate_get_action (duplicate), ==, KONTOR_IMPORT_ACTION_MERGE);
  duplicate = duplicate_at (import, 5);
  g_assert_cmpuint (kontor_import_duplicate_get_other_line (duplicate), ==, 4);
  g_assert_cmpint (kontor_import_duplicate_get_reason (duplicate), ==, KONTOR_IMPORT_REASON_PHONE);
  duplicate = duplicate_at (import, 7);
  g_assert_cmpuint (kontor_import_duplicate_get_other_line (duplicate), ==, 6);
  g_assert_cmpint (kontor_import_duplicate_get_reason (duplicate), ==,
                   KONTOR_IMPORT_REASON_NAME_COMPANY);
  /* one skipped instead of merged */
  kontor_import_duplicate_set_action (duplicate_at (import, 7), KONTOR_IMPORT_ACTION_SKIP);

  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 3);
  g_assert_cmpuint (kontor_import_get_n_updated (import), ==, 2);
  g_assert_cmpuint (kontor_import_get_n_skipped (import), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact", NULL), ==, 3);

  /* the merge filled the city and added the phone; the e-mail is there once */
  id = id_where (fixture->store, "SELECT id FROM contact WHERE last_name = ?1", "Lang");
  merged = load_contact (fixture->store, id);
  g_assert_cmpstr (kontor_contact_get_city (merged), ==, "Köln");
  g_assert_cmpuint (kontor_contact_get_emails (merged)->len, ==, 1);
  g_assert_cmpuint (kontor_contact_get_phones (merged)->len, ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE last_name = ?1 "
                          "AND first_name = 'Tom'", "Kurz"), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact_channel WHERE value = ?1",
                          "jan@stahl.de"), ==, 0);
}

/* The mode gives each duplicate of a stored contact its action, also when
 * it changes after the plan */
static void
test_modes (KontorStoreFixture *fixture,
            gconstpointer       data)
{
  g_autoptr(KontorContact) stored = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                  "anna@example.de", NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorContact) after = NULL;
  KontorContact *row;

  row = add_row (source, "Anna", "Schmidt-Lang", NULL, "anna@example.de", NULL);
  kontor_contact_set_city (row, "Bonn");
  add_row (source, "Eva", "Lang", NULL, "eva@example.de", NULL);
  add_row (source, "Eva", "Lang", NULL, "eva@example.de", NULL);

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpint (kontor_import_duplicate_get_action (duplicate_at (import, 2)), ==,
                   KONTOR_IMPORT_ACTION_CREATE);
  kontor_import_set_mode (import, KONTOR_IMPORT_MODE_SKIP);
  g_assert_cmpint (kontor_import_duplicate_get_action (duplicate_at (import, 2)), ==,
                   KONTOR_IMPORT_ACTION_SKIP);
  /* one within the file keeps its merge */
  g_assert_cmpint (kontor_import_duplicate_get_action (duplicate_at (import, 4)), ==,
                   KONTOR_IMPORT_ACTION_MERGE);
  kontor_import_set_mode (import, KONTOR_IMPORT_MODE_UPDATE);
  g_assert_cmpint (kontor_import_duplicate_get_action (duplicate_at (import, 2)), ==,
                   KONTOR_IMPORT_ACTION_UPDATE);

  /* skip: the stored contact stays as it is */
  kontor_import_set_mode (import, KONTOR_IMPORT_MODE_SKIP);
  operation = run (import);
  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (stored)));
  g_assert_cmpstr (kontor_contact_get_last_name (after), ==, "Schmidt");
  g_assert_null (kontor_contact_get_city (after));
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact", NULL), ==, 2);
  g_clear_object (&operation);
  g_clear_object (&after);

  /* create: a second Anna beside the first */
  g_clear_object (&import);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_EMAIL);
  kontor_import_duplicate_set_action (duplicate_at (import, 3), KONTOR_IMPORT_ACTION_SKIP);
  kontor_import_duplicate_set_action (duplicate_at (import, 4), KONTOR_IMPORT_ACTION_SKIP);
  operation = run (import);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE first_name = ?1",
                          "Anna"), ==, 2);
  g_clear_object (&operation);

  /* update: the row's values over the stored ones */
  g_clear_object (&import);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_ANY);
  operation = run (import);
  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (stored)));
  g_assert_cmpstr (kontor_contact_get_last_name (after), ==, "Schmidt-Lang");
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Bonn");
  /* the status is the stored one: an update is no new contact */
  g_assert_cmpint (kontor_contact_get_status (after), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
}

/* Creates, updates and merges, then undo: every stored value as before,
 * and nothing of the creations left to send; redo brings the same ids */
static void
test_undo_redo (KontorStoreFixture *fixture,
                gconstpointer       data)
{
  g_autoptr(KontorCompany) company = save_company (fixture->store, "Altbau GmbH");
  g_autoptr(KontorContact) updated = save_contact (fixture->store, "Anna", "Schmidt",
                                                   kontor_record_get_id (KONTOR_RECORD (company)),
                                                   "anna@example.de", NULL);
  g_autoptr(KontorContact) merged = save_contact (fixture->store, "Ben", "Bauer", NULL, NULL,
                                                  "+49 221 12345");
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_import = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_redo = NULL;
  g_autofree char *import_values = NULL;
  g_autofree char *redo_values = NULL;
  g_autofree char *created_id = NULL;
  KontorContact *row;

  row = add_row (source, "Anna", "Schmidt", "Neubau AG", "anna@example.de", "0228 777");
  kontor_contact_set_city (row, "Bonn");
  kontor_contact_set_job_title (row, "Einkauf");
  row = add_row (source, "Ben", "Bauer", NULL, "ben@example.de", "0221 12345");
  kontor_contact_set_city (row, "Köln");
  add_row (source, "Clara", "Neu", "Neubau AG", "clara@neubau.de", NULL);
  add_row (source, "Clara", "Neu", "Neubau AG", "clara@neubau.de", "0170 1");

  before = dump (fixture->store);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_ANY);
  kontor_import_duplicate_set_action (duplicate_at (import, 3), KONTOR_IMPORT_ACTION_MERGE);
  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 1);
  g_assert_cmpuint (kontor_import_get_n_updated (import), ==, 3);
  after_import = dump (fixture->store);
  import_values = dump_with (fixture->store, FALSE);
  g_assert_cmpstr (before, !=, after_import);
  created_id = id_where (fixture->store, "SELECT id FROM contact WHERE first_name = ?1", "Clara");
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM company", NULL), ==, 2);

  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  after_undo = dump (fixture->store);
  g_assert_cmpstr (before, ==, after_undo);
  /* a creation never sent leaves nothing to send and no tombstone
   * (src/README.md "Tombstones") */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE entity_id = ?1",
                          created_id), ==, 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM tombstone WHERE id = ?1",
                          created_id), ==, 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM company", NULL), ==, 1);

  g_assert_true (kontor_operation_apply (operation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE id = ?1",
                          created_id), ==, 1);
  after_redo = dump (fixture->store);
  redo_values = dump_with (fixture->store, FALSE);
  /* every value as the import left it (the outbox's order differs after
   * an undo and a redo) */
  g_assert_cmpstr (import_values, ==, redo_values);
  /* the same records again; their creations are sent as creations */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                          "AND op = 'create'", created_id), ==, 1);
  {
    g_autoptr(KontorContact) anna = load_contact (fixture->store,
                                                  kontor_record_get_id (KONTOR_RECORD (updated)));
    g_autoptr(KontorContact) ben = load_contact (fixture->store,
                                                 kontor_record_get_id (KONTOR_RECORD (merged)));

    g_assert_cmpstr (kontor_contact_get_city (anna), ==, "Bonn");
    g_assert_cmpstr (kontor_contact_get_job_title (anna), ==, "Einkauf");
    g_assert_cmpstr (kontor_contact_get_company_name (anna), ==, "Neubau AG");
    g_assert_cmpstr (kontor_contact_get_city (ben), ==, "Köln");
    g_assert_cmpuint (kontor_contact_get_emails (ben)->len, ==, 1);
  }

  /* and undo once more */
  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  g_free (after_undo);
  after_undo = dump (fixture->store);
  g_assert_cmpstr (before, ==, after_undo);
}

/* Takes the next @limit outbox entries for a push, as the sync engine
 * does; answers them as the server does when @answer (the records are then
 * known to the server), else leaves them in flight */
static void
push (KontorStore *store,
      guint        limit,
      gboolean     answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) mutations = kontor_store_sync_take_push (store, limit, &error);
  g_autoptr(JsonArray) results = json_array_new ();

  g_assert_no_error (error);
  g_assert_nonnull (mutations);
  if (!answer)
    return;
  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      JsonObject *mutation = json_array_get_object_element (mutations, i);
      JsonObject *result = json_object_new ();

      json_object_set_int_member (result, "client_seq",
                                  json_object_get_int_member (mutation, "client_seq"));
      json_object_set_string_member (result, "status", "applied");
      json_object_set_int_member (result, "rev", 1);
      json_array_add_object_element (results, result);
    }
  g_assert_true (kontor_store_sync_apply_results (store, results, &error));
  g_assert_no_error (error);
}

static gint64
n_matching (KontorStore *store,
            const char  *words)
{
  return count (store, "SELECT count(*) FROM contact_search WHERE contact_search MATCH ?1", words);
}

/* Undo deletes the created contacts the server never heard of all at once:
 * nothing of them is left to send, no tombstone, no history, no words in
 * the search. One already sent, and one whose creation is on its way,
 * get the tombstone and the "delete" entry of every delete. Redo makes
 * them again, sent as what they are to the server, and they are found. */
static void
test_undo_sent (KontorStoreFixture *fixture,
                gconstpointer       data)
{
  static const char * const names[] = { "Adler", "Biber", "Dachs", "Elster" };
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *inflight = NULL;

  /* what the store held before is with the server already */
  push (fixture->store, 10000, TRUE);
  g_assert_cmpint (kontor_store_count_outbox (fixture->store, NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_row (source, "Tier", names[i], NULL, NULL, "0221 4711");
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_EMAIL);
  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 4);
  /* one creation to send per contact, and nothing else */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox", NULL), ==, 4);
  g_assert_cmpint (count (fixture->store, "SELECT count(DISTINCT entity_id) FROM outbox "
                          "WHERE entity = 'contact' AND op = 'create'", NULL), ==, 4);
  g_assert_cmpint (n_matching (fixture->store, "Tier"), ==, 4);

  push (fixture->store, 1, TRUE);
  push (fixture->store, 1, FALSE);
  sent = id_where (fixture->store, "SELECT id FROM contact WHERE rev > 0", NULL);
  inflight = id_where (fixture->store, "SELECT entity_id FROM outbox WHERE state = 'inflight'",
                       NULL);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE state = 'pending'",
                          NULL), ==, 2);

  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, NULL), ==, 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact_channel", NULL), ==, 0);
  g_assert_cmpint (n_matching (fixture->store, "Tier"), ==, 0);
  g_assert_cmpint (n_matching (fixture->store, "4711"), ==, 0);
  /* the two the server knows of: their tombstone, delete and its history */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM journal WHERE op = 'delete'",
                          NULL), ==, 2);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM journal WHERE op <> 'delete'",
                          NULL), ==, 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM tombstone", NULL), ==, 2);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM tombstone WHERE id = ?1",
                          sent), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM tombstone WHERE id = ?1",
                          inflight), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE state = 'pending'",
                          NULL), ==, 2);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                          "AND op = 'delete'", sent), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                          "AND op = 'delete' AND state = 'pending'", inflight), ==, 1);

  g_assert_true (kontor_operation_apply (operation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, NULL), ==, 4);
  g_assert_cmpint (n_matching (fixture->store, "Tier"), ==, 4);
  g_assert_cmpint (n_matching (fixture->store, "Dachs"), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM tombstone", NULL), ==, 0);
  /* the sent one comes back as a restore, the two never sent as creations */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                          "AND op = 'restore'", sent), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE state = 'pending' "
                          "AND op = 'create'", NULL), ==, 2);

  /* sorted by name as before */
  {
    sqlite3_stmt *stmt = kontor_test_prepare (fixture->store,
                                              "SELECT last_name FROM contact ORDER BY sort_name",
                                              NULL);

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, names[i]);
      }
    sqlite3_finalize (stmt);
  }
}

/* An imported contact something else names (here an activity recorded on
 * it after the import) is not deleted with the others in one go: it goes
 * as every delete does, and what names it with it, so nothing of it is
 * left to send */
static void
test_undo_named (KontorStoreFixture *fixture,
                 gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorContact) called = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *called_id = NULL;
  const char *call_id;

  add_row (source, "Tier", "Adler", NULL, NULL, NULL);
  add_row (source, "Tier", "Biber", NULL, NULL, NULL);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_EMAIL);
  operation = run (import);
  called_id = id_where (fixture->store, "SELECT id FROM contact WHERE last_name = ?1", "Adler");
  called = load_contact (fixture->store, called_id);
  call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (called));
  kontor_activity_set_subject (call, "Rückruf");
  kontor_activity_set_starts_at (call, 1767225600);
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_test_save (fixture->store, call);
  call_id = kontor_record_get_id (KONTOR_RECORD (call));
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE entity_id = ?1",
                          call_id), ==, 1);

  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, NULL), ==, 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM activity", NULL), ==, 0);
  /* the activity's creation is not sent for a contact that is gone */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE entity_id = ?1",
                          call_id), ==, 0);
  /* the contact with the activity: the tombstone of a record never sent
   * and the delete of every delete; the other one: nothing */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM tombstone WHERE id = ?1 "
                          "AND rev = -1", called_id), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM tombstone", NULL), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE op <> 'delete'",
                          NULL), ==, 0);

  g_assert_true (kontor_operation_apply (operation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_store_count (fixture->store, KONTOR_TYPE_CONTACT, NULL), ==, 2);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM outbox WHERE op = 'create'",
                          NULL), ==, 2);
}

/* Rows the model refuses and rows the source cannot read are listed with
 * their lines, skipped by the run, and written as CSV */
static void
test_failures (KontorStoreFixture *fixture,
               gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KontorImportFailure *failure;
  KontorContact *row;

  add_row (source, "Anna", "Schmidt", NULL, NULL, NULL);         /* 2 */
  row = add_row (source, NULL, NULL, NULL, NULL, NULL);          /* 3: no name */
  kontor_contact_set_city (row, "Köln");
  add_error (source, KONTOR_IMPORT_ERROR_ROW, 0);                /* 4 */
  row = add_row (source, "Ben", "Bauer", NULL, NULL, NULL);      /* 5: a bad date */
  kontor_contact_set_birthday (row, "1990-02-31");

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (kontor_import_get_n_rows (import), ==, 3);
  g_assert_cmpuint (kontor_import_get_n_done (import), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 3);

  failure = g_list_model_get_item (kontor_import_get_failures (import), 0);
  g_assert_cmpuint (kontor_import_failure_get_line (failure), ==, 3);
  g_assert_nonnull (strstr (kontor_import_failure_get_reason (failure), "name"));
  g_object_unref (failure);
  failure = g_list_model_get_item (kontor_import_get_failures (import), 1);
  g_assert_cmpuint (kontor_import_failure_get_line (failure), ==, 4);
  g_assert_cmpstr (kontor_import_failure_get_reason (failure), ==,
                   "“test.csv”, line 4: cannot be read");
  g_object_unref (failure);
  failure = g_list_model_get_item (kontor_import_get_failures (import), 2);
  g_assert_cmpuint (kontor_import_failure_get_line (failure), ==, 5);
  g_object_unref (failure);

  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact", NULL), ==, 1);
  /* still listed after the run */
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 3);

  g_assert_true (kontor_import_write_failures (import, stream, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_str_has_prefix (text, "Line,Reason\r\n3,"));
  g_assert_nonnull (strstr (text, "\r\n4,\"“test.csv”, line 4: cannot be read\"\r\n"));
  g_assert_nonnull (strstr (text, "\r\n5,"));
}

/* A birthday the team does not keep is dropped, the row imported */
static void
test_birthday_dropped (KontorStoreFixture *fixture,
                       gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  KontorContact *row;

  g_assert_true (kontor_store_set_keep_birthdays (fixture->store, FALSE, &error));
  g_assert_no_error (error);
  row = add_row (source, "Anna", "Schmidt", NULL, NULL, NULL);
  kontor_contact_set_birthday (row, "1980-04-15");

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 0);
  operation = run (import);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE birthday IS NULL",
                          NULL), ==, 1);
}

/* A read error of the run's pass (the file changed since the plan) rolls
 * everything back; the plan's own fatal error fails the plan */
static void
test_read_error (KontorStoreFixture *fixture,
                 gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->store);
  g_autofree char *after = NULL;

  add_row (source, "Anna", "Schmidt", "Neubau AG", NULL, NULL);
  add_row (source, "Ben", "Bauer", NULL, NULL, NULL);
  add_error (source, KONTOR_IMPORT_ERROR_READ, 2);
  add_row (source, "Clara", "Neu", NULL, NULL, NULL);

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (kontor_import_get_n_rows (import), ==, 3);
  operation = kontor_import_run (import, NULL, &error);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  g_assert_null (operation);
  after = dump (fixture->store);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  g_clear_object (&import);

  /* the same error in the plan */
  add_error (source, KONTOR_IMPORT_ERROR_SYNTAX, 0);
  import = kontor_import_new (fixture->store, KONTOR_IMPORT_SOURCE (source));
  g_assert_false (kontor_import_plan (import, NULL, &error));
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_SYNTAX);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 0);
}

/* Memory: a duplicate keeps what the list shows of its row packed, and
 * gives it back as a contact with every one of those fields, none where
 * the row had none; the run reads the duplicates' rows from the source a
 * second time, and a read error there (the file changed after the new
 * contacts were written) still rolls everything back */
static void
test_duplicate_shown (KontorStoreFixture *fixture,
                      gconstpointer       data)
{
  g_autoptr(KontorContact) stored = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                  "anna@example.de", "+49 221 12345");
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KontorImportDuplicate *duplicate;
  KontorContact *row;
  KontorContact *shown;
  GPtrArray *channels;

  row = add_row (source, "Anna", "Schmidt", "Schmidt & Söhne GmbH", "anna@example.de",
                 "0221 12345");                                                /* line 2 */
  kontor_contact_set_salutation (row, KONTOR_SALUTATION_MS);
  kontor_contact_set_title (row, "Dr.");
  kontor_contact_set_city (row, "Köln");
  kontor_contact_set_birthday (row, "1980-04-15");
  kontor_contact_set_job_title (row, "Einkauf");
  kontor_contact_add_email (row, "home", "anna@privat.de");
  add_row (source, NULL, "Schmidt", NULL, "anna@example.de", NULL);            /* 3 */
  add_row (source, "Ben", "Neu", NULL, NULL, NULL);                           /* 4 */

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_ANY);
  duplicate = duplicate_at (import, 2);
  shown = kontor_import_duplicate_get_contact (duplicate);
  g_assert_true (shown == kontor_import_duplicate_get_contact (duplicate));
  g_assert_cmpint (kontor_contact_get_salutation (shown), ==, KONTOR_SALUTATION_MS);
  g_assert_cmpstr (kontor_contact_get_title (shown), ==, "Dr.");
  g_assert_cmpstr (kontor_contact_get_first_name (shown), ==, "Anna");
  g_assert_cmpstr (kontor_contact_get_last_name (shown), ==, "Schmidt");
  g_assert_cmpstr (kontor_contact_get_company_name (shown), ==, "Schmidt & Söhne GmbH");
  g_assert_cmpstr (kontor_contact_get_city (shown), ==, "Köln");
  g_assert_cmpstr (kontor_contact_get_birthday (shown), ==, "1980-04-15");
  g_assert_cmpint (kontor_contact_get_status (shown), ==, KONTOR_CONTACT_STATUS_INBOX);
  /* not shown, not kept */
  g_assert_null (kontor_contact_get_job_title (shown));
  channels = kontor_contact_get_emails (shown);
  g_assert_cmpuint (channels->len, ==, 1);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (channels, 0))->label, ==, "work");
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (channels, 0))->value, ==,
                   "anna@example.de");
  channels = kontor_contact_get_phones (shown);
  g_assert_cmpuint (channels->len, ==, 1);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (channels, 0))->value, ==, "0221 12345");

  shown = kontor_import_duplicate_get_contact (duplicate_at (import, 3));
  g_assert_null (kontor_contact_get_first_name (shown));
  g_assert_null (kontor_contact_get_title (shown));
  g_assert_null (kontor_contact_get_company_name (shown));
  g_assert_null (kontor_contact_get_birthday (shown));
  g_assert_cmpint (kontor_contact_get_salutation (shown), ==, KONTOR_SALUTATION_NONE);
  channels = kontor_contact_get_phones (shown);
  g_assert_true (channels == NULL || channels->len == 0);

  /* the run: the duplicates' rows come from a second reading, whole
   * (the job title is not in what the plan kept) */
  operation = run (import);
  g_clear_object (&operation);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE first_name = 'Anna' "
                          "AND job_title = 'Einkauf' AND city = 'Köln'", NULL), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact", NULL), ==, 2);
  g_clear_object (&import);
  g_clear_object (&source);

  /* an error only where the duplicates are read again: all rolled back */
  before = dump (fixture->store);
  source = test_source_new ();
  add_row (source, "Clara", "Neu", NULL, NULL, NULL);
  add_row (source, "Anna", "Schmidt", NULL, "anna@example.de", NULL);
  add_error (source, KONTOR_IMPORT_ERROR_READ, 3);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 1);
  operation = kontor_import_run (import, NULL, &error);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  g_assert_null (operation);
  after = dump (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

/* Cancel in the middle of the run: nothing stored */
static void
test_cancel (KontorStoreFixture *fixture,
             gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *last = g_strdup_printf ("Name%u", i);

      add_row (source, "Anna", last, i % 2 ? "Firma A" : "Firma B", NULL, NULL);
    }
  source->cancel_at_run = g_object_ref (cancellable);
  source->cancel_index = 150;

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  operation = kontor_import_run (import, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (operation);
  after = dump (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static void
on_run_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* The same with the run on the store job's thread, as the dialog runs it:
 * Cancel (here from the reading thread, in the middle) leaves nothing */
static void
test_cancel_async (KontorStoreFixture *fixture,
                   gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *last = g_strdup_printf ("Name%u", i);

      add_row (source, "Anna", last, i % 3 ? "Firma A" : "Firma C", NULL, NULL);
    }
  source->cancel_at_run = g_object_ref (cancellable);
  source->cancel_index = 300;

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  kontor_import_run_async (import, cancellable, on_run_done_cb, &result);
  g_assert_true (kontor_test_iterate_until (has_result, &result, KONTOR_TEST_TIMEOUT));
  operation = kontor_import_run_finish (import, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (operation);
  after = dump (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

/* The store enforces the role: a viewer's import is refused, with the
 * store's message, and nothing stored */
static void
test_viewer_refused (KontorStoreFixture *fixture,
                     gconstpointer       data)
{
  g_autoptr(KontorUser) viewer = kontor_user_new ("viewer", NULL, KONTOR_USER_ROLE_VIEWER);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  kontor_test_save (fixture->store, viewer);
  g_assert_true (kontor_store_set_current_user (fixture->store, viewer, &error));
  g_assert_no_error (error);
  add_row (source, "Anna", "Schmidt", "Neubau AG", NULL, NULL);
  before = dump (fixture->store);

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  operation = kontor_import_run (import, NULL, &error);
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (operation);
  after = dump (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GArray  *progress;   /* double */
  guint    n_done;
  gboolean done;
  GAsyncResult *result;
} Progress;

static void
on_progress_cb (KontorImport *import,
                GParamSpec   *pspec,
                Progress     *progress)
{
  double value = kontor_import_get_progress (import);

  g_array_append_val (progress->progress, value);
  progress->n_done = kontor_import_get_n_done (import);
}

static void
on_done_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Progress *progress = user_data;

  progress->result = g_object_ref (result);
  progress->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Progress *) data)->done;
}

/* Progress: growing to 1, the rows counted; the async plan and run
 * deliver it on the main thread */
static void
test_progress (KontorStoreFixture *fixture,
               gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), 0, FALSE, NULL };

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *last = g_strdup_printf ("Name%u", i);

      add_row (source, "Anna", last, NULL, NULL, NULL);
    }

  /* blocking: every step reported here */
  import = kontor_import_new (fixture->store, KONTOR_IMPORT_SOURCE (source));
  g_signal_connect (import, "notify::progress", G_CALLBACK (on_progress_cb), &progress);
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.progress->len, >, 5);
  for (guint i = 1; i < progress.progress->len; i++)
    g_assert_cmpfloat (g_array_index (progress.progress, double, i), >=,
                       g_array_index (progress.progress, double, i - 1));
  g_assert_cmpfloat (kontor_import_get_progress (import), ==, 1.0);
  g_assert_cmpuint (kontor_import_get_n_done (import), ==, 1000);

  /* async: the run on the store job's thread */
  g_array_set_size (progress.progress, 0);
  kontor_import_run_async (import, NULL, on_done_cb, &progress);
  g_assert_true (kontor_test_iterate_until (is_done, &progress, KONTOR_TEST_TIMEOUT));
  operation = kontor_import_run_finish (import, progress.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (operation);
  g_assert_cmpfloat (kontor_import_get_progress (import), ==, 1.0);
  g_assert_cmpuint (kontor_import_get_n_done (import), ==, 1000);
  g_assert_cmpuint (progress.progress->len, >=, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact", NULL), ==, 1000);
  g_clear_object (&progress.result);

  /* an async plan, cancelled before it starts reading */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    progress.done = FALSE;
    g_cancellable_cancel (cancellable);
    kontor_import_plan_async (import, cancellable, on_done_cb, &progress);
    g_assert_true (kontor_test_iterate_until (is_done, &progress, KONTOR_TEST_TIMEOUT));
    g_assert_false (kontor_import_plan_finish (import, progress.result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_object (&progress.result);
  }

  /* an async plan to its end: now every row is a duplicate */
  progress.done = FALSE;
  kontor_import_set_match (import, KONTOR_IMPORT_MATCH_ANY);
  kontor_import_plan_async (import, NULL, on_done_cb, &progress);
  g_assert_true (kontor_test_iterate_until (is_done, &progress, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_import_plan_finish (import, progress.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_import_get_n_rows (import), ==, 1000);
  g_clear_object (&progress.result);

  g_signal_handlers_disconnect_by_data (import, &progress);
  g_array_unref (progress.progress);
}

/* The whole way a user goes: a German Excel file (Windows-1252, ";") read
 * by the CSV reader through the mapping guessed from its header, planned,
 * run and undone */
static void
test_excel_file (KontorStoreFixture *fixture,
                 gconstpointer       data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import",
                                                 "excel-de-1252.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorContact) klaus = NULL;
  g_autofree char *before = dump (fixture->store);
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  g_auto(GStrv) header = NULL;
  KontorCsvReader *reader;

  reader = kontor_csv_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  header = kontor_csv_reader_read_row (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = kontor_csv_mapping_new ((const char * const *) header);
  source = kontor_csv_source_new (reader, mapping);

  import = kontor_import_new (fixture->store, source);
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_import_get_n_rows (import), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (kontor_import_get_failures (import)); i++)
    {
      g_autoptr(KontorImportFailure) failure =
        g_list_model_get_item (kontor_import_get_failures (import), i);

      g_test_message ("line %u: %s", kontor_import_failure_get_line (failure),
                      kontor_import_failure_get_reason (failure));
    }
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 0);

  operation = kontor_import_run (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 2);
  g_assert_cmpstr (kontor_operation_get_title (operation), ==, "Import of “excel-de-1252.csv”");

  id = id_where (fixture->store, "SELECT id FROM contact WHERE last_name = ?1", "Weiß");
  klaus = load_contact (fixture->store, id);
  g_assert_cmpint (kontor_contact_get_status (klaus), ==, KONTOR_CONTACT_STATUS_INBOX);
  g_assert_cmpstr (kontor_contact_get_company_name (klaus), ==, "Weiß & Co. KG");
  g_assert_cmpstr (kontor_contact_get_city (klaus), ==, "Stuttgart");
  g_assert_cmpstr (kontor_contact_get_birthday (klaus), ==, "1965-02-01");
  g_assert_cmpstr (kontor_contact_get_customer_number (klaus), ==, "K-1001");
  g_assert_cmpuint (kontor_contact_get_phones (klaus)->len, ==, 2);

  /* read again: every row is now a duplicate of what it made */
  g_clear_object (&import);
  import = kontor_import_new (fixture->store, source);
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 2);

  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  after = dump (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

/* Review 1: customer numbers are unique among contacts and companies; a
 * row taking a company's number is a failure with its line, not a failed
 * import; an update does not copy it onto the stored contact */
static void
test_company_number (KontorStoreFixture *fixture,
                     gconstpointer       data)
{
  g_autoptr(KontorCompany) mueller = kontor_company_new ("Müller GmbH");
  g_autoptr(KontorContact) stored = save_contact (fixture->store, "Eva", "Lang", NULL,
                                                  "eva@example.de", NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorImportFailure) failure = NULL;
  g_autoptr(KontorContact) after = NULL;
  KontorContact *row;

  kontor_company_set_customer_number (mueller, "10023");
  kontor_test_save (fixture->store, mueller);

  row = add_row (source, "Anna", "Schmidt", "Müller GmbH", NULL, NULL);   /* 2 */
  kontor_contact_set_customer_number (row, "10023");
  row = add_row (source, "Eva", "Lang", NULL, "eva@example.de", NULL);     /* 3 */
  kontor_contact_set_customer_number (row, "10023");
  add_row (source, "Jonas", "Weber", NULL, NULL, NULL);                    /* 4 */

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 1);
  failure = g_list_model_get_item (kontor_import_get_failures (import), 0);
  g_assert_cmpuint (kontor_import_failure_get_line (failure), ==, 2);
  g_assert_cmpstr (kontor_import_failure_get_reason (failure), ==,
                   "The customer number “10023” belongs to “Müller GmbH”.");
  g_assert_nonnull (duplicate_at (import, 3));

  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 1);
  g_assert_cmpuint (kontor_import_get_n_updated (import), ==, 1);
  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (stored)));
  g_assert_null (kontor_contact_get_customer_number (after));
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE last_name = ?1",
                          "Schmidt"), ==, 0);
}

/* Review 4: the exact name (umlauts folded, legal form kept) first; the
 * name without the legal form only when one company has it and the legal
 * forms agree, listed in the plan; "Müller AG" and "Müller GmbH" stay two,
 * stored or in the file, and so do their people for name + company */
static void
test_company_exact (KontorStoreFixture *fixture,
                    gconstpointer       data)
{
  g_autoptr(KontorCompany) ag = save_company (fixture->store, "Müller AG");
  g_autoptr(KontorCompany) gmbh = save_company (fixture->store, "Müller GmbH");
  g_autoptr(KontorCompany) stahl = save_company (fixture->store, "Stahl AG");
  g_autoptr(KontorContact) anna = save_contact (fixture->store, "Anna", "Müller",
                                                kontor_record_get_id (KONTOR_RECORD (ag)),
                                                NULL, NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorImportCompanyMatch) match = NULL;
  g_autofree char *id = NULL;
  g_autofree char *neu_ag = NULL;
  g_autofree char *neu_gmbh = NULL;

  add_row (source, "Anna", "Müller", "Mueller GmbH", NULL, NULL);   /* 2: not the AG's Anna */
  add_row (source, "Ben", "Bauer", "MÜLLER AG", NULL, NULL);        /* 3 */
  add_row (source, "Jan", "Ott", "Stahl", NULL, NULL);              /* 4: fuzzy */
  add_row (source, "Tim", "Ott", "Stahl", NULL, NULL);              /* 5: listed once */
  add_row (source, "Lea", "Koch", "Neu AG", NULL, NULL);            /* 6 */
  add_row (source, "Kai", "Koch", "Neu GmbH", NULL, NULL);          /* 7: another */
  add_row (source, "Ute", "Koch", "Neu", NULL, NULL);               /* 8: two have "neu" */

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_company_matches (import)), ==, 1);
  match = g_list_model_get_item (kontor_import_get_company_matches (import), 0);
  g_assert_cmpuint (kontor_import_company_match_get_line (match), ==, 4);
  g_assert_cmpstr (kontor_import_company_match_get_name (match), ==, "Stahl");
  g_assert_cmpstr (kontor_import_company_match_get_company_name (match), ==, "Stahl AG");

  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 7);

  id = id_where (fixture->store, "SELECT company_id FROM contact WHERE first_name = 'Anna' "
                 "AND status = ?1", "0");
  g_assert_cmpstr (id, ==, kontor_record_get_id (KONTOR_RECORD (gmbh)));
  g_clear_pointer (&id, g_free);
  id = id_where (fixture->store, "SELECT company_id FROM contact WHERE first_name = ?1", "Ben");
  g_assert_cmpstr (id, ==, kontor_record_get_id (KONTOR_RECORD (ag)));
  g_clear_pointer (&id, g_free);
  id = id_where (fixture->store, "SELECT company_id FROM contact WHERE first_name = ?1", "Tim");
  g_assert_cmpstr (id, ==, kontor_record_get_id (KONTOR_RECORD (stahl)));

  neu_ag = id_where (fixture->store, "SELECT company_id FROM contact WHERE first_name = ?1", "Lea");
  neu_gmbh = id_where (fixture->store, "SELECT company_id FROM contact WHERE first_name = ?1",
                       "Kai");
  g_assert_cmpstr (neu_ag, !=, neu_gmbh);
  /* "Neu" is neither: a third */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM company WHERE name LIKE ?1",
                          "Neu%"), ==, 3);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM company", NULL), ==, 6);
}

/* Review 6: Skip changes no stored contact, also not through a later row
 * that matches the skipped row by another key */
static void
test_skip_chained (KontorStoreFixture *fixture,
                   gconstpointer       data)
{
  g_autoptr(KontorContact) stored = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                  "anna@example.de", NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KontorContact *row;

  add_row (source, "Anna", "Schmidt", NULL, "anna@example.de", "0171 1234");  /* 2 */
  row = add_row (source, "A.", "Schmidt", NULL, "a.schmidt@other.de", "0171 1234"); /* 3 */
  kontor_contact_set_city (row, "Bonn");
  add_row (source, "Anni", "Schmidt", NULL, "a.schmidt@other.de", NULL);     /* 4 */

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_SKIP, KONTOR_IMPORT_MATCH_ANY);
  g_assert_cmpuint (kontor_import_duplicate_get_other_line (duplicate_at (import, 3)), ==, 2);
  g_assert_cmpint (kontor_import_duplicate_get_action (duplicate_at (import, 3)), ==,
                   KONTOR_IMPORT_ACTION_MERGE);

  before = dump_with (fixture->store, FALSE);
  operation = run (import);
  after = dump_with (fixture->store, FALSE);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 0);
  g_assert_cmpuint (kontor_import_get_n_updated (import), ==, 0);
  g_assert_cmpuint (kontor_import_get_n_skipped (import), ==, 3);
}

/* Review 10: "-" or "/" as a company names none: no company is made, and
 * undo leaves nothing */
static void
test_company_without_name (KontorStoreFixture *fixture,
                           gconstpointer       data)
{
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->store);
  g_autofree char *after = NULL;

  add_row (source, "Anna", "Schmidt", "-", NULL, NULL);
  add_row (source, "Ben", "Bauer", " / ", NULL, NULL);

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MATCH_ANY);
  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 2);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM company", NULL), ==, 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE company_id IS NULL",
                          NULL), ==, 2);

  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  after = dump (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

/* Review 17: the stored contact a row updates was merged into another
 * between the plan and the run: the row goes to the one kept; one
 * deleted makes the row new */
static void
test_merged_since_plan (KontorStoreFixture *fixture,
                        gconstpointer       data)
{
  g_autoptr(KontorContact) removed = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                   "anna@example.de", NULL);
  g_autoptr(KontorContact) kept = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                "anna.schmidt@example.de", NULL);
  g_autoptr(KontorContact) deleted = save_contact (fixture->store, "Ben", "Bauer", NULL,
                                                   "ben@example.de", NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorOperation) merge = NULL;
  g_autoptr(KontorContact) after = NULL;
  g_autoptr(GError) error = NULL;
  KontorContact *row;

  row = add_row (source, "Anna", "Schmidt", NULL, "anna@example.de", NULL);
  kontor_contact_set_city (row, "Bonn");
  row = add_row (source, "Ben", "Bauer", NULL, "ben@example.de", NULL);
  kontor_contact_set_city (row, "Köln");

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_EMAIL);
  g_assert_cmpstr (kontor_import_duplicate_get_other_id (duplicate_at (import, 2)), ==,
                   kontor_record_get_id (KONTOR_RECORD (removed)));

  merge = KONTOR_OPERATION (kontor_contact_merge_new (fixture->store,
                                                      kontor_record_get_id (KONTOR_RECORD (kept)),
                                                      kontor_record_get_id (KONTOR_RECORD (removed)),
                                                      "Merge"));
  g_assert_true (kontor_operation_apply (merge, &error));
  g_assert_no_error (error);
  g_assert_true (kontor_store_delete (fixture->store, KONTOR_RECORD (deleted), &error));
  g_assert_no_error (error);

  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_updated (import), ==, 1);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 1);
  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (kept)));
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Bonn");
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE first_name = ?1",
                          "Anna"), ==, 1);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE city = ?1",
                          "Köln"), ==, 1);
}

/* Writes @text to @path, its time of change set to @modified (seconds) */
static void
write_file (const char *path,
            const char *text,
            guint64     modified)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, modified,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);
  g_file_set_attribute_uint32 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, 0,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);
}

static KontorImportSource *
file_source (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KontorImportSource *source;

  if (g_str_has_suffix (path, ".vcf"))
    {
      source = kontor_vcard_source_new (file, NULL, &error);
    }
  else
    {
      KontorCsvReader *reader = kontor_csv_reader_new (file, NULL, &error);
      g_auto(GStrv) header = NULL;
      g_autoptr(KontorCsvMapping) mapping = NULL;

      g_assert_no_error (error);
      header = kontor_csv_reader_read_row (reader, NULL, &error);
      g_assert_no_error (error);
      mapping = kontor_csv_mapping_new ((const char * const *) header);
      source = kontor_csv_source_new (reader, mapping);
    }
  g_assert_no_error (error);

  return source;
}

/* Review 3: the plan's decisions are by line; the run refuses a file
 * that changed since (sorted: same size, same time of change, other
 * bytes), and nothing is stored; checked again, it runs */
static void
test_changed_file (KontorStoreFixture *fixture,
                   gconstpointer       data)
{
  const char *name = data;
  gboolean vcard = g_str_has_suffix (name, ".vcf");
  const char *anna = vcard ? "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Schmidt;Anna;;;\r\nFN:Anna Schmidt\r\n"
                             "EMAIL:anna@example.de\r\nEND:VCARD\r\n"
                           : "Anna,Schmidt,anna@example.de\r\n";
  const char *bernd = vcard ? "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Bauer;Bernd;;;\r\nFN:Bernd Bauer\r\n"
                              "EMAIL:bernd@example.de\r\nEND:VCARD\r\n"
                            : "Bernd,Bauer,bernd@example.de\r\n";
  const char *header = vcard ? "" : "First Name,Last Name,E-mail Address\r\n";
  g_autoptr(KontorContact) stored = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                  "anna@example.de", NULL);
  g_autofree char *dir = kontor_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *before_text = g_strconcat (header, anna, bernd, NULL);
  g_autofree char *sorted_text = g_strconcat (header, bernd, anna, NULL);
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  guint anna_line = vcard ? 1 : 2;

  /* Bernd is one letter longer in each place: the sorted file has the
   * same size */
  g_assert_cmpuint (strlen (before_text), ==, strlen (sorted_text));
  write_file (path, before_text, 1700000000);
  source = file_source (path);
  import = kontor_import_new (fixture->store, source);
  kontor_import_set_mode (import, KONTOR_IMPORT_MODE_UPDATE);
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (duplicate_at (import, anna_line));

  /* sorted in another program, its time of change as it was */
  write_file (path, sorted_text, 1700000000);
  before = dump (fixture->store);
  operation = kontor_import_run (import, NULL, &error);
  g_assert_null (operation);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  expected = g_strdup_printf ("“%s” changed after it was checked; check it again.", name);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  {
    g_autofree char *after = dump (fixture->store);

    g_assert_cmpstr (before, ==, after);
  }

  /* only touched: refused by its time of change */
  g_assert_true (kontor_import_plan (import, NULL, &error));
  write_file (path, sorted_text, 1700000100);
  operation = kontor_import_run (import, NULL, &error);
  g_assert_null (operation);
  g_assert_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ);
  g_clear_error (&error);

  /* checked again: the run goes */
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);
  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 1);
  g_assert_cmpuint (kontor_import_get_n_updated (import), ==, 1);

  g_clear_object (&source);
  g_clear_object (&import);
  kontor_test_rmdir (dir);
}

/* Review 16: Update moving a stored contact to another company keeps
 * where it worked as a former employment, as a company change does; undo
 * takes it away, redo brings it back */
static void
test_update_employment (KontorStoreFixture *fixture,
                        gconstpointer       data)
{
  g_autoptr(KontorCompany) altbau = save_company (fixture->store, "Altbau GmbH");
  g_autoptr(KontorContact) anna = save_contact (fixture->store, "Anna", "Schmidt",
                                                kontor_record_get_id (KONTOR_RECORD (altbau)),
                                                "anna@example.de", NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorContact) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *former = NULL;

  kontor_contact_set_job_title (anna, "Einkauf");
  kontor_test_save (fixture->store, anna);
  before = dump (fixture->store);

  add_row (source, "Anna", "Schmidt", "Neubau AG", "anna@example.de", NULL);
  add_row (source, "Ben", "Bauer", "Neubau AG", "ben@example.de", NULL);

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_EMAIL);
  operation = run (import);
  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (anna)));
  g_assert_cmpstr (kontor_contact_get_company_name (after), ==, "Neubau AG");
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM employment", NULL), ==, 1);
  former = id_where (fixture->store, "SELECT company_id FROM employment WHERE job_title = ?1",
                     "Einkauf");
  g_assert_cmpstr (former, ==, kontor_record_get_id (KONTOR_RECORD (altbau)));
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM employment WHERE contact_id = ?1 "
                          "AND ended_on IS NOT NULL",
                          kontor_record_get_id (KONTOR_RECORD (anna))), ==, 1);

  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  undone = dump (fixture->store);
  g_assert_cmpstr (before, ==, undone);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM employment", NULL), ==, 0);

  g_assert_true (kontor_operation_apply (operation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM employment WHERE company_id = ?1",
                          kontor_record_get_id (KONTOR_RECORD (altbau))), ==, 1);
}

/* Review 13: a row matching two stored contacts (the number one's, the
 * address another's) lists both; Update goes to the first and does not
 * copy the other's address onto it; a row without a number matches
 * nothing by number and is made */
static void
test_two_stored (KontorStoreFixture *fixture,
                 gconstpointer       data)
{
  g_autoptr(KontorContact) numbered = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                    NULL, NULL);
  g_autoptr(KontorContact) mailed = save_contact (fixture->store, "Anne", "Schmitt", NULL,
                                                  "anna@example.de", NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorContact) after = NULL;
  KontorImportDuplicate *duplicate;
  KontorContact *row;

  kontor_contact_set_customer_number (numbered, "K-1");
  kontor_test_save (fixture->store, numbered);

  row = add_row (source, "Anna", "Schmidt", NULL, "anna@example.de", NULL);   /* 2 */
  kontor_contact_set_customer_number (row, "K-1");
  kontor_contact_set_city (row, "Bonn");
  add_row (source, "Anne", "Schmitt", NULL, NULL, NULL);                      /* 3: no number */

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_ANY);
  duplicate = duplicate_at (import, 2);
  g_assert_cmpstr (kontor_import_duplicate_get_other_id (duplicate), ==,
                   kontor_record_get_id (KONTOR_RECORD (numbered)));
  g_assert_cmpstr (kontor_import_duplicate_get_second_id (duplicate), ==,
                   kontor_record_get_id (KONTOR_RECORD (mailed)));
  g_assert_cmpstr (kontor_import_duplicate_get_second_name (duplicate), ==, "Anne Schmitt");
  g_assert_cmpint (kontor_import_duplicate_get_second_reason (duplicate), ==,
                   KONTOR_IMPORT_REASON_EMAIL);

  g_clear_object (&import);
  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE,
                 KONTOR_IMPORT_MATCH_CUSTOMER_NUMBER);
  g_assert_nonnull (duplicate_at (import, 2));
  g_assert_null (duplicate_at (import, 3));
  operation = run (import);
  g_assert_cmpuint (kontor_import_get_n_updated (import), ==, 1);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, 1);

  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (numbered)));
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Bonn");
  g_assert_true (kontor_contact_get_emails (after) == NULL ||
                 kontor_contact_get_emails (after)->len == 0);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact_channel WHERE value = ?1",
                          "anna@example.de"), ==, 1);
}

/* Review 2 and 7: undo after the world moved on. A created contact
 * deleted since, an updated one deleted since: left out, not an error.
 * A field edited since keeps the edit; an address added since stays,
 * only the import's goes. Birthdays no longer kept: undo and redo go,
 * without them */
static void
test_undo_after_edits (KontorStoreFixture *fixture,
                       gconstpointer       data)
{
  g_autoptr(KontorContact) anna = save_contact (fixture->store, "Anna", "Schmidt", NULL,
                                                "anna@example.de", NULL);
  g_autoptr(KontorContact) ben = save_contact (fixture->store, "Ben", "Bauer", NULL,
                                               "ben@example.de", NULL);
  g_autoptr(TestSource) source = test_source_new ();
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorContact) after = NULL;
  g_autoptr(KontorContact) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *eva = NULL;
  g_autofree char *lea = NULL;
  KontorContact *row;
  GPtrArray *emails;

  row = add_row (source, "Anna", "Schmidt", NULL, "anna@example.de", NULL);
  kontor_contact_add_email (row, "home", "anna@home.de");
  kontor_contact_set_city (row, "Bonn");
  kontor_contact_set_postal_code (row, "53111");
  row = add_row (source, "Ben", "Bauer", NULL, "ben@example.de", NULL);
  kontor_contact_set_city (row, "Köln");
  row = add_row (source, "Eva", "Lang", NULL, "eva@example.de", NULL);
  kontor_contact_set_birthday (row, "1980-04-15");
  add_row (source, "Lea", "Koch", NULL, "lea@example.de", NULL);

  import = plan (fixture->store, source, KONTOR_IMPORT_MODE_UPDATE, KONTOR_IMPORT_MATCH_EMAIL);
  operation = run (import);

  /* the world after the import: Anna's city edited and an address added,
   * Ben and the new Lea deleted, birthdays no longer kept */
  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (anna)));
  kontor_contact_set_city (after, "Berlin");
  kontor_contact_add_email (after, "other", "anna@neu.de");
  kontor_test_save (fixture->store, after);
  g_clear_object (&after);
  gone = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (ben)));
  g_assert_true (kontor_store_delete (fixture->store, KONTOR_RECORD (gone), &error));
  g_assert_no_error (error);
  g_clear_object (&gone);
  lea = id_where (fixture->store, "SELECT id FROM contact WHERE first_name = ?1", "Lea");
  gone = load_contact (fixture->store, lea);
  g_assert_true (kontor_store_delete (fixture->store, KONTOR_RECORD (gone), &error));
  g_assert_no_error (error);
  eva = id_where (fixture->store, "SELECT id FROM contact WHERE first_name = ?1", "Eva");
  g_assert_true (kontor_store_set_keep_birthdays (fixture->store, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_no_error (error);
  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (anna)));
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Berlin");
  g_assert_null (kontor_contact_get_postal_code (after));
  emails = kontor_contact_get_emails (after);
  g_assert_cmpuint (emails->len, ==, 2);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (emails, 0))->value, ==, "anna@example.de");
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (emails, 1))->value, ==, "anna@neu.de");
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE id = ?1", eva), ==, 0);
  g_clear_object (&after);

  /* redo: Eva back without her birthday, Anna's import values where they
   * were undone */
  g_assert_true (kontor_operation_apply (operation, &error));
  g_assert_no_error (error);
  after = load_contact (fixture->store, eva);
  g_assert_null (kontor_contact_get_birthday (after));
  g_clear_object (&after);
  after = load_contact (fixture->store, kontor_record_get_id (KONTOR_RECORD (anna)));
  g_assert_cmpstr (kontor_contact_get_city (after), ==, "Berlin");
  g_assert_cmpstr (kontor_contact_get_postal_code (after), ==, "53111");
  g_assert_cmpuint (kontor_contact_get_emails (after)->len, ==, 3);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact WHERE id = ?1", lea), ==, 0);
}

/* The rows of @table as text, every column but @skip, each value as SQL
 * quotes it (a blob as its bytes in hex), in @order */
static char *
dump_table (KontorStore        *store,
            const char         *table,
            const char         *extra,
            const char         *order,
            const char * const *skip)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ''");
  g_autofree char *columns = g_strdup_printf ("SELECT name FROM pragma_table_info (?1, '%s')",
                                              g_str_equal (table, "contact_terms") ?
                                              "temp" : "main");
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = kontor_test_prepare (store, columns, table);

  if (extra != NULL)
    g_string_append_printf (sql, " || quote (%s) || '|'", extra);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_strv_contains (skip, name))
        g_string_append_printf (sql, " || quote (\"%s\") || '|'", name);
    }
  sqlite3_finalize (stmt);
  g_string_append_printf (sql, " FROM %s ORDER BY %s", table, order);

  stmt = kontor_test_prepare (store, sql->str, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return g_strdup (text->str);
}

/* What an import writes, byte for byte: every row of the tables it
 * touches and the full-text index's terms with their places */
static char *
dump_written (KontorStore *store)
{
  static const char * const none[] = { NULL };
  static const char * const times[] = { "updated_at", NULL };
  static const char * const outbox[] = { "client_seq", "created_at", "user_id", NULL };
  static const char * const journal[] = { "rid", "at", "user_id", NULL };
  GString *text = g_string_new (NULL);
  sqlite3_stmt *stmt;

  stmt = kontor_test_prepare (store, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.contact_terms "
                              "USING fts5vocab (main, contact_search, 'instance')", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  {
    g_autofree char *contacts = dump_table (store, "contact", NULL, "rid", times);
    g_autofree char *companies = dump_table (store, "company", NULL, "rid", times);
    g_autofree char *channels = dump_table (store, "contact_channel", NULL, "id", none);
    g_autofree char *entries = dump_table (store, "outbox", NULL,
                                           "entity, entity_id, op, field", outbox);
    g_autofree char *history = dump_table (store, "journal", NULL, "entity_id, rid", journal);
    g_autofree char *tombstones = dump_table (store, "tombstone", NULL, "entity, id", none);
    g_autofree char *documents = dump_table (store, "contact_search", "rowid", "rowid", none);
    g_autofree char *terms = dump_table (store, "contact_terms", NULL,
                                         "term, doc, col, offset", none);

    g_string_append_printf (text, "contact\n%s\ncompany\n%s\ncontact_channel\n%s\noutbox\n%s\n"
                            "journal\n%s\ntombstone\n%s\ncontact_search\n%s\nterms\n%s",
                            contacts, companies, channels, entries, history, tombstones,
                            documents, terms);
  }

  return g_string_free (text, FALSE);
}

/* The run's writes are the store's own: a CSV file imported through the
 * job leaves every row (contacts, companies, their e-mail addresses and
 * numbers, sort keys, search documents and index, outbox and journal) as
 * the same records saved one by one through kontor_store_save() into
 * another store; times and outbox numbers aside */
static void
test_same_as_save (KontorStoreFixture *fixture,
                   gconstpointer       data)
{
  static const char *first[] = { "Jürgen", "Anna", "Sören", "Claudia", "Björn", "Lea" };
  static const char *last[] = { "Müller", "Schmidt", "Weiß", "Groß", "Köhler", "Jäger", "Braun" };
  static const char *firms[] = { "Müller GmbH", "Stahl AG", "", "Weiß & Co. KG",
                                 "Beispiel GmbH & Co. KG", "Stahl" };
  g_autoptr(KontorCompany) mueller = save_company (fixture->store, "Mueller GmbH");
  g_autoptr(GString) csv = g_string_new ("Anrede;Titel;Vorname;Name;Firma;E-Mail;Telefon;Handy;"
                                         "Straße;PLZ;Ort;Geburtstag;Kundennummer;Bemerkung\r\n");
  g_autofree char *dir = g_dir_make_tmp ("kontor-test-import-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "kunden.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(KontorStore) other = kontor_test_open_store (&other_path);
  g_autofree char *imported = NULL;
  g_autofree char *saved = NULL;
  g_auto(GStrv) header = NULL;
  KontorCsvReader *reader;
  sqlite3_stmt *stmt;
  guint n_rows = 42;

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *mobile = g_strdup_printf ("0171 %07u", 5550000 + i);
      g_autofree char *number = g_strdup_printf ("K-10%02u", i);

      g_string_append_printf (csv, "%s;%s;%s;%s;%s;%s.%u@example.de;030 %07u;%s;"
                              "Hauptstraße %u;%05u;Köln;%s;%s;%s\r\n",
                              i % 2 ? "Herr" : "Frau", i % 5 == 0 ? "Dr." : "",
                              first[i % G_N_ELEMENTS (first)], last[i % G_N_ELEMENTS (last)],
                              firms[i % G_N_ELEMENTS (firms)],
                              i % 3 ? "info" : "vorname.nachname", i, 1000000 + i * 7,
                              i % 3 == 0 ? mobile : "", i + 1, 50667 + i,
                              i % 4 == 0 ? "01.02.1965" : "", i % 6 == 0 ? "" : number,
                              i % 7 == 0 ? "\"Zahlung \"\"pünktlich\"\"; Umsatz\"" : "");
    }
  g_assert_true (g_file_set_contents (csv_path, csv->str, csv->len, &error));
  g_assert_no_error (error);

  reader = kontor_csv_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  header = kontor_csv_reader_read_row (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = kontor_csv_mapping_new ((const char * const *) header);
  source = kontor_csv_source_new (reader, mapping);
  import = kontor_import_new (fixture->store, source);
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_failures (import)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_import_get_duplicates (import)), ==, 0);
  operation = kontor_import_run (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, n_rows);

  /* the same records, one save each, in the order the import made them:
   * the stored company, then the companies and contacts as their rows */
  stmt = kontor_test_prepare (fixture->store,
                              "SELECT 'company', id, rid FROM company UNION ALL "
                              "SELECT 'contact', id, rid FROM contact ORDER BY 1, 3", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GType type = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "company") ?
                   KONTOR_TYPE_COMPANY : KONTOR_TYPE_CONTACT;
      g_autoptr(KontorRecord) record =
        kontor_store_load (fixture->store, type, (const char *) sqlite3_column_text (stmt, 1),
                           &error);

      g_assert_no_error (error);
      g_assert_true (kontor_store_save (other, record, &error));
      g_assert_no_error (error);
    }
  sqlite3_finalize (stmt);

  imported = dump_written (fixture->store);
  saved = dump_written (other);
  if (!g_str_equal (imported, saved))
    {
      g_auto(GStrv) imported_lines = g_strsplit (imported, "\n", -1);
      g_auto(GStrv) saved_lines = g_strsplit (saved, "\n", -1);

      for (guint i = 0; imported_lines[i] != NULL && saved_lines[i] != NULL; i++)
        {
          if (!g_str_equal (imported_lines[i], saved_lines[i]))
            {
              g_test_message ("line %u, imported: %s", i, imported_lines[i]);
              g_test_message ("line %u, saved:    %s", i, saved_lines[i]);
              break;
            }
        }
      g_test_fail ();
      return;
    }
  /* and it is not empty: every contact has its search document */
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact_search", NULL), ==,
                   n_rows);
  g_assert_cmpint (count (fixture->store, "SELECT count(*) FROM contact_channel "
                          "WHERE kind = 1", NULL), ==, n_rows + n_rows / 3);
  g_assert_nonnull (strstr (imported, "'juergen'|1|'name'|2|"));

  kontor_test_close_store (&other, other_path);
  g_unlink (csv_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  KONTOR_STORE_TEST ("/import/create-inbox-companies", test_create_inbox_companies);
  KONTOR_STORE_TEST ("/import/duplicates-stored", test_duplicates_stored);
  KONTOR_STORE_TEST ("/import/duplicates-in-file", test_duplicates_in_file);
  KONTOR_STORE_TEST ("/import/modes", test_modes);
  KONTOR_STORE_TEST ("/import/undo-redo", test_undo_redo);
  KONTOR_STORE_TEST ("/import/undo-sent", test_undo_sent);
  KONTOR_STORE_TEST ("/import/undo-named", test_undo_named);
  KONTOR_STORE_TEST ("/import/failures", test_failures);
  KONTOR_STORE_TEST ("/import/birthday-dropped", test_birthday_dropped);
  KONTOR_STORE_TEST ("/import/read-error", test_read_error);
  KONTOR_STORE_TEST ("/import/duplicate-shown", test_duplicate_shown);
  KONTOR_STORE_TEST ("/import/cancel", test_cancel);
  KONTOR_STORE_TEST ("/import/cancel-async", test_cancel_async);
  KONTOR_STORE_TEST ("/import/viewer-refused", test_viewer_refused);
  KONTOR_STORE_TEST ("/import/progress", test_progress);
  KONTOR_STORE_TEST ("/import/excel-file", test_excel_file);
  KONTOR_STORE_TEST ("/import/company-number", test_company_number);
  KONTOR_STORE_TEST ("/import/company-exact", test_company_exact);
  KONTOR_STORE_TEST ("/import/skip-chained", test_skip_chained);
  KONTOR_STORE_TEST ("/import/company-without-name", test_company_without_name);
  KONTOR_STORE_TEST ("/import/merged-since-plan", test_merged_since_plan);
  KONTOR_STORE_TEST ("/import/update-employment", test_update_employment);
  KONTOR_STORE_TEST ("/import/two-stored", test_two_stored);
  KONTOR_STORE_TEST ("/import/undo-after-edits", test_undo_after_edits);
  KONTOR_STORE_TEST ("/import/same-as-save", test_same_as_save);
  g_test_add ("/import/changed-file/csv", KontorStoreFixture, "kunden.csv",
              kontor_store_fixture_set_up, test_changed_file, kontor_store_fixture_tear_down);
  g_test_add ("/import/changed-file/vcard", KontorStoreFixture, "kunden.vcf",
              kontor_store_fixture_set_up, test_changed_file, kontor_store_fixture_tear_down);

  return g_test_run ();
}
