/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-screenshots"

#include "config.h"

#include <adwaita.h>

#include "kontor-contacts-view.h"
#include "kontor-demo-fill.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* Renders the main window (table and board) and a contact's page with the
 * demo team, light and dark, in the language of $LANGUAGE, into
 * $KONTOR_SCREENSHOT_DIR, so that a person can look at them (meson runs
 * this once for German and once for English). Checks that each picture
 * shows something (kontor_test_take_screenshot()) and that the window
 * speaks the language asked for. */

static void
shoot (GtkWidget  *window,
       const char *language,
       const char *style,
       const char *what)
{
  g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", what, language, style);
  g_autofree char *path = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"), name, NULL);

  kontor_test_take_screenshot (window, path);
}

/* Returns: (transfer none) (nullable): the title the header bar shows */
static const char *
shown_title (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (ADW_IS_WINDOW_TITLE (widget))
    return adw_window_title_get_title (ADW_WINDOW_TITLE (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title = shown_title (child);

      if (title != NULL)
        return title;
    }

  return NULL;
}

static KontorContact *
find_rich_contact (GListModel *list)
{
  /* a contact with much to show: notes, a birthday, a company */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (list, i);

      if (kontor_contact_get_notes (contact) != NULL &&
          kontor_contact_get_birthday (contact) != NULL &&
          kontor_contact_get_company_id (contact) != NULL)
        return g_steal_pointer (&contact);
    }

  return g_list_model_get_item (list, 0);
}

static void
test_screenshots (void)
{
  const char *language = g_getenv ("KONTOR_SCREENSHOT_LANGUAGE");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = kontor_test_open_store (&path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KontorContext) context = kontor_context_new (store, settings);
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.kontor.Kontor.Screenshots",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(KontorContact) contact = NULL;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  static const struct { const char *name; AdwColorScheme scheme; } styles[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };
  const char *contacts_title;
  KontorWindow *window;
  GtkWidget *view;

  g_assert_nonnull (language);
  contacts_title = g_str_equal (language, "de") ? "Kontakte" : "Contacts";
  g_assert_true (kontor_demo_populate (store, KONTOR_DEMO_DEFAULT_CONTACTS,
                                       KONTOR_DEMO_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = kontor_test_present_window (app, context, 1280, 800);

  view = kontor_window_get_contacts_view (window);
  contact = find_rich_contact (G_LIST_MODEL (kontor_contacts_view_get_list
                                               (KONTOR_CONTACTS_VIEW (view))));

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      adw_style_manager_set_color_scheme (style_manager, styles[i].scheme);

      kontor_window_show_contacts (window);
      kontor_test_settle (600);
      /* the translation is in use: the window says "Kontakte" in German */
      g_assert_cmpstr (shown_title (GTK_WIDGET (window)), ==, contacts_title);
      shoot (GTK_WIDGET (window), language, styles[i].name, "contacts");

      kontor_window_show_contact (window, kontor_record_get_id (KONTOR_RECORD (contact)));
      kontor_test_settle (600);
      shoot (GTK_WIDGET (window), language, styles[i].name, "contact");

      /* the pipeline board with the same contacts */
      g_settings_set_string (settings, "contacts-view", "board");
      kontor_window_show_contacts (window);
      kontor_test_settle (600);
      g_assert_cmpstr (shown_title (GTK_WIDGET (window)), ==, contacts_title);
      shoot (GTK_WIDGET (window), language, styles[i].name, "board");
      g_settings_set_string (settings, "contacts-view", "table");
    }

  /* narrow, a row selected: the columns scroll sideways */
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 600);
  kontor_window_show_contacts (window);
  kontor_contacts_view_select (KONTOR_CONTACTS_VIEW (view),
                               kontor_record_get_id (KONTOR_RECORD (contact)));
  kontor_test_settle (600);
  shoot (GTK_WIDGET (window), language, "light", "contacts-narrow");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  kontor_test_close_store (&store, path);
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/screenshots", test_screenshots);

  return g_test_run ();
}
