/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-table-private.h"

/* KontorTableRow: one row widget of a KontorTable, a cell per column laid
 * out at the widths the table worked out for all rows and the header. A
 * row widget shows one position at a time; the table rebinds it to
 * another when the list changes or the row scrolls out, and never makes
 * one for a row that is not on screen. The header is a row too, with the
 * column titles as its cells. See "Lists" in src/README.md. */

G_DEFINE_FINAL_TYPE (KontorTableRow, kontor_table_row, GTK_TYPE_WIDGET)

static void
kontor_table_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  KontorTableRow *self = KONTOR_TABLE_ROW (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* the table gives each row the width of all columns */
      *minimum = *natural = self->table != NULL ? self->table->total_width : 0;
      return;
    }

  for (guint i = 0; i < self->cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (self->cells, i);
      int min, nat;

      if (cell == NULL || !gtk_widget_should_layout (cell))
        continue;

      gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }

  if (self->check != NULL)
    {
      int min, nat;

      gtk_widget_measure (self->check, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static void
kontor_table_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  KontorTableRow *self = KONTOR_TABLE_ROW (widget);
  KontorTable *table = self->table;

  if (table == NULL || table->col_x == NULL)
    return;

  /* the check boxes' column comes first, left of every column */
  if (self->check != NULL)
    gtk_widget_size_allocate (self->check,
                              &(GtkAllocation) { 0, 0, table->check_width, height }, -1);

  for (guint i = 0; i < table->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (table->columns, i);
      guint slot = _kontor_table_column_get_slot (column);
      GtkWidget *cell = slot < self->cells->len ? g_ptr_array_index (self->cells, slot) : NULL;

      if (cell == NULL || !gtk_widget_should_layout (cell))
        continue;

      gtk_widget_size_allocate (cell,
                                &(GtkAllocation) {
                                  table->col_x[slot], 0, table->col_width[slot], height
                                }, -1);
    }
}

static void
kontor_table_row_dispose (GObject *object)
{
  KontorTableRow *self = KONTOR_TABLE_ROW (object);
  GtkWidget *child;

  _kontor_table_row_unbind (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->check = NULL;
  g_ptr_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->bound, 0);

  G_OBJECT_CLASS (kontor_table_row_parent_class)->dispose (object);
}

static void
kontor_table_row_finalize (GObject *object)
{
  KontorTableRow *self = KONTOR_TABLE_ROW (object);

  g_ptr_array_unref (self->cells);
  g_ptr_array_unref (self->bound);

  G_OBJECT_CLASS (kontor_table_row_parent_class)->finalize (object);
}

static void
kontor_table_row_class_init (KontorTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_table_row_dispose;
  object_class->finalize = kontor_table_row_finalize;

  widget_class->measure = kontor_table_row_measure;
  widget_class->size_allocate = kontor_table_row_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
kontor_table_row_init (KontorTableRow *self)
{
  self->cells = g_ptr_array_new ();
  self->bound = g_ptr_array_new ();
  self->position = G_MAXUINT;
}

/* Returns: a row of @table with a cell for each of its columns; the
 * header's cells are the column titles. The prototype that measures
 * the height of all rows has no role: it is never shown. */
KontorTableRow *
_kontor_table_row_new (KontorTable       *table,
                       gboolean           header,
                       GtkAccessibleRole  role)
{
  KontorTableRow *self = g_object_new (KONTOR_TYPE_TABLE_ROW, "accessible-role", role, NULL);

  self->table = table;
  self->header = !!header;
  gtk_widget_set_focusable (GTK_WIDGET (self), !header);
  if (header)
    gtk_widget_add_css_class (GTK_WIDGET (self), "header");

  for (guint i = 0; i < table->columns->len; i++)
    _kontor_table_row_add_cell (self, g_ptr_array_index (table->columns, i));
  _kontor_table_row_show_check (self, table->show_checks);

  return self;
}

/* Makes the cell of @column, hidden if the column is. */
void
_kontor_table_row_add_cell (KontorTableRow    *self,
                            KontorTableColumn *column)
{
  guint slot = _kontor_table_column_get_slot (column);
  GtkWidget *cell;

  if (self->header)
    cell = _kontor_table_header_button_new (self->table, column);
  else
    cell = _kontor_table_column_setup (column);

  if (slot >= self->cells->len)
    {
      g_ptr_array_set_size (self->cells, slot + 1);
      g_ptr_array_set_size (self->bound, slot + 1);
    }
  g_ptr_array_index (self->cells, slot) = cell;
  gtk_widget_set_visible (cell, _kontor_table_column_shown (self->table, column));
  gtk_widget_set_parent (cell, GTK_WIDGET (self));
}

static void
unbind_slot (KontorTableRow *self,
             guint           slot)
{
  KontorTableColumn *column = g_ptr_array_index (self->bound, slot);

  if (column == NULL)
    return;

  g_ptr_array_index (self->bound, slot) = NULL;
  _kontor_table_column_unbind (column, g_ptr_array_index (self->cells, slot), self->item);
}

/* Binds the cells of the visible columns to the row's item, unbinds those
 * of hidden ones and shows the cells as their columns are. */
void
_kontor_table_row_update_cells (KontorTableRow *self)
{
  KontorTable *table = self->table;

  for (guint i = 0; i < table->columns->len; i++)
    {
      KontorTableColumn *column = g_ptr_array_index (table->columns, i);
      guint slot = _kontor_table_column_get_slot (column);
      GtkWidget *cell = slot < self->cells->len ? g_ptr_array_index (self->cells, slot) : NULL;
      gboolean visible = _kontor_table_column_shown (table, column);

      if (cell == NULL)
        continue;

      gtk_widget_set_visible (cell, visible);
      if (self->header)
        continue;

      if (!visible)
        unbind_slot (self, slot);
      else if (self->item != NULL && g_ptr_array_index (self->bound, slot) == NULL)
        {
          g_ptr_array_index (self->bound, slot) = column;
          _kontor_table_column_bind (column, cell, self->item);
        }
    }
}

/* Lets the row show @item at @position; the same item keeps its cells as
 * they are. */
void
_kontor_table_row_bind (KontorTableRow *self,
                        guint           position,
                        GObject        *item)
{
  self->position = position;

  if (item != self->item)
    {
      _kontor_table_row_unbind (self);
      self->item = item != NULL ? g_object_ref (item) : NULL;
    }

  _kontor_table_row_update_cells (self);
}

void
_kontor_table_row_unbind (KontorTableRow *self)
{
  for (guint slot = 0; slot < self->bound->len; slot++)
    unbind_slot (self, slot);

  g_clear_object (&self->item);
}

void
_kontor_table_row_set_selected (KontorTableRow *self,
                                gboolean        selected)
{
  if (selected)
    gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_SELECTED, FALSE);
  else
    gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_SELECTED);

  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
  _kontor_table_row_set_checked (self, selected, FALSE);
}

/* Shows the check box the way the selection is; the header's is mixed
 * while some rows are selected. Not a change of the selection. */
void
_kontor_table_row_set_checked (KontorTableRow *self,
                               gboolean        checked,
                               gboolean        inconsistent)
{
  if (self->check == NULL)
    return;

  self->updating_check = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->check), checked);
  gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (self->check), inconsistent);
  self->updating_check = FALSE;
}

/* A check box toggled other than by the table, as by a screen reader's
 * "click": the selection follows. Mouse clicks and keys go to the table,
 * which changes the selection; the check box only shows it. */
static void
on_check_toggled_cb (KontorTableRow *self,
                     GtkCheckButton *check)
{
  gboolean active = gtk_check_button_get_active (check);
  GtkSelectionModel *model = self->table->model;

  if (self->updating_check || model == NULL)
    return;

  if (self->header)
    {
      if (active)
        gtk_selection_model_select_all (model);
      else
        gtk_selection_model_unselect_all (model);
    }
  else if (self->position != G_MAXUINT)
    {
      if (active)
        gtk_selection_model_select_item (model, self->position, FALSE);
      else
        gtk_selection_model_unselect_item (model, self->position);
    }
}

/* The check box at the start of the row (feature L6): the header's selects
 * all rows or none ("Select All"), a row's selects the row. Named "Select"
 * until the owner names the row (kontor_table_cell_set_row_name()). */
void
_kontor_table_row_show_check (KontorTableRow *self,
                              gboolean        show)
{
  if (!show)
    {
      if (self->check != NULL)
        gtk_widget_unparent (self->check);
      self->check = NULL;
      return;
    }

  if (self->check != NULL)
    return;

  self->check = gtk_check_button_new ();
  /* the table takes clicks and keys (kontor-table-input.c): one Tab
   * stop, and a click on the box is a click on the row's first column */
  gtk_widget_set_can_target (self->check, FALSE);
  gtk_widget_set_focusable (self->check, FALSE);
  gtk_widget_set_halign (self->check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->check, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->check, "row-check");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the check box that selects all rows of a table */
                                  self->header ? _("Select All")
                                  /* Translators: a row's check box, before its name is known */
                                               : C_("table row", "Select"),
                                  -1);
  g_signal_connect_object (self->check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  /* first, for the order a screen reader reads the row in */
  gtk_widget_insert_after (self->check, GTK_WIDGET (self), NULL);
}

/**
 * kontor_table_cell_set_row_name:
 * @cell: a cell of a #KontorTable row, as its column's bind made it
 * @name: what the row shows, such as a contact's name
 *
 * Names the row's check box for screen readers: "Select @name".
 */
void
kontor_table_cell_set_row_name (GtkWidget  *cell,
                                const char *name)
{
  KontorTableRow *row;
  g_autofree char *label = NULL;

  g_return_if_fail (GTK_IS_WIDGET (cell));
  g_return_if_fail (name != NULL);

  row = (KontorTableRow *) gtk_widget_get_ancestor (cell, KONTOR_TYPE_TABLE_ROW);
  if (row == NULL || row->check == NULL)
    return;

  /* Translators: a table row's check box; %s is what the row shows, such
   * as a contact's name */
  label = g_strdup_printf (_("Select %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
