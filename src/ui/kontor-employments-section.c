/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-employments-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-employments-section.h"
#include "kontor-format.h"

/**
 * KontorEmploymentsSection:
 *
 * The employer history (feature C3, src/README.md "Employer history"), read only: on a
 * contact's page its former employers ("Frühere Arbeitgeber"), on a
 * company's page its former employees ("Ehemalige Mitarbeiter"), the most
 * recent first, each with the job title then and from – to. A former
 * employee's row opens the contact (and Back comes back to the company).
 * Hidden while there is none; it follows the store.
 */
struct _KontorEmploymentsSection
{
  AdwPreferencesGroup  parent_instance;

  KontorContext       *context;
  KontorRecord        *owner;
  GtkListBox          *list;
  guint                n_rows;
};

G_DEFINE_FINAL_TYPE (KontorEmploymentsSection, kontor_employments_section,
                     ADW_TYPE_PREFERENCES_GROUP)

/* "Einkauf · 01.02.2020 – 06.12.2026"; an unknown start is left out */
static char *
dup_subtitle (KontorEmployment *employment)
{
  g_autofree char *from = kontor_format_iso_date (kontor_employment_get_started_on (employment));
  g_autofree char *to = kontor_format_iso_date (kontor_employment_get_ended_on (employment));
  g_autofree char *period = NULL;
  const char *job_title = kontor_employment_get_job_title (employment);

  if (from != NULL)
    /* Translators: a period of employment, from – to */
    period = g_strdup_printf (_("%s – %s"), from, to != NULL ? to : "");
  else
    /* Translators: the end of an employment whose start is not known */
    period = g_strdup_printf (_("until %s"), to != NULL ? to : "");

  if (job_title == NULL)
    return g_steal_pointer (&period);

  /* Translators: a job title and the period it was held */
  return g_strdup_printf (_("%s · %s"), job_title, period);
}

static void
on_row_activated_cb (KontorEmploymentsSection *self,
                     GtkListBoxRow            *row,
                     GtkListBox               *list)
{
  const char *contact_id = g_object_get_data (G_OBJECT (row), "kontor-contact-id");

  if (contact_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-company-contact", "s", contact_id);
}

static GtkWidget *
new_row (KontorEmploymentsSection *self,
         KontorEmployment         *employment)
{
  KontorStore *store = kontor_context_get_store (self->context);
  gboolean of_company = KONTOR_IS_COMPANY (self->owner);
  g_autoptr(KontorRecord) other = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = dup_subtitle (employment);
  GtkWidget *row = adw_action_row_new ();

  /* the company a contact worked at, or the contact who worked here */
  other = kontor_store_load (store, of_company ? KONTOR_TYPE_CONTACT : KONTOR_TYPE_COMPANY,
                             of_company ? kontor_employment_get_contact_id (employment)
                                        : kontor_employment_get_company_id (employment),
                             NULL);
  title = other != NULL ? kontor_record_dup_display_name (other) : g_strdup ("");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (of_company && other != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "kontor-contact-id",
                              g_strdup (kontor_record_get_id (other)), g_free);
    }

  return row;
}

static void
reload (KontorEmploymentsSection *self)
{
  g_autoptr(GPtrArray) employments = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;

  if (self->owner != NULL && kontor_record_get_id (self->owner) != NULL)
    {
      employments = kontor_store_list_employments (kontor_context_get_store (self->context),
                                                   self->owner, &error);
      if (employments == NULL)
        g_warning ("Could not list the employer history: %s", error->message);
    }

  for (guint i = 0; employments != NULL && i < employments->len; i++)
    {
      gtk_list_box_append (self->list, new_row (self, g_ptr_array_index (employments, i)));
      self->n_rows++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->n_rows > 0);
}

static void
on_store_changed_cb (KontorEmploymentsSection *self)
{
  reload (self);
}

static void
kontor_employments_section_dispose (GObject *object)
{
  KontorEmploymentsSection *self = KONTOR_EMPLOYMENTS_SECTION (object);

  g_clear_object (&self->owner);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_employments_section_parent_class)->dispose (object);
}

static void
kontor_employments_section_class_init (KontorEmploymentsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_employments_section_dispose;
}

static void
kontor_employments_section_init (KontorEmploymentsSection *self)
{
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * kontor_employments_section_set_owner:
 * @self: a section
 * @context: the context
 * @owner: (nullable): a stored contact or company
 *
 * Shows the employer history of @owner: a contact's former employers or a
 * company's former employees.
 */
void
kontor_employments_section_set_owner (KontorEmploymentsSection *self,
                                      KontorContext            *context,
                                      KontorRecord             *owner)
{
  gboolean same;

  g_return_if_fail (KONTOR_IS_EMPLOYMENTS_SECTION (self));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));

  if (self->context == NULL)
    {
      KontorStore *store = kontor_context_get_store (context);

      self->context = g_object_ref (context);
      /* a change, its undo, a renamed company, a deleted contact */
      g_signal_connect_object (store, "changed::employment", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::company", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::contact", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  /* the same record again (a page showing what it stored): the store's
   * signal has brought or will bring its changes */
  same = self->owner != NULL && owner != NULL &&
         g_strcmp0 (kontor_record_get_id (self->owner), kontor_record_get_id (owner)) == 0;
  g_set_object (&self->owner, owner);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   owner != NULL && KONTOR_IS_COMPANY (owner)
                                   ? _("Former Employees") : _("Former Employers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self)),
                                  -1);
  if (!same)
    reload (self);
}

/**
 * kontor_employments_section_get_n_rows:
 * @self: a section
 *
 * Returns: how many former employments it shows
 */
guint
kontor_employments_section_get_n_rows (KontorEmploymentsSection *self)
{
  g_return_val_if_fail (KONTOR_IS_EMPLOYMENTS_SECTION (self), 0);

  return self->n_rows;
}
