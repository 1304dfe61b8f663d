/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-enums.h"
#include "kontor-record.h"

G_BEGIN_DECLS

typedef enum
{
  KONTOR_ACTIVITY_FIELD_KIND,
  KONTOR_ACTIVITY_FIELD_TOPIC,
  KONTOR_ACTIVITY_FIELD_CONTACT_ID,
  KONTOR_ACTIVITY_FIELD_COMPANY_ID,
  KONTOR_ACTIVITY_FIELD_SUBJECT,
  KONTOR_ACTIVITY_FIELD_NOTES,
  KONTOR_ACTIVITY_FIELD_STARTS_AT,
  KONTOR_ACTIVITY_FIELD_ENDS_AT,
  KONTOR_ACTIVITY_FIELD_LOCATION,
  KONTOR_ACTIVITY_FIELD_DUE_ON,
  KONTOR_ACTIVITY_FIELD_REMIND_AT,
  KONTOR_ACTIVITY_FIELD_DONE,
  KONTOR_ACTIVITY_FIELD_DONE_AT,
  KONTOR_ACTIVITY_FIELD_AUTOMATIC,
  KONTOR_ACTIVITY_FIELD_CREATED_BY,
  KONTOR_ACTIVITY_FIELD_PARTICIPANT_CONTACTS,
  KONTOR_ACTIVITY_FIELD_PARTICIPANT_USERS,
  KONTOR_ACTIVITY_FIELD_ATTACHMENTS,
  KONTOR_ACTIVITY_FIELD_LINKS,
  KONTOR_ACTIVITY_FIELD_HAPPENED_AT,
  KONTOR_ACTIVITY_FIELD_LEAD_ENTRY_ID,
  KONTOR_ACTIVITY_N_FIELDS
} KontorActivityField;

/**
 * KontorSnooze:
 * @KONTOR_SNOOZE_HOUR: an hour later
 * @KONTOR_SNOOZE_DAY: the same time of day tomorrow, in the user's zone
 *
 * How long a reminder is put off (feature X9).
 */
typedef enum
{
  KONTOR_SNOOZE_HOUR,
  KONTOR_SNOOZE_DAY,
} KontorSnooze;

/* at most this many files and links on one activity (features A5) */
#define KONTOR_ACTIVITY_MAX_ATTACHMENTS 3
#define KONTOR_ACTIVITY_MAX_LINKS 3
/* a file larger than this is attached only after the user agreed */
#define KONTOR_ATTACHMENT_LARGE_SIZE (25 * 1000 * 1000)
/* no file larger than this is attached at all: the team server's default
 * --max-blob (src/server/kontor-server-http.h), so that a file a client
 * keeps is one the server takes */
#define KONTOR_ATTACHMENT_MAX_SIZE (50 * 1024 * 1024)

/**
 * KontorAttachment:
 * @sha256: the file's SHA-256, 64 lower-case hex digits, its name where
 *   it is kept (kontor-store-blobs.c)
 * @name: the file's name as attached, without a folder
 * @size: its size in bytes
 * @content_type: its content type ("application/pdf"), may be %NULL
 *
 * A file attached to an activity, an element of its `attachments`.
 */
typedef struct
{
  char   *sha256;
  char   *name;
  gint64  size;
  char   *content_type;
} KontorAttachment;

#define KONTOR_TYPE_ATTACHMENT (kontor_attachment_get_type ())

GType             kontor_attachment_get_type (void) G_GNUC_CONST;
gboolean          kontor_attachment_hash_is_valid (const char        *sha256);
char            **kontor_attachments_find_hashes (const char       *text);
gboolean          kontor_attachment_check_size (const char           *name,
                                                gint64                  size,
                                                GError                **error);
KontorAttachment *kontor_attachment_new      (const char             *sha256,
                                              const char             *name,
                                              gint64                  size,
                                              const char             *content_type);
KontorAttachment *kontor_attachment_copy     (const KontorAttachment *self);
void              kontor_attachment_free     (KontorAttachment       *self);
GPtrArray        *kontor_attachments_parse   (const char             *json,
                                              GError                **error);
char             *kontor_attachments_serialize (GPtrArray            *attachments);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorAttachment, kontor_attachment_free)

#define KONTOR_TYPE_ACTIVITY (kontor_activity_get_type ())

G_DECLARE_FINAL_TYPE (KontorActivity, kontor_activity, KONTOR, ACTIVITY, KontorRecord)

KontorActivity     *kontor_activity_new             (KontorActivityKind  kind,
                                                     KontorRecord       *owner);
KontorActivity     *kontor_activity_new_follow_up   (KontorLeadEntry    *entry,
                                                     const char         *due_on,
                                                     const char         *note);
const char         *kontor_activity_get_lead_entry_id (KontorActivity   *self);
void                kontor_activity_set_lead_entry_id (KontorActivity   *self,
                                                       const char       *entry_id);

KontorActivityKind  kontor_activity_get_kind        (KontorActivity     *self);
void                kontor_activity_set_kind        (KontorActivity     *self,
                                                     KontorActivityKind  kind);
KontorActivityTopic kontor_activity_get_topic       (KontorActivity     *self);
void                kontor_activity_set_topic       (KontorActivity     *self,
                                                     KontorActivityTopic topic);
const char         *kontor_activity_get_contact_id  (KontorActivity     *self);
void                kontor_activity_set_contact_id  (KontorActivity     *self,
                                                     const char         *contact_id);
const char         *kontor_activity_get_company_id  (KontorActivity     *self);
void                kontor_activity_set_company_id  (KontorActivity     *self,
                                                     const char         *company_id);
const char         *kontor_activity_get_subject     (KontorActivity     *self);
void                kontor_activity_set_subject     (KontorActivity     *self,
                                                     const char         *subject);
const char         *kontor_activity_get_notes       (KontorActivity     *self);
void                kontor_activity_set_notes       (KontorActivity     *self,
                                                     const char         *notes);
gint64              kontor_activity_get_starts_at   (KontorActivity     *self);
void                kontor_activity_set_starts_at   (KontorActivity     *self,
                                                     gint64              starts_at);
gint64              kontor_activity_get_ends_at     (KontorActivity     *self);
void                kontor_activity_set_ends_at     (KontorActivity     *self,
                                                     gint64              ends_at);
const char         *kontor_activity_get_location    (KontorActivity     *self);
void                kontor_activity_set_location    (KontorActivity     *self,
                                                     const char         *location);
const char         *kontor_activity_get_due_on      (KontorActivity     *self);
void                kontor_activity_set_due_on      (KontorActivity     *self,
                                                     const char         *date);
gint64              kontor_activity_get_remind_at   (KontorActivity     *self);
void                kontor_activity_set_remind_at   (KontorActivity     *self,
                                                     gint64              remind_at);
gboolean            kontor_activity_get_done        (KontorActivity     *self);
void                kontor_activity_set_done        (KontorActivity     *self,
                                                     gboolean            done);
gint64              kontor_activity_get_done_at     (KontorActivity     *self);
void                kontor_activity_set_done_at     (KontorActivity     *self,
                                                     gint64              done_at);
gboolean            kontor_activity_get_automatic   (KontorActivity     *self);
void                kontor_activity_set_automatic   (KontorActivity     *self,
                                                     gboolean            automatic);
const char         *kontor_activity_get_created_by  (KontorActivity     *self);
void                kontor_activity_set_created_by  (KontorActivity     *self,
                                                     const char         *user_id);
const char         *kontor_activity_get_participant_contacts (KontorActivity *self);
void                kontor_activity_set_participant_contacts (KontorActivity *self,
                                                              const char     *json);
const char         *kontor_activity_get_participant_users (KontorActivity *self);
void                kontor_activity_set_participant_users (KontorActivity *self,
                                                           const char     *json);
const char         *kontor_activity_get_attachments (KontorActivity     *self);
void                kontor_activity_set_attachments (KontorActivity     *self,
                                                     const char         *json);
const char         *kontor_activity_get_links       (KontorActivity     *self);
void                kontor_activity_set_links       (KontorActivity     *self,
                                                     const char         *json);
gint64              kontor_activity_get_happened_at (KontorActivity     *self);

GPtrArray          *kontor_activity_dup_attachments (KontorActivity     *self);
void                kontor_activity_set_attachment_list (KontorActivity *self,
                                                         GPtrArray      *attachments);
char              **kontor_activity_dup_participant_contact_ids (KontorActivity *self);
void                kontor_activity_set_participant_contact_ids (KontorActivity     *self,
                                                                 const char * const *ids);
char              **kontor_activity_dup_participant_user_ids (KontorActivity *self);
void                kontor_activity_set_participant_user_ids (KontorActivity     *self,
                                                              const char * const *ids);
char              **kontor_activity_dup_link_list   (KontorActivity     *self);
void                kontor_activity_set_link_list   (KontorActivity     *self,
                                                     const char * const *links);
gboolean            kontor_activity_check_add_attachment (KontorActivity *self,
                                                          const char     *sha256,
                                                          GError        **error);
gboolean            kontor_activity_check_add_link  (KontorActivity     *self,
                                                     const char         *uri,
                                                     GError            **error);
gboolean            kontor_activity_check_link      (const char         *uri,
                                                     GError            **error);

void                kontor_activity_complete        (KontorActivity     *self,
                                                     gboolean            done,
                                                     gint64              now);
KontorActivityPlace kontor_activity_get_place       (KontorActivity     *self);
gint64              kontor_activity_snooze_time     (gint64              now,
                                                     KontorSnooze        snooze,
                                                     GTimeZone          *zone);

const char         *kontor_activity_kind_to_string  (KontorActivityKind  kind);
const char         *kontor_activity_kind_icon_name  (KontorActivityKind  kind);
const char         *kontor_activity_topic_to_string (KontorActivityTopic topic);
const KontorActivityTopic *
                    kontor_activity_topics_for_place (KontorActivityPlace place,
                                                      guint              *n_topics);
gboolean            kontor_activity_kind_has_location (KontorActivityKind kind);

gboolean            kontor_activity_check_topic     (KontorActivityPlace  place,
                                                     KontorActivityTopic  topic,
                                                     GError             **error);
gboolean            kontor_activity_check_edit      (KontorActivity      *stored,
                                                     GError             **error);
gboolean            kontor_activity_check_delete    (KontorActivity      *stored,
                                                     const char          *user_id,
                                                     GError             **error);

G_END_DECLS
