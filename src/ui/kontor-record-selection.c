/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-record-selection"

#include "config.h"

#include "kontor-record-selection.h"

/**
 * KontorRecordSelection:
 *
 * A multiple selection over a #KontorRecordList (feature L6, src/README.md:
 * the contacts table's check boxes, Ctrl+click, Shift+click, Ctrl+A).
 *
 * Why not #GtkMultiSelection: GTK 4.8's keeps every selected item
 * alive in a hash table, and takes it with get_item() when it is
 * selected, so that it can find it again after a change of the list.
 * Over a #KontorRecordList each get_item() is a record loaded from SQLite:
 * Ctrl+A on 100 000 contacts would load all of them (seconds, and the
 * memory the list exists to save). This selection is a #GtkBitset of
 * positions and the sorted row ids of the selected records, which the
 * list holds anyway; it never asks for an item. Selecting everything is
 * one range, and a copy of 800 KB of row ids.
 *
 * A refresh of the list (a search, a new sort order, a change from
 * elsewhere) keeps the records selected wherever they land: the added
 * positions are looked up among the selected row ids. Records that leave
 * the list stay selected while hidden and come back selected, until the
 * selection is changed: then it is what is shown. The list tells a large
 * change as a removal and then an addition (kontor_record_list_refresh()),
 * which is why the row ids outlive the positions in between.
 */
struct _KontorRecordSelection
{
  GObject           parent_instance;

  KontorRecordList *list;
  GtkBitset        *selected;   /* positions */
  GArray           *rowids;     /* gint64, sorted: the selected records, shown or not */
  guint             n_selected; /* as last told */
};

enum {
  PROP_0,
  PROP_LIST,
  PROP_N_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorRecordSelection, kontor_record_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
rowid_is_selected (KontorRecordSelection *self,
                   gint64                 rowid)
{
  return self->rowids->len > 0 &&
         bsearch (&rowid, self->rowids->data, self->rowids->len, sizeof (gint64),
                  compare_rowids) != NULL;
}

static void
notify_n_selected (KontorRecordSelection *self)
{
  guint n = (guint) gtk_bitset_get_size (self->selected);

  if (n == self->n_selected)
    return;

  self->n_selected = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

/* Appends the row ids of the selected positions, in the list's order */
static void
append_rowids (KontorRecordSelection *self,
               GArray                *rowids)
{
  GArray *all = kontor_record_list_get_rowids (self->list);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, self->selected, &position);
       more && position < all->len;
       more = gtk_bitset_iter_next (&iter, &position))
    g_array_append_val (rowids, g_array_index (all, gint64, position));
}

/* The selected row ids anew from the positions: what is shown is what is
 * selected */
static void
remember_rowids (KontorRecordSelection *self)
{
  g_array_set_size (self->rowids, 0);
  append_rowids (self, self->rowids);
  g_array_sort (self->rowids, compare_rowids);
}

/* GListModel: the list's items, asked for only by who shows them */

static GType
kontor_record_selection_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (G_LIST_MODEL (KONTOR_RECORD_SELECTION (model)->list));
}

static guint
kontor_record_selection_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (KONTOR_RECORD_SELECTION (model)->list));
}

static gpointer
kontor_record_selection_get_item (GListModel *model,
                                  guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (KONTOR_RECORD_SELECTION (model)->list), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kontor_record_selection_get_item_type;
  iface->get_n_items = kontor_record_selection_get_n_items;
  iface->get_item = kontor_record_selection_get_item;
}

/* GtkSelectionModel: select_item(), select_all() and the rest come from
 * GTK's defaults, which call set_selection() */

static gboolean
kontor_record_selection_is_selected (GtkSelectionModel *model,
                                     guint              position)
{
  return gtk_bitset_contains (KONTOR_RECORD_SELECTION (model)->selected, position);
}

static GtkBitset *
kontor_record_selection_get_selection_in_range (GtkSelectionModel *model,
                                                guint              position,
                                                guint              n_items)
{
  GtkBitset *range = gtk_bitset_new_range (position, n_items);

  gtk_bitset_intersect (range, KONTOR_RECORD_SELECTION (model)->selected);

  return range;
}

static gboolean
kontor_record_selection_set_selection (GtkSelectionModel *model,
                                       GtkBitset         *selected,
                                       GtkBitset         *mask)
{
  KontorRecordSelection *self = KONTOR_RECORD_SELECTION (model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autoptr(GtkBitset) changes = gtk_bitset_copy (selected);
  g_autoptr(GtkBitset) chosen = NULL;
  guint min, max;

  /* (what is selected XOR what is asked) within the mask, in the list */
  gtk_bitset_difference (changes, self->selected);
  gtk_bitset_intersect (changes, mask);
  if (n == 0)
    gtk_bitset_remove_all (changes);
  else
    gtk_bitset_remove_range_closed (changes, n, G_MAXUINT);
  if (gtk_bitset_is_empty (changes))
    {
      /* unselecting with nothing shown selected: the hidden ones go too */
      if (gtk_bitset_is_empty (self->selected))
        g_array_set_size (self->rowids, 0);
      return TRUE;
    }

  min = gtk_bitset_get_minimum (changes);
  max = gtk_bitset_get_maximum (changes);

  chosen = gtk_bitset_copy (selected);
  gtk_bitset_intersect (chosen, mask);
  gtk_bitset_subtract (self->selected, mask);
  gtk_bitset_union (self->selected, chosen);
  gtk_bitset_remove_range_closed (self->selected, n, G_MAXUINT);

  remember_rowids (self);
  gtk_selection_model_selection_changed (model, min, max - min + 1);
  notify_n_selected (self);

  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = kontor_record_selection_is_selected;
  iface->get_selection_in_range = kontor_record_selection_get_selection_in_range;
  iface->set_selection = kontor_record_selection_set_selection;
}

static void
on_items_changed_cb (KontorRecordSelection *self,
                     guint                  position,
                     guint                  removed,
                     guint                  added,
                     GListModel            *list)
{
  gtk_bitset_splice (self->selected, position, removed, added);

  /* the selected records among those that came (back) */
  if (added > 0 && self->rowids->len > 0)
    {
      GArray *all = kontor_record_list_get_rowids (self->list);

      for (guint i = position; i < position + added && i < all->len; i++)
        {
          if (rowid_is_selected (self, g_array_index (all, gint64, i)))
            gtk_bitset_add (self->selected, i);
        }
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  notify_n_selected (self);
}

/* A selected record deleted while hidden leaves the selection: SQLite
 * may give its row id to the next contact made, which would come in
 * selected. Only the changed rows that are selected and not shown are
 * looked up. */
static void
on_store_changed_cb (KontorRecordSelection *self,
                     const char            *entity,
                     GArray                *changed,
                     KontorStore           *store)
{
  for (guint i = 0; i < changed->len; i++)
    {
      gint64 rowid = g_array_index (changed, gint64, i);
      gint64 *found;
      g_autoptr(KontorRecord) record = NULL;
      g_autoptr(GError) error = NULL;

      if (self->rowids->len == 0)
        return;
      found = bsearch (&rowid, self->rowids->data, self->rowids->len, sizeof (gint64),
                       compare_rowids);
      if (found == NULL || kontor_record_list_find_rowid (self->list, rowid) != G_MAXUINT)
        continue;

      record = kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT, rowid, &error);
      if (record == NULL && g_error_matches (error, KONTOR_STORE_ERROR,
                                             KONTOR_STORE_ERROR_NOT_FOUND))
        g_array_remove_index (self->rowids, found - (gint64 *) self->rowids->data);
    }
}

static void
kontor_record_selection_dispose (GObject *object)
{
  KontorRecordSelection *self = KONTOR_RECORD_SELECTION (object);

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->list, self);
      g_signal_handlers_disconnect_by_data (kontor_record_list_get_store (self->list), self);
    }
  g_clear_object (&self->list);

  G_OBJECT_CLASS (kontor_record_selection_parent_class)->dispose (object);
}

static void
kontor_record_selection_finalize (GObject *object)
{
  KontorRecordSelection *self = KONTOR_RECORD_SELECTION (object);

  gtk_bitset_unref (self->selected);
  g_array_unref (self->rowids);

  G_OBJECT_CLASS (kontor_record_selection_parent_class)->finalize (object);
}

static void
kontor_record_selection_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  KontorRecordSelection *self = KONTOR_RECORD_SELECTION (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_record_selection_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KontorRecordSelection *self = KONTOR_RECORD_SELECTION (object);

  switch (prop_id)
    {
    case PROP_LIST:
      self->list = g_value_dup_object (value);
      g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (kontor_record_list_get_store (self->list), "changed::contact",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_record_selection_class_init (KontorRecordSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_record_selection_dispose;
  object_class->finalize = kontor_record_selection_finalize;
  object_class->get_property = kontor_record_selection_get_property;
  object_class->set_property = kontor_record_selection_set_property;

  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, KONTOR_TYPE_RECORD_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * KontorRecordSelection:n-selected:
   *
   * How many records of the list are selected (those hidden by a
   * refresh not counted)
   */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_record_selection_init (KontorRecordSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * kontor_record_selection_new:
 * @list: the records to select from
 *
 * Returns: (transfer full): a selection with nothing selected
 */
KontorRecordSelection *
kontor_record_selection_new (KontorRecordList *list)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_LIST (list), NULL);

  return g_object_new (KONTOR_TYPE_RECORD_SELECTION, "list", list, NULL);
}

KontorRecordList *
kontor_record_selection_get_list (KontorRecordSelection *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_SELECTION (self), NULL);

  return self->list;
}

guint
kontor_record_selection_get_n_selected (KontorRecordSelection *self)
{
  g_return_val_if_fail (KONTOR_IS_RECORD_SELECTION (self), 0);

  return self->n_selected;
}

/**
 * kontor_record_selection_dup_rowids:
 * @self: a selection
 *
 * Returns: (transfer full) (element-type gint64): the row ids of the
 *   selected records shown, in the list's order
 */
GArray *
kontor_record_selection_dup_rowids (KontorRecordSelection *self)
{
  GArray *rowids;

  g_return_val_if_fail (KONTOR_IS_RECORD_SELECTION (self), NULL);

  rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->n_selected);
  append_rowids (self, rowids);

  return rowids;
}
