/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-operation.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_RECORD_WRITE (kontor_record_write_get_type ())

G_DECLARE_FINAL_TYPE (KontorRecordWrite, kontor_record_write,
                      KONTOR, RECORD_WRITE, KontorOperation)

KontorRecordWrite *kontor_record_write_new_create (KontorStore       *store,
                                                   KontorRecord      *record,
                                                   const char        *title);
KontorRecordWrite *kontor_record_write_new_delete (KontorStore       *store,
                                                   KontorRecord      *record,
                                                   const char        *title);
KontorRecord      *kontor_record_write_get_record (KontorRecordWrite *self);

G_END_DECLS
