/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-identity-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-identity-dialog.h"
#include "kontor-ui-utils.h"

/* The first start's question (feature U1, src/README.md "Roles"): who
 * works here. The store made a first user for the person logged in, the
 * administrator of a database nobody else uses; a team's database (the
 * sample team, later one brought by sync) has its colleagues, and the
 * person picks themselves among them. The answer is kept
 * (kontor_store_choose_identity()) and the question not asked again; an
 * administrator changes it later under Preferences, Team, "Working As". */

#define USERS_KEY "kontor-users"
#define CHOICE_KEY "kontor-choice"

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                KontorContext    *context)
{
  GPtrArray *users = g_object_get_data (G_OBJECT (dialog), USERS_KEY);
  AdwComboRow *choice = g_object_get_data (G_OBJECT (dialog), CHOICE_KEY);
  guint selected = adw_combo_row_get_selected (choice);
  KontorStore *store = kontor_context_get_store (context);
  KontorUser *user = kontor_store_get_current_user (store);
  g_autoptr(GError) error = NULL;

  /* closed without an answer: the user the store made stays */
  if (g_str_equal (response, "continue") && selected < users->len)
    user = g_ptr_array_index (users, selected);

  if (user != NULL && !kontor_store_choose_identity (store, user, &error))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

      if (parent != NULL)
        kontor_ui_show_error (GTK_WIDGET (parent), _("Your Choice Could Not Be Saved"), error);
      else
        g_warning ("Could not save who works here: %s", error->message);
    }
}

/**
 * kontor_identity_dialog_new:
 * @parent: the main window
 * @context: the context
 *
 * Returns: (transfer floating): the question who works here, to present
 */
AdwMessageDialog *
kontor_identity_dialog_new (GtkWindow     *parent,
                            KontorContext *context)
{
  KontorStore *store = kontor_context_get_store (context);
  KontorUser *me = kontor_store_get_current_user (store);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *choice = adw_combo_row_new ();
  guint selected = 0;

  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  users = kontor_store_list_users (store, &error);
  if (users == NULL)
    {
      g_warning ("Could not list the users: %s", error->message);
      users = g_ptr_array_new_with_free_func (g_object_unref);
    }
  for (guint i = 0; i < users->len; i++)
    {
      KontorUser *user = g_ptr_array_index (users, i);
      g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (user));
      /* Translators: a user in the first start's question: their name
       * and their role, e.g. "Anna Schneider (Sales)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), name,
                                                kontor_user_role_to_string (
                                                  kontor_user_get_role (user)));

      gtk_string_list_append (names, label);
      if (me != NULL && g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (user)),
                                   kontor_record_get_id (KONTOR_RECORD (me))) == 0)
        selected = i;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Who Are You?"),
                                                       _("Kontor records who changes what. "
                                                         "Choose yourself; an administrator "
                                                         "can change it later in the "
                                                         "Preferences.")));
  /* what a window list and xdotool find it by */
  gtk_window_set_title (GTK_WINDOW (dialog), _("Who Are You?"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (choice), _("I Am"));
  adw_combo_row_set_model (ADW_COMBO_ROW (choice), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (choice), selected);
  gtk_list_box_append (GTK_LIST_BOX (list), choice);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "continue", _("_Continue"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "continue", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "continue");
  adw_message_dialog_set_close_response (dialog, "close");

  g_object_set_data_full (G_OBJECT (dialog), USERS_KEY, g_steal_pointer (&users),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (dialog), CHOICE_KEY, choice);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb),
                         g_object_ref (context), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);

  return dialog;
}
