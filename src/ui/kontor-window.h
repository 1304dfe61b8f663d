/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"
#include "kontor-store-job.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_WINDOW (kontor_window_get_type ())

G_DECLARE_FINAL_TYPE (KontorWindow, kontor_window, KONTOR, WINDOW, AdwApplicationWindow)

KontorWindow  *kontor_window_new              (AdwApplication  *application,
                                               KontorContext   *context);
KontorContext *kontor_window_get_context      (KontorWindow    *self);
void           kontor_window_show_contact     (KontorWindow    *self,
                                               const char      *contact_id);
void           kontor_window_show_contacts    (KontorWindow    *self);
void           kontor_window_search           (KontorWindow    *self,
                                               const char      *text);
GtkWidget     *kontor_window_get_contacts_view (KontorWindow   *self);
GtkWidget     *kontor_window_get_workspace    (KontorWindow    *self);
GtkWidget     *kontor_window_get_company_page (KontorWindow    *self);
void           kontor_window_show_company     (KontorWindow    *self,
                                               const char      *company_id);
GtkWidget     *kontor_window_get_contact_page (KontorWindow    *self);
void           kontor_window_import_file      (KontorWindow    *self,
                                               GFile           *file);
void           kontor_window_show_job         (KontorWindow    *self,
                                               KontorStoreJob  *job);

G_END_DECLS
