/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-record"

#include "config.h"

#include <string.h>

#include "kontor-channel.h"
#include "kontor-record-private.h"

/* A record's entity fields live in one GValue array sized by the class's
 * field table; id, times and revision are common to all and live here. */
typedef struct
{
  char   *id;
  gint64  rowid;
  gint64  created_at;
  gint64  updated_at;
  gint64  rev;
  GValue *values;
} KontorRecordPrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_REV,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (KontorRecord, kontor_record, G_TYPE_OBJECT)

static GValue *
values_of (KontorRecord *self)
{
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);
  KontorRecordClass *klass;

  if G_LIKELY (priv->values != NULL)
    return priv->values;

  /* Allocated on first use: during the base class's instance init the
   * subclass's field table is not reachable yet. */
  klass = KONTOR_RECORD_GET_CLASS (self);
  priv->values = g_new0 (GValue, MAX (klass->n_fields, 1));
  for (guint i = 0; i < klass->n_fields; i++)
    g_value_init (&priv->values[i], kontor_field_value_type (&klass->fields[i]));

  return priv->values;
}

static void
normalize_value (const KontorField *field,
                 GValue            *value)
{
  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      {
        const char *s = g_value_get_string (value);
        if (s != NULL && *s == '\0')
          g_value_set_string (value, NULL);
      }
      break;
    case KONTOR_FIELD_TYPE_REFS:
      {
        const char * const *strv = g_value_get_boxed (value);
        if (strv != NULL && strv[0] == NULL)
          g_value_set_boxed (value, NULL);
      }
      break;
    case KONTOR_FIELD_TYPE_CHANNELS:
      {
        GPtrArray *array = g_value_get_boxed (value);
        /* Never share a channel array between two records: deep copy. */
        if (array != NULL)
          g_value_take_boxed (value, kontor_channel_array_copy (array));
      }
      break;
    case KONTOR_FIELD_TYPE_BOOLEAN:
    case KONTOR_FIELD_TYPE_INT64:
    case KONTOR_FIELD_TYPE_ENUM:
    default:
      break;
    }
}

void
_kontor_record_get_field_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KontorRecord *self = KONTOR_RECORD (object);
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (self);
  guint index = prop_id - 1;

  if (index >= klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_copy (&values_of (self)[index], value);
}

void
_kontor_record_set_field_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KontorRecord *self = KONTOR_RECORD (object);
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (self);
  guint index = prop_id - 1;

  if (index >= klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  kontor_record_set_value (self, index, value);
}

static char *
kontor_record_real_dup_display_name (KontorRecord *self)
{
  return g_strdup (kontor_record_get_id (self));
}

static void
kontor_record_finalize (GObject *object)
{
  KontorRecord *self = KONTOR_RECORD (object);
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);

  if (priv->values != NULL)
    {
      guint n = KONTOR_RECORD_GET_CLASS (self)->n_fields;

      for (guint i = 0; i < n; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }
  g_free (priv->id);

  G_OBJECT_CLASS (kontor_record_parent_class)->finalize (object);
}

static void
kontor_record_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KontorRecord *self = KONTOR_RECORD (object);
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, priv->updated_at);
      break;
    case PROP_REV:
      g_value_set_int64 (value, priv->rev);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, kontor_record_dup_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_record_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KontorRecord *self = KONTOR_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      kontor_record_set_id (self, g_value_get_string (value));
      break;
    case PROP_CREATED_AT:
      kontor_record_set_created_at (self, g_value_get_int64 (value));
      break;
    case PROP_UPDATED_AT:
      kontor_record_set_updated_at (self, g_value_get_int64 (value));
      break;
    case PROP_REV:
      kontor_record_set_rev (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_record_class_init (KontorRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_record_finalize;
  object_class->get_property = kontor_record_get_property;
  object_class->set_property = kontor_record_set_property;

  klass->dup_display_name = kontor_record_real_dup_display_name;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REV] =
    g_param_spec_int64 ("rev", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_record_init (KontorRecord *self)
{
}

/**
 * kontor_record_class_install_fields:
 * @klass: a subclass's class
 * @entity: SQL table and sync entity name
 * @fields: (array length=n_fields): the field table, static
 * @n_fields: number of fields
 *
 * Installs one property per field; call it from the subclass's class_init.
 */
void
kontor_record_class_install_fields (KontorRecordClass *klass,
                                    const char        *entity,
                                    const KontorField *fields,
                                    guint              n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (KONTOR_IS_RECORD_CLASS (klass));
  g_return_if_fail (fields != NULL);

  klass->entity = entity;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->field_pspecs = g_new0 (GParamSpec *, n_fields);

  object_class->get_property = _kontor_record_get_field_property;
  object_class->set_property = _kontor_record_set_field_property;

  for (guint i = 0; i < n_fields; i++)
    {
      const KontorField *field = &fields[i];
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
      GParamSpec *pspec;

      switch (field->type)
        {
        case KONTOR_FIELD_TYPE_STRING:
        case KONTOR_FIELD_TYPE_DATE:
        case KONTOR_FIELD_TYPE_REF:
          pspec = g_param_spec_string (field->name, NULL, NULL, NULL, flags);
          break;
        case KONTOR_FIELD_TYPE_BOOLEAN:
          pspec = g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
          break;
        case KONTOR_FIELD_TYPE_INT64:
          pspec = g_param_spec_int64 (field->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case KONTOR_FIELD_TYPE_ENUM:
          pspec = g_param_spec_enum (field->name, NULL, NULL, field->enum_type (), 0, flags);
          break;
        case KONTOR_FIELD_TYPE_CHANNELS:
          pspec = g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_PTR_ARRAY, flags);
          break;
        case KONTOR_FIELD_TYPE_REFS:
          pspec = g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        default:
          g_assert_not_reached ();
        }

      klass->field_pspecs[i] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

/**
 * kontor_record_class_find_field:
 * @klass: a record class
 * @column: a column (sync field) name
 * @index: (out) (optional): where to store the field's index
 *
 * Returns: (nullable): the field called @column
 */
const KontorField *
kontor_record_class_find_field (KontorRecordClass *klass,
                                const char        *column,
                                guint             *index)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (g_str_equal (klass->fields[i].column, column))
        {
          if (index != NULL)
            *index = i;
          return &klass->fields[i];
        }
    }

  return NULL;
}

const char *
kontor_record_get_entity (KontorRecord *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD (self), NULL);

  return KONTOR_RECORD_GET_CLASS (self)->entity;
}

/**
 * kontor_record_get_fields:
 * @self: a record
 * @n_fields: (out): number of fields
 *
 * Returns: (array length=n_fields) (transfer none): the field table
 */
const KontorField *
kontor_record_get_fields (KontorRecord *self,
                          guint        *n_fields)
{
  KontorRecordClass *klass;

  g_return_val_if_fail (KONTOR_IS_RECORD (self), NULL);
  g_return_val_if_fail (n_fields != NULL, NULL);

  klass = KONTOR_RECORD_GET_CLASS (self);
  *n_fields = klass->n_fields;

  return klass->fields;
}

/**
 * kontor_record_get_id:
 * @self: a record
 *
 * Returns: (nullable): the UUIDv7, %NULL until the store created the record
 */
const char *
kontor_record_get_id (KontorRecord *self)
{
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);

  g_return_val_if_fail (KONTOR_IS_RECORD (self), NULL);

  return priv->id;
}

void
kontor_record_set_id (KontorRecord *self,
                      const char   *id)
{
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);

  g_return_if_fail (KONTOR_IS_RECORD (self));

  if (g_strcmp0 (priv->id, id) == 0)
    return;

  g_free (priv->id);
  priv->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * kontor_record_get_rowid:
 * @self: a record
 *
 * The store's local integer key, 0 for a record not stored. Never synced.
 *
 * Returns: the local row id
 */
gint64
kontor_record_get_rowid (KontorRecord *self)
{
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);

  g_return_val_if_fail (KONTOR_IS_RECORD (self), 0);

  return priv->rowid;
}

void
kontor_record_set_rowid (KontorRecord *self,
                         gint64        rowid)
{
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);

  g_return_if_fail (KONTOR_IS_RECORD (self));

  priv->rowid = rowid;
}

#define DEFINE_INT64_ACCESSORS(name, PROP)                                 \
  gint64                                                                   \
  kontor_record_get_##name (KontorRecord *self)                            \
  {                                                                        \
    KontorRecordPrivate *priv = kontor_record_get_instance_private (self); \
                                                                           \
    g_return_val_if_fail (KONTOR_IS_RECORD (self), 0);                     \
                                                                           \
    return priv->name;                                                     \
  }                                                                        \
                                                                           \
  void                                                                     \
  kontor_record_set_##name (KontorRecord *self,                            \
                            gint64        value)                           \
  {                                                                        \
    KontorRecordPrivate *priv = kontor_record_get_instance_private (self); \
                                                                           \
    g_return_if_fail (KONTOR_IS_RECORD (self));                            \
                                                                           \
    if (priv->name == value)                                               \
      return;                                                              \
                                                                           \
    priv->name = value;                                                    \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);          \
  }

DEFINE_INT64_ACCESSORS (created_at, PROP_CREATED_AT)
DEFINE_INT64_ACCESSORS (updated_at, PROP_UPDATED_AT)
DEFINE_INT64_ACCESSORS (rev, PROP_REV)

#undef DEFINE_INT64_ACCESSORS

/**
 * kontor_record_dup_display_name:
 * @self: a record
 *
 * Returns: (transfer full): the name a person reads, never %NULL
 */
char *
kontor_record_dup_display_name (KontorRecord *self)
{
  char *name;

  g_return_val_if_fail (KONTOR_IS_RECORD (self), NULL);

  name = KONTOR_RECORD_GET_CLASS (self)->dup_display_name (self);

  return name != NULL ? name : g_strdup ("");
}

/**
 * kontor_record_get_value:
 * @self: a record
 * @index: index into the field table
 *
 * Returns: (transfer none): the value of field @index
 */
const GValue *
kontor_record_get_value (KontorRecord *self,
                         guint         index)
{
  g_return_val_if_fail (KONTOR_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < KONTOR_RECORD_GET_CLASS (self)->n_fields, NULL);

  return &values_of (self)[index];
}

/**
 * kontor_record_take_value:
 * @self: a record
 * @index: index into the field table
 * @value: (transfer full): the new value, unset afterwards
 *
 * Sets field @index, notifying its property when the value changed.
 */
void
kontor_record_take_value (KontorRecord *self,
                          guint         index,
                          GValue       *value)
{
  KontorRecordClass *klass;
  const KontorField *field;
  GValue *slot;

  g_return_if_fail (KONTOR_IS_RECORD (self));
  g_return_if_fail (value != NULL);

  klass = KONTOR_RECORD_GET_CLASS (self);
  g_return_if_fail (index < klass->n_fields);

  field = &klass->fields[index];
  slot = &values_of (self)[index];
  g_return_if_fail (G_VALUE_TYPE (value) == G_VALUE_TYPE (slot));

  normalize_value (field, value);

  if (kontor_field_value_equal (field, slot, value))
    {
      g_value_unset (value);
      return;
    }

  g_value_unset (slot);
  *slot = *value;
  memset (value, 0, sizeof *value);

  g_object_notify_by_pspec (G_OBJECT (self), klass->field_pspecs[index]);
  if (klass->field_changed != NULL)
    klass->field_changed (self, index);
}

void
kontor_record_set_value (KontorRecord *self,
                         guint         index,
                         const GValue *value)
{
  GValue copy = G_VALUE_INIT;

  g_return_if_fail (KONTOR_IS_RECORD (self));
  g_return_if_fail (G_IS_VALUE (value));

  g_value_init (&copy, G_VALUE_TYPE (value));
  g_value_copy (value, &copy);
  kontor_record_take_value (self, index, &copy);
}

/* The typed accessors of a field: the getter checks that the field holds
 * @gtype and unwraps it, the setter wraps the C value and hands it to
 * kontor_record_take_value(). */
#define DEFINE_VALUE_GETTER(name, ctype, gtype, unwrap)                              \
  ctype                                                                              \
  kontor_record_get_##name (KontorRecord *self,                                      \
                            guint         index)                                     \
  {                                                                                  \
    const GValue *value = kontor_record_get_value (self, index);                     \
                                                                                     \
    g_return_val_if_fail (value != NULL && G_VALUE_HOLDS (value, gtype), (ctype) 0); \
                                                                                     \
    return unwrap (value);                                                           \
  }

#define DEFINE_VALUE_ACCESSORS(name, ctype, gtype, unwrap, wrap)                     \
  DEFINE_VALUE_GETTER (name, ctype, gtype, unwrap)                                   \
                                                                                     \
  void                                                                               \
  kontor_record_set_##name (KontorRecord *self,                                      \
                            guint         index,                                     \
                            ctype         name)                                      \
  {                                                                                  \
    GValue value = G_VALUE_INIT;                                                     \
                                                                                     \
    g_value_init (&value, gtype);                                                    \
    wrap (&value, name);                                                             \
    kontor_record_take_value (self, index, &value);                                  \
  }

DEFINE_VALUE_ACCESSORS (string, const char *, G_TYPE_STRING, g_value_get_string, g_value_set_string)
DEFINE_VALUE_ACCESSORS (boolean, gboolean, G_TYPE_BOOLEAN, g_value_get_boolean, g_value_set_boolean)
DEFINE_VALUE_ACCESSORS (int64, gint64, G_TYPE_INT64, g_value_get_int64, g_value_set_int64)

/**
 * kontor_record_get_channels:
 * @self: a record
 * @index: index of a %KONTOR_FIELD_TYPE_CHANNELS field
 *
 * Returns: (nullable) (transfer none) (element-type KontorChannel): the channels
 */
/**
 * kontor_record_set_channels:
 * @self: a record
 * @index: index of a %KONTOR_FIELD_TYPE_CHANNELS field
 * @channels: (nullable) (element-type KontorChannel): channels, copied
 */
DEFINE_VALUE_ACCESSORS (channels, GPtrArray *, G_TYPE_PTR_ARRAY, g_value_get_boxed,
                        g_value_set_boxed)

/**
 * kontor_record_get_refs:
 * @self: a record
 * @index: index of a %KONTOR_FIELD_TYPE_REFS field
 *
 * Returns: (nullable) (transfer none): the linked ids
 */
DEFINE_VALUE_ACCESSORS (refs, const char * const *, G_TYPE_STRV, g_value_get_boxed,
                        g_value_set_boxed)

/* an enum field keeps its own enum type, so its setter is written out */
DEFINE_VALUE_GETTER (enum, int, G_TYPE_ENUM, g_value_get_enum)

#undef DEFINE_VALUE_ACCESSORS
#undef DEFINE_VALUE_GETTER

void
kontor_record_set_enum (KontorRecord *self,
                        guint         index,
                        int           number)
{
  const GValue *current = kontor_record_get_value (self, index);
  GValue value = G_VALUE_INIT;

  g_return_if_fail (current != NULL && G_VALUE_HOLDS_ENUM (current));

  g_value_init (&value, G_VALUE_TYPE (current));
  g_value_set_enum (&value, number);
  kontor_record_take_value (self, index, &value);
}

/**
 * kontor_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): a deep copy, id and revision included
 */
KontorRecord *
kontor_record_copy (KontorRecord *self)
{
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);
  KontorRecordPrivate *copy_priv;
  KontorRecordClass *klass;
  KontorRecord *copy;
  GValue *src, *dst;

  g_return_val_if_fail (KONTOR_IS_RECORD (self), NULL);

  klass = KONTOR_RECORD_GET_CLASS (self);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  copy_priv = kontor_record_get_instance_private (copy);

  copy_priv->id = g_strdup (priv->id);
  copy_priv->rowid = priv->rowid;
  copy_priv->created_at = priv->created_at;
  copy_priv->updated_at = priv->updated_at;
  copy_priv->rev = priv->rev;

  src = values_of (self);
  dst = values_of (copy);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_value_copy (&src[i], &dst[i]);
      normalize_value (&klass->fields[i], &dst[i]);
    }

  return copy;
}

/**
 * kontor_record_diff:
 * @self: a record
 * @other: a record of the same type
 *
 * Returns: (transfer full) (element-type guint): the indexes of the stored
 *   fields whose values differ, in field-table order
 */
GArray *
kontor_record_diff (KontorRecord *self,
                    KontorRecord *other)
{
  KontorRecordClass *klass;
  GArray *changed;
  GValue *a, *b;

  g_return_val_if_fail (KONTOR_IS_RECORD (self), NULL);
  g_return_val_if_fail (KONTOR_IS_RECORD (other), NULL);
  g_return_val_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other), NULL);

  klass = KONTOR_RECORD_GET_CLASS (self);
  changed = g_array_new (FALSE, FALSE, sizeof (guint));
  a = values_of (self);
  b = values_of (other);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if ((klass->fields[i].flags & KONTOR_FIELD_STORED) == 0)
        continue;
      if (!kontor_field_value_equal (&klass->fields[i], &a[i], &b[i]))
        g_array_append_val (changed, i);
    }

  return changed;
}

/**
 * kontor_record_apply_changes:
 * @self: a record to write onto, the stored state as it is now
 * @shown: the state a form was filled from
 * @edited: the form's state
 *
 * Writes onto @self only the fields in which @edited differs from @shown:
 * a form's save keeps what changed elsewhere meanwhile (a status, a
 * number given) in the fields the user did not touch.
 */
void
kontor_record_apply_changes (KontorRecord *self,
                             KontorRecord *shown,
                             KontorRecord *edited)
{
  g_autoptr(GArray) changes = NULL;

  g_return_if_fail (KONTOR_IS_RECORD (self));

  changes = kontor_record_diff (shown, edited);
  for (guint i = 0; i < changes->len; i++)
    {
      guint index = g_array_index (changes, guint, i);

      kontor_record_set_value (self, index, kontor_record_get_value (edited, index));
    }
}

/**
 * kontor_record_update_from:
 * @self: a record
 * @other: a newer state of the same record
 *
 * Takes every value of @other, notifying only what changed, so that widgets
 * bound to @self follow a change made elsewhere.
 */
void
kontor_record_update_from (KontorRecord *self,
                           KontorRecord *other)
{
  KontorRecordPrivate *other_priv = kontor_record_get_instance_private (other);
  KontorRecordPrivate *priv = kontor_record_get_instance_private (self);
  KontorRecordClass *klass;

  g_return_if_fail (KONTOR_IS_RECORD (self));
  g_return_if_fail (KONTOR_IS_RECORD (other));
  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other));

  klass = KONTOR_RECORD_GET_CLASS (self);

  g_object_freeze_notify (G_OBJECT (self));
  kontor_record_set_id (self, other_priv->id);
  priv->rowid = other_priv->rowid;
  kontor_record_set_created_at (self, other_priv->created_at);
  kontor_record_set_updated_at (self, other_priv->updated_at);
  kontor_record_set_rev (self, other_priv->rev);
  for (guint i = 0; i < klass->n_fields; i++)
    kontor_record_set_value (self, i, &values_of (other)[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_kontor_record_notify_display_name (KontorRecord *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}
