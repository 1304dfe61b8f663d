/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Customer number ranges ("Nummernkreise", feature C5, src/README.md): prefix, year and
 * a zero-padded running number. "Nummer erzeugen" takes the next number
 * that no contact or company uses, inside the same transaction that stores
 * it, so two clicks never give the same number. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-record-json.h"
#include "kontor-store-crud.h"
#include "kontor-store-numbers.h"
#include "kontor-store-outbox.h"

#define CONTACT_RANGE_ID "00000000-0000-7000-8000-000000000101"
#define COMPANY_RANGE_ID "00000000-0000-7000-8000-000000000103"

/* Contacts and companies have a range each (schema versions 2 and 9) */
static const char *
range_id (GType type)
{
  g_return_val_if_fail (type == KONTOR_TYPE_CONTACT || type == KONTOR_TYPE_COMPANY,
                        CONTACT_RANGE_ID);

  return type == KONTOR_TYPE_COMPANY ? COMPANY_RANGE_ID : CONTACT_RANGE_ID;
}
#define MAX_PREFIX_LENGTH 20

void
kontor_number_range_clear (KontorNumberRange *range)
{
  g_return_if_fail (range != NULL);

  g_clear_pointer (&range->prefix, g_free);
}

/**
 * kontor_number_range_format:
 * @range: a number range
 * @value: the running number
 * @when: (nullable): the date whose year goes in, %NULL for now
 *
 * Returns: (transfer full): the customer number, e.g. "K-2026-00042"
 */
char *
kontor_number_range_format (const KontorNumberRange *range,
                            gint64                   value,
                            GDateTime               *when)
{
  g_autoptr(GDateTime) now = NULL;
  GString *number;

  g_return_val_if_fail (range != NULL, NULL);

  if (when == NULL)
    when = now = g_date_time_new_now_local ();

  number = g_string_new (range->prefix);
  switch (range->year_format)
    {
    case KONTOR_YEAR_FORMAT_FULL:
      g_string_append_printf (number, "%04d-", g_date_time_get_year (when));
      break;
    case KONTOR_YEAR_FORMAT_SHORT:
      g_string_append_printf (number, "%02d-", g_date_time_get_year (when) % 100);
      break;
    case KONTOR_YEAR_FORMAT_NONE:
    default:
      break;
    }
  g_string_append_printf (number, "%0*" G_GINT64_FORMAT, (int) range->padding, value);

  return g_string_free (number, FALSE);
}

/**
 * kontor_store_get_number_range:
 * @self: a store
 * @range: (out caller-allocates): where to store the range; clear it with
 *   kontor_number_range_clear()
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_get_number_range (KontorStore        *self,
                               KontorNumberRange  *range,
                               GError            **error)
{
  return kontor_store_get_number_range_of (self, KONTOR_TYPE_CONTACT, range, error);
}

/**
 * kontor_store_get_number_range_of:
 * @self: a store
 * @type: %KONTOR_TYPE_CONTACT or %KONTOR_TYPE_COMPANY
 * @range: (out caller-allocates): the range, to clear with
 *   kontor_number_range_clear()
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @range holds the number range of @type
 */
gboolean
kontor_store_get_number_range_of (KontorStore        *self,
                                  GType               type,
                                  KontorNumberRange  *range,
                                  GError            **error)
{
  sqlite3_stmt *stmt;
  int result;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  stmt = _kontor_store_prepare (self,
                                "SELECT prefix, year_format, padding, next_value "
                                "FROM number_range WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, range_id (type), -1, SQLITE_STATIC);
  result = _kontor_store_step (self, stmt, error);
  if (result == 1)
    {
      range->prefix = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      range->year_format = sqlite3_column_int (stmt, 1);
      range->padding = sqlite3_column_int (stmt, 2);
      range->next_value = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (result == 0)
    g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND,
                         _("The customer number range is missing from the database."));

  return result == 1;
}

static gboolean
validate_range (const KontorNumberRange  *range,
                GError                  **error)
{
  if (range->prefix != NULL &&
      /* valid first: counting the characters of invalid UTF-8 may read
       * past its end */
      (!g_utf8_validate (range->prefix, -1, NULL) ||
       g_utf8_strlen (range->prefix, -1) > MAX_PREFIX_LENGTH))
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                   /* Translators: %d is a number of characters */
                   ngettext ("The prefix may have at most %d character.",
                             "The prefix may have at most %d characters.", MAX_PREFIX_LENGTH),
                   MAX_PREFIX_LENGTH);
      return FALSE;
    }
  if (range->padding < 1 || range->padding > 12)
    {
      g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                           _("The number of digits must be between 1 and 12."));
      return FALSE;
    }
  if (range->next_value < 1)
    {
      g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                           _("The next number must be 1 or more."));
      return FALSE;
    }
  if ((guint) range->year_format > KONTOR_YEAR_FORMAT_SHORT)
    {
      g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                           _("Unknown year format."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_range (KontorStore              *self,
             GType                     type,
             const KontorNumberRange  *range,
             GError                  **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "UPDATE number_range SET prefix = ?1, "
                                              "year_format = ?2, padding = ?3, next_value = ?4, "
                                              "updated_at = ?5 WHERE id = ?6",
                                              error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, range->prefix != NULL ? range->prefix : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, range->year_format);
  sqlite3_bind_int (stmt, 3, range->padding);
  sqlite3_bind_int64 (stmt, 4, range->next_value);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 6, range_id (type), -1, SQLITE_STATIC);

  return _kontor_store_step_done (self, stmt, error);
}

/**
 * kontor_store_set_number_range:
 * @self: a store
 * @range: the new settings
 * @error: return location for a #GError
 *
 * Stores the range (Preferences). Prefix, year format and digits are team
 * settings and go to the outbox.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_set_number_range (KontorStore              *self,
                               const KontorNumberRange  *range,
                               GError                  **error)
{
  return kontor_store_set_number_range_of (self, KONTOR_TYPE_CONTACT, range, error);
}

/**
 * kontor_store_set_number_range_of:
 * @self: a store
 * @type: %KONTOR_TYPE_CONTACT or %KONTOR_TYPE_COMPANY
 * @range: the new settings
 * @error: return location for a #GError
 *
 * Stores the number range of @type, as kontor_store_set_number_range()
 * does the contacts'.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_store_set_number_range_of (KontorStore              *self,
                                  GType                     type,
                                  const KontorNumberRange  *range,
                                  GError                  **error)
{
  const char *id = range_id (type);
  KontorNumberRange old = { NULL, };
  g_autofree char *prefix_json = NULL;
  g_autofree char *old_prefix_json = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  if (!_kontor_store_check_admin (self, error) || !validate_range (range, error))
    return FALSE;

  if (!_kontor_store_begin (self, error))
    return FALSE;

  if (!kontor_store_get_number_range_of (self, type, &old, error) ||
      !write_range (self, type, range, error))
    goto failed;

  prefix_json = kontor_json_quote (range->prefix != NULL ? range->prefix : "");
  old_prefix_json = kontor_json_quote (old.prefix);
  if (g_strcmp0 (old.prefix, range->prefix != NULL ? range->prefix : "") != 0 &&
      !_kontor_store_append_row_update (self, "number_range", id, "prefix",
                                        prefix_json, old_prefix_json, error))
    goto failed;
  if (old.year_format != range->year_format || old.padding != range->padding)
    {
      g_autofree char *year = g_strdup_printf ("%d", range->year_format);
      g_autofree char *old_year = g_strdup_printf ("%d", old.year_format);
      g_autofree char *padding = g_strdup_printf ("%u", range->padding);
      g_autofree char *old_padding = g_strdup_printf ("%u", old.padding);

      if ((old.year_format != range->year_format &&
           !_kontor_store_append_row_update (self, "number_range", id, "year_format",
                                             year, old_year, error)) ||
          (old.padding != range->padding &&
           !_kontor_store_append_row_update (self, "number_range", id, "padding",
                                             padding, old_padding, error)))
        goto failed;
    }

  kontor_number_range_clear (&old);

  return _kontor_store_commit (self, error);

failed:
  kontor_number_range_clear (&old);
  _kontor_store_rollback (self);
  return FALSE;
}

/**
 * _kontor_store_check_customer_number:
 * @self: a store
 * @number: (nullable): a customer number
 * @own_id: (nullable): the record that is to have @number
 * @error: return location for a #GError
 *
 * Customer numbers are unique among contacts and companies: a number
 * another record has gives %KONTOR_STORE_ERROR_DUPLICATE_NUMBER, naming it.
 *
 * Returns: %TRUE when @number is free for @own_id
 */
gboolean
_kontor_store_check_customer_number (KontorStore   *self,
                                     const char    *number,
                                     const char    *own_id,
                                     GError       **error)
{
  static const char *sql[] = {
    "SELECT id FROM contact WHERE customer_number = ?1 AND id IS NOT ?2",
    "SELECT id FROM company WHERE customer_number = ?1 AND id IS NOT ?2",
  };
  static GType (*types[]) (void) = { kontor_contact_get_type, kontor_company_get_type };

  if (number == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = _kontor_store_prepare (self, sql[i], error);
      g_autofree char *other_id = NULL;
      g_autoptr(KontorRecord) other = NULL;
      g_autofree char *other_name = NULL;

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, own_id, -1, SQLITE_TRANSIENT);
      if (_kontor_store_step_one (self, stmt, NULL, &other_id, error) < 0)
        return FALSE;
      if (other_id == NULL)
        continue;

      other = kontor_store_load (self, types[i] (), other_id, error);
      if (other == NULL)
        return FALSE;
      other_name = kontor_record_dup_display_name (other);
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_DUPLICATE_NUMBER,
                   /* Translators: the first %s is a customer number, the second a name */
                   _("The customer number “%s” is already used by %s."), number, other_name);
      return FALSE;
    }

  return TRUE;
}

static int
number_is_taken (KontorStore  *self,
                 const char   *number,
                 GError      **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (self,
                                              "SELECT EXISTS (SELECT 1 FROM contact "
                                              "WHERE customer_number = ?1) OR EXISTS (SELECT 1 "
                                              "FROM company WHERE customer_number = ?1)",
                                              error);
  gint64 taken = -1;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  _kontor_store_step_one (self, stmt, &taken, NULL, error);

  return (int) taken;
}

/**
 * kontor_store_assign_customer_number:
 * @self: a store
 * @contact: a stored contact without a customer number
 * @error: return location for a #GError
 *
 * "Nummer erzeugen" for a contact: see kontor_store_assign_number().
 *
 * Returns: (transfer full) (nullable): the number given
 */
char *
kontor_store_assign_customer_number (KontorStore    *self,
                                     KontorContact  *contact,
                                     GError        **error)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), NULL);

  return kontor_store_assign_number (self, KONTOR_RECORD (contact), error);
}

/**
 * kontor_store_assign_number:
 * @self: a store
 * @record: a stored contact or company without a customer number
 * @error: return location for a #GError
 *
 * "Nummer erzeugen": gives @record the next free number of its kind's
 * range and advances the range, in one transaction. Numbers already used
 * (typed by hand, or imported, by a contact or a company) are skipped.
 * @record gets the number; its other fields, saved or not, are left alone.
 *
 * Returns: (transfer full) (nullable): the number given
 */
char *
kontor_store_assign_number (KontorStore   *self,
                            KontorRecord  *record,
                            GError       **error)
{
  GType type = G_OBJECT_TYPE (record);
  KontorNumberRange range = { NULL, };
  g_autoptr(KontorRecord) stored = NULL;
  g_autofree char *number = NULL;
  gboolean changed;
  guint index;
  int taken;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTACT (record) || KONTOR_IS_COMPANY (record), NULL);
  g_return_val_if_fail (kontor_record_get_id (record) != NULL, NULL);

  if (kontor_record_class_find_field (KONTOR_RECORD_GET_CLASS (record), "customer_number",
                                      &index) == NULL)
    g_return_val_if_reached (NULL);

  if (!_kontor_store_begin (self, error))
    return NULL;

  stored = kontor_store_load (self, type, kontor_record_get_id (record), error);
  if (stored == NULL || !kontor_store_get_number_range_of (self, type, &range, error))
    goto failed;

  if (kontor_record_get_string (stored, index) != NULL)
    {
      g_autofree char *name = kontor_record_dup_display_name (stored);

      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID,
                   /* Translators: the first %s is a name, the second a customer number */
                   _("%s already has the customer number “%s”."),
                   name, kontor_record_get_string (stored, index));
      goto failed;
    }

  do
    {
      g_free (number);
      number = kontor_number_range_format (&range, range.next_value++, NULL);
      taken = number_is_taken (self, number, error);
    }
  while (taken == 1);

  if (taken < 0)
    goto failed;

  kontor_record_set_string (stored, index, number);
  if (!_kontor_store_save_record (self, stored, &changed, error) ||
      !write_range (self, type, &range, error))
    goto failed;

  kontor_number_range_clear (&range);

  if (!_kontor_store_commit (self, error))
    return NULL;

  /* only what changed: @record may hold edits not saved yet */
  kontor_record_set_string (record, index, number);
  kontor_record_set_updated_at (record, kontor_record_get_updated_at (stored));

  return g_steal_pointer (&number);

failed:
  kontor_number_range_clear (&range);
  _kontor_store_rollback (self);
  return NULL;
}
