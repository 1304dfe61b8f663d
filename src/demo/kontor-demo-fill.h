/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-demo.h"
#include "kontor-store-job.h"

G_BEGIN_DECLS

KontorStoreJob *kontor_demo_job_new  (KontorStore     *store,
                                      guint            n_contacts,
                                      guint32          seed);
gboolean        kontor_demo_fill     (KontorStoreJob  *job,
                                      KontorStore     *connection,
                                      guint            n_contacts,
                                      guint32          seed,
                                      GError         **error);
gboolean        kontor_demo_populate (KontorStore     *store,
                                      guint            n_contacts,
                                      guint32          seed,
                                      GCancellable    *cancellable,
                                      GError         **error);

/* kontor-demo-leads.c */
gboolean        _kontor_demo_add_leads (KontorStore   *store,
                                        GPtrArray     *records,
                                        guint32        seed,
                                        GError       **error);

G_END_DECLS
