/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

#include "kontor-store-job.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_JOB_BANNER (kontor_job_banner_get_type ())

G_DECLARE_FINAL_TYPE (KontorJobBanner, kontor_job_banner, KONTOR, JOB_BANNER, GtkWidget)

GtkWidget      *kontor_job_banner_new     (void);
KontorStoreJob *kontor_job_banner_get_job (KontorJobBanner *self);
void            kontor_job_banner_set_job (KontorJobBanner *self,
                                           KontorStoreJob  *job);

G_END_DECLS
