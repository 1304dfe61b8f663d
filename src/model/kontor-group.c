/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-group"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-enums.h"
#include "kontor-error.h"
#include "kontor-group.h"
#include "kontor-record-private.h"

/**
 * KontorGroup:
 *
 * A static group of contacts with a number and a responsible (feature L4, src/README.md),
 * or a dynamic one whose members follow a saved filter (L3).
 */
struct _KontorGroup
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED

static const KontorField group_fields[KONTOR_GROUP_N_FIELDS] = {
  [KONTOR_GROUP_FIELD_NAME] = { "name", "name", KONTOR_FIELD_TYPE_STRING, S, N_("Name") },
  [KONTOR_GROUP_FIELD_NUMBER] = { "number", "number", KONTOR_FIELD_TYPE_STRING, S,
                                  N_("Group number") },
  [KONTOR_GROUP_FIELD_ASSIGNEES] = { "assignees", "assignees", KONTOR_FIELD_TYPE_REFS, S,
                                     N_("Responsible"), NULL, KONTOR_LINK_KIND_ASSIGNEE },
  [KONTOR_GROUP_FIELD_ASSIGNED_TEAM_ID] = { "assigned-team-id", "assigned_team_id",
                                            KONTOR_FIELD_TYPE_REF, S, N_("Responsible team") },
  [KONTOR_GROUP_FIELD_IS_DYNAMIC] = { "is-dynamic", "is_dynamic", KONTOR_FIELD_TYPE_BOOLEAN, S,
                                      N_("Dynamic group") },
  [KONTOR_GROUP_FIELD_FILTER] = { "filter", "filter", KONTOR_FIELD_TYPE_STRING, S, N_("Filter") },
};

#undef S

G_DEFINE_FINAL_TYPE (KontorGroup, kontor_group, KONTOR_TYPE_RECORD)

static char *
kontor_group_dup_display_name (KontorRecord *record)
{
  const char *name = kontor_group_get_name (KONTOR_GROUP (record));

  return g_strdup (name != NULL ? name : _("Unnamed group"));
}

/* A group has a name; a dynamic one a filter, and a static one none (its
 * members are records of their own, KontorGroupMember) */
static gboolean
kontor_group_check (KontorRecord  *record,
                    KontorRecord  *old,
                    GError       **error)
{
  KontorGroup *self = KONTOR_GROUP (record);
  const char *name = kontor_group_get_name (self);
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("A group needs a name."));
      return FALSE;
    }

  if (kontor_group_get_is_dynamic (self) != (kontor_group_get_filter (self) != NULL))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           kontor_group_get_is_dynamic (self)
                           ? _("A dynamic group needs the filter its members follow.")
                           : _("A static group has members, not a filter."));
      return FALSE;
    }

  if (old != NULL &&
      kontor_group_get_is_dynamic (self) != kontor_group_get_is_dynamic (KONTOR_GROUP (old)))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("A static group cannot become dynamic, nor a dynamic one static."));
      return FALSE;
    }

  return TRUE;
}

static void
kontor_group_field_changed (KontorRecord *record,
                            guint         index)
{
  if (index == KONTOR_GROUP_FIELD_NAME)
    _kontor_record_notify_display_name (record);
}

static void
kontor_group_class_init (KontorGroupClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "contact_group",
                                      group_fields, G_N_ELEMENTS (group_fields));
  record_class->dup_display_name = kontor_group_dup_display_name;
  record_class->field_changed = kontor_group_field_changed;
  record_class->validate = kontor_group_check;
}

static void
kontor_group_init (KontorGroup *self)
{
}

/**
 * kontor_group_new:
 * @name: the group's name
 *
 * Returns: (transfer full): a new, not yet stored static group
 */
KontorGroup *
kontor_group_new (const char *name)
{
  KontorGroup *self = g_object_new (KONTOR_TYPE_GROUP, NULL);

  kontor_group_set_name (self, name);

  return self;
}

/**
 * kontor_group_new_dynamic:
 * @name: the group's name
 * @filter: the filter its members follow (kontor_filter_to_string())
 *
 * Returns: (transfer full): a new, not yet stored dynamic group
 */
KontorGroup *
kontor_group_new_dynamic (const char *name,
                          const char *filter)
{
  KontorGroup *self = kontor_group_new (name);

  kontor_group_set_is_dynamic (self, TRUE);
  kontor_group_set_filter (self, filter);

  return self;
}

KONTOR_RECORD_STRING_ACCESSORS (KontorGroup, kontor_group, name, KONTOR_GROUP_FIELD_NAME)
KONTOR_RECORD_STRING_ACCESSORS (KontorGroup, kontor_group, number, KONTOR_GROUP_FIELD_NUMBER)
KONTOR_RECORD_STRING_ACCESSORS (KontorGroup, kontor_group,
                                assigned_team_id, KONTOR_GROUP_FIELD_ASSIGNED_TEAM_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorGroup, kontor_group, filter, KONTOR_GROUP_FIELD_FILTER)
KONTOR_RECORD_REFS_ACCESSORS (KontorGroup, kontor_group, assignees, KONTOR_GROUP_FIELD_ASSIGNEES)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorGroup, kontor_group,
                                 is_dynamic, KONTOR_GROUP_FIELD_IS_DYNAMIC)
