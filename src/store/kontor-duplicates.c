/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-duplicates"

#include "config.h"

#include <sqlite3.h>

#include "kontor-duplicates.h"
#include "kontor-store-db.h"
#include "kontor-text.h"

/* The duplicate finder over the stored contacts and companies (feature
 * X1, src/README.md "Duplicates"): every record's keys are read in two
 * queries and grouped in hash tables, so the scan is two table walks and
 * linear C; the pairs come out ranked. It reads only, and runs on a
 * connection of its own on a worker (kontor_store_find_duplicates_async()). */

/* Groups larger than these are not one person written twice but a
 * common name ("Thomas Müller") or a shared number (a switchboard):
 * listing every pair of them would bury the real duplicates. */
#define MAX_NAME_GROUP 5
#define MAX_KEY_GROUP  25

struct _KontorDuplicatePair
{
  GObject                parent_instance;

  GType                  type;
  char                  *ids[2];
  char                  *names[2];
  char                  *companies[2];
  KontorDuplicateReason  reasons;
  guint                  score;
};

G_DEFINE_FINAL_TYPE (KontorDuplicatePair, kontor_duplicate_pair, G_TYPE_OBJECT)

static void
kontor_duplicate_pair_finalize (GObject *object)
{
  KontorDuplicatePair *self = KONTOR_DUPLICATE_PAIR (object);

  for (guint i = 0; i < 2; i++)
    {
      g_free (self->ids[i]);
      g_free (self->names[i]);
      g_free (self->companies[i]);
    }

  G_OBJECT_CLASS (kontor_duplicate_pair_parent_class)->finalize (object);
}

static void
kontor_duplicate_pair_class_init (KontorDuplicatePairClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kontor_duplicate_pair_finalize;
}

static void
kontor_duplicate_pair_init (KontorDuplicatePair *self)
{
}

/**
 * kontor_duplicate_pair_get_id:
 * @self: a pair
 * @which: 0 for the older record (the one to keep by default), 1 for the other
 *
 * Returns: (transfer none): the contact's or company's id
 */
const char *
kontor_duplicate_pair_get_id (KontorDuplicatePair *self,
                              guint                which)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATE_PAIR (self), NULL);
  g_return_val_if_fail (which < 2, NULL);

  return self->ids[which];
}

/**
 * kontor_duplicate_pair_get_name:
 * @self: a pair
 * @which: 0 or 1, as kontor_duplicate_pair_get_id()
 *
 * Returns: (transfer none): the contact's or company's name as shown, ""
 *   when it has none
 */
const char *
kontor_duplicate_pair_get_name (KontorDuplicatePair *self,
                                guint                which)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATE_PAIR (self), NULL);
  g_return_val_if_fail (which < 2, NULL);

  return self->names[which];
}

/**
 * kontor_duplicate_pair_get_company:
 * @self: a pair
 * @which: 0 or 1, as kontor_duplicate_pair_get_id()
 *
 * Returns: (transfer none) (nullable): a contact's company's name; a
 *   company's city
 */
const char *
kontor_duplicate_pair_get_company (KontorDuplicatePair *self,
                                   guint                which)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATE_PAIR (self), NULL);
  g_return_val_if_fail (which < 2, NULL);

  return self->companies[which];
}

/**
 * kontor_duplicate_pair_get_record_type:
 * @self: a pair
 *
 * Returns: %KONTOR_TYPE_CONTACT or %KONTOR_TYPE_COMPANY
 */
GType
kontor_duplicate_pair_get_record_type (KontorDuplicatePair *self)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATE_PAIR (self), G_TYPE_INVALID);

  return self->type;
}

/**
 * kontor_duplicate_pair_get_reasons:
 * @self: a pair
 *
 * Returns: why the two may be one person
 */
KontorDuplicateReason
kontor_duplicate_pair_get_reasons (KontorDuplicatePair *self)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATE_PAIR (self), 0);

  return self->reasons;
}

/**
 * kontor_duplicate_pair_get_score:
 * @self: a pair
 *
 * Returns: the confidence, 1 to 100 (kontor_duplicate_reason_score())
 */
guint
kontor_duplicate_pair_get_score (KontorDuplicatePair *self)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATE_PAIR (self), 0);

  return self->score;
}

/**
 * kontor_duplicate_pair_involves:
 * @self: a pair
 * @id: a contact's id
 *
 * Returns: whether @id is one of the pair (a merged contact's pairs leave
 *   the list)
 */
gboolean
kontor_duplicate_pair_involves (KontorDuplicatePair *self,
                                const char          *id)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATE_PAIR (self), FALSE);

  return g_strcmp0 (self->ids[0], id) == 0 || g_strcmp0 (self->ids[1], id) == 0;
}

/**
 * kontor_duplicate_reason_score:
 * @reasons: why two contacts may be one
 *
 * The ranking rule: an e-mail address in common says most, then a phone
 * number, then the name at the same company, then the name alone; several
 * reasons add up, to at most 100. For companies: the customer number says
 * most, then the name (legal form folded), then the website or mail
 * domain and the phone number.
 *
 * Returns: the confidence, 0 to 100
 */
guint
kontor_duplicate_reason_score (KontorDuplicateReason reasons)
{
  guint score = 0;

  if (reasons & KONTOR_DUPLICATE_REASON_EMAIL)
    score += 60;
  if (reasons & KONTOR_DUPLICATE_REASON_PHONE)
    score += 40;
  if (reasons & KONTOR_DUPLICATE_REASON_NAME_COMPANY)
    score += 35;
  else if (reasons & KONTOR_DUPLICATE_REASON_NAME)
    score += 15;
  if (reasons & KONTOR_DUPLICATE_REASON_CUSTOMER_NUMBER)
    score += 60;
  if (reasons & KONTOR_DUPLICATE_REASON_COMPANY_NAME)
    score += 50;
  if (reasons & KONTOR_DUPLICATE_REASON_DOMAIN)
    score += 40;

  return MIN (score, 100);
}

/* ------------------------------------------------------------------------ */
/* The scan */

typedef struct
{
  char   *id;
  char   *name;
  char   *company;
  gint64  created_at;
} Person;

static void
person_clear (gpointer data)
{
  Person *person = data;

  g_free (person->id);
  g_free (person->name);
  g_free (person->company);
}

/* key -> GArray of person indices */
static void
add_key (GHashTable *groups,
         char       *key,
         guint       person)
{
  GArray *members;

  if (key == NULL || key[0] == '\0')
    {
      g_free (key);
      return;
    }

  members = g_hash_table_lookup (groups, key);
  if (members == NULL)
    {
      members = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2);
      g_hash_table_insert (groups, key, members);
    }
  else
    g_free (key);

  /* the same address twice on one record is no pair; a company's domain
   * comes from its website and again from its addresses. A group too large
   * to be listed (add_pairs()) need not be searched */
  if (members->len <= MAX_KEY_GROUP)
    for (guint i = 0; i < members->len; i++)
      if (g_array_index (members, guint, i) == person)
        return;
  g_array_append_val (members, person);
}

static GHashTable *
groups_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_array_unref);
}

/* Every pair of every group of at most @max members gets @reason */
static void
add_pairs (GHashTable            *pairs,
           GHashTable            *groups,
           guint                  max,
           KontorDuplicateReason  reason)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *members = value;

      if (members->len < 2 || members->len > max)
        continue;

      for (guint i = 0; i < members->len; i++)
        for (guint j = i + 1; j < members->len; j++)
          {
            guint a = g_array_index (members, guint, i);
            guint b = g_array_index (members, guint, j);
            guint64 key = a < b ? ((guint64) a << 32) | b : ((guint64) b << 32) | a;
            gpointer old = g_hash_table_lookup (pairs, &key);

            if (old == NULL)
              g_hash_table_insert (pairs, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (reason));
            else
              g_hash_table_insert (pairs, g_memdup2 (&key, sizeof key),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (old) | reason));
          }
    }
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  KontorDuplicatePair *x = *(KontorDuplicatePair **) a;
  KontorDuplicatePair *y = *(KontorDuplicatePair **) b;
  int by_name;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  by_name = g_utf8_collate (x->names[0], y->names[0]);
  if (by_name != 0)
    return by_name;

  return strcmp (x->ids[1], y->ids[1]);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 guint          row,
                 GError       **error)
{
  return (row & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error);
}

static GHashTable *
pairs_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* The ranked pairs of @type's records from @pairs (index pair -> reasons) */
static GPtrArray *
build_pairs (GType       type,
             GArray     *people,
             GHashTable *pairs)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_full (g_hash_table_size (pairs), g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 both = *(guint64 *) key;
      KontorDuplicatePair *pair = g_object_new (KONTOR_TYPE_DUPLICATE_PAIR, NULL);
      guint which[2] = { both >> 32, both & 0xffffffff };

      pair->type = type;
      for (guint i = 0; i < 2; i++)
        {
          Person *person = &g_array_index (people, Person, which[i]);

          pair->ids[i] = g_strdup (person->id);
          pair->names[i] = g_strdup (person->name);
          pair->companies[i] = g_strdup (person->company);
        }
      pair->reasons = GPOINTER_TO_UINT (value);
      /* the same name at the same company says the name too */
      if (pair->reasons & KONTOR_DUPLICATE_REASON_NAME_COMPANY)
        pair->reasons &= ~KONTOR_DUPLICATE_REASON_NAME;
      pair->score = kontor_duplicate_reason_score (pair->reasons);
      g_ptr_array_add (result, pair);
    }
  g_ptr_array_sort (result, compare_pairs);

  return g_steal_pointer (&result);
}

/**
 * kontor_store_find_duplicates:
 * @self: a store (a connection of its own when not on the main thread)
 * @cancellable: (nullable): checked between rows
 * @error: return location for a #GError
 *
 * Finds the contacts that may be one person twice (feature X1): an
 * e-mail address in common (case folded), a phone number in common
 * (kontor_phone_normalize(): international digits, a national number
 * taken as German; the fallback of kontor_phone_match_key()), or the
 * same name (kontor_text_match_key(): "Müller"
 * is "Mueller") with or without the same company
 * (kontor_company_match_key()). A group of three or more is listed as its
 * pairs; a name shared by more than five contacts, or an address or
 * number by more than 25, is left out as too common to mean a duplicate.
 *
 * Returns: (transfer full) (element-type KontorDuplicatePair): the pairs,
 *   the most certain first, the older contact first in each; %NULL on error
 */
GPtrArray *
kontor_store_find_duplicates (KontorStore   *self,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, TRUE, sizeof (Person));
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) emails = groups_new ();
  g_autoptr(GHashTable) phones = groups_new ();
  g_autoptr(GHashTable) names = groups_new ();
  g_autoptr(GHashTable) names_at = groups_new ();
  g_autoptr(GHashTable) pairs = pairs_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_array_set_clear_func (people, person_clear);

  stmt = _kontor_store_prepare (self,
                                "SELECT c.id, c.first_name, c.last_name, co.name, c.created_at "
                                "FROM contact c LEFT JOIN company co ON co.id = c.company_id "
                                "ORDER BY c.created_at, c.rid",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 1);
      const char *last = (const char *) sqlite3_column_text (stmt, 2);
      const char *company = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *full = g_strjoin (" ", first != NULL ? first : "",
                                         last != NULL ? last : "", NULL);
      Person person = { 0 };
      g_autofree char *name_key = NULL;
      guint n = people->len;

      if (check_cancelled (cancellable, n, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      person.id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      person.name = g_strstrip (g_strdup (full));
      person.company = g_strdup (company);
      person.created_at = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (people, person);
      g_hash_table_insert (index_of, g_array_index (people, Person, n).id, GUINT_TO_POINTER (n));

      name_key = kontor_text_match_key (full);
      if (name_key[0] != '\0')
        {
          g_autofree char *company_key = kontor_company_match_key (company);

          if (company_key[0] != '\0')
            add_key (names_at, g_strconcat (name_key, "\n", company_key, NULL), n);
          add_key (names, g_steal_pointer (&name_key), n);
        }
    }
  if (rc != 0)
    return NULL;

  stmt = _kontor_store_prepare (self, "SELECT owner_id, kind, value FROM contact_channel", error);
  if (stmt == NULL)
    return NULL;
  for (guint row = 0; (rc = _kontor_store_step (self, stmt, error)) == 1; row++)
    {
      const char *owner = (const char *) sqlite3_column_text (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 2);
      gpointer found;

      if (check_cancelled (cancellable, row, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      if (owner == NULL || text == NULL ||
          !g_hash_table_lookup_extended (index_of, owner, NULL, &found))
        continue;

      if (sqlite3_column_int (stmt, 1) == KONTOR_CHANNEL_KIND_EMAIL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (text));

          add_key (emails, g_utf8_strdown (stripped, -1), GPOINTER_TO_UINT (found));
        }
      else
        {
          /* kontor_phone_match_key()'s own fallback: libphonenumber's
           * E.164 took 1.9 to 5.2 s over the 133,000 numbers of
           * bench-dupes, this 0.015 to 0.04 s (src/README.md "Duplicates") */
          char *digits = kontor_phone_normalize (text);

          /* too short to be one person's: an extension, a typo */
          if (strlen (digits) < 6)
            g_clear_pointer (&digits, g_free);
          add_key (phones, digits, GPOINTER_TO_UINT (found));
        }
    }
  if (rc != 0)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  add_pairs (pairs, emails, MAX_KEY_GROUP, KONTOR_DUPLICATE_REASON_EMAIL);
  add_pairs (pairs, phones, MAX_KEY_GROUP, KONTOR_DUPLICATE_REASON_PHONE);
  add_pairs (pairs, names_at, MAX_KEY_GROUP, KONTOR_DUPLICATE_REASON_NAME_COMPANY);
  add_pairs (pairs, names, MAX_NAME_GROUP, KONTOR_DUPLICATE_REASON_NAME);

  return build_pairs (KONTOR_TYPE_CONTACT, people, pairs);
}

/* Domains every other company writes from: a shared one says nothing */
static const char * const mail_providers[] = {
  "aol.com", "freenet.de", "gmail.com", "gmx.at", "gmx.ch", "gmx.de", "gmx.net",
  "googlemail.com", "hotmail.com", "hotmail.de", "icloud.com", "live.com", "mail.de",
  "me.com", "outlook.com", "outlook.de", "posteo.de", "t-online.de", "web.de",
  "yahoo.com", "yahoo.de",
};

/**
 * kontor_duplicate_domain_key:
 * @text: (nullable): a website ("https://www.Mueller.de/kontakt") or an
 *   e-mail address ("info@mueller.de")
 *
 * The key under which the finder groups companies by their web presence:
 * the host of a website, the domain of an address, in lower case and
 * without "www."; none for a mail provider's domain (gmx.de, gmail.com, …)
 * that many unrelated companies share, nor for text without a dot.
 *
 * Returns: (transfer full): the key, "" when there is none
 */
char *
kontor_duplicate_domain_key (const char *text)
{
  g_autofree char *lower = NULL;
  const char *host;
  const char *at;
  gsize length;

  if (text == NULL)
    return g_strdup ("");

  lower = g_utf8_strdown (text, -1);
  g_strstrip (lower);
  host = lower;
  at = strrchr (host, '@');
  if (at != NULL)
    host = at + 1;
  else
    {
      const char *scheme = strstr (host, "://");

      if (scheme != NULL)
        host = scheme + 3;
    }
  if (g_str_has_prefix (host, "www."))
    host += 4;
  length = strcspn (host, "/:?# ");
  if (length == 0 || memchr (host, '.', length) == NULL)
    return g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (mail_providers); i++)
    if (strlen (mail_providers[i]) == length && strncmp (host, mail_providers[i], length) == 0)
      return g_strdup ("");

  return g_strndup (host, length);
}

/* A customer number as two people may write it: "KD-4711" is "kd 4711"
 * (the store keeps each number once as typed) */
static char *
customer_number_key (const char *number)
{
  g_autofree char *folded = number != NULL ? g_utf8_casefold (number, -1) : NULL;
  GString *key = g_string_new (NULL);

  for (const char *p = folded; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

/**
 * kontor_store_find_company_duplicates:
 * @self: a store (a connection of its own when not on the main thread)
 * @cancellable: (nullable): checked between rows
 * @error: return location for a #GError
 *
 * Finds the companies that may be one company twice (feature X1): the
 * same name (kontor_company_match_key(): "Müller GmbH" is "Mueller GmbH &
 * Co. KG"), the same customer number (only its letters and digits, case
 * folded: "KD-4711" is "kd 4711"), the same
 * website host or e-mail domain (kontor_duplicate_domain_key()), or a
 * phone number in common (kontor_phone_normalize(), as for contacts). A
 * name shared by more than five companies, or a key by more than 25, is
 * left out as too common to mean a duplicate.
 *
 * Returns: (transfer full) (element-type KontorDuplicatePair): the pairs,
 *   the most certain first, the older company first in each; %NULL on error
 */
GPtrArray *
kontor_store_find_company_duplicates (KontorStore   *self,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_autoptr(GArray) companies = g_array_new (FALSE, TRUE, sizeof (Person));
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = groups_new ();
  g_autoptr(GHashTable) numbers = groups_new ();
  g_autoptr(GHashTable) domains = groups_new ();
  g_autoptr(GHashTable) phones = groups_new ();
  g_autoptr(GHashTable) pairs = pairs_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_array_set_clear_func (companies, person_clear);

  stmt = _kontor_store_prepare (self,
                                "SELECT id, name, city, customer_number, website, created_at "
                                "FROM company ORDER BY created_at, rid",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = _kontor_store_step (self, stmt, error)) == 1)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *number = (const char *) sqlite3_column_text (stmt, 3);
      Person company = { 0 };
      guint n = companies->len;

      if (check_cancelled (cancellable, n, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      company.id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      company.name = g_strstrip (g_strdup (name != NULL ? name : ""));
      company.company = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      company.created_at = sqlite3_column_int64 (stmt, 5);
      g_array_append_val (companies, company);
      g_hash_table_insert (index_of, g_array_index (companies, Person, n).id, GUINT_TO_POINTER (n));

      add_key (names, kontor_company_match_key (name), n);
      add_key (numbers, customer_number_key (number), n);
      add_key (domains, kontor_duplicate_domain_key ((const char *) sqlite3_column_text (stmt, 4)),
               n);
    }
  if (rc != 0)
    return NULL;

  stmt = _kontor_store_prepare (self, "SELECT owner_id, kind, value FROM company_channel "
                                      "ORDER BY owner_id", error);
  if (stmt == NULL)
    return NULL;
  for (guint row = 0; (rc = _kontor_store_step (self, stmt, error)) == 1; row++)
    {
      const char *owner = (const char *) sqlite3_column_text (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 2);
      gpointer found;

      if (check_cancelled (cancellable, row, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      if (owner == NULL || text == NULL ||
          !g_hash_table_lookup_extended (index_of, owner, NULL, &found))
        continue;

      if (sqlite3_column_int (stmt, 1) == KONTOR_CHANNEL_KIND_EMAIL)
        add_key (domains, kontor_duplicate_domain_key (text), GPOINTER_TO_UINT (found));
      else
        {
          char *digits = kontor_phone_normalize (text);

          if (strlen (digits) < 6)
            g_clear_pointer (&digits, g_free);
          add_key (phones, digits, GPOINTER_TO_UINT (found));
        }
    }
  if (rc != 0)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  add_pairs (pairs, numbers, MAX_KEY_GROUP, KONTOR_DUPLICATE_REASON_CUSTOMER_NUMBER);
  add_pairs (pairs, names, MAX_NAME_GROUP, KONTOR_DUPLICATE_REASON_COMPANY_NAME);
  add_pairs (pairs, domains, MAX_KEY_GROUP, KONTOR_DUPLICATE_REASON_DOMAIN);
  add_pairs (pairs, phones, MAX_KEY_GROUP, KONTOR_DUPLICATE_REASON_PHONE);

  return build_pairs (KONTOR_TYPE_COMPANY, companies, pairs);
}

typedef struct
{
  char *path;
  char *client_id;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_free (data->path);
  g_free (data->client_id);
  g_free (data);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  g_autoptr(KontorStore) connection = NULL;
  GError *error = NULL;
  GPtrArray *pairs;

  connection = kontor_store_open_connection (data->path, data->client_id, NULL, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  pairs = kontor_store_find_duplicates (connection, cancellable, &error);
  if (pairs != NULL)
    {
      g_autoptr(GPtrArray) companies = kontor_store_find_company_duplicates (connection,
                                                                             cancellable, &error);

      if (companies == NULL)
        g_clear_pointer (&pairs, g_ptr_array_unref);
      else
        g_ptr_array_extend_and_steal (pairs, g_steal_pointer (&companies));
    }
  if (pairs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pairs, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * kontor_store_find_duplicates_async:
 * @self: the main store
 * @cancellable: (nullable): a cancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Runs kontor_store_find_duplicates() and
 * kontor_store_find_company_duplicates() on a worker with a connection of
 * its own (src/README.md "Threading"), so the window stays responsive.
 */
void
kontor_store_find_duplicates_async (KontorStore         *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;

  g_return_if_fail (KONTOR_IS_STORE (self));

  data = g_new0 (ScanData, 1);
  data->path = g_strdup (kontor_store_get_path (self));
  data->client_id = g_strdup (kontor_store_get_client_id (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kontor_store_find_duplicates_async);
  g_task_set_task_data (task, data, (GDestroyNotify) scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

/**
 * kontor_store_find_duplicates_finish:
 * @self: the main store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a list of #KontorDuplicatePair: the contacts'
 *   pairs ranked, then the companies' ranked; %NULL on error or when
 *   cancelled
 */
GListModel *
kontor_store_find_duplicates_finish (KontorStore   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autoptr(GPtrArray) pairs = NULL;
  GListStore *list;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  pairs = g_task_propagate_pointer (G_TASK (result), error);
  if (pairs == NULL)
    return NULL;

  list = g_list_store_new (KONTOR_TYPE_DUPLICATE_PAIR);
  g_list_store_splice (list, 0, 0, pairs->pdata, pairs->len);

  return G_LIST_MODEL (list);
}
