/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-money"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

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
