/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-field-change"

#include "config.h"

#include <string.h>

#include "kontor-field-change.h"
#include "kontor-lead-entry.h"
#include "kontor-rank.h"
#include "kontor-store-contact.h"
#include "kontor-store-db.h"

/**
 * KontorFieldChange:
 *
 * An undoable change of some fields of one record: archive, a status
 * change, a board move. Applying reads the record as stored now, keeps the
 * values it replaces and saves the new ones; undoing saves the kept values.
 * Both are one store transaction with outbox entries, like any edit.
 */
struct _KontorFieldChange
{
  KontorOperation  parent_instance;

  KontorStore     *store;
  GType            type;
  char            *id;
  GArray          *indexes;      /* guint */
  GArray          *new_values;   /* GValue */
  GArray          *old_values;   /* GValue, filled by apply */
};

G_DEFINE_FINAL_TYPE (KontorFieldChange, kontor_field_change, KONTOR_TYPE_OPERATION)

/* Whether the change brings the time a contact entered its column (a
 * board move, kontor_field_change_new_move ()) */
static gboolean
brings_time (KontorFieldChange *self)
{
  if (self->type != KONTOR_TYPE_CONTACT)
    return FALSE;
  for (guint i = 0; i < self->indexes->len; i++)
    if (g_array_index (self->indexes, guint, i) == KONTOR_CONTACT_FIELD_PIPELINE_ENTERED_AT)
      return TRUE;

  return FALSE;
}

/* Saves @values, keeping the ones they replace in @keep; the store stamps
 * no time when @times_given (_kontor_store_set_times_given ()) */
static gboolean
write_values (KontorFieldChange  *self,
              GArray             *values,
              GArray             *keep,
              gboolean            times_given,
              GError            **error)
{
  g_autoptr(KontorRecord) record = kontor_store_load (self->store, self->type, self->id, error);
  gboolean ok;

  if (record == NULL)
    return FALSE;

  if (keep != NULL)
    g_array_set_size (keep, 0);

  for (guint i = 0; i < self->indexes->len; i++)
    {
      guint index = g_array_index (self->indexes, guint, i);

      if (keep != NULL)
        {
          GValue old = G_VALUE_INIT;

          g_value_init (&old, G_VALUE_TYPE (kontor_record_get_value (record, index)));
          g_value_copy (kontor_record_get_value (record, index), &old);
          g_array_append_val (keep, old);
        }
      kontor_record_set_value (record, index, &g_array_index (values, GValue, i));
    }

  _kontor_store_set_times_given (self->store, times_given);
  ok = kontor_store_save (self->store, record, error);
  _kontor_store_set_times_given (self->store, FALSE);

  return ok;
}

static gboolean
kontor_field_change_apply (KontorOperation  *operation,
                           GError          **error)
{
  KontorFieldChange *self = KONTOR_FIELD_CHANGE (operation);
  g_autoptr(GArray) old_values = g_array_new (FALSE, TRUE, sizeof (GValue));

  g_array_set_clear_func (old_values, (GDestroyNotify) g_value_unset);
  if (!write_values (self, self->new_values, old_values, brings_time (self), error))
    return FALSE;

  g_clear_pointer (&self->old_values, g_array_unref);
  self->old_values = g_steal_pointer (&old_values);

  return TRUE;
}

static gboolean
kontor_field_change_undo (KontorOperation  *operation,
                          GError          **error)
{
  KontorFieldChange *self = KONTOR_FIELD_CHANGE (operation);

  g_return_val_if_fail (self->old_values != NULL, FALSE);

  /* the values that were, their times too */
  return write_values (self, self->old_values, NULL, TRUE, error);
}

static void
kontor_field_change_finalize (GObject *object)
{
  KontorFieldChange *self = KONTOR_FIELD_CHANGE (object);

  g_clear_object (&self->store);
  g_free (self->id);
  g_array_unref (self->indexes);
  g_array_unref (self->new_values);
  g_clear_pointer (&self->old_values, g_array_unref);

  G_OBJECT_CLASS (kontor_field_change_parent_class)->finalize (object);
}

static void
kontor_field_change_class_init (KontorFieldChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorOperationClass *operation_class = KONTOR_OPERATION_CLASS (klass);

  object_class->finalize = kontor_field_change_finalize;
  operation_class->apply = kontor_field_change_apply;
  operation_class->undo = kontor_field_change_undo;
}

static void
kontor_field_change_init (KontorFieldChange *self)
{
  self->indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->new_values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_array_set_clear_func (self->new_values, (GDestroyNotify) g_value_unset);
}

/**
 * kontor_field_change_new:
 * @store: the store
 * @record: a stored record (only its type and id are used)
 * @title: (nullable): what the toast says
 *
 * Returns: (transfer full): a change without fields; add them with
 *   kontor_field_change_set_value() and apply it
 */
KontorFieldChange *
kontor_field_change_new (KontorStore  *store,
                         KontorRecord *record,
                         const char   *title)
{
  KontorFieldChange *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_RECORD (record), NULL);
  g_return_val_if_fail (kontor_record_get_id (record) != NULL, NULL);

  self = g_object_new (KONTOR_TYPE_FIELD_CHANGE, "title", title, NULL);
  self->store = g_object_ref (store);
  self->type = G_OBJECT_TYPE (record);
  self->id = g_strdup (kontor_record_get_id (record));

  return self;
}

/* Adds field @index with @value, which it takes and leaves unset. */
static void
take_value (KontorFieldChange *self,
            guint              index,
            GValue            *value)
{
  g_array_append_val (self->indexes, index);
  g_array_append_val (self->new_values, *value);
  memset (value, 0, sizeof *value);
}

/**
 * kontor_field_change_set_value:
 * @self: a change not applied yet
 * @index: the field's index in the record's field table
 * @value: the value to write
 */
void
kontor_field_change_set_value (KontorFieldChange *self,
                               guint              index,
                               const GValue      *value)
{
  GValue copy = G_VALUE_INIT;

  g_return_if_fail (KONTOR_IS_FIELD_CHANGE (self));
  g_return_if_fail (G_IS_VALUE (value));
  g_return_if_fail (!kontor_operation_is_applied (KONTOR_OPERATION (self)));

  g_value_init (&copy, G_VALUE_TYPE (value));
  g_value_copy (value, &copy);
  take_value (self, index, &copy);
}

void
kontor_field_change_set_enum (KontorFieldChange *self,
                              guint              index,
                              int                value)
{
  g_autoptr(GTypeClass) klass = NULL;
  GParamSpec *pspec;
  GValue gvalue = G_VALUE_INIT;

  g_return_if_fail (KONTOR_IS_FIELD_CHANGE (self));
  g_return_if_fail (!kontor_operation_is_applied (KONTOR_OPERATION (self)));

  klass = g_type_class_ref (self->type);
  pspec = KONTOR_RECORD_CLASS (klass)->field_pspecs[index];
  g_value_init (&gvalue, pspec->value_type);
  g_value_set_enum (&gvalue, value);
  take_value (self, index, &gvalue);
}

void
kontor_field_change_set_string (KontorFieldChange *self,
                                guint              index,
                                const char        *value)
{
  GValue gvalue = G_VALUE_INIT;

  g_return_if_fail (KONTOR_IS_FIELD_CHANGE (self));
  g_return_if_fail (!kontor_operation_is_applied (KONTOR_OPERATION (self)));

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);
  take_value (self, index, &gvalue);
}

/**
 * kontor_field_change_get_id:
 * @self: a change
 *
 * Returns: the id of the changed record
 */
const char *
kontor_field_change_get_id (KontorFieldChange *self)
{
  g_return_val_if_fail (KONTOR_IS_FIELD_CHANGE (self), NULL);

  return self->id;
}

/* The rank of a card moved on the board @table to the column @status_id
 * between the cards ranked @before_rank and @after_rank (either %NULL at
 * an end), for kontor_field_change_new_move() and
 * kontor_field_change_new_lead_move(): between the neighbours, past the
 * records of the column the board does not show, never a rank of
 * @record_id's own */
static char *
dup_move_rank (KontorStore       *store,
               KontorRankedTable  table,
               const char        *status_id,
               const char        *before_rank,
               const char        *after_rank,
               const char        *record_id)
{
  g_autofree char *nearest = NULL;
  char *rank;

  if (before_rank != NULL)
    {
      /* on error, the ranks the board gave */
      _kontor_store_dup_nearest_rank (store, table, status_id, before_rank, TRUE, record_id,
                                      &nearest, NULL);
      if (nearest != NULL && (after_rank == NULL || strcmp (nearest, after_rank) < 0))
        after_rank = nearest;
    }
  else
    {
      _kontor_store_dup_nearest_rank (store, table, status_id, after_rank, FALSE, record_id,
                                      &nearest, NULL);
      before_rank = nearest;
    }

  rank = kontor_rank_between (before_rank, after_rank);
  if (rank == NULL)
    rank = kontor_rank_between (before_rank, NULL);
  if (rank == NULL)
    rank = kontor_rank_between (NULL, NULL);

  return rank;
}

/**
 * kontor_field_change_new_move:
 * @store: the store
 * @contact: a stored contact
 * @status_id: the pipeline status (board column) it moves to
 * @before_rank: (nullable): the rank of the card it lands after, %NULL at
 *   the top
 * @after_rank: (nullable): the rank of the card it lands before, %NULL at
 *   the bottom
 * @title: (nullable): what the toast says
 *
 * A board move (feature P4, src/README.md): the contact's pipeline status and a rank
 * between its new neighbours', so that only this card is written. When
 * the neighbours' ranks are not in order (two machines ranked them alike),
 * the card goes right after @before_rank. Contacts the board does not show
 * (inbox, archived, filtered out) keep their places: the card lands right
 * after @before_rank, or at the top right before @after_rank, or with
 * neither after the column's last contact.
 *
 * Returns: (transfer full): the change, not applied yet
 */
KontorFieldChange *
kontor_field_change_new_move (KontorStore   *store,
                              KontorContact *contact,
                              const char    *status_id,
                              const char    *before_rank,
                              const char    *after_rank,
                              const char    *title)
{
  g_autofree char *rank = NULL;
  KontorFieldChange *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), NULL);
  g_return_val_if_fail (status_id != NULL, NULL);

  rank = dup_move_rank (store, KONTOR_RANKED_CONTACT, status_id, before_rank, after_rank,
                        kontor_record_get_id (KONTOR_RECORD (contact)));

  self = kontor_field_change_new (store, KONTOR_RECORD (contact), title);
  kontor_field_change_set_string (self, KONTOR_CONTACT_FIELD_PIPELINE_STATUS_ID, status_id);
  kontor_field_change_set_string (self, KONTOR_CONTACT_FIELD_RANK, rank);
  /* part of the change, so that undo puts the old time back (feature X7, src/README.md) */
  if (g_strcmp0 (kontor_contact_get_pipeline_status_id (contact), status_id) != 0)
    {
      GValue now = G_VALUE_INIT;

      g_value_init (&now, G_TYPE_INT64);
      g_value_set_int64 (&now, g_get_real_time () / G_USEC_PER_SEC);
      kontor_field_change_set_value (self, KONTOR_CONTACT_FIELD_PIPELINE_ENTERED_AT, &now);
      g_value_unset (&now);
    }

  return self;
}

/**
 * kontor_field_change_new_lead_move:
 * @store: the store
 * @entry: a stored lead entry
 * @status_id: the status of its project (board column) it moves to
 * @before_rank: (nullable): the rank of the entry it lands after, %NULL at
 *   the top
 * @after_rank: (nullable): the rank of the entry it lands before, %NULL at
 *   the bottom
 * @title: (nullable): what the toast says
 *
 * A move on a lead project's board (src/README.md "Lead projects"): the
 * entry's status and a rank between its new neighbours', as
 * kontor_field_change_new_move() gives a contact, so that only the entry
 * is written, never its contact. Entries the board does not show (of
 * archived or filtered-out contacts) keep their places. The store's
 * check refuses a status of another project; undo puts status and rank
 * back.
 *
 * Returns: (transfer full): the change, not applied yet
 */
KontorFieldChange *
kontor_field_change_new_lead_move (KontorStore     *store,
                                   KontorLeadEntry *entry,
                                   const char      *status_id,
                                   const char      *before_rank,
                                   const char      *after_rank,
                                   const char      *title)
{
  const char *old_rank;
  g_autofree char *rank = NULL;
  KontorFieldChange *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_LEAD_ENTRY (entry), NULL);
  g_return_val_if_fail (status_id != NULL, NULL);

  rank = dup_move_rank (store, KONTOR_RANKED_LEAD_ENTRY, status_id, before_rank, after_rank,
                        kontor_record_get_id (KONTOR_RECORD (entry)));

  /* the store gives an entry that changes status with its old rank a
   * place at the end of the new column (kontor-store-lead.c): a new rank
   * that happens to equal the old one gets one a little higher */
  old_rank = kontor_lead_entry_get_rank (entry);
  if (g_strcmp0 (kontor_lead_entry_get_status_id (entry), status_id) != 0 &&
      g_strcmp0 (rank, old_rank) == 0)
    {
      g_autofree char *nearest = NULL;
      char *other;

      _kontor_store_dup_nearest_rank (store, KONTOR_RANKED_LEAD_ENTRY, status_id, rank, FALSE,
                                      kontor_record_get_id (KONTOR_RECORD (entry)), &nearest,
                                      NULL);
      other = kontor_rank_between (nearest, rank);
      if (other != NULL)
        {
          g_free (rank);
          rank = other;
        }
    }

  self = kontor_field_change_new (store, KONTOR_RECORD (entry), title);
  kontor_field_change_set_string (self, KONTOR_LEAD_ENTRY_FIELD_STATUS_ID, status_id);
  kontor_field_change_set_string (self, KONTOR_LEAD_ENTRY_FIELD_RANK, rank);

  return self;
}

/**
 * kontor_field_change_new_edit:
 * @store: the store
 * @shown: a stored record as a form showed it
 * @edited: the form's state of it
 * @title: (nullable): what the toast says
 *
 * An undoable save of a form (an activity edited): the fields in which
 * @edited differs from @shown, and nothing else, so that what changed
 * elsewhere meanwhile stays (kontor_record_apply_changes()).
 *
 * Returns: (transfer full): the change, with no field when nothing was
 *   edited
 */
KontorFieldChange *
kontor_field_change_new_edit (KontorStore  *store,
                              KontorRecord *shown,
                              KontorRecord *edited,
                              const char   *title)
{
  KontorFieldChange *self = kontor_field_change_new (store, shown, title);
  g_autoptr(GArray) changes = kontor_record_diff (shown, edited);

  for (guint i = 0; i < changes->len; i++)
    {
      guint index = g_array_index (changes, guint, i);

      kontor_field_change_set_value (self, index, kontor_record_get_value (edited, index));
    }

  return self;
}

/**
 * kontor_field_change_is_empty:
 * @self: a change
 *
 * Returns: whether it changes no field
 */
gboolean
kontor_field_change_is_empty (KontorFieldChange *self)
{
  g_return_val_if_fail (KONTOR_IS_FIELD_CHANGE (self), TRUE);

  return self->indexes->len == 0;
}
