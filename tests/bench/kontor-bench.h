/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many contacts a benchmark stores; KONTOR_BENCH_CONTACTS overrides. */
#define KONTOR_BENCH_DEFAULT_CONTACTS 100000

typedef struct _KontorBenchJson KontorBenchJson;

KontorBenchJson *kontor_bench_json_new        (void);
void             kontor_bench_json_add_number (KontorBenchJson *json,
                                               const char      *key,
                                               double           value);
void             kontor_bench_json_add_int    (KontorBenchJson *json,
                                               const char      *key,
                                               gint64           value);
void             kontor_bench_json_add_string (KontorBenchJson *json,
                                               const char      *key,
                                               const char      *value);
void             kontor_bench_json_add_raw    (KontorBenchJson *json,
                                               const char      *key,
                                               const char      *raw);
char            *kontor_bench_json_free       (KontorBenchJson *json);

void             kontor_bench_json_append_string (GString      *out,
                                                  const char   *text);
void             kontor_bench_json_append_number (GString      *out,
                                                  double        value);

guint            kontor_bench_env_uint        (const char      *name,
                                               guint            fallback);
double           kontor_bench_now_ms          (void);
double           kontor_bench_proc_status_mb  (const char      *field);
char            *kontor_bench_cpu_model       (void);
double           kontor_bench_percentile      (GArray          *values,
                                               double           percent);
double           kontor_bench_median          (GArray          *values);
void             kontor_bench_log             (const char      *format,
                                               ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
