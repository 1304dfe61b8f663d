/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-phone-key"

#include "config.h"

#include <glib.h>

/* libedataserver 3.46's e-flag.h still declares a GTimeVal function */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libebook-contacts/libebook-contacts.h>
G_GNUC_END_IGNORE_DEPRECATIONS

#include "kontor-phone-key.h"
#include "kontor-text.h"

/**
 * kontor_phone_match_key:
 * @number: (nullable): a phone number as a person or another program
 *   wrote it ("0221 / 12 34-5", "+49 (0)221 12345", "tel:+49-221-12345")
 * @region: (nullable): the ISO 3166 country assumed for a number without
 *   a country code; %NULL for "DE", where Kontor's teams work
 *
 * The key under which two numbers count as the same for duplicate
 * matching (features I2, X1, src/README.md "Duplicates"): the number in
 * E.164 as libphonenumber reads it (through evolution-data-server's
 * EPhoneNumber, which knows every country's trunk prefixes and
 * extensions), or Kontor's own digit normalisation
 * (kontor_phone_normalize()) where libebook-contacts was built without
 * libphonenumber or the text is no number it knows.
 *
 * Returns: (transfer full) (nullable): the key, digits after a "+";
 *   %NULL when @number has no digit
 */
char *
kontor_phone_match_key (const char *number,
                        const char *region)
{
  g_autofree char *digits = NULL;

  if (number == NULL)
    return NULL;

  if (e_phone_number_is_supported ())
    {
      EPhoneNumber *parsed;

      if (g_str_has_prefix (number, "tel:"))
        number += 4;

      parsed = e_phone_number_from_string (number, region != NULL ? region : "DE", NULL);
      if (parsed != NULL)
        {
          char *e164 = e_phone_number_to_string (parsed, E_PHONE_NUMBER_FORMAT_E164);

          e_phone_number_free (parsed);
          if (e164 != NULL && e164[0] == '+' && e164[1] != '\0')
            return e164;
          g_free (e164);
        }
    }

  digits = kontor_phone_normalize (number);
  if (digits == NULL || digits[0] == '\0')
    return NULL;

  return g_strconcat ("+", digits, NULL);
}
