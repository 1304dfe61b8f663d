/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KONTOR_TYPE_TABLE_COLUMN (kontor_table_column_get_type ())

G_DECLARE_FINAL_TYPE (KontorTableColumn, kontor_table_column, KONTOR, TABLE_COLUMN, GObject)

/**
 * KontorTableCellSetup:
 * @column: the column
 * @user_data: the column's data
 *
 * Makes the widget of one cell of @column, once per row widget.
 *
 * Returns: (transfer floating): the cell
 */
typedef GtkWidget *(*KontorTableCellSetup) (KontorTableColumn *column,
                                            gpointer           user_data);

/**
 * KontorTableCellBind:
 * @column: the column
 * @cell: a cell made by the column's #KontorTableCellSetup
 * @item: the item of the row
 * @user_data: the column's data
 *
 * Shows @item in @cell (bind), or lets go of it (unbind).
 */
typedef void (*KontorTableCellBind) (KontorTableColumn *column,
                                     GtkWidget         *cell,
                                     gpointer           item,
                                     gpointer           user_data);

KontorTableColumn *kontor_table_column_new             (const char           *id,
                                                        const char           *title,
                                                        KontorTableCellSetup  setup,
                                                        KontorTableCellBind   bind,
                                                        KontorTableCellBind   unbind,
                                                        gpointer              user_data,
                                                        GDestroyNotify        destroy);
const char        *kontor_table_column_get_id          (KontorTableColumn    *self);
const char        *kontor_table_column_get_title       (KontorTableColumn    *self);
gboolean           kontor_table_column_get_expand      (KontorTableColumn    *self);
void               kontor_table_column_set_expand      (KontorTableColumn    *self,
                                                        gboolean              expand);
guint              kontor_table_column_get_nat_chars   (KontorTableColumn    *self);
void               kontor_table_column_set_nat_chars   (KontorTableColumn    *self,
                                                        guint                 nat_chars);
int                kontor_table_column_get_fixed_width (KontorTableColumn    *self);
void               kontor_table_column_set_fixed_width (KontorTableColumn    *self,
                                                        int                   fixed_width);
gboolean           kontor_table_column_get_resizable   (KontorTableColumn    *self);
void               kontor_table_column_set_resizable   (KontorTableColumn    *self,
                                                        gboolean              resizable);
gboolean           kontor_table_column_get_visible     (KontorTableColumn    *self);
void               kontor_table_column_set_visible     (KontorTableColumn    *self,
                                                        gboolean              visible);
gboolean           kontor_table_column_get_hideable    (KontorTableColumn    *self);
void               kontor_table_column_set_hideable    (KontorTableColumn    *self,
                                                        gboolean              hideable);
gboolean           kontor_table_column_get_sortable    (KontorTableColumn    *self);
void               kontor_table_column_set_sortable    (KontorTableColumn    *self,
                                                        gboolean              sortable);

#define KONTOR_TYPE_TABLE (kontor_table_get_type ())

G_DECLARE_FINAL_TYPE (KontorTable, kontor_table, KONTOR, TABLE, GtkWidget)

GtkWidget         *kontor_table_new                   (void);
GtkSelectionModel *kontor_table_get_model             (KontorTable        *self);
void               kontor_table_set_model             (KontorTable        *self,
                                                       GtkSelectionModel  *model);
void               kontor_table_append_column         (KontorTable        *self,
                                                       KontorTableColumn  *column);
guint              kontor_table_get_n_columns         (KontorTable        *self);
KontorTableColumn *kontor_table_get_nth_column        (KontorTable        *self,
                                                       guint               position);
KontorTableColumn *kontor_table_get_column            (KontorTable        *self,
                                                       const char         *id);
void               kontor_table_move_column           (KontorTable        *self,
                                                       KontorTableColumn  *column,
                                                       guint               position);
void               kontor_table_set_sort              (KontorTable        *self,
                                                       const char         *column_id,
                                                       GtkSortType         order);
const char        *kontor_table_get_sort_column       (KontorTable        *self);
GtkSortType        kontor_table_get_sort_order        (KontorTable        *self);
guint              kontor_table_get_cursor            (KontorTable        *self);
gboolean           kontor_table_get_narrow            (KontorTable        *self);
void               kontor_table_set_cursor            (KontorTable        *self,
                                                       guint               position,
                                                       gboolean            select);
void               kontor_table_move_cursor           (KontorTable        *self,
                                                       GtkMovementStep     step,
                                                       int                 count);
void               kontor_table_scroll_to             (KontorTable        *self,
                                                       guint               position);
GtkWidget         *kontor_table_get_row_widget        (KontorTable        *self,
                                                       guint               position);
GtkWidget         *kontor_table_get_header_button     (KontorTable        *self,
                                                       KontorTableColumn  *column);
guint              kontor_table_count_row_widgets     (KontorTable        *self);
void               kontor_table_popup_column_menu     (KontorTable        *self,
                                                       KontorTableColumn  *column);
gboolean           kontor_table_get_show_checks       (KontorTable        *self);
void               kontor_table_set_show_checks       (KontorTable        *self,
                                                       gboolean            show_checks);
GtkWidget         *kontor_table_get_row_check         (KontorTable        *self,
                                                       guint               position);
GtkWidget         *kontor_table_get_select_all        (KontorTable        *self);
void               kontor_table_cell_set_row_name     (GtkWidget          *cell,
                                                       const char         *name);

G_END_DECLS
