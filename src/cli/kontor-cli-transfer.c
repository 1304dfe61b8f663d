/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* `kontor export` (feature G5, I4, src/README.md "The command line"):
 * the contacts a filter selects as CSV (the presets of
 * src/io/kontor-csv.c) or vCard, or their tasks and meetings as
 * iCalendar, to a file (replaced only once everything was written) or to
 * stdout. `--for-mailing` makes it a marketing action: a contact that
 * kontor_contact_allows_marketing() refuses (feature X11) is left out and
 * counted. */

#define G_LOG_DOMAIN "kontor-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "kontor-cli-private.h"
#include "kontor-csv-mapping.h"
#include "kontor-ical.h"
#include "kontor-vcard.h"

typedef enum
{
  FORMAT_CSV,
  FORMAT_VCARD,
  FORMAT_ICAL,
} Format;

typedef struct
{
  Format              format;
  KontorCsvPreset     preset;
  KontorCsvEncoding   encoding;
  KontorVcardVersion  version;
  gboolean            for_mailing;  /* leave out who objects to marketing */
} ExportOptions;

static gboolean
bad_value (const char  *option,
           const char  *value,
           const char  *choices)
{
  g_printerr ("kontor: ");
  /* Translators: the first %s is an option (--format), the second what
   * the user gave, the third the values it takes */
  g_printerr (_("%s takes %s, not “%s”."), option, choices, value);
  g_printerr ("\n");

  return FALSE;
}

static gboolean
read_export_options (const char    *format,
                     const char    *preset,
                     const char    *encoding,
                     const char    *version,
                     ExportOptions *options)
{
  if (format == NULL)
    {
      g_printerr ("kontor: %s\n", _("Say what to export with --format csv, vcard or ical."));
      return FALSE;
    }
  if (g_str_equal (format, "csv"))
    options->format = FORMAT_CSV;
  else if (g_str_equal (format, "vcard") || g_str_equal (format, "vcf"))
    options->format = FORMAT_VCARD;
  else if (g_str_equal (format, "ical") || g_str_equal (format, "ics"))
    options->format = FORMAT_ICAL;
  else
    return bad_value ("--format", format, "csv, vcard, ical");

  options->preset = KONTOR_CSV_PRESET_RFC4180;
  if (preset != NULL && g_str_equal (preset, "excel-de"))
    options->preset = KONTOR_CSV_PRESET_EXCEL_DE;
  else if (preset != NULL && !g_str_equal (preset, "rfc4180"))
    return bad_value ("--preset", preset, "excel-de, rfc4180");

  /* German Excel reads Windows-1252 unless told otherwise */
  options->encoding = options->preset == KONTOR_CSV_PRESET_EXCEL_DE ?
                      KONTOR_CSV_ENCODING_WINDOWS_1252 : KONTOR_CSV_ENCODING_UTF8;
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "utf-8") == 0)
    options->encoding = KONTOR_CSV_ENCODING_UTF8;
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "windows-1252") == 0)
    options->encoding = KONTOR_CSV_ENCODING_WINDOWS_1252;
  else if (encoding != NULL)
    return bad_value ("--encoding", encoding, "windows-1252, utf-8");
  if (options->preset == KONTOR_CSV_PRESET_RFC4180 &&
      options->encoding != KONTOR_CSV_ENCODING_UTF8)
    {
      g_printerr ("kontor: %s\n", _("The RFC 4180 preset is always UTF-8."));
      return FALSE;
    }

  options->version = KONTOR_VCARD_VERSION_40;
  if (version != NULL && g_str_equal (version, "3.0"))
    options->version = KONTOR_VCARD_VERSION_30;
  else if (version != NULL && !g_str_equal (version, "4.0"))
    return bad_value ("--version", version, "3.0, 4.0");

  return TRUE;
}

static gboolean
write_contacts (KontorStore          *store,
                KontorFilter         *filter,
                const ExportOptions  *options,
                GOutputStream        *out,
                guint                *n_written,
                guint                *n_left_out,
                GError              **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KontorCsvWriter) writer = NULL;

  *n_written = 0;
  *n_left_out = 0;
  if (!kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, error))
    return FALSE;

  if (options->format == FORMAT_CSV)
    {
      g_auto(GStrv) header = kontor_csv_export_header ();

      writer = kontor_csv_writer_new (out, options->preset, options->encoding);
      if (!kontor_csv_writer_write_row (writer, (const char * const *) header, NULL, error))
        return FALSE;
    }

  /* one contact at a time: 100,000 are never in memory at once */
  for (guint i = 0; i < rowids->len; i++)
    {
      g_autoptr(KontorContact) contact = NULL;

      contact = kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT,
                                            g_array_index (rowids, gint64, i), error);
      if (contact == NULL)
        return FALSE;
      if (options->for_mailing && !kontor_contact_allows_marketing (contact))
        {
          (*n_left_out)++;
          continue;
        }
      if (writer != NULL)
        {
          g_auto(GStrv) row = kontor_csv_export_row (contact, options->preset);

          if (!kontor_csv_writer_write_row (writer, (const char * const *) row, NULL, error))
            return FALSE;
        }
      else
        {
          g_autofree char *card = kontor_vcard_from_contact (contact, options->version);

          if (!g_output_stream_write_all (out, card, strlen (card), NULL, NULL, error))
            return FALSE;
        }
      (*n_written)++;
    }

  return TRUE;
}

static gboolean
write_calendar (KontorStore    *store,
                KontorFilter   *filter,
                GOutputStream  *out,
                guint          *n_written,
                GError        **error)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *text = NULL;

  activities = kontor_store_list_calendar_activities (store, NULL, filter, error);
  if (activities == NULL)
    return FALSE;
  names = kontor_store_dup_activity_owner_names (store, activities, error);
  if (names == NULL)
    return FALSE;
  text = kontor_ical_export (activities, names, n_written);

  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, error);
}

/* Whether @target is the database file itself, by any name: replacing it
 * with the export would lose every contact */
static gboolean
is_database (const char *target,
             const char *database)
{
  g_autofree char *database_path = _kontor_cli_dup_database_path (database);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (target);
  g_autofree char *path = g_file_get_path (file);
  GStatBuf target_stat, database_stat;

  if (path == NULL)
    return FALSE;
  if (g_str_equal (path, database_path))
    return TRUE;

  return g_stat (path, &target_stat) == 0 && g_stat (database_path, &database_stat) == 0 &&
         target_stat.st_dev == database_stat.st_dev && target_stat.st_ino == database_stat.st_ino;
}

int
_kontor_cli_export (int    argc,
                    char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *filter_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *version = NULL;
  gboolean for_mailing = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &format,
      N_("csv, vcard, or ical (the contacts’ tasks and meetings)"), N_("FORMAT") },
    { "filter", 'f', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &filter_text,
      N_("Only the contacts matching EXPR (see kontor --help)"), N_("EXPR") },
    { "preset", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &preset,
      N_("CSV as excel-de (semicolons, Windows-1252, TT.MM.JJJJ) or rfc4180 (commas, UTF-8; "
         "the default)"), N_("NAME") },
    { "encoding", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &encoding,
      N_("The excel-de preset in windows-1252 (the default) or utf-8 (with a byte order mark)"),
      N_("ENCODING") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &version,
      N_("vCard 4.0 (the default) or 3.0"), N_("VERSION") },
    { "for-mailing", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &for_mailing,
      N_("For a mailing: leave out the contacts who object to marketing"), NULL },
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &database,
      N_("Use the contacts database in FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    _kontor_cli_option_context_new ("export", _("FILE|-"),
                                    _("Writes the contacts as CSV or vCard, or their tasks and "
                                      "meetings as iCalendar, to FILE or with “-” to the "
                                      "standard output."),
                                    entries);
  ExportOptions options = { 0, };
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorFilter) filter = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GCancellable) discard = g_cancellable_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean to_stdout;
  gboolean existed = FALSE;
  guint n_written = 0;
  guint n_left_out = 0;
  gboolean ok;

  if (!_kontor_cli_parse_options (context, &argc, &argv))
    return KONTOR_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("kontor: %s\n", _("Give one file to export to, or “-” for the standard output."));
      return KONTOR_CLI_EXIT_USAGE;
    }
  if (!read_export_options (format, preset, encoding, version, &options))
    return KONTOR_CLI_EXIT_USAGE;
  options.for_mailing = for_mailing;
  if (for_mailing && options.format == FORMAT_ICAL)
    {
      g_printerr ("kontor: %s\n", _("--for-mailing exports contacts, not tasks and meetings."));
      return KONTOR_CLI_EXIT_USAGE;
    }
  if (!g_str_equal (argv[1], "-") && is_database (argv[1], database))
    {
      g_printerr ("kontor: ");
      /* Translators: %s is the file the user gave to export to */
      g_printerr (_("“%s” is the contacts database itself; give another file to export to."),
                  argv[1]);
      g_printerr ("\n");
      return KONTOR_CLI_EXIT_USAGE;
    }

  store = _kontor_cli_open_store (database, FALSE, &error);
  if (store == NULL)
    {
      _kontor_cli_print_error (error);
      return KONTOR_CLI_EXIT_FAILED;
    }
  /* every activity without a filter; a filter selects contacts */
  if (filter_text != NULL || options.format != FORMAT_ICAL)
    {
      filter = _kontor_cli_parse_filter (store, filter_text, &error);
      if (filter == NULL)
        {
          _kontor_cli_print_error (error);
          return _kontor_cli_filter_exit (error);
        }
    }

  to_stdout = g_str_equal (argv[1], "-");
  if (to_stdout)
    {
      g_autoptr(GOutputStream) stdout_stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      out = g_buffered_output_stream_new_sized (stdout_stream, 64 * 1024);
    }
  else
    {
      /* written beside the file and put in its place when closed: a
       * failure leaves the file as it was */
      file = g_file_new_for_commandline_arg (argv[1]);
      existed = g_file_query_exists (file, NULL);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (out == NULL)
        {
          _kontor_cli_print_error (error);
          return KONTOR_CLI_EXIT_FAILED;
        }
    }

  if (options.format == FORMAT_ICAL)
    ok = write_calendar (store, filter, out, &n_written, &error);
  else
    ok = write_contacts (store, filter, &options, out, &n_written, &n_left_out, &error);

  if (ok)
    ok = g_output_stream_close (out, NULL, &error);
  if (!ok)
    {
      /* closing cancelled drops what was written so far; but a file that
       * was not there before is written in place (GIO only writes beside
       * a file it replaces), so what was begun goes */
      g_cancellable_cancel (discard);
      g_output_stream_close (out, discard, NULL);
      if (file != NULL && !existed)
        g_file_delete (file, NULL, NULL);
      if (file != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (file);

          g_printerr ("kontor: ");
          /* Translators: the first %s is a file, the second why it could not be written */
          g_printerr (_("“%s” was not written: %s"), name, error->message);
          g_printerr ("\n");
        }
      else
        {
          _kontor_cli_print_error (error);
        }
      return KONTOR_CLI_EXIT_FAILED;
    }

  if (!to_stdout)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (options.format == FORMAT_ICAL)
        /* Translators: %u is a number, %s a file */
        g_printerr (ngettext ("%u task or meeting exported to “%s”.\n",
                              "%u tasks and meetings exported to “%s”.\n", n_written),
                    n_written, name);
      else
        /* Translators: %u is a number, %s a file */
        g_printerr (ngettext ("%u contact exported to “%s”.\n",
                              "%u contacts exported to “%s”.\n", n_written),
                    n_written, name);
    }
  if (n_left_out > 0)
    /* Translators: %u is a number; said after an export --for-mailing */
    g_printerr (ngettext ("%u contact left out: objects to marketing.\n",
                          "%u contacts left out: object to marketing.\n", n_left_out),
                n_left_out);

  return KONTOR_CLI_EXIT_OK;
}
