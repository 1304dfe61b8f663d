/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Users in the store. Until the team syncs, an administrator manages them
 * in Preferences; then they are the server's (its admin command manages
 * them, feature S7, src/README.md) and the client keeps a copy and never
 * pushes them. The hooks keep an administrator (src/README.md "Roles"). */

#define G_LOG_DOMAIN "kontor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-store-crud.h"
#include "kontor-store-user.h"

static gboolean
is_admin (KontorRecord *user)
{
  return kontor_user_get_role (KONTOR_USER (user)) == KONTOR_USER_ROLE_ADMIN;
}

/* Whether an administrator other than @user_id is left */
static gboolean
check_other_admins (KontorStore  *self,
                    const char   *user_id,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 n_others = 0;

  stmt = _kontor_store_prepare (self,
                                "SELECT count(*) FROM app_user WHERE role = ?1 AND id IS NOT ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, KONTOR_USER_ROLE_ADMIN);
  sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_TRANSIENT);
  if (_kontor_store_step_one (self, stmt, &n_others, NULL, error) < 0)
    return FALSE;

  return kontor_user_check_admins_left ((guint) MIN (n_others, G_MAXUINT), error);
}

static gboolean
user_check (KontorStore   *self,
            KontorRecord  *record,
            KontorRecord  *old,
            GError       **error)
{
  if (old != NULL && is_admin (old) && !is_admin (record))
    return check_other_admins (self, kontor_record_get_id (record), error);

  return TRUE;
}

static gboolean
user_check_delete (KontorStore   *self,
                   KontorRecord  *stored,
                   GError       **error)
{
  const char *id = kontor_record_get_id (stored);

  if (self->current_user != NULL &&
      g_strcmp0 (id, kontor_record_get_id (KONTOR_RECORD (self->current_user))) == 0)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED,
                           _("You cannot remove yourself while you work as this user."));
      return FALSE;
    }

  return !is_admin (stored) || check_other_admins (self, id, error);
}

/**
 * _kontor_store_check_sales_reps:
 * @self: a store inside a transaction
 * @sales_reps: (nullable): the sales reps a record is given
 * @old_sales_reps: (nullable): the ones it had
 * @error: return location for a #GError
 *
 * Only users with the sales role become sales reps
 * (kontor_user_check_sales_rep()). A sales rep the record already had
 * stays when the user's role changes, and an id of a user this copy does
 * not know yet (one the server sends later in the same pull) is the
 * server's to judge. So does, while a merge or its undo runs, a sales rep
 * of either record it joins or parts (_kontor_store_set_merging_sales_reps()):
 * the kept contact takes over the removed one's, and an undo gives them
 * back, whatever their role now.
 *
 * Returns: %TRUE when every new sales rep may be one
 */
gboolean
_kontor_store_check_sales_reps (KontorStore        *self,
                                const char * const *sales_reps,
                                const char * const *old_sales_reps,
                                GError            **error)
{
  for (guint i = 0; sales_reps != NULL && sales_reps[i] != NULL; i++)
    {
      g_autoptr(KontorUser) user = NULL;
      sqlite3_stmt *stmt;
      gint64 role = -1;

      if (old_sales_reps != NULL && g_strv_contains (old_sales_reps, sales_reps[i]))
        continue;
      if (self->merging_sales_reps != NULL &&
          g_strv_contains ((const char * const *) self->merging_sales_reps, sales_reps[i]))
        continue;

      /* the role alone, by the id's index: an import checks every contact */
      stmt = _kontor_store_prepare (self, "SELECT role FROM app_user WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, sales_reps[i], -1, SQLITE_TRANSIENT);
      if (_kontor_store_step_one (self, stmt, &role, NULL, error) < 0)
        return FALSE;
      if (role < 0 || kontor_user_role_can_sell ((KontorUserRole) role))
        continue;

      /* refused: the message names the user */
      user = kontor_store_load (self, KONTOR_TYPE_USER, sales_reps[i], error);
      if (user == NULL || !kontor_user_check_sales_rep (user, error))
        return FALSE;
    }

  return TRUE;
}

static void
add_sales_reps (GStrvBuilder *builder,
                KontorRecord *record)
{
  const char * const *reps = NULL;

  if (KONTOR_IS_CONTACT (record))
    reps = kontor_contact_get_sales_reps (KONTOR_CONTACT (record));
  else if (KONTOR_IS_COMPANY (record))
    reps = kontor_company_get_sales_reps (KONTOR_COMPANY (record));
  if (reps != NULL)
    g_strv_builder_addv (builder, (const char **) reps);
}

/**
 * _kontor_store_set_merging_sales_reps:
 * @self: a store
 * @kept: (nullable): the kept record as it was before the merge, or %NULL
 *   when the merge or its undo is done
 * @removed: (nullable): the removed record as it was before the merge
 *
 * Tells _kontor_store_check_sales_reps() which sales reps a running merge
 * (kontor-contact-merge.c) unites or its undo gives back: those already on
 * @kept or @removed, each a sales rep of a record the user sees already.
 * The merge clears it before its transaction ends.
 */
void
_kontor_store_set_merging_sales_reps (KontorStore  *self,
                                      KontorRecord *kept,
                                      KontorRecord *removed)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_clear_pointer (&self->merging_sales_reps, g_strfreev);
  if (kept == NULL && removed == NULL)
    return;

  builder = g_strv_builder_new ();
  if (kept != NULL)
    add_sales_reps (builder, kept);
  if (removed != NULL)
    add_sales_reps (builder, removed);
  self->merging_sales_reps = g_strv_builder_end (builder);
}

KontorEntityInfo _kontor_store_user_entity = {
  .get_type = kontor_user_get_type,
  .table = "app_user",
  .outbox = TRUE,
  .link_table = "app_user_link",
  .check = user_check,
  .check_delete = user_check_delete,
};

/**
 * kontor_store_list_users:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KontorUser): all users by name
 */
GPtrArray *
kontor_store_list_users (KontorStore  *self,
                         GError      **error)
{
  g_return_val_if_fail (KONTOR_IS_STORE (self), NULL);

  return _kontor_store_load_list (self, &_kontor_store_user_entity,
                                  "SELECT rid FROM app_user "
                                  "ORDER BY coalesce(full_name, username), rid",
                                  NULL, error);
}
