/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-company-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-company-section.h"
#include "kontor-user-chooser.h"

/**
 * KontorCompanySection:
 *
 * What a company is (feature C1, src/README.md "Workspace"): its name, customer number,
 * website and industry, and its sales reps (users with the sales role,
 * feature C6). Its address, phones, e-mails and notes are the shared
 * sections the contact page has too.
 */
struct _KontorCompanySection
{
  AdwPreferencesGroup  parent_instance;

  KontorCompany       *record;
  guint                loading;

  AdwEntryRow         *name_row;
  AdwEntryRow         *customer_number_row;
  AdwEntryRow         *website_row;
  AdwEntryRow         *industry_row;
  AdwActionRow        *sales_reps_row;
  GtkMenuButton       *sales_reps_button;
  KontorUserChooser   *sales_reps_chooser;
};

static void kontor_company_section_iface_init (KontorEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorCompanySection, kontor_company_section,
                               ADW_TYPE_PREFERENCES_GROUP,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_EDITOR_SECTION,
                                                      kontor_company_section_iface_init))

#define N_ENTRIES 4
static const char * const columns[N_ENTRIES] = {
  "name", "customer_number", "website", "industry"
};

static void
get_entries (KontorCompanySection *self,
             AdwEntryRow          *rows[N_ENTRIES])
{
  rows[0] = self->name_row;
  rows[1] = self->customer_number_row;
  rows[2] = self->website_row;
  rows[3] = self->industry_row;
}

static void
update_sales_reps_row (KontorCompanySection *self)
{
  g_autofree char *names = kontor_user_chooser_dup_names (self->sales_reps_chooser);

  adw_action_row_set_subtitle (self->sales_reps_row, names != NULL ? names : _("None"));
}

static void
on_field_changed_cb (KontorCompanySection *self)
{
  if (self->loading > 0)
    return;

  update_sales_reps_row (self);
  kontor_editor_section_emit_edited (KONTOR_EDITOR_SECTION (self));
}

static void
kontor_company_section_set_record (KontorEditorSection *section,
                                   KontorContext       *context,
                                   KontorRecord        *record)
{
  KontorCompanySection *self = KONTOR_COMPANY_SECTION (section);
  KontorCompany *view = KONTOR_IS_COMPANY (record) ? KONTOR_COMPANY (record) : NULL;
  gboolean editable = kontor_editor_section_can_edit (context, record);
  AdwEntryRow *rows[N_ENTRIES];

  get_entries (self, rows);

  self->loading++;
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      kontor_editor_section_show_field (rows[i], record, columns[i]);
      gtk_editable_set_editable (GTK_EDITABLE (rows[i]), editable);
    }
  kontor_user_chooser_set_context (self->sales_reps_chooser, context);
  kontor_user_chooser_set_selected (self->sales_reps_chooser,
                                    view != NULL ? kontor_company_get_sales_reps (view) : NULL);
  kontor_user_chooser_reload (self->sales_reps_chooser);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sales_reps_button), editable);
  self->loading--;

  update_sales_reps_row (self);
  g_set_object (&self->record, view);
}

static void
kontor_company_section_apply (KontorEditorSection *section,
                              KontorRecord        *record)
{
  KontorCompanySection *self = KONTOR_COMPANY_SECTION (section);
  AdwEntryRow *rows[N_ENTRIES];

  g_return_if_fail (KONTOR_IS_COMPANY (record));

  get_entries (self, rows);
  for (guint i = 0; i < N_ENTRIES; i++)
    kontor_editor_section_apply_field (rows[i], record, columns[i]);
  kontor_company_set_sales_reps (KONTOR_COMPANY (record),
                                 kontor_user_chooser_get_selected (self->sales_reps_chooser));
}

static gboolean
kontor_company_section_changed (KontorEditorSection *section)
{
  KontorCompanySection *self = KONTOR_COMPANY_SECTION (section);

  return kontor_editor_section_diff_shown (section, KONTOR_RECORD (self->record));
}

static void
kontor_company_section_iface_init (KontorEditorSectionInterface *iface)
{
  iface->set_record = kontor_company_section_set_record;
  iface->changed = kontor_company_section_changed;
  iface->apply = kontor_company_section_apply;
}

static void
kontor_company_section_dispose (GObject *object)
{
  KontorCompanySection *self = KONTOR_COMPANY_SECTION (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (kontor_company_section_parent_class)->dispose (object);
}

static void
kontor_company_section_class_init (KontorCompanySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_company_section_dispose;

  g_type_ensure (KONTOR_TYPE_USER_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-company-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorCompanySection, name_row);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanySection, customer_number_row);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanySection, website_row);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanySection, industry_row);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanySection, sales_reps_row);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanySection, sales_reps_button);
  gtk_widget_class_bind_template_child (widget_class, KontorCompanySection, sales_reps_chooser);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
}

static void
kontor_company_section_init (KontorCompanySection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* the button's name says it all (see KontorSalesSection) */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->sales_reps_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  kontor_user_chooser_set_filter (self->sales_reps_chooser, kontor_user_role_can_sell);
}
