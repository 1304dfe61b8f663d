/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-keyboard"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kontor-contacts-view.h"
#include "kontor-board-card.h"
#include "kontor-board-column.h"
#include "kontor-board.h"
#include "kontor-contact-page.h"
#include "kontor-demo-fill.h"
#include "kontor-preferences-window.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* Keyboard first, as a new user tries it: real key presses from xdotool
 * (XTEST, as a keyboard sends them) into the window, nothing called
 * directly. Ctrl+N and typing a contact in, field by field with Tab, then
 * Enter or Ctrl+Enter; the table/board switch with Tab and space while
 * the settings refuse to remember it; moving through the table, its
 * titles and column menu. Needs X (Xvfb) and xdotool: without
 * them it skips, or fails when CI=true. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  char               *settings_dir;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContactsView *view;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Keys */

static GtkWidget *
focus_of (gpointer window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

typedef struct
{
  GtkEditable *editable;
  const char  *text;
} TextWait;

static gboolean
text_is (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (wait->editable), wait->text) == 0;
}

/* Types @text into the focused field and waits until @row shows it. */
static void
type_into (GtkWidget  *row,
           const char *text)
{
  TextWait wait = { GTK_EDITABLE (row), text };

  kontor_test_xdotool ((const char *[]) { "type", "--delay", "40", text, NULL });
  if (!kontor_test_iterate_until (text_is, &wait, KONTOR_TEST_TIMEOUT))
    g_error ("typed “%s”, the field shows “%s”, the focus is on %s", text,
             gtk_editable_get_text (wait.editable),
             focus_of (gtk_widget_get_root (row)) != NULL
               ? G_OBJECT_TYPE_NAME (focus_of (gtk_widget_get_root (row))) : "nothing");
}

static void
assert_focus_in (GtkWindow  *window,
                 GtkWidget  *widget,
                 const char *what)
{
  GtkWidget *focus = focus_of (window);

  if (focus == NULL || (focus != widget && !gtk_widget_is_ancestor (focus, widget)))
    g_test_fail_printf ("the focus is on %s, not in %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus)
                                                                       : "nothing", what);
}

/* ------------------------------------------------------------------------ */
/* Set-up */

static void
fixture_set_up_with_settings (Fixture          *fixture,
                              GSettingsBackend *backend)
{
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, NULL);
  g_assert_true (kontor_demo_populate (fixture->base.store, 20, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);

  fixture->settings = backend != NULL ? g_settings_new_with_backend (APP_ID, backend)
                                      : g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1200, 800);
  fixture->view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_set_up_with_settings (fixture, NULL);
}

/* Settings that refuse every write, as dconf does when its service is out
 * of reach or a key is locked: a keyfile backend rooted where the app's
 * keys are not, which makes them all non-writable. */
static void
fixture_set_up_refusing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *file = NULL;

  fixture->settings_dir = kontor_test_make_tmpdir ();
  file = g_build_filename (fixture->settings_dir, "keyfile", NULL);
  backend = g_keyfile_settings_backend_new (file, "/somewhere/else/", NULL);
  fixture_set_up_with_settings (fixture, backend);
  g_assert_false (g_settings_is_writable (fixture->settings, "contacts-view"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  if (fixture->settings_dir != NULL)
    kontor_test_rmdir (fixture->settings_dir);
  g_clear_pointer (&fixture->settings_dir, g_free);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

/* ------------------------------------------------------------------------ */
/* New contact */

static GtkWindow *
open_new_contact_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  kontor_test_press ("ctrl+n");
  dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                       g_type_from_name ("KontorNewContactDialog"));
  g_assert_nonnull (dialog);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, dialog,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_focus_window (dialog);

  return dialog;
}

static gint64
count_named (Fixture    *fixture,
             const char *first_name,
             const char *last_name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contact WHERE first_name = '%s' "
                                          "AND last_name = '%s'", first_name, last_name);

  return kontor_test_query_int (fixture->base.store, sql, NULL);
}

static gboolean
widget_is_gone (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

/* Presses @keys, which must close @dialog. */
static void
press_to_close (GtkWindow  *dialog,
                const char *keys)
{
  GtkWidget *watch = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
  kontor_test_press (keys);
  g_assert_true (kontor_test_iterate_until (widget_is_gone, &watch, KONTOR_TEST_TIMEOUT));
}

static void
test_new_contact_by_keyboard (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char *fields[] = {
    N_("First Name"), N_("Last Name"), N_("Company"), N_("E-mail"), N_("Phone"),
  };
  static const char *typed[] = { "Anna", "Tastatur", NULL, "anna@example.org", "0301234" };
  GtkWindow *dialog = open_new_contact_dialog (fixture);

  /* Ctrl+N puts the focus in the first name; each Tab goes to the next
   * field, typing fills it */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = kontor_test_find_row (GTK_WIDGET (dialog), _(fields[i]));

      g_assert_nonnull (row);
      if (i > 0)
        kontor_test_press ("Tab");
      assert_focus_in (dialog, row, fields[i]);
      if (typed[i] != NULL)
        type_into (row, typed[i]);
    }

  /* Enter in the last field creates the contact */
  g_assert_cmpint (count_named (fixture, "Anna", "Tastatur"), ==, 0);
  press_to_close (dialog, "Return");
  g_assert_cmpint (count_named (fixture, "Anna", "Tastatur"), ==, 1);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact_channel "
                                          "WHERE value = 'anna@example.org'", NULL), ==, 1);
}

static void
test_new_contact_ctrl_enter (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWindow *dialog = open_new_contact_dialog (fixture);
  GtkWidget *status = kontor_test_find_row (GTK_WIDGET (dialog), _("Status"));

  type_into (kontor_test_find_row (GTK_WIDGET (dialog), _("First Name")), "Bea");
  kontor_test_press ("Tab");
  type_into (kontor_test_find_row (GTK_WIDGET (dialog), _("Last Name")), "Strg");

  /* on to the status, where Enter opens the list: Ctrl+Enter creates */
  kontor_test_press ("Tab Tab Tab Tab");
  assert_focus_in (dialog, status, "Status");
  press_to_close (dialog, "ctrl+Return");
  g_assert_cmpint (count_named (fixture, "Bea", "Strg"), ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Table or board */

static gboolean
match_stack_with_table (GtkWidget  *widget,
                        const void *data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "table");
}

/* the toggle of the table/board switch for the view @data */
static gboolean
match_view_toggle (GtkWidget  *widget,
                   const void *data)
{
  GVariant *target;

  if (!GTK_IS_TOGGLE_BUTTON (widget))
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

  return target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
         g_str_equal (g_variant_get_string (target, NULL), data);
}

static GtkToggleButton *
find_view_toggle (GtkWidget  *root,
                  const char *view)
{
  return GTK_TOGGLE_BUTTON (kontor_test_find_matching (root, match_view_toggle, view));
}

static GtkStack *
find_content_stack (Fixture *fixture)
{
  return GTK_STACK (kontor_test_find_matching (GTK_WIDGET (fixture->view), match_stack_with_table,
                                               NULL));
}

typedef struct
{
  GtkStack   *stack;
  const char *name;
} StackWait;

static gboolean
stack_shows (gpointer data)
{
  StackWait *wait = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (wait->stack), wait->name) == 0;
}

/* Tab from the search field until the focus is on @toggle. */
static void
tab_to (Fixture   *fixture,
        GtkWidget *toggle)
{
  kontor_test_press ("ctrl+f");
  for (guint i = 0; i < 10 && focus_of (fixture->window) != toggle; i++)
    kontor_test_press ("Tab");
  g_assert_true (focus_of (fixture->window) == toggle);
}

static void
test_view_switch_when_settings_refuse (Fixture       *fixture,
                                       gconstpointer  data)
{
  GtkToggleButton *table = NULL;
  GtkToggleButton *board = NULL;
  StackWait wait = { NULL, "board" };
  g_autofree char *stored = NULL;

  wait.stack = find_content_stack (fixture);
  g_assert_nonnull (wait.stack);
  table = find_view_toggle (GTK_WIDGET (fixture->view), "table");
  board = find_view_toggle (GTK_WIDGET (fixture->view), "board");
  g_assert_nonnull (table);
  g_assert_nonnull (board);
  g_assert_true (gtk_toggle_button_get_active (table));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (wait.stack), ==, "table");

  /* the board, chosen with the keyboard: shown though not remembered */
  tab_to (fixture, GTK_WIDGET (board));
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (stack_shows, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_true (gtk_toggle_button_get_active (board));
  g_assert_false (gtk_toggle_button_get_active (table));
  stored = g_settings_get_string (fixture->settings, "contacts-view");
  g_assert_cmpstr (stored, ==, "table");

  /* and back */
  kontor_test_press ("shift+Tab");
  g_assert_true (focus_of (fixture->window) == GTK_WIDGET (table));
  kontor_test_press ("space");
  wait.name = "table";
  g_assert_true (kontor_test_iterate_until (stack_shows, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_true (gtk_toggle_button_get_active (table));
  g_assert_false (gtk_toggle_button_get_active (board));
}

static void
test_view_switch_remembered (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkToggleButton *board = find_view_toggle (GTK_WIDGET (fixture->view), "board");
  StackWait wait = { find_content_stack (fixture),
                     "board" };
  g_autofree char *stored = NULL;

  tab_to (fixture, GTK_WIDGET (board));
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (stack_shows, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_true (gtk_toggle_button_get_active (board));
  stored = g_settings_get_string (fixture->settings, "contacts-view");
  g_assert_cmpstr (stored, ==, "board");
}

/* ------------------------------------------------------------------------ */
/* The table */

static guint
table_cursor (Fixture *fixture)
{
  return kontor_table_get_cursor (kontor_contacts_view_get_table (fixture->view));
}

/* The focus is on the cursor row, which is selected. */
static void
assert_on_row (Fixture *fixture,
               guint    position)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  GtkWidget *row;

  g_assert_cmpuint (table_cursor (fixture), ==, position);
  g_assert_true (gtk_selection_model_is_selected (kontor_table_get_model (table), position));
  row = kontor_table_get_row_widget (table, position);
  g_assert_nonnull (row);
  g_assert_true (focus_of (fixture->window) == row);
}

static void
test_table_keys (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (fixture->view)));
  GtkEditable *search = kontor_contacts_view_get_search_entry (fixture->view);
  GtkWidget *page = kontor_window_get_contact_page (fixture->window);

  g_assert_cmpuint (n, >, 5);
  kontor_contacts_view_focus_table (fixture->view);
  g_assert_cmpuint (table_cursor (fixture), ==, 0);

  kontor_test_press ("Down");
  assert_on_row (fixture, 1);
  kontor_test_press ("Down Down");
  assert_on_row (fixture, 3);
  kontor_test_press ("Up");
  assert_on_row (fixture, 2);
  kontor_test_press ("End");
  assert_on_row (fixture, n - 1);
  kontor_test_press ("Home");
  assert_on_row (fixture, 0);
  kontor_test_press ("ctrl+End");
  assert_on_row (fixture, n - 1);
  kontor_test_press ("ctrl+Home");
  assert_on_row (fixture, 0);
  kontor_test_press ("Page_Down");
  g_assert_cmpuint (table_cursor (fixture), >, 1);
  assert_on_row (fixture, table_cursor (fixture));
  kontor_test_press ("Page_Up");
  assert_on_row (fixture, 0);

  /* Up from the first row goes to the titles, Down comes back */
  kontor_test_press ("Up");
  g_assert_true (focus_of (fixture->window) ==
                 kontor_table_get_header_button (table, kontor_table_get_nth_column (table, 0)));
  kontor_test_press ("Down");
  assert_on_row (fixture, 0);

  /* Tab leaves the table: one stop; Shift+Tab comes back to the row */
  kontor_test_press ("Tab");
  g_assert_false (gtk_widget_is_ancestor (focus_of (fixture->window), GTK_WIDGET (table)));
  kontor_test_press ("shift+Tab");
  assert_on_row (fixture, 0);

  /* typing starts a search */
  kontor_test_press ("z");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "z");
  gtk_editable_set_text (search, "");
  kontor_test_settle (300);
  kontor_contacts_view_focus_table (fixture->view);

  /* Delete asks to delete the selected contact */
  kontor_test_press ("Down");
  kontor_test_press ("Delete");
  g_assert_nonnull (kontor_test_wait_for_message_dialog ());
  kontor_test_close_message_dialogs ();
  kontor_test_focus_window (GTK_WINDOW (fixture->window));

  /* Enter opens the contact */
  kontor_contacts_view_focus_table (fixture->view);
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
}

/* Typing on the table goes on in the search entry, also when the first
 * key already leaves nothing to show and the table is hidden ("x": no
 * word of the sample team starts with it; "q" finds "Q2" in a lead's
 * notes) */
static void
test_table_typing (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkEditable *search = kontor_contacts_view_get_search_entry (fixture->view);

  kontor_contacts_view_focus_table (fixture->view);
  kontor_test_press ("x");
  kontor_test_settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kontor_contacts_view_get_list
                                                              (fixture->view))), ==, 0);
  kontor_test_press ("y q");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "xyq");
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture->window), GTK_WIDGET (search)));

  /* Escape clears it and gives the table the keys again */
  kontor_test_press ("Escape");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture->window),
                                         GTK_WIDGET (kontor_contacts_view_get_table (fixture->view))));
}

static void
test_table_column_menu_keys (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  GtkWidget *title = kontor_table_get_header_button (table, kontor_table_get_nth_column (table, 0));
  GtkWidget *menu;

  kontor_contacts_view_focus_table (fixture->view);
  kontor_test_press ("Up");
  g_assert_true (focus_of (fixture->window) == title);

  /* Menu or Shift+F10 on a title opens the column menu */
  kontor_test_press ("Menu");
  menu = kontor_test_find_widget (title, GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (menu);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, menu,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_press ("Escape");
  g_assert_false (gtk_widget_get_mapped (menu));

  gtk_widget_grab_focus (title);
  kontor_test_press ("shift+F10");
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, menu,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_press ("Escape");

  /* Right goes to the next title, Return sorts by it */
  gtk_widget_grab_focus (title);
  kontor_test_press ("Right");
  g_assert_true (focus_of (fixture->window) ==
                 kontor_table_get_header_button (table, kontor_table_get_nth_column (table, 1)));
  kontor_test_press ("Return");
  g_assert_cmpstr (kontor_table_get_sort_column (table), ==,
                   kontor_table_column_get_id (kontor_table_get_nth_column (table, 1)));
}

/* The mouse: a click on a title sorts, on a row selects, a double click
 * opens the contact */
static void
test_table_mouse (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  GtkWidget *page = kontor_window_get_contact_page (fixture->window);

  kontor_test_click (kontor_table_get_header_button (table, kontor_table_get_column (table, "company")),
                "1", "1");
  g_assert_cmpstr (kontor_table_get_sort_column (table), ==, "company");

  kontor_test_click (kontor_table_get_row_widget (table, 2), "1", "1");
  assert_on_row (fixture, 2);

  kontor_test_click (kontor_table_get_row_widget (table, 1), "1", "2");
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
}

/* ------------------------------------------------------------------------ */
/* The board's cards open the contact as a form (feature P5) */

static KontorBoardCard *
focused_card (Fixture *fixture)
{
  GtkWidget *focus = focus_of (fixture->window);
  GtkWidget *card = focus != NULL ? gtk_widget_get_ancestor (focus, KONTOR_TYPE_BOARD_CARD)
                                  : NULL;

  return card != NULL ? KONTOR_BOARD_CARD (card) : NULL;
}

static const char *
focused_contact_id (Fixture *fixture)
{
  KontorBoardCard *card = focused_card (fixture);

  g_assert_nonnull (card);

  return kontor_record_get_id (KONTOR_RECORD (kontor_board_card_get_contact (card)));
}

static gboolean
widget_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static void
assert_back_on_board (Fixture    *fixture,
                      const char *id,
                      double      scrolled)
{
  GtkWidget *page = kontor_window_get_contact_page (fixture->window);
  KontorBoard *board = kontor_contacts_view_get_board (fixture->view);
  GtkAdjustment *adjustment =
    kontor_board_column_get_vadjustment (kontor_board_get_column (board, 0));

  /* the stack slides over */
  g_assert_true (kontor_test_iterate_until (widget_is_unmapped, page, KONTOR_TEST_TIMEOUT));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (board)));
  /* where it was: the same scroll, the focus on the same card */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, scrolled);
  kontor_test_settle (100);
  g_assert_cmpstr (focused_contact_id (fixture), ==, id);
}

static void
test_board_card_form (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkToggleButton *toggle = find_view_toggle (GTK_WIDGET (fixture->view), "board");
  StackWait wait = { find_content_stack (fixture), "board" };
  GtkWidget *page = kontor_window_get_contact_page (fixture->window);
  KontorBoard *board;
  GtkAdjustment *adjustment;
  g_autofree char *id = NULL;
  g_autoptr(KontorContact) stored = NULL;
  GtkWidget *row;
  double scrolled;

  tab_to (fixture, GTK_WIDGET (toggle));
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (stack_shows, &wait, KONTOR_TEST_TIMEOUT));
  board = kontor_contacts_view_get_board (fixture->view);
  adjustment = kontor_board_column_get_vadjustment (kontor_board_get_column (board, 0));
  kontor_test_settle (300);

  /* the second card of the first column, by keyboard */
  g_assert_true (kontor_board_focus (board));
  kontor_test_press ("Down");
  id = g_strdup (focused_contact_id (fixture));
  scrolled = gtk_adjustment_get_value (adjustment);

  /* Enter opens it; a change saved with Ctrl+S goes back to the board */
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  row = kontor_test_find_row (page, _("Job Title"));
  g_assert_nonnull (row);
  for (guint i = 0; i < 30 && !gtk_widget_is_ancestor (focus_of (fixture->window), row); i++)
    kontor_test_press ("Tab");
  assert_focus_in (GTK_WINDOW (fixture->window), row, "Job Title");
  kontor_test_press ("ctrl+a E i n k a u f");
  kontor_test_press ("ctrl+s");
  assert_back_on_board (fixture, id, scrolled);
  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, id, NULL);
  g_assert_cmpstr (kontor_contact_get_job_title (stored), ==, "Einkauf");

  /* Escape without a change goes back too */
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_press ("Escape");
  assert_back_on_board (fixture, id, scrolled);

  /* opened from the table, the page stays after a save */
  kontor_window_show_contact (fixture->window, id);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  for (guint i = 0; i < 30 && !gtk_widget_is_ancestor (focus_of (fixture->window), row); i++)
    kontor_test_press ("Tab");
  assert_focus_in (GTK_WINDOW (fixture->window), row, "Job Title");
  kontor_test_press ("ctrl+a V e r t r i e b");
  kontor_test_press ("ctrl+s");
  kontor_test_settle (200);
  g_assert_true (gtk_widget_get_mapped (page));

  /* the next test starts on the table */
  g_settings_reset (fixture->settings, "contacts-view");
}

/* ------------------------------------------------------------------------ */
/* Preferences: birthdays (feature C8) */

static gint64
count_birthdays (Fixture *fixture)
{
  return kontor_store_count_birthdays (fixture->base.store, NULL);
}

/* Tabs through @window until the focus is on @widget */
static void
tab_in_window_to (GtkWindow  *window,
                  GtkWidget  *widget,
                  const char *what)
{
  for (guint i = 0; i < 30 && focus_of (window) != widget; i++)
    kontor_test_press ("Tab");
  assert_focus_in (window, widget, what);
}

/* Switching "Store Birthdays" off asks, naming the count; Escape keeps
 * them, the destructive answer erases every one, and the contact page
 * then has no birthday row */
static void
test_preferences_birthdays (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWindow *preferences = kontor_preferences_window_new (GTK_WINDOW (fixture->window),
                                                          fixture->context);
  gint64 before = count_birthdays (fixture);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, before);
  AdwMessageDialog *dialog;
  GtkWidget *row, *birthdays_switch, *page, *erase;
  gboolean keep = FALSE;

  g_assert_cmpint (before, >, 1);
  gtk_window_present (preferences);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, preferences,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_focus_window (preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "privacy");
  row = kontor_test_find_row (GTK_WIDGET (preferences), _("Store Birthdays"));
  g_assert_nonnull (row);
  birthdays_switch = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (birthdays_switch)));
  tab_in_window_to (preferences, birthdays_switch, "the birthdays switch");

  /* asked, with the count; Escape keeps every birthday and the switch on */
  kontor_test_press ("space");
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), count));
  kontor_test_focus_window (GTK_WINDOW (dialog));
  press_to_close (GTK_WINDOW (dialog), "Escape");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (birthdays_switch)));
  g_assert_cmpint (count_birthdays (fixture), ==, before);

  /* asked again; Tab to the destructive answer and Enter erases them */
  kontor_test_focus_window (preferences);
  tab_in_window_to (preferences, birthdays_switch, "the birthdays switch");
  kontor_test_press ("space");
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  erase = kontor_test_find_button (GTK_WIDGET (dialog), _("_Erase Birthdays"));
  g_assert_nonnull (erase);
  tab_in_window_to (GTK_WINDOW (dialog), erase, "Erase Birthdays");
  press_to_close (GTK_WINDOW (dialog), "Return");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (birthdays_switch)));
  g_assert_cmpint (count_birthdays (fixture), ==, 0);
  g_assert_true (kontor_store_get_keep_birthdays (fixture->base.store, &keep, NULL));
  g_assert_false (keep);
  gtk_window_destroy (preferences);

  /* the contact page no longer offers a birthday */
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  page = kontor_window_get_contact_page (fixture->window);
  kontor_contacts_view_focus_table (fixture->view);
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  row = kontor_test_find_row (page, _("Birthday"));
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_visible (row));
}


/* The search entry's operators (feature X10) by keys: completion offers
 * "status:kunde" for "status:ku", Down and Return take it, the list
 * narrows to customers; an unknown operator says so under the entry */
typedef struct
{
  GListModel *list;
  guint       n_items;
} ItemsWait;

static gboolean
has_n_items (gpointer data)
{
  ItemsWait *wait = data;

  return g_list_model_get_n_items (wait->list) == wait->n_items;
}

static gboolean
is_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
label_is_error (GtkWidget  *widget,
                const void *data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static void
test_search_operators (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkEditable *search = kontor_contacts_view_get_search_entry (fixture->view);
  GListModel *list = G_LIST_MODEL (kontor_contacts_view_get_list (fixture->view));
  g_autoptr(KontorFilter) customers = kontor_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *unknown = NULL;
  GtkWidget *popover;
  GtkWidget *first;
  GtkLabel *problem;
  ItemsWait wait;
  gint64 n_customers;

  kontor_filter_set_statuses (customers, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER));
  n_customers = kontor_store_count_contacts (fixture->base.store, customers, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_customers, >, 0);
  g_assert_cmpint (n_customers, <, g_list_model_get_n_items (list));

  kontor_contacts_view_focus_search (fixture->view);
  type_into (GTK_WIDGET (search), "status:ku");

  popover = kontor_test_find_widget (GTK_WIDGET (search), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (kontor_test_iterate_until (is_visible, popover, KONTOR_TEST_TIMEOUT));
  first = kontor_test_find_widget (popover, GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (first)), ==, "status:kunde");

  kontor_test_press ("Down Return");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "status:kunde ");
  g_assert_false (gtk_widget_get_visible (popover));
  wait.list = list;
  wait.n_items = n_customers;
  if (!kontor_test_iterate_until (has_n_items, &wait, KONTOR_TEST_TIMEOUT))
    g_error ("status:kunde shows %u contacts, not the %u customers",
             g_list_model_get_n_items (list), wait.n_items);

  /* Escape closes the offers first, the entry keeps its text */
  kontor_test_press ("BackSpace BackSpace");
  g_assert_true (kontor_test_iterate_until (is_visible, popover, KONTOR_TEST_TIMEOUT));
  kontor_test_press ("Escape");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "status:kund");

  problem = GTK_LABEL (kontor_test_find_matching (GTK_WIDGET (fixture->view), label_is_error,
                                                  NULL));
  g_assert_nonnull (problem);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problem)));
  kontor_test_press ("ctrl+a");
  type_into (GTK_WIDGET (search), "foo:bar");
  unknown = g_strdup_printf (_("Unknown operator “%s:”"), "foo");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
  g_assert_cmpstr (gtk_label_get_text (problem), ==, unknown);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (search), "error"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.Keyboard");

  g_test_add ("/ui/keyboard/new-contact", Fixture, NULL, fixture_set_up,
              test_new_contact_by_keyboard, fixture_tear_down);
  g_test_add ("/ui/keyboard/new-contact-ctrl-enter", Fixture, NULL, fixture_set_up,
              test_new_contact_ctrl_enter, fixture_tear_down);
  g_test_add ("/ui/keyboard/board-card-form", Fixture, NULL, fixture_set_up,
              test_board_card_form, fixture_tear_down);
  g_test_add ("/ui/keyboard/preferences-birthdays", Fixture, NULL, fixture_set_up,
              test_preferences_birthdays, fixture_tear_down);
  g_test_add ("/ui/keyboard/table", Fixture, NULL, fixture_set_up,
              test_table_keys, fixture_tear_down);
  g_test_add ("/ui/keyboard/table-typing", Fixture, NULL, fixture_set_up,
              test_table_typing, fixture_tear_down);
  g_test_add ("/ui/keyboard/table-column-menu", Fixture, NULL, fixture_set_up,
              test_table_column_menu_keys, fixture_tear_down);
  g_test_add ("/ui/keyboard/table-mouse", Fixture, NULL, fixture_set_up,
              test_table_mouse, fixture_tear_down);
  g_test_add ("/ui/keyboard/search-operators", Fixture, NULL, fixture_set_up,
              test_search_operators, fixture_tear_down);
  g_test_add ("/ui/keyboard/view-switch-remembered", Fixture, NULL, fixture_set_up,
              test_view_switch_remembered, fixture_tear_down);
  g_test_add ("/ui/keyboard/view-switch-settings-refuse", Fixture, NULL, fixture_set_up_refusing,
              test_view_switch_when_settings_refuse, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
