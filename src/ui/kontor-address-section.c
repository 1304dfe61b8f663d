/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-address-section"

#include "config.h"

#include "kontor-address-section.h"

/**
 * KontorAddressSection:
 *
 * Street, postal code, city and country of any record that has them
 * (contacts and companies), found by column name.
 */
struct _KontorAddressSection
{
  AdwPreferencesGroup  parent_instance;

  KontorRecord        *record;
  guint                loading;

  AdwEntryRow         *street_row;
  AdwEntryRow         *postal_code_row;
  AdwEntryRow         *city_row;
  AdwEntryRow         *country_row;
};

static void kontor_address_section_iface_init (KontorEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorAddressSection, kontor_address_section,
                               ADW_TYPE_PREFERENCES_GROUP,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_EDITOR_SECTION,
                                                      kontor_address_section_iface_init))

static const char * const columns[] = { "street", "postal_code", "city", "country" };

static void
get_rows (KontorAddressSection *self,
          AdwEntryRow          *rows[G_N_ELEMENTS (columns)])
{
  rows[0] = self->street_row;
  rows[1] = self->postal_code_row;
  rows[2] = self->city_row;
  rows[3] = self->country_row;
}

static void
on_field_changed_cb (KontorAddressSection *self)
{
  if (self->loading == 0)
    kontor_editor_section_emit_edited (KONTOR_EDITOR_SECTION (self));
}

static void
kontor_address_section_set_record (KontorEditorSection *section,
                                   KontorContext       *context,
                                   KontorRecord        *record)
{
  KontorAddressSection *self = KONTOR_ADDRESS_SECTION (section);
  gboolean editable = kontor_editor_section_can_edit (context, record);
  AdwEntryRow *rows[G_N_ELEMENTS (columns)];

  g_set_object (&self->record, record);
  get_rows (self, rows);

  self->loading++;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      kontor_editor_section_show_field (rows[i], record, columns[i]);
      gtk_editable_set_editable (GTK_EDITABLE (rows[i]), editable);
    }
  self->loading--;
}

static gboolean
kontor_address_section_changed (KontorEditorSection *section)
{
  KontorAddressSection *self = KONTOR_ADDRESS_SECTION (section);
  AdwEntryRow *rows[G_N_ELEMENTS (columns)];

  get_rows (self, rows);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (kontor_editor_section_field_changed (rows[i], self->record, columns[i]))
        return TRUE;
    }

  return FALSE;
}

static void
kontor_address_section_apply (KontorEditorSection *section,
                              KontorRecord        *record)
{
  KontorAddressSection *self = KONTOR_ADDRESS_SECTION (section);
  AdwEntryRow *rows[G_N_ELEMENTS (columns)];

  get_rows (self, rows);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    kontor_editor_section_apply_field (rows[i], record, columns[i]);
}

static void
kontor_address_section_iface_init (KontorEditorSectionInterface *iface)
{
  iface->set_record = kontor_address_section_set_record;
  iface->changed = kontor_address_section_changed;
  iface->apply = kontor_address_section_apply;
}

static void
kontor_address_section_dispose (GObject *object)
{
  KontorAddressSection *self = KONTOR_ADDRESS_SECTION (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (kontor_address_section_parent_class)->dispose (object);
}

static void
kontor_address_section_class_init (KontorAddressSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_address_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-address-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorAddressSection, street_row);
  gtk_widget_class_bind_template_child (widget_class, KontorAddressSection, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, KontorAddressSection, city_row);
  gtk_widget_class_bind_template_child (widget_class, KontorAddressSection, country_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
}

static void
kontor_address_section_init (KontorAddressSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
