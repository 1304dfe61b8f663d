/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-editor-section"

#include "config.h"

#include "kontor-editor-section.h"
#include "kontor-text.h"

/**
 * KontorEditorSection:
 *
 * The small interface between a record's page and the parts it is made
 * of, after gnome-calendar's GcalEventEditorSection: set a record, ask
 * whether anything changed, apply the widgets to a record. Sections that
 * work over more than one kind of record (#KontorContact, #KontorCompany)
 * find their fields by column name, so that they need no code per kind.
 */

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_INTERFACE (KontorEditorSection, kontor_editor_section, GTK_TYPE_WIDGET)

static void
kontor_editor_section_default_init (KontorEditorSectionInterface *iface)
{
  /**
   * KontorEditorSection::edited:
   *
   * The user changed one of the section's widgets; the page then reads
   * all sections again (dirty, valid).
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/**
 * kontor_editor_section_set_record:
 * @self: a section
 * @context: the context (store, current user's rights)
 * @record: (nullable): the record to show
 *
 * Shows @record. What the section shows afterwards is the base of
 * kontor_editor_section_changed().
 */
void
kontor_editor_section_set_record (KontorEditorSection *self,
                                  KontorContext       *context,
                                  KontorRecord        *record)
{
  g_return_if_fail (KONTOR_IS_EDITOR_SECTION (self));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));
  g_return_if_fail (record == NULL || KONTOR_IS_RECORD (record));

  KONTOR_EDITOR_SECTION_GET_IFACE (self)->set_record (self, context, record);
}

/**
 * kontor_editor_section_changed:
 * @self: a section
 *
 * Returns: %TRUE when the user changed something since the record was set
 */
gboolean
kontor_editor_section_changed (KontorEditorSection *self)
{
  KontorEditorSectionInterface *iface;

  g_return_val_if_fail (KONTOR_IS_EDITOR_SECTION (self), FALSE);

  iface = KONTOR_EDITOR_SECTION_GET_IFACE (self);

  return iface->changed != NULL && iface->changed (self);
}

/**
 * kontor_editor_section_apply:
 * @self: a section
 * @record: a record of the kind shown, usually a copy of it
 *
 * Writes the values of the section's widgets into @record.
 */
void
kontor_editor_section_apply (KontorEditorSection *self,
                             KontorRecord        *record)
{
  KontorEditorSectionInterface *iface;

  g_return_if_fail (KONTOR_IS_EDITOR_SECTION (self));
  g_return_if_fail (KONTOR_IS_RECORD (record));

  iface = KONTOR_EDITOR_SECTION_GET_IFACE (self);
  if (iface->apply != NULL)
    iface->apply (self, record);
}

/**
 * kontor_editor_section_emit_edited:
 * @self: a section
 *
 * For sections: tells the page that the user changed a widget.
 */
void
kontor_editor_section_emit_edited (KontorEditorSection *self)
{
  g_return_if_fail (KONTOR_IS_EDITOR_SECTION (self));

  g_signal_emit (self, signals[EDITED], 0);
}

/**
 * kontor_editor_section_diff_shown:
 * @self: a section
 * @shown: (nullable): the record the section was set to
 *
 * For sections: tells whether applying the section to a copy of @shown
 * changes any field, a way to implement the changed() method.
 *
 * Returns: %TRUE when the widgets differ from @shown
 */
gboolean
kontor_editor_section_diff_shown (KontorEditorSection *self,
                                  KontorRecord        *shown)
{
  g_autoptr(KontorRecord) edited = NULL;
  g_autoptr(GArray) changes = NULL;

  g_return_val_if_fail (KONTOR_IS_EDITOR_SECTION (self), FALSE);

  if (shown == NULL)
    return FALSE;

  edited = kontor_record_copy (shown);
  kontor_editor_section_apply (self, edited);
  changes = kontor_record_diff (shown, edited);

  return changes->len > 0;
}

/**
 * kontor_editor_section_can_edit:
 * @context: the context
 * @record: (nullable): the record shown
 *
 * Returns: whether the widgets of a section showing @record take input
 */
gboolean
kontor_editor_section_can_edit (KontorContext *context,
                                KontorRecord  *record)
{
  return record != NULL && context != NULL && kontor_context_can_edit (context);
}

/**
 * kontor_editor_section_find_field:
 * @record: a record
 * @column: a field's column name ("street")
 * @index: (out): the field's index
 *
 * Returns: whether records of that kind have the field
 */
gboolean
kontor_editor_section_find_field (KontorRecord *record,
                                  const char   *column,
                                  guint        *index)
{
  g_return_val_if_fail (KONTOR_IS_RECORD (record), FALSE);

  return kontor_record_class_find_field (KONTOR_RECORD_GET_CLASS (record), column, index) != NULL;
}

/**
 * kontor_editor_section_dup_entry_text:
 * @row: an entry row
 *
 * Returns: (transfer full) (nullable): the row's text without the blanks
 *   around it; %NULL when nothing is left
 */
char *
kontor_editor_section_dup_entry_text (AdwEntryRow *row)
{
  return kontor_text_strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

void
kontor_editor_section_set_entry_text (AdwEntryRow *row,
                                      const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static const char *
get_field_text (KontorRecord *record,
                const char   *column)
{
  guint index;

  if (record == NULL || !kontor_editor_section_find_field (record, column, &index))
    return NULL;

  return kontor_record_get_string (record, index);
}

/**
 * kontor_editor_section_show_field:
 * @row: an entry row
 * @record: (nullable): a record
 * @column: the column of a text field of @record
 *
 * Shows the field in @row; empty without a record.
 */
void
kontor_editor_section_show_field (AdwEntryRow  *row,
                                  KontorRecord *record,
                                  const char   *column)
{
  kontor_editor_section_set_entry_text (row, get_field_text (record, column));
}

/**
 * kontor_editor_section_field_changed:
 * @row: an entry row
 * @record: (nullable): a record
 * @column: the column of a text field of @record
 *
 * Returns: whether @row holds another text than the field
 */
gboolean
kontor_editor_section_field_changed (AdwEntryRow  *row,
                                     KontorRecord *record,
                                     const char   *column)
{
  g_autofree char *text = kontor_editor_section_dup_entry_text (row);

  return g_strcmp0 (text, get_field_text (record, column)) != 0;
}

/**
 * kontor_editor_section_apply_field:
 * @row: an entry row
 * @record: a record
 * @column: the column of a text field of @record
 *
 * Writes the text of @row, stripped, into the field.
 */
void
kontor_editor_section_apply_field (AdwEntryRow  *row,
                                   KontorRecord *record,
                                   const char   *column)
{
  g_autofree char *text = kontor_editor_section_dup_entry_text (row);
  guint index;

  if (kontor_editor_section_find_field (record, column, &index))
    kontor_record_set_string (record, index, text);
}
