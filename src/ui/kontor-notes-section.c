/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-notes-section"

#include "config.h"

#include "kontor-notes-section.h"

/**
 * KontorNotesSection:
 *
 * The free text notes of any record with a "notes" field.
 */
struct _KontorNotesSection
{
  AdwPreferencesGroup  parent_instance;

  KontorRecord        *record;
  guint                loading;

  GtkTextView         *notes_view;
};

static void kontor_notes_section_iface_init (KontorEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorNotesSection, kontor_notes_section,
                               ADW_TYPE_PREFERENCES_GROUP,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_EDITOR_SECTION,
                                                      kontor_notes_section_iface_init))

static const char *
get_notes (KontorRecord *record)
{
  guint index;

  if (record == NULL || !kontor_editor_section_find_field (record, "notes", &index))
    return "";

  return kontor_record_get_string (record, index) ?: "";
}

static char *
dup_text (KontorNotesSection *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_buffer_changed_cb (KontorNotesSection *self)
{
  if (self->loading == 0)
    kontor_editor_section_emit_edited (KONTOR_EDITOR_SECTION (self));
}

static void
kontor_notes_section_set_record (KontorEditorSection *section,
                                 KontorContext       *context,
                                 KontorRecord        *record)
{
  KontorNotesSection *self = KONTOR_NOTES_SECTION (section);
  gboolean editable = kontor_editor_section_can_edit (context, record);
  g_autofree char *shown = dup_text (self);
  const char *notes = get_notes (record);

  g_set_object (&self->record, record);

  /* set only when different: the cursor stays where it is */
  self->loading++;
  if (g_strcmp0 (shown, notes) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);
  self->loading--;

  gtk_text_view_set_editable (self->notes_view, editable);
  gtk_text_view_set_cursor_visible (self->notes_view, editable);
}

static gboolean
kontor_notes_section_changed (KontorEditorSection *section)
{
  KontorNotesSection *self = KONTOR_NOTES_SECTION (section);
  g_autofree char *text = dup_text (self);

  return g_strcmp0 (text, get_notes (self->record)) != 0;
}

static void
kontor_notes_section_apply (KontorEditorSection *section,
                            KontorRecord        *record)
{
  KontorNotesSection *self = KONTOR_NOTES_SECTION (section);
  g_autofree char *text = dup_text (self);
  guint index;

  if (kontor_editor_section_find_field (record, "notes", &index))
    kontor_record_set_string (record, index, text);
}

static void
kontor_notes_section_iface_init (KontorEditorSectionInterface *iface)
{
  iface->set_record = kontor_notes_section_set_record;
  iface->changed = kontor_notes_section_changed;
  iface->apply = kontor_notes_section_apply;
}

static void
kontor_notes_section_dispose (GObject *object)
{
  KontorNotesSection *self = KONTOR_NOTES_SECTION (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (kontor_notes_section_parent_class)->dispose (object);
}

static void
kontor_notes_section_class_init (KontorNotesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_notes_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-notes-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorNotesSection, notes_view);
}

static void
kontor_notes_section_init (KontorNotesSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
}
