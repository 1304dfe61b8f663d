/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-table"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kontor-table.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"

/* KontorTable (src/README.md, "Lists") over a list of 5,000 strings: a row
 * widget only for the rows on screen, rebound and never made again on a
 * search, a sort or scrolling; the model asked only for the items on
 * screen; the focus kept while the cursor row is away. The contacts table
 * is tested in test-window.c, its keys in test-keyboard.c. */

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

/* The width the row gave @widget */
static int
width_of (GtkWidget *widget)
{
  GtkAllocation allocation;

  gtk_widget_get_allocation (widget, &allocation);

  return allocation.width;
}

/* A column's width is the same for its title and every cell; a fixed
 * width (what dragging the title's edge sets) holds, the expanding
 * column gives way. */
static void
test_column_widths (TableFixture  *fixture,
                    gconstpointer  data)
{
  KontorTableColumn *second = kontor_table_get_nth_column (fixture->table, 1);
  GtkWidget *title = kontor_table_get_header_button (fixture->table, second);
  GtkWidget *row = kontor_table_get_row_widget (fixture->table, 0);
  GtkWidget *cell = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
  GtkWidget *first_title =
    kontor_table_get_header_button (fixture->table, kontor_table_get_nth_column (fixture->table, 0));
  int before = width_of (first_title);

  g_assert_cmpint (width_of (title), ==, width_of (cell));

  kontor_table_column_set_fixed_width (second, 300);
  kontor_test_settle (100);
  g_assert_cmpint (width_of (title), ==, 300);
  g_assert_cmpint (width_of (cell), ==, 300);
  g_assert_cmpint (width_of (first_title), <, before);

  /* hidden: its title and cells go, the others take the room */
  kontor_table_column_set_visible (second, FALSE);
  kontor_test_settle (100);
  g_assert_false (gtk_widget_get_visible (title));
  g_assert_false (gtk_widget_get_visible (cell));
  g_assert_cmpint (width_of (first_title), >, before);
}

/* A style change keeps the scroll position; a bigger font measures the
 * rows again and keeps the same first row on screen */
static void
test_font_change (TableFixture  *fixture,
                  gconstpointer  data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->table));
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  double row_height = gtk_adjustment_get_upper (adjustment) / N_ITEMS;
  double value = row_height * 100.5;
  guint setups = fixture->n_setups;

  gtk_adjustment_set_value (adjustment, value);
  kontor_test_settle (100);
  gtk_widget_add_css_class (GTK_WIDGET (fixture->table), "view");
  kontor_test_settle (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);

  gtk_css_provider_load_from_data (provider, "kontortable { font-size: 200%; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  kontor_test_settle (200);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) / N_ITEMS, >, row_height * 1.5);
  g_assert_nonnull (kontor_table_get_row_widget (fixture->table, 100));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==,
                     100 * gtk_adjustment_get_upper (adjustment) / N_ITEMS);
  /* fewer rows fit: the ones left over go, none is made */
  g_assert_cmpuint (fixture->n_setups, ==, setups);
  g_assert_cmpuint (kontor_table_count_row_widgets (fixture->table), <=,
                    rows_on_screen (fixture) + 2);

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (provider));
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

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

#define ADD_TABLE(path, func) \
  g_test_add (path, TableFixture, NULL, table_fixture_set_up, func, table_fixture_tear_down)

  ADD_TABLE ("/ui/table/rows-on-screen-only", test_rows_on_screen_only);
  ADD_TABLE ("/ui/table/page-down-to-the-end", test_page_down_to_the_end);
  ADD_TABLE ("/ui/table/column-widths", test_column_widths);
  ADD_TABLE ("/ui/table/font-change", test_font_change);
  ADD_TABLE ("/ui/table/focus-survives-scrolling", test_focus_survives_scrolling);

  status = g_test_run ();

  return status;
}
