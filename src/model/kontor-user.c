/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-user"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-enum-types.h"
#include "kontor-error.h"
#include "kontor-record-private.h"
#include "kontor-team.h"
#include "kontor-text.h"
#include "kontor-user.h"

/**
 * KontorUser:
 *
 * A member of the sales team (feature U1, src/README.md): may be a sales rep (C6), be
 * assigned contacts (C7), and belongs to teams ("Kompetenzen").
 */
struct _KontorUser
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED

static const KontorField user_fields[KONTOR_USER_N_FIELDS] = {
  [KONTOR_USER_FIELD_USERNAME] = { "username", "username", KONTOR_FIELD_TYPE_STRING, S,
                                   N_("User name") },
  [KONTOR_USER_FIELD_FULL_NAME] = { "full-name", "full_name", KONTOR_FIELD_TYPE_STRING, S,
                                    N_("Name") },
  [KONTOR_USER_FIELD_EMAIL] = { "email", "email", KONTOR_FIELD_TYPE_STRING, S, N_("E-mail") },
  [KONTOR_USER_FIELD_ROLE] = { "role", "role", KONTOR_FIELD_TYPE_ENUM, S, N_("Role"),
                               kontor_user_role_get_type },
  [KONTOR_USER_FIELD_TEAMS] = { "teams", "teams", KONTOR_FIELD_TYPE_REFS, S, N_("Teams"),
                                NULL, KONTOR_LINK_KIND_TEAM },
};

#undef S

G_DEFINE_FINAL_TYPE (KontorUser, kontor_user, KONTOR_TYPE_RECORD)

static char *
kontor_user_dup_display_name (KontorRecord *record)
{
  KontorUser *self = KONTOR_USER (record);

  if (kontor_user_get_full_name (self) != NULL)
    return g_strdup (kontor_user_get_full_name (self));

  return g_strdup (kontor_user_get_username (self));
}

static void
kontor_user_field_changed (KontorRecord *record,
                           guint         index)
{
  if (index == KONTOR_USER_FIELD_FULL_NAME || index == KONTOR_USER_FIELD_USERNAME)
    _kontor_record_notify_display_name (record);
}

/* A user needs a user name; that one administrator stays is the store's
 * rule, since it counts them (kontor_user_check_admins_left()). */
static gboolean
kontor_user_check (KontorRecord  *record,
                   KontorRecord  *old,
                   GError       **error)
{
  if (kontor_text_is_blank (kontor_user_get_username (KONTOR_USER (record))))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Enter a user name."));
      return FALSE;
    }

  return TRUE;
}

static void
kontor_user_class_init (KontorUserClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "app_user",
                                      user_fields, G_N_ELEMENTS (user_fields));
  record_class->dup_display_name = kontor_user_dup_display_name;
  record_class->field_changed = kontor_user_field_changed;
  record_class->validate = kontor_user_check;
}

static void
kontor_user_init (KontorUser *self)
{
}

/**
 * kontor_user_new:
 * @username: the login name
 * @full_name: (nullable): the name people read
 * @role: what the user may do
 *
 * Returns: (transfer full): a new, not yet stored user
 */
KontorUser *
kontor_user_new (const char     *username,
                 const char     *full_name,
                 KontorUserRole  role)
{
  KontorUser *self = g_object_new (KONTOR_TYPE_USER, NULL);

  kontor_user_set_username (self, username);
  kontor_user_set_full_name (self, full_name);
  kontor_user_set_role (self, role);

  return self;
}

KONTOR_RECORD_STRING_ACCESSORS (KontorUser, kontor_user, username, KONTOR_USER_FIELD_USERNAME)
KONTOR_RECORD_STRING_ACCESSORS (KontorUser, kontor_user, full_name, KONTOR_USER_FIELD_FULL_NAME)
KONTOR_RECORD_STRING_ACCESSORS (KontorUser, kontor_user, email, KONTOR_USER_FIELD_EMAIL)
KONTOR_RECORD_ENUM_ACCESSORS (KontorUser, kontor_user, role, KONTOR_USER_FIELD_ROLE, KontorUserRole)
KONTOR_RECORD_REFS_ACCESSORS (KontorUser, kontor_user, teams, KONTOR_USER_FIELD_TEAMS)

/**
 * kontor_user_dup_initials:
 * @self: a user
 *
 * Returns: (transfer full): up to two upper-case initials, for the circle on
 *   a board card
 */
char *
kontor_user_dup_initials (KontorUser *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (KONTOR_IS_USER (self), NULL);

  name = kontor_record_dup_display_name (KONTOR_RECORD (self));

  return kontor_text_dup_initials (name);
}

/**
 * kontor_user_get_color_index:
 * @self: a user
 *
 * Returns: a stable number 0–7 from the user's id, to give each colleague
 *   the same colour on every machine
 */
guint
kontor_user_get_color_index (KontorUser *self)
{
  const char *id;

  g_return_val_if_fail (KONTOR_IS_USER (self), 0);

  id = kontor_record_get_id (KONTOR_RECORD (self));

  return id != NULL ? g_str_hash (id) % 8 : 0;
}

/**
 * kontor_user_role_can_edit:
 * @role: a role
 *
 * Returns: %TRUE when @role may change records (all but viewers)
 */
gboolean
kontor_user_role_can_edit (KontorUserRole role)
{
  return role != KONTOR_USER_ROLE_VIEWER;
}

/**
 * kontor_user_role_can_sell:
 * @role: a role
 *
 * Returns: %TRUE when a user with @role may be a sales rep: the sales role
 *   only (features C6 and U1, src/README.md "Roles")
 */
gboolean
kontor_user_role_can_sell (KontorUserRole role)
{
  return role == KONTOR_USER_ROLE_SALES;
}

/**
 * kontor_user_role_check:
 * @role: the role of the user who writes
 * @record_type: the kind of record written, a #KontorRecord type
 * @access: what the write does to it
 * @error: return location for a #GError
 *
 * The one rule of who may write what (feature U1, src/README.md "Roles"),
 * which the store applies to every write: a viewer writes nothing; users
 * and teams are written by administrators only; every other record by
 * every role but the viewer (kontor_user_role_check_admin() for the
 * rest). The forms ask the same to hide or disable
 * what the role may not do.
 *
 * Returns: %TRUE when @role may; otherwise %FALSE with
 *   %KONTOR_RECORD_ERROR_NOT_PERMITTED
 */
gboolean
kontor_user_role_check (KontorUserRole   role,
                        GType            record_type,
                        KontorAccess     access,
                        GError         **error)
{
  g_return_val_if_fail (g_type_is_a (record_type, KONTOR_TYPE_RECORD), FALSE);

  if (role == KONTOR_USER_ROLE_VIEWER)
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED,
                   /* Translators: %s is a role, e.g. "Viewer" */
                   _("Your role “%s” may read but not change anything."),
                   kontor_user_role_to_string (role));
      return FALSE;
    }

  if (record_type == KONTOR_TYPE_USER || record_type == KONTOR_TYPE_TEAM)
    return kontor_user_role_check_admin (role, error);

  return TRUE;
}

/**
 * kontor_user_role_check_admin:
 * @role: the role of the user who writes
 * @error: return location for a #GError
 *
 * What only an administrator may change (feature U1): users, teams and the
 * team's settings (number ranges, whether birthdays are kept).
 *
 * Returns: %TRUE for an administrator; otherwise %FALSE with
 *   %KONTOR_RECORD_ERROR_NOT_PERMITTED
 */
gboolean
kontor_user_role_check_admin (KontorUserRole   role,
                              GError         **error)
{
  if (role == KONTOR_USER_ROLE_ADMIN)
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED,
                       _("Only an administrator may change users, teams and the team’s "
                         "settings."));
  return FALSE;
}

/**
 * kontor_user_check_admins_left:
 * @n_admins: how many administrators a change would leave
 * @error: return location for a #GError
 *
 * A database always has an administrator, who can give roles (feature U1):
 * the store counts what a change of a user's role, or a user's removal,
 * leaves and asks this.
 *
 * Returns: %TRUE when at least one is left
 */
gboolean
kontor_user_check_admins_left (guint    n_admins,
                               GError **error)
{
  if (n_admins > 0)
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED,
                       _("This is the last administrator. Make another user an administrator "
                         "first."));
  return FALSE;
}

/**
 * kontor_user_check_sales_rep:
 * @user: a user chosen as a sales rep
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @user has the sales role (feature C6); otherwise
 *   %FALSE with an error that names the user
 */
gboolean
kontor_user_check_sales_rep (KontorUser  *user,
                             GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (KONTOR_IS_USER (user), FALSE);

  if (kontor_user_role_can_sell (kontor_user_get_role (user)))
    return TRUE;

  name = kontor_record_dup_display_name (KONTOR_RECORD (user));
  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_NOT_PERMITTED,
               /* Translators: %s is a user's name */
               _("%s cannot be a sales rep: only users with the Sales role can."), name);
  return FALSE;
}

const char *
kontor_user_role_to_string (KontorUserRole role)
{
  switch (role)
    {
    case KONTOR_USER_ROLE_ADMIN:
      return C_("user role", "Administrator");
    case KONTOR_USER_ROLE_SALES:
      return C_("user role", "Sales");
    case KONTOR_USER_ROLE_ASSISTANT:
      return C_("user role", "Assistant");
    case KONTOR_USER_ROLE_VIEWER:
      return C_("user role", "Viewer");
    default:
      g_return_val_if_reached ("");
    }
}
