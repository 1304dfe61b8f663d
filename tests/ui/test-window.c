/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kontor-contacts-view.h"
#include "kontor-channel.h"
#include "kontor-demo-fill.h"
#include "kontor-field-change.h"
#include "kontor-test-utils.h"
#include "kontor-text.h"
#include "kontor-ui-test-utils.h"
#include "kontor-ui-utils.h"
#include "kontor-window.h"

/* The main window driven as a person would, through its actions and
 * widgets: the table with a demo team, search as you type, sorting by
 * clicking a header, keyboard actions, archive with undo, delete asking
 * first, column choice, accessible names. */

/* One application for all tests: it is exported on the session bus once. */
static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContactsView *view;
  KontorRecordList   *list;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);
  g_assert_true (kontor_demo_populate (fixture->base.store, 200, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1200, 800);

  fixture->view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  fixture->list = kontor_contacts_view_get_list (fixture->view);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountWait;

static gboolean
count_differs (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) != wait->n_items;
}

static void
search (Fixture    *fixture,
        const char *text)
{
  GtkEditable *entry = kontor_contacts_view_get_search_entry (fixture->view);
  CountWait wait = { G_LIST_MODEL (fixture->list),
                     g_list_model_get_n_items (G_LIST_MODEL (fixture->list)) };

  g_object_set (entry, "search-delay", 0, NULL);
  gtk_editable_set_text (entry, text);
  /* search-changed comes from the main loop; the count may also stay */
  kontor_test_iterate_until (count_differs, &wait, 1);
}

static void
test_table_shows_current_contacts (Fixture       *fixture,
                                   gconstpointer  data)
{
  gint64 current = kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact WHERE status != 3", NULL);

  g_assert_cmpint (current, >, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, current);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (kontor_contacts_view_get_table
                                                      (fixture->view))));
}

static void
test_search_as_you_type (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n;

  search (fixture, "xyzzy-nobody");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);

  /* a contact's last name, typed without its umlaut */
  search (fixture, "");
  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  g_assert_cmpuint (n, >, 0);

  for (guint i = 0; i < MIN (n, 50); i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), i);
      const char *last = kontor_contact_get_last_name (contact);
      g_autofree char *folded = NULL;
      guint found;

      if (last == NULL || g_utf8_strchr (last, -1, 0xfc /* ü */) == NULL)
        continue;

      folded = kontor_text_fold (last);
      search (fixture, folded);
      found = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
      g_assert_cmpuint (found, >, 0);
      for (guint j = 0; j < found; j++)
        {
          g_autoptr(KontorContact) hit = g_list_model_get_item (G_LIST_MODEL (fixture->list), j);
          g_autofree char *haystack = g_strdup_printf ("%s %s %s %s",
                                                       kontor_contact_get_last_name (hit) ?: "",
                                                       kontor_contact_get_first_name (hit) ?: "",
                                                       kontor_contact_get_company_name (hit) ?: "",
                                                       kontor_contact_get_notes (hit) ?: "");
          g_autofree char *folded_haystack = kontor_text_fold (haystack);
          GPtrArray *emails = kontor_contact_get_emails (hit);

          /* matched by name, company or notes — or by an e-mail address
           * that has the text in it */
          if (strstr (folded_haystack, folded) == NULL)
            {
              gboolean in_email = FALSE;

              for (guint k = 0; emails != NULL && k < emails->len && !in_email; k++)
                {
                  KontorChannel *email = g_ptr_array_index (emails, k);
                  g_autofree char *folded_email = kontor_text_fold (email->value);

                  in_email = strstr (folded_email, folded) != NULL;
                }
              g_assert_true (in_email);
            }
        }
      return;
    }

  g_test_skip ("no contact with ü in the demo team");
}

/* The one selected position (the table selects several: feature L6) */
static guint
selected_position (GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);

  return gtk_bitset_get_nth (selected, 0);
}

/* The one selected item; the list keeps it alive */
static gpointer
selected_item (GtkSelectionModel *selection)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (selection),
                                                   selected_position (selection));

  return item;
}

/* The selection (and the cursor) follow the contact across a search. */
static void
test_selection_follows_search (Fixture       *fixture,
                               gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  GListModel *list = G_LIST_MODEL (fixture->list);
  GtkSelectionModel *selection = kontor_table_get_model (table);
  guint n = g_list_model_get_n_items (list);
  g_autoptr(KontorContact) contact = g_list_model_get_item (list, 5);
  CountWait wait = { list, n };
  GtkWidget *row;

  kontor_table_set_cursor (table, 5, TRUE);
  kontor_contacts_view_focus_table (fixture->view);
  g_assert_true (selected_item (selection) == (gpointer) contact);

  /* a search that keeps the contact, at another position */
  gtk_editable_set_text (kontor_contacts_view_get_search_entry (fixture->view),
                         kontor_contact_get_last_name (contact));
  g_assert_true (kontor_test_iterate_until (count_differs, &wait, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (100);
  g_assert_true (selected_item (selection) == (gpointer) contact);
  g_assert_cmpuint (kontor_table_get_cursor (table), ==,
                    selected_position (selection));
  row = kontor_table_get_row_widget (table, kontor_table_get_cursor (table));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED);

  /* cleared: all contacts again, still selected */
  gtk_editable_set_text (kontor_contacts_view_get_search_entry (fixture->view), "");
  kontor_test_wait_n_items (list, n);
  kontor_test_settle (100);
  g_assert_true (selected_item (selection) == (gpointer) contact);
}

static void
test_sort_by_header (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  KontorFilter *filter = kontor_record_list_get_filter (fixture->list);
  KontorTableColumn *company = kontor_table_get_column (table, "company");
  GtkWidget *title;
  g_autofree char *previous = NULL;
  guint checked = 0;

  g_assert_nonnull (company);
  title = kontor_table_get_header_button (table, company);

  /* a click on the title sorts by it */
  g_signal_emit_by_name (title, "clicked");
  g_assert_cmpint (kontor_filter_get_sort_column (filter), ==, KONTOR_SORT_COMPANY);
  g_assert_false (kontor_filter_get_sort_descending (filter));

  for (guint i = 0;
       i < g_list_model_get_n_items (G_LIST_MODEL (fixture->list)) && checked < 60;
       i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), i);
      g_autofree char *name = kontor_text_fold (kontor_contact_get_company_name (contact));

      if (kontor_contact_get_company_name (contact) == NULL)
        break;   /* contacts without a company come last */
      if (previous != NULL)
        g_assert_cmpint (g_utf8_collate (previous, name), <=, 0);
      g_free (previous);
      previous = g_steal_pointer (&name);
      checked++;
    }
  g_assert_cmpuint (checked, >, 10);

  /* another click reverses */
  g_signal_emit_by_name (title, "clicked");
  g_assert_cmpint (kontor_filter_get_sort_column (filter), ==, KONTOR_SORT_COMPANY);
  g_assert_true (kontor_filter_get_sort_descending (filter));
  g_assert_cmpint (kontor_table_get_sort_order (table), ==, GTK_SORT_DESCENDING);

  /* remembered for the next start */
  {
    g_autofree char *stored = g_settings_get_string (fixture->settings, "contacts-sort-column");

    g_assert_cmpstr (stored, ==, "company");
    g_assert_true (g_settings_get_boolean (fixture->settings, "contacts-sort-descending"));
  }

  /* what the bench calls, as a click on the title would */
  kontor_contacts_view_sort_by (fixture->view, "email", GTK_SORT_ASCENDING);
  g_assert_cmpint (kontor_filter_get_sort_column (filter), ==, KONTOR_SORT_EMAIL);
  g_assert_false (kontor_filter_get_sort_descending (filter));
  g_assert_cmpstr (kontor_table_get_sort_column (table), ==, "email");
  {
    g_autofree char *stored = g_settings_get_string (fixture->settings, "contacts-sort-column");

    g_assert_cmpstr (stored, ==, "email");
  }
}

static void
test_status_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkDropDown *dropdown = NULL;
  KontorFilter *filter = kontor_record_list_get_filter (fixture->list);
  gint64 archived = kontor_test_query_int (fixture->base.store,
                                           "SELECT count(*) FROM contact WHERE status = 3", NULL);
  gint64 all = kontor_test_query_int (fixture->base.store, "SELECT count(*) FROM contact", NULL);

  dropdown = GTK_DROP_DOWN (kontor_test_find_widget (GTK_WIDGET (fixture->view),
                                                     GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);

  gtk_drop_down_set_selected (dropdown, 4);   /* Archive */
  g_assert_cmpuint (kontor_filter_get_statuses (filter), ==,
                    KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, archived);

  gtk_drop_down_set_selected (dropdown, 5);   /* All */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, all);
}

static void
test_keyboard_actions (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *entry = GTK_WIDGET (kontor_contacts_view_get_search_entry (fixture->view));
  GtkWidget *page = kontor_window_get_contact_page (fixture->window);
  g_autoptr(KontorContact) first = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (page));

  /* Ctrl+F */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_true (gtk_widget_has_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));

  /* Enter on a row opens the contact */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contact", "s",
                                             kontor_record_get_id (KONTOR_RECORD (first))));
  g_assert_true (gtk_stack_get_visible_child (stack) == page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contacts",
                                             NULL));
  g_assert_true (gtk_stack_get_visible_child (stack) ==
                 kontor_window_get_workspace (fixture->window));

  /* Ctrl+N opens the "Kontakt erstellen" dialog */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-contact",
                                             NULL));
  g_assert_nonnull (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                g_type_from_name ("KontorNewContactDialog")));
}

static void
test_archive_and_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorContact) contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
  g_autoptr(KontorFieldChange) change = NULL;
  g_autoptr(KontorContact) stored = NULL;
  KontorContactStatus before = kontor_contact_get_status (contact);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));

  g_assert_cmpint (before, !=, KONTOR_CONTACT_STATUS_ARCHIVED);

  change = kontor_field_change_new (fixture->base.store, KONTOR_RECORD (contact), "archived");
  kontor_field_change_set_enum (change, KONTOR_CONTACT_FIELD_STATUS,
                                KONTOR_CONTACT_STATUS_ARCHIVED);
  g_assert_true (kontor_ui_run_operation (GTK_WIDGET (fixture->window), fixture->context,
                                         KONTOR_OPERATION (change)));

  /* the current-contacts table no longer shows it */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n - 1);

  /* Ctrl+Z */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                              kontor_record_get_id (KONTOR_RECORD (contact)), NULL);
  g_assert_cmpint (kontor_contact_get_status (stored), ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n);
}

static void
test_delete_asks_first (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  GtkSelectionModel *selection = kontor_table_get_model (table);
  g_autoptr(KontorContact) contact = g_list_model_get_item (G_LIST_MODEL (fixture->list), 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorContact) gone = NULL;
  AdwMessageDialog *dialog;
  gint64 before = kontor_test_query_int (fixture->base.store, "SELECT count(*) FROM contact", NULL);

  gtk_selection_model_select_item (selection, 3, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "contacts.delete-selected",
                                             NULL));

  /* nothing happens before the answer */
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact", NULL), ==, before);
  dialog = ADW_MESSAGE_DIALOG (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                           ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  adw_message_dialog_response (dialog, "delete");
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact", NULL), ==, before - 1);
  gone = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                            kontor_record_get_id (KONTOR_RECORD (contact)), &error);
  g_assert_null (gone);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
}

/* Returns: (transfer none) (nullable): the column titled @title */
static KontorTableColumn *
find_column (KontorTable *table,
             const char  *title)
{
  for (guint i = 0; i < kontor_table_get_n_columns (table); i++)
    {
      KontorTableColumn *column = kontor_table_get_nth_column (table, i);

      if (g_strcmp0 (kontor_table_column_get_title (column), title) == 0)
        return column;
    }

  return NULL;
}

static void
test_choose_columns (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  g_auto(GStrv) visible = NULL;
  g_auto(GStrv) after = NULL;
  KontorTableColumn *email;
  KontorTableColumn *name;

  /* found by their titles in the language of the test, as shown */
  email = find_column (table, _("E-mail"));
  name = find_column (table, _("Name"));
  g_assert_nonnull (email);
  g_assert_nonnull (name);
  g_assert_true (kontor_table_column_get_visible (email));

  /* the check box of the column menu */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.show-email", NULL));
  g_assert_false (kontor_table_column_get_visible (email));

  visible = g_settings_get_strv (fixture->settings, "contacts-columns");
  g_assert_false (g_strv_contains ((const char * const *) visible, "email"));
  g_assert_true (g_strv_contains ((const char * const *) visible, "name"));

  /* the name column cannot be hidden: asking changes neither the table
   * nor what is remembered */
  gtk_widget_activate_action (GTK_WIDGET (table), "table.show-name", NULL);
  g_assert_true (kontor_table_column_get_visible (name));
  after = g_settings_get_strv (fixture->settings, "contacts-columns");
  g_assert_true (g_strv_contains ((const char * const *) after, "name"));
}

static guint
column_index (KontorTable *table,
              const char  *id)
{
  for (guint i = 0; i < kontor_table_get_n_columns (table); i++)
    {
      if (g_str_equal (kontor_table_column_get_id (kontor_table_get_nth_column (table, i)), id))
        return i;
    }

  return G_MAXUINT;
}

/* The column menu at a title: move left and right, hide; remembered */
static void
test_column_menu (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  KontorTableColumn *phone = kontor_table_get_column (table, "phone");
  guint before = column_index (table, "phone");
  g_auto(GStrv) stored = NULL;
  GtkWidget *menu;

  /* opened at the title: a child of it, for a screen reader */
  kontor_table_popup_column_menu (table, phone);
  menu = kontor_test_find_widget (kontor_table_get_header_button (table, phone),
                                  GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (menu);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, menu,
                                            KONTOR_TEST_TIMEOUT));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.move-left", NULL));
  g_assert_cmpuint (column_index (table, "phone"), ==, before - 1);
  stored = g_settings_get_strv (fixture->settings, "contacts-columns");
  g_assert_cmpstr (stored[before - 1], ==, "phone");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.move-right", NULL));
  g_assert_cmpuint (column_index (table, "phone"), ==, before);

  /* hidden, and remembered; its title goes with it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.show-phone", NULL));
  g_assert_false (kontor_table_column_get_visible (phone));
  g_clear_pointer (&stored, g_strfreev);
  stored = g_settings_get_strv (fixture->settings, "contacts-columns");
  g_assert_false (g_strv_contains ((const char * const *) stored, "phone"));
  g_assert_false (gtk_widget_get_visible (kontor_table_get_header_button (table, phone)));

  gtk_popover_popdown (GTK_POPOVER (menu));
}

static gboolean
table_shows_first_row (gpointer data)
{
  return kontor_table_get_row_widget (data, 0) != NULL;
}

/* A width dragged is remembered, and the next table has it */
static void
test_column_width_remembered (Fixture       *fixture,
                              gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  GtkWidget *next = NULL;
  g_autoptr(GVariant) widths = NULL;
  int width = 0;

  /* what the end of a drag at the edge of the title does */
  kontor_table_column_set_fixed_width (kontor_table_get_column (table, "email"), 321);
  g_signal_emit_by_name (table, "columns-changed");
  widths = g_settings_get_value (fixture->settings, "contacts-column-widths");
  g_assert_true (g_variant_lookup (widths, "email", "i", &width));
  g_assert_cmpint (width, ==, 321);
  g_assert_false (g_variant_lookup (widths, "name", "i", &width));

  next = g_object_ref_sink (kontor_contacts_view_new (fixture->context));
  g_assert_cmpint (kontor_table_column_get_fixed_width (
                     kontor_table_get_column (kontor_contacts_view_get_table (
                                                KONTOR_CONTACTS_VIEW (next)), "email")), ==, 321);
  g_object_unref (next);
}

/* Rows are read out by their contact's name, titles by theirs */
static void
test_table_roles_and_names (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorTable *table = kontor_contacts_view_get_table (fixture->view);
  g_autoptr(KontorRecord) first = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
  g_autofree char *name = kontor_record_dup_display_name (first);
  GtkWidget *title = kontor_table_get_header_button (table,
                                                     kontor_table_get_column (table, "company"));
  GtkWidget *row;

  g_assert_true (kontor_test_iterate_until (table_shows_first_row, table, KONTOR_TEST_TIMEOUT));
  row = kontor_table_get_row_widget (table, 0);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (table), GTK_ACCESSIBLE_ROLE_GRID));
  g_assert_nonnull (row);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_ROW));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (title),
                                               GTK_ACCESSIBLE_ROLE_COLUMN_HEADER));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       _("Company"));
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.Test");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/window/table-shows-current-contacts", test_table_shows_current_contacts);
  ADD ("/ui/window/search-as-you-type", test_search_as_you_type);
  ADD ("/ui/window/sort-by-header", test_sort_by_header);
  ADD ("/ui/window/status-filter", test_status_filter);
  ADD ("/ui/window/keyboard-actions", test_keyboard_actions);
  ADD ("/ui/window/archive-and-undo", test_archive_and_undo);
  ADD ("/ui/window/delete-asks-first", test_delete_asks_first);
  ADD ("/ui/window/choose-columns", test_choose_columns);
  ADD ("/ui/window/column-menu", test_column_menu);
  ADD ("/ui/window/column-width-remembered", test_column_width_remembered);
  ADD ("/ui/window/selection-follows-search", test_selection_follows_search);
  ADD ("/ui/window/table-roles-and-names", test_table_roles_and_names);
  ADD ("/ui/window/accessible-names", test_accessible_names);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
