/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board-column-menu"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-board-column-private.h"
#include "kontor-field-change.h"
#include "kontor-lead-status-change.h"
#include "kontor-pipeline-operation.h"
#include "kontor-store-lead.h"
#include "kontor-pipeline-rules.h"
#include "kontor-print-call-list.h"
#include "kontor-ui-utils.h"

/* A board column's menu: rename it, add a column left or
 * right of it, move it, delete it, and after how many days its cards are
 * stale. What the column rules forbid now is off, with the reason below
 * the items. Every change is an operation, undoable from the toast.
 *
 * A lead project's column has the same menu, with its soft limit of
 * leads (feature X5) in place of staleness; there each change is the
 * project's status list changed as a whole (KontorLeadStatusChange), as
 * the statuses dialog makes it, checked first by the model's rules of a
 * project's list (kontor_lead_status_check_place()). */

typedef enum
{
  NAME_RENAME,
  NAME_ADD_LEFT,
  NAME_ADD_RIGHT,
} NameRequestKind;

static gint64
count_contacts (KontorBoardColumn *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  n = kontor_store_count_in_pipeline_status (_kontor_board_column_get_store (self),
                                             kontor_record_get_id (KONTOR_RECORD (self->status)),
                                             &error);
  if (n < 0)
    g_warning ("Could not count the contacts of a column: %s", error->message);

  return n;
}

/* ------------------------------------------------------------------------ */
/* A lead project's column */

static gboolean
is_lead (KontorBoardColumn *self)
{
  return KONTOR_IS_LEAD_STATUS (self->status);
}

/* Every entry of the column's status, shown or not */
static gint64
count_entries (KontorBoardColumn *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  n = kontor_store_count_lead_entries (_kontor_board_column_get_store (self),
                                       kontor_record_get_id (self->status), &error);
  if (n < 0)
    g_warning ("Could not count the leads of a column: %s", error->message);

  return n;
}

/* Copies of the project's statuses, in order, to change */
static GPtrArray *
dup_lead_list (KontorBoardColumn *self)
{
  GPtrArray *statuses = _kontor_board_get_statuses (self->board);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < statuses->len; i++)
    g_ptr_array_add (list, kontor_record_copy (g_ptr_array_index (statuses, i)));

  return list;
}

/* Numbers @list in its order and asks the model whether each status fits
 * among the others; @why says why not */
static gboolean
check_lead_list (GPtrArray  *list,
                 char      **why)
{
  for (guint i = 0; i < list->len; i++)
    kontor_lead_status_set_position (g_ptr_array_index (list, i), i);

  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!kontor_lead_status_check_place (g_ptr_array_index (list, i), list, &error))
        {
          if (why != NULL)
            *why = g_strdup (error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* The column's status list with its status moved by @delta, checked */
static GPtrArray *
dup_lead_list_moved (KontorBoardColumn  *self,
                     guint               index,
                     int                 delta,
                     char              **why)
{
  g_autoptr(GPtrArray) list = dup_lead_list (self);
  gpointer swap;

  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= list->len))
    return NULL;
  swap = list->pdata[index];
  list->pdata[index] = list->pdata[index + delta];
  list->pdata[index + delta] = swap;

  return check_lead_list (list, why) ? g_steal_pointer (&list) : NULL;
}

/* The column's status list with a new status @name at @index, checked */
static GPtrArray *
dup_lead_list_added (KontorBoardColumn  *self,
                     guint               index,
                     const char         *name,
                     char              **why)
{
  g_autoptr(GPtrArray) list = dup_lead_list (self);

  g_ptr_array_insert (list, index,
                      kontor_lead_status_new (kontor_lead_status_get_project_id (
                                                KONTOR_LEAD_STATUS (self->status)),
                                              name, index));

  return check_lead_list (list, why) ? g_steal_pointer (&list) : NULL;
}

static KontorOperation *
new_lead_change (KontorBoardColumn *self,
                 GPtrArray         *list,
                 const char        *title)
{
  return KONTOR_OPERATION (kontor_lead_status_change_new (
    _kontor_board_column_get_store (self),
    kontor_lead_status_get_project_id (KONTOR_LEAD_STATUS (self->status)), list, title));
}

static guint
find_status_index (GPtrArray  *statuses,
                   const char *id)
{
  for (guint i = 0; i < statuses->len; i++)
    {
      if (g_strcmp0 (kontor_record_get_id (g_ptr_array_index (statuses, i)), id) == 0)
        return i;
    }

  return G_MAXUINT;
}

static void
add_reason (GPtrArray *reasons,
            char      *why)
{
  if (why == NULL)
    return;

  for (guint i = 0; i < reasons->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (reasons, i), why))
        {
          g_free (why);
          return;
        }
    }

  g_ptr_array_add (reasons, why);
}

/* Enables what the rules allow now, and says why the rest is not */
static GPtrArray *
update_menu_actions (KontorBoardColumn *self)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *statuses = _kontor_board_get_statuses (self->board);
  guint index = find_status_index (statuses,
                                   kontor_record_get_id (KONTOR_RECORD (self->status)));
  gboolean can_edit = kontor_context_can_edit (kontor_board_get_context (self->board));
  gboolean rename = FALSE, delete = FALSE, left = FALSE, right = FALSE, add_left = FALSE;
  gboolean add_right = can_edit;
  char *why = NULL;

  if (!can_edit)
    {
      add_reason (reasons, g_strdup (_("Your role cannot change the board.")));
    }
  else if (index != G_MAXUINT && is_lead (self))
    {
      g_autoptr(GPtrArray) moved_left = NULL;
      g_autoptr(GPtrArray) moved_right = NULL;
      g_autoptr(GPtrArray) added_left = NULL;
      g_autoptr(GPtrArray) added_right = NULL;
      g_autoptr(GError) error = NULL;
      /* a name no status has, to ask where a new one may go */
      const char *probe = "\x01";

      rename = TRUE;
      delete = kontor_lead_status_check_delete (KONTOR_LEAD_STATUS (self->status),
                                                count_entries (self), &error);
      if (!delete)
        add_reason (reasons, g_strdup (error->message));

      moved_left = dup_lead_list_moved (self, index, -1, &why);
      left = moved_left != NULL;
      add_reason (reasons, g_steal_pointer (&why));
      moved_right = dup_lead_list_moved (self, index, 1, &why);
      right = moved_right != NULL;
      g_clear_pointer (&why, g_free);

      added_left = dup_lead_list_added (self, index, probe, NULL);
      add_left = added_left != NULL;
      added_right = dup_lead_list_added (self, index + 1, probe, NULL);
      add_right = added_right != NULL;
    }
  else if (index != G_MAXUINT)
    {
      rename = kontor_pipeline_status_can_rename (KONTOR_PIPELINE_STATUS (self->status), &why);
      add_reason (reasons, g_steal_pointer (&why));

      delete = kontor_pipeline_status_can_delete (KONTOR_PIPELINE_STATUS (self->status),
                                                  count_contacts (self), &why);
      add_reason (reasons, g_steal_pointer (&why));

      left = kontor_pipeline_status_can_move (statuses, index, -1, &why);
      add_reason (reasons, g_steal_pointer (&why));
      right = kontor_pipeline_status_can_move (statuses, index, 1, &why);
      /* the last column cannot move right, which needs no explanation */
      g_clear_pointer (&why, g_free);

      /* nothing goes before the first column */
      add_left = index > 0;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.rename", rename);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.delete", delete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.move-left", left);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.move-right", right);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.add-left", add_left);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.add-right", add_right);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.set-stale-days",
                                 can_edit && !is_lead (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "column.set-limit",
                                 can_edit && is_lead (self));

  return reasons;
}

static void
append_item (GMenu      *section,
             const char *label,
             const char *action)
{
  g_menu_append (section, label, action);
}

static void
create_column_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  KontorBoardColumn *self = user_data;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) names = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) delete = g_menu_new ();
  g_autoptr(GMenu) print = g_menu_new ();
  GtkPopover *popover;

  g_assert (KONTOR_IS_BOARD_COLUMN (self));

  reasons = update_menu_actions (self);

  append_item (names, _("_Rename…"), "column.rename");
  if (is_lead (self))
    append_item (names, _("_Limit of Leads…"), "column.set-limit");
  else
    append_item (names, _("Mark Cards _Stale After…"), "column.set-stale-days");
  append_item (add, _("Add Column _Left…"), "column.add-left");
  append_item (add, _("Add Column _Right…"), "column.add-right");
  append_item (move, _("Move L_eft"), "column.move-left");
  append_item (move, _("Move Ri_ght"), "column.move-right");
  append_item (delete, _("_Delete Column"), "column.delete");
  append_item (print, _("_Print Call List…"), "column.print-call-list");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (names));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (add));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (delete));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (print));

  /* Why items are off, below them: a menu item has no tooltip */
  if (reasons->len > 0)
    {
      g_autoptr(GMenu) why = g_menu_new ();
      g_autoptr(GMenuItem) item = g_menu_item_new (NULL, NULL);

      g_menu_item_set_attribute (item, "custom", "s", "reasons");
      g_menu_append_item (why, item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (why));
    }

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
  popover = gtk_menu_button_get_popover (button);

  if (reasons->len > 0 && GTK_IS_POPOVER_MENU (popover))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_widget_add_css_class (box, "board-column-reasons");
      for (guint i = 0; i < reasons->len; i++)
        {
          GtkWidget *label = gtk_label_new (g_ptr_array_index (reasons, i));

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), box, "reasons");
    }
}

static void
run_operation (KontorBoardColumn *self,
               KontorOperation   *operation)
{
  kontor_ui_run_operation (GTK_WIDGET (self), kontor_board_get_context (self->board), operation);
}

typedef struct
{
  KontorBoardColumn *column;
  NameRequestKind    kind;
  GtkEditable       *entry;
  char              *body;
} NameRequest;

/* A lead column's status list with @name given as @request asks, checked */
static GPtrArray *
dup_lead_list_named (NameRequest  *request,
                     const char   *name,
                     char        **why)
{
  KontorBoardColumn *self = request->column;
  GPtrArray *statuses = _kontor_board_get_statuses (self->board);
  guint index;
  g_autoptr(GPtrArray) list = NULL;

  if (!g_ptr_array_find (statuses, self->status, &index))
    return NULL;
  if (request->kind == NAME_RENAME)
    {
      list = dup_lead_list (self);
      kontor_lead_status_set_name (g_ptr_array_index (list, index), name);
      return check_lead_list (list, why) ? g_steal_pointer (&list) : NULL;
    }

  return dup_lead_list_added (self, request->kind == NAME_ADD_RIGHT ? index + 1 : index, name,
                              why);
}

static void
name_request_free (gpointer  data,
                   GClosure *closure)
{
  NameRequest *request = data;

  g_object_unref (request->column);
  g_free (request->body);
  g_free (request);
}

/* An empty name cannot be applied, nor another column's: the dialog says
 * so where it said what happens */
static void
on_name_entry_changed_cb (NameRequest *request,
                          GtkEditable *entry)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (entry)));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *why = NULL;
  gboolean free_name;

  if (is_lead (request->column))
    {
      g_autoptr(GPtrArray) list = dup_lead_list_named (request, text, &why);

      free_name = list != NULL;
    }
  else
    free_name = kontor_pipeline_status_name_is_free (
      _kontor_board_get_statuses (request->column->board), text,
      request->kind == NAME_RENAME ? kontor_record_get_id (KONTOR_RECORD (request->column->status))
                                   : NULL,
      &why);
  adw_message_dialog_set_body (dialog, free_name ? request->body : why);
  if (free_name)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  adw_message_dialog_set_response_enabled (dialog, "apply", *text != '\0' && free_name);
}

static void
on_name_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            NameRequest      *request)
{
  KontorBoardColumn *self = request->column;
  KontorStore *store = _kontor_board_column_get_store (self);
  g_autoptr(KontorOperation) operation = NULL;
  g_autofree char *name = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "apply"))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (request->entry)));
  if (*name == '\0')
    return;
  old_name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));

  if (is_lead (self))
    {
      g_autoptr(GPtrArray) list = NULL;

      if (request->kind == NAME_RENAME && g_str_equal (name, old_name))
        return;
      list = dup_lead_list_named (request, name, NULL);
      if (list == NULL)
        return;
      if (request->kind == NAME_RENAME)
        /* Translators: a toast; %s are the old and the new name of a board column */
        title = g_strdup_printf (_("Column “%s” renamed to “%s”"), old_name, name);
      else
        /* Translators: a toast; %s is the name of a new board column */
        title = g_strdup_printf (_("Column “%s” added"), name);
      operation = new_lead_change (self, list, title);
      run_operation (self, operation);
      return;
    }

  switch (request->kind)
    {
    case NAME_RENAME:
      if (g_str_equal (name, old_name))
        return;
      /* Translators: a toast; %s are the old and the new name of a board column */
      title = g_strdup_printf (_("Column “%s” renamed to “%s”"), old_name, name);
      operation = kontor_pipeline_operation_new_rename (store, KONTOR_PIPELINE_STATUS (self->status),
                                                        name, title);
      run_operation (self, operation);
      break;

    case NAME_ADD_LEFT:
    case NAME_ADD_RIGHT:
      /* Translators: a toast; %s is the name of a new board column */
      title = g_strdup_printf (_("Column “%s” added"), name);
      operation = kontor_pipeline_operation_new_add (store, name,
                                                     KONTOR_PIPELINE_STATUS (self->status),
                                                     request->kind == NAME_ADD_RIGHT, title);
      run_operation (self, operation);
      if (kontor_operation_is_applied (operation))
        _kontor_board_column_added (self->board,
                                    kontor_pipeline_operation_get_status_id (
                                      KONTOR_PIPELINE_OPERATION (operation)));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
ask_name (KontorBoardColumn *self,
          NameRequestKind    kind)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  g_autofree char *body = NULL;
  const char *heading;
  const char *apply;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  NameRequest *request;

  switch (kind)
    {
    case NAME_RENAME:
      heading = _("Rename Column");
      apply = _("_Rename");
      /* Translators: %s is the name of a board column */
      body = g_strdup_printf (_("The cards of “%s” stay in the column."), name);
      break;
    case NAME_ADD_LEFT:
      heading = _("Add Column");
      apply = _("_Add");
      /* Translators: %s is the name of a board column */
      body = g_strdup_printf (_("The new column comes left of “%s”."), name);
      break;
    case NAME_ADD_RIGHT:
      heading = _("Add Column");
      apply = _("_Add");
      /* Translators: %s is the name of a board column */
      body = g_strdup_printf (_("The new column comes right of “%s”."), name);
      break;
    default:
      g_assert_not_reached ();
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (GTK_WIDGET (self)),
                                                       heading, body));
  kontor_ui_add_question_responses (dialog, "apply", apply,
                                    ADW_RESPONSE_SUGGESTED);

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column Name"),
                                  -1);
  if (kind == NAME_RENAME)
    gtk_editable_set_text (GTK_EDITABLE (entry), name);
  adw_message_dialog_set_extra_child (dialog, entry);

  request = g_new0 (NameRequest, 1);
  request->column = g_object_ref (self);
  request->kind = kind;
  request->entry = GTK_EDITABLE (entry);
  request->body = g_strdup (body);
  /* the dialog owns the request; the entry goes with the dialog */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_dialog_response_cb),
                         request, name_request_free, 0);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_name_entry_changed_cb), request);
  on_name_entry_changed_cb (request, GTK_EDITABLE (entry));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* A number of the column's status asked in a dialog: after how many
 * days its cards are stale, or how many leads it should hold at most */
typedef struct
{
  guint        field;                 /* the status's field, an int64 */
  gint64       max;
  const char  *heading;
  const char  *label;                 /* the spin button's accessible name */
  char      *(*dup_body)  (const char *name);
  char      *(*dup_title) (const char *name,
                           gint64      value);
} NumberSetting;

static char *
dup_stale_body (const char *name)
{
  /* Translators: %s is the name of a board column */
  return g_strdup_printf (_("Cards in “%s” are marked stale after this many days without an "
                            "activity. 0 never marks them."), name);
}

static char *
dup_stale_title (const char *name,
                 gint64      days)
{
  if (days > 0)
    /* Translators: a toast; %s is a board column, %u a number of days */
    return g_strdup_printf (ngettext ("Cards in “%s” are stale after %u day without activity",
                                      "Cards in “%s” are stale after %u days without activity",
                                      days),
                            name, (guint) days);

  /* Translators: a toast; %s is a board column */
  return g_strdup_printf (_("Cards in “%s” are no longer marked stale"), name);
}

static char *
dup_limit_body (const char *name)
{
  /* Translators: %s is the name of a board column */
  return g_strdup_printf (_("The header of “%s” is marked when it holds more leads than "
                            "this. 0 sets no limit."), name);
}

static char *
dup_limit_title (const char *name,
                 gint64      limit)
{
  if (limit > 0)
    /* Translators: a toast; %s is a board column, %u a number of leads */
    return g_strdup_printf (ngettext ("Limit of “%s” set to %u lead",
                                      "Limit of “%s” set to %u leads", limit),
                            name, (guint) limit);

  /* Translators: a toast; %s is a board column */
  return g_strdup_printf (_("“%s” has no limit of leads"), name);
}

/* feature X7 (src/README.md): after how many days without an activity the
 * column's cards are stale; 0 for never */
static const NumberSetting stale_setting = {
  KONTOR_PIPELINE_STATUS_FIELD_STALE_DAYS, KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS,
  N_("Mark Cards Stale"), N_("Days Without Activity"), dup_stale_body, dup_stale_title,
};

/* feature X5 (src/README.md "Lead projects"): how many leads a lead
 * project's column should hold at most; more mark its header; 0 for no
 * limit */
static const NumberSetting limit_setting = {
  KONTOR_LEAD_STATUS_FIELD_WIP_LIMIT, KONTOR_LEAD_STATUS_MAX_WIP,
  N_("Limit of Leads"), N_("Most Leads in the Column"), dup_limit_body, dup_limit_title,
};

static gint64
get_number (KontorBoardColumn   *self,
            const NumberSetting *setting)
{
  return g_value_get_int64 (kontor_record_get_value (self->status, setting->field));
}

static void
on_number_dialog_response_cb (AdwMessageDialog  *dialog,
                              const char        *response,
                              KontorBoardColumn *self)
{
  const NumberSetting *setting = g_object_get_data (G_OBJECT (dialog), "kontor-setting");
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GValue value = G_VALUE_INIT;

  if (!g_str_equal (response, "apply") ||
      gtk_spin_button_get_value_as_int (spin) == get_number (self, setting))
    return;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, gtk_spin_button_get_value_as_int (spin));
  name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  title = setting->dup_title (name, g_value_get_int64 (&value));
  change = kontor_field_change_new (_kontor_board_column_get_store (self),
                                    KONTOR_RECORD (self->status), title);
  kontor_field_change_set_value (change, setting->field, &value);
  g_value_unset (&value);
  run_operation (self, KONTOR_OPERATION (change));
}

static void
ask_number (KontorBoardColumn   *self,
            const NumberSetting *setting)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *spin;

  if (!kontor_context_can_edit (kontor_board_get_context (self->board)))
    return;

  name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  body = setting->dup_body (name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (GTK_WIDGET (self)),
                                                       _(setting->heading), body));
  kontor_ui_add_question_responses (dialog, "apply", _("_Apply"),
                                    ADW_RESPONSE_SUGGESTED);

  spin = gtk_spin_button_new_with_range (0, setting->max, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), get_number (self, setting));
  /* Enter applies: GTK 4.8 has no gtk_spin_button_set_activates_default(),
   * but the spin button's text has */
  gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (spin))),
                                  TRUE);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(setting->label),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, spin);
  g_object_set_data (G_OBJECT (dialog), "kontor-setting", (gpointer) setting);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_number_dialog_response_cb), self,
                           0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (spin);
}

static void
set_stale_days_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  if (!is_lead (self))
    ask_number (self, &stale_setting);
}

static void
set_limit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  if (is_lead (self))
    ask_number (self, &limit_setting);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  if (kontor_context_can_edit (kontor_board_get_context (self->board)))
    ask_name (self, NAME_RENAME);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);

  if (kontor_context_can_edit (kontor_board_get_context (self->board)))
    ask_name (self, g_str_equal (action_name, "column.add-left") ? NAME_ADD_LEFT
                                                                 : NAME_ADD_RIGHT);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);
  gboolean left = g_str_equal (action_name, "column.move-left");
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  g_autofree char *title = NULL;
  g_autoptr(KontorOperation) operation = NULL;

  if (!kontor_context_can_edit (kontor_board_get_context (self->board)))
    return;

  if (left)
    /* Translators: a toast; %s is the name of a board column */
    title = g_strdup_printf (_("Column “%s” moved left"), name);
  else
    /* Translators: a toast; %s is the name of a board column */
    title = g_strdup_printf (_("Column “%s” moved right"), name);

  if (is_lead (self))
    {
      g_autoptr(GPtrArray) list = NULL;
      guint index;

      if (!g_ptr_array_find (_kontor_board_get_statuses (self->board), self->status, &index))
        return;
      list = dup_lead_list_moved (self, index, left ? -1 : 1, NULL);
      if (list == NULL)
        return;
      operation = new_lead_change (self, list, title);
    }
  else
    operation = kontor_pipeline_operation_new_move (_kontor_board_column_get_store (self),
                                                    KONTOR_PIPELINE_STATUS (self->status),
                                                    left ? -1 : 1, title);
  run_operation (self, operation);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (self->status));
  g_autofree char *title = NULL;
  g_autoptr(KontorOperation) operation = NULL;

  if (!kontor_context_can_edit (kontor_board_get_context (self->board)))
    return;

  /* Translators: a toast; %s is the name of a board column */
  title = g_strdup_printf (_("Column “%s” deleted"), name);
  if (is_lead (self))
    {
      g_autoptr(GPtrArray) list = dup_lead_list (self);
      guint index;

      if (!g_ptr_array_find (_kontor_board_get_statuses (self->board), self->status, &index))
        return;
      g_ptr_array_remove_index (list, index);
      /* named, so that a status another machine made meanwhile stays */
      operation = new_lead_change (self, list, title);
      kontor_lead_status_change_delete (KONTOR_LEAD_STATUS_CHANGE (operation),
                                        kontor_record_get_id (self->status));
    }
  else
    operation = kontor_pipeline_operation_new_delete (_kontor_board_column_get_store (self),
                                                      KONTOR_PIPELINE_STATUS (self->status),
                                                      title);
  run_operation (self, operation);
}

/* column.print-call-list: the column's cards as a call list (feature
 * X13), in its order; anyone may print */
static void
print_call_list_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorBoardColumn *self = KONTOR_BOARD_COLUMN (widget);
  g_autofree char *title = kontor_record_dup_display_name (self->status);

  kontor_print_call_list_run (widget, _kontor_board_column_get_store (self), self->filter, title);
}

/* ------------------------------------------------------------------------ */

void
_kontor_board_column_class_init_menu (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "column.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "column.add-left", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "column.add-right", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "column.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "column.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "column.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "column.set-stale-days", NULL,
                                   set_stale_days_action);
  gtk_widget_class_install_action (widget_class, "column.set-limit", NULL, set_limit_action);
  gtk_widget_class_install_action (widget_class, "column.print-call-list", NULL,
                                   print_call_list_action);
}

void
_kontor_board_column_init_menu (KontorBoardColumn *self)
{
  gtk_menu_button_set_create_popup_func (self->menu_button, create_column_menu_cb, self, NULL);
}
