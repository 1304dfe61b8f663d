/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-filter-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-board.h"
#include "kontor-date-button.h"
#include "kontor-demo-fill.h"
#include "kontor-filter-chips.h"
#include "kontor-filter-panel.h"
#include "kontor-format.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"
#include "kontor-workspace.h"

/* The "Advanced" filter of the contacts overview (issue 10, features L1,
 * L2): Ctrl+Shift+F opens the panel with the focus in it, a criterion
 * chosen with the keys shrinks the list to the right contacts and shows
 * its chip, the chip's button takes it away again, Escape closes the
 * panel; the board shows the same subset; the chips, the panel and the
 * toolbar's quick filters agree whoever changed the filter; "Reset"
 * clears everything; every control is reached with Tab and has a name.
 * Real key presses and clicks (xdotool) into a window over a demo team;
 * the expected numbers come from SQL of the test's own. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContactsView *view;
  GListModel         *list;
  KontorFilter       *filter;
  GtkWidget          *panel;
  KontorFilterChips  *chips;
  GtkWidget          *advanced;
} Fixture;

static gboolean
is_advanced_button (GtkWidget  *widget,
                    const void *data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), C_("filter", "Advanced")) == 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KontorWorkspace *workspace;

  kontor_store_fixture_set_up (&fixture->base, NULL);
  g_assert_true (kontor_demo_populate (fixture->base.store, 60, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1200, 800);
  workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (fixture->window));
  fixture->view = kontor_workspace_get_contacts_view (workspace);
  fixture->list = G_LIST_MODEL (kontor_contacts_view_get_list (fixture->view));
  fixture->filter = kontor_contacts_view_get_filter (fixture->view);
  fixture->panel = kontor_test_find_widget (GTK_WIDGET (fixture->view), KONTOR_TYPE_FILTER_PANEL);
  fixture->chips = KONTOR_FILTER_CHIPS (kontor_test_find_widget (GTK_WIDGET (fixture->view),
                                                                 KONTOR_TYPE_FILTER_CHIPS));
  fixture->advanced = kontor_test_find_matching (GTK_WIDGET (fixture->view), is_advanced_button,
                                                 NULL);
  g_assert_nonnull (fixture->panel);
  g_assert_nonnull (fixture->chips);
  g_assert_nonnull (fixture->advanced);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_settings_reset (fixture->settings, "contacts-view");
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
focus_is_in (GtkWidget *focus,
             GtkWidget *widget)
{
  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
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

static guint
count (Fixture    *fixture,
       const char *sql,
       const char *param)
{
  gint64 n = kontor_test_query_int (fixture->base.store, sql, param);

  g_assert_cmpint (n, >=, 0);

  return (guint) n;
}

static void
assert_chip (Fixture    *fixture,
             guint       index,
             const char *text)
{
  g_autofree char *shown = kontor_filter_chips_dup_text (fixture->chips, index);

  g_assert_cmpstr (shown, ==, text);
}

/* The chip's button, with the mouse, once it is on screen */
static void
click_chip (Fixture *fixture,
            guint    index)
{
  GtkWidget *button = kontor_filter_chips_get_button (fixture->chips, index);

  g_assert_nonnull (button);
  wait_mapped (button);
  kontor_test_settle (100);
  kontor_test_click (button, "1", "1");
}

/* The panel's drop-down whose list holds @item */
typedef struct
{
  const char *item;
  guint       position;
} DropDownItem;

static gboolean
has_item (GtkWidget  *widget,
          const void *data)
{
  const DropDownItem *wanted = data;
  GListModel *items;

  if (!GTK_IS_DROP_DOWN (widget) ||
      (items = gtk_drop_down_get_model (GTK_DROP_DOWN (widget))) == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) object = g_list_model_get_item (items, i);

      if (g_str_equal (gtk_string_object_get_string (object), wanted->item))
        return TRUE;
    }

  return FALSE;
}

static GtkDropDown *
find_drop_down (GtkWidget  *root,
                const char *item,
                guint      *position)
{
  DropDownItem wanted = { item, 0 };
  GtkWidget *dropdown = kontor_test_find_matching (root, has_item, &wanted);
  GListModel *items;

  g_assert_nonnull (dropdown);
  items = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  for (guint i = 0; position != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) object = g_list_model_get_item (items, i);

      if (g_str_equal (gtk_string_object_get_string (object), item))
        *position = i;
    }

  return GTK_DROP_DOWN (dropdown);
}

/* As a person does: the drop-down's button, space, Down (or Up) to @item, Enter */
static void
choose_by_keyboard (GtkDropDown *dropdown,
                    guint        position)
{
  gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (dropdown)));
  kontor_test_press ("space");
  kontor_test_settle (300);
  for (guint i = gtk_drop_down_get_selected (dropdown); i < position; i++)
    kontor_test_press ("Down");
  for (guint i = gtk_drop_down_get_selected (dropdown); i > position; i--)
    kontor_test_press ("Up");
  kontor_test_press ("Return");
  kontor_test_settle (200);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, position);
}

static gboolean
is_check_labelled (GtkWidget  *widget,
                   const void *label)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

static GtkCheckButton *
find_status_check (Fixture             *fixture,
                   KontorContactStatus  status)
{
  GtkWidget *check = kontor_test_find_matching (fixture->panel, is_check_labelled,
                                                kontor_contact_status_to_string (status));

  g_assert_nonnull (check);

  return GTK_CHECK_BUTTON (check);
}

static GtkDropDown *
find_status_drop_down (Fixture *fixture)
{
  return find_drop_down (GTK_WIDGET (fixture->view), C_("status filter", "Customers"), NULL);
}

/* ------------------------------------------------------------------------ */

/* Ctrl+Shift+F, two statuses unchecked with space and Tab: the customers
 * alone, a chip says so, and so does the status drop-down; Escape closes
 * the panel; the chip's button brings every current contact back */
static void
test_status_by_keyboard (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n_current = count (fixture, "SELECT count(*) FROM contact WHERE status IN (0, 1, 2)",
                           NULL);
  guint n_customers = count (fixture, "SELECT count(*) FROM contact WHERE status = 2", NULL);
  g_autofree char *chip = g_strdup_printf ("%s: %s", C_("filter", "Status"),
                                           C_("contact status", "Customer"));
  GtkWidget *focus;

  g_assert_cmpuint (n_customers, >, 0);
  g_assert_cmpuint (n_customers, <, n_current);
  kontor_test_wait_n_items (fixture->list, n_current);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->chips)));
  g_assert_false (gtk_widget_get_mapped (fixture->panel));

  /* from the table */
  kontor_contacts_view_focus_table (fixture->view);
  kontor_test_press ("ctrl+shift+f");
  wait_mapped (fixture->panel);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (fixture->advanced)));
  focus = focus_of (fixture);
  g_assert_true (focus_is_in (focus, GTK_WIDGET (find_status_check (fixture,
                                                                     KONTOR_CONTACT_STATUS_INBOX))));

  /* Inbox off, Tab, Prospect off: Customer stays (Archived was off) */
  kontor_test_press ("space Tab space");
  kontor_test_wait_n_items (fixture->list, n_customers);
  g_assert_cmpuint (kontor_filter_get_statuses (fixture->filter), ==,
                    KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->chips)));
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 1);
  assert_chip (fixture, 0, chip);
  /* the toolbar's status drop-down: "Customers" */
  g_assert_cmpuint (gtk_drop_down_get_selected (find_status_drop_down (fixture)), ==, 3);
  /* the last status checked cannot be unchecked */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_status_check (fixture,
                                                        KONTOR_CONTACT_STATUS_CUSTOMER))));

  /* Escape: the panel closes, the focus on its toggle */
  kontor_test_press ("Escape");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (fixture->advanced)));
  wait_unmapped (fixture->panel);
  g_assert_true (focus_of (fixture) == fixture->advanced);

  /* the chip's button, with the mouse */
  click_chip (fixture, 0);
  kontor_test_wait_n_items (fixture->list, n_current);
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->chips)));
  g_assert_cmpuint (gtk_drop_down_get_selected (find_status_drop_down (fixture)), ==, 0);
  /* the panel shows it too */
  g_assert_true (gtk_check_button_get_active (find_status_check (fixture,
                                                                 KONTOR_CONTACT_STATUS_INBOX)));
  g_assert_false (gtk_check_button_get_active (find_status_check (fixture,
                                                                  KONTOR_CONTACT_STATUS_ARCHIVED)));

  /* Ctrl+Shift+F opens and closes it */
  kontor_test_press ("ctrl+shift+f");
  wait_mapped (fixture->panel);
  kontor_test_press ("ctrl+shift+f");
  wait_unmapped (fixture->panel);
  g_assert_true (focus_of (fixture) == fixture->advanced);
}

/* The sales rep with the most contacts */
static KontorUser *
find_busy_sales_rep (Fixture *fixture)
{
  sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store,
                                            "SELECT target_id FROM contact_link WHERE kind = 0 "
                                            "GROUP BY target_id ORDER BY count(*) DESC LIMIT 1",
                                            NULL);
  g_autofree char *id = NULL;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return kontor_store_load (fixture->base.store, KONTOR_TYPE_USER, id, NULL);
}

static guint
count_of_sales_rep (Fixture    *fixture,
                    KontorUser *user,
                    const char *statuses)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contact c WHERE status IN (%s) "
                                          "AND EXISTS (SELECT 1 FROM contact_link l WHERE "
                                          "l.owner_id = c.id AND l.kind = 0 "
                                          "AND l.target_id = ?1)", statuses);

  return count (fixture, sql, kontor_record_get_id (KONTOR_RECORD (user)));
}

/* A sales rep chosen in the panel: the table and the board show the same
 * contacts of theirs; on the board the chip takes the criterion away */
static void
test_sales_rep_on_board (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KontorUser) rep = find_busy_sales_rep (fixture);
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (rep));
  g_autofree char *chip = g_strdup_printf ("%s: %s", C_("filter", "Sales Rep"), name);
  guint n_table = count_of_sales_rep (fixture, rep, "0, 1, 2");
  guint n_board = count_of_sales_rep (fixture, rep, "1, 2");
  guint n_all_board = count (fixture, "SELECT count(*) FROM contact WHERE status IN (1, 2)",
                             NULL);
  GtkDropDown *dropdown;
  KontorBoard *board;
  guint position = 0;

  g_assert_cmpuint (n_table, >, 0);
  kontor_test_press ("ctrl+shift+f");
  wait_mapped (fixture->panel);
  dropdown = find_drop_down (fixture->panel, name, &position);
  /* the sales reps' list, not the assignments' ("Anyone" first) */
  g_assert_true (has_item (GTK_WIDGET (dropdown), &(DropDownItem) { C_("filter", "Any"), 0 }));
  choose_by_keyboard (dropdown, position);
  kontor_test_settle (500);
  kontor_test_wait_n_items (fixture->list, n_table);
  g_assert_cmpstr (kontor_filter_get_sales_rep_id (fixture->filter), ==,
                   kontor_record_get_id (KONTOR_RECORD (rep)));
  assert_chip (fixture, 0, chip);

  /* the board, with the view's own switch */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "settings.contacts-view",
                                             "s", "board"));
  board = kontor_contacts_view_get_board (fixture->view);
  wait_mapped (board);
  kontor_test_settle (300);
  g_assert_cmpuint (kontor_board_get_n_items (board), ==, n_board);
  /* the chips and the panel stay above it */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->chips)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, position);

  click_chip (fixture, 0);
  kontor_test_settle (300);
  g_assert_cmpuint (kontor_board_get_n_items (board), ==, n_all_board);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_null (kontor_filter_get_sales_rep_id (fixture->filter));
}

static guint
position_of (GtkDropDown *dropdown,
             const char  *item)
{
  GListModel *items = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) object = g_list_model_get_item (items, i);

      if (g_str_equal (gtk_string_object_get_string (object), item))
        return i;
    }
  g_assert_not_reached ();
}

/* The contacts shown (current statuses) with an entry in the demo's
 * project @project, in its status @status (%NULL: any) */
static guint
count_in_lead_project (Fixture    *fixture,
                       const char *project,
                       const char *status)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM contact c WHERE c.status IN (0, 1, 2) AND c.id IN"
                     " (SELECT e.contact_id FROM lead_entry e JOIN lead_project p"
                     " ON p.id = e.project_id JOIN lead_status s ON s.id = e.status_id"
                     " WHERE p.name = ?1%s)", status != NULL ? " AND s.name = ?2" : "");
  sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store, sql, project);
  guint n;

  if (status != NULL)
    sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* The status of the fair's with the most entries */
static char *
busiest_fair_status (Fixture *fixture)
{
  sqlite3_stmt *stmt =
    kontor_test_prepare (fixture->base.store,
                         "SELECT s.name FROM lead_entry e JOIN lead_status s ON s.id = e.status_id"
                         " JOIN lead_project p ON p.id = e.project_id WHERE p.name = ?1"
                         " GROUP BY s.id ORDER BY count(*) DESC, s.position LIMIT 1",
                         "Messe Hannover 2027");
  char *name;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return name;
}

/* "Lead Project" ("Leadmanager") and "Lead Status" ("Status im
 * Leadmanager") chosen with the keys: the project's contacts, then those
 * in one of its statuses, a chip for each; the status list offers the
 * chosen project's statuses only and shows only once a project is
 * chosen; another project clears the status */
static void
test_lead_project_by_keyboard (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *fair = "Messe Hannover 2027";
  g_autofree char *status = busiest_fair_status (fixture);
  guint n_fair = count_in_lead_project (fixture, fair, NULL);
  guint n_status = count_in_lead_project (fixture, fair, status);
  g_autofree char *project_chip = g_strdup_printf ("%s: %s", C_("filter", "Lead Project"), fair);
  g_autofree char *status_chip = g_strdup_printf ("%s: %s", C_("filter", "Lead Status"), status);
  GtkDropDown *projects;
  GtkDropDown *statuses;
  guint position = 0;

  g_assert_cmpuint (n_fair, >, n_status);
  g_assert_cmpuint (n_status, >, 0);
  kontor_test_press ("ctrl+shift+f");
  wait_mapped (fixture->panel);
  /* the group of the fair has the same name: the list with the other projects */
  projects = find_drop_down (fixture->panel, "Wartungsvertrag Kühlsysteme", NULL);
  position = position_of (projects, fair);
  /* "Termin vereinbart" is the fair's alone: not offered before the fair is chosen */
  g_assert_null (kontor_test_find_matching (fixture->panel, has_item,
                                            &(DropDownItem) { "Termin vereinbart", 0 }));

  choose_by_keyboard (projects, position);
  kontor_test_wait_n_items (fixture->list, n_fair);
  g_assert_nonnull (kontor_filter_get_lead_project_id (fixture->filter));
  assert_chip (fixture, 0, project_chip);

  statuses = find_drop_down (fixture->panel, "Termin vereinbart", NULL);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (statuses)));
  g_assert_false (has_item (GTK_WIDGET (statuses), &(DropDownItem) { "Verhandlung", 0 }));
  choose_by_keyboard (statuses, position_of (statuses, status));
  kontor_test_wait_n_items (fixture->list, n_status);
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 2);
  assert_chip (fixture, 1, status_chip);
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));

  /* another project: the status goes with the one before */
  choose_by_keyboard (projects, position_of (projects, "Wartungsvertrag Kühlsysteme"));
  kontor_test_wait_n_items (fixture->list,
                            count_in_lead_project (fixture, "Wartungsvertrag Kühlsysteme", NULL));
  g_assert_null (kontor_filter_get_lead_status_id (fixture->filter));
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 1);
  g_assert_true (has_item (GTK_WIDGET (statuses), &(DropDownItem) { "Verhandlung", 0 }));

  /* "Any" project: every current contact again, the status list gone */
  choose_by_keyboard (projects, 0);
  kontor_test_wait_n_items (fixture->list,
                            count (fixture, "SELECT count(*) FROM contact WHERE status IN (0, 1, 2)",
                                   NULL));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (statuses)));
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 0);
}

/* Set from elsewhere (as a saved view would), the panel and the chips
 * show it, in the user's date format; "Reset" clears everything */
static void
test_dates_and_reset (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *first = kontor_format_iso_date ("2026-01-01");
  g_autofree char *last = kontor_format_iso_date ("2026-03-31");
  g_autofree char *march = kontor_format_month (3);
  g_autofree char *created = g_strdup_printf ("%s: %s–%s", C_("filter", "Created"), first, last);
  g_autofree char *birthday = g_strdup_printf ("%s: %s", C_("filter", "Birthday"), march);
  g_autofree char *from_first = g_strdup_printf (C_("filter", "from %s"), first);
  g_autofree char *due = g_strdup_printf ("%s: %s", C_("filter", "Due Date"), from_first);
  guint n_current = count (fixture, "SELECT count(*) FROM contact WHERE status IN (0, 1, 2)",
                           NULL);
  GtkDropDown *months;
  GtkWidget *reset;
  GtkWidget *date_button;
  guint position = 0;

  kontor_test_wait_n_items (fixture->list, n_current);
  g_object_freeze_notify (G_OBJECT (fixture->filter));
  kontor_filter_set_created_from (fixture->filter, "2026-01-01");
  kontor_filter_set_created_to (fixture->filter, "2026-03-31");
  g_object_thaw_notify (G_OBJECT (fixture->filter));
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 1);
  assert_chip (fixture, 0, created);
  date_button = kontor_test_find_widget (fixture->panel, KONTOR_TYPE_DATE_BUTTON);
  g_assert_cmpstr (kontor_date_button_get_date (KONTOR_DATE_BUTTON (date_button)), ==,
                   "2026-01-01");

  /* the range's chip takes both days away */
  click_chip (fixture, 0);
  g_assert_null (kontor_filter_get_created_from (fixture->filter));
  g_assert_null (kontor_filter_get_created_to (fixture->filter));
  g_assert_null (kontor_date_button_get_date (KONTOR_DATE_BUTTON (date_button)));

  /* a month in the panel: the birthdays of March */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (fixture->advanced), TRUE);
  wait_mapped (fixture->panel);
  months = find_drop_down (fixture->panel, march, &position);
  g_assert_cmpuint (position, ==, 3);
  choose_by_keyboard (months, position);
  g_assert_cmpuint (kontor_filter_get_birthday_month (fixture->filter), ==, 3);
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 1);
  assert_chip (fixture, 0, birthday);
  kontor_test_wait_n_items (fixture->list,
                            count (fixture, "SELECT count(*) FROM contact WHERE status IN "
                                   "(0, 1, 2) AND substr (birthday, 6, 2) = '03'", NULL));

  /* an open range */
  kontor_filter_set_due_from (fixture->filter, "2026-01-01");
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 2);
  assert_chip (fixture, 0, due);

  /* Reset, with the mouse */
  reset = kontor_test_find_button (fixture->panel, _("Reset Filters"));
  g_assert_nonnull (reset);
  kontor_test_click (reset, "1", "1");
  kontor_test_wait_n_items (fixture->list, n_current);
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 0);
  g_assert_null (kontor_filter_get_due_from (fixture->filter));
  g_assert_cmpuint (kontor_filter_get_birthday_month (fixture->filter), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (months), ==, 0);
}

/* The quick filters of the toolbar and the panel set the same filter:
 * each shows what the other chose */
static void
test_toolbar_agrees (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *toolbar = gtk_widget_get_parent (fixture->advanced);
  g_autoptr(GPtrArray) teams = kontor_store_list_teams (fixture->base.store, NULL);
  g_autofree char *team_name = NULL;
  g_autofree char *team_item = NULL;
  GtkDropDown *quick;
  GtkDropDown *panel_assignment;
  GtkDropDown *status;
  GtkSwitch *leads;
  guint anna = 0;
  guint team = 0;
  gboolean leads_only;

  g_assert_cmpuint (teams->len, >, 0);
  team_name = kontor_record_dup_display_name (g_ptr_array_index (teams, 0));
  team_item = g_strdup_printf (_("%s (Team)"), team_name);

  quick = find_drop_down (toolbar, "Anna Schneider", &anna);
  panel_assignment = find_drop_down (fixture->panel, C_("assigned to", "Anyone"), NULL);
  g_assert_true (quick != panel_assignment);

  /* the toolbar's "zugewiesen an": the panel follows */
  choose_by_keyboard (quick, anna);
  g_assert_cmpuint (gtk_drop_down_get_selected (panel_assignment), ==, anna);

  /* a team in the panel: the toolbar follows, the colleague is gone */
  find_drop_down (fixture->panel, team_item, &team);
  gtk_drop_down_set_selected (panel_assignment, team);
  g_assert_cmpuint (gtk_drop_down_get_selected (quick), ==, team);
  g_assert_null (kontor_filter_get_assignee_id (fixture->filter));
  g_assert_cmpstr (kontor_filter_get_team_id (fixture->filter), ==,
                   kontor_record_get_id (g_ptr_array_index (teams, 0)));

  /* statuses the drop-down has no item for: an item of their own */
  status = find_status_drop_down (fixture);
  gtk_check_button_set_active (find_status_check (fixture, KONTOR_CONTACT_STATUS_INBOX), FALSE);
  g_assert_cmpuint (kontor_filter_get_statuses (fixture->filter), ==, KONTOR_STATUS_MASK_ACTIVE);
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, 6);
  /* "Archive" in the toolbar: the panel checks it alone */
  gtk_drop_down_set_selected (status, 4);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (status)), ==, 6);
  g_assert_true (gtk_check_button_get_active (find_status_check (fixture,
                                                                 KONTOR_CONTACT_STATUS_ARCHIVED)));
  g_assert_false (gtk_check_button_get_active (find_status_check (fixture,
                                                                  KONTOR_CONTACT_STATUS_CUSTOMER)));

  /* the panel's switch is the sidebar's "Leads" */
  leads = GTK_SWITCH (kontor_test_find_widget (fixture->panel, GTK_TYPE_SWITCH));
  gtk_switch_set_active (leads, TRUE);
  g_object_get (fixture->view, "leads-only", &leads_only, NULL);
  g_assert_true (leads_only);
  g_assert_cmpstr (kontor_workspace_get_section (KONTOR_WORKSPACE (
                     kontor_window_get_workspace (fixture->window))), ==, "leads");
  kontor_contacts_view_set_leads_only (fixture->view, FALSE);
  g_assert_false (gtk_switch_get_active (leads));
}

/* Every control of the panel and every chip is reached with Tab, and has
 * a name; the focus goes on to the next chip as one is removed */
static void
test_keyboard_and_names (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) reached = g_ptr_array_new ();
  GtkWidget *reset;
  GtkWidget *focus;

  kontor_filter_set_statuses (fixture->filter, KONTOR_STATUS_MASK_ACTIVE);
  kontor_filter_set_birthday_month (fixture->filter, 12);
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 2);

  kontor_test_press ("ctrl+shift+f");
  wait_mapped (fixture->panel);
  reset = kontor_test_find_button (fixture->panel, _("Reset Filters"));
  for (guint i = 0; i < 40 && (focus = focus_of (fixture)) != reset; i++)
    {
      g_ptr_array_add (reached, focus);
      kontor_test_press ("Tab");
    }
  g_assert_true (focus_of (fixture) == reset);
  /* 4 statuses, the switch, 4 drop-downs (5 when there are groups),
   * the company, 6 dates */
  for (guint i = 0; i < reached->len; i++)
    g_test_message ("reached %s", G_OBJECT_TYPE_NAME (g_ptr_array_index (reached, i)));
  g_assert_cmpuint (reached->len, >=, 4 + 1 + 4 + 1 + 6);
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));

  /* on to the chips: out of the panel, Tab reaches their buttons */
  kontor_test_press ("Escape");
  gtk_widget_grab_focus (kontor_filter_chips_get_button (fixture->chips, 0));
  kontor_test_press ("Tab");
  g_assert_true (focus_of (fixture) == kontor_filter_chips_get_button (fixture->chips, 1));
  kontor_test_press ("space");
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 1);
  g_assert_true (focus_of (fixture) == kontor_filter_chips_get_button (fixture->chips, 0));
  kontor_test_press ("space");
  g_assert_cmpuint (kontor_filter_chips_get_n_chips (fixture->chips), ==, 0);
  /* the last one gone: the focus on the contacts */
  g_assert_true (focus_is_in (focus_of (fixture),
                              GTK_WIDGET (kontor_contacts_view_get_table (fixture->view))));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.FilterPanel");

  g_test_add ("/ui/filter-panel/status-by-keyboard", Fixture, NULL, fixture_set_up,
              test_status_by_keyboard, fixture_tear_down);
  g_test_add ("/ui/filter-panel/sales-rep-on-board", Fixture, NULL, fixture_set_up,
              test_sales_rep_on_board, fixture_tear_down);
  g_test_add ("/ui/filter-panel/lead-project-by-keyboard", Fixture, NULL, fixture_set_up,
              test_lead_project_by_keyboard, fixture_tear_down);
  g_test_add ("/ui/filter-panel/dates-and-reset", Fixture, NULL, fixture_set_up,
              test_dates_and_reset, fixture_tear_down);
  g_test_add ("/ui/filter-panel/toolbar-agrees", Fixture, NULL, fixture_set_up,
              test_toolbar_agrees, fixture_tear_down);
  g_test_add ("/ui/filter-panel/keyboard-and-names", Fixture, NULL, fixture_set_up,
              test_keyboard_and_names, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
