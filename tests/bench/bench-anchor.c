/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The anchor of the table's figures (src/README.md "Performance targets"):
 * the toolkit's own table at its naive cost, with nothing of Kontor in it.
 *
 *   BenchLazyList ──▶ GtkNoSelection ──▶ GtkColumnView (n × GtkInscription)
 *   (n items, each made when asked for; "replace" makes every item new)
 *                 └──▶ GtkNoSelection ──▶ GtkGridView (.card of 4 × GtkInscription)
 *
 * and of the board's scrolling: a bare GtkGridView of one column of
 * card-sized items, each four GtkInscriptions in a libadwaita .card.
 *
 * The items are made on get_item(), as the contacts table's records are,
 * and a replacement is one items-changed over the whole list with new
 * items at every position: what a search or a new sort order is to a
 * table that replaces its items. */

#include "config.h"

#include "bench-anchor.h"

/* ------------------------------------------------------------------------ */
/* An item: its position and the generation it was made in */

#define BENCH_TYPE_ITEM (bench_item_get_type ())
G_DECLARE_FINAL_TYPE (BenchItem, bench_item, BENCH, ITEM, GObject)

struct _BenchItem
{
  GObject parent_instance;
  guint   position;
  guint   generation;
};

G_DEFINE_FINAL_TYPE (BenchItem, bench_item, G_TYPE_OBJECT)

static void
bench_item_class_init (BenchItemClass *klass)
{
}

static void
bench_item_init (BenchItem *self)
{
}

/* ------------------------------------------------------------------------ */
/* The lazy list */

#define BENCH_TYPE_LAZY_LIST (bench_lazy_list_get_type ())
G_DECLARE_FINAL_TYPE (BenchLazyList, bench_lazy_list, BENCH, LAZY_LIST, GObject)

struct _BenchLazyList
{
  GObject parent_instance;
  guint   n_items;
  guint   generation;
};

static GType
bench_lazy_list_get_item_type (GListModel *model)
{
  return BENCH_TYPE_ITEM;
}

static guint
bench_lazy_list_get_n_items (GListModel *model)
{
  return BENCH_LAZY_LIST (model)->n_items;
}

static gpointer
bench_lazy_list_get_item (GListModel *model,
                          guint       position)
{
  BenchLazyList *self = BENCH_LAZY_LIST (model);
  BenchItem *item;

  if (position >= self->n_items)
    return NULL;

  item = g_object_new (BENCH_TYPE_ITEM, NULL);
  item->position = position;
  item->generation = self->generation;

  return item;
}

static void
bench_lazy_list_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = bench_lazy_list_get_item_type;
  iface->get_n_items = bench_lazy_list_get_n_items;
  iface->get_item = bench_lazy_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchLazyList, bench_lazy_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      bench_lazy_list_iface_init))

static void
bench_lazy_list_class_init (BenchLazyListClass *klass)
{
}

static void
bench_lazy_list_init (BenchLazyList *self)
{
}

/* ------------------------------------------------------------------------ */
/* The column view */

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 16);
  gtk_list_item_set_child (list_item, cell);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  column)
{
  BenchItem *item = gtk_list_item_get_item (list_item);
  char text[64];

  /* text of a contact's length, different per column and generation */
  g_snprintf (text, sizeof text, "Zeile %u, Spalte %u (%u)", item->position,
              GPOINTER_TO_UINT (column), item->generation);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), text);
}

/**
 * bench_anchor_new:
 * @n_items: rows
 * @n_columns: columns, each of GtkInscription cells
 *
 * Returns: (transfer floating): a scrolled window with a column view
 */
GtkWidget *
bench_anchor_new (guint n_items,
                  guint n_columns)
{
  BenchLazyList *list = g_object_new (BENCH_TYPE_LAZY_LIST, NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *column_view;

  list->n_items = n_items;
  column_view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (list))));
  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autofree char *title = g_strdup_printf ("Spalte %u", i);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (column_view), column);
      g_object_unref (column);
    }

  g_object_set_data_full (G_OBJECT (scrolled), "bench-list", list, g_object_unref);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), column_view);

  return scrolled;
}

/**
 * bench_anchor_replace_all:
 * @anchor: from bench_anchor_new()
 *
 * Replaces every item by a new one, in one items-changed.
 */
void
bench_anchor_replace_all (GtkWidget *anchor)
{
  BenchLazyList *list = g_object_get_data (G_OBJECT (anchor), "bench-list");

  list->generation++;
  g_list_model_items_changed (G_LIST_MODEL (list), 0, list->n_items, list->n_items);
}

/* ------------------------------------------------------------------------ */
/* The grid view */

#define CARD_LINES 4

static void
on_card_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  int height = GPOINTER_TO_INT (user_data);

  /* the item's height: less its margins and Adwaita's 3 px padding of a
   * grid view's child */
  gtk_widget_set_size_request (card, -1, height > 12 ? height - 12 : -1);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (card, 6);
  gtk_widget_set_margin_end (card, 6);
  gtk_widget_set_margin_top (card, 3);
  gtk_widget_set_margin_bottom (card, 3);
  for (guint i = 0; i < CARD_LINES; i++)
    {
      GtkWidget *line = gtk_inscription_new (NULL);

      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (line),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_widget_set_margin_start (line, 12);
      gtk_widget_set_margin_end (line, 12);
      gtk_box_append (GTK_BOX (card), line);
    }
  gtk_list_item_set_child (list_item, card);
}

static void
on_card_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  BenchItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *line = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  for (guint i = 0; line != NULL; i++, line = gtk_widget_get_next_sibling (line))
    {
      char text[64];

      /* texts of a card's lengths: a name, a company, two dates */
      g_snprintf (text, sizeof text, "Karte %u, Zeile %u (%u)", item->position, i,
                  item->generation);
      gtk_inscription_set_text (GTK_INSCRIPTION (line), text);
    }
}

/**
 * bench_anchor_grid_new:
 * @n_items: cards
 * @width: the width of the column of cards
 * @height: the height of a card with its margins, 0 for its natural one
 *
 * Returns: (transfer floating): a box with a scrolled window of @width
 *   with a grid view of one column of cards, the grid view its
 *   "bench-grid-view" data
 */
GtkWidget *
bench_anchor_grid_new (guint n_items,
                       int   width,
                       int   height)
{
  BenchLazyList *list = g_object_new (BENCH_TYPE_LAZY_LIST, NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid_view;

  list->n_items = n_items;
  g_signal_connect (factory, "setup", G_CALLBACK (on_card_setup_cb), GINT_TO_POINTER (height));
  g_signal_connect (factory, "bind", G_CALLBACK (on_card_bind_cb), NULL);
  grid_view = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (list))),
                                 factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (grid_view), 1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid_view);
  gtk_widget_set_size_request (scrolled, width, -1);
  gtk_box_append (GTK_BOX (box), scrolled);
  g_object_set_data (G_OBJECT (box), "bench-grid-view", grid_view);

  return box;
}
