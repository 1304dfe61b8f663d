/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-table"

#include "config.h"

#include "kontor-table-private.h"

/* The columns of a KontorTable: their order, which are shown, and the
 * width of each, one for the header and every row. See "Lists" in
 * src/README.md. */

static void
update_char_width (KontorTable *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int width = pango_font_metrics_get_approximate_char_width (metrics);

  self->char_width = MAX (1, PANGO_PIXELS_CEIL (width));
  pango_font_metrics_unref (metrics);
}

/* Whether @column is shown: the user's choice of columns (kept in the
 * settings, kontor-table-settings.c), and while the window is narrow
 * (kontor_table_get_narrow()) only the column that cannot be hidden, the
 * name; the user's choice is not changed by it */
gboolean
_kontor_table_column_shown (KontorTable       *self,
                            KontorTableColumn *column)
{
  return kontor_table_column_get_visible (column) &&
         (!self->narrow || !kontor_table_column_get_hideable (column));
}

/* The width of each visible column, the same for the header and every
 * row: its fixed width, or its characters, or its title if wider; the
 * columns that expand share what is left of @width. */
void
_kontor_table_layout_columns (KontorTable *self,
                              int          width)
{
  int total = 0, n_expand = 0, extra, x = 0;

  if (self->char_width == 0)
    update_char_width (self);

  /* the check boxes, when shown, come before every column */
  self->check_width = 0;
  if (self->show_checks && self->header->check != NULL)
    {
      gtk_widget_measure (self->header->check, GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &self->check_width, NULL, NULL);
      /* + the cells' padding (kontor-table.css) */
      self->check_width += 12;
    }
  x = total = self->check_width;

  self->col_x = g_renew (int, self->col_x, MAX (self->n_slots, 1));
  self->col_width = g_renew (int, self->col_width, MAX (self->n_slots, 1));

  for (guint i = 0; i < self->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (self->columns, i);
      guint slot = _kontor_table_column_get_slot (column);
      GtkWidget *title = g_ptr_array_index (self->header->cells, slot);
      int w = kontor_table_column_get_fixed_width (column);

      self->col_width[slot] = 0;
      self->col_x[slot] = 0;
      if (!_kontor_table_column_shown (self, column))
        continue;

      if (w < 0)
        {
          int min, nat;

          gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          /* + the cells' padding (kontor-table.css) */
          w = MAX (nat, (int) kontor_table_column_get_nat_chars (column) * self->char_width + 12);
        }
      else
        {
          int min;

          gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          w = MAX (w, min);
        }

      self->col_width[slot] = w;
      total += w;
      if (kontor_table_column_get_expand (column))
        n_expand++;
    }

  extra = MAX (0, width - total);
  for (guint i = 0; i < self->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (self->columns, i);
      guint slot = _kontor_table_column_get_slot (column);

      if (!_kontor_table_column_shown (self, column))
        continue;

      if (n_expand > 0 && kontor_table_column_get_expand (column))
        {
          int share = extra / n_expand;

          self->col_width[slot] += share;
          extra -= share;
          n_expand--;
        }
      self->col_x[slot] = x;
      x += self->col_width[slot];
    }

  self->total_width = x;
}

static void
on_column_notify_cb (KontorTable       *self,
                     GParamSpec        *pspec,
                     KontorTableColumn *column)
{
  gboolean visible = g_str_equal (pspec->name, "visible");

  _kontor_table_columns_changed (self, visible);
  if (visible)
    _kontor_table_emit_columns_changed (self);
}

/* The columns changed their widths, or what is shown: all rows and the
 * titles follow; @rebind binds the cells of a column now shown. */
void
_kontor_table_columns_changed (KontorTable *self,
                               gboolean     rebind)
{
  if (rebind)
    {
      for (guint i = 0; i < self->rows->len; i++)
        _kontor_table_row_update_cells (g_ptr_array_index (self->rows, i));
      _kontor_table_row_update_cells (self->header);
      _kontor_table_row_update_cells (self->prototype);
    }
  _kontor_table_header_update (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_queue_allocate (g_ptr_array_index (self->rows, i));
  gtk_widget_queue_allocate (GTK_WIDGET (self->header));
}

/* Returns: (nullable): the visible column at @x of the table, and
 * whether @x is at its right edge, where dragging resizes it */
KontorTableColumn *
_kontor_table_column_at (KontorTable *self,
                         double       x,
                         gboolean    *at_right_edge)
{
  double content_x = x + gtk_adjustment_get_value (self->hadjustment);

  if (self->col_x == NULL)
    return NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (self->columns, i);
      guint slot = _kontor_table_column_get_slot (column);
      double right = self->col_x[slot] + self->col_width[slot];

      if (!_kontor_table_column_shown (self, column))
        continue;
      if (content_x >= self->col_x[slot] && content_x < right + 4)
        {
          if (at_right_edge != NULL)
            *at_right_edge = content_x > right - 5;
          return column;
        }
    }

  return NULL;
}

/**
 * kontor_table_append_column:
 * @self: a table
 * @column: a column, not in a table yet
 *
 * Adds @column at the right end.
 */
void
kontor_table_append_column (KontorTable       *self,
                            KontorTableColumn *column)
{
  g_return_if_fail (KONTOR_IS_TABLE (self));
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (column));
  g_return_if_fail (_kontor_table_column_get_slot (column) == G_MAXUINT);

  _kontor_table_column_set_slot (column, self->n_slots++);
  g_ptr_array_add (self->columns, g_object_ref (column));
  g_signal_connect_object (column, "notify", G_CALLBACK (on_column_notify_cb), self,
                           G_CONNECT_SWAPPED);

  /* the rows there are get a cell for it */
  for (guint i = 0; i < self->rows->len; i++)
    _kontor_table_row_add_cell (g_ptr_array_index (self->rows, i), column);
  _kontor_table_row_add_cell (self->prototype, column);
  _kontor_table_row_add_cell (self->header, column);
  _kontor_table_header_add_column (self, column);

  _kontor_table_columns_changed (self, TRUE);
}

guint
kontor_table_get_n_columns (KontorTable *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), 0);

  return self->columns->len;
}

/**
 * kontor_table_get_nth_column:
 * @self: a table
 * @position: a position in the order shown
 *
 * Returns: (transfer none) (nullable): the column at @position
 */
KontorTableColumn *
kontor_table_get_nth_column (KontorTable *self,
                             guint        position)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), NULL);

  return position < self->columns->len ? g_ptr_array_index (self->columns, position) : NULL;
}

/**
 * kontor_table_get_column:
 * @self: a table
 * @id: a column's id
 *
 * Returns: (transfer none) (nullable): the column called @id
 */
KontorTableColumn *
kontor_table_get_column (KontorTable *self,
                         const char  *id)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (self->columns, i);

      if (g_str_equal (kontor_table_column_get_id (column), id))
        return column;
    }

  return NULL;
}

/**
 * kontor_table_move_column:
 * @self: a table
 * @column: one of its columns
 * @position: its new place in the order shown
 *
 * What "Move Left" and "Move Right" of the column menu do.
 */
void
kontor_table_move_column (KontorTable       *self,
                          KontorTableColumn *column,
                          guint              position)
{
  guint index;

  g_return_if_fail (KONTOR_IS_TABLE (self));
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (column));

  if (!g_ptr_array_find (self->columns, column, &index))
    g_return_if_reached ();

  position = MIN (position, self->columns->len - 1);
  if (position == index)
    return;

  g_ptr_array_steal_index (self->columns, index);
  g_ptr_array_insert (self->columns, position, column);

  _kontor_table_columns_changed (self, FALSE);
  _kontor_table_emit_columns_changed (self);
}

/**
 * kontor_table_get_header_button:
 * @self: a table
 * @column: one of its columns
 *
 * Returns: (transfer none): the title of @column
 */
GtkWidget *
kontor_table_get_header_button (KontorTable       *self,
                                KontorTableColumn *column)
{
  g_return_val_if_fail (KONTOR_IS_TABLE (self), NULL);
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (column), NULL);

  return g_ptr_array_index (self->header->cells, _kontor_table_column_get_slot (column));
}
