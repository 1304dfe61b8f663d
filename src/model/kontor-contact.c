/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contact"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-contact.h"
#include "kontor-enum-types.h"
#include "kontor-record-private.h"
#include "kontor-rules-private.h"

/**
 * KontorContact:
 *
 * An external person (feature C2, src/README.md): name, job, company, e-mail addresses,
 * phone numbers, address, correspondence language, status lifecycle (C4),
 * customer number (C5), sales reps and assignment (C6, C7) and the board
 * fields (pipeline status, rank, due date).
 */
struct _KontorContact
{
  KontorRecord parent_instance;
};

#define P KONTOR_FIELD_PERSONAL
#define S KONTOR_FIELD_STORED
#define Q KONTOR_FIELD_SEARCH

static const KontorField contact_fields[KONTOR_CONTACT_N_FIELDS] = {
  [KONTOR_CONTACT_FIELD_SALUTATION] = { "salutation", "salutation", KONTOR_FIELD_TYPE_ENUM, S | P,
                                        N_("Salutation"), kontor_salutation_get_type },
  [KONTOR_CONTACT_FIELD_TITLE] = { "title", "title", KONTOR_FIELD_TYPE_STRING, S | P | Q,
                                   N_("Title") },
  [KONTOR_CONTACT_FIELD_FIRST_NAME] = { "first-name", "first_name", KONTOR_FIELD_TYPE_STRING,
                                        S | P | Q, N_("First name") },
  [KONTOR_CONTACT_FIELD_LAST_NAME] = { "last-name", "last_name", KONTOR_FIELD_TYPE_STRING,
                                       S | P | Q, N_("Last name") },
  [KONTOR_CONTACT_FIELD_JOB_TITLE] = { "job-title", "job_title", KONTOR_FIELD_TYPE_STRING,
                                       S | P, N_("Job title") },
  [KONTOR_CONTACT_FIELD_COMPANY_ID] = { "company-id", "company_id", KONTOR_FIELD_TYPE_REF, S,
                                        N_("Company") },
  [KONTOR_CONTACT_FIELD_COMPANY_NAME] = { "company-name", "company_name", KONTOR_FIELD_TYPE_STRING,
                                          KONTOR_FIELD_DERIVED | Q, N_("Company") },
  [KONTOR_CONTACT_FIELD_EMAILS] = { "emails", "emails", KONTOR_FIELD_TYPE_CHANNELS, S | P | Q,
                                    N_("E-mail"), NULL, KONTOR_CHANNEL_KIND_EMAIL },
  [KONTOR_CONTACT_FIELD_PHONES] = { "phones", "phones", KONTOR_FIELD_TYPE_CHANNELS, S | P | Q,
                                    N_("Phone"), NULL, KONTOR_CHANNEL_KIND_PHONE },
  [KONTOR_CONTACT_FIELD_STREET] = { "street", "street", KONTOR_FIELD_TYPE_STRING, S | P,
                                    N_("Street") },
  [KONTOR_CONTACT_FIELD_POSTAL_CODE] = { "postal-code", "postal_code", KONTOR_FIELD_TYPE_STRING,
                                         S | P, N_("Postal code") },
  [KONTOR_CONTACT_FIELD_CITY] = { "city", "city", KONTOR_FIELD_TYPE_STRING, S | P,
                                  N_("City") },
  [KONTOR_CONTACT_FIELD_COUNTRY] = { "country", "country", KONTOR_FIELD_TYPE_STRING, S | P,
                                     N_("Country") },
  [KONTOR_CONTACT_FIELD_LANGUAGE] = { "language", "language", KONTOR_FIELD_TYPE_ENUM, S,
                                      N_("Correspondence language"), kontor_language_get_type },
  [KONTOR_CONTACT_FIELD_NOTES] = { "notes", "notes", KONTOR_FIELD_TYPE_STRING, S | P | Q,
                                   N_("Notes") },
  [KONTOR_CONTACT_FIELD_BIRTHDAY] = { "birthday", "birthday", KONTOR_FIELD_TYPE_DATE,
                                      S | P | KONTOR_FIELD_YEARLESS,
                                      N_("Birthday") },
  [KONTOR_CONTACT_FIELD_STATUS] = { "status", "status", KONTOR_FIELD_TYPE_ENUM, S,
                                    N_("Status"), kontor_contact_status_get_type },
  [KONTOR_CONTACT_FIELD_PREVIOUS_STATUS] = { "previous-status", "previous_status",
                                             KONTOR_FIELD_TYPE_ENUM, S, N_("Previous status"),
                                             kontor_contact_status_get_type },
  [KONTOR_CONTACT_FIELD_IS_LEAD] = { "is-lead", "is_lead", KONTOR_FIELD_TYPE_BOOLEAN, S,
                                     N_("Lead") },
  [KONTOR_CONTACT_FIELD_PIPELINE_STATUS_ID] = { "pipeline-status-id", "pipeline_status_id",
                                                KONTOR_FIELD_TYPE_REF, S, N_("Pipeline status") },
  [KONTOR_CONTACT_FIELD_PIPELINE_STATUS_NAME] = { "pipeline-status-name", "pipeline_status_name",
                                                  KONTOR_FIELD_TYPE_STRING, KONTOR_FIELD_DERIVED,
                                                  N_("Pipeline status") },
  [KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER] = { "customer-number", "customer_number",
                                             KONTOR_FIELD_TYPE_STRING, S | Q,
                                             N_("Customer number") },
  [KONTOR_CONTACT_FIELD_SALES_REPS] = { "sales-reps", "sales_reps", KONTOR_FIELD_TYPE_REFS, S,
                                        N_("Sales reps"), NULL, KONTOR_LINK_KIND_SALES_REP },
  [KONTOR_CONTACT_FIELD_ASSIGNEES] = { "assignees", "assignees", KONTOR_FIELD_TYPE_REFS, S,
                                       N_("Assigned to"), NULL, KONTOR_LINK_KIND_ASSIGNEE },
  [KONTOR_CONTACT_FIELD_ASSIGNED_TEAM_ID] = { "assigned-team-id", "assigned_team_id",
                                              KONTOR_FIELD_TYPE_REF, S, N_("Assigned team") },
  [KONTOR_CONTACT_FIELD_RANK] = { "rank", "rank", KONTOR_FIELD_TYPE_STRING, S,
                                  N_("Position on the board") },
  [KONTOR_CONTACT_FIELD_DUE_DATE] = { "due-date", "due_date", KONTOR_FIELD_TYPE_DATE, S,
                                      N_("Due date") },
  [KONTOR_CONTACT_FIELD_LAST_ACTIVITY_AT] = { "last-activity-at", "last_activity_at",
                                              KONTOR_FIELD_TYPE_INT64, KONTOR_FIELD_LOCAL,
                                              N_("Last activity") },
  [KONTOR_CONTACT_FIELD_IS_NEW] = { "is-new", "is_new", KONTOR_FIELD_TYPE_BOOLEAN, S,
                                    N_("New, not handled yet") },
  [KONTOR_CONTACT_FIELD_PIPELINE_ENTERED_AT] = { "pipeline-entered-at", "pipeline_entered_at",
                                                 KONTOR_FIELD_TYPE_INT64, S,
                                                 N_("In its pipeline status since") },
  /* days without an activity after which to remind (feature R2), 0: never */
  [KONTOR_CONTACT_FIELD_KEEP_IN_TOUCH_DAYS] = { "keep-in-touch-days", "keep_in_touch_days",
                                                KONTOR_FIELD_TYPE_INT64, S,
                                                N_("Stay in touch every (days)") },
  /* the person objects to marketing ("Werbewiderspruch", feature X11):
   * kontor_contact_allows_marketing() is the one rule that reads it */
  [KONTOR_CONTACT_FIELD_MARKETING_OBJECTION] = { "marketing-objection", "marketing_objection",
                                                 KONTOR_FIELD_TYPE_BOOLEAN, S | P,
                                                 N_("Objects to marketing") },
};

#undef P
#undef S
#undef Q

enum {
  PROP_PRIMARY_EMAIL = KONTOR_CONTACT_N_FIELDS + 1,
  PROP_PRIMARY_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorContact, kontor_contact, KONTOR_TYPE_RECORD)

static const char *
first_channel_value (GPtrArray *channels)
{
  if (channels == NULL || channels->len == 0)
    return NULL;

  return ((KontorChannel *) g_ptr_array_index (channels, 0))->value;
}

static char *
kontor_contact_dup_display_name (KontorRecord *record)
{
  KontorContact *self = KONTOR_CONTACT (record);
  const char *parts[4];
  guint n = 0;

  if (kontor_contact_get_title (self) != NULL)
    parts[n++] = kontor_contact_get_title (self);
  if (kontor_contact_get_first_name (self) != NULL)
    parts[n++] = kontor_contact_get_first_name (self);
  if (kontor_contact_get_last_name (self) != NULL)
    parts[n++] = kontor_contact_get_last_name (self);
  parts[n] = NULL;

  if (kontor_contact_has_person_name (self))
    return g_strjoinv (" ", (char **) parts);
  if (kontor_contact_get_company_name (self) != NULL)
    return g_strdup (kontor_contact_get_company_name (self));
  if (kontor_contact_get_primary_email (self) != NULL)
    return g_strdup (kontor_contact_get_primary_email (self));

  return g_strdup (_("Unnamed contact"));
}

static void
kontor_contact_field_changed (KontorRecord *record,
                              guint         index)
{
  switch ((KontorContactField) index)
    {
    case KONTOR_CONTACT_FIELD_TITLE:
    case KONTOR_CONTACT_FIELD_FIRST_NAME:
    case KONTOR_CONTACT_FIELD_LAST_NAME:
    case KONTOR_CONTACT_FIELD_COMPANY_NAME:
      _kontor_record_notify_display_name (record);
      break;
    case KONTOR_CONTACT_FIELD_EMAILS:
      g_object_notify_by_pspec (G_OBJECT (record), properties[PROP_PRIMARY_EMAIL]);
      _kontor_record_notify_display_name (record);
      break;
    case KONTOR_CONTACT_FIELD_PHONES:
      g_object_notify_by_pspec (G_OBJECT (record), properties[PROP_PRIMARY_PHONE]);
      break;
    case KONTOR_CONTACT_FIELD_SALUTATION:
    case KONTOR_CONTACT_FIELD_JOB_TITLE:
    case KONTOR_CONTACT_FIELD_COMPANY_ID:
    case KONTOR_CONTACT_FIELD_STREET:
    case KONTOR_CONTACT_FIELD_POSTAL_CODE:
    case KONTOR_CONTACT_FIELD_CITY:
    case KONTOR_CONTACT_FIELD_COUNTRY:
    case KONTOR_CONTACT_FIELD_LANGUAGE:
    case KONTOR_CONTACT_FIELD_NOTES:
    case KONTOR_CONTACT_FIELD_BIRTHDAY:
    case KONTOR_CONTACT_FIELD_STATUS:
    case KONTOR_CONTACT_FIELD_PREVIOUS_STATUS:
    case KONTOR_CONTACT_FIELD_IS_LEAD:
    case KONTOR_CONTACT_FIELD_PIPELINE_STATUS_ID:
    case KONTOR_CONTACT_FIELD_PIPELINE_STATUS_NAME:
    case KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER:
    case KONTOR_CONTACT_FIELD_SALES_REPS:
    case KONTOR_CONTACT_FIELD_ASSIGNEES:
    case KONTOR_CONTACT_FIELD_ASSIGNED_TEAM_ID:
    case KONTOR_CONTACT_FIELD_RANK:
    case KONTOR_CONTACT_FIELD_DUE_DATE:
    case KONTOR_CONTACT_FIELD_LAST_ACTIVITY_AT:
    case KONTOR_CONTACT_FIELD_IS_NEW:
    case KONTOR_CONTACT_FIELD_PIPELINE_ENTERED_AT:
    case KONTOR_CONTACT_FIELD_KEEP_IN_TOUCH_DAYS:
    case KONTOR_CONTACT_FIELD_MARKETING_OBJECTION:
    case KONTOR_CONTACT_N_FIELDS:
    default:
      break;
    }
}

static void
kontor_contact_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KontorContact *self = KONTOR_CONTACT (object);

  switch (prop_id)
    {
    case PROP_PRIMARY_EMAIL:
      g_value_set_string (value, kontor_contact_get_primary_email (self));
      break;
    case PROP_PRIMARY_PHONE:
      g_value_set_string (value, kontor_contact_get_primary_phone (self));
      break;
    default:
      _kontor_record_get_field_property (object, prop_id, value, pspec);
    }
}

static void
kontor_contact_class_init (KontorContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "contact",
                                      contact_fields, G_N_ELEMENTS (contact_fields));
  object_class->get_property = kontor_contact_get_property;

  record_class->field_changed = kontor_contact_field_changed;
  record_class->dup_display_name = kontor_contact_dup_display_name;
  record_class->validate = _kontor_contact_check;

  properties[PROP_PRIMARY_EMAIL] =
    g_param_spec_string ("primary-email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIMARY_PHONE] =
    g_param_spec_string ("primary-phone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_property (object_class, PROP_PRIMARY_EMAIL,
                                   properties[PROP_PRIMARY_EMAIL]);
  g_object_class_install_property (object_class, PROP_PRIMARY_PHONE,
                                   properties[PROP_PRIMARY_PHONE]);
}

static void
kontor_contact_init (KontorContact *self)
{
}

/**
 * kontor_contact_new:
 *
 * Returns: (transfer full): a new, not yet stored contact with status
 *   Prospect and German as correspondence language
 */
KontorContact *
kontor_contact_new (void)
{
  KontorContact *self = g_object_new (KONTOR_TYPE_CONTACT, NULL);

  kontor_contact_set_status (self, KONTOR_CONTACT_STATUS_PROSPECT);

  return self;
}

#define STRING(name, FIELD) \
  KONTOR_RECORD_STRING_ACCESSORS (KontorContact, kontor_contact, name, KONTOR_CONTACT_FIELD_##FIELD)
#define ENUM(name, FIELD, EnumType) \
  KONTOR_RECORD_ENUM_ACCESSORS (KontorContact, kontor_contact, name, \
                                KONTOR_CONTACT_FIELD_##FIELD, EnumType)
#define REFS(name, FIELD) \
  KONTOR_RECORD_REFS_ACCESSORS (KontorContact, kontor_contact, name, KONTOR_CONTACT_FIELD_##FIELD)
#define CHANNELS(name, FIELD) \
  KONTOR_RECORD_CHANNELS_ACCESSORS (KontorContact, kontor_contact, name, \
                                    KONTOR_CONTACT_FIELD_##FIELD)

STRING (title, TITLE)
STRING (first_name, FIRST_NAME)
STRING (last_name, LAST_NAME)
STRING (job_title, JOB_TITLE)
STRING (company_id, COMPANY_ID)
STRING (company_name, COMPANY_NAME)
STRING (street, STREET)
STRING (postal_code, POSTAL_CODE)
STRING (city, CITY)
STRING (country, COUNTRY)
STRING (notes, NOTES)
STRING (birthday, BIRTHDAY)
STRING (pipeline_status_id, PIPELINE_STATUS_ID)
STRING (pipeline_status_name, PIPELINE_STATUS_NAME)
STRING (customer_number, CUSTOMER_NUMBER)
STRING (assigned_team_id, ASSIGNED_TEAM_ID)
STRING (rank, RANK)
STRING (due_date, DUE_DATE)
ENUM (salutation, SALUTATION, KontorSalutation)
ENUM (language, LANGUAGE, KontorLanguage)
ENUM (status, STATUS, KontorContactStatus)
ENUM (previous_status, PREVIOUS_STATUS, KontorContactStatus)
REFS (sales_reps, SALES_REPS)
REFS (assignees, ASSIGNEES)
CHANNELS (emails, EMAILS)
CHANNELS (phones, PHONES)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorContact, kontor_contact,
                                 is_lead, KONTOR_CONTACT_FIELD_IS_LEAD)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorContact, kontor_contact,
                                 is_new, KONTOR_CONTACT_FIELD_IS_NEW)
KONTOR_RECORD_INT64_ACCESSORS (KontorContact, kontor_contact,
                               last_activity_at, KONTOR_CONTACT_FIELD_LAST_ACTIVITY_AT)
KONTOR_RECORD_INT64_ACCESSORS (KontorContact, kontor_contact,
                               pipeline_entered_at, KONTOR_CONTACT_FIELD_PIPELINE_ENTERED_AT)
KONTOR_RECORD_INT64_ACCESSORS (KontorContact, kontor_contact,
                               keep_in_touch_days, KONTOR_CONTACT_FIELD_KEEP_IN_TOUCH_DAYS)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorContact, kontor_contact,
                                 marketing_objection, KONTOR_CONTACT_FIELD_MARKETING_OBJECTION)

#undef STRING
#undef ENUM
#undef REFS
#undef CHANNELS

static void
add_channel (KontorContact *self,
             guint          index,
             const char    *label,
             const char    *value)
{
  g_autoptr(GPtrArray) channels =
    kontor_channel_array_copy (kontor_record_get_channels (KONTOR_RECORD (self), index));

  g_ptr_array_add (channels, kontor_channel_new (label, value));
  kontor_record_set_channels (KONTOR_RECORD (self), index, channels);
}

void
kontor_contact_add_email (KontorContact *self,
                          const char    *label,
                          const char    *address)
{
  g_return_if_fail (KONTOR_IS_CONTACT (self));
  g_return_if_fail (address != NULL);

  add_channel (self, KONTOR_CONTACT_FIELD_EMAILS, label, address);
}

void
kontor_contact_add_phone (KontorContact *self,
                          const char    *label,
                          const char    *number)
{
  g_return_if_fail (KONTOR_IS_CONTACT (self));
  g_return_if_fail (number != NULL);

  add_channel (self, KONTOR_CONTACT_FIELD_PHONES, label, number);
}

/**
 * kontor_contact_get_primary_email:
 * @self: a contact
 *
 * Returns: (nullable): the first e-mail address
 */
const char *
kontor_contact_get_primary_email (KontorContact *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (self), NULL);

  return first_channel_value (kontor_contact_get_emails (self));
}

/**
 * kontor_contact_get_primary_phone:
 * @self: a contact
 *
 * Returns: (nullable): the first phone number
 */
const char *
kontor_contact_get_primary_phone (KontorContact *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (self), NULL);

  return first_channel_value (kontor_contact_get_phones (self));
}

/**
 * kontor_contact_get_stale_since:
 * @self: a contact
 *
 * Returns: when something last happened to the contact on the board, in
 *   Unix seconds: its last activity or its arrival in its column, the
 *   later of the two
 */
gint64
kontor_contact_get_stale_since (KontorContact *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (self), 0);

  return MAX (kontor_contact_get_last_activity_at (self),
              kontor_contact_get_pipeline_entered_at (self));
}

/**
 * kontor_contact_stale_before:
 * @stale_days: a column's limit (kontor_pipeline_status_get_stale_days()),
 *   0 for none
 * @now: the time, in Unix seconds
 *
 * Returns: the time (Unix seconds) before which a card of the column is
 *   stale when nothing happened since (kontor_contact_get_stale_since()),
 *   or 0 when the column marks none
 */
gint64
kontor_contact_stale_before (gint64 stale_days,
                             gint64 now)
{
  return stale_days > 0 ? now - stale_days * 86400 : 0;
}

/**
 * kontor_contact_is_stale:
 * @self: a contact
 * @stale_days: its column's limit (kontor_pipeline_status_get_stale_days()),
 *   0 for none
 * @now: the time, in Unix seconds
 *
 * A card is stale after @stale_days without a completed activity in its
 * column (feature X7, src/README.md). kontor_store_count_board_alerts() counts the same.
 *
 * Returns: %TRUE when stale
 */
gboolean
kontor_contact_is_stale (KontorContact *self,
                         gint64         stale_days,
                         gint64         now)
{
  gint64 before = kontor_contact_stale_before (stale_days, now);

  g_return_val_if_fail (KONTOR_IS_CONTACT (self), FALSE);

  return before != 0 && kontor_contact_get_stale_since (self) < before;
}

/**
 * kontor_contact_allows_marketing:
 * @self: a contact
 *
 * Whether @self may be the target of a marketing action: an export for a
 * mailing or a mail merge (feature X11, src/README.md "Data protection").
 * A person who objects to marketing ("Werbewiderspruch") may not; every
 * marketing action asks this and nothing else.
 *
 * Returns: %FALSE when the person objects to marketing
 */
gboolean
kontor_contact_allows_marketing (KontorContact *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (self), FALSE);

  return !kontor_contact_get_marketing_objection (self);
}

/**
 * kontor_contact_has_person_name:
 * @self: a contact
 *
 * Returns: %TRUE when a first or last name is set
 */
gboolean
kontor_contact_has_person_name (KontorContact *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT (self), FALSE);

  return kontor_contact_get_first_name (self) != NULL ||
         kontor_contact_get_last_name (self) != NULL;
}

/**
 * kontor_contact_status_to_string:
 * @status: a status
 *
 * Returns: the translated name of @status
 */
const char *
kontor_contact_status_to_string (KontorContactStatus status)
{
  switch (status)
    {
    case KONTOR_CONTACT_STATUS_INBOX:
      return C_("contact status", "Inbox");
    case KONTOR_CONTACT_STATUS_PROSPECT:
      return C_("contact status", "Prospect");
    case KONTOR_CONTACT_STATUS_CUSTOMER:
      return C_("contact status", "Customer");
    case KONTOR_CONTACT_STATUS_ARCHIVED:
      return C_("contact status", "Archived");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * kontor_contact_status_to_nick:
 * @status: a status
 *
 * Returns: the untranslated name used in sync and the command line
 */
const char *
kontor_contact_status_to_nick (KontorContactStatus status)
{
  GEnumClass *klass = g_type_class_ref (KONTOR_TYPE_CONTACT_STATUS);
  GEnumValue *value = g_enum_get_value (klass, status);

  g_type_class_unref (klass);

  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

/**
 * kontor_contact_status_is_restricted:
 * @status: a status
 *
 * Inbox and Archived contacts are restricted (feature C4, src/README.md): no new
 * activities, no lead projects, not on the pipeline board.
 *
 * Returns: %TRUE when @status restricts a contact
 */
gboolean
kontor_contact_status_is_restricted (KontorContactStatus status)
{
  return status == KONTOR_CONTACT_STATUS_INBOX || status == KONTOR_CONTACT_STATUS_ARCHIVED;
}

const char *
kontor_salutation_to_string (KontorSalutation salutation)
{
  switch (salutation)
    {
    case KONTOR_SALUTATION_NONE:
      return C_("salutation", "None");
    case KONTOR_SALUTATION_MR:
      return C_("salutation", "Mr");
    case KONTOR_SALUTATION_MS:
      return C_("salutation", "Ms");
    case KONTOR_SALUTATION_MX:
      return C_("salutation", "Mx");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
kontor_language_to_string (KontorLanguage language)
{
  switch (language)
    {
    case KONTOR_LANGUAGE_DE:
      return _("German");
    case KONTOR_LANGUAGE_EN:
      return _("English");
    case KONTOR_LANGUAGE_FR:
      return _("French");
    case KONTOR_LANGUAGE_IT:
      return _("Italian");
    default:
      g_return_val_if_reached ("");
    }
}
