/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

#include "kontor-field.h"
#include "kontor-types.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_RECORD (kontor_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (KontorRecord, kontor_record, KONTOR, RECORD, GObject)

/**
 * KontorRecordClass:
 * @entity: the entity name: SQL table and sync entity ("contact")
 * @fields: the field table, installed as properties
 * @n_fields: length of @fields
 * @field_changed: called after field @index changed, to notify derived
 *   properties such as a display name
 * @dup_display_name: how a person reads the record's name
 * @validate: the rules of the record kind beyond those every field has;
 *   @old is the stored version of a change, %NULL for a new record. Called
 *   by kontor_record_validate() after the field rules passed.
 *
 * Base class of everything the store keeps: id, times and revision are
 * common, the rest comes from the subclass's field table.
 */
struct _KontorRecordClass
{
  GObjectClass parent_class;

  const char        *entity;
  const KontorField *fields;
  guint              n_fields;
  GParamSpec       **field_pspecs;

  void      (*field_changed)    (KontorRecord  *self,
                                 guint          index);
  char     *(*dup_display_name) (KontorRecord  *self);
  gboolean  (*validate)         (KontorRecord  *self,
                                 KontorRecord  *old,
                                 GError       **error);
};

void                kontor_record_class_install_fields (KontorRecordClass  *klass,
                                                        const char         *entity,
                                                        const KontorField  *fields,
                                                        guint               n_fields);
const KontorField  *kontor_record_class_find_field     (KontorRecordClass  *klass,
                                                        const char         *column,
                                                        guint              *index);

const char         *kontor_record_get_entity           (KontorRecord       *self);
const KontorField  *kontor_record_get_fields           (KontorRecord       *self,
                                                        guint              *n_fields);
const char         *kontor_record_get_id               (KontorRecord       *self);
void                kontor_record_set_id               (KontorRecord       *self,
                                                        const char         *id);
gint64              kontor_record_get_rowid            (KontorRecord       *self);
void                kontor_record_set_rowid            (KontorRecord       *self,
                                                        gint64              rowid);
gint64              kontor_record_get_created_at       (KontorRecord       *self);
void                kontor_record_set_created_at       (KontorRecord       *self,
                                                        gint64              created_at);
gint64              kontor_record_get_updated_at       (KontorRecord       *self);
void                kontor_record_set_updated_at       (KontorRecord       *self,
                                                        gint64              updated_at);
gint64              kontor_record_get_rev              (KontorRecord       *self);
void                kontor_record_set_rev              (KontorRecord       *self,
                                                        gint64              rev);
char               *kontor_record_dup_display_name     (KontorRecord       *self);

const GValue       *kontor_record_get_value            (KontorRecord       *self,
                                                        guint               index);
void                kontor_record_set_value            (KontorRecord       *self,
                                                        guint               index,
                                                        const GValue       *value);
void                kontor_record_take_value           (KontorRecord       *self,
                                                        guint               index,
                                                        GValue             *value);

const char         *kontor_record_get_string           (KontorRecord       *self,
                                                        guint               index);
void                kontor_record_set_string           (KontorRecord       *self,
                                                        guint               index,
                                                        const char         *value);
gboolean            kontor_record_get_boolean          (KontorRecord       *self,
                                                        guint               index);
void                kontor_record_set_boolean          (KontorRecord       *self,
                                                        guint               index,
                                                        gboolean            value);
gint64              kontor_record_get_int64            (KontorRecord       *self,
                                                        guint               index);
void                kontor_record_set_int64            (KontorRecord       *self,
                                                        guint               index,
                                                        gint64              value);
int                 kontor_record_get_enum             (KontorRecord       *self,
                                                        guint               index);
void                kontor_record_set_enum             (KontorRecord       *self,
                                                        guint               index,
                                                        int                 value);
GPtrArray          *kontor_record_get_channels         (KontorRecord       *self,
                                                        guint               index);
void                kontor_record_set_channels         (KontorRecord       *self,
                                                        guint               index,
                                                        GPtrArray          *channels);
const char * const *kontor_record_get_refs             (KontorRecord       *self,
                                                        guint               index);
void                kontor_record_set_refs             (KontorRecord       *self,
                                                        guint               index,
                                                        const char * const *refs);

KontorRecord       *kontor_record_copy                 (KontorRecord       *self);
void                kontor_record_apply_changes        (KontorRecord       *self,
                                                        KontorRecord       *shown,
                                                        KontorRecord       *edited);
GArray             *kontor_record_diff                 (KontorRecord       *self,
                                                        KontorRecord       *other);
void                kontor_record_update_from          (KontorRecord       *self,
                                                        KontorRecord       *other);

G_END_DECLS
