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
 *                                 first_name, KONTOR_CONTACT_FIELD_FIRST_NAME) */
#define KONTOR_RECORD_STRING_ACCESSORS(Type, prefix, name, INDEX)                               \
  const char *                                                                                  \
  prefix##_get_##name (Type *self)                                                              \
  {                                                                                             \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()), NULL);       \
    return kontor_record_get_string (KONTOR_RECORD (self), INDEX);                              \
  }                                                                                             \
                                                                                                \
  void                                                                                          \
  prefix##_set_##name (Type       *self,                                                        \
                       const char *value)                                                       \
  {                                                                                             \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()));                 \
    kontor_record_set_string (KONTOR_RECORD (self), INDEX, value);                              \
  }

#define KONTOR_RECORD_ENUM_ACCESSORS(Type, prefix, name, INDEX, EnumType)                       \
  EnumType                                                                                      \
  prefix##_get_##name (Type *self)                                                              \
  {                                                                                             \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()), 0);          \
    return kontor_record_get_enum (KONTOR_RECORD (self), INDEX);                                \
  }                                                                                             \
                                                                                                \
  void                                                                                          \
  prefix##_set_##name (Type     *self,                                                          \
                       EnumType  value)                                                         \
  {                                                                                             \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()));                 \
    kontor_record_set_enum (KONTOR_RECORD (self), INDEX, value);                                \
  }

#define KONTOR_RECORD_BOOLEAN_ACCESSORS(Type, prefix, name, INDEX)                              \
  gboolean                                                                                      \
  prefix##_get_##name (Type *self)                                                              \
  {                                                                                             \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()), FALSE);      \
    return kontor_record_get_boolean (KONTOR_RECORD (self), INDEX);                             \
  }                                                                                             \
                                                                                                \
  void                                                                                          \
  prefix##_set_##name (Type     *self,                                                          \
                       gboolean  value)                                                         \
  {                                                                                             \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()));                 \
    kontor_record_set_boolean (KONTOR_RECORD (self), INDEX, value);                             \
  }

#define KONTOR_RECORD_INT64_ACCESSORS(Type, prefix, name, INDEX)                                \
  gint64                                                                                        \
  prefix##_get_##name (Type *self)                                                              \
  {                                                                                             \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()), 0);          \
    return kontor_record_get_int64 (KONTOR_RECORD (self), INDEX);                               \
  }                                                                                             \
                                                                                                \
  void                                                                                          \
  prefix##_set_##name (Type   *self,                                                            \
                       gint64  value)                                                           \
  {                                                                                             \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()));                 \
    kontor_record_set_int64 (KONTOR_RECORD (self), INDEX, value);                               \
  }

#define KONTOR_RECORD_REFS_ACCESSORS(Type, prefix, name, INDEX)                                 \
  const char * const *                                                                          \
  prefix##_get_##name (Type *self)                                                              \
  {                                                                                             \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()), NULL);       \
    return kontor_record_get_refs (KONTOR_RECORD (self), INDEX);                                \
  }                                                                                             \
                                                                                                \
  void                                                                                          \
  prefix##_set_##name (Type               *self,                                                \
                       const char * const *value)                                               \
  {                                                                                             \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()));                 \
    kontor_record_set_refs (KONTOR_RECORD (self), INDEX, value);                                \
  }

#define KONTOR_RECORD_CHANNELS_ACCESSORS(Type, prefix, name, INDEX)                             \
  GPtrArray *                                                                                   \
  prefix##_get_##name (Type *self)                                                              \
  {                                                                                             \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()), NULL);       \
    return kontor_record_get_channels (KONTOR_RECORD (self), INDEX);                            \
  }                                                                                             \
                                                                                                \
  void                                                                                          \
  prefix##_set_##name (Type      *self,                                                         \
                       GPtrArray *value)                                                        \
  {                                                                                             \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, prefix##_get_type ()));                 \
    kontor_record_set_channels (KONTOR_RECORD (self), INDEX, value);                            \
  }

G_END_DECLS
