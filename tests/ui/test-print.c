/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "kontor-activity.h"
#include "kontor-board.h"
#include "kontor-board-column.h"
#include "kontor-contact-page.h"
#include "kontor-contacts-view.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-print-call-list.h"
#include "kontor-print-visit-report.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"

/* Printing (feature X13, src/ui/kontor-print-*.c): call lists and visit
 * reports drawn into PDF files by the same code a print uses, on A4 and
 * Letter, their text read back with pdftotext (poppler-utils). Run in
 * English and German. With $KONTOR_PRINT_DIR set, the PDFs stay there to
 * be looked at (pdftoppm turns them into pictures). */

#define NOW      1795514400    /* 2026-11-24 10:00 UTC */
#define LAST_DAY 1795168800    /* 2026-11-20 10:00 UTC */

typedef struct
{
  KontorStoreFixture  base;
  char               *dir;
} Fixture;

static AdwApplication *app;

static const char *papers[] = { GTK_PAPER_NAME_A4, GTK_PAPER_NAME_LETTER };

static gboolean
in_german (void)
{
  return g_strcmp0 (g_getenv ("LANGUAGE"), "de") == 0;
}

static const char *
tr (const char *en,
    const char *de)
{
  return in_german () ? de : en;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->dir = kontor_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

#define PRINT_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

/* The PDF's path: in $KONTOR_PRINT_DIR to be kept, else the test's folder */
static char *
pdf_path (Fixture    *fixture,
          const char *name,
          const char *paper)
{
  const char *keep = g_getenv ("KONTOR_PRINT_DIR");
  g_autofree char *file = g_strdup_printf ("%s-%s-%s.pdf", name, paper,
                                           in_german () ? "de" : "en");

  if (keep != NULL)
    {
      g_mkdir_with_parents (keep, 0755);
      return g_build_filename (keep, file, NULL);
    }

  return g_build_filename (fixture->dir, file, NULL);
}

/* The text of page @page (from 1), or of every page for 0, each run of
 * white space one space: a column title may wrap */
static char *
pdf_text (const char *path,
          guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  int status = 0;

  if (page > 0)
    {
      const char *argv[] = { "pdftotext", "-f", first, "-l", first, path, "-", NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                    &status, &error);
    }
  else
    {
      const char *argv[] = { "pdftotext", path, "-", NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                    &status, &error);
    }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_regex_replace_literal (space, out, -1, 0, " ", 0, NULL);
}

static guint
count_in (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;

  return n;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not in the printed text:\n%s", needle, text);
}

static char *
page_label (guint page,
            guint n_pages)
{
  return in_german () ? g_strdup_printf ("Seite %u von %u", page, n_pages)
                      : g_strdup_printf ("Page %u of %u", page, n_pages);
}

/* With $KONTOR_PRINT_DIR, pictures of the pages beside the PDF
 * ("NAME-1.png" …) to be looked at */
static void
draw_pictures (const char *path)
{
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *prefix = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("KONTOR_PRINT_DIR") == NULL || pdftoppm == NULL)
    return;

  prefix = g_strndup (path, strlen (path) - strlen (".pdf"));
  g_spawn_sync (NULL, (char *[]) { pdftoppm, (char *) "-r", (char *) "60", (char *) "-png",
                                   (char *) path, prefix, NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static guint
write_pdf (gpointer    document,
           const char *path,
           const char *paper)
{
  g_autoptr(GtkPageSetup) setup = kontor_print_page_setup_new (paper);
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  g_assert_true (kontor_print_document_write_pdf (KONTOR_PRINT_DOCUMENT (document), setup, path,
                                                  &n_pages, &error));
  g_assert_no_error (error);
  draw_pictures (path);

  return n_pages;
}

static void
assert_page_count (const char *path,
                   guint       n_pages)
{
  g_autofree char *last = pdf_text (path, n_pages);
  g_autofree char *expected = page_label (n_pages, n_pages);

  assert_contains (last, expected);
}

static KontorContact *
save_contact (Fixture    *fixture,
              const char *first_name,
              const char *last_name,
              const char *company,
              const char *phone)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first_name);
  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_set_company_name (contact, company);
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  if (phone != NULL)
    kontor_contact_add_phone (contact, "mobile", phone);
  kontor_test_save (fixture->base.store, contact);

  return contact;
}

/* ------------------------------------------------------------------------ */
/* Call lists */

static void
test_call_list_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorPrintCallList) list = kontor_print_call_list_new ("Customers", NOW);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *path = pdf_path (fixture, "call-list-empty", papers[i]);
      g_autofree char *text = NULL;

      g_assert_cmpuint (write_pdf (list, path, papers[i]), ==, 1);
      text = pdf_text (path, 0);
      assert_contains (text, "Customers");
      assert_contains (text, tr ("0 contacts", "0 Kontakte"));
      assert_contains (text, tr ("printed on 2026-11-24", "gedruckt am 24.11.2026"));
      assert_contains (text, tr ("Phone Numbers", "Telefonnummern"));
      assert_contains (text, tr ("Last Activity", "Letzte Aktivität"));
      assert_contains (text, tr ("Notes", "Notizen"));
      assert_contains (text, tr ("No contacts to call", "Niemand anzurufen"));
      assert_contains (text, tr ("Page 1 of 1", "Seite 1 von 1"));
    }
}

static void
test_call_list_one (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorContact) anna = save_contact (fixture, "Anna", "Schneider", "Kaffee Klatsch GmbH",
                                                "+49 170 5550123");
  g_autoptr(KontorActivity) call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL,
                                                        KONTOR_RECORD (anna));
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorPrintCallList) list = kontor_print_call_list_new ("Customers", NOW);

  kontor_activity_set_starts_at (call, LAST_DAY);
  kontor_activity_set_subject (call, "Price list");
  kontor_test_save (fixture->base.store, call);
  loaded = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, id_of (anna), NULL);
  g_assert_nonnull (loaded);
  kontor_print_call_list_add_contact (list, loaded);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *path = pdf_path (fixture, "call-list-one", papers[i]);
      g_autofree char *text = NULL;

      g_assert_cmpuint (write_pdf (list, path, papers[i]), ==, 1);
      text = pdf_text (path, 0);
      assert_contains (text, "Anna Schneider");
      assert_contains (text, "Kaffee Klatsch GmbH");
      assert_contains (text, "+49 170 5550123");
      assert_contains (text, tr ("(Mobile)", "(Mobil)"));
      assert_contains (text, tr ("2026-11-20", "20.11.2026"));
      assert_contains (text, tr ("1 contact ", "1 Kontakt "));
      g_assert_null (strstr (text, tr ("No contacts to call", "Niemand anzurufen")));
    }
}

/* 200 rows: several pages, each with the title and the column titles,
 * every contact once, in order */
static void
test_call_list_pages (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorPrintCallList) list = kontor_print_call_list_new ("Messe Leipzig", NOW);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(KontorContact) contact = kontor_contact_new ();
      g_autofree char *name = g_strdup_printf ("Person%03u", i);

      kontor_contact_set_last_name (contact, name);
      kontor_contact_set_company_name (contact, "Firma");
      kontor_contact_add_phone (contact, "work", "+49 30 1234");
      kontor_print_call_list_add_contact (list, contact);
    }

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *path = pdf_path (fixture, "call-list-200", papers[i]);
      g_autofree char *all = NULL;
      guint n_pages = write_pdf (list, path, papers[i]);
      const char *previous = NULL;

      g_assert_cmpuint (n_pages, >=, 3);
      assert_page_count (path, n_pages);
      for (guint page = 1; page <= n_pages; page++)
        {
          g_autofree char *text = pdf_text (path, page);
          g_autofree char *footer = page_label (page, n_pages);

          assert_contains (text, "Messe Leipzig");
          assert_contains (text, tr ("200 contacts", "200 Kontakte"));
          assert_contains (text, tr ("Phone Numbers", "Telefonnummern"));
          assert_contains (text, footer);
          g_assert_cmpuint (count_in (text, "Person"), >, 0);
        }

      all = pdf_text (path, 0);
      for (guint j = 0; j < 200; j++)
        {
          g_autofree char *name = g_strdup_printf ("Person%03u", j);
          const char *at = strstr (all, name);

          g_assert_cmpuint (count_in (all, name), ==, 1);
          g_assert_true (previous == NULL || at > previous);
          previous = at;
        }
    }
}

/* A name longer than its cell takes two lines and ends in "…"; the row
 * below is still there */
static void
test_call_list_long (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KontorPrintCallList) list = kontor_print_call_list_new ("Customers", NOW);
  g_autoptr(KontorContact) longest = kontor_contact_new ();
  g_autoptr(KontorContact) next = kontor_contact_new ();
  g_autoptr(GString) name = g_string_new ("Wolfeschlegelsteinhausenbergerdorff");

  for (guint i = 0; i < 8; i++)
    g_string_append (name, " Wolfeschlegelsteinhausenbergerdorff");
  kontor_contact_set_last_name (longest, name->str);
  kontor_contact_set_company_name (longest, name->str);
  kontor_print_call_list_add_contact (list, longest);
  kontor_contact_set_last_name (next, "Zuletzt");
  kontor_print_call_list_add_contact (list, next);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *path = pdf_path (fixture, "call-list-long", papers[i]);
      g_autofree char *text = NULL;

      g_assert_cmpuint (write_pdf (list, path, papers[i]), ==, 1);
      text = pdf_text (path, 0);
      assert_contains (text, "…");
      assert_contains (text, "Zuletzt");
      g_assert_null (strstr (text, name->str));
    }
}

/* From the store: the contacts a filter shows, in its order */
static void
test_call_list_filter (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorContact) anna = save_contact (fixture, "Anna", "Schneider", "Kaffee Klatsch GmbH",
                                                "+49 170 5550123");
  g_autoptr(KontorContact) bernd = save_contact (fixture, "Bernd", "Weber", "Weber & Söhne",
                                                 "+49 30 5550199");
  g_autoptr(KontorContact) carla = kontor_test_save_contact (fixture->base.store, "Prospektiv",
                                                             KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorPrintCallList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pdf_path (fixture, "call-list-filter", papers[0]);
  g_autofree char *text = NULL;

  kontor_filter_set_statuses (filter, 1 << KONTOR_CONTACT_STATUS_CUSTOMER);
  list = kontor_print_call_list_new_from_filter (fixture->base.store, filter, "Customers", NOW,
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_print_call_list_get_n_rows (list), ==, 2);

  write_pdf (list, path, papers[0]);
  text = pdf_text (path, 0);
  assert_contains (text, "+49 30 5550199");
  assert_contains (text, "Weber & Söhne");
  g_assert_null (strstr (text, "Prospektiv"));
  g_assert_true (strstr (text, "Anna Schneider") < strstr (text, "Bernd Weber"));
}

/* A file that cannot be written: an error naming it, nothing left */
static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KontorPrintCallList) list = kontor_print_call_list_new ("Customers", NOW);
  g_autoptr(GtkPageSetup) setup = kontor_print_page_setup_new (GTK_PAPER_NAME_A4);
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "list.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_print_document_write_pdf (KONTOR_PRINT_DOCUMENT (list), setup, path,
                                                   NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  assert_contains (error->message, path);
  assert_contains (error->message, tr ("Could not write", "konnte nicht geschrieben werden"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------------ */
/* Visit reports */

static KontorContact *
save_visited (Fixture *fixture,
              guint    n_tasks,
              guint    n_done)
{
  KontorStore *store = fixture->base.store;
  g_autoptr(KontorContact) contact = save_contact (fixture, "Anna", "Schneider",
                                                   "Kaffee Klatsch GmbH", "+49 170 5550123");
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe 2027");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  kontor_contact_add_email (contact, "work", "anna@kaffee.example");
  kontor_contact_set_street (contact, "Hauptstraße 5");
  kontor_contact_set_postal_code (contact, "04109");
  kontor_contact_set_city (contact, "Leipzig");
  kontor_contact_set_customer_number (contact, "K-1042");
  kontor_contact_set_job_title (contact, "Einkauf");
  kontor_contact_set_notes (contact, "Likes espresso.");
  kontor_test_save (store, contact);

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(KontorActivity) task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                                            KONTOR_RECORD (contact));
      g_autofree char *subject = g_strdup_printf ("Task%02u", i);
      g_autofree char *due = g_strdup_printf ("2026-12-%02u", i + 1);

      kontor_activity_set_subject (task, subject);
      kontor_activity_set_due_on (task, due);
      kontor_test_save (store, task);
    }
  for (guint i = 0; i < n_done; i++)
    {
      g_autoptr(KontorActivity) call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL,
                                                            KONTOR_RECORD (contact));
      g_autofree char *subject = g_strdup_printf ("Call%02u", i);

      kontor_activity_set_subject (call, subject);
      kontor_activity_set_starts_at (call, LAST_DAY - (gint64) i * 86400);
      kontor_test_save (store, call);
    }

  g_assert_true (kontor_store_create_lead_project (store, project, &error));
  g_assert_no_error (error);
  statuses = kontor_store_list_lead_statuses (store, id_of (project), &error);
  g_assert_no_error (error);
  entry = kontor_lead_entry_new (id_of (project), id_of (contact),
                                 id_of (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_value_cents (entry, 1234550);
  kontor_lead_entry_set_currency (entry, "EUR");
  kontor_test_save (store, entry);

  return kontor_store_load (store, KONTOR_TYPE_CONTACT, id_of (contact), NULL);
}

static void
test_visit_report (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorContact) contact = save_visited (fixture, 8, 7);
  g_autoptr(KontorPrintVisitReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = kontor_print_visit_report_new (fixture->base.store, contact, NOW, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *path = pdf_path (fixture, "visit-report", papers[i]);
      g_autofree char *text = NULL;

      g_assert_cmpuint (write_pdf (report, path, papers[i]), ==, 1);
      g_assert_cmpfloat (kontor_print_visit_report_get_scale (report), ==, 1.0);
      text = pdf_text (path, 0);
      assert_contains (text, tr ("Visit Report", "Besuchsbericht"));
      assert_contains (text, "Anna Schneider");
      assert_contains (text, "Einkauf · Kaffee Klatsch GmbH");
      assert_contains (text, "+49 170 5550123");
      assert_contains (text, "anna@kaffee.example");
      assert_contains (text, "Hauptstraße 5");
      assert_contains (text, "04109 Leipzig");
      assert_contains (text, "K-1042");
      assert_contains (text, "Likes espresso.");
      /* six of eight open tasks, by due date, and a line for the rest */
      assert_contains (text, tr ("Open Tasks", "Offene Aufgaben"));
      assert_contains (text, "Task00");
      assert_contains (text, "Task05");
      g_assert_null (strstr (text, "Task06"));
      assert_contains (text, tr ("… and 2 more open tasks", "… und 2 weitere offene Aufgaben"));
      assert_contains (text, tr ("2026-12-01", "01.12.2026"));
      /* the last five activities, the newest first */
      assert_contains (text, tr ("Last Activities", "Letzte Aktivitäten"));
      assert_contains (text, "Call00");
      assert_contains (text, "Call04");
      g_assert_null (strstr (text, "Call05"));
      g_assert_true (strstr (text, "Call00") < strstr (text, "Call04"));
      assert_contains (text, tr ("2026-11-20", "20.11.2026"));
      /* the lead project, its status and value */
      assert_contains (text, "Messe 2027");
      assert_contains (text, tr ("€12,345.50", "12.345,50 €"));
      assert_contains (text, tr ("Notes from the Visit", "Notizen zum Besuch"));
      assert_contains (text, tr ("Printed on 2026-11-24", "Gedruckt am 24.11.2026"));
    }
}

/* A contact with nothing: the empty parts say so */
static void
test_visit_report_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KontorContact) contact = kontor_test_save_contact (fixture->base.store, "Leer",
                                                               KONTOR_CONTACT_STATUS_INBOX);
  g_autoptr(KontorPrintVisitReport) report = NULL;
  g_autofree char *path = pdf_path (fixture, "visit-report-empty", papers[0]);
  g_autofree char *text = NULL;

  report = kontor_print_visit_report_new (fixture->base.store, contact, NOW, NULL);
  g_assert_cmpuint (write_pdf (report, path, papers[0]), ==, 1);
  text = pdf_text (path, 0);
  assert_contains (text, "Leer");
  assert_contains (text, tr ("No open tasks.", "Keine offenen Aufgaben."));
  assert_contains (text, tr ("No activities yet.", "Noch keine Aktivitäten."));
  assert_contains (text, tr ("Not in any lead project", "In keinem Leadprojekt"));
}

/* Long notes are cut with a line saying so; a page too small for the
 * rest draws it all smaller, still on one page */
static void
test_visit_report_long (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorContact) contact = save_visited (fixture, 2, 1);
  g_autoptr(KontorPrintVisitReport) report = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  /* A6: a quarter of A4 */
  g_autoptr(GtkPageSetup) small = kontor_print_page_setup_new ("iso_a6");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pdf_path (fixture, "visit-report-long", papers[0]);
  g_autofree char *small_path = pdf_path (fixture, "visit-report-long", "a6");
  g_autofree char *text = NULL;
  guint n_pages = 0;

  for (guint i = 0; i < 80; i++)
    g_string_append_printf (notes, "Sentence %u of the notes. ", i);
  g_string_append (notes, "TheLastWord");
  kontor_contact_set_notes (contact, notes->str);
  kontor_test_save (fixture->base.store, contact);

  report = kontor_print_visit_report_new (fixture->base.store, contact, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (write_pdf (report, path, papers[0]), ==, 1);
  text = pdf_text (path, 0);
  assert_contains (text, "Sentence 0 of the notes.");
  g_assert_null (strstr (text, "TheLastWord"));
  assert_contains (text, tr ("The notes are shortened; Kontor shows them whole.",
                             "Die Notizen sind gekürzt; Kontor zeigt sie ganz."));
  assert_contains (text, tr ("Notes from the Visit", "Notizen zum Besuch"));

  g_assert_true (kontor_print_document_write_pdf (KONTOR_PRINT_DOCUMENT (report), small,
                                                  small_path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_cmpfloat (kontor_print_visit_report_get_scale (report), <, 1.0);
  g_clear_pointer (&text, g_free);
  text = pdf_text (small_path, 0);
  assert_contains (text, "Anna Schneider");
  assert_contains (text, tr ("Printed on 2026-11-24", "Gedruckt am 24.11.2026"));
}

/* ------------------------------------------------------------------------ */
/* GtkPrintOperation: the print dialog's way, exported to PDF */

static void
test_print_operation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorPrintCallList) list = kontor_print_call_list_new ("Customers", NOW);
  g_autoptr(GtkPageSetup) setup = kontor_print_page_setup_new (GTK_PAPER_NAME_LETTER);
  g_autofree char *path = pdf_path (fixture, "call-list-operation", papers[1]);
  g_autofree char *direct_path = pdf_path (fixture, "call-list-direct", papers[1]);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *direct = NULL;

  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(KontorContact) contact = kontor_contact_new ();
      g_autofree char *name = g_strdup_printf ("Person%03u", i);

      kontor_contact_set_last_name (contact, name);
      kontor_print_call_list_add_contact (list, contact);
    }

  g_assert_true (kontor_print_document_export (KONTOR_PRINT_DOCUMENT (list), setup, path,
                                               &error));
  g_assert_no_error (error);
  write_pdf (list, direct_path, papers[1]);
  text = pdf_text (path, 0);
  direct = pdf_text (direct_path, 0);
  assert_contains (text, "Person000");
  assert_contains (text, "Person119");
  /* the same pages as drawn without the operation */
  g_assert_cmpstr (text, ==, direct);
}

/* ------------------------------------------------------------------------ */
/* The window: each menu item opens the print dialog for its document */

typedef struct
{
  Fixture        base;
  GSettings     *settings;
  KontorContext *context;
  KontorWindow  *window;
  KontorContact *anna;
} WindowFixture;

static void
window_fixture_set_up (WindowFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorContact) carla = NULL;

  fixture_set_up (&fixture->base, data);
  fixture->anna = save_contact (&fixture->base, "Anna", "Schneider", "Kaffee Klatsch GmbH",
                                "+49 170 5550123");
  carla = kontor_test_save_contact (fixture->base.base.store, "Prospektiv",
                                    KONTOR_CONTACT_STATUS_PROSPECT);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 800);
}

static void
window_fixture_tear_down (WindowFixture *fixture,
                          gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (10);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  fixture_tear_down (&fixture->base, data);
}

#define WINDOW_TEST(path, func) \
  g_test_add (path, WindowFixture, NULL, window_fixture_set_up, func, window_fixture_tear_down)

static gboolean
print_dialog_shown (gpointer data)
{
  WindowFixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     g_type_from_name ("GtkPrintUnixDialog")) != NULL;
}

static gboolean
print_dialog_gone (gpointer data)
{
  return !print_dialog_shown (data);
}

/* Waits for the print dialog over the window and cancels it. Which
 * document it prints is not to be read from it (the tests above check the
 * documents the actions make); that it comes is. */
static void
assert_print_dialog (WindowFixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (kontor_test_iterate_until (print_dialog_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                       g_type_from_name ("GtkPrintUnixDialog"));
  g_assert_true (gtk_window_get_modal (dialog));

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (kontor_test_iterate_until (print_dialog_gone, fixture, KONTOR_TEST_TIMEOUT));
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_menu_button_with_print (GtkWidget  *widget,
                           const void *data)
{
  GMenuModel *menu;

  if (!GTK_IS_MENU_BUTTON (widget))
    return FALSE;
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

  return menu != NULL && menu_has_action (menu, (const char *) data);
}

/* The main menu's "Print Call List…": the list shown, under its title */
static void
test_window_call_list (WindowFixture *fixture,
                       gconstpointer  data)
{
  GtkWidget *view = kontor_window_get_contacts_view (fixture->window);

  const char *ids[] = { id_of (fixture->anna), NULL };
  g_autoptr(KontorPrintCallList) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (kontor_test_find_matching (view, is_menu_button_with_print,
                                               "win.print-call-list"));

  /* a group shown: what the action hands on is the group's name and
   * members */
  kontor_contacts_view_show_group (KONTOR_CONTACTS_VIEW (view), NULL, ids, "Messe Leipzig");
  g_assert_cmpstr (kontor_contacts_view_get_title (KONTOR_CONTACTS_VIEW (view)), ==,
                   "Messe Leipzig");
  list = kontor_print_call_list_new_from_filter (fixture->base.base.store,
                                                 kontor_contacts_view_get_filter (
                                                   KONTOR_CONTACTS_VIEW (view)),
                                                 "Messe Leipzig", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kontor_print_call_list_get_n_rows (list), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.print-call-list",
                                             NULL));
  assert_print_dialog (fixture);
}

/* A board column's "Print Call List…", named after the column */
static void
test_window_column (WindowFixture *fixture,
                    gconstpointer  data)
{
  GtkWidget *view_widget = kontor_window_get_contacts_view (fixture->window);
  KontorContactsView *view = KONTOR_CONTACTS_VIEW (view_widget);
  KontorBoard *board;
  KontorBoardColumn *column;
  GtkMenuButton *menu_button;

  g_settings_set_string (fixture->settings, "contacts-view", "board");
  board = kontor_contacts_view_get_board (view);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, board,
                                            KONTOR_TEST_TIMEOUT));
  g_assert_cmpuint (kontor_board_get_n_columns (board), >, 0);
  column = kontor_board_get_column (board, 0);
  menu_button = kontor_board_column_get_menu_button (column);
  gtk_menu_button_popup (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button),
                                  "column.print-call-list"));
  gtk_menu_button_popdown (menu_button);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.print-call-list",
                                             NULL));
  assert_print_dialog (fixture);
}

/* A contact's "Print Visit Report…", on its page */
static void
test_window_visit_report (WindowFixture *fixture,
                          gconstpointer  data)
{
  GtkWidget *page;

  /* nothing shown yet: a toast instead of a dialog */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.print-visit-report", "s", ""));
  g_assert_true (kontor_test_shows_toast (GTK_WIDGET (fixture->window),
                                          tr ("Save the contact to print its visit report",
                                              "Zum Drucken des Besuchsberichts den Kontakt "
                                              "erst speichern")));
  g_assert_false (print_dialog_shown (fixture));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contact", "s",
                              id_of (fixture->anna));
  page = kontor_window_get_contact_page (fixture->window);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  g_assert_nonnull (kontor_test_find_matching (page, is_menu_button_with_print,
                                               "win.print-visit-report"));
  g_assert_true (gtk_widget_activate_action (page, "win.print-visit-report", "s", ""));
  assert_print_dialog (fixture);
}

/* Ctrl+P, pressed: the call list over the list, the visit report over a
 * contact's page */
static void
test_window_ctrl_p (WindowFixture *fixture,
                    gconstpointer  data)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkWidget *page;

  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("key presses need X and xdotool");
      return;
    }

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+p");
  assert_print_dialog (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contact", "s",
                              id_of (fixture->anna));
  page = kontor_window_get_contact_page (fixture->window);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+p");
  assert_print_dialog (fixture);
  /* cancelled: the page is still there, the contact not changed */
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_false (kontor_contact_page_get_dirty (KONTOR_CONTACT_PAGE (page)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  if (!g_find_program_in_path ("pdftotext"))
    {
      g_print ("1..0 # SKIP pdftotext (poppler-utils) is missing\n");
      return 0;
    }

  PRINT_TEST ("/print/call-list/empty", test_call_list_empty);
  PRINT_TEST ("/print/call-list/one-row", test_call_list_one);
  PRINT_TEST ("/print/call-list/200-rows-pages", test_call_list_pages);
  PRINT_TEST ("/print/call-list/long-name-ellipsized", test_call_list_long);
  PRINT_TEST ("/print/call-list/from-filter", test_call_list_filter);
  PRINT_TEST ("/print/unwritable-file", test_unwritable);
  PRINT_TEST ("/print/visit-report/contact", test_visit_report);
  PRINT_TEST ("/print/visit-report/empty", test_visit_report_empty);
  PRINT_TEST ("/print/visit-report/long-notes-and-small-paper", test_visit_report_long);
  PRINT_TEST ("/print/operation/export-pdf", test_print_operation);
  WINDOW_TEST ("/print/window/call-list", test_window_call_list);
  WINDOW_TEST ("/print/window/board-column", test_window_column);
  WINDOW_TEST ("/print/window/visit-report", test_window_visit_report);
  WINDOW_TEST ("/print/window/ctrl-p", test_window_ctrl_p);

  app = kontor_test_app_new ("io.github.kontor.Kontor.TestPrint");
  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
