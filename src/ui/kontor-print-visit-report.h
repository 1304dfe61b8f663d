/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-contact.h"
#include "kontor-print-document.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_PRINT_VISIT_REPORT (kontor_print_visit_report_get_type ())

G_DECLARE_FINAL_TYPE (KontorPrintVisitReport, kontor_print_visit_report, KONTOR,
                      PRINT_VISIT_REPORT, GObject)

KontorPrintVisitReport *kontor_print_visit_report_new (KontorStore    *store,
                                                       KontorContact  *contact,
                                                       gint64          now,
                                                       GError        **error);
double                  kontor_print_visit_report_get_scale (KontorPrintVisitReport *self);
void                    kontor_print_visit_report_run (GtkWidget      *widget,
                                                       KontorStore    *store,
                                                       const char     *contact_id);

G_END_DECLS
