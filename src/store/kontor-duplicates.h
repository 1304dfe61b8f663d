/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-store.h"

G_BEGIN_DECLS

/**
 * KontorDuplicateReason:
 * @KONTOR_DUPLICATE_REASON_EMAIL: an e-mail address in common (case folded)
 * @KONTOR_DUPLICATE_REASON_PHONE: a phone number in common (kontor_phone_normalize())
 * @KONTOR_DUPLICATE_REASON_NAME_COMPANY: the same name at the same company
 * @KONTOR_DUPLICATE_REASON_NAME: the same name (umlauts and case folded)
 * @KONTOR_DUPLICATE_REASON_CUSTOMER_NUMBER: companies: the same customer number
 * @KONTOR_DUPLICATE_REASON_DOMAIN: companies: the same website host or e-mail
 *   domain (not a mail provider's)
 * @KONTOR_DUPLICATE_REASON_COMPANY_NAME: companies: the same name
 *   (kontor_company_match_key(): umlauts and legal form folded)
 *
 * Why two contacts may be one person, or two companies one company; a
 * pair has one or more.
 */
typedef enum
{
  KONTOR_DUPLICATE_REASON_EMAIL = 1 << 0,
  KONTOR_DUPLICATE_REASON_PHONE = 1 << 1,
  KONTOR_DUPLICATE_REASON_NAME_COMPANY = 1 << 2,
  KONTOR_DUPLICATE_REASON_NAME = 1 << 3,
  KONTOR_DUPLICATE_REASON_CUSTOMER_NUMBER = 1 << 4,
  KONTOR_DUPLICATE_REASON_DOMAIN = 1 << 5,
  KONTOR_DUPLICATE_REASON_COMPANY_NAME = 1 << 6,
} KontorDuplicateReason;

#define KONTOR_TYPE_DUPLICATE_PAIR (kontor_duplicate_pair_get_type ())

G_DECLARE_FINAL_TYPE (KontorDuplicatePair, kontor_duplicate_pair, KONTOR, DUPLICATE_PAIR, GObject)

const char            *kontor_duplicate_pair_get_id        (KontorDuplicatePair *self,
                                                            guint                which);
const char            *kontor_duplicate_pair_get_name      (KontorDuplicatePair *self,
                                                            guint                which);
const char            *kontor_duplicate_pair_get_company   (KontorDuplicatePair *self,
                                                            guint                which);
GType                  kontor_duplicate_pair_get_record_type (KontorDuplicatePair *self);
KontorDuplicateReason  kontor_duplicate_pair_get_reasons   (KontorDuplicatePair *self);
guint                  kontor_duplicate_pair_get_score     (KontorDuplicatePair *self);
gboolean               kontor_duplicate_pair_involves      (KontorDuplicatePair *self,
                                                            const char          *id);

guint                  kontor_duplicate_reason_score       (KontorDuplicateReason reasons);

GPtrArray             *kontor_store_find_duplicates        (KontorStore         *self,
                                                            GCancellable        *cancellable,
                                                            GError             **error);
GPtrArray             *kontor_store_find_company_duplicates (KontorStore       *self,
                                                             GCancellable      *cancellable,
                                                             GError           **error);
char                  *kontor_duplicate_domain_key         (const char          *text);
void                   kontor_store_find_duplicates_async  (KontorStore         *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GListModel            *kontor_store_find_duplicates_finish (KontorStore         *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
