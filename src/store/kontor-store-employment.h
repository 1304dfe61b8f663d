/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-employment.c: former employments. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

extern KontorEntityInfo _kontor_store_employment_entity;

gboolean _kontor_store_forget_employments (KontorStore   *self,
                                           KontorRecord  *record,
                                           GError       **error);
/* in kontor-company-change.c */
gboolean _kontor_store_save_former_employment (KontorStore  *store,
                                               const char   *contact_id,
                                               const char   *company_id,
                                               const char   *job_title,
                                               char        **employment_id,
                                               GError      **error);

G_END_DECLS
