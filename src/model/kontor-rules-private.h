/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

/* The KontorRecordClass.validate of each record kind, kept beside the
 * other rules of the kind and set in its class_init. */
gboolean _kontor_contact_check         (KontorRecord  *record,
                                        KontorRecord  *old,
                                        GError       **error);
gboolean _kontor_pipeline_status_check (KontorRecord  *record,
                                        KontorRecord  *old,
                                        GError       **error);

G_END_DECLS
