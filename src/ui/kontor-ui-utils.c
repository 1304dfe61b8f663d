/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-ui-utils"

#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n-lib.h>

#include "kontor-ui-utils.h"
#include "kontor-user.h"

/* What any widget needs to change something and to say how it went,
 * without knowing which window (if any) it is in: undoable changes go
 * through the context's operation stack, which the window listens to;
 * errors and notes are shown where the widget is. */

/**
 * kontor_ui_get_window:
 * @widget: a widget
 *
 * Returns: (transfer none) (nullable): the window @widget is in, for a
 *   dialog to stay on top of
 */
GtkWindow *
kontor_ui_get_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * kontor_ui_window_is_narrow:
 * @window: (nullable): a window
 *
 * Whether @window is narrow (a phone's 360 px; below 600 px), so that
 * tables show the name only and the board one column at a time. GTK 4.8
 * has no breakpoints; a window's default-width follows its size as the
 * user resizes it, and its notification comes before the next layout
 * (src/README.md "Narrow windows").
 *
 * Returns: %TRUE when @window is narrow; %FALSE for %NULL or a window
 *   not sized yet
 */
gboolean
kontor_ui_window_is_narrow (GtkWindow *window)
{
  int width = -1, height;

  if (window == NULL)
    return FALSE;
  /* GTK 4.8 wants both */
  gtk_window_get_default_size (window, &width, &height);

  return width > 0 && width < 600;
}

/**
 * kontor_ui_run_operation:
 * @widget: the widget the change was asked from
 * @context: the context whose stack keeps the change
 * @operation: an operation not applied yet
 *
 * Applies @operation through the context's operation stack, so that it can
 * be undone (the window shows the toast). When applying fails, says why in
 * a dialog over @widget's window.
 *
 * Returns: %TRUE when the operation was applied
 */
gboolean
kontor_ui_run_operation (GtkWidget       *widget,
                         KontorContext   *context,
                         KontorOperation *operation)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (KONTOR_IS_OPERATION (operation), FALSE);

  if (!kontor_operation_stack_run (kontor_context_get_operations (context), operation, &error))
    {
      kontor_ui_show_error (widget, _("The Change Could Not Be Made"), error);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GtkWidget *widget;
  gboolean   redo;
} UndoRequest;

static void
on_undo_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  UndoRequest *request = user_data;
  g_autoptr(GtkWidget) widget = request->widget;
  gboolean redo = request->redo;
  g_autoptr(GError) error = NULL;

  g_free (request);
  if (kontor_operation_stack_step_finish (KONTOR_OPERATION_STACK (source_object), result,
                                          &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kontor_ui_add_toast (widget, redo ? _("Redo cancelled, nothing was changed")
                                      : _("Undo cancelled, nothing was changed"));
  else
    kontor_ui_show_error (widget,
                          redo ? _("The Change Could Not Be Redone")
                               : _("The Change Could Not Be Undone"),
                          error);
}

/**
 * kontor_ui_undo:
 * @widget: the widget undo or redo was asked from
 * @context: the context whose stack keeps the changes
 * @redo: %TRUE to redo, %FALSE to undo
 *
 * Undoes the newest change of the context's stack (or redoes the one
 * undone last), if there is one: a short one here and now, a long one (an
 * import's) as a job off the main thread, which the window shows while it
 * runs and which its bar's Cancel rolls back. A failure is said in a
 * dialog over @widget's window; the change then stays where it was, or
 * leaves the stack (src/README.md "Undo").
 */
void
kontor_ui_undo (GtkWidget     *widget,
                KontorContext *context,
                gboolean       redo)
{
  KontorOperationStack *operations;
  UndoRequest *request;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));

  operations = kontor_context_get_operations (context);
  if (!kontor_context_can_edit (context) ||
      (redo ? !kontor_operation_stack_get_can_redo (operations)
            : !kontor_operation_stack_get_can_undo (operations)))
    return;

  request = g_new (UndoRequest, 1);
  request->widget = g_object_ref (widget);
  request->redo = redo;
  if (redo)
    kontor_operation_stack_redo_async (operations, NULL, on_undo_done_cb, request);
  else
    kontor_operation_stack_undo_async (operations, NULL, on_undo_done_cb, request);
}

/**
 * kontor_ui_add_question_responses:
 * @dialog: a question
 * @response: the id of its answer
 * @label: the answer's label, with its mnemonic
 * @appearance: %ADW_RESPONSE_SUGGESTED or %ADW_RESPONSE_DESTRUCTIVE
 *
 * The answers of every question of the app with one answer: "Cancel"
 * (id "cancel", also what closing the dialog or Escape says) and
 * @response. Enter gives a suggested answer, but never a destructive
 * one: then it cancels.
 */
void
kontor_ui_add_question_responses (AdwMessageDialog      *dialog,
                                  const char            *response,
                                  const char            *label,
                                  AdwResponseAppearance  appearance)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (appearance == ADW_RESPONSE_SUGGESTED ||
                    appearance == ADW_RESPONSE_DESTRUCTIVE);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_SUGGESTED
                                                   ? response : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
}

/**
 * kontor_ui_show_error:
 * @widget: the widget that failed to do something
 * @heading: what failed, in a few words
 * @error: why; its message is already translated
 *
 * Says what failed and why in a dialog over @widget's window, or on its
 * own when @widget is in none.
 */
void
kontor_ui_show_error (GtkWidget    *widget,
                      const char   *heading,
                      const GError *error)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (widget), heading,
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The first toast overlay in @root, depth first */
static AdwToastOverlay *
find_toast_overlay (GtkWidget *root)
{
  if (root == NULL || ADW_IS_TOAST_OVERLAY (root))
    return root != NULL ? ADW_TOAST_OVERLAY (root) : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_toast_overlay (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

/**
 * kontor_ui_add_toast:
 * @widget: the widget that has something to say
 * @title: what the toast says
 *
 * Shows a note that needs no answer ("Saved") in the outermost toast
 * overlay around @widget: the window's, where the undo toasts are, or the
 * widget's own when it is shown outside the window; asked from a window
 * itself, the first overlay in it. Without any overlay the note is not
 * shown; nothing depends on it.
 */
void
kontor_ui_add_toast (GtkWidget  *widget,
                     const char *title)
{
  AdwToastOverlay *overlay = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  for (GtkWidget *ancestor = widget; ancestor != NULL; ancestor = gtk_widget_get_parent (ancestor))
    {
      if (ADW_IS_TOAST_OVERLAY (ancestor))
        overlay = ADW_TOAST_OVERLAY (ancestor);
    }

  /* asked from the window itself (its actions): its own overlay */
  if (overlay == NULL)
    overlay = find_toast_overlay (GTK_WIDGET (gtk_widget_get_root (widget)));

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}

static void
on_undo_toast_dismissed_cb (AdwToast  *toast,
                            AdwToast **slot)
{
  if (*slot == toast)
    g_clear_weak_pointer (slot);
}

/**
 * kontor_ui_show_undo_toast:
 * @overlay: the toast overlay of the window whose changes it undoes
 * @slot: (inout) (nullable): where the window keeps its undo toast, a
 *   weak pointer; it lives as long as @overlay
 * @action_name: the action of its button, "win.undo"
 * @title: the change it takes back, "“Anna Schmidt” merged"
 *
 * Shows one undo toast at a time, naming the newest change: the one
 * Ctrl+Z and its button take back. While it is shown it is retitled, not
 * replaced: libadwaita 1.2 crashes when a toast that came in as another
 * went is dismissed before its entrance ends (Ctrl+Z right after two
 * quick changes). The main window and the duplicates window share it.
 */
void
kontor_ui_show_undo_toast (AdwToastOverlay  *overlay,
                           AdwToast        **slot,
                           const char       *action_name,
                           const char       *title)
{
  AdwToast *toast;
  GClosure *closure;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (slot != NULL);
  g_return_if_fail (action_name != NULL);
  g_return_if_fail (title != NULL);

  if (*slot != NULL)
    {
      adw_toast_set_title (*slot, title);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* the slot is the overlay's window's: the handler goes with the overlay */
  closure = g_cclosure_new (G_CALLBACK (on_undo_toast_dismissed_cb), slot, NULL);
  g_object_watch_closure (G_OBJECT (overlay), closure);
  g_signal_connect_closure (toast, "dismissed", closure, FALSE);
  g_set_weak_pointer (slot, toast);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * kontor_ui_dismiss_undo_toast:
 * @slot: (inout): the slot given to kontor_ui_show_undo_toast()
 *
 * Takes the undo toast away, if one is shown: what it named was undone.
 */
void
kontor_ui_dismiss_undo_toast (AdwToast **slot)
{
  g_return_if_fail (slot != NULL);

  if (*slot != NULL)
    adw_toast_dismiss (*slot);
  g_clear_weak_pointer (slot);
}

/* The views that take nothing but the context share one construct-only
 * "context" property: the class says where its pointer is kept, and
 * these handlers read and write it there. */

enum {
  CONTEXT_PROP_0,
  CONTEXT_PROP_CONTEXT,
};

static GQuark
get_context_offset_quark (void)
{
  return g_quark_from_static_string ("kontor-ui-context-offset");
}

static KontorContext **
get_context_slot (GObject *object)
{
  gsize offset = GPOINTER_TO_SIZE (g_type_get_qdata (G_OBJECT_TYPE (object),
                                                     get_context_offset_quark ()));

  g_assert (offset != 0);

  return G_STRUCT_MEMBER_P (object, offset);
}

static void
context_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  switch (prop_id)
    {
    case CONTEXT_PROP_CONTEXT:
      g_value_set_object (value, *get_context_slot (object));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
context_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case CONTEXT_PROP_CONTEXT:
      *get_context_slot (object) = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/**
 * kontor_ui_class_install_context_property:
 * @object_class: the class of a final type whose only property is its context
 * @context_offset: where the instance keeps its `KontorContext *`, from
 *   G_STRUCT_OFFSET()
 *
 * Installs the construct-only "context" property and the get_property and
 * set_property handlers that keep it at @context_offset. The instance owns
 * the reference it is given and drops it in its own dispose.
 */
void
kontor_ui_class_install_context_property (GObjectClass *object_class,
                                          gsize         context_offset)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (object_class));
  g_return_if_fail (context_offset >= sizeof (GObject));

  g_type_set_qdata (G_OBJECT_CLASS_TYPE (object_class), get_context_offset_quark (),
                    GSIZE_TO_POINTER (context_offset));

  object_class->get_property = context_get_property;
  object_class->set_property = context_set_property;
  g_object_class_install_property (object_class, CONTEXT_PROP_CONTEXT,
                                   g_param_spec_object ("context", NULL, NULL,
                                                        KONTOR_TYPE_CONTEXT,
                                                        G_PARAM_READWRITE |
                                                        G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_STATIC_STRINGS));
}

/**
 * kontor_ui_show_status_page:
 * @stack: a stack
 * @name: the name of one of its pages, an #AdwStatusPage without an icon
 *   in its .ui file
 * @icon_name: the page's icon
 *
 * Shows the page, giving it its icon the first time. A large symbolic
 * icon is an SVG, and GTK 4.8 looks up the icons of hidden pages too when
 * their window is shown: an icon set in the .ui file loaded the SVG
 * loader (librsvg) into every start, 8 MB, and kept the first frame
 * waiting for it (src/README.md "Performance targets").
 */
void
kontor_ui_show_status_page (GtkStack   *stack,
                            const char *name,
                            const char *icon_name)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (stack, name));

  if (adw_status_page_get_icon_name (page) == NULL)
    adw_status_page_set_icon_name (page, icon_name);
  gtk_stack_set_visible_child_name (stack, name);
}

#ifdef __GLIBC__
static gboolean
release_memory_cb (gpointer data)
{
  guint *source = data;

  *source = 0;
  malloc_trim (0);

  return G_SOURCE_REMOVE;
}
#endif

/**
 * kontor_ui_release_memory_soon:
 *
 * Gives memory that was freed back to the system half a second after the
 * last call. glibc keeps freed memory inside its heap for the next
 * allocation and returns only what lies at the heap's end; a table
 * scrolled through thousands of rows, or searched and sorted, leaves
 * megabytes of holes between the records and layouts it made and freed
 * (src/README.md "Performance targets"). Without glibc, nothing.
 */
void
kontor_ui_release_memory_soon (void)
{
#ifdef __GLIBC__
  static guint source;

  if (source != 0)
    g_source_remove (source);
  source = g_timeout_add_full (G_PRIORITY_LOW, 500, release_memory_cb, &source, NULL);
  g_source_set_name_by_id (source, "[kontor] release memory");
#endif
}

/**
 * kontor_ui_get_primary_menu:
 *
 * Returns: (transfer none): the main menu (Preferences, Keyboard
 *   Shortcuts, About), one model for the header of every section
 */
GMenuModel *
kontor_ui_get_primary_menu (void)
{
  static GtkBuilder *builder;

  if (builder == NULL)
    {
      builder = gtk_builder_new ();
      gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
      if (!gtk_builder_add_from_resource (builder, APP_PATH "/ui/kontor-primary-menu.ui", NULL))
        g_error ("The resource of the main menu is missing");
    }

  return G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu"));
}

/**
 * kontor_ui_new_unsaved_dialog:
 * @widget: a page in the window
 * @record: the record whose page holds changes not saved yet
 * @can_save: whether the changes may be saved (the form is valid)
 *
 * The question a page asks when it is left with changes not saved:
 * "cancel", "discard" or "save" (the default).
 *
 * Returns: (transfer floating): the dialog, not shown yet
 */
AdwMessageDialog *
kontor_ui_new_unsaved_dialog (GtkWidget    *widget,
                              KontorRecord *record,
                              gboolean      can_save)
{
  g_autofree char *name = kontor_record_dup_display_name (record);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a contact's or a company's name */
  body = g_strdup_printf (_("The changes to “%s” are not saved yet."), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (kontor_ui_get_window (widget),
                                                       _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", can_save);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

/**
 * kontor_ui_show_save_error:
 * @widget: a page in the window
 * @feedback: the page's label under its header
 * @heading: the heading of a dialog
 * @error: why the save failed
 *
 * Says why a page could not be saved: a rule of the record (any
 * %KONTOR_RECORD_ERROR) or a value the database refuses under the form,
 * anything else (a failing disk) in a dialog.
 */
void
kontor_ui_show_save_error (GtkWidget    *widget,
                           GtkLabel     *feedback,
                           const char   *heading,
                           const GError *error)
{
  if (error->domain == KONTOR_RECORD_ERROR ||
      g_error_matches (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_INVALID))
    {
      gtk_label_set_label (feedback, error->message);
      gtk_widget_set_visible (GTK_WIDGET (feedback), TRUE);
    }
  else
    kontor_ui_show_error (widget, heading, error);
}

/**
 * kontor_ui_search_takes_typing:
 * @entry: a search entry that captures the keys typed in a list
 * @list: the list (a table, a board)
 *
 * Called when the search text changes: when the typing started in @list,
 * the entry takes the focus, before a search that finds nothing hides
 * @list, which would otherwise take the next keys with the focus.
 */
void
kontor_ui_search_takes_typing (GtkSearchEntry *entry,
                               GtkWidget      *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (entry));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkEditable *editable = GTK_EDITABLE (entry);

  if (gtk_editable_get_text (editable)[0] == '\0' || focus == NULL ||
      (focus != list && !gtk_widget_is_ancestor (focus, list)))
    return;

  gtk_text_grab_focus_without_selecting (GTK_TEXT (gtk_editable_get_delegate (editable)));
  gtk_editable_set_position (editable, -1);
}

/**
 * kontor_ui_new_text_row:
 * @title: the row's title, plain text
 * @subtitle: (nullable): its subtitle, plain text
 *
 * A row that only shows something (a value, a record's name and why),
 * focusable so that a screen reader's user reaches it with the keys;
 * neither text is read as markup, whatever a record holds.
 *
 * Returns: (transfer floating): an #AdwActionRow
 */
GtkWidget *
kontor_ui_new_text_row (const char *title,
                        const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_focusable (row, TRUE);

  return row;
}

/**
 * kontor_ui_dup_role_reason:
 * @context: the context
 *
 * Returns: (transfer full) (nullable): why the current user may change no
 *   record, for the tooltips of the controls that are off ("Your role is
 *   Viewer: you can look but not change."); %NULL when the user may
 */
char *
kontor_ui_dup_role_reason (KontorContext *context)
{
  KontorUser *user = kontor_context_get_current_user (context);

  if (kontor_context_can_edit (context) || user == NULL)
    return NULL;

  /* Translators: %s is a role, "Viewer" */
  return g_strdup_printf (_("Your role is %s: you can look at records but not change them."),
                          kontor_user_role_to_string (kontor_user_get_role (user)));
}

/**
 * kontor_ui_add_capture_shortcut:
 * @widget: a page
 * @accelerator: the keys, "<Control><Shift>a"
 * @action_name: the action of @widget they run
 *
 * A shortcut that works wherever the focus is inside @widget, a text
 * field included: it is seen before the field's own key bindings (a
 * GtkText takes Shift+Ctrl+A for "select none"). For the page's main
 * action, such as recording an activity (feature A2).
 */
void
kontor_ui_add_capture_shortcut (GtkWidget  *widget,
                                const char *accelerator,
                                const char *action_name)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                                                            accelerator),
                                                          gtk_named_action_new (action_name)));
  gtk_widget_add_controller (widget, controller);
}

/**
 * kontor_ui_append_entry_row:
 * @list: a boxed #GtkListBox of a question's form
 * @title: the row's title, which names its entry for screen readers too
 * @text: (nullable): the text it starts with
 *
 * Appends an #AdwEntryRow whose Enter answers the question (its default
 * response), as the group and lead project questions ask for a name.
 *
 * Returns: (transfer none): the row
 */
GtkWidget *
kontor_ui_append_entry_row (GtkWidget  *list,
                            const char *title,
                            const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return row;
}

/**
 * kontor_ui_append_error_label:
 * @box: a vertical #GtkBox of a question's form
 *
 * Appends the empty, wrapping label in the error style under a form in
 * which the question shows the model's message for what was typed.
 *
 * Returns: (transfer none): the label
 */
GtkLabel *
kontor_ui_append_error_label (GtkWidget *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_box_append (GTK_BOX (box), label);

  return GTK_LABEL (label);
}
