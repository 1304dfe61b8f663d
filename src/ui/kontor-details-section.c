/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-details-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-details-section.h"
#include "kontor-format.h"

/**
 * KontorDetailsSection:
 *
 * When a record was created and last changed, and its last activity; shown
 * only, nothing to edit.
 */
struct _KontorDetailsSection
{
  AdwPreferencesGroup  parent_instance;

  GtkLabel            *created_label;
  GtkLabel            *updated_label;
  GtkLabel            *activity_label;
};

static void kontor_details_section_iface_init (KontorEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorDetailsSection, kontor_details_section,
                               ADW_TYPE_PREFERENCES_GROUP,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_EDITOR_SECTION,
                                                      kontor_details_section_iface_init))

static void
kontor_details_section_set_record (KontorEditorSection *section,
                                   KontorContext       *context,
                                   KontorRecord        *record)
{
  KontorDetailsSection *self = KONTOR_DETAILS_SECTION (section);
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *activity = NULL;
  guint index;

  if (record != NULL)
    {
      created = kontor_format_date (kontor_record_get_created_at (record));
      updated = kontor_format_date (kontor_record_get_updated_at (record));
      if (kontor_editor_section_find_field (record, "last_activity_at", &index))
        activity = kontor_format_date (kontor_record_get_int64 (record, index));
    }

  gtk_label_set_label (self->created_label, created != NULL ? created : "—");
  gtk_label_set_label (self->updated_label, updated != NULL ? updated : "—");
  gtk_label_set_label (self->activity_label, activity != NULL ? activity : _("None yet"));
}

static void
kontor_details_section_iface_init (KontorEditorSectionInterface *iface)
{
  /* nothing to change, nothing to apply */
  iface->set_record = kontor_details_section_set_record;
}

static void
kontor_details_section_class_init (KontorDetailsSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-details-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorDetailsSection, created_label);
  gtk_widget_class_bind_template_child (widget_class, KontorDetailsSection, updated_label);
  gtk_widget_class_bind_template_child (widget_class, KontorDetailsSection, activity_label);
}

static void
kontor_details_section_init (KontorDetailsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
