/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The values of these enums are stored in SQLite; never renumber them.
 * Sync carries their nicks ("prospect"), never the numbers. */

/**
 * KontorContactStatus:
 * @KONTOR_CONTACT_STATUS_INBOX: imported or otherwise unchecked ("Eingang"); restricted
 * @KONTOR_CONTACT_STATUS_PROSPECT: a potential customer ("Interessent")
 * @KONTOR_CONTACT_STATUS_CUSTOMER: an active customer ("Kunde")
 * @KONTOR_CONTACT_STATUS_ARCHIVED: removed from the active base, data kept ("Archiv"); restricted
 */
typedef enum
{
  KONTOR_CONTACT_STATUS_INBOX = 0,
  KONTOR_CONTACT_STATUS_PROSPECT = 1,
  KONTOR_CONTACT_STATUS_CUSTOMER = 2,
  KONTOR_CONTACT_STATUS_ARCHIVED = 3,
} KontorContactStatus;

typedef enum
{
  KONTOR_SALUTATION_NONE = 0,
  KONTOR_SALUTATION_MR = 1,
  KONTOR_SALUTATION_MS = 2,
  KONTOR_SALUTATION_MX = 3,
} KontorSalutation;

typedef enum
{
  KONTOR_LANGUAGE_DE = 0,
  KONTOR_LANGUAGE_EN = 1,
  KONTOR_LANGUAGE_FR = 2,
  KONTOR_LANGUAGE_IT = 3,
} KontorLanguage;

typedef enum
{
  KONTOR_USER_ROLE_ADMIN = 0,
  KONTOR_USER_ROLE_SALES = 1,
  KONTOR_USER_ROLE_ASSISTANT = 2,
  KONTOR_USER_ROLE_VIEWER = 3,
} KontorUserRole;

/* What a write does to a record, for the role rules (kontor_user_role_check()) */
typedef enum
{
  KONTOR_ACCESS_CREATE = 0,
  KONTOR_ACCESS_EDIT = 1,
  KONTOR_ACCESS_DELETE = 2,
} KontorAccess;

typedef enum
{
  KONTOR_CHANNEL_KIND_EMAIL = 0,
  KONTOR_CHANNEL_KIND_PHONE = 1,
} KontorChannelKind;

/* Links between a record and users, stored as rows of their own so that two
 * machines adding different sales reps merge as two inserts (src/README.md "Records and ids"). */
typedef enum
{
  KONTOR_LINK_KIND_SALES_REP = 0,
  KONTOR_LINK_KIND_ASSIGNEE = 1,
  KONTOR_LINK_KIND_TEAM = 2,
} KontorLinkKind;

/**
 * KontorSortColumn:
 *
 * What a list of contacts is sorted by. The nicks ("last-activity") are the
 * table's column ids and are kept in GSettings. %KONTOR_SORT_LEAD_RANK is a
 * lead project board's column order (the entries' ranks in the filter's
 * lead status or project), never a table column; without a lead project
 * or status in the filter it sorts by name.
 */
typedef enum
{
  KONTOR_SORT_NAME = 0,
  KONTOR_SORT_COMPANY,
  KONTOR_SORT_STATUS,
  KONTOR_SORT_PIPELINE_STATUS,
  KONTOR_SORT_EMAIL,
  KONTOR_SORT_PHONE,
  KONTOR_SORT_CUSTOMER_NUMBER,
  KONTOR_SORT_LAST_ACTIVITY,
  KONTOR_SORT_CREATED,
  KONTOR_SORT_RANK,
  KONTOR_SORT_DUE_DATE,
  KONTOR_SORT_LEAD_RANK,
} KontorSortColumn;

/**
 * KontorStatusChange:
 * @KONTOR_STATUS_CHANGE_NONE: nothing changes
 * @KONTOR_STATUS_CHANGE_ALLOWED: may be done at once
 * @KONTOR_STATUS_CHANGE_CONFIRM: ask the user first (Prospect → Customer)
 */
typedef enum
{
  KONTOR_STATUS_CHANGE_NONE,
  KONTOR_STATUS_CHANGE_ALLOWED,
  KONTOR_STATUS_CHANGE_CONFIRM,
} KontorStatusChange;

/**
 * KontorActivityKind:
 *
 * What an activity is (feature A1, src/README.md "Activities"). Only a task
 * has a due date, a reminder and is done by ticking it off; a lunch and a
 * meeting have a place; a meeting has an end.
 */
typedef enum
{
  KONTOR_ACTIVITY_KIND_TASK = 0,
  KONTOR_ACTIVITY_KIND_EMAIL = 1,
  KONTOR_ACTIVITY_KIND_LUNCH = 2,
  KONTOR_ACTIVITY_KIND_MEETING = 3,
  KONTOR_ACTIVITY_KIND_CALL = 4,
  KONTOR_ACTIVITY_KIND_VIDEO_CALL = 5,
  KONTOR_ACTIVITY_KIND_NOTE = 6,
} KontorActivityKind;

#define KONTOR_ACTIVITY_N_KINDS 7

/**
 * KontorActivityTopic:
 *
 * The topic ("Thema") every activity has (feature A3). Which ones may be
 * chosen depends on where the activity is recorded
 * (kontor_activity_topics_for_place()).
 */
typedef enum
{
  KONTOR_ACTIVITY_TOPIC_ACQUISITION = 0,
  KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE = 1,
  KONTOR_ACTIVITY_TOPIC_NEGOTIATION = 2,
  KONTOR_ACTIVITY_TOPIC_OTHER = 3,
  KONTOR_ACTIVITY_TOPIC_QUALIFICATION = 4,
  KONTOR_ACTIVITY_TOPIC_OFFER = 5,
  KONTOR_ACTIVITY_TOPIC_COMMITMENT = 6,
  KONTOR_ACTIVITY_TOPIC_REJECTION = 7,
} KontorActivityTopic;

/**
 * KontorActivityPlace:
 * @KONTOR_ACTIVITY_PLACE_CUSTOMER: on a contact or a company
 * @KONTOR_ACTIVITY_PLACE_LEAD_PROJECT: on a lead project's entry
 *
 * Where an activity is recorded, which decides its topics (feature A3).
 */
typedef enum
{
  KONTOR_ACTIVITY_PLACE_CUSTOMER = 0,
  KONTOR_ACTIVITY_PLACE_LEAD_PROJECT = 1,
} KontorActivityPlace;

/**
 * KontorLeadStatusRole:
 * @KONTOR_LEAD_STATUS_ROLE_NORMAL: a status the project's users made
 * @KONTOR_LEAD_STATUS_ROLE_FIRST: the system status every entry starts in ("Neu"); always first
 * @KONTOR_LEAD_STATUS_ROLE_WON: the system status of a won lead ("Gewonnen"); at the end
 * @KONTOR_LEAD_STATUS_ROLE_LOST: the system status of a lost lead ("Verloren"); at the end
 *
 * What a status of a lead project's own list is (feature D2,
 * src/README.md "Lead projects"). Fixed when the status is made.
 */
typedef enum
{
  KONTOR_LEAD_STATUS_ROLE_NORMAL = 0,
  KONTOR_LEAD_STATUS_ROLE_FIRST = 1,
  KONTOR_LEAD_STATUS_ROLE_WON = 2,
  KONTOR_LEAD_STATUS_ROLE_LOST = 3,
} KontorLeadStatusRole;

/**
 * KontorLeadJoin:
 * @KONTOR_LEAD_JOIN_HAND: added by hand ("Zum Leadmanager hinzufügen")
 * @KONTOR_LEAD_JOIN_GROUP: joined through the project's linked group
 *
 * How a contact became an entry of a lead project (feature D3).
 */
typedef enum
{
  KONTOR_LEAD_JOIN_HAND = 0,
  KONTOR_LEAD_JOIN_GROUP = 1,
} KontorLeadJoin;

G_END_DECLS
