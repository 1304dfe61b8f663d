/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-table.h"
#include "kontor-types.h"

G_BEGIN_DECLS

/**
 * KontorColumnInfo:
 * @id: the column's name in the settings, and its sort column's
 * @title: its title, untranslated
 * @sort: the #KontorSortColumn it sorts by, or -1 when it does not sort
 * @nat_chars: its natural width in characters
 * @expand: whether it takes a share of extra width
 *
 * A column a table may show. A view's own description of a column (how
 * to show a record in it) starts with one.
 */
typedef struct
{
  const char *id;
  const char *title;
  int         sort;
  guint       nat_chars;
  gboolean    expand;
} KontorColumnInfo;

/**
 * KontorTableColumns:
 * @prefix: of the settings keys: "contacts" gives "contacts-columns",
 *   "contacts-column-widths", "contacts-sort-column" and
 *   "contacts-sort-descending"
 * @infos: the view's column descriptions, each starting with a
 *   #KontorColumnInfo; the first is the column that always stays
 * @info_size: the size of one of them
 * @n_infos: how many there are
 * @setup: makes a cell; its data is the column's description
 * @bind: shows a record in a cell
 * @unbind: lets go of it
 * @nat_chars: (nullable): the natural width of a column whose cells need
 *   more than its description says (a status pill in the language shown)
 *
 * The columns of one table and where they are remembered.
 */
typedef struct
{
  const char            *prefix;
  gconstpointer          infos;
  gsize                  info_size;
  guint                  n_infos;
  KontorTableCellSetup   setup;
  KontorTableCellBind    bind;
  KontorTableCellBind    unbind;
  guint                (*nat_chars) (const KontorColumnInfo *info);
} KontorTableColumns;

const KontorColumnInfo *kontor_table_columns_get         (const KontorTableColumns *self,
                                                          guint                     index);
const KontorColumnInfo *kontor_table_columns_find        (const KontorTableColumns *self,
                                                          const char               *id);
void                    kontor_table_columns_build       (const KontorTableColumns *self,
                                                          KontorTable              *table,
                                                          GSettings                *settings);
void                    kontor_table_columns_save        (const KontorTableColumns *self,
                                                          KontorTable              *table,
                                                          GSettings                *settings);
const KontorColumnInfo *kontor_table_columns_sort_changed (const KontorTableColumns *self,
                                                          KontorTable              *table,
                                                          GSettings                *settings,
                                                          gboolean                 *descending);

void                    kontor_table_columns_sort_filter (const KontorTableColumns *self,
                                                          KontorTable              *table,
                                                          GSettings                *settings,
                                                          KontorFilter             *filter);
GtkSingleSelection     *kontor_table_new_selection       (GListModel               *list);

G_END_DECLS
