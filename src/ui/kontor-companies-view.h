/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"
#include "kontor-record-list.h"
#include "kontor-table.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_COMPANIES_VIEW (kontor_companies_view_get_type ())

G_DECLARE_FINAL_TYPE (KontorCompaniesView, kontor_companies_view, KONTOR, COMPANIES_VIEW, AdwBin)

GtkWidget        *kontor_companies_view_new              (KontorContext       *context);
KontorRecordList *kontor_companies_view_get_list         (KontorCompaniesView *self);
KontorTable      *kontor_companies_view_get_table        (KontorCompaniesView *self);
GtkEditable      *kontor_companies_view_get_search_entry (KontorCompaniesView *self);
void              kontor_companies_view_focus_table      (KontorCompaniesView *self);
GtkWidget        *kontor_companies_view_get_back_button  (KontorCompaniesView *self);

G_END_DECLS
