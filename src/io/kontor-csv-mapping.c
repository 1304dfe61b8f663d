/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-csv-mapping"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-csv-mapping.h"
#include "kontor-csv-private.h"
#include "kontor-text.h"

/* Which column becomes which field (src/README.md "CSV files"). Header
 * names are compared by kontor_text_match_key(), so "E-Mail-Adresse",
 * "e-mail adresse" and "E-MAIL_ADRESSE" are one name, and "Straße" is
 * "Strasse". */

static const KontorImportTarget import_targets[] = {
  { "salutation", N_("Salutation") },
  { "title", N_("Title") },
  { "first_name", N_("First name") },
  { "last_name", N_("Last name") },
  { "full_name", N_("Full name") },
  { "job_title", N_("Job title") },
  { "company", N_("Company") },
  { "email_work", N_("E-mail (work)") },
  { "email_home", N_("E-mail (home)") },
  { "email_other", N_("E-mail (other)") },
  { "email", N_("E-mail (label from the file)") },
  { "phone_work", N_("Phone (work)") },
  { "phone_mobile", N_("Phone (mobile)") },
  { "phone_home", N_("Phone (home)") },
  { "phone_fax", N_("Fax") },
  { "phone_other", N_("Phone (other)") },
  { "phone", N_("Phone (label from the file)") },
  { "street", N_("Street") },
  { "postal_code", N_("Postal code") },
  { "city", N_("City") },
  { "country", N_("Country") },
  { "language", N_("Language") },
  { "birthday", N_("Birthday") },
  { "customer_number", N_("Customer number") },
  { "notes", N_("Notes") },
};

/**
 * kontor_import_targets:
 * @n_targets: (out): their number
 *
 * The fields a CSV column can be mapped to. "email" and "phone" take
 * their label from the column of the same name ending in "Type" or
 * "Label", as Google Contacts writes them ("E-mail 1 - Type",
 * "E-mail 1 - Value"); "full_name" is cut into first and last name
 * ("Anna Müller", "Müller, Anna") when those are not mapped.
 *
 * Returns: (array length=n_targets): the targets, in the dialog's order
 */
const KontorImportTarget *
kontor_import_targets (guint *n_targets)
{
  *n_targets = G_N_ELEMENTS (import_targets);

  return import_targets;
}

static const char *
target_intern (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (import_targets); i++)
    {
      if (g_str_equal (import_targets[i].id, id))
        return import_targets[i].id;
    }

  return NULL;
}

/* The export's columns: the names Kontor writes, which the guess below
 * maps back */
static const struct
{
  const char *target;
  const char *name;
} export_columns[] = {
  { "salutation", "Salutation" },
  { "title", "Academic Title" },
  { "first_name", "First Name" },
  { "last_name", "Last Name" },
  { "job_title", "Job Title" },
  { "company", "Company" },
  { "email_work", "E-mail Work" },
  { "email_home", "E-mail Home" },
  { "email_other", "E-mail Other" },
  { "phone_work", "Phone Work" },
  { "phone_mobile", "Phone Mobile" },
  { "phone_home", "Phone Home" },
  { "phone_fax", "Fax" },
  { "phone_other", "Phone Other" },
  { "street", "Street" },
  { "postal_code", "Postal Code" },
  { "city", "City" },
  { "country", "Country" },
  { "language", "Language" },
  { "birthday", "Birthday" },
  { "customer_number", "Customer Number" },
  { "notes", "Notes" },
};

/* Header names as German and English Outlook, Google Contacts (the old
 * and the new export), Excel sheets typed by hand and LibreOffice write
 * them. A fallback name (the private address beside the business one)
 * is taken only when no first-choice name maps to the same field. */
typedef enum
{
  FIRST_CHOICE,
  FALLBACK,
} Choice;

static const struct
{
  const char *name;
  const char *target;
  Choice      choice;
} header_names[] = {
  { "Anrede", "salutation", FIRST_CHOICE },
  { "Salutation", "salutation", FIRST_CHOICE },
  { "Title", "salutation", FIRST_CHOICE },        /* Outlook's "Mr.", "Dr." */
  { "Name Prefix", "salutation", FIRST_CHOICE },  /* Google */
  { "Titel", "title", FIRST_CHOICE },
  { "Akademischer Titel", "title", FIRST_CHOICE },
  { "Academic Title", "title", FIRST_CHOICE },
  { "Vorname", "first_name", FIRST_CHOICE },
  { "First Name", "first_name", FIRST_CHOICE },
  { "Given Name", "first_name", FIRST_CHOICE },
  { "Firstname", "first_name", FIRST_CHOICE },
  { "Nachname", "last_name", FIRST_CHOICE },
  { "Last Name", "last_name", FIRST_CHOICE },
  { "Family Name", "last_name", FIRST_CHOICE },
  { "Lastname", "last_name", FIRST_CHOICE },
  { "Surname", "last_name", FIRST_CHOICE },
  { "Familienname", "last_name", FIRST_CHOICE },
  { "Full Name", "full_name", FIRST_CHOICE },
  { "Vollständiger Name", "full_name", FIRST_CHOICE },
  { "Display Name", "full_name", FIRST_CHOICE },
  { "Anzeigename", "full_name", FIRST_CHOICE },
  { "Ansprechpartner", "full_name", FIRST_CHOICE },
  { "Kontakt", "full_name", FIRST_CHOICE },
  { "Position", "job_title", FIRST_CHOICE },
  { "Funktion", "job_title", FIRST_CHOICE },
  { "Job Title", "job_title", FIRST_CHOICE },
  { "Jobtitel", "job_title", FIRST_CHOICE },
  { "Berufsbezeichnung", "job_title", FIRST_CHOICE },
  { "Organization 1 - Title", "job_title", FIRST_CHOICE },
  { "Organization Title", "job_title", FIRST_CHOICE },
  { "Firma", "company", FIRST_CHOICE },
  { "Firmenname", "company", FIRST_CHOICE },
  { "Unternehmen", "company", FIRST_CHOICE },
  { "Organisation", "company", FIRST_CHOICE },
  { "Company", "company", FIRST_CHOICE },
  { "Organization 1 - Name", "company", FIRST_CHOICE },
  { "Organization Name", "company", FIRST_CHOICE },
  { "E-Mail", "email_work", FIRST_CHOICE },
  { "Email", "email_work", FIRST_CHOICE },
  { "Mail", "email_work", FIRST_CHOICE },
  { "E-Mail-Adresse", "email_work", FIRST_CHOICE },
  { "E-mail Address", "email_work", FIRST_CHOICE },
  { "E-Mail geschäftlich", "email_work", FIRST_CHOICE },
  { "Work Email", "email_work", FIRST_CHOICE },
  { "E-mail Work", "email_work", FIRST_CHOICE },
  { "E-Mail privat", "email_home", FIRST_CHOICE },
  { "Private E-Mail", "email_home", FIRST_CHOICE },
  { "Home Email", "email_home", FIRST_CHOICE },
  { "E-mail Home", "email_home", FIRST_CHOICE },
  { "E-Mail 2: Adresse", "email_other", FIRST_CHOICE },
  { "E-Mail 3: Adresse", "email_other", FIRST_CHOICE },
  { "E-mail 2 Address", "email_other", FIRST_CHOICE },
  { "E-mail 3 Address", "email_other", FIRST_CHOICE },
  { "Weitere E-Mail", "email_other", FIRST_CHOICE },
  { "Other Email", "email_other", FIRST_CHOICE },
  { "E-mail Other", "email_other", FIRST_CHOICE },
  { "Telefon geschäftlich", "phone_work", FIRST_CHOICE },
  { "Business Phone", "phone_work", FIRST_CHOICE },
  { "Telefon", "phone_work", FIRST_CHOICE },
  { "Tel.", "phone_work", FIRST_CHOICE },
  { "Telefonnummer", "phone_work", FIRST_CHOICE },
  { "Phone", "phone_work", FIRST_CHOICE },
  { "Work Phone", "phone_work", FIRST_CHOICE },
  { "Phone Work", "phone_work", FIRST_CHOICE },
  { "Telefon geschäftlich 2", "phone_other", FIRST_CHOICE },
  { "Business Phone 2", "phone_other", FIRST_CHOICE },
  { "Weiteres Telefon", "phone_other", FIRST_CHOICE },
  { "Other Phone", "phone_other", FIRST_CHOICE },
  { "Phone Other", "phone_other", FIRST_CHOICE },
  { "Telefon 2", "phone_other", FIRST_CHOICE },
  { "Mobiltelefon", "phone_mobile", FIRST_CHOICE },
  { "Mobile Phone", "phone_mobile", FIRST_CHOICE },
  { "Phone Mobile", "phone_mobile", FIRST_CHOICE },
  { "Mobil", "phone_mobile", FIRST_CHOICE },
  { "Mobile", "phone_mobile", FIRST_CHOICE },
  { "Handy", "phone_mobile", FIRST_CHOICE },
  { "Mobilnummer", "phone_mobile", FIRST_CHOICE },
  { "Handynummer", "phone_mobile", FIRST_CHOICE },
  { "Telefon privat", "phone_home", FIRST_CHOICE },
  { "Home Phone", "phone_home", FIRST_CHOICE },
  { "Phone Home", "phone_home", FIRST_CHOICE },
  { "Fax geschäftlich", "phone_fax", FIRST_CHOICE },
  { "Business Fax", "phone_fax", FIRST_CHOICE },
  { "Fax", "phone_fax", FIRST_CHOICE },
  { "Telefax", "phone_fax", FIRST_CHOICE },
  { "Straße geschäftlich", "street", FIRST_CHOICE },
  { "Business Street", "street", FIRST_CHOICE },
  { "Straße", "street", FIRST_CHOICE },
  { "Street", "street", FIRST_CHOICE },
  { "Adresse", "street", FIRST_CHOICE },
  { "Anschrift", "street", FIRST_CHOICE },
  { "Straße und Hausnummer", "street", FIRST_CHOICE },
  { "Address 1 - Street", "street", FIRST_CHOICE },
  { "Straße privat", "street", FALLBACK },
  { "Home Street", "street", FALLBACK },
  { "Postleitzahl geschäftlich", "postal_code", FIRST_CHOICE },
  { "Business Postal Code", "postal_code", FIRST_CHOICE },
  { "PLZ", "postal_code", FIRST_CHOICE },
  { "Postleitzahl", "postal_code", FIRST_CHOICE },
  { "Postal Code", "postal_code", FIRST_CHOICE },
  { "ZIP", "postal_code", FIRST_CHOICE },
  { "ZIP Code", "postal_code", FIRST_CHOICE },
  { "Address 1 - Postal Code", "postal_code", FIRST_CHOICE },
  { "Postleitzahl privat", "postal_code", FALLBACK },
  { "Home Postal Code", "postal_code", FALLBACK },
  { "Ort geschäftlich", "city", FIRST_CHOICE },
  { "Business City", "city", FIRST_CHOICE },
  { "Ort", "city", FIRST_CHOICE },
  { "Stadt", "city", FIRST_CHOICE },
  { "Wohnort", "city", FIRST_CHOICE },
  { "City", "city", FIRST_CHOICE },
  { "Address 1 - City", "city", FIRST_CHOICE },
  { "Ort privat", "city", FALLBACK },
  { "Home City", "city", FALLBACK },
  { "Land/Region geschäftlich", "country", FIRST_CHOICE },
  { "Business Country/Region", "country", FIRST_CHOICE },
  { "Land", "country", FIRST_CHOICE },
  { "Country", "country", FIRST_CHOICE },
  { "Address 1 - Country", "country", FIRST_CHOICE },
  { "Land/Region privat", "country", FALLBACK },
  { "Home Country/Region", "country", FALLBACK },
  { "Sprache", "language", FIRST_CHOICE },
  { "Korrespondenzsprache", "language", FIRST_CHOICE },
  { "Language", "language", FIRST_CHOICE },
  { "Geburtstag", "birthday", FIRST_CHOICE },
  { "Geburtsdatum", "birthday", FIRST_CHOICE },
  { "Birthday", "birthday", FIRST_CHOICE },
  { "Date of Birth", "birthday", FIRST_CHOICE },
  { "Kundennummer", "customer_number", FIRST_CHOICE },
  { "Kunden-Nr.", "customer_number", FIRST_CHOICE },
  { "Kundennr", "customer_number", FIRST_CHOICE },
  { "Kd.-Nr.", "customer_number", FIRST_CHOICE },
  { "Customer Number", "customer_number", FIRST_CHOICE },
  { "Customer No", "customer_number", FIRST_CHOICE },
  { "Notizen", "notes", FIRST_CHOICE },
  { "Notiz", "notes", FIRST_CHOICE },
  { "Notes", "notes", FIRST_CHOICE },
  { "Bemerkung", "notes", FIRST_CHOICE },
  { "Bemerkungen", "notes", FIRST_CHOICE },
  { "Anmerkungen", "notes", FIRST_CHOICE },
  { "Kommentar", "notes", FIRST_CHOICE },
};

/* folded name → index into header_names + 1 */
static GHashTable *
header_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
        g_hash_table_insert (t, kontor_text_match_key (header_names[i].name),
                             GUINT_TO_POINTER (i + 1));
      g_once_init_leave (&table, t);
    }

  return table;
}

/* The labels Google writes in its "… - Type" and "… - Label" columns
 * ("* Work", "Mobile", "Work Fax"), and German ones, as channel labels */
static char *
channel_label_from_text (const char *text)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "work", "work" }, { "business", "work" }, { "arbeit", "work" },
    { "geschaftlich", "work" }, { "geschaeftlich", "work" }, { "buro", "work" },
    { "home", "home" }, { "private", "home" }, { "privat", "home" },
    { "mobile", "mobile" }, { "cell", "mobile" }, { "mobil", "mobile" },
    { "handy", "mobile" },
    { "fax", "fax" }, { "work fax", "fax" }, { "home fax", "fax" },
    { "other", "other" }, { "main", "other" }, { "andere", "other" },
    { "sonstige", "other" },
  };
  g_autofree char *first = NULL;
  g_autofree char *key = NULL;
  const char *cut;

  if (text == NULL)
    return NULL;

  /* Google joins several with " ::: " */
  cut = strstr (text, ":::");
  first = cut != NULL ? g_strndup (text, cut - text) : g_strdup (text);
  key = kontor_text_match_key (first);
  if (*key == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (key, labels[i].key))
        return g_strdup (labels[i].label);
    }

  return kontor_text_strip_dup (g_strdelimit (first, "*", ' '));
}

struct _KontorCsvMapping
{
  GObject      parent_instance;

  GStrv        header;
  GStrv        names;           /* as messages name the columns: "Column 3" for an empty header */
  guint        n_columns;
  const char **targets;         /* interned ids of import_targets, or NULL */
  int         *label_columns;   /* for "email" and "phone": the label's column, or -1 */
  int          this_year;       /* for two-digit years; read once, as the clock is slow to ask */
  KontorCsvDateOrder  date_order;      /* as chosen and saved */
  KontorCsvDateOrder *file_orders;     /* per column: what its values show (scan_dates) */
};

G_DEFINE_FINAL_TYPE (KontorCsvMapping, kontor_csv_mapping, G_TYPE_OBJECT)

static void
kontor_csv_mapping_finalize (GObject *object)
{
  KontorCsvMapping *self = KONTOR_CSV_MAPPING (object);

  g_strfreev (self->header);
  g_strfreev (self->names);
  g_free (self->targets);
  g_free (self->label_columns);
  g_free (self->file_orders);

  G_OBJECT_CLASS (kontor_csv_mapping_parent_class)->finalize (object);
}

static void
kontor_csv_mapping_class_init (KontorCsvMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_csv_mapping_finalize;
}

static void
kontor_csv_mapping_init (KontorCsvMapping *self)
{
}

static gboolean
target_is_multiple (const char *target)
{
  return g_str_has_prefix (target, "email") || g_str_has_prefix (target, "phone") ||
         g_str_equal (target, "notes");
}

/* "e mail 1 value" → "e mail 1", for Google's numbered columns */
static char *
numbered_prefix (const char *key,
                 const char *suffix)
{
  const char *end;
  const char *p;

  if (!g_str_has_suffix (key, suffix))
    return NULL;
  end = key + strlen (key) - strlen (suffix);
  p = end;
  while (p > key && g_ascii_isdigit (p[-1]))
    p--;
  if (p == end || p == key || p[-1] != ' ')
    return NULL;

  return g_strndup (key, end - key);
}

/* Characters of a value or a column's name a message quotes: a column
 * mapped wrongly may hold notes of any length, and its message is listed
 * for every row */
#define SHOWN_VALUE_CHARS 40

/* A value as a message quotes it: on one line, cut to its first
 * characters */
static char *
shown_value (const char *value)
{
  char *shown;

  if (g_utf8_strlen (value, -1) <= SHOWN_VALUE_CHARS)
    shown = g_strdup (value);
  else
    {
      g_autofree char *cut = g_utf8_substring (value, 0, SHOWN_VALUE_CHARS - 1);

      shown = g_strconcat (cut, "…", NULL);
    }

  return g_strdelimit (shown, "\r\n\t", ' ');
}

static gboolean
target_is_date (const char *target)
{
  return g_strcmp0 (target, "birthday") == 0;
}

static KontorCsvMapping *
mapping_new_empty (const char * const *header)
{
  KontorCsvMapping *self = g_object_new (KONTOR_TYPE_CSV_MAPPING, NULL);

  self->header = g_strdupv ((char **) header);
  self->n_columns = g_strv_length (self->header);
  self->targets = g_new0 (const char *, MAX (self->n_columns, 1));
  self->label_columns = g_new (int, MAX (self->n_columns, 1));
  self->file_orders = g_new0 (KontorCsvDateOrder, MAX (self->n_columns, 1));
  self->names = g_new0 (char *, self->n_columns + 1);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    self->this_year = g_date_time_get_year (now);
  }

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *key = kontor_text_match_key (self->header[i]);
      g_autofree char *prefix = numbered_prefix (key, " value");
      g_autofree char *name = kontor_text_strip_dup (self->header[i]);

      if (name != NULL)
        self->names[i] = shown_value (name);
      else
        {
          /* Translators: how a message names a column without a name in
           * the file's header; %u counts from 1 */
          self->names[i] = g_strdup_printf (C_("column without a name", "Column %u"), i + 1);
        }

      self->label_columns[i] = -1;
      if (prefix == NULL)
        continue;

      for (guint j = 0; j < self->n_columns; j++)
        {
          g_autofree char *other = kontor_text_match_key (self->header[j]);

          if (g_str_has_prefix (other, prefix) &&
              (g_str_equal (other + strlen (prefix), " type") ||
               g_str_equal (other + strlen (prefix), " label")))
            {
              self->label_columns[i] = (int) j;
              break;
            }
        }
    }

  return self;
}

KontorCsvMapping *
kontor_csv_mapping_copy (KontorCsvMapping *self)
{
  KontorCsvMapping *copy;

  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), NULL);

  copy = mapping_new_empty ((const char * const *) self->header);
  for (guint i = 0; i < self->n_columns; i++)
    {
      copy->targets[i] = self->targets[i];
      copy->file_orders[i] = self->file_orders[i];
    }
  copy->this_year = self->this_year;
  copy->date_order = self->date_order;

  return copy;
}

/**
 * kontor_csv_mapping_new:
 * @header: the file's first row
 *
 * A mapping guessed from the header's names; a column whose name is not
 * known is ignored.
 *
 * Returns: (transfer full): the mapping
 */
KontorCsvMapping *
kontor_csv_mapping_new (const char * const *header)
{
  KontorCsvMapping *self;
  GHashTable *table = header_table ();
  g_autofree Choice *choices = NULL;
  int name_column = -1;

  g_return_val_if_fail (header != NULL, NULL);

  self = mapping_new_empty (header);
  choices = g_new0 (Choice, MAX (self->n_columns, 1));

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *key = kontor_text_match_key (self->header[i]);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
      g_autofree char *prefix = NULL;

      if (index > 0)
        {
          self->targets[i] = target_intern (header_names[index - 1].target);
          choices[i] = header_names[index - 1].choice;
        }
      else if (g_str_equal (key, "name"))
        name_column = (int) i;
      else if ((prefix = numbered_prefix (key, " value")) != NULL)
        {
          if (g_str_has_prefix (prefix, "e mail ") || g_str_has_prefix (prefix, "email "))
            self->targets[i] = target_intern ("email");
          else if (g_str_has_prefix (prefix, "phone "))
            self->targets[i] = target_intern ("phone");
        }
    }

  /* one column for a field that takes one value: the first of the first
   * choices, else the first fallback */
  for (guint i = 0; i < self->n_columns; i++)
    {
      if (self->targets[i] == NULL || target_is_multiple (self->targets[i]))
        continue;
      for (guint j = 0; j < self->n_columns; j++)
        {
          if (j == i || self->targets[j] != self->targets[i])
            continue;
          if (choices[j] < choices[i] || (choices[j] == choices[i] && j < i))
            {
              self->targets[i] = NULL;
              break;
            }
        }
    }

  /* "Name": the surname beside a first name (German Excel: "Vorname;
   * Name"), the whole name alone, nothing beside a surname (Google's
   * old export repeats the whole name there) */
  if (name_column >= 0)
    {
      gboolean has_first = FALSE, has_last = FALSE, has_full = FALSE;

      for (guint i = 0; i < self->n_columns; i++)
        {
          has_first |= g_strcmp0 (self->targets[i], "first_name") == 0;
          has_last |= g_strcmp0 (self->targets[i], "last_name") == 0;
          has_full |= g_strcmp0 (self->targets[i], "full_name") == 0;
        }
      if (has_first && !has_last)
        self->targets[name_column] = target_intern ("last_name");
      else if (!has_first && !has_last && !has_full)
        self->targets[name_column] = target_intern ("full_name");
    }

  return self;
}

static char *
header_key_for (const char * const *header)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *key = kontor_text_match_key (header[i]);

      g_checksum_update (checksum, (const guchar *) key, strlen (key));
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

#define KEYFILE_GROUP "CSV Mapping"

/* The saved names of the date orders; a mapping without one is AUTO */
static const char * const date_order_names[] = {
  [KONTOR_CSV_DATE_ORDER_AUTO] = "auto",
  [KONTOR_CSV_DATE_ORDER_DAY_FIRST] = "day-first",
  [KONTOR_CSV_DATE_ORDER_MONTH_FIRST] = "month-first",
};

static gboolean
date_order_from_name (const char         *name,
                      KontorCsvDateOrder *order)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_order_names); i++)
    {
      if (g_str_equal (name, date_order_names[i]))
        {
          *order = (KontorCsvDateOrder) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * kontor_csv_mapping_new_from_string:
 * @header: the file's first row
 * @text: a mapping saved by kontor_csv_mapping_to_string()
 * @error: return location for a #GError (%G_IO_ERROR_INVALID_DATA)
 *
 * Returns: (transfer full) (nullable): the saved mapping for @header;
 *   %NULL when @text cannot be read or was saved for another header
 */
KontorCsvMapping *
kontor_csv_mapping_new_from_string (const char * const  *header,
                                    const char          *text,
                                    GError             **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(KontorCsvMapping) self = NULL;
  g_autofree char *key = NULL;
  g_autofree char *saved_key = NULL;
  g_auto(GStrv) columns = NULL;
  g_autofree char *date_order = NULL;
  KontorCsvDateOrder order = KONTOR_CSV_DATE_ORDER_AUTO;
  gsize n_columns = 0;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_key_file_load_from_data (keyfile, text, -1, G_KEY_FILE_NONE, NULL) ||
      (saved_key = g_key_file_get_string (keyfile, KEYFILE_GROUP, "Header", NULL)) == NULL ||
      (columns = g_key_file_get_string_list (keyfile, KEYFILE_GROUP, "Columns",
                                             &n_columns, NULL)) == NULL ||
      ((date_order = g_key_file_get_string (keyfile, KEYFILE_GROUP, "DateOrder", NULL)) != NULL &&
       !date_order_from_name (date_order, &order)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved column mapping cannot be read."));
      return NULL;
    }

  key = header_key_for (header);
  if (!g_str_equal (key, saved_key) || n_columns != g_strv_length ((char **) header))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved column mapping was made for a file with other columns."));
      return NULL;
    }

  self = mapping_new_empty (header);
  self->date_order = order;
  for (guint i = 0; i < n_columns; i++)
    {
      if (*columns[i] == '\0')
        continue;
      self->targets[i] = target_intern (columns[i]);
      if (self->targets[i] == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The saved column mapping names a field Kontor does not know: “%s”."),
                       columns[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

/**
 * kontor_csv_mapping_to_string:
 * @self: a mapping
 *
 * Returns: (transfer full): the mapping as text (a key file: the header's
 *   key, each column's target, "" for an ignored one, and the date order
 *   when one was chosen), for the GSettings key csv-mappings
 */
char *
kontor_csv_mapping_to_string (KontorCsvMapping *self)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *key = NULL;
  g_autofree const char **columns = NULL;

  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), NULL);

  key = kontor_csv_mapping_dup_header_key (self);
  columns = g_new0 (const char *, self->n_columns + 1);
  for (guint i = 0; i < self->n_columns; i++)
    columns[i] = self->targets[i] != NULL ? self->targets[i] : "";

  g_key_file_set_string (keyfile, KEYFILE_GROUP, "Header", key);
  g_key_file_set_string_list (keyfile, KEYFILE_GROUP, "Columns", columns, self->n_columns);
  if (self->date_order != KONTOR_CSV_DATE_ORDER_AUTO)
    g_key_file_set_string (keyfile, KEYFILE_GROUP, "DateOrder", date_order_names[self->date_order]);

  return g_key_file_to_data (keyfile, NULL, NULL);
}

/**
 * kontor_csv_mapping_dup_header_key:
 * @self: a mapping
 *
 * Returns: (transfer full): the SHA-256 (hex) of the header's names as
 *   kontor_text_match_key() folds them: the same for files with the same
 *   columns, whatever case or spelling of umlauts
 */
char *
kontor_csv_mapping_dup_header_key (KontorCsvMapping *self)
{
  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), NULL);

  return header_key_for ((const char * const *) self->header);
}

guint
kontor_csv_mapping_get_n_columns (KontorCsvMapping *self)
{
  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), 0);

  return self->n_columns;
}

const char *
kontor_csv_mapping_get_header (KontorCsvMapping *self,
                               guint             column)
{
  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->header[column];
}

/**
 * kontor_csv_mapping_get_target:
 * @self: a mapping
 * @column: a column
 *
 * Returns: (nullable): the id of the column's target, %NULL when ignored
 */
const char *
kontor_csv_mapping_get_target (KontorCsvMapping *self,
                               guint             column)
{
  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->targets[column];
}

/**
 * kontor_csv_mapping_set_target:
 * @self: a mapping
 * @column: a column
 * @target_id: (nullable): an id of kontor_import_targets(), %NULL to
 *   ignore the column
 */
void
kontor_csv_mapping_set_target (KontorCsvMapping *self,
                               guint             column,
                               const char       *target_id)
{
  g_return_if_fail (KONTOR_IS_CSV_MAPPING (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (target_id == NULL || target_intern (target_id) != NULL);

  self->targets[column] = target_intern (target_id);
}

/**
 * kontor_csv_mapping_get_date_order:
 * @self: a mapping
 *
 * Returns: the order dates with slashes are read in, as chosen (and
 *   saved); %KONTOR_CSV_DATE_ORDER_AUTO leaves it to the file
 */
KontorCsvDateOrder
kontor_csv_mapping_get_date_order (KontorCsvMapping *self)
{
  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), KONTOR_CSV_DATE_ORDER_AUTO);

  return self->date_order;
}

/**
 * kontor_csv_mapping_set_date_order:
 * @self: a mapping
 * @order: the order the user chose for dates with slashes, or
 *   %KONTOR_CSV_DATE_ORDER_AUTO to take the file's
 */
void
kontor_csv_mapping_set_date_order (KontorCsvMapping   *self,
                                   KontorCsvDateOrder  order)
{
  g_return_if_fail (KONTOR_IS_CSV_MAPPING (self));
  g_return_if_fail (order <= KONTOR_CSV_DATE_ORDER_MONTH_FIRST);

  self->date_order = order;
}

/* English Outlook's export, which writes American dates: its names for
 * the first name and the business street or the e-mail's display name */
static gboolean
header_is_english_outlook (KontorCsvMapping *self)
{
  gboolean first_name = FALSE, outlook = FALSE;

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *key = kontor_text_match_key (self->header[i]);

      first_name |= g_str_equal (key, "first name");
      outlook |= g_str_equal (key, "business street") || g_str_equal (key, "e mail display name");
    }

  return first_name && outlook;
}

/* The one order a date with slashes can be read in ("4/15/1980": month
 * first), AUTO when it is no such date or reads both ways */
static KontorCsvDateOrder
slash_date_order (const char *text,
                  int         this_year)
{
  g_autofree char *day_first = NULL;
  g_autofree char *month_first = NULL;

  if (strchr (text, '/') == NULL)
    return KONTOR_CSV_DATE_ORDER_AUTO;
  kontor_csv_parse_date_in_order (text, this_year, KONTOR_CSV_DATE_ORDER_DAY_FIRST, &day_first);
  kontor_csv_parse_date_in_order (text, this_year, KONTOR_CSV_DATE_ORDER_MONTH_FIRST, &month_first);
  if (day_first != NULL && month_first == NULL)
    return KONTOR_CSV_DATE_ORDER_DAY_FIRST;
  if (month_first != NULL && day_first == NULL)
    return KONTOR_CSV_DATE_ORDER_MONTH_FIRST;

  return KONTOR_CSV_DATE_ORDER_AUTO;
}

/* Rows of the file whose dates decide their columns' order */
#define DATE_SCAN_ROWS 1000

/**
 * kontor_csv_mapping_scan_dates:
 * @self: a mapping
 * @reader: the file's reader; read from its header, and started over at
 *   the header again after
 * @error: return location for the reader's #GError
 *
 * Decides the order of each date column's slashes from the file, for
 * %KONTOR_CSV_DATE_ORDER_AUTO: the values of its first 1,000 rows — one
 * whose first number is above 12 is day first ("15/4/1980"), one whose
 * second is, month first ("4/15/1980"). A column whose values show both
 * stays undecided; one whose values show neither is month first under
 * English Outlook's header, which writes American dates, else undecided:
 * then a date that reads both ways ("4/5/1980") is refused.
 *
 * Returns: %TRUE when the file could be read
 */
gboolean
kontor_csv_mapping_scan_dates (KontorCsvMapping  *self,
                               KontorCsvReader   *reader,
                               GError           **error)
{
  g_autofree guint *day_first = NULL;
  g_autofree guint *month_first = NULL;
  GError *local_error = NULL;
  gboolean english_outlook;
  gboolean any_date = FALSE;

  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!kontor_csv_reader_rewind (reader, error))
    return FALSE;

  day_first = g_new0 (guint, MAX (self->n_columns, 1));
  month_first = g_new0 (guint, MAX (self->n_columns, 1));
  for (guint i = 0; i < self->n_columns; i++)
    any_date |= target_is_date (self->targets[i]);

  for (guint n_rows = 0; any_date && n_rows <= DATE_SCAN_ROWS; n_rows++)
    {
      g_auto(GStrv) row = kontor_csv_reader_read_row (reader, NULL, &local_error);

      if (row == NULL)
        break;
      if (n_rows == 0)
        continue;       /* the header */
      for (guint i = 0; i < self->n_columns && row[i] != NULL; i++)
        {
          if (!target_is_date (self->targets[i]))
            continue;
          switch (slash_date_order (row[i], self->this_year))
            {
            case KONTOR_CSV_DATE_ORDER_DAY_FIRST:
              day_first[i]++;
              break;
            case KONTOR_CSV_DATE_ORDER_MONTH_FIRST:
              month_first[i]++;
              break;
            case KONTOR_CSV_DATE_ORDER_AUTO:
            default:
              break;
            }
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  english_outlook = header_is_english_outlook (self);
  for (guint i = 0; i < self->n_columns; i++)
    {
      if (!target_is_date (self->targets[i]))
        self->file_orders[i] = KONTOR_CSV_DATE_ORDER_AUTO;
      else if (day_first[i] > 0 && month_first[i] == 0)
        self->file_orders[i] = KONTOR_CSV_DATE_ORDER_DAY_FIRST;
      else if (month_first[i] > 0 && day_first[i] == 0)
        self->file_orders[i] = KONTOR_CSV_DATE_ORDER_MONTH_FIRST;
      else if (day_first[i] == 0 && english_outlook)
        self->file_orders[i] = KONTOR_CSV_DATE_ORDER_MONTH_FIRST;
      else
        self->file_orders[i] = KONTOR_CSV_DATE_ORDER_AUTO;
    }

  return kontor_csv_reader_rewind (reader, error);
}

/**
 * kontor_csv_mapping_get_file_date_order:
 * @self: a mapping
 * @column: a column
 *
 * Returns: the order kontor_csv_mapping_scan_dates() found for the
 *   column's dates, %KONTOR_CSV_DATE_ORDER_AUTO when undecided or not
 *   scanned; kontor_csv_mapping_get_date_order(), when not AUTO, goes
 *   before it
 */
KontorCsvDateOrder
kontor_csv_mapping_get_file_date_order (KontorCsvMapping *self,
                                        guint             column)
{
  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), KONTOR_CSV_DATE_ORDER_AUTO);
  g_return_val_if_fail (column < self->n_columns, KONTOR_CSV_DATE_ORDER_AUTO);

  return self->file_orders[column];
}

/**
 * kontor_csv_mapping_has_date_column:
 * @self: a mapping
 *
 * Returns: whether a column is mapped to a date field, which the date
 *   order (kontor_csv_mapping_set_date_order()) reads
 */
gboolean
kontor_csv_mapping_has_date_column (KontorCsvMapping *self)
{
  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), FALSE);

  for (guint i = 0; i < self->n_columns; i++)
    if (target_is_date (self->targets[i]))
      return TRUE;

  return FALSE;
}

/* "Herr", "Frau Dr.", "Mr.", "Dr." (Outlook's "Title" column holds both) */
static gboolean
parse_salutation (const char        *text,
                  KontorSalutation  *salutation,
                  char             **title)
{
  static const struct { const char *key; KontorSalutation salutation; } words[] = {
    { "herr", KONTOR_SALUTATION_MR }, { "herrn", KONTOR_SALUTATION_MR },
    { "mr", KONTOR_SALUTATION_MR }, { "mister", KONTOR_SALUTATION_MR },
    { "frau", KONTOR_SALUTATION_MS }, { "ms", KONTOR_SALUTATION_MS },
    { "mrs", KONTOR_SALUTATION_MS }, { "miss", KONTOR_SALUTATION_MS },
    { "divers", KONTOR_SALUTATION_MX }, { "mx", KONTOR_SALUTATION_MX },
  };
  static const char * const titles[] = { "dr", "prof", "professor", "dipl", "ing", "mag", "med" };
  /* what nearly every row holds, without folding */
  static const struct { const char *text; KontorSalutation salutation; } plain[] = {
    { "Herr", KONTOR_SALUTATION_MR }, { "Frau", KONTOR_SALUTATION_MS },
    { "Mr.", KONTOR_SALUTATION_MR }, { "Ms.", KONTOR_SALUTATION_MS },
    { "Mr", KONTOR_SALUTATION_MR }, { "Ms", KONTOR_SALUTATION_MS },
  };
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) rest = NULL;

  *salutation = KONTOR_SALUTATION_NONE;
  *title = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      if (strcmp (text, plain[i].text) == 0)
        {
          *salutation = plain[i].salutation;
          return TRUE;
        }
    }

  parts = g_strsplit (text, " ", -1);
  rest = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *key = kontor_text_match_key (parts[i]);
      gboolean known = FALSE;

      if (*key == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (words) && !known; j++)
        {
          if (g_str_equal (key, words[j].key) && *salutation == KONTOR_SALUTATION_NONE)
            {
              *salutation = words[j].salutation;
              known = TRUE;
            }
        }
      if (known)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (titles) && !known; j++)
        known = g_str_has_prefix (key, titles[j]);
      if (!known)
        return FALSE;
      if (rest->len > 0)
        g_string_append_c (rest, ' ');
      g_string_append (rest, parts[i]);
    }

  if (rest->len > 0)
    *title = g_string_free (g_steal_pointer (&rest), FALSE);

  return TRUE;
}

static gboolean
parse_language (const char     *text,
                KontorLanguage *language)
{
  static const struct { const char *key; KontorLanguage language; } names[] = {
    { "de", KONTOR_LANGUAGE_DE }, { "deutsch", KONTOR_LANGUAGE_DE }, { "german", KONTOR_LANGUAGE_DE },
    { "en", KONTOR_LANGUAGE_EN }, { "englisch", KONTOR_LANGUAGE_EN }, { "english", KONTOR_LANGUAGE_EN },
    { "fr", KONTOR_LANGUAGE_FR }, { "franzosisch", KONTOR_LANGUAGE_FR },
    { "franzoesisch", KONTOR_LANGUAGE_FR }, { "french", KONTOR_LANGUAGE_FR },
    { "francais", KONTOR_LANGUAGE_FR },
    { "it", KONTOR_LANGUAGE_IT }, { "italienisch", KONTOR_LANGUAGE_IT },
    { "italian", KONTOR_LANGUAGE_IT }, { "italiano", KONTOR_LANGUAGE_IT },
  };
  g_autofree char *key = kontor_text_match_key (text);

  /* "de-DE", "de_CH" */
  if (strlen (key) > 2 && key[2] == ' ')
    key[2] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (key, names[i].key))
        {
          *language = names[i].language;
          return TRUE;
        }
    }

  return FALSE;
}

/* "Anna Müller", "Müller, Anna", "Anna Maria Müller"; one word is a
 * last name */
static void
split_full_name (const char  *text,
                 char       **first,
                 char       **last)
{
  const char *comma = strchr (text, ',');
  const char *space;

  if (comma != NULL)
    {
      g_autofree char *head = g_strndup (text, comma - text);

      *last = kontor_text_strip_dup (head);
      *first = kontor_text_strip_dup (comma + 1);
    }
  else if ((space = strrchr (text, ' ')) != NULL)
    {
      g_autofree char *head = g_strndup (text, space - text);

      *first = kontor_text_strip_dup (head);
      *last = kontor_text_strip_dup (space + 1);
    }
  else
    {
      *first = NULL;
      *last = kontor_text_strip_dup (text);
    }

  if (*first != NULL && **first == '\0')
    g_clear_pointer (first, g_free);
  if (*last != NULL && **last == '\0')
    g_clear_pointer (last, g_free);
}

/* Outlook writes "0.0.00" (German) or "0/0/00" for no birthday */
static gboolean
is_no_date (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '0' && *p != '.' && *p != '/' && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static void
add_channels (GPtrArray  *channels,
              gboolean    email,
              const char *label,
              const char *value)
{
  /* several in one cell: Kontor's export joins them with "; ", Google
   * with " ::: " */
  g_autofree char *copy = g_strdup (value);
  g_auto(GStrv) parts = NULL;

  for (char *p = strstr (copy, ":::"); p != NULL; p = strstr (p, ":::"))
    memcpy (p, ";;;", 3);
  if (email)
    g_strdelimit (copy, ",", ';');
  parts = g_strsplit (copy, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = kontor_text_strip_dup (parts[i]);

      if (part != NULL)
        g_ptr_array_add (channels, kontor_channel_new (label, part));
    }
}

typedef void (*SetText) (KontorContact *contact, const char *text);
typedef const char *(*GetText) (KontorContact *contact);

static const struct
{
  const char *target;
  GetText     get;
  SetText     set;
} text_targets[] = {
  { "title", kontor_contact_get_title, kontor_contact_set_title },
  { "first_name", kontor_contact_get_first_name, kontor_contact_set_first_name },
  { "last_name", kontor_contact_get_last_name, kontor_contact_set_last_name },
  { "job_title", kontor_contact_get_job_title, kontor_contact_set_job_title },
  { "company", kontor_contact_get_company_name, kontor_contact_set_company_name },
  { "street", kontor_contact_get_street, kontor_contact_set_street },
  { "postal_code", kontor_contact_get_postal_code, kontor_contact_set_postal_code },
  { "city", kontor_contact_get_city, kontor_contact_set_city },
  { "country", kontor_contact_get_country, kontor_contact_set_country },
  { "customer_number", kontor_contact_get_customer_number, kontor_contact_set_customer_number },
};

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/**
 * kontor_csv_mapping_apply:
 * @self: a mapping
 * @row: a row of the file (shorter or longer rows are fine: missing
 *   fields are empty, extra ones ignored)
 * @error: return location for a #GError, %KONTOR_IMPORT_ERROR_ROW
 *
 * The contact as it will be stored: its values trimmed, dates read (with
 * slashes in the date order: the chosen one, else the file's),
 * the salutation as Kontor's, the company's name in company-name. The
 * record's own rules (a name needed, lengths) are the import's to check,
 * with kontor_record_validate().
 *
 * Returns: (transfer full) (nullable): the contact, %NULL when a value
 *   cannot be read; the message names the column and the value
 */
KontorContact *
kontor_csv_mapping_apply (KontorCsvMapping    *self,
                          const char * const  *row,
                          GError             **error)
{
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(GPtrArray) emails = kontor_channel_array_new ();
  g_autoptr(GPtrArray) phones = kontor_channel_array_new ();
  g_autoptr(GString) notes = NULL;
  g_autofree char *full_name = NULL;
  guint n_fields;

  g_return_val_if_fail (KONTOR_IS_CSV_MAPPING (self), NULL);
  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contact = kontor_contact_new ();
  n_fields = g_strv_length ((char **) row);

  for (guint i = 0; i < self->n_columns && i < n_fields; i++)
    {
      const char *target = self->targets[i];
      const char *header = self->names[i];
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;    /* the value as a message quotes it */
      gboolean done = FALSE;

      if (target == NULL)
        continue;
      value = kontor_text_strip_dup (row[i]);
      if (is_empty (value))
        continue;

      for (guint t = 0; t < G_N_ELEMENTS (text_targets) && !done; t++)
        {
          if (g_str_equal (target, text_targets[t].target))
            {
              if (is_empty (text_targets[t].get (contact)))
                text_targets[t].set (contact, value);
              done = TRUE;
            }
        }
      if (done)
        continue;

      if (g_str_equal (target, "salutation"))
        {
          KontorSalutation salutation;
          g_autofree char *title = NULL;

          if (!parse_salutation (value, &salutation, &title))
            {
              g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                           _("%s: “%s” is not a salutation (Herr, Frau, Mr., Ms.)."),
                           header, shown = shown_value (value));
              return NULL;
            }
          if (salutation != KONTOR_SALUTATION_NONE)
            kontor_contact_set_salutation (contact, salutation);
          if (title != NULL && is_empty (kontor_contact_get_title (contact)))
            kontor_contact_set_title (contact, title);
        }
      else if (g_str_equal (target, "full_name"))
        {
          if (full_name == NULL)
            full_name = g_steal_pointer (&value);
        }
      else if (g_str_has_prefix (target, "email") || g_str_has_prefix (target, "phone"))
        {
          gboolean email = g_str_has_prefix (target, "email");
          const char *kind_label = strchr (target, '_');
          g_autofree char *label = NULL;

          if (kind_label != NULL)
            label = g_strdup (kind_label + 1);
          else if (self->label_columns[i] >= 0 && (guint) self->label_columns[i] < n_fields)
            label = channel_label_from_text (row[self->label_columns[i]]);
          if (label == NULL)
            label = g_strdup ("other");
          add_channels (email ? emails : phones, email, label, value);
        }
      else if (target_is_date (target))
        {
          KontorCsvDateOrder order = self->date_order != KONTOR_CSV_DATE_ORDER_AUTO
                                     ? self->date_order : self->file_orders[i];
          g_autofree char *iso = NULL;

          if (is_no_date (value))
            continue;
          if (!kontor_csv_parse_date_in_order (value, self->this_year, order, &iso))
            {
              /* 4/5/1980: 4 May or 5 April, the file does not say */
              if (order == KONTOR_CSV_DATE_ORDER_AUTO && strchr (value, '/') != NULL &&
                  slash_date_order (value, self->this_year) == KONTOR_CSV_DATE_ORDER_AUTO &&
                  kontor_csv_parse_date_in_order (value, self->this_year,
                                                  KONTOR_CSV_DATE_ORDER_DAY_FIRST, &iso))
                g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                             _("%s: “%s” can be read as day/month or as month/day. "
                               "Write it as DD.MM.YYYY or YYYY-MM-DD."),
                             header, shown = shown_value (value));
              else if (order == KONTOR_CSV_DATE_ORDER_DAY_FIRST && strchr (value, '/') != NULL)
                g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                             _("%s: “%s” is not a date when read as day/month/year."),
                             header, shown = shown_value (value));
              else if (order == KONTOR_CSV_DATE_ORDER_MONTH_FIRST && strchr (value, '/') != NULL)
                g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                             _("%s: “%s” is not a date when read as month/day/year."),
                             header, shown = shown_value (value));
              else
                g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                             _("%s: “%s” is not a date."), header, shown = shown_value (value));
              return NULL;
            }
          if (is_empty (kontor_contact_get_birthday (contact)))
            kontor_contact_set_birthday (contact, iso);
        }
      else if (g_str_equal (target, "language"))
        {
          KontorLanguage language;

          if (!parse_language (value, &language))
            {
              g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                           _("%s: “%s” is not a language Kontor knows (de, en, fr, it)."),
                           header, shown = shown_value (value));
              return NULL;
            }
          kontor_contact_set_language (contact, language);
        }
      else if (g_str_equal (target, "notes"))
        {
          if (notes == NULL)
            notes = g_string_new (value);
          else
            g_string_append_printf (notes, "\n%s", value);
        }
      else
        g_assert_not_reached ();
    }

  if (full_name != NULL && is_empty (kontor_contact_get_first_name (contact)) &&
      is_empty (kontor_contact_get_last_name (contact)))
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      split_full_name (full_name, &first, &last);
      kontor_contact_set_first_name (contact, first);
      kontor_contact_set_last_name (contact, last);
    }
  if (notes != NULL)
    kontor_contact_set_notes (contact, notes->str);
  /* each at once: adding one by one copies the list each time */
  if (emails->len > 0)
    kontor_contact_set_emails (contact, emails);
  if (phones->len > 0)
    kontor_contact_set_phones (contact, phones);

  return g_steal_pointer (&contact);
}

/**
 * kontor_csv_export_header:
 *
 * The export's column names: stable English names, the same in every
 * preset and language, which kontor_csv_mapping_new() maps back.
 *
 * Returns: (transfer full): the header row
 */
GStrv
kontor_csv_export_header (void)
{
  GStrv header = g_new0 (char *, G_N_ELEMENTS (export_columns) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    header[i] = g_strdup (export_columns[i].name);

  return header;
}

static const char *
export_salutation (KontorSalutation salutation,
                   KontorCsvPreset  preset)
{
  gboolean de = preset == KONTOR_CSV_PRESET_EXCEL_DE;

  switch (salutation)
    {
    case KONTOR_SALUTATION_MR:
      return de ? "Herr" : "Mr.";
    case KONTOR_SALUTATION_MS:
      return de ? "Frau" : "Ms.";
    case KONTOR_SALUTATION_MX:
      return de ? "Divers" : "Mx.";
    case KONTOR_SALUTATION_NONE:
    default:
      return "";
    }
}

static const char *
export_language (KontorLanguage language)
{
  switch (language)
    {
    case KONTOR_LANGUAGE_EN:
      return "en";
    case KONTOR_LANGUAGE_FR:
      return "fr";
    case KONTOR_LANGUAGE_IT:
      return "it";
    case KONTOR_LANGUAGE_DE:
    default:
      return "de";
    }
}

/* The channels of @label ("other": every label but the named ones),
 * joined by "; " */
static char *
export_channels (GPtrArray   *channels,
                 const char  *label,
                 const char * const *named)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);
      gboolean match;

      if (g_str_equal (label, "other"))
        match = channel->label == NULL || !g_strv_contains (named, channel->label) ||
                g_str_equal (channel->label, "other");
      else
        match = g_strcmp0 (channel->label, label) == 0;
      if (!match)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, channel->value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kontor_csv_export_row:
 * @contact: a contact
 * @preset: the export's preset
 *
 * The contact as a row under kontor_csv_export_header(): the salutation
 * as "Herr"/"Frau" (Excel) or "Mr."/"Ms.", dates as the preset writes
 * them, several e-mails or phones of a label joined by "; ". A channel
 * with a label of the user's own goes into the "other" column.
 *
 * Returns: (transfer full): the row
 */
GStrv
kontor_csv_export_row (KontorContact   *contact,
                       KontorCsvPreset  preset)
{
  static const char * const email_labels[] = { "work", "home", NULL };
  static const char * const phone_labels[] = { "work", "mobile", "home", "fax", NULL };
  GStrv row;

  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), NULL);

  row = g_new0 (char *, G_N_ELEMENTS (export_columns) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    {
      const char *target = export_columns[i].target;
      char *value = NULL;

      for (guint t = 0; t < G_N_ELEMENTS (text_targets) && value == NULL; t++)
        {
          if (g_str_equal (target, text_targets[t].target))
            value = g_strdup (text_targets[t].get (contact));
        }

      if (value != NULL)
        ;
      else if (g_str_equal (target, "salutation"))
        value = g_strdup (export_salutation (kontor_contact_get_salutation (contact), preset));
      else if (g_str_has_prefix (target, "email_"))
        value = export_channels (kontor_contact_get_emails (contact), target + 6, email_labels);
      else if (g_str_has_prefix (target, "phone_"))
        value = export_channels (kontor_contact_get_phones (contact), target + 6, phone_labels);
      else if (g_str_equal (target, "language"))
        value = g_strdup (export_language (kontor_contact_get_language (contact)));
      else if (g_str_equal (target, "birthday"))
        {
          const char *birthday = kontor_contact_get_birthday (contact);

          value = is_empty (birthday) ? NULL : kontor_csv_format_date (birthday, preset);
        }
      else if (g_str_equal (target, "notes"))
        value = g_strdup (kontor_contact_get_notes (contact));

      row[i] = value != NULL ? value : g_strdup ("");
    }

  return row;
}
