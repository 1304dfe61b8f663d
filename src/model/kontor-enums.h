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
 * table's column ids and are kept in GSettings.
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

G_END_DECLS
