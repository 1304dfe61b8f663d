/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-statuses-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kontor-lead-status-change.h"
#include "kontor-lead-statuses-dialog.h"
#include "kontor-store-lead.h"
#include "kontor-ui-utils.h"

/* "Edit Statuses…" of a lead project (feature D2): a row per status to
 * rename it; the users' statuses move up and down with their buttons
 * (Alt+Up and Alt+Down in the row) between the first status and won and
 * lost, which stay where the model's rules keep them, and have a delete
 * button, which asks the model (kontor_lead_status_check_delete(), with
 * the status's count of leads read when the dialog opens) and shows its
 * refusal instead of deleting; "Add Status" puts a new one before won.
 * Under "Limits and Probabilities" an expander per status holds its soft
 * limit of leads (0: none) and default probability (-1: none). Every
 * status is judged on its own (kontor_lead_status_validate()) and among
 * the others (kontor_lead_status_check_place()) as it is typed, the
 * message shown and "Save" kept back until the list is one the rules
 * take; "Save" stores the whole list and the deletes as one undoable
 * KontorLeadStatusChange (so does Return in the empty name of a new
 * status). */

typedef struct
{
  KontorContext    *context;
  char             *project_id;
  AdwMessageDialog *dialog;
  GtkListBox       *list;
  GtkLabel         *message;
  GtkEditable      *new_name;
  GtkListBox       *settings;
  GPtrArray        *statuses;   /* KontorLeadStatus copies, in order */
  GPtrArray        *deleted;    /* ids of the stored statuses deleted */
  GHashTable       *counts;     /* status id → its number of leads (gint64 *) */
} Request;

static void rebuild (Request *request);

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->context);
  g_free (request->project_id);
  g_clear_pointer (&request->statuses, g_ptr_array_unref);
  g_clear_pointer (&request->deleted, g_ptr_array_unref);
  g_clear_pointer (&request->counts, g_hash_table_unref);
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
show_message (Request    *request,
              const char *message)
{
  gtk_label_set_text (request->message, message);
  gtk_widget_set_visible (GTK_WIDGET (request->message), TRUE);
}

static gint64
count_leads (Request          *request,
             KontorLeadStatus *status)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (status));
  gint64 *count = id != NULL ? g_hash_table_lookup (request->counts, id) : NULL;

  return count != NULL ? *count : 0;
}

/* The labels that name a status follow its name as it is typed; a
 * status with leads keeps its delete button, whose tooltip says why it
 * stays (pressed, the message says it too) */
static void
label_status (Request          *request,
              GtkWidget        *row,
              KontorLeadStatus *status)
{
  const char *name = kontor_lead_status_get_name (status);
  GtkWidget *delete = g_object_get_data (G_OBJECT (row), "kontor-delete");
  GtkWidget *settings = g_object_get_data (G_OBJECT (row), "kontor-settings");
  GtkWidget *limit = g_object_get_data (G_OBJECT (row), "kontor-limit");
  GtkWidget *probability = g_object_get_data (G_OBJECT (row), "kontor-probability");
  g_autofree char *delete_label = NULL;
  g_autofree char *limit_label = NULL;
  g_autofree char *probability_label = NULL;

  if (delete != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Translators: %s is a status of a lead project */
      delete_label = g_strdup_printf (_("Delete Status “%s”"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      delete_label, -1);
      if (!kontor_lead_status_check_delete (status, count_leads (request, status), &error))
        gtk_widget_set_tooltip_text (delete, error->message);
      else
        gtk_widget_set_tooltip_text (delete, _("Delete Status"));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (settings), name);
  /* Translators: %s is a status of a lead project */
  limit_label = g_strdup_printf (_("Limit of Leads in “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (limit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  limit_label, -1);
  /* Translators: %s is a status of a lead project */
  probability_label = g_strdup_printf (_("Default Probability of “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (probability), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  probability_label, -1);
}

static void
on_name_changed_cb (GtkEditable *row,
                    Request     *request)
{
  KontorLeadStatus *status = g_object_get_data (G_OBJECT (row), "kontor-status");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  kontor_lead_status_set_name (status, name);
  label_status (request, GTK_WIDGET (row), status);
  check (request);
}

/* Deleted when the model lets it go: a status of the users' without
 * leads; otherwise its message says why, and the status stays */
static void
on_delete_clicked_cb (GtkButton *button,
                      Request   *request)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  guint index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  KontorLeadStatus *status = g_ptr_array_index (request->statuses, index);
  const char *id = kontor_record_get_id (KONTOR_RECORD (status));
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *next;

  if (!kontor_lead_status_check_delete (status, count_leads (request, status), &error))
    {
      show_message (request, error->message);
      return;
    }
  if (id != NULL)
    g_ptr_array_add (request->deleted, g_strdup (id));
  g_ptr_array_remove_index (request->statuses, index);
  renumber (request);
  rebuild (request);
  /* the keyboard goes on to the status that took its place */
  next = gtk_list_box_get_row_at_index (request->list, index);
  gtk_widget_grab_focus (next != NULL ? GTK_WIDGET (next) : GTK_WIDGET (request->new_name));
}

static GtkWidget *
new_delete_button (Request *request)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked_cb), request);

  return button;
}

/* A spin button for a number of the status's where a value below its
 * range's start is "None": the limit's 0 and the probability's -1 */
typedef gboolean (*CheckFunc) (gint64 value, GError **error);

static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  if (gtk_adjustment_get_value (adjustment) > gtk_adjustment_get_lower (adjustment))
    return FALSE;
  /* Translators: no limit of leads, or no default probability */
  gtk_editable_set_text (GTK_EDITABLE (spin), C_("status setting", "None"));
  return TRUE;
}

/* The model judges a number typed; "None" or nothing is none; a refused
 * number gets the model's message and leaves the value as it was */
static int
on_spin_input_cb (GtkSpinButton *spin,
                  double        *new_value,
                  Request       *request)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  CheckFunc check_value = g_object_get_data (G_OBJECT (spin), "kontor-check");
  g_autoptr(GError) error = NULL;
  gint64 value;

  if (*text == '\0' || g_str_equal (text, C_("status setting", "None")))
    {
      *new_value = gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin));
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      g_autofree char *message =
        /* Translators: %s is the text typed as a limit or a probability */
        g_strdup_printf (_("“%s” is not a whole number."), text);

      show_message (request, message);
      return GTK_INPUT_ERROR;
    }
  if (!check_value (value, &error))
    {
      show_message (request, error->message);
      return GTK_INPUT_ERROR;
    }
  *new_value = value;
  return TRUE;
}

static void
on_spin_value_changed_cb (GtkSpinButton *spin,
                          Request       *request)
{
  KontorLeadStatus *status = g_object_get_data (G_OBJECT (spin), "kontor-status");
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "kontor-field"));
  gint64 value = (gint64) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  gint64 before = field == KONTOR_LEAD_STATUS_FIELD_WIP_LIMIT ?
                  kontor_lead_status_get_wip_limit (status) :
                  kontor_lead_status_get_probability (status);

  /* a refused number puts the old value back: its message stays */
  if (value == before)
    return;
  if (field == KONTOR_LEAD_STATUS_FIELD_WIP_LIMIT)
    kontor_lead_status_set_wip_limit (status, value);
  else
    kontor_lead_status_set_probability (status, value);
  check (request);
}

static GtkWidget *
new_setting_row (Request          *request,
                 KontorLeadStatus *status,
                 const char       *title,
                 guint             field,
                 double            lower,
                 double            upper,
                 double            step,
                 CheckFunc         check_value,
                 GtkWidget       **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (lower, upper, step));
  gint64 value = field == KONTOR_LEAD_STATUS_FIELD_WIP_LIMIT ?
                 kontor_lead_status_get_wip_limit (status) :
                 kontor_lead_status_get_probability (status);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (spin, 0);
  /* _new_with_range() makes it numeric, which would refuse "None" */
  gtk_spin_button_set_numeric (spin, FALSE);
  /* a refused number is not clamped into the range but refused */
  gtk_spin_button_set_update_policy (spin, GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (GTK_WIDGET (spin), GTK_ALIGN_CENTER);
  /* room for the largest number and for "None" in the user's language */
  gtk_editable_set_width_chars (GTK_EDITABLE (spin),
                                MAX ((int) strlen (G_STRINGIFY (KONTOR_LEAD_STATUS_MAX_WIP)),
                                     (int) g_utf8_strlen (C_("status setting", "None"), -1)));
  g_object_set_data (G_OBJECT (spin), "kontor-status", status);
  g_object_set_data (G_OBJECT (spin), "kontor-field", GUINT_TO_POINTER (field));
  g_object_set_data (G_OBJECT (spin), "kontor-check", check_value);
  /* "None" is shown from the start */
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input_cb), request);
  gtk_spin_button_set_value (spin, value);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed_cb), request);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
  *spin_out = GTK_WIDGET (spin);

  return row;
}

/* The status's limit and default probability, in an expander named after
 * it */
static GtkWidget *
new_settings_row (Request          *request,
                  KontorLeadStatus *status,
                  GtkWidget        *name_row)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *limit, *probability;

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            new_setting_row (request, status, _("Limit of Leads"),
                                             KONTOR_LEAD_STATUS_FIELD_WIP_LIMIT, 0,
                                             KONTOR_LEAD_STATUS_MAX_WIP, 1,
                                             kontor_lead_check_wip_limit, &limit));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            new_setting_row (request, status, _("Default Probability (%)"),
                                             KONTOR_LEAD_STATUS_FIELD_PROBABILITY, -1, 100, 5,
                                             kontor_lead_check_probability, &probability));
  g_object_set_data (G_OBJECT (name_row), "kontor-settings", expander);
  g_object_set_data (G_OBJECT (name_row), "kontor-limit", limit);
  g_object_set_data (G_OBJECT (name_row), "kontor-probability", probability);

  return expander;
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
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (request->settings))) != NULL)
    gtk_list_box_remove (request->settings, child);
  for (guint i = 0; i < request->statuses->len; i++)
    {
      KontorLeadStatus *status = g_ptr_array_index (request->statuses, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *delete;
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
          delete = new_delete_button (request);
          g_object_set_data (G_OBJECT (row), "kontor-delete", delete);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), delete);
          gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
          g_signal_connect (keys, "key-pressed", G_CALLBACK (on_row_key_pressed_cb), request);
          gtk_widget_add_controller (row, keys);
        }
      gtk_list_box_append (request->settings, new_settings_row (request, status, row));
      label_status (request, row, status);
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
  for (guint i = 0; i < request->deleted->len; i++)
    kontor_lead_status_change_delete (change, g_ptr_array_index (request->deleted, i));
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
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;
  GtkWidget *box, *add_box, *entry, *add, *heading, *scrolled;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));
  g_return_if_fail (KONTOR_IS_LEAD_PROJECT (project));

  statuses = kontor_store_list_lead_statuses (kontor_context_get_store (context),
                                              kontor_record_get_id (KONTOR_RECORD (project)),
                                              &error);
  if (statuses != NULL)
    sums = kontor_store_sum_lead_columns (kontor_context_get_store (context),
                                          kontor_record_get_id (KONTOR_RECORD (project)), &error);
  if (sums == NULL)
    {
      kontor_ui_show_error (widget, _("The Statuses Could Not Be Saved"), error);
      return;
    }

  request = g_new0 (Request, 1);
  request->context = g_object_ref (context);
  request->project_id = g_strdup (kontor_record_get_id (KONTOR_RECORD (project)));
  request->statuses = g_steal_pointer (&statuses);
  request->deleted = g_ptr_array_new_with_free_func (g_free);
  /* the leads per status, in every currency, for the model's rule of a
   * delete (the store asks it again when the change is saved) */
  request->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < sums->len; i++)
    {
      KontorLeadColumnSum *sum = &g_array_index (sums, KontorLeadColumnSum, i);
      gint64 *count = g_hash_table_lookup (request->counts, sum->status_id);

      if (count == NULL)
        {
          count = g_new0 (gint64, 1);
          g_hash_table_insert (request->counts, g_strdup (sum->status_id), count);
        }
      *count += sum->count;
    }
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

  heading = gtk_label_new (_("Limits and Probabilities"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  request->settings = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (request->settings, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (request->settings), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (request->settings),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Limits and Probabilities"),
                                  -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (request->settings));

  /* a long list scrolls inside the dialog */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 520);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  adw_message_dialog_set_extra_child (request->dialog, scrolled);
  kontor_ui_add_question_responses (request->dialog, "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (request->dialog), "kontor-request", request, request_free);
  g_signal_connect (request->dialog, "response", G_CALLBACK (on_response_cb), request);
  rebuild (request);
  gtk_window_present (GTK_WINDOW (request->dialog));
  gtk_widget_grab_focus (entry);
}
