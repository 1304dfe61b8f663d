/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

#define KONTOR_DEMO_DEFAULT_CONTACTS 200
#define KONTOR_DEMO_DEFAULT_SEED 20261124

/**
 * KontorDemoStaleLimit:
 * @pipeline_status_id: a built-in pipeline status
 * @stale_days: after how many days its cards count as stale
 *
 * A board setting of the sample team, for a status the database has.
 */
typedef struct
{
  const char *pipeline_status_id;
  gint64      stale_days;
} KontorDemoStaleLimit;

GPtrArray                  *kontor_demo_build            (guint    n_contacts,
                                                          guint32  seed);
const KontorDemoStaleLimit *kontor_demo_get_stale_limits (guint   *n_limits);

G_END_DECLS
