/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-workspace"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-board.h"
#include "kontor-company-page.h"
#include "kontor-contact-page.h"
#include "kontor-demo-fill.h"
#include "kontor-employments-section.h"
#include "kontor-group-change.h"
#include "kontor-history-section.h"
#include "kontor-identity-dialog.h"
#include "kontor-new-contact-dialog.h"
#include "kontor-preferences-window.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"
#include "kontor-workspace.h"

/* The sales team's workspace (issue 10, features C1, L1): the sidebar
 * with its sections, chosen with Ctrl+1 … and remembered, folding below
 * 550 pixels; the companies table (sorted, searched as typed, the search
 * text taken literally); a company's page with its contacts, a contact
 * opened from it and back, a contact added there already linked, and a
 * new company. Real key presses and clicks (xdotool) into a window over a
 * demo team. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorWorkspace    *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int width = GPOINTER_TO_INT (data);

  kontor_store_fixture_set_up (&fixture->base, NULL);
  g_assert_true (kontor_demo_populate (fixture->base.store, 40, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, width > 0 ? width : 1200,
                                                800);
  fixture->workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (fixture->window));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_settings_reset (fixture->settings, "workspace-section");
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static gboolean
widget_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static void
wait_mapped (gpointer widget)
{
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, widget,
                                            KONTOR_TEST_TIMEOUT));
}

static void
wait_unmapped (gpointer widget)
{
  g_assert_true (kontor_test_iterate_until (widget_is_unmapped, widget, KONTOR_TEST_TIMEOUT));
}

static gint64
count (Fixture    *fixture,
       const char *sql,
       const char *param)
{
  return kontor_test_query_int (fixture->base.store, sql, param);
}

/* ------------------------------------------------------------------------ */
/* The sidebar */

static void
test_sections_by_keyboard (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorContactsView *contacts = kontor_workspace_get_contacts_view (fixture->workspace);
  GtkWidget *sidebar = kontor_workspace_get_sidebar (fixture->workspace);
  g_autofree char *stored = NULL;
  gboolean leads;

  /* five sections (activities and today are tested in test-activities-ui),
   * named, the first one shown */
  for (guint i = 0; i < 5; i++)
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), i));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 5));
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "contacts");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (contacts)));
  g_assert_false (kontor_workspace_get_folded (fixture->workspace));

  /* Ctrl+2: the companies, the focus on their table */
  kontor_test_press ("ctrl+2");
  wait_mapped (kontor_workspace_get_companies_view (fixture->workspace));
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "companies");
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), GTK_WIDGET (
    kontor_companies_view_get_table (kontor_workspace_get_companies_view (fixture->workspace)))) ||
                 focus_of (fixture) == GTK_WIDGET (kontor_companies_view_get_table (
                   kontor_workspace_get_companies_view (fixture->workspace))));
  stored = g_settings_get_string (fixture->settings, "workspace-section");
  g_assert_cmpstr (stored, ==, "companies");

  /* Ctrl+3: the leads, the contacts view with the lead filter */
  kontor_test_press ("ctrl+3");
  wait_mapped (contacts);
  g_object_get (contacts, "leads-only", &leads, NULL);
  g_assert_true (leads);
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "leads");

  /* Ctrl+1: all contacts again */
  kontor_test_press ("ctrl+1");
  g_object_get (contacts, "leads-only", &leads, NULL);
  g_assert_false (leads);
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "contacts");

  /* the sidebar by keyboard: Down and Enter on its rows */
  gtk_widget_grab_focus (gtk_widget_get_first_child (sidebar));
  kontor_test_press ("Down Return");
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "companies");
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
}

/* The section of the last start comes back */
static void
test_section_remembered (Fixture       *fixture,
                         gconstpointer  data)
{
  KontorWindow *second;

  kontor_test_press ("ctrl+2");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  second = kontor_test_present_window (app, fixture->context, 1200, 800);
  fixture->window = second;
  fixture->workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (second));
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "companies");
  wait_mapped (kontor_workspace_get_companies_view (fixture->workspace));
}

/* Narrower than 550 pixels, one pane: the section with a button back to
 * the sidebar, and a section chosen there comes instead of it */
static void
test_folded (Fixture       *fixture,
             gconstpointer  data)
{
  KontorContactsView *contacts = kontor_workspace_get_contacts_view (fixture->workspace);
  GtkWidget *back = kontor_contacts_view_get_back_button (contacts);
  GtkWidget *sidebar = kontor_workspace_get_sidebar (fixture->workspace);

  g_assert_true (kontor_workspace_get_folded (fixture->workspace));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (contacts)));
  wait_unmapped (sidebar);
  g_assert_true (gtk_widget_get_visible (back));

  kontor_test_click (back, "1", "1");
  wait_mapped (sidebar);
  kontor_test_settle (300);
  wait_unmapped (contacts);

  /* a section chosen with the mouse */
  kontor_test_click (gtk_widget_get_next_sibling (gtk_widget_get_first_child (sidebar)), "1", "1");
  wait_mapped (kontor_workspace_get_companies_view (fixture->workspace));
  g_assert_true (gtk_widget_get_visible (
    kontor_companies_view_get_back_button (kontor_workspace_get_companies_view (fixture->workspace))));
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
}

/* ------------------------------------------------------------------------ */
/* The companies table */

static KontorCompaniesView *
show_companies (Fixture *fixture)
{
  KontorCompaniesView *view;

  kontor_test_press ("ctrl+2");
  view = kontor_workspace_get_companies_view (fixture->workspace);
  wait_mapped (view);
  kontor_test_settle (100);

  return view;
}

static const char *
company_name_at (KontorCompaniesView *view,
                 guint                position)
{
  g_autoptr(KontorCompany) company =
    g_list_model_get_item (G_LIST_MODEL (kontor_companies_view_get_list (view)), position);

  g_assert_nonnull (company);

  /* the list holds its records while they are in view */
  return g_intern_string (kontor_company_get_name (company));
}

static void
test_companies_table (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorCompaniesView *view;
  GListModel *list;
  KontorTable *table;
  g_autoptr(KontorCompany) odd = kontor_company_new ("100% Bio_Feinkost");
  gint64 n_companies;
  guint n;

  kontor_company_set_city (odd, "Leipzig");
  kontor_test_save (fixture->base.store, odd);
  n_companies = count (fixture, "SELECT count(*) FROM company", NULL);

  view = show_companies (fixture);
  list = G_LIST_MODEL (kontor_companies_view_get_list (view));
  table = kontor_companies_view_get_table (view);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_companies);
  g_assert_cmpuint (n_companies, >, 3);

  /* by name, then reversed with a click on the title */
  g_assert_cmpint (g_utf8_collate (company_name_at (view, 0), company_name_at (view, 1)), <=, 0);
  kontor_test_click (kontor_table_get_header_button (table, kontor_table_get_column (table, "name")),
                     "1", "1");
  kontor_test_settle (100);
  g_assert_cmpint (g_utf8_collate (company_name_at (view, 0), company_name_at (view, 1)), >=, 0);

  /* search as you type: typing on the table goes to the search */
  kontor_companies_view_focus_table (view);
  kontor_test_press ("L e i p");
  n = (guint) count (fixture, "SELECT count(*) FROM company WHERE city = 'Leipzig' "
                     "OR name LIKE '%leip%'", NULL);
  g_assert_cmpuint (n, >=, 2);
  kontor_test_wait_n_items (list, n);
  g_assert_cmpstr (gtk_editable_get_text (kontor_companies_view_get_search_entry (view)), ==,
                   "Leip");

  /* "%" and "_" are what they are, not patterns */
  gtk_editable_set_text (kontor_companies_view_get_search_entry (view), "%");
  kontor_test_wait_n_items (list, 1);
  g_assert_cmpstr (company_name_at (view, 0), ==, "100% Bio_Feinkost");
  gtk_editable_set_text (kontor_companies_view_get_search_entry (view), "o_F");
  kontor_test_wait_n_items (list, 1);
  gtk_editable_set_text (kontor_companies_view_get_search_entry (view), "'; DROP TABLE company;");
  kontor_test_wait_n_items (list, 0);
  kontor_test_press ("Escape");
  kontor_test_wait_n_items (list, n_companies);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM company", NULL), ==, n_companies);

  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
}

/* ------------------------------------------------------------------------ */
/* A company's page */

static KontorCompanyPage *
open_first_company (Fixture *fixture)
{
  KontorCompaniesView *view = show_companies (fixture);
  KontorCompanyPage *page = KONTOR_COMPANY_PAGE (kontor_window_get_company_page (fixture->window));

  kontor_companies_view_focus_table (view);
  kontor_test_press ("Down Return");
  wait_mapped (page);
  g_assert_nonnull (kontor_company_page_get_company (page));

  return page;
}

/* the row of the company's contact list for the contact @data (an id) */
static gboolean
is_row_of_contact (GtkWidget  *widget,
                   const void *data)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "kontor-contact-id"), data) == 0;
}

static void
test_company_page (Fixture       *fixture,
                   gconstpointer  data)
{
  KontorCompanyPage *page;
  GtkWidget *contact_page = kontor_window_get_contact_page (fixture->window);
  KontorCompany *company;
  g_autofree char *company_id = NULL;
  GListModel *contacts;
  g_autoptr(KontorContact) first = NULL;
  g_autoptr(KontorCompany) stored = NULL;
  GtkWidget *row, *name_row;
  gint64 n;

  /* the demo numbers some companies: not this test's */
  kontor_test_exec (fixture->base.store, "UPDATE company SET customer_number = NULL");
  page = open_first_company (fixture);
  company = kontor_company_page_get_company (page);
  company_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (company)));
  contacts = kontor_company_page_get_contacts (page);

  /* its contacts, every one linked to it */
  n = count (fixture, "SELECT count(*) FROM contact WHERE company_id = ?1", company_id);
  g_assert_cmpint (n, >, 0);
  kontor_test_wait_n_items (contacts, (guint) n);
  kontor_test_assert_accessible (GTK_WIDGET (page));

  /* a click on one opens it; Back (Escape) comes back to the company */
  first = g_list_model_get_item (contacts, 0);
  row = kontor_test_find_matching (GTK_WIDGET (page), is_row_of_contact,
                                   kontor_record_get_id (KONTOR_RECORD (first)));
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  kontor_test_press ("Return");
  wait_mapped (contact_page);
  g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (kontor_contact_page_get_contact (
                     KONTOR_CONTACT_PAGE (contact_page)))), ==,
                   kontor_record_get_id (KONTOR_RECORD (first)));
  kontor_test_press ("Escape");
  wait_mapped (page);
  g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (kontor_company_page_get_company (page))),
                   ==, company_id);

  /* the name, edited and saved with Ctrl+S */
  name_row = kontor_test_find_row (GTK_WIDGET (page), _("Name"));
  g_assert_nonnull (name_row);
  gtk_widget_grab_focus (name_row);
  kontor_test_press ("End space N o r d");
  g_assert_true (kontor_company_page_get_dirty (page));
  kontor_test_press ("ctrl+s");
  g_assert_false (kontor_company_page_get_dirty (page));
  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY, company_id, NULL);
  g_assert_true (g_str_has_suffix (kontor_company_get_name (stored), " Nord"));

  /* a blank name is refused by the model's rule, and nothing is saved */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "   ");
  kontor_test_settle (50);
  g_assert_true (kontor_company_page_get_dirty (page));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "company.save", NULL) &&
                  !kontor_company_page_get_dirty (page));
  g_clear_object (&stored);
  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY, company_id, NULL);
  g_assert_true (g_str_has_suffix (kontor_company_get_name (stored), " Nord"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), kontor_company_get_name (stored));

  /* "Generate Number" from the companies' own range, while a change is
   * being typed: the number comes in, the typing stays */
  gtk_editable_set_text (GTK_EDITABLE (kontor_test_find_row (GTK_WIDGET (page), _("Industry"))),
                         "Feinmechanik");
  kontor_test_settle (50);
  g_assert_true (kontor_company_page_get_dirty (page));
  g_assert_null (kontor_company_get_customer_number (stored));
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *expected = g_strdup_printf ("F-%04d-00001", g_date_time_get_year (now));
      GtkWidget *number_row = kontor_test_find_row (GTK_WIDGET (page), _("Customer Number"));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "company.generate-number",
                                                 NULL));
      kontor_test_settle (100);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ==, expected);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kontor_test_find_row (
                         GTK_WIDGET (page), _("Industry")))), ==, "Feinmechanik");
      g_clear_object (&stored);
      stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY, company_id, NULL);
      g_assert_cmpstr (kontor_company_get_customer_number (stored), ==, expected);
      /* one number each: the button waits for the next company */
      g_assert_false (gtk_widget_is_sensitive (kontor_test_find_button (GTK_WIDGET (page),
                                                                        _("_Generate Number"))));
    }
  kontor_test_press ("ctrl+s");
  g_clear_object (&stored);
  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY, company_id, NULL);
  g_assert_cmpstr (kontor_company_get_industry (stored), ==, "Feinmechanik");

  /* Escape on the page: back to the companies */
  gtk_widget_grab_focus (GTK_WIDGET (page));
  kontor_test_press ("Escape");
  wait_mapped (kontor_workspace_get_companies_view (fixture->workspace));
}

typedef struct
{
  GtkWindow *parent;
} DialogWait;

static gboolean
has_new_contact_dialog (gpointer data)
{
  return kontor_test_find_transient (data, KONTOR_TYPE_NEW_CONTACT_DIALOG) != NULL;
}

/* "Add Contact" makes a contact already linked to the company */
static void
test_company_add_contact (Fixture       *fixture,
                          gconstpointer  data)
{
  KontorCompanyPage *page = open_first_company (fixture);
  GtkWidget *contact_page = kontor_window_get_contact_page (fixture->window);
  g_autofree char *company_id =
    g_strdup (kontor_record_get_id (KONTOR_RECORD (kontor_company_page_get_company (page))));
  gint64 before = count (fixture, "SELECT count(*) FROM contact WHERE company_id = ?1",
                         company_id);
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "company.new-contact", NULL));
  g_assert_true (kontor_test_iterate_until (has_new_contact_dialog, fixture->window,
                                            KONTOR_TEST_TIMEOUT));
  dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                       KONTOR_TYPE_NEW_CONTACT_DIALOG);
  kontor_test_focus_window (dialog);
  /* the focus starts in the first name */
  kontor_test_press ("J o n a s Tab B e c k e r ctrl+Return");
  wait_mapped (contact_page);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE company_id = ?1",
                          company_id), ==, before + 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact WHERE company_id = ?1 AND "
                          "last_name = 'Becker' AND first_name = 'Jonas'", company_id), ==, 1);

  /* Back: the company, which lists the new contact */
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("Escape");
  wait_mapped (page);
  kontor_test_wait_n_items (kontor_company_page_get_contacts (page), (guint) before + 1);
}

/* The "+" of the companies: a name, then the new company's page */
static void
test_new_company (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorCompanyPage *page = KONTOR_COMPANY_PAGE (kontor_window_get_company_page (fixture->window));
  gint64 before = count (fixture, "SELECT count(*) FROM company", NULL);
  AdwMessageDialog *dialog;

  show_companies (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-company",
                                             NULL));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  /* no name, no company */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "40", "Hansa Logistik", NULL });
  kontor_test_settle (100);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  kontor_test_press ("Return");
  wait_mapped (page);
  g_assert_cmpstr (kontor_company_get_name (kontor_company_page_get_company (page)), ==,
                   "Hansa Logistik");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM company", NULL), ==, before + 1);
}

static gboolean
row_title_contains (GtkWidget  *widget,
                    const void *text)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL;
}

/* "Firmenwechsel" from the contact's page: the contact works at the new
 * company, its former employer is listed on its page and the former
 * employee on the company's; Ctrl+Z takes it all back */
static void
test_company_change (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorCompanyPage *page = open_first_company (fixture);
  KontorContactPage *contact_page = KONTOR_CONTACT_PAGE (kontor_window_get_contact_page (fixture->window));
  g_autofree char *old_id =
    g_strdup (kontor_record_get_id (KONTOR_RECORD (kontor_company_page_get_company (page))));
  g_autoptr(KontorContact) first = g_list_model_get_item (kontor_company_page_get_contacts (page), 0);
  g_autoptr(KontorContact) moved = NULL;
  g_autoptr(KontorCompany) target = kontor_company_new ("Hansa Logistik");
  KontorEmploymentsSection *history;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  gint64 n_before, n_former;

  kontor_test_save (fixture->base.store, target);
  gtk_widget_activate_action (GTK_WIDGET (page), "win.show-company-contact", "s",
                              kontor_record_get_id (KONTOR_RECORD (first)));
  wait_mapped (contact_page);
  history = KONTOR_EMPLOYMENTS_SECTION (kontor_test_find_widget (GTK_WIDGET (contact_page),
                                                                 KONTOR_TYPE_EMPLOYMENTS_SECTION));
  g_assert_nonnull (history);
  /* the demo team has an employer history of its own */
  n_before = kontor_employments_section_get_n_rows (history);
  g_assert_cmpint (n_before, ==, count (fixture, "SELECT count(*) FROM employment "
                                        "WHERE contact_id = ?1",
                                        kontor_record_get_id (KONTOR_RECORD (first))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (history)) == (n_before > 0));

  /* the menu's "Change Company…": the company typed, Tab, the new title */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (contact_page), "contact.change-company",
                                             NULL));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  row = kontor_test_find_row (GTK_WIDGET (dialog), _("New Company"));
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "40", "Hansa Logistik", NULL });
  kontor_test_settle (200);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "change"));
  row = kontor_test_find_row (GTK_WIDGET (dialog), _("Job Title There"));
  gtk_widget_grab_focus (row);
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "40", "Disposition", NULL });
  kontor_test_press ("Return");
  kontor_test_settle (200);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));

  moved = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                             kontor_record_get_id (KONTOR_RECORD (first)), NULL);
  g_assert_cmpstr (kontor_contact_get_company_id (moved), ==,
                   kontor_record_get_id (KONTOR_RECORD (target)));
  g_assert_cmpstr (kontor_contact_get_job_title (moved), ==, "Disposition");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (history)));
  g_assert_cmpuint (kontor_employments_section_get_n_rows (history), ==, n_before + 1);
  /* and its history says so, with the companies by name */
  g_assert_nonnull (kontor_test_find_matching (GTK_WIDGET (contact_page), row_title_contains,
                                               "→ Hansa Logistik"));
  g_assert_nonnull (kontor_test_find_matching (GTK_WIDGET (contact_page), row_title_contains,
                                               "→ Disposition"));
  kontor_test_assert_accessible (GTK_WIDGET (contact_page));

  /* Back: the former company lists the contact as a former employee */
  kontor_test_press ("Escape");
  wait_mapped (page);
  history = KONTOR_EMPLOYMENTS_SECTION (kontor_test_find_widget (GTK_WIDGET (page),
                                                                 KONTOR_TYPE_EMPLOYMENTS_SECTION));
  n_former = count (fixture, "SELECT count(*) FROM employment WHERE company_id = ?1", old_id);
  g_assert_cmpint (n_former, >=, 1);
  g_assert_cmpuint (kontor_employments_section_get_n_rows (history), ==, n_former);

  /* Ctrl+Z: back at the old company, no history */
  kontor_test_press ("ctrl+z");
  g_clear_object (&moved);
  moved = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                             kontor_record_get_id (KONTOR_RECORD (first)), NULL);
  g_assert_cmpstr (kontor_contact_get_company_id (moved), ==, old_id);
  g_assert_cmpuint (kontor_employments_section_get_n_rows (history), ==, n_former - 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (history)) == (n_former > 1));
}

/* ------------------------------------------------------------------------ */
/* The quick filter "zugewiesen an" (feature L1) */

static gboolean
is_assignee_drop_down (GtkWidget  *widget,
                       const void *data)
{
  GListModel *model;
  g_autoptr(GtkStringObject) first = NULL;

  if (!GTK_IS_DROP_DOWN (widget) ||
      (model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget))) == NULL)
    return FALSE;

  first = g_list_model_get_item (model, 0);

  return GTK_IS_STRING_OBJECT (first) &&
         g_strcmp0 (gtk_string_object_get_string (first), C_("assigned to", "Anyone")) == 0;
}

static gint64
count_assigned (Fixture    *fixture,
                const char *user_id,
                const char *statuses)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contact c WHERE status IN (%s) "
                                          "AND EXISTS (SELECT 1 FROM contact_link l WHERE "
                                          "l.owner_id = c.id AND l.kind = 1 "
                                          "AND l.target_id = ?1)", statuses);

  return count (fixture, sql, user_id);
}

static void
test_assignee_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorContactsView *view = kontor_workspace_get_contacts_view (fixture->workspace);
  GListModel *list = G_LIST_MODEL (kontor_contacts_view_get_list (view));
  GtkWidget *dropdown = kontor_test_find_matching (GTK_WIDGET (view), is_assignee_drop_down,
                                                   NULL);
  g_autoptr(KontorUser) anna = NULL;
  g_autoptr(GPtrArray) users = kontor_store_list_users (fixture->base.store, NULL);
  GtkWidget *button;
  guint anna_index = 0;
  gint64 n;

  g_assert_nonnull (dropdown);
  for (guint i = 0; i < users->len; i++)
    if (g_strcmp0 (kontor_user_get_username (g_ptr_array_index (users, i)), "aschneider") == 0)
      anna = g_object_ref (g_ptr_array_index (users, i));
  g_assert_nonnull (anna);

  /* by keyboard: the drop-down's button, space, down to Anna, Enter;
   * "Anyone" and "Me" come first, then the others by name */
  {
    GListModel *items = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);

        if (g_str_equal (gtk_string_object_get_string (item), "Anna Schneider"))
          anna_index = i;
      }
  }
  g_assert_cmpuint (anna_index, >=, 2);
  button = gtk_widget_get_first_child (dropdown);
  gtk_widget_grab_focus (button);
  kontor_test_press ("space");
  kontor_test_settle (300);
  for (guint i = 0; i < anna_index; i++)
    kontor_test_press ("Down");
  kontor_test_press ("Return");
  kontor_test_settle (200);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, anna_index);

  n = count_assigned (fixture, kontor_record_get_id (KONTOR_RECORD (anna)), "0, 1, 2");
  g_assert_cmpint (n, >, 0);
  kontor_test_wait_n_items (list, (guint) n);

  /* the board shows the same filter (its cards: the active ones) */
  g_settings_set_string (fixture->settings, "contacts-view", "board");
  kontor_test_settle (500);
  g_assert_cmpuint (kontor_board_get_n_items (kontor_contacts_view_get_board (view)), ==,
                    count_assigned (fixture, kontor_record_get_id (KONTOR_RECORD (anna)), "1, 2"));
  g_settings_reset (fixture->settings, "contacts-view");

  /* "Me": the local user has no contacts assigned yet */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  kontor_test_wait_n_items (list, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  kontor_test_wait_n_items (list, (guint) count (fixture, "SELECT count(*) FROM contact "
                                                 "WHERE status IN (0, 1, 2)", NULL));
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
}

/* ------------------------------------------------------------------------ */
/* Users, teams and roles in Preferences (features U1, C7) */

static KontorUser *
find_user (Fixture    *fixture,
           const char *username)
{
  g_autoptr(GPtrArray) users = kontor_store_list_users (fixture->base.store, NULL);

  for (guint i = 0; i < users->len; i++)
    if (g_strcmp0 (kontor_user_get_username (g_ptr_array_index (users, i)), username) == 0)
      return g_object_ref (g_ptr_array_index (users, i));

  return NULL;
}

/* A finder of a widget under @root by a text (a title, an id) */
typedef GtkWidget *(*FindFunc) (GtkWidget  *root,
                                const char *key);

typedef struct
{
  FindFunc    find;
  GtkWidget  *root;
  const char *key;
} WidgetWait;

static gboolean
widget_is_there (gpointer data)
{
  WidgetWait *wait = data;

  return wait->find (wait->root, wait->key) != NULL;
}

/* What @find finds under @root, once the page has made its rows anew
 * (from an idle or a timeout, after a change) */
static GtkWidget *
wait_widget (FindFunc    find,
             GtkWidget  *root,
             const char *key)
{
  WidgetWait wait = { find, root, key };

  kontor_test_settle (50);
  g_assert_true (kontor_test_iterate_until (widget_is_there, &wait, KONTOR_TEST_TIMEOUT));

  return find (root, key);
}

/* The row titled @title under @root, once it is there */
static GtkWidget *
wait_row (GtkWidget  *root,
          const char *title)
{
  return wait_widget (kontor_test_find_row, root, title);
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The row titled @title once the page has made its rows anew after a
 * change: @old, a row of before, is gone */
static GtkWidget *
row_after_reload (GtkWidget  *page,
                  const char *title,
                  GtkWidget  *old)
{
  GtkWidget *watch = old;

  g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
  g_assert_true (kontor_test_iterate_until (pointer_is_null, &watch, KONTOR_TEST_TIMEOUT));

  return wait_row (page, title);
}

static void
answer_with_typing (const char *first,
                    const char *second)
{
  AdwMessageDialog *dialog = kontor_test_wait_for_message_dialog ();

  g_assert_nonnull (dialog);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", first, NULL });
  if (second != NULL)
    {
      kontor_test_press ("Tab");
      kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", second, NULL });
    }
  kontor_test_press ("Return");
  kontor_test_settle (200);
}

static void
test_team_preferences (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  GtkWindow *preferences = kontor_preferences_window_new (GTK_WINDOW (fixture->window),
                                                          fixture->context);
  g_autoptr(KontorUser) maria = NULL;
  g_autoptr(KontorUser) tobias = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  KontorUser *me = kontor_store_get_current_user (store);
  g_autofree char *my_name = kontor_record_dup_display_name (KONTOR_RECORD (me));
  GtkWidget *page, *row, *role, *member;
  const char *team_id = NULL;

  gtk_window_present (preferences);
  wait_mapped (preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "team");
  page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (preferences)));
  kontor_test_assert_accessible (GTK_WIDGET (preferences));

  /* a team and a colleague, added by the administrator */
  g_assert_true (gtk_widget_activate_action (page, "team.add-team", NULL));
  answer_with_typing ("Vertrieb West", NULL);
  teams = kontor_store_list_teams (store, NULL);
  for (guint i = 0; i < teams->len; i++)
    if (g_str_equal (kontor_team_get_name (g_ptr_array_index (teams, i)), "Vertrieb West"))
      team_id = kontor_record_get_id (g_ptr_array_index (teams, i));
  g_assert_nonnull (team_id);

  g_assert_true (gtk_widget_activate_action (page, "team.add-user", NULL));
  answer_with_typing ("mkoch", "Maria Koch");
  maria = find_user (fixture, "mkoch");
  g_assert_nonnull (maria);
  g_assert_cmpint (kontor_user_get_role (maria), ==, KONTOR_USER_ROLE_SALES);

  /* her role and her team, on her row */
  row = wait_row (page, "Maria Koch");
  role = kontor_test_find_row (row, _("Role"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (role), KONTOR_USER_ROLE_ASSISTANT);
  kontor_test_settle (100);
  g_clear_object (&maria);
  maria = find_user (fixture, "mkoch");
  g_assert_cmpint (kontor_user_get_role (maria), ==, KONTOR_USER_ROLE_ASSISTANT);

  row = wait_row (page, "Maria Koch");
  member = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (
             kontor_test_find_row (row, "Member of “Vertrieb West”")));
  gtk_switch_set_active (GTK_SWITCH (member), TRUE);
  kontor_test_settle (100);
  g_clear_object (&maria);
  maria = find_user (fixture, "mkoch");
  g_assert_true (g_strv_contains (kontor_user_get_teams (maria), team_id));

  /* the demo's head of sales steps down: the local user is the last
   * administrator, and stays one */
  tobias = find_user (fixture, "tkrueger");
  row = wait_row (page, "Tobias Krüger");
  role = kontor_test_find_row (row, _("Role"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (role), KONTOR_USER_ROLE_SALES);
  row = row_after_reload (page, my_name, row);
  role = kontor_test_find_row (row, _("Role"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (role), KONTOR_USER_ROLE_VIEWER);
  g_assert_cmpint (kontor_user_get_role (kontor_store_get_current_user (store)), ==,
                   KONTOR_USER_ROLE_ADMIN);
  /* the refusal shows the stored role again */
  row = row_after_reload (page, my_name, row);
  role = kontor_test_find_row (row, _("Role"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (role)), ==,
                    KONTOR_USER_ROLE_ADMIN);

  /* working as Maria, an assistant: the page only shows */
  row = wait_row (page, "Maria Koch");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kontor_test_find_row (page, _("Working As"))),
                              0 /* "Anna Schneider" sorts first */);
  g_assert_cmpint (kontor_user_get_role (kontor_store_get_current_user (store)), !=,
                   KONTOR_USER_ROLE_ADMIN);
  row = row_after_reload (page, "Maria Koch", row);
  g_assert_false (gtk_widget_activate_action (page, "team.add-user", NULL) &&
                  kontor_test_find_message_dialog () != NULL);
  role = kontor_test_find_row (row, _("Role"));
  g_assert_false (gtk_widget_get_sensitive (role));
  g_assert_false (gtk_widget_get_sensitive (kontor_test_find_row (page, _("Working As"))));

  gtk_window_destroy (preferences);
}

/* ------------------------------------------------------------------------ */
/* Groups (L3–L5) */

/* The sidebar's row of group @id */
static GtkWidget *
find_group_row (GtkWidget  *list,
                const char *id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "kontor-group-id"), id) == 0)
      return row;

  return NULL;
}

/* The sidebar's row of group @id, once it is there */
static GtkWidget *
wait_group_row (GtkWidget  *list,
                const char *id)
{
  return wait_widget (find_group_row, list, id);
}

typedef struct
{
  KontorStore *store;
  const char  *name;
} GroupByName;

static gboolean
group_is_stored (gpointer data)
{
  GroupByName *wait = data;

  return kontor_test_query_int (wait->store, "SELECT count(*) FROM contact_group WHERE name = ?1",
                                wait->name) > 0;
}

/* The number the row shows beside the group's name */
static char *
dup_row_count (GtkWidget *row)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *label = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (
    gtk_widget_get_first_child (box)));

  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

static void
test_groups (Fixture       *fixture,
             gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  KontorContactsView *view = kontor_workspace_get_contacts_view (fixture->workspace);
  GListModel *list = G_LIST_MODEL (kontor_contacts_view_get_list (view));
  GtkWidget *groups_list = kontor_workspace_get_groups_list (fixture->workspace);
  g_autoptr(KontorGroup) fair = kontor_group_new ("Testmesse");
  g_autoptr(KontorGroup) customers = NULL;
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorGroupChange) change = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *customers_filter = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *row;
  gint64 n_customers;
  const char *new_id = NULL;

  /* a static group of the first five contacts, a dynamic one of the customers */
  g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, NULL));
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(KontorContact) contact =
        kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT, g_array_index (rowids, gint64, i),
                                    NULL);

      g_ptr_array_add (ids, g_strdup (kontor_record_get_id (KONTOR_RECORD (contact))));
    }
  g_ptr_array_add (ids, NULL);
  kontor_test_save (store, fair);
  change = kontor_group_change_new_add (store, fair, (const char * const *) ids->pdata);
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), NULL));
  g_ptr_array_unref (ids);

  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER));
  customers_filter = kontor_filter_to_string (filter);
  customers = kontor_group_new_dynamic ("Alle Kunden", customers_filter);
  kontor_test_save (store, customers);
  n_customers = count (fixture, "SELECT count(*) FROM contact WHERE status = 2", NULL);
  g_assert_cmpint (n_customers, >, 0);

  /* both in the sidebar, with their counts */
  row = wait_group_row (groups_list, kontor_record_get_id (KONTOR_RECORD (fair)));
  shown = dup_row_count (row);
  g_assert_cmpstr (shown, ==, "5");
  g_clear_pointer (&shown, g_free);
  row = wait_group_row (groups_list, kontor_record_get_id (KONTOR_RECORD (customers)));
  shown = dup_row_count (row);
  g_assert_cmpint (g_ascii_strtoll (shown, NULL, 10), ==, n_customers);

  /* a click on the dynamic group, from the leads: its contacts, of every
   * type, remembered */
  kontor_test_press ("ctrl+3");
  kontor_test_settle (200);
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "leads");
  kontor_test_click (row, "1", "1");
  kontor_test_wait_n_items (list, (guint) n_customers);
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "group");
  stored = g_settings_get_string (fixture->settings, "workspace-section");
  g_assert_true (g_str_has_suffix (stored, kontor_record_get_id (KONTOR_RECORD (customers))));

  /* it follows the data: one more customer is one more member */
  {
    g_autoptr(KontorContact) prospect = NULL;
    g_autoptr(GArray) prospects = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(KontorFilter) prospect_filter = kontor_filter_new ();

    kontor_filter_set_statuses (prospect_filter,
                                KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT));
    g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, prospect_filter,
                                              prospects, NULL));
    g_assert_cmpuint (prospects->len, >, 0);
    prospect = kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT,
                                           g_array_index (prospects, gint64, 0), NULL);
    kontor_contact_set_status (prospect, KONTOR_CONTACT_STATUS_CUSTOMER);
    kontor_test_save (store, prospect);
    kontor_test_wait_n_items (list, (guint) n_customers + 1);
  }

  /* by keyboard: down from the dynamic group to the static one, Return */
  gtk_widget_grab_focus (find_group_row (groups_list,
                                         kontor_record_get_id (KONTOR_RECORD (customers))));
  for (guint i = 0; i < 10 && focus_of (fixture) != find_group_row (groups_list,
                                                                     kontor_record_get_id (KONTOR_RECORD (fair)));
       i++)
    kontor_test_press ("Down");
  g_assert_true (focus_of (fixture) == find_group_row (groups_list,
                                                        kontor_record_get_id (KONTOR_RECORD (fair))));
  kontor_test_press ("Return");
  kontor_test_wait_n_items (list, 5);

  /* edited: a new name typed, a number and the colleague responsible;
   * Enter saves, one change */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->workspace),
                                             "workspace.edit-group", NULL));
  {
    AdwMessageDialog *dialog = kontor_test_wait_for_message_dialog ();
    GtkWidget *number, *responsible;
    g_autoptr(KontorGroup) edited = NULL;

    g_assert_nonnull (dialog);
    kontor_test_assert_accessible (GTK_WIDGET (dialog));
    number = kontor_test_find_row (GTK_WIDGET (dialog), _("Group Number"));
    responsible = kontor_test_find_row (GTK_WIDGET (dialog), _("Responsible"));
    g_assert_nonnull (number);
    g_assert_nonnull (responsible);
    gtk_editable_set_text (GTK_EDITABLE (number), "G-42");
    adw_combo_row_set_selected (ADW_COMBO_ROW (responsible), 1);
    kontor_test_focus_window (GTK_WINDOW (dialog));
    kontor_test_press ("ctrl+a");
    kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "Messe Leipzig", NULL });
    kontor_test_press ("Return");
    kontor_test_settle (300);
    edited = kontor_store_load (store, KONTOR_TYPE_GROUP, kontor_record_get_id (KONTOR_RECORD (fair)),
                                NULL);
    g_assert_cmpstr (kontor_group_get_name (edited), ==, "Messe Leipzig");
    g_assert_cmpstr (kontor_group_get_number (edited), ==, "G-42");
    g_assert_nonnull (kontor_group_get_assignees (edited));
    g_assert_nonnull (kontor_group_get_assignees (edited)[0]);
  }

  /* a new static group through the menu and a name typed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->workspace),
                                             "workspace.new-group", NULL));
  answer_with_typing ("Rueckrufe Januar", NULL);
  g_assert_true (kontor_test_iterate_until (group_is_stored, &(GroupByName) { store, "Rueckrufe Januar" },
                                            KONTOR_TEST_TIMEOUT));
  groups = kontor_store_list_groups (store, NULL);
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (kontor_group_get_name (g_ptr_array_index (groups, i)), "Rueckrufe Januar"))
      new_id = kontor_record_get_id (g_ptr_array_index (groups, i));
  g_assert_nonnull (new_id);
  kontor_test_wait_n_items (list, 0);
  wait_group_row (groups_list, new_id);
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));

  /* deleted, after asking: the contacts are shown again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->workspace),
                                             "workspace.delete-group", NULL));
  {
    AdwMessageDialog *dialog = kontor_test_wait_for_message_dialog ();

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "delete");
  }
  kontor_test_settle (200);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group WHERE name = ?1",
                          "Rueckrufe Januar"), ==, 0);
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "contacts");
}

/* Rows 0, 1 and 2 of the contacts table selected with the mouse */
static void
select_first_three (KontorContactsView *view)
{
  KontorTable *table = kontor_contacts_view_get_table (view);

  kontor_test_click (kontor_table_get_row_widget (table, 0), "1", "1");
  kontor_test_settle (100);
  kontor_test_click_with (kontor_table_get_row_widget (table, 1), "ctrl");
  kontor_test_click_with (kontor_table_get_row_widget (table, 2), "ctrl");
  g_assert_cmpuint (kontor_contacts_view_get_n_selected (view), ==, 3);
}

/* The selection's group actions (L6): a new group of it, undone with
 * Ctrl+Z; the selection as a temporary group, closed again */
static void
test_selection_groups (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  KontorContactsView *view = kontor_workspace_get_contacts_view (fixture->workspace);
  GListModel *list = G_LIST_MODEL (kontor_contacts_view_get_list (view));
  GtkWidget *groups_list = kontor_workspace_get_groups_list (fixture->workspace);
  g_auto(GStrv) selected = NULL;
  guint n = g_list_model_get_n_items (list);
  gint64 n_member_entries = count (fixture, "SELECT count(*) FROM outbox WHERE entity = "
                                   "'contact_group_member'", NULL);

  select_first_three (view);
  selected = kontor_contacts_view_dup_selected_ids (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view),
                                             "workspace.group-new-from-selection", NULL));
  answer_with_typing ("Messebesuch", NULL);
  g_assert_true (kontor_test_iterate_until (group_is_stored,
                                            &(GroupByName) { store, "Messebesuch" },
                                            KONTOR_TEST_TIMEOUT));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member WHERE group_id = "
                          "(SELECT id FROM contact_group WHERE name = ?1)", "Messebesuch"), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member m JOIN "
                          "contact_group g ON g.id = m.group_id WHERE g.name = 'Messebesuch' AND "
                          "m.contact_id = ?1", selected[1]), ==, 1);
  g_assert_cmpuint (kontor_contacts_view_get_n_selected (view), ==, 0);

  /* one change: Ctrl+Z takes the group and its members back */
  kontor_contacts_view_focus_table (view);
  kontor_test_press ("ctrl+z");
  kontor_test_settle (200);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group WHERE name = ?1",
                          "Messebesuch"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_group_member WHERE "
                          "contact_id = ?1", selected[1]), ==, 0);

  /* a temporary group of three: shown, in the sidebar, closed */
  select_first_three (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view),
                                             "workspace.group-temporary-from-selection", NULL));
  kontor_test_wait_n_items (list, 3);
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "group");
  g_assert_nonnull (wait_group_row (groups_list, "temporary"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->workspace),
                                             "workspace.close-temporary-group", NULL));
  kontor_test_wait_n_items (list, n);
  g_assert_cmpstr (kontor_workspace_get_section (fixture->workspace), ==, "contacts");
  g_assert_null (find_group_row (groups_list, "temporary"));
  /* never stored, and nothing of the undone group is left to send */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity = "
                          "'contact_group_member'", NULL), ==, n_member_entries);

  /* a viewer: the bar's changes and the group actions that write are off */
  {
    g_autoptr(KontorUser) viewer = kontor_user_new ("vleser", "Vera Leser",
                                                    KONTOR_USER_ROLE_VIEWER);
    GtkWidget *archive;

    kontor_test_save (store, viewer);
    g_assert_true (kontor_store_set_current_user (store, viewer, NULL));
    select_first_three (view);
    archive = kontor_test_find_actionable (GTK_WIDGET (view), "selection.archive");
    g_assert_nonnull (archive);
    kontor_test_settle (100);
    g_assert_false (gtk_widget_is_sensitive (archive));
    gtk_widget_activate_action (GTK_WIDGET (view), "workspace.group-new-from-selection", NULL);
    gtk_widget_activate_action (GTK_WIDGET (fixture->workspace), "workspace.new-group", NULL);
    kontor_test_settle (200);
    g_assert_null (kontor_test_find_message_dialog ());
  }
}

/* The first start's question (U1): the users to choose from, the one
 * working now offered; Enter answers, and the choice is kept */
static void
test_identity_question (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorStore *store = fixture->base.store;
  AdwMessageDialog *dialog = kontor_identity_dialog_new (GTK_WINDOW (fixture->window),
                                                         fixture->context);
  g_autoptr(GPtrArray) users = kontor_store_list_users (store, NULL);
  GtkWidget *choice;
  guint anna = G_MAXUINT;

  g_assert_false (kontor_store_get_identity_chosen (store));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_mapped (dialog);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  choice = kontor_test_find_row (GTK_WIDGET (dialog), _("I Am"));
  g_assert_nonnull (choice);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (choice))),
                    ==, users->len);
  for (guint i = 0; i < users->len; i++)
    if (g_strcmp0 (kontor_user_get_username (g_ptr_array_index (users, i)), "aschneider") == 0)
      anna = i;
  g_assert_cmpuint (anna, <, users->len);

  adw_combo_row_set_selected (ADW_COMBO_ROW (choice), anna);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (pointer_is_null, &dialog, KONTOR_TEST_TIMEOUT));

  g_assert_true (kontor_store_get_identity_chosen (store));
  g_assert_cmpstr (kontor_user_get_username (kontor_store_get_current_user (store)), ==,
                   "aschneider");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.Workspace");

  g_test_add ("/ui/workspace/sections-by-keyboard", Fixture, NULL, fixture_set_up,
              test_sections_by_keyboard, fixture_tear_down);
  g_test_add ("/ui/workspace/section-remembered", Fixture, NULL, fixture_set_up,
              test_section_remembered, fixture_tear_down);
  g_test_add ("/ui/workspace/folded", Fixture, GINT_TO_POINTER (480), fixture_set_up,
              test_folded, fixture_tear_down);
  g_test_add ("/ui/workspace/companies-table", Fixture, NULL, fixture_set_up,
              test_companies_table, fixture_tear_down);
  g_test_add ("/ui/workspace/company-page", Fixture, NULL, fixture_set_up,
              test_company_page, fixture_tear_down);
  g_test_add ("/ui/workspace/company-add-contact", Fixture, NULL, fixture_set_up,
              test_company_add_contact, fixture_tear_down);
  g_test_add ("/ui/workspace/company-change", Fixture, NULL, fixture_set_up,
              test_company_change, fixture_tear_down);
  g_test_add ("/ui/workspace/groups", Fixture, NULL, fixture_set_up,
              test_groups, fixture_tear_down);
  g_test_add ("/ui/workspace/selection-groups", Fixture, NULL, fixture_set_up,
              test_selection_groups, fixture_tear_down);
  g_test_add ("/ui/workspace/identity-question", Fixture, NULL, fixture_set_up,
              test_identity_question, fixture_tear_down);
  g_test_add ("/ui/workspace/assignee-filter", Fixture, NULL, fixture_set_up,
              test_assignee_filter, fixture_tear_down);
  g_test_add ("/ui/workspace/team-preferences", Fixture, NULL, fixture_set_up,
              test_team_preferences, fixture_tear_down);
  g_test_add ("/ui/workspace/new-company", Fixture, NULL, fixture_set_up,
              test_new_company, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
