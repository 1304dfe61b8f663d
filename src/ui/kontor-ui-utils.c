/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-ui-utils"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-ui-utils.h"

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

/**
 * kontor_ui_add_toast:
 * @widget: the widget that has something to say
 * @title: what the toast says
 *
 * Shows a note that needs no answer ("Saved") in the outermost toast
 * overlay around @widget: the window's, where the undo toasts are, or the
 * widget's own when it is shown outside the window. Without any overlay
 * the note is not shown; nothing depends on it.
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

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}
