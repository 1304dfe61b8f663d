/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-enum-types.h"
#include "kontor-error.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-rank.h"
#include "kontor-record-private.h"
#include "kontor-record-rules.h"
#include "kontor-text.h"

/**
 * KontorLeadEntry:
 *
 * A contact in a lead project (features D2–D4, X6; src/README.md "Lead
 * projects"): its status in the project's list and its place in that
 * column (a rank, as on the pipeline board), the colleague working it, a
 * value in cents with its currency, a probability (-1: none), the
 * expected close date and internal notes. A contact is in a project once.
 * An entry whose contact left the linked group keeps its history and says
 * since when (`left-at`, 0 while it is in).
 */
struct _KontorLeadEntry
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED

static const KontorField entry_fields[KONTOR_LEAD_ENTRY_N_FIELDS] = {
  [KONTOR_LEAD_ENTRY_FIELD_PROJECT_ID] = { "project-id", "project_id", KONTOR_FIELD_TYPE_REF, S,
                                           N_("Lead project") },
  [KONTOR_LEAD_ENTRY_FIELD_CONTACT_ID] = { "contact-id", "contact_id", KONTOR_FIELD_TYPE_REF, S,
                                           N_("Contact") },
  [KONTOR_LEAD_ENTRY_FIELD_STATUS_ID] = { "status-id", "status_id", KONTOR_FIELD_TYPE_REF, S,
                                          N_("Status") },
  [KONTOR_LEAD_ENTRY_FIELD_RANK] = { "rank", "rank", KONTOR_FIELD_TYPE_STRING, S,
                                     N_("Board position") },
  [KONTOR_LEAD_ENTRY_FIELD_ASSIGNEE_ID] = { "assignee-id", "assignee_id", KONTOR_FIELD_TYPE_REF,
                                            S, N_("Assigned to") },
  [KONTOR_LEAD_ENTRY_FIELD_VALUE_CENTS] = { "value-cents", "value_cents",
                                            KONTOR_FIELD_TYPE_INT64, S, N_("Value") },
  [KONTOR_LEAD_ENTRY_FIELD_CURRENCY] = { "currency", "currency", KONTOR_FIELD_TYPE_STRING, S,
                                         N_("Currency") },
  [KONTOR_LEAD_ENTRY_FIELD_PROBABILITY] = { "probability", "probability",
                                            KONTOR_FIELD_TYPE_INT64, S, N_("Probability") },
  [KONTOR_LEAD_ENTRY_FIELD_CLOSE_ON] = { "close-on", "close_on", KONTOR_FIELD_TYPE_DATE, S,
                                         N_("Expected close") },
  [KONTOR_LEAD_ENTRY_FIELD_NOTES] = { "notes", "notes", KONTOR_FIELD_TYPE_STRING, S,
                                      N_("Internal notes") },
  [KONTOR_LEAD_ENTRY_FIELD_LEFT_AT] = { "left-at", "left_at", KONTOR_FIELD_TYPE_INT64, S,
                                        N_("Left the group") },
  [KONTOR_LEAD_ENTRY_FIELD_JOINED_BY] = { "joined-by", "joined_by", KONTOR_FIELD_TYPE_ENUM, S,
                                          N_("Joined"), kontor_lead_join_get_type },
};

#undef S

G_DEFINE_FINAL_TYPE (KontorLeadEntry, kontor_lead_entry, KONTOR_TYPE_RECORD)

/**
 * kontor_lead_check_cents:
 * @cents: a value in cents
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * A value is not negative and at most %KONTOR_LEAD_MAX_CENTS, so that the
 * sums of a project's columns are exact in 64-bit integers.
 *
 * Returns: %TRUE when @cents may be a lead's value
 */
gboolean
kontor_lead_check_cents (gint64   cents,
                         GError **error)
{
  if (cents >= 0 && cents <= KONTOR_LEAD_MAX_CENTS)
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                       cents < 0 ? _("A lead’s value cannot be negative.")
                                 : _("A lead’s value can be at most ten billion."));
  return FALSE;
}

/**
 * kontor_lead_expected_cents:
 * @cents: a lead's value, 0 to %KONTOR_LEAD_MAX_CENTS
 * @probability: its probability, 0 to 100
 *
 * The value weighted by its probability for the forecast (feature X6):
 * @cents × @probability / 100 in integers, rounded half up (0.5 cents
 * becomes 1 cent). Both are checked by the model, so the product stays
 * far inside 64 bits.
 *
 * Returns: the expected cents
 */
gint64
kontor_lead_expected_cents (gint64 cents,
                            gint64 probability)
{
  g_return_val_if_fail (cents >= 0 && cents <= KONTOR_LEAD_MAX_CENTS, 0);
  g_return_val_if_fail (probability >= 0 && probability <= 100, 0);

  return (cents * probability + 50) / 100;
}

/**
 * kontor_lead_entry_check_contact:
 * @contact: the contact of a new entry
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * Inbox and Archived contacts are restricted and join no lead project
 * (feature C4, kontor_contact_status_is_restricted()).
 *
 * Returns: %TRUE when @contact may join a project
 */
gboolean
kontor_lead_entry_check_contact (KontorContact  *contact,
                                 GError        **error)
{
  KontorContactStatus status;
  g_autofree char *name = NULL;

  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), FALSE);

  status = kontor_contact_get_status (contact);
  if (!kontor_contact_status_is_restricted (status))
    return TRUE;

  name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
               /* Translators: the first %s is a name, the second a status ("Archived") */
               _("%s cannot join a lead project while the contact is in “%s”. "
                 "Make the contact active first."),
               name, kontor_contact_status_to_string (status));
  return FALSE;
}

static char *
kontor_lead_entry_dup_display_name (KontorRecord *record)
{
  return g_strdup (_("Lead"));
}

static gboolean
kontor_lead_entry_check (KontorRecord  *record,
                         KontorRecord  *old_record,
                         GError       **error)
{
  KontorLeadEntry *self = KONTOR_LEAD_ENTRY (record);
  const char *rank = kontor_lead_entry_get_rank (self);

  if (kontor_lead_entry_get_project_id (self) == NULL ||
      kontor_lead_entry_get_contact_id (self) == NULL ||
      kontor_lead_entry_get_status_id (self) == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("A lead needs its project, its contact and its status."));
      return FALSE;
    }

  if (!kontor_lead_check_cents (kontor_lead_entry_get_value_cents (self), error) ||
      (kontor_lead_entry_get_currency (self) != NULL &&
       !kontor_lead_check_currency (kontor_lead_entry_get_currency (self), error)) ||
      !kontor_lead_check_probability (kontor_lead_entry_get_probability (self), error))
    return FALSE;

  if (kontor_lead_entry_get_left_at (self) < 0)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                           _("The time the contact left the group is not valid."));
      return FALSE;
    }

  if (rank != NULL && !kontor_rank_is_valid (rank))
    {
      g_autofree char *shown = kontor_text_shorten (rank, 40);

      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   _("The board position “%s” is not valid."), shown);
      return FALSE;
    }

  if (old_record != NULL)
    {
      KontorLeadEntry *old = KONTOR_LEAD_ENTRY (old_record);

      /* its contact changes only when merged into another
       * (kontor-contact-merge.c) */
      if (g_strcmp0 (kontor_lead_entry_get_project_id (self),
                     kontor_lead_entry_get_project_id (old)) != 0)
        {
          g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                               _("A lead stays with its project."));
          return FALSE;
        }
    }

  return TRUE;
}

static void
kontor_lead_entry_class_init (KontorLeadEntryClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "lead_entry",
                                      entry_fields, G_N_ELEMENTS (entry_fields));
  record_class->dup_display_name = kontor_lead_entry_dup_display_name;
  record_class->validate = kontor_lead_entry_check;
}

static void
kontor_lead_entry_init (KontorLeadEntry *self)
{
  kontor_lead_entry_set_probability (self, -1);
}

/**
 * kontor_lead_entry_new:
 * @project_id: the project's id
 * @contact_id: the contact's id
 * @status_id: a status of the project (its first, for a new lead)
 *
 * Returns: (transfer full): a new, not yet stored entry added by hand,
 *   without a value or a currency (the store gives it its project's)
 */
KontorLeadEntry *
kontor_lead_entry_new (const char *project_id,
                       const char *contact_id,
                       const char *status_id)
{
  KontorLeadEntry *self = g_object_new (KONTOR_TYPE_LEAD_ENTRY, NULL);

  kontor_lead_entry_set_project_id (self, project_id);
  kontor_lead_entry_set_contact_id (self, contact_id);
  kontor_lead_entry_set_status_id (self, status_id);

  return self;
}

/**
 * kontor_lead_entry_validate:
 * @self: an entry
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The rules of an entry on its own, for forms: its project, contact and
 * status, a value of 0 to %KONTOR_LEAD_MAX_CENTS cents, a currency code
 * (or none, for the project's),
 * a probability of 0 to 100 or none, a valid rank and date. The store
 * adds what needs the database: the status is the project's, the contact
 * is not restricted and not in the project already.
 *
 * Returns: %TRUE when @self may be stored
 */
gboolean
kontor_lead_entry_validate (KontorLeadEntry  *self,
                            GError          **error)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_ENTRY (self), FALSE);

  return kontor_record_validate (KONTOR_RECORD (self), NULL, error);
}

KONTOR_RECORD_STRING_ACCESSORS (KontorLeadEntry, kontor_lead_entry, project_id,
                                KONTOR_LEAD_ENTRY_FIELD_PROJECT_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadEntry, kontor_lead_entry, contact_id,
                                KONTOR_LEAD_ENTRY_FIELD_CONTACT_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadEntry, kontor_lead_entry, status_id,
                                KONTOR_LEAD_ENTRY_FIELD_STATUS_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadEntry, kontor_lead_entry, rank,
                                KONTOR_LEAD_ENTRY_FIELD_RANK)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadEntry, kontor_lead_entry, assignee_id,
                                KONTOR_LEAD_ENTRY_FIELD_ASSIGNEE_ID)
KONTOR_RECORD_INT64_ACCESSORS (KontorLeadEntry, kontor_lead_entry, value_cents,
                               KONTOR_LEAD_ENTRY_FIELD_VALUE_CENTS)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadEntry, kontor_lead_entry, currency,
                                KONTOR_LEAD_ENTRY_FIELD_CURRENCY)
KONTOR_RECORD_INT64_ACCESSORS (KontorLeadEntry, kontor_lead_entry, probability,
                               KONTOR_LEAD_ENTRY_FIELD_PROBABILITY)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadEntry, kontor_lead_entry, close_on,
                                KONTOR_LEAD_ENTRY_FIELD_CLOSE_ON)
KONTOR_RECORD_STRING_ACCESSORS (KontorLeadEntry, kontor_lead_entry, notes,
                                KONTOR_LEAD_ENTRY_FIELD_NOTES)
KONTOR_RECORD_INT64_ACCESSORS (KontorLeadEntry, kontor_lead_entry, left_at,
                               KONTOR_LEAD_ENTRY_FIELD_LEFT_AT)
KONTOR_RECORD_ENUM_ACCESSORS (KontorLeadEntry, kontor_lead_entry, joined_by,
                              KONTOR_LEAD_ENTRY_FIELD_JOINED_BY, KontorLeadJoin)
