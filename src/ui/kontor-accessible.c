/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-accessible"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"

/* Names for the parts of GTK 4.8's own widgets that a screen reader
 * lands on but that have no name and no API to give one: the rows of
 * list, grid and column views (GTK 4.12 brings
 * gtk_list_item_set_accessible_label()), the button inside a
 * GtkDropDown and the arrows of a GtkCalendar. Without a name, GTK's
 * AT-SPI backend reads out the type name ("GtkListItemWidget",
 * "GtkToggleButton").
 * tests/ui/test-accessible-names.py walks the app as a screen reader
 * does and fails on every such control. */

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static gboolean
is_accessible_role (GtkWidget         *widget,
                    GtkAccessibleRole  role)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == role;
}

static gboolean
is_list_widget (GtkWidget *widget)
{
  return GTK_IS_LIST_VIEW (widget) || GTK_IS_GRID_VIEW (widget) || GTK_IS_COLUMN_VIEW (widget);
}

/**
 * kontor_accessible_label_list_item:
 * @child: the child of a #GtkListItem, or a widget inside it
 * @role: the role of the item widget to name: %GTK_ACCESSIBLE_ROLE_ROW
 *   for a row of a #GtkColumnView, %GTK_ACCESSIBLE_ROLE_GRID_CELL for an
 *   item of a #GtkGridView, %GTK_ACCESSIBLE_ROLE_LIST_ITEM for one of a
 *   #GtkListView
 * @label: the name, what the row shows in a few words
 *
 * Names the widget the list view made to hold @child, which takes the
 * focus when a person moves through the list. Call it from the
 * factory's "bind" handler, and again when the name changes.
 */
void
kontor_accessible_label_list_item (GtkWidget         *child,
                                   GtkAccessibleRole  role,
                                   const char        *label)
{
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (label != NULL);

  for (GtkWidget *widget = gtk_widget_get_parent (child);
       widget != NULL && !is_list_widget (widget);
       widget = gtk_widget_get_parent (widget))
    {
      if (is_accessible_role (widget, role))
        {
          set_label (widget, label);
          return;
        }
    }
}

/**
 * kontor_accessible_label_list_header:
 * @column_view: a column view
 * @label: the name of its row of column titles
 *
 * Names the row of column titles, which takes the focus too.
 */
void
kontor_accessible_label_list_header (GtkColumnView *column_view,
                                     const char    *label)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));
  g_return_if_fail (label != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (is_accessible_role (child, GTK_ACCESSIBLE_ROLE_ROW))
        {
          set_label (child, label);
          return;
        }
    }
}

static void
update_drop_down_description (GtkDropDown *drop_down,
                              GParamSpec  *pspec,
                              GtkWidget   *button)
{
  gpointer item = gtk_drop_down_get_selected_item (drop_down);
  const char *text = GTK_IS_STRING_OBJECT (item)
                     ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                     : NULL;

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * kontor_accessible_label_drop_down:
 * @drop_down: a drop-down with an accessible label
 *
 * The focus lands on the button inside @drop_down, not on @drop_down:
 * the button is labelled by @drop_down (so give @drop_down its name, in
 * the .ui file) and described by the chosen item, when that is a
 * #GtkStringObject.
 */
void
kontor_accessible_label_drop_down (GtkDropDown *drop_down)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_TOGGLE_BUTTON (child))
        continue;

      gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, drop_down, NULL,
                                      -1);
      g_signal_connect_object (drop_down, "notify::selected-item",
                               G_CALLBACK (update_drop_down_description), child, 0);
      update_drop_down_description (drop_down, NULL, child);
      return;
    }
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget))
    {
      g_ptr_array_add (buttons, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/**
 * kontor_accessible_label_calendar:
 * @calendar: a calendar
 *
 * Names the four arrows of @calendar's header, which show only an icon
 * and are read out as "GtkImage".
 */
void
kontor_accessible_label_calendar (GtkCalendar *calendar)
{
  const char *labels[] = {
    _("Previous Month"), _("Next Month"), _("Previous Year"), _("Next Year"),
  };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_CALENDAR (calendar));

  /* GTK 4.8's header, in order: month back, month, month on, year back,
   * year, year on; anything else is left alone rather than misnamed */
  collect_buttons (GTK_WIDGET (calendar), buttons);
  if (buttons->len != G_N_ELEMENTS (labels))
    return;

  for (guint i = 0; i < buttons->len; i++)
    set_label (g_ptr_array_index (buttons, i), labels[i]);
}
