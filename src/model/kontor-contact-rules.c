/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contact-rules"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-error.h"
#include "kontor-text.h"

/* The rules of the contact form and the status lifecycle (FEATURES C2, C4)
 * as pure functions, so they are tested without a display and the store
 * and the UI apply the very same ones. */

/**
 * kontor_contact_status_change:
 * @from: the current status
 * @to: the wanted status
 *
 * Returns: whether the change may happen at once or must be confirmed:
 *   making a prospect a customer asks first (FEATURES C4)
 */
KontorStatusChange
kontor_contact_status_change (KontorContactStatus from,
                              KontorContactStatus to)
{
  if (from == to)
    return KONTOR_STATUS_CHANGE_NONE;
  if (from == KONTOR_CONTACT_STATUS_PROSPECT && to == KONTOR_CONTACT_STATUS_CUSTOMER)
    return KONTOR_STATUS_CHANGE_CONFIRM;

  return KONTOR_STATUS_CHANGE_ALLOWED;
}

/**
 * kontor_contact_status_reactivated:
 * @previous: the status the contact had before it was archived or, for an
 *   inbox contact, %KONTOR_CONTACT_STATUS_INBOX
 *
 * Returns: the status "Make active" gives: what it was before, or Prospect
 */
KontorContactStatus
kontor_contact_status_reactivated (KontorContactStatus previous)
{
  if (kontor_contact_status_is_restricted (previous))
    return KONTOR_CONTACT_STATUS_PROSPECT;

  return previous;
}

/**
 * kontor_date_is_valid:
 * @iso_date: (nullable): "YYYY-MM-DD"
 *
 * Returns: %TRUE when @iso_date is a real calendar date
 */
gboolean
kontor_date_is_valid (const char *iso_date)
{
  guint year, month, day;
  char end;

  if (iso_date == NULL || strlen (iso_date) != 10)
    return FALSE;

  /* sscanf's %u skips blanks and takes a sign ("2024- 1-01", "-024-01-01"):
   * check the shape first, digit by digit. */
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7 ? iso_date[i] != '-' : !g_ascii_isdigit (iso_date[i]))
        return FALSE;
    }

  if (sscanf (iso_date, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;

  return g_date_valid_dmy (day, month, year);
}

static gboolean
validate_emails (GPtrArray  *emails,
                 GError    **error)
{
  for (guint i = 0; emails != NULL && i < emails->len; i++)
    {
      const KontorChannel *channel = g_ptr_array_index (emails, i);

      if (!kontor_email_is_valid (channel->value))
        {
          g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                       /* Translators: %s is what the user typed as e-mail address */
                       _("“%s” is not a valid e-mail address."),
                       channel->value != NULL ? channel->value : "");
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * kontor_contact_validate:
 * @contact: a contact
 * @error: return location for a #GError
 *
 * A contact needs a name or a company; e-mail addresses must look like
 * e-mail addresses; dates must be dates.
 *
 * Returns: %TRUE when @contact may be stored
 */
gboolean
kontor_contact_validate (KontorContact  *contact,
                         GError        **error)
{
  const char *birthday;
  const char *due_date;

  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), FALSE);

  if (!kontor_contact_has_person_name (contact) &&
      kontor_contact_get_company_name (contact) == NULL &&
      kontor_contact_get_company_id (contact) == NULL)
    {
      g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                           _("Enter a name or a company."));
      return FALSE;
    }

  if (!validate_emails (kontor_contact_get_emails (contact), error))
    return FALSE;

  birthday = kontor_contact_get_birthday (contact);
  if (birthday != NULL && !kontor_date_is_valid (birthday))
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                   /* Translators: %s is the date the user typed */
                   _("The birthday “%s” is not a valid date."), birthday);
      return FALSE;
    }

  due_date = kontor_contact_get_due_date (contact);
  if (due_date != NULL && !kontor_date_is_valid (due_date))
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                   /* Translators: %s is the date the user typed */
                   _("The due date “%s” is not a valid date."), due_date);
      return FALSE;
    }

  return TRUE;
}
