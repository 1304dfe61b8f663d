/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-company-change-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-company-change.h"
#include "kontor-company-change-dialog.h"
#include "kontor-company-completion.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/* "Firmenwechsel" (feature C3, src/README.md "Employer history"): the question that
 * asks where a contact moves to (a company chosen from the completion, or
 * typed new) and its job title there, and runs the change as one
 * undoable operation on the context's stack. */

typedef struct
{
  KontorContext           *context;
  KontorContact           *contact;
  GtkWidget               *widget;     /* the page, for errors */
  GtkEditable             *company_row;
  GtkEditable             *job_title_row;
  KontorCompanyCompletion *completion;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  if (request->completion != NULL)
    kontor_company_completion_detach (request->completion);
  g_clear_object (&request->completion);
  g_object_unref (request->context);
  g_object_unref (request->contact);
  g_object_unref (request->widget);
  g_free (request);
}

static void
on_company_changed_cb (AdwMessageDialog *dialog,
                       GtkEditable      *company_row)
{
  /* a company is needed; whether it is another is the operation's rule */
  adw_message_dialog_set_response_enabled (dialog, "change",
                                           !kontor_text_is_blank (gtk_editable_get_text (company_row)));
}

static void
change_company (Request *request)
{
  g_autoptr(KontorCompanyChange) change = NULL;
  g_autoptr(KontorCompany) new_company = NULL;
  g_autofree char *company_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  if (!kontor_company_completion_resolve (request->completion, &company_id, &new_company, &error))
    {
      kontor_ui_show_error (request->widget, _("The Company Could Not Be Changed"), error);
      return;
    }

  name = kontor_record_dup_display_name (KONTOR_RECORD (request->contact));
  /* Translators: the toast after a company change; a contact's name, then a company's */
  title = g_strdup_printf (_("“%s” now works at “%s”"), name,
                           gtk_editable_get_text (request->company_row));
  change = kontor_company_change_new (kontor_context_get_store (request->context),
                                      request->contact, company_id, new_company,
                                      gtk_editable_get_text (request->job_title_row), title);
  kontor_ui_run_operation (request->widget, request->context, KONTOR_OPERATION (change));
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  Request *request = g_object_get_data (G_OBJECT (dialog), "kontor-request");

  if (g_str_equal (response, "change"))
    change_company (request);

  /* the dialog closes: its popover goes before the entry it hangs on */
  if (request->completion != NULL)
    kontor_company_completion_detach (request->completion);
  g_clear_object (&request->completion);
}

/**
 * kontor_company_change_dialog_new:
 * @widget: the contact's page
 * @context: the context
 * @contact: a stored contact
 *
 * Returns: (transfer floating): the question, not shown yet; its "change"
 *   response moves @contact
 */
AdwMessageDialog *
kontor_company_change_dialog_new (GtkWidget     *widget,
                                  KontorContext *context,
                                  KontorContact *contact)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_autofree char *body = NULL;
  Request *request = g_new0 (Request, 1);
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *company_row = adw_entry_row_new ();
  GtkWidget *job_title_row = adw_entry_row_new ();

  /* Translators: %s is a contact's name */
  body = g_strdup_printf (_("Where does %s work now? Where they worked before stays in their "
                            "history, with the job title then."), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (widget),
                                                       _("Change Company"), body));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (company_row), _("New Company"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job_title_row), _("Job Title There"));
  /* Enter changes the company, as the default answer */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (company_row), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (job_title_row), TRUE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), company_row);
  gtk_list_box_append (GTK_LIST_BOX (list), job_title_row);
  adw_message_dialog_set_extra_child (dialog, list);

  kontor_ui_add_question_responses (dialog, "change", _("C_hange Company"),
                                    ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "change", FALSE);

  request->context = g_object_ref (context);
  request->contact = g_object_ref (contact);
  request->widget = g_object_ref (widget);
  request->company_row = GTK_EDITABLE (company_row);
  request->job_title_row = GTK_EDITABLE (job_title_row);
  request->completion = kontor_company_completion_new (kontor_context_get_store (context),
                                                       company_row);
  g_object_set_data_full (G_OBJECT (dialog), "kontor-request", request, request_free);

  g_signal_connect_swapped (company_row, "changed", G_CALLBACK (on_company_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);

  return dialog;
}
