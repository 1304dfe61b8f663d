/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-lead-add-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-contacts-view.h"
#include "kontor-demo-fill.h"
#include "kontor-lead-join.h"
#include "kontor-lead-project-chooser.h"
#include "kontor-selection-bar.h"
#include "kontor-shot.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* "Add to Lead Project…" of the selection bar (feature D3), by real keys
 * from xdotool: the rows selected with Ctrl+A, the bar's button
 * activated with Enter, the project chosen with Down and Enter; the
 * contacts join it once (one was in already), the toast counts both, and
 * Ctrl+Z takes back what was added. Screenshots of the question and the
 * toast in the run's language (KONTOR_SCREENSHOT_DIR). Needs X (Xvfb) and
 * xdotool: without them it skips, or fails when CI=true. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContactsView *view;
  KontorTable        *table;
  KontorLeadProject  *spring;
  KontorLeadProject  *fair;
  char               *title;      /* of the last operation applied */
} Fixture;

static void
on_applied_cb (KontorOperationStack *stack,
               KontorOperation      *operation,
               Fixture              *fixture)
{
  g_free (fixture->title);
  fixture->title = g_strdup (kontor_operation_get_title (operation));
}

static KontorLeadProject *
create_project (Fixture    *fixture,
                const char *name,
                const char *product)
{
  KontorLeadProject *project = kontor_lead_project_new (name);
  g_autoptr(GError) error = NULL;

  kontor_lead_project_set_product (project, product);
  g_assert_true (kontor_store_create_lead_project (fixture->base.store, project, &error));
  g_assert_no_error (error);

  return project;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, NULL);
  g_assert_true (kontor_demo_populate (fixture->base.store, 20, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);
  /* what the demo made: none to start with */
  kontor_test_exec (fixture->base.store, "DELETE FROM lead_entry");
  kontor_test_exec (fixture->base.store, "UPDATE lead_project SET archived = 1");
  /* every row one that may join */
  kontor_test_exec (fixture->base.store, "UPDATE contact SET status = 1");
  fixture->spring = create_project (fixture, "Frühjahrskampagne", "Brotbackkurse");
  fixture->fair = create_project (fixture, "Messe 2027", "Stand auf der Bäckereimesse");

  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "contacts-view", "table");
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  g_signal_connect (kontor_context_get_operations (fixture->context), "applied",
                    G_CALLBACK (on_applied_cb), fixture);
  fixture->window = kontor_test_present_window (app, fixture->context, 1200, 800);
  fixture->view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  fixture->table = kontor_contacts_view_get_table (fixture->view);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_contacts_view_focus_table (fixture->view);
  kontor_test_settle (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_close_message_dialogs ();
  g_signal_handlers_disconnect_by_data (kontor_context_get_operations (fixture->context), fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->spring);
  g_clear_object (&fixture->fair);
  g_free (fixture->title);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static gint64
count_entries (Fixture           *fixture,
               KontorLeadProject *project)
{
  return kontor_test_query_int (fixture->base.store,
                                "SELECT count(*) FROM lead_entry WHERE project_id = ?1",
                                id_of (project));
}

typedef struct
{
  Fixture           *fixture;
  KontorLeadProject *project;
  gint64             n;
} EntriesWait;

static gboolean
entries_are (gpointer data)
{
  EntriesWait *wait = data;

  return count_entries (wait->fixture, wait->project) == wait->n;
}

static gboolean
all_selected (gpointer data)
{
  Fixture *fixture = data;

  return kontor_contacts_view_get_n_selected (fixture->view) == 20;
}

static void
take_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  kontor_test_take_screenshots (widget, path);
}

static void
test_add_by_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorSelectionBar *bar = KONTOR_SELECTION_BAR (kontor_test_find_widget (
                                                    GTK_WIDGET (fixture->view),
                                                    KONTOR_TYPE_SELECTION_BAR));
  g_autoptr(KontorLeadAdd) before = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *added = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;
  EntriesWait wait = { fixture, fixture->fair, 20 };

  /* the first selected contact is in the fair already; no contact is in
   * Inbox or Archived (fixture_set_up()) */
  /* Ctrl+A: every row */
  kontor_test_press ("ctrl+a");
  g_assert_true (kontor_test_iterate_until (all_selected, fixture, KONTOR_TEST_TIMEOUT));
  ids = kontor_contacts_view_dup_selected_ids (fixture->view);
  before = kontor_lead_add_new (fixture->base.store, id_of (fixture->fair),
                                (const char *[]) { ids[0], NULL });
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (before), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_entries (fixture, fixture->fair), ==, 1);

  button = kontor_test_find_actionable (GTK_WIDGET (bar), "selection.add-to-lead-project");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_grab_focus (button));
  kontor_test_press ("Return");

  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  heading = g_strdup_printf (ngettext ("Add %u Contact to a Lead Project",
                                       "Add %u Contacts to a Lead Project", 20), 20);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  kontor_test_settle (300);
  take_shot (GTK_WIDGET (dialog), "lead-add-question.png");

  /* the list has the focus, the first project chosen: Down, Enter */
  kontor_test_press ("Down");
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (entries_are, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_cmpint (count_entries (fixture, fixture->spring), ==, 0);
  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact added to “%s”",
                                        "%u contacts added to “%s”", 19), 19, "Messe 2027");
  skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u was in it already",
                                          "%u were in it already", 1), 1);
  expected = g_strdup_printf (_("%s; %s"), added, skipped);
  g_assert_cmpstr (fixture->title, ==, expected);
  kontor_test_settle (400);
  take_shot (GTK_WIDGET (fixture->window), "lead-add-toast.png");

  /* Ctrl+Z: the 19 added go, the one that was in stays */
  kontor_contacts_view_focus_table (fixture->view);
  kontor_test_press ("ctrl+z");
  wait.n = 1;
  g_assert_true (kontor_test_iterate_until (entries_are, &wait, KONTOR_TEST_TIMEOUT));
}

/* Without a project to join, a toast says so and nothing is asked */
static void
test_no_project (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorSelectionBar *bar = KONTOR_SELECTION_BAR (kontor_test_find_widget (
                                                    GTK_WIDGET (fixture->view),
                                                    KONTOR_TYPE_SELECTION_BAR));

  kontor_test_exec (fixture->base.store, "UPDATE lead_project SET archived = 1");
  kontor_test_press ("ctrl+a");
  g_assert_true (kontor_test_iterate_until (all_selected, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_null (kontor_lead_project_chooser_present (GTK_WIDGET (bar), fixture->context,
                                                      (const char *[]) { "x", NULL }));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "selection.add-to-lead-project",
                                             NULL));
  kontor_test_settle (300);
  g_assert_null (kontor_test_find_message_dialog ());
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.LeadAdd");

  g_test_add ("/ui/lead-add/keys", Fixture, NULL, fixture_set_up, test_add_by_keys,
              fixture_tear_down);
  g_test_add ("/ui/lead-add/no-project", Fixture, NULL, fixture_set_up, test_no_project,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
