/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* What both benchmarks share: one JSON object built key by key (numbers
 * always with a dot, whatever the locale), clocks, /proc figures and
 * percentiles. Progress goes to stderr; stdout is the JSON alone. */

#define G_LOG_DOMAIN "kontor-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kontor-bench.h"

struct _KontorBenchJson
{
  GString *text;
};

KontorBenchJson *
kontor_bench_json_new (void)
{
  KontorBenchJson *json = g_new0 (KontorBenchJson, 1);

  json->text = g_string_new ("{");

  return json;
}

void
kontor_bench_json_append_string (GString    *out,
                                 const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

void
kontor_bench_json_append_number (GString *out,
                                 double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  /* three decimals: microseconds for milliseconds, milliseconds for seconds */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

static void
add_key (KontorBenchJson *json,
         const char      *key)
{
  if (json->text->len > 1)
    g_string_append (json->text, ", ");
  kontor_bench_json_append_string (json->text, key);
  g_string_append (json->text, ": ");
}

void
kontor_bench_json_add_number (KontorBenchJson *json,
                              const char      *key,
                              double           value)
{
  add_key (json, key);
  kontor_bench_json_append_number (json->text, value);
}

void
kontor_bench_json_add_int (KontorBenchJson *json,
                           const char      *key,
                           gint64           value)
{
  add_key (json, key);
  g_string_append_printf (json->text, "%" G_GINT64_FORMAT, value);
}

void
kontor_bench_json_add_string (KontorBenchJson *json,
                              const char      *key,
                              const char      *value)
{
  add_key (json, key);
  kontor_bench_json_append_string (json->text, value);
}

/* @raw must be valid JSON already (an array, an object) */
void
kontor_bench_json_add_raw (KontorBenchJson *json,
                           const char      *key,
                           const char      *raw)
{
  add_key (json, key);
  g_string_append (json->text, raw);
}

/* Returns: (transfer full): the closed object; @json is freed */
char *
kontor_bench_json_free (KontorBenchJson *json)
{
  GString *text = json->text;

  g_free (json);
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

guint
kontor_bench_env_uint (const char *name,
                       guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &number, NULL))
    return fallback;

  return number;
}

double
kontor_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* One "VmRSS:"-like line of /proc/self/status, in MB (2^20 bytes) */
double
kontor_bench_proc_status_mb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], field))
        return g_ascii_strtod (lines[i] + strlen (field), NULL) / 1024.0;
    }

  return NAN;
}

char *
kontor_bench_cpu_model (void)
{
  g_autofree char *info = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *model = NULL;
  guint n_cpus = 0;

  if (!g_file_get_contents ("/proc/cpuinfo", &info, NULL, NULL))
    return g_strdup ("unknown");

  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (g_str_has_prefix (lines[i], "processor"))
        n_cpus++;
      if (model == NULL && colon != NULL && g_str_has_prefix (lines[i], "model name"))
        model = g_strstrip (g_strdup (colon + 1));
    }

  return g_strdup_printf ("%s (%u logical CPUs)", model != NULL ? model : "unknown", n_cpus);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Linear interpolation between the closest ranks (numpy's default);
 * sorts @values (doubles) in place. */
double
kontor_bench_percentile (GArray *values,
                         double  percent)
{
  double rank, fraction;
  guint below;

  if (values->len == 0)
    return NAN;

  g_array_sort (values, compare_doubles);
  rank = percent / 100.0 * (values->len - 1);
  below = (guint) floor (rank);
  fraction = rank - below;
  if (below + 1 >= values->len)
    return g_array_index (values, double, values->len - 1);

  return g_array_index (values, double, below) * (1 - fraction) +
         g_array_index (values, double, below + 1) * fraction;
}

double
kontor_bench_median (GArray *values)
{
  return kontor_bench_percentile (values, 50);
}

void
kontor_bench_log (const char *format,
                  ...)
{
  static gint64 start;
  g_autofree char *message = NULL;
  va_list args;

  if (start == 0)
    start = g_get_monotonic_time ();

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "[%7.1f s] %s\n", (g_get_monotonic_time () - start) / 1e6, message);
  fflush (stderr);
}
