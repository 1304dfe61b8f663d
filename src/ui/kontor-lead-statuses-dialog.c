/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-statuses-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-lead-status-change.h"
#include "kontor-lead-statuses-dialog.h"
#include "kontor-store-lead.h"
#include "kontor-ui-utils.h"

/* "Edit Statuses…" of a lead project (feature D2): a row per status to
 * rename it; the users' statuses move up and down with their buttons
 * (Alt+Up and Alt+Down in the row) between the first status and won and
 * lost, which stay where the model's rules keep them; "Add Status" puts
 * a new one before won. Every status is judged among the others by
 * kontor_lead_status_check_place() as it is typed, the message shown and
 * "Save" kept back until the list is one the rules take; "Save" stores
 * the whole list as one undoable KontorLeadStatusChange (so does Return
 * in the empty name of a new status). */

typedef struct
{
  KontorContext    *context;
  char             *project_id;
  AdwMessageDialog *dialog;
  GtkListBox       *list;
  GtkLabel         *message;
  GtkEditable      *new_name;
  GPtrArray        *statuses;   /* KontorLeadStatus copies, in order */
} Request;

static void rebuild (Request *request);

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->context);
  g_free (request->project_id);
  g_clear_pointer (&request->statuses, g_ptr_array_unref);
  g_free (request);
}

static void
check (Request *request)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = TRUE;

  for (guint i = 0; i < request->statuses->len && valid; i++)
    {
      KontorLeadStatus *status = g_ptr_array_index (request->statuses, i);

      valid = kontor_lead_status_validate (status, &error) &&
              kontor_lead_status_check_place (status, request->statuses, &error);
    }
  gtk_label_set_text (request->message, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (request->message), !valid);
  adw_message_dialog_set_response_enabled (request->dialog, "save", valid);
}

/* The positions follow the order of the list, as the change stores them */
static void
renumber (Request *request)
{
  for (guint i = 0; i < request->statuses->len; i++)
    kontor_lead_status_set_position (g_ptr_array_index (request->statuses, i), i);
}

static void
on_name_changed_cb (GtkEditable *row,
                    Request     *request)
{
  KontorLeadStatus *status = g_object_get_data (G_OBJECT (row), "kontor-status");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  kontor_lead_status_set_name (status, name);
  check (request);
}

static void
move (Request *request,
      guint    index,
      int      delta)
{
  guint other = index + delta;
  gpointer swap;

  if (other >= request->statuses->len ||
      kontor_lead_status_is_system (g_ptr_array_index (request->statuses, other)))
    return;
  swap = request->statuses->pdata[index];
  request->statuses->pdata[index] = request->statuses->pdata[other];
  request->statuses->pdata[other] = swap;
  renumber (request);
  rebuild (request);
  /* the keyboard stays on the status moved */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (request->list, other)));
}

static void
on_move_clicked_cb (GtkButton *button,
                    Request   *request)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kontor-delta"));

  move (request, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), delta);
}

static gboolean
on_row_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       Request               *request)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if ((state & GDK_ALT_MASK) == 0 ||
      kontor_lead_status_is_system (g_ptr_array_index (request->statuses, index)))
    return FALSE;
  if (keyval == GDK_KEY_Up)
    move (request, index, -1);
  else if (keyval == GDK_KEY_Down)
    move (request, index, 1);
  else
    return FALSE;

  return TRUE;
}

static GtkWidget *
new_move_button (Request    *request,
                 const char *icon,
                 const char *label,
                 int         delta,
                 gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "kontor-delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), request);

  return button;
}

static const char *
role_title (KontorLeadStatus *status)
{
  switch (kontor_lead_status_get_role (status))
    {
    case KONTOR_LEAD_STATUS_ROLE_FIRST:
      /* Translators: the system's first status of a lead project */
      return _("First Status");
    case KONTOR_LEAD_STATUS_ROLE_WON:
      /* Translators: the system's status of the leads won */
      return _("Won Status");
    case KONTOR_LEAD_STATUS_ROLE_LOST:
      /* Translators: the system's status of the leads lost */
      return _("Lost Status");
    case KONTOR_LEAD_STATUS_ROLE_NORMAL:
    default:
      return _("Status");
    }
}

static void
rebuild (Request *request)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (request->list))) != NULL)
    gtk_list_box_remove (request->list, child);
  for (guint i = 0; i < request->statuses->len; i++)
    {
      KontorLeadStatus *status = g_ptr_array_index (request->statuses, i);
      GtkWidget *row = adw_entry_row_new ();
      gboolean normal = !kontor_lead_status_is_system (status);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), role_title (status));
      gtk_editable_set_text (GTK_EDITABLE (row), kontor_lead_status_get_name (status));
      g_object_set_data (G_OBJECT (row), "kontor-status", status);
      if (normal)
        {
          GtkEventController *keys = gtk_event_controller_key_new ();
          GPtrArray *all = request->statuses;
          gboolean up = i > 0 && !kontor_lead_status_is_system (g_ptr_array_index (all, i - 1));
          gboolean down = i + 1 < all->len &&
                          !kontor_lead_status_is_system (g_ptr_array_index (all, i + 1));

          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                    new_move_button (request, "go-up-symbolic", _("Move Up"), -1,
                                                     up));
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                    new_move_button (request, "go-down-symbolic", _("Move Down"),
                                                     1, down));
          gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
          g_signal_connect (keys, "key-pressed", G_CALLBACK (on_row_key_pressed_cb), request);
          gtk_widget_add_controller (row, keys);
        }
      g_signal_connect (row, "changed", G_CALLBACK (on_name_changed_cb), request);
      gtk_list_box_append (request->list, row);
    }
  check (request);
}

/* A new status of the users', before won and lost */
static void
on_add_clicked_cb (Request *request)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (request->new_name)));
  KontorLeadStatus *status;
  guint index = 0;

  if (*name == '\0')
    return;
  while (index < request->statuses->len &&
         !(kontor_lead_status_get_role (g_ptr_array_index (request->statuses, index)) ==
           KONTOR_LEAD_STATUS_ROLE_WON ||
           kontor_lead_status_get_role (g_ptr_array_index (request->statuses, index)) ==
           KONTOR_LEAD_STATUS_ROLE_LOST))
    index++;
  status = kontor_lead_status_new (request->project_id, name, 0);
  g_ptr_array_insert (request->statuses, index, status);
  renumber (request);
  gtk_editable_set_text (request->new_name, "");
  rebuild (request);
}

/* Return adds the status typed; on an empty name it saves, so the whole
 * edit is done from the keyboard */
static void
on_new_name_activate_cb (Request *request)
{
  if (*gtk_editable_get_text (request->new_name) == '\0')
    gtk_widget_activate_default (GTK_WIDGET (request->new_name));
  else
    on_add_clicked_cb (request);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Request          *request)
{
  g_autoptr(KontorLeadStatusChange) change = NULL;

  if (!g_str_equal (response, "save"))
    return;
  change = kontor_lead_status_change_new (kontor_context_get_store (request->context),
                                          request->project_id, request->statuses,
                                          _("Statuses of the lead project changed"));
  kontor_ui_run_operation (GTK_WIDGET (dialog), request->context, KONTOR_OPERATION (change));
}

/**
 * kontor_lead_statuses_dialog_present:
 * @widget: a widget of the window the dialog belongs to
 * @context: the context
 * @project: the project whose statuses are edited
 *
 * Asks for the project's statuses and stores them as one undoable change.
 */
void
kontor_lead_statuses_dialog_present (GtkWidget         *widget,
                                     KontorContext     *context,
                                     KontorLeadProject *project)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;
  GtkWidget *box, *add_box, *entry, *add;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));
  g_return_if_fail (KONTOR_IS_LEAD_PROJECT (project));

  statuses = kontor_store_list_lead_statuses (kontor_context_get_store (context),
                                              kontor_record_get_id (KONTOR_RECORD (project)),
                                              &error);
  if (statuses == NULL)
    {
      kontor_ui_show_error (widget, _("The Statuses Could Not Be Saved"), error);
      return;
    }

  request = g_new0 (Request, 1);
  request->context = g_object_ref (context);
  request->project_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (project)));
  request->statuses = g_steal_pointer (&statuses);
  renumber (request);

  request->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    kontor_ui_get_window (widget), _("Edit Statuses"),
    _("New, won and lost are the system’s: they can be renamed, not moved.")));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  request->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (request->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (request->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (request->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Statuses"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (request->list));

  add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name of a new status"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New Status Name"), -1);
  request->new_name = GTK_EDITABLE (entry);
  gtk_box_append (GTK_BOX (add_box), entry);
  add = gtk_button_new_with_mnemonic (_("_Add Status"));
  gtk_box_append (GTK_BOX (add_box), add);
  gtk_box_append (GTK_BOX (box), add_box);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked_cb), request);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_new_name_activate_cb), request);

  request->message = kontor_ui_append_error_label (box);

  adw_message_dialog_set_extra_child (request->dialog, box);
  kontor_ui_add_question_responses (request->dialog, "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (request->dialog), "kontor-request", request, request_free);
  g_signal_connect (request->dialog, "response", G_CALLBACK (on_response_cb), request);
  rebuild (request);
  gtk_window_present (GTK_WINDOW (request->dialog));
  gtk_widget_grab_focus (entry);
}
