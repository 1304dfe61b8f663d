/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-enum-types.h"
#include "kontor-error.h"
#include "kontor-lead-status.h"
#include "kontor-record-private.h"
#include "kontor-record-rules.h"
#include "kontor-text.h"

/**
 * KontorLeadStatus:
 *
 * One status of a lead project's own list (feature D2, src/README.md
 * "Lead projects"), a column of its board. Its role is fixed when it is
 * made: the first status ("New"), where entries start, and the won and
 * lost ones, at the end, are the system's and cannot be deleted; the
 * others are the project's users'. A soft limit of entries (0: none) and
 * a default probability (-1: none) are optional.
 */
struct _KontorLeadStatus
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED

static const KontorField status_fields[KONTOR_LEAD_STATUS_N_FIELDS] = {
  [KONTOR_LEAD_STATUS_FIELD_PROJECT_ID] = { "project-id", "project_id", KONTOR_FIELD_TYPE_REF, S,
                                            N_("Lead project") },
  [KONTOR_LEAD_STATUS_FIELD_NAME] = { "name", "name", KONTOR_FIELD_TYPE_STRING, S, N_("Name") },
  [KONTOR_LEAD_STATUS_FIELD_POSITION] = { "position", "position", KONTOR_FIELD_TYPE_INT64, S,
                                          N_("Position") },
  [KONTOR_LEAD_STATUS_FIELD_ROLE] = { "role", "role", KONTOR_FIELD_TYPE_ENUM, S, N_("Role"),
                                      kontor_lead_status_role_get_type },
  [KONTOR_LEAD_STATUS_FIELD_WIP_LIMIT] = { "wip-limit", "wip_limit", KONTOR_FIELD_TYPE_INT64, S,
                                           N_("Limit of leads") },
  [KONTOR_LEAD_STATUS_FIELD_PROBABILITY] = { "probability", "probability",
                                             KONTOR_FIELD_TYPE_INT64, S, N_("Probability") },
};

#undef S

G_DEFINE_FINAL_TYPE (KontorLeadStatus, kontor_lead_status, KONTOR_TYPE_RECORD)

/**
 * kontor_lead_check_probability:
 * @probability: a probability in percent, -1 for none
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * Returns: %TRUE when @probability is none or 0 to 100
 */
gboolean
kontor_lead_check_probability (gint64   probability,
                               GError **error)
{
  if (probability >= -1 && probability <= 100)
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                       _("A probability is between 0 and 100 percent."));
  return FALSE;
}

/**
 * kontor_lead_check_wip_limit:
 * @limit: a soft limit of leads in a status, 0 for none
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * Returns: %TRUE when @limit is none or 1 to %KONTOR_LEAD_STATUS_MAX_WIP
 */
gboolean
kontor_lead_check_wip_limit (gint64   limit,
                             GError **error)
{
  if (limit >= 0 && limit <= KONTOR_LEAD_STATUS_MAX_WIP)
    return TRUE;

  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
               /* Translators: %d is the largest limit allowed */
               _("The limit of leads in a status is 0 (none) to %d."),
               KONTOR_LEAD_STATUS_MAX_WIP);
  return FALSE;
}

/**
 * kontor_lead_status_is_system:
 * @self: a status
 *
 * Returns: %TRUE for the first, the won and the lost status, which every
 *   project has and keeps
 */
gboolean
kontor_lead_status_is_system (KontorLeadStatus *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_STATUS (self), FALSE);

  return kontor_lead_status_get_role (self) != KONTOR_LEAD_STATUS_ROLE_NORMAL;
}

static char *
kontor_lead_status_dup_display_name (KontorRecord *record)
{
  const char *name = kontor_lead_status_get_name (KONTOR_LEAD_STATUS (record));

  return g_strdup (name != NULL ? name : _("Unnamed status"));
}

/* The rules of one status on its own; those among the statuses of its
 * project are kontor_lead_status_check_place() */
static gboolean
kontor_lead_status_check (KontorRecord  *record,
                          KontorRecord  *old_record,
                          GError       **error)
{
  KontorLeadStatus *self = KONTOR_LEAD_STATUS (record);

  if (kontor_lead_status_get_project_id (self) == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("A status belongs to a lead project."));
      return FALSE;
    }
  if (kontor_text_is_blank (kontor_lead_status_get_name (self)))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Enter a name for the status."));
      return FALSE;
    }
  if (kontor_lead_status_get_position (self) < 0)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("The position of a status cannot be negative."));
      return FALSE;
    }
  if (!kontor_lead_check_wip_limit (kontor_lead_status_get_wip_limit (self), error))
    return FALSE;
  if (!kontor_lead_check_probability (kontor_lead_status_get_probability (self), error))
    return FALSE;

  if (old_record != NULL)
    {
      KontorLeadStatus *old = KONTOR_LEAD_STATUS (old_record);

      if (g_strcmp0 (kontor_lead_status_get_project_id (self),
                     kontor_lead_status_get_project_id (old)) != 0)
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                               _("A status cannot move to another lead project."));
          return FALSE;
        }
      if (kontor_lead_status_get_role (self) != kontor_lead_status_get_role (old))
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                               _("The new, won and lost statuses are the system’s: no status "
                                 "becomes one of them, and they stay what they are."));
          return FALSE;
        }
    }

  return TRUE;
}

static void
kontor_lead_status_field_changed (KontorRecord *record,
                                  guint         index)
{
  if (index == KONTOR_LEAD_STATUS_FIELD_NAME)
    _kontor_record_notify_display_name (record);
}

static void
kontor_lead_status_class_init (KontorLeadStatusClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "lead_status",
                                      status_fields, G_N_ELEMENTS (status_fields));
  record_class->dup_display_name = kontor_lead_status_dup_display_name;
  record_class->field_changed = kontor_lead_status_field_changed;
  record_class->validate = kontor_lead_status_check;
}

static void
kontor_lead_status_init (KontorLeadStatus *self)
{
  kontor_lead_status_set_probability (self, -1);
}

/**
 * kontor_lead_status_new:
 * @project_id: the project's id
 * @name: the status's name
 * @position: its place in the list, from 0
 *
 * Returns: (transfer full): a new, not yet stored status of the users'
 *   (%KONTOR_LEAD_STATUS_ROLE_NORMAL)
 */
KontorLeadStatus *
kontor_lead_status_new (const char *project_id,
                        const char *name,
                        gint64      position)
{
  KontorLeadStatus *self = g_object_new (KONTOR_TYPE_LEAD_STATUS, NULL);

  kontor_lead_status_set_project_id (self, project_id);
  kontor_lead_status_set_name (self, name);
  kontor_lead_status_set_position (self, position);

  return self;
}

/**
 * kontor_lead_status_validate:
 * @self: a new status
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The rules of a status on its own, for forms; the store adds those among
 * its project's statuses (kontor_lead_status_check_place()).
 *
 * Returns: %TRUE when @self may be stored
 */
gboolean
kontor_lead_status_validate (KontorLeadStatus  *self,
                             GError           **error)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_STATUS (self), FALSE);

  return kontor_record_validate (KONTOR_RECORD (self), NULL, error);
}

static char *
dup_name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup (stripped);
}

/**
 * kontor_lead_status_check_place:
 * @self: a status about to be stored
 * @others: (element-type KontorLeadStatus): the other statuses of its
 *   project as stored (@self, or its stored version, may be among them;
 *   it is skipped)
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The rules of a project's list: no two statuses share a name (case and
 * Unicode forms do not count), there is one first, one won and one lost
 * status, the first stays before every other, and the won and lost ones
 * stay after every status of the users'.
 *
 * Returns: %TRUE when @self fits among @others
 */
gboolean
kontor_lead_status_check_place (KontorLeadStatus  *self,
                                GPtrArray         *others,
                                GError           **error)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (self));
  KontorLeadStatusRole role = kontor_lead_status_get_role (self);
  gint64 position = kontor_lead_status_get_position (self);
  g_autofree char *key = dup_name_key (kontor_lead_status_get_name (self));

  g_return_val_if_fail (KONTOR_IS_LEAD_STATUS (self), FALSE);
  g_return_val_if_fail (others != NULL, FALSE);

  for (guint i = 0; i < others->len; i++)
    {
      KontorLeadStatus *other = g_ptr_array_index (others, i);
      KontorLeadStatusRole other_role = kontor_lead_status_get_role (other);
      gint64 other_position = kontor_lead_status_get_position (other);
      g_autofree char *other_key = NULL;
      gboolean end = role == KONTOR_LEAD_STATUS_ROLE_WON || role == KONTOR_LEAD_STATUS_ROLE_LOST;
      gboolean other_end = other_role == KONTOR_LEAD_STATUS_ROLE_WON ||
                           other_role == KONTOR_LEAD_STATUS_ROLE_LOST;

      if (other == self ||
          (id != NULL && g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (other)), id) == 0))
        continue;

      other_key = dup_name_key (kontor_lead_status_get_name (other));
      if (g_str_equal (key, other_key))
        {
          g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                       /* Translators: %s is a status of a lead project */
                       _("The project already has a status named “%s”."),
                       kontor_lead_status_get_name (other));
          return FALSE;
        }

      if (role != KONTOR_LEAD_STATUS_ROLE_NORMAL && role == other_role)
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                               _("A lead project has one new, one won and one lost status."));
          return FALSE;
        }

      if ((role == KONTOR_LEAD_STATUS_ROLE_FIRST && position >= other_position) ||
          (other_role == KONTOR_LEAD_STATUS_ROLE_FIRST && other_position >= position))
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                               _("The new status stays the first of the project."));
          return FALSE;
        }

      if ((end && other_role == KONTOR_LEAD_STATUS_ROLE_NORMAL && position <= other_position) ||
          (other_end && role == KONTOR_LEAD_STATUS_ROLE_NORMAL && other_position <= position))
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                               _("The won and lost statuses stay the last of the project."));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * kontor_lead_status_check_delete:
 * @self: a stored status
 * @n_entries: how many entries have it
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The system statuses go only with their project; a status with entries
 * only once they are moved to another.
 *
 * Returns: %TRUE when @self may be deleted
 */
gboolean
kontor_lead_status_check_delete (KontorLeadStatus  *self,
                                 gint64             n_entries,
                                 GError           **error)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_STATUS (self), FALSE);

  if (kontor_lead_status_is_system (self))
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                   /* Translators: %s is a status of a lead project ("Won") */
                   _("“%s” is a status every lead project has and cannot be deleted."),
                   kontor_lead_status_get_name (self));
      return FALSE;
    }
  if (n_entries > 0)
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                   /* Translators: the first %s is a status of a lead project, %d a number */
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” still has %d lead: move it to another status first.",
                                "“%s” still has %d leads: move them to another status first.",
                                n_entries),
                   kontor_lead_status_get_name (self), (int) MIN (n_entries, G_MAXINT));
      return FALSE;
    }

  return TRUE;
}

KONTOR_RECORD_STRING_ACCESSORS (KontorLeadStatus, kontor_lead_status, project_id,
                                KONTOR_LEAD_STATUS_FIELD_PROJECT_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadStatus, kontor_lead_status, name,
                                KONTOR_LEAD_STATUS_FIELD_NAME)
KONTOR_RECORD_INT64_ACCESSORS (KontorLeadStatus, kontor_lead_status, position,
                               KONTOR_LEAD_STATUS_FIELD_POSITION)
KONTOR_RECORD_ENUM_ACCESSORS (KontorLeadStatus, kontor_lead_status, role,
                              KONTOR_LEAD_STATUS_FIELD_ROLE, KontorLeadStatusRole)
KONTOR_RECORD_INT64_ACCESSORS (KontorLeadStatus, kontor_lead_status, wip_limit,
                               KONTOR_LEAD_STATUS_FIELD_WIP_LIMIT)
KONTOR_RECORD_INT64_ACCESSORS (KontorLeadStatus, kontor_lead_status, probability,
                               KONTOR_LEAD_STATUS_FIELD_PROBABILITY)
