/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-contact.h"
#include "kontor-filter.h"
#include "kontor-print-document.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_PRINT_CALL_LIST (kontor_print_call_list_get_type ())

G_DECLARE_FINAL_TYPE (KontorPrintCallList, kontor_print_call_list, KONTOR, PRINT_CALL_LIST, GObject)

KontorPrintCallList *kontor_print_call_list_new             (const char          *title,
                                                             gint64               now);
KontorPrintCallList *kontor_print_call_list_new_from_filter (KontorStore         *store,
                                                             KontorFilter        *filter,
                                                             const char          *title,
                                                             gint64               now,
                                                             GError             **error);
void                 kontor_print_call_list_add_contact     (KontorPrintCallList *self,
                                                             KontorContact       *contact);
guint                kontor_print_call_list_get_n_rows      (KontorPrintCallList *self);
void                 kontor_print_call_list_run             (GtkWidget           *widget,
                                                             KontorStore         *store,
                                                             KontorFilter        *filter,
                                                             const char          *title);

G_END_DECLS
