/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-pipeline-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-pipeline-status.h"
#include "kontor-record-private.h"
#include "kontor-rules-private.h"

/**
 * KontorPipelineStatus:
 *
 * One column of the pipeline board (feature P2, src/README.md). The statuses a database
 * starts with have a @key and no @name, so they show in the user's language;
 * renaming one sets @name.
 */
struct _KontorPipelineStatus
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED

static const KontorField pipeline_status_fields[KONTOR_PIPELINE_STATUS_N_FIELDS] = {
  [KONTOR_PIPELINE_STATUS_FIELD_NAME] = { "name", "name", KONTOR_FIELD_TYPE_STRING, S,
                                          N_("Name") },
  [KONTOR_PIPELINE_STATUS_FIELD_KEY] = { "key", "key", KONTOR_FIELD_TYPE_STRING, S, N_("Key") },
  [KONTOR_PIPELINE_STATUS_FIELD_POSITION] = { "position", "position", KONTOR_FIELD_TYPE_INT64, S,
                                              N_("Position") },
  [KONTOR_PIPELINE_STATUS_FIELD_IS_SYSTEM] = { "is-system", "is_system",
                                               KONTOR_FIELD_TYPE_BOOLEAN, S, N_("System column") },
  [KONTOR_PIPELINE_STATUS_FIELD_ACTIVE] = { "active", "active", KONTOR_FIELD_TYPE_BOOLEAN, S,
                                            N_("Active") },
  [KONTOR_PIPELINE_STATUS_FIELD_STALE_DAYS] = { "stale-days", "stale_days",
                                                KONTOR_FIELD_TYPE_INT64, S,
                                                N_("Stale after days without activity") },
};

#undef S

G_DEFINE_FINAL_TYPE (KontorPipelineStatus, kontor_pipeline_status, KONTOR_TYPE_RECORD)

/* The built-ins' names, and in German as de.po has them: the search
 * operator reads both whatever the UI's language ("pipeline:angebot",
 * "pipeline:offer"), as it reads "status:kunde" and "status:customer" */
static const struct {
  const char *key;
  const char *name;
  const char *german;
} builtin_names[] = {
  { KONTOR_PIPELINE_KEY_NEW, N_("New contacts"), "Neue Kontakte" },
  { KONTOR_PIPELINE_KEY_IN_PROGRESS, N_("In progress"), "In Bearbeitung" },
  { KONTOR_PIPELINE_KEY_CONTACTED, N_("Successfully contacted"), "Erfolgreich kontaktiert" },
  { KONTOR_PIPELINE_KEY_OFFER, N_("Offer sent"), "Angebot gesendet" },
  { KONTOR_PIPELINE_KEY_WON, N_("Order received"), "Auftrag erhalten" },
  { KONTOR_PIPELINE_KEY_LOST, N_("Lost"), "Verloren" },
};

/**
 * kontor_pipeline_key_search_name:
 * @key: (nullable): a built-in status key
 * @german: the German name rather than the English one
 *
 * The names a search operator knows a built-in status by, whatever the
 * UI's language (src/README.md "Operators, phrases and \"not\"").
 *
 * Returns: (nullable): the untranslated English or the German name of a
 *   built-in status
 */
const char *
kontor_pipeline_key_search_name (const char *key,
                                 gboolean    german)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (builtin_names); i++)
    {
      if (g_str_equal (key, builtin_names[i].key))
        return german ? builtin_names[i].german : builtin_names[i].name;
    }

  return NULL;
}

/**
 * kontor_pipeline_key_to_string:
 * @key: (nullable): a built-in status key
 *
 * Returns: (nullable): the translated name of a built-in status
 */
const char *
kontor_pipeline_key_to_string (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (builtin_names); i++)
    {
      if (g_str_equal (key, builtin_names[i].key))
        return _(builtin_names[i].name);
    }

  return NULL;
}

static char *
kontor_pipeline_status_dup_display_name (KontorRecord *record)
{
  KontorPipelineStatus *self = KONTOR_PIPELINE_STATUS (record);
  const char *name = kontor_pipeline_status_get_name (self);

  if (name == NULL)
    name = kontor_pipeline_key_to_string (kontor_pipeline_status_get_key (self));

  return g_strdup (name != NULL ? name : _("Unnamed column"));
}

static void
kontor_pipeline_status_field_changed (KontorRecord *record,
                                      guint         index)
{
  if (index == KONTOR_PIPELINE_STATUS_FIELD_NAME || index == KONTOR_PIPELINE_STATUS_FIELD_KEY)
    _kontor_record_notify_display_name (record);
}

static void
kontor_pipeline_status_class_init (KontorPipelineStatusClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "pipeline_status",
                                      pipeline_status_fields,
                                      G_N_ELEMENTS (pipeline_status_fields));
  record_class->dup_display_name = kontor_pipeline_status_dup_display_name;
  record_class->field_changed = kontor_pipeline_status_field_changed;
  record_class->validate = _kontor_pipeline_status_check;
}

static void
kontor_pipeline_status_init (KontorPipelineStatus *self)
{
}

/**
 * kontor_pipeline_status_new:
 * @name: (nullable): the column's name
 *
 * Returns: (transfer full): a new, active, not yet stored status
 */
KontorPipelineStatus *
kontor_pipeline_status_new (const char *name)
{
  KontorPipelineStatus *self = g_object_new (KONTOR_TYPE_PIPELINE_STATUS, NULL);

  kontor_pipeline_status_set_name (self, name);
  kontor_pipeline_status_set_active (self, TRUE);

  return self;
}

KONTOR_RECORD_STRING_ACCESSORS (KontorPipelineStatus, kontor_pipeline_status,
                                name, KONTOR_PIPELINE_STATUS_FIELD_NAME)
KONTOR_RECORD_STRING_ACCESSORS (KontorPipelineStatus, kontor_pipeline_status,
                                key, KONTOR_PIPELINE_STATUS_FIELD_KEY)
KONTOR_RECORD_INT64_ACCESSORS (KontorPipelineStatus, kontor_pipeline_status,
                               position, KONTOR_PIPELINE_STATUS_FIELD_POSITION)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorPipelineStatus, kontor_pipeline_status,
                                 is_system, KONTOR_PIPELINE_STATUS_FIELD_IS_SYSTEM)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorPipelineStatus, kontor_pipeline_status,
                                 active, KONTOR_PIPELINE_STATUS_FIELD_ACTIVE)
KONTOR_RECORD_INT64_ACCESSORS (KontorPipelineStatus, kontor_pipeline_status,
                               stale_days, KONTOR_PIPELINE_STATUS_FIELD_STALE_DAYS)
