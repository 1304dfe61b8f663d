/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* How the store treats one record type: its tables, what it derives for
 * sorting and searching, and its hooks. Each entity's file (kontor-store-
 * contact.c, …) defines one, kontor-store-migrations.c registers them all
 * before the first store opens, and the generic files below the entities
 * (crud, children, index) call the hooks only through it. */

#include "kontor-store-db.h"

G_BEGIN_DECLS

#define KONTOR_STORE_N_SEARCH_COLUMNS 6   /* name, company, email, phone, number, notes */
#define KONTOR_STORE_MAX_SORT_COLUMNS 5

typedef struct _KontorEntityInfo KontorEntityInfo;

struct _KontorEntityInfo
{
  GType       (*get_type) (void);
  const char   *table;
  gboolean      outbox;               /* local changes are sent to the server */
  const char   *channel_table;
  const char   *link_table;
  const char   *sort_columns[KONTOR_STORE_MAX_SORT_COLUMNS + 1];
  const char   *search_table;
  /* indexes of list orders only, which no statement of a save reads: a
   * large import makes them anew at its end (kontor_store_save_all()) */
  const char   *order_indexes[10];
  const char   *derived_select;       /* extra columns for derived fields */
  const char   *derived_joins;

  /* owned sort texts in sort_columns order; natural[i] sorts numbers by value */
  void     (*sort_texts)      (KontorStore   *self,
                               KontorRecord  *record,
                               char         **texts,
                               gboolean      *natural);
  void     (*search_document) (KontorStore   *self,
                               KontorRecord  *record,
                               GString      **columns);
  /* whether field @index, though not a search field, is in the document
   * (a contact's company id: the document holds the company's name) */
  gboolean (*in_search_document) (guint      index);
  void     (*load_derived)    (KontorRecord  *record,
                               sqlite3_stmt  *stmt,
                               int            first_column);
  /* fills derived fields the sort keys and search document need, before
   * an insert or update */
  void     (*derive)          (KontorStore   *self,
                               KontorRecord  *record);

  /* before a save: rules, defaults; @old is %NULL for a new record */
  gboolean (*check)           (KontorStore   *self,
                               KontorRecord  *record,
                               KontorRecord  *old,
                               GError       **error);
  /* instead of check, for a record as the team server sends it: what
   * this machine's own settings refuse (kontor-store-sync.c) */
  gboolean (*remote_check)    (KontorStore   *self,
                               KontorRecord  *record,
                               KontorRecord  *old,
                               GError       **error);
  /* after an update, in the same transaction */
  gboolean (*after_update)    (KontorStore   *self,
                               KontorRecord  *record,
                               GArray        *changed,
                               GError       **error);
  /* after an insert (@old %NULL), an update, or a delete (@record %NULL,
   * @old as it was stored), in the same transaction, on every path
   * (a form, an undo, the sync engine): what other rows keep of it (an
   * activity: its contact's last activity) */
  gboolean (*after_write)     (KontorStore   *self,
                               KontorRecord  *record,
                               KontorRecord  *old,
                               GError       **error);
  gboolean (*check_delete)    (KontorStore   *self,
                               KontorRecord  *stored,
                               GError       **error);
  /* rows of other records derived from @stored (a company's contacts),
   * collected before the delete and handed to after_delete once it is gone */
  GArray  *(*before_delete)   (KontorStore   *self,
                               KontorRecord  *stored,
                               GError       **error);
  gboolean (*after_delete)    (KontorStore   *self,
                               GArray        *dependents,
                               GError       **error);

  /* SQL made once from the field table, when the entity is registered */
  char         *insert_sql;
  char         *select_sql;
  char         *search_insert_sql;    /* %NULL without search documents */
  char         *search_delete_sql;    /* %NULL without search documents */
  char         *channel_insert_sql;   /* %NULL without a channel table */
  char         *sort_keys_sql;        /* %NULL without sort keys */
};

G_END_DECLS
