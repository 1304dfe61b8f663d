/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* `kontor import|export|list` as a script runs them (feature G5,
 * src/README.md "The command line"): the built program, started without a
 * display or a D-Bus session, in English and German. */

#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kontor-csv-mapping.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"

typedef struct
{
  char        *dir;
  char        *path;       /* a database with Müller and Łukasz */
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs the program with @language, no display, no session bus; the
 * arguments end with NULL */
/* the settings of the program when not the memory backend's (a saved
 * mapping): its XDG_CONFIG_HOME with a keyfile */
static const char *config_home;
/* the program's standard input when not the test's: a file, or a
 * descriptor taken (a terminal's) */
static const char *stdin_path;
static int stdin_fd = -1;
/* its XDG_CACHE_HOME, where `kontor import -` spools the standard input */
static const char *cache_home;

static GSubprocessLauncher *
new_launcher (GSubprocessFlags  flags,
              const char       *language)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                "unix:path=/nonexistent/kontor-test-bus", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  if (config_home != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
    }
  if (cache_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  if (stdin_fd >= 0)
    {
      g_subprocess_launcher_take_stdin_fd (launcher, stdin_fd);
      stdin_fd = -1;
    }

  return launcher;
}

static void
run (Result     *result,
     const char *language,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, language);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KONTOR_BINARY"));
  va_start (args, language);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static KontorContact *
make_contact (const char *first,
              const char *last,
              const char *company,
              const char *email)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);
  kontor_contact_set_company_name (contact, company);
  kontor_contact_add_email (contact, "work", email);

  return contact;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorContact) mueller = make_contact ("Jürgen", "Müller", "Müller GmbH",
                                                   "j.mueller@example.de");
  g_autoptr(KontorContact) lukasz = make_contact ("Łukasz", "Nowak", NULL,
                                                  "lukasz@example.pl");

  fixture->dir = kontor_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "kontor.db", NULL);
  store = kontor_store_open (fixture->path, NULL);
  g_assert_nonnull (store);

  kontor_contact_set_status (mueller, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_contact_add_phone (mueller, "mobile", "0171 2345678");
  kontor_contact_set_city (mueller, "Köln");
  kontor_contact_set_birthday (mueller, "1970-04-15");
  kontor_contact_set_customer_number (mueller, "K-1");
  kontor_test_save (store, mueller);
  kontor_contact_set_status (lukasz, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_test_save (store, lukasz);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
scratch_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static JsonArray *
list_json (const char *database,
           const char *filter)
{
  g_auto(Result) result = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (filter != NULL)
    run (&result, "en", "list", "--json", "--database", database, "--filter", filter, NULL);
  else
    run (&result, "en", "list", "--json", "--database", database, NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);

  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));

  return json_array_ref (json_node_get_array (root));
}

static guint
count_contacts (const char *database)
{
  g_autoptr(JsonArray) contacts = list_json (database, NULL);

  return json_array_get_length (contacts);
}

static JsonObject *
find_by_last_name (JsonArray  *contacts,
                   const char *last_name)
{
  for (guint i = 0; i < json_array_get_length (contacts); i++)
    {
      JsonObject *object = json_array_get_object_element (contacts, i);

      if (g_strcmp0 (json_object_get_string_member (object, "last_name"), last_name) == 0)
        return object;
    }

  g_assert_not_reached ();
}

/* The fields the manual page documents under "JSON FIELDS" */
static GPtrArray *
documented_fields (void)
{
  g_autofree char *page_path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                      "kontor.1", NULL);
  g_autofree char *page = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  gboolean in_section = FALSE;

  g_assert_true (g_file_get_contents (page_path, &page, NULL, NULL));
  lines = g_strsplit (page, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      if (g_str_has_prefix (lines[i], ".SH"))
        in_section = g_str_equal (lines[i], ".SH JSON FIELDS");
      /* .TP, then .BR title ", " first_name ", " … */
      if (!in_section || i == 0 || !g_str_equal (lines[i - 1], ".TP") ||
          !(g_str_has_prefix (lines[i], ".B ") || g_str_has_prefix (lines[i], ".BR ")))
        continue;
      words = g_strsplit_set (strchr (lines[i], ' ') + 1, " \",", -1);
      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_ptr_array_add (fields, g_strdup (words[w]));
    }
  g_assert_cmpuint (fields->len, >, 20);

  return fields;
}

static void
test_list_fields (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonArray) contacts = list_json (fixture->path, NULL);
  g_autoptr(GPtrArray) fields = documented_fields ();
  g_auto(Result) help = { 0, };
  JsonObject *mueller;
  JsonArray *emails;
  JsonArray *phones;

  g_assert_cmpuint (json_array_get_length (contacts), ==, 2);

  /* every object has exactly the documented members */
  for (guint i = 0; i < json_array_get_length (contacts); i++)
    {
      JsonObject *object = json_array_get_object_element (contacts, i);
      g_autoptr(GList) members = json_object_get_members (object);

      for (guint f = 0; f < fields->len; f++)
        g_assert_true (json_object_has_member (object, g_ptr_array_index (fields, f)));
      g_assert_cmpuint (g_list_length (members), ==, fields->len);
    }

  mueller = find_by_last_name (contacts, "Müller");
  g_assert_cmpstr (json_object_get_string_member (mueller, "first_name"), ==, "Jürgen");
  g_assert_cmpstr (json_object_get_string_member (mueller, "company"), ==, "Müller GmbH");
  g_assert_cmpstr (json_object_get_string_member (mueller, "status"), ==, "customer");
  g_assert_cmpstr (json_object_get_string_member (mueller, "city"), ==, "Köln");
  g_assert_cmpstr (json_object_get_string_member (mueller, "birthday"), ==, "1970-04-15");
  g_assert_cmpstr (json_object_get_string_member (mueller, "customer_number"), ==, "K-1");
  g_assert_true (json_object_get_null_member (mueller, "street"));
  g_assert_false (json_object_get_boolean_member (mueller, "marketing_objection"));
  emails = json_object_get_array_member (mueller, "emails");
  g_assert_cmpuint (json_array_get_length (emails), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (emails, 0),
                                                  "value"), ==, "j.mueller@example.de");
  phones = json_object_get_array_member (mueller, "phones");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (phones, 0),
                                                  "label"), ==, "mobile");

  /* and `kontor --help` and `kontor list --help` name each of them */
  run (&help, "en", "list", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  for (guint f = 0; f < fields->len; f++)
    g_assert_nonnull (strstr (help.out, g_ptr_array_index (fields, f)));
  result_clear (&help);
  run (&help, "en", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "kontor import FILE"));
  g_assert_nonnull (strstr (help.out, "kontor export --format"));
  g_assert_nonnull (strstr (help.out, "kontor list --json"));
  for (guint f = 0; f < fields->len; f++)
    g_assert_nonnull (strstr (help.out, g_ptr_array_index (fields, f)));
}

/* Every control character a text may hold is escaped: a strict parser
 * (Python's, jq) takes the output. json-glib 1.6 left U+001F as it was.
 * The model refuses control characters other than tab and line breaks,
 * but another program (sqlite3, a script) may have written them. */
static void
test_list_escapes (Fixture       *fixture,
                   gconstpointer  data)
{
  const char notes[] = "tab\there \x01 unit\x1fseparator \"quoted\" back\\slash\r\nline";
  sqlite3 *db = NULL;
  g_autoptr(KontorStore) store = kontor_store_open (fixture->path, NULL);
  g_autoptr(KontorContact) odd = make_contact ("Odd", "Zeichen", NULL, "odd@example.de");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Result) result = { 0, };
  g_auto(GStrv) lines = NULL;
  JsonObject *object;

  kontor_test_save (store, odd);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE contact SET notes = 'tab' || char (9) || 'here ' || "
                                 "char (1) || ' unit' || char (31) || 'separator \"quoted\" "
                                 "back\\slash' || char (13, 10) || 'line' "
                                 "WHERE last_name = 'Zeichen'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  run (&result, "en", "list", "--json", "--filter", "zeichen", "--database", fixture->path,
       NULL);
  g_assert_cmpint (result.status, ==, 0);
  /* the lines between the objects are the only raw control characters */
  lines = g_strsplit (result.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    for (const char *p = lines[i]; *p != '\0'; p++)
      g_assert_cmpint ((guchar) *p, >=, 0x20);
  g_assert_nonnull (strstr (result.out, "unit\\u001fseparator"));

  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  object = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "notes"), ==, notes);
}

static void assert_refused (const char *language,
                            int         status,
                            const char *message,
                            ...) G_GNUC_NULL_TERMINATED;

static guint
count_filtered (Fixture    *fixture,
                const char *filter)
{
  g_autoptr(JsonArray) contacts = list_json (fixture->path, filter);

  return json_array_get_length (contacts);
}

static void
test_list_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpuint (count_filtered (fixture, "status:customer"), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "status:kunde"), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "status:kunde,interessent"), ==, 2);
  g_assert_cmpuint (count_filtered (fixture, "status:archived"), ==, 0);
  g_assert_cmpuint (count_filtered (fixture, "mueller"), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "company:\"Mueller GmbH\""), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "{\"statuses\": [\"prospect\"]}"), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "created:..2000-01-01"), ==, 0);
  g_assert_cmpuint (count_filtered (fixture, ""), ==, 2);
  /* the search entry's operators and "not" (feature X10) */
  g_assert_cmpuint (count_filtered (fixture, "-status:kunde"), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "status:kunde -status:customer"), ==, 0);
  g_assert_cmpuint (count_filtered (fixture, "-mueller"), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "fällig:überfällig"), ==, 0);
  assert_refused ("en", 2, "“fällig:” knows no “morgen”", "list", "--json", "--database",
                  fixture->path, "--filter", "fällig:morgen", NULL);
}

/* A bad call: @status, and @message in @language on stderr; nothing on
 * stdout */
static void
assert_refused (const char *language,
                int         status,
                const char *message,
                ...)
{
  g_auto(Result) result = { 0, };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *args[12] = { NULL, };
  const char *arg;
  guint n = 0;
  va_list list;

  va_start (list, message);
  while ((arg = va_arg (list, const char *)) != NULL && n < G_N_ELEMENTS (args) - 1)
    args[n++] = arg;
  va_end (list);

  run (&result, language, args[0], args[1], args[2], args[3], args[4], args[5], args[6],
       args[7], args[8], args[9], args[10], NULL);
  if (strstr (result.err, message) == NULL)
    g_error ("“%s” not in “%s”", message, result.err);
  g_assert_cmpint (result.status, ==, status);
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  const char *language = data;
  gboolean de = g_str_equal (language, "de");
  g_autofree char *missing_db = scratch_path (fixture, "missing.db");
  g_autofree char *missing_file = scratch_path (fixture, "missing.csv");
  g_autofree char *empty = scratch_path (fixture, "empty.csv");
  g_autofree char *binary = scratch_path (fixture, "photo.csv");
  g_autofree char *cut = scratch_path (fixture, "cut.vcf");
  g_autofree char *other_name = scratch_path (fixture, "same-database.csv");
  g_autofree char *broken_db = scratch_path (fixture, "broken.db");
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db = NULL;
  g_autofree char *missing_wal = scratch_path (fixture, "missing.db-wal");
  g_autofree char *out = scratch_path (fixture, "out.csv");
  g_autofree char *names = scratch_path (fixture, "names.csv");
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (names, "First Name,Last Name\nAnna,Schmidt\n", -1, NULL));
  g_assert_true (g_file_set_contents (binary, png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (cut, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\n"
                                      "N:Schmidt;Anna;;;\r\n", -1, NULL));

  assert_refused (language, 1, de ? "Es gibt keine Kontaktdatenbank" : "There is no contacts database",
                  "list", "--json", "--database", missing_db, NULL);
  assert_refused (language, 2, de ? "braucht --json" : "needs --json",
                  "list", "--database", fixture->path, NULL);
  assert_refused (language, 2, de ? "Unbekannter Status" : "Unknown status",
                  "list", "--json", "--database", fixture->path, "--filter", "status:foo", NULL);
  assert_refused (language, 2, de ? "kennt kein" : "knows no",
                  "list", "--json", "--database", fixture->path, "--filter", "color:red", NULL);
  assert_refused (language, 2, "--bogus", "list", "--json", "--bogus", NULL);
  assert_refused (language, 2, de ? "--format csv, vcard oder ical" : "--format csv, vcard or ical",
                  "export", "--database", fixture->path, out, NULL);
  assert_refused (language, 2, "xls", "export", "--format", "xls", "--database", fixture->path,
                  out, NULL);
  assert_refused (language, 1, "missing.csv", "import", missing_file, "--database", fixture->path,
                  NULL);
  assert_refused (language, 1, "empty.csv", "import", empty, "--database", fixture->path, NULL);
  assert_refused (language, 1, "photo.csv", "import", binary, "--database", fixture->path, NULL);
  /* a file found bad only when read through makes no database either */
  assert_refused (language, 1, "cut.vcf", "import", cut, "--database", missing_db, NULL);
  assert_refused (language, 2, de ? "keine gespeicherte CSV-Zuordnung" : "no saved CSV mapping",
                  "import", names, "--mapping", "Outlook", "--database", fixture->path, NULL);
  assert_refused (language, 2, "sometimes", "import", empty, "--mode", "sometimes", NULL);
  /* a filter's names that cannot be looked up are a failure, not a bad
   * argument (1, not 2) */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (broken_db, contents, length, NULL));
  g_assert_cmpint (sqlite3_open (broken_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE contact_group", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (language, 1, "contact_group", "list", "--json", "--database", broken_db,
                  "--filter", "group:Messe", NULL);
  assert_refused (language, 1, "contact_group", "export", "--format", "csv", "--database",
                  broken_db, "--filter", "group:Messe", "-", NULL);
  /* an export over the database itself, by any name, is refused */
  g_assert_cmpint (link (fixture->path, other_name), ==, 0);
  assert_refused (language, 2, de ? "die Kontaktdatenbank selbst" : "the contacts database itself",
                  "export", "--format", "csv", "--database", fixture->path, other_name, NULL);
  assert_refused (language, 2, "kontor.db", "export", "--format", "csv", "--database",
                  fixture->path, fixture->path, NULL);
  g_assert_cmpuint (count_contacts (fixture->path), ==, 2);
  g_unlink (other_name);
  /* the failed imports made no database */
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing_wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* A database in a folder the user may not write to: SQLite's "unable to
 * open database file" becomes what to do. Root writes anywhere, so the
 * test runs as another user only. */
/* Müller in "Messe Hannover 2027" in a status of the project's own,
 * Nowak in "Wartung" as new: leadproject: and leadstatus: (in either
 * order) pick them; a status is looked up in its project only */
static void
test_list_filter_leads (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorStore) store = kontor_store_open (fixture->path, NULL);
  g_autoptr(KontorLeadProject) fair = kontor_lead_project_new ("Messe Hannover 2027");
  g_autoptr(KontorLeadProject) service = kontor_lead_project_new ("Wartung");
  g_autoptr(GPtrArray) fair_statuses = NULL;
  g_autoptr(GPtrArray) service_statuses = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorLeadStatus) offer = NULL;
  g_autoptr(KontorLeadEntry) mueller = NULL;
  g_autoptr(KontorLeadEntry) nowak = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *fair_id, *service_id;

  g_assert_true (kontor_store_create_lead_project (store, fair, &error));
  g_assert_true (kontor_store_create_lead_project (store, service, &error));
  g_assert_no_error (error);
  fair_id = kontor_record_get_id (KONTOR_RECORD (fair));
  service_id = kontor_record_get_id (KONTOR_RECORD (service));
  fair_statuses = kontor_store_list_lead_statuses (store, fair_id, &error);
  service_statuses = kontor_store_list_lead_statuses (store, service_id, &error);
  g_assert_no_error (error);
  /* a status of the users' goes before won (1) and lost (2) */
  kontor_lead_status_set_position (g_ptr_array_index (fair_statuses, 2), 3);
  kontor_test_save (store, g_ptr_array_index (fair_statuses, 2));
  kontor_lead_status_set_position (g_ptr_array_index (fair_statuses, 1), 2);
  kontor_test_save (store, g_ptr_array_index (fair_statuses, 1));
  offer = kontor_lead_status_new (fair_id, "Angebot", 1);
  kontor_test_save (store, offer);

  contact = kontor_store_find_contact_by_email (store, "j.mueller@example.de", &error);
  g_assert_nonnull (contact);
  mueller = kontor_lead_entry_new (fair_id, kontor_record_get_id (KONTOR_RECORD (contact)),
                                   kontor_record_get_id (KONTOR_RECORD (offer)));
  g_clear_object (&contact);
  contact = kontor_store_find_contact_by_email (store, "lukasz@example.pl", &error);
  g_assert_nonnull (contact);
  nowak = kontor_lead_entry_new (service_id, kontor_record_get_id (KONTOR_RECORD (contact)),
                                 kontor_record_get_id (g_ptr_array_index (service_statuses, 0)));
  kontor_test_save (store, mueller);
  kontor_test_save (store, nowak);
  g_clear_object (&store);

  g_assert_cmpuint (count_filtered (fixture, "leadproject:\"Messe Hannover 2027\""), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "leadproject:wartung"), ==, 1);
  found = list_json (fixture->path, "leadproject:\"Messe Hannover 2027\" leadstatus:angebot");
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_assert_nonnull (find_by_last_name (found, "Müller"));
  /* the status first: read once the project is known */
  g_assert_cmpuint (count_filtered (fixture, "leadstatus:Angebot leadproject:\"Messe Hannover 2027\""),
                    ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "leadproject:Wartung leadstatus:New"), ==, 1);
  g_assert_cmpuint (count_filtered (fixture, "leadproject:\"Messe Hannover 2027\" leadstatus:New"),
                    ==, 0);
  g_assert_cmpuint (count_filtered (fixture, "leadproject:Wartung status:customer"), ==, 0);

  /* "Angebot" is the fair's: not a status of "Wartung" */
  assert_refused ("en", 2, "“Angebot” does not exist", "list", "--json", "--database",
                  fixture->path, "--filter", "leadproject:Wartung leadstatus:Angebot", NULL);
  assert_refused ("de", 2, "leadproject:NAME", "list", "--json", "--database", fixture->path,
                  "--filter", "leadstatus:Angebot", NULL);
  assert_refused ("en", 2, "“Messe 2030” does not exist", "list", "--json", "--database",
                  fixture->path, "--filter", "leadproject:\"Messe 2030\"", NULL);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *folder = scratch_path (fixture, "read-only");
  g_autofree char *copy = g_build_filename (folder, "kontor.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write to any folder");
      return;
    }

  /* a reader first folds the write-ahead log into the file */
  g_assert_cmpuint (count_contacts (fixture->path), ==, 2);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_cmpint (g_chmod (copy, 0444), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  assert_refused ("en", 1, "is read-only", "list", "--json", "--database", copy, NULL);
  assert_refused ("de", 1, "schreibgeschützt", "export", "--format", "csv", "--database", copy,
                  "-", NULL);

  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
}

static JsonObject *
only_contact (JsonArray *contacts)
{
  g_assert_cmpuint (json_array_get_length (contacts), >, 0);
  return json_array_get_object_element (contacts, 0);
}

/* Exports as @format (with @option), imports the file into a new
 * database and compares what a person would */
static void
round_trip (Fixture    *fixture,
            const char *format,
            const char *option,
            const char *value)
{
  g_autofree char *file = scratch_path (fixture, g_str_equal (format, "csv") ? "out.csv" : "out.vcf");
  g_autofree char *copy = scratch_path (fixture, "copy.db");
  g_auto(Result) exported = { 0, };
  g_auto(Result) imported = { 0, };
  g_autoptr(JsonArray) before = NULL;
  g_autoptr(JsonArray) after = NULL;
  const char * const compared[] = {
    "first_name", "last_name", "company", "city", "birthday", "customer_number", NULL
  };

  run (&exported, "en", "export", "--format", format, "--database", fixture->path,
       option, value, file, NULL);
  g_assert_cmpstr (exported.out, ==, "");
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_nonnull (strstr (exported.err, "2 contacts exported"));

  run (&imported, "en", "import", file, "--database", copy, NULL);
  g_assert_cmpstr (imported.err, ==, "");
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.out, "2 contacts created."));

  before = list_json (fixture->path, "mueller");
  after = list_json (copy, "mueller");
  for (guint i = 0; compared[i] != NULL; i++)
    g_assert_cmpstr (json_object_get_string_member (only_contact (before), compared[i]), ==,
                     json_object_get_string_member (only_contact (after), compared[i]));
  g_assert_cmpstr (json_object_get_string_member (only_contact (after), "status"), ==, "inbox");
  g_assert_true (json_node_equal (json_object_get_member (only_contact (before), "emails"),
                                  json_object_get_member (only_contact (after), "emails")));
  g_assert_true (json_node_equal (json_object_get_member (only_contact (before), "phones"),
                                  json_object_get_member (only_contact (after), "phones")));
  g_unlink (copy);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  round_trip (fixture, "csv", "--preset", "rfc4180");
  round_trip (fixture, "vcard", "--version", "4.0");
  round_trip (fixture, "vcard", "--version", "3.0");
}

static void
test_export_excel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *file = scratch_path (fixture, "excel.csv");
  g_autofree char *new_file = scratch_path (fixture, "new-excel.csv");
  const char old_text[] = "the file as it was\n";
  g_auto(Result) result = { 0, };
  g_autofree char *contents = NULL;
  gsize length;

  /* Łukasz has no place in Windows-1252: nothing is written, the old
   * file stays */
  g_assert_true (g_file_set_contents (file, old_text, -1, NULL));
  run (&result, "en", "export", "--format", "csv", "--preset", "excel-de", "--database",
       fixture->path, file, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "“Ł”"));
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, old_text);
  g_clear_pointer (&contents, g_free);
  result_clear (&result);

  /* nor is a new file left half written */
  run (&result, "en", "export", "--format", "csv", "--preset", "excel-de", "--database",
       fixture->path, new_file, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "new-excel.csv"));
  g_assert_false (g_file_test (new_file, G_FILE_TEST_EXISTS));
  result_clear (&result);

  /* the customers only: Windows-1252, semicolons, German dates */
  run (&result, "en", "export", "--format", "csv", "--preset", "excel-de", "--filter",
       "status:kunde", "--database", fixture->path, file, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  g_assert_false (g_utf8_validate (contents, length, NULL));
  g_assert_nonnull (strstr (contents, ";J\xfcrgen;M\xfcller;"));
  g_assert_nonnull (strstr (contents, ";15.04.1970;"));
  g_assert_null (strstr (contents, "Nowak"));
}

static void
test_export_stdout (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Result) cards = { 0, };
  g_auto(Result) calendar = { 0, };
  guint n_cards = 0;

  run (&cards, "en", "export", "--format", "vcard", "--database", fixture->path, "-", NULL);
  g_assert_cmpint (cards.status, ==, 0);
  g_assert_cmpstr (cards.err, ==, "");
  for (const char *p = cards.out; (p = strstr (p, "BEGIN:VCARD")) != NULL; p++)
    n_cards++;
  g_assert_cmpuint (n_cards, ==, 2);
  g_assert_nonnull (strstr (cards.out, "VERSION:4.0"));

  run (&calendar, "en", "export", "--format", "ical", "--database", fixture->path, "-", NULL);
  g_assert_cmpint (calendar.status, ==, 0);
  g_assert_true (g_str_has_prefix (calendar.out, "BEGIN:VCALENDAR"));
}

/* --for-mailing leaves out who objects to marketing (feature X11) and
 * says how many, in the run's language; without it everyone is written */
static void
test_export_for_mailing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *file = scratch_path (fixture, "mailing.csv");
  g_autofree char *contents = NULL;
  g_auto(Result) result = { 0, };
  g_auto(Result) german = { 0, };
  g_auto(Result) everyone = { 0, };
  g_auto(Result) calendar = { 0, };

  {
    g_autoptr(KontorStore) store = kontor_store_open (fixture->path, NULL);
    g_autoptr(KontorContact) lukasz = NULL;
    g_autoptr(KontorFilter) filter = kontor_filter_new ();
    g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_assert_nonnull (store);
    g_assert_true (kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, NULL));
    for (guint i = 0; i < rowids->len && lukasz == NULL; i++)
      {
        g_autoptr(KontorContact) contact =
          kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT,
                                      g_array_index (rowids, gint64, i), NULL);

        if (g_strcmp0 (kontor_contact_get_last_name (contact), "Nowak") == 0)
          lukasz = g_steal_pointer (&contact);
      }
    g_assert_nonnull (lukasz);
    kontor_contact_set_marketing_objection (lukasz, TRUE);
    kontor_test_save (store, lukasz);
  }

  {
    g_autoptr(JsonArray) contacts = list_json (fixture->path, NULL);

    g_assert_true (json_object_get_boolean_member (find_by_last_name (contacts, "Nowak"),
                                                   "marketing_objection"));
    g_assert_false (json_object_get_boolean_member (find_by_last_name (contacts, "Müller"),
                                                    "marketing_objection"));
  }

  run (&result, "en", "export", "--format", "csv", "--for-mailing", "--database",
       fixture->path, file, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.err, "1 contact exported to"));
  g_assert_nonnull (strstr (result.err, "1 contact left out: objects to marketing."));
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Müller"));
  g_assert_null (strstr (contents, "Nowak"));
  g_clear_pointer (&contents, g_free);

  run (&german, "de", "export", "--format", "vcard", "--for-mailing", "--database",
       fixture->path, "-", NULL);
  g_assert_cmpint (german.status, ==, 0);
  g_assert_nonnull (strstr (german.out, "Müller"));
  g_assert_null (strstr (german.out, "Nowak"));
  g_assert_nonnull (strstr (german.err, "Werbewiderspruch"));

  run (&everyone, "en", "export", "--format", "csv", "--database", fixture->path, "-", NULL);
  g_assert_cmpint (everyone.status, ==, 0);
  g_assert_nonnull (strstr (everyone.out, "Nowak"));
  g_assert_null (strstr (everyone.err, "left out"));

  run (&calendar, "en", "export", "--format", "ical", "--for-mailing", "--database",
       fixture->path, "-", NULL);
  g_assert_cmpint (calendar.status, ==, 2);
}

static void
test_import_dry_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *file = scratch_path (fixture, "new.csv");
  g_autofree char *fresh = scratch_path (fixture, "fresh.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_auto(Result) result = { 0, };
  g_auto(Result) fresh_result = { 0, };

  g_assert_true (g_file_set_contents (file,
                                      "First Name,Last Name,E-mail Address\r\n"
                                      "Jürgen,Müller,j.mueller@example.de\r\n"
                                      "Anna,Schmidt,anna@example.de\r\n"
                                      "Bad,Row,not-an-address\r\n", -1, NULL));
  /* a first reader folds the fixture's write-ahead log into the file */
  g_assert_cmpuint (count_contacts (fixture->path), ==, 2);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_length, NULL));

  run (&result, "en", "import", file, "--dry-run", "--database", fixture->path, NULL);
  /* as the import would end: a row cannot be imported */
  g_assert_cmpint (result.status, ==, 3);
  g_assert_nonnull (strstr (result.out, "3 rows read."));
  g_assert_nonnull (strstr (result.out, "Line 2: Same e-mail address as “Jürgen Müller”, "
                                        "would be left out."));
  g_assert_nonnull (strstr (result.out, "Nothing was imported"));
  g_assert_nonnull (strstr (result.err, "Line 4: "));

  /* nothing changed: the same contacts, the same bytes in the file */
  g_assert_cmpuint (count_contacts (fixture->path), ==, 2);
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);

  /* and no database where there was none */
  run (&fresh_result, "de", "import", file, "-n", "--database", fresh, NULL);
  g_assert_cmpint (fresh_result.status, ==, 3);
  g_assert_nonnull (strstr (fresh_result.out, "Es wurde nichts importiert"));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

/* Another program holds the write lock longer than the import waits (the
 * window's own large import, --wait): the command says it waits, then
 * that it gave up, and changes nothing */
static void
test_import_busy (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *file = scratch_path (fixture, "busy.csv");
  g_auto(Result) result = { 0, };
  g_auto(Result) english = { 0, };
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (file, "First Name,Last Name\nAnna,Schmidt\n", -1, NULL));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  run (&result, "de", "import", file, "--wait", "1", "--database", fixture->path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "Warten, bis Kontor eine Änderung gespeichert hat …"));
  g_assert_nonnull (strstr (result.err, "Kontor war nach 1 Sekunde noch mit einer Änderung "
                                        "beschäftigt; es wurde nichts importiert."));
  g_assert_cmpstr (result.out, ==, "");
  run (&english, "en", "import", file, "--wait", "0", "--database", fixture->path, NULL);
  g_assert_cmpint (english.status, ==, 1);
  g_assert_nonnull (strstr (english.err, "kontor: Waiting for Kontor to finish a change…\n"));
  g_assert_nonnull (strstr (english.err, "Kontor was still busy with a change after 0 seconds; "
                                         "nothing was imported."));

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpuint (count_contacts (fixture->path), ==, 2);
}

/* The lock is let go while the import waits: it goes on and imports,
 * having said once that it waited */
static void
test_import_waits (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *file = scratch_path (fixture, "wait.csv");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *out = NULL;
  g_autofree char *rest = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (file, "First Name,Last Name\nAnna,Schmidt\n", -1, NULL));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, "en");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KONTOR_BINARY"), "import",
                                         file, "--database", fixture->path, NULL);
  g_assert_no_error (error);

  /* the note comes while the lock is held (a blocking read: the program
   * writes it before it waits) */
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "kontor: Waiting for Kontor to finish a change…");
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  rest = g_data_input_stream_read_upto (err, "", 0, NULL, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpstr (rest != NULL ? rest : "", ==, "");
  g_assert_nonnull (strstr (out, "1 contact created."));
  g_assert_cmpuint (count_contacts (fixture->path), ==, 3);
}

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir == NULL || g_dir_read_name (dir) == NULL;
}

/* `kontor import -`: a vCard and a CSV file piped in, spooled to the
 * cache folder and taken away again; a terminal or nothing refused */
static void
test_import_stdin (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *vcard = scratch_path (fixture, "piped");
  g_autofree char *csv = scratch_path (fixture, "piped-csv");
  g_autofree char *cache = scratch_path (fixture, "cache");
  g_autofree char *spools = g_build_filename (cache, "kontor", NULL);
  g_auto(Result) cards = { 0, };
  g_auto(Result) rows = { 0, };
  g_auto(Result) empty = { 0, };
  g_auto(Result) terminal = { 0, };
  g_autoptr(JsonArray) contacts = NULL;
  int master;
  int pty;

  g_assert_true (g_file_set_contents (vcard, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brandt;Berta;;;\r\n"
                                             "FN:Berta Brandt\r\nEMAIL:berta@example.de\r\n"
                                             "END:VCARD\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (csv, "First Name;Last Name;City\r\nCarl;Clausen;Kiel\r\n",
                                      -1, NULL));
  cache_home = cache;

  stdin_path = vcard;
  run (&cards, "en", "import", "-", "--database", fixture->path, NULL);
  stdin_path = csv;
  run (&rows, "en", "import", "-", "--database", fixture->path, NULL);
  stdin_path = "/dev/null";
  run (&empty, "de", "import", "-", "--database", fixture->path, NULL);
  stdin_path = NULL;

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  pty = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (pty, >=, 0);
  stdin_fd = pty;
  run (&terminal, "en", "import", "-", "--database", fixture->path, NULL);
  close (master);
  cache_home = NULL;

  g_assert_cmpstr (cards.err, ==, "");
  g_assert_cmpint (cards.status, ==, 0);
  g_assert_cmpstr (rows.err, ==, "");
  g_assert_cmpint (rows.status, ==, 0);
  contacts = list_json (fixture->path, NULL);
  g_assert_cmpuint (json_array_get_length (contacts), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (find_by_last_name (contacts, "Brandt"),
                                                  "first_name"), ==, "Berta");
  g_assert_cmpstr (json_object_get_string_member (find_by_last_name (contacts, "Clausen"),
                                                  "city"), ==, "Kiel");
  /* nothing left behind in the cache folder */
  g_assert_true (dir_is_empty (spools));

  g_assert_cmpint (empty.status, ==, 1);
  g_assert_cmpstr (empty.err, ==, "kontor: Die Standardeingabe enthielt nichts zum Importieren.\n");
  g_assert_cmpint (terminal.status, ==, 1);
  g_assert_nonnull (strstr (terminal.err, "The standard input is a terminal"));
  g_assert_cmpstr (terminal.out, ==, "");
  g_assert_true (dir_is_empty (spools));
  g_assert_cmpuint (count_contacts (fixture->path), ==, 4);
}

/* A row matching two stored contacts names the second; a company taken
 * by its name without the legal form is listed (src/README.md "The
 * import") */
static void
test_import_dry_run_second (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *file = scratch_path (fixture, "second.csv");
  g_auto(Result) result = { 0, };

  g_assert_true (g_file_set_contents (file,
                                      "First Name,Last Name,E-mail Address,Kundennummer,Company\r\n"
                                      "Jürgen,Müller,lukasz@example.pl,K-1,Müller\r\n", -1, NULL));

  run (&result, "en", "import", file, "--dry-run", "--mode", "update", "--database",
       fixture->path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Line 2: Same customer number as “Jürgen Müller”"));
  g_assert_nonnull (strstr (result.out, "Line 2 also: Same e-mail address as “Łukasz Nowak”, "
                                        "left as it is."));
  g_assert_nonnull (strstr (result.out, "Line 2: the company “Müller” is taken for "
                                        "“Müller GmbH”."));
}

static void
test_import_modes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *file = scratch_path (fixture, "update.csv");
  g_auto(Result) skip = { 0, };
  g_auto(Result) update = { 0, };
  g_autoptr(JsonArray) contacts = NULL;

  g_assert_true (g_file_set_contents (file,
                                      "First Name;Last Name;E-mail Address;Business City\r\n"
                                      "Jürgen;Müller;j.mueller@example.de;Bonn\r\n"
                                      "Anna;Schmidt;anna@example.de;Berlin\r\n"
                                      "Bad;Row;not-an-address;\r\n", -1, NULL));

  /* skip, the default: Müller stays as he was; a failed row says so */
  run (&skip, "de", "import", file, "--database", fixture->path, NULL);
  g_assert_cmpint (skip.status, ==, 3);
  g_assert_nonnull (strstr (skip.out, "1 Kontakt erstellt."));
  g_assert_nonnull (strstr (skip.err, "Zeile 4: "));
  contacts = list_json (fixture->path, NULL);
  g_assert_cmpuint (json_array_get_length (contacts), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (find_by_last_name (contacts, "Müller"), "city"),
                   ==, "Köln");
  g_assert_cmpstr (json_object_get_string_member (find_by_last_name (contacts, "Schmidt"),
                                                  "status"), ==, "inbox");
  g_clear_pointer (&contacts, json_array_unref);

  /* update by e-mail: Müller moves to Bonn, Anna is not made twice */
  run (&update, "en", "import", file, "--mode", "update", "--match", "email",
       "--database", fixture->path, NULL);
  g_assert_cmpint (update.status, ==, 3);
  g_assert_nonnull (strstr (update.out, "0 contacts created."));
  contacts = list_json (fixture->path, NULL);
  g_assert_cmpuint (json_array_get_length (contacts), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (find_by_last_name (contacts, "Müller"), "city"),
                   ==, "Bonn");
}

/* A mapping saved in the import dialog, by its name: the columns a guess
 * would miss; refused for a file with another header */
static void
test_import_saved_mapping (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const header[] = { "Rufname", "Zuname", "Wohnort", NULL };
  g_autoptr(KontorCsvMapping) mapping = kontor_csv_mapping_new (header);
  g_autoptr(GVariantBuilder) mappings = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));
  g_autoptr(GVariant) value = NULL;
  g_autofree char *mapping_text = NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *settings_dir = g_build_filename (fixture->dir, "config", "glib-2.0",
                                                    "settings", NULL);
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *file = scratch_path (fixture, "rufnamen.csv");
  g_autofree char *other = scratch_path (fixture, "other.csv");
  g_autofree char *keyfile_path = g_build_filename (settings_dir, "keyfile", NULL);
  g_auto(Result) result = { 0, };
  g_auto(Result) refused = { 0, };
  g_autoptr(JsonArray) contacts = NULL;
  JsonObject *berta;

  kontor_csv_mapping_set_target (mapping, 0, "first_name");
  kontor_csv_mapping_set_target (mapping, 1, "last_name");
  kontor_csv_mapping_set_target (mapping, 2, "city");
  mapping_text = kontor_csv_mapping_to_string (mapping);
  g_variant_builder_add (mappings, "{ss}", "Vereinsliste", mapping_text);
  value = g_variant_ref_sink (g_variant_builder_end (mappings));
  value_text = g_variant_print (value, TRUE);
  keyfile = g_strdup_printf ("[io/github/kontor/Kontor]\ncsv-mappings=%s\n", value_text);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile_path, keyfile, -1, NULL));
  g_assert_true (g_file_set_contents (file, "Rufname;Zuname;Wohnort\r\nBerta;Brandt;Jena\r\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (other, "Vorname;Nachname\r\nBerta;Brandt\r\n", -1, NULL));

  config_home = config;
  run (&result, "en", "import", file, "--mapping", "Vereinsliste", "--database", fixture->path,
       NULL);
  run (&refused, "de", "import", other, "--mapping", "Vereinsliste", "--database", fixture->path,
       NULL);
  config_home = NULL;

  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  contacts = list_json (fixture->path, "Brandt");
  berta = only_contact (contacts);
  g_assert_cmpstr (json_object_get_string_member (berta, "first_name"), ==, "Berta");
  g_assert_cmpstr (json_object_get_string_member (berta, "city"), ==, "Jena");

  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "Die Zuordnung „Vereinsliste“ passt nicht zu „other.csv“"));
  g_assert_cmpstr (refused.out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/list/fields-documented", Fixture, NULL, fixture_set_up, test_list_fields,
              fixture_tear_down);
  g_test_add ("/cli/list/json-escapes-control-characters", Fixture, NULL, fixture_set_up,
              test_list_escapes, fixture_tear_down);
  g_test_add ("/cli/list/filter", Fixture, NULL, fixture_set_up, test_list_filter,
              fixture_tear_down);
  g_test_add ("/cli/list/filter-leads", Fixture, NULL, fixture_set_up, test_list_filter_leads,
              fixture_tear_down);
  g_test_add ("/cli/errors/en", Fixture, "en", fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/cli/errors/de", Fixture, "de", fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/cli/errors/read-only-database", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);
  g_test_add ("/cli/export/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/cli/export/excel-de-replaces-only-when-complete", Fixture, NULL, fixture_set_up,
              test_export_excel, fixture_tear_down);
  g_test_add ("/cli/export/for-mailing", Fixture, NULL, fixture_set_up, test_export_for_mailing,
              fixture_tear_down);
  g_test_add ("/cli/export/stdout", Fixture, NULL, fixture_set_up, test_export_stdout,
              fixture_tear_down);
  g_test_add ("/cli/import/dry-run-writes-nothing", Fixture, NULL, fixture_set_up,
              test_import_dry_run, fixture_tear_down);
  g_test_add ("/cli/import/dry-run-second", Fixture, NULL, fixture_set_up,
              test_import_dry_run_second, fixture_tear_down);
  g_test_add ("/cli/import/saved-mapping", Fixture, NULL, fixture_set_up,
              test_import_saved_mapping, fixture_tear_down);
  g_test_add ("/cli/import/busy-database-changes-nothing", Fixture, NULL, fixture_set_up,
              test_import_busy, fixture_tear_down);
  g_test_add ("/cli/import/waits-for-the-window", Fixture, NULL, fixture_set_up,
              test_import_waits, fixture_tear_down);
  g_test_add ("/cli/import/stdin", Fixture, NULL, fixture_set_up, test_import_stdin,
              fixture_tear_down);
  g_test_add ("/cli/import/modes", Fixture, NULL, fixture_set_up, test_import_modes,
              fixture_tear_down);

  return g_test_run ();
}
