/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contact-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-contact-search.h"

/* A contact found by typing part of a name (features A4, A6): the
 * activity dialog's participant row and the "Contact Taking Part" filter
 * of the list of all activities. What is typed is looked up with
 * kontor_store_find_participants(); the matches are rows of a list the
 * caller places under the entry. Keyboard first: Down goes from the entry
 * to the matches (Up from the first or Escape back), Enter in the entry
 * takes the first, Enter on a row that one; either emits ::picked and
 * empties the entry.
 *
 *   entry ──changed──▶ kontor_store_find_participants() ──▶ GtkListBox
 *   Enter / a row ──▶ ::picked (KontorContact) */

#define MAX_SUGGESTIONS 5

struct _KontorContactSearch
{
  GObject                       parent_instance;

  KontorStore                  *store;
  GtkWidget                    *entry;       /* GtkEditable */
  GtkListBox                   *list;
  char                         *icon_name;
  KontorContactSearchTitleFunc  title_func;
  KontorContactSearchSkipFunc   skip;
  gpointer                      skip_data;
  GPtrArray                    *suggested;   /* KontorContact, one per row */
};

G_DEFINE_FINAL_TYPE (KontorContactSearch, kontor_contact_search, G_TYPE_OBJECT)

enum {
  SIGNAL_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pick (KontorContactSearch *self,
      guint                index)
{
  g_autoptr(KontorContact) contact = NULL;

  if (index >= self->suggested->len)
    return;
  contact = g_object_ref (g_ptr_array_index (self->suggested, index));
  /* emptied first: the handler may hide the entry or move the focus */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_signal_emit (self, signals[SIGNAL_PICKED], 0, contact);
}

static void
on_row_activated_cb (KontorContactSearch *self,
                     GtkListBoxRow       *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0)
    pick (self, index);
}

static void
on_changed_cb (KontorContactSearch *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_autoptr(GPtrArray) found = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->suggested, 0);
  /* the ones skipped may take places: one more than shown, as before */
  if (*text != '\0' && self->store != NULL)
    found = kontor_store_find_participants (self->store, text, MAX_SUGGESTIONS + 1, NULL);

  for (guint i = 0; found != NULL && i < found->len && self->suggested->len < MAX_SUGGESTIONS; i++)
    {
      KontorRecord *contact = g_ptr_array_index (found, i);
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (self->skip != NULL && self->skip (contact, self->skip_data))
        continue;

      name = kontor_record_dup_display_name (contact);
      title = self->title_func != NULL ? self->title_func (name) : g_strdup (name);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (self->icon_name));
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->suggested, g_object_ref (contact));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->suggested->len > 0);
}

/* Down goes from what is typed to the matches under it */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   gpointer               user_data)
{
  KontorContactSearch *self = user_data;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || self->suggested->len == 0)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0)));

  return GDK_EVENT_STOP;
}

/* Up from the first match, or Escape, goes back to what is typed */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        gpointer               user_data)
{
  KontorContactSearch *self = user_data;
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->list));
  gboolean on_first = first != NULL && root != NULL &&
                      gtk_root_get_focus (root) == GTK_WIDGET (first);

  if (keyval != GDK_KEY_Escape &&
      !((keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) && on_first))
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (self->entry);
  if (keyval == GDK_KEY_Escape)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  return GDK_EVENT_STOP;
}

/* Enter takes the first match */
static void
on_activated_cb (KontorContactSearch *self)
{
  pick (self, 0);
}

static void
kontor_contact_search_finalize (GObject *object)
{
  KontorContactSearch *self = KONTOR_CONTACT_SEARCH (object);

  g_clear_pointer (&self->suggested, g_ptr_array_unref);
  g_clear_object (&self->list);
  g_clear_object (&self->entry);
  g_clear_object (&self->store);
  g_free (self->icon_name);

  G_OBJECT_CLASS (kontor_contact_search_parent_class)->finalize (object);
}

static void
kontor_contact_search_class_init (KontorContactSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_contact_search_finalize;

  /**
   * KontorContactSearch::picked:
   * @self: the search
   * @contact: the contact chosen
   *
   * A match was chosen, by Enter in the entry or on its row, or a click.
   */
  signals[SIGNAL_PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         KONTOR_TYPE_CONTACT);
}

static void
kontor_contact_search_init (KontorContactSearch *self)
{
  self->suggested = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kontor_contact_search_new:
 * @entry: a #GtkEditable: an #AdwEntryRow, a #GtkSearchEntry, a #GtkEntry
 * @icon_name: the icon of a match's row
 * @title_func: (nullable): a match row's title from the name, %NULL for
 *   the name itself
 *
 * Looks up the contacts whose names hold what is typed in @entry; the
 * caller places kontor_contact_search_get_list() under it and keeps the
 * search as long as @entry. It finds nothing until it has a store
 * (kontor_contact_search_set_store()): a form is built before it knows
 * its context.
 *
 * Returns: (transfer full): the search
 */
KontorContactSearch *
kontor_contact_search_new (GtkWidget                   *entry,
                           const char                  *icon_name,
                           KontorContactSearchTitleFunc title_func)
{
  KontorContactSearch *self;
  GtkEventController *keys;

  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);

  self = g_object_new (KONTOR_TYPE_CONTACT_SEARCH, NULL);
  self->entry = g_object_ref (entry);
  self->icon_name = g_strdup (icon_name);
  self->title_func = title_func;

  self->list = GTK_LIST_BOX (g_object_ref_sink (gtk_list_box_new ()));
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matching contacts"), -1);

  g_signal_connect_object (entry, "changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, ADW_IS_ENTRY_ROW (entry) ? "entry-activated" : "activate",
                           G_CALLBACK (on_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (entry, keys);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);

  return self;
}

/**
 * kontor_contact_search_set_store:
 * @self: a search
 * @store: the store to look the contacts up in
 */
void
kontor_contact_search_set_store (KontorContactSearch *self,
                                 KontorStore         *store)
{
  g_return_if_fail (KONTOR_IS_CONTACT_SEARCH (self));
  g_return_if_fail (KONTOR_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * kontor_contact_search_get_list:
 * @self: a search
 *
 * Returns: (transfer none): the list of matches, hidden while there are
 *   none, for the caller to place under the entry
 */
GtkListBox *
kontor_contact_search_get_list (KontorContactSearch *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_SEARCH (self), NULL);

  return self->list;
}

/**
 * kontor_contact_search_set_skip:
 * @self: a search
 * @skip: (nullable): whether a match is left out
 * @user_data: for @skip
 *
 * Leaves out matches, asked again at each change of what is typed.
 */
void
kontor_contact_search_set_skip (KontorContactSearch         *self,
                                KontorContactSearchSkipFunc  skip,
                                gpointer                     user_data)
{
  g_return_if_fail (KONTOR_IS_CONTACT_SEARCH (self));

  self->skip = skip;
  self->skip_data = user_data;
}
