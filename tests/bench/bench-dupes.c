/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-bench-dupes"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kontor-bench.h"
#include "kontor-channel.h"
#include "kontor-demo-fill.h"
#include "kontor-duplicates.h"
#include "kontor-phone-key.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"
#include "kontor-text.h"

/* The duplicate finder (feature X1, src/README.md "Duplicates" and
 * "Performance targets"): KONTOR_BENCH_CONTACTS (default 100,000) sample
 * contacts, one in fifty stored a second time with the name written
 * without umlauts, the e-mail address in capitals or the number typed
 * another way, then kontor_store_find_duplicates() timed
 * KONTOR_BENCH_RUNS times (dupes_scan_100k_s, the median). The anchor, in
 * the same run on the same database: a bare SELECT … GROUP BY over the
 * e-mail addresses (bare_email_group_by_s), the least any search for a
 * shared address must read. And the phone keys, over every stored
 * number: kontor_phone_match_key() (libphonenumber through EPhoneNumber,
 * phone_match_key_s) against kontor_phone_normalize() (phone_normalize_s),
 * which the scan uses. And the companies the sample has with them (one
 * per eight contacts: 12,500 at the default), one in fifty stored a
 * second time with the name without umlauts (or with "& Co. KG") and
 * the numbers typed another way, scanned by kontor_store_find_company_duplicates()
 * (dupes_company_scan_s, the median, over dupes_companies). Prints one
 * JSON object. */

static double
median_of (GArray *values)
{
  return kontor_bench_median (values);
}

/* One in fifty contacts again, written another way */
static void
add_duplicates (KontorStore *store,
                guint        every)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = kontor_test_prepare (store, "SELECT rid FROM contact ORDER BY rid", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rid);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < rowids->len; i += every)
    {
      g_autoptr(KontorContact) contact = kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT,
                                                                     g_array_index (rowids, gint64, i),
                                                                     &error);
      KontorRecord *copy;
      g_autofree char *last = NULL;

      if (contact == NULL)
        g_error ("a contact: %s", error->message);
      copy = kontor_record_copy (KONTOR_RECORD (contact));
      kontor_record_set_id (copy, NULL);
      kontor_record_set_rowid (copy, 0);
      kontor_record_set_created_at (copy, 0);
      kontor_contact_set_customer_number (KONTOR_CONTACT (copy), NULL);
      last = kontor_text_transliterate_de (kontor_contact_get_last_name (contact));
      kontor_contact_set_last_name (KONTOR_CONTACT (copy), last);
      /* the rows are the copy's own */
      for (guint k = 0; k < 2; k++)
        {
          GPtrArray *channels = k == 0 ? kontor_contact_get_emails (KONTOR_CONTACT (copy))
                                       : kontor_contact_get_phones (KONTOR_CONTACT (copy));

          for (guint c = 0; channels != NULL && c < channels->len; c++)
            {
              KontorChannel *channel = g_ptr_array_index (channels, c);

              g_clear_pointer (&channel->id, g_free);
              if (k == 0)
                {
                  char *upper = g_utf8_strup (channel->value, -1);

                  g_free (channel->value);
                  channel->value = upper;
                }
            }
        }
      g_ptr_array_add (copies, copy);
    }

  if (!kontor_store_save_all (store, copies, NULL, &error))
    g_error ("saving the copies: %s", error->message);
  kontor_bench_log ("stored %u contacts a second time", copies->len);
}

/* One in fifty companies again: the name without umlauts or with another
 * legal form, no customer number (a number is stored once), the phone
 * numbers with slashes */
static void
add_company_duplicates (KontorStore *store,
                        guint        every)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = kontor_test_prepare (store, "SELECT rid FROM company ORDER BY rid", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rid);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < rowids->len; i += every)
    {
      g_autoptr(KontorCompany) company = kontor_store_load_by_rowid (store, KONTOR_TYPE_COMPANY,
                                                                     g_array_index (rowids, gint64, i),
                                                                     &error);
      KontorRecord *copy;
      g_autofree char *name = NULL;

      if (company == NULL)
        g_error ("a company: %s", error->message);
      copy = kontor_record_copy (KONTOR_RECORD (company));
      kontor_record_set_id (copy, NULL);
      kontor_record_set_rowid (copy, 0);
      kontor_record_set_created_at (copy, 0);
      kontor_company_set_customer_number (KONTOR_COMPANY (copy), NULL);
      /* "Müller GmbH" as "Mueller GmbH", "Weber GmbH" as "Weber GmbH & Co. KG" */
      name = kontor_text_transliterate_de (kontor_company_get_name (company));
      if (name == NULL)
        name = g_strconcat (kontor_company_get_name (company), " & Co. KG", NULL);
      kontor_company_set_name (KONTOR_COMPANY (copy), name);
      for (guint k = 0; k < 2; k++)
        {
          GPtrArray *channels = k == 0 ? kontor_company_get_emails (KONTOR_COMPANY (copy))
                                       : kontor_company_get_phones (KONTOR_COMPANY (copy));

          for (guint c = 0; channels != NULL && c < channels->len; c++)
            {
              KontorChannel *channel = g_ptr_array_index (channels, c);

              g_clear_pointer (&channel->id, g_free);
              if (k == 1)
                g_strdelimit (channel->value, " ", '/');
            }
        }
      g_ptr_array_add (copies, copy);
    }

  if (!kontor_store_save_all (store, copies, NULL, &error))
    g_error ("saving the company copies: %s", error->message);
  kontor_bench_log ("stored %u companies a second time", copies->len);
}

int
main (int   argc,
      char *argv[])
{
  guint n = kontor_bench_env_uint ("KONTOR_BENCH_CONTACTS", KONTOR_BENCH_DEFAULT_CONTACTS);
  guint runs = kontor_bench_env_uint ("KONTOR_BENCH_RUNS", 3);
  g_autofree char *dir = g_dir_make_tmp ("kontor-bench-dupes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) scan_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) company_s = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_companies, n_company_pairs = 0;
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  KontorBenchJson *json = kontor_bench_json_new ();
  sqlite3_stmt *stmt;
  guint n_pairs = 0, n_groups = 0, n_contacts;
  double start, match_key_s, normalize_s, populate_s;
  g_autofree char *out = NULL;

  store = kontor_store_open (path, &error);
  start = kontor_bench_now_ms ();
  if (store == NULL || !kontor_demo_populate (store, n, KONTOR_DEMO_DEFAULT_SEED, NULL, &error))
    g_error ("the sample: %s", error->message);
  add_duplicates (store, 50);
  add_company_duplicates (store, 50);
  populate_s = (kontor_bench_now_ms () - start) / 1000.0;
  n_contacts = kontor_store_count (store, KONTOR_TYPE_CONTACT, NULL);
  n_companies = kontor_store_count (store, KONTOR_TYPE_COMPANY, NULL);
  kontor_bench_log ("stored %u contacts in %.1f s", n_contacts, populate_s);

  /* run 0 warms the caches and is not counted; scan and anchor alternate */
  for (guint run = 0; run <= runs; run++)
    {
      g_autoptr(GPtrArray) pairs = NULL;
      double s;

      start = kontor_bench_now_ms ();
      pairs = kontor_store_find_duplicates (store, NULL, &error);
      s = (kontor_bench_now_ms () - start) / 1000.0;
      if (pairs == NULL)
        g_error ("the scan: %s", error->message);
      n_pairs = pairs->len;
      if (run > 0)
        g_array_append_val (scan_s, s);

      stmt = kontor_test_prepare (store, "SELECT lower (value), count(*) FROM contact_channel "
                                         "WHERE kind = 0 GROUP BY 1 HAVING count(*) > 1", NULL);
      start = kontor_bench_now_ms ();
      n_groups = 0;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        n_groups++;
      s = (kontor_bench_now_ms () - start) / 1000.0;
      sqlite3_finalize (stmt);
      if (run > 0)
        g_array_append_val (bare_s, s);
      kontor_bench_log ("run %u: %u pairs, %u shared addresses", run, n_pairs, n_groups);

      g_clear_pointer (&pairs, g_ptr_array_unref);
      start = kontor_bench_now_ms ();
      pairs = kontor_store_find_company_duplicates (store, NULL, &error);
      s = (kontor_bench_now_ms () - start) / 1000.0;
      if (pairs == NULL)
        g_error ("the company scan: %s", error->message);
      n_company_pairs = pairs->len;
      if (run > 0)
        g_array_append_val (company_s, s);
      kontor_bench_log ("run %u: %u companies, %u pairs", run, n_companies, n_company_pairs);
    }

  stmt = kontor_test_prepare (store, "SELECT value FROM contact_channel WHERE kind = 1", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (phones, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  start = kontor_bench_now_ms ();
  for (guint i = 0; i < phones->len; i++)
    g_free (kontor_phone_match_key (g_ptr_array_index (phones, i), NULL));
  match_key_s = (kontor_bench_now_ms () - start) / 1000.0;
  start = kontor_bench_now_ms ();
  for (guint i = 0; i < phones->len; i++)
    g_free (kontor_phone_normalize (g_ptr_array_index (phones, i)));
  normalize_s = (kontor_bench_now_ms () - start) / 1000.0;

  kontor_bench_json_add_int (json, "dupes_contacts", n_contacts);
  kontor_bench_json_add_int (json, "dupes_pairs", n_pairs);
  kontor_bench_json_add_number (json, "dupes_scan_100k_s", median_of (scan_s));
  kontor_bench_json_add_number (json, "bare_email_group_by_s", median_of (bare_s));
  kontor_bench_json_add_number (json, "dupes_scan_vs_bare",
                                median_of (scan_s) / MAX (median_of (bare_s), 1e-6));
  kontor_bench_json_add_int (json, "dupes_phones", phones->len);
  kontor_bench_json_add_int (json, "dupes_companies", n_companies);
  kontor_bench_json_add_int (json, "dupes_company_pairs", n_company_pairs);
  kontor_bench_json_add_number (json, "dupes_company_scan_s", median_of (company_s));
  kontor_bench_json_add_number (json, "phone_match_key_s", match_key_s);
  kontor_bench_json_add_number (json, "phone_normalize_s", normalize_s);
  out = kontor_bench_json_free (json);
  g_print ("%s\n", out);

  g_clear_object (&store);
  kontor_test_rmdir (dir);

  return 0;
}
