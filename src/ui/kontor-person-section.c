/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-person-section"

#include "config.h"

#include "kontor-company-completion.h"
#include "kontor-date-button.h"
#include "kontor-person-section.h"

/**
 * KontorPersonSection:
 *
 * Who a contact is: salutation, title, names, job title, company (with
 * the company completion), correspondence language, birthday, whether
 * the contact is a lead and whether the person objects to marketing
 * ("Werbewiderspruch", feature X11). The company is special: a name typed that no
 * company has yet becomes a new company when the page saves
 * (kontor_person_section_resolve_company()).
 */
struct _KontorPersonSection
{
  AdwPreferencesGroup      parent_instance;

  KontorContact           *record;
  KontorCompanyCompletion *company_completion;
  guint                    loading;

  AdwComboRow             *salutation_row;
  AdwEntryRow             *title_row;
  AdwEntryRow             *first_name_row;
  AdwEntryRow             *last_name_row;
  AdwEntryRow             *job_title_row;
  AdwEntryRow             *company_row;
  AdwComboRow             *language_row;
  AdwActionRow            *birthday_row;
  KontorDateButton        *birthday_button;
  GtkSwitch               *lead_switch;
  GtkSwitch               *marketing_objection_switch;
};

static void kontor_person_section_iface_init (KontorEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorPersonSection, kontor_person_section,
                               ADW_TYPE_PREFERENCES_GROUP,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_EDITOR_SECTION,
                                                      kontor_person_section_iface_init))

#define N_ENTRIES 4
static const char * const columns[N_ENTRIES] = {
  "title", "first_name", "last_name", "job_title"
};

static void
get_entries (KontorPersonSection *self,
             AdwEntryRow         *rows[N_ENTRIES])
{
  rows[0] = self->title_row;
  rows[1] = self->first_name_row;
  rows[2] = self->last_name_row;
  rows[3] = self->job_title_row;
}

static void
on_field_changed_cb (KontorPersonSection *self)
{
  if (self->loading == 0)
    kontor_editor_section_emit_edited (KONTOR_EDITOR_SECTION (self));
}

/* What the company row shows differs from @company_id / @name */
static gboolean
company_differs (KontorPersonSection *self,
                 const char          *company_id,
                 const char          *name)
{
  g_autofree char *text = kontor_editor_section_dup_entry_text (self->company_row);
  const char *chosen_id = NULL;

  if (self->company_completion != NULL)
    chosen_id = kontor_company_completion_get_company_id (self->company_completion);

  if (g_strcmp0 (text, name) != 0)
    return TRUE;

  return chosen_id != NULL && g_strcmp0 (chosen_id, company_id) != 0;
}

/**
 * kontor_person_section_company_changed:
 * @self: a person section
 * @stored: the contact as stored
 *
 * Returns: whether the company row holds another company than @stored's
 */
gboolean
kontor_person_section_company_changed (KontorPersonSection *self,
                                       KontorContact       *stored)
{
  g_return_val_if_fail (KONTOR_IS_PERSON_SECTION (self), FALSE);
  g_return_val_if_fail (KONTOR_IS_CONTACT (stored), FALSE);

  return company_differs (self, kontor_contact_get_company_id (stored),
                          kontor_contact_get_company_name (stored));
}

/**
 * kontor_person_section_resolve_company:
 * @self: a person section
 * @company_id: (out): the company's id, %NULL for none
 * @new_company: (out): a company to store with the contact, or %NULL
 * @error: return location for a #GError
 *
 * See kontor_company_completion_resolve().
 *
 * Returns: %FALSE on error
 */
gboolean
kontor_person_section_resolve_company (KontorPersonSection  *self,
                                       char                **company_id,
                                       KontorCompany       **new_company,
                                       GError              **error)
{
  g_return_val_if_fail (KONTOR_IS_PERSON_SECTION (self), FALSE);
  g_return_val_if_fail (self->company_completion != NULL, FALSE);

  return kontor_company_completion_resolve (self->company_completion, company_id, new_company,
                                            error);
}

/* The birthday only where the team keeps birthdays (feature C8, src/README.md "Birthdays") */
static void
update_birthday_row (KontorPersonSection *self,
                     KontorStore         *store)
{
  gboolean keep = TRUE;

  kontor_store_get_keep_birthdays (store, &keep, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->birthday_row),
                          keep || kontor_date_button_get_date (self->birthday_button) != NULL);
}

static void
on_store_team_setting_changed_cb (KontorPersonSection *self,
                                  const char          *entity,
                                  GArray              *rowids,
                                  KontorStore         *store)
{
  update_birthday_row (self, store);
}

static void
kontor_person_section_set_record (KontorEditorSection *section,
                                  KontorContext       *context,
                                  KontorRecord        *record)
{
  KontorPersonSection *self = KONTOR_PERSON_SECTION (section);
  KontorContact *view = KONTOR_IS_CONTACT (record) ? KONTOR_CONTACT (record) : NULL;
  gboolean editable = kontor_editor_section_can_edit (context, record);
  AdwEntryRow *rows[N_ENTRIES];
  GtkWidget *controls[] = {
    GTK_WIDGET (self->salutation_row), GTK_WIDGET (self->language_row),
    GTK_WIDGET (self->lead_switch), GTK_WIDGET (self->birthday_button),
    GTK_WIDGET (self->marketing_objection_switch),
  };
  const char *company_id = view != NULL ? kontor_contact_get_company_id (view) : NULL;
  const char *company = view != NULL ? kontor_contact_get_company_name (view) : NULL;

  if (self->company_completion == NULL)
    {
      self->company_completion =
        kontor_company_completion_new (kontor_context_get_store (context),
                                       GTK_WIDGET (self->company_row));
      g_signal_connect_object (kontor_context_get_store (context), "changed::team_setting",
                               G_CALLBACK (on_store_team_setting_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  get_entries (self, rows);

  self->loading++;
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      kontor_editor_section_show_field (rows[i], record, columns[i]);
      gtk_editable_set_editable (GTK_EDITABLE (rows[i]), editable);
    }
  /* a company being typed or chosen stays while the record is the same */
  if (company_differs (self, company_id, company))
    kontor_company_completion_set_company (self->company_completion, company_id, company);
  gtk_editable_set_editable (GTK_EDITABLE (self->company_row), editable);

  adw_combo_row_set_selected (self->salutation_row,
                              view != NULL ? kontor_contact_get_salutation (view) : 0);
  adw_combo_row_set_selected (self->language_row,
                              view != NULL ? kontor_contact_get_language (view) : 0);
  gtk_switch_set_active (self->lead_switch, view != NULL && kontor_contact_get_is_lead (view));
  gtk_switch_set_active (self->marketing_objection_switch,
                         view != NULL && kontor_contact_get_marketing_objection (view));
  kontor_date_button_set_date (self->birthday_button,
                               view != NULL ? kontor_contact_get_birthday (view) : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_sensitive (controls[i], editable);
  update_birthday_row (self, kontor_context_get_store (context));
  self->loading--;

  g_set_object (&self->record, view);
}

static void
kontor_person_section_apply (KontorEditorSection *section,
                             KontorRecord        *record)
{
  KontorPersonSection *self = KONTOR_PERSON_SECTION (section);
  KontorContact *edited = KONTOR_CONTACT (record);
  AdwEntryRow *rows[N_ENTRIES];

  g_return_if_fail (KONTOR_IS_CONTACT (record));

  get_entries (self, rows);
  for (guint i = 0; i < N_ENTRIES; i++)
    kontor_editor_section_apply_field (rows[i], record, columns[i]);

  kontor_contact_set_salutation (edited, adw_combo_row_get_selected (self->salutation_row));
  kontor_contact_set_language (edited, adw_combo_row_get_selected (self->language_row));
  kontor_contact_set_birthday (edited, kontor_date_button_get_date (self->birthday_button));
  kontor_contact_set_is_lead (edited, gtk_switch_get_active (self->lead_switch));
  kontor_contact_set_marketing_objection (edited,
                                          gtk_switch_get_active (self->marketing_objection_switch));

  /* the company as typed; the page resolves a new name when saving */
  if (self->company_completion != NULL &&
      kontor_person_section_company_changed (self, edited))
    {
      KontorCompanyCompletion *completion = self->company_completion;
      g_autofree char *company = kontor_editor_section_dup_entry_text (self->company_row);

      kontor_contact_set_company_id (edited, kontor_company_completion_get_company_id (completion));
      kontor_contact_set_company_name (edited, company);
    }
}

static gboolean
kontor_person_section_changed (KontorEditorSection *section)
{
  KontorPersonSection *self = KONTOR_PERSON_SECTION (section);

  if (self->record == NULL)
    return FALSE;

  return kontor_editor_section_diff_shown (section, KONTOR_RECORD (self->record)) ||
         kontor_person_section_company_changed (self, self->record);
}

static void
kontor_person_section_iface_init (KontorEditorSectionInterface *iface)
{
  iface->set_record = kontor_person_section_set_record;
  iface->changed = kontor_person_section_changed;
  iface->apply = kontor_person_section_apply;
}

static void
kontor_person_section_dispose (GObject *object)
{
  KontorPersonSection *self = KONTOR_PERSON_SECTION (object);

  /* The completion's popover hangs on the company row: first. */
  if (self->company_completion != NULL)
    kontor_company_completion_detach (self->company_completion);
  g_clear_object (&self->company_completion);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (kontor_person_section_parent_class)->dispose (object);
}

static void
kontor_person_section_class_init (KontorPersonSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_person_section_dispose;

  g_type_ensure (KONTOR_TYPE_DATE_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-person-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, title_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, job_title_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, company_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, language_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, birthday_button);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection, lead_switch);
  gtk_widget_class_bind_template_child (widget_class, KontorPersonSection,
                                        marketing_objection_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
}

static void
kontor_person_section_init (KontorPersonSection *self)
{
  g_autoptr(GtkStringList) salutations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Same order as the enums: the index is the value. */
  for (KontorSalutation s = KONTOR_SALUTATION_NONE; s <= KONTOR_SALUTATION_MX; s++)
    gtk_string_list_append (salutations, kontor_salutation_to_string (s));
  for (KontorLanguage l = KONTOR_LANGUAGE_DE; l <= KONTOR_LANGUAGE_IT; l++)
    gtk_string_list_append (languages, kontor_language_to_string (l));

  self->loading++;
  adw_combo_row_set_model (self->salutation_row, G_LIST_MODEL (salutations));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  self->loading--;
}
