/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

#include "kontor-types.h"

G_BEGIN_DECLS

/**
 * KontorFieldType:
 * @KONTOR_FIELD_TYPE_STRING: text; an empty string is stored as %NULL
 * @KONTOR_FIELD_TYPE_BOOLEAN: a flag
 * @KONTOR_FIELD_TYPE_INT64: a number, also times as Unix seconds (0 = unset)
 * @KONTOR_FIELD_TYPE_ENUM: a #GEnum, an integer in SQL and its nick in sync
 * @KONTOR_FIELD_TYPE_DATE: an ISO 8601 calendar date "YYYY-MM-DD", or %NULL
 * @KONTOR_FIELD_TYPE_REF: the id of another record, or %NULL
 * @KONTOR_FIELD_TYPE_CHANNELS: e-mail addresses or phone numbers, each a
 *   child row (#GPtrArray of #KontorChannel)
 * @KONTOR_FIELD_TYPE_REFS: ids of linked users, each a link row (#GStrv)
 */
typedef enum
{
  KONTOR_FIELD_TYPE_STRING,
  KONTOR_FIELD_TYPE_BOOLEAN,
  KONTOR_FIELD_TYPE_INT64,
  KONTOR_FIELD_TYPE_ENUM,
  KONTOR_FIELD_TYPE_DATE,
  KONTOR_FIELD_TYPE_REF,
  KONTOR_FIELD_TYPE_CHANNELS,
  KONTOR_FIELD_TYPE_REFS,
} KontorFieldType;

/**
 * KontorFieldFlags:
 * @KONTOR_FIELD_STORED: a column of the record's table (or its child rows);
 *   every change is a field-level outbox entry
 * @KONTOR_FIELD_SEARCH: part of the full-text search document
 * @KONTOR_FIELD_DERIVED: filled by the store for display (a join), never written
 * @KONTOR_FIELD_PERSONAL: personal data, wiped when the record is deleted
 * @KONTOR_FIELD_LOCAL: a column the store maintains itself (such as the date
 *   of the last activity, computed from activities); never in the outbox
 * @KONTOR_FIELD_YEARLESS: a %KONTOR_FIELD_TYPE_DATE that may also be
 *   "--MM-DD", a day without its year (a birthday, kontor_birthday_parse())
 */
typedef enum
{
  KONTOR_FIELD_NONE = 0,
  KONTOR_FIELD_STORED = 1 << 0,
  KONTOR_FIELD_SEARCH = 1 << 1,
  KONTOR_FIELD_DERIVED = 1 << 2,
  KONTOR_FIELD_PERSONAL = 1 << 3,
  KONTOR_FIELD_LOCAL = 1 << 4,
  KONTOR_FIELD_YEARLESS = 1 << 5,
} KontorFieldFlags;

/**
 * KontorField:
 * @name: property name ("first-name")
 * @column: SQL column and sync field name ("first_name"); for
 *   %KONTOR_FIELD_TYPE_CHANNELS and %KONTOR_FIELD_TYPE_REFS the name used in
 *   outbox entries of the child rows
 * @type: the value type
 * @flags: how the store treats it
 * @label: the label in English, marked for translation
 * @enum_type: for %KONTOR_FIELD_TYPE_ENUM, its get_type function
 * @kind: the #KontorChannelKind or #KontorLinkKind of child rows
 *
 * One row of a record class's field table (the idea of Evolution Data
 * Server's field tables): properties, SQL, outbox entries, search and
 * diffs are all derived from it, so a field is declared once.
 */
struct _KontorField
{
  const char       *name;
  const char       *column;
  KontorFieldType   type;
  KontorFieldFlags  flags;
  const char       *label;
  GType           (*enum_type) (void);
  int               kind;
};

GType    kontor_field_value_type  (const KontorField *field);
gboolean kontor_field_value_equal (const KontorField *field,
                                   const GValue      *a,
                                   const GValue      *b);
gboolean kontor_field_value_is_empty (const KontorField *field,
                                      const GValue      *value);

G_END_DECLS
