/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The sample team behind `kontor --demo`, the screenshots and the
 * benchmarks: a German sales office with two teams, its customers'
 * companies and their people, written the way real users type them
 * (umlauts and ß, academic titles, phone numbers in every German notation,
 * Austrian and Swiss customers). Everything comes from one GRand seeded by
 * the caller and from a fixed reference date, never from the clock, so one
 * seed always gives the same records, ids included. */

#define G_LOG_DOMAIN "kontor-demo"

#include "config.h"

#include <string.h>

#include "kontor-channel.h"
#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-demo.h"
#include "kontor-demo-private.h"
#include "kontor-demo-tables.h"
#include "kontor-activity.h"
#include "kontor-employment.h"
#include "kontor-filter.h"
#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-team.h"
#include "kontor-user.h"

/* One of @table_at, @table_ch or @table_de (also for no country), as
 * @country says: one draw from @rand either way. */
#define PICK_FOR_COUNTRY(rand, country, table)                  \
  ((country) == COUNTRY_AT ? PICK ((rand), table##_at) :        \
   (country) == COUNTRY_CH ? PICK ((rand), table##_ch) :        \
                             PICK ((rand), table##_de))

/* ------------------------------------------------------------------------ */
/* Building */

typedef struct
{
  KontorCompany *company;         /* owned by the result */
  const City    *city;
  char          *domain;          /* "grossmann-maschinenbau.de" */
  char           phone_root[12];  /* the switchboard's digits without extension */
  const char    *sales_rep;
  gint64         created_at;
  gboolean       numbered;        /* gets a customer number */
} DemoCompany;

typedef struct
{
  GRand       *rand;
  GPtrArray   *records;
  guint64      n_ids;
  guint        n_numbers;

  const char  *team_ids[N_REGIONS];
  const char  *user_ids[N_USERS];
  guint        sellers[N_REGIONS][N_USERS];
  guint        n_sellers[N_REGIONS];
  guint        editors[N_REGIONS][N_USERS];
  guint        n_editors[N_REGIONS];

  DemoCompany *companies;
  guint        n_companies;
  guint        next_numbered;     /* first company not yet numbered */

  /* scratch space, reused for every record */
  GString     *name;
  GString     *text;
  GString     *mail;
  GPtrArray   *channels;
} Builder;

static const char *
pick_legal_form (GRand           *rand,
                 const LegalForm *forms,
                 guint            n)
{
  guint8 weights[8];

  g_assert (n <= G_N_ELEMENTS (weights));

  for (guint i = 0; i < n; i++)
    weights[i] = forms[i].weight;

  return forms[_kontor_demo_pick_weighted (rand, weights, n)].name;
}

/* UUIDv7 as kontor_uuid_v7_new() makes them, but from a counter and the
 * seeded generator instead of the clock: one millisecond per record from
 * the reference time on, so the ids increase in the order of the result. */
static void
set_new_id (Builder      *b,
            KontorRecord *record)
{
  static const char hex[] = "0123456789abcdef";
  gint64 ms = REFERENCE_TIME * 1000 + (gint64) b->n_ids++;
  guint8 bytes[16];
  char id[37];
  guint32 bits;
  guint n = 0;

  for (int i = 0; i < 6; i++)
    bytes[i] = (ms >> (8 * (5 - i))) & 0xff;
  bits = g_rand_int (b->rand);
  bytes[6] = 0x70 | ((bits >> 8) & 0x0f);
  bytes[7] = bits & 0xff;
  bits = g_rand_int (b->rand);
  bytes[8] = 0x80 | ((bits >> 24) & 0x3f);
  bytes[9] = (bits >> 16) & 0xff;
  bytes[10] = (bits >> 8) & 0xff;
  bytes[11] = bits & 0xff;
  bits = g_rand_int (b->rand);
  for (int i = 12; i < 16; i++)
    bytes[i] = (bits >> (8 * (15 - i))) & 0xff;

  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        id[n++] = '-';
      id[n++] = hex[bytes[i] >> 4];
      id[n++] = hex[bytes[i] & 0x0f];
    }
  id[n] = '\0';

  kontor_record_set_id (record, id);
}

/* Times of the @index-th of @n records created between @start and @end:
 * increasing with @index, at a random moment of its share of the span. */
static gint64
spread_time (Builder *b,
             guint    index,
             guint    n,
             gint64   start,
             gint64   end)
{
  gint64 width = (end - start) / MAX (n, 1);

  return start + width * index + (gint64) (g_rand_double (b->rand) * width);
}

/* Switzerland writes "ss" for ß: "Grossmann AG", "Bahnhofstrasse". */
static void
append_regional (GString    *out,
                 const char *text,
                 Country     country)
{
  const char *sharp_s;

  if (country != COUNTRY_CH)
    {
      g_string_append (out, text);
      return;
    }

  while ((sharp_s = strstr (text, "ß")) != NULL)
    {
      g_string_append_len (out, text, sharp_s - text);
      g_string_append (out, "ss");
      text = sharp_s + strlen ("ß");
    }
  g_string_append (out, text);
}

static void
random_digits (Builder *b,
               char    *digits,
               guint    n)
{
  /* no leading 0 or 1: those are trunk and service prefixes */
  digits[0] = '2' + _kontor_demo_pick_index (b->rand, 8);
  for (guint i = 1; i < n; i++)
    digits[i] = '0' + _kontor_demo_pick_index (b->rand, 10);
  digits[n] = '\0';
}

/* Writes a phone number the way one of our users typed it. Numbers abroad
 * are always written internationally: a German office dials them so, and
 * a national "044 …" would be read as a German one. */
static void
append_phone (GString    *out,
              Country     country,
              const char *area,
              const char *number,
              const char *extension,
              PhoneStyle  style)
{
  const char *code = countries[country].calling_code;
  char digits[24];

  if (country != COUNTRY_DE &&
      style != PHONE_TRUNK_IN_PARENTHESES && style != PHONE_DOUBLE_ZERO)
    style = PHONE_INTERNATIONAL;
  if (style == PHONE_DIN && extension == NULL)
    style = PHONE_NATIONAL;

  switch (style)
    {
    case PHONE_NATIONAL:
    case PHONE_DIN:
      g_string_append_c (out, '0');
      g_string_append (out, area);
      g_string_append_c (out, ' ');
      break;
    case PHONE_INTERNATIONAL:
      g_string_append_c (out, '+');
      g_string_append (out, code);
      g_string_append_c (out, ' ');
      g_string_append (out, area);
      g_string_append_c (out, ' ');
      break;
    case PHONE_PARENTHESES:
      g_string_append (out, "(0");
      g_string_append (out, area);
      g_string_append (out, ") ");
      break;
    case PHONE_SLASH:
      g_string_append_c (out, '0');
      g_string_append (out, area);
      g_string_append_c (out, '/');
      break;
    case PHONE_TRUNK_IN_PARENTHESES:
      g_string_append_c (out, '+');
      g_string_append (out, code);
      g_string_append (out, " (0)");
      g_string_append (out, area);
      g_string_append_c (out, ' ');
      break;
    case PHONE_DOUBLE_ZERO:
      g_string_append (out, "00");
      g_string_append (out, code);
      g_string_append_c (out, ' ');
      g_string_append (out, area);
      g_string_append_c (out, ' ');
      break;
    case N_PHONE_STYLES:
    default:
      g_assert_not_reached ();
    }

  if (style == PHONE_DIN)
    {
      g_string_append (out, number);
      g_string_append_c (out, '-');
      g_string_append (out, extension);
      return;
    }

  g_strlcpy (digits, number, sizeof digits);
  if (extension != NULL)
    g_strlcat (digits, extension, sizeof digits);
  if (country == COUNTRY_CH || style == PHONE_PARENTHESES)
    _kontor_demo_append_grouped (out, digits);
  else
    g_string_append (out, digits);
}

static void
append_mobile (Builder *b,
               GString *out,
               Country  country)
{
  const char *prefix;
  char digits[12];

  prefix = PICK_FOR_COUNTRY (b->rand, country, mobile_prefixes);

  /* 015x numbers have a digit more than the older ranges */
  random_digits (b, digits, prefix[0] == '1' && prefix[1] == '5' ? 8 : 7);
  append_phone (out, country, prefix, digits, NULL,
                _kontor_demo_pick_weighted (b->rand, mobile_style_weights, N_PHONE_STYLES));
}

/* The subscriber part of a landline number: area code and subscriber
 * number together have about ten digits in Germany. */
static guint
subscriber_length (Builder    *b,
                   const City *city)
{
  gsize area = strlen (city->area_code);

  if (city->country == COUNTRY_CH)
    return 7;
  if (city->country == COUNTRY_AT)
    return area == 1 ? 7 : 6;

  return (area <= 2 ? 7 : area == 3 ? 6 : 5) + _kontor_demo_pick_index (b->rand, 2);
}

/* Digits of a company's switchboard without its extension "0": its
 * people have extensions after it (DIN 5008: "0341 410647-0",
 * "0341 410647-17"); Swiss numbers keep their seven digits. */
static void
make_phone_root (Builder    *b,
                 const City *city,
                 char       *root)
{
  random_digits (b, root, MAX (subscriber_length (b, city) - 1, 4));
}

/* A person's extension into @buffer, which holds at least 4 bytes */
static void
format_extension (Builder    *b,
                  const City *city,
                  char       *buffer)
{
  guint extension;
  guint x;

  x = _kontor_demo_pick_index (b->rand, 100);
  if (city->country == COUNTRY_CH || x < 15)
    extension = 1 + _kontor_demo_pick_index (b->rand, 9);
  else if (x < 75)
    extension = 10 + _kontor_demo_pick_index (b->rand, 90);
  else
    extension = 100 + _kontor_demo_pick_index (b->rand, 300);

  _kontor_demo_put_number (buffer, extension, 1);
}

static void
add_channel (Builder    *b,
             const char *label,
             const char *value)
{
  g_ptr_array_add (b->channels, kontor_channel_new (label, value));
}

static void
take_channels (Builder      *b,
               KontorRecord *record,
               guint         index)
{
  kontor_record_set_channels (record, index, b->channels);
  g_ptr_array_set_size (b->channels, 0);
}

static void
append_mail_local (GString    *out,
                   const char *first,
                   const char *last,
                   MailStyle   style)
{
  gsize start = out->len;

  switch (style)
    {
    case MAIL_FIRST_DOT_LAST:
    case MAIL_FIRST_LAST:
    case MAIL_FIRST_UNDERSCORE_LAST:
      _kontor_demo_append_ascii (out, first, '\0');
      if (style != MAIL_FIRST_LAST)
        g_string_append_c (out, style == MAIL_FIRST_DOT_LAST ? '.' : '_');
      break;
    case MAIL_INITIAL_DOT_LAST:
    case MAIL_INITIAL_LAST:
      _kontor_demo_append_ascii (out, first, '\0');
      g_string_truncate (out, MIN (out->len, start + 1));
      if (style == MAIL_INITIAL_DOT_LAST)
        g_string_append_c (out, '.');
      break;
    case MAIL_LAST:
    case N_MAIL_STYLES:
    default:
      break;
    }

  _kontor_demo_append_ascii (out, last, '\0');
}

static void
append_street (Builder *b,
               GString *out,
               Country  country)
{
  guint n;

  append_regional (out, PICK (b->rand, streets), country);
  n = _kontor_demo_chance (b->rand, 70) ? 60 : 180;
  g_string_append_printf (out, " %u", 1 + _kontor_demo_pick_index (b->rand, n));
  if (_kontor_demo_chance (b->rand, 10))
    g_string_append_c (out, 'a' + _kontor_demo_pick_index (b->rand, 3));
}

static const City *
pick_city (Builder *b)
{
  guint8 weights[N_COUNTRIES];
  Country country;
  guint n;

  for (guint i = 0; i < N_COUNTRIES; i++)
    weights[i] = countries[i].weight;
  country = _kontor_demo_pick_weighted (b->rand, weights, N_COUNTRIES);

  n = _kontor_demo_pick_index (b->rand, country_cities[country].n_cities);

  return &country_cities[country].cities[n];
}

static const City *
find_city (const char *name)
{
  for (guint c = 0; c < N_COUNTRIES; c++)
    {
      for (guint i = 0; i < country_cities[c].n_cities; i++)
        {
          if (g_str_equal (country_cities[c].cities[i].name, name))
            return &country_cities[c].cities[i];
        }
    }

  g_assert_not_reached ();
}

static const Industry *
find_industry (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
    {
      if (g_str_equal (industries[i].name, name))
        return &industries[i];
    }

  g_assert_not_reached ();
}

static Region
region_of (const City *city)
{
  return city->south ? REGION_SOUTH : REGION_NORTH;
}

/* A sales rep of the region's team: a user with the sales role, the only
 * one who may be one (feature C6); the head of sales, the administrator,
 * is none. */
static const char *
pick_sales_rep (Builder *b,
                Region   region)
{
  return b->user_ids[b->sellers[region][_kontor_demo_pick_index (b->rand, b->n_sellers[region])]];
}

static const char *
pick_other_sales_rep (Builder    *b,
                      const char *first)
{
  const char *other;

  do
    other = pick_sales_rep (b, _kontor_demo_pick_index (b->rand, N_REGIONS));
  while (other == first);

  return other;
}

/* ------------------------------------------------------------------------ */
/* Teams and users */

static void
add_team_and_users (Builder *b)
{
  for (guint r = 0; r < N_REGIONS; r++)
    {
      KontorTeam *team = kontor_team_new (team_names[r]);

      set_new_id (b, KONTOR_RECORD (team));
      kontor_record_set_created_at (KONTOR_RECORD (team), TEAM_CREATED);
      b->team_ids[r] = kontor_record_get_id (KONTOR_RECORD (team));
      g_ptr_array_add (b->records, team);
    }

  for (guint i = 0; i < N_USERS; i++)
    {
      KontorUser *user = kontor_user_new (demo_users[i].username, demo_users[i].full_name,
                                          demo_users[i].role);
      const char *teams[N_REGIONS + 1];
      guint n_teams = 0;

      set_new_id (b, KONTOR_RECORD (user));
      kontor_record_set_created_at (KONTOR_RECORD (user), TEAM_CREATED + 60 * (i + 1));

      g_string_truncate (b->mail, 0);
      _kontor_demo_append_ascii (b->mail, demo_users[i].full_name, '.');
      g_string_append (b->mail, "@" OWN_DOMAIN);
      kontor_user_set_email (user, b->mail->str);

      for (guint r = 0; r < N_REGIONS; r++)
        {
          if ((demo_users[i].teams & (1 << r)) == 0)
            continue;
          teams[n_teams++] = b->team_ids[r];
          if (demo_users[i].role == KONTOR_USER_ROLE_SALES)
            b->sellers[r][b->n_sellers[r]++] = i;
          if (kontor_user_role_can_edit (demo_users[i].role))
            b->editors[r][b->n_editors[r]++] = i;
        }
      teams[n_teams] = NULL;
      kontor_user_set_teams (user, teams);

      b->user_ids[i] = kontor_record_get_id (KONTOR_RECORD (user));
      g_ptr_array_add (b->records, user);
    }

  g_assert (b->n_sellers[REGION_NORTH] > 0 && b->n_sellers[REGION_SOUTH] > 0);
}

/* ------------------------------------------------------------------------ */
/* Companies */

static const char *
pick_surname (Builder *b)
{
  return PICK (b->rand, german_last_names);
}

/* Writes a company name without its legal form into @out.
 * Returns: %TRUE for a trade named after its shop ("Bäckerei Großmann") */
static gboolean
append_company_name (Builder        *b,
                     GString        *out,
                     const Industry *industry,
                     const City     *city)
{
  guint n_suffixes = _kontor_demo_count_strings (industry->suffixes,
                                                 G_N_ELEMENTS (industry->suffixes));
  guint n_prefixes = _kontor_demo_count_strings (industry->prefixes,
                                                 G_N_ELEMENTS (industry->prefixes));
  const char *suffix = industry->suffixes[_kontor_demo_pick_index (b->rand, n_suffixes)];
  NamePattern pattern = _kontor_demo_pick_weighted (b->rand, name_pattern_weights, N_NAME_PATTERNS);
  const char *first;
  const char *second;
  guint x;

  if ((pattern == NAME_SHOP_SURNAME && n_prefixes == 0) ||
      (pattern == NAME_CITY_TRADE && city->adjective == NULL))
    pattern = NAME_SURNAME_TRADE;

  /* One random choice per statement: the order in which a call's
   * arguments are evaluated is up to the compiler, the sample is not. */
  switch (pattern)
    {
    case NAME_SHOP_SURNAME:
      first = industry->prefixes[_kontor_demo_pick_index (b->rand, n_prefixes)];
      g_string_append_printf (out, "%s %s", first, pick_surname (b));
      return TRUE;
    case NAME_FAMILY_FIRM:
      x = _kontor_demo_pick_index (b->rand, G_N_ELEMENTS (family_firms));
      g_string_append_printf (out, "%s%s%s %s", family_firms[x].before, pick_surname (b),
                              family_firms[x].after, suffix);
      break;
    case NAME_TWO_PARTNERS:
      first = pick_surname (b);
      do
        second = pick_surname (b);
      while (second == first);
      g_string_append_printf (out, "%s & %s %s", first, second, suffix);
      break;
    case NAME_FANTASY_TRADE:
      g_string_append_printf (out, "%s %s", PICK (b->rand, fantasy_names), suffix);
      break;
    case NAME_CITY_TRADE:
      g_string_append_printf (out, "%s %s", city->adjective, suffix);
      break;
    case NAME_SURNAME_TRADE:
    case N_NAME_PATTERNS:
    default:
      g_string_append_printf (out, "%s %s", pick_surname (b), suffix);
      break;
    }

  return FALSE;
}

static const LegalForm *
legal_forms_for (Country   country,
                 gboolean  shop,
                 guint    *n_forms)
{
  switch (country)
    {
    case COUNTRY_AT:
      *n_forms = G_N_ELEMENTS (legal_forms_at);
      return legal_forms_at;
    case COUNTRY_CH:
      *n_forms = G_N_ELEMENTS (legal_forms_ch);
      return legal_forms_ch;
    case COUNTRY_DE:
    case N_COUNTRIES:
    default:
      *n_forms = shop ? G_N_ELEMENTS (legal_forms_shop) : G_N_ELEMENTS (legal_forms_de);
      return shop ? legal_forms_shop : legal_forms_de;
    }
}

/* Writes a new company's name without its legal form into b->name.
 * Returns: the legal form */
static const char *
make_company_name (Builder        *b,
                   const Industry *industry,
                   const City     *city,
                   GHashTable     *names)
{
  const char *legal_form = NULL;

  /* Rare twins are fine at 100 000 contacts; a few tries keep them rare. */
  for (guint attempt = 0; attempt < NAME_ATTEMPTS; attempt++)
    {
      const LegalForm *forms;
      guint n_forms;
      gboolean shop;

      g_string_truncate (b->text, 0);
      shop = append_company_name (b, b->text, industry, city);
      g_string_truncate (b->name, 0);
      append_regional (b->name, b->text->str, city->country);
      forms = legal_forms_for (city->country, shop, &n_forms);
      legal_form = pick_legal_form (b->rand, forms, n_forms);

      g_string_printf (b->text, "%s %s", b->name->str, legal_form);
      if (!g_hash_table_contains (names, b->text->str))
        break;
    }

  return legal_form;
}

static char *
dup_domain (Builder    *b,
            const char *name,
            Country     country)
{
  g_string_truncate (b->text, 0);
  _kontor_demo_append_ascii (b->text, name, '-');

  /* a long name keeps its first two words: "alpenblick-hotel" */
  if (b->text->len > MAX_SLUG_LENGTH)
    {
      const char *dash = strchr (b->text->str, '-');

      if (dash != NULL)
        dash = strchr (dash + 1, '-');
      if (dash != NULL)
        g_string_truncate (b->text, dash - b->text->str);
    }

  return g_strconcat (b->text->str, ".", countries[country].tld, NULL);
}

static void
add_company (Builder    *b,
             guint       index,
             GHashTable *names)
{
  DemoCompany *info = &b->companies[index];
  const char *reps[3] = { NULL, };
  const Industry *industry;
  const char *legal_form;
  KontorCompany *company;
  KontorRecord *record;
  Country country;
  char extension[4];

  if (index < G_N_ELEMENTS (showcase_companies))
    {
      info->city = find_city (showcase_companies[index].city);
      industry = find_industry (showcase_companies[index].industry);
      g_string_truncate (b->name, 0);
      append_regional (b->name, showcase_companies[index].name, info->city->country);
      legal_form = showcase_companies[index].legal_form;
    }
  else
    {
      info->city = pick_city (b);
      industry = &PICK (b->rand, industries);
      legal_form = make_company_name (b, industry, info->city, names);
    }
  country = info->city->country;

  info->domain = dup_domain (b, b->name->str, country);
  g_string_append_c (b->name, ' ');
  g_string_append (b->name, legal_form);
  g_hash_table_add (names, g_strdup (b->name->str));

  company = kontor_company_new (b->name->str);
  record = KONTOR_RECORD (company);
  info->company = company;
  set_new_id (b, record);
  info->created_at = spread_time (b, index, b->n_companies, COMPANIES_START, COMPANIES_END);
  kontor_record_set_created_at (record, info->created_at);
  info->numbered = _kontor_demo_chance (b->rand, 50);

  g_string_truncate (b->text, 0);
  append_street (b, b->text, country);
  kontor_company_set_street (company, b->text->str);
  kontor_company_set_postal_code (company, info->city->postal_code);
  kontor_company_set_city (company, info->city->name);
  kontor_company_set_country (company, countries[country].name);
  kontor_company_set_industry (company, industry->name);

  g_string_printf (b->text, "www.%s", info->domain);
  kontor_company_set_website (company, b->text->str);

  g_string_printf (b->mail, "info@%s", info->domain);
  add_channel (b, "work", b->mail->str);
  if (_kontor_demo_chance (b->rand, 25))
    {
      g_string_printf (b->mail, "%s@%s", PICK (b->rand, company_mailboxes), info->domain);
      add_channel (b, "work", b->mail->str);
    }
  take_channels (b, record, KONTOR_COMPANY_FIELD_EMAILS);

  /* The switchboard ends in 0; people have extensions (DIN 5008). */
  make_phone_root (b, info->city, info->phone_root);
  g_string_truncate (b->text, 0);
  append_phone (b->text, country, info->city->area_code, info->phone_root, "0",
                _kontor_demo_pick_weighted (b->rand, landline_style_weights, N_PHONE_STYLES));
  add_channel (b, "work", b->text->str);
  if (_kontor_demo_chance (b->rand, 40))
    {
      if (country == COUNTRY_CH)
        g_strlcpy (extension, "9", sizeof extension);
      else
        g_snprintf (extension, sizeof extension, "%u",
                    9 + 10 * _kontor_demo_pick_index (b->rand, 10));
      g_string_truncate (b->text, 0);
      append_phone (b->text, country, info->city->area_code, info->phone_root, extension,
                    _kontor_demo_pick_weighted (b->rand, landline_style_weights, N_PHONE_STYLES));
      add_channel (b, "fax", b->text->str);
    }
  take_channels (b, record, KONTOR_COMPANY_FIELD_PHONES);

  info->sales_rep = reps[0] = pick_sales_rep (b, region_of (info->city));
  if (_kontor_demo_chance (b->rand, 10))
    reps[1] = pick_other_sales_rep (b, info->sales_rep);
  kontor_company_set_sales_reps (company, reps);

  if (_kontor_demo_chance (b->rand, 10))
    kontor_company_set_notes (company, PICK (b->rand, company_notes));
  if (_kontor_demo_chance (b->rand, 70))
    kontor_company_set_last_activity_at (company,
                                         REFERENCE_TIME -
                                         (gint64) (g_rand_double (b->rand) * ACTIVITY_WINDOW));

  g_ptr_array_add (b->records, company);
}

/* ------------------------------------------------------------------------ */
/* Customer numbers */

static void
give_number (Builder      *b,
             KontorRecord *record,
             guint         index,
             gint64        created_at)
{
  char number[32] = "K-";
  char *p;

  p = _kontor_demo_put_number (number + 2, _kontor_demo_year_of (created_at), 4);
  *p++ = '-';
  _kontor_demo_put_number (p, ++b->n_numbers, 5);
  kontor_record_set_string (record, index, number);
}

/* One number range serves companies and contacts, handing out numbers in
 * the order the records were created: numbers rise with the years. */
static void
number_companies_until (Builder *b,
                        gint64   until)
{
  for (; b->next_numbered < b->n_companies; b->next_numbered++)
    {
      DemoCompany *info = &b->companies[b->next_numbered];

      if (info->created_at > until)
        break;
      if (info->numbered)
        give_number (b, KONTOR_RECORD (info->company), KONTOR_COMPANY_FIELD_CUSTOMER_NUMBER,
                     info->created_at);
    }
}

/* ------------------------------------------------------------------------ */
/* Contacts */

static const char *
pick_title (Builder *b,
            Country  country)
{
  guint x = _kontor_demo_pick_index (b->rand, 100);

  if (country == COUNTRY_AT && x < 6)
    return x < 4 ? "Mag." : "Ing.";
  if (x >= 6 && x < 12)
    return "Dr.";
  if (x == 12)
    return "Prof. Dr.";
  if (x == 13 || x == 14)
    return "Dipl.-Ing.";

  return NULL;
}

static void
add_private_mail (Builder    *b,
                  const char *first,
                  const char *last,
                  Country     country)
{
  MailStyle style = _kontor_demo_pick_weighted (b->rand, private_mail_weights, N_MAIL_STYLES);
  const char *domain = PICK_FOR_COUNTRY (b->rand, country, private_mail);

  g_string_truncate (b->mail, 0);
  append_mail_local (b->mail, first, last, style);
  /* the common names are taken at the big providers */
  if (_kontor_demo_chance (b->rand, 40))
    {
      char digits[4];

      _kontor_demo_put_number (digits, _kontor_demo_pick_index (b->rand, 100), 2);
      g_string_append (b->mail, digits);
    }
  g_string_append_c (b->mail, '@');
  g_string_append (b->mail, domain);
  add_channel (b, "home", b->mail->str);
}

static void
add_contact (Builder *b,
             guint    index,
             guint    n_contacts)
{
  KontorContact *contact = kontor_contact_new ();
  KontorRecord *record = KONTOR_RECORD (contact);
  DemoCompany *company = NULL;
  const City *city;
  const FirstName *first;
  const char *last;
  KontorContactStatus status;
  Origin origin;
  gint64 created_at;
  const char *reps[3] = { NULL, };
  const char *assignees[3] = { NULL, };
  char buffer[32];
  guint pick;
  guint x;

  set_new_id (b, record);
  created_at = spread_time (b, index, n_contacts, CONTACTS_START, CONTACTS_END);
  kontor_record_set_created_at (record, created_at);

  /* A few private persons buy too. */
  if (_kontor_demo_chance (b->rand, 92))
    {
      company = &b->companies[_kontor_demo_pick_index (b->rand, b->n_companies)];
      city = company->city;
      kontor_contact_set_company_id (contact,
                                     kontor_record_get_id (KONTOR_RECORD (company->company)));
    }
  else
    city = pick_city (b);

  origin = _kontor_demo_pick_weighted (b->rand, origin_weights[city->country], N_ORIGINS);
  pick = _kontor_demo_pick_index (b->rand, name_pools[origin].n_first_names);
  first = &name_pools[origin].first_names[pick];
  pick = _kontor_demo_pick_index (b->rand, name_pools[origin].n_last_names);
  last = name_pools[origin].last_names[pick];
  kontor_contact_set_first_name (contact, first->name);
  kontor_contact_set_last_name (contact, last);
  if (_kontor_demo_chance (b->rand, 92))
    kontor_contact_set_salutation (contact, first->gender == GENDER_MALE ? KONTOR_SALUTATION_MR
                                                                         : KONTOR_SALUTATION_MS);
  if (origin == ORIGIN_GERMAN)
    kontor_contact_set_title (contact, pick_title (b, city->country));
  else if (_kontor_demo_chance (b->rand, 3))
    kontor_contact_set_title (contact, "Dr.");
  kontor_contact_set_language (contact, name_pools[origin].language);

  /* E-mail: the work address first, as people are written to at work */
  if (company != NULL)
    {
      if (origin == ORIGIN_ENGLISH && _kontor_demo_chance (b->rand, 50))
        kontor_contact_set_job_title (contact, PICK (b->rand, english_job_titles));
      else if (_kontor_demo_chance (b->rand, 95))
        {
          x = _kontor_demo_pick_index (b->rand, G_N_ELEMENTS (job_titles));
          kontor_contact_set_job_title (contact, first->gender == GENDER_MALE
                                                 ? job_titles[x].male : job_titles[x].female);
        }

      g_string_truncate (b->mail, 0);
      append_mail_local (b->mail, first->name, last,
                         _kontor_demo_pick_weighted (b->rand, work_mail_weights, N_MAIL_STYLES));
      g_string_append_c (b->mail, '@');
      g_string_append (b->mail, company->domain);
      add_channel (b, "work", b->mail->str);
      if (_kontor_demo_chance (b->rand, 15))
        add_private_mail (b, first->name, last, city->country);
    }
  else
    {
      add_private_mail (b, first->name, last, city->country);
      if (_kontor_demo_chance (b->rand, 10))
        add_private_mail (b, first->name, last, city->country);
    }
  take_channels (b, record, KONTOR_CONTACT_FIELD_EMAILS);

  /* Phones: the direct line at work, a mobile, at home a landline */
  if (company != NULL && _kontor_demo_chance (b->rand, 85))
    {
      format_extension (b, city, buffer);
      g_string_truncate (b->text, 0);
      append_phone (b->text, city->country, city->area_code, company->phone_root, buffer,
                    _kontor_demo_pick_weighted (b->rand, landline_style_weights, N_PHONE_STYLES));
      add_channel (b, "work", b->text->str);
    }
  if (b->channels->len == 0 || _kontor_demo_chance (b->rand, 35))
    {
      g_string_truncate (b->text, 0);
      append_mobile (b, b->text, city->country);
      add_channel (b, "mobile", b->text->str);
    }
  if (company == NULL && _kontor_demo_chance (b->rand, 40))
    {
      random_digits (b, buffer, subscriber_length (b, city));
      g_string_truncate (b->text, 0);
      append_phone (b->text, city->country, city->area_code, buffer, NULL,
                    _kontor_demo_pick_weighted (b->rand, landline_style_weights, N_PHONE_STYLES));
      add_channel (b, "home", b->text->str);
    }
  take_channels (b, record, KONTOR_CONTACT_FIELD_PHONES);

  if (company == NULL)
    {
      g_string_truncate (b->text, 0);
      append_street (b, b->text, city->country);
      kontor_contact_set_street (contact, b->text->str);
      kontor_contact_set_postal_code (contact, city->postal_code);
      kontor_contact_set_city (contact, city->name);
      kontor_contact_set_country (contact, countries[city->country].name);
    }

  if (_kontor_demo_chance (b->rand, 30))
    {
      /* 22 to 67 years old */
      guint days = _kontor_demo_pick_index (b->rand, 45 * 365);

      _kontor_demo_format_date (buffer, REFERENCE_JULIAN - 22 * 365 - days);
      /* one in ten without the year, as phones' vCards give it
       * ("1980-04-15" becomes "--04-15", src/README.md "Birthdays") */
      if (days % 10 == 0)
        {
          memmove (buffer + 1, buffer + 4, strlen (buffer + 4) + 1);
          buffer[0] = '-';
        }
      kontor_contact_set_birthday (contact, buffer);
    }
  if (_kontor_demo_chance (b->rand, 20))
    kontor_contact_set_notes (contact, PICK (b->rand, contact_notes));

  status = _kontor_demo_pick_weighted (b->rand, status_weights, N_STATUSES);
  kontor_contact_set_status (contact, status);
  if (status == KONTOR_CONTACT_STATUS_ARCHIVED)
    kontor_contact_set_previous_status (contact, _kontor_demo_chance (b->rand, 55)
                                                 ? KONTOR_CONTACT_STATUS_CUSTOMER
                                                 : KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_contact_set_is_lead (contact, _kontor_demo_chance (b->rand, lead_percent[status]));
  kontor_contact_set_pipeline_status_id (contact,
                                         pipeline_ids[_kontor_demo_pick_weighted (b->rand,
                                                                     pipeline_weights[status],
                                                                     G_N_ELEMENTS (pipeline_ids))]);

  number_companies_until (b, created_at);
  if ((status == KONTOR_CONTACT_STATUS_CUSTOMER && _kontor_demo_chance (b->rand, 85)) ||
      (status == KONTOR_CONTACT_STATUS_ARCHIVED &&
       kontor_contact_get_previous_status (contact) == KONTOR_CONTACT_STATUS_CUSTOMER &&
       _kontor_demo_chance (b->rand, 70)))
    give_number (b, record, KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER, created_at);

  /* Sales reps: mostly the company's own, sometimes a second colleague */
  x = _kontor_demo_pick_index (b->rand, 100);
  if (x < 96)
    {
      if (company != NULL && _kontor_demo_chance (b->rand, 70))
        reps[0] = company->sales_rep;
      else
        reps[0] = pick_sales_rep (b, region_of (city));
      if (x >= 88)
        reps[1] = pick_other_sales_rep (b, reps[0]);
      kontor_contact_set_sales_reps (contact, reps);
    }

  /* Assignment: a colleague (often the rep), two, the team, or nobody */
  x = _kontor_demo_pick_index (b->rand, 100);
  if (x < 60)
    {
      Region region = region_of (city);

      if (reps[0] != NULL && _kontor_demo_chance (b->rand, 50))
        assignees[0] = reps[0];
      else
        assignees[0] = b->user_ids[b->editors[region][_kontor_demo_pick_index (
                                                        b->rand, b->n_editors[region])]];
      if (x >= 55)
        {
          assignees[1] = b->user_ids[b->editors[region][_kontor_demo_pick_index (
                                                          b->rand, b->n_editors[region])]];
          if (assignees[1] == assignees[0])
            assignees[1] = NULL;
        }
      kontor_contact_set_assignees (contact, assignees);
    }
  else if (x < 70)
    kontor_contact_set_assigned_team_id (contact, b->team_ids[region_of (city)]);

  if (_kontor_demo_chance (b->rand, kontor_contact_status_is_restricted (status) ? 10 : 28))
    {
      /* three weeks overdue to six weeks ahead, on a working day */
      _kontor_demo_format_date (buffer,
                                _kontor_demo_skip_weekend (REFERENCE_JULIAN - 21 +
                                                           _kontor_demo_pick_index (b->rand, 67)));
      kontor_contact_set_due_date (contact, buffer);
    }

  if (_kontor_demo_chance (b->rand, status == KONTOR_CONTACT_STATUS_INBOX ? 35 : 88))
    {
      gint64 window = MIN (ACTIVITY_WINDOW, REFERENCE_TIME - created_at);

      kontor_contact_set_last_activity_at (contact,
                                           REFERENCE_TIME -
                                           (gint64) (g_rand_double (b->rand) * window));
    }

  /* In its column for up to a month, but not before it existed (feature X7,
   * src/README.md); from the index, so that the random choices stay as they were */
  kontor_contact_set_pipeline_entered_at (contact,
                                          MAX (created_at,
                                               REFERENCE_TIME -
                                               (gint64) ((index * 7919u) % 31u) * DAY));

  /* Fresh arrivals in "Neue Kontakte" nobody has handled yet: no activity,
   * red on the board until someone does something (feature P3, src/README.md) */
  if (g_str_equal (kontor_contact_get_pipeline_status_id (contact), pipeline_ids[0]) &&
      !kontor_contact_status_is_restricted (status) && _kontor_demo_chance (b->rand, 45))
    {
      kontor_contact_set_is_new (contact, TRUE);
      kontor_contact_set_last_activity_at (contact, 0);
    }

  g_ptr_array_add (b->records, contact);
}

/* ------------------------------------------------------------------------ */
/* Employer history */

/* One contact in twelve with a company worked elsewhere before (feature
 * C3): at another of the team's companies, with the job title it has now
 * or none, ended one to six years before the reference day, begun one to
 * eight years before that or not known. Made after every other record, so
 * those stay what they were before employments were made. */
static void
add_employments (Builder *b)
{
  guint n_records = b->records->len;

  for (guint i = 0; i < n_records; i++)
    {
      KontorRecord *record = g_ptr_array_index (b->records, i);
      const char *company_id;
      KontorEmployment *employment;
      KontorCompany *former;
      guint32 ended;
      char buffer[11];

      if (!KONTOR_IS_CONTACT (record) ||
          (company_id = kontor_contact_get_company_id (KONTOR_CONTACT (record))) == NULL ||
          !_kontor_demo_chance (b->rand, 8))
        continue;

      former = b->companies[_kontor_demo_pick_index (b->rand, b->n_companies)].company;
      if (g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (former)), company_id) == 0)
        continue;

      employment = kontor_employment_new (kontor_record_get_id (record),
                                          kontor_record_get_id (KONTOR_RECORD (former)));
      set_new_id (b, KONTOR_RECORD (employment));
      if (_kontor_demo_chance (b->rand, 60))
        kontor_employment_set_job_title (employment,
                                         kontor_contact_get_job_title (KONTOR_CONTACT (record)));
      ended = REFERENCE_JULIAN - 365 - _kontor_demo_pick_index (b->rand, 5 * 365);
      _kontor_demo_format_date (buffer, ended);
      kontor_employment_set_ended_on (employment, buffer);
      if (_kontor_demo_chance (b->rand, 70))
        {
          _kontor_demo_format_date (buffer,
                                    ended - 365 - _kontor_demo_pick_index (b->rand, 7 * 365));
          kontor_employment_set_started_on (employment, buffer);
        }
      g_ptr_array_add (b->records, employment);
    }
}

/* ------------------------------------------------------------------------ */
/* Groups */

/* A static group with its number, responsible user and members */
static KontorGroup *
add_static_group (Builder    *b,
                  const char *name,
                  const char *number,
                  const char *responsible)
{
  KontorGroup *group = kontor_group_new (name);
  const char *assignees[] = { responsible, NULL };

  set_new_id (b, KONTOR_RECORD (group));
  kontor_record_set_created_at (KONTOR_RECORD (group), TEAM_CREATED);
  kontor_group_set_number (group, number);
  kontor_group_set_assignees (group, assignees);
  g_ptr_array_add (b->records, group);

  return group;
}

static void
add_member (Builder      *b,
            KontorGroup  *group,
            KontorRecord *contact)
{
  KontorGroupMember *member = kontor_group_member_new (kontor_record_get_id (KONTOR_RECORD (group)),
                                                       kontor_record_get_id (contact));

  set_new_id (b, KONTOR_RECORD (member));
  g_ptr_array_add (b->records, member);
}

/* The team's lists (features L3, L4): the visitors invited to a trade
 * fair (one active contact in twelve), the customers who get a Christmas
 * card (one in three), and the northern team's customers as a dynamic
 * group. Made last, like the employments, so nothing before changes. */
static void
add_groups (Builder *b)
{
  guint n_records = b->records->len;
  KontorGroup *fair = add_static_group (b, "Messe Hannover 2027", "G-001", b->user_ids[0]);
  KontorGroup *cards = add_static_group (b, "Weihnachtskarten", "G-002", b->user_ids[1]);
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autofree char *text = NULL;
  KontorGroup *north;

  for (guint i = 0; i < n_records; i++)
    {
      KontorRecord *record = g_ptr_array_index (b->records, i);
      KontorContactStatus status;

      if (!KONTOR_IS_CONTACT (record))
        continue;
      status = kontor_contact_get_status (KONTOR_CONTACT (record));
      if ((status == KONTOR_CONTACT_STATUS_PROSPECT || status == KONTOR_CONTACT_STATUS_CUSTOMER) &&
          _kontor_demo_chance (b->rand, 8))
        add_member (b, fair, record);
      if (status == KONTOR_CONTACT_STATUS_CUSTOMER && _kontor_demo_chance (b->rand, 33))
        add_member (b, cards, record);
    }

  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER));
  kontor_filter_set_team_id (filter, b->team_ids[0]);
  text = kontor_filter_to_string (filter);
  north = kontor_group_new_dynamic ("Kunden Team Nord", text);
  set_new_id (b, KONTOR_RECORD (north));
  kontor_record_set_created_at (KONTOR_RECORD (north), TEAM_CREATED);
  g_ptr_array_add (b->records, north);
}

/* ------------------------------------------------------------------------ */
/* Activities */

/* What a sales team writes down, by kind (feature A1) */
static const char * const call_subjects[] = {
  "Rückruf wegen Angebot", "Nachfrage zur Lieferung", "Terminabstimmung", "Erstgespräch",
  "Preisverhandlung",
};
static const char * const email_subjects[] = {
  "Angebot verschickt", "Unterlagen nachgereicht", "Auftragsbestätigung",
  "Einladung zur Hausmesse",
};
static const char * const meeting_subjects[] = {
  "Besuch vor Ort", "Jahresgespräch", "Produktvorführung",
};
static const char * const lunch_subjects[] = {
  "Mittagessen mit der Geschäftsführung", "Geschäftsessen",
};
static const char * const video_subjects[] = {
  "Videokonferenz zur Produktdemo", "Online-Abstimmung",
};
static const char * const note_subjects[] = {
  "Interesse an Wartungsvertrag", "Budget erst im Frühjahr", "Entscheidung liegt beim Einkauf",
};
static const char * const task_subjects[] = {
  "Angebot schicken", "Muster versenden", "Rückruf vereinbaren", "Vertrag vorbereiten",
};

/* mostly calls and e-mails, as in any sales team */
static const guint8 kind_weights[KONTOR_ACTIVITY_N_KINDS] = {
  [KONTOR_ACTIVITY_KIND_TASK] = 0, [KONTOR_ACTIVITY_KIND_EMAIL] = 30,
  [KONTOR_ACTIVITY_KIND_LUNCH] = 4, [KONTOR_ACTIVITY_KIND_MEETING] = 10,
  [KONTOR_ACTIVITY_KIND_CALL] = 40, [KONTOR_ACTIVITY_KIND_VIDEO_CALL] = 6,
  [KONTOR_ACTIVITY_KIND_NOTE] = 10,
};

static const char *
pick_subject (GRand              *rand,
              KontorActivityKind  kind)
{
  switch (kind)
    {
    case KONTOR_ACTIVITY_KIND_TASK:
      return PICK (rand, task_subjects);
    case KONTOR_ACTIVITY_KIND_EMAIL:
      return PICK (rand, email_subjects);
    case KONTOR_ACTIVITY_KIND_LUNCH:
      return PICK (rand, lunch_subjects);
    case KONTOR_ACTIVITY_KIND_MEETING:
      return PICK (rand, meeting_subjects);
    case KONTOR_ACTIVITY_KIND_CALL:
      return PICK (rand, call_subjects);
    case KONTOR_ACTIVITY_KIND_VIDEO_CALL:
      return PICK (rand, video_subjects);
    case KONTOR_ACTIVITY_KIND_NOTE:
    default:
      return PICK (rand, note_subjects);
    }
}

static KontorActivity *
new_activity (Builder            *b,
              KontorContact      *contact,
              KontorActivityKind  kind)
{
  KontorActivity *activity = kontor_activity_new (kind, KONTOR_RECORD (contact));
  const char * const *reps = kontor_contact_get_sales_reps (contact);
  const KontorActivityTopic *topics;
  guint n_topics;

  set_new_id (b, KONTOR_RECORD (activity));
  topics = kontor_activity_topics_for_place (KONTOR_ACTIVITY_PLACE_CUSTOMER, &n_topics);
  kontor_activity_set_topic (activity, topics[_kontor_demo_pick_index (b->rand, n_topics)]);
  kontor_activity_set_subject (activity, pick_subject (b->rand, kind));
  kontor_activity_set_created_by (activity, reps != NULL && reps[0] != NULL ? reps[0]
                                                                             : b->user_ids[0]);
  if (kontor_activity_kind_has_location (kind))
    kontor_activity_set_location (activity, kontor_contact_get_city (contact));
  g_ptr_array_add (b->records, activity);

  return activity;
}

/* One that happened at @at */
static void
add_done (Builder       *b,
          KontorContact *contact,
          gint64         at)
{
  KontorActivityKind kind = _kontor_demo_pick_weighted (b->rand, kind_weights,
                                                        KONTOR_ACTIVITY_N_KINDS);
  KontorActivity *activity = new_activity (b, contact, kind);

  kontor_activity_set_starts_at (activity, at);
  if (kind == KONTOR_ACTIVITY_KIND_MEETING)
    kontor_activity_set_ends_at (activity, at + 3600);
  kontor_record_set_created_at (KONTOR_RECORD (activity), at);
}

/* The activities behind the last activity of each contact (features A1,
 * A8): one at that very time, up to two before it, and for one active
 * contact in six an open task due from three weeks ago to a month ahead.
 * Up to MAX_ACTIVITY_CONTACTS contacts: a benchmark's sample of 100,000
 * measures contacts, and keeps its last activities as written. Made
 * last, so nothing before changes. */
#define MAX_ACTIVITY_CONTACTS 10000

static void
add_activities (Builder *b,
                guint    n_contacts)
{
  guint n_records = b->records->len;

  if (n_contacts > MAX_ACTIVITY_CONTACTS)
    return;

  for (guint i = 0; i < n_records; i++)
    {
      KontorRecord *record = g_ptr_array_index (b->records, i);
      KontorContact *contact;
      gint64 last;

      if (!KONTOR_IS_CONTACT (record))
        continue;
      contact = KONTOR_CONTACT (record);
      last = kontor_contact_get_last_activity_at (contact);
      if (last > 0)
        {
          guint n_before = _kontor_demo_pick_index (b->rand, 3);
          gint64 since = kontor_record_get_created_at (record);

          for (guint k = 0; k < n_before && last - since > DAY; k++)
            add_done (b, contact, since + (gint64) (g_rand_double (b->rand) *
                                                    (double) (last - since - DAY)));
          add_done (b, contact, last);
        }

      if (!kontor_contact_status_is_restricted (kontor_contact_get_status (contact)) &&
          _kontor_demo_chance (b->rand, 16))
        {
          KontorActivity *task = new_activity (b, contact, KONTOR_ACTIVITY_KIND_TASK);
          char buffer[11];

          _kontor_demo_format_date (buffer, REFERENCE_JULIAN - 21 +
                                            _kontor_demo_pick_index (b->rand, 52));
          kontor_activity_set_due_on (task, buffer);
          kontor_record_set_created_at (KONTOR_RECORD (task),
                                        MAX (kontor_record_get_created_at (record),
                                             REFERENCE_TIME - 30 * DAY));
        }
    }
}

/**
 * kontor_demo_build:
 * @n_contacts: how many contacts
 * @seed: the seed of the random choices
 *
 * Builds, but does not store, a sample sales team: two teams, their users,
 * about one company per eight contacts (at least five), then the contacts,
 * in the order they must be saved. Every record has its id, and contacts
 * refer to companies, users, teams and the built-in pipeline statuses by
 * id. The same @n_contacts and @seed give the same records, ids included,
 * whatever the clock says; dates are relative to 2026-11-24.
 *
 * May be called from any thread.
 *
 * Returns: (transfer full) (element-type KontorRecord): the records
 */
GPtrArray *
kontor_demo_build (guint   n_contacts,
                   guint32 seed)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Builder b = { NULL, };

  b.n_companies = MAX (MIN_COMPANIES, n_contacts / CONTACTS_PER_COMPANY);
  b.rand = g_rand_new_with_seed (seed);
  b.records = g_ptr_array_new_full (N_REGIONS + N_USERS + b.n_companies + n_contacts,
                                    g_object_unref);
  b.companies = g_new0 (DemoCompany, b.n_companies);
  b.name = g_string_sized_new (64);
  b.text = g_string_sized_new (64);
  b.mail = g_string_sized_new (64);
  b.channels = kontor_channel_array_new ();

  add_team_and_users (&b);
  for (guint i = 0; i < b.n_companies; i++)
    add_company (&b, i, names);
  for (guint i = 0; i < n_contacts; i++)
    add_contact (&b, i, n_contacts);
  number_companies_until (&b, G_MAXINT64);
  add_employments (&b);
  add_groups (&b);
  add_activities (&b, n_contacts);

  for (guint i = 0; i < b.n_companies; i++)
    g_free (b.companies[i].domain);
  g_free (b.companies);
  g_ptr_array_unref (b.channels);
  g_string_free (b.name, TRUE);
  g_string_free (b.text, TRUE);
  g_string_free (b.mail, TRUE);
  g_rand_free (b.rand);

  return b.records;
}

/**
 * kontor_demo_get_stale_limits:
 * @n_limits: (out): the number of limits
 *
 * The team marks cards stale after three weeks "In Bearbeitung" and four
 * with an offer out.
 *
 * Returns: (array length=n_limits): the limits
 */
const KontorDemoStaleLimit *
kontor_demo_get_stale_limits (guint *n_limits)
{
  /* the second and fourth of pipeline_ids */
  static const KontorDemoStaleLimit limits[] = {
    { "00000000-0000-7000-8000-000000000002", 21 },
    { "00000000-0000-7000-8000-000000000004", 28 },
  };

  g_return_val_if_fail (n_limits != NULL, NULL);

  *n_limits = G_N_ELEMENTS (limits);

  return limits;
}
