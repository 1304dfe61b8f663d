/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-ical"

#include "config.h"

#include <libical/ical.h>

#include "kontor-ical.h"
#include "kontor-test-utils.h"

/* The iCalendar export (feature I4, src/README.md "Activities"): what
 * kontor_ical_export() writes is read back with libical's parser, the
 * one GNOME Calendar and Evolution import with, and every property
 * checked; a meeting's local time with its VTIMEZONE converts back to the
 * very second it was stored with. And the store's query of what to
 * export: one contact's or company's, a filter's contacts', all. */

#define CONTACT_ID "01900000-0000-7000-8000-00000000000a"
#define COMPANY_ID "01900000-0000-7000-8000-00000000000b"
#define CREATED    1767225600   /* 2026-01-01 00:00 UTC */
#define UPDATED    1767700000   /* 2026-01-06 11:46:40 UTC */

/* a winter and a summer meeting in Berlin, UTC+1 and UTC+2 */
#define WINTER_START 1768471200 /* 2026-01-15 10:00 UTC, 11:00 CET */
#define WINTER_END   1768476600 /* 2026-01-15 11:30 UTC, 12:30 CET */
#define SUMMER_START 1784109600 /* 2026-07-15 10:00 UTC, 12:00 CEST */
#define SUMMER_END   1784113200 /* 2026-07-15 11:00 UTC, 13:00 CEST */

#define LONG_NOTES "Mit Frau Schneider über die Preise für Brötchen, Croissants und " \
                   "Laugenbrezeln sprechen; Rabatt ab 500 Stück?\n" \
                   "Zweite Zeile: \\ Backslash, Komma, Semikolon; Ende."

/* ------------------------------------------------------------------------ */
/* Helpers */

static KontorActivity *
new_activity (KontorActivityKind  kind,
              const char         *id,
              const char         *owner_id,
              gboolean            on_company)
{
  KontorActivity *activity = kontor_activity_new (kind, NULL);

  kontor_record_set_id (KONTOR_RECORD (activity), id);
  kontor_record_set_created_at (KONTOR_RECORD (activity), CREATED);
  kontor_record_set_updated_at (KONTOR_RECORD (activity), UPDATED);
  if (on_company)
    kontor_activity_set_company_id (activity, owner_id);
  else
    kontor_activity_set_contact_id (activity, owner_id);
  kontor_activity_set_topic (activity, KONTOR_ACTIVITY_TOPIC_NEGOTIATION);

  return activity;
}

static KontorActivity *
new_meeting (const char *id,
             gint64      starts_at,
             gint64      ends_at)
{
  KontorActivity *meeting = new_activity (KONTOR_ACTIVITY_KIND_MEETING, id, COMPANY_ID, TRUE);

  kontor_activity_set_subject (meeting, "Jahresgespräch");
  kontor_activity_set_starts_at (meeting, starts_at);
  kontor_activity_set_ends_at (meeting, ends_at);
  kontor_activity_set_location (meeting, "Backstube, Hauptstraße 1, Köln");

  return meeting;
}

static GHashTable *
new_owner_names (void)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (names, g_strdup (CONTACT_ID), g_strdup ("Anna Schneider"));
  g_hash_table_insert (names, g_strdup (COMPANY_ID), g_strdup ("Bäckerei Sonnenschein GmbH"));

  return names;
}

/* No X-LIC-ERROR anywhere: what libical's parser adds for what it could
 * not read, and icalrestriction_check() for what RFC 5545 forbids */
static void
assert_no_errors (icalcomponent *component)
{
  icalproperty *error = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);

  if (error != NULL)
    g_error ("%s: %s", icalcomponent_kind_to_string (icalcomponent_isa (component)),
             icalproperty_get_xlicerror (error));

  for (icalcomponent *child = icalcomponent_get_first_component (component,
                                                                  ICAL_ANY_COMPONENT);
       child != NULL;
       child = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    assert_no_errors (child);
}

/* A text property's value, unescaped; one at most */
static const char *
get_text (icalcomponent  *component,
          icalproperty_kind kind)
{
  icalproperty *property = icalcomponent_get_first_property (component, kind);

  g_assert_true (property == NULL ||
                 icalcomponent_get_next_property (component, kind) == NULL);

  return property != NULL ? icalvalue_get_text (icalproperty_get_value (property)) : NULL;
}

/* Exports @activities and parses the text back: a valid VCALENDAR */
static icalcomponent *
export_and_parse (GPtrArray  *activities,
                  GHashTable *owner_names,
                  guint       n_expected)
{
  g_autofree char *text = NULL;
  icalcomponent *calendar;
  guint n_exported = G_MAXUINT;

  text = kontor_ical_export (activities, owner_names, &n_exported);
  g_assert_nonnull (text);
  g_assert_cmpuint (n_exported, ==, n_expected);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_utf8_validate (text, -1, NULL));

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  assert_no_errors (calendar);
  g_assert_true (icalrestriction_check (calendar));
  assert_no_errors (calendar);

  g_assert_cmpstr (get_text (calendar, ICAL_VERSION_PROPERTY), ==, "2.0");
  g_assert_true (g_str_has_prefix (get_text (calendar, ICAL_PRODID_PROPERTY), "-//Kontor//"));
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT) +
                    icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT),
                    ==, n_expected);

  return calendar;
}

static icalcomponent *
find_entry (icalcomponent *calendar,
            const char    *id)
{
  g_autofree char *uid = g_strconcat (id, "@kontor", NULL);

  for (icalcomponent *entry = icalcomponent_get_first_component (calendar, ICAL_ANY_COMPONENT);
       entry != NULL;
       entry = icalcomponent_get_next_component (calendar, ICAL_ANY_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (entry), uid) == 0)
      return entry;

  g_error ("no entry %s", uid);
  return NULL;
}

/* A UTC DATE-TIME property's time */
static gint64
get_utc (icalcomponent    *component,
         icalproperty_kind kind)
{
  icalproperty *property = icalcomponent_get_first_property (component, kind);
  icalvalue *value;
  struct icaltimetype time;

  g_assert_nonnull (property);
  g_assert_null (icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER));
  value = icalproperty_get_value (property);
  g_assert_cmpint (icalvalue_isa (value), ==, ICAL_DATETIME_VALUE);
  time = icalvalue_get_datetime (value);
  g_assert_false (time.is_date);
  g_assert_true (icaltime_is_utc (time));

  return icaltime_as_timet (time);
}

/* DTSTART or DTEND of an event in @calendar's own VTIMEZONE, back to UTC:
 * what GNOME Calendar and Evolution do on import. Returns the wall clock
 * in @local. */
static gint64
get_zoned (icalcomponent     *calendar,
           icalcomponent     *event,
           icalproperty_kind  kind,
           const char        *tzid,
           char             **local)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);
  icalparameter *parameter;
  icaltimezone *zone;
  struct icaltimetype time;
  struct icaltimetype utc;

  g_assert_nonnull (property);
  parameter = icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER);
  g_assert_nonnull (parameter);
  g_assert_cmpstr (icalparameter_get_tzid (parameter), ==, tzid);

  time = icalvalue_get_datetime (icalproperty_get_value (property));
  g_assert_false (time.is_date);
  g_assert_false (icaltime_is_utc (time));
  *local = g_strdup (icaltime_as_ical_string (time));

  /* the zone the file brings, not the one libical has built in */
  zone = icalcomponent_get_timezone (calendar, tzid);
  g_assert_nonnull (zone);
  g_assert_true (zone != icaltimezone_get_builtin_timezone (tzid));
  utc = icaltime_convert_to_zone (icaltime_set_timezone (&time, zone),
                                  icaltimezone_get_utc_timezone ());
  g_assert_true (icaltime_is_utc (utc));
  g_assert_cmpint (icaltime_as_timet_with_zone (time, zone), ==, icaltime_as_timet (utc));

  return icaltime_as_timet (utc);
}

static void
set_tz (const char *tz)
{
  g_assert_true (g_setenv ("TZ", tz, TRUE));
}

/* ------------------------------------------------------------------------ */
/* Tasks */

static void
test_task_open (void)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) names = new_owner_names ();
  g_autofree char *description = NULL;
  KontorActivity *task = new_activity (KONTOR_ACTIVITY_KIND_TASK, "task-1", CONTACT_ID, FALSE);
  icalcomponent *calendar;
  icalcomponent *todo;
  icalcomponent *alarm;
  icalproperty *due;
  struct icaltimetype date;
  struct icaltriggertype trigger;

  kontor_activity_set_subject (task, "Angebot nachfassen, Preise; prüfen");
  kontor_activity_set_notes (task, LONG_NOTES);
  kontor_activity_set_due_on (task, "2026-03-15");
  kontor_activity_set_remind_at (task, 1773565200);   /* 2026-03-15 09:00 UTC */
  g_ptr_array_add (activities, task);

  calendar = export_and_parse (activities, names, 1);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 1);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 0);
  todo = find_entry (calendar, "task-1");
  g_assert_cmpint (icalcomponent_isa (todo), ==, ICAL_VTODO_COMPONENT);

  g_assert_cmpstr (icalcomponent_get_uid (todo), ==, "task-1@kontor");
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Angebot nachfassen, Preise; prüfen");
  description = g_strconcat ("Contact: Anna Schneider\n\n", LONG_NOTES, NULL);
  g_assert_cmpstr (icalcomponent_get_description (todo), ==, description);
  g_assert_cmpstr (get_text (todo, ICAL_CONTACT_PROPERTY), ==, "Anna Schneider");
  g_assert_cmpstr (get_text (todo, ICAL_CATEGORIES_PROPERTY), ==,
                   kontor_activity_topic_to_string (KONTOR_ACTIVITY_TOPIC_NEGOTIATION));
  g_assert_cmpint (get_utc (todo, ICAL_DTSTAMP_PROPERTY), ==, UPDATED);
  g_assert_cmpint (get_utc (todo, ICAL_CREATED_PROPERTY), ==, CREATED);
  g_assert_cmpint (get_utc (todo, ICAL_LASTMODIFIED_PROPERTY), ==, UPDATED);

  /* DUE;VALUE=DATE:20260315 */
  due = icalcomponent_get_first_property (todo, ICAL_DUE_PROPERTY);
  g_assert_nonnull (due);
  g_assert_null (icalproperty_get_first_parameter (due, ICAL_TZID_PARAMETER));
  date = icalproperty_get_due (due);
  g_assert_true (date.is_date);
  g_assert_cmpint (date.year, ==, 2026);
  g_assert_cmpint (date.month, ==, 3);
  g_assert_cmpint (date.day, ==, 15);
  g_assert_cmpstr (icalproperty_get_value_as_string (due), ==, "20260315");

  g_assert_cmpint (icalcomponent_get_status (todo), ==, ICAL_STATUS_NEEDSACTION);
  g_assert_null (icalcomponent_get_first_property (todo, ICAL_COMPLETED_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (todo, ICAL_PERCENTCOMPLETE_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (todo, ICAL_DTSTART_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (todo, ICAL_LOCATION_PROPERTY));

  /* the reminder: a display alarm at the time, in UTC */
  g_assert_cmpuint (icalcomponent_count_components (todo, ICAL_VALARM_COMPONENT), ==, 1);
  alarm = icalcomponent_get_first_component (todo, ICAL_VALARM_COMPONENT);
  g_assert_cmpint (icalproperty_get_action (icalcomponent_get_first_property (
                     alarm, ICAL_ACTION_PROPERTY)), ==, ICAL_ACTION_DISPLAY);
  trigger = icalproperty_get_trigger (icalcomponent_get_first_property (alarm,
                                                                        ICAL_TRIGGER_PROPERTY));
  g_assert_false (icaltime_is_null_time (trigger.time));
  g_assert_true (icaltime_is_utc (trigger.time));
  g_assert_cmpint (icaltime_as_timet (trigger.time), ==, 1773565200);
  g_assert_cmpstr (get_text (alarm, ICAL_DESCRIPTION_PROPERTY), ==,
                   "Angebot nachfassen, Preise; prüfen");

  icalcomponent_free (calendar);
}

/* A task done is COMPLETED at its time; its reminder rings no more */
static void
test_task_done (void)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  KontorActivity *task = new_activity (KONTOR_ACTIVITY_KIND_TASK, "task-2", COMPANY_ID, TRUE);
  icalcomponent *calendar;
  icalcomponent *todo;

  kontor_activity_set_remind_at (task, 1773565200);
  kontor_activity_complete (task, TRUE, 1773572400);   /* 2026-03-15 11:00 UTC */
  g_ptr_array_add (activities, task);

  /* without names: neither CONTACT nor a description; the kind is the summary */
  calendar = export_and_parse (activities, NULL, 1);
  todo = find_entry (calendar, "task-2");
  g_assert_cmpint (icalcomponent_get_status (todo), ==, ICAL_STATUS_COMPLETED);
  g_assert_cmpint (get_utc (todo, ICAL_COMPLETED_PROPERTY), ==, 1773572400);
  g_assert_cmpint (icalproperty_get_percentcomplete (icalcomponent_get_first_property (
                     todo, ICAL_PERCENTCOMPLETE_PROPERTY)), ==, 100);
  g_assert_cmpuint (icalcomponent_count_components (todo, ICAL_VALARM_COMPONENT), ==, 0);
  g_assert_null (icalcomponent_get_first_property (todo, ICAL_DUE_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (todo, ICAL_DESCRIPTION_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (todo, ICAL_CONTACT_PROPERTY));
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==,
                   kontor_activity_kind_to_string (KONTOR_ACTIVITY_KIND_TASK));

  icalcomponent_free (calendar);
}

/* ------------------------------------------------------------------------ */
/* Meetings and lunches */

/* TZ=Europe/Berlin (set in main()): DTSTART and DTEND carry the zone,
 * the VTIMEZONE comes along, and both convert back to the stored second,
 * in winter and in summer */
static void
test_meeting_time_zone (void)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) names = new_owner_names ();
  g_autofree char *tzid = kontor_ical_dup_local_tzid ();
  g_autofree char *winter_start = NULL;
  g_autofree char *winter_end = NULL;
  g_autofree char *summer_start = NULL;
  g_autofree char *summer_end = NULL;
  icalcomponent *calendar;
  icalcomponent *vtimezone;
  icalcomponent *winter;
  icalcomponent *summer;

  g_assert_cmpstr (tzid, ==, "Europe/Berlin");

  g_ptr_array_add (activities, new_meeting ("meeting-winter", WINTER_START, WINTER_END));
  g_ptr_array_add (activities, new_meeting ("meeting-summer", SUMMER_START, SUMMER_END));
  kontor_activity_set_notes (g_ptr_array_index (activities, 1), "Neue Preisliste mitbringen.");

  calendar = export_and_parse (activities, names, 2);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);

  /* one VTIMEZONE, named as the TZIDs name it, before the events */
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);
  vtimezone = icalcomponent_get_first_component (calendar, ICAL_ANY_COMPONENT);
  g_assert_cmpint (icalcomponent_isa (vtimezone), ==, ICAL_VTIMEZONE_COMPONENT);
  g_assert_cmpstr (get_text (vtimezone, ICAL_TZID_PROPERTY), ==, "Europe/Berlin");
  g_assert_cmpuint (icalcomponent_count_components (vtimezone, ICAL_XSTANDARD_COMPONENT), >, 0);
  g_assert_cmpuint (icalcomponent_count_components (vtimezone, ICAL_XDAYLIGHT_COMPONENT), >, 0);

  winter = find_entry (calendar, "meeting-winter");
  g_assert_cmpint (icalcomponent_isa (winter), ==, ICAL_VEVENT_COMPONENT);
  g_assert_cmpint (get_zoned (calendar, winter, ICAL_DTSTART_PROPERTY, "Europe/Berlin",
                              &winter_start), ==, WINTER_START);
  g_assert_cmpint (get_zoned (calendar, winter, ICAL_DTEND_PROPERTY, "Europe/Berlin",
                              &winter_end), ==, WINTER_END);
  g_assert_cmpstr (winter_start, ==, "20260115T110000");
  g_assert_cmpstr (winter_end, ==, "20260115T123000");

  summer = find_entry (calendar, "meeting-summer");
  g_assert_cmpint (get_zoned (calendar, summer, ICAL_DTSTART_PROPERTY, "Europe/Berlin",
                              &summer_start), ==, SUMMER_START);
  g_assert_cmpint (get_zoned (calendar, summer, ICAL_DTEND_PROPERTY, "Europe/Berlin",
                              &summer_end), ==, SUMMER_END);
  g_assert_cmpstr (summer_start, ==, "20260715T120000");
  g_assert_cmpstr (summer_end, ==, "20260715T130000");

  /* libical's own reading of the event agrees */
  g_assert_cmpint (icaltime_as_timet_with_zone (icalcomponent_get_dtstart (summer),
                                                icalcomponent_get_dtstart (summer).zone),
                   ==, SUMMER_START);

  g_assert_cmpstr (icalcomponent_get_summary (winter), ==, "Jahresgespräch");
  g_assert_cmpstr (icalcomponent_get_location (winter), ==, "Backstube, Hauptstraße 1, Köln");
  g_assert_cmpstr (icalcomponent_get_description (winter), ==,
                   "Company: Bäckerei Sonnenschein GmbH");
  g_assert_cmpstr (icalcomponent_get_description (summer), ==,
                   "Company: Bäckerei Sonnenschein GmbH\n\nNeue Preisliste mitbringen.");
  g_assert_cmpstr (get_text (summer, ICAL_CONTACT_PROPERTY), ==, "Bäckerei Sonnenschein GmbH");
  g_assert_cmpstr (get_text (winter, ICAL_CATEGORIES_PROPERTY), ==,
                   kontor_activity_topic_to_string (KONTOR_ACTIVITY_TOPIC_NEGOTIATION));
  g_assert_cmpint (get_utc (winter, ICAL_DTSTAMP_PROPERTY), ==, UPDATED);
  g_assert_null (icalcomponent_get_first_property (winter, ICAL_STATUS_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (winter, ICAL_DUE_PROPERTY));

  icalcomponent_free (calendar);
}

/* A lunch has a start and a place, no end */
static void
test_lunch (void)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  KontorActivity *lunch = new_activity (KONTOR_ACTIVITY_KIND_LUNCH, "lunch-1", CONTACT_ID,
                                        FALSE);
  g_autofree char *local = NULL;
  icalcomponent *calendar;
  icalcomponent *event;

  kontor_activity_set_subject (lunch, "Mittagessen");
  kontor_activity_set_starts_at (lunch, SUMMER_START);
  kontor_activity_set_location (lunch, "Brauhaus");
  g_ptr_array_add (activities, lunch);

  calendar = export_and_parse (activities, NULL, 1);
  event = find_entry (calendar, "lunch-1");
  g_assert_cmpint (icalcomponent_isa (event), ==, ICAL_VEVENT_COMPONENT);
  g_assert_cmpint (get_zoned (calendar, event, ICAL_DTSTART_PROPERTY, "Europe/Berlin", &local),
                   ==, SUMMER_START);
  g_assert_null (icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (event, ICAL_DURATION_PROPERTY));
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Brauhaus");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Mittagessen");

  icalcomponent_free (calendar);
}

/* A zone libical does not know (a POSIX rule in TZ), and UTC itself:
 * times in UTC with Z, no VTIMEZONE */
static void
test_meeting_utc (void)
{
  const char *zones[] = { "CET-1CEST,M3.5.0,M10.5.0/3", "UTC", "Etc/UTC" };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *tzid = NULL;
      icalcomponent *calendar;
      icalcomponent *event;

      set_tz (zones[i]);
      tzid = kontor_ical_dup_local_tzid ();
      g_assert_null (tzid);

      g_ptr_array_add (activities, new_meeting ("meeting-utc", WINTER_START, WINTER_END));
      calendar = export_and_parse (activities, NULL, 1);
      g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT),
                        ==, 0);
      event = find_entry (calendar, "meeting-utc");
      g_assert_cmpint (get_utc (event, ICAL_DTSTART_PROPERTY), ==, WINTER_START);
      g_assert_cmpint (get_utc (event, ICAL_DTEND_PROPERTY), ==, WINTER_END);
      icalcomponent_free (calendar);
    }

  set_tz ("Europe/Berlin");
}

/* TZ as a file of the tz database */
static void
test_local_tzid (void)
{
  const char *names[] = { ":Europe/Berlin", "/usr/share/zoneinfo/America/New_York" };
  const char *expected[] = { "Europe/Berlin", "America/New_York" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *tzid = NULL;

      set_tz (names[i]);
      tzid = kontor_ical_dup_local_tzid ();
      g_assert_cmpstr (tzid, ==, expected[i]);
    }

  set_tz ("Europe/Berlin");
}

/* ------------------------------------------------------------------------ */
/* What is left out */

static void
test_other_kinds_skipped (void)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  const KontorActivityKind others[] = {
    KONTOR_ACTIVITY_KIND_EMAIL, KONTOR_ACTIVITY_KIND_CALL, KONTOR_ACTIVITY_KIND_VIDEO_CALL,
    KONTOR_ACTIVITY_KIND_NOTE,
  };
  KontorActivity *unsaved;
  icalcomponent *calendar;

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *id = g_strdup_printf ("other-%u", i);
      KontorActivity *activity = new_activity (others[i], id, CONTACT_ID, FALSE);

      kontor_activity_set_starts_at (activity, WINTER_START);
      g_ptr_array_add (activities, activity);
    }
  g_ptr_array_add (activities, new_meeting ("meeting-kept", WINTER_START, WINTER_END));
  /* not stored: no id for a UID */
  unsaved = new_meeting (NULL, WINTER_START, WINTER_END);
  g_ptr_array_add (activities, unsaved);

  calendar = export_and_parse (activities, NULL, 1);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 0);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  g_assert_cmpstr (icalcomponent_get_uid (icalcomponent_get_first_component (
                     calendar, ICAL_VEVENT_COMPONENT)), ==, "meeting-kept@kontor");
  icalcomponent_free (calendar);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  icalcomponent *calendar = export_and_parse (activities, NULL, 0);

  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_ANY_COMPONENT), ==, 0);
  icalcomponent_free (calendar);
}

/* ------------------------------------------------------------------------ */
/* The store: what to export */

typedef struct
{
  KontorStoreFixture  base;
  KontorCompany      *bakery;
  KontorContact      *anna;
  KontorContact      *ben;
} Fixture;

static KontorActivity *
save_activity (Fixture            *fixture,
               KontorActivityKind  kind,
               gpointer            owner,
               const char         *subject)
{
  KontorActivity *activity = kontor_activity_new (kind, KONTOR_RECORD (owner));

  kontor_activity_set_subject (activity, subject);
  kontor_activity_set_topic (activity, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  if (kind != KONTOR_ACTIVITY_KIND_TASK)
    kontor_activity_set_starts_at (activity, WINTER_START);
  if (kind == KONTOR_ACTIVITY_KIND_MEETING)
    kontor_activity_set_ends_at (activity, WINTER_END);
  kontor_test_save (fixture->base.store, activity);

  return activity;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, data);

  fixture->bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  kontor_test_save (fixture->base.store, fixture->bakery);

  fixture->anna = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->anna, "Anna");
  kontor_contact_set_last_name (fixture->anna, "Schneider");
  kontor_contact_set_company_id (fixture->anna,
                                 kontor_record_get_id (KONTOR_RECORD (fixture->bakery)));
  kontor_test_save (fixture->base.store, fixture->anna);

  fixture->ben = kontor_contact_new ();
  kontor_contact_set_last_name (fixture->ben, "Wolf");
  kontor_test_save (fixture->base.store, fixture->ben);

  g_object_unref (save_activity (fixture, KONTOR_ACTIVITY_KIND_TASK, fixture->anna, "A task"));
  g_object_unref (save_activity (fixture, KONTOR_ACTIVITY_KIND_MEETING, fixture->anna,
                                 "A meeting"));
  g_object_unref (save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL, fixture->anna, "A call"));
  g_object_unref (save_activity (fixture, KONTOR_ACTIVITY_KIND_LUNCH, fixture->ben, "B lunch"));
  g_object_unref (save_activity (fixture, KONTOR_ACTIVITY_KIND_NOTE, fixture->ben, "B note"));
  g_object_unref (save_activity (fixture, KONTOR_ACTIVITY_KIND_MEETING, fixture->bakery,
                                 "C meeting"));
  g_object_unref (save_activity (fixture, KONTOR_ACTIVITY_KIND_EMAIL, fixture->bakery,
                                 "C e-mail"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->bakery);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->ben);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The subjects of @activities, sorted, joined with "|" */
static char *
dup_subjects (GPtrArray *activities)
{
  g_autoptr(GPtrArray) subjects = g_ptr_array_new ();

  g_assert_nonnull (activities);
  for (guint i = 0; i < activities->len; i++)
    g_ptr_array_add (subjects,
                     (gpointer) kontor_activity_get_subject (g_ptr_array_index (activities, i)));
  g_ptr_array_sort (subjects, compare_strings);
  g_ptr_array_add (subjects, NULL);

  return g_strjoinv ("|", (char **) subjects->pdata);
}

static char *
dup_calendar_subjects (Fixture      *fixture,
                       gpointer      owner,
                       KontorFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities =
    kontor_store_list_calendar_activities (fixture->base.store, owner, filter, &error);

  g_assert_no_error (error);

  return dup_subjects (activities);
}

static void
test_store_owner (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *anna = dup_calendar_subjects (fixture, fixture->anna, NULL);
  g_autofree char *ben = dup_calendar_subjects (fixture, fixture->ben, NULL);
  g_autofree char *bakery = dup_calendar_subjects (fixture, fixture->bakery, NULL);

  /* a contact's own: not its company's; a company's own: not its contacts' */
  g_assert_cmpstr (anna, ==, "A meeting|A task");
  g_assert_cmpstr (ben, ==, "B lunch");
  g_assert_cmpstr (bakery, ==, "C meeting");
}

static void
test_store_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  const char *ben_only[] = { kontor_record_get_id (KONTOR_RECORD (fixture->ben)), NULL };
  const char *none[] = { NULL };
  g_autofree char *every_contact = NULL;
  g_autofree char *ben = NULL;
  g_autofree char *nobody = NULL;
  g_autofree char *found = NULL;

  /* every contact's, not the company's */
  kontor_filter_set_statuses (filter, 0);
  every_contact = dup_calendar_subjects (fixture, NULL, filter);
  g_assert_cmpstr (every_contact, ==, "A meeting|A task|B lunch");

  kontor_filter_set_contact_ids (filter, ben_only);
  ben = dup_calendar_subjects (fixture, NULL, filter);
  g_assert_cmpstr (ben, ==, "B lunch");

  kontor_filter_set_contact_ids (filter, none);
  nobody = dup_calendar_subjects (fixture, NULL, filter);
  g_assert_cmpstr (nobody, ==, "");

  /* the search text counts too */
  kontor_filter_set_contact_ids (filter, NULL);
  kontor_filter_set_search_text (filter, "Schneider");
  found = dup_calendar_subjects (fixture, NULL, filter);
  g_assert_cmpstr (found, ==, "A meeting|A task");
}

static void
test_store_all (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *all = dup_calendar_subjects (fixture, NULL, NULL);

  g_assert_cmpstr (all, ==, "A meeting|A task|B lunch|C meeting");
}

/* From the store to a file: the names of the owners, the entries */
static void
test_store_export (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities =
    kontor_store_list_calendar_activities (fixture->base.store, NULL, NULL, &error);
  g_autoptr(GHashTable) names = NULL;
  icalcomponent *calendar;

  g_assert_no_error (error);
  names = kontor_store_dup_activity_owner_names (fixture->base.store, activities, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (names), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (names, kontor_record_get_id (KONTOR_RECORD (fixture->anna))),
                   ==, "Anna Schneider");
  g_assert_cmpstr (g_hash_table_lookup (names, kontor_record_get_id (KONTOR_RECORD (fixture->ben))),
                   ==, "Wolf");
  g_assert_cmpstr (g_hash_table_lookup (names,
                                        kontor_record_get_id (KONTOR_RECORD (fixture->bakery))),
                   ==, "Bäckerei Sonnenschein GmbH");

  calendar = export_and_parse (activities, names, 4);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 1);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 3);
  for (guint i = 0; i < activities->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (activities, i);
      icalcomponent *entry = find_entry (calendar, kontor_record_get_id (KONTOR_RECORD (activity)));

      g_assert_cmpstr (icalcomponent_get_summary (entry), ==,
                       kontor_activity_get_subject (activity));
      g_assert_cmpint (get_utc (entry, ICAL_DTSTAMP_PROPERTY), ==,
                       kontor_record_get_updated_at (KONTOR_RECORD (activity)));
    }
  icalcomponent_free (calendar);
}

#define STORE_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* before anything reads the zone; the tests run with TZ=UTC otherwise */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ical/task/open", test_task_open);
  g_test_add_func ("/ical/task/done-is-completed", test_task_done);
  g_test_add_func ("/ical/meeting/time-zone-round-trips", test_meeting_time_zone);
  g_test_add_func ("/ical/meeting/unknown-zone-in-utc", test_meeting_utc);
  g_test_add_func ("/ical/meeting/local-zone-name", test_local_tzid);
  g_test_add_func ("/ical/lunch/no-end", test_lunch);
  g_test_add_func ("/ical/other-kinds-skipped", test_other_kinds_skipped);
  g_test_add_func ("/ical/empty-is-valid", test_empty);
  STORE_TEST ("/ical/store/owner", test_store_owner);
  STORE_TEST ("/ical/store/filter", test_store_filter);
  STORE_TEST ("/ical/store/all", test_store_all);
  STORE_TEST ("/ical/store/export", test_store_export);

  return g_test_run ();
}
