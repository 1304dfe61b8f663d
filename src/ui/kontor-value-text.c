/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Field values stored as JSON (the journal's, a sync conflict's) in the
 * words a person reads: the history of a record and the conflicts both
 * show them. */

#define G_LOG_DOMAIN "kontor-value-text"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-activity.h"
#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-format.h"
#include "kontor-pipeline-status.h"
#include "kontor-record-json.h"
#include "kontor-team.h"
#include "kontor-user.h"
#include "kontor-value-text.h"

/* The kind of record a reference field points at, by its column */
static GType
ref_type (const char *column)
{
  if (g_str_equal (column, "company_id"))
    return KONTOR_TYPE_COMPANY;
  if (g_str_equal (column, "pipeline_status_id"))
    return KONTOR_TYPE_PIPELINE_STATUS;
  if (g_str_equal (column, "assigned_team_id"))
    return KONTOR_TYPE_TEAM;
  if (g_str_equal (column, "contact_id"))
    return KONTOR_TYPE_CONTACT;

  return G_TYPE_INVALID;
}

/* @ids as a person reads them: each one's name (kontor_value_text_dup_name()),
 * or the id itself for G_TYPE_INVALID, joined by ", " */
static char *
dup_names (KontorStore        *store,
           GType               type,
           const char * const *ids)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *name = kontor_value_text_dup_name (store, type, ids[i]);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }

  return g_string_free (names, FALSE);
}

/* An activity's participants, files and links (JSON lists, feature A4,
 * A5) as a person reads them: names, file names with sizes, the links */
static char *
dup_activity_list (KontorStore    *store,
                   KontorActivity *activity,
                   const char     *column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) ids = NULL;
  GType type = G_TYPE_INVALID;

  if (g_str_equal (column, "attachments"))
    {
      g_autoptr(GPtrArray) files = kontor_activity_dup_attachments (activity);

      for (guint i = 0; i < files->len; i++)
        {
          const KontorAttachment *file = g_ptr_array_index (files, i);
          g_autofree char *size = g_format_size (file->size);

          if (text->len > 0)
            g_string_append (text, ", ");
          /* Translators: a file in a change history, "offer.pdf (12 kB)" */
          g_string_append_printf (text, _("%s (%s)"), file->name, size);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (g_str_equal (column, "links"))
    ids = kontor_activity_dup_link_list (activity);
  else if (g_str_equal (column, "participant_contacts"))
    {
      ids = kontor_activity_dup_participant_contact_ids (activity);
      type = KONTOR_TYPE_CONTACT;
    }
  else
    {
      ids = kontor_activity_dup_participant_user_ids (activity);
      type = KONTOR_TYPE_USER;
    }

  return dup_names (store, type, (const char * const *) ids);
}

static gboolean
is_activity_list (GType       type,
                  const char *column)
{
  return g_type_is_a (type, KONTOR_TYPE_ACTIVITY) &&
         (g_str_equal (column, "attachments") || g_str_equal (column, "links") ||
          g_str_equal (column, "participant_contacts") ||
          g_str_equal (column, "participant_users"));
}

/**
 * kontor_value_text_dup_name:
 * @store: the store
 * @type: the kind of record, %G_TYPE_INVALID when not known
 * @id: (nullable): the record's id
 *
 * Returns: (transfer full) (nullable): the record's name, "(deleted)" when
 *   it is gone, @id itself for an unknown kind
 */
char *
kontor_value_text_dup_name (KontorStore *store,
                            GType        type,
                            const char  *id)
{
  g_autoptr(KontorRecord) record = NULL;

  if (type == G_TYPE_INVALID || id == NULL)
    return g_strdup (id);

  record = kontor_store_load (store, type, id, NULL);

  /* Translators: a record that is gone, in a change history */
  return record != NULL ? kontor_record_dup_display_name (record) : g_strdup (_("(deleted)"));
}

/**
 * kontor_value_text_dup:
 * @store: the store, for the names of referenced records
 * @type: the kind of record the field is of
 * @field: the field
 * @json: (nullable): a value of it as JSON (the journal's, a conflict's)
 *
 * Returns: (transfer full): the value as a person reads it: names instead
 *   of ids, dates as the user writes them, "none" for nothing
 */
char *
kontor_value_text_dup (KontorStore       *store,
                       GType              type,
                       const KontorField *field,
                       const char        *json)
{
  g_autoptr(KontorRecord) scratch = NULL;
  g_autofree char *object = NULL;
  const GValue *value;
  guint index;

  if (json == NULL || g_str_equal (json, "null") || g_str_equal (json, "[]"))
    /* Translators: an empty value in a change history */
    return g_strdup (_("none"));

  /* the model reads the value as the field's type */
  scratch = g_object_new (type, NULL);
  object = g_strdup_printf ("{\"%s\":%s}", field->column, json);
  if (!kontor_record_update_from_json_string (scratch, object, NULL) ||
      kontor_record_class_find_field (KONTOR_RECORD_GET_CLASS (scratch), field->column,
                                      &index) == NULL)
    return g_strdup (json);
  value = kontor_record_get_value (scratch, index);

  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
      if (is_activity_list (type, field->column))
        return dup_activity_list (store, KONTOR_ACTIVITY (scratch), field->column);
      return g_value_dup_string (value);
    case KONTOR_FIELD_TYPE_BOOLEAN:
      return g_strdup (g_value_get_boolean (value) ? _("yes") : _("no"));
    case KONTOR_FIELD_TYPE_INT64:
      return kontor_format_date (g_value_get_int64 (value));
    case KONTOR_FIELD_TYPE_DATE:
      return kontor_format_iso_date (g_value_get_string (value));
    case KONTOR_FIELD_TYPE_REF:
      return kontor_value_text_dup_name (store, ref_type (field->column), g_value_get_string (value));
    case KONTOR_FIELD_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (value));
        GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (value));

        if (g_type_is_a (type, KONTOR_TYPE_CONTACT) && g_str_equal (field->column, "status"))
          return g_strdup (kontor_contact_status_to_string (g_value_get_enum (value)));
        return g_strdup (enum_value != NULL ? enum_value->value_nick : json);
      }
    case KONTOR_FIELD_TYPE_REFS:
      return dup_names (store, KONTOR_TYPE_USER, g_value_get_boxed (value));
    case KONTOR_FIELD_TYPE_CHANNELS:
    default:
      return g_strdup (json);
    }
}

