/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-narrow"

#include "config.h"

#include "kontor-board.h"
#include "kontor-contacts-view.h"
#include "kontor-demo-fill.h"
#include "kontor-shot.h"
#include "kontor-table.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"
#include "kontor-workspace.h"

/* The main window on a phone's screen, 360 × 720 (issue 16 point 6,
 * feature G2): the sidebar folded away behind a back button, the tables
 * showing the name only, the user's choice of columns kept and shown
 * again when the window is wide, the board one column at a time, also
 * with the keyboard (real key presses, xdotool); screenshots of the table, a contact's
 * page, the board and the Today page at that size, light and dark, in the
 * language of $LANGUAGE into $KONTOR_SCREENSHOT_DIR (meson runs it for
 * English and German). */

static gboolean
table_is_narrow (gpointer data)
{
  return kontor_table_get_narrow (data);
}

static gboolean
table_is_wide (gpointer data)
{
  return !kontor_table_get_narrow (data);
}

static gboolean
list_has_items (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static gboolean
workspace_is_unfolded (gpointer data)
{
  return !kontor_workspace_get_folded (data);
}

/* The header buttons shown are those of the columns shown: only the
 * name's while @narrow, else every column the user chose */
static void
assert_columns (KontorTable *table,
                gboolean     narrow)
{
  guint n_shown = 0;

  g_assert_cmpuint (kontor_table_get_n_columns (table), >, 1);
  for (guint i = 0; i < kontor_table_get_n_columns (table); i++)
    {
      KontorTableColumn *column = kontor_table_get_nth_column (table, i);
      GtkWidget *button = kontor_table_get_header_button (table, column);
      gboolean expected = kontor_table_column_get_visible (column) &&
                          (!narrow || !kontor_table_column_get_hideable (column));

      /* narrow or not, the user's choice stays */
      if (!narrow)
        g_assert_true (kontor_table_column_get_visible (column) ==
                       gtk_widget_get_mapped (button));
      g_assert_true (gtk_widget_get_mapped (button) == expected);
      if (expected)
        n_shown++;
    }
  if (narrow)
    {
      g_assert_cmpuint (n_shown, ==, 1);
      g_assert_cmpstr (kontor_table_column_get_id (kontor_table_get_nth_column (table, 0)), ==,
                       "name");
      g_assert_false (kontor_table_column_get_hideable (kontor_table_get_nth_column (table, 0)));
    }
  else
    g_assert_cmpuint (n_shown, >, 1);
}

static void
shoot (GtkWidget  *window,
       const char *style,
       const char *what)
{
  g_autofree char *name = g_strdup_printf ("narrow-%s-%s-%s.png", what,
                                           g_getenv ("KONTOR_SCREENSHOT_LANGUAGE"), style);
  g_autofree char *path = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"), name, NULL);

  kontor_test_take_screenshot (window, path);
}

/* The board: each column as wide as what the board shows of them, less
 * its padding (12 px each side, kontor-board.css), and @index shown
 * whole, as the first column is at the start */
static void
assert_board_column_in_view (GtkAdjustment *hadjustment,
                             KontorBoard   *board,
                             guint          index)
{
  GtkWidget *column = GTK_WIDGET (kontor_board_get_column (board, index));
  graphene_rect_t bounds;

  g_assert_cmpint (gtk_widget_get_width (column), ==,
                   (int) gtk_adjustment_get_page_size (hadjustment) - 24);
  g_assert_true (gtk_widget_compute_bounds (column, gtk_widget_get_parent (column), &bounds));
  /* its padding's width before it, as the first column has it */
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, MAX (0, bounds.origin.x - 12));
}

typedef struct
{
  KontorBoard *board;
  guint        index;
} FocusIn;

static gboolean
focus_is_in_column (gpointer data)
{
  FocusIn *in = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (in->board)));

  return focus != NULL &&
         gtk_widget_is_ancestor (focus, GTK_WIDGET (kontor_board_get_column (in->board,
                                                                            in->index)));
}

static void
test_narrow (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = kontor_test_open_store (&path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KontorContext) context = kontor_context_new (store, settings);
  g_autoptr(AdwApplication) app = kontor_test_app_new ("io.github.kontor.Kontor.TestNarrow");
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  static const struct { const char *name; AdwColorScheme scheme; } styles[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };
  KontorContactsView *contacts;
  KontorWorkspace *workspace;
  KontorTable *table;
  KontorWindow *window;
  GtkWidget *back;
  GListModel *list;
  g_autoptr(GObject) first = NULL;
  static const char * const user_columns[] = { "name", "company", "status", "email", NULL };
  KontorTableColumn *phone;
  GtkAdjustment *hadjustment;
  KontorBoard *board;
  FocusIn in;
  int width, height;

  g_assert_true (kontor_demo_populate (store, 40, KONTOR_DEMO_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);
  /* the user's choice of columns, without the phone number: it stays
   * hidden when the window is wide again */
  g_settings_set_strv (settings, "contacts-columns", user_columns);

  window = kontor_test_present_window (app, context, 360, 720);
  kontor_test_settle (300);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (window));
  contacts = kontor_workspace_get_contacts_view (workspace);
  table = kontor_contacts_view_get_table (contacts);
  back = kontor_contacts_view_get_back_button (contacts);

  /* the sidebar folded away, a button back to it */
  g_assert_true (kontor_workspace_get_folded (workspace));
  g_assert_false (gtk_widget_get_mapped (kontor_workspace_get_sidebar (workspace)));
  g_assert_true (gtk_widget_get_mapped (back));

  /* the name only */
  g_assert_true (kontor_test_iterate_until (table_is_narrow, table, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  assert_columns (table, TRUE);
  kontor_test_assert_accessible (GTK_WIDGET (window));

  list = G_LIST_MODEL (kontor_contacts_view_get_list (contacts));
  g_assert_true (kontor_test_iterate_until (list_has_items, list, KONTOR_TEST_TIMEOUT));
  first = g_list_model_get_item (list, 0);

  /* the board: one column at a time, Right on a card goes to the next
   * column, which comes into view whole */
  g_settings_set_string (settings, "contacts-view", "board");
  kontor_window_show_contacts (window);
  kontor_test_settle (600);
  board = KONTOR_BOARD (kontor_test_find_widget (GTK_WIDGET (window), KONTOR_TYPE_BOARD));
  g_assert_nonnull (board);
  g_assert_cmpuint (kontor_board_get_n_columns (board), >, 1);
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (
                  kontor_test_find_widget (GTK_WIDGET (board), GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  kontor_test_focus_window (GTK_WINDOW (window));
  g_assert_true (kontor_board_focus (board));
  in.board = board;
  in.index = 0;
  g_assert_true (kontor_test_iterate_until (focus_is_in_column, &in, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  assert_board_column_in_view (hadjustment, board, 0);
  kontor_test_press ("Right");
  in.index = 1;
  g_assert_true (kontor_test_iterate_until (focus_is_in_column, &in, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  assert_board_column_in_view (hadjustment, board, 1);
  kontor_test_press ("Left");
  in.index = 0;
  g_assert_true (kontor_test_iterate_until (focus_is_in_column, &in, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  assert_board_column_in_view (hadjustment, board, 0);
  g_settings_set_string (settings, "contacts-view", "table");

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      adw_style_manager_set_color_scheme (style_manager, styles[i].scheme);

      gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
      kontor_workspace_show_section (workspace, "contacts");
      kontor_window_show_contacts (window);
      kontor_test_settle (600);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
      shoot (GTK_WIDGET (window), styles[i].name, "contacts");

      g_settings_set_string (settings, "contacts-view", "board");
      kontor_window_show_contacts (window);
      kontor_test_settle (600);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
      shoot (GTK_WIDGET (window), styles[i].name, "board");
      g_settings_set_string (settings, "contacts-view", "table");

      kontor_workspace_show_section (workspace, "today");
      kontor_window_show_contacts (window);
      kontor_test_settle (600);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
      shoot (GTK_WIDGET (window), styles[i].name, "today");

      /* last: a contact's page still asks for more than 360 pixels (its
       * header's status buttons and the activities' quick entry), and
       * the window grows for it */
      kontor_window_show_contact (window, kontor_record_get_id (KONTOR_RECORD (first)));
      kontor_test_settle (600);
      shoot (GTK_WIDGET (window), styles[i].name, "contact");
    }
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);

  /* wide again: the sidebar beside the table, every column chosen */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  kontor_workspace_show_section (workspace, "contacts");
  kontor_window_show_contacts (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 720);
  g_assert_true (kontor_test_iterate_until (table_is_wide, table, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (workspace_is_unfolded, workspace,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  assert_columns (table, FALSE);
  g_assert_true (kontor_table_column_get_visible (kontor_table_get_column (table, "email")));
  phone = kontor_table_get_column (table, "phone");
  g_assert_true (phone == NULL || !kontor_table_column_get_visible (phone));
  g_assert_true (gtk_widget_get_mapped (kontor_workspace_get_sidebar (workspace)));

  /* and narrow again */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  g_assert_true (kontor_test_iterate_until (table_is_narrow, table, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  assert_columns (table, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "contacts-columns");
  g_settings_reset (settings, "contacts-view");
  g_settings_reset (settings, "workspace-section");
  kontor_test_close_store (&store, path);
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  g_test_add_func ("/ui/narrow", test_narrow);

  return g_test_run ();
}
