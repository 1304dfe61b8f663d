/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The reader of a push body (src/protocol/PROTOCOL.md "Push"): outside
 * data on the server, so it checks everything before the database sees
 * any of it — the JSON, the entity and fields (kontor-sync-entity.c), each
 * value as the model's field reads it, what each op needs, client_seq
 * counting up — and refuses the whole body, naming the mutation, when
 * anything is wrong. tests/fuzz/fuzz-push.c fuzzes it. */

#define G_LOG_DOMAIN "kontor-protocol"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-record-json.h"
#include "kontor-record.h"
#include "kontor-sync-push.h"

struct _KontorSyncPushRequest
{
  JsonParser *parser;      /* holds the tree the mutations point into */
  char       *client_id;
  GArray     *mutations;   /* KontorSyncMutation */
};

/* An integer member, or @fallback when it is missing; FALSE when it is
 * there and no integer */
static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64      fallback,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);

  return TRUE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Whether @value is one a field of @entity named @name can hold: the
 * model's own reading of a record's field (kontor_field_value_from_json());
 * the rows without a record class take any JSON */
/**
 * kontor_sync_check_value:
 * @entity: an entity
 * @name: one of its fields
 * @value: a value sent for it
 * @error: return location for a #GError
 *
 * Returns: whether @value is one the field can hold (a record's field as
 *   the model reads it; child rows and settings take any JSON)
 */
gboolean
kontor_sync_check_value (const KontorSyncEntity  *entity,
             const char              *name,
             JsonNode                *value,
             GError                 **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  const KontorField *field;
  GValue parsed = G_VALUE_INIT;
  gboolean ok;

  if (kontor_sync_entity_get_kind (entity) != KONTOR_SYNC_KIND_RECORD)
    return TRUE;

  klass = g_type_class_ref (kontor_sync_entity_get_record_type (entity));
  field = kontor_record_class_find_field (KONTOR_RECORD_CLASS (klass), name, NULL);
  g_return_val_if_fail (field != NULL, FALSE);

  ok = kontor_field_value_from_json (field, value, &parsed, error);
  if (G_IS_VALUE (&parsed))
    g_value_unset (&parsed);

  return ok;
}

static gboolean
parse_mutation (JsonNode            *node,
                gint64               previous_seq,
                KontorSyncMutation  *mutation,
                GError             **error)
{
  static const char * const ops[] = { "create", "update", "delete", "restore", "resolve" };
  static const char * const choices[] = { "mine", "theirs", "value" };
  g_autofree char *number = NULL;
  JsonObject *object;
  const char *op, *entity;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  object = json_node_get_object (node);

  if (!get_int (object, "client_seq", -1, &mutation->client_seq) ||
      mutation->client_seq <= previous_seq)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The mutations’ client_seq must be numbers counting up."));
      return FALSE;
    }
  /* named in messages as the client numbered it */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, mutation->client_seq);

  op = get_string (object, "op");
  mutation->op = G_N_ELEMENTS (ops);
  for (guint i = 0; op != NULL && i < G_N_ELEMENTS (ops); i++)
    {
      if (g_str_equal (op, ops[i]))
        mutation->op = i;
    }
  if (mutation->op == G_N_ELEMENTS (ops))
    goto invalid;

  /* a resolution: which conflict, and what the user chose */
  if (mutation->op == KONTOR_SYNC_OP_RESOLVE)
    {
      const char *choice = get_string (object, "choice");

      mutation->conflict = get_string (object, "conflict");
      mutation->choice = G_N_ELEMENTS (choices);
      for (guint i = 0; choice != NULL && i < G_N_ELEMENTS (choices); i++)
        {
          if (g_str_equal (choice, choices[i]))
            mutation->choice = i;
        }
      mutation->value = json_object_get_member (object, "value");
      if (mutation->conflict == NULL || !g_uuid_string_is_valid (mutation->conflict) ||
          mutation->choice == G_N_ELEMENTS (choices) ||
          (mutation->choice == KONTOR_SYNC_CHOICE_VALUE) != (mutation->value != NULL))
        goto invalid;

      return TRUE;
    }

  entity = get_string (object, "entity");
  mutation->entity = entity != NULL ? kontor_sync_entity_lookup (entity) : NULL;
  if (mutation->entity == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Mutation %s names an entity this server does not know: “%s”."), number,
                   entity != NULL ? entity : "");
      return FALSE;
    }

  mutation->id = get_string (object, "id");
  if (mutation->id == NULL || *mutation->id == '\0' || strlen (mutation->id) > 200)
    goto invalid;

  if (mutation->op == KONTOR_SYNC_OP_CREATE || mutation->op == KONTOR_SYNC_OP_UPDATE)
    {
      JsonNode *fields = json_object_get_member (object, "fields");
      g_autoptr(GList) names = NULL;

      if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields) ||
          json_object_get_size (json_node_get_object (fields)) == 0)
        goto invalid;
      mutation->fields = json_node_get_object (fields);

      names = json_object_get_members (mutation->fields);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *change = json_object_get_member (mutation->fields, l->data);
          JsonObject *change_object;
          gint64 count;

          if (!kontor_sync_entity_has_field (mutation->entity, l->data))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Mutation %s names a field %s has not: “%s”."),
                           number, kontor_sync_entity_get_name (mutation->entity),
                           (const char *) l->data);
              return FALSE;
            }
          if (!JSON_NODE_HOLDS_OBJECT (change))
            goto invalid;
          change_object = json_node_get_object (change);
          if (!json_object_has_member (change_object, "value") ||
              !get_int (change_object, "base_rev", mutation->op == KONTOR_SYNC_OP_CREATE ? 0 : -1, &count) ||
              count < 0 || !get_int (change_object, "after_local_seq", 0, &count) ||
              count < 0)
            goto invalid;
          if (!kontor_sync_check_value (mutation->entity, l->data,
                            json_object_get_member (change_object, "value"), error))
            {
              g_prefix_error (error, _("Mutation %s: "), number);
              return FALSE;
            }
        }
    }
  else if (!get_int (object, "base_rev", -1, &mutation->base_rev) || mutation->base_rev < 0)
    goto invalid;

  /* a contact or company deleted by a merge names the one it was merged
   * into (PROTOCOL.md "Pushing"): another record's id, a UUID */
  if (json_object_has_member (object, "merged_into"))
    {
      const char *name = kontor_sync_entity_get_name (mutation->entity);

      mutation->merged_into = get_string (object, "merged_into");
      if (mutation->op != KONTOR_SYNC_OP_DELETE ||
          (!g_str_equal (name, "contact") && !g_str_equal (name, "company")) ||
          mutation->merged_into == NULL || !g_uuid_string_is_valid (mutation->merged_into) ||
          g_str_equal (mutation->merged_into, mutation->id))
        goto invalid;
    }

  return TRUE;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Mutation %s is not one the protocol knows: it needs client_seq, op, entity, "
                 "id, and fields with values and base revisions, or a base revision; a "
                 "resolution needs the conflict and a choice."),
               number != NULL ? number : "?");
  return FALSE;
}

/**
 * kontor_sync_push_request_parse:
 * @data: a push body
 * @length: its length in bytes
 * @error: return location for a #GError (%G_IO_ERROR_INVALID_DATA)
 *
 * Returns: (transfer full) (nullable): the push, every mutation checked;
 *   %NULL with a message for people when anything is wrong
 */
KontorSyncPushRequest *
kontor_sync_push_request_parse (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(KontorSyncPushRequest) self = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonArray *array;
  const char *client_id;

  /* one object and nothing after it, before json-glib 1.6 reads it: it
   * takes the first of two values and drops the rest, and leaks on some
   * broken input (kontor_json_is_one_object()) */
  if (data != NULL && memchr (data, '\0', length) == NULL &&
      g_utf8_validate_len (data, length, NULL))
    text = g_strndup (data, length);
  if (text == NULL || !kontor_json_is_one_object (text) ||
      !json_parser_load_from_data (parser, text, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The request body is not a JSON object."));
      return NULL;
    }

  self = g_new0 (KontorSyncPushRequest, 1);
  self->parser = g_object_ref (parser);
  self->mutations = g_array_new (FALSE, TRUE, sizeof (KontorSyncMutation));
  object = json_node_get_object (json_parser_get_root (parser));

  client_id = get_string (object, "client_id");
  if (client_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The push names another client than the session’s."));
      return NULL;
    }
  self->client_id = g_strdup (client_id);

  if (!json_object_has_member (object, "mutations") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "mutations")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The push has no list of mutations."));
      return NULL;
    }
  array = json_object_get_array_member (object, "mutations");
  if (json_array_get_length (array) == 0 ||
      json_array_get_length (array) > KONTOR_SYNC_MAX_MUTATIONS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A push takes 1 to 500 mutations."));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      KontorSyncMutation mutation = { 0, };
      gint64 previous = i > 0 ? g_array_index (self->mutations, KontorSyncMutation,
                                               i - 1).client_seq : 0;

      if (!parse_mutation (json_array_get_element (array, i), previous, &mutation, error))
        return NULL;
      g_array_append_val (self->mutations, mutation);
    }

  return g_steal_pointer (&self);
}

const char *
kontor_sync_push_request_get_client_id (KontorSyncPushRequest *self)
{
  return self->client_id;
}

/**
 * kontor_sync_push_request_get_mutations:
 * @self: a push
 *
 * Returns: (transfer none) (element-type KontorSyncMutation): its
 *   mutations, in order
 */
GArray *
kontor_sync_push_request_get_mutations (KontorSyncPushRequest *self)
{
  return self->mutations;
}

void
kontor_sync_push_request_free (KontorSyncPushRequest *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->parser);
  g_free (self->client_id);
  g_clear_pointer (&self->mutations, g_array_unref);
  g_free (self);
}
