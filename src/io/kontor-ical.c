/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* iCalendar export of tasks, meetings and lunches (feature I4,
 * src/README.md "Activities"): one VCALENDAR built with libical, which
 * also escapes and folds the text and writes the time zone as GNOME
 * Calendar and Evolution, libical's own users, read it back. Any thread;
 * libical loads its built-in zones once per process. */

#define G_LOG_DOMAIN "kontor-ical"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "kontor-activity.h"
#include "kontor-ical.h"

#define KONTOR_ICAL_PRODID "-//Kontor//NONSGML Kontor " PACKAGE_VERSION "//EN"

typedef struct
{
  GHashTable   *owner_names;  /* nullable */
  icaltimezone *zone;         /* a built-in zone, NULL for UTC */
  const char   *tzid;         /* the zone's name in TZID, "Europe/Berlin" */
  gboolean      zone_used;
} Export;

/* Names of UTC in the tz database: a time there is written with Z, without
 * a VTIMEZONE (a container's /etc/localtime is often Etc/UTC) */
static const char * const utc_names[] = {
  "UTC", "UCT", "Universal", "Zulu", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", NULL,
};

static struct icaltimetype
utc_time (gint64 unix_time)
{
  return icaltime_from_timet_with_zone ((time_t) unix_time, FALSE,
                                        icaltimezone_get_utc_timezone ());
}

/* A time in the export's zone: local time with TZID, else UTC with Z.
 * (icaltime_from_timet_with_zone() of libical 3.0 leaves a local time
 * marked as UTC, so the time is made in UTC and converted.) */
static icalproperty *
zoned_time (Export        *export,
            icalproperty *(*new_property) (struct icaltimetype),
            gint64         unix_time)
{
  icalproperty *property;

  if (export->zone == NULL)
    return new_property (utc_time (unix_time));

  property = new_property (icaltime_convert_to_zone (utc_time (unix_time), export->zone));
  icalproperty_add_parameter (property, icalparameter_new_tzid (export->tzid));
  export->zone_used = TRUE;

  return property;
}

/* "YYYY-MM-DD" as a DATE value */
static gboolean
parse_date (const char          *iso_date,
            struct icaltimetype *date)
{
  g_autoptr(GDateTime) valid = NULL;
  int year, month, day;

  if (iso_date == NULL || strlen (iso_date) != 10 ||
      sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return FALSE;
  valid = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (valid == NULL)
    return FALSE;

  *date = icaltime_null_date ();
  date->year = year;
  date->month = month;
  date->day = day;

  return TRUE;
}

static void
add_text (icalcomponent  *component,
          icalproperty *(*new_property) (const char *),
          const char     *text)
{
  if (text != NULL && *text != '\0')
    icalcomponent_add_property (component, new_property (text));
}

static const char *
get_owner_name (Export         *export,
                KontorActivity *activity)
{
  const char *owner_id = kontor_activity_get_contact_id (activity);

  if (owner_id == NULL)
    owner_id = kontor_activity_get_company_id (activity);
  if (export->owner_names == NULL || owner_id == NULL)
    return NULL;

  return g_hash_table_lookup (export->owner_names, owner_id);
}

/* Whom it is about, then the notes */
static char *
dup_description (KontorActivity *activity,
                 const char     *owner_name)
{
  const char *notes = kontor_activity_get_notes (activity);
  GString *text = g_string_new (NULL);

  if (owner_name != NULL && kontor_activity_get_contact_id (activity) != NULL)
    /* Translators: in the description of a task or meeting exported to a
     * calendar; %s is the name of the contact it was recorded on */
    g_string_append_printf (text, _("Contact: %s"), owner_name);
  else if (owner_name != NULL)
    /* Translators: in the description of a task or meeting exported to a
     * calendar; %s is the name of the company it was recorded on */
    g_string_append_printf (text, _("Company: %s"), owner_name);

  if (notes != NULL && *notes != '\0')
    {
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, notes);
    }

  return g_string_free (text, text->len == 0);
}

/* What a task and an event have alike */
static void
add_common (Export         *export,
            icalcomponent  *component,
            KontorActivity *activity)
{
  KontorRecord *record = KONTOR_RECORD (activity);
  const char *owner_name = get_owner_name (export, activity);
  const char *subject = kontor_activity_get_subject (activity);
  gint64 created = kontor_record_get_created_at (record);
  gint64 updated = kontor_record_get_updated_at (record);
  g_autofree char *uid = g_strconcat (kontor_record_get_id (record), "@kontor", NULL);
  g_autofree char *description = dup_description (activity, owner_name);

  icalcomponent_add_property (component, icalproperty_new_uid (uid));
  /* without a METHOD, DTSTAMP is when the entry last changed in the
   * store that exports it (RFC 5545, 3.8.7.2): the same file each time */
  icalcomponent_add_property (component, icalproperty_new_dtstamp (utc_time (
    updated > 0 ? updated : created > 0 ? created : g_get_real_time () / G_USEC_PER_SEC)));
  if (created > 0)
    icalcomponent_add_property (component, icalproperty_new_created (utc_time (created)));
  if (updated > 0)
    icalcomponent_add_property (component, icalproperty_new_lastmodified (utc_time (updated)));

  add_text (component, icalproperty_new_summary,
            subject != NULL && *subject != '\0'
            ? subject : kontor_activity_kind_to_string (kontor_activity_get_kind (activity)));
  add_text (component, icalproperty_new_description, description);
  add_text (component, icalproperty_new_contact, owner_name);
  add_text (component, icalproperty_new_categories,
            kontor_activity_topic_to_string (kontor_activity_get_topic (activity)));
}

static icalcomponent *
new_todo (Export         *export,
          KontorActivity *activity)
{
  icalcomponent *todo = icalcomponent_new_vtodo ();
  struct icaltimetype due;
  gint64 done_at = kontor_activity_get_done_at (activity);
  gint64 remind_at = kontor_activity_get_remind_at (activity);

  add_common (export, todo, activity);
  if (parse_date (kontor_activity_get_due_on (activity), &due))
    icalcomponent_add_property (todo, icalproperty_new_due (due));

  if (kontor_activity_get_done (activity))
    {
      icalcomponent_add_property (todo, icalproperty_new_status (ICAL_STATUS_COMPLETED));
      icalcomponent_add_property (todo, icalproperty_new_percentcomplete (100));
      if (done_at > 0)
        icalcomponent_add_property (todo, icalproperty_new_completed (utc_time (done_at)));
    }
  else
    icalcomponent_add_property (todo, icalproperty_new_status (ICAL_STATUS_NEEDSACTION));

  /* the reminder of an open task, at its time; a task ticked off rings no more */
  if (remind_at > 0 && !kontor_activity_get_done (activity))
    {
      struct icaltriggertype trigger = icaltriggertype_from_int (0);
      icalcomponent *alarm;

      trigger.time = utc_time (remind_at);
      alarm = icalcomponent_new_valarm ();
      icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
      icalcomponent_add_property (alarm, icalproperty_new_trigger (trigger));
      /* a display alarm needs a text (RFC 5545, 3.6.6) */
      icalcomponent_add_property (alarm, icalproperty_new_description (
        icalcomponent_get_summary (todo)));
      icalcomponent_add_component (todo, alarm);
    }

  return todo;
}

static icalcomponent *
new_event (Export         *export,
           KontorActivity *activity)
{
  icalcomponent *event;
  gint64 starts_at = kontor_activity_get_starts_at (activity);
  gint64 ends_at = kontor_activity_get_ends_at (activity);

  /* the model's rule; an event without a start is no event */
  if (starts_at <= 0)
    return NULL;

  event = icalcomponent_new_vevent ();
  add_common (export, event, activity);
  icalcomponent_add_property (event, zoned_time (export, icalproperty_new_dtstart, starts_at));
  /* a lunch has no end; a VEVENT without one lasts no time */
  if (kontor_activity_get_kind (activity) == KONTOR_ACTIVITY_KIND_MEETING && ends_at > starts_at)
    icalcomponent_add_property (event, zoned_time (export, icalproperty_new_dtend, ends_at));
  add_text (event, icalproperty_new_location, kontor_activity_get_location (activity));

  return event;
}

/* libical's VTIMEZONE of the zone, with the plain name as TZID: the
 * built-in ones are called "/freeassociation.sourceforge.net/Europe/Berlin" */
static icalcomponent *
new_vtimezone (Export *export)
{
  icalcomponent *vtimezone = icalcomponent_new_clone (icaltimezone_get_component (export->zone));
  icalproperty *tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);

  if (tzid != NULL)
    icalproperty_set_tzid (tzid, export->tzid);
  else
    icalcomponent_add_property (vtimezone, icalproperty_new_tzid (export->tzid));

  return vtimezone;
}

/**
 * kontor_ical_dup_local_tzid:
 *
 * The user's time zone as a name of the tz database ("Europe/Berlin"),
 * from `TZ` or `/etc/localtime` as GLib reads them, when libical has it
 * as a built-in zone.
 *
 * Returns: (transfer full) (nullable): the name; %NULL for UTC and for a
 *   zone libical does not know (a POSIX rule in `TZ`), whose times are
 *   then written in UTC
 */
char *
kontor_ical_dup_local_tzid (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *name = g_time_zone_get_identifier (local);
  const char *zoneinfo;

  if (name == NULL)
    return NULL;

  /* TZ=":Europe/Berlin", or a path into the tz database */
  if (name[0] == ':')
    name++;
  zoneinfo = strstr (name, "zoneinfo/");
  if (zoneinfo != NULL)
    name = zoneinfo + strlen ("zoneinfo/");

  if (*name == '\0' || g_strv_contains (utc_names, name) ||
      icaltimezone_get_builtin_timezone (name) == NULL ||
      icaltimezone_get_builtin_timezone (name) == icaltimezone_get_utc_timezone ())
    return NULL;

  return g_strdup (name);
}

/**
 * kontor_ical_export:
 * @activities: (element-type KontorActivity): stored activities
 * @owner_names: (nullable) (element-type utf8 utf8): the display name of
 *   each contact and company by id, for the descriptions
 * @n_exported: (out) (optional): how many entries the calendar holds
 *
 * One iCalendar object (RFC 5545) of @activities: a VTODO for each task
 * (its due date, done or not, its reminder as a display alarm), a VEVENT
 * for each meeting and lunch, in the user's time zone
 * (kontor_ical_dup_local_tzid()) with its VTIMEZONE, else in UTC; every
 * other kind is left out. Each entry's UID is the activity's id with
 * "@kontor", so a calendar that imports the file again updates what it
 * has.
 *
 * Returns: (transfer full): the calendar as text
 */
char *
kontor_ical_export (GPtrArray  *activities,
                    GHashTable *owner_names,
                    guint      *n_exported)
{
  g_autofree char *tzid = kontor_ical_dup_local_tzid ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  Export export = { owner_names, NULL, tzid, FALSE };
  icalcomponent *calendar;
  char *text;
  char *result;

  g_return_val_if_fail (activities != NULL, NULL);

  if (tzid != NULL)
    export.zone = icaltimezone_get_builtin_timezone (tzid);

  for (guint i = 0; i < activities->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (activities, i);
      icalcomponent *entry = NULL;

      g_return_val_if_fail (KONTOR_IS_ACTIVITY (activity), NULL);

      /* the UID; an activity not stored has no id yet */
      if (kontor_record_get_id (KONTOR_RECORD (activity)) == NULL)
        continue;

      switch (kontor_activity_get_kind (activity))
        {
        case KONTOR_ACTIVITY_KIND_TASK:
          entry = new_todo (&export, activity);
          break;
        case KONTOR_ACTIVITY_KIND_MEETING:
        case KONTOR_ACTIVITY_KIND_LUNCH:
          entry = new_event (&export, activity);
          break;
        case KONTOR_ACTIVITY_KIND_EMAIL:
        case KONTOR_ACTIVITY_KIND_CALL:
        case KONTOR_ACTIVITY_KIND_VIDEO_CALL:
        case KONTOR_ACTIVITY_KIND_NOTE:
        default:
          break;
        }
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid (KONTOR_ICAL_PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  /* the zone before the entries that name it, as Evolution writes it */
  if (export.zone_used)
    icalcomponent_add_component (calendar, new_vtimezone (&export));
  for (guint i = 0; i < entries->len; i++)
    icalcomponent_add_component (calendar, g_ptr_array_index (entries, i));

  if (n_exported != NULL)
    *n_exported = entries->len;

  text = icalcomponent_as_ical_string_r (calendar);
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  icalcomponent_free (calendar);

  return result;
}
