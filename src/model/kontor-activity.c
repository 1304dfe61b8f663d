/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-activity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-activity.h"
#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-enum-types.h"
#include "kontor-error.h"
#include "kontor-record-private.h"

/**
 * KontorActivity:
 *
 * A task, e-mail, lunch, meeting, call, video call or note recorded on a
 * contact or a company (features A1–A3, A7, src/README.md "Activities").
 * A record kind of its own: it syncs, has a history and a tombstone like
 * every other.
 *
 * An activity counts for its contact's or company's last activity (feature
 * A8) once it is done: a task when it is ticked off, at that time; every
 * other kind at its time (a meeting planned for next week is not done
 * yet). That time is `happened-at`, which the record keeps itself and the
 * store copies into its row to find the last one.
 */
struct _KontorActivity
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED
#define P KONTOR_FIELD_PERSONAL
#define Q KONTOR_FIELD_SEARCH

static const KontorField activity_fields[KONTOR_ACTIVITY_N_FIELDS] = {
  [KONTOR_ACTIVITY_FIELD_KIND] = { "kind", "kind", KONTOR_FIELD_TYPE_ENUM, S, N_("Type"),
                                   kontor_activity_kind_get_type },
  [KONTOR_ACTIVITY_FIELD_TOPIC] = { "topic", "topic", KONTOR_FIELD_TYPE_ENUM, S, N_("Topic"),
                                    kontor_activity_topic_get_type },
  [KONTOR_ACTIVITY_FIELD_CONTACT_ID] = { "contact-id", "contact_id", KONTOR_FIELD_TYPE_REF, S,
                                         N_("Contact") },
  [KONTOR_ACTIVITY_FIELD_COMPANY_ID] = { "company-id", "company_id", KONTOR_FIELD_TYPE_REF, S,
                                         N_("Company") },
  [KONTOR_ACTIVITY_FIELD_SUBJECT] = { "subject", "subject", KONTOR_FIELD_TYPE_STRING, S | P | Q,
                                      N_("Subject") },
  [KONTOR_ACTIVITY_FIELD_NOTES] = { "notes", "notes", KONTOR_FIELD_TYPE_STRING, S | P | Q,
                                    N_("Notes") },
  [KONTOR_ACTIVITY_FIELD_STARTS_AT] = { "starts-at", "starts_at", KONTOR_FIELD_TYPE_INT64, S,
                                        N_("Date") },
  [KONTOR_ACTIVITY_FIELD_ENDS_AT] = { "ends-at", "ends_at", KONTOR_FIELD_TYPE_INT64, S,
                                      N_("End") },
  [KONTOR_ACTIVITY_FIELD_LOCATION] = { "location", "location", KONTOR_FIELD_TYPE_STRING, S | P,
                                       N_("Place") },
  [KONTOR_ACTIVITY_FIELD_DUE_ON] = { "due-on", "due_on", KONTOR_FIELD_TYPE_DATE, S,
                                     N_("Due date") },
  [KONTOR_ACTIVITY_FIELD_REMIND_AT] = { "remind-at", "remind_at", KONTOR_FIELD_TYPE_INT64, S,
                                        N_("Reminder") },
  [KONTOR_ACTIVITY_FIELD_DONE] = { "done", "done", KONTOR_FIELD_TYPE_BOOLEAN, S, N_("Done") },
  [KONTOR_ACTIVITY_FIELD_DONE_AT] = { "done-at", "done_at", KONTOR_FIELD_TYPE_INT64, S,
                                      N_("Done on") },
  [KONTOR_ACTIVITY_FIELD_AUTOMATIC] = { "automatic", "automatic", KONTOR_FIELD_TYPE_BOOLEAN, S,
                                        N_("Recorded automatically") },
  [KONTOR_ACTIVITY_FIELD_CREATED_BY] = { "created-by", "created_by", KONTOR_FIELD_TYPE_REF, S,
                                         N_("Recorded by") },
  /* JSON arrays (schema 20): participants are ids of contacts and of
   * users; files are objects {"sha256": hex, "name": text, "size": bytes,
   * "type": content type}; links are URIs. NULL is none. */
  [KONTOR_ACTIVITY_FIELD_PARTICIPANT_CONTACTS] = { "participant-contacts", "participant_contacts",
                                                   KONTOR_FIELD_TYPE_STRING, S,
                                                   N_("Participants") },
  [KONTOR_ACTIVITY_FIELD_PARTICIPANT_USERS] = { "participant-users", "participant_users",
                                                KONTOR_FIELD_TYPE_STRING, S,
                                                N_("Colleagues taking part") },
  [KONTOR_ACTIVITY_FIELD_ATTACHMENTS] = { "attachments", "attachments", KONTOR_FIELD_TYPE_STRING,
                                          S | P, N_("Files") },
  [KONTOR_ACTIVITY_FIELD_LINKS] = { "links", "links", KONTOR_FIELD_TYPE_STRING, S | P,
                                    N_("Links") },
  /* kept by the record from the fields above (see the top), never synced */
  [KONTOR_ACTIVITY_FIELD_HAPPENED_AT] = { "happened-at", "happened_at", KONTOR_FIELD_TYPE_INT64,
                                          KONTOR_FIELD_LOCAL, N_("Last activity") },
};

#undef S
#undef P
#undef Q

G_DEFINE_FINAL_TYPE (KontorActivity, kontor_activity, KONTOR_TYPE_RECORD)

static const KontorActivityTopic customer_topics[] = {
  KONTOR_ACTIVITY_TOPIC_ACQUISITION,
  KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE,
  KONTOR_ACTIVITY_TOPIC_NEGOTIATION,
  KONTOR_ACTIVITY_TOPIC_OTHER,
};

static const KontorActivityTopic lead_project_topics[] = {
  KONTOR_ACTIVITY_TOPIC_QUALIFICATION,
  KONTOR_ACTIVITY_TOPIC_OFFER,
  KONTOR_ACTIVITY_TOPIC_NEGOTIATION,
  KONTOR_ACTIVITY_TOPIC_COMMITMENT,
  KONTOR_ACTIVITY_TOPIC_REJECTION,
  KONTOR_ACTIVITY_TOPIC_OTHER,
};

/**
 * kontor_activity_topics_for_place:
 * @place: where an activity is recorded
 * @n_topics: (out): the number of topics
 *
 * The topics an activity recorded at @place may have (feature A3), in the
 * order a list shows them.
 *
 * Returns: (array length=n_topics) (transfer none): the topics
 */
const KontorActivityTopic *
kontor_activity_topics_for_place (KontorActivityPlace  place,
                                  guint               *n_topics)
{
  g_return_val_if_fail (n_topics != NULL, NULL);

  if (place == KONTOR_ACTIVITY_PLACE_LEAD_PROJECT)
    {
      *n_topics = G_N_ELEMENTS (lead_project_topics);
      return lead_project_topics;
    }

  *n_topics = G_N_ELEMENTS (customer_topics);
  return customer_topics;
}

/**
 * kontor_activity_check_topic:
 * @place: where an activity is recorded
 * @topic: its topic
 * @error: return location for a #GError
 *
 * The rule of feature A3: a topic of @place's list.
 *
 * Returns: %TRUE when @topic may be chosen at @place
 */
gboolean
kontor_activity_check_topic (KontorActivityPlace   place,
                             KontorActivityTopic   topic,
                             GError              **error)
{
  const KontorActivityTopic *topics;
  guint n_topics;

  topics = kontor_activity_topics_for_place (place, &n_topics);
  for (guint i = 0; i < n_topics; i++)
    {
      if (topics[i] == topic)
        return TRUE;
    }

  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
               /* Translators: %s is a topic, e.g. "Offer" */
               _("The topic “%s” cannot be chosen here; choose one of the list."),
               kontor_activity_topic_to_string (topic));
  return FALSE;
}

/**
 * kontor_activity_kind_has_location:
 * @kind: a kind of activity
 *
 * Returns: whether an activity of @kind has a place (a lunch, a meeting)
 */
gboolean
kontor_activity_kind_has_location (KontorActivityKind kind)
{
  return kind == KONTOR_ACTIVITY_KIND_LUNCH || kind == KONTOR_ACTIVITY_KIND_MEETING;
}

static gint64
compute_happened_at (KontorActivity *self)
{
  if (!kontor_activity_get_done (self))
    return 0;

  if (kontor_activity_get_kind (self) == KONTOR_ACTIVITY_KIND_TASK)
    return kontor_activity_get_done_at (self);

  return kontor_activity_get_starts_at (self);
}

static void
kontor_activity_field_changed (KontorRecord *record,
                               guint         index)
{
  KontorActivity *self = KONTOR_ACTIVITY (record);
  gint64 happened;

  if (index != KONTOR_ACTIVITY_FIELD_KIND && index != KONTOR_ACTIVITY_FIELD_DONE &&
      index != KONTOR_ACTIVITY_FIELD_DONE_AT && index != KONTOR_ACTIVITY_FIELD_STARTS_AT)
    return;

  happened = compute_happened_at (self);
  if (happened != kontor_activity_get_happened_at (self))
    kontor_record_set_int64 (record, KONTOR_ACTIVITY_FIELD_HAPPENED_AT, happened);
}

static char *
kontor_activity_dup_display_name (KontorRecord *record)
{
  KontorActivity *self = KONTOR_ACTIVITY (record);
  const char *subject = kontor_activity_get_subject (self);

  if (subject != NULL)
    return g_strdup (subject);

  return g_strdup (kontor_activity_kind_to_string (kontor_activity_get_kind (self)));
}

/**
 * kontor_activity_get_place:
 * @self: an activity
 *
 * Returns: where @self is recorded, for its topics
 */
KontorActivityPlace
kontor_activity_get_place (KontorActivity *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), KONTOR_ACTIVITY_PLACE_CUSTOMER);

  return KONTOR_ACTIVITY_PLACE_CUSTOMER;
}

/* The rules of an activity (features A1, A3, A7); the field rules (texts,
 * dates, enums) ran before */
static gboolean
kontor_activity_validate (KontorRecord  *record,
                          KontorRecord  *old,
                          GError       **error)
{
  KontorActivity *self = KONTOR_ACTIVITY (record);
  KontorActivityKind kind = kontor_activity_get_kind (self);
  gboolean on_contact = kontor_activity_get_contact_id (self) != NULL;
  gboolean on_company = kontor_activity_get_company_id (self) != NULL;
  gint64 starts = kontor_activity_get_starts_at (self);
  gint64 ends = kontor_activity_get_ends_at (self);

  if (old != NULL && !kontor_activity_check_edit (KONTOR_ACTIVITY (old), error))
    return FALSE;

  if (on_contact == on_company)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("An activity is recorded on one contact or one company."));
      return FALSE;
    }

  if (!kontor_activity_check_topic (kontor_activity_get_place (self),
                                    kontor_activity_get_topic (self), error))
    return FALSE;

  if (kind != KONTOR_ACTIVITY_KIND_TASK && starts <= 0)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Give the date and time of the activity."));
      return FALSE;
    }

  if (ends != 0 && (kind != KONTOR_ACTIVITY_KIND_MEETING || ends < starts))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                           kind == KONTOR_ACTIVITY_KIND_MEETING
                           ? _("A meeting cannot end before it begins.")
                           : _("Only a meeting has an end."));
      return FALSE;
    }

  if (kontor_activity_get_location (self) != NULL && !kontor_activity_kind_has_location (kind))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("Only a lunch or a meeting has a place."));
      return FALSE;
    }

  if (kind != KONTOR_ACTIVITY_KIND_TASK &&
      (kontor_activity_get_due_on (self) != NULL || kontor_activity_get_remind_at (self) != 0))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("Only a task has a due date and a reminder."));
      return FALSE;
    }

  if (kind == KONTOR_ACTIVITY_KIND_TASK &&
      kontor_activity_get_done (self) != (kontor_activity_get_done_at (self) > 0))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                           _("A task that is done needs the time it was done."));
      return FALSE;
    }

  return TRUE;
}

static void
kontor_activity_class_init (KontorActivityClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "activity",
                                      activity_fields, G_N_ELEMENTS (activity_fields));
  record_class->field_changed = kontor_activity_field_changed;
  record_class->dup_display_name = kontor_activity_dup_display_name;
  record_class->validate = kontor_activity_validate;
}

static void
kontor_activity_init (KontorActivity *self)
{
}

/**
 * kontor_activity_new:
 * @kind: what it is
 * @owner: (nullable): the contact or company it is recorded on
 *
 * A new activity, not yet stored. A task starts open; every other kind is
 * done (it happened) until the form says otherwise. The topic starts as
 * "Other"; the form asks for it.
 *
 * Returns: (transfer full): a new activity
 */
KontorActivity *
kontor_activity_new (KontorActivityKind  kind,
                     KontorRecord       *owner)
{
  KontorActivity *self = g_object_new (KONTOR_TYPE_ACTIVITY, NULL);

  g_return_val_if_fail (owner == NULL || KONTOR_IS_CONTACT (owner) || KONTOR_IS_COMPANY (owner),
                        self);

  kontor_activity_set_kind (self, kind);
  kontor_activity_set_topic (self, KONTOR_ACTIVITY_TOPIC_OTHER);
  kontor_activity_set_done (self, kind != KONTOR_ACTIVITY_KIND_TASK);
  if (owner != NULL && KONTOR_IS_CONTACT (owner))
    kontor_activity_set_contact_id (self, kontor_record_get_id (owner));
  else if (owner != NULL)
    kontor_activity_set_company_id (self, kontor_record_get_id (owner));

  return self;
}

/**
 * kontor_activity_complete:
 * @self: an activity
 * @done: whether it is done
 * @now: the time, Unix seconds
 *
 * Ticks a task off at @now, or opens it again; for the other kinds sets
 * whether it took place.
 */
void
kontor_activity_complete (KontorActivity *self,
                          gboolean        done,
                          gint64          now)
{
  g_return_if_fail (KONTOR_IS_ACTIVITY (self));

  if (kontor_activity_get_kind (self) == KONTOR_ACTIVITY_KIND_TASK)
    kontor_activity_set_done_at (self, done ? now : 0);
  kontor_activity_set_done (self, done);
}

/**
 * kontor_activity_check_edit:
 * @stored: an activity as stored
 * @error: return location for a #GError
 *
 * An activity recorded automatically (a dropped e-mail, a birthday, a mail
 * written from Kontor) is what happened and cannot be edited (feature A7).
 *
 * Returns: %TRUE when @stored may be edited
 */
gboolean
kontor_activity_check_edit (KontorActivity  *stored,
                            GError         **error)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (stored), FALSE);

  if (!kontor_activity_get_automatic (stored))
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                       _("This activity was recorded automatically and cannot be edited."));
  return FALSE;
}

/**
 * kontor_activity_check_delete:
 * @stored: an activity as stored
 * @user_id: (nullable): the user who deletes it
 * @error: return location for a #GError
 *
 * An automatic activity is deleted only by the user who caused it
 * (feature A7); any other by whoever may write.
 *
 * Returns: %TRUE when @user_id may delete @stored
 */
gboolean
kontor_activity_check_delete (KontorActivity  *stored,
                              const char      *user_id,
                              GError         **error)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (stored), FALSE);

  if (!kontor_activity_get_automatic (stored) ||
      g_strcmp0 (kontor_activity_get_created_by (stored), user_id) == 0)
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                       _("Only the user who caused an automatic activity may delete it."));
  return FALSE;
}

/**
 * kontor_activity_kind_to_string:
 * @kind: a kind of activity
 *
 * Returns: (transfer none): its name in the UI language
 */
const char *
kontor_activity_kind_to_string (KontorActivityKind kind)
{
  switch (kind)
    {
    case KONTOR_ACTIVITY_KIND_TASK:
      return _("Task");
    case KONTOR_ACTIVITY_KIND_EMAIL:
      return _("E-mail");
    case KONTOR_ACTIVITY_KIND_LUNCH:
      return _("Lunch");
    case KONTOR_ACTIVITY_KIND_MEETING:
      return _("Meeting");
    case KONTOR_ACTIVITY_KIND_CALL:
      return _("Phone call");
    case KONTOR_ACTIVITY_KIND_VIDEO_CALL:
      return _("Video call");
    case KONTOR_ACTIVITY_KIND_NOTE:
    default:
      return _("Note");
    }
}

/**
 * kontor_activity_kind_icon_name:
 * @kind: a kind of activity
 *
 * Returns: (transfer none): the symbolic icon of @kind in the timeline
 */
const char *
kontor_activity_kind_icon_name (KontorActivityKind kind)
{
  switch (kind)
    {
    case KONTOR_ACTIVITY_KIND_TASK:
      return "task-due-symbolic";
    case KONTOR_ACTIVITY_KIND_EMAIL:
      return "mail-unread-symbolic";
    case KONTOR_ACTIVITY_KIND_LUNCH:
      return "emoji-food-symbolic";
    case KONTOR_ACTIVITY_KIND_MEETING:
      return "x-office-calendar-symbolic";
    case KONTOR_ACTIVITY_KIND_CALL:
      return "call-start-symbolic";
    case KONTOR_ACTIVITY_KIND_VIDEO_CALL:
      return "camera-web-symbolic";
    case KONTOR_ACTIVITY_KIND_NOTE:
    default:
      return "document-edit-symbolic";
    }
}

/**
 * kontor_activity_topic_to_string:
 * @topic: a topic
 *
 * Returns: (transfer none): its name in the UI language
 */
const char *
kontor_activity_topic_to_string (KontorActivityTopic topic)
{
  switch (topic)
    {
    case KONTOR_ACTIVITY_TOPIC_ACQUISITION:
      return _("Acquisition");
    case KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE:
      return _("Customer care");
    case KONTOR_ACTIVITY_TOPIC_NEGOTIATION:
      return _("Negotiation");
    case KONTOR_ACTIVITY_TOPIC_QUALIFICATION:
      return _("Qualification");
    case KONTOR_ACTIVITY_TOPIC_OFFER:
      return _("Offer");
    case KONTOR_ACTIVITY_TOPIC_COMMITMENT:
      return _("Commitment");
    case KONTOR_ACTIVITY_TOPIC_REJECTION:
      return _("Rejection");
    case KONTOR_ACTIVITY_TOPIC_OTHER:
    default:
      return _("Other");
    }
}

KONTOR_RECORD_ENUM_ACCESSORS (KontorActivity, kontor_activity, kind,
                              KONTOR_ACTIVITY_FIELD_KIND, KontorActivityKind)
KONTOR_RECORD_ENUM_ACCESSORS (KontorActivity, kontor_activity, topic,
                              KONTOR_ACTIVITY_FIELD_TOPIC, KontorActivityTopic)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, contact_id,
                                KONTOR_ACTIVITY_FIELD_CONTACT_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, company_id,
                                KONTOR_ACTIVITY_FIELD_COMPANY_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, subject,
                                KONTOR_ACTIVITY_FIELD_SUBJECT)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, notes,
                                KONTOR_ACTIVITY_FIELD_NOTES)
KONTOR_RECORD_INT64_ACCESSORS (KontorActivity, kontor_activity, starts_at,
                               KONTOR_ACTIVITY_FIELD_STARTS_AT)
KONTOR_RECORD_INT64_ACCESSORS (KontorActivity, kontor_activity, ends_at,
                               KONTOR_ACTIVITY_FIELD_ENDS_AT)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, location,
                                KONTOR_ACTIVITY_FIELD_LOCATION)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, due_on,
                                KONTOR_ACTIVITY_FIELD_DUE_ON)
KONTOR_RECORD_INT64_ACCESSORS (KontorActivity, kontor_activity, remind_at,
                               KONTOR_ACTIVITY_FIELD_REMIND_AT)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorActivity, kontor_activity, done,
                                 KONTOR_ACTIVITY_FIELD_DONE)
KONTOR_RECORD_INT64_ACCESSORS (KontorActivity, kontor_activity, done_at,
                               KONTOR_ACTIVITY_FIELD_DONE_AT)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorActivity, kontor_activity, automatic,
                                 KONTOR_ACTIVITY_FIELD_AUTOMATIC)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, participant_contacts,
                                KONTOR_ACTIVITY_FIELD_PARTICIPANT_CONTACTS)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, participant_users,
                                KONTOR_ACTIVITY_FIELD_PARTICIPANT_USERS)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, attachments,
                                KONTOR_ACTIVITY_FIELD_ATTACHMENTS)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, links,
                                KONTOR_ACTIVITY_FIELD_LINKS)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, created_by,
                                KONTOR_ACTIVITY_FIELD_CREATED_BY)

/**
 * kontor_activity_get_happened_at:
 * @self: an activity
 *
 * Returns: when @self happened, for the last activity of its contact or
 *   company (feature A8); 0 while it is not done
 */
gint64
kontor_activity_get_happened_at (KontorActivity *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), 0);

  return kontor_record_get_int64 (KONTOR_RECORD (self), KONTOR_ACTIVITY_FIELD_HAPPENED_AT);
}


/**
 * kontor_activity_snooze_time:
 * @now: the time, Unix seconds
 * @snooze: how long
 * @zone: the user's time zone
 *
 * When a reminder put off at @now is due again (feature X9): an hour
 * later, or tomorrow at the same time of day in @zone, which is 23 or 25
 * hours when the clocks change between.
 *
 * Returns: the time, Unix seconds
 */
gint64
kontor_activity_snooze_time (gint64        now,
                             KontorSnooze  snooze,
                             GTimeZone    *zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  g_return_val_if_fail (zone != NULL, now);

  if (snooze == KONTOR_SNOOZE_HOUR)
    return now + 3600;

  utc = g_date_time_new_from_unix_utc (now);
  local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
  tomorrow = local != NULL ? g_date_time_add_days (local, 1) : NULL;

  return tomorrow != NULL ? g_date_time_to_unix (tomorrow) : now + 86400;
}
