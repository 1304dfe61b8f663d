/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-project"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-enums.h"
#include "kontor-error.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-record-private.h"
#include "kontor-record-rules.h"
#include "kontor-text.h"

/**
 * KontorLeadProject:
 *
 * A lead project ("Leadmanager", feature D2, src/README.md "Lead
 * projects"): qualified contacts worked through for one product or
 * campaign, with the users responsible, a status list of its own
 * (#KontorLeadStatus) and its entries (#KontorLeadEntry). A linked group's
 * members join it (feature D3); the currency is the one its entries count
 * in unless they name another.
 */
struct _KontorLeadProject
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED

static const KontorField project_fields[KONTOR_LEAD_PROJECT_N_FIELDS] = {
  [KONTOR_LEAD_PROJECT_FIELD_NAME] = { "name", "name", KONTOR_FIELD_TYPE_STRING, S, N_("Name") },
  [KONTOR_LEAD_PROJECT_FIELD_PRODUCT] = { "product", "product", KONTOR_FIELD_TYPE_STRING, S,
                                          N_("Product or campaign") },
  [KONTOR_LEAD_PROJECT_FIELD_RESPONSIBLE] = { "responsible", "responsible",
                                              KONTOR_FIELD_TYPE_REFS, S, N_("Responsible"),
                                              NULL, KONTOR_LINK_KIND_ASSIGNEE },
  [KONTOR_LEAD_PROJECT_FIELD_GROUP_ID] = { "group-id", "group_id", KONTOR_FIELD_TYPE_REF, S,
                                           N_("Linked group") },
  [KONTOR_LEAD_PROJECT_FIELD_ARCHIVED] = { "archived", "archived", KONTOR_FIELD_TYPE_BOOLEAN, S,
                                           N_("Archived") },
  [KONTOR_LEAD_PROJECT_FIELD_CURRENCY] = { "currency", "currency", KONTOR_FIELD_TYPE_STRING, S,
                                           N_("Currency") },
};

#undef S

G_DEFINE_FINAL_TYPE (KontorLeadProject, kontor_lead_project, KONTOR_TYPE_RECORD)

/**
 * kontor_lead_check_currency:
 * @currency: (nullable): a currency code
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * A currency is an ISO 4217 code: three capital letters ("EUR", "CHF").
 *
 * Returns: %TRUE when @currency is one
 */
gboolean
kontor_lead_check_currency (const char  *currency,
                            GError     **error)
{
  if (currency != NULL && strlen (currency) == 3 &&
      g_ascii_isupper (currency[0]) && g_ascii_isupper (currency[1]) &&
      g_ascii_isupper (currency[2]))
    return TRUE;

  if (currency == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Enter a currency, such as EUR."));
    }
  else
    {
      g_autofree char *shown = kontor_text_shorten (currency, 40);

      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   /* Translators: %s is what was entered as a currency */
                   _("“%s” is not a currency code: use three capital letters, such as EUR."),
                   shown);
    }

  return FALSE;
}

static char *
kontor_lead_project_dup_display_name (KontorRecord *record)
{
  const char *name = kontor_lead_project_get_name (KONTOR_LEAD_PROJECT (record));

  return g_strdup (name != NULL ? name : _("Unnamed lead project"));
}

/* A project has a name and a currency */
static gboolean
kontor_lead_project_check (KontorRecord  *record,
                           KontorRecord  *old,
                           GError       **error)
{
  KontorLeadProject *self = KONTOR_LEAD_PROJECT (record);

  if (kontor_text_is_blank (kontor_lead_project_get_name (self)))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("A lead project needs a name."));
      return FALSE;
    }

  return kontor_lead_check_currency (kontor_lead_project_get_currency (self), error);
}

static void
kontor_lead_project_field_changed (KontorRecord *record,
                                   guint         index)
{
  if (index == KONTOR_LEAD_PROJECT_FIELD_NAME)
    _kontor_record_notify_display_name (record);
}

static void
kontor_lead_project_class_init (KontorLeadProjectClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "lead_project",
                                      project_fields, G_N_ELEMENTS (project_fields));
  record_class->dup_display_name = kontor_lead_project_dup_display_name;
  record_class->field_changed = kontor_lead_project_field_changed;
  record_class->validate = kontor_lead_project_check;
}

static void
kontor_lead_project_init (KontorLeadProject *self)
{
  kontor_lead_project_set_currency (self, KONTOR_LEAD_DEFAULT_CURRENCY);
}

/**
 * kontor_lead_project_new:
 * @name: the project's name
 *
 * Returns: (transfer full): a new, not yet stored project counting in
 *   %KONTOR_LEAD_DEFAULT_CURRENCY, without statuses (see
 *   kontor_lead_project_new_statuses())
 */
KontorLeadProject *
kontor_lead_project_new (const char *name)
{
  KontorLeadProject *self = g_object_new (KONTOR_TYPE_LEAD_PROJECT, NULL);

  kontor_lead_project_set_name (self, name);

  return self;
}

/**
 * kontor_lead_project_new_statuses:
 * @self: a project with its id (a stored one, or one given an id to be stored)
 *
 * The system statuses every project has, named in the user's language:
 * "New" first, then "Won" and "Lost" at the end. They are stored with the
 * project in one operation (kontor_store_create_lead_project()).
 *
 * Returns: (transfer full) (element-type KontorLeadStatus): three new statuses
 */
GPtrArray *
kontor_lead_project_new_statuses (KontorLeadProject *self)
{
  const char *project_id;
  GPtrArray *statuses;
  KontorLeadStatus *status;

  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT (self), NULL);
  project_id = kontor_record_get_id (KONTOR_RECORD (self));
  g_return_val_if_fail (project_id != NULL, NULL);

  statuses = g_ptr_array_new_with_free_func (g_object_unref);

  status = kontor_lead_status_new (project_id, C_("lead status", "New"), 0);
  kontor_lead_status_set_role (status, KONTOR_LEAD_STATUS_ROLE_FIRST);
  g_ptr_array_add (statuses, status);

  status = kontor_lead_status_new (project_id, C_("lead status", "Won"), 1);
  kontor_lead_status_set_role (status, KONTOR_LEAD_STATUS_ROLE_WON);
  kontor_lead_status_set_probability (status, 100);
  g_ptr_array_add (statuses, status);

  status = kontor_lead_status_new (project_id, C_("lead status", "Lost"), 2);
  kontor_lead_status_set_role (status, KONTOR_LEAD_STATUS_ROLE_LOST);
  kontor_lead_status_set_probability (status, 0);
  g_ptr_array_add (statuses, status);

  return statuses;
}

/**
 * kontor_lead_project_validate:
 * @self: a project
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The rules of a project for forms: a name, a currency code, and the
 * rules of every field.
 *
 * Returns: %TRUE when @self may be stored
 */
gboolean
kontor_lead_project_validate (KontorLeadProject  *self,
                              GError            **error)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT (self), FALSE);

  return kontor_record_validate (KONTOR_RECORD (self), NULL, error);
}

KONTOR_RECORD_STRING_ACCESSORS (KontorLeadProject, kontor_lead_project, name,
                                KONTOR_LEAD_PROJECT_FIELD_NAME)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadProject, kontor_lead_project, product,
                                KONTOR_LEAD_PROJECT_FIELD_PRODUCT)
KONTOR_RECORD_REFS_ACCESSORS (KontorLeadProject, kontor_lead_project, responsible,
                              KONTOR_LEAD_PROJECT_FIELD_RESPONSIBLE)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadProject, kontor_lead_project, group_id,
                                KONTOR_LEAD_PROJECT_FIELD_GROUP_ID)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorLeadProject, kontor_lead_project, archived,
                                 KONTOR_LEAD_PROJECT_FIELD_ARCHIVED)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadProject, kontor_lead_project, currency,
                                KONTOR_LEAD_PROJECT_FIELD_CURRENCY)
