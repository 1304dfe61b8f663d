/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* E-mails recorded as activities (feature A7, src/README.md "Activities"):
 * a message dropped on the window goes to the contact with one of its
 * addresses, and is recorded as an automatic activity by a
 * KontorRecordWrite, one transaction and one undoable operation per
 * message. The reading of the file is src/io/'s (kontor-eml.c): the store
 * gets the activity and the addresses, nothing of the file. */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-record-rules.h"
#include "kontor-record-write.h"
#include "kontor-store-contact.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"

/* How many addresses a refusal names */
#define SHOWN_ADDRESSES 5

/* Every contact with one of the addresses in ?1 (a JSON array, lower
 * case), by the place of the address there, then by age. One pass over
 * the e-mail rows, which have no index by value: the addresses are looked
 * up in a temporary one. */
static const char find_sql[] =
  "WITH wanted (address, position) AS MATERIALIZED "
  "  (SELECT value, key FROM json_each (?1)), "
  "hits (address, owner_id) AS MATERIALIZED "
  "  (SELECT lower (value), owner_id FROM contact_channel "
  "   WHERE kind = 0 AND lower (value) IN (SELECT address FROM wanted)) "
  "SELECT c.rid FROM hits JOIN wanted USING (address) JOIN contact c ON c.id = hits.owner_id "
  "ORDER BY wanted.position, c.rid LIMIT 1";

G_STATIC_ASSERT (KONTOR_CHANNEL_KIND_EMAIL == 0);

/**
 * kontor_store_find_contact_by_emails:
 * @self: a store
 * @addresses: (array zero-terminated=1): e-mail addresses, the preferred
 *   first
 * @error: return location for a #GError
 *
 * The contact an e-mail belongs to: the one with the first of @addresses
 * that any contact has (case ignored); of several with it, the oldest.
 *
 * Returns: (transfer full) (nullable): the contact, or %NULL without an
 *   error when none has any of @addresses
 */
KontorContact *
kontor_store_find_contact_by_emails (KontorStore         *self,
                                     const char * const  *addresses,
                                     GError             **error)
{
  g_autoptr(GPtrArray) lowered = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (addresses != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; addresses[i] != NULL; i++)
    {
      if (g_utf8_validate (addresses[i], -1, NULL) && addresses[i][0] != '\0')
        g_ptr_array_add (lowered, g_ascii_strdown (addresses[i], -1));
    }
  if (lowered->len == 0)
    return NULL;
  g_ptr_array_add (lowered, NULL);

  json = _kontor_store_dup_ids_json ((const char * const *) lowered->pdata);
  contacts = _kontor_store_load_list (self, &_kontor_store_contact_entity, find_sql, json, error);
  if (contacts == NULL || contacts->len == 0)
    return NULL;

  return g_object_ref (g_ptr_array_index (contacts, 0));
}

/**
 * kontor_store_find_contact_by_email:
 * @self: a store
 * @address: an e-mail address
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the oldest contact with @address
 *   (case ignored), or %NULL without an error when there is none
 */
KontorContact *
kontor_store_find_contact_by_email (KontorStore  *self,
                                    const char   *address,
                                    GError      **error)
{
  const char *addresses[] = { address, NULL };

  g_return_val_if_fail (address != NULL, NULL);

  return kontor_store_find_contact_by_emails (self, addresses, error);
}

static void
set_no_contact (const char * const  *addresses,
                GError             **error)
{
  guint n = addresses != NULL ? g_strv_length ((GStrv) addresses) : 0;
  g_autoptr(GString) shown = g_string_new (NULL);

  if (n == 0)
    {
      g_set_error_literal (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND,
                           _("The e-mail names no address to find its contact by."));
      return;
    }

  for (guint i = 0; i < n && i < SHOWN_ADDRESSES; i++)
    g_string_append_printf (shown, "%s%s", i > 0 ? ", " : "", addresses[i]);
  if (n > SHOWN_ADDRESSES)
    g_string_append (shown, ", …");

  g_set_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is a list of e-mail addresses,
                * "anna@example.com, ben@example.com" */
               g_dngettext (GETTEXT_PACKAGE, "No contact has the e-mail address %s.",
                            "No contact has any of the e-mail addresses %s.", n),
               shown->str);
}

/* The stored contact or company @activity is recorded on, for its name */
static KontorRecord *
load_owner (KontorStore     *self,
            KontorActivity  *activity,
            GError         **error)
{
  const char *contact_id = kontor_activity_get_contact_id (activity);

  if (contact_id != NULL)
    return kontor_store_load (self, KONTOR_TYPE_CONTACT, contact_id, error);

  return kontor_store_load (self, KONTOR_TYPE_COMPANY, kontor_activity_get_company_id (activity),
                            error);
}

/**
 * kontor_store_new_mail_write:
 * @self: a store
 * @activity: a new e-mail activity (kontor_eml_new_activity()); on the
 *   contact or company it was dropped on, or on none
 * @addresses: (array zero-terminated=1) (nullable): the message's
 *   addresses, sender first, to find its contact by when @activity is on
 *   none
 * @error: return location for a #GError
 *
 * The recording of an e-mail (feature A7): a copy of @activity, recorded
 * automatically (it cannot be edited, and only the current user, who
 * records it, may delete it), on its owner or else on the contact with
 * one of @addresses (kontor_store_find_contact_by_emails()). Nothing is
 * written here: the operation does, in one transaction, and its undo
 * deletes the activity again. What the store would refuse is refused
 * now, so a message that cannot be recorded is named before anything is.
 *
 * Returns: (transfer full) (nullable): a #KontorRecordWrite to run, or
 *   %NULL with %KONTOR_STORE_ERROR_NOT_FOUND when no contact has any of
 *   @addresses, or the error of the activity's rules
 */
KontorOperation *
kontor_store_new_mail_write (KontorStore         *self,
                             KontorActivity      *activity,
                             const char * const  *addresses,
                             GError             **error)
{
  g_autoptr(KontorActivity) copy = NULL;
  g_autoptr(KontorRecord) owner = NULL;
  g_autofree char *owner_name = NULL;
  g_autofree char *title = NULL;
  const char *subject;

  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (activity), NULL);
  g_return_val_if_fail (kontor_activity_get_kind (activity) == KONTOR_ACTIVITY_KIND_EMAIL, NULL);
  g_return_val_if_fail (kontor_record_get_rowid (KONTOR_RECORD (activity)) == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (activity)));
  kontor_activity_set_automatic (copy, TRUE);

  if (kontor_activity_get_contact_id (copy) == NULL &&
      kontor_activity_get_company_id (copy) == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      const char *none[] = { NULL };

      owner = KONTOR_RECORD (kontor_store_find_contact_by_emails (self, addresses != NULL
                                                                        ? addresses : none,
                                                                  &local_error));
      if (owner == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            set_no_contact (addresses, error);
          return NULL;
        }
      kontor_activity_set_contact_id (copy, kontor_record_get_id (owner));
    }
  else
    {
      owner = load_owner (self, copy, error);
      if (owner == NULL)
        return NULL;
    }

  if (!kontor_record_validate (KONTOR_RECORD (copy), NULL, error))
    return NULL;

  owner_name = kontor_record_dup_display_name (owner);
  subject = kontor_activity_get_subject (copy);
  if (subject != NULL)
    /* Translators: the first %s is an e-mail's subject, the second a contact's or company's name */
    title = g_strdup_printf (_("E-mail “%s” recorded on “%s”"), subject, owner_name);
  else
    /* Translators: %s is a contact's or company's name */
    title = g_strdup_printf (_("E-mail recorded on “%s”"), owner_name);

  return KONTOR_OPERATION (kontor_record_write_new_create (self, KONTOR_RECORD (copy), title));
}
