/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-import-undo"

#include "config.h"

#include <glib/gstdio.h>

#include "kontor-csv-mapping.h"
#include "kontor-import-operation.h"
#include "kontor-import.h"
#include "kontor-operation-stack.h"
#include "kontor-record-write.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/* seconds an undo or redo job may take before the test fails */
#define STEP_TIMEOUT (KONTOR_TEST_TIMEOUT * 6)

/* The undo and redo of an import through the operation stack, as the
 * window runs them (src/README.md "Undo"): a job on the store's worker,
 * one transaction, the stack busy meanwhile; a job that fails half way
 * (a trigger that aborts one delete, installed by the test) leaves every
 * row as it was and the import where it was on the stack. */

/* Above STEP_RECORDS (kontor-import-operation.c) more than once */
#define N_NEW 1200

typedef struct
{
  KontorStoreFixture  base;
  char               *csv_path;
  char               *anna_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Vorname;Name;Firma;E-Mail;Ort\r\n");
  g_autoptr(KontorContact) anna = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);

  /* one stored contact the file updates, N_NEW it creates */
  kontor_contact_set_first_name (anna, "Anna");
  kontor_contact_set_last_name (anna, "Schmidt");
  kontor_contact_add_email (anna, "work", "anna@example.de");
  kontor_test_save (fixture->base.store, anna);
  fixture->anna_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (anna)));

  g_string_append (csv, "Anna;Schmidt;Neubau AG;anna@example.de;Bonn\r\n");
  for (guint i = 1; i <= N_NEW; i++)
    g_string_append_printf (csv, "Vorname%u;Name%u;Firma %u;person%u@example.de;Köln\r\n",
                            i, i, i % 7, i);

  dir = g_path_get_dirname (fixture->base.path);
  fixture->csv_path = g_build_filename (dir, "kunden.csv", NULL);
  g_file_set_contents (fixture->csv_path, csv->str, csv->len, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unlink (fixture->csv_path);
  g_free (fixture->csv_path);
  g_free (fixture->anna_id);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

/* Imports the fixture's file in Update mode: Anna updated, N_NEW new */
static KontorOperation *
import_file (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;
  g_auto(GStrv) header = NULL;
  KontorCsvReader *reader = kontor_csv_reader_new (file, NULL, &error);
  KontorOperation *operation;

  g_assert_no_error (error);
  header = kontor_csv_reader_read_row (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = kontor_csv_mapping_new ((const char * const *) header);
  source = kontor_csv_source_new (reader, mapping);

  import = kontor_import_new (fixture->base.store, source);
  kontor_import_set_mode (import, KONTOR_IMPORT_MODE_UPDATE);
  g_assert_true (kontor_import_plan (import, NULL, &error));
  g_assert_no_error (error);
  operation = kontor_import_run (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (operation);
  g_assert_cmpuint (kontor_import_get_n_created (import), ==, N_NEW);
  g_assert_cmpuint (kontor_import_get_n_updated (import), ==, 1);

  return operation;
}

/* Every stored contact, company and e-mail address, one a line */
static char *
dump (KontorStore *store)
{
  static const char * const queries[] = {
    "SELECT id || '|' || first_name || '|' || last_name || '|' || "
    "coalesce (company_id, '') || '|' || coalesce (city, '') FROM contact ORDER BY id",
    "SELECT id || '|' || name FROM company ORDER BY id",
    "SELECT owner_id || '|' || value FROM contact_channel ORDER BY owner_id, value",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = kontor_test_prepare (store, queries[i], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (text, "%s\n", sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      g_string_append (text, "--\n");
    }

  return g_string_free (text, FALSE);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  guint     n_changed;   /* "changed" of contacts until the callback */
} Step;

static void
on_step_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Step *step = user_data;

  step->ok = kontor_operation_stack_step_finish (KONTOR_OPERATION_STACK (source_object),
                                                 result, &step->error);
  step->done = TRUE;
}

static void
on_changed_cb (KontorStore *store,
               const char  *entity,
               GArray      *rowids,
               Step        *step)
{
  if (!step->done)
    step->n_changed++;
}

static gboolean
step_done (gpointer data)
{
  return ((Step *) data)->done;
}

/* Undoes (or redoes) through the stack as the window does, checks the
 * stack while the job runs, and waits for the end */
static void
step_async (KontorStore          *store,
            KontorOperationStack *stack,
            gboolean              redo,
            GCancellable         *cancellable,
            Step                 *step)
{
  KontorOperation *operation;
  gulong handler;

  *step = (Step) { 0, };
  handler = g_signal_connect (store, "changed::contact", G_CALLBACK (on_changed_cb), step);

  if (redo)
    kontor_operation_stack_redo_async (stack, cancellable, on_step_done_cb, step);
  else
    kontor_operation_stack_undo_async (stack, cancellable, on_step_done_cb, step);

  /* refused meanwhile: no other undo or redo, no new change */
  operation = kontor_operation_stack_get_running (stack);
  g_assert_true (KONTOR_IS_IMPORT_OPERATION (operation));
  g_assert_false (kontor_operation_stack_get_can_undo (stack));
  g_assert_false (kontor_operation_stack_get_can_redo (stack));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KontorContact) contact = kontor_contact_new ();
    g_autoptr(KontorRecordWrite) create = NULL;

    kontor_contact_set_first_name (contact, "Zoe");
    create = kontor_record_write_new_create (store, KONTOR_RECORD (contact), "Zoe");
    g_assert_false (kontor_operation_stack_run (stack, KONTOR_OPERATION (create), &error));
    g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_BUSY);
  }
  g_assert_false (step->done);

  /* a job over the whole import: under ASan on a loaded machine it took
   * more than the usual 10 s once; the wait is a cap, not a measure */
  g_assert_true (kontor_test_iterate_until (step_done, step, STEP_TIMEOUT));
  g_assert_null (kontor_operation_stack_get_running (stack));
  g_signal_handler_disconnect (store, handler);
}

static void
on_undone_cb (KontorOperationStack *stack,
              KontorOperation      *operation,
              guint                *n)
{
  (*n)++;
}

static void
test_undo_redo_job (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorOperation) operation = NULL;
  g_autofree char *before = dump (store);
  g_autofree char *after_import = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_redo = NULL;
  guint n_undone = 0, n_applied = 0;
  Step step;

  operation = import_file (fixture);
  g_assert_true (kontor_operation_is_long (operation));
  kontor_operation_stack_add_applied (stack, operation);
  after_import = dump (store);
  g_assert_cmpstr (before, !=, after_import);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, N_NEW + 1);
  g_signal_connect (stack, "undone", G_CALLBACK (on_undone_cb), &n_undone);
  g_signal_connect (stack, "applied", G_CALLBACK (on_undone_cb), &n_applied);

  step_async (store, stack, FALSE, NULL, &step);
  g_assert_no_error (step.error);
  g_assert_true (step.ok);
  g_assert_cmpuint (n_undone, ==, 1);
  /* the lists catch up once, at the end */
  g_assert_cmpuint (step.n_changed, ==, 1);
  g_assert_false (kontor_operation_is_applied (operation));
  g_assert_false (kontor_operation_stack_get_can_undo (stack));
  g_assert_true (kontor_operation_stack_get_can_redo (stack));
  after_undo = dump (store);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_cmpint (kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL), ==, 1);

  step_async (store, stack, TRUE, NULL, &step);
  g_assert_no_error (step.error);
  g_assert_true (step.ok);
  g_assert_cmpuint (n_applied, ==, 1);
  g_assert_cmpuint (step.n_changed, ==, 1);
  g_assert_true (kontor_operation_is_applied (operation));
  g_assert_true (kontor_operation_stack_get_can_undo (stack));
  g_assert_false (kontor_operation_stack_get_can_redo (stack));
  /* every row as the import left it, under the same ids */
  after_redo = dump (store);
  g_assert_cmpstr (after_redo, ==, after_import);

  /* and once more */
  step_async (store, stack, FALSE, NULL, &step);
  g_assert_true (step.ok);
  g_free (after_undo);
  after_undo = dump (store);
  g_assert_cmpstr (after_undo, ==, before);
}

static void
test_undo_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorOperationStack) stack = kontor_operation_stack_new (10);
  g_autoptr(KontorOperation) operation = NULL;
  g_autofree char *before = dump (store);
  g_autofree char *after_import = NULL;
  g_autofree char *now = NULL;
  guint n_undone = 0;
  Step step;

  operation = import_file (fixture);
  kontor_operation_stack_add_applied (stack, operation);
  after_import = dump (store);
  g_signal_connect (stack, "undone", G_CALLBACK (on_undone_cb), &n_undone);

  /* the deletes come after Anna's values were written back: half way */
  kontor_test_exec (store,
                    "CREATE TRIGGER test_fail BEFORE DELETE ON contact "
                    "WHEN old.first_name = 'Vorname900' "
                    "BEGIN SELECT RAISE (ABORT, 'the test refuses'); END");
  step_async (store, stack, FALSE, NULL, &step);
  g_assert_false (step.ok);
  g_assert_nonnull (step.error);
  g_assert_cmpstr (step.error->message, !=, "");
  g_clear_error (&step.error);
  g_assert_cmpuint (step.n_changed, ==, 0);
  g_assert_cmpuint (n_undone, ==, 0);
  now = dump (store);
  g_assert_cmpstr (now, ==, after_import);
  /* the import stays, to be undone again */
  g_assert_true (kontor_operation_is_applied (operation));
  g_assert_true (kontor_operation_stack_get_can_undo (stack));
  g_assert_false (kontor_operation_stack_get_can_redo (stack));

  /* cancelled: rolled back as well */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    step_async (store, stack, FALSE, cancellable, &step);
    g_assert_error (step.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&step.error);
    g_free (now);
    now = dump (store);
    g_assert_cmpstr (now, ==, after_import);
    g_assert_true (kontor_operation_stack_get_can_undo (stack));
  }

  kontor_test_exec (store, "DROP TRIGGER test_fail");
  step_async (store, stack, FALSE, NULL, &step);
  g_assert_no_error (step.error);
  g_assert_true (step.ok);
  g_free (now);
  now = dump (store);
  g_assert_cmpstr (now, ==, before);

  /* a redo that fails half way (after the companies came back) leaves it
   * undone, to be redone again */
  kontor_test_exec (store,
                    "CREATE TRIGGER test_fail BEFORE INSERT ON contact "
                    "WHEN new.first_name = 'Vorname900' "
                    "BEGIN SELECT RAISE (ABORT, 'the test refuses'); END");
  step_async (store, stack, TRUE, NULL, &step);
  g_assert_false (step.ok);
  g_clear_error (&step.error);
  g_free (now);
  now = dump (store);
  g_assert_cmpstr (now, ==, before);
  g_assert_false (kontor_operation_is_applied (operation));
  g_assert_false (kontor_operation_stack_get_can_undo (stack));
  g_assert_true (kontor_operation_stack_get_can_redo (stack));

  kontor_test_exec (store, "DROP TRIGGER test_fail");
  step_async (store, stack, TRUE, NULL, &step);
  g_assert_no_error (step.error);
  g_free (now);
  now = dump (store);
  g_assert_cmpstr (now, ==, after_import);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-undo/job", Fixture, NULL, fixture_set_up, test_undo_redo_job,
              fixture_tear_down);
  g_test_add ("/import-undo/fails", Fixture, NULL, fixture_set_up, test_undo_fails,
              fixture_tear_down);

  return g_test_run ();
}
