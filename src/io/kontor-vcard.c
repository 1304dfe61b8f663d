/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-vcard"

#include "config.h"

#include <string.h>

#include <glib.h>

/* libedataserver 3.46's e-flag.h still declares a GTimeVal function */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libebook-contacts/libebook-contacts.h>
G_GNUC_END_IGNORE_DEPRECATIONS

#include "kontor-channel.h"
#include "kontor-contact-rules.h"
#include "kontor-text.h"
#include "kontor-vcard-private.h"

/* A card's properties as a contact, and a contact as a card (features I2,
 * I4, src/README.md "vCard files"). Reading goes through
 * evolution-data-server's EVCard, which unfolds, unescapes and splits
 * values and parameters of 2.1, 3.0 and 4.0 alike; what it does not know
 * of 4.0 (tel: and mailto: URIs, partial dates, LANG) is read here.
 * Writing 3.0 is EVCard's; 4.0, which EVCard 3.46 cannot write, is
 * written here after RFC 6350. The source (kontor-vcard-source.c) hands
 * this file each card already decoded to UTF-8. */

/* Kontor's own properties, for what vCard has no property of */
#define X_SALUTATION "X-KONTOR-SALUTATION"
#define X_CUSTOMER_NUMBER "X-KONTOR-CUSTOMER-NUMBER"
#define X_LANGUAGE "X-KONTOR-LANGUAGE"
/* Apple's label of a grouped property ("item1.TEL" + "item1.X-ABLabel"),
 * read and written for a channel label that no TYPE says */
#define X_AB_LABEL "X-ABLabel"

static const struct {
  const char *word;
  KontorSalutation salutation;
} salutation_words[] = {
  { "herr", KONTOR_SALUTATION_MR }, { "hr.", KONTOR_SALUTATION_MR },
  { "mr.", KONTOR_SALUTATION_MR }, { "mr", KONTOR_SALUTATION_MR },
  { "m.", KONTOR_SALUTATION_MR }, { "monsieur", KONTOR_SALUTATION_MR },
  { "sig.", KONTOR_SALUTATION_MR }, { "signor", KONTOR_SALUTATION_MR },
  { "frau", KONTOR_SALUTATION_MS }, { "fr.", KONTOR_SALUTATION_MS },
  { "ms.", KONTOR_SALUTATION_MS }, { "ms", KONTOR_SALUTATION_MS },
  { "mrs.", KONTOR_SALUTATION_MS }, { "mrs", KONTOR_SALUTATION_MS },
  { "miss", KONTOR_SALUTATION_MS }, { "mme", KONTOR_SALUTATION_MS },
  { "madame", KONTOR_SALUTATION_MS }, { "sig.ra", KONTOR_SALUTATION_MS },
  { "signora", KONTOR_SALUTATION_MS },
  { "mx.", KONTOR_SALUTATION_MX }, { "mx", KONTOR_SALUTATION_MX },
};

static const char * const salutation_nicks[] = { NULL, "mr", "ms", "mx" };

static const char * const language_codes[] = { "de", "en", "fr", "it" };

/* Text from the card as the model takes it: valid UTF-8, trimmed, %NULL
 * for nothing. EVCard hands over what a BASE64 value decodes to as it is. */
static char *
dup_text (const char *value)
{
  g_autofree char *valid = NULL;

  if (value == NULL)
    return NULL;

  valid = g_utf8_make_valid (value, -1);
  g_strstrip (valid);
  if (valid[0] == '\0')
    return NULL;

  return g_steal_pointer (&valid);
}

/* A field of one line (all but the notes): an address's lines, as Apple
 * writes a street of two, joined with a comma */
static char *
dup_line (const char *value)
{
  g_autofree char *text = dup_text (value);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) kept = NULL;

  if (text == NULL || strpbrk (text, "\r\n") == NULL)
    return g_steal_pointer (&text);

  builder = g_strv_builder_new ();
  lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!kontor_text_is_blank (lines[i]))
        g_strv_builder_add (builder, g_strstrip (lines[i]));
    }
  kept = g_strv_builder_end (builder);

  return g_strjoinv (", ", kept);
}

/* The @index'th value of a structured property (N, ADR, ORG) */
static char *
dup_component (EVCardAttribute *attr,
               guint            index)
{
  GList *values = e_vcard_attribute_get_values (attr);

  return dup_line (g_list_nth_data (values, index));
}

/* A single-valued property's whole value: EVCard splits at unescaped
 * semicolons, which a tel: URI ("tel:+49-221-1;ext=2") or a 2.1 NOTE holds */
static char *
dup_value (EVCardAttribute *attr)
{
  g_autoptr(GString) value = g_string_new (NULL);

  for (GList *l = e_vcard_attribute_get_values (attr); l != NULL; l = l->next)
    {
      if (l != e_vcard_attribute_get_values (attr))
        g_string_append_c (value, ';');
      g_string_append (value, l->data);
    }

  return dup_text (value->str);
}

/* Whether a TYPE parameter holds @type: 3.0's "TYPE=WORK,VOICE" and
 * "type=WORK;type=pref", 2.1's "TEL;WORK" (EVCard makes it a TYPE) and
 * 4.0's quoted list TYPE="work,voice", which EVCard keeps as one value */
static gboolean
has_type (EVCardAttribute *attr,
          const char      *type)
{
  for (GList *l = e_vcard_attribute_get_param (attr, EVC_TYPE); l != NULL; l = l->next)
    {
      g_auto(GStrv) types = g_strsplit (l->data, ",", -1);

      for (guint i = 0; types[i] != NULL; i++)
        {
          if (g_ascii_strcasecmp (g_strstrip (types[i]), type) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
name_is (EVCardAttribute *attr,
         const char      *name)
{
  return g_ascii_strcasecmp (e_vcard_attribute_get_name (attr), name) == 0;
}

/* A channel label from Apple's X-ABLabel: its own "_$!<Mobile>!$_" keys
 * or a label the user typed */
static char *
label_from_ab_label (const char *ab_label)
{
  static const struct {
    const char *apple;
    const char *label;
  } keys[] = {
    { "_$!<Mobile>!$_", "mobile" }, { "iPhone", "mobile" },
    { "_$!<Work>!$_", "work" }, { "_$!<Home>!$_", "home" },
    { "_$!<Other>!$_", "other" }, { "_$!<WorkFAX>!$_", "fax" },
    { "_$!<HomeFAX>!$_", "fax" }, { "_$!<OtherFAX>!$_", "fax" },
    { "_$!<Main>!$_", "work" },
  };
  g_autofree char *text = dup_line (ab_label);

  if (text == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (g_strcmp0 (text, keys[i].apple) == 0)
        return g_strdup (keys[i].label);
    }

  /* "_$!<Assistant>!$_" and the like: the word inside */
  if (g_str_has_prefix (text, "_$!<") && g_str_has_suffix (text, ">!$_") && strlen (text) > 8)
    return g_strndup (text + 4, strlen (text) - 8);

  return g_steal_pointer (&text);
}

/* A channel's label from its TYPE list: a fax is a fax wherever it is, a
 * mobile a mobile; %NULL when nothing says */
static const char *
label_from_types (EVCardAttribute *attr,
                  gboolean         phone)
{
  if (phone && has_type (attr, "FAX"))
    return "fax";
  if (phone && (has_type (attr, "CELL") || has_type (attr, "MOBILE") ||
                has_type (attr, "IPHONE")))
    return "mobile";
  if (has_type (attr, "WORK"))
    return "work";
  if (has_type (attr, "HOME"))
    return "home";
  if (has_type (attr, "OTHER"))
    return "other";

  return NULL;
}

static const char *
find_ab_label (GHashTable      *ab_labels,
               EVCardAttribute *attr)
{
  const char *group = e_vcard_attribute_get_group (attr);
  g_autofree char *key = NULL;

  if (group == NULL)
    return NULL;

  key = g_ascii_strdown (group, -1);

  return g_hash_table_lookup (ab_labels, key);
}

/* "tel:+49-221-12345" as a person writes it: "+49 221 12345" */
static char *
phone_from_value (char *value)
{
  if (g_ascii_strncasecmp (value, "tel:", 4) == 0)
    {
      g_autofree char *number = g_strdup (value + 4);
      char *params = strchr (number, ';');

      /* the URI's parameters ("isub", "phone-context") are no digits to
       * dial; an extension, wherever it stands among them (RFC 3966 puts
       * no order on them), is kept as people write it */
      if (params != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (params + 1, ";", -1);
          const char *ext = NULL;

          for (guint i = 0; parts[i] != NULL && ext == NULL; i++)
            {
              if (g_ascii_strncasecmp (parts[i], "ext=", 4) == 0 && parts[i][4] != '\0')
                ext = parts[i] + 4;
            }
          *params = '\0';
          if (ext != NULL)
            {
              char *with_ext = g_strconcat (number, " ext. ", ext, NULL);

              g_free (number);
              number = with_ext;
            }
        }
      g_strdelimit (number, "-", ' ');
      g_free (value);

      return dup_text (number);
    }

  return value;
}

static char *
email_from_value (char *value)
{
  if (g_ascii_strncasecmp (value, "mailto:", 7) == 0)
    {
      g_autofree char *address = g_strdup (value + 7);
      char *query = strchr (address, '?');
      g_autofree char *unescaped = NULL;

      if (query != NULL)
        *query = '\0';
      g_free (value);

      /* a URI's %-escapes (RFC 6068: "m%C3%BCller@…"), where they give
       * text; else the address as it stands */
      unescaped = g_uri_unescape_string (address, NULL);
      if (unescaped != NULL && g_utf8_validate (unescaped, -1, NULL))
        return dup_text (unescaped);

      return dup_text (address);
    }

  return value;
}

/**
 * kontor_vcard_parse_date:
 * @value: (nullable): a BDAY value
 *
 * Returns: (transfer full) (nullable): the date as Kontor keeps it
 */
char *
kontor_vcard_parse_date (const char *value)
{
  g_autofree char *text = dup_text (value);
  const char *time;
  gsize len;

  if (text == NULL)
    return NULL;

  /* a date-time: the date before the T ("19850415T", "1985-04-15T10:22");
   * a time alone ("T102200") is no date; text ("circa 1800, Taufe") is
   * given back whole */
  time = strchr (text, 'T');
  if (time != NULL && strspn (text, "0123456789-") == (gsize) (time - text) &&
      strspn (time + 1, "0123456789:.,+-Z") == strlen (time + 1))
    {
      if (time == text)
        return NULL;
      text[time - text] = '\0';
    }
  len = strlen (text);

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]) && text[i] != '-')
        return g_steal_pointer (&text);
    }

  /* --MMDD, --MM-DD */
  if (len == 6 && g_str_has_prefix (text, "--") && strchr (text + 2, '-') == NULL)
    return g_strdup_printf ("--%.2s-%.2s", text + 2, text + 4);
  if (len == 7 && g_str_has_prefix (text, "--") && text[4] == '-')
    return g_steal_pointer (&text);
  /* YYYYMMDD */
  if (len == 8 && strchr (text, '-') == NULL)
    return g_strdup_printf ("%.4s-%.2s-%.2s", text, text + 4, text + 6);

  return g_steal_pointer (&text);
}

/* Apple writes a birthday without a year as a date in the year it names
 * in X-APPLE-OMIT-YEAR ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15") */
static char *
parse_birthday (EVCardAttribute *attr)
{
  g_autofree char *value = dup_value (attr);
  g_autofree char *date = NULL;
  GList *omit = e_vcard_attribute_get_param (attr, "X-APPLE-OMIT-YEAR");
  GList *type = e_vcard_attribute_get_param (attr, "VALUE");

  /* 4.0's BDAY;VALUE=text:circa 1800 is text, whatever it looks like */
  if (type != NULL && g_ascii_strcasecmp (type->data, "text") == 0)
    return g_steal_pointer (&value);

  date = kontor_vcard_parse_date (value);

  if (date != NULL && omit != NULL && strlen (date) == 10 &&
      strncmp (date, omit->data, 4) == 0)
    return g_strconcat ("-", date + 4, NULL);

  return g_steal_pointer (&date);
}

/* The N's prefix: a salutation word (if @salutation is not known yet)
 * and the title in the rest */
static void
parse_prefix (const char       *prefix,
              KontorSalutation *salutation,
              char            **title)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  gboolean known = *salutation != KONTOR_SALUTATION_NONE;
  g_autofree char *joined = NULL;

  *title = NULL;
  if (prefix == NULL)
    return;

  words = g_strsplit (prefix, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_strdown (words[i], -1);
      gboolean is_salutation = FALSE;

      if (words[i][0] == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (salutation_words); j++)
        {
          if (strcmp (folded, salutation_words[j].word) == 0)
            {
              is_salutation = TRUE;
              if (!known && *salutation == KONTOR_SALUTATION_NONE)
                *salutation = salutation_words[j].salutation;
              break;
            }
        }
      if (!is_salutation)
        g_ptr_array_add (rest, words[i]);
    }

  g_ptr_array_add (rest, NULL);
  joined = g_strjoinv (" ", (char **) rest->pdata);
  *title = dup_text (joined);
}

/* FN when N says nothing: "Schmidt, Anna" or "Anna Maria Schmidt" */
static void
split_formatted_name (KontorContact *contact,
                      const char    *formatted)
{
  const char *comma = strchr (formatted, ',');
  const char *space = strrchr (formatted, ' ');

  if (comma != NULL)
    {
      g_autofree char *last_part = g_strndup (formatted, comma - formatted);
      g_autofree char *last = dup_text (last_part);
      g_autofree char *first = dup_text (comma + 1);

      kontor_contact_set_last_name (contact, last);
      kontor_contact_set_first_name (contact, first);
    }
  else if (space != NULL)
    {
      g_autofree char *first_part = g_strndup (formatted, space - formatted);
      g_autofree char *first = dup_text (first_part);
      g_autofree char *last = dup_text (space + 1);

      kontor_contact_set_first_name (contact, first);
      kontor_contact_set_last_name (contact, last);
    }
  else
    {
      kontor_contact_set_last_name (contact, formatted);
    }
}

static gboolean
language_from_code (const char     *code,
                    KontorLanguage *language)
{
  if (code == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (language_codes); i++)
    {
      if (g_ascii_strncasecmp (code, language_codes[i], 2) == 0 &&
          (code[2] == '\0' || code[2] == '-' || code[2] == '_'))
        {
          *language = (KontorLanguage) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The correspondence language: of 4.0's LANG properties the preferred
 * one (the lowest PREF, 1 to 100; none is least preferred) that Kontor
 * has a language of, else Kontor's own X-KONTOR-LANGUAGE */
static gboolean
read_language (EVCard         *vcard,
               KontorLanguage *language)
{
  guint best = G_MAXUINT;

  for (GList *l = e_vcard_get_attributes (vcard); l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      GList *pref;
      g_autofree char *code = NULL;
      KontorLanguage found;
      guint64 rank = 100;

      if (!name_is (attr, "LANG"))
        continue;
      code = dup_value (attr);
      if (!language_from_code (code, &found))
        continue;
      pref = e_vcard_attribute_get_param (attr, "PREF");
      if (pref != NULL && pref->data != NULL)
        rank = g_ascii_strtoull (pref->data, NULL, 10);
      if (rank < 1 || rank > 100)
        rank = 100;
      if (rank < best)
        {
          best = (guint) rank;
          *language = found;
        }
    }
  if (best != G_MAXUINT)
    return TRUE;

  for (GList *l = e_vcard_get_attributes (vcard); l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      g_autofree char *code = NULL;

      if (!name_is (attr, X_LANGUAGE))
        continue;
      code = dup_value (attr);
      if (language_from_code (code, language))
        return TRUE;
    }

  return FALSE;
}

/* The address: the work address, else the home one, else the first */
static EVCardAttribute *
pick_address (EVCard *card)
{
  EVCardAttribute *home = NULL;
  EVCardAttribute *first = NULL;

  for (GList *l = e_vcard_get_attributes (card); l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;

      if (!name_is (attr, EVC_ADR))
        continue;
      if (has_type (attr, "WORK"))
        return attr;
      if (home == NULL && has_type (attr, "HOME"))
        home = attr;
      if (first == NULL)
        first = attr;
    }

  return home != NULL ? home : first;
}

static void
read_address (KontorContact   *contact,
              EVCardAttribute *attr)
{
  g_autofree char *po_box = dup_component (attr, 0);
  g_autofree char *extended = dup_component (attr, 1);
  g_autofree char *street = dup_component (attr, 2);
  g_autofree char *city = dup_component (attr, 3);
  g_autofree char *postal_code = dup_component (attr, 5);
  g_autofree char *country = dup_component (attr, 6);

  /* "Gebäude B" and the post-office box belong to the street line(s) */
  if (street == NULL && po_box != NULL)
    street = g_steal_pointer (&po_box);
  if (extended != NULL)
    {
      char *joined = street != NULL ? g_strconcat (street, ", ", extended, NULL)
                                    : g_strdup (extended);

      g_free (street);
      street = joined;
    }

  kontor_contact_set_street (contact, street);
  kontor_contact_set_city (contact, city);
  kontor_contact_set_postal_code (contact, postal_code);
  kontor_contact_set_country (contact, country);
}

static KontorContact *
contact_from_vcard (EVCard *vcard)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GHashTable) ab_labels = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                           g_free, g_free);
  g_autoptr(GPtrArray) emails = kontor_channel_array_new ();
  g_autoptr(GPtrArray) phones = kontor_channel_array_new ();
  /* the first of each, as other address books show it */
  EVCardAttribute *n = e_vcard_get_attribute (vcard, EVC_N);
  EVCardAttribute *fn = e_vcard_get_attribute (vcard, EVC_FN);
  EVCardAttribute *org = e_vcard_get_attribute (vcard, EVC_ORG);
  EVCardAttribute *title = e_vcard_get_attribute (vcard, EVC_TITLE);
  EVCardAttribute *role = e_vcard_get_attribute (vcard, EVC_ROLE);
  EVCardAttribute *note = e_vcard_get_attribute (vcard, EVC_NOTE);
  EVCardAttribute *bday = e_vcard_get_attribute (vcard, EVC_BDAY);
  EVCardAttribute *x_salutation = e_vcard_get_attribute (vcard, X_SALUTATION);
  EVCardAttribute *x_number = e_vcard_get_attribute (vcard, X_CUSTOMER_NUMBER);
  EVCardAttribute *adr;
  KontorSalutation salutation = KONTOR_SALUTATION_NONE;
  KontorLanguage language;
  gboolean is_company = FALSE;
  g_autofree char *organisation = NULL;

  for (GList *l = e_vcard_get_attributes (vcard); l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      const char *group = e_vcard_attribute_get_group (attr);

      if (group != NULL && name_is (attr, X_AB_LABEL))
        {
          g_autofree char *value = dup_value (attr);

          if (value != NULL)
            g_hash_table_replace (ab_labels, g_ascii_strdown (group, -1),
                                  label_from_ab_label (value));
        }
      else if (name_is (attr, "KIND") || name_is (attr, "X-ABShowAs"))
        {
          g_autofree char *kind = dup_value (attr);

          /* 4.0's KIND:org, Apple's X-ABShowAs:COMPANY: a company's card */
          is_company |= kind != NULL && (g_ascii_strcasecmp (kind, "org") == 0 ||
                                         g_ascii_strcasecmp (kind, "COMPANY") == 0);
        }
    }

  for (GList *l = e_vcard_get_attributes (vcard); l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      gboolean phone = name_is (attr, EVC_TEL);
      g_autofree char *raw = NULL;
      g_autofree char *value = NULL;
      const char *label;

      if (!phone && !name_is (attr, EVC_EMAIL))
        continue;

      /* one line, as FN is compared with it below */
      raw = dup_value (attr);
      value = dup_line (raw);
      if (value == NULL)
        continue;
      value = phone ? phone_from_value (g_steal_pointer (&value))
                    : email_from_value (g_steal_pointer (&value));
      if (value == NULL)
        continue;

      label = find_ab_label (ab_labels, attr);
      if (label == NULL)
        label = label_from_types (attr, phone);
      g_ptr_array_add (phone ? phones : emails, kontor_channel_new (label, value));
    }

  if (x_salutation != NULL)
    {
      g_autofree char *nick = dup_value (x_salutation);

      for (guint i = 1; nick != NULL && i < G_N_ELEMENTS (salutation_nicks); i++)
        {
          if (g_ascii_strcasecmp (nick, salutation_nicks[i]) == 0)
            salutation = (KontorSalutation) i;
        }
    }

  if (n != NULL)
    {
      g_autofree char *last = dup_component (n, 0);
      g_autofree char *first = dup_component (n, 1);
      g_autofree char *middle = dup_component (n, 2);
      g_autofree char *prefix = dup_component (n, 3);
      g_autofree char *title_text = NULL;

      if (middle != NULL)
        {
          char *joined = first != NULL ? g_strconcat (first, " ", middle, NULL)
                                       : g_strdup (middle);

          g_free (first);
          first = joined;
        }
      kontor_contact_set_first_name (contact, first);
      kontor_contact_set_last_name (contact, last);
      parse_prefix (prefix, &salutation, &title_text);
      kontor_contact_set_title (contact, title_text);
    }

  if (org != NULL)
    organisation = dup_component (org, 0);
  kontor_contact_set_company_name (contact, organisation);

  /* A card with FN only (phones write them), not a company's card whose
   * FN is the company */
  if (!kontor_contact_has_person_name (contact) && fn != NULL)
    {
      g_autofree char *value = dup_value (fn);
      g_autofree char *formatted = dup_line (value);

      if (is_company && organisation == NULL)
        kontor_contact_set_company_name (contact, formatted);
      else if (!is_company && formatted != NULL && g_strcmp0 (formatted, organisation) != 0 &&
          (emails->len == 0 ||
           g_strcmp0 (formatted, ((KontorChannel *) emails->pdata[0])->value) != 0))
        split_formatted_name (contact, formatted);
    }

  kontor_contact_set_salutation (contact, salutation);

  if (title != NULL || role != NULL)
    {
      g_autofree char *value = dup_value (title != NULL ? title : role);
      g_autofree char *job = dup_line (value);

      kontor_contact_set_job_title (contact, job);
    }

  kontor_contact_set_emails (contact, emails);
  kontor_contact_set_phones (contact, phones);

  adr = pick_address (vcard);
  if (adr != NULL)
    read_address (contact, adr);

  if (note != NULL)
    {
      g_autofree char *text = dup_value (note);

      kontor_contact_set_notes (contact, text);
    }

  if (bday != NULL)
    {
      g_autofree char *birthday = parse_birthday (bday);

      /* what the model keeps no birthday of (4.0's VALUE=text "circa
       * 1800", a year alone, a date that is none) is handed on as it is:
       * the import drops it where the team keeps no birthdays (C8), and
       * elsewhere the model refuses it with a message naming it. Not put
       * in the notes, where it would be kept against that setting. */
      kontor_contact_set_birthday (contact, birthday);
    }

  if (read_language (vcard, &language))
    kontor_contact_set_language (contact, language);

  if (x_number != NULL)
    {
      g_autofree char *number = dup_value (x_number);

      kontor_contact_set_customer_number (contact, number);
    }

  if (!kontor_contact_has_person_name (contact) &&
      kontor_contact_get_company_name (contact) == NULL && emails->len == 0)
    return NULL;

  return g_steal_pointer (&contact);
}

/**
 * kontor_vcard_parse_card:
 * @card: a card's text, BEGIN to END, UTF-8
 *
 * Returns: (transfer full) (nullable): the contact
 */
/**
 * kontor_vcard_parse_vcard:
 * @vcard: a parsed card (an address book's #EContact is one)
 *
 * The mapping of kontor_vcard_parse_card() for a card already parsed,
 * as evolution-data-server's address books hand them over
 * (src/io/kontor-address-book.c).
 *
 * Returns: (transfer full) (nullable): the contact; %NULL when the card
 *   holds no name, company or e-mail address
 */
KontorContact *
kontor_vcard_parse_vcard (EVCard *vcard)
{
  g_return_val_if_fail (E_IS_VCARD (vcard), NULL);

  return contact_from_vcard (vcard);
}

KontorContact *
kontor_vcard_parse_card (const char *card)
{
  EVCard *vcard;
  KontorContact *contact;

  g_return_val_if_fail (card != NULL, NULL);

  vcard = e_vcard_new_from_string (card);
  contact = contact_from_vcard (vcard);
  g_object_unref (vcard);

  return contact;
}

/* Writing */

static const char *
salutation_word (KontorContact *contact)
{
  gboolean german = kontor_contact_get_language (contact) == KONTOR_LANGUAGE_DE;

  switch (kontor_contact_get_salutation (contact))
    {
    case KONTOR_SALUTATION_MR:
      return german ? "Herr" : "Mr.";
    case KONTOR_SALUTATION_MS:
      return german ? "Frau" : "Ms.";
    case KONTOR_SALUTATION_MX:
      return "Mx.";
    case KONTOR_SALUTATION_NONE:
    default:
      return NULL;
    }
}

static char *
dup_prefix (KontorContact *contact)
{
  const char *word = salutation_word (contact);
  const char *title = kontor_contact_get_title (contact);

  if (word != NULL && title != NULL)
    return g_strconcat (word, " ", title, NULL);

  return g_strdup (word != NULL ? word : title);
}

static char *
dup_formatted_name (KontorContact *contact)
{
  const char *parts[4] = { NULL };
  guint n = 0;

  if (kontor_contact_has_person_name (contact))
    {
      if (kontor_contact_get_title (contact) != NULL)
        parts[n++] = kontor_contact_get_title (contact);
      if (kontor_contact_get_first_name (contact) != NULL)
        parts[n++] = kontor_contact_get_first_name (contact);
      if (kontor_contact_get_last_name (contact) != NULL)
        parts[n++] = kontor_contact_get_last_name (contact);
      return g_strjoinv (" ", (char **) parts);
    }
  if (kontor_contact_get_company_name (contact) != NULL)
    return g_strdup (kontor_contact_get_company_name (contact));
  if (kontor_contact_get_primary_email (contact) != NULL)
    return g_strdup (kontor_contact_get_primary_email (contact));

  return g_strdup ("");
}

/* A contact without a person's name but with a company: a company's
 * card (4.0's KIND:org, Apple's X-ABShowAs:COMPANY), which the reader
 * takes back as such */
static gboolean
is_company_card (KontorContact *contact)
{
  return !kontor_contact_has_person_name (contact) &&
         kontor_contact_get_company_name (contact) != NULL;
}

/* The TYPE a channel's label key is written as; %NULL for no label or a
 * label the user typed (written as an X-ABLabel) */
static const char *
type_of_label (const char *label,
               gboolean    phone)
{
  static const char * const keys[] = { "work", "home", "other", "mobile", "fax" };

  for (guint i = 0; label != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      if (strcmp (label, keys[i]) == 0)
        {
          if (!phone && i >= 3)
            return NULL;
          return i == 3 ? "cell" : keys[i];
        }
    }

  return NULL;
}

/* A birthday as 3.0 ("1980-04-15", "--04-15") or 4.0 ("19800415",
 * "--0415") writes it; what the model's rule does not take as one is
 * written as it is (cut by bytes, "--04þ5" was no longer UTF-8) */
static char *
dup_vcard_date (const char *date,
                gboolean    basic)
{
  guint year, month, day;

  if (date == NULL)
    return NULL;
  if (!basic || !kontor_birthday_parse (date, &year, &month, &day))
    return g_strdup (date);
  if (year == 0)
    return g_strdup_printf ("--%02u%02u", month, day);

  return g_strdup_printf ("%04u%02u%02u", year, month, day);
}

/* 3.0, through EVCard */

static void
add_single (EVCard     *vcard,
            const char *name,
            const char *value)
{
  if (value != NULL)
    e_vcard_append_attribute_with_value (vcard, e_vcard_attribute_new (NULL, name), value);
}

static void
add_channels_30 (EVCard     *vcard,
                 GPtrArray  *channels,
                 gboolean    phone,
                 guint      *item)
{
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);
      const char *type = type_of_label (channel->label, phone);
      g_autofree char *group = NULL;
      EVCardAttribute *attr;

      if (channel->value == NULL)
        continue;
      if (type == NULL && channel->label != NULL)
        group = g_strdup_printf ("item%u", ++*item);
      attr = e_vcard_attribute_new (group, phone ? EVC_TEL : EVC_EMAIL);
      if (type != NULL)
        {
          g_autofree char *upper = g_ascii_strup (type, -1);

          e_vcard_attribute_add_param_with_value (attr, e_vcard_attribute_param_new (EVC_TYPE),
                                                  upper);
        }
      e_vcard_append_attribute_with_value (vcard, attr, channel->value);
      if (group != NULL)
        e_vcard_append_attribute_with_value (vcard, e_vcard_attribute_new (group, X_AB_LABEL),
                                             channel->label);
    }
}

static char *
contact_to_vcard_30 (KontorContact *contact)
{
  EVCard *vcard = e_vcard_new ();
  g_autofree char *formatted = dup_formatted_name (contact);
  g_autofree char *prefix = dup_prefix (contact);
  KontorSalutation salutation = kontor_contact_get_salutation (contact);
  guint item = 0;
  char *text;

  add_single (vcard, EVC_FN, formatted);
  /* a company's card, as Apple marks it: shown as the company, not as
   * a person named after it */
  if (is_company_card (contact))
    add_single (vcard, "X-ABShowAs", "COMPANY");
  e_vcard_append_attribute_with_values (vcard, e_vcard_attribute_new (NULL, EVC_N),
                                        kontor_contact_get_last_name (contact) ?: "",
                                        kontor_contact_get_first_name (contact) ?: "",
                                        "", prefix != NULL ? prefix : "", "", NULL);
  if (salutation != KONTOR_SALUTATION_NONE)
    add_single (vcard, X_SALUTATION, salutation_nicks[salutation]);
  if (kontor_contact_get_company_name (contact) != NULL)
    e_vcard_append_attribute_with_values (vcard, e_vcard_attribute_new (NULL, EVC_ORG),
                                          kontor_contact_get_company_name (contact), NULL);
  add_single (vcard, EVC_TITLE, kontor_contact_get_job_title (contact));
  add_channels_30 (vcard, kontor_contact_get_emails (contact), FALSE, &item);
  add_channels_30 (vcard, kontor_contact_get_phones (contact), TRUE, &item);

  if (kontor_contact_get_street (contact) != NULL || kontor_contact_get_city (contact) != NULL ||
      kontor_contact_get_postal_code (contact) != NULL ||
      kontor_contact_get_country (contact) != NULL)
    {
      EVCardAttribute *attr = e_vcard_attribute_new (NULL, EVC_ADR);

      e_vcard_attribute_add_param_with_value (attr, e_vcard_attribute_param_new (EVC_TYPE),
                                              "WORK");
      e_vcard_append_attribute_with_values (vcard, attr, "", "",
                                            kontor_contact_get_street (contact) ?: "",
                                            kontor_contact_get_city (contact) ?: "", "",
                                            kontor_contact_get_postal_code (contact) ?: "",
                                            kontor_contact_get_country (contact) ?: "", NULL);
    }

  add_single (vcard, EVC_NOTE, kontor_contact_get_notes (contact));
  add_single (vcard, EVC_BDAY, kontor_contact_get_birthday (contact));
  add_single (vcard, X_LANGUAGE, language_codes[kontor_contact_get_language (contact)]);
  add_single (vcard, X_CUSTOMER_NUMBER, kontor_contact_get_customer_number (contact));

  text = e_vcard_to_string (vcard, EVC_FORMAT_VCARD_30);
  g_object_unref (vcard);

  return text;
}

/* 4.0, after RFC 6350 */

/* A text value's escapes (RFC 6350 3.4): backslash, comma, semicolon, newline */
static void
append_escaped (GString    *line,
                const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (line, "\\\\");
          break;
        case ',':
          g_string_append (line, "\\,");
          break;
        case ';':
          g_string_append (line, "\\;");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          g_string_append (line, "\\n");
          break;
        case '\n':
          g_string_append (line, "\\n");
          break;
        default:
          g_string_append_c (line, *p);
        }
    }
}

/* A content line folded at 75 octets (RFC 6350 3.2), never inside a
 * UTF-8 character */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize width = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len = g_utf8_next_char (p) - p;

      if (width + len > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, len);
      width += len;
    }
  g_string_append (out, "\r\n");
}

/* EVCard 3.46 folds 3.0 at 75 characters, which in German text are
 * more than the 75 octets of RFC 2426 2.6: its lines unfolded and folded
 * again as 4.0's */
static char *
refold (const char *card)
{
  g_autoptr(GString) unfolded = g_string_new (card);
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  g_string_replace (unfolded, "\r\n ", "", 0);
  g_string_replace (unfolded, "\r\n\t", "", 0);
  lines = g_strsplit (unfolded->str, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '\0')
        append_folded (out, lines[i]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_line_40 (GString    *out,
             const char *head,
             const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL)
    return;

  line = g_string_new (head);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_folded (out, line->str);
}

/* A number Kontor can write as a tel: URI (RFC 3966): global, digits and
 * spaces only, so that reading it back gives the same text */
static gboolean
is_global_number (const char *number)
{
  if (number[0] != '+' || !g_ascii_isdigit (number[1]))
    return FALSE;

  for (const char *p = number + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && (*p != ' ' || p[1] == ' ' || p[1] == '\0'))
        return FALSE;
    }

  return TRUE;
}

static void
add_channels_40 (GString    *out,
                 GPtrArray  *channels,
                 gboolean    phone,
                 guint      *item)
{
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);
      const char *type = type_of_label (channel->label, phone);
      g_autoptr(GString) head = g_string_new (NULL);
      g_autofree char *group = NULL;

      if (channel->value == NULL)
        continue;
      if (type == NULL && channel->label != NULL)
        {
          group = g_strdup_printf ("item%u", ++*item);
          g_string_append_printf (head, "%s.", group);
        }
      g_string_append (head, phone ? "TEL" : "EMAIL");
      if (type != NULL)
        g_string_append_printf (head, ";TYPE=%s", type);
      if (phone && is_global_number (channel->value))
        {
          g_autofree char *uri = g_strconcat ("tel:", channel->value, NULL);

          g_strdelimit (uri, " ", '-');
          g_string_append (head, ";VALUE=uri:");
          g_string_append (head, uri);
          append_folded (out, head->str);
        }
      else
        {
          add_line_40 (out, head->str, channel->value);
        }
      if (group != NULL)
        {
          g_autofree char *label_head = g_strdup_printf ("%s.%s", group, X_AB_LABEL);

          add_line_40 (out, label_head, channel->label);
        }
    }
}

static char *
contact_to_vcard_40 (KontorContact *contact)
{
  g_autoptr(GString) out = g_string_new ("BEGIN:VCARD\r\nVERSION:4.0\r\n");
  g_autofree char *formatted = dup_formatted_name (contact);
  g_autofree char *prefix = dup_prefix (contact);
  g_autofree char *birthday = dup_vcard_date (kontor_contact_get_birthday (contact), TRUE);
  KontorSalutation salutation = kontor_contact_get_salutation (contact);
  g_autoptr(GString) n = g_string_new ("N:");
  g_autoptr(GString) adr = g_string_new ("ADR;TYPE=work:;;");
  guint item = 0;

  if (is_company_card (contact))
    add_line_40 (out, "KIND", "org");
  add_line_40 (out, "FN", formatted);

  append_escaped (n, kontor_contact_get_last_name (contact));
  g_string_append_c (n, ';');
  append_escaped (n, kontor_contact_get_first_name (contact));
  g_string_append (n, ";;");
  append_escaped (n, prefix);
  g_string_append_c (n, ';');
  append_folded (out, n->str);

  if (salutation != KONTOR_SALUTATION_NONE)
    add_line_40 (out, X_SALUTATION, salutation_nicks[salutation]);
  add_line_40 (out, "ORG", kontor_contact_get_company_name (contact));
  add_line_40 (out, "TITLE", kontor_contact_get_job_title (contact));
  add_channels_40 (out, kontor_contact_get_emails (contact), FALSE, &item);
  add_channels_40 (out, kontor_contact_get_phones (contact), TRUE, &item);

  if (kontor_contact_get_street (contact) != NULL || kontor_contact_get_city (contact) != NULL ||
      kontor_contact_get_postal_code (contact) != NULL ||
      kontor_contact_get_country (contact) != NULL)
    {
      append_escaped (adr, kontor_contact_get_street (contact));
      g_string_append_c (adr, ';');
      append_escaped (adr, kontor_contact_get_city (contact));
      g_string_append (adr, ";;");
      append_escaped (adr, kontor_contact_get_postal_code (contact));
      g_string_append_c (adr, ';');
      append_escaped (adr, kontor_contact_get_country (contact));
      append_folded (out, adr->str);
    }

  add_line_40 (out, "NOTE", kontor_contact_get_notes (contact));
  add_line_40 (out, "BDAY", birthday);
  add_line_40 (out, "LANG", language_codes[kontor_contact_get_language (contact)]);
  add_line_40 (out, X_CUSTOMER_NUMBER, kontor_contact_get_customer_number (contact));
  g_string_append (out, "END:VCARD\r\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * kontor_vcard_from_contact:
 * @contact: a contact
 * @version: the vCard version to write
 *
 * Writes every field of @contact that a vCard carries: the name with
 * salutation and title (N, FN), company (ORG), job title (TITLE), e-mail
 * addresses and phone numbers with their labels, the address, notes,
 * birthday (a year-less one as "--04-15" or "--0415"), language and
 * customer number (as X-KONTOR- properties where vCard has none).
 * kontor_vcard_source_new() reads it back to the same fields.
 *
 * Returns: (transfer full): one card, lines ending in CRLF
 */
char *
kontor_vcard_from_contact (KontorContact      *contact,
                           KontorVcardVersion  version)
{
  g_autofree char *card = NULL;

  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), NULL);

  if (version == KONTOR_VCARD_VERSION_40)
    return contact_to_vcard_40 (contact);

  /* refolded, each line ending in CRLF: EVCard ends the last without,
   * and a file of many cards needs it */
  card = contact_to_vcard_30 (contact);

  return refold (card);
}
