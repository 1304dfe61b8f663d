/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Field values as JSON, both ways: the outbox stores each changed value as
 * JSON text, and the server and the sync engine read and write whole
 * records the same way. One value's JSON depends only on its field type:
 *
 *   text, date, reference   "…" or null
 *   flag                    true / false
 *   number                  an integer
 *   choice (enum)           its nick, "customer"
 *   e-mails, phones         [{"id":…,"label":…,"value":…,"position":0}, …]
 *   references              ["id", …]
 *
 * Built on json-glib, so that decoding has a real parser and the server and
 * the sync engine share one encoder. Measured on the build machine, one
 * short text costs 0.5 µs to encode against 0.07-0.1 µs with the
 * hand-written encoder this replaces; only updates write values (an
 * insert's "create" entry carries none), two per changed field, which is
 * nothing beside the transaction's fsync. The bytes are the old ones but
 * for \b, \f (now short escapes) and U+007F (now escaped): all the same
 * JSON. */

#define G_LOG_DOMAIN "kontor-record-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-record-json.h"

G_DEFINE_QUARK (kontor-record-json-error-quark, kontor_record_json_error)

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_alloc ();

  if (text == NULL)
    return json_node_init_null (node);

  return json_node_init_string (node, text);
}

static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);

  return node;
}

static JsonNode *
take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);

  return node;
}

/**
 * kontor_json_to_string:
 * @node: JSON
 *
 * json_to_string() without whitespace, and right: json-glib 1.6 (Debian
 * 12) leaves U+001F unescaped, which JSON forbids. Outside strings its
 * output has no control characters, and no byte of a multi-byte UTF-8
 * character is below 0x80, so each 0x1f byte is a U+001F in a string.
 *
 * Returns: (transfer full): @node as compact JSON text
 */
char *
kontor_json_to_string (JsonNode *node)
{
  g_autofree char *json = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  json = json_to_string (node, FALSE);

  if (strchr (json, '\x1f') == NULL)
    return g_steal_pointer (&json);

  parts = g_strsplit (json, "\x1f", -1);

  return g_strjoinv ("\\u001f", parts);
}

static GEnumClass *
peek_enum_class (GType type)
{
  GEnumClass *klass = g_type_class_peek (type);

  /* the first use refs the class for good: enum classes are never freed */
  return klass != NULL ? klass : g_type_class_ref (type);
}

/**
 * kontor_json_quote:
 * @text: (nullable): text
 *
 * Returns: (transfer full): @text as a JSON string, "null" for %NULL
 */
char *
kontor_json_quote (const char *text)
{
  g_autoptr(JsonNode) node = string_node (text);

  return kontor_json_to_string (node);
}

/**
 * kontor_channel_to_json:
 * @channel: an e-mail address or phone number
 * @position: its place in the record's list
 *
 * Returns: (transfer full): {"id":…,"label":…,"value":…,"position":…}
 */
JsonNode *
kontor_channel_to_json (const KontorChannel *channel,
                        guint                position)
{
  JsonObject *object;

  g_return_val_if_fail (channel != NULL, NULL);

  object = json_object_new ();
  json_object_set_member (object, "id", string_node (channel->id));
  json_object_set_member (object, "label", string_node (channel->label));
  json_object_set_member (object, "value", string_node (channel->value));
  json_object_set_int_member (object, "position", position);

  return take_object (object);
}

/**
 * kontor_field_value_to_json:
 * @field: a field
 * @value: a value of @field's type
 *
 * Returns: (transfer full): @value as JSON (see the table at the top of
 *   this file)
 */
JsonNode *
kontor_field_value_to_json (const KontorField *field,
                            const GValue      *value)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (G_VALUE_HOLDS (value, kontor_field_value_type (field)), NULL);

  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      return string_node (g_value_get_string (value));
    case KONTOR_FIELD_TYPE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), g_value_get_boolean (value));
    case KONTOR_FIELD_TYPE_INT64:
      return json_node_init_int (json_node_alloc (), g_value_get_int64 (value));
    case KONTOR_FIELD_TYPE_ENUM:
      {
        GEnumValue *enum_value = g_enum_get_value (peek_enum_class (G_VALUE_TYPE (value)),
                                                   g_value_get_enum (value));

        return string_node (enum_value != NULL ? enum_value->value_nick : NULL);
      }
    case KONTOR_FIELD_TYPE_CHANNELS:
      {
        GPtrArray *channels = g_value_get_boxed (value);
        JsonArray *array = json_array_new ();

        for (guint i = 0; channels != NULL && i < channels->len; i++)
          json_array_add_element (array,
                                  kontor_channel_to_json (g_ptr_array_index (channels, i), i));
        return take_array (array);
      }
    case KONTOR_FIELD_TYPE_REFS:
      {
        const char * const *refs = g_value_get_boxed (value);
        JsonArray *array = json_array_new ();

        for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
          json_array_add_string_element (array, refs[i]);
        return take_array (array);
      }
    default:
      g_assert_not_reached ();
    }
}

/**
 * kontor_field_value_to_json_string:
 * @field: a field
 * @value: a value of @field's type
 *
 * Returns: (transfer full): @value as JSON text, as the outbox stores it
 */
char *
kontor_field_value_to_json_string (const KontorField *field,
                                   const GValue      *value)
{
  g_autoptr(JsonNode) node = kontor_field_value_to_json (field, value);

  return kontor_json_to_string (node);
}

/* Decoding ---------------------------------------------------------------- */

static const char *
field_label (const KontorField *field)
{
  return field->label != NULL ? _(field->label) : field->column;
}

static gboolean
holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
holds_string_or_null (JsonNode *node)
{
  return JSON_NODE_HOLDS_NULL (node) || holds_string (node);
}

static gboolean
wrong_type (const KontorField  *field,
            GError            **error)
{
  const char *label = field_label (field);

  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_BOOLEAN:
      g_set_error (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_TYPE,
                   /* Translators: %s is the name of a field ("Archived") */
                   _("The value for “%s” is neither yes nor no."), label);
      break;
    case KONTOR_FIELD_TYPE_INT64:
      g_set_error (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_TYPE,
                   /* Translators: %s is the name of a field */
                   _("The value for “%s” is not a whole number."), label);
      break;
    case KONTOR_FIELD_TYPE_CHANNELS:
    case KONTOR_FIELD_TYPE_REFS:
      g_set_error (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_TYPE,
                   /* Translators: %s is the name of a field ("E-mail addresses") */
                   _("The value for “%s” is not a list."), label);
      break;
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
    case KONTOR_FIELD_TYPE_ENUM:
    default:
      g_set_error (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_TYPE,
                   /* Translators: %s is the name of a field ("First name") */
                   _("The value for “%s” is not text."), label);
      break;
    }

  return FALSE;
}

static KontorChannel *
bad_channel (GError **error)
{
  g_set_error_literal (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_TYPE,
                       _("An e-mail address or phone number is not made of text."));
  return NULL;
}

/**
 * kontor_channel_new_from_json:
 * @node: what kontor_channel_to_json() made
 * @position: (out) (optional): its "position", or 0 without one
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the channel, or %NULL with
 *   %KONTOR_RECORD_JSON_ERROR_TYPE
 */
KontorChannel *
kontor_channel_new_from_json (JsonNode  *node,
                              guint     *position,
                              GError   **error)
{
  g_autoptr(KontorChannel) channel = NULL;
  JsonObject *object;
  JsonNode *member;
  static const char *names[] = { "id", "label", "value" };

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_channel (error);

  object = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      member = json_object_get_member (object, names[i]);
      if (member != NULL && !holds_string_or_null (member))
        return bad_channel (error);
    }

  member = json_object_get_member (object, "value");
  channel = kontor_channel_new (json_object_get_string_member_with_default (object, "label", NULL),
                                member != NULL ? json_node_get_string (member) : NULL);
  channel->id = g_strdup (json_object_get_string_member_with_default (object, "id", NULL));

  member = json_object_get_member (object, "position");
  if (member != NULL &&
      (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
       json_node_get_int (member) < 0 || json_node_get_int (member) > G_MAXUINT))
    {
      g_set_error_literal (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_TYPE,
                           _("The place of an e-mail address or phone number is not a number."));
      return NULL;
    }
  if (position != NULL)
    *position = member != NULL ? json_node_get_int (member) : 0;

  return g_steal_pointer (&channel);
}

/* The list in @node, or %NULL for a JSON null */
static gboolean
get_list (const KontorField  *field,
          JsonNode           *node,
          JsonArray         **array,
          GError            **error)
{
  *array = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (field, error);

  *array = json_node_get_array (node);

  return TRUE;
}

static gboolean
channels_from_json (const KontorField  *field,
                    JsonNode           *node,
                    GValue             *value,
                    GError            **error)
{
  g_autoptr(GPtrArray) channels = kontor_channel_array_new ();
  JsonArray *array;

  if (!get_list (field, node, &array, error))
    return FALSE;

  /* in the order of the list, which is the order of "position" */
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      KontorChannel *channel = kontor_channel_new_from_json (json_array_get_element (array, i),
                                                             NULL, error);

      if (channel == NULL)
        return FALSE;
      g_ptr_array_add (channels, channel);
    }

  g_value_set_boxed (value, channels);

  return TRUE;
}

static gboolean
refs_from_json (const KontorField  *field,
                JsonNode           *node,
                GValue             *value,
                GError            **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) refs = NULL;
  JsonArray *array;

  if (!get_list (field, node, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!holds_string (element))
        return wrong_type (field, error);
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  refs = g_strv_builder_end (builder);
  g_value_set_boxed (value, refs);

  return TRUE;
}

/**
 * kontor_field_value_from_json:
 * @field: a field
 * @node: JSON as kontor_field_value_to_json() makes it
 * @value: (out caller-allocates): an unset #GValue; initialised to @field's
 *   type on success
 * @error: return location for a #GError
 *
 * Reads one value. A JSON null is an empty value of any type but a flag
 * or a number; an empty string stays an empty string (a record makes it
 * %NULL when it takes it).
 *
 * Returns: %TRUE on success; else @value stays unset and @error says what
 *   is wrong, naming the field
 */
gboolean
kontor_field_value_from_json (const KontorField  *field,
                              JsonNode           *node,
                              GValue             *value,
                              GError            **error)
{
  g_auto(GValue) result = G_VALUE_INIT;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (value != NULL && G_VALUE_TYPE (value) == G_TYPE_INVALID, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_value_init (&result, kontor_field_value_type (field));

  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      if (!holds_string_or_null (node))
        return wrong_type (field, error);
      g_value_set_string (&result, json_node_get_string (node));
      break;
    case KONTOR_FIELD_TYPE_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return wrong_type (field, error);
      g_value_set_boolean (&result, json_node_get_boolean (node));
      break;
    case KONTOR_FIELD_TYPE_INT64:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return wrong_type (field, error);
      g_value_set_int64 (&result, json_node_get_int (node));
      break;
    case KONTOR_FIELD_TYPE_ENUM:
      {
        GEnumValue *enum_value;

        if (!holds_string (node))
          return wrong_type (field, error);
        enum_value = g_enum_get_value_by_nick (peek_enum_class (G_VALUE_TYPE (&result)),
                                               json_node_get_string (node));
        if (enum_value == NULL)
          {
            g_set_error (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_VALUE,
                         /* Translators: the first %s is the name of a field ("Status"),
                          * the second the value that was read */
                         _("The value for “%s” is unknown: “%s”."),
                         field_label (field), json_node_get_string (node));
            return FALSE;
          }
        g_value_set_enum (&result, enum_value->value);
      }
      break;
    case KONTOR_FIELD_TYPE_CHANNELS:
      if (!channels_from_json (field, node, &result, error))
        return FALSE;
      break;
    case KONTOR_FIELD_TYPE_REFS:
      if (!refs_from_json (field, node, &result, error))
        return FALSE;
      break;
    default:
      g_assert_not_reached ();
    }

  *value = result;
  result = (GValue) G_VALUE_INIT;

  return TRUE;
}

/* Whole records --------------------------------------------------------- */

static gboolean
is_synced_field (const KontorField *field)
{
  return (field->flags & KONTOR_FIELD_STORED) != 0 &&
         (field->flags & (KONTOR_FIELD_DERIVED | KONTOR_FIELD_LOCAL)) == 0;
}

/**
 * kontor_record_to_json:
 * @record: a record
 *
 * Returns: (transfer full): every stored field of @record (not derived,
 *   not local ones), keyed by its column name; the id, times and revision
 *   travel beside it, not in it
 */
JsonObject *
kontor_record_to_json (KontorRecord *record)
{
  JsonObject *object;
  const KontorField *fields;
  guint n_fields;

  g_return_val_if_fail (KONTOR_IS_RECORD (record), NULL);

  object = json_object_new ();
  fields = kontor_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (is_synced_field (&fields[i]))
        json_object_set_member (object, fields[i].column,
                                kontor_field_value_to_json (&fields[i],
                                                            kontor_record_get_value (record, i)));
    }

  return object;
}

/**
 * kontor_record_to_json_string:
 * @record: a record
 *
 * Returns: (transfer full): kontor_record_to_json() as text
 */
char *
kontor_record_to_json_string (KontorRecord *record)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (KONTOR_IS_RECORD (record), NULL);

  node = take_object (kontor_record_to_json (record));

  return kontor_json_to_string (node);
}

/**
 * kontor_record_update_from_json:
 * @record: a record
 * @object: fields as kontor_record_to_json() makes them
 * @error: return location for a #GError
 *
 * Sets each stored field of @record that @object names; other fields keep
 * their values, and members @record does not know (a newer Kontor's
 * fields) are skipped. All or nothing: when one value is wrong, @record is
 * left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_record_update_from_json (KontorRecord  *record,
                                JsonObject    *object,
                                GError       **error)
{
  const KontorField *fields;
  guint n_fields;
  g_autofree GValue *values = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (KONTOR_IS_RECORD (record), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fields = kontor_record_get_fields (record, &n_fields);
  values = g_new0 (GValue, MAX (n_fields, 1));

  for (guint i = 0; ok && i < n_fields; i++)
    {
      JsonNode *node;

      if (!is_synced_field (&fields[i]))
        continue;
      node = json_object_get_member (object, fields[i].column);
      if (node != NULL)
        ok = kontor_field_value_from_json (&fields[i], node, &values[i], error);
    }

  for (guint i = 0; i < n_fields; i++)
    {
      if (G_VALUE_TYPE (&values[i]) == G_TYPE_INVALID)
        continue;
      if (ok)
        kontor_record_take_value (record, i, &values[i]);
      else
        g_value_unset (&values[i]);
    }

  return ok;
}

#define JSON_SPACE " \t\n\r"

/* The UTF-16 unit of the \uXXXX at @p, or -1 */
static int
escaped_unit (const char *p)
{
  int unit = 0;

  if (p[0] != '\\' || p[1] != 'u')
    return -1;
  for (guint i = 2; i < 6; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (p[i]);
    }

  return unit;
}

/* Whether @json is one object and nothing after it, with only JSON's
 * escapes and no \u escape that is not a character. json-glib 1.6 reads
 * "{…}{…}" or "1 [2]" as its first value and silently drops the rest, takes
 * GScanner's "\777" (a byte, not UTF-8), and leaks memory on a broken \u
 * escape, in a string or outside one; all are caught here, before it reads
 * @json. Only brackets
 * outside strings count; this needs to be right for valid JSON only, as
 * json-glib refuses the rest. */
gboolean
kontor_json_is_one_object (const char *json)
{
  const char *p = json + strspn (json, JSON_SPACE);
  gboolean in_string = FALSE;
  guint depth = 0;

  if (*p != '{')
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (in_string)
        {
          int unit = escaped_unit (p);

          if (unit >= 0xd800 && unit < 0xdc00)
            {
              /* a high surrogate needs its low one */
              int low = escaped_unit (p + 6);

              if (low < 0xdc00 || low >= 0xe000)
                return FALSE;
              p += 11;
            }
          else if (p[0] == '\\' && p[1] == 'u' && (unit < 0 || (unit >= 0xdc00 && unit < 0xe000)))
            return FALSE;
          else if (*p == '\\')
            {
              if (p[1] == '\0' || strchr ("\"\\/bfnrtu", p[1]) == NULL)
                return FALSE;
              p++;
            }
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      /* never JSON, and json-glib 1.6 leaks on a \u escape there */
      else if (*p == '\\')
        return FALSE;
      else if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        return p[1 + strspn (p + 1, JSON_SPACE)] == '\0';
    }

  /* unterminated: json-glib says what is missing */
  return TRUE;
}

/**
 * kontor_record_update_from_json_string:
 * @record: a record
 * @json: text as kontor_record_to_json_string() makes it
 * @error: return location for a #GError
 *
 * Like kontor_record_update_from_json(); text that is not one JSON object
 * (or has anything but white space after it) gives
 * %KONTOR_RECORD_JSON_ERROR_SYNTAX.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_record_update_from_json_string (KontorRecord  *record,
                                       const char    *json,
                                       GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KONTOR_IS_RECORD (record), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kontor_json_is_one_object (json))
    node = json_from_string (json, &local_error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (local_error != NULL)
        g_set_error (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_SYNTAX,
                     /* Translators: %s is what the JSON reader said was wrong */
                     _("The record data cannot be read: %s"), local_error->message);
      else
        g_set_error_literal (error, KONTOR_RECORD_JSON_ERROR, KONTOR_RECORD_JSON_ERROR_SYNTAX,
                             _("The record data cannot be read: it is not a list of fields."));
      return FALSE;
    }

  return kontor_record_update_from_json (record, json_node_get_object (node), error);
}

/**
 * kontor_json_parse:
 * @text: (nullable): JSON text written by Kontor or PostgreSQL
 *
 * Returns: (transfer full) (nullable): its root, %NULL when it is not JSON
 */
JsonNode *
kontor_json_parse (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;

  if (text == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * kontor_json_parse_object:
 * @data: bytes from outside (a server's answer, a socket's message)
 * @length: their length
 *
 * Reads one JSON object, refusing bytes that are not UTF-8, hold a NUL or
 * more than one value (kontor_json_is_one_object(), which json-glib 1.6
 * would read in part or leak on).
 *
 * Returns: (transfer full) (nullable): the object, %NULL when @data is
 *   not one
 */
JsonObject *
kontor_json_parse_object (const char *data,
                          gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = NULL;
  JsonNode *root;

  if (data == NULL || memchr (data, '\0', length) != NULL ||
      !g_utf8_validate_len (data, length, NULL))
    return NULL;
  text = g_strndup (data, length);
  if (!kontor_json_is_one_object (text) || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/* Members of JSON from outside (a server's answer, a pull), read without
 * the critical warnings json-glib's getters give for a member of another
 * type: a member missing, null or of another type is the fallback. */

static JsonNode *
get_value (JsonObject *object,
           const char *member,
           GType       type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

/**
 * kontor_json_get_int:
 * @object: (nullable): a JSON object
 * @member: a member's name
 * @fallback: what a missing or other member gives
 *
 * Returns: the member's integer value, or @fallback
 */
gint64
kontor_json_get_int (JsonObject *object,
                     const char *member,
                     gint64      fallback)
{
  JsonNode *node = get_value (object, member, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : fallback;
}

/**
 * kontor_json_get_boolean:
 * @object: (nullable): a JSON object
 * @member: a member's name
 * @fallback: what a missing or other member gives
 *
 * Returns: the member's boolean value, or @fallback
 */
gboolean
kontor_json_get_boolean (JsonObject *object,
                         const char *member,
                         gboolean    fallback)
{
  JsonNode *node = get_value (object, member, G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : fallback;
}

/**
 * kontor_json_get_string:
 * @object: (nullable): a JSON object
 * @member: a member's name
 *
 * Returns: (nullable) (transfer none): the member's string, %NULL when it
 *   is missing or not a string
 */
const char *
kontor_json_get_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = get_value (object, member, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

/**
 * kontor_json_get_object:
 * @object: (nullable): a JSON object
 * @member: a member's name
 *
 * Returns: (nullable) (transfer none): the member's object, %NULL when it
 *   is missing or not an object
 */
JsonObject *
kontor_json_get_object (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * kontor_json_get_array:
 * @object: (nullable): a JSON object
 * @member: a member's name
 *
 * Returns: (nullable) (transfer none): the member's array, %NULL when it
 *   is missing or not an array
 */
JsonArray *
kontor_json_get_array (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * kontor_json_pair_values:
 * @values: (nullable): a row's values, {field: value}
 * @revs: (nullable): their revisions, {field: rev}
 *
 * A row as a change of kontor-sync/1 carries it (src/protocol/PROTOCOL.md):
 * {field: {"value", "rev"}}, a field without a revision at 0. The server
 * stores values and revisions apart, and so does a snapshot page.
 *
 * Returns: (transfer full): a new object
 */
JsonObject *
kontor_json_pair_values (JsonObject *values,
                         JsonObject *revs)
{
  JsonObject *fields = json_object_new ();
  g_autoptr(GList) names = values != NULL ? json_object_get_members (values) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_member (entry, "value",
                              json_node_copy (json_object_get_member (values, l->data)));
      json_object_set_int_member (entry, "rev", kontor_json_get_int (revs, l->data, 0));
      json_object_set_object_member (fields, l->data, entry);
    }

  return fields;
}
