/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-delete-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-company.h"
#include "kontor-delete-dialog.h"
#include "kontor-ui-utils.h"

/**
 * kontor_delete_dialog_new:
 * @parent: (nullable): the window to stay on top of
 * @record: what would be deleted
 *
 * The question asked before anything is deleted for good (feature C9, src/README.md),
 * the same from the table and from a contact's page. "Cancel" is the
 * default; the caller deletes on %KONTOR_DELETE_RESPONSE.
 *
 * Returns: (transfer floating): the dialog, not shown yet
 */
AdwMessageDialog *
kontor_delete_dialog_new (GtkWindow    *parent,
                          KontorRecord *record)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (KONTOR_IS_RECORD (record), NULL);

  name = kontor_record_dup_display_name (record);
  /* Translators: %s is a contact's or a company's name */
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading,
                                                       KONTOR_IS_COMPANY (record)
                                                       ? _("The company is deleted for good; "
                                                           "its contacts stay, without a "
                                                           "company. This cannot be undone.")
                                                       : _("The contact and everything recorded "
                                                           "about them are deleted for good. "
                                                           "This cannot be undone.")));
  kontor_ui_add_question_responses (dialog, KONTOR_DELETE_RESPONSE, _("_Delete"),
                                    ADW_RESPONSE_DESTRUCTIVE);

  return dialog;
}

/**
 * kontor_delete_dialog_new_for_contacts:
 * @parent: (nullable): the window to stay on top of
 * @n_contacts: how many contacts would be deleted
 *
 * The same question for the contacts selected in the table (feature L6),
 * with their number.
 *
 * Returns: (transfer floating): the dialog, not shown yet
 */
AdwMessageDialog *
kontor_delete_dialog_new_for_contacts (GtkWindow *parent,
                                       guint      n_contacts)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: the question before contacts selected in the table are deleted */
  heading = g_strdup_printf (ngettext ("Delete %u contact?", "Delete %u contacts?", n_contacts),
                             n_contacts);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    parent, heading,
    ngettext ("The selected contact and everything recorded about them are deleted "
              "for good. This cannot be undone.",
              "The selected contacts and everything recorded about them are deleted "
              "for good. This cannot be undone.",
              n_contacts)));
  kontor_ui_add_question_responses (dialog, KONTOR_DELETE_RESPONSE, _("_Delete"),
                                    ADW_RESPONSE_DESTRUCTIVE);

  return dialog;
}
