/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-company"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-company.h"
#include "kontor-enums.h"
#include "kontor-error.h"
#include "kontor-record-private.h"
#include "kontor-record-rules.h"
#include "kontor-text.h"

/**
 * KontorCompany:
 *
 * A customer organisation ("Kunde", feature C1, src/README.md) that contacts belong to.
 */
struct _KontorCompany
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED
#define Q KONTOR_FIELD_SEARCH

static const KontorField company_fields[KONTOR_COMPANY_N_FIELDS] = {
  [KONTOR_COMPANY_FIELD_NAME] = { "name", "name", KONTOR_FIELD_TYPE_STRING, S | Q, N_("Name") },
  [KONTOR_COMPANY_FIELD_CUSTOMER_NUMBER] = { "customer-number", "customer_number",
                                             KONTOR_FIELD_TYPE_STRING, S | Q,
                                             N_("Customer number") },
  [KONTOR_COMPANY_FIELD_STREET] = { "street", "street", KONTOR_FIELD_TYPE_STRING, S,
                                    N_("Street") },
  [KONTOR_COMPANY_FIELD_POSTAL_CODE] = { "postal-code", "postal_code", KONTOR_FIELD_TYPE_STRING, S,
                                         N_("Postal code") },
  [KONTOR_COMPANY_FIELD_CITY] = { "city", "city", KONTOR_FIELD_TYPE_STRING, S, N_("City") },
  [KONTOR_COMPANY_FIELD_COUNTRY] = { "country", "country", KONTOR_FIELD_TYPE_STRING, S,
                                     N_("Country") },
  [KONTOR_COMPANY_FIELD_EMAILS] = { "emails", "emails", KONTOR_FIELD_TYPE_CHANNELS, S | Q,
                                    N_("E-mail"), NULL, KONTOR_CHANNEL_KIND_EMAIL },
  [KONTOR_COMPANY_FIELD_PHONES] = { "phones", "phones", KONTOR_FIELD_TYPE_CHANNELS, S | Q,
                                    N_("Phone"), NULL, KONTOR_CHANNEL_KIND_PHONE },
  [KONTOR_COMPANY_FIELD_WEBSITE] = { "website", "website", KONTOR_FIELD_TYPE_STRING, S,
                                     N_("Website") },
  [KONTOR_COMPANY_FIELD_INDUSTRY] = { "industry", "industry", KONTOR_FIELD_TYPE_STRING, S,
                                      N_("Industry") },
  [KONTOR_COMPANY_FIELD_NOTES] = { "notes", "notes", KONTOR_FIELD_TYPE_STRING, S | Q,
                                   N_("Notes") },
  [KONTOR_COMPANY_FIELD_SALES_REPS] = { "sales-reps", "sales_reps", KONTOR_FIELD_TYPE_REFS, S,
                                        N_("Sales reps"), NULL, KONTOR_LINK_KIND_SALES_REP },
  [KONTOR_COMPANY_FIELD_LAST_ACTIVITY_AT] = { "last-activity-at", "last_activity_at",
                                              KONTOR_FIELD_TYPE_INT64, KONTOR_FIELD_LOCAL,
                                              N_("Last activity") },
};

#undef S
#undef Q

G_DEFINE_FINAL_TYPE (KontorCompany, kontor_company, KONTOR_TYPE_RECORD)

static char *
kontor_company_dup_display_name (KontorRecord *record)
{
  const char *name = kontor_company_get_name (KONTOR_COMPANY (record));

  return g_strdup (name != NULL ? name : _("Unnamed company"));
}

static void
kontor_company_field_changed (KontorRecord *record,
                              guint         index)
{
  if (index == KONTOR_COMPANY_FIELD_NAME)
    _kontor_record_notify_display_name (record);
}

/* A company needs a name; that it is the only one of its customer number
 * is the store's rule. */
static gboolean
kontor_company_check (KontorRecord  *record,
                      KontorRecord  *old,
                      GError       **error)
{
  if (kontor_text_is_blank (kontor_company_get_name (KONTOR_COMPANY (record))))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Enter a name for the company."));
      return FALSE;
    }

  return TRUE;
}

static void
kontor_company_class_init (KontorCompanyClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "company",
                                      company_fields, G_N_ELEMENTS (company_fields));
  record_class->dup_display_name = kontor_company_dup_display_name;
  record_class->field_changed = kontor_company_field_changed;
  record_class->validate = kontor_company_check;
}

static void
kontor_company_init (KontorCompany *self)
{
}

/**
 * kontor_company_new:
 * @name: (nullable): the company's name
 *
 * Returns: (transfer full): a new, not yet stored company
 */
KontorCompany *
kontor_company_new (const char *name)
{
  KontorCompany *self = g_object_new (KONTOR_TYPE_COMPANY, NULL);

  kontor_company_set_name (self, name);

  return self;
}

#define STRING(name, FIELD) \
  KONTOR_RECORD_STRING_ACCESSORS (KontorCompany, kontor_company, name, KONTOR_COMPANY_FIELD_##FIELD)
#define CHANNELS(name, FIELD) \
  KONTOR_RECORD_CHANNELS_ACCESSORS (KontorCompany, kontor_company, name, \
                                    KONTOR_COMPANY_FIELD_##FIELD)

STRING (name, NAME)
STRING (customer_number, CUSTOMER_NUMBER)
STRING (street, STREET)
STRING (postal_code, POSTAL_CODE)
STRING (city, CITY)
STRING (country, COUNTRY)
STRING (website, WEBSITE)
STRING (industry, INDUSTRY)
STRING (notes, NOTES)
CHANNELS (emails, EMAILS)
CHANNELS (phones, PHONES)
KONTOR_RECORD_REFS_ACCESSORS (KontorCompany, kontor_company,
                              sales_reps, KONTOR_COMPANY_FIELD_SALES_REPS)
KONTOR_RECORD_INT64_ACCESSORS (KontorCompany, kontor_company,
                               last_activity_at, KONTOR_COMPANY_FIELD_LAST_ACTIVITY_AT)

#undef STRING
#undef CHANNELS

/**
 * kontor_company_validate:
 * @company: a company
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The rules of a company, as a form checks them before storing: a name,
 * and the rules of every field (kontor_record_validate()).
 *
 * Returns: %TRUE when @company may be stored
 */
gboolean
kontor_company_validate (KontorCompany  *company,
                         GError        **error)
{
  g_return_val_if_fail (KONTOR_IS_COMPANY (company), FALSE);

  return kontor_record_validate (KONTOR_RECORD (company), NULL, error);
}
