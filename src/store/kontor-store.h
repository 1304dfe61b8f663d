/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-activity.h"
#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-employment.h"
#include "kontor-error.h"
#include "kontor-filter.h"
#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-pipeline-status.h"
#include "kontor-record.h"
#include "kontor-team.h"
#include "kontor-user.h"

G_BEGIN_DECLS

#define KONTOR_STORE_SCHEMA_VERSION 26

/**
 * KontorYearFormat:
 * @KONTOR_YEAR_FORMAT_NONE: no year in the number
 * @KONTOR_YEAR_FORMAT_FULL: four digits, "2026"
 * @KONTOR_YEAR_FORMAT_SHORT: two digits, "26"
 */
typedef enum
{
  KONTOR_YEAR_FORMAT_NONE = 0,
  KONTOR_YEAR_FORMAT_FULL = 1,
  KONTOR_YEAR_FORMAT_SHORT = 2,
} KontorYearFormat;

/**
 * KontorNumberRange:
 * @prefix: text before the number ("K-")
 * @year_format: whether and how the year follows the prefix
 * @padding: digits of the running number, zero-padded
 * @next_value: the next running number to try
 *
 * A customer number range ("Nummernkreis", feature C5, src/README.md): prefix, year,
 * running number: "K-2026-00042".
 */
typedef struct
{
  char             *prefix;
  KontorYearFormat  year_format;
  guint             padding;
  gint64            next_value;
} KontorNumberRange;

void  kontor_number_range_clear  (KontorNumberRange *range);
char *kontor_number_range_format (const KontorNumberRange *range,
                                  gint64                   value,
                                  GDateTime               *when);

/**
 * KontorChange:
 * @op: "update", "delete" or "restore"
 * @field: (nullable): the field's column ("job_title"), %NULL for a whole
 *   record
 * @old_json: (nullable): the value before, as JSON
 * @new_json: (nullable): the value after, as JSON
 * @user_id: (nullable): who changed it
 * @at: when, Unix seconds
 *
 * One change of a record in its history (feature X8, src/README.md "The outbox as
 * history"); kontor_store_list_changes() gives them.
 */
typedef struct
{
  char   *op;
  char   *field;
  char   *old_json;
  char   *new_json;
  char   *user_id;
  gint64  at;
} KontorChange;

void kontor_change_free (KontorChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorChange, kontor_change_free)

#define KONTOR_TYPE_STORE (kontor_store_get_type ())

G_DECLARE_FINAL_TYPE (KontorStore, kontor_store, KONTOR, STORE, GObject)

char           *kontor_store_dup_default_path      (void);
KontorStore    *kontor_store_open                  (const char          *path,
                                                    GError             **error);
KontorStore    *kontor_store_open_connection       (const char          *path,
                                                    const char          *client_id,
                                                    const char          *user_id,
                                                    GError             **error);
gboolean        kontor_store_connection_take_purge (KontorStore         *connection);
void            kontor_store_catch_up              (KontorStore         *self,
                                                    const char * const  *entities,
                                                    gboolean             purge);
gboolean        kontor_store_check_other_writers   (KontorStore         *self,
                                                    GError             **error);
const char     *kontor_store_get_path              (KontorStore         *self);
const char     *kontor_store_get_client_id         (KontorStore         *self);
KontorUser     *kontor_store_get_current_user      (KontorStore         *self);
gboolean        kontor_store_set_current_user      (KontorStore         *self,
                                                    KontorUser          *user,
                                                    GError             **error);
gboolean        kontor_store_get_identity_chosen   (KontorStore         *self);
gboolean        kontor_store_choose_identity       (KontorStore         *self,
                                                    KontorUser          *user,
                                                    GError             **error);

gboolean        kontor_store_save                  (KontorStore         *self,
                                                    KontorRecord        *record,
                                                    GError             **error);
gboolean        kontor_store_save_all              (KontorStore         *self,
                                                    GPtrArray           *records,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
gboolean        kontor_store_delete                (KontorStore         *self,
                                                    KontorRecord        *record,
                                                    GError             **error);
gpointer        kontor_store_load                  (KontorStore         *self,
                                                    GType                type,
                                                    const char          *id,
                                                    GError             **error);
gpointer        kontor_store_load_by_rowid         (KontorStore         *self,
                                                    GType                type,
                                                    gint64               rowid,
                                                    GError             **error);
gboolean        kontor_store_query_rowids          (KontorStore         *self,
                                                    GType                type,
                                                    KontorFilter        *filter,
                                                    GArray              *rowids,
                                                    GError             **error);
gboolean        kontor_store_rowids_match          (KontorStore         *self,
                                                    KontorFilter        *filter,
                                                    GArray              *rowids,
                                                    GError             **error);
gboolean        kontor_store_count_board_alerts    (KontorStore         *self,
                                                    GArray              *rowids,
                                                    const char          *today,
                                                    gint64               stale_before,
                                                    guint               *n_overdue,
                                                    guint               *n_stale,
                                                    GError             **error);
gint64          kontor_store_count                 (KontorStore         *self,
                                                    GType                type,
                                                    GError             **error);
gint64          kontor_store_count_contacts        (KontorStore         *self,
                                                    KontorFilter        *filter,
                                                    GError             **error);

GPtrArray      *kontor_store_list_pipeline_statuses (KontorStore        *self,
                                                    GError             **error);
GPtrArray      *kontor_store_list_users            (KontorStore         *self,
                                                    GError             **error);
/**
 * KontorActivityListFlags:
 * @KONTOR_ACTIVITY_LIST_OWN: the record's own activities
 * @KONTOR_ACTIVITY_LIST_AFFILIATED: also those of a contact's company, or
 *   of a company's contacts ("Aktivitätszugehörigkeit", feature A6)
 * @KONTOR_ACTIVITY_LIST_OPEN_TASKS: only the tasks not done yet
 */
typedef enum
{
  KONTOR_ACTIVITY_LIST_OWN = 0,
  KONTOR_ACTIVITY_LIST_AFFILIATED = 1 << 0,
  KONTOR_ACTIVITY_LIST_OPEN_TASKS = 1 << 1,
} KontorActivityListFlags;

GPtrArray      *kontor_store_list_activities       (KontorStore         *self,
                                                    KontorRecord        *owner,
                                                    KontorActivityListFlags flags,
                                                    GError             **error);
GPtrArray      *kontor_store_list_timeline         (KontorStore         *self,
                                                    KontorRecord        *owner,
                                                    KontorActivityListFlags flags,
                                                    guint                kinds,
                                                    GError             **error);
GPtrArray      *kontor_store_list_timeline_with    (KontorStore         *self,
                                                    KontorRecord        *owner,
                                                    KontorActivityListFlags flags,
                                                    guint                kinds,
                                                    const char          *participant_id,
                                                    GError             **error);
GPtrArray      *kontor_store_find_participants     (KontorStore         *self,
                                                    const char          *text,
                                                    guint                limit,
                                                    GError             **error);
GPtrArray      *kontor_store_list_due_tasks        (KontorStore         *self,
                                                    const char          *until,
                                                    GError             **error);
GPtrArray      *kontor_store_list_keep_in_touch    (KontorStore         *self,
                                                    gint64               now,
                                                    const char          *user_id,
                                                    GError             **error);
GPtrArray      *kontor_store_list_due_contacts     (KontorStore         *self,
                                                    const char          *until,
                                                    GError             **error);
gboolean        kontor_store_count_done_activities (KontorStore         *self,
                                                    KontorContact       *contact,
                                                    guint               *counts,
                                                    GError             **error);
GPtrArray      *kontor_store_list_calendar_activities (KontorStore       *self,
                                                    KontorRecord        *owner,
                                                    KontorFilter        *filter,
                                                    GError             **error);
GHashTable     *kontor_store_dup_activity_owner_names (KontorStore       *self,
                                                    GPtrArray           *activities,
                                                    GError             **error);
GPtrArray      *kontor_store_list_employments      (KontorStore         *self,
                                                    KontorRecord        *owner,
                                                    GError             **error);
GPtrArray      *kontor_store_list_teams            (KontorStore         *self,
                                                    GError             **error);
GPtrArray      *kontor_store_list_groups           (KontorStore         *self,
                                                    GError             **error);
KontorGroupMember *kontor_store_find_group_member  (KontorStore         *self,
                                                    const char          *group_id,
                                                    const char          *contact_id,
                                                    GError             **error);
GPtrArray      *kontor_store_find_companies        (KontorStore         *self,
                                                    const char          *prefix,
                                                    guint                limit,
                                                    GError             **error);
KontorCompany  *kontor_store_find_company_by_name  (KontorStore         *self,
                                                    const char          *name,
                                                    GError             **error);
KontorContact  *kontor_store_find_contact_by_email (KontorStore        *self,
                                                    const char          *address,
                                                    GError             **error);
KontorContact  *kontor_store_find_contact_by_emails (KontorStore       *self,
                                                    const char * const  *addresses,
                                                    GError             **error);
KontorOperation *kontor_store_new_mail_write       (KontorStore         *self,
                                                    KontorActivity      *activity,
                                                    const char * const  *addresses,
                                                    GError             **error);

gboolean        kontor_store_get_number_range      (KontorStore         *self,
                                                    KontorNumberRange   *range,
                                                    GError             **error);
gboolean        kontor_store_set_number_range      (KontorStore         *self,
                                                    const KontorNumberRange *range,
                                                    GError             **error);
gboolean        kontor_store_get_number_range_of   (KontorStore         *self,
                                                    GType                type,
                                                    KontorNumberRange   *range,
                                                    GError             **error);
gboolean        kontor_store_set_number_range_of   (KontorStore         *self,
                                                    GType                type,
                                                    const KontorNumberRange *range,
                                                    GError             **error);
char           *kontor_store_assign_number         (KontorStore         *self,
                                                    KontorRecord        *record,
                                                    GError             **error);
char           *kontor_store_assign_customer_number (KontorStore        *self,
                                                    KontorContact       *contact,
                                                    GError             **error);

gboolean        kontor_store_get_keep_birthdays    (KontorStore         *self,
                                                    gboolean            *keep,
                                                    GError             **error);
gboolean        kontor_store_set_keep_birthdays    (KontorStore         *self,
                                                    gboolean             keep,
                                                    GError             **error);
gint64          kontor_store_count_birthdays       (KontorStore         *self,
                                                    GError             **error);

gint64          kontor_store_count_in_pipeline_status (KontorStore      *self,
                                                    const char          *status_id,
                                                    GError             **error);

GPtrArray      *kontor_store_list_changes          (KontorStore         *self,
                                                    const char          *id,
                                                    guint                limit,
                                                    GError             **error);
gint64          kontor_store_count_outbox          (KontorStore         *self,
                                                    GError             **error);
gboolean        kontor_store_purge                 (KontorStore         *self,
                                                    GError             **error);
gboolean        kontor_store_get_purging           (KontorStore         *self);

G_END_DECLS
