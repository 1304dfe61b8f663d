/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-header-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-header-section.h"

/**
 * KontorHeaderSection:
 *
 * The top of a record's page: avatar, name and a line under it. For a
 * contact also its status as linked toggle buttons (the page's
 * `contact.status` action) and the note on restricted statuses with
 * "Make Active" (`contact.make-active`). The page sets the record being
 * edited after every change, so that the name follows what is typed. A
 * mark beside the name shows a person who objects to marketing (X11).
 */
struct _KontorHeaderSection
{
  GtkBox       parent_instance;

  AdwAvatar   *avatar;
  GtkLabel    *name_label;
  GtkWidget   *marketing_objection_icon;
  GtkLabel    *job_label;
  GtkWidget   *status_box;
  GtkRevealer *restricted_revealer;
  GtkLabel    *restricted_label;
};

static void kontor_header_section_iface_init (KontorEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorHeaderSection, kontor_header_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_EDITOR_SECTION,
                                                      kontor_header_section_iface_init))

/* "Head of Sales at Müller GmbH", one of them, or NULL */
static char *
dup_subtitle (KontorRecord *record)
{
  const char *job_title;
  const char *company;

  if (!KONTOR_IS_CONTACT (record))
    return NULL;

  job_title = kontor_contact_get_job_title (KONTOR_CONTACT (record));
  company = kontor_contact_get_company_name (KONTOR_CONTACT (record));
  if (job_title != NULL && company != NULL)
    /* Translators: a job title and a company: "Head of Sales at Müller GmbH" */
    return g_strdup_printf (_("%s at %s"), job_title, company);

  return g_strdup (job_title != NULL ? job_title : company);
}

static void
show_status (KontorHeaderSection *self,
             KontorRecord        *record)
{
  KontorContactStatus status;

  gtk_widget_set_visible (self->status_box, KONTOR_IS_CONTACT (record));
  if (!KONTOR_IS_CONTACT (record))
    {
      gtk_revealer_set_reveal_child (self->restricted_revealer, FALSE);
      return;
    }

  status = kontor_contact_get_status (KONTOR_CONTACT (record));
  if (status == KONTOR_CONTACT_STATUS_ARCHIVED)
    gtk_label_set_label (self->restricted_label,
                         _("Archived contacts are not on the pipeline board and get no new "
                           "activities. All their data is kept."));
  else if (status == KONTOR_CONTACT_STATUS_INBOX)
    gtk_label_set_label (self->restricted_label,
                         _("Contacts in the inbox were imported and are not checked yet. They "
                           "are not on the pipeline board and get no new activities until "
                           "they are made active."));
  gtk_revealer_set_reveal_child (self->restricted_revealer,
                                 kontor_contact_status_is_restricted (status));
}

static void
kontor_header_section_set_record (KontorEditorSection *section,
                                  KontorContext       *context,
                                  KontorRecord        *record)
{
  KontorHeaderSection *self = KONTOR_HEADER_SECTION (section);
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  if (record != NULL)
    {
      name = kontor_record_dup_display_name (record);
      subtitle = dup_subtitle (record);
    }

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->job_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->job_label), subtitle != NULL);

  /* initials of the person, not of "Dr." */
  if (KONTOR_IS_CONTACT (record) && kontor_contact_has_person_name (KONTOR_CONTACT (record)))
    {
      KontorContact *contact = KONTOR_CONTACT (record);
      g_autofree char *person = g_strjoin (" ",
                                           kontor_contact_get_first_name (contact) ?: "",
                                           kontor_contact_get_last_name (contact) ?: "",
                                           NULL);
      adw_avatar_set_text (self->avatar, g_strstrip (person));
    }
  else
    adw_avatar_set_text (self->avatar, name);

  show_status (self, record);
  gtk_widget_set_visible (self->marketing_objection_icon,
                          KONTOR_IS_CONTACT (record) &&
                          !kontor_contact_allows_marketing (KONTOR_CONTACT (record)));
}

static void
kontor_header_section_iface_init (KontorEditorSectionInterface *iface)
{
  /* shows what is typed elsewhere; nothing of its own to apply */
  iface->set_record = kontor_header_section_set_record;
}

static void
kontor_header_section_class_init (KontorHeaderSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-header-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorHeaderSection, avatar);
  gtk_widget_class_bind_template_child (widget_class, KontorHeaderSection, name_label);
  gtk_widget_class_bind_template_child (widget_class, KontorHeaderSection,
                                        marketing_objection_icon);
  gtk_widget_class_bind_template_child (widget_class, KontorHeaderSection, job_label);
  gtk_widget_class_bind_template_child (widget_class, KontorHeaderSection, status_box);
  gtk_widget_class_bind_template_child (widget_class, KontorHeaderSection, restricted_revealer);
  gtk_widget_class_bind_template_child (widget_class, KontorHeaderSection, restricted_label);
}

static void
kontor_header_section_init (KontorHeaderSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
