/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Child rows of a record: its e-mail addresses and phone numbers (a
 * channel table) and the users and groups it links to (a link table). Each
 * is a row of its own, so that two machines adding one each merge cleanly;
 * a change of a stored record's children is one outbox entry per row. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include "kontor-channel.h"
#include "kontor-record-json.h"
#include "kontor-store-children.h"
#include "kontor-store-outbox.h"
#include "kontor-uuid.h"

static gboolean
insert_channel (KontorStore            *self,
                const KontorEntityInfo *info,
                const char             *owner_id,
                const KontorField      *field,
                KontorChannel          *channel,
                guint                   position,
                gboolean                outbox,
                GError                **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self, info->channel_insert_sql, error);

  if (stmt == NULL)
    return FALSE;

  if (channel->id == NULL)
    channel->id = kontor_uuid_v7_new ();

  sqlite3_bind_text (stmt, 1, channel->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, field->kind);
  sqlite3_bind_text (stmt, 4, channel->label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, channel->value != NULL ? channel->value : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, position);

  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (outbox)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      g_autofree char *json = NULL;

      json_object_set_string_member (object, "owner_id", owner_id);
      json_object_set_string_member (object, "field", field->column);
      json_object_set_member (object, "channel", kontor_channel_to_json (channel, position));
      json_node_take_object (node, object);
      json = kontor_json_to_string (node);
      return _kontor_store_append_outbox (self, info->channel_table, channel->id, "create",
                                          NULL, json, NULL, 0, error);
    }

  return TRUE;
}

/* A link row is known by what it links (owner, kind, target), on every
 * machine alike; its outbox entries name the owner, the field and the
 * target. */
static gboolean
write_link (KontorStore            *self,
            const KontorEntityInfo *info,
            const char             *owner_id,
            const KontorField      *field,
            const char             *target_id,
            int                     position,
            gboolean                outbox,
            GError                **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (position >= 0)
    sql = g_strdup_printf ("INSERT INTO %s (owner_id, kind, target_id, position) "
                           "VALUES (?1, ?2, ?3, ?4)", info->link_table);
  else
    sql = g_strdup_printf ("DELETE FROM %s WHERE owner_id = ?1 AND kind = ?2 AND target_id = ?3",
                           info->link_table);

  stmt = _kontor_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, field->kind);
  sqlite3_bind_text (stmt, 3, target_id, -1, SQLITE_TRANSIENT);
  if (position >= 0)
    sqlite3_bind_int (stmt, 4, position);

  if (!_kontor_store_step_done (self, stmt, error))
    return FALSE;

  if (outbox)
    {
      g_autofree char *target_json = kontor_json_quote (target_id);

      return _kontor_store_append_outbox (self, info->link_table, owner_id,
                                          position >= 0 ? "create" : "delete",
                                          field->column, target_json, NULL, 0, error);
    }

  return TRUE;
}

static gboolean
delete_child (KontorStore  *self,
              const char   *table,
              const char   *id,
              gboolean      outbox,
              GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table);

  if (!_kontor_store_exec_with_text (self, sql, id, error))
    return FALSE;

  if (outbox)
    {
      gint64 base_rev = _kontor_store_get_shadow_rev (self, table, id, NULL, error);

      if (base_rev < 0 || !_kontor_store_drop_outbox (self, id, error))
        return FALSE;
      return _kontor_store_append_outbox (self, table, id, "delete", NULL, NULL, NULL, base_rev,
                                          error);
    }

  return TRUE;
}

/* The child rows of @record's field @field in @table, in their order:
 * prepared and bound, to be stepped and reset by the caller. */
static sqlite3_stmt *
select_children (KontorStore        *self,
                 const char         *columns,
                 const char         *table,
                 const char         *order,
                 KontorRecord       *record,
                 const KontorField  *field,
                 GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE owner_id = ?1 AND kind = ?2 "
                                          "ORDER BY %s", columns, table, order);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, kontor_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, field->kind);

  return stmt;
}

static gboolean
load_channels (KontorStore            *self,
               const KontorEntityInfo *info,
               KontorRecord           *record,
               guint                   index,
               const KontorField      *field,
               GError                **error)
{
  g_autoptr(GPtrArray) channels = kontor_channel_array_new ();
  sqlite3_stmt *stmt = select_children (self, "id, label, value", info->channel_table,
                                        "position", record, field, error);
  int result;

  if (stmt == NULL)
    return FALSE;

  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      KontorChannel *channel = kontor_channel_new ((const char *) sqlite3_column_text (stmt, 1),
                                                   (const char *) sqlite3_column_text (stmt, 2));

      channel->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (channels, channel);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  kontor_record_set_channels (record, index, channels);

  return TRUE;
}

static gboolean
load_links (KontorStore            *self,
            const KontorEntityInfo *info,
            KontorRecord           *record,
            guint                   index,
            const KontorField      *field,
            GError                **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) refs = NULL;
  sqlite3_stmt *stmt = select_children (self, "target_id", info->link_table,
                                        "position, target_id", record, field, error);
  int result;

  if (stmt == NULL)
    return FALSE;

  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  refs = g_strv_builder_end (builder);
  kontor_record_set_refs (record, index, (const char * const *) refs);

  return TRUE;
}

/* Whether a channel row with @id exists (any owner's) */
static gboolean
channel_id_taken (KontorStore            *self,
                  const KontorEntityInfo *info,
                  const char             *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", info->channel_table);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);

  return _kontor_store_step_one (self, stmt, NULL, NULL, NULL) != 0;
}

/* Writes the channels of @field, comparing with @old (NULL for a new
 * record): new rows are created, changed rows updated field by field,
 * vanished rows deleted — each with its outbox entry. */
static gboolean
write_channels (KontorStore            *self,
                const KontorEntityInfo *info,
                const KontorField      *field,
                KontorRecord           *record,
                KontorRecord           *old,
                guint                   index,
                gboolean                outbox,
                GError                **error)
{
  g_autoptr(GPtrArray) channels =
    kontor_channel_array_copy (kontor_record_get_channels (record, index));
  GPtrArray *old_channels = old != NULL ? kontor_record_get_channels (old, index) : NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  const char *owner_id = kontor_record_get_id (record);

  for (guint i = 0; i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);
      const KontorChannel *before = NULL;
      guint before_position = 0;

      for (guint j = 0; channel->id != NULL && old_channels != NULL && j < old_channels->len; j++)
        {
          if (g_strcmp0 (((KontorChannel *) g_ptr_array_index (old_channels, j))->id,
                         channel->id) == 0)
            {
              before = g_ptr_array_index (old_channels, j);
              before_position = j;
            }
        }

      if (before == NULL)
        {
          /* An id we do not know is a new row; but a record saved anew
           * (a delete undone) brings its rows back under their ids, which
           * the team knows them by, when no row has them */
          if (channel->id != NULL && (old != NULL || channel_id_taken (self, info, channel->id)))
            g_clear_pointer (&channel->id, g_free);
          /* ... and takes the team's state of them from the server, which
           * sends the restored record's rows again */
          if (channel->id != NULL &&
              !_kontor_store_forget_shadow_revs (self, info->channel_table, channel->id, error))
            return FALSE;
          if (!insert_channel (self, info, owner_id, field, channel, i, outbox, error))
            return FALSE;
          continue;
        }

      g_hash_table_add (kept, channel->id);
      if (g_strcmp0 (before->label, channel->label) != 0 ||
          g_strcmp0 (before->value, channel->value) != 0 || before_position != i)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE %s SET label = ?1, value = ?2, "
                                                  "position = ?3 WHERE id = ?4",
                                                  info->channel_table);
          sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, channel->label, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, channel->value != NULL ? channel->value : "", -1,
                             SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 3, i);
          sqlite3_bind_text (stmt, 4, channel->id, -1, SQLITE_TRANSIENT);
          if (!_kontor_store_step_done (self, stmt, error))
            return FALSE;

          if (outbox)
            {
              static const char *names[] = { "label", "value", "position" };
              g_autofree char *label_json = kontor_json_quote (channel->label);
              g_autofree char *old_label_json = kontor_json_quote (before->label);
              g_autofree char *value_json = kontor_json_quote (channel->value);
              g_autofree char *old_value_json = kontor_json_quote (before->value);
              g_autofree char *position = g_strdup_printf ("%u", i);
              g_autofree char *old_position = g_strdup_printf ("%u", before_position);
              const char *new_values[] = { label_json, value_json, position };
              const char *old_values[] = { old_label_json, old_value_json, old_position };
              gboolean differs[] = {
                g_strcmp0 (before->label, channel->label) != 0,
                g_strcmp0 (before->value, channel->value) != 0,
                before_position != i,
              };

              /* a row's revisions are in the shadow (kontor-store-sync.c) */
              for (guint k = 0; k < G_N_ELEMENTS (names); k++)
                {
                  if (differs[k] &&
                      !_kontor_store_append_row_update (self, info->channel_table, channel->id,
                                                        names[k], new_values[k], old_values[k],
                                                        error))
                    return FALSE;
                }
            }
        }
    }

  for (guint j = 0; old_channels != NULL && j < old_channels->len; j++)
    {
      const KontorChannel *before = g_ptr_array_index (old_channels, j);

      if (!g_hash_table_contains (kept, before->id) &&
          !delete_child (self, info->channel_table, before->id, outbox, error))
        return FALSE;
    }

  /* hand the ids of new rows back to the caller's record */
  kontor_record_set_channels (record, index, channels);

  return TRUE;
}

/* Writes the links of @field: a link row is added or deleted, never
 * changed. */
static gboolean
write_links (KontorStore            *self,
             const KontorEntityInfo *info,
             const KontorField      *field,
             const char * const     *refs,
             const char * const     *old_refs,
             const char             *owner_id,
             gboolean                outbox,
             GError                **error)
{

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      /* a record saved anew (a delete undone): its links take the team's
       * state from the server, as its channels do */
      if (old_refs == NULL)
        {
          g_autofree char *link_id = g_strjoin (":", owner_id, field->column, refs[i], NULL);

          if (!_kontor_store_forget_shadow_revs (self, info->link_table, link_id, error))
            return FALSE;
        }
      if (old_refs != NULL && g_strv_contains (old_refs, refs[i]))
        continue;
      if (!write_link (self, info, owner_id, field, refs[i], i, outbox, error))
        return FALSE;
    }

  for (guint i = 0; old_refs != NULL && old_refs[i] != NULL; i++)
    {
      if (refs != NULL && g_strv_contains (refs, old_refs[i]))
        continue;
      if (!write_link (self, info, owner_id, field, old_refs[i], -1, outbox, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _kontor_store_write_child_rows:
 * @self: a store inside a transaction
 * @info: @record's entity
 * @record: a record with its id
 * @old: (nullable): @record as stored, %NULL for a new one
 * @index: a field of @record of type %KONTOR_FIELD_TYPE_CHANNELS or
 *   %KONTOR_FIELD_TYPE_REFS
 * @outbox: whether each row change gets its outbox entry (a new record's
 *   children travel inside its "create" entry instead)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_write_child_rows (KontorStore             *self,
                                const KontorEntityInfo  *info,
                                KontorRecord            *record,
                                KontorRecord            *old,
                                guint                    index,
                                gboolean                 outbox,
                                GError                 **error)
{
  const KontorField *field = &KONTOR_RECORD_GET_CLASS (record)->fields[index];

  if (field->type == KONTOR_FIELD_TYPE_CHANNELS)
    return write_channels (self, info, field, record, old, index, outbox, error);

  g_assert (field->type == KONTOR_FIELD_TYPE_REFS);

  return write_links (self, info, field, kontor_record_get_refs (record, index),
                      old != NULL ? kontor_record_get_refs (old, index) : NULL,
                      kontor_record_get_id (record), outbox, error);
}

/**
 * _kontor_store_load_child_rows:
 * @self: a store
 * @info: @record's entity
 * @record: a record just read from its row
 * @error: return location for a #GError
 *
 * Reads the e-mail addresses, phone numbers and links of @record.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_load_child_rows (KontorStore             *self,
                               const KontorEntityInfo  *info,
                               KontorRecord            *record,
                               GError                 **error)
{
  KontorRecordClass *klass = KONTOR_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KontorField *field = &klass->fields[i];

      if (field->type == KONTOR_FIELD_TYPE_CHANNELS &&
          !load_channels (self, info, record, i, field, error))
        return FALSE;
      if (field->type == KONTOR_FIELD_TYPE_REFS &&
          !load_links (self, info, record, i, field, error))
        return FALSE;
    }

  return TRUE;
}

/* The rows of @table of kind @kind of every record in @by_id, by owner:
 * prepared and bound, to be stepped and reset by the caller */
static sqlite3_stmt *
select_children_of (KontorStore        *self,
                    const char         *columns,
                    const char         *table,
                    const char         *order,
                    const char         *ids_json,
                    const KontorField  *field,
                    GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT owner_id, %s FROM %s"
                                          " WHERE owner_id IN (SELECT value FROM json_each (?1))"
                                          " AND kind = ?2 ORDER BY owner_id, %s",
                                          columns, table, order);
  sqlite3_stmt *stmt = _kontor_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, field->kind);

  return stmt;
}

/* One channel field of every record in @by_id, one statement for all */
static gboolean
load_channels_of (KontorStore            *self,
                  const KontorEntityInfo *info,
                  GHashTable             *by_id,
                  const char             *ids_json,
                  guint                   index,
                  const KontorField      *field,
                  GError                **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = select_children_of (self, "id, label, value", info->channel_table,
                                           "position", ids_json, field, error);
  GHashTableIter iter;
  gpointer id, record;
  int result;

  if (stmt == NULL)
    return FALSE;

  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      const char *owner_id = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *channels = g_hash_table_lookup (found, owner_id);
      KontorChannel *channel = kontor_channel_new ((const char *) sqlite3_column_text (stmt, 2),
                                                   (const char *) sqlite3_column_text (stmt, 3));

      channel->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (channels == NULL)
        {
          channels = kontor_channel_array_new ();
          g_hash_table_insert (found, g_strdup (owner_id), channels);
        }
      g_ptr_array_add (channels, channel);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, &id, &record))
    {
      GPtrArray *channels = g_hash_table_lookup (found, id);
      g_autoptr(GPtrArray) none = channels == NULL ? kontor_channel_array_new () : NULL;

      kontor_record_set_channels (record, index, channels != NULL ? channels : none);
    }

  return TRUE;
}

/* One link field of every record in @by_id, one statement for all */
static gboolean
load_links_of (KontorStore            *self,
               const KontorEntityInfo *info,
               GHashTable             *by_id,
               const char             *ids_json,
               guint                   index,
               const KontorField      *field,
               GError                **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = select_children_of (self, "target_id", info->link_table,
                                           "position, target_id", ids_json, field, error);
  GHashTableIter iter;
  gpointer id, record;
  int result;

  if (stmt == NULL)
    return FALSE;

  while ((result = _kontor_store_step (self, stmt, error)) == 1)
    {
      const char *owner_id = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *targets = g_hash_table_lookup (found, owner_id);

      if (targets == NULL)
        {
          targets = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (found, g_strdup (owner_id), targets);
        }
      g_ptr_array_add (targets, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, &id, &record))
    {
      GPtrArray *targets = g_hash_table_lookup (found, id);
      static const char * const none[] = { NULL };

      if (targets != NULL)
        g_ptr_array_add (targets, NULL);
      kontor_record_set_refs (record, index,
                              targets != NULL ? (const char * const *) targets->pdata : none);
    }

  return TRUE;
}

/**
 * _kontor_store_load_children_of:
 * @self: a store
 * @info: the records' entity
 * @by_id: (element-type utf8 KontorRecord): records just read from their
 *   rows, by id
 * @ids_json: their ids, a JSON array
 * @error: return location for a #GError
 *
 * What _kontor_store_load_child_rows() does for each of many records, with
 * one statement per child field for all of them.
 *
 * Returns: %TRUE on success
 */
gboolean
_kontor_store_load_children_of (KontorStore             *self,
                                const KontorEntityInfo  *info,
                                GHashTable              *by_id,
                                const char              *ids_json,
                                GError                 **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (info->get_type ());
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  for (guint i = 0; i < record_class->n_fields; i++)
    {
      const KontorField *field = &record_class->fields[i];

      if (field->type == KONTOR_FIELD_TYPE_CHANNELS &&
          !load_channels_of (self, info, by_id, ids_json, i, field, error))
        return FALSE;
      if (field->type == KONTOR_FIELD_TYPE_REFS &&
          !load_links_of (self, info, by_id, ids_json, i, field, error))
        return FALSE;
    }

  return TRUE;
}
