/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-employment"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-contact.h"
#include "kontor-employment.h"
#include "kontor-error.h"
#include "kontor-record-private.h"

/**
 * KontorEmployment:
 *
 * A former employment of a contact (feature C3, src/README.md "Employer history"): the
 * company, the job title then, and the dates it began (when known) and
 * ended. A company change ("Firmenwechsel") records one and moves the
 * contact; the contact page and the former company's page list them. A
 * record kind of its own, so it syncs like every other.
 */
struct _KontorEmployment
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED

static const KontorField employment_fields[KONTOR_EMPLOYMENT_N_FIELDS] = {
  [KONTOR_EMPLOYMENT_FIELD_CONTACT_ID] = { "contact-id", "contact_id", KONTOR_FIELD_TYPE_REF, S,
                                           N_("Contact") },
  [KONTOR_EMPLOYMENT_FIELD_COMPANY_ID] = { "company-id", "company_id", KONTOR_FIELD_TYPE_REF, S,
                                           N_("Company") },
  [KONTOR_EMPLOYMENT_FIELD_JOB_TITLE] = { "job-title", "job_title", KONTOR_FIELD_TYPE_STRING, S,
                                          N_("Job title") },
  [KONTOR_EMPLOYMENT_FIELD_STARTED_ON] = { "started-on", "started_on", KONTOR_FIELD_TYPE_DATE, S,
                                           N_("From") },
  [KONTOR_EMPLOYMENT_FIELD_ENDED_ON] = { "ended-on", "ended_on", KONTOR_FIELD_TYPE_DATE, S,
                                         N_("To") },
};

#undef S

G_DEFINE_FINAL_TYPE (KontorEmployment, kontor_employment, KONTOR_TYPE_RECORD)

/* An employment belongs to a contact and a company, and ends after it
 * began (dates themselves are checked by every date field's rule) */
static gboolean
kontor_employment_check (KontorRecord  *record,
                         KontorRecord  *old,
                         GError       **error)
{
  KontorEmployment *self = KONTOR_EMPLOYMENT (record);
  const char *started = kontor_employment_get_started_on (self);
  const char *ended = kontor_employment_get_ended_on (self);

  if (kontor_employment_get_contact_id (self) == NULL ||
      kontor_employment_get_company_id (self) == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("A former employment needs its contact and its company."));
      return FALSE;
    }

  /* ISO dates compare as text */
  if (started != NULL && ended != NULL && strcmp (started, ended) > 0)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                           _("An employment cannot end before it began."));
      return FALSE;
    }

  return TRUE;
}

static void
kontor_employment_class_init (KontorEmploymentClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "employment",
                                      employment_fields, G_N_ELEMENTS (employment_fields));
  record_class->validate = kontor_employment_check;
}

static void
kontor_employment_init (KontorEmployment *self)
{
}

/**
 * kontor_employment_new:
 * @contact_id: the contact's id
 * @company_id: the former company's id
 *
 * Returns: (transfer full): a new, not yet stored employment
 */
KontorEmployment *
kontor_employment_new (const char *contact_id,
                       const char *company_id)
{
  KontorEmployment *self = g_object_new (KONTOR_TYPE_EMPLOYMENT, NULL);

  kontor_employment_set_contact_id (self, contact_id);
  kontor_employment_set_company_id (self, company_id);

  return self;
}

KONTOR_RECORD_STRING_ACCESSORS (KontorEmployment, kontor_employment, contact_id,
                                KONTOR_EMPLOYMENT_FIELD_CONTACT_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorEmployment, kontor_employment, company_id,
                                KONTOR_EMPLOYMENT_FIELD_COMPANY_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorEmployment, kontor_employment, job_title,
                                KONTOR_EMPLOYMENT_FIELD_JOB_TITLE)
KONTOR_RECORD_STRING_ACCESSORS (KontorEmployment, kontor_employment, started_on,
                                KONTOR_EMPLOYMENT_FIELD_STARTED_ON)
KONTOR_RECORD_STRING_ACCESSORS (KontorEmployment, kontor_employment, ended_on,
                                KONTOR_EMPLOYMENT_FIELD_ENDED_ON)

/**
 * kontor_contact_check_company_change:
 * @contact: a stored contact
 * @company_id: the company it moves to
 * @error: return location for a #GError
 *
 * The rule of a company change (feature C3): the contact moves to another
 * company than its own. The form and the store's operation ask it.
 *
 * Returns: %TRUE when @contact may move to @company_id
 */
gboolean
kontor_contact_check_company_change (KontorContact  *contact,
                                     const char     *company_id,
                                     GError        **error)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), FALSE);

  if (company_id == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Choose the company the contact moves to."));
      return FALSE;
    }

  if (g_strcmp0 (company_id, kontor_contact_get_company_id (contact)) == 0)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("The contact already works at this company."));
      return FALSE;
    }

  return TRUE;
}
