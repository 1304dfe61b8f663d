/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-data-protection-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-contact-page.h"
#include "kontor-contacts-view.h"
#include "kontor-table.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* Data protection on the contact's page (feature X11, src/README.md
 * "Data protection") by real keys: the objection to marketing switched on
 * in the form, saved with Ctrl+S, and its mark beside the name;
 * screenshots in the run's language. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContact      *contact;
  KontorContact      *other;
} Fixture;

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, NULL);
  fixture->contact = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->contact, "Jörg");
  kontor_contact_set_last_name (fixture->contact, "Straßer");
  kontor_contact_add_email (fixture->contact, "work", "joerg@example.com");
  kontor_contact_set_status (fixture->contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_test_save (fixture->base.store, fixture->contact);
  fixture->other = kontor_contact_new ();
  kontor_contact_set_first_name (fixture->other, "Anna");
  kontor_contact_set_last_name (fixture->other, "Berg");
  kontor_contact_set_status (fixture->other, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_test_save (fixture->base.store, fixture->other);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 860);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_close_message_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_clear_object (&fixture->contact);
  g_clear_object (&fixture->other);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

/* The switch in the form, by Space, marks the page changed and shows the
 * mark beside the name; Ctrl+S stores it with one outbox entry, and the
 * mark stays when the page is shown again */
static void
test_marketing_objection (Fixture       *fixture,
                          gconstpointer  data)
{
  KontorContactPage *page = KONTOR_CONTACT_PAGE (kontor_window_get_contact_page (fixture->window));
  g_autoptr(KontorContact) stored = NULL;
  GtkWidget *row, *toggle, *mark;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contact",
                                             "s", id_of (fixture->contact)));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  row = kontor_test_find_row (GTK_WIDGET (page), _("Objects to Marketing"));
  g_assert_nonnull (row);
  toggle = kontor_test_find_widget (row, GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  kontor_test_assert_accessible (row);
  mark = kontor_test_find_with_class (GTK_WIDGET (page), GTK_TYPE_IMAGE, "marketing-objection");
  g_assert_nonnull (mark);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (gtk_widget_get_visible (mark));

  gtk_widget_grab_focus (toggle);
  kontor_test_settle (100);
  kontor_test_press ("space");
  kontor_test_settle (200);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (kontor_contact_page_get_dirty (page));
  g_assert_true (gtk_widget_get_visible (mark));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (mark), ==,
                   _("Objects to marketing: left out of mailings and mail merges"));
  kontor_test_assert_accessible (GTK_WIDGET (page));
  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"),
                                                "contact-marketing-objection.png", NULL);

      kontor_test_settle (300);
      kontor_test_take_screenshots (GTK_WIDGET (fixture->window), shot);
    }

  kontor_test_press ("ctrl+s");
  kontor_test_settle (300);
  g_assert_false (kontor_contact_page_get_dirty (page));
  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, id_of (fixture->contact),
                              NULL);
  g_assert_true (kontor_contact_get_marketing_objection (stored));
  g_assert_false (kontor_contact_allows_marketing (stored));
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM outbox WHERE entity_id = ?1 "
                                          "AND op = 'update' AND field = 'marketing_objection'",
                                          id_of (fixture->contact)), ==, 1);

  /* shown anew from the store, the mark is there */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contact",
                                             "s", id_of (fixture->contact)));
  kontor_test_settle (300);
  g_assert_true (gtk_widget_get_visible (mark));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
}

/* The mark of row @position of the contacts table, and its name */
static GtkWidget *
row_mark (KontorTable  *table,
          guint         position,
          const char  **name)
{
  GtkWidget *row = kontor_table_get_row_widget (table, position);
  GtkWidget *text;

  g_assert_nonnull (row);
  text = kontor_test_find_widget (row, GTK_TYPE_INSCRIPTION);
  g_assert_nonnull (text);
  *name = gtk_inscription_get_text (GTK_INSCRIPTION (text));

  return kontor_test_find_with_class (row, GTK_TYPE_IMAGE, "marketing-objection");
}

/* The table's name cell marks the person who objects, and only them; the
 * mark follows a change saved elsewhere */
static void
test_table_mark (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorContactsView *view =
    KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  KontorTable *table = kontor_contacts_view_get_table (view);
  guint n_marked = 0;

  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)), 2);
  kontor_test_settle (200);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = NULL;
      GtkWidget *mark = row_mark (table, i, &name);

      g_assert_nonnull (mark);
      g_assert_false (gtk_widget_get_visible (mark));
    }

  kontor_contact_set_marketing_objection (fixture->contact, TRUE);
  kontor_test_save (fixture->base.store, fixture->contact);
  kontor_test_settle (300);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = NULL;
      GtkWidget *mark = row_mark (table, i, &name);

      g_assert_cmpint (gtk_widget_get_visible (mark), ==, g_str_equal (name, "Jörg Straßer"));
      if (gtk_widget_get_visible (mark))
        {
          n_marked++;
          g_assert_cmpstr (gtk_widget_get_tooltip_text (mark), ==,
                           _("Objects to marketing: left out of mailings and mail merges"));
        }
    }
  g_assert_cmpuint (n_marked, ==, 1);
  kontor_test_assert_accessible (GTK_WIDGET (table));
  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"),
                                                "table-marketing-objection.png", NULL);

      kontor_test_take_screenshots (GTK_WIDGET (fixture->window), shot);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    g_mkdir_with_parents (g_getenv ("KONTOR_SCREENSHOT_DIR"), 0755);
  app = kontor_test_app_new ("io.github.kontor.Kontor.DataProtection");

#define ADD(path, func) \
  g_test_add ("/ui/data-protection/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("marketing-objection", test_marketing_objection);
  ADD ("table-mark", test_table_mark);
#undef ADD

  return g_test_run ();
}
