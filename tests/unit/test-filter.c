/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-filter"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-store-lead.h"
#include "kontor-store-private.h"
#include "kontor-test-utils.h"

/* The advanced contact filter (feature L2, issue 10): every criterion
 * alone and combined, through each way the store answers a filter (the
 * ordered list, search as you type over the cached order, the count, and
 * whether changed rows concern a list); values that look like SQL, LIKE
 * or FTS5 syntax taken literally; dynamic groups, nested, in a circle and
 * broken; the filter as text for a dynamic group and garbage in its place;
 * the order cache never answering for another filter. */

#define OFFER_ID "00000000-0000-7000-8000-000000000004"
#define NEW_ID   "00000000-0000-7000-8000-000000000001"

/* an id made of SQL: a company and a group have it */
#define HOSTILE_ID "x' OR '1'='1"

#define P KONTOR_CONTACT_STATUS_PROSPECT
#define C KONTOR_CONTACT_STATUS_CUSTOMER
#define I KONTOR_CONTACT_STATUS_INBOX
#define A KONTOR_CONTACT_STATUS_ARCHIVED

typedef struct
{
  const char          *key;
  const char          *last_name;
  KontorContactStatus  status;
  gboolean             lead;
  const char          *pipeline_status_id;
  const char          *company;        /* key */
  const char          *sales_reps;     /* user keys, comma-separated */
  const char          *assignees;
  const char          *team;           /* key of the team assigned */
  const char          *created;        /* local "YYYY-MM-DD HH:MM" */
  const char          *activity;       /* local "YYYY-MM-DD HH:MM", NULL: none */
  const char          *due_date;
  const char          *birthday;
  const char          *notes;
} ContactSpec;

/* a–e; the dates sit on the edges of the ranges the tests ask for */
static const ContactSpec contacts[] = {
  { "a", "Alpha", P, TRUE, OFFER_ID, "alpha", "u1", "u1", NULL, "2026-01-10 12:00",
    "2026-02-01 09:00", "2026-03-01", "1980-03-15", "Angebot: 50%_off bis Ostern" },
  { "b", "Beta", C, FALSE, NEW_ID, "evil", "u2", "u2", NULL, "2026-01-31 23:30", NULL, NULL,
    "1975-12-01", "Pfad C:\\back\\slash_% liegt dort" },
  { "c", "Gamma", I, FALSE, NEW_ID, NULL, NULL, NULL, "t1", "2026-02-01 00:00",
    "2026-02-15 18:00", "2026-03-15", "--03-01", "schrieb DROP TABLE contact; ins Formular" },
  { "d", "Delta", A, TRUE, NEW_ID, "alpha", "u1,u2", "u3", NULL, "2025-12-31 12:00",
    "2026-03-01 08:00", "2026-02-28", NULL, "50% Rabatt, 50 Stück" },
  { "e", "Epsilon", P, FALSE, OFFER_ID, NULL, NULL, NULL, NULL, "2026-03-05 10:00", NULL, NULL,
    "1980-02-10", "Code x' OR '1'='1 notiert" },
};

#define ALL "a,b,c,d,e"

#undef P
#undef C
#undef I
#undef A

/* ------------------------------------------------------------------------ */
/* Fixture */

typedef struct
{
  KontorStoreFixture  base;
  GHashTable         *ids;     /* key ("u1", "alpha", "a", "g-static" …) -> id */
  GHashTable         *keys;    /* rowid -> contact key */
  gint64              rowids[G_N_ELEMENTS (contacts)];
} Fixture;

static const char *
id_of (Fixture    *fixture,
       const char *key)
{
  const char *id = g_hash_table_lookup (fixture->ids, key);

  g_assert_nonnull (id);

  return id;
}

static void
remember (Fixture      *fixture,
          const char   *key,
          KontorRecord *record)
{
  g_hash_table_insert (fixture->ids, g_strdup (key), g_strdup (kontor_record_get_id (record)));
}

static GStrv
ids_of (Fixture    *fixture,
        const char *keys)
{
  g_auto(GStrv) split = NULL;
  GStrv ids;

  if (keys == NULL)
    return NULL;

  split = g_strsplit (keys, ",", -1);
  ids = g_new0 (char *, g_strv_length (split) + 1);
  for (guint i = 0; split[i] != NULL; i++)
    ids[i] = g_strdup (id_of (fixture, split[i]));

  return ids;
}

static gint64
local_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &year, &month, &day, &hour, &minute), ==, 5);
  time = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
add_group (Fixture    *fixture,
           const char *key,
           const char *id,
           const char *filter)
{
  g_autoptr(KontorGroup) group = kontor_group_new (key);

  if (id != NULL)
    kontor_record_set_id (KONTOR_RECORD (group), id);
  if (filter != NULL)
    {
      kontor_group_set_is_dynamic (group, TRUE);
      kontor_group_set_filter (group, filter);
    }
  kontor_test_save (fixture->base.store, group);
  remember (fixture, key, KONTOR_RECORD (group));
}

/* Lead projects: "l1" with a, e new and b won; "l2" with b new. Their
 * statuses are "l1-new", "l1-won", "l2-new". */
static void
add_lead_projects (Fixture *fixture)
{
  static const struct { const char *project, *status, *contact; } entries[] = {
    { "l1", "l1-new", "a" }, { "l1", "l1-won", "b" }, { "l1", "l1-new", "e" },
    { "l2", "l2-new", "b" },
  };
  KontorStore *store = fixture->base.store;

  for (guint p = 1; p <= 2; p++)
    {
      g_autofree char *key = g_strdup_printf ("l%u", p);
      g_autoptr(KontorLeadProject) project = kontor_lead_project_new (key);
      g_autoptr(GPtrArray) statuses = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (kontor_store_create_lead_project (store, project, &error));
      g_assert_no_error (error);
      remember (fixture, key, KONTOR_RECORD (project));
      statuses = kontor_store_list_lead_statuses (store, id_of (fixture, key), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < statuses->len; i++)
        {
          KontorLeadStatus *status = g_ptr_array_index (statuses, i);
          KontorLeadStatusRole role = kontor_lead_status_get_role (status);
          g_autofree char *status_key = NULL;

          if (role != KONTOR_LEAD_STATUS_ROLE_FIRST && role != KONTOR_LEAD_STATUS_ROLE_WON)
            continue;
          status_key = g_strdup_printf ("%s-%s", key,
                                        role == KONTOR_LEAD_STATUS_ROLE_FIRST ? "new" : "won");
          remember (fixture, status_key, KONTOR_RECORD (status));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(KontorLeadEntry) entry =
        kontor_lead_entry_new (id_of (fixture, entries[i].project),
                               id_of (fixture, entries[i].contact),
                               id_of (fixture, entries[i].status));

      kontor_test_save (store, entry);
    }
}

/* A dynamic group whose filter names the group @inner */
static void
add_group_of_group (Fixture    *fixture,
                    const char *key,
                    const char *inner)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autofree char *text = NULL;

  kontor_filter_set_group_id (filter, id_of (fixture, inner));
  text = kontor_filter_to_string (filter);
  add_group (fixture, key, NULL, text);
}

static void
add_member (Fixture    *fixture,
            const char *group,
            const char *contact)
{
  g_autoptr(KontorGroupMember) member =
    kontor_group_member_new (id_of (fixture, group), id_of (fixture, contact));

  kontor_test_save (fixture->base.store, member);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  KontorStore *store;
  g_autoptr(KontorTeam) team = kontor_team_new ("Nord");
  g_autoptr(KontorTeam) other_team = kontor_team_new ("Süd");
  g_autoptr(KontorCompany) alpha = kontor_company_new ("Alpha AG");
  g_autoptr(KontorCompany) evil = kontor_company_new ("Böse GmbH");
  g_autoptr(KontorFilter) filter = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hostile_company = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);
  store = fixture->base.store;
  fixture->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixture->keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  kontor_test_save (store, team);
  remember (fixture, "t1", KONTOR_RECORD (team));
  kontor_test_save (store, other_team);
  remember (fixture, "t2", KONTOR_RECORD (other_team));

  /* u2 is in team t1, u3 in t2 */
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("u%u", i);
      g_autoptr(KontorUser) user = kontor_user_new (key, key, KONTOR_USER_ROLE_SALES);
      const char *teams[] = { i == 2 ? id_of (fixture, "t1") : id_of (fixture, "t2"), NULL };

      if (i > 1)
        kontor_user_set_teams (user, teams);
      kontor_test_save (store, user);
      remember (fixture, key, KONTOR_RECORD (user));
    }

  kontor_test_save (store, alpha);
  remember (fixture, "alpha", KONTOR_RECORD (alpha));
  kontor_record_set_id (KONTOR_RECORD (evil), HOSTILE_ID);
  kontor_test_save (store, evil);
  remember (fixture, "evil", KONTOR_RECORD (evil));

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    {
      const ContactSpec *spec = &contacts[i];
      g_autoptr(KontorContact) contact = kontor_contact_new ();
      g_auto(GStrv) sales_reps = ids_of (fixture, spec->sales_reps);
      g_auto(GStrv) assignees = ids_of (fixture, spec->assignees);
      g_autofree char *email = g_strdup_printf ("%s@kontor.example", spec->key);
      gint64 *rowid = g_new (gint64, 1);

      kontor_contact_set_first_name (contact, "Kim");
      kontor_contact_set_last_name (contact, spec->last_name);
      kontor_contact_add_email (contact, "work", email);
      kontor_contact_set_status (contact, spec->status);
      kontor_contact_set_is_lead (contact, spec->lead);
      kontor_contact_set_pipeline_status_id (contact, spec->pipeline_status_id);
      if (spec->company != NULL)
        kontor_contact_set_company_id (contact, id_of (fixture, spec->company));
      kontor_contact_set_sales_reps (contact, (const char * const *) sales_reps);
      kontor_contact_set_assignees (contact, (const char * const *) assignees);
      if (spec->team != NULL)
        kontor_contact_set_assigned_team_id (contact, id_of (fixture, spec->team));
      kontor_record_set_created_at (KONTOR_RECORD (contact), local_time (spec->created));
      if (spec->activity != NULL)
        kontor_contact_set_last_activity_at (contact, local_time (spec->activity));
      kontor_contact_set_due_date (contact, spec->due_date);
      kontor_contact_set_birthday (contact, spec->birthday);
      kontor_contact_set_notes (contact, spec->notes);
      kontor_test_save (store, contact);

      remember (fixture, spec->key, KONTOR_RECORD (contact));
      *rowid = kontor_record_get_rowid (KONTOR_RECORD (contact));
      fixture->rowids[i] = *rowid;
      g_hash_table_insert (fixture->keys, rowid, (gpointer) spec->key);
    }

  add_lead_projects (fixture);

  /* static groups, one with an id made of SQL */
  add_group (fixture, "g-static", NULL, NULL);
  add_member (fixture, "g-static", "a");
  add_member (fixture, "g-static", "c");
  add_group (fixture, "g-hostile", HOSTILE_ID, NULL);
  add_member (fixture, "g-hostile", "d");

  /* dynamic groups */
  add_group (fixture, "g-current", NULL, "{\"statuses\": [\"prospect\", \"customer\"]}");
  add_group (fixture, "g-search", NULL, "{\"search-text\": \"50%_off\"}");
  filter = kontor_filter_new ();
  kontor_filter_set_group_id (filter, id_of (fixture, "g-static"));
  kontor_filter_set_leads_only (filter, TRUE);
  text = kontor_filter_to_string (filter);
  add_group (fixture, "g-static-leads", NULL, text);
  /* the hostile company id as a stored filter keeps it */
  g_clear_object (&filter);
  filter = kontor_filter_new ();
  kontor_filter_set_company_id (filter, HOSTILE_ID);
  hostile_company = kontor_filter_to_string (filter);
  add_group (fixture, "g-evil-company", NULL, hostile_company);

  /* four dynamic groups deep is allowed, five is not: g-deep1 → … →
   * g-deep4 → g-static; g-deep0 → g-deep1 */
  add_group_of_group (fixture, "g-deep4", "g-static");
  add_group_of_group (fixture, "g-deep3", "g-deep4");
  add_group_of_group (fixture, "g-deep2", "g-deep3");
  add_group_of_group (fixture, "g-deep1", "g-deep2");
  add_group_of_group (fixture, "g-deep0", "g-deep1");

  /* a circle: g-circle1 names g-circle2, which is made to name g-circle1;
   * and a filter nobody can read (written past the model, as a newer or
   * broken client might) */
  add_group (fixture, "g-circle2", NULL, "{}");
  add_group_of_group (fixture, "g-circle1", "g-circle2");
  g_clear_object (&filter);
  g_clear_pointer (&text, g_free);
  filter = kontor_filter_new ();
  kontor_filter_set_group_id (filter, id_of (fixture, "g-circle1"));
  text = kontor_filter_to_string (filter);
  add_group (fixture, "g-broken", NULL, "{}");
  {
    sqlite3 *db = _kontor_store_get_db (store);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE contact_group SET filter = ?1 WHERE id = ?2",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, id_of (fixture, "g-circle2"), -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_reset (stmt);
    sqlite3_bind_text (stmt, 1, "{\"statuses\": [", -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, id_of (fixture, "g-broken"), -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_hash_table_unref (fixture->ids);
  g_hash_table_unref (fixture->keys);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

#define FILTER_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

/* ------------------------------------------------------------------------ */
/* Asking the store */

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The contacts @filter gives, as sorted keys: "a,c" */
static char *
query_keys (Fixture      *fixture,
            KontorFilter *filter)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_query_rowids (fixture->base.store, KONTOR_TYPE_CONTACT, filter,
                                            rowids, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < rowids->len; i++)
    {
      const char *key = g_hash_table_lookup (fixture->keys, &g_array_index (rowids, gint64, i));

      g_assert_nonnull (key);
      g_ptr_array_add (keys, (gpointer) key);
    }
  /* qsort () takes no NULL array, even of no elements */
  if (keys->len > 1)
    qsort (keys->pdata, keys->len, sizeof (gpointer), compare_strings);
  g_ptr_array_add (keys, NULL);

  return g_strjoinv (",", (char **) keys->pdata);
}

/* The same contacts by kontor_store_rowids_match(), one row at a time */
static char *
matching_keys (Fixture      *fixture,
               KontorFilter *filter)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    {
      g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GError) error = NULL;

      g_array_append_val (rowids, fixture->rowids[i]);
      if (kontor_store_rowids_match (fixture->base.store, filter, rowids, &error))
        g_string_append_printf (keys, "%s%s", keys->len > 0 ? "," : "", contacts[i].key);
      g_assert_no_error (error);
    }

  return g_string_free (keys, FALSE);
}

static guint
count_keys (const char *keys)
{
  g_auto(GStrv) split = g_strsplit (keys, ",", -1);

  return *keys == '\0' ? 0 : g_strv_length (split);
}

/* @filter selects @expected by every way of asking; @what names the case */
static void
assert_selects (Fixture      *fixture,
                KontorFilter *filter,
                const char   *what,
                const char   *expected)
{
  g_autofree char *listed = query_keys (fixture, filter);
  g_autofree char *matched = matching_keys (fixture, filter);
  g_autoptr(GError) error = NULL;
  gint64 counted = kontor_store_count_contacts (fixture->base.store, filter, &error);

  g_assert_no_error (error);
  if (g_strcmp0 (listed, expected) != 0)
    g_test_fail_printf ("%s: the list has [%s], expected [%s]", what, listed, expected);
  if (g_strcmp0 (matched, expected) != 0)
    g_test_fail_printf ("%s: rowids_match gives [%s], expected [%s]", what, matched, expected);
  if (counted != count_keys (expected))
    g_test_fail_printf ("%s: counted %" G_GINT64_FORMAT ", expected %u", what, counted,
                        count_keys (expected));
}

/* ------------------------------------------------------------------------ */
/* Criteria */

/* One criterion: a property and its value; "@key" is the id of key */
typedef struct
{
  const char *property;
  const char *text;
  guint       number;
} Criterion;

typedef struct
{
  Criterion   criteria[3];
  const char *expected;
} Case;

#define STATUSES(s) KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_##s)

static const Case single_cases[] = {
  { { { "statuses", NULL, STATUSES (PROSPECT) | STATUSES (CUSTOMER) } }, "a,b,e" },
  { { { "statuses", NULL, STATUSES (ARCHIVED) } }, "d" },
  { { { "leads-only", NULL, TRUE } }, "a,d" },
  { { { "pipeline-status-id", OFFER_ID } }, "a,e" },
  { { { "company-id", "@alpha" } }, "a,d" },
  { { { "company-id", "@evil" } }, "b" },
  { { { "assignee-id", "@u1" } }, "a" },
  { { { "sales-rep-id", "@u1" } }, "a,d" },
  { { { "sales-rep-id", "@u2" } }, "b,d" },
  { { { "sales-rep-id", "@u3" } }, "" },
  /* c is the team's itself, b by its assignee u2, a member */
  { { { "team-id", "@t1" } }, "b,c" },
  { { { "team-id", "@t2" } }, "d" },
  { { { "group-id", "@g-static" } }, "a,c" },
  { { { "group-id", "@g-hostile" } }, "d" },
  { { { "group-id", "@g-current" } }, "a,b,e" },
  { { { "group-id", "@g-search" } }, "a" },
  { { { "group-id", "@g-static-leads" } }, "a" },
  { { { "group-id", "@g-evil-company" } }, "b" },
  { { { "group-id", "@g-deep1" } }, "a,c" },
  { { { "group-id", "@g-deep0" } }, "" },
  { { { "group-id", "@g-circle1" } }, "" },
  { { { "group-id", "@g-broken" } }, "" },
  { { { "group-id", "no such group" } }, "" },
  { { { "lead-project-id", "@l1" } }, "a,b,e" },
  { { { "lead-project-id", "@l2" } }, "b" },
  { { { "lead-project-id", "no such project" } }, "" },
  { { { "lead-status-id", "@l1-new" } }, "a,e" },
  { { { "lead-status-id", "@l1-won" } }, "b" },
  { { { "lead-status-id", "@l2-new" } }, "b" },
  /* local days, both ends included: b at 23:30 on the 31st, c at 0:00
   * on the 1st */
  { { { "created-from", "2026-02-01" } }, "c,e" },
  { { { "created-to", "2026-01-31" } }, "a,b,d" },
  { { { "created-from", "2026-01-10" }, { "created-to", "2026-01-31" } }, "a,b" },
  { { { "created-from", "2026-02-30" } }, "" },
  /* no activity is never within a range */
  { { { "activity-from", "2026-02-15" } }, "c,d" },
  { { { "activity-to", "2026-02-14" } }, "a" },
  { { { "activity-from", "2026-02-01" }, { "activity-to", "2026-02-01" } }, "a" },
  { { { "due-from", "2026-03-01" } }, "a,c" },
  { { { "due-to", "2026-02-28" } }, "d" },
  { { { "due-from", "2026-02-28" }, { "due-to", "2026-03-01" } }, "a,d" },
  { { { "birthday-month", NULL, 3 } }, "a,c" },
  { { { "birthday-month", NULL, 12 } }, "b" },
  { { { "birthday-month", NULL, 2 } }, "e" },
  { { { "search-text", "50%_off" } }, "a" },
  { { { "search-text", "kontor" } }, ALL },
};

static const Case combined_cases[] = {
  { { { "statuses", NULL, STATUSES (PROSPECT) | STATUSES (CUSTOMER) },
      { "leads-only", NULL, TRUE } }, "a" },
  { { { "sales-rep-id", "@u2" }, { "team-id", "@t1" } }, "b" },
  { { { "group-id", "@g-static" }, { "created-from", "2026-02-01" } }, "c" },
  { { { "company-id", "@alpha" }, { "birthday-month", NULL, 3 } }, "a" },
  { { { "due-from", "2026-03-01" }, { "statuses", NULL, STATUSES (PROSPECT) } }, "a" },
  { { { "group-id", "@g-current" }, { "sales-rep-id", "@u2" } }, "b" },
  { { { "search-text", "alpha" }, { "leads-only", NULL, TRUE } }, "a,d" },
  { { { "search-text", "alpha" }, { "leads-only", NULL, TRUE },
      { "statuses", NULL, STATUSES (ARCHIVED) } }, "d" },
  { { { "team-id", "@t1" }, { "activity-from", "2026-01-01" },
      { "birthday-month", NULL, 3 } }, "c" },
  { { { "group-id", "@g-search" }, { "search-text", "kontor" } }, "a" },
  { { { "lead-project-id", "@l1" }, { "lead-status-id", "@l1-new" } }, "a,e" },
  /* a status of another project: nothing */
  { { { "lead-project-id", "@l1" }, { "lead-status-id", "@l2-new" } }, "" },
  { { { "lead-project-id", "@l1" }, { "statuses", NULL, STATUSES (CUSTOMER) } }, "b" },
  { { { "lead-project-id", "@l1" }, { "sales-rep-id", "@u1" } }, "a" },
  { { { "lead-status-id", "@l1-new" }, { "search-text", "epsilon" } }, "e" },
};

static void
set_criterion (Fixture         *fixture,
               KontorFilter    *filter,
               const Criterion *criterion)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (filter),
                                                    criterion->property);

  g_assert_nonnull (pspec);
  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING)
    g_object_set (filter, criterion->property,
                  criterion->text[0] == '@' ? id_of (fixture, criterion->text + 1)
                                            : criterion->text, NULL);
  else if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_BOOLEAN)
    g_object_set (filter, criterion->property, criterion->number != 0, NULL);
  else
    g_object_set (filter, criterion->property, criterion->number, NULL);
}

static KontorFilter *
filter_of_case (Fixture    *fixture,
                const Case *c)
{
  KontorFilter *filter = kontor_filter_new ();

  for (guint i = 0; i < G_N_ELEMENTS (c->criteria) && c->criteria[i].property != NULL; i++)
    set_criterion (fixture, filter, &c->criteria[i]);

  return filter;
}

static char *
describe_case (const Case *c)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (c->criteria) && c->criteria[i].property != NULL; i++)
    g_string_append_printf (text, "%s%s=%s", i > 0 ? " " : "", c->criteria[i].property,
                            c->criteria[i].text != NULL ? c->criteria[i].text : "(number)");

  return g_string_free (text, FALSE);
}

static void
assert_cases (Fixture    *fixture,
              const Case *cases,
              guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(KontorFilter) filter = filter_of_case (fixture, &cases[i]);
      g_autofree char *what = describe_case (&cases[i]);

      assert_selects (fixture, filter, what, cases[i].expected);
    }
}

static void
test_single_criteria (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorFilter) none = kontor_filter_new ();

  assert_selects (fixture, none, "no criteria", ALL);
  assert_cases (fixture, single_cases, G_N_ELEMENTS (single_cases));
}

static void
test_combined_criteria (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_cases (fixture, combined_cases, G_N_ELEMENTS (combined_cases));
}

static void
test_contact_ids (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  const char *none[] = { NULL };
  const char *ac[] = { id_of (fixture, "a"), id_of (fixture, "c"), NULL };
  const char *abc[] = { id_of (fixture, "a"), id_of (fixture, "b"), id_of (fixture, "c"), NULL };
  const char *hostile[] = { HOSTILE_ID, "\"]', 1) OR 1 --", id_of (fixture, "e"), NULL };

  kontor_filter_set_contact_ids (filter, ac);
  assert_selects (fixture, filter, "contact ids a, c", "a,c");

  kontor_filter_set_contact_ids (filter, abc);
  kontor_filter_set_group_id (filter, id_of (fixture, "g-current"));
  assert_selects (fixture, filter, "contact ids a, b, c in g-current", "a,b");
  kontor_filter_set_group_id (filter, NULL);

  kontor_filter_set_contact_ids (filter, hostile);
  assert_selects (fixture, filter, "hostile contact ids", "e");

  kontor_filter_set_contact_ids (filter, none);
  assert_selects (fixture, filter, "no contact ids", "");

  kontor_filter_set_contact_ids (filter, NULL);
  assert_selects (fixture, filter, "contact ids unset", ALL);
}

/* The name-sorted list is a walk of its index, which carries the status
 * (and the pipeline status); a criterion that reads the contacts' rows
 * makes SQLite read the table in its order and sort what matches, not
 * look up one row per contact in name order (kontor-store-query.c) */
static void
test_plans (Fixture       *fixture,
            gconstpointer  data)
{
  for (guint i = 0; i <= G_N_ELEMENTS (single_cases); i++)
    {
      g_autoptr(KontorFilter) filter = i < G_N_ELEMENTS (single_cases)
                                       ? filter_of_case (fixture, &single_cases[i])
                                       : kontor_filter_new ();
      g_autofree char *plan = NULL;
      gboolean walk;

      /* a pipeline status has an index of its own (the board's), which
       * SQLite may take as before */
      kontor_filter_set_search_text (filter, NULL);
      if (kontor_filter_get_pipeline_status_id (filter) != NULL)
        continue;
      walk = kontor_filter_count_criteria (filter) == (kontor_filter_get_statuses (filter) != 0);
      if (kontor_filter_get_statuses (filter) == 0)
        kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK_ACTIVE);
      plan = _kontor_store_explain_contact_query (fixture->base.store, filter);
      if (walk && (strstr (plan, "contact_sort_name") == NULL ||
                   strstr (plan, "TEMP B-TREE") != NULL))
        g_test_fail_printf ("case %u is not a walk of the name index:\n%s", i, plan);
      if (!walk && strstr (plan, "contact_sort_name") != NULL)
        g_test_fail_printf ("case %u walks the name index:\n%s", i, plan);
      /* a lead project's or status's entries from their index, never a
       * scan of lead_entry */
      if ((kontor_filter_get_lead_project_id (filter) != NULL ||
           kontor_filter_get_lead_status_id (filter) != NULL) &&
          (strstr (plan, "SCAN e") != NULL ||
           (strstr (plan, "lead_entry_status") == NULL &&
            strstr (plan, "sqlite_autoindex_lead_entry") == NULL)))
        g_test_fail_printf ("case %u reads lead_entry without its index:\n%s", i, plan);
    }
}

/* ------------------------------------------------------------------------ */
/* Hostile values */

static const char *hostile_values[] = {
  HOSTILE_ID,
  "50%_off",
  "DROP TABLE contact;",
  "\"; --",
  "back\\slash_%",
  "'; DELETE FROM contact_link; --",
  "%",
  "_",
  "2026-01-01' OR '1'='1",
  "\\",
};

/* what each finds as search text: literally, the words it holds */
static const char *hostile_found[] = {
  "e",          /* e's notes hold "x' OR '1'='1" */
  "a",          /* a's "50%_off", not d's "50% Rabatt" */
  "c",
  ALL,          /* no word at all: nothing to search for */
  "b",
  "",
  ALL,
  ALL,
  "",
  ALL,
};

static const char *tables[] = {
  "contact", "contact_link", "company", "contact_group", "contact_group_member", "app_user",
  "app_user_link", "team", "contact_search", "sqlite_master",
};

static void
count_rows (Fixture *fixture,
            gint64  *counts)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      counts[i] = kontor_test_query_int (fixture->base.store, sql, NULL);
    }
}

static void
test_hostile_values (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *string_properties[] = {
    "search-text", "pipeline-status-id", "assignee-id", "company-id", "sales-rep-id",
    "team-id", "group-id", "created-from", "created-to", "activity-from", "activity-to",
    "due-from", "due-to",
  };
  gint64 before[G_N_ELEMENTS (tables)];
  gint64 after[G_N_ELEMENTS (tables)];

  G_STATIC_ASSERT (G_N_ELEMENTS (hostile_values) == G_N_ELEMENTS (hostile_found));

  count_rows (fixture, before);

  for (guint v = 0; v < G_N_ELEMENTS (hostile_values); v++)
    {
      for (guint p = 0; p < G_N_ELEMENTS (string_properties); p++)
        {
          g_autoptr(KontorFilter) filter = kontor_filter_new ();
          g_autofree char *what = g_strdup_printf ("%s = “%s”", string_properties[p],
                                                   hostile_values[v]);
          const char *expected = "";

          g_object_set (filter, string_properties[p], hostile_values[v], NULL);
          if (p == 0)
            expected = hostile_found[v];
          else if (g_str_equal (hostile_values[v], HOSTILE_ID) &&
                   g_str_equal (string_properties[p], "company-id"))
            expected = "b";
          else if (g_str_equal (hostile_values[v], HOSTILE_ID) &&
                   g_str_equal (string_properties[p], "group-id"))
            expected = "d";

          assert_selects (fixture, filter, what, expected);

          /* the same in a dynamic group's stored filter */
            {
              g_autoptr(KontorFilter) outer = kontor_filter_new ();
              g_autoptr(KontorGroup) group = kontor_group_new ("hostile");
              g_autofree char *text = kontor_filter_to_string (filter);

              kontor_group_set_is_dynamic (group, TRUE);
              kontor_group_set_filter (group, text);
              kontor_test_save (fixture->base.store, group);
              kontor_filter_set_group_id (outer, kontor_record_get_id (KONTOR_RECORD (group)));
              g_free (what);
              what = g_strdup_printf ("group of %s", text);
              assert_selects (fixture, outer, what, expected);
              g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (group),
                                                  NULL));
            }
        }
    }

  count_rows (fixture, after);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (after[i], ==, before[i]);
}

/* ------------------------------------------------------------------------ */
/* The order cache */

/* Search as you type answers from the rows of the filter without its
 * search, kept until the store changes: a filter that differs in one
 * criterion must never get the rows of the other. */
static void
test_order_cache (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (single_cases); i++)
    {
      g_autoptr(KontorFilter) plain = kontor_filter_new ();
      g_autoptr(KontorFilter) filter = filter_of_case (fixture, &single_cases[i]);
      g_autofree char *what = describe_case (&single_cases[i]);
      g_autofree char *all = NULL;
      g_autofree char *found = NULL;

      if (kontor_filter_get_search_text (filter) != NULL)
        continue;

      /* every contact has an address at kontor.example */
      kontor_filter_set_search_text (plain, "kontor");
      kontor_filter_set_search_text (filter, "kontor");
      all = query_keys (fixture, plain);
      g_assert_cmpstr (all, ==, ALL);
      found = query_keys (fixture, filter);
      if (g_strcmp0 (found, single_cases[i].expected) != 0)
        g_test_fail_printf ("%s after no filter: [%s], expected [%s]", what, found,
                            single_cases[i].expected);

      /* and back */
      g_free (all);
      all = query_keys (fixture, plain);
      g_assert_cmpstr (all, ==, ALL);
    }
}

/* ------------------------------------------------------------------------ */
/* As text */

static void
test_round_trip (void)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorFilter) empty = kontor_filter_new ();
  g_autoptr(KontorFilter) read = NULL;
  g_autoptr(KontorFilter) read_empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;
  g_autofree char *again = NULL;
  const char *ids[] = { "c1", NULL };

  empty_text = kontor_filter_to_string (empty);
  g_assert_cmpstr (empty_text, ==, "{}");
  g_assert_true (kontor_filter_is_empty_criteria (empty));
  g_assert_cmpuint (kontor_filter_count_criteria (empty), ==, 0);
  read_empty = kontor_filter_new_from_string (empty_text, &error);
  g_assert_no_error (error);
  g_assert_true (kontor_filter_equal (read_empty, empty));

  /* the sort is no criterion */
  kontor_filter_set_sort_column (filter, KONTOR_SORT_COMPANY);
  g_assert_true (kontor_filter_is_empty_criteria (filter));

  kontor_filter_set_search_text (filter, "Müller \"50%_off\" \\ ' OR '1'='1 \n");
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK_ACTIVE);
  kontor_filter_set_leads_only (filter, TRUE);
  kontor_filter_set_pipeline_status_id (filter, OFFER_ID);
  kontor_filter_set_assignee_id (filter, "u\"1");
  kontor_filter_set_company_id (filter, HOSTILE_ID);
  kontor_filter_set_sales_rep_id (filter, "u2");
  kontor_filter_set_team_id (filter, "t1");
  kontor_filter_set_group_id (filter, "g\\1");
  kontor_filter_set_created_from (filter, "2026-01-01");
  kontor_filter_set_created_to (filter, "2026-01-31");
  kontor_filter_set_activity_from (filter, "2026-02-01");
  kontor_filter_set_activity_to (filter, "2026-02-28");
  kontor_filter_set_due_from (filter, "2026-03-01");
  kontor_filter_set_due_to (filter, "2026-03-31");
  kontor_filter_set_birthday_month (filter, 12);
  kontor_filter_set_lead_project_id (filter, "l\"1");
  kontor_filter_set_lead_status_id (filter, "s1");
  g_assert_false (kontor_filter_is_empty_criteria (filter));
  /* 15 values, 3 of them the ends of ranges that have their start, the
   * lead status one with its project */
  g_assert_cmpuint (kontor_filter_count_criteria (filter), ==, 14);

  text = kontor_filter_to_string (filter);
  g_assert_nonnull (strstr (text, "[\"prospect\",\"customer\"]"));
  read = kontor_filter_new_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpint (kontor_filter_get_sort_column (read), ==, KONTOR_SORT_NAME);
  kontor_filter_set_sort_column (read, KONTOR_SORT_COMPANY);
  g_assert_true (kontor_filter_equal (read, filter));
  again = kontor_filter_to_string (read);
  g_assert_cmpstr (again, ==, text);

  /* contact ids: compared, counted, not written */
  kontor_filter_set_contact_ids (filter, ids);
  g_assert_false (kontor_filter_equal (read, filter));
  g_assert_cmpuint (kontor_filter_count_criteria (filter), ==, 15);
  g_free (again);
  again = kontor_filter_to_string (filter);
  g_assert_cmpstr (again, ==, text);
  g_clear_object (&read);
  read = kontor_filter_copy (filter);
  g_assert_true (kontor_filter_equal (read, filter));
  g_assert_cmpstrv (kontor_filter_get_contact_ids (read), ids);

  /* what a newer Kontor writes besides is ignored */
  g_clear_object (&read);
  read = kontor_filter_new_from_string ("{\"colour\": [1, {\"a\": null}], \"leads-only\": true,"
                                        " \"company-id\": null, \"sort-column\": 3}", &error);
  g_assert_no_error (error);
  g_assert_true (kontor_filter_get_leads_only (read));
  g_assert_cmpuint (kontor_filter_count_criteria (read), ==, 1);

  /* a lead status alone is a criterion too */
  g_clear_object (&read);
  read = kontor_filter_new ();
  kontor_filter_set_lead_status_id (read, "s1");
  g_assert_cmpuint (kontor_filter_count_criteria (read), ==, 1);
}

static void
count_changed (KontorFilter *filter,
               guint        *n_changed)
{
  (*n_changed)++;
}

/* Every criterion is a property: set, it says "changed" once; set to the
 * same value, nothing */
static void
test_changed_signal (void)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorFilter) before = NULL;
  const char *ids[] = { "c1", NULL };
  const char *other_ids[] = { "c1", "c2", NULL };
  static const char *strings[] = {
    "sales-rep-id", "team-id", "group-id", "created-from", "created-to", "activity-from",
    "activity-to", "due-from", "due-to",
  };
  guint n_changed = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_changed), &n_changed);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_clear_object (&before);
      before = kontor_filter_copy (filter);
      g_object_set (filter, strings[i], "2026-01-01", NULL);
      g_assert_cmpuint (n_changed, ==, 2 * i + 1);
      g_assert_false (kontor_filter_equal (before, filter));
      g_object_set (filter, strings[i], "2026-01-01", NULL);
      g_assert_cmpuint (n_changed, ==, 2 * i + 1);
      g_object_set (filter, strings[i], "2026-01-02", NULL);
      g_assert_cmpuint (n_changed, ==, 2 * i + 2);
    }

  n_changed = 0;
  kontor_filter_set_birthday_month (filter, 5);
  kontor_filter_set_birthday_month (filter, 5);
  g_assert_cmpuint (n_changed, ==, 1);
  g_object_set (filter, "birthday-month", 6, NULL);
  g_assert_cmpuint (kontor_filter_get_birthday_month (filter), ==, 6);
  g_assert_cmpuint (n_changed, ==, 2);

  kontor_filter_set_contact_ids (filter, ids);
  kontor_filter_set_contact_ids (filter, ids);
  g_assert_cmpuint (n_changed, ==, 3);
  kontor_filter_set_contact_ids (filter, other_ids);
  g_assert_cmpuint (n_changed, ==, 4);
  g_clear_object (&before);
  before = kontor_filter_copy (filter);
  kontor_filter_set_contact_ids (filter, NULL);
  g_assert_cmpuint (n_changed, ==, 5);
  g_assert_false (kontor_filter_equal (before, filter));
}

static void
test_garbage (void)
{
  g_autoptr(GString) deep_array = g_string_new (NULL);
  g_autoptr(GString) deep_object = g_string_new ("{\"statuses\": ");
  g_autoptr(GString) long_text = g_string_new ("{\"search-text\": \"");
  const char *garbage[] = {
    "",
    "{",
    /* json-glib reads the first value, drops the rest and leaks it */
    "{\"statuses\": [\"prospect\"]}{\"leads-only\": true}",
    "\"2026-02-29\"{\"created-from\": \"2026-01-01\"}",
    "{\"statuses\": [\"prospect\"",
    "{\"company-id\": \"abc",
    "[]",
    "42",
    "null",
    "\"text\"",
    "{\"company-id\": 5}",
    "{\"company-id\": [\"a\"]}",
    "{\"company-id\": {}}",
    "{\"leads-only\": \"yes\"}",
    "{\"leads-only\": 1}",
    "{\"statuses\": \"prospect\"}",
    "{\"statuses\": [\"vip\"]}",
    "{\"statuses\": [1]}",
    "{\"statuses\": [null]}",
    "{\"birthday-month\": 13}",
    "{\"birthday-month\": -1}",
    "{\"birthday-month\": \"3\"}",
    "{\"birthday-month\": 3.5}",
    "{\"birthday-month\": 99999999999999999999999999}",
    "{\"birthday-month\": -99999999999999999999999999}",
    "{\"birthday-month\": 1e400}",
    "{\"birthday-month\": 9223372036854775807}",
    "{\"due-from\": \"2026-02-30\"}",
    "{\"due-from\": \"yesterday\"}",
    "{\"created-to\": \"2026-1-1\"}",
    "{\"activity-from\": \"2026-01-01' OR '1'='1\"}",
    "\xff\xfe{}",
    "{\"search-text\": \"\xc3\"}",
    NULL, NULL, NULL,
  };

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep_array, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep_object, "{\"a\": ");
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (long_text, 'x');
  g_string_append (long_text, "\"}");
  garbage[G_N_ELEMENTS (garbage) - 3] = deep_array->str;
  garbage[G_N_ELEMENTS (garbage) - 2] = deep_object->str;
  garbage[G_N_ELEMENTS (garbage) - 1] = long_text->str;

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KontorFilter) filter = kontor_filter_new_from_string (garbage[i], &error);

      /* the texts are not all UTF-8: by number in the test's output */
      if (filter != NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        g_test_fail_printf ("garbage %u was read as a filter (%s)", i,
                            error != NULL ? error->message : "no error");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  FILTER_TEST ("/filter/criteria/single", test_single_criteria);
  FILTER_TEST ("/filter/criteria/combined", test_combined_criteria);
  FILTER_TEST ("/filter/criteria/contact-ids", test_contact_ids);
  FILTER_TEST ("/filter/criteria/plans", test_plans);
  FILTER_TEST ("/filter/hostile-values", test_hostile_values);
  FILTER_TEST ("/filter/order-cache", test_order_cache);
  g_test_add_func ("/filter/changed", test_changed_signal);
  g_test_add_func ("/filter/string/round-trip", test_round_trip);
  g_test_add_func ("/filter/string/garbage", test_garbage);

  return g_test_run ();
}
