/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-contact.h"
#include "kontor-enums.h"
#include "kontor-record.h"

G_BEGIN_DECLS

/* The largest value of one entry, in cents: ten billion of the currency.
 * Sums of a column stay far inside 64 bits. */
#define KONTOR_LEAD_MAX_CENTS G_GINT64_CONSTANT (1000000000000)

typedef enum
{
  KONTOR_LEAD_ENTRY_FIELD_PROJECT_ID,
  KONTOR_LEAD_ENTRY_FIELD_CONTACT_ID,
  KONTOR_LEAD_ENTRY_FIELD_STATUS_ID,
  KONTOR_LEAD_ENTRY_FIELD_RANK,
  KONTOR_LEAD_ENTRY_FIELD_ASSIGNEE_ID,
  KONTOR_LEAD_ENTRY_FIELD_VALUE_CENTS,
  KONTOR_LEAD_ENTRY_FIELD_CURRENCY,
  KONTOR_LEAD_ENTRY_FIELD_PROBABILITY,
  KONTOR_LEAD_ENTRY_FIELD_CLOSE_ON,
  KONTOR_LEAD_ENTRY_FIELD_NOTES,
  KONTOR_LEAD_ENTRY_FIELD_LEFT_AT,
  KONTOR_LEAD_ENTRY_FIELD_JOINED_BY,
  KONTOR_LEAD_ENTRY_N_FIELDS
} KontorLeadEntryField;

#define KONTOR_TYPE_LEAD_ENTRY (kontor_lead_entry_get_type ())

G_DECLARE_FINAL_TYPE (KontorLeadEntry, kontor_lead_entry, KONTOR, LEAD_ENTRY, KontorRecord)

KontorLeadEntry *kontor_lead_entry_new              (const char       *project_id,
                                                     const char       *contact_id,
                                                     const char       *status_id);
gboolean         kontor_lead_entry_validate         (KontorLeadEntry  *self,
                                                     GError          **error);
gboolean         kontor_lead_entry_check_contact    (KontorContact    *contact,
                                                     GError          **error);
gboolean         kontor_lead_check_cents            (gint64            cents,
                                                     GError          **error);
gint64           kontor_lead_expected_cents         (gint64            cents,
                                                     gint64            probability);

const char      *kontor_lead_entry_get_project_id   (KontorLeadEntry  *self);
void             kontor_lead_entry_set_project_id   (KontorLeadEntry  *self,
                                                     const char       *project_id);
const char      *kontor_lead_entry_get_contact_id   (KontorLeadEntry  *self);
void             kontor_lead_entry_set_contact_id   (KontorLeadEntry  *self,
                                                     const char       *contact_id);
const char      *kontor_lead_entry_get_status_id    (KontorLeadEntry  *self);
void             kontor_lead_entry_set_status_id    (KontorLeadEntry  *self,
                                                     const char       *status_id);
const char      *kontor_lead_entry_get_rank         (KontorLeadEntry  *self);
void             kontor_lead_entry_set_rank         (KontorLeadEntry  *self,
                                                     const char       *rank);
const char      *kontor_lead_entry_get_assignee_id  (KontorLeadEntry  *self);
void             kontor_lead_entry_set_assignee_id  (KontorLeadEntry  *self,
                                                     const char       *user_id);
gint64           kontor_lead_entry_get_value_cents  (KontorLeadEntry  *self);
void             kontor_lead_entry_set_value_cents  (KontorLeadEntry  *self,
                                                     gint64            cents);
const char      *kontor_lead_entry_get_currency     (KontorLeadEntry  *self);
void             kontor_lead_entry_set_currency     (KontorLeadEntry  *self,
                                                     const char       *currency);
gint64           kontor_lead_entry_get_probability  (KontorLeadEntry  *self);
void             kontor_lead_entry_set_probability  (KontorLeadEntry  *self,
                                                     gint64            probability);
const char      *kontor_lead_entry_get_close_on     (KontorLeadEntry  *self);
void             kontor_lead_entry_set_close_on     (KontorLeadEntry  *self,
                                                     const char       *date);
const char      *kontor_lead_entry_get_notes        (KontorLeadEntry  *self);
void             kontor_lead_entry_set_notes        (KontorLeadEntry  *self,
                                                     const char       *notes);
gint64           kontor_lead_entry_get_left_at      (KontorLeadEntry  *self);
void             kontor_lead_entry_set_left_at      (KontorLeadEntry  *self,
                                                     gint64            left_at);
KontorLeadJoin   kontor_lead_entry_get_joined_by    (KontorLeadEntry  *self);
void             kontor_lead_entry_set_joined_by    (KontorLeadEntry  *self,
                                                     KontorLeadJoin    joined_by);

G_END_DECLS
