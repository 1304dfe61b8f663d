/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* `kontor import FILE` (feature G5, I6, src/README.md "The command line"):
 * a CSV or vCard file through KontorImport, planned and then run as one
 * store job: one IMMEDIATE transaction on a connection of its own, which
 * waits for the busy timeout while the open window writes and is seen by
 * that window within a second after its commit (kontor-store-watch.c).
 * `kontor import -` reads standard input, spooled to a file first (the
 * check and the run each read it); while the window holds a long write
 * the command waits for it, saying so, up to --wait seconds. */

/* how much of standard input `kontor import -` takes: an address book of
 * a hundred thousand contacts is a few dozen MiB */
#define STDIN_LIMIT_MIB 256
/* how long an import waits for another program's write, by default */
#define DEFAULT_WAIT_SECONDS 60
/* a write of the window's as short as a saved field is waited for without
 * a word */
#define QUIET_WAIT_MS 1000

#define G_LOG_DOMAIN "kontor-cli"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kontor-address-book.h"
#include "kontor-cli-private.h"
#include "kontor-csv-mapping.h"
#include "kontor-import.h"
#include "kontor-vcard.h"

/* A vCard by its name, else by its first bytes; everything else is read
 * as CSV, whose reader says clearly when it is not */
static gboolean
is_vcard (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autoptr(GFileInputStream) stream = NULL;
  char head[512] = { 0, };
  gsize n_read = 0;
  const char *text = head;

  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return TRUE;
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
      g_str_has_suffix (lower, ".txt"))
    return FALSE;

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head - 1, &n_read,
                                NULL, NULL))
    return FALSE;
  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;
  while (*text == ' ' || *text == '\r' || *text == '\n' || *text == '\t')
    text++;

  return g_ascii_strncasecmp (text, "BEGIN:VCARD", strlen ("BEGIN:VCARD")) == 0;
}

/* Standard input spooled to a file of its own in the user's cache
 * folder (the check and the run each read the file), removed with it */
typedef struct
{
  char *dir;
  char *path;
} Spool;

static void
spool_free (Spool *spool)
{
  if (spool->path != NULL)
    g_remove (spool->path);
  if (spool->dir != NULL)
    g_rmdir (spool->dir);
  g_free (spool->path);
  g_free (spool->dir);
  g_free (spool);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Spool, spool_free)

static Spool *
spool_stdin (GError **error)
{
  g_autoptr(Spool) spool = g_new0 (Spool, 1);
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "kontor", NULL);
  g_autofree char *template = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  char buffer[64 * 1024];
  goffset total = 0;
  gssize n_read;

  if (isatty (STDIN_FILENO))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The standard input is a terminal: give the file to import "
                             "through a pipe (kontor import - < contacts.csv), or name it."));
      return NULL;
    }

  if (g_mkdir_with_parents (cache, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second what the system said */
                   _("Could not create the folder “%s”: %s"), cache, g_strerror (saved_errno));
      return NULL;
    }
  template = g_build_filename (cache, "stdin-XXXXXX", NULL);
  spool->dir = g_mkdtemp_full (template, 0700);
  if (spool->dir == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), template, g_strerror (saved_errno));
      return NULL;
    }
  g_steal_pointer (&template);
  /* the name the messages give the file */
  spool->path = g_build_filename (spool->dir, "stdin", NULL);
  file = g_file_new_for_path (spool->path);
  out = G_OUTPUT_STREAM (g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, error));
  if (out == NULL)
    return NULL;

  in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  while ((n_read = g_input_stream_read (in, buffer, sizeof buffer, NULL, error)) > 0)
    {
      total += n_read;
      if (total > (goffset) STDIN_LIMIT_MIB * 1024 * 1024)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       /* Translators: %u is a number of MiB */
                       _("The standard input holds more than %u MiB. Save it to a file and "
                         "import that."), STDIN_LIMIT_MIB);
          return NULL;
        }
      if (!g_output_stream_write_all (out, buffer, n_read, NULL, NULL, error))
        return NULL;
    }
  if (n_read < 0 || !g_output_stream_close (out, NULL, error))
    return NULL;
  if (total == 0)
    {
      g_set_error_literal (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY,
                           _("The standard input held nothing to import."));
      return NULL;
    }

  return g_steal_pointer (&spool);
}

/* How long the command waits for another program's write (--wait) */
typedef struct
{
  guint    seconds;
  gint64   deadline;   /* monotonic */
  gboolean noted;      /* "Waiting for Kontor …" said */
} Wait;

/* Waits until no other program holds the database's write lock (the
 * window saving a long change, its own import), saying so on the
 * standard error once after the first second, until the deadline at the
 * most. SQLite's own busy
 * handler does the waiting, on a connection of its own; another writer
 * may still come first, and the store's busy timeout and the run's retry
 * (run_waiting()) cover that. */
static gboolean
wait_for_write_lock (const char  *path,
                     Wait        *wait,
                     GError     **error)
{
  sqlite3 *db = NULL;
  gint64 left_ms = MAX (wait->deadline - g_get_monotonic_time (), 0) / 1000;
  int rc;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      /* the import says what is wrong with the file */
      sqlite3_close (db);
      return TRUE;
    }

  sqlite3_busy_timeout (db, (int) MIN (left_ms, QUIET_WAIT_MS));
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if ((rc & 0xff) == SQLITE_BUSY)
    {
      left_ms = MAX (wait->deadline - g_get_monotonic_time (), 0) / 1000;
      if (!wait->noted)
        g_printerr ("kontor: %s\n", _("Waiting for Kontor to finish a change…"));
      wait->noted = TRUE;
      if (left_ms > 0)
        {
          sqlite3_busy_timeout (db, (int) MIN (left_ms, G_MAXINT));
          rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        }
    }
  if (rc == SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  if ((rc & 0xff) == SQLITE_BUSY)
    {
      g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_BUSY,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %u is a number of seconds (--wait) */
                                "Kontor was still busy with a change after %u second; nothing "
                                "was imported. Run the import again later, or wait longer "
                                "with --wait.",
                                "Kontor was still busy with a change after %u seconds; nothing "
                                "was imported. Run the import again later, or wait longer "
                                "with --wait.",
                                wait->seconds),
                   wait->seconds);
      return FALSE;
    }

  return TRUE;
}

/* Runs @import once the database is free, and again when another writer
 * came first (the busy timeout of the run's own connection), until the
 * wait is over: the run is one transaction, and a run that found the
 * database busy wrote nothing */
static KontorOperation *
run_waiting (KontorImport  *import,
             const char    *path,
             Wait          *wait,
             GError       **error)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      KontorOperation *operation;

      if (!wait_for_write_lock (path, wait, error))
        return NULL;
      operation = kontor_import_run (import, NULL, &local_error);
      if (operation != NULL || local_error == NULL)
        return operation;
      if (!g_error_matches (local_error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_BUSY) ||
          g_get_monotonic_time () >= wait->deadline)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

/* The mapping saved under @name in the import dialog (GSettings
 * "csv-mappings"); %NULL with @error set when there is none or it was
 * saved for another header */
static KontorCsvMapping *
load_saved_mapping (const char          *name,
                    const char * const  *header,
                    const char          *file_name,
                    GError             **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) mappings = NULL;
  g_autoptr(GError) local_error = NULL;
  KontorCsvMapping *mapping;
  const char *text = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      settings = g_settings_new (APP_ID);
      mappings = g_settings_get_value (settings, "csv-mappings");
      g_variant_lookup (mappings, name, "&s", &text);
    }
  if (text == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is the name given with --mapping */
                   _("There is no saved CSV mapping named “%s”. Save one in the import "
                     "dialog, or leave out --mapping to have the columns guessed."),
                   name);
      return NULL;
    }

  mapping = kontor_csv_mapping_new_from_string (header, text, &local_error);
  if (mapping == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 /* Translators: the first %s is a mapping's name, the second a
                  * file, the third the reason */
                 _("The mapping “%s” does not fit “%s”: %s"), name, file_name,
                 local_error->message);

  return mapping;
}

static KontorImportSource *
open_source (GFile       *file,
             const char  *mapping_name,
             GError     **error)
{
  g_autoptr(KontorCsvReader) reader = NULL;
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_auto(GStrv) header = NULL;
  guint line;

  if (is_vcard (file))
    {
      if (mapping_name != NULL)
        g_printerr ("kontor: %s\n", _("A vCard file needs no mapping; --mapping is left aside."));
      return kontor_vcard_source_new (file, NULL, error);
    }

  reader = kontor_csv_reader_new (file, NULL, error);
  if (reader == NULL)
    return NULL;
  header = kontor_csv_reader_read_row (reader, &line, error);
  if (header == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY,
                     /* Translators: %s is a file */
                     _("“%s” holds no rows."), kontor_csv_reader_get_display_name (reader));
      return NULL;
    }
  if (mapping_name != NULL)
    mapping = load_saved_mapping (mapping_name, (const char * const *) header,
                                  kontor_csv_reader_get_display_name (reader), error);
  else
    mapping = kontor_csv_mapping_new ((const char * const *) header);
  if (mapping == NULL)
    return NULL;

  return kontor_csv_source_new (g_steal_pointer (&reader), mapping);
}

/* The desktop's address book of that name (src/README.md "The desktop's
 * address books"); its contacts are read by the plan */
static KontorImportSource *
open_address_book (const char  *name,
                   GError     **error)
{
  g_autoptr(ESourceRegistry) registry = NULL;
  g_autoptr(ESource) book = NULL;
  g_autoptr(GError) local_error = NULL;

  registry = e_source_registry_new_sync (NULL, &local_error);
  if (registry == NULL)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                   /* Translators: %s is the reason */
                   _("The desktop’s address books cannot be listed: %s"),
                   local_error->message);
      return NULL;
    }
  book = kontor_address_book_find (registry, name);
  if (book == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is the name given with --address-book */
                   _("There is no address book named “%s”."), name);
      return NULL;
    }

  return kontor_address_book_source_new (book);
}

static void
print_failures (KontorImport *import)
{
  GListModel *failures = kontor_import_get_failures (import);

  for (guint i = 0; i < g_list_model_get_n_items (failures); i++)
    {
      g_autoptr(KontorImportFailure) failure = g_list_model_get_item (failures, i);

      /* Translators: %u is a line of the file, %s why it could not be imported */
      g_printerr (_("Line %u: %s\n"), kontor_import_failure_get_line (failure),
                  kontor_import_failure_get_reason (failure));
    }
}

static const char *
action_to_string (KontorImportAction action)
{
  switch (action)
    {
    case KONTOR_IMPORT_ACTION_CREATE:
      return _("would be created as a new contact");
    case KONTOR_IMPORT_ACTION_MERGE:
      return _("would be merged into it");
    case KONTOR_IMPORT_ACTION_UPDATE:
      return _("would update it");
    case KONTOR_IMPORT_ACTION_SKIP:
    default:
      return _("would be left out");
    }
}

/* --dry-run: what the plan found, and what the run would do */
static void
print_plan (KontorImport *import)
{
  GListModel *duplicates = kontor_import_get_duplicates (import);
  GListModel *failures = kontor_import_get_failures (import);
  guint n_duplicates = g_list_model_get_n_items (duplicates);
  guint n_failures = g_list_model_get_n_items (failures);

  /* Translators: %u is a number of rows */
  g_print (ngettext ("%u row read.\n", "%u rows read.\n", kontor_import_get_n_rows (import)),
           kontor_import_get_n_rows (import));
  for (guint i = 0; i < n_duplicates; i++)
    {
      g_autoptr(KontorImportDuplicate) duplicate = g_list_model_get_item (duplicates, i);
      g_autofree char *other = NULL;

      if (kontor_import_duplicate_get_other_id (duplicate) != NULL)
        /* Translators: %s is a stored contact's name */
        other = g_strdup_printf (_("“%s”"), kontor_import_duplicate_get_other_name (duplicate));
      else
        /* Translators: %u is an earlier line of the same file */
        other = g_strdup_printf (_("line %u"), kontor_import_duplicate_get_other_line (duplicate));
      /* Translators: %u is a line of the file; then why it matches (“Same
       * e-mail address”), whom it matches, and what the import would do */
      g_print (_("Line %u: %s as %s, %s.\n"), kontor_import_duplicate_get_line (duplicate),
               kontor_import_reason_to_string (kontor_import_duplicate_get_reason (duplicate)),
               other, action_to_string (kontor_import_duplicate_get_action (duplicate)));
      if (kontor_import_duplicate_get_second_id (duplicate) != NULL)
        /* Translators: a row matching a second stored contact: %u is its line, then why
         * (“Same e-mail address”) and the contact's name; the import goes to the first */
        g_print (_("Line %u also: %s as “%s”, left as it is.\n"),
                 kontor_import_duplicate_get_line (duplicate),
                 kontor_import_reason_to_string (kontor_import_duplicate_get_second_reason (duplicate)),
                 kontor_import_duplicate_get_second_name (duplicate));
    }
  for (guint i = 0; i < g_list_model_get_n_items (kontor_import_get_company_matches (import)); i++)
    {
      g_autoptr(KontorImportCompanyMatch) match =
        g_list_model_get_item (kontor_import_get_company_matches (import), i);

      /* Translators: %u is a line of the file, then the company's name as the
       * file writes it and the name of the company the rows go to */
      g_print (_("Line %u: the company “%s” is taken for “%s”.\n"),
               kontor_import_company_match_get_line (match),
               kontor_import_company_match_get_name (match),
               kontor_import_company_match_get_company_name (match));
    }
  /* Translators: %u is a number of rows */
  g_print (ngettext ("%u duplicate found.\n", "%u duplicates found.\n", n_duplicates),
           n_duplicates);
  /* Translators: %u is a number of rows */
  g_print (ngettext ("%u row cannot be imported.\n", "%u rows cannot be imported.\n", n_failures),
           n_failures);
  g_print ("%s\n", _("Nothing was imported (--dry-run)."));
}

static void
print_summary (KontorImport *import)
{
  guint n_failures = g_list_model_get_n_items (kontor_import_get_failures (import));

  /* Translators: %u is a number of contacts */
  g_print (ngettext ("%u contact created.\n", "%u contacts created.\n",
                     kontor_import_get_n_created (import)),
           kontor_import_get_n_created (import));
  /* Translators: %u is a number of contacts */
  g_print (ngettext ("%u contact updated.\n", "%u contacts updated.\n",
                     kontor_import_get_n_updated (import)),
           kontor_import_get_n_updated (import));
  /* Translators: %u is a number of rows */
  g_print (ngettext ("%u duplicate left out.\n", "%u duplicates left out.\n",
                     kontor_import_get_n_skipped (import)),
           kontor_import_get_n_skipped (import));
  /* Translators: %u is a number of rows */
  g_print (ngettext ("%u row failed.\n", "%u rows failed.\n", n_failures), n_failures);
}

static gboolean
read_mode (const char       *text,
           KontorImportMode *mode)
{
  if (text == NULL || g_str_equal (text, "skip"))
    *mode = KONTOR_IMPORT_MODE_SKIP;
  else if (g_str_equal (text, "create"))
    *mode = KONTOR_IMPORT_MODE_CREATE;
  else if (g_str_equal (text, "update"))
    *mode = KONTOR_IMPORT_MODE_UPDATE;
  else
    return FALSE;

  return TRUE;
}

static gboolean
read_match (const char        *text,
            KontorImportMatch *match)
{
  if (text == NULL || g_str_equal (text, "any"))
    *match = KONTOR_IMPORT_MATCH_ANY;
  else if (g_str_equal (text, "email"))
    *match = KONTOR_IMPORT_MATCH_EMAIL;
  else if (g_str_equal (text, "phone"))
    *match = KONTOR_IMPORT_MATCH_PHONE;
  else if (g_str_equal (text, "customer-number"))
    *match = KONTOR_IMPORT_MATCH_CUSTOMER_NUMBER;
  else
    return FALSE;

  return TRUE;
}

/* A dry run on a database that does not exist yet plans against an empty
 * one in a folder of its own, removed afterwards: it writes nothing where
 * the user looks */
typedef struct
{
  char *dir;
} Scratch;

static void
scratch_free (Scratch *scratch)
{
  g_autoptr(GDir) dir = g_dir_open (scratch->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (scratch->dir);
  g_free (scratch->dir);
  g_free (scratch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scratch, scratch_free)

static KontorStore *
open_store (const char  *database,
            gboolean     dry_run,
            Scratch    **scratch,
            GError     **error)
{
  g_autoptr(GError) missing = NULL;
  g_autofree char *path = NULL;
  KontorStore *store;

  if (!dry_run)
    return _kontor_cli_open_store (database, TRUE, error);

  store = _kontor_cli_open_store (database, FALSE, &missing);
  if (store != NULL || !g_error_matches (missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      if (missing != NULL)
        g_propagate_error (error, g_steal_pointer (&missing));
      return store;
    }

  *scratch = g_new0 (Scratch, 1);
  (*scratch)->dir = g_dir_make_tmp ("kontor-dry-run-XXXXXX", error);
  if ((*scratch)->dir == NULL)
    return NULL;
  path = g_build_filename ((*scratch)->dir, "kontor.db", NULL);

  return kontor_store_open (path, error);
}

/* An import that failed on a database it made takes the empty file away
 * again: a file that cannot be imported leaves nothing behind */
static int
failed (KontorStore **store,
        const char   *made_path)
{
  g_clear_object (store);
  if (made_path != NULL)
    {
      const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *path = g_strconcat (made_path, suffixes[i], NULL);

          g_remove (path);
        }
    }

  return KONTOR_CLI_EXIT_FAILED;
}

int
_kontor_cli_import (int    argc,
                    char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *mapping_name = NULL;
  g_autofree char *address_book = NULL;
  g_autofree char *mode_text = NULL;
  g_autofree char *match_text = NULL;
  gboolean dry_run = FALSE;
  int wait_seconds = DEFAULT_WAIT_SECONDS;
  const GOptionEntry entries[] = {
    { "mapping", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &mapping_name,
      N_("Map a CSV file’s columns as the mapping saved under NAME (else they are guessed)"),
      N_("NAME") },
    { "address-book", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &address_book,
      N_("Import the desktop’s address book NAME (as GNOME Contacts names it) instead of a file"),
      N_("NAME") },
    { "mode", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &mode_text,
      N_("A row matching a stored contact is imported anyway (create), updates it (update) or "
         "is left out (skip, the default)"), N_("MODE") },
    { "match", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &match_text,
      N_("What makes a row match a stored contact: any (the default), email, phone or "
         "customer-number"), N_("KEY") },
    { "dry-run", 'n', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &dry_run,
      N_("Say what the import would do, and write nothing"), NULL },
    { "wait", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &wait_seconds,
      N_("While Kontor saves a change, wait for it up to SECONDS (60 by default), then give up"),
      N_("SECONDS") },
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &database,
      N_("Use the contacts database in FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    _kontor_cli_option_context_new ("import", _("FILE"),
                                    _("Imports the contacts of a CSV or vCard file into the "
                                      "Inbox, in one transaction: if it fails, nothing is "
                                      "stored. FILE - reads the standard input."),
                                    entries);
  /* freed last: the store closes before its scratch folder goes */
  g_autoptr(Scratch) scratch = NULL;
  /* and the spooled standard input after the source reading it */
  g_autoptr(Spool) spool = NULL;
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autoptr(KontorImport) import = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database_path = NULL;
  g_autofree char *made_path = NULL;   /* the database, when this import makes it */
  KontorImportMode mode;
  KontorImportMatch match;
  Wait wait = { 0, };

  if (!_kontor_cli_parse_options (context, &argc, &argv))
    return KONTOR_CLI_EXIT_USAGE;
  if (argc != (address_book != NULL ? 1 : 2))
    {
      g_printerr ("kontor: %s\n", address_book != NULL ?
                  _("Give an address book or a file to import, not both.") :
                  _("Give one file to import."));
      return KONTOR_CLI_EXIT_USAGE;
    }
  if (!read_mode (mode_text, &mode))
    {
      g_printerr ("kontor: ");
      /* Translators: %s is what the user gave after --mode */
      g_printerr (_("--mode takes create, update or skip, not “%s”."), mode_text);
      g_printerr ("\n");
      return KONTOR_CLI_EXIT_USAGE;
    }
  if (!read_match (match_text, &match))
    {
      g_printerr ("kontor: ");
      /* Translators: %s is what the user gave after --match */
      g_printerr (_("--match takes any, email, phone or customer-number, not “%s”."),
                  match_text);
      g_printerr ("\n");
      return KONTOR_CLI_EXIT_USAGE;
    }

  if (wait_seconds < 0)
    {
      g_printerr ("kontor: %s\n", _("--wait takes a number of seconds, 0 or more."));
      return KONTOR_CLI_EXIT_USAGE;
    }

  /* the file first: a file that cannot be read makes no database */
  if (address_book != NULL)
    source = open_address_book (address_book, &error);
  else if (g_str_equal (argv[1], "-"))
    {
      spool = spool_stdin (&error);
      if (spool == NULL)
        {
          _kontor_cli_print_error (error);
          return KONTOR_CLI_EXIT_FAILED;
        }
      file = g_file_new_for_path (spool->path);
    }
  else
    file = g_file_new_for_commandline_arg (argv[1]);
  if (file != NULL)
    source = open_source (file, mapping_name, &error);
  if (source == NULL)
    {
      _kontor_cli_print_error (error);
      return g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ?
             KONTOR_CLI_EXIT_USAGE : KONTOR_CLI_EXIT_FAILED;
    }
  database_path = _kontor_cli_dup_database_path (database);
  if (!dry_run && !g_file_test (database_path, G_FILE_TEST_EXISTS))
    made_path = g_strdup (database_path);
  /* opening the store and planning may take the write lock already (the
   * busy test in tests/cli/test-cli.c failed there): the wait begins
   * before them */
  wait.seconds = (guint) wait_seconds;
  wait.deadline = g_get_monotonic_time () + (gint64) wait.seconds * G_USEC_PER_SEC;
  if (made_path == NULL && g_file_test (database_path, G_FILE_TEST_EXISTS) &&
      !wait_for_write_lock (database_path, &wait, &error))
    {
      _kontor_cli_print_error (error);
      return KONTOR_CLI_EXIT_FAILED;
    }
  store = open_store (database, dry_run, &scratch, &error);
  if (store == NULL)
    {
      _kontor_cli_print_error (error);
      return failed (&store, made_path);
    }

  import = kontor_import_new (store, source);
  kontor_import_set_mode (import, mode);
  kontor_import_set_match (import, match);
  if (!kontor_import_plan (import, NULL, &error))
    {
      _kontor_cli_print_error (error);
      g_clear_object (&import);
      return failed (&store, made_path);
    }
  if (dry_run)
    {
      print_plan (import);
      print_failures (import);
      /* the same status as the import would end with: a script can check
       * a file first */
      return g_list_model_get_n_items (kontor_import_get_failures (import)) > 0 ?
             KONTOR_CLI_EXIT_SOME_ROWS : KONTOR_CLI_EXIT_OK;
    }

  operation = run_waiting (import, database_path, &wait, &error);
  if (operation == NULL && error != NULL)
    {
      _kontor_cli_print_error (error);
      g_clear_object (&import);
      return failed (&store, made_path);
    }
  print_summary (import);
  print_failures (import);

  return g_list_model_get_n_items (kontor_import_get_failures (import)) > 0 ?
         KONTOR_CLI_EXIT_SOME_ROWS : KONTOR_CLI_EXIT_OK;
}
