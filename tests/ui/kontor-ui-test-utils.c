/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-ui-test-utils"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <gdk/x11/gdkx.h>
#include <glib/gi18n-lib.h>

#include "kontor-board-card-face.h"
#include "kontor-board-private.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"

/* Helpers for the display tests: find widgets as a person would (a row by
 * its title, a button by its label), wait for a dialog, and check that
 * every control has an accessible name (feature G2, src/README.md). */

/* ------------------------------------------------------------------------ */
/* Start */

static void
load_css (void)
{
  static const char *resources[] = {
    APP_PATH "/style.css",
    APP_PATH "/kontor-forms.css",
  };

  /* In the app AdwApplication loads style.css (which imports the forms'
   * CSS); a test has no application. */
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    {
      g_autoptr(GtkCssProvider) provider = NULL;

      if (!g_resources_get_info (resources[i], 0, NULL, NULL, NULL))
        continue;
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (provider, resources[i]);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
}

/**
 * kontor_test_ui_init:
 * @argc: main()'s argc
 * @argv: main()'s argv
 *
 * Starts a display test: the locale and translations of $LANGUAGE,
 * g_test_init() with isolated folders, GTK and libadwaita, the app's CSS.
 * Without a display it prints a TAP plan that skips everything; when
 * $CI is "true" it fails instead (exits with status 1).
 *
 * Returns: %FALSE when there is no display: main() returns 0 then
 */
gboolean
kontor_test_ui_init (int    *argc,
                     char ***argv)
{
  static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Without a display there is nothing to test. GTK starts before
   * g_test_init(): with G_TEST_OPTION_ISOLATE_DIRS the XDG folders are
   * /dev/null outside a test and empty folders inside one, so whatever
   * reads them must do it now: the icon theme (its search path), and the
   * MIME database, without which gdk-pixbuf cannot tell an SVG icon from
   * a resource ("Unrecognized image file format", fatal in a test). */
  if (!gtk_init_check ())
    {
      /* In CI a display test that finds none has not tested anything:
       * that is a failure, not a skip. */
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        {
          g_print ("Bail out! no display, and CI=true needs one (run under xvfb-run)\n");
          exit (EXIT_FAILURE);
        }
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  adw_init ();
  load_css ();
  gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_free (g_content_type_guess (NULL, (const guchar *) svg, strlen (svg), NULL));

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Accessible names */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* The text a button shows: its label, or a label inside it */
static gboolean
button_has_text (GtkWidget *button)
{
  if (has_text (gtk_button_get_label (GTK_BUTTON (button))))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (button);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && has_text (gtk_label_get_label (GTK_LABEL (child))))
        return TRUE;
      if (ADW_IS_BUTTON_CONTENT (child) &&
          has_text (adw_button_content_get_label (ADW_BUTTON_CONTENT (child))))
        return TRUE;
      if (GTK_IS_BOX (child) && button_has_text (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget))
    return button_has_text (widget);
  if (GTK_IS_MENU_BUTTON (widget))
    return has_text (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
  if (GTK_IS_CHECK_BUTTON (widget))
    return has_text (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)));

  return FALSE;
}

/* The controls a person operates, which need a name */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) ||
         GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) ||
         GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_ENTRY (widget) ||
         GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_TEXT (widget) ||
         GTK_IS_TEXT_VIEW (widget) ||
         GTK_IS_SCALE (widget);
}

static void
describe (GString   *where,
          GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  g_string_append (where, G_OBJECT_TYPE_NAME (widget));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (where, " icon=%s", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (GTK_IS_MENU_BUTTON (widget) &&
      gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL)
    g_string_append_printf (where, " icon=%s",
                            gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)));
  if (tooltip != NULL)
    g_string_append_printf (where, " tooltip=“%s”", tooltip);
}

static void
check_tree (GtkWidget *widget,
            GString   *path,
            GString   *problems,
            guint     *n_checked)
{
  gsize path_len = path->len;

  /* What nobody can see or reach (a hidden stack page, a closed popover,
   * libadwaita's disabled preferences search) is not checked; popovers
   * of menu buttons are, see below. */
  if ((!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget)) &&
      !GTK_IS_POPOVER (widget))
    return;
  if (GTK_IS_POPOVER (widget) && path->len > 0 && !g_str_has_suffix (path->str, "GtkMenuButton"))
    return;

  if (path->len > 0)
    g_string_append (path, " > ");
  g_string_append (path, G_OBJECT_TYPE_NAME (widget));

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      (*n_checked)++;
      if (!has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))))
        g_string_append_printf (problems, "\n  row without a title: %s", path->str);

      /* A row's own widgets take its title; only what was added as prefix
       * or suffix is ours to check. A combo row's suffixes are its own. */
      if (ADW_IS_COMBO_ROW (widget))
        goto out;
      if (ADW_IS_ACTION_ROW (widget) || ADW_IS_ENTRY_ROW (widget))
        {
          GtkWidget *header = gtk_widget_get_first_child (widget);

          for (GtkWidget *box = header != NULL ? gtk_widget_get_first_child (header) : NULL;
               box != NULL;
               box = gtk_widget_get_next_sibling (box))
            {
              if (!gtk_widget_has_css_class (box, "prefixes") &&
                  !gtk_widget_has_css_class (box, "suffixes"))
                continue;
              for (GtkWidget *child = gtk_widget_get_first_child (box);
                   child != NULL;
                   child = gtk_widget_get_next_sibling (child))
                check_tree (child, path, problems, n_checked);
            }
          goto out;
        }
    }
  else if (is_control (widget))
    {
      (*n_checked)++;
      if (!has_accessible_name (widget))
        {
          g_string_append (problems, "\n  no accessible name: ");
          describe (problems, widget);
          g_string_append_printf (problems, " at %s", path->str);
        }

      /* The inside of a control is the control's business, except the
       * popover a menu button opens. */
      if (GTK_IS_MENU_BUTTON (widget))
        {
          GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

          if (popover != NULL && !GTK_IS_POPOVER_MENU (popover))
            check_tree (GTK_WIDGET (popover), path, problems, n_checked);
        }
      goto out;
    }
  else if (GTK_IS_POPOVER_MENU (widget))
    {
      /* menu items come from a GMenuModel with labels */
      goto out;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tree (child, path, problems, n_checked);

out:
  g_string_truncate (path, path_len);
}

static gboolean
accessible_properties_are_recorded (void)
{
  GtkWidget *probe = g_object_ref_sink (gtk_button_new ());
  gboolean recorded;

  gtk_accessible_update_property (GTK_ACCESSIBLE (probe), GTK_ACCESSIBLE_PROPERTY_LABEL, "probe",
                                  -1);
  recorded = gtk_test_accessible_has_property (GTK_ACCESSIBLE (probe),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_unref (probe);

  return recorded;
}

/**
 * kontor_test_assert_accessible:
 * @root: a window or any widget
 *
 * Fails the running test unless every button, menu button, check button,
 * switch, drop-down, spin button, entry and text view under @root has an
 * accessible name: an accessible label, a labelled-by relation, or the
 * text it shows; and every libadwaita row has a title (a row's own
 * widgets take it; only its prefixes and suffixes are checked). Hidden
 * widgets are skipped, but the popovers of menu buttons are checked. All
 * problems are listed at once.
 *
 * GTK keeps accessible properties only with an accessibility backend:
 * run with `GTK_A11Y=test` (it needs no bus). With `GTK_A11Y=none` the
 * test is skipped, as the names cannot be read.
 */
void
kontor_test_assert_accessible (GtkWidget *root)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_checked = 0;

  g_return_if_fail (GTK_IS_WIDGET (root));

  if (!accessible_properties_are_recorded ())
    {
      g_test_skip ("accessible names cannot be read: run with GTK_A11Y=test");
      return;
    }

  check_tree (root, path, problems, &n_checked);
  g_test_message ("%u controls and rows checked in %s", n_checked, G_OBJECT_TYPE_NAME (root));

  if (problems->len > 0)
    g_test_fail_printf ("controls without an accessible name in %s:%s",
                        G_OBJECT_TYPE_NAME (root), problems->str);
  g_assert_cmpuint (n_checked, >, 0);
}

/* ------------------------------------------------------------------------ */
/* Finding widgets */

/**
 * kontor_test_find_matching:
 * @widget: where to look
 * @match: says whether a widget is the one
 * @data: for @match
 *
 * Looks at @widget, the widgets under it and the popovers of menu
 * buttons.
 *
 * Returns: (transfer none) (nullable): the first widget @match accepts
 */
GtkWidget *
kontor_test_find_matching (GtkWidget       *widget,
                           KontorTestMatch  match,
                           const void      *data)
{
  if (match (widget, data))
    return widget;

  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

      if (popover != NULL && gtk_widget_get_parent (GTK_WIDGET (popover)) != widget)
        {
          GtkWidget *found = kontor_test_find_matching (GTK_WIDGET (popover), match, data);

          if (found != NULL)
            return found;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kontor_test_find_matching (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_row (GtkWidget  *widget,
           const void *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
match_button (GtkWidget  *widget,
              const void *label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
match_type (GtkWidget  *widget,
            const void *type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) type);
}

/**
 * kontor_test_find_row:
 * @root: where to look
 * @title: the row's title, exactly
 *
 * Returns: (transfer none) (nullable): the first libadwaita row titled @title
 */
GtkWidget *
kontor_test_find_row (GtkWidget  *root,
                      const char *title)
{
  return kontor_test_find_matching (root, match_row, title);
}

/**
 * kontor_test_find_button:
 * @root: where to look
 * @label: the button's label, exactly (with its mnemonic underscore)
 *
 * Returns: (transfer none) (nullable): the first button labelled @label
 */
GtkWidget *
kontor_test_find_button (GtkWidget  *root,
                         const char *label)
{
  return kontor_test_find_matching (root, match_button, label);
}

/**
 * kontor_test_find_widget:
 * @root: where to look
 * @type: a widget type
 *
 * Returns: (transfer none) (nullable): @root or the first widget under it
 *   of @type
 */
GtkWidget *
kontor_test_find_widget (GtkWidget *root,
                         GType      type)
{
  return kontor_test_find_matching (root, match_type, &type);
}

typedef struct
{
  GType       type;
  const char *css_class;
} TypeAndClass;

static gboolean
match_type_and_class (GtkWidget  *widget,
                      const void *data)
{
  const TypeAndClass *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         gtk_widget_has_css_class (widget, wanted->css_class);
}

/**
 * kontor_test_find_with_class:
 * @root: where to look
 * @type: a widget type
 * @css_class: a style class
 *
 * Returns: (transfer none) (nullable): the first widget below @root, or
 *   @root, of @type that has @css_class
 */
GtkWidget *
kontor_test_find_with_class (GtkWidget  *root,
                             GType       type,
                             const char *css_class)
{
  TypeAndClass wanted = { type, css_class };

  return kontor_test_find_matching (root, match_type_and_class, &wanted);
}

/**
 * kontor_test_find_transient:
 * @parent: a window
 * @type: a window type, such as %ADW_TYPE_MESSAGE_DIALOG
 *
 * Returns: (transfer none) (nullable): a shown window of @type that is
 *   transient for @parent
 */
GtkWindow *
kontor_test_find_transient (GtkWindow *parent,
                            GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/**
 * kontor_test_find_message_dialog:
 *
 * Returns: (transfer none) (nullable): a message dialog that is shown
 */
AdwMessageDialog *
kontor_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return kontor_test_find_message_dialog () != NULL;
}

/**
 * kontor_test_wait_for_message_dialog:
 *
 * Waits (bounded) until a message dialog is shown.
 *
 * Returns: (transfer none) (nullable): the dialog, %NULL when none came
 */
AdwMessageDialog *
kontor_test_wait_for_message_dialog (void)
{
  kontor_test_iterate_until (message_dialog_shown, NULL, KONTOR_TEST_TIMEOUT);

  return kontor_test_find_message_dialog ();
}

/**
 * kontor_test_close_message_dialogs:
 *
 * Closes every message dialog a test left open, for its tear-down.
 */
void
kontor_test_close_message_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = kontor_test_find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
on_settle_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/**
 * kontor_test_settle:
 * @milliseconds: how long
 *
 * Runs the main loop for a while: layout, painting, idle handlers.
 */
void
kontor_test_settle (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_settle_timeout, &done);
  g_assert_true (kontor_test_iterate_until (is_true, &done, KONTOR_TEST_TIMEOUT));
}

/**
 * kontor_test_widget_is_mapped:
 * @widget: a #GtkWidget
 *
 * For kontor_test_iterate_until().
 *
 * Returns: whether @widget is mapped
 */
gboolean
kontor_test_widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

/**
 * kontor_test_app_new:
 * @application_id: the test program's own id, so test programs running at
 *   the same time do not meet on the session bus
 *
 * Returns: (transfer full): a registered application for the windows of
 *   all tests of one program
 */
AdwApplication *
kontor_test_app_new (const char *application_id)
{
  g_autoptr(GError) error = NULL;
  AdwApplication *app = adw_application_new (application_id, G_APPLICATION_NON_UNIQUE);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

/**
 * kontor_test_present_window:
 * @app: the test program's application
 * @context: what the window shows
 * @width: the window's default width
 * @height: the window's default height
 *
 * Returns: (transfer none): a new main window, shown and mapped
 */
KontorWindow *
kontor_test_present_window (AdwApplication *app,
                            KontorContext  *context,
                            int             width,
                            int             height)
{
  KontorWindow *window = kontor_window_new (app, context);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, window,
                                            KONTOR_TEST_TIMEOUT));

  return window;
}

/* Real input, as a person gives it: xdotool (XTEST) into the X server,
 * nothing called on the widgets. */

/**
 * kontor_test_xdotool:
 * @args: the arguments of one xdotool command
 *
 * Runs xdotool; a failure fails the test.
 */
void
kontor_test_xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static gboolean
window_is_active (gpointer window)
{
  return gtk_window_is_active (GTK_WINDOW (window));
}

/**
 * kontor_test_focus_window:
 * @window: a shown window
 *
 * Gives the X input focus to @window, as a window manager would when a
 * person clicks it (Xvfb has none). */
void
kontor_test_focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", gdk_x11_surface_get_xid (surface));

  kontor_test_xdotool ((const char *[]) { "windowfocus", "--sync", xid, NULL });
  /* the X server has given the focus; GTK learns it from an event it may
   * not have read yet on a loaded machine, and keys sent before then go
   * to the window it still takes for the active one */
  kontor_test_iterate_until (window_is_active, window, KONTOR_TEST_TIMEOUT);
  kontor_test_settle (50);
}

/**
 * kontor_test_press:
 * @keys: key names for xdotool, separated by spaces
 *
 * Presses @keys ("ctrl+n", "Tab") one after the other, then lets GTK
 * handle them. */
void
kontor_test_press (const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add_many (args, "key", "--clearmodifiers", "--delay", "40", NULL);
  g_strv_builder_addv (args, (const char **) names);
  argv = g_strv_builder_end (args);
  kontor_test_xdotool ((const char * const *) argv);
  kontor_test_settle (100);
}

/**
 * kontor_test_click:
 * @widget: a shown widget
 * @button: "1" (left) or "3" (right)
 * @repeat: how many clicks, "1" or "2"
 *
 * Clicks @button (1 or 3) @repeat times in the middle of @widget, with
 * the mouse, as a person does. */
void
kontor_test_click (GtkWidget  *widget,
              const char *button,
              const char *repeat)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *xid = g_strdup_printf ("%lu", gdk_x11_surface_get_xid (surface));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  double dx, dy, point_x, point_y;

  gtk_native_get_surface_transform (native, &dx, &dy);
  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0,
                                                   &point_x, &point_y));
  x = g_strdup_printf ("%d", (int) (point_x + dx));
  y = g_strdup_printf ("%d", (int) (point_y + dy));
  kontor_test_xdotool ((const char *[]) { "mousemove", "--window", xid, x, y,
                                  "click", "--repeat", repeat, "--delay", "80", button, NULL });
  kontor_test_settle (200);
}

/**
 * kontor_test_click_with:
 * @widget: a shown widget
 * @key: the key held, e.g. "ctrl" or "shift"
 *
 * A left click with @key held, as a person does Ctrl+click.
 */
void
kontor_test_click_with (GtkWidget  *widget,
                        const char *key)
{
  kontor_test_xdotool ((const char *[]) { "keydown", key, NULL });
  kontor_test_click (widget, "1", "1");
  kontor_test_xdotool ((const char *[]) { "keyup", key, NULL });
  kontor_test_settle (100);
}

static gboolean
has_action_name (GtkWidget  *widget,
                 const void *data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/**
 * kontor_test_find_actionable:
 * @root: where to look
 * @action_name: an action's full name, "selection.archive"
 *
 * Returns: (transfer none) (nullable): the first button (or other
 *   actionable) under @root that activates @action_name
 */
GtkWidget *
kontor_test_find_actionable (GtkWidget  *root,
                             const char *action_name)
{
  return kontor_test_find_matching (root, has_action_name, action_name);
}

/**
 * kontor_test_keys_can_be_sent:
 *
 * Whether there is X and xdotool, for tests that press keys: without them
 * the test program skips, or fails when CI=true.
 *
 * Returns: %TRUE when keys can be sent
 */
gboolean
kontor_test_keys_can_be_sent (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  const char *missing = NULL;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    missing = "an X display (GDK_BACKEND=x11)";
  else if (xdotool == NULL)
    missing = "xdotool";
  if (missing == NULL)
    return TRUE;

  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    {
      g_print ("Bail out! key presses need %s, and CI=true cannot do without\n", missing);
      exit (EXIT_FAILURE);
    }
  g_print ("1..0 # SKIP key presses need %s\n", missing);

  return FALSE;
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

/**
 * kontor_test_wait_n_items:
 * @model: a list
 * @n_items: how many items it shall have
 *
 * Runs the main loop until @model has @n_items (a search, a store change
 * that it follows); fails the test when it does not come.
 */
void
kontor_test_wait_n_items (GListModel *model,
                          guint       n_items)
{
  CountWait wait = { model, n_items };

  if (!kontor_test_iterate_until (has_n_items, &wait, KONTOR_TEST_TIMEOUT))
    g_error ("the list has %u items, not %u", g_list_model_get_n_items (model), n_items);
}

/* ------------------------------------------------------------------------ */
/* Toasts */

/**
 * kontor_test_collect_toasts:
 * @root: a widget
 * @texts: (element-type utf8): where the texts go
 *
 * The texts of the toasts shown in @root now (AdwToastWidget is private).
 */
void
kontor_test_collect_toasts (GtkWidget *root,
                GPtrArray *texts)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "AdwToastWidget"))
    {
      GtkWidget *label = kontor_test_find_widget (root, GTK_TYPE_LABEL);

      g_ptr_array_add (texts, g_strdup (label != NULL ? gtk_label_get_text (GTK_LABEL (label))
                                                      : ""));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kontor_test_collect_toasts (child, texts);
}

/**
 * kontor_test_shows_toast:
 * @window: a window
 * @text: a toast's text
 *
 * Returns: whether @window shows a toast saying @text now
 */
gboolean
kontor_test_shows_toast (GtkWidget  *window,
             const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  kontor_test_collect_toasts (window, texts);

  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

/* ------------------------------------------------------------------------ */
/* Board cards */

/**
 * kontor_test_collect_cards:
 * @root: a widget, a board or a window
 * @cards: (element-type KontorBoardCard): where the cards go
 *
 * The board cards under @root that are shown and hold a contact.
 */
void
kontor_test_collect_cards (GtkWidget *root,
                           GPtrArray *cards)
{
  if (KONTOR_IS_BOARD_CARD (root))
    {
      if (gtk_widget_get_mapped (root) &&
          kontor_board_card_get_contact (KONTOR_BOARD_CARD (root)) != NULL)
        g_ptr_array_add (cards, root);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kontor_test_collect_cards (child, cards);
}

static gboolean
full_cards_laid_out (gpointer data)
{
  GPtrArray *cards = data;

  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *child = gtk_widget_get_first_child (g_ptr_array_index (cards, i));

      if (child == NULL || gtk_widget_get_width (child) == 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * kontor_test_assert_drawn_as_full:
 * @cards: (element-type KontorBoardCard): cards drawn now (no widgets)
 *
 * Makes @cards full and asserts that each is exactly as high as it was
 * drawn and has each part where it drew it (src/README.md "The board").
 *
 * Returns: how many parts were compared
 */
guint
kontor_test_assert_drawn_as_full (GPtrArray *cards)
{
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  guint compared = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (cards, i);
      int height = gtk_widget_get_height (card);

      g_assert_null (gtk_widget_get_first_child (card));
      g_assert_cmpint (height, >, 0);
      g_array_append_val (heights, height);
      for (int part = 0; part < KONTOR_CARD_N_PARTS; part++)
        {
          graphene_rect_t place;

          _kontor_board_card_get_drawn_place (KONTOR_BOARD_CARD (card), part, &place);
          g_array_append_val (places, place);
        }
      _kontor_board_card_make_full (KONTOR_BOARD_CARD (card));
    }
  /* the full cards laid out, however long a loaded machine takes */
  g_assert_true (kontor_test_iterate_until (full_cards_laid_out, cards, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (100);
  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (cards, i);

      g_assert_nonnull (gtk_widget_get_first_child (card));
      g_assert_cmpint (gtk_widget_get_height (card), ==, g_array_index (heights, int, i));
      for (int part = 0; part < KONTOR_CARD_N_PARTS; part++)
        {
          const graphene_rect_t *drawn = &g_array_index (places, graphene_rect_t,
                                                         i * KONTOR_CARD_N_PARTS + part);
          GtkWidget *widget = _kontor_board_card_get_part (KONTOR_BOARD_CARD (card), part);
          graphene_rect_t full;

          if (widget == NULL || !gtk_widget_get_visible (widget) ||
              !gtk_widget_compute_bounds (widget, card, &full))
            {
              g_assert_cmpfloat (drawn->size.width, ==, 0);
              continue;
            }
          g_assert_true (graphene_rect_equal (drawn, &full));
          compared++;
        }
    }

  return compared;
}
