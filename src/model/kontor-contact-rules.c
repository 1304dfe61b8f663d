/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contact-rules"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-contact-rules.h"
#include "kontor-error.h"
#include "kontor-rank.h"
#include "kontor-record-rules.h"
#include "kontor-rules-private.h"
#include "kontor-text.h"

/* The rules of the contact form and the status lifecycle (features C2, C4, src/README.md)
 * as pure functions, so they are tested without a display and the store
 * and the UI apply the very same ones. */

/**
 * kontor_contact_status_change:
 * @from: the current status
 * @to: the wanted status
 *
 * Returns: whether the change may happen at once or must be confirmed:
 *   making a prospect a customer asks first (feature C4, src/README.md)
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

/**
 * kontor_birthday_parse:
 * @birthday: (nullable): "YYYY-MM-DD", or "--MM-DD" for a birthday whose
 *   year is not known (vCard's partial date, src/README.md "Birthdays")
 * @year: (out) (optional): the year, 0 for none
 * @month: (out) (optional): the month, 1–12
 * @day: (out) (optional): the day of the month
 *
 * The rule of a birthday, the one date field that may go without its
 * year: a year-less 29 February is a birthday (it is one in leap years).
 *
 * Returns: %TRUE when @birthday is a real calendar date, with or
 *   without its year
 */
gboolean
kontor_birthday_parse (const char *birthday,
                       guint      *year,
                       guint      *month,
                       guint      *day)
{
  g_autofree char *full = NULL;
  const char *date = birthday;
  gboolean yearless;

  if (birthday == NULL)
    return FALSE;

  /* "--04-15" is checked as a day of leap year 2000 */
  yearless = strlen (birthday) == 7 && g_str_has_prefix (birthday, "--");
  if (yearless)
    date = full = g_strconcat ("2000", birthday + 1, NULL);
  if (!kontor_date_is_valid (date))
    return FALSE;

  if (year != NULL)
    *year = yearless ? 0 : (guint) g_ascii_strtoull (date, NULL, 10);
  if (month != NULL)
    *month = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  if (day != NULL)
    *day = (guint) g_ascii_strtoull (date + 8, NULL, 10);

  return TRUE;
}

/* The rules of a contact beyond those of its fields; the
 * KontorRecordClass.validate of #KontorContact. */
/**
 * kontor_contact_check_keep_in_touch_days:
 * @days: a contact's "stay in touch" interval in days, 0 for none
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The interval after which a contact without activity reminds its sales
 * reps (feature R2, src/README.md "Reminders"): none, or a day up to ten
 * years.
 *
 * Returns: %TRUE when @days is 0 to %KONTOR_CONTACT_KEEP_IN_TOUCH_MAX
 */
gboolean
kontor_contact_check_keep_in_touch_days (gint64   days,
                                         GError **error)
{
  if (days >= 0 && days <= KONTOR_CONTACT_KEEP_IN_TOUCH_MAX)
    return TRUE;

  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
               /* Translators: %d is the longest interval, 3650 */
               _("Stay in touch: give a number of days from 1 to %d, or 0 for never."),
               KONTOR_CONTACT_KEEP_IN_TOUCH_MAX);
  return FALSE;
}

gboolean
_kontor_contact_check (KontorRecord  *record,
                       KontorRecord  *old_record,
                       GError       **error)
{
  KontorContact *contact = KONTOR_CONTACT (record);
  KontorContact *old = old_record != NULL ? KONTOR_CONTACT (old_record) : NULL;
  KontorContactStatus status = kontor_contact_get_status (contact);
  const char *rank = kontor_contact_get_rank (contact);

  if (kontor_text_is_blank (kontor_contact_get_first_name (contact)) &&
      kontor_text_is_blank (kontor_contact_get_last_name (contact)) &&
      kontor_text_is_blank (kontor_contact_get_company_name (contact)) &&
      kontor_contact_get_company_id (contact) == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Enter a name or a company."));
      return FALSE;
    }

  if (!kontor_contact_check_keep_in_touch_days (kontor_contact_get_keep_in_touch_days (contact),
                                                error))
    return FALSE;

  if (rank != NULL && !kontor_rank_is_valid (rank))
    {
      g_autofree char *shown = kontor_text_shorten (rank, 40);

      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   _("The board position “%s” is not valid."), shown);
      return FALSE;
    }

  /* Restricted contacts (Inbox, Archived) are not on the board: their pipeline
   * status is kept but cannot change until they are active again. */
  if (old != NULL &&
      kontor_contact_status_is_restricted (status) &&
      kontor_contact_status_is_restricted (kontor_contact_get_status (old)) &&
      g_strcmp0 (kontor_contact_get_pipeline_status_id (contact),
                 kontor_contact_get_pipeline_status_id (old)) != 0)
    {
      g_autofree char *name = kontor_record_dup_display_name (record);

      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_STATUS_TRANSITION,
                   /* Translators: the first %s is a name, the second a status ("Archived") */
                   _("The pipeline status of %s cannot change while the contact is in “%s”. "
                     "Make the contact active first."),
                   name, kontor_contact_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_contact_validate:
 * @contact: a contact
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The rules of a new contact, as the forms check them before storing: a
 * name or a company; text that is valid, without control characters and
 * not too long; e-mail addresses that look like e-mail addresses, phone
 * numbers with a digit, dates that are dates. The store checks a change
 * with kontor_record_validate(), which adds the rules of the transition.
 *
 * Returns: %TRUE when @contact may be stored
 */
gboolean
kontor_contact_validate (KontorContact  *contact,
                         GError        **error)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), FALSE);

  return kontor_record_validate (KONTOR_RECORD (contact), NULL, error);
}

/**
 * kontor_contact_check_birthday:
 * @contact: a contact about to be stored
 * @keep_birthdays: whether the team's privacy setting allows birthdays
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * A birthday is personal data kept only where the team allows it (feature
 * C8, src/README.md "Birthdays"): the store asks this before it writes a
 * new birthday, and the importer and the sync engine drop one it refuses.
 *
 * Returns: %TRUE when @contact has no birthday or birthdays may be kept;
 *   otherwise %FALSE with %KONTOR_RECORD_ERROR_NOT_PERMITTED
 */
gboolean
kontor_contact_check_birthday (KontorContact  *contact,
                               gboolean        keep_birthdays,
                               GError        **error)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), FALSE);

  if (keep_birthdays || kontor_contact_get_birthday (contact) == NULL)
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED,
                       _("Birthdays are not kept in this database. An administrator can allow "
                         "them in Preferences."));
  return FALSE;
}
