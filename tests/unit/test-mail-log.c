/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-mail-log"

#include "config.h"

#include "kontor-eml.h"
#include "kontor-operation-stack.h"
#include "kontor-record-write.h"
#include "kontor-test-utils.h"

/* E-mails recorded as automatic activities in the store (feature A7,
 * src/store/kontor-store-mail.c): on the record they were dropped on, or
 * on the contact with one of their addresses; refused, with nothing
 * written, when none has any; one transaction, undone as a whole; an
 * automatic activity, which cannot be edited. */

typedef struct
{
  KontorStoreFixture  base;
  KontorCompany      *bakery;
  KontorContact      *anna;
  KontorContact      *juergen;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);

  fixture->bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  kontor_test_save (fixture->base.store, fixture->bakery);

  fixture->anna = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->anna, "Anna");
  kontor_contact_set_last_name (fixture->anna, "Schneider");
  kontor_contact_add_email (fixture->anna, "work", "info@example.net");
  /* not her first address, and in other letters than the messages' */
  kontor_contact_add_email (fixture->anna, "home", "Anna@Baeckerei-Sonnenschein.DE");
  kontor_test_save (fixture->base.store, fixture->anna);

  fixture->juergen = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->juergen, "Jürgen");
  kontor_contact_set_last_name (fixture->juergen, "Müller");
  kontor_contact_add_email (fixture->juergen, "work", "juergen.mueller@example.com");
  kontor_test_save (fixture->base.store, fixture->juergen);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->bakery);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->juergen);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static KontorEml *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fuzz", "eml", name,
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KontorEml *eml = kontor_eml_load (file, NULL, &error);

  g_assert_no_error (error);

  return eml;
}

/* The operation for the message @name dropped on @owner (or the window) */
static KontorOperation *
new_write (Fixture       *fixture,
           const char    *name,
           gpointer       owner,
           GError       **error)
{
  g_autoptr(KontorEml) eml = load (name);
  g_autoptr(KontorActivity) activity = kontor_eml_new_activity (eml, owner, 1);
  g_auto(GStrv) addresses = kontor_eml_dup_addresses (eml);

  return kontor_store_new_mail_write (fixture->base.store, activity,
                                      (const char * const *) addresses, error);
}

static gint64
count_activities (Fixture *fixture)
{
  return kontor_test_query_int (fixture->base.store, "SELECT count(*) FROM activity", NULL);
}

static KontorActivity *
stored_activity (Fixture         *fixture,
                 KontorOperation *operation)
{
  KontorRecord *record = kontor_record_write_get_record (KONTOR_RECORD_WRITE (operation));
  g_autoptr(GError) error = NULL;
  KontorActivity *stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_ACTIVITY,
                                              kontor_record_get_id (record), &error);

  g_assert_no_error (error);

  return stored;
}

/* the contact is found by the address, whatever its case */
static void
test_find_by_email (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *none[] = { "nobody@example.com", NULL };
  const char *both[] = { "nobody@example.com", "ANNA@baeckerei-sonnenschein.de",
                         "juergen.mueller@example.com", NULL };

  found = kontor_store_find_contact_by_email (store, "JUERGEN.Mueller@Example.com", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (id_of (found), ==, id_of (fixture->juergen));
  g_clear_object (&found);

  /* not a part of one, nor a phone number */
  found = kontor_store_find_contact_by_email (store, "mueller@example.com", &error);
  g_assert_no_error (error);
  g_assert_null (found);

  found = kontor_store_find_contact_by_emails (store, none, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* the first address that any contact has wins */
  found = kontor_store_find_contact_by_emails (store, both, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id_of (found), ==, id_of (fixture->anna));
}

/* dropped on the window: the sender's contact before a recipient's */
static void
test_matched_by_address (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KontorOperation) from = NULL;
  g_autoptr(KontorOperation) to = NULL;
  g_autoptr(KontorActivity) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint n_commits;

  /* From: Juergen.Mueller@Example.COM, To: anna@… */
  from = new_write (fixture, "multipart-alternative.eml", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_operation_get_title (from), ==,
                   "E-mail “Angebot für Brötchen” recorded on “Jürgen Müller”");
  g_assert_cmpint (count_activities (fixture), ==, 0);

  /* one transaction */
  kontor_test_count_commits (fixture->base.store, &n_commits);
  g_assert_true (kontor_operation_apply (from, &error));
  g_assert_no_error (error);
  kontor_test_stop_counting_commits (fixture->base.store);
  g_assert_cmpuint (n_commits, ==, 1);

  stored = stored_activity (fixture, from);
  g_assert_cmpstr (kontor_activity_get_contact_id (stored), ==, id_of (fixture->juergen));
  g_assert_null (kontor_activity_get_company_id (stored));
  g_assert_cmpint (kontor_activity_get_kind (stored), ==, KONTOR_ACTIVITY_KIND_EMAIL);
  g_assert_cmpint (kontor_activity_get_topic (stored), ==, KONTOR_ACTIVITY_TOPIC_OTHER);
  g_assert_true (kontor_activity_get_automatic (stored));
  g_assert_cmpstr (kontor_activity_get_subject (stored), ==, "Angebot für Brötchen");
  g_assert_true (g_str_has_prefix (kontor_activity_get_notes (stored),
                                   "From: Jürgen Müller <Juergen.Mueller@Example.COM>\n"));
  g_assert_cmpstr (kontor_activity_get_created_by (stored), ==,
                   id_of (kontor_store_get_current_user (fixture->base.store)));
  g_clear_object (&stored);

  /* From: ben.wolf@… (no contact), To: Anna's second address */
  to = new_write (fixture, "utf-8.eml", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kontor_operation_apply (to, &error));
  stored = stored_activity (fixture, to);
  g_assert_cmpstr (kontor_activity_get_contact_id (stored), ==, id_of (fixture->anna));
  g_assert_cmpint (count_activities (fixture), ==, 2);

  /* it is the contact's last activity (feature A8) */
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT last_activity_at FROM contact WHERE id = ?1",
                                          id_of (fixture->anna)),
                   ==, kontor_activity_get_starts_at (stored));
}

/* dropped on a contact or a company: there, whoever the addresses are */
static void
test_dropped_on_record (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorOperation) on_company = NULL;
  g_autoptr(KontorOperation) on_contact = NULL;
  g_autoptr(KontorActivity) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* nobody has these addresses */
  on_company = new_write (fixture, "windows-1252.eml", fixture->bakery, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_operation_get_title (on_company), ==,
                   "E-mail “Preisänderung für Brötchen” recorded on “Bäckerei Sonnenschein GmbH”");
  g_assert_true (kontor_operation_apply (on_company, &error));
  g_assert_no_error (error);
  stored = stored_activity (fixture, on_company);
  g_assert_cmpstr (kontor_activity_get_company_id (stored), ==, id_of (fixture->bakery));
  g_assert_null (kontor_activity_get_contact_id (stored));
  g_clear_object (&stored);

  on_contact = new_write (fixture, "multipart-alternative.eml", fixture->anna, &error);
  g_assert_no_error (error);
  g_assert_true (kontor_operation_apply (on_contact, &error));
  stored = stored_activity (fixture, on_contact);
  g_assert_cmpstr (kontor_activity_get_contact_id (stored), ==, id_of (fixture->anna));
}

/* no contact with any address: refused, naming them, nothing written */
static void
test_refused_without_match (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  gint64 last_seq = kontor_test_outbox_last_seq (store);
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorActivity) nowhere = kontor_activity_new (KONTOR_ACTIVITY_KIND_EMAIL, NULL);
  g_autoptr(GError) error = NULL;
  const char *many[] = { "a@example.com", "b@example.com", "c@example.com", "d@example.com",
                         "e@example.com", "f@example.com", NULL };

  operation = new_write (fixture, "windows-1252.eml", NULL, &error);
  g_assert_null (operation);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "No contact has any of the e-mail addresses o.uenal@example.de, "
                   "einkauf@example.org.");
  g_clear_error (&error);

  kontor_activity_set_starts_at (nowhere, 1);
  operation = kontor_store_new_mail_write (store, nowhere, many, &error);
  g_assert_null (operation);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "No contact has any of the e-mail addresses a@example.com, b@example.com, "
                   "c@example.com, d@example.com, e@example.com, ….");
  g_clear_error (&error);

  operation = kontor_store_new_mail_write (store, nowhere, NULL, &error);
  g_assert_null (operation);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (count_activities (fixture), ==, 0);
  g_assert_cmpint (kontor_test_outbox_last_seq (store), ==, last_seq);
}

/* a contact gone meanwhile: refused, nothing written */
static void
test_refused_owner_gone (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KontorContact) gone = kontor_contact_new ();
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  kontor_contact_set_last_name (gone, "Weg");
  kontor_test_save (fixture->base.store, gone);
  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (gone), &error));

  operation = new_write (fixture, "utf-8.eml", gone, &error);
  g_assert_null (operation);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_activities (fixture), ==, 0);
}

/* undo takes it away, redo brings the same one back */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (50);
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorActivity) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  operation = new_write (fixture, "html-only.eml", fixture->anna, &error);
  g_assert_true (kontor_operation_stack_run (stack, operation, &error));
  g_assert_no_error (error);
  stored = stored_activity (fixture, operation);
  id = g_strdup (id_of (stored));
  g_assert_cmpint (count_activities (fixture), ==, 1);

  g_assert_true (kontor_operation_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_activities (fixture), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT last_activity_at FROM contact WHERE id = ?1",
                                          id_of (fixture->anna)), ==, 0);

  g_assert_true (kontor_operation_stack_redo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM activity WHERE id = ?1", id),
                   ==, 1);
}

/* automatic: no edit, and a delete only by whoever recorded it */
static void
test_automatic (Fixture       *fixture,
                gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(KontorActivity) stored = NULL;
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(KontorUser) colleague = kontor_user_new ("ines", "Ines Roth", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorUser) admin = g_object_ref (kontor_store_get_current_user (store));
  g_autoptr(GError) error = NULL;

  /* even one made as not automatic is recorded as automatic */
  activity = kontor_activity_new (KONTOR_ACTIVITY_KIND_EMAIL, KONTOR_RECORD (fixture->anna));
  kontor_activity_set_starts_at (activity, 1);
  operation = kontor_store_new_mail_write (store, activity, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kontor_operation_apply (operation, &error));
  stored = stored_activity (fixture, operation);
  g_assert_true (kontor_activity_get_automatic (stored));

  kontor_activity_set_subject (stored, "Geändert");
  g_assert_false (kontor_store_save (store, KONTOR_RECORD (stored), &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);

  kontor_test_save (store, colleague);
  g_assert_true (kontor_store_set_current_user (store, colleague, &error));
  g_assert_false (kontor_operation_undo (operation, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED);
  g_clear_error (&error);
  g_assert_cmpint (count_activities (fixture), ==, 1);

  g_assert_true (kontor_store_set_current_user (store, admin, &error));
  g_assert_true (kontor_operation_undo (operation, &error));
  g_assert_cmpint (count_activities (fixture), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/mail-log/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("find-contact-by-email", test_find_by_email);
  ADD ("matched-by-address", test_matched_by_address);
  ADD ("dropped-on-a-record", test_dropped_on_record);
  ADD ("refused/no-contact-nothing-written", test_refused_without_match);
  ADD ("refused/owner-gone", test_refused_owner_gone);
  ADD ("undo-removes-it", test_undo);
  ADD ("automatic-cannot-be-edited", test_automatic);

#undef ADD

  return g_test_run ();
}
