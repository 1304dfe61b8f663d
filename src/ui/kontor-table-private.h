/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-table.h"

G_BEGIN_DECLS

/* The parts of KontorTable shared by kontor-table.c (the widget,
 * scrolling, keyboard), kontor-table-header.c (titles, sorting, the
 * column menu, resizing), kontor-table-row.c (a row of cells) and
 * kontor-table-column.c. See "Lists" in src/README.md. */

#define KONTOR_TYPE_TABLE_ROW (kontor_table_row_get_type ())

G_DECLARE_FINAL_TYPE (KontorTableRow, kontor_table_row, KONTOR, TABLE_ROW, GtkWidget)

struct _KontorTableRow
{
  GtkWidget    parent_instance;

  KontorTable *table;     /* not a reference: the table owns its rows */
  GPtrArray   *cells;     /* GtkWidget, by the column's slot */
  GPtrArray   *bound;     /* KontorTableColumn bound to each slot, or NULL */
  GObject     *item;      /* bound item, or NULL */
  GtkWidget   *check;     /* the check box, while the table shows them */
  guint        position;  /* G_MAXUINT when not in use */
  guint        header : 1;
  guint        updating_check : 1;
};

struct _KontorTable
{
  GtkWidget          parent_instance;

  GtkSelectionModel *model;
  GPtrArray         *columns;     /* KontorTableColumn, in the order shown */
  guint              n_slots;     /* columns ever added; a column keeps its slot */

  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  guint              in_update : 1;

  KontorTableRow    *header;
  KontorTableRow    *prototype;   /* never bound nor shown: measures the row height */
  GPtrArray         *rows;        /* KontorTableRow in use or spare */
  int                row_height;  /* 0: to measure */
  int                header_height;
  int                total_width;
  int               *col_x;       /* by slot, after layout */
  int               *col_width;   /* by slot, after layout */
  int                char_width;  /* approximate, in pixels */
  guint              pending_first; /* the first row to show after measuring again */

  guint              cursor;      /* G_MAXUINT: none */
  guint              anchor;      /* where Shift+click selects from; G_MAXUINT: the cursor */
  guint              show_checks : 1; /* a multiple selection, with a check box per row */
  int                check_width; /* of the check boxes' column, after layout */
  char              *sort_column;
  GtkSortType        sort_order;

  KontorTableColumn *menu_column;
  GtkWidget         *column_menu;
  GSimpleActionGroup *column_actions;

  guint32            last_press_time;     /* of the primary button on a row */
  guint              last_press_position;

  KontorTableColumn *resizing;
  int                resize_start_width;

  guint              narrow : 1;  /* the window is narrow: only the columns that cannot be hidden */
  GtkWindow         *narrow_window; /* watched for its width while the table is in it */
};

/* kontor-table-columns.c */
gboolean        _kontor_table_column_shown     (KontorTable       *self,
                                                KontorTableColumn *column);

/* kontor-table-column.c */
guint           _kontor_table_column_get_slot  (KontorTableColumn *self);
void            _kontor_table_column_set_slot  (KontorTableColumn *self,
                                                guint              slot);
GtkWidget      *_kontor_table_column_setup     (KontorTableColumn *self);
void            _kontor_table_column_bind      (KontorTableColumn *self,
                                                GtkWidget         *cell,
                                                gpointer           item);
void            _kontor_table_column_unbind    (KontorTableColumn *self,
                                                GtkWidget         *cell,
                                                gpointer           item);

/* kontor-table-row.c */
KontorTableRow *_kontor_table_row_new          (KontorTable       *table,
                                                gboolean           header,
                                                GtkAccessibleRole  role);
void            _kontor_table_row_bind         (KontorTableRow    *row,
                                                guint              position,
                                                GObject           *item);
void            _kontor_table_row_unbind       (KontorTableRow    *row);
void            _kontor_table_row_add_cell     (KontorTableRow    *row,
                                                KontorTableColumn *column);
void            _kontor_table_row_update_cells (KontorTableRow    *row);
void            _kontor_table_row_set_selected (KontorTableRow    *row,
                                                gboolean           selected);
void            _kontor_table_row_show_check   (KontorTableRow    *row,
                                                gboolean           show);
void            _kontor_table_row_set_checked  (KontorTableRow    *row,
                                                gboolean           checked,
                                                gboolean           inconsistent);

/* kontor-table-header.c */
GtkWidget      *_kontor_table_header_button_new (KontorTable      *table,
                                                 KontorTableColumn *column);
void            _kontor_table_header_update     (KontorTable      *table);
void            _kontor_table_header_init       (KontorTable      *table);
void            _kontor_table_header_dispose    (KontorTable      *table);
gboolean        _kontor_table_header_has_focus  (KontorTable      *table);
void            _kontor_table_header_add_column (KontorTable      *table,
                                                 KontorTableColumn *column);

/* kontor-table.c */
guint           _kontor_table_get_n_items       (KontorTable      *table);
gboolean        _kontor_table_focus_cursor      (KontorTable      *table);
void            _kontor_table_emit_activate     (KontorTable      *table,
                                                 guint             position);
void            _kontor_table_emit_columns_changed (KontorTable   *table);
void            _kontor_table_sort_changed      (KontorTable      *table,
                                                 gboolean          column_changed,
                                                 gboolean          order_changed);
void            _kontor_table_toggle            (KontorTable      *table,
                                                 guint             position);
void            _kontor_table_select_from_anchor (KontorTable     *table,
                                                 guint             position,
                                                 gboolean          extend);
void            _kontor_table_toggle_all        (KontorTable      *table);
gboolean        _kontor_table_in_checks         (KontorTable      *table,
                                                 double            x);

/* kontor-table-input.c */
void            _kontor_table_input_class_init  (GtkWidgetClass   *widget_class);
void            _kontor_table_input_init        (KontorTable      *table);

/* kontor-table-columns.c */
void            _kontor_table_layout_columns    (KontorTable      *table,
                                                 int               width);
void            _kontor_table_columns_changed   (KontorTable      *table,
                                                 gboolean          rebind);
KontorTableColumn *_kontor_table_column_at      (KontorTable      *table,
                                                 double            x,
                                                 gboolean         *at_right_edge);

G_END_DECLS
