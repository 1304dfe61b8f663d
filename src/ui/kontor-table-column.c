/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-table"

#include "config.h"

#include "kontor-table-private.h"

/* KontorTableColumn: one column of a KontorTable, what it is called and
 * how wide it is, and its cells' factory: setup makes a cell once per row
 * widget, bind shows an item in it, unbind lets go of it. The table tells
 * the cells of a row widget which item to show; see "Lists" in
 * src/README.md. */

struct _KontorTableColumn
{
  GObject               parent_instance;

  char                 *id;
  char                 *title;
  KontorTableCellSetup  setup;
  KontorTableCellBind   bind;
  KontorTableCellBind   unbind;
  gpointer              user_data;
  GDestroyNotify        destroy;
  guint                 slot;
  guint                 nat_chars;
  int                   fixed_width;
  guint                 expand : 1;
  guint                 resizable : 1;
  guint                 visible : 1;
  guint                 hideable : 1;
  guint                 sortable : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_EXPAND,
  PROP_NAT_CHARS,
  PROP_FIXED_WIDTH,
  PROP_RESIZABLE,
  PROP_VISIBLE,
  PROP_HIDEABLE,
  PROP_SORTABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorTableColumn, kontor_table_column, G_TYPE_OBJECT)

static void
kontor_table_column_finalize (GObject *object)
{
  KontorTableColumn *self = KONTOR_TABLE_COLUMN (object);

  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_free (self->id);
  g_free (self->title);

  G_OBJECT_CLASS (kontor_table_column_parent_class)->finalize (object);
}

static void
kontor_table_column_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KontorTableColumn *self = KONTOR_TABLE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_EXPAND:
      g_value_set_boolean (value, self->expand);
      break;
    case PROP_NAT_CHARS:
      g_value_set_uint (value, self->nat_chars);
      break;
    case PROP_FIXED_WIDTH:
      g_value_set_int (value, self->fixed_width);
      break;
    case PROP_RESIZABLE:
      g_value_set_boolean (value, self->resizable);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    case PROP_HIDEABLE:
      g_value_set_boolean (value, self->hideable);
      break;
    case PROP_SORTABLE:
      g_value_set_boolean (value, self->sortable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_table_column_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KontorTableColumn *self = KONTOR_TABLE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_EXPAND:
      kontor_table_column_set_expand (self, g_value_get_boolean (value));
      break;
    case PROP_NAT_CHARS:
      kontor_table_column_set_nat_chars (self, g_value_get_uint (value));
      break;
    case PROP_FIXED_WIDTH:
      kontor_table_column_set_fixed_width (self, g_value_get_int (value));
      break;
    case PROP_RESIZABLE:
      kontor_table_column_set_resizable (self, g_value_get_boolean (value));
      break;
    case PROP_VISIBLE:
      kontor_table_column_set_visible (self, g_value_get_boolean (value));
      break;
    case PROP_HIDEABLE:
      kontor_table_column_set_hideable (self, g_value_get_boolean (value));
      break;
    case PROP_SORTABLE:
      kontor_table_column_set_sortable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_table_column_class_init (KontorTableColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kontor_table_column_finalize;
  object_class->get_property = kontor_table_column_get_property;
  object_class->set_property = kontor_table_column_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPAND] = g_param_spec_boolean ("expand", NULL, NULL, FALSE, flags);
  properties[PROP_NAT_CHARS] = g_param_spec_uint ("nat-chars", NULL, NULL, 0, 1000, 12, flags);
  properties[PROP_FIXED_WIDTH] = g_param_spec_int ("fixed-width", NULL, NULL, -1, 100000, -1,
                                                   flags);
  properties[PROP_RESIZABLE] = g_param_spec_boolean ("resizable", NULL, NULL, TRUE, flags);
  properties[PROP_VISIBLE] = g_param_spec_boolean ("visible", NULL, NULL, TRUE, flags);
  properties[PROP_HIDEABLE] = g_param_spec_boolean ("hideable", NULL, NULL, TRUE, flags);
  properties[PROP_SORTABLE] = g_param_spec_boolean ("sortable", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_table_column_init (KontorTableColumn *self)
{
  self->nat_chars = 12;
  self->fixed_width = -1;
  self->resizable = TRUE;
  self->visible = TRUE;
  self->hideable = TRUE;
  self->sortable = TRUE;
  self->slot = G_MAXUINT;
}

/**
 * kontor_table_column_new:
 * @id: what settings and the sort order call the column
 * @title: its title, translated
 * @setup: makes a cell
 * @bind: shows an item in a cell
 * @unbind: (nullable): lets go of the item a cell shows
 * @user_data: passed to the three
 * @destroy: (nullable): frees @user_data with the column
 *
 * Returns: (transfer full): a new column, to add with kontor_table_append_column()
 */
KontorTableColumn *
kontor_table_column_new (const char           *id,
                         const char           *title,
                         KontorTableCellSetup  setup,
                         KontorTableCellBind   bind,
                         KontorTableCellBind   unbind,
                         gpointer              user_data,
                         GDestroyNotify        destroy)
{
  KontorTableColumn *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (setup != NULL, NULL);
  g_return_val_if_fail (bind != NULL, NULL);

  self = g_object_new (KONTOR_TYPE_TABLE_COLUMN, "id", id, "title", title, NULL);
  self->setup = setup;
  self->bind = bind;
  self->unbind = unbind;
  self->user_data = user_data;
  self->destroy = destroy;

  return self;
}

const char *
kontor_table_column_get_id (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), NULL);

  return self->id;
}

const char *
kontor_table_column_get_title (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), NULL);

  return self->title;
}

gboolean
kontor_table_column_get_expand (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), FALSE);

  return self->expand;
}

/**
 * kontor_table_column_set_expand:
 * @self: a column
 * @expand: whether the column takes a share of the width left over
 */
void
kontor_table_column_set_expand (KontorTableColumn *self,
                                gboolean           expand)
{
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (self));

  if (self->expand == !!expand)
    return;

  self->expand = !!expand;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPAND]);
}

guint
kontor_table_column_get_nat_chars (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), 0);

  return self->nat_chars;
}

/**
 * kontor_table_column_set_nat_chars:
 * @self: a column
 * @nat_chars: how many average characters wide the column is
 */
void
kontor_table_column_set_nat_chars (KontorTableColumn *self,
                                   guint              nat_chars)
{
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (self));

  if (self->nat_chars == nat_chars)
    return;

  self->nat_chars = nat_chars;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAT_CHARS]);
}

int
kontor_table_column_get_fixed_width (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), -1);

  return self->fixed_width;
}

/**
 * kontor_table_column_set_fixed_width:
 * @self: a column
 * @fixed_width: the width in pixels, or -1 for the one of its nat-chars
 *
 * What dragging the column's right edge sets.
 */
void
kontor_table_column_set_fixed_width (KontorTableColumn *self,
                                     int                fixed_width)
{
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (self));

  fixed_width = MAX (fixed_width, -1);
  if (self->fixed_width == fixed_width)
    return;

  self->fixed_width = fixed_width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIXED_WIDTH]);
}

gboolean
kontor_table_column_get_resizable (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), FALSE);

  return self->resizable;
}

void
kontor_table_column_set_resizable (KontorTableColumn *self,
                                   gboolean           resizable)
{
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (self));

  if (self->resizable == !!resizable)
    return;

  self->resizable = !!resizable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESIZABLE]);
}

gboolean
kontor_table_column_get_visible (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), FALSE);

  return self->visible;
}

/**
 * kontor_table_column_set_visible:
 * @self: a column
 * @visible: whether the table shows the column
 *
 * A column that is not hideable stays visible.
 */
void
kontor_table_column_set_visible (KontorTableColumn *self,
                                 gboolean           visible)
{
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (self));

  if (!self->hideable)
    visible = TRUE;
  if (self->visible == !!visible)
    return;

  self->visible = !!visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

gboolean
kontor_table_column_get_hideable (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), FALSE);

  return self->hideable;
}

/**
 * kontor_table_column_set_hideable:
 * @self: a column
 * @hideable: whether the column menu may hide the column
 */
void
kontor_table_column_set_hideable (KontorTableColumn *self,
                                  gboolean           hideable)
{
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (self));

  if (self->hideable == !!hideable)
    return;

  self->hideable = !!hideable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDEABLE]);
  if (!hideable)
    kontor_table_column_set_visible (self, TRUE);
}

gboolean
kontor_table_column_get_sortable (KontorTableColumn *self)
{
  g_return_val_if_fail (KONTOR_IS_TABLE_COLUMN (self), FALSE);

  return self->sortable;
}

/**
 * kontor_table_column_set_sortable:
 * @self: a column
 * @sortable: whether clicking the column's title sorts by it
 */
void
kontor_table_column_set_sortable (KontorTableColumn *self,
                                  gboolean           sortable)
{
  g_return_if_fail (KONTOR_IS_TABLE_COLUMN (self));

  if (self->sortable == !!sortable)
    return;

  self->sortable = !!sortable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORTABLE]);
}

guint
_kontor_table_column_get_slot (KontorTableColumn *self)
{
  return self->slot;
}

void
_kontor_table_column_set_slot (KontorTableColumn *self,
                               guint              slot)
{
  self->slot = slot;
}

GtkWidget *
_kontor_table_column_setup (KontorTableColumn *self)
{
  return self->setup (self, self->user_data);
}

void
_kontor_table_column_bind (KontorTableColumn *self,
                           GtkWidget         *cell,
                           gpointer           item)
{
  self->bind (self, cell, item, self->user_data);
}

void
_kontor_table_column_unbind (KontorTableColumn *self,
                             GtkWidget         *cell,
                             gpointer           item)
{
  if (self->unbind != NULL)
    self->unbind (self, cell, item, self->user_data);
}
