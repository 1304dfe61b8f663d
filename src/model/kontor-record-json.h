/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <json-glib/json-glib.h>

#include "kontor-channel.h"
#include "kontor-field.h"
#include "kontor-record.h"

G_BEGIN_DECLS

#define KONTOR_RECORD_JSON_ERROR (kontor_record_json_error_quark ())

/**
 * KontorRecordJsonError:
 * @KONTOR_RECORD_JSON_ERROR_SYNTAX: the text is not JSON
 * @KONTOR_RECORD_JSON_ERROR_TYPE: a value is of the wrong kind (text where
 *   a number belongs, an object where a list belongs)
 * @KONTOR_RECORD_JSON_ERROR_VALUE: a value of the right kind that the field
 *   cannot take (a status nobody knows)
 *
 * Every message is translated and names the field.
 */
typedef enum
{
  KONTOR_RECORD_JSON_ERROR_SYNTAX,
  KONTOR_RECORD_JSON_ERROR_TYPE,
  KONTOR_RECORD_JSON_ERROR_VALUE,
} KontorRecordJsonError;

GQuark         kontor_record_json_error_quark   (void);

char          *kontor_json_quote                (const char          *text);
char          *kontor_json_to_string            (JsonNode            *node);
gboolean       kontor_json_is_one_object        (const char          *json);
JsonNode      *kontor_json_parse                (const char          *text);
JsonObject    *kontor_json_parse_object         (const char          *data,
                                                 gsize                length);

gint64         kontor_json_get_int              (JsonObject          *object,
                                                 const char          *member,
                                                 gint64               fallback);
gboolean       kontor_json_get_boolean          (JsonObject          *object,
                                                 const char          *member,
                                                 gboolean             fallback);
const char    *kontor_json_get_string           (JsonObject          *object,
                                                 const char          *member);
JsonObject    *kontor_json_get_object           (JsonObject          *object,
                                                 const char          *member);
JsonArray     *kontor_json_get_array            (JsonObject          *object,
                                                 const char          *member);
JsonObject    *kontor_json_pair_values          (JsonObject          *values,
                                                 JsonObject          *revs);

JsonNode      *kontor_field_value_to_json       (const KontorField   *field,
                                                 const GValue        *value);
char          *kontor_field_value_to_json_string (const KontorField  *field,
                                                 const GValue        *value);
gboolean       kontor_field_value_from_json     (const KontorField   *field,
                                                 JsonNode            *node,
                                                 GValue              *value,
                                                 GError             **error);

JsonNode      *kontor_channel_to_json           (const KontorChannel *channel,
                                                 guint                position);
KontorChannel *kontor_channel_new_from_json     (JsonNode            *node,
                                                 guint               *position,
                                                 GError             **error);

JsonObject    *kontor_record_to_json            (KontorRecord        *record);
char          *kontor_record_to_json_string     (KontorRecord        *record);
gboolean       kontor_record_update_from_json   (KontorRecord        *record,
                                                 JsonObject          *object,
                                                 GError             **error);
gboolean       kontor_record_update_from_json_string (KontorRecord   *record,
                                                 const char          *json,
                                                 GError             **error);

G_END_DECLS
