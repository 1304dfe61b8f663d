/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-table-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-filter.h"
#include "kontor-table-settings.h"

/* The columns of a table as the settings remember them: which are shown
 * in which order, the widths dragged, the sort column and order
 * (src/README.md "The table"). Every table of the app (contacts,
 * companies) keeps its columns this way under keys of its own prefix. */

static char *
dup_key (const KontorTableColumns *self,
         const char               *suffix)
{
  return g_strconcat (self->prefix, "-", suffix, NULL);
}

/**
 * kontor_table_columns_get:
 * @self: a table's columns
 * @index: a position in @self's descriptions
 *
 * Returns: (transfer none): the column at @index
 */
const KontorColumnInfo *
kontor_table_columns_get (const KontorTableColumns *self,
                          guint                     index)
{
  g_return_val_if_fail (index < self->n_infos, NULL);

  return (const KontorColumnInfo *) ((const char *) self->infos + index * self->info_size);
}

/**
 * kontor_table_columns_find:
 * @self: a table's columns
 * @id: (nullable): a column's name
 *
 * Returns: (transfer none) (nullable): the column called @id
 */
const KontorColumnInfo *
kontor_table_columns_find (const KontorTableColumns *self,
                           const char               *id)
{
  for (guint i = 0; i < self->n_infos; i++)
    {
      const KontorColumnInfo *info = kontor_table_columns_get (self, i);

      if (g_strcmp0 (info->id, id) == 0)
        return info;
    }

  return NULL;
}

static KontorTableColumn *
create_column (const KontorTableColumns *self,
               const KontorColumnInfo   *info,
               GVariant                 *widths)
{
  KontorTableColumn *column = kontor_table_column_new (info->id, _(info->title), self->setup,
                                                       self->bind, self->unbind,
                                                       (gpointer) info, NULL);
  guint nat_chars = self->nat_chars != NULL ? self->nat_chars (info) : info->nat_chars;
  int width;

  kontor_table_column_set_nat_chars (column, nat_chars);
  kontor_table_column_set_expand (column, info->expand);
  kontor_table_column_set_sortable (column, info->sort >= 0);
  /* as wide as it was dragged */
  if (g_variant_lookup (widths, info->id, "i", &width) && width > 0)
    kontor_table_column_set_fixed_width (column, width);
  /* the first always stays */
  kontor_table_column_set_hideable (column, info != kontor_table_columns_get (self, 0));

  return column;
}

/**
 * kontor_table_columns_build:
 * @self: a table's columns
 * @table: a table without columns
 * @settings: the settings that remember them
 *
 * Gives @table its columns: the ones the settings show, in their order
 * (the first column first when the settings leave it out), then the
 * hidden ones; and sorts it as the settings say. The table's
 * "sort-changed" may come before this returns.
 */
void
kontor_table_columns_build (const KontorTableColumns *self,
                            KontorTable              *table,
                            GSettings                *settings)
{
  g_autofree char *columns_key = dup_key (self, "columns");
  g_autofree char *widths_key = dup_key (self, "column-widths");
  g_autofree char *sort_key = dup_key (self, "sort-column");
  g_autofree char *descending_key = dup_key (self, "sort-descending");
  g_auto(GStrv) visible = g_settings_get_strv (settings, columns_key);
  g_autofree char *sort_id = g_settings_get_string (settings, sort_key);
  g_autoptr(GVariant) widths = g_settings_get_value (settings, widths_key);
  g_autofree gboolean *added = g_new0 (gboolean, self->n_infos);
  const KontorColumnInfo *first = kontor_table_columns_get (self, 0);
  const KontorColumnInfo *sort;

  if (!g_strv_contains ((const char * const *) visible, first->id))
    {
      g_autoptr(KontorTableColumn) column = create_column (self, first, widths);

      kontor_table_append_column (table, column);
      added[0] = TRUE;
    }
  for (guint v = 0; visible[v] != NULL; v++)
    {
      const KontorColumnInfo *info = kontor_table_columns_find (self, visible[v]);
      g_autoptr(KontorTableColumn) column = NULL;
      guint index;

      if (info == NULL)
        continue;
      index = ((const char *) info - (const char *) self->infos) / self->info_size;
      if (added[index])
        continue;
      column = create_column (self, info, widths);
      kontor_table_append_column (table, column);
      added[index] = TRUE;
    }
  for (guint i = 0; i < self->n_infos; i++)
    {
      g_autoptr(KontorTableColumn) column = NULL;

      if (added[i])
        continue;
      column = create_column (self, kontor_table_columns_get (self, i), widths);
      kontor_table_column_set_visible (column, FALSE);
      kontor_table_append_column (table, column);
    }

  sort = kontor_table_columns_find (self, sort_id);
  if (sort == NULL || sort->sort < 0)
    sort = first;
  kontor_table_set_sort (table, sort->id,
                         g_settings_get_boolean (settings, descending_key)
                           ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/**
 * kontor_table_columns_save:
 * @self: a table's columns
 * @table: the table
 * @settings: the settings that remember them
 *
 * Remembers the columns @table shows, in their order, and the widths
 * dragged.
 */
void
kontor_table_columns_save (const KontorTableColumns *self,
                           KontorTable              *table,
                           GSettings                *settings)
{
  g_autofree char *columns_key = dup_key (self, "columns");
  g_autofree char *widths_key = dup_key (self, "column-widths");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GVariantBuilder) widths = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{si}"));
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < kontor_table_get_n_columns (table); i++)
    {
      KontorTableColumn *column = kontor_table_get_nth_column (table, i);
      const char *id = kontor_table_column_get_id (column);

      if (kontor_table_column_get_visible (column))
        g_strv_builder_add (builder, id);
      if (kontor_table_column_get_fixed_width (column) > 0)
        g_variant_builder_add (&widths, "{si}", id, kontor_table_column_get_fixed_width (column));
    }

  ids = g_strv_builder_end (builder);
  g_settings_set_strv (settings, columns_key, (const char * const *) ids);
  g_settings_set_value (settings, widths_key, g_variant_builder_end (&widths));
}

/**
 * kontor_table_columns_sort_changed:
 * @self: a table's columns
 * @table: the table, just sorted by a click on a title
 * @settings: (nullable): the settings to remember the sort in, or %NULL
 *   while the table is being built
 * @descending: (out): whether the order is descending
 *
 * Returns: (transfer none): the column @table is sorted by now (the
 *   first, when it is none of @self's)
 */
const KontorColumnInfo *
kontor_table_columns_sort_changed (const KontorTableColumns *self,
                                   KontorTable              *table,
                                   GSettings                *settings,
                                   gboolean                 *descending)
{
  const KontorColumnInfo *info = kontor_table_columns_find (self,
                                                            kontor_table_get_sort_column (table));

  if (info == NULL || info->sort < 0)
    info = kontor_table_columns_get (self, 0);
  *descending = kontor_table_get_sort_order (table) == GTK_SORT_DESCENDING;

  if (settings != NULL)
    {
      g_autofree char *sort_key = dup_key (self, "sort-column");
      g_autofree char *descending_key = dup_key (self, "sort-descending");

      g_settings_set_string (settings, sort_key, info->id);
      g_settings_set_boolean (settings, descending_key, *descending);
    }

  return info;
}

/**
 * kontor_table_columns_sort_filter:
 * @self: a table's columns
 * @table: the table, just sorted by a click on a title (or built)
 * @settings: (nullable): the settings to remember the sort in, or %NULL
 *   while the table is being built
 * @filter: the filter of the table's list
 *
 * The table sorts nothing itself: the click becomes the filter's sort
 * column and order, and SQLite's ORDER BY does it (src/README.md "The table").
 */
void
kontor_table_columns_sort_filter (const KontorTableColumns *self,
                                  KontorTable              *table,
                                  GSettings                *settings,
                                  KontorFilter             *filter)
{
  gboolean descending;
  const KontorColumnInfo *info = kontor_table_columns_sort_changed (self, table, settings,
                                                                    &descending);

  g_object_freeze_notify (G_OBJECT (filter));
  kontor_filter_set_sort_column (filter, info->sort);
  kontor_filter_set_sort_descending (filter, descending);
  g_object_thaw_notify (G_OBJECT (filter));
}

/**
 * kontor_table_new_selection:
 * @list: (transfer none): a table's list
 *
 * Returns: (transfer full): a single selection over @list with nothing
 *   selected until a person selects: a search with nothing selected costs
 *   #GtkSingleSelection no look for the selected item
 */
GtkSingleSelection *
kontor_table_new_selection (GListModel *list)
{
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (list));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  /* made with the first item selected (autoselect was on) */
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);

  return selection;
}
