/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

/* For subclasses: notify "display-name" when a field it is made of changed. */
void _kontor_record_notify_display_name (KontorRecord *self);

/* The get/set_property of field properties (ids 1..n_fields), for
 * subclasses that add properties of their own after the fields. */
void _kontor_record_get_field_property  (GObject      *object,
                                         guint         prop_id,
                                         GValue       *value,
                                         GParamSpec   *pspec);
void _kontor_record_set_field_property  (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec);

/* Typed accessors of record subclasses, one line per field in the .c:
 * KONTOR_RECORD_STRING_ACCESSORS (KontorContact, kontor_contact,
 *                                 first_name, KONTOR_CONTACT_FIELD_FIRST_NAME)
 * Each kind is KONTOR_RECORD_FIELD_ACCESSORS over the record's getter and
 * setter of that kind (kontor_record_get_string() …). */
#define KONTOR_RECORD_FIELD_ACCESSORS(Type, prefix, name, INDEX, ctype, kind)                  \
  ctype                                                                                        \
  prefix##_get_##name (Type *self)                                                             \
  {                                                                                            \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()), (ctype) 0); \
    return kontor_record_get_##kind (KONTOR_RECORD (self), INDEX);                             \
  }                                                                                            \
                                                                                               \
  void                                                                                         \
  prefix##_set_##name (Type  *self,                                                            \
                       ctype  value)                                                           \
  {                                                                                            \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()));                \
    kontor_record_set_##kind (KONTOR_RECORD (self), INDEX, value);                             \
  }

#define KONTOR_RECORD_STRING_ACCESSORS(Type, prefix, name, INDEX) \
  KONTOR_RECORD_FIELD_ACCESSORS (Type, prefix, name, INDEX, const char *, string)
#define KONTOR_RECORD_ENUM_ACCESSORS(Type, prefix, name, INDEX, EnumType) \
  KONTOR_RECORD_FIELD_ACCESSORS (Type, prefix, name, INDEX, EnumType, enum)
#define KONTOR_RECORD_BOOLEAN_ACCESSORS(Type, prefix, name, INDEX) \
  KONTOR_RECORD_FIELD_ACCESSORS (Type, prefix, name, INDEX, gboolean, boolean)
#define KONTOR_RECORD_INT64_ACCESSORS(Type, prefix, name, INDEX) \
  KONTOR_RECORD_FIELD_ACCESSORS (Type, prefix, name, INDEX, gint64, int64)
#define KONTOR_RECORD_REFS_ACCESSORS(Type, prefix, name, INDEX) \
  KONTOR_RECORD_FIELD_ACCESSORS (Type, prefix, name, INDEX, const char * const *, refs)
#define KONTOR_RECORD_CHANNELS_ACCESSORS(Type, prefix, name, INDEX) \
  KONTOR_RECORD_FIELD_ACCESSORS (Type, prefix, name, INDEX, GPtrArray *, channels)

G_END_DECLS
