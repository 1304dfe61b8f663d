/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_EDITOR_SECTION (kontor_editor_section_get_type ())

G_DECLARE_INTERFACE (KontorEditorSection, kontor_editor_section, KONTOR, EDITOR_SECTION, GtkWidget)

/**
 * KontorEditorSectionInterface:
 * @set_record: shows a record; a section keeps it to tell what changed
 * @changed: whether the widgets differ from the record shown
 * @apply: writes what the widgets show into a record (a copy)
 *
 * One part of a record's page, such as the address or the notes. The page
 * (the shell) shows a record in all its sections, asks them whether
 * anything changed, and has them write their values into a copy that it
 * validates and saves. A section emits #KontorEditorSection::edited
 * whenever the user changes one of its widgets.
 */
struct _KontorEditorSectionInterface
{
  GTypeInterface parent;

  void     (*set_record) (KontorEditorSection *self,
                          KontorContext       *context,
                          KontorRecord        *record);
  gboolean (*changed)    (KontorEditorSection *self);
  void     (*apply)      (KontorEditorSection *self,
                          KontorRecord        *record);
};

void      kontor_editor_section_set_record     (KontorEditorSection *self,
                                                KontorContext       *context,
                                                KontorRecord        *record);
gboolean  kontor_editor_section_changed        (KontorEditorSection *self);
void      kontor_editor_section_apply          (KontorEditorSection *self,
                                                KontorRecord        *record);
void      kontor_editor_section_emit_edited    (KontorEditorSection *self);

gboolean  kontor_editor_section_diff_shown   (KontorEditorSection *self,
                                                KontorRecord        *shown);
gboolean  kontor_editor_section_can_edit       (KontorContext       *context,
                                                KontorRecord        *record);
gboolean  kontor_editor_section_find_field     (KontorRecord        *record,
                                                const char          *column,
                                                guint               *index);
char     *kontor_editor_section_dup_entry_text (AdwEntryRow         *row);
void      kontor_editor_section_set_entry_text (AdwEntryRow         *row,
                                                const char          *text);
void      kontor_editor_section_show_field     (AdwEntryRow         *row,
                                                KontorRecord        *record,
                                                const char          *column);
gboolean  kontor_editor_section_field_changed  (AdwEntryRow         *row,
                                                KontorRecord        *record,
                                                const char          *column);
void      kontor_editor_section_apply_field    (AdwEntryRow         *row,
                                                KontorRecord        *record,
                                                const char          *column);

G_END_DECLS
