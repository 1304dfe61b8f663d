/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-accessible"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-table.h"

/* Names for the parts of GTK 4.8's own widgets that a screen reader
 * lands on but that have no name and no API to give one: the rows of
 * list, grid and column views (GTK 4.12 brings
 * gtk_list_item_set_accessible_label()), the button and the list of a
 * GtkDropDown, the arrows of a GtkCalendar, the header of a
 * GtkShortcutsWindow, the list of an AdwComboRow. Without a name, GTK's AT-SPI backend reads out
 * the type name ("GtkListItemWidget", "GtkToggleButton"). And the names
 * GTK 4.8 doubles: a button with a mnemonic ("_Save Save").
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
  return GTK_IS_LIST_VIEW (widget) || GTK_IS_GRID_VIEW (widget) || GTK_IS_COLUMN_VIEW (widget) ||
         KONTOR_IS_TABLE (widget);
}

/**
 * kontor_accessible_label_list_item:
 * @child: the child of a #GtkListItem, or a widget inside it
 * @role: the role of the item widget to name: %GTK_ACCESSIBLE_ROLE_ROW
 *   for a row of a #KontorTable, %GTK_ACCESSIBLE_ROLE_GRID_CELL for an
 *   item of a #GtkGridView, %GTK_ACCESSIBLE_ROLE_LIST_ITEM for one of a
 *   #GtkListView
 * @label: the name, what the row shows in a few words
 *
 * Names the widget the list view (or the table) made to hold @child,
 * which takes the focus when a person moves through the list. Call it from the
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

/* The items of a list of choices (a GtkDropDown's, an AdwComboRow's):
 * each named by its text, in the list with a check mark on the chosen
 * one. @owner is the drop-down or the combo row, which tells the chosen
 * item; it is the factory's data, with "kontor-check" set on a list's
 * factory. */
static void
update_choice_check (GObject     *owner,
                     GParamSpec  *pspec,
                     GtkListItem *list_item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (list_item));
  g_autoptr(GObject) chosen = NULL;

  g_object_get (owner, "selected-item", &chosen, NULL);
  gtk_widget_set_opacity (check, chosen != NULL &&
                                 gtk_list_item_get_item (list_item) == (gpointer) chosen
                                 ? 1.0 : 0.0);
}

static void
on_choice_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    GObject                  *owner)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  if (g_object_get_data (G_OBJECT (factory), "kontor-check") != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_list_item_set_child (list_item, box);
}

static void
on_choice_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GObject                  *owner)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  const char *text = GTK_IS_STRING_OBJECT (item)
                     ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "";

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  kontor_accessible_label_list_item (box, GTK_ACCESSIBLE_ROLE_LIST_ITEM, text);
  if (g_object_get_data (G_OBJECT (factory), "kontor-check") == NULL)
    return;
  g_signal_connect_object (owner, "notify::selected-item",
                           G_CALLBACK (update_choice_check), list_item, 0);
  update_choice_check (owner, NULL, list_item);
}

static void
on_choice_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     GObject                  *owner)
{
  g_signal_handlers_disconnect_by_func (owner, update_choice_check, list_item);
}

/* Returns: (transfer full): a factory of named items for @owner's
 * #GtkStringObject choices: for its list (@check) or for the chosen one
 * it shows */
static GtkListItemFactory *
choice_factory_new (GObject  *owner,
                    gboolean  check)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  if (check)
    g_object_set_data (G_OBJECT (factory), "kontor-check", GINT_TO_POINTER (TRUE));

  g_signal_connect_object (factory, "setup", G_CALLBACK (on_choice_setup_cb), owner, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_choice_bind_cb), owner, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_choice_unbind_cb), owner, 0);

  return factory;
}

/**
 * kontor_accessible_label_drop_down:
 * @drop_down: a drop-down of #GtkStringObject items with an accessible label
 *
 * The focus lands on the button inside @drop_down, not on @drop_down:
 * the button is labelled by @drop_down (so give @drop_down its name, in
 * the .ui file) and described by the chosen item. The items of its list
 * are named by their text (GTK 4.8's own list leaves them without a
 * name), with the same check mark on the chosen one.
 */
void
kontor_accessible_label_drop_down (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

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
      break;
    }

  factory = choice_factory_new (G_OBJECT (drop_down), TRUE);
  gtk_drop_down_set_list_factory (drop_down, factory);
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

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * kontor_accessible_label_search_entry:
 * @root: a widget holding a #GtkSearchEntry of GTK's or libadwaita's own
 * @label: the entry's name
 *
 * Names the first search entry inside @root, for the windows that bring
 * one of their own (#AdwPreferencesWindow, #GtkShortcutsWindow).
 */
void
kontor_accessible_label_search_entry (GtkWidget  *root,
                                      const char *label)
{
  GtkWidget *entry;

  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail (label != NULL);

  entry = find_descendant (root, GTK_TYPE_SEARCH_ENTRY);
  if (entry != NULL)
    set_label (entry, label);
}

static void
label_shortcuts_buttons (GtkWidget *widget)
{
  /* a menu button names the toggle inside it */
  if (GTK_IS_MENU_BUTTON (widget))
    {
      set_label (widget, _("Sections"));
      return;
    }
  if (GTK_IS_TOGGLE_BUTTON (widget))
    set_label (widget, _("Search Shortcuts"));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    label_shortcuts_buttons (child);
}

/**
 * kontor_accessible_label_shortcuts:
 * @window: the keyboard shortcuts window
 *
 * Names what GTK 4.8 puts in the header of @window: the search button,
 * the menu of sections and the search entry.
 */
void
kontor_accessible_label_shortcuts (GtkShortcutsWindow *window)
{
  g_return_if_fail (GTK_IS_SHORTCUTS_WINDOW (window));

  label_shortcuts_buttons (GTK_WIDGET (window));
  kontor_accessible_label_search_entry (GTK_WIDGET (window), _("Search Shortcuts"));
}

static void
name_mnemonic_buttons (GtkWidget *widget)
{
  /* GTK 4.8 names a button by its label, underscore and all, and then
   * adds the text of the label that points at it for the mnemonic:
   * "_Save Save". The second is the name. */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_mnemonic_buttons (child);
}

/* An AdwComboRow shows its chosen item and pops up its list in GTK 4.8's
 * list views, whose items have no name: named items instead, once per
 * row. Only rows of strings (all of Kontor's: a row without an
 * expression shows strings alone); another row keeps its factories. */
static void
name_combo_row_items (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  if (g_object_get_data (G_OBJECT (row), "kontor-named-items") != NULL ||
      adw_combo_row_get_expression (row) != NULL)
    return;

  factory = choice_factory_new (G_OBJECT (row), FALSE);
  list_factory = choice_factory_new (G_OBJECT (row), TRUE);
  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, list_factory);
  g_object_set_data (G_OBJECT (row), "kontor-named-items", GINT_TO_POINTER (TRUE));
}

static gboolean
on_widget_map_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  /* a window, with what it hides for now (pages, the other layout of a
   * message dialog); a stack's page made after its window was shown (the
   * contact page), with what it hides; a button shown later on its own */
  if (GTK_IS_WINDOW (widget) || GTK_IS_BUTTON (widget) ||
      GTK_IS_STACK (gtk_widget_get_parent (widget)))
    name_mnemonic_buttons (widget);
  if (ADW_IS_COMBO_ROW (widget))
    name_combo_row_items (ADW_COMBO_ROW (widget));

  return TRUE;
}

/**
 * kontor_accessible_name_on_map:
 *
 * From now on, every button with a mnemonic is named by its text alone
 * ("Save", not "_Save Save") when its window is shown or it is: the
 * buttons of message dialogs and GTK's own included; and the items of
 * every combo row's list by their text. Call it once, at startup.
 */
void
kontor_accessible_name_on_map (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* a signal is known once its class is */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  on_widget_map_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
