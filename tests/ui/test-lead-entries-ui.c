/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kontor-contact-page.h"
#include "kontor-format.h"
#include "kontor-lead-entries-section.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-shot.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"

/* The "Lead Projects" section of a contact's page
 * (src/ui/kontor-lead-entries-section.c), on the real page: the empty
 * state, an entry with its project, status and value in the language's
 * money, what the store changes (a status renamed, the contact leaving
 * the group, the entry deleted) shown without the page being set again.
 * Run in English and German; with $KONTOR_SCREENSHOT_DIR set, renders the
 * page light and dark. */

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  GtkWindow          *window;
  KontorContact      *contact;
  KontorLeadProject  *project;
  GPtrArray          *statuses;
  KontorContactPage  *page;
  KontorLeadEntriesSection *section;
} Fixture;

static gboolean
in_german (void)
{
  return g_strcmp0 (g_getenv ("LANGUAGE"), "de") == 0;
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);

  fixture->contact = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->contact, "Anna");
  kontor_contact_set_last_name (fixture->contact, "Müller");
  kontor_contact_set_status (fixture->contact, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_test_save (fixture->base.store, fixture->contact);

  fixture->project = kontor_lead_project_new ("Messe Hannover 2027");
  g_assert_true (kontor_store_create_lead_project (fixture->base.store, fixture->project,
                                                   &error));
  g_assert_no_error (error);
  fixture->statuses = kontor_store_list_lead_statuses (fixture->base.store,
                                                       id_of (fixture->project), &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 1600);
  page = kontor_contact_page_new (fixture->context);
  gtk_window_set_child (fixture->window, page);
  gtk_window_present (fixture->window);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  fixture->page = KONTOR_CONTACT_PAGE (page);
  fixture->section = KONTOR_LEAD_ENTRIES_SECTION (kontor_test_find_widget (page,
                                                  KONTOR_TYPE_LEAD_ENTRIES_SECTION));
  g_assert_nonnull (fixture->section);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  kontor_test_settle (10);

  g_clear_pointer (&fixture->statuses, g_ptr_array_unref);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->contact);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static KontorLeadEntry *
add_entry (Fixture *fixture,
           gint64   cents)
{
  KontorLeadEntry *entry = kontor_lead_entry_new (id_of (fixture->project),
                                                  id_of (fixture->contact),
                                                  id_of (g_ptr_array_index (fixture->statuses, 0)));

  kontor_lead_entry_set_value_cents (entry, cents);
  kontor_test_save (fixture->base.store, entry);

  return entry;
}

typedef struct
{
  Fixture *fixture;
  guint    n_rows;
} RowsWanted;

static gboolean
shows_n_rows (gpointer data)
{
  RowsWanted *wanted = data;

  return kontor_lead_entries_section_get_n_rows (wanted->fixture->section) == wanted->n_rows;
}

static void
wait_for_rows (Fixture *fixture,
               guint    n_rows)
{
  RowsWanted wanted = { fixture, n_rows };

  g_assert_true (kontor_test_iterate_until (shows_n_rows, &wanted, KONTOR_TEST_TIMEOUT));
}

static gboolean
label_shows (GtkWidget  *root,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0) ||
        label_shows (child, text))
      return TRUE;
  return FALSE;
}

static void
test_empty_then_entry (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorLeadEntry) entry = NULL;
  GtkWidget *row;
  const char *value = in_german () ? "1.234,50\u00a0€" : "€1,234.50";
  const char *status = in_german () ? "Neu" : "New";

  kontor_contact_page_set_contact (fixture->page, fixture->contact);
  g_assert_cmpuint (kontor_lead_entries_section_get_n_rows (fixture->section), ==, 0);
  g_assert_true (label_shows (GTK_WIDGET (fixture->section),
                              in_german () ? "In keinem Leadprojekt"
                                           : "Not in any lead project"));

  /* added elsewhere: the page follows the store */
  entry = add_entry (fixture, 123450);
  wait_for_rows (fixture, 1);
  g_assert_false (label_shows (GTK_WIDGET (fixture->section),
                               in_german () ? "In keinem Leadprojekt"
                                            : "Not in any lead project"));
  row = kontor_test_find_row (GTK_WIDGET (fixture->section), "Messe Hannover 2027");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, status);
  g_assert_true (label_shows (row, value));
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorLeadEntry) entry = add_entry (fixture, 0);
  KontorLeadStatus *first = g_ptr_array_index (fixture->statuses, 0);
  g_autofree char *left_on = NULL;
  g_autofree char *date = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  gint64 left_at = 1796083200; /* 2026-12-01 */

  kontor_contact_page_set_contact (fixture->page, fixture->contact);
  wait_for_rows (fixture, 1);
  row = kontor_test_find_row (GTK_WIDGET (fixture->section), "Messe Hannover 2027");
  g_assert_true (label_shows (row, in_german () ? "0,00\u00a0€" : "€0.00"));

  /* a status renamed: the row says its new name */
  kontor_lead_status_set_name (first, "Erstkontakt");
  kontor_test_save (fixture->base.store, first);
  row = kontor_test_find_row (GTK_WIDGET (fixture->section), "Messe Hannover 2027");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Erstkontakt");

  /* the contact left the project's group: since when */
  kontor_lead_entry_set_left_at (entry, left_at);
  kontor_test_save (fixture->base.store, entry);
  date = kontor_format_date (left_at);
  expected = g_strdup_printf (in_german () ? "Erstkontakt · ausgeschieden am %s"
                                           : "Erstkontakt · left on %s", date);
  row = kontor_test_find_row (GTK_WIDGET (fixture->section), "Messe Hannover 2027");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected);

  /* the entry deleted: the empty state again */
  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (entry), &error));
  g_assert_no_error (error);
  wait_for_rows (fixture, 0);
  g_assert_true (label_shows (GTK_WIDGET (fixture->section),
                              in_german () ? "In keinem Leadprojekt"
                                           : "Not in any lead project"));
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
}

static void
test_other_contact (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorContact) other = kontor_contact_new ();
  g_autoptr(KontorLeadEntry) entry = NULL;

  kontor_contact_set_last_name (other, "Weber");
  kontor_test_save (fixture->base.store, other);
  entry = add_entry (fixture, 5000);

  /* another contact's page: not its project */
  kontor_contact_page_set_contact (fixture->page, other);
  g_assert_cmpuint (kontor_lead_entries_section_get_n_rows (fixture->section), ==, 0);
  kontor_contact_page_set_contact (fixture->page, fixture->contact);
  g_assert_cmpuint (kontor_lead_entries_section_get_n_rows (fixture->section), ==, 1);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KontorLeadEntry) entry = add_entry (fixture, 1850000);
  g_autoptr(KontorLeadProject) second = kontor_lead_project_new ("Wartungsvertrag Kühlsysteme");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadEntry) left = NULL;
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  g_autofree char *base = NULL;
  GtkWidget *scrolled;
  double x, y;

  if (dir == NULL)
    {
      g_test_skip ("no $KONTOR_SCREENSHOT_DIR");
      return;
    }

  g_assert_true (kontor_store_create_lead_project (fixture->base.store, second, &error));
  g_assert_no_error (error);
  statuses = kontor_store_list_lead_statuses (fixture->base.store, id_of (second), &error);
  g_assert_no_error (error);
  left = kontor_lead_entry_new (id_of (second), id_of (fixture->contact),
                                id_of (g_ptr_array_index (statuses, 1)));
  kontor_lead_entry_set_value_cents (left, 420000);
  kontor_lead_entry_set_left_at (left, 1796083200);
  kontor_test_save (fixture->base.store, left);

  kontor_contact_page_set_contact (fixture->page, fixture->contact);
  wait_for_rows (fixture, 2);
  /* the page scrolled down to the section */
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (fixture->section), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  kontor_test_settle (200);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (fixture->section),
                                                   gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                   0, 0, &x, &y));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            y - 300);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  base = g_build_filename (dir, "contact-leads.png", NULL);
  kontor_test_take_screenshots (GTK_WIDGET (fixture->window), base);
}

#define ADD(path, func) \
  g_test_add ("/lead-entries/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  ADD ("empty-then-entry", test_empty_then_entry);
  ADD ("follows-store", test_follows_store);
  ADD ("other-contact", test_other_contact);
  ADD ("screenshots", test_screenshots);

  return g_test_run ();
}
