/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-address-book"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-address-book.h"
#include "kontor-vcard-private.h"

/* The desktop's address books as an import source (feature I6,
 * src/README.md "The desktop's address books"). The books are listed
 * from evolution-data-server's ESourceRegistry, the one GNOME Contacts
 * and Evolution list theirs from, so a book of an online account (Google,
 * Nextcloud) is there as well as the local ones. A book is read through
 * libebook's EBookClient on the import's worker, never on the main
 * thread: EDS may have to reach an online account's server first. Its
 * contacts are EContacts, which are EVCards, so each goes through the
 * vCard import's own mapping (kontor_vcard_parse_vcard()): one mapping
 * for files and books. */

/* How long the connection waits for a book of an online account to be
 * reachable before it reads what EDS has cached. A local book never
 * reports itself connected, it is not waited for at all ((guint32) -1) */
#define CONNECT_SECONDS 30

struct _KontorAddressBookSource
{
  KontorImportSource  parent_instance;

  ESource            *book;
  /* the book's contacts as read the first time: the plan and the run
   * read the same snapshot, so a contact edited in GNOME Contacts between
   * Check and Import cannot shift the plan's decisions */
  GPtrArray          *contacts;   /* of EContact */
  guint               next;
};

G_DECLARE_FINAL_TYPE (KontorAddressBookSource, kontor_address_book_source, KONTOR,
                      ADDRESS_BOOK_SOURCE, KontorImportSource)
G_DEFINE_FINAL_TYPE (KontorAddressBookSource, kontor_address_book_source,
                     KONTOR_TYPE_IMPORT_SOURCE)

static const char *
display_name (KontorAddressBookSource *self)
{
  return kontor_import_source_get_display_name (KONTOR_IMPORT_SOURCE (self));
}

static int
compare_contacts (gconstpointer a,
                  gconstpointer b)
{
  const char *uid_a = e_contact_get_const (*(EContact **) a, E_CONTACT_UID);
  const char *uid_b = e_contact_get_const (*(EContact **) b, E_CONTACT_UID);

  return g_strcmp0 (uid_a, uid_b);
}

static gboolean
is_local (ESource *book)
{
  ESourceBackend *backend = e_source_get_extension (book, E_SOURCE_EXTENSION_ADDRESS_BOOK);

  return g_strcmp0 (e_source_backend_get_backend_name (backend), "local") == 0;
}

/* every read of an empty book says so, not only the first */
static gboolean
check_not_empty (KontorAddressBookSource  *self,
                 GError                  **error)
{
  if (self->contacts->len > 0)
    return TRUE;

  g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY,
               /* Translators: %s is an address book's name */
               _("The address book “%s” holds no contacts."), display_name (self));
  return FALSE;
}

/* On the worker: connects and reads every contact once */
static gboolean
load (KontorAddressBookSource  *self,
      GError                  **error)
{
  g_autoptr(EClient) client = NULL;
  EBookQuery *query;
  g_autofree char *sexp = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *contacts = NULL;

  if (self->contacts != NULL)
    return check_not_empty (self, error);

  client = e_book_client_connect_sync (self->book, is_local (self->book) ? (guint32) -1
                                                                         : CONNECT_SECONDS,
                                       NULL, &local_error);
  /* every contact: what "any field contains nothing" matches */
  query = e_book_query_any_field_contains ("");
  sexp = e_book_query_to_string (query);
  e_book_query_unref (query);
  if (client == NULL ||
      !e_book_client_get_contacts_sync (E_BOOK_CLIENT (client), sexp, &contacts, NULL,
                                        &local_error))
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                   /* Translators: the first %s is an address book's name, the
                    * second the reason */
                   _("The address book “%s” cannot be read: %s"), display_name (self),
                   local_error->message);
      return FALSE;
    }

  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  for (GSList *l = contacts; l != NULL; l = l->next)
    g_ptr_array_add (self->contacts, l->data);
  g_slist_free (contacts);
  /* the backend's order is its own; the lines of the plan need one */
  g_ptr_array_sort (self->contacts, compare_contacts);
  kontor_import_source_set_size (KONTOR_IMPORT_SOURCE (self), self->contacts->len);

  return check_not_empty (self, error);
}

static gboolean
kontor_address_book_source_rewind (KontorImportSource  *source,
                                   GError             **error)
{
  KontorAddressBookSource *self = KONTOR_ADDRESS_BOOK_SOURCE (source);

  self->next = 0;

  return load (self, error);
}

static goffset
kontor_address_book_source_get_position (KontorImportSource *source)
{
  return KONTOR_ADDRESS_BOOK_SOURCE (source)->next;
}

/* *line is the contact's place in the book, from 1, as a file's line */
static KontorContact *
kontor_address_book_source_next (KontorImportSource  *source,
                                 guint               *line,
                                 GError             **error)
{
  KontorAddressBookSource *self = KONTOR_ADDRESS_BOOK_SOURCE (source);
  KontorContact *contact;
  EContact *card;

  if (!load (self, error) || self->next >= self->contacts->len)
    return NULL;

  card = g_ptr_array_index (self->contacts, self->next);
  *line = ++self->next;
  /* pictures are not kept (src/README.md "vCard files"): not parsed */
  e_vcard_remove_attributes (E_VCARD (card), NULL, EVC_PHOTO);
  e_vcard_remove_attributes (E_VCARD (card), NULL, EVC_LOGO);
  contact = kontor_vcard_parse_vcard (E_VCARD (card));
  if (contact == NULL)
    g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                 /* Translators: %s is an address book's name, %u a contact's place in it */
                 _("“%s”, contact %u: the contact has no name, company or e-mail address."),
                 display_name (self), *line);

  return contact;
}

static void
kontor_address_book_source_finalize (GObject *object)
{
  KontorAddressBookSource *self = KONTOR_ADDRESS_BOOK_SOURCE (object);

  g_clear_object (&self->book);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (kontor_address_book_source_parent_class)->finalize (object);
}

static void
kontor_address_book_source_class_init (KontorAddressBookSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorImportSourceClass *source_class = KONTOR_IMPORT_SOURCE_CLASS (klass);

  object_class->finalize = kontor_address_book_source_finalize;
  source_class->rewind = kontor_address_book_source_rewind;
  source_class->next = kontor_address_book_source_next;
  source_class->get_position = kontor_address_book_source_get_position;
}

static void
kontor_address_book_source_init (KontorAddressBookSource *self)
{
}

/**
 * kontor_address_book_source_new:
 * @book: an address book's #ESource (kontor_address_book_list())
 *
 * A source over @book's contacts. Nothing is read here: the first
 * kontor_import_source_next() or kontor_import_source_rewind(), on the
 * import's worker, connects to the book and reads its contacts once;
 * a book that cannot be reached is %KONTOR_IMPORT_ERROR_READ, an empty
 * one %KONTOR_IMPORT_ERROR_EMPTY. Each contact's line is its place in
 * the book, sorted by its UID.
 *
 * Returns: (transfer full): the source
 */
KontorImportSource *
kontor_address_book_source_new (ESource *book)
{
  KontorAddressBookSource *self;

  g_return_val_if_fail (E_IS_SOURCE (book), NULL);

  self = g_object_new (kontor_address_book_source_get_type (), NULL);
  self->book = g_object_ref (book);
  kontor_import_source_set_display_name (KONTOR_IMPORT_SOURCE (self),
                                         e_source_get_display_name (book));

  return KONTOR_IMPORT_SOURCE (self);
}

static int
compare_books (gconstpointer a,
               gconstpointer b)
{
  return e_source_compare_by_display_name (*(ESource **) a, *(ESource **) b);
}

/**
 * kontor_address_book_list:
 * @registry: the desktop's sources
 *
 * Returns: (transfer full) (element-type ESource): the enabled address
 *   books, local and of online accounts, by their display names
 */
GPtrArray *
kontor_address_book_list (ESourceRegistry *registry)
{
  GPtrArray *books = g_ptr_array_new_with_free_func (g_object_unref);
  GList *sources;

  g_return_val_if_fail (E_IS_SOURCE_REGISTRY (registry), books);

  sources = e_source_registry_list_enabled (registry, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  for (GList *l = sources; l != NULL; l = l->next)
    g_ptr_array_add (books, l->data);
  g_list_free (sources);
  g_ptr_array_sort (books, compare_books);

  return books;
}

/**
 * kontor_address_book_dup_account:
 * @registry: the desktop's sources
 * @book: one of its address books
 *
 * Returns: (transfer full) (nullable): the name of the account or
 *   collection @book belongs to ("On This Computer", a Google account's
 *   address), as GNOME Contacts groups the books
 */
char *
kontor_address_book_dup_account (ESourceRegistry *registry,
                                 ESource         *book)
{
  const char *parent_uid;
  g_autoptr(ESource) parent = NULL;

  g_return_val_if_fail (E_IS_SOURCE_REGISTRY (registry), NULL);
  g_return_val_if_fail (E_IS_SOURCE (book), NULL);

  parent_uid = e_source_get_parent (book);
  if (parent_uid == NULL)
    return NULL;
  parent = e_source_registry_ref_source (registry, parent_uid);
  if (parent == NULL)
    return NULL;

  return e_source_dup_display_name (parent);
}

/**
 * kontor_address_book_find:
 * @registry: the desktop's sources
 * @name: an enabled address book's display name or UID
 *
 * Returns: (transfer full) (nullable): the book; by its UID first, then
 *   the first by its display name, case folded
 */
ESource *
kontor_address_book_find (ESourceRegistry *registry,
                          const char      *name)
{
  g_autoptr(GPtrArray) books = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (E_IS_SOURCE_REGISTRY (registry), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  books = kontor_address_book_list (registry);
  for (guint i = 0; i < books->len; i++)
    if (g_strcmp0 (e_source_get_uid (g_ptr_array_index (books, i)), name) == 0)
      return g_object_ref (g_ptr_array_index (books, i));

  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < books->len; i++)
    {
      ESource *book = g_ptr_array_index (books, i);
      g_autofree char *book_folded = g_utf8_casefold (e_source_get_display_name (book), -1);

      if (g_strcmp0 (book_folded, folded) == 0)
        return g_object_ref (book);
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The "Kontor" book (src/README.md "The desktop's address books") */

/* The book, made when missing: a local book under "On This Computer" with
 * a UID of Kontor's own, so a book the user named "Kontor" is never
 * touched */
static ESource *
ensure_mirror (ESourceRegistry  *registry,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(ESource) source = e_source_registry_ref_source (registry,
                                                           KONTOR_ADDRESS_BOOK_MIRROR_UID);
  ESourceBackend *extension;
  GList *sources;
  gboolean created;

  if (source != NULL)
    return g_steal_pointer (&source);

  source = e_source_new_with_uid (KONTOR_ADDRESS_BOOK_MIRROR_UID, NULL, error);
  if (source == NULL)
    return NULL;
  /* the product's name, not translated */
  e_source_set_display_name (source, "Kontor");
  e_source_set_parent (source, "local-stub");
  extension = e_source_get_extension (source, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  e_source_backend_set_backend_name (extension, "local");
  sources = g_list_prepend (NULL, source);
  /* returns once the registry lists it */
  created = e_source_registry_create_sources_sync (registry, sources, cancellable, error);
  g_list_free (sources);
  if (!created)
    return NULL;

  return e_source_registry_ref_source (registry, KONTOR_ADDRESS_BOOK_MIRROR_UID);
}

/**
 * kontor_address_book_mirror:
 * @registry: the desktop's sources
 * @contacts: (element-type KontorContact): the contacts the book is to
 *   hold, each with its id and company name
 * @cancellable: (nullable): cancels it
 * @error: return location for a #GError
 *
 * Makes the "Kontor" book (made when missing) hold exactly @contacts:
 * each written through the vCard export's mapping
 * (kontor_vcard_from_contact(), vCard 3.0 as EDS keeps cards) under its
 * id as the card's UID, added or replaced; a card whose contact is not
 * in @contacts any more is removed. One way: what GNOME Contacts changed
 * in the book is overwritten. Blocking (D-Bus): call it on a worker.
 *
 * Returns: %TRUE when the book holds @contacts
 */
gboolean
kontor_address_book_mirror (ESourceRegistry  *registry,
                            GPtrArray        *contacts,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr(ESource) book = NULL;
  g_autoptr(EClient) client = NULL;
  g_autoptr(GHashTable) stored = NULL;   /* UID → itself */
  GSList *uids = NULL;
  GSList *added = NULL;
  GSList *modified = NULL;
  GSList *removed = NULL;
  EBookQuery *query;
  g_autofree char *sexp = NULL;
  gboolean ok;

  g_return_val_if_fail (E_IS_SOURCE_REGISTRY (registry), FALSE);
  g_return_val_if_fail (contacts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  book = ensure_mirror (registry, cancellable, error);
  if (book == NULL)
    return FALSE;
  client = e_book_client_connect_sync (book, (guint32) -1, cancellable, error);
  if (client == NULL)
    return FALSE;

  query = e_book_query_any_field_contains ("");
  sexp = e_book_query_to_string (query);
  e_book_query_unref (query);
  if (!e_book_client_get_contacts_uids_sync (E_BOOK_CLIENT (client), sexp, &uids, cancellable,
                                             error))
    return FALSE;
  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (GSList *l = uids; l != NULL; l = l->next)
    g_hash_table_add (stored, l->data);
  g_slist_free (uids);

  for (guint i = 0; i < contacts->len; i++)
    {
      KontorContact *contact = g_ptr_array_index (contacts, i);
      const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
      g_autofree char *card = NULL;

      if (id == NULL)
        continue;
      card = kontor_vcard_from_contact (contact, KONTOR_VCARD_VERSION_30);
      if (g_hash_table_remove (stored, id))
        modified = g_slist_prepend (modified, e_contact_new_from_vcard_with_uid (card, id));
      else
        added = g_slist_prepend (added, e_contact_new_from_vcard_with_uid (card, id));
    }
  /* what is left was removed from Kontor, or is no longer active */
  {
    GHashTableIter iter;
    gpointer uid;

    g_hash_table_iter_init (&iter, stored);
    while (g_hash_table_iter_next (&iter, &uid, NULL))
      removed = g_slist_prepend (removed, uid);
  }

  ok = (added == NULL ||
        e_book_client_add_contacts_sync (E_BOOK_CLIENT (client), added,
                                         E_BOOK_OPERATION_FLAG_NONE, NULL, cancellable, error)) &&
       (modified == NULL ||
        e_book_client_modify_contacts_sync (E_BOOK_CLIENT (client), modified,
                                            E_BOOK_OPERATION_FLAG_NONE, cancellable, error)) &&
       (removed == NULL ||
        e_book_client_remove_contacts_sync (E_BOOK_CLIENT (client), removed,
                                            E_BOOK_OPERATION_FLAG_NONE, cancellable, error));
  g_slist_free_full (added, g_object_unref);
  g_slist_free_full (modified, g_object_unref);
  g_slist_free (removed);   /* the keys are the table's */

  return ok;
}

/**
 * kontor_address_book_mirror_remove:
 * @registry: the desktop's sources
 * @cancellable: (nullable): cancels it
 * @error: return location for a #GError
 *
 * Removes the "Kontor" book with its cards, when there is one. Blocking.
 *
 * Returns: %TRUE when there is no such book any more
 */
gboolean
kontor_address_book_mirror_remove (ESourceRegistry  *registry,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  g_autoptr(ESource) book = NULL;

  g_return_val_if_fail (E_IS_SOURCE_REGISTRY (registry), FALSE);

  book = e_source_registry_ref_source (registry, KONTOR_ADDRESS_BOOK_MIRROR_UID);
  if (book == NULL)
    return TRUE;

  return e_source_remove_sync (book, cancellable, error);
}
