/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* KontorRecordList: a GListModel over the row ids an indexed query returns.
 *
 *   KontorStore ──changed──▶ KontorRecordList ──items-changed──▶ KontorTable
 *       ▲   query_rowids (filter + sort + search, in SQLite)       (or a board column)
 *       └── load_by_rowid when a view asks for an item
 *
 * Only the ids of all matching rows are held (8 bytes each: 800 KB for
 * 100 000 contacts); records are materialised on get_item and kept while a
 * view holds them, plus a small window of recent ones so scrolling back and
 * forth does not reload. A committed change re-runs the id query and emits
 * one items-changed covering the smallest range that differs; records a view
 * holds are updated in place, so bound widgets follow through notify.
 *
 * A paused list (one whose view is not shown: the table behind the board)
 * runs no query; it notes that it is stale and catches up when it is
 * resumed. */

#define G_LOG_DOMAIN "kontor-record-list"

#include "config.h"

#include "kontor-record-list.h"
#include "kontor-store-lead.h"

#define RECENT_MAX 256

/* A change that adds more rows than this is told in two steps; see
 * kontor_record_list_refresh(). */
#define SPLIT_ADDED 512

struct _KontorRecordList
{
  GObject       parent_instance;

  KontorStore  *store;
  GType         item_type;
  KontorFilter *filter;
  GArray       *rowids;
  GHashTable   *live;      /* rowid -> KontorRecord, weak: alive while a view holds it */
  GQueue        recent;    /* strong references to the last materialised records */
  GError       *error;
  guint         paused : 1;
  guint         stale : 1; /* something changed while paused */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM_TYPE,
  PROP_FILTER,
  PROP_N_ITEMS,
  PROP_ERROR,
  PROP_PAUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorRecordList, kontor_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
on_record_finalized (gpointer  data,
                     GObject  *where_the_object_was)
{
  KontorRecordList *self = data;
  GHashTableIter iter;
  gpointer value;

  /* The rowid is gone with the object; find the entry by value. Rare
   * enough (one per recycled item beyond the recent window) to scan. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (value == (gpointer) where_the_object_was)
        {
          g_hash_table_iter_remove (&iter);
          break;
        }
    }
}

static void
remember (KontorRecordList *self,
          gint64            rowid,
          KontorRecord     *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = rowid;
  g_hash_table_insert (self->live, key, record);
  g_object_weak_ref (G_OBJECT (record), on_record_finalized, self);

  g_queue_push_head (&self->recent, g_object_ref (record));
  if (self->recent.length > RECENT_MAX)
    g_object_unref (g_queue_pop_tail (&self->recent));
}

static GType
kontor_record_list_get_item_type (GListModel *model)
{
  return KONTOR_RECORD_LIST (model)->item_type;
}

static guint
kontor_record_list_get_n_items (GListModel *model)
{
  return KONTOR_RECORD_LIST (model)->rowids->len;
}

static gpointer
kontor_record_list_get_item (GListModel *model,
                             guint       position)
{
  KontorRecordList *self = KONTOR_RECORD_LIST (model);
  g_autoptr(GError) error = NULL;
  KontorRecord *record;
  gint64 rowid;

  if (position >= self->rowids->len)
    return NULL;

  rowid = g_array_index (self->rowids, gint64, position);
  record = g_hash_table_lookup (self->live, &rowid);
  if (record != NULL)
    return g_object_ref (record);

  record = kontor_store_load_by_rowid (self->store, self->item_type, rowid, &error);
  if (record == NULL)
    {
      /* A view must get an item for every position; an empty record shows
       * the gap until the next refresh reports the error properly. */
      g_warning ("Could not load row %" G_GINT64_FORMAT ": %s", rowid, error->message);
      record = g_object_new (self->item_type, NULL);
      kontor_record_set_rowid (record, rowid);
      return record;
    }

  remember (self, rowid, record);

  return record;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kontor_record_list_get_item_type;
  iface->get_n_items = kontor_record_list_get_n_items;
  iface->get_item = kontor_record_list_get_item;
}

static void
forget (KontorRecordList *self,
        KontorRecord     *record)
{
  gint64 rowid = kontor_record_get_rowid (record);

  if (g_hash_table_lookup (self->live, &rowid) != record)
    return;

  g_object_weak_unref (G_OBJECT (record), on_record_finalized, self);
  g_hash_table_remove (self->live, &rowid);
}

static void
reload_live (KontorRecordList *self,
             GArray           *rowids)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  /* Collect first, with references: reloading notifies, and handlers may
   * touch the list or drop the last reference to another target. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 rowid = *(gint64 *) key;
      gboolean wanted = rowids->len == 0;

      for (guint i = 0; !wanted && i < rowids->len; i++)
        wanted = g_array_index (rowids, gint64, i) == rowid;
      if (wanted)
        g_ptr_array_add (targets, g_object_ref (value));
    }

  for (guint i = 0; i < targets->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (targets, i);
      g_autoptr(KontorRecord) fresh = NULL;

      fresh = kontor_store_load_by_rowid (self->store, self->item_type,
                                          kontor_record_get_rowid (record), NULL);

      /* A deleted record leaves the list with the refresh below. SQLite
       * gives the row id of a deleted last row to the next new row: that
       * is another record, and the object a view may still hold for the
       * deleted one must not turn into it. */
      if (fresh != NULL &&
          g_strcmp0 (kontor_record_get_id (fresh), kontor_record_get_id (record)) == 0)
        kontor_record_update_from (record, fresh);
      else
        forget (self, record);
    }
}

/* Whether the change of @rowids can change this list: a row that is in
 * it, or one its filter selects now. Most changes concern few lists: a
 * board move touches two of its columns, not every one, nor a hidden
 * table of 100 000 contacts. */
static gboolean
concerns (KontorRecordList *self,
          GArray           *rowids)
{
  const gint64 *rows = (const gint64 *) (gpointer) self->rowids->data;

  /* "many rows" (a rename, a migration), a bulk change, or no filter to
   * ask: run the query */
  if (rowids->len == 0 || rowids->len > 256 || self->item_type != KONTOR_TYPE_CONTACT)
    return TRUE;

  if (rowids->len <= 4)
    {
      for (guint i = 0; i < self->rowids->len; i++)
        {
          for (guint j = 0; j < rowids->len; j++)
            {
              if (rows[i] == g_array_index (rowids, gint64, j))
                return TRUE;
            }
        }
    }
  else
    {
      /* one pass over a 100k list, not one per changed row */
      g_autoptr(GHashTable) changed = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint j = 0; j < rowids->len; j++)
        g_hash_table_add (changed, &g_array_index (rowids, gint64, j));
      for (guint i = 0; i < self->rowids->len; i++)
        {
          if (g_hash_table_contains (changed, &rows[i]))
            return TRUE;
        }
    }

  return kontor_store_rowids_match (self->store, self->filter, rowids, NULL);
}

/* Runs the query again now, or when resumed */
static void
refresh_or_note (KontorRecordList *self)
{
  if (self->paused)
    self->stale = TRUE;
  else
    kontor_record_list_refresh (self, NULL);
}

static void
on_store_changed_cb (KontorRecordList *self,
                     const char       *entity,
                     GArray           *rowids,
                     KontorStore      *store)
{
  g_assert (KONTOR_IS_RECORD_LIST (self));
  g_assert (KONTOR_IS_STORE (store));

  reload_live (self, rowids);
  if (self->paused)
    self->stale = TRUE;
  else if (concerns (self, rowids))
    kontor_record_list_refresh (self, NULL);
}

static void
on_pipeline_status_changed_cb (KontorRecordList *self,
                               const char       *entity,
                               GArray           *rowids,
                               KontorStore      *store)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert (KONTOR_IS_RECORD_LIST (self));

  reload_live (self, all);
  refresh_or_note (self);
}

/* Which contacts a group or team selects changes with its members, its
 * filter, or who is in the team, not with the contacts themselves */
static void
on_membership_changed_cb (KontorRecordList *self,
                          const char       *entity,
                          GArray           *rowids,
                          KontorStore      *store)
{
  g_assert (KONTOR_IS_RECORD_LIST (self));

  if (kontor_filter_get_group_id (self->filter) != NULL ||
      kontor_filter_get_team_id (self->filter) != NULL)
    refresh_or_note (self);
}

/* Which contacts a lead project or status selects, and in which order
 * (KONTOR_SORT_LEAD_RANK), changes with the project's entries, which a
 * board move writes without touching the contact, and with the order of
 * its statuses */
static void
on_lead_changed_cb (KontorRecordList *self,
                    const char       *entity,
                    GArray           *rowids,
                    KontorStore      *store)
{
  g_autoptr(GArray) contacts = NULL;

  g_assert (KONTOR_IS_RECORD_LIST (self));

  if (kontor_filter_get_lead_project_id (self->filter) == NULL &&
      kontor_filter_get_lead_status_id (self->filter) == NULL)
    return;
  if (self->paused)
    {
      self->stale = TRUE;
      return;
    }

  /* A lead moved touches the lists it leaves and joins, not the others
   * of its board: the entries' contacts are asked as a changed contact
   * would be (the list holds one, or the filter takes one now). Entries
   * deleted, many rows, a status or project changed: the query again. */
  if (g_str_equal (entity, "lead_entry") && rowids->len > 0 && rowids->len <= 256)
    contacts = kontor_store_lead_entry_contacts (self->store, rowids, NULL);
  if (contacts == NULL || contacts->len == 0 || concerns (self, contacts))
    kontor_record_list_refresh (self, NULL);
}

static void
on_filter_changed_cb (KontorRecordList *self,
                      KontorFilter     *filter)
{
  g_assert (KONTOR_IS_RECORD_LIST (self));

  refresh_or_note (self);
}

static void
kontor_record_list_constructed (GObject *object)
{
  KontorRecordList *self = KONTOR_RECORD_LIST (object);
  g_autofree char *signal = NULL;
  g_autoptr(GTypeClass) klass = NULL;

  G_OBJECT_CLASS (kontor_record_list_parent_class)->constructed (object);

  g_assert (KONTOR_IS_STORE (self->store));
  g_assert (g_type_is_a (self->item_type, KONTOR_TYPE_RECORD));

  if (self->filter == NULL)
    self->filter = kontor_filter_new ();

  klass = g_type_class_ref (self->item_type);
  signal = g_strconcat ("changed::", KONTOR_RECORD_CLASS (klass)->entity, NULL);
  g_signal_connect_object (self->store, signal, G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* a contact shows its column's name and sorts by the column's place */
  if (self->item_type == KONTOR_TYPE_CONTACT)
    {
      static const char * const memberships[] = {
        "changed::contact_group", "changed::contact_group_member", "changed::app_user",
      };
      static const char * const leads[] = {
        "changed::lead_entry", "changed::lead_status", "changed::lead_project",
      };

      g_signal_connect_object (self->store, "changed::pipeline_status",
                               G_CALLBACK (on_pipeline_status_changed_cb), self,
                               G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (memberships); i++)
        g_signal_connect_object (self->store, memberships[i],
                                 G_CALLBACK (on_membership_changed_cb), self, G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
        g_signal_connect_object (self->store, leads[i],
                                 G_CALLBACK (on_lead_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  refresh_or_note (self);
}

static void
kontor_record_list_dispose (GObject *object)
{
  KontorRecordList *self = KONTOR_RECORD_LIST (object);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, on_record_finalized, self);
  g_hash_table_remove_all (self->live);
  g_queue_clear_full (&self->recent, g_object_unref);

  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kontor_record_list_parent_class)->dispose (object);
}

static void
kontor_record_list_finalize (GObject *object)
{
  KontorRecordList *self = KONTOR_RECORD_LIST (object);

  g_array_unref (self->rowids);
  g_hash_table_unref (self->live);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (kontor_record_list_parent_class)->finalize (object);
}

static void
kontor_record_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KontorRecordList *self = KONTOR_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rowids->len);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_record_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KontorRecordList *self = KONTOR_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ITEM_TYPE:
      self->item_type = g_value_get_gtype (value);
      break;
    case PROP_FILTER:
      self->filter = g_value_dup_object (value);
      break;
    case PROP_PAUSED:
      kontor_record_list_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_record_list_class_init (KontorRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kontor_record_list_constructed;
  object_class->dispose = kontor_record_list_dispose;
  object_class->finalize = kontor_record_list_finalize;
  object_class->get_property = kontor_record_list_get_property;
  object_class->set_property = kontor_record_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KONTOR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, KONTOR_TYPE_RECORD,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, KONTOR_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KontorRecordList:paused:
   *
   * Whether changes wait: a paused list keeps its rows, runs no query and
   * catches up when resumed. Given at construction, it runs no first query
   * either.
   */
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_record_list_init (KontorRecordList *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * kontor_record_list_new:
 * @store: the store
 * @item_type: %KONTOR_TYPE_CONTACT, %KONTOR_TYPE_COMPANY or %KONTOR_TYPE_ACTIVITY
 * @filter: (nullable): the filter; the list follows its changes
 *
 * Returns: (transfer full): a list, already filled
 */
KontorRecordList *
kontor_record_list_new (KontorStore  *store,
                        GType         item_type,
                        KontorFilter *filter)
{
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (filter == NULL || KONTOR_IS_FILTER (filter), NULL);

  return g_object_new (KONTOR_TYPE_RECORD_LIST,
                       "store", store,
                       "item-type", item_type,
                       "filter", filter,
                       NULL);
}

KontorStore *
kontor_record_list_get_store (KontorRecordList *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (self), NULL);

  return self->store;
}

/**
 * kontor_record_list_get_filter:
 * @self: a list
 *
 * Returns: (transfer none): the filter; change it to change the list
 */
KontorFilter *
kontor_record_list_get_filter (KontorRecordList *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (self), NULL);

  return self->filter;
}

/**
 * kontor_record_list_get_error:
 * @self: a list
 *
 * Returns: (nullable): why the last refresh failed, %NULL when it worked
 */
const GError *
kontor_record_list_get_error (KontorRecordList *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (self), NULL);

  return self->error;
}

static void
set_error (KontorRecordList *self,
           GError           *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * kontor_record_list_refresh:
 * @self: a list
 * @error: return location for a #GError
 *
 * Runs the query again and emits one items-changed for the smallest range
 * that differs, none when nothing did; a change that adds more than a few
 * hundred rows (a new sort order, a cleared search) comes as two, first
 * the removal, then the addition. Happens by itself when the store or the
 * filter changes.
 *
 * Returns: %TRUE on success; on failure the list keeps its rows
 */
gboolean
kontor_record_list_refresh (KontorRecordList  *self,
                            GError           **error)
{
  g_autoptr(GArray) fresh = NULL;
  GError *local_error = NULL;
  guint old_len, new_len, prefix, suffix, removed, added;
  const gint64 *a, *b;

  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (self), FALSE);

  fresh = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!kontor_store_query_rowids (self->store, self->item_type, self->filter, fresh,
                                  &local_error))
    {
      if (error != NULL)
        *error = g_error_copy (local_error);
      set_error (self, local_error);
      return FALSE;
    }
  set_error (self, NULL);
  self->stale = FALSE;

  old_len = self->rowids->len;
  new_len = fresh->len;
  a = (const gint64 *) (gpointer) self->rowids->data;
  b = (const gint64 *) (gpointer) fresh->data;

  for (prefix = 0; prefix < old_len && prefix < new_len && a[prefix] == b[prefix]; prefix++)
    ;
  for (suffix = 0;
       suffix < old_len - prefix && suffix < new_len - prefix &&
       a[old_len - 1 - suffix] == b[new_len - 1 - suffix];
       suffix++)
    ;

  if (prefix == old_len && prefix == new_len)
    return TRUE;

  removed = old_len - prefix - suffix;
  added = new_len - prefix - suffix;

  /* GTK 4.8's list views look for the rows they keep (the scroll anchor,
   * the focus) in the added range of a change, by get_item() on every added
   * position: a new sort order of 100 000 contacts would load them all from
   * SQLite (seconds). Telling a large change as "removed", then "added"
   * leaves nothing to look for. The list is briefly shorter in between. */
  if (added > SPLIT_ADDED && removed > 0)
    {
      g_array_remove_range (self->rowids, prefix, removed);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
      g_array_unref (self->rowids);
      self->rowids = g_steal_pointer (&fresh);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
    }
  else
    {
      g_array_unref (self->rowids);
      self->rowids = g_steal_pointer (&fresh);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }
  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

/**
 * kontor_record_list_set_paused:
 * @self: a list
 * @paused: whether changes should wait
 *
 * Pauses the list while nothing shows it, so that changes cost it nothing;
 * resuming runs the query once if anything changed in between.
 */
void
kontor_record_list_set_paused (KontorRecordList *self,
                               gboolean          paused)
{
  g_return_if_fail (KONTOR_IS_RECORD_LIST (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  /* a refresh that fails leaves the list stale, to try again */
  if (!paused && self->stale)
    kontor_record_list_refresh (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/**
 * kontor_record_list_get_paused:
 * @self: a list
 *
 * Returns: whether the list is paused
 */
gboolean
kontor_record_list_get_paused (KontorRecordList *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (self), FALSE);

  return self->paused;
}

/**
 * kontor_record_list_find_rowid:
 * @self: a list
 * @rowid: a row id
 *
 * Returns: the position of @rowid, or %G_MAXUINT when it is not in the list
 */
guint
kontor_record_list_find_rowid (KontorRecordList *self,
                               gint64            rowid)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->rowids->len; i++)
    {
      if (g_array_index (self->rowids, gint64, i) == rowid)
        return i;
    }

  return G_MAXUINT;
}

/**
 * kontor_record_list_get_rowids:
 * @self: a list
 *
 * Returns: (transfer none) (element-type gint64): the row ids of the
 *   list's records, in its order; not to be changed
 */
GArray *
kontor_record_list_get_rowids (KontorRecordList *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (self), NULL);

  return self->rowids;
}

/**
 * kontor_record_list_find:
 * @self: a list
 * @id: a record id
 *
 * Returns: the position of the record with @id, or %G_MAXUINT
 */
guint
kontor_record_list_find (KontorRecordList *self,
                         const char       *id)
{
  g_autoptr(KontorRecord) record = NULL;

  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  record = kontor_store_load (self->store, self->item_type, id, NULL);
  if (record == NULL)
    return G_MAXUINT;

  return kontor_record_list_find_rowid (self, kontor_record_get_rowid (record));
}
