/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-company-completion"

#include "config.h"

#include "kontor-company-completion.h"
#include "kontor-text.h"
#include "kontor-uuid.h"

/* How many companies the popover offers at most. */
#define MAX_SUGGESTIONS 8

/**
 * KontorCompanyCompletion:
 *
 * Completes a company name in an entry (an #AdwEntryRow on the contact page
 * and in the "New Contact" dialog) from the companies the store has. GTK
 * 4.8's #GtkEntryCompletion only serves #GtkEntry, so this is a popover
 * under the entry that never takes the focus: typing goes on in the entry,
 * Up and Down move the selection, Enter takes it, Escape closes it.
 *
 * A name that no company has is a new company: resolving the entry then
 * gives a new #KontorCompany with its id already set, which the caller
 * stores in the same transaction as the contact that refers to it.
 */
struct _KontorCompanyCompletion
{
  GObject             parent_instance;

  KontorStore        *store;
  GtkWidget          *entry;             /* weak: the entry owns the popover */
  GtkWidget          *popover;
  GtkListBox         *list_box;
  GtkEventController *key_controller;    /* owned by the entry */
  GtkEventController *focus_controller;  /* owned by the entry */
  GPtrArray          *companies;         /* KontorCompany, one per list row */

  char               *chosen_id;         /* the company picked or loaded ... */
  char               *chosen_name;       /* ... as long as the entry shows this name */
  guint               blocked;
};

G_DEFINE_FINAL_TYPE (KontorCompanyCompletion, kontor_company_completion, G_TYPE_OBJECT)

static void
set_entry_text (KontorCompanyCompletion *self,
                const char              *text)
{
  self->blocked++;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->blocked--;
}

static void
popdown (KontorCompanyCompletion *self)
{
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
choose (KontorCompanyCompletion *self,
        guint                    index)
{
  KontorCompany *company = g_ptr_array_index (self->companies, index);

  g_free (self->chosen_id);
  g_free (self->chosen_name);
  self->chosen_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (company)));
  self->chosen_name = g_strdup (kontor_company_get_name (company));

  set_entry_text (self, self->chosen_name);
  popdown (self);
}

static void
fill_list (KontorCompanyCompletion *self,
           GPtrArray               *companies)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  g_ptr_array_set_size (self->companies, 0);
  for (guint i = 0; i < companies->len; i++)
    {
      KontorCompany *company = g_ptr_array_index (companies, i);
      GtkWidget *label = gtk_label_new (kontor_company_get_name (company));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      /* The entry keeps the focus; rows are chosen by pointer or keys */
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->companies, g_object_ref (company));
    }
}

static void
update_suggestions (KontorCompanyCompletion *self)
{
  GtkEventControllerFocus *focus = GTK_EVENT_CONTROLLER_FOCUS (self->focus_controller);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GError) error = NULL;
  int height;

  text = kontor_text_strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (text == NULL || !gtk_event_controller_focus_contains_focus (focus) ||
      (self->chosen_name != NULL && g_str_equal (text, self->chosen_name)))
    {
      popdown (self);
      return;
    }

  companies = kontor_store_find_companies (self->store, text, MAX_SUGGESTIONS, &error);
  if (companies == NULL)
    {
      /* Completion is a help, not a must: the name typed still works. */
      g_warning ("Could not look up companies: %s", error->message);
      popdown (self);
      return;
    }

  if (companies->len == 0 ||
      (companies->len == 1 &&
       g_utf8_collate (kontor_company_get_name (g_ptr_array_index (companies, 0)), text) == 0))
    {
      popdown (self);
      return;
    }

  fill_list (self, companies);
  height = gtk_widget_get_height (self->entry);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { 12, 0, 1, MAX (height, 1) });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_entry_changed_cb (KontorCompanyCompletion *self,
                     GtkEditable             *entry)
{
  g_autofree char *text = NULL;

  g_assert (KONTOR_IS_COMPANY_COMPLETION (self));

  if (self->blocked > 0)
    return;

  /* The company picked before is gone once its name was edited. */
  text = kontor_text_strip_dup (gtk_editable_get_text (entry));
  if (self->chosen_name != NULL && g_strcmp0 (text, self->chosen_name) != 0)
    {
      g_clear_pointer (&self->chosen_id, g_free);
      g_clear_pointer (&self->chosen_name, g_free);
    }

  update_suggestions (self);
}

static void
on_list_box_row_activated_cb (KontorCompanyCompletion *self,
                              GtkListBoxRow           *row,
                              GtkListBox              *list_box)
{
  g_assert (KONTOR_IS_COMPANY_COMPLETION (self));

  choose (self, gtk_list_box_row_get_index (row));
}

static void
move_selection (KontorCompanyCompletion *self,
                int                      delta)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list_box);
  int n = self->companies->len;
  int index;

  if (n == 0)
    return;

  if (selected == NULL)
    index = delta > 0 ? 0 : n - 1;
  else
    index = CLAMP (gtk_list_box_row_get_index (selected) + delta, 0, n - 1);

  gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, index));
}

static gboolean
on_key_pressed_cb (KontorCompanyCompletion *self,
                   guint                    keyval,
                   guint                    keycode,
                   GdkModifierType          state,
                   GtkEventControllerKey   *controller)
{
  GtkListBoxRow *selected;

  g_assert (KONTOR_IS_COMPANY_COMPLETION (self));

  if (!gtk_widget_get_visible (self->popover))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      selected = gtk_list_box_get_selected_row (self->list_box);
      if (selected == NULL)
        {
          popdown (self);
          return GDK_EVENT_PROPAGATE;
        }
      choose (self, gtk_list_box_row_get_index (selected));
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      popdown (self);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
on_focus_leave_cb (KontorCompanyCompletion  *self,
                   GtkEventControllerFocus  *controller)
{
  g_assert (KONTOR_IS_COMPANY_COMPLETION (self));

  popdown (self);
}

static void
kontor_company_completion_dispose (GObject *object)
{
  KontorCompanyCompletion *self = KONTOR_COMPANY_COMPLETION (object);

  kontor_company_completion_detach (self);

  G_OBJECT_CLASS (kontor_company_completion_parent_class)->dispose (object);
}

static void
kontor_company_completion_finalize (GObject *object)
{
  KontorCompanyCompletion *self = KONTOR_COMPANY_COMPLETION (object);

  g_clear_object (&self->store);
  g_ptr_array_unref (self->companies);
  g_free (self->chosen_id);
  g_free (self->chosen_name);

  G_OBJECT_CLASS (kontor_company_completion_parent_class)->finalize (object);
}

static void
kontor_company_completion_class_init (KontorCompanyCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_company_completion_dispose;
  object_class->finalize = kontor_company_completion_finalize;
}

static void
kontor_company_completion_init (KontorCompanyCompletion *self)
{
  self->companies = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kontor_company_completion_new:
 * @store: the store to look companies up in
 * @entry: a #GtkEditable widget, usually an #AdwEntryRow
 *
 * Attaches a completion popover to @entry. The owner of @entry must call
 * kontor_company_completion_detach() (or drop the completion) before
 * @entry is disposed.
 *
 * Returns: (transfer full): the completion
 */
KontorCompanyCompletion *
kontor_company_completion_new (KontorStore *store,
                               GtkWidget   *entry)
{
  KontorCompanyCompletion *self;
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);

  self = g_object_new (KONTOR_TYPE_COMPANY_COMPLETION, NULL);
  self->store = g_object_ref (store);
  self->entry = entry;

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list_box, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->list_box), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "company-completion");
  g_signal_connect_object (self->list_box, "row-activated",
                           G_CALLBACK (on_list_box_row_activated_cb), self, G_CONNECT_SWAPPED);

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_focusable (self->popover, FALSE);
  gtk_popover_set_child (GTK_POPOVER (self->popover), GTK_WIDGET (self->list_box));
  gtk_widget_set_parent (self->popover, entry);

  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->key_controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->key_controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->key_controller, "key-pressed", G_CALLBACK (on_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (entry, self->key_controller);

  self->focus_controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (self->focus_controller, "leave", G_CALLBACK (on_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (entry, self->focus_controller);

  return self;
}

/**
 * kontor_company_completion_set_company:
 * @self: a completion
 * @company_id: (nullable): the company shown
 * @name: (nullable): its name
 *
 * Shows a stored company in the entry without offering completions.
 */
void
kontor_company_completion_set_company (KontorCompanyCompletion *self,
                                       const char              *company_id,
                                       const char              *name)
{
  g_return_if_fail (KONTOR_IS_COMPANY_COMPLETION (self));

  g_free (self->chosen_id);
  g_free (self->chosen_name);
  self->chosen_id = g_strdup (company_id);
  self->chosen_name = company_id != NULL ? kontor_text_strip_dup (name) : NULL;

  if (self->entry != NULL)
    set_entry_text (self, name);
  popdown (self);
}

/**
 * kontor_company_completion_get_company_id:
 * @self: a completion
 *
 * Returns: (nullable): the id of the company picked from the list or
 *   loaded, while the entry still shows its name
 */
const char *
kontor_company_completion_get_company_id (KontorCompanyCompletion *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANY_COMPLETION (self), NULL);

  return self->chosen_id;
}

/**
 * kontor_company_completion_resolve:
 * @self: a completion
 * @company_id: (out) (transfer full) (nullable): the company the entry names,
 *   %NULL when the entry is empty
 * @new_company: (out) (transfer full) (nullable): a company to create first,
 *   when no company has the name typed (its id is @company_id)
 * @error: return location for a #GError
 *
 * Finds the company the entry names: the one picked from the list, else
 * the one with that name (case ignored), else a new one.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_company_completion_resolve (KontorCompanyCompletion  *self,
                                   char                    **company_id,
                                   KontorCompany           **new_company,
                                   GError                  **error)
{
  g_autofree char *text = NULL;
  g_autoptr(KontorCompany) company = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (KONTOR_IS_COMPANY_COMPLETION (self), FALSE);
  g_return_val_if_fail (company_id != NULL, FALSE);
  g_return_val_if_fail (new_company != NULL, FALSE);
  g_return_val_if_fail (self->entry != NULL, FALSE);

  *company_id = NULL;
  *new_company = NULL;

  text = kontor_text_strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (text == NULL)
    return TRUE;

  if (self->chosen_id != NULL && g_strcmp0 (text, self->chosen_name) == 0)
    {
      *company_id = g_strdup (self->chosen_id);
      return TRUE;
    }

  company = kontor_store_find_company_by_name (self->store, text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (company != NULL)
    {
      *company_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (company)));
      return TRUE;
    }

  company = kontor_company_new (text);
  id = kontor_uuid_v7_new ();
  kontor_record_set_id (KONTOR_RECORD (company), id);
  *company_id = g_steal_pointer (&id);
  *new_company = g_steal_pointer (&company);

  return TRUE;
}

/**
 * kontor_company_completion_detach:
 * @self: a completion
 *
 * Removes the popover from the entry; call it before the entry goes away.
 */
void
kontor_company_completion_detach (KontorCompanyCompletion *self)
{
  g_return_if_fail (KONTOR_IS_COMPANY_COMPLETION (self));

  if (self->popover != NULL)
    {
      gtk_widget_unparent (self->popover);
      self->popover = NULL;
      self->list_box = NULL;
    }
  if (self->entry != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->entry, self);
      gtk_widget_remove_controller (self->entry, self->key_controller);
      gtk_widget_remove_controller (self->entry, self->focus_controller);
      self->key_controller = NULL;
      self->focus_controller = NULL;
      self->entry = NULL;
    }
}
