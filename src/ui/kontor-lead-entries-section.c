/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-entries-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-format.h"
#include "kontor-lead-entries-section.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-money.h"
#include "kontor-store-lead.h"

/**
 * KontorLeadEntriesSection:
 *
 * The lead projects a contact is in, on its page (src/README.md "Lead
 * projects"), read only: per entry the project, its status, its value
 * (kontor_money_format()) and, when the contact left the project's
 * group, since when. "Not in any lead project" when there is none. It
 * follows the store: a change of any entry, status or project reloads
 * it (one indexed query for the contact's entries).
 */
struct _KontorLeadEntriesSection
{
  AdwPreferencesGroup  parent_instance;

  KontorContext       *context;
  KontorRecord        *contact;
  GtkListBox          *list;
  GtkWidget           *empty;
  guint                n_rows;
};

G_DEFINE_FINAL_TYPE (KontorLeadEntriesSection, kontor_lead_entries_section,
                     ADW_TYPE_PREFERENCES_GROUP)

static char *
dup_name (KontorStore *store,
          GType        type,
          const char  *id)
{
  g_autoptr(KontorRecord) record = id != NULL ? kontor_store_load (store, type, id, NULL) : NULL;

  /* Translators: a lead project or status that is gone */
  return record != NULL ? kontor_record_dup_display_name (record) : g_strdup (_("(deleted)"));
}

static GtkWidget *
new_row (KontorLeadEntriesSection *self,
         KontorLeadEntry          *entry)
{
  KontorStore *store = kontor_context_get_store (self->context);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value_label;
  g_autofree char *project = dup_name (store, KONTOR_TYPE_LEAD_PROJECT,
                                       kontor_lead_entry_get_project_id (entry));
  g_autofree char *status = dup_name (store, KONTOR_TYPE_LEAD_STATUS,
                                      kontor_lead_entry_get_status_id (entry));
  g_autofree char *value = kontor_money_format (kontor_lead_entry_get_value_cents (entry),
                                                kontor_lead_entry_get_currency (entry));
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;

  if (kontor_lead_entry_get_left_at (entry) != 0)
    {
      g_autofree char *when = kontor_format_date (kontor_lead_entry_get_left_at (entry));

      /* Translators: a lead's status, and the date its contact left the
       * project's group */
      subtitle = g_strdup_printf (_("%s · left on %s"), status, when);
    }
  else
    subtitle = g_strdup (status);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), project);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  value_label = gtk_label_new (value);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_set_valign (value_label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label);

  /* Translators: how a screen reader reads a lead: project, status (and
   * when the contact left), value */
  description = g_strdup_printf (_("%s, %s, %s"), project, subtitle, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);

  return row;
}

static void
reload (KontorLeadEntriesSection *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;

  if (self->contact != NULL && kontor_record_get_id (self->contact) != NULL)
    {
      entries = kontor_store_list_contact_leads (kontor_context_get_store (self->context),
                                                 kontor_record_get_id (self->contact), &error);
      if (entries == NULL)
        g_warning ("Could not read the contact’s leads: %s", error->message);
    }

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      gtk_list_box_append (self->list, new_row (self, g_ptr_array_index (entries, i)));
      self->n_rows++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->n_rows > 0);
  gtk_widget_set_visible (self->empty, self->n_rows == 0);
}

/* an entry, a status's name or a project's name: any of them may change
 * what a row says, and a contact is in few projects */
static void
on_store_changed_cb (KontorLeadEntriesSection *self)
{
  if (self->contact != NULL)
    reload (self);
}

static void
kontor_lead_entries_section_dispose (GObject *object)
{
  KontorLeadEntriesSection *self = KONTOR_LEAD_ENTRIES_SECTION (object);

  g_clear_object (&self->contact);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_lead_entries_section_parent_class)->dispose (object);
}

static void
kontor_lead_entries_section_class_init (KontorLeadEntriesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_lead_entries_section_dispose;
}

static void
kontor_lead_entries_section_init (KontorLeadEntriesSection *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Lead Projects"));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lead Projects"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));

  self->empty = gtk_label_new (_("Not in any lead project"));
  gtk_label_set_xalign (GTK_LABEL (self->empty), 0);
  gtk_widget_add_css_class (self->empty, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty);

  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
}

/**
 * kontor_lead_entries_section_set_contact:
 * @self: a section
 * @context: the context
 * @contact: (nullable): a contact, stored or not
 *
 * Shows the lead projects @contact is in.
 */
void
kontor_lead_entries_section_set_contact (KontorLeadEntriesSection *self,
                                         KontorContext            *context,
                                         KontorRecord             *contact)
{
  gboolean same;

  g_return_if_fail (KONTOR_IS_LEAD_ENTRIES_SECTION (self));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));

  if (self->context == NULL)
    {
      KontorStore *store = kontor_context_get_store (context);

      self->context = g_object_ref (context);
      g_signal_connect_object (store, "changed::lead_entry",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::lead_status",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::lead_project",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* the same contact again (a page showing what it stored): the store's
   * signal has brought or will bring its changes */
  same = self->contact != NULL && contact != NULL &&
         g_strcmp0 (kontor_record_get_id (self->contact), kontor_record_get_id (contact)) == 0;
  g_set_object (&self->contact, contact);
  if (!same)
    reload (self);
}

/**
 * kontor_lead_entries_section_get_n_rows:
 * @self: a section
 *
 * Returns: how many leads it shows
 */
guint
kontor_lead_entries_section_get_n_rows (KontorLeadEntriesSection *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_ENTRIES_SECTION (self), 0);

  return self->n_rows;
}
