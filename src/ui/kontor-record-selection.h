/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

#include "kontor-record-list.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_RECORD_SELECTION (kontor_record_selection_get_type ())

G_DECLARE_FINAL_TYPE (KontorRecordSelection, kontor_record_selection,
                      KONTOR, RECORD_SELECTION, GObject)

KontorRecordSelection *kontor_record_selection_new             (KontorRecordList      *list);
KontorRecordList      *kontor_record_selection_get_list        (KontorRecordSelection *self);
guint                  kontor_record_selection_get_n_selected  (KontorRecordSelection *self);
GArray                *kontor_record_selection_dup_rowids      (KontorRecordSelection *self);

G_END_DECLS
