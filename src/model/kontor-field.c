/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-field"

#include "config.h"

#include "kontor-channel.h"
#include "kontor-field.h"

/**
 * kontor_field_value_type:
 * @field: a field
 *
 * Returns: the #GType of the values of @field
 */
GType
kontor_field_value_type (const KontorField *field)
{
  g_return_val_if_fail (field != NULL, G_TYPE_INVALID);

  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      return G_TYPE_STRING;
    case KONTOR_FIELD_TYPE_BOOLEAN:
      return G_TYPE_BOOLEAN;
    case KONTOR_FIELD_TYPE_INT64:
      return G_TYPE_INT64;
    case KONTOR_FIELD_TYPE_ENUM:
      return field->enum_type ();
    case KONTOR_FIELD_TYPE_CHANNELS:
      return G_TYPE_PTR_ARRAY;
    case KONTOR_FIELD_TYPE_REFS:
      return G_TYPE_STRV;
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  guint a_len = a != NULL ? g_strv_length ((char **) a) : 0;
  guint b_len = b != NULL ? g_strv_length ((char **) b) : 0;

  if (a_len != b_len)
    return FALSE;

  for (guint i = 0; i < a_len; i++)
    {
      if (g_strcmp0 (a[i], b[i]) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_field_value_equal:
 * @field: a field
 * @a: a value of @field's type
 * @b: a value of @field's type
 *
 * Compares two values the way the store does: %NULL and "" are the same
 * text, %NULL and an empty list are the same list.
 *
 * Returns: %TRUE when @a and @b are equal
 */
gboolean
kontor_field_value_equal (const KontorField *field,
                          const GValue      *a,
                          const GValue      *b)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      {
        const char *sa = g_value_get_string (a);
        const char *sb = g_value_get_string (b);

        return g_strcmp0 (sa != NULL ? sa : "", sb != NULL ? sb : "") == 0;
      }
    case KONTOR_FIELD_TYPE_BOOLEAN:
      return g_value_get_boolean (a) == g_value_get_boolean (b);
    case KONTOR_FIELD_TYPE_INT64:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case KONTOR_FIELD_TYPE_ENUM:
      return g_value_get_enum (a) == g_value_get_enum (b);
    case KONTOR_FIELD_TYPE_CHANNELS:
      return kontor_channel_array_equal (g_value_get_boxed (a), g_value_get_boxed (b));
    case KONTOR_FIELD_TYPE_REFS:
      return strv_equal0 (g_value_get_boxed (a), g_value_get_boxed (b));
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * kontor_field_value_is_empty:
 * @field: a field
 * @value: a value of @field's type
 *
 * Returns: %TRUE when @value holds nothing worth storing (no text, no
 *   entries, zero, false or the first enum value)
 */
gboolean
kontor_field_value_is_empty (const KontorField *field,
                             const GValue      *value)
{
  g_return_val_if_fail (field != NULL, TRUE);

  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      {
        const char *s = g_value_get_string (value);
        return s == NULL || *s == '\0';
      }
    case KONTOR_FIELD_TYPE_BOOLEAN:
      return !g_value_get_boolean (value);
    case KONTOR_FIELD_TYPE_INT64:
      return g_value_get_int64 (value) == 0;
    case KONTOR_FIELD_TYPE_ENUM:
      return g_value_get_enum (value) == 0;
    case KONTOR_FIELD_TYPE_CHANNELS:
      {
        GPtrArray *array = g_value_get_boxed (value);
        return array == NULL || array->len == 0;
      }
    case KONTOR_FIELD_TYPE_REFS:
      {
        const char * const *strv = g_value_get_boxed (value);
        return strv == NULL || strv[0] == NULL;
      }
    default:
      g_return_val_if_reached (TRUE);
    }
}
