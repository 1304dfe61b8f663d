/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The command line for scripts (feature G5, src/README.md "The command
 * line"): `kontor import`, `kontor export` and `kontor list --json`, run
 * in the process that was started, without a display, a D-Bus session or
 * the running instance. This library sits on the store and io/ and is
 * compiled without GTK, so nothing here can open a window; main.c hands
 * it the command line before any GApplication exists. Messages go to
 * stderr, translated; the exit codes are KontorCliExit. */

#define G_LOG_DOMAIN "kontor-cli"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "kontor-channel.h"
#include "kontor-cli-private.h"
#include "kontor-contact-rules.h"
#include "kontor-enum-types.h"
#include "kontor-store-lead.h"
#include "kontor-store-search-query.h"
#include "kontor-text.h"

/* The fields of `kontor list --json`, in their order. Their names are a
 * promise to scripts: add, never rename or drop (data/kontor.1 lists
 * them, tests/cli/test-cli.c checks both ways). */
typedef enum
{
  JSON_STRING,
  JSON_TIME,      /* Unix seconds as ISO 8601 UTC, null for 0 */
  JSON_CHANNELS,
  JSON_IDS,
} JsonKind;

typedef struct
{
  const char *name;
  const char *help;
} ListField;

static const ListField list_fields[] = {
  { "id", N_("the contact’s id (a UUID)") },
  { "created_at", N_("when it was created, ISO 8601 in UTC") },
  { "updated_at", N_("when it was last changed, ISO 8601 in UTC") },
  { "salutation", N_("none, mr, ms or mx") },
  { "title", N_("academic title") },
  { "first_name", NULL },
  { "last_name", NULL },
  { "job_title", NULL },
  { "company", N_("the company’s name") },
  { "company_id", NULL },
  { "emails", N_("list of {\"label\", \"value\"}") },
  { "phones", N_("list of {\"label\", \"value\"}") },
  { "street", NULL },
  { "postal_code", NULL },
  { "city", NULL },
  { "country", NULL },
  { "language", N_("de, en, fr or it") },
  { "notes", NULL },
  { "birthday", N_("YYYY-MM-DD, or --MM-DD without the year") },
  { "status", N_("inbox, prospect, customer or archived") },
  { "is_lead", N_("true or false") },
  { "pipeline_status", N_("the pipeline status’s name") },
  { "pipeline_status_id", NULL },
  { "customer_number", NULL },
  { "sales_reps", N_("list of user ids") },
  { "assignees", N_("list of user ids") },
  { "assigned_team_id", NULL },
  { "due_date", N_("YYYY-MM-DD") },
  { "last_activity_at", N_("ISO 8601 in UTC") },
  { "is_new", N_("true until someone handled it") },
  { "keep_in_touch_days", N_("number, 0 for none") },
  { "marketing_objection", N_("true when the person objects to marketing") },
};

static const char * const commands[] = { "import", "export", "list", NULL };

/**
 * kontor_cli_is_command:
 * @arg: (nullable): the first argument of the program
 *
 * Returns: whether @arg names a command of this library
 */
gboolean
kontor_cli_is_command (const char *arg)
{
  return arg != NULL && g_strv_contains (commands, arg);
}

static char *
dup_fields_help (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (list_fields); i++)
    {
      g_string_append_printf (text, "  %s", list_fields[i].name);
      if (list_fields[i].help != NULL)
        g_string_append_printf (text, " — %s", _(list_fields[i].help));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static const char *
filter_help (void)
{
  /* Translators: keep the words before the colons (status:, lead:, …)
   * and the status nicks; they are what the command reads */
  return _("A filter (--filter) is words separated by spaces; all must match:\n"
           "  status:NAME[,NAME…]  inbox, prospect, customer, archived (or in German:\n"
           "                       eingang, interessent, kunde, archiv)\n"
           "  lead:yes|no          leads only, or every contact\n"
           "  pipeline:NAME        a pipeline status by name\n"
           "  company:NAME         a company by name\n"
           "  group:NAME           a group by name\n"
           "  leadproject:NAME     in a lead project, by name\n"
           "  leadstatus:NAME      with that status in the lead project named by\n"
           "                       leadproject:\n"
           "  created:FROM..TO     created between two dates (YYYY-MM-DD, either\n"
           "                       may be left out)\n"
           "  any other word       searched in names, company, e-mail, phone,\n"
           "                       customer number and notes, and in the contact’s\n"
           "                       activities (subject, notes, files’ names) and\n"
           "                       lead notes\n"
           "  \"two words\"          these words, one after the other\n"
           "  -word, -\"two words\"  must not match\n"
           "  due:today|overdue|week, sales:NAME, firma:NAME, gruppe:NAME\n"
           "                       as in the search entry of the window\n"
           "Put a name with spaces in quotes: company:\"Müller GmbH\".\n"
           "A dynamic group’s filter as JSON ({\"statuses\": [\"customer\"]}) works too.\n");
}

/**
 * kontor_cli_dup_commands_help:
 *
 * Returns: (transfer full): the commands, the filter and the fields of
 *   the JSON list, for `kontor --help`
 */
char *
kontor_cli_dup_commands_help (void)
{
  g_autofree char *fields = dup_fields_help ();

  return g_strdup_printf ("%s\n"
                          "  kontor import FILE|- [--mapping NAME] [--mode create|update|skip] "
                          "[--match any|email|phone|customer-number] [--dry-run] "
                          "[--wait SECONDS]\n"
                          "  kontor export --format csv|vcard|ical [--filter EXPR] "
                          "[--preset excel-de|rfc4180] [--for-mailing] FILE|-\n"
                          "  kontor list --json [--filter EXPR]\n"
                          "%s\n\n%s\n%s\n%s",
                          _("Commands without a window (each takes --database FILE and --help):"),
                          _("They work without a display; errors go to stderr and end with "
                            "a non-zero exit status (1 failed, 2 bad arguments, 3 imported "
                            "with rows left out)."),
                          filter_help (),
                          _("Fields of each contact in “kontor list --json”:"),
                          fields);
}

/**
 * _kontor_cli_print_error:
 * @error: what went wrong
 *
 * Says @error on stderr, after the program's name.
 */
void
_kontor_cli_print_error (const GError *error)
{
  g_printerr ("kontor: %s\n", error->message);
}

/**
 * _kontor_cli_dup_database_path:
 * @database: (nullable): the file given with --database, %NULL for the default
 *
 * Returns: (transfer full): the database file's path
 */
char *
_kontor_cli_dup_database_path (const char *database)
{
  if (database != NULL && database[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      return g_file_get_path (file);
    }

  return kontor_store_dup_default_path ();
}

static gboolean
is_read_only (const char *path)
{
  return g_access (path, W_OK) != 0 && (errno == EACCES || errno == EPERM || errno == EROFS);
}

/**
 * _kontor_cli_open_store:
 * @database: (nullable): the file given with --database, %NULL for the default
 * @create: whether a missing file is made (an import); otherwise a
 *   missing file is an error, not an empty list
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the store
 */
KontorStore *
_kontor_cli_open_store (const char  *database,
                        gboolean     create,
                        GError     **error)
{
  g_autofree char *path = _kontor_cli_dup_database_path (database);
  g_autoptr(GError) local_error = NULL;
  KontorStore *store;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is the path of a database file */
                   _("There is no contacts database “%s”. Give another with --database FILE."),
                   path);
      return NULL;
    }

  store = kontor_store_open (path, &local_error);
  if (store == NULL)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      /* SQLite's message is "unable to open database file" or "attempt
       * to write a readonly database": say what to do */
      if (is_read_only (folder) || is_read_only (path))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                       /* Translators: %s is the path of a database file */
                       _("The database “%s” cannot be opened: it or its folder is read-only, "
                         "and Kontor writes beside the database even to read it. Copy it to "
                         "a folder you may write to."),
                       path);
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return store;
}

/* Filters ------------------------------------------------------------------- */

/* the German names, which X10's operators use (status:kunde), in every
 * language */
static const char * const german_statuses[] = {
  [KONTOR_CONTACT_STATUS_INBOX] = "eingang",
  [KONTOR_CONTACT_STATUS_PROSPECT] = "interessent",
  [KONTOR_CONTACT_STATUS_CUSTOMER] = "kunde",
  [KONTOR_CONTACT_STATUS_ARCHIVED] = "archiv",
};

static gboolean
parse_statuses (const char  *value,
                guint       *mask,
                GError     **error)
{
  g_auto(GStrv) names = g_strsplit (value, ",", -1);
  g_autoptr(GEnumClass) statuses = g_type_class_ref (KONTOR_TYPE_CONTACT_STATUS);

  *mask = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *folded = kontor_text_match_key (names[i]);
      gboolean found = FALSE;

      for (guint s = 0; s < statuses->n_values && !found; s++)
        {
          KontorContactStatus status = statuses->values[s].value;
          g_autofree char *label = kontor_text_match_key (kontor_contact_status_to_string (status));

          if (g_ascii_strcasecmp (names[i], statuses->values[s].value_nick) == 0 ||
              (status < G_N_ELEMENTS (german_statuses) &&
               g_ascii_strcasecmp (names[i], german_statuses[status]) == 0) ||
              (folded[0] != '\0' && g_str_equal (folded, label)))
            {
              *mask |= KONTOR_STATUS_MASK (status);
              found = TRUE;
            }
        }
      if (!found)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %s is what the user wrote after status: */
                       _("Unknown status “%s” in the filter: use inbox, prospect, customer "
                         "or archived (eingang, interessent, kunde, archiv)."),
                       names[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_date_range (KontorFilter  *filter,
                  const char    *value,
                  GError       **error)
{
  const char *dots = strstr (value, "..");
  g_autofree char *from = dots != NULL ? g_strndup (value, dots - value) : g_strdup (value);
  const char *to = dots != NULL ? dots + 2 : value;

  if ((from[0] != '\0' && !kontor_date_is_valid (from)) ||
      (to[0] != '\0' && !kontor_date_is_valid (to)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is what the user wrote after created: */
                   _("“%s” is not a range of dates: write FROM..TO as YYYY-MM-DD."),
                   value);
      return FALSE;
    }
  kontor_filter_set_created_from (filter, from[0] != '\0' ? from : NULL);
  kontor_filter_set_created_to (filter, to[0] != '\0' ? to : NULL);

  return TRUE;
}

/* a pipeline status's name as the board shows it: a system column's
 * translated, unless someone renamed it */
static const char *
pipeline_status_name (gpointer record)
{
  KontorPipelineStatus *status = record;

  if (kontor_pipeline_status_get_name (status) != NULL)
    return kontor_pipeline_status_get_name (status);

  return kontor_pipeline_key_to_string (kontor_pipeline_status_get_key (status));
}

static const char *
find_named (GPtrArray   *records,
            const char  *name,
            const char *(*get_name) (gpointer record))
{
  g_autofree char *key = kontor_text_match_key (name);

  for (guint i = 0; i < records->len; i++)
    {
      KontorRecord *record = g_ptr_array_index (records, i);
      const char *name_of = get_name (record);
      g_autofree char *other = kontor_text_match_key (name_of != NULL ? name_of : "");

      if (g_str_equal (key, other) || g_str_equal (name, kontor_record_get_id (record)))
        return kontor_record_get_id (record);
    }

  return NULL;
}

static gboolean
not_found (const char  *key,
           const char  *value,
           GError     **error)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: the first %s is a filter word (company, group,
                * pipeline), the second the name the user wrote */
               _("The filter’s %s “%s” does not exist in this database."), key, value);
  return FALSE;
}

static gboolean
parse_term (KontorStore   *store,
            KontorFilter  *filter,
            const char    *key,
            const char    *value,
            GError       **error)
{
  if (g_str_equal (key, "status"))
    {
      guint mask;

      if (!parse_statuses (value, &mask, error))
        return FALSE;
      kontor_filter_set_statuses (filter, mask);
      return TRUE;
    }
  if (g_str_equal (key, "lead"))
    {
      if (g_ascii_strcasecmp (value, "yes") != 0 && g_ascii_strcasecmp (value, "no") != 0)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("Write lead:yes or lead:no in the filter."));
          return FALSE;
        }
      kontor_filter_set_leads_only (filter, g_ascii_strcasecmp (value, "yes") == 0);
      return TRUE;
    }
  if (g_str_equal (key, "created"))
    return parse_date_range (filter, value, error);
  if (g_str_equal (key, "company"))
    {
      g_autoptr(KontorCompany) company = kontor_store_find_company_by_name (store, value, error);
      g_autoptr(GPtrArray) companies = NULL;
      g_autofree char *wanted = NULL;

      if (company != NULL)
        {
          kontor_filter_set_company_id (filter, kontor_record_get_id (KONTOR_RECORD (company)));
          return TRUE;
        }
      if (error != NULL && *error != NULL)
        return FALSE;

      /* as the import matches companies: "Mueller GmbH" is "Müller GmbH & Co. KG" */
      companies = kontor_store_find_companies (store, "", G_MAXINT, error);
      if (companies == NULL)
        return FALSE;
      wanted = kontor_company_match_key (value);
      for (guint i = 0; i < companies->len; i++)
        {
          KontorCompany *other = g_ptr_array_index (companies, i);
          g_autofree char *other_key =
            kontor_company_match_key (kontor_company_get_name (other) != NULL ?
                                      kontor_company_get_name (other) : "");

          if (wanted[0] != '\0' && g_str_equal (wanted, other_key))
            {
              kontor_filter_set_company_id (filter, kontor_record_get_id (KONTOR_RECORD (other)));
              return TRUE;
            }
        }
      return not_found (key, value, error);
    }
  if (g_str_equal (key, "leadproject"))
    {
      g_autoptr(GPtrArray) projects = kontor_store_list_lead_projects (store, TRUE, error);
      const char *id;

      if (projects == NULL)
        return FALSE;
      id = find_named (projects, value, (const char *(*) (gpointer)) kontor_lead_project_get_name);
      if (id == NULL)
        return not_found (key, value, error);
      kontor_filter_set_lead_project_id (filter, id);
      return TRUE;
    }
  if (g_str_equal (key, "group") || g_str_equal (key, "pipeline"))
    {
      gboolean group = g_str_equal (key, "group");
      g_autoptr(GPtrArray) records = group ? kontor_store_list_groups (store, error)
                                           : kontor_store_list_pipeline_statuses (store, error);
      const char *id;

      if (records == NULL)
        return FALSE;
      id = find_named (records, value,
                       group ? (const char *(*) (gpointer)) kontor_group_get_name
                             : pipeline_status_name);
      if (id == NULL)
        return not_found (key, value, error);
      if (group)
        kontor_filter_set_group_id (filter, id);
      else
        kontor_filter_set_pipeline_status_id (filter, id);
      return TRUE;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is a word before a colon in a filter */
               _("The filter knows no “%s:”; see kontor --help."), key);
  return FALSE;
}

/* leadstatus:@name among the statuses of the filter's lead project (a
 * status's name is its project's: every project has a "New") */
static gboolean
parse_lead_status (KontorStore   *store,
                   KontorFilter  *filter,
                   const char    *name,
                   GError       **error)
{
  g_autoptr(GPtrArray) statuses = NULL;
  const char *id;

  if (kontor_filter_get_lead_project_id (filter) == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Name the lead project of leadstatus: with leadproject:NAME."));
      return FALSE;
    }
  statuses = kontor_store_list_lead_statuses (store, kontor_filter_get_lead_project_id (filter),
                                              error);
  if (statuses == NULL)
    return FALSE;
  id = find_named (statuses, name, (const char *(*) (gpointer)) kontor_lead_status_get_name);
  if (id == NULL)
    return not_found ("leadstatus", name, error);
  kontor_filter_set_lead_status_id (filter, id);

  return TRUE;
}

/* Whether @word starts with one of the filter words parse_term() reads */
static gboolean
is_filter_word (const char *word)
{
  static const char *keys[] = {
    "status:", "lead:", "created:", "company:", "leadproject:", "leadstatus:", "group:",
    "pipeline:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_ascii_strncasecmp (word, keys[i], strlen (keys[i])) == 0)
      return TRUE;

  return FALSE;
}

/* Whether @word up to @colon is an operator of the search entry */
static gboolean
names_search_operator (const char *word,
                       const char *colon)
{
  g_autofree char *key = g_strndup (word, colon - word);
  KontorSearchOperator op;

  return kontor_search_operator_from_name (key, &op);
}

/* @word onto the search text, its value or itself in quotes again when
 * the shell's quotes held blanks */
static void
append_search_word (GString    *search,
                    const char *word)
{
  const char *colon = strchr (word, ':');
  gboolean negated = word[0] == '-';

  if (search->len > 0)
    g_string_append_c (search, ' ');
  if (strpbrk (word, " \t") == NULL)
    {
      g_string_append (search, word);
      return;
    }
  if (colon != NULL && strpbrk (word, " \t") > colon)
    g_string_append_printf (search, "%.*s\"%s\"", (int) (colon - word + 1), word, colon + 1);
  else
    g_string_append_printf (search, "%s\"%s\"", negated ? "-" : "", word + (negated ? 1 : 0));
}

/**
 * _kontor_cli_parse_filter:
 * @store: the store whose names the filter may use
 * @text: (nullable): the text of --filter
 * @error: return location for a #GError
 *
 * Reads the command line's filter (kontor_cli_dup_commands_help ()) onto
 * a #KontorFilter: a dynamic group's JSON as it is, otherwise words.
 *
 * Returns: (transfer full) (nullable): the filter, every contact for
 *   %NULL @text
 */
KontorFilter *
_kontor_cli_parse_filter (KontorStore  *store,
                          const char   *text,
                          GError      **error)
{
  g_autoptr(KontorFilter) filter = NULL;
  g_autoptr(GString) search = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *lead_status = NULL;
  int n_words;

  if (text == NULL)
    return kontor_filter_new ();

  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '{')
    return kontor_filter_new_from_string (trimmed, error);

  if (!g_shell_parse_argv (text, &n_words, &words, &local_error))
    {
      if (g_error_matches (local_error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
        return kontor_filter_new ();
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is the reason (a quote not closed) */
                   _("The filter cannot be read: %s"), local_error->message);
      return NULL;
    }

  filter = kontor_filter_new ();
  for (int i = 0; i < n_words; i++)
    {
      const char *colon = strchr (words[i], ':');

      /* the search entry's operators the filter words above do not name
       * (fällig:, verkauf:, -status:, …), and "not", go to the search text,
       * which the store reads with the same reader (src/README.md
       * "Search"); quotes the shell took off are put back */
      if (words[i][0] == '-' ||
          (colon != NULL && colon != words[i] && colon[1] != '\0' && !is_filter_word (words[i]) &&
           names_search_operator (words[i], colon)))
        {
          append_search_word (search, words[i]);
          continue;
        }

      if (colon != NULL && colon != words[i] && colon[1] != '\0')
        {
          g_autofree char *key = g_ascii_strdown (words[i], colon - words[i]);

          /* read once the project is known, wherever it is written */
          if (g_str_equal (key, "leadstatus"))
            {
              g_free (lead_status);
              lead_status = g_strdup (colon + 1);
              continue;
            }
          if (!parse_term (store, filter, key, colon + 1, error))
            return NULL;
          continue;
        }
      append_search_word (search, words[i]);
    }
  if (search->len > 0)
    {
      g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (search->str);
      g_autoptr(KontorFilter) applied = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      kontor_filter_set_search_text (filter, search->str);
      /* for the names that name nothing or several */
      applied = kontor_store_apply_search_query (store, filter, query, now, error);
      if (applied == NULL)
        return NULL;
      if (query->problems->len > 0)
        {
          KontorSearchProblem *problem = g_ptr_array_index (query->problems, 0);

          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, problem->message);
          return NULL;
        }
    }
  if (lead_status != NULL && !parse_lead_status (store, filter, lead_status, error))
    return NULL;

  return g_steal_pointer (&filter);
}

/**
 * _kontor_cli_filter_exit:
 * @error: why _kontor_cli_parse_filter () failed
 *
 * Returns: the exit status for @error: a filter that cannot be read is a
 *   bad argument, a database that could not be read while looking up the
 *   filter's names a failure
 */
int
_kontor_cli_filter_exit (const GError *error)
{
  if (error->domain == G_OPTION_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    return KONTOR_CLI_EXIT_USAGE;

  return KONTOR_CLI_EXIT_FAILED;
}

/* Options ------------------------------------------------------------------- */

/**
 * _kontor_cli_option_context_new:
 * @command: "import", "export" or "list"
 * @parameter: (nullable): what follows the options in the usage line
 * @summary: what the command does, translated
 * @entries: its options
 *
 * Returns: (transfer full): the command's option context, translated
 */
GOptionContext *
_kontor_cli_option_context_new (const char         *command,
                                const char         *parameter,
                                const char         *summary,
                                const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);
  g_autofree char *name = g_strconcat ("kontor ", command, NULL);

  /* the usage line reads "kontor list [OPTION…]" */
  g_set_prgname (name);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);

  return context;
}

/**
 * _kontor_cli_parse_options:
 * @context: a command's options
 * @argc: the arguments from the command's name on
 * @argv: (inout): see @argc; the rest stays
 *
 * Parses, saying what is wrong on stderr.
 *
 * Returns: %TRUE when the arguments were options of the command
 */
gboolean
_kontor_cli_parse_options (GOptionContext   *context,
                           int              *argc,
                           char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _kontor_cli_print_error (error);
      return FALSE;
    }

  return TRUE;
}

/* kontor list --json ------------------------------------------------------------ */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL && value[0] != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       seconds)
{
  g_autoptr(GDateTime) time = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;
  g_autofree char *text = time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  add_string (builder, name, text);
}

static void
add_nick (JsonBuilder *builder,
          const char  *name,
          GType        type,
          int          value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  add_string (builder, name, enum_value != NULL ? enum_value->value_nick : NULL);
}

static void
add_channels (JsonBuilder *builder,
              const char  *name,
              GPtrArray   *channels)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);

      json_builder_begin_object (builder);
      add_string (builder, "label", channel->label);
      add_string (builder, "value", channel->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_ids (JsonBuilder        *builder,
         const char         *name,
         const char * const *ids)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* One contact as the object list_fields describes, in that order */
static JsonNode *
contact_to_json (KontorContact *contact)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  KontorRecord *record = KONTOR_RECORD (contact);

  json_builder_begin_object (builder);
  add_string (builder, "id", kontor_record_get_id (record));
  add_time (builder, "created_at", kontor_record_get_created_at (record));
  add_time (builder, "updated_at", kontor_record_get_updated_at (record));
  add_nick (builder, "salutation", KONTOR_TYPE_SALUTATION, kontor_contact_get_salutation (contact));
  add_string (builder, "title", kontor_contact_get_title (contact));
  add_string (builder, "first_name", kontor_contact_get_first_name (contact));
  add_string (builder, "last_name", kontor_contact_get_last_name (contact));
  add_string (builder, "job_title", kontor_contact_get_job_title (contact));
  add_string (builder, "company", kontor_contact_get_company_name (contact));
  add_string (builder, "company_id", kontor_contact_get_company_id (contact));
  add_channels (builder, "emails", kontor_contact_get_emails (contact));
  add_channels (builder, "phones", kontor_contact_get_phones (contact));
  add_string (builder, "street", kontor_contact_get_street (contact));
  add_string (builder, "postal_code", kontor_contact_get_postal_code (contact));
  add_string (builder, "city", kontor_contact_get_city (contact));
  add_string (builder, "country", kontor_contact_get_country (contact));
  add_nick (builder, "language", KONTOR_TYPE_LANGUAGE, kontor_contact_get_language (contact));
  add_string (builder, "notes", kontor_contact_get_notes (contact));
  add_string (builder, "birthday", kontor_contact_get_birthday (contact));
  add_nick (builder, "status", KONTOR_TYPE_CONTACT_STATUS, kontor_contact_get_status (contact));
  add_boolean (builder, "is_lead", kontor_contact_get_is_lead (contact));
  add_string (builder, "pipeline_status", kontor_contact_get_pipeline_status_name (contact));
  add_string (builder, "pipeline_status_id", kontor_contact_get_pipeline_status_id (contact));
  add_string (builder, "customer_number", kontor_contact_get_customer_number (contact));
  add_ids (builder, "sales_reps", kontor_contact_get_sales_reps (contact));
  add_ids (builder, "assignees", kontor_contact_get_assignees (contact));
  add_string (builder, "assigned_team_id", kontor_contact_get_assigned_team_id (contact));
  add_string (builder, "due_date", kontor_contact_get_due_date (contact));
  add_time (builder, "last_activity_at", kontor_contact_get_last_activity_at (contact));
  add_boolean (builder, "is_new", kontor_contact_get_is_new (contact));
  json_builder_set_member_name (builder, "keep_in_touch_days");
  json_builder_add_int_value (builder, kontor_contact_get_keep_in_touch_days (contact));
  add_boolean (builder, "marketing_objection", kontor_contact_get_marketing_objection (contact));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* json-glib up to 1.6 (Debian 12's) writes U+001F as it is, which no
 * JSON parser takes: outside strings the generator writes no control
 * characters at all, so every one left in @text is escaped here */
static char *
escape_control_characters (char  *text,
                           gsize *length)
{
  GString *escaped;
  gsize i = 0;

  while (i < *length && (guchar) text[i] >= 0x20)
    i++;
  if (i == *length)
    return text;

  escaped = g_string_new_len (text, i);
  for (; i < *length; i++)
    {
      if ((guchar) text[i] < 0x20)
        g_string_append_printf (escaped, "\\u%04x", (guint) (guchar) text[i]);
      else
        g_string_append_c (escaped, text[i]);
    }
  g_free (text);
  *length = escaped->len;

  return g_string_free (escaped, FALSE);
}

/* Streams the array, one contact at a time: 100,000 contacts never are in
 * memory at once (only their row ids) */
static gboolean
write_json_list (KontorStore    *store,
                 KontorFilter   *filter,
                 GOutputStream  *out,
                 GError        **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (!kontor_store_query_rowids (store, KONTOR_TYPE_CONTACT, filter, rowids, error))
    return FALSE;

  json_generator_set_pretty (generator, FALSE);
  if (!g_output_stream_write_all (out, "[", 1, NULL, NULL, error))
    return FALSE;
  for (guint i = 0; i < rowids->len; i++)
    {
      g_autoptr(KontorContact) contact = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      gsize length;

      contact = kontor_store_load_by_rowid (store, KONTOR_TYPE_CONTACT,
                                            g_array_index (rowids, gint64, i), error);
      if (contact == NULL)
        return FALSE;
      node = contact_to_json (contact);
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, &length);
      text = escape_control_characters (text, &length);
      if ((i > 0 && !g_output_stream_write_all (out, ",\n", 2, NULL, NULL, error)) ||
          (i == 0 && !g_output_stream_write_all (out, "\n", 1, NULL, NULL, error)) ||
          !g_output_stream_write_all (out, text, length, NULL, NULL, error))
        return FALSE;
    }

  return g_output_stream_write_all (out, "\n]\n", 3, NULL, NULL, error) &&
         g_output_stream_flush (out, NULL, error);
}

static int
run_list (int    argc,
          char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *filter_text = NULL;
  g_autofree char *fields = dup_fields_help ();
  g_autofree char *description = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print the contacts as one JSON array (required)"), NULL },
    { "filter", 'f', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &filter_text,
      N_("Only the contacts matching EXPR"), N_("EXPR") },
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &database,
      N_("Use the contacts database in FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    _kontor_cli_option_context_new ("list", NULL,
                                    _("Prints the contacts, sorted by name, as one JSON array of "
                                      "objects."),
                                    entries);
  g_autoptr(KontorStore) store = NULL;
  g_autoptr(KontorFilter) filter = NULL;
  g_autoptr(GOutputStream) stdout_stream = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  description = g_strdup_printf ("%s\n%s\n%s", filter_help (),
                                 _("Fields of each contact:"), fields);
  g_option_context_set_description (context, description);
  if (!_kontor_cli_parse_options (context, &argc, &argv))
    return KONTOR_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      g_printerr ("kontor: %s\n", _("“kontor list” takes no file; use --database FILE."));
      return KONTOR_CLI_EXIT_USAGE;
    }
  if (!json)
    {
      g_printerr ("kontor: %s\n",
                  _("“kontor list” needs --json: JSON is the only output for now."));
      return KONTOR_CLI_EXIT_USAGE;
    }

  store = _kontor_cli_open_store (database, FALSE, &error);
  if (store == NULL)
    {
      _kontor_cli_print_error (error);
      return KONTOR_CLI_EXIT_FAILED;
    }
  filter = _kontor_cli_parse_filter (store, filter_text, &error);
  if (filter == NULL)
    {
      _kontor_cli_print_error (error);
      return _kontor_cli_filter_exit (error);
    }

  stdout_stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  out = g_buffered_output_stream_new_sized (stdout_stream, 64 * 1024);
  if (!write_json_list (store, filter, out, &error))
    {
      _kontor_cli_print_error (error);
      return KONTOR_CLI_EXIT_FAILED;
    }

  return KONTOR_CLI_EXIT_OK;
}

/**
 * kontor_cli_run:
 * @argc: the program's argument count
 * @argv: (array length=argc): the program's arguments; argv[1] is a
 *   command (kontor_cli_is_command ())
 *
 * Runs the command, on this thread, without a display.
 *
 * Returns: the exit status, a #KontorCliExit
 */
int
kontor_cli_run (int    argc,
                char **argv)
{
  g_return_val_if_fail (argc >= 2 && kontor_cli_is_command (argv[1]), KONTOR_CLI_EXIT_USAGE);

  if (g_str_equal (argv[1], "list"))
    return run_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "import"))
    return _kontor_cli_import (argc - 1, argv + 1);

  return _kontor_cli_export (argc - 1, argv + 1);
}
