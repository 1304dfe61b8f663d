/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-screenshots"

#include "config.h"

#include <adwaita.h>

#include "kontor-contacts-view.h"
#include "kontor-demo-fill.h"
#include "kontor-employments-section.h"
#include "kontor-filter-chips.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"
#include "kontor-workspace.h"

/* Renders the main window (table and board) and a contact's page with the
 * demo team, light and dark, in the language of $LANGUAGE, into
 * $KONTOR_SCREENSHOT_DIR, so that a person can look at them (meson runs
 * this once for German and once for English). Checks that each picture
 * shows something (kontor_test_take_screenshot()) and that the window
 * speaks the language asked for. */

static void
shoot (GtkWidget  *window,
       const char *language,
       const char *style,
       const char *what)
{
  g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", what, language, style);
  g_autofree char *path = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"), name, NULL);

  kontor_test_take_screenshot (window, path);
}

/* Returns: (transfer none) (nullable): the title the header bar shows */
static const char *
shown_title (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (ADW_IS_WINDOW_TITLE (widget))
    return adw_window_title_get_title (ADW_WINDOW_TITLE (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title = shown_title (child);

      if (title != NULL)
        return title;
    }

  return NULL;
}

/* The first column of the first row @sql finds, as text */
static char *
query_text (KontorStore *store,
            const char  *sql)
{
  sqlite3_stmt *stmt = kontor_test_prepare (store, sql, NULL);
  char *text;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static KontorContact *
find_rich_contact (GListModel *list)
{
  /* a contact with much to show: notes, a birthday, a company */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (list, i);

      if (kontor_contact_get_notes (contact) != NULL &&
          kontor_contact_get_birthday (contact) != NULL &&
          kontor_contact_get_company_id (contact) != NULL)
        return g_steal_pointer (&contact);
    }

  return g_list_model_get_item (list, 0);
}

static void
test_screenshots (void)
{
  const char *language = g_getenv ("KONTOR_SCREENSHOT_LANGUAGE");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = kontor_test_open_store (&path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KontorContext) context = kontor_context_new (store, settings);
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.kontor.Kontor.Screenshots",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(KontorContact) contact = NULL;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  static const struct { const char *name; AdwColorScheme scheme; } styles[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };
  const char *contacts_title;
  const char *companies_title;
  g_autofree char *company_id = NULL;
  g_autofree char *sales_rep_id = NULL;
  KontorFilter *filter;
  KontorWorkspace *workspace;
  GtkAdjustment *adjustment;
  GtkWidget *scrolled;
  KontorWindow *window;
  GtkWidget *view;

  g_assert_nonnull (language);
  contacts_title = g_str_equal (language, "de") ? "Kontakte" : "Contacts";
  companies_title = g_str_equal (language, "de") ? "Firmen" : "Companies";
  g_assert_true (kontor_demo_populate (store, KONTOR_DEMO_DEFAULT_CONTACTS,
                                       KONTOR_DEMO_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = kontor_test_present_window (app, context, 1280, 800);

  view = kontor_window_get_contacts_view (window);
  workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (window));
  /* the company with the most contacts, one with a former employee */
  company_id = query_text (store, "SELECT c.id FROM company c JOIN employment e ON "
                           "e.company_id = c.id GROUP BY c.id ORDER BY (SELECT count(*) FROM "
                           "contact WHERE company_id = c.id) DESC LIMIT 1");
  contact = find_rich_contact (G_LIST_MODEL (kontor_contacts_view_get_list
                                               (KONTOR_CONTACTS_VIEW (view))));
  filter = kontor_contacts_view_get_filter (KONTOR_CONTACTS_VIEW (view));
  /* the sales rep with the most customers, for the filter's chips */
  sales_rep_id = query_text (store, "SELECT l.target_id FROM contact_link l JOIN contact c ON "
                             "c.id = l.owner_id WHERE l.kind = 0 AND c.status = 2 "
                             "GROUP BY l.target_id ORDER BY count(*) DESC LIMIT 1");

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      adw_style_manager_set_color_scheme (style_manager, styles[i].scheme);

      kontor_window_show_contacts (window);
      kontor_test_settle (600);
      /* the translation is in use: the window says "Kontakte" in German */
      g_assert_cmpstr (shown_title (GTK_WIDGET (window)), ==, contacts_title);
      shoot (GTK_WIDGET (window), language, styles[i].name, "contacts");

      kontor_window_show_contact (window, kontor_record_get_id (KONTOR_RECORD (contact)));
      kontor_test_settle (600);
      shoot (GTK_WIDGET (window), language, styles[i].name, "contact");

      /* the pipeline board with the same contacts */
      g_settings_set_string (settings, "contacts-view", "board");
      kontor_window_show_contacts (window);
      kontor_test_settle (600);
      g_assert_cmpstr (shown_title (GTK_WIDGET (window)), ==, contacts_title);
      shoot (GTK_WIDGET (window), language, styles[i].name, "board");
      g_settings_set_string (settings, "contacts-view", "table");

      /* the "Advanced" filter open, two criteria in force as chips */
      kontor_window_show_contacts (window);
      kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER));
      kontor_filter_set_sales_rep_id (filter, sales_rep_id);
      g_assert_true (gtk_widget_activate_action (view, "contacts.toggle-filter-panel", NULL));
      kontor_test_settle (800);
      shoot (GTK_WIDGET (window), language, styles[i].name, "filter-panel");
      g_assert_true (gtk_widget_activate_action (view, "contacts.toggle-filter-panel", NULL));
      kontor_filter_chips_reset_filter (filter);

      /* three contacts selected: the action bar */
      kontor_test_settle (300);
      gtk_selection_model_select_range (kontor_table_get_model (
                                          kontor_contacts_view_get_table (KONTOR_CONTACTS_VIEW (view))),
                                        1, 3, TRUE);
      kontor_test_settle (600);
      shoot (GTK_WIDGET (window), language, styles[i].name, "selection");
      kontor_contacts_view_clear_selection (KONTOR_CONTACTS_VIEW (view));

      /* the companies beside the sidebar, and a company's page */
      kontor_workspace_show_section (workspace, "companies");
      kontor_window_show_contacts (window);
      kontor_test_settle (600);
      g_assert_cmpstr (shown_title (GTK_WIDGET (window)), ==, companies_title);
      shoot (GTK_WIDGET (window), language, styles[i].name, "companies");
      kontor_window_show_company (window, company_id);
      kontor_test_settle (600);
      shoot (GTK_WIDGET (window), language, styles[i].name, "company");
      /* further down: its contacts and its former employees */
      scrolled = gtk_widget_get_ancestor (kontor_test_find_widget (
                                            kontor_window_get_company_page (window),
                                            KONTOR_TYPE_EMPLOYMENTS_SECTION),
                                          GTK_TYPE_SCROLLED_WINDOW);
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      kontor_test_settle (400);
      shoot (GTK_WIDGET (window), language, styles[i].name, "company-contacts");
      gtk_adjustment_set_value (adjustment, 0);
      kontor_workspace_show_section (workspace, "contacts");
    }

  /* narrow: one pane, the sidebar */
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  kontor_window_show_contacts (window);
  kontor_test_settle (400);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 640);
  kontor_test_settle (400);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.show-sidebar",
                                             NULL));
  kontor_test_settle (600);
  shoot (GTK_WIDGET (window), language, "dark", "sidebar-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);

  /* narrow, a row selected: the columns scroll sideways */
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 600);
  kontor_workspace_show_section (workspace, "contacts");
  kontor_window_show_contacts (window);
  kontor_contacts_view_select (KONTOR_CONTACTS_VIEW (view),
                               kontor_record_get_id (KONTOR_RECORD (contact)));
  kontor_test_settle (600);
  shoot (GTK_WIDGET (window), language, "light", "contacts-narrow");

  /* narrower still, three selected: the action bar fits */
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 640);
  gtk_selection_model_select_range (kontor_table_get_model (
                                      kontor_contacts_view_get_table (KONTOR_CONTACTS_VIEW (view))),
                                    1, 3, TRUE);
  kontor_test_settle (600);
  shoot (GTK_WIDGET (window), language, "light", "selection-narrow");
  kontor_contacts_view_clear_selection (KONTOR_CONTACTS_VIEW (view));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  kontor_test_close_store (&store, path);
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/screenshots", test_screenshots);

  return g_test_run ();
}
