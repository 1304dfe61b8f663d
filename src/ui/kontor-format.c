/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-format"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "kontor-format.h"
#include "kontor-contact-rules.h"

/* Dates as the user reads them (feature G1, src/README.md). With a real LC_TIME locale
 * "%x" is the locale's own short date ("24.11.2026" for de_DE). In the C
 * locale, as under LANG=C.UTF-8 LANGUAGE=de, "%x" would give the American
 * "11/24/26" whatever the language, so the format then comes from the
 * translation instead: ISO 8601 in English, "%d.%m.%Y" in German. */

/* g_time_zone_new_local() reads the /etc/localtime link at every call: a
 * system call for each board card and table cell shown. The zone is looked
 * up again at most once a minute, so that a laptop that changes its time
 * zone soon shows its dates in the new one. Main thread only. */
static GTimeZone *
get_local_zone (void)
{
  static GTimeZone *zone;
  static gint64 looked_up;
  gint64 now = g_get_monotonic_time ();

  if (zone == NULL || now - looked_up > 60 * G_USEC_PER_SEC)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      looked_up = now;
    }

  return zone;
}

static gboolean
time_locale_is_real (void)
{
  const char *locale = setlocale (LC_TIME, NULL);

  return locale != NULL &&
         !g_str_equal (locale, "C") &&
         !g_str_equal (locale, "POSIX") &&
         !g_str_has_prefix (locale, "C.");
}

static char *
format_date_time (GDateTime *date_time)
{
  if (time_locale_is_real ())
    return g_date_time_format (date_time, "%x");

  /* Translators: how a date is written (strftime); German: "%d.%m.%Y" */
  /* xgettext:no-c-format */
  return g_date_time_format (date_time, _("%Y-%m-%d"));
}

/* @unix_seconds in the local time zone, or %NULL out of range */
static GDateTime *
new_local_date_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  return utc != NULL ? g_date_time_to_timezone (utc, get_local_zone ()) : NULL;
}

/**
 * kontor_format_date:
 * @unix_seconds: a time in seconds since 1970, 0 for none
 *
 * Returns: (transfer full) (nullable): the local date of @unix_seconds as
 *   the user writes dates, %NULL for 0
 */
char *
kontor_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (unix_seconds == 0)
    return NULL;

  date_time = new_local_date_time (unix_seconds);
  if (date_time == NULL)
    return NULL;

  return format_date_time (date_time);
}

/**
 * kontor_format_moment:
 * @unix_seconds: a time in seconds since 1970, 0 for none
 *
 * Returns: (transfer full) (nullable): when @unix_seconds was, for "last
 *   synchronised": "Today at 14:32", "Yesterday at 09:05", or the date and
 *   the time; %NULL for 0
 */
char *
kontor_format_moment (gint64 unix_seconds)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;
  guint days;

  if (unix_seconds == 0 || (date_time = new_local_date_time (unix_seconds)) == NULL)
    return NULL;

  time = g_date_time_format (date_time, "%H:%M");
  days = kontor_format_days_since (unix_seconds);
  if (days == 0)
    /* Translators: %s is a time of day, "14:32" */
    return g_strdup_printf (_("Today at %s"), time);
  if (days == 1)
    /* Translators: %s is a time of day, "14:32" */
    return g_strdup_printf (_("Yesterday at %s"), time);

  date = format_date_time (date_time);
  /* Translators: a date and a time of day, "2026-12-07 at 14:32" */
  return g_strdup_printf (C_("date and time", "%s at %s"), date, time);
}

/**
 * kontor_format_days_since:
 * @unix_seconds: a time in the past
 *
 * Returns: how many local calendar days ago @unix_seconds was: 0 today,
 *   1 yesterday (whatever the hour), 0 for a time in the future
 */
guint
kontor_format_days_since (gint64 unix_seconds)
{
  g_autoptr(GDateTime) then = new_local_date_time (unix_seconds);
  g_autoptr(GDateTime) now = g_date_time_new_now (get_local_zone ());
  g_autoptr(GDate) then_date = NULL;
  g_autoptr(GDate) now_date = NULL;
  int year, month, day;

  if (then == NULL || now == NULL)
    return 0;

  g_date_time_get_ymd (then, &year, &month, &day);
  then_date = g_date_new_dmy (day, month, year);
  g_date_time_get_ymd (now, &year, &month, &day);
  now_date = g_date_new_dmy (day, month, year);

  return (guint) MAX (g_date_days_between (then_date, now_date), 0);
}

/**
 * kontor_format_iso_date:
 * @iso_date: (nullable): a calendar date "YYYY-MM-DD", or a birthday
 *   without its year "--MM-DD" (kontor_birthday_parse())
 *
 * Returns: (transfer full) (nullable): @iso_date as the user writes dates,
 *   a year-less one as day and month ("April 15", "15. April"); %NULL
 *   when it is not a date
 */
char *
kontor_format_iso_date (const char *iso_date)
{
  g_autoptr(GDateTime) date_time = NULL;
  int year, month, day;
  guint yearless_year, yearless_month, yearless_day;

  if (kontor_birthday_parse (iso_date, &yearless_year, &yearless_month, &yearless_day) &&
      yearless_year == 0)
    {
      date_time = g_date_time_new (get_local_zone (), 2000, yearless_month, yearless_day,
                                   0, 0, 0);
      /* xgettext:no-c-format */
      /* Translators: the date of a birthday in a task's subject, for
       * g_date_time_format (): "April 15"; German "%-d. %B" */
      return date_time != NULL ? g_date_time_format (date_time, _("%B %-d")) : NULL;
    }

  if (!kontor_date_is_valid (iso_date))
    return NULL;

  year = g_ascii_strtoll (iso_date, NULL, 10);
  month = g_ascii_strtoll (iso_date + 5, NULL, 10);
  day = g_ascii_strtoll (iso_date + 8, NULL, 10);
  date_time = g_date_time_new (get_local_zone (), year, month, day, 0, 0, 0);
  if (date_time == NULL)
    return NULL;

  return format_date_time (date_time);
}

/**
 * kontor_format_dup_today:
 *
 * Returns: (transfer full): today's local date as "YYYY-MM-DD", which
 *   compares as text with the calendar dates of records
 */
char *
kontor_format_dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (get_local_zone ());

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * kontor_format_month:
 * @month: 1 (January) to 12
 *
 * The name of a month on its own, as a filter names it ("Geburtstag:
 * März"): with a real LC_TIME locale the locale's standalone form ("%OB":
 * Polish "marzec", where a date says "marca"), in the C locale the
 * translation, as kontor_format_date() decides for dates.
 *
 * Returns: (transfer full): the month's name, %NULL out of range
 */
char *
kontor_format_month (guint month)
{
  static const char *names[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  g_autoptr(GDateTime) date_time = NULL;

  if (month < 1 || month > 12)
    return NULL;

  if (!time_locale_is_real ())
    return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "month", names[month - 1]));

  date_time = g_date_time_new (get_local_zone (), 2000, month, 1, 0, 0, 0);

  return g_date_time_format (date_time, "%OB");
}

/**
 * kontor_format_ago:
 * @unix_seconds: a time, 0 for none
 *
 * When @unix_seconds was, in calendar days, for a timeline: "today",
 * "yesterday", "3 days ago"; a time ahead: "tomorrow", "in 3 days".
 *
 * Returns: (transfer full) (nullable): the text, %NULL for 0
 */
char *
kontor_format_ago (gint64 unix_seconds)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDate) then_date = NULL;
  g_autoptr(GDate) now_date = NULL;
  int year, month, day;
  int days;

  if (unix_seconds == 0 || (then = new_local_date_time (unix_seconds)) == NULL)
    return NULL;

  now = g_date_time_new_now (get_local_zone ());
  g_date_time_get_ymd (then, &year, &month, &day);
  then_date = g_date_new_dmy (day, month, year);
  g_date_time_get_ymd (now, &year, &month, &day);
  now_date = g_date_new_dmy (day, month, year);
  days = g_date_days_between (then_date, now_date);

  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  if (days == -1)
    return g_strdup (_("tomorrow"));
  if (days > 0)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);

  return g_strdup_printf (ngettext ("in %d day", "in %d days", -days), -days);
}

/**
 * kontor_format_split_time:
 * @unix_seconds: a time, 0 for none
 * @iso_date: (out) (transfer full) (nullable): its local date, "YYYY-MM-DD"
 * @clock: (out) (transfer full) (nullable): its local time of day, "14:30"
 *
 * A time as a form shows it, a date and a time of day apart; both %NULL
 * for 0.
 */
void
kontor_format_split_time (gint64   unix_seconds,
                          char   **iso_date,
                          char   **clock)
{
  g_autoptr(GDateTime) date_time = NULL;

  *iso_date = NULL;
  *clock = NULL;
  if (unix_seconds == 0 || (date_time = new_local_date_time (unix_seconds)) == NULL)
    return;

  *iso_date = g_date_time_format (date_time, "%Y-%m-%d");
  *clock = g_date_time_format (date_time, "%H:%M");
}

/**
 * kontor_format_parse_clock:
 * @text: a time of day as typed: "14:30", "9:05", "14.30", "14"
 * @minutes: (out): minutes since midnight
 *
 * Returns: whether @text is a time of day
 */
gboolean
kontor_format_parse_clock (const char *text,
                           int        *minutes)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *p = stripped;
  char *end;
  gint64 hours, mins = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  hours = g_ascii_strtoll (p, &end, 10);
  if (end - p > 2)
    return FALSE;
  if (*end == ':' || *end == '.')
    {
      p = end + 1;
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
        return FALSE;
      mins = g_ascii_strtoll (p, &end, 10);
      if (end - p != 2)
        return FALSE;
    }
  if (*end != '\0' || hours > 23 || mins > 59)
    return FALSE;

  *minutes = (int) (hours * 60 + mins);

  return TRUE;
}

/**
 * kontor_format_join_time:
 * @iso_date: a local date, "YYYY-MM-DD"
 * @minutes: minutes since its midnight
 *
 * Returns: that local time in Unix seconds, 0 when it is no date
 */
gint64
kontor_format_join_time (const char *iso_date,
                         int         minutes)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (!kontor_date_is_valid (iso_date))
    return 0;

  date_time = g_date_time_new (get_local_zone (), g_ascii_strtoll (iso_date, NULL, 10),
                               g_ascii_strtoll (iso_date + 5, NULL, 10),
                               g_ascii_strtoll (iso_date + 8, NULL, 10),
                               minutes / 60, minutes % 60, 0);

  return date_time != NULL ? g_date_time_to_unix (date_time) : 0;
}
