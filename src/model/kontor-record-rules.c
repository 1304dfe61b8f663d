/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-record-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-error.h"
#include "kontor-record-rules.h"
#include "kontor-text.h"

/* The rules every field of every record kind follows, by its type: text is
 * valid UTF-8 without control characters and not longer than its field
 * allows; a date is a real date; an enum has one of its values; e-mail
 * addresses and phone numbers have their syntax. Then the record kind's own
 * rules (KontorRecordClass.validate). The forms, the store, the importer
 * and the sync engine all call kontor_record_validate(), so a value one of
 * them refuses is refused by all. */

/* how much of a wrong value a message shows */
#define SHOWN_CHARS 40

/* Fields longer than a name, or shorter, by their column */
static const struct {
  const char *column;
  guint       max_chars;
  gboolean    multiline;
} text_limits[] = {
  { "notes", 1000000, TRUE },
  { "website", 2000, FALSE },
  { "emails", 254, FALSE },        /* the longest address SMTP carries */
  { "phones", 64, FALSE },
  { "rank", 1024, FALSE },         /* grows a digit per insert between neighbours */
  /* an activity's JSON lists (kontor-activity.c): three files with their
   * names, three links of up to 2000 characters, participants' ids */
  { "attachments", 4096, FALSE },
  { "links", 8192, FALSE },
  { "participant_contacts", 65536, FALSE },
  { "participant_users", 65536, FALSE },
};

static int
find_text_limit (const KontorField *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_limits); i++)
    {
      if (g_str_equal (field->column, text_limits[i].column))
        return i;
    }

  return -1;
}

/**
 * kontor_field_max_chars:
 * @field: a text field, or e-mail addresses or phone numbers
 *
 * Returns: how many characters a value of @field may have:
 *   %KONTOR_TEXT_MAX_CHARS unless the field needs more (notes, a website)
 *   or less (a phone number)
 */
guint
kontor_field_max_chars (const KontorField *field)
{
  int i;

  g_return_val_if_fail (field != NULL, 0);

  i = find_text_limit (field);

  return i >= 0 ? text_limits[i].max_chars : KONTOR_TEXT_MAX_CHARS;
}

/**
 * kontor_field_is_multiline:
 * @field: a text field
 *
 * Returns: %TRUE when @field may hold line breaks and tabs (notes)
 */
gboolean
kontor_field_is_multiline (const KontorField *field)
{
  int i;

  g_return_val_if_fail (field != NULL, FALSE);

  i = find_text_limit (field);

  return i >= 0 && text_limits[i].multiline;
}

static gboolean
is_allowed_control (gunichar c,
                    gboolean multiline)
{
  return multiline && (c == '\n' || c == '\r' || c == '\t');
}

/* ASCII control characters, and C1 controls (U+0080–U+009F) */
static inline gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/* @label is the field's name for the messages, untranslated: a valid
 * value (nearly every one) costs no look-up of a translation. */
static gboolean
check_text (const char  *label,
            const char  *text,
            guint        max_chars,
            gboolean     multiline,
            GError     **error)
{
  g_autofree char *shown = NULL;
  gsize n_bytes;
  glong n_chars;

  if (text == NULL)
    return TRUE;

  /* a character has at most four bytes: a text of more bytes is too long
   * whatever it holds, and is not read any further */
  n_bytes = strlen (text);
  n_chars = n_bytes > (gsize) max_chars * 4 ? G_MAXLONG : -1;

  if (n_chars < 0 && !g_utf8_validate (text, n_bytes, NULL))
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_TEXT,
                   /* Translators: %s is a field ("First name") */
                   _("%s is not valid UTF-8 text."), _(label));
      return FALSE;
    }

  if (n_chars < 0)
    n_chars = g_utf8_strlen (text, n_bytes);
  if (n_chars > (glong) max_chars)
    {
      shown = kontor_text_shorten (text, SHOWN_CHARS);
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_TOO_LONG,
                   /* Translators: the first %s is a field ("First name"), the second
                    * the start of the value, %u a number of characters */
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s “%s” is too long: at most %u character is allowed.",
                                "%s “%s” is too long: at most %u characters are allowed.",
                                max_chars),
                   _(label), shown, max_chars);
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* an ASCII character is its byte; the others need decoding */
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (is_control (c) && !is_allowed_control (c, multiline))
        {
          shown = kontor_text_shorten (text, SHOWN_CHARS);
          g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_TEXT,
                       /* Translators: the first %s is a field ("First name"), the second
                        * its value, %04X the code of the character ("0007") */
                       _("%s “%s” contains a control character (U+%04X)."),
                       _(label), shown, c);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_channels_text (const KontorField  *field,
                     const char         *label,
                     GPtrArray          *channels,
                     GError            **error)
{
  guint max_chars = kontor_field_max_chars (field);

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const KontorChannel *channel = g_ptr_array_index (channels, i);

      if (!check_text (label, channel->value, max_chars, FALSE, error) ||
          !check_text (label, channel->label, KONTOR_TEXT_MAX_CHARS, FALSE, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_channels (const KontorField  *field,
                GPtrArray          *channels,
                GError            **error)
{
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      if (!kontor_channel_validate (g_ptr_array_index (channels, i), field->kind, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_enum (const KontorField  *field,
            const char         *label,
            int                 number,
            GError            **error)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->enum_type ());

  if (g_enum_get_value (enum_class, number) != NULL)
    return TRUE;

  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
               /* Translators: %s is a field ("Status"), %d a number */
               _("%s: unknown value %d."), _(label), number);

  return FALSE;
}

static gboolean
check_date (const KontorField  *field,
            const char         *date,
            GError            **error)
{
  const char *label = field->label;
  g_autofree char *shown = NULL;

  if (date == NULL || kontor_date_is_valid (date))
    return TRUE;
  if ((field->flags & KONTOR_FIELD_YEARLESS) != 0 &&
      kontor_birthday_parse (date, NULL, NULL, NULL))
    return TRUE;

  shown = kontor_text_shorten (date, SHOWN_CHARS);
  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
               /* Translators: the first %s is a field ("Birthday"), the second the
                * date as given; a date is written YYYY-MM-DD */
               _("%s “%s” is not a valid date."), _(label), shown);

  return FALSE;
}

/* First rule of all: every text is text of a sane length, so that the
 * other rules, and their messages, can read it. */
static gboolean
check_field_text (KontorRecord       *self,
                  guint               index,
                  const KontorField  *field,
                  GError            **error)
{
  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_DATE:
    case KONTOR_FIELD_TYPE_REF:
      /* an empty field needs no limits looked up */
      return kontor_record_get_string (self, index) == NULL ||
             check_text (field->label, kontor_record_get_string (self, index),
                         kontor_field_max_chars (field), kontor_field_is_multiline (field),
                         error);
    case KONTOR_FIELD_TYPE_CHANNELS:
      return check_channels_text (field, field->label,
                                  kontor_record_get_channels (self, index), error);
    case KONTOR_FIELD_TYPE_BOOLEAN:
    case KONTOR_FIELD_TYPE_INT64:
    case KONTOR_FIELD_TYPE_ENUM:
    case KONTOR_FIELD_TYPE_REFS:
    default:
      return TRUE;
    }
}

/* The syntax of values, said after what a record kind misses */
static gboolean
check_field_value (KontorRecord       *self,
                   guint               index,
                   const KontorField  *field,
                   GError            **error)
{
  switch (field->type)
    {
    case KONTOR_FIELD_TYPE_DATE:
      return check_date (field, kontor_record_get_string (self, index), error);
    case KONTOR_FIELD_TYPE_ENUM:
      return check_enum (field, field->label, kontor_record_get_enum (self, index), error);
    case KONTOR_FIELD_TYPE_CHANNELS:
      return check_channels (field, kontor_record_get_channels (self, index), error);
    case KONTOR_FIELD_TYPE_STRING:
    case KONTOR_FIELD_TYPE_BOOLEAN:
    case KONTOR_FIELD_TYPE_INT64:
    case KONTOR_FIELD_TYPE_REF:
    case KONTOR_FIELD_TYPE_REFS:
    default:
      return TRUE;
    }
}

/**
 * kontor_record_validate:
 * @self: a record
 * @old: (nullable): the stored version of @self when @self is a change of
 *   it, %NULL for a new record
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * Applies every rule of the data to @self, in the order a person fixes
 * them: first every text must be valid UTF-8 without control characters
 * and not too long; then the rules of its kind (a contact needs a name or
 * a company, a restricted contact keeps its pipeline status, a system
 * column keeps its name…); then the syntax of dates, enums, e-mail
 * addresses and phone numbers. Rules that need the database, such as a
 * unique customer number, are the store's.
 *
 * Returns: %TRUE when @self may be stored
 */
gboolean
kontor_record_validate (KontorRecord  *self,
                        KontorRecord  *old,
                        GError       **error)
{
  KontorRecordClass *klass;

  g_return_val_if_fail (KONTOR_IS_RECORD (self), FALSE);
  g_return_val_if_fail (old == NULL || G_OBJECT_TYPE (old) == G_OBJECT_TYPE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = KONTOR_RECORD_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (!check_field_text (self, i, &klass->fields[i], error))
        return FALSE;
    }

  if (klass->validate != NULL && !klass->validate (self, old, error))
    return FALSE;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (!check_field_value (self, i, &klass->fields[i], error))
        return FALSE;
    }

  return TRUE;
}
