/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-table"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kontor-contacts-view.h"
#include "kontor-demo-fill.h"
#include "kontor-table.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* KontorTable (src/README.md, "Lists"): a row widget only for the rows on
 * screen, rebound and never made again on a search, a sort or scrolling;
 * the model asked only for the items on screen; the focus kept while the
 * cursor row is away; and in the contacts view: the selection follows its
 * contact across a search, the column menu moves and hides columns and
 * the settings remember it, rows and titles have names. The keys
 * themselves are pressed in test-keyboard.c. */

#define N_ITEMS   5000
#define N_COLUMNS 8

/* ------------------------------------------------------------------------ */
/* A list that counts which items it is asked for */

#define TEST_TYPE_COUNTING_LIST (test_counting_list_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingList, test_counting_list, TEST, COUNTING_LIST, GObject)

struct _TestCountingList
{
  GObject     parent_instance;
  GListStore *store;
  guint       n_asked;
  guint       min_asked;
  guint       max_asked;
};

static GType
test_counting_list_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
test_counting_list_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (TEST_COUNTING_LIST (model)->store));
}

static gpointer
test_counting_list_get_item (GListModel *model,
                             guint       position)
{
  TestCountingList *self = TEST_COUNTING_LIST (model);

  self->n_asked++;
  self->min_asked = MIN (self->min_asked, position);
  self->max_asked = MAX (self->max_asked, position);

  return g_list_model_get_item (G_LIST_MODEL (self->store), position);
}

static void
test_counting_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = test_counting_list_get_item_type;
  iface->get_n_items = test_counting_list_get_n_items;
  iface->get_item = test_counting_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCountingList, test_counting_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      test_counting_list_model_init))

static void
test_counting_list_finalize (GObject *object)
{
  g_clear_object (&TEST_COUNTING_LIST (object)->store);

  G_OBJECT_CLASS (test_counting_list_parent_class)->finalize (object);
}

static void
test_counting_list_class_init (TestCountingListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_counting_list_finalize;
}

static void
on_store_items_changed_cb (GListModel *store,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *self)
{
  g_list_model_items_changed (self, position, removed, added);
}

static void
test_counting_list_init (TestCountingList *self)
{
  self->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (on_store_items_changed_cb),
                           self, 0);
  self->min_asked = G_MAXUINT;
}

static void
forget_asked (TestCountingList *self)
{
  self->n_asked = 0;
  self->min_asked = G_MAXUINT;
  self->max_asked = 0;
}

/* Replaces all items at once, as a search or a sort does. */
static void
replace_items (TestCountingList *self,
               const char       *prefix,
               gboolean          reversed)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s %05u", prefix,
                                                 reversed ? N_ITEMS - 1 - i : i);

      g_ptr_array_add (items, gtk_string_object_new (text));
    }

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
}

/* ------------------------------------------------------------------------ */
/* A table of strings in a window */

typedef struct
{
  GtkWindow        *window;
  KontorTable      *table;
  TestCountingList *list;
  GtkSelectionModel *selection;
  guint             n_setups;
} TableFixture;

static GtkWidget *
setup_cell (KontorTableColumn *column,
            gpointer           user_data)
{
  TableFixture *fixture = user_data;

  fixture->n_setups++;

  return gtk_inscription_new (NULL);
}

static void
bind_cell (KontorTableColumn *column,
           GtkWidget         *cell,
           gpointer           item,
           gpointer           user_data)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (cell),
                            gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

static gboolean
table_has_rows (gpointer data)
{
  KontorTable *table = data;

  return kontor_table_get_row_widget (table, 0) != NULL &&
         gtk_widget_get_mapped (kontor_table_get_row_widget (table, 0));
}

static void
table_fixture_set_up (TableFixture  *fixture,
                      gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->list = g_object_new (TEST_TYPE_COUNTING_LIST, NULL);
  replace_items (fixture->list, "Item", FALSE);
  fixture->selection =
    GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (fixture->list))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (fixture->selection), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (fixture->selection), TRUE);
  /* made with the first item selected: a selected item is looked for by
   * get_item() in a change (GtkSingleSelection's own cost) */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (fixture->selection),
                                     GTK_INVALID_LIST_POSITION);

  fixture->table = KONTOR_TABLE (kontor_table_new ());
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(KontorTableColumn) column =
        kontor_table_column_new (id, id, setup_cell, bind_cell, NULL, fixture, NULL);

      kontor_table_column_set_expand (column, i == 0);
      kontor_table_append_column (fixture->table, column);
    }
  kontor_table_set_model (fixture->table, fixture->selection);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->table));
  gtk_window_set_child (fixture->window, scrolled);
  forget_asked (fixture->list);
  gtk_window_present (fixture->window);

  g_assert_true (kontor_test_iterate_until (table_has_rows, fixture->table, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (100);
}

static void
table_fixture_tear_down (TableFixture  *fixture,
                         gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->list);
}

/* The rows that fit on screen, the partly visible ones counted */
static guint
rows_on_screen (TableFixture *fixture)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->table));
  double row_height = gtk_adjustment_get_upper (adjustment) / N_ITEMS;

  g_assert_cmpfloat (row_height, >, 0);

  return (guint) ceil (gtk_adjustment_get_page_size (adjustment) / row_height) + 1;
}

/* The row widgets in use and spare, which the table does not make more of */
static void
assert_rows_bounded (TableFixture *fixture)
{
  guint on_screen = rows_on_screen (fixture);

  g_assert_cmpuint (kontor_table_count_row_widgets (fixture->table), <=, on_screen + 2);
  g_assert_cmpuint (kontor_table_count_row_widgets (fixture->table), >=, on_screen - 2);
  /* the prototype that measures the height, the rows, N_COLUMNS cells each */
  g_assert_cmpuint (fixture->n_setups, <=, (on_screen + 3) * N_COLUMNS);
}

static void
test_rows_on_screen_only (TableFixture  *fixture,
                          gconstpointer  data)
{
  guint on_screen = rows_on_screen (fixture);
  guint setups;

  /* ~25 rows of 5 000, and only their items asked for */
  g_assert_cmpuint (on_screen, <, 60);
  assert_rows_bounded (fixture);
  g_assert_cmpuint (fixture->list->n_asked, >, 0);
  g_assert_cmpuint (fixture->list->max_asked, <, on_screen);

  /* a search: all items new, the same row widgets show them */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (fixture->selection)),
                    ==, GTK_INVALID_LIST_POSITION);
  setups = fixture->n_setups;
  forget_asked (fixture->list);
  replace_items (fixture->list, "Found", FALSE);
  kontor_test_settle (100);
  g_assert_cmpuint (fixture->n_setups, ==, setups);
  assert_rows_bounded (fixture);
  g_assert_cmpuint (fixture->list->max_asked, <, on_screen);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (gtk_widget_get_first_child (
                     kontor_table_get_row_widget (fixture->table, 0)))), ==, "Found 00000");

  /* a sort: the same */
  forget_asked (fixture->list);
  replace_items (fixture->list, "Found", TRUE);
  kontor_test_settle (100);
  g_assert_cmpuint (fixture->n_setups, ==, setups);
  g_assert_cmpuint (fixture->list->max_asked, <, on_screen);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (gtk_widget_get_first_child (
                     kontor_table_get_row_widget (fixture->table, 0)))), ==, "Found 04999");

  /* scrolled to the end: the rows there, nothing in between */
  forget_asked (fixture->list);
  kontor_table_set_cursor (fixture->table, N_ITEMS - 1, TRUE);
  kontor_test_settle (100);
  g_assert_nonnull (kontor_table_get_row_widget (fixture->table, N_ITEMS - 1));
  g_assert_cmpuint (fixture->list->min_asked, >=, N_ITEMS - on_screen - 1);
  g_assert_cmpuint (fixture->n_setups, ==, setups);
  assert_rows_bounded (fixture);
}

/* Page Down from the top to the end, as the bench scrolls: the same rows */
static void
test_page_down_to_the_end (TableFixture  *fixture,
                           gconstpointer  data)
{
  guint setups = fixture->n_setups;
  guint pages = 0;

  while (kontor_table_get_cursor (fixture->table) != N_ITEMS - 1)
    {
      kontor_table_move_cursor (fixture->table, GTK_MOVEMENT_PAGES, 1);
      g_assert_cmpuint (++pages, <, N_ITEMS);
    }
  kontor_test_settle (100);

  g_assert_cmpuint (pages, >, 10);
  g_assert_true (gtk_selection_model_is_selected (fixture->selection, N_ITEMS - 1));
  g_assert_nonnull (kontor_table_get_row_widget (fixture->table, N_ITEMS - 1));
  g_assert_cmpuint (fixture->n_setups, ==, setups);
  assert_rows_bounded (fixture);

  kontor_table_move_cursor (fixture->table, GTK_MOVEMENT_BUFFER_ENDS, -1);
  g_assert_cmpuint (kontor_table_get_cursor (fixture->table), ==, 0);
  g_assert_nonnull (kontor_table_get_row_widget (fixture->table, 0));
}

static GtkWidget *
focus_of (TableFixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static void
test_focus_survives_scrolling (TableFixture  *fixture,
                               gconstpointer  data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->table));

  /* the table takes the focus on its cursor row, the first one */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->table));
  g_assert_cmpuint (kontor_table_get_cursor (fixture->table), ==, 0);
  g_assert_true (focus_of (fixture) == kontor_table_get_row_widget (fixture->table, 0));

  kontor_table_set_cursor (fixture->table, 3, TRUE);
  g_assert_true (focus_of (fixture) == kontor_table_get_row_widget (fixture->table, 3));
  g_assert_true (gtk_selection_model_is_selected (fixture->selection, 3));

  /* scrolled away with the mouse wheel: the row's widget shows another
   * row now, the focus stays in the table */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  kontor_test_settle (100);
  g_assert_null (kontor_table_get_row_widget (fixture->table, 3));
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->table));

  /* and back on its row when it returns */
  gtk_adjustment_set_value (adjustment, 0);
  kontor_test_settle (100);
  g_assert_true (focus_of (fixture) == kontor_table_get_row_widget (fixture->table, 3));
}

/* ------------------------------------------------------------------------ */
/* The contacts table */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContactsView *view;
  KontorTable        *table;
} ViewFixture;

static void
view_fixture_set_up (ViewFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);
  g_assert_true (kontor_demo_populate (fixture->base.store, 100, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1200, 800);
  fixture->view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  fixture->table = kontor_contacts_view_get_table (fixture->view);
  kontor_test_settle (100);
}

static void
view_fixture_tear_down (ViewFixture   *fixture,
                        gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

static gboolean
count_differs (gpointer data)
{
  return !count_is (data);
}

static void
test_selection_follows_search (ViewFixture   *fixture,
                               gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (kontor_contacts_view_get_list (fixture->view));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (kontor_table_get_model (fixture->table));
  guint n = g_list_model_get_n_items (list);
  g_autoptr(KontorContact) contact = g_list_model_get_item (list, 5);
  g_autofree char *name = g_strdup (kontor_contact_get_last_name (contact));
  KontorContact *selected;
  GtkWidget *row;
  CountWait wait = { list, 0 };

  kontor_table_set_cursor (fixture->table, 5, TRUE);
  kontor_contacts_view_focus_table (fixture->view);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) contact);

  /* a search that keeps the contact, at another position */
  gtk_editable_set_text (kontor_contacts_view_get_search_entry (fixture->view), name);
  wait.n_items = n;
  g_assert_true (kontor_test_iterate_until (count_differs, &wait, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (100);

  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_true (selected == contact);
  g_assert_cmpuint (kontor_table_get_cursor (fixture->table), ==,
                    gtk_single_selection_get_selected (selection));
  row = kontor_table_get_row_widget (fixture->table, kontor_table_get_cursor (fixture->table));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED);

  /* cleared: all contacts again, still selected */
  gtk_editable_set_text (kontor_contacts_view_get_search_entry (fixture->view), "");
  wait.n_items = n;
  g_assert_true (kontor_test_iterate_until (count_is, &wait, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (100);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) contact);
}

static void
test_sort_by_title (ViewFixture   *fixture,
                    gconstpointer  data)
{
  KontorTableColumn *email = kontor_table_get_column (fixture->table, "email");
  GtkWidget *title = kontor_table_get_header_button (fixture->table, email);
  g_autofree char *stored = NULL;

  g_signal_emit_by_name (title, "clicked");
  g_assert_cmpstr (kontor_table_get_sort_column (fixture->table), ==, "email");
  g_assert_cmpint (kontor_table_get_sort_order (fixture->table), ==, GTK_SORT_ASCENDING);
  g_signal_emit_by_name (title, "clicked");
  g_assert_cmpint (kontor_table_get_sort_order (fixture->table), ==, GTK_SORT_DESCENDING);
  stored = g_settings_get_string (fixture->settings, "contacts-sort-column");
  g_assert_cmpstr (stored, ==, "email");
  g_assert_true (g_settings_get_boolean (fixture->settings, "contacts-sort-descending"));

  /* what the bench calls */
  kontor_contacts_view_sort_by (fixture->view, "company", GTK_SORT_ASCENDING);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (fixture->settings, "contacts-sort-column");
  g_assert_cmpstr (stored, ==, "company");
  g_assert_false (g_settings_get_boolean (fixture->settings, "contacts-sort-descending"));
}

static guint
column_index (KontorTable *table,
              const char  *id)
{
  for (guint i = 0; i < kontor_table_get_n_columns (table); i++)
    {
      if (g_str_equal (kontor_table_column_get_id (kontor_table_get_nth_column (table, i)), id))
        return i;
    }

  return G_MAXUINT;
}

static void
test_column_menu (ViewFixture   *fixture,
                  gconstpointer  data)
{
  KontorTableColumn *phone = kontor_table_get_column (fixture->table, "phone");
  guint before = column_index (fixture->table, "phone");
  g_auto(GStrv) stored = NULL;
  GtkWidget *menu;

  /* opened at the title: a child of it, for a screen reader */
  kontor_table_popup_column_menu (fixture->table, phone);
  menu = kontor_test_find_widget (kontor_table_get_header_button (fixture->table, phone),
                                  GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (menu);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, menu,
                                            KONTOR_TEST_TIMEOUT));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->table), "table.move-left",
                                             NULL));
  g_assert_cmpuint (column_index (fixture->table, "phone"), ==, before - 1);
  stored = g_settings_get_strv (fixture->settings, "contacts-columns");
  g_assert_cmpstr (stored[before - 1], ==, "phone");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->table), "table.move-right",
                                             NULL));
  g_assert_cmpuint (column_index (fixture->table, "phone"), ==, before);

  /* hidden, and remembered; its cells go with it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->table), "table.show-phone",
                                             NULL));
  g_assert_false (kontor_table_column_get_visible (phone));
  g_clear_pointer (&stored, g_strfreev);
  stored = g_settings_get_strv (fixture->settings, "contacts-columns");
  g_assert_false (g_strv_contains ((const char * const *) stored, "phone"));
  g_assert_false (gtk_widget_get_visible (kontor_table_get_header_button (fixture->table, phone)));

  gtk_popover_popdown (GTK_POPOVER (menu));
}

static void
test_accessible_rows_and_titles (ViewFixture   *fixture,
                                 gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (kontor_contacts_view_get_list (fixture->view));
  g_autoptr(KontorRecord) first = g_list_model_get_item (list, 0);
  g_autofree char *name = kontor_record_dup_display_name (first);
  GtkWidget *row = kontor_table_get_row_widget (fixture->table, 0);
  KontorTableColumn *company = kontor_table_get_column (fixture->table, "company");

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (fixture->table),
                                               GTK_ACCESSIBLE_ROLE_GRID));
  g_assert_nonnull (row);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_ROW));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_assert_true (gtk_test_accessible_has_role (
                   GTK_ACCESSIBLE (kontor_table_get_header_button (fixture->table, company)),
                   GTK_ACCESSIBLE_ROLE_COLUMN_HEADER));
  gtk_test_accessible_assert_property (
    GTK_ACCESSIBLE (kontor_table_get_header_button (fixture->table, company)),
    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Company"));

  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.Table");

#define ADD_TABLE(path, func) \
  g_test_add (path, TableFixture, NULL, table_fixture_set_up, func, table_fixture_tear_down)
#define ADD_VIEW(path, func) \
  g_test_add (path, ViewFixture, NULL, view_fixture_set_up, func, view_fixture_tear_down)

  ADD_TABLE ("/ui/table/rows-on-screen-only", test_rows_on_screen_only);
  ADD_TABLE ("/ui/table/page-down-to-the-end", test_page_down_to_the_end);
  ADD_TABLE ("/ui/table/focus-survives-scrolling", test_focus_survives_scrolling);
  ADD_VIEW ("/ui/table/selection-follows-search", test_selection_follows_search);
  ADD_VIEW ("/ui/table/sort-by-title", test_sort_by_title);
  ADD_VIEW ("/ui/table/column-menu", test_column_menu);
  ADD_VIEW ("/ui/table/accessible-rows-and-titles", test_accessible_rows_and_titles);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
