/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The sample team's spelling helpers: random picks, numbers and dates
 * without printf(), and names as e-mail addresses and host names spell
 * them. */

#include "config.h"

#include <string.h>

#include "kontor-demo-private.h"

guint
_kontor_demo_pick_index (GRand *rand,
                         guint  n)
{
  return n > 1 ? (guint) g_rand_int_range (rand, 0, (gint32) n) : 0;
}

gboolean
_kontor_demo_chance (GRand *rand,
                     guint  percent)
{
  return (guint) g_rand_int_range (rand, 0, 100) < percent;
}

guint
_kontor_demo_pick_weighted (GRand        *rand,
                            const guint8 *weights,
                            guint         n)
{
  guint total = 0;
  guint x;

  for (guint i = 0; i < n; i++)
    total += weights[i];

  x = _kontor_demo_pick_index (rand, total);
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }

  g_assert_not_reached ();
}

guint
_kontor_demo_count_strings (const char * const *strings,
                            guint               max)
{
  guint n = 0;

  while (n < max && strings[n] != NULL)
    n++;

  return n;
}

/* Writes @value with at least @width digits and a NUL; returns the end.
 * printf() would do, but is a tenth of the time for 100 000 contacts. */
char *
_kontor_demo_put_number (char  *out,
                         guint  value,
                         guint  width)
{
  char digits[12];
  guint n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);
  while (n < width && n < G_N_ELEMENTS (digits))
    digits[n++] = '0';
  while (n > 0)
    *out++ = digits[--n];
  *out = '\0';

  return out;
}

guint
_kontor_demo_year_of (gint64 unix_time)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, EPOCH_JULIAN + unix_time / DAY);

  return g_date_get_year (&date);
}

/* "YYYY-MM-DD" into @buffer, which holds at least 11 bytes */
void
_kontor_demo_format_date (char    *buffer,
                          guint32  julian)
{
  GDate date;
  char *p;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  p = _kontor_demo_put_number (buffer, g_date_get_year (&date), 4);
  *p++ = '-';
  p = _kontor_demo_put_number (p, g_date_get_month (&date), 2);
  *p++ = '-';
  _kontor_demo_put_number (p, g_date_get_day (&date), 2);
}

guint32
_kontor_demo_skip_weekend (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  switch (g_date_get_weekday (&date))
    {
    case G_DATE_SATURDAY:
      return julian + 2;
    case G_DATE_SUNDAY:
      return julian + 1;
    case G_DATE_BAD_WEEKDAY:
    case G_DATE_MONDAY:
    case G_DATE_TUESDAY:
    case G_DATE_WEDNESDAY:
    case G_DATE_THURSDAY:
    case G_DATE_FRIDAY:
    default:
      return julian;
    }
}

/* Appends @text as e-mail addresses and host names spell it: lower-case
 * ASCII, umlauts the way Germans type them without umlaut keys (ü → ue,
 * ß → ss), other accents dropped. Other characters become @blank (runs of
 * them one), or with @blank '\0' are dropped, hyphens kept: "Hans-Peter
 * O'Connor" gives "hans-peteroconnor", with '-' "hans-peter-oconnor". */
void
_kontor_demo_append_ascii (GString    *out,
                           const char *text,
                           char        blank)
{
  gsize start = out->len;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *spelled = NULL;

      if (c < 0x80)
        {
          if (g_ascii_isalnum (c))
            g_string_append_c (out, g_ascii_tolower (c));
          else if (blank != '\0')
            {
              if (out->len > start && out->str[out->len - 1] != blank)
                g_string_append_c (out, blank);
            }
          else if (c == '-')
            g_string_append_c (out, '-');
          continue;
        }

      switch (c)
        {
        case 0x00e4: case 0x00c4: spelled = "ae"; break;                  /* ä Ä */
        case 0x00f6: case 0x00d6: case 0x0153: spelled = "oe"; break;     /* ö Ö œ */
        case 0x00fc: case 0x00dc: spelled = "ue"; break;                  /* ü Ü */
        case 0x00df: case 0x1e9e: spelled = "ss"; break;                  /* ß ẞ */
        case 0x00e0: case 0x00e1: case 0x00e2: spelled = "a"; break;      /* à á â */
        case 0x00e7: case 0x00c7: spelled = "c"; break;                   /* ç Ç */
        case 0x00e8: case 0x00e9: case 0x00ea: case 0x00eb:               /* è é ê ë */
        case 0x00c8: case 0x00c9: spelled = "e"; break;                   /* È É */
        case 0x011f: case 0x011e: spelled = "g"; break;                   /* ğ Ğ */
        case 0x00ec: case 0x00ed: case 0x00ee: case 0x00ef:               /* ì í î ï */
        case 0x0131: case 0x0130: spelled = "i"; break;                   /* ı İ */
        case 0x00f1: spelled = "n"; break;                                /* ñ */
        case 0x00f2: case 0x00f3: case 0x00f4: spelled = "o"; break;      /* ò ó ô */
        case 0x015f: case 0x015e: spelled = "s"; break;                   /* ş Ş */
        case 0x00f9: case 0x00fa: case 0x00fb: spelled = "u"; break;      /* ù ú û */
        default:
          break;
        }
      if (spelled != NULL)
        g_string_append (out, spelled);
    }

  if (blank != '\0' && out->len > start && out->str[out->len - 1] == blank)
    g_string_truncate (out, out->len - 1);
}

/* "1234567" as "123 45 67": pairs from the right, as German and Swiss
 * numbers are read out. */
void
_kontor_demo_append_grouped (GString    *out,
                             const char *digits)
{
  gsize len = strlen (digits);
  gsize first = len % 2 == 0 ? 2 : 3;

  if (len <= 4)
    {
      g_string_append (out, digits);
      return;
    }

  g_string_append_len (out, digits, first);
  for (gsize i = first; i < len; i += 2)
    {
      g_string_append_c (out, ' ');
      g_string_append_len (out, digits + i, 2);
    }
}
