/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-money"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-error.h"
#include "kontor-money.h"

/* Amounts of money as the user reads them (src/README.md "Amounts of
 * money"). As with dates (src/ui/kontor-format.c), a real LC_MONETARY
 * locale gives the marks and the currency's place (localeconv()); in the C
 * locale, as under LC_ALL=C.UTF-8 LANGUAGE=de, they come from the
 * translation instead. */

typedef struct
{
  const char *decimal;   /* the decimal mark */
  const char *thousands; /* between groups of digits, "" for none */
  const char *grouping;  /* group sizes as in localeconv()'s mon_grouping */
  gboolean    before;    /* the currency precedes the amount */
  gboolean    spaced;    /* a space between currency and amount */
} MoneyStyle;

static gboolean
monetary_locale_is_real (void)
{
  const char *locale = setlocale (LC_MONETARY, NULL);

  return locale != NULL &&
         !g_str_equal (locale, "C") &&
         !g_str_equal (locale, "POSIX") &&
         !g_str_has_prefix (locale, "C.");
}

static void
get_style (MoneyStyle *style)
{
  if (monetary_locale_is_real ())
    {
      /* localeconv() is not thread safe in theory; glibc fills its result
       * from the locale data without writing shared state we read here */
      const struct lconv *conv = localeconv ();

      style->decimal = *conv->mon_decimal_point != '\0' ? conv->mon_decimal_point : ".";
      style->thousands = conv->mon_thousands_sep;
      style->grouping = conv->mon_grouping;
      style->before = conv->p_cs_precedes == 1;
      style->spaced = conv->p_sep_by_space == 1;
      return;
    }

  /* Translators: the decimal mark in amounts of money; German: "," */
  style->decimal = C_("money", ".");
  /* Translators: between groups of three digits in amounts of money;
   * German: "." */
  style->thousands = C_("money", ",");
  style->grouping = "\3";
  /* Translators: "before" when the currency symbol precedes the amount
   * ($1,234.50), "after" when it follows it after a space (1.234,50 €).
   * Type the English word, not a translation; German: "after" */
  style->before = !g_str_equal (C_("money symbol place", "before"), "after");
  style->spaced = !style->before;
}

/* the symbol of a currency code as people write it, else the code */
static const char *
currency_symbol (const char *currency)
{
  static const struct { const char *code, *symbol; } symbols[] = {
    { "EUR", "€" }, { "USD", "$" }, { "GBP", "£" }, { "JPY", "¥" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (currency, symbols[i].code))
      return symbols[i].symbol;
  return currency;
}

/* @whole's digits in @out, grouped from the right as @style says */
static void
append_grouped (GString          *out,
                guint64           whole,
                const MoneyStyle *style)
{
  char digits[32];
  gsize len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, whole);
  gboolean *group_end = g_newa (gboolean, len + 1);
  const char *size = style->grouping;
  gsize left = len;

  memset (group_end, 0, (len + 1) * sizeof (gboolean));
  /* mark the digits after which a separator goes, from the right; the
   * last size repeats, CHAR_MAX (or none at all) stops the grouping */
  if (*style->thousands != '\0' && size != NULL && *size > 0 && *size != CHAR_MAX)
    {
      int step = *size;

      while (left > (gsize) step)
        {
          left -= step;
          group_end[left] = TRUE;
          if (size[1] != '\0')
            {
              size++;
              if (*size == CHAR_MAX)
                break;
              if (*size > 0)
                step = *size;
            }
        }
    }

  for (gsize i = 0; i < len; i++)
    {
      if (group_end[i])
        g_string_append (out, style->thousands);
      g_string_append_c (out, digits[i]);
    }
}

static char *
format_with_style (gint64            cents,
                   const char       *currency,
                   const MoneyStyle *style)
{
  GString *out = g_string_new (NULL);
  /* negated as unsigned: G_MININT64 has no positive gint64 */
  guint64 magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;
  const char *symbol = currency != NULL && *currency != '\0' ? currency_symbol (currency) : NULL;
  gboolean spaced = style->spaced;

  /* a code rather than a symbol ("CHF") never touches the digits */
  if (symbol != NULL && g_ascii_isalpha (*symbol))
    spaced = TRUE;

  if (cents < 0)
    g_string_append (out, "-");
  if (symbol != NULL && style->before)
    {
      g_string_append (out, symbol);
      if (spaced)
        g_string_append (out, "\u00a0");
    }
  append_grouped (out, magnitude / 100, style);
  g_string_append (out, style->decimal);
  g_string_append_printf (out, "%02u", (guint) (magnitude % 100));
  if (symbol != NULL && !style->before)
    {
      if (spaced)
        g_string_append (out, "\u00a0");
      g_string_append (out, symbol);
    }

  return g_string_free (out, FALSE);
}

/**
 * kontor_money_format:
 * @cents: an amount in hundredths of @currency
 * @currency: (nullable): an ISO 4217 code ("EUR"), %NULL for none
 *
 * Formats an amount as the user's locale writes money: "1.234,50 €" in
 * German, "€1,234.50" in English. EUR, USD, GBP and JPY show their
 * symbols, other currencies their code ("1.234,50 CHF", "CHF 1,234.50").
 * The space between amount and currency is a no-break space (U+00A0) so
 * that a label never wraps between them; a minus sign leads ("-12,00 €").
 * Always two decimals: the value is stored in hundredths whatever the
 * currency.
 *
 * Returns: (transfer full): the amount as text
 */
char *
kontor_money_format (gint64      cents,
                     const char *currency)
{
  MoneyStyle style;

  get_style (&style);
  return format_with_style (cents, currency, &style);
}

/* @p starts with @mark (a non-empty mark only): its length, else 0 */
static gsize
mark_at (const char *p,
         const char *mark)
{
  gsize len = strlen (mark);

  return len > 0 && strncmp (p, mark, len) == 0 ? len : 0;
}

/**
 * kontor_money_parse:
 * @text: an amount as the user's locale writes it: "1.234,50" or "1234,5"
 *   in German, "1,234.50" or "1234.5" in English; a leading minus is kept
 * @cents: (out): the amount in hundredths
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The reverse of kontor_money_format() without the currency: the same
 * decimal mark and thousands separator (from LC_MONETARY or the
 * translation). Separators group threes from the decimal mark leftwards
 * and are optional, at most two decimals are allowed, surrounding spaces
 * are ignored. Integers only, never floating point; an amount that does
 * not fit in 64 bits is refused. Whether the amount suits a lead (not
 * negative, not too large) is the model's check (kontor_lead_check_cents()).
 *
 * Returns: %TRUE when @text is an amount
 */
gboolean
kontor_money_parse (const char  *text,
                    gint64      *cents,
                    GError     **error)
{
  MoneyStyle style;
  g_autofree char *trimmed = NULL;
  const char *p;
  gboolean negative = FALSE, grouped = FALSE;
  guint64 value = 0;
  guint n_digits = 0, since_group = 0, n_decimals = 0;
  gsize len;

  g_return_val_if_fail (cents != NULL, FALSE);

  get_style (&style);
  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  p = trimmed;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (value > (guint64) G_MAXINT64 / 1000)
            goto too_large;
          value = value * 10 + (guint64) (*p - '0');
          n_digits++;
          since_group++;
        }
      else if ((len = mark_at (p, style.thousands)) > 0 &&
               n_digits > 0 && (grouped ? since_group == 3 : since_group <= 3))
        {
          grouped = TRUE;
          since_group = 0;
          p += len - 1;
        }
      else if ((len = mark_at (p, style.decimal)) > 0)
        {
          p += len;
          break;
        }
      else
        goto not_amount;
    }
  if (n_digits == 0 || (grouped && since_group != 3))
    goto not_amount;

  value *= 100;
  for (; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) || n_decimals == 2)
        goto not_amount;
      value += (guint64) (*p - '0') * (n_decimals == 0 ? 10 : 1);
      n_decimals++;
    }
  if (value > (guint64) G_MAXINT64)
    goto too_large;

  *cents = negative ? -(gint64) value : (gint64) value;
  return TRUE;

not_amount:
  {
    g_autofree char *example = format_with_style (123450, NULL, &style);

    /* Translators: %s is an example amount, "1.234,50" in German */
    g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                 _("“%s” is not an amount; write it like %s."), text != NULL ? text : "", example);
    return FALSE;
  }
too_large:
  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                       _("The amount is too large."));
  return FALSE;
}
