/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-import-source.h"
#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

/* KontorImport: contacts from a file into the store (features I1–I3, I5,
 * X2, src/README.md "Import"). First it plans, reading the whole source
 * on a worker without writing: the rows it can read, those it cannot
 * (line and reason), the duplicates within the file and against the
 * stored contacts, each with an action the user may change. Then it runs
 * as one store job, one transaction on the worker with progress and
 * Cancel: a cancelled or failed import leaves nothing. Imported contacts
 * arrive in the Inbox, their companies matched by name
 * (kontor_company_match_key()) or made. What it did is one operation,
 * already applied, that undoes every creation and update at once. */

/* What to do with a row matching a stored contact, for the whole file */
typedef enum
{
  KONTOR_IMPORT_MODE_CREATE,   /* import it anyway, as a new contact */
  KONTOR_IMPORT_MODE_UPDATE,   /* write the row's values over the stored ones */
  KONTOR_IMPORT_MODE_SKIP,     /* leave the stored contact, drop the row */
} KontorImportMode;

/* Which values make two contacts the same */
typedef enum
{
  KONTOR_IMPORT_MATCH_ANY,             /* e-mail, phone, or name and company */
  KONTOR_IMPORT_MATCH_EMAIL,
  KONTOR_IMPORT_MATCH_PHONE,
  KONTOR_IMPORT_MATCH_CUSTOMER_NUMBER,
} KontorImportMatch;

/* What is done with one duplicate */
typedef enum
{
  KONTOR_IMPORT_ACTION_CREATE,   /* a new contact beside the other */
  KONTOR_IMPORT_ACTION_MERGE,    /* fill what the other lacks, add channels */
  KONTOR_IMPORT_ACTION_UPDATE,   /* the row's values over the other's */
  KONTOR_IMPORT_ACTION_SKIP,     /* drop the row */
} KontorImportAction;

/* Why two contacts are taken for one */
typedef enum
{
  KONTOR_IMPORT_REASON_EMAIL,
  KONTOR_IMPORT_REASON_PHONE,
  KONTOR_IMPORT_REASON_NAME_COMPANY,
  KONTOR_IMPORT_REASON_CUSTOMER_NUMBER,
} KontorImportReason;

/* One duplicate found by the plan: a row of the file and the stored
 * contact (or the earlier row) it matches */
#define KONTOR_TYPE_IMPORT_DUPLICATE (kontor_import_duplicate_get_type ())

G_DECLARE_FINAL_TYPE (KontorImportDuplicate, kontor_import_duplicate, KONTOR, IMPORT_DUPLICATE, GObject)

guint               kontor_import_duplicate_get_line        (KontorImportDuplicate *self);
KontorContact      *kontor_import_duplicate_get_contact     (KontorImportDuplicate *self);
guint               kontor_import_duplicate_get_other_line  (KontorImportDuplicate *self);
const char         *kontor_import_duplicate_get_other_id    (KontorImportDuplicate *self);
const char         *kontor_import_duplicate_get_other_name  (KontorImportDuplicate *self);
KontorImportReason  kontor_import_duplicate_get_reason      (KontorImportDuplicate *self);
const char         *kontor_import_duplicate_get_second_id   (KontorImportDuplicate *self);
const char         *kontor_import_duplicate_get_second_name (KontorImportDuplicate *self);
KontorImportReason  kontor_import_duplicate_get_second_reason (KontorImportDuplicate *self);
const char         *kontor_import_reason_to_string          (KontorImportReason     reason);
KontorImportAction  kontor_import_duplicate_get_action      (KontorImportDuplicate *self);
void                kontor_import_duplicate_set_action      (KontorImportDuplicate *self,
                                                             KontorImportAction     action);

/* One row that cannot be imported */
#define KONTOR_TYPE_IMPORT_FAILURE (kontor_import_failure_get_type ())

G_DECLARE_FINAL_TYPE (KontorImportFailure, kontor_import_failure, KONTOR, IMPORT_FAILURE, GObject)

guint               kontor_import_failure_get_line          (KontorImportFailure   *self);
const char         *kontor_import_failure_get_reason        (KontorImportFailure   *self);

/* A company name of the file taken for a company of another name, by the
 * name without the legal form (kontor_company_match_key()) */
#define KONTOR_TYPE_IMPORT_COMPANY_MATCH (kontor_import_company_match_get_type ())

G_DECLARE_FINAL_TYPE (KontorImportCompanyMatch, kontor_import_company_match, KONTOR, IMPORT_COMPANY_MATCH, GObject)

guint               kontor_import_company_match_get_line         (KontorImportCompanyMatch *self);
const char         *kontor_import_company_match_get_name         (KontorImportCompanyMatch *self);
const char         *kontor_import_company_match_get_company_name (KontorImportCompanyMatch *self);

#define KONTOR_TYPE_IMPORT (kontor_import_get_type ())

G_DECLARE_FINAL_TYPE (KontorImport, kontor_import, KONTOR, IMPORT, GObject)

KontorImport       *kontor_import_new                (KontorStore          *store,
                                                      KontorImportSource   *source);
KontorImportSource *kontor_import_get_source         (KontorImport         *self);
KontorImportMode    kontor_import_get_mode           (KontorImport         *self);
void                kontor_import_set_mode           (KontorImport         *self,
                                                      KontorImportMode      mode);
KontorImportMatch   kontor_import_get_match          (KontorImport         *self);
void                kontor_import_set_match          (KontorImport         *self,
                                                      KontorImportMatch     match);

/* progress of the plan or the run, on the main thread (notify) */
double              kontor_import_get_progress       (KontorImport         *self);
guint               kontor_import_get_n_done         (KontorImport         *self);

void                kontor_import_plan_async         (KontorImport         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            kontor_import_plan_finish        (KontorImport         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
gboolean            kontor_import_plan               (KontorImport         *self,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
guint               kontor_import_get_n_rows         (KontorImport         *self);
GListModel         *kontor_import_get_duplicates     (KontorImport         *self);
GListModel         *kontor_import_get_failures       (KontorImport         *self);
GListModel         *kontor_import_get_company_matches (KontorImport        *self);

void                kontor_import_run_async          (KontorImport         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
KontorOperation    *kontor_import_run_finish         (KontorImport         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
KontorOperation    *kontor_import_run                (KontorImport         *self,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
guint               kontor_import_get_n_created      (KontorImport         *self);
guint               kontor_import_get_n_updated      (KontorImport         *self);
guint               kontor_import_get_n_skipped      (KontorImport         *self);

gboolean            kontor_import_write_failures     (KontorImport         *self,
                                                      GOutputStream        *stream,
                                                      GError              **error);

G_END_DECLS
